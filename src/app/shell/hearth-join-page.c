/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-join-page.h"
#include "hearth-partner.h"

/**
 * HearthJoinPage:
 *
 * "Which partner are you?": makes this computer a device of a journal that
 * was created elsewhere, one button per partner.
 */
struct _HearthJoinPage
{
  GtkWidget parent_instance;

  AdwStatusPage *status_page;
  GtkBox        *partner_box;
  GtkLabel      *error_label;

  HearthJournal *journal;
};

G_DEFINE_FINAL_TYPE (HearthJoinPage, hearth_join_page, GTK_TYPE_WIDGET)

enum
{
  JOINED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
free_partner_id (gpointer  data,
                 GClosure *closure)
{
  g_free (data);
}

/* The closure's data is the partner's id. */
static void
on_partner_clicked (GtkButton  *button,
                    const char *partner_id)
{
  HearthJoinPage *self = (HearthJoinPage *) gtk_widget_get_ancestor (GTK_WIDGET (button), HEARTH_TYPE_JOIN_PAGE);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->journal == NULL)
    return;
  if (!hearth_journal_join (self->journal, partner_id, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_signal_emit (self, signals[JOINED], 0);
}

static void
hearth_join_page_rebuild (HearthJoinPage *self)
{
  GtkWidget  *child;
  GListModel *partners;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->partner_box))) != NULL)
    gtk_box_remove (self->partner_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (self->journal == NULL)
    return;

  partners = hearth_journal_get_model (self->journal, HEARTH_KIND_PARTNER);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(HearthPartner) partner = g_list_model_get_item (partners, i);
      g_autofree char *label = NULL;
      GtkWidget       *button;

      /* Translators: a button on "Which partner are you?"; %s is a name. */
      label = g_strdup_printf (_ ("I Am %s"), hearth_partner_get_name (partner));
      button = gtk_button_new_with_label (label);
      /* Neither is suggested: only the person at the keyboard knows. */
      gtk_widget_add_css_class (button, "pill");
      g_signal_connect_data (button, "clicked", G_CALLBACK (on_partner_clicked),
                             g_strdup (hearth_record_get_id (HEARTH_RECORD (partner))), free_partner_id, 0);
      gtk_box_append (self->partner_box, button);
    }
}

static void
hearth_join_page_dispose (GObject *object)
{
  HearthJoinPage *self = HEARTH_JOIN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_JOIN_PAGE);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_join_page_parent_class)->dispose (object);
}

static void
hearth_join_page_class_init (HearthJoinPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_join_page_dispose;

  /**
   * HearthJoinPage::joined:
   *
   * Emitted when this computer joined the journal as one of the partners.
   */
  signals[JOINED] =
    g_signal_new ("joined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-join-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthJoinPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HearthJoinPage, partner_box);
  gtk_widget_class_bind_template_child (widget_class, HearthJoinPage, error_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hearth_join_page_init (HearthJoinPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hearth_join_page_new (void)
{
  return g_object_new (HEARTH_TYPE_JOIN_PAGE, NULL);
}

/**
 * hearth_join_page_set_journal:
 * @journal: (nullable): a loaded journal this computer has not joined
 */
void
hearth_join_page_set_journal (HearthJoinPage *self,
                              HearthJournal  *journal)
{
  g_return_if_fail (HEARTH_IS_JOIN_PAGE (self));

  g_set_object (&self->journal, journal);
  hearth_join_page_rebuild (self);
}

/**
 * hearth_join_page_get_journal:
 * Returns: (transfer none) (nullable): the journal to join
 */
HearthJournal *
hearth_join_page_get_journal (HearthJoinPage *self)
{
  g_return_val_if_fail (HEARTH_IS_JOIN_PAGE (self), NULL);
  return self->journal;
}
