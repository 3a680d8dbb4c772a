/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-journal.h"

G_BEGIN_DECLS

char *hearth_export_markdown (HearthJournal *journal);
char *hearth_export_html (HearthJournal *journal);

G_END_DECLS
