/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-clock"

#include "config.h"

#include "flaw-clock.h"

/* Every timestamp Flawdesk stores comes from here, so tests (and the
 * screenshot script, through FLAWDESK_NOW) can pin the time.
 */

#define NOT_FIXED G_MININT64

G_LOCK_DEFINE_STATIC (fixed_now);
static gint64 fixed_now = NOT_FIXED;
static gsize env_checked = 0;

static void
set_fixed (gint64 value)
{
  G_LOCK (fixed_now);
  fixed_now = value;
  G_UNLOCK (fixed_now);
}

static void
check_environment (void)
{
  if (g_once_init_enter (&env_checked))
    {
      const char *value = g_getenv ("FLAWDESK_NOW");

      if (value != NULL && *value != '\0')
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (value, NULL);

          if (dt != NULL)
            set_fixed (g_date_time_to_unix (dt));
          else
            g_warning ("Ignoring FLAWDESK_NOW=%s: not an ISO 8601 time with a zone", value);
        }

      g_once_init_leave (&env_checked, 1);
    }
}

/**
 * flaw_clock_now:
 *
 * Returns: the current time in seconds since the Unix epoch (UTC)
 */
gint64
flaw_clock_now (void)
{
  gint64 fixed;

  check_environment ();

  G_LOCK (fixed_now);
  fixed = fixed_now;
  G_UNLOCK (fixed_now);

  if (fixed != NOT_FIXED)
    return fixed;

  return g_get_real_time () / G_USEC_PER_SEC;
}

GDateTime *
flaw_clock_now_local (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (flaw_clock_now ());

  return g_date_time_to_local (utc);
}

void
flaw_clock_set_fixed (gint64 unix_seconds)
{
  check_environment ();
  set_fixed (unix_seconds);
}

void
flaw_clock_unset_fixed (void)
{
  check_environment ();
  set_fixed (NOT_FIXED);
}
