/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hearth-journal-info.h"

static gboolean
is_info (HearthRecord *info)
{
  return HEARTH_IS_RECORD (info) && g_strcmp0 (hearth_record_get_kind (info), "journal") == 0;
}

/**
 * hearth_journal_info_get_name:
 * @info: the journal's record
 *
 * Returns: (nullable): the journal's name
 */
const char *
hearth_journal_info_get_name (HearthRecord *info)
{
  g_return_val_if_fail (is_info (info), NULL);

  return hearth_record_get_string (info, "name");
}

/**
 * hearth_journal_info_set_name:
 * @name: (nullable): the new name, or %NULL to remove it
 */
void
hearth_journal_info_set_name (HearthRecord *info,
                              const char   *name)
{
  g_return_if_fail (is_info (info));

  hearth_record_set_string (info, "name", name);
}

/**
 * hearth_journal_info_dup_checkin_questions:
 * @info: the journal's record
 *
 * Returns: (transfer full): the couple's check-in questions as stored, in
 *   order; empty when they have not chosen any
 */
GStrv
hearth_journal_info_dup_checkin_questions (HearthRecord *info)
{
  g_return_val_if_fail (is_info (info), NULL);

  return hearth_record_dup_strv (info, "checkin_questions");
}

void
hearth_journal_info_set_checkin_questions (HearthRecord      *info,
                                           const char *const *questions)
{
  g_return_if_fail (is_info (info));

  hearth_record_set_strv (info, "checkin_questions", questions);
}
