/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hearth-prompts.h"
#include "hearth-text.h"
#include "hearth-test-clock.h"

#define PINNED_2026_11_22 "rituals-015"

static const char *const deck_ids[] = {
  "inner-world", "open-questions", "needs", "appreciation", "rituals", "dreams"
};

static const char *const journals[] = {
  "3f1c9a52-7d0e-4b8a-9c61-2e5d8f0a4b17",
  "a8e2d4c0-1b3f-4e59-8a7d-6c0b9e2f1d35",
  "0d5b7e91-c2a4-4f38-b6e0-9a1c3d5e7f02",
};

static void
test_counts (void)
{
  guint                   n_prompts, n_decks, total = 0;
  const HearthPrompt     *prompts = hearth_prompts_get_all (&n_prompts);
  const HearthPromptDeck *decks = hearth_prompts_get_decks (&n_decks);

  g_assert_nonnull (prompts);
  g_assert_cmpuint (n_prompts, >=, 150);
  g_assert_cmpuint (n_decks, ==, G_N_ELEMENTS (deck_ids));

  for (guint d = 0; d < n_decks; d++)
    {
      guint in_deck = 0;

      g_assert_cmpstr (decks[d].id, ==, deck_ids[d]);
      g_assert_true (decks[d].title != NULL && decks[d].title[0] != '\0');
      g_assert_true (decks[d].description != NULL && decks[d].description[0] != '\0');
      g_assert_true (hearth_prompts_lookup_deck (decks[d].id) == &decks[d]);
      for (guint i = 0; i < n_prompts; i++)
        in_deck += g_str_equal (prompts[i].deck, decks[d].id);
      g_assert_cmpuint (decks[d].n_prompts, ==, in_deck);
      g_assert_cmpuint (in_deck, >=, 20);
      total += in_deck;
    }
  g_assert_cmpuint (total, ==, n_prompts);
  g_assert_cmpstr (hearth_prompts_lookup_deck ("inner-world")->title, ==,
                   "Know each other’s inner world");
  g_assert_null (hearth_prompts_lookup_deck ("small-talk"));
}

/* Ids are stored in entries. Within a deck they run 001, 002, … in file
 * order with no gaps: renumbering or dropping one fails here. */
static void
test_ids (void)
{
  g_autoptr(GRegex) pattern = g_regex_new ("^[a-z]+(-[a-z]+)*-[0-9]{3}$", 0, 0, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint               n_prompts;
  const HearthPrompt *prompts = hearth_prompts_get_all (&n_prompts);
  const char         *deck = NULL;
  guint               number = 0;

  for (guint i = 0; i < n_prompts; i++)
    {
      g_autofree char *expected = NULL;

      g_assert_true (g_regex_match (pattern, prompts[i].id, 0, NULL));
      g_assert_true (g_hash_table_add (seen, (gpointer) prompts[i].id));
      if (g_strcmp0 (deck, prompts[i].deck) != 0)
        {
          deck = prompts[i].deck;
          number = 0;
        }
      expected = g_strdup_printf ("%s-%03u", deck, ++number);
      g_assert_cmpstr (prompts[i].id, ==, expected);
    }

  /* A few that must keep meaning the same question. */
  g_assert_cmpstr (hearth_prompts_lookup ("inner-world-011")->text, ==,
                   "What small worry did you carry around today, even if it seems silly now?");
  g_assert_cmpstr (hearth_prompts_lookup ("appreciation-001")->text, ==,
                   "What made you feel close to me this week?");
  g_assert_cmpstr (hearth_prompts_lookup ("dreams-020")->text, ==,
                   "What dream haven’t you said out loud yet, not even to me?");
}

static void
test_fields (void)
{
  guint               n_prompts;
  const HearthPrompt *prompts = hearth_prompts_get_all (&n_prompts);
  guint               per_pillar[HEARTH_PROMPT_N_PILLARS] = { 0 };

  for (guint i = 0; i < n_prompts; i++)
    {
      const char *text = prompts[i].text;
      gsize       len = strlen (text);

      g_test_message ("%s: %s", prompts[i].id, text);
      g_assert_cmpuint (prompts[i].pillar, <, HEARTH_PROMPT_N_PILLARS);
      per_pillar[prompts[i].pillar]++;
      g_assert_cmpint (prompts[i].depth, >=, HEARTH_PROMPT_DEPTH_LIGHT);
      g_assert_cmpint (prompts[i].depth, <=, HEARTH_PROMPT_DEPTH_DEEP);
      g_assert_nonnull (hearth_prompts_lookup_deck (prompts[i].deck));

      /* One sentence, a question, written as translators will see it. */
      g_assert_cmpuint (len, >=, 20);
      g_assert_cmpuint (len, <=, 160);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_cmpint (text[len - 1], ==, '?');
      g_assert_true (g_ascii_isupper (text[0]));
      g_assert_null (strstr (text, "  "));
      g_assert_null (strpbrk (text, "\n\t&<>\"'"));
    }
  for (guint p = 0; p < HEARTH_PROMPT_N_PILLARS; p++)
    g_assert_cmpuint (per_pillar[p], >=, 20);
}

/* Every deck lets a couple start small and still has somewhere to go. */
static void
test_depth_spread (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (deck_ids); d++)
    {
      g_autoptr(GPtrArray) light = hearth_prompts_filter (deck_ids[d], HEARTH_PROMPT_DEPTH_LIGHT);
      g_autoptr(GPtrArray) medium = hearth_prompts_filter (deck_ids[d], HEARTH_PROMPT_DEPTH_MEDIUM);
      g_autoptr(GPtrArray) all = hearth_prompts_filter (deck_ids[d], HEARTH_PROMPT_DEPTH_DEEP);
      guint n_light = light->len;
      guint n_medium = medium->len - light->len;
      guint n_deep = all->len - medium->len;

      g_test_message ("%s: %u light, %u medium, %u deep", deck_ids[d], n_light, n_medium, n_deep);
      g_assert_cmpuint (n_light, >=, 6);
      g_assert_cmpuint (n_medium, >=, 6);
      g_assert_cmpuint (n_deep, >=, 5);
      g_assert_cmpuint (n_light, >=, n_deep);
      g_assert_cmpuint (all->len, ==, hearth_prompts_lookup_deck (deck_ids[d])->n_prompts);
      for (guint i = 0; i < light->len; i++)
        {
          const HearthPrompt *prompt = g_ptr_array_index (light, i);

          g_assert_cmpint (prompt->depth, ==, HEARTH_PROMPT_DEPTH_LIGHT);
          g_assert_cmpstr (prompt->deck, ==, deck_ids[d]);
        }
    }

  {
    guint n_prompts;
    g_autoptr(GPtrArray) everything = hearth_prompts_filter (NULL, HEARTH_PROMPT_DEPTH_DEEP);

    hearth_prompts_get_all (&n_prompts);
    g_assert_cmpuint (everything->len, ==, n_prompts);
  }
}

static void
test_lookup (void)
{
  guint               n_prompts;
  const HearthPrompt *prompts = hearth_prompts_get_all (&n_prompts);
  const HearthPrompt *prompt;

  for (guint i = 0; i < n_prompts; i++)
    {
      g_autofree char *copy = g_strdup (prompts[i].id);

      g_assert_true (hearth_prompts_lookup (copy) == &prompts[i]);
    }
  prompt = hearth_prompts_lookup ("inner-world-007");
  g_assert_nonnull (prompt);
  g_assert_cmpstr (prompt->deck, ==, "inner-world");
  g_assert_cmpint (prompt->depth, ==, HEARTH_PROMPT_DEPTH_LIGHT);
  g_assert_cmpint (prompt->pillar, ==, HEARTH_PROMPT_PILLAR_VULNERABILITY);
  g_assert_null (hearth_prompts_lookup ("inner-world-999"));
  g_assert_null (hearth_prompts_lookup (""));
}

static void
test_pillars_and_depths (void)
{
  for (guint p = 0; p < HEARTH_PROMPT_N_PILLARS; p++)
    {
      const char        *name = hearth_prompt_pillar_to_string (p);
      HearthPromptPillar back;

      g_assert_nonnull (name);
      g_assert_true (hearth_prompt_pillar_from_string (name, &back));
      g_assert_cmpint (back, ==, p);
      g_assert_nonnull (hearth_prompt_pillar_get_title (p));
    }
  g_assert_cmpstr (hearth_prompt_pillar_to_string (HEARTH_PROMPT_PILLAR_SHARED_EXPERIENCES), ==,
                   "shared-experiences");
  g_assert_false (hearth_prompt_pillar_from_string ("romance", NULL));
  g_assert_cmpstr (hearth_prompt_pillar_get_title (HEARTH_PROMPT_PILLAR_TRUST), ==, "Trust");
  g_assert_cmpstr (hearth_prompt_depth_get_title (HEARTH_PROMPT_DEPTH_LIGHT), ==, "Light");
  g_assert_cmpstr (hearth_prompt_depth_get_title (HEARTH_PROMPT_DEPTH_DEEP), ==, "Deep");
}

static void
test_boxed (void)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const HearthPrompt *prompt = hearth_prompts_lookup ("needs-001");

  g_value_init (&value, HEARTH_TYPE_PROMPT);
  g_value_set_boxed (&value, prompt);
  g_assert_true (g_value_get_boxed (&value) == prompt);
  g_assert_true (g_value_dup_boxed (&value) == prompt);
  g_assert_true (G_TYPE_IS_BOXED (HEARTH_TYPE_PROMPT_DECK));
}

/* Both partners' devices compute the question on their own, from the
 * journal id and the date as each parses it. */
static void
test_daily_deterministic (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);
  GDate               parsed;
  const HearthPrompt *prompt = hearth_prompts_daily (journals[0], date);

  g_date_clear (&parsed, 1);
  g_assert_true (hearth_date_parse ("2026-11-22", &parsed));
  g_assert_nonnull (prompt);
  g_assert_true (hearth_prompts_daily (journals[0], &parsed) == prompt);
  g_assert_true (hearth_prompts_daily (journals[0], date) == prompt);

  /* Pinned: a change here means partners on different versions of Hearth
   * would see different questions. Only adding to the light or medium
   * prompts may change it, deliberately. */
  g_assert_cmpstr (prompt->id, ==, PINNED_2026_11_22);
}

static void
test_daily_differs_by_journal (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 2026);
  guint same = 0;

  for (guint day = 0; day < 365; day++)
    {
      if (hearth_prompts_daily (journals[0], date) == hearth_prompts_daily (journals[1], date))
        same++;
      g_date_add_days (date, 1);
    }
  /* Chance alone gives about 365 / 114 ≈ 3 matches. */
  g_assert_cmpuint (same, <=, 20);
}

static void
test_daily_gentle (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 2026);

  for (guint day = 0; day < 400; day++)
    {
      g_assert_cmpint (hearth_prompts_daily (journals[2], date)->depth, <=,
                       HEARTH_PROMPT_DEPTH_MEDIUM);
      g_date_add_days (date, 1);
    }
}

/* Walk several cycles: each cycle shows every light and medium prompt once,
 * and no prompt comes back within the minimum gap, across cycle edges too. */
static void
test_daily_no_repeats (void)
{
  g_autoptr(GPtrArray) pool = hearth_prompts_filter (NULL, HEARTH_PROMPT_DEPTH_MEDIUM);
  guint cycle = hearth_prompts_daily_cycle_length ();
  guint gap = hearth_prompts_daily_min_gap ();

  g_assert_cmpuint (cycle, ==, pool->len);
  g_assert_cmpuint (gap, >=, 30);

  for (guint j = 0; j < G_N_ELEMENTS (journals); j++)
    {
      g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 2025);
      g_autoptr(GHashTable) last_seen = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) this_cycle = g_hash_table_new (NULL, NULL);
      guint shortest = G_MAXUINT;

      /* Start on the first day of a cycle. */
      g_date_add_days (date, cycle - g_date_get_julian (date) % cycle);
      for (guint day = 0; day < 5 * cycle; day++)
        {
          const HearthPrompt *prompt = hearth_prompts_daily (journals[j], date);
          gpointer            before;

          if (g_hash_table_lookup_extended (last_seen, prompt, NULL, &before))
            shortest = MIN (shortest, day - GPOINTER_TO_UINT (before));
          g_hash_table_insert (last_seen, (gpointer) prompt, GUINT_TO_POINTER (day));

          g_assert_true (g_hash_table_add (this_cycle, (gpointer) prompt));
          if ((day + 1) % cycle == 0)
            {
              g_assert_cmpuint (g_hash_table_size (this_cycle), ==, cycle);
              g_hash_table_remove_all (this_cycle);
            }
          g_date_add_days (date, 1);
        }
      g_test_message ("%s: shortest return after %u days", journals[j], shortest);
      g_assert_cmpuint (shortest, >=, gap);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();
  g_test_add_func ("/prompts/counts", test_counts);
  g_test_add_func ("/prompts/ids", test_ids);
  g_test_add_func ("/prompts/fields", test_fields);
  g_test_add_func ("/prompts/depth-spread", test_depth_spread);
  g_test_add_func ("/prompts/lookup", test_lookup);
  g_test_add_func ("/prompts/pillars-and-depths", test_pillars_and_depths);
  g_test_add_func ("/prompts/boxed", test_boxed);
  g_test_add_func ("/prompts/daily/deterministic", test_daily_deterministic);
  g_test_add_func ("/prompts/daily/differs-by-journal", test_daily_differs_by_journal);
  g_test_add_func ("/prompts/daily/gentle", test_daily_gentle);
  g_test_add_func ("/prompts/daily/no-repeats", test_daily_no_repeats);
  return g_test_run ();
}
