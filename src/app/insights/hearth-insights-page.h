/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-chart.h"
#include "hearth-journal.h"

G_BEGIN_DECLS

/**
 * HearthInsight:
 * @HEARTH_INSIGHT_RATINGS: check-in ratings per week, a line per partner
 * @HEARTH_INSIGHT_GRATITUDE: thanks per week, bars each way
 * @HEARTH_INSIGHT_RITUALS: each ritual's consistency score
 */
typedef enum
{
  HEARTH_INSIGHT_RATINGS,
  HEARTH_INSIGHT_GRATITUDE,
  HEARTH_INSIGHT_RITUALS,
  HEARTH_N_INSIGHTS
} HearthInsight;

#define HEARTH_TYPE_INSIGHTS_PAGE (hearth_insights_page_get_type ())

G_DECLARE_FINAL_TYPE (HearthInsightsPage, hearth_insights_page, HEARTH, INSIGHTS_PAGE, AdwBin)

GtkWidget     *hearth_insights_page_new (HearthJournal *journal);
HearthJournal *hearth_insights_page_get_journal (HearthInsightsPage *self);
void           hearth_insights_page_set_months (HearthInsightsPage *self,
                                                guint               months);
guint          hearth_insights_page_get_months (HearthInsightsPage *self);
void           hearth_insights_page_set_dimension (HearthInsightsPage *self,
                                                   int                 dimension);
HearthChart   *hearth_insights_page_get_chart (HearthInsightsPage *self,
                                               HearthInsight       insight);
gboolean       hearth_insights_page_is_empty (HearthInsightsPage *self);

G_END_DECLS
