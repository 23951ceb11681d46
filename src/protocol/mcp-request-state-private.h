/* mcp-request-state-private.h: integrity-protected requestState tokens
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The largest requestState accepted from a client, in bytes. */
#define MCP_REQUEST_STATE_MAX_LENGTH (1024 * 1024)

typedef struct _McpRequestStateKey McpRequestStateKey;

/* base64url without padding (RFC 4648 §5), shared with the JWT code; the
 * decoder refuses any character outside the alphabet. */
char               *_mcp_base64url_encode             (const guint8 *data,
                                                       gsize         length);
guint8             *_mcp_base64url_decode_len         (const char   *text,
                                                       gsize         length,
                                                       gsize        *out_length);

McpRequestStateKey *_mcp_request_state_key_new        (void);
McpRequestStateKey *_mcp_request_state_key_new_from_data (const guint8 *data,
                                                         gsize         length);
McpRequestStateKey *_mcp_request_state_key_copy       (McpRequestStateKey *key);
void                _mcp_request_state_key_free       (McpRequestStateKey *key);

char               *_mcp_request_state_digest_params  (JsonObject   *params);

char               *_mcp_request_state_seal           (McpRequestStateKey *key,
                                                       const char         *method,
                                                       const char         *params_digest,
                                                       const char         *principal,
                                                       gint64              expires_at,
                                                       JsonObject         *carried);
JsonObject         *_mcp_request_state_open           (McpRequestStateKey *key,
                                                       const char         *state,
                                                       const char         *method,
                                                       const char         *params_digest,
                                                       const char         *principal,
                                                       gint64              now,
                                                       GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpRequestStateKey, _mcp_request_state_key_free)

G_END_DECLS
