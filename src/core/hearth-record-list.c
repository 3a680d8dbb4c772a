/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hearth-record-list.h"

/* A GListModel of records kept sorted by their sort key (then id), so that a
 * record is found, added or removed in O(log n) and the model emits
 * items-changed only where something changed. */
struct _HearthRecordList
{
  GObject    parent_instance;
  GType      item_type;
  gboolean   descending;
  GPtrArray *items;
};

static GType
hearth_record_list_get_item_type (GListModel *model)
{
  return HEARTH_RECORD_LIST (model)->item_type;
}

static guint
hearth_record_list_get_n_items (GListModel *model)
{
  return HEARTH_RECORD_LIST (model)->items->len;
}

static gpointer
hearth_record_list_get_item (GListModel *model,
                             guint       position)
{
  HearthRecordList *self = HEARTH_RECORD_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
hearth_record_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hearth_record_list_get_item_type;
  iface->get_n_items = hearth_record_list_get_n_items;
  iface->get_item = hearth_record_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (HearthRecordList, hearth_record_list, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, hearth_record_list_model_init))

static void
hearth_record_list_finalize (GObject *object)
{
  HearthRecordList *self = HEARTH_RECORD_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (hearth_record_list_parent_class)->finalize (object);
}

static void
hearth_record_list_class_init (HearthRecordListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hearth_record_list_finalize;
}

static void
hearth_record_list_init (HearthRecordList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

HearthRecordList *
hearth_record_list_new (GType    item_type,
                        gboolean descending)
{
  HearthRecordList *self = g_object_new (HEARTH_TYPE_RECORD_LIST, NULL);

  self->item_type = item_type;
  self->descending = descending;
  return self;
}

static int
compare (HearthRecordList *self,
         HearthRecord     *a,
         HearthRecord     *b)
{
  gint64 ka = hearth_record_get_sort_key (a);
  gint64 kb = hearth_record_get_sort_key (b);
  int    c;

  if (ka != kb)
    c = ka < kb ? -1 : 1;
  else
    c = g_strcmp0 (hearth_record_get_id (a), hearth_record_get_id (b));
  return self->descending ? -c : c;
}

static int
compare_qsort (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return compare (user_data, *(HearthRecord **) a, *(HearthRecord **) b);
}

/* The first position whose item does not sort before @record. */
static guint
lower_bound (HearthRecordList *self,
             HearthRecord     *record)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (compare (self, g_ptr_array_index (self->items, mid), record) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
hearth_record_list_find (HearthRecordList *self,
                         HearthRecord     *record,
                         guint            *position)
{
  guint pos = lower_bound (self, record);

  if (pos < self->items->len && g_ptr_array_index (self->items, pos) == record)
    {
      if (position)
        *position = pos;
      return TRUE;
    }
  /* The record's key changed behind our back; fall back to a scan. */
  for (guint i = 0; i < self->items->len; i++)
    if (g_ptr_array_index (self->items, i) == record)
      {
        if (position)
          *position = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * hearth_record_list_insert:
 * Adds @record at its sorted place; its sort key is computed now.
 */
void
hearth_record_list_insert (HearthRecordList *self,
                           HearthRecord     *record)
{
  guint pos;

  hearth_record_update_sort_key (record);
  pos = lower_bound (self, record);
  g_ptr_array_insert (self->items, pos, g_object_ref (record));
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
}

/**
 * hearth_record_list_insert_many:
 * Adds many records with a single items-changed signal that covers only the
 * stretch from the first new record to the last: rows above and below it
 * stay as they are (an older year, added below the newest, changes nothing
 * a list already shows).
 */
void
hearth_record_list_insert_many (HearthRecordList *self,
                                GPtrArray        *records)
{
  g_autoptr(GPtrArray) added = NULL;
  GPtrArray *merged;
  guint      old_len = self->items->len;
  guint      i = 0, j = 0, first = G_MAXUINT, last = 0;

  if (records->len == 0)
    return;
  if (records->len < 16)
    {
      for (guint k = 0; k < records->len; k++)
        hearth_record_list_insert (self, g_ptr_array_index (records, k));
      return;
    }
  added = g_ptr_array_sized_new (records->len);
  for (guint k = 0; k < records->len; k++)
    {
      HearthRecord *r = g_ptr_array_index (records, k);
      hearth_record_update_sort_key (r);
      g_ptr_array_add (added, r);
    }
  g_ptr_array_sort_with_data (added, compare_qsort, self);

  /* Both are sorted: merge them, noting where the new ones went. */
  merged = g_ptr_array_new_full (old_len + added->len, g_object_unref);
  while (i < old_len || j < added->len)
    {
      if (j < added->len &&
          (i == old_len || compare (self, g_ptr_array_index (added, j),
                                    g_ptr_array_index (self->items, i)) < 0))
        {
          first = MIN (first, merged->len);
          last = merged->len;
          g_ptr_array_add (merged, g_object_ref (g_ptr_array_index (added, j++)));
        }
      else
        g_ptr_array_add (merged, g_ptr_array_index (self->items, i++));
    }
  /* The old array's references moved to the merged one. */
  g_ptr_array_set_free_func (self->items, NULL);
  g_ptr_array_unref (self->items);
  self->items = merged;
  g_list_model_items_changed (G_LIST_MODEL (self), first,
                              last + 1 - first - added->len, last + 1 - first);
}

gboolean
hearth_record_list_remove (HearthRecordList *self,
                           HearthRecord     *record)
{
  guint pos;

  if (!hearth_record_list_find (self, record, &pos))
    return FALSE;
  g_ptr_array_remove_index (self->items, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
  return TRUE;
}

/**
 * hearth_record_list_replace_data:
 * Gives @record a new version and keeps it at its sorted place: one
 * items-changed for the row, or a move when its sort key changed.
 */
void
hearth_record_list_replace_data (HearthRecordList *self,
                                 HearthRecord     *record,
                                 HearthRecordData *data)
{
  gint64 old_key = hearth_record_get_sort_key (record);
  guint  pos;

  if (!hearth_record_list_find (self, record, &pos))
    {
      hearth_record_set_data (record, data);
      return;
    }
  hearth_record_set_data (record, data);
  hearth_record_update_sort_key (record);
  if (hearth_record_get_sort_key (record) == old_key)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
      return;
    }
  g_object_ref (record);
  g_ptr_array_remove_index (self->items, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
  hearth_record_list_insert (self, record);
  g_object_unref (record);
}

void
hearth_record_list_remove_all (HearthRecordList *self)
{
  guint n = self->items->len;

  if (n == 0)
    return;
  g_ptr_array_set_size (self->items, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}
