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

static void
test_rekey (void)
{
  g_autoptr(HearthKey) first = hearth_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) enc = hearth_vault_wrap_key (JID, first, "old words", HEARTH_KDF_MIN, &error);
  g_autoptr(HearthKeySet) keys = NULL;
  g_autoptr(HearthKeySet) second = NULL;
  g_autoptr(HearthKeySet) third = NULL;
  g_autoptr(HearthKeySet) back = NULL;
  g_autoptr(JsonNode) rekeyed = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) rewrapped = NULL;
  g_autofree char *first_check = hearth_vault_key_check (JID, first);
  g_autoptr(HearthKey) old_view = NULL;
  JsonObject *entry;
  const char *first_id;

  g_assert_no_error (error);
  keys = hearth_vault_unwrap_keys (JID, json_node_get_object (enc), "old words", &error);
  g_assert_no_error (error);
  g_assert_null (hearth_key_set_get_current_id (keys));
  g_assert_true (hearth_key_set_lookup (keys, NULL) == hearth_key_set_get_current (keys));
  g_assert_null (hearth_key_set_lookup (keys, "0123456789abcdef"));

  rekeyed = hearth_vault_rekey (JID, keys, "new words", json_node_get_object (enc), &second, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hearth_key_set_get_current_id (second));
  g_assert_true (hearth_key_id_is_valid (hearth_key_set_get_current_id (second)));
  /* The old passphrase opens nothing of it; the new one opens every key. */
  g_assert_null (hearth_vault_unwrap_keys (JID, json_node_get_object (rekeyed), "old words", &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  back = hearth_vault_unwrap_keys (JID, json_node_get_object (rekeyed), "new words", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_key_set_get_current_id (back), ==, hearth_key_set_get_current_id (second));
  entry = json_array_get_object_element (json_object_get_array_member (json_node_get_object (rekeyed),
                                                                       "previous_keys"),
                                         0);
  first_id = json_object_get_string_member (entry, "key_id");
  g_assert_cmpstr (first_id, !=, hearth_key_set_get_current_id (back));
  g_assert_true (hearth_key_set_lookup (back, NULL) == hearth_key_set_lookup (back, first_id));
  {
    g_autofree char *check = hearth_vault_key_check (JID, hearth_key_set_lookup (back, NULL));
    g_autofree char *current = hearth_vault_key_check (JID, hearth_key_set_get_current (back));

    g_assert_cmpstr (check, ==, first_check);
    g_assert_cmpstr (current, !=, first_check);
    g_assert_true (hearth_key_set_has_previous_check (back, JID, first_check));
    g_assert_false (hearth_key_set_has_previous_check (back, JID, current));
  }
  /* The old manifest still gives only the first key. */
  old_view = hearth_vault_unwrap_key (JID, json_node_get_object (enc), "old words", &error);
  g_assert_no_error (error);

  /* A passphrase change keeps the key id and the earlier keys. */
  rewrapped = hearth_vault_rewrap_key (JID, hearth_key_set_get_current (back), "third words",
                                       json_node_get_object (rekeyed), &error);
  g_assert_no_error (error);
  g_clear_pointer (&back, hearth_key_set_free);
  back = hearth_vault_unwrap_keys (JID, json_node_get_object (rewrapped), "third words", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_key_set_get_current_id (back), ==, hearth_key_set_get_current_id (second));
  g_assert_nonnull (hearth_key_set_lookup (back, first_id));

  /* A second re-key keeps both earlier keys, oldest first. */
  again = hearth_vault_rekey (JID, back, "fourth words", json_node_get_object (rewrapped), &third, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (again),
                                                                        "previous_keys")),
                   ==, 2);
  g_assert_nonnull (hearth_key_set_lookup (third, first_id));
  g_assert_nonnull (hearth_key_set_lookup (third, hearth_key_set_get_current_id (second)));
  g_assert_true (hearth_key_set_lookup (third, NULL) == hearth_key_set_lookup (third, first_id));
}

static void
test_damaged_previous_keys (void)
{
  g_autoptr(HearthKey) first = hearth_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) enc = hearth_vault_wrap_key (JID, first, "words", HEARTH_KDF_MIN, &error);
  g_autoptr(HearthKeySet) keys = hearth_vault_unwrap_keys (JID, json_node_get_object (enc), "words", &error);
  g_autoptr(HearthKeySet) next = NULL;
  g_autoptr(JsonNode) rekeyed = hearth_vault_rekey (JID, keys, "words", json_node_get_object (enc), &next, &error);
  JsonObject      *encryption = json_node_get_object (rekeyed);
  JsonObject      *entry = json_array_get_object_element (json_object_get_array_member (encryption, "previous_keys"), 0);
  g_autofree char *id = g_strdup (json_object_get_string_member (entry, "key_id"));
  g_autofree char *current_id = g_strdup (json_object_get_string_member (encryption, "key_id"));
  const char      *bad_ids[] = { "", "a/b", "has space", NULL };

  g_assert_no_error (error);
  /* An earlier key moved under another id fails authentication. */
  json_object_set_string_member (entry, "key_id", "0000111122223333");
  g_assert_null (hearth_vault_unwrap_keys (JID, encryption, "words", &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_clear_error (&error);
  json_object_set_string_member (entry, "key_id", id);
  for (guint i = 0; bad_ids[i]; i++)
    {
      json_object_set_string_member (encryption, "key_id", bad_ids[i]);
      g_assert_null (hearth_vault_unwrap_keys (JID, encryption, "words", &error));
      g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
      g_clear_error (&error);
    }
  /* Earlier keys without a current key id, or an earlier key with the
   * current one's id, are not a journal Hearth wrote. */
  json_object_remove_member (encryption, "key_id");
  g_assert_null (hearth_vault_unwrap_keys (JID, encryption, "words", &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_clear_error (&error);
  json_object_set_string_member (encryption, "key_id", id);
  g_assert_null (hearth_vault_unwrap_keys (JID, encryption, "words", &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_clear_error (&error);
  json_object_set_string_member (encryption, "key_id", current_id);
  json_object_set_string_member (encryption, "previous_keys", "not a list");
  g_assert_null (hearth_vault_unwrap_keys (JID, encryption, "words", &error));
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
  g_test_add_func ("/vault/rekey", test_rekey);
  g_test_add_func ("/vault/damaged-previous-keys", test_damaged_previous_keys);
  return g_test_run ();
}
