/* mcp-cli.c: a command-line client for any MCP server
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   mcp-cli [OPTION...] (--stdio 'COMMAND ARGS' | URL) COMMAND [ARGUMENTS...]
 *
 * URL is http(s):// (Streamable HTTP, falling back to the legacy HTTP+SSE
 * transport) or ws(s):// (WebSocket, subprotocol mcp).
 *
 * Exit status: 0 success, 1 the tool returned isError, 2 usage error,
 * 3 connection or protocol error. docs/command-line.md has the details.
 */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mcp-glib/mcp-glib.h>


enum {
  EXIT_OK = 0,
  EXIT_TOOL_ERROR = 1,
  EXIT_USAGE = 2,
  EXIT_CONNECTION = 3,
};

typedef enum {
  CMD_TOOLS,
  CMD_CALL,
  CMD_RESOURCES,
  CMD_READ,
  CMD_TEMPLATES,
  CMD_PROMPTS,
  CMD_PROMPT,
  CMD_COMPLETE,
  CMD_PING,
  CMD_INFO,
} Command;

static const struct {
  const char *name;
  Command     command;
  guint       min_args;
  gint        max_args;       /* -1: any number */
  const char *usage;
} commands[] = {
  { "tools", CMD_TOOLS, 0, 0, "tools" },
  { "call", CMD_CALL, 1, -1, "call TOOL [JSON | key=value...]" },
  { "resources", CMD_RESOURCES, 0, 0, "resources" },
  { "read", CMD_READ, 1, 1, "read URI" },
  { "templates", CMD_TEMPLATES, 0, 0, "templates" },
  { "prompts", CMD_PROMPTS, 0, 0, "prompts" },
  { "prompt", CMD_PROMPT, 1, -1, "prompt NAME [JSON | key=value...]" },
  { "complete", CMD_COMPLETE, 3, 4,
    "complete (prompt NAME | resource TEMPLATE) ARGUMENT [VALUE]" },
  { "ping", CMD_PING, 0, 0, "ping" },
  { "info", CMD_INFO, 0, 0, "info" },
};

typedef struct
{
  GMainLoop    *loop;
  McpClient    *client;
  McpTransport *transport;
  Command       command;
  char        **args;          /* the command's arguments */
  JsonNode     *arguments;     /* call / prompt arguments */
  gboolean      json;
  gboolean      verbose;
  int           status;
  GCancellable *connect_cancellable;
  guint         connect_timeout_id;
  gboolean      connect_timed_out;
} App;

/* Output ------------------------------------------------------------------- */

/* UTF-8 as is, whatever the locale: g_print() would turn what it cannot
 * convert into '?', which breaks --json output in the C locale. */
static void out (const char *format, ...) G_GNUC_PRINTF (1, 2);
static void err (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
out (const char *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (text, stdout);
}

static void
err (const char *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (text, stderr);
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  out ("%s\n", text);
}

/* Prints {"<member>": [items as JSON]} for --json list output. */
typedef JsonNode *(*ToJsonFunc) (gpointer item);

static JsonNode *tool_to_json (gpointer item) { return mcp_tool_to_json (item); }
static JsonNode *resource_to_json (gpointer item) { return mcp_resource_to_json (item); }
static JsonNode *template_to_json (gpointer item) { return mcp_resource_template_to_json (item); }
static JsonNode *prompt_to_json (gpointer item) { return mcp_prompt_to_json (item); }
static JsonNode *node_copy (gpointer item) { return json_node_copy (item); }

static void
print_json_list (const char *member,
                 GPtrArray  *items,
                 ToJsonFunc  to_json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    json_builder_add_value (builder, to_json (g_ptr_array_index (items, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  print_json (root);
}

static const char *
object_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
compact (JsonNode *node)
{
  return node != NULL ? mcp_message_to_data (node, NULL) : g_strdup ("null");
}

/* The decoded size of a base64 string, for summaries of binary data. */
static gsize
base64_size (const char *data)
{
  gsize len = data != NULL ? strlen (data) : 0;
  gsize size = len / 4 * 3;

  if (len >= 1 && data[len - 1] == '=')
    size--;
  if (len >= 2 && data[len - 2] == '=')
    size--;
  return size;
}

/* One content block of a tool result or prompt message, for people. */
static void
print_content (JsonNode   *block,
               const char *indent)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (block) ? json_node_get_object (block) : NULL;
  const char *type = object_string (object, "type");

  if (g_strcmp0 (type, "text") == 0)
    {
      out ("%s%s\n", indent, object_string (object, "text"));
    }
  else if (g_strcmp0 (type, "image") == 0 || g_strcmp0 (type, "audio") == 0)
    {
      out ("%s[%s %s, %" G_GSIZE_FORMAT " bytes]\n", indent, type,
               object_string (object, "mimeType"),
               base64_size (object_string (object, "data")));
    }
  else if (g_strcmp0 (type, "resource") == 0 && json_object_has_member (object, "resource"))
    {
      JsonObject *resource = json_object_get_object_member (object, "resource");
      const char *text = object_string (resource, "text");

      out ("%s[resource %s]\n", indent, object_string (resource, "uri"));
      if (text != NULL)
        out ("%s%s\n", indent, text);
      else
        out ("%s[%s, %" G_GSIZE_FORMAT " bytes]\n", indent,
                 object_string (resource, "mimeType"),
                 base64_size (object_string (resource, "blob")));
    }
  else if (g_strcmp0 (type, "resource_link") == 0)
    {
      out ("%s[link %s %s]\n", indent, object_string (object, "uri"),
               object_string (object, "name"));
    }
  else
    {
      g_autofree char *text = compact (block);

      out ("%s%s\n", indent, text);
    }
}

/* "name (type, required): description" for each property of a schema. */
static void
print_schema_arguments (JsonNode *schema)
{
  JsonObject *object = schema != NULL && JSON_NODE_HOLDS_OBJECT (schema) ?
                       json_node_get_object (schema) : NULL;
  JsonObject *properties = NULL;
  JsonArray *required = NULL;
  g_autoptr(GList) names = NULL;

  if (object != NULL && json_object_has_member (object, "properties") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "properties")))
    properties = json_object_get_object_member (object, "properties");
  if (object != NULL && json_object_has_member (object, "required") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "required")))
    required = json_object_get_array_member (object, "required");
  if (properties == NULL)
    return;

  names = json_object_get_members (properties);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *property = json_object_get_member (properties, l->data);
      JsonObject *prop = JSON_NODE_HOLDS_OBJECT (property) ? json_node_get_object (property) : NULL;
      const char *type = object_string (prop, "type");
      const char *description = object_string (prop, "description");
      gboolean is_required = FALSE;

      for (guint i = 0; required != NULL && i < json_array_get_length (required); i++)
        {
          JsonNode *node = json_array_get_element (required, i);

          if (JSON_NODE_HOLDS_VALUE (node) &&
              json_node_get_value_type (node) == G_TYPE_STRING &&
              g_str_equal (json_node_get_string (node), l->data))
            is_required = TRUE;
        }

      out ("    %s (%s%s)%s%s\n", (const char *) l->data, type != NULL ? type : "any",
               is_required ? ", required" : "",
               description != NULL ? ": " : "", description != NULL ? description : "");
    }
}

/* Arguments ------------------------------------------------------------------ */

/* Turns `JSON` or `key=value...` into an arguments object. Values are JSON
 * when they parse as JSON (always with `:=`), strings otherwise (always with
 * `==`), or always strings when strings_only (prompt arguments). */
static JsonNode *
parse_arguments (char     **args,
                 gboolean   strings_only,
                 GError   **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  if (args[0] != NULL && args[1] == NULL && args[0][0] == '{')
    {
      g_autoptr(JsonNode) parsed = mcp_message_from_data (args[0], -1, error);

      if (parsed == NULL)
        return NULL;
      if (!JSON_NODE_HOLDS_OBJECT (parsed))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "The arguments must be a JSON object");
          return NULL;
        }
      return g_steal_pointer (&parsed);
    }

  for (guint i = 0; args[i] != NULL; i++)
    {
      const char *eq = strchr (args[i], '=');
      g_autofree char *key = NULL;
      const char *value;
      gboolean force_json = FALSE;
      gboolean force_string = strings_only;
      g_autoptr(JsonNode) parsed = NULL;

      if (eq == NULL || eq == args[i])
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Expected key=value, not '%s'", args[i]);
          return NULL;
        }

      value = eq + 1;
      if (eq > args[i] && eq[-1] == ':')
        {
          force_json = TRUE;
          key = g_strndup (args[i], eq - 1 - args[i]);
        }
      else if (eq[1] == '=')
        {
          force_string = TRUE;
          value = eq + 2;
          key = g_strndup (args[i], eq - args[i]);
        }
      else
        {
          key = g_strndup (args[i], eq - args[i]);
        }

      if (!force_string)
        {
          g_autoptr(GError) local_error = NULL;

          parsed = mcp_message_from_data (value, -1, &local_error);
          if (parsed == NULL && force_json)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "The value of %s is not JSON: %s", key, local_error->message);
              return NULL;
            }
        }
      if (parsed == NULL)
        parsed = json_node_init_string (json_node_alloc (), value);

      json_object_set_member (object, key, g_steal_pointer (&parsed));
    }

  node = json_node_alloc ();
  json_node_init_object (node, object);
  return node;
}

/* Finishing ------------------------------------------------------------------ */

static void
disconnected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  App *app = user_data;

  mcp_client_disconnect_finish (MCP_CLIENT (object), result, NULL);
  g_main_loop_quit (app->loop);
}

static void
finish (App *app,
        int  status)
{
  app->status = status;
  mcp_client_disconnect_async (app->client, NULL, disconnected_cb, app);
}

static void
fail (App          *app,
      const GError *error)
{
  if (g_error_matches (error, MCP_ERROR, MCP_ERROR_FAILED) ||
      error->domain != MCP_ERROR ||
      mcp_error_get_jsonrpc_code (error) == MCP_JSONRPC_INTERNAL_ERROR)
    err ("mcp-cli: %s\n", error->message);
  else
    err ("mcp-cli: %s (%d)\n", error->message, mcp_error_get_jsonrpc_code (error));
  finish (app, EXIT_CONNECTION);
}

/* Commands ------------------------------------------------------------------- */

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
      fail (app, error);
      return;
    }

  if (app->json)
    {
      print_json_list ("tools", tools, tool_to_json);
    }
  else
    {
      for (guint i = 0; i < tools->len; i++)
        {
          McpTool *tool = g_ptr_array_index (tools, i);
          const char *description = mcp_tool_get_description (tool);

          out ("%s%s%s\n", mcp_tool_get_name (tool),
                   description != NULL ? " - " : "", description != NULL ? description : "");
          print_schema_arguments (mcp_tool_get_input_schema (tool));
        }
    }
  finish (app, EXIT_OK);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) tool_result = mcp_client_call_tool_finish (app->client, result, &error);
  gboolean is_error;

  if (tool_result == NULL)
    {
      fail (app, error);
      return;
    }

  is_error = mcp_tool_result_get_is_error (tool_result);
  if (app->json)
    {
      g_autoptr(JsonNode) node = mcp_tool_result_to_json (tool_result);

      print_json (node);
    }
  else
    {
      JsonArray *content = mcp_tool_result_get_content (tool_result);
      JsonNode *structured = mcp_tool_result_get_structured_content (tool_result);

      if (is_error)
        err ("mcp-cli: the tool reported an error:\n");
      for (guint i = 0; content != NULL && i < json_array_get_length (content); i++)
        print_content (json_array_get_element (content, i), "");
      if (structured != NULL && (content == NULL || json_array_get_length (content) == 0))
        print_json (structured);
    }
  finish (app, is_error ? EXIT_TOOL_ERROR : EXIT_OK);
}

static void
resources_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) resources = mcp_client_list_all_resources_finish (app->client, result, &error);

  if (resources == NULL)
    {
      fail (app, error);
      return;
    }

  if (app->json)
    {
      print_json_list ("resources", resources, resource_to_json);
    }
  else
    {
      for (guint i = 0; i < resources->len; i++)
        {
          McpResource *resource = g_ptr_array_index (resources, i);
          const char *mime_type = mcp_resource_get_mime_type (resource);
          const char *description = mcp_resource_get_description (resource);

          out ("%s  %s%s%s\n", mcp_resource_get_uri (resource),
                   mcp_resource_get_name (resource),
                   mime_type != NULL ? "  " : "", mime_type != NULL ? mime_type : "");
          if (description != NULL)
            out ("    %s\n", description);
        }
    }
  finish (app, EXIT_OK);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contents = mcp_client_read_resource_finish (app->client, result, &error);

  if (contents == NULL)
    {
      fail (app, error);
      return;
    }

  if (app->json)
    {
      print_json_list ("contents", contents, node_copy);
    }
  else
    {
      for (guint i = 0; i < contents->len; i++)
        {
          JsonNode *node = g_ptr_array_index (contents, i);
          JsonObject *content = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          const char *text = object_string (content, "text");

          if (contents->len > 1)
            out ("[%s]\n", object_string (content, "uri"));
          if (text != NULL)
            out ("%s%s", text, g_str_has_suffix (text, "\n") ? "" : "\n");
          else
            out ("[%s, %" G_GSIZE_FORMAT " bytes]\n", object_string (content, "mimeType"),
                     base64_size (object_string (content, "blob")));
        }
    }
  finish (app, EXIT_OK);
}

static void
templates_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates =
    mcp_client_list_all_resource_templates_finish (app->client, result, &error);

  if (templates == NULL)
    {
      fail (app, error);
      return;
    }

  if (app->json)
    {
      print_json_list ("resourceTemplates", templates, template_to_json);
    }
  else
    {
      for (guint i = 0; i < templates->len; i++)
        {
          McpResourceTemplate *template = g_ptr_array_index (templates, i);
          const char *description = mcp_resource_template_get_description (template);

          out ("%s  %s\n", mcp_resource_template_get_uri_template (template),
                   mcp_resource_template_get_name (template));
          if (description != NULL)
            out ("    %s\n", description);
        }
    }
  finish (app, EXIT_OK);
}

static void
prompts_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prompts = mcp_client_list_all_prompts_finish (app->client, result, &error);

  if (prompts == NULL)
    {
      fail (app, error);
      return;
    }

  if (app->json)
    {
      print_json_list ("prompts", prompts, prompt_to_json);
    }
  else
    {
      for (guint i = 0; i < prompts->len; i++)
        {
          McpPrompt *prompt = g_ptr_array_index (prompts, i);
          const char *description = mcp_prompt_get_description (prompt);
          JsonNode *arguments = mcp_prompt_get_arguments (prompt);

          out ("%s%s%s\n", mcp_prompt_get_name (prompt),
                   description != NULL ? " - " : "", description != NULL ? description : "");
          for (guint j = 0; arguments != NULL && JSON_NODE_HOLDS_ARRAY (arguments) &&
                            j < json_array_get_length (json_node_get_array (arguments)); j++)
            {
              JsonNode *node = json_array_get_element (json_node_get_array (arguments), j);
              JsonObject *argument = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
              const char *arg_description = object_string (argument, "description");
              gboolean required = argument != NULL &&
                                  json_object_has_member (argument, "required") &&
                                  json_object_get_boolean_member (argument, "required");

              out ("    %s%s%s%s\n", object_string (argument, "name"),
                       required ? " (required)" : "",
                       arg_description != NULL ? ": " : "",
                       arg_description != NULL ? arg_description : "");
            }
        }
    }
  finish (app, EXIT_OK);
}

static void
prompt_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpPromptResult) prompt = mcp_client_get_prompt_finish (app->client, result, &error);

  if (prompt == NULL)
    {
      fail (app, error);
      return;
    }

  if (app->json)
    {
      g_autoptr(JsonNode) node = mcp_prompt_result_to_json (prompt);

      print_json (node);
    }
  else
    {
      JsonArray *messages = mcp_prompt_result_get_messages (prompt);
      const char *description = mcp_prompt_result_get_description (prompt);

      if (description != NULL)
        out ("%s\n", description);
      for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
        {
          JsonObject *message = json_array_get_object_element (messages, i);

          out ("%s:\n", object_string (message, "role"));
          print_content (json_object_get_member (message, "content"), "  ");
        }
    }
  finish (app, EXIT_OK);
}

static void
complete_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  gint64 total = -1;
  gboolean has_more = FALSE;
  g_auto(GStrv) values = mcp_client_complete_finish (app->client, result, &total, &has_more, &error);

  if (values == NULL)
    {
      fail (app, error);
      return;
    }

  if (app->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "completion");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint i = 0; values[i] != NULL; i++)
        json_builder_add_string_value (builder, values[i]);
      json_builder_end_array (builder);
      if (total >= 0)
        {
          json_builder_set_member_name (builder, "total");
          json_builder_add_int_value (builder, total);
        }
      json_builder_set_member_name (builder, "hasMore");
      json_builder_add_boolean_value (builder, has_more);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    {
      for (guint i = 0; values[i] != NULL; i++)
        out ("%s\n", values[i]);
      if (has_more)
        out ("... (%" G_GINT64_FORMAT " in all)\n", total);
    }
  finish (app, EXIT_OK);
}

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;

  if (!mcp_client_ping_finish (app->client, result, &error))
    {
      fail (app, error);
      return;
    }

  if (app->json)
    out ("{}\n");
  else
    out ("pong\n");
  finish (app, EXIT_OK);
}

/* The era a protocol version belongs to: 2026-07-28 is stateless, every
 * earlier version opens a session with initialize. */
static const char *
era_name (const char *version)
{
  return mcp_protocol_version_is_modern (version) ? "modern" : "legacy";
}

static void
print_info (App *app)
{
  if (app->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "protocolVersion");
      json_builder_add_string_value (builder, mcp_client_get_protocol_version (app->client));
      json_builder_set_member_name (builder, "era");
      json_builder_add_string_value (builder,
                                     era_name (mcp_client_get_protocol_version (app->client)));
      json_builder_set_member_name (builder, "serverInfo");
      json_builder_add_value (builder, json_node_copy (mcp_client_get_server_info (app->client)));
      json_builder_set_member_name (builder, "capabilities");
      json_builder_add_value (builder,
                              json_node_copy (mcp_client_get_server_capabilities (app->client)));
      if (mcp_client_get_instructions (app->client) != NULL)
        {
          json_builder_set_member_name (builder, "instructions");
          json_builder_add_string_value (builder, mcp_client_get_instructions (app->client));
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    {
      g_autofree char *capabilities = compact (mcp_client_get_server_capabilities (app->client));
      const char *instructions = mcp_client_get_instructions (app->client);
      const char *version = mcp_client_get_protocol_version (app->client);

      out ("server: %s %s\n", mcp_client_get_server_name (app->client),
               mcp_client_get_server_version (app->client));
      out ("protocol: %s (%s era: %s)\n", version, era_name (version),
           mcp_protocol_version_is_modern (version) ? "stateless requests" : "a session opened by initialize");
      out ("capabilities: %s\n", capabilities);
      if (instructions != NULL)
        out ("instructions: %s\n", instructions);
    }
  finish (app, EXIT_OK);
}

static void
on_progress (gdouble     progress,
             gdouble     total,
             const char *message,
             gpointer    user_data)
{
  if (total > 0)
    err ("progress: %g/%g%s%s\n", progress, total,
                message != NULL ? " " : "", message != NULL ? message : "");
  else
    err ("progress: %g%s%s\n", progress,
                message != NULL ? " " : "", message != NULL ? message : "");
}

static void
on_log_message (McpClient       *client,
                McpLoggingLevel  level,
                const char      *logger,
                JsonNode        *data,
                App             *app)
{
  g_autofree char *text = NULL;

  if (data != NULL && JSON_NODE_HOLDS_VALUE (data) &&
      json_node_get_value_type (data) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (data));
  else
    text = compact (data);

  err ("[%s%s%s] %s\n", mcp_logging_level_to_string (level),
              logger != NULL ? " " : "", logger != NULL ? logger : "", text);
}

static void
run_command (App *app)
{
  McpClient *client = app->client;

  switch (app->command)
    {
    case CMD_TOOLS:
      mcp_client_list_all_tools_async (client, NULL, tools_cb, app);
      break;
    case CMD_CALL:
      mcp_client_call_tool_full_async (client, app->args[0], app->arguments,
                                       app->verbose ? MCP_REQUEST_FLAGS_PROGRESS : MCP_REQUEST_FLAGS_NONE,
                                       -1, app->verbose ? on_progress : NULL, NULL, NULL,
                                       NULL, call_cb, app);
      break;
    case CMD_RESOURCES:
      mcp_client_list_all_resources_async (client, NULL, resources_cb, app);
      break;
    case CMD_READ:
      mcp_client_read_resource_async (client, app->args[0], NULL, read_cb, app);
      break;
    case CMD_TEMPLATES:
      mcp_client_list_all_resource_templates_async (client, NULL, templates_cb, app);
      break;
    case CMD_PROMPTS:
      mcp_client_list_all_prompts_async (client, NULL, prompts_cb, app);
      break;
    case CMD_PROMPT:
      mcp_client_get_prompt_async (client, app->args[0], app->arguments, NULL, prompt_cb, app);
      break;
    case CMD_COMPLETE:
      mcp_client_complete_async (client,
                                 g_str_equal (app->args[0], "prompt") ?
                                   MCP_COMPLETION_REF_PROMPT : MCP_COMPLETION_REF_RESOURCE,
                                 app->args[1], app->args[2],
                                 app->args[3] != NULL ? app->args[3] : "",
                                 NULL, NULL, complete_cb, app);
      break;
    case CMD_PING:
      mcp_client_ping_async (client, NULL, ping_cb, app);
      break;
    case CMD_INFO:
      print_info (app);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
logging_level_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;

  if (!mcp_client_set_logging_level_finish (app->client, result, &error))
    err ("mcp-cli: could not ask for log messages: %s\n", error->message);
  run_command (app);
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&app->connect_timeout_id, g_source_remove);
  if (!mcp_client_connect_finish (app->client, result, &error))
    {
      if (app->connect_timed_out)
        err ("mcp-cli: could not connect: no answer within the timeout\n");
      else
        err ("mcp-cli: could not connect: %s\n", error->message);
      app->status = EXIT_CONNECTION;
      g_main_loop_quit (app->loop);
      return;
    }

  if (app->verbose)
    {
      const char *version = mcp_client_get_protocol_version (app->client);

      err ("mcp-cli: connected with protocol %s (%s era)\n", version, era_name (version));

      /* A server sends a modern request log messages only at the level the
       * request asks for; a legacy session gets them unasked. */
      if (mcp_protocol_version_is_modern (version))
        {
          mcp_client_set_logging_level_async (app->client, MCP_LOGGING_LEVEL_DEBUG, NULL,
                                              logging_level_cb, app);
          return;
        }
    }
  run_command (app);
}

/* Set-up --------------------------------------------------------------------- */

/* --oauth: the user opens the URL; the code comes back to the OAuth
 * client's loopback listener. */
static gboolean
on_oauth_authorize (McpOAuthClient *client,
                    const char     *uri,
                    gpointer        user_data)
{
  g_printerr ("The server asks you to sign in. Open this URL in a browser:\n\n  %s\n\n"
              "Waiting for the sign-in...\n", uri);
  return TRUE;
}

static void
add_headers_cb (SoupSession *session,
                SoupMessage *message,
                gpointer     user_data)
{
  GPtrArray *names = g_object_get_data (G_OBJECT (session), "mcp-cli-header-names");
  GPtrArray *values = g_object_get_data (G_OBJECT (session), "mcp-cli-header-values");
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  for (guint i = 0; i < names->len; i++)
    soup_message_headers_replace (headers, names->pdata[i], values->pdata[i]);
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  App *app = user_data;

  app->connect_timeout_id = 0;
  app->connect_timed_out = TRUE;
  g_cancellable_cancel (app->connect_cancellable);
  return G_SOURCE_REMOVE;
}

static int
usage_error (GOptionContext *context,
             const char     *format,
             ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (GOptionContext *context,
             const char     *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  err ("mcp-cli: %s\nTry 'mcp-cli --help'.\n", message);
  return EXIT_USAGE;
}

static gboolean
is_url (const char *text)
{
  return g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://") ||
         g_str_has_prefix (text, "ws://") || g_str_has_prefix (text, "wss://");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdio_command = NULL;
  g_autofree char *token = NULL;
  g_autofree char *api_key = NULL;
  gboolean oauth = FALSE;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *oauth_scope = NULL;
  g_auto(GStrv) headers = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  gint timeout_s = 60;
  gboolean legacy_sse = FALSE;
  g_autofree char *protocol_version = NULL;
  const char *url = NULL;
  guint first;
  guint n_args;
  gint command_index = -1;
  App app = { 0 };
  const GOptionEntry entries[] = {
    { "stdio", 0, 0, G_OPTION_ARG_STRING, &stdio_command,
      "Start COMMAND and talk to it over stdio", "'COMMAND ARGS'" },
    { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, &headers,
      "Add an HTTP header, also to the WebSocket handshake (repeatable)", "'NAME: VALUE'" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token,
      "Bearer token for HTTP and WebSocket (or set MCP_TOKEN)", "TOKEN" },
    { "api-key", 0, 0, G_OPTION_ARG_STRING, &api_key,
      "API key, sent as X-API-Key (or set MCP_API_KEY)", "KEY" },
    { "oauth", 0, 0, G_OPTION_ARG_NONE, &oauth,
      "Sign in with OAuth when the server asks (HTTP): prints the URL to open", NULL },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      "With --oauth: a pre-registered client ID, or the https URL of a client ID metadata document", "ID|URL" },
    { "client-secret", 0, 0, G_OPTION_ARG_STRING, &client_secret,
      "With --oauth: the pre-registered client's secret", "SECRET" },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &oauth_scope,
      "With --oauth: scopes to ask for besides the server's", "'SCOPE ...'" },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout_s,
      "Seconds connecting and each request may take (default 60, 0 for none)", "SECONDS" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &app.json,
      "Print results as JSON", NULL },
    { "legacy-sse", 0, 0, G_OPTION_ARG_NONE, &legacy_sse,
      "Speak only the 2024-11-05 HTTP+SSE transport", NULL },
    { "protocol-version", 0, 0, G_OPTION_ARG_STRING, &protocol_version,
      "Speak only this protocol version, or 'auto' to detect the era (default)", "VERSION" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &app.verbose,
      "Print the server's log messages and progress on stderr", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, "[URL] COMMAND [ARGUMENTS...]" },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- talk to an MCP server");
  g_option_context_add_main_entries (context, entries, NULL);
  g_string_append (summary, "The server is --stdio 'COMMAND ARGS', an http(s):// URL (Streamable HTTP,\nfalling back to HTTP+SSE) or a ws(s):// URL (WebSocket).\n\nCommands:");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %s", commands[i].usage);
  g_string_append (summary,
                   "\n\nExit status: 0 ok, 1 the tool returned an error, 2 usage error,\n"
                   "3 connection or protocol error.");
  g_option_context_set_summary (context, summary->str);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, "%s", error->message);

  first = 0;
  if (stdio_command == NULL)
    {
      if (rest == NULL || rest[0] == NULL || !is_url (rest[0]))
        return usage_error (context, "give the server as --stdio 'COMMAND ARGS' or an "
                            "http(s):// or ws(s):// URL");
      url = rest[0];
      first = 1;
    }
  else if (rest != NULL && rest[0] != NULL && is_url (rest[0]))
    {
      return usage_error (context, "give either --stdio or a URL, not both");
    }

  if (rest == NULL || rest[first] == NULL)
    return usage_error (context, "no command given");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (rest[first], commands[i].name))
        command_index = i;
    }
  if (command_index < 0)
    return usage_error (context, "unknown command '%s'", rest[first]);

  app.command = commands[command_index].command;
  app.args = g_strdupv (rest + first + 1);
  n_args = g_strv_length (app.args);
  if (n_args < commands[command_index].min_args ||
      (commands[command_index].max_args >= 0 && n_args > (guint) commands[command_index].max_args))
    {
      g_strfreev (app.args);
      return usage_error (context, "usage: mcp-cli ... %s", commands[command_index].usage);
    }

  if (app.command == CMD_CALL || app.command == CMD_PROMPT)
    {
      app.arguments = parse_arguments (app.args + 1, app.command == CMD_PROMPT, &error);
      if (app.arguments == NULL)
        {
          g_strfreev (app.args);
          return usage_error (context, "%s", error->message);
        }
    }
  if (app.command == CMD_COMPLETE &&
      !g_str_equal (app.args[0], "prompt") && !g_str_equal (app.args[0], "resource"))
    {
      g_strfreev (app.args);
      return usage_error (context, "usage: mcp-cli ... %s", commands[command_index].usage);
    }
  if (timeout_s < 0)
    {
      g_strfreev (app.args);
      g_clear_pointer (&app.arguments, json_node_unref);
      return usage_error (context, "--timeout must not be negative");
    }

  if (protocol_version != NULL && g_str_equal (protocol_version, "auto"))
    g_clear_pointer (&protocol_version, g_free);
  if (protocol_version != NULL && !mcp_protocol_version_is_supported (protocol_version) &&
      !mcp_protocol_version_is_modern (protocol_version))
    {
      g_strfreev (app.args);
      g_clear_pointer (&app.arguments, json_node_unref);
      return usage_error (context, "--protocol-version: unknown version '%s'", protocol_version);
    }

  if (token == NULL && g_getenv ("MCP_TOKEN") != NULL && *g_getenv ("MCP_TOKEN") != '\0')
    token = g_strdup (g_getenv ("MCP_TOKEN"));
  if (api_key == NULL && g_getenv ("MCP_API_KEY") != NULL && *g_getenv ("MCP_API_KEY") != '\0')
    api_key = g_strdup (g_getenv ("MCP_API_KEY"));

  if (stdio_command != NULL)
    {
      McpStdioTransport *stdio = mcp_stdio_transport_new_for_command_line (stdio_command, &error);

      if (stdio == NULL)
        {
          g_strfreev (app.args);
          g_clear_pointer (&app.arguments, json_node_unref);
          return usage_error (context, "--stdio: %s", error->message);
        }
      app.transport = MCP_TRANSPORT (stdio);
    }
  else
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
        {
          const char *colon = strchr (headers[i], ':');

          if (colon == NULL || colon == headers[i])
            {
              g_strfreev (app.args);
              g_clear_pointer (&app.arguments, json_node_unref);
              return usage_error (context, "--header expects 'NAME: VALUE', not '%s'", headers[i]);
            }
          g_ptr_array_add (names, g_strstrip (g_strndup (headers[i], colon - headers[i])));
          g_ptr_array_add (values, g_strstrip (g_strdup (colon + 1)));
        }

      if (api_key != NULL)
        {
          g_ptr_array_add (names, g_strdup ("X-API-Key"));
          g_ptr_array_add (values, g_strdup (api_key));
        }

      if (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://"))
        {
          McpHttpTransport *http = mcp_http_transport_new (url);

          if (token != NULL)
            mcp_http_transport_set_auth_token (http, token);
          for (guint i = 0; i < names->len; i++)
            mcp_http_transport_set_header (http, names->pdata[i], values->pdata[i]);
          if (oauth)
            {
              g_autoptr(McpOAuthClient) client = mcp_oauth_client_new ();

              g_object_set (client, "client-name", "mcp-cli", NULL);
              if (client_id != NULL && g_str_has_prefix (client_id, "https://"))
                mcp_oauth_client_set_client_metadata_url (client, client_id);
              else
                mcp_oauth_client_set_client_id (client, client_id);
              mcp_oauth_client_set_client_secret (client, client_secret);
              mcp_oauth_client_set_scope (client, oauth_scope);
              g_signal_connect (client, "authorize", G_CALLBACK (on_oauth_authorize), NULL);
              mcp_http_transport_set_oauth_client (http, client);
            }
          if (legacy_sse)
            mcp_http_transport_set_mode (http, MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE);
          mcp_http_transport_set_request_timeout (http, (guint) timeout_s * 1000);
          app.transport = MCP_TRANSPORT (http);
        }
      else
        {
          g_autoptr(SoupSession) session = soup_session_new ();
          McpWebSocketTransport *ws;

          /* The handshake is the only HTTP request: it carries the headers. */
          if (names->len > 0)
            {
              g_object_set_data_full (G_OBJECT (session), "mcp-cli-header-names",
                                      g_ptr_array_ref (names), (GDestroyNotify) g_ptr_array_unref);
              g_object_set_data_full (G_OBJECT (session), "mcp-cli-header-values",
                                      g_ptr_array_ref (values), (GDestroyNotify) g_ptr_array_unref);
              g_signal_connect (session, "request-queued", G_CALLBACK (add_headers_cb), NULL);
            }
          ws = mcp_websocket_transport_new_with_session (url, session);
          if (token != NULL)
            mcp_websocket_transport_set_auth_token (ws, token);
          app.transport = MCP_TRANSPORT (ws);
        }
    }

  app.loop = g_main_loop_new (NULL, FALSE);
  app.client = mcp_client_new ("mcp-cli", MCP_VERSION_S);
  mcp_client_set_request_timeout (app.client, (guint) timeout_s * 1000);
  /* NULL: the client detects the era (server/discover, else initialize). */
  mcp_client_set_requested_protocol_version (app.client, protocol_version);
  if (app.verbose)
    g_signal_connect (app.client, "log-message", G_CALLBACK (on_log_message), &app);

  app.connect_cancellable = g_cancellable_new ();
  if (timeout_s > 0)
    app.connect_timeout_id = g_timeout_add_seconds ((guint) timeout_s, connect_timeout_cb, &app);
  mcp_client_connect_async (app.client, app.transport, app.connect_cancellable, connected_cb, &app);
  g_main_loop_run (app.loop);

  g_clear_handle_id (&app.connect_timeout_id, g_source_remove);
  g_clear_object (&app.connect_cancellable);

  g_clear_object (&app.client);
  g_clear_object (&app.transport);
  g_clear_pointer (&app.loop, g_main_loop_unref);
  g_clear_pointer (&app.arguments, json_node_unref);
  g_strfreev (app.args);

  return app.status;
}
