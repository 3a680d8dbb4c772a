/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_JOURNAL_PAGE (hearth_journal_page_get_type ())

G_DECLARE_FINAL_TYPE (HearthJournalPage, hearth_journal_page, HEARTH, JOURNAL_PAGE, GtkWidget)

GtkWidget     *hearth_journal_page_new (HearthJournal *journal);
HearthJournal *hearth_journal_page_get_journal (HearthJournalPage *self);
void           hearth_journal_page_flush (HearthJournalPage *self);
void           hearth_journal_page_open_entry (HearthJournalPage *self,
                                               const char        *entry_id);

G_END_DECLS
