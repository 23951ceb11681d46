/* mcp-http-server-peer.c: one HTTP session of McpHttpServerTransport
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-auth-private.h"
#include "mcp-envelope-private.h"

#include "mcp-error.h"
#include "mcp-http-private.h"
#include "mcp-http-server-peer-private.h"
#include "mcp-json-node-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-listener-private.h"
#include "mcp-protocol.h"
#include "mcp-transport-private.h"

/*
 * A peer is one MCP session over HTTP, the McpTransport that McpServer sees.
 *
 * Messages travel on *streams*. A Streamable HTTP session has one stream per
 * client request (opened by its POST) and one standalone stream (opened by
 * GET) for everything unrelated to a request; a legacy HTTP+SSE session has
 * its single GET /sse stream. A stream outlives the HTTP connection that
 * carries it: every message gets an event id `S-N` (stream S, sequence N),
 * is kept in a bounded per-session history, and a GET with `Last-Event-ID`
 * re-attaches a new connection to the stream and replays what followed.
 *
 * A request's stream starts undecided. If the first message to go out on it
 * is the response, it is sent as one `application/json` body; if anything
 * comes first (progress, a log message, a server→client request), the
 * response becomes an SSE stream that ends with the JSON-RPC response.
 */

typedef enum {
  MODE_PENDING,
  MODE_JSON,
  MODE_SSE,
} Mode;

typedef struct
{
  gint     ref_count;
  guint64  stream_id;
  guint64  seq;
  GBytes  *json;
  gboolean is_response;
} Event;

typedef struct _Stream Stream;

struct _Stream
{
  McpHttpServerPeer *peer;
  guint64            id;
  char              *request_key;   /* NULL: the standalone or legacy stream */
  JsonNode          *request_id;
  guint64            next_seq;      /* the last sequence number given out */
  guint64            written_seq;   /* the last one written to a connection */
  GQueue             pending;       /* Event, not yet written */
  gboolean           responded;     /* the response has been queued */
  gboolean           finished;      /* the response has been written */

  SoupServerMessage *msg;           /* the connection carrying it, if any */
  GSource           *watch;         /* notices the client hanging up */
  gulong             finished_id;
  gulong             disconnected_id;
  guint              json_status;   /* the HTTP status of a plain JSON response */
  guint              retry_after;   /* with 429: its Retry-After, in seconds */
  Mode               mode;
  gboolean           in_handler;
  gboolean           active;        /* wrote since the last keep-alive */

  /* The outgoing queue: what libsoup holds unwritten for this connection,
   * and the events waiting behind it. */
  guint64            appended;      /* body bytes given to this connection */
  guint64            wrote;         /* of which libsoup has written */
  guint64            pending_bytes;
  gulong             wrote_id;
  guint              stall_id;
  guint              flush_id;
};

struct _McpHttpServerPeer
{
  GObject                 parent_instance;

  char                   *session_id;
  gboolean                legacy;
  McpTransportState       state;
  McpHttpPeerConfig       config;

  char                   *protocol_version;
  char                   *initialize_key;
  gboolean                initialized;
  gboolean                initialize_failed;

  GHashTable             *streams;           /* guint64 id → Stream */
  GHashTable             *request_streams;   /* request key → Stream (borrowed) */
  Stream                 *standalone;
  guint64                 next_stream_id;
  guint64                 next_priming;

  GQueue                  history;           /* Event, the replay buffer */
  guint64                 history_bytes;
  gint64                  last_activity;
  gint64                  opened_at;
  char                   *address;           /* the client's, for per-address caps */
  gboolean                saw_initialize;
  /* One request of the 2026-07-28 era: no session id, no event ids, no
   * history; the peer ends with its response. */
  gboolean                stateless;
};

static void mcp_http_server_peer_iface_init (McpTransportInterface *iface);
static gboolean mcp_http_server_peer_close_request_stream (McpTransport *transport,
                                                           JsonNode     *request_id);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpHttpServerPeer, mcp_http_server_peer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_TRANSPORT,
                                                      mcp_http_server_peer_iface_init))

static void stream_end_connection (Stream *stream);

enum {
  CLOSED,
  N_PEER_SIGNALS
};

static guint peer_signals[N_PEER_SIGNALS];
static void stream_watch (Stream *stream);
static void stream_flush (Stream *stream);

/* Events ------------------------------------------------------------------- */

static Event *
event_ref (Event *event)
{
  event->ref_count++;
  return event;
}

static void
event_unref (Event *event)
{
  if (--event->ref_count > 0)
    return;

  g_bytes_unref (event->json);
  g_free (event);
}

static char *
event_id (guint64 stream_id,
          guint64 seq)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT, stream_id, seq);
}

/* "S-N" or "S-N.P" (a priming event after N). */
static gboolean
parse_event_id (const char *text,
                guint64    *stream_id,
                guint64    *seq)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *seq_part = NULL;
  char *dot;

  if (text == NULL)
    return FALSE;

  parts = g_strsplit (text, "-", 2);
  if (g_strv_length (parts) != 2)
    return FALSE;

  seq_part = g_strdup (parts[1]);
  dot = strchr (seq_part, '.');
  if (dot != NULL)
    *dot = '\0';

  return g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT64, stream_id, NULL) &&
         g_ascii_string_to_unsigned (seq_part, 10, 0, G_MAXUINT64, seq, NULL);
}

/* Streams ------------------------------------------------------------------- */

static Stream *
stream_new (McpHttpServerPeer *self,
            JsonNode          *request_id)
{
  Stream *stream = g_new0 (Stream, 1);

  stream->peer = self;
  stream->id = ++self->next_stream_id;
  g_queue_init (&stream->pending);
  g_hash_table_insert (self->streams, &stream->id, stream);

  if (request_id != NULL)
    {
      stream->request_id = json_node_copy (request_id);
      stream->request_key = mcp_message_id_to_key (request_id);
      g_hash_table_insert (self->request_streams, stream->request_key, stream);
    }

  return stream;
}

static void
stream_free (Stream *stream)
{
  stream_end_connection (stream);
  g_clear_handle_id (&stream->stall_id, g_source_remove);
  g_clear_handle_id (&stream->flush_id, g_source_remove);
  g_queue_clear_full (&stream->pending, (GDestroyNotify) event_unref);
  g_clear_pointer (&stream->request_id, json_node_unref);
  g_free (stream->request_key);
  g_free (stream);
}

/* Forgets a stream that is over; its events stay in the history. */
static void
stream_remove (Stream *stream)
{
  McpHttpServerPeer *self = stream->peer;

  if (stream == self->standalone)
    self->standalone = NULL;
  if (stream->request_key != NULL &&
      g_hash_table_lookup (self->request_streams, stream->request_key) == stream)
    g_hash_table_remove (self->request_streams, stream->request_key);
  g_hash_table_remove (self->streams, &stream->id);
}

static void
append_text (SoupServerMessage *msg,
             const char        *text)
{
  soup_message_body_append (soup_server_message_get_response_body (msg),
                            SOUP_MEMORY_COPY, text, strlen (text));
}

static void
write_sse_event (Stream *stream,
                 Event  *event)
{
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);
  gsize length = g_bytes_get_size (event->json);
  g_autofree char *id = NULL;
  g_autofree char *head = NULL;

  if (stream->peer->legacy)
    head = g_strdup ("event: message\ndata: ");
  else if (stream->peer->stateless)
    head = g_strdup ("data: ");
  else
    {
      id = event_id (event->stream_id, event->seq);
      head = g_strdup_printf ("id: %s\ndata: ", id);
    }

  soup_message_body_append (body, SOUP_MEMORY_COPY, head, strlen (head));
  /* Shared with the history and every replay: never copied. */
  soup_message_body_append_bytes (body, event->json);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, "\n\n", 2);
  stream->active = TRUE;
  stream->appended += strlen (head) + length + 2;
}

/* Its id resumes the stream after event @position. */
static void
write_priming_event (Stream  *stream,
                     guint64  position)
{
  McpHttpServerPeer *self = stream->peer;
  g_autofree char *text = NULL;

  text = g_strdup_printf ("id: %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT "\n"
                          "retry: %u\n"
                          "data: \n\n",
                          stream->id, position, ++self->next_priming,
                          self->config.retry_interval_ms);
  append_text (stream->msg, text);
}

/* Priming events appeared in 2025-11-25; older clients may not expect a
 * message-less event, so the session's negotiated version decides. */
static gboolean
wants_priming (McpHttpServerPeer *self)
{
  return !self->legacy && !self->stateless && self->protocol_version != NULL &&
         mcp_protocol_version_compare (self->protocol_version, MCP_PROTOCOL_VERSION_2025_11_25) >= 0;
}

static void
stream_unpause (Stream *stream)
{
  if (stream->msg != NULL && !stream->in_handler)
    soup_server_message_unpause (stream->msg);
}

static void
stream_start_sse (Stream   *stream,
                  gboolean  prime,
                  guint64   position)
{
  SoupServerMessage *msg = stream->msg;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  stream->mode = MODE_SSE;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  _mcp_http_server_peer_set_headers (stream->peer, msg);
  /* Written chunks are dropped at once: a stream may live for hours. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  if (stream->finished_id != 0)
    stream_watch (stream);

  if (prime)
    write_priming_event (stream, position);
}

static void
stream_unwatch (Stream *stream)
{
  if (stream->watch != NULL)
    {
      g_source_destroy (stream->watch);
      g_clear_pointer (&stream->watch, g_source_unref);
    }
}

static void connection_lost (Stream *stream);

/* While an event stream is open the client sends nothing on its
 * connection, and libsoup does not read it: readable means it hung up. */
static gboolean
on_socket_ready (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  Stream *stream = user_data;
  McpPeek peek = _mcp_listener_peek (socket);

  if (peek == MCP_PEEK_DATA)
    {
      /* Unexpected data (a pipelined request, TLS records): leave it to
       * libsoup; keep-alive writes will tell if the client is gone. */
      g_clear_pointer (&stream->watch, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  if (peek == MCP_PEEK_NOTHING_YET)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&stream->watch, g_source_unref);
  connection_lost (stream);
  return G_SOURCE_REMOVE;
}

static void
stream_watch (Stream *stream)
{
  GSocket *socket;

  stream_unwatch (stream);
  socket = _mcp_listener_get_message_socket (stream->msg);
  if (socket == NULL)
    return;

  stream->watch = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (stream->watch, (GSourceFunc) G_CALLBACK (on_socket_ready), stream, NULL);
  g_source_set_static_name (stream->watch, "[mcp] HTTP event stream");
  g_source_attach (stream->watch, g_main_context_get_thread_default ());
}

static void
on_connection_gone (SoupServerMessage *msg,
                    Stream            *stream)
{
  McpHttpServerPeer *self = stream->peer;
  g_autoptr(McpHttpServerPeer) hold = g_object_ref (self);

  stream_unwatch (stream);
  g_clear_signal_handler (&stream->finished_id, msg);
  g_clear_signal_handler (&stream->disconnected_id, msg);
  g_clear_signal_handler (&stream->wrote_id, msg);
  g_clear_handle_id (&stream->stall_id, g_source_remove);
  g_clear_object (&stream->msg);
  self->last_activity = g_get_monotonic_time ();

  if (self->legacy || self->stateless)
    {
      /* A legacy session lives exactly as long as its event stream, a
       * stateless request as long as its response: a client that closes
       * it cancels the request. */
      _mcp_http_server_peer_close (self);
      return;
    }

  /* A client that lost an undecided response has no event id to resume
   * with: the stream can never be delivered. */
  if (stream->finished || (stream->request_key != NULL && stream->mode == MODE_PENDING))
    stream_remove (stream);
}

static void
connection_lost (Stream *stream)
{
  g_autoptr(SoupServerMessage) msg = g_object_ref (stream->msg);

  /* Let libsoup finish with it (the write will fail), then forget it. */
  g_clear_signal_handler (&stream->finished_id, msg);
  g_clear_signal_handler (&stream->disconnected_id, msg);
  g_clear_signal_handler (&stream->wrote_id, msg);
  if (stream->mode == MODE_SSE)
    soup_message_body_complete (soup_server_message_get_response_body (msg));
  stream_unpause (stream);
  on_connection_gone (msg, stream);
}

/* Bytes libsoup holds for the connection, not yet written. */
static guint64
stream_unwritten (Stream *stream)
{
  return stream->appended > stream->wrote ? stream->appended - stream->wrote : 0;
}

static gboolean
stream_over_high_water (Stream *stream)
{
  return stream->msg != NULL && stream->mode == MODE_SSE &&
         _mcp_send_queue_over_high_water (&stream->peer->config.send_queue,
                                          stream_unwritten (stream));
}

/* A client that does not read its event stream loses the connection; the
 * stream itself stays and can be resumed with Last-Event-ID (a legacy
 * session, which cannot resume, ends). */
static void
stream_drop_slow_connection (Stream     *stream,
                             const char *why)
{
  McpHttpServerPeer *self = stream->peer;
  g_autoptr(McpHttpServerPeer) hold = g_object_ref (self);

  g_debug ("HTTP session: %s (%" G_GUINT64_FORMAT " bytes unwritten, %" G_GUINT64_FORMAT
           " waiting); ending its event stream", why,
           stream_unwritten (stream), stream->pending_bytes);

  if (self->legacy || self->stateless)
    {
      _mcp_http_server_peer_close (self);
      return;
    }

  if (stream->msg != NULL)
    connection_lost (stream);
}

static gboolean
stall_timeout_cb (gpointer user_data)
{
  Stream *stream = user_data;

  stream->stall_id = 0;
  stream_drop_slow_connection (stream, "the client left its event stream unread");

  return G_SOURCE_REMOVE;
}

static gboolean
flush_idle_cb (gpointer user_data)
{
  Stream *stream = user_data;

  stream->flush_id = 0;
  stream_flush (stream);

  return G_SOURCE_REMOVE;
}

/* Runs inside libsoup's write: schedules, never writes. */
static void
on_wrote_body_data (SoupServerMessage *msg,
                    guint              chunk_size,
                    Stream            *stream)
{
  stream->wrote += chunk_size;

  if (stream->stall_id == 0 ||
      !_mcp_send_queue_drained (&stream->peer->config.send_queue, stream_unwritten (stream)))
    return;

  g_clear_handle_id (&stream->stall_id, g_source_remove);
  if (stream->flush_id == 0 && !g_queue_is_empty (&stream->pending))
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, flush_idle_cb, stream, NULL);
      g_source_set_static_name (source, "[mcp] HTTP event stream flush");
      stream->flush_id = g_source_attach (source, g_main_context_get_thread_default ());
      g_source_unref (source);
    }
}

static void
stream_attach (Stream            *stream,
               SoupServerMessage *msg,
               Mode               mode)
{
  if (stream->msg != NULL)
    stream_end_connection (stream);

  stream->msg = g_object_ref (msg);
  stream->mode = mode;
  stream->appended = 0;
  stream->wrote = 0;
  stream->wrote_id = g_signal_connect (msg, "wrote-body-data",
                                       G_CALLBACK (on_wrote_body_data), stream);
  stream->finished_id = g_signal_connect (msg, "finished",
                                          G_CALLBACK (on_connection_gone), stream);
  stream->disconnected_id = g_signal_connect (msg, "disconnected",
                                              G_CALLBACK (on_connection_gone), stream);
  /* A 2026-07-28 client cancels a request by closing its response: while
   * the handler runs, libsoup reads nothing there, so watch for the hang-up
   * ourselves. */
  if (mode == MODE_PENDING && stream->peer->stateless)
    stream_watch (stream);
}

/* Ends the current HTTP response of the stream (not the stream itself). */
static void
stream_end_connection (Stream *stream)
{
  SoupServerMessage *msg = stream->msg;

  if (msg == NULL)
    return;

  stream_unwatch (stream);
  g_clear_signal_handler (&stream->finished_id, msg);
  g_clear_signal_handler (&stream->disconnected_id, msg);
  g_clear_signal_handler (&stream->wrote_id, msg);
  g_clear_handle_id (&stream->stall_id, g_source_remove);

  if (stream->mode == MODE_PENDING)
    {
      /* Nothing was ever sent: the request was cancelled or the session
       * ended. */
      soup_server_message_set_status (msg, SOUP_STATUS_ACCEPTED, NULL);
      _mcp_http_server_peer_set_headers (stream->peer, msg);
    }
  else if (stream->mode == MODE_SSE)
    soup_message_body_complete (soup_server_message_get_response_body (msg));

  stream_unpause (stream);
  g_clear_object (&stream->msg);
}

static void
history_forget (McpHttpServerPeer *self,
                Event             *event)
{
  if (!g_queue_remove (&self->history, event))
    return;

  self->history_bytes -= MIN (self->history_bytes, g_bytes_get_size (event->json));
  event_unref (event);
}

static gboolean close_idle_cb (gpointer user_data);
static guint status_for_response (JsonNode *message);
static guint rate_limited_retry_after (JsonNode *message);

/* A request's stream that has sent its response. */
static void
stream_finished (Stream *stream)
{
  McpHttpServerPeer *self = stream->peer;

  stream_remove (stream);
  if (self->stateless && self->state == MCP_TRANSPORT_STATE_CONNECTED)
    g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

/* Whether the request's Accept-Encoding takes gzip: named (or "*") with a
 * weight above zero. */
static gboolean
accepts_gzip (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Accept-Encoding");
  g_auto(GStrv) codings = NULL;
  gboolean star = FALSE;

  if (header == NULL)
    return FALSE;

  codings = g_strsplit (header, ",", 32);
  for (guint i = 0; codings[i] != NULL; i++)
    {
      char *coding = g_strstrip (codings[i]);
      char *weight = strchr (coding, ';');
      gboolean refused = FALSE;

      if (weight != NULL)
        {
          const char *q;

          *weight++ = '\0';
          g_strchomp (coding);
          q = strstr (weight, "q=");
          refused = q != NULL && g_ascii_strtod (q + 2, NULL) <= 0;
        }
      if (g_ascii_strcasecmp (coding, "gzip") == 0 || g_ascii_strcasecmp (coding, "x-gzip") == 0)
        return !refused;
      if (g_strcmp0 (coding, "*") == 0)
        star = !refused;
    }
  return star;
}

/* @body gzipped, or NULL if it could not be. */
static GBytes *
gzip_bytes (GBytes *body)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (body, &length);
  g_autoptr(GByteArray) out = g_byte_array_sized_new (length / 3 + 64);
  gsize read_total = 0;
  GConverterResult result;

  do
    {
      guint8 chunk[16384];
      gsize bytes_read = 0;
      gsize bytes_written = 0;
      g_autoptr(GError) error = NULL;

      result = g_converter_convert (G_CONVERTER (compressor), data + read_total,
                                    length - read_total, chunk, sizeof chunk,
                                    G_CONVERTER_INPUT_AT_END, &bytes_read, &bytes_written,
                                    &error);
      if (result == G_CONVERTER_ERROR)
        return NULL;
      read_total += bytes_read;
      g_byte_array_append (out, chunk, bytes_written);
    }
  while (result != G_CONVERTER_FINISHED);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
stream_flush (Stream *stream)
{
  if (stream->msg == NULL)
    return;

  while (!g_queue_is_empty (&stream->pending))
    {
      Event *event = g_queue_peek_head (&stream->pending);

      if (stream->mode == MODE_PENDING)
        {
          if (event->is_response)
            {
              gsize length = g_bytes_get_size (event->json);
              SoupMessageHeaders *headers = soup_server_message_get_response_headers (stream->msg);
              g_autoptr(GBytes) gzipped = NULL;

              stream->mode = MODE_JSON;
              soup_server_message_set_status (stream->msg,
                                              stream->json_status != 0 ? stream->json_status
                                                                       : SOUP_STATUS_OK,
                                              NULL);
              _mcp_http_server_peer_set_headers (stream->peer, stream->msg);
              if (stream->retry_after > 0)
                {
                  char seconds[16];

                  g_snprintf (seconds, sizeof seconds, "%u", stream->retry_after);
                  soup_message_headers_replace (soup_server_message_get_response_headers (stream->msg),
                                                "Retry-After", seconds);
                }
              soup_message_headers_set_content_type (headers, "application/json", NULL);
              if (stream->peer->config.compression_threshold > 0 &&
                  length >= stream->peer->config.compression_threshold)
                {
                  soup_message_headers_append (headers, "Vary", "Accept-Encoding");
                  if (accepts_gzip (stream->msg))
                    gzipped = gzip_bytes (event->json);
                }
              if (gzipped != NULL)
                soup_message_headers_replace (headers, "Content-Encoding", "gzip");
              soup_message_headers_set_content_length (headers, gzipped != NULL
                                                                ? g_bytes_get_size (gzipped)
                                                                : length);
              soup_message_body_append_bytes (soup_server_message_get_response_body (stream->msg),
                                              gzipped != NULL ? gzipped : event->json);
              soup_message_body_complete (soup_server_message_get_response_body (stream->msg));
              stream->written_seq = event->seq;
              /* Delivered as a plain body: there is no event id to resume
               * it with, so the history need not keep it. */
              history_forget (stream->peer, event);
              stream->pending_bytes -= MIN (stream->pending_bytes, length);
              event_unref (g_queue_pop_head (&stream->pending));
              stream->finished = TRUE;
              stream_end_connection (stream);
              stream_finished (stream);
              return;
            }

          stream_start_sse (stream, wants_priming (stream->peer), stream->written_seq);
        }

      /* Backpressure: the events wait here, shared with the history,
       * until libsoup has written what it holds. */
      if (stream_over_high_water (stream))
        {
          guint timeout = stream->peer->config.send_queue.send_stall_timeout;

          if (stream->stall_id == 0 && timeout > 0)
            {
              GSource *source = g_timeout_source_new_seconds (timeout);

              g_source_set_callback (source, stall_timeout_cb, stream, NULL);
              g_source_set_static_name (source, "[mcp] HTTP event stream stall");
              stream->stall_id = g_source_attach (source, g_main_context_get_thread_default ());
              g_source_unref (source);
            }
          break;
        }

      write_sse_event (stream, event);
      stream->written_seq = event->seq;
      g_queue_pop_head (&stream->pending);
      stream->pending_bytes -= MIN (stream->pending_bytes, g_bytes_get_size (event->json));

      if (event->is_response)
        {
          event_unref (event);
          stream->finished = TRUE;
          stream_end_connection (stream);
          stream_finished (stream);
          return;
        }

      event_unref (event);
    }

  stream_unpause (stream);
}

static void
stream_push (Stream   *stream,
             GBytes   *json,
             gboolean  is_response)
{
  McpHttpServerPeer *self = stream->peer;
  Event *event = g_new0 (Event, 1);

  event->ref_count = 1;
  event->stream_id = stream->id;
  event->seq = ++stream->next_seq;
  event->json = g_bytes_ref (json);
  event->is_response = is_response;

  if (self->config.replay_buffer_size > 0)
    {
      g_queue_push_tail (&self->history, event_ref (event));
      self->history_bytes += g_bytes_get_size (json);
      /* Capped in events and in bytes; the newest event always stays. */
      while (self->history.length > self->config.replay_buffer_size ||
             (self->config.replay_buffer_bytes > 0 && self->history.length > 1 &&
              self->history_bytes > self->config.replay_buffer_bytes))
        {
          Event *oldest = g_queue_pop_head (&self->history);

          self->history_bytes -= MIN (self->history_bytes, g_bytes_get_size (oldest->json));
          event_unref (oldest);
        }
    }

  g_queue_push_tail (&stream->pending, event);
  stream->pending_bytes += g_bytes_get_size (json);

  /* Bounded even when nobody listens; a response is never dropped. */
  while (stream->pending.length > MAX (self->config.replay_buffer_size, 1) + 1)
    {
      Event *oldest = g_queue_peek_head (&stream->pending);

      if (oldest->is_response)
        break;
      g_debug ("HTTP session: dropping an undelivered message");
      stream->pending_bytes -= MIN (stream->pending_bytes, g_bytes_get_size (oldest->json));
      event_unref (g_queue_pop_head (&stream->pending));
      stream->written_seq = MAX (stream->written_seq, oldest->seq);
    }

  if (is_response)
    stream->responded = TRUE;

  if (_mcp_send_queue_over_cap (&self->config.send_queue,
                                stream_unwritten (stream) + stream->pending_bytes))
    {
      stream_drop_slow_connection (stream, "its outgoing queue is over the limit");
      return;
    }

  stream_flush (stream);
}

/* Replays the history of @stream_id after @after_seq onto @stream's new
 * connection, which is already in SSE mode. */
static guint64
replay (McpHttpServerPeer *self,
        SoupServerMessage *msg,
        guint64            stream_id,
        guint64            after_seq,
        guint64            up_to_seq,
        gboolean          *saw_response,
        guint64           *bytes)
{
  guint64 last = after_seq;

  for (GList *l = self->history.head; l != NULL; l = l->next)
    {
      Event *event = l->data;
      Stream fake = { .peer = self, .msg = msg };

      if (event->stream_id != stream_id || event->seq <= after_seq || event->seq > up_to_seq)
        continue;

      write_sse_event (&fake, event);
      if (bytes != NULL)
        *bytes += fake.appended;
      last = event->seq;
      if (event->is_response && saw_response != NULL)
        *saw_response = TRUE;
    }

  return last;
}

/* McpTransport --------------------------------------------------------------- */

static void
set_state (McpHttpServerPeer *self,
           McpTransportState  state)
{
  /* No "state" property to notify on a peer. */
  _mcp_transport_set_state (MCP_TRANSPORT (self), &self->state, state, NULL);
}

static void
mcp_http_server_peer_connect_async (McpTransport        *transport,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  McpHttpServerPeer *self = MCP_HTTP_SERVER_PEER (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mcp_http_server_peer_connect_async);

  /* A peer is connected from birth; once closed, its session is gone. */
  if (self->state == MCP_TRANSPORT_STATE_CONNECTED)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                             "The HTTP session has ended");
}

static void
mcp_http_server_peer_disconnect_async (McpTransport        *transport,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  McpHttpServerPeer *self = MCP_HTTP_SERVER_PEER (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mcp_http_server_peer_disconnect_async);
  _mcp_http_server_peer_close (self);
  g_task_return_boolean (task, TRUE);
}

static gboolean
is_response_message (JsonNode *message)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (message))
    return FALSE;

  object = json_node_get_object (message);
  return !json_object_has_member (object, "method") &&
         json_object_has_member (object, "id") &&
         (json_object_has_member (object, "result") || json_object_has_member (object, "error"));
}

/* The transport reads the initialize result passing through it: the
 * negotiated version decides the SSE details of this session. */
static void
sniff_initialize_response (McpHttpServerPeer *self,
                           JsonNode          *message)
{
  JsonObject *object = json_node_get_object (message);
  g_autofree char *key = NULL;
  JsonObject *result;

  if (self->initialize_key == NULL)
    return;

  key = mcp_message_id_to_key (json_object_get_member (object, "id"));
  if (g_strcmp0 (key, self->initialize_key) != 0)
    return;

  g_clear_pointer (&self->initialize_key, g_free);
  result = _mcp_json_object_get_object (object, "result");
  if (result != NULL)
    {
      const char *version = _mcp_json_object_get_string (result, "protocolVersion");

      if (version != NULL)
        {
          g_free (self->protocol_version);
          self->protocol_version = g_strdup (version);
        }
      self->initialized = TRUE;
    }
  else
    self->initialize_failed = TRUE;
}

/* A session whose initialize was refused is of no use to anyone. */
static gboolean
close_idle_cb (gpointer user_data)
{
  _mcp_http_server_peer_close (user_data);
  return G_SOURCE_REMOVE;
}

static void
mcp_http_server_peer_send_message_async (McpTransport        *transport,
                                         JsonNode            *message,
                                         JsonNode            *related_request_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  McpHttpServerPeer *self = MCP_HTTP_SERVER_PEER (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(McpHttpServerPeer) hold = g_object_ref (self);
  g_autoptr(GBytes) json = NULL;
  gboolean is_response;
  Stream *stream = NULL;
  char *data;
  gsize length = 0;

  g_task_set_source_tag (task, mcp_http_server_peer_send_message_async);

  if (self->state != MCP_TRANSPORT_STATE_CONNECTED)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_NOT_CONNECTED,
                               "The HTTP session has ended");
      return;
    }

  self->last_activity = g_get_monotonic_time ();
  is_response = is_response_message (message);
  if (is_response)
    sniff_initialize_response (self, message);

  data = _mcp_json_to_string (message, &length);
  json = g_bytes_new_take (data, length);

  if (self->legacy)
    stream = self->standalone;
  else if (related_request_id != NULL)
    {
      g_autofree char *key = mcp_message_id_to_key (related_request_id);
      Stream *candidate = key != NULL ? g_hash_table_lookup (self->request_streams, key) : NULL;

      if (candidate != NULL && !candidate->responded)
        stream = candidate;
    }

  if (stream == NULL && is_response && !self->legacy)
    {
      /* Its request's stream is gone (cancelled); nobody wants it. */
      g_debug ("HTTP session: dropping a response without a stream");
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (stream == NULL && !self->legacy)
    {
      if (self->standalone == NULL)
        self->standalone = stream_new (self, NULL);
      stream = self->standalone;
    }

  if (stream == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_NOT_CONNECTED,
                               "The HTTP session has no event stream");
      return;
    }

  if (self->stateless && is_response)
    stream->json_status = status_for_response (message);
  if (is_response && (stream->retry_after = rate_limited_retry_after (message)) > 0)
    stream->json_status = 429;
  stream_push (stream, json, is_response && stream->request_key != NULL);
  g_task_return_boolean (task, TRUE);

  if (self->initialize_failed && !self->initialized)
    {
      self->initialize_failed = FALSE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
    }
}

static McpTransportState
mcp_http_server_peer_get_state (McpTransport *transport)
{
  return MCP_HTTP_SERVER_PEER (transport)->state;
}

static void
mcp_http_server_peer_iface_init (McpTransportInterface *iface)
{
  iface->connect_async = mcp_http_server_peer_connect_async;
  iface->disconnect_async = mcp_http_server_peer_disconnect_async;
  iface->send_message_async = mcp_http_server_peer_send_message_async;
  iface->get_state = mcp_http_server_peer_get_state;
  iface->close_request_stream = mcp_http_server_peer_close_request_stream;
}

/* GObject -------------------------------------------------------------------- */

static void
mcp_http_server_peer_dispose (GObject *object)
{
  McpHttpServerPeer *self = (McpHttpServerPeer *) object;

  self->standalone = NULL;
  if (self->request_streams != NULL)
    g_hash_table_remove_all (self->request_streams);
  if (self->streams != NULL)
    g_hash_table_remove_all (self->streams);
  g_queue_clear_full (&self->history, (GDestroyNotify) event_unref);

  G_OBJECT_CLASS (mcp_http_server_peer_parent_class)->dispose (object);
}

static void
mcp_http_server_peer_finalize (GObject *object)
{
  McpHttpServerPeer *self = (McpHttpServerPeer *) object;

  g_clear_pointer (&self->request_streams, g_hash_table_unref);
  g_clear_pointer (&self->streams, g_hash_table_unref);
  g_free (self->session_id);
  g_free (self->address);
  g_free (self->protocol_version);
  g_free (self->initialize_key);

  G_OBJECT_CLASS (mcp_http_server_peer_parent_class)->finalize (object);
}

static void
mcp_http_server_peer_class_init (McpHttpServerPeerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_http_server_peer_dispose;
  object_class->finalize = mcp_http_server_peer_finalize;

  /* McpHttpServerPeer::closed: the session has ended, once; the listener
   * that keeps the session connects to it (as SoupServer does to
   * SoupServerConnection::disconnected). */
  peer_signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mcp_http_server_peer_init (McpHttpServerPeer *self)
{
  self->streams = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                         (GDestroyNotify) stream_free);
  self->request_streams = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->history);
  self->state = MCP_TRANSPORT_STATE_CONNECTED;
  self->last_activity = g_get_monotonic_time ();
}

/* Private API ---------------------------------------------------------------- */

McpHttpServerPeer *
_mcp_http_server_peer_new (const char              *session_id,
                           gboolean                 legacy,
                           const McpHttpPeerConfig *config)
{
  McpHttpServerPeer *self = g_object_new (MCP_TYPE_HTTP_SERVER_PEER, NULL);

  self->session_id = g_strdup (session_id);
  self->legacy = legacy;
  self->config = *config;
  self->opened_at = g_get_monotonic_time ();

  return self;
}

void
_mcp_http_server_peer_set_address (McpHttpServerPeer *self,
                                   const char        *address)
{
  g_free (self->address);
  self->address = g_strdup (address);
}

const char *
_mcp_http_server_peer_get_address (McpHttpServerPeer *self)
{
  return self->address;
}

/* Whether an `initialize` has arrived on the session, answered or not. */
gboolean
_mcp_http_server_peer_saw_initialize (McpHttpServerPeer *self)
{
  return self->saw_initialize || self->initialized;
}

gint64
_mcp_http_server_peer_get_opened_at (McpHttpServerPeer *self)
{
  return self->opened_at;
}

/* Nothing received or sent for @idle_us and no request unanswered; with
 * @listening_counts, no stream with an HTTP response open either (a request
 * in flight, or a client listening). */
static gboolean
quiet_for (McpHttpServerPeer *self,
           gint64             now,
           gint64             idle_us,
           gboolean           listening_counts)
{
  GHashTableIter iter;
  gpointer value;

  if (now - self->last_activity < idle_us)
    return FALSE;

  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Stream *stream = value;

      if (listening_counts && stream->msg != NULL)
        return FALSE;
      if (stream->request_key != NULL && !stream->responded)
        return FALSE;
    }

  return TRUE;
}

/* Idle even if a client listens on a stream: nothing in flight, nothing
 * received or sent for @idle_us. */
gboolean
_mcp_http_server_peer_is_stale (McpHttpServerPeer *self,
                                gint64             now,
                                gint64             idle_us)
{
  return quiet_for (self, now, idle_us, FALSE);
}

const char *
_mcp_http_server_peer_get_session_id (McpHttpServerPeer *self)
{
  return self->session_id;
}

gboolean
_mcp_http_server_peer_is_legacy (McpHttpServerPeer *self)
{
  return self->legacy;
}

/* The HTTP status of an error response of the 2026-07-28 era: its binding
 * tells a client which failures are ours (a modern error body with 400 or
 * 404) from those of a server that does not speak it. */
static guint
status_for_response (JsonNode *message)
{
  JsonObject *error = _mcp_json_object_get_object (json_node_get_object (message), "error");
  JsonNode *code = error != NULL ? json_object_get_member (error, "code") : NULL;

  if (code == NULL || !JSON_NODE_HOLDS_VALUE (code) || json_node_get_value_type (code) != G_TYPE_INT64)
    return SOUP_STATUS_OK;

  switch (json_node_get_int (code))
    {
    case MCP_JSONRPC_METHOD_NOT_FOUND:
      return SOUP_STATUS_NOT_FOUND;
    case MCP_JSONRPC_PARSE_ERROR:
    case MCP_JSONRPC_INVALID_REQUEST:
    case MCP_JSONRPC_INVALID_PARAMS:
    case MCP_JSONRPC_HEADER_MISMATCH:
    case MCP_JSONRPC_MISSING_REQUIRED_CLIENT_CAPABILITY:
    case MCP_JSONRPC_UNSUPPORTED_PROTOCOL_VERSION:
      return SOUP_STATUS_BAD_REQUEST;
    default:
      return SOUP_STATUS_OK;
    }
}

/* A rate limit's refusal (-32029 with data.retryAfter) as a plain JSON
 * answer is a 429 with Retry-After, on both eras: what HTTP clients and
 * proxies understand. Returns the seconds, or 0 for another message. */
static guint
rate_limited_retry_after (JsonNode *message)
{
  JsonObject *error = _mcp_json_object_get_object (json_node_get_object (message), "error");
  JsonNode *code = error != NULL ? json_object_get_member (error, "code") : NULL;
  JsonObject *data = error != NULL ? _mcp_json_object_get_object (error, "data") : NULL;
  JsonNode *retry = data != NULL ? json_object_get_member (data, "retryAfter") : NULL;

  if (code == NULL || !JSON_NODE_HOLDS_VALUE (code) || json_node_get_value_type (code) != G_TYPE_INT64 ||
      json_node_get_int (code) != MCP_AUTH_RATE_LIMITED_CODE)
    return 0;
  if (retry == NULL || !JSON_NODE_HOLDS_VALUE (retry) || json_node_get_value_type (retry) != G_TYPE_INT64)
    return 1;
  return (guint) CLAMP (json_node_get_int (retry), 1, 86400);
}

gboolean
_mcp_http_server_peer_is_stateless (McpHttpServerPeer *self)
{
  return self->stateless;
}

void
_mcp_http_server_peer_set_stateless (McpHttpServerPeer *self)
{
  self->stateless = TRUE;
  self->config.replay_buffer_size = 0;
  self->config.replay_buffer_bytes = 0;
}

void
_mcp_http_server_peer_set_headers (McpHttpServerPeer *self,
                                   SoupServerMessage *msg)
{
  if (!self->legacy && !self->stateless)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  MCP_HTTP_HEADER_SESSION_ID, self->session_id);
}

void
_mcp_http_server_peer_touch (McpHttpServerPeer *self)
{
  self->last_activity = g_get_monotonic_time ();
}

void
_mcp_http_server_answer (SoupServerMessage *msg,
                         guint              status,
                         JsonNode          *id,
                         gint               code,
                         const char        *text)
{
  g_autoptr(JsonNode) error = mcp_message_new_error (id, code, text, NULL);
  gsize length = 0;
  char *json = _mcp_json_to_string (error, &length);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, length);
}

gboolean
_mcp_http_server_peer_post_request (McpHttpServerPeer *self,
                                    SoupServerMessage *msg,
                                    JsonNode          *message,
                                    JsonNode          *id)
{
  g_autoptr(McpHttpServerPeer) hold = g_object_ref (self);
  g_autofree char *key = mcp_message_id_to_key (id);
  const char *method;
  Stream *stream;

  self->last_activity = g_get_monotonic_time ();

  if (g_hash_table_contains (self->request_streams, key))
    {
      _mcp_http_server_peer_set_headers (self, msg);
      _mcp_http_server_answer (msg, SOUP_STATUS_CONFLICT, id, MCP_JSONRPC_INVALID_REQUEST,
                               "A request with this id is already in progress");
      return FALSE;
    }

  method = _mcp_json_object_get_string (json_node_get_object (message), "method");
  if (g_strcmp0 (method, "initialize") == 0)
    self->saw_initialize = TRUE;
  if (g_strcmp0 (method, "initialize") == 0 && !self->initialized)
    {
      g_free (self->initialize_key);
      self->initialize_key = g_strdup (key);
    }

  stream = stream_new (self, id);
  stream_attach (stream, msg, MODE_PENDING);
  stream->in_handler = TRUE;

  mcp_transport_emit_message_received (MCP_TRANSPORT (self), message);

  /* The handler may have answered, or the session ended, meanwhile. */
  stream = g_hash_table_lookup (self->request_streams, key);
  if (stream != NULL && stream->msg == msg)
    {
      stream->in_handler = FALSE;
      if (stream->mode == MODE_PENDING)
        soup_server_message_pause (msg);
    }

  return TRUE;
}

static void
cancel_stream_of (McpHttpServerPeer *self,
                  JsonNode          *message)
{
  JsonObject *params = _mcp_json_object_get_object (json_node_get_object (message), "params");
  g_autofree char *key = NULL;
  Stream *stream;

  if (params == NULL)
    return;

  key = mcp_message_id_to_key (json_object_get_member (params, "requestId"));
  stream = key != NULL ? g_hash_table_lookup (self->request_streams, key) : NULL;
  if (stream == NULL || stream->responded)
    return;

  /* No response will follow (the specification forbids one). */
  stream->finished = TRUE;
  stream_end_connection (stream);
  stream_remove (stream);
}

void
_mcp_http_server_peer_post_other (McpHttpServerPeer *self,
                                  JsonNode          *message)
{
  g_autoptr(McpHttpServerPeer) hold = g_object_ref (self);
  const char *method = NULL;

  self->last_activity = g_get_monotonic_time ();

  if (JSON_NODE_HOLDS_OBJECT (message))
    method = _mcp_json_object_get_string (json_node_get_object (message), "method");
  if (g_strcmp0 (method, "initialize") == 0)
    self->saw_initialize = TRUE;

  mcp_transport_emit_message_received (MCP_TRANSPORT (self), message);

  if (!self->legacy && g_strcmp0 (method, "notifications/cancelled") == 0 &&
      self->state == MCP_TRANSPORT_STATE_CONNECTED)
    cancel_stream_of (self, message);
}

void
_mcp_http_server_peer_get_stream (McpHttpServerPeer *self,
                                  SoupServerMessage *msg,
                                  const char        *last_event_id)
{
  g_autoptr(McpHttpServerPeer) hold = g_object_ref (self);
  guint64 stream_id = 0;
  guint64 after = 0;
  Stream *stream;

  self->last_activity = g_get_monotonic_time ();

  if (last_event_id != NULL && parse_event_id (last_event_id, &stream_id, &after))
    {
      stream = g_hash_table_lookup (self->streams, &stream_id);

      if (stream == NULL)
        {
          /* The stream is over: whatever of it is still in the history is
           * all there is. */
          Stream fake = { .peer = self, .msg = msg };

          stream_start_sse (&fake, FALSE, 0);
          replay (self, msg, stream_id, after, G_MAXUINT64, NULL, NULL);
          soup_message_body_complete (soup_server_message_get_response_body (msg));
          return;
        }

      after = MIN (after, stream->written_seq);
      stream_attach (stream, msg, MODE_SSE);
      stream->in_handler = TRUE;
      stream_start_sse (stream, TRUE, after);
      replay (self, msg, stream_id, after, stream->written_seq, NULL, &stream->appended);
      stream_flush (stream);
      /* Flushing may have finished and freed the stream. */
      stream = g_hash_table_lookup (self->streams, &stream_id);
      if (stream != NULL && stream->msg == msg)
        stream->in_handler = FALSE;
      return;
    }

  if (self->standalone == NULL)
    self->standalone = stream_new (self, NULL);
  stream = self->standalone;

  /* One standalone stream per session: a new GET takes it over. */
  stream_attach (stream, msg, MODE_SSE);
  stream->in_handler = TRUE;
  stream_start_sse (stream, wants_priming (self), stream->written_seq);
  stream_flush (stream);
  stream->in_handler = FALSE;
}

void
_mcp_http_server_peer_open_legacy_stream (McpHttpServerPeer *self,
                                          SoupServerMessage *msg,
                                          const char        *endpoint)
{
  g_autofree char *text = g_strdup_printf ("event: endpoint\ndata: %s\n\n", endpoint);
  Stream *stream;

  g_return_if_fail (self->legacy);

  self->standalone = stream = stream_new (self, NULL);
  stream_attach (stream, msg, MODE_SSE);
  stream_start_sse (stream, FALSE, 0);
  append_text (msg, text);
}

gboolean
_mcp_http_server_peer_is_closed (McpHttpServerPeer *self)
{
  return self->state == MCP_TRANSPORT_STATE_DISCONNECTED;
}

void
_mcp_http_server_peer_close (McpHttpServerPeer *self)
{
  g_autoptr(McpHttpServerPeer) hold = g_object_ref (self);
  g_autoptr(GList) streams = NULL;

  if (self->state == MCP_TRANSPORT_STATE_DISCONNECTED)
    return;

  self->state = MCP_TRANSPORT_STATE_DISCONNECTING;

  /* Requests still waiting hear that their session is gone. */
  streams = g_hash_table_get_values (self->streams);
  for (GList *l = streams; l != NULL; l = l->next)
    {
      Stream *stream = l->data;

      if (stream->msg == NULL || stream->request_id == NULL || stream->responded)
        continue;

      if (stream->mode == MODE_PENDING)
        {
          g_clear_signal_handler (&stream->finished_id, stream->msg);
          g_clear_signal_handler (&stream->disconnected_id, stream->msg);
          g_clear_signal_handler (&stream->wrote_id, stream->msg);
          _mcp_http_server_peer_set_headers (self, stream->msg);
          _mcp_http_server_answer (stream->msg, SOUP_STATUS_OK, stream->request_id,
                                   MCP_JSONRPC_CONNECTION_CLOSED, "The session has ended");
          stream_unpause (stream);
          g_clear_object (&stream->msg);
        }
      else if (stream->mode == MODE_SSE)
        {
          g_autoptr(JsonNode) error = mcp_message_new_error (stream->request_id,
                                                             MCP_JSONRPC_CONNECTION_CLOSED,
                                                             "The session has ended", NULL);
          gsize length = 0;
          g_autoptr(GBytes) json = g_bytes_new_take (_mcp_json_to_string (error, &length), length);
          Event event = { .ref_count = 1, .stream_id = stream->id,
                          .seq = ++stream->next_seq, .json = json };

          write_sse_event (stream, &event);
        }
    }

  self->standalone = NULL;
  g_hash_table_remove_all (self->request_streams);
  g_hash_table_remove_all (self->streams);
  g_queue_clear_full (&self->history, (GDestroyNotify) event_unref);
  self->history_bytes = 0;

  set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);

  g_signal_emit (self, peer_signals[CLOSED], 0);
}

/* A request in flight, or a client listening, is not idle. */
gboolean
_mcp_http_server_peer_is_idle (McpHttpServerPeer *self,
                               gint64             now,
                               gint64             idle_us)
{
  return quiet_for (self, now, idle_us, TRUE);
}

void
_mcp_http_server_peer_keep_alive (McpHttpServerPeer *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Stream *stream = value;

      if (stream->msg == NULL || stream->mode != MODE_SSE)
        continue;

      /* Also how a client that vanished is noticed: the write fails. */
      if (!stream->active)
        {
          append_text (stream->msg, ": keep-alive\n\n");
          stream_unpause (stream);
        }
      stream->active = FALSE;
    }
}

static gboolean
mcp_http_server_peer_close_request_stream (McpTransport *transport,
                                           JsonNode     *request_id)
{
  McpHttpServerPeer *self = MCP_HTTP_SERVER_PEER (transport);
  g_autofree char *key = mcp_message_id_to_key (request_id);
  Stream *stream = key != NULL ? g_hash_table_lookup (self->request_streams, key) : NULL;

  if (self->legacy || stream == NULL || stream->msg == NULL || stream->responded)
    return FALSE;

  /* The client needs an event id to come back with, and the delay. */
  if (stream->mode == MODE_PENDING)
    stream_start_sse (stream, TRUE, stream->written_seq);
  else if (!wants_priming (self))
    write_priming_event (stream, stream->written_seq);

  stream_end_connection (stream);
  return TRUE;
}
