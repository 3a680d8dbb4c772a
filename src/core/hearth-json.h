/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Bounds every file of a journal folder is held to before a JSON parser
 * sees it (docs/format.md, "Bounds"). */
#define HEARTH_JSON_MAX_DEPTH      64
#define HEARTH_MAX_DATA_FILE_SIZE  (64 * 1024 * 1024)
#define HEARTH_MAX_SMALL_FILE_SIZE (1024 * 1024)

/* The value of the four hex digits at @p (a \uXXXX escape's), or -1. */
int         hearth_json_hex4 (const char *p);
gboolean    hearth_json_check_bounds (const char *data,
                                      gsize       len,
                                      guint       max_depth,
                                      GError    **error);
JsonNode   *hearth_json_parse (const char *data,
                               gsize       len,
                               GError    **error);
const char *hearth_json_get_string (JsonObject *object,
                                    const char *member,
                                    const char *fallback);
gboolean    hearth_json_get_boolean (JsonObject *object,
                                     const char *member,
                                     gboolean    fallback);
char       *hearth_json_to_string (JsonNode *root,
                                   gboolean  pretty,
                                   gsize    *length);
void        hearth_json_write_string (GString    *out,
                                      const char *s);

JsonObject *hearth_json_object_copy (JsonObject *object);

JsonNode   *hearth_json_raw_new (const char *text,
                                 gsize       len);
const char *hearth_json_raw_get_text (JsonNode *node);

GHashTable *hearth_json_raw_members (const char *object_text,
                                     gsize       len);
/* Where one value lies in a text. */
typedef struct
{
  gsize offset;
  gsize length;
} HearthJsonSpan;

GArray *hearth_json_raw_elements (const char *data,
                                  gsize       len,
                                  const char *member);

G_END_DECLS
