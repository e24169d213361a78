/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Reports for a review meeting, in Markdown and in HTML: the summary (open
 * items, total principal, total cost today, interest per month, counts by
 * severity, review due), the cost over time (a table in Markdown, an inline
 * SVG chart in HTML), the open items by severity and the review-due list.
 *
 * Every value from the register is escaped: HTML escapes < > & " ', and
 * Markdown backslash-escapes all ASCII punctuation, so a title such as
 * <script> is shown as text. The HTML loads nothing: no scripts, no
 * external style sheets, fonts or images, and a Content-Security-Policy
 * that forbids them.
 */

/* Points of the cost chart in reports. */
#define FLAW_DEBT_REPORT_POINTS 13

gint64  flaw_debt_report_series_start (GPtrArray  *items,
                                       gint64      now);
char   *flaw_debt_report_markdown     (GPtrArray  *items,
                                       GArray     *series,
                                       gint64      now,
                                       const char *today);
char   *flaw_debt_report_html         (GPtrArray  *items,
                                       GArray     *series,
                                       gint64      now,
                                       const char *today);
char   *flaw_debt_report_svg_chart    (GArray     *series,
                                       guint       width,
                                       guint       height);

G_END_DECLS
