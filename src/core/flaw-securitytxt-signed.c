/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-securitytxt"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "flaw-securitytxt-private.h"

/* OpenPGP cleartext signatures (RFC 4880 §7) around a security.txt: the
 * framing is checked and the dash-escaped text inside is what the fields
 * are read from. Signatures are not verified; that needs the signer's key,
 * which researchers must obtain and trust themselves (RFC 9116 §2.3).
 */

#define SIGNED_HEADER "-----BEGIN PGP SIGNED MESSAGE-----"
#define SIGNATURE_BEGIN "-----BEGIN PGP SIGNATURE-----"
#define SIGNATURE_END "-----END PGP SIGNATURE-----"

#define ERROR FLAW_SECURITYTXT_SEVERITY_ERROR

static gboolean
is_base64_line (const char *text)
{
  if (*text == '\0')
    return FALSE;

  /* The armor checksum line is "=" followed by base64. */
  if (*text == '=')
    text++;

  for (; *text != '\0'; text++)
    if (!g_ascii_isalnum (*text) && *text != '+' && *text != '/' && *text != '=')
      return FALSE;

  return TRUE;
}

static gboolean
is_armor_header (const char *text)
{
  const char *colon = strstr (text, ": ");

  return colon != NULL && colon != text && _flaw_securitytxt_is_field_name (text, colon - text);
}

/* Skips an OpenPGP signature block starting at lines[*index], checking its
 * framing; leaves *index on the line after it. */
static void
skip_signature (FlawSecuritytxtValidation *v,
                guint      *index)
{
  FlawSecuritytxtLine *begin = &g_array_index (v->lines, FlawSecuritytxtLine, *index);
  guint i = *index + 1;
  guint n_data = 0;
  gboolean have_end = FALSE;

  while (i < v->lines->len && is_armor_header (g_array_index (v->lines, FlawSecuritytxtLine, i).text))
    i++;

  if (i < v->lines->len && *g_array_index (v->lines, FlawSecuritytxtLine, i).text == '\0')
    i++;
  else if (i < v->lines->len)
    flaw_securitytxt_report_add (v->report, "signed_format_issue", ERROR,
                                 g_array_index (v->lines, FlawSecuritytxtLine, i).number,
                                 _("Sign the file again with “gpg --clearsign” rather than editing the signature."),
                                 _("The signature's armor headers must be followed by a blank line."));

  for (; i < v->lines->len; i++)
    {
      FlawSecuritytxtLine *line = &g_array_index (v->lines, FlawSecuritytxtLine, i);

      if (g_str_equal (line->text, SIGNATURE_END))
        {
          have_end = TRUE;
          i++;
          break;
        }

      if (is_base64_line (line->text))
        n_data++;
      else
        {
          flaw_securitytxt_report_add (v->report, "signed_format_issue", ERROR, line->number,
                                       _("Sign the file again with “gpg --clearsign” rather than editing the signature."),
                                       _("Line %u inside the signature is not base64 data."),
                                       line->number);
        }
    }

  if (!have_end)
    flaw_securitytxt_report_add (v->report, "signed_format_issue", ERROR, begin->number,
                                 _("Sign the file again with “gpg --clearsign”; the signature must end with "
                                   "“-----END PGP SIGNATURE-----”."),
                                 _("The signature that starts on line %u never ends."), begin->number);
  else if (n_data == 0)
    flaw_securitytxt_report_add (v->report, "signed_format_issue", ERROR, begin->number,
                                 _("Sign the file again with “gpg --clearsign”."),
                                 _("The signature that starts on line %u holds no signature data."),
                                 begin->number);

  *index = i;
}

/* Finds the lines that carry fields: in a signed file, the dash-unescaped
 * cleartext between the hash headers and the signature. */
void
_flaw_securitytxt_collect_content (FlawSecuritytxtValidation *v)
{
  guint header = G_MAXUINT;
  guint i = 0;

  for (guint k = 0; k < v->lines->len; k++)
    if (g_str_equal (g_array_index (v->lines, FlawSecuritytxtLine, k).text, SIGNED_HEADER))
      {
        header = k;
        break;
      }

  if (header != G_MAXUINT && header != 0)
    flaw_securitytxt_report_add (v->report, "signed_format_issue", ERROR,
                                 g_array_index (v->lines, FlawSecuritytxtLine, header).number,
                                 _("Remove everything before the header, or sign the whole file again "
                                   "with “gpg --clearsign”."),
                                 _("A signed security.txt must begin with “-----BEGIN PGP SIGNED MESSAGE-----” "
                                   "on its first line."));

  /* Lines before a misplaced header are read as fields; they are not signed. */
  for (; i < v->lines->len && i < header; i++)
    {
      FlawSecuritytxtLine *line = &g_array_index (v->lines, FlawSecuritytxtLine, i);

      if (g_str_equal (line->text, SIGNATURE_BEGIN))
        {
          flaw_securitytxt_report_add (v->report, "signed_format_issue", ERROR, line->number,
                                       _("Sign the file with “gpg --clearsign”, which writes the header, "
                                         "or remove the signature block."),
                                       _("The file holds a signature but does not begin with "
                                         "“-----BEGIN PGP SIGNED MESSAGE-----”."));
          skip_signature (v, &i);
          i--;
          continue;
        }

      g_ptr_array_add (v->content, line);
    }

  if (header == G_MAXUINT)
    return;

  v->report->is_signed = TRUE;
  i = header + 1;

  {
    guint n_hash = 0;

    while (i < v->lines->len && is_armor_header (g_array_index (v->lines, FlawSecuritytxtLine, i).text))
      {
        if (g_str_has_prefix (g_array_index (v->lines, FlawSecuritytxtLine, i).text, "Hash: "))
          n_hash++;
        i++;
      }

    if (n_hash == 0)
      flaw_securitytxt_report_add (v->report, "signed_format_issue", ERROR,
                                   g_array_index (v->lines, FlawSecuritytxtLine, header).number + 1,
                                   _("Sign the file again with “gpg --clearsign”, which writes the Hash header."),
                                   _("The signed-message header must be followed by a “Hash:” header."));

    if (i < v->lines->len && *g_array_index (v->lines, FlawSecuritytxtLine, i).text == '\0')
      i++;
    else
      flaw_securitytxt_report_add (v->report, "signed_format_issue", ERROR,
                                   i < v->lines->len ? g_array_index (v->lines, FlawSecuritytxtLine, i).number : 0,
                                   _("Sign the file again with “gpg --clearsign”."),
                                   _("The hash headers of a signed file must be followed by a blank line."));
  }

  for (; i < v->lines->len; i++)
    {
      FlawSecuritytxtLine *line = &g_array_index (v->lines, FlawSecuritytxtLine, i);

      if (g_str_equal (line->text, SIGNATURE_BEGIN))
        break;

      /* RFC 4880 §7.1: cleartext lines starting with "-" are escaped as "- -". */
      if (g_str_has_prefix (line->text, "- "))
        memmove (line->text, line->text + 2, strlen (line->text + 2) + 1);
      else if (line->text[0] == '-')
        flaw_securitytxt_report_add (v->report, "signed_format_issue", ERROR, line->number,
                                     _("Sign the file again with “gpg --clearsign”, which escapes such lines "
                                       "as “- -”."),
                                     _("Line %u of the signed text starts with a dash that is not "
                                       "dash-escaped."), line->number);

      g_ptr_array_add (v->content, line);
    }

  if (i >= v->lines->len)
    {
      flaw_securitytxt_report_add (v->report, "signed_format_issue", ERROR, 0,
                                   _("Sign the file again with “gpg --clearsign”, or remove the "
                                     "“-----BEGIN PGP SIGNED MESSAGE-----” header."),
                                   _("The file begins as a signed message but has no signature block."));
      return;
    }

  skip_signature (v, &i);

  for (; i < v->lines->len; i++)
    {
      FlawSecuritytxtLine *line = &g_array_index (v->lines, FlawSecuritytxtLine, i);

      if (*line->text != '\0')
        {
          flaw_securitytxt_report_add (v->report, "signed_format_issue", ERROR, line->number,
                                       _("Move the text above the signature and sign the file again."),
                                       _("Line %u comes after the signature, which does not cover it."),
                                       line->number);
          break;
        }
    }
}
