/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-jmap-text"

#include "config.h"

#include <string.h>

#include "flaw-jmap-codec.h"

/* Mail text as Flawdesk keeps it: valid UTF-8, cut at a character
 * boundary, and HTML reduced to text without ever being rendered. */

/**
 * flaw_jmap_truncate_utf8:
 * @max_bytes: the most bytes to keep, 0 for no limit
 * @truncated: (out) (optional): whether anything was cut
 *
 * Returns: (transfer full): @text as valid UTF-8 cut at a character
 *   boundary within @max_bytes
 */
char *
flaw_jmap_truncate_utf8 (const char *text,
                         gsize       max_bytes,
                         gboolean   *truncated)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  gsize length = strlen (valid);
  const char *end;

  if (truncated != NULL)
    *truncated = FALSE;

  if (max_bytes == 0 || length <= max_bytes)
    return g_steal_pointer (&valid);

  end = g_utf8_find_prev_char (valid, valid + max_bytes + 1);
  if (end == NULL)
    end = valid;

  if (truncated != NULL)
    *truncated = TRUE;

  return g_strndup (valid, end - valid);
}

static const struct
{
  const char *name;
  const char *text;
} entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", " " }, { "ndash", "–" }, { "mdash", "—" }, { "hellip", "…" }, { "copy", "©" },
  { "reg", "®" }, { "laquo", "«" }, { "raquo", "»" }, { "lsquo", "‘" }, { "rsquo", "’" },
  { "ldquo", "“" }, { "rdquo", "”" }, { "bull", "•" }, { "euro", "€" }, { "auml", "ä" },
  { "ouml", "ö" }, { "uuml", "ü" }, { "Auml", "Ä" }, { "Ouml", "Ö" }, { "Uuml", "Ü" },
  { "szlig", "ß" }, { "eacute", "é" }, { "egrave", "è" }, { "agrave", "à" }, { "ccedil", "ç" },
};

static const char *
decode_entity (const char *p,
               GString    *out)
{
  const char *semicolon;
  gsize length;

  g_assert (*p == '&');

  semicolon = strchr (p, ';');
  if (semicolon == NULL || semicolon - p > 10 || semicolon == p + 1)
    {
      g_string_append_c (out, '&');
      return p + 1;
    }

  length = semicolon - p - 1;

  if (p[1] == '#')
    {
      gboolean hex = p[2] == 'x' || p[2] == 'X';
      const char *digits = p + (hex ? 3 : 2);
      char *end = NULL;
      guint64 code = g_ascii_strtoull (digits, &end, hex ? 16 : 10);

      if (end == semicolon && end != digits && code > 0 && code <= 0x10FFFF &&
          g_unichar_validate ((gunichar) code) && code != 0xFFFE)
        {
          if (code == 0xA0)
            g_string_append_c (out, ' ');
          else
            g_string_append_unichar (out, (gunichar) code);
          return semicolon + 1;
        }
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
        if (strlen (entities[i].name) == length && strncmp (p + 1, entities[i].name, length) == 0)
          {
            g_string_append (out, entities[i].text);
            return semicolon + 1;
          }
    }

  g_string_append_c (out, '&');
  return p + 1;
}

static gboolean
tag_is (const char *name,
        gsize       length,
        const char *wanted)
{
  return strlen (wanted) == length && g_ascii_strncasecmp (name, wanted, length) == 0;
}

/**
 * flaw_jmap_html_to_text:
 *
 * Turns HTML into plain text without rendering it: tags are dropped (with
 * the content of script and style), entities decoded, and block elements
 * and <br> become line breaks. Nothing is fetched or interpreted.
 *
 * Returns: (transfer full): the text
 */
char *
flaw_jmap_html_to_text (const char *html)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (html != NULL ? html : "", -1);
  const char *p = valid;
  const char *skip_until = NULL;
  gboolean pending_space = FALSE;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *end;
          const char *name;
          gboolean closing;
          gsize length;

          if (g_str_has_prefix (p, "<!--"))
            {
              end = strstr (p + 4, "-->");
              p = end != NULL ? end + 3 : p + strlen (p);
              continue;
            }

          end = strchr (p, '>');
          if (end == NULL)
            break;

          closing = p[1] == '/';
          name = p + (closing ? 2 : 1);
          for (length = 0; name + length < end && (g_ascii_isalnum (name[length])); length++)
            ;

          if (skip_until != NULL)
            {
              if (closing && tag_is (name, length, skip_until))
                skip_until = NULL;
              p = end + 1;
              continue;
            }

          if (!closing && (tag_is (name, length, "script") || tag_is (name, length, "style") ||
                           tag_is (name, length, "head") || tag_is (name, length, "title")))
            skip_until = tag_is (name, length, "script") ? "script" :
                         tag_is (name, length, "style") ? "style" :
                         tag_is (name, length, "head") ? "head" : "title";
          else if (tag_is (name, length, "br"))
            g_string_append_c (out, '\n');
          else if (tag_is (name, length, "p") || tag_is (name, length, "div") ||
                   tag_is (name, length, "tr") || tag_is (name, length, "li") ||
                   tag_is (name, length, "pre") || tag_is (name, length, "blockquote") ||
                   tag_is (name, length, "table") || tag_is (name, length, "ul") ||
                   tag_is (name, length, "ol") || tag_is (name, length, "hr") ||
                   (length == 2 && g_ascii_tolower (name[0]) == 'h' && g_ascii_isdigit (name[1])))
            {
              if (out->len > 0 && out->str[out->len - 1] != '\n')
                g_string_append_c (out, '\n');
              if (!closing && tag_is (name, length, "li"))
                g_string_append (out, "• ");
            }
          else if (tag_is (name, length, "td") || tag_is (name, length, "th"))
            pending_space = TRUE;

          p = end + 1;
          continue;
        }

      if (skip_until != NULL)
        {
          p++;
          continue;
        }

      if (*p == '\r')
        {
          p++;
          continue;
        }

      if (*p == '\n' || *p == '\t' || *p == ' ')
        {
          /* Source line breaks are layout, not content, in HTML. */
          pending_space = out->len > 0 && out->str[out->len - 1] != '\n';
          p++;
          continue;
        }

      if (pending_space && out->len > 0 && out->str[out->len - 1] != ' ' &&
          out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
      pending_space = FALSE;

      if (*p == '&')
        {
          p = decode_entity (p, out);
          continue;
        }

      g_string_append_c (out, *p);
      p++;
    }

  while (out->len > 0 && (out->str[out->len - 1] == '\n' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);

  return g_utf8_make_valid (out->str, out->len);
}

