/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "hearth-checkin.h"
#include "hearth-gratitude.h"
#include "hearth-occurrence.h"
#include "hearth-partner.h"
#include "hearth-recurrence.h"
#include "hearth-ritual.h"
#include "hearth-stats.h"

#include "hearth-cli-private.h"

/* ------------------------------------------------------------------------ */
/* Rituals: their schedule and statistics                                    */

static const char *const state_names[] = {
  [HEARTH_OCCURRENCE_UPCOMING] = "upcoming",
  [HEARTH_OCCURRENCE_DONE] = "done",
  [HEARTH_OCCURRENCE_SKIPPED] = "skipped",
  [HEARTH_OCCURRENCE_MISSED] = "missed",
};

/* The same states in words, for the plain-text list (JSON keeps the names). */
static const char *const state_labels[] = {
  [HEARTH_OCCURRENCE_UPCOMING] = NC_ ("ritual day", "upcoming"),
  [HEARTH_OCCURRENCE_DONE] = NC_ ("ritual day", "done"),
  [HEARTH_OCCURRENCE_SKIPPED] = NC_ ("ritual day", "skipped"),
  [HEARTH_OCCURRENCE_MISSED] = NC_ ("ritual day", "missed")
};

/* The local date today: streaks and states are the couple's calendar dates. */
/* The ritual's repeat rule and start date, or an error that names it. */
static HearthRecurrence *
ritual_rule (HearthRecord *ritual,
             GDate        *start,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  HearthRecurrence *rule;
  const char       *title = hearth_ritual_get_title (HEARTH_RITUAL (ritual));

  g_date_clear (start, 1);
  if (!hearth_date_parse (hearth_ritual_get_start (HEARTH_RITUAL (ritual)), start))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_INVALID,
                   _ ("The ritual “%s” has no valid start date."), title ? title : "");
      return NULL;
    }
  rule = hearth_recurrence_parse (hearth_ritual_get_recurrence (HEARTH_RITUAL (ritual)), &local_error);
  if (rule == NULL)
    g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_INVALID,
                 _ ("The ritual “%s” has a repeat rule that cannot be read: %s"),
                 title ? title : "", local_error->message);
  return rule;
}

static void
print_json_node (JsonNode *root)
{
  g_autofree char *text = hearth_json_to_string (root, TRUE, NULL);
  g_print ("%s\n", text);
}

static const OptionSpec occurrences_specs[] = {
  { "from", TRUE, FALSE },
  { "to", TRUE, FALSE },
  { "json", FALSE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};

int
cmd_occurrences (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthRecurrence) rule = NULL;
  g_autoptr(GHashTable) marks = NULL;
  g_autoptr(GArray) scheduled = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  GDate           from, to, start, today;
  const char     *ritual_id;
  HearthRecord   *ritual;
  HearthLoadScope scope;
  gboolean        json;
  int             status = 0;

  if (!parse_args (argc, argv, occurrences_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  json = has_opt (&a, "json");
  if (a.positional->len != 1)
    return usage_error (_ ("occurrences needs one ritual id."));
  if (!opt (&a, "from") || !opt (&a, "to"))
    return usage_error (_ ("occurrences needs --from and --to."));
  if (!valid_date (opt (&a, "from")) || !valid_date (opt (&a, "to")))
    return usage_error (_ ("--from and --to must be dates like 2026-11-23."));
  hearth_date_parse (opt (&a, "from"), &from);
  hearth_date_parse (opt (&a, "to"), &to);
  if (g_date_compare (&from, &to) > 0)
    return usage_error (_ ("--from must not come after --to."));
  ritual_id = g_ptr_array_index (a.positional, 0);

  /* An occurrence is in the file of its date's year. */
  scope = load_scope (HEARTH_LOAD_RITUALS, g_date_get_year (&from), g_date_get_year (&to));
  journal = open_journal_scope (g->journal_path, g->passphrase_stdin, TRUE, FALSE, &scope, &error);
  if (journal == NULL)
    return fail (error);
  ritual = lookup_ritual (journal, ritual_id);
  if (ritual == NULL)
    return EXIT_PROBLEM;
  rule = ritual_rule (ritual, &start, &error);
  if (rule == NULL)
    return fail (error);

  marks = hearth_journal_collect_marks (journal);
  hearth_date_get_today (&today);
  tz = g_time_zone_new_local ();
  scheduled = hearth_stats_schedule (rule, &start, &from, &to, g_hash_table_lookup (marks, ritual_id), &today);

  for (guint i = 0; i < scheduled->len; i++)
    {
      const HearthScheduled *item = &g_array_index (scheduled, HearthScheduled, i);
      g_autofree char       *day = hearth_date_to_string (&item->date);
      g_autofree char       *id = g_strdup_printf ("%s/%s", ritual_id, day);
      g_autoptr(GDateTime) begins = NULL;
      g_autofree char *begins_text = NULL;
      HearthRecord    *occurrence = hearth_journal_lookup (journal, id);
      const char      *note = HEARTH_IS_OCCURRENCE (occurrence) ? hearth_occurrence_get_note (HEARTH_OCCURRENCE (occurrence)) : NULL;

      begins = hearth_recurrence_start_time (&item->date, hearth_ritual_get_time (HEARTH_RITUAL (ritual)), tz, &error);
      if (begins == NULL)
        return fail (error);
      begins_text = g_date_time_format (begins, "%Y-%m-%dT%H:%M:%S%:z");

      if (json)
        {
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "date", day);
          json_object_set_string_member (object, "start", begins_text);
          json_object_set_string_member (object, "status", state_names[item->state]);
          if (note != NULL)
            json_object_set_string_member (object, "note", note);
          json_array_add_object_element (array, object);
        }
      else
        {
          g_print ("%s  %s  %s", day, begins_text, g_dpgettext2 (NULL, "ritual day", state_labels[item->state]));
          if (note != NULL && *note != '\0')
            g_print (" — %s", note);
          g_print ("\n");
        }
    }

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (root, array);
      print_json_node (root);
    }
  else if (scheduled->len == 0)
    g_print ("%s\n", _ ("The ritual does not come round between those dates."));
  return 0;
}

/* The journal's partners in the order they were created, as (id, name). */
static GPtrArray *
partner_list (HearthJournal *journal)
{
  GListModel *model = hearth_journal_get_model (journal, HEARTH_KIND_PARTNER);
  GPtrArray  *partners = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (partners, g_list_model_get_item (model, i));
  return partners;
}

#define STATS_WEEKS 12

static void
stats_rituals (HearthJournal *journal,
               const GDate   *today,
               gboolean       json,
               JsonArray     *out)
{
  GListModel *rituals = hearth_journal_get_model (journal, HEARTH_KIND_RITUAL);
  g_autoptr(GHashTable) marks = hearth_journal_collect_marks (journal);

  if (!json)
    g_print ("%s\n", _ ("Rituals"));
  if (!json && g_list_model_get_n_items (rituals) == 0)
    g_print ("  %s\n", _ ("No rituals yet."));

  for (guint i = 0; i < g_list_model_get_n_items (rituals); i++)
    {
      g_autoptr(HearthRecord) ritual = g_list_model_get_item (rituals, i);
      g_autoptr(HearthRecurrence) rule = NULL;
      g_autoptr(GError) error = NULL;
      const char       *id = hearth_record_get_id (ritual);
      const char       *title = hearth_ritual_get_title (HEARTH_RITUAL (ritual));
      HearthRitualStats stats = { 0 };
      GDate             start;
      double            percent;

      rule = ritual_rule (ritual, &start, &error);
      if (rule == NULL)
        {
          g_printerr ("hearth-cli: %s %s\n", _ ("warning:"), error->message);
          continue;
        }
      hearth_stats_ritual (rule, &start, g_hash_table_lookup (marks, id), today, &stats, NULL);
      /* One decimal, as people read it. */
      percent = floor (stats.score * 1000 + 0.5) / 10;

      if (json)
        {
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "id", id);
          json_object_set_string_member (object, "title", title ? title : "");
          json_object_set_int_member (object, "current_streak", stats.current_streak);
          json_object_set_int_member (object, "best_streak", stats.best_streak);
          json_object_set_double_member (object, "score", percent);
          json_object_set_int_member (object, "done", stats.done);
          json_object_set_int_member (object, "skipped", stats.skipped);
          json_object_set_int_member (object, "missed", stats.missed);
          if (hearth_ritual_get_archived (HEARTH_RITUAL (ritual)))
            json_object_set_boolean_member (object, "archived", TRUE);
          json_array_add_object_element (out, object);
        }
      else
        {
          g_print ("  %s  %s%s\n", id, title ? title : "",
                   hearth_ritual_get_archived (HEARTH_RITUAL (ritual)) ? _ ("  (archived)") : "");
          /* TRANSLATORS: streaks, the consistency score in percent and counts of one ritual */
          g_print (_ ("    current streak %u, best streak %u, consistency %.1f %% (%u done, %u skipped, %u missed)\n"),
                   stats.current_streak, stats.best_streak, percent, stats.done, stats.skipped, stats.missed);
        }
    }
}

static void
stats_gratitude (HearthJournal *journal,
                 GPtrArray     *partners,
                 const GDate   *from,
                 const GDate   *today,
                 gboolean       json,
                 JsonArray     *out)
{
  GListModel *notes = hearth_journal_get_model (journal, HEARTH_KIND_GRATITUDE);
  g_autoptr(GPtrArray) directions = g_ptr_array_new_with_free_func (g_free); /* "from-id\nto-id" */
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) weeks_template = NULL;

  /* Each way between the two partners, in the partners' order. */
  for (guint i = 0; i < partners->len; i++)
    for (guint j = 0; j < partners->len; j++)
      if (i != j)
        g_ptr_array_add (directions,
                         g_strdup_printf ("%s\n%s", hearth_record_get_id (g_ptr_array_index (partners, i)),
                                          hearth_record_get_id (g_ptr_array_index (partners, j))));

  for (guint d = 0; d < directions->len; d++)
    {
      g_auto(GStrv) ends = g_strsplit (g_ptr_array_index (directions, d), "\n", 2);
      g_autoptr(GArray) dates = g_array_new (FALSE, TRUE, sizeof (GDate));

      for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
        {
          g_autoptr(HearthGratitude) note = g_list_model_get_item (notes, i);
          GDate date;

          if (g_strcmp0 (hearth_gratitude_get_from (note), ends[0]) != 0 ||
              g_strcmp0 (hearth_gratitude_get_to (note), ends[1]) != 0 ||
              !hearth_date_parse (hearth_gratitude_get_date (note), &date))
            continue;
          g_array_append_val (dates, date);
        }
      g_ptr_array_add (counts, hearth_stats_weekly_counts ((const GDate *) (gpointer) dates->data, dates->len,
                                                           from, today));
    }

  if (!json)
    g_print ("\n%s\n", _ ("Gratitude per week"));
  weeks_template = hearth_stats_weekly_counts (NULL, 0, from, today);
  for (guint w = 0; w < weeks_template->len; w++)
    {
      g_autofree char *week = hearth_date_to_string (&g_array_index (weeks_template, HearthWeekCount, w).week);
      JsonObject      *object = NULL, *by_direction = NULL;

      if (json)
        {
          object = json_object_new ();
          by_direction = json_object_new ();
          json_object_set_string_member (object, "week", week);
        }
      else
        g_print ("  %s", week);

      for (guint d = 0; d < directions->len; d++)
        {
          g_auto(GStrv) ends = g_strsplit (g_ptr_array_index (directions, d), "\n", 2);
          g_autofree char *key = g_strdup_printf ("%s→%s", partner_name (journal, ends[0]),
                                                  partner_name (journal, ends[1]));
          guint            n = g_array_index ((GArray *) g_ptr_array_index (counts, d), HearthWeekCount, w).count;

          if (json)
            json_object_set_int_member (by_direction, key, n);
          else
            g_print ("  %s → %s %u", partner_name (journal, ends[0]), partner_name (journal, ends[1]), n);
        }

      if (json)
        {
          json_object_set_object_member (object, "counts", by_direction);
          json_array_add_object_element (out, object);
        }
      else
        g_print ("\n");
    }
}

static void
stats_ratings (HearthJournal *journal,
               GPtrArray     *partners,
               const GDate   *from,
               const GDate   *today,
               gboolean       json,
               JsonArray     *out)
{
  GListModel *checkins = hearth_journal_get_model (journal, HEARTH_KIND_CHECKIN);
  g_autoptr(GArray) ratings = g_array_new (FALSE, TRUE, sizeof (HearthRating));
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) weeks_template = hearth_stats_weekly_counts (NULL, 0, from, today);

  for (guint i = 0; i < g_list_model_get_n_items (checkins); i++)
    {
      HearthCheckin *checkin = g_list_model_get_item (checkins, i);

      /* The ratings point at the record's strings: keep it. */
      g_ptr_array_add (keep, checkin);
      hearth_checkin_append_ratings (checkin, ratings);
    }

  /* One series per (partner, dimension), partners in order. */
  for (guint p = 0; p < partners->len; p++)
    for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
      g_ptr_array_add (series,
                       hearth_stats_weekly_ratings ((const HearthRating *) (gpointer) ratings->data, ratings->len,
                                                    hearth_record_get_id (g_ptr_array_index (partners, p)),
                                                    hearth_checkin_dimension_id (d), from, today));

  if (!json)
    g_print ("\n%s\n", _ ("Check-in ratings per week"));
  for (guint w = 0; w < weeks_template->len; w++)
    {
      g_autofree char *week = hearth_date_to_string (&g_array_index (weeks_template, HearthWeekCount, w).week);
      JsonObject      *object = NULL, *by_partner = NULL;
      gboolean         any = FALSE;

      if (json)
        {
          object = json_object_new ();
          by_partner = json_object_new ();
          json_object_set_string_member (object, "week", week);
        }
      else
        g_print ("  %s", week);

      for (guint p = 0; p < partners->len; p++)
        {
          const char *name = hearth_partner_get_name (g_ptr_array_index (partners, p));
          JsonObject *dims = NULL;
          gboolean    partner_any = FALSE;

          for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
            {
              GArray                  *weeks = g_ptr_array_index (series, p * HEARTH_CHECKIN_N_DIMENSIONS + d);
              const HearthWeekAverage *avg = &g_array_index (weeks, HearthWeekAverage, w);

              if (avg->n == 0)
                continue;
              if (json)
                {
                  if (dims == NULL)
                    dims = json_object_new ();
                  json_object_set_double_member (dims, hearth_checkin_dimension_id (d), floor (avg->average * 100 + 0.5) / 100);
                }
              else
                g_print ("%s%s %s %.1f", partner_any ? "," : "  ", partner_any ? "" : name,
                         hearth_checkin_dimension_id (d), avg->average);
              partner_any = any = TRUE;
            }
          if (dims != NULL)
            json_object_set_object_member (by_partner, name ? name : "?", dims);
        }

      if (json)
        {
          json_object_set_object_member (object, "ratings", by_partner);
          json_array_add_object_element (out, object);
        }
      else
        g_print ("%s\n", any ? "" : "  —");
    }
}

int
cmd_stats (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(JsonArray) rituals = json_array_new ();
  g_autoptr(JsonArray) gratitude = json_array_new ();
  g_autoptr(JsonArray) ratings = json_array_new ();
  GDate           today, from;
  HearthLoadScope scope = load_scope (HEARTH_LOAD_RITUALS | HEARTH_LOAD_GRATITUDE | HEARTH_LOAD_CHECKINS, 0, 0);
  gboolean        json;
  int             status = 0;

  if (!parse_args (argc, argv, list_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len > 0)
    return usage_error (_ ("stats takes no arguments."));
  json = has_opt (&a, "json");

  journal = open_journal_scope (g->journal_path, g->passphrase_stdin, TRUE, FALSE, &scope, &error);
  if (journal == NULL)
    return fail (error);
  partners = partner_list (journal);
  hearth_date_get_today (&today);
  /* The last twelve weeks, this one included. */
  from = today;
  g_date_subtract_days (&from, 7 * (STATS_WEEKS - 1));

  stats_rituals (journal, &today, json, rituals);
  stats_gratitude (journal, partners, &from, &today, json, gratitude);
  stats_ratings (journal, partners, &from, &today, json, ratings);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_array_member (object, "rituals", json_array_ref (rituals));
      json_object_set_array_member (object, "gratitude_weeks", json_array_ref (gratitude));
      json_object_set_array_member (object, "ratings_weeks", json_array_ref (ratings));
      json_node_take_object (root, object);
      print_json_node (root);
    }
  return 0;
}
