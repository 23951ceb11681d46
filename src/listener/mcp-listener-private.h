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

#include "mcp-admission-private.h"

G_BEGIN_DECLS

/* Defaults of the limits, shared by both transports' properties. */
#define MCP_LISTENER_DEFAULT_HEADER_TIMEOUT_MS (10 * 1000)
#define MCP_LISTENER_DEFAULT_IDLE_TIMEOUT_MS (60 * 1000)
#define MCP_LISTENER_DEFAULT_MAX_SESSIONS_PER_PRINCIPAL 256
#define MCP_LISTENER_DEFAULT_TCP_KEEPALIVE_S 120

typedef struct
{
  guint max_connections;              /* 0: from the descriptor limit */
  guint max_connections_per_address;  /* 0: a quarter of max_connections */
  guint header_timeout_ms;            /* 0: none */
  guint idle_timeout_ms;              /* 0: none */
  guint max_sessions_per_principal;   /* 0: none; the transports apply it */
  guint tcp_keepalive_s;              /* 0: no TCP keep-alive probes */
} McpListenerLimits;

typedef struct _McpListener McpListener;

/* The limits as properties of both transports, in this order. */
typedef enum {
  MCP_LISTENER_LIMIT_MAX_CONNECTIONS,
  MCP_LISTENER_LIMIT_MAX_CONNECTIONS_PER_ADDRESS,
  MCP_LISTENER_LIMIT_HEADER_TIMEOUT,
  MCP_LISTENER_LIMIT_IDLE_TIMEOUT,
  MCP_LISTENER_LIMIT_MAX_SESSIONS_PER_PRINCIPAL,
  MCP_LISTENER_LIMIT_TCP_KEEPALIVE,
  MCP_LISTENER_N_LIMITS,
  /* and, read-only, after the limits: */
  MCP_LISTENER_PROP_N_CONNECTIONS = MCP_LISTENER_N_LIMITS,
  MCP_LISTENER_N_PROPS
} McpListenerLimit;

void            _mcp_listener_limits_init    (McpListenerLimits       *limits);
/* Fills @pspecs[0 .. MCP_LISTENER_N_PROPS - 1]: max-connections,
 * max-connections-per-address, header-timeout, connection-idle-timeout,
 * max-sessions-per-principal, tcp-keepalive and n-connections, which each transport documents as its own. */
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
 * listen by itself), binding with SO_REUSEPORT when @reuse_port is set,
 * wrapped in TLS when @tls_certificate is set; then
 * @client_auth says whether the handshake asks for a client certificate,
 * verified against @client_database (required unless @client_auth is
 * G_TLS_AUTHENTICATION_NONE). */
McpListener    *_mcp_listener_new            (SoupServer              *server,
                                              GSocketAddress          *address,
                                              gboolean                 reuse_port,
                                              GTlsCertificate         *tls_certificate,
                                              GTlsAuthenticationMode   client_auth,
                                              GTlsDatabase            *client_database,
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
/* The client certificate of @msg's connection, as its TLS handshake
 * verified it, or NULL: no TLS, no certificate, or one with errors. */
GTlsCertificate *_mcp_listener_get_peer_certificate (SoupServerMessage *msg);
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

/* Where and whom a server transport serves: the one set of settings the HTTP
 * and WebSocket server transports embed, with their listener while one of
 * their own runs. */
typedef struct
{
  char                  *host;               /* NULL: 127.0.0.1 */
  guint                  port;               /* 0: any free one */
  char                  *auth_token;         /* NULL: none required */
  char                 **allowed_origins;
  char                 **allowed_hosts;
  GTlsCertificate       *tls_certificate;
  GTlsAuthenticationMode tls_client_auth;
  char                  *tls_client_ca_file; /* used when tls_database is NULL */
  GTlsDatabase          *tls_database;       /* the CAs of client certificates */
  gboolean               reuse_port;         /* bind with SO_REUSEPORT */
  McpListenerLimits      limits;
  McpListener           *listener;           /* nullable */
} McpListenerSettings;

/* The settings' properties; a transport maps each to its own property id in
 * a table of MCP_LISTENER_N_SETTINGS ids. The entry for
 * MCP_LISTENER_SETTING_LIMITS is the first of the MCP_LISTENER_N_PROPS
 * consecutive ids of the limits (see McpListenerLimit). */
typedef enum {
  MCP_LISTENER_SETTING_HOST,
  MCP_LISTENER_SETTING_PORT,
  MCP_LISTENER_SETTING_AUTH_TOKEN,
  MCP_LISTENER_SETTING_ALLOWED_ORIGINS,
  MCP_LISTENER_SETTING_ALLOWED_HOSTS,
  MCP_LISTENER_SETTING_TLS_CERTIFICATE,
  MCP_LISTENER_SETTING_TLS_CLIENT_AUTH,
  MCP_LISTENER_SETTING_TLS_CLIENT_CA_FILE,
  MCP_LISTENER_SETTING_TLS_DATABASE,
  MCP_LISTENER_SETTING_LIMITS,
  MCP_LISTENER_N_SETTINGS
} McpListenerSetting;

void            _mcp_listener_settings_init  (McpListenerSettings     *settings);
void            _mcp_listener_settings_clear (McpListenerSettings     *settings);
/* Fills @properties at the ids of @prop_ids: host, port, auth-token,
 * allowed-origins, allowed-hosts, tls-certificate, tls-client-auth,
 * tls-client-ca-file, tls-database and the limits, which each
 * transport documents as its own. With @construct_only_address, host and
 * port are construct-only. */
void            _mcp_listener_settings_install_pspecs (GParamSpec        **properties,
                                                       const guint        *prop_ids,
                                                       gboolean            construct_only_address);
/* Return whether @prop_id is one of the settings (and was handled). Set
 * notifies @properties[@prop_id] when the value changed. */
gboolean        _mcp_listener_settings_get_property (const McpListenerSettings *settings,
                                                     const guint               *prop_ids,
                                                     guint                      prop_id,
                                                     GValue                    *value);
gboolean        _mcp_listener_settings_set_property (GObject             *object,
                                                     McpListenerSettings *settings,
                                                     GParamSpec         **properties,
                                                     const guint         *prop_ids,
                                                     guint                prop_id,
                                                     const GValue        *value);
/* The setters behind the properties and the public setters: each notifies
 * @pspec on @object when the value changed. */
void            _mcp_listener_settings_set_host            (GObject             *object,
                                                            McpListenerSettings *settings,
                                                            GParamSpec          *pspec,
                                                            const char          *host);
void            _mcp_listener_settings_set_port            (GObject             *object,
                                                            McpListenerSettings *settings,
                                                            GParamSpec          *pspec,
                                                            guint                port);
void            _mcp_listener_settings_set_auth_token      (GObject             *object,
                                                            McpListenerSettings *settings,
                                                            GParamSpec          *pspec,
                                                            const char          *token);
void            _mcp_listener_settings_set_allowed_origins (GObject             *object,
                                                            McpListenerSettings *settings,
                                                            GParamSpec          *pspec,
                                                            const char * const  *origins);
void            _mcp_listener_settings_set_allowed_hosts   (GObject             *object,
                                                            McpListenerSettings *settings,
                                                            GParamSpec          *pspec,
                                                            const char * const  *hosts);
void            _mcp_listener_settings_set_tls_certificate (GObject             *object,
                                                            McpListenerSettings *settings,
                                                            GParamSpec          *pspec,
                                                            GTlsCertificate     *certificate);
void            _mcp_listener_settings_set_tls_client_auth (GObject               *object,
                                                            McpListenerSettings   *settings,
                                                            GParamSpec            *pspec,
                                                            GTlsAuthenticationMode mode);
void            _mcp_listener_settings_set_tls_client_ca_file (GObject             *object,
                                                               McpListenerSettings *settings,
                                                               GParamSpec          *pspec,
                                                               const char          *filename);
void            _mcp_listener_settings_set_tls_database    (GObject             *object,
                                                            McpListenerSettings *settings,
                                                            GParamSpec          *pspec,
                                                            GTlsDatabase        *database);
/* What the settings let in; @loopback_without_listener says whether a
 * request counts as loopback when no listener of ours runs. */
McpAdmissionPolicy _mcp_listener_settings_policy (const McpListenerSettings *settings,
                                                  gboolean                   loopback_without_listener);
/* Resolves the host and listens there for @server (settings->listener),
 * or fails with MCP_ERROR_TRANSPORT: also when tls_client_auth is set
 * without a certificate of the server's own, without a database or CA
 * file, or with a CA file that does not load. */
gboolean        _mcp_listener_settings_listen (McpListenerSettings  *settings,
                                               SoupServer           *server,
                                               GError              **error);
/* Stops settings->listener, if any, disconnects @server (nullable) from
 * its connections, then drops the listener. */
void            _mcp_listener_settings_stop   (McpListenerSettings  *settings,
                                               SoupServer           *server);

#define MCP_LISTENER_HEALTH_PATH "/health"
#define MCP_LISTENER_READY_PATH "/ready"

/* Answers @msg when @path is /health or /ready (see mcp-health.c), and
 * returns whether it did. */
gboolean        _mcp_listener_serve_health   (SoupServerMessage       *msg,
                                              const char              *path,
                                              gboolean                 draining);

G_END_DECLS
