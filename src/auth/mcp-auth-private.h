/* mcp-auth-private.h: what the transports and the server share about an
 * identity beyond its public API: the rate limit it carries, and the
 * transport it came in on.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mcp-auth-info.h"
#include "mcp-auth-provider.h"
#include "mcp-token-verifier.h"

G_BEGIN_DECLS

/* A token bucket: @rate tokens a second, at most @burst at once. Shared,
 * by reference, by a key and every identity made from it. */
typedef struct _McpTokenBucket McpTokenBucket;

McpTokenBucket *_mcp_token_bucket_new   (double          rate,
                                         guint           burst);
McpTokenBucket *_mcp_token_bucket_ref   (McpTokenBucket *bucket);
void            _mcp_token_bucket_unref (McpTokenBucket *bucket);
/* Takes one token at @now (monotonic µs); when there is none, returns
 * FALSE and the whole seconds until there is one in @retry_after. */
gboolean        _mcp_token_bucket_take  (McpTokenBucket *bucket,
                                         gint64          now,
                                         guint          *retry_after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpTokenBucket, _mcp_token_bucket_unref)

/* @rate rounded up, at least 1: the burst when none is given. */
guint           _mcp_token_bucket_default_burst (double rate);

/* Buckets by key (a principal, a session, a method), at most @max_entries:
 * past them, full buckets are dropped first (a new one would be the same),
 * then any. Thread-safe. */
typedef struct _McpBucketTable McpBucketTable;

McpBucketTable *_mcp_bucket_table_new  (guint           max_entries);
void            _mcp_bucket_table_free (McpBucketTable *table);
guint           _mcp_bucket_table_size (McpBucketTable *table);
/* The bucket of @key, made (or made again, when @rate or @burst changed)
 * as needed. @burst 0: _mcp_token_bucket_default_burst(). */
McpTokenBucket *_mcp_bucket_table_get  (McpBucketTable *table,
                                        const char     *key,
                                        double          rate,
                                        guint           burst);

void            _mcp_auth_info_set_bucket (McpAuthInfo    *self,
                                           McpTokenBucket *bucket);
gboolean        _mcp_auth_info_has_bucket (McpAuthInfo    *self);

/* The most principals whose rate limits a provider keeps (see
 * _mcp_auth_bind_principal_limits()). */
#define MCP_MAX_PRINCIPAL_BUCKETS 1024

/* Gives @info, when it carries a rate limit of its own (McpAuthInfo:rate-limit)
 * and no API key's bucket, its principal's bucket: one a principal, kept on
 * @provider, so that the limit holds across the identities @provider makes
 * (one a request). At most MCP_MAX_PRINCIPAL_BUCKETS are kept: full ones
 * are dropped first. */
void            _mcp_auth_bind_principal_limits (McpAuthProvider *provider,
                                                 McpAuthInfo     *info);
/* Charges one request to the identity's rate limit, if it has one. */
gboolean        _mcp_auth_info_charge     (McpAuthInfo    *self,
                                           guint          *retry_after);

/* The identity a transport's peer was admitted with. With @per_request,
 * the server charges every request it serves on that peer to the rate
 * limit (a WebSocket: one admission, many requests); without, the
 * transport charged it already (HTTP: one admission per request). */
void            _mcp_auth_info_attach     (GObject        *peer,
                                           McpAuthInfo    *info,
                                           gboolean        per_request);
McpAuthInfo    *_mcp_auth_info_attached   (GObject        *peer,
                                           gboolean       *per_request);

/* The IP address (as text) of the client a transport's peer serves, kept
 * with its identity; NULL where there is none (stdio, custom). */
void            _mcp_peer_set_remote_address (GObject     *peer,
                                              const char  *address);
const char     *_mcp_peer_get_remote_address (GObject     *peer);

/* Whether two identities are the same principal; two absent ones are. */
gboolean        _mcp_auth_info_same_principal (McpAuthInfo *a,
                                               McpAuthInfo *b);

/* The token of an Authorization value "Bearer <token>" (scheme in any
 * case), or NULL. */
const char     *_mcp_auth_bearer_token    (const char     *authorization);

/* The token of a request's "Authorization: Bearer <token>", or NULL with
 * MCP_ERROR_UNAUTHORIZED "A bearer token is required". */
const char     *_mcp_auth_require_bearer  (SoupMessageHeaders *headers,
                                           GError            **error);

/* A provider that decides at once, from the headers alone, gives its
 * interface this check instead of an authenticate_async of its own: the
 * interface's answers a GTask with what @check returns. */
typedef McpAuthInfo *(*McpAuthCheckFunc) (McpAuthProvider     *provider,
                                          SoupMessageHeaders  *headers,
                                          GError             **error);
void            _mcp_auth_provider_iface_set_check (McpAuthProviderInterface *iface,
                                                    McpAuthCheckFunc          check);

/* RFC 9728 protected resource metadata of @resource naming @servers (the
 * authorization servers) and, when there are some, @scopes. */
JsonNode       *_mcp_auth_resource_metadata_new (const char         *resource,
                                                 const char * const *servers,
                                                 const char * const *scopes);

/* What a token's claims must hold (a JWT's payload, an RFC 7662
 * introspection answer), and the identity they make. McpJwtProvider and
 * McpIntrospectionProvider embed one: its functions hold the settings both
 * have (issuer, audience, required-scopes, clock-skew, max-token-size),
 * their properties, values and checks, once for both. */
typedef struct
{
  char               *issuer;          /* NULL: any iss */
  char               *audience;        /* NULL: any aud */
  GStrv               required_scopes; /* NULL: none */
  guint               clock_skew;      /* seconds, on exp and nbf */
  gsize               max_token_size;  /* bytes: a longer token is not looked at */
  gboolean            exp_required;
  /* The members that may name the principal, the first present wins. */
  const char * const *principal_claims;
} McpTokenPolicy;

#define MCP_TOKEN_POLICY_MAX_CLOCK_SKEW     3600
#define MCP_TOKEN_POLICY_MIN_MAX_TOKEN_SIZE 64
#define MCP_TOKEN_POLICY_MAX_MAX_TOKEN_SIZE (1024 * 1024)

/* The policy of @self, and what the subclass makes of claims: whether
 * "exp" is required, the members that may name the principal (static). */
McpTokenPolicy *_mcp_token_verifier_get_policy      (McpTokenVerifier   *self);
void            _mcp_token_verifier_set_claim_rules (McpTokenVerifier   *self,
                                                     gboolean            exp_required,
                                                     const char * const *principal_claims);
#define POLICY(verifier) _mcp_token_verifier_get_policy (MCP_TOKEN_VERIFIER (verifier))

/* FALSE with MCP_ERROR_UNAUTHORIZED when @token is longer than
 * max_token_size. */
gboolean        _mcp_token_policy_check_length (const McpTokenPolicy  *policy,
                                                const char            *token,
                                                GError               **error);

/* The protected resource metadata of @resource under @policy: naming its
 * issuer as the authorization server, its required scopes as the scopes;
 * NULL without an issuer. */
JsonNode       *_mcp_token_policy_resource_metadata (const McpTokenPolicy *policy,
                                                     const char           *resource);

/* The identity of @claims at @now (seconds since the epoch): principal,
 * permissions (the words of "scope" and the strings of "permissions"),
 * expiry ("exp"), claims. NULL with MCP_ERROR_UNAUTHORIZED when a check
 * fails, MCP_ERROR_FORBIDDEN when a required scope is missing. */
McpAuthInfo    *_mcp_token_policy_check   (const McpTokenPolicy *policy,
                                           JsonObject           *claims,
                                           gint64                now,
                                           GError              **error);

/* A JSON document fetched over HTTP(S), bounded: @max_size bytes of body,
 * @timeout seconds in all, no redirects, HTTP 200 only. The URL must be
 * https, or http to a loopback host. Errors are G_IO_ERROR with a message
 * that names the @what ("the JWKS", …). */
gboolean        _mcp_auth_url_is_acceptable (const char  *url,
                                             GError     **error);
void            _mcp_auth_fetch_json_async  (SoupSession         *session,
                                             SoupMessage         *message,
                                             const char          *what,
                                             gsize                max_size,
                                             guint                timeout,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
JsonNode       *_mcp_auth_fetch_json_finish (GAsyncResult        *result,
                                             GError             **error);

/* The JSON-RPC error codes of a request refused for its rate limit, and
 * of one for a feature that needs a permission the caller lacks. */
#define MCP_AUTH_RATE_LIMITED_CODE (-32029)
#define MCP_AUTH_FORBIDDEN_CODE    (-32003)

G_END_DECLS
