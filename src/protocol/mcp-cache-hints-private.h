/* mcp-cache-hints-private.h: how long a client may keep what a resource or
 * template reads to (`ttlMs`, `cacheScope` on the 2026-07-28 era), kept on
 * the item
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

#include "mcp-protocol.h"

G_BEGIN_DECLS

/* Returns whether @item has hints; -1 / DEFAULT for what it leaves unset. */
gboolean    _mcp_cache_hints_get      (GObject       *item,
                                       gint64        *ttl_ms,
                                       McpCacheScope *scope);
void        _mcp_cache_hints_set      (GObject       *item,
                                       gint64         ttl_ms,
                                       McpCacheScope  scope);
/* The wire name of @scope, or NULL for MCP_CACHE_SCOPE_DEFAULT. */
const char *_mcp_cache_scope_to_string (McpCacheScope scope);

G_END_DECLS
