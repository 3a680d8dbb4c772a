/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hearth-stats.h"

G_BEGIN_DECLS

/**
 * HearthMonthGridItem:
 * @date: the day it falls on
 * @state: done, skipped, missed or upcoming
 * @title: the ritual's title, for the day's accessible label
 *
 * One occurrence of a ritual, as the month grid shows it: a dot.
 */
typedef struct
{
  GDate                 date;
  HearthOccurrenceState state;
  const char           *title;
} HearthMonthGridItem;

#define HEARTH_TYPE_MONTH_GRID (hearth_month_grid_get_type ())

G_DECLARE_FINAL_TYPE (HearthMonthGrid, hearth_month_grid, HEARTH, MONTH_GRID, GtkWidget)

GtkWidget *hearth_month_grid_new (void);
void       hearth_month_grid_get_range (HearthMonthGrid *self,
                                        GDate           *first,
                                        GDate           *last);
void       hearth_month_grid_get_selected (HearthMonthGrid *self,
                                           GDate           *date);
void       hearth_month_grid_select (HearthMonthGrid *self,
                                     const GDate     *date);
void       hearth_month_grid_set_today (HearthMonthGrid *self,
                                        const GDate     *today);
void       hearth_month_grid_set_items (HearthMonthGrid           *self,
                                        const HearthMonthGridItem *items,
                                        guint                      n_items);
GtkWidget *hearth_month_grid_get_day_button (HearthMonthGrid *self,
                                             const GDate     *date);

G_END_DECLS
