/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hearth-ritual-row.h"

/* One ritual in the rituals page's list: its title and when it comes round,
 * its consistency score with a chart of the last six months, and its
 * streaks. Activating the row opens the ritual in the editor (the page's). */

/* The score chart looks this far back. */
#define CHART_DAYS 182
/* The trend compares the score now with the score this long ago. */
#define TREND_DAYS 28

struct _HearthRitualRow
{
  GtkListBoxRow parent_instance;

  GtkLabel       *title;
  GtkLabel       *when;
  GtkLabel       *score;
  GtkDrawingArea *chart;
  GtkLabel       *current_streak;
  GtkLabel       *best_streak;

  HearthRitual *ritual;
  GArray       *series; /* HearthScorePoint */
  GDate         today;
};

G_DEFINE_FINAL_TYPE (HearthRitualRow, hearth_ritual_row, GTK_TYPE_LIST_BOX_ROW)

/* Traces the score as steps, one at each occurrence, from the chart's left
 * edge (or the ritual's first occurrence) to its right edge; returns the x
 * where it began. */
static double
trace_score (cairo_t     *cr,
             GArray      *series,
             const GDate *from,
             int          width,
             double       top,
             double       bottom)
{
  double   last_y = bottom - hearth_stats_score_at (series, from) * (bottom - top);
  double   start_x = 0;
  gboolean started = FALSE;

  for (guint i = 0; i < series->len; i++)
    {
      const HearthScorePoint *p = &g_array_index (series, HearthScorePoint, i);
      double                  days = (double) g_date_get_julian (&p->date) - g_date_get_julian (from);
      double                  x, y;

      if (days < 0)
        continue;
      x = days / CHART_DAYS * width;
      y = bottom - p->score * (bottom - top);
      if (!started)
        {
          start_x = i == 0 ? x : 0;
          cairo_move_to (cr, start_x, last_y);
          started = TRUE;
        }
      cairo_line_to (cr, x, last_y);
      cairo_line_to (cr, x, y);
      last_y = y;
    }
  if (!started)
    cairo_move_to (cr, 0, last_y);
  cairo_line_to (cr, width, last_y);
  return start_x;
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  static const double dash[] = { 2, 3 };
  HearthRitualRow    *self = user_data;
  GtkStyleContext    *context = gtk_widget_get_style_context (GTK_WIDGET (area));
  GdkRGBA             accent, fg;
  GDate               from = self->today;
  double              top = 2, bottom = height - 2, start_x, middle = floor ((top + bottom) / 2) + 0.5;

  if (self->series == NULL || !g_date_valid (&from))
    return;
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    gdk_rgba_parse (&accent, "#c64600");
  gtk_style_context_get_color (context, &fg);
  g_date_subtract_days (&from, CHART_DAYS);

  /* A faint baseline and a dotted half-way line. */
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
  cairo_move_to (cr, 0, bottom + 0.5);
  cairo_line_to (cr, width, bottom + 0.5);
  cairo_stroke (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, 0, middle);
  cairo_line_to (cr, width, middle);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* The area under the score, softly, then the line. */
  start_x = trace_score (cr, self->series, &from, width, top, bottom);
  cairo_line_to (cr, width, bottom);
  cairo_line_to (cr, start_x, bottom);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.15);
  cairo_fill (cr);

  trace_score (cr, self->series, &from, width, top, bottom);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
  cairo_stroke (cr);
}

/* “Consistency 72 %, rising”: the chart's text alternative. */
static char *
describe_trend (GArray      *series,
                double       score,
                const GDate *today)
{
  GDate  before = *today;
  int    percent = (int) floor (score * 100 + 0.5);
  double then;

  g_date_subtract_days (&before, TREND_DAYS);
  then = hearth_stats_score_at (series, &before);
  if (score - then > 0.01)
    /* TRANSLATORS: the text alternative of a ritual's consistency chart */
    return g_strdup_printf (_ ("Consistency %d %%, rising"), percent);
  if (then - score > 0.01)
    /* TRANSLATORS: the text alternative of a ritual's consistency chart */
    return g_strdup_printf (_ ("Consistency %d %%, falling"), percent);
  /* TRANSLATORS: the text alternative of a ritual's consistency chart */
  return g_strdup_printf (_ ("Consistency %d %%, steady"), percent);
}

static void
hearth_ritual_row_dispose (GObject *object)
{
  HearthRitualRow *self = HEARTH_RITUAL_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_RITUAL_ROW);
  g_clear_object (&self->ritual);
  g_clear_pointer (&self->series, g_array_unref);

  G_OBJECT_CLASS (hearth_ritual_row_parent_class)->dispose (object);
}

static void
hearth_ritual_row_class_init (HearthRitualRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_ritual_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-ritual-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthRitualRow, title);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualRow, when);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualRow, score);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualRow, chart);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualRow, current_streak);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualRow, best_streak);
}

static void
hearth_ritual_row_init (HearthRitualRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_date_clear (&self->today, 1);
  /* The chart draws from the row, which outlives it. */
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
}

/**
 * hearth_ritual_row_new:
 *
 * Returns: (transfer floating): an empty row; give it a ritual and its stats
 */
GtkWidget *
hearth_ritual_row_new (void)
{
  return g_object_new (HEARTH_TYPE_RITUAL_ROW, NULL);
}

/**
 * hearth_ritual_row_set_ritual:
 * @ritual: the ritual the row shows
 * @when: when it comes round, e.g. "Every week on Sunday at 10:30"
 */
void
hearth_ritual_row_set_ritual (HearthRitualRow *self,
                              HearthRitual    *ritual,
                              const char      *when)
{
  const char *title;

  g_return_if_fail (HEARTH_IS_RITUAL_ROW (self));
  g_return_if_fail (HEARTH_IS_RITUAL (ritual));

  g_set_object (&self->ritual, ritual);
  title = hearth_ritual_get_title (ritual);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->when, when);
}

/**
 * hearth_ritual_row_set_stats:
 * @stats: the ritual's streaks and score up to @today
 * @series: (element-type HearthScorePoint): its score after each occurrence
 * @today: the local date today, the chart's right edge
 */
void
hearth_ritual_row_set_stats (HearthRitualRow         *self,
                             const HearthRitualStats *stats,
                             GArray                  *series,
                             const GDate             *today)
{
  g_autofree char *percent = NULL;
  g_autofree char *current = NULL;
  g_autofree char *best = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (HEARTH_IS_RITUAL_ROW (self));
  g_return_if_fail (stats != NULL && series != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));

  g_clear_pointer (&self->series, g_array_unref);
  self->series = g_array_ref (series);
  self->today = *today;

  /* TRANSLATORS: a consistency score in percent, e.g. "72 %" */
  percent = g_strdup_printf (_ ("%d %%"), (int) floor (stats->score * 100 + 0.5));
  gtk_label_set_text (self->score, percent);

  description = describe_trend (series, stats->score, today);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chart), description);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));

  /* TRANSLATORS: done occurrences in a row up to today */
  current = g_strdup_printf (_ ("Current streak: %u"), stats->current_streak);
  /* TRANSLATORS: the longest run of done occurrences */
  best = g_strdup_printf (_ ("Best streak: %u"), stats->best_streak);
  gtk_label_set_text (self->current_streak, current);
  gtk_label_set_text (self->best_streak, best);
}

/**
 * hearth_ritual_row_get_ritual:
 *
 * Returns: (transfer none) (nullable): the ritual the row shows
 */
HearthRitual *
hearth_ritual_row_get_ritual (HearthRitualRow *self)
{
  g_return_val_if_fail (HEARTH_IS_RITUAL_ROW (self), NULL);

  return self->ritual;
}
