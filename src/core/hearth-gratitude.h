/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_GRATITUDE (hearth_gratitude_get_type ())

G_DECLARE_FINAL_TYPE (HearthGratitude, hearth_gratitude, HEARTH, GRATITUDE, HearthRecord)

const char *hearth_gratitude_get_from (HearthGratitude *self);
const char *hearth_gratitude_get_to (HearthGratitude *self);
const char *hearth_gratitude_get_text (HearthGratitude *self);
const char *hearth_gratitude_get_date (HearthGratitude *self);

G_END_DECLS
