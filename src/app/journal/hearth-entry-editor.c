/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hearth-draft.h"
#include "hearth-entry.h"
#include "hearth-entry-editor.h"
#include "hearth-partner-dot.h"
#include "hearth-text.h"
#include "hearth-ui-util.h"

/* Writing and reading one entry: title, mood, tags, body, the prompt it
 * answers, and its thread of replies with a composer under it. Every change
 * goes through a HearthDraft, which saves a moment after the last keystroke
 * and at once whenever the editor lets go of the entry (another entry, focus
 * leaving, the journal about to lock), even after the editor is gone. A new entry exists only
 * once something has been typed into it. */
struct _HearthEntryEditor
{
  GtkWidget parent_instance;

  HearthJournal    *journal;
  HearthReplyIndex *replies;
  HearthDraft      *draft;
  HearthDraft      *reply_draft;
  GPtrArray        *tags;
  char             *prompt_id;
  gboolean          loading;
  gboolean          own;

  GtkWidget        *back_button;
  GtkWidget        *prompt_button;
  GtkWidget        *template_button;
  GtkLabel         *status_label;
  GtkWidget        *reply_button;
  GtkWidget        *delete_button;
  GtkWidget        *scroller;
  GtkWidget        *byline_box;
  HearthPartnerDot *byline_dot;
  GtkLabel         *byline_label;
  GtkWidget        *prompt_box;
  GtkLabel         *prompt_label;
  GtkEntry         *title_entry;
  GtkDropDown      *mood_dropdown;
  GtkFlowBox       *tags_flow;
  GtkEntry         *tag_entry;
  GtkTextView      *body_view;
  GtkWidget        *placeholder_label;
  GtkRevealer      *hint_revealer;
  GtkWidget        *thread_box;
  GtkWidget        *replies_list;
  GtkWidget        *inline_reply_button;
  GtkRevealer      *composer_revealer;
  GtkTextView      *reply_view;
  GtkLabel         *reply_status_label;
};

G_DEFINE_FINAL_TYPE (HearthEntryEditor, hearth_entry_editor, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ENTRY_ID,
  PROP_OWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * hearth_text_blames:
 * Whether @text contains a phrase that tends to sound like blame ("you
 * never", "you always", "you should"), in any case and with or without
 * accents. Only ever a hint: it never stops anything from being saved.
 */
gboolean
hearth_text_blames (const char *text)
{
  /* Translators: phrases that tend to sound like blame, separated by "|".
     The journal gently suggests an "I" statement when the text has one.
     Use the phrases people use in your language; any number is fine. */
  g_auto(GStrv) phrases = g_strsplit (_ ("you never|you always|you should"), "|", -1);
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  folded = hearth_text_fold (text);
  for (guint i = 0; phrases[i]; i++)
    {
      g_autofree char *phrase = hearth_text_fold (g_strstrip (phrases[i]));

      if (*phrase && hearth_text_fold_contains (folded, phrase))
        return TRUE;
    }
  return FALSE;
}

static char *
dup_body_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  /* Loading a text is not something to undo. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
}

static void
set_own (HearthEntryEditor *self,
         gboolean           own)
{
  if (self->own == own)
    return;
  self->own = own;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWN]);
}

/* What a new entry starts with, before the first keystroke makes it real. */
static void
set_new_entry_base (HearthEntryEditor *self)
{
  hearth_draft_set_base (self->draft, HEARTH_DRAFT_AUTHOR, hearth_journal_get_me (self->journal));
  hearth_draft_set_base (self->draft, HEARTH_DRAFT_BODY, "");
  hearth_draft_set_base (self->draft, HEARTH_DRAFT_PROMPT, self->prompt_id);
}

/* ------------------------------------------------------------------------ */
/* Tags                                                                      */

static void rebuild_tag_pills (HearthEntryEditor *self);

static void
save_tags (HearthEntryEditor *self)
{
  if (self->tags->len == 0)
    {
      hearth_draft_set_tags (self->draft, NULL);
      return;
    }
  g_ptr_array_add (self->tags, NULL);
  hearth_draft_set_tags (self->draft, (const char *const *) self->tags->pdata);
  g_ptr_array_remove_index (self->tags, self->tags->len - 1);
}

static void
on_tag_remove_clicked (GtkButton         *button,
                       HearthEntryEditor *self)
{
  /* The pills stand in the order of self->tags, the entry after them. */
  int i = gtk_flow_box_child_get_index (GTK_FLOW_BOX_CHILD (gtk_widget_get_parent (GTK_WIDGET (button))));

  if (i < 0 || (guint) i >= self->tags->len)
    return;
  g_ptr_array_remove_index (self->tags, i);
  rebuild_tag_pills (self);
  save_tags (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
}

static void
rebuild_tag_pills (HearthEntryEditor *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_flow));

  /* Every child but the entry, which stays last. */
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)) != GTK_WIDGET (self->tag_entry))
        gtk_flow_box_remove (self->tags_flow, child);
      child = next;
    }
  for (guint i = 0; i < self->tags->len; i++)
    {
      const char      *tag = g_ptr_array_index (self->tags, i);
      GtkWidget       *button = gtk_button_new ();
      GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget       *label = gtk_label_new (tag);
      GtkWidget       *icon = gtk_image_new_from_icon_name ("window-close-symbolic");
      g_autofree char *a11y = g_strdup_printf (_ ("Remove tag “%s”"), tag);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
      gtk_image_set_pixel_size (GTK_IMAGE (icon), 10);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "hearth-tag");
      gtk_widget_add_css_class (button, "hearth-tag-button");
      gtk_widget_set_tooltip_text (button, a11y);
      gtk_widget_set_sensitive (button, self->own);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (on_tag_remove_clicked), self);
      gtk_flow_box_insert (self->tags_flow, button, i);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
}

static gboolean
add_tag (HearthEntryEditor *self,
         const char        *text)
{
  g_autofree char *tag = g_strstrip (g_strdup (text));
  g_autofree char *folded = NULL;

  if (*tag == '\0')
    return FALSE;
  folded = hearth_text_fold (tag);
  for (guint i = 0; i < self->tags->len; i++)
    {
      g_autofree char *other = hearth_text_fold (g_ptr_array_index (self->tags, i));
      if (g_str_equal (other, folded))
        return FALSE;
    }
  g_ptr_array_add (self->tags, g_steal_pointer (&tag));
  return TRUE;
}

static void
commit_tag_entry (HearthEntryEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tag_entry));
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  gboolean any = FALSE;

  for (guint i = 0; parts[i]; i++)
    any |= add_tag (self, parts[i]);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  self->loading = FALSE;
  if (any)
    {
      rebuild_tag_pills (self);
      save_tags (self);
    }
}

static void
on_tag_entry_activate (HearthEntryEditor *self)
{
  commit_tag_entry (self);
}

static void
on_tag_entry_changed (HearthEntryEditor *self)
{
  if (self->loading)
    return;
  if (strchr (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)), ',') != NULL)
    commit_tag_entry (self);
}

/* ------------------------------------------------------------------------ */
/* The thread                                                                */

static GtkWidget *
new_reply_card (HearthEntryEditor *self,
                HearthRecord      *reply)
{
  const char      *author = hearth_entry_get_author (HEARTH_ENTRY (reply));
  g_autofree char *day = hearth_format_day (hearth_record_get_created (reply));
  GtkWidget       *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget       *stripe = hearth_partner_dot_new ();
  GtkWidget       *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget       *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget       *name = gtk_label_new (hearth_partner_name (self->journal, author));
  GtkWidget       *date = gtk_label_new (day);
  GtkWidget       *body = gtk_label_new (hearth_entry_get_body (HEARTH_ENTRY (reply)));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "hearth-reply");
  hearth_partner_dot_set_color (HEARTH_PARTNER_DOT (stripe), hearth_partner_color (self->journal, author));
  gtk_widget_set_size_request (stripe, 4, -1);
  gtk_widget_set_valign (stripe, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (name, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (date, "caption");
  gtk_widget_add_css_class (date, "dim-label");
  gtk_widget_set_hexpand (date, TRUE);
  gtk_label_set_xalign (GTK_LABEL (date), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (header), date);
  gtk_box_append (GTK_BOX (column), header);
  gtk_box_append (GTK_BOX (column), body);
  gtk_widget_set_hexpand (column, TRUE);
  gtk_box_append (GTK_BOX (card), stripe);
  gtk_box_append (GTK_BOX (card), column);
  return card;
}

static void
rebuild_thread (HearthEntryEditor *self)
{
  const char *id = hearth_draft_get_id (self->draft);
  const char *composing = gtk_revealer_get_reveal_child (self->composer_revealer)
                            ? hearth_draft_get_id (self->reply_draft)
                            : NULL;
  GPtrArray  *thread = hearth_reply_index_get_replies (self->replies, id);
  GtkWidget  *child;
  guint       shown = 0;

  while ((child = gtk_widget_get_first_child (self->replies_list)))
    gtk_box_remove (GTK_BOX (self->replies_list), child);
  for (guint i = 0; thread && i < thread->len; i++)
    {
      HearthRecord *reply = g_ptr_array_index (thread, i);

      /* The reply being written shows in the composer, not twice. */
      if (g_strcmp0 (hearth_record_get_id (reply), composing) == 0)
        continue;
      gtk_box_append (GTK_BOX (self->replies_list), new_reply_card (self, reply));
      shown++;
    }
  gtk_widget_set_visible (self->thread_box, shown > 0);
}

static void
update_reply_controls (HearthEntryEditor *self)
{
  gboolean saved = hearth_draft_get_id (self->draft) != NULL;
  gboolean composing = gtk_revealer_get_reveal_child (self->composer_revealer);

  gtk_widget_set_visible (self->inline_reply_button, saved && !composing);
}

/* ------------------------------------------------------------------------ */
/* Changes                                                                   */

static void
update_placeholder (HearthEntryEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);

  gtk_widget_set_visible (self->placeholder_label,
                          self->own && gtk_text_buffer_get_char_count (buffer) == 0);
}

static void
on_body_changed (HearthEntryEditor *self)
{
  g_autofree char *text = dup_body_text (self->body_view);

  update_placeholder (self);
  gtk_revealer_set_reveal_child (self->hint_revealer, self->own && hearth_text_blames (text));
  if (self->loading)
    return;
  hearth_draft_set_text (self->draft, HEARTH_DRAFT_BODY, text);
}

static void
on_title_changed (HearthEntryEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));

  if (self->loading)
    return;
  hearth_draft_set_text (self->draft, HEARTH_DRAFT_TITLE, *text ? text : NULL);
}

static void
on_mood_selected (HearthEntryEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->mood_dropdown);

  if (self->loading)
    return;
  hearth_draft_set_text (self->draft, HEARTH_DRAFT_MOOD,
                         selected == 0 || selected == GTK_INVALID_LIST_POSITION
                           ? NULL
                           : hearth_mood_get_id (selected - 1));
}

static void
on_reply_changed (HearthEntryEditor *self)
{
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  text = dup_body_text (self->reply_view);
  hearth_draft_set_base (self->reply_draft, HEARTH_DRAFT_REPLY_TO, hearth_draft_get_id (self->draft));
  hearth_draft_set_text (self->reply_draft, HEARTH_DRAFT_BODY, text);
}

static void
on_draft_failed (HearthEntryEditor *self,
                 GError            *error)
{
  hearth_show_toast (GTK_WIDGET (self), error->message);
}

static void
on_draft_id_changed (HearthEntryEditor *self)
{
  update_reply_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY_ID]);
}

static void
close_composer (HearthEntryEditor *self)
{
  hearth_draft_flush (self->reply_draft);
  hearth_draft_start (self->reply_draft, NULL);
  hearth_draft_set_base (self->reply_draft, HEARTH_DRAFT_AUTHOR, hearth_journal_get_me (self->journal));
  self->loading = TRUE;
  set_buffer_text (self->reply_view, "");
  self->loading = FALSE;
  gtk_revealer_set_reveal_child (self->composer_revealer, FALSE);
  rebuild_thread (self);
  update_reply_controls (self);
}

static void
on_reply_done (HearthEntryEditor *self)
{
  close_composer (self);
  gtk_widget_grab_focus (self->inline_reply_button);
}

static void
on_focus_leave (HearthEntryEditor *self)
{
  /* The person moved on; not a window being torn down, which leaves the
   * pending save to the draft. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    hearth_entry_editor_flush (self);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
hearth_entry_editor_dispose (GObject *object)
{
  HearthEntryEditor *self = HEARTH_ENTRY_EDITOR (object);

  /* What is typed but not saved yet is saved by the drafts themselves. */
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  if (self->reply_draft != NULL)
    g_signal_handlers_disconnect_by_data (self->reply_draft, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_ENTRY_EDITOR);
  /* The template's unnamed top box is not released by the above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  g_clear_object (&self->draft);
  g_clear_object (&self->reply_draft);
  g_clear_object (&self->replies);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_entry_editor_parent_class)->dispose (object);
}

static void
hearth_entry_editor_finalize (GObject *object)
{
  HearthEntryEditor *self = HEARTH_ENTRY_EDITOR (object);

  g_ptr_array_unref (self->tags);
  g_free (self->prompt_id);

  G_OBJECT_CLASS (hearth_entry_editor_parent_class)->finalize (object);
}

static void
hearth_entry_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HearthEntryEditor *self = HEARTH_ENTRY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ENTRY_ID:
      g_value_set_string (value, hearth_entry_editor_get_entry_id (self));
      break;
    case PROP_OWN:
      g_value_set_boolean (value, self->own);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_entry_editor_class_init (HearthEntryEditorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_entry_editor_dispose;
  object_class->finalize = hearth_entry_editor_finalize;
  object_class->get_property = hearth_entry_editor_get_property;

  /**
   * HearthEntryEditor:entry-id:
   * The id of the entry shown, %NULL for a new entry nothing was typed in.
   */
  properties[PROP_ENTRY_ID] =
    g_param_spec_string ("entry-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * HearthEntryEditor:own:
   * Whether the entry is mine to change (the partner's are read-only).
   */
  properties[PROP_OWN] =
    g_param_spec_boolean ("own", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HEARTH_TYPE_PARTNER_DOT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-entry-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, prompt_button);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, template_button);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, reply_button);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, byline_box);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, byline_dot);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, byline_label);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, prompt_box);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, mood_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, tags_flow);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, thread_box);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, replies_list);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, inline_reply_button);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, composer_revealer);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, reply_view);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryEditor, reply_status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_reply_done);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hearth_entry_editor_init (HearthEntryEditor *self)
{
  g_autoptr(GtkStringList) moods = gtk_string_list_new (NULL);
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->own = TRUE;

  gtk_string_list_append (moods, C_ ("mood", "No mood"));
  for (guint i = 0; i < HEARTH_N_MOODS; i++)
    {
      g_autofree char *label = hearth_mood_dup_label (hearth_mood_get_id (i));
      gtk_string_list_append (moods, label);
    }
  gtk_drop_down_set_model (self->mood_dropdown, G_LIST_MODEL (moods));

  g_signal_connect_swapped (self->title_entry, "changed", G_CALLBACK (on_title_changed), self);
  g_signal_connect_swapped (self->mood_dropdown, "notify::selected", G_CALLBACK (on_mood_selected), self);
  g_signal_connect_swapped (self->tag_entry, "activate", G_CALLBACK (on_tag_entry_activate), self);
  g_signal_connect_swapped (self->tag_entry, "changed", G_CALLBACK (on_tag_entry_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (on_body_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->reply_view), "changed",
                            G_CALLBACK (on_reply_changed), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

/**
 * hearth_entry_editor_new:
 * @replies: the index of threads, shared with the journal list
 *
 * Returns: (transfer floating): an editor showing a new, empty entry
 */
GtkWidget *
hearth_entry_editor_new (HearthJournal    *journal,
                         HearthReplyIndex *replies)
{
  HearthEntryEditor *self;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (HEARTH_IS_REPLY_INDEX (replies), NULL);

  self = g_object_new (HEARTH_TYPE_ENTRY_EDITOR, NULL);
  self->journal = g_object_ref (journal);
  self->replies = g_object_ref (replies);
  self->draft = hearth_draft_new (journal);
  self->reply_draft = hearth_draft_new (journal);

  g_object_bind_property (self->draft, "status", self->status_label, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->reply_draft, "status", self->reply_status_label, "label", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->draft, "failed", G_CALLBACK (on_draft_failed), self);
  g_signal_connect_swapped (self->reply_draft, "failed", G_CALLBACK (on_draft_failed), self);
  g_signal_connect_swapped (self->draft, "notify::id", G_CALLBACK (on_draft_id_changed), self);
  g_signal_connect_object (replies, "changed", G_CALLBACK (rebuild_thread), self, G_CONNECT_SWAPPED);

  hearth_draft_set_base (self->reply_draft, HEARTH_DRAFT_AUTHOR, hearth_journal_get_me (journal));
  hearth_entry_editor_open (self, NULL);
  return GTK_WIDGET (self);
}

static void
show_prompt (HearthEntryEditor *self,
             const char        *prompt_id)
{
  const HearthPrompt *prompt = prompt_id ? hearth_prompts_lookup (prompt_id) : NULL;

  gtk_widget_set_visible (self->prompt_box, prompt != NULL);
  gtk_label_set_text (self->prompt_label, prompt ? prompt->text : "");
}

/**
 * hearth_entry_editor_open:
 * @entry: (nullable): the entry to show, or %NULL to start a new one
 *
 * Saves what is pending for the entry shown before, then shows @entry.
 */
void
hearth_entry_editor_open (HearthEntryEditor *self,
                          HearthRecord      *entry)
{
  const char *author = entry ? hearth_entry_get_author (HEARTH_ENTRY (entry)) : NULL;
  const char *me = hearth_journal_get_me (self->journal);
  g_auto(GStrv) tags = NULL;
  gboolean own = entry == NULL || me == NULL || g_strcmp0 (author, me) == 0;

  g_return_if_fail (HEARTH_IS_ENTRY_EDITOR (self));

  close_composer (self);
  hearth_entry_editor_flush (self);

  self->loading = TRUE;
  g_clear_pointer (&self->prompt_id, g_free);
  hearth_draft_start (self->draft, entry);
  if (entry == NULL)
    set_new_entry_base (self);

  set_own (self, own);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry),
                         entry ? hearth_entry_get_title (HEARTH_ENTRY (entry)) ?: "" : "");
  gtk_editable_set_editable (GTK_EDITABLE (self->title_entry), own);
  gtk_drop_down_set_selected (self->mood_dropdown,
                              entry ? (guint) (hearth_mood_get_index (hearth_entry_get_mood (HEARTH_ENTRY (entry))) + 1) : 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mood_dropdown), own);
  g_ptr_array_set_size (self->tags, 0);
  tags = entry ? hearth_entry_dup_tags (HEARTH_ENTRY (entry)) : NULL;
  for (guint i = 0; tags && tags[i]; i++)
    g_ptr_array_add (self->tags, g_strdup (tags[i]));
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->tag_entry), own);
  rebuild_tag_pills (self);
  gtk_text_view_set_editable (self->body_view, own);
  gtk_text_view_set_cursor_visible (self->body_view, own);
  set_buffer_text (self->body_view, entry ? hearth_entry_get_body (HEARTH_ENTRY (entry)) : "");
  show_prompt (self, entry ? hearth_entry_get_prompt (HEARTH_ENTRY (entry)) : NULL);
  gtk_widget_set_visible (self->template_button, own);
  gtk_widget_set_visible (self->prompt_button, own);
  gtk_widget_set_visible (self->delete_button, own);

  gtk_widget_set_visible (self->byline_box, entry != NULL);
  if (entry != NULL)
    {
      g_autofree char *day = hearth_format_day (hearth_record_get_created (entry));
      g_autofree char *byline = NULL;

      /* Translators: under an entry's toolbar: "Sam · Yesterday" */
      byline = g_strdup_printf (_ ("%s · %s"), hearth_partner_name (self->journal, author), day);
      gtk_label_set_text (self->byline_label, byline);
      hearth_partner_dot_set_color (self->byline_dot, hearth_partner_color (self->journal, author));
    }
  self->loading = FALSE;

  update_placeholder (self);
  rebuild_thread (self);
  update_reply_controls (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY_ID]);
}

/**
 * hearth_entry_editor_start_prompt:
 * Starts a new entry that answers @prompt: the question shows above the
 * body and the entry remembers the prompt's id.
 */
void
hearth_entry_editor_start_prompt (HearthEntryEditor  *self,
                                  const HearthPrompt *prompt)
{
  g_return_if_fail (HEARTH_IS_ENTRY_EDITOR (self));
  g_return_if_fail (prompt != NULL);

  hearth_entry_editor_open (self, NULL);
  self->prompt_id = g_strdup (prompt->id);
  set_new_entry_base (self);
  show_prompt (self, prompt->id);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/**
 * hearth_entry_editor_get_entry_id:
 * Returns: (nullable): the id of the entry shown; %NULL while a new entry
 *   has nothing typed in it
 */
const char *
hearth_entry_editor_get_entry_id (HearthEntryEditor *self)
{
  g_return_val_if_fail (HEARTH_IS_ENTRY_EDITOR (self), NULL);
  return self->draft ? hearth_draft_get_id (self->draft) : NULL;
}

gboolean
hearth_entry_editor_is_own (HearthEntryEditor *self)
{
  g_return_val_if_fail (HEARTH_IS_ENTRY_EDITOR (self), FALSE);
  return self->own;
}

gboolean
hearth_entry_editor_is_dirty (HearthEntryEditor *self)
{
  g_return_val_if_fail (HEARTH_IS_ENTRY_EDITOR (self), FALSE);
  return hearth_draft_is_dirty (self->draft) || hearth_draft_is_dirty (self->reply_draft);
}

/**
 * hearth_entry_editor_flush:
 * Saves the entry and the reply being written now, synchronously. A tag
 * typed but not yet confirmed with Enter is kept too.
 *
 * Returns: %FALSE when something could not be saved (a toast says why)
 */
gboolean
hearth_entry_editor_flush (HearthEntryEditor *self)
{
  gboolean ok;

  g_return_val_if_fail (HEARTH_IS_ENTRY_EDITOR (self), FALSE);

  if (self->draft == NULL)
    return TRUE;
  if (self->own && *gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)) != '\0')
    commit_tag_entry (self);
  ok = hearth_draft_flush (self->draft);
  ok &= hearth_draft_flush (self->reply_draft);
  return ok;
}

/**
 * hearth_entry_editor_show_reply_composer:
 * Opens the composer under the entry's thread and focuses it.
 */
void
hearth_entry_editor_show_reply_composer (HearthEntryEditor *self)
{
  g_return_if_fail (HEARTH_IS_ENTRY_EDITOR (self));

  if (hearth_draft_get_id (self->draft) == NULL)
    return;
  hearth_draft_set_base (self->reply_draft, HEARTH_DRAFT_REPLY_TO, hearth_draft_get_id (self->draft));
  gtk_revealer_set_reveal_child (self->composer_revealer, TRUE);
  update_reply_controls (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->reply_view));
}

/**
 * hearth_entry_editor_insert_template:
 * Inserts the "I" statement template at the cursor, on a line of its own,
 * and selects the first blank to fill in.
 */
void
hearth_entry_editor_insert_template (HearthEntryEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter    iter, start;
  /* Translators: the "I" statement template; keep the ellipses as blanks
     the writer fills in */
  const char *template = _ ("I feel … when … because … What I need is …");
  g_autofree char *text = NULL;
  int              offset;

  g_return_if_fail (HEARTH_IS_ENTRY_EDITOR (self));

  if (!self->own)
    return;
  buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  if (gtk_text_buffer_get_char_count (buffer) > 0 && !gtk_widget_has_focus (GTK_WIDGET (self->body_view)))
    gtk_text_buffer_get_end_iter (buffer, &iter);
  text = g_strconcat (gtk_text_iter_starts_line (&iter) ? "" : "\n", template, NULL);
  offset = gtk_text_iter_get_offset (&iter) + (gtk_text_iter_starts_line (&iter) ? 0 : 1);
  gtk_text_buffer_insert (buffer, &iter, text, -1);

  /* Select the first "…" so typing replaces it. */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  if (gtk_text_iter_forward_search (&start, "…", 0, &start, &iter, NULL))
    gtk_text_buffer_select_range (buffer, &start, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/**
 * hearth_entry_editor_focus:
 * Puts the cursor where writing starts: the title of a new entry, the body
 * of an existing one.
 */
void
hearth_entry_editor_focus (HearthEntryEditor *self)
{
  g_return_if_fail (HEARTH_IS_ENTRY_EDITOR (self));

  if (hearth_draft_get_id (self->draft) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/**
 * hearth_entry_editor_set_folded:
 * Shows the back button when the list is folded away.
 */
void
hearth_entry_editor_set_folded (HearthEntryEditor *self,
                                gboolean           folded)
{
  g_return_if_fail (HEARTH_IS_ENTRY_EDITOR (self));
  gtk_widget_set_visible (self->back_button, folded);
}
