/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_PRINT (hearth_print_get_type ())

G_DECLARE_FINAL_TYPE (HearthPrint, hearth_print, HEARTH, PRINT, GObject)

HearthPrint *hearth_print_new (HearthJournal *journal);

const char *hearth_print_get_from (HearthPrint *self);
void        hearth_print_set_from (HearthPrint *self,
                                   const char  *date);
const char *hearth_print_get_to (HearthPrint *self);
void        hearth_print_set_to (HearthPrint *self,
                                 const char  *date);
const char *hearth_print_get_partner (HearthPrint *self);
void        hearth_print_set_partner (HearthPrint *self,
                                      const char  *partner_id);
gboolean    hearth_print_get_include_gratitude (HearthPrint *self);
void        hearth_print_set_include_gratitude (HearthPrint *self,
                                                gboolean     include);
gboolean    hearth_print_get_include_checkins (HearthPrint *self);
void        hearth_print_set_include_checkins (HearthPrint *self,
                                               gboolean     include);
const char *hearth_print_get_font_family (HearthPrint *self);
void        hearth_print_set_font_family (HearthPrint *self,
                                          const char  *family);

guint       hearth_print_get_n_partners (HearthPrint *self);
const char *hearth_print_get_partner_id (HearthPrint *self,
                                         guint        index);
const char *hearth_print_get_partner_name (HearthPrint *self,
                                           guint        index);
const char *hearth_print_get_first_date (HearthPrint *self);
const char *hearth_print_get_last_date (HearthPrint *self);

void     hearth_print_count (HearthPrint *self,
                             guint       *n_entries,
                             guint       *n_gratitude,
                             guint       *n_checkins);
gboolean hearth_print_is_empty (HearthPrint *self);
char    *hearth_print_dup_summary (HearthPrint *self);

void     hearth_print_begin (HearthPrint  *self,
                             PangoContext *context,
                             double        width,
                             double        height);
gboolean hearth_print_paginate (HearthPrint *self,
                                guint        budget);
guint    hearth_print_get_n_pages (HearthPrint *self);
void     hearth_print_draw_page (HearthPrint *self,
                                 cairo_t     *cr,
                                 guint        page);
void     hearth_print_end (HearthPrint *self);

G_END_DECLS
