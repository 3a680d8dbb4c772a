/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "hearth-prompts.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"
#include "hearth-text.h"
#include "hearth-today-page.h"

typedef HearthTestPage Fixture;

static GtkWidget *
named (Fixture    *fixture,
       const char *name)
{
  GtkWidget *widget = hearth_test_find_named (fixture->window, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
settle (void)
{
  hearth_test_wait (300);
}

static void
click (Fixture    *fixture,
       const char *label)
{
  GtkWidget *button = hearth_test_find_labelled (fixture->window, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
}

static const HearthPrompt *
todays_prompt (HearthJournal *journal)
{
  g_autofree char *today = hearth_date_today ();
  GDate            date;

  g_assert_true (hearth_date_parse (today, &date));
  return hearth_prompts_daily (hearth_journal_get_id (journal), &date);
}

static void
show_page (Fixture *fixture,
           int      width,
           int      height)
{
  fixture->page = hearth_today_page_new (fixture->journal);
  fixture->window = hearth_test_window_new (fixture->page, width, height, &fixture->overlay);
  settle ();
}

/* The partner's answer, as it arrives from Sam's device. */
static void
add_partner_answer (HearthJournal *journal,
                    const char    *text)
{
  g_autoptr(HearthRecord) entry = hearth_journal_new_record (journal, "entry", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = hearth_date_today ();

  hearth_record_set_string (entry, "author", hearth_journal_get_partner_id (journal));
  hearth_record_set_string (entry, "body", text);
  hearth_record_set_string (entry, "prompt", todays_prompt (journal)->id);
  hearth_record_set_string (entry, "prompt_date", today);
  hearth_journal_save (journal, entry, &error);
  g_assert_no_error (error);
}

static void
type_into_text_view (GtkWidget  *view,
                     const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter    end;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, p, g_utf8_next_char (p) - p);
    }
}

static void
test_daily_question (Fixture      *fixture,
                     gconstpointer data)
{
  const HearthPrompt *prompt = todays_prompt (fixture->journal);

  show_page (fixture, 800, 700);
  g_assert_nonnull (prompt);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (fixture, "daily-question"))), ==, prompt->text);
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, prompt->text));
}

static void
test_partner_answer_hidden_until_mine (Fixture      *fixture,
                                       gconstpointer data)
{
  const char      *secret = "The smell of my grandmother's kitchen.";
  g_autofree char *today = hearth_date_today ();
  GListModel      *entries = hearth_journal_get_model (fixture->journal, HEARTH_KIND_ENTRY);
  g_autoptr(HearthRecord) mine = NULL;

  show_page (fixture, 800, 700);
  add_partner_answer (fixture->journal, secret);
  settle ();
  g_assert_null (hearth_test_find_shown_label (fixture->window, secret));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "Sam has answered — write yours to see it"));
  g_free (hearth_test_screenshot (fixture->window, "today-partner-waiting"));

  click (fixture, "_Answer");
  settle ();
  type_into_text_view (named (fixture, "answer-view"), "Building a treehouse with my dad.");
  /* Still hidden while I am writing. */
  hearth_test_wait (1200);
  g_assert_null (hearth_test_find_shown_label (fixture->window, secret));
  click (fixture, "_Done");
  settle ();

  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, secret));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "Building a treehouse with my dad."));
  g_assert_null (hearth_test_find_shown_label (fixture->window, "Sam has answered — write yours to see it"));

  mine = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (hearth_record_get_string (mine, "author"), ==, hearth_journal_get_me (fixture->journal));
  g_assert_cmpstr (hearth_record_get_string (mine, "prompt_date"), ==, today);
  g_assert_cmpstr (hearth_record_get_string (mine, "prompt"), ==, todays_prompt (fixture->journal)->id);
  g_assert_cmpstr (hearth_record_get_string (mine, "body"), ==, "Building a treehouse with my dad.");
}

static void
test_answer_flush (Fixture      *fixture,
                   gconstpointer data)
{
  GListModel *entries = hearth_journal_get_model (fixture->journal, HEARTH_KIND_ENTRY);
  g_autoptr(HearthRecord) mine = NULL;

  show_page (fixture, 800, 700);
  click (fixture, "_Answer");
  type_into_text_view (named (fixture, "answer-view"), "Half a thought");
  hearth_today_page_flush (HEARTH_TODAY_PAGE (fixture->page));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  mine = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (hearth_record_get_string (mine, "body"), ==, "Half a thought");
}

static void
test_gratitude_quick_add (Fixture      *fixture,
                          gconstpointer data)
{
  GListModel *notes = hearth_journal_get_model (fixture->journal, HEARTH_KIND_GRATITUDE);
  g_autoptr(HearthRecord) note = NULL;
  g_autofree char *today = hearth_date_today ();

  show_page (fixture, 800, 700);
  gtk_editable_set_text (GTK_EDITABLE (named (fixture, "gratitude-entry")), "  The tea you brought me  ");
  click (fixture, "A_dd");
  settle ();

  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  note = g_list_model_get_item (notes, 0);
  g_assert_cmpstr (hearth_record_get_string (note, "text"), ==, "The tea you brought me");
  g_assert_cmpstr (hearth_record_get_string (note, "from"), ==, hearth_journal_get_me (fixture->journal));
  g_assert_cmpstr (hearth_record_get_string (note, "to"), ==, hearth_journal_get_partner_id (fixture->journal));
  g_assert_cmpstr (hearth_record_get_string (note, "date"), ==, today);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (fixture, "gratitude-entry"))), ==, "");
  g_assert_nonnull (hearth_test_find_shown_label (fixture->overlay, "Saved for Sam"));
}

static void
add_partner_gratitude (HearthJournal *journal,
                       const char    *text)
{
  g_autoptr(HearthRecord) note = hearth_journal_new_record (journal, "gratitude", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = hearth_date_today ();

  hearth_record_set_string (note, "from", hearth_journal_get_partner_id (journal));
  hearth_record_set_string (note, "to", hearth_journal_get_me (journal));
  hearth_record_set_string (note, "text", text);
  hearth_record_set_string (note, "date", today);
  hearth_journal_save (journal, note, &error);
  g_assert_no_error (error);
}

static void
test_recent_from_partner (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *mine = hearth_test_add_entry (fixture->journal, "My own entry", "Not Sam's.");

  show_page (fixture, 800, 700);
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "Nothing from Sam yet. It will show here as it arrives."));

  add_partner_gratitude (fixture->journal, "Thanks for fixing the bike");
  settle ();
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "Thanks for fixing the bike"));
  g_assert_null (hearth_test_find_shown_label (fixture->window, "My own entry"));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "From Sam lately"));

  /* Something that does not change what the page shows — an entry of my
   * own, an older year arriving — leaves the rows alone: the one with the
   * keyboard focus keeps it. */
  {
    GtkWidget       *row = gtk_widget_get_ancestor (hearth_test_find_shown_label (fixture->window,
                                                                                  "Thanks for fixing the bike"),
                                                    GTK_TYPE_LIST_BOX_ROW);
    g_autofree char *another = NULL;

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_grab_focus (row));
    another = hearth_test_add_entry (fixture->journal, "Another of mine", "Still not Sam's.");
    settle ();
    g_assert_true (gtk_window_get_focus (GTK_WINDOW (fixture->window)) == row);
    g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "Thanks for fixing the bike"));
  }

  /* Only the last five. */
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(HearthRecord) entry = hearth_journal_new_record (fixture->journal, "entry", NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *title = g_strdup_printf ("Sam's note %u", i);

      hearth_record_set_string (entry, "author", hearth_journal_get_partner_id (fixture->journal));
      hearth_record_set_string (entry, "title", title);
      hearth_record_set_string (entry, "body", "…");
      hearth_journal_save (fixture->journal, entry, &error);
      g_assert_no_error (error);
      hearth_test_wait (1100); /* created has whole seconds: keep them in order */
    }
  settle ();
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "Sam's note 5"));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "Sam's note 1"));
  g_assert_null (hearth_test_find_shown_label (fixture->window, "Sam's note 0"));
}

static void
test_screenshots (Fixture      *fixture,
                  gconstpointer data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *mine = NULL;

  add_partner_gratitude (fixture->journal, "Thank you for the flowers on Tuesday");
  add_partner_answer (fixture->journal, "When we got lost in Porto and it turned into the best day of the trip.");
  show_page (fixture, 900, 800);
  g_free (hearth_test_screenshot (fixture->window, "today-light"));

  click (fixture, "_Answer");
  type_into_text_view (named (fixture, "answer-view"), "Dancing in the kitchen when the power went out.");
  click (fixture, "_Done");
  settle ();
  g_free (hearth_test_screenshot (fixture->window, "today-answered-light"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  g_free (hearth_test_screenshot (fixture->window, "today-answered-dark"));

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  show_page (fixture, 360, 800);
  g_free (hearth_test_screenshot (fixture->window, "today-narrow-dark"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  settle ();
  g_free (hearth_test_screenshot (fixture->window, "today-narrow-light"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, hearth_test_page_set_up, func, hearth_test_page_tear_down)

  ADD ("/today-page/daily-question", test_daily_question);
  ADD ("/today-page/partner-hidden", test_partner_answer_hidden_until_mine);
  ADD ("/today-page/answer-flush", test_answer_flush);
  ADD ("/today-page/gratitude", test_gratitude_quick_add);
  ADD ("/today-page/recent", test_recent_from_partner);
  ADD ("/today-page/screenshots", test_screenshots);

  return g_test_run ();
}
