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
#include "mcp-jose-private.h"
#include "mcp-json-node-private.h"
#include "mcp-str-private.h"

/**
 * McpJwtProvider:
 *
 * Bearer tokens that are JSON Web Tokens (RFC 7519): signed with HMAC
 * SHA-256 (`HS256`) and a shared secret, or with RSA or ECDSA (`RS256`,
 * `ES256`, and `RS384`, `RS512`, `PS256`, `PS384`, `PS512`, `ES384` when
 * allowed) and public keys, set directly or fetched from a JWKS URL
 * (RFC 7517, as an OAuth 2.1 authorization server publishes its keys).
 *
 * A token is accepted when its header names an algorithm of
 * #McpJwtProvider:algorithms (`none` never is, so that a token cannot
 * choose how it is checked), a key of the provider that is of that
 * algorithm's family (an HMAC secret for `HS256`, an RSA key for `RS256`,
 * a P-256 key for `ES256`: an RSA public key is never used as an HMAC
 * secret) and has the token's `kid`, if it names one, verifies its
 * signature, and its claims hold:
 *
 * - `exp` is present and not past, and `nbf`, if present, is not ahead,
 *   both with #McpTokenVerifier:clock-skew seconds of allowance;
 * - `iss` is #McpTokenVerifier:issuer, when that is set;
 * - `aud` is, or contains, #McpTokenVerifier:audience, when that is set
 *   (the RFC 8707 resource a token was issued for);
 * - `sub` is present: it is the identity's principal.
 *
 * The identity's permissions are the words of the `scope` claim and the
 * strings of a `permissions` array; its claims are the token's payload;
 * it expires at `exp`. A token longer than #McpTokenVerifier:max-token-size
 * is refused before it is decoded.
 *
 * With #McpJwtProvider:jwks-url set, the key set is fetched when the first
 * token needs it, kept, and fetched again when it is older than
 * #McpJwtProvider:jwks-refresh-interval or when a token names a `kid` it
 * does not have, but never twice within
 * #McpJwtProvider:jwks-min-refresh-interval, so that a stream of unknown
 * kids cannot make the provider hammer the authorization server. A
 * document larger than #McpJwtProvider:max-jwks-size, or slower than
 * #McpJwtProvider:jwks-timeout, is refused; when a refresh fails, the keys
 * fetched before stay in use. The URL must be `https`, or `http` on a
 * loopback address.
 *
 * The asymmetric algorithms need mcp-glib built with GnuTLS (the `gnutls`
 * build feature); without it, adding such a key fails with
 * %G_IO_ERROR_NOT_SUPPORTED, and tokens that would need one are refused.
 *
 * With #McpTokenVerifier:issuer set the provider publishes RFC 9728 protected
 * resource metadata naming that issuer as the authorization server.
 */

#define DEFAULT_JWKS_REFRESH_INTERVAL 900
#define DEFAULT_JWKS_MIN_REFRESH_INTERVAL 30
#define DEFAULT_MAX_JWKS_SIZE (64 * 1024)
#define DEFAULT_JWKS_TIMEOUT 10

struct _McpJwtProvider
{
  GObject      parent_instance;

  McpJoseKey  *secret;            /* HS256, or NULL */
  GPtrArray   *keys;              /* McpJoseKey: set directly */
  GStrv        algorithms;        /* as set, or NULL: the default */
  GStrv        effective_algorithms;


  char        *jwks_url;
  guint        jwks_refresh_interval;
  guint        jwks_min_refresh_interval;
  gsize        max_jwks_size;
  guint        jwks_timeout;
  GPtrArray   *jwks_keys;         /* McpJoseKey: from the last fetch, or NULL */
  gint64       jwks_fetched_at;   /* monotonic µs of the last good fetch, 0: none */
  gint64       jwks_attempted_at; /* monotonic µs of the last attempt, 0: none */
  char        *jwks_error;        /* why the last attempt failed, or NULL */
  GPtrArray   *jwks_waiting;      /* GTask: a fetch is in flight, or NULL */
  SoupSession *session;
};

static void auth_provider_iface_init (McpAuthProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpJwtProvider, mcp_jwt_provider, MCP_TYPE_TOKEN_VERIFIER,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_AUTH_PROVIDER,
                                                      auth_provider_iface_init))

enum {
  PROP_0,
  PROP_ALGORITHMS,
  PROP_JWKS_URL,
  PROP_JWKS_REFRESH_INTERVAL,
  PROP_JWKS_MIN_REFRESH_INTERVAL,
  PROP_MAX_JWKS_SIZE,
  PROP_JWKS_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_jwt_provider_finalize (GObject *object)
{
  McpJwtProvider *self = MCP_JWT_PROVIDER (object);

  g_assert (self->jwks_waiting == NULL);

  g_clear_pointer (&self->secret, _mcp_jose_key_unref);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->algorithms, g_strfreev);
  g_clear_pointer (&self->effective_algorithms, g_strfreev);
  g_clear_pointer (&self->jwks_url, g_free);
  g_clear_pointer (&self->jwks_keys, g_ptr_array_unref);
  g_clear_pointer (&self->jwks_error, g_free);
  g_clear_object (&self->session);

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
    case PROP_ALGORITHMS:
      g_value_set_boxed (value, self->effective_algorithms);
      break;
    case PROP_JWKS_URL:
      g_value_set_string (value, self->jwks_url);
      break;
    case PROP_JWKS_REFRESH_INTERVAL:
      g_value_set_uint (value, self->jwks_refresh_interval);
      break;
    case PROP_JWKS_MIN_REFRESH_INTERVAL:
      g_value_set_uint (value, self->jwks_min_refresh_interval);
      break;
    case PROP_MAX_JWKS_SIZE:
      g_value_set_uint64 (value, self->max_jwks_size);
      break;
    case PROP_JWKS_TIMEOUT:
      g_value_set_uint (value, self->jwks_timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
notify_if (McpJwtProvider *self,
           gboolean        changed,
           guint           prop_id)
{
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
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
    case PROP_ALGORITHMS:
      mcp_jwt_provider_set_algorithms (self, g_value_get_boxed (value));
      break;
    case PROP_JWKS_URL:
      mcp_jwt_provider_set_jwks_url (self, g_value_get_string (value));
      break;
    case PROP_JWKS_REFRESH_INTERVAL:
      mcp_jwt_provider_set_jwks_refresh_interval (self, g_value_get_uint (value));
      break;
    case PROP_JWKS_MIN_REFRESH_INTERVAL:
      mcp_jwt_provider_set_jwks_min_refresh_interval (self, g_value_get_uint (value));
      break;
    case PROP_MAX_JWKS_SIZE:
      mcp_jwt_provider_set_max_jwks_size (self, g_value_get_uint64 (value));
      break;
    case PROP_JWKS_TIMEOUT:
      mcp_jwt_provider_set_jwks_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
mcp_jwt_provider_class_init (McpJwtProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_jwt_provider_finalize;
  object_class->get_property = mcp_jwt_provider_get_property;
  object_class->set_property = mcp_jwt_provider_set_property;

  /**
   * McpJwtProvider:algorithms:
   *
   * The `alg` a token may have. Set to %NULL, the default: `HS256` when
   * the provider has a secret, `RS256` and `ES256` when it has public keys
   * or a #McpJwtProvider:jwks-url. Whatever the list, a key serves only
   * its own family, and `none` is never accepted.
   */
  properties[PROP_ALGORITHMS] =
    g_param_spec_boxed ("algorithms", NULL, NULL, G_TYPE_STRV, PARAM_FLAGS);

  /**
   * McpJwtProvider:jwks-url:
   *
   * Where the signing keys are published (a JWKS, RFC 7517 §5): `https`,
   * or `http` on a loopback address; %NULL: none.
   */
  properties[PROP_JWKS_URL] = g_param_spec_string ("jwks-url", NULL, NULL, NULL, PARAM_FLAGS);

  /**
   * McpJwtProvider:jwks-refresh-interval:
   *
   * Seconds the fetched key set is used before it is fetched again.
   */
  properties[PROP_JWKS_REFRESH_INTERVAL] =
    g_param_spec_uint ("jwks-refresh-interval", NULL, NULL, 1, 7 * 24 * 3600,
                       DEFAULT_JWKS_REFRESH_INTERVAL, PARAM_FLAGS);

  /**
   * McpJwtProvider:jwks-min-refresh-interval:
   *
   * The fewest seconds between two fetches of the key set, whatever asks
   * for one (a token with an unknown `kid`, a failed fetch).
   */
  properties[PROP_JWKS_MIN_REFRESH_INTERVAL] =
    g_param_spec_uint ("jwks-min-refresh-interval", NULL, NULL, 0, 24 * 3600,
                       DEFAULT_JWKS_MIN_REFRESH_INTERVAL, PARAM_FLAGS);

  /**
   * McpJwtProvider:max-jwks-size:
   *
   * The largest key set document, in bytes, that is read.
   */
  properties[PROP_MAX_JWKS_SIZE] =
    g_param_spec_uint64 ("max-jwks-size", NULL, NULL, 1024, 16 * 1024 * 1024,
                         DEFAULT_MAX_JWKS_SIZE, PARAM_FLAGS);

  /**
   * McpJwtProvider:jwks-timeout:
   *
   * Seconds a fetch of the key set may take in all.
   */
  properties[PROP_JWKS_TIMEOUT] =
    g_param_spec_uint ("jwks-timeout", NULL, NULL, 1, 600, DEFAULT_JWKS_TIMEOUT, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void update_algorithms (McpJwtProvider *self);

/* A JWT names its subject in sub, and must have an exp. */
static const char * const principal_claims[] = { "sub", NULL };

static void
mcp_jwt_provider_init (McpJwtProvider *self)
{
  self->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) _mcp_jose_key_unref);
  _mcp_token_verifier_set_claim_rules (MCP_TOKEN_VERIFIER (self), TRUE, principal_claims);
  self->jwks_refresh_interval = DEFAULT_JWKS_REFRESH_INTERVAL;
  self->jwks_min_refresh_interval = DEFAULT_JWKS_MIN_REFRESH_INTERVAL;
  self->max_jwks_size = DEFAULT_MAX_JWKS_SIZE;
  self->jwks_timeout = DEFAULT_JWKS_TIMEOUT;
  update_algorithms (self);
}

/* Algorithms and keys --------------------------------------------------------- */

static void
update_algorithms (McpJwtProvider *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) effective = NULL;

  if (self->algorithms != NULL)
    {
      g_strv_builder_addv (builder, (const char **) self->algorithms);
    }
  else
    {
      if (self->secret != NULL)
        g_strv_builder_add (builder, "HS256");
      if (self->keys->len > 0 || self->jwks_url != NULL)
        g_strv_builder_add_many (builder, "RS256", "ES256", NULL);
    }

  effective = g_strv_builder_end (builder);
  if (self->effective_algorithms != NULL &&
      g_strv_equal ((const char * const *) self->effective_algorithms,
                    (const char * const *) effective))
    return;

  g_strfreev (self->effective_algorithms);
  self->effective_algorithms = g_steal_pointer (&effective);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALGORITHMS]);
}

static gboolean
key_matches (McpJoseKey *key,
             McpJws     *jws)
{
  const char *kid = _mcp_jose_key_get_kid (key);

  return _mcp_jose_key_supports_alg (key, jws->alg) &&
         (jws->kid == NULL || kid == NULL || strcmp (kid, jws->kid) == 0);
}

static void
add_candidates (GPtrArray *candidates,
                GPtrArray *keys,
                McpJws    *jws)
{
  for (guint i = 0; keys != NULL && i < keys->len; i++)
    if (key_matches (g_ptr_array_index (keys, i), jws))
      g_ptr_array_add (candidates, g_ptr_array_index (keys, i));
}

/* The keys that may have signed @jws: of its algorithm's family, and with
 * its kid (or none). */
static GPtrArray *
candidates_of (McpJwtProvider *self,
               McpJws         *jws)
{
  GPtrArray *candidates = g_ptr_array_new ();

  if (self->secret != NULL && _mcp_jose_key_supports_alg (self->secret, jws->alg))
    g_ptr_array_add (candidates, self->secret);
  add_candidates (candidates, self->keys, jws);
  add_candidates (candidates, self->jwks_keys, jws);

  return candidates;
}

/* Whether the key set should be fetched (again) before @jws is checked:
 * it is stale, or it has no key for @jws; and the last attempt is old
 * enough, or one is in flight to wait for. */
static gboolean
jwks_wanted (McpJwtProvider *self,
             McpJws         *jws)
{
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GPtrArray) in_jwks = g_ptr_array_new ();
  gboolean stale;

  if (self->jwks_url == NULL || g_str_has_prefix (jws->alg, "HS"))
    return FALSE;

  add_candidates (in_jwks, self->jwks_keys, jws);
  stale = self->jwks_fetched_at == 0 ||
          now - self->jwks_fetched_at >= (gint64) self->jwks_refresh_interval * G_USEC_PER_SEC;
  if (!stale && in_jwks->len > 0)
    return FALSE;

  return self->jwks_waiting != NULL ||
         self->jwks_attempted_at == 0 ||
         now - self->jwks_attempted_at >= (gint64) self->jwks_min_refresh_interval * G_USEC_PER_SEC;
}

/* Verification ---------------------------------------------------------------- */

static gboolean
refuse (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (MCP_ERROR, MCP_ERROR_UNAUTHORIZED, format, args));
  va_end (args);

  return FALSE;
}

/* Checks @token with the keys the provider has now. With @may_fetch, a
 * token that wants the key set fetched first sets @fetch and returns NULL
 * without an error. */
static McpAuthInfo *
verify_token (McpJwtProvider  *self,
              const char      *token,
              gboolean         may_fetch,
              gboolean        *fetch,
              GError         **error)
{
  g_autoptr(McpJws) jws = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean verified = FALSE;

  if (!_mcp_token_policy_check_length (POLICY (self), token, error))
    return NULL;

  jws = _mcp_jws_parse (token, &local_error);
  if (jws == NULL)
    {
      refuse (error, "%s", local_error->message);
      return NULL;
    }

  /* The algorithm is ours to choose, never the token's. */
  if (g_ascii_strcasecmp (jws->alg, "none") == 0)
    {
      refuse (error, "Unsigned tokens (alg none) are refused");
      return NULL;
    }
  if (!g_strv_contains ((const char * const *) self->effective_algorithms, jws->alg) ||
      !_mcp_jose_alg_is_known (jws->alg))
    {
      g_autofree char *accepted = g_strjoinv (", ", self->effective_algorithms);

      refuse (error, "The token's algorithm is not accepted: this server takes %s",
              *accepted != '\0' ? accepted : "none");
      return NULL;
    }
  if (!_mcp_jose_alg_is_supported (jws->alg))
    {
      refuse (error, "The token's algorithm %s needs mcp-glib built with GnuTLS", jws->alg);
      return NULL;
    }
  if (json_object_has_member (jws->header, "crit"))
    {
      refuse (error, "The token has critical header parameters this server does not know");
      return NULL;
    }

  if (may_fetch && jwks_wanted (self, jws))
    {
      *fetch = TRUE;
      return NULL;
    }

  candidates = candidates_of (self, jws);
  if (candidates->len == 0 && self->jwks_url != NULL && self->jwks_keys == NULL &&
      !g_str_has_prefix (jws->alg, "HS"))
    {
      /* Not the client's fault: the transport answers 503. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                   "The signing keys could not be fetched: %s",
                   self->jwks_error != NULL ? self->jwks_error : "not yet");
      return NULL;
    }
  if (candidates->len == 0)
    {
      g_autofree char *why = self->jwks_error != NULL && self->jwks_url != NULL
                             ? g_strdup_printf (" (%s)", self->jwks_error) : g_strdup ("");

      if (jws->kid != NULL)
        refuse (error, "No %s key of this server has the token's kid%s", jws->alg, why);
      else
        refuse (error, "This server has no %s key%s", jws->alg, why);
      return NULL;
    }

  for (guint i = 0; !verified && i < candidates->len; i++)
    verified = _mcp_jws_verify (jws, g_ptr_array_index (candidates, i), NULL);
  if (!verified)
    {
      refuse (error, "The token's signature is not valid");
      return NULL;
    }

  return _mcp_token_policy_check (POLICY (self), jws->payload, g_get_real_time () / G_USEC_PER_SEC,
                                  error);
}

/**
 * mcp_jwt_provider_verify:
 * @self: an #McpJwtProvider
 * @token: a compact JWT
 * @error: return location for a #GError
 *
 * Checks @token as a request's bearer token is checked, at the current
 * time, with the keys the provider has now: it does not fetch the
 * #McpJwtProvider:jwks-url (mcp_jwt_provider_verify_async() does).
 *
 * Returns: (transfer full): the identity, or %NULL with
 *   %MCP_ERROR_UNAUTHORIZED (or %MCP_ERROR_FORBIDDEN for a valid token
 *   without #McpTokenVerifier:required-scopes) and a message that says what
 *   is wrong
 */
McpAuthInfo *
mcp_jwt_provider_verify (McpJwtProvider  *self,
                         const char      *token,
                         GError         **error)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), NULL);
  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return verify_token (self, token, FALSE, NULL, error);
}

static void
return_verified (GTask *task)
{
  McpJwtProvider *self = g_task_get_source_object (task);
  GError *error = NULL;
  McpAuthInfo *info = verify_token (self, g_task_get_task_data (task), FALSE, NULL, &error);

  if (info != NULL)
    g_task_return_pointer (task, info, g_object_unref);
  else
    g_task_return_error (task, error);
}

static GPtrArray *
parse_jwks (JsonNode  *node,
            GError   **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) _mcp_jose_key_unref);
  JsonArray *array = JSON_NODE_HOLDS_OBJECT (node)
                     ? _mcp_json_object_get_array (json_node_get_object (node), "keys") : NULL;

  if (array == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the JWKS is not an object with a keys array");
      return NULL;
    }

  /* Keys this provider cannot use (encryption keys, other curves) are
   * left out, not fatal: a key set may serve more than us. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GError) key_error = NULL;
      McpJoseKey *key = JSON_NODE_HOLDS_OBJECT (element)
                        ? _mcp_jose_key_from_jwk (json_node_get_object (element), &key_error)
                        : NULL;

      if (key != NULL)
        g_ptr_array_add (keys, key);
      else
        g_debug ("JWKS key %u left out: %s", i,
                 key_error != NULL ? key_error->message : "not an object");
    }

  return g_steal_pointer (&keys);
}

static void
jwks_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(McpJwtProvider) self = user_data;
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->jwks_waiting);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) keys = NULL;

  node = _mcp_auth_fetch_json_finish (result, &error);
  if (node != NULL)
    keys = parse_jwks (node, &error);

  if (keys != NULL)
    {
      g_clear_pointer (&self->jwks_keys, g_ptr_array_unref);
      self->jwks_keys = g_steal_pointer (&keys);
      self->jwks_fetched_at = g_get_monotonic_time ();
      g_clear_pointer (&self->jwks_error, g_free);
    }
  else
    {
      g_free (self->jwks_error);
      self->jwks_error = g_strdup (error->message);
      g_debug ("JWKS fetch failed: %s", error->message);
    }

  for (guint i = 0; i < waiting->len; i++)
    return_verified (g_ptr_array_index (waiting, i));
}

static void
fetch_jwks (McpJwtProvider *self,
            GTask          *task)
{
  g_autoptr(SoupMessage) message = NULL;

  if (self->jwks_waiting != NULL)
    {
      g_ptr_array_add (self->jwks_waiting, task);
      return;
    }

  self->jwks_attempted_at = g_get_monotonic_time ();
  message = soup_message_new (SOUP_METHOD_GET, self->jwks_url);
  if (message == NULL)
    {
      g_free (self->jwks_error);
      self->jwks_error = g_strdup_printf ("the JWKS URL %s is not valid", self->jwks_url);
      return_verified (task);
      g_object_unref (task);
      return;
    }

  if (self->session == NULL)
    self->session = soup_session_new_with_options ("user-agent", "mcp-glib/" PACKAGE_VERSION,
                                                   NULL);

  self->jwks_waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->jwks_waiting, task);
  _mcp_auth_fetch_json_async (self->session, message, "the JWKS", self->max_jwks_size,
                              self->jwks_timeout, NULL, jwks_cb, g_object_ref (self));
}

/**
 * mcp_jwt_provider_verify_async:
 * @self: an #McpJwtProvider
 * @token: a compact JWT
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the identity
 * @user_data: data for @callback
 *
 * Checks @token as a request's bearer token is checked, fetching the
 * #McpJwtProvider:jwks-url first when the key set is stale or lacks the
 * token's `kid` (within #McpJwtProvider:jwks-min-refresh-interval).
 */
void
mcp_jwt_provider_verify_async (McpJwtProvider      *self,
                               const char          *token,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  gboolean fetch = FALSE;
  McpAuthInfo *info;

  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));
  g_return_if_fail (token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_jwt_provider_verify_async);

  info = verify_token (self, token, TRUE, &fetch, &error);
  if (info != NULL)
    g_task_return_pointer (task, info, g_object_unref);
  else if (!fetch)
    g_task_return_error (task, error);
  else
    {
      g_task_set_task_data (task, g_strdup (token), g_free);
      fetch_jwks (self, g_steal_pointer (&task));
    }
}

/**
 * mcp_jwt_provider_verify_finish:
 * @self: an #McpJwtProvider
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes mcp_jwt_provider_verify_async().
 *
 * Returns: (transfer full): the identity, or %NULL with
 *   %MCP_ERROR_UNAUTHORIZED or %MCP_ERROR_FORBIDDEN
 */
McpAuthInfo *
mcp_jwt_provider_verify_finish (McpJwtProvider  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
  GError *error = NULL;
  const char *token = _mcp_auth_require_bearer (headers, &error);

  if (token != NULL)
    {
      mcp_jwt_provider_verify_async (self, token, cancellable, callback, user_data);
      return;
    }

  g_task_report_error (self, callback, user_data, authenticate_async, error);
}

static JsonNode *
dup_resource_metadata (McpAuthProvider *provider,
                       const char      *resource)
{
  McpJwtProvider *self = MCP_JWT_PROVIDER (provider);

  return _mcp_token_policy_resource_metadata (POLICY (self), resource);
}

static void
auth_provider_iface_init (McpAuthProviderInterface *iface)
{
  iface->authenticate_async = authenticate_async;
  iface->dup_resource_metadata = dup_resource_metadata;
}

/* Public --------------------------------------------------------------------- */

/**
 * mcp_jwt_provider_new:
 *
 * Creates a provider without keys: add some with
 * mcp_jwt_provider_add_key_pem(), mcp_jwt_provider_add_key_jwk() or
 * #McpJwtProvider:jwks-url. Until then it refuses every token.
 *
 * Returns: (transfer full): a new #McpJwtProvider
 */
McpJwtProvider *
mcp_jwt_provider_new (void)
{
  return g_object_new (MCP_TYPE_JWT_PROVIDER, NULL);
}

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
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (secret != NULL && g_bytes_get_size (secret) > 0, NULL);

  data = g_bytes_get_data (secret, &length);
  self = g_object_new (MCP_TYPE_JWT_PROVIDER, NULL);
  self->secret = _mcp_jose_key_new_secret (data, length, NULL);
  update_algorithms (self);

  return self;
}

/**
 * mcp_jwt_provider_new_jwks:
 * @jwks_url: where the authorization server publishes its signing keys
 *
 * Creates a provider that accepts RS256 and ES256 tokens signed with the
 * keys of @jwks_url (#McpJwtProvider:jwks-url).
 *
 * Returns: (transfer full): a new #McpJwtProvider
 */
McpJwtProvider *
mcp_jwt_provider_new_jwks (const char *jwks_url)
{
  g_return_val_if_fail (jwks_url != NULL, NULL);

  return g_object_new (MCP_TYPE_JWT_PROVIDER, "jwks-url", jwks_url, NULL);
}

static gboolean
add_key (McpJwtProvider  *self,
         McpJoseKey      *key,
         GError         **error)
{
  if (key == NULL)
    {
      g_prefix_error (error, "The key cannot be used: ");
      return FALSE;
    }
  if (g_strcmp0 (_mcp_jose_key_get_kty (key), "oct") == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "The key is a shared secret: use mcp_jwt_provider_new_hs256()");
      _mcp_jose_key_unref (key);
      return FALSE;
    }

  g_ptr_array_add (self->keys, key);
  update_algorithms (self);
  return TRUE;
}

/**
 * mcp_jwt_provider_add_key_pem:
 * @self: an #McpJwtProvider
 * @pem: an RSA or EC (P-256, P-384) key in PEM: a public key
 *   (`BEGIN PUBLIC KEY`) or a private one, of which the public part is used
 * @error: return location for a #GError
 *
 * Adds a key that verifies tokens, whatever their `kid`.
 *
 * Returns: whether @pem was a key the provider can use; without GnuTLS,
 *   %FALSE with %G_IO_ERROR_NOT_SUPPORTED
 */
gboolean
mcp_jwt_provider_add_key_pem (McpJwtProvider  *self,
                              const char      *pem,
                              GError         **error)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), FALSE);
  g_return_val_if_fail (pem != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return add_key (self, _mcp_jose_key_from_pem (pem, -1, error), error);
}

/**
 * mcp_jwt_provider_add_key_jwk:
 * @self: an #McpJwtProvider
 * @jwk: a JSON Web Key (RFC 7517): an RSA or EC (P-256, P-384) public key
 * @error: return location for a #GError
 *
 * Adds a key that verifies tokens whose `kid` is the key's (or any, when
 * it has none). Its `alg`, if any, is the only algorithm it serves.
 *
 * Returns: whether @jwk was a key the provider can use; without GnuTLS,
 *   %FALSE with %G_IO_ERROR_NOT_SUPPORTED
 */
gboolean
mcp_jwt_provider_add_key_jwk (McpJwtProvider  *self,
                              JsonNode        *jwk,
                              GError         **error)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), FALSE);
  g_return_val_if_fail (jwk != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (jwk))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "A JWK is a JSON object");
      return FALSE;
    }

  return add_key (self, _mcp_jose_key_from_jwk (json_node_get_object (jwk), error), error);
}

static void
set_uint (McpJwtProvider *self,
          guint          *slot,
          guint           value,
          guint           prop_id)
{
  gboolean changed = *slot != value;

  *slot = value;
  notify_if (self, changed, prop_id);
}

/**
 * mcp_jwt_provider_get_algorithms:
 * @self: an #McpJwtProvider
 *
 * Gets #McpJwtProvider:algorithms: the list set, or the default one.
 *
 * Returns: (array zero-terminated=1) (transfer none): the algorithms
 */
const char * const *
mcp_jwt_provider_get_algorithms (McpJwtProvider *self)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), NULL);

  return (const char * const *) self->effective_algorithms;
}

/**
 * mcp_jwt_provider_set_algorithms:
 * @self: an #McpJwtProvider
 * @algorithms: (array zero-terminated=1) (nullable): JWS algorithm names
 *   (`HS256`, `RS256`, `ES256`, …); %NULL: the default
 *
 * Sets #McpJwtProvider:algorithms.
 */
void
mcp_jwt_provider_set_algorithms (McpJwtProvider     *self,
                                 const char * const *algorithms)
{
  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));

  _mcp_strv_replace (&self->algorithms, algorithms);
  update_algorithms (self);
}

/**
 * mcp_jwt_provider_get_jwks_url:
 * @self: an #McpJwtProvider
 *
 * Gets #McpJwtProvider:jwks-url.
 *
 * Returns: (nullable): the URL
 */
const char *
mcp_jwt_provider_get_jwks_url (McpJwtProvider *self)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), NULL);

  return self->jwks_url;
}

/**
 * mcp_jwt_provider_set_jwks_url:
 * @self: an #McpJwtProvider
 * @url: (nullable): the URL of a JWKS
 *
 * Sets #McpJwtProvider:jwks-url. The keys fetched from the URL before are
 * forgotten.
 */
void
mcp_jwt_provider_set_jwks_url (McpJwtProvider *self,
                               const char     *url)
{
  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));

  if (!_mcp_str_replace (&self->jwks_url, url))
    return;

  g_clear_pointer (&self->jwks_keys, g_ptr_array_unref);
  g_clear_pointer (&self->jwks_error, g_free);
  self->jwks_fetched_at = 0;
  self->jwks_attempted_at = 0;
  update_algorithms (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JWKS_URL]);
}

/**
 * mcp_jwt_provider_get_jwks_refresh_interval:
 * @self: an #McpJwtProvider
 *
 * Gets #McpJwtProvider:jwks-refresh-interval.
 *
 * Returns: seconds
 */
guint
mcp_jwt_provider_get_jwks_refresh_interval (McpJwtProvider *self)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), 0);

  return self->jwks_refresh_interval;
}

/**
 * mcp_jwt_provider_set_jwks_refresh_interval:
 * @self: an #McpJwtProvider
 * @seconds: from 1 s to a week
 *
 * Sets #McpJwtProvider:jwks-refresh-interval.
 */
void
mcp_jwt_provider_set_jwks_refresh_interval (McpJwtProvider *self,
                                            guint           seconds)
{
  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));
  g_return_if_fail (seconds >= 1 && seconds <= 7 * 24 * 3600);

  set_uint (self, &self->jwks_refresh_interval, seconds, PROP_JWKS_REFRESH_INTERVAL);
}

/**
 * mcp_jwt_provider_get_jwks_min_refresh_interval:
 * @self: an #McpJwtProvider
 *
 * Gets #McpJwtProvider:jwks-min-refresh-interval.
 *
 * Returns: seconds
 */
guint
mcp_jwt_provider_get_jwks_min_refresh_interval (McpJwtProvider *self)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), 0);

  return self->jwks_min_refresh_interval;
}

/**
 * mcp_jwt_provider_set_jwks_min_refresh_interval:
 * @self: an #McpJwtProvider
 * @seconds: at most a day
 *
 * Sets #McpJwtProvider:jwks-min-refresh-interval.
 */
void
mcp_jwt_provider_set_jwks_min_refresh_interval (McpJwtProvider *self,
                                                guint           seconds)
{
  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));
  g_return_if_fail (seconds <= 24 * 3600);

  set_uint (self, &self->jwks_min_refresh_interval, seconds, PROP_JWKS_MIN_REFRESH_INTERVAL);
}

/**
 * mcp_jwt_provider_get_max_jwks_size:
 * @self: an #McpJwtProvider
 *
 * Gets #McpJwtProvider:max-jwks-size.
 *
 * Returns: bytes
 */
gsize
mcp_jwt_provider_get_max_jwks_size (McpJwtProvider *self)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), 0);

  return self->max_jwks_size;
}

/**
 * mcp_jwt_provider_set_max_jwks_size:
 * @self: an #McpJwtProvider
 * @size: bytes, from 1 KiB to 16 MiB
 *
 * Sets #McpJwtProvider:max-jwks-size.
 */
void
mcp_jwt_provider_set_max_jwks_size (McpJwtProvider *self,
                                    gsize           size)
{
  gboolean changed;

  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));
  g_return_if_fail (size >= 1024 && size <= 16 * 1024 * 1024);

  changed = self->max_jwks_size != size;
  self->max_jwks_size = size;
  notify_if (self, changed, PROP_MAX_JWKS_SIZE);
}

/**
 * mcp_jwt_provider_get_jwks_timeout:
 * @self: an #McpJwtProvider
 *
 * Gets #McpJwtProvider:jwks-timeout.
 *
 * Returns: seconds
 */
guint
mcp_jwt_provider_get_jwks_timeout (McpJwtProvider *self)
{
  g_return_val_if_fail (MCP_IS_JWT_PROVIDER (self), 0);

  return self->jwks_timeout;
}

/**
 * mcp_jwt_provider_set_jwks_timeout:
 * @self: an #McpJwtProvider
 * @seconds: from 1 to 600
 *
 * Sets #McpJwtProvider:jwks-timeout.
 */
void
mcp_jwt_provider_set_jwks_timeout (McpJwtProvider *self,
                                   guint           seconds)
{
  g_return_if_fail (MCP_IS_JWT_PROVIDER (self));
  g_return_if_fail (seconds >= 1 && seconds <= 600);

  set_uint (self, &self->jwks_timeout, seconds, PROP_JWKS_TIMEOUT);
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
  g_autoptr(McpJoseKey) key = NULL;
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (secret != NULL && g_bytes_get_size (secret) > 0, NULL);
  g_return_val_if_fail (claims != NULL, NULL);

  data = g_bytes_get_data (secret, &length);
  key = _mcp_jose_key_new_secret (data, length, "HS256");

  /* An HMAC key of the right family cannot fail. */
  return _mcp_jws_sign_compact (key, "HS256", "JWT", NULL, claims, NULL);
}
