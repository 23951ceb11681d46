/* test-auth.c: who may call, and what they may do, against a real
 * mcp-everything-server on 127.0.0.1: API keys (permissions, rate limits),
 * HS256 JWTs and every shape of bad credentials, the OAuth 2.1 protected
 * resource metadata and challenges, permissions that hide and refuse a
 * tool on both eras, and sessions bound to their principal; over
 * Streamable HTTP (libsoup requests and McpClient) and WebSocket.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#ifdef __linux__
# include <sys/prctl.h>
#endif

#include <mcp-glib/mcp-glib.h>

#include "mcp-test-util.h"

#define MODERN "2026-07-28"
#define SECRET "test-secret-for-hs256-tokens-0123456789"
#define ISSUER "https://issuer.test"
#define AUDIENCE "mcp-test"

#define INITIALIZE \
  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{" \
  "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}," \
  "\"clientInfo\":{\"name\":\"auth\",\"version\":\"1\"}}}"

#define MODERN_META \
  "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" MODERN "\"," \
  "\"io.modelcontextprotocol/clientCapabilities\":{}," \
  "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"auth\",\"version\":\"1\"}}"

/* The server ------------------------------------------------------------------- */

typedef struct
{
  GSubprocess *process;
  char        *http_url;   /* http://127.0.0.1:P/mcp */
  char        *ws_url;     /* ws://127.0.0.1:P/mcp */
  guint        http_port;
} Server;

static Server main_server;
static Server limited_server;

/* The port after "scheme://127.0.0.1:" in @line. */
static char *
url_in (const char *line,
        const char *scheme)
{
  g_autofree char *prefix = g_strdup_printf ("%s://127.0.0.1:", scheme);
  const char *start = strstr (line, prefix);
  const char *end;

  if (start == NULL)
    return NULL;
  end = start + strlen (prefix);
  while (g_ascii_isdigit (*end))
    end++;
  while (*end != '\0' && *end != ' ' && *end != '\n')
    end++;

  return g_strndup (start, end - start);
}

/* A server outlives a test that bails out unless told otherwise. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
server_start (Server             *server,
              const char * const *extra)
{
  g_autofree char *path = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, (char *) "--http");
  g_ptr_array_add (argv, (char *) "127.0.0.1:0");
  g_ptr_array_add (argv, (char *) "--ws");
  g_ptr_array_add (argv, (char *) "127.0.0.1:0");
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);

  /* Two lines, one per listener, in either order. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *line = mcp_test_read_line (g_subprocess_get_stderr_pipe (server->process),
                                                  MCP_TEST_TIMEOUT_MS);

      g_assert_nonnull (line);
      if (server->http_url == NULL)
        server->http_url = url_in (line, "http");
      if (server->ws_url == NULL)
        server->ws_url = url_in (line, "ws");
    }
  g_assert_nonnull (server->http_url);
  g_assert_nonnull (server->ws_url);
  server->http_port = (guint) g_ascii_strtoull (server->http_url + strlen ("http://127.0.0.1:"),
                                                NULL, 10);
  g_assert_cmpuint (server->http_port, >, 0);
}

static void
server_stop (Server *server)
{
  if (server->process != NULL)
    {
      g_subprocess_force_exit (server->process);
      g_subprocess_wait (server->process, NULL, NULL);
    }
  g_clear_object (&server->process);
  g_clear_pointer (&server->http_url, g_free);
  g_clear_pointer (&server->ws_url, g_free);
}

/* Raw HTTP ------------------------------------------------------------------------ */

typedef struct
{
  guint     status;
  char     *session_id;
  char     *www_authenticate;
  char     *retry_after;
  char     *text;
  JsonNode *body;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_free (reply->session_id);
  g_free (reply->www_authenticate);
  g_free (reply->retry_after);
  g_free (reply->text);
  g_clear_pointer (&reply->body, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

typedef struct
{
  const char *api_key;        /* X-API-Key */
  const char *bearer;         /* Authorization: Bearer */
  const char *session_id;
  const char *mcp_method;     /* the 2026-07-28 headers */
  const char *mcp_name;
} Credentials;

static void
http_send (const char        *method,
           const char        *url,
           const char        *body,
           const Credentials *credentials,
           Reply             *reply)
{
  g_autoptr(SoupSession) soup = soup_session_new_with_options ("timeout", 20, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  SoupMessageHeaders *response;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *type;

  g_assert_nonnull (msg);
  soup_message_headers_append (headers, "Accept", "application/json, text/event-stream");
  if (credentials != NULL && credentials->api_key != NULL)
    soup_message_headers_append (headers, "X-API-Key", credentials->api_key);
  if (credentials != NULL && credentials->bearer != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", credentials->bearer);

      soup_message_headers_append (headers, "Authorization", value);
    }
  if (credentials != NULL && credentials->session_id != NULL)
    soup_message_headers_append (headers, "Mcp-Session-Id", credentials->session_id);
  if (credentials != NULL && credentials->mcp_method != NULL)
    {
      soup_message_headers_append (headers, "MCP-Protocol-Version", MODERN);
      soup_message_headers_append (headers, "Mcp-Method", credentials->mcp_method);
    }
  if (credentials != NULL && credentials->mcp_name != NULL)
    soup_message_headers_append (headers, "Mcp-Name", credentials->mcp_name);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL,
                                    mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  bytes = soup_session_send_and_read_finish (soup, result, &error);
  g_assert_no_error (error);

  response = soup_message_get_response_headers (msg);
  reply->status = soup_message_get_status (msg);
  reply->session_id = g_strdup (soup_message_headers_get_one (response, "Mcp-Session-Id"));
  reply->www_authenticate = g_strdup (soup_message_headers_get_one (response, "WWW-Authenticate"));
  reply->retry_after = g_strdup (soup_message_headers_get_one (response, "Retry-After"));
  reply->text = g_strndup (g_bytes_get_size (bytes) > 0 ? g_bytes_get_data (bytes, NULL) : "",
                           g_bytes_get_size (bytes));
  type = soup_message_headers_get_content_type (response, NULL);
  if (g_strcmp0 (type, "text/event-stream") == 0)
    {
      /* The last data line is the response. */
      char *last = g_strrstr (reply->text, "data: ");

      g_assert_nonnull (last);
      last = g_strdup (last + strlen ("data: "));
      *strchr (last, '\n') = '\0';
      reply->body = mcp_test_parse (last);
      g_free (last);
    }
  else if (reply->text[0] != '\0')
    reply->body = mcp_test_parse (reply->text);
}

static void
http_post (const char        *body,
           const Credentials *credentials,
           Reply             *reply)
{
  http_send (SOUP_METHOD_POST, main_server.http_url, body, credentials, reply);
}

static const char *
error_message (Reply *reply)
{
  JsonObject *error;

  g_assert_nonnull (reply->body);
  error = json_object_get_object_member (json_node_get_object (reply->body), "error");
  g_assert_nonnull (error);
  return json_object_get_string_member (error, "message");
}

static gint64
error_code (Reply *reply)
{
  JsonObject *error;

  g_assert_nonnull (reply->body);
  error = json_object_get_object_member (json_node_get_object (reply->body), "error");
  g_assert_nonnull (error);
  return json_object_get_int_member (error, "code");
}

static JsonObject *
result_of (Reply *reply)
{
  JsonObject *object;

  g_assert_nonnull (reply->body);
  object = json_node_get_object (reply->body);
  if (!json_object_has_member (object, "result"))
    g_error ("Expected a result, got %s", reply->text);
  return json_object_get_object_member (object, "result");
}

static gboolean
tools_contain (JsonObject *result,
               const char *name)
{
  JsonArray *tools = json_object_get_array_member (result, "tools");

  for (guint i = 0; i < json_array_get_length (tools); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (tools, i),
                                                  "name"), name) == 0)
      return TRUE;

  return FALSE;
}

static char *
metadata_url (Server *server)
{
  return g_strdup_printf ("http://127.0.0.1:%u/.well-known/oauth-protected-resource/mcp",
                          server->http_port);
}

/* A 401 that says what is wrong, and where the metadata is. */
static void
assert_unauthorized (Reply      *reply,
                     const char *phrase,
                     gboolean    presented)
{
  g_autofree char *url = metadata_url (&main_server);
  g_autofree char *expected = g_strdup_printf ("resource_metadata=\"%s\"", url);

  g_assert_cmpuint (reply->status, ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_nonnull (reply->www_authenticate);
  g_assert_true (g_str_has_prefix (reply->www_authenticate, "Bearer "));
  g_assert_nonnull (strstr (reply->www_authenticate, expected));
  g_assert_nonnull (strstr (reply->www_authenticate, "scope=\"tools\""));
  if (presented)
    g_assert_nonnull (strstr (reply->www_authenticate, "error=\"invalid_token\""));
  else
    g_assert_null (strstr (reply->www_authenticate, "error="));
  if (strstr (error_message (reply), phrase) == NULL)
    g_error ("\"%s\" does not say \"%s\"", error_message (reply), phrase);
  g_assert_null (reply->session_id);
}

/* JWTs --------------------------------------------------------------------------- */

static char *
jwt_with (const char *secret,
          const char *sub,
          const char *scope,
          gint64      exp_offset,
          const char *iss,
          const char *aud)
{
  g_autoptr(GBytes) key = g_bytes_new (secret, strlen (secret));
  g_autoptr(JsonObject) claims = json_object_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  json_object_set_string_member (claims, "sub", sub);
  if (scope != NULL)
    json_object_set_string_member (claims, "scope", scope);
  json_object_set_int_member (claims, "exp", now + exp_offset);
  if (iss != NULL)
    json_object_set_string_member (claims, "iss", iss);
  if (aud != NULL)
    json_object_set_string_member (claims, "aud", aud);

  return mcp_jwt_create_hs256 (key, claims);
}

static char *
b64url (const char *text)
{
  char *encoded = g_base64_encode ((const guint8 *) text, strlen (text));

  for (char *p = encoded; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        *p = '\0';
    }

  return encoded;
}

/* A token with @header, the claims of a good token, and an HMAC of the
 * secret, as an attacker who knows the public parts would make it. */
static char *
jwt_with_header (const char *header,
                 gboolean    signed_with_secret)
{
  g_autofree char *good = jwt_with (SECRET, "mallory", "tools admin", 300, ISSUER, AUDIENCE);
  const char *payload = strchr (good, '.') + 1;
  g_autofree char *payload_part = g_strndup (payload, strchr (payload, '.') - payload);
  g_autofree char *header_part = b64url (header);
  g_autofree char *input = g_strdup_printf ("%s.%s", header_part, payload_part);
  g_autofree char *signature = NULL;

  if (signed_with_secret)
    {
      g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) SECRET,
                                          strlen (SECRET));
      guint8 digest[32];
      gsize length = sizeof digest;
      g_autofree char *raw = NULL;

      g_hmac_update (hmac, (const guchar *) input, strlen (input));
      g_hmac_get_digest (hmac, digest, &length);
      raw = g_base64_encode (digest, length);
      for (char *p = raw; *p != '\0'; p++)
        {
          if (*p == '+')
            *p = '-';
          else if (*p == '/')
            *p = '_';
          else if (*p == '=')
            *p = '\0';
        }
      signature = g_steal_pointer (&raw);
    }

  return g_strdup_printf ("%s.%s", input, signature != NULL ? signature : "");
}

/* Tests: refusals ---------------------------------------------------------------- */

static void
test_no_credentials (void)
{
  g_auto(Reply) reply = { 0 };

  http_post (INITIALIZE, NULL, &reply);
  assert_unauthorized (&reply, "required", FALSE);
}

static void
test_resource_metadata (void)
{
  g_autofree char *url = metadata_url (&main_server);
  g_autofree char *bare = g_strdup_printf ("http://127.0.0.1:%u/.well-known/oauth-protected-resource",
                                           main_server.http_port);
  g_autofree char *other = g_strdup_printf ("%s/elsewhere", bare);
  g_auto(Reply) reply = { 0 };
  g_auto(Reply) bare_reply = { 0 };
  g_auto(Reply) other_reply = { 0 };
  JsonObject *document;
  JsonArray *servers;

  /* Public: no credentials needed. */
  http_send (SOUP_METHOD_GET, url, NULL, NULL, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  document = json_node_get_object (reply.body);
  g_assert_cmpstr (json_object_get_string_member (document, "resource"), ==, main_server.http_url);
  servers = json_object_get_array_member (document, "authorization_servers");
  g_assert_cmpuint (json_array_get_length (servers), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (servers, 0), ==, ISSUER);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (document,
                                                                                "scopes_supported"),
                                                  0), ==, "tools");

  http_send (SOUP_METHOD_GET, bare, NULL, NULL, &bare_reply);
  g_assert_cmpuint (bare_reply.status, ==, SOUP_STATUS_OK);

  /* Another resource's path is not ours to describe. */
  http_send (SOUP_METHOD_GET, other, NULL, NULL, &other_reply);
  g_assert_cmpuint (other_reply.status, ==, SOUP_STATUS_NOT_FOUND);
}

static void
test_bad_credentials (void)
{
  g_autofree char *expired = jwt_with (SECRET, "alice", "tools", -3600, ISSUER, AUDIENCE);
  g_autofree char *wrong_audience = jwt_with (SECRET, "alice", "tools", 300, ISSUER, "other");
  g_autofree char *wrong_issuer = jwt_with (SECRET, "alice", "tools", 300, "https://evil.test",
                                            AUDIENCE);
  g_autofree char *wrong_key = jwt_with ("another-secret", "alice", "tools", 300, ISSUER, AUDIENCE);
  g_autofree char *none = jwt_with_header ("{\"alg\":\"none\",\"typ\":\"JWT\"}", FALSE);
  g_autofree char *none_signed = jwt_with_header ("{\"alg\":\"none\"}", TRUE);
  /* HS/RS confusion: an RS256 header, "signed" with HMAC over the secret
   * as if it were the public key. */
  g_autofree char *confused = jwt_with_header ("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", TRUE);
  g_autofree char *oversized = NULL;
  const struct {
    const char *label;
    const char *token;
    const char *phrase;
  } cases[] = {
    { "malformed", "not-a-jwt", "Malformed token" },
    { "two parts", "abc.def", "Malformed token" },
    { "bad header", "!!!.e30.sig", "Malformed token" },
    { "alg none", none, "alg none" },
    { "alg none, signed", none_signed, "alg none" },
    { "HS/RS confusion", confused, "algorithm is not accepted" },
    { "expired", expired, "expired" },
    { "wrong audience", wrong_audience, "aud" },
    { "wrong issuer", wrong_issuer, "iss" },
    { "wrong key", wrong_key, "signature is not valid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Reply) reply = { 0 };
      Credentials credentials = { .bearer = cases[i].token };

      g_test_message ("%s", cases[i].label);
      http_post (INITIALIZE, &credentials, &reply);
      assert_unauthorized (&reply, cases[i].phrase, TRUE);
    }

  /* A 16 KiB token: refused before it is decoded. */
  {
    g_auto(Reply) reply = { 0 };
    Credentials credentials = { 0 };
    GString *big = g_string_new ("eyJhbGciOiJIUzI1NiJ9.");

    while (big->len < 16 * 1024)
      g_string_append (big, "QUFBQUFBQUFBQUFBQUFBQQ");
    g_string_append (big, ".c2ln");
    oversized = g_string_free (big, FALSE);
    credentials.bearer = oversized;
    http_post (INITIALIZE, &credentials, &reply);
    assert_unauthorized (&reply, "longer than the limit", TRUE);
  }

  /* A good token without the scope the server requires: 403, for step-up. */
  {
    g_autofree char *narrow = jwt_with (SECRET, "carol", "admin", 300, ISSUER, AUDIENCE);
    g_autofree char *url = metadata_url (&main_server);
    g_autofree char *expected = g_strdup_printf ("resource_metadata=\"%s\"", url);
    g_auto(Reply) reply = { 0 };
    Credentials credentials = { .bearer = narrow };

    http_post (INITIALIZE, &credentials, &reply);
    g_assert_cmpuint (reply.status, ==, SOUP_STATUS_FORBIDDEN);
    g_assert_nonnull (reply.www_authenticate);
    g_assert_nonnull (strstr (reply.www_authenticate, "error=\"insufficient_scope\""));
    g_assert_nonnull (strstr (reply.www_authenticate, "scope=\"tools\""));
    g_assert_nonnull (strstr (reply.www_authenticate, expected));
    g_assert_nonnull (strstr (error_message (&reply), "scope tools"));
    g_assert_null (reply.session_id);
  }

  /* An API key nobody issued. */
  {
    g_auto(Reply) reply = { 0 };
    Credentials credentials = { .api_key = "k9" };

    http_post (INITIALIZE, &credentials, &reply);
    assert_unauthorized (&reply, "API key is not valid", TRUE);
  }
}

/* Tests: the 2025 era, over HTTP and WebSocket, with McpClient ------------------- */

static McpClient *
client_connect (const char  *url,
                gboolean     websocket,
                const char  *api_key,
                const char  *bearer,
                GError     **error)
{
  g_autoptr(McpClient) client = mcp_client_new ("auth", "1.0");
  g_autoptr(McpTransport) transport = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (websocket)
    {
      transport = MCP_TRANSPORT (mcp_websocket_transport_new (url));
      mcp_websocket_transport_set_auth_token (MCP_WEBSOCKET_TRANSPORT (transport), bearer);
    }
  else
    {
      transport = MCP_TRANSPORT (mcp_http_transport_new (url));
      mcp_http_transport_set_request_timeout (MCP_HTTP_TRANSPORT (transport), 15000);
      if (api_key != NULL)
        mcp_http_transport_set_header (MCP_HTTP_TRANSPORT (transport), "X-API-Key", api_key);
      mcp_http_transport_set_auth_token (MCP_HTTP_TRANSPORT (transport), bearer);
    }

  mcp_client_connect_async (client, transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  if (!mcp_client_connect_finish (client, result, error))
    return NULL;

  return g_steal_pointer (&client);
}

static void
client_close (McpClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_object_unref (client);
}

static gboolean
client_sees (McpClient  *client,
             const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_list_tools_async (client, NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tools = mcp_client_list_tools_finish (client, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->len, >, 1);

  for (guint i = 0; i < tools->len; i++)
    if (g_strcmp0 (mcp_tool_get_name (g_ptr_array_index (tools, i)), name) == 0)
      return TRUE;

  return FALSE;
}

/* The text of the tool's result, or NULL with @error. */
static char *
client_call (McpClient   *client,
             const char  *name,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(JsonNode) arguments = mcp_test_parse ("{\"message\":\"hello\"}");
  g_autoptr(JsonNode) json = NULL;
  JsonArray *content;

  mcp_client_call_tool_async (client, name, arguments, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tool_result = mcp_client_call_tool_finish (client, result, error);
  if (tool_result == NULL)
    return NULL;

  g_assert_false (mcp_tool_result_get_is_error (tool_result));
  json = mcp_tool_result_to_json (tool_result);
  content = json_object_get_array_member (json_node_get_object (json), "content");
  return g_strdup (json_object_get_string_member (json_array_get_object_element (content, 0),
                                                  "text"));
}

static void
check_permissions (const char *url,
                   gboolean    websocket)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  McpClient *k1;
  McpClient *k2;
  McpClient *nobody;

  /* k1 by X-API-Key on HTTP (a WebSocket client sends a bearer token). */
  k1 = client_connect (url, websocket, websocket ? NULL : "k1", websocket ? "k1" : NULL, &error);
  g_assert_no_error (error);
  g_assert_true (client_sees (k1, "echo"));
  g_assert_false (client_sees (k1, "admin_echo"));
  text = client_call (k1, "echo", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Echo: hello");
  g_clear_pointer (&text, g_free);
  text = client_call (k1, "admin_echo", &error);
  g_assert_null (text);
  g_assert_nonnull (error);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, -32003);
  g_assert_nonnull (strstr (error->message, "admin_echo requires the permission \"admin\""));
  g_assert_nonnull (strstr (error->message, "key-1"));
  g_clear_error (&error);
  client_close (k1);

  /* k2 by Authorization: Bearer. */
  k2 = client_connect (url, websocket, NULL, "k2", &error);
  g_assert_no_error (error);
  g_assert_true (client_sees (k2, "admin_echo"));
  text = client_call (k2, "echo", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Echo: hello");
  g_clear_pointer (&text, g_free);
  text = client_call (k2, "admin_echo", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Admin echo (key-2): hello");
  g_clear_pointer (&text, g_free);
  /* A response on an event stream: the admitted request stays paused for
   * it. */
  text = client_call (k2, "test_tool_with_progress", &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_clear_pointer (&text, g_free);
  client_close (k2);

  /* A JWT whose scope holds admin. */
  {
    g_autofree char *token = jwt_with (SECRET, "alice", "tools admin", 300, ISSUER, AUDIENCE);
    McpClient *alice = client_connect (url, websocket, NULL, token, &error);

    g_assert_no_error (error);
    text = client_call (alice, "admin_echo", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "Admin echo (alice): hello");
    g_clear_pointer (&text, g_free);
    client_close (alice);
  }

  nobody = client_connect (url, websocket, NULL, NULL, &error);
  g_assert_null (nobody);
  g_assert_nonnull (error);
  g_test_message ("without credentials: %s", error->message);
  g_clear_error (&error);
}

/* The WebSocket listener's handshake gets the same challenge, and its
 * server serves the metadata it points to. */
static void
test_websocket_challenge (void)
{
  g_autofree char *http_url = g_strdup_printf ("http%s", main_server.ws_url + strlen ("ws"));
  guint port = (guint) g_ascii_strtoull (main_server.ws_url + strlen ("ws://127.0.0.1:"), NULL, 10);
  g_autofree char *metadata = g_strdup_printf ("http://127.0.0.1:%u/.well-known/oauth-protected-resource",
                                               port);
  g_autofree char *expected = g_strdup_printf ("resource_metadata=\"%s\"", metadata);
  g_auto(Reply) refused = { 0 };
  g_auto(Reply) document = { 0 };
  JsonArray *servers;

  http_send (SOUP_METHOD_GET, http_url, NULL, NULL, &refused);
  g_assert_cmpuint (refused.status, ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_nonnull (refused.www_authenticate);
  g_assert_nonnull (strstr (refused.www_authenticate, expected));

  http_send (SOUP_METHOD_GET, metadata, NULL, NULL, &document);
  g_assert_cmpuint (document.status, ==, SOUP_STATUS_OK);
  servers = json_object_get_array_member (json_node_get_object (document.body),
                                          "authorization_servers");
  g_assert_cmpstr (json_array_get_string_element (servers, 0), ==, ISSUER);
}

static void
test_permissions_http (void)
{
  check_permissions (main_server.http_url, FALSE);
}

static void
test_permissions_websocket (void)
{
  check_permissions (main_server.ws_url, TRUE);
}

/* Tests: the 2026-07-28 era ------------------------------------------------------- */

static void
test_permissions_modern (void)
{
  const char *list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{"
                     MODERN_META "}}";
  const char *call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                     "\"name\":\"admin_echo\",\"arguments\":{\"message\":\"hi\"}," MODERN_META "}}";
  Credentials k1_list = { .api_key = "k1", .mcp_method = "tools/list" };
  Credentials k2_list = { .bearer = "k2", .mcp_method = "tools/list" };
  Credentials k1_call = { .api_key = "k1", .mcp_method = "tools/call", .mcp_name = "admin_echo" };
  Credentials k2_call = { .api_key = "k2", .mcp_method = "tools/call", .mcp_name = "admin_echo" };
  Credentials anonymous = { .mcp_method = "tools/list" };
  g_auto(Reply) k1_listed = { 0 };
  g_auto(Reply) k2_listed = { 0 };
  g_auto(Reply) k1_called = { 0 };
  g_auto(Reply) k2_called = { 0 };
  g_auto(Reply) refused = { 0 };
  JsonArray *content;

  http_post (list, &k1_list, &k1_listed);
  g_assert_cmpuint (k1_listed.status, ==, SOUP_STATUS_OK);
  g_assert_null (k1_listed.session_id);
  g_assert_true (tools_contain (result_of (&k1_listed), "echo"));
  g_assert_false (tools_contain (result_of (&k1_listed), "admin_echo"));

  http_post (list, &k2_list, &k2_listed);
  g_assert_true (tools_contain (result_of (&k2_listed), "admin_echo"));

  http_post (call, &k1_call, &k1_called);
  g_assert_cmpint (error_code (&k1_called), ==, -32003);
  g_assert_nonnull (strstr (error_message (&k1_called), "requires the permission \"admin\""));

  http_post (call, &k2_call, &k2_called);
  content = json_object_get_array_member (result_of (&k2_called), "content");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (content, 0), "text"),
                   ==, "Admin echo (key-2): hi");

  /* Each request of the era is admitted on its own. */
  http_post (list, &anonymous, &refused);
  assert_unauthorized (&refused, "required", FALSE);
}

/* An InputRequiredResult's requestState is sealed to the principal that
 * got it: another caller cannot finish the request with it. */
static void
test_request_state_bound_to_principal (void)
{
  const char *meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" MODERN "\","
                     "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}},"
                     "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"auth\",\"version\":\"1\"}}";
  const char *tool = "test_input_required_result_request_state";
  g_autofree char *first = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                            "\"params\":{\"name\":\"%s\",\"arguments\":{},%s}}",
                                            tool, meta);
  Credentials k2 = { .api_key = "k2", .mcp_method = "tools/call", .mcp_name = tool };
  Credentials k1 = { .api_key = "k1", .mcp_method = "tools/call", .mcp_name = tool };
  g_auto(Reply) asked = { 0 };
  g_auto(Reply) stolen = { 0 };
  g_auto(Reply) finished = { 0 };
  g_autofree char *retry = NULL;
  const char *state;
  JsonArray *content;

  http_post (first, &k2, &asked);
  g_assert_cmpstr (json_object_get_string_member (result_of (&asked), "resultType"), ==,
                   "input_required");
  state = json_object_get_string_member (result_of (&asked), "requestState");
  g_assert_nonnull (state);

  retry = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                           "\"params\":{\"name\":\"%s\",\"arguments\":{},\"requestState\":\"%s\","
                           "\"inputResponses\":{\"confirm\":{\"action\":\"accept\","
                           "\"content\":{\"ok\":true}}},%s}}", tool, state, meta);
  http_post (retry, &k1, &stolen);
  g_assert_nonnull (strstr (error_message (&stolen), "another caller"));

  http_post (retry, &k2, &finished);
  content = json_object_get_array_member (result_of (&finished), "content");
  g_assert_nonnull (content);
  g_assert_cmpuint (json_array_get_length (content), >, 0);
}

/* Tests: sessions ----------------------------------------------------------------- */

static void
test_session_bound_to_principal (void)
{
  const char *list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
  Credentials k1 = { .api_key = "k1" };
  Credentials k1_again = { .bearer = "k1" };
  Credentials k2 = { .api_key = "k2" };
  g_auto(Reply) opened = { 0 };
  g_auto(Reply) same = { 0 };
  g_auto(Reply) other = { 0 };
  g_auto(Reply) none = { 0 };

  http_post (INITIALIZE, &k1, &opened);
  g_assert_cmpuint (opened.status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (opened.session_id);

  /* The same principal, by either header. */
  k1_again.session_id = opened.session_id;
  http_post (list, &k1_again, &same);
  g_assert_cmpuint (same.status, ==, SOUP_STATUS_OK);
  g_assert_false (tools_contain (result_of (&same), "admin_echo"));

  /* Another principal's credentials do not ride on k1's session. */
  k2.session_id = opened.session_id;
  http_post (list, &k2, &other);
  g_assert_cmpuint (other.status, ==, SOUP_STATUS_FORBIDDEN);
  g_assert_nonnull (strstr (error_message (&other), "another principal"));

  /* Nor does no credential at all. */
  {
    Credentials anonymous = { .session_id = opened.session_id };

    http_post (list, &anonymous, &none);
    g_assert_cmpuint (none.status, ==, SOUP_STATUS_UNAUTHORIZED);
  }
}

/* Tests: rate limits -------------------------------------------------------------- */

static void
test_rate_limit_http (void)
{
  Credentials k3 = { .api_key = "k3" };
  guint accepted = 0;
  gboolean limited = FALSE;

  /* Burst 2 at one request every 10 s: the third is refused. */
  for (guint i = 0; i < 3; i++)
    {
      g_auto(Reply) reply = { 0 };

      http_send (SOUP_METHOD_POST, limited_server.http_url, INITIALIZE, &k3, &reply);
      if (reply.status == SOUP_STATUS_OK)
        {
          accepted++;
          continue;
        }

      g_assert_cmpuint (reply.status, ==, 429);
      g_assert_nonnull (reply.retry_after);
      g_assert_cmpuint (g_ascii_strtoull (reply.retry_after, NULL, 10), >=, 1);
      g_assert_cmpuint (g_ascii_strtoull (reply.retry_after, NULL, 10), <=, 10);
      g_assert_cmpint (error_code (&reply), ==, -32029);
      g_assert_nonnull (strstr (error_message (&reply), "rate limit"));
      limited = TRUE;
    }

  g_assert_cmpuint (accepted, ==, 2);
  g_assert_true (limited);
}

static void
test_rate_limit_websocket (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  McpClient *client;

  /* The handshake and initialize take the burst of 2; the ping is over. */
  client = client_connect (limited_server.ws_url, TRUE, NULL, "k4", &error);
  g_assert_no_error (error);

  mcp_client_ping_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_false (mcp_client_ping_finish (client, result, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, -32029);
  g_assert_nonnull (strstr (error->message, "retry after"));
  client_close (client);
}

int
main (int   argc,
      char *argv[])
{
  const char * const main_options[] = {
    "--api-key", "k1:tools", "--api-key", "k2:admin,tools", "--api-key-rate", "0",
    "--jwt-secret", SECRET, "--jwt-audience", AUDIENCE, "--oauth-issuer", ISSUER,
    "--oauth-scope", "tools", NULL
  };
  const char * const limited_options[] = {
    "--api-key", "k3:tools", "--api-key", "k4:tools", "--api-key-rate", "0.1",
    "--api-key-burst", "2", NULL
  };
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Auth/no-credentials", test_no_credentials);
  g_test_add_func ("/Mcp/Auth/resource-metadata", test_resource_metadata);
  g_test_add_func ("/Mcp/Auth/bad-credentials", test_bad_credentials);
  g_test_add_func ("/Mcp/Auth/websocket-challenge", test_websocket_challenge);
  g_test_add_func ("/Mcp/Auth/permissions/http", test_permissions_http);
  g_test_add_func ("/Mcp/Auth/permissions/websocket", test_permissions_websocket);
  g_test_add_func ("/Mcp/Auth/permissions/modern", test_permissions_modern);
  g_test_add_func ("/Mcp/Auth/session-bound-to-principal", test_session_bound_to_principal);
  g_test_add_func ("/Mcp/Auth/request-state-bound-to-principal",
                   test_request_state_bound_to_principal);
  g_test_add_func ("/Mcp/Auth/rate-limit/http", test_rate_limit_http);
  g_test_add_func ("/Mcp/Auth/rate-limit/websocket", test_rate_limit_websocket);

  server_start (&main_server, main_options);
  server_start (&limited_server, limited_options);
  status = g_test_run ();
  server_stop (&main_server);
  server_stop (&limited_server);

  return status;
}
