/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-front-door"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "flaw-clock.h"
#include "flaw-front-door.h"
#include "flaw-securitytxt.h"

/* The team's front door: stored in one row, generated into security.txt
 * in the order the fields are defined in RFC 9116 §2.5.
 */

#define ENTITY "front_door"
#define ROW_ID 1

G_DEFINE_QUARK (flaw-front-door-error-quark, flaw_front_door_error)

FlawFrontDoor *
flaw_front_door_new (void)
{
  FlawFrontDoor *door = g_new0 (FlawFrontDoor, 1);

  door->contacts = g_ptr_array_new_with_free_func (g_free);
  door->canonicals = g_ptr_array_new_with_free_func (g_free);

  return door;
}

static void
copy_strings (GPtrArray *to,
              GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (g_ptr_array_index (from, i)));
}

FlawFrontDoor *
flaw_front_door_copy (const FlawFrontDoor *door)
{
  FlawFrontDoor *copy;

  g_return_val_if_fail (door != NULL, NULL);

  copy = flaw_front_door_new ();
  copy_strings (copy->contacts, door->contacts);
  copy_strings (copy->canonicals, door->canonicals);
  copy->encryption = g_strdup (door->encryption);
  copy->acknowledgments = g_strdup (door->acknowledgments);
  copy->policy = g_strdup (door->policy);
  copy->hiring = g_strdup (door->hiring);
  copy->preferred_languages = g_strdup (door->preferred_languages);
  copy->expires = door->expires;
  copy->updated = door->updated;

  return copy;
}

void
flaw_front_door_free (FlawFrontDoor *door)
{
  if (door == NULL)
    return;

  g_ptr_array_unref (door->contacts);
  g_ptr_array_unref (door->canonicals);
  g_free (door->encryption);
  g_free (door->acknowledgments);
  g_free (door->policy);
  g_free (door->hiring);
  g_free (door->preferred_languages);
  g_free (door);
}

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

static gboolean
has_scheme (const char *value,
            const char *scheme)
{
  gsize len = strlen (scheme);

  return g_ascii_strncasecmp (value, scheme, len) == 0 && value[len] == ':';
}

static gboolean
check_uri (const char  *value,
           const char  *field,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (flaw_securitytxt_check_uri (value, field, &local_error))
    return TRUE;

  g_set_error_literal (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INVALID,
                       local_error->message);
  return FALSE;
}

static gboolean
check_https (const char  *value,
             const char  *field,
             GError     **error)
{
  if (!check_uri (value, field, error))
    return FALSE;

  if (!has_scheme (value, "https"))
    {
      g_set_error (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INVALID,
                   _("The %s “%s” must be a web address beginning with “https://”."),
                   field, value);
      return FALSE;
    }

  return TRUE;
}

/**
 * flaw_front_door_check:
 *
 * Checks that @door makes a valid security.txt: at least one contact, an
 * expiry date, and values RFC 9116 allows.
 */
gboolean
flaw_front_door_check (const FlawFrontDoor  *door,
                       GError              **error)
{
  g_return_val_if_fail (door != NULL, FALSE);

  if (door->contacts->len == 0)
    {
      g_set_error (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INCOMPLETE,
                   _("The front door has no contact. Add at least one, such as "
                     "“mailto:security@example.com”."));
      return FALSE;
    }

  for (guint i = 0; i < door->contacts->len; i++)
    {
      const char *contact = g_ptr_array_index (door->contacts, i);

      if (!has_scheme (contact, "mailto") && !has_scheme (contact, "tel") &&
          !has_scheme (contact, "https"))
        {
          g_set_error (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INVALID,
                       _("The contact “%s” must begin with “mailto:”, “tel:” or “https://”."),
                       contact);
          return FALSE;
        }

      if (!check_uri (contact, _("contact"), error))
        return FALSE;
    }

  if (door->expires == 0)
    {
      g_set_error (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INCOMPLETE,
                   _("The front door has no expiry date. Set one less than a year ahead."));
      return FALSE;
    }

  if (is_set (door->encryption) && !check_uri (door->encryption, _("encryption key"), error))
    return FALSE;

  if ((is_set (door->acknowledgments) &&
       !check_https (door->acknowledgments, _("acknowledgments page"), error)) ||
      (is_set (door->policy) && !check_https (door->policy, _("policy"), error)) ||
      (is_set (door->hiring) && !check_https (door->hiring, _("hiring page"), error)))
    return FALSE;

  for (guint i = 0; i < door->canonicals->len; i++)
    if (!check_https (g_ptr_array_index (door->canonicals, i), _("canonical address"), error))
      return FALSE;

  if (is_set (door->preferred_languages))
    {
      g_autofree char *bad = NULL;

      if (!flaw_securitytxt_check_languages (door->preferred_languages, &bad))
        {
          g_set_error (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INVALID,
                       _("“%s” in the preferred languages is not a language tag; list tags such as "
                         "“en, fr, de-CH” separated by commas."),
                       bad);
          return FALSE;
        }
    }

  return TRUE;
}

static void
append_field (GString    *out,
              const char *name,
              const char *value)
{
  if (is_set (value))
    g_string_append_printf (out, "%s: %s\n", name, value);
}

/**
 * flaw_front_door_generate:
 *
 * Returns: (transfer full): an RFC 9116 security.txt for @door, with its
 *   fields in the order of RFC 9116 §2.5, or %NULL with @error set when
 *   @door does not make a valid one
 */
char *
flaw_front_door_generate (const FlawFrontDoor  *door,
                          GError              **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *expires = NULL;
  g_autofree char *languages = NULL;

  g_return_val_if_fail (door != NULL, NULL);

  if (!flaw_front_door_check (door, error))
    return NULL;

  expires = flaw_securitytxt_format_date_time (door->expires);

  append_field (out, "Acknowledgments", door->acknowledgments);
  for (guint i = 0; i < door->canonicals->len; i++)
    append_field (out, "Canonical", g_ptr_array_index (door->canonicals, i));
  for (guint i = 0; i < door->contacts->len; i++)
    append_field (out, "Contact", g_ptr_array_index (door->contacts, i));
  append_field (out, "Encryption", door->encryption);
  append_field (out, "Expires", expires);
  append_field (out, "Hiring", door->hiring);
  append_field (out, "Policy", door->policy);

  if (is_set (door->preferred_languages))
    {
      g_auto(GStrv) tags = g_strsplit (door->preferred_languages, ",", -1);

      for (guint i = 0; tags[i] != NULL; i++)
        g_strstrip (tags[i]);
      languages = g_strjoinv (", ", tags);
      append_field (out, "Preferred-Languages", languages);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * flaw_front_door_get_expiry:
 * @now: the time to judge by, from flaw_clock_now()
 * @days_left: (out) (optional): whole days until expiry (negative when past)
 *
 * Returns: whether the published file is expired, expires within
 *   %FLAW_FRONT_DOOR_WARN_DAYS, or is fine
 */
FlawFrontDoorExpiry
flaw_front_door_get_expiry (const FlawFrontDoor *door,
                            gint64               now,
                            gint64              *days_left)
{
  gint64 left;

  g_return_val_if_fail (door != NULL, FLAW_FRONT_DOOR_EXPIRY_UNSET);

  if (door->expires == 0)
    return FLAW_FRONT_DOOR_EXPIRY_UNSET;

  left = door->expires - now;
  if (days_left != NULL)
    *days_left = left >= 0 ? left / 86400 : -((-left + 86399) / 86400);

  if (left <= 0)
    return FLAW_FRONT_DOOR_EXPIRY_PAST;
  if (left <= (gint64) FLAW_FRONT_DOOR_WARN_DAYS * 86400)
    return FLAW_FRONT_DOOR_EXPIRY_SOON;

  return FLAW_FRONT_DOOR_EXPIRY_OK;
}

static char *
strings_to_json (GPtrArray *strings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
strings_from_json (GPtrArray  *strings,
                   const char *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *value = json_array_get_string_element (array, i);

      if (value != NULL)
        g_ptr_array_add (strings, g_strdup (value));
    }
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * flaw_front_door_load:
 *
 * Returns: (transfer full): the stored front door, or an empty one (with
 *   @updated 0) when none was stored; %NULL with @error set on failure
 */
FlawFrontDoor *
flaw_front_door_load (FlawDatabase  *database,
                      GError       **error)
{
  g_autoptr(FlawFrontDoor) door = flaw_front_door_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  stmt = flaw_database_prepare (database,
                                "SELECT contacts, encryption, acknowledgments, canonicals, policy, "
                                "hiring, preferred_languages, expires, updated "
                                "FROM front_door WHERE id = 1",
                                error);
  if (stmt == NULL)
    return NULL;

  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    {
      strings_from_json (door->contacts, (const char *) sqlite3_column_text (stmt, 0));
      door->encryption = dup_column (stmt, 1);
      door->acknowledgments = dup_column (stmt, 2);
      strings_from_json (door->canonicals, (const char *) sqlite3_column_text (stmt, 3));
      door->policy = dup_column (stmt, 4);
      door->hiring = dup_column (stmt, 5);
      door->preferred_languages = dup_column (stmt, 6);
      door->expires = sqlite3_column_int64 (stmt, 7);
      door->updated = sqlite3_column_int64 (stmt, 8);
    }
  sqlite3_reset (stmt);

  if (rc < 0)
    return NULL;

  return g_steal_pointer (&door);
}

static gboolean
log_change (FlawDatabase  *database,
            const char    *field,
            const char    *old_value,
            const char    *new_value,
            GError       **error)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;

  return flaw_database_append_event (database, ENTITY, ROW_ID, field, old_value, new_value, error);
}

static void
bind_optional (sqlite3_stmt *stmt,
               int           index,
               const char   *value)
{
  if (is_set (value))
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static const char *
nonempty (const char *value)
{
  return is_set (value) ? value : NULL;
}

/**
 * flaw_front_door_save:
 *
 * Checks @door and stores it, logging every changed field under the
 * entity "front_door", in one transaction.
 */
gboolean
flaw_front_door_save (FlawDatabase         *database,
                      const FlawFrontDoor  *door,
                      GError              **error)
{
  g_autoptr(FlawFrontDoor) old = NULL;
  g_autofree char *contacts = NULL;
  g_autofree char *canonicals = NULL;
  g_autofree char *old_contacts = NULL;
  g_autofree char *old_canonicals = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *old_expires = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (door != NULL, FALSE);

  if (!flaw_front_door_check (door, error))
    return FALSE;

  if (!flaw_database_begin (database, error))
    return FALSE;

  if (!(old = flaw_front_door_load (database, error)))
    goto failed;

  contacts = strings_to_json (door->contacts);
  canonicals = strings_to_json (door->canonicals);
  old_contacts = old->updated != 0 ? strings_to_json (old->contacts) : NULL;
  old_canonicals = old->updated != 0 ? strings_to_json (old->canonicals) : NULL;
  expires = flaw_securitytxt_format_date_time (door->expires);
  old_expires = old->expires != 0 ? flaw_securitytxt_format_date_time (old->expires) : NULL;

  stmt = flaw_database_prepare (database,
                                "INSERT INTO front_door (id, contacts, encryption, acknowledgments, "
                                "canonicals, policy, hiring, preferred_languages, expires, updated) "
                                "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (id) DO UPDATE SET contacts = excluded.contacts, "
                                "encryption = excluded.encryption, "
                                "acknowledgments = excluded.acknowledgments, "
                                "canonicals = excluded.canonicals, policy = excluded.policy, "
                                "hiring = excluded.hiring, "
                                "preferred_languages = excluded.preferred_languages, "
                                "expires = excluded.expires, updated = excluded.updated",
                                error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, contacts, -1, SQLITE_TRANSIENT);
  bind_optional (stmt, 2, door->encryption);
  bind_optional (stmt, 3, door->acknowledgments);
  sqlite3_bind_text (stmt, 4, canonicals, -1, SQLITE_TRANSIENT);
  bind_optional (stmt, 5, door->policy);
  bind_optional (stmt, 6, door->hiring);
  bind_optional (stmt, 7, door->preferred_languages);
  sqlite3_bind_int64 (stmt, 8, door->expires);
  sqlite3_bind_int64 (stmt, 9, flaw_clock_now ());

  if (!flaw_database_execute (database, stmt, error) ||
      !log_change (database, "contacts", old_contacts, contacts, error) ||
      !log_change (database, "encryption", nonempty (old->encryption), nonempty (door->encryption), error) ||
      !log_change (database, "acknowledgments", nonempty (old->acknowledgments),
                   nonempty (door->acknowledgments), error) ||
      !log_change (database, "canonicals", old_canonicals, canonicals, error) ||
      !log_change (database, "policy", nonempty (old->policy), nonempty (door->policy), error) ||
      !log_change (database, "hiring", nonempty (old->hiring), nonempty (door->hiring), error) ||
      !log_change (database, "preferred_languages", nonempty (old->preferred_languages),
                   nonempty (door->preferred_languages), error) ||
      !log_change (database, "expires", old_expires, expires, error))
    goto failed;

  return flaw_database_commit (database, error);

failed:
  flaw_database_rollback (database);
  return FALSE;
}
