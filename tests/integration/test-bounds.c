/* test-bounds.c: a peer can make the server hold only bounded memory
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The attacks of issue #10 replayed against mcp-everything-server as a
 * subprocess, over raw sockets on 127.0.0.1: a client that never reads its
 * replies, one that keeps many requests in flight, one that sends a
 * message in endless fragments. Every loop is bounded in count and time.
 */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <string.h>

#include <gio/gunixoutputstream.h>
#include <glib-unix.h>

#include "mcp-test-util.h"

#define MIB (1024 * 1024)

/* The bound. AddressSanitizer keeps freed memory in quarantine
 * (256 MiB by default) and adds shadow memory: there the bound only shows
 * that the server stopped taking input, which the call counts check too. */
#ifdef MCP_TEST_UNDER_ASAN
# define RSS_BOUND_KIB (384 * 1024)
#else
# define RSS_BOUND_KIB (64 * 1024)
#endif

/* The server -------------------------------------------------------------- */

typedef struct
{
  GSubprocess *process;
  guint        port;
  char        *path;
} Server;

static void
server_stop (Server *server)
{
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
    }
  g_clear_object (&server->process);
  g_clear_pointer (&server->path, g_free);
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts mcp-everything-server with @args (NULL-terminated) and learns
 * where it listens from its "listening on" line. */
static void
server_start (Server     *server,
              const char *first_arg,
              ...)
{
  g_autofree char *everything = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GInputStream *err;
  va_list ap;

  g_ptr_array_add (argv, everything);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  /* A failed assertion must not leave a listening server behind. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* meson test sets MALLOC_PERTURB_, which writes over every freed block:
   * memory the allocator would keep unused then counts in the RSS these
   * tests bound. */
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);

  err = g_subprocess_get_stderr_pipe (server->process);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *line = mcp_test_read_line (err, MCP_TEST_TIMEOUT_MS);
      const char *url;
      g_autoptr(GUri) uri = NULL;

      g_assert_nonnull (line);
      url = strstr (line, "listening on ");
      if (url == NULL)
        continue;

      uri = g_uri_parse (url + strlen ("listening on "), G_URI_FLAGS_NONE, &error);
      g_assert_no_error (error);
      server->port = (guint) g_uri_get_port (uri);
      server->path = g_strdup (g_uri_get_path (uri)[0] != '\0' ? g_uri_get_path (uri) : "/");
      return;
    }

  g_error ("mcp-everything-server never said where it listens");
}

static gsize
server_rss_kib (Server *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status",
                                           g_subprocess_get_identifier (server->process));
  g_autofree char *status = NULL;
  const char *line;

  /* An exited process (a zombie) has no VmRSS any more. */
  if (!g_file_get_contents (path, &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return 0;

  return (gsize) g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

/* A raw WebSocket client -------------------------------------------------- */

static GSocket *
tcp_connect (guint port)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (socket, MCP_TEST_TIMEOUT_MS / 1000);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&socket);
}

static void
send_all (GSocket    *socket,
          const void *data,
          gsize       length)
{
  const guint8 *p = data;

  while (length > 0)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_send (socket, (const char *) p, length, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      p += n;
      length -= (gsize) n;
    }
}

static gboolean
recv_exact (GSocket *socket,
            guint8  *buffer,
            gsize    length)
{
  while (length > 0)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, (char *) buffer, length, NULL, &error);

      if (n <= 0)
        return FALSE;
      buffer += n;
      length -= (gsize) n;
    }

  return TRUE;
}

static GSocket *
ws_connect (Server *server)
{
  g_autoptr(GSocket) socket = tcp_connect (server->port);
  g_autofree char *request = NULL;
  GString *head = g_string_new (NULL);
  g_autofree char *text = NULL;

  request = g_strdup_printf ("GET %s HTTP/1.1\r\n"
                             "Host: 127.0.0.1:%u\r\n"
                             "Upgrade: websocket\r\n"
                             "Connection: Upgrade\r\n"
                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                             "Sec-WebSocket-Version: 13\r\n"
                             "Sec-WebSocket-Protocol: mcp\r\n"
                             "\r\n",
                             server->path, server->port);
  send_all (socket, request, strlen (request));

  /* Byte by byte: nothing after the head may be swallowed. */
  while (head->len < 8192 && !g_str_has_suffix (head->str, "\r\n\r\n"))
    {
      guint8 c;

      g_assert_true (recv_exact (socket, &c, 1));
      g_string_append_c (head, (char) c);
    }
  text = g_string_free (head, FALSE);
  g_assert_true (g_str_has_prefix (text, "HTTP/1.1 101"));

  return g_steal_pointer (&socket);
}

/* Builds one masked client frame. */
static GByteArray *
ws_frame (guint8      opcode,
          gboolean    fin,
          const void *payload,
          gsize       length)
{
  GByteArray *frame = g_byte_array_sized_new (length + 14);
  const guint8 mask[4] = { 0x12, 0x34, 0x56, 0x78 };
  guint8 header[10];
  gsize header_len;

  header[0] = (fin ? 0x80 : 0) | opcode;
  if (length < 126)
    {
      header[1] = 0x80 | (guint8) length;
      header_len = 2;
    }
  else if (length < 65536)
    {
      header[1] = 0x80 | 126;
      header[2] = (guint8) (length >> 8);
      header[3] = (guint8) length;
      header_len = 4;
    }
  else
    {
      header[1] = 0x80 | 127;
      for (guint i = 0; i < 8; i++)
        header[2 + i] = (guint8) ((guint64) length >> (56 - 8 * i));
      header_len = 10;
    }

  g_byte_array_append (frame, header, (guint) header_len);
  g_byte_array_append (frame, mask, 4);
  g_byte_array_append (frame, payload, (guint) length);
  for (gsize i = 0; i < length; i++)
    frame->data[header_len + 4 + i] ^= mask[i % 4];

  return frame;
}

static void
ws_send_text (GSocket    *socket,
              const char *text)
{
  g_autoptr(GByteArray) frame = ws_frame (0x1, TRUE, text, strlen (text));

  send_all (socket, frame->data, frame->len);
}

/* Reads one frame; returns its opcode, or -1 when the stream ended first. */
static int
ws_read_frame (GSocket  *socket,
               GBytes  **payload)
{
  guint8 header[2];
  guint64 length;
  guint8 *data;

  if (!recv_exact (socket, header, 2))
    return -1;

  length = header[1] & 0x7f;
  if (length == 126)
    {
      guint8 ext[2];

      if (!recv_exact (socket, ext, 2))
        return -1;
      length = ((guint64) ext[0] << 8) | ext[1];
    }
  else if (length == 127)
    {
      guint8 ext[8];

      if (!recv_exact (socket, ext, 8))
        return -1;
      length = 0;
      for (guint i = 0; i < 8; i++)
        length = (length << 8) | ext[i];
    }
  g_assert_cmpuint (length, <, 64 * MIB);

  data = g_malloc (length + 1);
  if (!recv_exact (socket, data, length))
    {
      g_free (data);
      return -1;
    }
  data[length] = '\0';
  *payload = g_bytes_new_take (data, length);

  return header[0] & 0x0f;
}

/* Reads frames until a text frame whose JSON has @id; returns it. */
static JsonNode *
ws_read_reply (GSocket *socket,
               gint64   id)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GBytes) payload = NULL;
      g_autoptr(JsonNode) node = NULL;
      int opcode = ws_read_frame (socket, &payload);
      JsonObject *object;

      g_assert_cmpint (opcode, ==, 0x1);
      node = mcp_test_parse (g_bytes_get_data (payload, NULL));
      object = json_node_get_object (node);
      if (json_object_has_member (object, "id") &&
          json_object_get_int_member (object, "id") == id)
        return g_steal_pointer (&node);
    }

  g_error ("no reply with id %" G_GINT64_FORMAT, id);
}

/* Reads frames, skipping data, until a close frame; returns its status
 * code, 0 for a close frame without one, or -1 for an end without any. */
static int
ws_read_close (GSocket *socket)
{
  for (guint i = 0; i < 100000; i++)
    {
      g_autoptr(GBytes) payload = NULL;
      int opcode = ws_read_frame (socket, &payload);
      const guint8 *data;
      gsize length;

      if (opcode < 0)
        return -1;
      if (opcode != 0x8)
        continue;

      data = g_bytes_get_data (payload, &length);
      return length >= 2 ? (data[0] << 8) | data[1] : 0;
    }

  return -1;
}

static void
ws_initialize (GSocket *socket)
{
  g_autoptr(JsonNode) reply = NULL;

  ws_send_text (socket,
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                "\"clientInfo\":{\"name\":\"test-bounds\",\"version\":\"1\"}}}");
  reply = ws_read_reply (socket, 0);
  g_assert_true (json_object_has_member (json_node_get_object (reply), "result"));
  ws_send_text (socket, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
}

/* Another client is served while the attack goes on. */
static void
assert_other_client_served (Server *server)
{
  g_autoptr(GSocket) other = ws_connect (server);
  g_autoptr(JsonNode) reply = NULL;

  ws_initialize (other);
  ws_send_text (other, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
  reply = ws_read_reply (other, 7);
  g_assert_true (json_object_has_member (json_node_get_object (reply), "result"));
}

/* Case 4: 1 MB echo calls whose replies are never read ----------------------- */

static void
test_websocket_unread_replies (void)
{
  Server server = { 0 };
  g_autoptr(GSocket) slow = NULL;
  g_autoptr(GByteArray) frame = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *call = NULL;
  gsize rss_start, rss_max = 0;
  guint sent_calls = 0;
  int code;

  server_start (&server, "--ws", "127.0.0.1:0",
                "--ws-send-high-water", "1048576",
                "--ws-send-stall-timeout", "1",
                NULL);
  rss_start = server_rss_kib (&server);

  slow = ws_connect (&server);
  ws_initialize (slow);

  filler = g_strnfill (MIB, 'x');
  call = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                          "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"%s\"}}}",
                          filler);
  frame = ws_frame (0x1, TRUE, call, strlen (call));

  /* Up to 320 calls, as long as the server takes them: once it stops
   * reading, the kernel buffers fill and sends block. */
  g_socket_set_blocking (slow, FALSE);
  for (sent_calls = 0; sent_calls < 320; sent_calls++)
    {
      gsize offset = 0;

      while (offset < frame->len)
        {
          g_autoptr(GError) error = NULL;
          gssize n;

          if (!g_socket_condition_timed_wait (slow, G_IO_OUT, 1 * G_USEC_PER_SEC, NULL, NULL))
            break;
          n = g_socket_send (slow, (const char *) frame->data + offset, frame->len - offset,
                             NULL, &error);
          if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            continue;
          g_assert_no_error (error);
          offset += (gsize) n;
        }
      if (offset < frame->len)
        break;
    }
  g_socket_set_blocking (slow, TRUE);
  g_test_message ("%u calls of 1 MB taken before the server stopped reading", sent_calls);
  g_assert_cmpuint (sent_calls, <, 320);

  /* Past the stall timeout (1 s) the server closes the slow client. */
  for (guint i = 0; i < 10; i++)
    {
      rss_max = MAX (rss_max, server_rss_kib (&server));
      g_usleep (150 * 1000);
    }
  assert_other_client_served (&server);
  rss_max = MAX (rss_max, server_rss_kib (&server));
  g_test_message ("server RSS: %" G_GSIZE_FORMAT " KiB at start, at most %" G_GSIZE_FORMAT
                  " KiB under attack", rss_start, rss_max);
  g_assert_cmpuint (rss_max, <, RSS_BOUND_KIB);

  /* The replies queued before the close frame come first. */
  code = ws_read_close (slow);
  g_assert_cmpint (code, ==, 1008);

  assert_other_client_served (&server);
  server_stop (&server);
}

/* Requests in flight ------------------------------------------------------ */

static void
test_requests_in_flight (void)
{
  Server server = { 0 };
  g_autoptr(GSocket) client = NULL;
  guint results = 0, refused = 0;
  const guint cap = 4, extra = 10;

  server_start (&server, "--ws", "127.0.0.1:0", "--max-requests-in-flight", "4", NULL);
  client = ws_connect (&server);
  ws_initialize (client);

  for (guint id = 1; id <= cap + extra; id++)
    {
      g_autofree char *call =
        g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\","
                         "\"params\":{\"name\":\"delay\",\"arguments\":{\"ms\":300}}}", id);

      ws_send_text (client, call);
    }

  /* Every request gets exactly one reply; the excess is refused at once. */
  while (results + refused < cap + extra)
    {
      g_autoptr(GBytes) payload = NULL;
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;

      g_assert_cmpint (ws_read_frame (client, &payload), ==, 0x1);
      node = mcp_test_parse (g_bytes_get_data (payload, NULL));
      object = json_node_get_object (node);
      if (!json_object_has_member (object, "id"))
        continue;

      if (json_object_has_member (object, "error"))
        {
          JsonObject *error = json_object_get_object_member (object, "error");

          g_assert_cmpint (json_object_get_int_member (error, "code"), ==, -32000);
          g_assert_nonnull (strstr (json_object_get_string_member (error, "message"),
                                    "Too many requests in flight"));
          refused++;
        }
      else
        {
          g_assert_true (json_object_has_member (object, "result"));
          results++;
        }
    }
  g_assert_cmpuint (results, ==, cap);
  g_assert_cmpuint (refused, ==, extra);

  /* Below the cap again: served. */
  ws_send_text (client, "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\","
                        "\"params\":{\"name\":\"delay\",\"arguments\":{\"ms\":1}}}");
  g_assert_true (json_object_has_member (json_node_get_object (ws_read_reply (client, 99)),
                                         "result"));

  server_stop (&server);
}

/* A message in endless fragments ------------------------------------------ */

static void
test_websocket_fragmented_total (void)
{
  Server server = { 0 };
  g_autoptr(GSocket) client = NULL;
  g_autofree char *chunk = g_strnfill (16 * 1024, ' ');
  guint sent = 0;
  int code;

  /* 1 MiB a message; every fragment (16 KiB) is far below it. */
  server_start (&server, "--ws", "127.0.0.1:0", "--ws-max-message-size", "1048576", NULL);
  client = ws_connect (&server);
  ws_initialize (client);

  {
    const char *start = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"";
    g_autoptr(GByteArray) first = ws_frame (0x1, FALSE, start, strlen (start));

    send_all (client, first->data, first->len);
  }

  /* Up to 4 MiB of continuation frames, until the server stops taking them. */
  g_socket_set_timeout (client, 2);
  for (sent = 0; sent < 256; sent++)
    {
      g_autoptr(GByteArray) frame = ws_frame (0x0, FALSE, chunk, strlen (chunk));
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_send (client, (const char *) frame->data, frame->len, NULL, &error);

      if (n != (gssize) frame->len)
        break;
    }
  g_test_message ("%u fragments of 16 KiB sent", sent);
  g_socket_set_timeout (client, MCP_TEST_TIMEOUT_MS / 1000);

  code = ws_read_close (client);
  g_assert_cmpint (code, ==, 1009);

  assert_other_client_served (&server);
  server_stop (&server);
}

/* stdio: a client that never reads the server's standard output --------- */

/* Writes all of @data to @fd, waiting at most @timeout_ms for room each
 * time; returns FALSE when the reader stopped taking it. */
static gboolean
write_with_deadline (int         fd,
                     const char *data,
                     gsize       length,
                     guint       timeout_ms)
{
  while (length > 0)
    {
      struct pollfd pfd = { fd, POLLOUT, 0 };
      gssize n;

      if (poll (&pfd, 1, (int) timeout_ms) <= 0 || (pfd.revents & POLLOUT) == 0)
        return FALSE;
      n = write (fd, data, length);
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }

  return TRUE;
}

static void
test_stdio_unread_replies (void)
{
  g_autofree char *everything = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filler = g_strnfill (MIB, 'x');
  g_autofree char *call = NULL;
  Server server = { 0 };
  const char *init =
    "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
    "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
    "\"clientInfo\":{\"name\":\"test-bounds\",\"version\":\"1\"}}}\n"
    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
  gsize rss_max = 0;
  guint sent;
  int fd;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server.process = g_subprocess_launcher_spawn (launcher, &error, everything,
                                                "--stdio-send-high-water", "1048576",
                                                "--stdio-send-stall-timeout", "1",
                                                NULL);
  g_assert_no_error (error);

  fd = g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (g_subprocess_get_stdin_pipe (server.process)));
  g_unix_set_fd_nonblocking (fd, TRUE, NULL);
  g_assert_true (write_with_deadline (fd, init, strlen (init), MCP_TEST_TIMEOUT_MS));

  call = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                          "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"%s\"}}}\n",
                          filler);
  for (sent = 0; sent < 320; sent++)
    {
      if (!write_with_deadline (fd, call, strlen (call), 1000))
        break;
      rss_max = MAX (rss_max, server_rss_kib (&server));
    }
  g_test_message ("%u calls of 1 MB taken before the stdio server stopped reading", sent);
  g_assert_cmpuint (sent, <, 320);
  rss_max = MAX (rss_max, server_rss_kib (&server));
  g_test_message ("stdio server RSS at most %" G_GSIZE_FORMAT " KiB", rss_max);
  g_assert_cmpuint (rss_max, <, RSS_BOUND_KIB);

  /* Past the stall timeout (1 s) the server gives up on its client. */
  g_assert_true (g_subprocess_wait (server.process, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&server.process);
}

/* HTTP ------------------------------------------------------------------- */

static GSocket *
tcp_connect_from (const char *source,
                  guint       port)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (socket, MCP_TEST_TIMEOUT_MS / 1000);
  if (source != NULL)
    {
      g_autoptr(GInetAddress) from = g_inet_address_new_from_string (source);
      g_autoptr(GSocketAddress) local = g_inet_socket_address_new (from, 0);

      g_socket_bind (socket, local, FALSE, &error);
      g_assert_no_error (error);
    }
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&socket);
}

/* Reads a whole response (the server closes or sends Content-Length). */
static char *
http_read_response (GSocket *socket,
                    char   **body)
{
  GString *text = g_string_new (NULL);
  const char *end;
  gsize want = 0;

  for (guint i = 0; i < 100000; i++)
    {
      char buffer[4096];
      g_autoptr(GError) error = NULL;
      gssize n;

      end = strstr (text->str, "\r\n\r\n");
      if (end != NULL)
        {
          const char *cl = strstr (text->str, "Content-Length: ");

          if (cl == NULL)
            cl = strstr (text->str, "content-length: ");
          if (cl != NULL && cl < end)
            {
              want = (gsize) g_ascii_strtoull (cl + 16, NULL, 10);
              if (text->len >= (gsize) (end + 4 - text->str) + want)
                break;
            }
        }

      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
      if (n <= 0)
        break;
      g_string_append_len (text, buffer, n);
    }

  end = strstr (text->str, "\r\n\r\n");
  g_assert_nonnull (end);
  *body = g_strndup (end + 4, text->len - (gsize) (end + 4 - text->str));
  return g_string_free (text, FALSE);
}

static char *
http_post_initialize (Server     *server,
                      const char *source,
                      char      **body)
{
  g_autoptr(GSocket) socket = tcp_connect_from (source, server->port);
  const char *json = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                     "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                     "\"clientInfo\":{\"name\":\"test-bounds\",\"version\":\"1\"}}}";
  g_autofree char *request = g_strdup_printf ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Accept: application/json, text/event-stream\r\n"
                                              "Connection: close\r\n"
                                              "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                                              server->port, strlen (json), json);

  send_all (socket, request, strlen (request));
  return http_read_response (socket, body);
}

static void
test_http_protocol_version_not_echoed (void)
{
  Server server = { 0 };
  g_autoptr(GSocket) socket = NULL;
  g_autofree char *request = NULL;
  g_autofree char *head = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *json = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

  server_start (&server, "--http", "127.0.0.1:0", NULL);
  socket = tcp_connect (server.port);
  request = g_strdup_printf ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                             "Content-Type: application/json\r\n"
                             "Accept: application/json, text/event-stream\r\n"
                             "MCP-Protocol-Version: 2025-\xff\xfe<script>\r\n"
                             "Connection: close\r\n"
                             "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                             server.port, strlen (json), json);
  send_all (socket, request, strlen (request));
  head = http_read_response (socket, &body);

  g_assert_true (g_str_has_prefix (head, "HTTP/1.1 400"));
  g_assert_true (g_utf8_validate (body, -1, NULL));
  node = mcp_test_parse (body);
  g_assert_null (strstr (body, "script"));
  g_assert_nonnull (strstr (body, MCP_PROTOCOL_VERSION_2025_06_18));

  server_stop (&server);
}

static void
test_http_body_too_large_refused_early (void)
{
  Server server = { 0 };
  g_autoptr(GSocket) socket = NULL;
  g_autofree char *request = NULL;
  g_autofree char *head = NULL;
  g_autofree char *body = NULL;

  server_start (&server, "--http", "127.0.0.1:0", NULL);
  socket = tcp_connect (server.port);
  /* Only the head: the answer must come before any body is sent. */
  request = g_strdup_printf ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                             "Content-Type: application/json\r\n"
                             "Accept: application/json, text/event-stream\r\n"
                             "Content-Length: 1000000000\r\n\r\n", server.port);
  send_all (socket, request, strlen (request));
  head = http_read_response (socket, &body);

  g_assert_true (g_str_has_prefix (head, "HTTP/1.1 413"));
  g_assert_true (g_utf8_validate (body, -1, NULL));
  g_assert_nonnull (strstr (body, "larger than the limit"));

  server_stop (&server);
}

static void
test_http_legacy_stream_without_initialize (void)
{
  Server server = { 0 };
  g_autoptr(GSocket) socket = NULL;
  g_autofree char *request = NULL;
  GString *seen = g_string_new (NULL);
  gboolean ended = FALSE;

  server_start (&server, "--http", "127.0.0.1:0", "--http-legacy-initialize-timeout", "1", NULL);
  socket = tcp_connect (server.port);
  request = g_strdup_printf ("GET /sse HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                             "Accept: text/event-stream\r\n\r\n", server.port);
  send_all (socket, request, strlen (request));

  /* The endpoint event, then the end of the stream within the deadline. */
  for (guint i = 0; i < 1000 && !ended; i++)
    {
      char buffer[1024];
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      if (n <= 0)
        ended = TRUE;
      else
        g_string_append_len (seen, buffer, n);
      if (strstr (seen->str, "\r\n0\r\n\r\n") != NULL)
        ended = TRUE;
    }
  g_assert_true (ended);
  g_assert_nonnull (strstr (seen->str, "event: endpoint"));
  g_string_free (seen, TRUE);

  server_stop (&server);
}

static void
test_http_sessions_per_address (void)
{
  Server server = { 0 };

  server_start (&server, "--http", "127.0.0.1:0", "--http-max-sessions-per-address", "2", NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *body = NULL;
      g_autofree char *head = http_post_initialize (&server, "127.0.0.2", &body);

      if (i < 2)
        g_assert_true (g_str_has_prefix (head, "HTTP/1.1 200"));
      else
        {
          g_assert_true (g_str_has_prefix (head, "HTTP/1.1 503"));
          g_assert_nonnull (strstr (body, "Too many sessions from this address"));
        }
    }

  /* Another address still gets its own share. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *body = NULL;
      g_autofree char *head = http_post_initialize (&server, "127.0.0.1", &body);

      g_assert_true (g_str_has_prefix (head, "HTTP/1.1 200"));
      g_assert_nonnull (strstr (body, "protocolVersion"));
    }

  server_stop (&server);
}

/* Reads from @socket until @needle has been seen (or the peer closes,
 * or MCP_TEST_TIMEOUT_MS passes), keeping at most the first 64 KiB. */
static GString *
read_until (GSocket    *socket,
            const char *needle)
{
  GString *seen = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + (gint64) MCP_TEST_TIMEOUT_MS * 1000;

  while (strstr (seen->str, needle) == NULL && g_get_monotonic_time () < deadline &&
         seen->len < 64 * 1024)
    {
      char buffer[4096];
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      if (n <= 0)
        break;
      g_string_append_len (seen, buffer, n);
    }

  return seen;
}

/* The value of header @name in @head, or NULL. */
static char *
header_value (const char *head,
              const char *name)
{
  g_auto(GStrv) lines = g_strsplit (head, "\r\n", -1);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (colon != NULL && (gsize) (colon - lines[i]) == strlen (name) &&
          g_ascii_strncasecmp (lines[i], name, strlen (name)) == 0)
        return g_strstrip (g_strdup (colon + 1));
    }

  return NULL;
}

static char *
http_request (Server     *server,
              const char *method,
              const char *session_id,
              const char *extra_headers,
              const char *body)
{
  return g_strdup_printf ("%s /mcp HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                          "Content-Type: application/json\r\n"
                          "Accept: application/json, text/event-stream\r\n"
                          "MCP-Protocol-Version: 2025-11-25\r\n"
                          "Mcp-Session-Id: %s\r\n"
                          "%s"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                          method, server->port, session_id, extra_headers,
                          body != NULL ? strlen (body) : 0, body != NULL ? body : "");
}

/* A Streamable HTTP session whose client can sample; returns its id. */
static char *
http_open_session (Server *server)
{
  g_autoptr(GSocket) socket = tcp_connect (server->port);
  const char *json = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                     "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"sampling\":{}},"
                     "\"clientInfo\":{\"name\":\"test-bounds\",\"version\":\"1\"}}}";
  g_autofree char *request = g_strdup_printf ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Accept: application/json, text/event-stream\r\n"
                                              "Connection: close\r\n"
                                              "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                                              server->port, strlen (json), json);
  g_autofree char *head = NULL;
  g_autofree char *body = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *initialized = NULL;
  g_autoptr(GSocket) second = NULL;
  g_autofree char *reply = NULL;

  send_all (socket, request, strlen (request));
  head = http_read_response (socket, &body);
  g_assert_true (g_str_has_prefix (head, "HTTP/1.1 200"));
  session_id = header_value (head, "Mcp-Session-Id");
  g_assert_nonnull (session_id);

  second = tcp_connect (server->port);
  initialized = http_request (server, "POST", session_id, "Connection: close\r\n",
                              "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  send_all (second, initialized, strlen (initialized));
  g_clear_pointer (&body, g_free);
  reply = http_read_response (second, &body);
  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 202"));

  return g_steal_pointer (&session_id);
}

/* Another HTTP client is served while the attack goes on. */
static void
assert_other_http_client_served (Server *server)
{
  g_autofree char *body = NULL;
  g_autofree char *head = http_post_initialize (server, "127.0.0.1", &body);

  g_assert_true (g_str_has_prefix (head, "HTTP/1.1 200"));
  g_assert_nonnull (strstr (body, "protocolVersion"));
}

/* Case 6: one 15 MB event in a session's history, and 500 resume requests
 * for it that never read what they asked for. The history is capped in
 * bytes and a resume sends the kept bytes without copying them, so the
 * server holds the event about once, not 500 times. */
static void
test_http_many_resumes (void)
{
  Server server = { 0 };
  g_autofree char *session_id = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *call = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GSocket) caller = NULL;
  g_autoptr(GString) seen = NULL;
  g_autoptr(GPtrArray) resumers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *last_event_id = NULL;
  const char *id_line;
  gsize rss_start, rss_event, rss_max = 0;
  guint64 stream_id;
  guint refused = 0;

  server_start (&server, "--http", "127.0.0.1:0", NULL);
  session_id = http_open_session (&server);
  rss_start = server_rss_kib (&server);

  /* test_sampling sends the prompt back to us in a sampling request: its
   * stream turns to SSE, and the 15 MB event is kept for resumption. */
  prompt = g_strnfill (15 * 1000 * 1000, 'x');
  call = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                          "\"name\":\"test_sampling\",\"arguments\":{\"prompt\":\"%s\"}}}", prompt);
  g_clear_pointer (&prompt, g_free);
  request = http_request (&server, "POST", session_id, "", call);
  g_clear_pointer (&call, g_free);
  caller = tcp_connect (server.port);
  send_all (caller, request, strlen (request));
  g_clear_pointer (&request, g_free);
  seen = read_until (caller, "sampling/createMessage");
  g_assert_true (g_str_has_prefix (seen->str, "HTTP/1.1 200"));
  g_assert_nonnull (strstr (seen->str, "text/event-stream"));
  id_line = strstr (seen->str, "\nid: ");
  g_assert_nonnull (id_line);
  stream_id = g_ascii_strtoull (id_line + strlen ("\nid: "), NULL, 10);
  g_assert_cmpuint (stream_id, >, 0);
  /* The caller goes away without answering: the stream stays resumable. */
  g_clear_object (&caller);
  g_usleep (200 * 1000);
  rss_event = server_rss_kib (&server);

  /* Replay from the start of that stream, 500 times, from ten addresses,
   * and never read. The connection caps may refuse some: that is fine. */
  last_event_id = g_strdup_printf ("Last-Event-ID: %" G_GUINT64_FORMAT "-0\r\n", stream_id);
  request = http_request (&server, "GET", session_id, last_event_id, NULL);
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *source = g_strdup_printf ("127.0.0.%u", 2 + i % 10);
      g_autoptr(GSocket) socket = tcp_connect_from (source, server.port);
      g_autoptr(GError) error = NULL;

      if (g_socket_send (socket, request, strlen (request), NULL, &error) < 0)
        refused++;
      g_ptr_array_add (resumers, g_steal_pointer (&socket));
      if (i % 50 == 49)
        rss_max = MAX (rss_max, server_rss_kib (&server));
    }

  for (guint i = 0; i < 10; i++)
    {
      rss_max = MAX (rss_max, server_rss_kib (&server));
      g_usleep (100 * 1000);
    }
  assert_other_http_client_served (&server);
  rss_max = MAX (rss_max, server_rss_kib (&server));
  g_test_message ("server RSS: %" G_GSIZE_FORMAT " KiB with the session open, %" G_GSIZE_FORMAT
                  " KiB with the 15 MB event kept, at most %" G_GSIZE_FORMAT
                  " KiB with 500 unread resumes of it (%u sends refused)",
                  rss_start, rss_event, rss_max, refused);
  /* Taking the 15 MB request in costs its own few copies (the body, the
   * parsed tree, the event); the 500 resumes must cost next to nothing on
   * top: copied, they would ask for 7.5 GB. */
#ifndef MCP_TEST_UNDER_ASAN
  g_assert_cmpuint (rss_max, <, rss_event + 16 * 1024);
#endif
  g_assert_cmpuint (rss_max, <, 2 * RSS_BOUND_KIB);

  g_ptr_array_set_size (resumers, 0);
  assert_other_http_client_served (&server);
  server_stop (&server);
}

/* Case 4 on HTTP+SSE: 1 MB echo calls whose replies, all on the session's
 * one GET /sse stream, are never read. Above the send high-water mark the
 * stream queues no more bytes on its connection; one that stays unread past
 * the stall timeout loses it, and a legacy session, which cannot resume,
 * is closed. */
static void
test_http_unread_event_stream (void)
{
  Server server = { 0 };
  g_autoptr(GSocket) stream = NULL;
  g_autoptr(GString) seen = NULL;
  g_autofree char *request = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *filler = NULL;
  const char *data;
  const char *end;
  gsize rss_start, rss_max = 0;
  guint accepted = 0;
  const char *initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                           "\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},"
                           "\"clientInfo\":{\"name\":\"test-bounds\",\"version\":\"1\"}}}";

  server_start (&server, "--http", "127.0.0.1:0",
                "--http-send-high-water", "1048576",
                "--http-send-stall-timeout", "1",
                NULL);
  rss_start = server_rss_kib (&server);

  stream = tcp_connect (server.port);
  request = g_strdup_printf ("GET /sse HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                             "Accept: text/event-stream\r\n\r\n", server.port);
  send_all (stream, request, strlen (request));
  g_clear_pointer (&request, g_free);
  seen = read_until (stream, "\n\n\r\n");
  data = strstr (seen->str, "event: endpoint\ndata: ");
  g_assert_nonnull (data);
  data += strlen ("event: endpoint\ndata: ");
  end = strchr (data, '\n');
  g_assert_nonnull (end);
  endpoint = g_strndup (data, end - data);
  /* From here on the stream is never read. */
  g_socket_set_option (stream, SOL_SOCKET, SO_RCVBUF, 4096, NULL);

  filler = g_strnfill (1024 * 1024, 'x');
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *body = i == 0
        ? g_strdup (initialize)
        : g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\",\"params\":{"
                           "\"name\":\"echo\",\"arguments\":{\"message\":\"%s\"}}}", i + 1, filler);
      g_autofree char *post = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                               "Content-Type: application/json\r\n"
                                               "Connection: close\r\n"
                                               "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                                               endpoint, server.port, strlen (body), body);
      g_autoptr(GSocket) socket = tcp_connect (server.port);
      g_autofree char *head = NULL;
      g_autofree char *reply = NULL;

      send_all (socket, post, strlen (post));
      head = http_read_response (socket, &reply);
      if (!g_str_has_prefix (head, "HTTP/1.1 202"))
        {
          /* The session is gone (404) or busy: the attack is over. */
          g_test_message ("POST %u answered: %.40s", i, head);
          break;
        }
      accepted++;
      if (i % 10 == 9)
        rss_max = MAX (rss_max, server_rss_kib (&server));
    }
  g_test_message ("%u messages accepted on the unread stream", accepted);

  /* Past the stall timeout (1 s) the server ends the stream. */
  for (guint i = 0; i < 20; i++)
    {
      rss_max = MAX (rss_max, server_rss_kib (&server));
      g_usleep (100 * 1000);
    }
  assert_other_http_client_served (&server);
  rss_max = MAX (rss_max, server_rss_kib (&server));
  g_test_message ("server RSS: %" G_GSIZE_FORMAT " KiB at start, at most %" G_GSIZE_FORMAT
                  " KiB under attack", rss_start, rss_max);
  g_assert_cmpuint (rss_max, <, RSS_BOUND_KIB);

  server_stop (&server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Bounds/websocket/unread-replies", test_websocket_unread_replies);
  g_test_add_func ("/Mcp/Bounds/websocket/fragmented-total", test_websocket_fragmented_total);
  g_test_add_func ("/Mcp/Bounds/requests-in-flight", test_requests_in_flight);
  g_test_add_func ("/Mcp/Bounds/stdio/unread-replies", test_stdio_unread_replies);
  g_test_add_func ("/Mcp/Bounds/http/protocol-version-not-echoed", test_http_protocol_version_not_echoed);
  g_test_add_func ("/Mcp/Bounds/http/body-too-large-refused-early", test_http_body_too_large_refused_early);
  g_test_add_func ("/Mcp/Bounds/http/legacy-stream-without-initialize", test_http_legacy_stream_without_initialize);
  g_test_add_func ("/Mcp/Bounds/http/sessions-per-address", test_http_sessions_per_address);
  g_test_add_func ("/Mcp/Bounds/http/many-resumes", test_http_many_resumes);
  g_test_add_func ("/Mcp/Bounds/http/unread-event-stream", test_http_unread_event_stream);

  return g_test_run ();
}
