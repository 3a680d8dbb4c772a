/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "hearth-partner-dot.h"

/* A partner's colour as a small dot (or, when made tall, a stripe) beside
 * what they wrote. The colour is free-form (#rrggbb), so it is drawn, not
 * styled. Purely decorative: the author's name is always shown beside it. */
struct _HearthPartnerDot
{
  GtkWidget parent_instance;

  char   *color;
  GdkRGBA rgba;
};

G_DEFINE_FINAL_TYPE (HearthPartnerDot, hearth_partner_dot, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hearth_partner_dot_measure (GtkWidget     *widget,
                            GtkOrientation orientation,
                            int            for_size,
                            int           *minimum,
                            int           *natural,
                            int           *minimum_baseline,
                            int           *natural_baseline)
{
  *minimum = *natural = 10;
}

static void
hearth_partner_dot_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  HearthPartnerDot *self = HEARTH_PARTNER_DOT (widget);
  float             width = gtk_widget_get_width (widget);
  float             height = gtk_widget_get_height (widget);
  float             radius = MIN (width, height) / 2.f;
  GskRoundedRect    rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (0, 0, width, height), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->rgba, &rect.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
hearth_partner_dot_finalize (GObject *object)
{
  HearthPartnerDot *self = HEARTH_PARTNER_DOT (object);

  g_free (self->color);
  G_OBJECT_CLASS (hearth_partner_dot_parent_class)->finalize (object);
}

static void
hearth_partner_dot_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HearthPartnerDot *self = HEARTH_PARTNER_DOT (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_partner_dot_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HearthPartnerDot *self = HEARTH_PARTNER_DOT (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      hearth_partner_dot_set_color (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_partner_dot_class_init (HearthPartnerDotClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hearth_partner_dot_finalize;
  object_class->get_property = hearth_partner_dot_get_property;
  object_class->set_property = hearth_partner_dot_set_property;
  widget_class->measure = hearth_partner_dot_measure;
  widget_class->snapshot = hearth_partner_dot_snapshot;

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "partnerdot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
hearth_partner_dot_init (HearthPartnerDot *self)
{
  gdk_rgba_parse (&self->rgba, "#9a9996");
}

GtkWidget *
hearth_partner_dot_new (void)
{
  return g_object_new (HEARTH_TYPE_PARTNER_DOT, NULL);
}

/**
 * hearth_partner_dot_set_color:
 * @color: (nullable): a colour gdk_rgba_parse() understands
 */
void
hearth_partner_dot_set_color (HearthPartnerDot *self,
                              const char       *color)
{
  g_return_if_fail (HEARTH_IS_PARTNER_DOT (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;
  g_free (self->color);
  self->color = g_strdup (color);
  if (color == NULL || !gdk_rgba_parse (&self->rgba, color))
    gdk_rgba_parse (&self->rgba, "#9a9996");
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char *
hearth_partner_dot_get_color (HearthPartnerDot *self)
{
  g_return_val_if_fail (HEARTH_IS_PARTNER_DOT (self), NULL);
  return self->color;
}
