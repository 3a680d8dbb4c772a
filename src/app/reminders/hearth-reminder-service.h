/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hearth-background.h"
#include "hearth-journal.h"

G_BEGIN_DECLS

/**
 * HearthReminderServiceState:
 * @HEARTH_REMINDER_SERVICE_IDLE: nothing opened yet
 * @HEARTH_REMINDER_SERVICE_NO_JOURNAL: there is no journal in the folder yet
 * @HEARTH_REMINDER_SERVICE_OPENING: unlocking and loading the journal
 * @HEARTH_REMINDER_SERVICE_NEEDS_PASSPHRASE: the journal is encrypted and its
 *   passphrase is not remembered in the keyring (or the keyring is closed)
 * @HEARTH_REMINDER_SERVICE_WRONG_PASSPHRASE: the remembered passphrase no
 *   longer opens the journal
 * @HEARTH_REMINDER_SERVICE_READY: the journal is loaded; reminders are
 *   scheduled while the service runs
 * @HEARTH_REMINDER_SERVICE_FAILED: the journal could not be opened
 */
typedef enum
{
  HEARTH_REMINDER_SERVICE_IDLE,
  HEARTH_REMINDER_SERVICE_NO_JOURNAL,
  HEARTH_REMINDER_SERVICE_OPENING,
  HEARTH_REMINDER_SERVICE_NEEDS_PASSPHRASE,
  HEARTH_REMINDER_SERVICE_WRONG_PASSPHRASE,
  HEARTH_REMINDER_SERVICE_READY,
  HEARTH_REMINDER_SERVICE_FAILED,
} HearthReminderServiceState;

#define HEARTH_TYPE_REMINDER_SERVICE_STATE (hearth_reminder_service_state_get_type ())
GType hearth_reminder_service_state_get_type (void) G_GNUC_CONST;

/* The notification id of the one notice that reminders need the passphrase. */
#define HEARTH_NEEDS_PASSPHRASE_NOTIFICATION "hearth-needs-passphrase"
#define HEARTH_TEST_NOTIFICATION             "hearth-test-reminder"

#define HEARTH_TYPE_REMINDER_SERVICE (hearth_reminder_service_get_type ())

G_DECLARE_FINAL_TYPE (HearthReminderService, hearth_reminder_service, HEARTH, REMINDER_SERVICE, GObject)

HearthReminderService *hearth_reminder_service_new (GApplication *application);

void     hearth_reminder_service_start (HearthReminderService *self);
void     hearth_reminder_service_stop (HearthReminderService *self);
gboolean hearth_reminder_service_is_running (HearthReminderService *self);
void     hearth_reminder_service_reload (HearthReminderService *self);

HearthReminderServiceState hearth_reminder_service_get_state (HearthReminderService *self);
const char                *hearth_reminder_service_get_journal_id (HearthReminderService *self);
gboolean                   hearth_reminder_service_get_encrypted (HearthReminderService *self);
const char                *hearth_reminder_service_get_error (HearthReminderService *self);
HearthJournal             *hearth_reminder_service_get_journal (HearthReminderService *self);
HearthBackground          *hearth_reminder_service_get_background (HearthReminderService *self);
GSettings                 *hearth_reminder_service_get_settings (HearthReminderService *self);

void hearth_reminder_service_send_test (HearthReminderService *self);

G_END_DECLS
