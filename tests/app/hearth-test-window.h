/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

GtkWidget *hearth_test_window_new (GtkWidget  *page,
                                   int         width,
                                   int         height,
                                   GtkWidget **overlay);
void       hearth_test_window_destroy (GtkWidget **window);
void       hearth_test_load_app_style (void);
/* The preferences row (AdwActionRow, AdwEntryRow…) titled @title. */
GtkWidget *hearth_test_find_row (GtkWidget  *root,
                                 const char *title);

/* What a page's widget tests start from: a journal of Alex (this device)
 * and Sam, and the page in a window with a toast overlay. */
typedef struct
{
  HearthJournal *journal;
  GtkWidget     *window;
  GtkWidget     *overlay;
  GtkWidget     *page;
} HearthTestPage;

typedef GtkWidget *(*HearthTestPageNew) (HearthJournal *journal);

/* For g_test_add(): @data is the journal's passphrase, or NULL. */
void hearth_test_page_set_up (HearthTestPage *fixture,
                              gconstpointer   data);
void hearth_test_page_show (HearthTestPage   *fixture,
                            HearthTestPageNew page_new,
                            int               width,
                            int               height);
void hearth_test_page_tear_down (HearthTestPage *fixture,
                                 gconstpointer   data);

G_END_DECLS
