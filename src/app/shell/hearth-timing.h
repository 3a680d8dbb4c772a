/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean hearth_timing_enabled (void);
void     hearth_timing_mark (const char *milestone);
void     hearth_timing_mark_next_frame (GtkWidget  *widget,
                                        const char *milestone);

G_END_DECLS
