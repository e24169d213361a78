/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Metadata of one attachment; the content is downloaded only on request. */
typedef struct
{
  char   *blob_id;
  char   *name;
  char   *type;
  gint64  size;
} FlawSyncedAttachment;

/*
 * One message (a mail or an advisory) as a source delivered it, before it is
 * stored as a report. Severity, CVSS and CWE are hints from the remote and
 * are used only when the report is first created.
 */
typedef struct
{
  char      *remote_id;
  char      *message_id;
  char      *in_reply_to;
  GStrv      refs;
  char      *title;
  char      *reporter;
  char      *reporter_address;
  gint64     received;
  char      *body;
  gboolean   body_truncated;
  gboolean   html_only;
  char      *severity;
  char      *cvss_vector;
  double     cvss_score;
  gboolean   has_cvss_score;
  char      *cwe;
  GPtrArray *attachments;
} FlawSyncedMessage;

FlawSyncedAttachment *flaw_synced_attachment_new  (void);
void                  flaw_synced_attachment_free (FlawSyncedAttachment *attachment);

FlawSyncedMessage    *flaw_synced_message_new     (void);
void                  flaw_synced_message_free    (FlawSyncedMessage    *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawSyncedAttachment, flaw_synced_attachment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawSyncedMessage, flaw_synced_message_free)

G_END_DECLS
