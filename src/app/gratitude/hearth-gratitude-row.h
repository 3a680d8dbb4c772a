/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_GRATITUDE_ROW (hearth_gratitude_row_get_type ())

G_DECLARE_FINAL_TYPE (HearthGratitudeRow, hearth_gratitude_row, HEARTH, GRATITUDE_ROW, GtkWidget)

GtkWidget    *hearth_gratitude_row_new (void);
HearthRecord *hearth_gratitude_row_get_note (HearthGratitudeRow *self);
void          hearth_gratitude_row_set_note (HearthGratitudeRow *self,
                                             HearthRecord       *note,
                                             const char         *direction,
                                             const char         *color,
                                             gboolean            editable);
void          hearth_gratitude_row_set_header (HearthGratitudeRow *self,
                                               const char         *title,
                                               guint               count);

void hearth_draw_color_dot (GtkDrawingArea *area,
                            cairo_t        *cr,
                            int             width,
                            int             height,
                            gpointer        data);

G_END_DECLS
