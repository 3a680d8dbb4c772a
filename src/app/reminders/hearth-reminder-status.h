/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-reminder-service.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_REMINDER_STATUS (hearth_reminder_status_get_type ())

G_DECLARE_FINAL_TYPE (HearthReminderStatus, hearth_reminder_status, HEARTH, REMINDER_STATUS, AdwPreferencesGroup)

GtkWidget *hearth_reminder_status_new (HearthReminderService *service);
void       hearth_reminder_status_refresh (HearthReminderStatus *self);

G_END_DECLS
