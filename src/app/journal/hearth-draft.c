/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-draft.h"
#include "hearth-entry.h"

/* The autosave of one entry being written: changes collect here and are
 * written a moment after the last one, or at once on hearth_draft_flush().
 * The save does not depend on the widget that made the draft: a pending
 * save keeps the draft alive until it is written, so a page or window that
 * goes away leaves nothing behind and writes nothing while it is torn
 * down. Before the journal locks, and when the session asks
 * (hearth_draft_flush_all()), every draft writes what it holds. A failed
 * save keeps the changes for the next try. */
struct _HearthDraft
{
  GObject parent_instance;

  HearthJournal *journal;
  char          *id;
  /* What a new entry starts with (author, reply_to, prompt…); NULL: nothing. */
  char          *base[HEARTH_DRAFT_N_TEXTS];
  /* Changes not written yet; a changed text of NULL is taken away. */
  gboolean       changed[HEARTH_DRAFT_N_TEXTS];
  char          *pending[HEARTH_DRAFT_N_TEXTS];
  gboolean       tags_changed;
  GStrv          pending_tags;
  /* The record as it was when editing started, to rebuild it from if it
   * vanishes from the journal meanwhile. */
  HearthRecord  *fallback;
  guint          timeout_id;
  const char    *status;
};

G_DEFINE_FINAL_TYPE (HearthDraft, hearth_draft, G_TYPE_OBJECT)

typedef void (*SetText) (HearthEntry *entry,
                         const char  *value);

/* In the order of HearthDraftText. */
static const SetText text_setters[HEARTH_DRAFT_N_TEXTS] = {
  hearth_entry_set_author,
  hearth_entry_set_title,
  hearth_entry_set_body,
  hearth_entry_set_mood,
  hearth_entry_set_prompt,
  hearth_entry_set_prompt_date,
  hearth_entry_set_reply_to,
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_DIRTY,
  PROP_STATUS,
  N_PROPS
};

enum
{
  SAVED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

/* Every draft of the process (main thread only), for hearth_draft_flush_all(). */
static GList *all_drafts;

static void
clear_base (HearthDraft *self)
{
  for (guint i = 0; i < HEARTH_DRAFT_N_TEXTS; i++)
    g_clear_pointer (&self->base[i], g_free);
}

static void
clear_pending (HearthDraft *self)
{
  for (guint i = 0; i < HEARTH_DRAFT_N_TEXTS; i++)
    {
      self->changed[i] = FALSE;
      g_clear_pointer (&self->pending[i], g_free);
    }
  self->tags_changed = FALSE;
  g_clear_pointer (&self->pending_tags, g_strfreev);
}

static void
set_status (HearthDraft *self,
            const char  *status)
{
  if (g_strcmp0 (self->status, status) == 0)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static gboolean
hearth_draft_timeout (gpointer user_data)
{
  HearthDraft *self = user_data;

  self->timeout_id = 0;
  hearth_draft_flush (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (HearthDraft *self)
{
  g_autoptr(HearthDraft) keep = g_object_ref (self);
  gboolean was_dirty = self->timeout_id != 0;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  /* The timeout holds the draft: the save happens even if its page is gone. */
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, HEARTH_DRAFT_DELAY_MS,
                                         hearth_draft_timeout, g_object_ref (self),
                                         g_object_unref);
  set_status (self, _ ("Saving…"));
  if (!was_dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
hearth_draft_dispose (GObject *object)
{
  HearthDraft *self = HEARTH_DRAFT (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->journal);
  g_clear_object (&self->fallback);

  G_OBJECT_CLASS (hearth_draft_parent_class)->dispose (object);
}

static void
hearth_draft_finalize (GObject *object)
{
  HearthDraft *self = HEARTH_DRAFT (object);

  all_drafts = g_list_remove (all_drafts, self);
  clear_base (self);
  clear_pending (self);
  g_free (self->id);

  G_OBJECT_CLASS (hearth_draft_parent_class)->finalize (object);
}

static void
hearth_draft_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HearthDraft *self = HEARTH_DRAFT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, hearth_draft_is_dirty (self));
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_draft_class_init (HearthDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_draft_dispose;
  object_class->finalize = hearth_draft_finalize;
  object_class->get_property = hearth_draft_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthDraft::saved:
   * @record: the record as the journal now holds it
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, HEARTH_TYPE_RECORD);
  /**
   * HearthDraft::failed:
   * @error: why it could not be saved; the changes are kept
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
hearth_draft_init (HearthDraft *self)
{
  self->status = "";
  all_drafts = g_list_prepend (all_drafts, self);
}

static void
on_journal_locking (HearthDraft   *self,
                    HearthJournal *journal)
{
  hearth_draft_flush (self);
}

/* The write of this draft's record failed after flush() returned. */
static void
on_save_failed (HearthDraft   *self,
                HearthRecord  *record,
                GError        *error,
                HearthJournal *journal)
{
  if (self->id == NULL || g_strcmp0 (hearth_record_get_id (record), self->id) != 0)
    return;
  set_status (self, _ ("Not saved"));
  g_signal_emit (self, signals[FAILED], 0, error);
}

/**
 * hearth_draft_new:
 * @journal: the journal it writes the entry to
 *
 * Returns: (transfer full): a draft with nothing in it yet
 */
HearthDraft *
hearth_draft_new (HearthJournal *journal)
{
  HearthDraft *self;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  self = g_object_new (HEARTH_TYPE_DRAFT, NULL);
  self->journal = g_object_ref (journal);
  g_signal_connect_object (journal, "save-failed", G_CALLBACK (on_save_failed), self, G_CONNECT_SWAPPED);
  /* Written while the key is still there. */
  g_signal_connect_object (journal, "locking", G_CALLBACK (on_journal_locking), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * hearth_draft_flush_all:
 *
 * Saves what every draft of the process holds, whether or not a widget
 * still shows it: before quitting, locking or opening another journal.
 */
void
hearth_draft_flush_all (void)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);

  /* Flushing can drop the last reference of a draft: hold them all first. */
  for (GList *l = all_drafts; l != NULL; l = l->next)
    g_ptr_array_add (drafts, g_object_ref (l->data));
  for (guint i = 0; i < drafts->len; i++)
    hearth_draft_flush (g_ptr_array_index (drafts, i));
}

/**
 * hearth_draft_get_journal:
 * Returns: (transfer none): the journal the draft writes to
 */
HearthJournal *
hearth_draft_get_journal (HearthDraft *self)
{
  g_return_val_if_fail (HEARTH_IS_DRAFT (self), NULL);
  return self->journal;
}

static void
set_id (HearthDraft *self,
        const char  *id)
{
  if (g_strcmp0 (self->id, id) == 0)
    return;
  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * hearth_draft_start:
 * @record: (nullable): the record to edit, or %NULL for a new one, which is
 *   created by the first change
 *
 * Starts editing another record. Call hearth_draft_flush() before, so
 * nothing pending is lost (it is saved here anyway if you forget).
 */
void
hearth_draft_start (HearthDraft  *self,
                    HearthRecord *record)
{
  g_return_if_fail (HEARTH_IS_DRAFT (self));

  if (hearth_draft_is_dirty (self))
    hearth_draft_flush (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  clear_pending (self);
  clear_base (self);
  g_clear_object (&self->fallback);
  if (record != NULL)
    self->fallback = hearth_record_copy (record);
  set_id (self, record ? hearth_record_get_id (record) : NULL);
  set_status (self, "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/**
 * hearth_draft_set_base:
 * @value: (nullable): the text, or %NULL for none
 *
 * Sets a text a new entry starts with; it does not count as a change.
 */
void
hearth_draft_set_base (HearthDraft    *self,
                       HearthDraftText text,
                       const char     *value)
{
  g_return_if_fail (HEARTH_IS_DRAFT (self));
  g_return_if_fail (text < HEARTH_DRAFT_N_TEXTS);

  g_free (self->base[text]);
  self->base[text] = g_strdup (value);
}

/**
 * hearth_draft_set_text:
 * @value: (nullable): the new text; %NULL takes it away
 *
 * Records a change and saves it a moment later.
 */
void
hearth_draft_set_text (HearthDraft    *self,
                       HearthDraftText text,
                       const char     *value)
{
  g_return_if_fail (HEARTH_IS_DRAFT (self));
  g_return_if_fail (text < HEARTH_DRAFT_N_TEXTS);

  g_free (self->pending[text]);
  self->pending[text] = g_strdup (value);
  self->changed[text] = TRUE;
  schedule (self);
}

/**
 * hearth_draft_set_tags:
 * @tags: (nullable): the new tags; %NULL takes them away
 */
void
hearth_draft_set_tags (HearthDraft       *self,
                       const char *const *tags)
{
  g_return_if_fail (HEARTH_IS_DRAFT (self));

  g_strfreev (self->pending_tags);
  self->pending_tags = g_strdupv ((char **) tags);
  self->tags_changed = TRUE;
  schedule (self);
}

static void
apply_base (HearthDraft *self,
            HearthEntry *entry)
{
  for (guint i = 0; i < HEARTH_DRAFT_N_TEXTS; i++)
    if (self->base[i] != NULL)
      text_setters[i](entry, self->base[i]);
}

static void
apply_pending (HearthDraft *self,
               HearthEntry *entry)
{
  for (guint i = 0; i < HEARTH_DRAFT_N_TEXTS; i++)
    if (self->changed[i])
      text_setters[i](entry, self->pending[i]);
  if (self->tags_changed)
    hearth_entry_set_tags (entry, (const char *const *) self->pending_tags);
}

/**
 * hearth_draft_flush:
 * Saves pending changes now, synchronously.
 *
 * Returns: %TRUE when nothing is left unsaved; on failure the draft emits
 *   #HearthDraft::failed and keeps the changes
 */
gboolean
hearth_draft_flush (HearthDraft *self)
{
  g_autoptr(HearthDraft) keep = NULL;
  g_autoptr(HearthRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  HearthRecord *current;

  g_return_val_if_fail (HEARTH_IS_DRAFT (self), FALSE);

  /* Removing the timeout can drop the last reference. */
  keep = g_object_ref (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!hearth_draft_is_dirty (self) || self->journal == NULL)
    return TRUE;

  current = self->id ? hearth_journal_lookup (self->journal, self->id) : NULL;
  if (HEARTH_IS_ENTRY (current))
    copy = hearth_record_copy (current);
  else if (self->fallback != NULL)
    copy = hearth_record_copy (self->fallback);
  else
    {
      copy = hearth_journal_new_record (self->journal, "entry", self->id);
      apply_base (self, HEARTH_ENTRY (copy));
    }
  apply_pending (self, HEARTH_ENTRY (copy));

  if (!hearth_journal_queue_save (self->journal, copy, &error))
    {
      set_status (self, _ ("Not saved"));
      g_signal_emit (self, signals[FAILED], 0, error);
      return FALSE;
    }

  clear_pending (self);
  set_id (self, hearth_record_get_id (copy));
  set_status (self, _ ("Saved"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
  g_signal_emit (self, signals[SAVED], 0, copy);
  return TRUE;
}

/**
 * hearth_draft_get_id:
 * Returns: (nullable): the id of the record, %NULL while a new one has not
 *   been saved yet
 */
const char *
hearth_draft_get_id (HearthDraft *self)
{
  g_return_val_if_fail (HEARTH_IS_DRAFT (self), NULL);
  return self->id;
}

/**
 * hearth_draft_is_dirty:
 * Returns: whether some change has not been written yet
 */
gboolean
hearth_draft_is_dirty (HearthDraft *self)
{
  g_return_val_if_fail (HEARTH_IS_DRAFT (self), FALSE);
  if (self->tags_changed)
    return TRUE;
  for (guint i = 0; i < HEARTH_DRAFT_N_TEXTS; i++)
    if (self->changed[i])
      return TRUE;
  return FALSE;
}

/**
 * hearth_draft_get_status:
 * Returns: a quiet word for the editor's header: "Saving…", "Saved",
 *   "Not saved", or empty
 */
const char *
hearth_draft_get_status (HearthDraft *self)
{
  g_return_val_if_fail (HEARTH_IS_DRAFT (self), NULL);
  return self->status;
}
