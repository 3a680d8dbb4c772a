/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hearth-error.h"
#include "hearth-json.h"
#include "hearth-reader.h"
#include "hearth-record.h"
#include "hearth-text.h"

/* The bounds of hearth_json_check_bounds(), counted the same way. */
#define VALUE_SLACK         4096
#define BYTES_PER_VALUE     6
#define CONTAINER_SLACK     1024
#define BYTES_PER_CONTAINER 32

/* ------------------------------------------------------------------------ */
/* Scratch memory for one record: decoded text lives here until the record's
 * body copies it, then all of it goes at once. */

#define ARENA_BLOCK 16384

typedef struct
{
  GPtrArray *blocks; /* the first is kept between records */
  char      *next;
  gsize      left;
} Arena;

static void
arena_init (Arena *arena)
{
  arena->blocks = g_ptr_array_new_with_free_func (g_free);
  arena->next = NULL;
  arena->left = 0;
}

static void
arena_reset (Arena *arena)
{
  if (arena->blocks->len == 0)
    return;
  g_ptr_array_set_size (arena->blocks, 1);
  arena->next = g_ptr_array_index (arena->blocks, 0);
  arena->left = ARENA_BLOCK;
}

static void
arena_clear (Arena *arena)
{
  g_clear_pointer (&arena->blocks, g_ptr_array_unref);
}

static gpointer
arena_alloc (Arena *arena,
             gsize  size)
{
  gpointer p;

  size = (size + 7) & ~(gsize) 7;
  if (size > arena->left)
    {
      gsize block = MAX (size, ARENA_BLOCK);
      char *mem = g_malloc (block);

      g_ptr_array_add (arena->blocks, mem);
      /* A block bigger than the usual holds this one thing; the current
       * block stays in use for the rest. */
      if (block > ARENA_BLOCK && arena->left > 0)
        return mem;
      arena->next = mem;
      arena->left = block;
    }
  p = arena->next;
  arena->next += size;
  arena->left -= size;
  return p;
}

/* ------------------------------------------------------------------------ */
/* The scanner */

typedef struct
{
  const char *start;
  const char *end;
  const char *p;
  guint       depth;
  guint64     values;
  guint64     containers;
  guint64     max_values;
  guint64     max_containers;
} Scanner;

static inline void
skip_ws (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

static inline gboolean
count_value (Scanner *s)
{
  return ++s->values <= s->max_values;
}

/* Decodes the checked string content [@p, @end) into @out, cut at the
 * first \u0000 as json-glib cuts it; returns the length written. */
static gsize
decode_escaped (const char *p,
                const char *end,
                char       *out)
{
  char *o = out;

  while (p < end)
    {
      int u, lo;

      if (*p != '\\')
        {
          *o++ = *p++;
          continue;
        }
      p++;
      switch (*p++)
        {
        case 'b':
          *o++ = '\b';
          break;
        case 'f':
          *o++ = '\f';
          break;
        case 'n':
          *o++ = '\n';
          break;
        case 'r':
          *o++ = '\r';
          break;
        case 't':
          *o++ = '\t';
          break;
        case 'u':
          u = hearth_json_hex4 (p);
          p += 4;
          if (u >= 0xd800 && u < 0xdc00)
            {
              lo = hearth_json_hex4 (p + 2);
              p += 6;
              u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
            }
          if (u == 0)
            return o - out;
          o += g_unichar_to_utf8 (u, o);
          break;
        default: /* '"', '\\', '/' */
          *o++ = p[-1];
          break;
        }
    }
  return o - out;
}

/* Scans the string at s->p (a '"'). When @arena is given, *@text is its
 * decoded text, NUL-terminated in @arena; when @view is set instead, it
 * may point into the data when the string holds no escape (then it is not
 * NUL-terminated). */
static gboolean
scan_string (Scanner     *s,
             Arena       *arena,
             gboolean     view,
             const char **text,
             gsize       *text_len)
{
  const char *p = s->p + 1, *end = s->end, *content = p;
  gboolean    high = FALSE, escaped = FALSE;

  for (;;)
    {
      /* Eight bytes at a time while none is '"', '\\', a control
       * character or past 0x7f (a false alarm only costs the slow loop). */
      while (end - p >= 8)
        {
          const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
          const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
          guint64       w, q, b;

          memcpy (&w, p, 8);
          q = w ^ (ones * '"');
          b = w ^ (ones * '\\');
          if (((w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs) != 0)
            break;
          p += 8;
        }
      /* Bytes past 0x7f are checked as UTF-8 once the string ends. */
      while (p < end)
        {
          guchar c = *p;

          if (c < 0x20 || c == '"' || c == '\\')
            break;
          high |= c >= 0x80;
          p++;
        }
      if (p >= end)
        return FALSE;
      if (*p == '"')
        break;
      if (*p != '\\')
        return FALSE; /* a raw control character */
      escaped = TRUE;
      if (++p >= end)
        return FALSE;
      switch (*p)
        {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          p++;
          break;
        case 'u':
          {
            int u, lo;

            if (end - p < 5 || (u = hearth_json_hex4 (p + 1)) < 0)
              return FALSE;
            p += 5;
            if (u >= 0xdc00 && u < 0xe000)
              return FALSE;
            if (u >= 0xd800 && u < 0xdc00)
              {
                if (end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
                    (lo = hearth_json_hex4 (p + 2)) < 0xdc00 || lo >= 0xe000)
                  return FALSE;
                p += 6;
              }
          }
          break;
        default:
          return FALSE;
        }
    }
  if (high && !g_utf8_validate (content, p - content, NULL))
    return FALSE;
  s->p = p + 1;
  if (text == NULL)
    return TRUE;
  if (!escaped && view)
    {
      *text = content;
      *text_len = p - content;
      return TRUE;
    }
  {
    char *out = arena_alloc (arena, (p - content) + 1);
    gsize n = escaped ? decode_escaped (content, p, out) : (gsize) (p - content);

    if (!escaped)
      memcpy (out, content, n);
    out[n] = '\0';
    *text = out;
    *text_len = n;
  }
  return TRUE;
}

/**
 * hearth_json_int_value:
 * @digits: a JSON integer, `-?[0-9]+`
 *
 * Returns: the value json-glib gives it: the digits read as an unsigned
 *   64-bit number that stops at its greatest, seen as signed, then negated
 */
gint64
hearth_json_int_value (const char *digits,
                       gsize       len)
{
  gboolean negative = len > 0 && digits[0] == '-';
  guint64  v = 0;

  for (gsize i = negative ? 1 : 0; i < len; i++)
    {
      guint d = digits[i] - '0';

      if (v > (G_MAXUINT64 - d) / 10)
        {
          v = G_MAXUINT64;
          break;
        }
      v = v * 10 + d;
    }
  return (gint64) (negative ? 0 - v : v);
}

/* Scans the number at s->p, strict JSON; sets @cls to INT or DOUBLE. */
static gboolean
scan_number (Scanner         *s,
             HearthJsonClass *cls,
             gint64          *number)
{
  const char *p = s->p, *end = s->end, *start = p;
  gboolean    fraction = FALSE;

  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0')
    p++;
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;
  if (p < end && *p == '.')
    {
      fraction = TRUE;
      if (++p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      fraction = TRUE;
      if (++p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  s->p = p;
  *cls = fraction ? HEARTH_JSON_DOUBLE : HEARTH_JSON_INT;
  *number = fraction ? 0 : hearth_json_int_value (start, p - start);
  return TRUE;
}

static gboolean skip_value (Scanner *s);

/* Where a list or an object stands after its opening or an item. */
typedef enum
{
  ITEM_NEXT,   /* an item follows */
  ITEM_CLOSED, /* past its close */
  ITEM_BAD,    /* not JSON, or over the bounds */
} ItemEnd;

/* At '[' or '{': counts the container against the bounds and steps inside. */
static inline ItemEnd
container_open (Scanner *s,
                char     close)
{
  if (++s->depth > HEARTH_JSON_MAX_DEPTH || ++s->containers > s->max_containers ||
      !count_value (s))
    return ITEM_BAD;
  s->p++;
  skip_ws (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return ITEM_CLOSED;
    }
  return ITEM_NEXT;
}

/* After an item: past the ',' before the next one, or past @close. */
static inline ItemEnd
container_next (Scanner *s,
                char     close)
{
  skip_ws (s);
  if (s->p >= s->end)
    return ITEM_BAD;
  if (*s->p == close)
    {
      s->p++;
      s->depth--;
      return ITEM_CLOSED;
    }
  if (*s->p != ',')
    return ITEM_BAD;
  s->p++;
  skip_ws (s);
  return ITEM_NEXT;
}


/* Scans '[' or '{' at s->p to past its close, checking everything in it. */
static gboolean
skip_container (Scanner *s)
{
  gboolean object = *s->p == '{';
  char     close = object ? '}' : ']';
  ItemEnd  end;

  if ((end = container_open (s, close)) != ITEM_NEXT)
    return end == ITEM_CLOSED;
  for (;;)
    {
      if (object)
        {
          if (s->p >= s->end || *s->p != '"' || !scan_string (s, NULL, FALSE, NULL, NULL))
            return FALSE;
          skip_ws (s);
          if (s->p >= s->end || *s->p != ':')
            return FALSE;
          s->p++;
          skip_ws (s);
        }
      if (!skip_value (s))
        return FALSE;
      if ((end = container_next (s, close)) != ITEM_NEXT)
        return end == ITEM_CLOSED;
    }
}

static gboolean
literal (Scanner    *s,
         const char *word,
         gsize       len)
{
  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return FALSE;
  s->p += len;
  return TRUE;
}

/* Scans one value at s->p (no space before it); fills what is asked. */
static gboolean
scan_value (Scanner         *s,
            HearthJsonClass *cls,
            gint64          *number,
            Arena           *arena,
            gboolean         view,
            const char     **text,
            gsize           *text_len)
{
  HearthJsonClass c;
  gint64          n = 0;

  if (s->p >= s->end)
    return FALSE;
  switch (*s->p)
    {
    case '"':
      c = HEARTH_JSON_STRING;
      if (!count_value (s) || !scan_string (s, arena, view, text, text_len))
        return FALSE;
      break;
    case '[':
      c = HEARTH_JSON_ARRAY;
      if (!skip_container (s))
        return FALSE;
      break;
    case '{':
      c = HEARTH_JSON_OBJECT;
      if (!skip_container (s))
        return FALSE;
      break;
    case 't':
      c = HEARTH_JSON_BOOL;
      n = TRUE;
      if (!literal (s, "true", 4) || !count_value (s))
        return FALSE;
      break;
    case 'f':
      c = HEARTH_JSON_BOOL;
      if (!literal (s, "false", 5) || !count_value (s))
        return FALSE;
      break;
    case 'n':
      c = HEARTH_JSON_NULL;
      if (!literal (s, "null", 4) || !count_value (s))
        return FALSE;
      break;
    default:
      if (!scan_number (s, &c, &n) || !count_value (s))
        return FALSE;
      break;
    }
  if (cls)
    *cls = c;
  if (number)
    *number = n;
  return TRUE;
}

static gboolean
skip_value (Scanner *s)
{
  return scan_value (s, NULL, NULL, NULL, FALSE, NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* Records */

typedef struct
{
  const char              *name; /* NUL-terminated, in the arena */
  gsize                    name_len;
  const HearthKnownMember *known;
  HearthJsonClass          cls;
  const char              *start; /* the value's text */
  gsize                    span;
  const char              *text; /* STRING: decoded, NUL-terminated */
  gsize                    text_len;
  gint64                   number;
  JsonNode                *node; /* a check-in's answers or ratings, parsed */
} Slot;

typedef struct
{
  Scanner     s;
  Arena       arena;
  GArray     *slots;
  GHashTable *names; /* name → index + 1, for records with many members */
  GArray     *members;
} Reader;

static void
clear_slots (Reader *r)
{
  for (guint i = 0; i < r->slots->len; i++)
    g_clear_pointer (&g_array_index (r->slots, Slot, i).node, json_node_unref);
  g_array_set_size (r->slots, 0);
  if (r->names)
    g_hash_table_remove_all (r->names);
}

/* The slot of member @name: where a name repeats, the value of the last one
 * stands in the place of the first, as in json-glib. */
static Slot *
slot_for (Reader     *r,
          const char *name,
          gsize       name_len)
{
  Slot *slot;

  if (r->slots->len < 16)
    {
      for (guint i = 0; i < r->slots->len; i++)
        {
          slot = &g_array_index (r->slots, Slot, i);
          if (slot->name_len == name_len && memcmp (slot->name, name, name_len) == 0)
            return slot;
        }
    }
  else
    {
      gpointer index;

      if (r->names == NULL)
        r->names = g_hash_table_new (g_str_hash, g_str_equal);
      if (g_hash_table_size (r->names) == 0)
        for (guint i = 0; i < r->slots->len; i++)
          g_hash_table_insert (r->names, (char *) g_array_index (r->slots, Slot, i).name,
                               GUINT_TO_POINTER (i + 1));
      if ((index = g_hash_table_lookup (r->names, name)) != NULL)
        return &g_array_index (r->slots, Slot, GPOINTER_TO_UINT (index) - 1);
      g_hash_table_insert (r->names, (char *) name, GUINT_TO_POINTER (r->slots->len + 1));
    }
  g_array_set_size (r->slots, r->slots->len + 1);
  slot = &g_array_index (r->slots, Slot, r->slots->len - 1);
  slot->name = name;
  slot->name_len = name_len;
  return slot;
}

static Slot *
find_slot (Reader     *r,
           const char *name)
{
  for (guint i = 0; i < r->slots->len; i++)
    if (strcmp (g_array_index (r->slots, Slot, i).name, name) == 0)
      return &g_array_index (r->slots, Slot, i);
  return NULL;
}

/* Scans the record object at s->p into r->slots. */
static gboolean
scan_record (Reader *r)
{
  Scanner *s = &r->s;
  ItemEnd  end;

  clear_slots (r);
  arena_reset (&r->arena);
  if ((end = container_open (s, '}')) != ITEM_NEXT)
    return end == ITEM_CLOSED;
  for (;;)
    {
      const char     *name, *start;
      gsize           name_len;
      Slot           *slot;
      HearthJsonClass cls;
      const char     *text = NULL;
      gsize           text_len = 0;
      gint64          number = 0;

      if (s->p >= s->end || *s->p != '"' ||
          !scan_string (s, &r->arena, FALSE, &name, &name_len))
        return FALSE;
      skip_ws (s);
      if (s->p >= s->end || *s->p != ':')
        return FALSE;
      s->p++;
      skip_ws (s);
      start = s->p;
      if (!scan_value (s, &cls, &number, &r->arena, FALSE, &text, &text_len))
        return FALSE;
      slot = slot_for (r, name, name_len);
      g_clear_pointer (&slot->node, json_node_unref);
      slot->cls = cls;
      slot->start = start;
      slot->span = s->p - start;
      slot->text = text;
      slot->text_len = text_len;
      slot->number = number;
      if ((end = container_next (s, '}')) != ITEM_NEXT)
        return end == ITEM_CLOSED;
    }
}

/* Whether the value of @slot may be what @type is, as
 * hearth_record_validate_json() judges. */
static gboolean
slot_has_type (Slot           *slot,
               HearthKnownType type)
{
  if (slot->cls == HEARTH_JSON_NULL)
    return TRUE;
  switch (type)
    {
    case HEARTH_KNOWN_TEXT:
      return slot->cls == HEARTH_JSON_STRING;
    case HEARTH_KNOWN_NUMBER:
      return slot->cls == HEARTH_JSON_INT;
    case HEARTH_KNOWN_FLAG:
      return slot->cls == HEARTH_JSON_BOOL;
    case HEARTH_KNOWN_TEXTS:
      {
        /* Checked text: only strings and commas between the brackets. */
        Scanner sub = { slot->start, slot->start + slot->span, slot->start + 1, 0, 0, 0,
                        G_MAXUINT64, G_MAXUINT64 };

        if (slot->cls != HEARTH_JSON_ARRAY)
          return FALSE;
        skip_ws (&sub);
        if (*sub.p == ']')
          return TRUE;
        for (;;)
          {
            if (*sub.p != '"' || !scan_string (&sub, NULL, FALSE, NULL, NULL))
              return FALSE;
            skip_ws (&sub);
            if (*sub.p == ']')
              return TRUE;
            sub.p++;
            skip_ws (&sub);
          }
      }
    case HEARTH_KNOWN_ANSWERS:
    case HEARTH_KNOWN_RATINGS:
    default:
      if (slot->cls != (type == HEARTH_KNOWN_ANSWERS ? HEARTH_JSON_ARRAY : HEARTH_JSON_OBJECT))
        return FALSE;
      /* Rare and small: json-glib reads these, as it reads them in a
       * check-in, and they are kept as it writes them. */
      if (slot->node == NULL)
        slot->node = hearth_json_parse (slot->start, slot->span, NULL);
      return slot->node != NULL && hearth_record_node_has_type (slot->node, type);
    }
}

/* hearth_record_validate_json() of the scanned record. */
static gboolean
validate_record (Reader     *r,
                 const char *kind,
                 GError    **error)
{
  static const char *required[] = { "id", "kind", "created", "updated", "device" };
  gboolean           ok = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      Slot *slot = find_slot (r, required[i]);

      if (slot == NULL || slot->cls != HEARTH_JSON_STRING || slot->text_len == 0)
        {
          hearth_record_set_lacks_error (error, required[i]);
          return FALSE;
        }
    }
  for (guint i = 0; i < r->slots->len; i++)
    {
      Slot                    *slot = &g_array_index (r->slots, Slot, i);
      const HearthKnownMember *known = hearth_record_find_known (kind, slot->name);

      slot->known = known;
      if (known != NULL && !slot_has_type (slot, known->type))
        {
          hearth_record_set_type_error (error, known);
          return FALSE;
        }
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *time = find_slot (r, i == 0 ? "updated" : "created")->text;

      hearth_time_parse_usec (time, &ok);
      if (!ok)
        {
          hearth_record_set_time_error (error, time);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
arena_raw (Reader     *r,
           const char *raw,
           gsize       len,
           const char *text,
           gsize       text_len)
{
  char *out = arena_alloc (&r->arena, len + 1 + (text ? text_len + 1 : 0));

  memcpy (out, raw, len);
  out[len] = '\0';
  if (text)
    {
      memcpy (out + len + 1, text, text_len);
      out[len + 1 + text_len] = '\0';
    }
  return out;
}

/* The texts of a checked list of strings. */
static const char *const *
slot_texts (Reader *r,
            Slot   *slot,
            guint  *n)
{
  Scanner      sub = { slot->start, slot->start + slot->span, slot->start + 1, 0, 0, 0,
                       G_MAXUINT64, G_MAXUINT64 };
  guint        count = 0, i = 0;
  const char **texts;

  /* Every element is a string: count the strings first. */
  skip_ws (&sub);
  while (*sub.p != ']')
    {
      scan_string (&sub, NULL, FALSE, NULL, NULL);
      count++;
      skip_ws (&sub);
      if (*sub.p == ',')
        sub.p++;
      skip_ws (&sub);
    }
  texts = arena_alloc (&r->arena, (count + 1) * sizeof (char *));
  sub.p = slot->start + 1;
  skip_ws (&sub);
  while (*sub.p != ']')
    {
      gsize len;

      scan_string (&sub, &r->arena, FALSE, &texts[i++], &len);
      skip_ws (&sub);
      if (*sub.p == ',')
        sub.p++;
      skip_ws (&sub);
    }
  texts[count] = NULL;
  *n = count;
  return texts;
}

/* The body of the scanned, valid record, as
 * hearth_record_data_new_from_json() makes it from the same text. */
static HearthRecordData *
build_record (Reader *r)
{
  const HearthKnownMember **knowns = arena_alloc (&r->arena, r->slots->len * sizeof (gpointer) + 1);

  g_array_set_size (r->members, 0);
  for (guint i = 0; i < r->slots->len; i++)
    {
      Slot                    *slot = &g_array_index (r->slots, Slot, i);
      const HearthKnownMember *known = slot->known;
      HearthMember             m = { 0 };

      knowns[i] = known;

      m.name = slot->name;
      if (known == NULL)
        {
          /* Kept exactly as written (docs/format.md, "What a reader
           * ignores, and what it keeps"). */
          gboolean string = slot->cls == HEARTH_JSON_STRING;

          m.type = HEARTH_VALUE_RAW;
          m.n = slot->span;
          m.has_text = string;
          m.v.raw = arena_raw (r, slot->start, slot->span, string ? slot->text : NULL, slot->text_len);
        }
      else
        switch (slot->cls)
          {
          case HEARTH_JSON_STRING:
            m.type = HEARTH_VALUE_TEXT;
            m.v.text = slot->text;
            break;
          case HEARTH_JSON_INT:
            m.type = HEARTH_VALUE_NUMBER;
            m.v.number = slot->number;
            break;
          case HEARTH_JSON_BOOL:
            m.type = HEARTH_VALUE_FLAG;
            m.v.flag = slot->number != 0;
            break;
          case HEARTH_JSON_NULL:
            m.type = HEARTH_VALUE_NULL;
            break;
          case HEARTH_JSON_ARRAY:
            if (known->type == HEARTH_KNOWN_TEXTS)
              {
                guint n = 0;

                m.type = HEARTH_VALUE_TEXTS;
                m.v.texts = slot_texts (r, slot, &n);
                m.n = n;
                break;
              }
            G_GNUC_FALLTHROUGH;
          case HEARTH_JSON_OBJECT:
          case HEARTH_JSON_DOUBLE:
          case HEARTH_JSON_ABSENT:
          default:
            {
              /* As json-glib's tree of it is written. */
              gsize            len = 0;
              g_autofree char *raw = NULL;

              if (slot->node == NULL)
                slot->node = hearth_json_parse (slot->start, slot->span, NULL);
              raw = hearth_json_to_string (slot->node, FALSE, &len);
              m.type = HEARTH_VALUE_RAW;
              m.n = len;
              m.v.raw = arena_raw (r, raw, len, NULL, 0);
            }
            break;
          }
      g_array_append_val (r->members, m);
    }
  return hearth_record_data_new_known ((HearthMember *) (gpointer) r->members->data, r->members->len,
                                       knowns);
}

/* Reads the record at s->p: into @doc when it is valid and no record
 * before it failed, else only checked. */
static gboolean
read_record (Reader         *r,
             HearthDocument *doc,
             gboolean        build)
{
  g_autoptr(GError) error = NULL;
  const char *kind;
  Slot       *kind_slot;

  if (!build)
    return skip_value (&r->s);
  if (!scan_record (r))
    return FALSE;
  kind_slot = find_slot (r, "kind");
  kind = kind_slot && kind_slot->cls == HEARTH_JSON_STRING ? kind_slot->text : "";
  if (!validate_record (r, kind, &error))
    doc->records_error = g_steal_pointer (&error);
  else
    g_ptr_array_add (doc->records, build_record (r));
  clear_slots (r);
  return TRUE;
}

/* Reads the list of records at s->p. */
static gboolean
read_records (Reader         *r,
              HearthDocument *doc,
              gboolean        build)
{
  Scanner *s = &r->s;
  ItemEnd  end;

  if ((end = container_open (s, ']')) != ITEM_NEXT)
    return end == ITEM_CLOSED;
  for (;;)
    {
      gboolean more = build && doc->records_error == NULL;

      if (s->p >= s->end)
        return FALSE;
      if (*s->p == '{')
        {
          if (!read_record (r, doc, more))
            return FALSE;
        }
      else
        {
          if (!skip_value (s))
            return FALSE;
          if (more)
            g_set_error_literal (&doc->records_error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                                 _ ("a record is not an object"));
        }
      if ((end = container_next (s, ']')) != ITEM_NEXT)
        return end == ITEM_CLOSED;
    }
}

/* The header member @name names, or NULL for one that is not read. */
static HearthDocValue *
header_value (HearthDocument *doc,
              const char     *name,
              gsize           len)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } names[] = {
    { "hearth", G_STRUCT_OFFSET (HearthDocument, hearth) },
    { "type", G_STRUCT_OFFSET (HearthDocument, type) },
    { "seq", G_STRUCT_OFFSET (HearthDocument, seq) },
    { "records", G_STRUCT_OFFSET (HearthDocument, records_value) },
    { "cipher", G_STRUCT_OFFSET (HearthDocument, cipher) },
    { "key_id", G_STRUCT_OFFSET (HearthDocument, key_id) },
    { "nonce", G_STRUCT_OFFSET (HearthDocument, nonce) },
    { "ciphertext", G_STRUCT_OFFSET (HearthDocument, ciphertext) },
    { "device", G_STRUCT_OFFSET (HearthDocument, device) },
    { "partner", G_STRUCT_OFFSET (HearthDocument, partner) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i].name) == len && memcmp (names[i].name, name, len) == 0)
      return G_STRUCT_MEMBER_P (doc, names[i].offset);
  return NULL;
}

/* Reads the document object at s->p. */
static gboolean
read_document (Reader         *r,
               HearthDocument *doc,
               gboolean        build)
{
  Scanner *s = &r->s;
  Arena    names;
  gboolean ok = FALSE;
  ItemEnd  end;

  arena_init (&names);
  if ((end = container_open (s, '}')) != ITEM_NEXT)
    {
      ok = end == ITEM_CLOSED;
      goto out;
    }
  for (;;)
    {
      const char     *name;
      gsize           name_len;
      HearthDocValue *value;

      if (s->p >= s->end || *s->p != '"' ||
          !scan_string (s, &names, TRUE, &name, &name_len))
        goto out;
      skip_ws (s);
      if (s->p >= s->end || *s->p != ':')
        goto out;
      s->p++;
      skip_ws (s);
      value = header_value (doc, name, name_len);
      if (value == &doc->records_value)
        {
          /* Only the last list of records counts. */
          g_ptr_array_set_size (doc->records, 0);
          g_clear_error (&doc->records_error);
          if (s->p < s->end && *s->p == '[')
            {
              value->cls = HEARTH_JSON_ARRAY;
              if (!read_records (r, doc, build))
                goto out;
            }
          else if (!scan_value (s, &value->cls, NULL, NULL, FALSE, NULL, NULL))
            goto out;
        }
      else if (value != NULL)
        {
          const char *text = NULL;
          gsize       text_len = 0;
          Arena      *arena = &names;

          if (!scan_value (s, &value->cls, &value->number, arena, TRUE, &text, &text_len))
            goto out;
          value->text = text;
          value->text_len = text_len;
        }
      else if (!skip_value (s))
        goto out;
      if ((end = container_next (s, '}')) != ITEM_NEXT)
        {
          ok = end == ITEM_CLOSED;
          goto out;
        }
    }

out:
  /* The header's decoded text lives as long as the document. */
  if (names.blocks->len > 0)
    g_ptr_array_add (doc->owned, g_steal_pointer (&names.blocks));
  else
    arena_clear (&names);
  return ok;
}

/* The reason hearth_json_parse() gives for text that the scan refused. */
static void
set_json_error (const char *data,
                gsize       len,
                GError    **error)
{
  if (!g_utf8_validate (data, len, NULL))
    g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED, _ ("it is not UTF-8 text"));
  else if (hearth_json_check_bounds (data, len, HEARTH_JSON_MAX_DEPTH, error))
    g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                         _ ("it is not valid JSON (it may be cut short)"));
}

/**
 * hearth_document_read:
 * @doc: an empty document (`= { 0, }`), cleared with hearth_document_clear()
 * @read_records: whether to build the records, or only check them
 *
 * Reads one data file's text in one pass: its header members, and its
 * records, checked as hearth_record_validate_json() checks them; the first
 * record that fails is in @doc's records_error. @doc may point into @data,
 * which must outlive it.
 *
 * Returns: %TRUE when @data is a JSON object within the bounds; otherwise
 *   %FALSE with the %HEARTH_ERROR_DAMAGED reason hearth_json_parse() and a
 *   check that the root is an object would give
 */
gboolean
hearth_document_read (HearthDocument *doc,
                      const char     *data,
                      gsize           len,
                      gboolean        read_records,
                      GError        **error)
{
  Reader r = {
    { data, data + len, data, 0, 0, 0,
      VALUE_SLACK + len / BYTES_PER_VALUE,
      CONTAINER_SLACK + len / BYTES_PER_CONTAINER },
  };
  gboolean ok, object;

  doc->records = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_record_data_unref);
  doc->owned = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  arena_init (&r.arena);
  r.slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  r.members = g_array_new (FALSE, TRUE, sizeof (HearthMember));

  skip_ws (&r.s);
  object = r.s.p < r.s.end && *r.s.p == '{';
  ok = object ? read_document (&r, doc, read_records) : skip_value (&r.s);
  skip_ws (&r.s);
  ok = ok && r.s.p == r.s.end;

  clear_slots (&r);
  g_clear_pointer (&r.names, g_hash_table_unref);
  g_array_unref (r.slots);
  g_array_unref (r.members);
  arena_clear (&r.arena);

  if (!ok)
    {
      set_json_error (data, len, error);
      return FALSE;
    }
  if (!object)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("it does not hold a Hearth document"));
      return FALSE;
    }
  return TRUE;
}

void
hearth_document_clear (HearthDocument *doc)
{
  g_clear_pointer (&doc->records, g_ptr_array_unref);
  g_clear_pointer (&doc->owned, g_ptr_array_unref);
  g_clear_error (&doc->records_error);
  memset (doc, 0, sizeof *doc);
}

/* Whether @value is the string @text (as hearth_json_get_string() reads it). */
gboolean
hearth_doc_value_is (const HearthDocValue *value,
                     const char           *text)
{
  return value->cls == HEARTH_JSON_STRING && value->text_len == strlen (text) &&
         memcmp (value->text, text, value->text_len) == 0;
}

/**
 * hearth_doc_value_dup:
 * Returns: (transfer full) (nullable): the text of a string value, or %NULL
 */
char *
hearth_doc_value_dup (const HearthDocValue *value)
{
  return value->cls == HEARTH_JSON_STRING ? g_strndup (value->text, value->text_len) : NULL;
}
