/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hearth-journal.json as anyone who can write the folder could leave it.
 * Opening never derives a key, so absurd limits must be refused here. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "fuzz-common.h"
#include "hearth-journal.h"
#include "hearth-vault.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HearthJournal) journal = NULL;

  fuzz_write ("hearth-journal.json", data, size);
  journal = hearth_journal_open (fuzz_folder (), NULL);
  if (journal == NULL)
    return 0;
  hearth_journal_is_encrypted (journal);
  hearth_journal_is_read_only (journal);
  g_assert (hearth_journal_get_id (journal) != NULL);
  return 0;
}
