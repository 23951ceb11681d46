/* fuzz-message.c: a line from a peer, as the session takes it in
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Parses the input the way a transport does, classifies it with
 * mcp_message_parse() and builds what the session would send back: an error
 * with a null id for text that is not JSON, an "Invalid Request" error
 * (carrying the id when one could be read) for an invalid message, the
 * GError a pending call would finish with for an error response, and a reply
 * for a request. Every reply must be one line of valid UTF-8 JSON that
 * parses as the error or response it is meant to be, with the right id.
 * The envelope reader the transports try first must read the input the
 * same way, or decline it.
 */

#include "config.h"

#include "fuzz-common.h"

#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-json-reader-private.h"
#include "mcp-message-private.h"
#include "mcp-message.h"

/* The text of a reply: one NDJSON line that reads back as @expected_kind
 * with @id (or none) and, for an error, @code. */
static void
check_reply (JsonNode       *reply,
             McpMessageKind  expected_kind,
             JsonNode       *id,
             gint            code)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *reply_id = NULL;
  JsonNode *payload = NULL;
  gsize length = 0;

  FUZZ_CHECK (reply != NULL);
  text = mcp_message_to_data (reply, &length);
  FUZZ_CHECK (g_utf8_validate (text, length, NULL));
  FUZZ_CHECK (memchr (text, '\n', length) == NULL);
  FUZZ_CHECK (memchr (text, '\r', length) == NULL);

  again = mcp_message_from_data (text, length, &error);
  if (again == NULL)
    {
      g_printerr ("our own reply does not parse: %s\n%s\n", error->message, text);
      abort ();
    }
  FUZZ_CHECK (mcp_message_parse (again, &reply_id, NULL, &payload, &error) == expected_kind);
  FUZZ_CHECK (error == NULL);

  if (id != NULL)
    FUZZ_CHECK (mcp_message_id_equal (id, reply_id));
  else
    FUZZ_CHECK (reply_id == NULL);

  if (expected_kind == MCP_MESSAGE_KIND_ERROR)
    FUZZ_CHECK (json_object_get_int_member (json_node_get_object (payload), "code") == code);
}

/* _mcp_json_read_envelope() either declines @data or reads what the full
 * reader and mcp_message_parse() read (@message is their tree, or NULL). */
static void
check_envelope (const uint8_t  *data,
                size_t          size,
                JsonNode       *message)
{
  McpJsonEnvelope envelope;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) tree_error = NULL;
  JsonNode *id = NULL, *tree_id = NULL;
  JsonNode *payload = NULL, *tree_payload = NULL;
  const char *method = NULL, *tree_method = NULL;

  if (!_mcp_json_read_envelope ((const char *) data, size, &envelope))
    return;

  FUZZ_CHECK (message != NULL);
  FUZZ_CHECK (_mcp_message_classify (&envelope, &id, &method, &payload, &error) ==
              mcp_message_parse (message, &tree_id, &tree_method, &tree_payload, &tree_error));
  FUZZ_CHECK (g_strcmp0 (method, tree_method) == 0);
  FUZZ_CHECK ((id == NULL) == (tree_id == NULL));
  FUZZ_CHECK (id == NULL || json_node_equal (id, tree_id));
  FUZZ_CHECK ((payload == NULL) == (tree_payload == NULL));
  FUZZ_CHECK (payload == NULL || json_node_equal (payload, tree_payload));
  FUZZ_CHECK ((error == NULL) == (tree_error == NULL));
  FUZZ_CHECK (error == NULL || g_strcmp0 (error->message, tree_error->message) == 0);
  _mcp_json_envelope_clear (&envelope);
}

static gboolean
looks_like_response (JsonNode *message)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (message))
    return FALSE;

  object = json_node_get_object (message);
  return !json_object_has_member (object, "method") &&
         (json_object_has_member (object, "result") || json_object_has_member (object, "error"));
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) message = NULL;
  g_autoptr(JsonNode) reply = NULL;
  JsonNode *id = NULL;
  JsonNode *payload = NULL;
  const char *method = NULL;
  McpMessageKind kind;

  message = mcp_message_from_data ((const char *) data, size, &error);
  check_envelope (data, size, message);
  if (message == NULL)
    {
      FUZZ_CHECK (g_error_matches (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR));
      reply = mcp_message_new_error (NULL, MCP_JSONRPC_PARSE_ERROR, error->message, NULL);
      check_reply (reply, MCP_MESSAGE_KIND_ERROR, NULL, MCP_JSONRPC_PARSE_ERROR);
      return 0;
    }

  kind = mcp_message_parse (message, &id, &method, &payload, &error);
  FUZZ_CHECK ((kind == MCP_MESSAGE_KIND_INVALID) == (error != NULL));
  if (id != NULL)
    {
      g_autofree char *key = mcp_message_id_to_key (id);

      FUZZ_CHECK (mcp_message_id_is_valid (id));
      FUZZ_CHECK (key != NULL);
    }

  switch (kind)
    {
    case MCP_MESSAGE_KIND_REQUEST:
      {
        g_autofree char *text = g_strdup_printf ("Method not found: %s", method);
        g_autoptr(JsonNode) result = NULL;

        FUZZ_CHECK (id != NULL && method != NULL);
        FUZZ_CHECK (payload == NULL || JSON_NODE_HOLDS_OBJECT (payload));

        reply = mcp_message_new_error (id, MCP_JSONRPC_METHOD_NOT_FOUND, text, NULL);
        check_reply (reply, MCP_MESSAGE_KIND_ERROR, id, MCP_JSONRPC_METHOD_NOT_FOUND);

        /* An echo of the params as the result. */
        result = payload != NULL ? json_node_ref (payload) : _mcp_json_node_new_object (json_object_new ());
        g_clear_pointer (&reply, json_node_unref);
        reply = mcp_message_new_response (id, result);
        check_reply (reply, MCP_MESSAGE_KIND_RESPONSE, id, 0);
        break;
      }

    case MCP_MESSAGE_KIND_NOTIFICATION:
      FUZZ_CHECK (id == NULL && method != NULL);
      FUZZ_CHECK (payload == NULL || JSON_NODE_HOLDS_OBJECT (payload));
      /* The session looks a notification's method up as a signal detail. */
      (void) g_quark_try_string (method);
      break;

    case MCP_MESSAGE_KIND_RESPONSE:
      FUZZ_CHECK (id != NULL && method == NULL && payload != NULL);
      break;

    case MCP_MESSAGE_KIND_ERROR:
      {
        JsonObject *object;
        g_autoptr(GError) peer_error = NULL;
        gint code;

        FUZZ_CHECK (method == NULL && payload != NULL && JSON_NODE_HOLDS_OBJECT (payload));
        object = json_node_get_object (payload);
        /* What a pending call finishes with (see handle_response ()). */
        code = json_object_get_int_member (object, "code");
        peer_error = mcp_error_new_from_jsonrpc (code,
                                                 _mcp_json_object_get_string (object, "message"),
                                                 json_object_get_member (object, "data"));
        FUZZ_CHECK (mcp_error_get_jsonrpc_code (peer_error) == code);
        /* A proxy passes it on. */
        reply = mcp_message_new_error_from_gerror (id, peer_error);
        check_reply (reply, MCP_MESSAGE_KIND_ERROR, id, code);
        break;
      }

    case MCP_MESSAGE_KIND_INVALID:
    default:
      FUZZ_CHECK (g_error_matches (error, MCP_ERROR, MCP_ERROR_INVALID_REQUEST));
      if (!looks_like_response (message))
        {
          reply = mcp_message_new_error (id, MCP_JSONRPC_INVALID_REQUEST, error->message, NULL);
          check_reply (reply, MCP_MESSAGE_KIND_ERROR, id, MCP_JSONRPC_INVALID_REQUEST);
        }
      break;
    }

  /* A valid message written out reads back as the same kind. */
  if (kind != MCP_MESSAGE_KIND_INVALID)
    {
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) again = NULL;
      g_autoptr(GError) again_error = NULL;
      gsize length;

      text = mcp_message_to_data (message, &length);
      again = mcp_message_from_data (text, length, &again_error);
      FUZZ_CHECK (again != NULL);
      FUZZ_CHECK (mcp_message_parse (again, NULL, NULL, NULL, NULL) == kind);
    }

  return 0;
}
