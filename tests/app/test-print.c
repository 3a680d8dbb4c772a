/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hearth-clock.h"
#include "hearth-day-picker.h"
#include "hearth-print-operation.h"
#include "hearth-print-options.h"
#include "hearth-test-util.h"
#include "hearth-window.h"

/* Printing is checked on paper, as far as a test can: the very operation
 * the print dialog runs exports a PDF, and pdftotext reads its pages back. */

typedef struct
{
  HearthJournal *journal;
  GtkWidget     *window;
  char          *folder;
  const char    *alex;
  const char    *sam;
} Fixture;

typedef struct
{
  char *text; /* every page, a form feed after each */
  guint n_pages;
} Pages;

static void
pages_clear (Pages *pages)
{
  g_free (pages->text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pages, pages_clear)

/* ------------------------------------------------------------------------ */
/* A journal with known days                                                 */

/* From here on the clock shows @local_time (ISO 8601, local). */
static void
set_now (const char *local_time)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (local_time, zone);

  g_assert_nonnull (now);
  hearth_clock_set_now (now);
}

static char *
add_entry (Fixture    *fixture,
           const char *when,
           const char *author,
           const char *title,
           const char *body,
           const char *mood,
           const char *reply_to)
{
  g_autoptr(HearthRecord) entry = NULL;
  g_autoptr(GError) error = NULL;

  set_now (when);
  entry = hearth_journal_new_record (fixture->journal, "entry", NULL);
  hearth_record_set_string (entry, "author", author);
  if (title != NULL)
    hearth_record_set_string (entry, "title", title);
  hearth_record_set_string (entry, "body", body);
  if (mood != NULL)
    hearth_record_set_string (entry, "mood", mood);
  if (reply_to != NULL)
    hearth_record_set_string (entry, "reply_to", reply_to);
  hearth_journal_save (fixture->journal, entry, &error);
  g_assert_no_error (error);
  return g_strdup (hearth_record_get_id (entry));
}

static void
add_gratitude (Fixture    *fixture,
               const char *from,
               const char *to,
               const char *text,
               const char *date)
{
  g_autoptr(HearthRecord) note = hearth_journal_new_record (fixture->journal, "gratitude", NULL);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (note, "from", from);
  hearth_record_set_string (note, "to", to);
  hearth_record_set_string (note, "text", text);
  hearth_record_set_string (note, "date", date);
  hearth_journal_save (fixture->journal, note, &error);
  g_assert_no_error (error);
}

static void
add_checkin (Fixture    *fixture,
             const char *partner,
             const char *date,
             const char *question,
             const char *text,
             int         rating)
{
  g_autofree char *id = g_strdup_printf ("%s/%s", date, partner);
  g_autoptr(HearthRecord) record = hearth_journal_new_record (fixture->journal, "checkin", id);
  g_autoptr(GError) error = NULL;
  static const char *dimensions[] = { "heard", "supported", "close", "safe", "team" };
  JsonObject        *ratings = json_object_new ();
  JsonArray         *answers = json_array_new ();
  JsonObject        *answer = json_object_new ();
  JsonNode          *node;

  for (guint d = 0; d < G_N_ELEMENTS (dimensions); d++)
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
  hearth_record_set_int (record, "duration", 15);
  hearth_journal_save (fixture->journal, record, &error);
  g_assert_no_error (error);
}

/* Three days in March and one in April, both partners, a reply, thanks and
 * a check-in. */
static void
add_known_days (Fixture *fixture)
{
  g_autofree char *walk = add_entry (fixture, "2026-03-03T09:30:00", fixture->alex, "A walk by the river",
                                     "We walked until the light went orange.", "calm", NULL);
  g_autofree char *reply = add_entry (fixture, "2026-03-04T08:15:00", fixture->sam, NULL,
                                      "I loved the herons most.", "close", walk);
  g_autofree char *soup = add_entry (fixture, "2026-03-04T20:00:00", fixture->sam, "Soup night",
                                     "Your grandmother's recipe, finally right.", "grateful", NULL);
  g_autofree char *april = add_entry (fixture, "2026-04-01T19:00:00", fixture->alex, "Spring cleaning",
                                      "The balcony is ours again.", "joyful", NULL);

  add_gratitude (fixture, fixture->sam, fixture->alex, "Thank you for the warm socks.", "2026-03-04");
  add_gratitude (fixture, fixture->alex, fixture->sam, "Thank you for fixing the bike.", "2026-03-10");
  add_checkin (fixture, fixture->alex, "2026-03-10", "How are you feeling about us?",
               "Steadier than in winter.", 4);
  hearth_test_set_clock ();
}

/* ------------------------------------------------------------------------ */
/* Exporting and reading back                                                */

static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char            *out = NULL;
  int              status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* A copy of the PDF beside the screenshots, to look at. */
static void
keep_copy (const char *path,
           const char *file)
{
  const char      *build = g_getenv ("MESON_BUILD_ROOT");
  g_autofree char *folder = g_build_filename (build ? build : ".", "screenshots", NULL);
  g_autofree char *name = g_strconcat ("print-", file, NULL);
  g_autofree char *target = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) copy = g_file_new_for_path (target);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (folder, 0755);
  g_file_copy (source, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("printed: %s", target);
}

/* Runs the print operation, options set by @setup, as an export to
 * @name.pdf and reads back its pages. */
static HearthPrintOperation *
export_pdf (Fixture    *fixture,
            const char *name,
            void (*setup) (Fixture *, HearthPrint *),
            GtkPrintOperationResult *result,
            Pages                   *pages)
{
  HearthPrintOperation *operation = hearth_print_operation_new (fixture->journal, GTK_WINDOW (fixture->window));
  g_autofree char      *file = g_strconcat (name, ".pdf", NULL);
  g_autofree char      *path = g_build_filename (fixture->folder, file, NULL);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult got;

  if (setup != NULL)
    setup (fixture, hearth_print_operation_get_print (operation));
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  got = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                 GTK_WINDOW (fixture->window), &error);
  g_assert_no_error (error);
  if (result != NULL)
    *result = got;

  memset (pages, 0, sizeof *pages);
  if (got == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

      pages->text = run_tool (argv);
      keep_copy (path, file);
      for (const char *p = pages->text; *p; p++)
        pages->n_pages += *p == '\f';
      g_test_message ("%s: %u pages, text:\n%s", path, pages->n_pages, pages->text);
    }
  return operation;
}

static void
assert_shows (Pages      *pages,
              const char *text)
{
  if (strstr (pages->text, text) == NULL)
    g_error ("The printed pages (their text is above) do not show “%s”", text);
}

static void
assert_hides (Pages      *pages,
              const char *text)
{
  if (strstr (pages->text, text) != NULL)
    g_error ("The printed pages (their text is above) show “%s”, which was left out", text);
}

/* @first is printed before @second. */
static void
assert_before (Pages      *pages,
               const char *first,
               const char *second)
{
  const char *a = strstr (pages->text, first);
  const char *b = strstr (pages->text, second);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  if (a >= b)
    g_error ("“%s” is printed after “%s” (the text is above)", first, second);
}

/* ------------------------------------------------------------------------ */
/* Fixture                                                                   */

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fixture->journal = hearth_test_journal_new (NULL);
  fixture->alex = hearth_journal_get_me (fixture->journal);
  fixture->sam = hearth_journal_get_partner_id (fixture->journal);
  fixture->folder = g_dir_make_tmp ("hearth-print-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 700, 760);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  hearth_test_wait (50);
  g_clear_object (&fixture->journal);
  hearth_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  hearth_test_set_clock ();
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */

static void
test_layout (Fixture      *fixture,
             gconstpointer data)
{
  g_auto(Pages) pages;
  g_autoptr(HearthPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  add_known_days (fixture);
  operation = export_pdf (fixture, "all", NULL, &result, &pages);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_false (hearth_print_operation_found_nothing (operation));

  /* The title line: the journal's name and the days it covers. */
  assert_shows (&pages, "Our journal");
  assert_shows (&pages, "3 March 2026 – 1 April 2026");
  /* Days as headings, oldest first. */
  assert_before (&pages, "Tuesday, 3 March 2026", "Wednesday, 4 March 2026");
  assert_before (&pages, "Wednesday, 4 March 2026", "Tuesday, 10 March 2026");
  assert_before (&pages, "Tuesday, 10 March 2026", "Wednesday, 1 April 2026");
  /* Each entry with its author, time and mood. */
  assert_before (&pages, "Tuesday, 3 March 2026", "● Alex");
  assert_shows (&pages, "09:30");
  assert_shows (&pages, "Calm");
  assert_before (&pages, "A walk by the river", "We walked until the light went orange.");
  assert_before (&pages, "Wednesday, 4 March 2026", "Soup night");
  /* Sam's reply from the next day stays under the entry it answers, with its date. */
  assert_shows (&pages, "● Sam replied");
  assert_shows (&pages, "4 March 2026, 08:15");
  assert_before (&pages, "We walked until the light went orange.", "I loved the herons most.");
  assert_before (&pages, "I loved the herons most.", "Wednesday, 4 March 2026");
  /* Thanks and the check-in under their days. */
  assert_before (&pages, "Soup night", "Notes of thanks");
  assert_before (&pages, "Thank you for the warm socks.", "Tuesday, 10 March 2026");
  assert_before (&pages, "Tuesday, 10 March 2026", "Thank you for fixing the bike.");
  assert_shows (&pages, "to Sam");
  assert_before (&pages, "Thank you for fixing the bike.", "Check-in");
  assert_before (&pages, "How are you feeling about us?", "Steadier than in winter.");
  assert_shows (&pages, "Felt heard: 4 of 5");
  assert_shows (&pages, "15 minutes");
  /* And the page number in the footer. */
  g_assert_cmpuint (pages.n_pages, ==, 1);
  assert_shows (&pages, "Page 1 of 1");
}

static void
only_early_march (Fixture     *fixture,
                  HearthPrint *print)
{
  hearth_print_set_from (print, "2026-03-04");
  hearth_print_set_to (print, "2026-03-09");
}

static void
test_range (Fixture      *fixture,
            gconstpointer data)
{
  g_auto(Pages) pages;
  g_autoptr(HearthPrintOperation) operation = NULL;

  add_known_days (fixture);
  operation = export_pdf (fixture, "range", only_early_march, NULL, &pages);
  assert_shows (&pages, "4 March 2026 – 9 March 2026");
  assert_shows (&pages, "Soup night");
  assert_shows (&pages, "Thank you for the warm socks.");
  assert_hides (&pages, "We walked until the light went orange.");
  assert_hides (&pages, "Spring cleaning");
  assert_hides (&pages, "Thank you for fixing the bike.");
  assert_hides (&pages, "Steadier than in winter.");
  assert_hides (&pages, "Tuesday, 10 March 2026");
  /* The reply is in the range, its entry is not: it stands on its own day
   * and says what it answers. */
  assert_shows (&pages, "I loved the herons most.");
  assert_shows (&pages, "In reply to Alex’s “A walk by the river”");
}

static void
only_sam (Fixture     *fixture,
          HearthPrint *print)
{
  hearth_print_set_partner (print, fixture->sam);
}

static void
test_partner (Fixture      *fixture,
              gconstpointer data)
{
  g_auto(Pages) pages;
  g_autoptr(HearthPrintOperation) operation = NULL;

  add_known_days (fixture);
  operation = export_pdf (fixture, "sam", only_sam, NULL, &pages);
  assert_shows (&pages, "Written by Sam");
  assert_shows (&pages, "Soup night");
  assert_shows (&pages, "I loved the herons most.");
  assert_shows (&pages, "Thank you for the warm socks.");
  assert_hides (&pages, "● Alex");
  assert_hides (&pages, "We walked until the light went orange.");
  assert_hides (&pages, "Spring cleaning");
  assert_hides (&pages, "Thank you for fixing the bike.");
  assert_hides (&pages, "Steadier than in winter.");
}

static void
no_extras (Fixture     *fixture,
           HearthPrint *print)
{
  hearth_print_set_include_gratitude (print, FALSE);
  hearth_print_set_include_checkins (print, FALSE);
}

static void
no_gratitude (Fixture     *fixture,
              HearthPrint *print)
{
  hearth_print_set_include_gratitude (print, FALSE);
}

static void
test_toggles (Fixture      *fixture,
              gconstpointer data)
{
  g_auto(Pages) pages;
  g_auto(Pages) only_checkins;
  g_autoptr(HearthPrintOperation) operation = NULL;
  g_autoptr(HearthPrintOperation) second = NULL;

  add_known_days (fixture);
  operation = export_pdf (fixture, "no-extras", no_extras, NULL, &pages);
  assert_shows (&pages, "A walk by the river");
  assert_hides (&pages, "Notes of thanks");
  assert_hides (&pages, "Thank you for the warm socks.");
  assert_hides (&pages, "Check-in");
  assert_hides (&pages, "Steadier than in winter.");
  /* The 10th had only thanks and a check-in: no empty heading is left. */
  assert_hides (&pages, "Tuesday, 10 March 2026");

  second = export_pdf (fixture, "no-gratitude", no_gratitude, NULL, &only_checkins);
  assert_hides (&only_checkins, "Thank you for fixing the bike.");
  assert_shows (&only_checkins, "Steadier than in winter.");
}

static void
nothing_in_range (Fixture     *fixture,
                  HearthPrint *print)
{
  hearth_print_set_from (print, "2025-01-01");
  hearth_print_set_to (print, "2025-01-31");
}

static AdwMessageDialog *
find_message (Fixture *fixture)
{
  GList            *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
message_shown (gpointer data)
{
  return find_message (data) != NULL;
}

static gboolean
pdf_gone (gpointer data)
{
  Fixture         *fixture = data;
  g_autofree char *path = g_build_filename (fixture->folder, "nothing.pdf", NULL);

  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_nothing (Fixture      *fixture,
              gconstpointer data)
{
  g_auto(Pages) pages;
  g_autoptr(HearthPrintOperation) operation = NULL;
  GtkPrintOperationResult result;
  AdwMessageDialog       *message;

  add_known_days (fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  operation = export_pdf (fixture, "nothing", nothing_in_range, &result, &pages);
  g_assert_true (hearth_print_operation_found_nothing (operation));
  g_assert_cmpint (result, !=, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_null (pages.text);
  /* No blank page is left behind. */
  g_assert_true (hearth_test_wait_until (pdf_gone, fixture, 5000));
  /* The person is told why, over the window. */
  g_assert_true (hearth_test_wait_until (message_shown, fixture, 5000));
  message = find_message (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Nothing to Print");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "Try other dates"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (message)) == GTK_WINDOW (fixture->window));
  hearth_test_snap (GTK_WIDGET (message), "print-nothing");
}

/* Numbered lines, so a lost, doubled or cut line shows. */
static char *
long_body (guint entry,
           guint n_lines)
{
  GString *body = g_string_new (NULL);

  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (body, "%sline-%02u-%03u of a long evening, the kind of talk that goes on past midnight.",
                            i == 0 ? "" : (i % 6 == 0 ? "\n\n" : "\n"), entry, i);
  return g_string_free (body, FALSE);
}

typedef struct
{
  double height;
  double footer_top;  /* the highest word of the footer */
  double text_bottom; /* the lowest word above it */
} PageBox;

/* Where words sit on each page, from pdftotext -bbox. */
static GArray *
page_boxes (Fixture    *fixture,
            const char *name)
{
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  g_autofree char *path = g_build_filename (fixture->folder, file, NULL);
  const char      *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *html = run_tool (argv);
  g_autoptr(GRegex) page_re = g_regex_new ("<page width=\"[0-9.]+\" height=\"([0-9.]+)\">", 0, 0, NULL);
  g_autoptr(GRegex) word_re = g_regex_new ("<word xMin=\"[0-9.]+\" yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">([^<]*)</word>",
                                            0, 0, NULL);
  g_auto(GStrv) chunks = g_regex_split (page_re, html, 0);
  GArray *boxes = g_array_new (FALSE, TRUE, sizeof (PageBox));

  /* split keeps the captured height between the chunks: text, height, page, height, page… */
  for (guint i = 1; chunks[i] != NULL && chunks[i + 1] != NULL; i += 2)
    {
      PageBox box = { g_ascii_strtod (chunks[i], NULL), G_MAXDOUBLE, 0 };
      g_autoptr(GMatchInfo) match = NULL;
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) bottoms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *page_text = NULL;

      g_regex_match (word_re, chunks[i + 1], 0, &match);
      while (g_match_info_matches (match))
        {
          g_autofree char *top = g_match_info_fetch (match, 1);
          g_autofree char *bottom = g_match_info_fetch (match, 2);
          double           t = g_ascii_strtod (top, NULL), b = g_ascii_strtod (bottom, NULL);

          g_ptr_array_add (words, g_match_info_fetch (match, 3));
          g_array_append_val (tops, t);
          g_array_append_val (bottoms, b);
          g_match_info_next (match, NULL);
        }
      /* The footer is the last line: "Page n of m" and the journal's name. */
      for (guint w = 0; w < words->len; w++)
        if (g_str_equal (g_ptr_array_index (words, w), "Page"))
          box.footer_top = MIN (box.footer_top, g_array_index (tops, double, w));
      for (guint w = 0; w < words->len; w++)
        if (g_array_index (tops, double, w) < box.footer_top - 1.0)
          box.text_bottom = MAX (box.text_bottom, g_array_index (bottoms, double, w));
      g_array_append_val (boxes, box);
    }
  return boxes;
}

static void
test_long (Fixture      *fixture,
           gconstpointer data)
{
  g_auto(Pages) pages;
  g_autoptr(HearthPrintOperation) operation = NULL;
  g_autoptr(GArray) boxes = NULL;
  const guint n_entries = 12, n_lines = 40;

  for (guint e = 0; e < n_entries; e++)
    {
      g_autofree char *when = g_strdup_printf ("2026-05-%02uT21:%02u:00", 1 + e / 2, 10 + e);
      g_autofree char *title = g_strdup_printf ("Evening %02u", e);
      g_autofree char *body = long_body (e, n_lines);
      g_free (add_entry (fixture, when, e % 2 ? fixture->sam : fixture->alex, title, body, "hopeful", NULL));
    }
  hearth_test_set_clock ();

  operation = export_pdf (fixture, "long", NULL, NULL, &pages);
  g_assert_cmpuint (pages.n_pages, >, 1);
  for (guint p = 1; p <= pages.n_pages; p++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", p, pages.n_pages);
      assert_shows (&pages, footer);
    }
  /* A page that goes on with a day says which in its footer. */
  {
    g_auto(GStrv) split = g_strsplit (pages.text, "\f", -1);

    g_assert_null (strstr (split[1], "Friday, 1 May 2026\n\n●"));
    g_assert_nonnull (strstr (split[1], "Our journal · Friday, 1 May 2026"));
  }
  /* Every line once, in order, across the page breaks. */
  {
    const char *last = pages.text;

    for (guint e = 0; e < n_entries; e++)
      for (guint i = 0; i < n_lines; i++)
        {
          g_autofree char *mark = g_strdup_printf ("line-%02u-%03u ", e, i);
          const char      *at = strstr (pages.text, mark);

          if (at == NULL)
            g_error ("%s is missing from the printed pages", mark);
          g_assert_null (strstr (at + 1, mark));
          g_assert_true (at > last);
          last = at;
        }
  }
  /* No line runs into the footer or off the paper. */
  boxes = page_boxes (fixture, "long");
  g_assert_cmpuint (boxes->len, ==, pages.n_pages);
  for (guint p = 0; p < boxes->len; p++)
    {
      PageBox *box = &g_array_index (boxes, PageBox, p);

      g_assert_cmpfloat (box->footer_top, <, box->height);
      g_assert_cmpfloat (box->text_bottom, >, 0);
      g_assert_cmpfloat (box->text_bottom, <, box->footer_top);
    }
}

static void
test_hostile (Fixture      *fixture,
              gconstpointer data)
{
  g_auto(Pages) pages;
  g_autoptr(HearthPrintOperation) operation = NULL;
  g_autoptr(HearthRecord) sam = hearth_record_copy (hearth_journal_get_partner (fixture->journal, fixture->sam));
  g_autoptr(HearthRecord) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* What a damaged or hostile folder could hold: markup in the text, a
   * control character, a colour that is not one, replies in a circle. */
  hearth_record_set_string (sam, "color", "red\"><b>");
  hearth_journal_save (fixture->journal, sam, &error);
  g_assert_no_error (error);
  a = add_entry (fixture, "2026-03-03T09:30:00", fixture->alex, "<b>Bold</b> & brave",
                 "Tom & Jerry <span foreground='red'>not markup</span>\x01 after a bell.", NULL, NULL);
  b = add_entry (fixture, "2026-03-04T09:30:00", fixture->sam, "Round", "I answer Alex.", NULL, "nobody");
  first = hearth_record_copy (hearth_journal_lookup (fixture->journal, a));
  hearth_record_set_string (first, "reply_to", b);
  hearth_journal_save (fixture->journal, first, &error);
  g_assert_no_error (error);
  {
    g_autoptr(HearthRecord) second = hearth_record_copy (hearth_journal_lookup (fixture->journal, b));
    hearth_record_set_string (second, "reply_to", a);
    hearth_journal_save (fixture->journal, second, &error);
    g_assert_no_error (error);
  }
  hearth_test_set_clock ();

  operation = export_pdf (fixture, "hostile", NULL, NULL, &pages);
  assert_shows (&pages, "<b>Bold</b> & brave");
  assert_shows (&pages, "Tom & Jerry <span foreground='red'>not markup</span>");
  assert_shows (&pages, "after a bell.");
  /* The title covers the reply's day too, though it prints under the 3rd. */
  assert_shows (&pages, "3 March 2026 – 4 March 2026");
  /* Both entries of the circle print, each once. */
  assert_shows (&pages, "I answer Alex.");
  g_assert_null (strstr (strstr (pages.text, "I answer Alex.") + 1, "I answer Alex."));
  assert_shows (&pages, "● Sam");
}

/* ------------------------------------------------------------------------ */
/* The Journal tab                                                           */

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *widget = hearth_test_find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

/* Every control a person can reach has a name for screen readers. */
static void
assert_named_controls (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_CHECK_BUTTON (child) || GTK_IS_SWITCH (child) || GTK_IS_MENU_BUTTON (child) ||
          GTK_IS_BUTTON (child))
        {
          GtkAccessible *accessible = GTK_ACCESSIBLE (child);

          if (!gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) &&
              !gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY) &&
              !(GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL))
            g_error ("A %s (%s) in the Journal tab has no accessible name", G_OBJECT_TYPE_NAME (child), gtk_widget_get_name (child));
        }
      assert_named_controls (child);
    }
}

static const char *
summary_text (GtkWidget *tab)
{
  return gtk_label_get_text (GTK_LABEL (named (tab, "summary")));
}

static void
test_tab (Fixture      *fixture,
          gconstpointer data)
{
  g_autoptr(HearthPrintOperation) operation = NULL;
  HearthPrint *print;
  GtkWidget   *tab = NULL;
  AdwComboRow *partner_row;

  add_known_days (fixture);
  operation = hearth_print_operation_new (fixture->journal, GTK_WINDOW (fixture->window));
  print = hearth_print_operation_get_print (operation);
  /* What the print dialog asks the operation for. */
  g_signal_emit_by_name (operation, "create-custom-widget", &tab);
  g_assert_true (HEARTH_IS_PRINT_OPTIONS (tab));
  gtk_window_set_child (GTK_WINDOW (fixture->window), tab);
  gtk_window_present (GTK_WINDOW (fixture->window));
  hearth_test_snap (fixture->window, "print-tab");
  assert_named_controls (tab);

  /* All of it, both of them, thanks and check-ins: what the tab starts with. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (tab, "all-dates"))));
  g_assert_false (gtk_widget_is_sensitive (named (tab, "from-picker")));
  g_assert_null (hearth_print_get_from (print));
  g_assert_cmpstr (summary_text (tab), ==, "4 entries · 2 notes of thanks · 1 check-in");

  /* Only these dates: the pickers start at the journal's first and last day. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (tab, "chosen-dates")), TRUE);
  g_assert_true (gtk_widget_is_sensitive (named (tab, "from-picker")));
  g_assert_cmpstr (hearth_print_get_from (print), ==, "2026-03-03");
  g_assert_cmpstr (hearth_print_get_to (print), ==, "2026-04-01");
  hearth_day_picker_set_date (HEARTH_DAY_PICKER (named (tab, "from-picker")), "2026-03-04");
  hearth_day_picker_set_date (HEARTH_DAY_PICKER (named (tab, "to-picker")), "2026-03-09");
  g_assert_cmpstr (hearth_print_get_from (print), ==, "2026-03-04");
  g_assert_cmpstr (hearth_print_get_to (print), ==, "2026-03-09");
  g_assert_cmpstr (summary_text (tab), ==, "2 entries · 1 note of thanks");
  /* A start after the end takes the end along. */
  hearth_day_picker_set_date (HEARTH_DAY_PICKER (named (tab, "from-picker")), "2026-03-20");
  g_assert_cmpstr (hearth_print_get_to (print), ==, "2026-03-20");

  /* Back to all of it, then only Sam's pages, without thanks. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (tab, "all-dates")), TRUE);
  g_assert_null (hearth_print_get_from (print));
  g_assert_null (hearth_print_get_to (print));
  partner_row = ADW_COMBO_ROW (named (tab, "partner-row"));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (partner_row)), ==, 3);
  for (guint i = 0; i < 3; i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (partner_row)), i), "Sam"))
      adw_combo_row_set_selected (partner_row, i);
  g_assert_cmpstr (hearth_print_get_partner (print), ==, fixture->sam);
  gtk_switch_set_active (GTK_SWITCH (named (tab, "gratitude-switch")), FALSE);
  g_assert_false (hearth_print_get_include_gratitude (print));
  g_assert_cmpstr (summary_text (tab), ==, "2 entries");
  gtk_switch_set_active (GTK_SWITCH (named (tab, "checkins-switch")), FALSE);
  g_assert_false (hearth_print_get_include_checkins (print));

  /* Nothing left: the tab says so before anyone presses Print. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (tab, "chosen-dates")), TRUE);
  hearth_day_picker_set_date (HEARTH_DAY_PICKER (named (tab, "from-picker")), "2026-03-03");
  hearth_day_picker_set_date (HEARTH_DAY_PICKER (named (tab, "to-picker")), "2026-03-03");
  g_assert_true (hearth_print_is_empty (print));
  g_assert_nonnull (strstr (summary_text (tab), "nothing to print"));
  hearth_test_snap (fixture->window, "print-tab-nothing");
}

/* ------------------------------------------------------------------------ */
/* The window                                                                */

static gboolean
is_main (gpointer data)
{
  return g_strcmp0 (hearth_window_get_state (data), "main") == 0;
}

static GtkWindow *
find_print_dialog (void)
{
  GList     *toplevels = gtk_window_list_toplevels ();
  GType      type = g_type_from_name ("GtkPrintUnixDialog");
  GtkWindow *found = NULL;

  /* By type name: the dialog's own header needs gtk4-unix-print. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
print_dialog_shown (gpointer data)
{
  return find_print_dialog () != NULL;
}

/* Ctrl+P on the window runs win.print. */
static gboolean
has_print_shortcut (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) ctrl_p = gtk_keyval_trigger_new (GDK_KEY_p, GDK_CONTROL_MASK);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), ctrl_p) &&
              GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.print") == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
menu_has_print (GMenuModel *menu)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_print (section))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_str_equal (action, "win.print") &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        return g_str_equal (label, "_Print…");
    }
  return FALSE;
}

static void
test_window_action (Fixture      *fixture,
                    gconstpointer data)
{
  HearthWindow  *window = g_object_new (HEARTH_TYPE_WINDOW, NULL);
  GtkMenuButton *menu_button;
  GtkWindow     *dialog;
  GtkWidget     *tab;

  add_known_days (fixture);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));

  /* Before a journal is open, Ctrl+P does nothing. */
  g_assert_true (has_print_shortcut (GTK_WIDGET (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL);
  hearth_test_wait (200);
  g_assert_null (find_print_dialog ());

  hearth_window_set_journal (window, fixture->journal);
  g_assert_true (hearth_test_wait_until (is_main, window, 10000));
  /* The main menu offers it. */
  menu_button = GTK_MENU_BUTTON (hearth_test_find_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_print (gtk_menu_button_get_menu_model (menu_button)));

  /* With the journal shown, it opens the print dialog with the Journal tab. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  g_assert_true (hearth_test_wait_until (print_dialog_shown, NULL, 10000));
  dialog = find_print_dialog ();
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  tab = hearth_test_find_type (GTK_WIDGET (dialog), HEARTH_TYPE_PRINT_OPTIONS);
  g_assert_nonnull (tab);
  g_assert_cmpstr (summary_text (tab), ==, "4 entries · 2 notes of thanks · 1 check-in");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  hearth_test_wait (200);
  g_assert_null (find_print_dialog ());

  gtk_window_destroy (GTK_WINDOW (window));
  hearth_test_wait (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_home = g_dir_make_tmp ("hearth-print-state-XXXXXX", NULL);
  g_autofree char *data_home = g_dir_make_tmp ("hearth-print-data-XXXXXX", NULL);
  int              result;

  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* The test accessibility backend keeps what screen readers would be
   * told, so the tab's controls can be checked for names. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();

  g_test_add ("/print/layout", Fixture, NULL, fixture_set_up, test_layout, fixture_tear_down);
  g_test_add ("/print/range", Fixture, NULL, fixture_set_up, test_range, fixture_tear_down);
  g_test_add ("/print/partner", Fixture, NULL, fixture_set_up, test_partner, fixture_tear_down);
  g_test_add ("/print/toggles", Fixture, NULL, fixture_set_up, test_toggles, fixture_tear_down);
  g_test_add ("/print/nothing", Fixture, NULL, fixture_set_up, test_nothing, fixture_tear_down);
  g_test_add ("/print/long", Fixture, NULL, fixture_set_up, test_long, fixture_tear_down);
  g_test_add ("/print/hostile", Fixture, NULL, fixture_set_up, test_hostile, fixture_tear_down);
  g_test_add ("/print/tab", Fixture, NULL, fixture_set_up, test_tab, fixture_tear_down);
  g_test_add ("/print/window-action", Fixture, NULL, fixture_set_up, test_window_action, fixture_tear_down);

  result = g_test_run ();
  hearth_test_remove_tree (state_home);
  hearth_test_remove_tree (data_home);
  return result;
}
