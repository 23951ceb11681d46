/* simple-client.c: connects to an MCP server, lists its tools, calls one
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   simple-client [--tool NAME] [--args JSON] [--trace] -- COMMAND [ARG...]
 *   simple-client [--tool NAME] [--args JSON] [--trace] [--token T] http://HOST:PORT/mcp
 *
 * Without --tool it calls `echo` if the server has it, else the first tool
 * that needs no arguments.
 */

#include <stdlib.h>

#include <mcp-glib/mcp-glib.h>

typedef struct
{
  GMainLoop    *loop;
  McpClient    *client;
  McpTransport *transport;
  char         *tool_name;
  JsonNode     *arguments;
  gboolean      trace;
  int           status;
} App;

static char *
to_json (JsonNode *node)
{
  return node != NULL ? mcp_message_to_data (node, NULL) : g_strdup ("null");
}

static void
fail (App          *app,
      const char   *what,
      const GError *error)
{
  g_printerr ("simple-client: %s: %s\n", what, error->message);
  app->status = EXIT_FAILURE;
  mcp_client_disconnect_async (app->client, NULL, NULL, NULL);
  g_main_loop_quit (app->loop);
}

static void
on_message_received (McpTransport *transport,
                     JsonNode     *message,
                     App          *app)
{
  g_autofree char *text = to_json (message);

  g_print ("  <- %s\n", text);
}

static void
on_log_message (McpClient       *client,
                McpLoggingLevel  level,
                const char      *logger,
                JsonNode        *data,
                App             *app)
{
  g_autofree char *text = to_json (data);

  g_print ("[server %s] %s\n", mcp_logging_level_to_string (level), text);
}

static void
disconnected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;

  if (!mcp_client_disconnect_finish (MCP_CLIENT (object), result, &error))
    g_printerr ("simple-client: disconnect: %s\n", error->message);
  else if (MCP_IS_HTTP_TRANSPORT (app->transport))
    g_print ("Disconnected; the HTTP session is closed.\n");
  else
    g_print ("Disconnected; the server has exited.\n");

  g_main_loop_quit (app->loop);
}

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;

  if (!mcp_client_ping_finish (MCP_CLIENT (object), result, &error))
    {
      fail (app, "ping", error);
      return;
    }

  g_print ("-> ping: the server answered\n");
  mcp_client_disconnect_async (app->client, NULL, disconnected_cb, app);
}

static void
call_tool_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autofree char *text = NULL;
  JsonArray *content;

  tool_result = mcp_client_call_tool_finish (MCP_CLIENT (object), result, &error);
  if (tool_result == NULL)
    {
      fail (app, "tools/call", error);
      return;
    }

  g_print ("-> tools/call %s%s\n", app->tool_name,
           mcp_tool_result_get_is_error (tool_result) ? " (the tool reported an error)" : "");

  content = mcp_tool_result_get_content (tool_result);
  for (guint i = 0; i < json_array_get_length (content); i++)
    {
      JsonObject *block = json_array_get_object_element (content, i);
      const char *type = json_object_get_string_member_with_default (block, "type", "?");

      if (g_str_equal (type, "text"))
        g_print ("    text: %s\n", json_object_get_string_member_with_default (block, "text", ""));
      else
        g_print ("    %s content (%s)\n", type,
                 json_object_get_string_member_with_default (block, "mimeType", "no MIME type"));
    }

  if (mcp_tool_result_get_structured_content (tool_result) != NULL)
    {
      text = to_json (mcp_tool_result_get_structured_content (tool_result));
      g_print ("    structured: %s\n", text);
    }

  if (mcp_tool_result_get_is_error (tool_result))
    app->status = EXIT_FAILURE;

  mcp_client_ping_async (app->client, NULL, ping_cb, app);
}

static gboolean
needs_no_arguments (McpTool *tool)
{
  JsonNode *schema = mcp_tool_get_input_schema (tool);
  JsonObject *object;

  if (schema == NULL)
    return TRUE;

  object = json_node_get_object (schema);
  return !json_object_has_member (object, "required") ||
         json_array_get_length (json_object_get_array_member (object, "required")) == 0;
}

static void
list_tools_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;

  tools = mcp_client_list_all_tools_finish (MCP_CLIENT (object), result, &error);
  if (tools == NULL)
    {
      fail (app, "tools/list", error);
      return;
    }

  g_print ("-> tools/list: %u tools\n", tools->len);
  for (guint i = 0; i < tools->len; i++)
    {
      McpTool *tool = g_ptr_array_index (tools, i);
      const char *description = mcp_tool_get_description (tool);

      g_print ("    %-28s %s\n", mcp_tool_get_name (tool), description != NULL ? description : "");

      if (app->tool_name == NULL && g_str_equal (mcp_tool_get_name (tool), "echo"))
        app->tool_name = g_strdup ("echo");
    }

  for (guint i = 0; app->tool_name == NULL && i < tools->len; i++)
    {
      if (needs_no_arguments (g_ptr_array_index (tools, i)))
        app->tool_name = g_strdup (mcp_tool_get_name (g_ptr_array_index (tools, i)));
    }

  if (app->tool_name == NULL)
    {
      g_print ("No tool to call.\n");
      mcp_client_ping_async (app->client, NULL, ping_cb, app);
      return;
    }

  if (app->arguments == NULL && g_str_equal (app->tool_name, "echo"))
    app->arguments = mcp_message_from_data ("{\"message\":\"Hello from mcp-glib!\"}", -1, NULL);

  mcp_client_call_tool_async (app->client, app->tool_name, app->arguments, NULL,
                              call_tool_cb, app);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *capabilities = NULL;

  if (!mcp_client_connect_finish (MCP_CLIENT (object), result, &error))
    {
      fail (app, "connect", error);
      return;
    }

  capabilities = to_json (mcp_client_get_server_capabilities (app->client));
  g_print ("-> initialize: connected to %s %s, protocol %s\n",
           mcp_client_get_server_name (app->client),
           mcp_client_get_server_version (app->client),
           mcp_client_get_protocol_version (app->client));
  g_print ("    capabilities: %s\n", capabilities);

  mcp_client_list_all_tools_async (app->client, NULL, list_tools_cb, app);
}

int
main (int   argc,
      char *argv[])
{
  App app = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tool = NULL;
  g_autofree char *args = NULL;
  g_autofree char *token = NULL;
  g_auto(GStrv) command = NULL;
  gboolean http;
  const GOptionEntry entries[] = {
    { "tool", 't', 0, G_OPTION_ARG_STRING, &tool, "The tool to call", "NAME" },
    { "args", 'a', 0, G_OPTION_ARG_STRING, &args, "Its arguments, a JSON object", "JSON" },
    { "trace", 0, 0, G_OPTION_ARG_NONE, &app.trace, "Print every message received", NULL },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, "Bearer token for an HTTP server", "TOKEN" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &command, NULL, "COMMAND [ARG…]" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("-- COMMAND [ARG…] | URL - call a tool of an MCP server");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("simple-client: %s\n", error->message);
      return 2;
    }

  if (command == NULL || command[0] == NULL)
    {
      g_printerr ("simple-client: give the server command after --, or its http:// URL\n");
      return 2;
    }

  if (args != NULL)
    {
      app.arguments = mcp_message_from_data (args, -1, &error);
      if (app.arguments == NULL || !JSON_NODE_HOLDS_OBJECT (app.arguments))
        {
          g_printerr ("simple-client: --args must be a JSON object\n");
          return 2;
        }
    }

  app.tool_name = g_steal_pointer (&tool);
  app.loop = g_main_loop_new (NULL, FALSE);
  app.client = mcp_client_new ("simple-client", MCP_VERSION_S);
  http = g_str_has_prefix (command[0], "http://") || g_str_has_prefix (command[0], "https://");
  if (http)
    {
      McpHttpTransport *transport = mcp_http_transport_new (command[0]);

      mcp_http_transport_set_auth_token (transport, token);
      app.transport = MCP_TRANSPORT (transport);
    }
  else
    app.transport = MCP_TRANSPORT (mcp_stdio_transport_new_for_command ((const char * const *) command));
  app.status = EXIT_SUCCESS;

  if (app.trace)
    g_signal_connect (app.transport, "message-received", G_CALLBACK (on_message_received), &app);
  g_signal_connect (app.client, "log-message", G_CALLBACK (on_log_message), &app);

  if (http)
    g_print ("Connecting to %s\n", command[0]);
  else
    g_print ("Starting %s over stdio\n", command[0]);
  mcp_client_connect_async (app.client, app.transport, NULL, connect_cb, &app);
  g_main_loop_run (app.loop);

  g_clear_object (&app.client);
  g_clear_object (&app.transport);
  g_clear_pointer (&app.arguments, json_node_unref);
  g_clear_pointer (&app.tool_name, g_free);
  g_clear_pointer (&app.loop, g_main_loop_unref);

  return app.status;
}
