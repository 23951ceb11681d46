/* mcp-listener-private.h: the listening socket of the HTTP and WebSocket
 * server transports, with connection admission
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_COMPILATION)
# error "mcp-listener-private.h is private to mcp-glib."
#endif

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Defaults of the limits, shared by both transports' properties. */
#define MCP_LISTENER_DEFAULT_HEADER_TIMEOUT_MS (10 * 1000)
#define MCP_LISTENER_DEFAULT_IDLE_TIMEOUT_MS (60 * 1000)

typedef struct
{
  guint max_connections;              /* 0: from the descriptor limit */
  guint max_connections_per_address;  /* 0: a quarter of max_connections */
  guint header_timeout_ms;            /* 0: none */
  guint idle_timeout_ms;              /* 0: none */
} McpListenerLimits;

typedef struct _McpListener McpListener;

/* The four limits as properties of both transports, in this order. */
typedef enum {
  MCP_LISTENER_LIMIT_MAX_CONNECTIONS,
  MCP_LISTENER_LIMIT_MAX_CONNECTIONS_PER_ADDRESS,
  MCP_LISTENER_LIMIT_HEADER_TIMEOUT,
  MCP_LISTENER_LIMIT_IDLE_TIMEOUT,
  MCP_LISTENER_N_LIMITS,
  /* and, read-only, after the limits: */
  MCP_LISTENER_PROP_N_CONNECTIONS = MCP_LISTENER_N_LIMITS,
  MCP_LISTENER_N_PROPS
} McpListenerLimit;

void            _mcp_listener_limits_init    (McpListenerLimits       *limits);
/* Fills @pspecs[0 .. MCP_LISTENER_N_PROPS - 1]: max-connections,
 * max-connections-per-address, header-timeout, connection-idle-timeout and
 * n-connections, which each transport documents as its own. */
void            _mcp_listener_install_pspecs (GParamSpec             **pspecs);
/* Property @index (a McpListenerLimit) of a transport with @limits, running
 * @listener (nullable). Set returns whether the value changed. */
void            _mcp_listener_get_property   (const McpListenerLimits *limits,
                                              McpListener             *listener,
                                              guint                    index,
                                              GValue                  *value);
gboolean        _mcp_listener_set_property   (McpListenerLimits       *limits,
                                              McpListener             *listener,
                                              guint                    index,
                                              const GValue            *value);

#define MCP_TYPE_LISTENER (mcp_listener_get_type ())

G_DECLARE_FINAL_TYPE (McpListener, mcp_listener, MCP, LISTENER, GObject)

/* The address to listen on for a transport's host property: NULL and
 * "localhost" mean 127.0.0.1; an IPv6 literal may be bracketed; other
 * names are resolved (blocking). */
GSocketAddress *_mcp_listener_resolve        (const char              *host,
                                              guint                    port,
                                              GError                 **error);
/* The total cap used when max-connections is 0: three quarters of the soft
 * RLIMIT_NOFILE, less a reserve for everything else the process opens. */
guint           _mcp_listener_automatic_max_connections (void);

/* Accepts connections on @address and hands each to @server (which must not
 * listen by itself), wrapped in TLS when @tls_certificate is set. */
McpListener    *_mcp_listener_new            (SoupServer              *server,
                                              GSocketAddress          *address,
                                              GTlsCertificate         *tls_certificate,
                                              const McpListenerLimits *limits,
                                              GError                 **error);
void            _mcp_listener_set_limits     (McpListener             *self,
                                              const McpListenerLimits *limits);
guint           _mcp_listener_get_port       (McpListener             *self);
gboolean        _mcp_listener_is_loopback    (McpListener             *self);
guint           _mcp_listener_get_n_connections (McpListener          *self);
/* soup_server_message_get_socket(), which is NULL for the connections we
 * accept ourselves: the socket of @msg's connection, or NULL. */
GSocket        *_mcp_listener_get_message_socket (SoupServerMessage   *msg);
/* What a readable connection that should be quiet has to say, read without
 * taking it from the socket: bytes (a request, TLS records), nothing yet, or
 * the end (the peer closed or reset it). */
typedef enum {
  MCP_PEEK_NOTHING_YET,
  MCP_PEEK_DATA,
  MCP_PEEK_GONE,
} McpPeek;

McpPeek         _mcp_listener_peek           (GSocket                 *socket);
/* Stops accepting and lets go of the connections (which the SoupServer still
 * owns: soup_server_disconnect() closes them). */
void            _mcp_listener_stop           (McpListener             *self);

G_END_DECLS
