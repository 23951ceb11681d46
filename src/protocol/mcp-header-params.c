/* mcp-header-params.c: `Mcp-Name` and `x-mcp-header` values of the
 * 2026-07-28 Streamable HTTP binding
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * On the 2026-07-28 era a Streamable HTTP request mirrors parts of its body
 * into headers so that intermediaries can route on them: `Mcp-Method`,
 * `Mcp-Name` (the tool or prompt name, or the resource URI), and one
 * `Mcp-Param-{Name}` for each tool parameter whose schema carries an
 * `x-mcp-header` annotation. The server checks that every header matches
 * the body (-32020 HeaderMismatch, 400, when one does not).
 *
 * This file holds what both sides share and what does not depend on HTTP:
 *
 * - reading the annotations of a tool's `inputSchema`, with the revision's
 *   constraints (a token, unique without regard to case, only on string,
 *   integer and boolean parameters reached through `properties` alone); a
 *   tool that breaks one is refused as a whole;
 * - the value of one annotated parameter in a call's arguments, as header
 *   text;
 * - the value encoding: plain visible ASCII as it is, anything else as
 *   `=?base64?…?=` of its UTF-8, and decoding it back, refusing characters
 *   no header value may hold;
 * - comparing a decoded header with the body's value (integers by value:
 *   "42" matches 42.0).
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-header-params-private.h"

#define SENTINEL_PREFIX "=?base64?"
#define SENTINEL_SUFFIX "?="
/* JavaScript's safe integers: the revision bounds mirrored integers so. */
#define MAX_SAFE_INTEGER G_GINT64_CONSTANT (9007199254740991)

void
_mcp_header_param_free (McpHeaderParam *param)
{
  if (param == NULL)
    return;

  g_free (param->header);
  g_strfreev (param->path);
  g_free (param);
}

/* RFC 9110 tchar. */
static gboolean
is_token (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("!#$%&'*+-.^_`|~", *p) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
refuse (GError    **error,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError    **error,
        const char *format,
        ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "Invalid x-mcp-header: %s", why);

  return FALSE;
}

/* Keywords whose values are instances, not schemas: an "x-mcp-header"
 * member inside them is data. */
static gboolean
holds_data (const char *keyword)
{
  return strcmp (keyword, "const") == 0 || strcmp (keyword, "default") == 0 ||
         strcmp (keyword, "enum") == 0 || strcmp (keyword, "examples") == 0;
}

typedef struct
{
  GPtrArray  *params;
  GHashTable *seen;      /* lowercased header names */
  GPtrArray  *path;      /* of const char *, into the schema */
} Scan;

static gboolean scan_node (Scan *scan, JsonNode *node, gboolean reachable, GError **error);

static gboolean
annotate (Scan       *scan,
          JsonObject *schema,
          JsonNode   *annotation,
          gboolean    reachable,
          GError    **error)
{
  const char *header;
  const char *type;
  g_autofree char *folded = NULL;
  McpHeaderParam *param;

  if (!reachable || scan->path->len == 0)
    return refuse (error, "only properties reached through \"properties\" alone may carry it");
  if (!JSON_NODE_HOLDS_VALUE (annotation) || json_node_get_value_type (annotation) != G_TYPE_STRING)
    return refuse (error, "the value must be a string");
  header = json_node_get_string (annotation);
  if (!is_token (header))
    return refuse (error, "\"%s\" is not an HTTP field-name token", header);

  type = json_object_has_member (schema, "type") &&
         JSON_NODE_HOLDS_VALUE (json_object_get_member (schema, "type")) &&
         json_node_get_value_type (json_object_get_member (schema, "type")) == G_TYPE_STRING
         ? json_object_get_string_member (schema, "type") : NULL;
  if (g_strcmp0 (type, "string") != 0 && g_strcmp0 (type, "integer") != 0 &&
      g_strcmp0 (type, "boolean") != 0)
    return refuse (error, "\"%s\" is on a parameter that is not a string, an integer or a boolean",
                   header);

  folded = g_ascii_strdown (header, -1);
  if (g_hash_table_contains (scan->seen, folded))
    return refuse (error, "\"%s\" is used twice", header);
  g_hash_table_add (scan->seen, g_steal_pointer (&folded));

  param = g_new0 (McpHeaderParam, 1);
  param->header = g_strdup (header);
  param->path = g_new0 (char *, scan->path->len + 1);
  for (guint i = 0; i < scan->path->len; i++)
    param->path[i] = g_strdup (g_ptr_array_index (scan->path, i));
  g_ptr_array_add (scan->params, param);

  return TRUE;
}

static gboolean
scan_object (Scan       *scan,
             JsonObject *schema,
             gboolean    reachable,
             GError    **error)
{
  g_autoptr(GList) members = json_object_get_members (schema);
  JsonNode *annotation = json_object_get_member (schema, "x-mcp-header");

  if (annotation != NULL && !annotate (scan, schema, annotation, reachable, error))
    return FALSE;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *keyword = l->data;
      JsonNode *value = json_object_get_member (schema, keyword);

      if (holds_data (keyword) || strcmp (keyword, "x-mcp-header") == 0)
        continue;

      if (strcmp (keyword, "properties") == 0 && JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonObject *properties = json_node_get_object (value);
          g_autoptr(GList) names = json_object_get_members (properties);

          for (GList *n = names; n != NULL; n = n->next)
            {
              gboolean ok;

              g_ptr_array_add (scan->path, n->data);
              ok = scan_node (scan, json_object_get_member (properties, n->data), reachable, error);
              g_ptr_array_remove_index (scan->path, scan->path->len - 1);
              if (!ok)
                return FALSE;
            }
          continue;
        }

      /* items, anyOf, $defs, if/then/else, … : nothing below is reachable. */
      if (!scan_node (scan, value, FALSE, error))
        return FALSE;
    }

  return TRUE;
}

/* The schema came in a message, so its depth is bounded by the reader
 * (MCP_MESSAGE_MAX_DEPTH). */
static gboolean
scan_node (Scan     *scan,
           JsonNode *node,
           gboolean  reachable,
           GError  **error)
{
  if (node == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return scan_object (scan, json_node_get_object (node), reachable, error);

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!scan_node (scan, json_array_get_element (array, i), FALSE, error))
          return FALSE;
    }

  return TRUE;
}

/**
 * _mcp_header_params_from_schema:
 * @input_schema: (nullable): a tool's `inputSchema`
 * @error: %MCP_ERROR_INVALID_PARAMS when an annotation breaks a rule of
 *   the revision: the tool is then to be left out of `tools/list`
 *
 * Returns: (transfer full) (element-type McpHeaderParam): the annotated
 *   parameters, in schema order; empty when there are none
 */
GPtrArray *
_mcp_header_params_from_schema (JsonObject *input_schema,
                                GError    **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) _mcp_header_param_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  Scan scan = { params, seen, path };

  if (input_schema != NULL && !scan_object (&scan, input_schema, TRUE, error))
    return NULL;

  return g_steal_pointer (&params);
}

/**
 * _mcp_header_param_lookup:
 *
 * Returns: (transfer none) (nullable): the value at @param's path in
 *   @arguments; NULL when it is not there or is null (no header then)
 */
JsonNode *
_mcp_header_param_lookup (const McpHeaderParam *param,
                          JsonObject           *arguments)
{
  JsonObject *object = arguments;
  JsonNode *value = NULL;

  g_return_val_if_fail (param != NULL, NULL);

  for (guint i = 0; param->path[i] != NULL; i++)
    {
      if (object == NULL)
        return NULL;
      value = json_object_get_member (object, param->path[i]);
      if (value == NULL)
        return NULL;
      object = JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
    }

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  return value;
}

static gboolean
integer_of (JsonNode *value,
            gint64   *out)
{
  GType type;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return FALSE;

  type = json_node_get_value_type (value);
  if (type == G_TYPE_INT64)
    *out = json_node_get_int (value);
  else if (type == G_TYPE_DOUBLE)
    {
      gdouble d = json_node_get_double (value);

      /* The range first: converting a larger double (or NaN) is undefined. */
      if (!(d <= (gdouble) MAX_SAFE_INTEGER && d >= (gdouble) -MAX_SAFE_INTEGER) ||
          d != (gdouble) (gint64) d)
        return FALSE;
      *out = (gint64) d;
    }
  else
    return FALSE;

  return *out <= MAX_SAFE_INTEGER && *out >= -MAX_SAFE_INTEGER;
}

/**
 * _mcp_header_param_text:
 * @value: a parameter's value
 * @error: %MCP_ERROR_INVALID_PARAMS when it is not a string, a safe
 *   integer or a boolean
 *
 * Returns: (transfer full): its header text, before encoding
 */
char *
_mcp_header_param_text (JsonNode *value,
                        GError  **error)
{
  gint64 integer;

  if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
    {
      GType type = json_node_get_value_type (value);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (value));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (value) ? "true" : "false");
      if (integer_of (value, &integer))
        return g_strdup_printf ("%" G_GINT64_FORMAT, integer);
    }

  g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                       "A header parameter must be a string, a safe integer or a boolean");
  return NULL;
}

static gboolean
is_plain (const char *value)
{
  gsize length = strlen (value);

  if (length > 0 && (value[0] == ' ' || value[0] == '\t' ||
                     value[length - 1] == ' ' || value[length - 1] == '\t'))
    return FALSE;
  if (g_str_has_prefix (value, SENTINEL_PREFIX) && g_str_has_suffix (value, SENTINEL_SUFFIX))
    return FALSE;

  for (const char *p = value; *p != '\0'; p++)
    if (!((guchar) *p >= 0x20 && (guchar) *p <= 0x7e))
      return FALSE;

  return TRUE;
}

/**
 * _mcp_header_value_encode:
 * @value: UTF-8 text
 *
 * Returns: (transfer full): @value as it may stand in a header: itself when
 *   it is visible ASCII with no surrounding blanks (and does not look like
 *   the sentinel), `=?base64?…?=` otherwise
 */
char *
_mcp_header_value_encode (const char *value)
{
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  if (is_plain (value))
    return g_strdup (value);

  encoded = g_base64_encode ((const guchar *) value, strlen (value));
  return g_strconcat (SENTINEL_PREFIX, encoded, SENTINEL_SUFFIX, NULL);
}

/**
 * _mcp_header_value_decode:
 * @header_value: a header's value as received
 * @error: %MCP_ERROR_INVALID_PARAMS for characters no header value may
 *   hold, or a sentinel that is not base64 of UTF-8
 *
 * Returns: (transfer full): the value it carries
 */
char *
_mcp_header_value_decode (const char *header_value,
                          GError    **error)
{
  gsize length;

  g_return_val_if_fail (header_value != NULL, NULL);

  length = strlen (header_value);
  if (g_str_has_prefix (header_value, SENTINEL_PREFIX) &&
      g_str_has_suffix (header_value, SENTINEL_SUFFIX) &&
      length >= strlen (SENTINEL_PREFIX) + strlen (SENTINEL_SUFFIX))
    {
      const char *start = header_value + strlen (SENTINEL_PREFIX);
      gsize n = length - strlen (SENTINEL_PREFIX) - strlen (SENTINEL_SUFFIX);
      g_autofree char *text = g_strndup (start, n);
      g_autofree guchar *decoded = NULL;
      gsize decoded_length = 0;

      /* g_base64_decode() skips what is not base64; we do not. */
      if (n % 4 != 0)
        goto bad_base64;
      for (gsize i = 0; i < n; i++)
        if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/' &&
            !(text[i] == '=' && i >= n - 2))
          goto bad_base64;

      decoded = g_base64_decode (text, &decoded_length);
      if (memchr (decoded, '\0', decoded_length) != NULL ||
          !g_utf8_validate ((const char *) decoded, (gssize) decoded_length, NULL))
        goto bad_base64;

      return g_strndup ((const char *) decoded, decoded_length);

    bad_base64:
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "A base64 header value is not base64 of UTF-8 text");
      return NULL;
    }

  for (const char *p = header_value; *p != '\0'; p++)
    if (!(((guchar) *p >= 0x20 && (guchar) *p <= 0x7e) || *p == '\t'))
      {
        g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                             "A header value holds characters it may not");
        return NULL;
      }

  return g_strdup (header_value);
}

/**
 * _mcp_header_value_matches:
 * @decoded: a header's decoded value
 * @value: the body's value for it
 *
 * Whether they agree: strings exactly, booleans as "true"/"false",
 * integers by value.
 */
gboolean
_mcp_header_value_matches (const char *decoded,
                           JsonNode   *value)
{
  gint64 body_integer;

  g_return_val_if_fail (decoded != NULL, FALSE);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return FALSE;

  switch (json_node_get_value_type (value))
    {
    case G_TYPE_STRING:
      return strcmp (decoded, json_node_get_string (value)) == 0;

    case G_TYPE_BOOLEAN:
      return strcmp (decoded, json_node_get_boolean (value) ? "true" : "false") == 0;

    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      {
        char *end = NULL;
        gdouble header_number;

        if (!integer_of (value, &body_integer) || *decoded == '\0')
          return FALSE;
        header_number = g_ascii_strtod (decoded, &end);
        if (end == NULL || *end != '\0' ||
            !(header_number <= (gdouble) MAX_SAFE_INTEGER && header_number >= (gdouble) -MAX_SAFE_INTEGER) ||
            header_number != (gdouble) (gint64) header_number)
          return FALSE;
        return (gint64) header_number == body_integer;
      }

    default:
      return FALSE;
    }
}

/**
 * _mcp_header_params_check:
 * @input_schema: (nullable): the tool's inputSchema
 * @arguments: (nullable): the call's arguments
 * @get_header: reads a request header
 * @user_data: for @get_header
 * @error: the mismatch, as %MCP_ERROR_INVALID_PARAMS
 *
 * Checks the `Mcp-Param-{Name}` headers of a `tools/call` against its
 * body: each annotated parameter that the arguments hold must come with
 * its header, decoding to the same value, and a header may not stand for
 * a parameter the arguments lack. A schema whose annotations break the
 * revision's rules has no header parameters to check.
 *
 * Returns: %TRUE when the headers match the body
 */
gboolean
_mcp_header_params_check (JsonObject        *input_schema,
                          JsonObject        *arguments,
                          McpHeaderGetFunc   get_header,
                          gpointer           user_data,
                          GError           **error)
{
  g_autoptr(GPtrArray) params = NULL;

  g_return_val_if_fail (get_header != NULL, FALSE);

  params = _mcp_header_params_from_schema (input_schema, NULL);
  if (params == NULL)
    return TRUE;

  for (guint i = 0; i < params->len; i++)
    {
      const McpHeaderParam *param = g_ptr_array_index (params, i);
      g_autofree char *name = g_strconcat ("Mcp-Param-", param->header, NULL);
      const char *header = get_header (name, user_data);
      JsonNode *value = _mcp_header_param_lookup (param, arguments);
      g_autofree char *decoded = NULL;

      if (header == NULL && value == NULL)
        continue;

      if (header == NULL)
        {
          g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                       "Header mismatch: the %s header is missing", name);
          return FALSE;
        }

      decoded = _mcp_header_value_decode (header, NULL);
      if (decoded == NULL)
        {
          g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                       "Header mismatch: the %s header is malformed", name);
          return FALSE;
        }

      if (!_mcp_header_value_matches (decoded, value))
        {
          g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                       "Header mismatch: the %s header does not match the arguments", name);
          return FALSE;
        }
    }

  return TRUE;
}
