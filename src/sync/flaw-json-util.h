/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *flaw_json_get_string       (JsonObject *object,
                                        const char *member);
gboolean    flaw_json_get_boolean      (JsonObject *object,
                                        const char *member);
JsonObject *flaw_json_get_object       (JsonObject *object,
                                        const char *member);
JsonArray  *flaw_json_get_array        (JsonObject *object,
                                        const char *member);
const char *flaw_json_array_get_string (JsonArray  *array,
                                        guint       index);
JsonObject *flaw_json_array_get_object (JsonArray  *array,
                                        guint       index);

G_END_DECLS
