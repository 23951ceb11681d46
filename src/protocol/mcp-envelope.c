/* mcp-envelope.c: the per-request `_meta` envelope of the 2026-07-28 era
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The 2026-07-28 revision ("modern" in its versioning page) has no
 * `initialize`: every request carries, in `params._meta`,
 *
 *   io.modelcontextprotocol/protocolVersion     string, required
 *   io.modelcontextprotocol/clientCapabilities  object, required
 *   io.modelcontextprotocol/clientInfo          Implementation, optional
 *   io.modelcontextprotocol/logLevel            LoggingLevel, optional
 *
 * and every result carries a `resultType` ("complete", or "input_required"
 * for a multi round-trip request) and SHOULD carry the server's identity in
 * `_meta["io.modelcontextprotocol/serverInfo"]`.
 *
 * A request is modern when its `_meta` names a protocol version; the
 * server then serves it statelessly. Anything else belongs to the
 * handshake ("legacy") era and goes to the session that `initialize`
 * opened. A modern request missing a required field is malformed:
 * -32602, and 400 on HTTP.
 */

#include "config.h"

#include <string.h>

#include "mcp-envelope-private.h"
#include "mcp-error.h"
#include "mcp-protocol.h"

static const char * const modern_versions[] = {
  "2026-07-28",
  NULL
};

/* The protocol versions of the per-request era that mcp-glib speaks,
 * newest first. */
const char * const *
_mcp_envelope_modern_versions (void)
{
  return modern_versions;
}

gboolean
_mcp_envelope_version_is_modern (const char *version)
{
  if (version == NULL)
    return FALSE;

  for (guint i = 0; modern_versions[i] != NULL; i++)
    if (strcmp (modern_versions[i], version) == 0)
      return TRUE;

  return FALSE;
}

static JsonObject *
meta_of (JsonObject *params)
{
  JsonNode *meta;

  if (params == NULL)
    return NULL;

  meta = json_object_get_member (params, "_meta");
  if (meta == NULL || !JSON_NODE_HOLDS_OBJECT (meta))
    return NULL;

  return json_node_get_object (meta);
}

/**
 * _mcp_envelope_is_present:
 * @params: (nullable): a request's params
 *
 * Whether the request speaks the per-request era: its `_meta` holds one of
 * the envelope's keys. It may still be malformed (a version but no
 * capabilities, or the reverse): that is -32602, not the handshake era,
 * and an unknown version is -32022.
 */
gboolean
_mcp_envelope_is_present (JsonObject *params)
{
  static const char * const keys[] = {
    MCP_META_PROTOCOL_VERSION, MCP_META_CLIENT_CAPABILITIES, MCP_META_CLIENT_INFO,
    MCP_META_LOG_LEVEL,
  };
  JsonObject *meta = meta_of (params);

  if (meta == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (json_object_has_member (meta, keys[i]))
      return TRUE;

  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
malformed (GError    **error,
           const char *why)
{
  g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "Invalid request _meta: %s", why);
  return FALSE;
}

/**
 * _mcp_envelope_read:
 * @params: (nullable): a request's params
 * @envelope: (out caller-allocates): what the request says about itself
 * @error: %MCP_ERROR_INVALID_PARAMS when a required field is missing or a
 *   field has the wrong type
 *
 * Reads the envelope of a modern request. It does not judge the version:
 * see _mcp_envelope_version_is_modern().
 */
gboolean
_mcp_envelope_read (JsonObject  *params,
                    McpEnvelope *envelope,
                    GError     **error)
{
  JsonObject *meta = meta_of (params);
  JsonNode *node;

  g_return_val_if_fail (envelope != NULL, FALSE);

  memset (envelope, 0, sizeof *envelope);

  if (meta == NULL)
    return malformed (error, "missing");

  node = json_object_get_member (meta, MCP_META_PROTOCOL_VERSION);
  if (node == NULL)
    return malformed (error, MCP_META_PROTOCOL_VERSION " is required");
  if (!is_string (node))
    return malformed (error, MCP_META_PROTOCOL_VERSION " must be a string");
  envelope->protocol_version = json_node_get_string (node);

  node = json_object_get_member (meta, MCP_META_CLIENT_CAPABILITIES);
  if (node == NULL)
    return malformed (error, MCP_META_CLIENT_CAPABILITIES " is required");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return malformed (error, MCP_META_CLIENT_CAPABILITIES " must be an object");
  envelope->client_capabilities = json_node_get_object (node);

  node = json_object_get_member (meta, MCP_META_CLIENT_INFO);
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *info;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return malformed (error, MCP_META_CLIENT_INFO " must be an object");
      info = json_node_get_object (node);
      if (!is_string (json_object_get_member (info, "name")) ||
          !is_string (json_object_get_member (info, "version")))
        return malformed (error, MCP_META_CLIENT_INFO " needs a name and a version");
      envelope->client_info = info;
    }

  node = json_object_get_member (meta, MCP_META_LOG_LEVEL);
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      McpLoggingLevel level;

      if (!is_string (node) || !mcp_logging_level_from_string (json_node_get_string (node), &level))
        return malformed (error, MCP_META_LOG_LEVEL " must be a logging level");
      envelope->log_level = json_node_get_string (node);
    }

  return TRUE;
}

/**
 * _mcp_envelope_new_request_meta:
 *
 * The `_meta` a client puts on a modern request (the caller adds its own
 * keys, such as `progressToken`, to the object it gets).
 *
 * Returns: (transfer full): a new object
 */
JsonObject *
_mcp_envelope_new_request_meta (const char *protocol_version,
                                JsonObject *client_capabilities,
                                JsonObject *client_info,
                                const char *log_level)
{
  JsonObject *meta = json_object_new ();

  g_return_val_if_fail (protocol_version != NULL, meta);

  json_object_set_string_member (meta, MCP_META_PROTOCOL_VERSION, protocol_version);
  json_object_set_object_member (meta, MCP_META_CLIENT_CAPABILITIES,
                                 client_capabilities != NULL ? json_object_ref (client_capabilities)
                                                             : json_object_new ());
  if (client_info != NULL)
    json_object_set_object_member (meta, MCP_META_CLIENT_INFO, json_object_ref (client_info));
  if (log_level != NULL)
    json_object_set_string_member (meta, MCP_META_LOG_LEVEL, log_level);

  return meta;
}

/**
 * _mcp_envelope_stamp_result:
 * @result: a result object about to go out on a modern request
 * @result_type: its type, when it has none yet
 * @server_info: (nullable): the server's Implementation
 *
 * Adds `resultType` (keeping one the handler set) and the server's identity
 * in `_meta` (keeping the handler's other `_meta` keys).
 */
void
_mcp_envelope_stamp_result (JsonObject *result,
                            const char *result_type,
                            JsonObject *server_info)
{
  g_return_if_fail (result != NULL);
  g_return_if_fail (result_type != NULL);

  if (!is_string (json_object_get_member (result, "resultType")))
    json_object_set_string_member (result, "resultType", result_type);

  if (server_info != NULL)
    {
      JsonNode *meta = json_object_get_member (result, "_meta");

      if (meta == NULL || !JSON_NODE_HOLDS_OBJECT (meta))
        {
          json_object_set_object_member (result, "_meta", json_object_new ());
          meta = json_object_get_member (result, "_meta");
        }
      json_object_set_object_member (json_node_get_object (meta), MCP_META_SERVER_INFO,
                                     json_object_ref (server_info));
    }
}

/**
 * _mcp_envelope_add_cache_hints:
 * @result: a complete result about to go out on a modern request
 * @method: the request's method
 * @ttl_ms: the `ttlMs` the server or the item chose, or -1 for 0
 * @scope: (nullable): the `cacheScope` they chose, or NULL for the default
 *
 * The results of server/discover, the four lists and resources/read must
 * carry `ttlMs` and `cacheScope`. What the handler set stays; what is
 * missing becomes @ttl_ms (else "stale at once", 0) and @scope (else
 * "public" for discovery and the lists, the same for every caller, and
 * "private" for a resource's contents, which may depend on who asks).
 * Nothing is added to an interim (`input_required`) result, nor to the
 * result of any other method.
 */
void
_mcp_envelope_add_cache_hints (JsonObject *result,
                               const char *method,
                               gint64      ttl_ms,
                               const char *scope_hint)
{
  static const char * const public_methods[] = {
    "server/discover", "tools/list", "prompts/list", "resources/list", "resources/templates/list",
  };
  const char *scope = NULL;

  g_return_if_fail (result != NULL);

  if (method == NULL || g_strcmp0 (_mcp_envelope_result_type (result), MCP_RESULT_TYPE_COMPLETE) != 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (public_methods); i++)
    if (strcmp (method, public_methods[i]) == 0)
      scope = "public";
  if (strcmp (method, "resources/read") == 0)
    scope = "private";
  if (scope == NULL)
    return;

  if (!json_object_has_member (result, "ttlMs"))
    json_object_set_int_member (result, "ttlMs", MAX (ttl_ms, 0));
  if (!json_object_has_member (result, "cacheScope"))
    json_object_set_string_member (result, "cacheScope",
                                   scope_hint != NULL ? scope_hint : scope);
}

/**
 * _mcp_envelope_result_type:
 * @result: a result a peer sent
 *
 * Its `resultType`; "complete" when it has none, as results of the
 * handshake era never do. NULL when it is not a string.
 */
const char *
_mcp_envelope_result_type (JsonObject *result)
{
  JsonNode *node;

  g_return_val_if_fail (result != NULL, NULL);

  node = json_object_get_member (result, "resultType");
  if (node == NULL)
    return MCP_RESULT_TYPE_COMPLETE;

  return is_string (node) ? json_node_get_string (node) : NULL;
}

/**
 * _mcp_envelope_unsupported_version_data:
 *
 * The `data` of an UnsupportedProtocolVersionError (-32022).
 *
 * Returns: (transfer full): `{"supported": [...], "requested": "..."}`
 */
JsonNode *
_mcp_envelope_unsupported_version_data (const char         *requested,
                                        const char * const *supported)
{
  JsonObject *data = json_object_new ();
  JsonArray *list = json_array_new ();

  for (guint i = 0; supported != NULL && supported[i] != NULL; i++)
    json_array_add_string_element (list, supported[i]);
  json_object_set_array_member (data, "supported", list);
  /* The requested value came from the peer: it goes back only if it is
   * text (the caller made sure the message was valid UTF-8). */
  json_object_set_string_member (data, "requested", requested != NULL ? requested : "");

  return json_node_init_object (json_node_alloc (), data);
}

/**
 * _mcp_envelope_missing_capabilities_data:
 *
 * The `data` of a MissingRequiredClientCapabilityError (-32021).
 *
 * Returns: (transfer full): `{"requiredCapabilities": {...}}`
 */
JsonNode *
_mcp_envelope_missing_capabilities_data (JsonObject *required)
{
  JsonObject *data = json_object_new ();

  json_object_set_object_member (data, "requiredCapabilities",
                                 required != NULL ? json_object_ref (required) : json_object_new ());

  return json_node_init_object (json_node_alloc (), data);
}

/**
 * _mcp_envelope_has_capabilities:
 * @declared: (nullable): the capabilities a request declared
 * @required: what the server needs for it, such as `{"elicitation": {}}`
 *
 * Whether every capability in @required is declared. A capability is
 * declared when its member is present; sub-capabilities (such as
 * `elicitation.url`) are looked at only when the client named some, since
 * an empty object means the feature's base form (`elicitation: {}` is form
 * elicitation).
 */
gboolean
_mcp_envelope_has_capabilities (JsonObject *declared,
                                JsonObject *required)
{
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (required != NULL, FALSE);

  members = json_object_get_members (required);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *have = declared != NULL ? json_object_get_member (declared, name) : NULL;
      JsonNode *want = json_object_get_member (required, name);

      if (have == NULL || JSON_NODE_HOLDS_NULL (have))
        return FALSE;
      if (JSON_NODE_HOLDS_OBJECT (have) && JSON_NODE_HOLDS_OBJECT (want) &&
          json_object_get_size (json_node_get_object (have)) > 0 &&
          !_mcp_envelope_has_capabilities (json_node_get_object (have),
                                           json_node_get_object (want)))
        return FALSE;
    }

  return TRUE;
}
