/* conformance-client.c: the client under test in `conformance client` runs
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   MCP_CONFORMANCE_SCENARIO=NAME mcp-conformance-client [ARGS...] URL
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

typedef struct
{
  App       *app;
  GPtrArray *tools;
  guint      next;
} CallAll;

static void call_next (CallAll *all);

static void
called_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CallAll *all = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) tool_result = mcp_client_call_tool_finish (MCP_CLIENT (object), result, &error);

  if (tool_result == NULL)
    {
      fail (all->app, "tools/call", error);
      g_ptr_array_unref (all->tools);
      g_free (all);
      return;
    }

  call_next (all);
}

static void
call_next (CallAll *all)
{
  McpTool *tool;
  g_autoptr(JsonNode) arguments = NULL;

  if (all->next >= all->tools->len)
    {
      done (all->app);
      g_ptr_array_unref (all->tools);
      g_free (all);
      return;
    }

  tool = g_ptr_array_index (all->tools, all->next++);
  arguments = arguments_for (tool);
  mcp_client_call_tool_async (all->app->client, mcp_tool_get_name (tool), arguments, NULL,
                              called_cb, all);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = mcp_client_list_all_tools_finish (MCP_CLIENT (object), result, &error);
  CallAll *all;

  if (tools == NULL)
    {
      fail (app, "tools/list", error);
      return;
    }

  if (g_strcmp0 (app->scenario, "initialize") == 0)
    {
      done (app);
      return;
    }

  all = g_new0 (CallAll, 1);
  all->app = app;
  all->tools = g_steal_pointer (&tools);
  call_next (all);
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

int
main (int   argc,
      char *argv[])
{
  App app = { 0 };

  if (argc < 2)
    {
      g_printerr ("usage: MCP_CONFORMANCE_SCENARIO=NAME %s URL\n", argv[0]);
      return 2;
    }

  app.scenario = g_getenv ("MCP_CONFORMANCE_SCENARIO");
  if (app.scenario == NULL)
    app.scenario = "initialize";

  if (g_strcmp0 (app.scenario, "initialize") != 0 &&
      g_strcmp0 (app.scenario, "tools_call") != 0 &&
      g_strcmp0 (app.scenario, "sse-retry") != 0 &&
      g_strcmp0 (app.scenario, "elicitation-sep1034-client-defaults") != 0)
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

  g_timeout_add (DEADLINE_MS, deadline_cb, &app);
  mcp_client_connect_async (app.client, MCP_TRANSPORT (app.transport), NULL, connected_cb, &app);
  g_main_loop_run (app.loop);

  g_clear_object (&app.client);
  g_clear_object (&app.transport);
  g_main_loop_unref (app.loop);

  return app.status;
}
