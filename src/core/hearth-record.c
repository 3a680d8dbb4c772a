/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hearth-error.h"
#include "hearth-json.h"
#include "hearth-record.h"
#include "hearth-record-data.h"
#include "hearth-entry.h"
#include "hearth-gratitude.h"
#include "hearth-ritual.h"
#include "hearth-occurrence.h"
#include "hearth-checkin.h"
#include "hearth-partner.h"
#include "hearth-text.h"

typedef struct
{
  /* The body the record was made from or last given: shared with the
   * shard and other copies, never changed. It stays while the record
   * lives, so what getters returned stays valid as in a JSON object. */
  HearthRecordData *data;
  /* Once changed: the record's own members (HearthMember, each string an
   * allocation of its own), and their body once asked for. */
  GArray           *loose;
  HearthRecordData *packed;
  gint64            sort_key;
} HearthRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (HearthRecord, hearth_record, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_DEVICE,
  PROP_DELETED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static JsonNode *
deep_copy_node (JsonNode *node)
{
  JsonNode *copy;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(JsonObject) obj = hearth_json_object_deep_copy (json_node_get_object (node));
        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_set_object (copy, obj);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *src = json_node_get_array (node);
        g_autoptr(JsonArray) arr = json_array_sized_new (json_array_get_length (src));
        for (guint i = 0; i < json_array_get_length (src); i++)
          json_array_add_element (arr, deep_copy_node (json_array_get_element (src, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_set_array (copy, arr);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      copy = json_node_copy (node);
      return copy;
    }
}

/**
 * hearth_json_object_deep_copy:
 * Returns: (transfer full): a copy of @object that shares nothing with it
 */
JsonObject *
hearth_json_object_deep_copy (JsonObject *object)
{
  JsonObject    *copy = json_object_new ();
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (copy, name, deep_copy_node (node));
  return copy;
}

static void
hearth_record_finalize (GObject *object)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (HEARTH_RECORD (object));

  g_clear_pointer (&priv->data, hearth_record_data_unref);
  g_clear_pointer (&priv->packed, hearth_record_data_unref);
  g_clear_pointer (&priv->loose, g_array_unref);
  G_OBJECT_CLASS (hearth_record_parent_class)->finalize (object);
}

static char *
member_for_pspec (GParamSpec *pspec)
{
  char *member = g_strdup (pspec->name);
  g_strdelimit (member, "-", '_');
  return member;
}

void
hearth_record_get_member_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HearthRecord    *self = HEARTH_RECORD (object);
  g_autofree char *member = member_for_pspec (pspec);
  GType            type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRING)
    g_value_set_string (value, hearth_record_get_string (self, member));
  else if (type == G_TYPE_INT)
    g_value_set_int (value, (int) hearth_record_get_int (self, member, -1));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, hearth_record_get_bool (self, member));
  else if (type == G_TYPE_STRV)
    g_value_take_boxed (value, hearth_record_dup_strv (self, member));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

void
hearth_record_set_member_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HearthRecord    *self = HEARTH_RECORD (object);
  g_autofree char *member = member_for_pspec (pspec);
  GType            type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRING)
    hearth_record_set_string (self, member, g_value_get_string (value));
  else if (type == G_TYPE_INT)
    {
      if (g_value_get_int (value) < 0)
        hearth_record_remove_member (self, member);
      else
        hearth_record_set_int (self, member, g_value_get_int (value));
    }
  else if (type == G_TYPE_BOOLEAN)
    hearth_record_set_bool (self, member, g_value_get_boolean (value));
  else if (type == G_TYPE_STRV)
    hearth_record_set_strv (self, member, g_value_get_boxed (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hearth_record_class_init (HearthRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hearth_record_finalize;
  object_class->get_property = hearth_record_get_member_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] = g_param_spec_string ("updated", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEVICE] = g_param_spec_string ("device", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELETED] = g_param_spec_boolean ("deleted", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_record_init (HearthRecord *self)
{
}

static GType
type_for_kind (const char *kind)
{
  if (g_strcmp0 (kind, "entry") == 0)
    return HEARTH_TYPE_ENTRY;
  if (g_strcmp0 (kind, "gratitude") == 0)
    return HEARTH_TYPE_GRATITUDE;
  if (g_strcmp0 (kind, "ritual") == 0)
    return HEARTH_TYPE_RITUAL;
  if (g_strcmp0 (kind, "occurrence") == 0)
    return HEARTH_TYPE_OCCURRENCE;
  if (g_strcmp0 (kind, "checkin") == 0)
    return HEARTH_TYPE_CHECKIN;
  if (g_strcmp0 (kind, "partner") == 0)
    return HEARTH_TYPE_PARTNER;
  return HEARTH_TYPE_RECORD;
}

/**
 * hearth_record_new_for_data:
 * @data: a body, which the new object takes a reference to
 *
 * Returns: (transfer full): a record of the subclass for its kind
 */
HearthRecord *
hearth_record_new_for_data (HearthRecordData *data)
{
  HearthRecord        *self = g_object_new (type_for_kind (data->kind), NULL);
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);

  priv->data = hearth_record_data_ref (data);
  priv->sort_key = data->sort_key;
  return self;
}

/**
 * hearth_record_new_for_json:
 * @json: a record, copied
 *
 * Returns: (transfer full): a record of the subclass for its kind
 */
HearthRecord *
hearth_record_new_for_json (JsonObject *json)
{
  g_autoptr(HearthRecordData) data = hearth_record_data_new_from_json (json, NULL, 0);

  return hearth_record_new_for_data (data);
}

/**
 * hearth_record_new:
 * @kind: the record kind
 * @id: (nullable): a deterministic id, or %NULL for a new UUID
 *
 * Returns: (transfer full): a new record created now, in local time
 */
HearthRecord *
hearth_record_new (const char *kind,
                   const char *id)
{
  g_autofree char *uuid = id ? NULL : hearth_uuid_new ();
  g_autofree char *created = hearth_time_now_created ();
  HearthMember     members[] = {
        { .name = "id", .type = HEARTH_VALUE_TEXT, .v.text = id ? id : uuid },
        { .name = "kind", .type = HEARTH_VALUE_TEXT, .v.text = kind },
        { .name = "created", .type = HEARTH_VALUE_TEXT, .v.text = created },
        { .name = "updated", .type = HEARTH_VALUE_TEXT, .v.text = "" },
        { .name = "device", .type = HEARTH_VALUE_TEXT, .v.text = "" },
  };
  g_autoptr(HearthRecordData) data = hearth_record_data_new (members, G_N_ELEMENTS (members));

  return hearth_record_new_for_data (data);
}

/**
 * hearth_record_copy:
 * Returns: (transfer full): a new record of the same version; the two
 *   share their body until one of them changes
 */
HearthRecord *
hearth_record_copy (HearthRecord *self)
{
  return hearth_record_new_for_data (hearth_record_get_data (self));
}

static gboolean
is_string_member (JsonObject *json,
                  const char *member)
{
  JsonNode *node = json_object_get_member (json, member);
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/**
 * hearth_record_is_known_member:
 * Returns: whether this version of Hearth reads member @name of a record of
 *   @kind; unknown members are written back exactly as they were read
 */
gboolean
hearth_record_is_known_member (const char *kind,
                               const char *name)
{
  return hearth_record_find_known (kind, name) != NULL;
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
all_elements (JsonNode *node,
              gboolean (*check) (JsonNode *))
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!check (json_array_get_element (array, i)))
      return FALSE;
  return TRUE;
}

static gboolean
is_text (JsonNode *node)
{
  return holds (node, G_TYPE_STRING);
}

static gboolean
is_answer (JsonNode *node)
{
  JsonObject *answer;
  JsonNode   *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  answer = json_node_get_object (node);
  for (guint i = 0; i < 2; i++)
    {
      member = json_object_get_member (answer, i == 0 ? "question" : "text");
      if (member != NULL && !JSON_NODE_HOLDS_NULL (member) && !is_text (member))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_type (JsonNode       *node,
          HearthKnownType type)
{
  /* null stands for "not set" wherever a member is optional. */
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  switch (type)
    {
    case HEARTH_KNOWN_TEXT:
      return is_text (node);
    case HEARTH_KNOWN_TEXTS:
      return all_elements (node, is_text);
    case HEARTH_KNOWN_NUMBER:
      return holds (node, G_TYPE_INT64);
    case HEARTH_KNOWN_FLAG:
      return holds (node, G_TYPE_BOOLEAN);
    case HEARTH_KNOWN_ANSWERS:
      return all_elements (node, is_answer);
    case HEARTH_KNOWN_RATINGS:
      {
        JsonObjectIter iter;
        const char    *name;
        JsonNode      *value;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          return FALSE;
        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &value))
          if (!holds (value, G_TYPE_INT64))
            return FALSE;
        return TRUE;
      }
    default:
      return FALSE;
    }
}

/* Whether @node may be the value of a member of @type. */
gboolean
hearth_record_node_has_type (JsonNode       *node,
                             HearthKnownType type)
{
  return has_type (node, type);
}

/* The reasons hearth_record_validate_json() gives, for every reader of
 * records to give the same. */
void
hearth_record_set_lacks_error (GError    **error,
                               const char *member)
{
  g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
               _ ("a record lacks its “%s”"), member);
}

void
hearth_record_set_type_error (GError                 **error,
                              const HearthKnownMember *known)
{
  g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
               _ ("a record’s “%s” is not what it must be (%s)"), known->name,
               known->type == HEARTH_KNOWN_TEXT ? _ ("text") : known->type == HEARTH_KNOWN_NUMBER  ? _ ("a whole number")
                                                             : known->type == HEARTH_KNOWN_FLAG    ? _ ("true or false")
                                                             : known->type == HEARTH_KNOWN_RATINGS ? _ ("ratings from 1 to 5")
                                                                                                   : _ ("a list"));
}

void
hearth_record_set_time_error (GError    **error,
                              const char *value)
{
  g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
               _ ("a record has an unreadable time “%s”"), value);
}

/**
 * hearth_record_validate_json:
 * Checks the members every record has (docs/format.md, "Records") and the type
 * of every member this version reads, so no code ever meets a list where
 * it reads text.
 */
gboolean
hearth_record_validate_json (JsonObject *json,
                             GError    **error)
{
  static const char *required[] = { "id", "kind", "created", "updated", "device" };
  g_autoptr(GList) names = NULL;
  const char *kind;
  gboolean    ok = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!is_string_member (json, required[i]) ||
        *json_object_get_string_member (json, required[i]) == '\0')
      {
        hearth_record_set_lacks_error (error, required[i]);
        return FALSE;
      }
  kind = json_object_get_string_member (json, "kind");
  names = json_object_get_members (json);
  for (GList *l = names; l; l = l->next)
    {
      const HearthKnownMember *known = hearth_record_find_known (kind, l->data);

      if (known != NULL && !has_type (json_object_get_member (json, l->data), known->type))
        {
          hearth_record_set_type_error (error, known);
          return FALSE;
        }
    }
  hearth_time_parse_usec (json_object_get_string_member (json, "updated"), &ok);
  if (!ok)
    {
      hearth_record_set_time_error (error, json_object_get_string_member (json, "updated"));
      return FALSE;
    }
  hearth_time_parse_usec (json_object_get_string_member (json, "created"), &ok);
  if (!ok)
    {
      hearth_record_set_time_error (error, json_object_get_string_member (json, "created"));
      return FALSE;
    }
  return TRUE;
}

/**
 * hearth_record_get_data:
 * Returns: (transfer none): the record's body as it is now
 */
HearthRecordData *
hearth_record_get_data (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);

  if (priv->loose == NULL)
    return priv->data;
  if (priv->packed == NULL)
    priv->packed = hearth_record_data_new ((HearthMember *) (gpointer) priv->loose->data,
                                           priv->loose->len);
  return priv->packed;
}

/**
 * hearth_record_dup_json:
 * Returns: (transfer full): a new JSON object of the record as it is now;
 *   changing it changes nothing in the record. Members this version does
 *   not know are raw values, which hearth_json_to_string() writes exactly
 *   as they were read.
 */
JsonObject *
hearth_record_dup_json (HearthRecord *self)
{
  return hearth_record_data_dup_json (hearth_record_get_data (self));
}

/**
 * hearth_record_dup_member:
 * Returns: (transfer full) (nullable): the value of @member, parsed, or
 *   %NULL when the record has no such member
 */
JsonNode *
hearth_record_dup_member (HearthRecord *self,
                          const char   *member)
{
  return hearth_record_data_dup_member (hearth_record_get_data (self), member);
}

static void
notify_all (HearthRecord *self)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint                   n = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n);
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n; i++)
    g_object_notify_by_pspec (G_OBJECT (self), pspecs[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * hearth_record_set_data:
 * Replaces the record's contents with @data (shared, not copied) and
 * notifies every property.
 */
void
hearth_record_set_data (HearthRecord     *self,
                        HearthRecordData *data)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);

  if (priv->data == data && priv->loose == NULL)
    return;
  hearth_record_data_ref (data);
  g_clear_pointer (&priv->data, hearth_record_data_unref);
  g_clear_pointer (&priv->packed, hearth_record_data_unref);
  g_clear_pointer (&priv->loose, g_array_unref);
  priv->data = data;
  notify_all (self);
}

static void
loose_member_clear (gpointer p)
{
  HearthMember *m = p;

  g_free ((char *) m->name);
  if (m->type == HEARTH_VALUE_TEXT)
    g_free ((char *) m->v.text);
  else if (m->type == HEARTH_VALUE_TEXTS)
    g_strfreev ((char **) m->v.texts);
  else if (m->type == HEARTH_VALUE_RAW)
    g_free ((char *) m->v.raw);
}

/* @m with everything it points at copied. */
static HearthMember
loose_member_copy (const HearthMember *m,
                   const char         *name)
{
  HearthMember out = *m;

  out.name = g_strdup (name);
  if (m->type == HEARTH_VALUE_TEXT)
    {
      out.n = strlen (m->v.text);
      out.v.text = g_strndup (m->v.text, out.n);
      out.ascii = hearth_text_is_ascii (out.v.text, out.n);
    }
  else if (m->type == HEARTH_VALUE_TEXTS)
    {
      char **texts = g_new (char *, m->n + 1);

      out.ascii = TRUE;
      for (guint i = 0; i < m->n; i++)
        {
          texts[i] = g_strdup (m->v.texts[i]);
          out.ascii = out.ascii && hearth_text_is_ascii (texts[i], strlen (texts[i]));
        }
      texts[m->n] = NULL;
      out.v.texts = (const char *const *) texts;
    }
  else if (m->type == HEARTH_VALUE_RAW)
    {
      gsize len = m->n + 1 + (m->has_text ? strlen (m->v.raw + m->n + 1) + 1 : 0);
      out.v.raw = g_memdup2 (m->v.raw, len);
    }
  return out;
}

/* The record's own members, made on the first change. */
static GArray *
ensure_loose (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);

  g_clear_pointer (&priv->packed, hearth_record_data_unref);
  if (priv->loose == NULL)
    {
      priv->loose = g_array_sized_new (FALSE, FALSE, sizeof (HearthMember), priv->data->n_members + 2);
      g_array_set_clear_func (priv->loose, loose_member_clear);
      for (guint i = 0; i < priv->data->n_members; i++)
        {
          HearthMember m = loose_member_copy (&priv->data->members[i], priv->data->members[i].name);
          g_array_append_val (priv->loose, m);
        }
    }
  return priv->loose;
}

/* Sets one member in place, or last when new; drops it when @value is NULL. */
static void
put_member (HearthRecord       *self,
            const char         *member,
            const HearthMember *value)
{
  GArray      *loose = ensure_loose (self);
  HearthMember copy = { 0 };
  guint        i;

  if (value != NULL)
    copy = loose_member_copy (value, member);
  for (i = 0; i < loose->len; i++)
    if (g_str_equal (g_array_index (loose, HearthMember, i).name, member))
      break;
  if (value == NULL)
    {
      if (i < loose->len)
        g_array_remove_index (loose, i);
      return;
    }
  if (i < loose->len)
    {
      loose_member_clear (&g_array_index (loose, HearthMember, i));
      g_array_index (loose, HearthMember, i) = copy;
    }
  else
    g_array_append_val (loose, copy);
}

static void
notify_member (HearthRecord *self,
               const char   *member)
{
  g_autofree char *name = g_strdup (member);
  GParamSpec      *pspec;

  g_strdelimit (name, "_", '-');
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), name);
  if (pspec)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/* Sets one member, or drops it when @value is %NULL, and notifies. */
static void
change_member (HearthRecord       *self,
               const char         *member,
               const HearthMember *value)
{
  put_member (self, member, value);
  notify_member (self, member);
}

static const HearthMember *
find_member (HearthRecord *self,
             const char   *member)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);

  if (priv->loose == NULL)
    return hearth_record_data_find (priv->data, member);
  for (guint i = 0; i < priv->loose->len; i++)
    if (g_str_equal (g_array_index (priv->loose, HearthMember, i).name, member))
      return &g_array_index (priv->loose, HearthMember, i);
  return NULL;
}

const char *
hearth_record_get_id (HearthRecord *self)
{
  return hearth_record_get_string (self, "id");
}

const char *
hearth_record_get_kind (HearthRecord *self)
{
  return hearth_record_get_string (self, "kind");
}

const char *
hearth_record_get_created (HearthRecord *self)
{
  return hearth_record_get_string (self, "created");
}

const char *
hearth_record_get_updated (HearthRecord *self)
{
  return hearth_record_get_string (self, "updated");
}

const char *
hearth_record_get_device (HearthRecord *self)
{
  return hearth_record_get_string (self, "device");
}

gboolean
hearth_record_is_deleted (HearthRecord *self)
{
  const HearthMember *m = find_member (self, "deleted");

  return m != NULL && m->type == HEARTH_VALUE_FLAG && m->v.flag;
}

/**
 * hearth_record_get_string:
 * Returns: (nullable): the string member, or %NULL when absent or not a string
 */
const char *
hearth_record_get_string (HearthRecord *self,
                          const char   *member)
{
  const HearthMember *m = find_member (self, member);

  if (m == NULL)
    return NULL;
  if (m->type == HEARTH_VALUE_TEXT)
    return m->v.text;
  if (m->type == HEARTH_VALUE_RAW && m->has_text)
    return m->v.raw + m->n + 1;
  return NULL;
}

void
hearth_record_set_string (HearthRecord *self,
                          const char   *member,
                          const char   *value)
{
  HearthMember m = { .type = HEARTH_VALUE_TEXT, .v.text = value };

  if (g_strcmp0 (hearth_record_get_string (self, member), value) == 0)
    return;
  change_member (self, member, value ? &m : NULL);
}

gint64
hearth_record_get_int (HearthRecord *self,
                       const char   *member,
                       gint64        fallback)
{
  const HearthMember *m = find_member (self, member);

  if (m != NULL && m->type == HEARTH_VALUE_NUMBER)
    return m->v.number;
  if (m != NULL && m->type == HEARTH_VALUE_RAW)
    {
      g_autoptr(JsonNode) node = hearth_record_dup_member (self, member);

      if (JSON_NODE_HOLDS_VALUE (node) && hearth_json_raw_get_text (node) == NULL)
        {
          GType t = json_node_get_value_type (node);
          if (t == G_TYPE_INT64)
            return json_node_get_int (node);
          if (t == G_TYPE_DOUBLE)
            return (gint64) json_node_get_double (node);
        }
    }
  return fallback;
}

void
hearth_record_set_int (HearthRecord *self,
                       const char   *member,
                       gint64        value)
{
  const HearthMember *old = find_member (self, member);
  HearthMember        m = { .type = HEARTH_VALUE_NUMBER, .v.number = value };

  if (old != NULL && old->type == HEARTH_VALUE_NUMBER && old->v.number == value)
    return;
  change_member (self, member, &m);
}

gboolean
hearth_record_get_bool (HearthRecord *self,
                        const char   *member)
{
  const HearthMember *m = find_member (self, member);

  if (m != NULL && m->type == HEARTH_VALUE_FLAG)
    return m->v.flag;
  return m != NULL && m->type == HEARTH_VALUE_RAW && g_str_equal (m->v.raw, "true");
}

void
hearth_record_set_bool (HearthRecord *self,
                        const char   *member,
                        gboolean      value)
{
  const HearthMember *old = find_member (self, member);
  HearthMember        m = { .type = HEARTH_VALUE_FLAG, .v.flag = !!value };

  if (old != NULL && old->type == HEARTH_VALUE_FLAG && old->v.flag == !!value)
    return;
  change_member (self, member, &m);
}

/**
 * hearth_record_dup_strv:
 * Returns: (transfer full): the strings of an array member (others skipped);
 *   an empty vector when absent
 */
GStrv
hearth_record_dup_strv (HearthRecord *self,
                        const char   *member)
{
  const HearthMember *m = find_member (self, member);
  g_autoptr(GStrvBuilder) b = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (m != NULL && m->type == HEARTH_VALUE_TEXTS)
    return g_strdupv ((GStrv) m->v.texts);
  b = g_strv_builder_new ();
  if (m != NULL && m->type == HEARTH_VALUE_RAW)
    node = hearth_record_dup_member (self, member);
  if (node && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *arr = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *e = json_array_get_element (arr, i);
          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
            g_strv_builder_add (b, json_node_get_string (e));
        }
    }
  return g_strv_builder_end (b);
}

void
hearth_record_set_strv (HearthRecord      *self,
                        const char        *member,
                        const char *const *value)
{
  HearthMember m = { .type = HEARTH_VALUE_TEXTS, .v.texts = value, .n = value ? g_strv_length ((GStrv) value) : 0 };
  const char  *none[] = { NULL };

  if (value == NULL)
    m.v.texts = none;
  change_member (self, member, &m);
}

void
hearth_record_set_null (HearthRecord *self,
                        const char   *member)
{
  HearthMember m = { .type = HEARTH_VALUE_NULL };

  change_member (self, member, &m);
}

/**
 * hearth_record_set_member:
 * @value: (transfer full): the new value
 */
void
hearth_record_set_member (HearthRecord *self,
                          const char   *member,
                          JsonNode     *value)
{
  g_autoptr(JsonNode) node = value;
  g_autoptr(GPtrArray) allocated = g_ptr_array_new_with_free_func (g_free);
  const char  *kind = hearth_record_get_kind (self);
  HearthMember m = { 0 };

  hearth_record_data_member_from_node (&m, hearth_record_find_known (kind ? kind : "", member),
                                       node, allocated);
  change_member (self, member, &m);
}

void
hearth_record_remove_member (HearthRecord *self,
                             const char   *member)
{
  if (find_member (self, member) == NULL)
    return;
  change_member (self, member, NULL);
}

/**
 * hearth_record_touch:
 * @device_id: the device writing this version
 * @at_least_after: (nullable): an `updated` the new one must exceed, so an
 *   edit wins over the version it replaces even when clocks disagree
 *
 * Stamps a new version: `updated` now (UTC, milliseconds) and `device`.
 */
void
hearth_record_touch (HearthRecord *self,
                     const char   *device_id,
                     const char   *at_least_after)
{
  gint64           now = hearth_clock_get_real_time ();
  gint64           floor_usec;
  gboolean         ok = FALSE;
  g_autofree char *updated = NULL;
  HearthMember     m = { .type = HEARTH_VALUE_TEXT };

  now -= now % 1000;
  floor_usec = hearth_time_parse_usec (hearth_record_get_updated (self), &ok);
  if (ok && now <= floor_usec)
    now = floor_usec - floor_usec % 1000 + 1000;
  if (at_least_after)
    {
      floor_usec = hearth_time_parse_usec (at_least_after, &ok);
      if (ok && now <= floor_usec)
        now = floor_usec - floor_usec % 1000 + 1000;
    }
  /* A version stamped at the end of time can only be equalled, not beaten;
   * the device id then breaks the tie. */
  now = MIN (now, HEARTH_TIME_MAX_USEC);
  updated = hearth_time_format_updated (now);
  m.v.text = updated;
  put_member (self, "updated", &m);
  m.v.text = device_id;
  put_member (self, "device", &m);
  notify_member (self, "updated");
  notify_member (self, "device");
}

/**
 * hearth_record_make_tombstone:
 * Drops all content, keeping what places the record in its shard.
 */
void
hearth_record_make_tombstone (HearthRecord *self)
{
  g_autoptr(HearthRecordData) tombstone = hearth_record_data_tombstone (hearth_record_get_data (self));

  hearth_record_set_data (self, tombstone);
}

/**
 * hearth_record_shard_name_for:
 * Returns: (transfer full) (nullable): the file a record belongs in, by
 *   docs/format.md: the year of `created` as written (the author's local time),
 *   or of `date` for occurrences; %NULL for an unknown kind
 */
char *
hearth_record_shard_name_for (const char *kind,
                              const char *created,
                              const char *date)
{
  const char *prefix = NULL;
  const char *when = created;

  if (g_str_equal (kind, "journal") || g_str_equal (kind, "partner") || g_str_equal (kind, "ritual"))
    return g_strdup ("shared.json");
  if (g_str_equal (kind, "entry"))
    prefix = "entries";
  else if (g_str_equal (kind, "gratitude"))
    prefix = "gratitude";
  else if (g_str_equal (kind, "checkin"))
    prefix = "checkins";
  else if (g_str_equal (kind, "occurrence"))
    {
      prefix = "rituals";
      when = date;
    }
  else
    return NULL;

  if (strlen (when) < 4 || !g_ascii_isdigit (when[0]) || !g_ascii_isdigit (when[1]) ||
      !g_ascii_isdigit (when[2]) || !g_ascii_isdigit (when[3]))
    return NULL;
  return g_strdup_printf ("%s-%.4s.json", prefix, when);
}

/**
 * hearth_record_shard_name_for_json:
 * Returns: (transfer full) (nullable): the file a record belongs in, as
 *   hearth_record_shard_name_for() says
 */
char *
hearth_record_shard_name_for_json (JsonObject *json)
{
  return hearth_record_shard_name_for (hearth_json_get_string (json, "kind", ""),
                                       hearth_json_get_string (json, "created", ""),
                                       hearth_json_get_string (json, "date", ""));
}

char *
hearth_record_dup_shard_name (HearthRecord *self)
{
  return hearth_record_data_dup_shard_name (hearth_record_get_data (self));
}

gint64
hearth_record_get_sort_key (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  return priv->sort_key;
}

/* Takes the sort key of the record's body as the one its lists sort by. */
void
hearth_record_update_sort_key (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  priv->sort_key = hearth_record_get_data (self)->sort_key;
}

/* Appends "\n" and @text folded as hearth_text_fold() does; ASCII text,
 * the most of any journal, without a copy of its own. */
static void
append_folded (GString    *out,
               const char *text)
{
  gsize start, i;

  g_string_append_c (out, '\n');
  start = out->len;
  for (i = 0; text[i] && (guchar) text[i] < 0x80; i++)
    ;
  if (text[i] != '\0')
    {
      g_autofree char *folded = hearth_text_fold (text);
      g_string_append (out, folded);
      return;
    }
  g_string_set_size (out, start + i);
  for (gsize j = 0; j < i; j++)
    {
      char c = text[j];
      out->str[start + j] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}

/* The record's searchable text, folded, in @out. */
static void
fold_search_text (HearthRecord *self,
                  GString      *out)
{
  const char *const *members = HEARTH_RECORD_GET_CLASS (self)->search_members;

  for (guint i = 0; members && members[i]; i++)
    {
      const HearthMember *m = find_member (self, members[i]);
      const char         *text = hearth_record_get_string (self, members[i]);

      if (m != NULL && m->type == HEARTH_VALUE_TEXTS)
        for (guint j = 0; j < m->n; j++)
          append_folded (out, m->v.texts[j]);
      else
        append_folded (out, text ? text : "");
    }
}

/**
 * hearth_record_dup_folded_text:
 * Returns: (transfer full): the record's searchable text, folded by
 *   hearth_text_fold(); "" for kinds that are not searched
 */
char *
hearth_record_dup_folded_text (HearthRecord *self)
{
  GString *out = g_string_new (NULL);

  fold_search_text (self, out);
  return g_string_free (out, FALSE);
}

/* How far a word of three to 63 bytes may move on in a text, by the byte
 * under its last one, either case (Horspool); kept for the last word
 * looked for on this thread, since a search looks for it in every record. */
static const guint8 *
skips_for (const char *word,
           gsize       word_len)
{
  static _Thread_local struct
  {
    char   word[64];
    gsize  len;
    guint8 skip[256];
  } last;

  if (word_len < 3 || word_len >= sizeof last.word)
    return NULL;
  if (last.len != word_len || memcmp (last.word, word, word_len) != 0)
    {
      memset (last.skip, (int) word_len, sizeof last.skip);
      for (gsize i = 0; i + 1 < word_len; i++)
        {
          guchar c = word[i];

          last.skip[(guchar) g_ascii_tolower (c)] = last.skip[(guchar) g_ascii_toupper (c)] = word_len - 1 - i;
        }
      memcpy (last.word, word, word_len);
      last.len = word_len;
    }
  return last.skip;
}

/* Whether @text, folded, contains @word (folded). ASCII text, the most
 * of any journal, is looked through as it is. */
static gboolean
text_contains (const char *text,
               gsize       len,
               gboolean    ascii,
               const char *word,
               gsize       word_len)
{
  const char   *end = text + len;
  const guint8 *skip;
  char          lower, upper;

  if (word_len == 0)
    return TRUE;
  if (!ascii)
    {
      g_autofree char *folded = hearth_text_fold (text);
      return strstr (folded, word) != NULL;
    }
  if ((skip = skips_for (word, word_len)) != NULL)
    {
      /* Horspool: the byte under the end of the window says how far the
       * word can move on, in either case. */
      guchar last = word[word_len - 1] | 0x20;

      for (gsize pos = 0; pos + word_len <= len; pos += skip[(guchar) text[pos + word_len - 1]])
        /* `| 0x20` lowers a letter and never tells equal bytes apart. */
        if (((guchar) text[pos + word_len - 1] | 0x20) == last &&
            g_ascii_strncasecmp (text + pos, word, word_len) == 0)
          return TRUE;
      return FALSE;
    }
  lower = word[0];
  upper = g_ascii_toupper (lower);
  for (const char *p = text; (gsize) (end - p) >= word_len;)
    {
      const char *a = memchr (p, lower, end - p);
      const char *b = upper != lower ? memchr (p, upper, (a ? a : end) - p) : NULL;
      const char *q = b ? b : a;

      if (q == NULL || (gsize) (end - q) < word_len)
        return FALSE;
      if (g_ascii_strncasecmp (q, word, word_len) == 0)
        return TRUE;
      p = q + 1;
    }
  return FALSE;
}

/**
 * hearth_record_matches:
 * @folded_words: words folded by hearth_text_fold(), none holding a line
 *   break
 *
 * Looks at the record's searchable text now, folding what needs it;
 * nothing of it is kept.
 *
 * Returns: whether that text contains every one of @folded_words
 */
/* Whether the members @names of @self, or else of @data, hold every one
 * of @folded_words. */
static gboolean
members_match (HearthRecord      *self,
               HearthRecordData  *data,
               const char *const *names,
               const char *const *folded_words)
{
  for (guint w = 0; folded_words[w]; w++)
    {
      gsize    word_len = strlen (folded_words[w]);
      gboolean found = word_len == 0;

      for (guint i = 0; !found && names && names[i]; i++)
        {
          const HearthMember *m = self ? find_member (self, names[i]) : hearth_record_data_find (data, names[i]);
          const char         *text;

          if (m != NULL && m->type == HEARTH_VALUE_TEXTS)
            for (guint j = 0; !found && j < m->n; j++)
              found = text_contains (m->v.texts[j], strlen (m->v.texts[j]), m->ascii,
                                     folded_words[w], word_len);
          else if (m != NULL && m->type == HEARTH_VALUE_TEXT)
            found = text_contains (m->v.text, m->n, m->ascii, folded_words[w], word_len);
          else if (m != NULL && m->type == HEARTH_VALUE_RAW && m->has_text)
            {
              text = m->v.raw + m->n + 1;
              found = text_contains (text, strlen (text), FALSE, folded_words[w], word_len);
            }
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

gboolean
hearth_record_matches (HearthRecord      *self,
                       const char *const *folded_words)
{
  return members_match (self, NULL, HEARTH_RECORD_GET_CLASS (self)->search_members, folded_words);
}

/**
 * hearth_record_data_matches:
 * hearth_record_matches() of a body, with no object made for it.
 */
gboolean
hearth_record_data_matches (HearthRecordData  *data,
                            const char *const *folded_words)
{
  HearthRecordClass *klass = g_type_class_ref (type_for_kind (data->kind));
  gboolean           found = members_match (NULL, data, klass->search_members, folded_words);

  g_type_class_unref (klass);
  return found;
}

/**
 * hearth_record_compare_json_versions:
 * Like hearth_record_compare_versions(), for versions held as JSON.
 */
int
hearth_record_compare_json_versions (JsonObject *a,
                                     JsonObject *b)
{
  gint64 ta = hearth_time_parse_usec (hearth_json_get_string (a, "updated", ""), NULL);
  gint64 tb = hearth_time_parse_usec (hearth_json_get_string (b, "updated", ""), NULL);
  int    c;

  if (ta != tb)
    return ta < tb ? -1 : 1;
  c = g_strcmp0 (hearth_json_get_string (a, "device", ""),
                 hearth_json_get_string (b, "device", ""));
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}
