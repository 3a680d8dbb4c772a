/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "hearth-draft.h"
#include "hearth-entry-row.h"
#include "hearth-journal-page.h"
#include "hearth-prompts.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"
#include "hearth-text.h"

typedef HearthTestPage Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static GtkWidget *
named (Fixture    *fixture,
       const char *name)
{
  GtkWidget *widget = hearth_test_find_named (fixture->window, name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
list_shows (Fixture    *fixture,
            const char *text)
{
  return hearth_test_find_shown_label (named (fixture, "entry-list"), text) != NULL;
}

static guint
count_rows (GtkWidget *root)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += (HEARTH_IS_ENTRY_ROW (child) ? 1 : 0) + count_rows (child);
  return n;
}

static void
settle (void)
{
  hearth_test_wait (300);
}

static void
type_into_text_view (GtkWidget  *view,
                     const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter    end;

  /* Character by character, like typing, so each keystroke is a change. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, p, g_utf8_next_char (p) - p);
    }
}

static char *
add_entry_full (HearthJournal *journal,
                const char    *author,
                const char    *title,
                const char    *body,
                const char    *mood,
                const char    *reply_to)
{
  g_autoptr(HearthRecord) entry = hearth_journal_new_record (journal, "entry", NULL);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (entry, "author", author);
  if (title)
    hearth_record_set_string (entry, "title", title);
  hearth_record_set_string (entry, "body", body);
  if (mood)
    hearth_record_set_string (entry, "mood", mood);
  if (reply_to)
    hearth_record_set_string (entry, "reply_to", reply_to);
  hearth_journal_save (journal, entry, &error);
  g_assert_no_error (error);
  return g_strdup (hearth_record_get_id (entry));
}

static void
show_page (Fixture *fixture,
           int      width,
           int      height)
{
  fixture->page = hearth_journal_page_new (fixture->journal);
  fixture->window = hearth_test_window_new (fixture->page, width, height, &fixture->overlay);
  settle ();
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */

static void
test_list_shows_entries (Fixture      *fixture,
                         gconstpointer data)
{
  g_autofree char *a = hearth_test_add_entry (fixture->journal, "Café", "We tried the new place.");
  g_autofree char *b = hearth_test_add_entry (fixture->journal, "Picnic", "Sandwiches by the lake.");
  g_autofree char *c = hearth_test_add_entry (fixture->journal, NULL, "A first line as the heading\nand more.");

  show_page (fixture, 1000, 700);
  g_assert_true (list_shows (fixture, "Café"));
  g_assert_true (list_shows (fixture, "Picnic"));
  g_assert_true (list_shows (fixture, "A first line as the heading"));
  g_assert_true (list_shows (fixture, "Alex"));
  g_assert_true (list_shows (fixture, "Today"));
}

static void
test_empty_state (Fixture      *fixture,
                  gconstpointer data)
{
  show_page (fixture, 1000, 700);
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "No entries yet — write the first one"));
}

static void
test_search_is_folded (Fixture      *fixture,
                       gconstpointer data)
{
  g_autofree char *a = hearth_test_add_entry (fixture->journal, "Café", "We tried the new place.");
  g_autofree char *b = hearth_test_add_entry (fixture->journal, "Picnic", "Sandwiches by the lake.");

  show_page (fixture, 1000, 700);
  gtk_widget_activate_action (fixture->page, "journal.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (named (fixture, "search-entry")), "cafe");
  settle ();
  g_assert_true (list_shows (fixture, "Café"));
  g_assert_false (list_shows (fixture, "Picnic"));

  /* The body counts too, in any case. */
  gtk_editable_set_text (GTK_EDITABLE (named (fixture, "search-entry")), "LAKE");
  settle ();
  g_assert_true (list_shows (fixture, "Picnic"));
  g_assert_false (list_shows (fixture, "Café"));

  gtk_editable_set_text (GTK_EDITABLE (named (fixture, "search-entry")), "nothing like this");
  settle ();
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "No entries match"));
}

static void
test_mood_filter (Fixture      *fixture,
                  gconstpointer data)
{
  const char      *me = hearth_journal_get_me (fixture->journal);
  g_autofree char *a = add_entry_full (fixture->journal, me, "Quiet evening", "Tea.", "calm", NULL);
  g_autofree char *b = add_entry_full (fixture->journal, me, "Long day", "So much.", "tired", NULL);

  show_page (fixture, 1000, 700);
  g_assert_true (list_shows (fixture, "Quiet evening"));
  g_assert_true (list_shows (fixture, "Long day"));
  g_assert_true (list_shows (fixture, "😌 Calm"));

  /* "Any mood", then the moods in storage order: calm is the third. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (fixture, "mood-filter")), 3);
  settle ();
  g_assert_true (list_shows (fixture, "Quiet evening"));
  g_assert_false (list_shows (fixture, "Long day"));

  gtk_widget_activate_action (fixture->page, "journal.clear-filters", NULL);
  settle ();
  g_assert_true (list_shows (fixture, "Long day"));
}

static void
test_author_and_tag_filter (Fixture      *fixture,
                            gconstpointer data)
{
  const char      *me = hearth_journal_get_me (fixture->journal);
  const char      *sam = hearth_journal_get_partner_id (fixture->journal);
  g_autofree char *a = add_entry_full (fixture->journal, me, "Mine", "Text.", NULL, NULL);
  g_autofree char *b = add_entry_full (fixture->journal, sam, "Sam's", "Text.", NULL, NULL);
  g_autoptr(HearthRecord) tagged = hearth_record_copy (hearth_journal_lookup (fixture->journal, a));
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "Ünterwegs", NULL };

  hearth_record_set_strv (tagged, "tags", tags);
  hearth_journal_save (fixture->journal, tagged, &error);
  g_assert_no_error (error);

  show_page (fixture, 1000, 700);
  g_assert_true (list_shows (fixture, "Ünterwegs"));
  /* "Both of us", me, then Sam */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (fixture, "author-filter")), 2);
  settle ();
  g_assert_true (list_shows (fixture, "Sam's"));
  g_assert_false (list_shows (fixture, "Mine"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (fixture, "author-filter")), 0);

  gtk_editable_set_text (GTK_EDITABLE (named (fixture, "tag-filter")), "unterwegs");
  settle ();
  g_assert_true (list_shows (fixture, "Mine"));
  g_assert_false (list_shows (fixture, "Sam's"));
}

static gboolean
journal_has_body (HearthJournal *journal,
                  const char    *id,
                  const char    *body)
{
  HearthRecord *record = hearth_journal_lookup (journal, id);
  return record != NULL && g_strcmp0 (hearth_record_get_string (record, "body"), body) == 0;
}

static HearthJournal *
reopen (HearthJournal *journal,
        const char    *passphrase)
{
  g_autoptr(GError) error = NULL;
  HearthJournal *again;

  hearth_test_wait_for_writes (journal);
  again = hearth_journal_open (hearth_journal_get_path (journal), &error);

  g_assert_no_error (error);
  if (passphrase != NULL)
    {
      hearth_journal_unlock (again, passphrase, &error);
      g_assert_no_error (error);
    }
  hearth_journal_load (again, &error);
  g_assert_no_error (error);
  return again;
}

static void
test_autosave_after_pause (Fixture      *fixture,
                           gconstpointer data)
{
  g_autofree char *id = hearth_test_add_entry (fixture->journal, "Café", "We tried");
  g_autoptr(HearthJournal) again = NULL;
  const char *expected = "We tried the new place on the corner.";

  show_page (fixture, 1000, 700);
  hearth_journal_page_open_entry (HEARTH_JOURNAL_PAGE (fixture->page), id);
  settle ();
  type_into_text_view (named (fixture, "body-view"), " the new place on the corner.");
  /* Not yet: the save waits for a pause in typing. */
  g_assert_true (journal_has_body (fixture->journal, id, "We tried"));
  hearth_test_wait (1300);
  g_assert_true (journal_has_body (fixture->journal, id, expected));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "Saved"));

  again = reopen (fixture->journal, data);
  g_assert_true (journal_has_body (again, id, expected));
}

static void
test_flush_saves_at_once (Fixture      *fixture,
                          gconstpointer data)
{
  GListModel *entries = hearth_journal_get_model (fixture->journal, HEARTH_KIND_ENTRY);
  g_autoptr(HearthJournal) again = NULL;
  g_autoptr(HearthRecord) saved = NULL;

  show_page (fixture, 1000, 700);
  /* Opening an empty editor creates nothing. */
  gtk_widget_activate_action (fixture->page, "journal.new-entry", NULL);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (named (fixture, "title-entry")), "Before the lock");
  type_into_text_view (named (fixture, "body-view"), "Every last word, even the ones typed just now");
  hearth_journal_page_flush (HEARTH_JOURNAL_PAGE (fixture->page));

  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  saved = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (hearth_record_get_string (saved, "title"), ==, "Before the lock");
  g_assert_cmpstr (hearth_record_get_string (saved, "body"), ==, "Every last word, even the ones typed just now");
  g_assert_cmpstr (hearth_record_get_string (saved, "author"), ==, hearth_journal_get_me (fixture->journal));

  again = reopen (fixture->journal, data);
  g_assert_true (journal_has_body (again, hearth_record_get_id (saved), "Every last word, even the ones typed just now"));
}

/* A window closed a moment after typing: the words are saved all the same,
 * by the draft, not by the widgets while they are torn down. */
static void
test_closed_window_saves (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *id = hearth_test_add_entry (fixture->journal, "Café", "We tried");
  g_autoptr(HearthJournal) again = NULL;

  show_page (fixture, 1000, 700);
  hearth_journal_page_open_entry (HEARTH_JOURNAL_PAGE (fixture->page), id);
  type_into_text_view (named (fixture, "body-view"), " it");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  /* Nothing was written on the way out... */
  g_assert_true (journal_has_body (fixture->journal, id, "We tried"));
  /* ...but a moment later, as if the window were still open. */
  hearth_test_wait (HEARTH_DRAFT_DELAY_MS + 400);
  g_assert_true (journal_has_body (fixture->journal, id, "We tried it"));
  again = reopen (fixture->journal, data);
  g_assert_true (journal_has_body (again, id, "We tried it"));
}

/* Quitting right after typing: the session's flush reaches the draft of a
 * page that is already gone. */
static void
test_flush_all_after_close (Fixture      *fixture,
                            gconstpointer data)
{
  g_autofree char *id = hearth_test_add_entry (fixture->journal, "Café", "We tried");

  show_page (fixture, 1000, 700);
  hearth_journal_page_open_entry (HEARTH_JOURNAL_PAGE (fixture->page), id);
  type_into_text_view (named (fixture, "body-view"), " again");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  hearth_draft_flush_all ();
  g_assert_true (journal_has_body (fixture->journal, id, "We tried again"));
}

static void
test_delete_and_undo (Fixture      *fixture,
                      gconstpointer data)
{
  g_autofree char *keep = hearth_test_add_entry (fixture->journal, "Keep me", "Stays.");
  g_autofree char *id = hearth_test_add_entry (fixture->journal, "Café", "We tried the new place.");
  GtkWidget       *undo;

  show_page (fixture, 1000, 700);
  hearth_journal_page_open_entry (HEARTH_JOURNAL_PAGE (fixture->page), id);
  settle ();
  g_assert_true (list_shows (fixture, "Café"));

  gtk_widget_activate_action (fixture->page, "journal.delete-entry", NULL);
  settle ();
  g_assert_null (hearth_journal_lookup (fixture->journal, id));
  g_assert_false (list_shows (fixture, "Café"));
  g_assert_true (list_shows (fixture, "Keep me"));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->overlay, "Entry deleted"));

  undo = hearth_test_find_labelled (fixture->overlay, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  settle ();
  g_assert_true (journal_has_body (fixture->journal, id, "We tried the new place."));
  g_assert_true (list_shows (fixture, "Café"));
}

static GtkWidget *
find_with_tooltip (GtkWidget  *root,
                   const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;
      found = find_with_tooltip (child, tooltip);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_remove_tag (Fixture      *fixture,
                 gconstpointer data)
{
  g_autofree char *id = hearth_test_add_entry (fixture->journal, "Pancakes!", "Sunday breakfast.");
  g_autoptr(HearthRecord) tagged = hearth_record_copy (hearth_journal_lookup (fixture->journal, id));
  const char *tags[] = { "sunday", "food", "late", NULL };
  g_autoptr(HearthJournal) again = NULL;
  g_auto(GStrv) kept = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *remove;

  hearth_record_set_strv (tagged, "tags", tags);
  hearth_journal_save (fixture->journal, tagged, &error);
  g_assert_no_error (error);
  show_page (fixture, 1000, 700);
  hearth_journal_page_open_entry (HEARTH_JOURNAL_PAGE (fixture->page), id);
  settle ();
  g_assert_nonnull (hearth_test_find_shown_label (named (fixture, "tags-flow"), "food"));

  /* The pill in the middle, so the order of the others must hold. */
  remove = find_with_tooltip (fixture->window, "Remove tag “food”");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  settle ();
  g_assert_null (hearth_test_find_shown_label (named (fixture, "tags-flow"), "food"));
  g_assert_nonnull (hearth_test_find_shown_label (named (fixture, "tags-flow"), "sunday"));
  g_assert_nonnull (hearth_test_find_shown_label (named (fixture, "tags-flow"), "late"));
  hearth_journal_page_flush (HEARTH_JOURNAL_PAGE (fixture->page));

  again = reopen (fixture->journal, data);
  kept = hearth_record_dup_strv (hearth_journal_lookup (again, id), "tags");
  g_assert_cmpstrv (kept, ((const char *[]){ "sunday", "late", NULL }));
}

static void
test_reply_thread (Fixture      *fixture,
                   gconstpointer data)
{
  const char      *sam = hearth_journal_get_partner_id (fixture->journal);
  g_autofree char *parent = hearth_test_add_entry (fixture->journal, "A hard week", "Work has been a lot.");
  g_autofree char *reply = add_entry_full (fixture->journal, sam, NULL,
                                           "Thank you for telling me. What would help most?", NULL, parent);
  GListModel      *entries = hearth_journal_get_model (fixture->journal, HEARTH_KIND_ENTRY);
  GtkWidget       *view;

  show_page (fixture, 1000, 700);
  /* Not a row of its own: a count on its parent. */
  g_assert_true (list_shows (fixture, "A hard week"));
  g_assert_false (list_shows (fixture, "Thank you for telling me. What would help most?"));
  g_assert_true (list_shows (fixture, "1 reply"));

  hearth_journal_page_open_entry (HEARTH_JOURNAL_PAGE (fixture->page), parent);
  settle ();
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "Thank you for telling me. What would help most?"));
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "Sam"));

  /* Replying from here adds to the thread. */
  gtk_widget_activate_action (fixture->page, "journal.reply", NULL);
  settle ();
  view = named (fixture, "reply-view");
  g_assert_true (gtk_widget_get_mapped (view));
  type_into_text_view (view, "Just listening helps.");
  g_signal_emit_by_name (hearth_test_find_labelled (fixture->window, "_Done"), "clicked");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 3);
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, "Just listening helps."));
  g_assert_true (list_shows (fixture, "2 replies"));
}

static void
test_blame_hint (Fixture      *fixture,
                 gconstpointer data)
{
  GtkWidget       *rephrase;
  GtkTextBuffer   *buffer;
  g_autofree char *text = NULL;
  GtkTextIter      start, end;
  GListModel      *entries = hearth_journal_get_model (fixture->journal, HEARTH_KIND_ENTRY);

  show_page (fixture, 1000, 700);
  rephrase = hearth_test_find_labelled (fixture->window, "_Help me rephrase");
  g_assert_nonnull (rephrase);
  g_assert_false (gtk_widget_get_mapped (rephrase));

  type_into_text_view (named (fixture, "body-view"), "You NEVER listen");
  settle ();
  g_assert_true (gtk_widget_get_mapped (rephrase));
  g_free (hearth_test_screenshot (fixture->window, "journal-editor-hint"));

  g_signal_emit_by_name (rephrase, "clicked");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (fixture, "body-view")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_true (g_str_has_prefix (text, "You NEVER listen\nI feel … when … because … What I need is …"));

  /* A hint, never a gate: it is saved all the same. */
  hearth_journal_page_flush (HEARTH_JOURNAL_PAGE (fixture->page));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
}

static GtkWidget *
find_prompt_browser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (G_OBJECT_TYPE_NAME (window), "HearthPromptBrowser") == 0)
        return window;
    }
  return NULL;
}

static void
test_prompt_starts_entry (Fixture      *fixture,
                          gconstpointer data)
{
  GListModel *entries = hearth_journal_get_model (fixture->journal, HEARTH_KIND_ENTRY);
  g_autoptr(GPtrArray) light = hearth_prompts_filter (NULL, HEARTH_PROMPT_DEPTH_LIGHT);
  const HearthPrompt *first = g_ptr_array_index (light, 0);
  g_autoptr(HearthRecord) saved = NULL;
  GtkWidget *browser;
  GtkWidget *use;

  show_page (fixture, 1000, 700);
  gtk_widget_activate_action (fixture->page, "journal.choose-prompt", NULL);
  settle ();
  browser = find_prompt_browser ();
  g_assert_nonnull (browser);
  g_assert_nonnull (hearth_test_find_shown_label (browser, first->text));
  /*SHOT*/

  use = hearth_test_find_labelled (browser, "Use this prompt");
  g_assert_nonnull (use);
  g_signal_emit_by_name (use, "clicked");
  settle ();
  g_assert_null (find_prompt_browser ());

  /* The prompt shows above the body; nothing is saved until writing starts. */
  g_assert_nonnull (hearth_test_find_shown_label (fixture->window, first->text));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 0);
  type_into_text_view (named (fixture, "body-view"), "A walk by the sea.");
  hearth_journal_page_flush (HEARTH_JOURNAL_PAGE (fixture->page));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  saved = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (hearth_record_get_string (saved, "prompt"), ==, first->id);
  g_assert_cmpstr (hearth_record_get_string (saved, "body"), ==, "A walk by the sea.");
}

/* Writes @n entries by Sam into a device folder the way a sync tool would
 * bring them, much faster than saving them one by one. */
static void
add_many_from_partner (HearthJournal *journal,
                       guint          n)
{
  g_autofree char *folder = g_build_filename (hearth_journal_get_path (journal), "devices", "sams-laptop", NULL);
  g_autofree char *file = g_build_filename (folder, "entries-2020.json", NULL);
  g_autoptr(GString) json = g_string_new ("{ \"hearth\": 1, \"type\": \"entries\", \"records\": [\n");
  g_autoptr(GError) error = NULL;
  const char        *sam = hearth_journal_get_partner_id (journal);
  static const char *moods[] = { "calm", "joyful", "tired", "close" };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      guint            day = i % 365;
      GDate            date;
      char             ymd[16];

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, 2020);
      g_date_add_days (&date, day);
      g_date_strftime (ymd, sizeof ymd, "%Y-%m-%d", &date);
      g_string_append_printf (json,
                              "%s{\"id\":\"%s\",\"kind\":\"entry\",\"created\":\"%sT%02u:%02u:%02u+01:00\","
                              "\"updated\":\"2020-12-31T10:00:00.000Z\",\"device\":\"sams-laptop\","
                              "\"author\":\"%s\",\"title\":\"Note number %u\",\"body\":\"Something small from day %u.\","
                              "\"mood\":\"%s\",\"tags\":[\"everyday\"]}\n",
                              i ? "," : "", id, ymd, (i / 3600) % 24, (i / 60) % 60, i % 60,
                              sam, i, day, moods[i % G_N_ELEMENTS (moods)]);
    }
  g_string_append (json, "] }\n");
  g_mkdir_with_parents (folder, 0700);
  g_file_set_contents (file, json->str, json->len, &error);
  g_assert_no_error (error);
  hearth_journal_rescan (journal);
}

static void
test_many_entries (Fixture      *fixture,
                   gconstpointer data)
{
  GListModel *entries = hearth_journal_get_model (fixture->journal, HEARTH_KIND_ENTRY);
  guint       rows;

  add_many_from_partner (fixture->journal, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 20000);

  show_page (fixture, 1000, 700);
  rows = count_rows (named (fixture, "entry-list"));
  g_test_message ("%u row widgets for 20000 entries", rows);
  g_assert_cmpuint (rows, >, 0);
  /* GtkListView keeps a window of about 200 rows around what is visible. */
  g_assert_cmpuint (rows, <, 500);

  gtk_widget_activate_action (fixture->page, "journal.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (named (fixture, "search-entry")), "number 12345");
  settle ();
  g_assert_true (list_shows (fixture, "Note number 12345"));
  g_assert_cmpuint (count_rows (named (fixture, "entry-list")), <, 500);
}

/* ------------------------------------------------------------------------ */
/* Screenshots                                                               */

static void
fill_sample (HearthJournal *journal)
{
  const char      *me = hearth_journal_get_me (journal);
  const char      *sam = hearth_journal_get_partner_id (journal);
  g_autofree char *a = add_entry_full (journal, sam, "The walk by the river", "It was cold but we kept talking until the lights came on. I loved that.", "close", NULL);
  g_autofree char *b = add_entry_full (journal, me, "A small worry", "I keep thinking about the move.\nWhat if we don't find anything near your work?", "anxious", NULL);
  g_autofree char *c = add_entry_full (journal, sam, NULL, "Thank you for telling me. What part worries you most?", NULL, b);
  g_autofree char *d = add_entry_full (journal, me, "Pancakes!", "Sunday breakfast, the good kind.", "joyful", NULL);
  g_autoptr(HearthRecord) tagged = hearth_record_copy (hearth_journal_lookup (journal, d));
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "sunday", "food", NULL };

  hearth_record_set_strv (tagged, "tags", tags);
  hearth_journal_save (journal, tagged, &error);
  g_assert_no_error (error);
}

static void
test_screenshots (Fixture      *fixture,
                  gconstpointer data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GListModel      *entries;
  g_autoptr(HearthRecord) first = NULL;

  fill_sample (fixture->journal);
  entries = hearth_journal_get_model (fixture->journal, HEARTH_KIND_ENTRY);
  show_page (fixture, 1000, 700);
  first = g_list_model_get_item (entries, g_list_model_get_n_items (entries) - 2);
  hearth_journal_page_open_entry (HEARTH_JOURNAL_PAGE (fixture->page), hearth_record_get_id (first));
  settle ();
  g_free (hearth_test_screenshot (fixture->window, "journal-wide-light"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  g_free (hearth_test_screenshot (fixture->window, "journal-wide-dark"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  show_page (fixture, 360, 700);
  g_free (hearth_test_screenshot (fixture->window, "journal-narrow-list"));
  hearth_journal_page_open_entry (HEARTH_JOURNAL_PAGE (fixture->page), hearth_record_get_id (first));
  hearth_test_wait (600);
  g_free (hearth_test_screenshot (fixture->window, "journal-narrow-editor"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  g_free (hearth_test_screenshot (fixture->window, "journal-narrow-editor-dark"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_hint_screenshot_dark (Fixture      *fixture,
                           gconstpointer data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  fill_sample (fixture->journal);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  show_page (fixture, 1000, 700);
  gtk_widget_activate_action (fixture->page, "journal.new-entry", NULL);
  gtk_editable_set_text (GTK_EDITABLE (named (fixture, "title-entry")), "About last night");
  type_into_text_view (named (fixture, "body-view"), "You always leave the dishes for me.");
  settle ();
  g_free (hearth_test_screenshot (fixture->window, "journal-editor-hint-dark"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();

#define ADD(path, func, passphrase) \
  g_test_add (path, Fixture, passphrase, hearth_test_page_set_up, func, hearth_test_page_tear_down)

  ADD ("/journal-page/list", test_list_shows_entries, NULL);
  ADD ("/journal-page/empty", test_empty_state, NULL);
  ADD ("/journal-page/search-folded", test_search_is_folded, NULL);
  ADD ("/journal-page/mood-filter", test_mood_filter, NULL);
  ADD ("/journal-page/author-tag-filter", test_author_and_tag_filter, NULL);
  ADD ("/journal-page/autosave", test_autosave_after_pause, "correct horse");
  ADD ("/journal-page/flush", test_flush_saves_at_once, "correct horse");
  ADD ("/journal-page/closed-window-saves", test_closed_window_saves, NULL);
  ADD ("/journal-page/flush-all-after-close", test_flush_all_after_close, NULL);
  ADD ("/journal-page/delete-undo", test_delete_and_undo, NULL);
  ADD ("/journal-page/remove-tag", test_remove_tag, NULL);
  ADD ("/journal-page/reply-thread", test_reply_thread, NULL);
  ADD ("/journal-page/blame-hint", test_blame_hint, NULL);
  ADD ("/journal-page/prompt", test_prompt_starts_entry, NULL);
  ADD ("/journal-page/many-entries", test_many_entries, NULL);
  ADD ("/journal-page/screenshots", test_screenshots, NULL);
  ADD ("/journal-page/hint-dark", test_hint_screenshot_dark, NULL);

  return g_test_run ();
}
