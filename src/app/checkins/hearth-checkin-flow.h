/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-checkin.h"
#include "hearth-journal.h"

G_BEGIN_DECLS

/* Who a part of the flow is about: the partner at this computer's journal
 * (me) or the other one. */
typedef enum
{
  HEARTH_CHECKIN_ME,
  HEARTH_CHECKIN_PARTNER,
} HearthCheckinWho;

#define HEARTH_TYPE_CHECKIN_FLOW (hearth_checkin_flow_get_type ())

G_DECLARE_FINAL_TYPE (HearthCheckinFlow, hearth_checkin_flow, HEARTH, CHECKIN_FLOW, GtkWidget)

GtkWidget   *hearth_checkin_flow_new (HearthJournal *journal);
void         hearth_checkin_flow_set_minutes (HearthCheckinFlow *self,
                                              guint              minutes);
guint        hearth_checkin_flow_get_minutes (HearthCheckinFlow *self);
void         hearth_checkin_flow_begin (HearthCheckinFlow *self);
const char  *hearth_checkin_flow_get_step (HearthCheckinFlow *self);
guint        hearth_checkin_flow_get_question (HearthCheckinFlow *self);
guint        hearth_checkin_flow_get_n_questions (HearthCheckinFlow *self);
void         hearth_checkin_flow_next (HearthCheckinFlow *self);
void         hearth_checkin_flow_back (HearthCheckinFlow *self);
GtkTextView *hearth_checkin_flow_get_answer_view (HearthCheckinFlow *self,
                                                  HearthCheckinWho   who);
void         hearth_checkin_flow_set_rating (HearthCheckinFlow *self,
                                             HearthCheckinWho   who,
                                             guint              dimension,
                                             int                value);
int          hearth_checkin_flow_get_rating (HearthCheckinFlow *self,
                                             HearthCheckinWho   who,
                                             guint              dimension);
const char  *hearth_checkin_flow_get_timer_text (HearthCheckinFlow *self);
gboolean     hearth_checkin_flow_get_paused (HearthCheckinFlow *self);
void         hearth_checkin_flow_set_paused (HearthCheckinFlow *self,
                                             gboolean           paused);
gboolean     hearth_checkin_flow_has_content (HearthCheckinFlow *self);
gboolean     hearth_checkin_flow_save (HearthCheckinFlow *self,
                                       GError           **error);
void         hearth_checkin_flow_flush (HearthCheckinFlow *self);
gboolean     hearth_checkin_flow_finish (HearthCheckinFlow *self,
                                         GError           **error);

G_END_DECLS
