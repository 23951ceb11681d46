/* mcp-http-transport-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-http-transport.h"
#include "mcp-pinned-address-private.h"

G_BEGIN_DECLS

/* Makes every connection of @self go to @address (addresses a policy
 * checked), and has each redirect target checked by @guard before it is
 * followed. Only before connecting, and only on a transport with a
 * SoupSession of its own: returns FALSE (and changes nothing) for one given
 * to mcp_http_transport_new_with_session(). */
gboolean _mcp_http_transport_pin (McpHttpTransport *self,
                                  McpPinnedAddress *address,
                                  McpUrlGuardFunc   guard,
                                  gpointer          guard_data,
                                  GDestroyNotify    guard_destroy);

void     _mcp_http_transport_set_tool_headers (McpHttpTransport *self,
                                              const char       *tool,
                                              GPtrArray        *params);

G_END_DECLS
