/* mcp-token-verifier.c: the base of the providers that verify bearer
 * access tokens (McpJwtProvider locally, McpIntrospectionProvider through
 * the authorization server). It owns what a token's claims must hold, as
 * properties, and the McpTokenPolicy that checks them.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-token-verifier.h"

#include "mcp-auth-private.h"
#include "mcp-str-private.h"

/**
 * McpTokenVerifier:
 *
 * The base of the auth providers that verify bearer access tokens:
 * #McpJwtProvider checks a JWT's signature itself, #McpIntrospectionProvider
 * asks the authorization server (RFC 7662). Both then hold the token's
 * claims to the rules set here: the issuer, the audience (the RFC 8707
 * resource the token was issued for), the scopes every caller needs, the
 * clock skew allowed on `exp` and `nbf`, and the longest token looked at.
 *
 * The issuer and the required scopes also make the protected resource
 * metadata (RFC 9728) that the server transports publish.
 *
 * Since: 0.1
 */

#define DEFAULT_CLOCK_SKEW 60
#define DEFAULT_MAX_TOKEN_SIZE 8192

typedef struct
{
  McpTokenPolicy policy;
} McpTokenVerifierPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (McpTokenVerifier, mcp_token_verifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ISSUER,
  PROP_AUDIENCE,
  PROP_REQUIRED_SCOPES,
  PROP_CLOCK_SKEW,
  PROP_MAX_TOKEN_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

McpTokenPolicy *
_mcp_token_verifier_get_policy (McpTokenVerifier *self)
{
  McpTokenVerifierPrivate *priv = mcp_token_verifier_get_instance_private (self);

  return &priv->policy;
}

void
_mcp_token_verifier_set_claim_rules (McpTokenVerifier   *self,
                                     gboolean            exp_required,
                                     const char * const *principal_claims)
{
  McpTokenPolicy *policy = _mcp_token_verifier_get_policy (self);

  policy->exp_required = exp_required;
  policy->principal_claims = principal_claims;
}

/* Notifies @prop_id when @did_change, and tells the subclass when a rule
 * changed (the longest token is not a rule about its claims). */
static void
changed (McpTokenVerifier *self,
         gboolean          did_change,
         guint             prop_id)
{
  McpTokenVerifierClass *klass = MCP_TOKEN_VERIFIER_GET_CLASS (self);

  if (!did_change)
    return;

  if (prop_id != PROP_MAX_TOKEN_SIZE && klass->policy_changed != NULL)
    klass->policy_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
mcp_token_verifier_finalize (GObject *object)
{
  McpTokenPolicy *policy = _mcp_token_verifier_get_policy (MCP_TOKEN_VERIFIER (object));

  g_clear_pointer (&policy->issuer, g_free);
  g_clear_pointer (&policy->audience, g_free);
  g_clear_pointer (&policy->required_scopes, g_strfreev);

  G_OBJECT_CLASS (mcp_token_verifier_parent_class)->finalize (object);
}

static void
mcp_token_verifier_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  McpTokenPolicy *policy = _mcp_token_verifier_get_policy (MCP_TOKEN_VERIFIER (object));

  switch (prop_id)
    {
    case PROP_ISSUER:
      g_value_set_string (value, policy->issuer);
      break;
    case PROP_AUDIENCE:
      g_value_set_string (value, policy->audience);
      break;
    case PROP_REQUIRED_SCOPES:
      g_value_set_boxed (value, policy->required_scopes);
      break;
    case PROP_CLOCK_SKEW:
      g_value_set_uint (value, policy->clock_skew);
      break;
    case PROP_MAX_TOKEN_SIZE:
      g_value_set_uint64 (value, policy->max_token_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_token_verifier_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  McpTokenVerifier *self = MCP_TOKEN_VERIFIER (object);

  switch (prop_id)
    {
    case PROP_ISSUER:
      mcp_token_verifier_set_issuer (self, g_value_get_string (value));
      break;
    case PROP_AUDIENCE:
      mcp_token_verifier_set_audience (self, g_value_get_string (value));
      break;
    case PROP_REQUIRED_SCOPES:
      mcp_token_verifier_set_required_scopes (self, g_value_get_boxed (value));
      break;
    case PROP_CLOCK_SKEW:
      mcp_token_verifier_set_clock_skew (self, g_value_get_uint (value));
      break;
    case PROP_MAX_TOKEN_SIZE:
      mcp_token_verifier_set_max_token_size (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
mcp_token_verifier_class_init (McpTokenVerifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_token_verifier_finalize;
  object_class->get_property = mcp_token_verifier_get_property;
  object_class->set_property = mcp_token_verifier_set_property;

  /**
   * McpTokenVerifier:issuer:
   *
   * The `iss` a token must have, and the authorization server the
   * protected resource metadata names; %NULL: any issuer, no metadata.
   */
  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL, PARAM_FLAGS);

  /**
   * McpTokenVerifier:audience:
   *
   * The `aud` a token must have (or contain): the resource it was issued
   * for; %NULL: any audience.
   */
  properties[PROP_AUDIENCE] =
    g_param_spec_string ("audience", NULL, NULL, NULL, PARAM_FLAGS);

  /**
   * McpTokenVerifier:required-scopes:
   *
   * Scopes every token must hold to be let in at all. A valid token
   * without one is refused with %MCP_ERROR_FORBIDDEN: HTTP 403 with
   * `error="insufficient_scope"`, so that the client can ask for more.
   * They are also the `scopes_supported` of the metadata.
   */
  properties[PROP_REQUIRED_SCOPES] =
    g_param_spec_boxed ("required-scopes", NULL, NULL, G_TYPE_STRV, PARAM_FLAGS);

  /**
   * McpTokenVerifier:clock-skew:
   *
   * Seconds of allowance on `exp` and `nbf` for clocks that disagree, at
   * most an hour.
   */
  properties[PROP_CLOCK_SKEW] =
    g_param_spec_uint ("clock-skew", NULL, NULL, 0, MCP_TOKEN_POLICY_MAX_CLOCK_SKEW,
                       DEFAULT_CLOCK_SKEW, PARAM_FLAGS);

  /**
   * McpTokenVerifier:max-token-size:
   *
   * The longest token, in bytes, that is looked at at all (a JWT's header
   * included: an oversized header is refused with the token).
   */
  properties[PROP_MAX_TOKEN_SIZE] =
    g_param_spec_uint64 ("max-token-size", NULL, NULL, MCP_TOKEN_POLICY_MIN_MAX_TOKEN_SIZE,
                         MCP_TOKEN_POLICY_MAX_MAX_TOKEN_SIZE, DEFAULT_MAX_TOKEN_SIZE,
                         PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_token_verifier_init (McpTokenVerifier *self)
{
  McpTokenPolicy *policy = _mcp_token_verifier_get_policy (self);

  policy->clock_skew = DEFAULT_CLOCK_SKEW;
  policy->max_token_size = DEFAULT_MAX_TOKEN_SIZE;
}

/**
 * mcp_token_verifier_get_issuer:
 * @self: an #McpTokenVerifier
 *
 * Gets #McpTokenVerifier:issuer.
 *
 * Returns: (nullable): the issuer
 */
const char *
mcp_token_verifier_get_issuer (McpTokenVerifier *self)
{
  g_return_val_if_fail (MCP_IS_TOKEN_VERIFIER (self), NULL);

  return _mcp_token_verifier_get_policy (self)->issuer;
}

/**
 * mcp_token_verifier_set_issuer:
 * @self: an #McpTokenVerifier
 * @issuer: (nullable): the issuer
 *
 * Sets #McpTokenVerifier:issuer.
 */
void
mcp_token_verifier_set_issuer (McpTokenVerifier *self,
                               const char       *issuer)
{
  g_return_if_fail (MCP_IS_TOKEN_VERIFIER (self));

  changed (self, _mcp_str_replace (&_mcp_token_verifier_get_policy (self)->issuer, issuer),
           PROP_ISSUER);
}

/**
 * mcp_token_verifier_get_audience:
 * @self: an #McpTokenVerifier
 *
 * Gets #McpTokenVerifier:audience.
 *
 * Returns: (nullable): the audience
 */
const char *
mcp_token_verifier_get_audience (McpTokenVerifier *self)
{
  g_return_val_if_fail (MCP_IS_TOKEN_VERIFIER (self), NULL);

  return _mcp_token_verifier_get_policy (self)->audience;
}

/**
 * mcp_token_verifier_set_audience:
 * @self: an #McpTokenVerifier
 * @audience: (nullable): the audience
 *
 * Sets #McpTokenVerifier:audience.
 */
void
mcp_token_verifier_set_audience (McpTokenVerifier *self,
                                 const char       *audience)
{
  g_return_if_fail (MCP_IS_TOKEN_VERIFIER (self));

  changed (self, _mcp_str_replace (&_mcp_token_verifier_get_policy (self)->audience, audience),
           PROP_AUDIENCE);
}

/**
 * mcp_token_verifier_get_required_scopes:
 * @self: an #McpTokenVerifier
 *
 * Gets #McpTokenVerifier:required-scopes.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the scopes
 */
const char * const *
mcp_token_verifier_get_required_scopes (McpTokenVerifier *self)
{
  g_return_val_if_fail (MCP_IS_TOKEN_VERIFIER (self), NULL);

  return (const char * const *) _mcp_token_verifier_get_policy (self)->required_scopes;
}

/**
 * mcp_token_verifier_set_required_scopes:
 * @self: an #McpTokenVerifier
 * @scopes: (array zero-terminated=1) (nullable): scopes every token needs
 *
 * Sets #McpTokenVerifier:required-scopes.
 */
void
mcp_token_verifier_set_required_scopes (McpTokenVerifier   *self,
                                        const char * const *scopes)
{
  g_return_if_fail (MCP_IS_TOKEN_VERIFIER (self));

  changed (self, _mcp_strv_replace (&_mcp_token_verifier_get_policy (self)->required_scopes, scopes),
           PROP_REQUIRED_SCOPES);
}

/**
 * mcp_token_verifier_get_clock_skew:
 * @self: an #McpTokenVerifier
 *
 * Gets #McpTokenVerifier:clock-skew.
 *
 * Returns: seconds
 */
guint
mcp_token_verifier_get_clock_skew (McpTokenVerifier *self)
{
  g_return_val_if_fail (MCP_IS_TOKEN_VERIFIER (self), 0);

  return _mcp_token_verifier_get_policy (self)->clock_skew;
}

/**
 * mcp_token_verifier_set_clock_skew:
 * @self: an #McpTokenVerifier
 * @seconds: at most 3600
 *
 * Sets #McpTokenVerifier:clock-skew.
 */
void
mcp_token_verifier_set_clock_skew (McpTokenVerifier *self,
                                   guint             seconds)
{
  McpTokenPolicy *policy;
  gboolean did_change;

  g_return_if_fail (MCP_IS_TOKEN_VERIFIER (self));
  g_return_if_fail (seconds <= MCP_TOKEN_POLICY_MAX_CLOCK_SKEW);

  policy = _mcp_token_verifier_get_policy (self);
  did_change = policy->clock_skew != seconds;
  policy->clock_skew = seconds;
  changed (self, did_change, PROP_CLOCK_SKEW);
}

/**
 * mcp_token_verifier_get_max_token_size:
 * @self: an #McpTokenVerifier
 *
 * Gets #McpTokenVerifier:max-token-size.
 *
 * Returns: bytes
 */
gsize
mcp_token_verifier_get_max_token_size (McpTokenVerifier *self)
{
  g_return_val_if_fail (MCP_IS_TOKEN_VERIFIER (self), 0);

  return _mcp_token_verifier_get_policy (self)->max_token_size;
}

/**
 * mcp_token_verifier_set_max_token_size:
 * @self: an #McpTokenVerifier
 * @size: bytes, from 64 to 1 MiB
 *
 * Sets #McpTokenVerifier:max-token-size.
 */
void
mcp_token_verifier_set_max_token_size (McpTokenVerifier *self,
                                       gsize             size)
{
  McpTokenPolicy *policy;
  gboolean did_change;

  g_return_if_fail (MCP_IS_TOKEN_VERIFIER (self));
  g_return_if_fail (size >= MCP_TOKEN_POLICY_MIN_MAX_TOKEN_SIZE &&
                    size <= MCP_TOKEN_POLICY_MAX_MAX_TOKEN_SIZE);

  policy = _mcp_token_verifier_get_policy (self);
  did_change = policy->max_token_size != size;
  policy->max_token_size = size;
  changed (self, did_change, PROP_MAX_TOKEN_SIZE);
}
