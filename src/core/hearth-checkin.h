/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"
#include "hearth-stats.h"

G_BEGIN_DECLS

/* The ratings a check-in asks for, each 1 to 5: heard, supported, close,
 * safe, team (docs/format.md). */
#define HEARTH_CHECKIN_N_DIMENSIONS 5

/* One written answer: the question as it was asked and what was written;
 * either may be %NULL. */
typedef struct
{
  char *question;
  char *text;
} HearthCheckinAnswer;

#define HEARTH_TYPE_CHECKIN_ANSWER (hearth_checkin_answer_get_type ())

GType                hearth_checkin_answer_get_type (void) G_GNUC_CONST;
HearthCheckinAnswer *hearth_checkin_answer_new (const char *question,
                                                const char *text);
HearthCheckinAnswer *hearth_checkin_answer_copy (const HearthCheckinAnswer *answer);
void                 hearth_checkin_answer_free (HearthCheckinAnswer *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthCheckinAnswer, hearth_checkin_answer_free)

#define HEARTH_TYPE_CHECKIN (hearth_checkin_get_type ())

G_DECLARE_FINAL_TYPE (HearthCheckin, hearth_checkin, HEARTH, CHECKIN, HearthRecord)

const char *hearth_checkin_dimension_id (guint dimension);
const char *hearth_checkin_dimension_label (guint dimension);
const char *hearth_checkin_dimension_short_label (guint dimension);

const char *hearth_checkin_get_date (HearthCheckin *self);
void        hearth_checkin_set_date (HearthCheckin *self,
                                     const char    *date);
const char *hearth_checkin_get_partner (HearthCheckin *self);
void        hearth_checkin_set_partner (HearthCheckin *self,
                                        const char    *partner);
int         hearth_checkin_get_duration (HearthCheckin *self);
void        hearth_checkin_set_duration (HearthCheckin *self,
                                         int            minutes);

GPtrArray *hearth_checkin_dup_answers (HearthCheckin *self);
void       hearth_checkin_add_answers (HearthCheckin *self,
                                       GPtrArray     *answers);

int      hearth_checkin_get_rating (HearthCheckin *self,
                                    guint          dimension);
void     hearth_checkin_get_ratings (HearthCheckin *self,
                                     int            ratings[HEARTH_CHECKIN_N_DIMENSIONS]);
gboolean hearth_checkin_set_rating (HearthCheckin *self,
                                    guint          dimension,
                                    int            value);
void     hearth_checkin_update_ratings (HearthCheckin *self,
                                        const int      ratings[HEARTH_CHECKIN_N_DIMENSIONS]);
void     hearth_checkin_append_ratings (HearthCheckin *self,
                                        GArray        *ratings);

G_END_DECLS
