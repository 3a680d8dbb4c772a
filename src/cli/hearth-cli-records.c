/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "hearth-entry.h"
#include "hearth-gratitude.h"
#include "hearth-journal-info.h"
#include "hearth-occurrence.h"
#include "hearth-partner.h"
#include "hearth-recurrence.h"
#include "hearth-ritual.h"

#include "hearth-cli-private.h"

static const char *moods[] = {
  "joyful", "grateful", "calm", "close", "hopeful", "tired", "anxious", "sad", "hurt", "frustrated", NULL
};
static const char *languages[] = { "words", "time", "acts", "touch", "gifts", NULL };

static int
save_and_print (HearthJournal *journal,
                HearthRecord  *record)
{
  g_autoptr(GError) error = NULL;

  if (!hearth_journal_save (journal, record, &error))
    return fail (error);
  g_print ("%s\n", hearth_record_get_id (record));
  return 0;
}

static int
check_entry_options (Args *a)
{
  const char *mood = opt (a, "mood");

  if (mood != NULL && !in_list (mood, moods))
    return usage_error (_ ("--mood must be one of joyful, grateful, calm, close, hopeful, tired, anxious, sad, hurt, frustrated."));
  if (opt (a, "prompt-date") && !valid_date (opt (a, "prompt-date")))
    return usage_error (_ ("--prompt-date must be a date like 2026-11-23."));
  return 0;
}

static int
check_ritual_options (Args *a)
{
  g_autoptr(GError) error = NULL;
  gint64 minutes;

  if (opt (a, "rrule") != NULL)
    {
      g_autoptr(HearthRecurrence) rule = hearth_recurrence_parse (opt (a, "rrule"), &error);
      if (rule == NULL)
        return usage_error ("%s", error->message);
    }
  if (opt (a, "start") && !valid_date (opt (a, "start")))
    return usage_error (_ ("--start must be a date like 2026-11-23."));
  if (opt (a, "time") && !valid_time (opt (a, "time")))
    return usage_error (_ ("--time must be a time like 19:30."));
  if (opt (a, "duration") && !parse_minutes (opt (a, "duration"), &minutes))
    return usage_error (_ ("--duration must be a number of minutes."));
  if (opt (a, "remind-before") && g_strcmp0 (opt (a, "remind-before"), "none") != 0 &&
      !parse_minutes (opt (a, "remind-before"), &minutes))
    return usage_error (_ ("--remind-before must be a number of minutes, or “none”."));
  if (opt (a, "type") && !g_str_equal (opt (a, "type"), "ritual") && !g_str_equal (opt (a, "type"), "checkin"))
    return usage_error (_ ("--type must be ritual or checkin."));
  if (opt (a, "archived") && !g_str_equal (opt (a, "archived"), "true") && !g_str_equal (opt (a, "archived"), "false"))
    return usage_error (_ ("--archived must be true or false."));
  return 0;
}

/* The values of an option given again and again, the empty ones left out. */
static GStrv
dup_values (GPtrArray *values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < values->len; i++)
    if (*(const char *) g_ptr_array_index (values, i))
      g_strv_builder_add (builder, g_ptr_array_index (values, i));
  return g_strv_builder_end (builder);
}

/* Whether the option of whole minutes is given, and its minutes: -1 for
 * "none", which unsets the member. */
static gboolean
minutes_option (Args       *a,
                const char *option,
                int        *minutes)
{
  const char *value = opt (a, option);
  gint64      parsed;

  if (value == NULL)
    return FALSE;
  if (g_str_equal (value, "none"))
    *minutes = -1;
  else if (parse_minutes (value, &parsed))
    *minutes = (int) parsed;
  else
    return FALSE;
  return TRUE;
}

/* Whether the text option is given, and its text: NULL for an empty value,
 * which takes the member away, unless @keep_empty. */
static gboolean
text_option (Args        *a,
             const char  *option,
             gboolean     keep_empty,
             const char **text)
{
  const char *value = opt (a, option);

  if (value == NULL)
    return FALSE;
  *text = *value == '\0' && !keep_empty ? NULL : value;
  return TRUE;
}

static const OptionSpec entry_specs[] = {
  { "title", TRUE, FALSE },
  { "body", TRUE, FALSE },
  { "mood", TRUE, FALSE },
  { "tag", TRUE, TRUE },
  { "prompt", TRUE, FALSE },
  { "prompt-date", TRUE, FALSE },
  { "reply-to", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};
static const OptionSpec gratitude_specs[] = {
  { "text", TRUE, FALSE },
  { "date", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};
static const OptionSpec ritual_specs[] = {
  { "title", TRUE, FALSE },
  { "rrule", TRUE, FALSE },
  { "start", TRUE, FALSE },
  { "time", TRUE, FALSE },
  { "duration", TRUE, FALSE },
  { "remind-before", TRUE, FALSE },
  { "type", TRUE, FALSE },
  { "description", TRUE, FALSE },
  { "archived", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};
static const OptionSpec partner_specs[] = {
  { "name", TRUE, FALSE },
  { "color", TRUE, FALSE },
  { "about", TRUE, FALSE },
  { "languages", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};
static const OptionSpec occurrence_specs[] = {
  { "status", TRUE, FALSE },
  { "note", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};
static const OptionSpec journal_specs[] = {
  { "name", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};

/* Sets the fields the options name on a record of the options' kind. */
static int
apply_entry (HearthJournal *journal,
             HearthRecord  *r,
             Args          *a)
{
  const char  *reply_to = opt (a, "reply-to");
  HearthEntry *e = HEARTH_ENTRY (r);
  int          status = check_entry_options (a);
  const char  *text;

  if (status != 0)
    return status;
  if (reply_to != NULL && *reply_to != '\0')
    {
      HearthRecord *parent = hearth_journal_lookup (journal, reply_to);
      if (parent == NULL || g_strcmp0 (hearth_record_get_kind (parent), "entry") != 0)
        {
          g_printerr ("hearth-cli: %s\n", _ ("There is no entry with that id to reply to."));
          return EXIT_PROBLEM;
        }
    }
  if (text_option (a, "title", FALSE, &text))
    hearth_entry_set_title (e, text);
  if (text_option (a, "body", TRUE, &text))
    hearth_entry_set_body (e, text);
  if (text_option (a, "mood", FALSE, &text))
    hearth_entry_set_mood (e, text);
  if (text_option (a, "prompt", FALSE, &text))
    hearth_entry_set_prompt (e, text);
  if (text_option (a, "prompt-date", FALSE, &text))
    hearth_entry_set_prompt_date (e, text);
  if (text_option (a, "reply-to", FALSE, &text))
    hearth_entry_set_reply_to (e, text);
  if (opt_all (a, "tag"))
    {
      g_auto(GStrv) tags = dup_values (opt_all (a, "tag"));

      hearth_entry_set_tags (e, (const char *const *) tags);
    }
  return 0;
}

static int
apply_gratitude (HearthRecord *r,
                 Args         *a)
{
  const char *text;

  if (opt (a, "date") && !valid_date (opt (a, "date")))
    return usage_error (_ ("--date must be a date like 2026-11-23."));
  if (text_option (a, "text", TRUE, &text))
    hearth_gratitude_set_text (HEARTH_GRATITUDE (r), text);
  if (text_option (a, "date", FALSE, &text))
    hearth_gratitude_set_date (HEARTH_GRATITUDE (r), text);
  return 0;
}

static int
apply_ritual (HearthRecord *r,
              Args         *a)
{
  HearthRitual *ritual = HEARTH_RITUAL (r);
  int           status = check_ritual_options (a);
  const char   *text;
  int           minutes;

  if (status != 0)
    return status;
  if (text_option (a, "title", FALSE, &text))
    hearth_ritual_set_title (ritual, text);
  if (text_option (a, "rrule", FALSE, &text))
    hearth_ritual_set_recurrence (ritual, text);
  if (text_option (a, "start", FALSE, &text))
    hearth_ritual_set_start (ritual, text);
  if (text_option (a, "time", FALSE, &text))
    hearth_ritual_set_time (ritual, text);
  if (text_option (a, "type", FALSE, &text))
    hearth_ritual_set_ritual_type (ritual, text);
  if (text_option (a, "description", FALSE, &text))
    hearth_ritual_set_description (ritual, text);
  if (minutes_option (a, "duration", &minutes))
    hearth_ritual_set_duration (ritual, minutes);
  if (minutes_option (a, "remind-before", &minutes))
    hearth_ritual_set_remind_before (ritual, minutes);
  if (opt (a, "archived"))
    hearth_ritual_set_archived (ritual, g_str_equal (opt (a, "archived"), "true"));
  return 0;
}

static int
apply_partner (HearthRecord *r,
               Args         *a)
{
  HearthPartner *partner = HEARTH_PARTNER (r);
  const char    *color = opt (a, "color");
  const char    *langs = opt (a, "languages");
  g_auto(GStrv) chosen = NULL;
  const char *text;

  if (color != NULL)
    {
      gboolean ok = strlen (color) == 7 && color[0] == '#';
      for (guint i = 1; ok && i < 7; i++)
        ok = g_ascii_isxdigit (color[i]);
      if (!ok)
        return usage_error (_ ("--color must look like #3584e4."));
    }
  if (opt (a, "name") && *opt (a, "name") == '\0')
    return usage_error (_ ("a partner’s name cannot be empty."));
  if (langs != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (langs, ",", -1);
      g_autoptr(GPtrArray) list = g_ptr_array_new ();

      for (guint i = 0; parts[i]; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] == '\0')
            continue;
          if (!in_list (parts[i], languages))
            return usage_error (_ ("--languages is a comma-separated list of words, time, acts, touch, gifts."));
          g_ptr_array_add (list, parts[i]);
        }
      chosen = dup_values (list);
      hearth_partner_set_emotional_languages (partner, (const char *const *) chosen);
    }
  if (text_option (a, "name", FALSE, &text))
    hearth_partner_set_name (partner, text);
  if (text_option (a, "color", FALSE, &text))
    hearth_partner_set_color (partner, text);
  if (text_option (a, "about", FALSE, &text))
    hearth_partner_set_about (partner, text);
  return 0;
}

static int
apply_occurrence (HearthRecord *r,
                  Args         *a)
{
  const char *status = opt (a, "status");
  const char *text;

  if (status && !g_str_equal (status, "done") && !g_str_equal (status, "skipped"))
    return usage_error (_ ("--status must be done or skipped."));
  if (text_option (a, "status", FALSE, &text))
    hearth_occurrence_set_status (HEARTH_OCCURRENCE (r), text);
  if (text_option (a, "note", FALSE, &text))
    hearth_occurrence_set_note (HEARTH_OCCURRENCE (r), text);
  return 0;
}

int
cmd_add (Global *g, int argc, char **argv)
{
  const char       *what = argc > 0 ? argv[0] : NULL;
  const OptionSpec *specs;
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthRecord) record = NULL;
  HearthLoadScope scope;
  int             status = 0;

  if (g_strcmp0 (what, "entry") == 0)
    specs = entry_specs;
  else if (g_strcmp0 (what, "gratitude") == 0)
    specs = gratitude_specs;
  else if (g_strcmp0 (what, "ritual") == 0)
    specs = ritual_specs;
  else
    return usage_error (_ ("add what? entry, gratitude or ritual."));

  if (!parse_args (argc - 1, argv + 1, specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len > 0)
    return usage_error (_ ("unexpected argument “%s”."), (char *) g_ptr_array_index (a.positional, 0));

  /* Check the usage before asking for the passphrase. */
  if (specs == entry_specs)
    {
      if (opt (&a, "body") == NULL)
        return usage_error (_ ("add entry needs --body."));
      if ((status = check_entry_options (&a)) != 0)
        return status;
    }
  else if (specs == gratitude_specs)
    {
      if (opt (&a, "text") == NULL || *opt (&a, "text") == '\0')
        return usage_error (_ ("add gratitude needs --text."));
      if (opt (&a, "date") && !valid_date (opt (&a, "date")))
        return usage_error (_ ("--date must be a date like 2026-11-23."));
    }
  else
    {
      if (!opt (&a, "title") || !opt (&a, "rrule") || !opt (&a, "start"))
        return usage_error (_ ("add ritual needs --title, --rrule and --start."));
      if (has_opt (&a, "description") || has_opt (&a, "archived"))
        return usage_error (_ ("--description and --archived belong to edit."));
      if ((status = check_ritual_options (&a)) != 0)
        return status;
    }

  /* The partners are enough: the save reads the file the new record goes
   * into afresh, under the write lock. A reply looks for its entry. */
  if (specs == entry_specs && opt (&a, "reply-to") && *opt (&a, "reply-to"))
    scope = load_scope (HEARTH_LOAD_ENTRIES, 0, 0);
  else
    scope = load_scope (0, 0, 0);
  journal = open_journal_scope (g->journal_path, g->passphrase_stdin, TRUE, TRUE, &scope, &error);
  if (journal == NULL)
    return fail (error);
  if (!hearth_journal_check_writable (journal, &error))
    return fail (error);

  record = hearth_journal_new_record (journal, what, NULL);
  if (specs == entry_specs)
    {
      hearth_entry_set_author (HEARTH_ENTRY (record), hearth_journal_get_me (journal));
      status = apply_entry (journal, record, &a);
    }
  else if (specs == gratitude_specs)
    {
      g_autofree char *today = hearth_date_today ();
      const char      *to = hearth_journal_get_partner_id (journal);

      hearth_gratitude_set_from (HEARTH_GRATITUDE (record), hearth_journal_get_me (journal));
      hearth_gratitude_set_to (HEARTH_GRATITUDE (record), to ? to : hearth_journal_get_me (journal));
      hearth_gratitude_set_date (HEARTH_GRATITUDE (record), today);
      status = apply_gratitude (record, &a);
    }
  else
    {
      if (!opt (&a, "type"))
        hearth_ritual_set_ritual_type (HEARTH_RITUAL (record), "ritual");
      status = apply_ritual (record, &a);
    }
  if (status != 0)
    return status;
  return save_and_print (journal, record);
}

static const OptionSpec edit_parse_specs[] = {
  { "title", TRUE, FALSE },
  { "body", TRUE, FALSE },
  { "mood", TRUE, FALSE },
  { "tag", TRUE, TRUE },
  { "prompt", TRUE, FALSE },
  { "prompt-date", TRUE, FALSE },
  { "reply-to", TRUE, FALSE },
  { "text", TRUE, FALSE },
  { "date", TRUE, FALSE },
  { "rrule", TRUE, FALSE },
  { "start", TRUE, FALSE },
  { "time", TRUE, FALSE },
  { "duration", TRUE, FALSE },
  { "remind-before", TRUE, FALSE },
  { "type", TRUE, FALSE },
  { "description", TRUE, FALSE },
  { "archived", TRUE, FALSE },
  { "name", TRUE, FALSE },
  { "color", TRUE, FALSE },
  { "about", TRUE, FALSE },
  { "languages", TRUE, FALSE },
  { "status", TRUE, FALSE },
  { "note", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};

int
cmd_edit (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthRecord) copy = NULL;
  const OptionSpec *specs;
  HearthRecord     *live;
  const char       *id, *kind;
  int               status = 0;

  if (!parse_args (argc, argv, edit_parse_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len != 1)
    return usage_error (_ ("edit needs one record id."));
  if (a.order->len == 0 || (a.order->len == 1 && has_opt (&a, "passphrase-stdin")))
    return usage_error (_ ("edit needs at least one field to change."));
  id = g_ptr_array_index (a.positional, 0);

  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, TRUE, &error);
  if (journal == NULL)
    return fail (error);
  live = hearth_journal_lookup (journal, id);
  if (live == NULL)
    {
      g_printerr ("hearth-cli: %s\n", _ ("There is no record with that id in this journal (it may have been deleted)."));
      return EXIT_PROBLEM;
    }
  kind = hearth_record_get_kind (live);
  if (g_str_equal (kind, "entry"))
    specs = entry_specs;
  else if (g_str_equal (kind, "gratitude"))
    specs = gratitude_specs;
  else if (g_str_equal (kind, "ritual"))
    specs = ritual_specs;
  else if (g_str_equal (kind, "partner"))
    specs = partner_specs;
  else if (g_str_equal (kind, "occurrence"))
    specs = occurrence_specs;
  else if (g_str_equal (kind, "journal"))
    specs = journal_specs;
  else
    return usage_error (_ ("records of this kind cannot be edited here."));
  for (guint i = 0; i < a.order->len; i++)
    if (find_spec (specs, g_ptr_array_index (a.order, i)) == NULL)
      return usage_error (_ ("--%s is not a field of a %s."), (char *) g_ptr_array_index (a.order, i), kind);
  if (specs == entry_specs && opt (&a, "body") && *opt (&a, "body") == '\0')
    return usage_error (_ ("an entry’s body cannot be empty."));
  if (specs == gratitude_specs && opt (&a, "text") && *opt (&a, "text") == '\0')
    return usage_error (_ ("a gratitude note’s text cannot be empty."));
  if (!hearth_journal_check_writable (journal, &error))
    return fail (error);

  copy = hearth_record_copy (live);
  if (specs == entry_specs)
    status = apply_entry (journal, copy, &a);
  else if (specs == gratitude_specs)
    status = apply_gratitude (copy, &a);
  else if (specs == ritual_specs)
    status = apply_ritual (copy, &a);
  else if (specs == partner_specs)
    status = apply_partner (copy, &a);
  else if (specs == occurrence_specs)
    status = apply_occurrence (copy, &a);
  else
    {
      if (opt (&a, "name") && *opt (&a, "name") == '\0')
        return usage_error (_ ("the journal’s name cannot be empty."));
      if (opt (&a, "name"))
        hearth_journal_info_set_name (copy, opt (&a, "name"));
    }
  if (status != 0)
    return status;
  return save_and_print (journal, copy);
}

int
cmd_delete (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  const char *id;
  int         status = 0;

  if (!parse_args (argc, argv, stdin_only_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len != 1)
    return usage_error (_ ("delete needs one record id."));
  id = g_ptr_array_index (a.positional, 0);
  if (g_str_equal (id, "journal"))
    return usage_error (_ ("the journal itself cannot be deleted here."));
  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, TRUE, &error);
  if (journal == NULL)
    return fail (error);
  if (!hearth_journal_check_writable (journal, &error) || !hearth_journal_delete (journal, id, &error))
    return fail (error);
  g_print ("%s\n", id);
  return 0;
}

static const OptionSpec mark_specs[] = {
  { "note", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};

int
cmd_mark (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthRecord) record = NULL;
  g_autofree char  *id = NULL;
  const char       *ritual_id, *date, *mark;
  HearthOccurrence *occurrence;
  HearthRecord     *ritual, *live;
  HearthLoadScope   scope;
  int               status = 0;

  if (!parse_args (argc, argv, mark_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len != 3)
    return usage_error (_ ("mark needs a ritual id, a date and done or skipped."));
  ritual_id = g_ptr_array_index (a.positional, 0);
  date = g_ptr_array_index (a.positional, 1);
  mark = g_ptr_array_index (a.positional, 2);
  if (!valid_date (date))
    return usage_error (_ ("the date must look like 2026-11-23."));
  if (!g_str_equal (mark, "done") && !g_str_equal (mark, "skipped"))
    return usage_error (_ ("mark an occurrence done or skipped."));

  scope = load_scope (HEARTH_LOAD_RITUALS, date_year (date), date_year (date));
  journal = open_journal_scope (g->journal_path, g->passphrase_stdin, TRUE, TRUE, &scope, &error);
  if (journal == NULL)
    return fail (error);
  ritual = lookup_ritual (journal, ritual_id);
  if (ritual == NULL)
    return EXIT_PROBLEM;
  if (!hearth_journal_check_writable (journal, &error))
    return fail (error);

  id = g_strdup_printf ("%s/%s", ritual_id, date);
  live = hearth_journal_lookup (journal, id);
  record = HEARTH_IS_OCCURRENCE (live) ? hearth_record_copy (live)
                                       : hearth_journal_new_record (journal, "occurrence", id);
  occurrence = HEARTH_OCCURRENCE (record);
  hearth_occurrence_set_ritual (occurrence, ritual_id);
  hearth_occurrence_set_date (occurrence, date);
  hearth_occurrence_set_status (occurrence, mark);
  hearth_occurrence_set_by (occurrence, hearth_journal_get_me (journal));
  hearth_occurrence_set_note (occurrence, opt (&a, "note") && *opt (&a, "note") ? opt (&a, "note") : NULL);
  return save_and_print (journal, record);
}
