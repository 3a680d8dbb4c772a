/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hearth-entry.h"
#include "hearth-text.h"

struct _HearthEntry
{
  HearthRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HearthEntry, hearth_entry, HEARTH_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_AUTHOR,
  PROP_TITLE,
  PROP_BODY,
  PROP_MOOD,
  PROP_TAGS,
  PROP_PROMPT,
  PROP_PROMPT_DATE,
  PROP_REPLY_TO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const search_members[] = { "title", "body", "tags", NULL };

static void
hearth_entry_class_init (HearthEntryClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  HearthRecordClass *record_class = HEARTH_RECORD_CLASS (klass);

  object_class->get_property = hearth_record_get_member_property;
  object_class->set_property = hearth_record_set_member_property;
  record_class->search_members = search_members;

  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MOOD] =
    g_param_spec_string ("mood", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROMPT] =
    g_param_spec_string ("prompt", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROMPT_DATE] =
    g_param_spec_string ("prompt-date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPLY_TO] =
    g_param_spec_string ("reply-to", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_entry_init (HearthEntry *self)
{
}

const char *
hearth_entry_get_author (HearthEntry *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "author");
}

void
hearth_entry_set_author (HearthEntry *self,
                         const char  *author)
{
  hearth_record_set_string (HEARTH_RECORD (self), "author", author);
}

const char *
hearth_entry_get_title (HearthEntry *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "title");
}

void
hearth_entry_set_title (HearthEntry *self,
                        const char  *title)
{
  hearth_record_set_string (HEARTH_RECORD (self), "title", title);
}

const char *
hearth_entry_get_body (HearthEntry *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "body");
}

void
hearth_entry_set_body (HearthEntry *self,
                       const char  *body)
{
  hearth_record_set_string (HEARTH_RECORD (self), "body", body);
}

const char *
hearth_entry_get_mood (HearthEntry *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "mood");
}

void
hearth_entry_set_mood (HearthEntry *self,
                       const char  *mood)
{
  hearth_record_set_string (HEARTH_RECORD (self), "mood", mood);
}

GStrv
hearth_entry_dup_tags (HearthEntry *self)
{
  return hearth_record_dup_strv (HEARTH_RECORD (self), "tags");
}

/**
 * hearth_entry_set_tags:
 * @tags: (nullable): the tags, or %NULL to take the member away
 */
void
hearth_entry_set_tags (HearthEntry       *self,
                       const char *const *tags)
{
  if (tags == NULL)
    hearth_record_remove_member (HEARTH_RECORD (self), "tags");
  else
    hearth_record_set_strv (HEARTH_RECORD (self), "tags", tags);
}

const char *
hearth_entry_get_prompt (HearthEntry *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "prompt");
}

void
hearth_entry_set_prompt (HearthEntry *self,
                         const char  *prompt)
{
  hearth_record_set_string (HEARTH_RECORD (self), "prompt", prompt);
}

const char *
hearth_entry_get_prompt_date (HearthEntry *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "prompt_date");
}

void
hearth_entry_set_prompt_date (HearthEntry *self,
                              const char  *prompt_date)
{
  hearth_record_set_string (HEARTH_RECORD (self), "prompt_date", prompt_date);
}

const char *
hearth_entry_get_reply_to (HearthEntry *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "reply_to");
}

void
hearth_entry_set_reply_to (HearthEntry *self,
                           const char  *reply_to)
{
  hearth_record_set_string (HEARTH_RECORD (self), "reply_to", reply_to);
}
