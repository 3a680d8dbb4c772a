/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-day-picker.h"
#include "hearth-print-options.h"

/* The Journal tab of the print dialog: which days, whose pages, and
 * whether notes of thanks and check-ins come along. Every change goes
 * straight to the HearthPrint, and a line at the bottom says what that
 * will print — or that nothing fits, before anyone presses Print. */
struct _HearthPrintOptions
{
  AdwBin parent_instance;

  HearthPrint *print;

  GtkCheckButton  *all_check;
  GtkCheckButton  *range_check;
  AdwActionRow    *from_row;
  AdwActionRow    *to_row;
  HearthDayPicker *from_picker;
  HearthDayPicker *to_picker;
  AdwComboRow     *partner_row;
  GtkSwitch       *gratitude_switch;
  GtkSwitch       *checkins_switch;
  GtkImage        *summary_icon;
  GtkLabel        *summary_label;
};

G_DEFINE_FINAL_TYPE (HearthPrintOptions, hearth_print_options, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_PRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_summary (HearthPrintOptions *self)
{
  g_autofree char *summary = hearth_print_dup_summary (self->print);

  gtk_widget_set_visible (GTK_WIDGET (self->summary_icon), summary == NULL);
  if (summary == NULL)
    {
      gtk_label_set_text (self->summary_label,
                          _ ("Nothing fits these choices, so there is nothing to print. Try other dates, or both of you under Written By."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "dim-label");
      return;
    }
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
}

static void
apply_dates (HearthPrintOptions *self)
{
  gboolean range = gtk_check_button_get_active (self->range_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->from_row), range);
  gtk_widget_set_sensitive (GTK_WIDGET (self->to_row), range);
  hearth_print_set_from (self->print, range ? hearth_day_picker_get_date (self->from_picker) : NULL);
  hearth_print_set_to (self->print, range ? hearth_day_picker_get_date (self->to_picker) : NULL);
}

/* The range never runs backwards: moving one end past the other takes it along. */
static void
on_from_changed (HearthPrintOptions *self)
{
  const char *from = hearth_day_picker_get_date (self->from_picker);

  if (g_strcmp0 (from, hearth_day_picker_get_date (self->to_picker)) > 0)
    hearth_day_picker_set_date (self->to_picker, from);
  apply_dates (self);
}

static void
on_to_changed (HearthPrintOptions *self)
{
  const char *to = hearth_day_picker_get_date (self->to_picker);

  if (g_strcmp0 (to, hearth_day_picker_get_date (self->from_picker)) < 0)
    hearth_day_picker_set_date (self->from_picker, to);
  apply_dates (self);
}

static void
on_partner_selected (HearthPrintOptions *self)
{
  guint selected = adw_combo_row_get_selected (self->partner_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > hearth_print_get_n_partners (self->print))
    hearth_print_set_partner (self->print, NULL);
  else
    hearth_print_set_partner (self->print, hearth_print_get_partner_id (self->print, selected - 1));
}

static void
fill_partners (HearthPrintOptions *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (names, _ ("Both of Us"));
  for (guint i = 0; i < hearth_print_get_n_partners (self->print); i++)
    {
      gtk_string_list_append (names, hearth_print_get_partner_name (self->print, i));
      if (g_strcmp0 (hearth_print_get_partner (self->print), hearth_print_get_partner_id (self->print, i)) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->partner_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->partner_row, selected);
}

static void
hearth_print_options_constructed (GObject *object)
{
  HearthPrintOptions *self = HEARTH_PRINT_OPTIONS (object);
  const char         *from = hearth_print_get_from (self->print);
  const char         *to = hearth_print_get_to (self->print);

  G_OBJECT_CLASS (hearth_print_options_parent_class)->constructed (object);

  /* A range starts as the whole journal, to narrow from either end. */
  hearth_day_picker_set_date (self->from_picker, from ? from : hearth_print_get_first_date (self->print));
  hearth_day_picker_set_date (self->to_picker, to ? to : hearth_print_get_last_date (self->print));
  gtk_check_button_set_active (from || to ? self->range_check : self->all_check, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_row), from || to);
  gtk_widget_set_sensitive (GTK_WIDGET (self->to_row), from || to);
  fill_partners (self);

  g_object_bind_property (self->print, "include-gratitude", self->gratitude_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->print, "include-checkins", self->checkins_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->range_check, "notify::active", G_CALLBACK (apply_dates), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_picker, "notify::date", G_CALLBACK (on_from_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_picker, "notify::date", G_CALLBACK (on_to_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->partner_row, "notify::selected", G_CALLBACK (on_partner_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->print, "notify", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  update_summary (self);
}

static void
hearth_print_options_dispose (GObject *object)
{
  HearthPrintOptions *self = HEARTH_PRINT_OPTIONS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_PRINT_OPTIONS);
  g_clear_object (&self->print);

  G_OBJECT_CLASS (hearth_print_options_parent_class)->dispose (object);
}

static void
hearth_print_options_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HearthPrintOptions *self = HEARTH_PRINT_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_PRINT:
      g_value_set_object (value, self->print);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_print_options_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HearthPrintOptions *self = HEARTH_PRINT_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_PRINT:
      self->print = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_print_options_class_init (HearthPrintOptionsClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hearth_print_options_constructed;
  object_class->dispose = hearth_print_options_dispose;
  object_class->get_property = hearth_print_options_get_property;
  object_class->set_property = hearth_print_options_set_property;

  properties[PROP_PRINT] =
    g_param_spec_object ("print", NULL, NULL, HEARTH_TYPE_PRINT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HEARTH_TYPE_DAY_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-print-options.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthPrintOptions, all_check);
  gtk_widget_class_bind_template_child (widget_class, HearthPrintOptions, range_check);
  gtk_widget_class_bind_template_child (widget_class, HearthPrintOptions, from_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPrintOptions, to_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPrintOptions, from_picker);
  gtk_widget_class_bind_template_child (widget_class, HearthPrintOptions, to_picker);
  gtk_widget_class_bind_template_child (widget_class, HearthPrintOptions, partner_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPrintOptions, gratitude_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthPrintOptions, checkins_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthPrintOptions, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, HearthPrintOptions, summary_label);
}

static void
hearth_print_options_init (HearthPrintOptions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hearth_day_picker_set_title (self->from_picker, _ ("From"));
  hearth_day_picker_set_title (self->to_picker, _ ("Until"));
}

/**
 * hearth_print_options_new:
 * @print: what to print; the tab changes its options
 *
 * Returns: (transfer floating): the Journal tab of the print dialog
 */
GtkWidget *
hearth_print_options_new (HearthPrint *print)
{
  g_return_val_if_fail (HEARTH_IS_PRINT (print), NULL);

  return g_object_new (HEARTH_TYPE_PRINT_OPTIONS, "print", print, NULL);
}

/**
 * hearth_print_options_get_print:
 * Returns: (transfer none): what the tab chooses for
 */
HearthPrint *
hearth_print_options_get_print (HearthPrintOptions *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT_OPTIONS (self), NULL);
  return self->print;
}
