/* mcp-json-writer-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The wire JSON writer: appends @node to @out as compact JSON (no spaces,
 * members in insertion order), so a transport can serialize straight into
 * its output buffer. What it writes, _mcp_json_read() reads back to an
 * equal tree:
 *
 * - strings escape '"', '\\' and the control characters (\b \f \n \r \t,
 *   else \u00XX), and U+2028/U+2029 as \u escapes; any byte sequence that
 *   is not well-formed UTF-8 (possible in strings an application built)
 *   is written as \ufffd, so the output is always valid UTF-8;
 * - integers are written exactly; a double as the shortest of %.15g,
 *   %.16g and %.17g that reads back to the same double (locale
 *   independent), with ".0" added when that text would read as an integer
 *   (100.0 is "100.0", -0.0 is "-0.0"); NaN and the infinities, which JSON
 *   cannot represent, are written as null;
 * - a JSON_NODE_OBJECT or JSON_NODE_ARRAY node without a container is
 *   written as {} or [].
 *
 * It never recurses: the stack of open containers lives on the heap, so
 * any depth an application builds is written (peers that are mcp-glib
 * refuse more than MCP_MESSAGE_MAX_DEPTH on reading). */
void _mcp_json_write        (GString    *out,
                             JsonNode   *node);
/* @str as a JSON string literal, with the same escaping. */
void _mcp_json_write_string (GString    *out,
                             const char *str);

/* The wire entry point: _mcp_json_write() into a new string. */
char *_mcp_json_to_string    (JsonNode   *node,
                              gsize      *length);

G_END_DECLS
