/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-securitytxt.h"

G_BEGIN_DECLS

void _flaw_securitytxt_validate_into (FlawSecuritytxtReport *report,
                                      const char            *text,
                                      gssize                 length,
                                      const char * const    *retrieved_from);

G_END_DECLS
