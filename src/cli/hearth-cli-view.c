/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "hearth-recurrence.h"
#include "hearth-scheduler.h"

#include "hearth-cli-private.h"

int
cmd_list (Global *g, int argc, char **argv)
{
  /* Each list reads shared.json (names, rituals) and the files of its kind. */
  static const struct
  {
    const char     *name;
    HearthKind      kind;
    HearthLoadFiles files;
  } lists[] = {
    { "entries", HEARTH_KIND_ENTRY, HEARTH_LOAD_ENTRIES },
    { "gratitude", HEARTH_KIND_GRATITUDE, HEARTH_LOAD_GRATITUDE },
    { "rituals", HEARTH_KIND_RITUAL, 0 },
    { "occurrences", HEARTH_KIND_OCCURRENCE, HEARTH_LOAD_RITUALS },
    { "partners", HEARTH_KIND_PARTNER, 0 },
    { "checkins", HEARTH_KIND_CHECKIN, HEARTH_LOAD_CHECKINS },
  };
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  const char *what;
  GListModel *model = NULL;
  int         status = 0;

  if (!parse_args (argc, argv, list_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len != 1)
    return usage_error (_ ("list what? entries, gratitude, rituals, occurrences or partners."));
  what = g_ptr_array_index (a.positional, 0);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (g_str_equal (what, lists[i].name))
      {
        HearthLoadScope scope = load_scope (lists[i].files, 0, 0);

        journal = open_journal_scope (g->journal_path, g->passphrase_stdin, TRUE, FALSE, &scope, &error);
        if (journal == NULL)
          return fail (error);
        model = hearth_journal_get_model (journal, lists[i].kind);
      }
  if (model == NULL)
    return usage_error (_ ("list what? entries, gratitude, rituals, occurrences or partners."));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (records, g_list_model_get_item (model, i));
  if (has_opt (&a, "json"))
    print_json_records (records);
  else if (records->len == 0)
    g_print ("%s\n", _ ("Nothing yet."));
  else
    for (guint i = 0; i < records->len; i++)
      print_record_line (journal, g_ptr_array_index (records, i));
  return 0;
}

int
cmd_search (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *query = NULL;
  /* Only what is found becomes a record object. */
  HearthLoadScope  scope = load_scope (HEARTH_LOAD_ENTRIES | HEARTH_LOAD_GRATITUDE | HEARTH_LOAD_TO_SEARCH, 0, 0);
  int              status = 0;

  if (!parse_args (argc, argv, list_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len == 0)
    return usage_error (_ ("search needs words to look for."));
  g_ptr_array_add (a.positional, NULL);
  query = g_strjoinv (" ", (char **) a.positional->pdata);
  if (*g_strstrip (query) == '\0')
    return usage_error (_ ("search needs words to look for."));

  journal = open_journal_scope (g->journal_path, g->passphrase_stdin, TRUE, FALSE, &scope, &error);
  if (journal == NULL)
    return fail (error);
  found = hearth_journal_search (journal, query);
  if (has_opt (&a, "json"))
    print_json_records (found);
  else if (found->len == 0)
    g_print ("%s\n", _ ("Nothing found."));
  else
    for (guint i = 0; i < found->len; i++)
      print_record_line (journal, g_ptr_array_index (found, i));
  return 0;
}

static const OptionSpec reminders_specs[] = {
  { "from", TRUE, FALSE },
  { "to", TRUE, FALSE },
  { "json", FALSE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};

/* YYYY-MM-DD (the start of that local day) or an ISO 8601 date-time, local
 * when it has no offset. */
static GDateTime *
parse_when (const char *text,
            GTimeZone  *tz)
{
  g_autoptr(GString) full = NULL;
  GDate date;

  if (strlen (text) == 10 && hearth_date_parse (text, &date))
    return hearth_recurrence_start_time (&date, NULL, tz, NULL);
  /* GLib wants seconds; people write 2026-03-29T07:30 or "2026-03-29 07:30". */
  full = g_string_new (text);
  if (full->len >= 16 && (full->str[10] == ' ' || full->str[10] == 't'))
    full->str[10] = 'T';
  if (full->len >= 16 && full->str[10] == 'T' && full->str[13] == ':' &&
      (full->len == 16 || full->str[16] != ':'))
    g_string_insert (full, 16, ":00");
  return g_date_time_new_from_iso8601 (full->str, tz);
}

int
cmd_reminders (Global *g, int argc, char **argv)
{
  /* Ten years of a daily ritual is still quick; a range of centuries is
   * more likely a typo. */
  const GTimeSpan max_span = (GTimeSpan) 3660 * G_TIME_SPAN_DAY;
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthScheduler) scheduler = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  int status = 0;

  if (!parse_args (argc, argv, reminders_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len > 0)
    return usage_error (_ ("reminders takes no argument “%s”."), (char *) g_ptr_array_index (a.positional, 0));
  if (opt (&a, "from") != NULL)
    {
      from = parse_when (opt (&a, "from"), tz);
      if (from == NULL)
        return usage_error (_ ("--from “%s” is not a date (YYYY-MM-DD) or an ISO 8601 date-time."), opt (&a, "from"));
    }
  else
    {
      g_autoptr(GDateTime) now = hearth_clock_now_local ();
      from = g_date_time_to_timezone (now, tz);
    }
  if (opt (&a, "to") != NULL)
    {
      to = parse_when (opt (&a, "to"), tz);
      if (to == NULL)
        return usage_error (_ ("--to “%s” is not a date (YYYY-MM-DD) or an ISO 8601 date-time."), opt (&a, "to"));
    }
  else
    to = g_date_time_add_days (from, 7);
  if (to == NULL || g_date_time_compare (to, from) <= 0)
    return usage_error (_ ("--to must come after --from."));
  if (g_date_time_difference (to, from) > max_span)
    return usage_error (_ ("reminders lists at most ten years at a time."));

  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, FALSE, &error);
  if (journal == NULL)
    return fail (error);
  scheduler = hearth_scheduler_new (journal);
  /* This device's nudges, when Hearth's settings are installed; else off. */
  settings = app_settings ();
  if (settings != NULL)
    hearth_scheduler_bind_settings (scheduler, settings);
  reminders = hearth_scheduler_list (scheduler, from, to);

  if (has_opt (&a, "json"))
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *text = NULL;

      for (guint i = 0; i < reminders->len; i++)
        {
          HearthReminder  *r = g_ptr_array_index (reminders, i);
          g_autofree char *time = g_date_time_format (hearth_reminder_get_due (r), "%Y-%m-%dT%H:%M:%S%:z");
          JsonObject      *o = json_object_new ();

          json_object_set_string_member (o, "time", time);
          json_object_set_string_member (o, "title", hearth_reminder_get_title (r));
          json_object_set_string_member (o, "body", hearth_reminder_get_body (r));
          json_object_set_string_member (o, "kind", hearth_reminder_kind_to_string (hearth_reminder_get_kind (r)));
          if (hearth_reminder_get_record_id (r) != NULL)
            json_object_set_string_member (o, "id", hearth_reminder_get_record_id (r));
          else
            json_object_set_null_member (o, "id");
          json_object_set_string_member (o, "date", hearth_reminder_get_date (r));
          json_array_add_object_element (array, o);
        }
      json_node_set_array (root, array);
      text = hearth_json_to_string (root, TRUE, NULL);
      g_print ("%s\n", text);
    }
  else if (reminders->len == 0)
    g_print ("%s\n", _ ("No reminders in that time."));
  else
    for (guint i = 0; i < reminders->len; i++)
      {
        HearthReminder  *r = g_ptr_array_index (reminders, i);
        g_autofree char *time = g_date_time_format (hearth_reminder_get_due (r), "%Y-%m-%dT%H:%M:%S%:z");
        const char      *id = hearth_reminder_get_record_id (r);

        g_print ("%s  %s  [%s]%s%s\n", time, hearth_reminder_get_title (r),
                 hearth_reminder_kind_to_string (hearth_reminder_get_kind (r)),
                 id ? "  " : "", id ? id : "");
      }
  return 0;
}
