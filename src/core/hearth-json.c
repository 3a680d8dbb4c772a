/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hearth-error.h"
#include "hearth-json.h"

/* What a parsed value may cost at most, measured against the text it came
 * from: a real journal file spends dozens of bytes on every value (ids,
 * times, text), while `[0,0,…]` or `{},{},…` would cost json-glib a hundred
 * times their size. Below the slack every small file passes. */
#define VALUE_SLACK         4096
#define BYTES_PER_VALUE     6
#define CONTAINER_SLACK     1024
#define BYTES_PER_CONTAINER 32

/* A string node holding this prefix carries the raw JSON text of a value
 * instead of a string. Parsed text is always valid UTF-8, so no string read
 * from a file can start with these bytes. */
#define RAW_MARK "\xff" \
                 "hearth-raw" \
                 "\xff"
#define RAW_MARK_LEN (sizeof RAW_MARK - 1)

static gboolean
is_literal_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '+' || c == '.';
}


/* Past the string at @i, or 0 when it is not strict JSON. json-glib reads
 * more than JSON allows inside strings (octal and unknown escapes, lone
 * surrogates, raw control characters) and can then hold text that is not
 * UTF-8, which nothing could write back. */
static gsize
skip_checked_string (const char *data,
                     gsize       len,
                     gsize       i)
{
  for (i++; i < len; i++)
    {
      guchar c = (guchar) data[i];
      int    u, lo;

      if (c == '"')
        return i + 1;
      if (c < 0x20)
        return 0;
      if (c != '\\')
        continue;
      if (++i >= len)
        return 0;
      switch (data[i])
        {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          break;
        case 'u':
          if (len - i < 5 || (u = hearth_json_hex4 (data + i + 1)) < 0)
            return 0;
          i += 4;
          if (u >= 0xdc00 && u < 0xe000)
            return 0;
          if (u >= 0xd800 && u < 0xdc00)
            {
              if (len - i < 7 || data[i + 1] != '\\' || data[i + 2] != 'u' ||
                  (lo = hearth_json_hex4 (data + i + 3)) < 0xdc00 || lo >= 0xe000)
                return 0;
              i += 6;
            }
          break;
        default:
          return 0;
        }
    }
  return 0;
}

/* Past the JSON number at @i (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?),
 * or 0. json-glib also reads octal, hex, `- 1` and `1.`, which are not JSON. */
static gsize
skip_checked_number (const char *data,
                     gsize       len,
                     gsize       i)
{
  if (i < len && data[i] == '-')
    i++;
  if (i >= len || !g_ascii_isdigit (data[i]))
    return 0;
  if (data[i] == '0')
    i++;
  else
    while (i < len && g_ascii_isdigit (data[i]))
      i++;
  if (i < len && data[i] == '.')
    {
      if (++i >= len || !g_ascii_isdigit (data[i]))
        return 0;
      while (i < len && g_ascii_isdigit (data[i]))
        i++;
    }
  if (i < len && (data[i] == 'e' || data[i] == 'E'))
    {
      if (++i < len && (data[i] == '+' || data[i] == '-'))
        i++;
      if (i >= len || !g_ascii_isdigit (data[i]))
        return 0;
      while (i < len && g_ascii_isdigit (data[i]))
        i++;
    }
  return i;
}

/* What may come next in hearth_json_check_bounds(). */
enum
{
  WANT_VALUE,          /* at the top, after ':' or after ',' in an array */
  WANT_VALUE_OR_CLOSE, /* after '[' */
  WANT_NAME,           /* after ',' in an object */
  WANT_NAME_OR_CLOSE,  /* after '{' */
  WANT_COLON,
  WANT_NEXT, /* after a value in an array or object: ',' or its close */
  WANT_END,  /* after the one value at the top */
};

/* The nesting, the number of values, the strings, and no character JSON
 * has no use for: what is checked first, so each of these faults has its
 * own reason. */
static gboolean
check_tokens (const char *data,
              gsize       len,
              guint       max_depth,
              GError    **error)
{
  guint   depth = 0;
  guint64 values = 0, containers = 0;
  gsize   i = 0;

  while (i < len)
    {
      char c = data[i];

      switch (c)
        {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
        case ',':
          i++;
          break;
        case ':':
          /* The string before it was a member name, not a value. */
          if (values > 0)
            values--;
          i++;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("it is nested more than %u levels deep, which no Hearth file is"),
                           max_depth);
              return FALSE;
            }
          values++;
          containers++;
          i++;
          break;
        case ']':
        case '}':
          if (depth == 0)
            goto invalid;
          depth--;
          i++;
          break;
        case '"':
          values++;
          i = skip_checked_string (data, len, i);
          if (i == 0)
            goto invalid;
          break;
        default:
          if (!is_literal_char (c))
            goto invalid;
          values++;
          while (i < len && is_literal_char (data[i]))
            i++;
          break;
        }
    }
  if (depth != 0)
    goto invalid;
  if (values > VALUE_SLACK + len / BYTES_PER_VALUE ||
      containers > CONTAINER_SLACK + len / BYTES_PER_CONTAINER)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("it holds far more values than a Hearth file of its size could"));
      return FALSE;
    }
  return TRUE;

invalid:
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                       _ ("it is not valid JSON (it may be cut short)"));
  return FALSE;
}

/* The grammar of JSON, once check_tokens() passed: the nesting and the
 * strings are checked already. */
static gboolean
check_grammar (const char *data,
               gsize       len,
               guint       max_depth,
               GError    **error)
{
  guint   depth = 0, want = WANT_VALUE;
  guint64 in_object = 0; /* bit d - 1: the container at depth d is an object */
  gsize   i = 0;

  g_return_val_if_fail (max_depth <= 64, FALSE);

  while (i < len)
    {
      char     c = data[i];
      gboolean value_done = FALSE;

      switch (c)
        {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          i++;
          continue;
        case ',':
          if (want != WANT_NEXT)
            goto invalid;
          want = in_object & (G_GUINT64_CONSTANT (1) << (depth - 1)) ? WANT_NAME : WANT_VALUE;
          i++;
          continue;
        case ':':
          if (want != WANT_COLON)
            goto invalid;
          want = WANT_VALUE;
          i++;
          continue;
        case '[':
        case '{':
          if (want != WANT_VALUE && want != WANT_VALUE_OR_CLOSE)
            goto invalid;
          if (++depth > max_depth)
            goto invalid;
          if (c == '{')
            in_object |= G_GUINT64_CONSTANT (1) << (depth - 1);
          else
            in_object &= ~(G_GUINT64_CONSTANT (1) << (depth - 1));
          want = c == '{' ? WANT_NAME_OR_CLOSE : WANT_VALUE_OR_CLOSE;
          i++;
          continue;
        case ']':
        case '}':
          if (depth == 0 ||
              (c == ']' && (want != WANT_NEXT && want != WANT_VALUE_OR_CLOSE)) ||
              (c == '}' && (want != WANT_NEXT && want != WANT_NAME_OR_CLOSE)) ||
              ((in_object & (G_GUINT64_CONSTANT (1) << (depth - 1))) != 0) != (c == '}'))
            goto invalid;
          depth--;
          i++;
          value_done = TRUE;
          break;
        case '"':
          if (want == WANT_NAME || want == WANT_NAME_OR_CLOSE)
            want = WANT_COLON;
          else if (want == WANT_VALUE || want == WANT_VALUE_OR_CLOSE)
            value_done = TRUE;
          else
            goto invalid;
          i = skip_checked_string (data, len, i);
          if (i == 0)
            goto invalid;
          break;
        default:
          if (want != WANT_VALUE && want != WANT_VALUE_OR_CLOSE)
            goto invalid;
          if (c == 't' && len - i >= 4 && memcmp (data + i, "true", 4) == 0)
            i += 4;
          else if (c == 'f' && len - i >= 5 && memcmp (data + i, "false", 5) == 0)
            i += 5;
          else if (c == 'n' && len - i >= 4 && memcmp (data + i, "null", 4) == 0)
            i += 4;
          else if ((i = skip_checked_number (data, len, i)) == 0)
            goto invalid;
          value_done = TRUE;
          break;
        }
      if (value_done)
        want = depth == 0 ? WANT_END : WANT_NEXT;
    }
  if (want != WANT_END)
    goto invalid;
  return TRUE;

invalid:
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                       _ ("it is not valid JSON (it may be cut short)"));
  return FALSE;
}

/**
 * hearth_json_check_bounds:
 * @max_depth: the deepest nesting of arrays and objects allowed, at most 64
 *
 * A scan of @data that needs no memory and no recursion, run before any JSON
 * parser sees it: it must nest no deeper than @max_depth, hold no more
 * values than a Hearth file of its size could, and be strict JSON, one
 * value with nothing after it (json-glib also reads comments, single
 * quotes, octal and hex numbers, words, a second value, and lenient
 * escapes inside strings; comments would let a bracket hide from this
 * scan, and the rest is what no Hearth writer makes).
 *
 * Returns: %TRUE when @data may be parsed; otherwise %FALSE with a
 *   %HEARTH_ERROR_DAMAGED reason that completes "… is damaged: "
 */
gboolean
hearth_json_check_bounds (const char *data,
                          gsize       len,
                          guint       max_depth,
                          GError    **error)
{
  return check_tokens (data, len, max_depth, error) &&
         check_grammar (data, len, max_depth, error);
}

/**
 * hearth_json_parse:
 * Checks @data with hearth_json_check_bounds() and parses it.
 *
 * Returns: (transfer full): the root, or %NULL with a %HEARTH_ERROR_DAMAGED
 *   reason that completes "… is damaged: "
 */
JsonNode *
hearth_json_parse (const char *data,
                   gsize       len,
                   GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (!g_utf8_validate (data, len, NULL))
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED, _ ("it is not UTF-8 text"));
      return NULL;
    }
  if (!hearth_json_check_bounds (data, len, HEARTH_JSON_MAX_DEPTH, error))
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, len, NULL) ||
      (root = json_parser_steal_root (parser)) == NULL)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("it is not valid JSON (it may be cut short)"));
      return NULL;
    }
  return root;
}

/**
 * hearth_json_get_string:
 * Like json_object_get_string_member_with_default(), without its critical
 * warning when a file holds a list or an object where text belongs.
 *
 * Returns: (nullable): the member's text, or @fallback when it is absent or
 *   not text
 */
const char *
hearth_json_get_string (JsonObject *object,
                        const char *member,
                        const char *fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

/* Like hearth_json_get_string(), for true or false. */
gboolean
hearth_json_get_boolean (JsonObject *object,
                         const char *member,
                         gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

/* ------------------------------------------------------------------------ */
/* Raw values                                                                */

/**
 * hearth_json_raw_new:
 * @text: the JSON text of one value, exactly as a file held it
 *
 * Returns: (transfer full): a node that hearth_json_to_string() writes back
 *   as @text, byte for byte
 */
JsonNode *
hearth_json_raw_new (const char *text,
                     gsize       len)
{
  g_autofree char *marked = g_malloc (RAW_MARK_LEN + len + 1);
  JsonNode        *node = json_node_new (JSON_NODE_VALUE);

  memcpy (marked, RAW_MARK, RAW_MARK_LEN);
  memcpy (marked + RAW_MARK_LEN, text, len);
  marked[RAW_MARK_LEN + len] = '\0';
  json_node_set_string (node, marked);
  return node;
}

/**
 * hearth_json_raw_get_text:
 * Returns: (nullable): the raw text of a node made by hearth_json_raw_new()
 */
const char *
hearth_json_raw_get_text (JsonNode *node)
{
  const char *s;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  s = json_node_get_string (node);
  if (s == NULL || strncmp (s, RAW_MARK, RAW_MARK_LEN) != 0)
    return NULL;
  return s + RAW_MARK_LEN;
}

static const char *
skip_ws (const char *p,
         const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static const char *
skip_string (const char *p,
             const char *end)
{
  if (p >= end || *p != '"')
    return NULL;
  for (p++; p < end && *p != '"'; p++)
    if (*p == '\\')
      p++;
  return p < end ? p + 1 : NULL;
}

/* Past one value; the text has passed hearth_json_check_bounds(), so the
 * brackets balance and the nesting is bounded. */
static const char *
skip_value (const char *p,
            const char *end)
{
  guint depth = 0;

  p = skip_ws (p, end);
  do
    {
      if (p >= end)
        return NULL;
      if (*p == '"')
        p = skip_string (p, end);
      else if (*p == '[' || *p == '{')
        {
          depth++;
          p++;
        }
      else if (*p == ']' || *p == '}')
        {
          if (depth == 0)
            return NULL;
          depth--;
          p++;
        }
      else if (depth > 0 && (*p == ',' || *p == ':' || *p == ' ' || *p == '\t' ||
                             *p == '\n' || *p == '\r'))
        p++;
      else if (is_literal_char (*p))
        while (p < end && is_literal_char (*p))
          p++;
      else
        return NULL;
    }
  while (p != NULL && depth > 0);
  return p;
}

/* The value of the four hex digits at @p (after a \\u), or -1. */
int
hearth_json_hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* The text of a JSON string at @p, or NULL; *@next is set past it. */
static char *
decode_string (const char  *p,
               const char  *end,
               const char **next)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *close = skip_string (p, end);
  gboolean    cut = FALSE;

  if (close == NULL)
    return NULL;
  for (p++; p < close - 1; p++)
    {
      gunichar u;
      int      v, lo;

      /* json-glib ends a string at \u0000: so does the name read here. */
      if (cut)
        {
          if (*p == '\\')
            p++;
          continue;
        }
      if (*p != '\\')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case '"':
        case '\\':
        case '/':
          g_string_append_c (out, *p);
          break;
        case 'b':
          g_string_append_c (out, '\b');
          break;
        case 'f':
          g_string_append_c (out, '\f');
          break;
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'r':
          g_string_append_c (out, '\r');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'u':
          if (close - 1 - p < 5 || (v = hearth_json_hex4 (p + 1)) < 0)
            return NULL;
          p += 4;
          if (v == 0)
            {
              cut = TRUE;
              break;
            }
          u = v;
          if (v >= 0xd800 && v < 0xdc00)
            {
              if (close - 1 - p < 7 || p[1] != '\\' || p[2] != 'u' ||
                  (lo = hearth_json_hex4 (p + 3)) < 0xdc00 || lo >= 0xe000)
                return NULL;
              u = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
              p += 6;
            }
          else if (v >= 0xdc00 && v < 0xe000)
            return NULL;
          g_string_append_unichar (out, u);
          break;
        default:
          return NULL;
        }
    }
  *next = close;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef void (*MemberFunc) (char       *name,
                            const char *start,
                            const char *end,
                            gpointer    user_data);

/* Calls @func for every member of the object @text, taking the name. */
static gboolean
walk_members (const char *text,
              gsize       len,
              MemberFunc  func,
              gpointer    user_data)
{
  const char *end = text + len;
  const char *p = skip_ws (text, end);

  if (p >= end || *p != '{')
    return FALSE;
  p = skip_ws (p + 1, end);
  if (p < end && *p == '}')
    return TRUE;
  while (p < end)
    {
      char       *name = decode_string (p, end, &p);
      const char *start;

      if (name == NULL)
        return FALSE;
      p = skip_ws (p, end);
      if (p >= end || *p != ':' || (p = skip_value (start = skip_ws (p + 1, end), end)) == NULL)
        {
          g_free (name);
          return FALSE;
        }
      func (name, start, p, user_data);
      p = skip_ws (p, end);
      if (p < end && *p == '}')
        return TRUE;
      if (p >= end || *p != ',')
        return FALSE;
      p = skip_ws (p + 1, end);
    }
  return FALSE;
}

static void
add_member (char       *name,
            const char *start,
            const char *end,
            gpointer    user_data)
{
  g_hash_table_insert (user_data, name, g_strndup (start, end - start));
}

/**
 * hearth_json_raw_members:
 * @object_text: the text of one JSON object that passed
 *   hearth_json_check_bounds()
 *
 * Returns: (transfer full) (nullable): member name → the raw text of its
 *   value (the last one, as json-glib keeps, when a name repeats), or %NULL
 *   when @object_text is not an object
 */
GHashTable *
hearth_json_raw_members (const char *object_text,
                         gsize       len)
{
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!walk_members (object_text, len, add_member, members))
    return NULL;
  return g_steal_pointer (&members);
}

typedef struct
{
  const char *name;
  const char *start;
  const char *end;
} Found;

static void
find_member (char       *name,
             const char *start,
             const char *end,
             gpointer    user_data)
{
  Found *found = user_data;

  if (g_str_equal (name, found->name))
    {
      found->start = start;
      found->end = end;
    }
  g_free (name);
}

/**
 * hearth_json_raw_elements:
 * @data: the text of a JSON object that passed hearth_json_check_bounds()
 * @member: the name of one of its members that holds an array
 *
 * Returns: (transfer full) (nullable) (element-type HearthJsonSpan): where
 *   each element of that array lies in @data, or %NULL when there is no
 *   such array
 */
GArray *
hearth_json_raw_elements (const char *data,
                          gsize       len,
                          const char *member)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (HearthJsonSpan));
  Found       found = { member, NULL, NULL };
  const char *p, *end;

  if (!walk_members (data, len, find_member, &found) || found.start == NULL)
    return NULL;
  p = found.start;
  end = found.end;
  if (*p != '[')
    return NULL;
  p = skip_ws (p + 1, end);
  if (p < end && *p == ']')
    return g_steal_pointer (&spans);
  while (p < end)
    {
      const char    *after = skip_value (p, end);
      HearthJsonSpan span;

      if (after == NULL)
        return NULL;
      span.offset = p - data;
      span.length = after - p;
      g_array_append_val (spans, span);
      p = skip_ws (after, end);
      if (p < end && *p == ']')
        return g_steal_pointer (&spans);
      if (p >= end || *p != ',')
        return NULL;
      p = skip_ws (p + 1, end);
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

/* Appends @s as a JSON string. */
void
hearth_json_write_string (GString    *out,
                          const char *s)
{
  g_string_append_c (out, '"');
  for (; *s; s++)
    {
      guchar c = (guchar) *s;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
newline (GString *out,
         gboolean pretty,
         guint    level)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append_c (out, ' ');
}

static void
write_node (GString  *out,
            JsonNode *node,
            gboolean  pretty,
            guint     level)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject    *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char    *name;
        JsonNode      *member;
        gboolean       first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            newline (out, pretty, level + 1);
            hearth_json_write_string (out, name);
            g_string_append (out, pretty ? " : " : ":");
            write_node (out, member, pretty, level + 1);
          }
        if (!first)
          newline (out, pretty, level);
        g_string_append_c (out, '}');
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint      n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            newline (out, pretty, level + 1);
            write_node (out, json_array_get_element (array, i), pretty, level + 1);
          }
        if (n > 0)
          newline (out, pretty, level);
        g_string_append_c (out, ']');
        break;
      }
    case JSON_NODE_VALUE:
      {
        GType       type = json_node_get_value_type (node);
        const char *raw = hearth_json_raw_get_text (node);

        if (raw != NULL)
          g_string_append (out, raw);
        else if (type == G_TYPE_STRING)
          hearth_json_write_string (out, json_node_get_string (node));
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_DOUBLE && isfinite (json_node_get_double (node)))
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node));
            g_string_append (out, buf);
            if (strpbrk (buf, ".eE") == NULL)
              g_string_append (out, ".0");
          }
        else
          /* JSON has no infinity: null is the one value that still parses. */
          g_string_append (out, "null");
        break;
      }
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * hearth_json_to_string:
 * Writes @root as JSON. Unlike json-glib's generator it writes the raw
 * values of hearth_json_raw_new() as they were read, and never writes
 * what JSON cannot hold (`inf`, `nan`).
 *
 * Returns: (transfer full): the text
 */
char *
hearth_json_to_string (JsonNode *root,
                       gboolean  pretty,
                       gsize    *length)
{
  GString *out = g_string_sized_new (4096);

  write_node (out, root, pretty, 0);
  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

static JsonNode *copy_node (JsonNode *node);

static JsonObject *
copy_object (JsonObject *object)
{
  JsonObject    *copy = json_object_new ();
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;

  /* In the order the members were set: the copy is written as the
   * original would be. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, copy_node (member));
  return copy;
}

static JsonNode *
copy_node (JsonNode *node)
{
  JsonNode *copy = json_node_alloc ();

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      json_node_take_object (json_node_init (copy, JSON_NODE_OBJECT), copy_object (json_node_get_object (node)));
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *out = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (out, copy_node (json_array_get_element (array, i)));
        json_node_take_array (json_node_init (copy, JSON_NODE_ARRAY), out);
      }
      break;
    case JSON_NODE_NULL:
      json_node_init_null (copy);
      break;
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node) == G_TYPE_STRING ? 0 : json_node_get_value_type (node) == G_TYPE_INT64  ? 1
                                                                   : json_node_get_value_type (node) == G_TYPE_DOUBLE ? 2
                                                                                                                      : 3)
        {
        case 0:
          json_node_init_string (copy, json_node_get_string (node));
          break;
        case 1:
          json_node_init_int (copy, json_node_get_int (node));
          break;
        case 2:
          json_node_init_double (copy, json_node_get_double (node));
          break;
        default:
          json_node_init_boolean (copy, json_node_get_boolean (node));
          break;
        }
      break;
    }
  return copy;
}

/**
 * hearth_json_object_copy:
 *
 * Returns: (transfer full): a deep copy of @object that shares nothing
 *   with it, so another thread can own it
 */
JsonObject *
hearth_json_object_copy (JsonObject *object)
{
  g_return_val_if_fail (object != NULL, NULL);

  return copy_object (object);
}
