/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "hearth-record.h"

G_BEGIN_DECLS

/* The body of one version of a record, as the core keeps it once a file is
 * read: immutable, reference counted (atomically, so threads share it) and
 * in one allocation. Members keep the order they were read in. What this
 * version reads is held typed; members it does not know, and the complex
 * ones (a check-in's `answers` and `ratings`), as their JSON text, parsed
 * only when asked for. */

typedef enum
{
  HEARTH_VALUE_NULL,
  HEARTH_VALUE_TEXT,
  HEARTH_VALUE_TEXTS,  /* a list of text */
  HEARTH_VALUE_NUMBER, /* a whole number */
  HEARTH_VALUE_FLAG,
  HEARTH_VALUE_RAW, /* any JSON value, as text */
} HearthValueType;

typedef struct
{
  const char *name;
  guint8      type;     /* HearthValueType */
  guint8      known;    /* this version reads the member */
  guint8      has_text; /* RAW holding a string: its text follows the raw text */
  guint8      ascii;    /* TEXT, TEXTS: all of it is ASCII */
  guint32     n;        /* TEXT: its length; TEXTS: how many; RAW: the length of the text */
  union
  {
    const char        *text;
    const char *const *texts;
    gint64             number;
    gboolean           flag;
    const char        *raw;
  } v;
} HearthMember;

typedef struct _HearthRecordData HearthRecordData;

struct _HearthRecordData
{
  gatomicrefcount ref;
  guint           n_members;
  gboolean        deleted;
  /* Point into the members below (or, for a known kind, at a static name);
   * never NULL: "" when a record lacks them. */
  const char     *id;
  const char     *kind;
  const char     *created;
  const char     *updated;
  const char     *device;
  gint64          updated_usec;
  gint64          sort_key;
  HearthMember    members[];
};

HearthRecordData *hearth_record_data_new_from_json (JsonObject *json,
                                                    const char *text,
                                                    gsize       len);
HearthRecordData *hearth_record_data_new (const HearthMember *members,
                                          guint               n_members);
HearthRecordData *hearth_record_data_ref (HearthRecordData *data);
void              hearth_record_data_unref (HearthRecordData *data);
gboolean          hearth_record_data_has_unknown (HearthRecordData *data);
gboolean          hearth_text_is_ascii (const char *text,
                                        gsize       len);

const HearthMember *hearth_record_data_find (HearthRecordData *data,
                                             const char       *name);
HearthRecordData   *hearth_record_data_tombstone (HearthRecordData *data);

JsonObject *hearth_record_data_dup_json (HearthRecordData *data);
JsonNode   *hearth_record_data_dup_member (HearthRecordData *data,
                                           const char       *name);
void        hearth_record_data_write (HearthRecordData *data,
                                      GString          *out);
char       *hearth_record_data_dup_shard_name (HearthRecordData *data);

int hearth_record_compare_versions (HearthRecordData *a,
                                    HearthRecordData *b);

/* What this version reads: a member's type, by docs/format.md "Records". */
typedef enum
{
  HEARTH_KNOWN_TEXT,
  HEARTH_KNOWN_TEXTS,
  HEARTH_KNOWN_NUMBER,
  HEARTH_KNOWN_FLAG,
  HEARTH_KNOWN_ANSWERS, /* a list of {question, text} */
  HEARTH_KNOWN_RATINGS, /* an object of whole numbers */
} HearthKnownType;

typedef struct
{
  const char     *kind; /* NULL: every kind */
  const char     *name;
  HearthKnownType type;
} HearthKnownMember;

const HearthKnownMember *hearth_record_find_known (const char *kind,
                                                   const char *name);
HearthRecordData        *hearth_record_data_new_known (const HearthMember       *members,
                                                       guint                     n_members,
                                                       const HearthKnownMember **knowns);
void                     hearth_record_data_member_from_node (HearthMember            *member,
                                                              const HearthKnownMember *known,
                                                              JsonNode                *node,
                                                              GPtrArray               *allocated);

gboolean hearth_record_node_has_type (JsonNode       *node,
                                      HearthKnownType type);
void     hearth_record_set_lacks_error (GError    **error,
                                        const char *member);
void     hearth_record_set_type_error (GError                 **error,
                                       const HearthKnownMember *known);
void     hearth_record_set_time_error (GError    **error,
                                       const char *value);

/* HearthRecord and its body */
HearthRecord     *hearth_record_new_for_data (HearthRecordData *data);
gboolean          hearth_record_data_matches (HearthRecordData  *data,
                                              const char *const *folded_words);
HearthRecordData *hearth_record_get_data (HearthRecord *self);
void              hearth_record_set_data (HearthRecord     *self,
                                          HearthRecordData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthRecordData, hearth_record_data_unref)

G_END_DECLS
