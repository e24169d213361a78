/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * libFuzzer target for the response parsers: the JMAP session resource and
 * method responses (with every method the sync reads), the GitHub
 * advisories list and Link header, and the HTML-to-text conversion.
 */

#include "config.h"

#include <stdint.h>

#include "flaw-github-codec.h"
#include "flaw-jmap-codec.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
quiet_log (const char     *log_domain,
           GLogLevelFlags  log_level,
           const char     *message,
           gpointer        user_data)
{
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_default_handler (quiet_log, NULL);

  return 0;
}

static void
walk_response (const char *text,
               gsize       length)
{
  g_autoptr(FlawJmapResponse) response = flaw_jmap_response_parse (text, length, NULL);

  if (response == NULL)
    return;

  for (guint i = 0; i < response->invocations->len; i++)
    {
      FlawJmapInvocation *invocation = g_ptr_array_index (response->invocations, i);
      g_autoptr(FlawJmapChanges) changes = NULL;
      g_autoptr(GPtrArray) elsewhere = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) messages = NULL;
      g_autoptr(GPtrArray) ids = NULL;
      g_autofree char *mailbox = NULL;
      g_autofree char *state = NULL;
      JsonObject *arguments;

      arguments = flaw_jmap_response_get (response, invocation->call_id, invocation->name, NULL);
      if (arguments == NULL)
        continue;

      changes = flaw_jmap_changes_parse (arguments, NULL);
      ids = flaw_jmap_parse_ids (arguments, "ids", NULL);
      mailbox = flaw_jmap_find_mailbox (arguments, "inbox", NULL);
      messages = flaw_jmap_email_list_parse (arguments, "M1", 64, elsewhere, &state, NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GUri) base = g_uri_parse ("https://mail.example.org/jmap/session", G_URI_FLAGS_NONE, NULL);
  g_autoptr(FlawJmapSession) session = NULL;
  g_autoptr(GPtrArray) advisories = NULL;
  g_autofree char *next = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *cut = NULL;

  session = flaw_jmap_session_parse ((const char *) data, size, base, NULL);
  if (session != NULL)
    {
      g_autoptr(JsonNode) node = flaw_jmap_session_to_json (session);
      g_autoptr(FlawJmapSession) restored = flaw_jmap_session_from_json (node);

      g_assert (restored != NULL);
    }

  walk_response ((const char *) data, size);
  advisories = flaw_github_advisories_parse ((const char *) data, size, NULL, NULL);
  next = flaw_github_link_next (text);
  plain = flaw_jmap_html_to_text (text);
  g_assert (g_utf8_validate (plain, -1, NULL));
  cut = flaw_jmap_truncate_utf8 (text, size / 2, NULL);
  g_assert (g_utf8_validate (cut, -1, NULL));

  return 0;
}
