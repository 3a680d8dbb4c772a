/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hearth-ritual.h"
#include "hearth-text.h"

struct _HearthRitual
{
  HearthRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HearthRitual, hearth_ritual, HEARTH_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_TYPE,
  PROP_DESCRIPTION,
  PROP_RECURRENCE,
  PROP_START,
  PROP_TIME,
  PROP_DURATION,
  PROP_REMIND_BEFORE,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const search_members[] = { "title", "description", NULL };

static void
hearth_ritual_class_init (HearthRitualClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  HearthRecordClass *record_class = HEARTH_RECORD_CLASS (klass);

  object_class->get_property = hearth_record_get_member_property;
  object_class->set_property = hearth_record_set_member_property;
  record_class->search_members = search_members;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TYPE] =
    g_param_spec_string ("type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECURRENCE] =
    g_param_spec_string ("recurrence", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_START] =
    g_param_spec_string ("start", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_string ("time", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_int ("duration", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMIND_BEFORE] =
    g_param_spec_int ("remind-before", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_ritual_init (HearthRitual *self)
{
}

const char *
hearth_ritual_get_title (HearthRitual *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "title");
}

void
hearth_ritual_set_title (HearthRitual *self,
                         const char   *title)
{
  hearth_record_set_string (HEARTH_RECORD (self), "title", title);
}

const char *
hearth_ritual_get_ritual_type (HearthRitual *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "type");
}

void
hearth_ritual_set_ritual_type (HearthRitual *self,
                               const char   *ritual_type)
{
  hearth_record_set_string (HEARTH_RECORD (self), "type", ritual_type);
}

const char *
hearth_ritual_get_description (HearthRitual *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "description");
}

void
hearth_ritual_set_description (HearthRitual *self,
                               const char   *description)
{
  hearth_record_set_string (HEARTH_RECORD (self), "description", description);
}

const char *
hearth_ritual_get_recurrence (HearthRitual *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "recurrence");
}

void
hearth_ritual_set_recurrence (HearthRitual *self,
                              const char   *recurrence)
{
  hearth_record_set_string (HEARTH_RECORD (self), "recurrence", recurrence);
}

const char *
hearth_ritual_get_start (HearthRitual *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "start");
}

void
hearth_ritual_set_start (HearthRitual *self,
                         const char   *start)
{
  hearth_record_set_string (HEARTH_RECORD (self), "start", start);
}

const char *
hearth_ritual_get_time (HearthRitual *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "time");
}

void
hearth_ritual_set_time (HearthRitual *self,
                        const char   *time)
{
  hearth_record_set_string (HEARTH_RECORD (self), "time", time);
}

/* Returns -1 when not set (or less than 0). */
int
hearth_ritual_get_duration (HearthRitual *self)
{
  return (int) CLAMP (hearth_record_get_int (HEARTH_RECORD (self), "duration", -1), -1, G_MAXINT);
}

/* @minutes: -1 for not set */
void
hearth_ritual_set_duration (HearthRitual *self,
                            int           minutes)
{
  if (minutes < 0)
    hearth_record_set_null (HEARTH_RECORD (self), "duration");
  else
    hearth_record_set_int (HEARTH_RECORD (self), "duration", minutes);
}

/* Returns -1 when not set (or less than 0). */
int
hearth_ritual_get_remind_before (HearthRitual *self)
{
  return (int) CLAMP (hearth_record_get_int (HEARTH_RECORD (self), "remind_before", -1), -1, G_MAXINT);
}

/* @minutes: -1 for not set */
void
hearth_ritual_set_remind_before (HearthRitual *self,
                                 int           minutes)
{
  if (minutes < 0)
    hearth_record_set_null (HEARTH_RECORD (self), "remind_before");
  else
    hearth_record_set_int (HEARTH_RECORD (self), "remind_before", minutes);
}

gboolean
hearth_ritual_get_archived (HearthRitual *self)
{
  return hearth_record_get_bool (HEARTH_RECORD (self), "archived");
}

/* A ritual that is not archived carries no flag. */
void
hearth_ritual_set_archived (HearthRitual *self,
                            gboolean      archived)
{
  if (archived)
    hearth_record_set_bool (HEARTH_RECORD (self), "archived", TRUE);
  else
    hearth_record_remove_member (HEARTH_RECORD (self), "archived");
}
