/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_SESSION (hearth_session_get_type ())

G_DECLARE_FINAL_TYPE (HearthSession, hearth_session, HEARTH, SESSION, GObject)

HearthSession *hearth_session_new (GSettings *settings);

GSettings     *hearth_session_get_settings (HearthSession *self);
HearthJournal *hearth_session_get_journal (HearthSession *self);
void           hearth_session_open_async (HearthSession      *self,
                                          const char         *path,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
HearthJournal *hearth_session_open_finish (HearthSession *self,
                                           GAsyncResult  *result,
                                           GError       **error);
void           hearth_session_set_journal (HearthSession *self,
                                           HearthJournal *journal);
void           hearth_session_keep_daily_backups (HearthSession *self);

void     hearth_session_load_async (HearthSession      *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gboolean hearth_session_load_finish (HearthSession *self,
                                     GAsyncResult  *result,
                                     GError       **error);

gboolean hearth_session_get_locked_by_hand (HearthSession *self);
void     hearth_session_lock (HearthSession *self);
void     hearth_session_flush (HearthSession *self);
gboolean hearth_session_wait_for_writes (HearthSession *self,
                                         guint          timeout_ms);

G_END_DECLS
