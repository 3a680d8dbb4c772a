/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One plain data file as a partner's device could write it: read, merged
 * into a shard, written out again (what an edit does), read back. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "fuzz-common.h"
#include "hearth-shard.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  HearthShardContext ctx = { "3f2b8f0e-1111-4c4c-9a9a-000000000001", NULL };
  g_autoptr(HearthShard) shard = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) back = NULL;
  gsize len = 0;

  fuzz_write ("devices/dev-a/entries-2026.json", data, size);
  shard = hearth_shard_load (fuzz_folder (), "dev-a", "entries-2026.json", &ctx);
  if (shard->error != NULL)
    return 0;
  plain = hearth_shard_serialize (shard, &len);
  back = hearth_json_parse (plain, len, &error);
  if (back == NULL)
    {
      fprintf (stderr, "a shard that was read does not write back (%s)\n", error->message);
      abort ();
    }
  return 0;
}
