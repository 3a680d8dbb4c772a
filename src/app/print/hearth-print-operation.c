/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hearth-application.h"
#include "hearth-print-operation.h"
#include "hearth-print-options.h"

/* Printing the journal: the print dialog with a Journal tab of its own
 * (HearthPrintOptions), the pages laid out by HearthPrint. Nothing is read
 * from disk: the records are the ones in memory when printing was asked
 * for. When the choices leave nothing to print, no page is sent to the
 * printer; a dialog says why instead. */

/* Pages breathe a little more than a printer's hard margins allow. */
#define MIN_SIDE_MARGIN 54.0
#define MIN_TOP_MARGIN  48.0
/* Blocks of text measured per round of the main loop while paginating. */
#define PAGINATE_BUDGET 200

struct _HearthPrintOperation
{
  GtkPrintOperation parent_instance;

  HearthPrint *print;
  GtkWindow   *parent; /* weak */
  gboolean     nothing;
  double       left;
  double       top;
};

G_DEFINE_FINAL_TYPE (HearthPrintOperation, hearth_print_operation, GTK_TYPE_PRINT_OPERATION)

static double
inset (GtkPageSetup *setup,
       double        margin,
       double        minimum)
{
  return setup != NULL ? MAX (0, minimum - margin) : minimum;
}

static void
hearth_print_operation_begin_print (GtkPrintOperation *operation,
                                    GtkPrintContext   *context)
{
  HearthPrintOperation *self = HEARTH_PRINT_OPERATION (operation);
  GtkPageSetup         *setup = gtk_print_context_get_page_setup (context);
  PangoContext         *pango;
  double                right, bottom;

  if (hearth_print_is_empty (self->print))
    {
      self->nothing = TRUE;
      gtk_print_operation_cancel (operation);
      return;
    }

  self->left = inset (setup, gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS), MIN_SIDE_MARGIN);
  right = inset (setup, gtk_page_setup_get_right_margin (setup, GTK_UNIT_POINTS), MIN_SIDE_MARGIN);
  self->top = inset (setup, gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS), MIN_TOP_MARGIN);
  bottom = inset (setup, gtk_page_setup_get_bottom_margin (setup, GTK_UNIT_POINTS), MIN_TOP_MARGIN);
  pango = gtk_print_context_create_pango_context (context);
  hearth_print_begin (self->print, pango,
                      gtk_print_context_get_width (context) - self->left - right,
                      gtk_print_context_get_height (context) - self->top - bottom);
  g_object_unref (pango);
}

/* A handler, not the class function: GtkPrintOperation paginates only when
 * ::paginate has one connected. */
static gboolean
on_paginate (GtkPrintOperation *operation,
             GtkPrintContext   *context)
{
  HearthPrintOperation *self = HEARTH_PRINT_OPERATION (operation);

  if (self->nothing)
    return TRUE;
  if (!hearth_print_paginate (self->print, PAGINATE_BUDGET))
    return FALSE;
  gtk_print_operation_set_n_pages (operation, MAX (1, hearth_print_get_n_pages (self->print)));
  return TRUE;
}

static void
hearth_print_operation_draw_page (GtkPrintOperation *operation,
                                  GtkPrintContext   *context,
                                  int                page)
{
  HearthPrintOperation *self = HEARTH_PRINT_OPERATION (operation);
  cairo_t              *cr = gtk_print_context_get_cairo_context (context);

  if (page < 0 || (guint) page >= hearth_print_get_n_pages (self->print))
    return;
  cairo_save (cr);
  cairo_translate (cr, self->left, self->top);
  hearth_print_draw_page (self->print, cr, page);
  cairo_restore (cr);
}

static void
hearth_print_operation_end_print (GtkPrintOperation *operation,
                                  GtkPrintContext   *context)
{
  hearth_print_end (HEARTH_PRINT_OPERATION (operation)->print);
}

static GtkWidget *
hearth_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  return hearth_print_options_new (HEARTH_PRINT_OPERATION (operation)->print);
}

/* The tab writes every change through to the HearthPrint as it happens. */
static void
hearth_print_operation_custom_widget_apply (GtkPrintOperation *operation,
                                            GtkWidget         *widget)
{
}

static void
tell (GtkWindow  *parent,
      const char *heading,
      const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hearth_print_operation_done (GtkPrintOperation      *operation,
                             GtkPrintOperationResult result)
{
  HearthPrintOperation *self = HEARTH_PRINT_OPERATION (operation);
  g_autoptr(GError) error = NULL;
  GtkApplication *app = self->parent ? gtk_window_get_application (self->parent) : NULL;

  if (self->nothing)
    {
      g_autofree char *export = NULL;

      /* Nothing reaches a printer or a Print to File output then; only an
       * export has already begun its file, a blank page: take it away. */
      g_object_get (operation, "export-filename", &export, NULL);
      if (export != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_path (export);
          g_file_delete_async (file, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
        }
      tell (self->parent, _ ("Nothing to Print"),
            _ ("No entries, notes of thanks or check-ins fit the dates and partner you chose. Try other dates, or both of you under Written By, and print again."));
      return;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      tell (self->parent, _ ("The Journal Could Not Be Printed"),
            error != NULL ? error->message : _ ("The printer reported a problem. Check that it is on and connected, and try again."));
      return;
    }
  /* The printer and paper chosen are offered again next time. */
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && HEARTH_IS_APPLICATION (app))
    hearth_application_set_print_settings (HEARTH_APPLICATION (app), gtk_print_operation_get_print_settings (operation));
}

static void
hearth_print_operation_dispose (GObject *object)
{
  HearthPrintOperation *self = HEARTH_PRINT_OPERATION (object);

  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->print);

  G_OBJECT_CLASS (hearth_print_operation_parent_class)->dispose (object);
}

static void
hearth_print_operation_class_init (HearthPrintOperationClass *klass)
{
  GObjectClass           *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = hearth_print_operation_dispose;
  operation_class->begin_print = hearth_print_operation_begin_print;
  operation_class->draw_page = hearth_print_operation_draw_page;
  operation_class->end_print = hearth_print_operation_end_print;
  operation_class->create_custom_widget = hearth_print_operation_create_custom_widget;
  operation_class->custom_widget_apply = hearth_print_operation_custom_widget_apply;
  operation_class->done = hearth_print_operation_done;
}

static void
hearth_print_operation_init (HearthPrintOperation *self)
{
  g_signal_connect (self, "paginate", G_CALLBACK (on_paginate), NULL);
}

/* The app's own font, so the pages look like the journal on screen. */
static char *
dup_font_family (void)
{
  GtkSettings     *settings = gtk_settings_get_default ();
  g_autofree char *name = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  const char *family;

  if (settings == NULL)
    return NULL;
  g_object_get (settings, "gtk-font-name", &name, NULL);
  if (name == NULL)
    return NULL;
  font = pango_font_description_from_string (name);
  family = pango_font_description_get_family (font);
  return family ? g_strdup (family) : NULL;
}

/**
 * hearth_print_operation_new:
 * @journal: a loaded journal
 * @parent: (nullable): the window printing is for; messages appear over it
 *
 * Returns: (transfer full): an operation that prints the journal as it is
 *   now, with a Journal tab in the print dialog
 */
HearthPrintOperation *
hearth_print_operation_new (HearthJournal *journal,
                            GtkWindow     *parent)
{
  HearthPrintOperation *self;
  g_autofree char      *family = dup_font_family ();
  GtkApplication       *app = parent ? gtk_window_get_application (parent) : NULL;
  GtkPrintSettings     *settings = HEARTH_IS_APPLICATION (app)
                                     ? hearth_application_get_print_settings (HEARTH_APPLICATION (app))
                                     : NULL;
  const char           *name;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (HEARTH_TYPE_PRINT_OPERATION, NULL);
  self->print = hearth_print_new (journal);
  hearth_print_set_font_family (self->print, family);
  g_set_weak_pointer (&self->parent, parent);

  name = hearth_journal_get_name (journal);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), name && *name ? name : _ ("Journal"));
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
  /* Translators: the title of the print dialog's tab with the journal's choices */
  gtk_print_operation_set_custom_tab_label (GTK_PRINT_OPERATION (self), _ ("Journal"));
  if (settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (self), settings);
  return self;
}

/**
 * hearth_print_operation_get_print:
 * Returns: (transfer none): what is printed, with its options
 */
HearthPrint *
hearth_print_operation_get_print (HearthPrintOperation *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT_OPERATION (self), NULL);
  return self->print;
}

/**
 * hearth_print_operation_found_nothing:
 * Returns: whether printing stopped before the first page because the
 *   choices left nothing to print
 */
gboolean
hearth_print_operation_found_nothing (HearthPrintOperation *self)
{
  g_return_val_if_fail (HEARTH_IS_PRINT_OPERATION (self), FALSE);
  return self->nothing;
}

/**
 * hearth_print_operation_present:
 * @parent: the window to print for
 * @journal: a loaded journal
 *
 * Shows the print dialog for the journal; printing goes on without
 * holding up the window.
 */
void
hearth_print_operation_present (GtkWindow     *parent,
                                HearthJournal *journal)
{
  g_autoptr(HearthPrintOperation) self = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (HEARTH_IS_JOURNAL (journal));

  self = hearth_print_operation_new (journal, parent);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (self), TRUE);
  /* A failure is reported through ::done as well, which says so. */
  gtk_print_operation_run (GTK_PRINT_OPERATION (self), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           parent, &error);
}
