/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-application.h"
#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_WINDOW (hearth_window_get_type ())

G_DECLARE_FINAL_TYPE (HearthWindow, hearth_window, HEARTH, WINDOW, AdwApplicationWindow)

/*
 * The main window shows one journal. It takes it from a folder through
 * welcome, unlock, loading and "which partner are you?" to the main view:
 * an AdwViewStack of pages inside an AdwToastOverlay. Pages find the
 * overlay with gtk_widget_get_ancestor (page, ADW_TYPE_TOAST_OVERLAY).
 *
 * Pages are built by hearth_window_build_pages() (hearth-window.c) once the
 * journal is loaded and joined, and dropped when it locks.
 *
 * HearthWindow::lock-requested is emitted right before the journal locks
 * (Lock, Ctrl+L, auto-lock after idle) and before the window drops its pages.
 * A page with unsaved text connects to it (g_signal_connect_object on its
 * root) and saves synchronously in the handler: after it returns the key is
 * wiped and the page is destroyed.
 */

HearthWindow *hearth_window_new (HearthApplication *application);

void           hearth_window_open (HearthWindow *self,
                                   const char   *path);
void           hearth_window_set_journal (HearthWindow  *self,
                                          HearthJournal *journal);
HearthJournal *hearth_window_get_journal (HearthWindow *self);
const char    *hearth_window_get_state (HearthWindow *self);

void     hearth_window_lock (HearthWindow *self);
gboolean hearth_window_can_lock (HearthWindow *self);

void hearth_window_add_page (HearthWindow *self,
                             GtkWidget    *page,
                             const char   *name,
                             const char   *title,
                             const char   *icon_name);
void hearth_window_add_toast (HearthWindow *self,
                              const char   *message);

G_END_DECLS
