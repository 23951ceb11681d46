/* calculator-server.c: an MCP server with four arithmetic tools, over stdio
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   calculator-server
 *
 * Tools: add, subtract, multiply, divide (each takes numbers a and b and
 * answers with text and {"result": N}), and sum (a list of numbers, with
 * progress reports). Dividing by zero is an error result the model can
 * read. Try it: mcp-cli --stdio calculator-server call divide a=1 b=4
 */

#include <mcp-glib/mcp-glib.h>

typedef enum { ADD, SUBTRACT, MULTIPLY, DIVIDE } Operation;

static const char *binary_schema =
  "{\"type\":\"object\","
  "\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},"
  "\"required\":[\"a\",\"b\"]}";

static const char *result_schema =
  "{\"type\":\"object\",\"properties\":{\"result\":{\"type\":\"number\"}},"
  "\"required\":[\"result\"]}";

static void
return_number (McpToolCall *call,
               gdouble      value)
{
  g_autoptr(McpToolResult) result = NULL;
  g_autoptr(JsonNode) structured = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (text, sizeof text, "%.15g", value);
  result = mcp_tool_result_new_text (text);
  json_object_set_double_member (object, "result", value);
  structured = json_node_init_object (json_node_alloc (), object);
  mcp_tool_result_set_structured_content (result, structured);
  mcp_tool_call_return_result (call, result);
}

static void
arithmetic (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  gdouble a = mcp_tool_call_get_double (call, "a", 0);
  gdouble b = mcp_tool_call_get_double (call, "b", 0);

  switch (GPOINTER_TO_INT (user_data))
    {
    case ADD:
      return_number (call, a + b);
      break;
    case SUBTRACT:
      return_number (call, a - b);
      break;
    case MULTIPLY:
      return_number (call, a * b);
      break;
    case DIVIDE:
      if (b == 0)
        mcp_tool_call_return_error (call, "Cannot divide by zero");
      else
        return_number (call, a / b);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Adds one number per main-loop iteration, reporting progress: the shape of
 * any long-running, cancellable tool. */
typedef struct
{
  McpToolCall *call;
  JsonArray   *numbers;
  guint        next;
  gdouble      total;
} Sum;

static void
sum_free (Sum *sum)
{
  g_clear_object (&sum->call);
  g_clear_pointer (&sum->numbers, json_array_unref);
  g_free (sum);
}

static gboolean
sum_step (gpointer user_data)
{
  Sum *sum = user_data;
  guint n = json_array_get_length (sum->numbers);

  if (mcp_tool_call_is_cancelled (sum->call))
    return G_SOURCE_REMOVE;

  if (sum->next < n)
    {
      sum->total += json_array_get_double_element (sum->numbers, sum->next++);
      mcp_tool_call_send_progress (sum->call, sum->next, n, NULL);
      return G_SOURCE_CONTINUE;
    }

  return_number (sum->call, sum->total);
  return G_SOURCE_REMOVE;
}

static void
sum (McpServer   *server,
     McpToolCall *call,
     gpointer     user_data)
{
  JsonNode *arguments = mcp_tool_call_get_arguments (call);
  Sum *state = g_new0 (Sum, 1);

  state->call = g_object_ref (call);
  state->numbers = json_array_ref (json_object_get_array_member (json_node_get_object (arguments),
                                                                 "numbers"));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, sum_step, state, (GDestroyNotify) sum_free);
}

static void
add_tool (McpServer      *server,
          const char     *name,
          const char     *description,
          const char     *input_schema,
          McpToolHandler  handler,
          Operation       operation)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, description);

  mcp_tool_set_input_schema_json (tool, input_schema, NULL);
  mcp_tool_set_output_schema_json (tool, result_schema, NULL);
  mcp_tool_set_hint (tool, "readOnlyHint", TRUE);
  mcp_server_add_tool (server, tool, handler, GINT_TO_POINTER (operation), NULL);
}

int
main (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(McpServer) server = mcp_server_new ("calculator", "1.0");
  g_autoptr(McpStdioTransport) stdio = mcp_stdio_transport_new ();

  mcp_server_set_instructions (server, "Arithmetic on numbers. Use sum for long lists.");
  add_tool (server, "add", "Adds b to a", binary_schema, arithmetic, ADD);
  add_tool (server, "subtract", "Subtracts b from a", binary_schema, arithmetic, SUBTRACT);
  add_tool (server, "multiply", "Multiplies a by b", binary_schema, arithmetic, MULTIPLY);
  add_tool (server, "divide", "Divides a by b", binary_schema, arithmetic, DIVIDE);
  add_tool (server, "sum", "Adds a list of numbers, reporting progress",
            "{\"type\":\"object\",\"properties\":{\"numbers\":{\"type\":\"array\","
            "\"items\":{\"type\":\"number\"}}},\"required\":[\"numbers\"]}",
            sum, ADD);

  g_signal_connect_swapped (server, "session-removed", G_CALLBACK (g_main_loop_quit), loop);
  mcp_server_add_transport (server, MCP_TRANSPORT (stdio));
  g_main_loop_run (loop);

  return 0;
}
