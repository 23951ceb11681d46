/* test-introspection.c: McpIntrospectionProvider against an RFC 7662
 * endpoint a local SoupServer serves on 127.0.0.1: client authentication,
 * active and inactive tokens, expiry, audience, scopes, the cache (its TTL,
 * its size, that only active answers are kept), a failing endpoint; and
 * the answers an McpHttpServerTransport gives (401, 403, 503).
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-json-writer-private.h"
#include "mcp-test-util.h"

#define CLIENT_ID "resource server"
#define CLIENT_SECRET "s3cret:with/odd&chars"
#define AUDIENCE "https://mcp.test/mcp"
#define ISSUER "https://issuer.test"

/* The authorization server's introspection endpoint ------------------------------ */

static SoupServer *endpoint_server;
static char *endpoint_url;
static guint hits;
static guint bad_client_hits;
static gboolean endpoint_broken;
static gint64 short_exp;

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* What the endpoint knows: a token's name says what it is. */
static JsonObject *
answer_for (const char *token)
{
  JsonObject *answer = json_object_new ();
  gboolean active = g_str_has_prefix (token, "good-") || g_str_has_prefix (token, "aud-") ||
                    g_str_has_prefix (token, "scope-") || g_str_has_prefix (token, "exp-") ||
                    g_str_has_prefix (token, "short-");

  json_object_set_boolean_member (answer, "active", active);
  if (!active)
    return answer;

  json_object_set_string_member (answer, "sub", token);
  json_object_set_string_member (answer, "client_id", "some-client");
  json_object_set_string_member (answer, "iss", ISSUER);
  json_object_set_string_member (answer, "token_type", "Bearer");
  json_object_set_string_member (answer, "scope",
                                 g_str_has_prefix (token, "scope-") ? "tools" : "mcp tools");
  json_object_set_string_member (answer, "aud",
                                 g_str_has_prefix (token, "aud-") ? "https://other.test" : AUDIENCE);
  /* A short-lived token's exp is fixed the first time it is asked about. */
  if (g_str_has_prefix (token, "short-") && short_exp == 0)
    short_exp = now () + 2;
  json_object_set_int_member (answer, "exp",
                              g_str_has_prefix (token, "exp-") ? now () - 3600
                              : g_str_has_prefix (token, "short-") ? short_exp
                              : now () + 600);

  return answer;
}

static void
endpoint_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  const char *token;

  hits++;

  if (endpoint_broken)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_GATEWAY, NULL);
      return;
    }

  /* RFC 6749 §2.3.1: id and secret form-encoded, then Basic. */
  {
    g_autofree char *id = g_uri_escape_string (CLIENT_ID, NULL, FALSE);
    g_autofree char *secret = g_uri_escape_string (CLIENT_SECRET, NULL, FALSE);
    g_autofree char *pair = g_strconcat (id, ":", secret, NULL);
    g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));

    expected = g_strconcat ("Basic ", basic, NULL);
  }
  if (g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"), expected) != 0)
    {
      bad_client_hits++;
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }

  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==,
                   "application/x-www-form-urlencoded");
  bytes = soup_message_body_flatten (body);
  form = soup_form_decode (g_bytes_get_data (bytes, NULL));
  g_assert_cmpstr (g_hash_table_lookup (form, "token_type_hint"), ==, "access_token");
  token = g_hash_table_lookup (form, "token");
  g_assert_nonnull (token);

  answer = answer_for (token);
  node = json_node_init_object (json_node_alloc (), answer);
  json = _mcp_json_to_string (node, NULL);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

static void
endpoint_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  endpoint_server = soup_server_new (NULL, NULL);
  soup_server_add_handler (endpoint_server, "/introspect", endpoint_handler, NULL, NULL);
  soup_server_listen_local (endpoint_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (endpoint_server);
  endpoint_url = g_strdup_printf ("http://127.0.0.1:%d/introspect", g_uri_get_port (uris->data));
}

/* Asking the provider ------------------------------------------------------------ */

static McpIntrospectionProvider *
provider_new (void)
{
  McpIntrospectionProvider *provider = mcp_introspection_provider_new (endpoint_url, CLIENT_ID,
                                                                       CLIENT_SECRET);
  const char *scopes[] = { "mcp", NULL };

  mcp_token_verifier_set_audience (MCP_TOKEN_VERIFIER (provider), AUDIENCE);
  mcp_token_verifier_set_issuer (MCP_TOKEN_VERIFIER (provider), ISSUER);
  mcp_token_verifier_set_required_scopes (MCP_TOKEN_VERIFIER (provider), scopes);

  return provider;
}

static McpAuthInfo *
authenticate (McpIntrospectionProvider  *provider,
              const char                *token,
              GError                   **error)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

  soup_message_headers_replace (headers, "Authorization", authorization);
  mcp_auth_provider_authenticate_async (MCP_AUTH_PROVIDER (provider), headers, NULL, NULL,
                                        mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_auth_provider_authenticate_finish (MCP_AUTH_PROVIDER (provider), result, error);
}

static void
assert_refused (McpIntrospectionProvider *provider,
                const char               *token,
                GQuark                    domain,
                int                       code,
                const char               *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpAuthInfo) info = authenticate (provider, token, &error);

  g_assert_null (info);
  g_assert_error (error, domain, code);
  if (strstr (error->message, reason) == NULL)
    g_error ("\"%s\" does not say \"%s\"", error->message, reason);
}

/* Tests ----------------------------------------------------------------------------- */

static void
test_active (void)
{
  g_autoptr(McpIntrospectionProvider) provider = provider_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(McpAuthInfo) info = NULL;
  guint before = hits;

  info = authenticate (provider, "good-alice", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_auth_info_get_principal (info), ==, "good-alice");
  g_assert_true (mcp_auth_info_has_permission (info, "tools"));
  g_assert_false (mcp_auth_info_has_permission (info, "admin"));
  g_assert_cmpint (mcp_auth_info_get_expires_at (info), >, now ());
  g_assert_cmpuint (hits, ==, before + 1);
  g_clear_object (&info);

  /* Cached: not asked again. */
  info = authenticate (provider, "good-alice", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits, ==, before + 1);
}

static void
test_refused (void)
{
  g_autoptr(McpIntrospectionProvider) provider = provider_new ();
  guint before = hits;

  assert_refused (provider, "revoked-1", MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "not active");
  /* Inactive answers are not kept: asked again. */
  assert_refused (provider, "revoked-1", MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "not active");
  g_assert_cmpuint (hits, ==, before + 2);

  assert_refused (provider, "exp-bob", MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "expired");
  assert_refused (provider, "aud-carol", MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "aud");
  assert_refused (provider, "scope-dave", MCP_ERROR, MCP_ERROR_FORBIDDEN, "scope mcp");

  /* No bearer token, and one over the size limit: the endpoint is not asked. */
  before = hits;
  {
    g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(McpAuthInfo) info = NULL;

    mcp_auth_provider_authenticate_async (MCP_AUTH_PROVIDER (provider), headers, NULL, NULL,
                                          mcp_test_store_result_cb, &result);
    result = mcp_test_wait_result (&result);
    info = mcp_auth_provider_authenticate_finish (MCP_AUTH_PROVIDER (provider), result, &error);
    g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  }
  {
    g_autofree char *huge = g_strnfill (9000, 'x');

    assert_refused (provider, huge, MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "longer than the limit");
  }
  g_assert_cmpuint (hits, ==, before);
}

static void
test_cache_bounds (void)
{
  g_autoptr(McpIntrospectionProvider) provider = provider_new ();
  g_autoptr(GError) error = NULL;
  guint before;

  /* Size: with room for 2, a third pushes the oldest out. */
  mcp_introspection_provider_set_max_cache_entries (provider, 2);
  before = hits;
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *token = g_strdup_printf ("good-%u", i);
      g_autoptr(McpAuthInfo) info = authenticate (provider, token, &error);

      g_assert_no_error (error);
    }
  g_assert_cmpuint (hits, ==, before + 3);
  {
    g_autoptr(McpAuthInfo) newest = authenticate (provider, "good-2", &error);
    g_autoptr(McpAuthInfo) oldest = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (hits, ==, before + 3);
    oldest = authenticate (provider, "good-0", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits, ==, before + 4);
  }

  /* TTL: after it, asked again. */
  mcp_introspection_provider_set_cache_ttl (provider, 1);
  before = hits;
  {
    g_autoptr(McpAuthInfo) info = authenticate (provider, "good-ttl", &error);

    g_assert_no_error (error);
  }
  {
    g_autoptr(McpAuthInfo) info = authenticate (provider, "good-ttl", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits, ==, before + 1);
  }
  mcp_test_spin (1100);
  {
    g_autoptr(McpAuthInfo) info = authenticate (provider, "good-ttl", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits, ==, before + 2);
  }

  /* Never past the token's own exp, even within the TTL: a cached answer
   * is checked again, and the token that expired is refused. */
  mcp_introspection_provider_set_cache_ttl (provider, 3600);
  mcp_token_verifier_set_clock_skew (MCP_TOKEN_VERIFIER (provider), 0);
  {
    g_autoptr(McpAuthInfo) info = authenticate (provider, "short-lived", &error);

    g_assert_no_error (error);
  }
  before = hits;
  mcp_test_spin (3100);
  assert_refused (provider, "short-lived", MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "expired");
  g_assert_cmpuint (hits, ==, before + 1);
}

static void
test_endpoint_failures (void)
{
  g_autoptr(McpIntrospectionProvider) provider = provider_new ();
  g_autoptr(McpIntrospectionProvider) wrong_client =
    mcp_introspection_provider_new (endpoint_url, CLIENT_ID, "wrong");
  g_autoptr(McpIntrospectionProvider) remote =
    mcp_introspection_provider_new ("http://auth.example.com/introspect", CLIENT_ID, CLIENT_SECRET);
  guint before = bad_client_hits;

  /* Not the client's fault: G_IO_ERROR, which the transports answer 503. */
  assert_refused (wrong_client, "good-x", G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP 401");
  g_assert_cmpuint (bad_client_hits, ==, before + 1);

  endpoint_broken = TRUE;
  assert_refused (provider, "good-y", G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP 502");
  endpoint_broken = FALSE;

  assert_refused (remote, "good-z", G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                  "neither https nor http on a loopback");
}

/* Through a server transport: the answers a client sees. */
static void
test_over_http (void)
{
  g_autoptr(McpIntrospectionProvider) provider = provider_new ();
  g_autoptr(McpServer) server = mcp_server_new ("test-introspection", "1.0");
  g_autoptr(McpHttpServerTransport) http = mcp_http_server_transport_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  struct {
    const char *token;
    guint       status;
    const char *challenge;
  } cases[] = {
    { "good-http", SOUP_STATUS_OK, NULL },
    { "revoked-http", SOUP_STATUS_UNAUTHORIZED, "error=\"invalid_token\"" },
    { "exp-http", SOUP_STATUS_UNAUTHORIZED, "expired" },
    { "aud-http", SOUP_STATUS_UNAUTHORIZED, "(aud)" },
    { "scope-http", SOUP_STATUS_FORBIDDEN, "error=\"insufficient_scope\"" },
  };

  mcp_http_server_transport_set_auth_provider (http, MCP_AUTH_PROVIDER (provider));
  mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (http));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL, mcp_test_store_result_cb,
                                    &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (http), result, &error));
  g_clear_object (&result);
  url = mcp_http_server_transport_dup_url (http);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupSession) soup = soup_session_new ();
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
      g_autofree char *authorization = g_strconcat ("Bearer ", cases[i].token, NULL);
      g_autoptr(GBytes) body = g_bytes_new_static ("{\"jsonrpc\":\"2.0\",\"id\":1,"
                                                   "\"method\":\"ping\"}", 38);
      g_autoptr(GBytes) reply = NULL;
      const char *challenge;

      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                    "application/json, text/event-stream");
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
      soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL,
                                        mcp_test_store_result_cb, &result);
      result = mcp_test_wait_result (&result);
      reply = soup_session_send_and_read_finish (soup, result, &error);
      g_assert_no_error (error);
      g_clear_object (&result);

      challenge = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                "WWW-Authenticate");
      if (cases[i].status == SOUP_STATUS_OK)
        {
          /* Past admission: whatever MCP says of a ping before initialize. */
          g_assert_cmpuint (soup_message_get_status (msg), !=, SOUP_STATUS_UNAUTHORIZED);
          g_assert_cmpuint (soup_message_get_status (msg), !=, SOUP_STATUS_FORBIDDEN);
          g_assert_null (challenge);
          continue;
        }
      g_assert_cmpuint (soup_message_get_status (msg), ==, cases[i].status);
      g_assert_nonnull (challenge);
      g_assert_nonnull (strstr (challenge, cases[i].challenge));
    }

  /* An endpoint that fails: 503, not a refusal of the credentials. */
  endpoint_broken = TRUE;
  {
    g_autoptr(SoupSession) soup = soup_session_new ();
    g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
    g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
    g_autoptr(GBytes) reply = NULL;

    soup_message_set_request_body_from_bytes (msg, "application/json", body);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  "Bearer good-broken");
    g_test_expect_message ("Mcp", G_LOG_LEVEL_WARNING, "*auth provider failed*");
    soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL,
                                      mcp_test_store_result_cb, &result);
    result = mcp_test_wait_result (&result);
    reply = soup_session_send_and_read_finish (soup, result, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    g_test_assert_expected_messages ();
    g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_SERVICE_UNAVAILABLE);
  }
  endpoint_broken = FALSE;

  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (http), NULL, mcp_test_store_result_cb,
                                   &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_stop_finish (MCP_SERVER_TRANSPORT (http), result, NULL));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  endpoint_start ();

  g_test_add_func ("/Mcp/Introspection/active", test_active);
  g_test_add_func ("/Mcp/Introspection/refused", test_refused);
  g_test_add_func ("/Mcp/Introspection/cache-bounds", test_cache_bounds);
  g_test_add_func ("/Mcp/Introspection/endpoint-failures", test_endpoint_failures);
  g_test_add_func ("/Mcp/Introspection/over-http", test_over_http);

  status = g_test_run ();

  g_clear_object (&endpoint_server);
  g_free (endpoint_url);

  return status;
}
