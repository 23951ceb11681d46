/* mcp-test-wire.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-test-schema.h"
#include "mcp-test-wire.h"

#define SPEC_VERSION "2025-11-25"
#define MODERN_SPEC_VERSION "2026-07-28"

/* What the wire knows of a request it saw: how to check its answer. */
typedef struct
{
  char     *method;
  gboolean  modern;
} SeenRequest;

static void
seen_request_free (gpointer data)
{
  SeenRequest *seen = data;

  g_free (seen->method);
  g_free (seen);
}

typedef struct
{
  McpTestWire  *wire;
  McpTransport *transport;
  gulong        handler;
  gboolean      sent_by_server;
} Watch;

struct _McpTestWire
{
  GPtrArray  *watches;
  GPtrArray  *failures;              /* char * */
  GHashTable *requests[2];           /* [sent_by_server] id key → SeenRequest */
  GHashTable *responses[2];          /* [sent_by_server] id key → count */
  GHashTable *methods[2];            /* [sent_by_server] method → count */
  GHashTable *answered[2];           /* [sent_by_server] method answered → count */
  guint       n_checked;
  gboolean    lenient[2];
  gboolean    current_side;
  gboolean    seen_modern;
};

static const struct {
  const char *method;
  const char *request;
  const char *result;    /* NULL: the empty result */
} requests[] = {
  { "initialize", "InitializeRequest", "InitializeResult" },
  { "ping", "PingRequest", NULL },
  { "logging/setLevel", "SetLevelRequest", NULL },
  { "tools/list", "ListToolsRequest", "ListToolsResult" },
  { "tools/call", "CallToolRequest", "CallToolResult" },
  { "resources/list", "ListResourcesRequest", "ListResourcesResult" },
  { "resources/templates/list", "ListResourceTemplatesRequest", "ListResourceTemplatesResult" },
  { "resources/read", "ReadResourceRequest", "ReadResourceResult" },
  { "resources/subscribe", "SubscribeRequest", NULL },
  { "resources/unsubscribe", "UnsubscribeRequest", NULL },
  { "prompts/list", "ListPromptsRequest", "ListPromptsResult" },
  { "prompts/get", "GetPromptRequest", "GetPromptResult" },
  { "completion/complete", "CompleteRequest", "CompleteResult" },
  { "sampling/createMessage", "CreateMessageRequest", "CreateMessageResult" },
  { "roots/list", "ListRootsRequest", "ListRootsResult" },
  { "elicitation/create", "ElicitRequest", "ElicitResult" },
};

/* The 2026-07-28 era: no initialize, ping, logging/setLevel or
 * resources/(un)subscribe; the server asks for input inside results. */
static const struct {
  const char *method;
  const char *request;
  const char *result;
} modern_requests[] = {
  { "server/discover", "DiscoverRequest", "DiscoverResult" },
  { "subscriptions/listen", "SubscriptionsListenRequest", "SubscriptionsListenResult" },
  { "tools/list", "ListToolsRequest", "ListToolsResult" },
  { "tools/call", "CallToolRequest", "CallToolResult" },
  { "resources/list", "ListResourcesRequest", "ListResourcesResult" },
  { "resources/templates/list", "ListResourceTemplatesRequest", "ListResourceTemplatesResult" },
  { "resources/read", "ReadResourceRequest", "ReadResourceResult" },
  { "prompts/list", "ListPromptsRequest", "ListPromptsResult" },
  { "prompts/get", "GetPromptRequest", "GetPromptResult" },
  { "completion/complete", "CompleteRequest", "CompleteResult" },
};

static const struct {
  const char *method;
  const char *definition;
} notifications[] = {
  { "notifications/initialized", "InitializedNotification" },
  { "notifications/progress", "ProgressNotification" },
  { "notifications/cancelled", "CancelledNotification" },
  { "notifications/message", "LoggingMessageNotification" },
  { "notifications/tools/list_changed", "ToolListChangedNotification" },
  { "notifications/resources/list_changed", "ResourceListChangedNotification" },
  { "notifications/resources/updated", "ResourceUpdatedNotification" },
  { "notifications/prompts/list_changed", "PromptListChangedNotification" },
  { "notifications/roots/list_changed", "RootsListChangedNotification" },
  { "notifications/elicitation/complete", "ElicitationCompleteNotification" },
};

static void
fail (McpTestWire *self,
      JsonNode    *message,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
fail (McpTestWire *self,
      JsonNode    *message,
      const char  *format,
      ...)
{
  g_autofree char *what = NULL;
  g_autofree char *json = json_to_string (message, FALSE);
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->failures, g_strdup_printf ("%s\n    in %s", what, json));
}

static void
check_in (McpTestWire *self,
          const char  *version,
          JsonNode    *message,
          const char  *definition,
          JsonNode    *instance)
{
  g_autoptr(GError) error = NULL;

  if (self->lenient[0] || self->lenient[1])
    {
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (message) ? json_node_get_object (message) : NULL;
      gboolean is_request = object != NULL && json_object_has_member (object, "method") &&
                            json_object_has_member (object, "id");

      /* Only requests of a lenient side escape the check; answers never do. */
      if (is_request && self->lenient[self->current_side])
        return;
    }

  if (!mcp_test_schema_validate (version, definition, instance, &error))
    fail (self, message, "not a valid %s (%s): %s", definition, version, error->message);
}

static void
check (McpTestWire *self,
       JsonNode    *message,
       const char  *definition,
       JsonNode    *instance)
{
  check_in (self, SPEC_VERSION, message, definition, instance);
}

/* A request of the 2026-07-28 era names its version in its envelope;
 * discovery and the subscription stream exist only there. */
static gboolean
is_modern_request (const char *method,
                   JsonNode   *payload)
{
  JsonObject *meta;
  JsonNode *node;
  const char *version;

  if (g_str_equal (method, "server/discover") || g_str_equal (method, "subscriptions/listen"))
    return TRUE;
  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return FALSE;
  if (!json_object_has_member (json_node_get_object (payload), "_meta"))
    return FALSE;
  node = json_object_get_member (json_node_get_object (payload), "_meta");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  meta = json_node_get_object (node);
  node = json_object_get_member (meta, "io.modelcontextprotocol/protocolVersion");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  version = json_node_get_string (node);
  return mcp_protocol_version_is_modern (version);
}

static void
check_modern_request (McpTestWire *self,
                      JsonNode    *message,
                      const char  *method)
{
  check_in (self, MODERN_SPEC_VERSION, message, "JSONRPCRequest", message);
  for (guint i = 0; i < G_N_ELEMENTS (modern_requests); i++)
    {
      if (g_str_equal (modern_requests[i].method, method))
        {
          check_in (self, MODERN_SPEC_VERSION, message, modern_requests[i].request, message);
          return;
        }
    }
  fail (self, message, "a modern request of unknown method %s", method);
}

static void
check_modern_result (McpTestWire *self,
                     JsonNode    *message,
                     const char  *method,
                     JsonNode    *payload)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (payload) ? json_node_get_object (payload) : NULL;
  JsonNode *type_node = object != NULL ? json_object_get_member (object, "resultType") : NULL;
  const char *result_type = type_node != NULL && JSON_NODE_HOLDS_VALUE (type_node) &&
                            json_node_get_value_type (type_node) == G_TYPE_STRING ?
                            json_node_get_string (type_node) : NULL;

  check_in (self, MODERN_SPEC_VERSION, message, "JSONRPCResultResponse", message);
  if (result_type == NULL)
    {
      fail (self, message, "a modern result without a resultType");
      return;
    }
  if (g_str_equal (result_type, "input_required"))
    {
      check_in (self, MODERN_SPEC_VERSION, message, "InputRequiredResult", payload);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (modern_requests); i++)
    {
      if (g_str_equal (modern_requests[i].method, method))
        {
          check_in (self, MODERN_SPEC_VERSION, message, modern_requests[i].result, payload);
          return;
        }
    }
}

/* Notifications carry no version: one is valid if either era's schema
 * takes it, the modern one only once a modern request went by. */
static void
check_notification (McpTestWire *self,
                    JsonNode    *message,
                    const char  *definition)
{
  g_autoptr(GError) error = NULL;

  if (self->seen_modern &&
      mcp_test_schema_validate (MODERN_SPEC_VERSION, definition, message, &error))
    return;
  check (self, message, definition, message);
}

/* The schema's ElicitResult allows only integers in `content`, although the
 * forms it answers (NumberSchema) may ask for any number and schema.ts
 * types the values as `number`. A form number like 3.14 is what the user
 * entered, so the check accepts it: it is done again with numbers made
 * integers. */
static gboolean
elicit_result_valid_but_for_numbers (JsonNode *payload)
{
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *original;
  JsonObject *object;
  JsonObject *content;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (payload))
    return FALSE;

  /* Received messages are sealed: build a new one. */
  original = json_node_get_object (payload);
  object = json_object_new ();
  content = json_object_new ();
  json_object_iter_init (&iter, original);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_str_equal (name, "content"))
      json_object_set_member (object, name, json_node_copy (value));

  value = json_object_get_member (original, "content");
  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    {
      json_object_unref (object);
      json_object_unref (content);
      return FALSE;
    }

  json_object_iter_init (&iter, json_node_get_object (value));
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_DOUBLE)
        json_object_set_int_member (content, name, (gint64) json_node_get_double (value));
      else
        json_object_set_member (content, name, json_node_copy (value));
    }
  json_object_set_object_member (object, "content", content);

  copy = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return mcp_test_schema_validate (SPEC_VERSION, "ElicitResult", copy, &error);
}

static void
bump (GHashTable *table,
      const char *key)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_replace (table, g_strdup (key), GUINT_TO_POINTER (count + 1));
}

static void
on_message (McpTransport *transport,
            JsonNode     *message,
            Watch        *watch)
{
  McpTestWire *self = watch->wire;
  gboolean side = watch->sent_by_server;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  JsonNode *id = NULL;
  JsonNode *payload = NULL;
  const char *method = NULL;
  McpMessageKind kind;

  self->n_checked++;
  self->current_side = side;
  kind = mcp_message_parse (message, &id, &method, &payload, &error);
  key = id != NULL ? mcp_message_id_to_key (id) : NULL;

  switch (kind)
    {
    case MCP_MESSAGE_KIND_REQUEST:
      {
        SeenRequest *seen = g_new0 (SeenRequest, 1);

        seen->method = g_strdup (method);
        seen->modern = is_modern_request (method, payload);
        bump (self->methods[side], method);
        g_hash_table_replace (self->requests[side], g_strdup (key), seen);
        if (seen->modern)
          {
            self->seen_modern = TRUE;
            check_modern_request (self, message, method);
            return;
          }
      }
      check (self, message, "JSONRPCRequest", message);
      for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
        {
          if (g_str_equal (requests[i].method, method))
            {
              check (self, message, requests[i].request, message);
              return;
            }
        }
      fail (self, message, "a request of unknown method %s", method);
      break;

    case MCP_MESSAGE_KIND_NOTIFICATION:
      if (!self->seen_modern)
        check (self, message, "JSONRPCNotification", message);
      bump (self->methods[side], method);
      for (guint i = 0; i < G_N_ELEMENTS (notifications); i++)
        {
          if (g_str_equal (notifications[i].method, method))
            {
              check_notification (self, message, notifications[i].definition);
              return;
            }
        }
      if (self->seen_modern && g_str_equal (method, "notifications/subscriptions/acknowledged"))
        {
          check_in (self, MODERN_SPEC_VERSION, message, "SubscriptionsAcknowledgedNotification",
                    message);
          return;
        }
      fail (self, message, "a notification of unknown method %s", method);
      break;

    case MCP_MESSAGE_KIND_RESPONSE:
      {
        SeenRequest *seen = g_hash_table_lookup (self->requests[!side], key);
        const char *request_method = seen != NULL ? seen->method : NULL;

        bump (self->responses[side], key);
        if (request_method == NULL)
          {
            fail (self, message, "a result for no request of the other side");
            return;
          }
        bump (self->answered[side], request_method);
        if (seen->modern)
          {
            check_modern_result (self, message, request_method, payload);
            return;
          }
        check (self, message, "JSONRPCResultResponse", message);

        for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
          {
            if (!g_str_equal (requests[i].method, request_method))
              continue;

            if (g_str_equal (requests[i].method, "elicitation/create") &&
                elicit_result_valid_but_for_numbers (payload))
              return;
            if (requests[i].result != NULL)
              check (self, message, requests[i].result, payload);
            else if (!JSON_NODE_HOLDS_OBJECT (payload) ||
                     json_object_get_size (json_node_get_object (payload)) >
                     (guint) json_object_has_member (json_node_get_object (payload), "_meta"))
              fail (self, message, "the result of %s must be empty", request_method);
            return;
          }
      }
      break;

    case MCP_MESSAGE_KIND_ERROR:
      check (self, message, "JSONRPCErrorResponse", message);
      if (key != NULL)
        {
          SeenRequest *seen = g_hash_table_lookup (self->requests[!side], key);

          bump (self->responses[side], key);
          if (seen != NULL)
            bump (self->answered[side], seen->method);
        }
      break;

    case MCP_MESSAGE_KIND_INVALID:
    default:
      fail (self, message, "not a JSON-RPC message: %s", error != NULL ? error->message : "?");
      break;
    }
}

McpTestWire *
mcp_test_wire_new (void)
{
  McpTestWire *self = g_new0 (McpTestWire, 1);

  self->watches = g_ptr_array_new ();
  self->failures = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 2; i++)
    {
      self->requests[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 seen_request_free);
      self->responses[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->methods[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->answered[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  return self;
}

void
mcp_test_wire_free (McpTestWire *self)
{
  for (guint i = 0; i < self->watches->len; i++)
    {
      Watch *watch = g_ptr_array_index (self->watches, i);

      g_clear_signal_handler (&watch->handler, watch->transport);
      g_object_unref (watch->transport);
      g_free (watch);
    }
  g_ptr_array_unref (self->watches);
  g_ptr_array_unref (self->failures);
  for (guint i = 0; i < 2; i++)
    {
      g_hash_table_unref (self->requests[i]);
      g_hash_table_unref (self->responses[i]);
      g_hash_table_unref (self->methods[i]);
      g_hash_table_unref (self->answered[i]);
    }
  g_free (self);
}

void
mcp_test_wire_watch (McpTestWire  *self,
                     McpTransport *transport,
                     gboolean      sent_by_server)
{
  Watch *watch = g_new0 (Watch, 1);

  watch->wire = self;
  watch->transport = g_object_ref (transport);
  watch->sent_by_server = !!sent_by_server;
  watch->handler = g_signal_connect (transport, "message-received",
                                     G_CALLBACK (on_message), watch);
  g_ptr_array_add (self->watches, watch);
}

void
mcp_test_wire_set_lenient (McpTestWire *self,
                           gboolean     sent_by_server,
                           gboolean     lenient)
{
  self->lenient[!!sent_by_server] = lenient;
}

guint
mcp_test_wire_get_n_checked (McpTestWire *self)
{
  return self->n_checked;
}

guint
mcp_test_wire_count_responses (McpTestWire *self,
                               gboolean     sent_by_server,
                               gint64       id)
{
  g_autoptr(JsonNode) node = json_node_init_int (json_node_alloc (), id);
  g_autofree char *real_key = mcp_message_id_to_key (node);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->responses[!!sent_by_server], real_key));
}

guint
mcp_test_wire_count_method (McpTestWire *self,
                            gboolean     sent_by_server,
                            const char  *method)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->methods[!!sent_by_server], method));
}

guint
mcp_test_wire_count_answers (McpTestWire *self,
                             gboolean     sent_by_server,
                             const char  *method)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->answered[!!sent_by_server], method));
}

void
mcp_test_wire_assert_valid (McpTestWire *self)
{
  g_autoptr(GString) report = NULL;

  if (!mcp_test_schema_available (SPEC_VERSION))
    {
      g_test_message ("Wire shapes not checked: the %s schema is not available", SPEC_VERSION);
      return;
    }

  g_assert_cmpuint (self->n_checked, >, 0);
  if (self->failures->len == 0)
    return;

  report = g_string_new (NULL);
  for (guint i = 0; i < self->failures->len; i++)
    g_string_append_printf (report, "\n  %s", (char *) g_ptr_array_index (self->failures, i));

  g_error ("%u of %u messages do not match the schema:%s",
           self->failures->len, self->n_checked, report->str);
}
