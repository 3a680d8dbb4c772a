/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_OCCURRENCE (hearth_occurrence_get_type ())

G_DECLARE_FINAL_TYPE (HearthOccurrence, hearth_occurrence, HEARTH, OCCURRENCE, HearthRecord)

const char *hearth_occurrence_get_ritual (HearthOccurrence *self);
const char *hearth_occurrence_get_date (HearthOccurrence *self);
const char *hearth_occurrence_get_status (HearthOccurrence *self);
const char *hearth_occurrence_get_note (HearthOccurrence *self);
const char *hearth_occurrence_get_by (HearthOccurrence *self);

G_END_DECLS
