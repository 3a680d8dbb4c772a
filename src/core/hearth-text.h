/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hearth-clock.h"

G_BEGIN_DECLS

char     *hearth_text_fold          (const char *text);
gboolean  hearth_text_fold_contains (const char *folded_haystack,
                                     const char *folded_needle);
char     *hearth_uuid_new           (void);
char     *hearth_time_now_created   (void);
char     *hearth_time_format_updated (gint64     unix_usec);
gint64    hearth_time_parse_usec    (const char *rfc3339,
                                     gboolean   *ok);
gboolean  hearth_date_parse         (const char *yyyy_mm_dd,
                                     GDate      *date);
char     *hearth_date_today         (void);
void      hearth_date_get_today     (GDate      *today);
char     *hearth_date_to_string     (const GDate *date);

G_END_DECLS
