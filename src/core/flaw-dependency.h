/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FLAW_DEPENDENCY_ERROR (flaw_dependency_error_quark ())

typedef enum
{
  /* The file is damaged or not of the format it claims (truncated JSON, garbage). */
  FLAW_DEPENDENCY_ERROR_INVALID,
  /* A version of the format Flawdesk does not read (lockfileVersion 4). */
  FLAW_DEPENDENCY_ERROR_UNSUPPORTED,
  /* The format could not be recognised; name it. */
  FLAW_DEPENDENCY_ERROR_UNKNOWN_FORMAT,
} FlawDependencyError;

typedef enum
{
  FLAW_DEPENDENCY_FORMAT_AUTO,
  FLAW_DEPENDENCY_FORMAT_CYCLONEDX,
  FLAW_DEPENDENCY_FORMAT_SPDX,
  FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK,
  FLAW_DEPENDENCY_FORMAT_REQUIREMENTS,
  FLAW_DEPENDENCY_FORMAT_CARGO_LOCK,
  FLAW_DEPENDENCY_FORMAT_GO_SUM,
} FlawDependencyFormat;

/* A package at a version, named as OSV names it. */
typedef struct
{
  char *ecosystem;
  char *name;
  char *version;
  char *purl;     /* as found in an SBOM, or NULL */
} FlawDependency;

/* An entry of the file that was not imported, and why. */
typedef struct
{
  guint  line;    /* 1-based, or 0 for entries of JSON files */
  char  *text;
  char  *reason;
} FlawImportNote;

typedef struct
{
  FlawDependencyFormat  format;
  GPtrArray            *dependencies;  /* FlawDependency, without duplicates, sorted */
  GPtrArray            *notes;         /* FlawImportNote */
} FlawDependencyList;

GQuark                flaw_dependency_error_quark       (void);

FlawDependency       *flaw_dependency_new               (const char            *ecosystem,
                                                         const char            *name,
                                                         const char            *version);
FlawDependency       *flaw_dependency_copy              (const FlawDependency  *dependency);
void                  flaw_dependency_free              (FlawDependency        *dependency);
int                   flaw_dependency_compare           (gconstpointer          a,
                                                         gconstpointer          b);
FlawDependency       *flaw_dependency_new_from_purl     (const char            *purl,
                                                         GError               **error);
char                 *flaw_dependency_normalize_name    (const char            *ecosystem,
                                                         const char            *name);
const char * const   *flaw_dependency_get_ecosystems    (void);
gboolean              flaw_dependency_check             (const char            *ecosystem,
                                                         const char            *name,
                                                         const char            *version,
                                                         GError               **error);

void                  flaw_import_note_free             (FlawImportNote        *note);

const char           *flaw_dependency_format_to_string  (FlawDependencyFormat   format);
gboolean              flaw_dependency_format_from_string (const char           *string,
                                                          FlawDependencyFormat *format);
FlawDependencyFormat  flaw_dependency_detect_format     (const char            *data,
                                                         gsize                  length,
                                                         const char            *filename);

FlawDependencyList   *flaw_dependency_list_parse        (const char            *data,
                                                         gsize                  length,
                                                         FlawDependencyFormat   format,
                                                         const char            *filename,
                                                         GError               **error);
void                  flaw_dependency_list_free         (FlawDependencyList    *list);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawDependency, flaw_dependency_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawImportNote, flaw_import_note_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawDependencyList, flaw_dependency_list_free)

G_END_DECLS
