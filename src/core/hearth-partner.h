/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_PARTNER (hearth_partner_get_type ())

G_DECLARE_FINAL_TYPE (HearthPartner, hearth_partner, HEARTH, PARTNER, HearthRecord)

const char *hearth_partner_get_name (HearthPartner *self);
void        hearth_partner_set_name (HearthPartner *self,
                                     const char    *name);
const char *hearth_partner_get_color (HearthPartner *self);
void        hearth_partner_set_color (HearthPartner *self,
                                      const char    *color);
const char *hearth_partner_get_about (HearthPartner *self);
void        hearth_partner_set_about (HearthPartner *self,
                                      const char    *about);
GStrv       hearth_partner_dup_emotional_languages (HearthPartner *self);
void        hearth_partner_set_emotional_languages (HearthPartner     *self,
                                                    const char *const *emotional_languages);

G_END_DECLS
