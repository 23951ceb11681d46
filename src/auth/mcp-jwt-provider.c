/* mcp-jwt-provider.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-jwt-provider.h"
#include "mcp-error.h"

#include "mcp-auth-private.h"
#include "mcp-json-node-private.h"
#include "mcp-json-reader-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-random-private.h"
#include "mcp-request-state-private.h"

/**
 * McpJwtProvider:
 *
 * Bearer tokens that are JSON Web Tokens (RFC 7519) signed with HMAC
 * SHA-256 (`HS256`) and a shared secret.
 *
 * A token is accepted when its header names `HS256` (`none` and every
 * other algorithm are refused, so that a token cannot choose how it is
 * checked), its signature is right, and its claims hold:
 *
 * - `exp` is present and not past, and `nbf`, if present, is not ahead,
 *   both with #McpJwtProvider:clock-skew seconds of allowance;
 * - `iss` is #McpJwtProvider:issuer, when that is set;
 * - `aud` is, or contains, #McpJwtProvider:audience, when that is set
 *   (the RFC 8707 resource a token was issued for);
 * - `sub` is present: it is the identity's principal.
 *
 * The identity's permissions are the words of the `scope` claim and the
 * strings of a `permissions` array; its claims are the token's payload;
 * it expires at `exp`. A token longer than #McpJwtProvider:max-token-size
 * is refused before it is decoded.
 *
 * With #McpJwtProvider:issuer set the provider publishes RFC 9728 protected
 * resource metadata naming that issuer as the authorization server.
 */

#define DEFAULT_CLOCK_SKEW 60
#define DEFAULT_MAX_TOKEN_SIZE 8192

struct _McpJwtProvider
{
  GObject  parent_instance;

  GBytes  *secret;
  char    *issuer;
  char    *audience;
  GStrv    required_scopes;
  guint    clock_skew;
  gsize    max_token_size;
};

static void auth_provider_iface_init (McpAuthProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpJwtProvider, mcp_jwt_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_AUTH_PROVIDER,
                                                      auth_provider_iface_init))

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

static void
mcp_jwt_provider_finalize (GObject *object)
{
  McpJwtProvider *self = MCP_JWT_PROVIDER (object);

  g_clear_pointer (&self->secret, g_bytes_unref);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->required_scopes, g_strfreev);

  G_OBJECT_CLASS (mcp_jwt_provider_parent_class)->finalize (object);
}

static void
mcp_jwt_provider_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  McpJwtProvider *self = MCP_JWT_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_AUDIENCE:
      g_value_set_string (value, self->audience);
      break;
    case PROP_REQUIRED_SCOPES:
      g_value_set_boxed (value, self->required_scopes);
      break;
    case PROP_CLOCK_SKEW:
      g_value_set_uint (value, self->clock_skew);
      break;
    case PROP_MAX_TOKEN_SIZE:
      g_value_set_uint64 (value, self->max_token_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_jwt_provider_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  McpJwtProvider *self = MCP_JWT_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ISSUER:
      mcp_jwt_provider_set_issuer (self, g_value_get_string (value));
      break;
    case PROP_AUDIENCE:
      mcp_jwt_provider_set_audience (self, g_value_get_string (value));
      break;
    case PROP_REQUIRED_SCOPES:
      mcp_jwt_provider_set_required_scopes (self, g_value_get_boxed (value));
      break;
    case PROP_CLOCK_SKEW:
      mcp_jwt_provider_set_clock_skew (self, g_value_get_uint (value));
      break;
    case PROP_MAX_TOKEN_SIZE:
      mcp_jwt_provider_set_max_token_size (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_jwt_provider_class_init (McpJwtProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_jwt_provider_finalize;
  object_class->get_property = mcp_jwt_provider_get_property;
  object_class->set_property = mcp_jwt_provider_set_property;

  /**
   * McpJwtProvider:issuer:
   *
   * The `iss` a token must have, and the authorization server the
   * protected resource metadata names; %NULL: any issuer, no metadata.
   */
  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpJwtProvider:audience:
   *
   * The `aud` a token must have (or contain); %NULL: any audience.
   */
  properties[PROP_AUDIENCE] =
    g_param_spec_string ("audience", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpJwtProvider:required-scopes:
   *
   * Scopes every token must hold to be let in at all. A valid token
   * without one is refused with %MCP_ERROR_FORBIDDEN: HTTP 403 with
   * `error="insufficient_scope"`, so that the client can ask for more.
   * They are also the `scopes_supported` of the metadata.
   */
  properties[PROP_REQUIRED_SCOPES] =
    g_param_spec_boxed ("required-scopes", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpJwtProvider:clock-skew:
   *
   * Seconds of allowance on `exp` and `nbf` for clocks that disagree.
   */
  properties[PROP_CLOCK_SKEW] =
    g_param_spec_uint ("clock-skew", NULL, NULL, 0, 3600, DEFAULT_CLOCK_SKEW,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpJwtProvider:max-token-size:
   *
   * The longest token, in bytes, that is decoded at all.
   */
  properties[PROP_MAX_TOKEN_SIZE] =
    g_param_spec_uint64 ("max-token-size", NULL, NULL, 64, 1024 * 1024, DEFAULT_MAX_TOKEN_SIZE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_jwt_provider_init (McpJwtProvider *self)
{
  self->clock_skew = DEFAULT_CLOCK_SKEW;
  self->max_token_size = DEFAULT_MAX_TOKEN_SIZE;
}

/* Token parts ---------------------------------------------------------------- */

static char *
sign (GBytes     *secret,
      const char *signing_input,
      gsize       length)
{
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize digest_length = sizeof digest;
  gsize secret_length;
  const guint8 *secret_data = g_bytes_get_data (secret, &secret_length);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, secret_data, secret_length);
  g_hmac_update (hmac, (const guint8 *) signing_input, length);
  g_hmac_get_digest (hmac, digest, &digest_length);

  return _mcp_base64url_encode (digest, digest_length);
}

/* A base64url part that must hold a JSON object. */
static JsonObject *
decode_part (const char *text,
             gsize       length)
{
  g_autofree guint8 *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize json_length = 0;

  if (length == 0)
    return NULL;

  json = _mcp_base64url_decode_len (text, length, &json_length);
  if (json == NULL || json_length == 0)
    return NULL;

  node = _mcp_json_read ((const char *) json, json_length, 16, json_length, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_ref (json_node_get_object (node));
}

static gboolean
number_claim (JsonObject  *claims,
              const char  *name,
              gboolean     required,
              gint64      *value,
              GError     **error)
{
  JsonNode *node = json_object_get_member (claims, name);

  if (node == NULL && !required)
    return TRUE;

  if (node == NULL || !_mcp_json_node_is_number (node))
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                   node == NULL ? "The token has no %s claim" : "The token's %s claim is not a number",
                   name);
      return FALSE;
    }

  *value = (gint64) _mcp_json_node_get_number (node);
  return TRUE;
}

static gboolean
audience_matches (JsonNode   *aud,
                  const char *audience)
{
  if (aud != NULL && _mcp_json_node_is_string (aud))
    return strcmp (json_node_get_string (aud), audience) == 0;

  if (aud != NULL && JSON_NODE_HOLDS_ARRAY (aud))
    {
      JsonArray *array = json_node_get_array (aud);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (_mcp_json_node_is_string (element) &&
              strcmp (json_node_get_string (element), audience) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static GStrv
permissions_of (JsonObject *claims)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *scope = _mcp_json_object_get_string (claims, "scope");
  JsonArray *permissions = _mcp_json_object_get_array (claims, "permissions");

  if (scope != NULL)
    {
      g_auto(GStrv) words = g_strsplit (scope, " ", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_strv_builder_add (builder, words[i]);
    }

  for (guint i = 0; permissions != NULL && i < json_array_get_length (permissions); i++)
    {
      JsonNode *element = json_array_get_element (permissions, i);

      if (_mcp_json_node_is_string (element))
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

/**
 * mcp_jwt_provider_verify:
 * @self: an #McpJwtProvider
 * @token: a compact JWT
 * @error: return location for a #GError
 *
 * Checks @token as a request's bearer token is checked, at the current
 * time.
 *
 * Returns: (transfer full): the identity, or %NULL with
 *   %MCP_ERROR_UNAUTHORIZED (or %MCP_ERROR_FORBIDDEN for a valid token
 *   without #McpJwtProvider:required-scopes) and a message that says what
 *   is wrong
 */
McpAuthInfo *
mcp_jwt_provider_verify (McpJwtProvider  *self,
                         const char      *token,
                         GError         **error)
{
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) permissions = NULL;
  McpAuthInfo *info;
  const char *first_dot;
  const char *second_dot;
  const char *alg;
  const char *sub;
  const char *iss;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 exp = 0;
  gint64 nbf = 0;
  gsize length;

  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), NULL);
  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = strnlen (token, self->max_token_size + 1);
  if (length > self->max_token_size)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                   "The token is longer than the limit of %" G_GSIZE_FORMAT " bytes",
                   self->max_token_size);
      return NULL;
    }

  first_dot = strchr (token, '.');
  second_dot = first_dot != NULL ? strchr (first_dot + 1, '.') : NULL;
  if (second_dot == NULL || strchr (second_dot + 1, '.') != NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "Malformed token: a JWT has three dot-separated parts");
      return NULL;
    }

  header = decode_part (token, first_dot - token);
  if (header == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "Malformed token: the header is not base64url JSON");
      return NULL;
    }

  /* The algorithm is ours to choose, never the token's. */
  alg = _mcp_json_object_get_string (header, "alg");
  if (alg != NULL && g_ascii_strcasecmp (alg, "none") == 0)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "Unsigned tokens (alg none) are refused");
      return NULL;
    }
  if (g_strcmp0 (alg, "HS256") != 0)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The token's algorithm is not accepted: this server takes HS256");
      return NULL;
    }
  if (json_object_has_member (header, "crit"))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The token has critical header parameters this server does not know");
      return NULL;
    }

  expected = sign (self->secret, token, second_dot - token);
  if (!_mcp_constant_time_equal (second_dot + 1, expected))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The token's signature is not valid");
      return NULL;
    }

  claims = decode_part (first_dot + 1, second_dot - first_dot - 1);
  if (claims == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "Malformed token: the payload is not base64url JSON");
      return NULL;
    }

  if (!number_claim (claims, "exp", TRUE, &exp, error) ||
      !number_claim (claims, "nbf", FALSE, &nbf, error))
    return NULL;

  if (now > exp + (gint64) self->clock_skew)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "The token has expired");
      return NULL;
    }
  if (nbf != 0 && now + (gint64) self->clock_skew < nbf)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The token is not valid yet (nbf)");
      return NULL;
    }

  iss = _mcp_json_object_get_string (claims, "iss");
  if (self->issuer != NULL && g_strcmp0 (iss, self->issuer) != 0)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The token was not issued by this server's authorization server (iss)");
      return NULL;
    }

  if (self->audience != NULL &&
      !audience_matches (json_object_get_member (claims, "aud"), self->audience))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The token was not issued for this server (aud)");
      return NULL;
    }

  sub = _mcp_json_object_get_string (claims, "sub");
  if (sub == NULL || *sub == '\0')
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The token has no sub claim");
      return NULL;
    }

  permissions = permissions_of (claims);
  for (guint i = 0; self->required_scopes != NULL && self->required_scopes[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) permissions, self->required_scopes[i]))
        {
          g_set_error (error, MCP_ERROR, MCP_ERROR_FORBIDDEN,
                       "The token does not have the scope %s, which this server requires",
                       self->required_scopes[i]);
          return NULL;
        }
    }

  info = mcp_auth_info_new (sub, (const char * const *) permissions);
  mcp_auth_info_set_expires_at (info, MAX (exp, 0));
  {
    g_autoptr(JsonNode) node = _mcp_json_node_new_object (json_object_ref (claims));

    mcp_auth_info_set_claims (info, node);
  }

  return info;
}

/* McpAuthProvider ------------------------------------------------------------ */

static void
authenticate_async (McpAuthProvider     *provider,
                    SoupMessageHeaders  *headers,
                    GSocketAddress      *remote_address,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  McpJwtProvider *self = MCP_JWT_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  const char *token = _mcp_auth_bearer_token (soup_message_headers_get_one (headers,
                                                                            "Authorization"));
  GError *error = NULL;
  McpAuthInfo *info;

  g_task_set_source_tag (task, authenticate_async);

  if (token == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                               "A bearer token is required");
      return;
    }

  info = mcp_jwt_provider_verify (self, token, &error);
  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, g_object_unref);
}

static JsonNode *
dup_resource_metadata (McpAuthProvider *provider,
                       const char      *resource)
{
  McpJwtProvider *self = MCP_JWT_PROVIDER (provider);
  JsonObject *object;
  JsonArray *servers;
  JsonArray *methods;

  if (self->issuer == NULL)
    return NULL;

  object = json_object_new ();
  json_object_set_string_member (object, "resource", resource);
  servers = json_array_new ();
  json_array_add_string_element (servers, self->issuer);
  json_object_set_array_member (object, "authorization_servers", servers);
  methods = json_array_new ();
  json_array_add_string_element (methods, "header");
  json_object_set_array_member (object, "bearer_methods_supported", methods);
  if (self->required_scopes != NULL && self->required_scopes[0] != NULL)
    {
      JsonArray *scopes = json_array_new ();

      for (guint i = 0; self->required_scopes[i] != NULL; i++)
        json_array_add_string_element (scopes, self->required_scopes[i]);
      json_object_set_array_member (object, "scopes_supported", scopes);
    }

  return _mcp_json_node_new_object (object);
}

static void
auth_provider_iface_init (McpAuthProviderInterface *iface)
{
  iface->authenticate_async = authenticate_async;
  iface->dup_resource_metadata = dup_resource_metadata;
}

/* Public --------------------------------------------------------------------- */

/**
 * mcp_jwt_provider_new_hs256:
 * @secret: the shared HMAC key; at least 32 bytes are recommended
 *
 * Creates a provider that accepts HS256 tokens signed with @secret.
 *
 * Returns: (transfer full): a new #McpJwtProvider
 */
McpJwtProvider *
mcp_jwt_provider_new_hs256 (GBytes *secret)
{
  McpJwtProvider *self;

  g_return_val_if_fail (secret != NULL && g_bytes_get_size (secret) > 0, NULL);

  self = g_object_new (MCP_TYPE_JWT_PROVIDER, NULL);
  self->secret = g_bytes_ref (secret);

  return self;
}

static void
set_string (McpJwtProvider  *self,
            char           **slot,
            const char      *value,
            guint            prop_id)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;

  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/**
 * mcp_jwt_provider_get_issuer:
 * @self: an #McpJwtProvider
 *
 * Gets #McpJwtProvider:issuer.
 *
 * Returns: (nullable): the issuer
 */
const char *
mcp_jwt_provider_get_issuer (McpJwtProvider *self)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), NULL);

  return self->issuer;
}

/**
 * mcp_jwt_provider_set_issuer:
 * @self: an #McpJwtProvider
 * @issuer: (nullable): the issuer
 *
 * Sets #McpJwtProvider:issuer.
 */
void
mcp_jwt_provider_set_issuer (McpJwtProvider *self,
                             const char     *issuer)
{
  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));

  set_string (self, &self->issuer, issuer, PROP_ISSUER);
}

/**
 * mcp_jwt_provider_get_audience:
 * @self: an #McpJwtProvider
 *
 * Gets #McpJwtProvider:audience.
 *
 * Returns: (nullable): the audience
 */
const char *
mcp_jwt_provider_get_audience (McpJwtProvider *self)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), NULL);

  return self->audience;
}

/**
 * mcp_jwt_provider_set_audience:
 * @self: an #McpJwtProvider
 * @audience: (nullable): the audience
 *
 * Sets #McpJwtProvider:audience.
 */
void
mcp_jwt_provider_set_audience (McpJwtProvider *self,
                               const char     *audience)
{
  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));

  set_string (self, &self->audience, audience, PROP_AUDIENCE);
}

/**
 * mcp_jwt_provider_get_required_scopes:
 * @self: an #McpJwtProvider
 *
 * Gets #McpJwtProvider:required-scopes.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the scopes
 */
const char * const *
mcp_jwt_provider_get_required_scopes (McpJwtProvider *self)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), NULL);

  return (const char * const *) self->required_scopes;
}

/**
 * mcp_jwt_provider_set_required_scopes:
 * @self: an #McpJwtProvider
 * @scopes: (array zero-terminated=1) (nullable): scopes every token needs
 *
 * Sets #McpJwtProvider:required-scopes.
 */
void
mcp_jwt_provider_set_required_scopes (McpJwtProvider     *self,
                                      const char * const *scopes)
{
  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));

  if (self->required_scopes == NULL && scopes == NULL)
    return;
  if (self->required_scopes != NULL && scopes != NULL &&
      g_strv_equal ((const char * const *) self->required_scopes, scopes))
    return;

  g_strfreev (self->required_scopes);
  self->required_scopes = g_strdupv ((char **) scopes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED_SCOPES]);
}

/**
 * mcp_jwt_provider_get_clock_skew:
 * @self: an #McpJwtProvider
 *
 * Gets #McpJwtProvider:clock-skew.
 *
 * Returns: seconds
 */
guint
mcp_jwt_provider_get_clock_skew (McpJwtProvider *self)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), 0);

  return self->clock_skew;
}

/**
 * mcp_jwt_provider_set_clock_skew:
 * @self: an #McpJwtProvider
 * @seconds: allowance, at most 3600
 *
 * Sets #McpJwtProvider:clock-skew.
 */
void
mcp_jwt_provider_set_clock_skew (McpJwtProvider *self,
                                 guint           seconds)
{
  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));
  g_return_if_fail (seconds <= 3600);

  if (self->clock_skew == seconds)
    return;

  self->clock_skew = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK_SKEW]);
}

/**
 * mcp_jwt_provider_get_max_token_size:
 * @self: an #McpJwtProvider
 *
 * Gets #McpJwtProvider:max-token-size.
 *
 * Returns: bytes
 */
gsize
mcp_jwt_provider_get_max_token_size (McpJwtProvider *self)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), 0);

  return self->max_token_size;
}

/**
 * mcp_jwt_provider_set_max_token_size:
 * @self: an #McpJwtProvider
 * @size: bytes, from 64 to 1 MiB
 *
 * Sets #McpJwtProvider:max-token-size.
 */
void
mcp_jwt_provider_set_max_token_size (McpJwtProvider *self,
                                     gsize           size)
{
  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));
  g_return_if_fail (size >= 64 && size <= 1024 * 1024);

  if (self->max_token_size == size)
    return;

  self->max_token_size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_TOKEN_SIZE]);
}

/**
 * mcp_jwt_create_hs256:
 * @secret: the shared HMAC key
 * @claims: the payload: `sub`, `exp` and what else the token says
 *
 * Signs @claims into a compact HS256 JWT, as #McpJwtProvider checks them:
 * for tests, and for servers that issue their own tokens.
 *
 * Returns: (transfer full): the token
 */
char *
mcp_jwt_create_hs256 (GBytes     *secret,
                      JsonObject *claims)
{
  static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *payload_json = NULL;
  g_autofree char *encoded_header = NULL;
  g_autofree char *encoded_payload = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *signature = NULL;

  g_return_val_if_fail (secret != NULL && g_bytes_get_size (secret) > 0, NULL);
  g_return_val_if_fail (claims != NULL, NULL);

  node = _mcp_json_node_new_object (json_object_ref (claims));
  payload_json = _mcp_json_to_string (node, NULL);
  encoded_header = _mcp_base64url_encode ((const guint8 *) header, strlen (header));
  encoded_payload = _mcp_base64url_encode ((const guint8 *) payload_json, strlen (payload_json));
  signing_input = g_strconcat (encoded_header, ".", encoded_payload, NULL);
  signature = sign (secret, signing_input, strlen (signing_input));

  return g_strconcat (signing_input, ".", signature, NULL);
}
