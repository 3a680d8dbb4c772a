/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

/**
 * HearthReminderKind:
 * @HEARTH_REMINDER_RITUAL: a ritual is about to start (its lead time before)
 * @HEARTH_REMINDER_CHECKIN: a ritual of type `checkin` is about to start
 * @HEARTH_REMINDER_GRATITUDE_NUDGE: the daily nudge to write a note of thanks
 * @HEARTH_REMINDER_QUESTION_NUDGE: the daily nudge to answer the daily question
 * @HEARTH_REMINDER_PARTNER_GRATITUDE: the partner's device brought a note of
 *   thanks addressed to me
 * @HEARTH_REMINDER_PARTNER_REPLY: the partner's device brought a reply to one
 *   of my entries
 */
typedef enum
{
  HEARTH_REMINDER_RITUAL,
  HEARTH_REMINDER_CHECKIN,
  HEARTH_REMINDER_GRATITUDE_NUDGE,
  HEARTH_REMINDER_QUESTION_NUDGE,
  HEARTH_REMINDER_PARTNER_GRATITUDE,
  HEARTH_REMINDER_PARTNER_REPLY,
} HearthReminderKind;

#define HEARTH_TYPE_REMINDER (hearth_reminder_get_type ())

typedef struct _HearthReminder HearthReminder;

GType           hearth_reminder_get_type (void) G_GNUC_CONST;
HearthReminder *hearth_reminder_ref (HearthReminder *self);
void            hearth_reminder_unref (HearthReminder *self);

HearthReminderKind hearth_reminder_get_kind (const HearthReminder *self);
const char        *hearth_reminder_get_title (const HearthReminder *self);
const char        *hearth_reminder_get_body (const HearthReminder *self);
GDateTime         *hearth_reminder_get_due (const HearthReminder *self);
const char        *hearth_reminder_get_record_id (const HearthReminder *self);
const char        *hearth_reminder_get_date (const HearthReminder *self);
gboolean           hearth_reminder_get_missed (const HearthReminder *self);
const char        *hearth_reminder_get_key (const HearthReminder *self);

const char *hearth_reminder_kind_to_string (HearthReminderKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthReminder, hearth_reminder_unref)

/**
 * HearthSchedulerClockFunc:
 * @user_data: the data given to hearth_scheduler_set_clock()
 *
 * Returns: (transfer full): the current wall-clock time, in any zone
 */
typedef GDateTime *(*HearthSchedulerClockFunc) (gpointer user_data);

#define HEARTH_SCHEDULER_DEFAULT_GRACE_HOURS 12

#define HEARTH_TYPE_SCHEDULER (hearth_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (HearthScheduler, hearth_scheduler, HEARTH, SCHEDULER, GObject)

HearthScheduler *hearth_scheduler_new (HearthJournal *journal);

HearthJournal *hearth_scheduler_get_journal (HearthScheduler *self);

gboolean    hearth_scheduler_get_gratitude_nudge (HearthScheduler *self);
void        hearth_scheduler_set_gratitude_nudge (HearthScheduler *self,
                                                  gboolean         enabled);
const char *hearth_scheduler_get_gratitude_nudge_time (HearthScheduler *self);
void        hearth_scheduler_set_gratitude_nudge_time (HearthScheduler *self,
                                                       const char      *hh_mm);
gboolean    hearth_scheduler_get_question_nudge (HearthScheduler *self);
void        hearth_scheduler_set_question_nudge (HearthScheduler *self,
                                                 gboolean         enabled);
const char *hearth_scheduler_get_question_nudge_time (HearthScheduler *self);
void        hearth_scheduler_set_question_nudge_time (HearthScheduler *self,
                                                      const char      *hh_mm);
guint       hearth_scheduler_get_grace_hours (HearthScheduler *self);
void        hearth_scheduler_set_grace_hours (HearthScheduler *self,
                                              guint            hours);
void        hearth_scheduler_bind_settings (HearthScheduler *self,
                                            GSettings       *settings);

void hearth_scheduler_set_clock (HearthScheduler         *self,
                                 HearthSchedulerClockFunc now_func,
                                 gpointer                 user_data,
                                 GDestroyNotify           destroy);

void     hearth_scheduler_start (HearthScheduler *self);
void     hearth_scheduler_stop (HearthScheduler *self);
gboolean hearth_scheduler_is_running (HearthScheduler *self);

guint      hearth_scheduler_tick (HearthScheduler *self);
GPtrArray *hearth_scheduler_list (HearthScheduler *self,
                                  GDateTime       *from,
                                  GDateTime       *to);

char *hearth_scheduler_dup_state_path (HearthScheduler *self);

G_END_DECLS
