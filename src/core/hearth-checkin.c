/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hearth-checkin.h"
#include "hearth-text.h"

struct _HearthCheckin
{
  HearthRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HearthCheckin, hearth_checkin, HEARTH_TYPE_RECORD)

enum {
  PROP_0,
  PROP_DATE,
  PROP_PARTNER,
  PROP_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hearth_checkin_class_init (HearthCheckinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hearth_record_get_member_property;
  object_class->set_property = hearth_record_set_member_property;

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTNER] =
    g_param_spec_string ("partner", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_int ("duration", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_checkin_init (HearthCheckin *self)
{
}

const char *
hearth_checkin_get_date (HearthCheckin *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "date");
}

const char *
hearth_checkin_get_partner (HearthCheckin *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "partner");
}

/* Returns -1 when not set. */
int
hearth_checkin_get_duration (HearthCheckin *self)
{
  return (int) hearth_record_get_int (HEARTH_RECORD (self), "duration", -1);
}
