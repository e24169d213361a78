/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-synced-message"

#include "config.h"

#include "flaw-synced-message.h"

FlawSyncedAttachment *
flaw_synced_attachment_new (void)
{
  FlawSyncedAttachment *attachment = g_new0 (FlawSyncedAttachment, 1);

  attachment->size = -1;

  return attachment;
}

void
flaw_synced_attachment_free (FlawSyncedAttachment *attachment)
{
  if (attachment == NULL)
    return;

  g_free (attachment->blob_id);
  g_free (attachment->name);
  g_free (attachment->type);
  g_free (attachment);
}

FlawSyncedMessage *
flaw_synced_message_new (void)
{
  FlawSyncedMessage *message = g_new0 (FlawSyncedMessage, 1);

  message->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_synced_attachment_free);

  return message;
}

void
flaw_synced_message_free (FlawSyncedMessage *message)
{
  if (message == NULL)
    return;

  g_free (message->remote_id);
  g_free (message->message_id);
  g_free (message->in_reply_to);
  g_strfreev (message->refs);
  g_free (message->title);
  g_free (message->reporter);
  g_free (message->reporter_address);
  g_free (message->body);
  g_free (message->severity);
  g_free (message->cvss_vector);
  g_free (message->cwe);
  g_clear_pointer (&message->attachments, g_ptr_array_unref);
  g_free (message);
}
