/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_RITUAL (hearth_ritual_get_type ())

G_DECLARE_FINAL_TYPE (HearthRitual, hearth_ritual, HEARTH, RITUAL, HearthRecord)

const char *hearth_ritual_get_title (HearthRitual *self);
const char *hearth_ritual_get_ritual_type (HearthRitual *self);
const char *hearth_ritual_get_description (HearthRitual *self);
const char *hearth_ritual_get_recurrence (HearthRitual *self);
const char *hearth_ritual_get_start (HearthRitual *self);
const char *hearth_ritual_get_time (HearthRitual *self);
int         hearth_ritual_get_duration (HearthRitual *self);
int         hearth_ritual_get_remind_before (HearthRitual *self);
gboolean    hearth_ritual_get_archived (HearthRitual *self);

G_END_DECLS
