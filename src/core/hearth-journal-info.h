/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

/* The journal's own record (kind `journal`, in shared.json): what both
 * partners see the same, as hearth_journal_get_info() gives it. */

const char *hearth_journal_info_get_name (HearthRecord *info);
void        hearth_journal_info_set_name (HearthRecord *info,
                                          const char   *name);
GStrv       hearth_journal_info_dup_checkin_questions (HearthRecord *info);
void        hearth_journal_info_set_checkin_questions (HearthRecord      *info,
                                                       const char *const *questions);

G_END_DECLS
