/* mcp-line-reader.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>

#include <string.h>

#include "mcp-line-reader-private.h"

#define CHUNK_SIZE (64 * 1024)

struct _McpLineReader
{
  gatomicrefcount     ref_count;
  GInputStream       *stream;
  GCancellable       *cancellable;
  GCancellable       *parent_cancellable;
  gulong              parent_handler;
  GWeakRef            owner;
  McpLineFunc         line_func;
  McpLineTooLongFunc  too_long_func;
  McpLineDoneFunc     done_func;
  gsize               max_line;
  GByteArray         *partial;
  guint8             *chunk;
  GSource            *source;         /* pollable streams: attached while reading */
  guint               discarding : 1;
  guint               detached : 1;
  guint               paused : 1;
  guint               stalled : 1;    /* paused with no read pending */
};

static void read_next (McpLineReader *self);
static void clear_source (McpLineReader *self);

static McpLineReader *
line_reader_ref (McpLineReader *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
line_reader_unref (McpLineReader *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->parent_handler != 0)
    g_cancellable_disconnect (self->parent_cancellable, self->parent_handler);
  g_clear_object (&self->parent_cancellable);
  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_weak_ref_clear (&self->owner);
  g_clear_pointer (&self->partial, g_byte_array_unref);
  g_free (self->chunk);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpLineReader, line_reader_unref)

McpLineReader *
_mcp_line_reader_new (GInputStream       *stream,
                      gsize               max_line,
                      GObject            *owner,
                      McpLineFunc         line_func,
                      McpLineTooLongFunc  too_long_func,
                      McpLineDoneFunc     done_func)
{
  McpLineReader *self = g_new0 (McpLineReader, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->stream = g_object_ref (stream);
  g_weak_ref_init (&self->owner, owner);
  self->line_func = line_func;
  self->too_long_func = too_long_func;
  self->done_func = done_func;
  self->max_line = max_line;
  self->partial = g_byte_array_new ();
  self->chunk = g_malloc (CHUNK_SIZE);

  return self;
}

void
_mcp_line_reader_set_max_line (McpLineReader *self,
                               gsize          max_line)
{
  self->max_line = max_line;
}

void
_mcp_line_reader_set_paused (McpLineReader *self,
                             gboolean       paused)
{
  self->paused = !!paused;
  if (!self->paused && self->stalled && !self->detached)
    {
      self->stalled = FALSE;
      read_next (self);
    }
}

void
_mcp_line_reader_free (McpLineReader *self)
{
  /* A pending read keeps its own reference; detaching makes sure it calls
   * nobody when it completes. */
  self->detached = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  clear_source (self);
  line_reader_unref (self);
}

static void
emit_line (McpLineReader *self,
           GObject       *owner,
           const char    *line,
           gsize          length)
{
  if (length > 0 && line[length - 1] == '\r')
    length--;

  /* Blank lines carry no message. */
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isspace (line[i]))
        {
          self->line_func (line, length, owner);
          return;
        }
    }
}

static gboolean
append_partial (McpLineReader *self,
                GObject       *owner,
                const guint8  *data,
                gsize          length)
{
  if (self->discarding)
    return TRUE;

  if (self->partial->len + length > self->max_line)
    {
      g_byte_array_set_size (self->partial, 0);
      self->discarding = TRUE;
      self->too_long_func (self->max_line, owner);
      return !self->detached;
    }

  g_byte_array_append (self->partial, data, length);
  return TRUE;
}

/* Returns FALSE when the reader was detached by a callback. */
static gboolean
process_chunk (McpLineReader *self,
               GObject       *owner,
               gsize          length)
{
  const guint8 *data = self->chunk;
  const guint8 *end = data + length;

  while (data < end)
    {
      const guint8 *newline = memchr (data, '\n', end - data);
      gsize segment;

      if (newline == NULL)
        return append_partial (self, owner, data, end - data);

      segment = newline - data;

      if (self->discarding)
        self->discarding = FALSE;
      else if (self->partial->len == 0)
        {
          /* The whole line is in this chunk: no copy. */
          if (segment > self->max_line)
            self->too_long_func (self->max_line, owner);
          else
            emit_line (self, owner, (const char *) data, segment);
        }
      else if (append_partial (self, owner, data, segment) && !self->discarding)
        {
          g_autoptr(GByteArray) line = g_steal_pointer (&self->partial);

          self->partial = g_byte_array_new ();
          emit_line (self, owner, (const char *) line->data, line->len);
        }
      else
        self->discarding = FALSE;

      if (self->detached)
        return FALSE;

      data = newline + 1;
    }

  return TRUE;
}


/* What a read of @n bytes (or @error) means; returns whether to read on. */
static gboolean
handle_read (McpLineReader *self,
             gssize         n,
             const GError  *error)
{
  g_autoptr(GObject) owner = NULL;

  if (self->detached)
    return FALSE;

  owner = g_weak_ref_get (&self->owner);
  if (owner == NULL)
    return FALSE;

  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->done_func (error, owner);
      return FALSE;
    }

  if (n == 0)
    {
      /* A last line without its newline still counts. */
      if (self->partial->len > 0 && !self->discarding)
        {
          g_autoptr(GByteArray) line = g_steal_pointer (&self->partial);

          self->partial = g_byte_array_new ();
          emit_line (self, owner, (const char *) line->data, line->len);
          if (self->detached)
            return FALSE;
        }
      self->done_func (NULL, owner);
      return FALSE;
    }

  if (!process_chunk (self, owner, n))
    return FALSE;

  /* Paused by the owner (backpressure): the next read waits for it. */
  if (self->paused)
    {
      self->stalled = TRUE;
      return FALSE;
    }

  return TRUE;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(McpLineReader) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (handle_read (self, n, error))
    read_next (self);
}

static void
clear_source (McpLineReader *self)
{
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
}

/* One read from @stream, which its source says is readable. A file
 * descriptor is read directly after one poll that says it will not block:
 * GUnixInputStream polls it twice first (once to see that it is readable,
 * once more inside its blocking read). */
static gssize
read_ready (McpLineReader          *self,
            GPollableInputStream   *stream,
            GError                **error)
{
  gssize n;
  int fd;

  if (!G_IS_UNIX_INPUT_STREAM (stream))
    return g_pollable_input_stream_read_nonblocking (stream, self->chunk, CHUNK_SIZE,
                                                     self->cancellable, error);

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return -1;

  fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (stream));
  {
    GPollFD poll_fd = { fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };

    /* The fd may be blocking (our own stdin): never read when it would. */
    if (g_poll (&poll_fd, 1, 0) == 0)
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "Nothing to read yet");
        return -1;
      }
  }
  do
    n = read (fd, self->chunk, CHUNK_SIZE);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR,
                   saved == EAGAIN ? G_IO_ERROR_WOULD_BLOCK
                                   : g_io_error_from_errno (saved),
                   "Error reading from file descriptor: %s", g_strerror (saved));
    }
  return n;
}

/* A pollable stream is read from one source that stays attached while the
 * reader reads: one read per wake-up, and no GTask or new source per read. */
static gboolean
readable_cb (GObject  *stream,
             gpointer  user_data)
{
  g_autoptr(McpLineReader) self = line_reader_ref (user_data);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = read_ready (self, G_POLLABLE_INPUT_STREAM (stream), &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;

  if (handle_read (self, n, error))
    return G_SOURCE_CONTINUE;

  clear_source (self);
  return G_SOURCE_REMOVE;
}

static void
read_next (McpLineReader *self)
{
  if (G_IS_POLLABLE_INPUT_STREAM (self->stream) &&
      g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (self->stream)))
    {
      if (self->source != NULL)
        return;

      self->source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->stream),
                                                            self->cancellable);
      g_source_set_callback (self->source, G_SOURCE_FUNC (readable_cb),
                             line_reader_ref (self), (GDestroyNotify) line_reader_unref);
      g_source_set_static_name (self->source, "[mcp] line reader");
      g_source_attach (self->source, g_main_context_get_thread_default ());
      return;
    }

  g_input_stream_read_async (self->stream,
                             self->chunk,
                             CHUNK_SIZE,
                             G_PRIORITY_DEFAULT,
                             self->cancellable,
                             read_cb,
                             line_reader_ref (self));
}

static void
cancel_child (GCancellable *parent,
              gpointer      child)
{
  g_cancellable_cancel (child);
}

void
_mcp_line_reader_start (McpLineReader *self,
                        GCancellable  *cancellable)
{
  g_return_if_fail (self->cancellable == NULL);

  /* Our own child cancellable: freeing the reader cancels only its read. */
  self->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      if (g_cancellable_is_cancelled (cancellable))
        g_cancellable_cancel (self->cancellable);
      else
        {
          self->parent_cancellable = g_object_ref (cancellable);
          self->parent_handler = g_cancellable_connect (cancellable,
                                                        G_CALLBACK (cancel_child),
                                                        g_object_ref (self->cancellable),
                                                        g_object_unref);
        }
    }

  read_next (self);
}
