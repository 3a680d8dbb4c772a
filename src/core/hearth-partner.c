/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hearth-partner.h"
#include "hearth-text.h"

struct _HearthPartner
{
  HearthRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HearthPartner, hearth_partner, HEARTH_TYPE_RECORD)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  PROP_ABOUT,
  PROP_EMOTIONAL_LANGUAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hearth_partner_class_init (HearthPartnerClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  HearthRecordClass *record_class = HEARTH_RECORD_CLASS (klass);

  object_class->get_property = hearth_record_get_member_property;
  object_class->set_property = hearth_record_set_member_property;
  (void) record_class;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ABOUT] =
    g_param_spec_string ("about", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMOTIONAL_LANGUAGES] =
    g_param_spec_boxed ("emotional-languages", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_partner_init (HearthPartner *self)
{
}

const char *
hearth_partner_get_name (HearthPartner *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "name");
}

void
hearth_partner_set_name (HearthPartner *self,
                         const char    *name)
{
  hearth_record_set_string (HEARTH_RECORD (self), "name", name);
}

const char *
hearth_partner_get_color (HearthPartner *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "color");
}

void
hearth_partner_set_color (HearthPartner *self,
                          const char    *color)
{
  hearth_record_set_string (HEARTH_RECORD (self), "color", color);
}

const char *
hearth_partner_get_about (HearthPartner *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "about");
}

void
hearth_partner_set_about (HearthPartner *self,
                          const char    *about)
{
  hearth_record_set_string (HEARTH_RECORD (self), "about", about);
}

GStrv
hearth_partner_dup_emotional_languages (HearthPartner *self)
{
  return hearth_record_dup_strv (HEARTH_RECORD (self), "emotional_languages");
}

void
hearth_partner_set_emotional_languages (HearthPartner     *self,
                                        const char *const *emotional_languages)
{
  hearth_record_set_strv (HEARTH_RECORD (self), "emotional_languages", emotional_languages);
}
