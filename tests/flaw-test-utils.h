/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *flaw_test_make_tmp_dir      (void);
void      flaw_test_remove_tree       (const char  *path);
gboolean  flaw_test_wake_cb           (gpointer     data);
void      flaw_test_drain             (void);
gboolean  flaw_test_skip_without_secret_service (void);
int       flaw_test_run_cli           (const char  *db_path,
                                       char       **out,
                                       char       **err,
                                       ...) G_GNUC_NULL_TERMINATED;

/* A desktop notification server (org.freedesktop.Notifications) on the
 * test's session bus, which keeps the summary and body of every
 * notification it is sent. */
typedef struct _FlawTestNotifications FlawTestNotifications;

FlawTestNotifications *flaw_test_notifications_new         (void);
void                   flaw_test_notifications_free        (FlawTestNotifications *self);
guint                  flaw_test_notifications_get_count   (FlawTestNotifications *self);
const char            *flaw_test_notifications_get_summary (FlawTestNotifications *self,
                                                            guint                  index);
const char            *flaw_test_notifications_get_body    (FlawTestNotifications *self,
                                                            guint                  index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawTestNotifications, flaw_test_notifications_free)

/* Spins the default main context until EXPR holds, failing after MS milliseconds. */
#define FLAW_TEST_WAIT_UNTIL(expr, ms) G_STMT_START {                          \
    gint64 _end = g_get_monotonic_time () + (gint64) (ms) * 1000;             \
    guint _tid = g_timeout_add (5, flaw_test_wake_cb, NULL);                  \
    while (!(expr) && g_get_monotonic_time () < _end)                         \
      g_main_context_iteration (NULL, TRUE);                                  \
    g_source_remove (_tid);                                                   \
    g_assert_true (expr);                                                     \
  } G_STMT_END

G_END_DECLS
