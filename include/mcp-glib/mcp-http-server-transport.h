/* mcp-http-server-transport.h
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

#include "mcp-auth-provider.h"
#include "mcp-server-transport.h"
#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_HTTP_SERVER_TRANSPORT (mcp_http_server_transport_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpHttpServerTransport, mcp_http_server_transport, MCP, HTTP_SERVER_TRANSPORT, GObject)

MCP_AVAILABLE_IN_0_1
McpHttpServerTransport *mcp_http_server_transport_new                  (void);
MCP_AVAILABLE_IN_0_1
const char             *mcp_http_server_transport_get_host             (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_host             (McpHttpServerTransport *self,
                                                                        const char             *host);
MCP_AVAILABLE_IN_0_1
guint                   mcp_http_server_transport_get_port             (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_port             (McpHttpServerTransport *self,
                                                                        guint                   port);
MCP_AVAILABLE_IN_0_1
const char             *mcp_http_server_transport_get_path             (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_path             (McpHttpServerTransport *self,
                                                                        const char             *path);
MCP_AVAILABLE_IN_0_1
const char             *mcp_http_server_transport_get_auth_token       (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_auth_token       (McpHttpServerTransport *self,
                                                                        const char             *token);
MCP_AVAILABLE_IN_0_1
McpAuthProvider        *mcp_http_server_transport_get_auth_provider    (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_auth_provider    (McpHttpServerTransport *self,
                                                                        McpAuthProvider        *provider);
MCP_AVAILABLE_IN_0_1
const char * const     *mcp_http_server_transport_get_allowed_origins  (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_allowed_origins  (McpHttpServerTransport *self,
                                                                        const char * const     *origins);
MCP_AVAILABLE_IN_0_1
const char * const     *mcp_http_server_transport_get_allowed_hosts    (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_allowed_hosts    (McpHttpServerTransport *self,
                                                                        const char * const     *hosts);
MCP_AVAILABLE_IN_0_1
GTlsCertificate        *mcp_http_server_transport_get_tls_certificate  (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_tls_certificate  (McpHttpServerTransport *self,
                                                                        GTlsCertificate        *certificate);
MCP_AVAILABLE_IN_0_1
GTlsAuthenticationMode  mcp_http_server_transport_get_tls_client_auth (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_tls_client_auth (McpHttpServerTransport *self,
                                                                       GTlsAuthenticationMode  mode);
MCP_AVAILABLE_IN_0_1
const char             *mcp_http_server_transport_get_tls_client_ca_file (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_tls_client_ca_file (McpHttpServerTransport *self,
                                                                          const char             *filename);
MCP_AVAILABLE_IN_0_1
GTlsDatabase           *mcp_http_server_transport_get_tls_database (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_tls_database (McpHttpServerTransport *self,
                                                                    GTlsDatabase           *database);
MCP_AVAILABLE_IN_0_1
guint64                 mcp_http_server_transport_get_max_body_size    (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_max_body_size    (McpHttpServerTransport *self,
                                                                        guint64                 max_body_size);
MCP_AVAILABLE_IN_0_1
guint                   mcp_http_server_transport_get_max_sessions     (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_max_sessions     (McpHttpServerTransport *self,
                                                                        guint                   max_sessions);
MCP_AVAILABLE_IN_0_1
guint                   mcp_http_server_transport_get_session_idle_timeout (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_session_idle_timeout (McpHttpServerTransport *self,
                                                                            guint                   timeout_ms);
MCP_AVAILABLE_IN_0_1
SoupServer             *mcp_http_server_transport_get_soup_server      (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
guint                   mcp_http_server_transport_get_bound_port       (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
char                   *mcp_http_server_transport_dup_url              (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
guint                   mcp_http_server_transport_get_n_sessions       (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
gboolean                mcp_http_server_transport_close_session        (McpHttpServerTransport *self,
                                                                        const char             *session_id);
MCP_AVAILABLE_IN_0_1
gboolean                mcp_http_server_transport_is_valid_node_id     (const char             *node_id);
MCP_AVAILABLE_IN_0_1
const char             *mcp_http_server_transport_get_node_id          (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_node_id          (McpHttpServerTransport *self,
                                                                        const char             *node_id);
MCP_AVAILABLE_IN_0_1
gboolean                mcp_http_server_transport_get_reuse_port       (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_http_server_transport_set_reuse_port       (McpHttpServerTransport *self,
                                                                        gboolean                reuse_port);
MCP_AVAILABLE_IN_0_1
guint64 mcp_http_server_transport_get_replay_buffer_bytes (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_http_server_transport_set_replay_buffer_bytes (McpHttpServerTransport *self,
    guint64 bytes);
MCP_AVAILABLE_IN_0_1
guint64 mcp_http_server_transport_get_send_high_water (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_http_server_transport_set_send_high_water (McpHttpServerTransport *self,
    guint64 bytes);
MCP_AVAILABLE_IN_0_1
guint64 mcp_http_server_transport_get_max_send_queue (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_http_server_transport_set_max_send_queue (McpHttpServerTransport *self,
    guint64 bytes);
MCP_AVAILABLE_IN_0_1
guint mcp_http_server_transport_get_send_stall_timeout (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_http_server_transport_set_send_stall_timeout (McpHttpServerTransport *self,
    guint seconds);
MCP_AVAILABLE_IN_0_1
guint mcp_http_server_transport_get_legacy_initialize_timeout (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_http_server_transport_set_legacy_initialize_timeout (McpHttpServerTransport *self,
    guint seconds);
MCP_AVAILABLE_IN_0_1
guint mcp_http_server_transport_get_max_sessions_per_address (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_http_server_transport_set_max_sessions_per_address (McpHttpServerTransport *self,
    guint max_sessions);
MCP_AVAILABLE_IN_0_1
guint mcp_http_server_transport_get_max_uninitialized_per_address (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_http_server_transport_set_max_uninitialized_per_address (McpHttpServerTransport *self,
    guint max_streams);
MCP_AVAILABLE_IN_0_1
guint mcp_http_server_transport_get_stream_idle_timeout (McpHttpServerTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_http_server_transport_set_stream_idle_timeout (McpHttpServerTransport *self,
    guint seconds);

G_END_DECLS
