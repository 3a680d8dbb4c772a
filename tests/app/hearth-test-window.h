/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *hearth_test_window_new     (GtkWidget  *page,
                                       int         width,
                                       int         height,
                                       GtkWidget **overlay);
void       hearth_test_window_destroy (GtkWidget **window);
void       hearth_test_load_app_style (void);

G_END_DECLS
