/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The nesting and size guard, then json-glib on whatever it lets through,
 * and the raw-member scanner that keeps unknown members' text. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) members = NULL;
  g_autoptr(GArray) spans = NULL;

  fuzz_folder ();
  hearth_json_check_bounds ((const char *) data, size, HEARTH_JSON_MAX_DEPTH, NULL);
  root = hearth_json_parse ((const char *) data, size, NULL);
  if (root == NULL)
    return 0;
  /* Only text that passed the guard reaches the scanners. */
  members = hearth_json_raw_members ((const char *) data, size);
  spans = hearth_json_raw_elements ((const char *) data, size, "records");
  for (guint i = 0; spans && i < spans->len; i++)
    {
      HearthJsonSpan *span = &g_array_index (spans, HearthJsonSpan, i);
      g_autoptr(GHashTable) inner = NULL;

      g_assert (span->offset + span->length <= size);
      inner = hearth_json_raw_members ((const char *) data + span->offset, span->length);
    }
  if (members != NULL)
    {
      GHashTableIter iter;
      gpointer       value;

      /* Every raw value written back reads back. */
      g_hash_table_iter_init (&iter, members);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_autoptr(JsonNode) raw = hearth_json_raw_new (value, strlen (value));
          fuzz_assert_reads_back (raw);
        }
    }
  fuzz_assert_reads_back (root);
  return 0;
}
