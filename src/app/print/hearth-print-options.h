/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-print.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_PRINT_OPTIONS (hearth_print_options_get_type ())

G_DECLARE_FINAL_TYPE (HearthPrintOptions, hearth_print_options, HEARTH, PRINT_OPTIONS, AdwBin)

GtkWidget   *hearth_print_options_new (HearthPrint *print);
HearthPrint *hearth_print_options_get_print (HearthPrintOptions *self);

G_END_DECLS
