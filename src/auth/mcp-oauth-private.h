/* mcp-oauth-private.h: what the HTTP client transport asks of McpOAuthClient
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "mcp-oauth-client.h"
#include "mcp-pinned-address-private.h"

G_BEGIN_DECLS

/* One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1): its
 * scheme and its auth-params, names folded to lowercase. */
typedef struct
{
  char       *scheme;
  GHashTable *params;   /* name -> value */
} McpAuthChallenge;

void       _mcp_auth_challenge_free       (McpAuthChallenge *challenge);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpAuthChallenge, _mcp_auth_challenge_free)

/* Every challenge of every WWW-Authenticate header of @headers, in order;
 * a header that does not parse adds none. At most 16 challenges, and
 * values of at most 4 KiB. */
GPtrArray *_mcp_auth_challenges_parse     (SoupMessageHeaders *headers);

/* The first challenge with a Bearer or DPoP scheme, or NULL. */
McpAuthChallenge *_mcp_auth_challenges_find_oauth (GPtrArray *challenges);

/* What the transport should do with a response. */
typedef enum
{
  MCP_OAUTH_VERDICT_PASS,       /* not ours: hand the response on */
  MCP_OAUTH_VERDICT_RETRY,      /* send it again now (a new DPoP nonce) */
  MCP_OAUTH_VERDICT_AUTHORIZE,  /* run _mcp_oauth_client_authorize_async(), then send it again */
} McpOAuthVerdict;

/* Sets Authorization (and DPoP) on @msg, a request to @server_url, when
 * the client holds a token for it. */
void             _mcp_oauth_client_apply               (McpOAuthClient      *self,
                                                        const char          *server_url,
                                                        SoupMessage         *msg);
/* @msg got its response (headers only): a 401 or a 403 that asks for a
 * token, a scope or a nonce, or anything else (which counts as a success
 * when it is a 2xx). @retries: how many times this request was sent again
 * already. */
McpOAuthVerdict  _mcp_oauth_client_check_response      (McpOAuthClient      *self,
                                                        const char          *server_url,
                                                        SoupMessage         *msg,
                                                        guint                retries);
/* Obtains a token for @server_url after the refusal @msg, through
 * discovery, registration and a grant as needed. Concurrent calls for the
 * same URL share one flow. With @guard (a connection pool's URL policy),
 * every URL the flow fetches (metadata, registration, token) is checked
 * and connected to as the guard says; without, as DNS says. */
void             _mcp_oauth_client_authorize_async     (McpOAuthClient      *self,
                                                        const char          *server_url,
                                                        SoupMessage         *msg,
                                                        SoupSession         *like,
                                                        McpUrlGuard         *guard,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean         _mcp_oauth_client_authorize_finish    (McpOAuthClient      *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
