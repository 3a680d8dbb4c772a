/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_GRATITUDE (hearth_gratitude_get_type ())

G_DECLARE_FINAL_TYPE (HearthGratitude, hearth_gratitude, HEARTH, GRATITUDE, HearthRecord)

const char *hearth_gratitude_get_from (HearthGratitude *self);
void        hearth_gratitude_set_from (HearthGratitude *self,
                                       const char      *from);
const char *hearth_gratitude_get_to (HearthGratitude *self);
void        hearth_gratitude_set_to (HearthGratitude *self,
                                     const char      *to);
const char *hearth_gratitude_get_text (HearthGratitude *self);
void        hearth_gratitude_set_text (HearthGratitude *self,
                                       const char      *text);
const char *hearth_gratitude_get_date (HearthGratitude *self);
void        hearth_gratitude_set_date (HearthGratitude *self,
                                       const char      *date);

G_END_DECLS
