/* conformance-client.c: the client under test in `conformance client` runs
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   MCP_CONFORMANCE_SCENARIO=NAME mcp-conformance-client [ARGS...] URL
 *
 * MCP_CONFORMANCE_PROTOCOL_VERSION names the revision the run is for (a
 * 2026-07-28 run detects the era), MCP_CONFORMANCE_CONTEXT the calls a
 * scenario asks for.
 *
 * The official conformance suite starts a scenario server, then runs this
 * program with the server's URL as the last argument and the scenario's
 * name in the environment. It must do what the scenario expects with
 * McpClient over McpHttpTransport and exit 0 by itself.
 */

#include <stdlib.h>

#include <mcp-glib/mcp-glib.h>

#define DEADLINE_MS 25000

typedef struct
{
  GMainLoop        *loop;
  McpClient        *client;
  McpHttpTransport *transport;
  McpOAuthClient   *oauth;
  SoupSession      *browser;
  const char       *scenario;
  guint             listening_timeout_id;
  int               status;
} App;

typedef void (*Step) (App *app);

static void
finish (App *app,
        int  status)
{
  app->status = status;
  g_main_loop_quit (app->loop);
}

static void
disconnected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  App *app = user_data;

  mcp_client_disconnect_finish (MCP_CLIENT (object), result, NULL);
  finish (app, app->status);
}

static void
done (App *app)
{
  mcp_client_disconnect_async (app->client, NULL, disconnected_cb, app);
}

static void
fail (App          *app,
      const char   *what,
      const GError *error)
{
  g_printerr ("mcp-conformance-client [%s]: %s: %s\n", app->scenario, what, error->message);
  app->status = EXIT_FAILURE;
  done (app);
}

/* tools/call: call every tool, with numbers for number arguments. */

static JsonNode *
arguments_for (McpTool *tool)
{
  JsonNode *schema = mcp_tool_get_input_schema (tool);
  JsonObject *arguments = json_object_new ();
  JsonObject *properties = NULL;
  JsonNode *node;

  if (schema != NULL && JSON_NODE_HOLDS_OBJECT (schema) &&
      json_object_has_member (json_node_get_object (schema), "properties"))
    properties = json_object_get_object_member (json_node_get_object (schema), "properties");

  if (properties != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (properties);
      gint64 value = 5;

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonObject *property = json_object_get_object_member (properties, l->data);
          const char *type = property != NULL && json_object_has_member (property, "type")
                             ? json_object_get_string_member (property, "type") : NULL;

          if (g_strcmp0 (type, "number") == 0 || g_strcmp0 (type, "integer") == 0)
            json_object_set_int_member (arguments, l->data, value--);
          else if (g_strcmp0 (type, "boolean") == 0)
            json_object_set_boolean_member (arguments, l->data, TRUE);
          else
            json_object_set_string_member (arguments, l->data, "test");
        }
    }

  node = json_node_alloc ();
  json_node_init_object (node, arguments);
  json_object_unref (arguments);
  return node;
}

/* A queue of steps: tool calls with their arguments, resource reads and
 * prompt gets, run one after the other. */
typedef enum {
  STEP_CALL,
  STEP_READ,
  STEP_PROMPT,
} StepKind;

typedef struct
{
  StepKind  kind;
  char     *name;        /* tool or prompt name, resource URI */
  JsonNode *arguments;   /* nullable */
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  g_free (call->name);
  g_clear_pointer (&call->arguments, json_node_unref);
  g_free (call);
}

static Call *
call_new (StepKind    kind,
          const char *name,
          JsonNode   *arguments)
{
  Call *call = g_new0 (Call, 1);

  call->kind = kind;
  call->name = g_strdup (name);
  call->arguments = arguments;
  return call;
}

typedef struct
{
  App       *app;
  GPtrArray *calls;   /* Call */
  guint      next;
} CallAll;

static void call_next (CallAll *all);

static void
call_all_free (CallAll *all)
{
  g_ptr_array_unref (all->calls);
  g_free (all);
}

static void
step_done (CallAll      *all,
           gboolean      ok,
           const char   *what,
           const GError *error)
{
  if (!ok)
    {
      fail (all->app, what, error);
      call_all_free (all);
      return;
    }
  call_next (all);
}

static void
called_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) tool_result = mcp_client_call_tool_finish (MCP_CLIENT (object), result, &error);

  step_done (user_data, tool_result != NULL, "tools/call", error);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contents = mcp_client_read_resource_finish (MCP_CLIENT (object), result, &error);

  step_done (user_data, contents != NULL, "resources/read", error);
}

static void
prompt_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpPromptResult) prompt = mcp_client_get_prompt_finish (MCP_CLIENT (object), result, &error);

  step_done (user_data, prompt != NULL, "prompts/get", error);
}

static void
call_next (CallAll *all)
{
  Call *call;

  if (all->next >= all->calls->len)
    {
      done (all->app);
      call_all_free (all);
      return;
    }

  call = g_ptr_array_index (all->calls, all->next++);
  switch (call->kind)
    {
    case STEP_CALL:
      mcp_client_call_tool_async (all->app->client, call->name, call->arguments, NULL,
                                  called_cb, all);
      break;
    case STEP_READ:
      mcp_client_read_resource_async (all->app->client, call->name, NULL, read_cb, all);
      break;
    case STEP_PROMPT:
    default:
      mcp_client_get_prompt_async (all->app->client, call->name, NULL, NULL, prompt_cb, all);
      break;
    }
}

static void
run_calls (App       *app,
           GPtrArray *calls)
{
  CallAll *all = g_new0 (CallAll, 1);

  all->app = app;
  all->calls = calls;
  call_next (all);
}

/* http-custom-headers: the calls the scenario names, with its arguments. */
static GPtrArray *
context_calls (void)
{
  const char *context = g_getenv ("MCP_CONFORMANCE_CONTEXT");
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *calls = g_ptr_array_new_with_free_func (call_free);
  JsonObject *root;
  JsonArray *tool_calls;

  if (context == NULL || !json_parser_load_from_data (parser, context, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return calls;

  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "toolCalls"))
    return calls;

  tool_calls = json_object_get_array_member (root, "toolCalls");
  for (guint i = 0; i < json_array_get_length (tool_calls); i++)
    {
      JsonObject *call = json_array_get_object_element (tool_calls, i);
      JsonNode *arguments = json_object_get_member (call, "arguments");

      g_ptr_array_add (calls, call_new (STEP_CALL, json_object_get_string_member (call, "name"),
                                        arguments != NULL ? json_node_copy (arguments) : NULL));
    }

  return calls;
}

static McpTool *
find_tool (GPtrArray  *tools,
           const char *name)
{
  for (guint i = 0; i < tools->len; i++)
    if (g_strcmp0 (mcp_tool_get_name (g_ptr_array_index (tools, i)), name) == 0)
      return g_ptr_array_index (tools, i);
  return NULL;
}

/* http-standard-headers: after the tools, every resource and prompt. */
static void
prompts_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CallAll *all = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prompts = mcp_client_list_all_prompts_finish (MCP_CLIENT (object), result, &error);

  if (prompts == NULL)
    {
      step_done (all, FALSE, "prompts/list", error);
      return;
    }
  for (guint i = 0; i < prompts->len; i++)
    g_ptr_array_add (all->calls, call_new (STEP_PROMPT, mcp_prompt_get_name (g_ptr_array_index (prompts, i)),
                                           NULL));
  call_next (all);
}

static void
resources_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CallAll *all = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) resources = mcp_client_list_all_resources_finish (MCP_CLIENT (object), result, &error);

  if (resources == NULL)
    {
      step_done (all, FALSE, "resources/list", error);
      return;
    }
  for (guint i = 0; i < resources->len; i++)
    g_ptr_array_add (all->calls, call_new (STEP_READ, mcp_resource_get_uri (g_ptr_array_index (resources, i)),
                                           NULL));
  mcp_client_list_all_prompts_async (all->app->client, NULL, prompts_listed_cb, all);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = mcp_client_list_all_tools_finish (MCP_CLIENT (object), result, &error);
  GPtrArray *calls;

  if (tools == NULL)
    {
      fail (app, "tools/list", error);
      return;
    }

  if (g_strcmp0 (app->scenario, "initialize") == 0 ||
      g_strcmp0 (app->scenario, "request-metadata") == 0 ||
      g_strcmp0 (app->scenario, "json-schema-ref-no-deref") == 0)
    {
      done (app);
      return;
    }

  if (g_strcmp0 (app->scenario, "http-custom-headers") == 0)
    {
      run_calls (app, context_calls ());
      return;
    }

  calls = g_ptr_array_new_with_free_func (call_free);

  /* json-schema-2020-12-preservation: hand the rich schema back as it came. */
  if (g_strcmp0 (app->scenario, "json-schema-2020-12-preservation") == 0)
    {
      McpTool *rich = find_tool (tools, "json_schema_2020_12_tool");
      JsonObject *arguments = json_object_new ();

      if (rich != NULL && mcp_tool_get_input_schema (rich) != NULL)
        json_object_set_member (arguments, "schema", json_node_copy (mcp_tool_get_input_schema (rich)));
      g_ptr_array_add (calls, call_new (STEP_CALL, "json_schema_echo",
                                        json_node_init_object (json_node_alloc (), arguments)));
      json_object_unref (arguments);
      run_calls (app, calls);
      return;
    }

  for (guint i = 0; i < tools->len; i++)
    {
      McpTool *tool = g_ptr_array_index (tools, i);

      g_ptr_array_add (calls, call_new (STEP_CALL, mcp_tool_get_name (tool), arguments_for (tool)));
    }

  if (g_strcmp0 (app->scenario, "http-standard-headers") == 0)
    {
      CallAll *all = g_new0 (CallAll, 1);

      all->app = app;
      all->calls = calls;
      mcp_client_list_all_resources_async (app->client, NULL, resources_listed_cb, all);
      return;
    }

  run_calls (app, calls);
}

static void
list_tools (App *app)
{
  mcp_client_list_all_tools_async (app->client, NULL, listed_cb, app);
}

/* sse-retry: the standalone stream must be open before the tool call, or
 * the scenario server answers the call on it instead of the resumed one. */
static gboolean
listening_timeout_cb (gpointer user_data)
{
  App *app = user_data;

  app->listening_timeout_id = 0;
  g_signal_handlers_disconnect_by_data (app->transport, app);
  list_tools (app);
  return G_SOURCE_REMOVE;
}

static void
on_listening (McpHttpTransport *transport,
              GParamSpec       *pspec,
              App              *app)
{
  if (!mcp_http_transport_is_listening (transport))
    return;

  g_signal_handlers_disconnect_by_data (transport, app);
  g_clear_handle_id (&app->listening_timeout_id, g_source_remove);
  list_tools (app);
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;

  if (!mcp_client_connect_finish (MCP_CLIENT (object), result, &error))
    {
      g_printerr ("mcp-conformance-client [%s]: connect: %s\n", app->scenario, error->message);
      finish (app, EXIT_FAILURE);
      return;
    }

  if (g_strcmp0 (app->scenario, "sse-retry") == 0 && !mcp_http_transport_is_listening (app->transport))
    {
      g_signal_connect (app->transport, "notify::listening", G_CALLBACK (on_listening), app);
      app->listening_timeout_id = g_timeout_add (2000, listening_timeout_cb, app);
      return;
    }

  list_tools (app);
}

/* elicitation-sep1034-client-defaults: the "user" accepts without filling
 * anything in; McpClient fills in the schema's defaults. */
static void
on_elicitation (McpClient             *client,
                McpElicitationRequest *request,
                gpointer               user_data)
{
  g_autoptr(JsonNode) content = json_node_init_object (json_node_alloc (), json_object_new ());

  mcp_elicitation_request_return_accept (request, content);
}

static gboolean
deadline_cb (gpointer user_data)
{
  App *app = user_data;

  g_printerr ("mcp-conformance-client [%s]: gave up after %u ms\n", app->scenario, DEADLINE_MS);
  finish (app, EXIT_FAILURE);
  return G_SOURCE_REMOVE;
}

/* The auth scenarios: the "browser" follows the authorization URL; the
 * scenario's authorization server approves at once and redirects to the
 * OAuth client's loopback listener, which completes the sign-in. */
#define CIMD_URL "https://conformance-test.local/client-metadata.json"

static void
browsed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (body == NULL)
    g_printerr ("mcp-conformance-client [%s]: browser: %s\n", app->scenario, error->message);
}

static gboolean
on_authorize (McpOAuthClient *oauth,
              const char     *uri,
              App            *app)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);

  if (msg == NULL)
    return FALSE;
  soup_session_send_and_read_async (app->browser, msg, G_PRIORITY_DEFAULT, NULL, browsed_cb, app);
  return TRUE;
}

static JsonObject *
context_object (void)
{
  const char *context = g_getenv ("MCP_CONFORMANCE_CONTEXT");
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (context == NULL || !json_parser_load_from_data (parser, context, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
setup_oauth (App *app)
{
  g_autoptr(JsonObject) context = context_object ();

  app->oauth = mcp_oauth_client_new ();
  app->browser = soup_session_new ();
  mcp_oauth_client_set_client_metadata_url (app->oauth, CIMD_URL);
  g_object_set (app->oauth, "client-name", "mcp-glib conformance client",
                "authorization-timeout", 20, NULL);
  g_signal_connect (app->oauth, "authorize", G_CALLBACK (on_authorize), app);

  if (g_str_has_prefix (app->scenario, "auth/client-credentials"))
    mcp_oauth_client_set_grant_type (app->oauth, MCP_OAUTH_GRANT_CLIENT_CREDENTIALS);

  if (context != NULL)
    {
      const char *client_id = json_object_get_string_member_with_default (context, "client_id", NULL);
      const char *secret = json_object_get_string_member_with_default (context, "client_secret", NULL);
      const char *issuer = json_object_get_string_member_with_default (context, "issuer", NULL);
      const char *key = json_object_get_string_member_with_default (context, "private_key_pem", NULL);
      const char *alg = json_object_get_string_member_with_default (context, "signing_algorithm", NULL);

      mcp_oauth_client_set_client_id (app->oauth, client_id);
      mcp_oauth_client_set_client_secret (app->oauth, secret);
      g_object_set (app->oauth, "client-issuer", issuer, NULL);
      if (key != NULL)
        {
          g_autoptr(GError) error = NULL;

          if (!mcp_oauth_client_set_private_key (app->oauth, key, alg, &error))
            g_printerr ("mcp-conformance-client [%s]: private key: %s\n", app->scenario, error->message);
        }
    }

  mcp_http_transport_set_oauth_client (app->transport, app->oauth);
}

static const char * const scenarios[] = {
  "initialize",
  "tools_call",
  "sse-retry",
  "elicitation-sep1034-client-defaults",
  /* 2026-07-28 */
  "request-metadata",
  "sep-2322-client-request-state",
  "http-standard-headers",
  "http-custom-headers",
  "http-invalid-tool-headers",
  "json-schema-ref-no-deref",
  "json-schema-2020-12-preservation",
  /* authorization */
  "auth/metadata-default",
  "auth/metadata-var1",
  "auth/metadata-var2",
  "auth/metadata-var3",
  "auth/basic-cimd",
  "auth/scope-from-www-authenticate",
  "auth/scope-from-scopes-supported",
  "auth/scope-omitted-when-undefined",
  "auth/scope-step-up",
  "auth/scope-retry-limit",
  "auth/token-endpoint-auth-basic",
  "auth/token-endpoint-auth-post",
  "auth/token-endpoint-auth-none",
  "auth/pre-registration",
  "auth/2025-03-26-oauth-metadata-backcompat",
  "auth/2025-03-26-oauth-endpoint-fallback",
  "auth/resource-mismatch",
  "auth/offline-access-scope",
  "auth/offline-access-not-supported",
  "auth/authorization-server-migration",
  "auth/iss-supported",
  "auth/iss-not-advertised",
  "auth/iss-supported-missing",
  "auth/iss-wrong-issuer",
  "auth/iss-unexpected",
  "auth/iss-normalized",
  "auth/metadata-issuer-mismatch",
  "auth/client-credentials-basic",
  "auth/client-credentials-jwt",
  "auth/dpop",
  "auth/dpop-nonce",
  NULL
};

int
main (int   argc,
      char *argv[])
{
  App app = { 0 };
  const char *version = g_getenv ("MCP_CONFORMANCE_PROTOCOL_VERSION");

  if (argc < 2)
    {
      g_printerr ("usage: MCP_CONFORMANCE_SCENARIO=NAME %s URL\n", argv[0]);
      return 2;
    }

  app.scenario = g_getenv ("MCP_CONFORMANCE_SCENARIO");
  if (app.scenario == NULL)
    app.scenario = "initialize";

  if (!g_strv_contains (scenarios, app.scenario))
    {
      g_printerr ("mcp-conformance-client: scenario %s is not supported\n", app.scenario);
      return EXIT_FAILURE;
    }

  app.loop = g_main_loop_new (NULL, FALSE);
  app.client = mcp_client_new ("mcp-glib-conformance-client", MCP_VERSION_S);
  app.transport = mcp_http_transport_new (argv[argc - 1]);
  mcp_client_set_elicitation_handler (app.client, MCP_ELICITATION_MODE_FORM,
                                      on_elicitation, NULL, NULL);
  mcp_http_transport_set_request_timeout (app.transport, 10000);
  if (g_str_has_prefix (app.scenario, "auth/"))
    setup_oauth (&app);
  /* A run for the 2026-07-28 revision: detect the era as a dual-era client
   * does; earlier revisions keep to the handshake. */
  if (version != NULL && g_strcmp0 (version, "2025-11-25") > 0)
    mcp_client_set_requested_protocol_version (app.client, NULL);

  g_timeout_add (DEADLINE_MS, deadline_cb, &app);
  mcp_client_connect_async (app.client, MCP_TRANSPORT (app.transport), NULL, connected_cb, &app);
  g_main_loop_run (app.loop);

  g_clear_object (&app.client);
  g_clear_object (&app.transport);
  g_clear_object (&app.oauth);
  g_clear_object (&app.browser);
  g_main_loop_unref (app.loop);

  return app.status;
}
