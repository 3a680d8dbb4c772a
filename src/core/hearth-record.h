/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_RECORD (hearth_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (HearthRecord, hearth_record, HEARTH, RECORD, GObject)

struct _HearthRecordClass
{
  GObjectClass parent_class;

  /* The members search looks at (text or lists of text); NULL when the
   * kind is not searched. */
  const char *const *search_members;
};

HearthRecord *hearth_record_new (const char *kind,
                                 const char *id);
HearthRecord *hearth_record_new_for_json (JsonObject *json);
gboolean      hearth_record_validate_json (JsonObject *json,
                                           GError    **error);
gboolean      hearth_record_is_known_member (const char *kind,
                                             const char *name);
HearthRecord *hearth_record_copy (HearthRecord *self);

JsonObject *hearth_record_dup_json (HearthRecord *self);
JsonNode   *hearth_record_dup_member (HearthRecord *self,
                                      const char   *member);

const char *hearth_record_get_id (HearthRecord *self);
const char *hearth_record_get_kind (HearthRecord *self);
const char *hearth_record_get_created (HearthRecord *self);
const char *hearth_record_get_updated (HearthRecord *self);
const char *hearth_record_get_device (HearthRecord *self);
gboolean    hearth_record_is_deleted (HearthRecord *self);

const char *hearth_record_get_string (HearthRecord *self,
                                      const char   *member);
void        hearth_record_set_string (HearthRecord *self,
                                      const char   *member,
                                      const char   *value);
gint64      hearth_record_get_int (HearthRecord *self,
                                   const char   *member,
                                   gint64        fallback);
void        hearth_record_set_int (HearthRecord *self,
                                   const char   *member,
                                   gint64        value);
gboolean    hearth_record_get_bool (HearthRecord *self,
                                    const char   *member);
void        hearth_record_set_bool (HearthRecord *self,
                                    const char   *member,
                                    gboolean      value);
GStrv       hearth_record_dup_strv (HearthRecord *self,
                                    const char   *member);
void        hearth_record_set_strv (HearthRecord      *self,
                                    const char        *member,
                                    const char *const *value);
void        hearth_record_set_null (HearthRecord *self,
                                    const char   *member);
void        hearth_record_set_member (HearthRecord *self,
                                      const char   *member,
                                      JsonNode     *value);
void        hearth_record_remove_member (HearthRecord *self,
                                         const char   *member);

void hearth_record_touch (HearthRecord *self,
                          const char   *device_id,
                          const char   *at_least_after);
void hearth_record_make_tombstone (HearthRecord *self);

char    *hearth_record_dup_shard_name (HearthRecord *self);
gint64   hearth_record_get_sort_key (HearthRecord *self);
void     hearth_record_update_sort_key (HearthRecord *self);
char    *hearth_record_dup_folded_text (HearthRecord *self);
gboolean hearth_record_matches (HearthRecord      *self,
                                const char *const *folded_words);

int   hearth_record_compare_json_versions (JsonObject *a,
                                           JsonObject *b);
char *hearth_record_shard_name_for (const char *kind,
                                    const char *created,
                                    const char *date);
char *hearth_record_shard_name_for_json (JsonObject *json);

/* For subclasses: GObject property accessors that read and write the JSON
 * member named like the property (dashes become underscores). */
void hearth_record_get_member_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec);
void hearth_record_set_member_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec);

JsonObject *hearth_json_object_deep_copy (JsonObject *object);

G_END_DECLS
