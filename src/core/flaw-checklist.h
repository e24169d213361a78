/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FLAW_CHECKLIST_ERROR (flaw_checklist_error_quark ())

typedef enum
{
  FLAW_CHECKLIST_ERROR_INVALID,
  FLAW_CHECKLIST_ERROR_NOT_FOUND,
  FLAW_CHECKLIST_ERROR_EXISTS,
} FlawChecklistError;

/* The id of the checklist Flawdesk ships, written after the NCSC guidance. */
#define FLAW_CHECKLIST_BUILTIN_ID "ncsc-plan-for-security-flaws"

typedef struct
{
  char *id;
  char *kind;
  char *question;
  char *good;
  char *poor;
  char *evidence;
} FlawChecklistItem;

typedef struct
{
  char      *id;
  char      *title;
  char      *summary;
  GPtrArray *items;
} FlawChecklistSection;

typedef struct
{
  char      *id;
  gint64     version;
  char      *title;
  char      *description;
  GPtrArray *sections;
  char      *json;
} FlawChecklist;

/* One problem found in a checklist file: where (a JSONPath such as
 * `$.sections[2].items[0].good`) and what. */
typedef struct
{
  char *path;
  char *message;
} FlawChecklistProblem;

#define FLAW_TYPE_CHECKLIST (flaw_checklist_get_type ())

GQuark                   flaw_checklist_error_quark     (void);
GType                    flaw_checklist_get_type        (void) G_GNUC_CONST;

GPtrArray               *flaw_checklist_validate        (const char            *json,
                                                         gssize                 length);
char                    *flaw_checklist_problem_to_string (const FlawChecklistProblem *problem);
void                     flaw_checklist_problem_free    (FlawChecklistProblem  *problem);

FlawChecklist           *flaw_checklist_new_from_data   (const char            *json,
                                                         gssize                 length,
                                                         GError               **error);
FlawChecklist           *flaw_checklist_load_builtin    (GError               **error);
FlawChecklist           *flaw_checklist_ref             (FlawChecklist         *self);
void                     flaw_checklist_unref           (FlawChecklist         *self);

guint                    flaw_checklist_get_n_items     (FlawChecklist         *self);
const FlawChecklistItem *flaw_checklist_find_item       (FlawChecklist         *self,
                                                         const char            *item_id,
                                                         const FlawChecklistSection **section);
const char              *flaw_checklist_kind_label      (const char            *kind);

const char * const      *flaw_checklist_evidence_keys   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawChecklist, flaw_checklist_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawChecklistProblem, flaw_checklist_problem_free)

G_END_DECLS
