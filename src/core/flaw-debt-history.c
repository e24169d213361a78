/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-debt-history"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-debt-history.h"
#include "flaw-debt-item-private.h"

/* The fields of a creation snapshot, in the order they are written: every
 * logged field except the long texts. */
static const char * const snapshot_fields[] = {
  "title", "category", "component", "cwe", "owner", "approver", "links", "likelihood",
  "impact", "principal", "interest", "status", "review_date", "target_date", "created",
};

/* How much of a value the history shows. */
#define MAX_SHOWN_CHARS 80

/**
 * flaw_debt_snapshot_has_field:
 *
 * Returns: whether creation snapshots carry @field (the long texts are not)
 */
gboolean
flaw_debt_snapshot_has_field (const char *field)
{
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (snapshot_fields); i++)
    if (g_str_equal (field, snapshot_fields[i]))
      return TRUE;

  return FALSE;
}

static void
append_json_string (GString    *json,
                    const char *text)
{
  const char *run = text;

  g_string_append_c (json, '"');

  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      /* Copy what needs no escape in one go. */
      g_string_append_len (json, run, p - run);
      run = p + 1;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (json, '\\');
          g_string_append_c (json, c);
        }
      else if (c == '\n')
        g_string_append (json, "\\n");
      else if (c == '\t')
        g_string_append (json, "\\t");
      else
        g_string_append_printf (json, "\\u%04x", c);
    }

  g_string_append (json, run);
  g_string_append_c (json, '"');
}

static void
append_member (GString    *json,
               const char *field,
               const char *value)
{
  if (value == NULL)
    return;

  if (json->len > 1)
    g_string_append_c (json, ',');
  append_json_string (json, field);
  g_string_append_c (json, ':');
  append_json_string (json, value);
}

static void
append_number (GString    *json,
               const char *field,
               double      value)
{
  g_autofree char *text = flaw_debt_format_number (value);

  append_member (json, field, text);
}

/* The new value of the creation event of @self (see flaw-debt-history.h):
 * the text _flaw_debt_item_dup_event_value() gives for each field, written
 * straight from the item because it is made for every row of an import. */
char *
_flaw_debt_item_dup_snapshot (FlawDebtItem *self)
{
  GString *json = g_string_sized_new (256);
  char number[16];

  g_string_append_c (json, '{');

  append_member (json, "title", self->title);
  append_member (json, "category", self->category);
  append_member (json, "component", self->component);
  append_member (json, "cwe", self->cwe);
  append_member (json, "owner", self->owner);
  append_member (json, "approver", self->approver);
  if (self->links[0] != NULL)
    {
      g_autofree char *links = _flaw_debt_links_to_json ((const char * const *) self->links);

      /* Already a JSON array of strings. */
      g_string_append_printf (json, "%s\"links\":%s", json->len > 1 ? "," : "", links);
    }
  g_snprintf (number, sizeof number, "%d", self->likelihood);
  append_member (json, "likelihood", number);
  g_snprintf (number, sizeof number, "%d", self->impact);
  append_member (json, "impact", number);
  append_number (json, "principal", self->principal);
  append_number (json, "interest", self->interest);
  append_member (json, "status", flaw_debt_status_to_string (self->status));
  append_member (json, "review_date", self->review_date);
  append_member (json, "target_date", self->target_date);
  if (self->created != 0)
    {
      g_autofree char *created = _flaw_debt_item_dup_event_value (self, "created");

      append_member (json, "created", created);
    }

  g_string_append_c (json, '}');

  return g_string_free (json, FALSE);
}

static JsonObject *
parse_snapshot (JsonParser *parser,
                const char *snapshot)
{
  JsonNode *root;

  if (snapshot == NULL || !json_parser_load_from_data (parser, snapshot, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);

  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static char *
member_text (JsonObject *object,
             const char *field)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return json_to_string (node, FALSE);
}

/**
 * flaw_debt_snapshot_dup_value:
 * @snapshot: the new value of a %FLAW_DEBT_EVENT_ITEM event
 * @field: a field name
 *
 * Returns: (transfer full) (nullable): the text of @field at creation, as
 *   its own event would carry it, or %NULL if it had no value, is not kept
 *   in snapshots, or @snapshot cannot be read
 */
char *
flaw_debt_snapshot_dup_value (const char *snapshot,
                              const char *field)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *object;

  g_return_val_if_fail (field != NULL, NULL);

  if (!(object = parse_snapshot (parser, snapshot)))
    return NULL;

  return member_text (object, field);
}

/* A value as the history shows it: labels for statuses and categories,
 * links as a list, long text cut. */
static char *
dup_shown_value (const char *field,
                 const char *value)
{
  g_autofree char *valid = NULL;
  FlawDebtStatus status;

  if (value == NULL)
    return NULL;

  if (g_str_equal (field, "status") && flaw_debt_status_from_string (value, &status))
    return g_strdup (flaw_debt_status_get_label (status));

  if (g_str_equal (field, "category"))
    return g_strdup (flaw_debt_category_get_label (value, NULL));

  if (g_str_equal (field, "links"))
    {
      g_auto(GStrv) links = _flaw_debt_links_from_json (value);

      return g_strjoinv (", ", links);
    }

  valid = g_utf8_make_valid (value, -1);
  if (g_utf8_strlen (valid, -1) > MAX_SHOWN_CHARS)
    {
      g_autofree char *start = g_utf8_substring (valid, 0, MAX_SHOWN_CHARS);

      return g_strconcat (start, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

static char *
dup_creation_text (const char *snapshot)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) fields = g_string_new (NULL);
  JsonObject *object;

  if (!(object = parse_snapshot (parser, snapshot)))
    return g_strdup (_("Created"));

  for (guint i = 0; i < G_N_ELEMENTS (snapshot_fields); i++)
    {
      g_autofree char *value = member_text (object, snapshot_fields[i]);
      g_autofree char *shown = dup_shown_value (snapshot_fields[i], value);

      if (shown == NULL)
        continue;

      if (fields->len > 0)
        g_string_append (fields, "; ");
      /* Translators: a field and its value in the history, as "Owner: Kim" */
      g_string_append_printf (fields, _("%s: %s"), flaw_debt_item_get_field_label (snapshot_fields[i]), shown);
    }

  /* Translators: the first entry of an item's history; %s lists its fields */
  return g_strdup_printf (_("Created with %s"), fields->str);
}

/**
 * flaw_debt_event_dup_text:
 * @event: an event of entity "debt"
 *
 * Describes @event for the history of an item ("Owner changed from “Kim”
 * to “Ana”", "Created with Title: …; Status: Proposed; …"), with labels
 * rather than stored names and long values cut; plain text, never markup.
 *
 * Returns: (transfer full): the sentence
 */
char *
flaw_debt_event_dup_text (const FlawEvent *event)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *label;

  g_return_val_if_fail (event != NULL && event->field != NULL, NULL);

  if (g_str_equal (event->field, FLAW_DEBT_EVENT_ITEM))
    return dup_creation_text (event->new_value);

  if (g_str_equal (event->field, "deleted"))
    return g_strdup (event->new_value != NULL ? _("Deleted") : _("Restored"));

  label = flaw_debt_item_get_field_label (event->field);
  before = dup_shown_value (event->field, event->old_value);
  after = dup_shown_value (event->field, event->new_value);

  if (before == NULL && after == NULL)
    return g_strdup (label);
  if (before == NULL)
    /* Translators: a history entry, as "Owner set to “Kim”" */
    return g_strdup_printf (_("%s set to “%s”"), label, after);
  if (after == NULL)
    /* Translators: a history entry, as "Owner cleared (was “Kim”)" */
    return g_strdup_printf (_("%s cleared (was “%s”)"), label, before);

  /* Translators: a history entry, as "Owner changed from “Kim” to “Ana”" */
  return g_strdup_printf (_("%s changed from “%s” to “%s”"), label, before, after);
}
