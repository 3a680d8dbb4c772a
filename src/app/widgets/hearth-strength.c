/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <sodium.h>

#include "hearth-strength.h"

/* Parts of passphrases that guessers try first. A passphrase that contains
 * one gets no credit for those characters. */
static const char *const common_words[] = {
  "password", "passwort", "passphrase", "qwerty", "azerty", "123456", "12345",
  "1234", "abc123", "letmein", "welcome", "iloveyou", "love", "monkey",
  "dragon", "sunshine", "princess", "football", "baseball", "admin", "secret",
  "hearth", "journal", "together", "forever", "darling", "honey", "baby",
  "000000", "111111", "abcdef", "asdf", "zxcv", "trustno1", "master"
};

/**
 * hearth_passphrase_strength:
 * @passphrase: (nullable): what was typed
 *
 * A rough, deliberately simple estimate for a hint: the characters that
 * are not part of a common word or a run of one repeated character, times
 * the bits each is worth given the kinds of characters used. It never
 * blocks anything; it only helps someone choose.
 *
 * Returns: how strong @passphrase looks
 */
HearthStrength
hearth_passphrase_strength (const char *passphrase)
{
  g_autofree char *folded = NULL;
  gboolean         lower = FALSE, upper = FALSE, digit = FALSE, symbol = FALSE, other = FALSE;
  glong            length;
  glong            credited;
  double           pool = 0;
  double           bits;
  gunichar         previous = 0;

  if (passphrase == NULL || *passphrase == '\0')
    return HEARTH_STRENGTH_NONE;

  length = g_utf8_strlen (passphrase, -1);
  credited = length;
  for (const char *p = passphrase; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && g_ascii_islower (c))
        lower = TRUE;
      else if (c < 0x80 && g_ascii_isupper (c))
        upper = TRUE;
      else if (c < 0x80 && g_ascii_isdigit (c))
        digit = TRUE;
      else if (c < 0x80)
        symbol = TRUE;
      else
        other = TRUE;
      /* "aaaa" is hardly better than "a". */
      if (c == previous)
        credited--;
      previous = c;
    }

  folded = g_utf8_casefold (passphrase, -1);
  for (guint i = 0; i < G_N_ELEMENTS (common_words); i++)
    {
      const char *found = folded;
      glong       word_length = (glong) strlen (common_words[i]);

      while ((found = strstr (found, common_words[i])) != NULL)
        {
          /* Keep one character's worth: the guess still has to pick the word. */
          credited -= word_length - 1;
          found += word_length;
        }
    }
  /* The folded copy is the passphrase too. */
  sodium_memzero (folded, strlen (folded));
  credited = MAX (credited, 1);

  pool += lower ? 26 : 0;
  pool += upper ? 26 : 0;
  pool += digit ? 10 : 0;
  pool += symbol ? 33 : 0;
  pool += other ? 100 : 0;
  bits = (double) credited * log2 (MAX (pool, 2));

  if (length < 8 || bits < 40)
    return HEARTH_STRENGTH_WEAK;
  if (bits < 64)
    return HEARTH_STRENGTH_FAIR;
  return HEARTH_STRENGTH_STRONG;
}

/**
 * hearth_strength_to_string:
 * Returns: the hint shown beside the strength bar
 */
const char *
hearth_strength_to_string (HearthStrength strength)
{
  switch (strength)
    {
    case HEARTH_STRENGTH_WEAK:
      return _ ("Weak: easy to guess. Longer is better: try a few unrelated words.");
    case HEARTH_STRENGTH_FAIR:
      return _ ("Fair: a little longer would make it strong.");
    case HEARTH_STRENGTH_STRONG:
      return _ ("Strong");
    case HEARTH_STRENGTH_NONE:
    default:
      return "";
    }
}
