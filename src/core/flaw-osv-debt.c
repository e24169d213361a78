/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-osv-debt"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-clock.h"
#include "flaw-cvss.h"
#include "flaw-debt-store.h"
#include "flaw-osv-debt.h"

/* A vulnerability in a dependency turned into a debt item of the register,
 * linked to it through the link table ('vulnerability' → 'debt'). */

#define MAX_DESCRIPTION_REFERENCES 10

/**
 * flaw_osv_impact_for_severity:
 * @severity_json: OSV severity[] as stored
 * @score: (out) (optional): the highest CVSS base score found, or -1
 *
 * Maps the highest CVSS score of a record to the register's impact scale:
 * 9.0 and above 5, 7.0 4, 4.0 3, above 0 2; 3 when the record is not rated.
 *
 * Returns: the impact, 1 to 5
 */
int
flaw_osv_impact_for_severity (const char *severity_json,
                              double     *score)
{
  g_autoptr(JsonNode) node = severity_json != NULL ? json_from_string (severity_json, NULL) : NULL;
  double best = -1;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *vector;
          FlawCvss *cvss;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          vector = json_object_get_string_member_with_default (json_node_get_object (element), "score", NULL);
          if (vector == NULL || !(cvss = flaw_cvss_parse (vector, NULL)))
            continue;
          best = MAX (best, flaw_cvss_get_base_score (cvss));
          flaw_cvss_free (cvss);
        }
    }

  if (score != NULL)
    *score = best;

  if (best >= 9.0)
    return 5;
  if (best >= 7.0)
    return 4;
  if (best >= 4.0)
    return 3;
  if (best > 0)
    return 2;

  return 3;
}

static void
append_references (GString         *text,
                   GStrvBuilder    *links,
                   const char      *first,
                   const char      *references_json)
{
  g_autoptr(JsonNode) node = references_json != NULL ? json_from_string (references_json, NULL) : NULL;
  guint n = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      const char *url;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      url = json_object_get_string_member_with_default (json_node_get_object (element), "url", NULL);
      if (url == NULL || strlen (url) > FLAW_DEBT_MAX_LINK_CHARS || n >= MAX_DESCRIPTION_REFERENCES)
        continue;

      if (g_str_equal (url, first))
        continue;
      g_string_append_printf (text, "\n- %s", url);
      if (g_str_has_prefix (url, "https://"))
        g_strv_builder_add (links, url);
      n++;
    }
}

/**
 * flaw_osv_debt_draft_new:
 *
 * A proposed debt item for @affecting in the component, prefilled from the
 * OSV record: title, description with the summary, fixed versions and
 * references, category "dependencies", the component, links and an impact
 * from the CVSS score. The user edits it before it is created.
 *
 * Returns: (transfer full): the draft
 */
FlawDebtItem *
flaw_osv_debt_draft_new (const FlawOsvAffecting *affecting,
                         const char             *ecosystem,
                         const char             *name,
                         const char             *version)
{
  g_autoptr(FlawDebtItem) item = flaw_debt_item_new ();
  g_autoptr(GStrvBuilder) links = g_strv_builder_new ();
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(JsonNode) fixed = NULL;
  g_autofree char *title = NULL;
  g_autofree char *component = NULL;
  g_autofree char *osv_link = NULL;
  g_auto(GStrv) link_array = NULL;
  double score = -1;

  g_return_val_if_fail (affecting != NULL, NULL);
  g_return_val_if_fail (name != NULL && version != NULL, NULL);

  title = g_strdup_printf (_("%s %s is affected by %s"), name, version, affecting->osv_id);
  if (g_utf8_strlen (title, -1) > FLAW_DEBT_MAX_TITLE_CHARS)
    {
      g_autofree char *shorter = g_utf8_substring (title, 0, FLAW_DEBT_MAX_TITLE_CHARS);

      g_free (title);
      title = g_steal_pointer (&shorter);
    }
  component = g_strdup_printf ("%s/%s@%s", ecosystem != NULL ? ecosystem : "", name, version);

  g_string_append (description, affecting->summary != NULL && *affecting->summary != '\0'
                                ? affecting->summary : affecting->osv_id);
  if (affecting->aliases != NULL && affecting->aliases->len > 0)
    {
      g_string_append (description, "\n\n");
      g_string_append (description, _("Also known as:"));
      for (guint i = 0; i < affecting->aliases->len; i++)
        g_string_append_printf (description, i > 0 ? ", %s" : " %s",
                                (char *) g_ptr_array_index (affecting->aliases, i));
    }

  fixed = affecting->fixed != NULL ? json_from_string (affecting->fixed, NULL) : NULL;
  g_string_append (description, "\n\n");
  if (fixed != NULL && JSON_NODE_HOLDS_ARRAY (fixed) && json_array_get_length (json_node_get_array (fixed)) > 0)
    {
      g_string_append (description, _("Fixed in:"));
      for (guint i = 0; i < json_array_get_length (json_node_get_array (fixed)); i++)
        {
          const char *v = json_array_get_string_element (json_node_get_array (fixed), i);

          if (v != NULL)
            g_string_append_printf (description, i > 0 ? ", %s" : " %s", v);
        }
    }
  else
    g_string_append (description, _("No fixed version is known yet."));

  flaw_osv_impact_for_severity (affecting->severity, &score);
  if (score >= 0)
    {
      g_string_append (description, "\n");
      g_string_append_printf (description, _("CVSS base score: %.1f"), score);
    }

  g_string_append (description, "\n\n");
  g_string_append (description, _("References:"));
  osv_link = g_strdup_printf ("https://osv.dev/vulnerability/%s", affecting->osv_id);
  g_strv_builder_add (links, osv_link);
  g_string_append_printf (description, "\n- %s", osv_link);
  append_references (description, links, osv_link, affecting->references);

  link_array = g_strv_builder_end (links);
  flaw_debt_item_set_title (item, title);
  flaw_debt_item_set_description (item, description->str);
  flaw_debt_item_set_category (item, "dependencies");
  flaw_debt_item_set_component (item, component);
  flaw_debt_item_set_links (item, (const char * const *) link_array);
  flaw_debt_item_set_likelihood (item, 3);
  flaw_debt_item_set_impact (item, flaw_osv_impact_for_severity (affecting->severity, NULL));
  flaw_debt_item_set_status (item, FLAW_DEBT_STATUS_PROPOSED);

  return g_steal_pointer (&item);
}

/**
 * flaw_osv_store_link_debt:
 *
 * Links a vulnerability to a debt item, with an event on both sides, in
 * one transaction; linking twice changes nothing.
 */
gboolean
flaw_osv_store_link_debt (FlawDatabase  *database,
                          gint64         vulnerability_id,
                          gint64         debt_id,
                          GError       **error)
{
  g_autofree char *debt = g_strdup_printf ("debt %" G_GINT64_FORMAT, debt_id);
  g_autofree char *vulnerability = g_strdup_printf ("vulnerability %" G_GINT64_FORMAT, vulnerability_id);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);

  if (!flaw_database_begin (database, error))
    return FALSE;

  stmt = flaw_database_prepare (database,
                                "INSERT INTO link (from_entity, from_id, to_entity, to_id, created) "
                                "SELECT 'vulnerability', v.id, 'debt', d.id, ?3 FROM vulnerability v, debt d "
                                "WHERE v.id = ?1 AND d.id = ?2 ON CONFLICT DO NOTHING",
                                error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, vulnerability_id);
  sqlite3_bind_int64 (stmt, 2, debt_id);
  sqlite3_bind_int64 (stmt, 3, flaw_clock_now ());
  if (!flaw_database_execute (database, stmt, error))
    goto failed;

  if (sqlite3_changes (flaw_database_get_handle (database)) == 0)
    {
      int rc;

      /* Nothing inserted: linked already, or one side is gone. */
      stmt = flaw_database_prepare (database,
                                    "SELECT 1 FROM link WHERE from_entity = 'vulnerability' AND from_id = ? "
                                    "AND to_entity = 'debt' AND to_id = ?", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, vulnerability_id);
      sqlite3_bind_int64 (stmt, 2, debt_id);
      rc = flaw_database_step (database, stmt, error);
      sqlite3_reset (stmt);
      if (rc < 0)
        goto failed;
      if (rc != SQLITE_ROW)
        {
          g_set_error (error, FLAW_OSV_STORE_ERROR, FLAW_OSV_STORE_ERROR_NOT_FOUND,
                       _("The vulnerability or the debt item is no longer stored; sync again and retry."));
          goto failed;
        }
    }
  else if (!flaw_database_append_event (database, "vulnerability", vulnerability_id, "link", NULL, debt, error) ||
           !flaw_database_append_event (database, "debt", debt_id, "link", NULL, vulnerability, error))
    goto failed;

  return flaw_database_commit (database, error);

failed:
  flaw_database_rollback (database);
  return FALSE;
}

/**
 * flaw_osv_debt_create_linked:
 * @draft: the item as the user confirmed it
 *
 * Creates the debt item and links it to the vulnerability. The register
 * creates its items in a transaction of its own, so the link is a second
 * one; should it fail, the new item is deleted again (it stays restorable
 * in the register's history) and nothing half-done is left in the lists.
 *
 * Returns: the new item's id, or 0 with @error set
 */
gint64
flaw_osv_debt_create_linked (FlawDatabase  *database,
                             FlawDebtItem  *draft,
                             gint64         vulnerability_id,
                             GError       **error)
{
  g_autoptr(GError) link_error = NULL;
  gint64 id;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), 0);
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (draft), 0);

  if ((id = flaw_debt_db_create (database, draft, error)) == 0)
    return 0;

  if (!flaw_osv_store_link_debt (database, vulnerability_id, id, &link_error))
    {
      flaw_debt_db_delete (database, id, NULL);
      g_set_error (error, FLAW_OSV_STORE_ERROR, FLAW_OSV_STORE_ERROR_NOT_FOUND,
                   _("The debt item could not be linked to the vulnerability, so it was not kept: %s"),
                   link_error->message);
      return 0;
    }

  return id;
}
