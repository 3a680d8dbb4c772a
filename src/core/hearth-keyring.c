/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "hearth-error.h"
#include "hearth-keyring.h"

/* docs/format.md, "Where the passphrase is kept". */
static const SecretSchema *
passphrase_schema (void)
{
  static const SecretSchema schema = {
    .name = "io.github.hearthjournal.Hearth.Passphrase",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { "journal", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

#define LABEL N_ ("Hearth journal passphrase")

/* Turns libsecret and D-Bus failures into a message a person can act on. */
static void
propagate (GError **error,
           GError  *local)
{
  if (local == NULL)
    return;
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, local);
      return;
    }
  g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_KEYRING,
               _ ("The keyring is not available (%s). Unlock it or type the passphrase instead."),
               local->message);
  g_error_free (local);
}

gboolean
hearth_keyring_store_sync (const char   *journal_id,
                           const char   *passphrase,
                           GCancellable *cancellable,
                           GError      **error)
{
  GError *local = NULL;

  if (secret_password_store_sync (passphrase_schema (), SECRET_COLLECTION_DEFAULT, _ (LABEL),
                                  passphrase, cancellable, &local,
                                  "journal", journal_id, NULL))
    return TRUE;
  propagate (error, local);
  return FALSE;
}

/**
 * hearth_keyring_lookup_sync:
 * Returns: (transfer full) (nullable): the remembered passphrase (free with
 *   hearth_keyring_free_secret()), or %NULL without error when none is kept
 */
char *
hearth_keyring_lookup_sync (const char   *journal_id,
                            GCancellable *cancellable,
                            GError      **error)
{
  GError *local = NULL;
  char   *secret = secret_password_lookup_sync (passphrase_schema (), cancellable, &local,
                                                "journal", journal_id, NULL);
  propagate (error, local);
  return secret;
}

gboolean
hearth_keyring_clear_sync (const char   *journal_id,
                           GCancellable *cancellable,
                           GError      **error)
{
  GError *local = NULL;

  secret_password_clear_sync (passphrase_schema (), cancellable, &local,
                              "journal", journal_id, NULL);
  if (local == NULL)
    return TRUE;
  propagate (error, local);
  return FALSE;
}

void
hearth_keyring_free_secret (char *secret)
{
  secret_password_free (secret);
}

/* Completes @task (taking it) with TRUE, or with @local made readable. */
static void
return_boolean (GTask  *task,
                GError *local)
{
  GError *error = NULL;

  if (local == NULL)
    g_task_return_boolean (task, TRUE);
  else
    {
      propagate (&error, local);
      g_task_return_error (task, error);
    }
  g_object_unref (task);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError *local = NULL;

  secret_password_store_finish (result, &local);
  return_boolean (user_data, local);
}

void
hearth_keyring_store_async (const char         *journal_id,
                            const char         *passphrase,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, hearth_keyring_store_async);
  secret_password_store (passphrase_schema (), SECRET_COLLECTION_DEFAULT, _ (LABEL),
                         passphrase, cancellable, store_cb, task,
                         "journal", journal_id, NULL);
}

gboolean
hearth_keyring_store_finish (GAsyncResult *result,
                             GError      **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *local = NULL;
  GError *error = NULL;
  char   *secret = secret_password_lookup_finish (result, &local);

  if (local == NULL)
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
  else
    {
      propagate (&error, local);
      g_task_return_error (task, error);
    }
}

void
hearth_keyring_lookup_async (const char         *journal_id,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, hearth_keyring_lookup_async);
  secret_password_lookup (passphrase_schema (), cancellable, lookup_cb, task,
                          "journal", journal_id, NULL);
}

/**
 * hearth_keyring_lookup_finish:
 * Returns: (transfer full) (nullable): as hearth_keyring_lookup_sync()
 */
char *
hearth_keyring_lookup_finish (GAsyncResult *result,
                              GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError *local = NULL;

  secret_password_clear_finish (result, &local);
  return_boolean (user_data, local);
}

void
hearth_keyring_clear_async (const char         *journal_id,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, hearth_keyring_clear_async);
  secret_password_clear (passphrase_schema (), cancellable, clear_cb, task,
                         "journal", journal_id, NULL);
}

gboolean
hearth_keyring_clear_finish (GAsyncResult *result,
                             GError      **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
