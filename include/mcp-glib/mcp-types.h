/* mcp-types.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/* Forward declarations, so headers can name each other's types. */
typedef struct _McpClient           McpClient;
typedef struct _McpCompletionRequest McpCompletionRequest;
typedef struct _McpElicitationRequest McpElicitationRequest;
typedef struct _McpPrompt           McpPrompt;
typedef struct _McpPromptRequest    McpPromptRequest;
typedef struct _McpPromptResult     McpPromptResult;
typedef struct _McpRequest          McpRequest;
typedef struct _McpResource         McpResource;
typedef struct _McpResourceRead     McpResourceRead;
typedef struct _McpResourceTemplate McpResourceTemplate;
typedef struct _McpRoot             McpRoot;
typedef struct _McpRootsRequest     McpRootsRequest;
typedef struct _McpSamplingRequest  McpSamplingRequest;
typedef struct _McpServer           McpServer;
typedef struct _McpServerSession    McpServerSession;
typedef struct _McpServerTransport  McpServerTransport;
typedef struct _McpSession          McpSession;
typedef struct _McpTool             McpTool;
typedef struct _McpToolCall         McpToolCall;
typedef struct _McpToolResult       McpToolResult;
typedef struct _McpTransport        McpTransport;

G_END_DECLS
