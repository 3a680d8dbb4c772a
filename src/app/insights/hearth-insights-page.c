/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hearth-checkin.h"
#include "hearth-gratitude.h"
#include "hearth-gratitude-row.h"
#include "hearth-insights-page.h"
#include "hearth-partner.h"
#include "hearth-recurrence.h"
#include "hearth-ritual.h"
#include "hearth-stats.h"
#include "hearth-text.h"
#include "hearth-ui-util.h"

/* Insights: how things move, week by week, over the last months: the
 * check-in ratings of each partner, the thanks going each way, and how
 * consistently each ritual is kept. Plotted, each with a text alternative
 * that says the same in words. Everything is computed again from the
 * journal's models when a record changes, here or on the partner's device. */

/* Rituals have no colour of their own: they take these in turn (GNOME
 * palette, the 3 shades that read on light and dark). */
static const char *ritual_palette[] = {
  "#3584e4", "#33d17a", "#9141ac", "#e5a50a", "#e01b24", "#986a44", "#26a269", "#1c71d8"
};

struct _HearthInsightsPage
{
  AdwBin parent_instance;

  HearthJournal *journal;
  guint          months;
  int            dimension; /* -1: all five on average */
  guint          refresh_id;
  HearthChart   *charts[HEARTH_N_INSIGHTS];

  GtkStack        *stack;
  GtkToggleButton *range_3;
  GtkToggleButton *range_6;
  GtkToggleButton *range_12;
  GtkDropDown     *dimension_dropdown;
  GtkFlowBox      *ratings_legend;
  GtkWidget       *ratings_slot;
  GtkLabel        *ratings_empty;
  GtkFlowBox      *gratitude_legend;
  GtkWidget       *gratitude_slot;
  GtkLabel        *gratitude_empty;
  GtkFlowBox      *rituals_legend;
  GtkWidget       *rituals_slot;
  GtkLabel        *rituals_empty;
};

G_DEFINE_FINAL_TYPE (HearthInsightsPage, hearth_insights_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The weeks shown: from the Monday @n_weeks - 1 weeks before this one. */
typedef struct
{
  GDate today;
  GDate from;
  guint n_weeks;
} Range;

static void
get_range (HearthInsightsPage *self,
           Range              *range)
{
  GDate monday;

  hearth_date_get_today (&range->today);
  range->n_weeks = self->months == 12 ? 52 : (self->months == 6 ? 26 : 13);
  hearth_stats_week_start (&range->today, &monday);
  range->from = monday;
  g_date_subtract_days (&range->from, 7 * (range->n_weeks - 1));
}

static GStrv
week_labels (const Range *range)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < range->n_weeks; i++)
    {
      GDate monday = range->from;
      g_autoptr(GDateTime) time = NULL;
      g_autofree char *label = NULL;

      g_date_add_days (&monday, 7 * i);
      time = g_date_time_new_local (g_date_get_year (&monday), g_date_get_month (&monday),
                                    g_date_get_day (&monday), 12, 0, 0);
      /* Translators: the Monday a week starts on, under a chart, e.g. "9 Nov"; see g_date_time_format() */
      label = g_date_time_format (time, _ ("%-d %b"));
      g_strv_builder_add (builder, label);
    }
  return g_strv_builder_end (builder);
}

static const char *
partner_name (HearthInsightsPage *self,
              const char         *id)
{
  HearthRecord *partner = id ? hearth_journal_get_partner (self->journal, id) : NULL;
  const char   *name = partner ? hearth_partner_get_name (HEARTH_PARTNER (partner)) : NULL;

  return name ? name : _ ("Someone");
}

static void
partner_rgba (HearthInsightsPage *self,
              const char         *id,
              const char         *fallback,
              GdkRGBA            *rgba)
{
  HearthRecord *partner = id ? hearth_journal_get_partner (self->journal, id) : NULL;
  const char   *color = partner ? hearth_partner_get_color (HEARTH_PARTNER (partner)) : NULL;

  if (color == NULL || !gdk_rgba_parse (rgba, color))
    gdk_rgba_parse (rgba, fallback);
}

/* ------------------------------------------------------------------------ */
/* Words for the charts                                                      */

static char *
format_value (double   value,
              gboolean percent)
{
  if (percent)
    /* Translators: a consistency score in a chart's description, e.g. "72 %" */
    return g_strdup_printf (_ ("%d %%"), (int) round (value));
  if (fabs (value - round (value)) < 0.05)
    return g_strdup_printf ("%d", (int) round (value));
  return g_strdup_printf ("%.1f", value);
}

/* "Alex to Sam from 0 to 4, mostly rising": the lowest and highest value,
 * and whether the later half of the weeks is higher or lower than the
 * earlier, compared with @span, the height of the chart. */
static char *
describe_series (const char   *name,
                 const double *values,
                 guint         n,
                 double        span,
                 gboolean      percent)
{
  double           min = INFINITY, max = -INFINITY, first = 0, second = 0;
  guint            n_values = 0, n_first = 0, n_second = 0, seen = 0;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  const char      *trend;

  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      n_values++;
  if (n_values == 0)
    /* Translators: a series without values in a chart's description, e.g. "Sam: none yet" */
    return g_strdup_printf (_ ("%s: none yet"), name);

  for (guint i = 0; i < n; i++)
    {
      if (isnan (values[i]))
        continue;
      min = MIN (min, values[i]);
      max = MAX (max, values[i]);
      if (seen < n_values / 2)
        {
          first += values[i];
          n_first++;
        }
      else
        {
          second += values[i];
          n_second++;
        }
      seen++;
    }
  if (!percent && max == 0)
    return g_strdup_printf (_ ("%s: none yet"), name);
  low = format_value (min, percent);
  high = format_value (max, percent);
  if (n_values == 1)
    /* Translators: one value in a chart's description, e.g. "Sam: 4 in one week" */
    return g_strdup_printf (_ ("%1$s: %2$s in one week"), name, low);

  first = n_first > 0 ? first / n_first : 0;
  second = n_second > 0 ? second / n_second : 0;
  if (second - first > span * 0.05)
    trend = _ ("mostly rising");
  else if (first - second > span * 0.05)
    trend = _ ("mostly falling");
  else
    trend = _ ("fairly steady");
  if (g_strcmp0 (low, high) == 0)
    /* Translators: a series in a chart's description, e.g. "Sam at 4 throughout" */
    return g_strdup_printf (_ ("%1$s at %2$s throughout"), name, low);
  /* Translators: a series in a chart's description, e.g. "Alex to Sam from 0 to 4, mostly rising" */
  return g_strdup_printf (_ ("%1$s from %2$s to %3$s, %4$s"), name, low, high, trend);
}

static void
clear_legend (GtkFlowBox *legend)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (legend))))
    gtk_flow_box_remove (legend, child);
}

static void
add_legend (GtkFlowBox    *legend,
            const char    *name,
            const GdkRGBA *color)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *child;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 10);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), hearth_draw_color_dot,
                                  gdk_rgba_copy (color), (GDestroyNotify) gdk_rgba_free);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), label);
  gtk_flow_box_append (legend, box);
  child = gtk_widget_get_parent (box);
  gtk_widget_set_focusable (child, FALSE);
}

static void
show_chart (HearthInsightsPage *self,
            HearthInsight       insight,
            GtkFlowBox         *legend,
            GtkLabel           *empty,
            const char         *empty_text)
{
  gboolean has_data = hearth_chart_has_data (self->charts[insight]);

  gtk_widget_set_visible (GTK_WIDGET (self->charts[insight]), has_data);
  gtk_widget_set_visible (GTK_WIDGET (legend), has_data);
  gtk_label_set_label (empty, empty_text);
  gtk_widget_set_visible (GTK_WIDGET (empty), !has_data);
}

/* ------------------------------------------------------------------------ */
/* Check-in ratings                                                          */

static void
refresh_ratings (HearthInsightsPage *self,
                 const Range        *range,
                 GStrv               labels)
{
  GListModel  *model = hearth_journal_get_model (self->journal, HEARTH_KIND_CHECKIN);
  HearthChart *chart = self->charts[HEARTH_INSIGHT_RATINGS];
  g_autoptr(GArray) ratings = g_array_new (FALSE, FALSE, sizeof (HearthRating));
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) description = g_string_new (NULL);
  const char      *ids[2] = { hearth_journal_get_me (self->journal), hearth_journal_get_partner_id (self->journal) };
  const char      *fallback[2] = { "#e66100", "#3584e4" };
  const char      *dimension = self->dimension >= 0 ? hearth_checkin_dimension_id (self->dimension) : NULL;
  g_autofree char *what = NULL;

  /* Every rating of every check-in; the records stay alive in @held while
   * the ratings point at their strings. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      HearthCheckin *checkin = g_list_model_get_item (model, i);

      g_ptr_array_add (held, checkin);
      hearth_checkin_append_ratings (checkin, ratings);
    }

  hearth_chart_clear (chart);
  hearth_chart_set_x_labels (chart, (const char *const *) labels);
  hearth_chart_set_y_range (chart, 1, 5, 1, NULL);
  clear_legend (self->ratings_legend);

  if (self->dimension >= 0)
    what = g_utf8_strdown (hearth_checkin_dimension_label (self->dimension), -1);
  else
    what = g_strdup (_ ("all five on average"));
  /* Translators: the start of a chart's description, e.g. "Check-in ratings per week over 13 weeks, all five on average: " */
  g_string_append_printf (description, _ ("Check-in ratings per week over %1$u weeks, %2$s: "), range->n_weeks, what);

  for (guint who = 0; who < 2; who++)
    {
      g_autoptr(GArray) weeks = NULL;
      g_autofree double *values = NULL;
      g_autofree char   *summary = NULL;
      const char        *name = partner_name (self, ids[who]);
      GdkRGBA            color;

      if (ids[who] == NULL)
        continue;
      weeks = hearth_stats_weekly_ratings ((const HearthRating *) (gpointer) ratings->data, ratings->len,
                                           ids[who], dimension, &range->from, &range->today);
      values = g_new (double, weeks->len);
      for (guint i = 0; i < weeks->len; i++)
        {
          const HearthWeekAverage *week = &g_array_index (weeks, HearthWeekAverage, i);

          values[i] = week->n > 0 ? week->average : NAN;
        }
      partner_rgba (self, ids[who], fallback[who], &color);
      hearth_chart_add_series (chart, name, &color, values, weeks->len);
      add_legend (self->ratings_legend, name, &color);
      summary = describe_series (name, values, weeks->len, 4, FALSE);
      if (who > 0)
        g_string_append (description, "; ");
      g_string_append (description, summary);
    }
  g_string_append_c (description, '.');
  hearth_chart_set_description (chart, description->str);
  /* Nothing to choose from before the first check-in. */
  gtk_widget_set_visible (GTK_WIDGET (self->dimension_dropdown), ratings->len > 0);
  show_chart (self, HEARTH_INSIGHT_RATINGS, self->ratings_legend, self->ratings_empty,
              g_list_model_get_n_items (model) > 0
                ? _ ("No check-in ratings in these weeks. Try a longer time range.")
                : _ ("Your check-in ratings will show here after your first check-in."));
}

/* ------------------------------------------------------------------------ */
/* Gratitude                                                                 */

/* A value axis for counts: whole steps, at most about five lines. */
static void
count_axis (double  max,
            double *top,
            double *step)
{
  double s = max <= 5 ? 1 : ceil (max / 4);

  *step = s;
  *top = MAX (s * ceil (max / s), 2);
}

static void
refresh_gratitude (HearthInsightsPage *self,
                   const Range        *range,
                   GStrv               labels)
{
  GListModel  *model = hearth_journal_get_model (self->journal, HEARTH_KIND_GRATITUDE);
  HearthChart *chart = self->charts[HEARTH_INSIGHT_GRATITUDE];
  const char  *ids[2] = { hearth_journal_get_me (self->journal), hearth_journal_get_partner_id (self->journal) };
  const char  *fallback[2] = { "#e66100", "#3584e4" };
  g_autoptr(GArray) my_dates = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_autoptr(GArray) partner_dates = g_array_new (FALSE, FALSE, sizeof (GDate));
  GArray *dates[2] = { my_dates, partner_dates };
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree double *my_values = NULL;
  g_autofree double *partner_values = NULL;
  double            *values[2] = { NULL, NULL };
  guint              n_weeks = 0;
  double             max = 0, top, step;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HearthGratitude) note = g_list_model_get_item (model, i);
      const char *from = hearth_gratitude_get_from (note);
      GDate       date;

      if (!hearth_date_parse (hearth_gratitude_get_date (note), &date))
        continue;
      for (guint who = 0; who < 2; who++)
        if (ids[who] != NULL && g_strcmp0 (from, ids[who]) == 0)
          g_array_append_val (dates[who], date);
    }

  for (guint who = 0; who < 2; who++)
    {
      g_autoptr(GArray) weeks = hearth_stats_weekly_counts ((const GDate *) (gpointer) dates[who]->data, dates[who]->len,
                                                             &range->from, &range->today);

      n_weeks = weeks->len;
      values[who] = g_new (double, weeks->len);
      if (who == 0)
        my_values = values[who];
      else
        partner_values = values[who];
      for (guint i = 0; i < weeks->len; i++)
        {
          values[who][i] = g_array_index (weeks, HearthWeekCount, i).count;
          max = MAX (max, values[who][i]);
        }
    }

  count_axis (max, &top, &step);
  hearth_chart_clear (chart);
  hearth_chart_set_x_labels (chart, (const char *const *) labels);
  hearth_chart_set_y_range (chart, 0, top, step, NULL);
  clear_legend (self->gratitude_legend);

  /* Translators: the start of a chart's description, e.g. "Gratitude per week over 13 weeks: " */
  g_string_append_printf (description, _ ("Gratitude per week over %u weeks: "), range->n_weeks);
  for (guint who = 0; who < 2; who++)
    {
      const char      *from = ids[who];
      const char      *to = ids[1 - who];
      /* Translators: who thanked whom, in a chart's legend, e.g. "Alex → Sam" */
      g_autofree char *arrow = g_strdup_printf (_ ("%1$s → %2$s"), partner_name (self, from), partner_name (self, to));
      /* Translators: who thanked whom, in a chart's description, e.g. "Alex to Sam" */
      g_autofree char *words = g_strdup_printf (_ ("%1$s to %2$s"), partner_name (self, from), partner_name (self, to));
      g_autofree char *summary = NULL;
      GdkRGBA          color;

      if (from == NULL)
        continue;
      partner_rgba (self, from, fallback[who], &color);
      hearth_chart_add_series (chart, arrow, &color, values[who], n_weeks);
      add_legend (self->gratitude_legend, arrow, &color);
      summary = describe_series (words, values[who], n_weeks, top, FALSE);
      if (who > 0)
        g_string_append (description, "; ");
      g_string_append (description, summary);
    }
  g_string_append_c (description, '.');
  hearth_chart_set_description (chart, description->str);
  show_chart (self, HEARTH_INSIGHT_GRATITUDE, self->gratitude_legend, self->gratitude_empty,
              g_list_model_get_n_items (model) > 0
                ? _ ("No thanks in these weeks. Try a longer time range.")
                : _ ("Thanks you give each other will show here, week by week."));
}

/* ------------------------------------------------------------------------ */
/* Rituals                                                                   */

static void
refresh_rituals (HearthInsightsPage *self,
                 const Range        *range,
                 GStrv               labels)
{
  GListModel  *model = hearth_journal_get_model (self->journal, HEARTH_KIND_RITUAL);
  HearthChart *chart = self->charts[HEARTH_INSIGHT_RITUALS];
  g_autoptr(GHashTable) marks = hearth_journal_collect_marks (self->journal);
  g_autoptr(GString) description = g_string_new (NULL);
  guint n_shown = 0;

  hearth_chart_clear (chart);
  hearth_chart_set_x_labels (chart, (const char *const *) labels);
  hearth_chart_set_y_range (chart, 0, 100, 25, " %");
  clear_legend (self->rituals_legend);
  /* Translators: the start of a chart's description, e.g. "Ritual consistency over 13 weeks: " */
  g_string_append_printf (description, _ ("Ritual consistency over %u weeks: "), range->n_weeks);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HearthRitual) ritual = g_list_model_get_item (model, i);
      g_autoptr(HearthRecurrence) rule = NULL;
      g_autoptr(GArray) series = NULL;
      g_autofree double *values = NULL;
      g_autofree char   *summary = NULL;
      const char        *title = hearth_ritual_get_title (ritual);
      HearthRitualStats  stats;
      GdkRGBA            color;
      GDate              start;

      if (hearth_ritual_get_archived (ritual) ||
          !hearth_date_parse (hearth_ritual_get_start (ritual), &start))
        continue;
      rule = hearth_recurrence_parse (hearth_ritual_get_recurrence (ritual), NULL);
      if (rule == NULL)
        continue;

      series = g_array_new (FALSE, FALSE, sizeof (HearthScorePoint));
      hearth_stats_ritual (rule, &start, g_hash_table_lookup (marks, hearth_record_get_id (HEARTH_RECORD (ritual))),
                           &range->today, &stats, series);
      values = g_new (double, range->n_weeks);
      for (guint w = 0; w < range->n_weeks; w++)
        {
          GDate end = range->from;

          /* The score as the week ended, or today for this week. */
          g_date_add_days (&end, 7 * w + 6);
          if (g_date_compare (&end, &range->today) > 0)
            end = range->today;
          values[w] = g_date_compare (&end, &start) < 0 ? NAN : hearth_stats_score_at (series, &end) * 100;
        }

      gdk_rgba_parse (&color, ritual_palette[n_shown % G_N_ELEMENTS (ritual_palette)]);
      hearth_chart_add_series (chart, title ? title : "", &color, values, range->n_weeks);
      add_legend (self->rituals_legend, title ? title : "", &color);
      summary = describe_series (title ? title : "", values, range->n_weeks, 100, TRUE);
      if (n_shown > 0)
        g_string_append (description, "; ");
      g_string_append (description, summary);
      n_shown++;
    }
  if (n_shown == 0)
    g_string_append (description, _ ("no rituals yet"));
  g_string_append_c (description, '.');
  hearth_chart_set_description (chart, description->str);
  show_chart (self, HEARTH_INSIGHT_RITUALS, self->rituals_legend, self->rituals_empty,
              _ ("Add a ritual on the Rituals page to see how well you keep it."));
}

/* ------------------------------------------------------------------------ */
/* Refreshing                                                                */

static void
refresh (HearthInsightsPage *self)
{
  g_auto(GStrv) labels = NULL;
  Range    range;
  gboolean empty = hearth_insights_page_is_empty (self);

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "charts");
  get_range (self, &range);
  labels = week_labels (&range);
  refresh_ratings (self, &range, labels);
  refresh_gratitude (self, &range, labels);
  refresh_rituals (self, &range, labels);
}

static void
queue_refresh (HearthInsightsPage *self)
{
  hearth_queue_idle (&self->refresh_id, G_PRIORITY_DEFAULT_IDLE, G_CALLBACK (refresh), self);
}

static void
on_range_toggled (HearthInsightsPage *self)
{
  guint months = gtk_toggle_button_get_active (self->range_12)  ? 12
                 : gtk_toggle_button_get_active (self->range_6) ? 6
                                                                : 3;

  if (months == self->months)
    return;
  self->months = months;
  if (self->journal != NULL)
    refresh (self);
}

static void
on_dimension_selected (HearthInsightsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->dimension_dropdown);
  int   dimension = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected - 1;

  if (dimension == self->dimension)
    return;
  self->dimension = dimension;
  if (self->journal != NULL)
    refresh (self);
}

/* ------------------------------------------------------------------------ */
/* Public                                                                    */

/**
 * hearth_insights_page_set_months:
 * @months: 3, 6 or 12
 *
 * Shows the weeks of the last @months months.
 */
void
hearth_insights_page_set_months (HearthInsightsPage *self,
                                 guint               months)
{
  g_return_if_fail (HEARTH_IS_INSIGHTS_PAGE (self));
  g_return_if_fail (months == 3 || months == 6 || months == 12);

  gtk_toggle_button_set_active (months == 12 ? self->range_12 : (months == 6 ? self->range_6 : self->range_3), TRUE);
}

guint
hearth_insights_page_get_months (HearthInsightsPage *self)
{
  g_return_val_if_fail (HEARTH_IS_INSIGHTS_PAGE (self), 0);

  return self->months;
}

/**
 * hearth_insights_page_set_dimension:
 * @dimension: a check-in rating dimension (0 to 4), or -1 for all five on
 *   average
 */
void
hearth_insights_page_set_dimension (HearthInsightsPage *self,
                                    int                 dimension)
{
  g_return_if_fail (HEARTH_IS_INSIGHTS_PAGE (self));
  g_return_if_fail (dimension >= -1 && dimension < HEARTH_CHECKIN_N_DIMENSIONS);

  gtk_drop_down_set_selected (self->dimension_dropdown, (guint) (dimension + 1));
}

/**
 * hearth_insights_page_get_chart:
 *
 * Returns: (transfer none): the chart of @insight
 */
HearthChart *
hearth_insights_page_get_chart (HearthInsightsPage *self,
                                HearthInsight       insight)
{
  g_return_val_if_fail (HEARTH_IS_INSIGHTS_PAGE (self), NULL);
  g_return_val_if_fail (insight < HEARTH_N_INSIGHTS, NULL);

  return self->charts[insight];
}

/**
 * hearth_insights_page_is_empty:
 *
 * Returns: whether the journal has nothing to plot yet: no check-in, no
 *   thanks and no ritual
 */
gboolean
hearth_insights_page_is_empty (HearthInsightsPage *self)
{
  g_return_val_if_fail (HEARTH_IS_INSIGHTS_PAGE (self), TRUE);

  return g_list_model_get_n_items (hearth_journal_get_model (self->journal, HEARTH_KIND_CHECKIN)) == 0 &&
         g_list_model_get_n_items (hearth_journal_get_model (self->journal, HEARTH_KIND_GRATITUDE)) == 0 &&
         g_list_model_get_n_items (hearth_journal_get_model (self->journal, HEARTH_KIND_RITUAL)) == 0;
}

/**
 * hearth_insights_page_get_journal:
 *
 * Returns: (transfer none): the journal shown
 */
HearthJournal *
hearth_insights_page_get_journal (HearthInsightsPage *self)
{
  g_return_val_if_fail (HEARTH_IS_INSIGHTS_PAGE (self), NULL);

  return self->journal;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
hearth_insights_page_constructed (GObject *object)
{
  HearthInsightsPage     *self = HEARTH_INSIGHTS_PAGE (object);
  static const HearthKind kinds[] = {
    HEARTH_KIND_CHECKIN, HEARTH_KIND_GRATITUDE, HEARTH_KIND_RITUAL, HEARTH_KIND_OCCURRENCE, HEARTH_KIND_PARTNER
  };

  G_OBJECT_CLASS (hearth_insights_page_parent_class)->constructed (object);

  g_return_if_fail (HEARTH_IS_JOURNAL (self->journal));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_signal_connect_object (hearth_journal_get_model (self->journal, kinds[i]), "items-changed",
                             G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
hearth_insights_page_map (GtkWidget *widget)
{
  HearthInsightsPage *self = HEARTH_INSIGHTS_PAGE (widget);

  GTK_WIDGET_CLASS (hearth_insights_page_parent_class)->map (widget);

  /* A new week may have begun since: catch up when shown again. */
  if (self->journal != NULL)
    queue_refresh (self);
}

static void
hearth_insights_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HearthInsightsPage *self = HEARTH_INSIGHTS_PAGE (object);

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
hearth_insights_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HearthInsightsPage *self = HEARTH_INSIGHTS_PAGE (object);

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
hearth_insights_page_dispose (GObject *object)
{
  HearthInsightsPage *self = HEARTH_INSIGHTS_PAGE (object);

  if (self->journal != NULL)
    for (HearthKind kind = 0; kind < HEARTH_N_KINDS; kind++)
      g_signal_handlers_disconnect_by_data (hearth_journal_get_model (self->journal, kind), self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_INSIGHTS_PAGE);
  memset (self->charts, 0, sizeof self->charts);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_insights_page_parent_class)->dispose (object);
}

static void
hearth_insights_page_class_init (HearthInsightsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hearth_insights_page_constructed;
  object_class->get_property = hearth_insights_page_get_property;
  object_class->set_property = hearth_insights_page_set_property;
  object_class->dispose = hearth_insights_page_dispose;
  widget_class->map = hearth_insights_page_map;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hearthjournal/Hearth/hearth-insights-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, range_3);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, range_6);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, range_12);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, dimension_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, ratings_legend);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, ratings_slot);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, ratings_empty);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, gratitude_legend);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, gratitude_slot);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, gratitude_empty);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, rituals_legend);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, rituals_slot);
  gtk_widget_class_bind_template_child (widget_class, HearthInsightsPage, rituals_empty);
  gtk_widget_class_bind_template_callback (widget_class, on_range_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_dimension_selected);
}

static void
hearth_insights_page_init (HearthInsightsPage *self)
{
  g_autoptr(GtkStringList) dimensions = gtk_string_list_new (NULL);
  static const struct
  {
    HearthInsight    insight;
    HearthChartStyle style;
    const char      *label;
  } charts[] = {
    { HEARTH_INSIGHT_RATINGS, HEARTH_CHART_LINES, N_ ("Check-in ratings per week") },
    { HEARTH_INSIGHT_GRATITUDE, HEARTH_CHART_BARS, N_ ("Gratitude per week") },
    { HEARTH_INSIGHT_RITUALS, HEARTH_CHART_LINES, N_ ("Ritual consistency per week") },
  };

  self->months = 3;
  self->dimension = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a template child: the bin owns it, and disposing the template would
   * unparent it behind the bin's back. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  gtk_string_list_append (dimensions, _ ("All Five, on Average"));
  for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
    gtk_string_list_append (dimensions, hearth_checkin_dimension_label (d));
  g_signal_handlers_block_by_func (self->dimension_dropdown, on_dimension_selected, self);
  gtk_drop_down_set_model (self->dimension_dropdown, G_LIST_MODEL (dimensions));
  gtk_drop_down_set_selected (self->dimension_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->dimension_dropdown, on_dimension_selected, self);

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      GtkWidget *slot = charts[i].insight == HEARTH_INSIGHT_RATINGS     ? self->ratings_slot
                        : charts[i].insight == HEARTH_INSIGHT_GRATITUDE ? self->gratitude_slot
                                                                        : self->rituals_slot;
      GtkWidget *chart = hearth_chart_new (charts[i].style);

      gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, _ (charts[i].label), -1);
      gtk_widget_set_hexpand (chart, TRUE);
      gtk_box_append (GTK_BOX (slot), chart);
      self->charts[charts[i].insight] = HEARTH_CHART (chart);
    }
}

/**
 * hearth_insights_page_new:
 * @journal: an unlocked journal
 *
 * Returns: (transfer floating): the insights of @journal
 */
GtkWidget *
hearth_insights_page_new (HearthJournal *journal)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  return g_object_new (HEARTH_TYPE_INSIGHTS_PAGE, "journal", journal, NULL);
}
