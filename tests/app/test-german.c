/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Hearth in German: the window built under LANGUAGE=de and the de_DE.UTF-8
 * locale, with the build's own translations, shows German page names,
 * labels, accessible names and dates, and the daily question from the
 * German prompt library. Skips when the locale is not generated (gettext
 * ignores LANGUAGE under C; tools/dev test generates it). */

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hearth-partner.h"
#include "hearth-prompts.h"
#include "hearth-prompts-resources.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"
#include "hearth-text.h"
#include "hearth-window.h"

#define GERMAN_LOCALE "de_DE.UTF-8"

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
collect_labels (GtkWidget *root,
                GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child))
        g_string_append_printf (out, "\n  “%s”", gtk_label_get_text (GTK_LABEL (child)));
      collect_labels (child, out);
    }
}

/* Fails naming the labels that are shown, so a changed translation is
 * easy to see. */
static void
assert_shown_label (GtkWidget  *root,
                    const char *text)
{
  g_autoptr(GString) shown = NULL;

  if (hearth_test_find_shown_label (root, text) != NULL)
    return;
  shown = g_string_new (NULL);
  collect_labels (root, shown);
  g_error ("no label reading “%s” is shown; these are:%s", text, shown->str);
}

/* An evening walk every Wednesday since November, done last week. */
static void
add_ritual (HearthJournal *journal)
{
  g_autoptr(HearthRecord) ritual = hearth_journal_new_record (journal, "ritual", NULL);
  g_autoptr(HearthRecord) mark = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  hearth_record_set_string (ritual, "title", "Abendspaziergang");
  hearth_record_set_string (ritual, "type", "ritual");
  hearth_record_set_string (ritual, "recurrence", "FREQ=WEEKLY;BYDAY=WE");
  hearth_record_set_string (ritual, "start", "2026-11-04");
  hearth_record_set_string (ritual, "time", "19:00");
  hearth_record_set_int (ritual, "duration", 30);
  hearth_journal_save (journal, ritual, &error);
  g_assert_no_error (error);

  id = g_strconcat (hearth_record_get_id (ritual), "/2026-11-25", NULL);
  mark = hearth_journal_new_record (journal, "occurrence", id);
  hearth_record_set_string (mark, "ritual", hearth_record_get_id (ritual));
  hearth_record_set_string (mark, "date", "2026-11-25");
  hearth_record_set_string (mark, "status", "done");
  hearth_record_set_string (mark, "by", hearth_journal_get_me (journal));
  hearth_journal_save (journal, mark, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  fixture->journal = hearth_test_journal_new (NULL);
  if (data != NULL)
    add_ritual (fixture->journal);
  fixture->window = g_object_new (HEARTH_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  hearth_window_set_journal (fixture->window, fixture->journal);
  g_assert_true (hearth_test_wait_until (is_main, fixture->window, 10000));
  hearth_test_wait (300);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  hearth_test_wait (50);
  g_clear_object (&fixture->journal);
}

/* The titles of the main view's pages, in order. */
static void
test_pages (Fixture      *fixture,
            gconstpointer data)
{
  static const char *titles[] = { "Heute", "Tagebuch", "Dankbarkeit", "Rituale", "Check-ins" };
  GtkWidget         *root = GTK_WIDGET (fixture->window);
  AdwViewStack      *stack = ADW_VIEW_STACK (hearth_test_find_type (root, ADW_TYPE_VIEW_STACK));
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  GtkWidget *menu;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), >=, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
    }

  /* The main menu's button is named for screen readers and tooltips. */
  menu = hearth_test_find_labelled (root, "Hauptmenü");
  g_assert_nonnull (menu);
  g_assert_true (GTK_IS_MENU_BUTTON (menu));
  g_assert_null (hearth_test_find_labelled (root, "Main Menu"));
}

/* The today page: greeting, the date as German writes it, and the daily
 * question from the German library. */
static void
test_today (Fixture      *fixture,
            gconstpointer data)
{
  GtkWidget          *root = GTK_WIDGET (fixture->window);
  g_autofree char    *today = hearth_date_today ();
  const HearthPrompt *prompt;
  GtkWidget          *question;
  GDate               date;

  /* HEARTH_TEST_NOW is Wednesday 2 December 2026, 10:30. */
  g_assert_cmpstr (today, ==, "2026-12-02");
  assert_shown_label (root, "Guten Morgen, Alex");
  assert_shown_label (root, "Mittwoch, 2. Dezember 2026");
  assert_shown_label (root, "Die Frage des Tages");
  g_assert_nonnull (hearth_test_find_labelled (root, "_Antworten"));

  g_assert_true (hearth_date_parse (today, &date));
  prompt = hearth_prompts_daily (hearth_journal_get_id (fixture->journal), &date);
  /* The German text (test_prompt_library checks each one is German). */
  question = hearth_test_find_shown_label (root, prompt->text);
  if (question == NULL)
    g_error ("the daily question “%s” is not shown", prompt->text);

  hearth_test_snap (root, "german-today");
}

/* The ritual calendar: the month's name, and each day's accessible name. */
static void
test_rituals_calendar (Fixture      *fixture,
                       gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *day;

  gtk_widget_activate_action (root, "win.select-page", "i", 3);
  hearth_test_wait (400);
  assert_shown_label (root, "Dezember 2026");
  /* German weeks start on Monday. */
  assert_shown_label (root, "Mo");
  day = hearth_test_find_labelled (root, "Mittwoch, 2. Dezember, heute: Abendspaziergang steht an");
  g_assert_nonnull (day);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (day), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Mittwoch, 2. Dezember, heute: Abendspaziergang steht an");
  /* The repeat rule in words. */
  assert_shown_label (root, "Jede Woche am Mittwoch um 19:00");
  g_assert_nonnull (hearth_test_find_labelled (root, "Vorheriger Monat"));
  g_assert_nonnull (hearth_test_find_labelled (root, "Nächster Monat"));

  hearth_test_snap (root, "german-rituals");
}

/* The prompt library as written, id → text with its whitespace collapsed
 * as xgettext extracts it. */
typedef struct
{
  GHashTable *texts;
  char       *id;
  GString    *text;
} PromptsParse;

static void
prompts_start (GMarkupParseContext *context,
               const char          *element,
               const char         **names,
               const char         **values,
               gpointer             user_data,
               GError             **error)
{
  PromptsParse *parse = user_data;

  if (!g_str_equal (element, "prompt"))
    return;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "id"))
      parse->id = g_strdup (values[i]);
  g_string_truncate (parse->text, 0);
}

static void
prompts_text (GMarkupParseContext *context,
              const char          *text,
              gsize                len,
              gpointer             user_data,
              GError             **error)
{
  PromptsParse *parse = user_data;

  if (parse->id != NULL)
    g_string_append_len (parse->text, text, (gssize) len);
}

/* Runs of white space become one space, as the library reads its texts. */
static char *
collapse (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
prompts_end (GMarkupParseContext *context,
             const char          *element,
             gpointer             user_data,
             GError             **error)
{
  PromptsParse *parse = user_data;

  if (!g_str_equal (element, "prompt") || parse->id == NULL)
    return;
  g_hash_table_insert (parse->texts, g_steal_pointer (&parse->id), collapse (parse->text->str));
}

static GHashTable *
english_prompts (void)
{
  static const GMarkupParser parser = { prompts_start, prompts_end, prompts_text, NULL, NULL };
  g_autoptr(GBytes) bytes = g_resource_lookup_data (hearth_prompts_get_resource (),
                                                     "/io/github/hearthjournal/Hearth/prompts.xml",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  PromptsParse parse = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free), NULL,
                         g_string_new (NULL) };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &parse, NULL);
  g_autoptr(GError) error = NULL;
  gsize       size;
  const char *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  g_markup_parse_context_parse (context, data, (gssize) size, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_string_free (parse.text, TRUE);
  g_free (parse.id);
  return parse.texts;
}

/* Every prompt of the library reads in German: the app looks each text up
 * as xgettext extracted it through po/its. */
static void
test_prompt_library (void)
{
  g_autoptr(GHashTable) english = english_prompts ();
  const HearthPrompt *prompts;
  guint               n = 0;

  prompts = hearth_prompts_get_all (&n);
  g_assert_cmpuint (n, ==, 156);
  g_assert_cmpuint (g_hash_table_size (english), ==, n);
  for (guint i = 0; i < n; i++)
    {
      const char *original = g_hash_table_lookup (english, prompts[i].id);

      g_assert_nonnull (original);
      if (g_strcmp0 (prompts[i].text, original) == 0)
        g_error ("the prompt %s is not translated: %s", prompts[i].id, original);
      g_assert_cmpstr (prompts[i].text, ==, g_dgettext (GETTEXT_PACKAGE, original));
      g_assert_true (g_str_has_suffix (prompts[i].text, "?"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_home = g_dir_make_tmp ("hearth-german-state-XXXXXX", NULL);
  g_autofree char *data_home = g_dir_make_tmp ("hearth-german-data-XXXXXX", NULL);
  g_autofree char *localedir = g_build_filename (g_getenv ("MESON_BUILD_ROOT") ?: ".", "po", NULL);
  g_autofree char *catalog = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  int              result;

  if (setlocale (LC_ALL, GERMAN_LOCALE) == NULL)
    {
      /* TAP's way to skip the whole program. */
      g_print ("1..0 # SKIP the %s locale is not generated (gettext ignores LANGUAGE under C); "
               "tools/dev test generates it\n",
               GERMAN_LOCALE);
      return 0;
    }
  if (!g_file_test (catalog, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("no German catalog at %s\n", catalog);
      return 1;
    }
  g_setenv ("LC_ALL", GERMAN_LOCALE, TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();
  hearth_test_load_app_style ();

  g_test_add ("/german/pages", Fixture, NULL, fixture_setup, test_pages, fixture_teardown);
  g_test_add ("/german/today", Fixture, NULL, fixture_setup, test_today, fixture_teardown);
  g_test_add ("/german/rituals-calendar", Fixture, "ritual", fixture_setup, test_rituals_calendar, fixture_teardown);
  g_test_add_func ("/german/prompt-library", test_prompt_library);

  result = g_test_run ();
  hearth_test_remove_tree (state_home);
  hearth_test_remove_tree (data_home);
  return result;
}
