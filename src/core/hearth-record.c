/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hearth-error.h"
#include "hearth-json.h"
#include "hearth-record.h"
#include "hearth-entry.h"
#include "hearth-gratitude.h"
#include "hearth-ritual.h"
#include "hearth-occurrence.h"
#include "hearth-checkin.h"
#include "hearth-partner.h"
#include "hearth-text.h"

typedef struct
{
  JsonObject *json;
  /* FALSE while the JSON object is shared with a shard: setters copy first. */
  gboolean    owned;
  gint64      sort_key;
  char       *folded;
} HearthRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (HearthRecord, hearth_record, G_TYPE_OBJECT)

enum {
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
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (copy, name, deep_copy_node (node));
  return copy;
}

static void
hearth_record_finalize (GObject *object)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (HEARTH_RECORD (object));

  g_clear_pointer (&priv->json, json_object_unref);
  g_clear_pointer (&priv->folded, g_free);
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
  HearthRecord *self = HEARTH_RECORD (object);
  g_autofree char *member = member_for_pspec (pspec);
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

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
  HearthRecord *self = HEARTH_RECORD (object);
  g_autofree char *member = member_for_pspec (pspec);
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

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

static gint64
hearth_record_real_sort_key (HearthRecord *self)
{
  return hearth_time_parse_usec (hearth_record_get_created (self), NULL);
}

static void
hearth_record_class_init (HearthRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hearth_record_finalize;
  object_class->get_property = hearth_record_get_member_property;
  klass->sort_key = hearth_record_real_sort_key;

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
 * hearth_record_new_for_json:
 * @json: a record, which the new object takes a reference to and treats as
 *   shared (never changed in place)
 *
 * Returns: (transfer full): a record of the subclass for its kind
 */
HearthRecord *
hearth_record_new_for_json (JsonObject *json)
{
  HearthRecord *self;
  HearthRecordPrivate *priv;

  self = g_object_new (type_for_kind (hearth_json_get_string (json, "kind", NULL)), NULL);
  priv = hearth_record_get_instance_private (self);
  priv->json = json_object_ref (json);
  priv->owned = FALSE;
  return self;
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
  g_autoptr(JsonObject) json = json_object_new ();
  g_autofree char *uuid = id ? NULL : hearth_uuid_new ();
  g_autofree char *created = hearth_time_now_created ();
  HearthRecord *self;
  HearthRecordPrivate *priv;

  json_object_set_string_member (json, "id", id ? id : uuid);
  json_object_set_string_member (json, "kind", kind);
  json_object_set_string_member (json, "created", created);
  json_object_set_string_member (json, "updated", "");
  json_object_set_string_member (json, "device", "");
  self = hearth_record_new_for_json (json);
  priv = hearth_record_get_instance_private (self);
  priv->owned = TRUE;
  return self;
}

HearthRecord *
hearth_record_copy (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  g_autoptr(JsonObject) json = hearth_json_object_deep_copy (priv->json);
  HearthRecord *copy = hearth_record_new_for_json (json);
  HearthRecordPrivate *copy_priv = hearth_record_get_instance_private (copy);

  copy_priv->owned = TRUE;
  return copy;
}

static gboolean
is_string_member (JsonObject *json,
                  const char *member)
{
  JsonNode *node = json_object_get_member (json, member);
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

typedef enum
{
  TEXT,
  TEXTS,    /* a list of strings */
  NUMBER,   /* an integer */
  FLAG,
  ANSWERS,  /* a list of {question, text} */
  RATINGS,  /* an object of integers */
} MemberType;

typedef struct
{
  const char *kind;   /* NULL: every kind */
  const char *name;
  MemberType  type;
} KnownMember;

/* Every member this version reads (docs/format.md, "Records"); all others are
 * kept as they are. */
static const KnownMember known_members[] = {
  { NULL, "id", TEXT }, { NULL, "kind", TEXT }, { NULL, "created", TEXT },
  { NULL, "updated", TEXT }, { NULL, "device", TEXT }, { NULL, "deleted", FLAG },
  { "journal", "name", TEXT }, { "journal", "checkin_questions", TEXTS },
  { "partner", "name", TEXT }, { "partner", "color", TEXT },
  { "partner", "emotional_languages", TEXTS }, { "partner", "about", TEXT },
  { "entry", "author", TEXT }, { "entry", "title", TEXT }, { "entry", "body", TEXT },
  { "entry", "mood", TEXT }, { "entry", "tags", TEXTS }, { "entry", "prompt", TEXT },
  { "entry", "prompt_date", TEXT }, { "entry", "reply_to", TEXT },
  { "gratitude", "from", TEXT }, { "gratitude", "to", TEXT }, { "gratitude", "text", TEXT },
  { "gratitude", "date", TEXT },
  { "ritual", "title", TEXT }, { "ritual", "type", TEXT }, { "ritual", "description", TEXT },
  { "ritual", "recurrence", TEXT }, { "ritual", "start", TEXT }, { "ritual", "time", TEXT },
  { "ritual", "duration", NUMBER }, { "ritual", "remind_before", NUMBER },
  { "ritual", "archived", FLAG },
  { "occurrence", "ritual", TEXT }, { "occurrence", "date", TEXT },
  { "occurrence", "status", TEXT }, { "occurrence", "note", TEXT }, { "occurrence", "by", TEXT },
  { "checkin", "date", TEXT }, { "checkin", "partner", TEXT }, { "checkin", "answers", ANSWERS },
  { "checkin", "ratings", RATINGS }, { "checkin", "duration", NUMBER },
};

static const KnownMember *
find_known (const char *kind,
            const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_members); i++)
    if ((known_members[i].kind == NULL || g_strcmp0 (known_members[i].kind, kind) == 0) &&
        g_str_equal (known_members[i].name, name))
      return &known_members[i];
  return NULL;
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
  return find_known (kind, name) != NULL;
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
  JsonNode *member;

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
has_type (JsonNode   *node,
          MemberType  type)
{
  /* null stands for "not set" wherever a member is optional. */
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  switch (type)
    {
    case TEXT:
      return is_text (node);
    case TEXTS:
      return all_elements (node, is_text);
    case NUMBER:
      return holds (node, G_TYPE_INT64);
    case FLAG:
      return holds (node, G_TYPE_BOOLEAN);
    case ANSWERS:
      return all_elements (node, is_answer);
    case RATINGS:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *value;

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
  gboolean ok = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!is_string_member (json, required[i]) ||
        *json_object_get_string_member (json, required[i]) == '\0')
      {
        g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                     _("a record lacks its “%s”"), required[i]);
        return FALSE;
      }
  kind = json_object_get_string_member (json, "kind");
  names = json_object_get_members (json);
  for (GList *l = names; l; l = l->next)
    {
      const KnownMember *known = find_known (kind, l->data);

      if (known != NULL && !has_type (json_object_get_member (json, l->data), known->type))
        {
          g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                       _("a record’s “%s” is not what it must be (%s)"), known->name,
                       known->type == TEXT ? _("text") :
                       known->type == NUMBER ? _("a whole number") :
                       known->type == FLAG ? _("true or false") :
                       known->type == RATINGS ? _("ratings from 1 to 5") : _("a list"));
          return FALSE;
        }
    }
  hearth_time_parse_usec (json_object_get_string_member (json, "updated"), &ok);
  if (!ok)
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                   _("a record has an unreadable time “%s”"),
                   json_object_get_string_member (json, "updated"));
      return FALSE;
    }
  hearth_time_parse_usec (json_object_get_string_member (json, "created"), &ok);
  if (!ok)
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                   _("a record has an unreadable time “%s”"),
                   json_object_get_string_member (json, "created"));
      return FALSE;
    }
  return TRUE;
}

JsonObject *
hearth_record_get_json (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  return priv->json;
}

/**
 * hearth_record_mark_shared:
 * Says that the record's JSON is now also held elsewhere (a shard), so the
 * next change copies it first.
 */
void
hearth_record_mark_shared (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  priv->owned = FALSE;
}

static void
notify_all (HearthRecord *self)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n);
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n; i++)
    g_object_notify_by_pspec (G_OBJECT (self), pspecs[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * hearth_record_set_json:
 * Replaces the record's contents with @json (shared, not copied) and
 * notifies every property.
 */
void
hearth_record_set_json (HearthRecord *self,
                        JsonObject   *json)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);

  if (priv->json == json)
    return;
  json_object_ref (json);
  g_clear_pointer (&priv->json, json_object_unref);
  priv->json = json;
  priv->owned = FALSE;
  g_clear_pointer (&priv->folded, g_free);
  notify_all (self);
}

static JsonObject *
writable_json (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);

  if (!priv->owned)
    {
      JsonObject *copy = hearth_json_object_deep_copy (priv->json);
      json_object_unref (priv->json);
      priv->json = copy;
      priv->owned = TRUE;
    }
  g_clear_pointer (&priv->folded, g_free);
  return priv->json;
}

static void
notify_member (HearthRecord *self,
               const char   *member)
{
  g_autofree char *name = g_strdup (member);
  GParamSpec *pspec;

  g_strdelimit (name, "_", '-');
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), name);
  if (pspec)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
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
  return hearth_record_get_bool (self, "deleted");
}

/**
 * hearth_record_get_string:
 * Returns: (nullable): the string member, or %NULL when absent or not a string
 */
const char *
hearth_record_get_string (HearthRecord *self,
                          const char   *member)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  JsonNode *node = json_object_get_member (priv->json, member);

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

void
hearth_record_set_string (HearthRecord *self,
                          const char   *member,
                          const char   *value)
{
  if (g_strcmp0 (hearth_record_get_string (self, member), value) == 0)
    return;
  if (value == NULL)
    json_object_remove_member (writable_json (self), member);
  else
    json_object_set_string_member (writable_json (self), member, value);
  notify_member (self, member);
}

gint64
hearth_record_get_int (HearthRecord *self,
                       const char   *member,
                       gint64        fallback)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  JsonNode *node = json_object_get_member (priv->json, member);

  if (node && JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);
      if (t == G_TYPE_INT64)
        return json_node_get_int (node);
      if (t == G_TYPE_DOUBLE)
        return (gint64) json_node_get_double (node);
    }
  return fallback;
}

void
hearth_record_set_int (HearthRecord *self,
                       const char   *member,
                       gint64        value)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);

  if (json_object_has_member (priv->json, member) &&
      hearth_record_get_int (self, member, value + 1) == value)
    return;
  json_object_set_int_member (writable_json (self), member, value);
  notify_member (self, member);
}

gboolean
hearth_record_get_bool (HearthRecord *self,
                        const char   *member)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  JsonNode *node = json_object_get_member (priv->json, member);

  return node && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

void
hearth_record_set_bool (HearthRecord *self,
                        const char   *member,
                        gboolean      value)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);

  if (json_object_has_member (priv->json, member) && hearth_record_get_bool (self, member) == !!value)
    return;
  json_object_set_boolean_member (writable_json (self), member, value);
  notify_member (self, member);
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
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  JsonNode *node = json_object_get_member (priv->json, member);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

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
hearth_record_set_strv (HearthRecord       *self,
                        const char         *member,
                        const char * const *value)
{
  g_autoptr(JsonArray) arr = json_array_new ();

  for (guint i = 0; value && value[i]; i++)
    json_array_add_string_element (arr, value[i]);
  json_object_set_array_member (writable_json (self), member, json_array_ref (arr));
  notify_member (self, member);
}

void
hearth_record_set_null (HearthRecord *self,
                        const char   *member)
{
  json_object_set_null_member (writable_json (self), member);
  notify_member (self, member);
}

/**
 * hearth_record_dup_member:
 *
 * Returns: (transfer full) (nullable): a copy of the member's value that
 *   shares nothing with the record, or %NULL when the record lacks it
 */
JsonNode *
hearth_record_dup_member (HearthRecord *self,
                          const char   *member)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  JsonNode *node = json_object_get_member (priv->json, member);

  return node != NULL ? deep_copy_node (node) : NULL;
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
  json_object_set_member (writable_json (self), member, value);
  notify_member (self, member);
}

void
hearth_record_remove_member (HearthRecord *self,
                             const char   *member)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);

  if (!json_object_has_member (priv->json, member))
    return;
  json_object_remove_member (writable_json (self), member);
  notify_member (self, member);
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
  gint64 now = hearth_clock_get_real_time ();
  gint64 floor_usec;
  gboolean ok = FALSE;
  g_autofree char *updated = NULL;
  JsonObject *json;

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
  json = writable_json (self);
  json_object_set_string_member (json, "updated", updated);
  json_object_set_string_member (json, "device", device_id);
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
  static const char *keep[] = { "id", "kind", "created", "updated", "device", NULL };
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  g_autoptr(JsonObject) json = json_object_new ();
  gboolean occurrence = g_strcmp0 (hearth_record_get_kind (self), "occurrence") == 0;

  for (guint i = 0; keep[i]; i++)
    if (json_object_has_member (priv->json, keep[i]))
      json_object_set_member (json, keep[i], json_node_copy (json_object_get_member (priv->json, keep[i])));
  if (occurrence)
    for (guint i = 0; i < 2; i++)
      {
        const char *m = i == 0 ? "ritual" : "date";
        if (json_object_has_member (priv->json, m))
          json_object_set_member (json, m, json_node_copy (json_object_get_member (priv->json, m)));
      }
  json_object_set_boolean_member (json, "deleted", TRUE);
  g_clear_pointer (&priv->json, json_object_unref);
  priv->json = g_steal_pointer (&json);
  priv->owned = TRUE;
  g_clear_pointer (&priv->folded, g_free);
  notify_all (self);
}

/**
 * hearth_record_shard_name_for_json:
 * Returns: (transfer full) (nullable): the file a record belongs in, by
 *   docs/format.md: the year of `created` as written (the author's local time),
 *   or of `date` for occurrences; %NULL for an unknown kind
 */
char *
hearth_record_shard_name_for_json (JsonObject *json)
{
  const char *kind = hearth_json_get_string (json, "kind", "");
  const char *prefix = NULL;
  const char *when = hearth_json_get_string (json, "created", "");

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
      when = hearth_json_get_string (json, "date", "");
    }
  else
    return NULL;

  if (strlen (when) < 4 || !g_ascii_isdigit (when[0]) || !g_ascii_isdigit (when[1]) ||
      !g_ascii_isdigit (when[2]) || !g_ascii_isdigit (when[3]))
    return NULL;
  return g_strdup_printf ("%s-%.4s.json", prefix, when);
}

char *
hearth_record_dup_shard_name (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  return hearth_record_shard_name_for_json (priv->json);
}

gint64
hearth_record_get_sort_key (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  return priv->sort_key;
}

/**
 * hearth_record_date_sort_key:
 * A sort key for kinds placed by their `date`: the date first, then the
 * creation time within a day.
 */
gint64
hearth_record_date_sort_key (HearthRecord *self)
{
  GDate date;
  gint64 days = 0;
  gint64 created = hearth_time_parse_usec (hearth_record_get_created (self), NULL) / G_USEC_PER_SEC;

  if (hearth_date_parse (hearth_record_get_string (self, "date"), &date))
    days = g_date_get_julian (&date);
  return (days << 32) | (created & 0xffffffff);
}

void
hearth_record_update_sort_key (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);
  priv->sort_key = HEARTH_RECORD_GET_CLASS (self)->sort_key (self);
}

/**
 * hearth_record_get_folded_text:
 * Returns: the record's searchable text, folded by hearth_text_fold(); cached
 */
const char *
hearth_record_get_folded_text (HearthRecord *self)
{
  HearthRecordPrivate *priv = hearth_record_get_instance_private (self);

  if (priv->folded == NULL)
    {
      g_autofree char *text = NULL;
      if (HEARTH_RECORD_GET_CLASS (self)->search_text)
        text = HEARTH_RECORD_GET_CLASS (self)->search_text (self);
      priv->folded = hearth_text_fold (text ? text : "");
    }
  return priv->folded;
}

/**
 * hearth_record_compare_versions:
 * Orders two versions of one record: the greater `updated` wins, ties break
 * on the greater `device` (docs/format.md, "Merging").
 *
 * Returns: < 0 when @a loses to @b, > 0 when it wins, 0 when identical
 */
int
hearth_record_compare_versions (JsonObject *a,
                                JsonObject *b)
{
  const char *ua = hearth_json_get_string (a, "updated", "");
  const char *ub = hearth_json_get_string (b, "updated", "");
  gint64 ta = hearth_time_parse_usec (ua, NULL);
  gint64 tb = hearth_time_parse_usec (ub, NULL);
  int c;

  if (ta != tb)
    return ta < tb ? -1 : 1;
  c = g_strcmp0 (hearth_json_get_string (a, "device", ""),
                 hearth_json_get_string (b, "device", ""));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}
