/* test-permissions.c: prompts, resources and templates that need a
 * permission, hidden from and refused to the callers without it, over a
 * pipe pair whose server end carries an identity as a server transport's
 * peer does.
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

/* NULL: the client detects the era (2026-07-28 against our server). */
static const char *pinned_version;

typedef struct
{
  McpTransport *client_transport;
  McpTransport *server_transport;
  McpServer    *server;
  McpClient    *client;
} Pair;

static void
prompt_handler (McpServer        *server,
                McpPromptRequest *request,
                gpointer          user_data)
{
  McpAuthInfo *info = mcp_prompt_request_get_auth_info (request);

  mcp_prompt_request_return_text (request, info != NULL ? mcp_auth_info_get_principal (info)
                                                        : "nobody");
}

static void
template_handler (McpServer       *server,
                  McpResourceRead *read,
                  gpointer         user_data)
{
  McpAuthInfo *info = mcp_resource_read_get_auth_info (read);

  mcp_resource_read_return_text (read, "text/plain",
                                 info != NULL ? mcp_auth_info_get_principal (info) : "nobody");
}

static void
completion_handler (McpServer            *server,
                    McpCompletionRequest *request,
                    gpointer              user_data)
{
  const char *values[] = { mcp_auth_info_get_principal (mcp_completion_request_get_auth_info (request)),
                           NULL };

  mcp_completion_request_return_values (request, values, 1, FALSE);
}

/* @permissions NULL: no identity at all, as on stdio. */
static void
pair_setup (Pair               *p,
            const char * const *permissions)
{
  g_autoptr(McpPrompt) open_prompt = mcp_prompt_new ("open", NULL);
  g_autoptr(McpPrompt) secret_prompt = mcp_prompt_new ("secret", NULL);
  g_autoptr(McpResource) open_resource = mcp_resource_new ("test://open", "open");
  g_autoptr(McpResource) secret_resource = mcp_resource_new ("test://secret", "secret");
  g_autoptr(McpResourceTemplate) template = mcp_resource_template_new ("test://vault/{item}",
                                                                        "vault");
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_test_transport_pair (&p->client_transport, &p->server_transport);
  if (permissions != NULL)
    {
      g_autoptr(McpAuthInfo) info = mcp_auth_info_new ("carol", permissions);

      _mcp_auth_info_attach (G_OBJECT (p->server_transport), info, FALSE);
    }

  p->server = mcp_server_new ("permissions", "1");
  mcp_prompt_set_required_permission (secret_prompt, "secrets");
  mcp_prompt_add_argument (secret_prompt, "topic", NULL, FALSE);
  mcp_resource_set_required_permission (secret_resource, "secrets");
  mcp_resource_template_set_required_permission (template, "secrets");
  g_assert_cmpstr (mcp_resource_template_get_required_permission (template), ==, "secrets");
  mcp_server_add_prompt (p->server, open_prompt, prompt_handler, NULL, NULL);
  mcp_server_add_prompt (p->server, secret_prompt, prompt_handler, NULL, NULL);
  mcp_server_add_text_resource (p->server, open_resource, "open text");
  mcp_server_add_text_resource (p->server, secret_resource, "secret text");
  mcp_server_add_resource_template (p->server, template, template_handler, NULL, NULL);
  mcp_server_set_completion_handler (p->server, completion_handler, NULL, NULL);
  mcp_server_add_transport (p->server, p->server_transport);

  p->client = mcp_client_new ("permissions-client", "1");
  mcp_client_set_requested_protocol_version (p->client, pinned_version);
  mcp_client_connect_async (p->client, p->client_transport, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_connect_finish (p->client, result, &error));
  g_assert_no_error (error);
}

static void
pair_teardown (Pair *p)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_disconnect_async (p->client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_disconnect_finish (p->client, result, NULL));
  g_clear_object (&result);
  mcp_test_wait_until (!(mcp_server_get_n_sessions (p->server) > 0));
  g_assert_finalize_object (p->client);
  g_assert_finalize_object (p->server);
  g_clear_object (&p->client_transport);
  g_clear_object (&p->server_transport);
}

static guint
n_listed (Pair       *p,
          const char *what)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  if (strcmp (what, "prompts") == 0)
    {
      mcp_client_list_prompts_async (p->client, NULL, NULL, mcp_test_store_result_cb, &slot);
      result = mcp_test_wait_result (&slot);
      items = mcp_client_list_prompts_finish (p->client, result, NULL, &error);
    }
  else if (strcmp (what, "resources") == 0)
    {
      mcp_client_list_resources_async (p->client, NULL, NULL, mcp_test_store_result_cb, &slot);
      result = mcp_test_wait_result (&slot);
      items = mcp_client_list_resources_finish (p->client, result, NULL, &error);
    }
  else
    {
      mcp_client_list_resource_templates_async (p->client, NULL, NULL, mcp_test_store_result_cb,
                                                &slot);
      result = mcp_test_wait_result (&slot);
      items = mcp_client_list_resource_templates_finish (p->client, result, NULL, &error);
    }
  g_assert_no_error (error);

  return items->len;
}

/* NULL with the refusal in @error, or what the server answered. */
static char *
use (Pair        *p,
     const char  *what,
     GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (strcmp (what, "prompt") == 0)
    {
      g_autoptr(McpPromptResult) prompt = NULL;
      g_autoptr(JsonNode) json = NULL;
      JsonArray *messages;

      mcp_client_get_prompt_async (p->client, "secret", NULL, NULL, mcp_test_store_result_cb, &slot);
      result = mcp_test_wait_result (&slot);
      prompt = mcp_client_get_prompt_finish (p->client, result, error);
      if (prompt == NULL)
        return NULL;
      json = mcp_prompt_result_to_json (prompt);
      messages = json_object_get_array_member (json_node_get_object (json), "messages");
      return g_strdup (json_object_get_string_member (
        json_object_get_object_member (json_array_get_object_element (messages, 0), "content"),
        "text"));
    }
  else if (strcmp (what, "resource") == 0 || strcmp (what, "template") == 0)
    {
      g_autoptr(GPtrArray) contents = NULL;

      mcp_client_read_resource_async (p->client,
                                      strcmp (what, "resource") == 0 ? "test://secret"
                                                                     : "test://vault/gold",
                                      NULL, mcp_test_store_result_cb, &slot);
      result = mcp_test_wait_result (&slot);
      contents = mcp_client_read_resource_finish (p->client, result, error);
      if (contents == NULL)
        return NULL;
      return g_strdup (json_object_get_string_member (json_node_get_object (g_ptr_array_index (contents, 0)),
                                                      "text"));
    }
  else if (strcmp (what, "subscribe") == 0)
    {
      mcp_client_subscribe_resource_async (p->client, "test://secret", NULL,
                                           mcp_test_store_result_cb, &slot);
      result = mcp_test_wait_result (&slot);
      return mcp_client_subscribe_resource_finish (p->client, result, error) ? g_strdup ("ok")
                                                                             : NULL;
    }
  else
    {
      g_auto(GStrv) values = NULL;

      mcp_client_complete_async (p->client, MCP_COMPLETION_REF_PROMPT, "secret", "topic", "",
                                 NULL, NULL, mcp_test_store_result_cb, &slot);
      result = mcp_test_wait_result (&slot);
      values = mcp_client_complete_finish (p->client, result, NULL, NULL, error);
      return values != NULL ? g_strdup (values[0]) : NULL;
    }
}

static const char *uses[] = { "prompt", "resource", "template", "subscribe", "completion" };

static void
test_with_permission (void)
{
  const char *permissions[] = { "secrets", NULL };
  Pair p = { 0 };

  pair_setup (&p, permissions);
  g_assert_cmpuint (n_listed (&p, "prompts"), ==, 2);
  g_assert_cmpuint (n_listed (&p, "resources"), ==, 2);
  g_assert_cmpuint (n_listed (&p, "templates"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (uses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *answer = use (&p, uses[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (answer);
      if (strcmp (uses[i], "resource") == 0)
        g_assert_cmpstr (answer, ==, "secret text");
      else if (strcmp (uses[i], "subscribe") != 0)
        g_assert_cmpstr (answer, ==, "carol");
    }
  pair_teardown (&p);
}

static void
check_refused (const char * const *permissions,
               const char         *who)
{
  Pair p = { 0 };

  pair_setup (&p, permissions);
  g_assert_cmpuint (n_listed (&p, "prompts"), ==, 1);
  g_assert_cmpuint (n_listed (&p, "resources"), ==, 1);
  g_assert_cmpuint (n_listed (&p, "templates"), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (uses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *answer = NULL;

      /* On 2026-07-28 a subscription is a subscriptions/listen stream the
       * client opens without waiting for it: no answer to refuse. */
      if (strcmp (uses[i], "subscribe") == 0 &&
          mcp_protocol_version_is_modern (mcp_client_get_protocol_version (p.client)))
        continue;
      answer = use (&p, uses[i], &error);
      g_test_message ("%s: %s", uses[i], error != NULL ? error->message : answer);
      g_assert_null (answer);
      g_assert_nonnull (error);
      g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, MCP_AUTH_FORBIDDEN_CODE);
      g_assert_nonnull (strstr (error->message, "requires the permission \"secrets\""));
      g_assert_nonnull (strstr (error->message, who));
    }
  pair_teardown (&p);
}

static void
test_without_permission (void)
{
  const char *permissions[] = { "tools", NULL };

  check_refused (permissions, "carol");
}

static void
test_without_identity (void)
{
  check_refused (NULL, "unauthenticated");
}

typedef void (*PermissionTest) (void);

/* @data is the test: once with the era detected, once pinned to the
 * handshake era. */
static void
run_detected (gconstpointer data)
{
  pinned_version = NULL;
  ((PermissionTest) data) ();
}

static void
run_legacy (gconstpointer data)
{
  pinned_version = MCP_PROTOCOL_VERSION_2025_11_25;
  ((PermissionTest) data) ();
  pinned_version = NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/Mcp/Permissions/granted", test_with_permission, run_detected);
  g_test_add_data_func ("/Mcp/Permissions/refused", test_without_permission, run_detected);
  g_test_add_data_func ("/Mcp/Permissions/no-identity", test_without_identity, run_detected);
  g_test_add_data_func ("/Mcp/Permissions/legacy/granted", test_with_permission, run_legacy);
  g_test_add_data_func ("/Mcp/Permissions/legacy/refused", test_without_permission, run_legacy);
  g_test_add_data_func ("/Mcp/Permissions/legacy/no-identity", test_without_identity,
                        run_legacy);

  return g_test_run ();
}
