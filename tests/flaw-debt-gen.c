/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "flaw-csv.h"
#include "flaw-debt-gen.h"

/* Generates a register of plausible security debt as a CSV file in the
 * import format: titles and descriptions drawn from a vocabulary with a
 * Zipf-like spread (a few words are common, most are rare), all decisions,
 * dates over the last two years. The same seed gives the same file.
 */

static const char * const common_words[] = {
  "admin", "access", "token", "password", "secret", "key", "rotation", "tls", "certificate",
  "staging", "production", "legacy", "library", "pinned", "version", "dependency", "upgrade",
  "logging", "audit", "monitoring", "alert", "input", "validation", "sanitise", "injection",
  "sql", "xss", "csrf", "session", "cookie", "authentication", "authorisation", "role",
  "permission", "scope", "service", "account", "bucket", "public", "private", "encryption",
  "hash", "md5", "sha1", "random", "seed", "config", "default", "debug", "endpoint", "api",
  "rate", "limit", "timeout", "retry", "backup", "restore", "firewall", "network", "port",
  "container", "image", "root", "privilege", "sandbox", "deploy", "pipeline", "build",
  "signing", "review", "test", "coverage", "fuzzing", "threat", "model", "design", "process",
  "manual", "temporary", "workaround", "hardcoded", "shared", "wildcard", "cors", "header",
  "redirect", "upload", "parser", "xml", "yaml", "deserialise", "cache", "queue", "webhook",
};

static const char * const syllables[] = {
  "ka", "lo", "mi", "ne", "ru", "ta", "vi", "zo", "pe", "qu", "sa", "di", "fo", "gu", "hy",
  "ja", "ke", "li", "mo", "nu", "po", "ri", "se", "tu", "va", "we", "xi", "yo", "ze", "bra",
};

static const char * const owners[] = {
  "Kim", "Lee", "Ana", "Bo", "Chidi", "Dana", "Eli", "Femi", "Grace", "Hiro", "Ines", "Jon",
  "Kai", "Lena", "Mo", "Nia", "Omar", "Pia", "Quinn", "Ravi", "Sara", "Tom", "Uma", "Vic",
  "Wen", "Xiu", "Yara", "Zoe", "Ada", "Ben",
};

static const char * const categories[] = {
  "access_permissions", "authentication", "secrets_cryptography", "input_handling", "dependencies",
  "configuration_deployment", "logging_monitoring", "design", "process",
};

#define N_RARE 5000

static char *rare_words[N_RARE];

static void
ensure_vocabulary (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < N_RARE; i++)
        {
          guint n = G_N_ELEMENTS (syllables);

          rare_words[i] = g_strconcat (syllables[i % n], syllables[(i / n) % n],
                                       syllables[(i / (n * n)) % n], i % 3 ? "n" : "", NULL);
        }
      g_once_init_leave (&done, 1);
    }
}

/**
 * flaw_debt_gen_word:
 *
 * Returns: word @index of the vocabulary; low indexes are the common words
 */
const char *
flaw_debt_gen_word (guint index)
{
  ensure_vocabulary ();

  if (index < G_N_ELEMENTS (common_words))
    return common_words[index];

  return rare_words[(index - G_N_ELEMENTS (common_words)) % N_RARE];
}

static const char *
pick_word (GRand *rand)
{
  /* Zipf-like: the index is exponential in a uniform number. */
  double u = g_rand_double (rand);
  guint index = (guint) (exp (u * log (G_N_ELEMENTS (common_words) + N_RARE)) - 1);

  return flaw_debt_gen_word (index);
}

static void
append_words (GString *out,
              GRand   *rand,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, pick_word (rand));
    }
}

static char *
date_after (gint64 now,
            int    days)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (now + (gint64) days * 86400);

  return g_date_time_format (dt, "%Y-%m-%d");
}

/**
 * flaw_debt_gen_csv:
 * @n_items: how many rows
 * @seed: the random seed
 * @now: the time the register is generated for
 *
 * Returns: (transfer full): the CSV file, with a header
 */
GString *
flaw_debt_gen_csv (guint   n_items,
                   guint32 seed,
                   gint64  now)
{
  static const char * const header[] = {
    "title", "description", "category", "component", "owner", "likelihood", "impact", "principal",
    "interest", "status", "rationale", "compensating_controls", "review_date", "target_date",
    "wont_fix_reason", "created",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *out = g_string_sized_new (n_items * 320);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);

  ensure_vocabulary ();
  flaw_csv_append_row (out, header, G_N_ELEMENTS (header));

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *component = g_strdup_printf ("%s-%s", pick_word (rand), flaw_debt_gen_word (g_rand_int_range (rand, 0, 200)));
      g_autofree char *likelihood = g_strdup_printf ("%d", g_rand_int_range (rand, 1, 6));
      g_autofree char *impact = g_strdup_printf ("%d", g_rand_int_range (rand, 1, 6));
      g_autofree char *principal = g_strdup_printf ("%.1f", g_rand_double_range (rand, 0, 20));
      g_autofree char *interest = g_strdup_printf ("%.2f", g_rand_double_range (rand, 0, 3));
      g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, now - g_rand_int_range (rand, 0, 730 * 86400));
      g_autofree char *review = NULL;
      g_autofree char *target = NULL;
      const char *status = "proposed";
      const char *rationale = NULL;
      const char *controls = NULL;
      const char *reason = NULL;
      int kind = g_rand_int_range (rand, 0, 10);

      g_string_truncate (title, 0);
      append_words (title, rand, g_rand_int_range (rand, 3, 8));
      g_string_truncate (description, 0);
      append_words (description, rand, g_rand_int_range (rand, 10, 40));

      if (kind < 3)
        {
          status = "accepted";
          rationale = "Needed to ship the release; revisit at review.";
          controls = "Access limited to the build network; alerts on use.";
          review = date_after (now, g_rand_int_range (rand, -60, 120));
        }
      else if (kind < 5)
        {
          status = kind == 3 ? "scheduled" : "in_progress";
          target = date_after (now, g_rand_int_range (rand, 0, 180));
        }
      else if (kind == 5)
        status = "paid_off";
      else if (kind == 6)
        {
          status = "wont_fix";
          reason = "The service is retired next quarter.";
        }

      {
        const char *row[] = {
          title->str, description->str, categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))],
          component, owners[g_rand_int_range (rand, 0, G_N_ELEMENTS (owners))], likelihood, impact,
          principal, interest, status, rationale, controls, review, target, reason, created,
        };

        flaw_csv_append_row (out, row, G_N_ELEMENTS (row));
      }
    }

  return out;
}
