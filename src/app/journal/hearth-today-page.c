/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hearth-draft.h"
#include "hearth-entry.h"
#include "hearth-gratitude.h"
#include "hearth-partner-dot.h"
#include "hearth-prompts.h"
#include "hearth-text.h"
#include "hearth-today-page.h"
#include "hearth-ui-util.h"

/* The calm first page: a greeting, the daily question both partners see,
 * a quick thank-you, and what the partner wrote lately. The partner's
 * answer to the daily question stays hidden until mine exists, so neither
 * answer is shaped by the other. */
struct _HearthTodayPage
{
  GtkWidget parent_instance;

  HearthJournal *journal;
  HearthDraft   *draft;
  char          *today; /* YYYY-MM-DD */
  char          *prompt_id;
  gboolean       composing;
  gboolean       loading;
  guint          refresh_id;
  /* What the answers and the recent rows were last built from: while
   * older years stream in, nothing they show changes, and they are not
   * built again for each year. */
  char          *answers_shown;
  char          *recent_shown;

  GtkLabel    *greeting_label;
  GtkLabel    *date_label;
  GtkLabel    *question_label;
  GtkLabel    *waiting_label;
  GtkStack    *answer_stack;
  GtkWidget   *answer_button;
  GtkTextView *answer_view;
  GtkLabel    *answer_status_label;
  GtkFlowBox  *answers_flow;
  GtkEntry    *gratitude_entry;
  GtkWidget   *gratitude_button;
  GtkLabel    *recent_heading;
  GtkListBox  *recent_list;
  GtkLabel    *recent_empty;
};

G_DEFINE_FINAL_TYPE (HearthTodayPage, hearth_today_page, GTK_TYPE_WIDGET)

#define N_RECENT 5

/* Answers to today's question were written in the last day or so; the
 * models are newest first, so the search stops there. */
#define ANSWER_WINDOW_USEC (3 * G_TIME_SPAN_DAY)

static HearthRecord *
find_answer (HearthTodayPage *self,
             const char      *author)
{
  GListModel *entries = hearth_journal_get_model (self->journal, HEARTH_KIND_ENTRY);
  guint       n = g_list_model_get_n_items (entries);
  gint64      oldest = hearth_clock_get_real_time () - ANSWER_WINDOW_USEC;

  if (author == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthRecord) entry = g_list_model_get_item (entries, i);

      if (hearth_record_get_sort_key (entry) < oldest)
        break;
      if (g_strcmp0 (hearth_entry_get_prompt_date (HEARTH_ENTRY (entry)), self->today) == 0 &&
          g_strcmp0 (hearth_entry_get_author (HEARTH_ENTRY (entry)), author) == 0)
        return entry; /* the journal keeps it alive */
    }
  return NULL;
}

static GtkWidget *
new_answer_card (HearthTodayPage *self,
                 const char      *author,
                 const char      *text,
                 gboolean         mine)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dot = hearth_partner_dot_new ();
  GtkWidget *name = gtk_label_new (hearth_partner_name (self->journal, author));
  GtkWidget *body = gtk_label_new (text);

  gtk_widget_add_css_class (card, "hearth-answer");
  gtk_widget_set_valign (card, GTK_ALIGN_START);
  /* Both headers as tall as the one with the edit button, so the answers
   * start on the same line. */
  gtk_widget_set_size_request (header, -1, 34);
  hearth_partner_dot_set_color (HEARTH_PARTNER_DOT (dot), hearth_partner_color (self->journal, author));
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_box_append (GTK_BOX (header), dot);
  gtk_box_append (GTK_BOX (header), name);
  if (mine)
    {
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

      gtk_widget_set_tooltip_text (edit, _ ("Edit Your Answer"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Edit Your Answer"), -1);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_add_css_class (edit, "circular");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "today.edit-answer");
      gtk_box_append (GTK_BOX (header), edit);
    }
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  /* A modest natural width lets the two answers sit side by side when
   * there is room, and stack when the window is narrow. */
  gtk_label_set_max_width_chars (GTK_LABEL (body), 30);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_box_append (GTK_BOX (card), header);
  gtk_box_append (GTK_BOX (card), body);
  return card;
}

/* Appends what of @record a row or card shows depends on. */
static void
append_record_key (GString      *key,
                   HearthRecord *record)
{
  g_string_append_printf (key, "\x1f%s\x1f%s\x1f%s", record ? hearth_record_get_kind (record) : "",
                          record ? hearth_record_get_id (record) : "",
                          record ? hearth_record_get_updated (record) : "");
}

/* Whether @key differs from what *@shown was built from; remembers it. */
static gboolean
changed_since_shown (char   **shown,
                     GString *key)
{
  if (g_strcmp0 (*shown, key->str) == 0)
    return FALSE;
  g_free (*shown);
  *shown = g_strdup (key->str);
  return TRUE;
}

static void
refresh_answers (HearthTodayPage *self)
{
  const char   *me = hearth_journal_get_me (self->journal);
  const char   *partner = hearth_journal_get_partner_id (self->journal);
  HearthRecord *mine = find_answer (self, me);
  HearthRecord *theirs = find_answer (self, partner);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  g_string_append_printf (key, "%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", self->composing, self->today,
                          me ? me : "", partner ? partner : "",
                          hearth_partner_name (self->journal, me), hearth_partner_color (self->journal, me),
                          hearth_partner_name (self->journal, partner), hearth_partner_color (self->journal, partner));
  append_record_key (key, mine);
  append_record_key (key, theirs);
  if (!changed_since_shown (&self->answers_shown, key))
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->answers_flow))))
    gtk_flow_box_remove (self->answers_flow, child);

  if (theirs != NULL && (mine == NULL || self->composing))
    {
      g_autofree char *waiting = NULL;

      /* Translators: the partner answered the daily question; their answer
         shows once you have written yours */
      waiting = g_strdup_printf (_ ("%s has answered — write yours to see it"),
                                 hearth_partner_name (self->journal, partner));
      gtk_label_set_text (self->waiting_label, waiting);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_label),
                          theirs != NULL && (mine == NULL || self->composing));

  if (self->composing)
    {
      gtk_stack_set_visible_child_name (self->answer_stack, "compose");
      return;
    }
  if (mine == NULL)
    {
      gtk_stack_set_visible_child_name (self->answer_stack, "ask");
      return;
    }

  gtk_flow_box_append (self->answers_flow,
                       new_answer_card (self, me, hearth_entry_get_body (HEARTH_ENTRY (mine)), TRUE));
  if (theirs != NULL)
    gtk_flow_box_append (self->answers_flow,
                         new_answer_card (self, partner, hearth_entry_get_body (HEARTH_ENTRY (theirs)), FALSE));
  else
    {
      g_autofree char *later = g_strdup_printf (_ ("%s has not answered yet."),
                                                hearth_partner_name (self->journal, partner));
      GtkWidget       *label = gtk_label_new (later);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "hearth-answer");
      gtk_flow_box_append (self->answers_flow, label);
    }
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->answers_flow)); child;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_stack_set_visible_child_name (self->answer_stack, "answered");
}

typedef struct
{
  HearthRecord *record;
  gint64        when;
} Recent;

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  const Recent *ra = a, *rb = b;

  return ra->when < rb->when ? 1 : (ra->when > rb->when ? -1 : 0);
}

/* Who wrote a record of the kind a model holds. */
typedef const char *(*WriterOf) (HearthRecord *record);

static const char *
entry_writer (HearthRecord *record)
{
  return hearth_entry_get_author (HEARTH_ENTRY (record));
}

static const char *
gratitude_writer (HearthRecord *record)
{
  return hearth_gratitude_get_from (HEARTH_GRATITUDE (record));
}

static void
collect_recent (GArray     *found,
                GListModel *model,
                WriterOf    writer_of,
                const char *partner)
{
  guint n = g_list_model_get_n_items (model);
  guint taken = 0;

  for (guint i = 0; i < n && taken < N_RECENT; i++)
    {
      g_autoptr(HearthRecord) record = g_list_model_get_item (model, i);
      Recent recent;

      if (g_strcmp0 (writer_of (record), partner) != 0)
        continue;
      recent.record = record;
      recent.when = hearth_time_parse_usec (hearth_record_get_created (record), NULL);
      g_array_append_val (found, recent);
      taken++;
    }
}

static GtkWidget *
new_recent_row (HearthTodayPage *self,
                HearthRecord    *record)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *icon;
  g_autofree char *day = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *subtitle = NULL;
  gboolean         gratitude = g_strcmp0 (hearth_record_get_kind (record), "gratitude") == 0;

  if (gratitude)
    {
      title = g_strdup (hearth_gratitude_get_text (HEARTH_GRATITUDE (record)));
      day = hearth_format_day (hearth_gratitude_get_date (HEARTH_GRATITUDE (record)) ?: hearth_record_get_created (record));
      /* Translators: under a thank-you note from the partner: "Thanked you · Today" */
      subtitle = g_strdup_printf (_ ("Thanked you · %s"), day);
      icon = gtk_image_new_from_icon_name ("emblem-favorite-symbolic");
    }
  else
    {
      const char *prompt_date = hearth_entry_get_prompt_date (HEARTH_ENTRY (record));

      /* An answer to a daily question is never quoted here: it could give
       * away today's answer before mine is written. */
      if (prompt_date != NULL)
        title = g_strdup (_ ("Answered the daily question"));
      else
        title = hearth_entry_dup_heading (record);
      day = hearth_format_day (prompt_date ?: hearth_record_get_created (record));
      if (hearth_entry_get_reply_to (HEARTH_ENTRY (record)) != NULL)
        /* Translators: under a reply by the partner: "Replied · Today" */
        subtitle = g_strdup_printf (_ ("Replied · %s"), day);
      else
        /* Translators: under an entry by the partner: "Journal entry · Today" */
        subtitle = g_strdup_printf (_ ("Journal entry · %s"), day);
      icon = gtk_image_new_from_icon_name ("document-edit-symbolic");
    }
  escaped = g_markup_escape_text (title ? title : "", -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (icon, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
refresh_recent (HearthTodayPage *self)
{
  const char *partner = hearth_journal_get_partner_id (self->journal);
  const char *name = hearth_partner_name (self->journal, partner);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Recent));
  g_autofree char *heading = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  if (partner != NULL)
    {
      collect_recent (found, hearth_journal_get_model (self->journal, HEARTH_KIND_ENTRY), entry_writer, partner);
      collect_recent (found, hearth_journal_get_model (self->journal, HEARTH_KIND_GRATITUDE), gratitude_writer, partner);
    }
  g_array_sort (found, compare_recent);
  /* The day too: the rows say "Today" and "Yesterday". */
  g_string_append_printf (key, "%s\x1f%s\x1f%s", self->today, partner ? partner : "", name);
  for (guint i = 0; i < found->len && i < N_RECENT; i++)
    append_record_key (key, g_array_index (found, Recent, i).record);
  if (!changed_since_shown (&self->recent_shown, key))
    return;

  /* Translators: heading of the partner's recent entries and thanks */
  heading = g_strdup_printf (_ ("From %s lately"), name);
  gtk_label_set_text (self->recent_heading, heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->recent_list), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);
  for (guint i = 0; i < found->len && i < N_RECENT; i++)
    gtk_list_box_append (self->recent_list, new_recent_row (self, g_array_index (found, Recent, i).record));

  empty = g_strdup_printf (_ ("Nothing from %s yet. It will show here as it arrives."), name);
  gtk_label_set_text (self->recent_empty, empty);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), found->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_empty), found->len == 0);
}

static void
refresh_header (HearthTodayPage *self)
{
  g_autoptr(GDateTime) now = hearth_clock_now_local ();
  const char         *me = hearth_journal_get_me (self->journal);
  const char         *name = hearth_partner_name (self->journal, me);
  int                 hour = g_date_time_get_hour (now);
  g_autofree char    *greeting = NULL;
  g_autofree char    *date = NULL;
  const HearthPrompt *prompt;
  GDate               today;

  g_free (self->today);
  self->today = g_date_time_format (now, "%Y-%m-%d");
  if (hour >= 5 && hour < 12)
    greeting = g_strdup_printf (_ ("Good morning, %s"), name);
  else if (hour >= 12 && hour < 18)
    greeting = g_strdup_printf (_ ("Good afternoon, %s"), name);
  else
    greeting = g_strdup_printf (_ ("Good evening, %s"), name);
  gtk_label_set_text (self->greeting_label, greeting);
  /* Translators: today's date under the greeting; see strftime(3) */
  date = g_date_time_format (now, _ ("%A, %-d %B %Y"));
  gtk_label_set_text (self->date_label, date);

  g_date_clear (&today, 1);
  hearth_date_parse (self->today, &today);
  prompt = hearth_journal_get_id (self->journal) ? hearth_prompts_daily (hearth_journal_get_id (self->journal), &today) : NULL;
  g_free (self->prompt_id);
  self->prompt_id = prompt ? g_strdup (prompt->id) : NULL;
  gtk_label_set_text (self->question_label, prompt ? prompt->text : "");
}

static void
refresh (HearthTodayPage *self)
{
  g_autofree char *day = g_strdup (self->today);

  refresh_header (self);
  if (day != NULL && g_strcmp0 (day, self->today) != 0 && !self->composing)
    hearth_draft_start (self->draft, NULL);
  refresh_answers (self);
  refresh_recent (self);
}

static void
queue_refresh (HearthTodayPage *self)
{
  hearth_queue_idle (&self->refresh_id, G_PRIORITY_DEFAULT_IDLE, G_CALLBACK (refresh), self);
}

/* ------------------------------------------------------------------------ */
/* Answering                                                                 */

static void
start_composing (HearthTodayPage *self)
{
  HearthRecord  *mine = find_answer (self, hearth_journal_get_me (self->journal));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->answer_view);

  hearth_draft_start (self->draft, mine);
  if (mine == NULL)
    {
      hearth_draft_set_base (self->draft, HEARTH_DRAFT_AUTHOR, hearth_journal_get_me (self->journal));
      hearth_draft_set_base (self->draft, HEARTH_DRAFT_PROMPT, self->prompt_id);
      hearth_draft_set_base (self->draft, HEARTH_DRAFT_PROMPT_DATE, self->today);
      hearth_draft_set_base (self->draft, HEARTH_DRAFT_BODY, "");
    }
  self->loading = TRUE;
  gtk_text_buffer_set_text (buffer, mine ? hearth_entry_get_body (HEARTH_ENTRY (mine)) : "", -1);
  self->loading = FALSE;
  self->composing = TRUE;
  refresh_answers (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->answer_view));
}

static void
on_answer_clicked (HearthTodayPage *self)
{
  start_composing (self);
}

static void
edit_answer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  start_composing (HEARTH_TODAY_PAGE (widget));
}

static void
on_answer_done (HearthTodayPage *self)
{
  if (!hearth_draft_flush (self->draft))
    return;
  self->composing = FALSE;
  refresh_answers (self);
  if (hearth_draft_get_id (self->draft) == NULL)
    gtk_widget_grab_focus (self->answer_button);
}

static void
on_answer_changed (HearthTodayPage *self)
{
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (self->answer_view);
  g_autofree char *text = NULL;
  GtkTextIter      start, end;

  if (self->loading)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  hearth_draft_set_text (self->draft, HEARTH_DRAFT_BODY, text);
}

static void
on_draft_failed (HearthTodayPage *self,
                 GError          *error)
{
  hearth_show_toast (GTK_WIDGET (self), error->message);
}

/* ------------------------------------------------------------------------ */
/* Gratitude                                                                 */

static void
on_gratitude_changed (HearthTodayPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->gratitude_entry))));

  gtk_widget_set_sensitive (self->gratitude_button, *text != '\0');
}

static void
on_gratitude_add (HearthTodayPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->gratitude_entry))));
  const char      *partner = hearth_journal_get_partner_id (self->journal);
  g_autoptr(HearthRecord) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *thanks = NULL;

  if (*text == '\0')
    return;
  note = hearth_journal_new_record (self->journal, "gratitude", NULL);
  hearth_gratitude_set_from (HEARTH_GRATITUDE (note), hearth_journal_get_me (self->journal));
  hearth_gratitude_set_to (HEARTH_GRATITUDE (note), partner);
  hearth_gratitude_set_text (HEARTH_GRATITUDE (note), text);
  hearth_gratitude_set_date (HEARTH_GRATITUDE (note), self->today);
  if (!hearth_journal_queue_save (self->journal, note, &error))
    {
      hearth_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->gratitude_entry), "");
  /* Translators: after a thank-you note was saved */
  thanks = g_strdup_printf (_ ("Saved for %s"), hearth_partner_name (self->journal, partner));
  hearth_show_toast (GTK_WIDGET (self), thanks);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
hearth_today_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hearth_today_page_parent_class)->map (widget);
  /* The day may have turned while the page was hidden. */
  refresh (HEARTH_TODAY_PAGE (widget));
}

static void
hearth_today_page_dispose (GObject *object)
{
  HearthTodayPage *self = HEARTH_TODAY_PAGE (object);

  /* What is typed but not saved yet is saved by the draft itself. */
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  if (self->journal != NULL)
    {
      g_signal_handlers_disconnect_by_data (hearth_journal_get_model (self->journal, HEARTH_KIND_ENTRY), self);
      g_signal_handlers_disconnect_by_data (hearth_journal_get_model (self->journal, HEARTH_KIND_GRATITUDE), self);
    }
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_TODAY_PAGE);
  /* The template's unnamed top box is not released by the above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  g_clear_object (&self->draft);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_today_page_parent_class)->dispose (object);
}

static void
hearth_today_page_finalize (GObject *object)
{
  HearthTodayPage *self = HEARTH_TODAY_PAGE (object);

  g_free (self->today);
  g_free (self->prompt_id);
  g_free (self->answers_shown);
  g_free (self->recent_shown);

  G_OBJECT_CLASS (hearth_today_page_parent_class)->finalize (object);
}

static void
hearth_today_page_class_init (HearthTodayPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_today_page_dispose;
  object_class->finalize = hearth_today_page_finalize;
  widget_class->map = hearth_today_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, greeting_label);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, answer_stack);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, answer_button);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, answer_view);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, answer_status_label);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, answers_flow);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, gratitude_entry);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, gratitude_button);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, recent_heading);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, recent_list);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, recent_empty);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_done);
  gtk_widget_class_bind_template_callback (widget_class, on_gratitude_add);

  gtk_widget_class_install_action (widget_class, "today.edit-answer", NULL, edit_answer_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hearth_today_page_init (HearthTodayPage *self)
{
  hearth_ensure_page_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->answer_view), "changed",
                            G_CALLBACK (on_answer_changed), self);
  g_signal_connect_swapped (self->gratitude_entry, "changed", G_CALLBACK (on_gratitude_changed), self);
}

/**
 * hearth_today_page_new:
 * @journal: an unlocked, loaded journal
 *
 * Returns: (transfer floating): the today page
 */
GtkWidget *
hearth_today_page_new (HearthJournal *journal)
{
  HearthTodayPage *self;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  self = g_object_new (HEARTH_TYPE_TODAY_PAGE, NULL);
  self->journal = g_object_ref (journal);
  self->draft = hearth_draft_new (journal);
  g_object_bind_property (self->draft, "status", self->answer_status_label, "label", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->draft, "failed", G_CALLBACK (on_draft_failed), self);
  g_signal_connect_swapped (hearth_journal_get_model (journal, HEARTH_KIND_ENTRY), "items-changed",
                            G_CALLBACK (queue_refresh), self);
  g_signal_connect_swapped (hearth_journal_get_model (journal, HEARTH_KIND_GRATITUDE), "items-changed",
                            G_CALLBACK (queue_refresh), self);
  g_signal_connect_object (journal, "notify::loaded", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
  return GTK_WIDGET (self);
}

/**
 * hearth_today_page_get_journal:
 * Returns: (transfer none): the journal shown
 */
HearthJournal *
hearth_today_page_get_journal (HearthTodayPage *self)
{
  g_return_val_if_fail (HEARTH_IS_TODAY_PAGE (self), NULL);
  return self->journal;
}

/**
 * hearth_today_page_flush:
 * Saves the answer being written, synchronously. The window calls it
 * before the journal locks.
 */
void
hearth_today_page_flush (HearthTodayPage *self)
{
  g_return_if_fail (HEARTH_IS_TODAY_PAGE (self));

  if (self->draft != NULL)
    hearth_draft_flush (self->draft);
}
