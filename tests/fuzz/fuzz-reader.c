/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one-pass reader of data files against json-glib: for any text, both
 * accept it or both refuse it with the same reason, and when they accept
 * it they read the same counter and the same records, member by member. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "fuzz-common.h"
#include "fuzz-tree-reader.h"
#include "hearth-shard.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static G_GNUC_NORETURN void
differ (const char    *what,
        const uint8_t *data,
        size_t         size)
{
  fprintf (stderr, "the readers differ: %s\ninput: %.*s\n", what, (int) MIN (size, 2000),
           (const char *) data);
  abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HearthShard) tree = hearth_shard_new ("dev-a", "entries-2026.json");
  g_autoptr(HearthShard) pass = hearth_shard_new ("dev-a", "entries-2026.json");
  g_autoptr(GError) tree_error = NULL;
  g_autoptr(GError) pass_error = NULL;
  g_autofree char *what = NULL;
  gboolean         tree_ok, pass_ok;

  fuzz_folder ();
  tree_ok = fuzz_tree_read_plain (tree, "entries", (const char *) data, size, &tree_error);
  pass_ok = hearth_shard_read_plain (pass, "entries", (const char *) data, size, &pass_error);
  if (tree_ok != pass_ok)
    differ (tree_ok ? "json-glib accepts, the reader refuses" : "the reader accepts, json-glib refuses",
            data, size);
  if (!tree_ok)
    {
      if (tree_error->domain != pass_error->domain || tree_error->code != pass_error->code ||
          strcmp (tree_error->message, pass_error->message) != 0)
        {
          what = g_strdup_printf ("reasons: “%s” and “%s”", tree_error->message, pass_error->message);
          differ (what, data, size);
        }
      return 0;
    }
  if ((what = fuzz_compare_shards (tree, pass)) != NULL)
    differ (what, data, size);
  return 0;
}
