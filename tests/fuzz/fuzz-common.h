/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "hearth-clock.h"
#include "hearth-json.h"

/* One scratch journal folder per fuzzing process, in memory when it can. */
static inline const char *
fuzz_folder (void)
{
  static char *folder;

  if (folder == NULL)
    {
      const char      *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
      g_autofree char *tmpl = g_build_filename (base, "hearth-fuzz-XXXXXX", NULL);
      g_autofree char *state = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 2, 10, 30, 0);

      folder = g_mkdtemp (g_steal_pointer (&tmpl));
      g_assert (folder != NULL);
      state = g_build_filename (folder, "state", NULL);
      g_setenv ("XDG_STATE_HOME", state, TRUE);
      g_setenv ("G_DEBUG", "fatal-criticals", TRUE);
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
      hearth_clock_set_now (now);
    }
  return folder;
}

static inline void
fuzz_write (const char    *relative,
            const uint8_t *data,
            size_t         size)
{
  g_autofree char *path = g_build_filename (fuzz_folder (), relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));
}

/* What the writer produces must read back: the property every save
 * checks, asserted here so a fuzzer finds any way around it. */
static inline void
fuzz_assert_reads_back (JsonNode *root)
{
  gsize            len = 0;
  g_autofree char *text = hearth_json_to_string (root, FALSE, &len);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) back = hearth_json_parse (text, len, &error);

  if (back == NULL)
    {
      fprintf (stderr, "written JSON does not read back (%s): %.300s\n", error->message, text);
      abort ();
    }
}
