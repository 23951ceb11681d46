/* mcp-cache-hints.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-cache-hints-private.h"

typedef struct
{
  gint64        ttl_ms;
  McpCacheScope scope;
} CacheHints;

static GQuark
cache_hints_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("mcp-cache-hints");
  return quark;
}

gboolean
_mcp_cache_hints_get (GObject       *item,
                      gint64        *ttl_ms,
                      McpCacheScope *scope)
{
  CacheHints *hints = g_object_get_qdata (item, cache_hints_quark ());

  *ttl_ms = hints != NULL ? hints->ttl_ms : -1;
  *scope = hints != NULL ? hints->scope : MCP_CACHE_SCOPE_DEFAULT;
  return hints != NULL;
}

void
_mcp_cache_hints_set (GObject       *item,
                      gint64         ttl_ms,
                      McpCacheScope  scope)
{
  CacheHints *hints = NULL;

  if (ttl_ms >= 0 || scope != MCP_CACHE_SCOPE_DEFAULT)
    {
      hints = g_new (CacheHints, 1);
      hints->ttl_ms = MAX (ttl_ms, -1);
      hints->scope = scope;
    }
  g_object_set_qdata_full (item, cache_hints_quark (), hints, g_free);
}

const char *
_mcp_cache_scope_to_string (McpCacheScope scope)
{
  switch (scope)
    {
    case MCP_CACHE_SCOPE_PUBLIC:
      return "public";
    case MCP_CACHE_SCOPE_PRIVATE:
      return "private";
    case MCP_CACHE_SCOPE_DEFAULT:
    default:
      return NULL;
    }
}
