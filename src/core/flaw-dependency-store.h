/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "flaw-database.h"
#include "flaw-dependency.h"

G_BEGIN_DECLS

#define FLAW_DEPENDENCY_STORE_ERROR (flaw_dependency_store_error_quark ())

typedef enum
{
  /* The components changed between the preview and applying it. */
  FLAW_DEPENDENCY_STORE_ERROR_STALE_PREVIEW,
  FLAW_DEPENDENCY_STORE_ERROR_NOT_FOUND,
  FLAW_DEPENDENCY_STORE_ERROR_INVALID,
} FlawDependencyStoreError;

/* A component as stored, with what is known to affect it. */
typedef struct
{
  gint64     id;
  char      *ecosystem;
  char      *name;
  char      *version;
  char      *purl;
  char      *import_source;
  gboolean   checked;       /* FALSE: never checked against OSV */
  gint64     last_checked;  /* valid when checked */
  GPtrArray *vulns;         /* char *: OSV ids affecting it, not suppressed now */
  GPtrArray *suppressed;    /* char *: OSV ids affecting it, suppressed now */
  GPtrArray *expired;       /* char *: ids in vulns whose suppression has expired */
} FlawComponent;

typedef struct
{
  gint64  component_id;
  char   *ecosystem;
  char   *name;
  char   *old_version;
  char   *new_version;
  char   *new_purl;
} FlawComponentChange;

/* What an import will do, computed before anything is written. */
typedef struct
{
  char      *import_source;
  GPtrArray *added;      /* FlawDependency */
  GPtrArray *changed;    /* FlawComponentChange */
  GPtrArray *removed;    /* FlawComponent */
  guint      unchanged;
} FlawImportPreview;

/* A vulnerability record, as OSV describes it. */
typedef struct
{
  gint64     id;          /* row id once stored, else 0 */
  char      *osv_id;
  GPtrArray *aliases;     /* char *: other ids of the same flaw (CVE, GHSA, PYSEC, …) */
  char      *summary;
  char      *details;
  char      *severity;    /* JSON array of {type, score} */
  gint64     modified;
  gint64     published;   /* 0 when unknown */
  gint64     withdrawn;   /* 0 when not withdrawn */
  char      *references;  /* JSON array of {type, url} */
  char      *affected;    /* JSON array, OSV affected[] */
  GPtrArray *fixed;       /* char *: versions that fix it */
} FlawVulnerability;

GQuark              flaw_dependency_store_error_quark   (void);

void                flaw_component_free                 (FlawComponent             *component);
void                flaw_component_change_free          (FlawComponentChange       *change);
void                flaw_import_preview_free            (FlawImportPreview         *preview);
FlawVulnerability  *flaw_vulnerability_new              (void);
void                flaw_vulnerability_free             (FlawVulnerability         *vulnerability);

FlawImportPreview  *flaw_import_preview_compute         (GPtrArray                 *existing,
                                                         GPtrArray                 *incoming,
                                                         const char                *import_source);
gboolean            flaw_import_preview_is_empty        (const FlawImportPreview   *preview);

GPtrArray          *flaw_components_list                (FlawDatabase              *database,
                                                         const char                *import_source,
                                                         gboolean                   vulnerable_only,
                                                         GError                   **error);
FlawImportPreview  *flaw_components_preview_import      (FlawDatabase              *database,
                                                         const char                *import_source,
                                                         GPtrArray                 *incoming,
                                                         GError                   **error);
gboolean            flaw_components_apply_import        (FlawDatabase              *database,
                                                         const FlawImportPreview   *preview,
                                                         GError                   **error);
gint64              flaw_component_add                  (FlawDatabase              *database,
                                                         const FlawDependency      *dependency,
                                                         const char                *import_source,
                                                         GError                   **error);
gboolean            flaw_component_set_version          (FlawDatabase              *database,
                                                         gint64                     component_id,
                                                         const char                *version,
                                                         GError                   **error);
gboolean            flaw_component_remove               (FlawDatabase              *database,
                                                         gint64                     component_id,
                                                         GError                   **error);
gboolean            flaw_component_record_check         (FlawDatabase              *database,
                                                         gint64                     component_id,
                                                         const char * const        *osv_ids,
                                                         GError                   **error);

FlawVulnerability  *flaw_vulnerability_new_from_osv     (JsonNode                  *record,
                                                         GError                   **error);
gint64              flaw_vulnerability_store            (FlawDatabase              *database,
                                                         const FlawVulnerability   *vulnerability,
                                                         GError                   **error);
FlawVulnerability  *flaw_vulnerability_lookup           (FlawDatabase              *database,
                                                         const char                *id_or_alias,
                                                         GError                   **error);
gboolean            flaw_vulnerability_needs_fetch      (FlawDatabase              *database,
                                                         const char                *id_or_alias,
                                                         gint64                     modified,
                                                         gboolean                  *needs_fetch,
                                                         GError                   **error);
guint               flaw_vulnerability_count            (FlawDatabase              *database,
                                                         GError                   **error);

gint64              flaw_suppression_add                (FlawDatabase              *database,
                                                         const char                *id_or_alias,
                                                         gint64                     component_id,
                                                         const char                *reason,
                                                         gint64                     expires,
                                                         GError                   **error);
guint               flaw_suppression_remove             (FlawDatabase              *database,
                                                         const char                *id_or_alias,
                                                         gint64                     component_id,
                                                         GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawComponent, flaw_component_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawImportPreview, flaw_import_preview_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawVulnerability, flaw_vulnerability_free)

G_END_DECLS
