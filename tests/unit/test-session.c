/* test-session.c: the JSON-RPC engine over crossed pipes
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-test-schema.h"
#include "mcp-test-util.h"

typedef struct
{
  McpTransport *ta;
  McpTransport *tb;
  McpSession   *a;
  McpSession   *b;
} Fixture;

static void
connect_transport (McpTransport *transport)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_transport_connect_async (transport, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_transport_connect_finish (transport, result, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  mcp_test_transport_pair (&f->ta, &f->tb);
  f->a = mcp_session_new (f->ta);
  f->b = mcp_session_new (f->tb);
  connect_transport (f->ta);
  connect_transport (f->tb);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  mcp_session_close (f->a);
  mcp_session_close (f->b);
  mcp_test_spin (10);
  g_assert_finalize_object (f->a);
  g_assert_finalize_object (f->b);
  g_clear_object (&f->ta);
  g_clear_object (&f->tb);
}

/* Handlers ---------------------------------------------------------------- */

static void
echo_handler (McpSession *session,
              McpRequest *request,
              gpointer    user_data)
{
  mcp_request_return_result (request, mcp_request_get_params (request));
}

static GPtrArray *held_requests;

static void
hold_handler (McpSession *session,
              McpRequest *request,
              gpointer    user_data)
{
  g_ptr_array_add (held_requests, g_object_ref (request));
}

static void
error_handler (McpSession *session,
               McpRequest *request,
               gpointer    user_data)
{
  g_autoptr(JsonNode) data = mcp_test_parse ("{\"why\":\"because\"}");

  mcp_request_return_error (request, -32099, "custom failure", data);
}

static JsonNode *
send_and_wait (McpSession  *session,
               const char  *method,
               const char  *params_json,
               GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) params = params_json ? mcp_test_parse (params_json) : NULL;

  mcp_session_send_request_async (session, method, params, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  return mcp_session_send_request_finish (session, result, error);
}

/* Tests -------------------------------------------------------------------- */

static void
test_request_response (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) expected = mcp_test_parse ("{\"x\":[1,2,{\"y\":\"z\"}]}");

  mcp_session_set_request_handler (f->b, "test/echo", echo_handler, NULL, NULL);

  reply = send_and_wait (f->a, "test/echo", "{\"x\":[1,2,{\"y\":\"z\"}]}", &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (reply, expected));
  g_assert_cmpuint (mcp_session_get_n_pending_requests (f->a), ==, 0);
  g_assert_cmpuint (mcp_session_get_n_incoming_requests (f->b), ==, 0);
}

static void
test_unknown_method (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = send_and_wait (f->a, "no/such/method", NULL, &error);

  g_assert_null (reply);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_METHOD_NOT_FOUND);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, -32601);
}

static void
test_error_reply (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) expected = mcp_test_parse ("{\"why\":\"because\"}");

  mcp_session_set_request_handler (f->b, "test/fail", error_handler, NULL, NULL);
  reply = send_and_wait (f->a, "test/fail", NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_FAILED);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, -32099);
  g_assert_cmpstr (error->message, ==, "custom failure");
  g_assert_true (json_node_equal (mcp_error_get_data (error), expected));
}

typedef struct
{
  guint  done;
  guint  correct;
} Tally;

typedef struct
{
  Tally *tally;
  gint64 expected;
} Call;

static void
concurrent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = mcp_session_send_request_finish (MCP_SESSION (object), result, &error);

  g_assert_no_error (error);
  if (json_object_get_int_member (json_node_get_object (reply), "n") == call->expected)
    call->tally->correct++;
  call->tally->done++;
  g_free (call);
}

static gboolean
release_held (gpointer user_data)
{
  /* Reply in reverse order: responses must still reach the right callers. */
  while (held_requests->len > 0)
    {
      McpRequest *request = g_ptr_array_steal_index (held_requests, held_requests->len - 1);

      mcp_request_return_result (request, mcp_request_get_params (request));
      g_object_unref (request);
    }
  return G_SOURCE_REMOVE;
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  Tally tally = { 0 };
  const guint n = 100;

  held_requests = g_ptr_array_new ();
  mcp_session_set_request_handler (f->b, "test/hold", hold_handler, NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"n\":%u}", i);
      g_autoptr(JsonNode) params = mcp_test_parse (json);
      Call *call = g_new0 (Call, 1);

      call->tally = &tally;
      call->expected = i;
      mcp_session_send_request_async (f->a, "test/hold", params, NULL, concurrent_cb, call);
    }

  g_assert_cmpuint (mcp_session_get_n_pending_requests (f->a), ==, n);
  mcp_test_wait_until (!(held_requests->len < n));
  g_assert_cmpuint (mcp_session_get_n_incoming_requests (f->b), ==, n);

  g_idle_add (release_held, NULL);
  mcp_test_wait_count (&tally.done, n, MCP_TEST_TIMEOUT_MS);
  g_assert_cmpuint (tally.correct, ==, n);
  g_assert_cmpuint (mcp_session_get_n_pending_requests (f->a), ==, 0);
  g_clear_pointer (&held_requests, g_ptr_array_unref);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) second = NULL;

  held_requests = g_ptr_array_new_with_free_func (g_object_unref);
  mcp_session_set_request_handler (f->b, "test/hold", hold_handler, NULL, NULL);
  mcp_session_set_request_handler (f->b, "test/echo", echo_handler, NULL, NULL);

  mcp_session_send_request_full_async (f->a, "test/hold", NULL, NULL, MCP_REQUEST_FLAGS_NONE, 100,
                                       NULL, NULL, NULL, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  reply = mcp_session_send_request_finish (f->a, result, &error);
  g_assert_null (reply);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TIMEOUT);

  /* The peer was told, and its handler sees the cancellation. */
  mcp_test_wait_until (!(!mcp_request_is_cancelled (g_ptr_array_index (held_requests, 0))));

  /* A late reply is dropped; the session goes on working. */
  mcp_request_return_result (g_ptr_array_index (held_requests, 0), NULL);
  g_clear_error (&error);
  second = send_and_wait (f->a, "test/echo", "{}", &error);
  g_assert_no_error (error);
  g_clear_pointer (&held_requests, g_ptr_array_unref);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) after = NULL;
  McpRequest *held;

  held_requests = g_ptr_array_new_with_free_func (g_object_unref);
  mcp_session_set_request_handler (f->b, "test/hold", hold_handler, NULL, NULL);
  mcp_session_set_request_handler (f->b, "test/echo", echo_handler, NULL, NULL);

  mcp_session_send_request_full_async (f->a, "test/hold", NULL, NULL, MCP_REQUEST_FLAGS_NONE, 0,
                                       NULL, NULL, NULL, cancellable,
                                       mcp_test_store_result_cb, &slot);
  mcp_test_wait_until (!(held_requests->len == 0));
  held = g_ptr_array_index (held_requests, 0);

  g_cancellable_cancel (cancellable);
  result = mcp_test_wait_result (&slot);
  reply = mcp_session_send_request_finish (f->a, result, &error);
  g_assert_null (reply);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  mcp_test_wait_until (!(!mcp_request_is_cancelled (held)));
  g_assert_true (mcp_request_is_completed (held));
  g_assert_cmpuint (mcp_session_get_n_incoming_requests (f->b), ==, 0);

  /* No response follows a cancellation; the connection is unharmed. */
  mcp_request_return_result (held, NULL);
  g_clear_error (&error);
  after = send_and_wait (f->a, "test/echo", "{\"ok\":true}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
  g_clear_pointer (&held_requests, g_ptr_array_unref);
}

static void
test_cancel_before_send (Fixture       *f,
                         gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonNode) reply = NULL;

  g_cancellable_cancel (cancellable);
  mcp_session_send_request_async (f->a, "test/echo", NULL, cancellable,
                                  mcp_test_store_result_cb, &slot);
  /* The callback never runs re-entrantly. */
  g_assert_null (slot);
  result = mcp_test_wait_result (&slot);
  reply = mcp_session_send_request_finish (f->a, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  guint   count;
  gdouble last;
  gdouble total;
} Progress;

static void
progress_cb (gdouble     progress,
             gdouble     total,
             const char *message,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (progress, >, p->last);
  p->last = progress;
  p->total = total;
  p->count++;
}

static gboolean
progress_step (gpointer user_data)
{
  McpRequest *request = g_ptr_array_index (held_requests, 0);
  static guint step;

  step++;
  g_assert_true (mcp_request_send_progress (request, step, 5, "working"));
  /* Not increasing: refused. */
  g_assert_false (mcp_request_send_progress (request, step, 5, NULL));

  if (step < 5)
    return G_SOURCE_CONTINUE;

  step = 0;
  mcp_request_return_result (request, NULL);
  return G_SOURCE_REMOVE;
}

static void
test_progress_resets_timeout (Fixture       *f,
                              gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  Progress progress = { 0, 0, 0 };

  held_requests = g_ptr_array_new_with_free_func (g_object_unref);
  mcp_session_set_request_handler (f->b, "test/hold", hold_handler, NULL, NULL);

  /* Five steps 100 ms apart outlive a 250 ms timeout only if progress
   * restarts it. */
  mcp_session_send_request_full_async (f->a, "test/hold", NULL, NULL,
                                       MCP_REQUEST_FLAGS_RESET_TIMEOUT_ON_PROGRESS, 250,
                                       progress_cb, &progress, NULL, NULL,
                                       mcp_test_store_result_cb, &slot);
  mcp_test_wait_until (!(held_requests->len == 0));

  g_assert_nonnull (mcp_request_get_progress_token (g_ptr_array_index (held_requests, 0)));
  g_timeout_add (100, progress_step, NULL);

  result = mcp_test_wait_result (&slot);
  reply = mcp_session_send_request_finish (f->a, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.count, ==, 5);
  g_assert_cmpfloat (progress.total, ==, 5);
  g_clear_pointer (&held_requests, g_ptr_array_unref);
}

static void
test_no_progress_token (Fixture       *f,
                        gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  McpRequest *request;

  held_requests = g_ptr_array_new_with_free_func (g_object_unref);
  mcp_session_set_request_handler (f->b, "test/hold", hold_handler, NULL, NULL);
  mcp_session_send_request_async (f->a, "test/hold", NULL, NULL, mcp_test_store_result_cb, &slot);
  mcp_test_wait_until (!(held_requests->len == 0));

  request = g_ptr_array_index (held_requests, 0);
  g_assert_null (mcp_request_get_progress_token (request));
  g_assert_false (mcp_request_send_progress (request, 1, -1, NULL));
  mcp_request_return_result (request, NULL);
  result = mcp_test_wait_result (&slot);
  g_clear_pointer (&held_requests, g_ptr_array_unref);
}

static void
on_notification (McpSession *session,
                 const char *method,
                 JsonNode   *params,
                 gpointer    user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, g_strdup (method));
}

static void
test_notification_detail (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) only = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;

  g_signal_connect (f->b, "notification", G_CALLBACK (on_notification), all);
  g_signal_connect (f->b, "notification::test/wanted", G_CALLBACK (on_notification), only);
  mcp_session_set_request_handler (f->b, "test/echo", echo_handler, NULL, NULL);

  mcp_session_notify (f->a, "test/wanted", NULL);
  mcp_session_notify (f->a, "test/unwanted", NULL);
  mcp_session_notify (f->a, "test/never-seen-before-method", NULL);
  /* A round trip after them: the pipe keeps order. */
  reply = send_and_wait (f->a, "test/echo", "{}", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpuint (only->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (only, 0), ==, "test/wanted");
}

static void
on_closed (McpSession *session,
           gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

typedef struct
{
  GError  *error;
  gboolean done;
  gboolean closed_before;
  guint   *closed_count;
} Pending;

static void
pending_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *p = user_data;
  g_autoptr(JsonNode) reply = mcp_session_send_request_finish (MCP_SESSION (object), result,
                                                               &p->error);

  g_assert_null (reply);
  /* Pending requests fail before closed is emitted. */
  p->closed_before = *p->closed_count > 0;
  p->done = TRUE;
}

static void
test_peer_closes (Fixture       *f,
                  gconstpointer  data)
{
  Pending pending[3] = { 0 };
  guint closed_count = 0;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;

  held_requests = g_ptr_array_new_with_free_func (g_object_unref);
  mcp_session_set_request_handler (f->b, "test/hold", hold_handler, NULL, NULL);
  g_signal_connect (f->a, "closed", G_CALLBACK (on_closed), &closed_count);

  for (guint i = 0; i < G_N_ELEMENTS (pending); i++)
    {
      pending[i].closed_count = &closed_count;
      mcp_session_send_request_async (f->a, "test/hold", NULL, NULL, pending_cb, &pending[i]);
    }
  mcp_test_wait_until (!(held_requests->len < G_N_ELEMENTS (pending)));

  /* The peer goes away mid-call. */
  mcp_session_close (f->b);

  for (guint i = 0; i < G_N_ELEMENTS (pending); i++)
    {
      mcp_test_wait_flag (&pending[i].done, MCP_TEST_TIMEOUT_MS);
      g_assert_error (pending[i].error, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED);
      g_assert_false (pending[i].closed_before);
      g_clear_error (&pending[i].error);
    }

  mcp_test_wait_count (&closed_count, 1, MCP_TEST_TIMEOUT_MS);
  mcp_test_spin (50);
  g_assert_cmpuint (closed_count, ==, 1);
  g_assert_true (mcp_session_is_closed (f->a));

  /* The handler's requests on the closed side were cancelled. */
  for (guint i = 0; i < held_requests->len; i++)
    g_assert_true (mcp_request_is_cancelled (g_ptr_array_index (held_requests, i)));

  /* Nothing more can be sent. */
  mcp_session_send_request_async (f->a, "test/hold", NULL, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  reply = mcp_session_send_request_finish (f->a, result, &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED);
  g_clear_pointer (&held_requests, g_ptr_array_unref);
}

/* Raw peer: exact id echo and malformed input ------------------------------ */

typedef struct
{
  GOutputStream *to;
  GInputStream  *from;
  McpTransport  *transport;
  McpSession    *session;
} Raw;

static void
raw_setup (Raw           *r,
           gconstpointer  data)
{
  r->transport = mcp_test_transport_with_raw_peer (&r->to, &r->from);
  r->session = mcp_session_new (r->transport);
  mcp_session_set_request_handler (r->session, "test/echo", echo_handler, NULL, NULL);
  connect_transport (r->transport);
}

static void
raw_teardown (Raw           *r,
              gconstpointer  data)
{
  mcp_session_close (r->session);
  mcp_test_spin (10);
  g_assert_finalize_object (r->session);
  g_clear_object (&r->transport);
  g_clear_object (&r->to);
  g_clear_object (&r->from);
}

static JsonNode *
raw_exchange (Raw        *r,
              const char *line)
{
  g_autofree char *reply = NULL;

  mcp_test_write (r->to, line);
  mcp_test_write (r->to, "\n");
  reply = mcp_test_read_line (r->from, MCP_TEST_TIMEOUT_MS);
  g_assert_nonnull (reply);
  return mcp_test_parse (reply);
}

static void
assert_error_reply (JsonNode   *reply,
                    gint        code,
                    const char *id_json)
{
  JsonObject *object = json_node_get_object (reply);
  JsonNode *id_node = json_object_get_member (object, "id");
  /* An id that could not be read is left out, as the MCP schema wants. */
  g_autofree char *id = id_node != NULL ? mcp_message_to_data (id_node, NULL) : g_strdup ("none");

  g_assert_true (json_object_has_member (object, "error"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "error"),
                                               "code"), ==, code);
  g_assert_cmpstr (id, ==, id_json);
  mcp_test_assert_valid ("2025-11-25", "JSONRPCErrorResponse", reply);
}

static void
test_raw_id_echo (Raw           *r,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) a = raw_exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"method\":\"test/echo\"}");
  g_autoptr(JsonNode) b = raw_exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"test/echo\"}");
  g_autoptr(JsonNode) c = raw_exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":\"\",\"method\":\"test/echo\"}");
  g_autoptr(JsonNode) d = raw_exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":-9007199254740993,\"method\":\"test/echo\"}");
  g_autofree char *ta = mcp_message_to_data (a, NULL);
  g_autofree char *tb = mcp_message_to_data (b, NULL);
  g_autofree char *tc = mcp_message_to_data (c, NULL);
  g_autofree char *td = mcp_message_to_data (d, NULL);

  g_assert_cmpstr (ta, ==, "{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":{}}");
  g_assert_cmpstr (tb, ==, "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
  g_assert_cmpstr (tc, ==, "{\"jsonrpc\":\"2.0\",\"id\":\"\",\"result\":{}}");
  g_assert_cmpstr (td, ==, "{\"jsonrpc\":\"2.0\",\"id\":-9007199254740993,\"result\":{}}");
}

static void
test_raw_response_ids (Raw           *r,
                       gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *request = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  gint64 id;
  g_autofree char *wrong_type = NULL;
  g_autofree char *right = NULL;

  mcp_session_send_request_async (r->session, "peer/method", NULL, NULL,
                                  mcp_test_store_result_cb, &slot);
  request = mcp_test_read_line (r->from, MCP_TEST_TIMEOUT_MS);
  parsed = mcp_test_parse (request);
  id = json_object_get_int_member (json_node_get_object (parsed), "id");

  /* Our integer id answered with a string: not our request. */
  wrong_type = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":\"%" G_GINT64_FORMAT "\",\"result\":{\"wrong\":true}}\n", id);
  mcp_test_write (r->to, wrong_type);
  /* Stray responses to nothing are ignored. */
  mcp_test_write (r->to, "{\"jsonrpc\":\"2.0\",\"id\":424242,\"result\":{}}\n");
  mcp_test_write (r->to, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}\n");
  right = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"result\":{\"right\":true}}\n", id);
  mcp_test_write (r->to, right);

  result = mcp_test_wait_result (&slot);
  reply = mcp_session_send_request_finish (r->session, result, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (reply), "right"));
}

/* A GError holds a gint: a peer's code beyond it must not be cut to its low
 * bits (2^32 would read as 0), but becomes -32603 with the code kept. */
static void
test_raw_error_code_range (Raw           *r,
                           gconstpointer  data)
{
  static const struct {
    const char *code;
    gint        expected;
    const char *data;
  } cases[] = {
    { "-2147483648", G_MININT, NULL },
    { "2147483647", G_MAXINT, "{\"why\":\"edge\"}" },
    { "4294967296", MCP_JSONRPC_INTERNAL_ERROR, NULL },
    { "-2147483649", MCP_JSONRPC_INTERNAL_ERROR, "{\"why\":\"far\"}" },
    { "9223372036854775807", MCP_JSONRPC_INTERNAL_ERROR, "[1,2]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GAsyncResult *slot = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) reply = NULL;
      g_autofree char *request = NULL;
      g_autoptr(JsonNode) parsed = NULL;
      g_autofree char *answer = NULL;
      g_autoptr(JsonNode) peer_data = cases[i].data != NULL ? mcp_test_parse (cases[i].data) : NULL;
      JsonNode *kept;
      gint64 id;

      g_test_message ("code %s", cases[i].code);
      mcp_session_send_request_async (r->session, "peer/method", NULL, NULL,
                                      mcp_test_store_result_cb, &slot);
      request = mcp_test_read_line (r->from, MCP_TEST_TIMEOUT_MS);
      parsed = mcp_test_parse (request);
      id = json_object_get_int_member (json_node_get_object (parsed), "id");
      answer = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"error\":"
                                "{\"code\":%s,\"message\":\"odd\"%s%s}}\n",
                                id, cases[i].code, cases[i].data != NULL ? ",\"data\":" : "",
                                cases[i].data != NULL ? cases[i].data : "");
      mcp_test_write (r->to, answer);

      result = mcp_test_wait_result (&slot);
      reply = mcp_session_send_request_finish (r->session, result, &error);
      g_assert_null (reply);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, "odd");
      g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, cases[i].expected);
      kept = mcp_error_get_data (error);

      if (cases[i].expected != MCP_JSONRPC_INTERNAL_ERROR)
        {
          g_assert_error (error, MCP_ERROR, MCP_ERROR_FAILED);
          g_assert_true (peer_data == NULL ? kept == NULL : json_node_equal (kept, peer_data));
          continue;
        }

      g_assert_error (error, MCP_ERROR, MCP_ERROR_INTERNAL_ERROR);
      g_assert_nonnull (kept);
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (kept), "code"), ==,
                       g_ascii_strtoll (cases[i].code, NULL, 10));
      if (peer_data != NULL)
        g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (kept), "data"),
                                        peer_data));
      else
        g_assert_false (json_object_has_member (json_node_get_object (kept), "data"));
    }
}

static void
test_raw_malformed (Raw           *r,
                    gconstpointer  data)
{
  static const struct {
    const char *line;
    gint        code;
    const char *id;
  } cases[] = {
    { "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test/echo\"", -32700, "none" },
    { "this is not json", -32700, "none" },
    { "{\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"test/echo\"}", -32600, "2" },
    { "{\"jsonrpc\":\"2.0\",\"id\":3}", -32600, "3" },
    { "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"test/echo\"}", -32600, "none" },
    { "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"test/echo\"}", -32600, "none" },
    { "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"no/such\"}", -32601, "4" },
    { "[{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"test/echo\"}]", -32600, "none" },
    { "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"test/echo\",\"params\":[1,2]}", -32600, "6" },
    { "\"just a string\"", -32600, "none" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) reply = raw_exchange (r, cases[i].line);

      g_test_message ("%s", cases[i].line);
      assert_error_reply (reply, cases[i].code, cases[i].id);
    }
}

static void
test_raw_invalid_utf8 (Raw           *r,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) reply = raw_exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"te\xc3\x28st\"}");

  assert_error_reply (reply, -32700, "none");
}

static void
test_raw_deep_nesting (Raw           *r,
                       gconstpointer  data)
{
  const gsize depth = 200000;
  GString *line = g_string_sized_new (depth * 2 + 64);
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) after = NULL;

  g_string_append (line, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test/echo\",\"params\":{\"a\":");
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (line, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (line, ']');
  g_string_append (line, "}}");

  reply = raw_exchange (r, line->str);
  assert_error_reply (reply, -32700, "none");
  g_string_free (line, TRUE);

  after = raw_exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test/echo\"}");
  g_assert_true (json_object_has_member (json_node_get_object (after), "result"));
}

static void
test_raw_oversized (Raw           *r,
                    gconstpointer  data)
{
  g_autofree char *big = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) after = NULL;
  const gsize limit = 4096;

  mcp_stdio_transport_set_max_message_size (MCP_STDIO_TRANSPORT (r->transport), limit);

  big = g_strnfill (limit * 40, 'x');
  mcp_test_write (r->to, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test/echo\",\"params\":{\"pad\":\"");
  mcp_test_write (r->to, big);
  reply = raw_exchange (r, "\"}}");
  assert_error_reply (reply, -32600, "none");

  /* The line was skipped up to its newline; the next one is served. */
  after = raw_exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test/echo\"}");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (after), "id"), ==, 2);
}

static void
test_raw_notifications_ignored (Raw           *r,
                                gconstpointer  data)
{
  g_autoptr(JsonNode) reply = NULL;

  /* Unknown notifications, and cancellations of nothing, get no reply:
   * the next line read answers the request after them. */
  mcp_test_write (r->to, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"}\n");
  mcp_test_write (r->to, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":99}}\n");
  mcp_test_write (r->to, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":{},\"progress\":\"x\"}}\n");
  mcp_test_write (r->to, "\n\r\n   \n");
  reply = raw_exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"test/echo\"}");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply), "id"), ==, "after");
}

static void
test_raw_duplicate_id (Raw           *r,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) reply = NULL;

  held_requests = g_ptr_array_new_with_free_func (g_object_unref);
  mcp_session_set_request_handler (r->session, "test/hold", hold_handler, NULL, NULL);

  mcp_test_write (r->to, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"test/hold\"}\n");
  reply = raw_exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"test/hold\"}");
  assert_error_reply (reply, -32600, "5");
  g_assert_cmpuint (held_requests->len, ==, 1);
  g_clear_pointer (&held_requests, g_ptr_array_unref);
}

static void
test_raw_eof (Raw           *r,
              gconstpointer  data)
{
  guint closed_count = 0;

  g_signal_connect (r->session, "closed", G_CALLBACK (on_closed), &closed_count);
  g_output_stream_close (r->to, NULL, NULL);
  mcp_test_wait_count (&closed_count, 1, MCP_TEST_TIMEOUT_MS);
  g_assert_cmpint (mcp_transport_get_state (r->transport), ==, MCP_TRANSPORT_STATE_DISCONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Mcp/Session/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define ADD_RAW(path, func) \
  g_test_add ("/Mcp/Session/raw/" path, Raw, NULL, raw_setup, func, raw_teardown)

  ADD ("request-response", test_request_response);
  ADD ("unknown-method", test_unknown_method);
  ADD ("error-reply", test_error_reply);
  ADD ("concurrent", test_concurrent);
  ADD ("timeout", test_timeout);
  ADD ("cancel", test_cancel);
  ADD ("cancel-before-send", test_cancel_before_send);
  ADD ("progress-resets-timeout", test_progress_resets_timeout);
  ADD ("no-progress-token", test_no_progress_token);
  ADD ("notification-detail", test_notification_detail);
  ADD ("peer-closes", test_peer_closes);
  ADD_RAW ("id-echo", test_raw_id_echo);
  ADD_RAW ("response-ids", test_raw_response_ids);
  ADD_RAW ("error-code-range", test_raw_error_code_range);
  ADD_RAW ("malformed", test_raw_malformed);
  ADD_RAW ("invalid-utf8", test_raw_invalid_utf8);
  ADD_RAW ("deep-nesting", test_raw_deep_nesting);
  ADD_RAW ("oversized", test_raw_oversized);
  ADD_RAW ("notifications-ignored", test_raw_notifications_ignored);
  ADD_RAW ("duplicate-id", test_raw_duplicate_id);
  ADD_RAW ("eof", test_raw_eof);

  return g_test_run ();
}
