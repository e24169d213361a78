/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "flaw-database.h"

G_BEGIN_DECLS

#define FLAW_FRONT_DOOR_ERROR (flaw_front_door_error_quark ())

typedef enum
{
  /* A field holds a value RFC 9116 does not allow; the message names it. */
  FLAW_FRONT_DOOR_ERROR_INVALID,
  /* A required field (Contact, Expires) is missing. */
  FLAW_FRONT_DOOR_ERROR_INCOMPLETE,
} FlawFrontDoorError;

typedef enum
{
  FLAW_FRONT_DOOR_EXPIRY_UNSET,
  FLAW_FRONT_DOOR_EXPIRY_OK,
  FLAW_FRONT_DOOR_EXPIRY_SOON,
  FLAW_FRONT_DOOR_EXPIRY_PAST,
} FlawFrontDoorExpiry;

/* Warn this long before the published security.txt expires. */
#define FLAW_FRONT_DOOR_WARN_DAYS 30

/* How the team can be reached about a flaw: the data a security.txt is
 * generated from. */
typedef struct
{
  GPtrArray *contacts;             /* char *: URIs in order of preference */
  char      *encryption;
  char      *acknowledgments;
  GPtrArray *canonicals;           /* char * */
  char      *policy;
  char      *hiring;
  char      *preferred_languages;  /* "en, de" */
  gint64     expires;              /* Unix time; 0 when not set */
  gint64     updated;              /* 0 when never stored */
} FlawFrontDoor;

GQuark               flaw_front_door_error_quark  (void);

FlawFrontDoor       *flaw_front_door_new          (void);
FlawFrontDoor       *flaw_front_door_copy         (const FlawFrontDoor  *door);
void                 flaw_front_door_free         (FlawFrontDoor        *door);

gboolean             flaw_front_door_check        (const FlawFrontDoor  *door,
                                                   GError              **error);
char                *flaw_front_door_generate     (const FlawFrontDoor  *door,
                                                   GError              **error);
FlawFrontDoorExpiry  flaw_front_door_get_expiry   (const FlawFrontDoor  *door,
                                                   gint64                now,
                                                   gint64               *days_left);

FlawFrontDoor       *flaw_front_door_load         (FlawDatabase         *database,
                                                   GError              **error);
gboolean             flaw_front_door_save         (FlawDatabase         *database,
                                                   const FlawFrontDoor  *door,
                                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawFrontDoor, flaw_front_door_free)

G_END_DECLS
