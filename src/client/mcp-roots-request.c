/* mcp-roots-request.c
 *
 * Client side: a server's roots request, as the client's roots handler
 * receives it.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-client-private.h"
#include "mcp-json-node-private.h"
#include "mcp-request-private.h"
#include "mcp-root.h"

/**
 * McpRootsRequest:
 *
 * A server's `roots/list` request, handed to the client's #McpRootsHandler
 * when the application computes its roots on demand. A client that knows
 * its roots in advance just calls mcp_client_set_roots() and needs no
 * handler.
 *
 * The handler answers with mcp_roots_request_return_roots(), now or later,
 * exactly once.
 *
 * Since: 0.1
 */

struct _McpRootsRequest
{
  GObject     parent_instance;

  McpClient  *client;
  McpRequest *request;
};

G_DEFINE_FINAL_TYPE (McpRootsRequest, mcp_roots_request, G_TYPE_OBJECT)

static void
mcp_roots_request_finalize (GObject *object)
{
  McpRootsRequest *self = (McpRootsRequest *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (mcp_roots_request_parent_class)->finalize (object);
}

static void
mcp_roots_request_class_init (McpRootsRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_roots_request_finalize;
}

static void
mcp_roots_request_init (McpRootsRequest *self)
{
}

McpRootsRequest *
_mcp_roots_request_new (McpClient  *client,
                        McpRequest *request)
{
  McpRootsRequest *self = g_object_new (MCP_TYPE_ROOTS_REQUEST, NULL);

  self->client = g_object_ref (client);
  self->request = g_object_ref (request);
  return self;
}

/**
 * mcp_roots_request_get_client:
 * @self: a #McpRootsRequest
 *
 * Gets the client.
 *
 * Returns: (transfer none): the client
 *
 * Since: 0.1
 */
McpClient *
mcp_roots_request_get_client (McpRootsRequest *self)
{
  g_return_val_if_fail (MCP_IS_ROOTS_REQUEST (self), NULL);

  return self->client;
}

/**
 * mcp_roots_request_get_request:
 * @self: a #McpRootsRequest
 *
 * Gets the underlying JSON-RPC request.
 *
 * Returns: (transfer none): the underlying JSON-RPC request
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_REQUEST (McpRootsRequest, mcp_roots_request, request)

/**
 * mcp_roots_request_get_cancellable:
 * @self: a #McpRootsRequest
 *
 * Gets a cancellable that is cancelled when the server cancels the request or
 * the connection closes.
 *
 * Returns: (transfer none): cancelled when the server cancels the request
 *   or the connection closes
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_CANCELLABLE (McpRootsRequest, mcp_roots_request, request)

/**
 * mcp_roots_request_return_roots:
 * @self: a #McpRootsRequest
 * @roots: (element-type McpRoot): the roots
 *
 * Completes the request with @roots.
 *
 * Since: 0.1
 */
void
mcp_roots_request_return_roots (McpRootsRequest *self,
                                GPtrArray       *roots)
{
  g_autoptr(JsonNode) result = NULL;
  JsonObject *object;
  JsonArray *array;

  g_return_if_fail (MCP_IS_ROOTS_REQUEST (self));
  g_return_if_fail (roots != NULL);

  array = json_array_sized_new (roots->len);
  for (guint i = 0; i < roots->len; i++)
    json_array_add_element (array, mcp_root_to_json (g_ptr_array_index (roots, i)));

  object = json_object_new ();
  json_object_set_array_member (object, "roots", array);
  result = _mcp_json_node_new_object (object);

  mcp_request_return_result (self->request, result);
}

/**
 * mcp_roots_request_return_gerror:
 * @self: a #McpRootsRequest
 * @error: what went wrong
 *
 * Completes the request with a JSON-RPC error made from @error.
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_RETURN_GERROR (McpRootsRequest, mcp_roots_request, request)
