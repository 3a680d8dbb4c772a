/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hearth-prompts.h"
#include "hearth-prompts-resources.h"

#define PROMPTS_RESOURCE "/io/github/hearthjournal/Hearth/prompts.xml"

/* Built once, on first use, and kept until the process exits: callers hold
 * plain pointers to prompts and decks, so nothing here is ever freed. The
 * strings live in the library's own chunk (not interned: each quark is a
 * slot in GLib's global table, and hundreds of prompt texts would only
 * grow it), and texts point to their translations. */
typedef struct
{
  GStringChunk *strings;
  GArray       *prompts;       /* HearthPrompt */
  GArray       *decks;         /* HearthPromptDeck */
  GHashTable   *prompts_by_id; /* id → HearthPrompt* */
  GHashTable   *decks_by_id;   /* id → HearthPromptDeck* */
  GPtrArray    *daily_pool;    /* HearthPrompt*, in library order */
} Library;

/* Prompts and decks are never copied or freed, so a boxed value simply
 * carries the library's pointer. */
static gpointer
boxed_identity (gpointer boxed)
{
  return boxed;
}

static void
boxed_keep (gpointer boxed)
{
}

G_DEFINE_BOXED_TYPE (HearthPrompt, hearth_prompt, boxed_identity, boxed_keep)
G_DEFINE_BOXED_TYPE (HearthPromptDeck, hearth_prompt_deck, boxed_identity, boxed_keep)

static const char *const pillar_names[HEARTH_PROMPT_N_PILLARS] = {
  [HEARTH_PROMPT_PILLAR_VULNERABILITY] = "vulnerability",
  [HEARTH_PROMPT_PILLAR_TRUST] = "trust",
  [HEARTH_PROMPT_PILLAR_COMMUNICATION] = "communication",
  [HEARTH_PROMPT_PILLAR_SHARED_EXPERIENCES] = "shared-experiences",
};

/* --------------------------------------------------------------------------
 * Parsing prompts.xml
 */

typedef enum
{
  IN_NOTHING,
  IN_PROMPTS,
  IN_DECK,
  IN_TITLE,
  IN_DESCRIPTION,
  IN_PROMPT,
} ParseState;

typedef struct
{
  Library         *library;
  ParseState       state;
  GString         *text;
  HearthPromptDeck deck;
  HearthPrompt     prompt;
  GHashTable      *seen; /* deck and prompt ids, borrowed */
} ParseData;

/* Collapse runs of white space and trim, as xgettext does by default when it
 * extracts an element's text: the result is the msgid. */
static char *
normalize_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static const char *
translate (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

static gboolean
is_deck_id (const char *id)
{
  if (*id == '\0' || *id == '-' || g_str_has_suffix (id, "-"))
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* A prompt id is its deck's id, a dash and three digits. */
static gboolean
is_prompt_id (const char *id,
              const char *deck)
{
  gsize deck_len = strlen (deck);

  if (strncmp (id, deck, deck_len) != 0 || id[deck_len] != '-')
    return FALSE;
  id += deck_len + 1;
  return strlen (id) == 3 &&
         g_ascii_isdigit (id[0]) && g_ascii_isdigit (id[1]) && g_ascii_isdigit (id[2]);
}

static gboolean
claim_id (ParseData  *data,
          const char *id,
          GError    **error)
{
  if (g_hash_table_add (data->seen, (gpointer) id))
    return TRUE;
  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
               "the id “%s” is used twice", id);
  return FALSE;
}

static void
on_start_element (GMarkupParseContext *context,
                  const char          *element_name,
                  const char         **attribute_names,
                  const char         **attribute_values,
                  gpointer             user_data,
                  GError             **error)
{
  ParseData *data = user_data;

  if (data->state == IN_NOTHING && g_str_equal (element_name, "prompts"))
    {
      if (g_markup_collect_attributes (element_name, attribute_names, attribute_values,
                                       error, G_MARKUP_COLLECT_INVALID, NULL))
        data->state = IN_PROMPTS;
    }
  else if (data->state == IN_PROMPTS && g_str_equal (element_name, "deck"))
    {
      const char *id;

      if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (!is_deck_id (id))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "“%s” is not a deck id", id);
          return;
        }
      memset (&data->deck, 0, sizeof data->deck);
      data->deck.id = g_string_chunk_insert_const (data->library->strings, id);
      if (claim_id (data, data->deck.id, error))
        data->state = IN_DECK;
    }
  else if (data->state == IN_DECK &&
           (g_str_equal (element_name, "title") || g_str_equal (element_name, "description")))
    {
      gboolean title = g_str_equal (element_name, "title");

      if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values,
                                        error, G_MARKUP_COLLECT_INVALID, NULL))
        return;
      if ((title && data->deck.title) || (!title && data->deck.description))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "a deck has a second <%s>", element_name);
          return;
        }
      g_string_truncate (data->text, 0);
      data->state = title ? IN_TITLE : IN_DESCRIPTION;
    }
  else if (data->state == IN_DECK && g_str_equal (element_name, "prompt"))
    {
      const char        *id, *pillar, *depth;
      guint64            depth_value;
      HearthPromptPillar pillar_value;

      if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING, "pillar", &pillar,
                                        G_MARKUP_COLLECT_STRING, "depth", &depth,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (!is_prompt_id (id, data->deck.id))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "“%s” is not a prompt id of the deck “%s”",
                       id, data->deck.id);
          return;
        }
      if (!hearth_prompt_pillar_from_string (pillar, &pillar_value))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "“%s” is not a pillar", pillar);
          return;
        }
      if (!g_ascii_string_to_unsigned (depth, 10, HEARTH_PROMPT_DEPTH_LIGHT,
                                       HEARTH_PROMPT_DEPTH_DEEP, &depth_value, NULL))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "“%s” is not a depth from 1 to 3", depth);
          return;
        }
      memset (&data->prompt, 0, sizeof data->prompt);
      data->prompt.id = g_string_chunk_insert_const (data->library->strings, id);
      data->prompt.deck = data->deck.id;
      data->prompt.pillar = pillar_value;
      data->prompt.depth = (HearthPromptDepth) depth_value;
      g_string_truncate (data->text, 0);
      if (claim_id (data, data->prompt.id, error))
        data->state = IN_PROMPT;
    }
  else
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                   "unexpected <%s>", element_name);
    }
}

static void
on_end_element (GMarkupParseContext *context,
                const char          *element_name,
                gpointer             user_data,
                GError             **error)
{
  ParseData       *data = user_data;
  g_autofree char *text = NULL;

  switch (data->state)
    {
    case IN_TITLE:
    case IN_DESCRIPTION:
    case IN_PROMPT:
      text = normalize_space (data->text->str);
      if (*text == '\0')
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "<%s> is empty", element_name);
          return;
        }
      break;

    case IN_NOTHING:
    case IN_PROMPTS:
    case IN_DECK:
    default:
      break;
    }

  switch (data->state)
    {
    case IN_TITLE:
      data->deck.title = translate (g_string_chunk_insert_const (data->library->strings, text));
      data->state = IN_DECK;
      break;

    case IN_DESCRIPTION:
      data->deck.description = translate (g_string_chunk_insert_const (data->library->strings, text));
      data->state = IN_DECK;
      break;

    case IN_PROMPT:
      data->prompt.text = translate (g_string_chunk_insert_const (data->library->strings, text));
      g_array_append_val (data->library->prompts, data->prompt);
      data->deck.n_prompts++;
      data->state = IN_DECK;
      break;

    case IN_DECK:
      if (!data->deck.title || !data->deck.description || data->deck.n_prompts == 0)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "the deck “%s” needs a title, a description and prompts",
                       data->deck.id);
          return;
        }
      g_array_append_val (data->library->decks, data->deck);
      data->state = IN_PROMPTS;
      break;

    case IN_PROMPTS:
      data->state = IN_NOTHING;
      break;

    case IN_NOTHING:
    default:
      g_assert_not_reached ();
    }
}

static void
on_text (GMarkupParseContext *context,
         const char          *text,
         gsize                text_len,
         gpointer             user_data,
         GError             **error)
{
  ParseData *data = user_data;

  if (data->state == IN_TITLE || data->state == IN_DESCRIPTION || data->state == IN_PROMPT)
    {
      g_string_append_len (data->text, text, text_len);
      return;
    }
  for (gsize i = 0; i < text_len; i++)
    if (!g_ascii_isspace (text[i]))
      {
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                     "text outside a title, description or prompt");
        return;
      }
}

static const GMarkupParser parser = {
  .start_element = on_start_element,
  .end_element = on_end_element,
  .text = on_text,
};

static gboolean
parse (Library *library,
       GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) text_buffer = g_string_new (NULL);
  ParseData     data = { library, IN_NOTHING, text_buffer, { 0 }, { 0 }, seen };
  gconstpointer xml;
  gsize         len;

  bytes = g_resource_lookup_data (hearth_prompts_get_resource (), PROMPTS_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (!bytes)
    return FALSE;
  xml = g_bytes_get_data (bytes, &len);
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &data, NULL);
  return g_markup_parse_context_parse (context, xml, len, error) &&
         g_markup_parse_context_end_parse (context, error);
}

static Library *
library_load (void)
{
  Library *library = g_new0 (Library, 1);
  g_autoptr(GError) error = NULL;

  library->strings = g_string_chunk_new (4096);
  library->prompts = g_array_new (FALSE, TRUE, sizeof (HearthPrompt));
  library->decks = g_array_new (FALSE, TRUE, sizeof (HearthPromptDeck));
  library->prompts_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  library->decks_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  library->daily_pool = g_ptr_array_new ();

  if (!parse (library, &error))
    {
      /* The file is part of the build and checked by the tests, so this is
       * a packaging bug; the app carries on without prompts. */
      g_critical ("The prompt library is damaged: %s", error->message);
      g_array_set_size (library->prompts, 0);
      g_array_set_size (library->decks, 0);
      return library;
    }

  /* The arrays are complete: pointers into them are stable from here on. */
  for (guint i = 0; i < library->prompts->len; i++)
    {
      HearthPrompt *prompt = &g_array_index (library->prompts, HearthPrompt, i);

      g_hash_table_insert (library->prompts_by_id, (gpointer) prompt->id, prompt);
      if (prompt->depth <= HEARTH_PROMPT_DEPTH_MEDIUM)
        g_ptr_array_add (library->daily_pool, prompt);
    }
  for (guint i = 0; i < library->decks->len; i++)
    {
      HearthPromptDeck *deck = &g_array_index (library->decks, HearthPromptDeck, i);

      g_hash_table_insert (library->decks_by_id, (gpointer) deck->id, deck);
    }
  return library;
}

static Library *
library_get (void)
{
  static Library *library = NULL;

  if (g_once_init_enter (&library))
    g_once_init_leave (&library, library_load ());
  return library;
}

/* --------------------------------------------------------------------------
 * Public API
 */

/**
 * hearth_prompts_get_all:
 * @n_prompts: (out) (optional): the number of prompts
 *
 * Returns: (transfer none) (array length=n_prompts): every prompt, deck by
 *   deck in library order
 */
const HearthPrompt *
hearth_prompts_get_all (guint *n_prompts)
{
  Library *library = library_get ();

  if (n_prompts)
    *n_prompts = library->prompts->len;
  return (const HearthPrompt *) (gpointer) library->prompts->data;
}

/**
 * hearth_prompts_lookup:
 * @id: a prompt id, as stored in an entry
 *
 * Returns: (transfer none) (nullable): the prompt, or %NULL if this version
 *   of Hearth does not know the id
 */
const HearthPrompt *
hearth_prompts_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (library_get ()->prompts_by_id, id);
}

/**
 * hearth_prompts_get_decks:
 * @n_decks: (out) (optional): the number of decks
 *
 * Returns: (transfer none) (array length=n_decks): the decks in the order to
 *   show them
 */
const HearthPromptDeck *
hearth_prompts_get_decks (guint *n_decks)
{
  Library *library = library_get ();

  if (n_decks)
    *n_decks = library->decks->len;
  return (const HearthPromptDeck *) (gpointer) library->decks->data;
}

/**
 * hearth_prompts_lookup_deck:
 * @id: a deck id such as `needs`
 *
 * Returns: (transfer none) (nullable): the deck, or %NULL
 */
const HearthPromptDeck *
hearth_prompts_lookup_deck (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (library_get ()->decks_by_id, id);
}

/**
 * hearth_prompts_filter:
 * @deck: (nullable): a deck id, or %NULL for every deck
 * @max_depth: the deepest prompts to include, so a couple can start small
 *
 * Returns: (transfer container) (element-type HearthPrompt): the matching
 *   prompts, in library order
 */
GPtrArray *
hearth_prompts_filter (const char       *deck,
                       HearthPromptDepth max_depth)
{
  Library   *library = library_get ();
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; i < library->prompts->len; i++)
    {
      HearthPrompt *prompt = &g_array_index (library->prompts, HearthPrompt, i);

      if ((deck == NULL || g_str_equal (prompt->deck, deck)) && prompt->depth <= max_depth)
        g_ptr_array_add (result, prompt);
    }
  return result;
}

/* --------------------------------------------------------------------------
 * The daily question
 *
 * Both partners must see the same question on the same date without talking
 * to each other, so the choice depends only on the journal id, the date and
 * the library, through functions whose results never change: SHA-256 and a
 * small generator written out here (not g_str_hash or GRand, whose
 * algorithms GLib may change).
 *
 * Days are numbered by their Julian day number and grouped into cycles as
 * long as the daily pool. Each cycle is a permutation of the pool, a
 * Fisher–Yates shuffle seeded with SHA-256 of "<journal id>:<cycle>", so a
 * prompt comes back only once every other prompt of the pool has had its
 * day, and two journals walk the pool in different orders. A fresh shuffle
 * could put near its start a prompt the previous cycle showed near its end;
 * so any of the first third of a cycle that appeared in the last third of
 * the previous one is swapped with one from the middle third. The last
 * third is never touched, so fixing cycle n needs only the raw shuffle of
 * cycle n − 1. A prompt therefore never returns within
 * hearth_prompts_daily_min_gap() days.
 *
 * The pool is the light and medium prompts: a question that arrives unasked
 * every morning should start small. Deep prompts are there when a couple
 * opens a deck.
 *
 * The pool comes from the library, so partners on versions of Hearth with
 * different libraries may see different questions; an answer records the
 * prompt id it answers, so each side can still show the other's question.
 */

typedef struct
{
  guint64 state;
} SplitMix64;

static guint64
splitmix64_next (SplitMix64 *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, bound): values past the last whole multiple of bound are
 * drawn again rather than folded, which would favour small results. */
static guint
splitmix64_below (SplitMix64 *rng,
                  guint       bound)
{
  guint64 limit = G_MAXUINT64 - G_MAXUINT64 % bound;
  guint64 r;

  do
    r = splitmix64_next (rng);
  while (r >= limit);
  return (guint) (r % bound);
}

static void
shuffle_cycle (const char *journal_id,
               guint       cycle,
               guint      *order,
               guint       n)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *seed_text = g_strdup_printf ("%s:%u", journal_id, cycle);
  guint8           digest[32];
  gsize            digest_len = sizeof digest;
  SplitMix64       rng = { 0 };

  g_checksum_update (checksum, (const guchar *) seed_text, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);
  for (guint i = 0; i < 8; i++)
    rng.state = (rng.state << 8) | digest[i];

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = splitmix64_below (&rng, i + 1);
      guint tmp = order[i];

      order[i] = order[j];
      order[j] = tmp;
    }
}

/* How many days at each end of a cycle are kept apart. With a third, the
 * middle third always holds enough prompts to swap in (see above). */
static guint
guard_length (guint n)
{
  return n / 3;
}

/**
 * hearth_prompts_daily_cycle_length:
 *
 * Returns: how many days pass before the daily question repeats its walk
 *   through the pool: every prompt of the pool appears once per cycle
 */
guint
hearth_prompts_daily_cycle_length (void)
{
  return library_get ()->daily_pool->len;
}

/**
 * hearth_prompts_daily_min_gap:
 *
 * Returns: the fewest days between two appearances of the same daily
 *   question; any run of this many consecutive days has no repeat
 */
guint
hearth_prompts_daily_min_gap (void)
{
  guint n = hearth_prompts_daily_cycle_length ();

  return n < 3 ? n : guard_length (n) + 1;
}

/**
 * hearth_prompts_daily:
 * @journal_id: the journal's id, the same on both partners' devices
 * @date: the couple's local date
 *
 * Picks the daily question: the same for every device that opens the
 * journal on that date, different from the days around it. See the comment
 * above for how.
 *
 * Returns: (transfer none) (nullable): the prompt, or %NULL only if the
 *   library is empty
 */
const HearthPrompt *
hearth_prompts_daily (const char  *journal_id,
                      const GDate *date)
{
  GPtrArray        *pool = library_get ()->daily_pool;
  guint             n = pool->len;
  g_autofree guint *order = NULL;
  guint             day, cycle, position, guard;

  g_return_val_if_fail (journal_id != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  if (n == 0)
    return NULL;

  day = g_date_get_julian (date);
  cycle = day / n;
  position = day % n;
  guard = guard_length (n);

  order = g_new (guint, n);
  shuffle_cycle (journal_id, cycle, order, n);

  if (cycle > 0)
    {
      g_autofree guint    *previous = g_new (guint, n);
      g_autofree gboolean *recent = g_new0 (gboolean, n);
      guint                next = guard;

      shuffle_cycle (journal_id, cycle - 1, previous, n);
      for (guint i = n - guard; i < n; i++)
        recent[previous[i]] = TRUE;

      for (guint i = 0; i < guard; i++)
        {
          guint tmp;

          if (!recent[order[i]])
            continue;
          while (recent[order[next]])
            next++;
          g_assert (next < n - guard);
          tmp = order[i];
          order[i] = order[next];
          order[next++] = tmp;
        }
    }

  return g_ptr_array_index (pool, order[position]);
}

/* --------------------------------------------------------------------------
 * Pillars and depths
 */

/**
 * hearth_prompt_pillar_to_string:
 * @pillar: a pillar
 *
 * Returns: the pillar's id as written in the library, such as
 *   `shared-experiences`
 */
const char *
hearth_prompt_pillar_to_string (HearthPromptPillar pillar)
{
  g_return_val_if_fail (pillar < HEARTH_PROMPT_N_PILLARS, NULL);

  return pillar_names[pillar];
}

/**
 * hearth_prompt_pillar_from_string:
 * @str: a pillar id
 * @pillar: (out) (optional): the pillar
 *
 * Returns: whether @str names a pillar
 */
gboolean
hearth_prompt_pillar_from_string (const char         *str,
                                  HearthPromptPillar *pillar)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < HEARTH_PROMPT_N_PILLARS; i++)
    if (g_str_equal (str, pillar_names[i]))
      {
        if (pillar)
          *pillar = (HearthPromptPillar) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * hearth_prompt_pillar_get_title:
 * @pillar: a pillar
 *
 * Returns: the pillar's translated name
 */
const char *
hearth_prompt_pillar_get_title (HearthPromptPillar pillar)
{
  switch (pillar)
    {
    case HEARTH_PROMPT_PILLAR_VULNERABILITY:
      return C_ ("prompt pillar", "Vulnerability");
    case HEARTH_PROMPT_PILLAR_TRUST:
      return C_ ("prompt pillar", "Trust");
    case HEARTH_PROMPT_PILLAR_COMMUNICATION:
      return C_ ("prompt pillar", "Communication");
    case HEARTH_PROMPT_PILLAR_SHARED_EXPERIENCES:
      return C_ ("prompt pillar", "Shared experiences");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * hearth_prompt_depth_get_title:
 * @depth: a depth
 *
 * Returns: the depth's translated name
 */
const char *
hearth_prompt_depth_get_title (HearthPromptDepth depth)
{
  switch (depth)
    {
    case HEARTH_PROMPT_DEPTH_LIGHT:
      return C_ ("prompt depth", "Light");
    case HEARTH_PROMPT_DEPTH_MEDIUM:
      return C_ ("prompt depth", "Medium");
    case HEARTH_PROMPT_DEPTH_DEEP:
      return C_ ("prompt depth", "Deep");
    default:
      g_return_val_if_reached (NULL);
    }
}
