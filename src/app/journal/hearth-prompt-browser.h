/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_PROMPT_BROWSER (hearth_prompt_browser_get_type ())

G_DECLARE_FINAL_TYPE (HearthPromptBrowser, hearth_prompt_browser, HEARTH, PROMPT_BROWSER, AdwWindow)

HearthPromptBrowser *hearth_prompt_browser_new (GtkWindow *parent);

G_END_DECLS
