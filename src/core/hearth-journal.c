/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "hearth-checkin.h"
#include "hearth-entry.h"
#include "hearth-gratitude.h"
#include "hearth-journal-private.h"
#include "hearth-occurrence.h"
#include "hearth-partner.h"
#include "hearth-ritual.h"
#include "hearth-text.h"

G_DEFINE_FINAL_TYPE (HearthJournal, hearth_journal, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

void
_hearth_journal_notify (HearthJournal *self,
                        guint          prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_hearth_journal_emit (HearthJournal *self,
                      guint          signal,
                      ...)
{
  va_list args;

  va_start (args, signal);
  g_signal_emit_valist (self, signals[signal], 0, args);
  va_end (args);
}

static const struct
{
  const char *kind;
  gboolean    descending;
} kinds[HEARTH_N_KINDS] = {
  [HEARTH_KIND_ENTRY] = { "entry", TRUE },
  [HEARTH_KIND_GRATITUDE] = { "gratitude", TRUE },
  [HEARTH_KIND_RITUAL] = { "ritual", FALSE },
  [HEARTH_KIND_OCCURRENCE] = { "occurrence", TRUE },
  [HEARTH_KIND_CHECKIN] = { "checkin", TRUE },
  [HEARTH_KIND_PARTNER] = { "partner", FALSE }
};

static GType
kind_gtype (HearthKind kind)
{
  switch (kind)
    {
    case HEARTH_KIND_ENTRY:
      return HEARTH_TYPE_ENTRY;
    case HEARTH_KIND_GRATITUDE:
      return HEARTH_TYPE_GRATITUDE;
    case HEARTH_KIND_RITUAL:
      return HEARTH_TYPE_RITUAL;
    case HEARTH_KIND_OCCURRENCE:
      return HEARTH_TYPE_OCCURRENCE;
    case HEARTH_KIND_CHECKIN:
      return HEARTH_TYPE_CHECKIN;
    case HEARTH_KIND_PARTNER:
      return HEARTH_TYPE_PARTNER;
    case HEARTH_N_KINDS:
    default:
      return HEARTH_TYPE_RECORD;
    }
}

int
_hearth_journal_kind_index (const char *kind)
{
  for (int i = 0; i < HEARTH_N_KINDS; i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return i;
  return -1;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

void
_hearth_journal_clear_records (HearthJournal *self)
{
  for (int k = 0; k < HEARTH_N_KINDS; k++)
    hearth_record_list_remove_all (self->lists[k]);
  g_hash_table_remove_all (self->live);
  g_hash_table_remove_all (self->winners);
  g_hash_table_remove_all (self->unwritten);
  g_hash_table_remove_all (self->shards);
  g_clear_object (&self->info);
  g_clear_pointer (&self->me, g_free);
  g_clear_pointer (&self->file_partner, g_free);
  g_hash_table_remove_all (self->trust);
}

static void
hearth_journal_dispose (GObject *object)
{
  HearthJournal *self = HEARTH_JOURNAL (object);

  hearth_journal_set_watching (self, FALSE);
  if (self->shards != NULL)
    _hearth_journal_clear_records (self);
  for (int k = 0; k < HEARTH_N_KINDS; k++)
    g_clear_object (&self->lists[k]);

  G_OBJECT_CLASS (hearth_journal_parent_class)->dispose (object);
}

static void
hearth_journal_finalize (GObject *object)
{
  HearthJournal *self = HEARTH_JOURNAL (object);

  g_clear_pointer (&self->key, hearth_key_free);
  g_clear_pointer (&self->keys, hearth_key_set_free);
  g_clear_pointer (&self->manifest, json_object_unref);
  g_clear_pointer (&self->shards, g_hash_table_unref);
  g_clear_pointer (&self->winners, g_hash_table_unref);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->prepared, g_hash_table_unref);
  g_clear_pointer (&self->unwritten, g_hash_table_unref);
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_pointer (&self->trust, g_hash_table_unref);
  g_clear_pointer (&self->state, hearth_state_free);
  g_clear_pointer (&self->scopes, g_array_unref);
  g_clear_error (&self->tampered);
  g_free (self->file_partner);
  g_free (self->path);
  g_free (self->id);
  g_free (self->device_id);
  g_free (self->me);

  G_OBJECT_CLASS (hearth_journal_parent_class)->finalize (object);
}

static void
hearth_journal_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HearthJournal *self = HEARTH_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, hearth_journal_get_name (self));
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, hearth_journal_is_locked (self));
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, hearth_journal_is_saving (self));
      break;
    case PROP_ABSORBS_CONFLICTS:
      g_value_set_boolean (value, self->absorbs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_journal_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HearthJournal *self = HEARTH_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_ABSORBS_CONFLICTS:
      hearth_journal_set_absorbs_conflicts (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_journal_class_init (HearthJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_journal_dispose;
  object_class->finalize = hearth_journal_finalize;
  object_class->get_property = hearth_journal_get_property;
  object_class->set_property = hearth_journal_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * HearthJournal:saving:
   * Whether a write is in flight (hearth_journal_is_saving()).
   */
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * HearthJournal:absorbs-conflicts:
   *
   * Whether loading and watching take the sync tool's conflict copies of
   * this device's own files into those files and remove the copies (see
   * hearth_journal_set_absorbs_conflicts()). %TRUE unless turned off.
   */
  properties[PROP_ABSORBS_CONFLICTS] =
    g_param_spec_boolean ("absorbs-conflicts", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthJournal::year-loaded:
   * @year: the year whose files were merged, 0 for the shared files
   *
   * Emitted while loading, newest year first, once that year's records are
   * in the models.
   */
  signals[YEAR_LOADED] =
    g_signal_new ("year-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[PROBLEMS_CHANGED] =
    g_signal_new ("problems-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * HearthJournal::records-arrived:
   * @records: (element-type HearthRecord): records new or changed in
   *   another device's files
   *
   * Emitted after a rescan merged files the sync tool brought.
   */
  signals[RECORDS_ARRIVED] =
    g_signal_new ("records-arrived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  /**
   * HearthJournal::save-failed:
   * @record: the record that was not written
   * @error: why, in words for the person
   *
   * A hearth_journal_save_async() could not write @record; the models show
   * what the files hold again.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, HEARTH_TYPE_RECORD, G_TYPE_ERROR);
  /**
   * HearthJournal::locking:
   *
   * hearth_journal_lock() is about to wipe the key and every record: the
   * last moment to take what must outlive it (the reminders' schedule).
   */
  signals[LOCKING] =
    g_signal_new ("locking", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hearth_journal_init (HearthJournal *self)
{
  self->shards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) hearth_shard_free);
  /* Keyed by the id inside each body. */
  self->winners = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) hearth_record_data_unref);
  self->live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->unwritten = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) hearth_record_data_unref);
  self->trust = _hearth_journal_trust_table_new ();
  self->absorbs = TRUE;
  for (int k = 0; k < HEARTH_N_KINDS; k++)
    self->lists[k] = hearth_record_list_new (kind_gtype (k), kinds[k].descending);
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                 */

const char *
hearth_journal_get_path (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);
  return self->path;
}

const char *
hearth_journal_get_id (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);
  return self->id;
}

/**
 * hearth_journal_get_name:
 * Returns: (nullable): the journal's display name, once loaded
 */
const char *
hearth_journal_get_name (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);
  return self->info ? hearth_record_get_string (self->info, "name") : NULL;
}

gboolean
hearth_journal_is_encrypted (HearthJournal *self)
{
  return self->encrypted;
}

gboolean
hearth_journal_is_locked (HearthJournal *self)
{
  return self->encrypted && self->key == NULL;
}

gboolean
hearth_journal_is_loaded (HearthJournal *self)
{
  return self->loaded;
}

/**
 * hearth_journal_is_fully_loaded:
 * Whether every file was read: loaded, and not by
 * hearth_journal_load_scope() alone.
 */
gboolean
hearth_journal_is_fully_loaded (HearthJournal *self)
{
  return self->loaded && self->scopes == NULL;
}

/**
 * hearth_journal_is_read_only:
 * Whether the journal opened read-only: made by a newer version, or its
 * manifest was turned against it (see hearth_journal_get_problems()).
 */
gboolean
hearth_journal_is_read_only (HearthJournal *self)
{
  return self->read_only || self->tampered != NULL || _hearth_journal_holds_encrypted_files (self);
}

/**
 * hearth_journal_get_device_id:
 * Returns: (nullable): the id this installation writes under, %NULL when it
 *   has never joined the journal
 */
const char *
hearth_journal_get_device_id (HearthJournal *self)
{
  return self->device_id;
}

/**
 * hearth_journal_get_me:
 * Returns: (nullable): the partner id of this device, once loaded and joined
 */
const char *
hearth_journal_get_me (HearthJournal *self)
{
  return self->me;
}

/**
 * hearth_journal_get_partner_id:
 * Returns: (nullable): the id of the other partner than hearth_journal_get_me()
 */
const char *
hearth_journal_get_partner_id (HearthJournal *self)
{
  GListModel *partners = G_LIST_MODEL (self->lists[HEARTH_KIND_PARTNER]);

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(HearthRecord) p = g_list_model_get_item (partners, i);
      if (g_strcmp0 (hearth_record_get_id (p), self->me) != 0)
        return hearth_record_get_id (p);
    }
  return NULL;
}

/**
 * hearth_journal_get_model:
 * Returns: (transfer none): the sorted list of visible records of @kind
 */
GListModel *
hearth_journal_get_model (HearthJournal *self,
                          HearthKind     kind)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (kind < HEARTH_N_KINDS, NULL);
  return G_LIST_MODEL (self->lists[kind]);
}

/**
 * hearth_journal_lookup:
 * Returns: (transfer none) (nullable): the visible record with @id
 */
HearthRecord *
hearth_journal_lookup (HearthJournal *self,
                       const char    *id)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);
  if (g_strcmp0 (id, "journal") == 0)
    return self->info;
  return g_hash_table_lookup (self->live, id);
}

/**
 * hearth_journal_get_partner:
 * Returns: (transfer none) (nullable): the partner record with @partner_id
 */
HearthRecord *
hearth_journal_get_partner (HearthJournal *self,
                            const char    *partner_id)
{
  HearthRecord *record;

  if (partner_id == NULL)
    return NULL;
  record = g_hash_table_lookup (self->live, partner_id);
  if (record == NULL || !HEARTH_IS_PARTNER (record))
    return NULL;
  return record;
}

/**
 * hearth_journal_get_info:
 * Returns: (transfer none) (nullable): the `journal` record (name, check-in
 *   questions and other couple-wide settings)
 */
HearthRecord *
hearth_journal_get_info (HearthJournal *self)
{
  return self->info;
}

/**
 * hearth_journal_set_absorbs_conflicts:
 * @absorbs: %FALSE for a reader that must never write to the folder
 *
 * Whether loading (and, once loaded, watching) takes every sync-tool
 * conflict copy of one of this device's own files into that file, written
 * as every write is, and then removes the copy. Copies in other devices'
 * folders are only ever read: their own devices take them in. Set it before
 * hearth_journal_load().
 */
void
hearth_journal_set_absorbs_conflicts (HearthJournal *self,
                                      gboolean       absorbs)
{
  g_return_if_fail (HEARTH_IS_JOURNAL (self));

  absorbs = !!absorbs;
  if (self->absorbs == absorbs)
    return;
  self->absorbs = absorbs;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ABSORBS_CONFLICTS]);
}

gboolean
hearth_journal_get_absorbs_conflicts (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);
  return self->absorbs;
}

/* ------------------------------------------------------------------------ */
/* Searching                                                                 */

static void
search_list (GListModel *list,
             GStrv       words,
             GPtrArray  *found)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      HearthRecord *record = g_list_model_get_item (list, i);

      if (hearth_record_matches (record, (const char *const *) words))
        g_ptr_array_add (found, record);
      else
        g_object_unref (record);
    }
}

/* search_list() of the bodies of one kind, for a journal loaded to
 * search: objects only for what is found, in the order of the model. */
static void
search_bodies (HearthJournal *self,
               HearthKind     kind,
               GStrv          words,
               GPtrArray     *found)
{
  g_autoptr(HearthRecordList) list = hearth_record_list_new (kind_gtype (kind), kinds[kind].descending);
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, self->winners);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      HearthRecordData *data = value;

      if (!data->deleted && _hearth_journal_kind_index (data->kind) == (int) kind &&
          hearth_record_data_matches (data, (const char *const *) words))
        g_ptr_array_add (matches, hearth_record_new_for_data (data));
    }
  hearth_record_list_insert_many (list, matches);
  search_list (G_LIST_MODEL (list), words, found);
}

/**
 * hearth_journal_search:
 * @query: words to find, in any case and with or without accents
 *
 * Returns: (transfer container) (element-type HearthRecord): entries, then
 *   gratitude notes, that contain every word of @query, newest first
 */
GPtrArray *
hearth_journal_search (HearthJournal *self,
                       const char    *query)
{
  GPtrArray       *found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folded = hearth_text_fold (query);
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) nonempty = g_ptr_array_new ();

  words = g_strsplit_set (folded, " \t\n\r", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_ptr_array_add (nonempty, words[i]);
  g_ptr_array_add (nonempty, NULL);
  if (nonempty->len == 1)
    return found;
  for (HearthKind k = HEARTH_KIND_ENTRY; k <= HEARTH_KIND_GRATITUDE; k++)
    if (self->to_search)
      search_bodies (self, k, (GStrv) nonempty->pdata, found);
    else
      search_list (G_LIST_MODEL (self->lists[k]), (GStrv) nonempty->pdata, found);
  return found;
}

/* Every key of the journal (docs/format.md, "Replacing the key"), or
 * NULL while locked or without passphrase. */
const HearthKeySet *
hearth_journal_get_key_set (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);

  return self->keys;
}

const HearthKey *
hearth_journal_get_data_key (HearthJournal *self)
{
  return self->key;
}

HearthRecordData *
hearth_journal_lookup_version (HearthJournal *self,
                               const char    *id)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);

  return g_hash_table_lookup (self->winners, id);
}

/**
 * hearth_journal_collect_marks:
 *
 * Returns: (transfer full): ritual id → (`YYYY-MM-DD` → "done" or
 *   "skipped") for every visible occurrence record, the input of
 *   hearth_stats_schedule() and friends
 */
GHashTable *
hearth_journal_collect_marks (HearthJournal *self)
{
  GListModel *model = hearth_journal_get_model (self, HEARTH_KIND_OCCURRENCE);
  GHashTable *by_ritual = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_hash_table_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HearthRecord) r = g_list_model_get_item (model, i);
      const char *ritual = hearth_record_get_string (r, "ritual");
      const char *date = hearth_record_get_string (r, "date");
      const char *status = hearth_record_get_string (r, "status");
      GHashTable *marks;

      if (ritual == NULL || date == NULL || status == NULL)
        continue;
      marks = g_hash_table_lookup (by_ritual, ritual);
      if (marks == NULL)
        {
          marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (by_ritual, g_strdup (ritual), marks);
        }
      g_hash_table_insert (marks, g_strdup (date), g_strdup (status));
    }
  return by_ritual;
}
