/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hearth-record.h"
#include "hearth-record-data.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_RECORD_LIST (hearth_record_list_get_type ())

G_DECLARE_FINAL_TYPE (HearthRecordList, hearth_record_list, HEARTH, RECORD_LIST, GObject)

HearthRecordList *hearth_record_list_new (GType    item_type,
                                          gboolean descending);
void              hearth_record_list_insert (HearthRecordList *self,
                                             HearthRecord     *record);
void              hearth_record_list_insert_many (HearthRecordList *self,
                                                  GPtrArray        *records);
gboolean          hearth_record_list_remove (HearthRecordList *self,
                                             HearthRecord     *record);
void              hearth_record_list_replace_data (HearthRecordList *self,
                                                   HearthRecord     *record,
                                                   HearthRecordData *data);
void              hearth_record_list_remove_all (HearthRecordList *self);
gboolean          hearth_record_list_find (HearthRecordList *self,
                                           HearthRecord     *record,
                                           guint            *position);

G_END_DECLS
