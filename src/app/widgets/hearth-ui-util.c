/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hearth-entry.h"
#include "hearth-partner.h"
#include "hearth-text.h"
#include "hearth-ui-util.h"

typedef struct
{
  const char *id;
  const char *emoji;
  const char *title;
} Mood;

static const Mood moods[HEARTH_N_MOODS] = {
  { "joyful", "😄", NC_ ("mood", "Joyful") },
  { "grateful", "🙏", NC_ ("mood", "Grateful") },
  { "calm", "😌", NC_ ("mood", "Calm") },
  { "close", "🤗", NC_ ("mood", "Close") },
  { "hopeful", "🌱", NC_ ("mood", "Hopeful") },
  { "tired", "😴", NC_ ("mood", "Tired") },
  { "anxious", "😟", NC_ ("mood", "Anxious") },
  { "sad", "😢", NC_ ("mood", "Sad") },
  { "hurt", "💔", NC_ ("mood", "Hurt") },
  { "frustrated", "😤", NC_ ("mood", "Frustrated") },
};

const char *
hearth_mood_get_id (guint index)
{
  g_return_val_if_fail (index < HEARTH_N_MOODS, NULL);
  return moods[index].id;
}

int
hearth_mood_get_index (const char *mood)
{
  for (guint i = 0; mood && i < HEARTH_N_MOODS; i++)
    if (g_str_equal (moods[i].id, mood))
      return i;
  return -1;
}

const char *
hearth_mood_get_emoji (const char *mood)
{
  int i = hearth_mood_get_index (mood);
  return i < 0 ? NULL : moods[i].emoji;
}

/**
 * hearth_mood_get_title:
 * Returns: (nullable): the translated word for @mood, %NULL for an unknown
 *   mood (one a newer version wrote)
 */
const char *
hearth_mood_get_title (const char *mood)
{
  int i = hearth_mood_get_index (mood);
  return i < 0 ? NULL : g_dpgettext2 (NULL, "mood", moods[i].title);
}

/**
 * hearth_mood_dup_label:
 * Returns: (transfer full) (nullable): emoji and word, e.g. "😌 Calm"
 */
char *
hearth_mood_dup_label (const char *mood)
{
  int i = hearth_mood_get_index (mood);

  if (i < 0)
    return NULL;
  return g_strdup_printf ("%s %s", moods[i].emoji, hearth_mood_get_title (mood));
}

/**
 * hearth_local_date_of:
 * @created: an RFC 3339 time with the author's offset, or a `YYYY-MM-DD` date
 *
 * Returns: (transfer full) (nullable): the date part, `YYYY-MM-DD`, the
 *   day it was for the person who wrote it
 */
char *
hearth_local_date_of (const char *created)
{
  GDate            date;
  g_autofree char *day = NULL;

  if (created == NULL || strlen (created) < 10)
    return NULL;
  day = g_strndup (created, 10);
  if (!hearth_date_parse (day, &date))
    return NULL;
  return g_steal_pointer (&day);
}

/**
 * hearth_format_day:
 * @date_or_time: a `YYYY-MM-DD` date or an RFC 3339 time
 *
 * Returns: (transfer full): "Today", "Yesterday", a weekday within the last
 *   week, or the date
 */
char *
hearth_format_day (const char *date_or_time)
{
  g_autofree char *day = hearth_local_date_of (date_or_time);
  g_autoptr(GDateTime) now = hearth_clock_now_local ();
  g_autoptr(GDateTime) then = NULL;
  GDate date, today;
  int   days;

  if (day == NULL || !hearth_date_parse (day, &date))
    return g_strdup ("");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  days = g_date_days_between (&date, &today);
  then = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
  if (days == 0)
    return g_strdup (_ ("Today"));
  if (days == 1)
    return g_strdup (_ ("Yesterday"));
  if (days > 1 && days < 7)
    /* Translators: a weekday name, for an entry written this week */
    return g_date_time_format (then, _ ("%A"));
  if (g_date_get_year (&date) == g_date_get_year (&today))
    /* Translators: a date in this year, e.g. "3 March"; see strftime(3) */
    return g_date_time_format (then, _ ("%-d %B"));
  /* Translators: a date in another year, e.g. "3 March 2024"; see strftime(3) */
  return g_date_time_format (then, _ ("%-d %B %Y"));
}

/**
 * hearth_entry_dup_heading:
 * Returns: (transfer full): the entry's title, or the first line of its
 *   body when it has none
 */
char *
hearth_entry_dup_heading (HearthRecord *entry)
{
  const char      *title = hearth_entry_get_title (HEARTH_ENTRY (entry));
  const char      *body = hearth_entry_get_body (HEARTH_ENTRY (entry));
  const char      *end;
  g_autofree char *line = NULL;

  if (title != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (title));
      if (*stripped)
        return g_steal_pointer (&stripped);
    }
  if (body == NULL)
    return g_strdup (_ ("Untitled"));
  while (*body == '\n' || *body == ' ' || *body == '\t' || *body == '\r')
    body++;
  end = strchr (body, '\n');
  line = end ? g_strndup (body, end - body) : g_strdup (body);
  g_strstrip (line);
  if (*line == '\0')
    return g_strdup (_ ("Untitled"));
  return g_steal_pointer (&line);
}

/**
 * hearth_partner_name:
 * Returns: (transfer none): the partner's name, or a neutral word while the
 *   partner record has not arrived
 */
const char *
hearth_partner_name (HearthJournal *journal,
                     const char    *partner_id)
{
  HearthRecord *partner = hearth_journal_get_partner (journal, partner_id);
  const char   *name = partner ? hearth_partner_get_name (HEARTH_PARTNER (partner)) : NULL;

  return name && *name ? name : _ ("Your partner");
}

/**
 * hearth_partner_color:
 * Returns: (transfer none): the partner's colour as `#rrggbb`, a soft grey
 *   when unknown
 */
const char *
hearth_partner_color (HearthJournal *journal,
                      const char    *partner_id)
{
  HearthRecord *partner = hearth_journal_get_partner (journal, partner_id);
  const char   *color = partner ? hearth_partner_get_color (HEARTH_PARTNER (partner)) : NULL;

  return color && *color ? color : "#9a9996";
}

/**
 * hearth_show_toast:
 * Shows @title in the nearest toast overlay above @widget, if there is one.
 */
void
hearth_show_toast (GtkWidget  *widget,
                   const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    return;
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

/**
 * hearth_ensure_page_style:
 * Loads the style sheet of the journal and today pages once per display,
 * so they look right in the app and in widget tests alike.
 */
void
hearth_ensure_page_style (void)
{
  static GdkDisplay *styled = NULL;
  GdkDisplay        *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == styled)
    return;
  styled = display;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/hearthjournal/Hearth/hearth-pages.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

typedef struct
{
  guint    *source_id;
  GCallback func;
  gpointer  object;
} IdleCall;

static gboolean
idle_call_run (gpointer data)
{
  IdleCall *call = data;

  *call->source_id = 0;
  ((void (*) (gpointer)) call->func) (call->object);
  return G_SOURCE_REMOVE;
}

/**
 * hearth_queue_idle:
 * @source_id: where the owner keeps the id of the idle source; 0 while none
 *   is queued, and again once @func has run
 * @priority: the idle's priority, e.g. %G_PRIORITY_DEFAULT_IDLE
 * @func: (scope notified): a `void func (gpointer object)`
 * @object: what @func is called with
 *
 * Calls @func once the main loop is idle, however often it is asked until
 * then: a page refreshes once for a burst of model changes. The owner
 * removes the source (g_clear_handle_id()) when it goes away.
 */
void
hearth_queue_idle (guint    *source_id,
                   int       priority,
                   GCallback func,
                   gpointer  object)
{
  IdleCall *call;

  g_return_if_fail (source_id != NULL && func != NULL);

  if (*source_id != 0)
    return;
  call = g_new (IdleCall, 1);
  call->source_id = source_id;
  call->func = func;
  call->object = object;
  *source_id = g_idle_add_full (priority, idle_call_run, call, g_free);
}
