/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_CHECKIN (hearth_checkin_get_type ())

G_DECLARE_FINAL_TYPE (HearthCheckin, hearth_checkin, HEARTH, CHECKIN, HearthRecord)

const char *hearth_checkin_get_date (HearthCheckin *self);
const char *hearth_checkin_get_partner (HearthCheckin *self);
int         hearth_checkin_get_duration (HearthCheckin *self);

G_END_DECLS
