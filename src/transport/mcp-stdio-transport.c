/* mcp-stdio-transport.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "mcp-enums.h"
#include "mcp-error.h"
#include "mcp-json-writer-private.h"
#include "mcp-line-reader-private.h"
#include "mcp-protocol.h"
#include "mcp-stdio-transport-private.h"
#include "mcp-transport-private.h"
#include "mcp-str-private.h"

/**
 * McpStdioTransport:
 *
 * Newline-delimited JSON-RPC over a pair of byte streams.
 *
 * Three forms exist:
 *
 * - mcp_stdio_transport_new() uses the process's own standard input and
 *   output: what a server launched by an MCP host uses. When it connects it
 *   moves the real standard output out of reach of stray `printf()`s and of
 *   GLib's log output: file descriptor 1 then points at standard error, so
 *   nothing but protocol messages reaches the client.
 * - mcp_stdio_transport_new_for_command() spawns a server as a subprocess
 *   and talks to its standard input and output. Disconnecting follows the
 *   specification's shutdown sequence: close the child's standard input,
 *   wait, send `SIGTERM`, wait, send `SIGKILL`. The child's standard error
 *   is inherited, captured line by line (#McpStdioTransport::stderr-line) or
 *   silenced, as #McpStdioTransport:stderr-mode says.
 * - mcp_stdio_transport_new_for_streams() uses any #GInputStream and
 *   #GOutputStream, such as the two ends of pipes. Writes to a
 *   #GPollableOutputStream wait on the main loop; give it a non-blocking
 *   file descriptor (g_unix_set_fd_nonblocking()) so that a slow reader
 *   cannot stall it.
 *
 * Each message is one line of compact JSON. Writes are queued and a message
 * is always written whole. A line longer than
 * #McpStdioTransport:max-message-size is discarded (up to its newline)
 * and reported with #McpTransport::error, and reading goes on.
 *
 * Writing to a pipe whose reader has gone away raises `SIGPIPE`, which would
 * kill the process; the first stdio transport created therefore ignores
 * `SIGPIPE` unless the application installed a handler of its own, so such
 * writes fail with an error instead.
 *
 * Since: 0.1
 */

#define READ_CHUNK_SIZE (64 * 1024)
#define STDERR_MAX_LINE (64 * 1024)
#define DEFAULT_SHUTDOWN_TIMEOUT_MS 2000
/* An output buffer that grew past this is freed after its write rather
 * than kept for the next one. */
#define KEEP_BUFFER_SIZE (64 * 1024)

struct _McpStdioTransport
{
  GObject             parent_instance;

  GInputStream       *input;
  GOutputStream      *output;
  char              **argv;
  char              **environment;
  char               *working_directory;
  GSubprocess        *subprocess;
  gsize               max_message_size;
  McpStdioStderrMode  stderr_mode;
  guint               shutdown_timeout;
  McpTransportState   state;

  GCancellable       *io_cancellable;
  McpLineReader      *reader;
  McpLineReader      *stderr_reader;

  /* Messages are serialised straight into @pending; everything queued in
   * one main-loop iteration goes out in one write of @out. */
  GString            *pending;
  GString            *out;
  gsize               out_written;
  GQueue              write_queue;      /* WriteOp: senders waiting for a write */
  guint64             bytes_queued;     /* ever appended to @pending */
  guint64             bytes_written;    /* ever written, or dropped by an error */
  GSource            *flush_source;
  gboolean            flush_wanted;   /* the flush source is ready */
  GSource            *writable_source;
  gboolean            writing;
  guint64             queued_bytes;     /* in pending and being written */
  McpSendQueueLimits  send_queue;
  guint               stall_id;
  GTask              *disconnect_task;

  guint               own_stdio : 1;
  guint               reading : 1;
  guint               input_paused : 1;
};

static void mcp_stdio_transport_iface_init (McpTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpStdioTransport, mcp_stdio_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_TRANSPORT,
                                                      mcp_stdio_transport_iface_init))

enum {
  PROP_0,
  PROP_INPUT_STREAM,
  PROP_OUTPUT_STREAM,
  PROP_ARGV,
  PROP_ENVIRONMENT,
  PROP_WORKING_DIRECTORY,
  PROP_SUBPROCESS,
  PROP_MAX_MESSAGE_SIZE,
  PROP_STDERR_MODE,
  PROP_SHUTDOWN_TIMEOUT,
  PROP_STATE,
  PROP_SEND_HIGH_WATER,
  PROP_MAX_SEND_QUEUE,
  PROP_SEND_STALL_TIMEOUT,
  N_PROPS
};

enum {
  STDERR_LINE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];

/* The three bounds of the outgoing queue, at consecutive ids. */
G_STATIC_ASSERT (PROP_SEND_STALL_TIMEOUT - PROP_SEND_HIGH_WATER == MCP_SEND_QUEUE_N_PROPS - 1);
G_STATIC_ASSERT (MCP_STDIO_DEFAULT_SEND_HIGH_WATER == MCP_SEND_QUEUE_DEFAULT_HIGH_WATER &&
                 MCP_STDIO_DEFAULT_MAX_SEND_QUEUE == MCP_SEND_QUEUE_DEFAULT_MAX &&
                 MCP_STDIO_DEFAULT_SEND_STALL_TIMEOUT == MCP_SEND_QUEUE_DEFAULT_STALL_TIMEOUT);
static guint signals[N_SIGNALS];

/* A sender with a callback: its message is written once bytes_written
 * reaches @end. Senders without one (the session's replies) cost nothing. */
typedef struct
{
  GTask   *task;
  guint64  end;
} WriteOp;

static void
write_op_free (WriteOp *op)
{
  g_clear_object (&op->task);
  g_free (op);
}

static void
set_state (McpStdioTransport *self,
           McpTransportState  state)
{
  _mcp_transport_set_state (MCP_TRANSPORT (self), &self->state, state,
                            properties[PROP_STATE]);
}

/* Subprocess shutdown ------------------------------------------------------
 *
 * The shutdown sequence holds only the subprocess, never the transport, so a
 * transport dropped without disconnecting still ends its child properly.
 */

typedef enum {
  SHUTDOWN_WAIT_EXIT,
  SHUTDOWN_WAIT_TERM,
  SHUTDOWN_WAIT_KILL,
} ShutdownStep;

typedef struct
{
  GSubprocess  *subprocess;
  GCancellable *wait_cancellable;
  guint         timeout_ms;
  guint         timeout_id;
  ShutdownStep  step;
} ShutdownData;

static void
shutdown_data_free (ShutdownData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_object (&data->subprocess);
  g_clear_object (&data->wait_cancellable);
  g_free (data);
}

static void shutdown_wait (GTask *task);

static gboolean
shutdown_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  ShutdownData *data = g_task_get_task_data (task);

  data->timeout_id = 0;
  /* Stops the pending wait; shutdown_wait_cb escalates. */
  g_cancellable_cancel (data->wait_cancellable);
  return G_SOURCE_REMOVE;
}

static void
shutdown_wait_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ShutdownData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&data->timeout_id, g_source_remove);

  if (g_subprocess_wait_finish (data->subprocess, result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (data->step)
    {
    case SHUTDOWN_WAIT_EXIT:
      g_debug ("Subprocess did not exit after its stdin closed; sending SIGTERM");
      data->step = SHUTDOWN_WAIT_TERM;
      g_subprocess_send_signal (data->subprocess, SIGTERM);
      break;

    case SHUTDOWN_WAIT_TERM:
      g_debug ("Subprocess ignored SIGTERM; sending SIGKILL");
      data->step = SHUTDOWN_WAIT_KILL;
      g_subprocess_force_exit (data->subprocess);
      break;

    case SHUTDOWN_WAIT_KILL:
    default:
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_TRANSPORT,
                               "Subprocess did not exit after SIGKILL");
      return;
    }

  shutdown_wait (g_steal_pointer (&task));
}

static void
shutdown_wait (GTask *task)
{
  ShutdownData *data = g_task_get_task_data (task);

  g_clear_object (&data->wait_cancellable);
  data->wait_cancellable = g_cancellable_new ();
  data->timeout_id = g_timeout_add (data->timeout_ms, shutdown_timeout_cb, task);
  g_subprocess_wait_async (data->subprocess, data->wait_cancellable,
                           shutdown_wait_cb, task);
}

static void
shutdown_subprocess_async (GSubprocess         *subprocess,
                           GOutputStream       *child_stdin,
                           guint                timeout_ms,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  ShutdownData *data;

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, shutdown_subprocess_async);

  data = g_new0 (ShutdownData, 1);
  data->subprocess = g_object_ref (subprocess);
  data->timeout_ms = MAX (timeout_ms, 1);
  data->step = SHUTDOWN_WAIT_EXIT;
  g_task_set_task_data (task, data, (GDestroyNotify) shutdown_data_free);

  /* Closing its stdin is the polite request to exit. A pipe close does not
   * block. */
  if (child_stdin != NULL && !g_output_stream_is_closed (child_stdin))
    g_output_stream_close (child_stdin, NULL, NULL);

  shutdown_wait (task);
}

static gboolean
shutdown_subprocess_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Reading ------------------------------------------------------------------ */

static void start_reading (McpStdioTransport *self);
static void finish_disconnect (McpStdioTransport *self);

/* The connection is unusable: stop everything at once. */
static void
close_now (McpStdioTransport *self)
{
  g_autoptr(GCancellable) cancellable = NULL;

  if (self->state == MCP_TRANSPORT_STATE_DISCONNECTED)
    return;

  g_clear_handle_id (&self->stall_id, g_source_remove);
  cancellable = g_steal_pointer (&self->io_cancellable);
  g_cancellable_cancel (cancellable);
  self->io_cancellable = g_cancellable_new ();

  /* A disconnect under way still completes its task. */
  if (self->disconnect_task != NULL)
    {
      finish_disconnect (self);
      return;
    }

  set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);

  if (self->subprocess != NULL)
    shutdown_subprocess_async (self->subprocess, self->output,
                               self->shutdown_timeout, NULL, NULL);
}

static void
handle_input_closed (McpStdioTransport *self,
                     const GError      *error)
{
  if (error != NULL)
    {
      mcp_transport_emit_error (MCP_TRANSPORT (self), error);
      close_now (self);
      return;
    }

  /* A server that closed its stdout is gone. */
  if (self->subprocess != NULL)
    {
      close_now (self);
      return;
    }

  /* The peer closed its end (a client closing our stdin asks us to shut
   * down). Replies already queued, and those of requests still running,
   * may still go out: DISCONNECTING tells the session to finish them and
   * then disconnect us, which flushes the queue. */
  if (self->state == MCP_TRANSPORT_STATE_CONNECTED)
    set_state (self, MCP_TRANSPORT_STATE_DISCONNECTING);
}

static void
on_line (const char *line,
         gsize       length,
         gpointer    user_data)
{
  McpStdioTransport *self = user_data;

  if (self->state != MCP_TRANSPORT_STATE_CONNECTED)
    return;

  _mcp_transport_receive_json (MCP_TRANSPORT (self), line, length);
}

static void
on_line_too_long (gsize    limit,
                  gpointer user_data)
{
  McpStdioTransport *self = user_data;
  g_autoptr(GError) error = NULL;

  error = g_error_new (MCP_ERROR, MCP_ERROR_MESSAGE_TOO_LARGE,
                       "Message larger than the limit of %" G_GSIZE_FORMAT " bytes",
                       limit);
  mcp_transport_emit_error (MCP_TRANSPORT (self), error);
}

static void
on_reader_done (const GError *error,
                gpointer      user_data)
{
  McpStdioTransport *self = user_data;

  self->reading = FALSE;
  handle_input_closed (self, error);
}

static void
start_reading (McpStdioTransport *self)
{
  g_clear_pointer (&self->reader, _mcp_line_reader_free);
  self->reader = _mcp_line_reader_new (self->input,
                                       self->max_message_size,
                                       G_OBJECT (self),
                                       on_line,
                                       on_line_too_long,
                                       on_reader_done);
  self->reading = TRUE;
  _mcp_line_reader_set_paused (self->reader, self->input_paused);
  _mcp_line_reader_start (self->reader, self->io_cancellable);
}

static void
on_stderr_line (const char *line,
                gsize       length,
                gpointer    user_data)
{
  McpStdioTransport *self = user_data;
  g_autofree char *text = g_utf8_make_valid (line, length);

  g_signal_emit (self, signals[STDERR_LINE], 0, text);
}

static void
on_stderr_line_too_long (gsize    limit,
                         gpointer user_data)
{
  McpStdioTransport *self = user_data;

  g_signal_emit (self, signals[STDERR_LINE], 0, "[line too long, discarded]");
}

static void
on_stderr_done (const GError *error,
                gpointer      user_data)
{
}

/* Writing ------------------------------------------------------------------ */

static void write_next (McpStdioTransport *self);

static gboolean
stall_timeout_cb (gpointer user_data)
{
  McpStdioTransport *self = user_data;
  g_autoptr(GError) error = NULL;

  self->stall_id = 0;
  error = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                       "The peer stopped reading: %" G_GUINT64_FORMAT " bytes stayed "
                       "queued for %u s; the transport is closed",
                       self->queued_bytes, self->send_queue.send_stall_timeout);
  mcp_transport_emit_error (MCP_TRANSPORT (self), error);
  close_now (self);

  return G_SOURCE_REMOVE;
}

/* After a message is queued: above the high-water mark the peer's lines
 * are no longer read; a queue that stays there past the stall timeout, or
 * grows past the hard cap, closes the transport. */
static void
check_send_queue (McpStdioTransport *self)
{
  if (_mcp_send_queue_over_cap (&self->send_queue, self->queued_bytes))
    {
      g_autoptr(GError) error = NULL;

      error = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                           "The peer stopped reading: %" G_GUINT64_FORMAT " bytes queued, "
                           "over the limit of %" G_GUINT64_FORMAT "; the transport is closed",
                           self->queued_bytes, self->send_queue.max_send_queue);
      mcp_transport_emit_error (MCP_TRANSPORT (self), error);
      close_now (self);
      return;
    }

  if (_mcp_send_queue_over_high_water (&self->send_queue, self->queued_bytes) &&
      !self->input_paused)
    {
      self->input_paused = TRUE;
      g_debug ("stdio outgoing queue at %" G_GUINT64_FORMAT " bytes; pausing input",
               self->queued_bytes);
      if (self->reader != NULL)
        _mcp_line_reader_set_paused (self->reader, TRUE);
      if (self->send_queue.send_stall_timeout > 0)
        {
          GSource *source = g_timeout_source_new_seconds (self->send_queue.send_stall_timeout);

          self->stall_id = _mcp_source_attach (source, g_main_context_get_thread_default (),
                                               stall_timeout_cb, self, NULL,
                                               "[mcp] stdio send stall");
        }
    }
}

/* After a write: below half the mark, the peer's lines are read again. */
static void
check_send_queue_drained (McpStdioTransport *self)
{
  if (!self->input_paused || !_mcp_send_queue_drained (&self->send_queue, self->queued_bytes))
    return;

  g_debug ("stdio outgoing queue drained; reading input again");
  g_clear_handle_id (&self->stall_id, g_source_remove);
  self->input_paused = FALSE;
  if (self->reader != NULL)
    _mcp_line_reader_set_paused (self->reader, FALSE);
}

typedef struct
{
  GWeakRef  self;
  GBytes   *data;
} WriteBatch;

static void
write_batch_free (WriteBatch *batch)
{
  g_weak_ref_clear (&batch->self);
  g_clear_pointer (&batch->data, g_bytes_unref);
  g_free (batch);
}

/* Completes the senders whose messages the last write covered (or failed
 * to), then starts the next write. */
static void
write_done (McpStdioTransport *self,
            gsize              written,
            GError            *error)
{
  g_autoptr(McpStdioTransport) hold = g_object_ref (self);

  if (error != NULL && error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED)
    {
      GError *wrapped = g_error_new (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                     "Could not write message: %s", error->message);
      g_clear_error (&error);
      error = wrapped;
    }

  self->bytes_written += written;
  self->queued_bytes -= MIN (self->queued_bytes, written);

  while (!g_queue_is_empty (&self->write_queue))
    {
      WriteOp *op = g_queue_peek_head (&self->write_queue);

      if (op->end > self->bytes_written)
        break;

      g_queue_pop_head (&self->write_queue);
      if (error != NULL)
        g_task_return_error (op->task, g_error_copy (error));
      else
        g_task_return_boolean (op->task, TRUE);
      write_op_free (op);
    }

  self->writing = FALSE;
  self->out_written = 0;
  if (self->out != NULL && self->out->allocated_len > KEEP_BUFFER_SIZE)
    {
      g_string_free (self->out, TRUE);
      self->out = NULL;
    }
  else if (self->out != NULL)
    g_string_truncate (self->out, 0);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The reader is gone; nothing queued after this can be written. */
      while (!g_queue_is_empty (&self->write_queue))
        {
          WriteOp *op = g_queue_pop_head (&self->write_queue);

          g_task_return_error (op->task, g_error_copy (error));
          write_op_free (op);
        }
      if (self->pending != NULL)
        {
          self->bytes_written += self->pending->len;
          g_string_truncate (self->pending, 0);
        }
      self->queued_bytes = 0;
      g_error_free (error);
      close_now (self);
      return;
    }

  g_clear_error (&error);
  check_send_queue_drained (self);
  write_next (self);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  WriteBatch *batch = user_data;
  g_autoptr(McpStdioTransport) self = g_weak_ref_get (&batch->self);
  GError *error = NULL;
  gsize written = g_bytes_get_size (batch->data);

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error);
  write_batch_free (batch);

  if (self == NULL)
    {
      g_clear_error (&error);
      return;
    }

  write_done (self, written, error);
}

static void write_pollable (McpStdioTransport *self);

static gboolean
writable_cb (GObject  *stream,
             gpointer  user_data)
{
  McpStdioTransport *self = user_data;

  self->writable_source = NULL;
  write_pollable (self);
  return G_SOURCE_REMOVE;
}

/* One non-blocking write of what is left of @out. A file descriptor is
 * written directly after one poll that says it will not block:
 * GUnixOutputStream polls it twice first. */
static gssize
write_ready (McpStdioTransport      *self,
             GPollableOutputStream  *stream,
             GError                **error)
{
  GPollFD poll_fd = { -1, G_IO_OUT, 0 };
  gssize n;

  if (!G_IS_UNIX_OUTPUT_STREAM (stream))
    return g_pollable_output_stream_write_nonblocking (stream,
                                                       self->out->str + self->out_written,
                                                       self->out->len - self->out_written,
                                                       self->io_cancellable, error);

  if (g_cancellable_set_error_if_cancelled (self->io_cancellable, error))
    return -1;

  poll_fd.fd = g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (stream));
  /* The fd may be blocking (our own stdout): never write when it would. */
  if (g_poll (&poll_fd, 1, 0) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "The peer is not reading");
      return -1;
    }

  do
    n = write (poll_fd.fd, self->out->str + self->out_written, self->out->len - self->out_written);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR,
                   saved == EAGAIN ? G_IO_ERROR_WOULD_BLOCK : g_io_error_from_errno (saved),
                   "Error writing to file descriptor: %s", g_strerror (saved));
    }
  return n;
}

/* Writes @out without a GTask: as much as the pipe takes now, the rest
 * when it is writable again. */
static void
write_pollable (McpStdioTransport *self)
{
  GPollableOutputStream *stream = G_POLLABLE_OUTPUT_STREAM (self->output);

  while (self->out_written < self->out->len)
    {
      GError *error = NULL;
      gssize n;

      n = write_ready (self, stream, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          GSource *source = g_pollable_output_stream_create_source (stream, self->io_cancellable);

          g_error_free (error);
          g_source_set_callback (source, G_SOURCE_FUNC (writable_cb), self, NULL);
          g_source_set_static_name (source, "[mcp] stdio write");
          g_source_attach (source, g_main_context_get_thread_default ());
          /* Owned by the context; destroyed in dispose. */
          self->writable_source = source;
          g_source_unref (source);
          return;
        }
      if (n < 0)
        {
          write_done (self, self->out->len, error);
          return;
        }
      self->out_written += n;
    }

  write_done (self, self->out->len, NULL);
}

static void
write_next (McpStdioTransport *self)
{
  GString *swap;

  if (self->writing)
    return;

  self->flush_wanted = FALSE;

  if (self->pending == NULL || self->pending->len == 0)
    {
      if (self->disconnect_task != NULL)
        finish_disconnect (self);
      return;
    }

  swap = self->out;
  self->out = self->pending;
  self->pending = swap;
  self->out_written = 0;
  self->writing = TRUE;

  if (G_IS_POLLABLE_OUTPUT_STREAM (self->output) &&
      g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (self->output)))
    {
      write_pollable (self);
    }
  else
    {
      WriteBatch *batch = g_new0 (WriteBatch, 1);
      gsize size = self->out->len;

      /* The stream may outlive us: the batch owns the bytes. */
      g_weak_ref_init (&batch->self, self);
      batch->data = g_string_free_to_bytes (g_steal_pointer (&self->out));
      g_output_stream_write_all_async (self->output,
                                       g_bytes_get_data (batch->data, NULL),
                                       size,
                                       G_PRIORITY_DEFAULT,
                                       self->io_cancellable,
                                       write_cb,
                                       batch);
    }
}

/* The flush source is ready while something waits to be written; it
 * needs no ready time (setting one wakes the context up with a write of
 * its own every time). */
typedef struct
{
  GSource            source;
  McpStdioTransport *self;
} FlushSource;

static gboolean
flush_prepare (GSource *source,
               gint    *timeout)
{
  *timeout = -1;
  return ((FlushSource *) source)->self->flush_wanted;
}

static gboolean
flush_check (GSource *source)
{
  return ((FlushSource *) source)->self->flush_wanted;
}

static gboolean
flush_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs flush_source_funcs = {
  flush_prepare, flush_check, flush_dispatch, NULL, NULL, NULL,
};

static gboolean
flush_cb (gpointer user_data)
{
  write_next (user_data);
  return G_SOURCE_CONTINUE;
}

/* Everything queued in this main-loop iteration is written together at
 * the next one: pipelined replies cost one write, and no GTask. */
static void
schedule_flush (McpStdioTransport *self)
{
  if (self->writing)
    return;

  if (self->flush_source == NULL)
    {
      self->flush_source = g_source_new (&flush_source_funcs, sizeof (FlushSource));
      ((FlushSource *) self->flush_source)->self = self;
      g_source_set_callback (self->flush_source, flush_cb, self, NULL);
      g_source_set_static_name (self->flush_source, "[mcp] stdio flush");
      g_source_attach (self->flush_source, g_main_context_get_thread_default ());
    }
  if (!self->flush_wanted)
    {
      GMainContext *context = g_source_get_context (self->flush_source);

      self->flush_wanted = TRUE;
      /* The context's own thread prepares the source before it polls
       * again; any other thread must wake it. */
      if (!g_main_context_is_owner (context))
        g_main_context_wakeup (context);
    }
}

/* McpTransport ------------------------------------------------------------- */

static void
redirect_own_stdout (McpStdioTransport *self)
{
  struct stat st;
  int protocol_fd;

  /* Keep the real stdout for protocol messages only and point fd 1 at
   * stderr, so that printf() in a handler cannot corrupt the stream. */
  protocol_fd = dup (STDOUT_FILENO);
  if (protocol_fd < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    {
      if (protocol_fd >= 0)
        close (protocol_fd);
      protocol_fd = STDOUT_FILENO;
      g_debug ("Could not separate the protocol stream from stdout: %s",
               g_strerror (errno));
    }

  /* A blocking pipe would stop the whole main loop in write() as soon as
   * the client stops reading; non-blocking, the write waits in the queue
   * (where send-high-water sees it). Pipes and sockets only: a terminal
   * left non-blocking would confuse the shell after we exit. */
  if (fstat (protocol_fd, &st) == 0 && (S_ISFIFO (st.st_mode) || S_ISSOCK (st.st_mode)))
    g_unix_set_fd_nonblocking (protocol_fd, TRUE, NULL);

  self->input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  self->output = g_unix_output_stream_new (protocol_fd, protocol_fd != STDOUT_FILENO);
}

static gboolean
spawn_subprocess (McpStdioTransport  *self,
                  GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE;

  switch (self->stderr_mode)
    {
    case MCP_STDIO_STDERR_CAPTURE:
      flags |= G_SUBPROCESS_FLAGS_STDERR_PIPE;
      break;
    case MCP_STDIO_STDERR_SILENCE:
      flags |= G_SUBPROCESS_FLAGS_STDERR_SILENCE;
      break;
    case MCP_STDIO_STDERR_INHERIT:
    default:
      break;
    }

  launcher = g_subprocess_launcher_new (flags);
  if (self->environment != NULL)
    g_subprocess_launcher_set_environ (launcher, self->environment);
  if (self->working_directory != NULL)
    g_subprocess_launcher_set_cwd (launcher, self->working_directory);

  g_clear_object (&self->subprocess);
  self->subprocess = g_subprocess_launcher_spawnv (launcher,
                                                   (const char * const *) self->argv,
                                                   error);
  if (self->subprocess == NULL)
    return FALSE;

  g_set_object (&self->input, g_subprocess_get_stdout_pipe (self->subprocess));
  g_set_object (&self->output, g_subprocess_get_stdin_pipe (self->subprocess));

  /* Our end of the child's stdin: a big message must wait on the main loop
   * for the child to read, not block it. */
  if (G_IS_UNIX_OUTPUT_STREAM (self->output))
    g_unix_set_fd_nonblocking (g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (self->output)),
                               TRUE, NULL);

  if (self->stderr_mode == MCP_STDIO_STDERR_CAPTURE)
    {
      g_clear_pointer (&self->stderr_reader, _mcp_line_reader_free);
      self->stderr_reader = _mcp_line_reader_new (g_subprocess_get_stderr_pipe (self->subprocess),
                                                  STDERR_MAX_LINE,
                                                  G_OBJECT (self),
                                                  on_stderr_line,
                                                  on_stderr_line_too_long,
                                                  on_stderr_done);
      _mcp_line_reader_start (self->stderr_reader, self->io_cancellable);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBPROCESS]);
  return TRUE;
}

static void
mcp_stdio_transport_connect_async (McpTransport        *transport,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  McpStdioTransport *self = MCP_STDIO_TRANSPORT (transport);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_stdio_transport_connect_async);

  if (_mcp_transport_return_if_busy (task, self->state))
    return;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* A stream pair can be read to its end once only. */
  if (self->argv == NULL && self->input != NULL && g_input_stream_is_closed (self->input))
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_NOT_CONNECTED,
                               "The input stream is closed");
      return;
    }

  set_state (self, MCP_TRANSPORT_STATE_CONNECTING);

  if (self->own_stdio && self->input == NULL)
    redirect_own_stdout (self);
  else if (self->argv != NULL && !spawn_subprocess (self, &error))
    {
      set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_TRANSPORT,
                               "Could not start %s: %s", self->argv[0], error->message);
      return;
    }

  set_state (self, MCP_TRANSPORT_STATE_CONNECTED);
  start_reading (self);
  g_task_return_boolean (task, TRUE);
}

/* Cancels the reads and writes under way; later ones get a new
 * cancellable. */
static void
renew_io_cancellable (McpStdioTransport *self)
{
  g_cancellable_cancel (self->io_cancellable);
  g_clear_object (&self->io_cancellable);
  self->io_cancellable = g_cancellable_new ();
}

static void
finish_disconnect_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpStdioTransport *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!shutdown_subprocess_finish (result, &error))
    g_debug ("Subprocess shutdown: %s", error->message);

  renew_io_cancellable (self);

  set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
  g_task_return_boolean (task, TRUE);
}

/* Runs the spawned server's shutdown sequence; @task (whose reference this
 * takes) completes once it has exited. The child's output is read until
 * then, so it is never blocked on a full pipe while we wait for it. */
static void
reap_subprocess (McpStdioTransport *self,
                 GTask             *task)
{
  shutdown_subprocess_async (self->subprocess, self->output, self->shutdown_timeout,
                             finish_disconnect_cb, task);
}

static void
finish_disconnect (McpStdioTransport *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->disconnect_task);

  if (self->subprocess != NULL)
    {
      reap_subprocess (self, g_steal_pointer (&task));
      return;
    }

  renew_io_cancellable (self);

  if (!self->own_stdio)
    {
      /* Closing the pair is what tells the peer we are gone. */
      if (self->output != NULL)
        g_output_stream_close (self->output, NULL, NULL);
      if (self->input != NULL)
        g_input_stream_close (self->input, NULL, NULL);
    }
  else if (self->output != NULL)
    g_output_stream_close (self->output, NULL, NULL);

  set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
  g_task_return_boolean (task, TRUE);
}

static void
mcp_stdio_transport_disconnect_async (McpTransport        *transport,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  McpStdioTransport *self = MCP_STDIO_TRANSPORT (transport);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_stdio_transport_disconnect_async);

  if (self->state == MCP_TRANSPORT_STATE_DISCONNECTED)
    {
      /* The peer may have closed first; a child still needs reaping. */
      if (self->subprocess != NULL)
        {
          reap_subprocess (self, g_steal_pointer (&task));
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->disconnect_task != NULL)
    {
      _mcp_transport_return_disconnect_pending (task);
      return;
    }

  /* Recorded before the state changes: a state-changed handler may well
   * call us again, and must find this disconnect under way. The state is
   * already DISCONNECTING when the peer closed its end first. */
  self->disconnect_task = g_steal_pointer (&task);
  set_state (self, MCP_TRANSPORT_STATE_DISCONNECTING);

  /* Queued writes go out first; write_next() finishes the disconnect once
   * the queue is empty. */
  write_next (self);
}

/* Whole messages, newline included, one after the other in @pending. */
static gsize
begin_message (McpStdioTransport *self)
{
  if (self->pending == NULL)
    self->pending = g_string_sized_new (4096);
  return self->pending->len;
}

static void
end_message (McpStdioTransport *self,
             gsize              start,
             GTask             *task)
{
  g_string_append_c (self->pending, '\n');
  self->bytes_queued += self->pending->len - start;
  self->queued_bytes += self->pending->len - start;

  if (task != NULL)
    {
      WriteOp *op = g_new0 (WriteOp, 1);

      op->task = task;
      op->end = self->bytes_queued;
      g_queue_push_tail (&self->write_queue, op);
    }

  schedule_flush (self);
  check_send_queue (self);
}

static void
mcp_stdio_transport_send_message_async (McpTransport        *transport,
                                        JsonNode            *message,
                                        JsonNode            *related_request_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  McpStdioTransport *self = MCP_STDIO_TRANSPORT (transport);
  g_autoptr(GTask) task = NULL;
  gsize start;

  /* Nobody waits for a send without a callback: no task for it. */
  if (callback != NULL)
    {
      task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, mcp_stdio_transport_send_message_async);
    }

  /* While disconnecting, queued messages still go out before the end. */
  if (self->state != MCP_TRANSPORT_STATE_CONNECTED &&
      self->state != MCP_TRANSPORT_STATE_DISCONNECTING)
    {
      if (task != NULL)
        _mcp_transport_return_not_connected (task);
      return;
    }

  start = begin_message (self);
  _mcp_json_write (self->pending, message);
  end_message (self, start, g_steal_pointer (&task));
}

/* What mcp_message_new_response() would make of @id and @result, written
 * without building it: the session's replies to requests. */
void
_mcp_stdio_transport_send_response (McpStdioTransport *self,
                                    JsonNode          *id,
                                    JsonNode          *result)
{
  gsize start;

  if (self->state != MCP_TRANSPORT_STATE_CONNECTED &&
      self->state != MCP_TRANSPORT_STATE_DISCONNECTING)
    return;

  start = begin_message (self);
  g_string_append (self->pending, "{\"jsonrpc\":\"" MCP_JSONRPC_VERSION "\",\"id\":");
  _mcp_json_write (self->pending, id);
  g_string_append (self->pending, ",\"result\":");
  if (result != NULL)
    _mcp_json_write (self->pending, result);
  else
    g_string_append (self->pending, "{}");
  g_string_append_c (self->pending, '}');
  end_message (self, start, NULL);
}

gboolean
_mcp_stdio_transport_send_response_text (McpStdioTransport *self,
                                         JsonNode          *id,
                                         const char        *result_json,
                                         gsize              length)
{
  gsize start;

  if (self->state != MCP_TRANSPORT_STATE_CONNECTED &&
      self->state != MCP_TRANSPORT_STATE_DISCONNECTING)
    return FALSE;

  start = begin_message (self);
  g_string_append (self->pending, "{\"jsonrpc\":\"" MCP_JSONRPC_VERSION "\",\"id\":");
  _mcp_json_write (self->pending, id);
  g_string_append (self->pending, ",\"result\":");
  g_string_append_len (self->pending, result_json, length);
  g_string_append_c (self->pending, '}');
  end_message (self, start, NULL);
  return TRUE;
}

static McpTransportState
mcp_stdio_transport_get_state (McpTransport *transport)
{
  return MCP_STDIO_TRANSPORT (transport)->state;
}

static void
mcp_stdio_transport_iface_init (McpTransportInterface *iface)
{
  iface->connect_async = mcp_stdio_transport_connect_async;
  iface->disconnect_async = mcp_stdio_transport_disconnect_async;
  iface->send_message_async = mcp_stdio_transport_send_message_async;
  iface->get_state = mcp_stdio_transport_get_state;
}

/* GObject ------------------------------------------------------------------ */

static void
mcp_stdio_transport_dispose (GObject *object)
{
  McpStdioTransport *self = (McpStdioTransport *) object;

  if (self->io_cancellable != NULL)
    g_cancellable_cancel (self->io_cancellable);

  g_clear_pointer (&self->reader, _mcp_line_reader_free);
  g_clear_pointer (&self->stderr_reader, _mcp_line_reader_free);
  g_clear_handle_id (&self->stall_id, g_source_remove);

  /* Dropped without a disconnect: the child still gets the full shutdown
   * sequence, which holds only the subprocess. */
  if (self->subprocess != NULL && g_subprocess_get_identifier (self->subprocess) != NULL)
    shutdown_subprocess_async (self->subprocess, self->output, self->shutdown_timeout,
                               NULL, NULL);

  while (!g_queue_is_empty (&self->write_queue))
    {
      WriteOp *op = g_queue_pop_head (&self->write_queue);

      g_task_return_new_error (op->task, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                               "The transport was destroyed");
      write_op_free (op);
    }

  g_clear_pointer (&self->writable_source, g_source_destroy);
  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }

  g_clear_object (&self->subprocess);

  G_OBJECT_CLASS (mcp_stdio_transport_parent_class)->dispose (object);
}

static void
mcp_stdio_transport_finalize (GObject *object)
{
  McpStdioTransport *self = (McpStdioTransport *) object;

  g_clear_object (&self->input);
  g_clear_object (&self->output);
  g_clear_object (&self->io_cancellable);
  if (self->pending != NULL)
    g_string_free (self->pending, TRUE);
  if (self->out != NULL)
    g_string_free (self->out, TRUE);
  g_clear_pointer (&self->argv, g_strfreev);
  g_clear_pointer (&self->environment, g_strfreev);
  g_clear_pointer (&self->working_directory, g_free);

  G_OBJECT_CLASS (mcp_stdio_transport_parent_class)->finalize (object);
}

static void
mcp_stdio_transport_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  McpStdioTransport *self = MCP_STDIO_TRANSPORT (object);

  if (_mcp_send_queue_get_property (&self->send_queue, PROP_SEND_HIGH_WATER, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_INPUT_STREAM:
      g_value_set_object (value, self->input);
      break;
    case PROP_OUTPUT_STREAM:
      g_value_set_object (value, self->output);
      break;
    case PROP_ARGV:
      g_value_set_boxed (value, self->argv);
      break;
    case PROP_ENVIRONMENT:
      g_value_set_boxed (value, self->environment);
      break;
    case PROP_WORKING_DIRECTORY:
      g_value_set_string (value, self->working_directory);
      break;
    case PROP_SUBPROCESS:
      g_value_set_object (value, self->subprocess);
      break;
    case PROP_MAX_MESSAGE_SIZE:
      g_value_set_uint64 (value, self->max_message_size);
      break;
    case PROP_STDERR_MODE:
      g_value_set_enum (value, self->stderr_mode);
      break;
    case PROP_SHUTDOWN_TIMEOUT:
      g_value_set_uint (value, self->shutdown_timeout);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_stdio_transport_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  McpStdioTransport *self = MCP_STDIO_TRANSPORT (object);

  if (_mcp_send_queue_set_property (object, &self->send_queue, properties, PROP_SEND_HIGH_WATER,
                                    prop_id, value, NULL))
    return;

  switch (prop_id)
    {
    case PROP_INPUT_STREAM:
      self->input = g_value_dup_object (value);
      break;
    case PROP_OUTPUT_STREAM:
      self->output = g_value_dup_object (value);
      break;
    case PROP_ARGV:
      self->argv = g_value_dup_boxed (value);
      break;
    case PROP_ENVIRONMENT:
      mcp_stdio_transport_set_environment (self, g_value_get_boxed (value));
      break;
    case PROP_WORKING_DIRECTORY:
      mcp_stdio_transport_set_working_directory (self, g_value_get_string (value));
      break;
    case PROP_MAX_MESSAGE_SIZE:
      mcp_stdio_transport_set_max_message_size (self, g_value_get_uint64 (value));
      break;
    case PROP_STDERR_MODE:
      mcp_stdio_transport_set_stderr_mode (self, g_value_get_enum (value));
      break;
    case PROP_SHUTDOWN_TIMEOUT:
      mcp_stdio_transport_set_shutdown_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_stdio_transport_constructed (GObject *object)
{
  McpStdioTransport *self = MCP_STDIO_TRANSPORT (object);

  G_OBJECT_CLASS (mcp_stdio_transport_parent_class)->constructed (object);

  self->own_stdio = self->input == NULL && self->output == NULL && self->argv == NULL;
}

static void
mcp_stdio_transport_class_init (McpStdioTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  struct sigaction action;

  object_class->constructed = mcp_stdio_transport_constructed;
  object_class->dispose = mcp_stdio_transport_dispose;
  object_class->finalize = mcp_stdio_transport_finalize;
  object_class->get_property = mcp_stdio_transport_get_property;
  object_class->set_property = mcp_stdio_transport_set_property;

  /**
   * McpStdioTransport:input-stream:
   *
   * The stream messages are read from; for a subprocess, its standard
   * output once connected.
   *
   * Since: 0.1
   */
  properties[PROP_INPUT_STREAM] =
    g_param_spec_object ("input-stream", NULL, NULL,
                         G_TYPE_INPUT_STREAM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpStdioTransport:output-stream:
   *
   * The stream messages are written to; for a subprocess, its standard
   * input once connected.
   *
   * Since: 0.1
   */
  properties[PROP_OUTPUT_STREAM] =
    g_param_spec_object ("output-stream", NULL, NULL,
                         G_TYPE_OUTPUT_STREAM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpStdioTransport:argv:
   *
   * The command line of the server to spawn, or %NULL.
   *
   * Since: 0.1
   */
  properties[PROP_ARGV] =
    g_param_spec_boxed ("argv", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpStdioTransport:environment:
   *
   * The environment of the spawned server, or %NULL to inherit ours.
   *
   * Since: 0.1
   */
  properties[PROP_ENVIRONMENT] =
    g_param_spec_boxed ("environment", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpStdioTransport:working-directory:
   *
   * The working directory of the spawned server, or %NULL for ours.
   *
   * Since: 0.1
   */
  properties[PROP_WORKING_DIRECTORY] =
    g_param_spec_string ("working-directory", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpStdioTransport:subprocess:
   *
   * The spawned server, once connected.
   *
   * Since: 0.1
   */
  properties[PROP_SUBPROCESS] =
    g_param_spec_object ("subprocess", NULL, NULL,
                         G_TYPE_SUBPROCESS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpStdioTransport:max-message-size:
   *
   * The longest line, in bytes, accepted as a message. Longer lines are
   * discarded and reported with #McpTransport::error.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_MESSAGE_SIZE] =
    g_param_spec_uint64 ("max-message-size", NULL, NULL,
                         1, G_MAXSIZE, MCP_STDIO_DEFAULT_MAX_MESSAGE_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpStdioTransport:stderr-mode:
   *
   * What happens to a spawned server's standard error.
   *
   * Since: 0.1
   */
  properties[PROP_STDERR_MODE] =
    g_param_spec_enum ("stderr-mode", NULL, NULL,
                       MCP_TYPE_STDIO_STDERR_MODE,
                       MCP_STDIO_STDERR_INHERIT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpStdioTransport:shutdown-timeout:
   *
   * How long, in milliseconds, each step of a subprocess's shutdown waits
   * for it to exit: after its standard input closes, and after `SIGTERM`.
   *
   * Since: 0.1
   */
  properties[PROP_SHUTDOWN_TIMEOUT] =
    g_param_spec_uint ("shutdown-timeout", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_SHUTDOWN_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpStdioTransport:state:
   *
   * The state of the transport, as mcp_transport_get_state() returns it.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] = _mcp_transport_state_param_spec ();

  /**
   * McpStdioTransport:send-high-water:
   *
   * Bytes queued for the peer above which its lines are no longer read
   * (backpressure: its writes block once the pipe is full); 0 never
   * pauses. The chunk already read is still handled; reading resumes once
   * the queue is below half of it.
   *
   * Since: 0.1
   */
  /**
   * McpStdioTransport:max-send-queue:
   *
   * Bytes queued for the peer past which the transport is closed; 0 for
   * no cap.
   *
   * Since: 0.1
   */
  /**
   * McpStdioTransport:send-stall-timeout:
   *
   * Seconds the outgoing queue may stay above
   * #McpStdioTransport:send-high-water before the transport is closed
   * (the peer is not reading); 0 waits forever.
   *
   * Since: 0.1
   */
  _mcp_send_queue_install_pspecs (properties + PROP_SEND_HIGH_WATER);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpStdioTransport::stderr-line:
   * @self: the transport
   * @line: one line the subprocess wrote to its standard error, without the
   *   newline, made valid UTF-8
   *
   * Emitted for each line of a spawned server's standard error when
   * #McpStdioTransport:stderr-mode is %MCP_STDIO_STDERR_CAPTURE.
   *
   * Since: 0.1
   */
  signals[STDERR_LINE] =
    g_signal_new ("stderr-line",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /* See the class documentation: a write to a closed pipe must fail, not
   * kill the process. */
  if (sigaction (SIGPIPE, NULL, &action) == 0 && action.sa_handler == SIG_DFL)
    {
      action.sa_handler = SIG_IGN;
      sigaction (SIGPIPE, &action, NULL);
    }
}

static void
mcp_stdio_transport_init (McpStdioTransport *self)
{
  self->max_message_size = MCP_STDIO_DEFAULT_MAX_MESSAGE_SIZE;
  self->stderr_mode = MCP_STDIO_STDERR_INHERIT;
  self->shutdown_timeout = DEFAULT_SHUTDOWN_TIMEOUT_MS;
  self->state = MCP_TRANSPORT_STATE_DISCONNECTED;
  self->io_cancellable = g_cancellable_new ();
  g_queue_init (&self->write_queue);
  _mcp_send_queue_limits_init (&self->send_queue);
}

/**
 * mcp_stdio_transport_new:
 *
 * Creates a transport on the process's own standard input and output, for a
 * server launched by an MCP host. See the class documentation for what
 * connecting it does to file descriptor 1.
 *
 * Returns: (transfer full): a new #McpStdioTransport
 *
 * Since: 0.1
 */
McpStdioTransport *
mcp_stdio_transport_new (void)
{
  return g_object_new (MCP_TYPE_STDIO_TRANSPORT, NULL);
}

/**
 * mcp_stdio_transport_new_for_streams:
 * @input: the stream to read messages from
 * @output: the stream to write messages to
 *
 * Creates a transport on a pair of streams. Disconnecting closes both.
 *
 * Returns: (transfer full): a new #McpStdioTransport
 *
 * Since: 0.1
 */
McpStdioTransport *
mcp_stdio_transport_new_for_streams (GInputStream  *input,
                                     GOutputStream *output)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), NULL);

  return g_object_new (MCP_TYPE_STDIO_TRANSPORT,
                       "input-stream", input,
                       "output-stream", output,
                       NULL);
}

/**
 * mcp_stdio_transport_new_for_command:
 * @argv: (array zero-terminated=1): the server's command line; `argv[0]` is
 *   looked up in `PATH`
 *
 * Creates a transport that spawns a server when it connects.
 *
 * Returns: (transfer full): a new #McpStdioTransport
 *
 * Since: 0.1
 */
McpStdioTransport *
mcp_stdio_transport_new_for_command (const char * const *argv)
{
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  return g_object_new (MCP_TYPE_STDIO_TRANSPORT,
                       "argv", argv,
                       NULL);
}

/**
 * mcp_stdio_transport_new_for_command_line:
 * @command_line: a command line, split with shell quoting rules (no other
 *   shell features: no pipes, variables or globs)
 * @error: return location for a #GError
 *
 * Creates a transport that spawns a server when it connects, from one string.
 *
 * Returns: (transfer full) (nullable): a new #McpStdioTransport, or %NULL if
 *   @command_line could not be parsed
 *
 * Since: 0.1
 */
McpStdioTransport *
mcp_stdio_transport_new_for_command_line (const char  *command_line,
                                          GError     **error)
{
  g_auto(GStrv) argv = NULL;

  g_return_val_if_fail (command_line != NULL, NULL);

  if (!g_shell_parse_argv (command_line, NULL, &argv, error))
    return NULL;

  return mcp_stdio_transport_new_for_command ((const char * const *) argv);
}

/**
 * mcp_stdio_transport_get_input_stream:
 * @self: a #McpStdioTransport
 *
 * Gets the stream messages are read from.
 *
 * Returns: (transfer none) (nullable): the stream messages are read from
 *
 * Since: 0.1
 */
GInputStream *
mcp_stdio_transport_get_input_stream (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), NULL);

  return self->input;
}

/**
 * mcp_stdio_transport_get_output_stream:
 * @self: a #McpStdioTransport
 *
 * Gets the stream messages are written to.
 *
 * Returns: (transfer none) (nullable): the stream messages are written to
 *
 * Since: 0.1
 */
GOutputStream *
mcp_stdio_transport_get_output_stream (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), NULL);

  return self->output;
}

/**
 * mcp_stdio_transport_get_argv:
 * @self: a #McpStdioTransport
 *
 * Gets the command line of the server this transport spawns.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the command
 *   line of the server this transport spawns
 *
 * Since: 0.1
 */
const char * const *
mcp_stdio_transport_get_argv (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), NULL);

  return (const char * const *) self->argv;
}

/**
 * mcp_stdio_transport_get_subprocess:
 * @self: a #McpStdioTransport
 *
 * Gets the spawned server, if any.
 *
 * Returns: (transfer none) (nullable): the spawned server, if any
 *
 * Since: 0.1
 */
GSubprocess *
mcp_stdio_transport_get_subprocess (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), NULL);

  return self->subprocess;
}

/**
 * mcp_stdio_transport_get_max_message_size:
 * @self: a #McpStdioTransport
 *
 * Gets the longest line accepted, in bytes.
 *
 * Returns: the longest line accepted, in bytes
 *
 * Since: 0.1
 */
gsize
mcp_stdio_transport_get_max_message_size (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), 0);

  return self->max_message_size;
}

/**
 * mcp_stdio_transport_set_max_message_size:
 * @self: a #McpStdioTransport
 * @max_message_size: the longest line accepted, in bytes
 *
 * Sets #McpStdioTransport:max-message-size. It applies from the next
 * connect.
 *
 * Since: 0.1
 */
void
mcp_stdio_transport_set_max_message_size (McpStdioTransport *self,
                                          gsize              max_message_size)
{
  g_return_if_fail (MCP_IS_STDIO_TRANSPORT (self));
  g_return_if_fail (max_message_size > 0);

  if (self->max_message_size == max_message_size)
    return;

  self->max_message_size = max_message_size;
  if (self->reader != NULL)
    _mcp_line_reader_set_max_line (self->reader, max_message_size);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_MESSAGE_SIZE]);
}

/**
 * mcp_stdio_transport_get_stderr_mode:
 * @self: a #McpStdioTransport
 *
 * Gets what happens to a spawned server's standard error.
 *
 * Returns: what happens to a spawned server's standard error
 *
 * Since: 0.1
 */
McpStdioStderrMode
mcp_stdio_transport_get_stderr_mode (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), MCP_STDIO_STDERR_INHERIT);

  return self->stderr_mode;
}

/**
 * mcp_stdio_transport_set_stderr_mode:
 * @self: a #McpStdioTransport
 * @mode: what to do with the server's standard error
 *
 * Sets #McpStdioTransport:stderr-mode; it takes effect when the server is
 * spawned.
 *
 * Since: 0.1
 */
void
mcp_stdio_transport_set_stderr_mode (McpStdioTransport  *self,
                                     McpStdioStderrMode  mode)
{
  g_return_if_fail (MCP_IS_STDIO_TRANSPORT (self));

  if (self->stderr_mode == mode)
    return;

  self->stderr_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STDERR_MODE]);
}

/**
 * mcp_stdio_transport_get_shutdown_timeout:
 * @self: a #McpStdioTransport
 *
 * Gets the time each shutdown step waits, in milliseconds.
 *
 * Returns: the time each shutdown step waits, in milliseconds
 *
 * Since: 0.1
 */
guint
mcp_stdio_transport_get_shutdown_timeout (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), 0);

  return self->shutdown_timeout;
}

/**
 * mcp_stdio_transport_set_shutdown_timeout:
 * @self: a #McpStdioTransport
 * @timeout_ms: the time each shutdown step waits, in milliseconds
 *
 * Sets #McpStdioTransport:shutdown-timeout.
 *
 * Since: 0.1
 */
void
mcp_stdio_transport_set_shutdown_timeout (McpStdioTransport *self,
                                          guint              timeout_ms)
{
  g_return_if_fail (MCP_IS_STDIO_TRANSPORT (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->shutdown_timeout == timeout_ms)
    return;

  self->shutdown_timeout = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHUTDOWN_TIMEOUT]);
}

/**
 * mcp_stdio_transport_get_environment:
 * @self: a #McpStdioTransport
 *
 * Gets the environment of the spawned server, or %NULL to inherit ours.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   environment of the spawned server, or %NULL to inherit ours
 *
 * Since: 0.1
 */
const char * const *
mcp_stdio_transport_get_environment (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), NULL);

  return (const char * const *) self->environment;
}

/**
 * mcp_stdio_transport_set_environment:
 * @self: a #McpStdioTransport
 * @environment: (nullable) (array zero-terminated=1): `NAME=value` strings,
 *   or %NULL to inherit ours
 *
 * Sets the environment the server is spawned with.
 *
 * Since: 0.1
 */
void
mcp_stdio_transport_set_environment (McpStdioTransport  *self,
                                     const char * const *environment)
{
  g_return_if_fail (MCP_IS_STDIO_TRANSPORT (self));

  if (self->environment == NULL && environment == NULL)
    return;

  g_strfreev (self->environment);
  self->environment = g_strdupv ((char **) environment);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
}

/**
 * mcp_stdio_transport_get_working_directory:
 * @self: a #McpStdioTransport
 *
 * Gets the working directory of the spawned server.
 *
 * Returns: (nullable): the working directory of the spawned server
 *
 * Since: 0.1
 */
const char *
mcp_stdio_transport_get_working_directory (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), NULL);

  return self->working_directory;
}

/**
 * mcp_stdio_transport_set_working_directory:
 * @self: a #McpStdioTransport
 * @directory: (nullable) (type filename): the directory, or %NULL for ours
 *
 * Sets the directory the server is spawned in.
 *
 * Since: 0.1
 */
void
mcp_stdio_transport_set_working_directory (McpStdioTransport *self,
                                           const char        *directory)
{
  g_return_if_fail (MCP_IS_STDIO_TRANSPORT (self));

  if (_mcp_str_replace (&self->working_directory, directory))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKING_DIRECTORY]);
}

/**
 * mcp_stdio_transport_get_send_high_water:
 * @self: a #McpStdioTransport
 *
 * Gets #McpStdioTransport:send-high-water.
 *
 * Returns: the queued bytes that pause reading, 0 for never
 *
 * Since: 0.1
 */
guint64
mcp_stdio_transport_get_send_high_water (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), 0);

  return self->send_queue.send_high_water;
}

/**
 * mcp_stdio_transport_set_send_high_water:
 * @self: a #McpStdioTransport
 * @bytes: the queued bytes that pause reading, 0 for never
 *
 * Sets #McpStdioTransport:send-high-water.
 *
 * Since: 0.1
 */
void
mcp_stdio_transport_set_send_high_water (McpStdioTransport *self,
                                         guint64 bytes)
{
  g_return_if_fail (MCP_IS_STDIO_TRANSPORT (self));

  _mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                       MCP_SEND_QUEUE_HIGH_WATER, bytes);
}

/**
 * mcp_stdio_transport_get_max_send_queue:
 * @self: a #McpStdioTransport
 *
 * Gets #McpStdioTransport:max-send-queue.
 *
 * Returns: the queued bytes that close the transport, 0 for no cap
 *
 * Since: 0.1
 */
guint64
mcp_stdio_transport_get_max_send_queue (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), 0);

  return self->send_queue.max_send_queue;
}

/**
 * mcp_stdio_transport_set_max_send_queue:
 * @self: a #McpStdioTransport
 * @bytes: the queued bytes that close the transport, 0 for no cap
 *
 * Sets #McpStdioTransport:max-send-queue.
 *
 * Since: 0.1
 */
void
mcp_stdio_transport_set_max_send_queue (McpStdioTransport *self,
                                        guint64 bytes)
{
  g_return_if_fail (MCP_IS_STDIO_TRANSPORT (self));

  _mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                       MCP_SEND_QUEUE_MAX, bytes);
}

/**
 * mcp_stdio_transport_get_send_stall_timeout:
 * @self: a #McpStdioTransport
 *
 * Gets #McpStdioTransport:send-stall-timeout.
 *
 * Returns: seconds above the high-water mark before closing, 0 for never
 *
 * Since: 0.1
 */
guint
mcp_stdio_transport_get_send_stall_timeout (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), 0);

  return self->send_queue.send_stall_timeout;
}

/**
 * mcp_stdio_transport_set_send_stall_timeout:
 * @self: a #McpStdioTransport
 * @seconds: seconds above the high-water mark before closing, 0 for never
 *
 * Sets #McpStdioTransport:send-stall-timeout.
 *
 * Since: 0.1
 */
void
mcp_stdio_transport_set_send_stall_timeout (McpStdioTransport *self,
                                            guint seconds)
{
  g_return_if_fail (MCP_IS_STDIO_TRANSPORT (self));

  _mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                       MCP_SEND_QUEUE_STALL_TIMEOUT, seconds);
}
