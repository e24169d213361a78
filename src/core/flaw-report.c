/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-report"

#include "config.h"

#include "flaw-report-private.h"

/* One disclosure report (or follow-up message): a row of the report table,
 * plus the source's name, the number of follow-ups and the next deadline,
 * which the store computes when it loads the row. Setting a property
 * changes this object only; the jobs in flaw-report-store.h and
 * flaw-triage.h change the database.
 */

G_DEFINE_FINAL_TYPE (FlawReport, flaw_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE_ID,
  PROP_SOURCE_NAME,
  PROP_REMOTE_ID,
  PROP_THREAD_OF,
  PROP_MESSAGE_ID,
  PROP_IN_REPLY_TO,
  PROP_REFS,
  PROP_TITLE,
  PROP_REPORTER,
  PROP_REPORTER_ADDRESS,
  PROP_RECEIVED,
  PROP_BODY,
  PROP_BODY_TRUNCATED,
  PROP_HTML_ONLY,
  PROP_UNREAD,
  PROP_WITHDRAWN,
  PROP_STATUS,
  PROP_CLOSE_REASON,
  PROP_CLOSE_NOTE,
  PROP_DUPLICATE_OF,
  PROP_SEVERITY,
  PROP_CVSS_VECTOR,
  PROP_CVSS_SCORE,
  PROP_CWE,
  PROP_COMPONENT,
  PROP_AFFECTED_VERSIONS,
  PROP_FIXED_VERSION,
  PROP_CVE,
  PROP_CREDIT,
  PROP_ROOT_CAUSE,
  PROP_INTRODUCED_IN,
  PROP_REGRESSION_TEST,
  PROP_ACKNOWLEDGED_TIME,
  PROP_TRIAGED_TIME,
  PROP_FIXED_TIME,
  PROP_DISCLOSED_TIME,
  PROP_CLOSED_TIME,
  PROP_UPDATED,
  PROP_N_FOLLOWUPS,
  PROP_DEADLINE_KIND,
  PROP_DEADLINE,
  PROP_DUE_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SET_SCALAR(self, field, value, pspec) G_STMT_START {        \
    __typeof__ ((self)->field) _v = (value);                        \
    if ((self)->field != _v)                                        \
      {                                                             \
        (self)->field = _v;                                         \
        g_object_notify_by_pspec (G_OBJECT (self), (pspec));        \
      }                                                             \
  } G_STMT_END

static void
set_string (FlawReport  *self,
            char       **field,
            const char  *value,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
flaw_report_finalize (GObject *object)
{
  FlawReport *self = (FlawReport *) object;

  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->message_id, g_free);
  g_clear_pointer (&self->in_reply_to, g_free);
  g_clear_pointer (&self->refs, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->reporter, g_free);
  g_clear_pointer (&self->reporter_address, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->close_note, g_free);
  g_clear_pointer (&self->cvss_vector, g_free);
  g_clear_pointer (&self->cwe, g_free);
  g_clear_pointer (&self->component, g_free);
  g_clear_pointer (&self->affected_versions, g_free);
  g_clear_pointer (&self->fixed_version, g_free);
  g_clear_pointer (&self->cve, g_free);
  g_clear_pointer (&self->credit, g_free);
  g_clear_pointer (&self->root_cause, g_free);
  g_clear_pointer (&self->introduced_in, g_free);
  g_clear_pointer (&self->regression_test, g_free);

  G_OBJECT_CLASS (flaw_report_parent_class)->finalize (object);
}

static void
flaw_report_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FlawReport *self = FLAW_REPORT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_SOURCE_ID:
      g_value_set_int64 (value, self->source_id);
      break;

    case PROP_SOURCE_NAME:
      g_value_set_string (value, self->source_name);
      break;

    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;

    case PROP_THREAD_OF:
      g_value_set_int64 (value, self->thread_of);
      break;

    case PROP_MESSAGE_ID:
      g_value_set_string (value, self->message_id);
      break;

    case PROP_IN_REPLY_TO:
      g_value_set_string (value, self->in_reply_to);
      break;

    case PROP_REFS:
      g_value_set_string (value, self->refs);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_REPORTER:
      g_value_set_string (value, self->reporter);
      break;

    case PROP_REPORTER_ADDRESS:
      g_value_set_string (value, self->reporter_address);
      break;

    case PROP_RECEIVED:
      g_value_set_int64 (value, self->received);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_BODY_TRUNCATED:
      g_value_set_boolean (value, self->body_truncated);
      break;

    case PROP_HTML_ONLY:
      g_value_set_boolean (value, self->html_only);
      break;

    case PROP_UNREAD:
      g_value_set_boolean (value, self->unread);
      break;

    case PROP_WITHDRAWN:
      g_value_set_boolean (value, self->withdrawn);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_CLOSE_REASON:
      g_value_set_enum (value, self->close_reason);
      break;

    case PROP_CLOSE_NOTE:
      g_value_set_string (value, self->close_note);
      break;

    case PROP_DUPLICATE_OF:
      g_value_set_int64 (value, self->duplicate_of);
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_CVSS_VECTOR:
      g_value_set_string (value, self->cvss_vector);
      break;

    case PROP_CVSS_SCORE:
      g_value_set_double (value, self->cvss_score);
      break;

    case PROP_CWE:
      g_value_set_string (value, self->cwe);
      break;

    case PROP_COMPONENT:
      g_value_set_string (value, self->component);
      break;

    case PROP_AFFECTED_VERSIONS:
      g_value_set_string (value, self->affected_versions);
      break;

    case PROP_FIXED_VERSION:
      g_value_set_string (value, self->fixed_version);
      break;

    case PROP_CVE:
      g_value_set_string (value, self->cve);
      break;

    case PROP_CREDIT:
      g_value_set_string (value, self->credit);
      break;

    case PROP_ROOT_CAUSE:
      g_value_set_string (value, self->root_cause);
      break;

    case PROP_INTRODUCED_IN:
      g_value_set_string (value, self->introduced_in);
      break;

    case PROP_REGRESSION_TEST:
      g_value_set_string (value, self->regression_test);
      break;

    case PROP_ACKNOWLEDGED_TIME:
      g_value_set_int64 (value, self->acknowledged_time);
      break;

    case PROP_TRIAGED_TIME:
      g_value_set_int64 (value, self->triaged_time);
      break;

    case PROP_FIXED_TIME:
      g_value_set_int64 (value, self->fixed_time);
      break;

    case PROP_DISCLOSED_TIME:
      g_value_set_int64 (value, self->disclosed_time);
      break;

    case PROP_CLOSED_TIME:
      g_value_set_int64 (value, self->closed_time);
      break;

    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;

    case PROP_N_FOLLOWUPS:
      g_value_set_uint (value, self->n_followups);
      break;

    case PROP_DEADLINE_KIND:
      g_value_set_enum (value, self->deadline_kind);
      break;

    case PROP_DEADLINE:
      g_value_set_int64 (value, self->deadline);
      break;

    case PROP_DUE_STATE:
      g_value_set_enum (value, self->due_state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_report_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FlawReport *self = FLAW_REPORT (object);

  switch (prop_id)
    {
    case PROP_ID:
      SET_SCALAR (self, id, g_value_get_int64 (value), pspec);
      break;

    case PROP_SOURCE_ID:
      SET_SCALAR (self, source_id, g_value_get_int64 (value), pspec);
      break;

    case PROP_SOURCE_NAME:
      set_string (self, &self->source_name, g_value_get_string (value), pspec);
      break;

    case PROP_REMOTE_ID:
      set_string (self, &self->remote_id, g_value_get_string (value), pspec);
      break;

    case PROP_THREAD_OF:
      SET_SCALAR (self, thread_of, g_value_get_int64 (value), pspec);
      break;

    case PROP_MESSAGE_ID:
      set_string (self, &self->message_id, g_value_get_string (value), pspec);
      break;

    case PROP_IN_REPLY_TO:
      set_string (self, &self->in_reply_to, g_value_get_string (value), pspec);
      break;

    case PROP_REFS:
      set_string (self, &self->refs, g_value_get_string (value), pspec);
      break;

    case PROP_TITLE:
      set_string (self, &self->title, g_value_get_string (value), pspec);
      break;

    case PROP_REPORTER:
      set_string (self, &self->reporter, g_value_get_string (value), pspec);
      break;

    case PROP_REPORTER_ADDRESS:
      set_string (self, &self->reporter_address, g_value_get_string (value), pspec);
      break;

    case PROP_RECEIVED:
      SET_SCALAR (self, received, g_value_get_int64 (value), pspec);
      break;

    case PROP_BODY:
      set_string (self, &self->body, g_value_get_string (value), pspec);
      break;

    case PROP_BODY_TRUNCATED:
      SET_SCALAR (self, body_truncated, g_value_get_boolean (value), pspec);
      break;

    case PROP_HTML_ONLY:
      SET_SCALAR (self, html_only, g_value_get_boolean (value), pspec);
      break;

    case PROP_UNREAD:
      SET_SCALAR (self, unread, g_value_get_boolean (value), pspec);
      break;

    case PROP_WITHDRAWN:
      SET_SCALAR (self, withdrawn, g_value_get_boolean (value), pspec);
      break;

    case PROP_STATUS:
      SET_SCALAR (self, status, g_value_get_enum (value), pspec);
      break;

    case PROP_CLOSE_REASON:
      SET_SCALAR (self, close_reason, g_value_get_enum (value), pspec);
      break;

    case PROP_CLOSE_NOTE:
      set_string (self, &self->close_note, g_value_get_string (value), pspec);
      break;

    case PROP_DUPLICATE_OF:
      SET_SCALAR (self, duplicate_of, g_value_get_int64 (value), pspec);
      break;

    case PROP_SEVERITY:
      SET_SCALAR (self, severity, g_value_get_enum (value), pspec);
      break;

    case PROP_CVSS_VECTOR:
      set_string (self, &self->cvss_vector, g_value_get_string (value), pspec);
      break;

    case PROP_CVSS_SCORE:
      SET_SCALAR (self, cvss_score, g_value_get_double (value), pspec);
      break;

    case PROP_CWE:
      set_string (self, &self->cwe, g_value_get_string (value), pspec);
      break;

    case PROP_COMPONENT:
      set_string (self, &self->component, g_value_get_string (value), pspec);
      break;

    case PROP_AFFECTED_VERSIONS:
      set_string (self, &self->affected_versions, g_value_get_string (value), pspec);
      break;

    case PROP_FIXED_VERSION:
      set_string (self, &self->fixed_version, g_value_get_string (value), pspec);
      break;

    case PROP_CVE:
      set_string (self, &self->cve, g_value_get_string (value), pspec);
      break;

    case PROP_CREDIT:
      set_string (self, &self->credit, g_value_get_string (value), pspec);
      break;

    case PROP_ROOT_CAUSE:
      set_string (self, &self->root_cause, g_value_get_string (value), pspec);
      break;

    case PROP_INTRODUCED_IN:
      set_string (self, &self->introduced_in, g_value_get_string (value), pspec);
      break;

    case PROP_REGRESSION_TEST:
      set_string (self, &self->regression_test, g_value_get_string (value), pspec);
      break;

    case PROP_ACKNOWLEDGED_TIME:
      SET_SCALAR (self, acknowledged_time, g_value_get_int64 (value), pspec);
      break;

    case PROP_TRIAGED_TIME:
      SET_SCALAR (self, triaged_time, g_value_get_int64 (value), pspec);
      break;

    case PROP_FIXED_TIME:
      SET_SCALAR (self, fixed_time, g_value_get_int64 (value), pspec);
      break;

    case PROP_DISCLOSED_TIME:
      SET_SCALAR (self, disclosed_time, g_value_get_int64 (value), pspec);
      break;

    case PROP_CLOSED_TIME:
      SET_SCALAR (self, closed_time, g_value_get_int64 (value), pspec);
      break;

    case PROP_UPDATED:
      SET_SCALAR (self, updated, g_value_get_int64 (value), pspec);
      break;

    case PROP_N_FOLLOWUPS:
      SET_SCALAR (self, n_followups, g_value_get_uint (value), pspec);
      break;

    case PROP_DEADLINE_KIND:
      SET_SCALAR (self, deadline_kind, g_value_get_enum (value), pspec);
      break;

    case PROP_DEADLINE:
      SET_SCALAR (self, deadline, g_value_get_int64 (value), pspec);
      break;

    case PROP_DUE_STATE:
      SET_SCALAR (self, due_state, g_value_get_enum (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_report_class_init (FlawReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flaw_report_finalize;
  object_class->get_property = flaw_report_get_property;
  object_class->set_property = flaw_report_set_property;

  /**
   * FlawReport:id:
   *
   * The report’s row id.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:source-id:
   *
   * The source row id, or 0.
   */
  properties[PROP_SOURCE_ID] =
    g_param_spec_int64 ("source-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:source-name:
   *
   * The source’s name, or NULL.
   */
  properties[PROP_SOURCE_NAME] =
    g_param_spec_string ("source-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:remote-id:
   *
   * The message or advisory id at the source.
   */
  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:thread-of:
   *
   * The root report a follow-up belongs to, or 0.
   */
  properties[PROP_THREAD_OF] =
    g_param_spec_int64 ("thread-of", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:message-id:
   *
   * The Message-ID header.
   */
  properties[PROP_MESSAGE_ID] =
    g_param_spec_string ("message-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:in-reply-to:
   *
   * The In-Reply-To header.
   */
  properties[PROP_IN_REPLY_TO] =
    g_param_spec_string ("in-reply-to", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:refs:
   *
   * The References as a JSON array.
   */
  properties[PROP_REFS] =
    g_param_spec_string ("refs", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:title:
   *
   * The subject or advisory summary.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:reporter:
   *
   * The reporter’s name.
   */
  properties[PROP_REPORTER] =
    g_param_spec_string ("reporter", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:reporter-address:
   *
   * The reporter’s address.
   */
  properties[PROP_REPORTER_ADDRESS] =
    g_param_spec_string ("reporter-address", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:received:
   *
   * When the report arrived (Unix time).
   */
  properties[PROP_RECEIVED] =
    g_param_spec_int64 ("received", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:body:
   *
   * The plain-text body.
   */
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:body-truncated:
   *
   * Whether the body was cut at the size limit.
   */
  properties[PROP_BODY_TRUNCATED] =
    g_param_spec_boolean ("body-truncated", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:html-only:
   *
   * Whether the body was converted from HTML.
   */
  properties[PROP_HTML_ONLY] =
    g_param_spec_boolean ("html-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:unread:
   *
   * Whether the report (or a follow-up) is unread.
   */
  properties[PROP_UNREAD] =
    g_param_spec_boolean ("unread", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:withdrawn:
   *
   * Whether the message left the source.
   */
  properties[PROP_WITHDRAWN] =
    g_param_spec_boolean ("withdrawn", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:status:
   *
   * The triage status.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       FLAW_TYPE_REPORT_STATUS, FLAW_REPORT_STATUS_NEW,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:close-reason:
   *
   * Why a closed report was closed.
   */
  properties[PROP_CLOSE_REASON] =
    g_param_spec_enum ("close-reason", NULL, NULL,
                       FLAW_TYPE_CLOSE_REASON, FLAW_CLOSE_REASON_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:close-note:
   *
   * The reason note of a closed report.
   */
  properties[PROP_CLOSE_NOTE] =
    g_param_spec_string ("close-note", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:duplicate-of:
   *
   * The report this one duplicates, or 0.
   */
  properties[PROP_DUPLICATE_OF] =
    g_param_spec_int64 ("duplicate-of", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:severity:
   *
   * The severity.
   */
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       FLAW_TYPE_SEVERITY, FLAW_SEVERITY_UNSET,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:cvss-vector:
   *
   * The CVSS 3.1 vector.
   */
  properties[PROP_CVSS_VECTOR] =
    g_param_spec_string ("cvss-vector", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:cvss-score:
   *
   * The CVSS score, or -1 without a vector.
   */
  properties[PROP_CVSS_SCORE] =
    g_param_spec_double ("cvss-score", NULL, NULL,
                         -1.0, 10.0, -1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:cwe:
   *
   * The CWE id.
   */
  properties[PROP_CWE] =
    g_param_spec_string ("cwe", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:component:
   *
   * The affected component.
   */
  properties[PROP_COMPONENT] =
    g_param_spec_string ("component", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:affected-versions:
   *
   * The affected versions.
   */
  properties[PROP_AFFECTED_VERSIONS] =
    g_param_spec_string ("affected-versions", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:fixed-version:
   *
   * The version with the fix.
   */
  properties[PROP_FIXED_VERSION] =
    g_param_spec_string ("fixed-version", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:cve:
   *
   * The CVE id.
   */
  properties[PROP_CVE] =
    g_param_spec_string ("cve", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:credit:
   *
   * How the reporter wants to be credited.
   */
  properties[PROP_CREDIT] =
    g_param_spec_string ("credit", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:root-cause:
   *
   * The root cause.
   */
  properties[PROP_ROOT_CAUSE] =
    g_param_spec_string ("root-cause", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:introduced-in:
   *
   * Where the flaw was introduced.
   */
  properties[PROP_INTRODUCED_IN] =
    g_param_spec_string ("introduced-in", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:regression-test:
   *
   * The regression test that now guards the flaw.
   */
  properties[PROP_REGRESSION_TEST] =
    g_param_spec_string ("regression-test", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:acknowledged-time:
   *
   * When it was acknowledged, or 0.
   */
  properties[PROP_ACKNOWLEDGED_TIME] =
    g_param_spec_int64 ("acknowledged-time", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:triaged-time:
   *
   * When it was triaged, or 0.
   */
  properties[PROP_TRIAGED_TIME] =
    g_param_spec_int64 ("triaged-time", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:fixed-time:
   *
   * When it was fixed, or 0.
   */
  properties[PROP_FIXED_TIME] =
    g_param_spec_int64 ("fixed-time", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:disclosed-time:
   *
   * When it was disclosed, or 0.
   */
  properties[PROP_DISCLOSED_TIME] =
    g_param_spec_int64 ("disclosed-time", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:closed-time:
   *
   * When it was closed, or 0.
   */
  properties[PROP_CLOSED_TIME] =
    g_param_spec_int64 ("closed-time", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:updated:
   *
   * When the row last changed.
   */
  properties[PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:n-followups:
   *
   * How many follow-up messages the report has.
   */
  properties[PROP_N_FOLLOWUPS] =
    g_param_spec_uint ("n-followups", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:deadline-kind:
   *
   * The next deadline’s kind.
   */
  properties[PROP_DEADLINE_KIND] =
    g_param_spec_enum ("deadline-kind", NULL, NULL,
                       FLAW_TYPE_DEADLINE_KIND, FLAW_DEADLINE_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:deadline:
   *
   * The next deadline (Unix time), or 0.
   */
  properties[PROP_DEADLINE] =
    g_param_spec_int64 ("deadline", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FlawReport:due-state:
   *
   * Where the report stands against its next deadline.
   */
  properties[PROP_DUE_STATE] =
    g_param_spec_enum ("due-state", NULL, NULL,
                       FLAW_TYPE_DUE_STATE, FLAW_DUE_STATE_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flaw_report_init (FlawReport *self)
{
  self->cvss_score = -1.0;
}

FlawReport *
flaw_report_new (void)
{
  return g_object_new (FLAW_TYPE_REPORT, NULL);
}

/**
 * flaw_report_is_root:
 *
 * Returns: whether this is a report rather than a follow-up; triage
 *   fields are used on root reports only
 */
gboolean
flaw_report_is_root (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), FALSE);

  return self->thread_of == 0;
}

/**
 * flaw_report_get_deadlines:
 * @now: the time to judge against, normally flaw_clock_now()
 * @deadlines: (out caller-allocates): every pending deadline
 */
void
flaw_report_get_deadlines (FlawReport             *self,
                           const FlawTriagePolicy *policy,
                           gint64                  now,
                           FlawDeadlines          *deadlines)
{
  g_return_if_fail (FLAW_IS_REPORT (self));
  g_return_if_fail (policy != NULL);
  g_return_if_fail (deadlines != NULL);

  if (!flaw_report_is_root (self))
    {
      *deadlines = (FlawDeadlines) { 0 };
      return;
    }

  flaw_deadlines_compute (policy, self->status, self->severity, self->received, now, deadlines);
}

/**
 * flaw_report_update_deadline:
 * @now: the time to judge against, normally flaw_clock_now()
 *
 * Recomputes #FlawReport:deadline-kind, #FlawReport:deadline and
 * #FlawReport:due-state, for instance when the policy changes or time
 * passes. Follow-ups have no deadline.
 */
void
flaw_report_update_deadline (FlawReport             *self,
                             const FlawTriagePolicy *policy,
                             gint64                  now)
{
  FlawDeadlines deadlines;

  g_return_if_fail (FLAW_IS_REPORT (self));
  g_return_if_fail (policy != NULL);

  flaw_report_get_deadlines (self, policy, now, &deadlines);

  g_object_freeze_notify (G_OBJECT (self));
  SET_SCALAR (self, deadline_kind, deadlines.next_kind, properties[PROP_DEADLINE_KIND]);
  SET_SCALAR (self, deadline, deadlines.next, properties[PROP_DEADLINE]);
  SET_SCALAR (self, due_state, deadlines.next_state, properties[PROP_DUE_STATE]);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
flaw_report_get_id (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->id;
}

gint64
flaw_report_get_source_id (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->source_id;
}

const char *
flaw_report_get_source_name (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->source_name;
}

const char *
flaw_report_get_remote_id (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->remote_id;
}

gint64
flaw_report_get_thread_of (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->thread_of;
}

const char *
flaw_report_get_message_id (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->message_id;
}

const char *
flaw_report_get_in_reply_to (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->in_reply_to;
}

const char *
flaw_report_get_refs (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->refs;
}

const char *
flaw_report_get_title (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->title;
}

const char *
flaw_report_get_reporter (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->reporter;
}

const char *
flaw_report_get_reporter_address (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->reporter_address;
}

gint64
flaw_report_get_received (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->received;
}

const char *
flaw_report_get_body (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->body;
}

gboolean
flaw_report_get_body_truncated (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), FALSE);

  return self->body_truncated;
}

gboolean
flaw_report_get_html_only (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), FALSE);

  return self->html_only;
}

gboolean
flaw_report_get_unread (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), FALSE);

  return self->unread;
}

gboolean
flaw_report_get_withdrawn (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), FALSE);

  return self->withdrawn;
}

FlawReportStatus
flaw_report_get_status (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->status;
}

FlawCloseReason
flaw_report_get_close_reason (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->close_reason;
}

const char *
flaw_report_get_close_note (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->close_note;
}

gint64
flaw_report_get_duplicate_of (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->duplicate_of;
}

FlawSeverity
flaw_report_get_severity (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->severity;
}

const char *
flaw_report_get_cvss_vector (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->cvss_vector;
}

double
flaw_report_get_cvss_score (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), -1.0);

  return self->cvss_score;
}

const char *
flaw_report_get_cwe (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->cwe;
}

const char *
flaw_report_get_component (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->component;
}

const char *
flaw_report_get_affected_versions (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->affected_versions;
}

const char *
flaw_report_get_fixed_version (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->fixed_version;
}

const char *
flaw_report_get_cve (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->cve;
}

const char *
flaw_report_get_credit (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->credit;
}

const char *
flaw_report_get_root_cause (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->root_cause;
}

const char *
flaw_report_get_introduced_in (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->introduced_in;
}

const char *
flaw_report_get_regression_test (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), NULL);

  return self->regression_test;
}

gint64
flaw_report_get_acknowledged_time (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->acknowledged_time;
}

gint64
flaw_report_get_triaged_time (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->triaged_time;
}

gint64
flaw_report_get_fixed_time (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->fixed_time;
}

gint64
flaw_report_get_disclosed_time (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->disclosed_time;
}

gint64
flaw_report_get_closed_time (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->closed_time;
}

gint64
flaw_report_get_updated (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->updated;
}

guint
flaw_report_get_n_followups (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->n_followups;
}

FlawDeadlineKind
flaw_report_get_deadline_kind (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->deadline_kind;
}

gint64
flaw_report_get_deadline (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->deadline;
}

FlawDueState
flaw_report_get_due_state (FlawReport *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT (self), 0);

  return self->due_state;
}
