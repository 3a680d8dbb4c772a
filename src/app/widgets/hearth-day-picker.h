/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_DAY_PICKER (hearth_day_picker_get_type ())

G_DECLARE_FINAL_TYPE (HearthDayPicker, hearth_day_picker, HEARTH, DAY_PICKER, GtkWidget)

GtkWidget  *hearth_day_picker_new (void);
const char *hearth_day_picker_get_date (HearthDayPicker *self);
void        hearth_day_picker_set_date (HearthDayPicker *self,
                                        const char      *date);
void        hearth_day_picker_reset (HearthDayPicker *self);
void        hearth_day_picker_set_title (HearthDayPicker *self,
                                         const char      *title);

char *hearth_day_picker_format_day (const char *date);

G_END_DECLS
