/* everything-server.c: an MCP server exposing every feature mcp-glib has,
 * including the fixtures of the official conformance suite.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Run it from an MCP host as `mcp-everything-server` (stdio), or as
 * `mcp-everything-server --http 127.0.0.1:8080` for Streamable HTTP at /mcp
 * and the legacy HTTP+SSE transport at /sse, and/or with
 * `--ws 127.0.0.1:8765` for WebSocket clients at ws://127.0.0.1:8765/ (one
 * McpServer serves every transport). Port 0 picks a free port; each
 * listener prints its URL on standard error once it listens.
 */

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#ifdef __linux__
# include <sys/prctl.h>
#endif

#include <glib-unix.h>

#include <mcp-glib/mcp-glib.h>

/* A 1×1 red PNG. */
static const char red_pixel_png[] =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

static GMainLoop *main_loop;
static int exit_status = EXIT_SUCCESS;

static GBytes *
decode (const char *base64)
{
  gsize length = 0;
  guchar *data = g_base64_decode (base64, &length);

  return g_bytes_new_take (data, length);
}

/* A short WAV file: 8 kHz mono 16-bit, 0.1 s of a 440 Hz tone. */
static GBytes *
make_wav (void)
{
  const guint32 rate = 8000;
  const guint32 samples = rate / 10;
  const guint32 data_size = samples * 2;
  GByteArray *wav = g_byte_array_sized_new (44 + data_size);
  guint32 u32;
  guint16 u16;

#define PUT(bytes, n) g_byte_array_append (wav, (const guint8 *) (bytes), (n))
#define PUT32(v) (u32 = GUINT32_TO_LE (v), PUT (&u32, 4))
#define PUT16(v) (u16 = GUINT16_TO_LE (v), PUT (&u16, 2))
  PUT ("RIFF", 4); PUT32 (36 + data_size); PUT ("WAVE", 4);
  PUT ("fmt ", 4); PUT32 (16); PUT16 (1); PUT16 (1); PUT32 (rate); PUT32 (rate * 2);
  PUT16 (2); PUT16 (16);
  PUT ("data", 4); PUT32 (data_size);
  for (guint32 i = 0; i < samples; i++)
    {
      gint16 sample = (gint16) (8000 * sin (2 * G_PI * 440 * i / rate));

      PUT16 ((guint16) sample);
    }
#undef PUT16
#undef PUT32
#undef PUT

  return g_byte_array_free_to_bytes (wav);
}

static McpTool *
new_tool (const char *name,
          const char *description,
          const char *input_schema)
{
  McpTool *tool = mcp_tool_new (name, description);
  g_autoptr(GError) error = NULL;

  if (input_schema != NULL && !mcp_tool_set_input_schema_json (tool, input_schema, &error))
    g_error ("Bad schema for %s: %s", name, error->message);

  return tool;
}

/* Tools --------------------------------------------------------------------- */

static void
tool_echo (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  g_autofree char *text = g_strconcat ("Echo: ", mcp_tool_call_get_string (call, "message", ""),
                                       NULL);

  mcp_tool_call_return_text (call, text);
}

/* Needs the permission "admin": says who called. */
static void
tool_admin_echo (McpServer   *server,
                 McpToolCall *call,
                 gpointer     user_data)
{
  McpAuthInfo *info = mcp_tool_call_get_auth_info (call);
  g_autofree char *text = g_strdup_printf ("Admin echo (%s): %s",
                                           info != NULL ? mcp_auth_info_get_principal (info) : "?",
                                           mcp_tool_call_get_string (call, "message", ""));

  mcp_tool_call_return_text (call, text);
}

static void
tool_add (McpServer   *server,
          McpToolCall *call,
          gpointer     user_data)
{
  gdouble sum = mcp_tool_call_get_double (call, "a", 0) + mcp_tool_call_get_double (call, "b", 0);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(McpToolResult) result = NULL;
  g_autoptr(JsonNode) structured = NULL;
  JsonObject *object = json_object_new ();

  /* 2 + 3 prints as "5", not "5.0". */
  if (sum == floor (sum) && fabs (sum) < 1e15)
    g_snprintf (buffer, sizeof buffer, "%.0f", sum);
  else
    g_ascii_dtostr (buffer, sizeof buffer, sum);

  result = mcp_tool_result_new_text (buffer);
  if (sum == floor (sum) && fabs (sum) < 1e15)
    json_object_set_int_member (object, "sum", (gint64) sum);
  else
    json_object_set_double_member (object, "sum", sum);
  structured = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  mcp_tool_result_set_structured_content (result, structured);
  mcp_tool_call_return_result (call, result);
}

static void
tool_simple_text (McpServer   *server,
                  McpToolCall *call,
                  gpointer     user_data)
{
  mcp_tool_call_return_text (call, "This is a simple text response for testing.");
}

static void
tool_image (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();
  g_autoptr(GBytes) png = decode (red_pixel_png);

  mcp_tool_result_add_image (result, png, "image/png");
  mcp_tool_call_return_result (call, result);
}

static void
tool_audio (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();
  g_autoptr(GBytes) wav = make_wav ();

  mcp_tool_result_add_audio (result, wav, "audio/wav");
  mcp_tool_call_return_result (call, result);
}

static void
tool_embedded_resource (McpServer   *server,
                        McpToolCall *call,
                        gpointer     user_data)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();

  mcp_tool_result_add_embedded_text (result, "test://embedded-resource", "text/plain",
                                     "This is an embedded resource content.");
  mcp_tool_call_return_result (call, result);
}

static void
tool_multiple_content_types (McpServer   *server,
                             McpToolCall *call,
                             gpointer     user_data)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();
  g_autoptr(GBytes) png = decode (red_pixel_png);

  mcp_tool_result_add_text (result, "Multiple content types test:");
  mcp_tool_result_add_image (result, png, "image/png");
  mcp_tool_result_add_embedded_text (result, "test://mixed-content-resource", "application/json",
                                     "{\"test\":\"data\",\"value\":123}");
  mcp_tool_call_return_result (call, result);
}

static void
tool_error_handling (McpServer   *server,
                     McpToolCall *call,
                     gpointer     user_data)
{
  mcp_tool_call_return_error (call, "This tool intentionally returns an error for testing");
}

/* Steps run 50 ms apart on the main loop; the call is completed from a timer,
 * as any asynchronous handler would. */
typedef struct
{
  McpToolCall *call;
  guint        step;
  gulong       cancelled_id;
} Steps;

static void
steps_free (Steps *steps)
{
  if (steps->cancelled_id != 0)
    g_cancellable_disconnect (mcp_tool_call_get_cancellable (steps->call), steps->cancelled_id);
  g_clear_object (&steps->call);
  g_free (steps);
}

static gboolean
logging_step (gpointer user_data)
{
  Steps *steps = user_data;
  static const char * const messages[] = {
    "Tool execution started",
    "Tool processing data",
    "Tool execution completed",
  };
  g_autoptr(JsonNode) data = json_node_init_string (json_node_alloc (), messages[steps->step]);

  mcp_tool_call_log (steps->call, MCP_LOGGING_LEVEL_INFO, "everything-server", data);

  if (++steps->step < G_N_ELEMENTS (messages))
    return G_SOURCE_CONTINUE;

  mcp_tool_call_return_text (steps->call, "Tool with logging executed successfully");
  return G_SOURCE_REMOVE;
}

static void
tool_with_logging (McpServer   *server,
                   McpToolCall *call,
                   gpointer     user_data)
{
  Steps *steps = g_new0 (Steps, 1);

  steps->call = g_object_ref (call);
  logging_step (steps);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 50, logging_step, steps, (GDestroyNotify) steps_free);
}

static gboolean
progress_step (gpointer user_data)
{
  Steps *steps = user_data;

  if (mcp_tool_call_is_cancelled (steps->call))
    return G_SOURCE_REMOVE;

  mcp_tool_call_send_progress (steps->call, steps->step * 50, 100, NULL);

  if (++steps->step <= 2)
    return G_SOURCE_CONTINUE;

  mcp_tool_call_return_text (steps->call, "Tool with progress completed");
  return G_SOURCE_REMOVE;
}

static void
tool_with_progress (McpServer   *server,
                    McpToolCall *call,
                    gpointer     user_data)
{
  Steps *steps = g_new0 (Steps, 1);

  steps->call = g_object_ref (call);
  progress_step (steps);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 50, progress_step, steps, (GDestroyNotify) steps_free);
}

/* Answers after `ms` milliseconds, or never if the client cancels first:
 * for testing timeouts, cancellation and many calls in flight. */
typedef struct
{
  McpToolCall *call;
  guint        timeout_id;
  gulong       cancelled_id;
} Delay;

static void
delay_free (Delay *delay)
{
  if (delay->cancelled_id != 0)
    g_cancellable_disconnect (mcp_tool_call_get_cancellable (delay->call), delay->cancelled_id);
  g_clear_handle_id (&delay->timeout_id, g_source_remove);
  g_clear_object (&delay->call);
  g_free (delay);
}

static gboolean
delay_done (gpointer user_data)
{
  Delay *delay = user_data;

  delay->timeout_id = 0;
  mcp_tool_call_return_text (delay->call, "done");
  delay_free (delay);
  return G_SOURCE_REMOVE;
}

static gboolean
delay_cancelled_idle (gpointer user_data)
{
  delay_free (user_data);
  return G_SOURCE_REMOVE;
}

static void
delay_cancelled (GCancellable *cancellable,
                 gpointer      user_data)
{
  Delay *delay = user_data;

  /* Not from inside the cancelled handler: it holds the cancellable's lock. */
  g_clear_handle_id (&delay->timeout_id, g_source_remove);
  g_idle_add (delay_cancelled_idle, delay);
}

static void
tool_delay (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  gint64 ms = mcp_tool_call_get_int (call, "ms", 0);
  Delay *delay = g_new0 (Delay, 1);

  delay->call = g_object_ref (call);
  delay->timeout_id = g_timeout_add ((guint) CLAMP (ms, 0, 600000), delay_done, delay);
  delay->cancelled_id = g_cancellable_connect (mcp_tool_call_get_cancellable (call),
                                               G_CALLBACK (delay_cancelled), delay, NULL);
}

/* Requests to the client: sampling, elicitation, roots ----------------------- */

static char *
to_json (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static JsonNode *
parse_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  if (node == NULL)
    g_error ("Bad JSON in the example: %s", error->message);

  return node;
}

static void
sampling_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *text = NULL;
  JsonNode *content;

  reply = mcp_tool_call_create_message_finish (call, result, &error);
  if (reply == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Sampling failed: %s", error->message);

      mcp_tool_call_return_error (call, message);
      return;
    }

  content = json_object_get_member (json_node_get_object (reply), "content");
  if (JSON_NODE_HOLDS_OBJECT (content) &&
      json_object_get_string_member_with_default (json_node_get_object (content), "text", NULL) != NULL)
    text = g_strdup_printf ("LLM response: %s",
                            json_object_get_string_member (json_node_get_object (content), "text"));
  else
    {
      g_autofree char *json = to_json (content);

      text = g_strdup_printf ("LLM response: %s", json);
    }

  mcp_tool_call_return_text (call, text);
}

static void
tool_sampling (McpServer   *server,
               McpToolCall *call,
               gpointer     user_data)
{
  g_autoptr(JsonNode) content = mcp_content_new_text (mcp_tool_call_get_string (call, "prompt", ""));
  g_autoptr(JsonNode) message = mcp_content_new_message (MCP_ROLE_USER, content);
  g_autoptr(JsonNode) messages = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  json_array_add_element (array, g_steal_pointer (&message));
  json_node_take_array (messages, array);

  mcp_tool_call_create_message_async (call, messages, NULL, 100, NULL, NULL, sampling_done, NULL);
}

/* Reports the user's answer as `<prefix>: action=…, content={…}`. */
static void
elicitation_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  const char *prefix = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  McpElicitationAction action;

  if (!mcp_tool_call_elicit_finish (call, result, &action, &content, &error))
    {
      g_autofree char *message = g_strdup_printf ("Elicitation failed: %s", error->message);

      mcp_tool_call_return_error (call, message);
      return;
    }

  json = content != NULL ? to_json (content) : g_strdup ("{}");
  text = g_strdup_printf ("%s: action=%s, content=%s", prefix,
                          mcp_elicitation_action_to_string (action), json);
  mcp_tool_call_return_text (call, text);
}

static void
tool_elicitation (McpServer   *server,
                  McpToolCall *call,
                  gpointer     user_data)
{
  g_autoptr(JsonNode) schema =
    parse_json ("{\"type\":\"object\",\"properties\":{"
                "\"username\":{\"type\":\"string\",\"description\":\"User's response\"},"
                "\"email\":{\"type\":\"string\",\"description\":\"User's email address\"}},"
                "\"required\":[\"username\",\"email\"]}");

  mcp_tool_call_elicit_async (call, mcp_tool_call_get_string (call, "message", "Who are you?"),
                              schema, NULL, elicitation_done, (gpointer) "User response");
}

static void
tool_elicitation_defaults (McpServer   *server,
                           McpToolCall *call,
                           gpointer     user_data)
{
  g_autoptr(JsonNode) schema =
    parse_json ("{\"type\":\"object\",\"properties\":{"
                "\"name\":{\"type\":\"string\",\"description\":\"User name\",\"default\":\"John Doe\"},"
                "\"age\":{\"type\":\"integer\",\"description\":\"User age\",\"default\":30},"
                "\"score\":{\"type\":\"number\",\"description\":\"User score\",\"default\":95.5},"
                "\"status\":{\"type\":\"string\",\"description\":\"User status\","
                "\"enum\":[\"active\",\"inactive\",\"pending\"],\"default\":\"active\"},"
                "\"verified\":{\"type\":\"boolean\",\"description\":\"Verification status\","
                "\"default\":true}},"
                "\"required\":[]}");

  mcp_tool_call_elicit_async (call, "Please review and update the form fields with defaults",
                              schema, NULL, elicitation_done, (gpointer) "Elicitation completed");
}

static void
tool_elicitation_enums (McpServer   *server,
                        McpToolCall *call,
                        gpointer     user_data)
{
  g_autoptr(JsonNode) schema =
    parse_json ("{\"type\":\"object\",\"properties\":{"
                "\"untitledSingle\":{\"type\":\"string\",\"description\":\"Pick one\","
                "\"enum\":[\"option1\",\"option2\",\"option3\"]},"
                "\"titledSingle\":{\"type\":\"string\",\"description\":\"Pick one\",\"oneOf\":["
                "{\"const\":\"value1\",\"title\":\"First Option\"},"
                "{\"const\":\"value2\",\"title\":\"Second Option\"},"
                "{\"const\":\"value3\",\"title\":\"Third Option\"}]},"
                "\"legacyEnum\":{\"type\":\"string\",\"description\":\"Pick one\","
                "\"enum\":[\"opt1\",\"opt2\",\"opt3\"],"
                "\"enumNames\":[\"Option One\",\"Option Two\",\"Option Three\"]},"
                "\"untitledMulti\":{\"type\":\"array\",\"description\":\"Pick some\","
                "\"minItems\":1,\"maxItems\":3,"
                "\"items\":{\"type\":\"string\",\"enum\":[\"option1\",\"option2\",\"option3\"]}},"
                "\"titledMulti\":{\"type\":\"array\",\"description\":\"Pick some\","
                "\"items\":{\"anyOf\":["
                "{\"const\":\"value1\",\"title\":\"First Choice\"},"
                "{\"const\":\"value2\",\"title\":\"Second Choice\"},"
                "{\"const\":\"value3\",\"title\":\"Third Choice\"}]}}},"
                "\"required\":[]}");

  mcp_tool_call_elicit_async (call, "Please choose from the enum fields", schema, NULL,
                              elicitation_done, (gpointer) "Elicitation completed");
}

static void
url_elicitation_done (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autofree char *elicitation_id = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  McpElicitationAction action;

  if (!mcp_tool_call_elicit_url_finish (call, result, &action, &error))
    {
      g_autofree char *message = g_strdup_printf ("URL elicitation failed: %s", error->message);

      mcp_tool_call_return_error (call, message);
      return;
    }

  /* Nothing happens out of band here: the interaction is over at once. */
  if (action == MCP_ELICITATION_ACTION_ACCEPT)
    mcp_server_session_notify_elicitation_complete (mcp_tool_call_get_session (call),
                                                    elicitation_id);

  text = g_strdup_printf ("URL elicitation: action=%s", mcp_elicitation_action_to_string (action));
  mcp_tool_call_return_text (call, text);
}

static void
tool_elicit_url (McpServer   *server,
                 McpToolCall *call,
                 gpointer     user_data)
{
  static guint counter;
  char *elicitation_id = g_strdup_printf ("everything-%u", ++counter);

  mcp_tool_call_elicit_url_async (call, "Please confirm in your browser",
                                  mcp_tool_call_get_string (call, "url",
                                                            "https://example.com/confirm"),
                                  elicitation_id, NULL, url_elicitation_done, elicitation_id);
}

static void
roots_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GString) text = g_string_new ("Roots:");

  roots = mcp_tool_call_list_roots_finish (call, result, &error);
  if (roots == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Listing roots failed: %s", error->message);

      mcp_tool_call_return_error (call, message);
      return;
    }

  for (guint i = 0; i < roots->len; i++)
    g_string_append_printf (text, " %s", mcp_root_get_uri (g_ptr_array_index (roots, i)));

  mcp_tool_call_return_text (call, text->str);
}

static void
tool_list_roots (McpServer   *server,
                 McpToolCall *call,
                 gpointer     user_data)
{
  mcp_tool_call_list_roots_async (call, NULL, roots_done, NULL);
}

static void
tool_json_schema_2020_12 (McpServer   *server,
                          McpToolCall *call,
                          gpointer     user_data)
{
  g_autofree char *json = to_json (mcp_tool_call_get_arguments (call));
  g_autofree char *text = g_strdup_printf ("Received: %s", json);

  mcp_tool_call_return_text (call, text);
}

/* Its region travels in an Mcp-Param-Region header too, on HTTP of the
 * 2026-07-28 era; the server checks that the two agree. */
static void
tool_header_param (McpServer   *server,
                   McpToolCall *call,
                   gpointer     user_data)
{
  g_autofree char *text = g_strdup_printf ("Region: %s",
                                           mcp_tool_call_get_string (call, "region", ""));

  mcp_tool_call_return_text (call, text);
}

static void
tool_notify_resource_updated (McpServer   *server,
                              McpToolCall *call,
                              gpointer     user_data)
{
  const char *uri = mcp_tool_call_get_string (call, "uri", "test://watched-resource");
  g_autofree char *text = g_strdup_printf ("Subscribers of %s were notified", uri);

  mcp_server_notify_resource_updated (server, uri);
  mcp_tool_call_return_text (call, text);
}

/* Input rounds (2026-07-28) ---------------------------------------------------
 *
 * The same calls as above. On a session of an earlier revision they send
 * requests to the client; on a request of the 2026-07-28 era the library
 * answers with an InputRequiredResult instead and runs the handler again
 * when the client retries with the answers. The keys named here are those
 * the conformance suite expects in `inputRequests`.
 */

static JsonNode *
name_schema (const char *property,
             const char *type)
{
  g_autofree char *json =
    g_strdup_printf ("{\"type\":\"object\",\"properties\":{\"%s\":{\"type\":\"%s\"}},"
                     "\"required\":[\"%s\"]}", property, type, property);

  return parse_json (json);
}

static JsonNode *
one_user_message (const char *text)
{
  g_autoptr(JsonNode) content = mcp_content_new_text (text);
  g_autoptr(JsonNode) message = mcp_content_new_message (MCP_ROLE_USER, content);
  JsonNode *messages = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  json_array_add_element (array, g_steal_pointer (&message));
  json_node_take_array (messages, array);
  return messages;
}

/* The call waits for input: on the modern era it runs again later, and
 * what it would reply now is dropped anyway. */
static gboolean
input_pending (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The accepted form's @property as a string, or NULL. */
static char *
accepted_value (McpElicitationAction  action,
                JsonNode             *content,
                const char           *property)
{
  JsonNode *member;

  if (action != MCP_ELICITATION_ACTION_ACCEPT || content == NULL || !JSON_NODE_HOLDS_OBJECT (content))
    return NULL;

  member = json_object_get_member (json_node_get_object (content), property);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member))
    return NULL;
  if (json_node_get_value_type (member) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (member));

  return to_json (member);
}

static char *
sampled_text (JsonNode *reply)
{
  JsonNode *content = json_object_get_member (json_node_get_object (reply), "content");

  if (content != NULL && JSON_NODE_HOLDS_OBJECT (content) &&
      json_object_get_string_member_with_default (json_node_get_object (content), "text", NULL) != NULL)
    return g_strdup (json_object_get_string_member (json_node_get_object (content), "text"));

  return content != NULL ? to_json (content) : g_strdup ("");
}

static void
greeting_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  McpElicitationAction action;

  if (!mcp_tool_call_elicit_finish (call, result, &action, &content, &error))
    {
      if (!input_pending (error))
        mcp_tool_call_return_gerror (call, error);
      return;
    }

  name = accepted_value (action, content, "name");
  text = g_strdup_printf ("Hello, %s!", name != NULL ? name : "stranger");
  mcp_tool_call_return_text (call, text);
}

static void
tool_input_elicitation (McpServer   *server,
                        McpToolCall *call,
                        gpointer     user_data)
{
  g_autoptr(JsonNode) schema = name_schema ("name", "string");

  mcp_tool_call_set_next_input_key (call, "user_name");
  mcp_tool_call_elicit_async (call, "What is your name?", schema, NULL, greeting_done, NULL);
}

static void
capital_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *text = NULL;

  reply = mcp_tool_call_create_message_finish (call, result, &error);
  if (reply == NULL)
    {
      if (!input_pending (error))
        mcp_tool_call_return_gerror (call, error);
      return;
    }

  answer = sampled_text (reply);
  text = g_strdup_printf ("The model says: %s", answer);
  mcp_tool_call_return_text (call, text);
}

static void
tool_input_sampling (McpServer   *server,
                     McpToolCall *call,
                     gpointer     user_data)
{
  g_autoptr(JsonNode) messages = one_user_message ("What is the capital of France?");

  mcp_tool_call_set_next_input_key (call, "capital_question");
  mcp_tool_call_create_message_async (call, messages, NULL, 100, NULL, NULL, capital_done, NULL);
}

static void
input_roots_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GString) text = g_string_new ("Roots:");

  roots = mcp_tool_call_list_roots_finish (call, result, &error);
  if (roots == NULL)
    {
      if (!input_pending (error))
        mcp_tool_call_return_gerror (call, error);
      return;
    }

  for (guint i = 0; i < roots->len; i++)
    g_string_append_printf (text, " %s", mcp_root_get_uri (g_ptr_array_index (roots, i)));
  mcp_tool_call_return_text (call, text->str);
}

static void
tool_input_list_roots (McpServer   *server,
                       McpToolCall *call,
                       gpointer     user_data)
{
  mcp_tool_call_set_next_input_key (call, "client_roots");
  mcp_tool_call_list_roots_async (call, NULL, input_roots_done, NULL);
}

/* The library refuses a requestState that it did not seal, that was
 * altered or that belongs to other arguments before the handler sees the
 * answers it carries: a retry that reaches here with one passed. */
static void
confirm_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  JsonObject *params = json_node_get_object (mcp_request_get_params (mcp_tool_call_get_request (call)));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autofree char *ok = NULL;
  g_autofree char *text = NULL;
  McpElicitationAction action;

  if (!mcp_tool_call_elicit_finish (call, result, &action, &content, &error))
    {
      if (!input_pending (error))
        mcp_tool_call_return_gerror (call, error);
      return;
    }

  ok = accepted_value (action, content, "ok");
  text = g_strdup_printf ("%s: confirmed=%s",
                          json_object_has_member (params, "requestState")
                          ? "state-ok" : "no requestState",
                          ok != NULL ? ok : "no");
  mcp_tool_call_return_text (call, text);
}

static void
tool_input_confirm (McpServer   *server,
                    McpToolCall *call,
                    gpointer     user_data)
{
  g_autoptr(JsonNode) schema = name_schema ("ok", "boolean");

  mcp_tool_call_set_next_input_key (call, "confirm");
  mcp_tool_call_elicit_async (call, "Please confirm", schema, NULL, confirm_done, NULL);
}

/* Several requests for input at once; the call answers when all are in. */
typedef struct
{
  McpToolCall *call;
  guint        pending;
  gboolean     over;
  GString     *text;
} Gather;

static void
gather_unref (Gather *gather)
{
  if (--gather->pending > 0)
    return;

  if (!gather->over)
    mcp_tool_call_return_text (gather->call, gather->text->str);
  g_string_free (gather->text, TRUE);
  g_object_unref (gather->call);
  g_free (gather);
}

static gboolean
gather_failed (Gather       *gather,
               const GError *error)
{
  if (error == NULL)
    return FALSE;

  if (!gather->over && !input_pending (error))
    mcp_tool_call_return_gerror (gather->call, error);
  gather->over = TRUE;
  return TRUE;
}

static void
gather_elicit_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Gather *gather = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autofree char *name = NULL;
  McpElicitationAction action;

  if (mcp_tool_call_elicit_finish (gather->call, result, &action, &content, &error) ||
      !gather_failed (gather, error))
    {
      name = accepted_value (action, content, "name");
      g_string_append_printf (gather->text, " name=%s;", name != NULL ? name : "(declined)");
    }
  gather_unref (gather);
}

static void
gather_sampling_done (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Gather *gather = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = mcp_tool_call_create_message_finish (gather->call, result, &error);

  if (reply != NULL || !gather_failed (gather, error))
    {
      g_autofree char *text = sampled_text (reply);

      g_string_append_printf (gather->text, " model=%s;", text);
    }
  gather_unref (gather);
}

static void
gather_roots_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Gather *gather = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = mcp_tool_call_list_roots_finish (gather->call, result, &error);

  if (roots != NULL || !gather_failed (gather, error))
    {
      g_string_append (gather->text, " roots=");
      for (guint i = 0; i < roots->len; i++)
        g_string_append_printf (gather->text, "%s%s", i > 0 ? "," : "",
                                mcp_root_get_uri (g_ptr_array_index (roots, i)));
      g_string_append_c (gather->text, ';');
    }
  gather_unref (gather);
}

/* Asks for a name, a model's greeting and the roots, each only if the
 * client can answer it (all three when @all). */
static void
gather_inputs (McpToolCall *call,
               const char  *greeting_prompt,
               guint        greeting_tokens,
               gboolean     all)
{
  Gather *gather = g_new0 (Gather, 1);

  gather->call = g_object_ref (call);
  gather->text = g_string_new ("Inputs:");
  /* One reference for this function, so that answers that come at once
   * do not complete the call before every request is made. */
  gather->pending = 1;

  if (all || mcp_tool_call_client_has_capability (call, "elicitation"))
    {
      g_autoptr(JsonNode) schema = name_schema ("name", "string");

      gather->pending++;
      mcp_tool_call_set_next_input_key (call, "user_name");
      mcp_tool_call_elicit_async (call, "What is your name?", schema, NULL, gather_elicit_done,
                                  gather);
    }

  if (all || mcp_tool_call_client_has_capability (call, "sampling"))
    {
      g_autoptr(JsonNode) messages = one_user_message (greeting_prompt);

      gather->pending++;
      mcp_tool_call_set_next_input_key (call, "greeting");
      mcp_tool_call_create_message_async (call, messages, NULL, greeting_tokens, NULL, NULL,
                                          gather_sampling_done, gather);
    }

  if (all || mcp_tool_call_client_has_capability (call, "roots"))
    {
      gather->pending++;
      mcp_tool_call_set_next_input_key (call, "client_roots");
      mcp_tool_call_list_roots_async (call, NULL, gather_roots_done, gather);
    }

  gather_unref (gather);
}

static void
tool_input_multiple (McpServer   *server,
                     McpToolCall *call,
                     gpointer     user_data)
{
  gather_inputs (call, "Generate a greeting", 50, TRUE);
}

static void
tool_input_capabilities (McpServer   *server,
                         McpToolCall *call,
                         gpointer     user_data)
{
  gather_inputs (call, "Generate a greeting", 50, FALSE);
}

/* Two questions, the second asked once the first is answered: two rounds
 * on the modern era, the first answer travelling in the requestState. */
static void
colour_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autofree char *name = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autofree char *colour = NULL;
  g_autofree char *text = NULL;
  McpElicitationAction action;

  if (!mcp_tool_call_elicit_finish (call, result, &action, &content, &error))
    {
      if (!input_pending (error))
        mcp_tool_call_return_gerror (call, error);
      return;
    }

  colour = accepted_value (action, content, "color");
  text = g_strdup_printf ("%s's favorite color is %s", name,
                          colour != NULL ? colour : "a secret");
  mcp_tool_call_return_text (call, text);
}

static void
step_one_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  McpToolCall *call = MCP_TOOL_CALL (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autoptr(JsonNode) schema = NULL;
  char *name;
  McpElicitationAction action;

  if (!mcp_tool_call_elicit_finish (call, result, &action, &content, &error))
    {
      if (!input_pending (error))
        mcp_tool_call_return_gerror (call, error);
      return;
    }

  name = accepted_value (action, content, "name");
  if (name == NULL)
    name = g_strdup ("Someone");
  schema = name_schema ("color", "string");
  mcp_tool_call_set_next_input_key (call, "step2");
  mcp_tool_call_elicit_async (call, "Step 2: What is your favorite color?", schema, NULL,
                              colour_done, name);
}

static void
tool_input_multi_round (McpServer   *server,
                        McpToolCall *call,
                        gpointer     user_data)
{
  g_autoptr(JsonNode) schema = name_schema ("name", "string");

  mcp_tool_call_set_next_input_key (call, "step1");
  mcp_tool_call_elicit_async (call, "Step 1: What is your name?", schema, NULL, step_one_done,
                              NULL);
}

/* Fixtures of the 2026-07-28 requirements: a request that needs a
 * capability the client may not have declared, one that asks for input on
 * its response stream, and list changes on demand. */
static void
tool_missing_capability (McpServer   *server,
                         McpToolCall *call,
                         gpointer     user_data)
{
  g_autoptr(JsonNode) messages = one_user_message ("Say hello");

  /* Without the sampling capability this fails the call with -32021. */
  mcp_tool_call_create_message_async (call, messages, NULL, 20, NULL, NULL, capital_done, NULL);
}

static void
tool_streaming_elicitation (McpServer   *server,
                            McpToolCall *call,
                            gpointer     user_data)
{
  g_autoptr(JsonNode) schema = name_schema ("value", "string");

  mcp_tool_call_send_progress (call, 0, 1, "Waiting for the user");
  mcp_tool_call_elicit_async (call, "Please enter a value", schema, NULL, elicitation_done,
                              (gpointer) "User response");
}

static void
dynamic_tool (McpServer   *server,
              McpToolCall *call,
              gpointer     user_data)
{
  mcp_tool_call_return_text (call, "This tool comes and goes");
}

static void
tool_trigger_tool_change (McpServer   *server,
                          McpToolCall *call,
                          gpointer     user_data)
{
  gboolean removed = mcp_server_remove_tool (server, "test_dynamic_tool");

  if (!removed)
    {
      g_autoptr(McpTool) tool = new_tool ("test_dynamic_tool", "Added by test_trigger_tool_change",
                                          NULL);

      mcp_server_add_tool (server, tool, dynamic_tool, NULL, NULL);
    }

  mcp_tool_call_return_text (call, removed ? "Removed test_dynamic_tool"
                                           : "Added test_dynamic_tool");
}

static void
dynamic_prompt (McpServer        *server,
                McpPromptRequest *request,
                gpointer          user_data)
{
  mcp_prompt_request_return_text (request, "This prompt comes and goes");
}

static void
tool_trigger_prompt_change (McpServer   *server,
                            McpToolCall *call,
                            gpointer     user_data)
{
  gboolean removed = mcp_server_remove_prompt (server, "test_dynamic_prompt");

  if (!removed)
    {
      g_autoptr(McpPrompt) prompt = mcp_prompt_new ("test_dynamic_prompt",
                                                    "Added by test_trigger_prompt_change");

      mcp_server_add_prompt (server, prompt, dynamic_prompt, NULL, NULL);
    }

  mcp_tool_call_return_text (call, removed ? "Removed test_dynamic_prompt"
                                           : "Added test_dynamic_prompt");
}

/* Resources ------------------------------------------------------------------- */

static void
read_template (McpServer       *server,
               McpResourceRead *read,
               gpointer         user_data)
{
  const char *id = mcp_resource_read_get_variable (read, "id");
  g_autofree char *data = g_strdup_printf ("Data for ID: %s", id);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", id);
  json_object_set_boolean_member (object, "templateTest", TRUE);
  json_object_set_string_member (object, "data", data);
  json_node_take_object (node, object);
  text = to_json (node);

  mcp_resource_read_return_text (read, "application/json", text);
}

static void
register_resources (McpServer *server)
{
  g_autoptr(McpResource) text = mcp_resource_new ("test://static-text", "static-text");
  g_autoptr(McpResource) binary = mcp_resource_new ("test://static-binary", "static-binary");
  g_autoptr(McpResource) watched = mcp_resource_new ("test://watched-resource", "watched-resource");
  g_autoptr(McpResourceTemplate) template =
    mcp_resource_template_new ("test://template/{id}/data", "template");
  g_autoptr(GBytes) png = decode (red_pixel_png);

  mcp_resource_set_title (text, "Static Text Resource");
  mcp_resource_set_description (text, "A static text resource for testing");
  mcp_resource_set_mime_type (text, "text/plain");
  mcp_server_add_text_resource (server, text, "This is the content of the static text resource.");

  mcp_resource_set_title (binary, "Static Binary Resource");
  mcp_resource_set_description (binary, "A static binary resource (a 1x1 red pixel PNG)");
  mcp_resource_set_mime_type (binary, "image/png");
  mcp_server_add_blob_resource (server, binary, png);

  mcp_resource_set_title (watched, "Watched Resource");
  mcp_resource_set_description (watched, "A resource to subscribe to; the "
                                "notify_resource_updated tool announces changes");
  mcp_resource_set_mime_type (watched, "text/plain");
  mcp_server_add_text_resource (server, watched, "Watched resource content");

  mcp_resource_template_set_title (template, "Template Resource");
  mcp_resource_template_set_description (template, "A resource template with an id variable");
  mcp_resource_template_set_mime_type (template, "application/json");
  mcp_server_add_resource_template (server, template, read_template, NULL, NULL);
}

/* Prompts --------------------------------------------------------------------- */

static void
prompt_simple (McpServer        *server,
               McpPromptRequest *request,
               gpointer          user_data)
{
  mcp_prompt_request_return_text (request, "This is a simple prompt for testing.");
}

static void
prompt_with_arguments (McpServer        *server,
                       McpPromptRequest *request,
                       gpointer          user_data)
{
  g_autofree char *text =
    g_strdup_printf ("Prompt with arguments: arg1='%s', arg2='%s'",
                     mcp_prompt_request_get_argument (request, "arg1"),
                     mcp_prompt_request_get_argument (request, "arg2"));

  mcp_prompt_request_return_text (request, text);
}

static void
prompt_with_embedded_resource (McpServer        *server,
                               McpPromptRequest *request,
                               gpointer          user_data)
{
  g_autoptr(McpPromptResult) result = mcp_prompt_result_new (NULL);
  g_autoptr(JsonNode) resource =
    mcp_content_new_embedded_text (mcp_prompt_request_get_argument (request, "resourceUri"),
                                   "text/plain", "Embedded resource content for testing.");

  mcp_prompt_result_add_message (result, MCP_ROLE_USER, resource);
  mcp_prompt_result_add_text (result, MCP_ROLE_USER, "Please process the embedded resource above.");
  mcp_prompt_request_return_result (request, result);
}

static void
prompt_with_image (McpServer        *server,
                   McpPromptRequest *request,
                   gpointer          user_data)
{
  g_autoptr(McpPromptResult) result = mcp_prompt_result_new (NULL);
  g_autoptr(GBytes) png = decode (red_pixel_png);
  g_autoptr(JsonNode) image = mcp_content_new_image (png, "image/png");

  mcp_prompt_result_add_message (result, MCP_ROLE_USER, image);
  mcp_prompt_result_add_text (result, MCP_ROLE_USER, "Please analyze the image above.");
  mcp_prompt_request_return_result (request, result);
}

/* Input rounds work for prompts as for tools. */
static void
prompt_context_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  McpPromptRequest *request = MCP_PROMPT_REQUEST (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autofree char *context = NULL;
  g_autofree char *text = NULL;
  McpElicitationAction action;

  if (!mcp_prompt_request_elicit_finish (request, result, &action, &content, &error))
    {
      if (!input_pending (error))
        mcp_prompt_request_return_gerror (request, error);
      return;
    }

  context = accepted_value (action, content, "context");
  text = g_strdup_printf ("Answer with this context in mind: %s",
                          context != NULL ? context : "(none given)");
  mcp_prompt_request_return_text (request, text);
}

static void
prompt_input_required (McpServer        *server,
                       McpPromptRequest *request,
                       gpointer          user_data)
{
  g_autoptr(JsonNode) schema = name_schema ("context", "string");

  mcp_prompt_request_set_next_input_key (request, "user_context");
  mcp_prompt_request_elicit_async (request, "What context should the prompt use?", schema, NULL,
                                   prompt_context_done, NULL);
}

static void
register_prompts (McpServer *server)
{
  g_autoptr(McpPrompt) simple = mcp_prompt_new ("test_simple_prompt",
                                                "A simple prompt without arguments");
  g_autoptr(McpPrompt) arguments = mcp_prompt_new ("test_prompt_with_arguments",
                                                   "A prompt with two required arguments");
  g_autoptr(McpPrompt) embedded = mcp_prompt_new ("test_prompt_with_embedded_resource",
                                                  "A prompt that embeds a resource");
  g_autoptr(McpPrompt) image = mcp_prompt_new ("test_prompt_with_image",
                                               "A prompt that includes an image");
  g_autoptr(McpPrompt) input = mcp_prompt_new ("test_input_required_result_prompt",
                                               "A prompt that asks the user for its context");

  mcp_prompt_set_title (simple, "Simple Prompt");
  mcp_server_add_prompt (server, simple, prompt_simple, NULL, NULL);

  mcp_prompt_set_title (arguments, "Prompt With Arguments");
  mcp_prompt_add_argument (arguments, "arg1", "First test argument", TRUE);
  mcp_prompt_add_argument (arguments, "arg2", "Second test argument", TRUE);
  mcp_server_add_prompt (server, arguments, prompt_with_arguments, NULL, NULL);

  mcp_prompt_set_title (embedded, "Prompt With Embedded Resource");
  mcp_prompt_add_argument (embedded, "resourceUri", "The URI of the resource to embed", TRUE);
  mcp_server_add_prompt (server, embedded, prompt_with_embedded_resource, NULL, NULL);

  mcp_prompt_set_title (image, "Prompt With Image");
  mcp_server_add_prompt (server, image, prompt_with_image, NULL, NULL);

  mcp_prompt_set_title (input, "Prompt Needing Input");
  mcp_server_add_prompt (server, input, prompt_input_required, NULL, NULL);
}

/* Completion ------------------------------------------------------------------ */

static void
complete (McpServer            *server,
          McpCompletionRequest *request,
          gpointer              user_data)
{
  static const char * const arg1_values[] = { "alpha", "alpine", "beta", "gamma", NULL };
  static const char * const arg2_values[] = { "one", "two", "three", NULL };
  static const char * const id_values[] = { "1", "2", "3", "123", NULL };
  const char * const *candidates = NULL;
  const char *name = mcp_completion_request_get_argument_name (request);
  const char *prefix = mcp_completion_request_get_argument_value (request);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();

  if (mcp_completion_request_get_ref_type (request) == MCP_COMPLETION_REF_PROMPT &&
      g_str_equal (mcp_completion_request_get_ref (request), "test_prompt_with_arguments"))
    candidates = g_str_equal (name, "arg1") ? arg1_values : arg2_values;
  else if (mcp_completion_request_get_ref_type (request) == MCP_COMPLETION_REF_RESOURCE &&
           g_str_equal (name, "id"))
    candidates = id_values;

  for (guint i = 0; candidates != NULL && candidates[i] != NULL; i++)
    {
      if (g_str_has_prefix (candidates[i], prefix))
        g_ptr_array_add (matches, (gpointer) candidates[i]);
    }
  g_ptr_array_add (matches, NULL);

  mcp_completion_request_return_values (request, (const char * const *) matches->pdata,
                                        matches->len - 1, FALSE);
}

static void
register_completion (McpServer *server)
{
  mcp_server_set_completion_handler (server, complete, NULL, NULL);
}

/* SSE polling (SEP-1699): the tool lets go of its HTTP connection, then
 * answers; the client gets the answer by resuming the stream. */
static gboolean
reconnection_done (gpointer user_data)
{
  McpToolCall *call = user_data;

  mcp_tool_call_return_text (call,
                             "Reconnection test completed successfully. If you received this, "
                             "the client properly reconnected after stream closure.");
  g_object_unref (call);
  return G_SOURCE_REMOVE;
}

static void
tool_reconnection (McpServer   *server,
                   McpToolCall *call,
                   gpointer     user_data)
{
  mcp_request_close_stream (mcp_tool_call_get_request (call));
  g_timeout_add (100, reconnection_done, g_object_ref (call));
}

static void
register_tools (McpServer *server)
{
  static const struct {
    const char     *name;
    const char     *description;
    const char     *schema;
    McpToolHandler  handler;
  } tools[] = {
    { "echo", "Echoes back the message it is given",
      "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\","
      "\"description\":\"The message to echo\"}},\"required\":[\"message\"]}",
      tool_echo },
    { "admin_echo", "Echoes back the message and the caller; needs the permission admin",
      "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\","
      "\"description\":\"The message to echo\"}},\"required\":[\"message\"]}",
      tool_admin_echo },
    { "add", "Adds two numbers",
      "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\",\"description\":\"First number\"},"
      "\"b\":{\"type\":\"number\",\"description\":\"Second number\"}},\"required\":[\"a\",\"b\"]}",
      tool_add },
    { "test_simple_text", "Returns a simple text response", NULL, tool_simple_text },
    { "test_image_content", "Returns an image (a 1x1 red pixel PNG)", NULL, tool_image },
    { "test_audio_content", "Returns a short WAV audio clip", NULL, tool_audio },
    { "test_embedded_resource", "Returns an embedded text resource", NULL,
      tool_embedded_resource },
    { "test_multiple_content_types", "Returns text, an image and an embedded resource", NULL,
      tool_multiple_content_types },
    { "test_tool_with_logging", "Sends three log messages while it runs", NULL,
      tool_with_logging },
    { "test_tool_with_progress", "Reports progress 0, 50 and 100 of 100 while it runs", NULL,
      tool_with_progress },
    { "test_error_handling", "Always fails with a tool error", NULL, tool_error_handling },
    { "test_reconnection", "Closes its HTTP event stream, then answers on the resumed stream",
      NULL, tool_reconnection },
    { "delay", "Answers after the given number of milliseconds; can be cancelled",
      "{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\",\"minimum\":0,"
      "\"maximum\":600000}},\"required\":[\"ms\"]}",
      tool_delay },
    { "test_sampling", "Asks the client's LLM to answer a prompt (sampling)",
      "{\"type\":\"object\",\"properties\":{\"prompt\":{\"type\":\"string\","
      "\"description\":\"The prompt to send to the LLM\"}},\"required\":[\"prompt\"]}",
      tool_sampling },
    { "test_elicitation", "Asks the user for a username and an email address (form elicitation)",
      "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\","
      "\"description\":\"The message to show the user\"}},\"required\":[\"message\"]}",
      tool_elicitation },
    { "test_elicitation_sep1034_defaults",
      "Asks the user for a form whose fields all have defaults (SEP-1034)", NULL,
      tool_elicitation_defaults },
    { "test_elicitation_sep1330_enums",
      "Asks the user for a form with every kind of enum field (SEP-1330)", NULL,
      tool_elicitation_enums },
    { "json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features",
      "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
      "\"$defs\":{\"address\":{\"$anchor\":\"addressDef\",\"type\":\"object\",\"properties\":{"
      "\"street\":{\"type\":\"string\"},\"city\":{\"type\":\"string\"}}}},"
      "\"properties\":{\"name\":{\"type\":\"string\"},"
      "\"address\":{\"$ref\":\"#/$defs/address\"},"
      "\"contactMethod\":{\"type\":\"string\",\"enum\":[\"phone\",\"email\"]},"
      "\"phone\":{\"type\":\"string\"},\"email\":{\"type\":\"string\"}},"
      "\"allOf\":[{\"anyOf\":[{\"required\":[\"phone\"]},{\"required\":[\"email\"]}]}],"
      "\"if\":{\"properties\":{\"contactMethod\":{\"const\":\"phone\"}},"
      "\"required\":[\"contactMethod\"]},"
      "\"then\":{\"required\":[\"phone\"]},\"else\":{\"required\":[\"email\"]},"
      "\"additionalProperties\":false}",
      tool_json_schema_2020_12 },
    { "elicit_url", "Sends the user to a URL (URL elicitation)",
      "{\"type\":\"object\",\"properties\":{\"url\":{\"type\":\"string\","
      "\"description\":\"The URL to open\"}}}",
      tool_elicit_url },
    { "list_roots", "Lists the client's roots", NULL, tool_list_roots },
    { "test_header_param", "Echoes its region, which HTTP also carries in Mcp-Param-Region",
      "{\"type\":\"object\",\"properties\":{\"region\":{\"type\":\"string\","
      "\"description\":\"Where to run\",\"x-mcp-header\":\"Region\"}},"
      "\"required\":[\"region\"]}",
      tool_header_param },
    { "test_input_required_result_elicitation",
      "Asks the user's name (input key user_name) and greets them", NULL,
      tool_input_elicitation },
    { "test_input_required_result_sampling",
      "Asks the client's model the capital of France (input key capital_question)", NULL,
      tool_input_sampling },
    { "test_input_required_result_list_roots",
      "Lists the client's roots (input key client_roots)", NULL, tool_input_list_roots },
    { "test_input_required_result_request_state",
      "Asks for a confirmation; says state-ok when the retry carried the requestState", NULL,
      tool_input_confirm },
    { "test_input_required_result_tampered_state",
      "Asks for a confirmation; an altered requestState is refused", NULL, tool_input_confirm },
    { "test_input_required_result_multiple_inputs",
      "Asks for a name, a model's greeting and the roots at once", NULL, tool_input_multiple },
    { "test_input_required_result_multi_round",
      "Asks for a name, then for a favourite colour (two rounds)", NULL,
      tool_input_multi_round },
    { "test_input_required_result_capabilities",
      "Asks for a name, a greeting and the roots, each only if the client can answer it", NULL,
      tool_input_capabilities },
    { "test_missing_capability", "Needs sampling, whether the client declared it or not", NULL,
      tool_missing_capability },
    { "test_streaming_elicitation", "Reports progress, then asks the user for a value", NULL,
      tool_streaming_elicitation },
    { "test_logging_tool", "Sends three log messages while it runs", NULL, tool_with_logging },
    { "test_trigger_tool_change", "Adds test_dynamic_tool, or removes it if it is there", NULL,
      tool_trigger_tool_change },
    { "test_trigger_prompt_change", "Adds test_dynamic_prompt, or removes it if it is there",
      NULL, tool_trigger_prompt_change },
    { "notify_resource_updated", "Tells the subscribers of a resource that it changed",
      "{\"type\":\"object\",\"properties\":{\"uri\":{\"type\":\"string\","
      "\"description\":\"The resource URI (test://watched-resource by default)\"}}}",
      tool_notify_resource_updated },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autoptr(McpTool) tool = new_tool (tools[i].name, tools[i].description, tools[i].schema);

      if (tools[i].handler == tool_add)
        mcp_tool_set_output_schema_json (tool,
                                         "{\"type\":\"object\",\"properties\":{\"sum\":{\"type\":\"number\"}},"
                                         "\"required\":[\"sum\"]}",
                                         NULL);
      if (tools[i].handler == tool_echo || tools[i].handler == tool_add)
        mcp_tool_set_hint (tool, "readOnlyHint", TRUE);
      if (tools[i].handler == tool_admin_echo)
        mcp_tool_set_required_permission (tool, "admin");

      mcp_server_add_tool (server, tool, tools[i].handler, NULL, NULL);
    }
}

/* Main ---------------------------------------------------------------------- */

static void
on_session_removed (McpServer        *server,
                    McpServerSession *session,
                    gpointer          user_data)
{
  /* A stdio server lives as long as its one client. */
  if (mcp_server_get_n_sessions (server) == 0)
    g_main_loop_quit (main_loop);
}

static guint shutdown_grace_ms = 10000;
static gboolean shutting_down;

static void
shutdown_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mcp_server_shutdown_finish (MCP_SERVER (object), result, &error))
    g_printerr ("mcp-everything-server: shutdown: %s\n", error->message);
  g_main_loop_quit (main_loop);
}

/* SIGTERM, SIGINT: stop taking sessions (/ready answers 503), let the
 * calls in flight finish within --shutdown-grace, close every session,
 * exit 0. A second signal ends it at once. */
static gboolean
on_signal (gpointer user_data)
{
  McpServer *server = user_data;

  if (shutting_down)
    {
      g_main_loop_quit (main_loop);
      return G_SOURCE_CONTINUE;
    }

  shutting_down = TRUE;
  g_printerr ("mcp-everything-server: shutting down (%u ms for the calls in flight)\n",
              shutdown_grace_ms);
  mcp_server_shutdown_async (server, shutdown_grace_ms, NULL, shutdown_done_cb, NULL);
  return G_SOURCE_CONTINUE;
}

/* Every option can come from the environment too, as a container sets it:
 * --http-max-sessions-per-address from MCP_HTTP_MAX_SESSIONS_PER_ADDRESS,
 * and so on. A flag on the command line wins; a repeatable option takes
 * its values separated by spaces (MCP_API_KEY="k1:tools k2:admin,tools");
 * a switch is on for "1", "true" or "yes". Returns the new argv. */
static char **
options_from_environment (const GOptionEntry  *entries,
                          int                  argc,
                          char               **argv)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, argv[0]);
  for (const GOptionEntry *entry = entries; entry->long_name != NULL; entry++)
    {
      g_autofree char *flag = g_strconcat ("--", entry->long_name, NULL);
      g_autofree char *flag_eq = g_strconcat (flag, "=", NULL);
      g_autofree char *variable = g_strconcat ("MCP_", entry->long_name, NULL);
      const char *value;
      gboolean given = FALSE;

      for (int i = 1; i < argc && !given; i++)
        given = g_str_equal (argv[i], flag) || g_str_has_prefix (argv[i], flag_eq);
      g_strdelimit (variable, "-", '_');
      for (char *c = variable; *c != '\0'; c++)
        *c = g_ascii_toupper (*c);
      value = g_getenv (variable);
      if (given || value == NULL || *value == '\0')
        continue;

      if (entry->arg == G_OPTION_ARG_NONE)
        {
          if (g_ascii_strcasecmp (value, "1") == 0 || g_ascii_strcasecmp (value, "true") == 0 ||
              g_ascii_strcasecmp (value, "yes") == 0)
            g_strv_builder_add (builder, flag);
        }
      else if (entry->arg == G_OPTION_ARG_STRING_ARRAY)
        {
          g_auto(GStrv) values = g_strsplit_set (value, " \t", -1);

          for (guint i = 0; values[i] != NULL; i++)
            if (*values[i] != '\0')
              {
                g_autofree char *option = g_strconcat (flag_eq, values[i], NULL);

                g_strv_builder_add (builder, option);
              }
        }
      else
        {
          g_autofree char *option = g_strconcat (flag_eq, value, NULL);

          g_strv_builder_add (builder, option);
        }
    }
  for (int i = 1; i < argc; i++)
    g_strv_builder_add (builder, argv[i]);

  return g_strv_builder_end (builder);
}

/* "[HOST:]PORT", "[::1]:PORT" */
static gboolean
parse_listen_address (const char  *text,
                      char       **host,
                      guint       *port)
{
  const char *colon = strrchr (text, ':');
  const char *port_text = colon != NULL ? colon + 1 : text;
  guint64 value;

  if (!g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &value, NULL))
    return FALSE;

  *port = (guint) value;
  if (colon == NULL || colon == text)
    *host = NULL;
  else if (text[0] == '[' && colon[-1] == ']')
    *host = g_strndup (text + 1, colon - text - 2);
  else
    *host = g_strndup (text, colon - text);

  return TRUE;
}

static void
http_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  McpHttpServerTransport *http = MCP_HTTP_SERVER_TRANSPORT (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (http), result, &error))
    {
      g_printerr ("mcp-everything-server: %s\n", error->message);
      exit_status = EXIT_FAILURE;
      g_main_loop_quit (main_loop);
      return;
    }

  /* Tests and scripts read this line to learn the port. */
  url = mcp_http_server_transport_dup_url (http);
  g_printerr ("mcp-everything-server: listening on %s (legacy HTTP+SSE at %.*s/sse)\n",
              url, (int) (strrchr (url, '/') - url), url);
}

static void
websocket_started_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  McpWebSocketServerTransport *listener = MCP_WEBSOCKET_SERVER_TRANSPORT (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (listener), result, &error))
    {
      g_printerr ("mcp-everything-server: %s\n", error->message);
      exit_status = EXIT_FAILURE;
      g_main_loop_quit (main_loop);
      return;
    }

  /* Tests and scripts read this line to learn the port. */
  url = mcp_websocket_server_transport_dup_url (listener);
  g_printerr ("mcp-everything-server: listening on %s\n", url);
}

/* Who may call, from --api-key, --jwt-secret, --jwks-url, --oauth-issuer
 * and --auth-token; NULL when none was given. */
static McpAuthProvider *
build_auth_provider (char       **api_keys,
                     double       api_key_rate,
                     int          api_key_burst,
                     const char  *jwt_secret,
                     const char  *jwks_url,
                     const char  *jwt_audience,
                     const char  *oauth_issuer,
                     char       **oauth_scopes,
                     const char  *auth_token,
                     GError     **error)
{
  g_autoptr(McpAuthChain) chain = mcp_auth_chain_new ();
  gboolean any = FALSE;

  if (api_keys != NULL && api_keys[0] != NULL)
    {
      g_autoptr(McpApiKeyProvider) keys = mcp_api_key_provider_new ();

      for (guint i = 0; api_keys[i] != NULL; i++)
        {
          const char *colon = strchr (api_keys[i], ':');
          g_autofree char *key = NULL;
          g_auto(GStrv) permissions = NULL;
          g_autofree char *principal = NULL;

          if (colon == NULL || colon == api_keys[i])
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--api-key expects KEY:PERM[,PERM...]");
              return NULL;
            }
          key = g_strndup (api_keys[i], colon - api_keys[i]);
          permissions = g_strsplit (colon + 1, ",", -1);
          principal = g_strdup_printf ("key-%u", i + 1);
          mcp_api_key_provider_add_key (keys, key, principal, (const char * const *) permissions,
                                        NULL, api_key_rate, api_key_burst > 0 ? api_key_burst : 0);
        }
      mcp_auth_chain_add_provider (chain, MCP_AUTH_PROVIDER (keys));
      any = TRUE;
    }

  if (jwt_secret != NULL || jwks_url != NULL)
    {
      g_autoptr(GBytes) secret = jwt_secret != NULL ? g_bytes_new (jwt_secret, strlen (jwt_secret))
                                                    : NULL;
      g_autoptr(McpJwtProvider) jwt = secret != NULL ? mcp_jwt_provider_new_hs256 (secret)
                                                     : mcp_jwt_provider_new ();

      mcp_jwt_provider_set_jwks_url (jwt, jwks_url);
      mcp_token_verifier_set_issuer (MCP_TOKEN_VERIFIER (jwt), oauth_issuer);
      mcp_token_verifier_set_audience (MCP_TOKEN_VERIFIER (jwt), jwt_audience);
      mcp_token_verifier_set_required_scopes (MCP_TOKEN_VERIFIER (jwt),
                                              (const char * const *) oauth_scopes);
      mcp_auth_chain_add_provider (chain, MCP_AUTH_PROVIDER (jwt));
      any = TRUE;
    }

  if (auth_token != NULL)
    {
      g_autoptr(McpBearerTokenProvider) bearer = mcp_bearer_token_provider_new (auth_token, NULL);

      mcp_auth_chain_add_provider (chain, MCP_AUTH_PROVIDER (bearer));
      any = TRUE;
    }

  if (oauth_issuer != NULL)
    {
      const char *servers[] = { oauth_issuer, NULL };

      mcp_auth_chain_set_authorization_servers (chain, servers);
      mcp_auth_chain_set_scopes_supported (chain, (const char * const *) oauth_scopes);
      any = TRUE;
    }

  return any ? MCP_AUTH_PROVIDER (g_steal_pointer (&chain)) : NULL;
}

static McpWebSocketServerTransport *
start_websocket (McpServer       *server,
                 const char      *address,
                 const char      *auth_token,
                 McpAuthProvider *auth_provider)
{
  g_autoptr(McpWebSocketServerTransport) listener = NULL;
  g_autofree char *host = NULL;
  guint port = 0;

  if (!parse_listen_address (address, &host, &port))
    {
      g_printerr ("mcp-everything-server: --ws expects [HOST:]PORT, not \"%s\"\n", address);
      return NULL;
    }

  listener = mcp_websocket_server_transport_new (host, port);
  mcp_websocket_server_transport_set_auth_token (listener, auth_token);
  mcp_websocket_server_transport_set_auth_provider (listener, auth_provider);
  mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (listener));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (listener), NULL,
                                    websocket_started_cb, NULL);

  return g_steal_pointer (&listener);
}

/* The key of --request-state-secret-file, else of MCP_REQUEST_STATE_SECRET;
 * NULL without either (each process then makes a random key of its own),
 * or with @error set when the key is unusable. */
static GBytes *
load_request_state_secret (const char  *filename,
                           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (filename != NULL)
    {
      if (!g_file_get_contents (filename, &contents, &length, error))
        return NULL;
    }
  else if (g_getenv ("MCP_REQUEST_STATE_SECRET") != NULL)
    {
      contents = g_strdup (g_getenv ("MCP_REQUEST_STATE_SECRET"));
      length = strlen (contents);
    }
  else
    return NULL;

  /* What an editor or `echo` leaves at the end is not part of the key. */
  while (length > 0 && (contents[length - 1] == '\n' || contents[length - 1] == '\r'))
    length--;
  if (length < 32)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "The requestState secret must be at least 32 bytes long");
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* --workers N: a supervisor ------------------------------------------------
 *
 * The supervisor serves nothing itself: it runs N copies of this program
 * with the same options (less --workers, plus --reuse-port), so that every
 * worker binds the same ports with SO_REUSEPORT and the kernel spreads the
 * connections over them. A worker that dies is started again, at most
 * WORKER_RESTARTS times per WORKER_RESTART_WINDOW seconds (then the
 * supervisor gives up and exits 1: a worker that dies at once would
 * otherwise spin). SIGTERM and SIGINT are passed on to every worker, which
 * drains as a single server does; the supervisor exits when all have.
 */

#define WORKER_RESTARTS 5
#define WORKER_RESTART_WINDOW 10

typedef struct
{
  char        **argv;      /* a worker's command line */
  GSubprocess **workers;
  guint         n_workers;
  guint         n_running;
  gint64        restarts[WORKER_RESTARTS];  /* monotonic times, a ring */
  guint         next_restart;
  gboolean      stopping;
} Supervisor;

static void start_worker (Supervisor *supervisor,
                          guint       index);

static void
worker_setup (gpointer user_data)
{
#ifdef __linux__
  /* A worker never outlives its supervisor. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
supervisor_stop (Supervisor *supervisor,
                 int         signal_number)
{
  supervisor->stopping = TRUE;
  for (guint i = 0; i < supervisor->n_workers; i++)
    if (supervisor->workers[i] != NULL)
      g_subprocess_send_signal (supervisor->workers[i], signal_number);
  if (supervisor->n_running == 0)
    g_main_loop_quit (main_loop);
}

static void
worker_exited_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Supervisor *supervisor = user_data;
  GSubprocess *worker = G_SUBPROCESS (object);
  gint64 now = g_get_monotonic_time ();
  gint64 oldest;
  guint index;

  g_subprocess_wait_finish (worker, result, NULL);
  for (index = 0; index < supervisor->n_workers; index++)
    if (supervisor->workers[index] == worker)
      break;
  g_assert (index < supervisor->n_workers);
  g_clear_object (&supervisor->workers[index]);
  supervisor->n_running--;

  if (supervisor->stopping)
    {
      if (supervisor->n_running == 0)
        g_main_loop_quit (main_loop);
      return;
    }

  oldest = supervisor->restarts[supervisor->next_restart];
  if (oldest != 0 && now - oldest < WORKER_RESTART_WINDOW * G_USEC_PER_SEC)
    {
      g_printerr ("mcp-everything-server: workers died %u times in %u s; giving up\n",
                  WORKER_RESTARTS, WORKER_RESTART_WINDOW);
      exit_status = EXIT_FAILURE;
      supervisor_stop (supervisor, SIGTERM);
      return;
    }
  supervisor->restarts[supervisor->next_restart] = now;
  supervisor->next_restart = (supervisor->next_restart + 1) % WORKER_RESTARTS;

  g_printerr ("mcp-everything-server: worker %u exited; starting it again\n", index + 1);
  start_worker (supervisor, index);
}

static void
start_worker (Supervisor *supervisor,
              guint       index)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *worker;

  /* The workers read their options from argv; the supervisor's
   * environment must not make them supervisors too. */
  g_subprocess_launcher_unsetenv (launcher, "MCP_WORKERS");
  g_subprocess_launcher_set_child_setup (launcher, worker_setup, NULL, NULL);
  worker = g_subprocess_launcher_spawnv (launcher, (const char * const *) supervisor->argv, &error);
  if (worker == NULL)
    {
      g_printerr ("mcp-everything-server: could not start a worker: %s\n", error->message);
      exit_status = EXIT_FAILURE;
      supervisor_stop (supervisor, SIGTERM);
      return;
    }

  supervisor->workers[index] = worker;
  supervisor->n_running++;
  g_subprocess_wait_async (worker, NULL, worker_exited_cb, supervisor);
}

static gboolean
on_supervisor_signal (gpointer user_data)
{
  Supervisor *supervisor = user_data;

  /* A second signal ends the workers at once, as it would a server. */
  supervisor_stop (supervisor, SIGTERM);
  return G_SOURCE_CONTINUE;
}

/* Runs @n_workers copies of @args (which went through the environment
 * already) without --workers; returns the exit status. */
static int
run_supervisor (guint   n_workers,
                char  **args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  Supervisor supervisor = { 0 };
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

  g_strv_builder_add (builder, self_path != NULL ? self_path : args[0]);
  for (guint i = 1; args[i] != NULL; i++)
    {
      if (g_str_equal (args[i], "--workers"))
        {
          if (args[i + 1] != NULL)
            i++;
          continue;
        }
      if (g_str_has_prefix (args[i], "--workers="))
        continue;
      g_strv_builder_add (builder, args[i]);
    }
  g_strv_builder_add (builder, "--reuse-port");

  supervisor.argv = g_strv_builder_end (builder);
  supervisor.n_workers = n_workers;
  supervisor.workers = g_new0 (GSubprocess *, n_workers);

  main_loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_supervisor_signal, &supervisor);
  g_unix_signal_add (SIGINT, on_supervisor_signal, &supervisor);
  for (guint i = 0; i < n_workers; i++)
    start_worker (&supervisor, i);
  g_printerr ("mcp-everything-server: supervising %u workers\n", n_workers);
  if (supervisor.n_running > 0)
    g_main_loop_run (main_loop);

  for (guint i = 0; i < n_workers; i++)
    g_clear_object (&supervisor.workers[i]);
  g_free (supervisor.workers);
  g_strfreev (supervisor.argv);
  g_clear_pointer (&main_loop, g_main_loop_unref);
  return exit_status;
}

/* The library never changes process limits; a server that wants to hold
 * many connections raises its own descriptor limit (the transports cap
 * their connections below it). */
static void
raise_descriptor_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
        g_debug ("Could not raise RLIMIT_NOFILE: %s", g_strerror (errno));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpServer) server = NULL;
  g_autoptr(McpStdioTransport) stdio = NULL;
  g_autoptr(McpHttpServerTransport) http = NULL;
  g_autoptr(McpWebSocketServerTransport) websocket = NULL;
  g_autofree char *ws_address = NULL;
  gboolean use_stdio = FALSE;
  g_autofree char *http_address = NULL;
  g_autofree char *auth_token = NULL;
  g_auto(GStrv) api_keys = NULL;
  double api_key_rate = -1;
  int api_key_burst = 0;
  g_autofree char *jwt_secret = NULL;
  g_autofree char *jwks_url = NULL;
  g_autofree char *jwt_audience = NULL;
  g_autofree char *oauth_issuer = NULL;
  g_auto(GStrv) oauth_scopes = NULL;
  g_autoptr(McpAuthProvider) auth_provider = NULL;
  g_autoptr(GBytes) state_secret = NULL;
  int max_sessions = 0;
  gint64 ws_send_high_water = -1;
  gint64 ws_max_send_queue = -1;
  int ws_send_stall_timeout = -1;
  int max_requests_in_flight = -1;
  gint64 ws_max_message_size = -1;
  gint64 stdio_send_high_water = -1;
  int stdio_send_stall_timeout = -1;
  int http_legacy_initialize_timeout = -1;
  int http_max_sessions_per_address = -1;
  int http_compression_threshold = -1;
  int tcp_keepalive = -1;
  gint64 http_send_high_water = -1;
  int http_send_stall_timeout = -1;
  int shutdown_grace = -1;
  g_autofree char *rate_limit = NULL;
  int request_timeout = -1;
  gboolean metrics = FALSE;
  gboolean access_log = FALSE;
  g_autofree char *node_id = NULL;
  g_autofree char *request_state_secret_file = NULL;
  int workers = 0;
  gboolean reuse_port = FALSE;
  const GOptionEntry entries[] = {
    { "stdio", 0, 0, G_OPTION_ARG_NONE, &use_stdio,
      "Serve one client on standard input and output (the default)", NULL },
    { "http", 0, 0, G_OPTION_ARG_STRING, &http_address,
      "Serve Streamable HTTP (/mcp) and HTTP+SSE (/sse) on [HOST:]PORT; the host defaults "
      "to 127.0.0.1 and port 0 picks a free one", "[HOST:]PORT" },
    { "ws", 0, 0, G_OPTION_ARG_STRING, &ws_address,
      "Serve WebSocket clients on [HOST:]PORT (subprotocol mcp); the host defaults to "
      "127.0.0.1 and port 0 picks a free one", "[HOST:]PORT" },
    { "auth-token", 0, 0, G_OPTION_ARG_STRING, &auth_token,
      "Require this bearer token on HTTP requests and WebSocket handshakes", "TOKEN" },
    { "api-key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &api_keys,
      "Accept this API key (X-API-Key or Authorization: Bearer) with these permissions; "
      "repeatable", "KEY:PERM[,PERM...]" },
    { "api-key-rate", 0, 0, G_OPTION_ARG_DOUBLE, &api_key_rate,
      "Requests a second each API key may make (0: no limit; default 10)", "RATE" },
    { "api-key-burst", 0, 0, G_OPTION_ARG_INT, &api_key_burst,
      "Requests each API key may make at once (default 20)", "N" },
    { "jwt-secret", 0, 0, G_OPTION_ARG_STRING, &jwt_secret,
      "Accept HS256 JWT bearer tokens signed with this secret", "SECRET" },
    { "jwks-url", 0, 0, G_OPTION_ARG_STRING, &jwks_url,
      "Accept RS256 and ES256 JWT bearer tokens signed with the keys published at this JWKS URL",
      "URL" },
    { "jwt-audience", 0, 0, G_OPTION_ARG_STRING, &jwt_audience,
      "The aud a JWT must have", "AUD" },
    { "oauth-issuer", 0, 0, G_OPTION_ARG_STRING, &oauth_issuer,
      "The OAuth 2.1 authorization server: a JWT's required iss, named by "
      "/.well-known/oauth-protected-resource", "URL" },
    { "oauth-scope", 0, 0, G_OPTION_ARG_STRING_ARRAY, &oauth_scopes,
      "A scope every JWT must hold (403 insufficient_scope without), listed in the resource "
      "metadata; repeatable", "SCOPE" },
    { "max-sessions", 0, 0, G_OPTION_ARG_INT, &max_sessions,
      "Open HTTP sessions allowed at once", "N" },
    { "max-requests-in-flight", 0, 0, G_OPTION_ARG_INT, &max_requests_in_flight,
      "Requests of one client handled at once (0: no cap)", "N" },
    { "http-legacy-initialize-timeout", 0, 0, G_OPTION_ARG_INT, &http_legacy_initialize_timeout,
      "Seconds a GET /sse stream may stay open without initialize", "SECONDS" },
    { "http-max-sessions-per-address", 0, 0, G_OPTION_ARG_INT, &http_max_sessions_per_address,
      "HTTP sessions one client address may hold (0: no cap)", "N" },
    { "http-compression-threshold", 0, 0, G_OPTION_ARG_INT, &http_compression_threshold,
      "Smallest JSON response gzipped for clients that accept it (0: never)", "BYTES" },
    { "tcp-keepalive", 0, 0, G_OPTION_ARG_INT, &tcp_keepalive,
      "Seconds of silence before TCP keep-alive probes (0: none)", "SECONDS" },
    { "http-send-high-water", 0, 0, G_OPTION_ARG_INT64, &http_send_high_water,
      "Bytes an event stream may hold unwritten before events wait", "BYTES" },
    { "http-send-stall-timeout", 0, 0, G_OPTION_ARG_INT, &http_send_stall_timeout,
      "Seconds an event stream may stay unread before it is ended", "SECONDS" },
    { "stdio-send-high-water", 0, 0, G_OPTION_ARG_INT64, &stdio_send_high_water,
      "Bytes queued on standard output above which standard input is not read", "BYTES" },
    { "stdio-send-stall-timeout", 0, 0, G_OPTION_ARG_INT, &stdio_send_stall_timeout,
      "Seconds standard output may stay unread before the server gives up", "SECONDS" },
    { "ws-max-message-size", 0, 0, G_OPTION_ARG_INT64, &ws_max_message_size,
      "Largest WebSocket message accepted, fragments counted together", "BYTES" },
    { "ws-send-high-water", 0, 0, G_OPTION_ARG_INT64, &ws_send_high_water,
      "Bytes queued for a WebSocket client above which its frames are not read", "BYTES" },
    { "ws-max-send-queue", 0, 0, G_OPTION_ARG_INT64, &ws_max_send_queue,
      "Bytes queued for a WebSocket client past which it is closed with 1008", "BYTES" },
    { "ws-send-stall-timeout", 0, 0, G_OPTION_ARG_INT, &ws_send_stall_timeout,
      "Seconds a WebSocket client may leave its replies unread before it is closed", "SECONDS" },
    { "rate-limit", 0, 0, G_OPTION_ARG_STRING, &rate_limit,
      "Limit every principal (callers without credentials together) to RATE requests a "
      "second, BURST at once (RATE rounded up by default)", "RATE[/s][:BURST]" },
    { "metrics", 0, 0, G_OPTION_ARG_NONE, &metrics,
      "Count requests and serve them at /metrics on the HTTP listener (Prometheus text format, "
      "behind the same credentials as /mcp)", NULL },
    { "access-log", 0, 0, G_OPTION_ARG_NONE, &access_log,
      "Log every answered request (structured, at level info: set G_MESSAGES_DEBUG=Mcp to see "
      "them on the terminal; the journal keeps them anyway)", NULL },
    { "request-timeout", 0, 0, G_OPTION_ARG_INT, &request_timeout,
      "Milliseconds a request may take before the client gets -32001 and the handler is "
      "cancelled (0, the default: no deadline)", "MS" },
    { "shutdown-grace", 0, 0, G_OPTION_ARG_INT, &shutdown_grace,
      "Milliseconds the calls in flight have to finish on SIGTERM or SIGINT (10000)", "MS" },
    { "node-id", 0, 0, G_OPTION_ARG_STRING, &node_id,
      "Name this replica: every HTTP session id it mints starts with NAME- so that a load "
      "balancer can pin 2025-era sessions (1-32 letters, digits, _ or .)", "NAME" },
    { "request-state-secret-file", 0, 0, G_OPTION_ARG_FILENAME, &request_state_secret_file,
      "Seal the requestState of 2026-07-28 input rounds with the key in FILE (at least 32 "
      "bytes; a final newline is dropped), shared by every replica; MCP_REQUEST_STATE_SECRET "
      "may hold the key itself", "FILE" },
    { "reuse-port", 0, 0, G_OPTION_ARG_NONE, &reuse_port,
      "Bind the HTTP and WebSocket ports with SO_REUSEPORT, beside other processes that do",
      NULL },
    { "workers", 0, 0, G_OPTION_ARG_INT, &workers,
      "Run N worker processes on the same HTTP and WebSocket ports (SO_REUSEPORT) under a "
      "supervisor that restarts a dead worker and passes SIGTERM on (needs fixed ports)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) worker_args = NULL;

  context = g_option_context_new ("- an MCP server with every feature of mcp-glib");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    "Every option may also be set in the environment: MCP_HTTP=8080, "
                                    "MCP_AUTH_TOKEN=..., MCP_API_KEY=\"k1:tools k2:admin,tools\" "
                                    "(the flag's name in capitals, - as _); flags win.");
  args = options_from_environment (entries, argc, argv);
  worker_args = g_strdupv (args);   /* parsing takes the options out of args */
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  auth_provider = build_auth_provider (api_keys, api_key_rate, api_key_burst, jwt_secret,
                                       jwks_url, jwt_audience, oauth_issuer, oauth_scopes,
                                       auth_token, &error);
  if (auth_provider == NULL && error != NULL)
    {
      g_printerr ("mcp-everything-server: %s\n", error->message);
      return 2;
    }

  if (shutdown_grace >= 0)
    shutdown_grace_ms = (guint) shutdown_grace;

  if (workers < 0 || workers > 256)
    {
      g_printerr ("mcp-everything-server: --workers expects 1 to 256\n");
      return 2;
    }
  if (workers > 0)
    {
      g_autofree char *http_host = NULL;
      g_autofree char *ws_host = NULL;
      guint http_port = 0, ws_port = 0;
      gboolean fixed = (http_address != NULL || ws_address != NULL) && !use_stdio;

      /* Port 0 would give every worker a port of its own. */
      if (http_address != NULL)
        fixed = fixed && parse_listen_address (http_address, &http_host, &http_port) && http_port != 0;
      if (ws_address != NULL)
        fixed = fixed && parse_listen_address (ws_address, &ws_host, &ws_port) && ws_port != 0;
      if (!fixed)
        {
          g_printerr ("mcp-everything-server: --workers needs --http or --ws on a fixed port\n");
          return 2;
        }
      return run_supervisor ((guint) workers, worker_args);
    }

  if (node_id != NULL && !mcp_http_server_transport_is_valid_node_id (node_id))
    {
      g_printerr ("mcp-everything-server: --node-id expects 1 to 32 letters, digits, _ or ., "
                  "not \"%s\"\n", node_id);
      return 2;
    }

  state_secret = load_request_state_secret (request_state_secret_file, &error);
  if (state_secret == NULL && error != NULL)
    {
      g_printerr ("mcp-everything-server: %s\n", error->message);
      return 2;
    }

  raise_descriptor_limit ();
  main_loop = g_main_loop_new (NULL, FALSE);
  server = mcp_server_new ("mcp-everything-server", MCP_VERSION_S);
  mcp_server_set_title (server, "mcp-glib everything server");
  mcp_server_set_instructions (server,
                               "Test server for mcp-glib. Every tool is safe to call; "
                               "the test_* tools are the official conformance fixtures.");
  register_tools (server);
  register_resources (server);
  register_prompts (server);
  register_completion (server);
  if (max_requests_in_flight >= 0)
    mcp_server_set_max_requests_in_flight (server, (guint) max_requests_in_flight);
  if (request_timeout > 0)
    mcp_server_set_request_timeout (server, (guint) request_timeout);
  mcp_server_set_metrics_enabled (server, metrics);
  g_object_set (server, "access-log", access_log, NULL);
  if (state_secret != NULL)
    mcp_server_set_request_state_secret (server, state_secret);
  if (rate_limit != NULL)
    {
      g_autoptr(McpRateLimit) limit = NULL;
      char *end = NULL;
      double rate = g_ascii_strtod (rate_limit, &end);
      guint64 burst = 0;

      if (end != NULL && g_str_has_prefix (end, "/s"))
        end += 2;
      if (end != NULL && *end == ':')
        {
          const char *digits = end + 1;

          if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXUINT, &burst, NULL))
            end = NULL;
          else
            end = (char *) "";
        }
      if (end == NULL || *end != '\0' || end == rate_limit || !(rate > 0))
        {
          g_printerr ("mcp-everything-server: --rate-limit expects RATE[/s][:BURST], not \"%s\"\n",
                      rate_limit);
          return 2;
        }
      limit = mcp_rate_limit_new (rate, (guint) burst, MCP_RATE_LIMIT_SCOPE_PRINCIPAL);
      mcp_server_add_rate_limit (server, limit);
    }

  if (http_address != NULL)
    {
      g_autofree char *host = NULL;
      guint port = 0;

      if (!parse_listen_address (http_address, &host, &port))
        {
          g_printerr ("mcp-everything-server: --http expects [HOST:]PORT, not \"%s\"\n",
                      http_address);
          return 2;
        }

      http = mcp_http_server_transport_new ();
      mcp_http_server_transport_set_host (http, host);
      mcp_http_server_transport_set_port (http, port);
      mcp_http_server_transport_set_auth_token (http, auth_token);
      mcp_http_server_transport_set_auth_provider (http, auth_provider);
      mcp_http_server_transport_set_node_id (http, node_id);
      mcp_http_server_transport_set_reuse_port (http, reuse_port);
      g_object_set (http, "serve-metrics", metrics, NULL);
      if (max_sessions > 0)
        mcp_http_server_transport_set_max_sessions (http, (guint) max_sessions);
      if (http_legacy_initialize_timeout >= 0)
        mcp_http_server_transport_set_legacy_initialize_timeout (http, (guint) http_legacy_initialize_timeout);
      if (http_max_sessions_per_address >= 0)
        mcp_http_server_transport_set_max_sessions_per_address (http, (guint) http_max_sessions_per_address);
      if (http_send_high_water >= 0)
        mcp_http_server_transport_set_send_high_water (http, (guint64) http_send_high_water);
      if (http_send_stall_timeout >= 0)
        mcp_http_server_transport_set_send_stall_timeout (http, (guint) http_send_stall_timeout);
      if (http_compression_threshold >= 0)
        g_object_set (http, "compression-threshold", (guint) http_compression_threshold, NULL);
      if (tcp_keepalive >= 0)
        g_object_set (http, "tcp-keepalive", (guint) tcp_keepalive, NULL);
      mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (http));
      mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL, http_started_cb, NULL);

      g_unix_signal_add (SIGINT, on_signal, server);
      g_unix_signal_add (SIGTERM, on_signal, server);
    }

  if (ws_address != NULL)
    {
      websocket = start_websocket (server, ws_address, auth_token, auth_provider);
      if (websocket == NULL)
        return 2;

      /* Clients connect later: every peer gets these. */
      mcp_websocket_server_transport_set_reuse_port (websocket, reuse_port);
      if (ws_max_message_size >= 0)
        mcp_websocket_server_transport_set_max_message_size (websocket, (guint64) ws_max_message_size);
      if (ws_send_high_water >= 0)
        mcp_websocket_server_transport_set_send_high_water (websocket, (guint64) ws_send_high_water);
      if (ws_max_send_queue >= 0)
        mcp_websocket_server_transport_set_max_send_queue (websocket, (guint64) ws_max_send_queue);
      if (ws_send_stall_timeout >= 0)
        mcp_websocket_server_transport_set_send_stall_timeout (websocket, (guint) ws_send_stall_timeout);
      if (tcp_keepalive >= 0)
        g_object_set (websocket, "tcp-keepalive", (guint) tcp_keepalive, NULL);

      if (http_address == NULL)
        {
          g_unix_signal_add (SIGINT, on_signal, server);
          g_unix_signal_add (SIGTERM, on_signal, server);
        }
    }

  if ((http_address == NULL && ws_address == NULL) || use_stdio)
    {
      g_signal_connect (server, "session-removed", G_CALLBACK (on_session_removed), NULL);
      stdio = mcp_stdio_transport_new ();
      if (stdio_send_high_water >= 0)
        mcp_stdio_transport_set_send_high_water (stdio, (guint64) stdio_send_high_water);
      if (stdio_send_stall_timeout >= 0)
        mcp_stdio_transport_set_send_stall_timeout (stdio, (guint) stdio_send_stall_timeout);
      mcp_server_add_transport (server, MCP_TRANSPORT (stdio));
    }

  g_main_loop_run (main_loop);

  if (http != NULL)
    mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (http), NULL, NULL, NULL);

  if (websocket != NULL)
    mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (websocket), NULL, NULL, NULL);

  g_clear_object (&http);
  g_clear_object (&websocket);
  g_clear_object (&server);
  g_clear_pointer (&main_loop, g_main_loop_unref);

  return exit_status;
}
