/* SPDX-License-Identifier: GPL-3.0-or-later */

/* RUSAGE_THREAD */
#define _GNU_SOURCE

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "hearth-timing.h"

/* HEARTH_DEBUG=timing: one line on stderr per milestone of a start —
 *   hearth-timing: 0.312 s  window mapped  (RSS 96 MB, main CPU 0.201 s, all CPU 0.240 s)
 * — counted from the exec of the process (its start time in
 * /proc/self/stat), so what the dynamic loader and GTK's start-up cost is
 * included. "main CPU" is the CPU time the main thread has used so far,
 * "all CPU" that of every thread of the process: a main thread far below
 * the time since exec was waiting (for a worker, the display or the
 * keyring), not busy. tools/dev bench reads these lines. Each milestone
 * is said once. Milestones are marked on the main thread. */

static gboolean
timing_wanted (void)
{
  static gsize wanted;

  if (g_once_init_enter (&wanted))
    {
      const char *debug = g_getenv ("HEARTH_DEBUG");
      g_auto(GStrv) words = debug ? g_strsplit_set (debug, ",: ", -1) : NULL;
      gsize on = 1;

      for (guint i = 0; words != NULL && words[i] != NULL; i++)
        if (g_str_equal (words[i], "timing") || g_str_equal (words[i], "all"))
          on = 2;
      g_once_init_leave (&wanted, on);
    }
  return wanted == 2;
}

gboolean
hearth_timing_enabled (void)
{
  return timing_wanted ();
}

/* Seconds since the process was started, on CLOCK_BOOTTIME like the
 * kernel's start time of the process. */
static double
since_exec (void)
{
  static double   start = -1;
  struct timespec now;

  if (start < 0)
    {
      g_autofree char   *stat = NULL;
      const char        *close_paren;
      unsigned long long ticks = 0;

      start = 0;
      if (g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) &&
          (close_paren = strrchr (stat, ')')) != NULL)
        {
          g_auto(GStrv) fields = g_strsplit (close_paren + 2, " ", 0);

          /* Field 22 of the file, the 20th after the name. */
          if (g_strv_length (fields) > 19)
            ticks = g_ascii_strtoull (fields[19], NULL, 10);
          start = (double) ticks / (double) sysconf (_SC_CLK_TCK);
        }
    }
  clock_gettime (CLOCK_BOOTTIME, &now);
  return (double) now.tv_sec + (double) now.tv_nsec / 1e9 - start;
}

static long
rss_mb (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return -1;
  fields = g_strsplit (statm, " ", 0);
  if (g_strv_length (fields) < 2)
    return -1;
  return (long) (g_ascii_strtoll (fields[1], NULL, 10) * sysconf (_SC_PAGESIZE) / (1024 * 1024));
}

static double
timeval_seconds (const struct timeval *tv)
{
  return (double) tv->tv_sec + (double) tv->tv_usec / 1e6;
}

/* CPU time, user and system, of the calling thread (@who RUSAGE_THREAD)
 * or of the whole process (RUSAGE_SELF). */
static double
cpu_seconds (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return -1;
  return timeval_seconds (&usage.ru_utime) + timeval_seconds (&usage.ru_stime);
}

/**
 * hearth_timing_mark:
 * @milestone: what was reached, e.g. "window mapped"
 *
 * Says on stderr when @milestone was reached, with HEARTH_DEBUG=timing.
 */
void
hearth_timing_mark (const char *milestone)
{
  static GHashTable *said;

  if (!timing_wanted ())
    return;
  if (said == NULL)
    said = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_contains (said, milestone))
    return;
  g_hash_table_add (said, (gpointer) g_intern_string (milestone));
  fprintf (stderr, "hearth-timing: %.3f s  %s  (RSS %ld MB, main CPU %.3f s, all CPU %.3f s)\n",
           since_exec (), milestone, rss_mb (), cpu_seconds (RUSAGE_THREAD), cpu_seconds (RUSAGE_SELF));
  fflush (stderr);
}

typedef struct
{
  char *milestone;
} FrameMark;

static void
on_after_paint (GdkFrameClock *clock,
                FrameMark     *mark)
{
  hearth_timing_mark (mark->milestone);
  g_signal_handlers_disconnect_by_data (clock, mark);
  g_free (mark->milestone);
  g_free (mark);
}

/**
 * hearth_timing_mark_next_frame:
 *
 * Marks @milestone once the next frame of @widget's window is painted:
 * when what changed is really on screen.
 */
void
hearth_timing_mark_next_frame (GtkWidget  *widget,
                               const char *milestone)
{
  GdkFrameClock *clock;
  FrameMark     *mark;

  if (!timing_wanted ())
    return;
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    {
      hearth_timing_mark (milestone);
      return;
    }
  mark = g_new0 (FrameMark, 1);
  mark->milestone = g_strdup (milestone);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), mark);
  gtk_widget_queue_draw (widget);
}
