/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "hearth-error.h"
#include "hearth-json.h"
#include "hearth-record.h"
#include "hearth-vault.h"

#define CIPHER_NAME "xchacha20poly1305-ietf"
#define KDF_NAME    "argon2id13"
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES   crypto_aead_xchacha20poly1305_ietf_ABYTES

struct _HearthKey
{
  guint8 bytes[HEARTH_KEY_BYTES];
};

G_STATIC_ASSERT (crypto_aead_xchacha20poly1305_ietf_KEYBYTES == HEARTH_KEY_BYTES);
G_STATIC_ASSERT (NONCE_BYTES == 24);

gboolean
hearth_vault_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_FAILED,
                           _ ("The encryption library could not start."));
      return FALSE;
    }
  return TRUE;
}

/**
 * hearth_vault_protect_process:
 * Keeps keys and journal text out of core dumps and away from other
 * processes of the same user (no ptrace attach, no /proc/<pid>/mem). Call it
 * first thing in main().
 */
void
hearth_vault_protect_process (void)
{
  struct rlimit none = { 0, 0 };

  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
  setrlimit (RLIMIT_CORE, &none);
}

static HearthKey *
key_alloc (void)
{
  HearthKey *key;

  if (sodium_init () < 0)
    g_error ("libsodium failed to initialise");
  key = sodium_malloc (sizeof (HearthKey));
  if (key == NULL)
    g_error ("out of guarded memory for a key");
  return key;
}

/**
 * hearth_key_new_random:
 * Returns: (transfer full): a fresh random data key in guarded memory
 */
HearthKey *
hearth_key_new_random (void)
{
  HearthKey *key = key_alloc ();
  randombytes_buf (key->bytes, sizeof key->bytes);
  return key;
}

HearthKey *
hearth_key_copy (const HearthKey *key)
{
  HearthKey *copy = key_alloc ();
  memcpy (copy->bytes, key->bytes, sizeof copy->bytes);
  return copy;
}

void
hearth_key_free (HearthKey *key)
{
  if (key == NULL)
    return;
  /* sodium_free wipes the memory before releasing it. */
  sodium_free (key);
}

gboolean
hearth_kdf_preset_from_string (const char      *name,
                               HearthKdfPreset *preset)
{
  if (g_strcmp0 (name, "moderate") == 0)
    *preset = HEARTH_KDF_MODERATE;
  else if (g_strcmp0 (name, "interactive") == 0)
    *preset = HEARTH_KDF_INTERACTIVE;
  else if (g_strcmp0 (name, "min") == 0)
    *preset = HEARTH_KDF_MIN;
  else
    return FALSE;
  return TRUE;
}

static void
preset_limits (HearthKdfPreset preset,
               guint64        *ops,
               guint64        *mem)
{
  switch (preset)
    {
    case HEARTH_KDF_INTERACTIVE:
      *ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      *mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    case HEARTH_KDF_MIN:
      *ops = crypto_pwhash_OPSLIMIT_MIN;
      *mem = crypto_pwhash_MEMLIMIT_MIN;
      break;
    case HEARTH_KDF_MODERATE:
    default:
      *ops = crypto_pwhash_OPSLIMIT_MODERATE;
      *mem = crypto_pwhash_MEMLIMIT_MODERATE;
      break;
    }
}

static char *
key_aad (const char *journal_id)
{
  return g_strdup_printf ("hearth:1:%s:key", journal_id);
}

char *
hearth_vault_file_aad (const char *journal_id,
                       const char *device_id,
                       const char *file_name)
{
  return g_strdup_printf ("hearth:1:%s:%s:%s", journal_id, device_id, file_name);
}

static HearthKey *
derive_kek (const char   *passphrase,
            const guint8 *salt,
            guint64       ops,
            guint64       mem,
            GError      **error)
{
  g_autoptr(HearthKey) kek = key_alloc ();

  if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_MAX ||
      mem < crypto_pwhash_MEMLIMIT_MIN || mem > G_MAXSIZE)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("The journal’s key settings are out of range; hearth-journal.json is damaged."));
      return NULL;
    }

  if (crypto_pwhash (kek->bytes, sizeof kek->bytes, passphrase, strlen (passphrase),
                     salt, ops, (size_t) mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_FAILED,
                           _ ("Not enough memory to derive the key from the passphrase."));
      return NULL;
    }
  return g_steal_pointer (&kek);
}

static JsonNode *
wrap_with (const char      *journal_id,
           const HearthKey *data_key,
           const char      *passphrase,
           const guint8    *salt,
           guint64          ops,
           guint64          mem,
           GError         **error)
{
  g_autoptr(HearthKey) kek = NULL;
  g_autofree char   *aad = key_aad (journal_id);
  guint8             nonce[NONCE_BYTES];
  guint8             sealed[HEARTH_KEY_BYTES + TAG_BYTES];
  unsigned long long sealed_len = 0;
  g_autofree char   *salt_b64 = NULL;
  g_autofree char   *nonce_b64 = NULL;
  g_autofree char   *sealed_b64 = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  kek = derive_kek (passphrase, salt, ops, mem, error);
  if (kek == NULL)
    return NULL;

  randombytes_buf (nonce, sizeof nonce);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed, &sealed_len,
                                              data_key->bytes, sizeof data_key->bytes,
                                              (const guint8 *) aad, strlen (aad),
                                              NULL, nonce, kek->bytes);
  salt_b64 = g_base64_encode (salt, crypto_pwhash_SALTBYTES);
  nonce_b64 = g_base64_encode (nonce, sizeof nonce);
  sealed_b64 = g_base64_encode (sealed, sealed_len);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kdf");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "algorithm");
  json_builder_add_string_value (b, KDF_NAME);
  json_builder_set_member_name (b, "opslimit");
  json_builder_add_int_value (b, (gint64) ops);
  json_builder_set_member_name (b, "memlimit");
  json_builder_add_int_value (b, (gint64) mem);
  json_builder_set_member_name (b, "salt");
  json_builder_add_string_value (b, salt_b64);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "key");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cipher");
  json_builder_add_string_value (b, CIPHER_NAME);
  json_builder_set_member_name (b, "nonce");
  json_builder_add_string_value (b, nonce_b64);
  json_builder_set_member_name (b, "ciphertext");
  json_builder_add_string_value (b, sealed_b64);
  json_builder_end_object (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * hearth_vault_wrap_key:
 * Derives a key-encryption key from @passphrase with a fresh salt and the
 * limits of @preset, and wraps @data_key with it.
 *
 * Returns: (transfer full): the manifest's `encryption` object
 */
JsonNode *
hearth_vault_wrap_key (const char      *journal_id,
                       const HearthKey *data_key,
                       const char      *passphrase,
                       HearthKdfPreset  preset,
                       GError         **error)
{
  guint8  salt[crypto_pwhash_SALTBYTES];
  guint64 ops, mem;

  preset_limits (preset, &ops, &mem);
  randombytes_buf (salt, sizeof salt);
  return wrap_with (journal_id, data_key, passphrase, salt, ops, mem, error);
}

/* Twice libsodium's SENSITIVE preset at most (docs/format.md): anything beyond
 * would hang unlock or ask for gigabytes because a file said so. */
#define MAX_OPSLIMIT ((guint64) crypto_pwhash_OPSLIMIT_SENSITIVE * 2)
#define MAX_MEMLIMIT ((guint64) crypto_pwhash_MEMLIMIT_SENSITIVE * 2)

static gboolean
get_limit (JsonObject *kdf,
           const char *name,
           guint64    *value)
{
  JsonNode *node = json_object_get_member (kdf, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) <= 0)
    return FALSE;
  *value = (guint64) json_node_get_int (node);
  return TRUE;
}

/**
 * hearth_vault_check_limits:
 * @encryption: the manifest's `encryption` object
 *
 * Checks the key derivation settings before anything is derived: they must
 * be whole numbers within what libsodium accepts and at most twice its
 * SENSITIVE preset.
 *
 * Returns: %FALSE with a %HEARTH_ERROR_DAMAGED reason that completes
 *   "The file hearth-journal.json is damaged: "
 */
gboolean
hearth_vault_check_limits (JsonObject *encryption,
                           GError    **error)
{
  JsonNode   *node = json_object_get_member (encryption, "kdf");
  JsonObject *kdf;
  guint64     ops, mem;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto missing;
  kdf = json_node_get_object (node);
  if (!get_limit (kdf, "opslimit", &ops) || !get_limit (kdf, "memlimit", &mem))
    goto missing;
  if (ops > MAX_OPSLIMIT || mem > MAX_MEMLIMIT)
    {
      g_autofree char *asked = g_format_size_full (mem, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *most = g_format_size_full (MAX_MEMLIMIT, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                   _ ("its key settings ask for %llu passes over %s of memory, "
                      "far more than any Hearth journal uses (at most %llu passes and %s), "
                      "so Hearth did not try to unlock it"),
                   (unsigned long long) ops, asked, (unsigned long long) MAX_OPSLIMIT, most);
      return FALSE;
    }
  if (ops < crypto_pwhash_OPSLIMIT_MIN || mem < crypto_pwhash_MEMLIMIT_MIN)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("its key settings are below what the encryption library accepts"));
      return FALSE;
    }
  return TRUE;

missing:
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                       _ ("its key settings are missing or are not whole numbers"));
  return FALSE;
}

static gboolean
read_limits (JsonObject *encryption,
             guint64    *ops,
             guint64    *mem,
             guint8     *salt,
             GError    **error)
{
  JsonObject        *kdf = NULL;
  JsonNode          *node;
  g_autofree guchar *raw = NULL;
  gsize              raw_len = 0;

  if (!hearth_vault_check_limits (encryption, NULL))
    goto damaged;
  node = json_object_get_member (encryption, "kdf");
  kdf = json_node_get_object (node);
  if (g_strcmp0 (hearth_json_get_string (kdf, "algorithm", ""), KDF_NAME) != 0 ||
      !json_object_has_member (kdf, "salt"))
    goto damaged;

  get_limit (kdf, "opslimit", ops);
  get_limit (kdf, "memlimit", mem);
  raw = g_base64_decode (hearth_json_get_string (kdf, "salt", ""), &raw_len);
  if (raw_len != crypto_pwhash_SALTBYTES)
    goto damaged;
  memcpy (salt, raw, raw_len);
  return TRUE;

damaged:
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                       _ ("The key settings in hearth-journal.json are damaged."));
  return FALSE;
}

/**
 * hearth_vault_rewrap_key:
 * Wraps @data_key under a new passphrase with a fresh salt, keeping the KDF
 * limits the journal was made with. The key id and the earlier keys (which
 * the data key wraps, not the passphrase) and any member this version does
 * not know stay as they were.
 *
 * Returns: (transfer full): the new `encryption` object
 */
JsonNode *
hearth_vault_rewrap_key (const char      *journal_id,
                         const HearthKey *data_key,
                         const char      *passphrase,
                         JsonObject      *old_encryption,
                         GError         **error)
{
  guint8  salt[crypto_pwhash_SALTBYTES];
  guint64 ops, mem;

  g_autoptr(JsonNode) wrapped = NULL;
  g_autoptr(JsonObject) kept = NULL;
  JsonNode *result;

  if (!read_limits (old_encryption, &ops, &mem, salt, error))
    return NULL;
  randombytes_buf (salt, sizeof salt);
  wrapped = wrap_with (journal_id, data_key, passphrase, salt, ops, mem, error);
  if (wrapped == NULL)
    return NULL;
  kept = hearth_json_object_deep_copy (old_encryption);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "kdf" : "key";
      json_object_set_member (kept, name,
                              json_node_copy (json_object_get_member (json_node_get_object (wrapped), name)));
    }
  result = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (result, kept);
  return result;
}

/**
 * hearth_vault_unwrap_key:
 * Returns: (transfer full): the data key, or %NULL with
 *   %HEARTH_ERROR_WRONG_PASSPHRASE when the passphrase does not fit
 */
HearthKey *
hearth_vault_unwrap_key (const char *journal_id,
                         JsonObject *encryption,
                         const char *passphrase,
                         GError    **error)
{
  guint8             salt[crypto_pwhash_SALTBYTES];
  guint64            ops, mem;
  JsonObject        *key_obj = NULL;
  JsonNode          *node;
  g_autofree guchar *nonce = NULL;
  g_autofree guchar *sealed = NULL;
  gsize              nonce_len = 0, sealed_len = 0;
  g_autoptr(HearthKey) kek = NULL;
  g_autoptr(HearthKey) data_key = NULL;
  g_autofree char   *aad = key_aad (journal_id);
  unsigned long long out_len = 0;

  if (!read_limits (encryption, &ops, &mem, salt, error))
    return NULL;

  node = json_object_get_member (encryption, "key");
  if (node && JSON_NODE_HOLDS_OBJECT (node))
    key_obj = json_node_get_object (node);
  if (key_obj == NULL ||
      g_strcmp0 (hearth_json_get_string (key_obj, "cipher", ""), CIPHER_NAME) != 0)
    goto damaged;
  nonce = g_base64_decode (hearth_json_get_string (key_obj, "nonce", ""), &nonce_len);
  sealed = g_base64_decode (hearth_json_get_string (key_obj, "ciphertext", ""), &sealed_len);
  if (nonce_len != NONCE_BYTES || sealed_len != HEARTH_KEY_BYTES + TAG_BYTES)
    goto damaged;

  kek = derive_kek (passphrase, salt, ops, mem, error);
  if (kek == NULL)
    return NULL;

  data_key = key_alloc ();
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (data_key->bytes, &out_len, NULL,
                                                  sealed, sealed_len,
                                                  (const guint8 *) aad, strlen (aad),
                                                  nonce, kek->bytes) != 0 ||
      out_len != HEARTH_KEY_BYTES)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_WRONG_PASSPHRASE,
                           _ ("Wrong passphrase. Check it and try again."));
      return NULL;
    }
  return g_steal_pointer (&data_key);

damaged:
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                       _ ("The wrapped key in hearth-journal.json is damaged."));
  return NULL;
}

/**
 * hearth_vault_seal:
 * Encrypts @plain with a fresh random nonce. Both outputs are base64.
 */
void
hearth_vault_seal (const HearthKey *key,
                   const char      *aad,
                   const char      *plain,
                   gsize            plain_len,
                   char           **nonce_b64,
                   char           **ciphertext_b64)
{
  guint8             nonce[NONCE_BYTES];
  g_autofree guint8 *sealed = g_malloc (plain_len + TAG_BYTES);
  unsigned long long sealed_len = 0;

  randombytes_buf (nonce, sizeof nonce);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed, &sealed_len,
                                              (const guint8 *) plain, plain_len,
                                              (const guint8 *) aad, strlen (aad),
                                              NULL, nonce, key->bytes);
  *nonce_b64 = g_base64_encode (nonce, sizeof nonce);
  *ciphertext_b64 = g_base64_encode (sealed, sealed_len);
}

/**
 * hearth_vault_seal_to:
 * @between: what goes between the two
 *
 * Like hearth_vault_seal(), appending the nonce, @between and the
 * ciphertext, both in base64, to @out, with no other copy of the
 * ciphertext's text.
 */
void
hearth_vault_seal_to (const HearthKey *key,
                      const char      *aad,
                      const char      *plain,
                      gsize            plain_len,
                      const char      *between,
                      GString         *out)
{
  guint8             nonce[NONCE_BYTES];
  g_autofree guint8 *sealed = g_malloc (plain_len + TAG_BYTES);
  unsigned long long sealed_len = 0;
  g_autofree char   *nonce_b64 = NULL;
  gsize              start, n;
  gint               state = 0, save = 0;

  randombytes_buf (nonce, sizeof nonce);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed, &sealed_len,
                                              (const guint8 *) plain, plain_len,
                                              (const guint8 *) aad, strlen (aad),
                                              NULL, nonce, key->bytes);
  nonce_b64 = g_base64_encode (nonce, sizeof nonce);
  g_string_append (out, nonce_b64);
  g_string_append (out, between);
  /* Room for what g_base64_encode_step() and _close() write at most. */
  start = out->len;
  g_string_set_size (out, start + (sealed_len / 3 + 1) * 4 + 4);
  n = g_base64_encode_step (sealed, sealed_len, FALSE, out->str + start, &state, &save);
  n += g_base64_encode_close (FALSE, out->str + start + n, &state, &save);
  g_string_truncate (out, start + n);
}

typedef struct
{
  guint8 *data;
  gsize   len;
} Plain;

static void
plain_wipe_free (gpointer user_data)
{
  Plain *plain = user_data;

  sodium_memzero (plain->data, plain->len);
  g_free (plain->data);
  g_free (plain);
}

/**
 * hearth_vault_open:
 * Returns: (transfer full): the plaintext, or %NULL with %HEARTH_ERROR_DAMAGED
 *   when it does not authenticate
 */
GBytes *
hearth_vault_open (const HearthKey *key,
                   const char      *aad,
                   const char      *nonce_b64,
                   const char      *ciphertext_b64,
                   GError         **error)
{
  return hearth_vault_open_len (key, aad, nonce_b64, strlen (nonce_b64),
                                ciphertext_b64, strlen (ciphertext_b64), error);
}

static const gint8 *
base64_values (void)
{
  static gint8 value[256];
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

      memset (value, -1, sizeof value);
      for (guint c = 0; c < 64; c++)
        value[(guchar) alphabet[c]] = c;
      g_once_init_leave (&ready, 1);
    }
  return value;
}

/* Whether @in is base64 as Hearth writes it: whole groups of four from
 * the alphabet, "=" or "==" only at the end. */
static gboolean
base64_is_plain (const guchar *in,
                 gsize         len)
{
  const gint8 *value = base64_values ();
  gsize        pad, i;
  gint8        all = 0;

  if (len % 4 != 0)
    return FALSE;
  if (len == 0)
    return TRUE;
  pad = in[len - 1] != '=' ? 0 : (in[len - 2] != '=' ? 1 : 2);
  for (i = 0; i < len - pad; i++)
    all |= value[in[i]];
  /* "x===" is not base64. */
  return all >= 0 && (pad < 2 || len - pad >= 2);
}

/* Decodes base64 exactly as g_base64_decode() does, from a text of a known
 * length, into @out, which may be @b64 itself: what is written never
 * overtakes what is read. */
static gsize
decode_base64_into (const char *b64,
                    gsize       len,
                    guchar     *out)
{
  const gint8  *value = base64_values ();
  const guchar *in = (const guchar *) b64;
  gsize         n = 0, i = 0, pad;

  if (!base64_is_plain (in, len))
    {
      gint  state = 0;
      guint save = 0;

      /* GLib's own in-place decoding does the same. */
      return g_base64_decode_step (b64, len, out, &state, &save);
    }
  if (len == 0)
    return 0;
  pad = in[len - 1] != '=' ? 0 : (in[len - 2] != '=' ? 1 : 2);
  for (; i + 4 <= len - (pad ? 4 : 0); i += 4)
    {
      guint32 v = (guint32) value[in[i]] << 18 | (guint32) value[in[i + 1]] << 12 |
                  (guint32) value[in[i + 2]] << 6 | (guint32) value[in[i + 3]];

      out[n++] = v >> 16;
      out[n++] = v >> 8;
      out[n++] = v;
    }
  if (pad > 0)
    {
      guint a = value[in[i]], b = value[in[i + 1]];

      out[n++] = (a << 2) | (b >> 4);
      if (pad == 1)
        out[n++] = (b << 4) | ((guint) value[in[i + 2]] >> 2);
    }
  return n;
}

static guchar *
decode_base64 (const char *b64,
               gsize       len,
               gsize      *out_len)
{
  guchar *out = g_malloc ((len / 4) * 3 + 4);

  *out_len = decode_base64_into (b64, len, out);
  return out;
}

/* Authenticates and decrypts @sealed in place; @plain_len is set. */
static gboolean
open_sealed (const HearthKey *key,
             const char      *aad,
             const guchar    *nonce,
             gsize            nonce_len,
             guchar          *sealed,
             gsize            sealed_len,
             gsize           *plain_len,
             GError         **error)
{
  unsigned long long len = 0;

  if (nonce_len != NONCE_BYTES || sealed_len < TAG_BYTES)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("its encrypted contents are malformed"));
      return FALSE;
    }
  /* libsodium checks the tag before it writes, and the plaintext is
   * shorter than what it replaces. */
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (sealed, &len, NULL, sealed, sealed_len,
                                                  (const guint8 *) aad, strlen (aad),
                                                  nonce, key->bytes) != 0)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("it failed authentication (changed, damaged, or moved from another place)"));
      return FALSE;
    }
  sealed[len] = '\0';
  *plain_len = len;
  return TRUE;
}

/**
 * hearth_vault_open_in_place:
 * @ciphertext_b64: (inout): the base64 text of the sealed contents, which
 *   is decoded and decrypted where it lies
 * @plain_len: (out): the length of the plaintext, which then starts at
 *   @ciphertext_b64 and ends in a NUL
 *
 * hearth_vault_open() without a copy: the caller wipes the plaintext with
 * sodium_memzero() once it is read.
 *
 * Returns: %FALSE with %HEARTH_ERROR_DAMAGED when it does not authenticate
 */
gboolean
hearth_vault_open_in_place (const HearthKey *key,
                            const char      *aad,
                            const char      *nonce_b64,
                            gsize            nonce_b64_len,
                            char            *ciphertext_b64,
                            gsize            ciphertext_b64_len,
                            gsize           *plain_len,
                            GError         **error)
{
  g_autofree guchar *nonce = NULL;
  gsize              nonce_len = 0, sealed_len;

  nonce = decode_base64 (nonce_b64, nonce_b64_len, &nonce_len);
  sealed_len = decode_base64_into (ciphertext_b64, ciphertext_b64_len, (guchar *) ciphertext_b64);
  /* The NUL after the plaintext needs a byte: the tag has sixteen. */
  return open_sealed (key, aad, nonce, nonce_len, (guchar *) ciphertext_b64, sealed_len, plain_len, error);
}

/**
 * hearth_vault_open_len:
 * hearth_vault_open() of base64 texts of the given lengths, which need not
 * end in a NUL.
 */
GBytes *
hearth_vault_open_len (const HearthKey *key,
                       const char      *aad,
                       const char      *nonce_b64,
                       gsize            nonce_b64_len,
                       const char      *ciphertext_b64,
                       gsize            ciphertext_b64_len,
                       GError         **error)
{
  g_autofree guchar *nonce = NULL;
  guchar            *plain;
  gsize              nonce_len = 0, sealed_len = 0, plain_len = 0;

  nonce = decode_base64 (nonce_b64, nonce_b64_len, &nonce_len);
  plain = decode_base64 (ciphertext_b64, ciphertext_b64_len, &sealed_len);
  if (!open_sealed (key, aad, nonce, nonce_len, plain, sealed_len, &plain_len, error))
    {
      g_free (plain);
      return NULL;
    }
  {
    /* Journal text: wiped when the last reference goes. */
    Plain *owner = g_new (Plain, 1);

    owner->data = plain;
    owner->len = plain_len + 1;
    return g_bytes_new_with_free_func (plain, plain_len, plain_wipe_free, owner);
  }
}

/**
 * hearth_vault_key_check:
 * A value that tells data keys apart without revealing them: keyed BLAKE2b
 * (crypto_generichash, 32 bytes) of `hearth:1:<journal id>:check` under
 * @key. A device remembers it to notice a manifest that unwraps to another
 * key than the journal's.
 *
 * Returns: (transfer full): the check value in base64
 */
char *
hearth_vault_key_check (const char      *journal_id,
                        const HearthKey *key)
{
  g_autofree char *message = g_strdup_printf ("hearth:1:%s:check", journal_id);
  guint8           check[crypto_generichash_BYTES];

  crypto_generichash (check, sizeof check, (const guint8 *) message, strlen (message),
                      key->bytes, sizeof key->bytes);
  return g_base64_encode (check, sizeof check);
}

/* ------------------------------------------------------------------------ */
/* Every data key of a journal                                               */

typedef struct
{
  char      *id;
  HearthKey *key;
} PreviousKey;

struct _HearthKeySet
{
  HearthKey *current;
  char      *current_id; /* NULL for a journal whose key was never replaced */
  GPtrArray *previous;   /* PreviousKey, oldest first */
};

static void
previous_key_free (PreviousKey *previous)
{
  g_free (previous->id);
  hearth_key_free (previous->key);
  g_free (previous);
}

static HearthKeySet *
key_set_alloc (void)
{
  HearthKeySet *keys = g_new0 (HearthKeySet, 1);

  keys->previous = g_ptr_array_new_with_free_func ((GDestroyNotify) previous_key_free);
  return keys;
}

static void
key_set_add_previous (HearthKeySet    *keys,
                      const char      *id,
                      const HearthKey *key)
{
  PreviousKey *previous = g_new0 (PreviousKey, 1);

  previous->id = g_strdup (id);
  previous->key = hearth_key_copy (key);
  g_ptr_array_add (keys->previous, previous);
}

/**
 * hearth_key_set_new:
 * Returns: (transfer full): the keys of a journal whose only key is @key
 */
HearthKeySet *
hearth_key_set_new (const HearthKey *key)
{
  HearthKeySet *keys = key_set_alloc ();

  keys->current = hearth_key_copy (key);
  return keys;
}

HearthKeySet *
hearth_key_set_copy (const HearthKeySet *keys)
{
  HearthKeySet *copy = hearth_key_set_new (keys->current);

  copy->current_id = g_strdup (keys->current_id);
  for (guint i = 0; i < keys->previous->len; i++)
    {
      PreviousKey *previous = g_ptr_array_index (keys->previous, i);
      key_set_add_previous (copy, previous->id, previous->key);
    }
  return copy;
}

void
hearth_key_set_free (HearthKeySet *keys)
{
  if (keys == NULL)
    return;
  hearth_key_free (keys->current);
  g_free (keys->current_id);
  g_ptr_array_unref (keys->previous);
  g_free (keys);
}

/* The key that seals what is written now. */
const HearthKey *
hearth_key_set_get_current (const HearthKeySet *keys)
{
  return keys->current;
}

/* The id of the current key, %NULL when the journal's key was never
 * replaced (its files then name no key). */
const char *
hearth_key_set_get_current_id (const HearthKeySet *keys)
{
  return keys->current_id;
}

/**
 * hearth_key_set_lookup:
 * @key_id: (nullable): the `key_id` a file names, %NULL when it names none
 *
 * Returns: (nullable): the key that sealed such a file: for %NULL the
 *   journal's first key, else the key of that id; %NULL when the journal
 *   holds no such key
 */
const HearthKey *
hearth_key_set_lookup (const HearthKeySet *keys,
                       const char         *key_id)
{
  if (key_id == NULL)
    {
      if (keys->previous->len > 0)
        return ((PreviousKey *) g_ptr_array_index (keys->previous, 0))->key;
      return keys->current;
    }
  if (g_strcmp0 (keys->current_id, key_id) == 0)
    return keys->current;
  for (guint i = 0; i < keys->previous->len; i++)
    {
      PreviousKey *previous = g_ptr_array_index (keys->previous, i);
      if (g_str_equal (previous->id, key_id))
        return previous->key;
    }
  return NULL;
}

/**
 * hearth_key_set_has_previous_check:
 * @check: a value of hearth_vault_key_check()
 *
 * Returns: whether one of the keys the current one replaced has @check:
 *   then a device that remembers @check sees a re-key, not another key
 */
gboolean
hearth_key_set_has_previous_check (const HearthKeySet *keys,
                                   const char         *journal_id,
                                   const char         *check)
{
  for (guint i = 0; i < keys->previous->len; i++)
    {
      PreviousKey     *previous = g_ptr_array_index (keys->previous, i);
      g_autofree char *mine = hearth_vault_key_check (journal_id, previous->key);

      if (g_str_equal (mine, check))
        return TRUE;
    }
  return FALSE;
}

/* Key ids are short and plain: they end up in every file's wrapper. */
gboolean
hearth_key_id_is_valid (const char *key_id)
{
  gsize len = key_id ? strlen (key_id) : 0;

  if (len == 0 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (key_id[i]) && key_id[i] != '-' && key_id[i] != '_')
      return FALSE;
  return TRUE;
}

static char *
previous_key_aad (const char *journal_id,
                  const char *key_id)
{
  return g_strdup_printf ("hearth:1:%s:key:%s", journal_id, key_id);
}

static char *
new_key_id (const HearthKeySet *keys)
{
  for (;;)
    {
      guint8   raw[8];
      GString *id = g_string_sized_new (2 * sizeof raw);

      randombytes_buf (raw, sizeof raw);
      for (guint i = 0; i < sizeof raw; i++)
        g_string_append_printf (id, "%02x", raw[i]);
      if (keys == NULL || hearth_key_set_lookup (keys, id->str) == NULL)
        return g_string_free (id, FALSE);
      g_string_free (id, TRUE);
    }
}

static gboolean
set_damaged_keys (GError **error)
{
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                       _ ("The earlier keys in hearth-journal.json are damaged, so the files sealed with them cannot be read. Nothing was changed. Restore hearth-journal.json from a backup or from your partner’s computer."));
  return FALSE;
}

/* Unwraps the entries of `previous_keys` with the current key. */
static gboolean
unwrap_previous (const char   *journal_id,
                 JsonNode     *node,
                 HearthKeySet *keys,
                 GError      **error)
{
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || keys->current_id == NULL)
    return set_damaged_keys (error);
  array = json_node_get_array (node);
  if (json_array_get_length (array) > HEARTH_MAX_PREVIOUS_KEYS)
    return set_damaged_keys (error);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode          *e = json_array_get_element (array, i);
      JsonObject        *entry;
      const char        *id;
      g_autofree guchar *nonce = NULL;
      g_autofree guchar *sealed = NULL;
      g_autofree char   *aad = NULL;
      gsize              nonce_len = 0, sealed_len = 0;
      unsigned long long out_len = 0;
      g_autoptr(HearthKey) key = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return set_damaged_keys (error);
      entry = json_node_get_object (e);
      id = hearth_json_get_string (entry, "key_id", NULL);
      if (!hearth_key_id_is_valid (id) || hearth_key_set_lookup (keys, id) != NULL ||
          g_strcmp0 (hearth_json_get_string (entry, "cipher", ""), CIPHER_NAME) != 0)
        return set_damaged_keys (error);
      nonce = g_base64_decode (hearth_json_get_string (entry, "nonce", ""), &nonce_len);
      sealed = g_base64_decode (hearth_json_get_string (entry, "ciphertext", ""), &sealed_len);
      if (nonce_len != NONCE_BYTES || sealed_len != HEARTH_KEY_BYTES + TAG_BYTES)
        return set_damaged_keys (error);
      aad = previous_key_aad (journal_id, id);
      key = key_alloc ();
      if (crypto_aead_xchacha20poly1305_ietf_decrypt (key->bytes, &out_len, NULL,
                                                      sealed, sealed_len,
                                                      (const guint8 *) aad, strlen (aad),
                                                      nonce, keys->current->bytes) != 0 ||
          out_len != HEARTH_KEY_BYTES)
        return set_damaged_keys (error);
      key_set_add_previous (keys, id, key);
    }
  return TRUE;
}

/**
 * hearth_vault_unwrap_keys:
 * Unwraps the current data key with @passphrase, as
 * hearth_vault_unwrap_key() does, and the keys it replaced with it.
 *
 * Returns: (transfer full): every key of the journal, or %NULL with
 *   %HEARTH_ERROR_WRONG_PASSPHRASE or %HEARTH_ERROR_DAMAGED
 */
HearthKeySet *
hearth_vault_unwrap_keys (const char *journal_id,
                          JsonObject *encryption,
                          const char *passphrase,
                          GError    **error)
{
  g_autoptr(HearthKeySet) keys = key_set_alloc ();
  JsonNode *id = json_object_get_member (encryption, "key_id");

  keys->current = hearth_vault_unwrap_key (journal_id, encryption, passphrase, error);
  if (keys->current == NULL)
    return NULL;
  if (id != NULL && !JSON_NODE_HOLDS_NULL (id))
    {
      const char *text = hearth_json_get_string (encryption, "key_id", NULL);

      if (!hearth_key_id_is_valid (text))
        {
          set_damaged_keys (error);
          return NULL;
        }
      keys->current_id = g_strdup (text);
    }
  if (!unwrap_previous (journal_id, json_object_get_member (encryption, "previous_keys"), keys, error))
    return NULL;
  return g_steal_pointer (&keys);
}

/**
 * hearth_vault_rekey:
 * @keys: every key of the journal now
 * @passphrase: the passphrase that wraps the new key
 * @old_encryption: the manifest's `encryption` now (for its KDF limits)
 * @new_keys: (out): every key of the journal afterwards
 *
 * Draws a new data key with a new id. The current key joins the earlier
 * ones (the journal's first key gets an id then), and all of them are
 * wrapped under the new key; the new key is wrapped under @passphrase with
 * a fresh salt and the journal's KDF limits.
 *
 * Returns: (transfer full): the new `encryption` object
 */
JsonNode *
hearth_vault_rekey (const char         *journal_id,
                    const HearthKeySet *keys,
                    const char         *passphrase,
                    JsonObject         *old_encryption,
                    HearthKeySet      **new_keys,
                    GError            **error)
{
  g_autoptr(HearthKeySet) next = key_set_alloc ();
  g_autoptr(HearthKey) fresh = hearth_key_new_random ();
  g_autoptr(JsonNode) wrapped = NULL;
  g_autoptr(JsonArray) previous = json_array_new ();
  g_autofree char *old_id = keys->current_id ? g_strdup (keys->current_id) : new_key_id (keys);
  JsonObject      *encryption;

  wrapped = hearth_vault_rewrap_key (journal_id, fresh, passphrase, old_encryption, error);
  if (wrapped == NULL)
    return NULL;
  next->current = g_steal_pointer (&fresh);
  next->current_id = new_key_id (keys);
  for (guint i = 0; i < keys->previous->len; i++)
    {
      PreviousKey *earlier = g_ptr_array_index (keys->previous, i);
      key_set_add_previous (next, earlier->id, earlier->key);
    }
  key_set_add_previous (next, old_id, keys->current);

  for (guint i = 0; i < next->previous->len; i++)
    {
      PreviousKey       *earlier = g_ptr_array_index (next->previous, i);
      g_autofree char   *aad = previous_key_aad (journal_id, earlier->id);
      guint8             nonce[NONCE_BYTES];
      guint8             sealed[HEARTH_KEY_BYTES + TAG_BYTES];
      unsigned long long sealed_len = 0;
      g_autofree char   *nonce_b64 = NULL;
      g_autofree char   *sealed_b64 = NULL;
      JsonObject        *entry = json_object_new ();

      randombytes_buf (nonce, sizeof nonce);
      crypto_aead_xchacha20poly1305_ietf_encrypt (sealed, &sealed_len,
                                                  earlier->key->bytes, HEARTH_KEY_BYTES,
                                                  (const guint8 *) aad, strlen (aad),
                                                  NULL, nonce, next->current->bytes);
      nonce_b64 = g_base64_encode (nonce, sizeof nonce);
      sealed_b64 = g_base64_encode (sealed, sealed_len);
      json_object_set_string_member (entry, "key_id", earlier->id);
      json_object_set_string_member (entry, "cipher", CIPHER_NAME);
      json_object_set_string_member (entry, "nonce", nonce_b64);
      json_object_set_string_member (entry, "ciphertext", sealed_b64);
      json_array_add_object_element (previous, entry);
    }

  encryption = json_node_get_object (wrapped);
  json_object_set_string_member (encryption, "key_id", next->current_id);
  json_object_set_array_member (encryption, "previous_keys", json_array_ref (previous));
  *new_keys = g_steal_pointer (&next);
  return g_steal_pointer (&wrapped);
}
