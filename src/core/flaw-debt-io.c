/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-debt-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-clock.h"
#include "flaw-csv.h"
#include "flaw-debt-io.h"
#include "flaw-debt-item-private.h"
#include "flaw-debt-report.h"
#include "flaw-debt-store.h"

#define JSON_FORMAT_NAME "flawdesk-debt"
#define JSON_FORMAT_VERSION 1

struct _FlawDebtImport
{
  gatomicrefcount   ref_count;

  GPtrArray        *items;          /* FlawDebtItem, one per data row */
  GArray           *lines;          /* guint, the line of each item */
  GPtrArray        *row_problems;   /* FlawDebtProblem found while reading */
  GPtrArray        *problems;       /* row_problems + validation */
  GHashTable       *broken_rows;    /* lines whose row could not be read at all */
  char            **headers;
  char            **mapping;
  gboolean          validated;      /* by flaw_debt_db_import_validate() */
};

G_DEFINE_BOXED_TYPE (FlawDebtImport, flaw_debt_import, flaw_debt_import_ref, flaw_debt_import_unref)

static const char * const format_names[] = { "csv", "json", "md", "html" };

static const char * const required_fields[] = { "title", "likelihood", "impact" };

gboolean
flaw_debt_format_from_string (const char     *text,
                              FlawDebtFormat *format)
{
  if (g_strcmp0 (text, "markdown") == 0)
    text = "md";

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_ascii_strcasecmp (text, format_names[i]) == 0)
        {
          if (format != NULL)
            *format = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
flaw_debt_format_to_string (FlawDebtFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (format_names), NULL);

  return format_names[format];
}

/**
 * flaw_debt_format_guess:
 *
 * Returns: whether @filename's extension names a format
 */
gboolean
flaw_debt_format_guess (const char     *filename,
                        FlawDebtFormat *format)
{
  const char *dot = filename ? strrchr (filename, '.') : NULL;

  if (dot == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (dot, ".htm") == 0)
    dot = ".html";

  return flaw_debt_format_from_string (dot + 1, format);
}

/* Formula injection guard; see the top of flaw-debt-io.h. */
static gboolean
needs_guard (const char *value)
{
  const char *p = value;

  while (*p == '\'')
    p++;

  return *p == '=' || *p == '+' || *p == '-' || *p == '@' || *p == '\t' || *p == '\r';
}

static char *
guard_value (char *value)
{
  char *guarded;

  if (value == NULL || !needs_guard (value))
    return value;

  guarded = g_strconcat ("'", value, NULL);
  g_free (value);

  return guarded;
}

static const char *
unguard_value (const char *value)
{
  if (value[0] == '\'' && needs_guard (value + 1))
    return value + 1;

  return value;
}

static char *
normalize_header (const char *header)
{
  g_autofree char *stripped = g_strstrip (g_strdup (header));
  g_autofree char *lower = g_utf8_strdown (stripped, -1);

  for (char *p = lower; *p; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';

  return g_steal_pointer (&lower);
}

/**
 * flaw_debt_csv_auto_map:
 * @headers: the CSV header
 *
 * Maps each header to the field of the same name, ignoring case, spaces
 * and dashes; a header can also be the field's English label ("Review
 * date"). Headers that match nothing map to "" (ignored).
 *
 * Returns: (transfer full): one field name (or "") per header
 */
char **
flaw_debt_csv_auto_map (const char * const *headers)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *fields = flaw_debt_item_list_fields ();

  for (guint i = 0; headers != NULL && headers[i]; i++)
    {
      g_autofree char *normal = normalize_header (headers[i]);
      const char *match = "";

      for (guint f = 0; fields[f]; f++)
        {
          g_autofree char *label = normalize_header (flaw_debt_item_get_field_label (fields[f]));

          if (g_str_equal (normal, fields[f]) || g_str_equal (normal, label))
            {
              match = fields[f];
              break;
            }
        }

      g_strv_builder_add (builder, match);
    }

  return g_strv_builder_end (builder);
}

static FlawDebtImport *
import_new (void)
{
  FlawDebtImport *self = g_new0 (FlawDebtImport, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  self->row_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_debt_problem_free);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_debt_problem_free);
  self->broken_rows = g_hash_table_new (NULL, NULL);

  return self;
}

FlawDebtImport *
flaw_debt_import_ref (FlawDebtImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
flaw_debt_import_unref (FlawDebtImport *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->items);
  g_array_unref (self->lines);
  g_ptr_array_unref (self->row_problems);
  g_ptr_array_unref (self->problems);
  g_hash_table_unref (self->broken_rows);
  g_strfreev (self->headers);
  g_strfreev (self->mapping);
  g_free (self);
}

static void
add_row_problem (FlawDebtImport *self,
                 guint           line,
                 const char     *field,
                 const char     *message)
{
  g_ptr_array_add (self->row_problems, flaw_debt_problem_new (line, field, message));
}

static gboolean
row_has_problem (FlawDebtImport *self,
                 guint           line,
                 const char     *field)
{
  for (guint i = 0; i < self->row_problems->len; i++)
    {
      FlawDebtProblem *problem = g_ptr_array_index (self->row_problems, i);

      if (problem->line == line && g_strcmp0 (problem->field, field) == 0)
        return TRUE;
    }

  return FALSE;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const FlawDebtProblem *x = *(FlawDebtProblem * const *) a;
  const FlawDebtProblem *y = *(FlawDebtProblem * const *) b;

  return (x->line > y->line) - (x->line < y->line);
}

/* Rebuilds the problem list: what reading found, then the rules of the
 * register for every row that could be read. */
static void
revalidate (FlawDebtImport     *self,
            const char * const *categories,
            GHashTable         *taken_ids)
{
  g_autoptr(GHashTable) seen_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_ptr_array_set_size (self->problems, 0);

  for (guint i = 0; i < self->row_problems->len; i++)
    {
      FlawDebtProblem *problem = g_ptr_array_index (self->row_problems, i);

      g_ptr_array_add (self->problems, flaw_debt_problem_new (problem->line, problem->field, problem->message));
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      FlawDebtItem *item = g_ptr_array_index (self->items, i);
      guint line = g_array_index (self->lines, guint, i);
      g_autoptr(GPtrArray) problems = NULL;
      gint64 id = flaw_debt_item_get_id (item);

      if (g_hash_table_contains (self->broken_rows, GUINT_TO_POINTER (line)))
        continue;

      problems = flaw_debt_item_validate (item, categories);
      for (guint p = 0; p < problems->len; p++)
        {
          FlawDebtProblem *problem = g_ptr_array_index (problems, p);

          /* A value that could not be read is reported once. */
          if (row_has_problem (self, line, problem->field))
            continue;

          g_ptr_array_add (self->problems, flaw_debt_problem_new (line, problem->field, problem->message));
        }

      if (id > 0)
        {
          g_autofree char *message = NULL;

          if (g_hash_table_contains (seen_ids, &id))
            message = g_strdup_printf (_("ID %lld is used by an earlier row too. "
                                         "Each id may appear once; leave the id empty to add a new item."),
                                       (long long) id);
          else if (taken_ids != NULL && g_hash_table_contains (taken_ids, &id))
            message = g_strdup_printf (_("ID %lld is already used in this register. "
                                         "Leave the id empty to add the row as a new item."),
                                       (long long) id);

          if (message != NULL)
            g_ptr_array_add (self->problems, flaw_debt_problem_new (line, "id", message));

          g_hash_table_add (seen_ids, g_memdup2 (&id, sizeof id));
        }
    }

  g_ptr_array_sort (self->problems, compare_problems);
}

static gboolean
check_mapping (char        **headers,
               char        **mapping,
               GError      **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  if (g_strv_length (mapping) != g_strv_length (headers))
    {
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE,
                   _("The column mapping has %u entries, but the file has %u columns."),
                   g_strv_length (mapping), g_strv_length (headers));
      return FALSE;
    }

  for (guint i = 0; mapping[i]; i++)
    {
      if (*mapping[i] == '\0')
        continue;

      if (!flaw_debt_item_is_field (mapping[i]))
        {
          g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE,
                       _("Column “%s” is mapped to “%s”, which is not a field of a debt item."),
                       headers[i], mapping[i]);
          return FALSE;
        }

      for (guint j = 0; j < i; j++)
        {
          if (g_str_equal (mapping[i], mapping[j]))
            {
              g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE,
                           _("Columns “%s” and “%s” are both mapped to %s. Map one of them to "
                             "another field or ignore it."),
                           headers[j], headers[i], mapping[i]);
              return FALSE;
            }
        }
    }

  for (guint r = 0; r < G_N_ELEMENTS (required_fields); r++)
    if (!g_strv_contains ((const char * const *) mapping, required_fields[r]))
      g_ptr_array_add (missing, (gpointer) required_fields[r]);

  if (missing->len > 0)
    {
      g_autofree char *names = NULL;
      g_autofree char *found = g_strjoinv (", ", headers);

      g_ptr_array_add (missing, NULL);
      names = g_strjoinv (", ", (char **) missing->pdata);
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE,
                   _("The file has no column for %s. Its first line names the columns: %s."),
                   names, found);
      return FALSE;
    }

  return TRUE;
}

/**
 * flaw_debt_import_new_from_csv:
 * @data: the file
 * @length: its size
 * @mapping: (nullable) (array zero-terminated=1): one field name (or "" to
 *   ignore) per column of the header, or %NULL for flaw_debt_csv_auto_map()
 * @error: return location for a #GError
 *
 * Reads a CSV file into drafts and row problems, validating every row
 * except what needs the database (categories, ids): see
 * flaw_debt_db_import_validate().
 *
 * Returns: (transfer full): the import, or %NULL with
 *   %FLAW_DEBT_ERROR_PARSE if the file cannot be read at all
 */
FlawDebtImport *
flaw_debt_import_new_from_csv (const char          *data,
                               gsize                length,
                               const char * const  *mapping,
                               GError             **error)
{
  g_autoptr(FlawDebtImport) self = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) local_error = NULL;
  FlawCsvRecord *header;
  guint n_columns;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  records = flaw_csv_parse (data, length, NULL, &local_error);
  if (records == NULL)
    {
      g_set_error_literal (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE, local_error->message);
      return NULL;
    }

  self = import_new ();
  header = g_ptr_array_index (records, 0);
  n_columns = header->n_fields;
  self->headers = g_strdupv (header->fields);
  self->mapping = mapping ? g_strdupv ((char **) mapping) : flaw_debt_csv_auto_map ((const char * const *) self->headers);

  if (!check_mapping (self->headers, self->mapping, error))
    return NULL;

  for (guint r = 1; r < records->len; r++)
    {
      FlawCsvRecord *record = g_ptr_array_index (records, r);
      g_autoptr(FlawDebtItem) item = flaw_debt_item_new ();

      if (record->n_fields != n_columns)
        {
          g_autofree char *message =
            g_strdup_printf (_("Line %u has %u fields, but the first line names %u columns. "
                               "Look for a missing or extra comma, or a comma in a field "
                               "that is not in quotes."),
                             record->line, record->n_fields, n_columns);

          add_row_problem (self, record->line, NULL, message);
          g_hash_table_add (self->broken_rows, GUINT_TO_POINTER (record->line));
        }
      else
        {
          for (guint c = 0; c < n_columns; c++)
            {
              g_autoptr(GError) field_error = NULL;
              const char *field = self->mapping[c];

              if (*field == '\0')
                continue;

              if (!flaw_debt_item_set_field (item, field, unguard_value (record->fields[c]), &field_error))
                add_row_problem (self, record->line, field, field_error->message);
            }
        }

      g_ptr_array_add (self->items, g_steal_pointer (&item));
      g_array_append_val (self->lines, record->line);

      /* Keep the peak memory of a large import down: the text of a row is
       * not needed once its item is built. */
      flaw_csv_record_free (g_steal_pointer (&records->pdata[r]));
    }

  revalidate (self, NULL, NULL);

  return g_steal_pointer (&self);
}

typedef struct
{
  int     depth;
  GArray *lines;
} JsonLines;

static void
object_start_cb (JsonParser *parser,
                 gpointer    user_data)
{
  JsonLines *lines = user_data;
  guint line = json_parser_get_current_line (parser);

  /* The items are the objects inside the envelope. */
  if (++lines->depth == 2)
    g_array_append_val (lines->lines, line);
}

static void
object_end_cb (JsonParser *parser,
               JsonObject *object,
               gpointer    user_data)
{
  ((JsonLines *) user_data)->depth--;
}

static gboolean
set_from_json (FlawDebtItem  *item,
               const char    *field,
               JsonNode      *node,
               GError       **error)
{
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return flaw_debt_item_set_field (item, field, "", error);

  if (g_str_equal (field, "links") && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GPtrArray) links = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID,
                           _("Links must be a list of web addresses in quotes."));
              return FALSE;
            }
          g_ptr_array_add (links, (gpointer) json_node_get_string (element));
        }

      g_ptr_array_add (links, NULL);
      flaw_debt_item_set_links (item, (const char * const *) links->pdata);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID,
                   _("%s must be text or a number, not a list or an object."),
                   flaw_debt_item_get_field_label (field));
      return FALSE;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return flaw_debt_item_set_field (item, field, json_node_get_string (node), error);

    case G_TYPE_INT64:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return flaw_debt_item_set_field (item, field, text, error);

    case G_TYPE_DOUBLE:
      text = flaw_debt_format_number (json_node_get_double (node));
      return flaw_debt_item_set_field (item, field, text, error);

    default:
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID,
                   _("%s must be text or a number, not true or false."),
                   flaw_debt_item_get_field_label (field));
      return FALSE;
    }
}

/**
 * flaw_debt_import_new_from_json:
 *
 * Reads a JSON export (see the top of flaw-debt-io.h). Problems name the
 * line each item starts on.
 *
 * Returns: (transfer full): the import, or %NULL with
 *   %FLAW_DEBT_ERROR_PARSE if the file is not a Flawdesk debt export
 */
FlawDebtImport *
flaw_debt_import_new_from_json (const char  *data,
                                gsize        length,
                                GError     **error)
{
  g_autoptr(FlawDebtImport) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonLines tracker = { 0, lines };
  JsonObject *envelope;
  JsonArray *items;
  JsonNode *root;
  const char *invalid = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (memchr (data, '\0', length) != NULL || !g_utf8_validate_len (data, length, &invalid))
    {
      g_set_error_literal (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE,
                           _("The file is not a JSON file: it is not UTF-8 text."));
      return NULL;
    }

  g_signal_connect (parser, "object-start", G_CALLBACK (object_start_cb), &tracker);
  g_signal_connect (parser, "object-end", G_CALLBACK (object_end_cb), &tracker);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE,
                   _("The file is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (json_object_get_string_member_with_default (envelope = json_node_get_object (root),
                                                             "format", NULL),
                 JSON_FORMAT_NAME) != 0)
    {
      g_set_error_literal (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE,
                           _("The file is JSON but not a Flawdesk debt export: it needs "
                             "\"format\": \"flawdesk-debt\"."));
      return NULL;
    }

  if (json_object_get_int_member_with_default (envelope, "version", 0) != JSON_FORMAT_VERSION)
    {
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE,
                   _("The file is a Flawdesk debt export of version %lld; this Flawdesk "
                     "reads version %d. Update Flawdesk to import it."),
                   (long long) json_object_get_int_member_with_default (envelope, "version", 0),
                   JSON_FORMAT_VERSION);
      return NULL;
    }

  if (!json_object_has_member (envelope, "items") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (envelope, "items")))
    {
      g_set_error_literal (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE,
                           _("The file has no \"items\" list."));
      return NULL;
    }

  self = import_new ();
  self->headers = g_strdupv ((char **) flaw_debt_item_list_fields ());
  self->mapping = g_strdupv ((char **) flaw_debt_item_list_fields ());
  items = json_object_get_array_member (envelope, "items");

  for (guint i = 0, object_index = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      g_autoptr(FlawDebtItem) item = flaw_debt_item_new ();
      guint line = 0;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObjectIter iter;
          const char *member;
          JsonNode *value;

          if (object_index < lines->len)
            line = g_array_index (lines, guint, object_index);
          object_index++;

          json_object_iter_init (&iter, json_node_get_object (node));
          while (json_object_iter_next (&iter, &member, &value))
            {
              g_autoptr(GError) field_error = NULL;

              if (!flaw_debt_item_is_field (member))
                {
                  g_autofree char *message =
                    g_strdup_printf (_("“%s” is not a field of a debt item. The fields are: %s."),
                                     member, "id, title, description, category, component, cwe, owner, "
                                     "approver, links, likelihood, impact, principal, interest, status, "
                                     "rationale, compensating_controls, review_date, target_date, "
                                     "wont_fix_reason, created");

                  add_row_problem (self, line, member, message);
                }
              else if (!set_from_json (item, member, value, &field_error))
                add_row_problem (self, line, member, field_error->message);
            }
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Item %u of the list is not an object { … }."), i + 1);

          add_row_problem (self, line, NULL, message);
          g_hash_table_add (self->broken_rows, GUINT_TO_POINTER (line));
        }

      g_ptr_array_add (self->items, g_steal_pointer (&item));
      g_array_append_val (self->lines, line);
    }

  revalidate (self, NULL, NULL);

  return g_steal_pointer (&self);
}

/**
 * flaw_debt_import_get_items:
 *
 * Returns: (transfer none) (element-type FlawDebtItem): one draft per row,
 *   for the preview
 */
GPtrArray *
flaw_debt_import_get_items (FlawDebtImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->items;
}

/**
 * flaw_debt_import_get_problems:
 *
 * Returns: (transfer none) (element-type FlawDebtProblem): every problem,
 *   by line; the import can be committed only when this is empty
 */
GPtrArray *
flaw_debt_import_get_problems (FlawDebtImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->problems;
}

/**
 * flaw_debt_import_get_headers:
 *
 * Returns: (transfer none): the file's column names (the field names for JSON)
 */
const char * const *
flaw_debt_import_get_headers (FlawDebtImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->headers;
}

/**
 * flaw_debt_import_get_mapping:
 *
 * Returns: (transfer none): the field of each header ("" when ignored)
 */
const char * const *
flaw_debt_import_get_mapping (FlawDebtImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->mapping;
}

guint
flaw_debt_import_get_n_rows (FlawDebtImport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

gboolean
flaw_debt_import_has_problems (FlawDebtImport *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->problems->len > 0;
}

/**
 * flaw_debt_import_dup_summary:
 *
 * Returns: (transfer full): every problem, one per line, as
 *   "line N, field: message", for the command line
 */
char *
flaw_debt_import_dup_summary (FlawDebtImport *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      FlawDebtProblem *problem = g_ptr_array_index (self->problems, i);

      if (problem->line > 0)
        g_string_append_printf (text, _("line %u"), problem->line);
      if (problem->field != NULL)
        g_string_append_printf (text, "%s%s", problem->line > 0 ? ", " : "", problem->field);
      g_string_append_printf (text, ": %s\n", problem->message);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * flaw_debt_db_import_validate:
 *
 * Adds what needs the database to the problems: unknown categories, ids
 * already used. Run it before showing the preview.
 */
gboolean
flaw_debt_db_import_validate (FlawDatabase    *db,
                              FlawDebtImport  *import,
                              GError         **error)
{
  g_auto(GStrv) categories = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (import != NULL, FALSE);

  if (!(categories = flaw_debt_db_dup_category_ids (db, error)))
    return FALSE;

  /* Deleted items keep their ids, for Undo. */
  if (!(stmt = flaw_database_prepare (db, "SELECT id FROM debt", error)))
    return FALSE;

  while ((rc = flaw_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (taken, g_memdup2 (&id, sizeof id));
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return FALSE;

  revalidate (import, (const char * const *) categories, taken);
  import->validated = TRUE;

  return TRUE;
}

/**
 * flaw_debt_db_import_commit:
 *
 * Validates, unless flaw_debt_db_import_validate() already did, and only
 * if there is no problem saves every row in one transaction. Otherwise nothing is written and @error is
 * %FLAW_DEBT_ERROR_IMPORT; the problems are in
 * flaw_debt_import_get_problems().
 */
gboolean
flaw_debt_db_import_commit (FlawDatabase    *db,
                            FlawDebtImport  *import,
                            GError         **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (import != NULL, FALSE);

  /* After a preview, ids taken since then are still refused by the
   * database, and nothing is written. */
  if (!import->validated && !flaw_debt_db_import_validate (db, import, error))
    return FALSE;

  if (import->problems->len > 0)
    {
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_IMPORT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The file has %u problem. Nothing was imported; correct it and try again.",
                                "The file has %u problems. Nothing was imported; correct them and try again.",
                                import->problems->len),
                   import->problems->len);
      return FALSE;
    }

  return flaw_debt_db_create_many (db, import->items, error);
}

/**
 * flaw_debt_export_csv:
 * @items: (element-type FlawDebtItem): full items
 *
 * Returns: (transfer full): UTF-8 CSV without a byte order mark, CRLF line
 *   ends, the header first
 */
GBytes *
flaw_debt_export_csv (GPtrArray *items)
{
  const char * const *fields = flaw_debt_item_list_fields ();
  guint n_fields = g_strv_length ((char **) fields);
  g_autoptr(GString) out = g_string_sized_new (256 + items->len * 256);
  g_autofree char **values = g_new0 (char *, n_fields + 1);

  flaw_csv_append_row (out, fields, n_fields);

  for (guint i = 0; i < items->len; i++)
    {
      FlawDebtItem *item = g_ptr_array_index (items, i);

      for (guint f = 0; f < n_fields; f++)
        values[f] = guard_value (flaw_debt_item_dup_field (item, fields[f]));

      flaw_csv_append_row (out, (const char * const *) values, n_fields);

      for (guint f = 0; f < n_fields; f++)
        g_clear_pointer (&values[f], g_free);
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static void
add_text_member (JsonBuilder *builder,
                 const char  *name,
                 char        *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
  g_free (value);
}

/**
 * flaw_debt_export_json:
 * @items: (element-type FlawDebtItem): full items
 *
 * Returns: (transfer full): the JSON envelope, every field present (null
 *   when empty), numbers as numbers and links as a list
 */
GBytes *
flaw_debt_export_json (GPtrArray *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, JSON_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, JSON_FORMAT_VERSION);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);

  for (guint i = 0; i < items->len; i++)
    {
      FlawDebtItem *item = g_ptr_array_index (items, i);
      const char * const *links = flaw_debt_item_get_links (item);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, flaw_debt_item_get_id (item));
      add_text_member (builder, "title", flaw_debt_item_dup_field (item, "title"));
      add_text_member (builder, "description", flaw_debt_item_dup_field (item, "description"));
      add_text_member (builder, "category", flaw_debt_item_dup_field (item, "category"));
      add_text_member (builder, "component", flaw_debt_item_dup_field (item, "component"));
      add_text_member (builder, "cwe", flaw_debt_item_dup_field (item, "cwe"));
      add_text_member (builder, "owner", flaw_debt_item_dup_field (item, "owner"));
      add_text_member (builder, "approver", flaw_debt_item_dup_field (item, "approver"));
      json_builder_set_member_name (builder, "links");
      json_builder_begin_array (builder);
      for (guint l = 0; links[l]; l++)
        json_builder_add_string_value (builder, links[l]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "likelihood");
      json_builder_add_int_value (builder, flaw_debt_item_get_likelihood (item));
      json_builder_set_member_name (builder, "impact");
      json_builder_add_int_value (builder, flaw_debt_item_get_impact (item));
      json_builder_set_member_name (builder, "principal");
      json_builder_add_double_value (builder, flaw_debt_item_get_principal (item));
      json_builder_set_member_name (builder, "interest");
      json_builder_add_double_value (builder, flaw_debt_item_get_interest (item));
      add_text_member (builder, "status", flaw_debt_item_dup_field (item, "status"));
      add_text_member (builder, "rationale", flaw_debt_item_dup_field (item, "rationale"));
      add_text_member (builder, "compensating_controls", flaw_debt_item_dup_field (item, "compensating_controls"));
      add_text_member (builder, "review_date", flaw_debt_item_dup_field (item, "review_date"));
      add_text_member (builder, "target_date", flaw_debt_item_dup_field (item, "target_date"));
      add_text_member (builder, "wont_fix_reason", flaw_debt_item_dup_field (item, "wont_fix_reason"));
      add_text_member (builder, "created", flaw_debt_item_dup_field (item, "created"));
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  return g_bytes_new_take (text, strlen (text));
}

/**
 * flaw_debt_db_export:
 * @ids: (nullable) (element-type gint64): the items to export (the current
 *   view), or %NULL for all
 *
 * Loads the full items and writes them in @format. Reports include the
 * cost over the last year (or since the oldest item, if later) of the
 * same items.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
flaw_debt_db_export (FlawDatabase    *db,
                     GArray          *ids,
                     FlawDebtFormat   format,
                     GError         **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) series = NULL;
  g_autofree char *today = NULL;
  g_autofree char *report = NULL;
  gint64 now = flaw_clock_now ();
  gint64 from;

  g_return_val_if_fail (FLAW_IS_DATABASE (db), NULL);

  if (!(items = flaw_debt_db_load_many (db, ids, error)))
    return NULL;

  switch (format)
    {
    case FLAW_DEBT_FORMAT_CSV:
      return flaw_debt_export_csv (items);

    case FLAW_DEBT_FORMAT_JSON:
      return flaw_debt_export_json (items);

    case FLAW_DEBT_FORMAT_MARKDOWN:
    case FLAW_DEBT_FORMAT_HTML:
      from = flaw_debt_report_series_start (items, now);
      if (!(series = flaw_debt_db_cost_series_for (db, ids, from, now, FLAW_DEBT_REPORT_POINTS, error)))
        return NULL;

      today = flaw_debt_today ();
      if (format == FLAW_DEBT_FORMAT_HTML)
        report = flaw_debt_report_html (items, series, now, today);
      else
        report = flaw_debt_report_markdown (items, series, now, today);

      return g_bytes_new_take (g_steal_pointer (&report), strlen (report));

    default:
      g_return_val_if_reached (NULL);
    }
}

/* Asynchronous wrappers ------------------------------------------------- */

typedef struct
{
  GBytes          *data;
  FlawDebtFormat   format;
  char           **mapping;
  FlawDebtImport  *import;
  GArray          *ids;
} IoCall;

static void
io_call_free (IoCall *call)
{
  g_clear_pointer (&call->data, g_bytes_unref);
  g_clear_pointer (&call->mapping, g_strfreev);
  g_clear_pointer (&call->import, flaw_debt_import_unref);
  g_clear_pointer (&call->ids, g_array_unref);
  g_free (call);
}

static gpointer
preview_job (FlawDatabase  *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  IoCall *call = data;
  g_autoptr(FlawDebtImport) import = NULL;
  gsize length;
  const char *bytes = g_bytes_get_data (call->data, &length);

  if (call->format == FLAW_DEBT_FORMAT_JSON)
    import = flaw_debt_import_new_from_json (bytes ? bytes : "", length, error);
  else
    import = flaw_debt_import_new_from_csv (bytes ? bytes : "", length,
                                            (const char * const *) call->mapping, error);

  g_clear_pointer (&call->data, g_bytes_unref);

  if (import == NULL || !flaw_debt_db_import_validate (db, import, error))
    return NULL;

  return g_steal_pointer (&import);
}

static gpointer
commit_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  IoCall *call = data;

  return flaw_debt_db_import_commit (db, call->import, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
export_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  IoCall *call = data;

  return flaw_debt_db_export (db, call->ids, call->format, error);
}

/**
 * flaw_debt_import_preview_async:
 * @data: the file's contents
 * @format: %FLAW_DEBT_FORMAT_CSV or %FLAW_DEBT_FORMAT_JSON
 * @mapping: (nullable): for CSV, see flaw_debt_import_new_from_csv()
 *
 * Reads and validates a file on the database thread; nothing is written.
 */
void
flaw_debt_import_preview_async (FlawStore           *store,
                                GBytes              *data,
                                FlawDebtFormat       format,
                                const char * const  *mapping,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  IoCall *call;

  g_return_if_fail (FLAW_IS_STORE (store));
  g_return_if_fail (data != NULL);
  g_return_if_fail (format == FLAW_DEBT_FORMAT_CSV || format == FLAW_DEBT_FORMAT_JSON);

  call = g_new0 (IoCall, 1);
  call->data = g_bytes_ref (data);
  call->format = format;
  call->mapping = g_strdupv ((char **) mapping);

  flaw_store_run_async (store, preview_job, call, (GDestroyNotify) io_call_free,
                        (GDestroyNotify) flaw_debt_import_unref, cancellable, callback, user_data);
}

/**
 * flaw_debt_import_preview_finish:
 *
 * Returns: (transfer full): the import to preview, or %NULL if the file
 *   cannot be read at all
 */
FlawDebtImport *
flaw_debt_import_preview_finish (FlawStore     *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

/**
 * flaw_debt_import_commit_async:
 *
 * Saves a previewed import, all or nothing (flaw_debt_db_import_commit()).
 * Do not use @import from the main thread until this finishes.
 */
void
flaw_debt_import_commit_async (FlawStore           *store,
                               FlawDebtImport      *import,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  IoCall *call;

  g_return_if_fail (FLAW_IS_STORE (store));
  g_return_if_fail (import != NULL);

  call = g_new0 (IoCall, 1);
  call->import = flaw_debt_import_ref (import);

  flaw_store_run_async (store, commit_job, call, (GDestroyNotify) io_call_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
flaw_debt_import_commit_finish (FlawStore     *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return flaw_store_run_finish (store, result, error) != NULL;
}

/**
 * flaw_debt_export_async:
 * @ids: (nullable) (element-type gint64): the items of the current view,
 *   or %NULL for all; copied
 */
void
flaw_debt_export_async (FlawStore           *store,
                        GArray              *ids,
                        FlawDebtFormat       format,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  IoCall *call;

  g_return_if_fail (FLAW_IS_STORE (store));

  call = g_new0 (IoCall, 1);
  call->format = format;
  if (ids != NULL)
    {
      call->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
      g_array_append_vals (call->ids, ids->data, ids->len);
    }

  flaw_store_run_async (store, export_job, call, (GDestroyNotify) io_call_free,
                        (GDestroyNotify) g_bytes_unref, cancellable, callback, user_data);
}

/**
 * flaw_debt_export_finish:
 *
 * Returns: (transfer full): the file's contents, to write through the
 *   file chooser portal
 */
GBytes *
flaw_debt_export_finish (FlawStore     *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}
