/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean hearth_file_read              (const char  *path,
                                        gsize        max_size,
                                        char       **contents,
                                        gsize       *length,
                                        GError     **error);
gboolean hearth_file_read_beneath      (const char  *root,
                                        const char  *relative,
                                        gsize        max_size,
                                        char       **contents,
                                        gsize       *length,
                                        GError     **error);
gboolean hearth_file_read_beneath_full (const char  *root,
                                        const char  *relative,
                                        gsize        max_size,
                                        char       **contents,
                                        gsize       *length,
                                        guint       *mode,
                                        GError     **error);
gboolean hearth_file_is_link           (const char  *path);
gboolean hearth_file_check_real_folder (const char  *root,
                                        const char  *relative,
                                        GError     **error);

G_END_DECLS
