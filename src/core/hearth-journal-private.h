/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-journal.h"
#include "hearth-record-data.h"

G_BEGIN_DECLS

/* For tools that write a journal's files directly (the benchmark's
 * generator): the unwrapped data key, NULL while locked or unencrypted. */
const HearthKey *hearth_journal_get_data_key   (HearthJournal *self);
const HearthKeySet *hearth_journal_get_key_set (HearthJournal *self);
/* For restoring from a backup: the version of record @id that wins over
 * every file now, a tombstone included; NULL when no file holds it. */
HearthRecordData *hearth_journal_lookup_version (HearthJournal *self,
                                                  const char    *id);

G_END_DECLS
