/* mcp-elicitation-request.c
 *
 * Client side: a server's elicitation request, as the client's elicitation
 * handler receives it.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-client-private.h"
#include "mcp-json-node-private.h"
#include "mcp-request-private.h"

/**
 * McpElicitationRequest:
 *
 * A server's `elicitation/create` request, handed to the client's
 * #McpElicitationHandler: the server needs something from the user.
 *
 * In %MCP_ELICITATION_MODE_FORM the application shows a form built from
 * mcp_elicitation_request_get_requested_schema() — flat properties of
 * strings, numbers, booleans and enums — and answers with what the user
 * entered through mcp_elicitation_request_return_accept(). Fields the user
 * left out that have a `default` in the schema get that default, as the
 * specification asks of clients.
 *
 * In %MCP_ELICITATION_MODE_URL the application offers to open
 * mcp_elicitation_request_get_url() (after showing the user where it
 * leads) and answers whether the user agreed; the interaction itself
 * happens in the browser, out of band.
 *
 * Either way the user may decline (mcp_elicitation_request_return_decline())
 * or dismiss the request (mcp_elicitation_request_return_cancel()). The
 * request is completed now or later, exactly once.
 *
 * Since: 0.1
 */

struct _McpElicitationRequest
{
  GObject             parent_instance;

  McpClient          *client;
  McpRequest         *request;
  McpElicitationMode  mode;
};

G_DEFINE_FINAL_TYPE (McpElicitationRequest, mcp_elicitation_request, G_TYPE_OBJECT)

static void
mcp_elicitation_request_finalize (GObject *object)
{
  McpElicitationRequest *self = (McpElicitationRequest *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (mcp_elicitation_request_parent_class)->finalize (object);
}

static void
mcp_elicitation_request_class_init (McpElicitationRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_elicitation_request_finalize;
}

static void
mcp_elicitation_request_init (McpElicitationRequest *self)
{
}

McpElicitationRequest *
_mcp_elicitation_request_new (McpClient          *client,
                              McpRequest         *request,
                              McpElicitationMode  mode)
{
  McpElicitationRequest *self = g_object_new (MCP_TYPE_ELICITATION_REQUEST, NULL);

  self->client = g_object_ref (client);
  self->request = g_object_ref (request);
  self->mode = mode;
  return self;
}

static JsonObject *
params (McpElicitationRequest *self)
{
  return json_node_get_object (mcp_request_get_params (self->request));
}

/**
 * mcp_elicitation_request_get_client:
 * @self: a #McpElicitationRequest
 *
 * Gets the client.
 *
 * Returns: (transfer none): the client
 *
 * Since: 0.1
 */
McpClient *
mcp_elicitation_request_get_client (McpElicitationRequest *self)
{
  g_return_val_if_fail (MCP_IS_ELICITATION_REQUEST (self), NULL);

  return self->client;
}

/**
 * mcp_elicitation_request_get_request:
 * @self: a #McpElicitationRequest
 *
 * Gets the underlying JSON-RPC request.
 *
 * Returns: (transfer none): the underlying JSON-RPC request
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_REQUEST (McpElicitationRequest, mcp_elicitation_request, request)

/**
 * mcp_elicitation_request_get_params:
 * @self: a #McpElicitationRequest
 *
 * Gets the params object.
 *
 * Returns: (transfer none): the params object
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_PARAMS (McpElicitationRequest, mcp_elicitation_request, request)

/**
 * mcp_elicitation_request_get_mode:
 * @self: a #McpElicitationRequest
 *
 * Gets %MCP_ELICITATION_MODE_FORM or %MCP_ELICITATION_MODE_URL.
 *
 * Returns: %MCP_ELICITATION_MODE_FORM or %MCP_ELICITATION_MODE_URL
 *
 * Since: 0.1
 */
McpElicitationMode
mcp_elicitation_request_get_mode (McpElicitationRequest *self)
{
  g_return_val_if_fail (MCP_IS_ELICITATION_REQUEST (self), MCP_ELICITATION_MODE_NONE);

  return self->mode;
}

/**
 * mcp_elicitation_request_get_message:
 * @self: a #McpElicitationRequest
 *
 * Gets what the server asks of the user.
 *
 * Returns: what the server asks of the user
 *
 * Since: 0.1
 */
const char *
mcp_elicitation_request_get_message (McpElicitationRequest *self)
{
  g_return_val_if_fail (MCP_IS_ELICITATION_REQUEST (self), NULL);

  return _mcp_json_object_get_string (params (self), "message");
}

/**
 * mcp_elicitation_request_get_requested_schema:
 * @self: a #McpElicitationRequest
 *
 * Gets the form's schema, in form mode.
 *
 * Returns: (transfer none) (nullable): the form's schema, in form mode
 *
 * Since: 0.1
 */
JsonNode *
mcp_elicitation_request_get_requested_schema (McpElicitationRequest *self)
{
  JsonNode *schema;

  g_return_val_if_fail (MCP_IS_ELICITATION_REQUEST (self), NULL);

  schema = json_object_get_member (params (self), "requestedSchema");
  return schema != NULL && JSON_NODE_HOLDS_OBJECT (schema) ? schema : NULL;
}

/**
 * mcp_elicitation_request_get_url:
 * @self: a #McpElicitationRequest
 *
 * Gets the URL to open, in URL mode.
 *
 * Returns: (nullable): the URL to open, in URL mode
 *
 * Since: 0.1
 */
const char *
mcp_elicitation_request_get_url (McpElicitationRequest *self)
{
  g_return_val_if_fail (MCP_IS_ELICITATION_REQUEST (self), NULL);

  return _mcp_json_object_get_string (params (self), "url");
}

/**
 * mcp_elicitation_request_get_elicitation_id:
 * @self: a #McpElicitationRequest
 *
 * Gets the server's identifier of the elicitation, in URL mode;
 * #McpClient::elicitation-complete reports it when the out-of-band interaction
 * is over.
 *
 * Returns: (nullable): the server's identifier of the elicitation, in URL
 *   mode; #McpClient::elicitation-complete reports it when the out-of-band
 *   interaction is over. %NULL on the 2026-07-28 era, whose input rounds
 *   have no identifier: the retry of the request tells the server
 *
 * Since: 0.1
 */
const char *
mcp_elicitation_request_get_elicitation_id (McpElicitationRequest *self)
{
  g_return_val_if_fail (MCP_IS_ELICITATION_REQUEST (self), NULL);

  return _mcp_json_object_get_string (params (self), "elicitationId");
}

/**
 * mcp_elicitation_request_get_cancellable:
 * @self: a #McpElicitationRequest
 *
 * Gets a cancellable that is cancelled when the server cancels the request or
 * the connection closes.
 *
 * Returns: (transfer none): cancelled when the server cancels the request
 *   or the connection closes
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_CANCELLABLE (McpElicitationRequest, mcp_elicitation_request, request)

/**
 * mcp_elicitation_request_is_cancelled:
 * @self: a #McpElicitationRequest
 *
 * Checks whether the server cancelled the request or went away.
 *
 * Returns: whether the server cancelled the request or went away
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_IS_CANCELLED (McpElicitationRequest, mcp_elicitation_request, request)

static void
return_action (McpElicitationRequest *self,
               McpElicitationAction   action,
               JsonObject            *content)
{
  g_autoptr(JsonNode) result = NULL;
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "action", mcp_elicitation_action_to_string (action));
  if (content != NULL)
    json_object_set_object_member (object, "content", content);
  result = _mcp_json_node_new_object (object);

  mcp_request_return_result (self->request, result);
}

/**
 * mcp_elicitation_request_return_accept:
 * @self: a #McpElicitationRequest
 * @content: (nullable): in form mode, an object of the values the user
 *   entered, by property name; ignored in URL mode
 *
 * Completes the request: the user submitted the form, or agreed to open
 * the URL. In form mode, each property of the schema that has a `default`
 * and is missing from @content is sent with its default.
 *
 * Since: 0.1
 */
void
mcp_elicitation_request_return_accept (McpElicitationRequest *self,
                                       JsonNode              *content)
{
  JsonObject *values;
  JsonNode *schema;
  JsonObject *properties;

  g_return_if_fail (MCP_IS_ELICITATION_REQUEST (self));
  g_return_if_fail (content == NULL || JSON_NODE_HOLDS_OBJECT (content));

  if (self->mode != MCP_ELICITATION_MODE_FORM)
    {
      return_action (self, MCP_ELICITATION_ACTION_ACCEPT, NULL);
      return;
    }

  values = json_object_new ();
  if (content != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, json_node_get_object (content));
      while (json_object_iter_next_ordered (&iter, &name, &value))
        json_object_set_member (values, name, json_node_copy (value));
    }

  schema = mcp_elicitation_request_get_requested_schema (self);
  properties = schema != NULL ? _mcp_json_object_get_object (json_node_get_object (schema),
                                                             "properties") : NULL;
  if (properties != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *property;

      json_object_iter_init_ordered (&iter, properties);
      while (json_object_iter_next_ordered (&iter, &name, &property))
        {
          JsonNode *fallback;

          if (!JSON_NODE_HOLDS_OBJECT (property) || json_object_has_member (values, name))
            continue;

          fallback = json_object_get_member (json_node_get_object (property), "default");
          if (fallback != NULL && !JSON_NODE_HOLDS_NULL (fallback))
            json_object_set_member (values, name, json_node_copy (fallback));
        }
    }

  return_action (self, MCP_ELICITATION_ACTION_ACCEPT, values);
}

/**
 * mcp_elicitation_request_return_decline:
 * @self: a #McpElicitationRequest
 *
 * Completes the request: the user explicitly declined.
 *
 * Since: 0.1
 */
void
mcp_elicitation_request_return_decline (McpElicitationRequest *self)
{
  g_return_if_fail (MCP_IS_ELICITATION_REQUEST (self));

  return_action (self, MCP_ELICITATION_ACTION_DECLINE, NULL);
}

/**
 * mcp_elicitation_request_return_cancel:
 * @self: a #McpElicitationRequest
 *
 * Completes the request: the user dismissed it without choosing.
 *
 * Since: 0.1
 */
void
mcp_elicitation_request_return_cancel (McpElicitationRequest *self)
{
  g_return_if_fail (MCP_IS_ELICITATION_REQUEST (self));

  return_action (self, MCP_ELICITATION_ACTION_CANCEL, NULL);
}

/**
 * mcp_elicitation_request_return_gerror:
 * @self: a #McpElicitationRequest
 * @error: what went wrong
 *
 * Completes the request with a JSON-RPC error made from @error.
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_RETURN_GERROR (McpElicitationRequest, mcp_elicitation_request, request)
