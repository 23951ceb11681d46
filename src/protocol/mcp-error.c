/* mcp-error.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-error-private.h"
#include "mcp-envelope-private.h"

/* Errors that came from a peer keep the exact wire code and `data`, so a
 * caller can tell -32000 from -32099 even though both map to
 * MCP_ERROR_FAILED. */
typedef struct
{
  gint      jsonrpc_code;
  gboolean  has_jsonrpc_code;   /* a peer may well send code 0 */
  JsonNode *data;
  gboolean  not_delivered;      /* provably never reached a server */
} McpErrorPrivate;

static void
mcp_error_private_init (McpErrorPrivate *priv)
{
  priv->jsonrpc_code = 0;
  priv->has_jsonrpc_code = FALSE;
  priv->data = NULL;
  priv->not_delivered = FALSE;
}

static void
mcp_error_private_copy (const McpErrorPrivate *src,
                        McpErrorPrivate       *dest)
{
  dest->jsonrpc_code = src->jsonrpc_code;
  dest->has_jsonrpc_code = src->has_jsonrpc_code;
  dest->data = src->data != NULL ? json_node_copy (src->data) : NULL;
  dest->not_delivered = src->not_delivered;
}

static void
mcp_error_private_clear (McpErrorPrivate *priv)
{
  g_clear_pointer (&priv->data, json_node_unref);
}

/**
 * mcp_error_quark:
 *
 * The quark of the %MCP_ERROR domain.
 *
 * Returns: the error domain quark
 *
 * Since: 0.1
 */
G_DEFINE_EXTENDED_ERROR (McpError, mcp_error)

static const struct {
  McpError code;
  gint     wire;
} error_map[] = {
  { MCP_ERROR_PARSE_ERROR, MCP_JSONRPC_PARSE_ERROR },
  { MCP_ERROR_INVALID_REQUEST, MCP_JSONRPC_INVALID_REQUEST },
  { MCP_ERROR_METHOD_NOT_FOUND, MCP_JSONRPC_METHOD_NOT_FOUND },
  { MCP_ERROR_INVALID_PARAMS, MCP_JSONRPC_INVALID_PARAMS },
  { MCP_ERROR_INTERNAL_ERROR, MCP_JSONRPC_INTERNAL_ERROR },
  { MCP_ERROR_RESOURCE_NOT_FOUND, MCP_JSONRPC_RESOURCE_NOT_FOUND },
  { MCP_ERROR_URL_ELICITATION_REQUIRED, MCP_JSONRPC_URL_ELICITATION_REQUIRED },
  { MCP_ERROR_CONNECTION_CLOSED, MCP_JSONRPC_CONNECTION_CLOSED },
  { MCP_ERROR_TIMEOUT, MCP_JSONRPC_REQUEST_TIMEOUT },
};

/**
 * mcp_error_to_jsonrpc_code:
 * @code: an #McpError
 *
 * Maps an error code to the JSON-RPC code that carries it on the wire.
 * Codes with no wire form of their own map to -32603 (internal error).
 *
 * Returns: a JSON-RPC error code
 *
 * Since: 0.1
 */
gint
mcp_error_to_jsonrpc_code (McpError code)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_map); i++)
    {
      if (error_map[i].code == code)
        return error_map[i].wire;
    }

  return MCP_JSONRPC_INTERNAL_ERROR;
}

/**
 * mcp_error_from_jsonrpc_code:
 * @jsonrpc_code: a JSON-RPC error code
 *
 * Maps a JSON-RPC code to the #McpError that represents it; codes without a
 * meaning of their own map to %MCP_ERROR_FAILED. The 2026-07-28 era's
 * MissingRequiredClientCapability (-32021) is
 * %MCP_ERROR_CAPABILITY_NOT_SUPPORTED.
 *
 * Returns: an #McpError
 *
 * Since: 0.1
 */
McpError
mcp_error_from_jsonrpc_code (gint jsonrpc_code)
{
  /* One way only: what we send for a missing capability depends on the
   * era, so the reverse map stays -32603. */
  if (jsonrpc_code == MCP_JSONRPC_MISSING_REQUIRED_CLIENT_CAPABILITY)
    return MCP_ERROR_CAPABILITY_NOT_SUPPORTED;

  for (guint i = 0; i < G_N_ELEMENTS (error_map); i++)
    {
      if (error_map[i].wire == jsonrpc_code)
        return error_map[i].code;
    }

  return MCP_ERROR_FAILED;
}

/**
 * mcp_error_new_from_jsonrpc:
 * @jsonrpc_code: the code of the JSON-RPC error object
 * @message: (nullable): its message
 * @data: (nullable): its `data` member
 *
 * Makes a #GError in the %MCP_ERROR domain from a JSON-RPC error object a
 * peer sent, keeping the exact code and data.
 *
 * Returns: (transfer full): a new #GError
 *
 * Since: 0.1
 */
GError *
mcp_error_new_from_jsonrpc (gint        jsonrpc_code,
                            const char *message,
                            JsonNode   *data)
{
  GError *error;
  McpErrorPrivate *priv;

  error = g_error_new_literal (MCP_ERROR,
                               mcp_error_from_jsonrpc_code (jsonrpc_code),
                               message != NULL ? message : "Unknown error");
  priv = mcp_error_get_private (error);
  priv->jsonrpc_code = jsonrpc_code;
  priv->has_jsonrpc_code = TRUE;
  if (data != NULL)
    priv->data = json_node_copy (data);

  return error;
}

/**
 * mcp_error_get_jsonrpc_code:
 * @error: a #GError
 *
 * Gets the JSON-RPC code for @error: the code a peer sent when the error came
 * from one, the mapped code for other %MCP_ERROR errors, and -32603 for
 * errors of any other domain.
 *
 * Returns: a JSON-RPC error code
 *
 * Since: 0.1
 */
gint
mcp_error_get_jsonrpc_code (const GError *error)
{
  g_return_val_if_fail (error != NULL, MCP_JSONRPC_INTERNAL_ERROR);

  if (error->domain != MCP_ERROR)
    return MCP_JSONRPC_INTERNAL_ERROR;

  if (mcp_error_get_private (error)->has_jsonrpc_code)
    return mcp_error_get_private (error)->jsonrpc_code;

  return mcp_error_to_jsonrpc_code (error->code);
}

/**
 * mcp_error_get_data:
 * @error: a #GError
 *
 * Gets the `data` member of the JSON-RPC error a peer sent, if any.
 *
 * Returns: (transfer none) (nullable): the data, or %NULL
 *
 * Since: 0.1
 */
JsonNode *
mcp_error_get_data (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != MCP_ERROR)
    return NULL;

  return mcp_error_get_private (error)->data;
}

void
_mcp_error_set_not_delivered (GError *error)
{
  if (error != NULL && error->domain == MCP_ERROR)
    mcp_error_get_private (error)->not_delivered = TRUE;
}

/**
 * mcp_error_is_retryable:
 * @error: an error from mcp-glib
 *
 * Tells whether the request that failed with @error provably never reached
 * a server, so that sending it again, to this server or another, cannot run
 * it twice: the connect was refused or failed, TLS failed, a name did not
 * resolve, the pool's URL policy refused the destination, or the server
 * answered HTTP 503 (Service Unavailable) without processing it. Errors
 * from #McpConnectionPool services that failed before anything was sent are
 * marked so as well.
 *
 * An error after the request was sent (the connection dropped, the reply
 * timed out) is not retryable by this rule, since the request may have run:
 * retry it only if it is safe to run twice (a tool annotated `readOnlyHint`
 * or `idempotentHint`, or one the caller knows to be idempotent). Neither
 * is an error the server answered, such as a JSON-RPC error.
 *
 * Returns: %TRUE if sending the request again is safe
 *
 * Since: 0.1
 */
gboolean
mcp_error_is_retryable (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain == MCP_ERROR)
    {
      if (mcp_error_get_private (error)->not_delivered)
        return TRUE;
      if (error->code == MCP_ERROR_URL_REFUSED || error->code == MCP_ERROR_NOT_CONNECTED)
        return TRUE;
      /* The HTTP transport words a refusal by status as "HTTP <status> …";
       * a 503 is the server (or its proxy) declining before any work. */
      return error->code == MCP_ERROR_TRANSPORT && g_str_has_prefix (error->message, "HTTP 503 ");
    }

  if (error->domain == G_IO_ERROR)
    return error->code == G_IO_ERROR_CONNECTION_REFUSED ||
           error->code == G_IO_ERROR_HOST_NOT_FOUND ||
           error->code == G_IO_ERROR_HOST_UNREACHABLE ||
           error->code == G_IO_ERROR_NETWORK_UNREACHABLE;

  return error->domain == G_TLS_ERROR || error->domain == G_RESOLVER_ERROR;
}
