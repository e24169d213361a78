/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * CSV as RFC 4180 describes it and as spreadsheets write it: UTF-8 with or
 * without a byte order mark, CRLF or LF line ends, fields quoted with "
 * when they hold commas, quotes ("" inside quotes) or line breaks.
 */

#define FLAW_CSV_ERROR (flaw_csv_error_quark ())

typedef enum
{
  FLAW_CSV_ERROR_NOT_TEXT,      /* NUL bytes: a binary file */
  FLAW_CSV_ERROR_ENCODING,      /* not UTF-8 (or UTF-16) */
  FLAW_CSV_ERROR_UNTERMINATED,  /* a quoted field is never closed */
  FLAW_CSV_ERROR_MALFORMED,     /* text after a closing quote */
  FLAW_CSV_ERROR_EMPTY,         /* no header line */
} FlawCsvError;

/**
 * FlawCsvRecord:
 * @fields: (array zero-terminated=1): the fields
 * @n_fields: how many
 * @line: the physical line (1-based) the record starts on; a record with
 *   quoted line breaks spans several lines
 */
typedef struct
{
  char  **fields;
  guint   n_fields;
  guint   line;
} FlawCsvRecord;

GQuark      flaw_csv_error_quark   (void);
GPtrArray  *flaw_csv_parse         (const char          *data,
                                    gsize                length,
                                    guint               *error_line,
                                    GError             **error);
void        flaw_csv_record_free   (FlawCsvRecord       *record);
void        flaw_csv_append_field  (GString             *out,
                                    const char          *value);
void        flaw_csv_append_row    (GString             *out,
                                    const char * const  *values,
                                    guint                n_values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawCsvRecord, flaw_csv_record_free)

G_END_DECLS
