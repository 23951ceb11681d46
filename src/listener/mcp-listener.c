/* mcp-listener.c: the listening socket of the HTTP and WebSocket server
 * transports, with connection admission
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef _GNU_SOURCE
# define _GNU_SOURCE  /* accept4() */
#endif

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "mcp-address-private.h"
#include "mcp-listener-private.h"

/* EWOULDBLOCK is EAGAIN on Linux, but not everywhere. */
static inline gboolean
would_block (int code)
{
#if EWOULDBLOCK != EAGAIN
  if (code == EWOULDBLOCK)
    return TRUE;
#endif
  return code == EAGAIN;
}

/*
 * We accept connections ourselves and give each to SoupServer with
 * soup_server_accept_iostream(), instead of letting SoupServer listen,
 * because libsoup 3.2's own listener:
 *
 * - removes its accept source for good on the first failed accept(), so
 *   one burst of EMFILE stops the server forever. We pause instead, and
 *   try again after a short, growing delay, or at once when one of our
 *   connections goes;
 * - has no cap on connections, in total or per client address. We close a
 *   connection over a cap at once (after a best-effort 503 on plain HTTP);
 * - has no deadline for the request head and no idle timeout between
 *   requests. We close a connection that has not sent a whole head within
 *   header_timeout_ms of connecting (or of the first byte of a later
 *   request), and a kept-alive connection idle for idle_timeout_ms;
 * - never drops a kept-alive connection that the client closes while it is
 *   idle (fixed upstream in 3.3.0, commit d20c6601 "server: do not leak
 *   idle connections closed by the client"): the connection stays in the
 *   server's list, with its buffers and, until then, its descriptor. We
 *   watch idle connections ourselves and take them out of the list.
 *
 * How we learn where a connection is: SoupServer::request-started is
 * emitted when a connection is accepted (for its first request) and when
 * the first byte of each later request arrives; the message's got-headers
 * ends the head, and finished ends the request. The message's remote
 * address is the very GSocketAddress object we passed to
 * soup_server_accept_iostream(), so it leads back to our record.
 *
 * SoupServer keeps connections alive between requests only while it has a
 * listener of its own (request_finished() in soup-server.c). So it gets our
 * listening socket too, through soup_server_listen_socket(), but inside a
 * main context that nobody runs: its accept source never fires, and
 * soup_server_get_uris() and soup_server_get_listeners() still tell the
 * truth.
 *
 * A connection counts against the caps for as long as its stream object
 * lives: a WebSocket takes the stream over from SoupServer and keeps it.
 */

#define LISTEN_BACKLOG 1024
#define ACCEPTS_PER_WAKEUP 64
#define PAUSE_MIN_MS 10
#define PAUSE_MAX_MS 1000
#define AUTOMATIC_RESERVE 32
#define AUTOMATIC_MIN 16

typedef enum {
  CONN_WAITING_HEAD,  /* a request head has not been read whole */
  CONN_BUSY,          /* a request is being read, served or streamed */
  CONN_IDLE,          /* kept alive between two requests */
  CONN_DETACHED,      /* SoupServer let go of it (closed, or a WebSocket) */
} ConnState;

typedef struct
{
  McpListener    *listener;
  GIOStream      *stream;       /* weak: owned by SoupServer, or a WebSocket */
  GSocket        *socket;       /* unowned: lives as long as the stream */
  GSocketAddress *remote;       /* the object SoupServer hands back to us */
  char           *address_key;  /* the client's IP address, as text */
  GObject        *soup_conn;    /* weak: libsoup's private SoupServerConnection */
  GSource        *timer;
  GSource        *watch;
  ConnState       state;
  guint           request_started : 1;  /* libsoup reads a request, with its own cleanup */
  guint           soup_disconnected : 1;
  guint           closing : 1;      /* we shut it down */
} Conn;

struct _McpListener
{
  GObject            parent_instance;

  SoupServer        *server;
  GSocket           *socket;
  GTlsCertificate   *tls_certificate;
  GTlsAuthenticationMode client_auth;
  GTlsDatabase      *client_database;  /* the CAs of client certificates */
  GMainContext      *context;       /* where we accept */
  GMainContext      *soup_context;  /* never run: SoupServer's own accept source */
  McpListenerLimits  limits;
  guint              max_connections;  /* limits.max_connections, or automatic */
  guint              max_per_address;  /* limits.max_connections_per_address, or automatic */

  GSource           *accept_source;
  GSource           *resume_source;
  guint              pause_ms;

  GHashTable        *connections;   /* Conn* set */
  GHashTable        *per_address;   /* address text → count */
  Conn              *accepting;     /* during soup_server_accept_iostream() */

  guint              port;
  guint              loopback : 1;
  guint              stopped : 1;
};

G_DEFINE_FINAL_TYPE (McpListener, mcp_listener, G_TYPE_OBJECT)

static GQuark conn_quark;
static GQuark soup_conn_quark;

static void conn_free (Conn *conn);
static void resume_soon (McpListener *self, guint delay_ms);

/* Addresses and limits ----------------------------------------------------- */

GSocketAddress *
_mcp_listener_resolve (const char  *host,
                       guint        port,
                       GError     **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL || *host == '\0')
    host = "127.0.0.1";

  if (host[0] == '[' && strlen (host) > 2 && host[strlen (host) - 1] == ']')
    bare = g_strndup (host + 1, strlen (host) - 2);
  else
    bare = g_strdup (host);

  if (g_ascii_strcasecmp (bare, "localhost") == 0)
    address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    address = g_inet_address_new_from_string (bare);

  if (address == NULL)
    {
      g_autoptr(GResolver) resolver = g_resolver_get_default ();
      GList *addresses = g_resolver_lookup_by_name (resolver, bare, NULL, error);

      if (addresses == NULL)
        return NULL;
      address = g_object_ref (addresses->data);
      g_resolver_free_addresses (addresses);
    }

  return g_inet_socket_address_new (address, port);
}

guint
_mcp_listener_automatic_max_connections (void)
{
  struct rlimit limit;
  rlim_t soft;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return 1024 * 3 / 4 - AUTOMATIC_RESERVE;

  soft = limit.rlim_cur;
  if (soft == RLIM_INFINITY || soft > 1024 * 1024)
    soft = 1024 * 1024;

  if (soft * 3 / 4 < AUTOMATIC_MIN + AUTOMATIC_RESERVE)
    return AUTOMATIC_MIN;

  return (guint) (soft * 3 / 4 - AUTOMATIC_RESERVE);
}

void
_mcp_listener_limits_init (McpListenerLimits *limits)
{
  limits->max_connections = 0;
  limits->max_connections_per_address = 0;
  limits->header_timeout_ms = MCP_LISTENER_DEFAULT_HEADER_TIMEOUT_MS;
  limits->idle_timeout_ms = MCP_LISTENER_DEFAULT_IDLE_TIMEOUT_MS;
  limits->max_sessions_per_principal = MCP_LISTENER_DEFAULT_MAX_SESSIONS_PER_PRINCIPAL;
  limits->tcp_keepalive_s = MCP_LISTENER_DEFAULT_TCP_KEEPALIVE_S;
}

/* The transports document these in their own class_init. */
void
_mcp_listener_install_pspecs (GParamSpec **pspecs)
{
  static const struct {
    const char *name;
    guint       default_value;
  } limits[MCP_LISTENER_N_LIMITS] = {
    { "max-connections", 0 },
    { "max-connections-per-address", 0 },
    { "header-timeout", MCP_LISTENER_DEFAULT_HEADER_TIMEOUT_MS },
    { "connection-idle-timeout", MCP_LISTENER_DEFAULT_IDLE_TIMEOUT_MS },
    { "max-sessions-per-principal", MCP_LISTENER_DEFAULT_MAX_SESSIONS_PER_PRINCIPAL },
    { "tcp-keepalive", MCP_LISTENER_DEFAULT_TCP_KEEPALIVE_S },
  };

  for (guint i = 0; i < MCP_LISTENER_N_LIMITS; i++)
    pspecs[i] = g_param_spec_uint (limits[i].name, NULL, NULL, 0, G_MAXUINT,
                                   limits[i].default_value,
                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                   G_PARAM_STATIC_STRINGS);

  pspecs[MCP_LISTENER_PROP_N_CONNECTIONS] =
    g_param_spec_uint ("n-connections", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static guint *
limits_field (McpListenerLimits *limits,
              guint              index)
{
  switch (index)
    {
    case MCP_LISTENER_LIMIT_MAX_CONNECTIONS:
      return &limits->max_connections;
    case MCP_LISTENER_LIMIT_MAX_CONNECTIONS_PER_ADDRESS:
      return &limits->max_connections_per_address;
    case MCP_LISTENER_LIMIT_HEADER_TIMEOUT:
      return &limits->header_timeout_ms;
    case MCP_LISTENER_LIMIT_IDLE_TIMEOUT:
      return &limits->idle_timeout_ms;
    case MCP_LISTENER_LIMIT_MAX_SESSIONS_PER_PRINCIPAL:
      return &limits->max_sessions_per_principal;
    case MCP_LISTENER_LIMIT_TCP_KEEPALIVE:
      return &limits->tcp_keepalive_s;
    default:
      return NULL;
    }
}

void
_mcp_listener_get_property (const McpListenerLimits *limits,
                            McpListener             *listener,
                            guint                    index,
                            GValue                  *value)
{
  if (index == MCP_LISTENER_PROP_N_CONNECTIONS)
    g_value_set_uint (value, listener != NULL ? _mcp_listener_get_n_connections (listener) : 0);
  else if (index < MCP_LISTENER_N_LIMITS)
    g_value_set_uint (value, *limits_field ((McpListenerLimits *) limits, index));
}

gboolean
_mcp_listener_set_property (McpListenerLimits *limits,
                            McpListener       *listener,
                            guint              index,
                            const GValue      *value)
{
  guint *field = limits_field (limits, index);

  if (field == NULL || *field == g_value_get_uint (value))
    return FALSE;

  *field = g_value_get_uint (value);
  if (listener != NULL)
    _mcp_listener_set_limits (listener, limits);

  return TRUE;
}

static void
apply_limits (McpListener             *self,
              const McpListenerLimits *limits)
{
  self->limits = *limits;
  self->max_connections = limits->max_connections > 0
                          ? limits->max_connections
                          : _mcp_listener_automatic_max_connections ();
  /* One address gets a quarter of the total: it takes at least four to
   * lock everybody out. */
  self->max_per_address = limits->max_connections_per_address > 0
                          ? limits->max_connections_per_address
                          : MAX (self->max_connections / 4, 1);
}

/* Connections -------------------------------------------------------------- */

static Conn *
conn_from_message (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote != NULL ? g_object_get_qdata (G_OBJECT (remote), conn_quark) : NULL;
}

static void
conn_clear_sources (Conn *conn)
{
  if (conn->timer != NULL)
    {
      g_source_destroy (conn->timer);
      g_clear_pointer (&conn->timer, g_source_unref);
    }
  if (conn->watch != NULL)
    {
      g_source_destroy (conn->watch);
      g_clear_pointer (&conn->watch, g_source_unref);
    }
}

static void
on_stream_gone (gpointer  data,
                GObject  *where_the_stream_was)
{
  Conn *conn = data;
  McpListener *self = conn->listener;

  conn->stream = NULL;
  g_hash_table_remove (self->connections, conn);  /* frees it */

  /* A descriptor is free again: accept at once if we were waiting for one. */
  if (self->accept_source == NULL && !self->stopped)
    resume_soon (self, 0);
}

/* libsoup 3.2 between two requests: the read of the next request head
 * failed (the client closed, or we shut the socket down), and with no
 * request of its own libsoup never disconnects the connection (fixed in
 * 3.3.0); it would stay in SoupServer's list for good. Tell SoupServer it is
 * gone the way the connection itself would, then make sure it is never told
 * twice.
 *
 * Only once libsoup has given up reading: the "disconnected" signal clears
 * the pending message's I/O, and a read still pending would then crash.
 * conn_idle_readable_cb() runs at a lower priority than libsoup's read for
 * that reason: when both are ready, libsoup's goes first. */
static void
conn_forget_in_soup (Conn *conn)
{
  g_autoptr(GObject) soup_conn = NULL;

  if (conn->soup_conn == NULL || conn->soup_disconnected || conn->request_started)
    return;

  soup_conn = g_object_ref (conn->soup_conn);
  conn->soup_disconnected = TRUE;
  g_signal_emit_by_name (soup_conn, "disconnected");
  g_signal_handlers_disconnect_matched (soup_conn, G_SIGNAL_MATCH_DATA,
                                        0, 0, NULL, NULL, conn->listener->server);
}

static void conn_watch_idle (Conn *conn);

/* Closes a connection whose time is up. Shutting down (rather than closing)
 * wakes whoever reads the socket with an end of stream, and its descriptor
 * cannot be reused under them. */
static void
conn_close (Conn *conn)
{
  if (conn->stream == NULL)
    return;

  if (conn->timer != NULL)
    {
      g_source_destroy (conn->timer);
      g_clear_pointer (&conn->timer, g_source_unref);
    }

  conn->closing = TRUE;
  if (!g_socket_is_closed (conn->socket))
    g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);

  /* With a request of libsoup's own, the failed read disconnects it;
   * otherwise the idle watch finishes the job. */
  if (conn->soup_conn != NULL && !conn->soup_disconnected && !conn->request_started)
    conn_watch_idle (conn);
  else
    conn->state = CONN_DETACHED;
}

static gboolean
conn_timeout_cb (gpointer user_data)
{
  Conn *conn = user_data;

  g_debug ("Closing a connection from %s: %s", conn->address_key,
           conn->state == CONN_IDLE ? "idle" : "no complete request head in time");
  g_clear_pointer (&conn->timer, g_source_unref);
  conn_close (conn);

  return G_SOURCE_REMOVE;
}

static void
conn_arm_timer (Conn  *conn,
                guint  timeout_ms)
{
  if (conn->timer != NULL)
    {
      g_source_destroy (conn->timer);
      g_clear_pointer (&conn->timer, g_source_unref);
    }
  if (timeout_ms == 0)
    return;

  conn->timer = g_timeout_source_new (timeout_ms);
  g_source_set_callback (conn->timer, conn_timeout_cb, conn, NULL);
  g_source_set_static_name (conn->timer, "[mcp] connection deadline");
  g_source_attach (conn->timer, conn->listener->context);
}

static void
conn_wait_head (Conn *conn)
{
  if (conn->watch != NULL)
    {
      g_source_destroy (conn->watch);
      g_clear_pointer (&conn->watch, g_source_unref);
    }
  conn->state = CONN_WAITING_HEAD;
  conn_arm_timer (conn, conn->listener->limits.header_timeout_ms);
}

/* An idle connection became readable: the next request, or the end. */
static gboolean
conn_idle_readable_cb (GSocket      *socket,
                       GIOCondition  condition,
                       gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GIOStream) hold = NULL;
  McpPeek peek = _mcp_listener_peek (socket);

  if (peek == MCP_PEEK_NOTHING_YET)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&conn->watch, g_source_unref);

  if (peek == MCP_PEEK_DATA && !conn->closing)
    {
      /* The first bytes of a request: the head deadline runs again. */
      conn_wait_head (conn);
      return G_SOURCE_REMOVE;
    }

  if (conn->state == CONN_IDLE)
    g_debug ("A kept-alive connection from %s was closed by the client", conn->address_key);

  hold = g_object_ref (conn->stream);
  conn_clear_sources (conn);
  if (!g_socket_is_closed (conn->socket))
    g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);
  conn->state = CONN_DETACHED;
  conn_forget_in_soup (conn);

  return G_SOURCE_REMOVE;
}

static void
conn_watch_idle (Conn *conn)
{
  if (conn->watch != NULL)
    return;

  conn->watch = g_socket_create_source (conn->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_priority (conn->watch, G_PRIORITY_LOW);
  g_source_set_callback (conn->watch, G_SOURCE_FUNC (conn_idle_readable_cb), conn, NULL);
  g_source_set_static_name (conn->watch, "[mcp] idle connection");
  g_source_attach (conn->watch, conn->listener->context);
}

static void
conn_go_idle (Conn *conn)
{
  conn->state = CONN_IDLE;
  conn_arm_timer (conn, conn->listener->limits.idle_timeout_ms);
  conn_watch_idle (conn);
}

static void
on_soup_conn_disconnected (GObject *soup_conn,
                           Conn    *conn)
{
  conn->soup_disconnected = TRUE;
  conn->state = CONN_DETACHED;
  conn_clear_sources (conn);
}

static void
conn_free (Conn *conn)
{
  McpListener *self = conn->listener;
  guint count;

  conn_clear_sources (conn);

  if (conn->stream != NULL)
    g_object_weak_unref (G_OBJECT (conn->stream), on_stream_gone, conn);

  if (conn->soup_conn != NULL)
    {
      g_signal_handlers_disconnect_by_func (conn->soup_conn, on_soup_conn_disconnected, conn);
      g_object_remove_weak_pointer (conn->soup_conn, (gpointer *) &conn->soup_conn);
    }

  g_object_set_qdata (G_OBJECT (conn->remote), conn_quark, NULL);
  g_object_unref (conn->remote);

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, conn->address_key));
  if (count <= 1)
    g_hash_table_remove (self->per_address, conn->address_key);
  else
    g_hash_table_insert (self->per_address, g_strdup (conn->address_key),
                         GUINT_TO_POINTER (count - 1));

  g_free (conn->address_key);
  g_free (conn);
}

/* SoupServer's view of our connections ---------------------------------------- */

static void
on_got_headers (SoupServerMessage *msg,
                McpListener       *self)
{
  Conn *conn = conn_from_message (msg);

  if (conn == NULL || conn->state == CONN_DETACHED)
    return;

  conn->state = CONN_BUSY;
  conn_clear_sources (conn);
}

static void
on_finished (SoupServerMessage *msg,
             McpListener       *self)
{
  Conn *conn = conn_from_message (msg);

  if (conn == NULL)
    return;

  conn->request_started = FALSE;
  if (conn->state == CONN_DETACHED || conn->soup_disconnected)
    return;

  /* If SoupServer does not keep the connection, it disconnects it right
   * after this, and on_soup_conn_disconnected() undoes what follows. */
  conn_go_idle (conn);
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    McpListener       *self)
{
  Conn *conn = self->accepting != NULL ? self->accepting : conn_from_message (msg);

  if (conn == NULL)
    return;

  if (conn->soup_conn == NULL && !conn->soup_disconnected)
    {
      GObject *soup_conn = g_object_get_qdata (G_OBJECT (msg), soup_conn_quark);

      if (soup_conn != NULL)
        {
          conn->soup_conn = soup_conn;
          g_object_add_weak_pointer (soup_conn, (gpointer *) &conn->soup_conn);
          g_signal_connect (soup_conn, "disconnected",
                            G_CALLBACK (on_soup_conn_disconnected), conn);
        }
    }

  conn->request_started = TRUE;
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_got_headers), self, 0);
  g_signal_connect_object (msg, "finished", G_CALLBACK (on_finished), self, 0);

  if (conn->state != CONN_DETACHED)
    conn_wait_head (conn);
}

/* libsoup 3.2 does not say which of its connections a message belongs to;
 * the connection's own request-started signal does. Installed once for the
 * process; it only labels messages. */
static gboolean
soup_conn_request_started_hook (GSignalInvocationHint *hint,
                                guint                  n_params,
                                const GValue          *params,
                                gpointer               data)
{
  GObject *soup_conn;
  GObject *msg;

  if (n_params < 2 || !G_VALUE_HOLDS_OBJECT (&params[0]) || !G_VALUE_HOLDS_OBJECT (&params[1]))
    return TRUE;

  soup_conn = g_value_get_object (&params[0]);
  msg = g_value_get_object (&params[1]);
  if (msg != NULL)
    g_object_set_qdata (msg, soup_conn_quark, soup_conn);

  return TRUE;
}

static void
install_soup_conn_hook (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* The type is registered by the time SoupServer has a listener. */
      GType type = g_type_from_name ("SoupServerConnection");
      guint signal_id = 0;

      /* Its signals exist once its class does; keep the class for good. */
      if (type != 0)
        {
          g_type_class_ref (type);
          signal_id = g_signal_lookup ("request-started", type);
        }

      if (signal_id != 0)
        g_signal_add_emission_hook (signal_id, 0, soup_conn_request_started_hook, NULL, NULL);
      else
        g_debug ("SoupServerConnection::request-started not found: idle connections closed "
                 "by clients are only dropped by their deadline");
      g_once_init_leave (&done, 1);
    }
}

/* Accepting -------------------------------------------------------------------- */

static void
refuse (McpListener *self,
        int          fd,
        const char  *why,
        const char  *address_key)
{
  static const char busy[] =
    "HTTP/1.1 503 Service Unavailable\r\n"
    "Connection: close\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 21\r\n"
    "\r\n"
    "Too many connections\n";

  g_debug ("Refusing a connection from %s: %s", address_key, why);

  /* Best effort, and only where it costs one non-blocking write. */
  if (self->tls_certificate == NULL)
    (void) !send (fd, busy, sizeof busy - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
  close (fd);
}

/* GIO asks a server whether to take every client certificate, even one
 * that verified without an error: take exactly those. Otherwise the
 * handshake fails, and the client gets no further. */
static gboolean
on_accept_certificate (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  if (errors != 0)
    g_debug ("Refusing a TLS client certificate (errors 0x%x)", (guint) errors);

  return errors == 0;
}

static void
take_connection (McpListener     *self,
                 int              fd,
                 struct sockaddr *native,
                 socklen_t        native_length)
{
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  guint count;
  Conn *conn;

  remote = g_socket_address_new_from_native (native, native_length);
  if (remote != NULL && G_IS_INET_SOCKET_ADDRESS (remote))
    key = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  else
    key = g_strdup ("local");

  if (g_hash_table_size (self->connections) >= self->max_connections)
    {
      refuse (self, fd, "too many connections", key);
      return;
    }

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, key));
  if (count >= self->max_per_address)
    {
      refuse (self, fd, "too many connections from this address", key);
      return;
    }

  socket = g_socket_new_from_fd (fd, &error);
  if (socket == NULL)
    {
      g_debug ("Could not take a connection from %s: %s", key, error->message);
      close (fd);
      return;
    }
  if (remote == NULL)
    remote = g_socket_get_remote_address (socket, NULL);
  if (remote == NULL)
    return;  /* the socket closes it */
  if (g_socket_get_family (socket) != G_SOCKET_FAMILY_UNIX)
    {
      guint idle = MIN (self->limits.tcp_keepalive_s, 32767);  /* the kernel's cap */

      g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
      /* A peer that vanished without a word (a cable, a crashed NAT) is
       * found after idle + 4 probes a quarter of it apart, instead of
       * holding its event stream until the stream's idle timeout. */
      if (idle > 0)
        {
          g_socket_set_keepalive (socket, TRUE);
          g_socket_set_option (socket, IPPROTO_TCP, TCP_KEEPIDLE, (gint) idle, NULL);
          g_socket_set_option (socket, IPPROTO_TCP, TCP_KEEPINTVL, (gint) MAX (idle / 4, 1), NULL);
          g_socket_set_option (socket, IPPROTO_TCP, TCP_KEEPCNT, 4, NULL);
        }
    }
  local = g_socket_get_local_address (socket, NULL);

  connection = g_socket_connection_factory_create_connection (socket);
  if (self->tls_certificate != NULL)
    {
      static const char * const protocols[] = { "http/1.1", "http/1.0", NULL };

      stream = G_IO_STREAM (g_tls_server_connection_new (G_IO_STREAM (connection),
                                                         self->tls_certificate, &error));
      if (stream == NULL)
        {
          g_debug ("Could not set up TLS for %s: %s", key, error->message);
          return;
        }
      g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (stream), FALSE);
      g_tls_connection_set_advertised_protocols (G_TLS_CONNECTION (stream), protocols);

      /* The handshake (libsoup's first read) verifies the client's
       * certificate against our CAs; with REQUIRED, no certificate fails
       * it too. Either way within the head deadline. */
      if (self->client_auth != G_TLS_AUTHENTICATION_NONE)
        {
          g_tls_connection_set_database (G_TLS_CONNECTION (stream), self->client_database);
          g_object_set (stream, "authentication-mode", self->client_auth, NULL);
          g_signal_connect (stream, "accept-certificate", G_CALLBACK (on_accept_certificate), NULL);
        }
    }
  else
    stream = G_IO_STREAM (g_object_ref (connection));

  conn = g_new0 (Conn, 1);
  conn->listener = self;
  conn->stream = stream;
  conn->socket = socket;
  conn->remote = g_object_ref (remote);
  conn->address_key = g_strdup (key);
  conn->state = CONN_WAITING_HEAD;
  g_object_weak_ref (G_OBJECT (stream), on_stream_gone, conn);
  g_object_set_qdata (G_OBJECT (remote), conn_quark, conn);
  g_hash_table_add (self->connections, conn);
  g_hash_table_insert (self->per_address, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));

  /* The first request starts inside this call (see on_request_started()),
   * and arms the head deadline. */
  self->accepting = conn;
  if (!soup_server_accept_iostream (self->server, stream, local, remote, &error))
    g_debug ("SoupServer did not take a connection: %s", error->message);
  self->accepting = NULL;

  if (conn->timer == NULL && conn->state == CONN_WAITING_HEAD)
    conn_wait_head (conn);
}

static void pause_accepting (McpListener *self);

static gboolean
accept_cb (GSocket      *socket,
           GIOCondition  condition,
           gpointer      user_data)
{
  McpListener *self = user_data;

  for (guint i = 0; i < ACCEPTS_PER_WAKEUP; i++)
    {
      struct sockaddr_storage native;
      socklen_t length = sizeof native;
      int fd;

      fd = accept4 (g_socket_get_fd (self->socket), (struct sockaddr *) &native, &length,
                    SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (fd < 0)
        {
          int saved = errno;

          if (saved == EINTR || saved == ECONNABORTED || saved == EPROTO)
            continue;
          if (would_block (saved))
            break;

          /* EMFILE, ENFILE, ENOBUFS, ENOMEM: the connection waits in the
           * backlog while we wait for a descriptor or memory. */
          pause_accepting (self);
          g_debug ("accept() failed (%s); pausing for %u ms", g_strerror (saved), self->pause_ms);
          return G_SOURCE_REMOVE;
        }

      self->pause_ms = 0;
      take_connection (self, fd, (struct sockaddr *) &native, length);
    }

  return G_SOURCE_CONTINUE;
}

static void
start_accepting (McpListener *self)
{
  if (self->accept_source != NULL || self->stopped)
    return;

  self->accept_source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_cb), self, NULL);
  g_source_set_static_name (self->accept_source, "[mcp] accept");
  g_source_attach (self->accept_source, self->context);
}

static gboolean
resume_cb (gpointer user_data)
{
  McpListener *self = user_data;

  g_clear_pointer (&self->resume_source, g_source_unref);
  start_accepting (self);

  return G_SOURCE_REMOVE;
}

static void
resume_soon (McpListener *self,
             guint        delay_ms)
{
  if (self->resume_source != NULL)
    {
      /* Sooner than planned, when a descriptor was freed. */
      if (delay_ms > 0)
        return;
      g_source_destroy (self->resume_source);
      g_clear_pointer (&self->resume_source, g_source_unref);
    }

  self->resume_source = delay_ms > 0 ? g_timeout_source_new (delay_ms) : g_idle_source_new ();
  g_source_set_callback (self->resume_source, resume_cb, self, NULL);
  g_source_set_static_name (self->resume_source, "[mcp] accept again");
  g_source_attach (self->resume_source, self->context);
}

static void
pause_accepting (McpListener *self)
{
  g_clear_pointer (&self->accept_source, g_source_unref);  /* the caller removes it */

  self->pause_ms = CLAMP (self->pause_ms * 2, PAUSE_MIN_MS, PAUSE_MAX_MS);
  resume_soon (self, self->pause_ms);
}

/* g_socket_bind() turns SO_REUSEPORT off on stream sockets: bound here
 * instead, with SO_REUSEADDR as g_socket_bind() would set it. */
static gboolean
bind_reusing_port (GSocket         *socket,
                   GSocketAddress  *address,
                   GError         **error)
{
#ifdef SO_REUSEPORT
  struct sockaddr_storage native;
  gsize length = g_socket_address_get_native_size (address);
  int saved;

  if (!g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, TRUE, error) ||
      !g_socket_set_option (socket, SOL_SOCKET, SO_REUSEPORT, TRUE, error) ||
      !g_socket_address_to_native (address, &native, sizeof native, error))
    return FALSE;

  if (bind (g_socket_get_fd (socket), (struct sockaddr *) &native, (socklen_t) length) == 0)
    return TRUE;

  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               "Error binding to an address with SO_REUSEPORT: %s", g_strerror (saved));
  return FALSE;
#else
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "SO_REUSEPORT is not available on this system");
  return FALSE;
#endif
}

/* Public ------------------------------------------------------------------------- */

McpListener *
_mcp_listener_new (SoupServer              *server,
                   GSocketAddress          *address,
                   gboolean                 reuse_port,
                   GTlsCertificate         *tls_certificate,
                   GTlsAuthenticationMode   client_auth,
                   GTlsDatabase            *client_database,
                   const McpListenerLimits *limits,
                   GError                 **error)
{
  g_autoptr(McpListener) self = g_object_new (MCP_TYPE_LISTENER, NULL);
  g_autoptr(GSocketAddress) bound = NULL;
  gboolean listening;

  g_return_val_if_fail (SOUP_IS_SERVER (server), NULL);
  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (address), NULL);
  g_return_val_if_fail (client_auth == G_TLS_AUTHENTICATION_NONE ||
                        (tls_certificate != NULL && G_IS_TLS_DATABASE (client_database)), NULL);

  self->server = g_object_ref (server);
  self->tls_certificate = tls_certificate != NULL ? g_object_ref (tls_certificate) : NULL;
  if (client_auth != G_TLS_AUTHENTICATION_NONE)
    {
      self->client_auth = client_auth;
      self->client_database = g_object_ref (client_database);
    }
  apply_limits (self, limits);

  self->socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                               G_SOCKET_PROTOCOL_DEFAULT, error);
  if (self->socket == NULL)
    return NULL;

  /* GSocket's default backlog is 10: too few for clients that come at once. */
  g_socket_set_listen_backlog (self->socket, LISTEN_BACKLOG);
  if (g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    g_socket_set_option (self->socket, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, NULL);
  if (reuse_port)
    {
      if (!bind_reusing_port (self->socket, address, error) || !g_socket_listen (self->socket, error))
        return NULL;
    }
  else if (!g_socket_bind (self->socket, address, TRUE, error) || !g_socket_listen (self->socket, error))
    return NULL;

  bound = g_socket_get_local_address (self->socket, error);
  if (bound == NULL)
    return NULL;
  if (G_IS_INET_SOCKET_ADDRESS (bound))
    {
      GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS (bound);

      self->port = g_inet_socket_address_get_port (inet);
      self->loopback = (_mcp_address_classify (g_inet_socket_address_get_address (inet)) &
                        MCP_ADDRESS_LOOPBACK) != 0;
    }

  /* See the top of the file: SoupServer keeps connections alive only while
   * it has a listener, so it gets ours, in a context that never runs. */
  self->soup_context = g_main_context_new ();
  g_main_context_push_thread_default (self->soup_context);
  listening = soup_server_listen_socket (server, self->socket,
                                         tls_certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0,
                                         error);
  g_main_context_pop_thread_default (self->soup_context);
  if (!listening)
    return NULL;

  install_soup_conn_hook ();
  g_signal_connect_object (server, "request-started", G_CALLBACK (on_request_started), self, 0);
  start_accepting (self);

  return g_steal_pointer (&self);
}

void
_mcp_listener_set_limits (McpListener             *self,
                          const McpListenerLimits *limits)
{
  g_return_if_fail (MCP_IS_LISTENER (self));

  apply_limits (self, limits);
}

guint
_mcp_listener_get_port (McpListener *self)
{
  g_return_val_if_fail (MCP_IS_LISTENER (self), 0);

  return self->port;
}

gboolean
_mcp_listener_is_loopback (McpListener *self)
{
  g_return_val_if_fail (MCP_IS_LISTENER (self), FALSE);

  return self->loopback;
}

guint
_mcp_listener_get_n_connections (McpListener *self)
{
  g_return_val_if_fail (MCP_IS_LISTENER (self), 0);

  return g_hash_table_size (self->connections);
}

GSocket *
_mcp_listener_get_message_socket (SoupServerMessage *msg)
{
  Conn *conn;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), NULL);

  conn = conn_from_message (msg);
  if (conn != NULL && conn->stream != NULL)
    return conn->socket;

  return soup_server_message_get_socket (msg);
}

GTlsCertificate *
_mcp_listener_get_peer_certificate (SoupServerMessage *msg)
{
  Conn *conn;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), NULL);

  /* A request is read after the handshake: what it settled is final. */
  conn = conn_from_message (msg);
  if (conn != NULL && conn->stream != NULL)
    {
      GTlsConnection *tls;

      if (!G_IS_TLS_CONNECTION (conn->stream))
        return NULL;
      tls = G_TLS_CONNECTION (conn->stream);
      if (g_tls_connection_get_peer_certificate_errors (tls) != 0)
        return NULL;
      return g_tls_connection_get_peer_certificate (tls);
    }

  /* A SoupServer of the application's, which made the TLS connection. */
  if (soup_server_message_get_tls_peer_certificate_errors (msg) != 0)
    return NULL;
  return soup_server_message_get_tls_peer_certificate (msg);
}

McpPeek
_mcp_listener_peek (GSocket *socket)
{
  char byte;
  gssize n;

  g_return_val_if_fail (G_IS_SOCKET (socket), MCP_PEEK_GONE);

  if (g_socket_is_closed (socket))
    return MCP_PEEK_GONE;

  n = recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n > 0)
    return MCP_PEEK_DATA;
  if (n < 0 && (would_block (errno) || errno == EINTR))
    return MCP_PEEK_NOTHING_YET;

  return MCP_PEEK_GONE;
}

void
_mcp_listener_stop (McpListener *self)
{
  g_return_if_fail (MCP_IS_LISTENER (self));

  self->stopped = TRUE;

  if (self->accept_source != NULL)
    {
      g_source_destroy (self->accept_source);
      g_clear_pointer (&self->accept_source, g_source_unref);
    }
  if (self->resume_source != NULL)
    {
      g_source_destroy (self->resume_source);
      g_clear_pointer (&self->resume_source, g_source_unref);
    }

  if (self->server != NULL)
    g_signal_handlers_disconnect_by_data (self->server, self);

  /* The connections stay SoupServer's (or a WebSocket's); we only stop
   * watching them. */
  g_hash_table_remove_all (self->connections);
}

/* GObject -------------------------------------------------------------------------- */

static void
mcp_listener_dispose (GObject *object)
{
  McpListener *self = (McpListener *) object;

  _mcp_listener_stop (self);
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  g_clear_object (&self->server);
  g_clear_object (&self->tls_certificate);
  g_clear_object (&self->client_database);

  G_OBJECT_CLASS (mcp_listener_parent_class)->dispose (object);
}

static void
mcp_listener_finalize (GObject *object)
{
  McpListener *self = (McpListener *) object;

  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_pointer (&self->per_address, g_hash_table_unref);
  g_clear_pointer (&self->soup_context, g_main_context_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (mcp_listener_parent_class)->finalize (object);
}

static void
mcp_listener_class_init (McpListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_listener_dispose;
  object_class->finalize = mcp_listener_finalize;

  conn_quark = g_quark_from_static_string ("mcp-listener-connection");
  soup_conn_quark = g_quark_from_static_string ("mcp-listener-soup-connection");
}

static void
mcp_listener_init (McpListener *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->connections = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) conn_free, NULL);
  self->per_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
