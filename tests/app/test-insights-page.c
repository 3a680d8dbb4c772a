/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "hearth-chart.h"
#include "hearth-insights-page.h"
#include "hearth-stats.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"
#include "hearth-text.h"

typedef struct
{
  HearthJournal *journal;
  GtkWidget     *window;
  GtkWidget     *page;
  GDate          monday; /* of this week */
} Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

/* The date @days after this week's Monday (before it when negative). */
static char *
day (Fixture *fixture,
     int      days)
{
  GDate date = fixture->monday;
  char  text[16];

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

static void
add_note (HearthJournal *journal,
          const char    *from,
          const char    *to,
          const char    *date)
{
  g_autoptr(HearthRecord) note = hearth_journal_new_record (journal, "gratitude", NULL);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (note, "from", from);
  hearth_record_set_string (note, "to", to);
  hearth_record_set_string (note, "text", "Thank you");
  hearth_record_set_string (note, "date", date);
  hearth_journal_save (journal, note, &error);
  g_assert_no_error (error);
}

static void
add_checkin (HearthJournal *journal,
             const char    *date,
             const char    *partner,
             int            rating)
{
  g_autofree char *id = g_strdup_printf ("%s/%s", date, partner);
  g_autoptr(HearthRecord) record = hearth_journal_new_record (journal, "checkin", id);
  g_autoptr(GError) error = NULL;
  JsonObject        *ratings = json_object_new ();
  JsonNode          *node = json_node_new (JSON_NODE_OBJECT);
  static const char *dimensions[] = { "heard", "supported", "close", "safe", "team" };

  for (guint d = 0; d < 5; d++)
    json_object_set_int_member (ratings, dimensions[d], rating);
  json_node_take_object (node, ratings);
  hearth_record_set_string (record, "date", date);
  hearth_record_set_string (record, "partner", partner);
  hearth_record_set_member (record, "ratings", node);
  hearth_record_set_int (record, "duration", 15);
  hearth_journal_save (journal, record, &error);
  g_assert_no_error (error);
}

static char *
add_ritual (HearthJournal *journal,
            const char    *title,
            const char    *start)
{
  g_autoptr(HearthRecord) ritual = hearth_journal_new_record (journal, "ritual", NULL);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (ritual, "title", title);
  hearth_record_set_string (ritual, "type", "ritual");
  hearth_record_set_string (ritual, "recurrence", "FREQ=DAILY");
  hearth_record_set_string (ritual, "start", start);
  hearth_journal_save (journal, ritual, &error);
  g_assert_no_error (error);
  return g_strdup (hearth_record_get_id (ritual));
}

static void
mark (HearthJournal *journal,
      const char    *ritual,
      const char    *date)
{
  g_autofree char *id = g_strdup_printf ("%s/%s", ritual, date);
  g_autoptr(HearthRecord) occurrence = hearth_journal_new_record (journal, "occurrence", id);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (occurrence, "ritual", ritual);
  hearth_record_set_string (occurrence, "date", date);
  hearth_record_set_string (occurrence, "status", "done");
  hearth_journal_save (journal, occurrence, &error);
  g_assert_no_error (error);
}

static const char *
description (Fixture      *fixture,
             HearthInsight insight)
{
  HearthChart *chart = hearth_insights_page_get_chart (HEARTH_INSIGHTS_PAGE (fixture->page), insight);

  return hearth_chart_get_description (chart);
}

static void
assert_mentions (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” should mention “%s”", text, part);
}

/* ------------------------------------------------------------------------ */
/* Fixture                                                                   */

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *today_text = hearth_date_today ();
  GDate            today;

  fixture->journal = hearth_test_journal_new (NULL);
  g_assert_true (hearth_date_parse (today_text, &today));
  hearth_stats_week_start (&today, &fixture->monday);
}

static void
fixture_show (Fixture *fixture,
              int      width,
              int      height)
{
  fixture->page = hearth_insights_page_new (fixture->journal);
  fixture->window = hearth_test_window_new (fixture->page, width, height, NULL);
  hearth_test_wait (300);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  hearth_test_window_destroy (&fixture->window);
  g_clear_object (&fixture->journal);
  hearth_test_set_dark (FALSE);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */

static void
seed (Fixture *fixture)
{
  const char      *me = hearth_journal_get_me (fixture->journal);
  const char      *sam = hearth_journal_get_partner_id (fixture->journal);
  /* Alex's ratings on the Sunday that ends each of the last 8 weeks, the
   * most recent first; Sam's stay at 4. */
  static const int alex[] = { 5, 4, 4, 3, 4, 3, 3, 2 };
  struct
  {
    int week;
    int from_me;
    int from_sam;
  } thanks[] = {
    { 0, 2, 1 },
    { 1, 1, 0 },
    { 2, 0, 2 },
    { 3, 3, 0 },
    { 4, 0, 1 },
    { 5, 1, 0 },
  };
  g_autofree char *walk = NULL;
  g_autofree char *start = NULL;

  for (guint w = 0; w < G_N_ELEMENTS (alex); w++)
    {
      g_autofree char *sunday = day (fixture, -7 * (int) (w + 1) + 6);

      add_checkin (fixture->journal, sunday, me, alex[w]);
      add_checkin (fixture->journal, sunday, sam, 4);
    }
  for (guint i = 0; i < G_N_ELEMENTS (thanks); i++)
    {
      g_autofree char *date = day (fixture, -7 * thanks[i].week);

      for (int n = 0; n < thanks[i].from_me; n++)
        add_note (fixture->journal, me, sam, date);
      for (int n = 0; n < thanks[i].from_sam; n++)
        add_note (fixture->journal, sam, me, date);
    }

  /* A daily walk for the last 10 weeks, kept more and more often. */
  start = day (fixture, -70);
  walk = add_ritual (fixture->journal, "Evening walk", start);
  for (int d = -70; d < 0; d++)
    if (d > -28 || d % 3 == 0)
      {
        g_autofree char *date = day (fixture, d);

        mark (fixture->journal, walk, date);
      }
}

static void
test_charts (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char    *today = hearth_date_today ();
  HearthInsightsPage *page;
  const char         *text;

  seed (fixture);
  fixture_show (fixture, 800, 1400);
  page = HEARTH_INSIGHTS_PAGE (fixture->page);

  g_assert_false (hearth_insights_page_is_empty (page));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "How Your Check-ins Felt"));
  for (HearthInsight i = 0; i < HEARTH_N_INSIGHTS; i++)
    {
      HearthChart *chart = hearth_insights_page_get_chart (page, i);

      g_assert_true (hearth_chart_has_data (chart));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
      g_test_message ("%s", hearth_chart_get_description (chart));
    }
  g_assert_cmpuint (hearth_chart_get_n_series (hearth_insights_page_get_chart (page, HEARTH_INSIGHT_RATINGS)), ==, 2);
  g_assert_cmpuint (hearth_chart_get_n_series (hearth_insights_page_get_chart (page, HEARTH_INSIGHT_GRATITUDE)), ==, 2);
  g_assert_cmpuint (hearth_chart_get_n_series (hearth_insights_page_get_chart (page, HEARTH_INSIGHT_RITUALS)), ==, 1);

  text = description (fixture, HEARTH_INSIGHT_RATINGS);
  assert_mentions (text, "Check-in ratings per week over 13 weeks, all five on average");
  assert_mentions (text, "Alex from 2 to 5, mostly rising");
  assert_mentions (text, "Sam at 4 throughout");

  text = description (fixture, HEARTH_INSIGHT_GRATITUDE);
  assert_mentions (text, "Gratitude per week over 13 weeks");
  assert_mentions (text, "Alex to Sam from 0 to 3, mostly rising");
  assert_mentions (text, "Sam to Alex from 0 to 2, mostly rising");

  text = description (fixture, HEARTH_INSIGHT_RITUALS);
  assert_mentions (text, "Ritual consistency over 13 weeks");
  assert_mentions (text, "Evening walk from ");
  assert_mentions (text, "mostly rising");

  /* The legend names each line and bar. */
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "Alex → Sam"));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "Sam → Alex"));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "Evening walk"));

  hearth_test_snap (fixture->window, "insights");
  hearth_test_set_dark (TRUE);
  hearth_test_snap (fixture->window, "insights-dark");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 1400);
  hearth_test_wait (300);
  hearth_test_snap (fixture->window, "insights-narrow-dark");
  hearth_test_set_dark (FALSE);
  hearth_test_snap (fixture->window, "insights-narrow");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 1400);

  /* One dimension at a time. */
  hearth_insights_page_set_dimension (page, 3);
  text = description (fixture, HEARTH_INSIGHT_RATINGS);
  assert_mentions (text, "felt safe to share");
  assert_mentions (text, "Alex from 2 to 5");

  /* A longer range: more weeks, the same values. */
  hearth_insights_page_set_months (page, 12);
  g_assert_cmpuint (hearth_insights_page_get_months (page), ==, 12);
  text = description (fixture, HEARTH_INSIGHT_GRATITUDE);
  assert_mentions (text, "Gratitude per week over 52 weeks");
  assert_mentions (text, "Alex to Sam from 0 to 3");
  hearth_test_snap (fixture->window, "insights-year");

  /* A note written now shows at once. */
  add_note (fixture->journal, hearth_journal_get_partner_id (fixture->journal),
            hearth_journal_get_me (fixture->journal), today);
  hearth_test_wait (100);
  assert_mentions (description (fixture, HEARTH_INSIGHT_GRATITUDE), "Sam to Alex from 0 to 2");
}

static void
test_only_gratitude (Fixture      *fixture,
                     gconstpointer data)
{
  g_autofree char *today = hearth_date_today ();

  add_note (fixture->journal, hearth_journal_get_me (fixture->journal),
            hearth_journal_get_partner_id (fixture->journal), today);
  fixture_show (fixture, 800, 1000);

  g_assert_true (hearth_chart_has_data (hearth_insights_page_get_chart (HEARTH_INSIGHTS_PAGE (fixture->page),
                                                                        HEARTH_INSIGHT_GRATITUDE)));
  assert_mentions (description (fixture, HEARTH_INSIGHT_GRATITUDE), "Alex to Sam from 0 to 1");
  assert_mentions (description (fixture, HEARTH_INSIGHT_GRATITUDE), "Sam to Alex: none yet");
  /* The charts without data say so in words. */
  g_assert_false (hearth_chart_has_data (hearth_insights_page_get_chart (HEARTH_INSIGHTS_PAGE (fixture->page),
                                                                         HEARTH_INSIGHT_RATINGS)));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "Your check-in ratings will show here after your first check-in."));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "Add a ritual on the Rituals page to see how well you keep it."));
  hearth_test_snap (fixture->window, "insights-partial");
}

static void
test_empty (Fixture      *fixture,
            gconstpointer data)
{
  g_autofree char *today = hearth_date_today ();

  fixture_show (fixture, 800, 700);

  g_assert_true (hearth_insights_page_is_empty (HEARTH_INSIGHTS_PAGE (fixture->page)));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "Insights Grow With You"));
  hearth_test_snap (fixture->window, "insights-empty");

  /* The first thanks bring the charts. */
  add_note (fixture->journal, hearth_journal_get_me (fixture->journal),
            hearth_journal_get_partner_id (fixture->journal), today);
  /* Past the stack's crossfade, when both pages show. */
  hearth_test_wait (800);
  g_assert_null (hearth_test_find_shown_label (fixture->page, "Insights Grow With You"));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "Thanks Each Week"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();

  hearth_test_load_app_style ();

  g_test_add ("/insights-page/charts", Fixture, NULL, fixture_set_up, test_charts, fixture_tear_down);
  g_test_add ("/insights-page/only-gratitude", Fixture, NULL, fixture_set_up, test_only_gratitude, fixture_tear_down);
  g_test_add ("/insights-page/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);

  return g_test_run ();
}
