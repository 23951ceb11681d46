/* mcp-message.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * McpMessageKind:
 * @MCP_MESSAGE_KIND_INVALID: not a valid JSON-RPC 2.0 message
 * @MCP_MESSAGE_KIND_REQUEST: a request: `method` and `id`
 * @MCP_MESSAGE_KIND_NOTIFICATION: a notification: `method` and no `id`
 * @MCP_MESSAGE_KIND_RESPONSE: a successful response: `result` and `id`
 * @MCP_MESSAGE_KIND_ERROR: an error response: `error` and `id` (maybe null)
 *
 * What a JSON-RPC message is, as told by mcp_message_parse().
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_MESSAGE_KIND_INVALID,
  MCP_MESSAGE_KIND_REQUEST,
  MCP_MESSAGE_KIND_NOTIFICATION,
  MCP_MESSAGE_KIND_RESPONSE,
  MCP_MESSAGE_KIND_ERROR,
} McpMessageKind;

/**
 * MCP_MESSAGE_MAX_DEPTH:
 *
 * The deepest nesting of arrays and objects mcp-glib parses. The reader
 * keeps its own bounded stack and refuses the first level beyond this, so
 * hostile input cannot exhaust the stack.
 *
 * Since: 0.1
 */
#define MCP_MESSAGE_MAX_DEPTH 256

MCP_AVAILABLE_IN_0_1
JsonNode       *mcp_message_new_request       (JsonNode     *id,
                                               const char   *method,
                                               JsonNode     *params);
MCP_AVAILABLE_IN_0_1
JsonNode       *mcp_message_new_notification  (const char   *method,
                                               JsonNode     *params);
MCP_AVAILABLE_IN_0_1
JsonNode       *mcp_message_new_response      (JsonNode     *id,
                                               JsonNode     *result);
MCP_AVAILABLE_IN_0_1
JsonNode       *mcp_message_new_error         (JsonNode     *id,
                                               gint          code,
                                               const char   *message,
                                               JsonNode     *data);
MCP_AVAILABLE_IN_0_1
JsonNode       *mcp_message_new_error_from_gerror (JsonNode     *id,
                                                   const GError *error);
MCP_AVAILABLE_IN_0_1
McpMessageKind  mcp_message_parse             (JsonNode     *message,
                                               JsonNode    **id,
                                               const char  **method,
                                               JsonNode    **payload,
                                               GError      **error);
MCP_AVAILABLE_IN_0_1
gboolean        mcp_message_id_is_valid       (JsonNode     *id);
MCP_AVAILABLE_IN_0_1
gboolean        mcp_message_id_equal          (JsonNode     *a,
                                               JsonNode     *b);
MCP_AVAILABLE_IN_0_1
char           *mcp_message_id_to_key         (JsonNode     *id);
MCP_AVAILABLE_IN_0_1
JsonNode       *mcp_message_from_data         (const char   *data,
                                               gssize        length,
                                               GError      **error);
MCP_AVAILABLE_IN_0_1
char           *mcp_message_to_data           (JsonNode     *message,
                                               gsize        *length);

G_END_DECLS
