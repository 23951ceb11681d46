/* mcp-http-private.h: helpers shared by the HTTP client and server transports
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_COMPILATION)
# error "mcp-http-private.h is private to mcp-glib."
#endif

#include <libsoup/soup.h>

#include "mcp-header-params-private.h"
#include "mcp-http-server-transport.h"

G_BEGIN_DECLS

#define MCP_HTTP_HEADER_SESSION_ID "Mcp-Session-Id"
#define MCP_HTTP_HEADER_PROTOCOL_VERSION "MCP-Protocol-Version"
#define MCP_HTTP_HEADER_LAST_EVENT_ID "Last-Event-ID"
#define MCP_HTTP_HEADER_METHOD "Mcp-Method"
#define MCP_HTTP_HEADER_NAME "Mcp-Name"

/* The default limit on one HTTP message body (server), and on one
 * server-sent event or response body the client accepts: 16 MiB. */
#define MCP_HTTP_DEFAULT_MAX_BODY_SIZE (16 * 1024 * 1024)

/* Server-sent events, parsed incrementally as bytes arrive. */
typedef struct _McpSseParser McpSseParser;

/* One dispatched event. @id is the stream's last event id after this event
 * (NULL if none was ever set); @data is NUL-terminated, possibly empty. */
typedef void (*McpSseEventFunc) (const char *event_type,
                                 const char *id,
                                 const char *data,
                                 gsize       data_length,
                                 gpointer    user_data);
typedef void (*McpSseRetryFunc) (guint      retry_ms,
                                 gpointer   user_data);

McpSseParser *_mcp_sse_parser_new        (gsize            max_event_size,
                                          McpSseEventFunc  event_func,
                                          McpSseRetryFunc  retry_func,
                                          gpointer         user_data);
void          _mcp_sse_parser_free       (McpSseParser    *parser);
/* Returns FALSE (and sets @error) when an event grows past the limit; the
 * stream should then be dropped. */
gboolean      _mcp_sse_parser_feed       (McpSseParser    *parser,
                                          const char      *data,
                                          gsize            length,
                                          GError         **error);
const char   *_mcp_sse_parser_get_last_id (McpSseParser   *parser);

/* Whether an Accept header value lets @media_type through (wildcards count). */
gboolean      _mcp_http_accepts          (const char      *accept,
                                          const char      *media_type);
/* Whether a Content-Type header value is application/json (any parameters). */
gboolean      _mcp_http_is_json_type     (const char      *content_type);
gboolean      _mcp_http_is_sse_type      (const char      *content_type);

/* The server behind a listener lends it its tools' schemas, so that the
 * listener can check the Mcp-Param headers of a modern tools/call. */
void          _mcp_http_server_transport_set_tool_schema_func (McpHttpServerTransport *self,
                                                               McpToolSchemaFunc       func,
                                                               gpointer                user_data);

/* And the text of its metrics (Prometheus), for /metrics; NULL while its
 * metrics are off. */
typedef char *(*McpMetricsFunc) (gpointer user_data);
void          _mcp_http_server_transport_set_metrics_func (McpHttpServerTransport *self,
                                                           McpMetricsFunc          func,
                                                           gpointer                user_data);

G_END_DECLS
