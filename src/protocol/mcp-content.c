/* mcp-content.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-content.h"
#include "mcp-json-node-private.h"

static char *
bytes_to_base64 (GBytes *data)
{
  gsize size = 0;
  const guchar *bytes = g_bytes_get_data (data, &size);

  return g_base64_encode (bytes, size);
}

/* Resource contents: @uri, the optional @mime_type and the contents
 * themselves as @member ("text" or "blob"). */
static JsonNode *
new_contents (const char *uri,
              const char *mime_type,
              const char *member,
              const char *value)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "uri", uri);
  if (mime_type != NULL)
    json_object_set_string_member (object, "mimeType", mime_type);
  json_object_set_string_member (object, member, value);
  return _mcp_json_node_new_object (object);
}

static JsonNode *
new_binary_content (const char *type,
                    GBytes     *data,
                    const char *mime_type)
{
  JsonObject *object = json_object_new ();
  g_autofree char *encoded = bytes_to_base64 (data);

  json_object_set_string_member (object, "type", type);
  json_object_set_string_member (object, "data", encoded);
  json_object_set_string_member (object, "mimeType", mime_type);
  return _mcp_json_node_new_object (object);
}

/**
 * mcp_content_new_text:
 * @text: the text
 *
 * Builds a `text` content block.
 *
 * Returns: (transfer full): a new content block
 *
 * Since: 0.1
 */
JsonNode *
mcp_content_new_text (const char *text)
{
  JsonObject *object;

  g_return_val_if_fail (text != NULL, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "type", "text");
  json_object_set_string_member (object, "text", text);
  return _mcp_json_node_new_object (object);
}

/**
 * mcp_content_new_image:
 * @data: the image bytes
 * @mime_type: the image's MIME type, such as `image/png`
 *
 * Builds an `image` content block; the bytes are base64-encoded.
 *
 * Returns: (transfer full): a new content block
 *
 * Since: 0.1
 */
JsonNode *
mcp_content_new_image (GBytes     *data,
                       const char *mime_type)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);

  return new_binary_content ("image", data, mime_type);
}

/**
 * mcp_content_new_audio:
 * @data: the audio bytes
 * @mime_type: the audio MIME type, such as `audio/wav`
 *
 * Builds an `audio` content block; the bytes are base64-encoded.
 *
 * Returns: (transfer full): a new content block
 *
 * Since: 0.1
 */
JsonNode *
mcp_content_new_audio (GBytes     *data,
                       const char *mime_type)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);

  return new_binary_content ("audio", data, mime_type);
}

/**
 * mcp_content_new_text_contents:
 * @uri: the resource URI
 * @mime_type: (nullable): the MIME type
 * @text: the text
 *
 * Builds text resource contents, as found in `resources/read` results and
 * embedded resources.
 *
 * Returns: (transfer full): a new object
 *
 * Since: 0.1
 */
JsonNode *
mcp_content_new_text_contents (const char *uri,
                               const char *mime_type,
                               const char *text)
{
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return new_contents (uri, mime_type, "text", text);
}

/**
 * mcp_content_new_blob_contents:
 * @uri: the resource URI
 * @mime_type: (nullable): the MIME type
 * @data: the bytes
 *
 * Builds binary resource contents; the bytes are base64-encoded as `blob`.
 *
 * Returns: (transfer full): a new object
 *
 * Since: 0.1
 */
JsonNode *
mcp_content_new_blob_contents (const char *uri,
                               const char *mime_type,
                               GBytes     *data)
{
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  encoded = bytes_to_base64 (data);
  return new_contents (uri, mime_type, "blob", encoded);
}

static JsonNode *
new_embedded (JsonNode *contents)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "type", "resource");
  json_object_set_member (object, "resource", contents);
  return _mcp_json_node_new_object (object);
}

/**
 * mcp_content_new_embedded_text:
 * @uri: the resource URI
 * @mime_type: (nullable): the MIME type
 * @text: the resource text
 *
 * Builds an embedded-resource (`resource`) content block with text contents.
 *
 * Returns: (transfer full): a new content block
 *
 * Since: 0.1
 */
JsonNode *
mcp_content_new_embedded_text (const char *uri,
                               const char *mime_type,
                               const char *text)
{
  return new_embedded (mcp_content_new_text_contents (uri, mime_type, text));
}

/**
 * mcp_content_new_embedded_blob:
 * @uri: the resource URI
 * @mime_type: (nullable): the MIME type
 * @data: the resource bytes
 *
 * Builds an embedded-resource (`resource`) content block with binary contents.
 *
 * Returns: (transfer full): a new content block
 *
 * Since: 0.1
 */
JsonNode *
mcp_content_new_embedded_blob (const char *uri,
                               const char *mime_type,
                               GBytes     *data)
{
  return new_embedded (mcp_content_new_blob_contents (uri, mime_type, data));
}

/**
 * mcp_content_new_resource_link:
 * @uri: the resource URI
 * @name: the resource name
 * @description: (nullable): a description
 * @mime_type: (nullable): the MIME type
 *
 * Builds a `resource_link` content block: a pointer to a resource the client
 * may read, rather than its contents.
 *
 * Returns: (transfer full): a new content block
 *
 * Since: 0.1
 */
JsonNode *
mcp_content_new_resource_link (const char *uri,
                               const char *name,
                               const char *description,
                               const char *mime_type)
{
  JsonObject *object;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "type", "resource_link");
  json_object_set_string_member (object, "uri", uri);
  json_object_set_string_member (object, "name", name);
  if (description != NULL)
    json_object_set_string_member (object, "description", description);
  if (mime_type != NULL)
    json_object_set_string_member (object, "mimeType", mime_type);
  return _mcp_json_node_new_object (object);
}

/**
 * mcp_content_new_message:
 * @role: who the message is from
 * @content: the content: one block, or for sampling an array of blocks
 *
 * Builds a `{"role": …, "content": …}` message, the shape of prompt messages
 * and of the `messages` of mcp_server_session_create_message_async().
 *
 * Returns: (transfer full): a new message object
 *
 * Since: 0.1
 */
JsonNode *
mcp_content_new_message (McpRole   role,
                         JsonNode *content)
{
  JsonObject *object;

  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (content) || JSON_NODE_HOLDS_ARRAY (content), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "role", mcp_role_to_string (role));
  json_object_set_member (object, "content", json_node_copy (content));
  return _mcp_json_node_new_object (object);
}
