/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hearth-shard.h"
#include "hearth-state.h"

G_BEGIN_DECLS

/* What taking in this device's conflict copies did. */
typedef struct
{
  GPtrArray *written; /* HearthShard: this device's files as now written */
  GPtrArray *removed; /* char *: names of the copies taken in and removed */
} HearthAbsorbed;

HearthAbsorbed *hearth_absorb_conflict_copies (const char               *journal_path,
                                               const char               *device_id,
                                               const HearthShardContext *ctx,
                                               HearthState              *state,
                                               GError                  **error);
gboolean        hearth_absorbed_is_empty (const HearthAbsorbed *absorbed);
void            hearth_absorbed_free (HearthAbsorbed *absorbed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthAbsorbed, hearth_absorbed_free)

G_END_DECLS
