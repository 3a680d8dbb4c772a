/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean hearth_keyring_store_sync (const char   *journal_id,
                                    const char   *passphrase,
                                    GCancellable *cancellable,
                                    GError      **error);
char    *hearth_keyring_lookup_sync (const char   *journal_id,
                                     GCancellable *cancellable,
                                     GError      **error);
gboolean hearth_keyring_clear_sync (const char   *journal_id,
                                    GCancellable *cancellable,
                                    GError      **error);

void     hearth_keyring_store_async (const char         *journal_id,
                                     const char         *passphrase,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean hearth_keyring_store_finish (GAsyncResult *result,
                                      GError      **error);
void     hearth_keyring_lookup_async (const char         *journal_id,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
char    *hearth_keyring_lookup_finish (GAsyncResult *result,
                                       GError      **error);
void     hearth_keyring_clear_async (const char         *journal_id,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean hearth_keyring_clear_finish (GAsyncResult *result,
                                      GError      **error);
void     hearth_keyring_free_secret (char *secret);

G_END_DECLS
