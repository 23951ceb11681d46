/* mcp-message.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-json-reader-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-message.h"
#include "mcp-message-private.h"
#include "mcp-protocol.h"

static JsonObject *
new_envelope (void)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "jsonrpc", MCP_JSONRPC_VERSION);
  return object;
}

/**
 * mcp_message_new_request:
 * @id: the request id, a string or integer node
 * @method: the method name
 * @params: (nullable): the params object
 *
 * Builds a JSON-RPC request.
 *
 * Returns: (transfer full): a new message
 *
 * Since: 0.1
 */
JsonNode *
mcp_message_new_request (JsonNode   *id,
                         const char *method,
                         JsonNode   *params)
{
  JsonObject *object;

  g_return_val_if_fail (mcp_message_id_is_valid (id), NULL);
  g_return_val_if_fail (method != NULL, NULL);

  object = new_envelope ();
  json_object_set_member (object, "id", json_node_copy (id));
  json_object_set_string_member (object, "method", method);
  if (params != NULL)
    json_object_set_member (object, "params", json_node_copy (params));

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_message_new_notification:
 * @method: the method name
 * @params: (nullable): the params object
 *
 * Builds a JSON-RPC notification.
 *
 * Returns: (transfer full): a new message
 *
 * Since: 0.1
 */
JsonNode *
mcp_message_new_notification (const char *method,
                              JsonNode   *params)
{
  JsonObject *object;

  g_return_val_if_fail (method != NULL, NULL);

  object = new_envelope ();
  json_object_set_string_member (object, "method", method);
  if (params != NULL)
    json_object_set_member (object, "params", json_node_copy (params));

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_message_new_response:
 * @id: the id of the request being answered
 * @result: (nullable): the result; %NULL stands for an empty object
 *
 * Builds a successful JSON-RPC response.
 *
 * Returns: (transfer full): a new message
 *
 * Since: 0.1
 */
JsonNode *
mcp_message_new_response (JsonNode *id,
                          JsonNode *result)
{
  JsonObject *object;

  g_return_val_if_fail (mcp_message_id_is_valid (id), NULL);

  object = new_envelope ();
  json_object_set_member (object, "id", json_node_copy (id));
  if (result != NULL)
    json_object_set_member (object, "result", json_node_copy (result));
  else
    json_object_set_object_member (object, "result", json_object_new ());

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_message_new_error:
 * @id: (nullable): the id of the request being answered, or %NULL when it
 *   could not be read. The message then has no `id` member: JSON-RPC 2.0
 *   asks for `null`, but the MCP schema (2025-11-25) allows only a string
 *   or an integer, or no id at all.
 * @code: the JSON-RPC error code
 * @message: the error message
 * @data: (nullable): additional data
 *
 * Builds a JSON-RPC error response.
 *
 * Returns: (transfer full): a new message
 *
 * Since: 0.1
 */
JsonNode *
mcp_message_new_error (JsonNode   *id,
                       gint        code,
                       const char *message,
                       JsonNode   *data)
{
  JsonObject *object;
  JsonObject *error;
  g_autofree char *valid = NULL;

  g_return_val_if_fail (message != NULL, NULL);

  object = new_envelope ();
  if (id != NULL && mcp_message_id_is_valid (id))
    json_object_set_member (object, "id", json_node_copy (id));

  error = json_object_new ();
  json_object_set_int_member (error, "code", code);
  /* Error text often quotes what the peer sent; the wire must stay UTF-8. */
  if (g_utf8_validate (message, -1, NULL))
    json_object_set_string_member (error, "message", message);
  else
    json_object_set_string_member (error, "message",
                                   (valid = g_utf8_make_valid (message, -1)));
  if (data != NULL)
    json_object_set_member (error, "data", json_node_copy (data));
  json_object_set_object_member (object, "error", error);

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_message_new_error_from_gerror:
 * @id: (nullable): the id of the request being answered
 * @error: the error
 *
 * Builds a JSON-RPC error response from a #GError, using
 * mcp_error_get_jsonrpc_code() for the code.
 *
 * Returns: (transfer full): a new message
 *
 * Since: 0.1
 */
JsonNode *
mcp_message_new_error_from_gerror (JsonNode     *id,
                                   const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  return mcp_message_new_error (id,
                                mcp_error_get_jsonrpc_code (error),
                                error->message,
                                mcp_error_get_data (error));
}

/**
 * mcp_message_id_is_valid:
 * @id: (nullable): a node
 *
 * Tells whether @id can be an MCP request id: a string or an integer. (MCP,
 * unlike plain JSON-RPC, does not allow `null`.)
 *
 * Returns: %TRUE if @id is a valid request id
 *
 * Since: 0.1
 */
gboolean
mcp_message_id_is_valid (JsonNode *id)
{
  GType type;

  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id))
    return FALSE;

  type = json_node_get_value_type (id);
  return type == G_TYPE_STRING || type == G_TYPE_INT64;
}

/**
 * mcp_message_id_equal:
 * @a: a request id
 * @b: another request id
 *
 * Compares two ids by exact JSON value: the string `"7"` and the integer `7`
 * are different ids.
 *
 * Returns: %TRUE if the ids are the same
 *
 * Since: 0.1
 */
gboolean
mcp_message_id_equal (JsonNode *a,
                      JsonNode *b)
{
  if (!mcp_message_id_is_valid (a) || !mcp_message_id_is_valid (b))
    return FALSE;

  if (json_node_get_value_type (a) != json_node_get_value_type (b))
    return FALSE;

  if (json_node_get_value_type (a) == G_TYPE_STRING)
    return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;

  return json_node_get_int (a) == json_node_get_int (b);
}

/**
 * mcp_message_id_to_key:
 * @id: a request id
 *
 * Makes a string that is equal for two ids exactly when
 * mcp_message_id_equal() says they are, for use as a hash table key.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL for an invalid id
 *
 * Since: 0.1
 */
/* "i:" and the decimal digits, as "i:%" G_GINT64_FORMAT writes them, without
 * printf: every request makes a key or two. */
static char *
int_key (gint64 value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;
  gsize n;
  char *key;

  do
    {
      *--p = '0' + (char) (magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (value < 0)
    *--p = '-';

  n = digits + sizeof digits - p;
  key = g_malloc (n + 3);
  key[0] = 'i';
  key[1] = ':';
  memcpy (key + 2, p, n);
  key[n + 2] = '\0';
  return key;
}

char *
mcp_message_id_to_key (JsonNode *id)
{
  if (!mcp_message_id_is_valid (id))
    return NULL;

  if (json_node_get_value_type (id) == G_TYPE_STRING)
    return g_strconcat ("s:", json_node_get_string (id), NULL);

  return int_key (json_node_get_int (id));
}

static McpMessageKind
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_REQUEST, message);
  return MCP_MESSAGE_KIND_INVALID;
}

/* The rules of mcp_message_parse(), on the top-level members of a message
 * however they were read; *@method and *@payload are only meaningful when
 * the kind is not MCP_MESSAGE_KIND_INVALID. */
static McpMessageKind
classify (const McpJsonEnvelope  *members,
          const char            **method,
          JsonNode              **payload,
          GError                **error)
{
  JsonNode *id_node = members->id;
  JsonNode *params_node = members->params;
  JsonNode *result_node = members->result;
  JsonNode *error_node = members->error;

  if (members->jsonrpc == NULL || strcmp (members->jsonrpc, MCP_JSONRPC_VERSION) != 0)
    return invalid (error, "The jsonrpc member must be \"2.0\"");

  if (members->has_method)
    {
      if (members->method == NULL)
        return invalid (error, "The method member must be a string");

      if (result_node != NULL || error_node != NULL)
        return invalid (error, "A request cannot carry result or error");

      if (params_node != NULL && !JSON_NODE_HOLDS_OBJECT (params_node))
        return invalid (error, "The params member must be an object");

      *method = members->method;
      *payload = params_node;

      if (id_node == NULL)
        return MCP_MESSAGE_KIND_NOTIFICATION;

      if (!mcp_message_id_is_valid (id_node))
        return invalid (error, "The id member must be a string or an integer");

      return MCP_MESSAGE_KIND_REQUEST;
    }

  if (result_node != NULL && error_node != NULL)
    return invalid (error, "A response cannot carry both result and error");

  if (result_node != NULL)
    {
      if (!mcp_message_id_is_valid (id_node))
        return invalid (error, "A response id must be a string or an integer");

      *payload = result_node;
      return MCP_MESSAGE_KIND_RESPONSE;
    }

  if (error_node != NULL)
    {
      JsonObject *error_object;
      JsonNode *code;

      if (!JSON_NODE_HOLDS_OBJECT (error_node))
        return invalid (error, "The error member must be an object");

      error_object = json_node_get_object (error_node);
      code = json_object_get_member (error_object, "code");
      if (code == NULL || !JSON_NODE_HOLDS_VALUE (code) ||
          json_node_get_value_type (code) != G_TYPE_INT64)
        return invalid (error, "The error code must be an integer");

      if (id_node != NULL && !JSON_NODE_HOLDS_NULL (id_node) &&
          !mcp_message_id_is_valid (id_node))
        return invalid (error, "A response id must be a string or an integer");

      *payload = error_node;
      return MCP_MESSAGE_KIND_ERROR;
    }

  if (id_node != NULL)
    return invalid (error, "A request needs a method");

  return invalid (error, "Not a JSON-RPC request, notification or response");
}

McpMessageKind
_mcp_message_classify (const McpJsonEnvelope  *members,
                       JsonNode              **id,
                       const char            **method,
                       JsonNode              **payload,
                       GError                **error)
{
  McpMessageKind kind;

  *id = mcp_message_id_is_valid (members->id) ? members->id : NULL;
  *method = NULL;
  *payload = NULL;

  kind = classify (members, method, payload, error);
  if (kind == MCP_MESSAGE_KIND_INVALID)
    {
      *method = NULL;
      *payload = NULL;
    }
  return kind;
}

gboolean
_mcp_message_members_look_like_response (const McpJsonEnvelope *members)
{
  return !members->has_method && (members->result != NULL || members->error != NULL);
}

/**
 * mcp_message_parse:
 * @message: a JSON-RPC message
 * @id: (out) (optional) (nullable) (transfer none): the id, if the message has
 *   a valid one
 * @method: (out) (optional) (nullable) (transfer none): the method of a
 *   request or notification
 * @payload: (out) (optional) (nullable) (transfer none): the `params` of a
 *   request or notification, the `result` of a response, or the `error`
 *   object of an error response
 * @error: return location for a #GError
 *
 * Classifies and validates one JSON-RPC 2.0 message. A message that breaks
 * the rules — not an object, a wrong `jsonrpc`, an `id` that is not a string
 * or integer, `params` that are not an object, both `result` and `error` —
 * is %MCP_MESSAGE_KIND_INVALID with an %MCP_ERROR_INVALID_REQUEST error.
 * @method and @payload are then %NULL; only @id is still set when a valid
 * one could be read, so the error reply can carry it.
 *
 * Returns: the kind of message
 *
 * Since: 0.1
 */
McpMessageKind
mcp_message_parse (JsonNode    *message,
                   JsonNode   **id,
                   const char **method,
                   JsonNode   **payload,
                   GError     **error)
{
  const char *found_method = NULL;
  JsonNode *found_payload = NULL;
  McpJsonEnvelope members = { NULL, };
  JsonNode *method_node;
  JsonObject *object;
  McpMessageKind kind;

  if (id != NULL)
    *id = NULL;
  if (method != NULL)
    *method = NULL;
  if (payload != NULL)
    *payload = NULL;

  g_return_val_if_fail (message != NULL, MCP_MESSAGE_KIND_INVALID);

  if (JSON_NODE_HOLDS_ARRAY (message))
    return invalid (error, "Batch requests are not supported");

  if (!JSON_NODE_HOLDS_OBJECT (message))
    return invalid (error, "A JSON-RPC message must be an object");

  object = json_node_get_object (message);
  members.id = json_object_get_member (object, "id");
  members.params = json_object_get_member (object, "params");
  members.result = json_object_get_member (object, "result");
  members.error = json_object_get_member (object, "error");
  members.jsonrpc = _mcp_json_object_get_string (object, "jsonrpc");
  method_node = json_object_get_member (object, "method");
  members.has_method = method_node != NULL;
  members.method = _mcp_json_node_is_string (method_node) ? json_node_get_string (method_node) : NULL;

  if (id != NULL && mcp_message_id_is_valid (members.id))
    *id = members.id;

  kind = classify (&members, &found_method, &found_payload, error);
  if (kind == MCP_MESSAGE_KIND_INVALID)
    return kind;

  if (method != NULL)
    *method = found_method;
  if (payload != NULL)
    *payload = found_payload;
  return kind;
}

/**
 * mcp_message_from_data:
 * @data: (array length=length) (element-type guint8): UTF-8 JSON text
 * @length: the length of @data, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Parses one message. Invalid UTF-8, nesting deeper than
 * %MCP_MESSAGE_MAX_DEPTH, a member name used twice in one object and
 * anything else that is not strict RFC 8259 JSON fail with
 * %MCP_ERROR_PARSE_ERROR; the parser does not recurse.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL on error
 *
 * Since: 0.1
 */
JsonNode *
mcp_message_from_data (const char  *data,
                       gssize       length,
                       GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);

  return _mcp_json_parse (data, length, error);
}

/**
 * mcp_message_to_data:
 * @message: a message
 * @length: (out) (optional): the length of the text
 *
 * Serializes a message as compact JSON on one line.
 *
 * Returns: (transfer full): the JSON text
 *
 * Since: 0.1
 */
char *
mcp_message_to_data (JsonNode *message,
                     gsize    *length)
{
  g_return_val_if_fail (message != NULL, NULL);

  return _mcp_json_to_string (message, length);
}
