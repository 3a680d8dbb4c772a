/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hearth-entry.h"
#include "hearth-entry-editor.h"
#include "hearth-entry-filter.h"
#include "hearth-entry-row.h"
#include "hearth-journal-page.h"
#include "hearth-prompt-browser.h"
#include "hearth-reply-index.h"
#include "hearth-text.h"
#include "hearth-ui-util.h"

/* The shared journal: a virtualised list of entries (newest first, replies
 * folded into their parent's thread) with search and filters, beside the
 * editor. On a narrow window the two fold into one column and the editor
 * slides over the list. */
struct _HearthJournalPage
{
  GtkWidget parent_instance;

  HearthJournal      *journal;
  HearthReplyIndex   *replies;
  HearthEntryFilter  *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  HearthEntryEditor  *editor;
  /* partner ids in the order of the author filter, after "Both of us" */
  GPtrArray          *author_ids;
  char               *from;
  char               *to;
  gboolean            syncing_selection;

  AdwLeaflet      *leaflet;
  GtkWidget       *list_pane;
  GtkToggleButton *search_button;
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkRevealer     *filter_revealer;
  GtkLabel        *filter_summary;
  GtkStack        *list_stack;
  GtkListView     *list_view;
  AdwBin          *editor_bin;
  GtkMenuButton   *filter_button;
  GtkDropDown     *author_dropdown;
  GtkDropDown     *mood_dropdown;
  GtkEntry        *tag_entry;
  GtkMenuButton   *from_button;
  GtkMenuButton   *to_button;
  GtkCalendar     *from_calendar;
  GtkCalendar     *to_calendar;
};

G_DEFINE_FINAL_TYPE (HearthJournalPage, hearth_journal_page, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------------ */
/* List                                                                      */

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  HearthJournalPage        *self)
{
  gtk_list_item_set_child (item, hearth_entry_row_new (self->journal, self->replies));
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HearthJournalPage        *self)
{
  hearth_entry_row_set_entry (HEARTH_ENTRY_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   HearthJournalPage        *self)
{
  hearth_entry_row_set_entry (HEARTH_ENTRY_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
update_list_state (HearthJournalPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean    searching = search != NULL && *search != '\0';
  const char *page;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    page = "list";
  else if (searching || hearth_entry_filter_is_narrowed (self->filter))
    page = "no-match";
  else
    page = "empty";
  gtk_stack_set_visible_child_name (self->list_stack, page);
}

static guint
find_position (HearthJournalPage *self,
               const char        *id)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint       n = g_list_model_get_n_items (model);

  if (id == NULL)
    return GTK_INVALID_LIST_POSITION;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthRecord) record = g_list_model_get_item (model, i);
      if (g_strcmp0 (hearth_record_get_id (record), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Keeps the highlighted row on the entry the editor shows. */
static void
sync_selection (HearthJournalPage *self)
{
  const char   *id = hearth_entry_editor_get_entry_id (self->editor);
  HearthRecord *selected = gtk_single_selection_get_selected_item (self->selection);
  guint         position;

  if (selected != NULL && g_strcmp0 (hearth_record_get_id (selected), id) == 0)
    return;
  position = find_position (self, id);
  self->syncing_selection = TRUE;
  if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  self->syncing_selection = FALSE;
}

static void
show_editor (HearthJournalPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->editor_bin));
}

static void
on_selection_changed (HearthJournalPage *self)
{
  HearthRecord *selected;

  if (self->syncing_selection)
    return;
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected == NULL)
    return;
  if (g_strcmp0 (hearth_record_get_id (selected), hearth_entry_editor_get_entry_id (self->editor)) == 0)
    return;
  hearth_entry_editor_open (self->editor, selected);
}

static void
on_list_activate (GtkListView       *view,
                  guint              position,
                  HearthJournalPage *self)
{
  g_autoptr(HearthRecord) record = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (record == NULL)
    return;
  if (g_strcmp0 (hearth_record_get_id (record), hearth_entry_editor_get_entry_id (self->editor)) != 0)
    hearth_entry_editor_open (self->editor, record);
  show_editor (self);
  hearth_entry_editor_focus (self->editor);
}

static void
on_entries_changed (HearthJournalPage *self)
{
  const char *id = hearth_entry_editor_get_entry_id (self->editor);

  /* The entry shown was deleted (here or on the partner's device). */
  if (id != NULL && hearth_journal_lookup (self->journal, id) == NULL &&
      !hearth_entry_editor_is_dirty (self->editor))
    hearth_entry_editor_open (self->editor, NULL);
}

/* ------------------------------------------------------------------------ */
/* Search and filters                                                        */

static void
on_search_changed (HearthJournalPage *self)
{
  hearth_entry_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_list_state (self);
}

static void
on_stop_search (HearthJournalPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static char *
format_calendar_day (const char *day)
{
  GDate date;
  g_autoptr(GDateTime) dt = NULL;

  if (day == NULL || !hearth_date_parse (day, &date))
    return NULL;
  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  /* Translators: a short date on the date-filter buttons; see strftime(3) */
  return g_date_time_format (dt, _ ("%-d %b %Y"));
}

static void
update_filter_summary (HearthJournalPage *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from = format_calendar_day (self->from);
  g_autofree char *to = format_calendar_day (self->to);
  guint            author = gtk_drop_down_get_selected (self->author_dropdown);
  guint            mood = gtk_drop_down_get_selected (self->mood_dropdown);
  const char      *tag = gtk_editable_get_text (GTK_EDITABLE (self->tag_entry));
  g_autofree char *summary = NULL;

  if (author > 0 && author != GTK_INVALID_LIST_POSITION && author <= self->author_ids->len)
    g_ptr_array_add (parts, g_strdup (hearth_partner_name (self->journal, g_ptr_array_index (self->author_ids, author - 1))));
  if (mood > 0 && mood != GTK_INVALID_LIST_POSITION)
    g_ptr_array_add (parts, hearth_mood_dup_label (hearth_mood_get_id (mood - 1)));
  if (tag && *tag)
    g_ptr_array_add (parts, g_strdup_printf ("#%s", tag));
  if (from && to)
    g_ptr_array_add (parts, g_strdup_printf (_ ("%s – %s"), from, to));
  else if (from)
    g_ptr_array_add (parts, g_strdup_printf (_ ("since %s"), from));
  else if (to)
    g_ptr_array_add (parts, g_strdup_printf (_ ("until %s"), to));
  g_ptr_array_add (parts, NULL);
  summary = g_strjoinv (" · ", (char **) parts->pdata);

  gtk_label_set_text (self->filter_summary, summary);
  gtk_revealer_set_reveal_child (self->filter_revealer, hearth_entry_filter_is_narrowed (self->filter));
  gtk_menu_button_set_label (self->from_button, from ? from : _ ("From…"));
  gtk_menu_button_set_label (self->to_button, to ? to : _ ("Until…"));
  if (hearth_entry_filter_is_narrowed (self->filter))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

static void
apply_filters (HearthJournalPage *self)
{
  guint author = gtk_drop_down_get_selected (self->author_dropdown);
  guint mood = gtk_drop_down_get_selected (self->mood_dropdown);

  hearth_entry_filter_set_author (self->filter,
                                  author > 0 && author != GTK_INVALID_LIST_POSITION && author <= self->author_ids->len
                                    ? g_ptr_array_index (self->author_ids, author - 1)
                                    : NULL);
  hearth_entry_filter_set_mood (self->filter,
                                mood > 0 && mood != GTK_INVALID_LIST_POSITION ? hearth_mood_get_id (mood - 1) : NULL);
  hearth_entry_filter_set_tag (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));
  hearth_entry_filter_set_date_range (self->filter, self->from, self->to);
  update_filter_summary (self);
  update_list_state (self);
}

static char *
calendar_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  return g_date_time_format (date, "%Y-%m-%d");
}

static void
on_from_selected (HearthJournalPage *self)
{
  g_free (self->from);
  self->from = calendar_day (self->from_calendar);
  gtk_menu_button_popdown (self->from_button);
  apply_filters (self);
}

static void
on_to_selected (HearthJournalPage *self)
{
  g_free (self->to);
  self->to = calendar_day (self->to_calendar);
  gtk_menu_button_popdown (self->to_button);
  apply_filters (self);
}

static void
on_from_cleared (HearthJournalPage *self)
{
  g_clear_pointer (&self->from, g_free);
  gtk_menu_button_popdown (self->from_button);
  apply_filters (self);
}

static void
on_to_cleared (HearthJournalPage *self)
{
  g_clear_pointer (&self->to, g_free);
  gtk_menu_button_popdown (self->to_button);
  apply_filters (self);
}

static void
fill_author_dropdown (HearthJournalPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *ids[2] = { hearth_journal_get_me (self->journal), hearth_journal_get_partner_id (self->journal) };

  g_ptr_array_set_size (self->author_ids, 0);
  gtk_string_list_append (names, _ ("Both of us"));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (ids[i] != NULL)
      {
        g_ptr_array_add (self->author_ids, g_strdup (ids[i]));
        gtk_string_list_append (names, hearth_partner_name (self->journal, ids[i]));
      }
  gtk_drop_down_set_model (self->author_dropdown, G_LIST_MODEL (names));
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                   */

static void
update_actions (HearthJournalPage *self)
{
  gboolean saved = hearth_entry_editor_get_entry_id (self->editor) != NULL;
  gboolean own = hearth_entry_editor_is_own (self->editor);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.delete-entry", saved && own);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.reply", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.insert-template", own);
}

static void
on_editor_entry_changed (HearthJournalPage *self)
{
  update_actions (self);
  sync_selection (self);
}

static void
new_entry_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HearthJournalPage *self = HEARTH_JOURNAL_PAGE (widget);

  hearth_entry_editor_open (self->editor, NULL);
  show_editor (self);
  hearth_entry_editor_focus (self->editor);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HearthJournalPage *self = HEARTH_JOURNAL_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HearthJournalPage *self = HEARTH_JOURNAL_PAGE (widget);

  hearth_entry_editor_flush (self->editor);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* What the Undo of one "Entry deleted" toast brings back, and where. */
typedef struct
{
  GWeakRef      page;
  HearthRecord *before;
} UndoDelete;

static void
undo_delete_free (gpointer  data,
                  GClosure *closure)
{
  UndoDelete *undo = data;

  g_weak_ref_clear (&undo->page);
  g_object_unref (undo->before);
  g_free (undo);
}

static void
on_undo_delete (AdwToast   *toast,
                UndoDelete *undo)
{
  g_autoptr(HearthJournalPage) self = g_weak_ref_get (&undo->page);
  g_autoptr(HearthRecord) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->journal == NULL)
    return;
  copy = hearth_record_copy (undo->before);
  if (!hearth_journal_queue_save (self->journal, copy, &error))
    {
      hearth_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  hearth_entry_editor_open (self->editor, hearth_journal_lookup (self->journal, hearth_record_get_id (copy)));
}

static void
delete_entry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HearthJournalPage *self = HEARTH_JOURNAL_PAGE (widget);
  g_autofree char   *id = g_strdup (hearth_entry_editor_get_entry_id (self->editor));
  g_autoptr(HearthRecord) before = NULL;
  g_autoptr(GError) error = NULL;
  HearthRecord *record;
  GtkWidget    *overlay;

  if (id == NULL)
    return;
  /* Saved first, so that undo brings back every last word. */
  hearth_entry_editor_flush (self->editor);
  record = hearth_journal_lookup (self->journal, id);
  if (record == NULL)
    return;
  before = hearth_record_copy (record);
  if (!hearth_journal_queue_delete (self->journal, id, &error))
    {
      hearth_show_toast (widget, error->message);
      return;
    }
  hearth_entry_editor_open (self->editor, NULL);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      AdwToast   *toast = adw_toast_new (_ ("Entry deleted"));
      UndoDelete *undo = g_new0 (UndoDelete, 1);

      g_weak_ref_init (&undo->page, self);
      undo->before = g_steal_pointer (&before);
      adw_toast_set_button_label (toast, _ ("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_delete), undo,
                             undo_delete_free, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HearthJournalPage *self = HEARTH_JOURNAL_PAGE (widget);

  show_editor (self);
  hearth_entry_editor_show_reply_composer (self->editor);
}

static void
insert_template_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  hearth_entry_editor_insert_template (HEARTH_JOURNAL_PAGE (widget)->editor);
}

static void
on_prompt_chosen (HearthJournalPage *self,
                  const char        *prompt_id)
{
  const HearthPrompt *prompt = hearth_prompts_lookup (prompt_id);

  if (prompt == NULL)
    return;
  hearth_entry_editor_start_prompt (self->editor, prompt);
  show_editor (self);
}

static void
choose_prompt_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HearthJournalPage   *self = HEARTH_JOURNAL_PAGE (widget);
  GtkRoot             *root = gtk_widget_get_root (widget);
  HearthPromptBrowser *browser;

  hearth_entry_editor_flush (self->editor);
  browser = hearth_prompt_browser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (browser, "prompt-chosen", G_CALLBACK (on_prompt_chosen), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (browser));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HearthJournalPage *self = HEARTH_JOURNAL_PAGE (widget);

  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  gtk_drop_down_set_selected (self->author_dropdown, 0);
  gtk_drop_down_set_selected (self->mood_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  apply_filters (self);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
on_folded_changed (HearthJournalPage *self)
{
  hearth_entry_editor_set_folded (self->editor, adw_leaflet_get_folded (self->leaflet));
}

static void
hearth_journal_page_dispose (GObject *object)
{
  HearthJournalPage *self = HEARTH_JOURNAL_PAGE (object);

  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (hearth_journal_get_model (self->journal, HEARTH_KIND_ENTRY), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_JOURNAL_PAGE);
  /* The template's unnamed top box is not released by the above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  self->editor = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->replies);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_journal_page_parent_class)->dispose (object);
}

static void
hearth_journal_page_finalize (GObject *object)
{
  HearthJournalPage *self = HEARTH_JOURNAL_PAGE (object);

  g_ptr_array_unref (self->author_ids);
  g_free (self->from);
  g_free (self->to);

  G_OBJECT_CLASS (hearth_journal_page_parent_class)->finalize (object);
}

static void
hearth_journal_page_class_init (HearthJournalPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_journal_page_dispose;
  object_class->finalize = hearth_journal_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-journal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, filter_summary);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, author_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, mood_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, HearthJournalPage, to_calendar);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_from_cleared);
  gtk_widget_class_bind_template_callback (widget_class, on_to_cleared);

  gtk_widget_class_install_action (widget_class, "journal.new-entry", NULL, new_entry_action);
  gtk_widget_class_install_action (widget_class, "journal.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "journal.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "journal.delete-entry", NULL, delete_entry_action);
  gtk_widget_class_install_action (widget_class, "journal.reply", NULL, reply_action);
  gtk_widget_class_install_action (widget_class, "journal.insert-template", NULL, insert_template_action);
  gtk_widget_class_install_action (widget_class, "journal.choose-prompt", NULL, choose_prompt_action);
  gtk_widget_class_install_action (widget_class, "journal.clear-filters", NULL, clear_filters_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *accel,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accel),
                                                          gtk_named_action_new (action)));
}

static void
hearth_journal_page_init (HearthJournalPage *self)
{
  g_autoptr(GtkStringList) moods = gtk_string_list_new (NULL);
  GtkEventController *shortcuts;

  hearth_ensure_page_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->author_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (moods, _ ("Any mood"));
  for (guint i = 0; i < HEARTH_N_MOODS; i++)
    {
      g_autofree char *label = hearth_mood_dup_label (hearth_mood_get_id (i));
      gtk_string_list_append (moods, label);
    }
  gtk_drop_down_set_model (self->mood_dropdown, G_LIST_MODEL (moods));

  /* Managed: the window runs these whenever the page is shown, wherever
   * the focus is. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>f", "journal.search");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>n", "journal.new-entry");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>r", "journal.reply");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect_swapped (self->author_dropdown, "notify::selected", G_CALLBACK (apply_filters), self);
  g_signal_connect_swapped (self->mood_dropdown, "notify::selected", G_CALLBACK (apply_filters), self);
  g_signal_connect_swapped (self->tag_entry, "changed", G_CALLBACK (apply_filters), self);
  g_signal_connect_swapped (self->from_calendar, "day-selected", G_CALLBACK (on_from_selected), self);
  g_signal_connect_swapped (self->to_calendar, "day-selected", G_CALLBACK (on_to_selected), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed), self);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_activate), self);
}

/**
 * hearth_journal_page_new:
 * @journal: an unlocked, loaded journal
 *
 * Returns: (transfer floating): the journal page
 */
GtkWidget *
hearth_journal_page_new (HearthJournal *journal)
{
  HearthJournalPage *self;
  GListModel        *entries;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  self = g_object_new (HEARTH_TYPE_JOURNAL_PAGE, NULL);
  self->journal = g_object_ref (journal);
  entries = hearth_journal_get_model (journal, HEARTH_KIND_ENTRY);
  self->replies = hearth_reply_index_new (entries);
  self->filter = hearth_entry_filter_new ();
  self->filtered = gtk_filter_list_model_new (g_object_ref (entries), g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->editor = HEARTH_ENTRY_EDITOR (hearth_entry_editor_new (journal, self->replies));
  adw_bin_set_child (self->editor_bin, GTK_WIDGET (self->editor));
  hearth_entry_editor_set_folded (self->editor, adw_leaflet_get_folded (self->leaflet));

  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_list_state), self);
  g_signal_connect_swapped (entries, "items-changed", G_CALLBACK (on_entries_changed), self);
  g_signal_connect_swapped (self->editor, "notify::entry-id", G_CALLBACK (on_editor_entry_changed), self);
  g_signal_connect_swapped (self->editor, "notify::own", G_CALLBACK (update_actions), self);
  g_signal_connect_object (journal, "notify::loaded", G_CALLBACK (fill_author_dropdown), self, G_CONNECT_SWAPPED);

  fill_author_dropdown (self);
  update_filter_summary (self);
  update_list_state (self);
  update_actions (self);
  return GTK_WIDGET (self);
}

/**
 * hearth_journal_page_get_journal:
 * Returns: (transfer none): the journal shown
 */
HearthJournal *
hearth_journal_page_get_journal (HearthJournalPage *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL_PAGE (self), NULL);
  return self->journal;
}

/**
 * hearth_journal_page_flush:
 * Saves whatever is being written, synchronously. The window calls it
 * before the journal locks.
 */
void
hearth_journal_page_flush (HearthJournalPage *self)
{
  g_return_if_fail (HEARTH_IS_JOURNAL_PAGE (self));

  if (self->editor != NULL)
    hearth_entry_editor_flush (self->editor);
}

/**
 * hearth_journal_page_open_entry:
 * @entry_id: the id of an entry, or of a reply (its parent opens)
 *
 * Shows the entry in the editor, e.g. from a notification or the today page.
 */
void
hearth_journal_page_open_entry (HearthJournalPage *self,
                                const char        *entry_id)
{
  HearthRecord *record;
  const char   *parent;

  g_return_if_fail (HEARTH_IS_JOURNAL_PAGE (self));

  record = hearth_journal_lookup (self->journal, entry_id);
  if (!HEARTH_IS_ENTRY (record))
    return;
  parent = hearth_entry_get_reply_to (HEARTH_ENTRY (record));
  if (parent != NULL && hearth_journal_lookup (self->journal, parent) != NULL)
    record = hearth_journal_lookup (self->journal, parent);
  hearth_entry_editor_open (self->editor, record);
  show_editor (self);
}
