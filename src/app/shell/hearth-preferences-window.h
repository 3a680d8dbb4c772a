/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"
#include "hearth-reminder-service.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_PREFERENCES_WINDOW (hearth_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (HearthPreferencesWindow, hearth_preferences_window, HEARTH, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *hearth_preferences_window_new (GtkWindow             *parent,
                                          HearthJournal         *journal,
                                          GSettings             *settings,
                                          HearthReminderService *reminders);

G_END_DECLS
