/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which file a name stood for when it was looked at. */
typedef struct
{
  guint64  dev;
  guint64  ino;
  guint64  size;
  gint64   mtime_nsec;
  gboolean regular;
} HearthFileId;

gboolean hearth_file_read (const char *path,
                           gsize       max_size,
                           char      **contents,
                           gsize      *length,
                           GError    **error);
gboolean hearth_file_read_beneath (const char *root,
                                   const char *relative,
                                   gsize       max_size,
                                   char      **contents,
                                   gsize      *length,
                                   GError    **error);
gboolean hearth_file_read_beneath_full (const char *root,
                                        const char *relative,
                                        gsize       max_size,
                                        char      **contents,
                                        gsize      *length,
                                        guint      *mode,
                                        GError    **error);
gboolean hearth_file_identify_beneath (const char   *root,
                                       const char   *relative,
                                       HearthFileId *id,
                                       GError      **error);
gboolean hearth_file_id_equal (const HearthFileId *a,
                               const HearthFileId *b);
gboolean hearth_file_remove_beneath (const char         *root,
                                     const char         *relative,
                                     const HearthFileId *expected,
                                     GError            **error);
gboolean hearth_file_is_link (const char *path);
gboolean hearth_file_check_real_folder (const char *root,
                                        const char *relative,
                                        GError    **error);

G_END_DECLS
