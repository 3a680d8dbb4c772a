/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>

#include "hearth-error.h"
#include "hearth-folder-chooser.h"
#include "hearth-join-page.h"
#include "hearth-keyring.h"
#include "hearth-application.h"
#include "hearth-preferences-window.h"
#include "hearth-print-operation.h"
#include "hearth-settings.h"
#include "hearth-timing.h"
#include "hearth-unlock-page.h"
#include "hearth-welcome.h"
#include "hearth-window.h"
#include "hearth-checkins-page.h"
#include "hearth-journal-page.h"
#include "hearth-today-page.h"
#include "hearth-reminder-service.h"
#include "hearth-reminder-status.h"
#include "hearth-gratitude-dialog.h"
#include "hearth-insights-page.h"
#include "hearth-gratitude-page.h"
#include "hearth-partners-page.h"
#include "hearth-rituals-page.h"

struct _HearthWindow
{
  AdwApplicationWindow parent_instance;

  /* Template */
  AdwToastOverlay      *toast_overlay;
  GtkButton            *back_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *accept_button;
  GtkStack             *state_stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *error_page;
  GtkButton            *choose_folder_button;
  AdwViewStack         *view_stack;

  /* Made when first shown */
  HearthWelcome    *welcome;
  HearthUnlockPage *unlock_page;
  HearthJoinPage   *join_page;

  /* NULL when the schema is not installed (see hearth_settings_new()). */
  GSettings *settings;

  /* The process's session; the journal below is its journal, or NULL. */
  HearthSession        *session;
  HearthJournal        *journal;
  /* The pages are built for the journal. */
  gboolean              pages_built;
  /* ... while it loads, and not shown yet (hearth_window_prepare_pages()). */
  gboolean              pages_prepared;
  /* The last record whose write failed, for "Try Again". */
  HearthRecord         *failed;
  AdwToast             *failed_toast;
  /* The folder last asked for, for "Try Again" when it could not be opened. */
  char                 *path;
  /* Cancelled when the journal changes or the window goes away. */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GtkWindow            *preferences;
  /* The unlock and join pages were reached from the welcome's Join path,
   * so Back returns there. */
  gboolean              from_welcome;
  /* What a notification asked for while the journal was not shown yet:
   * a page, or the check-in. */
  char                 *wanted_page;
  gboolean              wanted_checkin;
};

G_DEFINE_FINAL_TYPE (HearthWindow, hearth_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum
{
  LOCK_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];

static guint signals[N_SIGNALS];

static void hearth_window_proceed (HearthWindow *self,
                                   gboolean      try_keyring);
static void on_journal_locked (HearthWindow  *self,
                               GParamSpec    *pspec,
                               HearthJournal *journal);
static void on_unlocked (HearthWindow     *self,
                         HearthUnlockPage *page);
static void on_joined (HearthWindow   *self,
                       HearthJoinPage *page);
static void on_journal_created (HearthWindow  *self,
                                HearthJournal *journal,
                                HearthWelcome *welcome);
static void on_journal_chosen (HearthWindow  *self,
                               HearthJournal *journal,
                               HearthWelcome *welcome);
static void on_welcome_can_go_back (HearthWindow  *self,
                                    GParamSpec    *pspec,
                                    HearthWelcome *welcome);

/* ------------------------------------------------------------------------ */
/* Pages                                                                     */

/* The set of pages of the main view, in order: each one is made from the
 * journal with its constructor, e.g.
 *   hearth_window_add_page (self, hearth_today_page_new (journal), "today",
 *                           _("Today"), "…-symbolic");
 * Alt+1, Alt+2… switch to them. Called each time the journal is shown,
 * after unlocking; the pages are dropped when it locks. */
static void hearth_window_drop_pages (HearthWindow *self);

/* A page that is made the first time it is shown: the ones behind the
 * first two cost the main view its first frame otherwise (the Gratitude
 * page alone some 1.4 s with a ten-year journal). */
typedef GtkWidget *(*PageNew) (HearthJournal *journal);

/* What a page saves before the journal locks, once it is made. */
typedef void (*PageFlush) (GtkWidget *page);

typedef struct
{
  PageNew        page_new;
  PageFlush      flush;
  HearthJournal *journal;
  HearthWindow  *window; /* unowned: the page lives inside it */
} LazyPage;

static void
lazy_page_free (gpointer  data,
                GClosure *closure)
{
  LazyPage *lazy = data;

  g_object_unref (lazy->journal);
  g_free (lazy);
}

static void
on_lazy_page_map (GtkWidget *box,
                  LazyPage  *lazy)
{
  GtkWidget *page;

  if (gtk_widget_get_first_child (box) != NULL)
    return;
  page = lazy->page_new (lazy->journal);
  /* The page fills the place kept for it, as it would the view itself:
   * in a box it would get its natural height, a few rows of its list. */
  gtk_widget_set_hexpand (page, TRUE);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  /* Before the journal locks, whatever is typed is saved. */
  if (lazy->flush != NULL)
    g_signal_connect_object (lazy->window, "lock-requested", G_CALLBACK (lazy->flush), page,
                             G_CONNECT_SWAPPED);
}

static GtkWidget *
lazy_page_new (HearthWindow  *window,
               HearthJournal *journal,
               PageNew        page_new,
               PageFlush      flush)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  LazyPage  *lazy = g_new0 (LazyPage, 1);

  lazy->page_new = page_new;
  lazy->flush = flush;
  lazy->window = window;
  lazy->journal = g_object_ref (journal);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_vexpand (box, TRUE);
  g_signal_connect_data (box, "map", G_CALLBACK (on_lazy_page_map), lazy, lazy_page_free, 0);
  return box;
}

static void
hearth_window_build_pages (HearthWindow  *self,
                           HearthJournal *journal)
{
  GtkWidget *today;

  /* Shown again (a journal reopened): start from fresh pages. */
  hearth_window_drop_pages (self);
  today = hearth_today_page_new (journal);
  /* Before the journal locks, whatever is typed is saved. */
  g_signal_connect_object (self, "lock-requested", G_CALLBACK (hearth_today_page_flush), today, G_CONNECT_SWAPPED);
  hearth_window_add_page (self, today, "today", _ ("Today"), "weather-clear-symbolic");
  hearth_window_add_page (self, lazy_page_new (self, journal, hearth_journal_page_new, (PageFlush) hearth_journal_page_flush),
                          "journal", _ ("Journal"), "accessories-text-editor-symbolic");
  hearth_window_add_page (self, lazy_page_new (self, journal, hearth_gratitude_page_new, NULL), "gratitude",
                          _ ("Gratitude"), "emblem-favorite-symbolic");
  hearth_window_add_page (self, lazy_page_new (self, journal, hearth_rituals_page_new, NULL), "rituals",
                          _ ("Rituals"), "x-office-calendar-symbolic");
  hearth_window_add_page (self, lazy_page_new (self, journal, hearth_checkins_page_new, (PageFlush) hearth_checkins_page_flush), "checkins",
                          _ ("Check-ins"), "emoji-people-symbolic");
}

/* Ctrl+G from anywhere in the main view: a note of thanks. */
static void
quick_gratitude_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  if (self->journal == NULL || g_strcmp0 (hearth_window_get_state (self), "main") != 0)
    return;
  hearth_gratitude_dialog_present (GTK_WINDOW (self), self->journal);
}

/* A notification asked for a page: show it once the journal is open. */
static void
on_open_page (HearthWindow *self,
              const char   *page)
{
  if (g_strcmp0 (page, "preferences") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.preferences", NULL);
      return;
    }
  if (g_strcmp0 (hearth_window_get_state (self), "main") != 0)
    {
      g_free (self->wanted_page);
      self->wanted_page = g_strdup (page);
      return;
    }
  if (adw_view_stack_get_child_by_name (self->view_stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page);
  gtk_window_present (GTK_WINDOW (self));
}

static void
on_start_checkin (HearthWindow *self,
                  const char   *ritual_id)
{
  GtkWidget *page;

  if (g_strcmp0 (hearth_window_get_state (self), "main") != 0)
    {
      self->wanted_checkin = TRUE;
      return;
    }
  page = adw_view_stack_get_child_by_name (self->view_stack, "checkins");
  if (page == NULL)
    return;
  /* Shown, the page is made (it may not have been yet). */
  gtk_window_present (GTK_WINDOW (self));
  adw_view_stack_set_visible_child (self->view_stack, page);
  if (gtk_widget_get_first_child (page) != NULL)
    gtk_widget_activate_action (gtk_widget_get_first_child (page), "checkins.start", NULL);
}

/* A page of the journal in a window of its own, closed on lock. */
typedef struct
{
  PageFlush  flush;
  GtkWidget *page; /* inside the window, so alive as long as it is */
} PageWindowFlush;

static void
page_window_flush_free (gpointer  data,
                        GClosure *closure)
{
  g_free (data);
}

static gboolean
on_page_window_close (GtkWindow       *window,
                      PageWindowFlush *closing)
{
  closing->flush (closing->page);
  return GDK_EVENT_PROPAGATE;
}

static void
present_page_window (HearthWindow *self,
                     GtkWidget    *page,
                     const char   *title,
                     PageFlush     flush)
{
  GtkWidget *window, *box, *header, *overlay;

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 680);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_window_set_content (ADW_WINDOW (window), box);
  /* What the page has not saved yet is saved when its window closes, and
   * before locking closes it with the pages: nothing of the journal stays
   * on screen. */
  if (flush != NULL)
    {
      PageWindowFlush *closing = g_new0 (PageWindowFlush, 1);

      closing->flush = flush;
      closing->page = page;
      g_signal_connect_data (window, "close-request", G_CALLBACK (on_page_window_close), closing,
                             page_window_flush_free, 0);
      g_signal_connect_object (self, "lock-requested", G_CALLBACK (flush), page, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self, "lock-requested", G_CALLBACK (gtk_window_destroy), window, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
partners_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  if (self->journal == NULL || g_strcmp0 (hearth_window_get_state (self), "main") != 0)
    return;
  present_page_window (self, hearth_partners_page_new (self->journal), _ ("Partners"),
                       (PageFlush) hearth_partners_page_flush);
}

static void
insights_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  if (self->journal == NULL || g_strcmp0 (hearth_window_get_state (self), "main") != 0)
    return;
  present_page_window (self, hearth_insights_page_new (self->journal), _ ("Insights"), NULL);
}

/* Ctrl+P: the journal on paper, chosen in the print dialog's Journal tab. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  if (self->journal == NULL || g_strcmp0 (hearth_window_get_state (self), "main") != 0)
    return;
  hearth_print_operation_present (GTK_WINDOW (self), self->journal);
}

static void
hearth_window_drop_pages (HearthWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);

  self->pages_built = FALSE;
  self->pages_prepared = FALSE;
  while (g_list_model_get_n_items (G_LIST_MODEL (pages)) > 0)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), 0);
      adw_view_stack_remove (self->view_stack, adw_view_stack_page_get_child (page));
    }
}

/**
 * hearth_window_add_page:
 * @page: (transfer floating): the page widget
 * @name: a name to find it with adw_view_stack_get_child_by_name()
 * @title: the translated title in the view switchers
 * @icon_name: the symbolic icon in the view switchers
 *
 * Adds a page to the main view, after the pages already there.
 */
void
hearth_window_add_page (HearthWindow *self,
                        GtkWidget    *page,
                        const char   *name,
                        const char   *title,
                        const char   *icon_name)
{
  AdwViewStackPage *stack_page;

  g_return_if_fail (HEARTH_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (page));

  stack_page = adw_view_stack_add_titled (self->view_stack, page, name, title);
  adw_view_stack_page_set_icon_name (stack_page, icon_name);
}

static void
hearth_window_select_page (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);
  g_autoptr(GtkSelectionModel) pages = NULL;
  int index = g_variant_get_int32 (parameter);

  if (g_strcmp0 (hearth_window_get_state (self), "main") != 0)
    return;
  pages = adw_view_stack_get_pages (self->view_stack);
  if (index >= 0 && (guint) index < g_list_model_get_n_items (G_LIST_MODEL (pages)))
    gtk_selection_model_select_item (pages, index, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Toasts and problems                                                       */

/**
 * hearth_window_add_toast:
 * @message: a sentence to show briefly
 */
void
hearth_window_add_toast (HearthWindow *self,
                         const char   *message)
{
  AdwToast *toast;

  g_return_if_fail (HEARTH_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A write failed after the page moved on: say why, and keep the record,
 * words and all, for "Try Again". */
static void
on_save_failed (HearthWindow  *self,
                HearthRecord  *record,
                GError        *error,
                HearthJournal *journal)
{
  AdwToast *toast;

  g_set_object (&self->failed, record);
  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _ ("Try Again"));
  adw_toast_set_action_name (toast, "win.retry-save");
  if (self->failed_toast != NULL)
    adw_toast_dismiss (self->failed_toast);
  g_set_object (&self->failed_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
retry_save_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);
  g_autoptr(HearthRecord) failed = g_steal_pointer (&self->failed);
  g_autoptr(HearthRecord) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (failed == NULL || self->journal == NULL)
    return;
  copy = hearth_record_copy (failed);
  if (!hearth_journal_queue_save (self->journal, copy, &error))
    on_save_failed (self, failed, error, self->journal);
}

static void
hearth_window_update_banner (HearthWindow *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  if (self->journal != NULL && hearth_journal_is_loaded (self->journal))
    {
      problems = hearth_journal_get_problems (self->journal);
      n = problems->len;
      for (guint i = 0; i < problems->len; i++)
        {
          const GError *problem = g_ptr_array_index (problems, i);

          if (text->len > 0)
            g_string_append_c (text, '\n');
          if (problems->len > 1)
            g_string_append (text, "• ");
          g_string_append (text, problem->message);
        }
      /* A folder this account may not write to opens fine, and then every
       * change would fail: say so before someone writes a long entry. */
      if (!hearth_journal_is_read_only (self->journal) &&
          access (hearth_journal_get_path (self->journal), W_OK) != 0)
        {
          if (text->len > 0)
            g_string_append (text, problems->len > 0 ? "\n• " : "\n");
          else if (n > 0)
            g_string_append (text, "• ");
          g_string_append (text, _ ("The journal folder cannot be written to, so changes cannot be saved. Check the folder’s permissions, or whether the drive is read-only."));
          n++;
        }
    }

  gtk_label_set_text (self->banner_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->accept_button),
                          self->journal != NULL && hearth_journal_has_versions_to_accept (self->journal));
  gtk_revealer_set_reveal_child (self->banner_revealer,
                                 n > 0 && g_strcmp0 (hearth_window_get_state (self), "main") == 0);
}

static void
on_problems_changed (HearthWindow  *self,
                     HearthJournal *journal)
{
  hearth_window_update_banner (self);
}

static void
accept_versions_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(HearthWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hearth_journal_accept_all_finish (HEARTH_JOURNAL (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hearth_window_add_toast (self, error->message);
      return;
    }
  hearth_window_add_toast (self, _ ("Those files are kept as they are now."));
}

/* The person's choice for files that went back to an older version or are
 * missing: keep them as they are (written off the main thread). */
static void
accept_versions_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  if (self->journal == NULL || !hearth_journal_has_versions_to_accept (self->journal))
    return;
  hearth_journal_accept_all_async (self->journal, self->cancellable, accept_versions_cb,
                                   g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* States                                                                    */

/* The welcome, unlock and join pages are made the first time they are
 * needed: a start that goes straight to the journal never builds them, and
 * the window's first frame does not measure their text. */
static HearthWelcome *
window_welcome (HearthWindow *self)
{
  if (self->welcome == NULL)
    {
      self->welcome = HEARTH_WELCOME (hearth_welcome_new ());
      hearth_welcome_set_settings (self->welcome, self->settings);
      gtk_stack_add_named (self->state_stack, GTK_WIDGET (self->welcome), "welcome");
      g_signal_connect_object (self->welcome, "journal-created",
                               G_CALLBACK (on_journal_created), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->welcome, "journal-chosen",
                               G_CALLBACK (on_journal_chosen), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->welcome, "notify::can-go-back",
                               G_CALLBACK (on_welcome_can_go_back), self, G_CONNECT_SWAPPED);
    }
  return self->welcome;
}

static HearthUnlockPage *
window_unlock_page (HearthWindow *self)
{
  if (self->unlock_page == NULL)
    {
      self->unlock_page = HEARTH_UNLOCK_PAGE (hearth_unlock_page_new ());
      gtk_stack_add_named (self->state_stack, GTK_WIDGET (self->unlock_page), "unlock");
      g_signal_connect_object (self->unlock_page, "unlocked",
                               G_CALLBACK (on_unlocked), self, G_CONNECT_SWAPPED);
    }
  return self->unlock_page;
}

static HearthJoinPage *
window_join_page (HearthWindow *self)
{
  if (self->join_page == NULL)
    {
      self->join_page = HEARTH_JOIN_PAGE (hearth_join_page_new ());
      gtk_stack_add_named (self->state_stack, GTK_WIDGET (self->join_page), "join");
      g_signal_connect_object (self->join_page, "joined",
                               G_CALLBACK (on_joined), self, G_CONNECT_SWAPPED);
    }
  return self->join_page;
}

/**
 * hearth_window_get_state:
 *
 * Returns: what the window shows: "welcome", "unlock", "loading", "join",
 *   "error" or "main"
 */
const char *
hearth_window_get_state (HearthWindow *self)
{
  g_return_val_if_fail (HEARTH_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->state_stack);
}

static void
hearth_window_update_actions (HearthWindow *self)
{
  const char *state = hearth_window_get_state (self);
  gboolean    main = g_strcmp0 (state, "main") == 0;
  gboolean    back = FALSE;

  if (g_strcmp0 (state, "welcome") == 0)
    back = hearth_welcome_get_can_go_back (window_welcome (self));
  else if (g_strcmp0 (state, "unlock") == 0 || g_strcmp0 (state, "join") == 0 ||
           g_strcmp0 (state, "error") == 0)
    back = self->from_welcome;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", hearth_window_can_lock (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", main);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", main);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", back);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), back);
  /* Enabled as soon as the pages are made, behind the loading page: the
   * bottom switcher bar, shown while the title is, slides away then, out
   * of sight, not over the newest entries. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     main || (self->pages_prepared && g_strcmp0 (state, "loading") == 0));
}

static void
hearth_window_set_state (HearthWindow *self,
                         const char   *state)
{
  /* The page of the state exists before it is shown. */
  if (g_str_equal (state, "welcome"))
    window_welcome (self);
  else if (g_str_equal (state, "unlock"))
    hearth_unlock_page_set_journal (window_unlock_page (self), self->journal);
  else if (g_str_equal (state, "join"))
    window_join_page (self);
  /* The journal replaces the loading page at once: a crossfade would draw
   * both pages for a fifth of a second, with the entries faint, just as
   * they should be read. */
  if (g_str_equal (state, "main") &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->state_stack), "loading") == 0)
    gtk_stack_set_visible_child_full (self->state_stack, state, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->state_stack, state);
  gtk_spinner_set_spinning (self->loading_spinner, g_strcmp0 (state, "loading") == 0);

  /* The main view is titled with the journal's own name. */
  if (g_strcmp0 (state, "main") == 0 && self->journal != NULL &&
      hearth_journal_get_name (self->journal) != NULL)
    adw_view_switcher_title_set_title (self->switcher_title,
                                       hearth_journal_get_name (self->journal));
  else
    adw_view_switcher_title_set_title (self->switcher_title, _ ("Hearth"));

  hearth_window_update_actions (self);
  hearth_window_update_banner (self);
}

static void
hearth_window_show_loading (HearthWindow *self,
                            const char   *title)
{
  adw_status_page_set_title (self->loading_page, title);
  hearth_window_set_state (self, "loading");
}

static void
hearth_window_show_error (HearthWindow *self,
                          const char   *icon_name,
                          const char   *title,
                          const char   *description,
                          gboolean      can_retry)
{
  adw_status_page_set_icon_name (self->error_page, icon_name);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry", can_retry);
  hearth_window_set_state (self, "error");
}

static void
hearth_window_show_welcome (HearthWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->from_welcome = FALSE;
  g_clear_pointer (&self->wanted_page, g_free);
  self->wanted_checkin = FALSE;
  hearth_window_set_journal (self, NULL);
  hearth_welcome_reset (window_welcome (self));
  hearth_window_set_state (self, "welcome");
}

static void
hearth_window_show_main (HearthWindow *self)
{
  self->from_welcome = FALSE;
  hearth_settings_set_journal_folder (self->settings, hearth_journal_get_path (self->journal));
  /* Pages made while the journal loaded are fresh; any others are made
   * again. */
  if (!self->pages_prepared)
    {
      hearth_window_drop_pages (self);
      hearth_window_build_pages (self, self->journal);
      self->pages_built = TRUE;
    }
  self->pages_prepared = FALSE;
  /* Watched once every file was read (the session does it after a load). */
  if (hearth_journal_is_loaded (self->journal))
    hearth_journal_set_watching (self->journal, TRUE);
  hearth_window_set_state (self, "main");

  if (self->wanted_checkin)
    {
      self->wanted_checkin = FALSE;
      g_clear_pointer (&self->wanted_page, g_free);
      on_start_checkin (self, NULL);
    }
  else if (self->wanted_page != NULL)
    {
      g_autofree char *page = g_steal_pointer (&self->wanted_page);

      on_open_page (self, page);
    }
}

/* ------------------------------------------------------------------------ */
/* Opening                                                                   */

static void
hearth_window_set_path (HearthWindow *self,
                        const char   *path)
{
  char *copy = g_strdup (path);

  g_free (self->path);
  self->path = copy;
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HearthWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autofree char *default_path = hearth_journal_default_path ();
  g_autofree char *canonical = NULL;
  g_autofree char *canonical_default = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  journal = hearth_session_open_finish (HEARTH_SESSION (source), result, &error);
  hearth_timing_mark ("journal opened");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (journal != NULL)
    {
      hearth_window_set_journal (self, journal);
      return;
    }

  hearth_window_set_journal (self, NULL);
  name = g_filename_display_name (self->path);
  canonical = g_canonicalize_filename (self->path, NULL);
  canonical_default = g_canonicalize_filename (default_path, NULL);
  /* First run: nothing in the default folder yet. */
  if ((g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_NOT_A_JOURNAL) ||
       g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND)) &&
      g_strcmp0 (canonical, canonical_default) == 0)
    {
      hearth_window_show_welcome (self);
      return;
    }
  if (g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND))
    {
      description = g_strdup_printf (_ ("The folder %s cannot be found. If it is on a removable or network drive, connect it and try again. If it moved, choose it where it is now."),
                                     name);
      hearth_window_show_error (self, "folder-remote-symbolic",
                                _ ("Journal Folder Not Found"), description, TRUE);
      return;
    }
  if (g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_NOT_A_JOURNAL))
    {
      description = g_strdup_printf (_ ("The folder %s holds no Hearth journal. If your partner shares it through a sync tool, wait until it has arrived, or choose the folder where it is."),
                                     name);
      hearth_window_show_error (self, "folder-symbolic",
                                _ ("No Journal in This Folder"), description, TRUE);
      return;
    }
  if (g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED))
    {
      /* Translators: %s says which file is damaged and that it was left untouched. */
      description = g_strdup_printf (_ ("%s\n\nCopy hearth-journal.json from your partner’s copy of the folder or from a backup, then try again."),
                                     error->message);
      hearth_window_show_error (self, "dialog-warning-symbolic",
                                _ ("This Journal Cannot Be Opened"), description, TRUE);
      return;
    }
  hearth_window_show_error (self, "dialog-warning-symbolic",
                            _ ("This Journal Cannot Be Opened"), error->message, TRUE);
}

/**
 * hearth_window_open:
 * @path: (nullable): a journal folder, or %NULL for the one in the settings
 *
 * Opens the journal in @path and leads to its main view: the welcome when
 * there is no journal yet in the default folder, the passphrase page when
 * the keyring does not know it, a page that says what is wrong otherwise.
 */
void
hearth_window_open (HearthWindow *self,
                    const char   *path)
{
  g_autofree char *folder = NULL;

  g_return_if_fail (HEARTH_IS_WINDOW (self));

  folder = path ? g_strdup (path) : hearth_settings_dup_journal_folder (self->settings);
  hearth_window_set_path (self, folder);
  self->from_welcome = FALSE;
  /* Whatever was being opened or loaded before is not wanted any more. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  hearth_window_show_loading (self, _ ("Opening Your Journal…"));
  hearth_session_open_async (self->session, folder, self->cancellable, open_cb, g_object_ref (self));
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HearthWindow) self = user_data;
  HearthJournal *journal = hearth_session_get_journal (HEARTH_SESSION (source));
  g_autoptr(GError) error = NULL;

  if (!hearth_session_load_finish (HEARTH_SESSION (source), result, &error))
    {
      if (journal != self->journal || g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      hearth_window_show_error (self, "dialog-warning-symbolic",
                                _ ("This Journal Cannot Be Opened"), error->message, TRUE);
      return;
    }
  if (journal == self->journal)
    hearth_window_proceed (self, FALSE);
}

static void
keyring_unlock_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HearthWindow) self = user_data;
  HearthJournal *journal = HEARTH_JOURNAL (source);
  g_autoptr(GError) error = NULL;

  hearth_timing_mark ("journal unlocked");
  if (!hearth_journal_unlock_finish (journal, result, &error))
    {
      if (journal != self->journal || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The remembered passphrase no longer fits: changed on the other
       * computer. Typing the new one remembers it again. */
      hearth_unlock_page_set_note (window_unlock_page (self),
                                   _ ("The passphrase this computer remembered no longer works; perhaps it was changed on your partner’s computer. Type the current one."));
      hearth_window_set_state (self, "unlock");
      return;
    }
  if (journal == self->journal)
    hearth_window_proceed (self, FALSE);
}

static void
keyring_lookup_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HearthWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = hearth_keyring_lookup_finish (result, &error);
  hearth_timing_mark ("passphrase from the keyring");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->journal == NULL)
    {
      hearth_keyring_free_secret (secret);
      return;
    }
  if (secret == NULL)
    {
      if (error != NULL)
        {
          g_autofree char *note = g_strdup_printf ("%s %s", error->message,
                                                   _ ("Reminders need the passphrase remembered in the keyring."));
          hearth_unlock_page_set_note (window_unlock_page (self), note);
        }
      hearth_window_set_state (self, "unlock");
      return;
    }
  hearth_journal_unlock_async (self->journal, secret, self->cancellable,
                               keyring_unlock_cb, g_object_ref (self));
  hearth_keyring_free_secret (secret);
}

/* Takes the journal one step further: unlock, load, join, show. */
static void
hearth_window_proceed (HearthWindow *self,
                       gboolean      try_keyring)
{
  HearthJournal *journal = self->journal;

  if (journal == NULL)
    return;

  if (hearth_journal_is_locked (journal))
    {
      /* The unlock page, once shown, asks for this journal's passphrase
       * (hearth_window_set_state()). */
      if (self->unlock_page != NULL)
        hearth_unlock_page_set_journal (self->unlock_page, journal);
      /* Locked by the person: only the typed passphrase opens it again. */
      if (try_keyring && !hearth_session_get_locked_by_hand (self->session))
        {
          hearth_window_show_loading (self, _ ("Unlocking Your Journal…"));
          hearth_keyring_lookup_async (hearth_journal_get_id (journal), self->cancellable,
                                       keyring_lookup_cb, g_object_ref (self));
        }
      else
        hearth_window_set_state (self, "unlock");
      return;
    }
  if (!hearth_journal_is_loaded (journal))
    {
      /* The newest year shows as soon as it is read (on_year_loaded);
       * older ones stream in behind it. */
      hearth_window_show_loading (self, _ ("Opening Your Journal…"));
      hearth_session_load_async (self->session, self->cancellable, load_cb, g_object_ref (self));
      return;
    }
  if (hearth_journal_get_me (journal) == NULL && !hearth_journal_is_read_only (journal))
    {
      hearth_join_page_set_journal (window_join_page (self), journal);
      hearth_window_set_state (self, "join");
      return;
    }
  hearth_timing_mark ("all years in");
  /* Shown already while it loaded. */
  if (g_strcmp0 (hearth_window_get_state (self), "main") == 0 && self->pages_built)
    return;
  hearth_window_show_main (self);
}

/* A year of the journal is in the models while the rest still loads: with
 * the partner known and the newest year read, the main view can show. */
/* The device files are in, so the partners are known, and the newest year
 * is still being read: the main thread has nothing else to do, so the
 * pages are made now, hidden behind the loading page, instead of after
 * the newest year has come. */
static void
hearth_window_prepare_pages (HearthWindow *self)
{
  if (self->pages_built)
    return;
  hearth_window_build_pages (self, self->journal);
  self->pages_built = TRUE;
  self->pages_prepared = TRUE;
  hearth_window_update_actions (self);
}

static void
on_year_loaded (HearthWindow  *self,
                int            year,
                HearthJournal *journal)
{
  if (year == 0)
    hearth_timing_mark ("device files in");
  if (journal != self->journal || g_strcmp0 (hearth_window_get_state (self), "loading") != 0 ||
      hearth_journal_get_me (journal) == NULL)
    return;
  if (year == 0)
    {
      hearth_window_prepare_pages (self);
      return;
    }
  hearth_timing_mark ("newest year in");
  hearth_window_show_main (self);
  hearth_timing_mark_next_frame (GTK_WIDGET (self), "newest entries drawn");
}

/**
 * hearth_window_set_journal:
 * @journal: (nullable): a journal, opened, unlocked or loaded
 *
 * Shows @journal, going through the steps it still needs: unlocking
 * (with the passphrase in the keyring when there is one), loading, joining.
 */
void
hearth_window_set_journal (HearthWindow  *self,
                           HearthJournal *journal)
{
  g_return_if_fail (HEARTH_IS_WINDOW (self));
  g_return_if_fail (journal == NULL || HEARTH_IS_JOURNAL (journal));

  if (self->journal != journal)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();

      hearth_window_drop_pages (self);
      if (self->preferences != NULL)
        gtk_window_destroy (self->preferences);
      if (self->unlock_page != NULL)
        hearth_unlock_page_set_journal (self->unlock_page, NULL);
      if (self->join_page != NULL)
        hearth_join_page_set_journal (self->join_page, NULL);
      if (self->journal != NULL)
        g_signal_handlers_disconnect_by_data (self->journal, self);
      g_set_object (&self->journal, journal);
      if (journal != NULL)
        {
          hearth_session_set_journal (self->session, journal);
          g_signal_connect_object (journal, "problems-changed",
                                   G_CALLBACK (on_problems_changed), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (journal, "notify::locked",
                                   G_CALLBACK (on_journal_locked), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (journal, "save-failed",
                                   G_CALLBACK (on_save_failed), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (journal, "year-loaded",
                                   G_CALLBACK (on_year_loaded), self,
                                   G_CONNECT_SWAPPED);
          hearth_window_set_path (self, hearth_journal_get_path (journal));
        }
    }
  if (self->unlock_page != NULL)
    hearth_unlock_page_set_note (self->unlock_page, NULL);
  hearth_window_proceed (self, TRUE);
}

/**
 * hearth_window_get_journal:
 * Returns: (transfer none) (nullable): the journal the window shows
 */
HearthJournal *
hearth_window_get_journal (HearthWindow *self)
{
  g_return_val_if_fail (HEARTH_IS_WINDOW (self), NULL);
  return self->journal;
}

/* ------------------------------------------------------------------------ */
/* Locking                                                                   */

/**
 * hearth_window_can_lock:
 * Returns: whether the window shows an encrypted journal that is unlocked
 */
gboolean
hearth_window_can_lock (HearthWindow *self)
{
  g_return_val_if_fail (HEARTH_IS_WINDOW (self), FALSE);
  return self->journal != NULL &&
         hearth_journal_is_encrypted (self->journal) &&
         !hearth_journal_is_locked (self->journal);
}

/**
 * hearth_window_lock:
 *
 * Locks the journal for the whole process (hearth_session_lock()): the
 * pages save first, then they are dropped with every record, and the
 * passphrase is asked for. The keyring is not asked again: locking means
 * the passphrase has to be typed.
 */
void
hearth_window_lock (HearthWindow *self)
{
  g_return_if_fail (HEARTH_IS_WINDOW (self));

  if (!hearth_window_can_lock (self))
    return;
  hearth_session_lock (self->session);
}

/* Before the session locks or the process quits: the pages save. */
static void
on_session_flush (HearthWindow  *self,
                  HearthSession *session)
{
  g_signal_emit (self, signals[LOCK_REQUESTED], 0);
}

/* Locked, by this window or any other part of the process. */
static void
on_journal_locked (HearthWindow  *self,
                   GParamSpec    *pspec,
                   HearthJournal *journal)
{
  if (!hearth_journal_is_locked (journal))
    return;
  /* No text of the journal stays behind, not even a failed one. */
  g_clear_object (&self->failed);
  if (self->failed_toast != NULL)
    adw_toast_dismiss (self->failed_toast);
  g_clear_object (&self->failed_toast);
  if (self->preferences != NULL)
    gtk_window_destroy (self->preferences);
  hearth_window_drop_pages (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  hearth_unlock_page_set_journal (window_unlock_page (self), journal);
  hearth_unlock_page_set_note (self->unlock_page, NULL);
  hearth_window_set_state (self, "unlock");
}

/* ------------------------------------------------------------------------ */
/* Actions and signals of the pages                                          */

static void
on_unlocked (HearthWindow     *self,
             HearthUnlockPage *page)
{
  hearth_window_proceed (self, FALSE);
}

static void
on_joined (HearthWindow   *self,
           HearthJoinPage *page)
{
  hearth_window_proceed (self, FALSE);
}

static void
on_journal_created (HearthWindow  *self,
                    HearthJournal *journal,
                    HearthWelcome *welcome)
{
  self->from_welcome = FALSE;
  hearth_window_set_journal (self, journal);
}

static void
on_journal_chosen (HearthWindow  *self,
                   HearthJournal *journal,
                   HearthWelcome *welcome)
{
  hearth_window_set_journal (self, journal);
  self->from_welcome = TRUE;
  hearth_window_update_actions (self);
}

static void
on_welcome_can_go_back (HearthWindow  *self,
                        GParamSpec    *pspec,
                        HearthWelcome *welcome)
{
  hearth_window_update_actions (self);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  hearth_window_lock (HEARTH_WINDOW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  if (g_strcmp0 (hearth_window_get_state (self), "welcome") == 0)
    {
      hearth_welcome_go_back (window_welcome (self));
      return;
    }
  hearth_window_show_welcome (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HearthWindow    *self = HEARTH_WINDOW (widget);
  g_autofree char *path = g_strdup (self->path);

  hearth_window_open (self, path);
}

static void
welcome_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  hearth_window_show_welcome (HEARTH_WINDOW (widget));
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  hearth_choose_folder (&self->chooser, GTK_WINDOW (self), _ ("Choose the Journal Folder"), _ ("_Open"),
                        self, G_CALLBACK (hearth_window_open));
}

/* The application's reminder service; a window on its own has none. */
static HearthReminderService *
window_reminders (HearthWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  return HEARTH_IS_APPLICATION (application)
           ? hearth_application_get_reminders (HEARTH_APPLICATION (application))
           : NULL;
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  if (self->journal == NULL)
    return;
  if (self->preferences == NULL)
    {
      self->preferences = GTK_WINDOW (hearth_preferences_window_new (GTK_WINDOW (self), self->journal,
                                                                     self->settings,
                                                                     window_reminders (self)));
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
      g_signal_connect_object (self->preferences, "open-journal", G_CALLBACK (hearth_window_open),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (self->preferences);
}

/* ------------------------------------------------------------------------ */
/* Window state                                                              */

static void
hearth_window_restore_state (HearthWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
hearth_window_save_state (HearthWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  /* The default size is the unmaximized size, so restoring a maximized
   * window and then unmaximizing it returns to where the user left it. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
hearth_window_close_request (GtkWindow *window)
{
  HearthWindow *self = HEARTH_WINDOW (window);

  hearth_window_save_state (self);
  /* Closing the window saves what its pages hold, as locking does. */
  g_signal_emit (self, signals[LOCK_REQUESTED], 0);

  return GTK_WINDOW_CLASS (hearth_window_parent_class)->close_request (window);
}

static void
hearth_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HearthWindow *self = HEARTH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HearthWindow *self = HEARTH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_map_for_timing (GtkWidget *widget)
{
  hearth_timing_mark ("window mapped");
  hearth_timing_mark_next_frame (widget, "first frame");
}

static void
hearth_window_constructed (GObject *object)
{
  HearthWindow   *self = HEARTH_WINDOW (object);
  GtkApplication *application;

  G_OBJECT_CLASS (hearth_window_parent_class)->constructed (object);

  /* The application's session (hearth_window_new() passes it); a window
   * on its own (tests) has its own. */
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (self->session == NULL && HEARTH_IS_APPLICATION (application))
    self->session = g_object_ref (hearth_application_get_session (HEARTH_APPLICATION (application)));
  /* The session's settings, made once for the process. */
  if (self->session != NULL && hearth_session_get_settings (self->session) != NULL)
    self->settings = g_object_ref (hearth_session_get_settings (self->session));
  else
    self->settings = hearth_settings_new ();
  if (self->session == NULL)
    self->session = hearth_session_new (self->settings);
  hearth_window_restore_state (self);
  g_signal_connect_object (self->session, "flush", G_CALLBACK (on_session_flush), self, G_CONNECT_SWAPPED);
  if (hearth_timing_enabled ())
    g_signal_connect (self, "map", G_CALLBACK (on_map_for_timing), NULL);
}

static void
hearth_window_dispose (GObject *object)
{
  HearthWindow *self = HEARTH_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->preferences != NULL)
    gtk_window_destroy (self->preferences);
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_WINDOW);
  g_clear_object (&self->journal);
  g_clear_object (&self->failed);
  g_clear_object (&self->failed_toast);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hearth_window_parent_class)->dispose (object);
}

static void
hearth_window_finalize (GObject *object)
{
  HearthWindow *self = HEARTH_WINDOW (object);

  g_free (self->path);
  g_free (self->wanted_page);

  G_OBJECT_CLASS (hearth_window_parent_class)->finalize (object);
}

static void
hearth_window_class_init (HearthWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = hearth_window_constructed;
  object_class->get_property = hearth_window_get_property;
  object_class->set_property = hearth_window_set_property;

  /**
   * HearthWindow:session:
   * The session whose journal the window shows: the application's by
   * default.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, HEARTH_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  object_class->dispose = hearth_window_dispose;
  object_class->finalize = hearth_window_finalize;
  window_class->close_request = hearth_window_close_request;

  /**
   * HearthWindow::lock-requested:
   *
   * Emitted before the journal locks, while it is still unlocked, and
   * before the window closes: pages save what they hold now. See
   * hearth-window.h.
   */
  signals[LOCK_REQUESTED] =
    g_signal_new ("lock-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, accept_button);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, choose_folder_button);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, view_stack);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.retry-save", NULL, retry_save_action);
  gtk_widget_class_install_action (widget_class, "win.quick-gratitude", NULL, quick_gratitude_action);
  gtk_widget_class_install_action (widget_class, "win.partners", NULL, partners_action);
  gtk_widget_class_install_action (widget_class, "win.insights", NULL, insights_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.accept-versions", NULL, accept_versions_action);
  gtk_widget_class_install_action (widget_class, "win.welcome", NULL, welcome_action);
  gtk_widget_class_install_action (widget_class, "win.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.select-page", "i", hearth_window_select_page);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.quick-gratitude", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.insights", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  for (int i = 0; i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.select-page", "i", i);
}

static void
hearth_window_init (HearthWindow *self)
{
  GtkWidget *squeezer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  /* The header's switcher takes the title's place at once when the journal
   * shows (and when the window is resized): the crossfade between them
   * redrew the window, in software, for a quarter of a second just after
   * the newest entries appeared. */
  squeezer = gtk_widget_get_first_child (GTK_WIDGET (self->switcher_title));
  if (ADW_IS_SQUEEZER (squeezer))
    adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);

  /* The welcome, unlock and join pages are made when first shown
   * (window_welcome() and the like). */
  hearth_window_set_state (self, "loading");
}

/**
 * hearth_window_new:
 * @application: the application the window belongs to
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
HearthWindow *
hearth_window_new (HearthApplication *application)
{
  HearthWindow          *self;
  HearthReminderService *reminders;

  g_return_val_if_fail (HEARTH_IS_APPLICATION (application), NULL);

  /* The session is given here: GtkWindow:application is set only after
   * constructed(), too late for the window to find the application's
   * session there, and a session of its own would open, unlock and load
   * a second copy of the journal beside the reminder service's. */
  self = g_object_new (HEARTH_TYPE_WINDOW,
                       "session", hearth_application_get_session (application),
                       "application", application,
                       NULL);
  /* Notifications' "open the page" and "Start check-in" land here. */
  reminders = hearth_application_get_reminders (application);
  if (reminders != NULL)
    {
      g_signal_connect_object (reminders, "open-page", G_CALLBACK (on_open_page), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (reminders, "start-checkin", G_CALLBACK (on_start_checkin), self, G_CONNECT_SWAPPED);
    }
  return self;
}
