/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * HearthState:
 *
 * What this installation remembers about one journal, in
 * `$XDG_STATE_HOME/hearth/<journal id>.trust`, never in the synced folder:
 * the facts a folder others can write must not be able to change. See
 * "What a device remembers" in docs/format.md.
 */
typedef struct
{
  char       *device;    /* the device id @partner belongs to */
  char       *partner;   /* this device's own partner id */
  gboolean    encrypted; /* the journal was seen with a passphrase */
  char       *key_check; /* hearth_vault_key_check() of its data key */
  GHashTable *seq;       /* "<device id>/<file name>" → greatest seq seen (gint64 *) */
  GHashTable *accepted;  /* same keys → the older seq the person chose to keep, -1 for a
                           * file accepted as gone (gint64 *) */
} HearthState;

HearthState *hearth_state_new (void);
HearthState *hearth_state_copy (const HearthState *state);
void         hearth_state_free (HearthState *state);
HearthState *hearth_state_load (const char *journal_id);
gboolean     hearth_state_save (const char        *journal_id,
                                const HearthState *state,
                                GError           **error);
char        *hearth_state_seq_key (const char *device_id,
                                   const char *file_name);
gboolean     hearth_state_get_seq (const HearthState *state,
                                   const char        *key,
                                   gint64            *seq);
void         hearth_state_set_seq (HearthState *state,
                                   const char  *key,
                                   gint64       seq);
gboolean     hearth_state_remove_seq (HearthState *state,
                                      const char  *key);
gboolean     hearth_state_get_accepted (const HearthState *state,
                                        const char        *key,
                                        gint64            *seq);
void         hearth_state_set_accepted (HearthState *state,
                                        const char  *key,
                                        gint64       seq);
gboolean     hearth_state_remove_accepted (HearthState *state,
                                           const char  *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthState, hearth_state_free)

G_END_DECLS
