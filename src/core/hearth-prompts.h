/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  HEARTH_PROMPT_PILLAR_VULNERABILITY,
  HEARTH_PROMPT_PILLAR_TRUST,
  HEARTH_PROMPT_PILLAR_COMMUNICATION,
  HEARTH_PROMPT_PILLAR_SHARED_EXPERIENCES,
} HearthPromptPillar;

#define HEARTH_PROMPT_N_PILLARS (HEARTH_PROMPT_PILLAR_SHARED_EXPERIENCES + 1)

typedef enum
{
  HEARTH_PROMPT_DEPTH_LIGHT = 1,
  HEARTH_PROMPT_DEPTH_MEDIUM,
  HEARTH_PROMPT_DEPTH_DEEP,
} HearthPromptDepth;

/**
 * HearthPrompt:
 * @id: stable id such as `inner-world-007`; journal entries store it
 * @deck: id of the deck it belongs to
 * @pillar: the habit of intimacy it exercises
 * @depth: how much it asks of the couple
 * @text: the question, translated for the locale of the first call into
 *   this library
 *
 * One prompt of the built-in library. The library owns every prompt for the
 * life of the process: pointers stay valid and are never freed.
 */
typedef struct
{
  const char        *id;
  const char        *deck;
  HearthPromptPillar pillar;
  HearthPromptDepth  depth;
  const char        *text;
} HearthPrompt;

/**
 * HearthPromptDeck:
 * @id: stable id such as `inner-world`
 * @title: translated title
 * @description: translated one-sentence description
 * @n_prompts: number of prompts in the deck
 *
 * A deck of the library, owned by it like the prompts.
 */
typedef struct
{
  const char *id;
  const char *title;
  const char *description;
  guint       n_prompts;
} HearthPromptDeck;

#define HEARTH_TYPE_PROMPT      (hearth_prompt_get_type ())
#define HEARTH_TYPE_PROMPT_DECK (hearth_prompt_deck_get_type ())

GType hearth_prompt_get_type (void) G_GNUC_CONST;
GType hearth_prompt_deck_get_type (void) G_GNUC_CONST;

const HearthPrompt     *hearth_prompts_get_all (guint *n_prompts);
const HearthPrompt     *hearth_prompts_lookup (const char *id);
const HearthPromptDeck *hearth_prompts_get_decks (guint *n_decks);
const HearthPromptDeck *hearth_prompts_lookup_deck (const char *id);
GPtrArray              *hearth_prompts_filter (const char       *deck,
                                               HearthPromptDepth max_depth);
const HearthPrompt     *hearth_prompts_daily (const char  *journal_id,
                                              const GDate *date);
guint                   hearth_prompts_daily_cycle_length (void);
guint                   hearth_prompts_daily_min_gap (void);

const char *hearth_prompt_pillar_to_string (HearthPromptPillar pillar);
gboolean    hearth_prompt_pillar_from_string (const char         *str,
                                              HearthPromptPillar *pillar);
const char *hearth_prompt_pillar_get_title (HearthPromptPillar pillar);
const char *hearth_prompt_depth_get_title (HearthPromptDepth depth);

G_END_DECLS
