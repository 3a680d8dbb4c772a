/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hearth-journal.h"
#include "hearth-reply-index.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_ENTRY_ROW (hearth_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (HearthEntryRow, hearth_entry_row, HEARTH, ENTRY_ROW, GtkWidget)

GtkWidget    *hearth_entry_row_new (HearthJournal    *journal,
                                    HearthReplyIndex *replies);
void          hearth_entry_row_set_entry (HearthEntryRow *self,
                                          HearthRecord   *entry);
HearthRecord *hearth_entry_row_get_entry (HearthEntryRow *self);

G_END_DECLS
