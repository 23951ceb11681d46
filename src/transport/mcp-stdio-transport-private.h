/* mcp-stdio-transport-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-stdio-transport.h"

G_BEGIN_DECLS

/* Queues the response `{"jsonrpc":"2.0","id":@id,"result":@result}` (an
 * empty object for a NULL @result) exactly as sending the message that
 * mcp_message_new_response() builds would, without building it. Dropped
 * when the transport can no longer send. */
void _mcp_stdio_transport_send_response (McpStdioTransport *self,
                                         JsonNode          *id,
                                         JsonNode          *result);
/* The same with the result already written as compact JSON text (by
 * _mcp_json_write() or to the same rules). Returns FALSE when it was
 * dropped because the transport can no longer send. */
gboolean _mcp_stdio_transport_send_response_text (McpStdioTransport *self,
                                                  JsonNode          *id,
                                                  const char        *result_json,
                                                  gsize              length);

G_END_DECLS
