/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "hearth-entry.h"
#include "hearth-gratitude.h"
#include "hearth-keyring.h"
#include "hearth-occurrence.h"
#include "hearth-partner.h"
#include "hearth-ritual.h"

#include "hearth-cli-private.h"

/* ------------------------------------------------------------------------ */
/* Arguments                                                                 */

void
args_clear (Args *args)
{
  g_clear_pointer (&args->positional, g_ptr_array_unref);
  g_clear_pointer (&args->values, g_hash_table_unref);
  g_clear_pointer (&args->order, g_ptr_array_unref);
}

int G_GNUC_PRINTF (1, 2)
  usage_error (const char *format,
               ...)
{
  va_list          ap;
  g_autofree char *message = NULL;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_printerr ("hearth-cli: %s %s\n", message, _ ("(see hearth-cli --help)"));
  return EXIT_USAGE;
}

const OptionSpec *
find_spec (const OptionSpec *specs,
           const char       *name)
{
  for (guint i = 0; specs[i].name; i++)
    if (g_str_equal (specs[i].name, name))
      return &specs[i];
  return NULL;
}

/* Parses ARGV (after the command words) against SPECS; `--opt VALUE` and
 * `--opt=VALUE` both work, and `--` ends the options. */
gboolean
parse_args (int               argc,
            char            **argv,
            const OptionSpec *specs,
            Args             *args,
            int              *status)
{
  gboolean options_done = FALSE;

  args->positional = g_ptr_array_new ();
  args->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  args->order = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < argc; i++)
    {
      const char       *arg = argv[i];
      g_autofree char  *name = NULL;
      const char       *value = NULL;
      const OptionSpec *spec;
      GPtrArray        *list;

      if (options_done || !g_str_has_prefix (arg, "--") || arg[2] == '\0')
        {
          if (!options_done && g_str_equal (arg, "--"))
            {
              options_done = TRUE;
              continue;
            }
          g_ptr_array_add (args->positional, (gpointer) arg);
          continue;
        }
      name = g_strdup (arg + 2);
      if (strchr (name, '='))
        {
          char *eq = strchr (name, '=');
          *eq = '\0';
          value = arg + 2 + (eq - name) + 1;
        }
      spec = find_spec (specs, name);
      if (spec == NULL)
        {
          *status = usage_error (_ ("unknown option --%s."), name);
          return FALSE;
        }
      if (spec->takes_value && value == NULL)
        {
          if (i + 1 >= argc)
            {
              *status = usage_error (_ ("--%s needs a value."), name);
              return FALSE;
            }
          value = argv[++i];
        }
      else if (!spec->takes_value && value != NULL)
        {
          *status = usage_error (_ ("--%s takes no value."), name);
          return FALSE;
        }
      list = g_hash_table_lookup (args->values, name);
      if (list != NULL && !spec->repeated)
        {
          *status = usage_error (_ ("--%s is given more than once."), name);
          return FALSE;
        }
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (args->values, g_strdup (name), list);
          g_ptr_array_add (args->order, g_strdup (name));
        }
      g_ptr_array_add (list, (gpointer) value);
    }
  return TRUE;
}

const char *
opt (Args       *args,
     const char *name)
{
  GPtrArray *list = g_hash_table_lookup (args->values, name);
  return list ? g_ptr_array_index (list, list->len - 1) : NULL;
}

gboolean
has_opt (Args       *args,
         const char *name)
{
  return g_hash_table_contains (args->values, name);
}

GPtrArray *
opt_all (Args       *args,
         const char *name)
{
  return g_hash_table_lookup (args->values, name);
}

gboolean
valid_date (const char *text)
{
  GDate date;
  return text != NULL && strlen (text) == 10 && hearth_date_parse (text, &date);
}

gboolean
valid_time (const char *text)
{
  return text != NULL && strlen (text) == 5 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         text[2] == ':' && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]) &&
         (text[0] - '0') * 10 + (text[1] - '0') < 24 && (text[3] - '0') * 10 + (text[4] - '0') < 60;
}

gboolean
parse_minutes (const char *text,
               gint64     *minutes)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 60 * 24 * 366, &value, NULL))
    return FALSE;
  *minutes = (gint64) value;
  return TRUE;
}

gboolean
in_list (const char  *value,
         const char **list)
{
  return value != NULL && g_strv_contains (list, value);
}

/* ------------------------------------------------------------------------ */
/* The journal and its key                                                   */

/* Hearth's settings, or NULL when its schema is not installed. */
GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

char *
default_journal_path (void)
{
  g_autoptr(GSettings) settings = app_settings ();

  if (settings != NULL)
    {
      g_autofree char *folder = g_settings_get_string (settings, "journal-folder");
      if (folder != NULL && *folder != '\0')
        return g_steal_pointer (&folder);
    }
  return hearth_journal_default_path ();
}

int
fail (GError *error)
{
  g_printerr ("hearth-cli: %s\n", error->message);
  return EXIT_PROBLEM;
}

/* The ritual @id names, or NULL after saying there is none. */
HearthRecord *
lookup_ritual (HearthJournal *journal,
               const char    *id)
{
  HearthRecord *ritual = hearth_journal_lookup (journal, id);

  if (ritual == NULL || !g_str_equal (hearth_record_get_kind (ritual), "ritual"))
    {
      g_printerr ("hearth-cli: %s\n", _ ("There is no ritual with that id in this journal."));
      return NULL;
    }
  return ritual;
}

/* One line from stdin, without its line end; NULL at end of input. It is
 * usually a passphrase: the buffer grows by copying and wiping, never by
 * realloc, so no copy is left behind in freed memory. */
char *
read_line (FILE *in)
{
  gsize size = 128, len = 0;
  char *line = g_malloc (size);
  int   c;

  while ((c = fgetc (in)) != EOF && c != '\n')
    {
      if (len + 1 >= size)
        {
          char *bigger = g_malloc (size * 2);

          memcpy (bigger, line, len);
          sodium_memzero (line, size);
          g_free (line);
          line = bigger;
          size *= 2;
        }
      line[len++] = (char) c;
    }
  c = c == EOF && len == 0 ? EOF : 0;
  if (len > 0 && line[len - 1] == '\r')
    line[--len] = '\0';
  line[len] = '\0';
  if (c == EOF)
    {
      g_free (line);
      return NULL;
    }
  return line;
}

/* Text the partner wrote reaches the terminal: control characters (which
 * could move the cursor, retitle the window or hide lines) are shown as
 * escapes instead. Line ends and tabs are kept. */
static void
write_escaped (FILE       *out,
               const char *text)
{
  g_autoptr(GString) safe = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
        g_string_append_printf (safe, "\\x%02x", c);
      else if (c == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
        {
          /* U+0080…U+009F, the C1 controls, in UTF-8 */
          g_string_append_printf (safe, "\\u%04x", (guchar) p[1]);
          p++;
        }
      else
        g_string_append_c (safe, (char) c);
    }
  fputs (safe->str, out);
  fflush (out);
}

void
print_escaped (const char *text)
{
  write_escaped (stdout, text);
}

void
printerr_escaped (const char *text)
{
  write_escaped (stderr, text);
}

void
secret_free (char *secret)
{
  if (secret != NULL)
    {
      sodium_memzero (secret, strlen (secret));
      g_free (secret);
    }
}

/* Asks on the terminal with echo off. */
char *
prompt_secret (const char *question)
{
  FILE          *tty = fopen ("/dev/tty", "r+");
  struct termios saved, quiet;
  gboolean       restore = FALSE;
  char          *answer;

  if (tty == NULL)
    return NULL;
  fprintf (tty, "%s", question);
  fflush (tty);
  if (tcgetattr (fileno (tty), &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      restore = tcsetattr (fileno (tty), TCSAFLUSH, &quiet) == 0;
    }
  answer = read_line (tty);
  if (restore)
    tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fprintf (tty, "\n");
  fclose (tty);
  return answer;
}

gboolean
have_terminal (void)
{
  return isatty (STDIN_FILENO);
}

/* The passphrase: --passphrase-stdin, else the keyring, else the terminal. */
char *
get_passphrase (HearthJournal *journal,
                gboolean       from_stdin,
                GError       **error)
{
  g_autoptr(GError) keyring_error = NULL;
  char *secret;

  if (from_stdin)
    {
      secret = read_line (stdin);
      if (secret == NULL)
        g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED,
                             _ ("The journal is locked: --passphrase-stdin was given, but there was no line to read."));
      return secret;
    }
  secret = hearth_keyring_lookup_sync (hearth_journal_get_id (journal), NULL, &keyring_error);
  if (secret != NULL)
    {
      char *copy = g_strdup (secret);
      hearth_keyring_free_secret (secret);
      return copy;
    }
  if (have_terminal ())
    {
      secret = prompt_secret (_ ("Passphrase: "));
      if (secret != NULL)
        return secret;
    }
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED,
                       _ ("The journal is locked: give its passphrase with --passphrase-stdin, or remember it in the keyring (init --remember, or in Hearth)."));
  return NULL;
}

void
warn_problems (HearthJournal *journal)
{
  g_autoptr(GPtrArray) problems = hearth_journal_get_problems (journal);

  for (guint i = 0; i < problems->len; i++)
    {
      GError *problem = g_ptr_array_index (problems, i);
      g_printerr ("hearth-cli: %s %s\n", _ ("warning:"), problem->message);
    }
}

/* Opens, unlocks and loads the journal at PATH. Commands that change the
 * journal (WRITES) also take this computer's conflict copies into its own
 * files; the others never write to the journal folder. */
HearthJournal *
open_journal (const char *path,
              gboolean    passphrase_stdin,
              gboolean    warn,
              gboolean    writes,
              GError    **error)
{
  return open_journal_scope (path, passphrase_stdin, warn, writes, NULL, error);
}

/* Like open_journal(), reading only the files of SCOPE (every file when it
 * is NULL) and warning only of problems with those. */
HearthJournal *
open_journal_scope (const char            *path,
                    gboolean               passphrase_stdin,
                    gboolean               warn,
                    gboolean               writes,
                    const HearthLoadScope *scope,
                    GError               **error)
{
  g_autoptr(HearthJournal) journal = hearth_journal_open (path, error);

  if (journal == NULL)
    return NULL;
  if (hearth_journal_is_encrypted (journal))
    {
      g_autoptr(Secret) passphrase = get_passphrase (journal, passphrase_stdin, error);

      if (passphrase == NULL || !hearth_journal_unlock (journal, passphrase, error))
        return NULL;
    }
  hearth_journal_set_absorbs_conflicts (journal, writes);
  if (scope != NULL ? !hearth_journal_load_scope (journal, scope, error) : !hearth_journal_load (journal, error))
    return NULL;
  if (warn)
    warn_problems (journal);
  return g_steal_pointer (&journal);
}

/* The files a command reads: shared.json (for the partners' names, the
 * journal and the rituals) and FILES of the years FIRST_YEAR to LAST_YEAR
 * (0: from the first, to the last). */
HearthLoadScope
load_scope (HearthLoadFiles files,
            int             first_year,
            int             last_year)
{
  HearthLoadScope scope = { HEARTH_LOAD_SHARED | files, first_year, last_year };
  return scope;
}

/* The year of a date like 2026-11-23 (checked before). */
int
date_year (const char *date)
{
  GDate parsed;

  return hearth_date_parse (date, &parsed) ? g_date_get_year (&parsed) : 0;
}

HearthRecord *
find_partner_by_name (HearthJournal *journal,
                      const char    *name)
{
  GListModel      *partners = hearth_journal_get_model (journal, HEARTH_KIND_PARTNER);
  g_autofree char *folded = hearth_text_fold (name);

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(HearthRecord) p = g_list_model_get_item (partners, i);
      g_autofree char *candidate = hearth_text_fold (hearth_partner_get_name (HEARTH_PARTNER (p)));

      if (g_str_equal (candidate, folded))
        return p;
    }
  return NULL;
}

const char *
partner_name (HearthJournal *journal,
              const char    *id)
{
  HearthRecord *p = hearth_journal_get_partner (journal, id);
  return p ? hearth_partner_get_name (HEARTH_PARTNER (p)) : "?";
}

void
print_json_records (GPtrArray *records)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *text = NULL;

  for (guint i = 0; i < records->len; i++)
    json_array_add_object_element (array, hearth_record_dup_json (g_ptr_array_index (records, i)));
  json_node_set_array (root, array);
  text = hearth_json_to_string (root, TRUE, NULL);
  g_print ("%s\n", text);
}

static char *
local_day (const char *created)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (created, NULL);
  g_autoptr(GDateTime) local = dt ? g_date_time_to_local (dt) : NULL;
  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (created);
}

void
print_record_line (HearthJournal *journal,
                   HearthRecord  *r)
{
  const char *kind = hearth_record_get_kind (r);
  const char *id = hearth_record_get_id (r);

  if (HEARTH_IS_ENTRY (r))
    {
      HearthEntry     *e = HEARTH_ENTRY (r);
      g_autofree char *when = local_day (hearth_record_get_created (r));
      g_auto(GStrv) tags = hearth_entry_dup_tags (e);
      const char      *title = hearth_entry_get_title (e);
      const char      *mood = hearth_entry_get_mood (e);
      const char      *body = hearth_entry_get_body (e);
      g_autofree char *first_line = g_strdup (body ? body : "");
      char            *nl = strchr (first_line, '\n');

      if (nl)
        *nl = '\0';
      g_print ("%s  %s  %s: %s", when, id, partner_name (journal, hearth_entry_get_author (e)),
               title && *title ? title : _ ("(untitled)"));
      if (mood)
        g_print ("  (%s)", mood);
      for (guint i = 0; tags && tags[i]; i++)
        g_print ("  #%s", tags[i]);
      if (hearth_entry_get_reply_to (e))
        g_print ("  %s %s", _ ("in reply to"), hearth_entry_get_reply_to (e));
      g_print ("\n    %s\n", first_line);
    }
  else if (HEARTH_IS_GRATITUDE (r))
    {
      HearthGratitude *g = HEARTH_GRATITUDE (r);

      g_print ("%s  %s  %s → %s: %s\n", hearth_gratitude_get_date (g) ? hearth_gratitude_get_date (g) : "",
               id, partner_name (journal, hearth_gratitude_get_from (g)),
               partner_name (journal, hearth_gratitude_get_to (g)),
               hearth_gratitude_get_text (g));
    }
  else if (HEARTH_IS_RITUAL (r))
    {
      HearthRitual *ritual = HEARTH_RITUAL (r);

      g_print ("%s  %s  [%s] %s %s %s", id, hearth_ritual_get_title (ritual),
               hearth_ritual_get_ritual_type (ritual) ? hearth_ritual_get_ritual_type (ritual) : "ritual",
               hearth_ritual_get_recurrence (ritual), _ ("from"), hearth_ritual_get_start (ritual));
      if (hearth_ritual_get_time (ritual))
        g_print (" %s %s", _ ("at"), hearth_ritual_get_time (ritual));
      if (hearth_ritual_get_archived (ritual))
        g_print ("  %s", _ ("(archived)"));
      g_print ("\n");
    }
  else if (HEARTH_IS_OCCURRENCE (r))
    {
      HearthOccurrence *o = HEARTH_OCCURRENCE (r);
      HearthRecord     *ritual = hearth_journal_lookup (journal, hearth_occurrence_get_ritual (o));
      const char       *note = hearth_occurrence_get_note (o);

      g_print ("%s  %s  %s: %s", hearth_occurrence_get_date (o), id,
               HEARTH_IS_RITUAL (ritual) ? hearth_ritual_get_title (HEARTH_RITUAL (ritual)) : "?",
               hearth_occurrence_get_status (o));
      if (note)
        g_print (" — %s", note);
      g_print ("\n");
    }
  else if (HEARTH_IS_PARTNER (r))
    {
      const char *color = hearth_partner_get_color (HEARTH_PARTNER (r));
      g_print ("%s  %s  %s%s\n", id, hearth_partner_get_name (HEARTH_PARTNER (r)), color ? color : "",
               g_strcmp0 (id, hearth_journal_get_me (journal)) == 0 ? _ ("  (this device)") : "");
    }
  else
    g_print ("%s  %s\n", id, kind);
}

const OptionSpec list_specs[] = {
  { "json", FALSE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};
const OptionSpec stdin_only_specs[] = {
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};
