/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "hearth-backup.h"
#include "hearth-backups-page.h"
#include "hearth-clock.h"

/* How many of the things a backup would bring back the confirmation names
 * one by one; the rest are counted. */
#define SHOWN_ITEMS 8

/* The Backups page of Preferences: when the last backup was made and
 * where, "Back Up Now", and every backup kept. Choosing one shows what it
 * would bring back before anything is restored. All file work runs in
 * worker threads (hearth-backup.h); restoring saves through the journal
 * like any edit. */

struct _HearthBackupsPage
{
  AdwPreferencesPage parent_instance;

  AdwActionRow        *last_row;
  GtkSpinner          *backup_spinner;
  GtkButton           *backup_button;
  AdwActionRow        *folder_row;
  GtkButton           *open_button;
  AdwPreferencesGroup *list_group;
  AdwActionRow        *empty_row;

  HearthJournal     *journal;
  GCancellable      *cancellable;
  GPtrArray         *rows;   /* the backup rows in list_group */
  GtkWindow         *dialog; /* weak */
  HearthRestorePlan *plan;   /* what the dialog offers to bring back */
  gboolean           busy;   /* backing up or reading a backup */
};

G_DEFINE_FINAL_TYPE (HearthBackupsPage, hearth_backups_page, ADW_TYPE_PREFERENCES_PAGE)

enum
{
  PROP_0,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (HearthBackupsPage *self,
       const char        *message)
{
  GtkRoot  *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;

  if (!ADW_IS_PREFERENCES_WINDOW (root))
    return;
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 8);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
}

static void
set_busy (HearthBackupsPage *self,
          gboolean           busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->backup_spinner), busy);
  gtk_spinner_set_spinning (self->backup_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_button), !busy);
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->rows, i), !busy);
}

/* "Wednesday, 2 December 2026" */
static char *
format_day (const char *date)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  int y, m, d;

  if (sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      (day = g_date_time_new (local, y, m, d, 12, 0, 0)) == NULL)
    return g_strdup (date);
  /* Translators: a day in the list of backups, see strftime(3). */
  return g_date_time_format (day, _ ("%A, %-e %B %Y"));
}

static char *
format_made (const HearthBackupInfo *info)
{
  g_autoptr(GDateTime) now = hearth_clock_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (g_str_equal (info->date, today))
    day = g_strdup (_ ("Today"));
  else
    day = format_day (info->date);
  if (info->made == 0)
    return g_steal_pointer (&day);
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (info->made);
    g_autoptr(GDateTime) made = g_date_time_to_local (utc);
    time = g_date_time_format (made, "%H:%M");
  }
  /* Translators: when the last backup was made: "Today, at 10:30". */
  return g_strdup_printf (_ ("%s, at %s"), day, time);
}

static char *
format_contents (const HearthBackupInfo *info)
{
  g_autofree char *size = g_format_size (info->size);

  if (!info->complete)
    return g_strdup (_ ("Unfinished or damaged: it cannot be restored from"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file, %s", "%u files, %s", info->n_files),
                          info->n_files, size);
}

/* ------------------------------------------------------------------------ */
/* Restoring                                                                 */

typedef struct
{
  HearthBackupsPage *page;
  char              *day;
} Restoring;

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Restoring *restoring = user_data;
  g_autoptr(HearthBackupsPage) self = restoring->page;
  g_autofree char *day = restoring->day;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint            n = 0;

  g_free (restoring);
  if (!hearth_restore_plan_apply_finish (HEARTH_JOURNAL (source), result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Brought back %u item from the backup of %s.",
                                          "Brought back %u items from the backup of %s.", n),
                             n, day);
  toast (self, message);
}

/* Through the journal's write queue: the files are written on its worker
 * thread, the records show at once. */
static void
restore (HearthBackupsPage *self,
         HearthRestorePlan *plan)
{
  Restoring *restoring = g_new0 (Restoring, 1);

  restoring->page = g_object_ref (self);
  restoring->day = format_day (hearth_restore_plan_get_date (plan));
  hearth_restore_plan_apply_async (plan, self->journal, self->cancellable, restored_cb, restoring);
}

static void
on_dialog_response (HearthBackupsPage *self,
                    const char        *response,
                    AdwMessageDialog  *dialog)
{
  if (g_strcmp0 (response, "restore") == 0 && self->plan != NULL)
    restore (self, self->plan);
  g_clear_pointer (&self->plan, hearth_restore_plan_free);
}

/* The things that would come back, one a line: day, kind and title. */
static GtkWidget *
items_label (HearthRestorePlan *plan)
{
  GPtrArray *items = hearth_restore_plan_get_items (plan);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *label;

  for (guint i = 0; i < items->len && i < SHOWN_ITEMS; i++)
    {
      HearthRestoreItem *item = g_ptr_array_index (items, i);
      g_autofree char   *day = format_day (item->date);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: one thing a backup would bring back: "A walk (Journal entry, Wednesday, 2 December 2026)". */
      g_string_append_printf (text, _ ("%s (%s, %s)"), *item->title ? item->title : _ ("(untitled)"),
                              hearth_restore_kind_name (item->kind), day);
    }
  if (items->len > SHOWN_ITEMS)
    {
      guint more = items->len - SHOWN_ITEMS;
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more), more);
    }
  label = gtk_label_new (text->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
show_plan (HearthBackupsPage *self,
           HearthRestorePlan *plan)
{
  g_autofree char *day = format_day (hearth_restore_plan_get_date (plan));
  g_autofree char *summary = hearth_restore_plan_describe (plan);
  g_autofree char *heading = NULL;
  GtkWidget       *dialog;
  GtkRoot         *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean         empty = hearth_restore_plan_get_items (plan)->len == 0;

  heading = empty ? g_strdup (_ ("Nothing to Bring Back"))
                  : g_strdup_printf (_ ("Restore From %s?"), day);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, summary);
  if (empty)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  else
    {
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), items_label (plan));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _ ("_Cancel"),
                                        "restore", _ ("_Restore"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response), self,
                               G_CONNECT_SWAPPED);
    }
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_pointer (&self->plan, hearth_restore_plan_free);
  if (!empty)
    self->plan = g_steal_pointer (&plan);
  g_clear_pointer (&plan, hearth_restore_plan_free);
  self->dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
plan_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HearthBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  HearthRestorePlan *plan = hearth_restore_plan_new_finish (HEARTH_JOURNAL (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->journal == NULL)
    {
      g_clear_pointer (&plan, hearth_restore_plan_free);
      return;
    }
  set_busy (self, FALSE);
  if (plan == NULL)
    {
      toast (self, error->message);
      return;
    }
  show_plan (self, plan);
}

static void
free_path (gpointer  data,
           GClosure *closure)
{
  g_free (data);
}

/* The closure's data is the backup's path. */
static void
on_row_activated (AdwActionRow *row,
                  const char   *path)
{
  HearthBackupsPage *self = (HearthBackupsPage *) gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                           HEARTH_TYPE_BACKUPS_PAGE);

  if (self == NULL || self->busy)
    return;
  set_busy (self, TRUE);
  hearth_restore_plan_new_async (self->journal, path, self->cancellable, plan_ready_cb,
                                 g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* The list                                                                  */

static void
clear_rows (HearthBackupsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->list_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (HearthBackupsPage      *self,
         const HearthBackupInfo *info)
{
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *day = format_day (info->date);
  g_autofree char *contents = format_contents (info);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), day);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), contents);
  if (info->complete)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 g_object_new (GTK_TYPE_IMAGE,
                                               "icon-name", "go-next-symbolic",
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                               NULL));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_data (row, "activated", G_CALLBACK (on_row_activated), g_strdup (info->path), free_path, 0);
    }
  gtk_widget_set_sensitive (row, !self->busy);
  adw_preferences_group_add (self->list_group, row);
  g_ptr_array_add (self->rows, row);
}

static void
show_backups (HearthBackupsPage *self,
              GPtrArray         *backups)
{
  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), backups->len == 0);
  if (backups->len == 0)
    adw_action_row_set_subtitle (self->last_row, _ ("None yet"));
  else
    {
      g_autofree char *made = format_made (g_ptr_array_index (backups, 0));
      adw_action_row_set_subtitle (self->last_row, made);
    }
  for (guint i = 0; i < backups->len; i++)
    add_row (self, g_ptr_array_index (backups, i));
}

static void
list_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HearthBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = hearth_backup_list_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->journal == NULL)
    return;
  if (backups == NULL)
    {
      adw_action_row_set_subtitle (self->last_row, error->message);
      return;
    }
  show_backups (self, backups);
}

/**
 * hearth_backups_page_refresh:
 * Reads the list of backups again, in a worker thread.
 */
void
hearth_backups_page_refresh (HearthBackupsPage *self)
{
  g_return_if_fail (HEARTH_IS_BACKUPS_PAGE (self));

  hearth_backup_list_async (self->journal, self->cancellable, list_ready_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* Backing up                                                                */

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HearthBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthBackupInfo) info = hearth_backup_make_finish (result, &error);

  /* Preferences closed meanwhile: the backup was still made. */
  if (self->journal == NULL)
    return;
  set_busy (self, FALSE);
  if (info == NULL)
    toast (self, error->message);
  else
    toast (self, _ ("Backed up. The copy is in the folder shown above."));
  hearth_backups_page_refresh (self);
}

static void
on_backup_clicked (HearthBackupsPage *self)
{
  if (self->busy)
    return;
  set_busy (self, TRUE);
  /* Not cancelled with the page: a backup the person asked for is made. */
  hearth_backup_make_async (self->journal, HEARTH_BACKUP_REPLACE, NULL,
                            backup_done_cb, g_object_ref (self));
}

static void
on_open_clicked (HearthBackupsPage *self)
{
  g_autofree char *folder = hearth_backup_get_folder (NULL, hearth_journal_get_id (self->journal));
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autofree char *uri = g_file_get_uri (file);
  GtkRoot         *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->rows->len == 0)
    {
      toast (self, _ ("There is no backup yet. Choose Back Up Now to make the first one."));
      return;
    }
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* ------------------------------------------------------------------------ */

static void
hearth_backups_page_constructed (GObject *object)
{
  HearthBackupsPage *self = HEARTH_BACKUPS_PAGE (object);
  g_autofree char   *folder = NULL;
  g_autofree char   *display = NULL;

  G_OBJECT_CLASS (hearth_backups_page_parent_class)->constructed (object);

  g_return_if_fail (self->journal != NULL);

  folder = hearth_backup_get_folder (NULL, hearth_journal_get_id (self->journal));
  display = g_filename_display_name (folder);
  adw_action_row_set_subtitle (self->folder_row, display);
  adw_action_row_set_subtitle (self->last_row, _ ("Looking…"));
  hearth_backups_page_refresh (self);
}

static void
hearth_backups_page_dispose (GObject *object)
{
  HearthBackupsPage *self = HEARTH_BACKUPS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->plan, hearth_restore_plan_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_BACKUPS_PAGE);
  g_clear_object (&self->journal);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hearth_backups_page_parent_class)->dispose (object);
}

static void
hearth_backups_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HearthBackupsPage *self = HEARTH_BACKUPS_PAGE (object);

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
hearth_backups_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  HearthBackupsPage *self = HEARTH_BACKUPS_PAGE (object);

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
hearth_backups_page_class_init (HearthBackupsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hearth_backups_page_constructed;
  object_class->dispose = hearth_backups_page_dispose;
  object_class->get_property = hearth_backups_page_get_property;
  object_class->set_property = hearth_backups_page_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-backups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthBackupsPage, last_row);
  gtk_widget_class_bind_template_child (widget_class, HearthBackupsPage, backup_spinner);
  gtk_widget_class_bind_template_child (widget_class, HearthBackupsPage, backup_button);
  gtk_widget_class_bind_template_child (widget_class, HearthBackupsPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, HearthBackupsPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, HearthBackupsPage, list_group);
  gtk_widget_class_bind_template_child (widget_class, HearthBackupsPage, empty_row);
  gtk_widget_class_bind_template_callback (widget_class, on_backup_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
}

static void
hearth_backups_page_init (HearthBackupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
}

/**
 * hearth_backups_page_new:
 * @journal: the journal whose backups it shows, unlocked and loaded
 *
 * Returns: (transfer floating): the page
 */
GtkWidget *
hearth_backups_page_new (HearthJournal *journal)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  return g_object_new (HEARTH_TYPE_BACKUPS_PAGE, "journal", journal, NULL);
}
