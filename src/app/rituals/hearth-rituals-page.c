/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-month-grid.h"
#include "hearth-partner.h"
#include "hearth-recurrence.h"
#include "hearth-ritual-day-card.h"
#include "hearth-ritual-row.h"
#include "hearth-rituals-page.h"
#include "hearth-stats.h"
#include "hearth-text.h"
#include "hearth-ui-util.h"

/* The ritual calendar: a month grid with each day's occurrences, the chosen
 * day's rituals to mark done or skipped with a note, and every ritual with
 * its streaks and consistency. Everything is computed again from the
 * journal's models whenever a ritual or an occurrence changes, here or on
 * the partner's device. */

typedef struct
{
  HearthRitual     *ritual;
  HearthRecurrence *rule;
  GDate             start;
} RitualInfo;

struct _HearthRitualsPage
{
  AdwBin parent_instance;

  HearthJournal *journal;

  GtkStack        *stack;
  AdwLeaflet      *leaflet;
  HearthMonthGrid *month_grid;
  GtkListBox      *ritual_list;
  GtkWidget       *archived_box;
  GtkWidget       *back_button;
  GtkLabel        *day_title;
  GtkWidget       *day_box;

  guint         refresh_id;
  GDate         shown_today;   /* the date "today" was when last drawn */
  GHashTable   *pending_notes; /* occurrence id → note typed but not saved */
  char         *focus_after;   /* occurrence whose Done button takes the focus after a rebuild */
  char         *undo_id;       /* the occurrence last marked here */
  HearthRecord *undo_record;   /* its version before, or NULL when it was new */
};

G_DEFINE_FINAL_TYPE (HearthRitualsPage, hearth_rituals_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ritual_info_free (RitualInfo *info)
{
  g_clear_object (&info->ritual);
  g_clear_pointer (&info->rule, hearth_recurrence_free);
  g_free (info);
}

static GDateTime *
date_to_datetime (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 12, 0, 0);
}

static void
show_toast (HearthRitualsPage *self,
            AdwToast          *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
show_error (HearthRitualsPage *self,
            const GError      *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    g_warning ("%s", error->message);
  show_toast (self, adw_toast_new (error->message));
}

static int
compare_rituals (gconstpointer a,
                 gconstpointer b)
{
  const RitualInfo *ra = *(RitualInfo *const *) a;
  const RitualInfo *rb = *(RitualInfo *const *) b;
  int               by_time = g_strcmp0 (hearth_ritual_get_time (ra->ritual), hearth_ritual_get_time (rb->ritual));

  return by_time != 0 ? by_time : g_utf8_collate (hearth_ritual_get_title (ra->ritual) ?: "", hearth_ritual_get_title (rb->ritual) ?: "");
}

/* The rituals whose rule and start can be read, archived ones only when
 * @archived, by time of day. */
static GPtrArray *
collect_rituals (HearthRitualsPage *self,
                 gboolean           archived)
{
  GListModel *model = hearth_journal_get_model (self->journal, HEARTH_KIND_RITUAL);
  GPtrArray  *rituals = g_ptr_array_new_with_free_func ((GDestroyNotify) ritual_info_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HearthRitual) ritual = g_list_model_get_item (model, i);
      RitualInfo       *info;
      GDate             start;
      HearthRecurrence *rule;

      if (hearth_ritual_get_archived (ritual) != archived)
        continue;
      if (!hearth_date_parse (hearth_ritual_get_start (ritual), &start))
        continue;
      rule = hearth_recurrence_parse (hearth_ritual_get_recurrence (ritual), NULL);
      if (rule == NULL)
        continue;
      info = g_new0 (RitualInfo, 1);
      info->ritual = g_steal_pointer (&ritual);
      info->rule = rule;
      info->start = start;
      g_ptr_array_add (rituals, info);
    }
  g_ptr_array_sort (rituals, compare_rituals);
  return rituals;
}

/* “Every week on Sunday at 10:30” */
static char *
describe_ritual (RitualInfo *info)
{
  g_autofree char *rule = hearth_recurrence_describe (info->rule, &info->start);
  const char      *time = hearth_ritual_get_time (info->ritual);
  g_autofree char *when = NULL;

  /* TRANSLATORS: a repeat rule and a time, e.g. "Every week on Sunday at 10:30" */
  when = time ? g_strdup_printf (_ ("%s at %s"), rule, time) : g_steal_pointer (&rule);
  if (g_strcmp0 (hearth_ritual_get_ritual_type (info->ritual), "checkin") == 0)
    /* TRANSLATORS: a check-in and when it comes round, e.g. "Check-in · Every week on Sunday at 19:00" */
    return g_strdup_printf (_ ("Check-in · %s"), when);
  return g_steal_pointer (&when);
}

/* Month grid */

static void
refresh_grid (HearthRitualsPage *self,
              GPtrArray         *rituals,
              GHashTable        *marks,
              const GDate       *today)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (HearthMonthGridItem));
  GDate first, last;

  hearth_month_grid_set_today (self->month_grid, today);
  hearth_month_grid_get_range (self->month_grid, &first, &last);
  for (guint i = 0; i < rituals->len; i++)
    {
      RitualInfo *info = g_ptr_array_index (rituals, i);
      g_autoptr(GArray) scheduled = hearth_stats_schedule (info->rule, &info->start, &first, &last,
                                                            g_hash_table_lookup (marks, hearth_record_get_id (HEARTH_RECORD (info->ritual))),
                                                            today);

      for (guint j = 0; j < scheduled->len; j++)
        {
          const HearthScheduled *s = &g_array_index (scheduled, HearthScheduled, j);
          HearthMonthGridItem    item = { s->date, s->state, hearth_ritual_get_title (info->ritual) };

          g_array_append_val (items, item);
        }
    }
  hearth_month_grid_set_items (self->month_grid, (const HearthMonthGridItem *) (gpointer) items->data, items->len);
}

/* Day detail */

static void on_undo_clicked (HearthRitualsPage *self);

static void
mark_occurrence (HearthRitualsPage *self,
                 const char        *ritual_id,
                 const char        *date,
                 const char        *status,
                 const char        *note)
{
  g_autofree char *id = g_strdup_printf ("%s/%s", ritual_id, date);
  g_autofree char *clean_note = g_strstrip (g_strdup (note ? note : ""));
  g_autoptr(HearthRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  HearthRecord    *live = hearth_journal_lookup (self->journal, id);
  HearthRecord    *ritual = hearth_journal_lookup (self->journal, ritual_id);
  const char      *title = HEARTH_IS_RITUAL (ritual) ? hearth_ritual_get_title (HEARTH_RITUAL (ritual)) : NULL;
  g_autofree char *message = NULL;
  AdwToast        *toast;

  record = live ? hearth_record_copy (live) : hearth_journal_new_record (self->journal, "occurrence", id);
  hearth_record_set_string (record, "ritual", ritual_id);
  hearth_record_set_string (record, "date", date);
  hearth_record_set_string (record, "status", status);
  hearth_record_set_string (record, "by", hearth_journal_get_me (self->journal));
  if (*clean_note != '\0')
    hearth_record_set_string (record, "note", clean_note);
  else
    hearth_record_remove_member (record, "note");

  g_clear_object (&self->undo_record);
  self->undo_record = live ? hearth_record_copy (live) : NULL;
  g_free (self->undo_id);
  self->undo_id = g_strdup (id);
  g_free (self->focus_after);
  self->focus_after = g_strdup (id);

  if (!hearth_journal_queue_save (self->journal, record, &error))
    {
      show_error (self, error);
      return;
    }
  g_hash_table_remove (self->pending_notes, id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rituals.undo-mark", TRUE);

  if (g_str_equal (status, "done"))
    /* TRANSLATORS: a toast after marking a ritual, e.g. "Sunday walk: done" */
    message = g_strdup_printf (_ ("%s: done"), title ? title : "");
  else
    /* TRANSLATORS: a toast after marking a ritual, e.g. "Sunday walk: skipped" */
    message = g_strdup_printf (_ ("%s: skipped"), title ? title : "");
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _ ("_Undo"));
  /* The toast lives in the window's overlay, above the page, where the
   * page's own actions cannot be reached by name. */
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self, G_CONNECT_SWAPPED);
  show_toast (self, toast);
}

static void
undo_mark (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  HearthRitualsPage *self = HEARTH_RITUALS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->undo_id == NULL)
    return;
  if (self->undo_record != NULL)
    {
      g_autoptr(HearthRecord) again = hearth_record_copy (self->undo_record);
      ok = hearth_journal_queue_save (self->journal, again, &error);
    }
  else
    ok = hearth_journal_queue_delete (self->journal, self->undo_id, &error);
  if (!ok)
    {
      show_error (self, error);
      return;
    }
  g_clear_pointer (&self->undo_id, g_free);
  g_clear_object (&self->undo_record);
  gtk_widget_action_set_enabled (widget, "rituals.undo-mark", FALSE);
}

static void
on_undo_clicked (HearthRitualsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "rituals.undo-mark", NULL);
}

static void
on_card_mark (HearthRitualDayCard *card,
              const char          *status,
              const char          *note,
              HearthRitualsPage   *self)
{
  mark_occurrence (self, hearth_ritual_day_card_get_ritual_id (card), hearth_ritual_day_card_get_date (card),
                   status, note);
}

static void
on_card_note_changed (HearthRitualDayCard *card,
                      const char          *note,
                      HearthRitualsPage   *self)
{
  g_hash_table_insert (self->pending_notes, g_strdup (hearth_ritual_day_card_get_occurrence_id (card)),
                       g_strdup (note));
}

static GtkWidget *
build_day_card (HearthRitualsPage *self,
                RitualInfo        *info,
                const GDate       *day,
                const GDate       *today,
                GtkWidget        **focus_out)
{
  HearthRitualDayCard *card = HEARTH_RITUAL_DAY_CARD (hearth_ritual_day_card_new ());
  g_autofree char     *date = hearth_date_to_string (day);
  g_autofree char     *id = g_strdup_printf ("%s/%s", hearth_record_get_id (HEARTH_RECORD (info->ritual)), date);
  HearthRecord        *record = hearth_journal_lookup (self->journal, id);
  HearthOccurrence    *occurrence = HEARTH_IS_OCCURRENCE (record) ? HEARTH_OCCURRENCE (record) : NULL;
  const char          *by = occurrence ? hearth_occurrence_get_by (occurrence) : NULL;
  const char          *pending = g_hash_table_lookup (self->pending_notes, id);
  const char          *marked_by = NULL;

  if (by != NULL && g_strcmp0 (by, hearth_journal_get_me (self->journal)) != 0)
    {
      HearthRecord *partner = hearth_journal_get_partner (self->journal, by);

      if (HEARTH_IS_PARTNER (partner))
        marked_by = hearth_partner_get_name (HEARTH_PARTNER (partner));
    }
  hearth_ritual_day_card_set_ritual (card, info->ritual);
  hearth_ritual_day_card_set_day (card, day, today, occurrence, marked_by);
  hearth_ritual_day_card_set_note (card, pending ? pending : (occurrence ? hearth_occurrence_get_note (occurrence) : NULL));
  g_signal_connect_object (card, "mark", G_CALLBACK (on_card_mark), self, 0);
  g_signal_connect_object (card, "note-changed", G_CALLBACK (on_card_note_changed), self, 0);

  if (self->focus_after != NULL && g_str_equal (self->focus_after, id))
    *focus_out = hearth_ritual_day_card_get_mark_button (card);
  return GTK_WIDGET (card);
}

static void
refresh_day (HearthRitualsPage *self,
             GPtrArray         *rituals,
             const GDate       *today)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *title = NULL;
  GtkWidget       *child, *focus = NULL;
  GDate            day;
  guint            n = 0;

  hearth_month_grid_get_selected (self->month_grid, &day);
  dt = date_to_datetime (&day);
  /* TRANSLATORS: the day shown beside the calendar, e.g. "Sunday 8 November 2026"; see g_date_time_format() */
  title = g_date_time_format (dt, _ ("%A %-d %B %Y"));
  gtk_label_set_label (self->day_title, title);

  while ((child = gtk_widget_get_first_child (self->day_box)))
    gtk_box_remove (GTK_BOX (self->day_box), child);

  for (guint i = 0; i < rituals->len; i++)
    {
      RitualInfo *info = g_ptr_array_index (rituals, i);
      g_autoptr(GArray) dates = hearth_recurrence_dates (info->rule, &info->start, &day, &day);

      if (dates->len == 0)
        continue;
      gtk_box_append (GTK_BOX (self->day_box), build_day_card (self, info, &day, today, &focus));
      n++;
    }

  if (n == 0)
    {
      GtkWidget *label = gtk_label_new (_ ("Nothing planned for this day. A quiet one, or room for something new."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->day_box), label);
    }

  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  g_clear_pointer (&self->focus_after, g_free);
}

/* Ritual list */

static GtkWidget *
build_ritual_row (RitualInfo  *info,
                  GHashTable  *marks,
                  const GDate *today)
{
  HearthRitualRow *row = HEARTH_RITUAL_ROW (hearth_ritual_row_new ());
  g_autoptr(GArray) series = g_array_new (FALSE, FALSE, sizeof (HearthScorePoint));
  g_autofree char  *when = describe_ritual (info);
  HearthRitualStats stats;

  hearth_stats_ritual (info->rule, &info->start,
                       g_hash_table_lookup (marks, hearth_record_get_id (HEARTH_RECORD (info->ritual))),
                       today, &stats, series);
  hearth_ritual_row_set_ritual (row, info->ritual, when);
  hearth_ritual_row_set_stats (row, &stats, series, today);
  return GTK_WIDGET (row);
}

static void
free_ritual_id (gpointer  data,
                GClosure *closure)
{
  g_free (data);
}

/* The closure's data is the ritual's id. */
static void
on_archived_row_activated (AdwActionRow *row,
                           const char   *ritual_id)
{
  GtkWidget *self = gtk_widget_get_ancestor (GTK_WIDGET (row), HEARTH_TYPE_RITUALS_PAGE);

  if (self != NULL)
    hearth_rituals_page_open_editor (HEARTH_RITUALS_PAGE (self), ritual_id);
}

static void
refresh_lists (HearthRitualsPage *self,
               GPtrArray         *rituals,
               GHashTable        *marks,
               const GDate       *today)
{
  g_autoptr(GPtrArray) archived = collect_rituals (self, TRUE);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ritual_list))))
    gtk_list_box_remove (self->ritual_list, child);
  for (guint i = 0; i < rituals->len; i++)
    gtk_list_box_append (self->ritual_list, build_ritual_row (g_ptr_array_index (rituals, i), marks, today));
  gtk_widget_set_visible (GTK_WIDGET (self->ritual_list), rituals->len > 0);

  while ((child = gtk_widget_get_first_child (self->archived_box)))
    gtk_box_remove (GTK_BOX (self->archived_box), child);
  if (archived->len > 0)
    {
      GtkWidget       *list = gtk_list_box_new ();
      GtkWidget       *expander = adw_expander_row_new ();
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ritual resting for now",
                                                             "%u rituals resting for now", archived->len),
                                                archived->len);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _ ("Archived"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
      for (guint i = 0; i < archived->len; i++)
        {
          RitualInfo      *info = g_ptr_array_index (archived, i);
          g_autofree char *when = describe_ritual (info);
          GtkWidget       *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hearth_ritual_get_title (info->ritual));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_signal_connect_data (row, "activated", G_CALLBACK (on_archived_row_activated),
                                 g_strdup (hearth_record_get_id (HEARTH_RECORD (info->ritual))),
                                 free_ritual_id, 0);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), expander);
      gtk_box_append (GTK_BOX (self->archived_box), list);
    }
}

/* Refreshing */

static void
refresh (HearthRitualsPage *self)
{
  GListModel *model = hearth_journal_get_model (self->journal, HEARTH_KIND_RITUAL);
  g_autoptr(GPtrArray) rituals = collect_rituals (self, FALSE);
  g_autoptr(GHashTable) marks = hearth_journal_collect_marks (self->journal);
  GDate today;

  hearth_date_get_today (&today);
  self->shown_today = today;
  gtk_stack_set_visible_child_name (self->stack, g_list_model_get_n_items (model) > 0 ? "rituals" : "empty");
  refresh_grid (self, rituals, marks, &today);
  refresh_day (self, rituals, &today);
  refresh_lists (self, rituals, marks, &today);
}

static void
queue_refresh (HearthRitualsPage *self)
{
  hearth_queue_idle (&self->refresh_id, G_PRIORITY_DEFAULT_IDLE, G_CALLBACK (refresh), self);
}

/* Past midnight (or after a suspend, or a move to another time zone) the
 * states change: an unmarked yesterday is missed now. */
static void
on_day_changed (HearthRitualsPage *self)
{
  GDate today;

  hearth_date_get_today (&today);
  if (!g_date_valid (&self->shown_today) || g_date_compare (&today, &self->shown_today) != 0)
    queue_refresh (self);
}

static void
on_month_changed (HearthRitualsPage *self)
{
  g_autoptr(GPtrArray) rituals = collect_rituals (self, FALSE);
  g_autoptr(GHashTable) marks = hearth_journal_collect_marks (self->journal);
  GDate today;

  hearth_date_get_today (&today);
  refresh_grid (self, rituals, marks, &today);
}

static void
on_day_activated (HearthRitualsPage *self,
                  const GDate       *date)
{
  g_autoptr(GPtrArray) rituals = collect_rituals (self, FALSE);
  GDate today;

  hearth_date_get_today (&today);
  refresh_day (self, rituals, &today);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "day");
}

static void
on_folded_changed (HearthRitualsPage *self)
{
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
}

static void
on_back_clicked (HearthRitualsPage *self)
{
  GDate      day;
  GtkWidget *button;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  hearth_month_grid_get_selected (self->month_grid, &day);
  button = hearth_month_grid_get_day_button (self->month_grid, &day);
  if (button != NULL)
    gtk_widget_grab_focus (button);
}

static void
on_ritual_row_activated (HearthRitualsPage *self,
                         GtkListBoxRow     *row)
{
  HearthRitual *ritual = hearth_ritual_row_get_ritual (HEARTH_RITUAL_ROW (row));

  if (ritual != NULL)
    hearth_rituals_page_open_editor (self, hearth_record_get_id (HEARTH_RECORD (ritual)));
}

static void
on_editor_saved (HearthRitualEditor *editor,
                 HearthRecord       *record,
                 HearthRitualsPage  *self)
{
  HearthRitual    *before = HEARTH_RITUAL (hearth_ritual_editor_get_ritual (editor));
  HearthRitual    *after = HEARTH_RITUAL (record);
  const char      *title = hearth_ritual_get_title (after);
  g_autofree char *message = NULL;

  if (before != NULL && hearth_ritual_get_archived (after) && !hearth_ritual_get_archived (before))
    /* TRANSLATORS: a toast, e.g. "Sunday walk is archived" */
    message = g_strdup_printf (_ ("%s is archived"), title);
  else if (before != NULL && !hearth_ritual_get_archived (after) && hearth_ritual_get_archived (before))
    /* TRANSLATORS: a toast, e.g. "Sunday walk is back" */
    message = g_strdup_printf (_ ("%s is back"), title);
  else
    /* TRANSLATORS: a toast, e.g. "Sunday walk is saved" */
    message = g_strdup_printf (_ ("%s is saved"), title);
  show_toast (self, adw_toast_new (message));
}

static void
new_ritual (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  hearth_rituals_page_open_editor (HEARTH_RITUALS_PAGE (widget), NULL);
}

/**
 * hearth_rituals_page_open_editor:
 * @ritual_id: (nullable): the ritual to edit, or %NULL for a new one
 *
 * Shows the ritual editor over the window the page is in.
 *
 * Returns: (transfer none) (nullable): the editor, or %NULL when there is no
 *   such ritual
 */
HearthRitualEditor *
hearth_rituals_page_open_editor (HearthRitualsPage *self,
                                 const char        *ritual_id)
{
  HearthRecord       *ritual = NULL;
  HearthRitualEditor *editor;
  GtkRoot            *root;

  g_return_val_if_fail (HEARTH_IS_RITUALS_PAGE (self), NULL);

  if (ritual_id != NULL)
    {
      ritual = hearth_journal_lookup (self->journal, ritual_id);
      if (ritual == NULL)
        return NULL;
    }
  editor = hearth_ritual_editor_new (self->journal, ritual);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

/**
 * hearth_rituals_page_select_day:
 * @date: a day
 *
 * Shows @date's month and its rituals.
 */
void
hearth_rituals_page_select_day (HearthRitualsPage *self,
                                const GDate       *date)
{
  g_return_if_fail (HEARTH_IS_RITUALS_PAGE (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  hearth_month_grid_select (self->month_grid, date);
  on_day_activated (self, date);
}

/**
 * hearth_rituals_page_get_journal:
 *
 * Returns: (transfer none): the journal shown
 */
HearthJournal *
hearth_rituals_page_get_journal (HearthRitualsPage *self)
{
  g_return_val_if_fail (HEARTH_IS_RITUALS_PAGE (self), NULL);

  return self->journal;
}

static void
hearth_rituals_page_constructed (GObject *object)
{
  HearthRitualsPage *self = HEARTH_RITUALS_PAGE (object);

  G_OBJECT_CLASS (hearth_rituals_page_parent_class)->constructed (object);

  g_signal_connect_object (hearth_journal_get_model (self->journal, HEARTH_KIND_RITUAL), "items-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hearth_journal_get_model (self->journal, HEARTH_KIND_OCCURRENCE), "items-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hearth_clock_get_default (), "day-changed",
                           G_CALLBACK (on_day_changed), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
hearth_rituals_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HearthRitualsPage *self = HEARTH_RITUALS_PAGE (object);

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
hearth_rituals_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  HearthRitualsPage *self = HEARTH_RITUALS_PAGE (object);

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
hearth_rituals_page_dispose (GObject *object)
{
  HearthRitualsPage *self = HEARTH_RITUALS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_RITUALS_PAGE);
  g_clear_object (&self->undo_record);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_rituals_page_parent_class)->dispose (object);
}

static void
hearth_rituals_page_finalize (GObject *object)
{
  HearthRitualsPage *self = HEARTH_RITUALS_PAGE (object);

  g_clear_pointer (&self->pending_notes, g_hash_table_unref);
  g_free (self->focus_after);
  g_free (self->undo_id);

  G_OBJECT_CLASS (hearth_rituals_page_parent_class)->finalize (object);
}

static void
hearth_rituals_page_class_init (HearthRitualsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hearth_rituals_page_constructed;
  object_class->get_property = hearth_rituals_page_get_property;
  object_class->set_property = hearth_rituals_page_set_property;
  object_class->dispose = hearth_rituals_page_dispose;
  object_class->finalize = hearth_rituals_page_finalize;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HEARTH_TYPE_MONTH_GRID);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hearthjournal/Hearth/hearth-rituals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthRitualsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualsPage, month_grid);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualsPage, ritual_list);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualsPage, archived_box);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualsPage, day_title);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualsPage, day_box);
  gtk_widget_class_bind_template_callback (widget_class, on_month_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_day_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_ritual_row_activated);

  gtk_widget_class_install_action (widget_class, "rituals.new", NULL, new_ritual);
  gtk_widget_class_install_action (widget_class, "rituals.undo-mark", NULL, undo_mark);
}

static void
hearth_rituals_page_init (HearthRitualsPage *self)
{
  self->pending_notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_date_clear (&self->shown_today, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a template child: the bin owns it, and disposing the template would
   * unparent it behind the bin's back. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rituals.undo-mark", FALSE);
}

/**
 * hearth_rituals_page_new:
 * @journal: an unlocked journal
 *
 * Returns: (transfer floating): the ritual calendar of @journal
 */
GtkWidget *
hearth_rituals_page_new (HearthJournal *journal)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  return g_object_new (HEARTH_TYPE_RITUALS_PAGE, "journal", journal, NULL);
}
