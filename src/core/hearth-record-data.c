/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hearth-json.h"
#include "hearth-record-data.h"
#include "hearth-text.h"

/* Every member this version reads (docs/format.md, "Records"); all others are
 * kept as they are. */
static const HearthKnownMember known_members[] = {
  { NULL, "id", HEARTH_KNOWN_TEXT },
  { NULL, "kind", HEARTH_KNOWN_TEXT },
  { NULL, "created", HEARTH_KNOWN_TEXT },
  { NULL, "updated", HEARTH_KNOWN_TEXT },
  { NULL, "device", HEARTH_KNOWN_TEXT },
  { NULL, "deleted", HEARTH_KNOWN_FLAG },
  { "journal", "name", HEARTH_KNOWN_TEXT },
  { "journal", "checkin_questions", HEARTH_KNOWN_TEXTS },
  { "partner", "name", HEARTH_KNOWN_TEXT },
  { "partner", "color", HEARTH_KNOWN_TEXT },
  { "partner", "emotional_languages", HEARTH_KNOWN_TEXTS },
  { "partner", "about", HEARTH_KNOWN_TEXT },
  { "entry", "author", HEARTH_KNOWN_TEXT },
  { "entry", "title", HEARTH_KNOWN_TEXT },
  { "entry", "body", HEARTH_KNOWN_TEXT },
  { "entry", "mood", HEARTH_KNOWN_TEXT },
  { "entry", "tags", HEARTH_KNOWN_TEXTS },
  { "entry", "prompt", HEARTH_KNOWN_TEXT },
  { "entry", "prompt_date", HEARTH_KNOWN_TEXT },
  { "entry", "reply_to", HEARTH_KNOWN_TEXT },
  { "gratitude", "from", HEARTH_KNOWN_TEXT },
  { "gratitude", "to", HEARTH_KNOWN_TEXT },
  { "gratitude", "text", HEARTH_KNOWN_TEXT },
  { "gratitude", "date", HEARTH_KNOWN_TEXT },
  { "ritual", "title", HEARTH_KNOWN_TEXT },
  { "ritual", "type", HEARTH_KNOWN_TEXT },
  { "ritual", "description", HEARTH_KNOWN_TEXT },
  { "ritual", "recurrence", HEARTH_KNOWN_TEXT },
  { "ritual", "start", HEARTH_KNOWN_TEXT },
  { "ritual", "time", HEARTH_KNOWN_TEXT },
  { "ritual", "duration", HEARTH_KNOWN_NUMBER },
  { "ritual", "remind_before", HEARTH_KNOWN_NUMBER },
  { "ritual", "archived", HEARTH_KNOWN_FLAG },
  { "occurrence", "ritual", HEARTH_KNOWN_TEXT },
  { "occurrence", "date", HEARTH_KNOWN_TEXT },
  { "occurrence", "status", HEARTH_KNOWN_TEXT },
  { "occurrence", "note", HEARTH_KNOWN_TEXT },
  { "occurrence", "by", HEARTH_KNOWN_TEXT },
  { "checkin", "date", HEARTH_KNOWN_TEXT },
  { "checkin", "partner", HEARTH_KNOWN_TEXT },
  { "checkin", "answers", HEARTH_KNOWN_ANSWERS },
  { "checkin", "ratings", HEARTH_KNOWN_RATINGS },
  { "checkin", "duration", HEARTH_KNOWN_NUMBER },
};

/* The kinds this version knows, so a body points at one of these. */
static const char *const known_kinds[] = {
  "journal", "partner", "entry", "gratitude", "ritual", "occurrence", "checkin"
};

const HearthKnownMember *
hearth_record_find_known (const char *kind,
                          const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_members); i++)
    {
      const HearthKnownMember *k = &known_members[i];

      /* The first letters first: this runs for every member read. */
      if (k->name[0] != name[0] ||
          (k->kind != NULL && (kind == NULL || k->kind[0] != kind[0])))
        continue;
      if ((k->kind == NULL || strcmp (k->kind, kind) == 0) && strcmp (k->name, name) == 0)
        return k;
    }
  return NULL;
}

/* Whether @data holds a member this version does not know. */
gboolean
hearth_record_data_has_unknown (HearthRecordData *data)
{
  for (guint i = 0; i < data->n_members; i++)
    if (!data->members[i].known)
      return TRUE;
  return FALSE;
}

static const char *
static_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_kinds); i++)
    if (g_str_equal (known_kinds[i], kind))
      return known_kinds[i];
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Packing                                                                   */

gboolean
hearth_text_is_ascii (const char *text,
                      gsize       len)
{
  guint64 all = 0;
  gsize   i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      all |= word;
    }
  for (; i < len; i++)
    all |= (guchar) text[i];
  return (all & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

#define ALIGN_PTR(n) (((n) + sizeof (gpointer) - 1) & ~(gsize) (sizeof (gpointer) - 1))

static const char *
member_text (const HearthMember *members,
             guint               n,
             const char         *name)
{
  for (guint i = 0; i < n; i++)
    if (members[i].type == HEARTH_VALUE_TEXT && g_str_equal (members[i].name, name))
      return members[i].v.text;
  return NULL;
}

static char *
put_text (char      **area,
          const char *text,
          gsize       len)
{
  char *start = *area;

  memcpy (start, text, len);
  start[len] = '\0';
  *area += len + 1;
  return start;
}

/* Members whose few values thousands of records repeat: who wrote them,
 * on which device, for whom, of which ritual. Only names of things, never
 * what a person wrote or felt (a mood is left out): these texts outlive a
 * lock. */
static gboolean
is_shared_member (const char *name)
{
  static const char *const names[] = {
    "kind", "device", "author", "from", "to", "partner", "ritual", "status", "by"
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i] == name || strcmp (names[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* At most this many texts, of at most this length, are kept once for the
 * whole process and never freed: a hostile folder cannot make it grow
 * further. */
#define SHARED_TEXTS_MAX 4096
#define SHARED_TEXT_LEN  64

/* The one copy of @text that bodies share, or NULL when it is not kept. */
static const char *
shared_text (const char *text)
{
  static GHashTable *texts;
  static GMutex      lock;
  const char        *found;
  gsize              len = strlen (text);

  if (len > SHARED_TEXT_LEN)
    return NULL;
  g_mutex_lock (&lock);
  if (texts == NULL)
    texts = g_hash_table_new (g_str_hash, g_str_equal);
  found = g_hash_table_lookup (texts, text);
  if (found == NULL && g_hash_table_size (texts) < SHARED_TEXTS_MAX)
    {
      char *copy = g_strndup (text, len);

      g_hash_table_add (texts, copy);
      found = copy;
    }
  g_mutex_unlock (&lock);
  return found;
}

static gint64
compute_sort_key (const char *kind,
                  const char *created,
                  const char *date)
{
  gint64 created_usec = hearth_time_parse_usec (created, NULL);
  GDate  parsed;
  gint64 days = 0;

  /* Kinds placed by their `date`: the date first, then the creation time
   * within a day. */
  if (g_str_equal (kind, "gratitude") || g_str_equal (kind, "occurrence") ||
      g_str_equal (kind, "checkin"))
    {
      if (hearth_date_parse (date, &parsed))
        days = g_date_get_julian (&parsed);
      return (days << 32) | ((created_usec / G_USEC_PER_SEC) & 0xffffffff);
    }
  return created_usec;
}

/**
 * hearth_record_data_new:
 * @members: the members in order; a RAW member holding a string has its
 *   text right after the NUL that ends its raw text
 *
 * Returns: (transfer full): a body holding a copy of everything @members
 *   point at, in one allocation
 */
HearthRecordData *
hearth_record_data_new (const HearthMember *members,
                        guint               n_members)
{
  const char                          *kind = member_text (members, n_members, "kind");
  const HearthKnownMember             *on_stack[32];
  g_autofree const HearthKnownMember **on_heap = NULL;
  const HearthKnownMember            **knowns = on_stack;

  if (kind == NULL)
    kind = "";
  if (n_members > G_N_ELEMENTS (on_stack))
    knowns = on_heap = g_new (const HearthKnownMember *, n_members);
  for (guint i = 0; i < n_members; i++)
    knowns[i] = hearth_record_find_known (kind, members[i].name);
  return hearth_record_data_new_known (members, n_members, knowns);
}

/**
 * hearth_record_data_new_known:
 * @knowns: for each member, what hearth_record_find_known() says of it
 *
 * hearth_record_data_new(), for a reader that looked the members up already.
 */
HearthRecordData *
hearth_record_data_new_known (const HearthMember       *members,
                              guint                     n_members,
                              const HearthKnownMember **knowns)
{
  const char             *kind = member_text (members, n_members, "kind");
  const char             *kind_name;
  gsize                   n_ptrs = 0, n_chars = 0, head;
  HearthRecordData       *data;
  const char            **ptrs;
  char                   *chars;
  const char             *on_stack[32];
  g_autofree const char **on_heap = NULL;
  const char            **shared = on_stack;

  kind_name = static_kind (kind ? kind : "");
  if (n_members > G_N_ELEMENTS (on_stack))
    shared = on_heap = g_new (const char *, n_members);
  for (guint i = 0; i < n_members; i++)
    {
      const HearthMember *m = &members[i];

      shared[i] = NULL;
      if (knowns[i] == NULL)
        n_chars += strlen (m->name) + 1;
      switch (m->type)
        {
        case HEARTH_VALUE_TEXT:
          if (knowns[i] != NULL && is_shared_member (knowns[i]->name))
            shared[i] = shared_text (m->v.text);
          if (shared[i] == NULL)
            n_chars += strlen (m->v.text) + 1;
          break;
        case HEARTH_VALUE_TEXTS:
          n_ptrs += m->n + 1;
          for (guint j = 0; j < m->n; j++)
            n_chars += strlen (m->v.texts[j]) + 1;
          break;
        case HEARTH_VALUE_RAW:
          n_chars += m->n + 1;
          if (m->has_text)
            n_chars += strlen (m->v.raw + m->n + 1) + 1;
          break;
        default:
          break;
        }
    }

  head = ALIGN_PTR (sizeof (HearthRecordData) + n_members * sizeof (HearthMember));
  data = g_malloc (head + n_ptrs * sizeof (char *) + n_chars);
  ptrs = (const char **) (gpointer) ((char *) data + head);
  chars = (char *) (ptrs + n_ptrs);
  g_atomic_ref_count_init (&data->ref);
  data->n_members = n_members;
  for (guint i = 0; i < n_members; i++)
    {
      const HearthMember      *m = &members[i];
      HearthMember            *out = &data->members[i];
      const HearthKnownMember *known = knowns[i];

      *out = *m;
      out->known = known != NULL;
      out->name = known ? known->name : put_text (&chars, m->name, strlen (m->name));
      switch (m->type)
        {
        case HEARTH_VALUE_TEXT:
          out->n = strlen (m->v.text);
          out->v.text = shared[i] ? shared[i] : put_text (&chars, m->v.text, out->n);
          out->ascii = hearth_text_is_ascii (out->v.text, out->n);
          break;
        case HEARTH_VALUE_TEXTS:
          out->v.texts = ptrs;
          out->ascii = TRUE;
          for (guint j = 0; j < m->n; j++)
            {
              gsize len = strlen (m->v.texts[j]);

              *ptrs++ = put_text (&chars, m->v.texts[j], len);
              out->ascii = out->ascii && hearth_text_is_ascii (m->v.texts[j], len);
            }
          *ptrs++ = NULL;
          break;
        case HEARTH_VALUE_RAW:
          out->v.raw = put_text (&chars, m->v.raw, m->n);
          if (m->has_text)
            put_text (&chars, m->v.raw + m->n + 1, strlen (m->v.raw + m->n + 1));
          break;
        default:
          break;
        }
    }

  data->id = member_text (data->members, n_members, "id");
  data->created = member_text (data->members, n_members, "created");
  data->updated = member_text (data->members, n_members, "updated");
  data->device = member_text (data->members, n_members, "device");
  data->kind = kind_name ? kind_name : member_text (data->members, n_members, "kind");
  data->id = data->id ? data->id : "";
  data->created = data->created ? data->created : "";
  data->updated = data->updated ? data->updated : "";
  data->device = data->device ? data->device : "";
  data->kind = data->kind ? data->kind : "";
  data->deleted = FALSE;
  for (guint i = 0; i < n_members; i++)
    if (data->members[i].type == HEARTH_VALUE_FLAG && g_str_equal (data->members[i].name, "deleted"))
      data->deleted = data->members[i].v.flag;
  data->updated_usec = hearth_time_parse_usec (data->updated, NULL);
  data->sort_key = compute_sort_key (data->kind, data->created,
                                     member_text (data->members, n_members, "date"));
  return data;
}

HearthRecordData *
hearth_record_data_ref (HearthRecordData *data)
{
  g_atomic_ref_count_inc (&data->ref);
  return data;
}

void
hearth_record_data_unref (HearthRecordData *data)
{
  if (data != NULL && g_atomic_ref_count_dec (&data->ref))
    g_free (data);
}

/* Fills @member from @node, typed where the value allows; what needs
 * memory of its own is added to @allocated. */
void
hearth_record_data_member_from_node (HearthMember            *member,
                                     const HearthKnownMember *known,
                                     JsonNode                *node,
                                     GPtrArray               *allocated)
{
  const char *raw = hearth_json_raw_get_text (node);
  gsize       len;

  if (raw != NULL)
    {
      member->type = HEARTH_VALUE_RAW;
      member->v.raw = raw;
      member->n = strlen (raw);
      return;
    }
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      member->type = HEARTH_VALUE_NULL;
      return;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          member->type = HEARTH_VALUE_TEXT;
          member->v.text = json_node_get_string (node);
          return;
        }
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        {
          member->type = HEARTH_VALUE_NUMBER;
          member->v.number = json_node_get_int (node);
          return;
        }
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        {
          member->type = HEARTH_VALUE_FLAG;
          member->v.flag = json_node_get_boolean (node);
          return;
        }
      break;
    case JSON_NODE_ARRAY:
      if (known != NULL && known->type == HEARTH_KNOWN_TEXTS)
        {
          JsonArray   *array = json_node_get_array (node);
          guint        n = json_array_get_length (array);
          const char **texts = g_new (const char *, n + 1);
          guint        i;

          for (i = 0; i < n; i++)
            {
              JsonNode *e = json_array_get_element (array, i);

              if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING ||
                  hearth_json_raw_get_text (e) != NULL)
                break;
              texts[i] = json_node_get_string (e);
            }
          g_ptr_array_add (allocated, texts);
          if (i == n)
            {
              member->type = HEARTH_VALUE_TEXTS;
              member->v.texts = texts;
              member->n = n;
              return;
            }
        }
      break;
    case JSON_NODE_OBJECT:
    default:
      break;
    }
  /* Kept as its text, written once now. */
  member->type = HEARTH_VALUE_RAW;
  member->v.raw = hearth_json_to_string (node, FALSE, &len);
  member->n = len;
  g_ptr_array_add (allocated, (gpointer) member->v.raw);
}

/**
 * hearth_record_data_new_from_json:
 * @json: a record
 * @text: (nullable): the text @json was parsed from: members this version
 *   does not know keep it exactly (docs/format.md, "What a reader ignores,
 *   and what it keeps"), where json-glib would read 1e999 as infinity, a
 *   30-digit integer as -1 and cut a string at \u0000
 *
 * Returns: (transfer full): the body of @json
 */
HearthRecordData *
hearth_record_data_new_from_json (JsonObject *json,
                                  const char *text,
                                  gsize       len)
{
  g_autoptr(GArray) members = g_array_sized_new (FALSE, TRUE, sizeof (HearthMember),
                                                  json_object_get_size (json));
  g_autoptr(GPtrArray) allocated = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) raw = NULL;
  const char    *kind = hearth_json_get_string (json, "kind", "");
  gboolean       no_raw = text == NULL;
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *node;

  json_object_iter_init_ordered (&iter, json);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      const HearthKnownMember *known = hearth_record_find_known (kind, name);
      HearthMember             m = { 0 };
      const char              *value = NULL;

      m.name = name;
      if (known == NULL && !no_raw && hearth_json_raw_get_text (node) == NULL)
        {
          if (raw == NULL && (raw = hearth_json_raw_members (text, len)) == NULL)
            no_raw = TRUE;
          else
            value = g_hash_table_lookup (raw, name);
        }
      if (value != NULL)
        {
          m.type = HEARTH_VALUE_RAW;
          m.n = strlen (value);
          m.v.raw = value;
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            {
              const char *decoded = json_node_get_string (node);
              gsize       dlen = strlen (decoded);
              char       *both = g_malloc (m.n + 1 + dlen + 1);

              memcpy (both, value, m.n + 1);
              memcpy (both + m.n + 1, decoded, dlen + 1);
              g_ptr_array_add (allocated, both);
              m.v.raw = both;
              m.has_text = TRUE;
            }
        }
      else
        hearth_record_data_member_from_node (&m, known, node, allocated);
      g_array_append_val (members, m);
    }
  return hearth_record_data_new ((HearthMember *) (gpointer) members->data, members->len);
}

const HearthMember *
hearth_record_data_find (HearthRecordData *data,
                         const char       *name)
{
  for (guint i = 0; i < data->n_members; i++)
    if (g_str_equal (data->members[i].name, name))
      return &data->members[i];
  return NULL;
}

/**
 * hearth_record_data_tombstone:
 * Returns: (transfer full): what stays of @data once deleted: what places
 *   it in its shard, and `deleted`
 */
HearthRecordData *
hearth_record_data_tombstone (HearthRecordData *data)
{
  static const char *keep[] = { "id", "kind", "created", "updated", "device", "ritual", "date" };
  HearthMember       members[G_N_ELEMENTS (keep) + 1];
  guint              n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    {
      const HearthMember *m;

      if (i >= 5 && !g_str_equal (data->kind, "occurrence"))
        break;
      if ((m = hearth_record_data_find (data, keep[i])) != NULL)
        members[n++] = *m;
    }
  members[n] = (HearthMember){ .name = "deleted", .type = HEARTH_VALUE_FLAG, .v.flag = TRUE };
  return hearth_record_data_new (members, n + 1);
}

/* ------------------------------------------------------------------------ */
/* Reading out                                                               */

static JsonNode *
parse_raw (const HearthMember *m)
{
  JsonNode *node = hearth_json_parse (m->v.raw, m->n, NULL);

  return node ? node : hearth_json_raw_new (m->v.raw, m->n);
}

static JsonNode *
member_to_node (const HearthMember *m,
                gboolean            parse)
{
  JsonNode *node;

  switch (m->type)
    {
    case HEARTH_VALUE_TEXT:
      return json_node_init_string (json_node_alloc (), m->v.text);
    case HEARTH_VALUE_TEXTS:
      {
        JsonArray *array = json_array_sized_new (m->n);

        for (guint i = 0; i < m->n; i++)
          json_array_add_string_element (array, m->v.texts[i]);
        node = json_node_alloc ();
        json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), array);
        return node;
      }
    case HEARTH_VALUE_NUMBER:
      return json_node_init_int (json_node_alloc (), m->v.number);
    case HEARTH_VALUE_FLAG:
      return json_node_init_boolean (json_node_alloc (), m->v.flag);
    case HEARTH_VALUE_RAW:
      return parse ? parse_raw (m) : hearth_json_raw_new (m->v.raw, m->n);
    case HEARTH_VALUE_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

/**
 * hearth_record_data_dup_json:
 * Returns: (transfer full): a new JSON object of @data, sharing nothing
 *   with it; members this version does not know are raw values
 *   (hearth_json_raw_new()), which hearth_json_to_string() writes exactly
 */
JsonObject *
hearth_record_data_dup_json (HearthRecordData *data)
{
  JsonObject *json = json_object_new ();

  for (guint i = 0; i < data->n_members; i++)
    {
      const HearthMember *m = &data->members[i];
      json_object_set_member (json, m->name, member_to_node (m, m->known));
    }
  return json;
}

/**
 * hearth_record_data_dup_member:
 * Returns: (transfer full) (nullable): the value of member @name, parsed,
 *   or %NULL when @data has none
 */
JsonNode *
hearth_record_data_dup_member (HearthRecordData *data,
                               const char       *name)
{
  const HearthMember *m = hearth_record_data_find (data, name);

  return m ? member_to_node (m, TRUE) : NULL;
}

/* Appends @data as JSON, members in order, without spaces. */
void
hearth_record_data_write (HearthRecordData *data,
                          GString          *out)
{
  g_string_append_c (out, '{');
  for (guint i = 0; i < data->n_members; i++)
    {
      const HearthMember *m = &data->members[i];

      if (i > 0)
        g_string_append_c (out, ',');
      hearth_json_write_string (out, m->name);
      g_string_append_c (out, ':');
      switch (m->type)
        {
        case HEARTH_VALUE_TEXT:
          hearth_json_write_string (out, m->v.text);
          break;
        case HEARTH_VALUE_TEXTS:
          g_string_append_c (out, '[');
          for (guint j = 0; j < m->n; j++)
            {
              if (j > 0)
                g_string_append_c (out, ',');
              hearth_json_write_string (out, m->v.texts[j]);
            }
          g_string_append_c (out, ']');
          break;
        case HEARTH_VALUE_NUMBER:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, m->v.number);
          break;
        case HEARTH_VALUE_FLAG:
          g_string_append (out, m->v.flag ? "true" : "false");
          break;
        case HEARTH_VALUE_RAW:
          g_string_append_len (out, m->v.raw, m->n);
          break;
        case HEARTH_VALUE_NULL:
        default:
          g_string_append (out, "null");
          break;
        }
    }
  g_string_append_c (out, '}');
}

/**
 * hearth_record_data_dup_shard_name:
 * Returns: (transfer full) (nullable): the file @data belongs in, as
 *   hearth_record_shard_name_for_json() says
 */
char *
hearth_record_data_dup_shard_name (HearthRecordData *data)
{
  const char *date = member_text (data->members, data->n_members, "date");

  return hearth_record_shard_name_for (data->kind, data->created, date ? date : "");
}

/**
 * hearth_record_compare_versions:
 * Orders two versions of one record: the greater `updated` wins, ties break
 * on the greater `device` (docs/format.md, "Merging").
 *
 * Returns: < 0 when @a loses to @b, > 0 when it wins, 0 when identical
 */
int
hearth_record_compare_versions (HearthRecordData *a,
                                HearthRecordData *b)
{
  int c;

  if (a->updated_usec != b->updated_usec)
    return a->updated_usec < b->updated_usec ? -1 : 1;
  c = strcmp (a->device, b->device);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}
