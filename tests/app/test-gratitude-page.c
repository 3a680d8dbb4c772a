/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "hearth-gratitude-dialog.h"
#include "hearth-gratitude-page.h"
#include "hearth-gratitude-row.h"
#include "hearth-stats.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"
#include "hearth-text.h"

typedef HearthTestPage Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static char *
day_offset (const GDate *from,
            int          days)
{
  GDate day = *from;
  char  text[16];

  if (days >= 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
  return g_strdup (text);
}

static void
this_monday (GDate *monday)
{
  g_autofree char *today_text = hearth_date_today ();
  GDate            today;

  g_assert_true (hearth_date_parse (today_text, &today));
  hearth_stats_week_start (&today, monday);
}

static char *
add_note_from (HearthJournal *journal,
               const char    *from,
               const char    *to,
               const char    *text,
               const char    *date)
{
  g_autoptr(HearthRecord) note = hearth_journal_new_record (journal, "gratitude", NULL);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (note, "from", from);
  hearth_record_set_string (note, "to", to);
  hearth_record_set_string (note, "text", text);
  hearth_record_set_string (note, "date", date);
  hearth_journal_save (journal, note, &error);
  g_assert_no_error (error);
  return g_strdup (hearth_record_get_id (note));
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  gboolean    shown;
} LabelWait;

static gboolean
label_is (gpointer data)
{
  LabelWait *wait = data;

  return (hearth_test_find_shown_label (wait->root, wait->text) != NULL) == wait->shown;
}

static void
assert_label_shown (GtkWidget  *root,
                    const char *text,
                    gboolean    shown)
{
  LabelWait wait = { root, text, shown };

  if (!hearth_test_wait_until (label_is, &wait, 3000))
    g_error ("The label “%s” should %s", text, shown ? "be shown" : "not be shown");
}

/* The number beside a week's title, e.g. "2 notes". */
static const char *
week_count (GtkWidget  *page,
            const char *title)
{
  GtkWidget *label = hearth_test_find_shown_label (page, title);

  g_assert_nonnull (label);
  g_assert_true (GTK_IS_LABEL (gtk_widget_get_next_sibling (label)));
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (label)));
}

typedef struct
{
  GtkWidget  *page;
  const char *title;
  const char *count;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *wait = data;
  GtkWidget *label = hearth_test_find_shown_label (wait->page, wait->title);

  return label != NULL && g_strcmp0 (week_count (wait->page, wait->title), wait->count) == 0;
}

/* The list settles within a frame after a change; then the week reads @count. */
static void
assert_week_count (GtkWidget  *page,
                   const char *title,
                   const char *count)
{
  CountWait wait = { page, title, count };

  hearth_test_wait_until (count_is, &wait, 3000);
  g_assert_cmpstr (week_count (page, title), ==, count);
}

static gboolean
has_record_with_text (HearthJournal *journal,
                      const char    *text,
                      HearthRecord **found)
{
  GListModel *model = hearth_journal_get_model (journal, HEARTH_KIND_GRATITUDE);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HearthRecord) note = g_list_model_get_item (model, i);

      if (g_strcmp0 (hearth_record_get_string (note, "text"), text) == 0)
        {
          if (found)
            *found = g_object_ref (note);
          return TRUE;
        }
    }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Fixture                                                                   */

static void
fixture_show (Fixture *fixture,
              int      width)
{
  hearth_test_page_show (fixture, hearth_gratitude_page_new, width, 760);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */

static void
test_weeks_and_counts (Fixture      *fixture,
                       gconstpointer data)
{
  const char      *me = hearth_journal_get_me (fixture->journal);
  const char      *sam = hearth_journal_get_partner_id (fixture->journal);
  g_autofree char *today = hearth_date_today ();
  g_autofree char *monday = NULL;
  g_autofree char *last_monday = NULL;
  g_autofree char *last_tuesday = NULL;
  g_autofree char *older = NULL;
  g_autofree char *older_title = NULL;
  g_autofree char *id = NULL;
  GDate            week;

  this_monday (&week);
  monday = day_offset (&week, 0);
  last_monday = day_offset (&week, -7);
  last_tuesday = day_offset (&week, -6);
  older = day_offset (&week, -21);

  g_free (add_note_from (fixture->journal, me, sam, "You made soup when I was tired", today));
  g_free (add_note_from (fixture->journal, sam, me, "Thank you for listening last night", monday));
  g_free (add_note_from (fixture->journal, me, sam, "The walk by the river", last_monday));
  g_free (add_note_from (fixture->journal, me, sam, "You fixed the bike", last_tuesday));
  g_free (add_note_from (fixture->journal, me, sam, "The letter you left", older));

  fixture_show (fixture, 800);

  assert_week_count (fixture->page, "This week", "2 notes");
  assert_week_count (fixture->page, "Last week", "2 notes");
  {
    GDate older_monday;
    g_autoptr(GDateTime) time = NULL;
    g_autofree char *day = NULL;

    older_monday = week;
    g_date_subtract_days (&older_monday, 21);
    time = g_date_time_new_local (g_date_get_year (&older_monday), g_date_get_month (&older_monday),
                                  g_date_get_day (&older_monday), 12, 0, 0);
    day = g_date_time_format (time, "%-d %B %Y");
    older_title = g_strdup_printf ("Week of %s", day);
  }
  assert_week_count (fixture->page, older_title, "1 note");

  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "Alex thanked Sam once this week"));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "Sam thanked Alex once this week"));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "Alex → Sam"));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "Sam → Alex"));

  /* A note written on the partner's device shows up live, with the counts. */
  id = add_note_from (fixture->journal, sam, me, "Coffee in bed", today);
  assert_label_shown (fixture->page, "Coffee in bed", TRUE);
  assert_label_shown (fixture->page, "Sam thanked Alex 2 times this week", TRUE);
  assert_week_count (fixture->page, "This week", "3 notes");
  assert_week_count (fixture->page, "Last week", "2 notes");

  hearth_test_snap (fixture->window, "gratitude-page");
  hearth_test_set_dark (TRUE);
  hearth_test_snap (fixture->window, "gratitude-page-dark");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 760);
  hearth_test_wait (300);
  hearth_test_snap (fixture->window, "gratitude-page-narrow-dark");
  hearth_test_set_dark (FALSE);
  hearth_test_snap (fixture->window, "gratitude-page-narrow");
}

static void
test_empty (Fixture      *fixture,
            gconstpointer data)
{
  fixture_show (fixture, 800);

  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "What did you appreciate today?"));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->page, "No thanks from Alex to Sam yet this week"));
  hearth_test_snap (fixture->window, "gratitude-page-empty");
}

static void
test_quick_add (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr(HearthRecord) note = NULL;
  g_autofree char *today = hearth_date_today ();
  GtkWidget       *title, *entry, *add;

  fixture_show (fixture, 800);

  title = hearth_test_find_labelled (fixture->page, "I appreciated…");
  g_assert_nonnull (title);
  entry = gtk_widget_get_ancestor (title, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry);
  add = hearth_test_find_labelled (fixture->page, "_Add");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_get_sensitive (add));

  gtk_editable_set_text (GTK_EDITABLE (entry), "  How you laughed at my terrible joke  ");
  g_assert_true (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (add, "clicked");

  g_assert_true (has_record_with_text (fixture->journal, "How you laughed at my terrible joke", &note));
  g_assert_cmpstr (hearth_record_get_string (note, "from"), ==, hearth_journal_get_me (fixture->journal));
  g_assert_cmpstr (hearth_record_get_string (note, "to"), ==, hearth_journal_get_partner_id (fixture->journal));
  g_assert_cmpstr (hearth_record_get_string (note, "date"), ==, today);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  assert_label_shown (fixture->page, "How you laughed at my terrible joke", TRUE);
  assert_label_shown (fixture->page, "Alex thanked Sam once this week", TRUE);
  assert_week_count (fixture->page, "This week", "1 note");
}

static void
test_filter (Fixture      *fixture,
             gconstpointer data)
{
  const char      *me = hearth_journal_get_me (fixture->journal);
  const char      *sam = hearth_journal_get_partner_id (fixture->journal);
  g_autofree char *today = hearth_date_today ();
  GtkWidget       *dropdown;

  g_free (add_note_from (fixture->journal, me, sam, "Alex's thanks", today));
  g_free (add_note_from (fixture->journal, sam, me, "Sam's thanks", today));
  fixture_show (fixture, 800);

  assert_label_shown (fixture->page, "Alex's thanks", TRUE);
  assert_label_shown (fixture->page, "Sam's thanks", TRUE);

  dropdown = hearth_test_find_type (fixture->page, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (dropdown);
  {
    g_autoptr(GtkStringObject) choice = g_list_model_get_item (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown)), 2);
    g_assert_cmpstr (gtk_string_object_get_string (choice), ==, "Sam → Alex");
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 2);

  assert_label_shown (fixture->page, "Alex's thanks", FALSE);
  assert_label_shown (fixture->page, "Sam's thanks", TRUE);
  assert_week_count (fixture->page, "This week", "1 note");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  assert_label_shown (fixture->page, "Alex's thanks", TRUE);
  assert_label_shown (fixture->page, "Sam's thanks", FALSE);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  assert_label_shown (fixture->page, "Sam's thanks", TRUE);
  assert_label_shown (fixture->page, "Alex's thanks", TRUE);
  assert_week_count (fixture->page, "This week", "2 notes");
}

static void
test_delete_undo (Fixture      *fixture,
                  gconstpointer data)
{
  g_autofree char *id = hearth_test_add_gratitude (fixture->journal, "The flowers on Friday", NULL);
  GtkWidget       *label, *row, *undo;

  g_free (hearth_test_add_gratitude (fixture->journal, "Dinner with my parents", NULL));
  fixture_show (fixture, 800);

  label = hearth_test_find_shown_label (fixture->page, "The flowers on Friday");
  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, HEARTH_TYPE_GRATITUDE_ROW);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate_action (row, "row.delete", NULL));

  g_assert_null (hearth_journal_lookup (fixture->journal, id));
  assert_label_shown (fixture->page, "The flowers on Friday", FALSE);
  assert_week_count (fixture->page, "This week", "1 note");

  undo = hearth_test_find_labelled (fixture->overlay, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");

  g_assert_nonnull (hearth_journal_lookup (fixture->journal, id));
  assert_label_shown (fixture->page, "The flowers on Friday", TRUE);
  assert_week_count (fixture->page, "This week", "2 notes");
}

static HearthGratitudeDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (HEARTH_IS_GRATITUDE_DIALOG (window))
        return HEARTH_GRATITUDE_DIALOG (window);
    }
  return NULL;
}

static gboolean
no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

static void
test_edit (Fixture      *fixture,
           gconstpointer data)
{
  g_autofree char       *id = hearth_test_add_gratitude (fixture->journal, "The flowers", NULL);
  HearthGratitudeDialog *dialog;
  GtkWidget             *label, *row, *entry, *save;

  fixture_show (fixture, 800);

  label = hearth_test_find_shown_label (fixture->page, "The flowers");
  row = gtk_widget_get_ancestor (label, HEARTH_TYPE_GRATITUDE_ROW);
  g_assert_true (gtk_widget_activate_action (row, "row.edit", NULL));
  hearth_test_wait (200);

  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  entry = gtk_widget_get_ancestor (hearth_test_find_labelled (GTK_WIDGET (dialog), "I appreciated…"),
                                   ADW_TYPE_ENTRY_ROW);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "The flowers");
  gtk_editable_set_text (GTK_EDITABLE (entry), "The flowers you picked for me");
  save = hearth_test_find_labelled (GTK_WIDGET (dialog), "_Save");
  g_assert_nonnull (save);
  g_signal_emit_by_name (save, "clicked");
  g_assert_true (hearth_test_wait_until (no_dialog, NULL, 2000));

  g_assert_cmpstr (hearth_record_get_string (hearth_journal_lookup (fixture->journal, id), "text"),
                   ==, "The flowers you picked for me");
  assert_label_shown (fixture->page, "The flowers you picked for me", TRUE);
  assert_label_shown (fixture->page, "The flowers", FALSE);
}

static void
test_dialog (Fixture      *fixture,
             gconstpointer data)
{
  HearthGratitudeDialog *dialog;
  GtkWidget             *entry;

  fixture_show (fixture, 800);
  hearth_gratitude_dialog_present (GTK_WINDOW (fixture->window), fixture->journal);
  hearth_test_wait (300);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_nonnull (hearth_test_find_shown_label (GTK_WIDGET (dialog), "What did you appreciate about Sam?"));

  entry = gtk_widget_get_ancestor (hearth_test_find_labelled (GTK_WIDGET (dialog), "I appreciated…"),
                                   ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (entry), "The way you remembered my mother's birthday");
  hearth_test_snap (GTK_WIDGET (dialog), "gratitude-dialog");
  hearth_test_set_dark (TRUE);
  hearth_test_snap (GTK_WIDGET (dialog), "gratitude-dialog-dark");

  /* Enter in the text adds the note and closes the dialog. */
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_true (hearth_test_wait_until (no_dialog, NULL, 2000));
  g_assert_true (has_record_with_text (fixture->journal, "The way you remembered my mother's birthday", NULL));
  assert_label_shown (fixture->page, "The way you remembered my mother's birthday", TRUE);

  /* Escape closes without adding. */
  hearth_gratitude_dialog_present (GTK_WINDOW (fixture->window), fixture->journal);
  hearth_test_wait (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_true (hearth_test_wait_until (no_dialog, NULL, 2000));
}

static void
test_dialog_error (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr(HearthJournal) journal = hearth_test_journal_new ("correct horse battery");
  HearthGratitudeDialog *dialog = hearth_gratitude_dialog_new (journal, NULL);
  GtkWidget             *entry, *add;
  GtkWidget             *error_label = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  hearth_test_wait (200);
  entry = gtk_widget_get_ancestor (hearth_test_find_labelled (GTK_WIDGET (dialog), "I appreciated…"),
                                   ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Words that must not be lost");

  /* Locked under the dialog (auto-lock): saving fails, the dialog stays with
   * the words and says why. */
  hearth_journal_lock (journal);
  add = hearth_test_find_labelled (GTK_WIDGET (dialog), "_Add");
  g_signal_emit_by_name (add, "clicked");
  hearth_test_wait (300);

  g_assert_true (find_dialog () == dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Words that must not be lost");
  for (GtkWidget *w = hearth_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_REVEALER); w; w = NULL)
    {
      g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (w)));
      error_label = gtk_revealer_get_child (GTK_REVEALER (w));
    }
  g_assert_nonnull (error_label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  g_test_message ("error shown: %s", gtk_label_get_text (GTK_LABEL (error_label)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  hearth_test_wait (50);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();

  hearth_test_load_app_style ();

  g_test_add ("/gratitude-page/weeks-and-counts", Fixture, NULL, hearth_test_page_set_up, test_weeks_and_counts, hearth_test_page_tear_down);
  g_test_add ("/gratitude-page/empty", Fixture, NULL, hearth_test_page_set_up, test_empty, hearth_test_page_tear_down);
  g_test_add ("/gratitude-page/quick-add", Fixture, NULL, hearth_test_page_set_up, test_quick_add, hearth_test_page_tear_down);
  g_test_add ("/gratitude-page/filter", Fixture, NULL, hearth_test_page_set_up, test_filter, hearth_test_page_tear_down);
  g_test_add ("/gratitude-page/delete-undo", Fixture, NULL, hearth_test_page_set_up, test_delete_undo, hearth_test_page_tear_down);
  g_test_add ("/gratitude-page/edit", Fixture, NULL, hearth_test_page_set_up, test_edit, hearth_test_page_tear_down);
  g_test_add ("/gratitude-dialog/add", Fixture, NULL, hearth_test_page_set_up, test_dialog, hearth_test_page_tear_down);
  g_test_add ("/gratitude-dialog/error", Fixture, NULL, hearth_test_page_set_up, test_dialog_error, hearth_test_page_tear_down);

  return g_test_run ();
}
