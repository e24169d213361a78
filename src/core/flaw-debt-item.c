/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-debt-item"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-clock.h"
#include "flaw-debt-item-private.h"

G_DEFINE_FINAL_TYPE (FlawDebtItem, flaw_debt_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CATEGORY,
  PROP_COMPONENT,
  PROP_CWE,
  PROP_OWNER,
  PROP_APPROVER,
  PROP_LINKS,
  PROP_LIKELIHOOD,
  PROP_IMPACT,
  PROP_PRINCIPAL,
  PROP_INTEREST,
  PROP_STATUS,
  PROP_RATIONALE,
  PROP_COMPENSATING_CONTROLS,
  PROP_REVIEW_DATE,
  PROP_TARGET_DATE,
  PROP_WONT_FIX_REASON,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_DELETED,
  PROP_RISK,
  PROP_SEVERITY,
  PROP_COST_TODAY,
  PROP_IS_FULL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static void
update_cost (FlawDebtItem *self)
{
  self->cost_today = flaw_debt_cost_at (self->principal, self->interest,
                                        self->created, flaw_clock_now ());
}

static void
flaw_debt_item_finalize (GObject *object)
{
  FlawDebtItem *self = (FlawDebtItem *)object;

  g_free (self->title);
  g_free (self->description);
  g_free (self->category);
  g_free (self->component);
  g_free (self->cwe);
  g_free (self->owner);
  g_free (self->approver);
  g_strfreev (self->links);
  g_free (self->rationale);
  g_free (self->compensating_controls);
  g_free (self->review_date);
  g_free (self->target_date);
  g_free (self->wont_fix_reason);
  g_free (self->title_key);
  g_free (self->owner_key);
  g_free (self->component_key);

  G_OBJECT_CLASS (flaw_debt_item_parent_class)->finalize (object);
}

static void
flaw_debt_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FlawDebtItem *self = FLAW_DEBT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_CATEGORY: g_value_set_string (value, self->category); break;
    case PROP_COMPONENT: g_value_set_string (value, self->component); break;
    case PROP_CWE: g_value_set_string (value, self->cwe); break;
    case PROP_OWNER: g_value_set_string (value, self->owner); break;
    case PROP_APPROVER: g_value_set_string (value, self->approver); break;
    case PROP_LINKS: g_value_set_boxed (value, self->links); break;
    case PROP_LIKELIHOOD: g_value_set_int (value, self->likelihood); break;
    case PROP_IMPACT: g_value_set_int (value, self->impact); break;
    case PROP_PRINCIPAL: g_value_set_double (value, self->principal); break;
    case PROP_INTEREST: g_value_set_double (value, self->interest); break;
    case PROP_STATUS: g_value_set_int (value, self->status); break;
    case PROP_RATIONALE: g_value_set_string (value, self->rationale); break;
    case PROP_COMPENSATING_CONTROLS: g_value_set_string (value, self->compensating_controls); break;
    case PROP_REVIEW_DATE: g_value_set_string (value, self->review_date); break;
    case PROP_TARGET_DATE: g_value_set_string (value, self->target_date); break;
    case PROP_WONT_FIX_REASON: g_value_set_string (value, self->wont_fix_reason); break;
    case PROP_CREATED: g_value_set_int64 (value, self->created); break;
    case PROP_UPDATED: g_value_set_int64 (value, self->updated); break;
    case PROP_DELETED: g_value_set_int64 (value, self->deleted); break;
    case PROP_RISK: g_value_set_int (value, flaw_debt_item_get_risk (self)); break;
    case PROP_SEVERITY: g_value_set_int (value, flaw_debt_item_get_severity (self)); break;
    case PROP_COST_TODAY: g_value_set_double (value, self->cost_today); break;
    case PROP_IS_FULL: g_value_set_boolean (value, self->is_full); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_debt_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FlawDebtItem *self = FLAW_DEBT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: flaw_debt_item_set_id (self, g_value_get_int64 (value)); break;
    case PROP_TITLE: flaw_debt_item_set_title (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: flaw_debt_item_set_description (self, g_value_get_string (value)); break;
    case PROP_CATEGORY: flaw_debt_item_set_category (self, g_value_get_string (value)); break;
    case PROP_COMPONENT: flaw_debt_item_set_component (self, g_value_get_string (value)); break;
    case PROP_CWE: flaw_debt_item_set_cwe (self, g_value_get_string (value)); break;
    case PROP_OWNER: flaw_debt_item_set_owner (self, g_value_get_string (value)); break;
    case PROP_APPROVER: flaw_debt_item_set_approver (self, g_value_get_string (value)); break;
    case PROP_LINKS: flaw_debt_item_set_links (self, g_value_get_boxed (value)); break;
    case PROP_LIKELIHOOD: flaw_debt_item_set_likelihood (self, g_value_get_int (value)); break;
    case PROP_IMPACT: flaw_debt_item_set_impact (self, g_value_get_int (value)); break;
    case PROP_PRINCIPAL: flaw_debt_item_set_principal (self, g_value_get_double (value)); break;
    case PROP_INTEREST: flaw_debt_item_set_interest (self, g_value_get_double (value)); break;
    case PROP_STATUS: flaw_debt_item_set_status (self, g_value_get_int (value)); break;
    case PROP_RATIONALE: flaw_debt_item_set_rationale (self, g_value_get_string (value)); break;
    case PROP_COMPENSATING_CONTROLS: flaw_debt_item_set_compensating_controls (self, g_value_get_string (value)); break;
    case PROP_REVIEW_DATE: flaw_debt_item_set_review_date (self, g_value_get_string (value)); break;
    case PROP_TARGET_DATE: flaw_debt_item_set_target_date (self, g_value_get_string (value)); break;
    case PROP_WONT_FIX_REASON: flaw_debt_item_set_wont_fix_reason (self, g_value_get_string (value)); break;
    case PROP_CREATED: flaw_debt_item_set_created (self, g_value_get_int64 (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
flaw_debt_item_class_init (FlawDebtItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flaw_debt_item_finalize;
  object_class->get_property = flaw_debt_item_get_property;
  object_class->set_property = flaw_debt_item_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, RW);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, RW);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, RW);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, RW);
  properties[PROP_COMPONENT] = g_param_spec_string ("component", NULL, NULL, NULL, RW);
  properties[PROP_CWE] = g_param_spec_string ("cwe", NULL, NULL, NULL, RW);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, RW);
  properties[PROP_APPROVER] = g_param_spec_string ("approver", NULL, NULL, NULL, RW);
  properties[PROP_LINKS] = g_param_spec_boxed ("links", NULL, NULL, G_TYPE_STRV, RW);
  /* Ranges are wide on purpose: a draft may hold a bad value that
   * flaw_debt_item_validate() then reports next to its field. */
  properties[PROP_LIKELIHOOD] = g_param_spec_int ("likelihood", NULL, NULL, G_MININT, G_MAXINT, 0, RW);
  properties[PROP_IMPACT] = g_param_spec_int ("impact", NULL, NULL, G_MININT, G_MAXINT, 0, RW);
  properties[PROP_PRINCIPAL] = g_param_spec_double ("principal", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, RW);
  properties[PROP_INTEREST] = g_param_spec_double ("interest", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, RW);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, FLAW_DEBT_N_STATUSES - 1, 0, RW);
  properties[PROP_RATIONALE] = g_param_spec_string ("rationale", NULL, NULL, NULL, RW);
  properties[PROP_COMPENSATING_CONTROLS] = g_param_spec_string ("compensating-controls", NULL, NULL, NULL, RW);
  properties[PROP_REVIEW_DATE] = g_param_spec_string ("review-date", NULL, NULL, NULL, RW);
  properties[PROP_TARGET_DATE] = g_param_spec_string ("target-date", NULL, NULL, NULL, RW);
  properties[PROP_WONT_FIX_REASON] = g_param_spec_string ("wont-fix-reason", NULL, NULL, NULL, RW);
  properties[PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, G_MININT64, G_MAXINT64, 0, RW);
  properties[PROP_UPDATED] = g_param_spec_int64 ("updated", NULL, NULL, G_MININT64, G_MAXINT64, 0, RO);
  properties[PROP_DELETED] = g_param_spec_int64 ("deleted", NULL, NULL, G_MININT64, G_MAXINT64, 0, RO);
  properties[PROP_RISK] = g_param_spec_int ("risk", NULL, NULL, G_MININT, G_MAXINT, 0, RO);
  properties[PROP_SEVERITY] = g_param_spec_int ("severity", NULL, NULL, 0, FLAW_DEBT_N_SEVERITIES - 1, 0, RO);
  properties[PROP_COST_TODAY] = g_param_spec_double ("cost-today", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, RO);
  properties[PROP_IS_FULL] = g_param_spec_boolean ("is-full", NULL, NULL, FALSE, RO);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

#undef RW
#undef RO

static void
flaw_debt_item_init (FlawDebtItem *self)
{
  self->links = g_new0 (char *, 1);
  self->status = FLAW_DEBT_STATUS_PROPOSED;
}

/* Private --------------------------------------------------------------- */

void
_flaw_debt_item_set_times (FlawDebtItem *self,
                           gint64        created,
                           gint64        updated,
                           gint64        deleted)
{
  self->created = created;
  self->updated = updated;
  self->deleted = deleted;
}

void
_flaw_debt_item_set_is_full (FlawDebtItem *self,
                             gboolean      is_full)
{
  self->is_full = !!is_full;
}

void
_flaw_debt_item_take_links (FlawDebtItem  *self,
                            char         **links)
{
  g_strfreev (self->links);
  self->links = links ? links : g_new0 (char *, 1);
}

/* Computes the cached cost and the collation keys; called once per item on
 * the database thread when a list is loaded. */
void
_flaw_debt_item_prepare (FlawDebtItem *self,
                         gint64        now)
{
  self->cost_today = flaw_debt_cost_at (self->principal, self->interest, self->created, now);

  g_clear_pointer (&self->title_key, g_free);
  g_clear_pointer (&self->owner_key, g_free);
  g_clear_pointer (&self->component_key, g_free);

  self->title_key = g_utf8_collate_key (self->title ? self->title : "", -1);
  if (self->owner)
    self->owner_key = g_utf8_collate_key (self->owner, -1);
  if (self->component)
    self->component_key = g_utf8_collate_key (self->component, -1);
}

char *
_flaw_debt_links_to_json (const char * const *links)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; links != NULL && links[i]; i++)
    json_builder_add_string_value (builder, links[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

char **
_flaw_debt_links_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  JsonNode *root;

  if (json == NULL || g_str_equal (json, "[]"))
    return g_new0 (char *, 1);

  parser = json_parser_new ();
  if (json_parser_load_from_data (parser, json, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL
      && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *link = json_array_get_string_element (array, i);

          if (link != NULL)
            g_ptr_array_add (links, g_strdup (link));
        }
    }

  g_ptr_array_add (links, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&links), FALSE);
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* Builds a list or full item without any notification, on the database
 * thread; @now is the time its cost is computed for. */
FlawDebtItem *
_flaw_debt_item_new_from_row (const FlawDebtRow *row,
                              gint64             now)
{
  FlawDebtItem *self = g_object_new (FLAW_TYPE_DEBT_ITEM, NULL);
  FlawDebtStatus status = FLAW_DEBT_STATUS_PROPOSED;

  self->id = row->id;
  self->title = dup_nonempty (row->title);
  self->description = dup_nonempty (row->description);
  self->category = dup_nonempty (row->category);
  self->component = dup_nonempty (row->component);
  self->cwe = dup_nonempty (row->cwe);
  self->owner = dup_nonempty (row->owner);
  self->approver = dup_nonempty (row->approver);
  if (row->links_json != NULL)
    _flaw_debt_item_take_links (self, _flaw_debt_links_from_json (row->links_json));
  self->likelihood = row->likelihood;
  self->impact = row->impact;
  self->principal = row->principal;
  self->interest = row->interest;
  flaw_debt_status_from_string (row->status, &status);
  self->status = status;
  self->rationale = dup_nonempty (row->rationale);
  self->compensating_controls = dup_nonempty (row->compensating_controls);
  self->review_date = dup_nonempty (row->review_date);
  self->target_date = dup_nonempty (row->target_date);
  self->wont_fix_reason = dup_nonempty (row->wont_fix_reason);
  self->created = row->created;
  self->updated = row->updated;
  self->deleted = row->deleted;
  self->is_full = !!row->is_full;

  _flaw_debt_item_prepare (self, now);

  return self;
}

/* The text of a field in the event log: as exported, but links as the
 * JSON array stored in the database. */
char *
_flaw_debt_item_dup_event_value (FlawDebtItem *self,
                                 const char   *field)
{
  if (g_str_equal (field, "links"))
    return self->links[0] ? _flaw_debt_links_to_json ((const char * const *) self->links) : NULL;

  return flaw_debt_item_dup_field (self, field);
}

/* Public ---------------------------------------------------------------- */

FlawDebtItem *
flaw_debt_item_new (void)
{
  return g_object_new (FLAW_TYPE_DEBT_ITEM, NULL);
}

/**
 * flaw_debt_item_copy:
 *
 * Returns: (transfer full): a new item with the same values, for an editor
 *   draft; for "Duplicate", set its id and created to 0 before saving it
 */
FlawDebtItem *
flaw_debt_item_copy (FlawDebtItem *self)
{
  FlawDebtItem *copy;

  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), NULL);

  copy = flaw_debt_item_new ();
  copy->id = self->id;
  copy->title = g_strdup (self->title);
  copy->description = g_strdup (self->description);
  copy->category = g_strdup (self->category);
  copy->component = g_strdup (self->component);
  copy->cwe = g_strdup (self->cwe);
  copy->owner = g_strdup (self->owner);
  copy->approver = g_strdup (self->approver);
  _flaw_debt_item_take_links (copy, g_strdupv (self->links));
  copy->likelihood = self->likelihood;
  copy->impact = self->impact;
  copy->principal = self->principal;
  copy->interest = self->interest;
  copy->status = self->status;
  copy->rationale = g_strdup (self->rationale);
  copy->compensating_controls = g_strdup (self->compensating_controls);
  copy->review_date = g_strdup (self->review_date);
  copy->target_date = g_strdup (self->target_date);
  copy->wont_fix_reason = g_strdup (self->wont_fix_reason);
  copy->created = self->created;
  copy->updated = self->updated;
  copy->deleted = self->deleted;
  copy->cost_today = self->cost_today;
  copy->is_full = self->is_full;

  return copy;
}

#define STRING_ACCESSORS(name, PROP, extra)                                    \
const char *                                                                   \
flaw_debt_item_get_##name (FlawDebtItem *self)                                 \
{                                                                              \
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), NULL);                       \
  return self->name;                                                           \
}                                                                              \
                                                                               \
void                                                                           \
flaw_debt_item_set_##name (FlawDebtItem *self,                                 \
                           const char   *value)                                \
{                                                                              \
  g_return_if_fail (FLAW_IS_DEBT_ITEM (self));                                 \
  if (set_string (&self->name, value))                                         \
    {                                                                          \
      extra;                                                                   \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);            \
    }                                                                          \
}

STRING_ACCESSORS (title, PROP_TITLE, g_clear_pointer (&self->title_key, g_free))
STRING_ACCESSORS (description, PROP_DESCRIPTION, (void) 0)
STRING_ACCESSORS (category, PROP_CATEGORY, (void) 0)
STRING_ACCESSORS (component, PROP_COMPONENT, g_clear_pointer (&self->component_key, g_free))
STRING_ACCESSORS (cwe, PROP_CWE, (void) 0)
STRING_ACCESSORS (owner, PROP_OWNER, g_clear_pointer (&self->owner_key, g_free))
STRING_ACCESSORS (approver, PROP_APPROVER, (void) 0)
STRING_ACCESSORS (rationale, PROP_RATIONALE, (void) 0)
STRING_ACCESSORS (compensating_controls, PROP_COMPENSATING_CONTROLS, (void) 0)
STRING_ACCESSORS (review_date, PROP_REVIEW_DATE, (void) 0)
STRING_ACCESSORS (target_date, PROP_TARGET_DATE, (void) 0)
STRING_ACCESSORS (wont_fix_reason, PROP_WONT_FIX_REASON, (void) 0)

#undef STRING_ACCESSORS

gint64
flaw_debt_item_get_id (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return self->id;
}

void
flaw_debt_item_set_id (FlawDebtItem *self,
                       gint64        id)
{
  g_return_if_fail (FLAW_IS_DEBT_ITEM (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

/**
 * flaw_debt_item_get_links:
 *
 * Returns: (transfer none): the links, never %NULL
 */
const char * const *
flaw_debt_item_get_links (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), NULL);

  return (const char * const *) self->links;
}

void
flaw_debt_item_set_links (FlawDebtItem       *self,
                          const char * const *links)
{
  g_return_if_fail (FLAW_IS_DEBT_ITEM (self));

  if (links == NULL && self->links[0] == NULL)
    return;

  if (links != NULL && g_strv_equal ((const char * const *) self->links, links))
    return;

  _flaw_debt_item_take_links (self, g_strdupv ((char **) links));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINKS]);
}

static void
notify_risk (FlawDebtItem *self,
             guint         prop)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RISK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
  g_object_thaw_notify (G_OBJECT (self));
}

int
flaw_debt_item_get_likelihood (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return self->likelihood;
}

void
flaw_debt_item_set_likelihood (FlawDebtItem *self,
                               int           likelihood)
{
  g_return_if_fail (FLAW_IS_DEBT_ITEM (self));

  if (self->likelihood != likelihood)
    {
      self->likelihood = likelihood;
      notify_risk (self, PROP_LIKELIHOOD);
    }
}

int
flaw_debt_item_get_impact (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return self->impact;
}

void
flaw_debt_item_set_impact (FlawDebtItem *self,
                           int           impact)
{
  g_return_if_fail (FLAW_IS_DEBT_ITEM (self));

  if (self->impact != impact)
    {
      self->impact = impact;
      notify_risk (self, PROP_IMPACT);
    }
}

double
flaw_debt_item_get_principal (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return self->principal;
}

void
flaw_debt_item_set_principal (FlawDebtItem *self,
                              double        principal)
{
  g_return_if_fail (FLAW_IS_DEBT_ITEM (self));

  if (self->principal != principal)
    {
      self->principal = principal;
      update_cost (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINCIPAL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST_TODAY]);
    }
}

double
flaw_debt_item_get_interest (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return self->interest;
}

void
flaw_debt_item_set_interest (FlawDebtItem *self,
                             double        interest)
{
  g_return_if_fail (FLAW_IS_DEBT_ITEM (self));

  if (self->interest != interest)
    {
      self->interest = interest;
      update_cost (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTEREST]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST_TODAY]);
    }
}

FlawDebtStatus
flaw_debt_item_get_status (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return self->status;
}

/**
 * flaw_debt_item_set_status:
 *
 * Sets the status of a draft. Whether the move is allowed is checked when
 * the change is saved (flaw_debt_db_update()).
 */
void
flaw_debt_item_set_status (FlawDebtItem   *self,
                           FlawDebtStatus  status)
{
  g_return_if_fail (FLAW_IS_DEBT_ITEM (self));
  g_return_if_fail (status < FLAW_DEBT_N_STATUSES);

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

gint64
flaw_debt_item_get_created (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return self->created;
}

/**
 * flaw_debt_item_set_created:
 *
 * Sets when the debt was taken on (Unix seconds). Zero means "when it is
 * first saved".
 */
void
flaw_debt_item_set_created (FlawDebtItem *self,
                            gint64        created)
{
  g_return_if_fail (FLAW_IS_DEBT_ITEM (self));

  if (self->created != created)
    {
      self->created = created;
      update_cost (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST_TODAY]);
    }
}

gint64
flaw_debt_item_get_updated (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return self->updated;
}

/**
 * flaw_debt_item_get_deleted:
 *
 * Returns: when the item was deleted (Unix seconds), or 0
 */
gint64
flaw_debt_item_get_deleted (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return self->deleted;
}

/**
 * flaw_debt_item_get_is_full:
 *
 * Returns: %TRUE when every field is loaded. Items of a list leave out the
 *   description, rationale, compensating controls, won't-fix reason and
 *   links; load the full item with flaw_debt_load_async() to edit it.
 */
gboolean
flaw_debt_item_get_is_full (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), FALSE);

  return self->is_full;
}

int
flaw_debt_item_get_risk (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return self->likelihood * self->impact;
}

FlawDebtSeverity
flaw_debt_item_get_severity (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return flaw_debt_severity_for_risk (self->likelihood * self->impact);
}

gboolean
flaw_debt_item_is_open (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), FALSE);

  return self->deleted == 0 && flaw_debt_status_is_open (self->status);
}

/**
 * flaw_debt_item_is_review_due:
 * @today: "YYYY-MM-DD", usually from flaw_debt_today()
 *
 * Returns: whether the item is accepted and its review date is before
 *   @today
 */
gboolean
flaw_debt_item_is_review_due (FlawDebtItem *self,
                              const char   *today)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  return self->deleted == 0
         && self->status == FLAW_DEBT_STATUS_ACCEPTED
         && self->review_date != NULL
         && strcmp (self->review_date, today) < 0;
}

double
flaw_debt_item_get_cost_at (FlawDebtItem *self,
                            gint64        now)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return flaw_debt_cost_at (self->principal, self->interest, self->created, now);
}

/**
 * flaw_debt_item_get_cost_today:
 *
 * Returns: the cost as of when the item was loaded or last refreshed with
 *   flaw_debt_item_refresh_cost(); what the list shows and sorts by
 */
double
flaw_debt_item_get_cost_today (FlawDebtItem *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), 0);

  return self->cost_today;
}

void
flaw_debt_item_refresh_cost (FlawDebtItem *self,
                             gint64        now)
{
  double cost;

  g_return_if_fail (FLAW_IS_DEBT_ITEM (self));

  cost = flaw_debt_item_get_cost_at (self, now);
  if (cost != self->cost_today)
    {
      self->cost_today = cost;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST_TODAY]);
    }
}

static void
strip_field (char **field)
{
  if (*field == NULL)
    return;

  g_strstrip (*field);
  if (**field == '\0')
    g_clear_pointer (field, g_free);
}

/* Drops white space around one-line fields before an item is saved, as
 * import does, so that export then import gives back the same values. */
void
_flaw_debt_item_normalize (FlawDebtItem *self)
{
  strip_field (&self->title);
  strip_field (&self->category);
  strip_field (&self->component);
  strip_field (&self->cwe);
  strip_field (&self->owner);
  strip_field (&self->approver);
  strip_field (&self->review_date);
  strip_field (&self->target_date);
  g_clear_pointer (&self->title_key, g_free);
  g_clear_pointer (&self->owner_key, g_free);
  g_clear_pointer (&self->component_key, g_free);
}
