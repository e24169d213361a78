/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

SoupServer *flaw_test_server_new         (const char         *server_header,
                                          guint               port,
                                          SoupServerCallback  callback,
                                          gpointer            user_data,
                                          GUri              **base);
char       *flaw_test_server_format_time (gint64              time);

G_END_DECLS
