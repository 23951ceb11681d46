/* mcp-required-permission.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-required-permission-private.h"

/* Kept beside the object rather than in McpMetadata: McpMetadata is what
 * goes on the wire, and this never does. */
static GQuark
required_permission_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("mcp-required-permission");
  return quark;
}

const char *
_mcp_required_permission_get (GObject *feature)
{
  return g_object_get_qdata (feature, required_permission_quark ());
}

void
_mcp_required_permission_set (GObject    *feature,
                              const char *permission)
{
  g_object_set_qdata_full (feature, required_permission_quark (),
                           permission != NULL && *permission != '\0' ? g_strdup (permission) : NULL,
                           g_free);
}
