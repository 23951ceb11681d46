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
 * checked), and has each redirect target, and each URL its OAuth client
 * fetches for it, checked by @guard (a reference is taken) first. Only
 * before connecting, and only on a transport with a SoupSession of its own:
 * returns FALSE (and changes nothing) for one given to
 * mcp_http_transport_new_with_session(). */
gboolean _mcp_http_transport_pin (McpHttpTransport *self,
                                  McpPinnedAddress *address,
                                  McpUrlGuard      *guard);

void     _mcp_http_transport_set_tool_headers (McpHttpTransport *self,
                                              const char       *tool,
                                              GPtrArray        *params);

G_END_DECLS
