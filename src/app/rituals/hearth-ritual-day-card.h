/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hearth-occurrence.h"
#include "hearth-ritual.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_RITUAL_DAY_CARD (hearth_ritual_day_card_get_type ())

G_DECLARE_FINAL_TYPE (HearthRitualDayCard, hearth_ritual_day_card, HEARTH, RITUAL_DAY_CARD, GtkWidget)

GtkWidget  *hearth_ritual_day_card_new (void);
void        hearth_ritual_day_card_set_ritual (HearthRitualDayCard *self,
                                               HearthRitual        *ritual);
void        hearth_ritual_day_card_set_day (HearthRitualDayCard *self,
                                            const GDate         *day,
                                            const GDate         *today,
                                            HearthOccurrence    *occurrence,
                                            const char          *marked_by);
void        hearth_ritual_day_card_set_note (HearthRitualDayCard *self,
                                             const char          *note);
const char *hearth_ritual_day_card_get_note (HearthRitualDayCard *self);
const char *hearth_ritual_day_card_get_ritual_id (HearthRitualDayCard *self);
const char *hearth_ritual_day_card_get_date (HearthRitualDayCard *self);
const char *hearth_ritual_day_card_get_occurrence_id (HearthRitualDayCard *self);
GtkWidget  *hearth_ritual_day_card_get_mark_button (HearthRitualDayCard *self);

G_END_DECLS
