/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hearth-checkin.h"
#include "hearth-error.h"
#include "hearth-journal.h"
#include "hearth-json.h"
#include "hearth-shard.h"
#include "hearth-test-clock.h"

/* A check-in's answers and ratings, read from files as Hearth writes them,
 * changed and written back through a real journal folder. */

#define SAM_DEVICE "b81c4d2e-6f3a-4b9d-8e1c-7a2f5d9c3e14"

typedef struct
{
  char          *base;
  char          *path;
  HearthJournal *journal;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  const char *names[2] = { "Alex", "Sam" };
  g_autoptr(GError) error = NULL;

  f->base = g_dir_make_tmp ("hearth-checkin-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->base, "journal", NULL);
  f->journal = hearth_journal_create (f->path, "Ours", names, NULL, 0, NULL, HEARTH_KDF_MIN, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (G_OBJECT (f->journal)->ref_count > 1 && g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_finalize_object (f->journal);
  remove_tree (f->base);
  g_free (f->base);
  g_free (f->path);
}

static HearthJournal *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = hearth_journal_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_true (hearth_journal_load (journal, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&journal);
}

static char *
sam_file_path (Fixture *f)
{
  return g_build_filename (f->path, "devices", SAM_DEVICE, "checkins-2026.json", NULL);
}

/* Sam's device's check-in file holding one record with @members after
 * the members every record has. */
static char *
write_sam_checkin (Fixture    *f,
                   const char *members)
{
  g_autofree char *folder = g_build_filename (f->path, "devices", SAM_DEVICE, NULL);
  g_autofree char *path = sam_file_path (f);
  g_autofree char *id = g_strdup_printf ("2026-11-29/%s", hearth_journal_get_partner_id (f->journal));
  g_autofree char *doc =
    g_strdup_printf ("{\"hearth\":1,\"type\":\"checkins\",\"records\":[{\"id\":\"%s\",\"kind\":\"checkin\","
                     "\"created\":\"2026-11-29T20:00:00+01:00\",\"updated\":\"2026-11-29T19:25:00.000Z\","
                     "\"device\":\"" SAM_DEVICE "\",\"date\":\"2026-11-29\",\"partner\":\"%s\",%s}]}",
                     id, hearth_journal_get_partner_id (f->journal), members);

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (path, doc, -1, NULL));
  return g_steal_pointer (&id);
}

/* As docs/format.md shows it, with what a later version might add: a
 * member inside an answer and a dimension this version does not know. */
static const char sam_members[] =
  "\"answers\":[{\"question\":\"What made you feel loved this week?\",\"text\":\"The soup.\",\"mood\":\"warm\"},"
  "{\"question\":\"What could we do differently next week?\",\"text\":null}],"
  "\"ratings\":{\"heard\":4,\"supported\":5,\"close\":4,\"safe\":5,\"team\":4,\"fun\":3},"
  "\"duration\":25";

static char *
member_text (HearthRecord *record,
             const char   *member)
{
  g_autoptr(JsonNode) node = hearth_record_dup_member (record, member);

  return node ? hearth_json_to_string (node, FALSE, NULL) : NULL;
}

static void
test_dimensions (void)
{
  const char *ids[] = { "heard", "supported", "close", "safe", "team" };

  g_assert_cmpuint (HEARTH_CHECKIN_N_DIMENSIONS, ==, G_N_ELEMENTS (ids));
  for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
    {
      g_assert_cmpstr (hearth_checkin_dimension_id (d), ==, ids[d]);
      g_assert_nonnull (hearth_checkin_dimension_label (d));
      g_assert_nonnull (hearth_checkin_dimension_short_label (d));
    }
  g_assert_cmpstr (hearth_checkin_dimension_label (0), ==, "Felt heard");
  g_assert_cmpstr (hearth_checkin_dimension_short_label (4), ==, "Team");
}

static void
test_read_file (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *id = write_sam_checkin (f, sam_members);
  g_autoptr(HearthJournal) again = reopen (f);
  HearthRecord  *record = hearth_journal_lookup (again, id);
  HearthCheckin *checkin;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GArray) ratings = g_array_new (FALSE, FALSE, sizeof (HearthRating));
  const HearthCheckinAnswer *answer;
  int                        values[HEARTH_CHECKIN_N_DIMENSIONS];

  g_assert_true (HEARTH_IS_CHECKIN (record));
  checkin = HEARTH_CHECKIN (record);
  g_assert_cmpstr (hearth_checkin_get_date (checkin), ==, "2026-11-29");
  g_assert_cmpstr (hearth_checkin_get_partner (checkin), ==, hearth_journal_get_partner_id (again));
  g_assert_cmpint (hearth_checkin_get_duration (checkin), ==, 25);

  answers = hearth_checkin_dup_answers (checkin);
  g_assert_nonnull (answers);
  g_assert_cmpuint (answers->len, ==, 2);
  answer = g_ptr_array_index (answers, 0);
  g_assert_cmpstr (answer->question, ==, "What made you feel loved this week?");
  g_assert_cmpstr (answer->text, ==, "The soup.");
  answer = g_ptr_array_index (answers, 1);
  g_assert_cmpstr (answer->question, ==, "What could we do differently next week?");
  g_assert_null (answer->text);

  hearth_checkin_get_ratings (checkin, values);
  for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
    g_assert_cmpint (hearth_checkin_get_rating (checkin, d), ==, values[d]);
  g_assert_cmpint (values[0], ==, 4);
  g_assert_cmpint (values[1], ==, 5);
  g_assert_cmpint (values[2], ==, 4);
  g_assert_cmpint (values[3], ==, 5);
  g_assert_cmpint (values[4], ==, 4);

  hearth_checkin_append_ratings (checkin, ratings);
  g_assert_cmpuint (ratings->len, ==, HEARTH_CHECKIN_N_DIMENSIONS);
  for (guint d = 0; d < ratings->len; d++)
    {
      const HearthRating *rating = &g_array_index (ratings, HearthRating, d);

      g_assert_cmpstr (rating->dimension, ==, hearth_checkin_dimension_id (d));
      g_assert_cmpstr (rating->partner, ==, hearth_journal_get_partner_id (again));
      g_assert_cmpint (rating->value, ==, values[d]);
      g_assert_cmpuint (g_date_get_day (&rating->date), ==, 29);
    }
}

static void
test_none_yet (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *id = write_sam_checkin (f, "\"duration\":null");
  g_autoptr(HearthJournal) again = reopen (f);
  HearthCheckin *checkin = HEARTH_CHECKIN (hearth_journal_lookup (again, id));
  g_autoptr(GArray) ratings = g_array_new (FALSE, FALSE, sizeof (HearthRating));

  g_assert_null (hearth_checkin_dup_answers (checkin));
  for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
    g_assert_cmpint (hearth_checkin_get_rating (checkin, d), ==, -1);
  g_assert_cmpint (hearth_checkin_get_duration (checkin), ==, -1);
  hearth_checkin_append_ratings (checkin, ratings);
  g_assert_cmpuint (ratings->len, ==, 0);
}

/* What the check-in flow does at the end: this sitting's answers after the
 * earlier ones, its ratings over theirs, and back from the folder. */
static void
test_set_and_round_trip (Fixture      *f,
                         gconstpointer data)
{
  g_autofree char *id = write_sam_checkin (f, sam_members);
  g_autoptr(HearthJournal) again = reopen (f);
  g_autoptr(HearthRecord) copy = hearth_record_copy (hearth_journal_lookup (again, id));
  HearthCheckin *checkin = HEARTH_CHECKIN (copy);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_checkin_answer_free);
  int given[HEARTH_CHECKIN_N_DIMENSIONS] = { 2, 0, -1, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) third = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autofree char *ratings_text = NULL;
  g_autofree char *answers_text = NULL;
  HearthCheckin   *back;

  g_ptr_array_add (added, hearth_checkin_answer_new ("Is there something you need more of from me?", "Walks."));
  hearth_checkin_add_answers (checkin, added);
  hearth_checkin_update_ratings (checkin, given);
  g_assert_true (hearth_checkin_set_rating (checkin, 3, 1));
  g_assert_true (hearth_checkin_set_rating (checkin, 4, -1));
  hearth_checkin_set_duration (checkin, hearth_checkin_get_duration (checkin) + 12);
  g_assert_true (hearth_journal_save (again, copy, &error));
  g_assert_no_error (error);

  third = reopen (f);
  back = HEARTH_CHECKIN (hearth_journal_lookup (third, id));
  answers = hearth_checkin_dup_answers (back);
  g_assert_cmpuint (answers->len, ==, 3);
  g_assert_cmpstr (((HearthCheckinAnswer *) g_ptr_array_index (answers, 2))->question, ==,
                   "Is there something you need more of from me?");
  g_assert_cmpstr (((HearthCheckinAnswer *) g_ptr_array_index (answers, 2))->text, ==, "Walks.");
  g_assert_cmpint (hearth_checkin_get_rating (back, 0), ==, 2);
  g_assert_cmpint (hearth_checkin_get_rating (back, 1), ==, 5);
  g_assert_cmpint (hearth_checkin_get_rating (back, 2), ==, 4);
  g_assert_cmpint (hearth_checkin_get_rating (back, 3), ==, 1);
  g_assert_cmpint (hearth_checkin_get_rating (back, 4), ==, -1);
  g_assert_cmpint (hearth_checkin_get_duration (back), ==, 37);

  /* What this version does not know stays as it was written. */
  ratings_text = member_text (HEARTH_RECORD (back), "ratings");
  g_assert_cmpstr (ratings_text, ==, "{\"heard\":2,\"supported\":5,\"close\":4,\"safe\":1,\"fun\":3}");
  answers_text = member_text (HEARTH_RECORD (back), "answers");
  g_assert_nonnull (strstr (answers_text, "\"mood\":\"warm\""));
  g_assert_nonnull (strstr (answers_text, "\"text\":null"));
}

/* A check-in begun here: even with nothing said or rated, the record has
 * its (empty) answers and ratings, as the flow has always written them. */
static void
test_new_record (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *id = g_strdup_printf ("2026-12-02/%s", hearth_journal_get_me (f->journal));
  g_autoptr(HearthRecord) record = hearth_journal_new_record (f->journal, "checkin", id);
  HearthCheckin *checkin = HEARTH_CHECKIN (record);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  int              unrated[HEARTH_CHECKIN_N_DIMENSIONS] = { 0, 0, 0, 0, 0 };
  g_autofree char *answers = NULL;
  g_autofree char *ratings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) again = NULL;
  g_autoptr(GPtrArray) back_answers = NULL;
  HearthCheckin *back;

  hearth_checkin_set_date (checkin, "2026-12-02");
  hearth_checkin_set_partner (checkin, hearth_journal_get_me (f->journal));
  hearth_checkin_add_answers (checkin, none);
  hearth_checkin_update_ratings (checkin, unrated);
  hearth_checkin_set_duration (checkin, 1);
  answers = member_text (record, "answers");
  ratings = member_text (record, "ratings");
  g_assert_cmpstr (answers, ==, "[]");
  g_assert_cmpstr (ratings, ==, "{}");
  g_assert_true (hearth_journal_save (f->journal, record, &error));
  g_assert_no_error (error);

  again = reopen (f);
  back = HEARTH_CHECKIN (hearth_journal_lookup (again, id));
  back_answers = hearth_checkin_dup_answers (back);
  g_assert_nonnull (back_answers);
  g_assert_cmpuint (back_answers->len, ==, 0);
  g_assert_cmpstr (hearth_checkin_get_date (back), ==, "2026-12-02");
  g_assert_cmpint (hearth_checkin_get_duration (back), ==, 1);
}

/* A value outside 1…5 reads as no rating, as every page has shown it, and
 * cannot be set; the record stays as it was. */
static void
test_rating_out_of_range (Fixture      *f,
                          gconstpointer data)
{
  g_autofree char *id = write_sam_checkin (f, "\"ratings\":{\"heard\":0,\"supported\":6,\"close\":-3,\"safe\":5}");
  g_autoptr(HearthJournal) again = reopen (f);
  g_autoptr(HearthRecord) copy = hearth_record_copy (hearth_journal_lookup (again, id));
  HearthCheckin   *checkin = HEARTH_CHECKIN (copy);
  g_autofree char *before = member_text (copy, "ratings");
  g_autofree char *after = NULL;
  const int        refused[] = { 0, 6, -2, 100, G_MININT };

  g_assert_cmpint (hearth_checkin_get_rating (checkin, 0), ==, -1);
  g_assert_cmpint (hearth_checkin_get_rating (checkin, 1), ==, -1);
  g_assert_cmpint (hearth_checkin_get_rating (checkin, 2), ==, -1);
  g_assert_cmpint (hearth_checkin_get_rating (checkin, 3), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_false (hearth_checkin_set_rating (checkin, 3, refused[i]));
  after = member_text (copy, "ratings");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (hearth_checkin_get_rating (checkin, 3), ==, 5);
}

/* A rating that is not a whole number makes the file damaged: it is
 * reported, nothing of it is shown, and the file is left as it is. */
static void
test_rating_of_wrong_type (Fixture      *f,
                           gconstpointer data)
{
  const char *bad[] = {
    "\"ratings\":{\"heard\":\"4\"}",
    "\"ratings\":{\"heard\":4.5}",
    "\"ratings\":{\"heard\":true}",
    "\"ratings\":[4,5]",
    "\"answers\":[\"The soup.\"]",
    "\"answers\":[{\"question\":\"Q\",\"text\":7}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *id = write_sam_checkin (f, bad[i]);
      g_autofree char *path = sam_file_path (f);
      g_autofree char *written = NULL;
      g_autofree char *after = NULL;
      g_autoptr(HearthJournal) again = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      const GError *problem;

      g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
      again = reopen (f);
      g_assert_null (hearth_journal_lookup (again, id));
      problems = hearth_journal_get_problems (again);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = g_ptr_array_index (problems, 0);
      g_assert_error (problem, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
      g_assert_nonnull (strstr (problem->message, "checkins-2026.json"));
      g_assert_nonnull (strstr (problem->message, i < 4 ? "ratings from 1 to 5" : "a list"));
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, written);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();

  g_test_add_func ("/checkin/dimensions", test_dimensions);
  g_test_add ("/checkin/read-file", Fixture, NULL, fixture_set_up, test_read_file, fixture_tear_down);
  g_test_add ("/checkin/none-yet", Fixture, NULL, fixture_set_up, test_none_yet, fixture_tear_down);
  g_test_add ("/checkin/set-and-round-trip", Fixture, NULL, fixture_set_up, test_set_and_round_trip,
              fixture_tear_down);
  g_test_add ("/checkin/new-record", Fixture, NULL, fixture_set_up, test_new_record, fixture_tear_down);
  g_test_add ("/checkin/rating-out-of-range", Fixture, NULL, fixture_set_up, test_rating_out_of_range,
              fixture_tear_down);
  g_test_add ("/checkin/rating-of-wrong-type", Fixture, NULL, fixture_set_up, test_rating_of_wrong_type,
              fixture_tear_down);
  return g_test_run ();
}
