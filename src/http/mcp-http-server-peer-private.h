/* mcp-http-server-peer-private.h: one HTTP session, an McpTransport of its own
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_COMPILATION)
# error "mcp-http-server-peer-private.h is private to mcp-glib."
#endif

#include <libsoup/soup.h>

#include "mcp-http-server-transport.h"
#include "mcp-message.h"
#include "mcp-transport.h"
#include "mcp-transport-private.h"

G_BEGIN_DECLS

#define MCP_TYPE_HTTP_SERVER_PEER (mcp_http_server_peer_get_type ())

G_DECLARE_FINAL_TYPE (McpHttpServerPeer, mcp_http_server_peer, MCP, HTTP_SERVER_PEER, GObject)

typedef struct
{
  guint   replay_buffer_size;
  guint64 replay_buffer_bytes;
  guint   retry_interval_ms;
  guint   compression_threshold;   /* bytes; 0: never gzip */
  McpSendQueueLimits send_queue;
} McpHttpPeerConfig;

/* Emits "closed" (no arguments) once, when the session has ended. */
McpHttpServerPeer *_mcp_http_server_peer_new               (const char              *session_id,
                                                            gboolean                 legacy,
                                                            const McpHttpPeerConfig *config);
const char        *_mcp_http_server_peer_get_session_id    (McpHttpServerPeer       *self);
void               _mcp_http_server_peer_set_address       (McpHttpServerPeer       *self,
                                                            const char              *address);
const char        *_mcp_http_server_peer_get_address       (McpHttpServerPeer       *self);
gboolean           _mcp_http_server_peer_saw_initialize    (McpHttpServerPeer       *self);
gint64             _mcp_http_server_peer_get_opened_at     (McpHttpServerPeer       *self);
gboolean           _mcp_http_server_peer_is_stale          (McpHttpServerPeer       *self,
                                                            gint64                   now,
                                                            gint64                   idle_us);
gboolean           _mcp_http_server_peer_is_legacy         (McpHttpServerPeer       *self);

/* Streamable HTTP: a POST carrying a request. The message is paused until
 * the reply (JSON) or the first related message (SSE) is sent. Returns FALSE
 * (having answered) when a request with that id is still running. */
gboolean           _mcp_http_server_peer_post_request      (McpHttpServerPeer       *self,
                                                            SoupServerMessage       *msg,
                                                            JsonNode                *message,
                                                            JsonNode                *id);
/* A notification or response: delivered at once. */
void               _mcp_http_server_peer_post_other        (McpHttpServerPeer       *self,
                                                            JsonNode                *message);
/* GET: the standalone stream, or a resumption when @last_event_id is set. */
void               _mcp_http_server_peer_get_stream        (McpHttpServerPeer       *self,
                                                            SoupServerMessage       *msg,
                                                            const char              *last_event_id);
/* Legacy HTTP+SSE: the one stream of the session, opened by GET /sse. */
void               _mcp_http_server_peer_open_legacy_stream (McpHttpServerPeer      *self,
                                                             SoupServerMessage      *msg,
                                                             const char             *endpoint);
void               _mcp_http_server_peer_set_headers       (McpHttpServerPeer       *self,
                                                            SoupServerMessage       *msg);

void               _mcp_http_server_peer_close             (McpHttpServerPeer       *self);
/* One request of the 2026-07-28 era: no session id, event ids or history;
 * the peer closes once its response is out, or when the client leaves. */
void               _mcp_http_server_peer_set_stateless     (McpHttpServerPeer       *self);
gboolean           _mcp_http_server_peer_is_stateless      (McpHttpServerPeer       *self);
gboolean           _mcp_http_server_peer_is_closed         (McpHttpServerPeer       *self);
void               _mcp_http_server_peer_touch             (McpHttpServerPeer       *self);
/* No request in flight, no stream open, nothing received for @idle_us. */
gboolean           _mcp_http_server_peer_is_idle           (McpHttpServerPeer       *self,
                                                            gint64                   now,
                                                            gint64                   idle_us);
void               _mcp_http_server_peer_keep_alive        (McpHttpServerPeer       *self);

/* Answers @msg with @status and a JSON-RPC error (@code, @text) for @id
 * (nullable), the body of every refusal of a POST. */
void               _mcp_http_server_answer                 (SoupServerMessage       *msg,
                                                            guint                    status,
                                                            JsonNode                *id,
                                                            gint                     code,
                                                            const char              *text);

G_END_DECLS
