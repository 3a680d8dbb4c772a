/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hearth-gratitude.h"
#include "hearth-text.h"

struct _HearthGratitude
{
  HearthRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HearthGratitude, hearth_gratitude, HEARTH_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_FROM,
  PROP_TO,
  PROP_TEXT,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const search_members[] = { "text", NULL };

static void
hearth_gratitude_class_init (HearthGratitudeClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  HearthRecordClass *record_class = HEARTH_RECORD_CLASS (klass);

  object_class->get_property = hearth_record_get_member_property;
  object_class->set_property = hearth_record_set_member_property;
  record_class->search_members = search_members;

  properties[PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TO] =
    g_param_spec_string ("to", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_gratitude_init (HearthGratitude *self)
{
}

const char *
hearth_gratitude_get_from (HearthGratitude *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "from");
}

void
hearth_gratitude_set_from (HearthGratitude *self,
                           const char      *from)
{
  hearth_record_set_string (HEARTH_RECORD (self), "from", from);
}

const char *
hearth_gratitude_get_to (HearthGratitude *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "to");
}

void
hearth_gratitude_set_to (HearthGratitude *self,
                         const char      *to)
{
  hearth_record_set_string (HEARTH_RECORD (self), "to", to);
}

const char *
hearth_gratitude_get_text (HearthGratitude *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "text");
}

void
hearth_gratitude_set_text (HearthGratitude *self,
                           const char      *text)
{
  hearth_record_set_string (HEARTH_RECORD (self), "text", text);
}

const char *
hearth_gratitude_get_date (HearthGratitude *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "date");
}

void
hearth_gratitude_set_date (HearthGratitude *self,
                           const char      *date)
{
  hearth_record_set_string (HEARTH_RECORD (self), "date", date);
}
