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
 * Loads the app's style sheet and icons onto the display, as
 * AdwApplication does in the app; the widget tests have no application.
 */
void
hearth_test_load_app_style (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, "/io/github/hearthjournal/Hearth/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/hearthjournal/Hearth/icons");
}

/**
 * hearth_test_find_row:
 * @root: where to look
 * @title: the row's title
 *
 * Returns: (transfer none) (nullable): the first #AdwPreferencesRow under
 *   @root titled @title
 */
GtkWidget *
hearth_test_find_row (GtkWidget  *root,
                      const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = hearth_test_find_row (child, title)) != NULL)
        return found;
    }
  return NULL;
}

/**
 * hearth_test_page_set_up:
 * @fixture: the fixture
 * @data: the journal's passphrase, or %NULL for a journal without one
 *
 * Makes the journal; the test shows its page with hearth_test_page_show().
 */
void
hearth_test_page_set_up (HearthTestPage *fixture,
                         gconstpointer   data)
{
  fixture->journal = hearth_test_journal_new (data);
}

/**
 * hearth_test_page_show:
 * @fixture: the fixture
 * @page_new: makes the page for the fixture's journal
 * @width: the window's width
 * @height: the window's height
 *
 * Shows the page in a window and lets it settle.
 */
void
hearth_test_page_show (HearthTestPage   *fixture,
                       HearthTestPageNew page_new,
                       int               width,
                       int               height)
{
  fixture->page = page_new (fixture->journal);
  fixture->window = hearth_test_window_new (fixture->page, width, height, &fixture->overlay);
  hearth_test_wait (300);
}

/**
 * hearth_test_page_tear_down:
 * @fixture: the fixture
 * @data: unused
 *
 * Destroys the window and the journal, and goes back to the light style.
 */
void
hearth_test_page_tear_down (HearthTestPage *fixture,
                            gconstpointer   data)
{
  hearth_test_window_destroy (&fixture->window);
  g_clear_object (&fixture->journal);
  hearth_test_set_dark (FALSE);
}
