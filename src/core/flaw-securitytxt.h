/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FLAW_SECURITYTXT_ERROR (flaw_securitytxt_error_quark ())

typedef enum
{
  FLAW_SECURITYTXT_ERROR_INVALID_URL,
  FLAW_SECURITYTXT_ERROR_INSECURE,
  FLAW_SECURITYTXT_ERROR_TOO_LARGE,
  FLAW_SECURITYTXT_ERROR_TOO_MANY_REDIRECTS,
  FLAW_SECURITYTXT_ERROR_NETWORK,
} FlawSecuritytxtError;

/* RFC 9116 §5.4: readers may refuse files larger than 32 KiB. */
#define FLAW_SECURITYTXT_MAX_SIZE (32 * 1024)
#define FLAW_SECURITYTXT_MAX_REDIRECTS 5

/* The severities of the public validators: errors break RFC 9116, warnings
 * are its recommendations ("SHOULD", "RECOMMENDED"), notices are neither. */
typedef enum
{
  FLAW_SECURITYTXT_SEVERITY_ERROR,
  FLAW_SECURITYTXT_SEVERITY_WARNING,
  FLAW_SECURITYTXT_SEVERITY_NOTICE,
} FlawSecuritytxtSeverity;

typedef struct
{
  /* A stable code in the manner of DigitalTrustCenter's sectxt, such as
   * "no_expire"; a static string. */
  const char              *code;
  FlawSecuritytxtSeverity  severity;
  /* 1-based line of the file, 0 when the finding is about the whole file. */
  guint                    line;
  char                    *message;
  char                    *fix;
} FlawSecuritytxtFinding;

typedef struct
{
  GPtrArray *findings;      /* FlawSecuritytxtFinding, in line order */
  gboolean   is_signed;
  GPtrArray *contacts;      /* char *, in the file's order of preference */
  GPtrArray *canonicals;    /* char * */
  gint64     expires;       /* Unix time, or G_MININT64 when absent or invalid */
  char      *url;           /* where the file was fetched from, or NULL */
  char      *final_url;     /* the last URL of the redirect chain, or NULL */
  char      *content_type;  /* as served, or NULL */
} FlawSecuritytxtReport;

GQuark                  flaw_securitytxt_error_quark          (void);

const char             *flaw_securitytxt_severity_to_string   (FlawSecuritytxtSeverity       severity);
const char * const     *flaw_securitytxt_list_codes           (void);

FlawSecuritytxtReport  *flaw_securitytxt_validate             (const char                   *text,
                                                               gssize                        length,
                                                               const char * const           *retrieved_from);

FlawSecuritytxtReport  *flaw_securitytxt_report_new           (void);
void                    flaw_securitytxt_report_free          (FlawSecuritytxtReport        *report);
void                    flaw_securitytxt_report_add           (FlawSecuritytxtReport        *report,
                                                               const char                   *code,
                                                               FlawSecuritytxtSeverity       severity,
                                                               guint                         line,
                                                               const char                   *fix,
                                                               const char                   *format,
                                                               ...) G_GNUC_PRINTF (6, 7);
guint                   flaw_securitytxt_report_count         (const FlawSecuritytxtReport  *report,
                                                               FlawSecuritytxtSeverity       severity);
gboolean                flaw_securitytxt_report_has_code      (const FlawSecuritytxtReport  *report,
                                                               const char                   *code);

gboolean                flaw_securitytxt_check_uri            (const char                   *value,
                                                               const char                   *field,
                                                               GError                      **error);
gboolean                flaw_securitytxt_is_language_tag      (const char                   *tag);
gboolean                flaw_securitytxt_check_languages      (const char                   *value,
                                                               char                        **bad_tag);
gboolean                flaw_securitytxt_parse_date_time      (const char                   *value,
                                                               gint64                       *unix_time);
char                   *flaw_securitytxt_format_date_time     (gint64                        unix_time);

gboolean                flaw_securitytxt_url_is_loopback      (GUri                         *uri);

void                    flaw_securitytxt_fetch_async          (const char                   *domain,
                                                               GCancellable                 *cancellable,
                                                               GAsyncReadyCallback           callback,
                                                               gpointer                      user_data);
void                    flaw_securitytxt_fetch_from_async     (const char                   *base_url,
                                                               GCancellable                 *cancellable,
                                                               GAsyncReadyCallback           callback,
                                                               gpointer                      user_data);
FlawSecuritytxtReport  *flaw_securitytxt_fetch_finish         (GAsyncResult                 *result,
                                                               GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawSecuritytxtReport, flaw_securitytxt_report_free)

G_END_DECLS
