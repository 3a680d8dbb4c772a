/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One record: validated as every file's records are, then read through
 * every property its kind has, copied, edited, stamped and written. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "fuzz-common.h"
#include "hearth-record.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(HearthRecord) record = NULL;
  g_autoptr(HearthRecord) copy = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree char        *shard = NULL;
  guint                   n = 0;

  fuzz_folder ();
  root = hearth_json_parse ((const char *) data, size, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !hearth_record_validate_json (json_node_get_object (root), NULL))
    return 0;

  record = hearth_record_new_for_json (json_node_get_object (root));
  hearth_record_update_sort_key (record);
  g_free (hearth_record_dup_folded_text (record));
  shard = hearth_record_dup_shard_name (record);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (record), &n);
  for (guint i = 0; i < n; i++)
    if (pspecs[i]->flags & G_PARAM_READABLE)
      {
        g_auto(GValue) value = G_VALUE_INIT;

        g_value_init (&value, pspecs[i]->value_type);
        g_object_get_property (G_OBJECT (record), pspecs[i]->name, &value);
      }

  copy = hearth_record_copy (record);
  hearth_record_set_string (copy, "title", "edited");
  hearth_record_touch (copy, "dev-a", hearth_record_get_updated (record));
  {
    g_autoptr(JsonObject) json = hearth_record_dup_json (copy);
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

    if (!hearth_record_validate_json (json, NULL))
      {
        fprintf (stderr, "an edited record no longer validates\n");
        abort ();
      }
    json_node_set_object (node, json);
    fuzz_assert_reads_back (node);
  }
  hearth_record_make_tombstone (copy);
  return 0;
}
