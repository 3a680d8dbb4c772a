/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "hearth-checkin-flow.h"
#include "hearth-checkins-page.h"
#include "hearth-questions-editor.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"
#include "hearth-text.h"

typedef HearthTestPage Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return hearth_test_find_shown_label (wait->root, wait->text) != NULL;
}

static void
assert_label_shown (GtkWidget  *root,
                    const char *text)
{
  LabelWait wait = { root, text };

  if (!hearth_test_wait_until (label_shown, &wait, 3000))
    g_error ("The label “%s” should be shown", text);
}

static void
click (GtkWidget  *root,
       const char *label)
{
  GtkWidget *button = hearth_test_find_labelled (root, label);

  if (button == NULL)
    g_error ("No button “%s”", label);
  while (button != NULL && !GTK_IS_BUTTON (button))
    button = gtk_widget_get_parent (button);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
type_answer (HearthCheckinFlow *flow,
             HearthCheckinWho   who,
             const char        *text)
{
  GtkTextView *view = hearth_checkin_flow_get_answer_view (flow, who);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static char *
answer_text (HearthCheckinFlow *flow,
             HearthCheckinWho   who)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (hearth_checkin_flow_get_answer_view (flow, who));
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_questions (HearthJournal     *journal,
               const char *const *questions)
{
  g_autoptr(HearthRecord) info = hearth_record_copy (hearth_journal_get_info (journal));
  g_autoptr(GError) error = NULL;

  hearth_record_set_strv (info, "checkin_questions", questions);
  hearth_journal_save (journal, info, &error);
  g_assert_no_error (error);
}

/* Light, dark, and both at 360 px wide; leaves the window wide and light. */
static void
screenshots (Fixture    *fixture,
             const char *name,
             int         width)
{
  g_autofree char *dark = g_strconcat (name, "-dark", NULL);
  g_autofree char *narrow = g_strconcat (name, "-narrow", NULL);
  g_autofree char *narrow_dark = g_strconcat (name, "-narrow-dark", NULL);

  hearth_test_snap (fixture->window, name);
  hearth_test_set_dark (TRUE);
  hearth_test_snap (fixture->window, dark);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 760);
  hearth_test_wait (300);
  hearth_test_snap (fixture->window, narrow_dark);
  hearth_test_set_dark (FALSE);
  hearth_test_snap (fixture->window, narrow);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 760);
  hearth_test_wait (300);
}

static JsonArray *
record_answers (HearthRecord *record)
{
  g_autoptr(JsonNode) answers = hearth_record_dup_member (record, "answers");

  g_assert_nonnull (answers);
  return json_array_ref (json_node_get_array (answers));
}

static guint
n_answers (HearthRecord *record)
{
  g_autoptr(JsonArray) answers = record_answers (record);

  return json_array_get_length (answers);
}

static void
assert_answer (HearthRecord *record,
               guint         index,
               const char   *question,
               const char   *text)
{
  g_autoptr(JsonArray) answers = record_answers (record);
  JsonObject *answer;

  g_assert_cmpuint (json_array_get_length (answers), >, index);
  answer = json_array_get_object_element (answers, index);
  g_assert_cmpstr (json_object_get_string_member (answer, "question"), ==, question);
  g_assert_cmpstr (json_object_get_string_member (answer, "text"), ==, text);
}

static void
assert_ratings (HearthRecord *record,
                const int     expected[5])
{
  g_autoptr(JsonNode) node = hearth_record_dup_member (record, "ratings");
  JsonObject        *ratings = node ? json_node_get_object (node) : NULL;
  static const char *dimensions[] = { "heard", "supported", "close", "safe", "team" };

  g_assert_nonnull (ratings);
  for (guint d = 0; d < 5; d++)
    g_assert_cmpint (json_object_get_int_member (ratings, dimensions[d]), ==, expected[d]);
}

/* ------------------------------------------------------------------------ */
/* Fixture                                                                   */

static void
fixture_show (Fixture *fixture,
              int      width)
{
  hearth_test_page_show (fixture, hearth_checkins_page_new, width, 760);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */

static void
test_flow (Fixture      *fixture,
           gconstpointer data)
{
  static const char *questions[] = { "What made you smile this week?", "What do you need from me?", NULL };
  static const int   my_ratings[5] = { 4, 5, 4, 5, 3 };
  static const int   sam_ratings[5] = { 5, 4, 4, 3, 5 };
  const char        *me = hearth_journal_get_me (fixture->journal);
  const char        *sam = hearth_journal_get_partner_id (fixture->journal);
  g_autofree char   *today = hearth_date_today ();
  g_autofree char   *my_id = g_strdup_printf ("%s/%s", today, me);
  g_autofree char   *sam_id = g_strdup_printf ("%s/%s", today, sam);
  g_autofree char   *kept = NULL;
  g_autofree char   *before_pause = NULL;
  HearthCheckinFlow *flow;
  HearthRecord      *mine, *sams;
  GtkWidget         *ten;

  set_questions (fixture->journal, questions);
  fixture_show (fixture, 800);

  assert_label_shown (fixture->page, "Check In With Each Other");
  hearth_test_snap (fixture->window, "checkins-empty");

  /* The page action, as the reminder's "Start check-in" triggers it. */
  g_assert_true (gtk_widget_activate_action (fixture->page, "checkins.start", NULL));
  flow = hearth_checkins_page_get_flow (HEARTH_CHECKINS_PAGE (fixture->page));
  g_assert_nonnull (flow);
  assert_label_shown (fixture->page, "Put Your Phones Away");
  g_assert_cmpstr (hearth_checkin_flow_get_step (flow), ==, "intro");

  ten = hearth_test_find_labelled (GTK_WIDGET (flow), "10 min");
  g_assert_true (GTK_IS_TOGGLE_BUTTON (ten));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ten), TRUE);
  g_assert_cmpuint (hearth_checkin_flow_get_minutes (flow), ==, 10);
  screenshots (fixture, "checkin-intro", 800);

  click (GTK_WIDGET (flow), "_Begin");
  g_assert_cmpstr (hearth_checkin_flow_get_step (flow), ==, "question");
  assert_label_shown (fixture->page, "What made you smile this week?");
  assert_label_shown (fixture->page, "Alex speaks, Sam listens");
  assert_label_shown (fixture->page, "Question 1 of 2");
  assert_label_shown (fixture->page, "Alex’s answer");
  assert_label_shown (fixture->page, "Sam’s answer");
  g_assert_cmpstr (hearth_checkin_flow_get_timer_text (flow), ==, "10:00");

  /* A second later the timer shows one second less. */
  hearth_test_wait (1200);
  g_assert_cmpstr (hearth_checkin_flow_get_timer_text (flow), ==, "9:59");
  assert_label_shown (fixture->page, "9:59");

  /* Paused, it stands still. */
  hearth_checkin_flow_set_paused (flow, TRUE);
  before_pause = g_strdup (hearth_checkin_flow_get_timer_text (flow));
  hearth_test_wait (1200);
  g_assert_cmpstr (hearth_checkin_flow_get_timer_text (flow), ==, before_pause);
  hearth_checkin_flow_set_paused (flow, FALSE);

  type_answer (flow, HEARTH_CHECKIN_ME, "You sang in the kitchen on Tuesday.");
  type_answer (flow, HEARTH_CHECKIN_PARTNER, "The walk we took in the rain.");
  screenshots (fixture, "checkin-question", 800);

  click (GTK_WIDGET (flow), "_Next Question");
  assert_label_shown (fixture->page, "What do you need from me?");
  assert_label_shown (fixture->page, "Sam speaks, Alex listens");
  assert_label_shown (fixture->page, "Question 2 of 2");
  g_assert_true (hearth_test_find_shown_label (fixture->page, "Alex speaks, Sam listens") == NULL);
  kept = answer_text (flow, HEARTH_CHECKIN_ME);
  g_assert_cmpstr (kept, ==, "");
  type_answer (flow, HEARTH_CHECKIN_ME, "A quiet evening now and then.");
  type_answer (flow, HEARTH_CHECKIN_PARTNER, "  More hugs in the morning.  ");

  /* Back and forth keeps every word. */
  click (GTK_WIDGET (flow), "_Back");
  assert_label_shown (fixture->page, "Alex speaks, Sam listens");
  g_free (kept);
  kept = answer_text (flow, HEARTH_CHECKIN_PARTNER);
  g_assert_cmpstr (kept, ==, "The walk we took in the rain.");
  click (GTK_WIDGET (flow), "_Next Question");
  g_free (kept);
  kept = answer_text (flow, HEARTH_CHECKIN_ME);
  g_assert_cmpstr (kept, ==, "A quiet evening now and then.");

  click (GTK_WIDGET (flow), "_On to Ratings");
  g_assert_cmpstr (hearth_checkin_flow_get_step (flow), ==, "ratings");
  assert_label_shown (fixture->page, "How Did It Feel?");
  assert_label_shown (fixture->page, "Felt safe to share");
  for (guint d = 0; d < 5; d++)
    {
      hearth_checkin_flow_set_rating (flow, HEARTH_CHECKIN_ME, d, my_ratings[d]);
      hearth_checkin_flow_set_rating (flow, HEARTH_CHECKIN_PARTNER, d, sam_ratings[d]);
    }
  g_assert_cmpint (hearth_checkin_flow_get_rating (flow, HEARTH_CHECKIN_PARTNER, 4), ==, 5);
  screenshots (fixture, "checkin-ratings", 800);

  /* What is written is kept a moment after it is typed, before Finish. */
  hearth_test_wait (1200);
  g_assert_nonnull (hearth_journal_lookup (fixture->journal, my_id));
  g_assert_cmpuint (n_answers (hearth_journal_lookup (fixture->journal, my_id)), ==, 2);
  click (GTK_WIDGET (flow), "_Finish");
  g_assert_cmpstr (hearth_checkin_flow_get_step (flow), ==, "done");
  assert_label_shown (fixture->page, "Thank You");

  mine = hearth_journal_lookup (fixture->journal, my_id);
  sams = hearth_journal_lookup (fixture->journal, sam_id);
  g_assert_nonnull (mine);
  g_assert_nonnull (sams);
  g_assert_cmpstr (hearth_record_get_kind (mine), ==, "checkin");
  g_assert_cmpstr (hearth_record_get_string (mine, "date"), ==, today);
  g_assert_cmpstr (hearth_record_get_string (mine, "partner"), ==, me);
  g_assert_cmpstr (hearth_record_get_string (sams, "partner"), ==, sam);
  g_assert_cmpuint (n_answers (mine), ==, 2);
  assert_answer (mine, 0, "What made you smile this week?", "You sang in the kitchen on Tuesday.");
  assert_answer (mine, 1, "What do you need from me?", "A quiet evening now and then.");
  g_assert_cmpuint (n_answers (sams), ==, 2);
  assert_answer (sams, 0, "What made you smile this week?", "The walk we took in the rain.");
  assert_answer (sams, 1, "What do you need from me?", "More hugs in the morning.");
  assert_ratings (mine, my_ratings);
  assert_ratings (sams, sam_ratings);
  /* A few seconds, which count as the one minute begun. */
  g_assert_cmpint (hearth_record_get_int (mine, "duration", -1), ==, 1);
  g_assert_cmpint (hearth_record_get_int (sams, "duration", -1), ==, 1);
  screenshots (fixture, "checkin-done", 800);

  /* Back to the history, where the check-in shows. */
  click (GTK_WIDGET (flow), "_Back to Check-ins");
  g_assert_null (hearth_checkins_page_get_flow (HEARTH_CHECKINS_PAGE (fixture->page)));
  assert_label_shown (fixture->page, "Today");
  assert_label_shown (fixture->page, "You sang in the kitchen on Tuesday.");
  assert_label_shown (fixture->page, "More hugs in the morning.");
  assert_label_shown (fixture->page, "Heard 4 · Supported 5 · Close 4 · Safe 5 · Team 3");
  assert_label_shown (fixture->page, "Heard 5 · Supported 4 · Close 4 · Safe 3 · Team 5");
  assert_label_shown (fixture->page, "1 minute");
  screenshots (fixture, "checkins-history", 800);
}

static void
add_checkin (HearthJournal *journal,
             const char    *date,
             const char    *partner,
             int            rating,
             const char    *question,
             const char    *text,
             int            duration)
{
  g_autofree char *id = g_strdup_printf ("%s/%s", date, partner);
  g_autoptr(HearthRecord) record = hearth_journal_new_record (journal, "checkin", id);
  g_autoptr(GError) error = NULL;
  JsonObject        *ratings = json_object_new ();
  JsonArray         *answers = json_array_new ();
  JsonObject        *answer = json_object_new ();
  JsonNode          *node;
  static const char *dimensions[] = { "heard", "supported", "close", "safe", "team" };

  for (guint d = 0; d < 5; d++)
    json_object_set_int_member (ratings, dimensions[d], rating);
  json_object_set_string_member (answer, "question", question);
  json_object_set_string_member (answer, "text", text);
  json_array_add_object_element (answers, answer);

  hearth_record_set_string (record, "date", date);
  hearth_record_set_string (record, "partner", partner);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, ratings);
  hearth_record_set_member (record, "ratings", node);
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, answers);
  hearth_record_set_member (record, "answers", node);
  hearth_record_set_int (record, "duration", duration);
  hearth_journal_save (journal, record, &error);
  g_assert_no_error (error);
}

/* Both rows of @data (newer, older, page) have a size and distinct places. */
static gboolean
rows_laid_out (gpointer data)
{
  GtkWidget      **pair = data;
  graphene_point_t a, b;

  if (gtk_widget_get_height (pair[0]) <= 0 || gtk_widget_get_height (pair[1]) <= 0)
    return FALSE;
  if (!gtk_widget_compute_point (pair[0], pair[2], &GRAPHENE_POINT_INIT (0, 0), &a) ||
      !gtk_widget_compute_point (pair[1], pair[2], &GRAPHENE_POINT_INIT (0, 0), &b))
    return FALSE;
  return a.y != b.y;
}

static void
test_history (Fixture      *fixture,
              gconstpointer data)
{
  const char *me = hearth_journal_get_me (fixture->journal);
  const char *sam = hearth_journal_get_partner_id (fixture->journal);

  add_checkin (fixture->journal, "2026-03-01", me, 4, "How are you feeling about us?", "Steadier than in winter.", 15);
  add_checkin (fixture->journal, "2026-03-01", sam, 5, "How are you feeling about us?", "Close. I like our Sundays.", 15);
  add_checkin (fixture->journal, "2026-03-08", sam, 3, "What can I do to support you right now?", "Help me plan the move.", 20);
  fixture_show (fixture, 800);

  assert_label_shown (fixture->page, "Sunday 8 March 2026");
  assert_label_shown (fixture->page, "Sunday 1 March 2026");
  assert_label_shown (fixture->page, "Close. I like our Sundays.");
  assert_label_shown (fixture->page, "Help me plan the move.");
  assert_label_shown (fixture->page, "20 minutes");
  assert_label_shown (fixture->page, "5 questions, one at a time, with a timer you choose. One of you speaks, the other listens, then you swap.");

  /* Newest first, read once the list has been laid out: until then both
   * rows sit at the same place. */
  {
    GtkWidget       *newer = hearth_test_find_shown_label (fixture->page, "Sunday 8 March 2026");
    GtkWidget       *older = hearth_test_find_shown_label (fixture->page, "Sunday 1 March 2026");
    GtkWidget       *pair[3] = { newer, older, fixture->page };
    graphene_point_t a, b;

    g_assert_true (hearth_test_wait_until (rows_laid_out, pair, 5000));
    g_assert_true (gtk_widget_compute_point (newer, fixture->page, &GRAPHENE_POINT_INIT (0, 0), &a));
    g_assert_true (gtk_widget_compute_point (older, fixture->page, &GRAPHENE_POINT_INIT (0, 0), &b));
    g_assert_cmpfloat (a.y, <, b.y);
  }
  screenshots (fixture, "checkins-history-seeded", 800);
}

static void
test_questions (Fixture      *fixture,
                gconstpointer data)
{
  HearthQuestionsEditor *editor;
  g_auto(GStrv) shown = NULL;
  g_auto(GStrv) saved = NULL;
  GtkWidget *window;

  fixture_show (fixture, 800);

  g_assert_true (gtk_widget_activate_action (fixture->page, "checkins.edit-questions", NULL));
  hearth_test_wait (300);
  editor = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

        if (HEARTH_IS_QUESTIONS_EDITOR (item))
          editor = HEARTH_QUESTIONS_EDITOR (item);
      }
  }
  g_assert_nonnull (editor);
  window = GTK_WIDGET (editor);

  /* With none chosen, the suggested questions. */
  shown = hearth_questions_editor_dup_questions (editor);
  g_assert_cmpuint (g_strv_length (shown), ==, 5);
  g_assert_cmpstr (shown[0], ==, "How have you been feeling lately?");
  g_assert_cmpstr (shown[2], ==, "What can I do to support you right now?");

  hearth_questions_editor_add (editor, "What are you looking forward to?");
  hearth_questions_editor_move (editor, 5, -1);
  hearth_questions_editor_remove (editor, 0);
  hearth_questions_editor_set_text (editor, 0, "How do you feel about us lately?");
  assert_label_shown (window, "Question 5");
  hearth_test_wait (300);
  hearth_test_snap (window, "checkin-questions");

  click (window, "_Save");
  hearth_test_wait (100);

  saved = hearth_record_dup_strv (hearth_journal_get_info (fixture->journal), "checkin_questions");
  g_assert_cmpuint (g_strv_length (saved), ==, 5);
  g_assert_cmpstr (saved[0], ==, "How do you feel about us lately?");
  g_assert_cmpstr (saved[1], ==, "What can I do to support you right now?");
  g_assert_cmpstr (saved[2], ==, "Is there something you need more of from me?");
  g_assert_cmpstr (saved[3], ==, "What are you looking forward to?");
  g_assert_cmpstr (saved[4], ==, "What was a moment this week when you felt close to me?");

  /* The next check-in asks them. */
  {
    HearthCheckinFlow *flow = hearth_checkins_page_start (HEARTH_CHECKINS_PAGE (fixture->page));

    g_assert_cmpuint (hearth_checkin_flow_get_n_questions (flow), ==, 5);
    hearth_checkin_flow_begin (flow);
    assert_label_shown (fixture->page, "How do you feel about us lately?");
  }
}

static void
test_questions_empty (Fixture      *fixture,
                      gconstpointer data)
{
  HearthQuestionsEditor *editor;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) saved = NULL;

  fixture_show (fixture, 800);
  editor = hearth_checkins_page_edit_questions (HEARTH_CHECKINS_PAGE (fixture->page));
  for (guint i = 0; i < 5; i++)
    hearth_questions_editor_remove (editor, 0);
  g_assert_false (hearth_questions_editor_save (editor, &error));
  g_assert_nonnull (error);
  g_test_message ("error shown: %s", error->message);
  saved = hearth_record_dup_strv (hearth_journal_get_info (fixture->journal), "checkin_questions");
  g_assert_null (saved[0]);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* Leaving, or closing the window, in the middle keeps what was written. */
static void
test_unfinished (Fixture      *fixture,
                 gconstpointer data)
{
  const char        *me = hearth_journal_get_me (fixture->journal);
  const char        *sam = hearth_journal_get_partner_id (fixture->journal);
  g_autofree char   *today = hearth_date_today ();
  g_autofree char   *my_id = g_strdup_printf ("%s/%s", today, me);
  g_autofree char   *sam_id = g_strdup_printf ("%s/%s", today, sam);
  HearthCheckinFlow *flow;
  HearthRecord      *sams;

  fixture_show (fixture, 800);
  flow = hearth_checkins_page_start (HEARTH_CHECKINS_PAGE (fixture->page));
  click (GTK_WIDGET (flow), "_Begin");
  type_answer (flow, HEARTH_CHECKIN_PARTNER, "Tired, but glad we are doing this.");
  click (GTK_WIDGET (flow), "_Leave");

  assert_label_shown (fixture->overlay, "What you wrote so far is saved");
  sams = hearth_journal_lookup (fixture->journal, sam_id);
  g_assert_nonnull (sams);
  assert_answer (sams, 0, "How have you been feeling lately?", "Tired, but glad we are doing this.");
  /* Alex wrote nothing: no empty record. */
  g_assert_null (hearth_journal_lookup (fixture->journal, my_id));
  assert_label_shown (fixture->page, "Tired, but glad we are doing this.");

  /* A second check-in the same day adds to the first; the window is
   * destroyed in the middle of it, with no chance to save: the words are
   * kept a moment after the last one was typed, all the same. */
  flow = hearth_checkins_page_start (HEARTH_CHECKINS_PAGE (fixture->page));
  hearth_checkin_flow_begin (flow);
  click (GTK_WIDGET (flow), "_Next Question");
  type_answer (flow, HEARTH_CHECKIN_ME, "Good about us.");
  type_answer (flow, HEARTH_CHECKIN_PARTNER, "Hopeful.");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  hearth_test_wait (50);
  g_assert_cmpuint (n_answers (hearth_journal_lookup (fixture->journal, sam_id)), ==, 1);
  hearth_test_wait (1200);

  sams = hearth_journal_lookup (fixture->journal, sam_id);
  g_assert_cmpuint (n_answers (sams), ==, 2);
  assert_answer (sams, 0, "How have you been feeling lately?", "Tired, but glad we are doing this.");
  assert_answer (sams, 1, "How are you feeling about us?", "Hopeful.");
  g_assert_nonnull (hearth_journal_lookup (fixture->journal, my_id));
  assert_answer (hearth_journal_lookup (fixture->journal, my_id), 0, "How are you feeling about us?", "Good about us.");
}

/* Before the journal locks or the window closes, the page saves at once. */
static void
test_flush_saves_at_once (Fixture      *fixture,
                          gconstpointer data)
{
  const char        *sam = hearth_journal_get_partner_id (fixture->journal);
  g_autofree char   *today = hearth_date_today ();
  g_autofree char   *sam_id = g_strdup_printf ("%s/%s", today, sam);
  HearthCheckinFlow *flow;

  fixture_show (fixture, 800);
  flow = hearth_checkins_page_start (HEARTH_CHECKINS_PAGE (fixture->page));
  click (GTK_WIDGET (flow), "_Begin");
  type_answer (flow, HEARTH_CHECKIN_PARTNER, "Calmer than last week.");
  g_assert_null (hearth_journal_lookup (fixture->journal, sam_id));
  hearth_checkins_page_flush (HEARTH_CHECKINS_PAGE (fixture->page));
  g_assert_nonnull (hearth_journal_lookup (fixture->journal, sam_id));
  assert_answer (hearth_journal_lookup (fixture->journal, sam_id), 0,
                 "How have you been feeling lately?", "Calmer than last week.");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();

  hearth_test_load_app_style ();

  g_test_add ("/checkins-page/flow", Fixture, NULL, hearth_test_page_set_up, test_flow, hearth_test_page_tear_down);
  g_test_add ("/checkins-page/history", Fixture, NULL, hearth_test_page_set_up, test_history, hearth_test_page_tear_down);
  g_test_add ("/checkins-page/questions", Fixture, NULL, hearth_test_page_set_up, test_questions, hearth_test_page_tear_down);
  g_test_add ("/checkins-page/questions-empty", Fixture, NULL, hearth_test_page_set_up, test_questions_empty, hearth_test_page_tear_down);
  g_test_add ("/checkins-page/unfinished", Fixture, NULL, hearth_test_page_set_up, test_unfinished, hearth_test_page_tear_down);
  g_test_add ("/checkins-page/flush", Fixture, NULL, hearth_test_page_set_up, test_flush_saves_at_once, hearth_test_page_tear_down);

  return g_test_run ();
}
