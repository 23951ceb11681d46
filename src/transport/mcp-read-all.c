/* mcp-read-all.c: reading a whole stream, with a limit
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-read-all-private.h"

#define CHUNK_SIZE (16 * 1024)

typedef struct
{
  GByteArray *data;
  gsize       limit;
} ReadAll;

static void
read_all_free (ReadAll *read_all)
{
  g_clear_pointer (&read_all->data, g_byte_array_unref);
  g_free (read_all);
}

static void read_all_next (GTask *task);

static void
read_all_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadAll *read_all = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&read_all->data)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (read_all->data->len + g_bytes_get_size (chunk) > read_all->limit)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_MESSAGE_TOO_LARGE,
                               "HTTP response body larger than the limit of %" G_GSIZE_FORMAT " bytes",
                               read_all->limit);
      return;
    }

  g_byte_array_append (read_all->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_all_next (g_steal_pointer (&task));
}

static void
read_all_next (GTask *task)
{
  GInputStream *stream = g_task_get_source_object (task);

  g_input_stream_read_bytes_async (stream, CHUNK_SIZE, g_task_get_priority (task),
                                   g_task_get_cancellable (task), read_all_cb, task);
}

void
_mcp_read_all_async (GInputStream        *stream,
                     gsize                limit,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (stream, cancellable, callback, user_data);
  ReadAll *read_all = g_new0 (ReadAll, 1);

  g_task_set_source_tag (task, _mcp_read_all_async);
  read_all->data = g_byte_array_new ();
  read_all->limit = limit;
  g_task_set_task_data (task, read_all, (GDestroyNotify) read_all_free);
  read_all_next (task);
}

GBytes *
_mcp_read_all_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _mcp_read_all_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
