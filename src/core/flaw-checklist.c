/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-checklist"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-checklist.h"

/* Checklists are data (resources/checklists/README.md documents the format).
 * The validator walks the whole file and reports every problem with its
 * JSONPath, so that a bad file can be fixed in one go.
 */

#define BUILTIN_RESOURCE RESOURCE_BASE "/checklists/plan-for-security-flaws.json"
#define MAX_ID_LENGTH    64
#define MAX_TITLE_LENGTH 200
#define MAX_TEXT_LENGTH  4000

G_DEFINE_QUARK (flaw-checklist-error-quark, flaw_checklist_error)

G_DEFINE_BOXED_TYPE (FlawChecklist, flaw_checklist, flaw_checklist_ref, flaw_checklist_unref)

static const char * const item_kinds[] = { "practice", "good-practice", "bad-practice", NULL };

static const char * const evidence_keys[] = {
  "front-door",
  "mitigation",
  "repeated-weakness",
  "debt-register",
  "dependency-feed",
  NULL
};

static const char * const root_members[] = { "id", "version", "title", "description", "sections", NULL };
static const char * const section_members[] = { "id", "title", "summary", "items", NULL };
static const char * const item_members[] = { "id", "kind", "question", "good", "poor", "evidence", NULL };

typedef struct
{
  GPtrArray  *problems;
  GHashTable *section_ids;
  GHashTable *item_ids;
} Validation;

static void
add_problem (Validation *v,
             const char *path,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (Validation *v,
             const char *path,
             const char *format,
             ...)
{
  FlawChecklistProblem *problem = g_new0 (FlawChecklistProblem, 1);
  va_list args;

  va_start (args, format);
  problem->path = g_strdup (path);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (v->problems, problem);
}

static gboolean
is_plain_name (const char *name)
{
  if (!g_ascii_isalpha (*name) && *name != '_')
    return FALSE;

  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

static char *
member_path (const char *parent,
             const char *name)
{
  g_autoptr(GString) escaped = NULL;

  if (is_plain_name (name))
    return g_strconcat (parent, ".", name, NULL);

  escaped = g_string_new (NULL);
  for (const char *p = name; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }

  return g_strdup_printf ("%s[\"%s\"]", parent, escaped->str);
}

static gboolean
is_valid_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > MAX_ID_LENGTH || !(g_ascii_islower (id[0]) || g_ascii_isdigit (id[0])))
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '.')
      return FALSE;

  return TRUE;
}

static void
check_members (Validation  *v,
               JsonObject  *object,
               const char  *path,
               const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *where = member_path (path, l->data);
          g_autofree char *list = g_strjoinv (", ", (char **) allowed);

          add_problem (v, where, _("unknown member; the members allowed here are %s"), list);
        }
    }
}

/* Returns the string value of @name, or %NULL after recording why not. */
static const char *
check_string (Validation *v,
              JsonObject *object,
              const char *path,
              const char *name,
              gboolean    required,
              gsize       max_length)
{
  g_autofree char *where = member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  if (node == NULL)
    {
      if (required)
        add_problem (v, where, _("missing"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      add_problem (v, where, _("must be a string"));
      return NULL;
    }

  value = json_node_get_string (node);

  if (required)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));

      if (*stripped == '\0')
        {
          add_problem (v, where, _("must not be empty"));
          return NULL;
        }
    }

  if (g_utf8_strlen (value, -1) > (glong) max_length)
    {
      add_problem (v, where, _("is longer than %u characters"), (guint) max_length);
      return NULL;
    }

  return value;
}

static void
check_id (Validation *v,
          JsonObject *object,
          const char *path,
          GHashTable *seen)
{
  const char *id = check_string (v, object, path, "id", TRUE, MAX_ID_LENGTH + 1000);
  g_autofree char *where = member_path (path, "id");
  const char *first;

  if (id == NULL)
    return;

  if (!is_valid_id (id))
    {
      add_problem (v, where,
                   _("“%s” is not a valid id: use 1 to %u lower-case letters, digits, "
                     "“-” and “.”, starting with a letter or digit"),
                   id, MAX_ID_LENGTH);
      return;
    }

  if (seen == NULL)
    return;

  if ((first = g_hash_table_lookup (seen, id)) != NULL)
    {
      add_problem (v, where, _("the id “%s” is already used at %s; ids must be unique"), id, first);
      return;
    }

  g_hash_table_insert (seen, g_strdup (id), g_steal_pointer (&where));
}

static void
check_item (Validation *v,
            JsonNode   *node,
            const char *path)
{
  JsonObject *object;
  const char *kind;
  const char *evidence;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (v, path, _("must be an object describing one item"));
      return;
    }

  object = json_node_get_object (node);
  check_members (v, object, path, item_members);
  check_id (v, object, path, v->item_ids);

  if ((kind = check_string (v, object, path, "kind", TRUE, MAX_ID_LENGTH)) != NULL &&
      !g_strv_contains (item_kinds, kind))
    {
      g_autofree char *where = member_path (path, "kind");
      g_autofree char *list = g_strjoinv (", ", (char **) item_kinds);

      add_problem (v, where, _("“%s” is not a kind of item; use one of %s"), kind, list);
    }

  check_string (v, object, path, "question", TRUE, MAX_TEXT_LENGTH);
  check_string (v, object, path, "good", TRUE, MAX_TEXT_LENGTH);
  check_string (v, object, path, "poor", TRUE, MAX_TEXT_LENGTH);

  if ((evidence = check_string (v, object, path, "evidence", FALSE, MAX_ID_LENGTH)) != NULL &&
      !g_strv_contains (evidence_keys, evidence))
    {
      g_autofree char *where = member_path (path, "evidence");
      g_autofree char *list = g_strjoinv (", ", (char **) evidence_keys);

      add_problem (v, where, _("“%s” is not an evidence key Flawdesk knows; use one of %s"),
                   evidence, list);
    }
}

static void
check_array (Validation *v,
             JsonObject *object,
             const char *path,
             const char *name,
             const char *what,
             void      (*check_element) (Validation *, JsonNode *, const char *))
{
  g_autofree char *where = member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;
  guint n;

  if (node == NULL)
    {
      add_problem (v, where, _("missing"));
      return;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      add_problem (v, where, _("must be an array of %s"), what);
      return;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    {
      add_problem (v, where, _("must hold at least one of %s"), what);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *element = g_strdup_printf ("%s[%u]", where, i);

      check_element (v, json_array_get_element (array, i), element);
    }
}

static void
check_section (Validation *v,
               JsonNode   *node,
               const char *path)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (v, path, _("must be an object describing one section"));
      return;
    }

  object = json_node_get_object (node);
  check_members (v, object, path, section_members);
  check_id (v, object, path, v->section_ids);
  check_string (v, object, path, "title", TRUE, MAX_TITLE_LENGTH);
  check_string (v, object, path, "summary", FALSE, MAX_TEXT_LENGTH);
  check_array (v, object, path, "items", _("items"), check_item);
}

static void
check_root (Validation *v,
            JsonNode   *root)
{
  JsonObject *object;
  JsonNode *version;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      add_problem (v, "$", _("must be a JSON object with id, version, title and sections"));
      return;
    }

  object = json_node_get_object (root);
  check_members (v, object, "$", root_members);
  check_id (v, object, "$", NULL);

  version = json_object_get_member (object, "version");
  if (version == NULL)
    add_problem (v, "$.version", _("missing"));
  else if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
           json_node_get_int (version) < 1 || json_node_get_int (version) > G_MAXINT32)
    add_problem (v, "$.version", _("must be a whole number from 1 to %d"), G_MAXINT32);

  check_string (v, object, "$", "title", TRUE, MAX_TITLE_LENGTH);
  check_string (v, object, "$", "description", FALSE, MAX_TEXT_LENGTH);
  check_array (v, object, "$", "sections", _("sections"), check_section);
}

void
flaw_checklist_problem_free (FlawChecklistProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

/**
 * flaw_checklist_problem_to_string:
 *
 * Returns: (transfer full): "PATH: MESSAGE"
 */
char *
flaw_checklist_problem_to_string (const FlawChecklistProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  return g_strdup_printf ("%s: %s", problem->path, problem->message);
}

static JsonParser *
parse (const char  *json,
       gssize       length,
       GPtrArray   *problems)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;

  if (length < 0)
    length = strlen (json);

  if (!g_utf8_validate (json, length, NULL))
    {
      Validation v = { problems };

      add_problem (&v, "$", _("the file is not UTF-8 text"));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, json, length, &error))
    {
      Validation v = { problems };

      add_problem (&v, "$", _("not valid JSON: %s"), error->message);
      return NULL;
    }

  return g_steal_pointer (&parser);
}

/**
 * flaw_checklist_validate:
 * @json: the text of a checklist file
 * @length: its length, or -1 if nul-terminated
 *
 * Checks @json against the checklist format.
 *
 * Returns: (transfer container) (element-type FlawChecklistProblem): every
 *   problem found, in file order; empty when the checklist is valid
 */
GPtrArray *
flaw_checklist_validate (const char *json,
                         gssize      length)
{
  g_autoptr(JsonParser) parser = NULL;
  Validation v;

  g_return_val_if_fail (json != NULL, NULL);

  v.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_checklist_problem_free);
  v.section_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  v.item_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if ((parser = parse (json, length, v.problems)) != NULL)
    check_root (&v, json_parser_get_root (parser));

  g_hash_table_unref (v.section_ids);
  g_hash_table_unref (v.item_ids);

  return v.problems;
}

static void
item_free (FlawChecklistItem *item)
{
  g_free (item->id);
  g_free (item->kind);
  g_free (item->question);
  g_free (item->good);
  g_free (item->poor);
  g_free (item->evidence);
  g_free (item);
}

static void
section_free (FlawChecklistSection *section)
{
  g_free (section->id);
  g_free (section->title);
  g_free (section->summary);
  g_ptr_array_unref (section->items);
  g_free (section);
}

static void
checklist_clear (FlawChecklist *self)
{
  g_free (self->id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->json);
  g_ptr_array_unref (self->sections);
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  return g_strdup (json_object_get_string_member_with_default (object, name, NULL));
}

/**
 * flaw_checklist_new_from_data:
 * @json: the text of a checklist file
 * @length: its length, or -1 if nul-terminated
 * @error: return location for a #GError
 *
 * Validates @json and builds the checklist. A file with problems gives
 * %FLAW_CHECKLIST_ERROR_INVALID naming each problem and its path.
 *
 * Returns: (transfer full): the checklist, or %NULL with @error set
 */
FlawChecklist *
flaw_checklist_new_from_data (const char  *json,
                              gssize       length,
                              GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonParser) parser = NULL;
  FlawChecklist *self;
  JsonObject *root;
  JsonArray *sections;

  g_return_val_if_fail (json != NULL, NULL);

  if (length < 0)
    length = strlen (json);

  problems = flaw_checklist_validate (json, length);
  if (problems->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = flaw_checklist_problem_to_string (g_ptr_array_index (problems, i));

          g_string_append_printf (text, "\n%s", line);
        }

      g_set_error (error, FLAW_CHECKLIST_ERROR, FLAW_CHECKLIST_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The checklist has %u problem; fix it and try again:%s",
                                "The checklist has %u problems; fix them and try again:%s",
                                problems->len),
                   problems->len, text->str);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, length, error))
    return NULL;

  root = json_node_get_object (json_parser_get_root (parser));

  self = g_atomic_rc_box_new0 (FlawChecklist);
  self->id = dup_member (root, "id");
  self->version = json_object_get_int_member (root, "version");
  self->title = dup_member (root, "title");
  self->description = dup_member (root, "description");
  self->json = g_strndup (json, length);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);

  sections = json_object_get_array_member (root, "sections");
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *s = json_array_get_object_element (sections, i);
      JsonArray *items = json_object_get_array_member (s, "items");
      FlawChecklistSection *section = g_new0 (FlawChecklistSection, 1);

      section->id = dup_member (s, "id");
      section->title = dup_member (s, "title");
      section->summary = dup_member (s, "summary");
      section->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          JsonObject *it = json_array_get_object_element (items, j);
          FlawChecklistItem *item = g_new0 (FlawChecklistItem, 1);

          item->id = dup_member (it, "id");
          item->kind = dup_member (it, "kind");
          item->question = dup_member (it, "question");
          item->good = dup_member (it, "good");
          item->poor = dup_member (it, "poor");
          item->evidence = dup_member (it, "evidence");
          g_ptr_array_add (section->items, item);
        }

      g_ptr_array_add (self->sections, section);
    }

  return self;
}

/**
 * flaw_checklist_load_builtin:
 *
 * Returns: (transfer full): the checklist Flawdesk ships
 */
FlawChecklist *
flaw_checklist_load_builtin (GError **error)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (BUILTIN_RESOURCE, 0, error);
  gsize size;
  const char *data;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);

  return flaw_checklist_new_from_data (data, size, error);
}

FlawChecklist *
flaw_checklist_ref (FlawChecklist *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
flaw_checklist_unref (FlawChecklist *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) checklist_clear);
}

guint
flaw_checklist_get_n_items (FlawChecklist *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->sections->len; i++)
    n += ((FlawChecklistSection *) g_ptr_array_index (self->sections, i))->items->len;

  return n;
}

/**
 * flaw_checklist_find_item:
 * @section: (out) (optional) (transfer none): the section holding the item
 *
 * Returns: (transfer none) (nullable): the item with @item_id
 */
const FlawChecklistItem *
flaw_checklist_find_item (FlawChecklist               *self,
                          const char                  *item_id,
                          const FlawChecklistSection **section)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      const FlawChecklistSection *s = g_ptr_array_index (self->sections, i);

      for (guint j = 0; j < s->items->len; j++)
        {
          const FlawChecklistItem *item = g_ptr_array_index (s->items, j);

          if (g_str_equal (item->id, item_id))
            {
              if (section != NULL)
                *section = s;
              return item;
            }
        }
    }

  return NULL;
}

/**
 * flaw_checklist_kind_label:
 *
 * Returns: a translated label for an item kind
 */
const char *
flaw_checklist_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "good-practice") == 0)
    return _("Good practice");
  if (g_strcmp0 (kind, "bad-practice") == 0)
    return _("Bad practice");

  return _("Practice");
}

/**
 * flaw_checklist_evidence_keys:
 *
 * Returns: (transfer none): the evidence keys an item may name
 */
const char * const *
flaw_checklist_evidence_keys (void)
{
  return evidence_keys;
}
