/* mcp-websocket-stream.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-transport-private.h"
#include "mcp-websocket-stream-private.h"

#ifdef __linux__
# include <netinet/in.h>
# include <sys/ioctl.h>
# include <sys/socket.h>
# include <linux/sockios.h>
# include <linux/tcp.h>
# include <stddef.h>
#endif

/* The input half --------------------------------------------------------- */

#define MCP_TYPE_WS_INPUT (mcp_ws_input_get_type ())
G_DECLARE_FINAL_TYPE (McpWsInput, mcp_ws_input, MCP, WS_INPUT, GInputStream)

struct _McpWsInput
{
  GInputStream         parent_instance;

  GInputStream        *base;
  McpWebSocketStream  *owner;           /* not owned */

  GPtrArray           *parked;          /* GSource handed out while blocked */

  /* The frame being followed: its header, then how much payload is left. */
  guint8               header[14];
  guint                header_len;
  guint64              payload_left;
  guint64              message_total;   /* data bytes of the message so far */
  guint64              max_message_size;

  guint                paused : 1;
  guint                too_big : 1;
};

static void mcp_ws_input_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpWsInput, mcp_ws_input, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      mcp_ws_input_pollable_init))

/* The output half -------------------------------------------------------- */

#define MCP_TYPE_WS_OUTPUT (mcp_ws_output_get_type ())
G_DECLARE_FINAL_TYPE (McpWsOutput, mcp_ws_output, MCP, WS_OUTPUT, GOutputStream)

struct _McpWsOutput
{
  GOutputStream        parent_instance;

  GOutputStream       *base;
  McpWebSocketStream  *owner;           /* not owned */
  guint64              written;
};

static void mcp_ws_output_pollable_init (GPollableOutputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpWsOutput, mcp_ws_output, G_TYPE_OUTPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_OUTPUT_STREAM,
                                                      mcp_ws_output_pollable_init))

/* The stream ------------------------------------------------------------- */

struct _McpWebSocketStream
{
  GIOStream               parent_instance;

  GIOStream              *base;
  McpWsInput             *input;
  McpWsOutput            *output;

  McpWebSocketStreamFunc  written_func;
  McpWebSocketStreamFunc  too_big_func;
  gpointer                user_data;
  guint                   too_big_id;
};

G_DEFINE_FINAL_TYPE (McpWebSocketStream, _mcp_websocket_stream, G_TYPE_IO_STREAM)

static gboolean
too_big_cb (gpointer user_data)
{
  McpWebSocketStream *self = user_data;

  self->too_big_id = 0;
  if (self->too_big_func != NULL)
    self->too_big_func (self->user_data);

  return G_SOURCE_REMOVE;
}

static void
report_too_big (McpWebSocketStream *self)
{
  if (self->too_big_id != 0)
    return;

  /* From an idle: this runs inside libsoup's read, which must not see its
   * connection closed and dropped under it. */
  self->too_big_id = _mcp_source_attach (g_idle_source_new (), g_main_context_get_thread_default (),
                                         too_big_cb, self, NULL, "[mcp] websocket message too big");
}

/* Follows the frames in @data (RFC 6455 §5.2) and counts the payload of
 * the data message being assembled. */
static void
mcp_ws_input_follow (McpWsInput   *self,
                     const guint8 *data,
                     gsize         length)
{
  while (length > 0 && !self->too_big)
    {
      guint need;
      guint8 len7;
      guint64 payload = 0;
      guint8 opcode;
      gboolean fin;

      if (self->payload_left > 0)
        {
          gsize skip = (gsize) MIN ((guint64) length, self->payload_left);

          self->payload_left -= skip;
          data += skip;
          length -= skip;
          continue;
        }

      self->header[self->header_len++] = *data++;
      length--;

      if (self->header_len < 2)
        continue;

      len7 = self->header[1] & 0x7f;
      need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((self->header[1] & 0x80) ? 4 : 0);
      if (self->header_len < need)
        continue;

      if (len7 == 126)
        payload = ((guint64) self->header[2] << 8) | self->header[3];
      else if (len7 == 127)
        for (guint i = 0; i < 8; i++)
          payload = (payload << 8) | self->header[2 + i];
      else
        payload = len7;

      opcode = self->header[0] & 0x0f;
      fin = (self->header[0] & 0x80) != 0;
      self->header_len = 0;
      self->payload_left = payload;

      /* Control frames may come between fragments; they do not count. */
      if (opcode & 0x08)
        continue;

      if (opcode != 0)
        self->message_total = 0;
      self->message_total = (G_MAXUINT64 - self->message_total < payload) ?
                            G_MAXUINT64 : self->message_total + payload;

      if (self->max_message_size > 0 && self->message_total > self->max_message_size)
        {
          self->too_big = TRUE;
          report_too_big (self->owner);
        }

      if (fin)
        self->message_total = 0;
    }
}

static gboolean
mcp_ws_input_blocked (McpWsInput *self)
{
  return self->paused || self->too_big;
}

static gssize
mcp_ws_input_read_nonblocking (GPollableInputStream  *stream,
                               void                  *buffer,
                               gsize                  count,
                               GError               **error)
{
  McpWsInput *self = MCP_WS_INPUT (stream);
  gssize n;

  if (mcp_ws_input_blocked (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                           "Reading is paused");
      return -1;
    }

  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (self->base),
                                                buffer, count, NULL, error);
  if (n > 0)
    mcp_ws_input_follow (self, buffer, (gsize) n);

  return n;
}

static gssize
mcp_ws_input_read (GInputStream  *stream,
                   void          *buffer,
                   gsize          count,
                   GCancellable  *cancellable,
                   GError       **error)
{
  McpWsInput *self = MCP_WS_INPUT (stream);
  gssize n;

  n = g_input_stream_read (self->base, buffer, count, cancellable, error);
  if (n > 0)
    mcp_ws_input_follow (self, buffer, (gsize) n);

  return n;
}

static gboolean
mcp_ws_input_close (GInputStream  *stream,
                    GCancellable  *cancellable,
                    GError       **error)
{
  /* The base is closed with the GIOStream. */
  return TRUE;
}

static gboolean
mcp_ws_input_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
mcp_ws_input_is_readable (GPollableInputStream *stream)
{
  McpWsInput *self = MCP_WS_INPUT (stream);

  return !mcp_ws_input_blocked (self) &&
         g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (self->base));
}

static GSource *
mcp_ws_input_create_source (GPollableInputStream *stream,
                            GCancellable         *cancellable)
{
  McpWsInput *self = MCP_WS_INPUT (stream);
  g_autoptr(GSource) child = NULL;

  if (mcp_ws_input_blocked (self))
    {
      /* No file descriptor: it fires when reading resumes, never before. */
      GSource *source = g_pollable_source_new_full (stream, NULL, cancellable);

      g_ptr_array_add (self->parked, g_source_ref (source));
      return source;
    }

  child = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->base), NULL);
  return g_pollable_source_new_full (stream, child, cancellable);
}

static void
mcp_ws_input_wake (McpWsInput *self)
{
  g_autoptr(GPtrArray) parked = g_steal_pointer (&self->parked);

  self->parked = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  for (guint i = 0; i < parked->len; i++)
    {
      GSource *source = g_ptr_array_index (parked, i);

      if (!g_source_is_destroyed (source))
        g_source_set_ready_time (source, 0);
    }
}

static void
mcp_ws_input_finalize (GObject *object)
{
  McpWsInput *self = MCP_WS_INPUT (object);

  g_clear_pointer (&self->parked, g_ptr_array_unref);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (mcp_ws_input_parent_class)->finalize (object);
}

static void
mcp_ws_input_class_init (McpWsInputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = mcp_ws_input_finalize;
  stream_class->read_fn = mcp_ws_input_read;
  stream_class->close_fn = mcp_ws_input_close;
}

static void
mcp_ws_input_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = mcp_ws_input_can_poll;
  iface->is_readable = mcp_ws_input_is_readable;
  iface->create_source = mcp_ws_input_create_source;
  iface->read_nonblocking = mcp_ws_input_read_nonblocking;
}

static void
mcp_ws_input_init (McpWsInput *self)
{
  self->parked = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
}

/* Output ----------------------------------------------------------------- */

static void
mcp_ws_output_count (McpWsOutput *self,
                     gssize       n)
{
  if (n <= 0)
    return;

  self->written += (guint64) n;
  if (self->owner->written_func != NULL)
    self->owner->written_func (self->owner->user_data);
}

static gssize
mcp_ws_output_write_nonblocking (GPollableOutputStream  *stream,
                                 const void             *buffer,
                                 gsize                   count,
                                 GError                **error)
{
  McpWsOutput *self = MCP_WS_OUTPUT (stream);
  gssize n;

  n = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (self->base),
                                                  buffer, count, NULL, error);
  mcp_ws_output_count (self, n);

  return n;
}

static gssize
mcp_ws_output_write (GOutputStream  *stream,
                     const void     *buffer,
                     gsize           count,
                     GCancellable   *cancellable,
                     GError        **error)
{
  McpWsOutput *self = MCP_WS_OUTPUT (stream);
  gssize n;

  n = g_output_stream_write (self->base, buffer, count, cancellable, error);
  mcp_ws_output_count (self, n);

  return n;
}

static gboolean
mcp_ws_output_flush (GOutputStream  *stream,
                     GCancellable   *cancellable,
                     GError        **error)
{
  return g_output_stream_flush (MCP_WS_OUTPUT (stream)->base, cancellable, error);
}

static gboolean
mcp_ws_output_close (GOutputStream  *stream,
                     GCancellable   *cancellable,
                     GError        **error)
{
  return TRUE;
}

static gboolean
mcp_ws_output_can_poll (GPollableOutputStream *stream)
{
  return TRUE;
}

static gboolean
mcp_ws_output_is_writable (GPollableOutputStream *stream)
{
  return g_pollable_output_stream_is_writable (G_POLLABLE_OUTPUT_STREAM (MCP_WS_OUTPUT (stream)->base));
}

static GSource *
mcp_ws_output_create_source (GPollableOutputStream *stream,
                             GCancellable          *cancellable)
{
  McpWsOutput *self = MCP_WS_OUTPUT (stream);
  g_autoptr(GSource) child = NULL;

  child = g_pollable_output_stream_create_source (G_POLLABLE_OUTPUT_STREAM (self->base), NULL);
  return g_pollable_source_new_full (stream, child, cancellable);
}

static void
mcp_ws_output_finalize (GObject *object)
{
  g_clear_object (&MCP_WS_OUTPUT (object)->base);

  G_OBJECT_CLASS (mcp_ws_output_parent_class)->finalize (object);
}

static void
mcp_ws_output_class_init (McpWsOutputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  object_class->finalize = mcp_ws_output_finalize;
  stream_class->write_fn = mcp_ws_output_write;
  stream_class->flush = mcp_ws_output_flush;
  stream_class->close_fn = mcp_ws_output_close;
}

static void
mcp_ws_output_pollable_init (GPollableOutputStreamInterface *iface)
{
  iface->can_poll = mcp_ws_output_can_poll;
  iface->is_writable = mcp_ws_output_is_writable;
  iface->create_source = mcp_ws_output_create_source;
  iface->write_nonblocking = mcp_ws_output_write_nonblocking;
}

static void
mcp_ws_output_init (McpWsOutput *self)
{
}

/* GIOStream -------------------------------------------------------------- */

static GInputStream *
mcp_websocket_stream_get_input_stream (GIOStream *stream)
{
  return G_INPUT_STREAM (MCP_WEBSOCKET_STREAM (stream)->input);
}

static GOutputStream *
mcp_websocket_stream_get_output_stream (GIOStream *stream)
{
  return G_OUTPUT_STREAM (MCP_WEBSOCKET_STREAM (stream)->output);
}

static gboolean
mcp_websocket_stream_close (GIOStream     *stream,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return g_io_stream_close (MCP_WEBSOCKET_STREAM (stream)->base, cancellable, error);
}

static void
base_closed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_io_stream_close_finish (G_IO_STREAM (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Closed on the caller's thread, not in a worker as GIOStream would. */
static void
mcp_websocket_stream_close_async (GIOStream           *stream,
                                  int                  io_priority,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, mcp_websocket_stream_close_async);
  g_io_stream_close_async (MCP_WEBSOCKET_STREAM (stream)->base, io_priority, cancellable,
                           base_closed_cb, task);
}

static gboolean
mcp_websocket_stream_close_finish (GIOStream     *stream,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mcp_websocket_stream_dispose (GObject *object)
{
  McpWebSocketStream *self = MCP_WEBSOCKET_STREAM (object);

  g_clear_handle_id (&self->too_big_id, g_source_remove);
  self->written_func = NULL;
  self->too_big_func = NULL;

  G_OBJECT_CLASS (_mcp_websocket_stream_parent_class)->dispose (object);
}

static void
mcp_websocket_stream_finalize (GObject *object)
{
  McpWebSocketStream *self = MCP_WEBSOCKET_STREAM (object);

  g_clear_object (&self->input);
  g_clear_object (&self->output);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (_mcp_websocket_stream_parent_class)->finalize (object);
}

static void
_mcp_websocket_stream_class_init (McpWebSocketStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->dispose = mcp_websocket_stream_dispose;
  object_class->finalize = mcp_websocket_stream_finalize;
  stream_class->get_input_stream = mcp_websocket_stream_get_input_stream;
  stream_class->get_output_stream = mcp_websocket_stream_get_output_stream;
  stream_class->close_fn = mcp_websocket_stream_close;
  stream_class->close_async = mcp_websocket_stream_close_async;
  stream_class->close_finish = mcp_websocket_stream_close_finish;
}

static void
_mcp_websocket_stream_init (McpWebSocketStream *self)
{
}

McpWebSocketStream *
_mcp_websocket_stream_new (GIOStream *base,
                           guint64    max_message_size)
{
  McpWebSocketStream *self;

  g_return_val_if_fail (G_IS_IO_STREAM (base), NULL);
  g_return_val_if_fail (G_IS_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (base)), NULL);
  g_return_val_if_fail (G_IS_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (base)), NULL);

  self = g_object_new (MCP_TYPE_WEBSOCKET_STREAM, NULL);
  self->base = g_object_ref (base);

  self->input = g_object_new (MCP_TYPE_WS_INPUT, NULL);
  self->input->base = g_object_ref (g_io_stream_get_input_stream (base));
  self->input->owner = self;
  self->input->max_message_size = max_message_size;

  self->output = g_object_new (MCP_TYPE_WS_OUTPUT, NULL);
  self->output->base = g_object_ref (g_io_stream_get_output_stream (base));
  self->output->owner = self;

  return self;
}

guint64
_mcp_websocket_stream_get_bytes_written (McpWebSocketStream *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_STREAM (self), 0);

  return self->output->written;
}

void
_mcp_websocket_stream_set_paused (McpWebSocketStream *self,
                                  gboolean            paused)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_STREAM (self));

  paused = !!paused;
  if (self->input->paused == (guint) paused)
    return;

  self->input->paused = paused;
  if (!paused && !self->input->too_big)
    mcp_ws_input_wake (self->input);
}

gboolean
_mcp_websocket_stream_get_paused (McpWebSocketStream *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_STREAM (self), FALSE);

  return self->input->paused;
}

void
_mcp_websocket_stream_set_max_message_size (McpWebSocketStream *self,
                                            guint64             max_message_size)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_STREAM (self));

  self->input->max_message_size = max_message_size;
}

void
_mcp_websocket_stream_set_callbacks (McpWebSocketStream     *self,
                                     McpWebSocketStreamFunc  written_func,
                                     McpWebSocketStreamFunc  too_big_func,
                                     gpointer                user_data)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_STREAM (self));

  self->written_func = written_func;
  self->too_big_func = too_big_func;
  self->user_data = user_data;
}

/* The kernel's count ---------------------------------------------------- */

gboolean
_mcp_websocket_socket_get_bytes_written (GSocket *socket,
                                         guint64 *written)
{
#if defined (__linux__) && defined (TCP_INFO) && defined (SIOCOUTQ)
  struct tcp_info info = { 0 };
  socklen_t length = sizeof info;
  int fd;
  int queued = 0;

  g_return_val_if_fail (G_IS_SOCKET (socket), FALSE);

  if (g_socket_is_closed (socket))
    return FALSE;

  /* What the peer acknowledged, and what waits in the send buffer (sent
   * or not): together, every byte a write handed to the kernel. An older
   * kernel's shorter tcp_info lacks the first. */
  fd = g_socket_get_fd (socket);
  if (getsockopt (fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0 ||
      length < offsetof (struct tcp_info, tcpi_bytes_acked) + sizeof info.tcpi_bytes_acked ||
      ioctl (fd, SIOCOUTQ, &queued) != 0 || queued < 0)
    return FALSE;

  *written = info.tcpi_bytes_acked + (guint64) queued;
  return TRUE;
#else
  (void) socket;
  (void) written;
  return FALSE;
#endif
}
