/* mcp-request-state.c: integrity-protected requestState tokens
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * On the 2026-07-28 era a handler that needs input from the client answers
 * with an InputRequiredResult; the client retries the request with the
 * answers and echoes the server's `requestState`. The state passes through
 * the client, so it is attacker-controlled input: the server must be able
 * to tell that it minted it, for this request, for this caller, recently.
 *
 * A token is `mcp1.<payload>.<mac>`, both parts base64url without padding:
 * the payload is a JSON object
 *
 *   { "m": method, "d": digest of the request's parameters, "p": principal
 *     or null, "x": expiry (µs, wall clock), "c": what the server carries
 *     from round to round (the answers of earlier rounds) }
 *
 * and the MAC is HMAC-SHA-256 over the payload's base64url text with a key
 * of 32 random bytes that lives as long as the server (or that several
 * replicas share, so any of them can take a retry). The parameters' digest
 * is SHA-256 over their canonical JSON (members sorted by name, our
 * writer's numbers and strings), without `_meta`, `inputResponses` and
 * `requestState`, which change from round to round.
 *
 * What it does not give: single use. A token can be presented again until
 * it expires, by the same principal, on the same request; a handler whose
 * effect must happen at most once keeps that fact server-side.
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-reader-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-random-private.h"
#include "mcp-request-state-private.h"

#define KEY_LENGTH 32
#define PREFIX "mcp1."
/* The carried object is small (answers to input requests); its depth is
 * bounded by the message it came from when sealed, and by this on opening. */
#define PAYLOAD_MAX_DEPTH 64

struct _McpRequestStateKey
{
  guint8 data[KEY_LENGTH];
  gsize  length;
};

/**
 * _mcp_request_state_key_new:
 *
 * A key of 32 random bytes.
 */
McpRequestStateKey *
_mcp_request_state_key_new (void)
{
  McpRequestStateKey *key = g_new0 (McpRequestStateKey, 1);

  _mcp_random_bytes (key->data, KEY_LENGTH);
  key->length = KEY_LENGTH;

  return key;
}

/**
 * _mcp_request_state_key_new_from_data:
 *
 * A key from secret bytes the application holds (replicas of one service
 * share it). Longer than 32 bytes, it is hashed down first, as HMAC does.
 */
McpRequestStateKey *
_mcp_request_state_key_new_from_data (const guint8 *data,
                                      gsize         length)
{
  McpRequestStateKey *key = g_new0 (McpRequestStateKey, 1);

  g_return_val_if_fail (data != NULL && length > 0, NULL);

  if (length > KEY_LENGTH)
    {
      gsize digest_length = KEY_LENGTH;
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

      g_checksum_update (checksum, data, length);
      g_checksum_get_digest (checksum, key->data, &digest_length);
      key->length = digest_length;
    }
  else
    {
      memcpy (key->data, data, length);
      key->length = length;
    }

  return key;
}

McpRequestStateKey *
_mcp_request_state_key_copy (McpRequestStateKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_memdup2 (key, sizeof *key);
}

void
_mcp_request_state_key_free (McpRequestStateKey *key)
{
  if (key == NULL)
    return;

  /* (A compiler may drop a plain memset before free.) */
  for (gsize i = 0; i < sizeof key->data; i++)
    ((volatile guint8 *) key->data)[i] = 0;
  g_free (key);
}

/* Canonical JSON -------------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void write_canonical (GString *out, JsonNode *node);

static void
write_canonical_object (GString    *out,
                        JsonObject *object,
                        gboolean    top_level)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean first = TRUE;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      /* What changes between rounds of one request is not part of it. */
      if (top_level && (strcmp (name, "_meta") == 0 || strcmp (name, "inputResponses") == 0 ||
                        strcmp (name, "requestState") == 0))
        continue;
      g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_sort (names, compare_names);

  g_string_append_c (out, '{');
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      _mcp_json_write_string (out, name);
      g_string_append_c (out, ':');
      write_canonical (out, json_object_get_member (object, name));
    }
  g_string_append_c (out, '}');
}

/* The depth is that of a message we parsed, which the reader bounds. */
static void
write_canonical (GString  *out,
                 JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) && json_node_get_object (node) != NULL)
    write_canonical_object (out, json_node_get_object (node), FALSE);
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_node_get_array (node) != NULL)
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          write_canonical (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else if (node == NULL)
    g_string_append (out, "null");
  else
    _mcp_json_write (out, node);
}

/**
 * _mcp_request_state_digest_params:
 * @params: (nullable): a request's params
 *
 * The lowercase hex SHA-256 of @params' canonical JSON, leaving out
 * `_meta`, `inputResponses` and `requestState`: the same for every round
 * of one request, different for any other arguments.
 */
char *
_mcp_request_state_digest_params (JsonObject *params)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (params != NULL)
    write_canonical_object (text, params, TRUE);
  else
    g_string_append (text, "{}");

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) text->str, text->len);
}

/* base64url ------------------------------------------------------------------- */

char *
_mcp_base64url_encode (const guint8 *data,
                       gsize         length)
{
  char *text = g_base64_encode (data, length);
  gsize end = strlen (text);

  while (end > 0 && text[end - 1] == '=')
    end--;
  text[end] = '\0';
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }

  return text;
}

/* g_base64_decode() skips characters outside its alphabet; a token must
 * have none, so they are checked first. */
guint8 *
_mcp_base64url_decode_len (const char *text,
                           gsize       length,
                           gsize      *out_length)
{
  g_autofree char *padded = NULL;
  gsize padding = (4 - length % 4) % 4;

  if (length % 4 == 1)
    return NULL;

  padded = g_malloc (length + padding + 1);
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
      padded[i] = c;
    }
  memset (padded + length, '=', padding);
  padded[length + padding] = '\0';

  return g_base64_decode (padded, out_length);
}

static char *
mac_of (McpRequestStateKey *key,
        const char         *payload,
        gsize               length)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key->data, key->length);
  guint8 digest[32];
  gsize digest_length = sizeof digest;

  g_hmac_update (hmac, (const guint8 *) payload, length);
  g_hmac_get_digest (hmac, digest, &digest_length);

  return _mcp_base64url_encode (digest, digest_length);
}

/**
 * _mcp_request_state_seal:
 * @key: the server's key
 * @method: the request's method
 * @params_digest: _mcp_request_state_digest_params() of its params
 * @principal: (nullable): who is calling, when the server knows
 * @expires_at: wall-clock time (µs, g_get_real_time()) after which the
 *   token is refused
 * @carried: (nullable): what the next round needs back
 *
 * Returns: (transfer full): the token
 */
char *
_mcp_request_state_seal (McpRequestStateKey *key,
                         const char         *method,
                         const char         *params_digest,
                         const char         *principal,
                         gint64              expires_at,
                         JsonObject         *carried)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *encoded = NULL;
  g_autofree char *mac = NULL;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (method != NULL && params_digest != NULL, NULL);

  json_object_set_string_member (payload, "m", method);
  json_object_set_string_member (payload, "d", params_digest);
  if (principal != NULL)
    json_object_set_string_member (payload, "p", principal);
  else
    json_object_set_null_member (payload, "p");
  json_object_set_int_member (payload, "x", expires_at);
  json_object_set_object_member (payload, "c",
                                 carried != NULL ? json_object_ref (carried) : json_object_new ());

  node = json_node_init_object (json_node_alloc (), payload);
  _mcp_json_write (json, node);
  encoded = _mcp_base64url_encode ((const guint8 *) json->str, json->len);
  mac = mac_of (key, encoded, strlen (encoded));

  return g_strconcat (PREFIX, encoded, ".", mac, NULL);
}

static gpointer
refuse (GError    **error,
        const char *why)
{
  g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "Invalid requestState: %s", why);
  return NULL;
}

/**
 * _mcp_request_state_open:
 * @key: the server's key
 * @state: the token the client sent back
 * @method: the method of the request it came with
 * @params_digest: the digest of that request's params
 * @principal: (nullable): who is calling now
 * @now: the wall-clock time (µs)
 * @error: %MCP_ERROR_INVALID_PARAMS when the token is not one we minted
 *   for this request and caller, or has expired
 *
 * Returns: (transfer full): the carried object
 */
JsonObject *
_mcp_request_state_open (McpRequestStateKey *key,
                         const char         *state,
                         const char         *method,
                         const char         *params_digest,
                         const char         *principal,
                         gint64              now,
                         GError            **error)
{
  const char *payload_start;
  const char *dot;
  g_autofree char *expected = NULL;
  g_autofree guint8 *json = NULL;
  gsize json_length = 0;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *payload;
  JsonNode *member;
  const char *sealed_principal = NULL;
  gsize state_length;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (method != NULL && params_digest != NULL, NULL);

  if (state == NULL)
    return refuse (error, "missing");
  state_length = strlen (state);
  if (state_length > MCP_REQUEST_STATE_MAX_LENGTH)
    return refuse (error, "too long");
  if (!g_str_has_prefix (state, PREFIX))
    return refuse (error, "not issued by this server");

  payload_start = state + strlen (PREFIX);
  dot = strchr (payload_start, '.');
  if (dot == NULL || dot == payload_start)
    return refuse (error, "malformed");

  /* The MAC first: nothing of an unauthenticated payload is parsed. */
  expected = mac_of (key, payload_start, (gsize) (dot - payload_start));
  if (!_mcp_constant_time_equal (expected, dot + 1))
    return refuse (error, "integrity check failed");

  json = _mcp_base64url_decode_len (payload_start, (gsize) (dot - payload_start), &json_length);
  if (json == NULL)
    return refuse (error, "malformed");
  node = _mcp_json_read ((const char *) json, json_length, PAYLOAD_MAX_DEPTH,
                         MCP_REQUEST_STATE_MAX_LENGTH, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return refuse (error, "malformed");
  payload = json_node_get_object (node);

  member = json_object_get_member (payload, "x");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_INT64)
    return refuse (error, "malformed");
  if (now > json_node_get_int (member))
    return refuse (error, "expired");

  member = json_object_get_member (payload, "m");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING ||
      strcmp (json_node_get_string (member), method) != 0)
    return refuse (error, "issued for another method");

  member = json_object_get_member (payload, "d");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING ||
      strcmp (json_node_get_string (member), params_digest) != 0)
    return refuse (error, "issued for another request");

  member = json_object_get_member (payload, "p");
  if (member != NULL && json_node_get_value_type (member) == G_TYPE_STRING)
    sealed_principal = json_node_get_string (member);
  if (g_strcmp0 (sealed_principal, principal) != 0)
    return refuse (error, "issued to another caller");

  member = json_object_get_member (payload, "c");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return refuse (error, "malformed");

  return json_object_ref (json_node_get_object (member));
}
