/* calculator-client.c: an MCP client that uses the calculator server
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   calculator-client SERVER-COMMAND [ARG...]
 *
 * Starts the server over stdio (any of the calculator-server examples),
 * lists its tools, makes a few calls one after the other — one of them
 * fails on purpose, one reports progress — and disconnects. Exits 0 when
 * every answer was the expected one.
 */

#include <stdlib.h>

#include <mcp-glib/mcp-glib.h>

static const struct {
  const char *tool;
  const char *arguments;
  const char *expected;   /* the text of the result */
  gboolean    is_error;
} calls[] = {
  { "add", "{\"a\": 2, \"b\": 3}", "5", FALSE },
  { "multiply", "{\"a\": 6, \"b\": 7}", "42", FALSE },
  { "divide", "{\"a\": 1, \"b\": 0}", "Cannot divide by zero", TRUE },
  { "sum", "{\"numbers\": [1, 2, 3, 4]}", "10", FALSE },
};

typedef struct
{
  GMainLoop *loop;
  McpClient *client;
  guint      next;
  int        status;
} App;

static void call_next (App *app);

static void
disconnected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  App *app = user_data;

  mcp_client_disconnect_finish (app->client, result, NULL);
  g_main_loop_quit (app->loop);
}

static void
on_progress (gdouble     progress,
             gdouble     total,
             const char *message,
             gpointer    user_data)
{
  g_print ("  progress %g of %g\n", progress, total);
}

static void
called_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  App *app = user_data;
  guint i = app->next - 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) answer = mcp_client_call_tool_finish (app->client, result, &error);
  g_autofree char *text = NULL;

  if (answer == NULL)
    {
      g_printerr ("%s failed: %s\n", calls[i].tool, error->message);
      app->status = EXIT_FAILURE;
    }
  else
    {
      text = mcp_tool_result_dup_text (answer);
      g_print ("%s %s -> %s%s\n", calls[i].tool, calls[i].arguments,
               mcp_tool_result_get_is_error (answer) ? "error: " : "", text);
      if (g_strcmp0 (text, calls[i].expected) != 0 ||
          mcp_tool_result_get_is_error (answer) != calls[i].is_error)
        app->status = EXIT_FAILURE;
    }

  call_next (app);
}

static void
call_next (App *app)
{
  g_autoptr(JsonNode) arguments = NULL;
  guint i = app->next++;

  if (i == G_N_ELEMENTS (calls))
    {
      mcp_client_disconnect_async (app->client, NULL, disconnected_cb, app);
      return;
    }

  arguments = mcp_message_from_data (calls[i].arguments, -1, NULL);
  /* Ask for progress reports; servers that send none are fine too. */
  mcp_client_call_tool_full_async (app->client, calls[i].tool, arguments,
                                   MCP_REQUEST_FLAGS_PROGRESS, -1, on_progress, NULL, NULL,
                                   NULL, called_cb, app);
}

static void
tools_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = mcp_client_list_all_tools_finish (app->client, result, &error);

  if (tools == NULL)
    {
      g_printerr ("tools/list failed: %s\n", error->message);
      app->status = EXIT_FAILURE;
      mcp_client_disconnect_async (app->client, NULL, disconnected_cb, app);
      return;
    }

  g_print ("%u tools:", tools->len);
  for (guint i = 0; i < tools->len; i++)
    g_print (" %s", mcp_tool_get_name (g_ptr_array_index (tools, i)));
  g_print ("\n");

  call_next (app);
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;

  if (!mcp_client_connect_finish (app->client, result, &error))
    {
      g_printerr ("Could not connect: %s\n", error->message);
      app->status = EXIT_FAILURE;
      g_main_loop_quit (app->loop);
      return;
    }

  g_print ("Connected to %s %s\n", mcp_client_get_server_name (app->client),
           mcp_client_get_server_version (app->client));
  mcp_client_list_all_tools_async (app->client, NULL, tools_cb, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(McpStdioTransport) transport = NULL;
  App app = { 0 };

  if (argc < 2)
    {
      g_printerr ("usage: calculator-client SERVER-COMMAND [ARG...]\n");
      return 2;
    }

  app.loop = g_main_loop_new (NULL, FALSE);
  app.client = mcp_client_new ("calculator-client", "1.0");
  transport = mcp_stdio_transport_new_for_command ((const char * const *) argv + 1);

  mcp_client_connect_async (app.client, MCP_TRANSPORT (transport), NULL, connected_cb, &app);
  g_main_loop_run (app.loop);

  g_object_unref (app.client);
  g_main_loop_unref (app.loop);
  return app.status;
}
