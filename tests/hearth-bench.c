/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * hearth-bench: builds a ten-year journal of two devices (about 20,000
 * entries, 7,000 gratitude notes, 6 rituals with 4,000 occurrences,
 * encrypted with the minimum KDF) and measures, through the core API and
 * through hearth-cli, how long a person waits for what they do most.
 *
 *   hearth-bench [--cli PATH] [--keep DIR] [--runs N]
 */

#include "config.h"

#include <math.h>
#include <signal.h>
#include <spawn.h>

extern char **environ;
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "hearth-journal-private.h"
#include "hearth-keyring.h"
#include "hearth-shard.h"
#include "hearth-text.h"

#define YEARS       10
#define ENTRIES     20000
#define GRATITUDE   7000
#define RITUALS     6
#define OCCURRENCES 4000
#define PASSPHRASE  "bench passphrase"

static const char *words[] = {
  "morning", "coffee", "walk", "river", "kitchen", "laughed", "quiet", "tired", "garden", "letter",
  "train", "rain", "music", "grandmother", "holiday", "worry", "promise", "dinner", "candles", "bicycle",
  "market", "story", "childhood", "window", "blanket", "mountain", "ocean", "habit", "listen", "gentle",
  "patience", "surprise", "weekend", "bread", "sunlight", "courage", "friends", "evening", "book", "dream"
};

static char *
sentence (GRand *rand,
          int    n_words)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  g_string_append_c (s, '.');
  s->str[0] = g_ascii_toupper (s->str[0]);
  return g_string_free (s, FALSE);
}

static JsonObject *
base_record (const char *kind,
             const char *id,
             const char *created,
             const char *device)
{
  JsonObject      *o = json_object_new ();
  g_autofree char *updated = NULL;
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (created, NULL);

  updated = hearth_time_format_updated (g_date_time_to_unix (dt) * G_USEC_PER_SEC + 1000);
  json_object_set_string_member (o, "id", id);
  json_object_set_string_member (o, "kind", kind);
  json_object_set_string_member (o, "created", created);
  json_object_set_string_member (o, "updated", updated);
  json_object_set_string_member (o, "device", device);
  return o;
}

static char *
created_at (int year,
            int day,
            int minute)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (year, 1, 1, 7, 0, 0);
  g_autoptr(GDateTime) t = g_date_time_add_minutes (start, day * 24 * 60 + minute);
  return g_date_time_format (t, "%Y-%m-%dT%H:%M:%S+00:00");
}

typedef struct
{
  char            *journal;
  const char      *journal_id;
  const HearthKey *key;
} Gen;

static void
write_shard (Gen         *gen,
             HearthShard *shard)
{
  g_autofree char   *plain = NULL;
  g_autofree char   *path = g_build_filename (gen->journal, "devices", shard->device_id, shard->file_name, NULL);
  g_autofree char   *folder = g_path_get_dirname (path);
  HearthShardContext ctx = { gen->journal_id, gen->key };
  g_autoptr(GError) error = NULL;
  gsize len;

  g_mkdir_with_parents (folder, 0700);
  plain = hearth_shard_serialize (shard, &len);
  if (!hearth_shard_write_data (path, shard->file_name, hearth_shard_type_for_name (shard->file_name),
                                plain, len, shard->device_id, &ctx, &error))
    g_error ("%s", error->message);
}

static HearthShard *
get_shard (GHashTable *shards,
           const char *device,
           const char *name)
{
  g_autofree char *key = g_strconcat (device, "/", name, NULL);
  HearthShard     *shard = g_hash_table_lookup (shards, key);

  if (shard == NULL)
    {
      shard = hearth_shard_new (device, name);
      g_hash_table_insert (shards, g_steal_pointer (&key), shard);
    }
  return shard;
}

static void
put (HearthShard *shard,
     JsonObject  *record)
{
  g_autoptr(JsonObject) json = record;
  g_autoptr(HearthRecordData) data = hearth_record_data_new_from_json (json, NULL, 0);

  hearth_shard_insert (shard, data);
}

/* Writes the journal's data straight through the shard layer: saving
 * 30,000 records one by one would measure the generator, not Hearth. */
static void
generate (HearthJournal   *journal,
          const char      *device_b,
          const HearthKey *key)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  g_autoptr(GHashTable) shards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) hearth_shard_free);
  const char *devices[2] = { hearth_journal_get_device_id (journal), device_b };
  const char *partners[2];
  GListModel *plist = hearth_journal_get_model (journal, HEARTH_KIND_PARTNER);
  const char *moods[] = { "joyful", "grateful", "calm", "close", "hopeful", "tired" };
  char       *ritual_ids[RITUALS];
  g_autoptr(GDateTime) now = hearth_clock_now_local ();
  int            first_year = g_date_time_get_year (now) - YEARS + 1;
  Gen            gen = { g_strdup (hearth_journal_get_path (journal)), hearth_journal_get_id (journal), key };
  GHashTableIter iter;
  gpointer       value;

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(HearthRecord) p = g_list_model_get_item (plist, i);
      partners[i] = g_intern_string (hearth_record_get_id (p));
    }

  {
    g_autofree char *device_json = g_strdup_printf ("{\"hearth\":1,\"type\":\"device\",\"device\":\"%s\",\"partner\":\"%s\"}",
                                                    device_b, partners[1]);
    g_autofree char *folder = g_build_filename (gen.journal, "devices", device_b, NULL);
    g_autofree char *path = g_build_filename (folder, "device.json", NULL);
    g_mkdir_with_parents (folder, 0700);
    g_file_set_contents (path, device_json, -1, NULL);
  }

  for (int r = 0; r < RITUALS; r++)
    {
      g_autofree char *created = created_at (first_year, r, 0);
      g_autofree char *title = sentence (rand, 3);
      JsonObject      *o;

      ritual_ids[r] = hearth_uuid_new ();
      o = base_record ("ritual", ritual_ids[r], created, devices[r % 2]);
      json_object_set_string_member (o, "title", title);
      json_object_set_string_member (o, "type", r == 0 ? "checkin" : "ritual");
      json_object_set_string_member (o, "recurrence", r < 3 ? "FREQ=WEEKLY;BYDAY=SU" : "FREQ=MONTHLY;BYDAY=1SA");
      json_object_set_string_member (o, "start", "2017-01-01");
      json_object_set_string_member (o, "time", "19:30");
      json_object_set_int_member (o, "duration", 30);
      put (get_shard (shards, devices[r % 2], "shared.json"), o);
    }

  for (int i = 0; i < ENTRIES; i++)
    {
      int              year = first_year + i * YEARS / ENTRIES;
      int              day = (i % (ENTRIES / YEARS)) * 364 / (ENTRIES / YEARS);
      int              d = g_rand_int_range (rand, 0, 2);
      g_autofree char *id = hearth_uuid_new ();
      g_autofree char *created = created_at (year, day, g_rand_int_range (rand, 0, 900));
      g_autofree char *name = g_strdup_printf ("entries-%d.json", year);
      g_autofree char *title = sentence (rand, 4);
      g_autoptr(GString) body = g_string_new (NULL);
      JsonObject *o = base_record ("entry", id, created, devices[d]);
      JsonArray  *tags = json_array_new ();

      for (int s = 0; s < 8; s++)
        {
          g_autofree char *line = sentence (rand, g_rand_int_range (rand, 6, 16));
          g_string_append_printf (body, "%s%s", s ? " " : "", line);
        }
      if (i % 997 == 0)
        g_string_append (body, " We talked about the lighthouse again.");
      json_object_set_string_member (o, "author", partners[d]);
      json_object_set_string_member (o, "title", title);
      json_object_set_string_member (o, "body", body->str);
      json_object_set_string_member (o, "mood", moods[g_rand_int_range (rand, 0, G_N_ELEMENTS (moods))]);
      json_array_add_string_element (tags, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      json_object_set_array_member (o, "tags", tags);
      put (get_shard (shards, devices[d], name), o);
    }

  for (int i = 0; i < GRATITUDE; i++)
    {
      int              year = first_year + i * YEARS / GRATITUDE;
      int              day = (i % (GRATITUDE / YEARS)) * 364 / (GRATITUDE / YEARS);
      int              d = g_rand_int_range (rand, 0, 2);
      g_autofree char *id = hearth_uuid_new ();
      g_autofree char *created = created_at (year, day, 600);
      g_autofree char *name = g_strdup_printf ("gratitude-%d.json", year);
      g_autofree char *text = sentence (rand, 10);
      JsonObject      *o = base_record ("gratitude", id, created, devices[d]);

      json_object_set_string_member (o, "from", partners[d]);
      json_object_set_string_member (o, "to", partners[1 - d]);
      json_object_set_string_member (o, "text", text);
      {
        g_autofree char *date = g_strndup (created, 10);
        json_object_set_string_member (o, "date", date);
      }
      put (get_shard (shards, devices[d], name), o);
    }

  for (int i = 0; i < OCCURRENCES; i++)
    {
      int              r = i % RITUALS;
      int              n = i / RITUALS;
      GDate            date;
      char             date_text[16];
      g_autofree char *id = NULL;
      g_autofree char *created = NULL;
      g_autofree char *name = NULL;
      int              d = g_rand_int_range (rand, 0, 2);
      JsonObject      *o;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, first_year);
      g_date_add_days (&date, n * 5 + r);
      g_date_strftime (date_text, sizeof date_text, "%Y-%m-%d", &date);
      id = g_strdup_printf ("%s/%s", ritual_ids[r], date_text);
      created = g_strdup_printf ("%sT21:00:00+00:00", date_text);
      name = g_strdup_printf ("rituals-%.4s.json", date_text);
      o = base_record ("occurrence", id, created, devices[d]);
      json_object_set_string_member (o, "ritual", ritual_ids[r]);
      json_object_set_string_member (o, "date", date_text);
      json_object_set_string_member (o, "status", n % 7 ? "done" : "skipped");
      json_object_set_string_member (o, "by", partners[d]);
      put (get_shard (shards, devices[d], name), o);
    }

  /* Keep what the journal wrote on creation (journal and partners). */
  {
    g_autofree char   *path = g_strdup (gen.journal);
    HearthShardContext ctx = { gen.journal_id, key };
    g_autoptr(HearthShard) existing = hearth_shard_load (path, devices[0], "shared.json", &ctx);
    HearthShard *shared = get_shard (shards, devices[0], "shared.json");

    g_hash_table_iter_init (&iter, existing->records);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      hearth_shard_insert (shared, value);
    /* Written again: its counter goes on, so nothing reads as gone back. */
    shared->seq = existing->seq + 1;
  }

  g_hash_table_iter_init (&iter, shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    write_shard (&gen, value);
  for (int r = 0; r < RITUALS; r++)
    g_free (ritual_ids[r]);
  g_free (gen.journal);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

typedef struct
{
  GMainLoop *loop;
  gint64     start;
  double     newest_ms;
  int        newest_year;
  gboolean   done;
} LoadRun;

static void
on_year_loaded (HearthJournal *journal,
                int            year,
                LoadRun       *run)
{
  if (year != 0 && run->newest_year == 0)
    {
      run->newest_year = year;
      run->newest_ms = ms_since (run->start);
    }
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!hearth_journal_load_finish (HEARTH_JOURNAL (source), result, &error))
    g_error ("load: %s", error->message);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

static void
report (const char *what,
        double      value,
        const char *unit,
        double      goal)
{
  printf ("  %-42s %9.1f %-3s (aim < %.0f %s)%s\n", what, value, unit, goal, unit,
          value < goal ? "" : "  ← over");
}

/* Runs ARGV with INPUT on stdin through posix_spawn (a vfork: the child
 * does not start with a copy of this process's pages, so its peak RSS is
 * its own); returns wall milliseconds, its peak RSS in MB and its output. */
static double
run_child (const char **argv,
           const char  *input,
           double      *rss_mb,
           char       **out)
{
  g_autoptr(GString) output = g_string_new (NULL);
  posix_spawn_file_actions_t actions;
  int                        in_pipe[2], out_pipe[2];
  gint64                     start = g_get_monotonic_time ();
  struct rusage              usage;
  char                       buf[65536];
  ssize_t                    n;
  pid_t                      pid;
  int                        status;

  if (pipe (in_pipe) != 0 || pipe (out_pipe) != 0)
    g_error ("pipe");
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2 (&actions, out_pipe[1], 1);
  posix_spawn_file_actions_addclose (&actions, in_pipe[1]);
  posix_spawn_file_actions_addclose (&actions, out_pipe[0]);
  if (posix_spawn (&pid, argv[0], &actions, NULL, (char **) argv, environ) != 0)
    g_error ("cannot start %s", argv[0]);
  posix_spawn_file_actions_destroy (&actions);
  close (in_pipe[0]);
  close (out_pipe[1]);
  if (input && write (in_pipe[1], input, strlen (input)) < 0)
    g_error ("write");
  close (in_pipe[1]);
  while ((n = read (out_pipe[0], buf, sizeof buf)) > 0)
    g_string_append_len (output, buf, n);
  close (out_pipe[0]);
  if (wait4 (pid, &status, 0, &usage) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s %s failed", argv[0], argv[1]);
  *rss_mb = usage.ru_maxrss / 1024.0;
  if (out)
    *out = g_strdup (output->str);
  return ms_since (start);
}

static double
run_cli (const char  *cli,
         const char  *journal,
         const char **args,
         double      *rss_mb)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, "--journal");
  g_ptr_array_add (argv, (gpointer) journal);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, "--passphrase-stdin");
  g_ptr_array_add (argv, NULL);
  return run_child ((const char **) argv->pdata, PASSPHRASE "\n", rss_mb, NULL);
}

/* One measurement of the core API in this (fresh) process; prints
 * "newest all save search_cold search". */
/* The main-loop stall probe: a tick every millisecond notes the longest
 * gap between two, while saves are queued and another holder keeps the
 * journal's write lock for a second (as hearth-cli does while it writes). */
#define PROBE_SAVES 10

typedef struct
{
  GMainLoop *loop;
  gint64     last;
  gint64     worst;
  guint      pending;
} Probe;

static gboolean
probe_tick (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();

  if (probe->last != 0)
    probe->worst = MAX (probe->worst, now - probe->last);
  probe->last = now;
  return G_SOURCE_CONTINUE;
}

static void
probe_saved (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Probe *probe = data;
  g_autoptr(GError) error = NULL;

  if (!hearth_journal_save_finish (HEARTH_JOURNAL (source), result, &error))
    g_error ("%s", error->message);
  if (--probe->pending == 0)
    g_main_loop_quit (probe->loop);
}

static gpointer
release_after_a_second (gpointer data)
{
  g_usleep (G_USEC_PER_SEC);
  close (GPOINTER_TO_INT (data));
  return NULL;
}

/* Returns the longest stall in ms; @held_ms is how long the saves took. */
static double
probe_stalls (HearthJournal *journal,
              HearthRecord  *entry,
              double        *held_ms)
{
  g_autofree char *name = g_strconcat (hearth_journal_get_id (journal), ".lock", NULL);
  g_autofree char *lock = g_build_filename (g_get_user_state_dir (), "hearth", name, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Probe    probe = { loop, 0, 0, PROBE_SAVES };
  GThread *holder;
  gint64   start;
  guint    tick;
  int      fd;

  fd = g_open (lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || flock (fd, LOCK_EX) != 0)
    g_error ("cannot take %s", lock);
  holder = g_thread_new ("bench-lock", release_after_a_second, GINT_TO_POINTER (fd));
  tick = g_timeout_add (1, probe_tick, &probe);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < PROBE_SAVES; i++)
    {
      g_autofree char *body = g_strdup_printf ("We cooked together, take %u.", i);

      hearth_record_set_string (entry, "body", body);
      hearth_journal_save_async (journal, entry, NULL, probe_saved, &probe);
      /* A person types between two saves. */
      probe_tick (&probe);
    }
  g_main_loop_run (loop);
  *held_ms = ms_since (start);
  g_source_remove (tick);
  g_thread_join (holder);
  return probe.worst / 1000.0;
}

/* This process's resident memory now, in MB (VmRSS), or -1. */
static double
resident_mb (void)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "\nVmRSS:")) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("\nVmRSS:"), NULL) / 1024.0;
}

static int
core_run (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = hearth_journal_open (path, &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  LoadRun lr = { loop, 0, 0, 0, FALSE };
  g_autoptr(HearthRecord) entry = NULL;
  g_autoptr(GPtrArray) found = NULL;
  double all, loaded_mb, save, cold, warm, stall, held;
  gint64 start;

  if (journal == NULL || !hearth_journal_unlock (journal, PASSPHRASE, &error))
    g_error ("%s", error->message);
  g_signal_connect (journal, "year-loaded", G_CALLBACK (on_year_loaded), &lr);
  lr.start = g_get_monotonic_time ();
  hearth_journal_load_async (journal, NULL, on_loaded, &lr);
  g_main_loop_run (loop);
  all = ms_since (lr.start);
  loaded_mb = resident_mb ();

  start = g_get_monotonic_time ();
  found = hearth_journal_search (journal, "lighthouse");
  cold = ms_since (start);
  g_clear_pointer (&found, g_ptr_array_unref);
  start = g_get_monotonic_time ();
  found = hearth_journal_search (journal, "LIGHTHOUSE");
  warm = ms_since (start);

  entry = hearth_journal_new_record (journal, "entry", NULL);
  hearth_record_set_string (entry, "author", hearth_journal_get_me (journal));
  hearth_record_set_string (entry, "title", "A new evening");
  hearth_record_set_string (entry, "body", "We cooked together and talked about the week.");
  start = g_get_monotonic_time ();
  if (!hearth_journal_save (journal, entry, &error))
    g_error ("%s", error->message);
  save = ms_since (start);
  stall = probe_stalls (journal, entry, &held);

  printf ("%f %f %f %f %f %u %u %u %u %f %f %f\n", lr.newest_ms, all, save, cold, warm, found->len,
          g_list_model_get_n_items (hearth_journal_get_model (journal, HEARTH_KIND_ENTRY)),
          g_list_model_get_n_items (hearth_journal_get_model (journal, HEARTH_KIND_GRATITUDE)),
          g_list_model_get_n_items (hearth_journal_get_model (journal, HEARTH_KIND_OCCURRENCE)),
          stall, held, loaded_mb);
  return 0;
}

/* One start of the real app on the bench journal, under the display and
 * keyring of the session it runs in: the seconds of its HEARTH_DEBUG=timing
 * milestones, and its RSS once every year is in. */
typedef struct
{
  double mapped, drawn, all, rss;
  /* CPU seconds of the main thread, and of the whole process, by the
   * first frame with the newest rows. */
  double drawn_main_cpu, drawn_all_cpu;
} AppRun;

static gboolean
run_app (const char *app,
         const char *base,
         AppRun     *out)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  /* The app opens $XDG_DATA_HOME/hearth/journal. */
  g_autofree char *data = g_build_filename (base, "data", NULL);
  g_autofree char *config = g_build_filename (base, "config", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  out->mapped = out->drawn = out->all = out->rss = -1;
  out->drawn_main_cpu = out->drawn_all_cpu = -1;
  g_subprocess_launcher_setenv (launcher, "HEARTH_DEBUG", "timing", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  /* A start that never gets there ends after a minute. */
  process = g_subprocess_launcher_spawn (launcher, &error, "timeout", "60", app, NULL);
  if (process == NULL)
    g_error ("%s", error->message);
  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      double      seconds, main_cpu = -1, all_cpu = -1;
      long        rss;
      char        what[64];
      const char *cpu;

      if (g_getenv ("HEARTH_BENCH_VERBOSE") != NULL)
        g_printerr ("  app: %s\n", line);
      if (sscanf (line, "hearth-timing: %lf s  %63[^(]  (RSS %ld MB)", &seconds, what, &rss) == 3)
        {
          g_strchomp (what);
          if ((cpu = strstr (line, ", main CPU ")) != NULL)
            sscanf (cpu, ", main CPU %lf s, all CPU %lf s", &main_cpu, &all_cpu);
          if (g_str_equal (what, "window mapped"))
            out->mapped = seconds;
          else if (g_str_equal (what, "newest entries drawn"))
            {
              out->drawn = seconds;
              out->drawn_main_cpu = main_cpu;
              out->drawn_all_cpu = all_cpu;
            }
          else if (g_str_equal (what, "all years in"))
            {
              out->all = seconds;
              out->rss = rss;
            }
        }
      g_free (line);
      /* The first frame with the newest rows may come after the last year. */
      if (out->all >= 0 && out->drawn >= 0)
        break;
    }
  g_subprocess_send_signal (G_SUBPROCESS (process), SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  /* The app's bus name goes with it: the next start is a fresh process. */
  g_usleep (300 * 1000);
  return out->all >= 0;
}

/* RUNS starts of the app on the journal under BASE, and their medians. */
static void
run_apps (const char *app,
          const char *base,
          int         runs,
          const char *heading)
{
  g_autoptr(GArray) mapped = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loaded = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) main_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_cpu = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < runs; run++)
    {
      AppRun r;

      if (!run_app (app, base, &r))
        g_error ("the app did not load the journal within a minute");
      g_array_append_val (mapped, r.mapped);
      g_array_append_val (drawn, r.drawn);
      g_array_append_val (loaded, r.all);
      g_array_append_val (rss, r.rss);
      g_array_append_val (main_cpu, r.drawn_main_cpu);
      g_array_append_val (all_cpu, r.drawn_all_cpu);
    }
  printf ("%s (median of %d runs):\n", heading, runs);
  report ("window mapped, from exec", median (mapped) * 1000, "ms", 300);
  report ("newest entries drawn, from exec", median (drawn) * 1000, "ms", 350);
  printf ("  %-42s %9.1f ms  (all threads %.1f ms)\n", "  (main thread's CPU by then)",
          median (main_cpu) * 1000, median (all_cpu) * 1000);
  report ("all years in, from exec", median (loaded) * 1000, "ms", 1000);
  report ("RSS with everything loaded", median (rss), "MB", 130);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *cli = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *app = NULL;
  g_autofree char *core_path = NULL;
  int              runs = 5;
  GOptionEntry     entries[] = {
        { "cli", 0, 0, G_OPTION_ARG_FILENAME, &cli, "hearth-cli to measure too", "PATH" },
        { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "generate the journal in DIR and keep it", "DIR" },
        { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "runs per measurement (median)", "N" },
        { "app", 0, 0, G_OPTION_ARG_FILENAME, &app, "the app to start on the journal too (needs a display and a keyring)", "PATH" },
        { "core-run", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &core_path, NULL, NULL },
        { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— measure Hearth on a ten-year journal");
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autofree char *state = NULL;
  g_autoptr(HearthJournal) created = NULL;
  g_autoptr(GArray) newest = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) save = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_cold = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loaded_rss = g_array_new (FALSE, FALSE, sizeof (double));
  const char      *names[2] = { "Alex", "Sam" };
  g_autofree char *device_b = hearth_uuid_new ();
  guint            n_entries = 0, n_gratitude = 0, n_occurrences = 0, n_found = 0;
  gint64           start;
  struct rusage    usage;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (core_path != NULL)
    return core_run (core_path);

  base = keep ? g_strdup (keep) : g_dir_make_tmp ("hearth-bench-XXXXXX", NULL);
  /* Where the app looks first, with no settings: $XDG_DATA_HOME/hearth/journal. */
  path = g_build_filename (base, "data", "hearth", "journal", NULL);
  {
    g_autofree char *parent = g_path_get_dirname (path);
    g_mkdir_with_parents (parent, 0700);
  }
  state = g_build_filename (base, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  printf ("Generating a ten-year journal in %s …\n", path);
  start = g_get_monotonic_time ();
  created = hearth_journal_create (path, "Bench", names, NULL, 0, PASSPHRASE, HEARTH_KDF_MIN, &error);
  if (created == NULL)
    g_error ("%s", error->message);
  generate (created, device_b, hearth_journal_get_data_key (created));
  printf ("  generated in %.1f s\n", ms_since (start) / 1000.0);
  g_clear_object (&created);

  {
    g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
    g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

    for (int run = 0; run < runs; run++)
      {
        const char      *args[] = { self, "--core-run", path, NULL };
        g_autofree char *out = NULL;
        double           values[8], mb;

        run_child (args, NULL, &mb, &out);
        if (sscanf (out, "%lf %lf %lf %lf %lf %u %u %u %u %lf %lf %lf", &values[0], &values[1], &values[2],
                    &values[3], &values[4], &n_found, &n_entries, &n_gratitude, &n_occurrences,
                    &values[5], &values[6], &values[7]) != 12)
          g_error ("unexpected output: %s", out);
        g_array_append_val (newest, values[0]);
        g_array_append_val (all, values[1]);
        g_array_append_val (save, values[2]);
        g_array_append_val (search_cold, values[3]);
        g_array_append_val (search, values[4]);
        g_array_append_val (stalls, values[5]);
        g_array_append_val (held, values[6]);
        g_array_append_val (rss, mb);
        g_array_append_val (loaded_rss, values[7]);
      }
    usage.ru_maxrss = (long) (median (rss) * 1024);
  }

  printf ("\nJournal: %u entries, %u gratitude notes, %u occurrences, 2 devices, %d years, Argon2id min\n",
          n_entries, n_gratitude, n_occurrences, YEARS);
  printf ("Core API (median of %d runs):\n", runs);
  report ("newest year's models ready", median (newest), "ms", 40);
  report ("all years loaded", median (all), "ms", 300);
  report ("one-entry save", median (save), "ms", 40);
  report ("one-word search, first (folds the text)", median (search_cold), "ms", 30);
  printf ("  %-42s %9u\n", "  (entries found)", n_found);
  report ("one-word search, again", median (search), "ms", 30);
  report ("longest main-loop stall, 10 saves", median (stalls), "ms", 16);
  printf ("  %-42s %9.1f ms  (the write lock held 1 s elsewhere)\n", "  (all 10 written after)", median (held));
  report ("RSS with everything loaded", median (loaded_rss), "MB", 40);
  report ("peak RSS of the process, saves included", usage.ru_maxrss / 1024.0, "MB", 40);

  if (cli != NULL)
    {
      g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) add = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) find = g_array_new (FALSE, FALSE, sizeof (double));
      double rss = 0, peak = 0;

      for (int run = 0; run < runs; run++)
        {
          const char *list_args[] = { "list", "partners", NULL };
          const char *add_args[] = { "add", "entry", "--title", "From the bench", "--body", "A short note.", NULL };
          const char *search_args[] = { "search", "lighthouse", NULL };
          double      ms;

          ms = run_cli (cli, path, list_args, &rss);
          g_array_append_val (list, ms);
          peak = MAX (peak, rss);
          ms = run_cli (cli, path, add_args, &rss);
          g_array_append_val (add, ms);
          peak = MAX (peak, rss);
          ms = run_cli (cli, path, search_args, &rss);
          g_array_append_val (find, ms);
          peak = MAX (peak, rss);
        }
      printf ("hearth-cli, whole process incl. unlock and reading the files the command needs (median of %d runs):\n", runs);
      report ("list partners", median (list), "ms", 40);
      report ("add entry", median (add), "ms", 60);
      report ("search lighthouse", median (find), "ms", 400);
      report ("peak RSS", peak, "MB", 120);
    }

  if (app != NULL)
    {
      g_autoptr(HearthJournal) journal = hearth_journal_open (path, &error);
      g_autofree char *plain_base = g_build_filename (base, "plain", NULL);
      g_autofree char *plain_path = g_build_filename (plain_base, "data", "hearth", "journal", NULL);
      g_autoptr(HearthJournal) plain = NULL;

      /* The passphrase remembered, as after "Remember on This Computer". */
      if (journal == NULL ||
          !hearth_keyring_store_sync (hearth_journal_get_id (journal), PASSPHRASE, NULL, &error))
        g_error ("the app needs the passphrase in a keyring: %s", error->message);
      run_apps (app, base, runs, "The app, encrypted journal, passphrase from the keyring, GSK_RENDERER=cairo");

      /* The same journal without a passphrase: no key to derive, no
       * decryption, the rest alike. */
      {
        g_autofree char *parent = g_path_get_dirname (plain_path);
        g_mkdir_with_parents (parent, 0700);
      }
      plain = hearth_journal_create (plain_path, "Bench", names, NULL, 0, NULL, HEARTH_KDF_MIN, &error);
      if (plain == NULL)
        g_error ("%s", error->message);
      generate (plain, device_b, NULL);
      g_clear_object (&plain);
      run_apps (app, plain_base, runs, "The app, plain journal, GSK_RENDERER=cairo");
    }

  if (keep == NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", base);
      if (system (cmd) != 0)
        g_printerr ("could not remove %s\n", base);
    }
  return 0;
}
