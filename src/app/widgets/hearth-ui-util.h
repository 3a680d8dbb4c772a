/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

/* The ten moods of an entry (docs/format.md), in the order the pickers show them. */
#define HEARTH_N_MOODS 10

const char *hearth_mood_get_id (guint index);
const char *hearth_mood_get_emoji (const char *mood);
const char *hearth_mood_get_title (const char *mood);
char       *hearth_mood_dup_label (const char *mood);
int         hearth_mood_get_index (const char *mood);

char       *hearth_format_day (const char *date_or_time);
char       *hearth_entry_dup_heading (HearthRecord *entry);
const char *hearth_partner_name (HearthJournal *journal,
                                 const char    *partner_id);
const char *hearth_partner_color (HearthJournal *journal,
                                  const char    *partner_id);
char       *hearth_local_date_of (const char *created);

void hearth_show_toast (GtkWidget  *widget,
                        const char *title);
void hearth_ensure_page_style (void);
void hearth_queue_idle (guint    *source_id,
                        int       priority,
                        GCallback func,
                        gpointer  object);

G_END_DECLS
