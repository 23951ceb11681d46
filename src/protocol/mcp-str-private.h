/* mcp-str-private.h: replacing an owned string, as g_set_str() of GLib 2.76
 * does, or an owned string list
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces *@slot by a copy of @value; returns whether it changed (the
 * caller notifies then). */
static inline gboolean
_mcp_str_replace (char       **slot,
                  const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* Replaces *@slot by a copy of @value (either may be NULL); returns whether
 * it changed (the caller notifies then). */
static inline gboolean
_mcp_strv_replace (char               ***slot,
                   const char * const   *value)
{
  if (*slot == NULL && value == NULL)
    return FALSE;
  if (*slot != NULL && value != NULL && g_strv_equal ((const char * const *) *slot, value))
    return FALSE;

  g_strfreev (*slot);
  *slot = g_strdupv ((char **) value);
  return TRUE;
}

G_END_DECLS
