/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "hearth-journal.h"
#include "hearth-settings.h"

/**
 * hearth_settings_new:
 *
 * Running uninstalled without GSETTINGS_SCHEMA_DIR the schema is missing;
 * g_settings_new() would abort then, so every caller copes with %NULL and
 * simply does not remember anything.
 *
 * Returns: (transfer full) (nullable): Hearth's settings
 */
GSettings *
hearth_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Settings schema %s not found; settings will not be saved", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * hearth_settings_dup_journal_folder:
 * @settings: (nullable): Hearth's settings
 *
 * Returns: (transfer full): the folder of the journal to open: the
 *   `journal-folder` setting, or the default folder when it is empty
 */
char *
hearth_settings_dup_journal_folder (GSettings *settings)
{
  g_autofree char *folder = NULL;

  if (settings != NULL)
    folder = g_settings_get_string (settings, "journal-folder");
  if (folder == NULL || *folder == '\0')
    return hearth_journal_default_path ();
  return g_steal_pointer (&folder);
}

/**
 * hearth_settings_set_journal_folder:
 * @settings: (nullable): Hearth's settings
 * @path: the folder of the journal now in use
 *
 * Remembers @path, or resets the setting when @path is the default folder,
 * so that a later change of the default still applies.
 */
void
hearth_settings_set_journal_folder (GSettings  *settings,
                                    const char *path)
{
  g_autofree char *default_path = hearth_journal_default_path ();
  g_autofree char *canonical = NULL;
  g_autofree char *current = NULL;

  if (settings == NULL || path == NULL)
    return;
  canonical = g_canonicalize_filename (path, NULL);
  {
    g_autofree char *default_canonical = g_canonicalize_filename (default_path, NULL);
    if (g_strcmp0 (canonical, default_canonical) == 0)
      {
        g_settings_reset (settings, "journal-folder");
        return;
      }
  }
  current = g_settings_get_string (settings, "journal-folder");
  if (g_strcmp0 (current, canonical) != 0)
    g_settings_set_string (settings, "journal-folder", canonical);
}
