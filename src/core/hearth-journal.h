/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hearth-record.h"
#include "hearth-vault.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_JOURNAL (hearth_journal_get_type ())

G_DECLARE_FINAL_TYPE (HearthJournal, hearth_journal, HEARTH, JOURNAL, GObject)

/* The records of one kind, each a sorted GListModel of HearthRecord
 * subclasses: entries, gratitude, occurrences and check-ins newest first,
 * rituals and partners in the order they were created. */
typedef enum
{
  HEARTH_KIND_ENTRY,
  HEARTH_KIND_GRATITUDE,
  HEARTH_KIND_RITUAL,
  HEARTH_KIND_OCCURRENCE,
  HEARTH_KIND_CHECKIN,
  HEARTH_KIND_PARTNER,
  HEARTH_N_KINDS
} HearthKind;

/* The files a partial load reads (hearth_journal_load_scope()), by type
 * and, for the yearly ones, by year. Every device.json is always read. */
typedef enum
{
  HEARTH_LOAD_SHARED = 1 << 0,    /* shared.json: the journal, partners, rituals */
  HEARTH_LOAD_ENTRIES = 1 << 1,   /* entries-YYYY.json */
  HEARTH_LOAD_GRATITUDE = 1 << 2, /* gratitude-YYYY.json */
  HEARTH_LOAD_RITUALS = 1 << 3,   /* rituals-YYYY.json: the occurrences */
  HEARTH_LOAD_CHECKINS = 1 << 4,  /* checkins-YYYY.json */
  HEARTH_LOAD_EVERY_TYPE = (1 << 5) - 1,
  /* Not a file: entries and gratitude notes are kept for
   * hearth_journal_search() only, with no objects and no models, for a
   * journal loaded once to be searched (hearth-cli search). */
  HEARTH_LOAD_TO_SEARCH = 1 << 5,
} HearthLoadFiles;

typedef struct
{
  HearthLoadFiles files;
  int             first_year; /* of the yearly files; 0: from the first */
  int             last_year;  /* 0: to the last */
} HearthLoadScope;

char *hearth_journal_default_path (void);

HearthJournal *hearth_journal_open (const char *path,
                                    GError    **error);
void           hearth_journal_open_async (const char         *path,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
HearthJournal *hearth_journal_open_finish (GAsyncResult *result,
                                           GError      **error);
HearthJournal *hearth_journal_create (const char       *path,
                                      const char       *name,
                                      const char *const partner_names[2],
                                      const char *const partner_colors[2],
                                      guint             me,
                                      const char       *passphrase,
                                      HearthKdfPreset   preset,
                                      GError          **error);
void           hearth_journal_create_async (const char         *path,
                                            const char         *name,
                                            const char *const   partner_names[2],
                                            const char *const   partner_colors[2],
                                            guint               me,
                                            const char         *passphrase,
                                            HearthKdfPreset     preset,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
HearthJournal *hearth_journal_create_finish (GAsyncResult *result,
                                             GError      **error);

const char *hearth_journal_get_path (HearthJournal *self);
const char *hearth_journal_get_id (HearthJournal *self);
const char *hearth_journal_get_name (HearthJournal *self);
gboolean    hearth_journal_is_encrypted (HearthJournal *self);
gboolean    hearth_journal_is_locked (HearthJournal *self);
gboolean    hearth_journal_is_loaded (HearthJournal *self);
gboolean    hearth_journal_is_fully_loaded (HearthJournal *self);
gboolean    hearth_journal_is_read_only (HearthJournal *self);
const char *hearth_journal_get_device_id (HearthJournal *self);
const char *hearth_journal_get_me (HearthJournal *self);
const char *hearth_journal_get_partner_id (HearthJournal *self);

gboolean hearth_journal_unlock (HearthJournal *self,
                                const char    *passphrase,
                                GError       **error);
void     hearth_journal_unlock_async (HearthJournal      *self,
                                      const char         *passphrase,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean hearth_journal_unlock_finish (HearthJournal *self,
                                       GAsyncResult  *result,
                                       GError       **error);
void     hearth_journal_lock (HearthJournal *self);

gboolean hearth_journal_load (HearthJournal *self,
                              GError       **error);
gboolean hearth_journal_load_scope (HearthJournal         *self,
                                    const HearthLoadScope *scope,
                                    GError               **error);
void     hearth_journal_load_async (HearthJournal      *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gboolean hearth_journal_load_finish (HearthJournal *self,
                                     GAsyncResult  *result,
                                     GError       **error);
void     hearth_journal_rescan (HearthJournal *self);
void     hearth_journal_set_watching (HearthJournal *self,
                                      gboolean       watching);

GListModel   *hearth_journal_get_model (HearthJournal *self,
                                        HearthKind     kind);
HearthRecord *hearth_journal_lookup (HearthJournal *self,
                                     const char    *id);
HearthRecord *hearth_journal_get_partner (HearthJournal *self,
                                          const char    *partner_id);
HearthRecord *hearth_journal_get_info (HearthJournal *self);
void          hearth_journal_set_absorbs_conflicts (HearthJournal *self,
                                                    gboolean       absorbs);
gboolean      hearth_journal_get_absorbs_conflicts (HearthJournal *self);
GPtrArray    *hearth_journal_search (HearthJournal *self,
                                     const char    *query);
GPtrArray    *hearth_journal_get_problems (HearthJournal *self);
GHashTable   *hearth_journal_collect_marks (HearthJournal *self);

HearthRecord *hearth_journal_new_record (HearthJournal *self,
                                         const char    *kind,
                                         const char    *id);
gboolean      hearth_journal_save (HearthJournal *self,
                                   HearthRecord  *record,
                                   GError       **error);
void          hearth_journal_save_async (HearthJournal      *self,
                                         HearthRecord       *record,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean      hearth_journal_save_finish (HearthJournal *self,
                                          GAsyncResult  *result,
                                          GError       **error);
gboolean      hearth_journal_queue_save (HearthJournal *self,
                                         HearthRecord  *record,
                                         GError       **error);
gboolean      hearth_journal_queue_delete (HearthJournal *self,
                                           const char    *id,
                                           GError       **error);
gboolean      hearth_journal_is_saving (HearthJournal *self);
gboolean      hearth_journal_delete (HearthJournal *self,
                                     const char    *id,
                                     GError       **error);
gboolean      hearth_journal_join (HearthJournal *self,
                                   const char    *partner_id,
                                   GError       **error);
gboolean      hearth_journal_change_passphrase (HearthJournal *self,
                                                const char    *old_passphrase,
                                                const char    *new_passphrase,
                                                GError       **error);
gboolean      hearth_journal_rekey (HearthJournal *self,
                                    const char    *old_passphrase,
                                    const char    *new_passphrase,
                                    GError       **error);
gboolean      hearth_journal_check_writable (HearthJournal *self,
                                             GError       **error);
gboolean      hearth_journal_has_versions_to_accept (HearthJournal *self);
gboolean      hearth_journal_accept_file (HearthJournal *self,
                                          const char    *file,
                                          GError       **error);
void          hearth_journal_accept_all_async (HearthJournal      *self,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean      hearth_journal_accept_all_finish (HearthJournal *self,
                                                GAsyncResult  *result,
                                                GError       **error);

G_END_DECLS
