/* mcp-http-transport.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "mcp-oauth-client.h"
#include "mcp-transport.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * McpHttpTransportMode:
 * @MCP_HTTP_TRANSPORT_MODE_AUTO: Streamable HTTP, falling back to HTTP+SSE
 *   when the server refuses the `initialize` POST with 400, 404 or 405, as the
 *   specification's backwards-compatibility procedure says
 * @MCP_HTTP_TRANSPORT_MODE_STREAMABLE: Streamable HTTP only (2025-03-26 and
 *   later)
 * @MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE: the 2024-11-05 HTTP+SSE transport
 *   only: the URL is the server's event stream (usually `…/sse`)
 *
 * Which HTTP form of MCP an #McpHttpTransport speaks.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_HTTP_TRANSPORT_MODE_AUTO,
  MCP_HTTP_TRANSPORT_MODE_STREAMABLE,
  MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE,
} McpHttpTransportMode;

/**
 * MCP_HTTP_DEFAULT_REQUEST_TIMEOUT:
 *
 * How long an HTTP request waits for its response headers by default, in
 * milliseconds: 60 s.
 *
 * Since: 0.1
 */
#define MCP_HTTP_DEFAULT_REQUEST_TIMEOUT 60000

/**
 * MCP_HTTP_DEFAULT_MAX_RETRY_DELAY:
 *
 * The longest a server's `retry:` field may make the transport wait before
 * it resumes an event stream, by default, in milliseconds: 60 s.
 *
 * Since: 0.1
 */
#define MCP_HTTP_DEFAULT_MAX_RETRY_DELAY 60000

#define MCP_TYPE_HTTP_TRANSPORT (mcp_http_transport_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpHttpTransport, mcp_http_transport, MCP, HTTP_TRANSPORT, GObject)

MCP_AVAILABLE_IN_0_1
McpHttpTransport     *mcp_http_transport_new                (const char           *url);
MCP_AVAILABLE_IN_0_1
McpHttpTransport     *mcp_http_transport_new_with_session   (const char           *url,
                                                             SoupSession          *session);
MCP_AVAILABLE_IN_0_1
const char           *mcp_http_transport_get_url            (McpHttpTransport     *self);
MCP_AVAILABLE_IN_0_1
SoupSession          *mcp_http_transport_get_soup_session   (McpHttpTransport     *self);
MCP_AVAILABLE_IN_0_1
McpHttpTransportMode  mcp_http_transport_get_mode           (McpHttpTransport     *self);
MCP_AVAILABLE_IN_0_1
void                  mcp_http_transport_set_mode           (McpHttpTransport     *self,
                                                             McpHttpTransportMode  mode);
MCP_AVAILABLE_IN_0_1
McpHttpTransportMode  mcp_http_transport_get_active_mode    (McpHttpTransport     *self);
MCP_AVAILABLE_IN_0_1
const char           *mcp_http_transport_get_session_id     (McpHttpTransport     *self);
MCP_AVAILABLE_IN_0_1
const char           *mcp_http_transport_get_protocol_version (McpHttpTransport   *self);
MCP_AVAILABLE_IN_0_1
const char           *mcp_http_transport_get_auth_token     (McpHttpTransport     *self);
MCP_AVAILABLE_IN_0_1
void                  mcp_http_transport_set_auth_token     (McpHttpTransport     *self,
                                                             const char           *token);
MCP_AVAILABLE_IN_0_1
GTlsCertificate      *mcp_http_transport_get_tls_client_certificate (McpHttpTransport *self);
MCP_AVAILABLE_IN_0_1
void                  mcp_http_transport_set_tls_client_certificate (McpHttpTransport *self,
                                                                     GTlsCertificate  *certificate);
MCP_AVAILABLE_IN_0_1
McpOAuthClient       *mcp_http_transport_get_oauth_client   (McpHttpTransport     *self);
MCP_AVAILABLE_IN_0_1
void                  mcp_http_transport_set_oauth_client   (McpHttpTransport     *self,
                                                             McpOAuthClient       *oauth);
MCP_AVAILABLE_IN_0_1
void                  mcp_http_transport_set_header         (McpHttpTransport     *self,
                                                             const char           *name,
                                                             const char           *value);
MCP_AVAILABLE_IN_0_1
guint                 mcp_http_transport_get_request_timeout (McpHttpTransport    *self);
MCP_AVAILABLE_IN_0_1
void                  mcp_http_transport_set_request_timeout (McpHttpTransport    *self,
                                                              guint                timeout_ms);
MCP_AVAILABLE_IN_0_1
gsize                 mcp_http_transport_get_max_message_size (McpHttpTransport   *self);
MCP_AVAILABLE_IN_0_1
void                  mcp_http_transport_set_max_message_size (McpHttpTransport   *self,
                                                               gsize               max_message_size);
MCP_AVAILABLE_IN_0_1
gboolean              mcp_http_transport_get_open_event_stream (McpHttpTransport  *self);
MCP_AVAILABLE_IN_0_1
void                  mcp_http_transport_set_open_event_stream (McpHttpTransport  *self,
                                                                gboolean           open);
MCP_AVAILABLE_IN_0_1
guint                 mcp_http_transport_get_max_redirects  (McpHttpTransport     *self);
MCP_AVAILABLE_IN_0_1
void                  mcp_http_transport_set_max_redirects  (McpHttpTransport     *self,
                                                             guint                 max_redirects);
MCP_AVAILABLE_IN_0_1
guint                 mcp_http_transport_get_max_retry_delay (McpHttpTransport    *self);
MCP_AVAILABLE_IN_0_1
void                  mcp_http_transport_set_max_retry_delay (McpHttpTransport    *self,
                                                              guint                delay_ms);
MCP_AVAILABLE_IN_0_1
gboolean              mcp_http_transport_is_listening       (McpHttpTransport     *self);

G_END_DECLS
