/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hearth-checkin.h"
#include "hearth-json.h"
#include "hearth-text.h"

/* A check-in's `answers` is a list of {question, text} and its `ratings` an
 * object of whole numbers by dimension (docs/format.md). Everything that
 * reads or writes them goes through here; members this version does not
 * know, in either, are kept as they are. */

struct _HearthCheckin
{
  HearthRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HearthCheckin, hearth_checkin, HEARTH_TYPE_RECORD)

G_DEFINE_BOXED_TYPE (HearthCheckinAnswer, hearth_checkin_answer, hearth_checkin_answer_copy, hearth_checkin_answer_free)

enum
{
  PROP_0,
  PROP_DATE,
  PROP_PARTNER,
  PROP_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *dimension_ids[HEARTH_CHECKIN_N_DIMENSIONS] = {
  "heard", "supported", "close", "safe", "team"
};

static void
hearth_checkin_class_init (HearthCheckinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hearth_record_get_member_property;
  object_class->set_property = hearth_record_set_member_property;

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTNER] =
    g_param_spec_string ("partner", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_int ("duration", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_checkin_init (HearthCheckin *self)
{
}

/* ------------------------------------------------------------------------ */
/* Dimensions                                                                */

/**
 * hearth_checkin_dimension_id:
 * @dimension: 0 to %HEARTH_CHECKIN_N_DIMENSIONS - 1
 *
 * Returns: the member name of the dimension in a check-in's `ratings`
 */
const char *
hearth_checkin_dimension_id (guint dimension)
{
  g_return_val_if_fail (dimension < HEARTH_CHECKIN_N_DIMENSIONS, NULL);

  return dimension_ids[dimension];
}

/**
 * hearth_checkin_dimension_label:
 *
 * Returns: what the dimension asks, as a person reads it ("Felt heard")
 */
const char *
hearth_checkin_dimension_label (guint dimension)
{
  g_return_val_if_fail (dimension < HEARTH_CHECKIN_N_DIMENSIONS, NULL);

  switch (dimension)
    {
    case 0:
      return _ ("Felt heard");
    case 1:
      return _ ("Felt supported");
    case 2:
      return _ ("Felt close");
    case 3:
      return _ ("Felt safe to share");
    case 4:
    default:
      return _ ("Worked as a team");
    }
}

/**
 * hearth_checkin_dimension_short_label:
 *
 * Returns: the dimension in a word, to put beside a rating ("Heard")
 */
const char *
hearth_checkin_dimension_short_label (guint dimension)
{
  g_return_val_if_fail (dimension < HEARTH_CHECKIN_N_DIMENSIONS, NULL);

  switch (dimension)
    {
    case 0:
      /* Translators: short for "felt heard", beside a rating 1–5 */
      return _ ("Heard");
    case 1:
      /* Translators: short for "felt supported", beside a rating 1–5 */
      return _ ("Supported");
    case 2:
      /* Translators: short for "felt close", beside a rating 1–5 */
      return _ ("Close");
    case 3:
      /* Translators: short for "felt safe to share", beside a rating 1–5 */
      return _ ("Safe");
    case 4:
    default:
      /* Translators: short for "worked as a team", beside a rating 1–5 */
      return _ ("Team");
    }
}

/* ------------------------------------------------------------------------ */
/* Plain members                                                             */

const char *
hearth_checkin_get_date (HearthCheckin *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "date");
}

/**
 * hearth_checkin_set_date:
 * @date: (nullable): `YYYY-MM-DD`, or %NULL to remove it
 */
void
hearth_checkin_set_date (HearthCheckin *self,
                         const char    *date)
{
  hearth_record_set_string (HEARTH_RECORD (self), "date", date);
}

const char *
hearth_checkin_get_partner (HearthCheckin *self)
{
  return hearth_record_get_string (HEARTH_RECORD (self), "partner");
}

/**
 * hearth_checkin_set_partner:
 * @partner: (nullable): the id of the partner whose check-in this is
 */
void
hearth_checkin_set_partner (HearthCheckin *self,
                            const char    *partner)
{
  hearth_record_set_string (HEARTH_RECORD (self), "partner", partner);
}

/* Returns -1 when not set (or less than 0). */
int
hearth_checkin_get_duration (HearthCheckin *self)
{
  return (int) CLAMP (hearth_record_get_int (HEARTH_RECORD (self), "duration", -1), -1, G_MAXINT);
}

/**
 * hearth_checkin_set_duration:
 * @minutes: whole minutes, or -1 for not set
 */
void
hearth_checkin_set_duration (HearthCheckin *self,
                             int            minutes)
{
  if (minutes < 0)
    hearth_record_set_null (HEARTH_RECORD (self), "duration");
  else
    hearth_record_set_int (HEARTH_RECORD (self), "duration", minutes);
}

/* ------------------------------------------------------------------------ */
/* Answers                                                                   */

/**
 * hearth_checkin_answer_new:
 * @question: (nullable): the question asked
 * @text: (nullable): what was written
 */
HearthCheckinAnswer *
hearth_checkin_answer_new (const char *question,
                           const char *text)
{
  HearthCheckinAnswer *answer = g_new0 (HearthCheckinAnswer, 1);

  answer->question = g_strdup (question);
  answer->text = g_strdup (text);
  return answer;
}

HearthCheckinAnswer *
hearth_checkin_answer_copy (const HearthCheckinAnswer *answer)
{
  return hearth_checkin_answer_new (answer->question, answer->text);
}

void
hearth_checkin_answer_free (HearthCheckinAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->question);
  g_free (answer->text);
  g_free (answer);
}

/* A copy of the check-in's list of answers, or NULL when it has none. */
static JsonArray *
dup_answer_array (HearthCheckin *self)
{
  g_autoptr(JsonNode) node = hearth_record_dup_member (HEARTH_RECORD (self), "answers");

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_array_ref (json_node_get_array (node));
}

/**
 * hearth_checkin_dup_answers:
 *
 * The answers in the order they were written, with their questions; a
 * question or text that is not set is %NULL.
 *
 * Returns: (transfer full) (nullable) (element-type HearthCheckinAnswer):
 *   the answers, or %NULL when the check-in has no list of answers at all
 */
GPtrArray *
hearth_checkin_dup_answers (HearthCheckin *self)
{
  g_autoptr(JsonArray) array = NULL;
  GPtrArray *answers;

  g_return_val_if_fail (HEARTH_IS_CHECKIN (self), NULL);

  array = dup_answer_array (self);
  if (array == NULL)
    return NULL;
  answers = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_checkin_answer_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode   *element = json_array_get_element (array, i);
      JsonObject *answer;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      answer = json_node_get_object (element);
      g_ptr_array_add (answers, hearth_checkin_answer_new (hearth_json_get_string (answer, "question", NULL),
                                                           hearth_json_get_string (answer, "text", NULL)));
    }
  return answers;
}

static void
set_text_or_null (JsonObject *object,
                  const char *member,
                  const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

/**
 * hearth_checkin_add_answers:
 * @answers: (element-type HearthCheckinAnswer): answers to add
 *
 * Puts @answers after the ones the check-in has, which stay exactly as they
 * were. Afterwards the check-in has a list of answers, empty when both were.
 */
void
hearth_checkin_add_answers (HearthCheckin *self,
                            GPtrArray     *answers)
{
  g_autoptr(JsonArray) array = NULL;
  JsonNode *node;

  g_return_if_fail (HEARTH_IS_CHECKIN (self));
  g_return_if_fail (answers != NULL);

  array = dup_answer_array (self);
  if (array == NULL)
    array = json_array_new ();
  for (guint i = 0; i < answers->len; i++)
    {
      const HearthCheckinAnswer *answer = g_ptr_array_index (answers, i);
      JsonObject                *object = json_object_new ();

      set_text_or_null (object, "question", answer->question);
      set_text_or_null (object, "text", answer->text);
      json_array_add_object_element (array, object);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, g_steal_pointer (&array));
  hearth_record_set_member (HEARTH_RECORD (self), "answers", node);
}

/* ------------------------------------------------------------------------ */
/* Ratings                                                                   */

/* A copy of the check-in's ratings, or NULL when it has none. */
static JsonObject *
dup_rating_object (HearthCheckin *self)
{
  g_autoptr(JsonNode) node = hearth_record_dup_member (HEARTH_RECORD (self), "ratings");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/* 1 to 5, or -1 for anything else: absent, not a whole number, out of range. */
static int
rating_in (JsonObject *ratings,
           guint       dimension)
{
  JsonNode *value = ratings ? json_object_get_member (ratings, dimension_ids[dimension]) : NULL;
  gint64    rating;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
    return -1;
  rating = json_node_get_int (value);
  return rating >= 1 && rating <= 5 ? (int) rating : -1;
}

static void
store_ratings (HearthCheckin *self,
               JsonObject    *ratings)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, ratings);
  hearth_record_set_member (HEARTH_RECORD (self), "ratings", node);
}

/**
 * hearth_checkin_get_rating:
 * @dimension: 0 to %HEARTH_CHECKIN_N_DIMENSIONS - 1
 *
 * Returns: the rating, 1 to 5, or -1 when there is none (a value out of
 *   range counts as none)
 */
int
hearth_checkin_get_rating (HearthCheckin *self,
                           guint          dimension)
{
  g_autoptr(JsonObject) ratings = NULL;

  g_return_val_if_fail (HEARTH_IS_CHECKIN (self), -1);
  g_return_val_if_fail (dimension < HEARTH_CHECKIN_N_DIMENSIONS, -1);

  ratings = dup_rating_object (self);
  return rating_in (ratings, dimension);
}

/**
 * hearth_checkin_get_ratings:
 * @ratings: (out caller-allocates) (array fixed-size=5): one per dimension,
 *   as hearth_checkin_get_rating() gives them
 */
void
hearth_checkin_get_ratings (HearthCheckin *self,
                            int            ratings[HEARTH_CHECKIN_N_DIMENSIONS])
{
  g_autoptr(JsonObject) object = NULL;

  g_return_if_fail (HEARTH_IS_CHECKIN (self));

  object = dup_rating_object (self);
  for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
    ratings[d] = rating_in (object, d);
}

/**
 * hearth_checkin_set_rating:
 * @dimension: 0 to %HEARTH_CHECKIN_N_DIMENSIONS - 1
 * @value: 1 to 5, or -1 to take the rating away
 *
 * The other dimensions' ratings stay as they are.
 *
 * Returns: %FALSE, changing nothing, when @value is neither
 */
gboolean
hearth_checkin_set_rating (HearthCheckin *self,
                           guint          dimension,
                           int            value)
{
  g_autoptr(JsonObject) ratings = NULL;

  g_return_val_if_fail (HEARTH_IS_CHECKIN (self), FALSE);
  g_return_val_if_fail (dimension < HEARTH_CHECKIN_N_DIMENSIONS, FALSE);

  if (value != -1 && (value < 1 || value > 5))
    return FALSE;
  ratings = dup_rating_object (self);
  if (ratings == NULL)
    ratings = json_object_new ();
  if (value == -1)
    json_object_remove_member (ratings, dimension_ids[dimension]);
  else
    json_object_set_int_member (ratings, dimension_ids[dimension], value);
  store_ratings (self, ratings);
  return TRUE;
}

/**
 * hearth_checkin_update_ratings:
 * @ratings: (array fixed-size=5): one per dimension: 1 to 5 replaces the
 *   check-in's rating, anything else keeps it
 *
 * Afterwards the check-in has its ratings, an empty set when none is given
 * on either side.
 */
void
hearth_checkin_update_ratings (HearthCheckin *self,
                               const int      ratings[HEARTH_CHECKIN_N_DIMENSIONS])
{
  g_autoptr(JsonObject) object = NULL;

  g_return_if_fail (HEARTH_IS_CHECKIN (self));

  object = dup_rating_object (self);
  if (object == NULL)
    object = json_object_new ();
  for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
    if (ratings[d] >= 1 && ratings[d] <= 5)
      json_object_set_int_member (object, dimension_ids[d], ratings[d]);
  store_ratings (self, object);
}

/**
 * hearth_checkin_append_ratings:
 * @ratings: (element-type HearthRating): where to add them
 *
 * Adds one #HearthRating for each dimension the check-in rates, for
 * hearth_stats_weekly_ratings(); none when it has no readable date. Their
 * strings belong to @self, which must outlive them.
 */
void
hearth_checkin_append_ratings (HearthCheckin *self,
                               GArray        *ratings)
{
  int   values[HEARTH_CHECKIN_N_DIMENSIONS];
  GDate date;

  g_return_if_fail (HEARTH_IS_CHECKIN (self));
  g_return_if_fail (ratings != NULL);

  if (!hearth_date_parse (hearth_checkin_get_date (self), &date))
    return;
  hearth_checkin_get_ratings (self, values);
  for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
    {
      HearthRating rating;

      if (values[d] < 0)
        continue;
      rating.date = date;
      rating.partner = hearth_checkin_get_partner (self);
      rating.dimension = dimension_ids[d];
      rating.value = values[d];
      g_array_append_val (ratings, rating);
    }
}
