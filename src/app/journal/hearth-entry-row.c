/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-entry.h"
#include "hearth-entry-row.h"
#include "hearth-partner-dot.h"
#include "hearth-ui-util.h"

/* One entry in the journal list: who wrote it (name and colour), when, its
 * title or first line, mood, tags and how many replies it has. Rows are
 * recycled by the list view, so everything shown comes from the bound
 * entry and is refreshed when it changes. */
struct _HearthEntryRow
{
  GtkWidget parent_instance;

  HearthJournal    *journal;
  HearthReplyIndex *replies;
  HearthRecord     *entry;

  HearthPartnerDot *dot;
  GtkLabel         *author_label;
  GtkLabel         *date_label;
  GtkLabel         *title_label;
  GtkLabel         *excerpt_label;
  GtkWidget        *meta_box;
  GtkLabel         *mood_label;
  GtkWidget        *tags_box;
  GtkWidget        *replies_box;
  GtkLabel         *replies_label;
};

G_DEFINE_FINAL_TYPE (HearthEntryRow, hearth_entry_row, GTK_TYPE_WIDGET)

#define MAX_TAGS_SHOWN 3

static void
update_replies (HearthEntryRow *self)
{
  guint            n = self->entry ? hearth_reply_index_get_count (self->replies, hearth_record_get_id (self->entry)) : 0;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->replies_box, n > 0);
  if (n == 0)
    return;
  text = g_strdup_printf (ngettext ("%u reply", "%u replies", n), n);
  gtk_label_set_text (self->replies_label, text);
}

static char *
dup_excerpt (HearthRecord *entry)
{
  const char      *title = hearth_entry_get_title (HEARTH_ENTRY (entry));
  const char      *body = hearth_entry_get_body (HEARTH_ENTRY (entry));
  g_autofree char *flat = NULL;

  /* Without a title the first line already is the heading. */
  if (title == NULL || *title == '\0' || body == NULL)
    {
      const char *nl = body ? strchr (body, '\n') : NULL;
      body = nl ? nl + 1 : NULL;
    }
  if (body == NULL)
    return g_strdup ("");
  flat = g_strndup (body, 300);
  g_strdelimit (flat, "\n\r\t", ' ');
  return g_strstrip (g_steal_pointer (&flat));
}

static void
update (HearthEntryRow *self)
{
  g_autofree char *heading = NULL;
  g_autofree char *date = NULL;
  g_autofree char *mood = NULL;
  g_autofree char *excerpt = NULL;
  g_auto(GStrv) tags = NULL;
  GtkWidget  *child;
  const char *author;
  guint       n_tags;

  while ((child = gtk_widget_get_first_child (self->tags_box)))
    gtk_box_remove (GTK_BOX (self->tags_box), child);
  if (self->entry == NULL)
    {
      /* A recycled row keeps nothing of the entry it showed. */
      gtk_label_set_text (self->author_label, "");
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->excerpt_label, "");
      gtk_label_set_text (self->mood_label, "");
      return;
    }

  author = hearth_entry_get_author (HEARTH_ENTRY (self->entry));
  hearth_partner_dot_set_color (self->dot, hearth_partner_color (self->journal, author));
  gtk_label_set_text (self->author_label, hearth_partner_name (self->journal, author));
  date = hearth_format_day (hearth_record_get_created (self->entry));
  gtk_label_set_text (self->date_label, date);
  heading = hearth_entry_dup_heading (self->entry);
  gtk_label_set_text (self->title_label, heading);
  excerpt = dup_excerpt (self->entry);
  gtk_label_set_text (self->excerpt_label, excerpt);
  gtk_widget_set_visible (GTK_WIDGET (self->excerpt_label), *excerpt != '\0');

  mood = hearth_mood_dup_label (hearth_entry_get_mood (HEARTH_ENTRY (self->entry)));
  gtk_label_set_text (self->mood_label, mood ? mood : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mood_label), mood != NULL);

  tags = hearth_entry_dup_tags (HEARTH_ENTRY (self->entry));
  n_tags = tags ? g_strv_length (tags) : 0;
  for (guint i = 0; i < n_tags && i < MAX_TAGS_SHOWN; i++)
    {
      GtkWidget *pill = gtk_label_new (tags[i]);

      gtk_label_set_ellipsize (GTK_LABEL (pill), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (pill), 14);
      gtk_widget_add_css_class (pill, "hearth-tag");
      gtk_box_append (GTK_BOX (self->tags_box), pill);
    }
  if (n_tags > MAX_TAGS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf ("+%u", n_tags - MAX_TAGS_SHOWN);
      GtkWidget       *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->tags_box), label);
    }
  update_replies (self);
}

static void
on_entry_notify (HearthEntryRow *self)
{
  update (self);
}

static void
hearth_entry_row_dispose (GObject *object)
{
  HearthEntryRow *self = HEARTH_ENTRY_ROW (object);

  hearth_entry_row_set_entry (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_ENTRY_ROW);
  /* The template's unnamed top box is not released by the above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  g_clear_object (&self->journal);
  g_clear_object (&self->replies);

  G_OBJECT_CLASS (hearth_entry_row_parent_class)->dispose (object);
}

static void
hearth_entry_row_class_init (HearthEntryRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_entry_row_dispose;

  g_type_ensure (HEARTH_TYPE_PARTNER_DOT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthEntryRow, dot);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryRow, excerpt_label);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryRow, meta_box);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryRow, mood_label);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryRow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryRow, replies_box);
  gtk_widget_class_bind_template_child (widget_class, HearthEntryRow, replies_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "entryrow");
}

static void
hearth_entry_row_init (HearthEntryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hearth_entry_row_new:
 * Returns: (transfer floating): an empty row; the list's factory binds an
 *   entry to it with hearth_entry_row_set_entry()
 */
GtkWidget *
hearth_entry_row_new (HearthJournal    *journal,
                      HearthReplyIndex *replies)
{
  HearthEntryRow *self = g_object_new (HEARTH_TYPE_ENTRY_ROW, NULL);

  self->journal = g_object_ref (journal);
  self->replies = g_object_ref (replies);
  g_signal_connect_object (replies, "changed", G_CALLBACK (update_replies), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/**
 * hearth_entry_row_set_entry:
 * @entry: (nullable): the entry to show
 */
void
hearth_entry_row_set_entry (HearthEntryRow *self,
                            HearthRecord   *entry)
{
  g_return_if_fail (HEARTH_IS_ENTRY_ROW (self));

  if (self->entry == entry)
    return;
  if (self->entry != NULL)
    g_signal_handlers_disconnect_by_func (self->entry, on_entry_notify, self);
  g_set_object (&self->entry, entry);
  if (entry != NULL)
    g_signal_connect_swapped (entry, "notify", G_CALLBACK (on_entry_notify), self);
  update (self);
}

/**
 * hearth_entry_row_get_entry:
 * Returns: (transfer none) (nullable): the entry shown
 */
HearthRecord *
hearth_entry_row_get_entry (HearthEntryRow *self)
{
  g_return_val_if_fail (HEARTH_IS_ENTRY_ROW (self), NULL);
  return self->entry;
}
