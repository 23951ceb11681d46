/* test-jwt.c: McpJwtProvider's HS256 checks, mcp_jwt_create_hs256(), and
 * the API key provider's buckets, without a network.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-auth-private.h"
#include "mcp-test-util.h"

#define SECRET "unit-test-secret-0123456789abcdef"

static GBytes *
secret (void)
{
  return g_bytes_new_static (SECRET, strlen (SECRET));
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static McpJwtProvider *
provider (void)
{
  g_autoptr(GBytes) key = secret ();

  return mcp_jwt_provider_new_hs256 (key);
}

static char *
token_for (const char *claims_json)
{
  g_autoptr(GBytes) key = secret ();
  g_autoptr(JsonNode) claims = mcp_test_parse (claims_json);

  return mcp_jwt_create_hs256 (key, json_node_get_object (claims));
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

/* @token with its header replaced by @header, the signature kept. */
static char *
with_header (const char *token,
             const char *header)
{
  g_autofree char *encoded = b64url (header);

  return g_strconcat (encoded, strchr (token, '.'), NULL);
}

static void
assert_refused (McpJwtProvider *jwt,
                const char     *token,
                const char     *phrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpAuthInfo) info = mcp_jwt_provider_verify (jwt, token, &error);

  g_assert_null (info);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  if (strstr (error->message, phrase) == NULL)
    g_error ("\"%s\" does not say \"%s\"", error->message, phrase);
}

static void
test_round_trip (void)
{
  g_autoptr(McpJwtProvider) jwt = provider ();
  g_autofree char *claims = g_strdup_printf ("{\"sub\":\"alice\",\"exp\":%" G_GINT64_FORMAT ","
                                             "\"scope\":\"read  write\",\"permissions\":[\"admin\"],"
                                             "\"iss\":\"https://as.test\",\"aud\":[\"x\",\"mcp\"]}",
                                             now () + 60);
  g_autofree char *token = token_for (claims);
  g_autoptr(GError) error = NULL;
  g_autoptr(McpAuthInfo) info = NULL;
  const char * const *permissions;

  /* Three base64url parts, no padding. */
  g_assert_null (strchr (token, '='));
  {
    g_auto(GStrv) parts = g_strsplit (token, ".", -1);

    g_assert_cmpuint (g_strv_length (parts), ==, 3);
  }

  mcp_token_verifier_set_issuer (MCP_TOKEN_VERIFIER (jwt), "https://as.test");
  mcp_token_verifier_set_audience (MCP_TOKEN_VERIFIER (jwt), "mcp");
  info = mcp_jwt_provider_verify (jwt, token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_auth_info_get_principal (info), ==, "alice");
  permissions = mcp_auth_info_get_permissions (info);
  g_assert_cmpuint (g_strv_length ((char **) permissions), ==, 3);
  g_assert_true (mcp_auth_info_has_permission (info, "read"));
  g_assert_true (mcp_auth_info_has_permission (info, "write"));
  g_assert_true (mcp_auth_info_has_permission (info, "admin"));
  g_assert_false (mcp_auth_info_has_permission (info, "root"));
  g_assert_cmpint (mcp_auth_info_get_expires_at (info), ==, now () + 60);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mcp_auth_info_get_claims (info)),
                                                  "iss"), ==, "https://as.test");
}

static void
test_time (void)
{
  g_autoptr(McpJwtProvider) jwt = provider ();
  g_autofree char *claims = g_strdup_printf ("{\"sub\":\"a\",\"exp\":%" G_GINT64_FORMAT "}",
                                             now () - 30);
  g_autofree char *late = token_for (claims);
  g_autofree char *future_claims = g_strdup_printf ("{\"sub\":\"a\",\"exp\":%" G_GINT64_FORMAT
                                                    ",\"nbf\":%" G_GINT64_FORMAT "}",
                                                    now () + 600, now () + 30);
  g_autofree char *early = token_for (future_claims);
  g_autofree char *no_exp = token_for ("{\"sub\":\"a\"}");
  g_autofree char *text_exp = token_for ("{\"sub\":\"a\",\"exp\":\"tomorrow\"}");
  g_autoptr(McpAuthInfo) info = NULL;
  g_autoptr(McpAuthInfo) early_info = NULL;

  /* Within the default skew of 60 s, both pass. */
  g_assert_cmpuint (mcp_token_verifier_get_clock_skew (MCP_TOKEN_VERIFIER (jwt)), ==, 60);
  info = mcp_jwt_provider_verify (jwt, late, NULL);
  g_assert_nonnull (info);
  early_info = mcp_jwt_provider_verify (jwt, early, NULL);
  g_assert_nonnull (early_info);

  mcp_token_verifier_set_clock_skew (MCP_TOKEN_VERIFIER (jwt), 0);
  assert_refused (jwt, late, "expired");
  assert_refused (jwt, early, "not valid yet");
  assert_refused (jwt, no_exp, "no exp claim");
  assert_refused (jwt, text_exp, "exp claim is not a number");
}

static void
test_issuer_and_audience (void)
{
  g_autoptr(McpJwtProvider) jwt = provider ();
  g_autofree char *claims = g_strdup_printf ("{\"sub\":\"a\",\"exp\":%" G_GINT64_FORMAT ","
                                             "\"iss\":\"https://as.test\",\"aud\":\"mcp\"}",
                                             now () + 60);
  g_autofree char *token = token_for (claims);
  g_autofree char *no_sub_claims = g_strdup_printf ("{\"exp\":%" G_GINT64_FORMAT "}", now () + 60);
  g_autofree char *no_sub = token_for (no_sub_claims);

  mcp_token_verifier_set_issuer (MCP_TOKEN_VERIFIER (jwt), "https://other.test");
  assert_refused (jwt, token, "(iss)");
  mcp_token_verifier_set_issuer (MCP_TOKEN_VERIFIER (jwt), "https://as.test");
  mcp_token_verifier_set_audience (MCP_TOKEN_VERIFIER (jwt), "someone-else");
  assert_refused (jwt, token, "(aud)");
  mcp_token_verifier_set_audience (MCP_TOKEN_VERIFIER (jwt), "mcp");
  {
    g_autoptr(McpAuthInfo) info = mcp_jwt_provider_verify (jwt, token, NULL);

    g_assert_nonnull (info);
  }
  mcp_token_verifier_set_issuer (MCP_TOKEN_VERIFIER (jwt), NULL);
  mcp_token_verifier_set_audience (MCP_TOKEN_VERIFIER (jwt), NULL);
  assert_refused (jwt, no_sub, "no sub claim");

  /* A valid token without a required scope is forbidden, not unauthorized. */
  {
    const char *required[] = { "tools", NULL };
    g_autofree char *scoped_claims = g_strdup_printf ("{\"sub\":\"a\",\"exp\":%" G_GINT64_FORMAT ","
                                                      "\"scope\":\"tools admin\"}", now () + 60);
    g_autofree char *scoped = token_for (scoped_claims);
    g_autoptr(McpAuthInfo) info = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(McpAuthInfo) refused = NULL;

    mcp_token_verifier_set_required_scopes (MCP_TOKEN_VERIFIER (jwt), required);
    info = mcp_jwt_provider_verify (jwt, scoped, NULL);
    g_assert_nonnull (info);
    refused = mcp_jwt_provider_verify (jwt, token, &error);
    g_assert_null (refused);
    g_assert_error (error, MCP_ERROR, MCP_ERROR_FORBIDDEN);
    g_assert_nonnull (strstr (error->message, "scope tools"));
  }
}

static void
test_algorithms (void)
{
  g_autoptr(McpJwtProvider) jwt = provider ();
  g_autofree char *claims = g_strdup_printf ("{\"sub\":\"a\",\"exp\":%" G_GINT64_FORMAT "}",
                                             now () + 60);
  g_autofree char *token = token_for (claims);
  g_autofree char *none = with_header (token, "{\"alg\":\"none\"}");
  g_autofree char *none_upper = with_header (token, "{\"alg\":\"NONE\",\"typ\":\"JWT\"}");
  g_autofree char *rs256 = with_header (token, "{\"alg\":\"RS256\"}");
  g_autofree char *hs512 = with_header (token, "{\"alg\":\"HS512\"}");
  g_autofree char *no_alg = with_header (token, "{\"typ\":\"JWT\"}");
  g_autofree char *crit = with_header (token, "{\"alg\":\"HS256\",\"crit\":[\"b64\"]}");
  g_autofree char *unsigned_token = NULL;

  /* The header is signed too: alg none keeps no signature that could
   * match, and is refused before the signature is looked at. */
  unsigned_token = g_strndup (none, strrchr (none, '.') - none + 1);
  assert_refused (jwt, none, "alg none");
  assert_refused (jwt, none_upper, "alg none");
  assert_refused (jwt, unsigned_token, "alg none");
  assert_refused (jwt, rs256, "algorithm is not accepted");
  assert_refused (jwt, hs512, "algorithm is not accepted");
  assert_refused (jwt, no_alg, "the header has no alg");
  assert_refused (jwt, crit, "critical");
}

static void
test_signature (void)
{
  g_autoptr(McpJwtProvider) jwt = provider ();
  g_autoptr(GBytes) other = g_bytes_new_static ("another secret", 14);
  g_autofree char *claims = g_strdup_printf ("{\"sub\":\"a\",\"exp\":%" G_GINT64_FORMAT "}",
                                             now () + 60);
  g_autofree char *token = token_for (claims);
  g_autoptr(JsonNode) node = mcp_test_parse (claims);
  g_autofree char *foreign = mcp_jwt_create_hs256 (other, json_node_get_object (node));
  g_autofree char *escalated_claims = g_strdup_printf ("{\"sub\":\"root\",\"exp\":%" G_GINT64_FORMAT "}",
                                                       now () + 60);
  g_autofree char *escalated_payload = b64url (escalated_claims);
  const char *first_dot = strchr (token, '.');
  const char *last_dot = strrchr (token, '.');
  g_autofree char *header = g_strndup (token, first_dot - token);
  g_autofree char *tampered = g_strdup_printf ("%s.%s%s", header, escalated_payload, last_dot);
  g_autofree char *truncated = g_strndup (token, strlen (token) - 1);

  assert_refused (jwt, foreign, "signature is not valid");
  assert_refused (jwt, tampered, "signature is not valid");
  assert_refused (jwt, truncated, "signature is not valid");
}

static void
test_malformed (void)
{
  g_autoptr(McpJwtProvider) jwt = provider ();
  g_autofree char *array_header = b64url ("[1,2]");
  g_autofree char *not_json = b64url ("alg=HS256");
  g_autofree char *array_token = g_strdup_printf ("%s.e30.sig", array_header);
  g_autofree char *text_token = g_strdup_printf ("%s.e30.sig", not_json);
  g_autofree char *big = NULL;
  GString *builder = g_string_new ("eyJhbGciOiJIUzI1NiJ9.");

  assert_refused (jwt, "", "three dot-separated parts");
  assert_refused (jwt, "abc", "three dot-separated parts");
  assert_refused (jwt, "a.b", "three dot-separated parts");
  assert_refused (jwt, "a.b.c.d", "three dot-separated parts");
  assert_refused (jwt, "..", "Malformed token");
  assert_refused (jwt, "!!!.e30.sig", "Malformed token");
  assert_refused (jwt, "e30=.e30.sig", "Malformed token");
  assert_refused (jwt, array_token, "Malformed token");
  assert_refused (jwt, text_token, "Malformed token");

  while (builder->len <= mcp_token_verifier_get_max_token_size (MCP_TOKEN_VERIFIER (jwt)))
    g_string_append (builder, "QUFB");
  g_string_append (builder, ".sig");
  big = g_string_free (builder, FALSE);
  assert_refused (jwt, big, "longer than the limit of 8192 bytes");
}

static void
test_token_bucket (void)
{
  McpTokenBucket *bucket = _mcp_token_bucket_new (2.0, 3);
  guint retry_after = 0;
  gint64 t = 1000000;

  for (guint i = 0; i < 3; i++)
    g_assert_true (_mcp_token_bucket_take (bucket, t, &retry_after));
  g_assert_false (_mcp_token_bucket_take (bucket, t, &retry_after));
  g_assert_cmpuint (retry_after, ==, 1);

  /* Half a second refills one token at 2 a second. */
  g_assert_true (_mcp_token_bucket_take (bucket, t + G_USEC_PER_SEC / 2, NULL));
  g_assert_false (_mcp_token_bucket_take (bucket, t + G_USEC_PER_SEC / 2, NULL));
  /* A long pause refills no more than the burst. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (_mcp_token_bucket_take (bucket, t + 100 * G_USEC_PER_SEC, NULL));
  g_assert_false (_mcp_token_bucket_take (bucket, t + 100 * G_USEC_PER_SEC, NULL));
  _mcp_token_bucket_unref (bucket);

  bucket = _mcp_token_bucket_new (0.1, 1);
  g_assert_true (_mcp_token_bucket_take (bucket, t, NULL));
  g_assert_false (_mcp_token_bucket_take (bucket, t, &retry_after));
  g_assert_cmpuint (retry_after, ==, 10);
  _mcp_token_bucket_unref (bucket);
}

static void
authenticate_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static McpAuthInfo *
authenticate (McpAuthProvider  *provider,
              const char       *name,
              const char       *value,
              GError          **error)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GAsyncResult) result = NULL;

  if (name != NULL)
    soup_message_headers_append (headers, name, value);
  mcp_auth_provider_authenticate_async (provider, headers, NULL, NULL, authenticate_cb, &result);
  result = mcp_test_wait_result (&result);

  return mcp_auth_provider_authenticate_finish (provider, result, error);
}

static void
test_api_keys (void)
{
  g_autoptr(McpApiKeyProvider) keys = mcp_api_key_provider_new ();
  const char *permissions[] = { "tools", NULL };
  g_autoptr(JsonNode) metadata = mcp_test_parse ("{\"team\":\"blue\"}");
  g_autoptr(McpAuthInfo) by_header = NULL;
  g_autoptr(McpAuthInfo) by_bearer = NULL;
  g_autoptr(GError) error = NULL;
  guint retry_after = 0;

  g_assert_cmpfloat (mcp_api_key_provider_get_default_rate (keys), ==, 10.0);
  g_assert_cmpuint (mcp_api_key_provider_get_default_burst (keys), ==, 20);
  mcp_api_key_provider_add_key (keys, "secret-one", "ci", permissions, metadata, 1.0, 1);
  mcp_api_key_provider_add_key (keys, "secret-two", NULL, NULL, NULL, 0, 0);
  g_assert_cmpuint (mcp_api_key_provider_get_n_keys (keys), ==, 2);

  by_header = authenticate (MCP_AUTH_PROVIDER (keys), "X-API-Key", "secret-one", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_auth_info_get_principal (by_header), ==, "ci");
  g_assert_true (mcp_auth_info_has_permission (by_header, "tools"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mcp_auth_info_get_claims (by_header)),
                                                  "team"), ==, "blue");
  /* The key's bucket holds one request. */
  g_assert_true (_mcp_auth_info_charge (by_header, &retry_after));
  g_assert_false (_mcp_auth_info_charge (by_header, &retry_after));
  g_assert_cmpuint (retry_after, ==, 1);

  by_bearer = authenticate (MCP_AUTH_PROVIDER (keys), "Authorization", "Bearer secret-two", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_auth_info_get_principal (by_bearer), ==, "api-key-2");
  /* Rate 0: no limit. */
  for (guint i = 0; i < 100; i++)
    g_assert_true (_mcp_auth_info_charge (by_bearer, NULL));

  g_assert_null (authenticate (MCP_AUTH_PROVIDER (keys), "X-API-Key", "secret-on", &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_null (authenticate (MCP_AUTH_PROVIDER (keys), NULL, NULL, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  g_assert_true (mcp_api_key_provider_remove_key (keys, "secret-one"));
  g_assert_false (mcp_api_key_provider_remove_key (keys, "secret-one"));
  g_assert_null (authenticate (MCP_AUTH_PROVIDER (keys), "X-API-Key", "secret-one", &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
}

static void
test_chain (void)
{
  g_autoptr(McpAuthChain) chain = mcp_auth_chain_new ();
  g_autoptr(McpBearerTokenProvider) bearer = mcp_bearer_token_provider_new ("tok", "ops");
  g_autoptr(McpJwtProvider) jwt = provider ();
  g_autofree char *claims = g_strdup_printf ("{\"sub\":\"bob\",\"exp\":%" G_GINT64_FORMAT "}",
                                             now () + 60);
  g_autofree char *token = token_for (claims);
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);
  g_autoptr(McpAuthInfo) by_jwt = NULL;
  g_autoptr(McpAuthInfo) by_token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  const char *servers[] = { "https://as.test", NULL };
  const char *scopes[] = { "tools", "admin", NULL };

  mcp_auth_chain_add_provider (chain, MCP_AUTH_PROVIDER (bearer));
  mcp_auth_chain_add_provider (chain, MCP_AUTH_PROVIDER (jwt));

  by_token = authenticate (MCP_AUTH_PROVIDER (chain), "Authorization", "Bearer tok", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_auth_info_get_principal (by_token), ==, "ops");
  by_jwt = authenticate (MCP_AUTH_PROVIDER (chain), "Authorization", authorization, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_auth_info_get_principal (by_jwt), ==, "bob");

  /* Every provider's reason, in order. */
  g_assert_null (authenticate (MCP_AUTH_PROVIDER (chain), "Authorization", "Bearer x.y", &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==,
                   "The bearer token is not valid; "
                   "Malformed token: a JWT has three dot-separated parts");

  g_assert_null (mcp_auth_provider_dup_resource_metadata (MCP_AUTH_PROVIDER (chain), "http://h/mcp"));
  mcp_auth_chain_set_authorization_servers (chain, servers);
  mcp_auth_chain_set_scopes_supported (chain, scopes);
  metadata = mcp_auth_provider_dup_resource_metadata (MCP_AUTH_PROVIDER (chain), "http://h/mcp");
  g_assert_nonnull (metadata);
  {
    g_autofree char *json = json_to_string (metadata, FALSE);

    g_assert_cmpstr (json, ==,
                     "{\"resource\":\"http://h/mcp\",\"authorization_servers\":[\"https://as.test\"],"
                     "\"bearer_methods_supported\":[\"header\"],\"scopes_supported\":[\"tools\",\"admin\"]}");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Jwt/round-trip", test_round_trip);
  g_test_add_func ("/Mcp/Jwt/time", test_time);
  g_test_add_func ("/Mcp/Jwt/issuer-and-audience", test_issuer_and_audience);
  g_test_add_func ("/Mcp/Jwt/algorithms", test_algorithms);
  g_test_add_func ("/Mcp/Jwt/signature", test_signature);
  g_test_add_func ("/Mcp/Jwt/malformed", test_malformed);
  g_test_add_func ("/Mcp/Auth/token-bucket", test_token_bucket);
  g_test_add_func ("/Mcp/Auth/api-keys", test_api_keys);
  g_test_add_func ("/Mcp/Auth/chain", test_chain);

  return g_test_run ();
}
