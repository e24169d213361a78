/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "flaw-csv.h"

G_DEFINE_QUARK (flaw-csv-error-quark, flaw_csv_error)

void
flaw_csv_record_free (FlawCsvRecord *record)
{
  if (record == NULL)
    return;

  g_strfreev (record->fields);
  g_free (record);
}

static guint
line_of (const char *data,
         const char *position)
{
  guint line = 1;

  for (const char *p = data; p < position; p++)
    if (*p == '\n')
      line++;

  return line;
}

static void
finish_record (GPtrArray *records,
               GPtrArray *fields,
               guint      line)
{
  FlawCsvRecord *record;

  /* A line with nothing on it is not a record. */
  if (fields->len == 1 && *(char *) g_ptr_array_index (fields, 0) == '\0')
    {
      g_ptr_array_set_size (fields, 0);
      return;
    }

  record = g_new0 (FlawCsvRecord, 1);
  record->n_fields = fields->len;
  record->line = line;
  g_ptr_array_add (fields, NULL);
  record->fields = (char **) g_ptr_array_steal (fields, NULL);
  g_ptr_array_add (records, record);
}

/**
 * flaw_csv_parse:
 * @data: the file's bytes
 * @length: their number
 * @error_line: (out) (optional): the line a parse error is on
 * @error: return location for a #GError
 *
 * Reads a whole CSV file. Lines are counted as in a text editor, so that
 * errors point at the right line even after quoted line breaks. Blank
 * lines are skipped.
 *
 * Returns: (transfer container) (element-type FlawCsvRecord): the records,
 *   the header first, or %NULL with @error set
 */
GPtrArray *
flaw_csv_parse (const char  *data,
                gsize        length,
                guint       *error_line,
                GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = NULL;
  const char *end = data + length;
  const char *invalid = NULL;
  const char *p = data;
  guint line = 1;
  guint record_line = 1;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (error_line != NULL)
    *error_line = 0;

  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      g_set_error_literal (error, FLAW_CSV_ERROR, FLAW_CSV_ERROR_ENCODING,
                           _("The file is in UTF-16. Save it as “CSV UTF-8” and try again."));
      return NULL;
    }

  if (memchr (data, '\0', length) != NULL)
    {
      if (error_line != NULL)
        *error_line = line_of (data, memchr (data, '\0', length));
      g_set_error_literal (error, FLAW_CSV_ERROR, FLAW_CSV_ERROR_NOT_TEXT,
                           _("The file is not a CSV file: it holds binary data."));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      guint bad_line = line_of (data, invalid);

      if (error_line != NULL)
        *error_line = bad_line;
      g_set_error (error, FLAW_CSV_ERROR, FLAW_CSV_ERROR_ENCODING,
                   _("Line %u is not UTF-8 text. Save the file as “CSV UTF-8” and try again."),
                   bad_line);
      return NULL;
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_csv_record_free);
  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);

  while (p < end)
    {
      if (*p == '"' && field->len == 0)
        {
          guint open_line = line;

          /* A quoted field runs to the next lone quote. */
          for (p++; ; )
            {
              const char *quote = memchr (p, '"', end - p);

              if (quote == NULL)
                {
                  if (error_line != NULL)
                    *error_line = open_line;
                  g_set_error (error, FLAW_CSV_ERROR, FLAW_CSV_ERROR_UNTERMINATED,
                               _("Line %u opens a quoted field that is never closed. "
                                 "Check the quotes on that line."),
                               open_line);
                  return NULL;
                }

              for (const char *q = p; (q = memchr (q, '\n', quote - q)) != NULL; q++)
                line++;

              g_string_append_len (field, p, quote - p);
              p = quote + 1;

              if (p < end && *p == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                  continue;
                }

              break;
            }

          if (p < end && *p != ',' && *p != '\n' && !(*p == '\r' && (p + 1 == end || p[1] == '\n')))
            {
              if (error_line != NULL)
                *error_line = line;
              g_set_error (error, FLAW_CSV_ERROR, FLAW_CSV_ERROR_MALFORMED,
                           _("Line %u has text right after a closing quote. A quote inside a "
                             "quoted field must be written twice (\"\")."),
                           line);
              return NULL;
            }

          continue;
        }

      if (*p == ',')
        {
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
          p++;
          continue;
        }

      if (*p == '\r' && (p + 1 == end || p[1] == '\n'))
        {
          p++;
          continue;
        }

      if (*p == '\n')
        {
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
          finish_record (records, fields, record_line);
          line++;
          record_line = line;
          p++;
          continue;
        }

      /* Copy the run of ordinary characters at once; a lone quote or
       * carriage return inside an unquoted field is kept as it is. */
      {
        const char *run = p;

        while (p < end && *p != ',' && *p != '\n' && *p != '\r' && *p != '"')
          p++;

        if (p == run)
          p++;

        g_string_append_len (field, run, p - run);
      }
    }

  /* The last line may lack its line end. */
  if (field->len > 0 || fields->len > 0)
    {
      g_ptr_array_add (fields, g_strndup (field->str, field->len));
      finish_record (records, fields, record_line);
    }

  if (records->len == 0)
    {
      g_set_error_literal (error, FLAW_CSV_ERROR, FLAW_CSV_ERROR_EMPTY,
                           _("The file is empty: a CSV file starts with a line of column names."));
      return NULL;
    }

  return g_steal_pointer (&records);
}

/**
 * flaw_csv_append_field:
 * @value: (nullable): the field; %NULL is written as an empty field
 *
 * Appends one field, quoted if it needs to be.
 */
void
flaw_csv_append_field (GString    *out,
                       const char *value)
{
  if (value == NULL || *value == '\0')
    return;

  if (strpbrk (value, ",\"\r\n") == NULL && value[0] != ' ' && value[strlen (value) - 1] != ' ')
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * flaw_csv_append_row:
 *
 * Appends a record ending in CRLF, as RFC 4180 asks.
 */
void
flaw_csv_append_row (GString            *out,
                     const char * const *values,
                     guint               n_values)
{
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      flaw_csv_append_field (out, values[i]);
    }

  g_string_append (out, "\r\n");
}
