/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hearth-record-data.h"

G_BEGIN_DECLS

/* One pass over the bytes of a data file (docs/format.md, "Bounds" and
 * "Records"): it checks the bounds, UTF-8 and strict JSON, and builds the
 * records' bodies directly, with no parse tree. What it accepts, and every
 * value it reads, is what hearth_json_parse(), hearth_record_validate_json()
 * and hearth_record_data_new_from_json() make of the same bytes. */

typedef enum
{
  HEARTH_JSON_ABSENT,
  HEARTH_JSON_NULL,
  HEARTH_JSON_STRING,
  HEARTH_JSON_INT,
  HEARTH_JSON_DOUBLE,
  HEARTH_JSON_BOOL,
  HEARTH_JSON_ARRAY,
  HEARTH_JSON_OBJECT,
} HearthJsonClass;

/* A member of a file's header, as json-glib would read it: the last one
 * when a name repeats. */
typedef struct
{
  HearthJsonClass cls;
  gint64          number; /* INT, BOOL */
  const char     *text;   /* STRING: decoded, cut at a \u0000; not NUL-terminated */
  gsize           text_len;
} HearthDocValue;

typedef struct
{
  HearthDocValue hearth, type, seq, records_value, cipher, key_id, nonce, ciphertext, device, partner;
  GPtrArray     *records;       /* (element-type HearthRecordData): in file order */
  GError        *records_error; /* the first record that is not an object or not valid */
  /* private */
  GPtrArray     *owned;
} HearthDocument;

gboolean hearth_document_read (HearthDocument *doc,
                               const char     *data,
                               gsize           len,
                               gboolean        read_records,
                               GError        **error);
void     hearth_document_clear (HearthDocument *doc);
gboolean hearth_doc_value_is (const HearthDocValue *value,
                              const char           *text);
char    *hearth_doc_value_dup (const HearthDocValue *value);

gint64 hearth_json_int_value (const char *digits,
                              gsize       len);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HearthDocument, hearth_document_clear)

G_END_DECLS
