/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hearth-ritual.h"
#include "hearth-text.h"

struct _HearthRitual
{
  HearthRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HearthRitual, hearth_ritual, HEARTH_TYPE_RECORD)

enum {
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

static const char * const search_members[] = { "title", "description", NULL };

static void
hearth_ritual_class_init (HearthRitualClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
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

const char *
hearth_ritual_get_ritual_type (HearthRitual *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "type");
}

const char *
hearth_ritual_get_description (HearthRitual *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "description");
}

const char *
hearth_ritual_get_recurrence (HearthRitual *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "recurrence");
}

const char *
hearth_ritual_get_start (HearthRitual *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "start");
}

const char *
hearth_ritual_get_time (HearthRitual *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "time");
}

/* Returns -1 when not set. */
int
hearth_ritual_get_duration (HearthRitual *self)
{
  return (int) hearth_record_get_int (HEARTH_RECORD (self), "duration", -1);
}

/* Returns -1 when not set. */
int
hearth_ritual_get_remind_before (HearthRitual *self)
{
  return (int) hearth_record_get_int (HEARTH_RECORD (self), "remind_before", -1);
}

gboolean
hearth_ritual_get_archived (HearthRitual *self)
{
  return hearth_record_get_bool (HEARTH_RECORD (self), "archived");
}
