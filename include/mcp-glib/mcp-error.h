/* mcp-error.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <glib.h>
#include <json-glib/json-glib.h>

#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * MCP_ERROR:
 *
 * The error domain of mcp-glib. Errors in it carry a #McpError code, and
 * errors that came from a peer also carry the JSON-RPC code and `data` the
 * peer sent; see mcp_error_get_jsonrpc_code() and mcp_error_get_data().
 *
 * Since: 0.1
 */
#define MCP_ERROR (mcp_error_quark ())

/**
 * McpError:
 * @MCP_ERROR_FAILED: a failure with no more specific code; a peer's JSON-RPC
 *   error whose code has no #McpError of its own maps here
 * @MCP_ERROR_PARSE_ERROR: the bytes were not valid JSON (JSON-RPC -32700)
 * @MCP_ERROR_INVALID_REQUEST: the JSON was not a valid JSON-RPC message
 *   (JSON-RPC -32600)
 * @MCP_ERROR_METHOD_NOT_FOUND: no such method (JSON-RPC -32601)
 * @MCP_ERROR_INVALID_PARAMS: the method's parameters are wrong (JSON-RPC -32602)
 * @MCP_ERROR_INTERNAL_ERROR: the peer failed internally (JSON-RPC -32603)
 * @MCP_ERROR_RESOURCE_NOT_FOUND: no resource has that URI (MCP -32002; on the
 *   2026-07-28 era the wire code is -32602, and mcp_client_read_resource_finish()
 *   reports it with this code too)
 * @MCP_ERROR_URL_ELICITATION_REQUIRED: the request needs a URL-mode
 *   elicitation first (MCP -32042)
 * @MCP_ERROR_CONNECTION_CLOSED: the connection closed before the reply came
 * @MCP_ERROR_TIMEOUT: no reply came in time
 * @MCP_ERROR_MESSAGE_TOO_LARGE: a message is over the size limit
 * @MCP_ERROR_NOT_CONNECTED: the transport or session is not connected
 * @MCP_ERROR_NOT_INITIALIZED: the MCP session has not been initialized
 * @MCP_ERROR_UNSUPPORTED_PROTOCOL_VERSION: no common protocol version
 * @MCP_ERROR_CAPABILITY_NOT_SUPPORTED: the peer did not declare the capability
 *   the operation needs
 * @MCP_ERROR_TRANSPORT: the transport failed (I/O, HTTP status, handshake)
 * @MCP_ERROR_UNAUTHORIZED: the peer refused our credentials, or we refused theirs
 * @MCP_ERROR_FORBIDDEN: the operation is refused by policy
 * @MCP_ERROR_URL_REFUSED: a URL was refused by a safety rule before any connect
 *
 * Error codes of the %MCP_ERROR domain.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_ERROR_FAILED,
  MCP_ERROR_PARSE_ERROR,
  MCP_ERROR_INVALID_REQUEST,
  MCP_ERROR_METHOD_NOT_FOUND,
  MCP_ERROR_INVALID_PARAMS,
  MCP_ERROR_INTERNAL_ERROR,
  MCP_ERROR_RESOURCE_NOT_FOUND,
  MCP_ERROR_URL_ELICITATION_REQUIRED,
  MCP_ERROR_CONNECTION_CLOSED,
  MCP_ERROR_TIMEOUT,
  MCP_ERROR_MESSAGE_TOO_LARGE,
  MCP_ERROR_NOT_CONNECTED,
  MCP_ERROR_NOT_INITIALIZED,
  MCP_ERROR_UNSUPPORTED_PROTOCOL_VERSION,
  MCP_ERROR_CAPABILITY_NOT_SUPPORTED,
  MCP_ERROR_TRANSPORT,
  MCP_ERROR_UNAUTHORIZED,
  MCP_ERROR_FORBIDDEN,
  MCP_ERROR_URL_REFUSED,
} McpError;

/**
 * McpJsonRpcErrorCode:
 * @MCP_JSONRPC_PARSE_ERROR: invalid JSON was received
 * @MCP_JSONRPC_INVALID_REQUEST: the JSON is not a valid request object
 * @MCP_JSONRPC_METHOD_NOT_FOUND: the method does not exist or is not available
 * @MCP_JSONRPC_INVALID_PARAMS: invalid method parameters
 * @MCP_JSONRPC_INTERNAL_ERROR: internal JSON-RPC error
 * @MCP_JSONRPC_RESOURCE_NOT_FOUND: MCP: the resource was not found
 * @MCP_JSONRPC_URL_ELICITATION_REQUIRED: MCP: a URL elicitation is required
 * @MCP_JSONRPC_CONNECTION_CLOSED: the code the official SDKs use on the wire
 *   for a closed connection
 * @MCP_JSONRPC_REQUEST_TIMEOUT: the code the official SDKs use on the wire
 *   for a timed-out request
 *
 * The error codes that travel in a JSON-RPC error object.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_JSONRPC_PARSE_ERROR = -32700,
  MCP_JSONRPC_INVALID_REQUEST = -32600,
  MCP_JSONRPC_METHOD_NOT_FOUND = -32601,
  MCP_JSONRPC_INVALID_PARAMS = -32602,
  MCP_JSONRPC_INTERNAL_ERROR = -32603,
  MCP_JSONRPC_URL_ELICITATION_REQUIRED = -32042,
  MCP_JSONRPC_RESOURCE_NOT_FOUND = -32002,
  MCP_JSONRPC_CONNECTION_CLOSED = -32000,
  MCP_JSONRPC_REQUEST_TIMEOUT = -32001,
} McpJsonRpcErrorCode;

MCP_AVAILABLE_IN_0_1
GQuark    mcp_error_quark              (void);
MCP_AVAILABLE_IN_0_1
gint      mcp_error_to_jsonrpc_code    (McpError        code);
MCP_AVAILABLE_IN_0_1
McpError  mcp_error_from_jsonrpc_code  (gint            jsonrpc_code);
MCP_AVAILABLE_IN_0_1
GError   *mcp_error_new_from_jsonrpc   (gint            jsonrpc_code,
                                        const char     *message,
                                        JsonNode       *data);
MCP_AVAILABLE_IN_0_1
gint      mcp_error_get_jsonrpc_code   (const GError   *error);
MCP_AVAILABLE_IN_0_1
JsonNode *mcp_error_get_data           (const GError   *error);
MCP_AVAILABLE_IN_0_1
gboolean  mcp_error_is_retryable       (const GError   *error);

G_END_DECLS
