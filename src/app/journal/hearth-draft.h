/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_DRAFT (hearth_draft_get_type ())

G_DECLARE_FINAL_TYPE (HearthDraft, hearth_draft, HEARTH, DRAFT, GObject)

/* How long after the last change a draft saves by itself. */
#define HEARTH_DRAFT_DELAY_MS 800

HearthDraft  *hearth_draft_new        (HearthJournal      *journal,
                                       const char         *kind);
HearthJournal *hearth_draft_get_journal (HearthDraft      *self);
void          hearth_draft_start      (HearthDraft        *self,
                                       HearthRecord       *record);
void          hearth_draft_set_base   (HearthDraft        *self,
                                       const char         *member,
                                       const char         *value);
void          hearth_draft_set_string (HearthDraft        *self,
                                       const char         *member,
                                       const char         *value);
void          hearth_draft_set_strv   (HearthDraft        *self,
                                       const char         *member,
                                       const char * const *value);
gboolean      hearth_draft_flush      (HearthDraft        *self);
const char   *hearth_draft_get_id     (HearthDraft        *self);
gboolean      hearth_draft_is_dirty   (HearthDraft        *self);
const char   *hearth_draft_get_status (HearthDraft        *self);

G_END_DECLS
