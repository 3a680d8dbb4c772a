/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_PARTNER (hearth_partner_get_type ())

G_DECLARE_FINAL_TYPE (HearthPartner, hearth_partner, HEARTH, PARTNER, HearthRecord)

const char *hearth_partner_get_name (HearthPartner *self);
const char *hearth_partner_get_color (HearthPartner *self);
const char *hearth_partner_get_about (HearthPartner *self);
GStrv       hearth_partner_dup_emotional_languages (HearthPartner *self);

G_END_DECLS
