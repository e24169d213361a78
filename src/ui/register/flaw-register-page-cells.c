/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-register-page"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-register-page-private.h"
#include "flaw-register-util.h"

/* The cells of the register's column view. Items never change in place
 * (a change reloads the list), so a cell is bound once, without signals. */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                FlawRegisterPage         *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_list_item_set_child (list_item, label);
}

static void
setup_badge_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                FlawRegisterPage         *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_list_item_set_child (list_item, label);
}

/* Highlights the row of an item due for review: each cell of it. */
static void
mark_review_due (FlawRegisterPage *self,
                 GtkListItem      *list_item,
                 FlawDebtItem     *item)
{
  GtkWidget *cell = gtk_widget_get_parent (gtk_list_item_get_child (list_item));

  if (cell == NULL)
    return;

  if (flaw_debt_item_is_review_due (item, self->today))
    gtk_widget_add_css_class (cell, "review-due");
  else
    gtk_widget_remove_css_class (cell, "review-due");
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           FlawRegisterPage         *self)
{
  GtkWidget *cell = gtk_widget_get_parent (gtk_list_item_get_child (list_item));

  if (cell != NULL)
    gtk_widget_remove_css_class (cell, "review-due");
}

static void
bind_text (FlawRegisterPage *self,
           GtkListItem      *list_item,
           const char       *text,
           gboolean          numeric)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  FlawDebtItem *item = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "—");
  if (text == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");

  if (numeric)
    {
      gtk_widget_add_css_class (label, "numeric");
      gtk_label_set_xalign (GTK_LABEL (label), 1);
    }

  mark_review_due (self, list_item, item);
}

#define BIND_STRING(name, getter)                                              \
static void                                                                    \
bind_##name##_cb (GtkSignalListItemFactory *factory,                           \
                  GtkListItem              *list_item,                         \
                  FlawRegisterPage         *self)                              \
{                                                                              \
  bind_text (self, list_item, getter (gtk_list_item_get_item (list_item)), FALSE); \
}

BIND_STRING (title, flaw_debt_item_get_title)
BIND_STRING (owner, flaw_debt_item_get_owner)
BIND_STRING (component, flaw_debt_item_get_component)

#undef BIND_STRING

static void
bind_severity_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  FlawRegisterPage         *self)
{
  FlawDebtItem *item = gtk_list_item_get_item (list_item);

  flaw_severity_badge_set (GTK_LABEL (gtk_list_item_get_child (list_item)),
                           flaw_debt_item_get_severity (item));
  mark_review_due (self, list_item, item);
}

static void
bind_risk_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              FlawRegisterPage         *self)
{
  char text[16];

  g_snprintf (text, sizeof text, "%d", flaw_debt_item_get_risk (gtk_list_item_get_item (list_item)));
  bind_text (self, list_item, text, TRUE);
}

static void
bind_status_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                FlawRegisterPage         *self)
{
  FlawDebtItem *item = gtk_list_item_get_item (list_item);

  bind_text (self, list_item, flaw_debt_status_get_label (flaw_debt_item_get_status (item)), FALSE);
}

static void
bind_cost_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              FlawRegisterPage         *self)
{
  g_autofree char *text = flaw_format_days (flaw_debt_item_get_cost_today (gtk_list_item_get_item (list_item)));

  bind_text (self, list_item, text, TRUE);
}

static void
bind_review_date_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     FlawRegisterPage         *self)
{
  FlawDebtItem *item = gtk_list_item_get_item (list_item);
  const char *date = flaw_debt_item_get_review_date (item);

  if (flaw_debt_item_is_review_due (item, self->today))
    {
      /* Translators: a review date that has passed, in the list */
      g_autofree char *text = g_strdup_printf (_("%s · due"), date);

      bind_text (self, list_item, text, FALSE);
    }
  else
    bind_text (self, list_item, flaw_debt_item_get_status (item) == FLAW_DEBT_STATUS_ACCEPTED ? date : NULL,
               FALSE);
}

void
_flaw_register_page_class_init_cells (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, setup_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_badge_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_severity_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_risk_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_owner_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_component_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_cost_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_review_date_cb);
}
