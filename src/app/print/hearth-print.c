/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "hearth-checkin.h"
#include "hearth-entry.h"
#include "hearth-gratitude.h"
#include "hearth-partner.h"
#include "hearth-print.h"
#include "hearth-prompts.h"
#include "hearth-text.h"
#include "hearth-ui-util.h"

/* The journal on paper. A copy of the records is taken when the object is
 * made, so what is measured is what is drawn even when the partner's device
 * changes a record in between. The printed journal reads in the order it was
 * lived: days oldest first, under each day its entries (each followed by its
 * replies, indented), then the day's notes of thanks, then its check-in.
 *
 * Printing goes in three steps, as GtkPrintOperation asks for them: begin
 * turns the chosen records into blocks of text with a style; paginate
 * measures the blocks' lines a few at a time and then places whole lines on
 * pages; draw lays out again only the blocks of one page. Only the lines'
 * heights are kept between steps, and one layout per style: the layouts of
 * a long journal would need hundreds of megabytes. */

#define FOOTER_HEIGHT  28.0
#define REPLY_INDENT   20.0
#define MAX_DEPTH      2
#define BAR_WIDTH      2.5
#define BAR_GAP        9.0
#define DEFAULT_FAMILY "Cantarell, Noto Sans, sans-serif"
#define GREY           "#9a9996"

typedef struct
{
  char *id;
  char *name;
  char *color;
} Partner;

typedef enum
{
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_DATE,
  STYLE_META,
  STYLE_HEADING,
  STYLE_BODY,
  STYLE_QUESTION,
  STYLE_NOTE,
  STYLE_SECTION,
  STYLE_FOOTER,
  N_STYLES
} Style;

typedef struct
{
  double      size;
  PangoWeight weight;
  double      line_spacing;
  const char *color;
} StyleInfo;

/* The journal's typography on paper: the app's text colours, its accent
 * for the journal's name and the small section labels. */
static const StyleInfo styles[N_STYLES] = {
  [STYLE_TITLE] = { 24.0, PANGO_WEIGHT_HEAVY, 0.0, "#c64600" },
  [STYLE_SUBTITLE] = { 11.0, PANGO_WEIGHT_NORMAL, 0.0, "#5e5c64" },
  [STYLE_DATE] = { 15.0, PANGO_WEIGHT_BOLD, 0.0, "#241f31" },
  [STYLE_META] = { 9.5, PANGO_WEIGHT_NORMAL, 0.0, "#5e5c64" },
  [STYLE_HEADING] = { 13.0, PANGO_WEIGHT_BOLD, 0.0, "#241f31" },
  [STYLE_BODY] = { 11.0, PANGO_WEIGHT_NORMAL, 1.3, "#241f31" },
  [STYLE_QUESTION] = { 10.5, PANGO_WEIGHT_BOLD, 0.0, "#3d3846" },
  [STYLE_NOTE] = { 9.5, PANGO_WEIGHT_NORMAL, 0.0, "#5e5c64" },
  [STYLE_SECTION] = { 10.0, PANGO_WEIGHT_BOLD, 0.0, "#c64600" },
  [STYLE_FOOTER] = { 9.0, PANGO_WEIGHT_NORMAL, 0.0, "#77767b" }
};

typedef struct
{
  double top;
  double height;
} LineBox;

typedef struct
{
  Style      style;
  char      *markup;
  double     indent;
  double     space_before;
  double     space_after;
  gboolean   keep_with_next;
  /* A reply's stripe in its author's colour; continues from the block
   * before when that belongs to the same reply. */
  gboolean   has_bar;
  gboolean   bar_continues;
  PangoColor bar;
  /* Rule under a date heading. */
  gboolean   rule;
  /* The day heading the block is under (its index), G_MAXUINT for none;
   * a heading keeps its plain text for the footers. */
  guint      day;
  char      *day_text;
  GArray    *lines; /* LineBox, once measured */
} Block;

/* A run of a block's lines on one page. */
typedef struct
{
  guint  block;
  guint  first_line;
  guint  n_lines;
  double y;
  double bar_top;
} Piece;

/* A record with what ordering and choosing need, worked out once: parsing
 * a time with an offset is slow, and a journal may hold 20,000 entries. */
typedef struct
{
  HearthRecord *record;
  char         *day; /* `YYYY-MM-DD`, or NULL when it has none */
  gint64        created;
} Item;

typedef struct
{
  char      *date;
  GPtrArray *entries;
  GPtrArray *gratitude;
  GPtrArray *checkins;
} Day;

typedef struct
{
  GPtrArray  *days;
  GHashTable *replies; /* parent id → GPtrArray of replies, oldest first */
  guint       n_entries;
  guint       n_gratitude;
  guint       n_checkins;
  /* The first and last day of anything chosen, replies included. */
  const char *first_day;
  const char *last_day;
} Selection;

struct _HearthPrint
{
  GObject parent_instance;

  char       *journal_name;
  GPtrArray  *partners;
  GPtrArray  *entries; /* Item of a copy, oldest first */
  GPtrArray  *gratitude;
  GPtrArray  *checkins;
  GHashTable *entry_by_id; /* id → HearthRecord */
  char       *first_date;
  char       *last_date;

  char    *from;
  char    *to;
  char    *partner;
  char    *font_family;
  gboolean include_gratitude;
  gboolean include_checkins;

  /* While printing */
  PangoContext *context;
  double        width;
  double        height;
  /* Which moods' emoji a font on this computer can draw. */
  gboolean      emoji[HEARTH_N_MOODS];
  PangoLayout  *layouts[N_STYLES];
  GPtrArray    *blocks;
  guint         current_day;
  guint         n_measured;
  GArray       *pieces;
  GArray       *pages; /* index of each page's first piece */
};

G_DEFINE_FINAL_TYPE (HearthPrint, hearth_print, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FROM,
  PROP_TO,
  PROP_PARTNER,
  PROP_INCLUDE_GRATITUDE,
  PROP_INCLUDE_CHECKINS,
  PROP_FONT_FAMILY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Records                                                                   */

/* g_set_str() arrived after the GLib this builds against. */
static void
replace_str (char      **field,
             const char *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static void
partner_free (gpointer data)
{
  Partner *partner = data;

  g_free (partner->id);
  g_free (partner->name);
  g_free (partner->color);
  g_free (partner);
}

static gboolean
is_color (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

static const Partner *
find_partner (HearthPrint *self,
              const char  *id)
{
  for (guint i = 0; id != NULL && i < self->partners->len; i++)
    {
      const Partner *partner = g_ptr_array_index (self->partners, i);

      if (g_str_equal (partner->id, id))
        return partner;
    }
  return NULL;
}

static const char *
partner_name (HearthPrint *self,
              const char  *id)
{
  const Partner *partner = find_partner (self, id);

  return partner ? partner->name : _ ("Your partner");
}

static const char *
partner_color (HearthPrint *self,
               const char  *id)
{
  const Partner *partner = find_partner (self, id);

  return partner ? partner->color : GREY;
}

static void
item_free (gpointer data)
{
  Item *item = data;

  g_object_unref (item->record);
  g_free (item->day);
  g_free (item);
}

static int
compare_created (gconstpointer a,
                 gconstpointer b)
{
  gint64 ta = (*(Item **) a)->created;
  gint64 tb = (*(Item **) b)->created;

  return ta < tb ? -1 : ta > tb;
}

/* The day a record belongs to, `YYYY-MM-DD`: the author's local date of an
 * entry, the date of a note or a check-in. */
static char *
record_day (HearthRecord *record)
{
  const char *date = NULL;
  GDate       check;

  if (HEARTH_IS_GRATITUDE (record))
    date = hearth_gratitude_get_date (HEARTH_GRATITUDE (record));
  else if (HEARTH_IS_CHECKIN (record))
    date = hearth_checkin_get_date (HEARTH_CHECKIN (record));
  if (date != NULL && hearth_date_parse (date, &check))
    return g_strdup (date);
  return hearth_local_date_of (hearth_record_get_created (record));
}

/* Copies of a model's records, oldest first (the models are newest first). */
static GPtrArray *
copy_records (HearthJournal *journal,
              HearthKind     kind)
{
  GListModel *model = hearth_journal_get_model (journal, kind);
  guint       n = g_list_model_get_n_items (model);
  GPtrArray  *items = g_ptr_array_new_full (n, item_free);

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(HearthRecord) record = g_list_model_get_item (model, i - 1);
      Item *item;

      if (hearth_record_is_deleted (record))
        continue;
      item = g_new0 (Item, 1);
      item->record = hearth_record_copy (record);
      item->day = record_day (item->record);
      item->created = hearth_time_parse_usec (hearth_record_get_created (item->record), NULL);
      g_ptr_array_add (items, item);
    }
  g_ptr_array_sort (items, compare_created);
  return items;
}

static void
widen_dates (HearthPrint *self,
             GPtrArray   *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      const char *day = ((Item *) g_ptr_array_index (items, i))->day;

      if (day == NULL)
        continue;
      if (self->first_date == NULL || strcmp (day, self->first_date) < 0)
        replace_str (&self->first_date, day);
      if (self->last_date == NULL || strcmp (day, self->last_date) > 0)
        replace_str (&self->last_date, day);
    }
}

/* ------------------------------------------------------------------------ */
/* Selection                                                                 */

static void
day_free (gpointer data)
{
  Day *day = data;

  g_free (day->date);
  g_ptr_array_unref (day->entries);
  g_ptr_array_unref (day->gratitude);
  g_ptr_array_unref (day->checkins);
  g_free (day);
}

static void
selection_free (Selection *selection)
{
  g_ptr_array_unref (selection->days);
  g_hash_table_unref (selection->replies);
  g_free (selection);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Selection, selection_free)

static gboolean
in_range (HearthPrint *self,
          const char  *day)
{
  return day != NULL &&
         (self->from == NULL || strcmp (day, self->from) >= 0) &&
         (self->to == NULL || strcmp (day, self->to) <= 0);
}

static gboolean
by_partner (HearthPrint *self,
            const char  *partner_id)
{
  return self->partner == NULL || g_strcmp0 (partner_id, self->partner) == 0;
}

static void
widen_selection (Selection  *selection,
                 const char *day)
{
  if (selection->first_day == NULL || strcmp (day, selection->first_day) < 0)
    selection->first_day = day;
  if (selection->last_day == NULL || strcmp (day, selection->last_day) > 0)
    selection->last_day = day;
}

static Day *
day_for (GHashTable *days,
         const char *date)
{
  Day *day = g_hash_table_lookup (days, date);

  if (day == NULL)
    {
      day = g_new0 (Day, 1);
      day->date = g_strdup (date);
      day->entries = g_ptr_array_new ();
      day->gratitude = g_ptr_array_new ();
      day->checkins = g_ptr_array_new ();
      g_hash_table_insert (days, day->date, day);
    }
  return day;
}

/* Marks @entry and its thread as printed; returns how many were new. */
static guint
visit_thread (GHashTable *replies,
              GHashTable *visited,
              Item       *entry)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  guint n = 0;

  g_ptr_array_add (stack, entry);
  while (stack->len > 0)
    {
      Item      *next = g_ptr_array_steal_index (stack, stack->len - 1);
      GPtrArray *thread;

      if (!g_hash_table_add (visited, (gpointer) hearth_record_get_id (next->record)))
        continue;
      n++;
      thread = g_hash_table_lookup (replies, hearth_record_get_id (next->record));
      for (guint i = 0; thread != NULL && i < thread->len; i++)
        g_ptr_array_add (stack, g_ptr_array_index (thread, i));
    }
  return n;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  return strcmp ((*(Day **) a)->date, (*(Day **) b)->date);
}

/* What the options choose, by day. A reply goes under its entry when that
 * is printed too; otherwise it stands on its own day. */
static Selection *
selection_new (HearthPrint *self)
{
  Selection *selection = g_new0 (Selection, 1);
  g_autoptr(GHashTable) days = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) chosen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) visited = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) checkin_days = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer       value;

  selection->replies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Item *entry = g_ptr_array_index (self->entries, i);

      if (in_range (self, entry->day) &&
          by_partner (self, hearth_entry_get_author (HEARTH_ENTRY (entry->record))))
        {
          g_hash_table_insert (chosen, (gpointer) hearth_record_get_id (entry->record), entry);
          widen_selection (selection, entry->day);
        }
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      Item       *entry = g_ptr_array_index (self->entries, i);
      const char *id = hearth_record_get_id (entry->record);
      const char *parent = hearth_entry_get_reply_to (HEARTH_ENTRY (entry->record));

      if (!g_hash_table_contains (chosen, id))
        continue;
      if (parent != NULL && g_strcmp0 (parent, id) != 0 && g_hash_table_contains (chosen, parent))
        {
          GPtrArray *thread = g_hash_table_lookup (selection->replies, parent);

          if (thread == NULL)
            {
              thread = g_ptr_array_new ();
              g_hash_table_insert (selection->replies, (gpointer) parent, thread);
            }
          g_ptr_array_add (thread, entry);
          continue;
        }
      g_ptr_array_add (day_for (days, entry->day)->entries, entry);
    }
  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Day *day = value;

      for (guint i = 0; i < day->entries->len; i++)
        selection->n_entries += visit_thread (selection->replies, visited,
                                              g_ptr_array_index (day->entries, i));
    }
  /* Replies that answer each other in a circle (a damaged or hostile file)
   * reach no entry of the day: print them on their own rather than lose them. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Item       *entry = g_ptr_array_index (self->entries, i);
      const char *id = hearth_record_get_id (entry->record);

      if (!g_hash_table_contains (chosen, id) || g_hash_table_contains (visited, id))
        continue;
      g_ptr_array_add (day_for (days, entry->day)->entries, entry);
      selection->n_entries += visit_thread (selection->replies, visited, entry);
    }

  for (guint i = 0; self->include_gratitude && i < self->gratitude->len; i++)
    {
      Item *note = g_ptr_array_index (self->gratitude, i);

      if (!in_range (self, note->day) ||
          !by_partner (self, hearth_gratitude_get_from (HEARTH_GRATITUDE (note->record))))
        continue;
      g_ptr_array_add (day_for (days, note->day)->gratitude, note);
      widen_selection (selection, note->day);
      selection->n_gratitude++;
    }
  for (guint i = 0; self->include_checkins && i < self->checkins->len; i++)
    {
      Item *checkin = g_ptr_array_index (self->checkins, i);
      Day  *found;

      if (!in_range (self, checkin->day) ||
          !by_partner (self, hearth_checkin_get_partner (HEARTH_CHECKIN (checkin->record))))
        continue;
      found = day_for (days, checkin->day);
      widen_selection (selection, checkin->day);
      g_ptr_array_add (found->checkins, checkin);
      /* One check-in is the couple's conversation of a day: both records. */
      g_hash_table_add (checkin_days, found->date);
    }
  selection->n_checkins = g_hash_table_size (checkin_days);

  selection->days = g_ptr_array_new_full (g_hash_table_size (days), day_free);
  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Day *day = value;

      g_ptr_array_sort (day->entries, compare_created);
      g_ptr_array_add (selection->days, day);
    }
  g_ptr_array_sort (selection->days, compare_days);
  return selection;
}

/* ------------------------------------------------------------------------ */
/* Text                                                                      */

/* Text from the journal folder as markup: valid UTF-8, no control
 * characters but line breaks and tabs, every special character escaped. */
static char *
escape (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);

  for (char *p = valid; *p; p++)
    if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
      *p = ' ';
  return g_markup_escape_text (valid, -1);
}

static char *
format_date (const char *day,
             const char *format)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (day == NULL || !hearth_date_parse (day, &date))
    return g_strdup (day ? day : "");
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
  return g_date_time_format (time, format);
}

static char *
format_long_date (const char *day)
{
  /* Translators: a date in the printed journal, e.g. "3 March 2026"; see strftime(3) */
  return format_date (day, _ ("%-d %B %Y"));
}

/* The time as the author's clock showed it: the wall-clock part of
 * `created`, read as it is written (no time zone to look up). */
static char *
format_time (HearthRecord *record)
{
  const char *created = hearth_record_get_created (record);
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour, minute;

  if (created != NULL &&
      sscanf (created, "%4d-%2d-%2dT%2d:%2d", &year, &month, &day, &hour, &minute) == 5)
    time = g_date_time_new_utc (year, month, day, hour, minute, 0);
  if (time == NULL)
    return g_strdup ("");
  /* Translators: the time an entry was written, in the printed journal; see strftime(3) */
  return g_date_time_format (time, _ ("%H:%M"));
}

static char *
author_markup (HearthPrint *self,
               const char  *partner_id)
{
  g_autofree char *name = escape (partner_name (self, partner_id));

  return g_strdup_printf ("<span foreground=\"%s\" weight=\"bold\">● %s</span>",
                          partner_color (self, partner_id), name);
}

/* ------------------------------------------------------------------------ */
/* Blocks                                                                    */

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->markup);
  g_free (block->day_text);
  g_clear_pointer (&block->lines, g_array_unref);
  g_free (block);
}

static Block *
add_block (HearthPrint *self,
           Style        style,
           char        *markup,
           double       indent,
           double       space_before,
           gboolean     keep_with_next)
{
  Block *block = g_new0 (Block, 1);

  block->style = style;
  block->markup = markup;
  block->indent = indent;
  block->space_before = space_before;
  block->keep_with_next = keep_with_next;
  block->day = self->current_day;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
add_paragraphs (HearthPrint *self,
                const char  *text,
                double       indent,
                double       first_space)
{
  g_autoptr(GString) normal = g_string_new (text);
  g_auto(GStrv) paragraphs = NULL;
  double space = first_space;

  g_string_replace (normal, "\r\n", "\n", 0);
  paragraphs = g_strsplit (normal->str, "\n\n", -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_strstrip (paragraphs[i]);
      if (*paragraphs[i] == '\0')
        continue;
      add_block (self, STYLE_BODY, escape (paragraphs[i]), indent, space, FALSE);
      space = 6.0;
    }
}

static void
mark_bar (HearthPrint *self,
          guint        first_block,
          const char  *color)
{
  PangoColor bar;

  if (!pango_color_parse (&bar, color))
    pango_color_parse (&bar, GREY);
  for (guint i = first_block; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      block->has_bar = TRUE;
      block->bar_continues = i > first_block;
      block->bar = bar;
    }
}

static void
add_entry (HearthPrint *self,
           Item        *item,
           const char  *parent_day,
           guint        depth)
{
  HearthRecord       *record = item->record;
  HearthEntry        *entry = HEARTH_ENTRY (record);
  const char         *day = item->day;
  const char         *author = hearth_entry_get_author (entry);
  const char         *title = hearth_entry_get_title (entry);
  const char         *body = hearth_entry_get_body (entry);
  const char         *parent_id = hearth_entry_get_reply_to (entry);
  const char         *prompt_id = hearth_entry_get_prompt (entry);
  const HearthPrompt *prompt = prompt_id ? hearth_prompts_lookup (prompt_id) : NULL;
  double              indent = MIN (depth, MAX_DEPTH) * REPLY_INDENT;
  guint               first_block = self->blocks->len;
  g_autofree char    *when = format_time (record);
  g_autofree char    *who = author_markup (self, author);
  g_autoptr(GString) meta = g_string_new (who);
  g_auto(GStrv) tags = hearth_entry_dup_tags (entry);
  g_autofree char *mood = NULL;
  int              mood_index;
  gboolean         has_text = body != NULL && *body != '\0';

  if (depth > 0)
    {
      g_string_append_c (meta, ' ');
      /* Translators: after a partner's name on a reply in the printed journal, "Sam replied" */
      g_string_append (meta, _ ("replied"));
    }
  g_string_append (meta, "  ·  ");
  if (depth > 0 && g_strcmp0 (day, parent_day) != 0)
    {
      g_autofree char *date = format_long_date (day);
      /* Translators: when a reply was written, on another day than its entry: "4 March 2026, 10:12" */
      g_autofree char *date_time = g_strdup_printf (_ ("%s, %s"), date, when);
      g_string_append (meta, date_time);
    }
  else
    g_string_append (meta, when);
  mood_index = hearth_mood_get_index (hearth_entry_get_mood (entry));
  if (mood_index >= 0)
    mood = self->emoji[mood_index] ? hearth_mood_dup_label (hearth_entry_get_mood (entry))
                                   : g_strdup (hearth_mood_get_title (hearth_entry_get_mood (entry)));
  if (mood != NULL)
    {
      g_autofree char *escaped = escape (mood);
      g_string_append_printf (meta, "  ·  %s", escaped);
    }
  add_block (self, STYLE_META, g_string_free (g_steal_pointer (&meta), FALSE), indent,
             depth > 0 ? 10.0 : 16.0, TRUE);

  /* A reply printed without its entry says what it answers. */
  if (depth == 0 && parent_id != NULL)
    {
      HearthRecord *parent = g_hash_table_lookup (self->entry_by_id, parent_id);

      if (parent != NULL)
        {
          g_autofree char *heading = hearth_entry_dup_heading (parent);
          /* Translators: above a reply printed without its entry: "In reply to Sam’s “A walk”" */
          g_autofree char *line = g_strdup_printf (_ ("In reply to %s’s “%s”"),
                                                   partner_name (self, hearth_entry_get_author (HEARTH_ENTRY (parent))),
                                                   heading);
          g_autofree char *escaped = escape (line);
          add_block (self, STYLE_NOTE, g_strdup_printf ("<i>%s</i>", escaped), indent, 2.0, TRUE);
        }
    }
  if (title != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (title));

      if (*stripped != '\0')
        add_block (self, STYLE_HEADING, escape (stripped), indent, 3.0, has_text);
    }
  if (prompt != NULL)
    {
      g_autofree char *escaped = escape (prompt->text);
      /* Translators: before the daily question an entry answers, in the printed journal */
      g_autofree char *label = escape (_ ("Daily question:"));
      add_block (self, STYLE_NOTE, g_strdup_printf ("%s <i>%s</i>", label, escaped), indent, 3.0, has_text);
    }
  if (has_text)
    add_paragraphs (self, body, indent, 4.0);
  if (tags != NULL && tags[0] != NULL)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint i = 0; tags[i] != NULL; i++)
        {
          g_autofree char *escaped = escape (tags[i]);
          g_string_append_printf (line, "%s#%s", i > 0 ? "   " : "", escaped);
        }
      add_block (self, STYLE_NOTE, g_string_free (g_steal_pointer (&line), FALSE), indent, 4.0, FALSE);
    }
  if (depth > 0)
    mark_bar (self, first_block, partner_color (self, author));
}

typedef struct
{
  Item *entry;
  guint depth;
} ThreadItem;

/* An entry and its replies, depth first, oldest reply first. */
static void
add_thread (HearthPrint *self,
            Selection   *selection,
            Item        *entry)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (ThreadItem));
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  ThreadItem first = { entry, 0 };

  g_array_append_val (stack, first);
  while (stack->len > 0)
    {
      ThreadItem item = g_array_index (stack, ThreadItem, stack->len - 1);
      GPtrArray *thread;

      g_array_set_size (stack, stack->len - 1);
      if (!g_hash_table_add (done, (gpointer) hearth_record_get_id (item.entry->record)))
        continue;
      add_entry (self, item.entry, entry->day, item.depth);
      thread = g_hash_table_lookup (selection->replies, hearth_record_get_id (item.entry->record));
      for (guint i = thread ? thread->len : 0; i > 0; i--)
        {
          ThreadItem reply = { g_ptr_array_index (thread, i - 1), item.depth + 1 };
          g_array_append_val (stack, reply);
        }
    }
}

static void
add_gratitude (HearthPrint *self,
               Day         *day)
{
  add_block (self, STYLE_SECTION, escape (_ ("Notes of thanks")), 0, 18.0, TRUE);
  for (guint i = 0; i < day->gratitude->len; i++)
    {
      HearthGratitude *note = HEARTH_GRATITUDE (((Item *) g_ptr_array_index (day->gratitude, i))->record);
      g_autofree char *from = author_markup (self, hearth_gratitude_get_from (note));
      /* Translators: a note of thanks in the printed journal: "to Sam" after the writer's name */
      g_autofree char *to = g_strdup_printf (_ ("to %s"), partner_name (self, hearth_gratitude_get_to (note)));
      g_autofree char *escaped = escape (to);

      add_block (self, STYLE_META, g_strdup_printf ("%s  %s", from, escaped), 0, 8.0, TRUE);
      add_paragraphs (self, hearth_gratitude_get_text (note), 0, 2.0);
    }
}

static void
add_ratings (HearthPrint   *self,
             HearthCheckin *checkin)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int ratings[HEARTH_CHECKIN_N_DIMENSIONS];

  hearth_checkin_get_ratings (checkin, ratings);
  for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
    {
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      if (ratings[d] < 0)
        continue;
      /* Translators: a check-in rating in the printed journal: "Felt heard: 4 of 5" */
      text = g_strdup_printf (_ ("%s: %d of 5"), hearth_checkin_dimension_label (d), ratings[d]);
      escaped = escape (text);
      /* Lines break only between ratings, never inside one. */
      g_strdelimit (escaped, " ", '\x01');
      g_string_append_printf (line, "%s%s", line->len > 0 ? "     " : "", escaped);
    }
  g_string_replace (line, "\x01", "\u00a0", 0);
  if (line->len > 0)
    add_block (self, STYLE_NOTE, g_string_free (g_steal_pointer (&line), FALSE), 0, 6.0, FALSE);
}

static void
add_checkins (HearthPrint *self,
              Day         *day)
{
  add_block (self, STYLE_SECTION, escape (_ ("Check-in")), 0, 18.0, TRUE);
  for (guint i = 0; i < day->checkins->len; i++)
    {
      HearthCheckin   *checkin = HEARTH_CHECKIN (((Item *) g_ptr_array_index (day->checkins, i))->record);
      g_autofree char *who = author_markup (self, hearth_checkin_get_partner (checkin));
      int              minutes = hearth_checkin_get_duration (checkin);
      g_autoptr(GPtrArray) answers = hearth_checkin_dup_answers (checkin);

      if (minutes > 0)
        {
          g_autofree char *text = g_strdup_printf (ngettext ("%d minute", "%d minutes", minutes), minutes);
          g_autofree char *escaped = escape (text);
          add_block (self, STYLE_META, g_strdup_printf ("%s  ·  %s", who, escaped), 0, 8.0, TRUE);
        }
      else
        add_block (self, STYLE_META, g_steal_pointer (&who), 0, 8.0, TRUE);
      for (guint j = 0; answers != NULL && j < answers->len; j++)
        {
          const HearthCheckinAnswer *answer = g_ptr_array_index (answers, j);

          if (answer->text == NULL || *answer->text == '\0')
            continue;
          add_block (self, STYLE_QUESTION, escape (answer->question ? answer->question : ""), 0, 6.0, TRUE);
          add_paragraphs (self, answer->text, 0, 2.0);
        }
      add_ratings (self, checkin);
    }
}

static char *
dup_subtitle (HearthPrint *self,
              Selection   *selection)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char      *first = self->from;
  const char      *last = self->to;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (first == NULL)
    first = selection->first_day;
  if (last == NULL)
    last = selection->last_day;
  from = format_long_date (first);
  to = format_long_date (last);
  if (g_strcmp0 (first, last) == 0)
    g_ptr_array_add (parts, g_steal_pointer (&from));
  else
    /* Translators: the dates a printed journal covers, "3 March 2026 – 31 March 2026" */
    g_ptr_array_add (parts, g_strdup_printf (_ ("%s – %s"), from, to));
  if (self->partner != NULL)
    /* Translators: under the journal's name when only one partner's pages are printed */
    g_ptr_array_add (parts, g_strdup_printf (_ ("Written by %s"), partner_name (self, self->partner)));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("  ·  ", (char **) parts->pdata);
}

static void
build_blocks (HearthPrint *self,
              Selection   *selection)
{
  g_autofree char *subtitle = dup_subtitle (self, selection);
  Block           *block;

  self->current_day = G_MAXUINT;

  add_block (self, STYLE_TITLE, escape (self->journal_name), 0, 0, TRUE);
  block = add_block (self, STYLE_SUBTITLE, escape (subtitle), 0, 4.0, TRUE);
  block->space_after = 6.0;

  for (guint i = 0; i < selection->days->len; i++)
    {
      Day             *day = g_ptr_array_index (selection->days, i);
      /* Translators: a day's heading in the printed journal, "Tuesday, 3 March 2026"; see strftime(3) */
      g_autofree char *heading = format_date (day->date, _ ("%A, %-d %B %Y"));

      self->current_day = self->blocks->len;
      block = add_block (self, STYLE_DATE, escape (heading), 0, 26.0, TRUE);
      block->day_text = g_utf8_make_valid (heading, -1);
      block->rule = TRUE;
      block->space_after = 4.0;
      for (guint j = 0; j < day->entries->len; j++)
        add_thread (self, selection, g_ptr_array_index (day->entries, j));
      if (day->gratitude->len > 0)
        add_gratitude (self, day);
      if (day->checkins->len > 0)
        add_checkins (self, day);
    }
}

/* ------------------------------------------------------------------------ */
/* Measuring and placing                                                     */

/* One layout per style, given each block's text in turn: the same text
 * at the same width breaks into the same lines every time. */
static PangoLayout *
block_layout (HearthPrint *self,
              Block       *block)
{
  const StyleInfo *info = &styles[block->style];
  PangoLayout     *layout = self->layouts[block->style];

  if (layout == NULL)
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_new ();

      layout = self->layouts[block->style] = pango_layout_new (self->context);
      pango_font_description_set_family (font, self->font_family);
      pango_font_description_set_size (font, (int) (info->size * PANGO_SCALE));
      pango_font_description_set_weight (font, info->weight);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (info->line_spacing > 0)
        pango_layout_set_line_spacing (layout, info->line_spacing);
    }
  pango_layout_set_width (layout, (int) ((self->width - block->indent) * PANGO_SCALE));
  pango_layout_set_markup (layout, block->markup, -1);
  return layout;
}

static void
measure (HearthPrint *self,
         Block       *block)
{
  PangoLayout     *layout = block_layout (self, block);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  block->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  do
    {
      int     top, bottom;
      LineBox box;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      box.top = (double) top / PANGO_SCALE;
      box.height = (double) (bottom - top) / PANGO_SCALE;
      g_array_append_val (block->lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* From the top of line @first to the bottom of line @last. */
static double
span (Block *block,
      guint  first,
      guint  last)
{
  LineBox *a = &g_array_index (block->lines, LineBox, first);
  LineBox *b = &g_array_index (block->lines, LineBox, last);

  return b->top + b->height - a->top;
}

/* What must fit below the current line before @index starts there: a
 * heading with what it heads, at least two lines of a paragraph. */
static double
needed_height (HearthPrint *self,
               guint        index,
               double       limit)
{
  double need = 0;

  for (guint i = index; i < self->blocks->len && need <= limit; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      guint  n = block->lines->len;

      if (i > index)
        need += block->space_before;
      if (!block->keep_with_next || i + 1 == self->blocks->len)
        return need + span (block, 0, MIN (n, 2) - 1);
      need += span (block, 0, n - 1) + block->space_after;
    }
  return need;
}

static void
start_page (HearthPrint *self)
{
  guint first = self->pieces->len;

  g_array_append_val (self->pages, first);
}

static void
place_blocks (HearthPrint *self)
{
  double bottom = self->height - FOOTER_HEIGHT;
  double y = 0;

  start_page (self);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      guint  n = block->lines->len;
      guint  j = 0;

      if (y > 0)
        {
          if (y + block->space_before + needed_height (self, i, bottom) > bottom)
            {
              start_page (self);
              y = 0;
            }
          else
            y += block->space_before;
        }
      while (j < n)
        {
          Piece piece = { i, j, 0, y, y };
          guint fit = 0;

          while (j + fit < n && y + span (block, j, j + fit) <= bottom)
            fit++;
          if (fit == 0 && y > 0)
            {
              start_page (self);
              y = 0;
              continue;
            }
          /* A line taller than the page still prints, cut by the page. */
          fit = MAX (fit, 1);
          /* Never one line of a paragraph alone at the top of a page. */
          if (j + fit + 1 == n && fit >= 3)
            fit--;
          piece.n_lines = fit;
          if (j == 0 && block->bar_continues && y > 0)
            piece.bar_top = y - block->space_before;
          g_array_append_val (self->pieces, piece);
          y += span (block, j, j + fit - 1);
          j += fit;
          if (j < n)
            {
              start_page (self);
              y = 0;
            }
        }
      y += block->space_after;
    }
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                   */

static void
set_source (cairo_t    *cr,
            const char *color)
{
  PangoColor rgb;

  pango_color_parse (&rgb, color);
  cairo_set_source_rgb (cr, rgb.red / 65535., rgb.green / 65535., rgb.blue / 65535.);
}

static void
draw_piece (HearthPrint *self,
            cairo_t     *cr,
            Piece       *piece)
{
  Block           *block = g_ptr_array_index (self->blocks, piece->block);
  PangoLayout     *layout = block_layout (self, block);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double           first_top = g_array_index (block->lines, LineBox, piece->first_line).top;
  double           height = span (block, piece->first_line, piece->first_line + piece->n_lines - 1);

  for (guint j = 0; j < piece->first_line; j++)
    pango_layout_iter_next_line (iter);
  set_source (cr, styles[block->style].color);
  for (guint k = 0; k < piece->n_lines; k++)
    {
      PangoRectangle logical;
      double         baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cairo_move_to (cr, block->indent + (double) logical.x / PANGO_SCALE,
                     piece->y + baseline - first_top);
      pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
      if (!pango_layout_iter_next_line (iter))
        break;
    }
  pango_layout_iter_free (iter);

  if (block->has_bar)
    {
      cairo_set_source_rgb (cr, block->bar.red / 65535., block->bar.green / 65535.,
                            block->bar.blue / 65535.);
      /* A reply's stripe starts a little below the top of its first line
       * and runs on unbroken through its paragraphs. */
      double top = piece->bar_top + (block->bar_continues && piece->first_line == 0 ? 0 : 2.0);

      cairo_rectangle (cr, block->indent - BAR_GAP, top, BAR_WIDTH, piece->y + height - top);
      cairo_fill (cr);
    }
  if (block->rule && piece->first_line + piece->n_lines == block->lines->len)
    {
      set_source (cr, "#deddda");
      cairo_rectangle (cr, 0, piece->y + height + 2.0, self->width, 0.75);
      cairo_fill (cr);
    }
}

/* The day a page goes on with, for its footer: so a loose page still says
 * where it belongs. */
static const char *
page_day (HearthPrint *self,
          guint        page)
{
  guint first = g_array_index (self->pages, guint, page);
  guint last = page + 1 < self->pages->len ? g_array_index (self->pages, guint, page + 1) : self->pieces->len;

  for (guint i = first; i < last; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, g_array_index (self->pieces, Piece, i).block);

      if (block->day != G_MAXUINT)
        return ((Block *) g_ptr_array_index (self->blocks, block->day))->day_text;
    }
  return NULL;
}

static void
draw_footer (HearthPrint *self,
             cairo_t     *cr,
             guint        page)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  /* Translators: the footer of each printed page */
  g_autofree char *text = g_strdup_printf (_ ("Page %u of %u"), page + 1, self->pages->len);
  /* The first page's title already says which days the journal covers. */
  const char      *day = page > 0 ? page_day (self, page) : NULL;
  g_autofree char *journal = g_utf8_make_valid (self->journal_name, -1);
  /* Translators: the footer of a printed page: the journal's name and the day the page is about */
  g_autofree char *name = day ? g_strdup_printf (_ ("%s · %s"), journal, day) : g_strdup (journal);
  int              width, height;

  layout = pango_layout_new (self->context);
  pango_font_description_set_family (font, self->font_family);
  pango_font_description_set_size (font, (int) (styles[STYLE_FOOTER].size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  set_source (cr, styles[STYLE_FOOTER].color);

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &width, &height);
  cairo_move_to (cr, self->width - (double) width / PANGO_SCALE,
                 self->height - (double) height / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);

  pango_layout_set_text (layout, name, -1);
  pango_layout_set_width (layout, (int) (self->width * 0.6 * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, 0, self->height - (double) height / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
hearth_print_finalize (GObject *object)
{
  HearthPrint *self = HEARTH_PRINT (object);

  hearth_print_end (self);
  g_free (self->journal_name);
  g_ptr_array_unref (self->partners);
  g_clear_pointer (&self->entry_by_id, g_hash_table_unref);
  g_ptr_array_unref (self->entries);
  g_ptr_array_unref (self->gratitude);
  g_ptr_array_unref (self->checkins);
  g_free (self->first_date);
  g_free (self->last_date);
  g_free (self->from);
  g_free (self->to);
  g_free (self->partner);
  g_free (self->font_family);

  G_OBJECT_CLASS (hearth_print_parent_class)->finalize (object);
}

static void
hearth_print_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HearthPrint *self = HEARTH_PRINT (object);

  switch (prop_id)
    {
    case PROP_FROM:
      g_value_set_string (value, self->from);
      break;
    case PROP_TO:
      g_value_set_string (value, self->to);
      break;
    case PROP_PARTNER:
      g_value_set_string (value, self->partner);
      break;
    case PROP_INCLUDE_GRATITUDE:
      g_value_set_boolean (value, self->include_gratitude);
      break;
    case PROP_INCLUDE_CHECKINS:
      g_value_set_boolean (value, self->include_checkins);
      break;
    case PROP_FONT_FAMILY:
      g_value_set_string (value, self->font_family);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_print_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HearthPrint *self = HEARTH_PRINT (object);

  switch (prop_id)
    {
    case PROP_FROM:
      hearth_print_set_from (self, g_value_get_string (value));
      break;
    case PROP_TO:
      hearth_print_set_to (self, g_value_get_string (value));
      break;
    case PROP_PARTNER:
      hearth_print_set_partner (self, g_value_get_string (value));
      break;
    case PROP_INCLUDE_GRATITUDE:
      hearth_print_set_include_gratitude (self, g_value_get_boolean (value));
      break;
    case PROP_INCLUDE_CHECKINS:
      hearth_print_set_include_checkins (self, g_value_get_boolean (value));
      break;
    case PROP_FONT_FAMILY:
      hearth_print_set_font_family (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_print_class_init (HearthPrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hearth_print_finalize;
  object_class->get_property = hearth_print_get_property;
  object_class->set_property = hearth_print_set_property;

  /**
   * HearthPrint:from:
   * The first day printed, `YYYY-MM-DD`, or %NULL for the journal's start.
   */
  properties[PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * HearthPrint:to:
   * The last day printed, `YYYY-MM-DD`, or %NULL for up to the newest.
   */
  properties[PROP_TO] =
    g_param_spec_string ("to", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * HearthPrint:partner:
   * The partner whose pages are printed, or %NULL for both.
   */
  properties[PROP_PARTNER] =
    g_param_spec_string ("partner", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCLUDE_GRATITUDE] =
    g_param_spec_boolean ("include-gratitude", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCLUDE_CHECKINS] =
    g_param_spec_boolean ("include-checkins", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * HearthPrint:font-family:
   * A comma-separated list of font families, the app's own first.
   */
  properties[PROP_FONT_FAMILY] =
    g_param_spec_string ("font-family", NULL, NULL, DEFAULT_FAMILY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_print_init (HearthPrint *self)
{
  self->include_gratitude = TRUE;
  self->include_checkins = TRUE;
  self->font_family = g_strdup (DEFAULT_FAMILY);
  self->partners = g_ptr_array_new_with_free_func (partner_free);
}

/**
 * hearth_print_new:
 * @journal: a loaded journal
 *
 * Returns: (transfer full): the journal's entries, notes of thanks and
 *   check-ins as they are now, ready to be printed all, with both partners
 */
HearthPrint *
hearth_print_new (HearthJournal *journal)
{
  HearthPrint *self;
  GListModel  *partners;
  const char  *name;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  self = g_object_new (HEARTH_TYPE_PRINT, NULL);
  name = hearth_journal_get_name (journal);
  self->journal_name = g_strdup (name && *name ? name : _ ("Our journal"));
  partners = hearth_journal_get_model (journal, HEARTH_KIND_PARTNER);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(HearthRecord) record = g_list_model_get_item (partners, i);
      const char *color = hearth_partner_get_color (HEARTH_PARTNER (record));
      Partner    *partner;

      if (hearth_record_is_deleted (record))
        continue;
      partner = g_new0 (Partner, 1);
      partner->id = g_strdup (hearth_record_get_id (record));
      partner->name = g_strdup (hearth_partner_name (journal, partner->id));
      partner->color = g_strdup (is_color (color) ? color : GREY);
      g_ptr_array_add (self->partners, partner);
    }
  self->entries = copy_records (journal, HEARTH_KIND_ENTRY);
  self->gratitude = copy_records (journal, HEARTH_KIND_GRATITUDE);
  self->checkins = copy_records (journal, HEARTH_KIND_CHECKIN);
  self->entry_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->entries->len; i++)
    {
      HearthRecord *entry = ((Item *) g_ptr_array_index (self->entries, i))->record;

      g_hash_table_insert (self->entry_by_id, (gpointer) hearth_record_get_id (entry), entry);
    }
  widen_dates (self, self->entries);
  widen_dates (self, self->gratitude);
  widen_dates (self, self->checkins);
  return self;
}

/* ------------------------------------------------------------------------ */
/* Options                                                                   */

static gboolean
set_date (HearthPrint *self,
          char       **field,
          const char  *date,
          GParamSpec  *pspec)
{
  GDate check;

  g_return_val_if_fail (date == NULL || hearth_date_parse (date, &check), FALSE);

  if (g_strcmp0 (*field, date) == 0)
    return FALSE;
  replace_str (field, date);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  return TRUE;
}

const char *
hearth_print_get_from (HearthPrint *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), NULL);
  return self->from;
}

/**
 * hearth_print_set_from:
 * @date: (nullable): the first day to print, `YYYY-MM-DD`, or %NULL
 */
void
hearth_print_set_from (HearthPrint *self,
                       const char  *date)
{
  g_return_if_fail (HEARTH_IS_PRINT (self));
  set_date (self, &self->from, date, properties[PROP_FROM]);
}

const char *
hearth_print_get_to (HearthPrint *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), NULL);
  return self->to;
}

/**
 * hearth_print_set_to:
 * @date: (nullable): the last day to print, `YYYY-MM-DD`, or %NULL
 */
void
hearth_print_set_to (HearthPrint *self,
                     const char  *date)
{
  g_return_if_fail (HEARTH_IS_PRINT (self));
  set_date (self, &self->to, date, properties[PROP_TO]);
}

const char *
hearth_print_get_partner (HearthPrint *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), NULL);
  return self->partner;
}

/**
 * hearth_print_set_partner:
 * @partner_id: (nullable): the only partner to print, or %NULL for both
 */
void
hearth_print_set_partner (HearthPrint *self,
                          const char  *partner_id)
{
  g_return_if_fail (HEARTH_IS_PRINT (self));

  if (g_strcmp0 (self->partner, partner_id) == 0)
    return;
  replace_str (&self->partner, partner_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTNER]);
}

gboolean
hearth_print_get_include_gratitude (HearthPrint *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), FALSE);
  return self->include_gratitude;
}

void
hearth_print_set_include_gratitude (HearthPrint *self,
                                    gboolean     include)
{
  g_return_if_fail (HEARTH_IS_PRINT (self));

  include = !!include;
  if (self->include_gratitude == include)
    return;
  self->include_gratitude = include;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_GRATITUDE]);
}

gboolean
hearth_print_get_include_checkins (HearthPrint *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), FALSE);
  return self->include_checkins;
}

void
hearth_print_set_include_checkins (HearthPrint *self,
                                   gboolean     include)
{
  g_return_if_fail (HEARTH_IS_PRINT (self));

  include = !!include;
  if (self->include_checkins == include)
    return;
  self->include_checkins = include;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_CHECKINS]);
}

const char *
hearth_print_get_font_family (HearthPrint *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), NULL);
  return self->font_family;
}

/**
 * hearth_print_set_font_family:
 * @family: (nullable): font families, comma-separated; %NULL for the default
 */
void
hearth_print_set_font_family (HearthPrint *self,
                              const char  *family)
{
  g_return_if_fail (HEARTH_IS_PRINT (self));

  if (family == NULL || *family == '\0')
    family = DEFAULT_FAMILY;
  if (g_strcmp0 (self->font_family, family) == 0)
    return;
  replace_str (&self->font_family, family);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_FAMILY]);
}

guint
hearth_print_get_n_partners (HearthPrint *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), 0);
  return self->partners->len;
}

const char *
hearth_print_get_partner_id (HearthPrint *self,
                             guint        index)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), NULL);
  g_return_val_if_fail (index < self->partners->len, NULL);
  return ((Partner *) g_ptr_array_index (self->partners, index))->id;
}

const char *
hearth_print_get_partner_name (HearthPrint *self,
                               guint        index)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), NULL);
  g_return_val_if_fail (index < self->partners->len, NULL);
  return ((Partner *) g_ptr_array_index (self->partners, index))->name;
}

/**
 * hearth_print_get_first_date:
 * Returns: (nullable): the day of the oldest entry, note or check-in
 */
const char *
hearth_print_get_first_date (HearthPrint *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), NULL);
  return self->first_date;
}

/**
 * hearth_print_get_last_date:
 * Returns: (nullable): the day of the newest entry, note or check-in
 */
const char *
hearth_print_get_last_date (HearthPrint *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), NULL);
  return self->last_date;
}

/**
 * hearth_print_count:
 * @n_entries: (out) (optional): entries and replies the options choose
 * @n_gratitude: (out) (optional): notes of thanks
 * @n_checkins: (out) (optional): days with a check-in
 */
void
hearth_print_count (HearthPrint *self,
                    guint       *n_entries,
                    guint       *n_gratitude,
                    guint       *n_checkins)
{
  g_autoptr(Selection) selection = NULL;

  g_return_if_fail (HEARTH_IS_PRINT (self));

  selection = selection_new (self);
  if (n_entries != NULL)
    *n_entries = selection->n_entries;
  if (n_gratitude != NULL)
    *n_gratitude = selection->n_gratitude;
  if (n_checkins != NULL)
    *n_checkins = selection->n_checkins;
}

/**
 * hearth_print_is_empty:
 * Returns: whether the options choose nothing at all to print
 */
gboolean
hearth_print_is_empty (HearthPrint *self)
{
  guint entries, gratitude, checkins;

  g_return_val_if_fail (HEARTH_IS_PRINT (self), TRUE);

  hearth_print_count (self, &entries, &gratitude, &checkins);
  return entries + gratitude + checkins == 0;
}

/**
 * hearth_print_dup_summary:
 * Returns: (transfer full) (nullable): what will be printed, e.g.
 *   "12 entries · 3 notes of thanks · 1 check-in"; %NULL when nothing
 */
char *
hearth_print_dup_summary (HearthPrint *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint entries, gratitude, checkins;

  g_return_val_if_fail (HEARTH_IS_PRINT (self), NULL);

  hearth_print_count (self, &entries, &gratitude, &checkins);
  if (entries + gratitude + checkins == 0)
    return NULL;
  if (entries > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u entry", "%u entries", entries), entries));
  if (gratitude > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u note of thanks", "%u notes of thanks", gratitude),
                                             gratitude));
  if (checkins > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u check-in", "%u check-ins", checkins), checkins));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* ------------------------------------------------------------------------ */
/* Printing                                                                  */

/**
 * hearth_print_begin:
 * @context: the Pango context of the print, in points
 * @width: the width of the printed area, in points
 * @height: its height, the footer with the page numbers included
 *
 * Chooses what the options say and makes the blocks of text; then call
 * hearth_print_paginate() until it returns %TRUE.
 */
void
hearth_print_begin (HearthPrint  *self,
                    PangoContext *context,
                    double        width,
                    double        height)
{
  g_autoptr(Selection) selection = NULL;
  g_autoptr(PangoLayout) probe = NULL;

  g_return_if_fail (HEARTH_IS_PRINT (self));
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  hearth_print_end (self);
  self->context = g_object_ref (context);
  self->width = width;
  self->height = height;
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  self->pages = g_array_new (FALSE, FALSE, sizeof (guint));
  self->n_measured = 0;

  /* Moods show their emoji only where a font on this computer has them:
   * a missing one would print as a box of hex digits. */
  probe = pango_layout_new (context);
  for (guint i = 0; i < HEARTH_N_MOODS; i++)
    {
      pango_layout_set_text (probe, hearth_mood_get_emoji (hearth_mood_get_id (i)), -1);
      self->emoji[i] = pango_layout_get_unknown_glyphs_count (probe) == 0;
    }

  selection = selection_new (self);
  if (selection->n_entries + selection->n_gratitude + selection->n_checkins > 0)
    build_blocks (self, selection);
}

/**
 * hearth_print_paginate:
 * @budget: how many blocks to measure in this call
 *
 * Returns: %TRUE when every block is measured and placed on its page
 */
gboolean
hearth_print_paginate (HearthPrint *self,
                       guint        budget)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), TRUE);
  g_return_val_if_fail (self->blocks != NULL, TRUE);

  if (self->pages->len > 0 || self->blocks->len == 0)
    return TRUE;
  for (guint done = 0; done < budget && self->n_measured < self->blocks->len; done++)
    measure (self, g_ptr_array_index (self->blocks, self->n_measured++));
  if (self->n_measured < self->blocks->len)
    return FALSE;
  place_blocks (self);
  return TRUE;
}

/**
 * hearth_print_get_n_pages:
 * Returns: the number of pages once paginated, 0 before or when empty
 */
guint
hearth_print_get_n_pages (HearthPrint *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (self), 0);
  return self->pages ? self->pages->len : 0;
}

/**
 * hearth_print_draw_page:
 * @cr: a cairo context in points, its origin at the printed area's top left
 * @page: the page, from 0
 */
void
hearth_print_draw_page (HearthPrint *self,
                        cairo_t     *cr,
                        guint        page)
{
  guint first, last;

  g_return_if_fail (HEARTH_IS_PRINT (self));
  g_return_if_fail (page < hearth_print_get_n_pages (self));

  first = g_array_index (self->pages, guint, page);
  last = page + 1 < self->pages->len ? g_array_index (self->pages, guint, page + 1) : self->pieces->len;
  cairo_save (cr);
  for (guint i = first; i < last; i++)
    draw_piece (self, cr, &g_array_index (self->pieces, Piece, i));
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

/**
 * hearth_print_end:
 *
 * Drops what printing needed; the options stay.
 */
void
hearth_print_end (HearthPrint *self)
{
  g_return_if_fail (HEARTH_IS_PRINT (self));

  for (guint i = 0; i < N_STYLES; i++)
    g_clear_object (&self->layouts[i]);
  g_clear_object (&self->context);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->pieces, g_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  self->n_measured = 0;
}
