/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include <adwaita.h>

#include "hearth-test-util.h"
#include "hearth-text.h"
#include "../hearth-test-clock.h"

/* Removes the temporary folder with the journal, and frees its path. */
static void
remove_base (gpointer path)
{
  hearth_test_remove_tree (path);
  g_free (path);
}

HearthJournal *
hearth_test_journal_new (const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_dir_make_tmp ("hearth-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  const char      *names[2] = { "Alex", "Sam" };
  const char      *colors[2] = { "#e66100", "#3584e4" };
  HearthJournal   *journal;

  g_assert_no_error (error);
  path = g_build_filename (base, "journal", NULL);
  journal = hearth_journal_create (path, "Our journal", names, colors, 0, passphrase,
                                   HEARTH_KDF_MIN, &error);
  g_assert_no_error (error);
  g_object_set_data_full (G_OBJECT (journal), "hearth-test-base", g_steal_pointer (&base),
                          remove_base);
  return journal;
}

char *
hearth_test_add_entry (HearthJournal *journal,
                       const char    *title,
                       const char    *body)
{
  g_autoptr(HearthRecord) entry = hearth_journal_new_record (journal, "entry", NULL);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (entry, "author", hearth_journal_get_me (journal));
  if (title)
    hearth_record_set_string (entry, "title", title);
  hearth_record_set_string (entry, "body", body);
  hearth_journal_save (journal, entry, &error);
  g_assert_no_error (error);
  return g_strdup (hearth_record_get_id (entry));
}

char *
hearth_test_add_gratitude (HearthJournal *journal,
                           const char    *text,
                           const char    *date)
{
  g_autoptr(HearthRecord) note = hearth_journal_new_record (journal, "gratitude", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;

  if (date == NULL)
    {
      today = hearth_date_today ();
    }
  hearth_record_set_string (note, "from", hearth_journal_get_me (journal));
  hearth_record_set_string (note, "to", hearth_journal_get_partner_id (journal));
  hearth_record_set_string (note, "text", text);
  hearth_record_set_string (note, "date", date ? date : today);
  hearth_journal_save (journal, note, &error);
  g_assert_no_error (error);
  return g_strdup (hearth_record_get_id (note));
}

void
hearth_test_set_clock (void)
{
  hearth_test_clock_init ();
}

static gboolean
quit_loop (gpointer data)
{
  *(gboolean *) data = TRUE;
  g_main_context_wakeup (NULL);
  return G_SOURCE_REMOVE;
}

void
hearth_test_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_loop, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
hearth_test_wait_until (gboolean (*done) (gpointer data),
                        gpointer data,
                        guint    timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

char *
hearth_test_screenshot (GtkWidget  *widget,
                        const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  GskRenderer     *renderer;
  int              width = gtk_widget_get_width (widget);
  int              height = gtk_widget_get_height (widget);
  const char      *build = g_getenv ("MESON_BUILD_ROOT");

  folder = g_build_filename (build ? build : ".", "screenshots", NULL);
  g_mkdir_with_parents (folder, 0755);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return NULL;
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  {
    char *path = g_build_filename (folder, file, NULL);
    gdk_texture_save_to_png (texture, path);
    return path;
  }
}

static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  return NULL;
}

GtkWidget *
hearth_test_find_labelled (GtkWidget  *root,
                           const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (widget_text (child), label) == 0 || g_strcmp0 (gtk_widget_get_tooltip_text (child), label) == 0)
        return child;
      found = hearth_test_find_labelled (child, label);
      if (found)
        return found;
    }
  return NULL;
}

GtkWidget *
hearth_test_find_type (GtkWidget *root,
                       GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = hearth_test_find_type (child, type)) != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
hearth_test_find_named (GtkWidget  *root,
                        const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = hearth_test_find_named (child, name)) != NULL)
        return found;
    }
  return NULL;
}

void
hearth_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        hearth_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
hearth_test_set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  hearth_test_wait (200);
}

void
hearth_test_snap (GtkWidget  *widget,
                  const char *name)
{
  g_autofree char *path = NULL;

  hearth_test_wait (400);
  path = hearth_test_screenshot (widget, name);
  g_test_message ("screenshot: %s", path);
}

GtkWidget *
hearth_test_find_shown_label (GtkWidget  *root,
                              const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      found = hearth_test_find_shown_label (child, text);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
writes_done (gpointer data)
{
  return !hearth_journal_is_saving (HEARTH_JOURNAL (data));
}

void
hearth_test_wait_for_writes (HearthJournal *journal)
{
  g_assert_true (hearth_test_wait_until (writes_done, journal, 30000));
}
