/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-debt-editor.h"
#include "flaw-debt-store.h"

G_BEGIN_DECLS

/* The fields of the form, in order; see field_specs in flaw-debt-editor.c. */
#define N_FIELDS 17

typedef enum
{
  KIND_ENTRY,
  KIND_TEXT,
  KIND_CATEGORY,
  KIND_SCALE,
} FieldKind;

typedef struct
{
  const char *name;
  FieldKind   kind;
  gboolean    decision;
  const char *label;
} FieldSpec;

typedef struct
{
  const FieldSpec *spec;
  GtkWidget       *widget;
  GtkWidget       *block;
  GtkLabel        *message;
  char            *initial;
} Field;

struct _FlawDebtEditor
{
  AdwWindow      parent_instance;

  FlawContext   *context;
  FlawDebtItem  *item;
  FlawDebtItem  *draft;
  GPtrArray     *categories;
  GCancellable  *cancellable;

  /* Template */
  GtkButton     *save_button;
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
  GtkRevealer   *review_revealer;
  GtkLabel      *review_label;
  GtkBox        *form_box;
  GtkBox        *decision_box;
  GtkLabel      *status_label;
  GtkFlowBox    *decision_buttons;
  GtkBox        *decision_fields_box;
  GtkBox        *history_box;
  GtkListBox    *history_list;
  GtkWidget     *links_box;
  GtkListBox    *links_list;

  GtkLabel      *risk_label;
  GtkLabel      *risk_badge;
  GtkWidget     *buttons[FLAW_DEBT_N_STATUSES];
  Field          fields[N_FIELDS];

  guint          validate_live : 1;
  guint          saving : 1;
  guint          force_close : 1;
  guint          loading : 1;
};

void _flaw_debt_editor_show_item        (FlawDebtEditor *self,
                                         FlawDebtItem   *item,
                                         gboolean        decision_only);
void _flaw_debt_editor_show_error       (FlawDebtEditor *self,
                                         const char     *message);
void _flaw_debt_editor_update_decision  (FlawDebtEditor *self);
void _flaw_debt_editor_load_history     (FlawDebtEditor *self);

G_END_DECLS
