/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_REPLY_INDEX (hearth_reply_index_get_type ())

G_DECLARE_FINAL_TYPE (HearthReplyIndex, hearth_reply_index, HEARTH, REPLY_INDEX, GObject)

HearthReplyIndex *hearth_reply_index_new (GListModel *entries);
guint             hearth_reply_index_get_count (HearthReplyIndex *self,
                                                const char       *parent_id);
GPtrArray        *hearth_reply_index_get_replies (HearthReplyIndex *self,
                                                  const char       *parent_id);

G_END_DECLS
