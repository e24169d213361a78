/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-dependency"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "flaw-dependency.h"

/* Packages as OSV names them, and Package URLs (purl) mapped to OSV
 * ecosystems, as SBOMs name packages by purl.
 */

G_DEFINE_QUARK (flaw-dependency-error-quark, flaw_dependency_error)

static const struct
{
  FlawDependencyFormat  format;
  const char           *name;
} format_names[] = {
  { FLAW_DEPENDENCY_FORMAT_AUTO, "auto" },
  { FLAW_DEPENDENCY_FORMAT_CYCLONEDX, "cyclonedx" },
  { FLAW_DEPENDENCY_FORMAT_SPDX, "spdx" },
  { FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK, "package-lock" },
  { FLAW_DEPENDENCY_FORMAT_REQUIREMENTS, "requirements" },
  { FLAW_DEPENDENCY_FORMAT_CARGO_LOCK, "cargo-lock" },
  { FLAW_DEPENDENCY_FORMAT_GO_SUM, "go-sum" },
};

/* purl types (https://github.com/package-url/purl-spec) to OSV ecosystems. */
static const struct
{
  const char *type;
  const char *ecosystem;
} purl_types[] = {
  { "pypi", "PyPI" },
  { "npm", "npm" },
  { "cargo", "crates.io" },
  { "golang", "Go" },
  { "maven", "Maven" },
  { "nuget", "NuGet" },
  { "gem", "RubyGems" },
  { "composer", "Packagist" },
  { "hex", "Hex" },
  { "pub", "Pub" },
  { "deb", "Debian" },
  { "apk", "Alpine" },
  { "swift", "SwiftURL" },
  { "hackage", "Hackage" },
  { "cran", "CRAN" },
  { "conan", "ConanCenter" },
  { "bitnami", "Bitnami" },
};

/* Debian's purls may name the release by its codename (distro=bookworm). */
static const struct
{
  const char *codename;
  const char *release;
} debian_codenames[] = {
  { "stretch", "9" },
  { "buster", "10" },
  { "bullseye", "11" },
  { "bookworm", "12" },
  { "trixie", "13" },
};

FlawDependency *
flaw_dependency_new (const char *ecosystem,
                     const char *name,
                     const char *version)
{
  FlawDependency *dependency;

  g_return_val_if_fail (ecosystem != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);

  dependency = g_new0 (FlawDependency, 1);
  dependency->ecosystem = g_strdup (ecosystem);
  dependency->name = flaw_dependency_normalize_name (ecosystem, name);
  dependency->version = g_strdup (version);

  return dependency;
}

FlawDependency *
flaw_dependency_copy (const FlawDependency *dependency)
{
  FlawDependency *copy;

  g_return_val_if_fail (dependency != NULL, NULL);

  copy = g_new0 (FlawDependency, 1);
  copy->ecosystem = g_strdup (dependency->ecosystem);
  copy->name = g_strdup (dependency->name);
  copy->version = g_strdup (dependency->version);
  copy->purl = g_strdup (dependency->purl);

  return copy;
}

void
flaw_dependency_free (FlawDependency *dependency)
{
  if (dependency == NULL)
    return;

  g_free (dependency->ecosystem);
  g_free (dependency->name);
  g_free (dependency->version);
  g_free (dependency->purl);
  g_free (dependency);
}

/**
 * flaw_dependency_compare:
 * @a: a `FlawDependency **`
 * @b: a `FlawDependency **`
 *
 * Orders by ecosystem, name and version, for g_ptr_array_sort().
 */
int
flaw_dependency_compare (gconstpointer a,
                         gconstpointer b)
{
  const FlawDependency *da = *(FlawDependency * const *) a;
  const FlawDependency *db = *(FlawDependency * const *) b;
  int cmp;

  if ((cmp = g_strcmp0 (da->ecosystem, db->ecosystem)) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (da->name, db->name)) != 0)
    return cmp;

  return g_strcmp0 (da->version, db->version);
}

/**
 * flaw_dependency_normalize_name:
 *
 * Returns: (transfer full): @name as OSV knows it in @ecosystem: PyPI names
 *   are normalized as PEP 503 says ("Django_REST.framework" becomes
 *   "django-rest-framework"); other ecosystems keep the name
 */
char *
flaw_dependency_normalize_name (const char *ecosystem,
                                const char *name)
{
  GString *out;

  g_return_val_if_fail (ecosystem != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!g_str_equal (ecosystem, "PyPI"))
    return g_strdup (name);

  out = g_string_new (NULL);
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '-' || *p == '_' || *p == '.')
        {
          if (out->len == 0 || out->str[out->len - 1] != '-')
            g_string_append_c (out, '-');
        }
      else
        g_string_append_c (out, g_ascii_tolower (*p));
    }

  return g_string_free (out, FALSE);
}

/* The OSV ecosystems Flawdesk reads from purls, in the order a person
 * picks them from. */
static const char * const ecosystems[] = {
  "PyPI", "npm", "Maven", "Go", "crates.io", "NuGet", "RubyGems", "Packagist", "Debian",
  "Alpine", "Hex", "Pub", "SwiftURL", "Hackage", "CRAN", "ConanCenter", "Bitnami", NULL
};

/**
 * flaw_dependency_get_ecosystems:
 *
 * Returns: (array zero-terminated=1) (transfer none): the OSV ecosystems
 *   a component can be added in
 */
const char * const *
flaw_dependency_get_ecosystems (void)
{
  return ecosystems;
}

static gboolean
ecosystem_is_known (const char *ecosystem)
{
  /* OSV names releases after a colon: "Debian:12", "Alpine:v3.18". */
  const char *colon = strchr (ecosystem, ':');
  gsize len = colon != NULL ? (gsize) (colon - ecosystem) : strlen (ecosystem);

  if (colon != NULL && colon[1] == '\0')
    return FALSE;

  for (guint i = 0; ecosystems[i] != NULL; i++)
    if (strlen (ecosystems[i]) == len && strncmp (ecosystems[i], ecosystem, len) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/**
 * flaw_dependency_check:
 *
 * Checks what a person typed for a component: a known OSV ecosystem, a
 * name and a version, none of them with spaces at either end.
 *
 * Returns: %TRUE when all three can be stored, else %FALSE with @error
 *   (%FLAW_DEPENDENCY_ERROR_INVALID) naming the field to correct
 */
gboolean
flaw_dependency_check (const char  *ecosystem,
                       const char  *name,
                       const char  *version,
                       GError     **error)
{
  if (is_blank (ecosystem) || !ecosystem_is_known (ecosystem))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) ecosystems);

      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                   _("Ecosystem “%s” is not one OSV knows; use one of %s."),
                   ecosystem != NULL ? ecosystem : "", known);
      return FALSE;
    }

  if (is_blank (name))
    {
      g_set_error_literal (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                           _("The component needs a name, as its package registry spells it."));
      return FALSE;
    }

  if (is_blank (version))
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                   _("%s needs a version, such as 1.2.3: OSV checks one version at a time."), name);
      return FALSE;
    }

  if (g_ascii_isspace (*name) || g_ascii_isspace (name[strlen (name) - 1]) ||
      strchr (version, ' ') != NULL || strchr (version, '\t') != NULL)
    {
      g_set_error_literal (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                           _("Remove the spaces around the name and inside the version."));
      return FALSE;
    }

  if (!g_utf8_validate (name, -1, NULL) || !g_utf8_validate (version, -1, NULL))
    {
      g_set_error_literal (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                           _("The name and the version must be text (UTF-8)."));
      return FALSE;
    }

  return TRUE;
}

void
flaw_import_note_free (FlawImportNote *note)
{
  if (note == NULL)
    return;

  g_free (note->text);
  g_free (note->reason);
  g_free (note);
}

const char *
flaw_dependency_format_to_string (FlawDependencyFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;

  g_return_val_if_reached ("auto");
}

gboolean
flaw_dependency_format_from_string (const char           *string,
                                    FlawDependencyFormat *format)
{
  g_return_val_if_fail (string != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (format_names[i].name, string))
      {
        *format = format_names[i].format;
        return TRUE;
      }

  return FALSE;
}

static const char *
skip_json_space (const char *p,
                 const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;

  return p;
}

/* A cheap look at the first kilobytes, enough to tell the JSON formats
 * apart before parsing. */
static gboolean
head_contains (const char *data,
               gsize       length,
               const char *needle)
{
  g_autofree char *head = g_strndup (data, MIN (length, 65536));

  return strstr (head, needle) != NULL;
}

/**
 * flaw_dependency_detect_format:
 * @filename: (nullable): the file's name, the first clue
 *
 * Returns: the format of @data, or %FLAW_DEPENDENCY_FORMAT_AUTO when it
 *   cannot be told
 */
FlawDependencyFormat
flaw_dependency_detect_format (const char *data,
                               gsize       length,
                               const char *filename)
{
  g_autofree char *base = filename != NULL ? g_path_get_basename (filename) : NULL;
  g_autofree char *text = NULL;
  const char *start;

  g_return_val_if_fail (data != NULL || length == 0, FLAW_DEPENDENCY_FORMAT_AUTO);

  /* Empty data may come as NULL. */
  if (data == NULL)
    data = "";

  if (base != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (base, -1);

      if (g_str_equal (lower, "package-lock.json") || g_str_equal (lower, "npm-shrinkwrap.json"))
        return FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK;
      if (g_str_equal (lower, "cargo.lock"))
        return FLAW_DEPENDENCY_FORMAT_CARGO_LOCK;
      if (g_str_equal (lower, "go.sum"))
        return FLAW_DEPENDENCY_FORMAT_GO_SUM;
      if (g_str_has_suffix (lower, ".txt") && strstr (lower, "requirements") != NULL)
        return FLAW_DEPENDENCY_FORMAT_REQUIREMENTS;
    }

  start = skip_json_space (data, data + length);
  if (start < data + length && *start == '{')
    {
      if (head_contains (data, length, "\"bomFormat\""))
        return FLAW_DEPENDENCY_FORMAT_CYCLONEDX;
      if (head_contains (data, length, "\"spdxVersion\""))
        return FLAW_DEPENDENCY_FORMAT_SPDX;
      if (head_contains (data, length, "\"lockfileVersion\""))
        return FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK;
      return FLAW_DEPENDENCY_FORMAT_AUTO;
    }

  if (head_contains (data, length, "[[package]]"))
    return FLAW_DEPENDENCY_FORMAT_CARGO_LOCK;

  /* The regular expressions need a NUL-terminated string; @data need not be. */
  text = g_strndup (data, length);

  if (g_regex_match_simple ("^\\S+ v\\S+ h1:\\S+=$", text, G_REGEX_MULTILINE, 0))
    return FLAW_DEPENDENCY_FORMAT_GO_SUM;

  if (g_regex_match_simple ("^[A-Za-z0-9][A-Za-z0-9._-]*(\\[[^]]*\\])?\\s*===?\\s*[^\\s;]+", text,
                            G_REGEX_MULTILINE, 0))
    return FLAW_DEPENDENCY_FORMAT_REQUIREMENTS;

  return FLAW_DEPENDENCY_FORMAT_AUTO;
}

static char *
unescape (const char *segment)
{
  return g_uri_unescape_string (segment, NULL);
}

/**
 * flaw_dependency_new_from_purl:
 * @purl: a Package URL, such as "pkg:npm/%40babel/core@7.22.5"
 *
 * Returns: (transfer full): the package in its OSV ecosystem, or %NULL with
 *   @error set when @purl is malformed, has no version, or names a package
 *   type OSV has no ecosystem for
 */
FlawDependency *
flaw_dependency_new_from_purl (const char  *purl,
                               GError     **error)
{
  g_autofree char *rest = NULL;
  g_autofree char *type = NULL;
  g_autofree char *version = NULL;
  g_autofree char *name = NULL;
  g_autofree char *namespace = NULL;
  g_autofree char *distro = NULL;
  g_autofree char *full_name = NULL;
  g_autofree char *ecosystem = NULL;
  g_auto(GStrv) segments = NULL;
  FlawDependency *dependency;
  char *mark;
  guint n;

  g_return_val_if_fail (purl != NULL, NULL);

  if (g_ascii_strncasecmp (purl, "pkg:", 4) != 0)
    goto malformed;

  rest = g_strdup (purl + 4);
  while (*rest == '/')
    memmove (rest, rest + 1, strlen (rest));

  if ((mark = strchr (rest, '#')) != NULL)
    *mark = '\0';
  if ((mark = strchr (rest, '?')) != NULL)
    {
      g_auto(GStrv) qualifiers = g_strsplit (mark + 1, "&", -1);

      *mark = '\0';
      for (guint i = 0; qualifiers[i] != NULL; i++)
        if (g_str_has_prefix (qualifiers[i], "distro="))
          distro = unescape (qualifiers[i] + 7);
    }

  mark = strrchr (rest, '@');
  if (mark != NULL && strchr (mark, '/') == NULL)
    {
      *mark = '\0';
      version = unescape (mark + 1);
    }

  segments = g_strsplit (rest, "/", -1);
  n = g_strv_length (segments);
  if (n < 2 || *segments[0] == '\0' || *segments[n - 1] == '\0')
    goto malformed;

  type = g_ascii_strdown (segments[0], -1);
  name = unescape (segments[n - 1]);
  if (n > 2)
    {
      g_autoptr(GString) ns = g_string_new (NULL);

      for (guint i = 1; i < n - 1; i++)
        {
          g_autofree char *part = unescape (segments[i]);

          if (part == NULL)
            goto malformed;
          if (ns->len > 0)
            g_string_append_c (ns, '/');
          g_string_append (ns, part);
        }
      namespace = g_string_free (g_steal_pointer (&ns), FALSE);
    }

  if (name == NULL || (n > 2 && namespace == NULL))
    goto malformed;

  for (guint i = 0; i < G_N_ELEMENTS (purl_types); i++)
    if (g_str_equal (purl_types[i].type, type))
      ecosystem = g_strdup (purl_types[i].ecosystem);

  if (ecosystem == NULL)
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_UNSUPPORTED,
                   _("The package type “%s” of “%s” has no OSV ecosystem."), type, purl);
      return NULL;
    }

  if (version == NULL || *version == '\0')
    {
      g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
                   _("The package URL “%s” names no version."), purl);
      return NULL;
    }

  if (namespace == NULL)
    full_name = g_strdup (name);
  else if (g_str_equal (type, "maven"))
    full_name = g_strdup_printf ("%s:%s", namespace, name);
  else if (g_str_equal (type, "npm") || g_str_equal (type, "golang") ||
           g_str_equal (type, "composer") || g_str_equal (type, "swift") ||
           g_str_equal (type, "conan"))
    full_name = g_strdup_printf ("%s/%s", namespace, name);
  else
    /* deb/debian/openssl, apk/alpine/musl, gem, …: the namespace is the vendor. */
    full_name = g_strdup (name);

  /* Debian and Alpine are split by release in OSV: "Debian:12", "Alpine:v3.18". */
  if (distro != NULL && g_str_equal (type, "deb"))
    {
      const char *digits = distro + strcspn (distro, "0123456789");

      for (guint i = 0; i < G_N_ELEMENTS (debian_codenames); i++)
        if (g_ascii_strcasecmp (distro, debian_codenames[i].codename) == 0)
          digits = debian_codenames[i].release;

      if (*digits != '\0')
        {
          g_autofree char *release = g_strndup (digits, strspn (digits, "0123456789"));

          g_free (ecosystem);
          ecosystem = g_strdup_printf ("Debian:%s", release);
        }
    }
  else if (distro != NULL && g_str_equal (type, "apk"))
    {
      g_auto(GStrv) parts = NULL;
      const char *digits = distro + strcspn (distro, "0123456789");

      parts = g_strsplit (digits, ".", 3);
      if (parts[0] != NULL && parts[1] != NULL)
        {
          g_free (ecosystem);
          ecosystem = g_strdup_printf ("Alpine:v%s.%s", parts[0], parts[1]);
        }
    }

  dependency = flaw_dependency_new (ecosystem, full_name, version);
  dependency->purl = g_strdup (purl);

  return dependency;

malformed:
  g_set_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID,
               _("“%s” is not a package URL (pkg:type/namespace/name@version)."), purl);
  return NULL;
}

void
flaw_dependency_list_free (FlawDependencyList *list)
{
  if (list == NULL)
    return;

  g_clear_pointer (&list->dependencies, g_ptr_array_unref);
  g_clear_pointer (&list->notes, g_ptr_array_unref);
  g_free (list);
}
