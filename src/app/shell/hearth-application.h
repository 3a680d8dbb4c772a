/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-reminder-service.h"
#include "hearth-session.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_APPLICATION (hearth_application_get_type ())

G_DECLARE_FINAL_TYPE (HearthApplication, hearth_application, HEARTH, APPLICATION, AdwApplication)

HearthApplication     *hearth_application_new (void);
HearthSession         *hearth_application_get_session (HearthApplication *self);
HearthReminderService *hearth_application_get_reminders (HearthApplication *self);
GtkPrintSettings      *hearth_application_get_print_settings (HearthApplication *self);
void                   hearth_application_set_print_settings (HearthApplication *self,
                                                              GtkPrintSettings  *settings);

G_END_DECLS
