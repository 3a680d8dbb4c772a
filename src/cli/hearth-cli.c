/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <sodium.h>

#include "hearth-backup.h"
#include "hearth-error.h"
#include "hearth-export.h"
#include "hearth-journal.h"
#include "hearth-keyring.h"
#include "hearth-record.h"
#include "hearth-recurrence.h"
#include "hearth-scheduler.h"
#include "hearth-shard.h"
#include "hearth-stats.h"
#include "hearth-text.h"
#include "hearth-vault.h"

#define EXIT_PROBLEM 1
#define EXIT_USAGE 2

static const char usage_text[] = N_(
  "Usage: hearth-cli [--journal DIR] COMMAND [ARGS]\n"
  "\n"
  "Commands:\n"
  "  init --name NAME --partner NAME --partner NAME [--me NAME]\n"
  "       [--passphrase-stdin | --no-passphrase] [--kdf moderate|interactive|min] [--remember]\n"
  "  join --me NAME\n"
  "  add entry --title T --body B [--mood M] [--tag T]... [--prompt ID] [--prompt-date DATE] [--reply-to ID]\n"
  "  add gratitude --text T [--date YYYY-MM-DD]\n"
  "  add ritual --title T --rrule RRULE --start YYYY-MM-DD [--time HH:MM]\n"
  "       [--duration MIN] [--remind-before MIN] [--type ritual|checkin]\n"
  "  edit ID [--title T] [--body B] [--text T] [--mood M] ...\n"
  "  delete ID\n"
  "  mark RITUAL-ID YYYY-MM-DD done|skipped [--note TEXT]\n"
  "  list entries|gratitude|rituals|occurrences|partners [--json]\n"
  "  occurrences RITUAL-ID --from YYYY-MM-DD --to YYYY-MM-DD [--json]\n"
  "  stats [--json]\n"
  "  search QUERY [--json]\n"
  "  reminders [--from WHEN] [--to WHEN] [--json]\n"
  "       (WHEN: YYYY-MM-DD, or an ISO 8601 date-time with or without offset;\n"
  "       default: the next seven days)\n"
  "  export --format markdown|html [--output FILE]\n"
  "  check\n"
  "  accept FILE... | accept --all\n"
  "       (keep files that went back to an older version or are missing as they are now)\n"
  "  passwd [--new-key]\n"
  "       (reads the current passphrase and the new one twice; --new-key also replaces\n"
  "       the key the journal is encrypted with, so the old passphrase and an old copy of\n"
  "       hearth-journal.json cannot read what is written from now on)\n"
  "  forget\n"
  "  backup [--list]\n"
  "       (copy the journal's files as they are, still encrypted, into\n"
  "       $XDG_DATA_HOME/hearth/backups; --list shows the backups kept)\n"
  "  restore --from DIR|YYYY-MM-DD [--dry-run]\n"
  "       (bring back what a backup holds and the journal lost, as new versions;\n"
  "       nothing written since the backup is changed)\n"
  "\n"
  "Commands that need the journal's key read it with --passphrase-stdin (one line),\n"
  "else from the keyring, else from a prompt on the terminal.\n"
  "\n"
  "Commands that change the journal (join, add, edit, delete, mark) first take\n"
  "sync-tool conflict copies of this computer's own files into those files and\n"
  "remove the copies. The others (list, occurrences, stats, search, reminders,\n"
  "export, check, accept) never write to the journal folder; accept changes\n"
  "only what this computer remembers.\n");

static const char *moods[] = {
  "joyful", "grateful", "calm", "close", "hopeful", "tired", "anxious", "sad", "hurt", "frustrated", NULL
};
static const char *languages[] = { "words", "time", "acts", "touch", "gifts", NULL };

/* ------------------------------------------------------------------------ */
/* Arguments                                                                 */

typedef struct
{
  const char *name;
  gboolean    takes_value;
  gboolean    repeated;
} OptionSpec;

typedef struct
{
  GPtrArray  *positional;  /* const char * */
  GHashTable *values;      /* option name → GPtrArray of const char * (NULL entries for flags) */
  GPtrArray  *order;       /* option names in the order given */
} Args;

static void
args_clear (Args *args)
{
  g_clear_pointer (&args->positional, g_ptr_array_unref);
  g_clear_pointer (&args->values, g_hash_table_unref);
  g_clear_pointer (&args->order, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Args, args_clear)

static int G_GNUC_PRINTF (1, 2)
usage_error (const char *format,
             ...)
{
  va_list ap;
  g_autofree char *message = NULL;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_printerr ("hearth-cli: %s %s\n", message, _("(see hearth-cli --help)"));
  return EXIT_USAGE;
}

static const OptionSpec *
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
static gboolean
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
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *value = NULL;
      const OptionSpec *spec;
      GPtrArray *list;

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
          *status = usage_error (_("unknown option --%s."), name);
          return FALSE;
        }
      if (spec->takes_value && value == NULL)
        {
          if (i + 1 >= argc)
            {
              *status = usage_error (_("--%s needs a value."), name);
              return FALSE;
            }
          value = argv[++i];
        }
      else if (!spec->takes_value && value != NULL)
        {
          *status = usage_error (_("--%s takes no value."), name);
          return FALSE;
        }
      list = g_hash_table_lookup (args->values, name);
      if (list != NULL && !spec->repeated)
        {
          *status = usage_error (_("--%s is given more than once."), name);
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

static const char *
opt (Args       *args,
     const char *name)
{
  GPtrArray *list = g_hash_table_lookup (args->values, name);
  return list ? g_ptr_array_index (list, list->len - 1) : NULL;
}

static gboolean
has_opt (Args       *args,
         const char *name)
{
  return g_hash_table_contains (args->values, name);
}

static GPtrArray *
opt_all (Args       *args,
         const char *name)
{
  return g_hash_table_lookup (args->values, name);
}

static gboolean
valid_date (const char *text)
{
  GDate date;
  return text != NULL && strlen (text) == 10 && hearth_date_parse (text, &date);
}

static gboolean
valid_time (const char *text)
{
  return text != NULL && strlen (text) == 5 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         text[2] == ':' && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]) &&
         (text[0] - '0') * 10 + (text[1] - '0') < 24 && (text[3] - '0') * 10 + (text[4] - '0') < 60;
}

static gboolean
parse_minutes (const char *text,
               gint64     *minutes)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 60 * 24 * 366, &value, NULL))
    return FALSE;
  *minutes = (gint64) value;
  return TRUE;
}

static gboolean
in_list (const char  *value,
         const char **list)
{
  return value != NULL && g_strv_contains (list, value);
}

/* ------------------------------------------------------------------------ */
/* The journal and its key                                                   */

/* Hearth's settings, or NULL when its schema is not installed. */
static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

static char *
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

static int
fail (GError *error)
{
  g_printerr ("hearth-cli: %s\n", error->message);
  return EXIT_PROBLEM;
}

/* One line from stdin, without its line end; NULL at end of input. It is
 * usually a passphrase: the buffer grows by copying and wiping, never by
 * realloc, so no copy is left behind in freed memory. */
static char *
read_line (FILE *in)
{
  gsize size = 128, len = 0;
  char *line = g_malloc (size);
  int c;

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

static void
print_escaped (const char *text)
{
  write_escaped (stdout, text);
}

static void
printerr_escaped (const char *text)
{
  write_escaped (stderr, text);
}

static void
secret_free (char *secret)
{
  if (secret != NULL)
    {
      sodium_memzero (secret, strlen (secret));
      g_free (secret);
    }
}

typedef char Secret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Secret, secret_free)

/* Asks on the terminal with echo off. */
static char *
prompt_secret (const char *question)
{
  FILE *tty = fopen ("/dev/tty", "r+");
  struct termios saved, quiet;
  gboolean restore = FALSE;
  char *answer;

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

static gboolean
have_terminal (void)
{
  return isatty (STDIN_FILENO);
}

/* The passphrase: --passphrase-stdin, else the keyring, else the terminal. */
static char *
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
                             _("The journal is locked: --passphrase-stdin was given, but there was no line to read."));
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
      secret = prompt_secret (_("Passphrase: "));
      if (secret != NULL)
        return secret;
    }
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED,
                       _("The journal is locked: give its passphrase with --passphrase-stdin, or remember it in the keyring (init --remember, or in Hearth)."));
  return NULL;
}

static void
warn_problems (HearthJournal *journal)
{
  g_autoptr(GPtrArray) problems = hearth_journal_get_problems (journal);

  for (guint i = 0; i < problems->len; i++)
    {
      GError *problem = g_ptr_array_index (problems, i);
      g_printerr ("hearth-cli: %s %s\n", _("warning:"), problem->message);
    }
}

/* Opens, unlocks and loads the journal at PATH. Commands that change the
 * journal (WRITES) also take this computer's conflict copies into its own
 * files; the others never write to the journal folder. */
static HearthJournal *
open_journal (const char *path,
              gboolean    passphrase_stdin,
              gboolean    warn,
              gboolean    writes,
              GError    **error)
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
  if (!hearth_journal_load (journal, error))
    return NULL;
  if (warn)
    warn_problems (journal);
  return g_steal_pointer (&journal);
}

static HearthRecord *
find_partner_by_name (HearthJournal *journal,
                      const char    *name)
{
  GListModel *partners = hearth_journal_get_model (journal, HEARTH_KIND_PARTNER);
  g_autofree char *folded = hearth_text_fold (name);

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(HearthRecord) p = g_list_model_get_item (partners, i);
      g_autofree char *candidate = hearth_text_fold (hearth_record_get_string (p, "name"));

      if (g_str_equal (candidate, folded))
        return p;
    }
  return NULL;
}

static const char *
partner_name (HearthJournal *journal,
              const char    *id)
{
  HearthRecord *p = hearth_journal_get_partner (journal, id);
  return p ? hearth_record_get_string (p, "name") : "?";
}

static void
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

static void
print_record_line (HearthJournal *journal,
                   HearthRecord  *r)
{
  const char *kind = hearth_record_get_kind (r);
  const char *id = hearth_record_get_id (r);

  if (g_str_equal (kind, "entry"))
    {
      g_autofree char *when = local_day (hearth_record_get_created (r));
      g_auto(GStrv) tags = hearth_record_dup_strv (r, "tags");
      const char *title = hearth_record_get_string (r, "title");
      const char *mood = hearth_record_get_string (r, "mood");
      const char *body = hearth_record_get_string (r, "body");
      g_autofree char *first_line = g_strdup (body ? body : "");
      char *nl = strchr (first_line, '\n');

      if (nl)
        *nl = '\0';
      g_print ("%s  %s  %s: %s", when, id, partner_name (journal, hearth_record_get_string (r, "author")),
               title && *title ? title : _("(untitled)"));
      if (mood)
        g_print ("  (%s)", mood);
      for (guint i = 0; tags && tags[i]; i++)
        g_print ("  #%s", tags[i]);
      if (hearth_record_get_string (r, "reply_to"))
        g_print ("  %s %s", _("in reply to"), hearth_record_get_string (r, "reply_to"));
      g_print ("\n    %s\n", first_line);
    }
  else if (g_str_equal (kind, "gratitude"))
    g_print ("%s  %s  %s → %s: %s\n", hearth_record_get_string (r, "date") ? hearth_record_get_string (r, "date") : "",
             id, partner_name (journal, hearth_record_get_string (r, "from")),
             partner_name (journal, hearth_record_get_string (r, "to")),
             hearth_record_get_string (r, "text"));
  else if (g_str_equal (kind, "ritual"))
    {
      g_print ("%s  %s  [%s] %s %s %s", id, hearth_record_get_string (r, "title"),
               hearth_record_get_string (r, "type") ? hearth_record_get_string (r, "type") : "ritual",
               hearth_record_get_string (r, "recurrence"), _("from"), hearth_record_get_string (r, "start"));
      if (hearth_record_get_string (r, "time"))
        g_print (" %s %s", _("at"), hearth_record_get_string (r, "time"));
      if (hearth_record_get_bool (r, "archived"))
        g_print ("  %s", _("(archived)"));
      g_print ("\n");
    }
  else if (g_str_equal (kind, "occurrence"))
    {
      HearthRecord *ritual = hearth_journal_lookup (journal, hearth_record_get_string (r, "ritual"));
      const char *note = hearth_record_get_string (r, "note");

      g_print ("%s  %s  %s: %s", hearth_record_get_string (r, "date"), id,
               ritual ? hearth_record_get_string (ritual, "title") : "?",
               hearth_record_get_string (r, "status"));
      if (note)
        g_print (" — %s", note);
      g_print ("\n");
    }
  else if (g_str_equal (kind, "partner"))
    {
      const char *color = hearth_record_get_string (r, "color");
      g_print ("%s  %s  %s%s\n", id, hearth_record_get_string (r, "name"), color ? color : "",
               g_strcmp0 (id, hearth_journal_get_me (journal)) == 0 ? _("  (this device)") : "");
    }
  else
    g_print ("%s  %s\n", id, kind);
}

/* ------------------------------------------------------------------------ */
/* Commands                                                                  */

typedef struct
{
  const char *journal_path;
  gboolean    passphrase_stdin;
} Global;

static int
cmd_init (Global *g, Args *a)
{
  GPtrArray *partners = opt_all (a, "partner");
  const char *name = opt (a, "name");
  const char *me_name = opt (a, "me");
  const char *kdf = opt (a, "kdf");
  HearthKdfPreset preset = HEARTH_KDF_MODERATE;
  const char *names[2];
  guint me = 0;
  g_autoptr(Secret) passphrase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;

  if (a->positional->len > 0)
    return usage_error (_("init takes no argument “%s”."), (char *) g_ptr_array_index (a->positional, 0));
  if (name == NULL || *name == '\0')
    return usage_error (_("init needs --name NAME."));
  if (partners == NULL || partners->len != 2)
    return usage_error (_("init needs --partner NAME twice, once for each partner."));
  names[0] = g_ptr_array_index (partners, 0);
  names[1] = g_ptr_array_index (partners, 1);
  if (*names[0] == '\0' || *names[1] == '\0')
    return usage_error (_("a partner’s name cannot be empty."));
  if (me_name != NULL)
    {
      if (g_str_equal (me_name, names[0]))
        me = 0;
      else if (g_str_equal (me_name, names[1]))
        me = 1;
      else
        return usage_error (_("--me must be one of the two --partner names."));
    }
  if (kdf != NULL && !hearth_kdf_preset_from_string (kdf, &preset))
    return usage_error (_("--kdf must be moderate, interactive or min."));
  if (g->passphrase_stdin && has_opt (a, "no-passphrase"))
    return usage_error (_("choose either --passphrase-stdin or --no-passphrase."));
  if (has_opt (a, "no-passphrase") && has_opt (a, "remember"))
    return usage_error (_("--remember needs a passphrase."));

  if (g->passphrase_stdin)
    {
      passphrase = read_line (stdin);
      if (passphrase == NULL || *passphrase == '\0')
        return usage_error (_("--passphrase-stdin found no passphrase on standard input."));
    }
  else if (!has_opt (a, "no-passphrase"))
    {
      g_autoptr(Secret) again = NULL;

      if (!have_terminal ())
        return usage_error (_("give a passphrase with --passphrase-stdin, or choose --no-passphrase."));
      passphrase = prompt_secret (_("New passphrase: "));
      again = prompt_secret (_("The same passphrase again: "));
      if (passphrase == NULL || *passphrase == '\0' || g_strcmp0 (passphrase, again) != 0)
        return usage_error (_("the passphrases are empty or do not match."));
    }

  journal = hearth_journal_create (g->journal_path, name, names, NULL, me, passphrase, preset, &error);
  if (journal == NULL)
    return fail (error);

  if (has_opt (a, "remember") &&
      !hearth_keyring_store_sync (hearth_journal_get_id (journal), passphrase, NULL, &error))
    g_printerr ("hearth-cli: %s %s\n", _("warning:"), error->message);

  g_print (_("Created the journal “%s” in %s for %s and %s.\n"), name,
           hearth_journal_get_path (journal), names[0], names[1]);
  g_print ("%s\n", hearth_journal_get_id (journal));
  return 0;
}

static int
cmd_join (Global *g, Args *a)
{
  const char *me_name = opt (a, "me");
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  HearthRecord *partner;

  if (me_name == NULL || a->positional->len > 0)
    return usage_error (_("join needs --me NAME and nothing else."));
  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, TRUE, &error);
  if (journal == NULL)
    return fail (error);
  partner = find_partner_by_name (journal, me_name);
  if (partner == NULL)
    return usage_error (_("there is no partner called “%s” in this journal."), me_name);
  if (!hearth_journal_join (journal, hearth_record_get_id (partner), &error))
    return fail (error);
  g_print (_("This computer joined the journal as %s. Its device id is\n"), hearth_record_get_string (partner, "name"));
  g_print ("%s\n", hearth_journal_get_device_id (journal));
  return 0;
}

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
    return usage_error (_("--mood must be one of joyful, grateful, calm, close, hopeful, tired, anxious, sad, hurt, frustrated."));
  if (opt (a, "prompt-date") && !valid_date (opt (a, "prompt-date")))
    return usage_error (_("--prompt-date must be a date like 2026-11-23."));
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
    return usage_error (_("--start must be a date like 2026-11-23."));
  if (opt (a, "time") && !valid_time (opt (a, "time")))
    return usage_error (_("--time must be a time like 19:30."));
  if (opt (a, "duration") && !parse_minutes (opt (a, "duration"), &minutes))
    return usage_error (_("--duration must be a number of minutes."));
  if (opt (a, "remind-before") && g_strcmp0 (opt (a, "remind-before"), "none") != 0 &&
      !parse_minutes (opt (a, "remind-before"), &minutes))
    return usage_error (_("--remind-before must be a number of minutes, or “none”."));
  if (opt (a, "type") && !g_str_equal (opt (a, "type"), "ritual") && !g_str_equal (opt (a, "type"), "checkin"))
    return usage_error (_("--type must be ritual or checkin."));
  if (opt (a, "archived") && !g_str_equal (opt (a, "archived"), "true") && !g_str_equal (opt (a, "archived"), "false"))
    return usage_error (_("--archived must be true or false."));
  return 0;
}

static void
apply_strv (HearthRecord *record,
            const char   *member,
            GPtrArray    *values)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new ();

  for (guint i = 0; i < values->len; i++)
    if (*(const char *) g_ptr_array_index (values, i))
      g_ptr_array_add (copy, g_ptr_array_index (values, i));
  g_ptr_array_add (copy, NULL);
  hearth_record_set_strv (record, member, (const char * const *) copy->pdata);
}

static void
apply_minutes (HearthRecord *record,
               const char   *member,
               const char   *value)
{
  gint64 minutes;

  if (value == NULL)
    return;
  if (g_str_equal (value, "none"))
    hearth_record_set_null (record, member);
  else if (parse_minutes (value, &minutes))
    hearth_record_set_int (record, member, minutes);
}

static void
apply_string (HearthRecord *record,
              Args         *a,
              const char   *option,
              const char   *member)
{
  const char *value = opt (a, option);

  if (value == NULL)
    return;
  if (*value == '\0' && !g_str_equal (member, "body") && !g_str_equal (member, "text"))
    hearth_record_remove_member (record, member);
  else
    hearth_record_set_string (record, member, value);
}

static const OptionSpec entry_specs[] = {
  { "title", TRUE, FALSE }, { "body", TRUE, FALSE }, { "mood", TRUE, FALSE },
  { "tag", TRUE, TRUE }, { "prompt", TRUE, FALSE }, { "prompt-date", TRUE, FALSE },
  { "reply-to", TRUE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};
static const OptionSpec gratitude_specs[] = {
  { "text", TRUE, FALSE }, { "date", TRUE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};
static const OptionSpec ritual_specs[] = {
  { "title", TRUE, FALSE }, { "rrule", TRUE, FALSE }, { "start", TRUE, FALSE },
  { "time", TRUE, FALSE }, { "duration", TRUE, FALSE }, { "remind-before", TRUE, FALSE },
  { "type", TRUE, FALSE }, { "description", TRUE, FALSE }, { "archived", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};
static const OptionSpec partner_specs[] = {
  { "name", TRUE, FALSE }, { "color", TRUE, FALSE }, { "about", TRUE, FALSE },
  { "languages", TRUE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};
static const OptionSpec occurrence_specs[] = {
  { "status", TRUE, FALSE }, { "note", TRUE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};
static const OptionSpec journal_specs[] = {
  { "name", TRUE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};

/* Sets the fields the options name on a record of the options' kind. */
static int
apply_entry (HearthJournal *journal,
             HearthRecord  *r,
             Args          *a)
{
  const char *reply_to = opt (a, "reply-to");
  int status = check_entry_options (a);

  if (status != 0)
    return status;
  if (reply_to != NULL && *reply_to != '\0')
    {
      HearthRecord *parent = hearth_journal_lookup (journal, reply_to);
      if (parent == NULL || g_strcmp0 (hearth_record_get_kind (parent), "entry") != 0)
        {
          g_printerr ("hearth-cli: %s\n", _("There is no entry with that id to reply to."));
          return EXIT_PROBLEM;
        }
    }
  apply_string (r, a, "title", "title");
  apply_string (r, a, "body", "body");
  apply_string (r, a, "mood", "mood");
  apply_string (r, a, "prompt", "prompt");
  apply_string (r, a, "prompt-date", "prompt_date");
  apply_string (r, a, "reply-to", "reply_to");
  if (opt_all (a, "tag"))
    apply_strv (r, "tags", opt_all (a, "tag"));
  return 0;
}

static int
apply_gratitude (HearthRecord *r,
                 Args         *a)
{
  if (opt (a, "date") && !valid_date (opt (a, "date")))
    return usage_error (_("--date must be a date like 2026-11-23."));
  apply_string (r, a, "text", "text");
  apply_string (r, a, "date", "date");
  return 0;
}

static int
apply_ritual (HearthRecord *r,
              Args         *a)
{
  int status = check_ritual_options (a);

  if (status != 0)
    return status;
  apply_string (r, a, "title", "title");
  apply_string (r, a, "rrule", "recurrence");
  apply_string (r, a, "start", "start");
  apply_string (r, a, "time", "time");
  apply_string (r, a, "type", "type");
  apply_string (r, a, "description", "description");
  apply_minutes (r, "duration", opt (a, "duration"));
  apply_minutes (r, "remind_before", opt (a, "remind-before"));
  if (opt (a, "archived"))
    hearth_record_set_bool (r, "archived", g_str_equal (opt (a, "archived"), "true"));
  return 0;
}

static int
apply_partner (HearthRecord *r,
               Args         *a)
{
  const char *color = opt (a, "color");
  const char *langs = opt (a, "languages");

  if (color != NULL)
    {
      gboolean ok = strlen (color) == 7 && color[0] == '#';
      for (guint i = 1; ok && i < 7; i++)
        ok = g_ascii_isxdigit (color[i]);
      if (!ok)
        return usage_error (_("--color must look like #3584e4."));
    }
  if (opt (a, "name") && *opt (a, "name") == '\0')
    return usage_error (_("a partner’s name cannot be empty."));
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
            return usage_error (_("--languages is a comma-separated list of words, time, acts, touch, gifts."));
          g_ptr_array_add (list, parts[i]);
        }
      apply_strv (r, "emotional_languages", list);
    }
  apply_string (r, a, "name", "name");
  apply_string (r, a, "color", "color");
  apply_string (r, a, "about", "about");
  return 0;
}

static int
apply_occurrence (HearthRecord *r,
                  Args         *a)
{
  const char *status = opt (a, "status");

  if (status && !g_str_equal (status, "done") && !g_str_equal (status, "skipped"))
    return usage_error (_("--status must be done or skipped."));
  apply_string (r, a, "status", "status");
  apply_string (r, a, "note", "note");
  return 0;
}

static int
cmd_add (Global *g, int argc, char **argv)
{
  const char *what = argc > 0 ? argv[0] : NULL;
  const OptionSpec *specs;
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthRecord) record = NULL;
  int status = 0;

  if (g_strcmp0 (what, "entry") == 0)
    specs = entry_specs;
  else if (g_strcmp0 (what, "gratitude") == 0)
    specs = gratitude_specs;
  else if (g_strcmp0 (what, "ritual") == 0)
    specs = ritual_specs;
  else
    return usage_error (_("add what? entry, gratitude or ritual."));

  if (!parse_args (argc - 1, argv + 1, specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len > 0)
    return usage_error (_("unexpected argument “%s”."), (char *) g_ptr_array_index (a.positional, 0));

  /* Check the usage before asking for the passphrase. */
  if (specs == entry_specs)
    {
      if (opt (&a, "body") == NULL)
        return usage_error (_("add entry needs --body."));
      if ((status = check_entry_options (&a)) != 0)
        return status;
    }
  else if (specs == gratitude_specs)
    {
      if (opt (&a, "text") == NULL || *opt (&a, "text") == '\0')
        return usage_error (_("add gratitude needs --text."));
      if (opt (&a, "date") && !valid_date (opt (&a, "date")))
        return usage_error (_("--date must be a date like 2026-11-23."));
    }
  else
    {
      if (!opt (&a, "title") || !opt (&a, "rrule") || !opt (&a, "start"))
        return usage_error (_("add ritual needs --title, --rrule and --start."));
      if (has_opt (&a, "description") || has_opt (&a, "archived"))
        return usage_error (_("--description and --archived belong to edit."));
      if ((status = check_ritual_options (&a)) != 0)
        return status;
    }

  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, TRUE, &error);
  if (journal == NULL)
    return fail (error);
  if (!hearth_journal_check_writable (journal, &error))
    return fail (error);

  record = hearth_journal_new_record (journal, what, NULL);
  if (specs == entry_specs)
    {
      hearth_record_set_string (record, "author", hearth_journal_get_me (journal));
      status = apply_entry (journal, record, &a);
    }
  else if (specs == gratitude_specs)
    {
      g_autofree char *today = hearth_date_today ();
      const char *to = hearth_journal_get_partner_id (journal);

      hearth_record_set_string (record, "from", hearth_journal_get_me (journal));
      hearth_record_set_string (record, "to", to ? to : hearth_journal_get_me (journal));
      hearth_record_set_string (record, "date", today);
      status = apply_gratitude (record, &a);
    }
  else
    {
      if (!opt (&a, "type"))
        hearth_record_set_string (record, "type", "ritual");
      status = apply_ritual (record, &a);
    }
  if (status != 0)
    return status;
  return save_and_print (journal, record);
}

static const OptionSpec edit_parse_specs[] = {
  { "title", TRUE, FALSE }, { "body", TRUE, FALSE }, { "mood", TRUE, FALSE },
  { "tag", TRUE, TRUE }, { "prompt", TRUE, FALSE }, { "prompt-date", TRUE, FALSE },
  { "reply-to", TRUE, FALSE }, { "text", TRUE, FALSE }, { "date", TRUE, FALSE },
  { "rrule", TRUE, FALSE }, { "start", TRUE, FALSE }, { "time", TRUE, FALSE },
  { "duration", TRUE, FALSE }, { "remind-before", TRUE, FALSE }, { "type", TRUE, FALSE },
  { "description", TRUE, FALSE }, { "archived", TRUE, FALSE }, { "name", TRUE, FALSE },
  { "color", TRUE, FALSE }, { "about", TRUE, FALSE }, { "languages", TRUE, FALSE },
  { "status", TRUE, FALSE }, { "note", TRUE, FALSE }, { "passphrase-stdin", FALSE, FALSE },
  { NULL, }
};

static int
cmd_edit (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthRecord) copy = NULL;
  const OptionSpec *specs;
  HearthRecord *live;
  const char *id, *kind;
  int status = 0;

  if (!parse_args (argc, argv, edit_parse_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len != 1)
    return usage_error (_("edit needs one record id."));
  if (a.order->len == 0 || (a.order->len == 1 && has_opt (&a, "passphrase-stdin")))
    return usage_error (_("edit needs at least one field to change."));
  id = g_ptr_array_index (a.positional, 0);

  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, TRUE, &error);
  if (journal == NULL)
    return fail (error);
  live = hearth_journal_lookup (journal, id);
  if (live == NULL)
    {
      g_printerr ("hearth-cli: %s\n", _("There is no record with that id in this journal (it may have been deleted)."));
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
    return usage_error (_("records of this kind cannot be edited here."));
  for (guint i = 0; i < a.order->len; i++)
    if (find_spec (specs, g_ptr_array_index (a.order, i)) == NULL)
      return usage_error (_("--%s is not a field of a %s."), (char *) g_ptr_array_index (a.order, i), kind);
  if (specs == entry_specs && opt (&a, "body") && *opt (&a, "body") == '\0')
    return usage_error (_("an entry’s body cannot be empty."));
  if (specs == gratitude_specs && opt (&a, "text") && *opt (&a, "text") == '\0')
    return usage_error (_("a gratitude note’s text cannot be empty."));
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
        return usage_error (_("the journal’s name cannot be empty."));
      apply_string (copy, &a, "name", "name");
    }
  if (status != 0)
    return status;
  return save_and_print (journal, copy);
}

static const OptionSpec stdin_only_specs[] = {
  { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};

static int
cmd_delete (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  const char *id;
  int status = 0;

  if (!parse_args (argc, argv, stdin_only_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len != 1)
    return usage_error (_("delete needs one record id."));
  id = g_ptr_array_index (a.positional, 0);
  if (g_str_equal (id, "journal"))
    return usage_error (_("the journal itself cannot be deleted here."));
  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, TRUE, &error);
  if (journal == NULL)
    return fail (error);
  if (!hearth_journal_check_writable (journal, &error) || !hearth_journal_delete (journal, id, &error))
    return fail (error);
  g_print ("%s\n", id);
  return 0;
}

static const OptionSpec mark_specs[] = {
  { "note", TRUE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};

static int
cmd_mark (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthRecord) record = NULL;
  g_autofree char *id = NULL;
  const char *ritual_id, *date, *mark;
  HearthRecord *ritual, *live;
  int status = 0;

  if (!parse_args (argc, argv, mark_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len != 3)
    return usage_error (_("mark needs a ritual id, a date and done or skipped."));
  ritual_id = g_ptr_array_index (a.positional, 0);
  date = g_ptr_array_index (a.positional, 1);
  mark = g_ptr_array_index (a.positional, 2);
  if (!valid_date (date))
    return usage_error (_("the date must look like 2026-11-23."));
  if (!g_str_equal (mark, "done") && !g_str_equal (mark, "skipped"))
    return usage_error (_("mark an occurrence done or skipped."));

  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, TRUE, &error);
  if (journal == NULL)
    return fail (error);
  ritual = hearth_journal_lookup (journal, ritual_id);
  if (ritual == NULL || !g_str_equal (hearth_record_get_kind (ritual), "ritual"))
    {
      g_printerr ("hearth-cli: %s\n", _("There is no ritual with that id in this journal."));
      return EXIT_PROBLEM;
    }
  if (!hearth_journal_check_writable (journal, &error))
    return fail (error);

  id = g_strdup_printf ("%s/%s", ritual_id, date);
  live = hearth_journal_lookup (journal, id);
  record = live ? hearth_record_copy (live) : hearth_journal_new_record (journal, "occurrence", id);
  hearth_record_set_string (record, "ritual", ritual_id);
  hearth_record_set_string (record, "date", date);
  hearth_record_set_string (record, "status", mark);
  hearth_record_set_string (record, "by", hearth_journal_get_me (journal));
  if (opt (&a, "note") && *opt (&a, "note"))
    hearth_record_set_string (record, "note", opt (&a, "note"));
  else
    hearth_record_remove_member (record, "note");
  return save_and_print (journal, record);
}

static const OptionSpec list_specs[] = {
  { "json", FALSE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};

static int
cmd_list (Global *g, int argc, char **argv)
{
  static const struct { const char *name; HearthKind kind; } lists[] = {
    { "entries", HEARTH_KIND_ENTRY }, { "gratitude", HEARTH_KIND_GRATITUDE },
    { "rituals", HEARTH_KIND_RITUAL }, { "occurrences", HEARTH_KIND_OCCURRENCE },
    { "partners", HEARTH_KIND_PARTNER }, { "checkins", HEARTH_KIND_CHECKIN },
  };
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  const char *what;
  GListModel *model = NULL;
  int status = 0;

  if (!parse_args (argc, argv, list_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len != 1)
    return usage_error (_("list what? entries, gratitude, rituals, occurrences or partners."));
  what = g_ptr_array_index (a.positional, 0);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (g_str_equal (what, lists[i].name))
      {
        journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, FALSE, &error);
        if (journal == NULL)
          return fail (error);
        model = hearth_journal_get_model (journal, lists[i].kind);
      }
  if (model == NULL)
    return usage_error (_("list what? entries, gratitude, rituals, occurrences or partners."));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (records, g_list_model_get_item (model, i));
  if (has_opt (&a, "json"))
    print_json_records (records);
  else if (records->len == 0)
    g_print ("%s\n", _("Nothing yet."));
  else
    for (guint i = 0; i < records->len; i++)
      print_record_line (journal, g_ptr_array_index (records, i));
  return 0;
}

static int
cmd_search (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *query = NULL;
  int status = 0;

  if (!parse_args (argc, argv, list_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len == 0)
    return usage_error (_("search needs words to look for."));
  g_ptr_array_add (a.positional, NULL);
  query = g_strjoinv (" ", (char **) a.positional->pdata);
  if (*g_strstrip (query) == '\0')
    return usage_error (_("search needs words to look for."));

  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, FALSE, &error);
  if (journal == NULL)
    return fail (error);
  found = hearth_journal_search (journal, query);
  if (has_opt (&a, "json"))
    print_json_records (found);
  else if (found->len == 0)
    g_print ("%s\n", _("Nothing found."));
  else
    for (guint i = 0; i < found->len; i++)
      print_record_line (journal, g_ptr_array_index (found, i));
  return 0;
}

static const OptionSpec reminders_specs[] = {
  { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "json", FALSE, FALSE },
  { "passphrase-stdin", FALSE, FALSE }, { NULL, }
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

static int
cmd_reminders (Global *g, int argc, char **argv)
{
  /* Ten years of a daily ritual is still quick; a range of centuries is
   * more likely a typo. */
  const GTimeSpan max_span = (GTimeSpan) 3660 * G_TIME_SPAN_DAY;
  g_auto(Args) a = { NULL, };
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
    return usage_error (_("reminders takes no argument “%s”."), (char *) g_ptr_array_index (a.positional, 0));
  if (opt (&a, "from") != NULL)
    {
      from = parse_when (opt (&a, "from"), tz);
      if (from == NULL)
        return usage_error (_("--from “%s” is not a date (YYYY-MM-DD) or an ISO 8601 date-time."), opt (&a, "from"));
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
        return usage_error (_("--to “%s” is not a date (YYYY-MM-DD) or an ISO 8601 date-time."), opt (&a, "to"));
    }
  else
    to = g_date_time_add_days (from, 7);
  if (to == NULL || g_date_time_compare (to, from) <= 0)
    return usage_error (_("--to must come after --from."));
  if (g_date_time_difference (to, from) > max_span)
    return usage_error (_("reminders lists at most ten years at a time."));

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
          HearthReminder *r = g_ptr_array_index (reminders, i);
          g_autofree char *time = g_date_time_format (hearth_reminder_get_due (r), "%Y-%m-%dT%H:%M:%S%:z");
          JsonObject *o = json_object_new ();

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
    g_print ("%s\n", _("No reminders in that time."));
  else
    for (guint i = 0; i < reminders->len; i++)
      {
        HearthReminder *r = g_ptr_array_index (reminders, i);
        g_autofree char *time = g_date_time_format (hearth_reminder_get_due (r), "%Y-%m-%dT%H:%M:%S%:z");
        const char *id = hearth_reminder_get_record_id (r);

        g_print ("%s  %s  [%s]%s%s\n", time, hearth_reminder_get_title (r),
                 hearth_reminder_kind_to_string (hearth_reminder_get_kind (r)),
                 id ? "  " : "", id ? id : "");
      }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Rituals: their schedule and statistics                                    */

static const char * const state_names[] = {
  [HEARTH_OCCURRENCE_UPCOMING] = "upcoming",
  [HEARTH_OCCURRENCE_DONE] = "done",
  [HEARTH_OCCURRENCE_SKIPPED] = "skipped",
  [HEARTH_OCCURRENCE_MISSED] = "missed",
};

/* The same states in words, for the plain-text list (JSON keeps the names). */
static const char * const state_labels[] = {
  [HEARTH_OCCURRENCE_UPCOMING] = NC_("ritual day", "upcoming"),
  [HEARTH_OCCURRENCE_DONE] = NC_("ritual day", "done"),
  [HEARTH_OCCURRENCE_SKIPPED] = NC_("ritual day", "skipped"),
  [HEARTH_OCCURRENCE_MISSED] = NC_("ritual day", "missed"),
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
  const char *title = hearth_record_get_string (ritual, "title");

  g_date_clear (start, 1);
  if (!hearth_date_parse (hearth_record_get_string (ritual, "start"), start))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_INVALID,
                   _("The ritual “%s” has no valid start date."), title ? title : "");
      return NULL;
    }
  rule = hearth_recurrence_parse (hearth_record_get_string (ritual, "recurrence"), &local_error);
  if (rule == NULL)
    g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_INVALID,
                 _("The ritual “%s” has a repeat rule that cannot be read: %s"),
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
  { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { "json", FALSE, FALSE },
  { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};

static int
cmd_occurrences (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthRecurrence) rule = NULL;
  g_autoptr(GHashTable) marks = NULL;
  g_autoptr(GArray) scheduled = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  GDate from, to, start, today;
  const char *ritual_id;
  HearthRecord *ritual;
  gboolean json;
  int status = 0;

  if (!parse_args (argc, argv, occurrences_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  json = has_opt (&a, "json");
  if (a.positional->len != 1)
    return usage_error (_("occurrences needs one ritual id."));
  if (!opt (&a, "from") || !opt (&a, "to"))
    return usage_error (_("occurrences needs --from and --to."));
  if (!valid_date (opt (&a, "from")) || !valid_date (opt (&a, "to")))
    return usage_error (_("--from and --to must be dates like 2026-11-23."));
  hearth_date_parse (opt (&a, "from"), &from);
  hearth_date_parse (opt (&a, "to"), &to);
  if (g_date_compare (&from, &to) > 0)
    return usage_error (_("--from must not come after --to."));
  ritual_id = g_ptr_array_index (a.positional, 0);

  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, FALSE, &error);
  if (journal == NULL)
    return fail (error);
  ritual = hearth_journal_lookup (journal, ritual_id);
  if (ritual == NULL || !g_str_equal (hearth_record_get_kind (ritual), "ritual"))
    {
      g_printerr ("hearth-cli: %s\n", _("There is no ritual with that id in this journal."));
      return EXIT_PROBLEM;
    }
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
      g_autofree char *day = hearth_date_to_string (&item->date);
      g_autofree char *id = g_strdup_printf ("%s/%s", ritual_id, day);
      g_autoptr(GDateTime) begins = NULL;
      g_autofree char *begins_text = NULL;
      HearthRecord *occurrence = hearth_journal_lookup (journal, id);
      const char *note = occurrence ? hearth_record_get_string (occurrence, "note") : NULL;

      begins = hearth_recurrence_start_time (&item->date, hearth_record_get_string (ritual, "time"), tz, &error);
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
    g_print ("%s\n", _("The ritual does not come round between those dates."));
  return 0;
}

/* The journal's partners in the order they were created, as (id, name). */
static GPtrArray *
partner_list (HearthJournal *journal)
{
  GListModel *model = hearth_journal_get_model (journal, HEARTH_KIND_PARTNER);
  GPtrArray *partners = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (partners, g_list_model_get_item (model, i));
  return partners;
}

#define STATS_WEEKS 12

static const char * const rating_dimensions[] = { "heard", "supported", "close", "safe", "team" };

static void
stats_rituals (HearthJournal *journal,
               const GDate   *today,
               gboolean       json,
               JsonArray     *out)
{
  GListModel *rituals = hearth_journal_get_model (journal, HEARTH_KIND_RITUAL);
  g_autoptr(GHashTable) marks = hearth_journal_collect_marks (journal);

  if (!json)
    g_print ("%s\n", _("Rituals"));
  if (!json && g_list_model_get_n_items (rituals) == 0)
    g_print ("  %s\n", _("No rituals yet."));

  for (guint i = 0; i < g_list_model_get_n_items (rituals); i++)
    {
      g_autoptr(HearthRecord) ritual = g_list_model_get_item (rituals, i);
      g_autoptr(HearthRecurrence) rule = NULL;
      g_autoptr(GError) error = NULL;
      const char *id = hearth_record_get_id (ritual);
      const char *title = hearth_record_get_string (ritual, "title");
      HearthRitualStats stats = { 0, };
      GDate start;
      double percent;

      rule = ritual_rule (ritual, &start, &error);
      if (rule == NULL)
        {
          g_printerr ("hearth-cli: %s %s\n", _("warning:"), error->message);
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
          if (hearth_record_get_bool (ritual, "archived"))
            json_object_set_boolean_member (object, "archived", TRUE);
          json_array_add_object_element (out, object);
        }
      else
        {
          g_print ("  %s  %s%s\n", id, title ? title : "",
                   hearth_record_get_bool (ritual, "archived") ? _("  (archived)") : "");
          /* TRANSLATORS: streaks, the consistency score in percent and counts of one ritual */
          g_print (_("    current streak %u, best streak %u, consistency %.1f %% (%u done, %u skipped, %u missed)\n"),
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
          g_autoptr(HearthRecord) note = g_list_model_get_item (notes, i);
          GDate date;

          if (g_strcmp0 (hearth_record_get_string (note, "from"), ends[0]) != 0 ||
              g_strcmp0 (hearth_record_get_string (note, "to"), ends[1]) != 0 ||
              !hearth_date_parse (hearth_record_get_string (note, "date"), &date))
            continue;
          g_array_append_val (dates, date);
        }
      g_ptr_array_add (counts, hearth_stats_weekly_counts ((const GDate *) (gpointer) dates->data, dates->len,
                                                           from, today));
    }

  if (!json)
    g_print ("\n%s\n", _("Gratitude per week"));
  weeks_template = hearth_stats_weekly_counts (NULL, 0, from, today);
  for (guint w = 0; w < weeks_template->len; w++)
    {
      g_autofree char *week = hearth_date_to_string (&g_array_index (weeks_template, HearthWeekCount, w).week);
      JsonObject *object = NULL, *by_direction = NULL;

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
          guint n = g_array_index ((GArray *) g_ptr_array_index (counts, d), HearthWeekCount, w).count;

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
      HearthRecord *checkin = g_list_model_get_item (checkins, i);
      g_autoptr(JsonNode) node = hearth_record_dup_member (checkin, "ratings");
      GDate date;

      g_ptr_array_add (keep, checkin);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
          !hearth_date_parse (hearth_record_get_string (checkin, "date"), &date))
        continue;
      for (guint d = 0; d < G_N_ELEMENTS (rating_dimensions); d++)
        {
          JsonNode *value = json_object_get_member (json_node_get_object (node), rating_dimensions[d]);
          HearthRating rating;

          if (value == NULL || json_node_get_value_type (value) != G_TYPE_INT64)
            continue;
          rating.date = date;
          rating.partner = hearth_record_get_string (checkin, "partner");
          rating.dimension = rating_dimensions[d];
          rating.value = (int) CLAMP (json_node_get_int (value), -1, 6);
          g_array_append_val (ratings, rating);
        }
    }

  /* One series per (partner, dimension), partners in order. */
  for (guint p = 0; p < partners->len; p++)
    for (guint d = 0; d < G_N_ELEMENTS (rating_dimensions); d++)
      g_ptr_array_add (series,
                       hearth_stats_weekly_ratings ((const HearthRating *) (gpointer) ratings->data, ratings->len,
                                                    hearth_record_get_id (g_ptr_array_index (partners, p)),
                                                    rating_dimensions[d], from, today));

  if (!json)
    g_print ("\n%s\n", _("Check-in ratings per week"));
  for (guint w = 0; w < weeks_template->len; w++)
    {
      g_autofree char *week = hearth_date_to_string (&g_array_index (weeks_template, HearthWeekCount, w).week);
      JsonObject *object = NULL, *by_partner = NULL;
      gboolean any = FALSE;

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
          const char *name = hearth_record_get_string (g_ptr_array_index (partners, p), "name");
          JsonObject *dims = NULL;
          gboolean partner_any = FALSE;

          for (guint d = 0; d < G_N_ELEMENTS (rating_dimensions); d++)
            {
              GArray *weeks = g_ptr_array_index (series, p * G_N_ELEMENTS (rating_dimensions) + d);
              const HearthWeekAverage *avg = &g_array_index (weeks, HearthWeekAverage, w);

              if (avg->n == 0)
                continue;
              if (json)
                {
                  if (dims == NULL)
                    dims = json_object_new ();
                  json_object_set_double_member (dims, rating_dimensions[d], floor (avg->average * 100 + 0.5) / 100);
                }
              else
                g_print ("%s%s %s %.1f", partner_any ? "," : "  ", partner_any ? "" : name,
                         rating_dimensions[d], avg->average);
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

static int
cmd_stats (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(JsonArray) rituals = json_array_new ();
  g_autoptr(JsonArray) gratitude = json_array_new ();
  g_autoptr(JsonArray) ratings = json_array_new ();
  GDate today, from;
  gboolean json;
  int status = 0;

  if (!parse_args (argc, argv, list_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len > 0)
    return usage_error (_("stats takes no arguments."));
  json = has_opt (&a, "json");

  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, FALSE, &error);
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

static const OptionSpec export_specs[] = {
  { "format", TRUE, FALSE }, { "output", TRUE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};

static int
cmd_export (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autofree char *text = NULL;
  const char *format, *output;
  int status = 0;

  if (!parse_args (argc, argv, export_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  format = opt (&a, "format");
  output = opt (&a, "output");
  if (a.positional->len > 0)
    return usage_error (_("unexpected argument “%s”."), (char *) g_ptr_array_index (a.positional, 0));
  if (format == NULL || (!g_str_equal (format, "markdown") && !g_str_equal (format, "html")))
    return usage_error (_("export needs --format markdown or --format html."));
  if (output != NULL && *output == '\0')
    return usage_error (_("--output needs a file name."));

  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, FALSE, &error);
  if (journal == NULL)
    return fail (error);
  text = g_str_equal (format, "html") ? hearth_export_html (journal) : hearth_export_markdown (journal);
  if (output == NULL)
    {
      fputs (text, stdout);
      return 0;
    }
  if (!g_file_set_contents_full (output, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_printerr ("hearth-cli: %s %s\n", _("The export could not be written:"), error->message);
      return EXIT_PROBLEM;
    }
  g_print (_("Exported the journal to %s\n"), output);
  return 0;
}

static int
cmd_check (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gboolean damaged = FALSE;
  int status = 0;

  if (!parse_args (argc, argv, stdin_only_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len > 0)
    return usage_error (_("check takes no arguments."));
  journal = open_journal (g->journal_path, g->passphrase_stdin, FALSE, FALSE, &error);
  if (journal == NULL)
    return fail (error);
  problems = hearth_journal_get_problems (journal);
  for (guint i = 0; i < problems->len; i++)
    {
      GError *problem = g_ptr_array_index (problems, i);
      g_print ("%s\n", problem->message);
      if (problem->code != HEARTH_ERROR_NEWER_FORMAT && problem->code != HEARTH_ERROR_READ_ONLY)
        damaged = TRUE;
    }
  if (problems->len == 0)
    g_print ("%s\n", _("Every file of the journal is fine."));
  else if (!damaged)
    g_print ("%s\n", _("Every file this version of Hearth can read is fine."));
  if (hearth_journal_has_versions_to_accept (journal))
    g_print ("%s\n", _("To keep a file that went back or is missing as it is now: hearth-cli accept devices/DEVICE/FILE (or accept --all)."));
  return damaged ? EXIT_PROBLEM : 0;
}

static const OptionSpec accept_specs[] = {
  { "all", FALSE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};

static int
cmd_accept (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  gboolean all;
  int status = 0;

  if (!parse_args (argc, argv, accept_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  all = has_opt (&a, "all");
  if (all == (a.positional->len > 0))
    return usage_error (_("accept needs the files to keep as they are (devices/DEVICE/FILE), or --all."));
  journal = open_journal (g->journal_path, g->passphrase_stdin, FALSE, FALSE, &error);
  if (journal == NULL)
    return fail (error);
  if (all)
    {
      if (!hearth_journal_accept_file (journal, NULL, &error))
        return fail (error);
    }
  for (guint i = 0; i < a.positional->len; i++)
    if (!hearth_journal_accept_file (journal, g_ptr_array_index (a.positional, i), &error))
      return fail (error);
  g_print ("%s\n", _("Accepted: those files are kept as they are now."));
  return 0;
}

static const OptionSpec passwd_specs[] = {
  { "new-key", FALSE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};

static int
cmd_passwd (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(Secret) old_pass = NULL;
  g_autoptr(Secret) new_pass = NULL;
  g_autoptr(Secret) again = NULL;
  g_autoptr(GError) keyring_error = NULL;
  char *remembered;
  gboolean tty = have_terminal ();
  gboolean new_key;
  int status = 0;

  if (!parse_args (argc, argv, passwd_specs, &a, &status))
    return status;
  if (a.positional->len > 0)
    return usage_error (_("passwd takes no arguments."));
  new_key = has_opt (&a, "new-key");
  journal = hearth_journal_open (g->journal_path, &error);
  if (journal == NULL)
    return fail (error);
  if (!hearth_journal_check_writable (journal, &error) &&
      g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_READ_ONLY))
    return fail (error);
  g_clear_error (&error);
  if (!hearth_journal_is_encrypted (journal))
    {
      g_printerr ("hearth-cli: %s\n", _("This journal has no passphrase to change."));
      return EXIT_PROBLEM;
    }

  old_pass = tty ? prompt_secret (_("Current passphrase: ")) : read_line (stdin);
  new_pass = tty ? prompt_secret (_("New passphrase: ")) : read_line (stdin);
  again = tty ? prompt_secret (_("The new passphrase again: ")) : read_line (stdin);
  if (old_pass == NULL || new_pass == NULL || again == NULL)
    return usage_error (_("passwd reads three lines: the current passphrase, the new one, and the new one again."));
  if (*new_pass == '\0')
    return usage_error (_("the new passphrase is empty."));
  if (!g_str_equal (new_pass, again))
    return usage_error (_("the two new passphrases differ; nothing was changed."));

  if (new_key ? !hearth_journal_rekey (journal, old_pass, new_pass, &error)
              : !hearth_journal_change_passphrase (journal, old_pass, new_pass, &error))
    return fail (error);

  remembered = hearth_keyring_lookup_sync (hearth_journal_get_id (journal), NULL, &keyring_error);
  if (remembered != NULL)
    {
      hearth_keyring_free_secret (remembered);
      if (!hearth_keyring_store_sync (hearth_journal_get_id (journal), new_pass, NULL, &keyring_error))
        g_printerr ("hearth-cli: %s %s\n", _("warning:"), keyring_error->message);
    }
  if (new_key)
    g_print ("%s\n", _("The passphrase was changed and the journal has a new key: what is written from now on cannot be read with the old passphrase. Each computer seals its own files again with the new key the next time it opens the journal."));
  else
    g_print ("%s\n", _("The passphrase was changed."));
  return 0;
}

static int
cmd_forget (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  int status = 0;

  if (!parse_args (argc, argv, stdin_only_specs, &a, &status))
    return status;
  if (a.positional->len > 0)
    return usage_error (_("forget takes no arguments."));
  journal = hearth_journal_open (g->journal_path, &error);
  if (journal == NULL)
    return fail (error);
  if (!hearth_keyring_clear_sync (hearth_journal_get_id (journal), NULL, &error))
    return fail (error);
  g_print ("%s\n", _("The keyring no longer remembers this journal’s passphrase."));
  return 0;
}

static const OptionSpec backup_specs[] = {
  { "list", FALSE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};

static int
list_backups (HearthJournal *journal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = hearth_backup_list (hearth_journal_get_id (journal), NULL, &error);
  g_autofree char *folder = hearth_backup_get_folder (NULL, hearth_journal_get_id (journal));

  if (backups == NULL)
    return fail (error);
  if (backups->len == 0)
    {
      g_print (_("There is no backup of this journal yet. Backups are kept in %s.\n"), folder);
      return 0;
    }
  for (guint i = 0; i < backups->len; i++)
    {
      HearthBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *size = g_format_size (info->size);

      if (info->complete)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%s  %u file, %s  %s\n", "%s  %u files, %s  %s\n", info->n_files),
                 info->date, info->n_files, size, info->path);
      else
        g_print (_("%s  unfinished or damaged, cannot be restored from  %s\n"), info->date, info->path);
    }
  return 0;
}

static int
cmd_backup (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthBackupInfo) info = NULL;
  g_autofree char *size = NULL;
  int status = 0;

  if (!parse_args (argc, argv, backup_specs, &a, &status))
    return status;
  if (a.positional->len > 0)
    return usage_error (_("backup takes no arguments."));
  /* The files are copied as they are: no passphrase needed. */
  journal = hearth_journal_open (g->journal_path, &error);
  if (journal == NULL)
    return fail (error);
  if (has_opt (&a, "list"))
    return list_backups (journal);
  info = hearth_backup_make (hearth_journal_get_path (journal), hearth_journal_get_id (journal), NULL,
                             HEARTH_BACKUP_REPLACE, NULL, &error);
  if (info == NULL)
    return fail (error);
  size = g_format_size (info->size);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Backed up %u file (%s) to %s\n", "Backed up %u files (%s) to %s\n",
                        info->n_files),
           info->n_files, size, info->path);
  return 0;
}

static const OptionSpec restore_specs[] = {
  { "from", TRUE, FALSE }, { "dry-run", FALSE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};

static const char *
restore_reason (HearthRestoreReason reason)
{
  switch (reason)
    {
    case HEARTH_RESTORE_DELETED:
      return _("deleted since the backup");
    case HEARTH_RESTORE_MISSING:
      return _("missing from the journal");
    case HEARTH_RESTORE_NEWER_TEXT:
      return _("the journal went back to an older text");
    case HEARTH_RESTORE_EARLIER_TEXT:
      return _("changed since; the earlier text comes back beside it");
    case HEARTH_RESTORE_N_REASONS:
    default:
      return "";
    }
}

/* A backup folder, or the date of one of this journal's backups. */
static char *
backup_path_for (HearthJournal *journal,
                 const char    *from)
{
  if (!g_file_test (from, G_FILE_TEST_EXISTS) && hearth_date_parse (from, NULL))
    {
      g_autofree char *folder = hearth_backup_get_folder (NULL, hearth_journal_get_id (journal));
      return g_build_filename (folder, from, NULL);
    }
  return g_strdup (from);
}

static int
cmd_restore (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthRestorePlan) plan = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;
  GPtrArray *items;
  guint n = 0;
  int status = 0;

  if (!parse_args (argc, argv, restore_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len > 0 || opt (&a, "from") == NULL || *opt (&a, "from") == '\0')
    return usage_error (_("restore needs --from and a backup folder or date (hearth-cli backup --list shows them)."));
  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, !has_opt (&a, "dry-run"), &error);
  if (journal == NULL)
    return fail (error);
  path = backup_path_for (journal, opt (&a, "from"));
  plan = hearth_restore_plan_new (journal, path, &error);
  if (plan == NULL)
    return fail (error);

  items = hearth_restore_plan_get_items (plan);
  summary = hearth_restore_plan_describe (plan);
  if (items->len == 0)
    g_print ("%s\n", summary);
  else
    g_print (_("The backup of %s: %s\n"), hearth_restore_plan_get_date (plan), summary);
  for (guint i = 0; i < items->len; i++)
    {
      HearthRestoreItem *item = g_ptr_array_index (items, i);

      g_print ("  %s  %s: %s  (%s)\n", item->date, hearth_restore_kind_name (item->kind),
               *item->title ? item->title : _("(untitled)"), restore_reason (item->reason));
    }
  if (has_opt (&a, "dry-run"))
    {
      g_print ("%s\n", _("Nothing was restored: this was a dry run."));
      return 0;
    }
  if (items->len == 0)
    return 0;
  if (!hearth_restore_plan_apply (plan, journal, &n, &error))
    return fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Brought back %u item from the backup of %s.\n",
                        "Brought back %u items from the backup of %s.\n", n),
           n, hearth_restore_plan_get_date (plan));
  return 0;
}

static const OptionSpec init_specs[] = {
  { "name", TRUE, FALSE }, { "partner", TRUE, TRUE }, { "me", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE }, { "no-passphrase", FALSE, FALSE },
  { "kdf", TRUE, FALSE }, { "remember", FALSE, FALSE }, { NULL, }
};
static const OptionSpec join_specs[] = {
  { "me", TRUE, FALSE }, { "passphrase-stdin", FALSE, FALSE }, { NULL, }
};

int
main (int    argc,
      char **argv)
{
  Global g = { NULL, FALSE };
  g_autofree char *journal_path = NULL;
  const char *localedir = g_getenv ("HEARTH_LOCALEDIR");
  const char *command;
  int i = 1;

  hearth_vault_protect_process ();
  /* A file size limit makes a write fail (EFBIG), like a full disk,
   * instead of ending the program. */
  signal (SIGXFSZ, SIG_IGN);
  g_set_print_handler (print_escaped);
  g_set_printerr_handler (printerr_escaped);
  setlocale (LC_ALL, "");
  /* HEARTH_LOCALEDIR: the translations of an uninstalled build (meson
   * devenv and the tests set it to <build>/po). */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("hearth-cli");

  /* Global options come before the command. */
  while (i < argc && g_str_has_prefix (argv[i], "--"))
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          g_print ("%s", _(usage_text));
          return 0;
        }
      if (g_str_equal (argv[i], "--version"))
        {
          g_print ("hearth-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      if (g_str_equal (argv[i], "--journal"))
        {
          if (i + 1 >= argc || *argv[i + 1] == '\0')
            return usage_error (_("--journal needs a folder."));
          g_free (journal_path);
          journal_path = g_strdup (argv[i + 1]);
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--journal="))
        {
          g_free (journal_path);
          journal_path = g_strdup (argv[i] + strlen ("--journal="));
          i++;
        }
      else if (g_str_equal (argv[i], "--passphrase-stdin"))
        {
          g.passphrase_stdin = TRUE;
          i++;
        }
      else
        return usage_error (_("unknown option %s."), argv[i]);
    }
  if (i >= argc)
    return usage_error (_("a command is missing."));
  if (journal_path == NULL)
    journal_path = default_journal_path ();
  g.journal_path = journal_path;
  command = argv[i++];
  argc -= i;
  argv += i;

  if (g_str_equal (command, "init") || g_str_equal (command, "join"))
    {
      g_auto(Args) a = { NULL, };
      int status = 0;

      if (!parse_args (argc, argv, g_str_equal (command, "init") ? init_specs : join_specs, &a, &status))
        return status;
      if (has_opt (&a, "passphrase-stdin"))
        g.passphrase_stdin = TRUE;
      return g_str_equal (command, "init") ? cmd_init (&g, &a) : cmd_join (&g, &a);
    }
  if (g_str_equal (command, "add"))
    return cmd_add (&g, argc, argv);
  if (g_str_equal (command, "edit"))
    return cmd_edit (&g, argc, argv);
  if (g_str_equal (command, "delete"))
    return cmd_delete (&g, argc, argv);
  if (g_str_equal (command, "mark"))
    return cmd_mark (&g, argc, argv);
  if (g_str_equal (command, "list"))
    return cmd_list (&g, argc, argv);
  if (g_str_equal (command, "search"))
    return cmd_search (&g, argc, argv);
  if (g_str_equal (command, "occurrences"))
    return cmd_occurrences (&g, argc, argv);
  if (g_str_equal (command, "stats"))
    return cmd_stats (&g, argc, argv);
  if (g_str_equal (command, "reminders"))
    return cmd_reminders (&g, argc, argv);
  if (g_str_equal (command, "export"))
    return cmd_export (&g, argc, argv);
  if (g_str_equal (command, "check"))
    return cmd_check (&g, argc, argv);
  if (g_str_equal (command, "accept"))
    return cmd_accept (&g, argc, argv);
  if (g_str_equal (command, "passwd"))
    return cmd_passwd (&g, argc, argv);
  if (g_str_equal (command, "forget"))
    return cmd_forget (&g, argc, argv);
  if (g_str_equal (command, "backup"))
    return cmd_backup (&g, argc, argv);
  if (g_str_equal (command, "restore"))
    return cmd_restore (&g, argc, argv);
  if (g_str_equal (command, "help"))
    {
      g_print ("%s", _(usage_text));
      return 0;
    }
  return usage_error (_("unknown command “%s”."), command);
}
