/* mcp-glib.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#define MCP_GLIB_INSIDE
# include "mcp-version.h"
# include "mcp-version-macros.h"
# include "mcp-types.h"
# include "mcp-enums.h"
# include "mcp-error.h"
# include "mcp-protocol.h"
# include "mcp-message.h"
# include "mcp-content.h"
# include "mcp-transport.h"
# include "mcp-server-transport.h"
# include "mcp-auth-info.h"
# include "mcp-auth-provider.h"
# include "mcp-auth-chain.h"
# include "mcp-bearer-token-provider.h"
# include "mcp-api-key-provider.h"
# include "mcp-client-certificate-provider.h"
# include "mcp-token-verifier.h"
# include "mcp-jwt-provider.h"
# include "mcp-token-store.h"
# include "mcp-oauth-client.h"
# include "mcp-introspection-provider.h"
# include "mcp-stdio-transport.h"
# include "mcp-custom-transport.h"
# include "mcp-http-transport.h"
# include "mcp-http-server-transport.h"
# include "mcp-websocket-transport.h"
# include "mcp-websocket-server-transport.h"
# include "mcp-trace-context.h"
# include "mcp-request.h"
# include "mcp-session.h"
# include "mcp-tool.h"
# include "mcp-tool-result.h"
# include "mcp-tool-call.h"
# include "mcp-resource.h"
# include "mcp-resource-template.h"
# include "mcp-resource-read.h"
# include "mcp-prompt.h"
# include "mcp-prompt-result.h"
# include "mcp-prompt-request.h"
# include "mcp-completion-request.h"
# include "mcp-root.h"
# include "mcp-sampling-request.h"
# include "mcp-elicitation-request.h"
# include "mcp-roots-request.h"
# include "mcp-server-session.h"
# include "mcp-middleware.h"
# include "mcp-server.h"
# include "mcp-client.h"
# include "mcp-service.h"
# include "mcp-connection-pool.h"
#undef MCP_GLIB_INSIDE
