/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HEARTH_ERROR (hearth_error_quark ())

/**
 * HearthError:
 * Every failure a person can cause or meet while using a journal.
 */
typedef enum
{
  HEARTH_ERROR_FAILED,
  HEARTH_ERROR_WRONG_PASSPHRASE,
  HEARTH_ERROR_LOCKED,
  HEARTH_ERROR_DAMAGED,
  HEARTH_ERROR_NEWER_FORMAT,
  HEARTH_ERROR_READ_ONLY,
  HEARTH_ERROR_NOT_A_JOURNAL,
  HEARTH_ERROR_EXISTS,
  HEARTH_ERROR_NOT_JOINED,
  HEARTH_ERROR_NOT_FOUND,
  HEARTH_ERROR_INVALID,
  HEARTH_ERROR_WRITE,
  HEARTH_ERROR_DISK_FULL,
  HEARTH_ERROR_KEYRING,
  HEARTH_ERROR_TAMPERED,
  HEARTH_ERROR_WENT_BACK,
  HEARTH_ERROR_MISSING,
} HearthErrorCode;

GQuark hearth_error_quark (void);

G_END_DECLS
