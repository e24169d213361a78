/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "flaw-database.h"
#include "flaw-synced-message.h"

G_BEGIN_DECLS

/*
 * What one sync step delivers for a source: the messages seen, the ids that
 * left the mailbox, and the sync position that covers exactly this data.
 */
typedef struct
{
  gint64      source_id;
  GPtrArray  *messages;
  GPtrArray  *withdrawn_ids;
  GHashTable *present_ids;
  char       *state;
} FlawIngestBatch;

typedef struct
{
  guint   n_new;
  guint   n_updated;
  guint   n_unchanged;
  guint   n_withdrawn;
  GArray *new_report_ids;
} FlawIngestResult;

/* Called inside the transaction after each message is written. */
typedef void (*FlawIngestHook) (guint    index,
                                gpointer user_data);

FlawIngestBatch  *flaw_ingest_batch_new          (gint64                  source_id);
void              flaw_ingest_batch_free         (FlawIngestBatch        *batch);
void              flaw_ingest_batch_set_complete (FlawIngestBatch        *batch);
void              flaw_ingest_batch_add_present  (FlawIngestBatch        *batch,
                                                  const char             *remote_id);

FlawIngestResult *flaw_ingest_result_new         (void);
void              flaw_ingest_result_free        (FlawIngestResult       *result);
void              flaw_ingest_result_add         (FlawIngestResult       *result,
                                                  const FlawIngestResult *other);

gboolean          flaw_report_ingest_apply       (FlawDatabase           *database,
                                                  FlawIngestBatch        *batch,
                                                  FlawIngestResult       *result,
                                                  GError                **error);

void              flaw_report_ingest_set_hook    (FlawIngestHook          hook,
                                                  gpointer                user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawIngestBatch, flaw_ingest_batch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawIngestResult, flaw_ingest_result_free)

G_END_DECLS
