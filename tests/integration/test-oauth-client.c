/* test-oauth-client.c: McpOAuthClient against an authorization server of
 * the test's (a SoupServer on 127.0.0.1) and mcp-glib's own resource server
 * (McpHttpServerTransport with an HS256 McpJwtProvider that publishes RFC
 * 9728 metadata): the whole flow, refresh tokens, a token store that keeps
 * the user signed in, and every way a sign-in can fail: no handler, a
 * refusal, a forged redirect, a timeout, a cancel, and hostile metadata.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-test-util.h"

#define SECRET "oauth-client-test-secret-0123456789abcdef"

typedef enum
{
  AS_NORMAL,
  AS_REFUSE,          /* the user says no */
  AS_HUGE_METADATA,   /* 256 KiB of metadata */
  AS_BAD_METADATA,    /* not JSON */
  AS_WRONG_ISSUER,    /* metadata for another issuer */
} AsMode;

typedef struct
{
  SoupServer  *as;
  char        *as_url;
  AsMode       mode;
  guint        registrations;
  guint        authorizations;
  guint        code_grants;
  guint        refresh_grants;
  gint64       expires_in;
  char        *challenge;
  char        *redirect_uri;
  char        *resource;
  char        *scope;

  McpServer              *server;
  McpHttpServerTransport *http;
  McpJwtProvider         *jwt;
  char                   *url;

  SoupSession *browser;
  guint        opened;
} Fixture;

/* The authorization server -------------------------------------------------------- */

static char *
sha256_base64url (const char *text)
{
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *b64 = NULL;
  char *p;

  g_checksum_update (sha, (const guchar *) text, strlen (text));
  g_checksum_get_digest (sha, digest, &length);
  b64 = g_base64_encode (digest, length);
  for (p = b64; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return g_steal_pointer (&b64);
}

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static char *
issue_token (Fixture *fixture)
{
  g_autoptr(GBytes) secret = g_bytes_new_static (SECRET, strlen (SECRET));
  g_autoptr(JsonObject) claims = json_object_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  json_object_set_string_member (claims, "sub", "alice");
  json_object_set_string_member (claims, "iss", fixture->as_url);
  json_object_set_string_member (claims, "aud", fixture->resource);
  json_object_set_string_member (claims, "scope", fixture->scope != NULL ? fixture->scope : "");
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "exp", now + fixture->expires_in);
  return mcp_jwt_create_hs256 (secret, claims);
}

static void
as_handler (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *fixture = user_data;

  if (g_strcmp0 (path, "/.well-known/oauth-authorization-server") == 0)
    {
      g_autofree char *json = NULL;

      if (fixture->mode == AS_HUGE_METADATA)
        {
          GString *huge = g_string_new ("{\"issuer\":\"");

          g_string_append (huge, fixture->as_url);
          g_string_append (huge, "\",\"padding\":\"");
          for (guint i = 0; i < 256 * 1024; i++)
            g_string_append_c (huge, 'x');
          g_string_append (huge, "\"}");
          reply_json (msg, 200, huge->str);
          g_string_free (huge, TRUE);
          return;
        }
      if (fixture->mode == AS_BAD_METADATA)
        {
          reply_json (msg, 200, "{\"issuer\": not json");
          return;
        }

      json = g_strdup_printf ("{\"issuer\":\"%s\","
                              "\"authorization_endpoint\":\"%s/authorize\","
                              "\"token_endpoint\":\"%s/token\","
                              "\"registration_endpoint\":\"%s/register\","
                              "\"response_types_supported\":[\"code\"],"
                              "\"code_challenge_methods_supported\":[\"S256\"],"
                              "\"scopes_supported\":[\"mcp\",\"offline_access\"],"
                              "\"authorization_response_iss_parameter_supported\":true,"
                              "\"token_endpoint_auth_methods_supported\":[\"none\"]}",
                              fixture->mode == AS_WRONG_ISSUER ? "https://elsewhere.test" : fixture->as_url,
                              fixture->as_url, fixture->as_url, fixture->as_url);
      reply_json (msg, 200, json);
      return;
    }

  if (g_strcmp0 (path, "/register") == 0)
    {
      g_autofree char *json = g_strdup_printf ("{\"client_id\":\"client-%u\","
                                               "\"token_endpoint_auth_method\":\"none\"}",
                                               ++fixture->registrations);
      reply_json (msg, 201, json);
      return;
    }

  if (g_strcmp0 (path, "/authorize") == 0 && query != NULL)
    {
      g_autoptr(GString) location = NULL;
      const char *state = g_hash_table_lookup (query, "state");

      fixture->authorizations++;
      g_free (fixture->challenge);
      fixture->challenge = g_strdup (g_hash_table_lookup (query, "code_challenge"));
      g_free (fixture->redirect_uri);
      fixture->redirect_uri = g_strdup (g_hash_table_lookup (query, "redirect_uri"));
      g_free (fixture->scope);
      fixture->scope = g_strdup (g_hash_table_lookup (query, "scope"));
      g_assert_cmpstr (g_hash_table_lookup (query, "code_challenge_method"), ==, "S256");
      g_assert_cmpstr (g_hash_table_lookup (query, "resource"), ==, fixture->resource);

      location = g_string_new (fixture->redirect_uri);
      if (fixture->mode == AS_REFUSE)
        g_string_append (location, "?error=access_denied&error_description=The%20user%20said%20no");
      else
        g_string_append (location, "?code=the-code");
      g_string_append_printf (location, "&state=%s&iss=", state);
      g_string_append_uri_escaped (location, fixture->as_url, NULL, FALSE);
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location->str);
      return;
    }

  if (g_strcmp0 (path, "/token") == 0)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autoptr(GHashTable) form = soup_form_decode (text);
      const char *grant = g_hash_table_lookup (form, "grant_type");
      g_autofree char *token = NULL;
      g_autofree char *json = NULL;

      g_assert_cmpstr (g_hash_table_lookup (form, "resource"), ==, fixture->resource);
      if (g_strcmp0 (grant, "authorization_code") == 0)
        {
          g_autofree char *computed = sha256_base64url (g_hash_table_lookup (form, "code_verifier"));

          g_assert_cmpstr (g_hash_table_lookup (form, "code"), ==, "the-code");
          g_assert_cmpstr (computed, ==, fixture->challenge);
          g_assert_cmpstr (g_hash_table_lookup (form, "redirect_uri"), ==, fixture->redirect_uri);
          fixture->code_grants++;
        }
      else if (g_strcmp0 (grant, "refresh_token") == 0)
        {
          if (g_strcmp0 (g_hash_table_lookup (form, "refresh_token"), "refresh-1") != 0)
            {
              reply_json (msg, 400, "{\"error\":\"invalid_grant\"}");
              return;
            }
          fixture->refresh_grants++;
        }
      else
        {
          reply_json (msg, 400, "{\"error\":\"unsupported_grant_type\"}");
          return;
        }

      token = issue_token (fixture);
      json = g_strdup_printf ("{\"access_token\":\"%s\",\"token_type\":\"Bearer\","
                              "\"expires_in\":%" G_GINT64_FORMAT ",\"refresh_token\":\"refresh-1\","
                              "\"scope\":\"%s\"}", token, fixture->expires_in,
                              fixture->scope != NULL ? fixture->scope : "");
      reply_json (msg, 200, json);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

/* The resource server ------------------------------------------------------------- */

static void
tool_whoami (McpServer   *server,
             McpToolCall *call,
             gpointer     user_data)
{
  McpAuthInfo *info = mcp_tool_call_get_auth_info (call);

  mcp_tool_call_return_text (call, info != NULL ? mcp_auth_info_get_principal (info) : "nobody");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) secret = g_bytes_new_static (SECRET, strlen (SECRET));
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpTool) tool = mcp_tool_new ("whoami", NULL);

  fixture->expires_in = 3600;
  fixture->mode = GPOINTER_TO_UINT (data);

  fixture->as = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->as, NULL, as_handler, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->as, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->as);
  fixture->as_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  fixture->server = mcp_server_new ("oauth-test", "1.0");
  mcp_server_add_tool (fixture->server, tool, tool_whoami, fixture, NULL);
  fixture->jwt = mcp_jwt_provider_new_hs256 (secret);
  mcp_token_verifier_set_issuer (MCP_TOKEN_VERIFIER (fixture->jwt), fixture->as_url);
  mcp_token_verifier_set_clock_skew (MCP_TOKEN_VERIFIER (fixture->jwt), 0);
  fixture->http = mcp_http_server_transport_new ();
  mcp_http_server_transport_set_auth_provider (fixture->http, MCP_AUTH_PROVIDER (fixture->jwt));
  mcp_server_add_server_transport (fixture->server, MCP_SERVER_TRANSPORT (fixture->http));

  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (fixture->http), NULL,
                                    mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (fixture->http), result, &error));
  g_assert_no_error (error);
  fixture->url = mcp_http_server_transport_dup_url (fixture->http);
  fixture->resource = g_strdup (fixture->url);
  mcp_token_verifier_set_audience (MCP_TOKEN_VERIFIER (fixture->jwt), fixture->resource);

  fixture->browser = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (fixture->http), NULL,
                                   mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_stop_finish (MCP_SERVER_TRANSPORT (fixture->http), result, NULL));
  mcp_test_spin (20);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->jwt);
  soup_server_disconnect (fixture->as);
  g_clear_object (&fixture->as);
  g_clear_object (&fixture->browser);
  g_free (fixture->as_url);
  g_free (fixture->url);
  g_free (fixture->resource);
  g_free (fixture->challenge);
  g_free (fixture->redirect_uri);
  g_free (fixture->scope);
}

/* The user's browser, and the application ------------------------------------------- */

static void
browsed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);
}

/* Opens the URL the way a browser would: follows the redirect to the
 * client's loopback listener. */
static gboolean
on_authorize (McpOAuthClient *oauth,
              const char     *uri,
              Fixture        *fixture)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);

  g_assert_true (g_str_has_prefix (uri, fixture->as_url));
  fixture->opened++;
  soup_session_send_and_read_async (fixture->browser, msg, G_PRIORITY_DEFAULT, NULL, browsed_cb, NULL);
  return TRUE;
}

static McpOAuthClient *
new_oauth (Fixture       *fixture,
           McpTokenStore *store)
{
  McpOAuthClient *oauth = mcp_oauth_client_new ();

  mcp_oauth_client_set_scope (oauth, "mcp");
  if (store != NULL)
    mcp_oauth_client_set_token_store (oauth, store);
  g_signal_connect (oauth, "authorize", G_CALLBACK (on_authorize), fixture);
  return oauth;
}

/* Connects and calls whoami; returns the answer, or NULL with @error. */
static char *
call_whoami (Fixture         *fixture,
             McpOAuthClient  *oauth,
             const char      *version,
             GError         **error)
{
  g_autoptr(McpClient) client = mcp_client_new ("oauth-test-client", "1.0");
  g_autoptr(McpHttpTransport) transport = mcp_http_transport_new (fixture->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GAsyncResult) closed = NULL;
  char *text = NULL;

  mcp_http_transport_set_oauth_client (transport, oauth);
  mcp_client_set_requested_protocol_version (client, version);
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

/* Tests ---------------------------------------------------------------------------- */

/* The whole flow, on each era: discovery, registration, the browser, the
 * code, the token, and the call, as the user the token names. */
static void
test_flow (Fixture       *fixture,
           gconstpointer  data)
{
  const char *versions[] = { "2025-11-25", MCP_PROTOCOL_VERSION_2026_07_28 };

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autoptr(McpOAuthClient) oauth = new_oauth (fixture, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *who = call_whoami (fixture, oauth, versions[i], &error);
      g_autofree char *granted = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (who, ==, "alice");
      g_assert_cmpuint (fixture->registrations, ==, i + 1);
      g_assert_cmpuint (fixture->authorizations, ==, i + 1);
      g_assert_cmpuint (fixture->code_grants, ==, i + 1);
      /* The application's scope, and offline_access, which the server offers. */
      g_assert_cmpstr (fixture->scope, ==, "mcp offline_access");
      g_assert_true (g_str_has_prefix (fixture->redirect_uri, "http://127.0.0.1:"));
      granted = mcp_oauth_client_dup_granted_scope (oauth, fixture->url);
      g_assert_cmpstr (granted, ==, "mcp offline_access");
    }
}

/* An expired token is refreshed without the user. */
static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = new_oauth (fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  fixture->expires_in = 1;
  first = call_whoami (fixture, oauth, "2025-11-25", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "alice");
  g_assert_cmpuint (fixture->authorizations, ==, 1);

  fixture->expires_in = 3600;
  mcp_test_spin (2100);
  second = call_whoami (fixture, oauth, "2025-11-25", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "alice");
  g_assert_cmpuint (fixture->authorizations, ==, 1);
  g_assert_cmpuint (fixture->refresh_grants, ==, 1);
  g_assert_cmpuint (fixture->opened, ==, 1);
}

/* A token store shared by two OAuth clients (two runs of an application):
 * the second needs neither a registration nor the user. */
static void
test_store (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(McpTokenStore) store = mcp_memory_token_store_new ();
  g_autoptr(GError) error = NULL;

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(McpOAuthClient) oauth = new_oauth (fixture, store);
      g_autofree char *who = call_whoami (fixture, oauth, "2025-11-25", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (who, ==, "alice");
    }
  g_assert_cmpuint (fixture->registrations, ==, 1);
  g_assert_cmpuint (fixture->authorizations, ==, 1);
  g_assert_cmpuint (fixture->opened, ==, 1);
}

/* Nobody opens the URL: a clear refusal, not a hang. */
static void
test_no_handler (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = mcp_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *who = call_whoami (fixture, oauth, "2025-11-25", &error);

  g_assert_null (who);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "authorize"));
}

/* The user says no. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = new_oauth (fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *who = call_whoami (fixture, oauth, "2025-11-25", &error);

  g_assert_null (who);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "access_denied"));
  g_assert_cmpuint (fixture->code_grants, ==, 0);
}

/* A forged redirect (another state) is refused and leaves the sign-in
 * waiting for the real one. */
static gboolean
on_authorize_forged_first (McpOAuthClient *oauth,
                           const char     *uri,
                           Fixture        *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mcp_oauth_client_deliver_redirect (oauth, "http://127.0.0.1/callback?code=evil&state=forged",
                                                     &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_false (mcp_oauth_client_deliver_redirect (oauth, "http://127.0.0.1/callback", &error));
  g_assert_nonnull (error);
  return on_authorize (oauth, uri, fixture);
}

static void
test_forged_redirect (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = mcp_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;

  g_signal_connect (oauth, "authorize", G_CALLBACK (on_authorize_forged_first), fixture);
  who = call_whoami (fixture, oauth, "2025-11-25", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (who, ==, "alice");
  g_assert_cmpuint (fixture->code_grants, ==, 1);
}

/* The user never comes back: the request fails after the timeout. */
static gboolean
on_authorize_ignore (McpOAuthClient *oauth,
                     const char     *uri,
                     Fixture        *fixture)
{
  fixture->opened++;
  return TRUE;
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = mcp_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;

  g_object_set (oauth, "authorization-timeout", 1, NULL);
  g_signal_connect (oauth, "authorize", G_CALLBACK (on_authorize_ignore), fixture);
  who = call_whoami (fixture, oauth, "2025-11-25", &error);
  g_assert_null (who);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TIMEOUT);
  g_assert_cmpuint (fixture->opened, ==, 1);
}

/* The application gives up the sign-in. */
static gboolean
cancel_cb (gpointer user_data)
{
  mcp_oauth_client_cancel_authorization (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_authorize_cancel (McpOAuthClient *oauth,
                     const char     *uri,
                     Fixture        *fixture)
{
  g_timeout_add (50, cancel_cb, oauth);
  return TRUE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = mcp_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;

  g_signal_connect (oauth, "authorize", G_CALLBACK (on_authorize_cancel), fixture);
  who = call_whoami (fixture, oauth, "2025-11-25", &error);
  g_assert_null (who);
  /* The transport reports it as a request that could not be sent. */
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "The sign-in was cancelled"));
  g_assert_cmpuint (fixture->code_grants, ==, 0);
}

/* Hostile authorization servers: oversized metadata, metadata that is not
 * JSON, metadata for another issuer. Each is a clear error, and the user
 * is never sent anywhere. */
static void
test_hostile_metadata (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = new_oauth (fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *who = call_whoami (fixture, oauth, "2025-11-25", &error);

  g_assert_null (who);
  g_assert_nonnull (error);
  g_assert_true (error->domain == MCP_ERROR);
  switch (fixture->mode)
    {
    case AS_HUGE_METADATA:
      g_assert_nonnull (strstr (error->message, "larger than"));
      break;
    case AS_BAD_METADATA:
      g_assert_nonnull (strstr (error->message, "publishes no metadata"));
      break;
    case AS_WRONG_ISSUER:
      g_assert_nonnull (strstr (error->message, "another issuer"));
      break;
    case AS_NORMAL:
    case AS_REFUSE:
    default:
      g_assert_not_reached ();
    }
  g_assert_cmpuint (fixture->opened, ==, 0);
  g_assert_cmpuint (fixture->registrations, ==, 0);
}

/* The WebSocket handshake signs in the same way: discovery at the http URL
 * of the same host and path, then the handshake again with the token. */
static void
test_websocket (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(McpWebSocketServerTransport) ws_server = mcp_websocket_server_transport_new ("127.0.0.1", 0);
  g_autoptr(McpOAuthClient) oauth = new_oauth (fixture, NULL);
  g_autoptr(McpClient) client = mcp_client_new ("oauth-ws-client", "1.0");
  g_autoptr(McpWebSocketTransport) transport = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ws_url = NULL;
  g_autofree char *http_twin = NULL;
  JsonArray *content;

  mcp_websocket_server_transport_set_auth_provider (ws_server, MCP_AUTH_PROVIDER (fixture->jwt));
  mcp_server_add_server_transport (fixture->server, MCP_SERVER_TRANSPORT (ws_server));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (ws_server), NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (ws_server), result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  ws_url = mcp_websocket_server_transport_dup_url (ws_server);
  g_assert_true (g_str_has_prefix (ws_url, "ws://127.0.0.1:"));
  http_twin = g_strconcat ("http://", ws_url + strlen ("ws://"), NULL);
  /* Tokens for this server are for its http twin, as its resource
   * metadata names it (the root path: no slash). */
  g_free (fixture->resource);
  fixture->resource = g_strdup (http_twin);
  if (g_str_has_suffix (fixture->resource, "/"))
    fixture->resource[strlen (fixture->resource) - 1] = '\0';
  mcp_token_verifier_set_audience (MCP_TOKEN_VERIFIER (fixture->jwt), fixture->resource);

  transport = mcp_websocket_transport_new (ws_url);
  mcp_websocket_transport_set_oauth_client (transport, oauth);
  mcp_client_set_requested_protocol_version (client, "2025-11-25");
  mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_connect_finish (client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  mcp_client_call_tool_async (client, "whoami", NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  answer = mcp_client_call_tool_finish (client, result, &error);
  g_assert_no_error (error);
  content = mcp_tool_result_get_content (answer);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (content, 0), "text"), ==,
                   "alice");
  g_assert_cmpuint (fixture->authorizations, ==, 1);
  g_clear_object (&result);

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_clear_object (&result);
  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (ws_server), NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_stop_finish (MCP_SERVER_TRANSPORT (ws_server), result, NULL));
}

/* mcp-cli --oauth: prints the URL, the "user" opens it, and the call goes
 * through as the user. */
static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *cli = mcp_test_build_path ("tools/mcp-cli");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GInputStream *stderr_pipe;
  char *url = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              cli, "--oauth", "--scope", "mcp", "--timeout", "20", fixture->url,
                              "call", "whoami", NULL);
  g_assert_no_error (error);
  stderr_pipe = g_subprocess_get_stderr_pipe (process);

  while (url == NULL)
    {
      g_autofree char *line = mcp_test_read_line (stderr_pipe, MCP_TEST_TIMEOUT_MS);

      g_assert_nonnull (line);
      g_strstrip (line);
      if (g_str_has_prefix (line, "http://"))
        url = g_strdup (line);
    }
  on_authorize (NULL, url, fixture);
  g_free (url);

  g_subprocess_communicate_utf8_async (process, NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (g_subprocess_communicate_utf8_finish (process, result, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  g_assert_nonnull (strstr (out, "alice"));
  g_assert_cmpuint (fixture->authorizations, ==, 1);
  g_assert_cmpuint (fixture->code_grants, ==, 1);
}

/* The pool's URL policy: transports it makes carry the OAuth client. */
static McpTransport *
pool_factory (McpConnectionPool *pool,
              const char        *url,
              const char        *auth_token,
              gpointer           user_data)
{
  McpHttpTransport *transport = mcp_http_transport_new (url);

  mcp_http_transport_set_oauth_client (transport, user_data);
  return MCP_TRANSPORT (transport);
}

static char *
pool_whoami (McpConnectionPool  *pool,
             const char         *url,
             GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  JsonArray *content;

  mcp_connection_pool_call_tool_async (pool, url, "whoami", NULL, NULL, mcp_test_store_result_cb,
                                       &result);
  result = mcp_test_wait_result (&result);
  answer = mcp_connection_pool_call_tool_finish (pool, result, error);
  if (answer == NULL)
    return NULL;
  content = mcp_tool_result_get_content (answer);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (content, 0), "text"));
}

/* Through a connection pool, the flow's fetches pass its URL policy:
 * loopback is allowed by default, so the flow completes. */
static void
test_pool_policy_allows (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = new_oauth (fixture, NULL);
  g_autoptr(McpConnectionPool) pool = mcp_connection_pool_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;

  mcp_connection_pool_set_transport_factory (pool, "http", pool_factory, g_object_ref (oauth),
                                             g_object_unref);
  who = pool_whoami (pool, fixture->url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (who, ==, "alice");
  g_assert_cmpuint (fixture->authorizations, ==, 1);
  mcp_connection_pool_clear (pool);
  mcp_test_spin (20);
}

/* A server that names a cloud metadata address for its resource metadata
 * gets nothing fetched there: the pool's policy refuses the URL before a
 * connection is made, and the flow fails saying so. */
static void
hostile_resource_server (SoupServer        *server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate",
                                "Bearer resource_metadata=\"http://169.254.169.254/latest/meta-data\"");
  soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
}

static void
test_pool_policy_refuses (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(McpOAuthClient) oauth = new_oauth (fixture, NULL);
  g_autoptr(McpConnectionPool) pool = mcp_connection_pool_new ();
  g_autoptr(SoupServer) hostile = soup_server_new (NULL, NULL);
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *who = NULL;

  soup_server_add_handler (hostile, NULL, hostile_resource_server, NULL, NULL);
  g_assert_true (soup_server_listen_local (hostile, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (hostile);
  url = g_strdup_printf ("http://127.0.0.1:%d/mcp", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  mcp_connection_pool_set_transport_factory (pool, "http", pool_factory, g_object_ref (oauth),
                                             g_object_unref);
  who = pool_whoami (pool, url, &error);
  g_assert_null (who);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Not fetching http://169.254.169.254/latest/meta-data"));
  g_assert_cmpuint (fixture->opened, ==, 0);
  mcp_connection_pool_clear (pool);
  soup_server_disconnect (hostile);
  mcp_test_spin (20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, mode, func) \
  g_test_add ("/Mcp/OAuthClient/" path, Fixture, GUINT_TO_POINTER (mode), fixture_set_up, func, \
              fixture_tear_down)

  ADD ("flow", AS_NORMAL, test_flow);
  ADD ("refresh", AS_NORMAL, test_refresh);
  ADD ("token-store", AS_NORMAL, test_store);
  ADD ("no-handler", AS_NORMAL, test_no_handler);
  ADD ("refused", AS_REFUSE, test_refused);
  ADD ("forged-redirect", AS_NORMAL, test_forged_redirect);
  ADD ("timeout", AS_NORMAL, test_timeout);
  ADD ("cancel", AS_NORMAL, test_cancel);
  ADD ("hostile/huge-metadata", AS_HUGE_METADATA, test_hostile_metadata);
  ADD ("hostile/not-json", AS_BAD_METADATA, test_hostile_metadata);
  ADD ("hostile/wrong-issuer", AS_WRONG_ISSUER, test_hostile_metadata);
  ADD ("mcp-cli", AS_NORMAL, test_cli);
  ADD ("websocket", AS_NORMAL, test_websocket);
  ADD ("pool-policy/allows", AS_NORMAL, test_pool_policy_allows);
  ADD ("pool-policy/refuses", AS_NORMAL, test_pool_policy_refuses);

  return g_test_run ();
}
