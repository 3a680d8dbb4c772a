/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-gratitude-row.h"
#include "hearth-partner.h"
#include "hearth-partners-page.h"

/* The two partner profiles side by side (stacked when narrow): one's own,
 * editable (name, colour, the ways of feeling cared for in order, notes),
 * and the partner's as they wrote it: "What helps Sam feel cared for". */

#define N_LANGUAGES         5
#define ABOUT_SAVE_DELAY_MS 800
/* Below this width the columns stack. */
#define SIDE_BY_SIDE_MIN_WIDTH 640
#define COLUMN_SPACING         24

static const struct
{
  const char *id;
  const char *title;
  const char *description;
} languages[N_LANGUAGES] = {
  { "words", N_ ("Words of affirmation"), N_ ("Hearing what you mean to them, said out loud") },
  { "time", N_ ("Quality time"), N_ ("Undivided attention and time together") },
  { "acts", N_ ("Acts of service"), N_ ("Help with what weighs on them") },
  { "touch", N_ ("Physical touch"), N_ ("A hug, a hand to hold") },
  { "gifts", N_ ("Gifts"), N_ ("Thoughtful tokens, big or small") },
};

typedef struct
{
  guint      language; /* index into languages[] */
  gboolean   included;
  GtkWidget *row;
  GtkWidget *check;
  GtkWidget *up;
  GtkWidget *down;
} LanguageRow;

struct _HearthPartnersPage
{
  GtkWidget parent_instance;

  GtkWidget      *columns;
  GtkWidget      *my_column;
  GtkWidget      *partner_column;
  GtkDrawingArea *my_dot;
  GtkDrawingArea *partner_dot;
  AdwEntryRow    *name_row;
  GtkColorButton *color_button;
  GtkLabel       *languages_hint;
  GtkListBox     *languages_list;
  GtkLabel       *about_hint;
  GtkTextView    *about_view;
  GtkLabel       *partner_heading;
  GtkListBox     *partner_languages;
  GtkLabel       *partner_about_heading;
  GtkLabel       *partner_about;

  HearthJournal *journal;
  /* In the order shown: the chosen ways first, most important first. */
  LanguageRow    rows[N_LANGUAGES];
  guint          about_save_id;
  gboolean       loading;
  GdkRGBA        my_color;
  GdkRGBA        partner_color;
};

G_DEFINE_FINAL_TYPE (HearthPartnersPage, hearth_partners_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (HearthPartnersPage *self);

/* ------------------------------------------------------------------------ */
/* Side by side, or stacked when narrow                                      */

static gboolean
side_by_side (int width)
{
  return width >= SIDE_BY_SIDE_MIN_WIDTH;
}

static void
columns_measure (GtkWidget     *widget,
                 GtkOrientation orientation,
                 int            for_size,
                 int           *minimum,
                 int           *natural,
                 int           *minimum_baseline,
                 int           *natural_baseline)
{
  GtkWidget *first = gtk_widget_get_first_child (widget);
  GtkWidget *second = first ? gtk_widget_get_next_sibling (first) : NULL;
  int        min1 = 0, nat1 = 0, min2 = 0, nat2 = 0;

  g_return_if_fail (first != NULL && second != NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (first, orientation, -1, &min1, &nat1, NULL, NULL);
      gtk_widget_measure (second, orientation, -1, &min2, &nat2, NULL, NULL);
      *minimum = MAX (min1, min2);
      *natural = MAX (nat1 + nat2 + COLUMN_SPACING, SIDE_BY_SIDE_MIN_WIDTH);
      return;
    }

  if (for_size >= 0 && side_by_side (for_size))
    {
      int column = (for_size - COLUMN_SPACING) / 2;

      gtk_widget_measure (first, orientation, column, &min1, &nat1, NULL, NULL);
      gtk_widget_measure (second, orientation, column, &min2, &nat2, NULL, NULL);
      *minimum = MAX (min1, min2);
      *natural = MAX (nat1, nat2);
    }
  else
    {
      gtk_widget_measure (first, orientation, for_size, &min1, &nat1, NULL, NULL);
      gtk_widget_measure (second, orientation, for_size, &min2, &nat2, NULL, NULL);
      *minimum = min1 + min2 + COLUMN_SPACING;
      *natural = nat1 + nat2 + COLUMN_SPACING;
    }
}

static void
columns_allocate (GtkWidget *widget,
                  int        width,
                  int        height,
                  int        baseline)
{
  GtkWidget    *first = gtk_widget_get_first_child (widget);
  GtkWidget    *second = first ? gtk_widget_get_next_sibling (first) : NULL;
  GtkAllocation a1, a2;

  g_return_if_fail (first != NULL && second != NULL);

  if (side_by_side (width))
    {
      int column = (width - COLUMN_SPACING) / 2;

      a1 = (GtkAllocation){ 0, 0, column, height };
      a2 = (GtkAllocation){ width - column, 0, column, height };
    }
  else
    {
      int h1 = 0;

      gtk_widget_measure (first, GTK_ORIENTATION_VERTICAL, width, NULL, &h1, NULL, NULL);
      h1 = MIN (h1, height);
      a1 = (GtkAllocation){ 0, 0, width, h1 };
      a2 = (GtkAllocation){ 0, h1 + COLUMN_SPACING, width, MAX (0, height - h1 - COLUMN_SPACING) };
    }
  /* Reading order (and keyboard order) stays "mine, then theirs" either way. */
  gtk_widget_size_allocate (first, &a1, -1);
  gtk_widget_size_allocate (second, &a2, -1);
}

static GtkSizeRequestMode
columns_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* ------------------------------------------------------------------------ */
/* Reading and writing my record                                             */

static HearthRecord *
my_record (HearthPartnersPage *self)
{
  const char *me = hearth_journal_get_me (self->journal);

  return me ? hearth_journal_get_partner (self->journal, me) : NULL;
}

static const char *
name_of (HearthPartnersPage *self,
         const char         *id)
{
  HearthRecord *partner = id ? hearth_journal_get_partner (self->journal, id) : NULL;
  const char   *name = partner ? hearth_partner_get_name (HEARTH_PARTNER (partner)) : NULL;

  return name ? name : _ ("your partner");
}

static void
show_error (HearthPartnersPage *self,
            const char         *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    {
      g_warning ("%s", message);
    }
}

/* Copies my partner record, lets @change edit the copy and saves it. */
static gboolean
save_my_record (HearthPartnersPage *self,
                void (*change) (HearthPartnersPage *self, HearthRecord *copy, gpointer data),
                gpointer data)
{
  HearthRecord *record = my_record (self);
  g_autoptr(HearthRecord) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (record == NULL)
    {
      show_error (self, _ ("This computer has not joined the journal yet, so there is no profile to change."));
      return FALSE;
    }
  copy = hearth_record_copy (record);
  change (self, copy, data);
  if (!hearth_journal_queue_save (self->journal, copy, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Name and colour                                                           */

static void
change_name (HearthPartnersPage *self,
             HearthRecord       *copy,
             gpointer            data)
{
  hearth_partner_set_name (HEARTH_PARTNER (copy), data);
}

static void
on_name_apply (HearthPartnersPage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (name[0] == '\0')
    {
      HearthRecord *record = my_record (self);

      show_error (self, _ ("A name cannot be empty."));
      if (record != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                               hearth_partner_get_name (HEARTH_PARTNER (record)) ?: "");
      return;
    }
  save_my_record (self, change_name, name);
}

static void
change_color (HearthPartnersPage *self,
              HearthRecord       *copy,
              gpointer            data)
{
  hearth_partner_set_color (HEARTH_PARTNER (copy), data);
}

static void
on_color_set (HearthPartnersPage *self)
{
  GdkRGBA          rgba;
  g_autofree char *color = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  color = g_strdup_printf ("#%02x%02x%02x",
                           (guint) CLAMP (rgba.red * 255 + 0.5, 0, 255),
                           (guint) CLAMP (rgba.green * 255 + 0.5, 0, 255),
                           (guint) CLAMP (rgba.blue * 255 + 0.5, 0, 255));
  save_my_record (self, change_color, color);
}

/* ------------------------------------------------------------------------ */
/* Ways of feeling cared for                                                 */

static guint
n_included (HearthPartnersPage *self)
{
  guint n = 0;

  for (guint i = 0; i < N_LANGUAGES; i++)
    if (self->rows[i].included)
      n++;
  return n;
}

static GStrv
dup_chosen (HearthPartnersPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < N_LANGUAGES; i++)
    if (self->rows[i].included)
      g_strv_builder_add (builder, languages[self->rows[i].language].id);
  return g_strv_builder_end (builder);
}

/* Where @row stands in self->rows. */
static int
row_position (HearthPartnersPage *self,
              GtkListBoxRow      *row)
{
  for (guint i = 0; i < N_LANGUAGES; i++)
    if (self->rows[i].row == GTK_WIDGET (row))
      return (int) i;
  return N_LANGUAGES;
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       data)
{
  HearthPartnersPage *self = data;

  return row_position (self, a) - row_position (self, b);
}

/* Shows self->rows in their order, with the move buttons that make sense. */
static void
update_language_rows (HearthPartnersPage *self)
{
  guint chosen = n_included (self);

  for (guint i = 0; i < N_LANGUAGES; i++)
    {
      LanguageRow *row = &self->rows[i];

      g_signal_handlers_block_matched (row->check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->check), row->included);
      g_signal_handlers_unblock_matched (row->check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_widget_set_visible (row->up, row->included);
      gtk_widget_set_visible (row->down, row->included);
      gtk_widget_set_sensitive (row->up, row->included && i > 0);
      gtk_widget_set_sensitive (row->down, row->included && i + 1 < chosen);
    }
  gtk_list_box_invalidate_sort (self->languages_list);
}

/* Chosen ways first, in their order; the others after, in the usual order. */
static void
normalize_rows (HearthPartnersPage *self)
{
  LanguageRow sorted[N_LANGUAGES];
  guint       n = 0;

  for (guint i = 0; i < N_LANGUAGES; i++)
    if (self->rows[i].included)
      sorted[n++] = self->rows[i];
  for (guint l = 0; l < N_LANGUAGES; l++)
    for (guint i = 0; i < N_LANGUAGES; i++)
      if (!self->rows[i].included && self->rows[i].language == l)
        sorted[n++] = self->rows[i];
  memcpy (self->rows, sorted, sizeof sorted);
}

static void
load_languages (HearthPartnersPage *self,
                const char *const  *chosen)
{
  gboolean    seen[N_LANGUAGES] = { FALSE };
  LanguageRow by_language[N_LANGUAGES];
  guint       n = 0;

  for (guint i = 0; i < N_LANGUAGES; i++)
    by_language[self->rows[i].language] = self->rows[i];

  for (guint c = 0; chosen && chosen[c]; c++)
    for (guint l = 0; l < N_LANGUAGES; l++)
      if (!seen[l] && g_strcmp0 (chosen[c], languages[l].id) == 0)
        {
          seen[l] = TRUE;
          self->rows[n] = by_language[l];
          self->rows[n++].included = TRUE;
        }
  for (guint l = 0; l < N_LANGUAGES; l++)
    if (!seen[l])
      {
        self->rows[n] = by_language[l];
        self->rows[n++].included = FALSE;
      }
  update_language_rows (self);
}

static void
change_languages (HearthPartnersPage *self,
                  HearthRecord       *copy,
                  gpointer            data)
{
  g_auto(GStrv) chosen = dup_chosen (self);

  hearth_partner_set_emotional_languages (HEARTH_PARTNER (copy), (const char *const *) chosen);
}

static void
save_languages (HearthPartnersPage *self)
{
  HearthRecord *record = my_record (self);

  if (!save_my_record (self, change_languages, NULL) && record != NULL)
    {
      /* Show what is really saved. */
      g_auto(GStrv) saved = hearth_partner_dup_emotional_languages (HEARTH_PARTNER (record));
      load_languages (self, (const char *const *) saved);
    }
}

static LanguageRow *
find_row (HearthPartnersPage *self,
          GtkWidget          *widget,
          guint              *position)
{
  for (guint i = 0; i < N_LANGUAGES; i++)
    if (self->rows[i].check == widget || self->rows[i].up == widget || self->rows[i].down == widget)
      {
        *position = i;
        return &self->rows[i];
      }
  g_return_val_if_reached (NULL);
}

static void
move_row (HearthPartnersPage *self,
          GtkWidget          *button,
          int                 delta)
{
  guint        position;
  LanguageRow *row = find_row (self, button, &position);
  LanguageRow  moved;
  guint        target;

  if (row == NULL || !row->included)
    return;
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= n_included (self)))
    return;

  target = position + delta;
  moved = self->rows[position];
  self->rows[position] = self->rows[target];
  self->rows[target] = moved;
  update_language_rows (self);

  /* Keep the keyboard where it was, unless that button just became useless
   * (top or bottom reached): then the other direction. */
  if (!gtk_widget_get_sensitive (button))
    button = delta < 0 ? self->rows[target].down : self->rows[target].up;
  if (gtk_widget_get_sensitive (button))
    gtk_widget_grab_focus (button);

  save_languages (self);
}

static void
on_move_up (GtkButton          *button,
            HearthPartnersPage *self)
{
  move_row (self, GTK_WIDGET (button), -1);
}

static void
on_move_down (GtkButton          *button,
              HearthPartnersPage *self)
{
  move_row (self, GTK_WIDGET (button), 1);
}

static void
on_language_toggled (GtkCheckButton     *check,
                     HearthPartnersPage *self)
{
  guint        position;
  LanguageRow *row = find_row (self, GTK_WIDGET (check), &position);

  if (row == NULL)
    return;

  /* The chosen ways come first: a newly chosen one lands after them (it was
   * below them), an unticked one goes back among the others. */
  row->included = gtk_check_button_get_active (check);
  normalize_rows (self);
  update_language_rows (self);
  save_languages (self);
}

static void
create_language_rows (HearthPartnersPage *self)
{
  gtk_list_box_set_sort_func (self->languages_list, sort_rows, self, NULL);

  for (guint l = 0; l < N_LANGUAGES; l++)
    {
      LanguageRow     *row = &self->rows[l];
      const char      *title = _ (languages[l].title);
      g_autofree char *up_label = NULL;
      g_autofree char *down_label = NULL;

      row->language = l;
      row->row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), _ (languages[l].description));

      row->check = gtk_check_button_new ();
      gtk_widget_set_valign (row->check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_signal_connect (row->check, "toggled", G_CALLBACK (on_language_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row->row), row->check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row->row), row->check);

      /* Translators: %s is a way of feeling cared for, e.g. "Move Quality time up" */
      up_label = g_strdup_printf (_ ("Move %s up"), title);
      row->up = gtk_button_new_from_icon_name ("go-up-symbolic");
      gtk_widget_set_valign (row->up, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (row->up, up_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->up),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, up_label, -1);
      gtk_widget_add_css_class (row->up, "flat");
      g_signal_connect (row->up, "clicked", G_CALLBACK (on_move_up), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), row->up);

      /* Translators: %s is a way of feeling cared for, e.g. "Move Quality time down" */
      down_label = g_strdup_printf (_ ("Move %s down"), title);
      row->down = gtk_button_new_from_icon_name ("go-down-symbolic");
      gtk_widget_set_valign (row->down, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (row->down, down_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->down),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, down_label, -1);
      gtk_widget_add_css_class (row->down, "flat");
      g_signal_connect (row->down, "clicked", G_CALLBACK (on_move_down), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), row->down);

      gtk_list_box_append (self->languages_list, row->row);
    }
  update_language_rows (self);
}

/* ------------------------------------------------------------------------ */
/* About                                                                     */

static char *
dup_about_text (HearthPartnersPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->about_view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
change_about (HearthPartnersPage *self,
              HearthRecord       *copy,
              gpointer            data)
{
  const char *about = data;

  hearth_partner_set_about (HEARTH_PARTNER (copy), about[0] != '\0' ? about : NULL);
}

static void
save_about (HearthPartnersPage *self)
{
  HearthRecord    *record = my_record (self);
  g_autofree char *about = NULL;

  g_clear_handle_id (&self->about_save_id, g_source_remove);
  if (record == NULL)
    return;

  about = dup_about_text (self);
  if (g_strcmp0 (about, hearth_partner_get_about (HEARTH_PARTNER (record)) ?: "") == 0)
    return;
  /* On failure the words stay in the view, and the toast says why. */
  save_my_record (self, change_about, about);
}

static gboolean
save_about_timeout (gpointer data)
{
  HearthPartnersPage *self = data;

  self->about_save_id = 0;
  save_about (self);
  return G_SOURCE_REMOVE;
}

static void
on_about_changed (HearthPartnersPage *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->about_save_id, g_source_remove);
  /* The save holds the page, so the page is there when it is due; whoever
   * closes the page earlier flushes it first (hearth_partners_page_flush()). */
  self->about_save_id = g_timeout_add_full (G_PRIORITY_DEFAULT, ABOUT_SAVE_DELAY_MS, save_about_timeout,
                                            g_object_ref (self), g_object_unref);
}

/**
 * hearth_partners_page_flush:
 * @self: a #HearthPartnersPage
 *
 * Saves at once what is typed and not yet saved: before the page's window
 * closes, the journal locks or the process quits.
 */
void
hearth_partners_page_flush (HearthPartnersPage *self)
{
  g_return_if_fail (HEARTH_IS_PARTNERS_PAGE (self));

  if (self->about_save_id != 0)
    save_about (self);
}

/* ------------------------------------------------------------------------ */
/* Showing the records                                                       */

static void
set_dot_color (GdkRGBA        *rgba,
               GtkDrawingArea *dot,
               const char     *color)
{
  if (color == NULL || !gdk_rgba_parse (rgba, color))
    gdk_rgba_parse (rgba, "#9a9996");
  gtk_widget_queue_draw (GTK_WIDGET (dot));
}

static void
refresh_mine (HearthPartnersPage *self,
              HearthRecord       *record)
{
  HearthPartner *me = HEARTH_PARTNER (record);
  const char    *name = hearth_partner_get_name (me) ?: "";
  g_auto(GStrv) saved = hearth_partner_dup_emotional_languages (me);
  g_auto(GStrv) shown = dup_chosen (self);
  GdkRGBA rgba;

  self->loading = TRUE;

  if (!gtk_widget_has_focus (GTK_WIDGET (self->name_row)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), name) != 0)
    {
      /* Filled in by us, not typed: no apply button for it. */
      adw_entry_row_set_show_apply_button (self->name_row, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
      adw_entry_row_set_show_apply_button (self->name_row, TRUE);
    }

  set_dot_color (&self->my_color, self->my_dot, hearth_partner_get_color (me));
  rgba = self->my_color;
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);

  if (saved == NULL || !g_strv_equal ((const char *const *) saved, (const char *const *) shown))
    load_languages (self, (const char *const *) saved);

  /* Words being typed (a save pending) win over what is on disk. */
  if (self->about_save_id == 0)
    {
      g_autofree char *text = dup_about_text (self);
      const char      *about = hearth_partner_get_about (me) ?: "";

      if (g_strcmp0 (text, about) != 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->about_view), about, -1);
    }

  self->loading = FALSE;
}

static void
refresh_partner (HearthPartnersPage *self,
                 HearthRecord       *record)
{
  HearthPartner *partner = record ? HEARTH_PARTNER (record) : NULL;
  const char    *name = partner ? hearth_partner_get_name (partner) : NULL;
  const char    *about = partner ? hearth_partner_get_about (partner) : NULL;
  g_auto(GStrv) chosen = partner ? hearth_partner_dup_emotional_languages (partner) : NULL;
  g_autofree char *heading = NULL;
  g_autofree char *about_heading = NULL;
  GtkWidget       *child;
  guint            shown = 0;

  if (name == NULL)
    name = _ ("your partner");

  /* Translators: %s is the partner's name, e.g. "What helps Sam feel cared for" */
  heading = g_strdup_printf (_ ("What helps %s feel cared for"), name);
  gtk_label_set_text (self->partner_heading, heading);
  /* Translators: %s is the partner's name */
  about_heading = g_strdup_printf (_ ("About %s"), name);
  gtk_label_set_text (self->partner_about_heading, about_heading);
  set_dot_color (&self->partner_color, self->partner_dot, partner ? hearth_partner_get_color (partner) : NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->partner_languages))))
    gtk_list_box_remove (self->partner_languages, child);

  for (guint c = 0; chosen && chosen[c]; c++)
    for (guint l = 0; l < N_LANGUAGES; l++)
      if (g_strcmp0 (chosen[c], languages[l].id) == 0)
        {
          GtkWidget       *row = adw_action_row_new ();
          g_autofree char *number = g_strdup_printf ("%u", ++shown);
          GtkWidget       *label = gtk_label_new (number);

          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_add_css_class (label, "numeric");
          gtk_label_set_width_chars (GTK_LABEL (label), 2);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ (languages[l].title));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ (languages[l].description));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_list_box_append (self->partner_languages, row);
        }

  if (shown == 0)
    {
      GtkWidget       *row = adw_action_row_new ();
      /* Translators: %s is the partner's name */
      g_autofree char *text = g_strdup_printf (_ ("%s has not chosen any yet."), name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->partner_languages, row);
    }

  if (about != NULL && about[0] != '\0')
    {
      gtk_label_set_text (self->partner_about, about);
      gtk_widget_remove_css_class (GTK_WIDGET (self->partner_about), "dim-label");
    }
  else
    {
      /* Translators: %s is the partner's name */
      g_autofree char *text = g_strdup_printf (_ ("%s has not written anything here yet."), name);

      gtk_label_set_text (self->partner_about, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->partner_about), "dim-label");
    }
}

static void
refresh (HearthPartnersPage *self)
{
  HearthRecord    *mine = my_record (self);
  const char      *partner_id = hearth_journal_get_partner_id (self->journal);
  const char      *partner_name = name_of (self, partner_id);
  g_autofree char *languages_hint = NULL;
  g_autofree char *about_hint = NULL;

  gtk_widget_set_sensitive (self->my_column, mine != NULL);
  if (mine != NULL)
    refresh_mine (self, mine);
  refresh_partner (self, partner_id ? hearth_journal_get_partner (self->journal, partner_id) : NULL);

  /* Translators: %s is the partner's name */
  languages_hint = g_strdup_printf (_ ("Tick the ways that matter to you and put the most important first. %s sees this list."),
                                    partner_name);
  gtk_label_set_text (self->languages_hint, languages_hint);
  /* Translators: %s is the partner's name */
  about_hint = g_strdup_printf (_ ("Anything you would like %s to know: what calms you, what you love, what is hard right now."),
                                partner_name);
  gtk_label_set_text (self->about_hint, about_hint);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
hearth_partners_page_constructed (GObject *object)
{
  HearthPartnersPage *self = HEARTH_PARTNERS_PAGE (object);

  G_OBJECT_CLASS (hearth_partners_page_parent_class)->constructed (object);

  g_return_if_fail (HEARTH_IS_JOURNAL (self->journal));

  g_signal_connect_object (hearth_journal_get_model (self->journal, HEARTH_KIND_PARTNER), "items-changed",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->journal, "locking", G_CALLBACK (hearth_partners_page_flush), self,
                           G_CONNECT_SWAPPED);
  refresh (self);
}

static void
hearth_partners_page_dispose (GObject *object)
{
  HearthPartnersPage *self = HEARTH_PARTNERS_PAGE (object);
  GtkWidget          *child;

  /* Whoever closes the page flushes it first (hearth_partners_page_flush());
   * nothing is written from here. */
  g_clear_handle_id (&self->about_save_id, g_source_remove);
  if (self->journal != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->journal, self);
      g_signal_handlers_disconnect_by_data (hearth_journal_get_model (self->journal, HEARTH_KIND_PARTNER), self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_PARTNERS_PAGE);
  /* The template's top widget is our child, not one of its bound parts. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_partners_page_parent_class)->dispose (object);
}

static void
hearth_partners_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HearthPartnersPage *self = HEARTH_PARTNERS_PAGE (object);

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
hearth_partners_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HearthPartnersPage *self = HEARTH_PARTNERS_PAGE (object);

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
hearth_partners_page_class_init (HearthPartnersPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hearth_partners_page_constructed;
  object_class->dispose = hearth_partners_page_dispose;
  object_class->get_property = hearth_partners_page_get_property;
  object_class->set_property = hearth_partners_page_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-partners-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, columns);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, my_column);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, partner_column);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, my_dot);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, partner_dot);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, color_button);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, languages_hint);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, languages_list);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, about_hint);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, about_view);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, partner_heading);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, partner_languages);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, partner_about_heading);
  gtk_widget_class_bind_template_child (widget_class, HearthPartnersPage, partner_about);
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_color_set);

  gtk_widget_class_set_css_name (widget_class, "hearth-partners-page");
}

static void
hearth_partners_page_init (HearthPartnersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_layout_manager (self->columns,
                                 gtk_custom_layout_new (columns_request_mode,
                                                        columns_measure,
                                                        columns_allocate));
  gdk_rgba_parse (&self->my_color, "#9a9996");
  gdk_rgba_parse (&self->partner_color, "#9a9996");
  gtk_drawing_area_set_draw_func (self->my_dot, hearth_draw_color_dot, &self->my_color, NULL);
  gtk_drawing_area_set_draw_func (self->partner_dot, hearth_draw_color_dot, &self->partner_color, NULL);

  create_language_rows (self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->about_view), "changed",
                            G_CALLBACK (on_about_changed), self);
}

/**
 * hearth_partners_page_new:
 * @journal: an unlocked, loaded journal
 *
 * Returns: (transfer floating): both partners' profiles
 */
GtkWidget *
hearth_partners_page_new (HearthJournal *journal)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  return g_object_new (HEARTH_TYPE_PARTNERS_PAGE, "journal", journal, NULL);
}

/**
 * hearth_partners_page_get_journal:
 * Returns: (transfer none): the journal the page shows
 */
HearthJournal *
hearth_partners_page_get_journal (HearthPartnersPage *self)
{
  g_return_val_if_fail (HEARTH_IS_PARTNERS_PAGE (self), NULL);

  return self->journal;
}
