/* test-client-server-features.c: resources, prompts, completion, list_changed, tool input
 * validation, requests from the server to the client, cancellation and
 * progress — McpClient against McpServer over crossed pipes, every message
 * checked against the 2025-11-25 schema.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-test-util.h"
#include "mcp-test-wire.h"

typedef struct
{
  McpServer   *server;
  GPtrArray   *clients;
  McpTestWire *wire;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = mcp_server_new ("test-server", "1.0");
  f->clients = g_ptr_array_new_with_free_func (g_object_unref);
  f->wire = mcp_test_wire_new ();
}

static void
on_session_count (McpServer  *server,
                  GParamSpec *pspec,
                  gboolean   *empty)
{
  *empty = mcp_server_get_n_sessions (server) == 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gboolean empty = mcp_server_get_n_sessions (f->server) == 0;
  gulong handler;

  handler = g_signal_connect (f->server, "notify::n-sessions",
                              G_CALLBACK (on_session_count), &empty);

  for (guint i = 0; i < f->clients->len; i++)
    {
      McpClient *client = g_ptr_array_index (f->clients, i);
      g_autoptr(GAsyncResult) result = NULL;

      mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
      result = mcp_test_wait_result (&result);
      g_assert_true (mcp_client_disconnect_finish (client, result, NULL));
    }

  /* Each client is held by the fixture alone now. */
  for (guint i = 0; i < f->clients->len; i++)
    g_assert_cmpuint (G_OBJECT (g_ptr_array_index (f->clients, i))->ref_count, ==, 1);

  mcp_test_wait_flag (&empty, MCP_TEST_TIMEOUT_MS);
  g_signal_handler_disconnect (f->server, handler);

  mcp_test_wire_assert_valid (f->wire);
  mcp_test_wire_free (f->wire);

  g_ptr_array_unref (f->clients);
  g_assert_finalize_object (f->server);
}

/* Connects @client (or a new plain client) to the fixture's server over a
 * fresh pipe pair; returns the client and, in @session, its server side. */
static McpClient *
fixture_connect (Fixture           *f,
                 McpClient         *client,
                 McpServerSession **session)
{
  g_autoptr(McpTransport) client_transport = NULL;
  g_autoptr(McpTransport) server_transport = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McpServerSession *server_session;

  if (client == NULL)
    client = mcp_client_new ("test-client", "1.0");
  else
    g_object_ref (client);
  g_ptr_array_add (f->clients, client);
  /* This file covers the handshake era: sessions, server-initiated requests,
   * -32002. tests/integration/test-modern-client.c covers 2026-07-28. */
  if (mcp_client_get_requested_protocol_version (client) == NULL)
    mcp_client_set_requested_protocol_version (client, MCP_PROTOCOL_VERSION_2025_11_25);

  mcp_test_transport_pair (&client_transport, &server_transport);
  mcp_test_wire_watch (f->wire, client_transport, TRUE);
  mcp_test_wire_watch (f->wire, server_transport, FALSE);

  server_session = mcp_server_add_transport (f->server, server_transport);
  mcp_client_connect_async (client, client_transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  mcp_client_connect_finish (client, result, &error);
  g_assert_no_error (error);

  if (session != NULL)
    *session = server_session;

  return client;
}

static JsonNode *
parse (const char *json)
{
  return mcp_test_parse (json);
}

static void
assert_jsonrpc_error (GError *error,
                      gint    code)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == MCP_ERROR);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, code);
}

static const char *
content_text (JsonNode *content)
{
  return json_object_get_string_member (json_node_get_object (content), "text");
}

/* A round trip that makes sure everything sent before it has arrived. */
static void
client_ping (McpClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_ping_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_ping_finish (client, result, NULL));
}

/* Resources ------------------------------------------------------------------ */

static gboolean
finish_read_idle (gpointer user_data)
{
  McpResourceRead *read = user_data;
  g_autoptr(JsonNode) other = mcp_content_new_text_contents ("test://c/part2", "text/plain", "two");

  mcp_resource_read_add_text (read, NULL, "one");
  mcp_resource_read_add_contents (read, other);
  mcp_resource_read_return_contents (read);
  return G_SOURCE_REMOVE;
}

/* Completes later from the main loop, like a handler that reads a file. */
static void
read_later (McpServer       *server,
            McpResourceRead *read,
            gpointer         user_data)
{
  mcp_resource_read_send_progress (read, 1, 2, "halfway");
  g_idle_add_full (G_PRIORITY_DEFAULT, finish_read_idle, g_object_ref (read), g_object_unref);
}

static void
read_item (McpServer       *server,
           McpResourceRead *read,
           gpointer         user_data)
{
  const char *id = mcp_resource_read_get_variable (read, "id");
  g_autofree char *text = NULL;

  g_assert_nonnull (mcp_resource_read_get_template (read));
  g_assert_null (mcp_resource_read_get_resource (read));

  if (g_str_equal (id, "missing"))
    {
      mcp_resource_read_return_not_found (read);
      return;
    }

  text = g_strdup_printf ("item %s", id);
  mcp_resource_read_return_text (read, NULL, text);
}

static void
read_file (McpServer       *server,
           McpResourceRead *read,
           gpointer         user_data)
{
  g_autofree char *text = g_strdup_printf ("%s/%s",
                                           mcp_resource_read_get_variable (read, "dir"),
                                           mcp_resource_read_get_variable (read, "name"));

  g_assert_cmpuint (g_hash_table_size (mcp_resource_read_get_variables (read)), ==, 2);
  mcp_resource_read_return_text (read, "text/plain", text);
}

static GBytes *
all_bytes (void)
{
  guint8 data[256];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = i;

  return g_bytes_new (data, sizeof data);
}

static void
register_resources (McpServer *server)
{
  g_autoptr(McpResource) a = mcp_resource_new ("test://a", "a");
  g_autoptr(McpResource) b = mcp_resource_new ("test://b", "b");
  g_autoptr(McpResource) c = mcp_resource_new ("test://c", "c");
  g_autoptr(McpResourceTemplate) items = mcp_resource_template_new ("test://items/{id}", "items");
  g_autoptr(McpResourceTemplate) files = mcp_resource_template_new ("file:///{dir}/{name}.txt",
                                                                    "files");
  g_autoptr(GBytes) bytes = all_bytes ();
  g_autoptr(JsonNode) icons = parse ("[{\"src\":\"https://example.com/a.png\",\"mimeType\":\"image/png\","
                                     "\"sizes\":[\"48x48\"]}]");
  g_autoptr(JsonNode) meta = parse ("{\"example.com/origin\":\"test\"}");
  g_autoptr(JsonNode) annotations = parse ("{\"audience\":[\"user\"],\"priority\":0.5}");

  mcp_resource_set_title (a, "The A");
  mcp_resource_set_description (a, "A text");
  mcp_resource_set_mime_type (a, "text/plain");
  mcp_resource_set_icons (a, icons);
  mcp_resource_set_meta (a, meta);
  mcp_resource_set_annotations (a, annotations);
  mcp_server_add_text_resource (server, a, "alpha");

  mcp_resource_set_mime_type (b, "application/octet-stream");
  mcp_server_add_blob_resource (server, b, bytes);

  mcp_resource_set_mime_type (c, "text/plain");
  mcp_server_add_resource (server, c, read_later, NULL, NULL);

  mcp_resource_template_set_mime_type (items, "text/plain");
  mcp_resource_template_set_icons (items, icons);
  mcp_server_add_resource_template (server, items, read_item, NULL, NULL);
  mcp_server_add_resource_template (server, files, read_file, NULL, NULL);
}

static GPtrArray *
read_resource (McpClient   *client,
               const char  *uri,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_read_resource_async (client, uri, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_client_read_resource_finish (client, result, error);
}

static const char *
contents_member (GPtrArray  *contents,
                 guint       index,
                 const char *member)
{
  JsonObject *object = json_node_get_object (g_ptr_array_index (contents, index));

  return json_object_get_string_member_with_default (object, member, NULL);
}

static void
test_resources (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GPtrArray) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *end = NULL;
  g_autofree guchar *blob = NULL;
  McpServerSession *session;
  McpClient *client;
  McpResource *a;
  gsize blob_size;

  mcp_server_set_page_size (f->server, 2);
  register_resources (f->server);
  client = fixture_connect (f, NULL, &session);

  g_assert_true (mcp_client_server_has_capability (client, "resources"));

  /* Every page, then page by page */
  mcp_client_list_all_resources_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  resources = mcp_client_list_all_resources_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resources->len, ==, 3);
  a = g_ptr_array_index (resources, 0);
  g_assert_cmpstr (mcp_resource_get_uri (a), ==, "test://a");
  g_assert_cmpstr (mcp_resource_get_name (a), ==, "a");
  g_assert_cmpstr (mcp_resource_get_title (a), ==, "The A");
  g_assert_cmpstr (mcp_resource_get_description (a), ==, "A text");
  g_assert_cmpstr (mcp_resource_get_mime_type (a), ==, "text/plain");
  g_assert_cmpint (mcp_resource_get_size (a), ==, 5);
  g_assert_nonnull (mcp_resource_get_icons (a));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mcp_resource_get_meta (a)),
                                                  "example.com/origin"), ==, "test");
  g_assert_nonnull (mcp_resource_get_annotations (a));
  g_assert_cmpint (mcp_resource_get_size (g_ptr_array_index (resources, 1)), ==, 256);
  g_assert_cmpstr (mcp_resource_get_uri (g_ptr_array_index (resources, 2)), ==, "test://c");
  g_clear_object (&result);

  mcp_client_list_resources_async (client, NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  page = mcp_client_list_resources_finish (client, result, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_nonnull (cursor);
  g_clear_pointer (&page, g_ptr_array_unref);
  g_clear_object (&result);

  mcp_client_list_resources_async (client, cursor, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  page = mcp_client_list_resources_finish (client, result, &end, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_null (end);
  g_clear_pointer (&page, g_ptr_array_unref);
  g_clear_object (&result);

  /* A cursor that is not ours, and one of another list */
  mcp_client_list_resources_async (client, "garbage!", NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  page = mcp_client_list_resources_finish (client, result, NULL, &error);
  g_assert_null (page);
  assert_jsonrpc_error (error, MCP_JSONRPC_INVALID_PARAMS);
  g_clear_error (&error);
  g_clear_object (&result);

  mcp_client_list_prompts_async (client, cursor, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  page = mcp_client_list_prompts_finish (client, result, NULL, &error);
  g_assert_null (page);
  assert_jsonrpc_error (error, MCP_JSONRPC_INVALID_PARAMS);
  g_clear_error (&error);
  g_clear_object (&result);

  mcp_client_list_all_resource_templates_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  templates = mcp_client_list_all_resource_templates_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, 2);
  g_assert_cmpstr (mcp_resource_template_get_uri_template (g_ptr_array_index (templates, 0)), ==,
                   "test://items/{id}");
  g_assert_cmpstr (mcp_resource_template_get_mime_type (g_ptr_array_index (templates, 0)), ==,
                   "text/plain");
  g_assert_nonnull (mcp_resource_template_get_icons (g_ptr_array_index (templates, 0)));
  g_clear_object (&result);

  /* Text, blob, several contents from a handler that answers later */
  contents = read_resource (client, "test://a", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contents->len, ==, 1);
  g_assert_cmpstr (contents_member (contents, 0, "uri"), ==, "test://a");
  g_assert_cmpstr (contents_member (contents, 0, "mimeType"), ==, "text/plain");
  g_assert_cmpstr (contents_member (contents, 0, "text"), ==, "alpha");
  g_clear_pointer (&contents, g_ptr_array_unref);

  contents = read_resource (client, "test://b", &error);
  g_assert_no_error (error);
  blob = g_base64_decode (contents_member (contents, 0, "blob"), &blob_size);
  g_assert_cmpuint (blob_size, ==, 256);
  g_assert_cmpuint (blob[255], ==, 255);
  g_clear_pointer (&contents, g_ptr_array_unref);

  contents = read_resource (client, "test://c", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contents->len, ==, 2);
  g_assert_cmpstr (contents_member (contents, 0, "text"), ==, "one");
  g_assert_cmpstr (contents_member (contents, 1, "uri"), ==, "test://c/part2");
  g_clear_pointer (&contents, g_ptr_array_unref);

  /* Templates, with decoded variables */
  contents = read_resource (client, "test://items/42", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents_member (contents, 0, "text"), ==, "item 42");
  g_assert_cmpstr (contents_member (contents, 0, "uri"), ==, "test://items/42");
  g_clear_pointer (&contents, g_ptr_array_unref);

  contents = read_resource (client, "test://items/a%20b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents_member (contents, 0, "text"), ==, "item a b");
  g_clear_pointer (&contents, g_ptr_array_unref);

  contents = read_resource (client, "file:///docs/read.me.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents_member (contents, 0, "text"), ==, "docs/read.me");
  g_clear_pointer (&contents, g_ptr_array_unref);

  /* -32002 with the URI, from the server and from a handler */
  contents = read_resource (client, "test://nope", &error);
  g_assert_null (contents);
  assert_jsonrpc_error (error, MCP_JSONRPC_RESOURCE_NOT_FOUND);
  g_assert_true (g_error_matches (error, MCP_ERROR, MCP_ERROR_RESOURCE_NOT_FOUND));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mcp_error_get_data (error)),
                                                  "uri"), ==, "test://nope");
  g_clear_error (&error);

  contents = read_resource (client, "test://items/missing", &error);
  assert_jsonrpc_error (error, MCP_JSONRPC_RESOURCE_NOT_FOUND);
  g_clear_error (&error);

  contents = read_resource (client, "test://items/1/2", &error);
  assert_jsonrpc_error (error, MCP_JSONRPC_RESOURCE_NOT_FOUND);
  g_clear_error (&error);

  /* Subscriptions live in the session */
  mcp_client_subscribe_resource_async (client, "test://nope", NULL, mcp_test_store_result_cb,
                                       &result);
  result = mcp_test_wait_result (&result);
  g_assert_false (mcp_client_subscribe_resource_finish (client, result, &error));
  assert_jsonrpc_error (error, MCP_JSONRPC_RESOURCE_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  mcp_client_subscribe_resource_async (client, "test://items/7", NULL, mcp_test_store_result_cb,
                                       &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_subscribe_resource_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_true (mcp_server_session_is_subscribed (session, "test://items/7"));
  g_assert_false (mcp_server_session_is_subscribed (session, "test://a"));
  g_clear_object (&result);
}

static void
on_resource_updated (McpClient  *client,
                     const char *uri,
                     GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup (uri));
}

static void
test_subscriptions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) seen1 = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) seen2 = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  McpClient *client1;
  McpClient *client2;

  register_resources (f->server);
  client1 = fixture_connect (f, NULL, NULL);
  client2 = fixture_connect (f, NULL, NULL);
  g_signal_connect (client1, "resource-updated", G_CALLBACK (on_resource_updated), seen1);
  g_signal_connect (client2, "resource-updated", G_CALLBACK (on_resource_updated), seen2);

  mcp_client_subscribe_resource_async (client1, "test://a", NULL, mcp_test_store_result_cb,
                                       &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_subscribe_resource_finish (client1, result, NULL));
  g_clear_object (&result);

  mcp_server_notify_resource_updated (f->server, "test://a");
  mcp_server_notify_resource_updated (f->server, "test://b");
  mcp_test_wait_count (&seen1->len, 1, MCP_TEST_TIMEOUT_MS);
  client_ping (client1);
  client_ping (client2);
  g_assert_cmpuint (seen1->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen1, 0), ==, "test://a");
  g_assert_cmpuint (seen2->len, ==, 0);

  mcp_client_unsubscribe_resource_async (client1, "test://a", NULL, mcp_test_store_result_cb,
                                         &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_unsubscribe_resource_finish (client1, result, NULL));
  g_clear_object (&result);

  /* Unsubscribing from what one never subscribed to is no error */
  mcp_client_unsubscribe_resource_async (client2, "test://a", NULL, mcp_test_store_result_cb,
                                         &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_unsubscribe_resource_finish (client2, result, NULL));
  g_clear_object (&result);

  mcp_server_notify_resource_updated (f->server, "test://a");
  client_ping (client1);
  g_assert_cmpuint (seen1->len, ==, 1);
  g_assert_cmpuint (mcp_test_wire_count_method (f->wire, TRUE, "notifications/resources/updated"),
                    ==, 1);
}

/* Prompts --------------------------------------------------------------------- */

static void
prompt_greet (McpServer        *server,
              McpPromptRequest *request,
              gpointer          user_data)
{
  g_autoptr(McpPromptResult) result = mcp_prompt_result_new ("A greeting");
  g_autofree char *text = NULL;
  const char *style = mcp_prompt_request_get_argument (request, "style");
  g_autoptr(JsonNode) meta = parse ("{\"example.com/kind\":\"greeting\"}");

  text = g_strdup_printf ("%s, %s!", style != NULL ? style : "Hello",
                          mcp_prompt_request_get_argument (request, "name"));
  mcp_prompt_result_add_text (result, MCP_ROLE_USER, text);
  mcp_prompt_result_add_text (result, MCP_ROLE_ASSISTANT, "Hi there.");
  mcp_prompt_result_set_meta (result, meta);
  mcp_prompt_request_return_result (request, result);
}

static void
prompt_all_content (McpServer        *server,
                    McpPromptRequest *request,
                    gpointer          user_data)
{
  g_autoptr(McpPromptResult) result = mcp_prompt_result_new (NULL);
  g_autoptr(GBytes) bytes = all_bytes ();
  g_autoptr(JsonNode) image = mcp_content_new_image (bytes, "image/png");
  g_autoptr(JsonNode) audio = mcp_content_new_audio (bytes, "audio/wav");
  g_autoptr(JsonNode) resource = mcp_content_new_embedded_text ("test://a", "text/plain", "alpha");
  g_autoptr(JsonNode) link = mcp_content_new_resource_link ("test://b", "b", "The B", NULL);

  mcp_prompt_result_add_text (result, MCP_ROLE_USER, "Look:");
  mcp_prompt_result_add_message (result, MCP_ROLE_USER, image);
  mcp_prompt_result_add_message (result, MCP_ROLE_USER, audio);
  mcp_prompt_result_add_message (result, MCP_ROLE_ASSISTANT, resource);
  mcp_prompt_result_add_message (result, MCP_ROLE_ASSISTANT, link);
  mcp_prompt_request_return_result (request, result);
}

typedef struct
{
  McpPromptRequest *request;
  guint             step;
} SlowPrompt;

static gboolean
slow_prompt_step (gpointer user_data)
{
  SlowPrompt *slow = user_data;

  if (++slow->step <= 3)
    {
      mcp_prompt_request_send_progress (slow->request, slow->step, 3, NULL);
      return G_SOURCE_CONTINUE;
    }

  mcp_prompt_request_return_text (slow->request, "done slowly");
  g_object_unref (slow->request);
  g_free (slow);
  return G_SOURCE_REMOVE;
}

static void
prompt_slow (McpServer        *server,
             McpPromptRequest *request,
             gpointer          user_data)
{
  SlowPrompt *slow = g_new0 (SlowPrompt, 1);

  slow->request = g_object_ref (request);
  g_timeout_add (10, slow_prompt_step, slow);
}

static void
register_prompts (McpServer *server)
{
  g_autoptr(McpPrompt) greet = mcp_prompt_new ("greet", "Greets someone");
  g_autoptr(McpPrompt) all = mcp_prompt_new ("all-content", "Every kind of content");
  g_autoptr(McpPrompt) slow = mcp_prompt_new ("slow", "Takes a while");
  g_autoptr(JsonNode) icons = parse ("[{\"src\":\"data:image/png;base64,AAAA\"}]");

  mcp_prompt_set_title (greet, "Greeting");
  mcp_prompt_add_argument (greet, "name", "Who to greet", TRUE);
  mcp_prompt_add_argument (greet, "style", "How", FALSE);
  mcp_prompt_set_icons (greet, icons);
  mcp_server_add_prompt (server, greet, prompt_greet, NULL, NULL);
  mcp_server_add_prompt (server, all, prompt_all_content, NULL, NULL);
  mcp_server_add_prompt (server, slow, prompt_slow, NULL, NULL);
}

static McpPromptResult *
get_prompt (McpClient   *client,
            const char  *name,
            const char  *arguments,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = arguments != NULL ? parse (arguments) : NULL;

  mcp_client_get_prompt_async (client, name, node, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_client_get_prompt_finish (client, result, error);
}

static void
count_progress (gdouble     progress,
                gdouble     total,
                const char *message,
                gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_prompts (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) prompts = NULL;
  g_autoptr(McpPromptResult) prompt_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) params = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_auto(GStrv) required = NULL;
  static const char * const types[] = { "text", "image", "audio", "resource", "resource_link" };
  McpPrompt *greet;
  McpClient *client;
  JsonArray *messages;
  guint progress = 0;

  mcp_server_set_page_size (f->server, 1);
  register_prompts (f->server);
  client = fixture_connect (f, NULL, NULL);
  g_assert_true (mcp_client_server_has_capability (client, "prompts"));

  mcp_client_list_all_prompts_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  prompts = mcp_client_list_all_prompts_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prompts->len, ==, 3);
  greet = g_ptr_array_index (prompts, 0);
  g_assert_cmpstr (mcp_prompt_get_name (greet), ==, "greet");
  g_assert_cmpstr (mcp_prompt_get_title (greet), ==, "Greeting");
  g_assert_cmpstr (mcp_prompt_get_description (greet), ==, "Greets someone");
  g_assert_true (mcp_prompt_has_argument (greet, "style"));
  required = mcp_prompt_dup_required_arguments (greet);
  g_assert_cmpstrv (required, ((const char * const []) { "name", NULL }));
  g_assert_nonnull (mcp_prompt_get_icons (greet));
  g_clear_object (&result);

  prompt_result = get_prompt (client, "greet", "{\"name\":\"Ada\",\"style\":\"Howdy\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_prompt_result_get_description (prompt_result), ==, "A greeting");
  g_assert_cmpuint (mcp_prompt_result_get_n_messages (prompt_result), ==, 2);
  messages = mcp_prompt_result_get_messages (prompt_result);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "role"),
                   ==, "user");
  g_assert_cmpstr (content_text (json_object_get_member (json_array_get_object_element (messages, 0),
                                                         "content")), ==, "Howdy, Ada!");
  g_assert_nonnull (mcp_prompt_result_get_meta (prompt_result));
  g_clear_object (&prompt_result);

  prompt_result = get_prompt (client, "all-content", NULL, &error);
  g_assert_no_error (error);
  messages = mcp_prompt_result_get_messages (prompt_result);
  g_assert_cmpuint (json_array_get_length (messages), ==, G_N_ELEMENTS (types));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      JsonNode *content = json_object_get_member (json_array_get_object_element (messages, i),
                                                  "content");

      g_assert_true (JSON_NODE_HOLDS_OBJECT (content));
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (content), "type"), ==,
                       types[i]);
    }
  g_clear_object (&prompt_result);

  /* Bad input: a missing required argument, an unknown prompt, a number */
  prompt_result = get_prompt (client, "greet", "{\"style\":\"Yo\"}", &error);
  g_assert_null (prompt_result);
  assert_jsonrpc_error (error, MCP_JSONRPC_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "name"));
  g_clear_error (&error);

  prompt_result = get_prompt (client, "nope", NULL, &error);
  assert_jsonrpc_error (error, MCP_JSONRPC_INVALID_PARAMS);
  g_clear_error (&error);

  mcp_test_wire_set_lenient (f->wire, FALSE, TRUE);
  prompt_result = get_prompt (client, "greet", "{\"name\":5}", &error);
  assert_jsonrpc_error (error, MCP_JSONRPC_INVALID_PARAMS);
  g_clear_error (&error);
  mcp_test_wire_set_lenient (f->wire, FALSE, FALSE);

  /* A prompt handler reports progress */
  params = parse ("{\"name\":\"slow\"}");
  mcp_session_send_request_full_async (mcp_client_get_session (client), "prompts/get", params,
                                       NULL, MCP_REQUEST_FLAGS_PROGRESS, -1,
                                       count_progress, &progress, NULL, NULL,
                                       mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  reply = mcp_session_send_request_finish (mcp_client_get_session (client), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress, ==, 3);
}

/* Completion ------------------------------------------------------------------ */

static void
complete (McpServer            *server,
          McpCompletionRequest *request,
          gpointer              user_data)
{
  static const char * const names[] = { "Ada", "Alan", "Grace", NULL };
  const char *argument = mcp_completion_request_get_argument_name (request);
  const char *value = mcp_completion_request_get_argument_value (request);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  if (mcp_completion_request_get_ref_type (request) == MCP_COMPLETION_REF_RESOURCE)
    {
      const char *prefix = mcp_completion_request_get_context_argument (request, "prefix");

      g_assert_nonnull (mcp_completion_request_get_template (request));
      g_ptr_array_add (values, g_strdup_printf ("%s1", prefix != NULL ? prefix : ""));
    }
  else if (g_str_equal (argument, "name"))
    {
      g_assert_nonnull (mcp_completion_request_get_prompt (request));
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_has_prefix (names[i], value))
          g_ptr_array_add (values, g_strdup (names[i]));
    }
  else
    {
      for (guint i = 0; i < 150; i++)
        g_ptr_array_add (values, g_strdup_printf ("s%u", i));
    }

  g_ptr_array_add (values, NULL);
  mcp_completion_request_return_values (request, (const char * const *) values->pdata, -1, FALSE);
}

static char **
complete_sync (McpClient             *client,
               McpCompletionRefType   ref_type,
               const char            *ref,
               const char            *argument,
               const char            *value,
               const char            *context,
               gint64                *total,
               gboolean              *has_more,
               GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) context_node = context != NULL ? parse (context) : NULL;

  mcp_client_complete_async (client, ref_type, ref, argument, value, context_node, NULL,
                             mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_client_complete_finish (client, result, total, has_more, error);
}

static void
test_completion (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) params = NULL;
  g_autoptr(JsonNode) reply = NULL;
  McpClient *client;
  gint64 total;
  gboolean has_more;

  register_prompts (f->server);
  register_resources (f->server);
  mcp_server_set_completion_handler (f->server, complete, NULL, NULL);
  client = fixture_connect (f, NULL, NULL);
  g_assert_true (mcp_client_server_has_capability (client, "completions"));

  values = complete_sync (client, MCP_COMPLETION_REF_PROMPT, "greet", "name", "A", NULL,
                          &total, &has_more, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (values, ((const char * const []) { "Ada", "Alan", NULL }));
  g_assert_false (has_more);
  g_clear_pointer (&values, g_strfreev);

  /* More than 100: cut, with the total and hasMore */
  values = complete_sync (client, MCP_COMPLETION_REF_PROMPT, "greet", "style", "", NULL,
                          &total, &has_more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (values), ==, MCP_COMPLETION_MAX_VALUES);
  g_assert_cmpint (total, ==, 150);
  g_assert_true (has_more);
  g_clear_pointer (&values, g_strfreev);

  /* Template variables, with context */
  values = complete_sync (client, MCP_COMPLETION_REF_RESOURCE, "test://items/{id}", "id", "",
                          "{\"prefix\":\"x\"}", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (values, ((const char * const []) { "x1", NULL }));
  g_clear_pointer (&values, g_strfreev);

  /* References to nothing */
  values = complete_sync (client, MCP_COMPLETION_REF_PROMPT, "nope", "name", "", NULL,
                          NULL, NULL, &error);
  g_assert_null (values);
  assert_jsonrpc_error (error, MCP_JSONRPC_INVALID_PARAMS);
  g_clear_error (&error);

  values = complete_sync (client, MCP_COMPLETION_REF_PROMPT, "greet", "bogus", "", NULL,
                          NULL, NULL, &error);
  assert_jsonrpc_error (error, MCP_JSONRPC_INVALID_PARAMS);
  g_clear_error (&error);

  values = complete_sync (client, MCP_COMPLETION_REF_RESOURCE, "test://unknown/{x}", "x", "",
                          NULL, NULL, NULL, &error);
  assert_jsonrpc_error (error, MCP_JSONRPC_INVALID_PARAMS);
  g_clear_error (&error);

  values = complete_sync (client, MCP_COMPLETION_REF_RESOURCE, "test://items/{id}", "name", "",
                          NULL, NULL, NULL, &error);
  assert_jsonrpc_error (error, MCP_JSONRPC_INVALID_PARAMS);
  g_clear_error (&error);

  params = parse ("{\"ref\":{\"type\":\"ref/other\",\"name\":\"greet\"},"
                  "\"argument\":{\"name\":\"name\",\"value\":\"\"}}");
  mcp_test_wire_set_lenient (f->wire, FALSE, TRUE);
  mcp_client_send_request_async (client, "completion/complete", params, NULL,
                                 mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  reply = mcp_client_send_request_finish (client, result, &error);
  g_assert_null (reply);
  assert_jsonrpc_error (error, MCP_JSONRPC_INVALID_PARAMS);
  mcp_test_wire_set_lenient (f->wire, FALSE, FALSE);
}

static void
test_completion_absent (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;
  McpClient *client;

  register_prompts (f->server);
  client = fixture_connect (f, NULL, NULL);
  g_assert_false (mcp_client_server_has_capability (client, "completions"));

  values = complete_sync (client, MCP_COMPLETION_REF_PROMPT, "greet", "name", "A", NULL,
                          NULL, NULL, &error);
  g_assert_null (values);
  assert_jsonrpc_error (error, MCP_JSONRPC_METHOD_NOT_FOUND);
}

/* list_changed ----------------------------------------------------------------- */

static void
tool_echo (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  mcp_tool_call_return_text (call, mcp_tool_call_get_string (call, "message", ""));
}

static void
add_tool (McpServer  *server,
          const char *name)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, "A tool");

  mcp_server_add_tool (server, tool, tool_echo, NULL, NULL);
}

static void
prompt_text (McpServer        *server,
             McpPromptRequest *request,
             gpointer          user_data)
{
  mcp_prompt_request_return_text (request, "text");
}

static void
add_prompt (McpServer  *server,
            const char *name)
{
  g_autoptr(McpPrompt) prompt = mcp_prompt_new (name, "A prompt");

  mcp_server_add_prompt (server, prompt, prompt_text, NULL, NULL);
}

static void
count_signal (McpClient *client,
              guint     *count)
{
  (*count)++;
}

static void
test_list_changed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(McpResourceTemplate) template = mcp_resource_template_new ("test://t/{x}", "t");
  McpClient *full;
  McpClient *tools_only;
  McpClient *declared;
  guint full_tools = 0, full_resources = 0, full_prompts = 0;
  guint tools_only_prompts = 0, declared_prompts = 0;

  add_tool (f->server, "one");
  tools_only = fixture_connect (f, NULL, NULL);
  g_assert_false (mcp_client_server_has_capability (tools_only, "prompts"));

  mcp_server_set_declared_capabilities (f->server, MCP_SERVER_CAPABILITIES_PROMPTS);
  declared = fixture_connect (f, NULL, NULL);
  g_assert_true (mcp_client_server_has_capability (declared, "prompts"));
  mcp_server_set_declared_capabilities (f->server, MCP_SERVER_CAPABILITIES_NONE);

  register_resources (f->server);
  add_prompt (f->server, "p1");
  full = fixture_connect (f, NULL, NULL);

  g_signal_connect (full, "tools-changed", G_CALLBACK (count_signal), &full_tools);
  g_signal_connect (full, "resources-changed", G_CALLBACK (count_signal), &full_resources);
  g_signal_connect (full, "prompts-changed", G_CALLBACK (count_signal), &full_prompts);
  g_signal_connect (tools_only, "prompts-changed", G_CALLBACK (count_signal), &tools_only_prompts);
  g_signal_connect (declared, "prompts-changed", G_CALLBACK (count_signal), &declared_prompts);

  /* A burst of changes makes one notification of each kind */
  add_tool (f->server, "two");
  add_tool (f->server, "three");
  mcp_server_remove_tool (f->server, "one");
  mcp_server_add_resource_template (f->server, template, read_item, NULL, NULL);
  mcp_server_remove_resource (f->server, "test://b");
  add_prompt (f->server, "p2");
  add_prompt (f->server, "p3");

  mcp_test_wait_count (&full_prompts, 1, MCP_TEST_TIMEOUT_MS);
  mcp_test_wait_count (&declared_prompts, 1, MCP_TEST_TIMEOUT_MS);
  mcp_test_wait_count (&full_tools, 1, MCP_TEST_TIMEOUT_MS);
  mcp_test_wait_count (&full_resources, 1, MCP_TEST_TIMEOUT_MS);
  client_ping (full);
  client_ping (tools_only);
  client_ping (declared);
  g_assert_cmpuint (full_tools, ==, 1);
  g_assert_cmpuint (full_resources, ==, 1);
  g_assert_cmpuint (full_prompts, ==, 1);
  g_assert_cmpuint (declared_prompts, ==, 1);
  /* It was never told the server has prompts */
  g_assert_cmpuint (tools_only_prompts, ==, 0);

  /* Removing what does not exist changes nothing */
  g_assert_false (mcp_server_remove_prompt (f->server, "nope"));
  g_assert_true (mcp_server_remove_prompt (f->server, "p2"));
  g_assert_true (mcp_server_remove_resource_template (f->server, "test://t/{x}"));
  mcp_test_wait_count (&full_prompts, 2, MCP_TEST_TIMEOUT_MS);
  mcp_test_wait_count (&full_resources, 2, MCP_TEST_TIMEOUT_MS);
}

/* Tool input validation ------------------------------------------------------- */

static void
tool_counting (McpServer   *server,
               McpToolCall *call,
               gpointer     user_data)
{
  guint *runs = user_data;

  (*runs)++;
  mcp_tool_call_return_text (call, "ok");
}

static McpToolResult *
call_tool (McpClient   *client,
           const char  *name,
           const char  *arguments,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = arguments != NULL ? parse (arguments) : NULL;

  mcp_client_call_tool_async (client, name, node, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_client_call_tool_finish (client, result, error);
}

static void
assert_tool_error_mentions (McpClient  *client,
                            const char *arguments,
                            const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) result = call_tool (client, "strict", arguments, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (mcp_tool_result_get_is_error (result));
  text = mcp_tool_result_dup_text (result);
  if (strstr (text, needle) == NULL)
    g_error ("Tool error \"%s\" does not mention \"%s\"", text, needle);
}

static void
test_tool_validation (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(McpTool) tool = mcp_tool_new ("strict", "Checks its arguments");
  g_autoptr(McpToolResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) other = parse ("{\"type\":\"object\",\"required\":[\"other\"]}");
  McpClient *client;
  guint runs = 0;

  g_assert_true (mcp_tool_set_input_schema_json (tool,
                                                 "{\"type\":\"object\",\"properties\":{"
                                                 "\"count\":{\"type\":\"integer\",\"minimum\":1},"
                                                 "\"name\":{\"type\":\"string\",\"maxLength\":5},"
                                                 "\"mode\":{\"enum\":[\"fast\",\"slow\"]}},"
                                                 "\"required\":[\"count\"],"
                                                 "\"additionalProperties\":false}",
                                                 NULL));
  mcp_server_add_tool (f->server, tool, tool_counting, &runs, NULL);
  client = fixture_connect (f, NULL, NULL);

  result = call_tool (client, "strict", "{\"count\":2,\"name\":\"abc\",\"mode\":\"fast\"}", &error);
  g_assert_no_error (error);
  g_assert_false (mcp_tool_result_get_is_error (result));
  g_assert_cmpuint (runs, ==, 1);

  assert_tool_error_mentions (client, NULL, "count");
  assert_tool_error_mentions (client, "{\"count\":\"x\"}", "/count");
  assert_tool_error_mentions (client, "{\"count\":0}", "/count");
  assert_tool_error_mentions (client, "{\"count\":1,\"name\":\"toolong\"}", "/name");
  assert_tool_error_mentions (client, "{\"count\":1,\"mode\":\"medium\"}", "/mode");
  assert_tool_error_mentions (client, "{\"count\":1,\"extra\":true}", "extra");
  g_assert_cmpuint (runs, ==, 1);

  /* A schema changed after registration is compiled again */
  mcp_tool_set_input_schema (tool, other);
  assert_tool_error_mentions (client, "{\"count\":1}", "other");
  g_assert_cmpuint (runs, ==, 1);
}

/* Sampling -------------------------------------------------------------------- */

typedef struct
{
  guint     calls;
  gboolean  async;
  char     *system_prompt;
  gint64    max_tokens;
  gboolean  saw_preferences;
  gboolean  saw_tools;
} SamplingState;

static gboolean
answer_sampling_idle (gpointer user_data)
{
  McpSamplingRequest *request = user_data;

  mcp_sampling_request_return_text (request, "test-model", "pong from the model");
  return G_SOURCE_REMOVE;
}

static void
handle_sampling (McpClient          *client,
                 McpSamplingRequest *request,
                 gpointer            user_data)
{
  SamplingState *state = user_data;
  JsonNode *messages = mcp_sampling_request_get_messages (request);
  JsonObject *first;

  state->calls++;
  g_free (state->system_prompt);
  state->system_prompt = g_strdup (mcp_sampling_request_get_system_prompt (request));
  state->max_tokens = mcp_sampling_request_get_max_tokens (request);
  state->saw_preferences = mcp_sampling_request_get_model_preferences (request) != NULL;
  state->saw_tools = mcp_sampling_request_get_tools (request) != NULL;

  first = json_array_get_object_element (json_node_get_array (messages), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "role"), ==, "user");

  if (state->async)
    g_idle_add_full (G_PRIORITY_DEFAULT, answer_sampling_idle, g_object_ref (request),
                     g_object_unref);
  else
    mcp_sampling_request_return_text (request, "test-model", "pong from the model");
}

static void
sampling_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = mcp_tool_call_create_message_finish (call, result, &error);

  if (reply == NULL)
    {
      mcp_tool_call_return_error (call, g_error_matches (error, MCP_ERROR,
                                                         MCP_ERROR_CAPABILITY_NOT_SUPPORTED)
                                        ? "unsupported" : error->message);
      return;
    }

  mcp_tool_call_return_text (call, content_text (json_object_get_member (json_node_get_object (reply),
                                                                         "content")));
}

static void
tool_ask (McpServer   *server,
          McpToolCall *call,
          gpointer     user_data)
{
  g_autoptr(JsonNode) content = mcp_content_new_text ("ping?");
  g_autoptr(JsonNode) message = mcp_content_new_message (MCP_ROLE_USER, content);
  g_autoptr(JsonNode) messages = json_node_init_array (json_node_alloc (), json_array_new ());
  g_autoptr(JsonNode) options = NULL;

  json_array_add_element (json_node_get_array (messages), g_steal_pointer (&message));
  if (mcp_tool_call_get_boolean (call, "tools", FALSE))
    options = parse ("{\"tools\":[{\"name\":\"lookup\",\"inputSchema\":{\"type\":\"object\"}}],"
                     "\"toolChoice\":{\"mode\":\"auto\"}}");
  else
    options = parse ("{\"modelPreferences\":{\"hints\":[{\"name\":\"claude\"}],"
                     "\"intelligencePriority\":0.8},\"temperature\":0.5}");

  mcp_tool_call_create_message_async (call, messages, "Be brief.", 50, options, NULL,
                                      sampling_done, NULL);
}

static void
test_sampling (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(McpTool) tool = mcp_tool_new ("ask", "Asks the client's model");
  g_autoptr(McpClient) sampler = mcp_client_new ("sampler", "1.0");
  g_autoptr(McpClient) tooled = mcp_client_new ("tooled", "1.0");
  g_autoptr(McpToolResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) messages = parse ("[{\"role\":\"user\",\"content\":{\"type\":\"text\","
                                        "\"text\":\"direct\"}}]");
  g_autofree char *text = NULL;
  SamplingState state = { 0, };
  SamplingState tooled_state = { 0, };
  McpServerSession *session;
  McpClient *plain;

  mcp_server_add_tool (f->server, tool, tool_ask, NULL, NULL);
  mcp_client_set_sampling_handler (sampler, MCP_SAMPLING_FEATURES_NONE, handle_sampling, &state, NULL);
  fixture_connect (f, sampler, &session);
  g_assert_true (mcp_server_session_client_has_capability (session, "sampling"));

  result = call_tool (sampler, "ask", NULL, &error);
  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (result);
  g_assert_cmpstr (text, ==, "pong from the model");
  g_assert_cmpuint (state.calls, ==, 1);
  g_assert_cmpstr (state.system_prompt, ==, "Be brief.");
  g_assert_cmpint (state.max_tokens, ==, 50);
  g_assert_true (state.saw_preferences);
  g_clear_object (&result);
  g_clear_pointer (&text, g_free);

  /* A handler that answers later */
  state.async = TRUE;
  result = call_tool (sampler, "ask", NULL, &error);
  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (result);
  g_assert_cmpstr (text, ==, "pong from the model");
  g_assert_cmpuint (state.calls, ==, 2);
  g_clear_object (&result);
  g_clear_pointer (&text, g_free);

  /* Tools need sampling.tools */
  result = call_tool (sampler, "ask", "{\"tools\":true}", &error);
  g_assert_no_error (error);
  g_assert_true (mcp_tool_result_get_is_error (result));
  text = mcp_tool_result_dup_text (result);
  g_assert_cmpstr (text, ==, "unsupported");
  g_assert_cmpuint (state.calls, ==, 2);
  g_clear_object (&result);
  g_clear_pointer (&text, g_free);

  mcp_client_set_sampling_handler (tooled, MCP_SAMPLING_FEATURES_TOOLS, handle_sampling,
                                   &tooled_state, NULL);
  fixture_connect (f, tooled, NULL);
  result = call_tool (tooled, "ask", "{\"tools\":true}", &error);
  g_assert_no_error (error);
  g_assert_false (mcp_tool_result_get_is_error (result));
  g_assert_true (tooled_state.saw_tools);
  g_clear_object (&result);

  /* The session API, outside any call */
  mcp_server_session_create_message_async (session, messages, NULL, 10, NULL, NULL,
                                           mcp_test_store_result_cb, &async_result);
  async_result = mcp_test_wait_result (&async_result);
  reply = mcp_server_session_create_message_finish (session, async_result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply), "model"), ==,
                   "test-model");
  g_assert_cmpuint (state.calls, ==, 3);

  /* Messages without a role are refused before anything is sent */
  g_clear_object (&async_result);
  g_clear_pointer (&reply, json_node_unref);
  g_clear_pointer (&messages, json_node_unref);
  messages = parse ("[{\"content\":{\"type\":\"text\",\"text\":\"who?\"}}]");
  mcp_server_session_create_message_async (session, messages, NULL, 10, NULL, NULL,
                                           mcp_test_store_result_cb, &async_result);
  async_result = mcp_test_wait_result (&async_result);
  reply = mcp_server_session_create_message_finish (session, async_result, &error);
  g_assert_null (reply);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);
  g_assert_cmpuint (state.calls, ==, 3);

  /* A client without sampling */
  plain = fixture_connect (f, NULL, NULL);
  result = call_tool (plain, "ask", NULL, &error);
  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (result);
  g_assert_cmpstr (text, ==, "unsupported");

  g_free (state.system_prompt);
  g_free (tooled_state.system_prompt);
}

/* Elicitation ----------------------------------------------------------------- */

typedef struct
{
  guint     forms;
  guint     urls;
  char     *completed;
  gboolean  got_complete;
} ElicitState;

static void
handle_elicitation (McpClient             *client,
                    McpElicitationRequest *request,
                    gpointer               user_data)
{
  ElicitState *state = user_data;
  g_autoptr(JsonNode) content = NULL;

  if (mcp_elicitation_request_get_mode (request) == MCP_ELICITATION_MODE_URL)
    {
      state->urls++;
      g_assert_cmpstr (mcp_elicitation_request_get_url (request), ==, "https://example.com/login");
      g_assert_cmpstr (mcp_elicitation_request_get_elicitation_id (request), ==, "e-1");
      mcp_elicitation_request_return_accept (request, NULL);
      return;
    }

  state->forms++;
  g_assert_nonnull (mcp_elicitation_request_get_requested_schema (request));
  if (g_str_equal (mcp_elicitation_request_get_message (request), "decline me"))
    {
      mcp_elicitation_request_return_decline (request);
      return;
    }
  if (g_str_equal (mcp_elicitation_request_get_message (request), "cancel me"))
    {
      mcp_elicitation_request_return_cancel (request);
      return;
    }

  /* The user filled in the name only; age keeps its default. */
  content = parse ("{\"name\":\"Ada\"}");
  mcp_elicitation_request_return_accept (request, content);
}

static void
elicit_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  McpElicitationAction action;

  if (!mcp_tool_call_elicit_finish (call, result, &action, &content, &error))
    {
      mcp_tool_call_return_error (call, g_error_matches (error, MCP_ERROR,
                                                         MCP_ERROR_CAPABILITY_NOT_SUPPORTED)
                                        ? "unsupported" : error->message);
      return;
    }

  json = content != NULL ? json_to_string (content, FALSE) : g_strdup ("none");
  text = g_strdup_printf ("%s %s", mcp_elicitation_action_to_string (action), json);
  mcp_tool_call_return_text (call, text);
}

static void
elicit_url_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autoptr(GError) error = NULL;
  McpElicitationAction action;

  if (!mcp_tool_call_elicit_url_finish (call, result, &action, &error))
    {
      mcp_tool_call_return_error (call, g_error_matches (error, MCP_ERROR,
                                                         MCP_ERROR_CAPABILITY_NOT_SUPPORTED)
                                        ? "unsupported" : error->message);
      return;
    }

  mcp_server_session_notify_elicitation_complete (mcp_tool_call_get_session (call), "e-1");
  mcp_tool_call_return_text (call, mcp_elicitation_action_to_string (action));
}

static void
tool_form (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  g_autoptr(JsonNode) schema = parse ("{\"type\":\"object\",\"properties\":{"
                                      "\"name\":{\"type\":\"string\"},"
                                      "\"age\":{\"type\":\"integer\",\"default\":30},"
                                      "\"nick\":{\"type\":\"string\"}},"
                                      "\"required\":[\"name\"]}");

  mcp_tool_call_elicit_async (call, mcp_tool_call_get_string (call, "message", "Who are you?"),
                              schema, NULL, elicit_done, NULL);
}

static void
tool_url (McpServer   *server,
          McpToolCall *call,
          gpointer     user_data)
{
  mcp_tool_call_elicit_url_async (call, "Log in, please", "https://example.com/login", "e-1",
                                  NULL, elicit_url_done, NULL);
}

static void
on_elicitation_complete (McpClient   *client,
                         const char  *id,
                         ElicitState *state)
{
  g_free (state->completed);
  state->completed = g_strdup (id);
  state->got_complete = TRUE;
}

static char *
call_tool_text (McpClient  *client,
                const char *name,
                const char *arguments)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) result = call_tool (client, name, arguments, &error);

  g_assert_no_error (error);
  return mcp_tool_result_dup_text (result);
}

static void
test_elicitation (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(McpTool) form = mcp_tool_new ("form", "Asks for a form");
  g_autoptr(McpTool) url = mcp_tool_new ("url", "Asks to open a URL");
  g_autoptr(McpClient) both = mcp_client_new ("both", "1.0");
  g_autoptr(McpClient) forms_only = mcp_client_new ("forms", "1.0");
  g_autoptr(JsonNode) bad_schema = parse ("{\"type\":\"string\"}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ElicitState state = { 0, };
  ElicitState forms_state = { 0, };
  McpServerSession *session;
  JsonObject *elicitation;
  McpClient *plain;

  mcp_server_add_tool (f->server, form, tool_form, NULL, NULL);
  mcp_server_add_tool (f->server, url, tool_url, NULL, NULL);

  mcp_client_set_elicitation_handler (both, MCP_ELICITATION_MODE_FORM | MCP_ELICITATION_MODE_URL,
                                      handle_elicitation, &state, NULL);
  g_signal_connect (both, "elicitation-complete", G_CALLBACK (on_elicitation_complete), &state);
  fixture_connect (f, both, &session);
  elicitation = json_object_get_object_member (json_node_get_object (
                  mcp_server_session_get_client_capabilities (session)), "elicitation");
  g_assert_true (json_object_has_member (elicitation, "form"));
  g_assert_true (json_object_has_member (elicitation, "url"));

  /* Defaults fill in what the user left out */
  text = call_tool_text (both, "form", NULL);
  g_assert_cmpstr (text, ==, "accept {\"name\":\"Ada\",\"age\":30}");
  g_clear_pointer (&text, g_free);

  text = call_tool_text (both, "form", "{\"message\":\"decline me\"}");
  g_assert_cmpstr (text, ==, "decline none");
  g_clear_pointer (&text, g_free);

  text = call_tool_text (both, "form", "{\"message\":\"cancel me\"}");
  g_assert_cmpstr (text, ==, "cancel none");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (state.forms, ==, 3);

  text = call_tool_text (both, "url", NULL);
  g_assert_cmpstr (text, ==, "accept");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (state.urls, ==, 1);
  mcp_test_wait_flag (&state.got_complete, MCP_TEST_TIMEOUT_MS);
  g_assert_cmpstr (state.completed, ==, "e-1");

  /* Form mode only: URL requests are refused before they are sent */
  mcp_client_set_elicitation_handler (forms_only, MCP_ELICITATION_MODE_FORM, handle_elicitation,
                                      &forms_state, NULL);
  fixture_connect (f, forms_only, NULL);
  text = call_tool_text (forms_only, "url", NULL);
  g_assert_cmpstr (text, ==, "unsupported");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (forms_state.urls, ==, 0);

  plain = fixture_connect (f, NULL, NULL);
  text = call_tool_text (plain, "form", NULL);
  g_assert_cmpstr (text, ==, "unsupported");

  /* A form must be an object schema with properties */
  mcp_server_session_elicit_async (session, "Anything?", bad_schema, NULL,
                                   mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_false (mcp_server_session_elicit_finish (session, result, NULL, NULL, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_cmpuint (state.forms, ==, 3);

  g_free (state.completed);
}

/* Roots ----------------------------------------------------------------------- */

static GPtrArray *
session_list_roots (McpServerSession  *session,
                    GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_server_session_list_roots_async (session, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_server_session_list_roots_finish (session, result, error);
}

static gboolean
answer_roots_idle (gpointer user_data)
{
  McpRootsRequest *request = user_data;
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (roots, mcp_root_new ("file:///computed", "Computed"));
  mcp_roots_request_return_roots (request, roots);
  return G_SOURCE_REMOVE;
}

static void
handle_roots (McpClient       *client,
              McpRootsRequest *request,
              gpointer         user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, answer_roots_idle, g_object_ref (request), g_object_unref);
}

static void
roots_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = mcp_tool_call_list_roots_finish (call, result, &error);
  g_autofree char *text = NULL;

  if (roots == NULL)
    {
      mcp_tool_call_return_error (call, g_error_matches (error, MCP_ERROR,
                                                         MCP_ERROR_CAPABILITY_NOT_SUPPORTED)
                                        ? "unsupported" : error->message);
      return;
    }

  text = g_strdup_printf ("%u roots", roots->len);
  mcp_tool_call_return_text (call, text);
}

static void
tool_roots (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  mcp_tool_call_list_roots_async (call, NULL, roots_done, NULL);
}

static void
count_session_signal (McpServerSession *session,
                      guint            *count)
{
  (*count)++;
}

static void
test_roots (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(McpClient) client = mcp_client_new ("rooted", "1.0");
  g_autoptr(McpClient) computing = mcp_client_new ("computing", "1.0");
  g_autoptr(McpTool) tool = mcp_tool_new ("roots", "Counts the client's roots");
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  McpServerSession *session;
  McpServerSession *computing_session;
  McpServerSession *plain_session;
  McpClient *plain;
  guint changes = 0;

  mcp_server_add_tool (f->server, tool, tool_roots, NULL, NULL);

  g_ptr_array_add (roots, mcp_root_new ("file:///home/ada/project", "Project"));
  g_ptr_array_add (roots, mcp_root_new ("file:///tmp", NULL));
  mcp_client_set_roots (client, roots);
  fixture_connect (f, client, &session);
  g_signal_connect (session, "roots-changed", G_CALLBACK (count_session_signal), &changes);

  listed = session_list_roots (session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (mcp_root_get_uri (g_ptr_array_index (listed, 0)), ==, "file:///home/ada/project");
  g_assert_cmpstr (mcp_root_get_name (g_ptr_array_index (listed, 0)), ==, "Project");
  g_assert_null (mcp_root_get_name (g_ptr_array_index (listed, 1)));
  g_clear_pointer (&listed, g_ptr_array_unref);

  text = call_tool_text (client, "roots", NULL);
  g_assert_cmpstr (text, ==, "2 roots");
  g_clear_pointer (&text, g_free);

  /* A change is announced, and the new list served */
  g_ptr_array_set_size (roots, 1);
  mcp_client_set_roots (client, roots);
  mcp_test_wait_count (&changes, 1, MCP_TEST_TIMEOUT_MS);
  listed = session_list_roots (session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  own = mcp_client_get_roots (client);
  g_assert_cmpuint (own->len, ==, 1);
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Roots computed on demand */
  mcp_client_set_roots_handler (computing, handle_roots, NULL, NULL);
  fixture_connect (f, computing, &computing_session);
  listed = session_list_roots (computing_session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (mcp_root_get_uri (g_ptr_array_index (listed, 0)), ==, "file:///computed");
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* No roots capability */
  plain = fixture_connect (f, NULL, &plain_session);
  listed = session_list_roots (plain_session, &error);
  g_assert_null (listed);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_CAPABILITY_NOT_SUPPORTED);
  g_clear_error (&error);
  text = call_tool_text (plain, "roots", NULL);
  g_assert_cmpstr (text, ==, "unsupported");
}

/* Ping from the server -------------------------------------------------------- */

static void
ping_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autoptr(GError) error = NULL;

  if (mcp_tool_call_ping_finish (call, result, &error))
    mcp_tool_call_return_text (call, "pong");
  else
    mcp_tool_call_return_error (call, error->message);
}

static void
tool_ping (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  mcp_tool_call_ping_async (call, NULL, ping_done, NULL);
}

static void
test_server_ping (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(McpTool) tool = mcp_tool_new ("ping-back", "Pings the caller");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  McpServerSession *session;
  McpClient *client;

  mcp_server_add_tool (f->server, tool, tool_ping, NULL, NULL);
  client = fixture_connect (f, NULL, &session);

  mcp_server_session_ping_async (session, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_session_ping_finish (session, result, &error));
  g_assert_no_error (error);

  text = call_tool_text (client, "ping-back", NULL);
  g_assert_cmpstr (text, ==, "pong");
  g_assert_cmpuint (mcp_test_wire_count_method (f->wire, TRUE, "ping"), ==, 2);
}

/* Cancellation ---------------------------------------------------------------- */

typedef struct
{
  McpToolCall *call;
  gboolean     started;
  gboolean     cancelled;
} Waiter;

static void
on_wait_cancelled (GCancellable *cancellable,
                   Waiter       *waiter)
{
  waiter->cancelled = TRUE;
}

static void
tool_wait (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  Waiter *waiter = user_data;

  waiter->call = g_object_ref (call);
  waiter->started = TRUE;
  g_cancellable_connect (mcp_tool_call_get_cancellable (call), G_CALLBACK (on_wait_cancelled),
                         waiter, NULL);
}

static void
test_cancellation (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(McpTool) wait_tool = mcp_tool_new ("wait", "Waits until cancelled");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) wait_result = NULL;
  g_autoptr(McpToolResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Waiter waiter = { 0, };
  McpClient *client;

  mcp_server_add_tool (f->server, wait_tool, tool_wait, &waiter, NULL);
  add_tool (f->server, "echo");
  client = fixture_connect (f, NULL, NULL);

  mcp_client_call_tool_async (client, "wait", NULL, cancellable, mcp_test_store_result_cb,
                              &wait_result);
  mcp_test_wait_flag (&waiter.started, MCP_TEST_TIMEOUT_MS);

  g_cancellable_cancel (cancellable);
  wait_result = mcp_test_wait_result (&wait_result);
  result = mcp_client_call_tool_finish (client, wait_result, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The server's handler sees it; its late result goes nowhere */
  mcp_test_wait_flag (&waiter.cancelled, MCP_TEST_TIMEOUT_MS);
  g_assert_true (mcp_tool_call_is_cancelled (waiter.call));
  mcp_tool_call_return_text (waiter.call, "too late");

  /* Other calls are unaffected */
  text = call_tool_text (client, "echo", "{\"message\":\"still here\"}");
  g_assert_cmpstr (text, ==, "still here");
  client_ping (client);

  g_assert_cmpuint (mcp_test_wire_count_method (f->wire, FALSE, "notifications/cancelled"), ==, 1);
  g_assert_cmpuint (mcp_test_wire_count_method (f->wire, FALSE, "tools/call"), ==, 2);
  g_assert_cmpuint (mcp_test_wire_count_answers (f->wire, TRUE, "tools/call"), ==, 1);

  g_clear_object (&waiter.call);
}

/* Progress ------------------------------------------------------------------- */

typedef struct
{
  McpToolCall *call;
  guint        step;
  guint        steps;
  guint       *finished;
} Ticker;

static gboolean
tick (gpointer user_data)
{
  Ticker *ticker = user_data;

  if (mcp_tool_call_is_cancelled (ticker->call))
    goto done;

  if (++ticker->step <= ticker->steps)
    {
      mcp_tool_call_send_progress (ticker->call, ticker->step, ticker->steps, "tick");
      return G_SOURCE_CONTINUE;
    }

  mcp_tool_call_return_text (ticker->call, "ticked");

done:
  (*ticker->finished)++;
  g_object_unref (ticker->call);
  g_free (ticker);
  return G_SOURCE_REMOVE;
}

static void
tool_ticker (McpServer   *server,
             McpToolCall *call,
             gpointer     user_data)
{
  Ticker *ticker = g_new0 (Ticker, 1);

  ticker->call = g_object_ref (call);
  ticker->steps = 30;
  ticker->finished = user_data;
  g_timeout_add (50, tick, ticker);
}

static void
test_progress_timeout (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(McpTool) tool = mcp_tool_new ("ticker", "Reports progress 30 times, 50 ms apart");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;
  McpClient *client;
  guint progress = 0;
  guint finished = 0;

  mcp_server_add_tool (f->server, tool, tool_ticker, &finished, NULL);
  client = fixture_connect (f, NULL, NULL);

  /* The call outlasts its timeout by half; progress keeps it alive. */
  mcp_client_call_tool_full_async (client, "ticker", NULL,
                                   MCP_REQUEST_FLAGS_RESET_TIMEOUT_ON_PROGRESS, 1000,
                                   count_progress, &progress, NULL, NULL,
                                   mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tool_result = mcp_client_call_tool_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_false (mcp_tool_result_get_is_error (tool_result));
  g_assert_cmpuint (progress, ==, 30);
  g_clear_object (&result);
  g_clear_object (&tool_result);

  /* Without the reset it times out */
  progress = 0;
  mcp_client_call_tool_full_async (client, "ticker", NULL, MCP_REQUEST_FLAGS_PROGRESS, 300,
                                   count_progress, &progress, NULL, NULL,
                                   mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tool_result = mcp_client_call_tool_finish (client, result, &error);
  g_assert_null (tool_result);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TIMEOUT);
  g_assert_cmpuint (progress, <, 30);

  /* The timed-out call was cancelled on the server */
  client_ping (client);
  g_assert_cmpuint (mcp_test_wire_count_method (f->wire, FALSE, "notifications/cancelled"), ==, 1);

  /* and its handler saw it and stopped */
  mcp_test_wait_count (&finished, 2, MCP_TEST_TIMEOUT_MS);
}

/* Capabilities and metadata ---------------------------------------------------- */

static void
test_capabilities (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(McpClient) everything = mcp_client_new ("everything", "1.0");
  g_autoptr(JsonNode) icons = parse ("[{\"src\":\"https://example.com/icon.svg\","
                                     "\"mimeType\":\"image/svg+xml\",\"sizes\":[\"any\"]}]");
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  McpServerSession *plain_session;
  McpServerSession *session;
  JsonObject *capabilities;
  JsonObject *info;
  McpClient *plain;

  add_tool (f->server, "only");
  mcp_server_set_title (f->server, "Test Server");
  mcp_server_set_description (f->server, "Serves tests");
  mcp_server_set_website_url (f->server, "https://example.com");
  mcp_server_set_icons (f->server, icons);
  mcp_server_set_instructions (f->server, "Call only.");

  plain = fixture_connect (f, NULL, &plain_session);
  capabilities = json_node_get_object (mcp_client_get_server_capabilities (plain));
  g_assert_true (json_object_has_member (capabilities, "tools"));
  g_assert_true (json_object_has_member (capabilities, "logging"));
  g_assert_false (json_object_has_member (capabilities, "resources"));
  g_assert_false (json_object_has_member (capabilities, "prompts"));
  g_assert_false (json_object_has_member (capabilities, "completions"));
  g_assert_cmpuint (mcp_server_get_capabilities (f->server), ==, MCP_SERVER_CAPABILITIES_TOOLS);

  info = json_node_get_object (mcp_client_get_server_info (plain));
  g_assert_cmpstr (json_object_get_string_member (info, "title"), ==, "Test Server");
  g_assert_cmpstr (json_object_get_string_member (info, "description"), ==, "Serves tests");
  g_assert_cmpstr (json_object_get_string_member (info, "websiteUrl"), ==, "https://example.com");
  g_assert_true (json_node_equal (json_object_get_member (info, "icons"), icons));
  g_assert_cmpstr (mcp_client_get_instructions (plain), ==, "Call only.");

  /* A client declares only what it handles */
  g_assert_cmpuint (json_object_get_size (json_node_get_object (
                      mcp_server_session_get_client_capabilities (plain_session))), ==, 0);

  mcp_client_set_sampling_handler (everything, MCP_SAMPLING_FEATURES_TOOLS |
                                   MCP_SAMPLING_FEATURES_CONTEXT, handle_sampling, NULL, NULL);
  mcp_client_set_elicitation_handler (everything, MCP_ELICITATION_MODE_FORM, handle_elicitation,
                                      NULL, NULL);
  mcp_client_set_roots (everything, roots);
  mcp_client_set_title (everything, "Everything Client");
  fixture_connect (f, everything, &session);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (
                     mcp_server_session_get_client_info (session)), "title"), ==, "Everything Client");
  capabilities = json_node_get_object (mcp_server_session_get_client_capabilities (session));
  g_assert_true (json_object_has_member (json_object_get_object_member (capabilities, "sampling"),
                                         "tools"));
  g_assert_true (json_object_has_member (json_object_get_object_member (capabilities, "sampling"),
                                         "context"));
  g_assert_true (json_object_has_member (json_object_get_object_member (capabilities,
                                                                        "elicitation"), "form"));
  g_assert_false (json_object_has_member (json_object_get_object_member (capabilities,
                                                                         "elicitation"), "url"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (capabilities,
                                                                                "roots"),
                                                 "listChanged"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/Mcp/Features/resources", test_resources);
  ADD ("/Mcp/Features/subscriptions", test_subscriptions);
  ADD ("/Mcp/Features/prompts", test_prompts);
  ADD ("/Mcp/Features/completion", test_completion);
  ADD ("/Mcp/Features/completion-absent", test_completion_absent);
  ADD ("/Mcp/Features/list-changed", test_list_changed);
  ADD ("/Mcp/Features/tool-validation", test_tool_validation);
  ADD ("/Mcp/Features/sampling", test_sampling);
  ADD ("/Mcp/Features/elicitation", test_elicitation);
  ADD ("/Mcp/Features/roots", test_roots);
  ADD ("/Mcp/Features/server-ping", test_server_ping);
  ADD ("/Mcp/Features/cancellation", test_cancellation);
  ADD ("/Mcp/Features/progress-timeout", test_progress_timeout);
  ADD ("/Mcp/Features/capabilities", test_capabilities);

#undef ADD

  return g_test_run ();
}
