/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HEARTH_KEY_BYTES 32

/* A 32-byte key in guarded memory (sodium_malloc); wiped when freed. */
typedef struct _HearthKey HearthKey;

/* Every data key of a journal: the current one and those it replaced
 * (docs/format.md, "Replacing the data key"). */
typedef struct _HearthKeySet HearthKeySet;

/* The most earlier keys a manifest may hold. */
#define HEARTH_MAX_PREVIOUS_KEYS 256

typedef enum
{
  HEARTH_KDF_MODERATE,
  HEARTH_KDF_INTERACTIVE,
  HEARTH_KDF_MIN,
} HearthKdfPreset;

gboolean   hearth_vault_init (GError **error);
void       hearth_vault_protect_process (void);
HearthKey *hearth_key_new_random (void);
HearthKey *hearth_key_copy (const HearthKey *key);
void       hearth_key_free (HearthKey *key);

gboolean hearth_kdf_preset_from_string (const char      *name,
                                        HearthKdfPreset *preset);

JsonNode  *hearth_vault_wrap_key (const char      *journal_id,
                                  const HearthKey *data_key,
                                  const char      *passphrase,
                                  HearthKdfPreset  preset,
                                  GError         **error);
JsonNode  *hearth_vault_rewrap_key (const char      *journal_id,
                                    const HearthKey *data_key,
                                    const char      *passphrase,
                                    JsonObject      *old_encryption,
                                    GError         **error);
gboolean   hearth_vault_check_limits (JsonObject *encryption,
                                      GError    **error);
HearthKey *hearth_vault_unwrap_key (const char *journal_id,
                                    JsonObject *encryption,
                                    const char *passphrase,
                                    GError    **error);

char    *hearth_vault_file_aad (const char *journal_id,
                                const char *device_id,
                                const char *file_name);
void     hearth_vault_seal (const HearthKey *key,
                            const char      *aad,
                            const char      *plain,
                            gsize            plain_len,
                            char           **nonce_b64,
                            char           **ciphertext_b64);
void     hearth_vault_seal_to (const HearthKey *key,
                               const char      *aad,
                               const char      *plain,
                               gsize            plain_len,
                               const char      *between,
                               GString         *out);
GBytes  *hearth_vault_open (const HearthKey *key,
                            const char      *aad,
                            const char      *nonce_b64,
                            const char      *ciphertext_b64,
                            GError         **error);
GBytes  *hearth_vault_open_len (const HearthKey *key,
                                const char      *aad,
                                const char      *nonce_b64,
                                gsize            nonce_b64_len,
                                const char      *ciphertext_b64,
                                gsize            ciphertext_b64_len,
                                GError         **error);
gboolean hearth_vault_open_in_place (const HearthKey *key,
                                     const char      *aad,
                                     const char      *nonce_b64,
                                     gsize            nonce_b64_len,
                                     char            *ciphertext_b64,
                                     gsize            ciphertext_b64_len,
                                     gsize           *plain_len,
                                     GError         **error);
char    *hearth_vault_key_check (const char      *journal_id,
                                 const HearthKey *key);

HearthKeySet    *hearth_vault_unwrap_keys (const char *journal_id,
                                           JsonObject *encryption,
                                           const char *passphrase,
                                           GError    **error);
JsonNode        *hearth_vault_rekey (const char         *journal_id,
                                     const HearthKeySet *keys,
                                     const char         *passphrase,
                                     JsonObject         *old_encryption,
                                     HearthKeySet      **new_keys,
                                     GError            **error);
HearthKeySet    *hearth_key_set_new (const HearthKey *key);
HearthKeySet    *hearth_key_set_copy (const HearthKeySet *keys);
void             hearth_key_set_free (HearthKeySet *keys);
const HearthKey *hearth_key_set_get_current (const HearthKeySet *keys);
const char      *hearth_key_set_get_current_id (const HearthKeySet *keys);
const HearthKey *hearth_key_set_lookup (const HearthKeySet *keys,
                                        const char         *key_id);
gboolean         hearth_key_set_has_previous_check (const HearthKeySet *keys,
                                                    const char         *journal_id,
                                                    const char         *check);
gboolean         hearth_key_id_is_valid (const char *key_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthKey, hearth_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthKeySet, hearth_key_set_free)

G_END_DECLS
