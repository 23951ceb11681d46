/* test-tls-client-auth.c: TLS client certificates as identities, over
 * Streamable HTTP and WebSocket on 127.0.0.1: the server transports'
 * tls-client-auth, tls-client-ca-file and tls-database, the clients'
 * tls-client-certificate, McpClientCertificateProvider (subjects,
 * permissions, allow-unlisted) and McpAuthChain forwarding the
 * certificate. The certificates are made with openssl(1) when the test
 * starts: a CA, a server certificate for 127.0.0.1, good client
 * certificates, one from another CA and an expired one.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mcp-test-util.h"

#define ALICE "CN=alice,O=mcp-glib tests"
#define BOB "CN=bob,O=mcp-glib tests"
#define MALLORY "CN=mallory,O=mcp-glib tests"
#define TOKEN "bearer-token-for-tls-tests"
#define TEST_DEADLINE_S 90

/* Certificates --------------------------------------------------------------- */

static char *cert_dir;
static gboolean certs_made;

static char *
cert_path (const char *name)
{
  return g_build_filename (cert_dir, name, NULL);
}

static void
run_openssl (const char * const *args)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gint status = 0;

  g_ptr_array_add (argv, openssl);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (cert_dir, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl %s failed: %s", args[0], err);
}

/* A CA, self-signed. */
static void
make_ca (const char *name,
         const char *subject)
{
  g_autofree char *key = g_strdup_printf ("%s.key", name);
  g_autofree char *pem = g_strdup_printf ("%s.pem", name);
  const char *args[] = { "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                         "-nodes", "-keyout", key, "-out", pem, "-days", "2", "-subj", subject,
                         NULL };

  run_openssl (args);
}

/* A key and a certificate signed by @ca, valid for @days (-1: it expired
 * yesterday), with the extensions @ext. */
static void
make_cert (const char *name,
           const char *subject,
           const char *ca,
           const char *days,
           const char *ext)
{
  g_autofree char *key = g_strdup_printf ("%s.key", name);
  g_autofree char *csr = g_strdup_printf ("%s.csr", name);
  g_autofree char *pem = g_strdup_printf ("%s.pem", name);
  g_autofree char *ext_name = g_strdup_printf ("%s.ext", name);
  g_autofree char *ext_path = cert_path (ext_name);
  g_autofree char *ca_pem = g_strdup_printf ("%s.pem", ca);
  g_autofree char *ca_key = g_strdup_printf ("%s.key", ca);
  g_autoptr(GError) error = NULL;
  const char *request[] = { "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                            "-nodes", "-keyout", key, "-out", csr, "-subj", subject, NULL };
  const char *sign[] = { "x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key,
                         "-CAcreateserial", "-out", pem, "-days", days, "-extfile", ext_name,
                         NULL };

  g_assert_true (g_file_set_contents (ext_path, ext, -1, &error));
  g_assert_no_error (error);
  run_openssl (request);
  run_openssl (sign);
}

static gboolean
ensure_certs (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GError) error = NULL;
  static const char client_ext[] = "basicConstraints=CA:FALSE\n"
                                   "keyUsage=digitalSignature\n"
                                   "extendedKeyUsage=clientAuth\n";

  if (openssl == NULL || !g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("needs openssl(1) and a GIO TLS backend (glib-networking)");
      return FALSE;
    }
  if (certs_made)
    return TRUE;

  cert_dir = g_dir_make_tmp ("mcp-tls-client-auth-XXXXXX", &error);
  g_assert_no_error (error);

  make_ca ("ca", "/CN=mcp-glib test CA");
  make_ca ("other-ca", "/CN=another test CA");
  make_cert ("server", "/CN=127.0.0.1", "ca", "1",
             "basicConstraints=CA:FALSE\n"
             "keyUsage=digitalSignature\n"
             "extendedKeyUsage=serverAuth\n"
             "subjectAltName=IP:127.0.0.1\n");
  make_cert ("alice", "/O=mcp-glib tests/CN=alice", "ca", "1", client_ext);
  make_cert ("bob", "/O=mcp-glib tests/CN=bob", "ca", "1", client_ext);
  make_cert ("carol", "/O=mcp-glib tests/CN=carol", "ca", "1", client_ext);
  /* Listed subject, wrong issuer: the name alone must not let it in. */
  make_cert ("mallory", "/O=mcp-glib tests/CN=alice", "other-ca", "1", client_ext);
  make_cert ("expired", "/O=mcp-glib tests/CN=alice", "ca", "-1", client_ext);

  certs_made = TRUE;
  return TRUE;
}

static void
remove_certs (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (cert_dir == NULL)
    return;

  dir = g_dir_open (cert_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = cert_path (name);

      g_unlink (path);
    }
  g_rmdir (cert_dir);
  g_clear_pointer (&cert_dir, g_free);
}

static GTlsCertificate *
load_cert (const char *name)
{
  g_autofree char *pem_name = g_strdup_printf ("%s.pem", name);
  g_autofree char *key_name = g_strdup_printf ("%s.key", name);
  g_autofree char *pem = cert_path (pem_name);
  g_autofree char *key = cert_path (key_name);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;

  certificate = g_tls_certificate_new_from_files (pem, key, &error);
  g_assert_no_error (error);
  return certificate;
}

/* The server ------------------------------------------------------------------ */

typedef enum {
  OVER_HTTP,
  OVER_WEBSOCKET,
} Over;

typedef struct
{
  McpServer                    *server;
  McpHttpServerTransport       *http;
  McpWebSocketServerTransport  *ws;
  McpClientCertificateProvider *certificates;
  char                         *http_url;
  char                         *ws_url;
  GTlsDatabase                 *trust;        /* the clients': the test CA */
  char                         *seen_principal;
  GTlsCertificate              *seen_certificate;
  guint                         deadline_id;
} Fixture;

static gboolean
deadline_cb (gpointer user_data)
{
  g_error ("%s: did not finish within %d s", g_test_get_path (), TEST_DEADLINE_S);
  return G_SOURCE_REMOVE;
}

static void
tool_whoami (McpServer   *server,
             McpToolCall *call,
             gpointer     user_data)
{
  Fixture *f = user_data;
  McpAuthInfo *info = mcp_tool_call_get_auth_info (call);

  if (info == NULL)
    {
      mcp_tool_call_return_error (call, "no identity");
      return;
    }

  g_free (f->seen_principal);
  f->seen_principal = g_strdup (mcp_auth_info_get_principal (info));
  g_set_object (&f->seen_certificate, mcp_auth_info_get_certificate (info));
  mcp_tool_call_return_text (call, mcp_auth_info_get_principal (info));
}

static void
tool_admin (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  mcp_tool_call_return_text (call, "admin ok");
}

/* Both transports with TLS and @mode; the provider is set by the test. */
static void
fixture_init (Fixture                *f,
              GTlsAuthenticationMode  mode)
{
  g_autoptr(GTlsCertificate) server_cert = load_cert ("server");
  g_autofree char *ca = cert_path ("ca.pem");
  g_autoptr(McpTool) whoami = mcp_tool_new ("whoami", "Who the server thinks is calling");
  g_autoptr(McpTool) admin = mcp_tool_new ("admin_echo", "Needs the admin permission");
  g_autoptr(GError) error = NULL;
  const char * const alice_permissions[] = { "tools", "admin", NULL };
  const char * const bob_permissions[] = { "tools", NULL };

  memset (f, 0, sizeof *f);
  f->deadline_id = g_timeout_add_seconds (TEST_DEADLINE_S, deadline_cb, NULL);

  f->server = mcp_server_new ("tls-client-auth", "1.0");
  mcp_server_add_tool (f->server, whoami, tool_whoami, f, NULL);
  mcp_tool_set_required_permission (admin, "admin");
  mcp_server_add_tool (f->server, admin, tool_admin, f, NULL);

  f->certificates = mcp_client_certificate_provider_new ();
  mcp_client_certificate_provider_add_subject (f->certificates, ALICE, alice_permissions);
  mcp_client_certificate_provider_add_subject (f->certificates, BOB, bob_permissions);

  f->http = mcp_http_server_transport_new ();
  mcp_http_server_transport_set_tls_certificate (f->http, server_cert);
  mcp_http_server_transport_set_tls_client_auth (f->http, mode);
  mcp_http_server_transport_set_tls_client_ca_file (f->http, ca);
  mcp_http_server_transport_set_auth_provider (f->http, MCP_AUTH_PROVIDER (f->certificates));
  mcp_server_add_server_transport (f->server, MCP_SERVER_TRANSPORT (f->http));

  /* The WebSocket listener gets the CAs as a database. */
  f->trust = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  f->ws = mcp_websocket_server_transport_new ("127.0.0.1", 0);
  g_object_set (f->ws,
                "tls-certificate", server_cert,
                "tls-client-auth", mode,
                "tls-database", f->trust,
                "auth-provider", f->certificates,
                NULL);
  mcp_server_add_server_transport (f->server, MCP_SERVER_TRANSPORT (f->ws));
}

static void
start (McpServerTransport *transport)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_server_transport_start_async (transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (transport, result, &error));
  g_assert_no_error (error);
}

static void
fixture_start (Fixture *f)
{
  start (MCP_SERVER_TRANSPORT (f->http));
  start (MCP_SERVER_TRANSPORT (f->ws));
  f->http_url = mcp_http_server_transport_dup_url (f->http);
  f->ws_url = mcp_websocket_server_transport_dup_url (f->ws);
  g_assert_true (g_str_has_prefix (f->http_url, "https://127.0.0.1:"));
  g_assert_true (g_str_has_prefix (f->ws_url, "wss://127.0.0.1:"));
}

static void
stop (McpServerTransport *transport)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_server_transport_stop_async (transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_stop_finish (transport, result, NULL));
}

static void
fixture_clear (Fixture *f)
{
  if (f->http_url != NULL)
    stop (MCP_SERVER_TRANSPORT (f->http));
  if (f->ws_url != NULL)
    stop (MCP_SERVER_TRANSPORT (f->ws));
  mcp_test_spin (50);
  g_clear_object (&f->server);
  g_assert_finalize_object (g_steal_pointer (&f->http));
  g_assert_finalize_object (g_steal_pointer (&f->ws));
  g_clear_object (&f->certificates);
  g_clear_object (&f->trust);
  g_clear_object (&f->seen_certificate);
  g_clear_pointer (&f->seen_principal, g_free);
  g_clear_pointer (&f->http_url, g_free);
  g_clear_pointer (&f->ws_url, g_free);
  g_clear_handle_id (&f->deadline_id, g_source_remove);
}

/* Clients ----------------------------------------------------------------------- */

/* A client over @over presenting @certificate (nullable) and, if given,
 * the bearer @token; NULL with @error when it could not connect. */
static McpClient *
client_connect (Fixture          *f,
                Over              over,
                GTlsCertificate  *certificate,
                const char       *token,
                GError          **error)
{
  g_autoptr(McpClient) client = mcp_client_new ("tls-client-auth", "1.0");
  g_autoptr(SoupSession) session = soup_session_new_with_options ("tls-database", f->trust,
                                                                  "timeout", 0, NULL);
  g_autoptr(McpTransport) transport = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (over == OVER_HTTP)
    {
      McpHttpTransport *http = mcp_http_transport_new_with_session (f->http_url, session);

      mcp_http_transport_set_mode (http, MCP_HTTP_TRANSPORT_MODE_STREAMABLE);
      mcp_http_transport_set_request_timeout (http, 15000);
      mcp_http_transport_set_tls_client_certificate (http, certificate);
      mcp_http_transport_set_auth_token (http, token);
      g_assert_true (mcp_http_transport_get_tls_client_certificate (http) == certificate);
      transport = MCP_TRANSPORT (http);
    }
  else
    {
      McpWebSocketTransport *ws = mcp_websocket_transport_new_with_session (f->ws_url, session);

      g_object_set (ws, "tls-client-certificate", certificate, NULL);
      mcp_websocket_transport_set_auth_token (ws, token);
      g_assert_true (mcp_websocket_transport_get_tls_client_certificate (ws) == certificate);
      transport = MCP_TRANSPORT (ws);
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

/* The text of the tool's result, or NULL with @error. */
static char *
client_call (McpClient   *client,
             const char  *name,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(JsonNode) arguments = mcp_test_parse ("{}");
  g_autoptr(JsonNode) json = NULL;
  JsonArray *content;

  mcp_client_call_tool_async (client, name, arguments, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tool_result = mcp_client_call_tool_finish (client, result, error);
  if (tool_result == NULL)
    return NULL;

  json = mcp_tool_result_to_json (tool_result);
  content = json_object_get_array_member (json_node_get_object (json), "content");
  if (mcp_tool_result_get_is_error (tool_result))
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_FORBIDDEN, "tool error: %s",
                   json_object_get_string_member (json_array_get_object_element (content, 0),
                                                  "text"));
      return NULL;
    }

  return g_strdup (json_object_get_string_member (json_array_get_object_element (content, 0),
                                                  "text"));
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

  for (guint i = 0; i < tools->len; i++)
    if (g_strcmp0 (mcp_tool_get_name (g_ptr_array_index (tools, i)), name) == 0)
      return TRUE;

  return FALSE;
}

static guint
n_connections (Fixture *f,
               Over     over)
{
  guint n = 0;

  g_object_get (over == OVER_HTTP ? (gpointer) f->http : (gpointer) f->ws,
                "n-connections", &n, NULL);
  return n;
}

/* A client with @name's certificate cannot connect, and the server lives on. */
static void
assert_refused (Fixture    *f,
                Over        over,
                const char *name)
{
  g_autoptr(GTlsCertificate) certificate = name != NULL ? load_cert (name) : NULL;
  g_autoptr(GError) error = NULL;
  McpClient *client;

  client = client_connect (f, over, certificate, NULL, &error);
  g_assert_null (client);
  g_assert_nonnull (error);
  g_test_message ("%s refused: %s", name != NULL ? name : "no certificate", error->message);
  g_assert_null (f->seen_principal);
}

/* Tests ------------------------------------------------------------------------ */

static gboolean
begin (void)
{
  if (!ensure_certs ())
    return FALSE;
  return mcp_test_run_without_leak_check ();
}

/* A good certificate: the handler sees its subject and the certificate, and
 * the listed permissions apply. */
static void
test_good_certificate (gconstpointer data)
{
  Over over = GPOINTER_TO_INT (data);
  g_autoptr(GTlsCertificate) alice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *subject = NULL;
  McpClient *client;
  Fixture f;

  if (!begin ())
    return;

  /* GIO may print the RDNs in either order; the provider takes both. */
  alice = load_cert ("alice");
  subject = g_tls_certificate_get_subject_name (alice);
  g_test_message ("GIO's subject of alice: %s", subject);
  g_assert_true (g_strcmp0 (subject, ALICE) == 0 ||
                 g_strcmp0 (subject, "O=mcp-glib tests,CN=alice") == 0);

  fixture_init (&f, G_TLS_AUTHENTICATION_REQUIRED);
  fixture_start (&f);

  client = client_connect (&f, over, alice, NULL, &error);
  g_assert_no_error (error);

  text = client_call (client, "whoami", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, ALICE);
  g_assert_cmpstr (f.seen_principal, ==, ALICE);
  g_assert_nonnull (f.seen_certificate);
  g_assert_true (g_tls_certificate_is_same (f.seen_certificate, alice));
  g_clear_pointer (&text, g_free);

  g_assert_true (client_sees (client, "admin_echo"));
  text = client_call (client, "admin_echo", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "admin ok");

  client_close (client);
  fixture_clear (&f);
}

/* A listed subject gets exactly its permissions. */
static void
test_listed_permissions (gconstpointer data)
{
  Over over = GPOINTER_TO_INT (data);
  g_autoptr(GTlsCertificate) bob = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  McpClient *client;
  Fixture f;

  if (!begin ())
    return;

  bob = load_cert ("bob");
  fixture_init (&f, G_TLS_AUTHENTICATION_REQUIRED);
  fixture_start (&f);

  client = client_connect (&f, over, bob, NULL, &error);
  g_assert_no_error (error);
  text = client_call (client, "whoami", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, BOB);

  g_assert_false (client_sees (client, "admin_echo"));
  g_clear_pointer (&text, g_free);
  text = client_call (client, "admin_echo", &error);
  g_assert_null (text);
  g_assert_nonnull (error);
  g_test_message ("admin_echo for bob: %s", error->message);

  client_close (client);
  fixture_clear (&f);
}

/* REQUIRED: no certificate, one from another CA (with a listed subject),
 * and an expired one all fail the connection, cleanly; a good one still
 * works afterwards. */
static void
test_refused_certificates (gconstpointer data)
{
  Over over = GPOINTER_TO_INT (data);
  g_autoptr(GTlsCertificate) alice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  McpClient *client;
  Fixture f;

  if (!begin ())
    return;

  fixture_init (&f, G_TLS_AUTHENTICATION_REQUIRED);
  fixture_start (&f);

  assert_refused (&f, over, NULL);
  assert_refused (&f, over, "mallory");
  assert_refused (&f, over, "expired");
  /* Verified, but its subject is not listed. */
  assert_refused (&f, over, "carol");

  /* The refused connections are all gone from the listener. */
  mcp_test_wait_until (n_connections (&f, over) == 0);

  alice = load_cert ("alice");
  client = client_connect (&f, over, alice, NULL, &error);
  g_assert_no_error (error);
  text = client_call (client, "whoami", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, ALICE);
  client_close (client);

  fixture_clear (&f);
}

/* allow-unlisted: a verified certificate of a subject not added gets in,
 * without permissions; a bad one still does not. */
static void
test_allow_unlisted (gconstpointer data)
{
  Over over = GPOINTER_TO_INT (data);
  g_autoptr(GTlsCertificate) carol = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *subject = NULL;
  McpClient *client;
  Fixture f;

  if (!begin ())
    return;

  carol = load_cert ("carol");
  subject = g_tls_certificate_get_subject_name (carol);
  fixture_init (&f, G_TLS_AUTHENTICATION_REQUIRED);
  g_object_set (f.certificates, "allow-unlisted", TRUE, NULL);
  g_assert_true (mcp_client_certificate_provider_get_allow_unlisted (f.certificates));
  fixture_start (&f);

  assert_refused (&f, over, "mallory");

  client = client_connect (&f, over, carol, NULL, &error);
  g_assert_no_error (error);
  text = client_call (client, "whoami", &error);
  g_assert_no_error (error);
  /* Unlisted: the subject as GIO prints it. */
  g_assert_cmpstr (text, ==, subject);
  g_assert_true (g_tls_certificate_is_same (f.seen_certificate, carol));
  g_clear_pointer (&text, g_free);
  text = client_call (client, "admin_echo", &error);
  g_assert_null (text);
  g_assert_nonnull (error);
  client_close (client);

  fixture_clear (&f);
}

/* REQUESTED with a chain of certificates and a bearer token: either gets
 * in, the chain hands the certificate on; neither is refused by the
 * provider (the handshake lets a client without a certificate through). */
static void
test_requested_with_chain (gconstpointer data)
{
  Over over = GPOINTER_TO_INT (data);
  g_autoptr(GTlsCertificate) alice = NULL;
  g_autoptr(McpAuthChain) chain = mcp_auth_chain_new ();
  g_autoptr(McpBearerTokenProvider) bearer = mcp_bearer_token_provider_new (TOKEN, "token-user");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  McpClient *client;
  Fixture f;

  if (!begin ())
    return;

  alice = load_cert ("alice");
  fixture_init (&f, G_TLS_AUTHENTICATION_REQUESTED);
  mcp_auth_chain_add_provider (chain, MCP_AUTH_PROVIDER (f.certificates));
  mcp_auth_chain_add_provider (chain, MCP_AUTH_PROVIDER (bearer));
  mcp_http_server_transport_set_auth_provider (f.http, MCP_AUTH_PROVIDER (chain));
  mcp_websocket_server_transport_set_auth_provider (f.ws, MCP_AUTH_PROVIDER (chain));
  fixture_start (&f);

  /* The certificate, through the chain. */
  client = client_connect (&f, over, alice, NULL, &error);
  g_assert_no_error (error);
  text = client_call (client, "whoami", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, ALICE);
  g_assert_true (g_tls_certificate_is_same (f.seen_certificate, alice));
  g_clear_pointer (&text, g_free);
  client_close (client);

  /* The token, without a certificate. */
  client = client_connect (&f, over, NULL, TOKEN, &error);
  g_assert_no_error (error);
  text = client_call (client, "whoami", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "token-user");
  g_assert_null (f.seen_certificate);
  g_clear_pointer (&text, g_free);
  client_close (client);

  /* Neither, and a bad certificate still fails the handshake. */
  g_clear_pointer (&f.seen_principal, g_free);
  assert_refused (&f, over, NULL);
  assert_refused (&f, over, "expired");

  fixture_clear (&f);
}

/* Asking for client certificates without saying whose fails at start,
 * as do a CA file that is not there and a listener without TLS. */
static void
test_misconfigured (void)
{
  g_autoptr(McpHttpServerTransport) http = NULL;
  g_autoptr(McpWebSocketServerTransport) ws = NULL;
  g_autoptr(GTlsCertificate) server_cert = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *ca = NULL;

  if (!begin ())
    return;

  server_cert = load_cert ("server");
  missing = cert_path ("no-such-ca.pem");
  ca = cert_path ("ca.pem");

  http = mcp_http_server_transport_new ();
  g_assert_cmpint (mcp_http_server_transport_get_tls_client_auth (http), ==,
                   G_TLS_AUTHENTICATION_NONE);
  mcp_http_server_transport_set_tls_client_auth (http, G_TLS_AUTHENTICATION_REQUIRED);

  /* No TLS at all. */
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL, mcp_test_store_result_cb,
                                    &result);
  result = mcp_test_wait_result (&result);
  g_assert_false (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (http), result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_clear_error (&error);
  g_clear_object (&result);

  /* TLS, but no CAs. */
  mcp_http_server_transport_set_tls_certificate (http, server_cert);
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL, mcp_test_store_result_cb,
                                    &result);
  result = mcp_test_wait_result (&result);
  g_assert_false (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (http), result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A CA file that is not there. */
  mcp_http_server_transport_set_tls_client_ca_file (http, missing);
  g_assert_cmpstr (mcp_http_server_transport_get_tls_client_ca_file (http), ==, missing);
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL, mcp_test_store_result_cb,
                                    &result);
  result = mcp_test_wait_result (&result);
  g_assert_false (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (http), result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_clear_object (&result);

  /* The WebSocket listener says the same. */
  ws = mcp_websocket_server_transport_new ("127.0.0.1", 0);
  mcp_websocket_server_transport_set_tls_certificate (ws, server_cert);
  mcp_websocket_server_transport_set_tls_client_auth (ws, G_TLS_AUTHENTICATION_REQUESTED);
  g_assert_null (mcp_websocket_server_transport_get_tls_database (ws));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (ws), NULL, mcp_test_store_result_cb,
                                    &result);
  result = mcp_test_wait_result (&result);
  g_assert_false (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (ws), result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_clear_error (&error);
  g_clear_object (&result);

  /* And starts once it has them. */
  mcp_websocket_server_transport_set_tls_client_ca_file (ws, ca);
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (ws), NULL, mcp_test_store_result_cb,
                                    &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (ws), result, &error));
  g_assert_no_error (error);
  stop (MCP_SERVER_TRANSPORT (ws));
}

/* On the application's own SoupServer (plain HTTP here) the settings do not
 * reach its TLS, but REQUIRED still refuses a handshake without a verified
 * certificate, whatever the provider would say. */
static void
test_own_soup_server (void)
{
  g_autoptr(SoupServer) soup = soup_server_new (NULL, NULL);
  g_autoptr(McpServer) server = mcp_server_new ("tls-client-auth", "1.0");
  g_autoptr(McpWebSocketServerTransport) ws = NULL;
  g_autoptr(McpClientCertificateProvider) certificates = mcp_client_certificate_provider_new ();
  g_autoptr(McpBearerTokenProvider) bearer = mcp_bearer_token_provider_new (TOKEN, NULL);
  g_autoptr(McpAuthChain) chain = mcp_auth_chain_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  guint deadline = g_timeout_add_seconds (TEST_DEADLINE_S, deadline_cb, NULL);
  McpClient *client;
  Fixture f = { 0 };

  g_assert_true (soup_server_listen_local (soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup);
  url = g_strdup_printf ("ws://127.0.0.1:%d/mcp", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  mcp_auth_chain_add_provider (chain, MCP_AUTH_PROVIDER (certificates));
  mcp_auth_chain_add_provider (chain, MCP_AUTH_PROVIDER (bearer));
  ws = mcp_websocket_server_transport_new_for_server (soup, "/mcp");
  mcp_websocket_server_transport_set_auth_provider (ws, MCP_AUTH_PROVIDER (chain));
  mcp_websocket_server_transport_set_tls_client_auth (ws, G_TLS_AUTHENTICATION_REQUIRED);
  mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (ws));
  start (MCP_SERVER_TRANSPORT (ws));

  /* A good token, but no certificate: 403. */
  f.ws_url = url;
  f.trust = NULL;
  {
    g_autoptr(McpWebSocketTransport) transport = mcp_websocket_transport_new (url);
    g_autoptr(McpClient) refused = mcp_client_new ("tls-client-auth", "1.0");
    g_autoptr(GAsyncResult) result = NULL;

    mcp_websocket_transport_set_auth_token (transport, TOKEN);
    mcp_client_connect_async (refused, MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb,
                              &result);
    result = mcp_test_wait_result (&result);
    g_assert_false (mcp_client_connect_finish (refused, result, &error));
    g_assert_nonnull (error);
    g_test_message ("refused: %s", error->message);
    g_assert_nonnull (strstr (error->message, "403"));
    g_clear_error (&error);
  }

  /* Without the requirement, the token is enough. */
  mcp_websocket_server_transport_set_tls_client_auth (ws, G_TLS_AUTHENTICATION_NONE);
  client = client_connect (&f, OVER_WEBSOCKET, NULL, TOKEN, &error);
  g_assert_no_error (error);
  client_close (client);

  stop (MCP_SERVER_TRANSPORT (ws));
  mcp_test_spin (50);
  f.ws_url = NULL;
  g_source_remove (deadline);
}

/* The provider alone, as a binding or a custom transport would call it. */
static void
test_provider (void)
{
  g_autoptr(McpClientCertificateProvider) provider = mcp_client_certificate_provider_new ();
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GTlsCertificate) alice = NULL;
  g_autoptr(GTlsCertificate) bob = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpAuthInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autofree char *bob_subject = NULL;
  g_autofree char *issuer = NULL;
  const char * const permissions[] = { "read", NULL };
  JsonObject *claims;

  if (!begin ())
    return;

  alice = load_cert ("alice");
  bob = load_cert ("bob");
  mcp_client_certificate_provider_add_subject (provider, ALICE, permissions);

  /* No certificate, through either call. */
  mcp_auth_provider_authenticate_async (MCP_AUTH_PROVIDER (provider), headers, NULL, NULL,
                                        mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  info = mcp_auth_provider_authenticate_finish (MCP_AUTH_PROVIDER (provider), result, &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_assert_null (info);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A listed one. */
  mcp_auth_provider_authenticate_peer_async (MCP_AUTH_PROVIDER (provider), headers, NULL, alice,
                                             NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  info = mcp_auth_provider_authenticate_finish (MCP_AUTH_PROVIDER (provider), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_auth_info_get_principal (info), ==, ALICE);
  g_assert_true (mcp_auth_info_has_permission (info, "read"));
  g_assert_false (mcp_auth_info_has_permission (info, "admin"));
  g_assert_true (mcp_auth_info_get_certificate (info) == alice);
  not_after = g_tls_certificate_get_not_valid_after (alice);
  g_assert_cmpint (mcp_auth_info_get_expires_at (info), ==, g_date_time_to_unix (not_after));
  claims = json_node_get_object (mcp_auth_info_get_claims (info));
  issuer = g_tls_certificate_get_issuer_name (alice);
  g_assert_nonnull (json_object_get_string_member (claims, "subject"));
  g_assert_cmpstr (json_object_get_string_member (claims, "issuer"), ==, issuer);
  g_clear_object (&info);
  g_clear_object (&result);

  /* An unlisted one, then the listed one removed. */
  mcp_auth_provider_authenticate_peer_async (MCP_AUTH_PROVIDER (provider), headers, NULL, bob,
                                             NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  info = mcp_auth_provider_authenticate_finish (MCP_AUTH_PROVIDER (provider), result, &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Listed in the order GIO prints it, it is its own principal. */
  bob_subject = g_tls_certificate_get_subject_name (bob);
  mcp_client_certificate_provider_add_subject (provider, bob_subject, NULL);
  mcp_auth_provider_authenticate_peer_async (MCP_AUTH_PROVIDER (provider), headers, NULL, bob,
                                             NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  info = mcp_auth_provider_authenticate_finish (MCP_AUTH_PROVIDER (provider), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_auth_info_get_principal (info), ==, bob_subject);
  g_assert_cmpuint (g_strv_length ((char **) mcp_auth_info_get_permissions (info)), ==, 0);
  g_clear_object (&info);
  g_clear_object (&result);

  g_assert_true (mcp_client_certificate_provider_remove_subject (provider, ALICE));
  g_assert_false (mcp_client_certificate_provider_remove_subject (provider, ALICE));
  mcp_auth_provider_authenticate_peer_async (MCP_AUTH_PROVIDER (provider), headers, NULL, alice,
                                             NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  info = mcp_auth_provider_authenticate_finish (MCP_AUTH_PROVIDER (provider), result, &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A provider that reads no certificates answers the peer call from the
   * headers (the interface's default). */
  {
    g_autoptr(McpBearerTokenProvider) bearer = mcp_bearer_token_provider_new (TOKEN, "who");

    soup_message_headers_replace (headers, "Authorization", "Bearer " TOKEN);
    mcp_auth_provider_authenticate_peer_async (MCP_AUTH_PROVIDER (bearer), headers, NULL, alice,
                                               NULL, mcp_test_store_result_cb, &result);
    result = mcp_test_wait_result (&result);
    info = mcp_auth_provider_authenticate_finish (MCP_AUTH_PROVIDER (bearer), result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (mcp_auth_info_get_principal (info), ==, "who");
    g_assert_null (mcp_auth_info_get_certificate (info));
  }
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char     *name;
    GTestDataFunc   func;
  } cases[] = {
    { "good-certificate", test_good_certificate },
    { "listed-permissions", test_listed_permissions },
    { "refused-certificates", test_refused_certificates },
    { "allow-unlisted", test_allow_unlisted },
    { "requested-with-chain", test_requested_with_chain },
  };
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/TlsClientAuth/provider", test_provider);
  g_test_add_func ("/Mcp/TlsClientAuth/misconfigured", test_misconfigured);
  g_test_add_func ("/Mcp/TlsClientAuth/own-soup-server", test_own_soup_server);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *http = g_strdup_printf ("/Mcp/TlsClientAuth/http/%s", cases[i].name);
      g_autofree char *ws = g_strdup_printf ("/Mcp/TlsClientAuth/websocket/%s", cases[i].name);

      g_test_add_data_func (http, GINT_TO_POINTER (OVER_HTTP), cases[i].func);
      g_test_add_data_func (ws, GINT_TO_POINTER (OVER_WEBSOCKET), cases[i].func);
    }

  status = g_test_run ();
  remove_certs ();
  return status;
}
