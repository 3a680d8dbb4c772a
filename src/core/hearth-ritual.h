/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_RITUAL (hearth_ritual_get_type ())

G_DECLARE_FINAL_TYPE (HearthRitual, hearth_ritual, HEARTH, RITUAL, HearthRecord)

const char *hearth_ritual_get_title (HearthRitual *self);
void        hearth_ritual_set_title (HearthRitual *self,
                                     const char   *title);
const char *hearth_ritual_get_ritual_type (HearthRitual *self);
void        hearth_ritual_set_ritual_type (HearthRitual *self,
                                           const char   *ritual_type);
const char *hearth_ritual_get_description (HearthRitual *self);
void        hearth_ritual_set_description (HearthRitual *self,
                                           const char   *description);
const char *hearth_ritual_get_recurrence (HearthRitual *self);
void        hearth_ritual_set_recurrence (HearthRitual *self,
                                          const char   *recurrence);
const char *hearth_ritual_get_start (HearthRitual *self);
void        hearth_ritual_set_start (HearthRitual *self,
                                     const char   *start);
const char *hearth_ritual_get_time (HearthRitual *self);
void        hearth_ritual_set_time (HearthRitual *self,
                                    const char   *time);
int         hearth_ritual_get_duration (HearthRitual *self);
void        hearth_ritual_set_duration (HearthRitual *self,
                                        int           minutes);
int         hearth_ritual_get_remind_before (HearthRitual *self);
void        hearth_ritual_set_remind_before (HearthRitual *self,
                                             int           minutes);
gboolean    hearth_ritual_get_archived (HearthRitual *self);
void        hearth_ritual_set_archived (HearthRitual *self,
                                        gboolean      archived);

G_END_DECLS
