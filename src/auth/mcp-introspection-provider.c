/* mcp-introspection-provider.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-introspection-provider.h"
#include "mcp-error.h"

#include "mcp-auth-private.h"
#include "mcp-json-node-private.h"
#include "mcp-str-private.h"

/**
 * McpIntrospectionProvider:
 *
 * Bearer tokens checked by asking the authorization server, through OAuth
 * 2.0 token introspection (RFC 7662): for opaque access tokens, or for
 * JWTs a resource server would rather not check itself.
 *
 * For each token not in its cache the provider POSTs `token=…` (with
 * `token_type_hint=access_token`) to the introspection endpoint,
 * authenticating with its client id and secret (HTTP Basic, RFC 6749
 * §2.3.1). The token is accepted when the answer is HTTP 200 with
 * `"active": true` and its members hold, as #McpJwtProvider checks a JWT's
 * claims: `exp`, if present, is not past and `nbf` not ahead (with
 * #McpTokenVerifier:clock-skew); `iss` is
 * #McpTokenVerifier:issuer and `aud` is or contains
 * #McpTokenVerifier:audience (RFC 8707), when they are set; the
 * scopes include #McpTokenVerifier:required-scopes (else
 * %MCP_ERROR_FORBIDDEN). The principal is `sub`, or else `username`, or
 * else `client_id`; the permissions are the words of `scope`; the claims
 * are the whole answer.
 *
 * An active answer is kept for #McpIntrospectionProvider:cache-ttl
 * seconds (never past the token's `exp`), for at most
 * #McpIntrospectionProvider:max-cache-entries tokens (the oldest go first),
 * keyed by the token's SHA-256: the tokens themselves are not kept.
 * Inactive answers are not kept. When the endpoint cannot be reached or
 * answers something else, the error is not the client's: the transports
 * answer 503.
 *
 * The endpoint must be `https`, or `http` on a loopback address. With
 * #McpTokenVerifier:issuer set the provider publishes RFC 9728
 * protected resource metadata naming that issuer as the authorization
 * server.
 */

#define DEFAULT_CACHE_TTL 60
#define DEFAULT_MAX_CACHE_ENTRIES 1024
#define DEFAULT_TIMEOUT 10
#define DEFAULT_MAX_RESPONSE_SIZE (64 * 1024)

typedef struct
{
  char       *digest;     /* the token's SHA-256, hex: the table's key */
  JsonObject *answer;
  gint64      expires_at; /* monotonic µs */
} Entry;

struct _McpIntrospectionProvider
{
  GObject      parent_instance;

  char        *endpoint;
  char        *client_id;
  char        *client_secret;
  guint        cache_ttl;
  guint        max_cache_entries;
  guint        timeout;
  gsize        max_response_size;

  GHashTable  *cache;     /* digest → Entry (owned by order) */
  GQueue       order;     /* Entry, oldest first */
  SoupSession *session;
};

static void auth_provider_iface_init (McpAuthProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpIntrospectionProvider, mcp_introspection_provider,
                               MCP_TYPE_TOKEN_VERIFIER,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_AUTH_PROVIDER,
                                                      auth_provider_iface_init))

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_CLIENT_ID,
  PROP_CLIENT_SECRET,
  PROP_CACHE_TTL,
  PROP_MAX_CACHE_ENTRIES,
  PROP_TIMEOUT,
  PROP_MAX_RESPONSE_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->digest);
  json_object_unref (entry->answer);
  g_free (entry);
}

static void
cache_clear (McpIntrospectionProvider *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->order, entry_free);
}

static void
mcp_introspection_provider_finalize (GObject *object)
{
  McpIntrospectionProvider *self = MCP_INTROSPECTION_PROVIDER (object);

  cache_clear (self);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->client_id, g_free);
  if (self->client_secret != NULL)
    memset (self->client_secret, 0, strlen (self->client_secret));
  g_clear_pointer (&self->client_secret, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mcp_introspection_provider_parent_class)->finalize (object);
}

static void
mcp_introspection_provider_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  McpIntrospectionProvider *self = MCP_INTROSPECTION_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_CACHE_TTL:
      g_value_set_uint (value, self->cache_ttl);
      break;
    case PROP_MAX_CACHE_ENTRIES:
      g_value_set_uint (value, self->max_cache_entries);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint64 (value, self->max_response_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* What a change of what answers must hold does to the cache: it is
 * dropped, so that no answer kept under the old rules is used. */
static void
mcp_introspection_provider_policy_changed (McpTokenVerifier *verifier)
{
  cache_clear (MCP_INTROSPECTION_PROVIDER (verifier));
}

/* The same for a change of how the cache is kept. */
static void
changed (McpIntrospectionProvider *self,
         gboolean                  did_change,
         guint                     prop_id)
{
  if (!did_change)
    return;

  cache_clear (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
mcp_introspection_provider_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  McpIntrospectionProvider *self = MCP_INTROSPECTION_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      self->endpoint = g_value_dup_string (value);
      break;
    case PROP_CLIENT_ID:
      self->client_id = g_value_dup_string (value);
      break;
    case PROP_CLIENT_SECRET:
      self->client_secret = g_value_dup_string (value);
      break;
    case PROP_CACHE_TTL:
      mcp_introspection_provider_set_cache_ttl (self, g_value_get_uint (value));
      break;
    case PROP_MAX_CACHE_ENTRIES:
      mcp_introspection_provider_set_max_cache_entries (self, g_value_get_uint (value));
      break;
    case PROP_TIMEOUT:
      mcp_introspection_provider_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RESPONSE_SIZE:
      mcp_introspection_provider_set_max_response_size (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
#define CONSTRUCT_FLAGS (G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
mcp_introspection_provider_class_init (McpIntrospectionProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_introspection_provider_finalize;
  object_class->get_property = mcp_introspection_provider_get_property;
  object_class->set_property = mcp_introspection_provider_set_property;
  MCP_TOKEN_VERIFIER_CLASS (klass)->policy_changed = mcp_introspection_provider_policy_changed;

  /**
   * McpIntrospectionProvider:endpoint:
   *
   * The authorization server's introspection endpoint (RFC 7662 §2).
   */
  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL, NULL, CONSTRUCT_FLAGS | G_PARAM_READWRITE);

  /**
   * McpIntrospectionProvider:client-id:
   *
   * The client id the resource server authenticates to the endpoint with.
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL, CONSTRUCT_FLAGS | G_PARAM_READWRITE);

  /**
   * McpIntrospectionProvider:client-secret:
   *
   * Its secret (write-only).
   */
  properties[PROP_CLIENT_SECRET] =
    g_param_spec_string ("client-secret", NULL, NULL, NULL, CONSTRUCT_FLAGS | G_PARAM_WRITABLE);

  /**
   * McpIntrospectionProvider:cache-ttl:
   *
   * Seconds an active answer is used without asking again (never past
   * the token's `exp`); 0: every request asks. A token revoked at the
   * authorization server may be accepted for that long.
   */
  properties[PROP_CACHE_TTL] =
    g_param_spec_uint ("cache-ttl", NULL, NULL, 0, 24 * 3600, DEFAULT_CACHE_TTL, PARAM_FLAGS);

  /**
   * McpIntrospectionProvider:max-cache-entries:
   *
   * The most answers kept; the oldest go first.
   */
  properties[PROP_MAX_CACHE_ENTRIES] =
    g_param_spec_uint ("max-cache-entries", NULL, NULL, 1, 1024 * 1024,
                       DEFAULT_MAX_CACHE_ENTRIES, PARAM_FLAGS);

  /**
   * McpIntrospectionProvider:timeout:
   *
   * Seconds one introspection request may take in all.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 600, DEFAULT_TIMEOUT, PARAM_FLAGS);

  /**
   * McpIntrospectionProvider:max-response-size:
   *
   * The largest answer, in bytes, that is read.
   */
  properties[PROP_MAX_RESPONSE_SIZE] =
    g_param_spec_uint64 ("max-response-size", NULL, NULL, 1024, 16 * 1024 * 1024,
                         DEFAULT_MAX_RESPONSE_SIZE, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* An answer names its principal in sub, username or client_id; it need not
 * have an exp. */
static const char * const principal_claims[] = { "sub", "username", "client_id", NULL };

static void
mcp_introspection_provider_init (McpIntrospectionProvider *self)
{
  self->cache = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->order);
  _mcp_token_verifier_set_claim_rules (MCP_TOKEN_VERIFIER (self), FALSE, principal_claims);
  self->cache_ttl = DEFAULT_CACHE_TTL;
  self->max_cache_entries = DEFAULT_MAX_CACHE_ENTRIES;
  self->timeout = DEFAULT_TIMEOUT;
  self->max_response_size = DEFAULT_MAX_RESPONSE_SIZE;
}

/* The cache ------------------------------------------------------------------ */

static void
cache_remove (McpIntrospectionProvider *self,
              Entry                    *entry)
{
  g_hash_table_remove (self->cache, entry->digest);
  g_queue_remove (&self->order, entry);
  entry_free (entry);
}

static JsonObject *
cache_lookup (McpIntrospectionProvider *self,
              const char               *digest)
{
  Entry *entry = g_hash_table_lookup (self->cache, digest);

  if (entry == NULL)
    return NULL;

  if (g_get_monotonic_time () >= entry->expires_at)
    {
      cache_remove (self, entry);
      return NULL;
    }

  return entry->answer;
}

static void
cache_insert (McpIntrospectionProvider *self,
              const char               *digest,
              JsonObject               *answer)
{
  JsonNode *exp_node = json_object_get_member (answer, "exp");
  gint64 ttl = (gint64) self->cache_ttl * G_USEC_PER_SEC;
  Entry *entry;

  if (self->cache_ttl == 0)
    return;

  if (exp_node != NULL && _mcp_json_node_is_number (exp_node))
    {
      gint64 left = (gint64) _mcp_json_node_get_number (exp_node) -
                    g_get_real_time () / G_USEC_PER_SEC;

      ttl = MIN (ttl, MAX (left, 0) * G_USEC_PER_SEC);
    }
  if (ttl <= 0)
    return;

  entry = g_hash_table_lookup (self->cache, digest);
  if (entry != NULL)
    cache_remove (self, entry);
  while (self->order.length >= self->max_cache_entries)
    cache_remove (self, g_queue_peek_head (&self->order));

  entry = g_new0 (Entry, 1);
  entry->digest = g_strdup (digest);
  entry->answer = json_object_ref (answer);
  entry->expires_at = g_get_monotonic_time () + ttl;
  g_hash_table_insert (self->cache, entry->digest, entry);
  g_queue_push_tail (&self->order, entry);
}

/* Checking a token ----------------------------------------------------------- */

static McpAuthInfo *
check_answer (McpIntrospectionProvider  *self,
              JsonObject                *answer,
              GError                   **error)
{
  return _mcp_token_policy_check (POLICY (self), answer, g_get_real_time () / G_USEC_PER_SEC, error);
}

typedef struct
{
  char *digest;
} Lookup;

static void
lookup_free (gpointer data)
{
  Lookup *lookup = data;

  g_free (lookup->digest);
  g_free (lookup);
}

static void
introspect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpIntrospectionProvider *self = g_task_get_source_object (task);
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  JsonObject *answer;
  JsonNode *active;
  McpAuthInfo *info;

  node = _mcp_auth_fetch_json_finish (result, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The introspection answer is not a JSON object");
      return;
    }

  answer = json_node_get_object (node);
  active = json_object_get_member (answer, "active");
  if (active == NULL || !_mcp_json_node_is_boolean (active))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The introspection answer has no boolean active member");
      return;
    }
  if (!json_node_get_boolean (active))
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                               "The token is not active (revoked, expired or unknown)");
      return;
    }

  info = check_answer (self, answer, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cache_insert (self, lookup->digest, answer);
  g_task_return_pointer (task, info, g_object_unref);
}

static char *
form_encode (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

static void
introspect (McpIntrospectionProvider *self,
            GTask                    *task,
            const char               *token)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, self->endpoint);
  g_autofree char *encoded = form_encode (token);
  g_autofree char *body = g_strconcat ("token=", encoded, "&token_type_hint=access_token", NULL);
  g_autoptr(GBytes) bytes = NULL;
  gsize body_length;

  if (message == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "The introspection endpoint %s is not a URL", self->endpoint);
      g_object_unref (task);
      return;
    }

  if (self->client_id != NULL)
    {
      g_autofree char *id = form_encode (self->client_id);
      g_autofree char *secret = form_encode (self->client_secret != NULL ? self->client_secret
                                                                         : "");
      g_autofree char *pair = g_strconcat (id, ":", secret, NULL);
      g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *authorization = g_strconcat ("Basic ", basic, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                    authorization);
      memset (pair, 0, strlen (pair));
    }

  body_length = strlen (body);
  bytes = g_bytes_new_take (g_steal_pointer (&body), body_length);
  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);

  if (self->session == NULL)
    self->session = soup_session_new_with_options ("user-agent", "mcp-glib/" PACKAGE_VERSION,
                                                   NULL);

  _mcp_auth_fetch_json_async (self->session, message, "the introspection answer",
                              self->max_response_size, self->timeout,
                              g_task_get_cancellable (task), introspect_cb, task);
}

static void
authenticate_async (McpAuthProvider     *provider,
                    SoupMessageHeaders  *headers,
                    GSocketAddress      *remote_address,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  McpIntrospectionProvider *self = MCP_INTROSPECTION_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  const char *token = _mcp_auth_require_bearer (headers, &error);
  Lookup *lookup;
  JsonObject *cached;

  g_task_set_source_tag (task, authenticate_async);

  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!_mcp_token_policy_check_length (POLICY (self), token, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  lookup = g_new0 (Lookup, 1);
  lookup->digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_task_set_task_data (task, lookup, lookup_free);

  cached = cache_lookup (self, lookup->digest);
  if (cached != NULL)
    {
      McpAuthInfo *info = check_answer (self, cached, &error);

      if (info != NULL)
        g_task_return_pointer (task, info, g_object_unref);
      else
        g_task_return_error (task, error);
      return;
    }

  introspect (self, g_steal_pointer (&task), token);
}

static JsonNode *
dup_resource_metadata (McpAuthProvider *provider,
                       const char      *resource)
{
  McpIntrospectionProvider *self = MCP_INTROSPECTION_PROVIDER (provider);

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
 * mcp_introspection_provider_new:
 * @endpoint: the introspection endpoint's URL
 * @client_id: (nullable): the resource server's client id at the
 *   authorization server
 * @client_secret: (nullable): its secret
 *
 * Creates a provider that checks tokens at @endpoint.
 *
 * Returns: (transfer full): a new #McpIntrospectionProvider
 */
McpIntrospectionProvider *
mcp_introspection_provider_new (const char *endpoint,
                                const char *client_id,
                                const char *client_secret)
{
  g_return_val_if_fail (endpoint != NULL, NULL);

  return g_object_new (MCP_TYPE_INTROSPECTION_PROVIDER,
                       "endpoint", endpoint,
                       "client-id", client_id,
                       "client-secret", client_secret,
                       NULL);
}

/**
 * mcp_introspection_provider_get_endpoint:
 * @self: an #McpIntrospectionProvider
 *
 * Gets #McpIntrospectionProvider:endpoint.
 *
 * Returns: the URL
 */
const char *
mcp_introspection_provider_get_endpoint (McpIntrospectionProvider *self)
{
  g_return_val_if_fail (MCP_IS_INTROSPECTION_PROVIDER (self), NULL);

  return self->endpoint;
}

/**
 * mcp_introspection_provider_get_client_id:
 * @self: an #McpIntrospectionProvider
 *
 * Gets #McpIntrospectionProvider:client-id.
 *
 * Returns: (nullable): the client id
 */
const char *
mcp_introspection_provider_get_client_id (McpIntrospectionProvider *self)
{
  g_return_val_if_fail (MCP_IS_INTROSPECTION_PROVIDER (self), NULL);

  return self->client_id;
}

/**
 * mcp_introspection_provider_get_cache_ttl:
 * @self: an #McpIntrospectionProvider
 *
 * Gets #McpIntrospectionProvider:cache-ttl.
 *
 * Returns: seconds
 */
guint
mcp_introspection_provider_get_cache_ttl (McpIntrospectionProvider *self)
{
  g_return_val_if_fail (MCP_IS_INTROSPECTION_PROVIDER (self), 0);

  return self->cache_ttl;
}

/**
 * mcp_introspection_provider_set_cache_ttl:
 * @self: an #McpIntrospectionProvider
 * @seconds: at most a day; 0: no cache
 *
 * Sets #McpIntrospectionProvider:cache-ttl.
 */
void
mcp_introspection_provider_set_cache_ttl (McpIntrospectionProvider *self,
                                          guint                     seconds)
{
  gboolean did_change;

  g_return_if_fail (MCP_IS_INTROSPECTION_PROVIDER (self));
  g_return_if_fail (seconds <= 24 * 3600);

  did_change = self->cache_ttl != seconds;
  self->cache_ttl = seconds;
  changed (self, did_change, PROP_CACHE_TTL);
}

/**
 * mcp_introspection_provider_get_max_cache_entries:
 * @self: an #McpIntrospectionProvider
 *
 * Gets #McpIntrospectionProvider:max-cache-entries.
 *
 * Returns: entries
 */
guint
mcp_introspection_provider_get_max_cache_entries (McpIntrospectionProvider *self)
{
  g_return_val_if_fail (MCP_IS_INTROSPECTION_PROVIDER (self), 0);

  return self->max_cache_entries;
}

/**
 * mcp_introspection_provider_set_max_cache_entries:
 * @self: an #McpIntrospectionProvider
 * @entries: from 1 to 1048576
 *
 * Sets #McpIntrospectionProvider:max-cache-entries.
 */
void
mcp_introspection_provider_set_max_cache_entries (McpIntrospectionProvider *self,
                                                  guint                     entries)
{
  gboolean did_change;

  g_return_if_fail (MCP_IS_INTROSPECTION_PROVIDER (self));
  g_return_if_fail (entries >= 1 && entries <= 1024 * 1024);

  did_change = self->max_cache_entries != entries;
  self->max_cache_entries = entries;
  changed (self, did_change, PROP_MAX_CACHE_ENTRIES);
}

/**
 * mcp_introspection_provider_get_timeout:
 * @self: an #McpIntrospectionProvider
 *
 * Gets #McpIntrospectionProvider:timeout.
 *
 * Returns: seconds
 */
guint
mcp_introspection_provider_get_timeout (McpIntrospectionProvider *self)
{
  g_return_val_if_fail (MCP_IS_INTROSPECTION_PROVIDER (self), 0);

  return self->timeout;
}

/**
 * mcp_introspection_provider_set_timeout:
 * @self: an #McpIntrospectionProvider
 * @seconds: from 1 to 600
 *
 * Sets #McpIntrospectionProvider:timeout.
 */
void
mcp_introspection_provider_set_timeout (McpIntrospectionProvider *self,
                                        guint                     seconds)
{
  g_return_if_fail (MCP_IS_INTROSPECTION_PROVIDER (self));
  g_return_if_fail (seconds >= 1 && seconds <= 600);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * mcp_introspection_provider_get_max_response_size:
 * @self: an #McpIntrospectionProvider
 *
 * Gets #McpIntrospectionProvider:max-response-size.
 *
 * Returns: bytes
 */
gsize
mcp_introspection_provider_get_max_response_size (McpIntrospectionProvider *self)
{
  g_return_val_if_fail (MCP_IS_INTROSPECTION_PROVIDER (self), 0);

  return self->max_response_size;
}

/**
 * mcp_introspection_provider_set_max_response_size:
 * @self: an #McpIntrospectionProvider
 * @size: bytes, from 1 KiB to 16 MiB
 *
 * Sets #McpIntrospectionProvider:max-response-size.
 */
void
mcp_introspection_provider_set_max_response_size (McpIntrospectionProvider *self,
                                                  gsize                     size)
{
  g_return_if_fail (MCP_IS_INTROSPECTION_PROVIDER (self));
  g_return_if_fail (size >= 1024 && size <= 16 * 1024 * 1024);

  if (self->max_response_size == size)
    return;

  self->max_response_size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RESPONSE_SIZE]);
}

