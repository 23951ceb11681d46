/* test-jwks.c: McpJwtProvider with asymmetric keys on 127.0.0.1: RS256 and
 * ES256 tokens whose keys a local SoupServer publishes as a JWKS, through
 * a real McpHttpServerTransport; the JWKS cache, its refresh after the TTL
 * and on an unknown kid, the rate limit on refreshes, the bounded
 * document; and every shape of bad token refused with 401 (403 for a
 * missing scope) and nothing else.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-jose-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-test-util.h"

#define ISSUER "https://issuer.test"
#define AUDIENCE "https://mcp.test/mcp"

#define INITIALIZE \
  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{" \
  "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}," \
  "\"clientInfo\":{\"name\":\"jwks\",\"version\":\"1\"}}}"

/* A key pair made with OpenSSL: the public PEM is what an HS/RS confusion
 * attack uses as the HMAC secret. */
static const char rsa_private_pem[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDzVLahFyCfephm\n"
  "hi+RZLBNUg/3lmzk0RLZSO6FWwegP1zXu9Kp7dHGygP4k2G8BgaovboHqvzO6Oct\n"
  "Csb9/lIb38T/ul6euy+TvQYsafgFwGWKZ/s33cbCDjHT9L73MQI2RuvYhndkfLGt\n"
  "ID71417eXz/YPx++Ts2cKaZgx+kHdPEqMRnN839cO55npDxP/YWPgxgpZQxI2C29\n"
  "LiRdXuI9CZ1IoKf/HfuA1qJ44/gC/RV3mRmMBOTnlmdV5xiVt38P4VkZC6T6IZJG\n"
  "l3/eUzqN78e1A9HDLIpFZcHHb8nASg7QIO/KB0Fzxkaod7heoZg9shbRtVKL/lmx\n"
  "/sYEq3vPAgMBAAECggEAGHMFmrARNhUCZSLMesZsNIivVAhITsF3LF/4n2ujG4Xi\n"
  "VUbpBuv/bQL1XS+p3VOZrbDKlWSn3D5opAz2K6U3KNfWGn/ma/qQ8D5I9YN8SU+o\n"
  "pDyIcHeXNf5pIUvxODMzbrK3ld0E+BLTY3re+KPs71kQuDC3hs6yOCOzNPxBPN9g\n"
  "BM2gi6bi0FQeDU8cMVGO3y9jGvmVKVyqKZe0yPqeq44LB9GFNsTsjXgGxRW7XDo4\n"
  "384S0GAztJggmLykK9Ndr7MOkP88S2XYhyfJM/mf8W3fLsi6NrWwi3i96TlJLzG4\n"
  "C9dc/MD/KGdfyGbxr6pVccqwTzUidEXzTIFrysD+IQKBgQD/QRD1670BLNrzStLP\n"
  "lk9fwFGqv1ZweFrKIUSqRCzExifw8h1dG0IjPzZ97fsbQIkXEryfC9FXAZJuz8Y8\n"
  "tAbdm2WW9JP8sffyjBhm8J0A9d3VJhgbpG385m1PIYiyy9E1By38hpiImATizEYy\n"
  "sJhBt+4FBgzvbuxTXnC2VwgecQKBgQD0Crp3G1gaTb4csT3A1jmg0uBR/hIuEacz\n"
  "FNxwUFhr/NJBZRHtnV7sQyh48EeCN+oYhIwi2zXEXzz0uCcfHoycg+NuUrzidHne\n"
  "DAvumgSaRvFOeZ68jnp4VSmchOOdIxaj14L+TLl8CljsIUmBYTdc+JnihqyPYLMH\n"
  "IAQT8qbePwKBgA6n+sRUE9ckbzH3AuG+fLI/xbCrKdhtYLEoddvc7EEkK5jvHfaB\n"
  "oSuK7qMObhOjgfucLM5pDE0VnwXT0ksb/yTsTkn7ox+oTFdV6fTHLgynEWSyukGk\n"
  "EFisFmyrvUCe6VVFI0PTqqB1Mhqfpgw1DZkAaZ9KOKXq1ZD35DrkBmhRAoGAVOLW\n"
  "cU+lmaCpHDnajRT2/qXbOSnzEOs7CV2cP8TyvL04NV7+mXQ/7FZ/4XFSrkzctKKG\n"
  "TCmLzj6CaW0UzpJFvrtxhJJq+SoiqcXu8JPKPg+nJ/DN8jBtESYuTy86LRJjcaIp\n"
  "AmOVsTu4Kop5kvNJ2qDuhgjqRQURwMy2Hmos+OkCgYEA6oPhiiGSy+tB0n1pVpd/\n"
  "gAeXQ8yI+DGYeA+iOvcB/R3QsK1C9f7fw91DF4ev9eeLRoRGhK6ONce1a98w4AMG\n"
  "Wy4keK3pUi7JbNtufH5kA1Rpcsbh9WYUbblG3+sipfvQ6bHagMdeqdP4xzoujakf\n"
  "wFLkPameT4jDVxQGllpP//E=\n"
  "-----END PRIVATE KEY-----\n";

static const char rsa_public_pem[] =
  "-----BEGIN PUBLIC KEY-----\n"
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA81S2oRcgn3qYZoYvkWSw\n"
  "TVIP95Zs5NES2UjuhVsHoD9c17vSqe3RxsoD+JNhvAYGqL26B6r8zujnLQrG/f5S\n"
  "G9/E/7penrsvk70GLGn4BcBlimf7N93Gwg4x0/S+9zECNkbr2IZ3ZHyxrSA+9eNe\n"
  "3l8/2D8fvk7NnCmmYMfpB3TxKjEZzfN/XDueZ6Q8T/2Fj4MYKWUMSNgtvS4kXV7i\n"
  "PQmdSKCn/x37gNaieOP4Av0Vd5kZjATk55ZnVecYlbd/D+FZGQuk+iGSRpd/3lM6\n"
  "je/HtQPRwyyKRWXBx2/JwEoO0CDvygdBc8ZGqHe4XqGYPbIW0bVSi/5Zsf7GBKt7\n"
  "zwIDAQAB\n"
  "-----END PUBLIC KEY-----\n";

/* The authorization server: its JWKS ------------------------------------------- */

typedef struct
{
  SoupServer *server;
  char       *url;
  char       *document;   /* what /jwks answers */
  guint       status;
  guint       hits;
} Jwks;

static Jwks jwks;

static void
jwks_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  jwks.hits++;
  soup_server_message_set_status (msg, jwks.status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, jwks.document,
                                    strlen (jwks.document));
}

static void
jwks_publish (McpJoseKey *first,
              ...)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *document = json_object_new ();
  JsonArray *keys = json_array_new ();
  va_list args;

  va_start (args, first);
  for (McpJoseKey *key = first; key != NULL; key = va_arg (args, McpJoseKey *))
    json_array_add_element (keys, _mcp_jose_key_to_public_jwk (key));
  va_end (args);

  /* A key this provider cannot use is left out, not fatal. */
  {
    JsonObject *encryption = json_object_new ();

    json_object_set_string_member (encryption, "kty", "RSA");
    json_object_set_string_member (encryption, "use", "enc");
    json_object_set_string_member (encryption, "n", "AQAB");
    json_object_set_string_member (encryption, "e", "AQAB");
    json_array_add_object_element (keys, encryption);
  }

  json_object_set_array_member (document, "keys", keys);
  json_node_take_object (node, document);
  g_free (jwks.document);
  jwks.document = _mcp_json_to_string (node, NULL);
}

static void
jwks_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  jwks.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (jwks.server, "/jwks", jwks_handler, NULL, NULL);
  soup_server_listen_local (jwks.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (jwks.server);
  jwks.url = g_strdup_printf ("http://127.0.0.1:%d/jwks", g_uri_get_port (uris->data));
  jwks.status = SOUP_STATUS_OK;
  jwks.document = g_strdup ("{\"keys\":[]}");
}

/* Keys and tokens ---------------------------------------------------------------- */

static McpJoseKey *rsa_key;      /* from rsa_private_pem, kid "rsa-1" */
static McpJoseKey *ec_key;       /* generated, kid its thumbprint */
static McpJoseKey *rotated_key;  /* not published until the rotation test */

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static JsonObject *
claims_new (void)
{
  JsonObject *claims = json_object_new ();

  json_object_set_string_member (claims, "sub", "alice");
  json_object_set_string_member (claims, "iss", ISSUER);
  json_object_set_string_member (claims, "aud", AUDIENCE);
  json_object_set_string_member (claims, "scope", "mcp tools");
  json_object_set_int_member (claims, "exp", now () + 600);
  json_object_set_int_member (claims, "iat", now ());

  return claims;
}

static char *
token_for (McpJoseKey *key,
           const char *alg,
           JsonObject *claims)
{
  g_autoptr(GError) error = NULL;
  char *token = _mcp_jws_sign_compact (key, alg, "at+jwt", NULL, claims, &error);

  g_assert_no_error (error);
  return token;
}

static char *
good_token (McpJoseKey *key)
{
  g_autoptr(JsonObject) claims = claims_new ();

  return token_for (key, _mcp_jose_key_get_alg (key) != NULL ? _mcp_jose_key_get_alg (key)
                                                               : "RS256", claims);
}

/* A token with @header_json as its header and a copy of @token's payload
 * and signature. */
static char *
with_header (const char *token,
             const char *header_json)
{
  g_autofree char *header = _mcp_base64url_encode ((const guint8 *) header_json,
                                                   strlen (header_json));

  return g_strconcat (header, strchr (token, '.'), NULL);
}

/* The resource server ------------------------------------------------------------ */

typedef struct
{
  McpServer              *server;
  McpHttpServerTransport *http;
  McpJwtProvider         *jwt;
  char                   *url;
} Resource;

static Resource resource;

static void
resource_start (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *scopes[] = { "mcp", NULL };

  resource.jwt = mcp_jwt_provider_new_jwks (jwks.url);
  mcp_token_verifier_set_issuer (MCP_TOKEN_VERIFIER (resource.jwt), ISSUER);
  mcp_token_verifier_set_audience (MCP_TOKEN_VERIFIER (resource.jwt), AUDIENCE);
  mcp_token_verifier_set_required_scopes (MCP_TOKEN_VERIFIER (resource.jwt), scopes);
  mcp_jwt_provider_set_jwks_min_refresh_interval (resource.jwt, 3600);

  resource.server = mcp_server_new ("test-jwks", "1.0");
  resource.http = mcp_http_server_transport_new ();
  mcp_http_server_transport_set_auth_provider (resource.http, MCP_AUTH_PROVIDER (resource.jwt));
  mcp_server_add_server_transport (resource.server, MCP_SERVER_TRANSPORT (resource.http));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (resource.http), NULL,
                                    mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (resource.http),
                                                    result, &error));
  g_assert_no_error (error);
  resource.url = mcp_http_server_transport_dup_url (resource.http);
}

typedef struct
{
  guint  status;
  char  *challenge;   /* WWW-Authenticate, or NULL */
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->challenge, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static Answer
post (const char *token)
{
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, resource.url);
  g_autoptr(GBytes) body = g_bytes_new_static (INITIALIZE, strlen (INITIALIZE));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  Answer answer = { 0, NULL };

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  soup_message_headers_replace (headers, "Accept", "application/json, text/event-stream");
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }

  soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL,
                                    mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  reply = soup_session_send_and_read_finish (soup, result, &error);
  g_assert_no_error (error);

  answer.status = soup_message_get_status (msg);
  answer.challenge = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                             "WWW-Authenticate"));
  return answer;
}

static void
assert_accepted (const char *token)
{
  g_auto(Answer) answer = post (token);

  g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
}

/* 401 with error="invalid_token" and @reason in the description, or 403
 * with insufficient_scope. */
static void
assert_refused (const char *token,
                guint       status,
                const char *reason)
{
  g_auto(Answer) answer = post (token);

  g_assert_cmpuint (answer.status, ==, status);
  g_assert_nonnull (answer.challenge);
  g_assert_true (g_str_has_prefix (answer.challenge, "Bearer "));
  g_assert_nonnull (strstr (answer.challenge, "resource_metadata=\""));
  if (status == SOUP_STATUS_FORBIDDEN)
    g_assert_nonnull (strstr (answer.challenge, "error=\"insufficient_scope\""));
  else
    g_assert_nonnull (strstr (answer.challenge, "error=\"invalid_token\""));
  if (strstr (answer.challenge, reason) == NULL)
    g_error ("%s does not say \"%s\"", answer.challenge, reason);
}

/* Direct checks, with the provider's own callbacks ------------------------------- */

static McpAuthInfo *
verify (McpJwtProvider  *jwt,
        const char      *token,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_jwt_provider_verify_async (jwt, token, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_jwt_provider_verify_finish (jwt, result, error);
}

/* Tests ----------------------------------------------------------------------------- */

static void
test_accepted (void)
{
  g_autofree char *rs256 = good_token (rsa_key);
  g_autofree char *es256 = good_token (ec_key);
  g_autoptr(GError) error = NULL;
  g_autoptr(McpAuthInfo) info = NULL;
  guint hits = jwks.hits;

  if (!_mcp_jose_have_asymmetric ())
    {
      g_test_skip ("built without GnuTLS");
      return;
    }

  assert_accepted (rs256);
  assert_accepted (es256);
  assert_accepted (rs256);
  /* One fetch (at most: an earlier test may have filled the cache). */
  g_assert_cmpuint (jwks.hits, <=, hits + 1);
  g_assert_cmpuint (jwks.hits, >=, 1);

  info = verify (resource.jwt, es256, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_auth_info_get_principal (info), ==, "alice");
  g_assert_true (mcp_auth_info_has_permission (info, "tools"));
  g_assert_cmpint (mcp_auth_info_get_expires_at (info), >, now ());

  /* The default algorithms of a provider with a JWKS. */
  g_assert_true (g_strv_equal (mcp_jwt_provider_get_algorithms (resource.jwt),
                               (const char *[]) { "RS256", "ES256", NULL }));
}

static void
test_refused (void)
{
  g_autoptr(JsonObject) expired_claims = claims_new ();
  g_autoptr(JsonObject) aud_claims = claims_new ();
  g_autoptr(JsonObject) scope_claims = claims_new ();
  g_autoptr(JsonObject) iss_claims = claims_new ();
  g_autoptr(McpJoseKey) confusion_key = NULL;
  g_autoptr(McpJoseKey) stranger = NULL;
  g_autoptr(JsonObject) kid_header = json_object_new ();
  g_autofree char *good = NULL;
  g_autofree char *none = NULL;
  g_autofree char *unsigned_token = NULL;
  g_autofree char *wrong_kid = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *wrong_aud = NULL;
  g_autofree char *wrong_iss = NULL;
  g_autofree char *no_scope = NULL;
  g_autofree char *confusion = NULL;
  g_autofree char *oversized = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *stranger_token = NULL;
  g_autoptr(GString) big_header = g_string_new ("{\"alg\":\"RS256\",\"x\":\"");
  guint hits;

  if (!_mcp_jose_have_asymmetric ())
    {
      g_test_skip ("built without GnuTLS");
      return;
    }

  good = good_token (rsa_key);
  assert_accepted (good);
  hits = jwks.hits;

  /* No credentials, and malformed ones. */
  {
    g_auto(Answer) answer = post (NULL);

    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_UNAUTHORIZED);
    g_assert_nonnull (strstr (answer.challenge, "resource_metadata=\""));
  }
  assert_refused ("not-a-jwt", 401, "three dot-separated parts");
  assert_refused ("a.b.c", 401, "Malformed token");
  assert_refused ("e30.e30.e30", 401, "no alg");

  /* alg none, with and without a signature part. */
  none = with_header (good, "{\"alg\":\"none\",\"typ\":\"JWT\"}");
  assert_refused (none, 401, "alg none");
  unsigned_token = g_strndup (none, strrchr (none, '.') - none + 1);
  assert_refused (unsigned_token, 401, "alg none");

  /* A kid the JWKS does not have: refused, and the JWKS is not fetched
   * again within the min refresh interval however many such tokens come. */
  json_object_set_string_member (kid_header, "kid", "no-such-kid");
  {
    g_autoptr(JsonObject) claims = claims_new ();
    g_autoptr(GError) error = NULL;

    wrong_kid = _mcp_jws_sign_compact (rsa_key, "RS256", "JWT", kid_header, claims, &error);
    g_assert_no_error (error);
  }
  for (guint i = 0; i < 20; i++)
    assert_refused (wrong_kid, 401, "kid");
  g_assert_cmpuint (jwks.hits, ==, hits);

  /* A key nobody published, with no kid. */
  stranger = _mcp_jose_key_generate ("ES256", NULL);
  _mcp_jose_key_set_kid (stranger, NULL);
  stranger_token = good_token (stranger);
  assert_refused (stranger_token, 401, "signature is not valid");

  /* Expired (beyond the clock skew), wrong audience, wrong issuer. */
  json_object_set_int_member (expired_claims, "exp", now () - 3600);
  expired = token_for (rsa_key, "RS256", expired_claims);
  assert_refused (expired, 401, "expired");
  json_object_set_string_member (aud_claims, "aud", "https://other.test/mcp");
  wrong_aud = token_for (ec_key, "ES256", aud_claims);
  assert_refused (wrong_aud, 401, "aud");
  json_object_set_string_member (iss_claims, "iss", "https://evil.test");
  wrong_iss = token_for (rsa_key, "RS256", iss_claims);
  assert_refused (wrong_iss, 401, "iss");

  /* Valid, but without the scope the server requires: 403. */
  json_object_set_string_member (scope_claims, "scope", "tools");
  no_scope = token_for (rsa_key, "RS256", scope_claims);
  assert_refused (no_scope, 403, "scope");

  /* HS/RS confusion: an HS256 token whose HMAC key is the RSA public key
   * the server trusts, in PEM. */
  confusion_key = _mcp_jose_key_new_secret ((const guint8 *) rsa_public_pem,
                                            strlen (rsa_public_pem), NULL);
  {
    g_autoptr(JsonObject) claims = claims_new ();
    g_autoptr(JsonObject) header = json_object_new ();
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (header, "kid", "rsa-1");
    confusion = _mcp_jws_sign_compact (confusion_key, "HS256", "JWT", header, claims, &error);
    g_assert_no_error (error);
  }
  assert_refused (confusion, 401, "algorithm is not accepted");

  /* A header of 9000 bytes: over the token size limit, refused unread. */
  for (guint i = 0; i < 9000; i++)
    g_string_append_c (big_header, 'A');
  g_string_append (big_header, "\"}");
  oversized = with_header (good, big_header->str);
  assert_refused (oversized, 401, "longer than the limit");

  /* The payload changed under the signature. */
  {
    g_auto(GStrv) parts = g_strsplit (good, ".", 3);
    g_autoptr(JsonObject) claims = claims_new ();
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *json = NULL;
    g_autofree char *payload = NULL;

    json_object_set_string_member (claims, "sub", "mallory");
    node = json_node_init_object (json_node_alloc (), claims);
    json = _mcp_json_to_string (node, NULL);
    payload = _mcp_base64url_encode ((const guint8 *) json, strlen (json));
    tampered = g_strjoin (".", parts[0], payload, parts[2], NULL);
  }
  assert_refused (tampered, 401, "signature is not valid");

  /* None of that fetched the JWKS again. */
  g_assert_cmpuint (jwks.hits, ==, hits);
  assert_accepted (good);
}

/* Even a provider that allows HS256 never takes an RSA key as a secret. */
static void
test_confusion_allowed_list (void)
{
  g_autoptr(McpJwtProvider) jwt = mcp_jwt_provider_new ();
  g_autoptr(McpJoseKey) secret = NULL;
  g_autoptr(JsonObject) claims = claims_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *rs256 = NULL;
  const char *algorithms[] = { "HS256", "RS256", NULL };
  McpAuthInfo *info;

  if (!_mcp_jose_have_asymmetric ())
    {
      g_test_skip ("built without GnuTLS");
      return;
    }

  g_assert_true (mcp_jwt_provider_add_key_pem (jwt, rsa_public_pem, &error));
  g_assert_no_error (error);
  g_assert_true (g_strv_equal (mcp_jwt_provider_get_algorithms (jwt),
                               (const char *[]) { "RS256", "ES256", NULL }));
  mcp_jwt_provider_set_algorithms (jwt, algorithms);

  secret = _mcp_jose_key_new_secret ((const guint8 *) rsa_public_pem, strlen (rsa_public_pem),
                                     NULL);
  token = token_for (secret, "HS256", claims);
  info = mcp_jwt_provider_verify (jwt, token, &error);
  g_assert_null (info);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "no HS256 key"));
  g_clear_error (&error);

  /* The PEM key itself (no kid) serves RS256. */
  rs256 = token_for (rsa_key, "RS256", claims);
  info = mcp_jwt_provider_verify (jwt, rs256, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_auth_info_get_principal (info), ==, "alice");
  g_object_unref (info);

  /* A JWK key set directly, too. */
  {
    g_autoptr(McpJwtProvider) by_jwk = mcp_jwt_provider_new ();
    g_autoptr(JsonNode) jwk = _mcp_jose_key_to_public_jwk (ec_key);
    g_autofree char *es256 = good_token (ec_key);
    g_autoptr(McpAuthInfo) es_info = NULL;

    g_assert_true (mcp_jwt_provider_add_key_jwk (by_jwk, jwk, &error));
    g_assert_no_error (error);
    es_info = mcp_jwt_provider_verify (by_jwk, es256, &error);
    g_assert_no_error (error);
    g_assert_nonnull (es_info);
    g_assert_null (mcp_jwt_provider_verify (by_jwk, rs256, &error));
    g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  }
}

/* A new key in the JWKS is found when a token names its kid (once the min
 * refresh interval has passed), and the TTL makes a refresh too. */
static void
test_rotation_and_ttl (void)
{
  g_autoptr(McpJwtProvider) jwt = mcp_jwt_provider_new_jwks (jwks.url);
  g_autoptr(McpAuthInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_token = good_token (rsa_key);
  g_autofree char *new_token = good_token (rotated_key);
  guint hits;

  if (!_mcp_jose_have_asymmetric ())
    {
      g_test_skip ("built without GnuTLS");
      return;
    }

  mcp_jwt_provider_set_jwks_min_refresh_interval (jwt, 0);
  mcp_jwt_provider_set_jwks_refresh_interval (jwt, 1);
  hits = jwks.hits;

  info = verify (jwt, old_token, &error);
  g_assert_no_error (error);
  g_clear_object (&info);
  g_assert_cmpuint (jwks.hits, ==, hits + 1);

  /* Not published yet: one refetch, then refused. */
  g_assert_null (verify (jwt, new_token, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpuint (jwks.hits, ==, hits + 2);

  /* Published: the unknown kid makes the provider fetch it. */
  jwks_publish (rsa_key, ec_key, rotated_key, NULL);
  info = verify (jwt, new_token, &error);
  g_assert_no_error (error);
  g_clear_object (&info);
  g_assert_cmpuint (jwks.hits, ==, hits + 3);

  /* Cached: no fetch. */
  info = verify (jwt, old_token, &error);
  g_assert_no_error (error);
  g_clear_object (&info);
  g_assert_cmpuint (jwks.hits, ==, hits + 3);

  /* After the TTL: fetched again. */
  mcp_test_spin (1100);
  info = verify (jwt, old_token, &error);
  g_assert_no_error (error);
  g_clear_object (&info);
  g_assert_cmpuint (jwks.hits, ==, hits + 4);

  jwks_publish (rsa_key, ec_key, NULL);
}

/* Many tokens at once before the first fetch: one fetch serves them all. */
static void
test_one_fetch_for_many (void)
{
  g_autoptr(McpJwtProvider) jwt = mcp_jwt_provider_new_jwks (jwks.url);
  g_autofree char *token = good_token (ec_key);
  GAsyncResult *results[16] = { NULL };
  guint hits = jwks.hits;

  if (!_mcp_jose_have_asymmetric ())
    {
      g_test_skip ("built without GnuTLS");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    mcp_jwt_provider_verify_async (jwt, token, NULL, mcp_test_store_result_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GAsyncResult) result = mcp_test_wait_result (&results[i]);
      g_autoptr(McpAuthInfo) info = mcp_jwt_provider_verify_finish (jwt, result, &error);

      g_assert_no_error (error);
      g_assert_nonnull (info);
    }
  g_assert_cmpuint (jwks.hits, ==, hits + 1);
}

/* The JWKS document's bounds, and a JWKS that cannot be had: not the
 * client's fault (G_IO_ERROR, which the transports answer 503). */
static void
test_jwks_failures (void)
{
  g_autoptr(McpJwtProvider) jwt = mcp_jwt_provider_new_jwks (jwks.url);
  g_autoptr(McpJwtProvider) remote = mcp_jwt_provider_new_jwks ("http://jwks.example.com/jwks");
  g_autoptr(GError) error = NULL;
  g_autofree char *token = good_token (rsa_key);
  g_autofree char *saved = g_strdup (jwks.document);
  g_autoptr(GString) big = g_string_new ("{\"keys\":[],\"padding\":\"");

  if (!_mcp_jose_have_asymmetric ())
    {
      g_test_skip ("built without GnuTLS");
      return;
    }

  mcp_jwt_provider_set_jwks_min_refresh_interval (jwt, 0);

  /* Over max-jwks-size (64 KiB by default). */
  for (guint i = 0; i < 70 * 1024; i++)
    g_string_append_c (big, 'x');
  g_string_append (big, "\"}");
  g_free (jwks.document);
  jwks.document = g_string_free (g_steal_pointer (&big), FALSE);
  g_assert_null (verify (jwt, token, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_assert_nonnull (strstr (error->message, "larger than the limit"));
  g_clear_error (&error);

  /* Not JSON, and an HTTP error. */
  g_free (jwks.document);
  jwks.document = g_strdup ("<html>");
  g_assert_null (verify (jwt, token, &error));
  g_assert_nonnull (strstr (error->message, "not JSON"));
  g_clear_error (&error);
  g_free (jwks.document);
  jwks.document = g_strdup (saved);
  jwks.status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  g_assert_null (verify (jwt, token, &error));
  g_assert_nonnull (strstr (error->message, "HTTP 500"));
  g_clear_error (&error);
  jwks.status = SOUP_STATUS_OK;

  /* It recovers once the document is good. */
  {
    g_autoptr(McpAuthInfo) info = verify (jwt, token, &error);

    g_assert_no_error (error);
    g_assert_nonnull (info);
  }

  /* Plain http to a host that is not loopback is not fetched at all. */
  g_assert_null (verify (remote, token, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_assert_nonnull (strstr (error->message, "neither https nor http on a loopback"));
  g_clear_error (&error);

  /* Over HTTP that is a 503, not a 401. */
  {
    g_autofree char *saved_url = g_strdup (mcp_jwt_provider_get_jwks_url (resource.jwt));
    g_autofree char *other = good_token (rotated_key);

    mcp_jwt_provider_set_jwks_url (resource.jwt, "http://127.0.0.1:1/jwks");
    g_test_expect_message ("Mcp", G_LOG_LEVEL_WARNING, "*signing keys could not be fetched*");
    {
      g_auto(Answer) answer = post (other);

      g_assert_cmpuint (answer.status, ==, SOUP_STATUS_SERVICE_UNAVAILABLE);
    }
    g_test_assert_expected_messages ();
    mcp_jwt_provider_set_jwks_url (resource.jwt, saved_url);
  }
}

/* Without GnuTLS: RS256 and ES256 tokens are refused, saying why. */
static void
test_without_gnutls (void)
{
  g_autoptr(McpJwtProvider) jwt = mcp_jwt_provider_new_jwks (jwks.url);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = with_header ("x.e30.", "{\"alg\":\"RS256\",\"kid\":\"k\"}");

  g_assert_null (verify (jwt, token, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "built with GnuTLS"));
  g_clear_error (&error);
  g_assert_false (mcp_jwt_provider_add_key_pem (jwt, rsa_public_pem, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  jwks_start ();
  if (_mcp_jose_have_asymmetric ())
    {
      rsa_key = _mcp_jose_key_from_pem (rsa_private_pem, -1, &error);
      g_assert_no_error (error);
      _mcp_jose_key_set_kid (rsa_key, "rsa-1");
      ec_key = _mcp_jose_key_generate ("ES256", &error);
      g_assert_no_error (error);
      rotated_key = _mcp_jose_key_generate ("RS256", &error);
      g_assert_no_error (error);
      jwks_publish (rsa_key, ec_key, NULL);
    }
  resource_start ();

  if (!_mcp_jose_have_asymmetric ())
    {
      g_test_add_func ("/Mcp/Jwks/without-gnutls", test_without_gnutls);
      status = g_test_run ();
      g_clear_object (&resource.server);
      g_clear_object (&resource.http);
      g_clear_object (&resource.jwt);
      return status;
    }

  g_test_add_func ("/Mcp/Jwks/accepted", test_accepted);
  g_test_add_func ("/Mcp/Jwks/refused", test_refused);
  g_test_add_func ("/Mcp/Jwks/confusion-allowed-list", test_confusion_allowed_list);
  g_test_add_func ("/Mcp/Jwks/rotation-and-ttl", test_rotation_and_ttl);
  g_test_add_func ("/Mcp/Jwks/one-fetch-for-many", test_one_fetch_for_many);
  g_test_add_func ("/Mcp/Jwks/failures", test_jwks_failures);

  status = g_test_run ();

  g_clear_object (&resource.server);
  g_clear_object (&resource.http);
  g_clear_object (&resource.jwt);
  g_free (resource.url);
  g_clear_pointer (&rsa_key, _mcp_jose_key_unref);
  g_clear_pointer (&ec_key, _mcp_jose_key_unref);
  g_clear_pointer (&rotated_key, _mcp_jose_key_unref);
  g_clear_object (&jwks.server);
  g_free (jwks.url);
  g_free (jwks.document);

  return status;
}
