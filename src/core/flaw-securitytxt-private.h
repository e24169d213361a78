/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-securitytxt.h"

G_BEGIN_DECLS

/* One line of the file, without its line end. */
typedef struct
{
  guint  number;
  char  *text;
} FlawSecuritytxtLine;

typedef struct
{
  FlawSecuritytxtReport *report;
  GArray                *lines;     /* FlawSecuritytxtLine: every line of the file */
  GPtrArray             *content;   /* FlawSecuritytxtLine *: the lines holding fields */
  guint                  n_expires;
  guint                  n_languages;
  guint                  first_canonical_line;
  gboolean               has_encryption;
  gboolean               has_mailto;
} FlawSecuritytxtValidation;

void     _flaw_securitytxt_validate_into    (FlawSecuritytxtReport *report,
                                             const char            *text,
                                             gssize                 length,
                                             const char * const    *retrieved_from);
void     _flaw_securitytxt_collect_content  (FlawSecuritytxtValidation            *v);
gboolean _flaw_securitytxt_is_field_name    (const char            *name,
                                             gsize                  length);

G_END_DECLS
