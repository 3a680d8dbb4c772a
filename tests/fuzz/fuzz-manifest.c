/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hearth-journal.json as anyone who can write the folder could leave it.
 * Opening never derives a key, so absurd limits must be refused here. A
 * manifest with the cheapest key settings is also unlocked with the
 * passphrase of the seeds, which reaches the key id and the earlier keys
 * of a re-keyed journal. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <sodium.h>

#include "fuzz-common.h"
#include "hearth-journal.h"
#include "hearth-vault.h"

#define SEED_PASSPHRASE "a longer passphrase, changed"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gint64
whole_number (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (node);
}

/* Whether the manifest asks for libsodium's smallest key derivation, which
 * takes microseconds: only then is unlocking tried. */
static gboolean
cheapest_kdf (const uint8_t *data,
              size_t         size)
{
  g_autoptr(JsonNode) root = hearth_json_parse ((const char *) data, size, NULL);
  JsonObject *object, *kdf;
  JsonNode   *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  node = json_object_get_member (object, "encryption");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  node = json_object_get_member (json_node_get_object (node), "kdf");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  kdf = json_node_get_object (node);
  return whole_number (kdf, "opslimit") == crypto_pwhash_OPSLIMIT_MIN &&
         whole_number (kdf, "memlimit") == crypto_pwhash_MEMLIMIT_MIN;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HearthJournal) journal = NULL;

  fuzz_write ("hearth-journal.json", data, size);
  journal = hearth_journal_open (fuzz_folder (), NULL);
  if (journal == NULL)
    return 0;
  hearth_journal_is_encrypted (journal);
  hearth_journal_is_read_only (journal);
  g_assert (hearth_journal_get_id (journal) != NULL);
  if (hearth_journal_is_encrypted (journal) && cheapest_kdf (data, size))
    hearth_journal_unlock (journal, SEED_PASSPHRASE, NULL);
  return 0;
}
