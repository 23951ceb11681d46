/* mcp-api-key-provider.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-api-key-provider.h"
#include "mcp-error.h"

#include "mcp-auth-private.h"
#include "mcp-random-private.h"

/**
 * McpApiKeyProvider:
 *
 * API keys, each with its permissions, metadata and rate limit.
 *
 * A client sends its key as `X-API-Key: <key>` or
 * `Authorization: Bearer <key>`. Every key is compared in constant time,
 * and all of them are compared whatever matches, so that timing tells
 * nothing about which key is close.
 *
 * Each key has a token bucket: #McpApiKeyProvider:default-rate requests a
 * second, bursts of up to #McpApiKeyProvider:default-burst, unless the key
 * was added with its own. Over it, an HTTP request gets 429 with
 * `Retry-After`, and a request on a WebSocket gets a JSON-RPC error
 * (-32029) whose data holds `retryAfter` in seconds.
 *
 * The identity's principal is the name the key was added with, its
 * permissions the key's, and its claims the key's metadata.
 */

#define DEFAULT_RATE 10.0
#define DEFAULT_BURST 20

typedef struct
{
  char           *key;
  char           *principal;
  GStrv           permissions;
  JsonNode       *metadata;
  McpTokenBucket *bucket;   /* NULL: no limit */
} Key;

struct _McpApiKeyProvider
{
  GObject    parent_instance;

  GPtrArray *keys;
  double     default_rate;
  guint      default_burst;
};

static void auth_provider_iface_init (McpAuthProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpApiKeyProvider, mcp_api_key_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_AUTH_PROVIDER,
                                                      auth_provider_iface_init))

enum {
  PROP_0,
  PROP_DEFAULT_RATE,
  PROP_DEFAULT_BURST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
key_free (gpointer data)
{
  Key *key = data;

  /* The key is a secret: do not leave it in freed memory. */
  memset (key->key, 0, strlen (key->key));
  g_free (key->key);
  g_free (key->principal);
  g_strfreev (key->permissions);
  g_clear_pointer (&key->metadata, json_node_unref);
  g_clear_pointer (&key->bucket, _mcp_token_bucket_unref);
  g_free (key);
}

static void
mcp_api_key_provider_finalize (GObject *object)
{
  McpApiKeyProvider *self = MCP_API_KEY_PROVIDER (object);

  g_clear_pointer (&self->keys, g_ptr_array_unref);

  G_OBJECT_CLASS (mcp_api_key_provider_parent_class)->finalize (object);
}

static void
mcp_api_key_provider_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  McpApiKeyProvider *self = MCP_API_KEY_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_DEFAULT_RATE:
      g_value_set_double (value, self->default_rate);
      break;
    case PROP_DEFAULT_BURST:
      g_value_set_uint (value, self->default_burst);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_api_key_provider_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  McpApiKeyProvider *self = MCP_API_KEY_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_DEFAULT_RATE:
      mcp_api_key_provider_set_default_rate (self, g_value_get_double (value));
      break;
    case PROP_DEFAULT_BURST:
      mcp_api_key_provider_set_default_burst (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_api_key_provider_class_init (McpApiKeyProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_api_key_provider_finalize;
  object_class->get_property = mcp_api_key_provider_get_property;
  object_class->set_property = mcp_api_key_provider_set_property;

  /**
   * McpApiKeyProvider:default-rate:
   *
   * The requests a second a key added without a rate of its own may make
   * (its token bucket's refill rate); 0: no limit. It applies to keys
   * added after it is set.
   */
  properties[PROP_DEFAULT_RATE] =
    g_param_spec_double ("default-rate", NULL, NULL, 0, G_MAXDOUBLE, DEFAULT_RATE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpApiKeyProvider:default-burst:
   *
   * The requests a key added without a burst of its own may make at once
   * (its token bucket's size). It applies to keys added after it is set.
   */
  properties[PROP_DEFAULT_BURST] =
    g_param_spec_uint ("default-burst", NULL, NULL, 1, G_MAXUINT, DEFAULT_BURST,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_api_key_provider_init (McpApiKeyProvider *self)
{
  self->keys = g_ptr_array_new_with_free_func (key_free);
  self->default_rate = DEFAULT_RATE;
  self->default_burst = DEFAULT_BURST;
}

/* Every key is compared, whichever matches. */
static Key *
find_key (McpApiKeyProvider *self,
          const char        *candidate)
{
  Key *found = NULL;

  for (guint i = 0; i < self->keys->len; i++)
    {
      Key *key = g_ptr_array_index (self->keys, i);
      gboolean equal = _mcp_constant_time_equal (candidate, key->key);

      found = equal ? key : found;
    }

  return found;
}

static McpAuthInfo *
check (McpAuthProvider     *provider,
       SoupMessageHeaders  *headers,
       GError             **error)
{
  McpApiKeyProvider *self = MCP_API_KEY_PROVIDER (provider);
  const char *candidate = soup_message_headers_get_one (headers, "X-API-Key");
  McpAuthInfo *info;
  Key *key;

  if (candidate == NULL)
    candidate = _mcp_auth_bearer_token (soup_message_headers_get_one (headers, "Authorization"));

  if (candidate == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "An API key is required (X-API-Key or Authorization: Bearer)");
      return NULL;
    }

  key = find_key (self, candidate);
  if (key == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "The API key is not valid");
      return NULL;
    }

  info = mcp_auth_info_new (key->principal, (const char * const *) key->permissions);
  mcp_auth_info_set_claims (info, key->metadata);
  _mcp_auth_info_set_bucket (info, key->bucket);
  return info;
}

static void
auth_provider_iface_init (McpAuthProviderInterface *iface)
{
  _mcp_auth_provider_iface_set_check (iface, check);
}

/**
 * mcp_api_key_provider_new:
 *
 * Creates a provider with no keys: it refuses everyone until keys are
 * added.
 *
 * Returns: (transfer full): a new #McpApiKeyProvider
 */
McpApiKeyProvider *
mcp_api_key_provider_new (void)
{
  return g_object_new (MCP_TYPE_API_KEY_PROVIDER, NULL);
}

/**
 * mcp_api_key_provider_add_key:
 * @self: an #McpApiKeyProvider
 * @key: the key clients send
 * @principal: (nullable): who the key belongs to; %NULL: "api-key-N", N
 *   being the key's position
 * @permissions: (array zero-terminated=1) (nullable): what the key may do
 * @metadata: (nullable): free-form data, the identity's claims
 * @rate: requests a second; 0: no limit; below 0:
 *   #McpApiKeyProvider:default-rate
 * @burst: requests at once; 0: #McpApiKeyProvider:default-burst
 *
 * Adds @key, replacing a key that is the same.
 */
void
mcp_api_key_provider_add_key (McpApiKeyProvider  *self,
                              const char         *key,
                              const char         *principal,
                              const char * const *permissions,
                              JsonNode           *metadata,
                              double              rate,
                              guint               burst)
{
  Key *entry;

  g_return_if_fail (MCP_IS_API_KEY_PROVIDER (self));
  g_return_if_fail (key != NULL && *key != '\0');

  mcp_api_key_provider_remove_key (self, key);

  entry = g_new0 (Key, 1);
  entry->key = g_strdup (key);
  entry->principal = principal != NULL ? g_strdup (principal)
                                       : g_strdup_printf ("api-key-%u", self->keys->len + 1);
  entry->permissions = g_strdupv ((char **) permissions);
  if (entry->permissions == NULL)
    entry->permissions = g_new0 (char *, 1);
  entry->metadata = metadata != NULL ? json_node_copy (metadata) : NULL;

  if (rate < 0)
    rate = self->default_rate;
  if (burst == 0)
    burst = self->default_burst;
  if (rate > 0)
    entry->bucket = _mcp_token_bucket_new (rate, burst);

  g_ptr_array_add (self->keys, entry);
}

/**
 * mcp_api_key_provider_remove_key:
 * @self: an #McpApiKeyProvider
 * @key: a key
 *
 * Removes @key. Sessions it opened stay open; their next request is
 * refused.
 *
 * Returns: whether there was such a key
 */
gboolean
mcp_api_key_provider_remove_key (McpApiKeyProvider *self,
                                 const char        *key)
{
  Key *found;

  g_return_val_if_fail (MCP_IS_API_KEY_PROVIDER (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  found = find_key (self, key);
  return found != NULL && g_ptr_array_remove (self->keys, found);
}

/**
 * mcp_api_key_provider_get_n_keys:
 * @self: an #McpApiKeyProvider
 *
 * How many keys there are.
 *
 * Returns: the number of keys
 */
guint
mcp_api_key_provider_get_n_keys (McpApiKeyProvider *self)
{
  g_return_val_if_fail (MCP_IS_API_KEY_PROVIDER (self), 0);

  return self->keys->len;
}

/**
 * mcp_api_key_provider_get_default_rate:
 * @self: an #McpApiKeyProvider
 *
 * Gets #McpApiKeyProvider:default-rate.
 *
 * Returns: requests a second, or 0
 */
double
mcp_api_key_provider_get_default_rate (McpApiKeyProvider *self)
{
  g_return_val_if_fail (MCP_IS_API_KEY_PROVIDER (self), 0);

  return self->default_rate;
}

/**
 * mcp_api_key_provider_set_default_rate:
 * @self: an #McpApiKeyProvider
 * @rate: requests a second, or 0 for no limit
 *
 * Sets #McpApiKeyProvider:default-rate.
 */
void
mcp_api_key_provider_set_default_rate (McpApiKeyProvider *self,
                                       double             rate)
{
  g_return_if_fail (MCP_IS_API_KEY_PROVIDER (self));
  g_return_if_fail (rate >= 0);

  if (self->default_rate == rate)
    return;

  self->default_rate = rate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_RATE]);
}

/**
 * mcp_api_key_provider_get_default_burst:
 * @self: an #McpApiKeyProvider
 *
 * Gets #McpApiKeyProvider:default-burst.
 *
 * Returns: requests at once
 */
guint
mcp_api_key_provider_get_default_burst (McpApiKeyProvider *self)
{
  g_return_val_if_fail (MCP_IS_API_KEY_PROVIDER (self), 0);

  return self->default_burst;
}

/**
 * mcp_api_key_provider_set_default_burst:
 * @self: an #McpApiKeyProvider
 * @burst: requests at once, at least 1
 *
 * Sets #McpApiKeyProvider:default-burst.
 */
void
mcp_api_key_provider_set_default_burst (McpApiKeyProvider *self,
                                        guint              burst)
{
  g_return_if_fail (MCP_IS_API_KEY_PROVIDER (self));
  g_return_if_fail (burst >= 1);

  if (self->default_burst == burst)
    return;

  self->default_burst = burst;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_BURST]);
}
