/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_DRAFT (hearth_draft_get_type ())

G_DECLARE_FINAL_TYPE (HearthDraft, hearth_draft, HEARTH, DRAFT, GObject)

/* How long after the last change a draft saves by itself. */
#define HEARTH_DRAFT_DELAY_MS 800

/* The texts of an entry a draft writes. */
typedef enum
{
  HEARTH_DRAFT_AUTHOR,
  HEARTH_DRAFT_TITLE,
  HEARTH_DRAFT_BODY,
  HEARTH_DRAFT_MOOD,
  HEARTH_DRAFT_PROMPT,
  HEARTH_DRAFT_PROMPT_DATE,
  HEARTH_DRAFT_REPLY_TO,
  HEARTH_DRAFT_N_TEXTS
} HearthDraftText;

HearthDraft   *hearth_draft_new (HearthJournal *journal);
HearthJournal *hearth_draft_get_journal (HearthDraft *self);
void           hearth_draft_start (HearthDraft  *self,
                                   HearthRecord *record);
void           hearth_draft_set_base (HearthDraft    *self,
                                      HearthDraftText text,
                                      const char     *value);
void           hearth_draft_set_text (HearthDraft    *self,
                                      HearthDraftText text,
                                      const char     *value);
void           hearth_draft_set_tags (HearthDraft       *self,
                                      const char *const *tags);
gboolean       hearth_draft_flush (HearthDraft *self);
void           hearth_draft_flush_all (void);
const char    *hearth_draft_get_id (HearthDraft *self);
gboolean       hearth_draft_is_dirty (HearthDraft *self);
const char    *hearth_draft_get_status (HearthDraft *self);

G_END_DECLS
