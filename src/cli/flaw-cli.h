/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "flaw-store.h"

G_BEGIN_DECLS

typedef enum
{
  FLAW_CLI_EXIT_OK = 0,
  FLAW_CLI_EXIT_USAGE = 1,
  FLAW_CLI_EXIT_FAILED = 2,
} FlawCliExit;

typedef struct _FlawCli FlawCli;

typedef FlawCliExit (*FlawCliCommandFunc) (FlawCli  *cli,
                                           int       argc,
                                           char    **argv);

typedef struct
{
  const char         *name;
  const char         *arguments;
  const char         *summary;
  FlawCliCommandFunc  run;
} FlawCliCommand;

int          flaw_cli_main        (int        argc,
                                   char     **argv);

FlawStore   *flaw_cli_open_store  (FlawCli   *cli,
                                   GError   **error);
FlawCliExit  flaw_cli_usage_error (FlawCli   *cli,
                                   const char *format,
                                   ...) G_GNUC_PRINTF (2, 3);
FlawCliExit  flaw_cli_fail        (FlawCli   *cli,
                                   GError    *error);
gboolean     flaw_cli_take_option (int          argc,
                                   char       **argv,
                                   int         *i,
                                   const char  *name,
                                   const char **value);
gboolean     flaw_cli_parse_id    (const char *text,
                                   gint64     *id);
char        *flaw_cli_printable   (const char *text,
                                   gboolean   one_line);
void         flaw_cli_print_json  (JsonNode  *node);

/* Commands, one file each. */
FlawCliExit  flaw_cli_assess      (FlawCli   *cli,
                                   int        argc,
                                   char     **argv);
FlawCliExit  flaw_cli_checklist   (FlawCli   *cli,
                                   int        argc,
                                   char     **argv);
FlawCliExit  flaw_cli_debt        (FlawCli   *cli,
                                   int        argc,
                                   char     **argv);
FlawCliExit  flaw_cli_doctor      (FlawCli   *cli,
                                   int        argc,
                                   char     **argv);
FlawCliExit  flaw_cli_reports     (FlawCli   *cli,
                                   int        argc,
                                   char     **argv);
FlawCliExit  flaw_cli_securitytxt (FlawCli   *cli,
                                   int        argc,
                                   char     **argv);
FlawCliExit  flaw_cli_deps        (FlawCli   *cli,
                                   int        argc,
                                   char     **argv);
FlawCliExit  flaw_cli_source      (FlawCli   *cli,
                                   int        argc,
                                   char     **argv);
FlawCliExit  flaw_cli_source_add_osv  (FlawCli   *cli,
                                       int        argc,
                                       char     **argv);
FlawCliExit  flaw_cli_sync        (FlawCli   *cli,
                                   int        argc,
                                   char     **argv);

G_END_DECLS
