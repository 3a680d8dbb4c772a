/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-checkins-page.h"
#include "hearth-gratitude-row.h"
#include "hearth-partner.h"
#include "hearth-text.h"
#include "hearth-ui-util.h"

/* Check-ins: a way into the guided flow, the couple's questions, and every
 * check-in so far, newest first, one card per date with both partners'
 * ratings and answers. The history is built again from the journal's model
 * whenever a check-in changes, here or on the partner's device; a couple
 * has one a week, so the list stays short. */

struct _HearthCheckinsPage
{
  AdwBin parent_instance;

  HearthJournal     *journal;
  HearthCheckinFlow *flow; /* in the stack while a check-in is open */
  guint              refresh_id;

  GtkStack  *stack;
  GtkLabel  *start_summary;
  GtkWidget *start_button;
  GtkWidget *history_box;
};

G_DEFINE_FINAL_TYPE (HearthCheckinsPage, hearth_checkins_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (HearthCheckinsPage *self,
            AdwToast           *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static const char *
partner_name (HearthCheckinsPage *self,
              const char         *id)
{
  HearthRecord *partner = id ? hearth_journal_get_partner (self->journal, id) : NULL;
  const char   *name = partner ? hearth_partner_get_name (HEARTH_PARTNER (partner)) : NULL;

  return name ? name : _ ("Someone");
}

/* ------------------------------------------------------------------------ */
/* History                                                                   */

static GtkWidget *
plain_label (const char *text,
             const char *css_class,
             const char *css_class2)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  if (css_class2)
    gtk_widget_add_css_class (label, css_class2);
  return label;
}

/* "Heard 4 · Supported 5 · Close 4 · Safe 5 · Team 4", with only the
 * dimensions rated; NULL when none are. */
static char *
ratings_text (HearthCheckin *checkin)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int ratings[HEARTH_CHECKIN_N_DIMENSIONS];

  hearth_checkin_get_ratings (checkin, ratings);
  for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
    {
      if (ratings[d] < 0)
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: a rating in a check-in's history, e.g. "Heard 4" */
      g_string_append_printf (text, _ ("%s %d"), hearth_checkin_dimension_short_label (d), ratings[d]);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static GtkWidget *
build_partner_part (HearthCheckinsPage *self,
                    HearthCheckin      *checkin)
{
  const char   *partner = hearth_checkin_get_partner (checkin);
  HearthRecord *partner_record = hearth_journal_get_partner (self->journal, partner);
  const char   *color = partner_record ? hearth_partner_get_color (HEARTH_PARTNER (partner_record)) : NULL;
  g_autoptr(GPtrArray) answers = hearth_checkin_dup_answers (checkin);
  g_autofree char *ratings = ratings_text (checkin);
  GtkWidget       *box, *top, *dot, *label;
  GdkRGBA         *rgba;
  guint            n_answers = 0;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  dot = gtk_drawing_area_new ();
  rgba = g_new0 (GdkRGBA, 1);
  if (color == NULL || !gdk_rgba_parse (rgba, color))
    gdk_rgba_parse (rgba, "#9a9996");
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 10);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), hearth_draw_color_dot, rgba, g_free);
  gtk_box_append (GTK_BOX (top), dot);
  gtk_box_append (GTK_BOX (top), plain_label (partner_name (self, partner), "heading", NULL));
  gtk_box_append (GTK_BOX (box), top);

  if (ratings != NULL)
    {
      label = plain_label (ratings, "caption", "hearth-checkin-ratings");
      gtk_box_append (GTK_BOX (box), label);
    }

  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      const HearthCheckinAnswer *answer = g_ptr_array_index (answers, i);

      if (answer->text == NULL || *answer->text == '\0')
        continue;
      if (answer->question != NULL)
        {
          label = plain_label (answer->question, "caption", "dim-label");
          gtk_widget_set_margin_top (label, 6);
          gtk_box_append (GTK_BOX (box), label);
        }
      label = plain_label (answer->text, NULL, NULL);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
      n_answers++;
    }
  if (n_answers == 0 && ratings == NULL)
    gtk_box_append (GTK_BOX (box), plain_label (_ ("Nothing written down this time."), "dim-label", NULL));
  return box;
}

static char *
date_title (const char *date)
{
  g_autofree char *today_text = hearth_date_today ();
  g_autoptr(GDateTime) time = NULL;
  GDate day, today;

  if (!hearth_date_parse (date, &day))
    return g_strdup (date ? date : _ ("Undated"));
  if (hearth_date_parse (today_text, &today))
    {
      int days = (int) g_date_days_between (&day, &today);

      if (days == 0)
        return g_strdup (_ ("Today"));
      if (days == 1)
        return g_strdup (_ ("Yesterday"));
    }
  time = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 12, 0, 0);
  /* Translators: a check-in's date in its history; see g_date_time_format() */
  return g_date_time_format (time, _ ("%A %-d %B %Y"));
}

/* One date's card: the check-ins of that date, mine first. */
static GtkWidget *
build_date_group (HearthCheckinsPage *self,
                  const char         *date,
                  GPtrArray          *checkins)
{
  g_autofree char *title = date_title (date);
  const char      *me = hearth_journal_get_me (self->journal);
  GtkWidget       *group, *header, *card, *title_label;
  int              duration = 0;

  group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  title_label = plain_label (title, "heading", NULL);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_box_append (GTK_BOX (header), title_label);

  for (guint i = 0; i < checkins->len; i++)
    duration = MAX (duration, hearth_checkin_get_duration (g_ptr_array_index (checkins, i)));
  if (duration > 0)
    {
      g_autofree char *minutes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                                               (gulong) duration),
                                                  duration);
      GtkWidget       *label = plain_label (minutes, "caption", "dim-label");

      gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
      gtk_box_append (GTK_BOX (header), label);
    }
  gtk_box_append (GTK_BOX (group), header);

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL, -1);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < checkins->len; i++)
      {
        HearthCheckin *checkin = g_ptr_array_index (checkins, i);
        gboolean       mine = g_strcmp0 (hearth_checkin_get_partner (checkin), me) == 0;

        if (mine != (pass == 0))
          continue;
        if (gtk_widget_get_first_child (card) != NULL)
          gtk_box_append (GTK_BOX (card), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
        gtk_box_append (GTK_BOX (card), build_partner_part (self, checkin));
      }
  gtk_box_append (GTK_BOX (group), card);
  return group;
}

static void
update_summary (HearthCheckinsPage *self)
{
  g_auto(GStrv) questions = hearth_checkin_dup_questions (self->journal);
  guint            n = g_strv_length (questions);
  g_autofree char *summary =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                  "%u question, one at a time, with a timer you choose. One of you speaks, the other listens.",
                                  "%u questions, one at a time, with a timer you choose. One of you speaks, the other listens, then you swap.",
                                  n),
                     n);

  gtk_label_set_label (self->start_summary, summary);
}

static void
refresh (HearthCheckinsPage *self)
{
  GListModel *model = hearth_journal_get_model (self->journal, HEARTH_KIND_CHECKIN);
  guint       n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) same_date = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *current = NULL;
  GtkWidget       *child;

  while ((child = gtk_widget_get_first_child (self->history_box)))
    gtk_box_remove (GTK_BOX (self->history_box), child);

  /* The model is newest first, so one date's check-ins are side by side. */
  for (guint i = 0; i <= n; i++)
    {
      g_autoptr(HearthCheckin) checkin = i < n ? g_list_model_get_item (model, i) : NULL;
      const char *date = checkin ? hearth_checkin_get_date (checkin) : NULL;

      if (same_date->len > 0 && (checkin == NULL || g_strcmp0 (date, current) != 0))
        {
          gtk_box_append (GTK_BOX (self->history_box), build_date_group (self, current, same_date));
          g_ptr_array_set_size (same_date, 0);
        }
      if (checkin == NULL)
        break;
      g_free (current);
      current = g_strdup (date);
      g_ptr_array_add (same_date, g_steal_pointer (&checkin));
    }

  update_summary (self);
  if (self->flow == NULL)
    gtk_stack_set_visible_child_name (self->stack, n > 0 ? "history" : "empty");
}

static void
queue_refresh (HearthCheckinsPage *self)
{
  hearth_queue_idle (&self->refresh_id, G_PRIORITY_DEFAULT_IDLE, G_CALLBACK (refresh), self);
}

/* ------------------------------------------------------------------------ */
/* The flow                                                                  */

static void
close_flow (HearthCheckinsPage *self)
{
  GtkWidget *flow = GTK_WIDGET (self->flow);

  if (flow == NULL)
    return;
  self->flow = NULL;
  refresh (self);
  gtk_stack_remove (self->stack, flow);
  if (gtk_widget_get_mapped (self->start_button))
    gtk_widget_grab_focus (self->start_button);
}

static void
on_flow_closed (HearthCheckinFlow  *flow,
                HearthCheckinsPage *self)
{
  gboolean kept = g_strcmp0 (hearth_checkin_flow_get_step (flow), "done") != 0 &&
                  hearth_checkin_flow_has_content (flow);

  close_flow (self);
  if (kept)
    show_toast (self, adw_toast_new (_ ("What you wrote so far is saved")));
}

/**
 * hearth_checkins_page_start:
 *
 * Shows the guided check-in: the one under way if there is one, or a new
 * one at its first step.
 *
 * Returns: (transfer none): the check-in flow
 */
HearthCheckinFlow *
hearth_checkins_page_start (HearthCheckinsPage *self)
{
  g_return_val_if_fail (HEARTH_IS_CHECKINS_PAGE (self), NULL);

  if (self->flow != NULL && g_strcmp0 (hearth_checkin_flow_get_step (self->flow), "done") == 0)
    close_flow (self);
  if (self->flow == NULL)
    {
      self->flow = HEARTH_CHECKIN_FLOW (hearth_checkin_flow_new (self->journal));
      g_signal_connect_object (self->flow, "closed", G_CALLBACK (on_flow_closed), self, 0);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->flow), "flow");
    }
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->flow));
  return self->flow;
}

/**
 * hearth_checkins_page_get_flow:
 *
 * Returns: (transfer none) (nullable): the check-in shown, if any
 */
HearthCheckinFlow *
hearth_checkins_page_get_flow (HearthCheckinsPage *self)
{
  g_return_val_if_fail (HEARTH_IS_CHECKINS_PAGE (self), NULL);

  return self->flow;
}

/**
 * hearth_checkins_page_flush:
 *
 * Saves at once what is written so far of a check-in under way: before
 * the journal locks, the window closes or the process quits.
 */
void
hearth_checkins_page_flush (HearthCheckinsPage *self)
{
  g_return_if_fail (HEARTH_IS_CHECKINS_PAGE (self));

  if (self->flow != NULL)
    hearth_checkin_flow_flush (self->flow);
}

static void
checkins_start (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  hearth_checkins_page_start (HEARTH_CHECKINS_PAGE (widget));
}

/* ------------------------------------------------------------------------ */
/* Questions                                                                 */

static void
on_questions_saved (HearthQuestionsEditor *editor,
                    HearthCheckinsPage    *self)
{
  update_summary (self);
  show_toast (self, adw_toast_new (_ ("Your questions are saved")));
}

/**
 * hearth_checkins_page_edit_questions:
 *
 * Shows the editor of the couple's questions over the window.
 *
 * Returns: (transfer none): the editor
 */
HearthQuestionsEditor *
hearth_checkins_page_edit_questions (HearthCheckinsPage *self)
{
  HearthQuestionsEditor *editor;
  GtkRoot               *root;

  g_return_val_if_fail (HEARTH_IS_CHECKINS_PAGE (self), NULL);

  editor = hearth_questions_editor_new (self->journal);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_questions_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
checkins_edit_questions (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  hearth_checkins_page_edit_questions (HEARTH_CHECKINS_PAGE (widget));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

/**
 * hearth_checkins_page_get_journal:
 *
 * Returns: (transfer none): the journal shown
 */
HearthJournal *
hearth_checkins_page_get_journal (HearthCheckinsPage *self)
{
  g_return_val_if_fail (HEARTH_IS_CHECKINS_PAGE (self), NULL);

  return self->journal;
}

static void
hearth_checkins_page_constructed (GObject *object)
{
  HearthCheckinsPage *self = HEARTH_CHECKINS_PAGE (object);

  G_OBJECT_CLASS (hearth_checkins_page_parent_class)->constructed (object);

  g_return_if_fail (HEARTH_IS_JOURNAL (self->journal));

  g_signal_connect_object (hearth_journal_get_model (self->journal, HEARTH_KIND_CHECKIN), "items-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hearth_journal_get_model (self->journal, HEARTH_KIND_PARTNER), "items-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
hearth_checkins_page_map (GtkWidget *widget)
{
  HearthCheckinsPage *self = HEARTH_CHECKINS_PAGE (widget);

  GTK_WIDGET_CLASS (hearth_checkins_page_parent_class)->map (widget);

  /* "Today" moves at midnight, and the partner may have changed the
   * questions: catch up when shown again. */
  if (self->journal != NULL && self->flow == NULL)
    queue_refresh (self);
}

static void
hearth_checkins_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HearthCheckinsPage *self = HEARTH_CHECKINS_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_checkins_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HearthCheckinsPage *self = HEARTH_CHECKINS_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_checkins_page_dispose (GObject *object)
{
  HearthCheckinsPage *self = HEARTH_CHECKINS_PAGE (object);

  /* A flow's pending save may still change the models after the page is
   * gone (the save holds the flow): the page no longer listens by then. */
  if (self->journal != NULL)
    {
      g_signal_handlers_disconnect_by_data (hearth_journal_get_model (self->journal, HEARTH_KIND_CHECKIN), self);
      g_signal_handlers_disconnect_by_data (hearth_journal_get_model (self->journal, HEARTH_KIND_PARTNER), self);
    }
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->flow = NULL;
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_CHECKINS_PAGE);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_checkins_page_parent_class)->dispose (object);
}

static void
hearth_checkins_page_class_init (HearthCheckinsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hearth_checkins_page_constructed;
  object_class->get_property = hearth_checkins_page_get_property;
  object_class->set_property = hearth_checkins_page_set_property;
  object_class->dispose = hearth_checkins_page_dispose;
  widget_class->map = hearth_checkins_page_map;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hearthjournal/Hearth/hearth-checkins-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinsPage, start_summary);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinsPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinsPage, history_box);

  gtk_widget_class_install_action (widget_class, "checkins.start", NULL, checkins_start);
  gtk_widget_class_install_action (widget_class, "checkins.edit-questions", NULL, checkins_edit_questions);
}

static void
hearth_checkins_page_init (HearthCheckinsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a template child: the bin owns it, and disposing the template would
   * unparent it behind the bin's back. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}

/**
 * hearth_checkins_page_new:
 * @journal: an unlocked journal
 *
 * Returns: (transfer floating): the check-ins of @journal
 */
GtkWidget *
hearth_checkins_page_new (HearthJournal *journal)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  return g_object_new (HEARTH_TYPE_CHECKINS_PAGE, "journal", journal, NULL);
}
