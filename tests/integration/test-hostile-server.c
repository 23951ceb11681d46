/* test-hostile-server.c: mcp-cli, a real client process, against servers
 * that answer with hostile input, over stdio, Streamable HTTP and WebSocket.
 * Whatever the server sends, mcp-cli must end with a clear error (exit
 * status 3) or a clean answer: never a crash, a hang or a sanitizer report.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <libsoup/soup.h>

#include "mcp-test-util.h"

static char *cli_path;
static char *self_path;

#define NEST_LEVELS 200000

/* The payloads a hostile server answers `initialize` with. @id is the
 * request's id, as JSON text. */
static GString *
hostile_payload (const char *mode,
                 const char *id)
{
  GString *out = g_string_new (NULL);

  if (g_str_equal (mode, "nest-comment"))
    {
      /* json-glib 1.6 skips the comment, so a pre-scan that only knows
       * double-quoted strings thinks everything after it is a string. */
      g_string_append_printf (out, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"x\":[/*\"*/", id);
      for (guint i = 0; i < NEST_LEVELS; i++)
        g_string_append_c (out, '[');
    }
  else if (g_str_equal (mode, "nest-quote"))
    {
      g_string_append_printf (out, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{'\"':", id);
      for (guint i = 0; i < NEST_LEVELS; i++)
        g_string_append_c (out, '[');
    }
  else if (g_str_equal (mode, "nest-plain"))
    {
      g_string_append_printf (out, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":", id);
      for (guint i = 0; i < NEST_LEVELS; i++)
        g_string_append_c (out, '[');
      for (guint i = 0; i < NEST_LEVELS; i++)
        g_string_append_c (out, ']');
      g_string_append_c (out, '}');
    }
  else if (g_str_equal (mode, "bad-utf8"))
    {
      g_string_append_printf (out, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"protocolVersion\":"
                                   "\"2025-11-25\",\"capabilities\":{},\"serverInfo\":"
                                   "{\"name\":\"\xff\xfe\",\"version\":\"1\"}}}", id);
    }
  else if (g_str_equal (mode, "lone-surrogate"))
    {
      g_string_append_printf (out, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"protocolVersion\":"
                                   "\"2025-11-25\",\"capabilities\":{},\"serverInfo\":"
                                   "{\"name\":\"\\ud800\",\"version\":\"1\"}}}", id);
    }
  else if (g_str_equal (mode, "wrong-types"))
    {
      g_string_append_printf (out, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"protocolVersion\":7,"
                                   "\"capabilities\":[],\"serverInfo\":\"x\"}}", id);
    }
  else if (g_str_equal (mode, "garbage"))
    {
      g_string_append (out, "this is not JSON at all {{{");
    }
  else if (g_str_equal (mode, "oversized"))
    {
      /* Over the 16 MiB default message limit. */
      g_string_append_printf (out, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"x\":\"", id);
      for (guint i = 0; i < 17 * 1024 * 1024 / 64; i++)
        g_string_append (out, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
      g_string_append (out, "\"}}");
    }
  else
    g_assert_not_reached ();

  return out;
}

/* The id of an initialize request, as JSON text, or "0". */
static char *
request_id_text (const char *message,
                 gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *id;

  if (!json_parser_load_from_data (parser, message, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup ("0");

  id = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "id");
  if (id == NULL)
    return g_strdup ("0");

  return json_to_string (id, FALSE);
}

/* stdio: this program, run as `test-hostile-server --serve MODE`, reads
 * one line and answers it with the payload. */
static int
serve_stdio (const char *mode)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (1, FALSE);
  g_autoptr(GString) payload = NULL;
  g_autofree char *line = NULL;
  g_autofree char *id = NULL;
  gsize length = 0;

  line = g_data_input_stream_read_line (data, &length, NULL, NULL);
  if (line == NULL)
    return 0;

  id = request_id_text (line, length);
  payload = hostile_payload (mode, id);
  g_string_append_c (payload, '\n');
  if (!g_output_stream_write_all (out, payload->str, payload->len, NULL, NULL, NULL))
    return 0;

  /* Hold the pipe open until the client goes away. */
  while ((g_free (line), line = g_data_input_stream_read_line (data, &length, NULL, NULL)) != NULL)
    ;
  return 0;
}

typedef struct
{
  int   status;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *where_option,
         const char *where)
{
  const char *argv[] = { cli_path, "--timeout", "10", where_option, where, "tools", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (where_option == NULL)
    {
      argv[3] = where;
      argv[4] = "tools";
      argv[5] = NULL;
    }

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (g_subprocess_communicate_utf8_finish (process, result, NULL, &run->err, &error));
  g_assert_no_error (error);

  /* A crash is a signal, and a sanitizer report an exit status other than
   * the client's own. */
  g_test_message ("stderr: %s", run->err);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static void
assert_protocol_error (Run *run)
{
  g_assert_cmpint (run->status, ==, 3);
  g_assert_nonnull (run->err);
  g_assert_cmpstr (run->err, !=, "");
  g_assert_null (strstr (run->err, "AddressSanitizer"));
  g_assert_null (strstr (run->err, "runtime error"));
  /* The client says what went wrong in valid text. */
  g_assert_true (g_utf8_validate (run->err, -1, NULL));
}

static void
test_stdio (gconstpointer data)
{
  const char *mode = data;
  g_autofree char *command = g_strdup_printf ("%s --serve %s", self_path, mode);
  g_auto(Run) run = { 0 };

  run_cli (&run, "--stdio", command);
  assert_protocol_error (&run);
}

/* HTTP: a SoupServer on 127.0.0.1 that answers every POST with the payload
 * as its JSON body. */
static void
http_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  const char *mode = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GString) payload = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  bytes = soup_message_body_flatten (body);
  id = request_id_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  payload = hostile_payload (mode, id);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    payload->str, payload->len);
}

static char *
listen_loopback (SoupServer *server,
                 const char *scheme)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *url = NULL;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  url = g_strdup_printf ("%s://127.0.0.1:%d/mcp", scheme, g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_steal_pointer (&url);
}

static void
test_http (gconstpointer data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *url = NULL;
  g_auto(Run) run = { 0 };

  soup_server_add_handler (server, "/mcp", http_handler, (gpointer) data, NULL);
  url = listen_loopback (server, "http");
  run_cli (&run, NULL, url);
  assert_protocol_error (&run);
}

/* WebSocket: answers the first message with the payload in one text
 * frame. */
static void
ws_message (SoupWebsocketConnection *connection,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            gpointer                 user_data)
{
  const char *mode = user_data;
  g_autofree char *id = request_id_text (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  g_autoptr(GString) payload = hostile_payload (mode, id);
  g_autoptr(GBytes) bytes = g_bytes_new_static (payload->str, payload->len);

  /* libsoup will not send invalid UTF-8 as text: that goes as a binary
   * frame, which a client must refuse just the same. The frame is built from
   * the bytes at once. */
  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_message (connection,
                                            g_utf8_validate_len (payload->str, payload->len, NULL) ?
                                            SOUP_WEBSOCKET_DATA_TEXT : SOUP_WEBSOCKET_DATA_BINARY,
                                            bytes);
}

static void
ws_closed (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  g_object_unref (connection);
}

static void
ws_handler (SoupServer              *server,
            SoupServerMessage       *msg,
            const char              *path,
            SoupWebsocketConnection *connection,
            gpointer                 user_data)
{
  /* Large enough for every payload; the client's limit is what is tested. */
  soup_websocket_connection_set_max_incoming_payload_size (connection, 64 * 1024);
  g_signal_connect (connection, "message", G_CALLBACK (ws_message), user_data);
  g_signal_connect (connection, "closed", G_CALLBACK (ws_closed), NULL);
  g_object_ref (connection);
}

static void
test_websocket (gconstpointer data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  const char *protocols[] = { "mcp", NULL };
  g_autofree char *url = NULL;
  g_auto(Run) run = { 0 };

  soup_server_add_websocket_handler (server, "/mcp", NULL, (char **) protocols, ws_handler,
                                     (gpointer) data, NULL);
  url = listen_loopback (server, "ws");
  run_cli (&run, NULL, url);
  assert_protocol_error (&run);
}

int
main (int argc, char *argv[])
{
  static const char * const modes[] = {
    "nest-comment", "nest-quote", "nest-plain", "bad-utf8", "lone-surrogate",
    "wrong-types", "garbage", "oversized",
  };

  if (argc == 3 && g_str_equal (argv[1], "--serve"))
    return serve_stdio (argv[2]);

  g_test_init (&argc, &argv, NULL);

  cli_path = mcp_test_build_path ("tools/mcp-cli");
  self_path = g_canonicalize_filename (argv[0], NULL);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *stdio = g_strdup_printf ("/Mcp/HostileServer/stdio/%s", modes[i]);
      g_autofree char *http = g_strdup_printf ("/Mcp/HostileServer/http/%s", modes[i]);
      g_autofree char *ws = g_strdup_printf ("/Mcp/HostileServer/websocket/%s", modes[i]);

      g_test_add_data_func (stdio, modes[i], test_stdio);
      g_test_add_data_func (http, modes[i], test_http);
      g_test_add_data_func (ws, modes[i], test_websocket);
    }

  return g_test_run ();
}
