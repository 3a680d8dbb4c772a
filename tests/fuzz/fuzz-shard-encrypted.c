/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An encrypted data file. The first byte chooses what the input is: the
 * outer wrapper as it lies on disk, or the plain content inside a wrapper
 * that authenticates (what a partner holding the key could write). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "fuzz-common.h"
#include "hearth-shard.h"
#include "hearth-vault.h"

#define JID "3f2b8f0e-1111-4c4c-9a9a-000000000001"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static HearthKey  *key;
  HearthShardContext ctx = { JID, NULL };
  g_autoptr(HearthShard) shard = NULL;

  fuzz_folder ();
  if (key == NULL)
    key = hearth_key_new_random ();
  ctx.key = key;
  if (size < 1)
    return 0;
  if (data[0] & 1)
    fuzz_write ("devices/dev-a/entries-2026.json", data + 1, size - 1);
  else
    {
      g_autofree char *path = g_build_filename (fuzz_folder (), "devices", "dev-a", "entries-2026.json", NULL);
      g_autofree char *dir = g_path_get_dirname (path);

      g_mkdir_with_parents (dir, 0700);
      /* Refused when it would not parse back: then seal it by hand. */
      if (!hearth_shard_write_data (path, "entries-2026.json", "entries", (const char *) data + 1, size - 1,
                                    "dev-a", &ctx, NULL))
        {
          g_autofree char *aad = hearth_vault_file_aad (JID, "dev-a", "entries-2026.json");
          g_autofree char *nonce = NULL, *ct = NULL, *out = NULL;

          hearth_vault_seal (key, aad, (const char *) data + 1, size - 1, &nonce, &ct);
          out = g_strdup_printf ("{\"hearth\":1,\"type\":\"entries\",\"cipher\":\"xchacha20poly1305-ietf\","
                                 "\"nonce\":\"%s\",\"ciphertext\":\"%s\"}",
                                 nonce, ct);
          fuzz_write ("devices/dev-a/entries-2026.json", (const uint8_t *) out, strlen (out));
        }
    }
  shard = hearth_shard_load (fuzz_folder (), "dev-a", "entries-2026.json", &ctx);
  if (shard->error == NULL)
    {
      gsize            len = 0;
      g_autofree char *plain = hearth_shard_serialize (shard, &len);
      g_autoptr(JsonNode) back = hearth_json_parse (plain, len, NULL);

      if (back == NULL)
        abort ();
    }
  return 0;
}
