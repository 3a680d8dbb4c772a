/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hearth-journal.h"
#include "hearth-print.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_PRINT_OPERATION (hearth_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (HearthPrintOperation, hearth_print_operation, HEARTH, PRINT_OPERATION, GtkPrintOperation)

HearthPrintOperation *hearth_print_operation_new (HearthJournal *journal,
                                                  GtkWindow     *parent);
HearthPrint          *hearth_print_operation_get_print (HearthPrintOperation *self);
gboolean              hearth_print_operation_found_nothing (HearthPrintOperation *self);
void                  hearth_print_operation_present (GtkWindow     *parent,
                                                      HearthJournal *journal);

G_END_DECLS
