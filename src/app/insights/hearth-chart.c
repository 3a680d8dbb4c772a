/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "hearth-chart.h"

/* A small chart drawn with cairo: a few series over the same slots (weeks),
 * as lines or as grouped bars, with a value axis and slot labels in the
 * theme's foreground colour, so it reads the same in light and dark. A
 * value of NAN is a gap: a line passes over it, a bar is not drawn. The
 * chart is an image to assistive technologies; its text alternative is
 * set by whoever fills it (hearth_chart_set_description()). */

#define PAD_RIGHT  8
#define PAD_TOP    8
#define GAP_LABEL  6
#define DOT_RADIUS 3.0

typedef struct
{
  char   *name;
  GdkRGBA color;
  GArray *values; /* double */
} Series;

struct _HearthChart
{
  GtkWidget parent_instance;

  HearthChartStyle style;
  GPtrArray       *series; /* Series */
  GStrv            x_labels;
  double           y_min;
  double           y_max;
  double           y_step;
  char            *y_unit;
  char            *description;
};

G_DEFINE_FINAL_TYPE (HearthChart, hearth_chart, GTK_TYPE_WIDGET)

static void
series_free (Series *series)
{
  g_free (series->name);
  g_array_unref (series->values);
  g_free (series);
}

static guint
n_slots (HearthChart *self)
{
  guint n = self->x_labels ? g_strv_length (self->x_labels) : 0;

  for (guint i = 0; i < self->series->len; i++)
    n = MAX (n, ((Series *) g_ptr_array_index (self->series, i))->values->len);
  return n;
}

static double
value_at (Series *series,
          guint   i)
{
  return i < series->values->len ? g_array_index (series->values, double, i) : NAN;
}

static char *
y_label (HearthChart *self,
         double       value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* Whole numbers print without decimals; others with one. */
  if (fabs (value - round (value)) < 1e-9)
    g_snprintf (number, sizeof number, "%.0f", value);
  else
    g_snprintf (number, sizeof number, "%.1f", value);
  return g_strconcat (number, self->y_unit ? self->y_unit : "", NULL);
}

typedef struct
{
  double left, right, top, bottom;
  double slot_width;
  guint  n;
} Frame;

static double
y_for (HearthChart *self,
       const Frame *frame,
       double       value)
{
  double span = self->y_max - self->y_min;
  double t = span > 0 ? (value - self->y_min) / span : 0;

  return frame->bottom - CLAMP (t, 0, 1) * (frame->bottom - frame->top);
}

static double
x_for (const Frame *frame,
       guint        slot)
{
  return frame->left + (slot + 0.5) * frame->slot_width;
}

static void
layout_frame (HearthChart *self,
              PangoLayout *layout,
              int          width,
              int          height,
              Frame       *frame)
{
  int label_width = 0, label_height = 0;

  /* The widest value label decides the left margin. */
  for (double v = self->y_min; v <= self->y_max + 1e-9 && self->y_step > 0; v += self->y_step)
    {
      g_autofree char *text = y_label (self, v);
      int              w, h;

      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      label_width = MAX (label_width, w);
      label_height = MAX (label_height, h);
    }
  if (label_height == 0)
    {
      pango_layout_set_text (layout, "0", -1);
      pango_layout_get_pixel_size (layout, NULL, &label_height);
    }

  frame->n = n_slots (self);
  frame->left = label_width + GAP_LABEL;
  frame->right = width - PAD_RIGHT;
  frame->top = PAD_TOP;
  frame->bottom = height - label_height - GAP_LABEL;
  frame->slot_width = frame->n > 0 ? (frame->right - frame->left) / frame->n : 0;
}

static void
draw_axes (HearthChart   *self,
           cairo_t       *cr,
           PangoLayout   *layout,
           const Frame   *frame,
           const GdkRGBA *fg)
{
  int   max_label = 0;
  guint every = 1;

  cairo_set_line_width (cr, 1);
  for (double v = self->y_min; v <= self->y_max + 1e-9 && self->y_step > 0; v += self->y_step)
    {
      g_autofree char *text = y_label (self, v);
      double           y = round (y_for (self, frame, v)) + 0.5;
      int              w, h;

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, v == self->y_min ? 0.3 : 0.1);
      cairo_move_to (cr, frame->left, y);
      cairo_line_to (cr, frame->right, y);
      cairo_stroke (cr);

      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.6);
      cairo_move_to (cr, frame->left - GAP_LABEL - w, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  if (self->x_labels == NULL || frame->n == 0)
    return;

  /* Show every n-th slot label so that none overlap, counting back from
   * the last one: the current week is always named. */
  for (guint i = 0; self->x_labels[i] != NULL; i++)
    {
      int w;

      pango_layout_set_text (layout, self->x_labels[i], -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      max_label = MAX (max_label, w);
    }
  if (frame->slot_width > 0)
    every = MAX (1, (guint) ceil ((max_label + 12) / frame->slot_width));

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.6);
  for (guint i = 0; self->x_labels[i] != NULL && i < frame->n; i++)
    {
      double x;
      int    w;

      if ((frame->n - 1 - i) % every != 0)
        continue;
      pango_layout_set_text (layout, self->x_labels[i], -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      x = x_for (frame, i) - w / 2.0;
      x = CLAMP (x, 0, frame->right + PAD_RIGHT - w);
      cairo_move_to (cr, x, frame->bottom + GAP_LABEL);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_lines (HearthChart *self,
            cairo_t     *cr,
            const Frame *frame)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint s = 0; s < self->series->len; s++)
    {
      Series  *series = g_ptr_array_index (self->series, s);
      gboolean started = FALSE;
      guint    n_points = 0;

      gdk_cairo_set_source_rgba (cr, &series->color);
      cairo_set_line_width (cr, 2.5);
      for (guint i = 0; i < frame->n; i++)
        {
          double v = value_at (series, i);

          if (isnan (v))
            continue;
          if (!started)
            cairo_move_to (cr, x_for (frame, i), y_for (self, frame, v));
          else
            cairo_line_to (cr, x_for (frame, i), y_for (self, frame, v));
          started = TRUE;
          n_points++;
        }
      cairo_stroke (cr);

      /* Dots where there are values, when they are few enough to see. */
      if (frame->slot_width < 2 * DOT_RADIUS + 2 && n_points > 1)
        continue;
      for (guint i = 0; i < frame->n; i++)
        {
          double v = value_at (series, i);

          if (isnan (v))
            continue;
          cairo_arc (cr, x_for (frame, i), y_for (self, frame, v), DOT_RADIUS, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
}

static void
rounded_top_rect (cairo_t *cr,
                  double   x,
                  double   y,
                  double   width,
                  double   height)
{
  double r = MIN (3.0, MIN (width / 2, height));

  cairo_move_to (cr, x, y + height);
  cairo_line_to (cr, x, y + r);
  cairo_arc (cr, x + r, y + r, r, G_PI, 1.5 * G_PI);
  cairo_line_to (cr, x + width - r, y);
  cairo_arc (cr, x + width - r, y + r, r, 1.5 * G_PI, 2 * G_PI);
  cairo_line_to (cr, x + width, y + height);
  cairo_close_path (cr);
}

static void
draw_bars (HearthChart *self,
           cairo_t     *cr,
           const Frame *frame)
{
  guint  n_series = self->series->len;
  double group, bar, gap;

  if (n_series == 0)
    return;
  group = frame->slot_width * 0.72;
  gap = n_series > 1 ? MIN (2.0, group * 0.08) : 0;
  bar = (group - gap * (n_series - 1)) / n_series;

  for (guint s = 0; s < n_series; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);

      gdk_cairo_set_source_rgba (cr, &series->color);
      for (guint i = 0; i < frame->n; i++)
        {
          double v = value_at (series, i);
          double x, y;

          if (isnan (v) || v <= self->y_min)
            continue;
          x = x_for (frame, i) - group / 2 + s * (bar + gap);
          y = y_for (self, frame, v);
          rounded_top_rect (cr, x, y, bar, frame->bottom - y);
          cairo_fill (cr);
        }
    }
}

static void
hearth_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  HearthChart *self = HEARTH_CHART (widget);
  int          width = gtk_widget_get_width (widget);
  int          height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = NULL;
  PangoAttrList *attrs;
  cairo_t       *cr;
  GdkRGBA        fg;
  Frame          frame;

  if (width <= 0 || height <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  layout = gtk_widget_create_pango_layout (widget, NULL);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  layout_frame (self, layout, width, height, &frame);
  if (frame.right <= frame.left || frame.bottom <= frame.top)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_axes (self, cr, layout, &frame, &fg);
  if (self->style == HEARTH_CHART_BARS)
    draw_bars (self, cr, &frame);
  else
    draw_lines (self, cr, &frame);
  cairo_destroy (cr);
}

/* Hovering a slot names it and its values. */
static gboolean
hearth_chart_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip)
{
  HearthChart *self = HEARTH_CHART (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  Frame frame;
  guint slot;

  layout_frame (self, layout, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &frame);
  if (keyboard || frame.n == 0 || frame.slot_width <= 0 || x < frame.left || x >= frame.right)
    return FALSE;
  slot = (guint) ((x - frame.left) / frame.slot_width);
  if (slot >= frame.n)
    return FALSE;

  if (self->x_labels != NULL && slot < g_strv_length (self->x_labels))
    g_string_append (text, self->x_labels[slot]);
  for (guint s = 0; s < self->series->len; s++)
    {
      Series          *series = g_ptr_array_index (self->series, s);
      double           v = value_at (series, slot);
      g_autofree char *value = NULL;

      if (isnan (v))
        continue;
      value = y_label (self, self->y_unit ? round (v) : v);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* The name of a series and its value, e.g. "Alex: 4.5" */
      g_string_append_printf (text, "%s: %s", series->name, value);
    }
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
hearth_chart_measure (GtkWidget     *widget,
                      GtkOrientation orientation,
                      int            for_size,
                      int           *minimum,
                      int           *natural,
                      int           *minimum_baseline,
                      int           *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 480;
    }
  else
    {
      *minimum = 150;
      *natural = 180;
    }
}

static void
hearth_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (hearth_chart_parent_class)->css_changed (widget, change);
  /* The colours follow the theme, as in a switch to dark. */
  gtk_widget_queue_draw (widget);
}

static void
hearth_chart_finalize (GObject *object)
{
  HearthChart *self = HEARTH_CHART (object);

  g_ptr_array_unref (self->series);
  g_strfreev (self->x_labels);
  g_free (self->y_unit);
  g_free (self->description);

  G_OBJECT_CLASS (hearth_chart_parent_class)->finalize (object);
}

static void
hearth_chart_class_init (HearthChartClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hearth_chart_finalize;
  widget_class->snapshot = hearth_chart_snapshot;
  widget_class->measure = hearth_chart_measure;
  widget_class->query_tooltip = hearth_chart_query_tooltip;
  widget_class->css_changed = hearth_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "hearth-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hearth_chart_init (HearthChart *self)
{
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  self->y_min = 0;
  self->y_max = 1;
  self->y_step = 1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/**
 * hearth_chart_new:
 * @style: lines or bars
 *
 * Returns: (transfer floating): an empty chart
 */
GtkWidget *
hearth_chart_new (HearthChartStyle style)
{
  HearthChart *self = g_object_new (HEARTH_TYPE_CHART, NULL);

  self->style = style;
  return GTK_WIDGET (self);
}

HearthChartStyle
hearth_chart_get_style (HearthChart *self)
{
  g_return_val_if_fail (HEARTH_IS_CHART (self), HEARTH_CHART_LINES);

  return self->style;
}

/**
 * hearth_chart_set_x_labels:
 * @labels: (nullable) (array zero-terminated=1): one label per slot
 */
void
hearth_chart_set_x_labels (HearthChart       *self,
                           const char *const *labels)
{
  g_return_if_fail (HEARTH_IS_CHART (self));

  g_strfreev (self->x_labels);
  self->x_labels = g_strdupv ((char **) labels);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * hearth_chart_set_y_range:
 * @min: the value at the bottom
 * @max: the value at the top
 * @step: the distance between the value lines
 * @unit: (nullable): written after each value, such as " %"
 */
void
hearth_chart_set_y_range (HearthChart *self,
                          double       min,
                          double       max,
                          double       step,
                          const char  *unit)
{
  g_return_if_fail (HEARTH_IS_CHART (self));
  g_return_if_fail (max > min);
  g_return_if_fail (step > 0);

  self->y_min = min;
  self->y_max = max;
  self->y_step = step;
  g_free (self->y_unit);
  self->y_unit = g_strdup (unit);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hearth_chart_clear (HearthChart *self)
{
  g_return_if_fail (HEARTH_IS_CHART (self));

  g_ptr_array_set_size (self->series, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * hearth_chart_add_series:
 * @name: what the series is, for the tooltip (a partner's name)
 * @color: its colour
 * @values: (array length=n_values): one value per slot, NAN for none
 */
void
hearth_chart_add_series (HearthChart   *self,
                         const char    *name,
                         const GdkRGBA *color,
                         const double  *values,
                         guint          n_values)
{
  Series *series;

  g_return_if_fail (HEARTH_IS_CHART (self));
  g_return_if_fail (color != NULL);
  g_return_if_fail (values != NULL || n_values == 0);

  series = g_new0 (Series, 1);
  series->name = g_strdup (name ? name : "");
  series->color = *color;
  series->values = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
  g_array_append_vals (series->values, values, n_values);
  g_ptr_array_add (self->series, series);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
hearth_chart_get_n_series (HearthChart *self)
{
  g_return_val_if_fail (HEARTH_IS_CHART (self), 0);

  return self->series->len;
}

/**
 * hearth_chart_has_data:
 *
 * Returns: whether any series has a value to draw (bars: above the bottom)
 */
gboolean
hearth_chart_has_data (HearthChart *self)
{
  g_return_val_if_fail (HEARTH_IS_CHART (self), FALSE);

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);

      for (guint i = 0; i < series->values->len; i++)
        {
          double v = g_array_index (series->values, double, i);

          if (!isnan (v) && (self->style == HEARTH_CHART_LINES || v > self->y_min))
            return TRUE;
        }
    }
  return FALSE;
}

/**
 * hearth_chart_set_description:
 * @description: what the chart shows, in words, for a screen reader
 */
void
hearth_chart_set_description (HearthChart *self,
                              const char  *description)
{
  g_return_if_fail (HEARTH_IS_CHART (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : "", -1);
}

/**
 * hearth_chart_get_description:
 * Returns: (nullable): the text alternative
 */
const char *
hearth_chart_get_description (HearthChart *self)
{
  g_return_val_if_fail (HEARTH_IS_CHART (self), NULL);

  return self->description;
}
