/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-day-picker.h"
#include "hearth-gratitude.h"
#include "hearth-gratitude-row.h"

/* One note of the gratitude log, with the header of its week above it when
 * it is the first note of that week in the list (GTK 4.8 has no list
 * sections, so the page decides which rows show one). */
struct _HearthGratitudeRow
{
  GtkWidget parent_instance;

  GtkWidget      *header;
  GtkLabel       *week_title;
  GtkLabel       *week_count;
  GtkDrawingArea *dot;
  GtkLabel       *direction;
  GtkLabel       *date;
  GtkLabel       *text;
  GtkWidget      *content;
  GtkWidget      *menu_button;

  HearthRecord *note;
  GdkRGBA       color;
};

G_DEFINE_FINAL_TYPE (HearthGratitudeRow, hearth_gratitude_row, GTK_TYPE_WIDGET)

/**
 * hearth_draw_color_dot:
 * A #GtkDrawingAreaDrawFunc painting a filled circle in the #GdkRGBA
 * given as @data: a partner's colour next to their name.
 */
void
hearth_draw_color_dot (GtkDrawingArea *area,
                       cairo_t        *cr,
                       int             width,
                       int             height,
                       gpointer        data)
{
  const GdkRGBA *color = data;
  double         radius = MIN (width, height) / 2.0;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
forward_action (HearthGratitudeRow *self,
                const char         *page_action)
{
  if (self->note == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), page_action, "s",
                              hearth_record_get_id (self->note));
}

static void
row_edit (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  forward_action (HEARTH_GRATITUDE_ROW (widget), "gratitude.edit");
}

static void
row_delete (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  forward_action (HEARTH_GRATITUDE_ROW (widget), "gratitude.delete");
}

static void
hearth_gratitude_row_dispose (GObject *object)
{
  HearthGratitudeRow *self = HEARTH_GRATITUDE_ROW (object);
  GtkWidget          *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_GRATITUDE_ROW);
  /* The template's top widget is our child, not one of its bound parts. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->note);

  G_OBJECT_CLASS (hearth_gratitude_row_parent_class)->dispose (object);
}

static void
hearth_gratitude_row_class_init (HearthGratitudeRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_gratitude_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-gratitude-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeRow, header);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeRow, week_title);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeRow, week_count);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeRow, dot);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeRow, direction);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeRow, date);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeRow, text);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeRow, content);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeRow, menu_button);

  gtk_widget_class_install_action (widget_class, "row.edit", NULL, row_edit);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, row_delete);

  gtk_widget_class_set_css_name (widget_class, "hearth-gratitude-row");
}

static void
hearth_gratitude_row_init (HearthGratitudeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gdk_rgba_parse (&self->color, "#9a9996");
  gtk_drawing_area_set_draw_func (self->dot, hearth_draw_color_dot, &self->color, NULL);
}

GtkWidget *
hearth_gratitude_row_new (void)
{
  return g_object_new (HEARTH_TYPE_GRATITUDE_ROW, NULL);
}

/**
 * hearth_gratitude_row_get_note:
 * Returns: (transfer none) (nullable): the note the row shows
 */
HearthRecord *
hearth_gratitude_row_get_note (HearthGratitudeRow *self)
{
  g_return_val_if_fail (HEARTH_IS_GRATITUDE_ROW (self), NULL);

  return self->note;
}

/**
 * hearth_gratitude_row_set_note:
 * @note: (nullable): the gratitude note
 * @direction: who thanked whom, e.g. "Alex → Sam"
 * @color: (nullable): the thanking partner's colour, `#rrggbb`
 * @editable: whether the note offers Edit and Delete (only one's own notes)
 */
void
hearth_gratitude_row_set_note (HearthGratitudeRow *self,
                               HearthRecord       *note,
                               const char         *direction,
                               const char         *color,
                               gboolean            editable)
{
  g_autofree char *day = NULL;

  g_return_if_fail (HEARTH_IS_GRATITUDE_ROW (self));

  g_set_object (&self->note, note);
  if (note == NULL)
    return;

  day = hearth_day_picker_format_day (hearth_gratitude_get_date (HEARTH_GRATITUDE (note)));
  gtk_label_set_text (self->direction, direction);
  gtk_label_set_text (self->date, day);
  gtk_label_set_text (self->text, hearth_gratitude_get_text (HEARTH_GRATITUDE (note)));
  gtk_widget_set_visible (self->menu_button, editable);
  /* Without the menu button the date keeps the card's inner margin. */
  gtk_widget_set_margin_end (self->content, editable ? 0 : 14);

  if (color == NULL || !gdk_rgba_parse (&self->color, color))
    gdk_rgba_parse (&self->color, "#9a9996");
  gtk_widget_queue_draw (GTK_WIDGET (self->dot));
}

/**
 * hearth_gratitude_row_set_header:
 * @title: (nullable): the week's title ("This week"), or %NULL for no header
 * @count: how many notes the list shows for that week
 */
void
hearth_gratitude_row_set_header (HearthGratitudeRow *self,
                                 const char         *title,
                                 guint               count)
{
  g_return_if_fail (HEARTH_IS_GRATITUDE_ROW (self));

  gtk_widget_set_visible (self->header, title != NULL);
  if (title == NULL)
    return;

  gtk_label_set_text (self->week_title, title);
  {
    /* Translators: how many gratitude notes a week of the log holds */
    g_autofree char *text = g_strdup_printf (ngettext ("%u note", "%u notes", count), count);
    gtk_label_set_text (self->week_count, text);
  }
}
