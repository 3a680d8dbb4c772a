/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hearth-ritual.h"
#include "hearth-stats.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_RITUAL_ROW (hearth_ritual_row_get_type ())

G_DECLARE_FINAL_TYPE (HearthRitualRow, hearth_ritual_row, HEARTH, RITUAL_ROW, GtkListBoxRow)

GtkWidget    *hearth_ritual_row_new (void);
void          hearth_ritual_row_set_ritual (HearthRitualRow *self,
                                            HearthRitual    *ritual,
                                            const char      *when);
void          hearth_ritual_row_set_stats (HearthRitualRow         *self,
                                           const HearthRitualStats *stats,
                                           GArray                  *series,
                                           const GDate             *today);
HearthRitual *hearth_ritual_row_get_ritual (HearthRitualRow *self);

G_END_DECLS
