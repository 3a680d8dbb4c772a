/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * HearthChartStyle:
 * @HEARTH_CHART_LINES: each series a line through its points
 * @HEARTH_CHART_BARS: each slot a group of bars, one per series
 */
typedef enum
{
  HEARTH_CHART_LINES,
  HEARTH_CHART_BARS,
} HearthChartStyle;

#define HEARTH_TYPE_CHART (hearth_chart_get_type ())

G_DECLARE_FINAL_TYPE (HearthChart, hearth_chart, HEARTH, CHART, GtkWidget)

GtkWidget       *hearth_chart_new (HearthChartStyle style);
HearthChartStyle hearth_chart_get_style (HearthChart *self);
void             hearth_chart_set_x_labels (HearthChart       *self,
                                            const char *const *labels);
void             hearth_chart_set_y_range (HearthChart *self,
                                           double       min,
                                           double       max,
                                           double       step,
                                           const char  *unit);
void             hearth_chart_clear (HearthChart *self);
void             hearth_chart_add_series (HearthChart   *self,
                                          const char    *name,
                                          const GdkRGBA *color,
                                          const double  *values,
                                          guint          n_values);
guint            hearth_chart_get_n_series (HearthChart *self);
gboolean         hearth_chart_has_data (HearthChart *self);
void             hearth_chart_set_description (HearthChart *self,
                                               const char  *description);
const char      *hearth_chart_get_description (HearthChart *self);

G_END_DECLS
