/* mcp-auth-fetch.c: a bounded JSON document over HTTP(S), for the JWKS and
 * the token introspection providers.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-auth-private.h"
#include "mcp-address-private.h"
#include "mcp-json-reader-private.h"
#include "mcp-read-all-private.h"
#include "mcp-error.h"

/* JWKS and introspection answers are flat: a few levels at most. */
#define MAX_DEPTH 16

gboolean
_mcp_auth_url_is_acceptable (const char  *url,
                             GError     **error)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s is not a URL",
                   url != NULL ? url : "(null)");
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && _mcp_host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
               "%s is neither https nor http on a loopback address", url);
  return FALSE;
}

typedef struct
{
  SoupSession  *session;
  SoupMessage  *message;
  char         *what;
  gsize         max_size;
  GInputStream *stream;
  GCancellable *cancellable;   /* ours: the caller's, or the deadline, cancel it */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  guint         deadline_id;
  gboolean      timed_out;
  guint         timeout;
  guint         status;
} Fetch;

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  if (fetch->deadline_id != 0)
    g_source_remove (fetch->deadline_id);
  if (fetch->caller_handler != 0)
    g_cancellable_disconnect (fetch->caller_cancellable, fetch->caller_handler);
  g_clear_object (&fetch->caller_cancellable);
  g_clear_object (&fetch->cancellable);
  g_clear_object (&fetch->stream);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->session);
  g_free (fetch->what);
  g_free (fetch);
}

static gboolean
on_deadline (gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->deadline_id = 0;
  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
fail (GTask  *task,
      GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               "Fetching %s timed out after %u s", fetch->what, fetch->timeout);
      g_error_free (error);
      return;
    }

  g_prefix_error (&error, "Fetching %s failed: ", fetch->what);
  g_task_return_error (task, error);
}

static void
finish_body (GTask  *task,
             GBytes *body)
{
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *node;

  node = _mcp_json_read (g_bytes_get_data (body, NULL), g_bytes_get_size (body), MAX_DEPTH,
                         fetch->max_size, &error);
  if (node == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "%s is not JSON: %s", fetch->what, error->message);
      g_error_free (error);
      return;
    }

  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = _mcp_read_all_finish (result, &error);
  if (body == NULL && g_error_matches (error, MCP_ERROR, MCP_ERROR_MESSAGE_TOO_LARGE))
    {
      g_error_free (error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               "%s is larger than the limit of %" G_GSIZE_FORMAT " bytes",
                               fetch->what, fetch->max_size);
      return;
    }
  if (body == NULL)
    {
      fail (task, error);
      return;
    }

  finish_body (task, body);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  goffset length;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (fetch->stream == NULL)
    {
      fail (task, error);
      return;
    }

  fetch->status = soup_message_get_status (fetch->message);
  if (fetch->status != SOUP_STATUS_OK)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "Fetching %s failed: the server answered HTTP %u", fetch->what,
                               fetch->status);
      return;
    }
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (fetch->message));
  if (length > 0 && (guint64) length > fetch->max_size)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               "%s is larger than the limit of %" G_GSIZE_FORMAT " bytes",
                               fetch->what, fetch->max_size);
      return;
    }

  _mcp_read_all_async (fetch->stream, fetch->max_size, fetch->cancellable, read_cb,
                       g_steal_pointer (&task));
}

void
_mcp_auth_fetch_json_async (SoupSession         *session,
                            SoupMessage         *message,
                            const char          *what,
                            gsize                max_size,
                            guint                timeout,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *url = g_uri_to_string (soup_message_get_uri (message));
  Fetch *fetch = g_new0 (Fetch, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, _mcp_auth_fetch_json_async);
  fetch->session = g_object_ref (session);
  fetch->message = g_object_ref (message);
  fetch->what = g_strdup (what);
  fetch->max_size = max_size;
  fetch->timeout = timeout;
  fetch->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, fetch, fetch_free);

  if (!_mcp_auth_url_is_acceptable (url, &error))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  if (cancellable != NULL)
    {
      fetch->caller_cancellable = g_object_ref (cancellable);
      fetch->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                     fetch->cancellable, NULL);
    }
  if (timeout > 0)
    fetch->deadline_id = g_timeout_add_seconds (timeout, on_deadline, fetch);

  /* A redirect could point anywhere: the URL given is the one asked. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  soup_session_send_async (session, message, G_PRIORITY_DEFAULT, fetch->cancellable, send_cb,
                           g_steal_pointer (&task));
}

JsonNode *
_mcp_auth_fetch_json_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
