/* fuzz-line-reader.c: the NDJSON line reader of the stdio transport
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input layout: byte 0 picks the line cap (1..64), byte 1 a callback after
 * which the reader is freed (0: never), byte 2 whether the stream ends in a
 * read error instead of end-of-file, bytes 3..10 the sizes of the reads the
 * stream returns (cycled; 0 means a whole 64 KiB buffer); the rest is the
 * stream. What the reader reports — lines and too-long lines — is compared
 * with a simple model of the same rules: however the bytes are split into
 * reads, the reports must be the same.
 */

#include "config.h"

#include <gio/gio.h>

#include "fuzz-common.h"

#include "mcp-line-reader-private.h"

/* A stream that hands out its bytes in reads of chosen sizes, pollable so
 * that read_async completes on the main context without a thread. */

#define FUZZ_TYPE_STREAM (fuzz_stream_get_type ())
G_DECLARE_FINAL_TYPE (FuzzStream, fuzz_stream, FUZZ, STREAM, GInputStream)

struct _FuzzStream
{
  GInputStream   parent_instance;
  const guint8  *data;
  gsize          size;
  gsize          pos;
  const guint8  *sizes;
  guint          n_sizes;
  guint          next_size;
  gboolean       fail_at_end;
};

static void fuzz_stream_pollable_iface_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FuzzStream, fuzz_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      fuzz_stream_pollable_iface_init))

static gssize
fuzz_stream_read (GInputStream  *stream,
                  void          *buffer,
                  gsize          count,
                  GCancellable  *cancellable,
                  GError       **error)
{
  FuzzStream *self = FUZZ_STREAM (stream);
  gsize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  if (self->pos == self->size)
    {
      if (self->fail_at_end)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "fuzz: broken pipe");
          return -1;
        }
      return 0;
    }

  n = self->size - self->pos;
  if (self->n_sizes > 0)
    {
      guint8 want = self->sizes[self->next_size++ % self->n_sizes];

      if (want != 0)
        n = MIN (n, want);
    }
  n = MIN (n, count);

  memcpy (buffer, self->data + self->pos, n);
  self->pos += n;
  return n;
}

static gboolean
fuzz_stream_is_readable (GPollableInputStream *stream)
{
  return TRUE;
}

static gssize
fuzz_stream_read_nonblocking (GPollableInputStream  *stream,
                              void                  *buffer,
                              gsize                  count,
                              GError               **error)
{
  return fuzz_stream_read (G_INPUT_STREAM (stream), buffer, count, NULL, error);
}

static GSource *
fuzz_stream_create_source (GPollableInputStream *stream,
                           GCancellable         *cancellable)
{
  /* Always readable: a source that is ready at once. */
  GSource *base = g_timeout_source_new (0);
  GSource *source = g_pollable_source_new_full (stream, base, cancellable);

  g_source_unref (base);
  return source;
}

static void
fuzz_stream_pollable_iface_init (GPollableInputStreamInterface *iface)
{
  iface->is_readable = fuzz_stream_is_readable;
  iface->read_nonblocking = fuzz_stream_read_nonblocking;
  iface->create_source = fuzz_stream_create_source;
}

static void
fuzz_stream_class_init (FuzzStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = fuzz_stream_read;
}

static void
fuzz_stream_init (FuzzStream *self)
{
}

/* What the reader reported, one entry per callback: a line, or NULL for a
 * line that was too long. */
typedef struct
{
  GPtrArray     *events;
  gsize          max_line;
  guint          free_after;
  McpLineReader *reader;
  gboolean       done;
  gboolean       done_with_error;
} Run;

static Run run;

static void
record (GBytes *event)
{
  g_ptr_array_add (run.events, event);

  if (run.free_after != 0 && run.events->len == run.free_after)
    {
      /* Freeing from inside a callback is allowed, and then nothing else
       * may be called. */
      g_clear_pointer (&run.reader, _mcp_line_reader_free);
      run.done = TRUE;
    }
}

static void
on_line (const char *line,
         gsize       length,
         gpointer    owner)
{
  FUZZ_CHECK (!run.done);
  FUZZ_CHECK (length <= run.max_line);
  FUZZ_CHECK (memchr (line, '\n', length) == NULL);
  record (g_bytes_new (line, length));
}

static void
on_too_long (gsize    limit,
             gpointer owner)
{
  FUZZ_CHECK (!run.done);
  FUZZ_CHECK (limit == run.max_line);
  record (NULL);
}

static void
on_done (const GError *error,
         gpointer      owner)
{
  FUZZ_CHECK (!run.done);
  run.done = TRUE;
  run.done_with_error = error != NULL;
}

/* The rules, written plainly: every segment ending in "\n" is a line, and so
 * is a last one without; longer than the cap (counting a "\r" before the
 * "\n") it is reported as too long; otherwise one trailing "\r" goes and a
 * line of nothing but white space is skipped. A read error loses an
 * unfinished last line that fits. */
static GPtrArray *
model (const guint8 *data,
       gsize         size,
       gsize         max_line,
       gboolean      fail_at_end)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize start = 0;

  while (start < size)
    {
      const guint8 *newline = memchr (data + start, '\n', size - start);
      gsize end = newline != NULL ? (gsize) (newline - data) : size;
      gsize length = end - start;

      /* The cap is checked as bytes arrive: an unfinished line that is
       * already too long is reported before the error. */
      if (newline == NULL && fail_at_end)
        {
          if (length > max_line)
            g_ptr_array_add (events, NULL);
          break;
        }

      if (length > max_line)
        g_ptr_array_add (events, NULL);
      else
        {
          gboolean blank = TRUE;

          if (length > 0 && data[start + length - 1] == '\r')
            length--;
          for (gsize i = 0; i < length; i++)
            if (!g_ascii_isspace (data[start + i]))
              blank = FALSE;
          if (!blank)
            g_ptr_array_add (events, g_bytes_new (data + start, length));
        }

      start = end + 1;
    }

  return events;
}

static gboolean
event_equal (GBytes *a,
             GBytes *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_bytes_equal (a, b);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzInput in = { data, size };
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(FuzzStream) stream = NULL;
  g_autoptr(GObject) owner = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  guint iterations = 0;

  memset (&run, 0, sizeof run);
  run.max_line = (fuzz_take_byte (&in) % 64) + 1;
  run.free_after = fuzz_take_byte (&in) % 16;

  stream = g_object_new (FUZZ_TYPE_STREAM, NULL);
  stream->fail_at_end = fuzz_take_byte (&in) & 1;
  stream->sizes = in.data;
  stream->n_sizes = MIN (in.size, 8);
  in.data += stream->n_sizes;
  in.size -= stream->n_sizes;
  stream->data = in.data;
  stream->size = in.size;

  run.events = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  owner = g_object_new (G_TYPE_OBJECT, NULL);

  g_main_context_push_thread_default (context);

  run.reader = _mcp_line_reader_new (G_INPUT_STREAM (stream), run.max_line, owner,
                                     on_line, on_too_long, on_done);
  _mcp_line_reader_start (run.reader, NULL);

  /* Each read is one iteration or two; more than that is a hang. */
  while (!run.done)
    {
      g_main_context_iteration (context, TRUE);
      FUZZ_CHECK (++iterations < 4 * (in.size + 16));
    }

  g_clear_pointer (&run.reader, _mcp_line_reader_free);
  /* Let a cancelled read finish and drop its reference. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  expected = model (in.data, in.size, run.max_line, stream->fail_at_end);
  if (run.free_after != 0 && expected->len >= run.free_after)
    g_ptr_array_set_size (expected, run.free_after);
  else
    FUZZ_CHECK (run.done_with_error == stream->fail_at_end);

  FUZZ_CHECK (run.events->len == expected->len);
  for (guint i = 0; i < expected->len; i++)
    FUZZ_CHECK (event_equal (g_ptr_array_index (run.events, i),
                             g_ptr_array_index (expected, i)));

  g_clear_pointer (&run.events, g_ptr_array_unref);
  return 0;
}
