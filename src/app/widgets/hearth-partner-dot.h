/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_PARTNER_DOT (hearth_partner_dot_get_type ())

G_DECLARE_FINAL_TYPE (HearthPartnerDot, hearth_partner_dot, HEARTH, PARTNER_DOT, GtkWidget)

GtkWidget  *hearth_partner_dot_new (void);
void        hearth_partner_dot_set_color (HearthPartnerDot *self,
                                          const char       *color);
const char *hearth_partner_dot_get_color (HearthPartnerDot *self);

G_END_DECLS
