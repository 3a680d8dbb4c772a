/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_OCCURRENCE (hearth_occurrence_get_type ())

G_DECLARE_FINAL_TYPE (HearthOccurrence, hearth_occurrence, HEARTH, OCCURRENCE, HearthRecord)

const char *hearth_occurrence_get_ritual (HearthOccurrence *self);
void        hearth_occurrence_set_ritual (HearthOccurrence *self,
                                          const char       *ritual);
const char *hearth_occurrence_get_date (HearthOccurrence *self);
void        hearth_occurrence_set_date (HearthOccurrence *self,
                                        const char       *date);
const char *hearth_occurrence_get_status (HearthOccurrence *self);
void        hearth_occurrence_set_status (HearthOccurrence *self,
                                          const char       *status);
const char *hearth_occurrence_get_note (HearthOccurrence *self);
void        hearth_occurrence_set_note (HearthOccurrence *self,
                                        const char       *note);
const char *hearth_occurrence_get_by (HearthOccurrence *self);
void        hearth_occurrence_set_by (HearthOccurrence *self,
                                      const char       *by);

G_END_DECLS
