/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-prompt-browser.h"
#include "hearth-prompts.h"

/* The prompt library to browse: pick a deck and how deep to go, read the
 * prompts, and "Use this prompt" to start an entry about one. The library
 * is small (a few hundred prompts at most), so a boxed list is fine here. */
struct _HearthPromptBrowser
{
  AdwWindow parent_instance;

  AdwComboRow *deck_row;
  AdwComboRow *depth_row;
  GtkLabel    *description_label;
  GtkListBox  *prompt_list;
};

G_DEFINE_FINAL_TYPE (HearthPromptBrowser, hearth_prompt_browser, ADW_TYPE_WINDOW)

enum
{
  PROMPT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const HearthPromptDeck *
selected_deck (HearthPromptBrowser *self)
{
  guint                   selected = adw_combo_row_get_selected (self->deck_row);
  const HearthPromptDeck *decks;
  guint                   n_decks = 0;

  decks = hearth_prompts_get_decks (&n_decks);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > n_decks)
    return NULL;
  return &decks[selected - 1];
}

/* The closure's data is the prompt's id, from the prompt library. */
static void
on_use_clicked (GtkButton  *button,
                const char *id)
{
  GtkWidget *self = gtk_widget_get_ancestor (GTK_WIDGET (button), HEARTH_TYPE_PROMPT_BROWSER);

  if (self == NULL)
    return;
  g_signal_emit (self, signals[PROMPT_CHOSEN], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
refresh (HearthPromptBrowser *self)
{
  const HearthPromptDeck *deck = selected_deck (self);
  guint                   depth = adw_combo_row_get_selected (self->depth_row);
  g_autoptr(GPtrArray) prompts = hearth_prompts_filter (deck ? deck->id : NULL, HEARTH_PROMPT_DEPTH_DEEP);
  GtkWidget *child;

  gtk_label_set_text (self->description_label, deck ? deck->description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), deck != NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->prompt_list))))
    gtk_list_box_remove (self->prompt_list, child);

  for (guint i = 0; i < prompts->len; i++)
    {
      const HearthPrompt     *prompt = g_ptr_array_index (prompts, i);
      const HearthPromptDeck *prompt_deck;
      GtkWidget              *row, *button;
      g_autofree char        *escaped = NULL;
      g_autofree char        *subtitle = NULL;

      if (depth > 0 && depth != GTK_INVALID_LIST_POSITION && (guint) prompt->depth != depth)
        continue;
      prompt_deck = hearth_prompts_lookup_deck (prompt->deck);
      escaped = g_markup_escape_text (prompt->text, -1);
      /* Translators: under a prompt: its deck and depth, "Dreams and growth · Deep" */
      subtitle = g_markup_printf_escaped (_ ("%s · %s"), prompt_deck ? prompt_deck->title : prompt->deck,
                                          hearth_prompt_depth_get_title (prompt->depth));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      button = gtk_button_new_with_label (_ ("Use this prompt"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "hearth-small-pill");
      g_signal_connect (button, "clicked", G_CALLBACK (on_use_clicked), (gpointer) prompt->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->prompt_list, row);
    }
}

static void
hearth_prompt_browser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HEARTH_TYPE_PROMPT_BROWSER);
  G_OBJECT_CLASS (hearth_prompt_browser_parent_class)->dispose (object);
}

static void
hearth_prompt_browser_class_init (HearthPromptBrowserClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_prompt_browser_dispose;

  /**
   * HearthPromptBrowser::prompt-chosen:
   * @prompt_id: the id of the prompt to write about
   */
  signals[PROMPT_CHOSEN] =
    g_signal_new ("prompt-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-prompt-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthPromptBrowser, deck_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPromptBrowser, depth_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPromptBrowser, description_label);
  gtk_widget_class_bind_template_child (widget_class, HearthPromptBrowser, prompt_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hearth_prompt_browser_init (HearthPromptBrowser *self)
{
  g_autoptr(GtkStringList) decks = gtk_string_list_new (NULL);
  const HearthPromptDeck *all;
  guint                   n_decks = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  all = hearth_prompts_get_decks (&n_decks);
  gtk_string_list_append (decks, _ ("All decks"));
  for (guint i = 0; i < n_decks; i++)
    gtk_string_list_append (decks, all[i].title);
  adw_combo_row_set_model (self->deck_row, G_LIST_MODEL (decks));

  g_signal_connect_swapped (self->deck_row, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->depth_row, "notify::selected", G_CALLBACK (refresh), self);
  refresh (self);
}

/**
 * hearth_prompt_browser_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer none): a new browser; connect to
 *   #HearthPromptBrowser::prompt-chosen and present it
 */
HearthPromptBrowser *
hearth_prompt_browser_new (GtkWindow *parent)
{
  return g_object_new (HEARTH_TYPE_PROMPT_BROWSER,
                       "transient-for", parent,
                       NULL);
}
