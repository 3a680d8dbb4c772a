/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_ENTRY_FILTER (hearth_entry_filter_get_type ())

G_DECLARE_FINAL_TYPE (HearthEntryFilter, hearth_entry_filter, HEARTH, ENTRY_FILTER, GtkFilter)

HearthEntryFilter *hearth_entry_filter_new (void);
void               hearth_entry_filter_set_search (HearthEntryFilter *self,
                                                   const char        *search);
void               hearth_entry_filter_set_author (HearthEntryFilter *self,
                                                   const char        *author);
void               hearth_entry_filter_set_mood (HearthEntryFilter *self,
                                                 const char        *mood);
void               hearth_entry_filter_set_tag (HearthEntryFilter *self,
                                                const char        *tag);
void               hearth_entry_filter_set_date_range (HearthEntryFilter *self,
                                                       const char        *from,
                                                       const char        *to);
gboolean           hearth_entry_filter_is_narrowed (HearthEntryFilter *self);
void               hearth_entry_filter_clear (HearthEntryFilter *self);

G_END_DECLS
