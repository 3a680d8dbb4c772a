/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hearth-checkin.h"
#include "hearth-entry.h"
#include "hearth-export.h"
#include "hearth-gratitude.h"
#include "hearth-occurrence.h"
#include "hearth-partner.h"
#include "hearth-ritual.h"
#include "hearth-text.h"

/* One writer, two syntaxes: the export walks the journal once and asks the
 * format for headings, paragraphs and list items. */
typedef struct
{
  gboolean html;
  GString *out;
} Writer;

static void
put_escaped (Writer     *w,
             const char *text)
{
  if (text == NULL)
    return;
  if (w->html)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      g_string_append (w->out, escaped);
    }
  else
    g_string_append (w->out, text);
}

static void
heading (Writer     *w,
         int         level,
         const char *text)
{
  if (w->html)
    {
      g_string_append_printf (w->out, "<h%d>", level);
      put_escaped (w, text);
      g_string_append_printf (w->out, "</h%d>\n", level);
    }
  else
    {
      for (int i = 0; i < level; i++)
        g_string_append_c (w->out, '#');
      g_string_append_c (w->out, ' ');
      put_escaped (w, text);
      g_string_append (w->out, "\n\n");
    }
}

static void
meta_line (Writer     *w,
           const char *text)
{
  if (w->html)
    {
      g_string_append (w->out, "<p class=\"meta\">");
      put_escaped (w, text);
      g_string_append (w->out, "</p>\n");
    }
  else
    {
      g_string_append_c (w->out, '*');
      put_escaped (w, text);
      g_string_append (w->out, "*\n\n");
    }
}

/* Body text: Markdown is kept as written; HTML gets paragraphs and line
 * breaks, every character escaped. */
static void
body (Writer     *w,
      const char *text)
{
  g_auto(GStrv) paragraphs = NULL;

  if (text == NULL || *text == '\0')
    return;
  if (!w->html)
    {
      g_string_append (w->out, text);
      g_string_append (w->out, "\n\n");
      return;
    }
  paragraphs = g_strsplit (text, "\n\n", -1);
  for (guint i = 0; paragraphs[i]; i++)
    {
      g_auto(GStrv) lines = g_strsplit (paragraphs[i], "\n", -1);

      if (*g_strstrip (paragraphs[i]) == '\0')
        continue;
      g_strfreev (lines);
      lines = g_strsplit (paragraphs[i], "\n", -1);
      g_string_append (w->out, "<p>");
      for (guint j = 0; lines[j]; j++)
        {
          if (j > 0)
            g_string_append (w->out, "<br>\n");
          put_escaped (w, lines[j]);
        }
      g_string_append (w->out, "</p>\n");
    }
}

static void
list_begin (Writer *w)
{
  if (w->html)
    g_string_append (w->out, "<ul>\n");
}

static void
list_item (Writer     *w,
           const char *text)
{
  if (w->html)
    {
      g_string_append (w->out, "<li>");
      put_escaped (w, text);
      g_string_append (w->out, "</li>\n");
    }
  else
    {
      g_string_append (w->out, "- ");
      put_escaped (w, text);
      g_string_append_c (w->out, '\n');
    }
}

static void
list_end (Writer *w)
{
  g_string_append (w->out, w->html ? "</ul>\n" : "\n");
}

static const char *
partner_name (HearthJournal *journal,
              const char    *id)
{
  HearthRecord *partner = hearth_journal_get_partner (journal, id);
  return partner ? hearth_partner_get_name (HEARTH_PARTNER (partner)) : _ ("Someone");
}

/* A creation time as the author's local date and time. */
static char *
format_created (const char *created)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (created, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (dt == NULL)
    return g_strdup (created ? created : "");
  local = g_date_time_to_local (dt);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
write_entry (Writer        *w,
             HearthJournal *journal,
             HearthEntry   *entry,
             GHashTable    *replies,
             int            level)
{
  HearthRecord    *record = HEARTH_RECORD (entry);
  const char      *title = hearth_entry_get_title (entry);
  g_autofree char *when = format_created (hearth_record_get_created (record));
  g_auto(GStrv) tags = hearth_entry_dup_tags (entry);
  g_autoptr(GString) meta = g_string_new (NULL);
  GPtrArray *thread;

  heading (w, level, title && *title ? title : _ ("Untitled"));
  g_string_append_printf (meta, "%s · %s", partner_name (journal, hearth_entry_get_author (entry)), when);
  if (hearth_entry_get_mood (entry))
    g_string_append_printf (meta, " · %s", hearth_entry_get_mood (entry));
  if (tags && tags[0])
    {
      g_autofree char *joined = g_strjoinv (", ", tags);
      g_string_append_printf (meta, " · %s", joined);
    }
  meta_line (w, meta->str);
  body (w, hearth_entry_get_body (entry));

  thread = g_hash_table_lookup (replies, hearth_record_get_id (record));
  if (thread != NULL)
    for (guint i = thread->len; i > 0; i--)
      write_entry (w, journal, g_ptr_array_index (thread, i - 1), replies, MIN (level + 1, 6));
}

static void
write_journal (Writer        *w,
               HearthJournal *journal)
{
  GListModel *entries = hearth_journal_get_model (journal, HEARTH_KIND_ENTRY);
  GListModel *gratitude = hearth_journal_get_model (journal, HEARTH_KIND_GRATITUDE);
  GListModel *rituals = hearth_journal_get_model (journal, HEARTH_KIND_RITUAL);
  GListModel *partners = hearth_journal_get_model (journal, HEARTH_KIND_PARTNER);
  GListModel *checkins = hearth_journal_get_model (journal, HEARTH_KIND_CHECKIN);
  g_autoptr(GHashTable) replies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  const char *name = hearth_journal_get_name (journal);

  heading (w, 1, name ? name : _ ("Our journal"));

  if (g_list_model_get_n_items (partners) > 0)
    {
      heading (w, 2, _ ("Partners"));
      list_begin (w);
      for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
        {
          g_autoptr(HearthPartner) p = g_list_model_get_item (partners, i);
          const char      *about = hearth_partner_get_about (p);
          g_autofree char *line = about && *about
                                    ? g_strdup_printf ("%s — %s", hearth_partner_get_name (p), about)
                                    : g_strdup (hearth_partner_get_name (p));
          list_item (w, line);
        }
      list_end (w);
    }

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(HearthEntry) e = g_list_model_get_item (entries, i);
      const char *parent = hearth_entry_get_reply_to (e);
      GPtrArray  *thread;

      if (parent == NULL || hearth_journal_lookup (journal, parent) == NULL)
        continue;
      thread = g_hash_table_lookup (replies, parent);
      if (thread == NULL)
        {
          thread = g_ptr_array_new ();
          g_hash_table_insert (replies, (gpointer) parent, thread);
        }
      g_ptr_array_add (thread, e);
    }

  if (g_list_model_get_n_items (entries) > 0)
    {
      heading (w, 2, _ ("Journal"));
      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(HearthEntry) e = g_list_model_get_item (entries, i);
          const char *parent = hearth_entry_get_reply_to (e);

          if (parent != NULL && hearth_journal_lookup (journal, parent) != NULL)
            continue;
          write_entry (w, journal, e, replies, 3);
        }
    }

  if (g_list_model_get_n_items (gratitude) > 0)
    {
      heading (w, 2, _ ("Gratitude"));
      list_begin (w);
      for (guint i = 0; i < g_list_model_get_n_items (gratitude); i++)
        {
          g_autoptr(HearthGratitude) g = g_list_model_get_item (gratitude, i);
          const char      *date = hearth_gratitude_get_date (g);
          g_autofree char *when = date ? g_strdup (date) : format_created (hearth_record_get_created (HEARTH_RECORD (g)));
          /* Translators: a gratitude note in the export: date, from, to, text */
          g_autofree char *line = g_strdup_printf (_ ("%s, %s to %s: %s"), when,
                                                   partner_name (journal, hearth_gratitude_get_from (g)),
                                                   partner_name (journal, hearth_gratitude_get_to (g)),
                                                   hearth_gratitude_get_text (g));
          list_item (w, line);
        }
      list_end (w);
    }

  if (g_list_model_get_n_items (rituals) > 0)
    {
      heading (w, 2, _ ("Rituals"));
      list_begin (w);
      for (guint i = 0; i < g_list_model_get_n_items (rituals); i++)
        {
          g_autoptr(HearthRitual) r = g_list_model_get_item (rituals, i);
          const char      *description = hearth_ritual_get_description (r);
          g_autofree char *line = description && *description
                                    ? g_strdup_printf ("%s — %s", hearth_ritual_get_title (r), description)
                                    : g_strdup (hearth_ritual_get_title (r));
          list_item (w, line);
        }
      list_end (w);
    }

  if (g_list_model_get_n_items (checkins) > 0)
    {
      heading (w, 2, _ ("Check-ins"));
      for (guint i = 0; i < g_list_model_get_n_items (checkins); i++)
        {
          g_autoptr(HearthCheckin) c = g_list_model_get_item (checkins, i);
          g_autoptr(GPtrArray) answers = hearth_checkin_dup_answers (c);
          g_autofree char *title = g_strdup_printf ("%s — %s", hearth_checkin_get_date (c),
                                                    partner_name (journal, hearth_checkin_get_partner (c)));

          heading (w, 3, title);
          if (answers != NULL)
            {
              list_begin (w);
              for (guint j = 0; j < answers->len; j++)
                {
                  const HearthCheckinAnswer *answer = g_ptr_array_index (answers, j);
                  g_autofree char           *line = g_strdup_printf ("%s — %s", answer->question ? answer->question : "",
                                                           answer->text ? answer->text : "");

                  list_item (w, line);
                }
              list_end (w);
            }
        }
    }
}

static const char html_head[] =
  "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
  "<title>%s</title>\n<style>\n"
  "body { font-family: Cantarell, 'Noto Sans', sans-serif; max-width: 42em; margin: 2em auto;"
  " padding: 0 1em; line-height: 1.5; color: #241f31; background: #fffdf8; }\n"
  "h1 { color: #c64600; } h2 { border-bottom: 1px solid #e5ddd0; padding-bottom: .2em; margin-top: 2em; }\n"
  "h3, h4, h5, h6 { margin-bottom: .2em; } h4, h5, h6 { margin-left: 1.5em; }\n"
  ".meta { color: #77767b; font-size: .9em; margin-top: 0; }\n"
  "@media (prefers-color-scheme: dark) { body { color: #f6f5f4; background: #241f31; } h1 { color: #ffa348; } }\n"
  "@media print { body { background: none; } }\n"
  "</style>\n</head>\n<body>\n";

/**
 * hearth_export_markdown:
 * Returns: (transfer full): the visible journal as one Markdown document
 */
char *
hearth_export_markdown (HearthJournal *journal)
{
  Writer w = { FALSE, g_string_new (NULL) };

  write_journal (&w, journal);
  return g_string_free (w.out, FALSE);
}

/**
 * hearth_export_html:
 * Returns: (transfer full): the visible journal as one self-contained HTML
 *   page (no external styles, scripts or images), every text escaped
 */
char *
hearth_export_html (HearthJournal *journal)
{
  Writer           w = { TRUE, g_string_new (NULL) };
  const char      *name = hearth_journal_get_name (journal);
  g_autofree char *title = g_markup_escape_text (name ? name : _ ("Our journal"), -1);

  g_string_append_printf (w.out, html_head, title);
  write_journal (&w, journal);
  g_string_append (w.out, "</body>\n</html>\n");
  return g_string_free (w.out, FALSE);
}
