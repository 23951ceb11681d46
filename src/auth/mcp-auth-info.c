/* mcp-auth-info.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-auth-private.h"
#include "mcp-error.h"

/**
 * McpAuthInfo:
 *
 * Who is calling: the identity an #McpAuthProvider made from a request's
 * credentials.
 *
 * It names a principal (an API key's owner, a token's `sub`), the
 * permissions (or OAuth scopes) the caller holds, when the credentials
 * expire, and any further claims as JSON. The server transports attach it
 * to the session a client opens (the 2025 era) or to the one request it
 * sends (the 2026-07-28 era), and handlers read it with
 * mcp_tool_call_get_auth_info() and its siblings. An identity made from a
 * TLS client certificate (#McpClientCertificateProvider) carries the
 * certificate in #McpAuthInfo:certificate.
 *
 * Once it is handed to a transport it must not change.
 */

struct _McpAuthInfo
{
  GObject          parent_instance;

  char            *principal;
  GStrv            permissions;
  gint64           expires_at;
  JsonNode        *claims;
  GTlsCertificate *certificate;
  double           rate_limit;
  guint            rate_burst;
  guint            max_sessions;
  guint            session_idle_timeout;
  McpTokenBucket  *bucket;
};

G_DEFINE_FINAL_TYPE (McpAuthInfo, mcp_auth_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PRINCIPAL,
  PROP_PERMISSIONS,
  PROP_EXPIRES_AT,
  PROP_CLAIMS,
  PROP_RATE_LIMIT,
  PROP_RATE_BURST,
  PROP_MAX_SESSIONS,
  PROP_SESSION_IDLE_TIMEOUT,
  PROP_CERTIFICATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_auth_info_finalize (GObject *object)
{
  McpAuthInfo *self = MCP_AUTH_INFO (object);

  g_clear_pointer (&self->principal, g_free);
  g_clear_pointer (&self->permissions, g_strfreev);
  g_clear_pointer (&self->claims, json_node_unref);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->bucket, _mcp_token_bucket_unref);

  G_OBJECT_CLASS (mcp_auth_info_parent_class)->finalize (object);
}

static void
mcp_auth_info_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  McpAuthInfo *self = MCP_AUTH_INFO (object);

  switch (prop_id)
    {
    case PROP_PRINCIPAL:
      g_value_set_string (value, self->principal);
      break;
    case PROP_PERMISSIONS:
      g_value_set_boxed (value, self->permissions);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, self->expires_at);
      break;
    case PROP_CLAIMS:
      g_value_set_boxed (value, self->claims);
      break;
    case PROP_RATE_LIMIT:
      g_value_set_double (value, self->rate_limit);
      break;
    case PROP_RATE_BURST:
      g_value_set_uint (value, self->rate_burst);
      break;
    case PROP_MAX_SESSIONS:
      g_value_set_uint (value, self->max_sessions);
      break;
    case PROP_SESSION_IDLE_TIMEOUT:
      g_value_set_uint (value, self->session_idle_timeout);
      break;
    case PROP_CERTIFICATE:
      g_value_set_object (value, self->certificate);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_auth_info_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  McpAuthInfo *self = MCP_AUTH_INFO (object);

  switch (prop_id)
    {
    case PROP_PRINCIPAL:
      g_free (self->principal);
      self->principal = g_value_dup_string (value);
      break;
    case PROP_PERMISSIONS:
      g_strfreev (self->permissions);
      self->permissions = g_value_dup_boxed (value);
      if (self->permissions == NULL)
        self->permissions = g_new0 (char *, 1);
      break;
    case PROP_EXPIRES_AT:
      mcp_auth_info_set_expires_at (self, g_value_get_int64 (value));
      break;
    case PROP_CLAIMS:
      mcp_auth_info_set_claims (self, g_value_get_boxed (value));
      break;
    case PROP_RATE_LIMIT:
      mcp_auth_info_set_rate_limit (self, g_value_get_double (value), self->rate_burst);
      break;
    case PROP_RATE_BURST:
      mcp_auth_info_set_rate_limit (self, self->rate_limit, g_value_get_uint (value));
      break;
    case PROP_MAX_SESSIONS:
      mcp_auth_info_set_max_sessions (self, g_value_get_uint (value));
      break;
    case PROP_SESSION_IDLE_TIMEOUT:
      mcp_auth_info_set_session_idle_timeout (self, g_value_get_uint (value));
      break;
    case PROP_CERTIFICATE:
      mcp_auth_info_set_certificate (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_auth_info_class_init (McpAuthInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_auth_info_finalize;
  object_class->get_property = mcp_auth_info_get_property;
  object_class->set_property = mcp_auth_info_set_property;

  /**
   * McpAuthInfo:principal:
   *
   * Who the caller is: a name stable across its requests. A session
   * opened by one principal serves no other.
   */
  properties[PROP_PRINCIPAL] =
    g_param_spec_string ("principal", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpAuthInfo:permissions:
   *
   * What the caller may do: permissions or OAuth scopes, as features
   * require them with mcp_tool_set_required_permission() and its siblings.
   */
  properties[PROP_PERMISSIONS] =
    g_param_spec_boxed ("permissions", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpAuthInfo:expires-at:
   *
   * When the credentials expire, in seconds since the Unix epoch, or 0
   * when they do not.
   */
  properties[PROP_EXPIRES_AT] =
    g_param_spec_int64 ("expires-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpAuthInfo:claims:
   *
   * Free-form claims: a JWT's payload, an API key's metadata.
   */
  properties[PROP_CLAIMS] =
    g_param_spec_boxed ("claims", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpAuthInfo:rate-limit:
   *
   * Requests a second this principal may make, on average, across all of
   * its sessions and the requests of the stateless era; 0 (the default)
   * for no limit of its own. The server transports keep one token bucket
   * a principal (of #McpAuthInfo:rate-burst tokens) for the provider that
   * made the identity, so the limit holds from one request to the next
   * even though a provider makes a new identity for each. A request over
   * it gets HTTP 429 with `Retry-After`, or on a WebSocket the JSON-RPC
   * error -32029 with `retryAfter`. An API key's own rate
   * (mcp_api_key_provider_add_key()) takes precedence.
   *
   * Since: 0.1
   */
  properties[PROP_RATE_LIMIT] =
    g_param_spec_double ("rate-limit", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpAuthInfo:rate-burst:
   *
   * How many requests over #McpAuthInfo:rate-limit the principal may make
   * at once; 0 (the default) means the rate rounded up, and at least 1.
   *
   * Since: 0.1
   */
  properties[PROP_RATE_BURST] =
    g_param_spec_uint ("rate-burst", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpAuthInfo:max-sessions:
   *
   * How many sessions this principal may hold open at once on one server
   * transport (HTTP sessions, WebSocket connections); 0 (the default)
   * means the transport's `max-sessions-per-principal`. One more is
   * refused with HTTP 429.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_SESSIONS] =
    g_param_spec_uint ("max-sessions", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpAuthInfo:session-idle-timeout:
   *
   * Milliseconds an HTTP session this principal opened may stay idle
   * before it is closed; 0 (the default) means the transport's
   * #McpHttpServerTransport:session-idle-timeout.
   *
   * Since: 0.1
   */
  properties[PROP_SESSION_IDLE_TIMEOUT] =
    g_param_spec_uint ("session-idle-timeout", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpAuthInfo:certificate:
   *
   * The TLS client certificate the identity was made from, as the
   * handshake verified it, or %NULL when it came from other credentials.
   *
   * Since: 0.1
   */
  properties[PROP_CERTIFICATE] =
    g_param_spec_object ("certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_auth_info_init (McpAuthInfo *self)
{
  self->permissions = g_new0 (char *, 1);
}

/**
 * mcp_auth_info_new:
 * @principal: who the caller is
 * @permissions: (array zero-terminated=1) (nullable): what it may do
 *
 * Creates an identity, as an #McpAuthProvider returns it.
 *
 * Returns: (transfer full): a new #McpAuthInfo
 */
McpAuthInfo *
mcp_auth_info_new (const char         *principal,
                   const char * const *permissions)
{
  g_return_val_if_fail (principal != NULL, NULL);

  return g_object_new (MCP_TYPE_AUTH_INFO,
                       "principal", principal,
                       "permissions", permissions,
                       NULL);
}

/**
 * mcp_auth_info_get_principal:
 * @self: an #McpAuthInfo
 *
 * Gets #McpAuthInfo:principal.
 *
 * Returns: the principal
 */
const char *
mcp_auth_info_get_principal (McpAuthInfo *self)
{
  g_return_val_if_fail (MCP_IS_AUTH_INFO (self), NULL);

  return self->principal;
}

/**
 * mcp_auth_info_get_permissions:
 * @self: an #McpAuthInfo
 *
 * Gets #McpAuthInfo:permissions.
 *
 * Returns: (array zero-terminated=1) (transfer none): the permissions
 */
const char * const *
mcp_auth_info_get_permissions (McpAuthInfo *self)
{
  g_return_val_if_fail (MCP_IS_AUTH_INFO (self), NULL);

  return (const char * const *) self->permissions;
}

/**
 * mcp_auth_info_has_permission:
 * @self: an #McpAuthInfo
 * @permission: a permission or scope
 *
 * Whether the caller holds @permission.
 *
 * Returns: %TRUE when @permission is among #McpAuthInfo:permissions
 */
gboolean
mcp_auth_info_has_permission (McpAuthInfo *self,
                              const char  *permission)
{
  g_return_val_if_fail (MCP_IS_AUTH_INFO (self), FALSE);
  g_return_val_if_fail (permission != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->permissions, permission);
}

/**
 * mcp_auth_info_get_expires_at:
 * @self: an #McpAuthInfo
 *
 * Gets #McpAuthInfo:expires-at.
 *
 * Returns: seconds since the Unix epoch, or 0
 */
gint64
mcp_auth_info_get_expires_at (McpAuthInfo *self)
{
  g_return_val_if_fail (MCP_IS_AUTH_INFO (self), 0);

  return self->expires_at;
}

/**
 * mcp_auth_info_set_expires_at:
 * @self: an #McpAuthInfo
 * @expires_at: seconds since the Unix epoch, or 0
 *
 * Sets #McpAuthInfo:expires-at.
 */
void
mcp_auth_info_set_expires_at (McpAuthInfo *self,
                              gint64       expires_at)
{
  g_return_if_fail (MCP_IS_AUTH_INFO (self));
  g_return_if_fail (expires_at >= 0);

  if (self->expires_at == expires_at)
    return;

  self->expires_at = expires_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRES_AT]);
}

/**
 * mcp_auth_info_get_claims:
 * @self: an #McpAuthInfo
 *
 * Gets #McpAuthInfo:claims.
 *
 * Returns: (transfer none) (nullable): the claims
 */
JsonNode *
mcp_auth_info_get_claims (McpAuthInfo *self)
{
  g_return_val_if_fail (MCP_IS_AUTH_INFO (self), NULL);

  return self->claims;
}

/**
 * mcp_auth_info_set_claims:
 * @self: an #McpAuthInfo
 * @claims: (nullable): free-form claims
 *
 * Sets #McpAuthInfo:claims to a copy of @claims.
 */
void
mcp_auth_info_set_claims (McpAuthInfo *self,
                          JsonNode    *claims)
{
  g_return_if_fail (MCP_IS_AUTH_INFO (self));

  if (self->claims == claims)
    return;

  g_clear_pointer (&self->claims, json_node_unref);
  if (claims != NULL)
    self->claims = json_node_copy (claims);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLAIMS]);
}

/**
 * mcp_auth_info_get_rate_limit:
 * @self: an #McpAuthInfo
 *
 * Gets #McpAuthInfo:rate-limit.
 *
 * Returns: requests a second, or 0 for no limit of its own
 */
double
mcp_auth_info_get_rate_limit (McpAuthInfo *self)
{
  g_return_val_if_fail (MCP_IS_AUTH_INFO (self), 0);

  return self->rate_limit;
}

/**
 * mcp_auth_info_get_rate_burst:
 * @self: an #McpAuthInfo
 *
 * Gets #McpAuthInfo:rate-burst.
 *
 * Returns: the burst, or 0 for the rate rounded up
 */
guint
mcp_auth_info_get_rate_burst (McpAuthInfo *self)
{
  g_return_val_if_fail (MCP_IS_AUTH_INFO (self), 0);

  return self->rate_burst;
}

/**
 * mcp_auth_info_set_rate_limit:
 * @self: an #McpAuthInfo
 * @rate: requests a second, or 0 for no limit of its own
 * @burst: requests at once, or 0 for @rate rounded up
 *
 * Sets #McpAuthInfo:rate-limit and #McpAuthInfo:rate-burst: a provider
 * (or a handler of #McpAuthProvider::authenticated) gives a principal its
 * own rate limit.
 */
void
mcp_auth_info_set_rate_limit (McpAuthInfo *self,
                              double       rate,
                              guint        burst)
{
  g_return_if_fail (MCP_IS_AUTH_INFO (self));
  g_return_if_fail (rate >= 0);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->rate_limit != rate)
    {
      self->rate_limit = rate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE_LIMIT]);
    }
  if (self->rate_burst != burst)
    {
      self->rate_burst = burst;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE_BURST]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * mcp_auth_info_get_max_sessions:
 * @self: an #McpAuthInfo
 *
 * Gets #McpAuthInfo:max-sessions.
 *
 * Returns: the cap, or 0 for the transport's
 */
guint
mcp_auth_info_get_max_sessions (McpAuthInfo *self)
{
  g_return_val_if_fail (MCP_IS_AUTH_INFO (self), 0);

  return self->max_sessions;
}

/**
 * mcp_auth_info_set_max_sessions:
 * @self: an #McpAuthInfo
 * @max_sessions: the cap, or 0 for the transport's
 *
 * Sets #McpAuthInfo:max-sessions.
 */
void
mcp_auth_info_set_max_sessions (McpAuthInfo *self,
                                guint        max_sessions)
{
  g_return_if_fail (MCP_IS_AUTH_INFO (self));

  if (self->max_sessions == max_sessions)
    return;

  self->max_sessions = max_sessions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SESSIONS]);
}

/**
 * mcp_auth_info_get_session_idle_timeout:
 * @self: an #McpAuthInfo
 *
 * Gets #McpAuthInfo:session-idle-timeout.
 *
 * Returns: milliseconds, or 0 for the transport's
 */
guint
mcp_auth_info_get_session_idle_timeout (McpAuthInfo *self)
{
  g_return_val_if_fail (MCP_IS_AUTH_INFO (self), 0);

  return self->session_idle_timeout;
}

/**
 * mcp_auth_info_set_session_idle_timeout:
 * @self: an #McpAuthInfo
 * @timeout_ms: milliseconds, or 0 for the transport's
 *
 * Sets #McpAuthInfo:session-idle-timeout.
 */
void
mcp_auth_info_set_session_idle_timeout (McpAuthInfo *self,
                                        guint        timeout_ms)
{
  g_return_if_fail (MCP_IS_AUTH_INFO (self));

  if (self->session_idle_timeout == timeout_ms)
    return;

  self->session_idle_timeout = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_IDLE_TIMEOUT]);
}

/**
 * mcp_auth_info_get_certificate:
 * @self: an #McpAuthInfo
 *
 * Gets #McpAuthInfo:certificate.
 *
 * Returns: (transfer none) (nullable): the client certificate
 *
 * Since: 0.1
 */
GTlsCertificate *
mcp_auth_info_get_certificate (McpAuthInfo *self)
{
  g_return_val_if_fail (MCP_IS_AUTH_INFO (self), NULL);

  return self->certificate;
}

/**
 * mcp_auth_info_set_certificate:
 * @self: an #McpAuthInfo
 * @certificate: (nullable): the client certificate the identity was made from
 *
 * Sets #McpAuthInfo:certificate, as a provider that reads client
 * certificates does before it hands the identity on.
 *
 * Since: 0.1
 */
void
mcp_auth_info_set_certificate (McpAuthInfo     *self,
                               GTlsCertificate *certificate)
{
  g_return_if_fail (MCP_IS_AUTH_INFO (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  if (g_set_object (&self->certificate, certificate))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CERTIFICATE]);
}

/* Private ------------------------------------------------------------------ */

gboolean
_mcp_auth_info_has_bucket (McpAuthInfo *self)
{
  return self->bucket != NULL;
}

void
_mcp_auth_info_set_bucket (McpAuthInfo    *self,
                           McpTokenBucket *bucket)
{
  g_clear_pointer (&self->bucket, _mcp_token_bucket_unref);
  if (bucket != NULL)
    self->bucket = _mcp_token_bucket_ref (bucket);
}

gboolean
_mcp_auth_info_charge (McpAuthInfo *self,
                       guint       *retry_after)
{
  if (self == NULL || self->bucket == NULL)
    return TRUE;

  return _mcp_token_bucket_take (self->bucket, g_get_monotonic_time (), retry_after);
}

#define ATTACHED_KEY "mcp-auth-info"
#define PER_REQUEST_KEY "mcp-auth-info-per-request"

void
_mcp_auth_info_attach (GObject     *peer,
                       McpAuthInfo *info,
                       gboolean     per_request)
{
  g_object_set_data_full (peer, ATTACHED_KEY, info != NULL ? g_object_ref (info) : NULL,
                          g_object_unref);
  g_object_set_data (peer, PER_REQUEST_KEY, GINT_TO_POINTER (per_request));
}

McpAuthInfo *
_mcp_auth_info_attached (GObject  *peer,
                         gboolean *per_request)
{
  if (per_request != NULL)
    *per_request = GPOINTER_TO_INT (g_object_get_data (peer, PER_REQUEST_KEY));

  return g_object_get_data (peer, ATTACHED_KEY);
}

#define REMOTE_ADDRESS_KEY "mcp-remote-address"

void
_mcp_peer_set_remote_address (GObject    *peer,
                              const char *address)
{
  g_object_set_data_full (peer, REMOTE_ADDRESS_KEY, g_strdup (address), g_free);
}

const char *
_mcp_peer_get_remote_address (GObject *peer)
{
  return peer != NULL ? g_object_get_data (peer, REMOTE_ADDRESS_KEY) : NULL;
}

gboolean
_mcp_auth_info_same_principal (McpAuthInfo *a,
                               McpAuthInfo *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strcmp0 (a->principal, b->principal) == 0;
}

const char *
_mcp_auth_bearer_token (const char *authorization)
{
  const char *token;

  if (authorization == NULL)
    return NULL;

  while (*authorization == ' ' || *authorization == '\t')
    authorization++;

  if (g_ascii_strncasecmp (authorization, "Bearer", 6) != 0 ||
      (authorization[6] != ' ' && authorization[6] != '\t'))
    return NULL;

  token = authorization + 6;
  while (*token == ' ' || *token == '\t')
    token++;

  return *token != '\0' ? token : NULL;
}

const char *
_mcp_auth_require_bearer (SoupMessageHeaders  *headers,
                          GError             **error)
{
  const char *token = _mcp_auth_bearer_token (soup_message_headers_get_one (headers,
                                                                            "Authorization"));

  if (token == NULL)
    g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "A bearer token is required");

  return token;
}
