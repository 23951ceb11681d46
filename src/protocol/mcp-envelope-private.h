/* mcp-envelope-private.h: the per-request `_meta` envelope of the 2026-07-28 era
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MCP_META_PROTOCOL_VERSION     "io.modelcontextprotocol/protocolVersion"
#define MCP_META_CLIENT_INFO          "io.modelcontextprotocol/clientInfo"
#define MCP_META_CLIENT_CAPABILITIES  "io.modelcontextprotocol/clientCapabilities"
#define MCP_META_LOG_LEVEL            "io.modelcontextprotocol/logLevel"
#define MCP_META_SERVER_INFO          "io.modelcontextprotocol/serverInfo"
#define MCP_META_SUBSCRIPTION_ID      "io.modelcontextprotocol/subscriptionId"

#define MCP_RESULT_TYPE_COMPLETE       "complete"
#define MCP_RESULT_TYPE_INPUT_REQUIRED "input_required"

/* The JSON-RPC codes the 2026-07-28 revision defines. */
#define MCP_JSONRPC_HEADER_MISMATCH                     (-32020)
#define MCP_JSONRPC_MISSING_REQUIRED_CLIENT_CAPABILITY  (-32021)
#define MCP_JSONRPC_UNSUPPORTED_PROTOCOL_VERSION        (-32022)

/* What a modern request says about itself. Every pointer is borrowed from
 * the params object it was read from. */
typedef struct
{
  const char *protocol_version;
  JsonObject *client_capabilities;
  JsonObject *client_info;          /* NULL when not sent */
  const char *log_level;            /* NULL when not sent: no notifications/message */
} McpEnvelope;

const char * const *_mcp_envelope_modern_versions      (void);
gboolean            _mcp_envelope_version_is_modern     (const char  *version);
gboolean            _mcp_envelope_is_present            (JsonObject  *params);
gboolean            _mcp_envelope_read                  (JsonObject  *params,
                                                         McpEnvelope *envelope,
                                                         GError     **error);

JsonObject         *_mcp_envelope_new_request_meta      (const char  *protocol_version,
                                                         JsonObject  *client_capabilities,
                                                         JsonObject  *client_info,
                                                         const char  *log_level);
void                _mcp_envelope_stamp_result          (JsonObject  *result,
                                                         const char  *result_type,
                                                         JsonObject  *server_info);
const char         *_mcp_envelope_result_type           (JsonObject  *result);
void                _mcp_envelope_add_cache_hints       (JsonObject  *result,
                                                         const char  *method,
                                                         gint64       ttl_ms,
                                                         const char  *scope);

JsonNode           *_mcp_envelope_unsupported_version_data (const char         *requested,
                                                            const char * const *supported);
JsonNode           *_mcp_envelope_missing_capabilities_data (JsonObject *required);
gboolean            _mcp_envelope_has_capabilities      (JsonObject  *declared,
                                                         JsonObject  *required);

G_END_DECLS
