/* mcp-random-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Cryptographically random; aborts rather than fall back to a weak source. */
void      _mcp_random_bytes          (guint8     *buffer,
                                      gsize       length);
/* @n_bytes random bytes as lowercase hex (2 × n_bytes characters). */
char     *_mcp_random_token          (gsize       n_bytes);
/* Time depends only on the lengths, never on where the strings differ. */
gboolean  _mcp_constant_time_equal   (const char *a,
                                      const char *b);

G_END_DECLS
