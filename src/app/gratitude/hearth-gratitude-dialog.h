/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_GRATITUDE_DIALOG (hearth_gratitude_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HearthGratitudeDialog, hearth_gratitude_dialog, HEARTH, GRATITUDE_DIALOG, AdwWindow)

HearthGratitudeDialog *hearth_gratitude_dialog_new (HearthJournal *journal,
                                                    HearthRecord  *note);
void                   hearth_gratitude_dialog_present (GtkWindow     *parent,
                                                        HearthJournal *journal);
void                   hearth_gratitude_dialog_present_edit (GtkWindow     *parent,
                                                             HearthJournal *journal,
                                                             HearthRecord  *note);

G_END_DECLS
