/* mcp-required-permission-private.h: the permission a tool, prompt,
 * resource or template needs: server-side policy, never sent to a peer
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

const char *_mcp_required_permission_get (GObject    *feature);
void        _mcp_required_permission_set (GObject    *feature,
                                          const char *permission);

G_END_DECLS
