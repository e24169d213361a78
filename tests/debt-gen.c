/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "flaw-clock.h"
#include "flaw-debt-gen.h"

/* debt-gen N [SEED]: writes a generated register of N items as CSV, in the
 * format flawdesk-cli debt import reads, to standard output. */
int
main (int    argc,
      char **argv)
{
  g_autoptr(GString) csv = NULL;
  guint64 n = 0;
  guint64 seed = 1;

  if (argc < 2 || !g_ascii_string_to_unsigned (argv[1], 10, 1, 10000000, &n, NULL) ||
      (argc > 2 && !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT32, &seed, NULL)))
    {
      fprintf (stderr, "Usage: debt-gen N [SEED]\n");
      return 1;
    }

  csv = flaw_debt_gen_csv ((guint) n, (guint32) seed, flaw_clock_now ());

  return fwrite (csv->str, 1, csv->len, stdout) == csv->len ? 0 : 2;
}
