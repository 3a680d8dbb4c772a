/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hearth-occurrence.h"
#include "hearth-text.h"

struct _HearthOccurrence
{
  HearthRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HearthOccurrence, hearth_occurrence, HEARTH_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_RITUAL,
  PROP_DATE,
  PROP_STATUS,
  PROP_NOTE,
  PROP_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hearth_occurrence_class_init (HearthOccurrenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hearth_record_get_member_property;
  object_class->set_property = hearth_record_set_member_property;

  properties[PROP_RITUAL] =
    g_param_spec_string ("ritual", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BY] =
    g_param_spec_string ("by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_occurrence_init (HearthOccurrence *self)
{
}

const char *
hearth_occurrence_get_ritual (HearthOccurrence *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "ritual");
}

void
hearth_occurrence_set_ritual (HearthOccurrence *self,
                              const char       *ritual)
{
  hearth_record_set_string (HEARTH_RECORD (self), "ritual", ritual);
}

const char *
hearth_occurrence_get_date (HearthOccurrence *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "date");
}

void
hearth_occurrence_set_date (HearthOccurrence *self,
                            const char       *date)
{
  hearth_record_set_string (HEARTH_RECORD (self), "date", date);
}

const char *
hearth_occurrence_get_status (HearthOccurrence *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "status");
}

void
hearth_occurrence_set_status (HearthOccurrence *self,
                              const char       *status)
{
  hearth_record_set_string (HEARTH_RECORD (self), "status", status);
}

const char *
hearth_occurrence_get_note (HearthOccurrence *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "note");
}

void
hearth_occurrence_set_note (HearthOccurrence *self,
                            const char       *note)
{
  hearth_record_set_string (HEARTH_RECORD (self), "note", note);
}

const char *
hearth_occurrence_get_by (HearthOccurrence *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "by");
}

void
hearth_occurrence_set_by (HearthOccurrence *self,
                          const char       *by)
{
  hearth_record_set_string (HEARTH_RECORD (self), "by", by);
}
