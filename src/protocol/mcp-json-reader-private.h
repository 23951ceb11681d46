/* mcp-json-reader-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The wire JSON reader: what every transport hands a received message to
 * (through _mcp_json_parse()). It is strict RFC 8259 and never recurses:
 *
 * - one value, with only space, tab, CR and LF around it; no byte order
 *   mark, no comments, no single quotes, no trailing commas, no NaN or
 *   Infinity, no leading zeros, no unescaped control characters;
 * - the text is well-formed UTF-8 (no overlong forms, no encoded
 *   surrogates, nothing above U+10FFFF); \u escapes decode surrogate pairs
 *   and a lone surrogate is an error, so every string it returns is valid
 *   UTF-8;
 * - \u0000 is refused: JsonNode strings end at the first NUL, and a string
 *   silently cut short there would read differently here and in the peer;
 * - a number without fraction or exponent that fits a gint64 becomes an
 *   int node ("-0" is the integer 0, as json-glib had it); any other number
 *   becomes a double ("1.0", "1e2", "-0.0" and integers beyond gint64 too);
 *   a number too large for a double ("1e400") is an error, one too small
 *   becomes 0 or a subnormal;
 * - an object that names a member twice is an error: peers that keep the
 *   first and peers that keep the last would otherwise see different
 *   messages;
 * - arrays and objects nest at most @max_depth levels (counting the
 *   outermost), and the text is at most @max_size bytes.
 *
 * Errors are MCP_ERROR_PARSE_ERROR; the message gives the byte offset and
 * what was wrong there, and never quotes the input.
 *
 * The tree is built with JsonNode/JsonObject/JsonArray directly. It is not
 * sealed (json_parser_new_immutable() sealed it): json_node_seal() hashes
 * every object, which cost a fifth of the time of reading a message.
 * Received messages are still to be treated as read-only. */
JsonNode *_mcp_json_read (const char  *data,
                          gsize        length,
                          guint        max_depth,
                          gsize        max_size,
                          GError     **error);

/* The wire entry point: _mcp_json_read() with MCP_MESSAGE_MAX_DEPTH and
 * no size limit of its own. */
JsonNode *_mcp_json_parse (const char  *data,
                           gsize        length,
                           GError     **error);

/* The top level of a JSON-RPC message, read without building its object:
 * what a session needs to dispatch it. Each node is owned and NULL when
 * the member is absent; jsonrpc is MCP_JSONRPC_VERSION when it was "2.0",
 * "" for another string and NULL when absent or not a string; method is
 * NULL when absent or not a string, has_method says whether it was there.
 * mcp_message_parse() fills one with borrowed pointers from an object. */
typedef struct
{
  JsonNode   *id;
  JsonNode   *params;
  JsonNode   *result;
  JsonNode   *error;
  const char *jsonrpc;
  const char *method;
  gboolean    has_method;

  /*< private >*/
  char       *method_heap;
  char        method_storage[48];
} McpJsonEnvelope;

/* Reads @data as a JSON-RPC envelope in one pass, with the rules of
 * _mcp_json_parse() for every member. Returns FALSE (and leaves @envelope
 * empty) for anything it does not read that way: text that is not an
 * object or not valid JSON, a member other than jsonrpc, id, method,
 * params, result and error, or one named twice. The caller then takes
 * _mcp_json_parse(), which reports the same error as ever. */
gboolean  _mcp_json_read_envelope   (const char       *data,
                                     gsize             length,
                                     McpJsonEnvelope  *envelope);
void      _mcp_json_envelope_clear  (McpJsonEnvelope  *envelope);

G_END_DECLS
