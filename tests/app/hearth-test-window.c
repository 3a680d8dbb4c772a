/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "hearth-test-util.h"
#include "hearth-test-window.h"

/* The window a page test shows its page in, as the app's window does: the
 * page inside a toast overlay, so the page's toasts have somewhere to go. */

/**
 * hearth_test_window_new:
 * @page: (transfer floating): the page to show
 * @width: the window's width
 * @height: the window's height
 * @overlay: (out) (optional) (transfer none): the toast overlay around @page
 *
 * Returns: (transfer none): the window, presented; the test destroys it
 *   with hearth_test_window_destroy()
 */
GtkWidget *
hearth_test_window_new (GtkWidget  *page,
                        int         width,
                        int         height,
                        GtkWidget **overlay)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *toasts = adw_toast_overlay_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (toasts), page);
  gtk_window_set_child (GTK_WINDOW (window), toasts);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  if (overlay != NULL)
    *overlay = toasts;
  return window;
}

/**
 * hearth_test_window_destroy:
 * @window: (inout) (nullable): the window, or %NULL when the test showed none
 *
 * Destroys the window, lets the main loop drop what it held and clears
 * @window.
 */
void
hearth_test_window_destroy (GtkWidget **window)
{
  if (*window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (window)));
  hearth_test_wait (50);
}

/**
 * hearth_test_load_app_style:
 *
 * Loads the app's style sheet onto the display, as AdwApplication does in
 * the app; the widget tests have no application.
 */
void
hearth_test_load_app_style (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, "/io/github/hearthjournal/Hearth/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
