/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "hearth-error.h"
#include "hearth-journal.h"
#include "hearth-record.h"
#include "hearth-shard.h"
#include "hearth-text.h"

G_BEGIN_DECLS

#define EXIT_PROBLEM 1
#define EXIT_USAGE   2

/* ------------------------------------------------------------------------ */
/* Arguments (hearth-cli-util.c)                                             */

typedef struct
{
  const char *name;
  gboolean    takes_value;
  gboolean    repeated;
} OptionSpec;

typedef struct
{
  GPtrArray  *positional; /* const char * */
  GHashTable *values;     /* option name → GPtrArray of const char * (NULL entries for flags) */
  GPtrArray  *order;      /* option names in the order given */
} Args;

void args_clear (Args *args);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Args, args_clear)

int               usage_error (const char *format,
                               ...) G_GNUC_PRINTF (1, 2);
const OptionSpec *find_spec (const OptionSpec *specs,
                             const char       *name);
gboolean          parse_args (int               argc,
                              char            **argv,
                              const OptionSpec *specs,
                              Args             *args,
                              int              *status);
const char       *opt (Args       *args,
                       const char *name);
gboolean          has_opt (Args       *args,
                           const char *name);
GPtrArray        *opt_all (Args       *args,
                           const char *name);
gboolean          valid_date (const char *text);
gboolean          valid_time (const char *text);
gboolean          parse_minutes (const char *text,
                                 gint64     *minutes);
gboolean          in_list (const char  *value,
                           const char **list);

/* --json and --passphrase-stdin; --passphrase-stdin alone */
extern const OptionSpec list_specs[];
extern const OptionSpec stdin_only_specs[];

/* ------------------------------------------------------------------------ */
/* The journal, its key and output (hearth-cli-util.c)                       */

typedef char Secret;

void secret_free (char *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Secret, secret_free)

typedef struct
{
  const char *journal_path;
  gboolean    passphrase_stdin;
} Global;

GSettings      *app_settings (void);
char           *default_journal_path (void);
int             fail (GError *error);
HearthRecord   *lookup_ritual (HearthJournal *journal,
                               const char    *id);
char           *read_line (FILE *in);
void            print_escaped (const char *text);
void            printerr_escaped (const char *text);
char           *prompt_secret (const char *question);
gboolean        have_terminal (void);
char           *get_passphrase (HearthJournal *journal,
                                gboolean       from_stdin,
                                GError       **error);
void            warn_problems (HearthJournal *journal);
HearthJournal  *open_journal (const char *path,
                              gboolean    passphrase_stdin,
                              gboolean    warn,
                              gboolean    writes,
                              GError    **error);
HearthJournal  *open_journal_scope (const char            *path,
                                    gboolean               passphrase_stdin,
                                    gboolean               warn,
                                    gboolean               writes,
                                    const HearthLoadScope *scope,
                                    GError               **error);
HearthLoadScope load_scope (HearthLoadFiles files,
                            int             first_year,
                            int             last_year);
int             date_year (const char *date);
HearthRecord   *find_partner_by_name (HearthJournal *journal,
                                      const char    *name);
const char     *partner_name (HearthJournal *journal,
                              const char    *id);
void            print_json_records (GPtrArray *records);
void            print_record_line (HearthJournal *journal,
                                   HearthRecord  *r);

/* ------------------------------------------------------------------------ */
/* Commands                                                                  */

/* hearth-cli-setup.c */
int cmd_init (Global *g, Args *a);
int cmd_join (Global *g, Args *a);

/* hearth-cli-records.c */
int cmd_add (Global *g, int argc, char **argv);
int cmd_edit (Global *g, int argc, char **argv);
int cmd_delete (Global *g, int argc, char **argv);
int cmd_mark (Global *g, int argc, char **argv);

/* hearth-cli-view.c */
int cmd_list (Global *g, int argc, char **argv);
int cmd_search (Global *g, int argc, char **argv);
int cmd_reminders (Global *g, int argc, char **argv);

/* hearth-cli-rituals.c */
int cmd_occurrences (Global *g, int argc, char **argv);
int cmd_stats (Global *g, int argc, char **argv);

/* hearth-cli-export.c */
int cmd_export (Global *g, int argc, char **argv);
int cmd_backup (Global *g, int argc, char **argv);
int cmd_restore (Global *g, int argc, char **argv);

/* hearth-cli-check.c */
int cmd_check (Global *g, int argc, char **argv);
int cmd_accept (Global *g, int argc, char **argv);

/* hearth-cli-keys.c */
int cmd_passwd (Global *g, int argc, char **argv);
int cmd_forget (Global *g, int argc, char **argv);

G_END_DECLS
