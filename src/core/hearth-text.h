/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hearth-clock.h"

G_BEGIN_DECLS

/* 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z */
#define HEARTH_TIME_MIN_USEC G_GINT64_CONSTANT (-62135596800000000)
#define HEARTH_TIME_MAX_USEC G_GINT64_CONSTANT (253402300799999000)

char    *hearth_text_fold (const char *text);
gboolean hearth_text_fold_contains (const char *folded_haystack,
                                    const char *folded_needle);
char    *hearth_uuid_new (void);
char    *hearth_time_now_created (void);
char    *hearth_time_format_updated (gint64 unix_usec);
gint64   hearth_time_parse_usec (const char *rfc3339,
                                 gboolean   *ok);
gboolean hearth_date_parse (const char *yyyy_mm_dd,
                            GDate      *date);
char    *hearth_date_today (void);
void     hearth_date_get_today (GDate *today);
char    *hearth_date_to_string (const GDate *date);

G_END_DECLS
