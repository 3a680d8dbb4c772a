/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include <glib/gstdio.h>

#include "hearth-backup.h"
#include "hearth-backups-page.h"
#include "hearth-error.h"
#include "hearth-partner.h"
#include "hearth-partners-page.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"
#include "hearth-welcome.h"
#include "hearth-window.h"

typedef struct
{
  HearthJournal *journal;
  HearthWindow  *window;
} Fixture;

static gboolean
is_main (gpointer data)
{
  return g_strcmp0 (hearth_window_get_state (data), "main") == 0;
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  fixture->journal = hearth_test_journal_new (data);
  fixture->window = g_object_new (HEARTH_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 600);
  gtk_window_present (GTK_WINDOW (fixture->window));
  hearth_window_set_journal (fixture->window, fixture->journal);
  g_assert_true (hearth_test_wait_until (is_main, fixture->window, 10000));
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  hearth_test_wait (50);
  g_clear_object (&fixture->journal);
}

static char *
find_entries_file (HearthJournal *journal)
{
  g_autofree char *folder = g_build_filename (hearth_journal_get_path (journal), "devices",
                                              hearth_journal_get_device_id (journal), NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "entries-"))
      return g_build_filename (folder, name, NULL);
  return NULL;
}

/* The folder was read (on a worker thread) and the window shows what
 * it found. */
static gboolean
opened (gpointer data)
{
  return g_strcmp0 (hearth_window_get_state (data), "loading") != 0;
}

static void
test_problems_banner (Fixture      *fixture,
                      gconstpointer data)
{
  GtkWidget       *root = GTK_WIDGET (fixture->window);
  g_autofree char *entry_id = hearth_test_add_entry (fixture->journal, "A walk", "By the river.");
  g_autofree char *path = find_entries_file (fixture->journal);
  g_autoptr(GError) error = NULL;
  GtkRevealer *revealer;
  GtkWidget   *banner;
  const char  *text;

  revealer = GTK_REVEALER (hearth_test_find_type (root, GTK_TYPE_REVEALER));
  g_assert_nonnull (revealer);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  g_assert_nonnull (path);
  g_file_set_contents (path, "this is not a journal file {{{", -1, &error);
  g_assert_no_error (error);
  hearth_journal_rescan (fixture->journal);
  hearth_test_wait (400);

  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  banner = hearth_test_find_type (GTK_WIDGET (revealer), GTK_TYPE_LABEL);
  text = gtk_label_get_text (GTK_LABEL (banner));
  g_assert_nonnull (strstr (text, "damaged"));
  g_assert_nonnull (strstr (text, "entries-"));
  /* Nothing was written over the damaged file. */
  {
    g_autofree char *contents = NULL;
    g_file_get_contents (path, &contents, NULL, NULL);
    g_assert_cmpstr (contents, ==, "this is not a journal file {{{");
  }

  hearth_test_wait (300);
  g_free (hearth_test_screenshot (root, "banner"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  hearth_test_wait (300);
  g_free (hearth_test_screenshot (root, "banner-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
accept_hidden (gpointer data)
{
  HearthWindow *window = data;
  GtkWidget    *button = hearth_test_find_type (hearth_test_find_type (GTK_WIDGET (window), GTK_TYPE_REVEALER), GTK_TYPE_BUTTON);

  return !gtk_widget_get_visible (button);
}

static void
test_went_back_banner (Fixture      *fixture,
                       gconstpointer data)
{
  GtkWidget       *root = GTK_WIDGET (fixture->window);
  g_autofree char *first = hearth_test_add_entry (fixture->journal, "A walk", "By the river.");
  g_autofree char *path = find_entries_file (fixture->journal);
  g_autofree char *old = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GtkRevealer *revealer;
  GtkWidget   *button;
  const char  *text;
  gsize        old_len;

  g_assert_true (g_file_get_contents (path, &old, &old_len, NULL));
  second = hearth_test_add_entry (fixture->journal, "A swim", "In the lake.");
  /* An old copy put back in its place. */
  g_assert_true (g_file_set_contents (path, old, old_len, NULL));
  hearth_journal_rescan (fixture->journal);
  hearth_test_wait (400);

  revealer = GTK_REVEALER (hearth_test_find_type (root, GTK_TYPE_REVEALER));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  text = gtk_label_get_text (GTK_LABEL (hearth_test_find_type (GTK_WIDGET (revealer), GTK_TYPE_LABEL)));
  g_assert_nonnull (strstr (text, "went back to an older version"));
  g_assert_nonnull (strstr (text, "entries-"));
  button = hearth_test_find_type (GTK_WIDGET (revealer), GTK_TYPE_BUTTON);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Accept This Version");
  g_free (hearth_test_screenshot (root, "banner-went-back"));

  /* Nothing is written over it before the person chose. */
  {
    g_autoptr(HearthRecord) entry = hearth_journal_new_record (fixture->journal, "entry", NULL);

    hearth_record_set_string (entry, "author", hearth_journal_get_me (fixture->journal));
    hearth_record_set_string (entry, "body", "refused");
    g_assert_false (hearth_journal_save (fixture->journal, entry, &error));
    g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_WENT_BACK);
    g_clear_error (&error);
  }
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpmem (contents, strlen (contents), old, old_len);

  g_signal_emit_by_name (button, "clicked");
  g_assert_true (hearth_test_wait_until (accept_hidden, fixture->window, 5000));
  hearth_test_wait (300);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  third = hearth_test_add_entry (fixture->journal, "A talk", "After accepting.");
  g_assert_nonnull (hearth_journal_lookup (fixture->journal, third));
}

static gboolean
bar_hidden (gpointer data)
{
  return !adw_view_switcher_bar_get_reveal (data);
}

static GtkWidget *
view_page (HearthWindow *window,
           const char   *name)
{
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), HEARTH_TYPE_WINDOW,
                                                                "view_stack"));

  return adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), name);
}

typedef struct
{
  GtkWidget *root;
  guint      rows;
} ShownRows;

static gboolean
enough_rows_shown (gpointer data)
{
  ShownRows *q = data;
  guint      shown = 0;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *title = g_strdup_printf ("Evening walk %u", i);

      if (hearth_test_find_shown_label (q->root, title) != NULL)
        shown++;
    }
  return shown >= q->rows;
}

/* The Journal page is made the first time it is shown, not with the
 * window. Made then, it fills the view as any page does — its list shows
 * as many entries as fit, not the three of its natural height — and its
 * controls have their names. */
static void
test_page_made_when_shown (Fixture      *fixture,
                           gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *place = view_page (fixture->window, "journal");
  ShownRows  query = { root, 6 };
  GtkWidget *page, *list;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *title = g_strdup_printf ("Evening walk %u", i);

      g_free (hearth_test_add_entry (fixture->journal, title, "Down to the river and back."));
    }
  g_assert_nonnull (place);
  g_assert_null (gtk_widget_get_first_child (place));

  gtk_widget_activate_action (root, "win.select-page", "i", 1);
  page = gtk_widget_get_first_child (place);
  g_assert_nonnull (page);
  g_assert_true (hearth_test_wait_until (enough_rows_shown, &query, 10000));
  hearth_test_wait (200);
  g_assert_cmpint (gtk_widget_get_height (page), >=, gtk_widget_get_height (place) - 1);
  list = hearth_test_find_named (page, "entry-list");
  g_assert_true (GTK_IS_LIST_VIEW (list));
  g_assert_cmpint (gtk_widget_get_height (list), >, gtk_widget_get_height (place) / 2);
  g_assert_nonnull (hearth_test_find_labelled (page, "Search (Ctrl+F)"));
  g_assert_nonnull (hearth_test_find_labelled (page, "New Entry (Ctrl+N)"));
  g_assert_nonnull (hearth_test_find_labelled (page, "Filter by Author, Mood, Tag or Date"));
  g_free (hearth_test_screenshot (root, "window-journal-page"));
}

static void
test_narrow (Fixture      *fixture,
             gconstpointer data)
{
  GtkWidget          *root = GTK_WIDGET (fixture->window);
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (hearth_test_find_type (root, ADW_TYPE_VIEW_SWITCHER_BAR));
  AdwViewStack       *stack = ADW_VIEW_STACK (hearth_test_find_type (root, ADW_TYPE_VIEW_STACK));

  hearth_test_wait (300);
  g_assert_true (hearth_test_wait_until (bar_hidden, bar, 5000));
  g_free (hearth_test_screenshot (root, "window-wide"));

  /* GNOME's own title bar buttons (only Close): with minimize and maximize
   * as well, the centred title alone needs more than 360 px. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  /* The default size counts the window's resize border: 370 gives a
   * window 360 px wide. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 370, 640);
  hearth_test_wait (500);
  /* Without a window manager the first request can be dropped while the
   * header relayouts for the new title buttons; ask again. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 371, 640);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 370, 640);
  hearth_test_wait (1000);
  g_assert_cmpint (gtk_widget_get_width (root), <=, 360);
  /* The page switcher either fits in the header in its narrow form, or
   * moves to the bar at the bottom. */
  {
    GtkWidget *title = hearth_test_find_type (root, ADW_TYPE_VIEW_SWITCHER_TITLE);
    g_assert_true (adw_view_switcher_bar_get_reveal (bar) ||
                   gtk_widget_get_width (title) <= gtk_widget_get_width (root));
  }
  g_free (hearth_test_screenshot (root, "window-narrow"));

  /* Alt+2 goes to the second page. */
  gtk_widget_activate_action (root, "win.select-page", "i", 1);
  {
    g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
    g_autoptr(AdwViewStackPage) second = g_list_model_get_item (G_LIST_MODEL (pages), 1);

    g_assert_nonnull (second);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, adw_view_stack_page_get_name (second));
  }
}

static gboolean
row_has_subtitle (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (data));
  return subtitle != NULL && *subtitle != '\0';
}

static GtkWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
test_preferences (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow       *preferences;
  GtkWidget       *auto_lock;
  GtkWidget       *folder;
  g_autofree char *display = g_filename_display_name (hearth_journal_get_path (fixture->journal));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences", NULL);
  hearth_test_wait (400);
  preferences = find_preferences ();
  g_assert_nonnull (preferences);

  folder = hearth_test_find_row (GTK_WIDGET (preferences), "Folder");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (folder)), ==, display);
  g_assert_true (gtk_widget_get_visible (hearth_test_find_row (GTK_WIDGET (preferences), "_Change Passphrase…")));
  /* Nothing in the keyring for this journal: said, and nothing to forget. */
  {
    GtkWidget *remembered = hearth_test_find_row (GTK_WIDGET (preferences), "Remembered Passphrase");
    /* The keyring answers asynchronously. */
    g_assert_true (hearth_test_wait_until (row_has_subtitle, remembered, 10000));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (remembered)), ==,
                     "Not remembered on this computer. Reminders need it remembered to arrive while the journal is locked.");
    g_assert_false (gtk_widget_get_sensitive (hearth_test_find_labelled (remembered, "_Forget")));
  }

  /* Auto-lock shows the setting and changes it. */
  auto_lock = hearth_test_find_row (GTK_WIDGET (preferences), "_Lock After Idle");
  g_assert_cmpuint (g_settings_get_uint (settings, "auto-lock-minutes"), ==, 15);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (auto_lock)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (auto_lock), 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "auto-lock-minutes"), ==, 0);
  g_settings_set_uint (settings, "auto-lock-minutes", 60);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (auto_lock)), ==, 4);
  g_settings_reset (settings, "auto-lock-minutes");

  gtk_window_set_default_size (preferences, 600, 900);
  hearth_test_wait (500);
  g_free (hearth_test_screenshot (GTK_WIDGET (preferences), "preferences"));

  /* Locking closes it: it shows the journal's folder and passphrase. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  hearth_test_wait (200);
  g_assert_null (find_preferences ());
  g_assert_cmpstr (hearth_window_get_state (fixture->window), ==, "unlock");
}

static gboolean
subtitle_is_not (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (data));
  return g_strcmp0 (subtitle, "Looking…") != 0;
}

static gboolean
has_backup_row (gpointer data)
{
  return hearth_test_find_row (GTK_WIDGET (data), "Wednesday, 2 December 2026") != NULL;
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_message_dialog () == NULL;
}

static gboolean
restored_toast_shown (gpointer data)
{
  return hearth_test_find_shown_label (data, "Brought back 1 item from the backup of Wednesday, 2 December 2026.") != NULL;
}

static void
test_preferences_backups (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *walk = hearth_test_add_entry (fixture->journal, "A walk", "By the river.");
  g_autofree char *folder = hearth_backup_get_folder (NULL, hearth_journal_get_id (fixture->journal));
  g_autofree char *today = g_build_filename (folder, "2026-12-02", NULL);
  g_autofree char *display = g_filename_display_name (folder);
  g_autoptr(GError) error = NULL;
  GtkWindow  *preferences;
  GtkWidget  *page;
  GtkWidget  *last;
  GtkWidget  *row;
  GtkWindow  *dialog;
  const char *body;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences", NULL);
  hearth_test_wait (400);
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  page = hearth_test_find_type (GTK_WIDGET (preferences), HEARTH_TYPE_BACKUPS_PAGE);
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "backups");

  /* Where the backups go, and that there is none yet. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (hearth_test_find_row (page, "Folder"))), ==, display);
  last = hearth_test_find_row (page, "Last Backup");
  g_assert_true (hearth_test_wait_until (subtitle_is_not, last, 10000));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last)), ==, "None yet");
  g_assert_true (gtk_widget_get_visible (hearth_test_find_row (page, "No backups yet")));

  /* Back Up Now makes one, and the list shows it. */
  g_signal_emit_by_name (hearth_test_find_labelled (page, "_Back Up Now"), "clicked");
  g_assert_true (hearth_test_wait_until (has_backup_row, page, 10000));
  g_assert_true (g_file_test (today, G_FILE_TEST_IS_DIR));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last)), ==, "Today, at 10:30");
  g_assert_false (gtk_widget_get_visible (hearth_test_find_row (page, "No backups yet")));
  row = hearth_test_find_row (page, "Wednesday, 2 December 2026");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), " files, "));
  gtk_window_set_default_size (preferences, 600, 700);
  hearth_test_snap (GTK_WIDGET (preferences), "preferences-backups");

  /* Choosing it shows what it would bring back before anything changes. */
  g_assert_true (hearth_journal_delete (fixture->journal, walk, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (row, "activated");
  g_assert_true (hearth_test_wait_until (dialog_shown, NULL, 10000));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Restore From Wednesday, 2 December 2026?");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "1 deleted item comes back"));
  g_assert_nonnull (hearth_test_find_shown_label (GTK_WIDGET (dialog),
                                                  "A walk (Journal entry, Wednesday, 2 December 2026)"));
  g_assert_null (hearth_journal_lookup (fixture->journal, walk));
  hearth_test_snap (GTK_WIDGET (dialog), "restore-confirmation");

  g_signal_emit_by_name (hearth_test_find_labelled (GTK_WIDGET (dialog), "_Restore"), "clicked");
  g_assert_true (hearth_test_wait_until (dialog_gone, NULL, 10000));
  /* Written through the write queue; the preferences say what came back. */
  g_assert_true (hearth_test_wait_until (restored_toast_shown, preferences, 10000));
  g_assert_nonnull (hearth_journal_lookup (fixture->journal, walk));
  g_assert_cmpstr (hearth_record_get_device (hearth_journal_lookup (fixture->journal, walk)), ==,
                   hearth_journal_get_device_id (fixture->journal));
  hearth_test_wait_for_writes (fixture->journal);
  {
    g_autoptr(HearthJournal) again = hearth_journal_open (hearth_journal_get_path (fixture->journal), &error);

    g_assert_no_error (error);
    g_assert_true (hearth_journal_unlock (again, "secret words here", &error));
    g_assert_true (hearth_journal_load (again, &error));
    g_assert_no_error (error);
    g_assert_nonnull (hearth_journal_lookup (again, walk));
  }

  /* Once restored there is nothing more to bring back. */
  g_signal_emit_by_name (row, "activated");
  g_assert_true (hearth_test_wait_until (dialog_shown, NULL, 10000));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Nothing to Bring Back");
  g_signal_emit_by_name (hearth_test_find_labelled (GTK_WIDGET (dialog), "_Close"), "clicked");
  g_assert_true (hearth_test_wait_until (dialog_gone, NULL, 10000));
}

static gboolean
is_state (HearthWindow *window,
          const char   *state)
{
  return g_strcmp0 (hearth_window_get_state (window), state) == 0;
}

static gboolean
is_unlock (gpointer data)
{
  return is_state (data, "unlock");
}

static gboolean
is_join (gpointer data)
{
  return is_state (data, "join");
}

/* The welcome's Join path: the partner's folder, the passphrase, then
 * "which partner are you?". */
/* The Partners window, mapped and holding its page. */
static GtkWindow *
find_partners_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          hearth_test_find_type (GTK_WIDGET (window), HEARTH_TYPE_PARTNERS_PAGE) != NULL)
        return window;
    }
  return NULL;
}

static GtkTextBuffer *
open_partners_about (Fixture *fixture)
{
  GtkWindow *partners;
  GtkWidget *view;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.partners", NULL);
  hearth_test_wait (400);
  partners = find_partners_window ();
  g_assert_nonnull (partners);
  view = hearth_test_find_type (hearth_test_find_type (GTK_WIDGET (partners), HEARTH_TYPE_PARTNERS_PAGE), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static const char *
my_about (HearthJournal *journal)
{
  HearthRecord *me = hearth_journal_lookup (journal, hearth_journal_get_me (journal));

  return me != NULL ? hearth_partner_get_about (HEARTH_PARTNER (me)) : NULL;
}

/* What is typed in the Partners window is saved the moment the window
 * closes, and before locking closes it: not a word waits for the autosave. */
static void
test_partners_closing_saves (Fixture      *fixture,
                             gconstpointer data)
{
  GtkTextBuffer *buffer = open_partners_about (fixture);

  gtk_text_buffer_set_text (buffer, "Tea, and a quiet hour.", -1);
  g_assert_cmpstr (my_about (fixture->journal), ==, NULL);
  gtk_window_close (find_partners_window ());
  g_assert_cmpstr (my_about (fixture->journal), ==, "Tea, and a quiet hour.");
  hearth_test_wait (100);
  g_assert_null (find_partners_window ());

  buffer = open_partners_about (fixture);
  gtk_text_buffer_set_text (buffer, "Tea, a quiet hour, and a walk.", -1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  hearth_test_wait (300);
  g_assert_true (hearth_journal_is_locked (fixture->journal));
  g_assert_null (find_partners_window ());

  /* Written to the folder before the key was dropped. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HearthJournal) again = hearth_journal_open (hearth_journal_get_path (fixture->journal), &error);

    g_assert_no_error (error);
    hearth_journal_unlock (again, data, &error);
    g_assert_no_error (error);
    hearth_journal_load (again, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (my_about (again), ==, "Tea, a quiet hour, and a walk.");
  }
}

static void
test_join (void)
{
  g_autoptr(HearthJournal) created = hearth_test_journal_new ("shared secret words");
  g_autofree char *device_file = NULL;
  HearthWindow    *window = g_object_new (HEARTH_TYPE_WINDOW, NULL);
  HearthJournal   *journal;
  GtkWidget       *welcome, *entry, *button;

  /* This computer never joined: as if the folder came from Sam's laptop. */
  device_file = g_build_filename (g_get_user_state_dir (), "hearth",
                                  hearth_journal_get_id (created), NULL);
  {
    g_autofree char *with_suffix = g_strconcat (device_file, ".device", NULL);
    g_assert_cmpint (g_unlink (with_suffix), ==, 0);
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 640);
  gtk_window_present (GTK_WINDOW (window));
  /* The journals of the tests before were remembered as the one to open. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_reset (settings, "journal-folder");
  }
  hearth_window_open (window, NULL);
  g_assert_true (hearth_test_wait_until (opened, window, 10000));
  g_assert_true (is_state (window, "welcome"));

  welcome = hearth_test_find_type (GTK_WIDGET (window), HEARTH_TYPE_WELCOME);
  hearth_welcome_join (HEARTH_WELCOME (welcome), hearth_journal_get_path (created));
  g_assert_true (hearth_test_wait_until (is_unlock, window, 10000));
  /* Back returns to the welcome from here. */
  g_assert_true (gtk_widget_get_visible (hearth_test_find_labelled (GTK_WIDGET (window), "Back")));

  entry = hearth_test_find_row (GTK_WIDGET (window), "_Passphrase");
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (
                           ADW_ACTION_ROW (hearth_test_find_row (GTK_WIDGET (window), "_Remember on This Computer")))),
                         FALSE);
  gtk_editable_set_text (GTK_EDITABLE (entry), "shared secret words");
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_true (hearth_test_wait_until (is_join, window, 30000));
  hearth_test_wait (300);
  g_free (hearth_test_screenshot (GTK_WIDGET (window), "join"));

  button = hearth_test_find_labelled (GTK_WIDGET (window), "I Am Sam");
  g_assert_nonnull (button);
  g_assert_nonnull (hearth_test_find_labelled (GTK_WIDGET (window), "I Am Alex"));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (is_main (window));

  journal = hearth_window_get_journal (window);
  g_assert_nonnull (hearth_journal_get_me (journal));
  g_assert_cmpstr (hearth_partner_get_name (HEARTH_PARTNER (hearth_journal_get_partner (journal, hearth_journal_get_me (journal)))),
                   ==, "Sam");

  gtk_window_destroy (GTK_WINDOW (window));
  hearth_test_wait (50);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_reset (settings, "journal-folder");
  }
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
passphrase_changed (gpointer data)
{
  g_autoptr(HearthJournal) journal = hearth_journal_open (data, NULL);

  return journal != NULL && hearth_journal_unlock (journal, "new words for us", NULL);
}

static void
test_change_passphrase (Fixture      *fixture,
                        gconstpointer data)
{
  GtkWindow        *preferences;
  AdwMessageDialog *dialog;
  GtkWidget        *extra;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences", NULL);
  hearth_test_wait (300);
  preferences = find_preferences ();
  g_signal_emit_by_name (hearth_test_find_row (GTK_WIDGET (preferences), "_Change Passphrase…"), "activated");
  hearth_test_wait (300);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* It says plainly what a new passphrase does not change. */
  g_assert_nonnull (g_strstr_len (adw_message_dialog_get_body (dialog), -1,
                                  "someone who knows the old passphrase and has an old copy"));
  extra = adw_message_dialog_get_extra_child (dialog);

  gtk_editable_set_text (GTK_EDITABLE (hearth_test_find_row (extra, "_Current Passphrase")), data);
  gtk_editable_set_text (GTK_EDITABLE (hearth_test_find_row (extra, "_New Passphrase")), "new words for us");
  gtk_editable_set_text (GTK_EDITABLE (hearth_test_find_row (extra, "_Repeat New Passphrase")), "new words fr us");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "change"));
  gtk_editable_set_text (GTK_EDITABLE (hearth_test_find_row (extra, "_Repeat New Passphrase")), "new words for us");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "change"));
  g_free (hearth_test_screenshot (GTK_WIDGET (dialog), "change-passphrase"));

  adw_message_dialog_response (dialog, "change");
  g_assert_true (hearth_test_wait_until (passphrase_changed,
                                         (gpointer) hearth_journal_get_path (fixture->journal), 30000));
  hearth_test_wait (300);
}

static void
test_folder_gone (void)
{
  HearthWindow    *window = g_object_new (HEARTH_TYPE_WINDOW, NULL);
  g_autofree char *base = g_dir_make_tmp ("hearth-gone-XXXXXX", NULL);
  g_autofree char *gone = g_build_filename (base, "Syncthing", "Hearth", NULL);
  GtkWidget       *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 600);
  gtk_window_present (GTK_WINDOW (window));
  hearth_window_open (window, gone);
  /* The folder is looked at on a worker thread: the window answers at once. */
  g_assert_cmpstr (hearth_window_get_state (window), ==, "loading");
  g_assert_true (hearth_test_wait_until (opened, window, 10000));
  g_assert_cmpstr (hearth_window_get_state (window), ==, "error");
  page = hearth_test_find_labelled (GTK_WIDGET (window), "_Choose Another Folder…");
  g_assert_nonnull (page);
  g_assert_nonnull (hearth_test_find_labelled (GTK_WIDGET (window), "_Try Again"));
  g_free (hearth_test_screenshot (GTK_WIDGET (window), "folder-gone"));

  /* The folder comes back (the drive is connected): Try Again opens it. */
  {
    const char *names[2] = { "Alex", "Sam" };
    g_autoptr(GError) error = NULL;
    g_autoptr(HearthJournal) created = hearth_journal_create (gone, "Ours", names, NULL, 0, NULL,
                                                               HEARTH_KDF_MIN, &error);
    g_assert_no_error (error);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry", NULL);
  g_assert_true (hearth_test_wait_until (is_main, window, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
  hearth_test_wait (50);
  hearth_test_remove_tree (base);
}

static void
test_damaged_manifest (void)
{
  HearthWindow *window = g_object_new (HEARTH_TYPE_WINDOW, NULL);
  g_autoptr(HearthJournal) journal = hearth_test_journal_new (NULL);
  g_autofree char *manifest = g_build_filename (hearth_journal_get_path (journal), "hearth-journal.json", NULL);

  g_assert_true (g_file_set_contents (manifest, "{ \"hearth\": ", -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  hearth_window_open (window, hearth_journal_get_path (journal));
  g_assert_true (hearth_test_wait_until (opened, window, 10000));
  g_assert_cmpstr (hearth_window_get_state (window), ==, "error");
  g_assert_nonnull (hearth_test_find_labelled (GTK_WIDGET (window), "_Try Again"));
  g_free (hearth_test_screenshot (GTK_WIDGET (window), "manifest-damaged"));
  gtk_window_destroy (GTK_WINDOW (window));
  hearth_test_wait (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_home = g_dir_make_tmp ("hearth-window-state-XXXXXX", NULL);
  g_autofree char *data_home = g_dir_make_tmp ("hearth-window-data-XXXXXX", NULL);
  int              result;

  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();
  hearth_test_load_app_style ();

  g_test_add ("/window/problems-banner", Fixture, NULL, fixture_setup, test_problems_banner, fixture_teardown);
  g_test_add ("/window/went-back-banner", Fixture, NULL, fixture_setup, test_went_back_banner, fixture_teardown);
  g_test_add ("/window/narrow", Fixture, NULL, fixture_setup, test_narrow, fixture_teardown);
  g_test_add ("/window/page-made-when-shown", Fixture, NULL, fixture_setup, test_page_made_when_shown,
              fixture_teardown);
  g_test_add ("/window/preferences", Fixture, "secret words here", fixture_setup, test_preferences, fixture_teardown);
  g_test_add ("/window/preferences-backups", Fixture, "secret words here", fixture_setup, test_preferences_backups, fixture_teardown);
  g_test_add ("/window/change-passphrase", Fixture, "secret words here", fixture_setup, test_change_passphrase, fixture_teardown);
  g_test_add ("/window/partners-closing-saves", Fixture, "secret words here", fixture_setup, test_partners_closing_saves, fixture_teardown);
  g_test_add_func ("/window/join", test_join);
  g_test_add_func ("/window/folder-gone", test_folder_gone);
  g_test_add_func ("/window/damaged-manifest", test_damaged_manifest);

  result = g_test_run ();
  hearth_test_remove_tree (state_home);
  hearth_test_remove_tree (data_home);
  return result;
}
