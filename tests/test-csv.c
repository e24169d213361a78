/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-csv.h"

static GPtrArray *
parse (const char  *text,
       guint       *error_line,
       GError     **error)
{
  return flaw_csv_parse (text, strlen (text), error_line, error);
}

static void
assert_record (GPtrArray  *records,
               guint       index,
               guint       line,
               const char *first,
               ...)
{
  FlawCsvRecord *record = g_ptr_array_index (records, index);
  const char *expected = first;
  guint i = 0;
  va_list args;

  g_assert_cmpuint (record->line, ==, line);

  va_start (args, first);
  while (expected != NULL)
    {
      g_assert_cmpuint (i, <, record->n_fields);
      g_assert_cmpstr (record->fields[i], ==, expected);
      i++;
      expected = va_arg (args, const char *);
    }
  va_end (args);

  g_assert_cmpuint (i, ==, record->n_fields);
}

static void
test_simple (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = parse ("a,b,c\n1,2,3\n", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  assert_record (records, 0, 1, "a", "b", "c", NULL);
  assert_record (records, 1, 2, "1", "2", "3", NULL);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Quotes and carriage returns inside unquoted fields are kept. */
  records = parse ("ab\"c,x\ry,\"q\"\n", NULL, &error);
  g_assert_no_error (error);
  assert_record (records, 0, 1, "ab\"c", "x\ry", "q", NULL);
}

static void
test_spreadsheet (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  /* A byte order mark, CRLF, quoted commas, quotes and line breaks, empty
   * fields, a missing final line end. */
  const char *text =
    "\xef\xbb\xbftitle,description,owner\r\n"
    "\"Admin, full\",\"He said \"\"fine\"\"\",\r\n"
    "\"Two\r\nlines\nthree\",,kim\r\n"
    "\r\n"
    "last,\"\",x";

  records = parse (text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 4);
  assert_record (records, 0, 1, "title", "description", "owner", NULL);
  assert_record (records, 1, 2, "Admin, full", "He said \"fine\"", "", NULL);
  /* Line breaks inside quotes are kept as written. */
  assert_record (records, 2, 3, "Two\r\nlines\nthree", "", "kim", NULL);
  /* Physical lines: the record above spans lines 3–5, line 6 is blank. */
  assert_record (records, 3, 7, "last", "", "x", NULL);
}

static void
test_errors (void)
{
  static const struct { const char *text; int code; guint line; } cases[] = {
    { "a,b\n\"open,2\n3,4\n", FLAW_CSV_ERROR_UNTERMINATED, 2 },
    { "a,b\n1,2\n\"x\"y,3\n", FLAW_CSV_ERROR_MALFORMED, 3 },
    { "a,b\n1,2\nca\xff\xfe,3\n", FLAW_CSV_ERROR_ENCODING, 3 },
    { "\xff\xfe" "a\0,\0b\0", FLAW_CSV_ERROR_ENCODING, 0 },
    { "", FLAW_CSV_ERROR_EMPTY, 0 },
    { "\n\n", FLAW_CSV_ERROR_EMPTY, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = NULL;
      guint line = 0;

      records = parse (cases[i].text, &line, &error);
      g_assert_null (records);
      g_assert_error (error, FLAW_CSV_ERROR, cases[i].code);
      g_assert_cmpuint (line, ==, cases[i].line);
      if (cases[i].line > 0)
        {
          g_autofree char *expected = g_strdup_printf ("Line %u", cases[i].line);

          g_assert_nonnull (strstr (error->message, expected));
        }
    }
}

static void
test_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  guchar garbage[4096];
  guint line;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guchar) ((i * 7919 + 13) % 256);

  records = flaw_csv_parse ((const char *) garbage, sizeof garbage, &line, &error);
  g_assert_null (records);
  g_assert_error (error, FLAW_CSV_ERROR, FLAW_CSV_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "binary"));
}

static void
test_write_read (void)
{
  const char * const values[] = {
    "plain", "comma, inside", "quote \" inside", "line\nbreak", "crlf\r\nbreak",
    " leading space", "", "emoji 🙂", "עברית", "=1+2", NULL,
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_strv_length ((char **) values);
  FlawCsvRecord *record;

  flaw_csv_append_row (out, values, n);
  flaw_csv_append_row (out, values, n);
  g_assert_true (g_str_has_suffix (out->str, "\r\n"));

  records = flaw_csv_parse (out->str, out->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);

  record = g_ptr_array_index (records, 1);
  g_assert_cmpuint (record->n_fields, ==, n);
  /* The second record starts after the three line breaks of the first. */
  g_assert_cmpuint (record->line, ==, 4);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (record->fields[i], ==, values[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flawdesk/csv/simple", test_simple);
  g_test_add_func ("/flawdesk/csv/spreadsheet", test_spreadsheet);
  g_test_add_func ("/flawdesk/csv/errors", test_errors);
  g_test_add_func ("/flawdesk/csv/binary", test_binary);
  g_test_add_func ("/flawdesk/csv/write-read", test_write_read);

  return g_test_run ();
}
