/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hearth-error.h"
#include "hearth-keyring.h"
#include "hearth-test-clock.h"

/* Runs against the real gnome-keyring of the test session. */

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_sync (void)
{
  g_autofree char *jid = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = hearth_keyring_lookup_sync (jid, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);

  g_assert_true (hearth_keyring_store_sync (jid, "first pass", NULL, &error));
  g_assert_no_error (error);
  secret = hearth_keyring_lookup_sync (jid, NULL, &error);
  g_assert_cmpstr (secret, ==, "first pass");
  hearth_keyring_free_secret (secret);

  /* Storing again replaces, as a passphrase change does. */
  g_assert_true (hearth_keyring_store_sync (jid, "second pass", NULL, &error));
  secret = hearth_keyring_lookup_sync (jid, NULL, &error);
  g_assert_cmpstr (secret, ==, "second pass");
  hearth_keyring_free_secret (secret);

  g_assert_true (hearth_keyring_clear_sync (jid, NULL, &error));
  secret = hearth_keyring_lookup_sync (jid, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
}

static void
test_async (void)
{
  g_autofree char *jid = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *res = NULL;
  char         *secret;

  hearth_keyring_store_async (jid, "async pass", NULL, got_result, &res);
  g_assert_true (hearth_keyring_store_finish (wait_for (&res), &error));
  g_assert_no_error (error);
  g_clear_object (&res);

  hearth_keyring_lookup_async (jid, NULL, got_result, &res);
  secret = hearth_keyring_lookup_finish (wait_for (&res), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "async pass");
  hearth_keyring_free_secret (secret);
  g_clear_object (&res);

  hearth_keyring_clear_async (jid, NULL, got_result, &res);
  g_assert_true (hearth_keyring_clear_finish (wait_for (&res), &error));
  g_clear_object (&res);

  hearth_keyring_lookup_async (jid, NULL, got_result, &res);
  secret = hearth_keyring_lookup_finish (wait_for (&res), &error);
  g_assert_no_error (error);
  g_assert_null (secret);
  g_clear_object (&res);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();
  g_test_add_func ("/keyring/sync", test_sync);
  g_test_add_func ("/keyring/async", test_async);
  return g_test_run ();
}
