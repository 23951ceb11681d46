/* test-request-state.c: requestState tokens are refused unless this server
 * minted them for this request and caller, and they have not expired
 * (src/protocol/mcp-request-state.c)
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-request-state-private.h"
#include "mcp-test-util.h"

#define HOUR (G_USEC_PER_SEC * (gint64) 3600)

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonNode) node = mcp_test_parse (json);

  return json_object_ref (json_node_get_object (node));
}

static void
test_digest (void)
{
  g_autoptr(JsonObject) a = object_from ("{\"name\":\"echo\",\"arguments\":{\"b\":1,\"a\":[1,2]}}");
  /* Other member order, and what changes between rounds. */
  g_autoptr(JsonObject) b = object_from ("{\"requestState\":\"x\",\"arguments\":{\"a\":[1,2],\"b\":1},"
                                         "\"_meta\":{\"k\":1},\"inputResponses\":{},\"name\":\"echo\"}");
  g_autoptr(JsonObject) c = object_from ("{\"name\":\"echo\",\"arguments\":{\"b\":1,\"a\":[2,1]}}");
  g_autoptr(JsonObject) d = object_from ("{\"name\":\"echo\",\"arguments\":{\"b\":1,\"a\":[1,2],"
                                         "\"_meta\":{}}}");
  g_autofree char *da = _mcp_request_state_digest_params (a);
  g_autofree char *db = _mcp_request_state_digest_params (b);
  g_autofree char *dc = _mcp_request_state_digest_params (c);
  g_autofree char *dd = _mcp_request_state_digest_params (d);
  g_autofree char *dnull = _mcp_request_state_digest_params (NULL);

  g_assert_cmpuint (strlen (da), ==, 64);
  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
  /* Only the top-level _meta is left out. */
  g_assert_cmpstr (da, !=, dd);
  g_assert_cmpstr (dnull, !=, da);
}

static void
test_round_trip (void)
{
  g_autoptr(McpRequestStateKey) key = _mcp_request_state_key_new ();
  g_autoptr(JsonObject) carried = object_from ("{\"github_login\":{\"action\":\"accept\","
                                               "\"content\":{\"name\":\"octocat\"}}}");
  gint64 now = g_get_real_time ();
  g_autofree char *token = _mcp_request_state_seal (key, "tools/call", "d1", "alice", now + HOUR,
                                                    carried);
  g_autoptr(JsonObject) opened = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *login;

  g_assert_true (g_str_has_prefix (token, "mcp1."));
  /* Opaque to the client, and safe in a URL or a header. */
  for (const char *p = token; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.');

  opened = _mcp_request_state_open (key, token, "tools/call", "d1", "alice", now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (opened);
  login = json_object_get_object_member (opened, "github_login");
  g_assert_cmpstr (json_object_get_string_member (login, "action"), ==, "accept");

  /* No principal on either side is a match too. */
  g_clear_pointer (&token, g_free);
  g_clear_pointer (&opened, json_object_unref);
  token = _mcp_request_state_seal (key, "prompts/get", "d2", NULL, now + HOUR, NULL);
  opened = _mcp_request_state_open (key, token, "prompts/get", "d2", NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (opened), ==, 0);
}

static void
assert_refused (McpRequestStateKey *key,
                const char         *token,
                const char         *method,
                const char         *digest,
                const char         *principal,
                gint64              now,
                const char         *why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) opened = _mcp_request_state_open (key, token, method, digest, principal,
                                                          now, &error);

  g_assert_null (opened);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, why));
}

static void
test_refused (void)
{
  g_autoptr(McpRequestStateKey) key = _mcp_request_state_key_new ();
  g_autoptr(McpRequestStateKey) other_key = _mcp_request_state_key_new ();
  gint64 now = g_get_real_time ();
  g_autofree char *token = _mcp_request_state_seal (key, "tools/call", "d1", "alice", now + HOUR,
                                                    NULL);
  g_autofree char *tampered = g_strdup (token);
  g_autofree char *forged = NULL;
  g_autofree char *long_token = NULL;
  char *dot = strrchr (tampered, '.');
  static const char * const malformed[] = {
    "", "mcp1.", "mcp1..", "mcp1.abc", "mcp2.abc.def", "mcp1.a b.c", "garbage",
  };

  /* Each field is checked. */
  assert_refused (key, token, "prompts/get", "d1", "alice", now, "another method");
  assert_refused (key, token, "tools/call", "d2", "alice", now, "another request");
  assert_refused (key, token, "tools/call", "d1", "mallory", now, "another caller");
  assert_refused (key, token, "tools/call", "d1", NULL, now, "another caller");
  assert_refused (key, token, "tools/call", "d1", "alice", now + 2 * HOUR, "expired");
  /* Another server's key. */
  assert_refused (other_key, token, "tools/call", "d1", "alice", now, "integrity");

  /* A flipped payload byte, then a flipped MAC byte. */
  tampered[strlen ("mcp1.") + 2] = tampered[strlen ("mcp1.") + 2] == 'A' ? 'B' : 'A';
  assert_refused (key, tampered, "tools/call", "d1", "alice", now, "integrity");
  g_free (tampered);
  tampered = g_strdup (token);
  dot = strrchr (tampered, '.');
  dot[1] = dot[1] == 'A' ? 'B' : 'A';
  assert_refused (key, tampered, "tools/call", "d1", "alice", now, "integrity");

  /* A payload the client wrote, with a made-up MAC. */
  forged = g_strdup_printf ("mcp1.%s.%s", "eyJtIjoidG9vbHMvY2FsbCJ9", "AAAA");
  assert_refused (key, forged, "tools/call", "d1", "alice", now, "integrity");

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) opened = _mcp_request_state_open (key, malformed[i], "tools/call",
                                                              "d1", "alice", now, &error);

      g_assert_null (opened);
      g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
    }

  long_token = g_strnfill (MCP_REQUEST_STATE_MAX_LENGTH + 1, 'A');
  assert_refused (key, long_token, "tools/call", "d1", "alice", now, "too long");
  assert_refused (key, NULL, "tools/call", "d1", "alice", now, "missing");
}

static void
test_shared_key (void)
{
  static const guint8 secret[] = "a secret that the replicas of one service share, long";
  g_autoptr(McpRequestStateKey) one = _mcp_request_state_key_new_from_data (secret, sizeof secret);
  g_autoptr(McpRequestStateKey) two = _mcp_request_state_key_new_from_data (secret, sizeof secret);
  gint64 now = g_get_real_time ();
  g_autofree char *token = _mcp_request_state_seal (one, "resources/read", "d", NULL, now + HOUR,
                                                    NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) opened = _mcp_request_state_open (two, token, "resources/read", "d", NULL,
                                                          now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (opened);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/RequestState/digest", test_digest);
  g_test_add_func ("/Mcp/RequestState/round-trip", test_round_trip);
  g_test_add_func ("/Mcp/RequestState/refused", test_refused);
  g_test_add_func ("/Mcp/RequestState/shared-key", test_shared_key);

  return g_test_run ();
}
