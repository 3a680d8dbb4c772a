/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

/* A journal for Alex (this device) and Sam in a fresh temporary folder,
 * encrypted with the minimum KDF when @passphrase is given. */
HearthJournal *hearth_test_journal_new (const char *passphrase);
/* Adds an entry by this device's partner and returns its id. */
char          *hearth_test_add_entry (HearthJournal *journal,
                                      const char    *title,
                                      const char    *body);
char          *hearth_test_add_gratitude (HearthJournal *journal,
                                          const char    *text,
                                          const char    *date);
/* Sets the process's clock to HEARTH_TEST_NOW (local ISO 8601, e.g.
 * 2026-12-02T10:30:00) or to a fixed default: tests never read the real
 * date. Every test program calls it first thing after adw_init(). */
void           hearth_test_set_clock (void);
/* Runs the main loop for @ms milliseconds. */
void           hearth_test_wait (guint ms);
/* Runs the main loop until @done() is TRUE or @timeout_ms passed. */
gboolean       hearth_test_wait_until (gboolean (*done) (gpointer data),
                                       gpointer data,
                                       guint    timeout_ms);
/* Saves a PNG of @widget under the build folder's screenshots/ when it is
 * mapped; returns the path. */
char          *hearth_test_screenshot (GtkWidget  *widget,
                                       const char *name);
/* Finds a descendant whose accessible label (or GtkButton/GtkLabel text)
 * equals @label. */
GtkWidget     *hearth_test_find_labelled (GtkWidget  *root,
                                          const char *label);
/* The first descendant of @root of @type, or named @name
 * (gtk_widget_set_name(), a .ui file's name property). */
GtkWidget     *hearth_test_find_type (GtkWidget *root,
                                      GType      type);
GtkWidget     *hearth_test_find_named (GtkWidget  *root,
                                       const char *name);
void           hearth_test_remove_tree (const char *path);
/* Runs the main loop until @journal's queued writes are on disk. */
void           hearth_test_wait_for_writes (HearthJournal *journal);
/* Forces the dark (or light) style and lets it apply. */
void           hearth_test_set_dark (gboolean dark);
/* Lets @widget settle, saves its screenshot as hearth_test_screenshot()
 * does and names the file in the test log. */
void           hearth_test_snap (GtkWidget  *widget,
                                 const char *name);
/* A label under @root that is visible, mapped and reads @text. */
GtkWidget     *hearth_test_find_shown_label (GtkWidget  *root,
                                             const char *text);

G_END_DECLS
