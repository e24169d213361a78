/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-dependency"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "flaw-dependency.h"

/* Pure parsers for the files a team has at hand: SBOMs (CycloneDX and SPDX
 * JSON) and lock files (package-lock.json, requirements.txt, Cargo.lock,
 * go.sum). Nothing here touches the database.
 */

typedef struct
{
  const char         *filename;
  FlawDependencyList *list;
  GHashTable         *seen;
} Parse;

static void
add_note (Parse      *parse,
          guint       line,
          const char *text,
          const char *reason)
{
  FlawImportNote *note = g_new0 (FlawImportNote, 1);

  note->line = line;
  note->text = g_strdup (text);
  note->reason = g_strdup (reason);
  g_ptr_array_add (parse->list->notes, note);
}

/* Takes @dependency; drops it when the same package and version is there. */
static void
add_dependency (Parse          *parse,
                FlawDependency *dependency)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s\n%s", dependency->ecosystem,
                                          dependency->name, dependency->version);

  if (g_hash_table_contains (parse->seen, key))
    {
      flaw_dependency_free (dependency);
      return;
    }

  g_hash_table_add (parse->seen, g_steal_pointer (&key));
  g_ptr_array_add (parse->list->dependencies, dependency);
}

static JsonNode *
parse_json (Parse       *parse,
            const char  *data,
            gsize        length,
            const char  *format_name,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                   _("“%s” is not a complete JSON file (%s); check that it was copied whole. "
                     "Nothing was imported."),
                   parse->filename, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                   _("“%s” is not a %s file: it does not hold a JSON object."),
                   parse->filename, format_name);
      return NULL;
    }

  return json_node_ref (root);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
add_purl (Parse      *parse,
          const char *purl,
          const char *label)
{
  g_autoptr(GError) error = NULL;
  FlawDependency *dependency = flaw_dependency_new_from_purl (purl, &error);

  if (dependency == NULL)
    add_note (parse, 0, label, error->message);
  else
    add_dependency (parse, dependency);
}

static void
walk_cyclonedx_components (Parse     *parse,
                           JsonArray *components)
{
  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonNode *node = json_array_get_element (components, i);
      JsonObject *component;
      const char *name;
      const char *purl;
      g_autofree char *label = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      component = json_node_get_object (node);
      name = get_string (component, "name");
      purl = get_string (component, "purl");
      label = g_strdup_printf ("%s %s", name ? name : _("(unnamed component)"),
                               get_string (component, "version") ? get_string (component, "version") : "");
      g_strchomp (label);

      if (purl != NULL)
        add_purl (parse, purl, label);
      else
        add_note (parse, 0, label,
                  _("It has no package URL (purl), so Flawdesk cannot tell its ecosystem."));

      walk_cyclonedx_components (parse, get_array (component, "components"));
    }
}

static gboolean
parse_cyclonedx (Parse       *parse,
                 const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autoptr(JsonNode) root = parse_json (parse, data, length, "CycloneDX", error);
  JsonObject *bom;

  if (root == NULL)
    return FALSE;

  bom = json_node_get_object (root);
  if (g_strcmp0 (get_string (bom, "bomFormat"), "CycloneDX") != 0)
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                   _("“%s” is not a CycloneDX SBOM: its bomFormat is not “CycloneDX”."),
                   parse->filename);
      return FALSE;
    }

  /* metadata.component is the product the SBOM describes: the team's own. */
  walk_cyclonedx_components (parse, get_array (bom, "components"));

  return TRUE;
}

static gboolean
parse_spdx (Parse       *parse,
            const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonNode) root = parse_json (parse, data, length, "SPDX", error);
  JsonObject *document;
  JsonArray *packages;
  JsonArray *described;
  const char *version;

  if (root == NULL)
    return FALSE;

  document = json_node_get_object (root);
  version = get_string (document, "spdxVersion");
  if (version == NULL || !g_str_has_prefix (version, "SPDX-2."))
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR,
                   version == NULL ? FLAW_DEPENDENCY_ERROR_INVALID : FLAW_DEPENDENCY_ERROR_UNSUPPORTED,
                   _("“%s” is not an SPDX 2 JSON document (spdxVersion “%s”); Flawdesk reads SPDX 2.2 "
                     "and 2.3."),
                   parse->filename, version ? version : "");
      return FALSE;
    }

  packages = get_array (document, "packages");
  described = get_array (document, "documentDescribes");

  for (guint i = 0; packages != NULL && i < json_array_get_length (packages); i++)
    {
      JsonNode *node = json_array_get_element (packages, i);
      JsonObject *package;
      JsonArray *refs;
      const char *name;
      const char *spdx_id;
      const char *purl = NULL;
      gboolean is_described = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      package = json_node_get_object (node);
      name = get_string (package, "name");
      spdx_id = get_string (package, "SPDXID");

      /* The package the document describes is the team's own product. */
      for (guint k = 0; described != NULL && spdx_id != NULL && k < json_array_get_length (described); k++)
        if (g_strcmp0 (json_array_get_string_element (described, k), spdx_id) == 0)
          is_described = TRUE;
      if (is_described)
        continue;

      refs = get_array (package, "externalRefs");
      for (guint k = 0; refs != NULL && k < json_array_get_length (refs); k++)
        {
          JsonNode *ref_node = json_array_get_element (refs, k);
          JsonObject *ref;

          if (!JSON_NODE_HOLDS_OBJECT (ref_node))
            continue;
          ref = json_node_get_object (ref_node);
          if (g_strcmp0 (get_string (ref, "referenceType"), "purl") == 0)
            purl = get_string (ref, "referenceLocator");
        }

      if (purl != NULL)
        add_purl (parse, purl, name ? name : spdx_id);
      else
        add_note (parse, 0, name ? name : (spdx_id ? spdx_id : _("(unnamed package)")),
                  _("It has no package URL (purl), so Flawdesk cannot tell its ecosystem."));
    }

  return TRUE;
}

static void
add_npm (Parse      *parse,
         const char *name,
         JsonObject *entry,
         const char *label)
{
  const char *version = get_string (entry, "version");

  if (version == NULL || *version == '\0')
    {
      add_note (parse, 0, label, _("It has no version."));
      return;
    }

  /* Aliases and local copies ("npm:other@1", "file:../x") are not registry releases. */
  if (strchr (version, ':') != NULL)
    {
      add_note (parse, 0, label, _("It is not a release from the npm registry."));
      return;
    }

  add_dependency (parse, flaw_dependency_new ("npm", name, version));
}

static void
walk_lock_v1 (Parse      *parse,
              JsonObject *dependencies)
{
  g_autoptr(GList) names = NULL;

  if (dependencies == NULL)
    return;

  names = json_object_get_members (dependencies);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *entry = get_object (dependencies, l->data);

      if (entry == NULL)
        continue;

      add_npm (parse, l->data, entry, l->data);
      walk_lock_v1 (parse, get_object (entry, "dependencies"));
    }
}

static gboolean
parse_package_lock (Parse       *parse,
                    const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(JsonNode) root = parse_json (parse, data, length, "package-lock.json", error);
  JsonObject *lock;
  JsonNode *version_node;
  gint64 version;

  if (root == NULL)
    return FALSE;

  lock = json_node_get_object (root);
  version_node = json_object_get_member (lock, "lockfileVersion");
  if (version_node == NULL || json_node_get_value_type (version_node) != G_TYPE_INT64)
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                   _("“%s” is not a package-lock.json: it has no lockfileVersion."), parse->filename);
      return FALSE;
    }

  version = json_node_get_int (version_node);
  if (version == 1)
    {
      walk_lock_v1 (parse, get_object (lock, "dependencies"));
      return TRUE;
    }

  if (version == 2 || version == 3)
    {
      JsonObject *packages = get_object (lock, "packages");
      g_autoptr(GList) paths = NULL;

      if (packages == NULL)
        {
          g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                       _("“%s” has lockfileVersion %lld but no “packages”; "
                         "run “npm install” to write it again."),
                       parse->filename, (long long) version);
          return FALSE;
        }

      paths = json_object_get_members (packages);
      for (GList *l = paths; l != NULL; l = l->next)
        {
          const char *path = l->data;
          JsonObject *entry = get_object (packages, path);
          const char *slash = g_strrstr (path, "node_modules/");
          JsonNode *link;

          /* "" is the project itself; other paths outside node_modules are
           * workspace members, also the team's own. */
          if (entry == NULL || *path == '\0' || slash == NULL)
            continue;

          link = json_object_get_member (entry, "link");
          if (link != NULL && JSON_NODE_HOLDS_VALUE (link) && json_node_get_boolean (link))
            continue;

          add_npm (parse, get_string (entry, "name") ? get_string (entry, "name") : slash + strlen ("node_modules/"),
                   entry, path);
        }

      return TRUE;
    }

  g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_UNSUPPORTED,
               _("“%s” has lockfileVersion %lld; Flawdesk reads versions 1, 2 and 3."),
               parse->filename, (long long) version);
  return FALSE;
}

static void
strip_requirement_comment (char *line)
{
  for (char *p = line; *p != '\0'; p++)
    if (*p == '#' && (p == line || g_ascii_isspace (p[-1])))
      {
        *p = '\0';
        return;
      }
}

static void
parse_requirement (Parse      *parse,
                   guint       number,
                   const char *original,
                   char       *line)
{
  static GRegex *regex;
  static gsize initialized;
  g_autoptr(GString) kept = g_string_new (NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *name = NULL;
  g_autofree char *version = NULL;
  char *marker;
  char **tokens;

  if (g_once_init_enter (&initialized))
    {
      /* name [extras] == version, as PEP 508 writes a pin. */
      regex = g_regex_new ("^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[[^]]*\\])?\\s*"
                           "===?\\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)$",
                           G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  if (line[0] == '-')
    {
      if (g_str_has_prefix (line, "-r") || g_str_has_prefix (line, "--requirement") ||
          g_str_has_prefix (line, "-c") || g_str_has_prefix (line, "--constraint"))
        add_note (parse, number, original, _("It includes another file; import that file too."));
      else if (g_str_has_prefix (line, "-e") || g_str_has_prefix (line, "--editable"))
        add_note (parse, number, original, _("An editable install is not a released version."));
      else
        add_note (parse, number, original, _("A pip option, not a package."));
      return;
    }

  /* Environment markers ("; python_version < '3.8'") cannot be judged
   * here: the pin is imported whatever the marker says. */
  if ((marker = strchr (line, ';')) != NULL)
    *marker = '\0';

  /* Drop --hash=… options; the pin before them is what matters. */
  tokens = g_strsplit_set (line, " \t", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (*tokens[i] == '\0' || g_str_has_prefix (tokens[i], "--hash"))
        continue;
      g_string_append (kept, tokens[i]);
    }
  g_strfreev (tokens);

  if (strstr (kept->str, "@") != NULL && strstr (kept->str, "==") == NULL)
    {
      add_note (parse, number, original, _("A direct URL has no version OSV can check."));
      return;
    }

  if (!g_regex_match (regex, kept->str, 0, &match))
    {
      add_note (parse, number, original,
                _("It is not pinned to one version with “==”; pin it (pip freeze) to check it."));
      return;
    }

  name = g_match_info_fetch (match, 1);
  version = g_match_info_fetch (match, 2);
  add_dependency (parse, flaw_dependency_new ("PyPI", name, version));
}

static gboolean
parse_requirements (Parse       *parse,
                    const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = g_strndup (data, length);
  g_autoptr(GString) logical = g_string_new (NULL);
  g_autoptr(GString) original = g_string_new (NULL);
  guint start = 0;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                   _("“%s” is not a requirements.txt: it is not text."), parse->filename);
      return FALSE;
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len;

      g_strchomp (line);
      if (logical->len == 0)
        {
          start = i + 1;
          g_string_truncate (original, 0);
        }
      else
        g_string_append_c (original, ' ');
      g_string_append (original, line);

      strip_requirement_comment (line);
      len = strlen (line);

      /* A trailing backslash continues the requirement on the next line. */
      if (len > 0 && line[len - 1] == '\\')
        {
          line[len - 1] = ' ';
          g_string_append (logical, line);
          continue;
        }

      g_string_append (logical, line);
      g_strstrip (logical->str);
      logical->len = strlen (logical->str);

      if (logical->len > 0)
        parse_requirement (parse, start, g_strstrip (original->str), logical->str);

      g_string_truncate (logical, 0);
    }

  return TRUE;
}

static char *
toml_string (const char *value)
{
  gsize len = strlen (value);

  if (len < 2 || value[0] != '"' || value[len - 1] != '"')
    return NULL;

  return g_strndup (value + 1, len - 2);
}

static void
finish_crate (Parse      *parse,
              guint       line,
              const char *name,
              const char *version,
              const char *source)
{
  g_autofree char *label = NULL;

  if (name == NULL)
    return;

  label = g_strdup_printf ("%s %s", name, version ? version : "");

  if (version == NULL)
    add_note (parse, line, label, _("It has no version."));
  else if (source == NULL)
    add_note (parse, line, label, _("A crate of this workspace, not from crates.io."));
  else if (!g_str_has_prefix (source, "registry+") && !g_str_has_prefix (source, "sparse+"))
    add_note (parse, line, label, _("Not from a registry (a git or path source); OSV knows crates.io releases."));
  else
    add_dependency (parse, flaw_dependency_new ("crates.io", name, version));
}

static gboolean
parse_cargo_lock (Parse       *parse,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autofree char *text = g_strndup (data, length);
  g_auto(GStrv) lines = NULL;
  g_autofree char *name = NULL;
  g_autofree char *version = NULL;
  g_autofree char *source = NULL;
  gboolean in_package = FALSE;
  gboolean in_array = FALSE;
  guint package_line = 0;
  guint n_packages = 0;

  if (!g_utf8_validate (text, -1, NULL))
    goto not_cargo;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *eq;

      if (in_array)
        {
          if (strchr (line, ']') != NULL)
            in_array = FALSE;
          continue;
        }

      if (*line == '\0' || *line == '#')
        continue;

      if (*line == '[')
        {
          if (in_package)
            finish_crate (parse, package_line, name, version, source);
          g_clear_pointer (&name, g_free);
          g_clear_pointer (&version, g_free);
          g_clear_pointer (&source, g_free);

          in_package = g_str_equal (line, "[[package]]");
          if (in_package)
            {
              package_line = i + 1;
              n_packages++;
            }
          else if (line[strlen (line) - 1] != ']')
            goto bad_line;
          continue;
        }

      eq = strchr (line, '=');
      if (eq == NULL || eq == line)
        goto bad_line;

      {
        g_autofree char *key = g_strstrip (g_strndup (line, eq - line));
        char *value = g_strstrip (eq + 1);

        if (*value == '[' && strchr (value, ']') == NULL)
          in_array = TRUE;

        if (!in_package)
          continue;

        if (g_str_equal (key, "name"))
          {
            g_free (name);
            name = toml_string (value);
          }
        else if (g_str_equal (key, "version"))
          {
            g_free (version);
            version = toml_string (value);
          }
        else if (g_str_equal (key, "source"))
          {
            g_free (source);
            source = toml_string (value);
          }
      }
      continue;

bad_line:
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                   _("Line %u of “%s” is not part of a Cargo.lock (“%s”); nothing was imported."),
                   i + 1, parse->filename, line);
      return FALSE;
    }

  if (in_package)
    finish_crate (parse, package_line, name, version, source);

  if (n_packages > 0)
    return TRUE;

not_cargo:
  g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
               _("“%s” is not a Cargo.lock: it lists no [[package]]."), parse->filename);
  return FALSE;
}

static gboolean
parse_go_sum (Parse       *parse,
              const char  *data,
              gsize        length,
              GError     **error)
{
  g_autofree char *text = g_strndup (data, length);
  g_auto(GStrv) lines = NULL;
  guint n_lines = 0;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                   _("“%s” is not a go.sum: it is not text."), parse->filename);
      return FALSE;
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;

      fields = g_strsplit_set (line, " \t", -1);
      if (g_strv_length (fields) != 3 || !g_str_has_prefix (fields[2], "h1:") ||
          fields[1][0] != 'v')
        {
          g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                       _("Line %u of “%s” is not a go.sum line (module, version, h1: hash); "
                         "nothing was imported."),
                       i + 1, parse->filename);
          return FALSE;
        }

      n_lines++;

      /* "v1.2.3/go.mod" lines hash only the module's go.mod file. */
      if (g_str_has_suffix (fields[1], "/go.mod"))
        continue;

      add_dependency (parse, flaw_dependency_new ("Go", fields[0], fields[1]));
    }

  if (n_lines == 0)
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                   _("“%s” is empty; there is nothing to import."), parse->filename);
      return FALSE;
    }

  return TRUE;
}

/**
 * flaw_dependency_list_parse:
 * @format: the format, or %FLAW_DEPENDENCY_FORMAT_AUTO to detect it
 * @filename: (nullable): the file's name, to detect the format and for messages
 *
 * Reads the packages a file lists. Entries that cannot be imported are
 * listed as notes with the reason.
 *
 * Returns: (transfer full): the packages, or %NULL with @error set when the
 *   file is damaged, of an unsupported version, or of unknown format
 */
FlawDependencyList *
flaw_dependency_list_parse (const char            *data,
                            gsize                  length,
                            FlawDependencyFormat   format,
                            const char            *filename,
                            GError               **error)
{
  g_autoptr(FlawDependencyList) list = NULL;
  g_autoptr(GHashTable) seen = NULL;
  Parse parse = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* Empty data may come as NULL, as from g_bytes_get_data(). */
  if (data == NULL)
    data = "";

  if (format == FLAW_DEPENDENCY_FORMAT_AUTO)
    format = flaw_dependency_detect_format (data, length, filename);

  if (format == FLAW_DEPENDENCY_FORMAT_AUTO)
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_UNKNOWN_FORMAT,
                   _("Flawdesk cannot tell what kind of file “%s” is. Name its format: cyclonedx, "
                     "spdx, package-lock, requirements, cargo-lock or go-sum."),
                   filename ? filename : "-");
      return NULL;
    }

  list = g_new0 (FlawDependencyList, 1);
  list->format = format;
  list->dependencies = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_dependency_free);
  list->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_import_note_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  parse.filename = filename ? filename : "-";
  parse.list = list;
  parse.seen = seen;

  switch (format)
    {
    case FLAW_DEPENDENCY_FORMAT_CYCLONEDX:
      ok = parse_cyclonedx (&parse, data, length, error);
      break;
    case FLAW_DEPENDENCY_FORMAT_SPDX:
      ok = parse_spdx (&parse, data, length, error);
      break;
    case FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK:
      ok = parse_package_lock (&parse, data, length, error);
      break;
    case FLAW_DEPENDENCY_FORMAT_REQUIREMENTS:
      ok = parse_requirements (&parse, data, length, error);
      break;
    case FLAW_DEPENDENCY_FORMAT_CARGO_LOCK:
      ok = parse_cargo_lock (&parse, data, length, error);
      break;
    case FLAW_DEPENDENCY_FORMAT_GO_SUM:
      ok = parse_go_sum (&parse, data, length, error);
      break;
    case FLAW_DEPENDENCY_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    return NULL;

  g_ptr_array_sort (list->dependencies, flaw_dependency_compare);

  return g_steal_pointer (&list);
}
