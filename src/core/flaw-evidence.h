/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-database.h"

G_BEGIN_DECLS

/* A fact from Flawdesk's own data about one evidence key. @count out of
 * @total is its main figure; @detail holds a name where the fact has one
 * (the CWE of "repeated-weakness"). A fact is never an answer. */
typedef struct
{
  char     *key;
  gboolean  available;
  gint64    count;
  gint64    total;
  gint64    extra;
  char     *detail;
  char     *summary;
  gint64    time;
} FlawEvidence;

void          flaw_evidence_free           (FlawEvidence   *evidence);
const char   *flaw_evidence_key_to_title   (const char     *key);

FlawEvidence *flaw_evidence_query          (FlawDatabase   *database,
                                            const char     *key,
                                            GError        **error);
GPtrArray    *flaw_evidence_query_all      (FlawDatabase   *database,
                                            GError        **error);
const FlawEvidence *flaw_evidence_find     (GPtrArray      *facts,
                                            const char     *key);

char         *flaw_evidence_to_json        (GPtrArray      *facts);
GPtrArray    *flaw_evidence_from_json      (const char     *json,
                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawEvidence, flaw_evidence_free)

G_END_DECLS
