/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "hearth-entry.h"
#include "hearth-entry-filter.h"
#include "hearth-text.h"

/* Which entries the journal list shows: top-level entries (replies live in
 * their parent's thread) that contain every word searched for, in any case
 * and with or without accents, and pass the author, mood, tag and date
 * filters. Matching looks through each record's own text
 * (hearth_record_matches()), folding only what is not ASCII, and keeps no
 * folded copy of it: tens of thousands of entries are not held twice. */
struct _HearthEntryFilter
{
  GtkFilter parent_instance;

  char *search; /* as typed */
  GStrv words;  /* folded, non-empty */
  char *author;
  char *mood;
  char *tag;  /* folded */
  char *from; /* YYYY-MM-DD, inclusive */
  char *to;
};

G_DEFINE_FINAL_TYPE (HearthEntryFilter, hearth_entry_filter, GTK_TYPE_FILTER)

enum
{
  PROP_0,
  PROP_NARROWED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
hearth_entry_filter_match (GtkFilter *filter,
                           gpointer   item)
{
  HearthEntryFilter *self = HEARTH_ENTRY_FILTER (filter);
  HearthRecord      *record = item;
  HearthEntry       *entry = HEARTH_ENTRY (item);
  const char        *reply_to = hearth_entry_get_reply_to (entry);

  if (reply_to != NULL && *reply_to)
    return FALSE;
  if (self->author && g_strcmp0 (hearth_entry_get_author (entry), self->author) != 0)
    return FALSE;
  if (self->mood && g_strcmp0 (hearth_entry_get_mood (entry), self->mood) != 0)
    return FALSE;
  if (self->from || self->to)
    {
      const char *created = hearth_record_get_created (record);

      if (created == NULL || strlen (created) < 10)
        return FALSE;
      if (self->from && strncmp (created, self->from, 10) < 0)
        return FALSE;
      if (self->to && strncmp (created, self->to, 10) > 0)
        return FALSE;
    }
  if (self->tag)
    {
      g_auto(GStrv) tags = hearth_entry_dup_tags (entry);
      gboolean found = FALSE;

      for (guint i = 0; tags && tags[i] && !found; i++)
        {
          g_autofree char *folded = hearth_text_fold (tags[i]);
          found = g_str_equal (folded, self->tag);
        }
      if (!found)
        return FALSE;
    }
  if (self->words && !hearth_record_matches (record, (const char *const *) self->words))
    return FALSE;
  return TRUE;
}

static GtkFilterMatch
hearth_entry_filter_get_strictness (GtkFilter *filter)
{
  return GTK_FILTER_MATCH_SOME;
}

static void
hearth_entry_filter_finalize (GObject *object)
{
  HearthEntryFilter *self = HEARTH_ENTRY_FILTER (object);

  g_free (self->search);
  g_strfreev (self->words);
  g_free (self->author);
  g_free (self->mood);
  g_free (self->tag);
  g_free (self->from);
  g_free (self->to);

  G_OBJECT_CLASS (hearth_entry_filter_parent_class)->finalize (object);
}

static void
hearth_entry_filter_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HearthEntryFilter *self = HEARTH_ENTRY_FILTER (object);

  switch (prop_id)
    {
    case PROP_NARROWED:
      g_value_set_boolean (value, hearth_entry_filter_is_narrowed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_entry_filter_class_init (HearthEntryFilterClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = hearth_entry_filter_finalize;
  object_class->get_property = hearth_entry_filter_get_property;
  filter_class->match = hearth_entry_filter_match;
  filter_class->get_strictness = hearth_entry_filter_get_strictness;

  /**
   * HearthEntryFilter:narrowed:
   * Whether an author, mood, tag or date filter is set (the search text
   * does not count).
   */
  properties[PROP_NARROWED] =
    g_param_spec_boolean ("narrowed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_entry_filter_init (HearthEntryFilter *self)
{
}

HearthEntryFilter *
hearth_entry_filter_new (void)
{
  return g_object_new (HEARTH_TYPE_ENTRY_FILTER, NULL);
}

static GStrv
split_words (const char *search)
{
  g_autofree char *folded = hearth_text_fold (search);
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n\r", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      {
        g_strv_builder_add (builder, parts[i]);
        any = TRUE;
      }
  return any ? g_strv_builder_end (builder) : NULL;
}

/* Adding letters only narrows the list and removing some only widens it,
 * which lets the filter model re-check just the rows that can change. */
static GtkFilterChange
compare_searches (GStrv old_words,
                  GStrv new_words)
{
  g_autofree char *old_joined = old_words ? g_strjoinv (" ", old_words) : g_strdup ("");
  g_autofree char *new_joined = new_words ? g_strjoinv (" ", new_words) : g_strdup ("");

  if (g_str_has_prefix (new_joined, old_joined) && old_words && new_words &&
      g_strv_length (old_words) == g_strv_length (new_words))
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (old_words == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (new_words == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  if (g_str_has_prefix (old_joined, new_joined) &&
      g_strv_length (old_words) == g_strv_length (new_words))
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

void
hearth_entry_filter_set_search (HearthEntryFilter *self,
                                const char        *search)
{
  g_auto(GStrv) words = NULL;
  GtkFilterChange change;

  g_return_if_fail (HEARTH_IS_ENTRY_FILTER (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  words = split_words (search);
  if (self->words == NULL && words == NULL)
    return;
  if (self->words && words && g_strv_equal ((const char *const *) self->words, (const char *const *) words))
    return;
  change = compare_searches (self->words, words);
  g_strfreev (self->words);
  self->words = g_steal_pointer (&words);
  gtk_filter_changed (GTK_FILTER (self), change);
}

static gboolean
replace (char      **field,
         const char *value)
{
  const char *v = value && *value ? value : NULL;

  if (g_strcmp0 (*field, v) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (v);
  return TRUE;
}

static void
changed (HearthEntryFilter *self,
         gboolean           was_narrowed)
{
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
  if (was_narrowed != hearth_entry_filter_is_narrowed (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROWED]);
}

/**
 * hearth_entry_filter_set_author:
 * @author: (nullable): a partner id, or %NULL for both partners
 */
void
hearth_entry_filter_set_author (HearthEntryFilter *self,
                                const char        *author)
{
  gboolean was = hearth_entry_filter_is_narrowed (self);

  if (replace (&self->author, author))
    changed (self, was);
}

/**
 * hearth_entry_filter_set_mood:
 * @mood: (nullable): a mood id, or %NULL for any mood
 */
void
hearth_entry_filter_set_mood (HearthEntryFilter *self,
                              const char        *mood)
{
  gboolean was = hearth_entry_filter_is_narrowed (self);

  if (replace (&self->mood, mood))
    changed (self, was);
}

/**
 * hearth_entry_filter_set_tag:
 * @tag: (nullable): a tag, matched without regard to case and accents
 */
void
hearth_entry_filter_set_tag (HearthEntryFilter *self,
                             const char        *tag)
{
  gboolean         was = hearth_entry_filter_is_narrowed (self);
  g_autofree char *stripped = tag ? g_strstrip (g_strdup (tag)) : NULL;
  g_autofree char *folded = stripped && *stripped ? hearth_text_fold (stripped) : NULL;

  if (replace (&self->tag, folded))
    changed (self, was);
}

/**
 * hearth_entry_filter_set_date_range:
 * @from: (nullable): the first day shown, `YYYY-MM-DD`
 * @to: (nullable): the last day shown
 */
void
hearth_entry_filter_set_date_range (HearthEntryFilter *self,
                                    const char        *from,
                                    const char        *to)
{
  gboolean was = hearth_entry_filter_is_narrowed (self);
  gboolean any = replace (&self->from, from);

  any |= replace (&self->to, to);
  if (any)
    changed (self, was);
}

gboolean
hearth_entry_filter_is_narrowed (HearthEntryFilter *self)
{
  g_return_val_if_fail (HEARTH_IS_ENTRY_FILTER (self), FALSE);
  return self->author || self->mood || self->tag || self->from || self->to;
}

/**
 * hearth_entry_filter_clear:
 * Drops the author, mood, tag and date filters; the search stays.
 */
void
hearth_entry_filter_clear (HearthEntryFilter *self)
{
  gboolean was = hearth_entry_filter_is_narrowed (self);

  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->mood, g_free);
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  if (was)
    changed (self, was);
}
