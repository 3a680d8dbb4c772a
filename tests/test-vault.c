/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sodium.h>

#include "hearth-error.h"
#include "hearth-vault.h"
#include "hearth-test-clock.h"

#define JID "3f2b8f0e-1111-4c4c-9a9a-000000000001"

static void
test_wrap_unwrap (void)
{
  g_autoptr(HearthKey) key = hearth_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) enc = hearth_vault_wrap_key (JID, key, "correct horse", HEARTH_KDF_MIN, &error);
  g_autoptr(HearthKey) back = NULL;
  g_autoptr(HearthKey) none = NULL;
  JsonObject *kdf;

  g_assert_no_error (error);
  kdf = json_object_get_object_member (json_node_get_object (enc), "kdf");
  g_assert_cmpstr (json_object_get_string_member (kdf, "algorithm"), ==, "argon2id13");
  g_assert_cmpint (json_object_get_int_member (kdf, "opslimit"), ==, crypto_pwhash_OPSLIMIT_MIN);

  back = hearth_vault_unwrap_key (JID, json_node_get_object (enc), "correct horse", &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  none = hearth_vault_unwrap_key (JID, json_node_get_object (enc), "wrong horse", &error);
  g_assert_null (none);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_WRONG_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "Wrong passphrase"));
  g_clear_error (&error);

  /* A manifest moved to another journal id fails as it must. */
  none = hearth_vault_unwrap_key ("other", json_node_get_object (enc), "correct horse", &error);
  g_assert_null (none);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_WRONG_PASSPHRASE);
}

static void
test_seal_open (void)
{
  g_autoptr(HearthKey) key = hearth_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autofree char *aad = hearth_vault_file_aad (JID, "dev", "entries-2026.json");
  g_autofree char *other_aad = hearth_vault_file_aad (JID, "dev", "entries-2025.json");
  g_autofree char *nonce = NULL, *ct = NULL, *nonce2 = NULL, *ct2 = NULL;
  g_autoptr(GBytes) plain = NULL;
  const char *text = "{\"hearth\":1,\"type\":\"entries\",\"records\":[]}";

  g_assert_cmpstr (aad, ==, "hearth:1:" JID ":dev:entries-2026.json");
  hearth_vault_seal (key, aad, text, strlen (text), &nonce, &ct);
  hearth_vault_seal (key, aad, text, strlen (text), &nonce2, &ct2);
  g_assert_cmpstr (nonce, !=, nonce2);

  plain = hearth_vault_open (key, aad, nonce, ct, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), text, strlen (text));
  g_clear_pointer (&plain, g_bytes_unref);

  plain = hearth_vault_open (key, other_aad, nonce, ct, &error);
  g_assert_null (plain);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_clear_error (&error);

  ct[5] = ct[5] == 'A' ? 'B' : 'A';
  plain = hearth_vault_open (key, aad, nonce, ct, &error);
  g_assert_null (plain);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();
  g_assert_true (hearth_vault_init (NULL));
  g_test_add_func ("/vault/wrap-unwrap", test_wrap_unwrap);
  g_test_add_func ("/vault/seal-open", test_seal_open);
  return g_test_run ();
}
