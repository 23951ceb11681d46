/* mcp-service-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-connection-pool.h"
#include "mcp-error-private.h"
#include "mcp-service.h"

G_BEGIN_DECLS

typedef enum
{
  MCP_SERVICE_CALL_TOOL,
  MCP_SERVICE_CALL_LIST_TOOLS,
  MCP_SERVICE_CALL_READ_RESOURCE,
  MCP_SERVICE_CALL_REQUEST,
  MCP_SERVICE_CALL_ACQUIRE,
} McpServiceCallKind;

void        _mcp_service_attach (McpService        *self,
                                 McpConnectionPool *pool,
                                 GMainContext      *context);
void        _mcp_service_detach (McpService        *self);
gboolean    _mcp_service_is_attached (McpService   *self);

/* Runs one request on the service, failing over as the rules allow, and
 * completes @task (the pool's) with the value or the error. */
void        _mcp_service_run    (McpService         *self,
                                 GTask              *task,
                                 McpServiceCallKind  kind,
                                 const char         *name,
                                 JsonNode           *arguments,
                                 McpCallOptions     *options);

const char *_mcp_connection_pool_lookup_token (McpConnectionPool *self,
                                               const char        *url);

G_END_DECLS
