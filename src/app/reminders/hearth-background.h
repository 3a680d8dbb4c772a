/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * HearthBackgroundPermission:
 * @HEARTH_BACKGROUND_NATIVE: not sandboxed: nothing to ask, the autostart
 *   entry is written in the user's config folder
 * @HEARTH_BACKGROUND_NOT_ASKED: sandboxed, the Background portal was not
 *   asked yet (or is not needed: background and autostart are both off)
 * @HEARTH_BACKGROUND_ASKING: the portal request is under way
 * @HEARTH_BACKGROUND_GRANTED: the portal allowed running in the background
 * @HEARTH_BACKGROUND_REFUSED: the portal (or the user) refused
 * @HEARTH_BACKGROUND_UNAVAILABLE: sandboxed, but the portal cannot be reached
 */
typedef enum
{
  HEARTH_BACKGROUND_NATIVE,
  HEARTH_BACKGROUND_NOT_ASKED,
  HEARTH_BACKGROUND_ASKING,
  HEARTH_BACKGROUND_GRANTED,
  HEARTH_BACKGROUND_REFUSED,
  HEARTH_BACKGROUND_UNAVAILABLE,
} HearthBackgroundPermission;

#define HEARTH_TYPE_BACKGROUND_PERMISSION (hearth_background_permission_get_type ())
GType hearth_background_permission_get_type (void) G_GNUC_CONST;

#define HEARTH_TYPE_BACKGROUND (hearth_background_get_type ())

G_DECLARE_FINAL_TYPE (HearthBackground, hearth_background, HEARTH, BACKGROUND, GObject)

HearthBackground *hearth_background_new (GSettings *settings);

gboolean hearth_background_is_sandboxed (void);
char    *hearth_background_dup_autostart_path (void);

void                       hearth_background_apply (HearthBackground *self,
                                                    GtkWindow        *parent);
HearthBackgroundPermission hearth_background_get_permission (HearthBackground *self);
gboolean                   hearth_background_get_autostart_active (HearthBackground *self);
const char                *hearth_background_get_error (HearthBackground *self);

G_END_DECLS
