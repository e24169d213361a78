/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "flaw-database.h"

G_BEGIN_DECLS

#define FLAW_OSV_STORE_ERROR (flaw_osv_store_error_quark ())

typedef enum
{
  FLAW_OSV_STORE_ERROR_NOT_FOUND,
  FLAW_OSV_STORE_ERROR_INVALID,
} FlawOsvStoreError;

/* A vulnerability record as OSV describes it (GET /v1/vulns/{id}). */
typedef struct
{
  char      *id;
  GPtrArray *aliases;     /* char *: CVE, GHSA, PYSEC … ids of the same flaw */
  char      *summary;
  char      *details;
  char      *severity;    /* JSON array [{"type", "score"}] */
  gint64     modified;
  gint64     published;   /* 0 when absent */
  gint64     withdrawn;   /* 0 when absent */
  char      *references;  /* JSON array [{"type", "url"}] */
  char      *affected;    /* JSON array, OSV affected[] as received */
  GPtrArray *fixed;       /* char *: versions named in "fixed" events */
} FlawOsvVuln;

/* One vulnerability affecting one component, for the details view. */
typedef struct
{
  gint64     vulnerability_id;
  char      *osv_id;
  GPtrArray *aliases;       /* char *, without osv_id */
  char      *summary;
  char      *details;
  char      *severity;      /* JSON */
  char      *references;    /* JSON */
  char      *fixed;         /* JSON array of strings */
  gint64     modified;
  gint64     found;
  gboolean   suppressed;
  char      *suppression_reason;
  gint64     suppression_expires;
  gint64     suppression_expired;  /* when the last one ended, 0 if none did */
  GArray    *debt_ids;      /* gint64: debt items linked to the vulnerability */
} FlawOsvAffecting;

/* The outcome of one checked chunk, written in one transaction. */
typedef struct
{
  gint64      source_id;
  char       *state;        /* the source's new state */
  GPtrArray  *vulns;        /* FlawOsvVuln fetched in this chunk */
  GArray     *component_ids;
  GPtrArray  *found;        /* per component: GPtrArray of char * OSV ids */
} FlawOsvCheck;

typedef struct
{
  guint      n_new;         /* newly affecting, not suppressed */
  guint      n_updated;     /* vulnerability records stored or refreshed */
  guint      n_unchanged;   /* components checked whose findings did not change */
  guint      n_resolved;    /* component-vulnerability pairs that went away */
  GPtrArray *new_pairs;     /* char *: "ecosystem/name@version: OSV id" */
} FlawOsvCheckResult;

GQuark              flaw_osv_store_error_quark     (void);

FlawOsvVuln        *flaw_osv_vuln_new              (void);
void                flaw_osv_vuln_free             (FlawOsvVuln         *vuln);
void                flaw_osv_affecting_free        (FlawOsvAffecting    *affecting);
FlawOsvCheck       *flaw_osv_check_new             (gint64               source_id);
void                flaw_osv_check_free            (FlawOsvCheck        *check);
FlawOsvCheckResult *flaw_osv_check_result_new      (void);
void                flaw_osv_check_result_free     (FlawOsvCheckResult  *result);

/* Database-thread functions: call them inside a FlawStoreFunc. */
GPtrArray          *flaw_osv_store_list_affecting  (FlawDatabase        *database,
                                                    gint64               component_id,
                                                    GError             **error);
gboolean            flaw_osv_store_apply_check     (FlawDatabase        *database,
                                                    const FlawOsvCheck  *check,
                                                    FlawOsvCheckResult  *result,
                                                    GError             **error);
gboolean            flaw_osv_store_is_suppressed   (FlawDatabase        *database,
                                                    gint64               vulnerability_id,
                                                    gint64               component_id,
                                                    gboolean            *suppressed,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawOsvVuln, flaw_osv_vuln_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawOsvAffecting, flaw_osv_affecting_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawOsvCheck, flaw_osv_check_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawOsvCheckResult, flaw_osv_check_result_free)

G_END_DECLS
