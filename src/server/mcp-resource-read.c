/* mcp-resource-read.c
 *
 * Server side: a client's resources/read, as the server's resource handler
 * receives it.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-client-requests-private.h"
#include "mcp-content.h"
#include "mcp-error.h"
#include "mcp-handler-request-private.h"
#include "mcp-json-node-private.h"
#include "mcp-resource-read.h"
#include "mcp-resource-template.h"
#include "mcp-resource.h"
#include "mcp-server-private.h"
#include "mcp-server-session.h"

/**
 * McpResourceRead:
 *
 * One `resources/read` of a resource or of a URI matching a resource
 * template, handed to its #McpResourceHandler.
 *
 * The handler adds contents with mcp_resource_read_add_text(),
 * mcp_resource_read_add_blob() or mcp_resource_read_add_contents() and
 * completes the read with mcp_resource_read_return_contents() — or does both
 * at once with mcp_resource_read_return_text() or
 * mcp_resource_read_return_blob() — now or later from the main loop, exactly
 * once. mcp_resource_read_return_not_found() answers with the -32002 error a
 * client expects for a URI that names nothing.
 *
 * For a template, mcp_resource_read_get_variable() gives the decoded value of
 * each `{variable}` of the URI.
 *
 * Since: 0.1
 */

struct _McpResourceRead
{
  GObject              parent_instance;

  McpHandlerRequest    handler;
  char                *uri;
  McpResource         *resource;
  McpResourceTemplate *template;
  GHashTable          *variables;
  JsonArray           *contents;
  JsonNode            *meta;
};

G_DEFINE_FINAL_TYPE (McpResourceRead, mcp_resource_read, G_TYPE_OBJECT)

enum {
  PROP_URI = MCP_HANDLER_REQUEST_N_PROPS,
  PROP_RESOURCE,
  PROP_TEMPLATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_resource_read_finalize (GObject *object)
{
  McpResourceRead *self = (McpResourceRead *) object;

  _mcp_handler_request_clear (&self->handler, NULL);
  g_clear_pointer (&self->uri, g_free);
  g_clear_object (&self->resource);
  g_clear_object (&self->template);
  g_clear_pointer (&self->variables, g_hash_table_unref);
  g_clear_pointer (&self->contents, json_array_unref);
  g_clear_pointer (&self->meta, json_node_unref);

  G_OBJECT_CLASS (mcp_resource_read_parent_class)->finalize (object);
}

static void
mcp_resource_read_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  McpResourceRead *self = MCP_RESOURCE_READ (object);

  if (_mcp_handler_request_get_property (&self->handler, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_RESOURCE:
      g_value_set_object (value, self->resource);
      break;
    case PROP_TEMPLATE:
      g_value_set_object (value, self->template);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_resource_read_class_init (McpResourceReadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_resource_read_finalize;
  object_class->get_property = mcp_resource_read_get_property;

  /**
   * McpResourceRead:uri:
   *
   * The URI the client reads.
   *
   * Since: 0.1
   */
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceRead:resource:
   *
   * The registered resource being read, or %NULL for a template match.
   *
   * Since: 0.1
   */
  properties[PROP_RESOURCE] =
    g_param_spec_object ("resource", NULL, NULL, MCP_TYPE_RESOURCE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceRead:template:
   *
   * The template the URI matched, or %NULL for a registered resource.
   *
   * Since: 0.1
   */
  properties[PROP_TEMPLATE] =
    g_param_spec_object ("template", NULL, NULL, MCP_TYPE_RESOURCE_TEMPLATE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceRead:cancellable:
   *
   * Cancelled when the client cancels the read or goes away.
   *
   * Since: 0.1
   */
  _mcp_handler_request_install_properties (object_class, properties, N_PROPS, FALSE);
}

static void
mcp_resource_read_init (McpResourceRead *self)
{
  self->contents = json_array_new ();
}

McpResourceRead *
_mcp_resource_read_new (const McpHandlerRequest *origin,
                        const char              *uri,
                        McpResource             *resource,
                        McpResourceTemplate     *template,
                        GHashTable              *variables)
{
  McpResourceRead *self = g_object_new (MCP_TYPE_RESOURCE_READ, NULL);

  _mcp_handler_request_init (&self->handler, origin, FALSE);
  self->uri = g_strdup (uri);
  g_set_object (&self->resource, resource);
  g_set_object (&self->template, template);
  if (variables != NULL)
    self->variables = g_hash_table_ref (variables);
  else
    self->variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

/**
 * mcp_resource_read_get_server:
 * @self: a #McpResourceRead
 *
 * Gets the server.
 *
 * Returns: (transfer none): the server
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_SERVER (McpResourceRead, mcp_resource_read)

/**
 * mcp_resource_read_get_session:
 * @self: a #McpResourceRead
 *
 * Gets the session of the reading client.
 *
 * Returns: (transfer none): the session of the reading client
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_SESSION (McpResourceRead, mcp_resource_read)

/**
 * mcp_resource_read_get_auth_info:
 * @self: a #McpResourceRead
 *
 * Who is calling: the identity the transport's #McpAuthProvider gave
 * the caller, as mcp_server_session_get_auth_info() returns it.
 *
 * Returns: (transfer none) (nullable): the caller's identity, or %NULL
 *   when the transport asks for none
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_AUTH_INFO (McpResourceRead, mcp_resource_read)

/**
 * mcp_resource_read_get_request:
 * @self: a #McpResourceRead
 *
 * Gets the underlying JSON-RPC request.
 *
 * Returns: (transfer none): the underlying JSON-RPC request
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_REQUEST (McpResourceRead, mcp_resource_read, handler.request)

/**
 * mcp_resource_read_get_uri:
 * @self: a #McpResourceRead
 *
 * Gets the URI being read.
 *
 * Returns: the URI being read
 *
 * Since: 0.1
 */
const char *
mcp_resource_read_get_uri (McpResourceRead *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_READ (self), NULL);

  return self->uri;
}

/**
 * mcp_resource_read_get_resource:
 * @self: a #McpResourceRead
 *
 * Gets the registered resource being read, or %NULL when the URI matched a
 * template.
 *
 * Returns: (transfer none) (nullable): the registered resource being read,
 *   or %NULL when the URI matched a template
 *
 * Since: 0.1
 */
McpResource *
mcp_resource_read_get_resource (McpResourceRead *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_READ (self), NULL);

  return self->resource;
}

/**
 * mcp_resource_read_get_template:
 * @self: a #McpResourceRead
 *
 * Gets the template the URI matched, or %NULL for a registered resource.
 *
 * Returns: (transfer none) (nullable): the template the URI matched, or
 *   %NULL for a registered resource
 *
 * Since: 0.1
 */
McpResourceTemplate *
mcp_resource_read_get_template (McpResourceRead *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_READ (self), NULL);

  return self->template;
}

/**
 * mcp_resource_read_get_variables:
 * @self: a #McpResourceRead
 *
 * Gets the template variables and their decoded values (empty for a registered
 * resource).
 *
 * Returns: (transfer none) (element-type utf8 utf8): the template variables
 *   and their decoded values (empty for a registered resource)
 *
 * Since: 0.1
 */
GHashTable *
mcp_resource_read_get_variables (McpResourceRead *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_READ (self), NULL);

  return self->variables;
}

/**
 * mcp_resource_read_get_variable:
 * @self: a #McpResourceRead
 * @name: a variable of the template, such as `id` for `{id}`
 *
 * Gets the decoded value of @name in the URI.
 *
 * Returns: (nullable): the decoded value of @name in the URI
 *
 * Since: 0.1
 */
const char *
mcp_resource_read_get_variable (McpResourceRead *self,
                                const char      *name)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_READ (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->variables, name);
}

/**
 * mcp_resource_read_get_cancellable:
 * @self: a #McpResourceRead
 *
 * Gets a cancellable that is cancelled when the client cancels the read or
 * goes away.
 *
 * Returns: (transfer none): cancelled when the client cancels the read or
 *   goes away
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_CANCELLABLE (McpResourceRead, mcp_resource_read, handler.request)

/**
 * mcp_resource_read_is_cancelled:
 * @self: a #McpResourceRead
 *
 * Checks whether the client cancelled the read or went away.
 *
 * Returns: whether the client cancelled the read or went away
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_IS_CANCELLED (McpResourceRead, mcp_resource_read, handler.request)

/**
 * mcp_resource_read_send_progress:
 * @self: a #McpResourceRead
 * @progress: the progress so far; it must grow with every call
 * @total: the total, or a negative number if unknown
 * @message: (nullable): a human-readable message
 *
 * Reports progress of a slow read, if the client asked for it.
 *
 * Returns: %TRUE if a notification was sent
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_SEND_PROGRESS (McpResourceRead, mcp_resource_read, handler.request)

/**
 * mcp_resource_read_log:
 * @self: a #McpResourceRead
 * @level: the severity
 * @logger: (nullable): the logger name
 * @data: (nullable): the message: any JSON value, usually a string
 *
 * Sends a log message to the reading client, if its logging level lets it
 * through. It travels with the read where the transport allows.
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_LOG (McpResourceRead, mcp_resource_read)

static const char *
default_mime_type (McpResourceRead *self,
                   const char      *mime_type)
{
  if (mime_type != NULL)
    return mime_type;
  if (self->resource != NULL)
    return mcp_resource_get_mime_type (self->resource);
  if (self->template != NULL)
    return mcp_resource_template_get_mime_type (self->template);
  return NULL;
}

/**
 * mcp_resource_read_add_text:
 * @self: a #McpResourceRead
 * @mime_type: (nullable): the MIME type; %NULL for the resource's or
 *   template's
 * @text: the text
 *
 * Adds text contents for the URI being read.
 *
 * Since: 0.1
 */
void
mcp_resource_read_add_text (McpResourceRead *self,
                            const char      *mime_type,
                            const char      *text)
{
  g_return_if_fail (MCP_IS_RESOURCE_READ (self));
  g_return_if_fail (text != NULL);

  json_array_add_element (self->contents,
                          mcp_content_new_text_contents (self->uri,
                                                          default_mime_type (self, mime_type),
                                                          text));
}

/**
 * mcp_resource_read_add_blob:
 * @self: a #McpResourceRead
 * @mime_type: (nullable): the MIME type; %NULL for the resource's or
 *   template's
 * @data: the bytes
 *
 * Adds binary contents for the URI being read; they travel base64-encoded.
 *
 * Since: 0.1
 */
void
mcp_resource_read_add_blob (McpResourceRead *self,
                            const char      *mime_type,
                            GBytes          *data)
{
  g_return_if_fail (MCP_IS_RESOURCE_READ (self));
  g_return_if_fail (data != NULL);

  json_array_add_element (self->contents,
                          mcp_content_new_blob_contents (self->uri,
                                                          default_mime_type (self, mime_type),
                                                          data));
}

/**
 * mcp_resource_read_add_contents:
 * @self: a #McpResourceRead
 * @contents: a `TextResourceContents` or `BlobResourceContents` object, such
 *   as one from mcp_content_new_text_contents(); it may name another URI
 *   (the files of a directory, say)
 *
 * Adds contents.
 *
 * Since: 0.1
 */
void
mcp_resource_read_add_contents (McpResourceRead *self,
                                JsonNode        *contents)
{
  g_return_if_fail (MCP_IS_RESOURCE_READ (self));
  g_return_if_fail (contents != NULL && JSON_NODE_HOLDS_OBJECT (contents));

  json_array_add_element (self->contents, json_node_copy (contents));
}

/**
 * mcp_resource_read_set_meta:
 * @self: a #McpResourceRead
 * @meta: (nullable): a `_meta` object for the result
 *
 * Sets the `_meta` of the result.
 *
 * Since: 0.1
 */
void
mcp_resource_read_set_meta (McpResourceRead *self,
                            JsonNode        *meta)
{
  g_return_if_fail (MCP_IS_RESOURCE_READ (self));
  g_return_if_fail (meta == NULL || JSON_NODE_HOLDS_OBJECT (meta));

  _mcp_json_node_replace (&self->meta, meta);
}

/**
 * mcp_resource_read_return_contents:
 * @self: a #McpResourceRead
 *
 * Completes the read with the contents added so far.
 *
 * Since: 0.1
 */
void
mcp_resource_read_return_contents (McpResourceRead *self)
{
  JsonObject *object;

  g_return_if_fail (MCP_IS_RESOURCE_READ (self));

  object = json_object_new ();
  json_object_set_array_member (object, "contents", json_array_ref (self->contents));
  _mcp_json_object_set_node (object, "_meta", self->meta);
  _mcp_handler_request_return_take (&self->handler, _mcp_json_node_new_object (object));
}

/**
 * mcp_resource_read_return_text:
 * @self: a #McpResourceRead
 * @mime_type: (nullable): the MIME type; %NULL for the resource's or
 *   template's
 * @text: the text
 *
 * Adds text contents and completes the read.
 *
 * Since: 0.1
 */
void
mcp_resource_read_return_text (McpResourceRead *self,
                               const char      *mime_type,
                               const char      *text)
{
  mcp_resource_read_add_text (self, mime_type, text);
  mcp_resource_read_return_contents (self);
}

/**
 * mcp_resource_read_return_blob:
 * @self: a #McpResourceRead
 * @mime_type: (nullable): the MIME type; %NULL for the resource's or
 *   template's
 * @data: the bytes
 *
 * Adds binary contents and completes the read.
 *
 * Since: 0.1
 */
void
mcp_resource_read_return_blob (McpResourceRead *self,
                               const char      *mime_type,
                               GBytes          *data)
{
  mcp_resource_read_add_blob (self, mime_type, data);
  mcp_resource_read_return_contents (self);
}

/**
 * mcp_resource_read_return_not_found:
 * @self: a #McpResourceRead
 *
 * Completes the read with the "resource not found" error (-32002), for a
 * URI that matches a template but names nothing.
 *
 * Since: 0.1
 */
void
mcp_resource_read_return_not_found (McpResourceRead *self)
{
  g_return_if_fail (MCP_IS_RESOURCE_READ (self));

  _mcp_server_return_resource_not_found (self->handler.request, self->uri);
}

/**
 * mcp_resource_read_return_gerror:
 * @self: a #McpResourceRead
 * @error: what went wrong
 *
 * Completes the read with a JSON-RPC error made from @error (see
 * mcp_error_get_jsonrpc_code()); %MCP_ERROR_RESOURCE_NOT_FOUND becomes
 * -32002 with the URI in its data.
 *
 * Since: 0.1
 */
void
mcp_resource_read_return_gerror (McpResourceRead *self,
                                 const GError    *error)
{
  g_return_if_fail (MCP_IS_RESOURCE_READ (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, MCP_ERROR, MCP_ERROR_RESOURCE_NOT_FOUND) &&
      mcp_error_get_data (error) == NULL)
    _mcp_server_return_resource_not_found (self->handler.request, self->uri);
  else
    mcp_request_return_gerror (self->handler.request, error);
}

/* Requests to the client ---------------------------------------------------- */

MCP_HANDLER_REQUEST_DEFINE_CLIENT_REQUESTS (McpResourceRead)

/**
 * mcp_resource_read_elicit_async:
 * @self: a #McpResourceRead
 * @message: what to ask the user
 * @requested_schema: the form (see mcp_server_session_elicit_async())
 * @cancellable: (nullable): cancels the request; %NULL uses the read's
 * @callback: (scope async): called with the user's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the user of the calling client for information through a form, as
 * part of this `resources/read`. On the 2026-07-28 era this becomes an
 * input round, as for mcp_tool_call_elicit_async().
 *
 * Since: 0.1
 */

/**
 * mcp_resource_read_elicit_finish:
 * @self: a #McpResourceRead
 * @result: the #GAsyncResult
 * @action: (out) (optional): what the user did
 * @content: (out) (optional) (nullable) (transfer full): the submitted
 *   values when @action is %MCP_ELICITATION_ACTION_ACCEPT
 * @error: return location for a #GError
 *
 * Finishes mcp_resource_read_elicit_async().
 *
 * Returns: %TRUE if the client answered
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_ELICIT (McpResourceRead, mcp_resource_read)

/**
 * mcp_resource_read_create_message_async:
 * @self: a #McpResourceRead
 * @messages: a JSON array of `SamplingMessage` objects (see
 *   mcp_content_new_message())
 * @system_prompt: (nullable): a system prompt
 * @max_tokens: the most tokens the client should sample
 * @options: (nullable): further `sampling/createMessage` params (see
 *   mcp_server_session_create_message_async())
 * @cancellable: (nullable): cancels the request; %NULL uses the read's
 * @callback: (scope async): called with the client's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the calling client to sample an LLM, as part of this
 * `resources/read`.
 *
 * Since: 0.1
 */

/**
 * mcp_resource_read_create_message_finish:
 * @self: a #McpResourceRead
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_resource_read_create_message_async().
 *
 * Returns: (transfer full): the `CreateMessageResult` object
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_CREATE_MESSAGE (McpResourceRead, mcp_resource_read)

/**
 * mcp_resource_read_list_roots_async:
 * @self: a #McpResourceRead
 * @cancellable: (nullable): cancels the request; %NULL uses the read's
 * @callback: (scope async): called with the client's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the calling client for its roots, as part of this `resources/read`.
 *
 * Since: 0.1
 */

/**
 * mcp_resource_read_list_roots_finish:
 * @self: a #McpResourceRead
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_resource_read_list_roots_async().
 *
 * Returns: (transfer container) (element-type McpRoot): the client's roots
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_LIST_ROOTS (McpResourceRead, mcp_resource_read)

/**
 * mcp_resource_read_set_next_input_key:
 * @self: a #McpResourceRead
 * @key: (nullable): a name for the next request for input, or %NULL for
 *   the library's own
 *
 * Names the next request this handler makes of the client on a request of
 * the 2026-07-28 era; see mcp_tool_call_set_next_input_key().
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_SET_NEXT_INPUT_KEY (McpResourceRead, mcp_resource_read)

/**
 * mcp_resource_read_client_has_capability:
 * @self: a #McpResourceRead
 * @capability: a capability name such as `sampling`, `roots` or
 *   `elicitation`
 *
 * Checks whether the calling client declared @capability for this request;
 * see mcp_tool_call_client_has_capability().
 *
 * Returns: whether the client declared @capability
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_CLIENT_HAS_CAPABILITY (McpResourceRead, mcp_resource_read)
