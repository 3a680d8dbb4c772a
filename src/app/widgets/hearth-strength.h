/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HEARTH_STRENGTH_NONE,
  HEARTH_STRENGTH_WEAK,
  HEARTH_STRENGTH_FAIR,
  HEARTH_STRENGTH_STRONG,
} HearthStrength;

HearthStrength hearth_passphrase_strength (const char *passphrase);
const char    *hearth_strength_to_string (HearthStrength strength);

G_END_DECLS
