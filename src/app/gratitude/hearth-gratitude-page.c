/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-day-picker.h"
#include "hearth-gratitude.h"
#include "hearth-gratitude-dialog.h"
#include "hearth-gratitude-page.h"
#include "hearth-gratitude-row.h"
#include "hearth-partner.h"
#include "hearth-stats.h"
#include "hearth-text.h"
#include "hearth-ui-util.h"

/* The gratitude log: this week's thanks each way, a quick "I appreciated…"
 * row, and every note newest first, grouped by week. */

typedef enum
{
  FILTER_EVERYONE,
  FILTER_FROM_ME,
  FILTER_FROM_PARTNER,
} FilterMode;

struct _HearthGratitudePage
{
  GtkWidget parent_instance;

  GtkDrawingArea  *me_dot;
  GtkDrawingArea  *partner_dot;
  GtkLabel        *me_count;
  GtkLabel        *partner_count;
  GtkDropDown     *filter_dropdown;
  AdwEntryRow     *quick_entry;
  HearthDayPicker *quick_date;
  GtkWidget       *add_button;
  GtkStack        *stack;
  GtkListView     *list_view;
  AdwStatusPage   *empty_page;

  HearthJournal      *journal;
  GtkStringList      *filter_names;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  /* The GtkListItems bound right now (not owned): their week headers depend
   * on their neighbours, so they are refreshed when the list changes. */
  GPtrArray          *bound;
  guint               refresh_id;
  FilterMode          mode;
  GdkRGBA             me_color;
  GdkRGBA             partner_color;
};

G_DEFINE_FINAL_TYPE (HearthGratitudePage, hearth_gratitude_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Names, weeks and counts                                                    */

static const char *
partner_name (HearthGratitudePage *self,
              const char          *id)
{
  HearthRecord *partner = id ? hearth_journal_get_partner (self->journal, id) : NULL;
  const char   *name = partner ? hearth_partner_get_name (HEARTH_PARTNER (partner)) : NULL;

  return name ? name : _ ("Someone");
}

static const char *
partner_color (HearthGratitudePage *self,
               const char          *id)
{
  HearthRecord *partner = id ? hearth_journal_get_partner (self->journal, id) : NULL;

  return partner ? hearth_partner_get_color (HEARTH_PARTNER (partner)) : NULL;
}

static char *
direction_text (HearthGratitudePage *self,
                const char          *from,
                const char          *to)
{
  /* Translators: who thanked whom, e.g. "Alex → Sam" */
  return g_strdup_printf (_ ("%1$s → %2$s"), partner_name (self, from), partner_name (self, to));
}

/* The Julian day of the Monday starting the note's week; 0 when undated. */
static guint32
note_week (gpointer item)
{
  GDate day, monday;

  if (!hearth_date_parse (hearth_gratitude_get_date (HEARTH_GRATITUDE (item)), &day))
    return 0;
  hearth_stats_week_start (&day, &monday);
  return g_date_get_julian (&monday);
}

static guint32
this_week (void)
{
  g_autofree char *today_text = hearth_date_today ();
  GDate            today, monday;

  if (!hearth_date_parse (today_text, &today))
    return 0;
  hearth_stats_week_start (&today, &monday);
  return g_date_get_julian (&monday);
}

static guint32
model_week (GListModel *model,
            guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  return item ? note_week (item) : G_MAXUINT32;
}

static char *
week_title (guint32 week)
{
  guint32 current = this_week ();
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *day = NULL;
  GDate            monday;

  if (week == 0)
    return g_strdup (_ ("Undated"));
  if (week == current)
    return g_strdup (_ ("This week"));
  if (week + 7 == current)
    return g_strdup (_ ("Last week"));

  g_date_set_julian (&monday, week);
  time = g_date_time_new_local (g_date_get_year (&monday), g_date_get_month (&monday),
                                g_date_get_day (&monday), 12, 0, 0);
  /* Translators: the Monday a week starts on, in "Week of 9 November 2026"; see strftime(3) */
  day = g_date_time_format (time, _ ("%-d %B %Y"));
  /* Translators: %s is a day, e.g. "Week of 9 November 2026" */
  return g_strdup_printf (_ ("Week of %s"), day);
}

static char *
count_text (const char *from,
            const char *to,
            guint       n)
{
  if (n == 0)
    /* Translators: %1$s thanks %2$s; shown when there is no note this week */
    return g_strdup_printf (_ ("No thanks from %1$s to %2$s yet this week"), from, to);
  if (n == 1)
    return g_strdup_printf (_ ("%1$s thanked %2$s once this week"), from, to);
  return g_strdup_printf (ngettext ("%1$s thanked %2$s %3$u time this week",
                                    "%1$s thanked %2$s %3$u times this week", n),
                          from, to, n);
}

static void
update_counts (HearthGratitudePage *self)
{
  GListModel      *model = hearth_journal_get_model (self->journal, HEARTH_KIND_GRATITUDE);
  const char      *me = hearth_journal_get_me (self->journal);
  const char      *partner = hearth_journal_get_partner_id (self->journal);
  guint32          current = this_week ();
  guint            n_me = 0, n_partner = 0;
  g_autofree char *me_text = NULL;
  g_autofree char *partner_text = NULL;

  /* Newest first: only the notes dated in the future come before this
   * week's, so the walk stops at the first older note. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HearthRecord) note = g_list_model_get_item (model, i);
      guint32     week = note_week (note);
      const char *from = hearth_gratitude_get_from (HEARTH_GRATITUDE (note));

      if (week > current)
        continue;
      if (week < current)
        break;
      if (g_strcmp0 (from, me) == 0)
        n_me++;
      else if (g_strcmp0 (from, partner) == 0)
        n_partner++;
    }

  me_text = count_text (partner_name (self, me), partner_name (self, partner), n_me);
  partner_text = count_text (partner_name (self, partner), partner_name (self, me), n_partner);
  gtk_label_set_text (self->me_count, me_text);
  gtk_label_set_text (self->partner_count, partner_text);
}

/* ------------------------------------------------------------------------ */
/* The list                                                                  */

static void
update_empty (HearthGratitudePage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  if (empty && self->mode != FILTER_EVERYONE)
    {
      const char      *me = hearth_journal_get_me (self->journal);
      const char      *partner = hearth_journal_get_partner_id (self->journal);
      const char      *from = self->mode == FILTER_FROM_ME ? me : partner;
      const char      *to = self->mode == FILTER_FROM_ME ? partner : me;
      /* Translators: %1$s thanks %2$s; shown when the filter finds nothing */
      g_autofree char *description = g_strdup_printf (_ ("No notes from %1$s to %2$s so far."),
                                                      partner_name (self, from),
                                                      partner_name (self, to));

      adw_status_page_set_title (self->empty_page, _ ("No Notes"));
      adw_status_page_set_description (self->empty_page, description);
    }
  else if (empty)
    {
      adw_status_page_set_title (self->empty_page, _ ("Nothing Here Yet"));
      adw_status_page_set_description (self->empty_page, _ ("What did you appreciate today?"));
    }
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "log");
}

/* The model's order: newest first, then by id, like the journal's lists. */
static int
compare_notes (HearthRecord *a,
               HearthRecord *b)
{
  gint64 ka = hearth_record_get_sort_key (a);
  gint64 kb = hearth_record_get_sort_key (b);

  if (ka != kb)
    return ka > kb ? -1 : 1;
  return -g_strcmp0 (hearth_record_get_id (a), hearth_record_get_id (b));
}

/* Where @note is in the filtered list right now. A list item's own position
 * is only brought up to date when the list view lays out again, too late
 * for the rows it did not rebind. */
static guint
find_position (GListModel   *model,
               HearthRecord *note)
{
  guint lo = 0, hi = g_list_model_get_n_items (model);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(HearthRecord) item = g_list_model_get_item (model, mid);
      int c = compare_notes (item, note);

      if (c == 0)
        return mid;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
bind_row (HearthGratitudePage *self,
          GtkListItem         *list_item)
{
  HearthGratitudeRow *row = HEARTH_GRATITUDE_ROW (gtk_list_item_get_child (list_item));
  HearthRecord       *note = gtk_list_item_get_item (list_item);
  GListModel         *model = G_LIST_MODEL (self->filtered);
  guint               n = g_list_model_get_n_items (model);
  const char         *from, *to;
  g_autofree char    *direction = NULL;
  guint               position;
  guint32             week;

  if (note == NULL)
    return;
  position = find_position (model, note);
  if (position == GTK_INVALID_LIST_POSITION)
    position = gtk_list_item_get_position (list_item);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  from = hearth_gratitude_get_from (HEARTH_GRATITUDE (note));
  to = hearth_gratitude_get_to (HEARTH_GRATITUDE (note));
  direction = direction_text (self, from, to);
  hearth_gratitude_row_set_note (row, note, direction, partner_color (self, from),
                                 g_strcmp0 (from, hearth_journal_get_me (self->journal)) == 0);

  /* A row opens its week when the note before it is from another week;
   * the list is sorted by date, so the week's notes follow it. */
  week = note_week (note);
  if (position == 0 || model_week (model, position - 1) != week)
    {
      g_autofree char *title = week_title (week);
      guint            count = 1;

      while (position + count < n && model_week (model, position + count) == week)
        count++;
      hearth_gratitude_row_set_header (row, title, count);
    }
  else
    {
      hearth_gratitude_row_set_header (row, NULL, 0);
    }
}

static void
refresh_rows (HearthGratitudePage *self)
{
  for (guint i = 0; i < self->bound->len; i++)
    bind_row (self, g_ptr_array_index (self->bound, i));
}

/* A change anywhere can move a week boundary or a count onto rows that were
 * not rebound, and an edited note keeps its row: refresh every bound row once
 * the list view has caught up. */
static void
queue_refresh_rows (HearthGratitudePage *self)
{
  hearth_queue_idle (&self->refresh_id, G_PRIORITY_HIGH_IDLE, G_CALLBACK (refresh_rows), self);
}

static void
on_setup_item (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               HearthGratitudePage      *self)
{
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, hearth_gratitude_row_new ());
}

static void
on_bind_item (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              HearthGratitudePage      *self)
{
  g_ptr_array_add (self->bound, list_item);
  bind_row (self, list_item);
}

static void
on_unbind_item (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                HearthGratitudePage      *self)
{
  HearthGratitudeRow *row = HEARTH_GRATITUDE_ROW (gtk_list_item_get_child (list_item));

  if (self->bound != NULL)
    g_ptr_array_remove_fast (self->bound, list_item);
  hearth_gratitude_row_set_note (row, NULL, NULL, NULL, FALSE);
}

static void
on_filtered_changed (HearthGratitudePage *self)
{
  update_empty (self);
  queue_refresh_rows (self);
}

static void
on_notes_changed (HearthGratitudePage *self)
{
  update_counts (self);
}

/* ------------------------------------------------------------------------ */
/* Filter                                                                    */

static gboolean
filter_note (gpointer item,
             gpointer data)
{
  HearthGratitudePage *self = data;
  const char          *from = hearth_gratitude_get_from (HEARTH_GRATITUDE (item));

  switch (self->mode)
    {
    case FILTER_FROM_ME:
      return g_strcmp0 (from, hearth_journal_get_me (self->journal)) == 0;
    case FILTER_FROM_PARTNER:
      return g_strcmp0 (from, hearth_journal_get_partner_id (self->journal)) == 0;
    case FILTER_EVERYONE:
    default:
      return TRUE;
    }
}

static void
on_filter_selected (HearthGratitudePage *self)
{
  guint      selected = gtk_drop_down_get_selected (self->filter_dropdown);
  FilterMode mode = selected <= FILTER_FROM_PARTNER ? (FilterMode) selected : FILTER_EVERYONE;

  if (mode == self->mode || self->filter == NULL)
    return;
  self->mode = mode;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty (self);
}

/* ------------------------------------------------------------------------ */
/* Partners                                                                  */

static void
update_partners (HearthGratitudePage *self)
{
  const char      *me = hearth_journal_get_me (self->journal);
  const char      *partner = hearth_journal_get_partner_id (self->journal);
  g_autofree char *me_to_partner = direction_text (self, me, partner);
  g_autofree char *partner_to_me = direction_text (self, partner, me);
  const char      *names[] = { _ ("Everyone"), me_to_partner, partner_to_me, NULL };
  guint            selected = gtk_drop_down_get_selected (self->filter_dropdown);
  const char      *color;

  /* Replacing the strings moves the selection: put it back. */
  g_signal_handlers_block_by_func (self->filter_dropdown, on_filter_selected, self);
  gtk_string_list_splice (self->filter_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->filter_names)), names);
  gtk_drop_down_set_selected (self->filter_dropdown, selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
  g_signal_handlers_unblock_by_func (self->filter_dropdown, on_filter_selected, self);

  color = partner_color (self, me);
  if (color == NULL || !gdk_rgba_parse (&self->me_color, color))
    gdk_rgba_parse (&self->me_color, "#9a9996");
  color = partner_color (self, partner);
  if (color == NULL || !gdk_rgba_parse (&self->partner_color, color))
    gdk_rgba_parse (&self->partner_color, "#9a9996");
  gtk_widget_queue_draw (GTK_WIDGET (self->me_dot));
  gtk_widget_queue_draw (GTK_WIDGET (self->partner_dot));

  update_counts (self);
  queue_refresh_rows (self);
}

/* ------------------------------------------------------------------------ */
/* Adding, editing, deleting                                                 */

static void
show_toast (HearthGratitudePage *self,
            AdwToast            *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    {
      g_warning ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
    }
}

static void
show_error (HearthGratitudePage *self,
            const GError        *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  show_toast (self, toast);
}

static char *
dup_quick_text (HearthGratitudePage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->quick_entry))));
}

static void
on_quick_changed (HearthGratitudePage *self)
{
  g_autofree char *text = dup_quick_text (self);

  gtk_widget_set_sensitive (self->add_button, text[0] != '\0');
}

static void
on_quick_add (HearthGratitudePage *self)
{
  g_autoptr(HearthRecord) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_quick_text (self);
  const char      *me = hearth_journal_get_me (self->journal);
  const char      *partner = hearth_journal_get_partner_id (self->journal);

  if (text[0] == '\0')
    return;
  if (me == NULL || partner == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("This computer has not joined the journal yet, so there is no one to thank from here."));
      show_error (self, error);
      return;
    }

  note = hearth_journal_new_record (self->journal, "gratitude", NULL);
  hearth_gratitude_set_from (HEARTH_GRATITUDE (note), me);
  hearth_gratitude_set_to (HEARTH_GRATITUDE (note), partner);
  hearth_gratitude_set_text (HEARTH_GRATITUDE (note), text);
  hearth_gratitude_set_date (HEARTH_GRATITUDE (note), hearth_day_picker_get_date (self->quick_date));
  if (!hearth_journal_queue_save (self->journal, note, &error))
    {
      /* The words stay in the entry, so nothing is lost. */
      show_error (self, error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->quick_entry), "");
  hearth_day_picker_reset (self->quick_date);
  /* The new note would be hidden when only the partner's notes show. */
  if (self->mode == FILTER_FROM_PARTNER)
    gtk_drop_down_set_selected (self->filter_dropdown, FILTER_EVERYONE);
}

static void
gratitude_edit (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HearthGratitudePage *self = HEARTH_GRATITUDE_PAGE (widget);
  HearthRecord        *note = hearth_journal_lookup (self->journal, g_variant_get_string (parameter, NULL));
  GtkRoot             *root = gtk_widget_get_root (widget);

  if (note == NULL)
    return;
  hearth_gratitude_dialog_present_edit (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        self->journal, note);
}

typedef struct
{
  HearthJournal *journal;
  HearthRecord  *copy;
  GWeakRef       page;
} UndoDelete;

static void
undo_delete_free (gpointer data)
{
  UndoDelete *undo = data;

  g_object_unref (undo->journal);
  g_object_unref (undo->copy);
  g_weak_ref_clear (&undo->page);
  g_free (undo);
}

static void
undo_delete_notify (gpointer  data,
                    GClosure *closure)
{
  undo_delete_free (data);
}

static void
on_undo_delete (AdwToast   *toast,
                UndoDelete *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthRecord) copy = hearth_record_copy (undo->copy);

  if (!hearth_journal_queue_save (undo->journal, copy, &error))
    {
      g_autoptr(HearthGratitudePage) page = g_weak_ref_get (&undo->page);

      if (page != NULL)
        show_error (page, error);
      else
        g_warning ("%s", error->message);
    }
}

static void
gratitude_delete (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HearthGratitudePage *self = HEARTH_GRATITUDE_PAGE (widget);
  const char          *id = g_variant_get_string (parameter, NULL);
  HearthRecord        *note = hearth_journal_lookup (self->journal, id);
  g_autoptr(GError) error = NULL;
  UndoDelete *undo;
  AdwToast   *toast;

  if (note == NULL)
    return;

  undo = g_new0 (UndoDelete, 1);
  undo->journal = g_object_ref (self->journal);
  undo->copy = hearth_record_copy (note);
  g_weak_ref_init (&undo->page, self);

  if (!hearth_journal_queue_delete (self->journal, id, &error))
    {
      undo_delete_free (undo);
      show_error (self, error);
      return;
    }

  toast = adw_toast_new (_ ("Note deleted"));
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_delete),
                         undo, undo_delete_notify, 0);
  show_toast (self, toast);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
hearth_gratitude_page_constructed (GObject *object)
{
  HearthGratitudePage *self = HEARTH_GRATITUDE_PAGE (object);
  GListModel          *notes;
  g_autoptr(GtkNoSelection) selection = NULL;

  G_OBJECT_CLASS (hearth_gratitude_page_parent_class)->constructed (object);

  g_return_if_fail (HEARTH_IS_JOURNAL (self->journal));

  notes = hearth_journal_get_model (self->journal, HEARTH_KIND_GRATITUDE);
  self->filter = gtk_custom_filter_new (filter_note, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (notes), g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_filtered_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (notes, "items-changed",
                           G_CALLBACK (on_notes_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hearth_journal_get_model (self->journal, HEARTH_KIND_PARTNER), "items-changed",
                           G_CALLBACK (update_partners), self, G_CONNECT_SWAPPED);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  update_partners (self);
  update_empty (self);
}

static void
hearth_gratitude_page_map (GtkWidget *widget)
{
  HearthGratitudePage *self = HEARTH_GRATITUDE_PAGE (widget);

  GTK_WIDGET_CLASS (hearth_gratitude_page_parent_class)->map (widget);

  /* "This week" and "Today" move at midnight: catch up when shown again. */
  if (self->journal != NULL)
    {
      update_counts (self);
      queue_refresh_rows (self);
    }
}

static void
hearth_gratitude_page_dispose (GObject *object)
{
  HearthGratitudePage *self = HEARTH_GRATITUDE_PAGE (object);
  GtkWidget           *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_GRATITUDE_PAGE);
  /* The template's top widget is our child, not one of its bound parts. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->bound, g_ptr_array_unref);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->filter_names);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_gratitude_page_parent_class)->dispose (object);
}

static void
hearth_gratitude_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  HearthGratitudePage *self = HEARTH_GRATITUDE_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_gratitude_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  HearthGratitudePage *self = HEARTH_GRATITUDE_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_gratitude_page_class_init (HearthGratitudePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hearth_gratitude_page_constructed;
  object_class->dispose = hearth_gratitude_page_dispose;
  object_class->get_property = hearth_gratitude_page_get_property;
  object_class->set_property = hearth_gratitude_page_set_property;
  widget_class->map = hearth_gratitude_page_map;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HEARTH_TYPE_DAY_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-gratitude-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudePage, me_dot);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudePage, partner_dot);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudePage, me_count);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudePage, partner_count);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudePage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudePage, quick_entry);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudePage, quick_date);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudePage, stack);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudePage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_item);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_item);
  gtk_widget_class_bind_template_callback (widget_class, on_unbind_item);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_quick_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_quick_add);

  gtk_widget_class_install_action (widget_class, "gratitude.edit", "s", gratitude_edit);
  gtk_widget_class_install_action (widget_class, "gratitude.delete", "s", gratitude_delete);

  gtk_widget_class_set_css_name (widget_class, "hearth-gratitude-page");
}

static void
hearth_gratitude_page_init (HearthGratitudePage *self)
{
  self->bound = g_ptr_array_new ();
  self->filter_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A plain list of cards on the page's background, not a white view. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->list_view), "view");
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (self->filter_names));
  gdk_rgba_parse (&self->me_color, "#9a9996");
  gdk_rgba_parse (&self->partner_color, "#9a9996");
  gtk_drawing_area_set_draw_func (self->me_dot, hearth_draw_color_dot, &self->me_color, NULL);
  gtk_drawing_area_set_draw_func (self->partner_dot, hearth_draw_color_dot, &self->partner_color, NULL);
}

/**
 * hearth_gratitude_page_new:
 * @journal: an unlocked, loaded journal
 *
 * Returns: (transfer floating): the gratitude log of @journal
 */
GtkWidget *
hearth_gratitude_page_new (HearthJournal *journal)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  return g_object_new (HEARTH_TYPE_GRATITUDE_PAGE, "journal", journal, NULL);
}

/**
 * hearth_gratitude_page_get_journal:
 * Returns: (transfer none): the journal the page shows
 */
HearthJournal *
hearth_gratitude_page_get_journal (HearthGratitudePage *self)
{
  g_return_val_if_fail (HEARTH_IS_GRATITUDE_PAGE (self), NULL);

  return self->journal;
}
