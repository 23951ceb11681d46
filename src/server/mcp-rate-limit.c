/* mcp-rate-limit.c: McpRateLimit, the rate-limiting middleware
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-auth-private.h"
#include "mcp-enums.h"
#include "mcp-json-node-private.h"
#include "mcp-middleware.h"
#include "mcp-request.h"
#include "mcp-server-session.h"
#include "mcp-server.h"
#include "mcp-str-private.h"

/**
 * McpRateLimit:
 *
 * A token bucket in front of an #McpServer's requests: #McpRateLimit:rate
 * requests a second on average, #McpRateLimit:burst at once, counted for
 * everybody together, a principal or a session (#McpRateLimit:scope), for
 * every request, one method (#McpRateLimit:method) or one tool
 * (#McpRateLimit:tool).
 *
 * ```c
 * g_autoptr(McpRateLimit) limit = mcp_rate_limit_new (5, 10, MCP_RATE_LIMIT_SCOPE_PRINCIPAL);
 *
 * mcp_rate_limit_set_tool (limit, "search");
 * mcp_server_add_rate_limit (server, limit);
 * ```
 *
 * A request over the limit is answered with the JSON-RPC error -32029,
 * `Too Many Requests`, whose data holds `retryAfter` in whole seconds;
 * over Streamable HTTP a plain JSON answer to it has the status 429 and a
 * `Retry-After` header. It is a middleware (#McpMiddlewareFunc) on the
 * server's chain, like one of the application's.
 *
 * The buckets of at most 1024 principals or sessions are kept; a full
 * bucket (which a new one would equal) goes first.
 */

#define MAX_KEYS 1024

struct _McpRateLimit
{
  GObject            parent_instance;

  double             rate;
  guint              burst;
  McpRateLimitScope  scope;
  char              *method;
  char              *tool;
  McpBucketTable    *buckets;
};

G_DEFINE_FINAL_TYPE (McpRateLimit, mcp_rate_limit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RATE,
  PROP_BURST,
  PROP_SCOPE,
  PROP_METHOD,
  PROP_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_rate_limit_finalize (GObject *object)
{
  McpRateLimit *self = MCP_RATE_LIMIT (object);

  g_free (self->method);
  g_free (self->tool);
  _mcp_bucket_table_free (self->buckets);

  G_OBJECT_CLASS (mcp_rate_limit_parent_class)->finalize (object);
}

static void
mcp_rate_limit_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McpRateLimit *self = MCP_RATE_LIMIT (object);

  switch (prop_id)
    {
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PROP_BURST:
      g_value_set_uint (value, self->burst);
      break;
    case PROP_SCOPE:
      g_value_set_enum (value, self->scope);
      break;
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_TOOL:
      g_value_set_string (value, self->tool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_rate_limit_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  McpRateLimit *self = MCP_RATE_LIMIT (object);

  switch (prop_id)
    {
    case PROP_RATE:
      self->rate = g_value_get_double (value);
      break;
    case PROP_BURST:
      self->burst = g_value_get_uint (value);
      break;
    case PROP_SCOPE:
      self->scope = g_value_get_enum (value);
      break;
    case PROP_METHOD:
      mcp_rate_limit_set_method (self, g_value_get_string (value));
      break;
    case PROP_TOOL:
      mcp_rate_limit_set_tool (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_rate_limit_class_init (McpRateLimitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mcp_rate_limit_finalize;
  object_class->get_property = mcp_rate_limit_get_property;
  object_class->set_property = mcp_rate_limit_set_property;

  /**
   * McpRateLimit:rate:
   *
   * Requests a second, on average (the bucket's refill).
   *
   * Since: 0.1
   */
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 1, construct);

  /**
   * McpRateLimit:burst:
   *
   * Requests at once (the bucket's size); 0 means the rate rounded up.
   *
   * Since: 0.1
   */
  properties[PROP_BURST] =
    g_param_spec_uint ("burst", NULL, NULL, 0, G_MAXUINT, 0, construct);

  /**
   * McpRateLimit:scope:
   *
   * Whose requests are counted together.
   *
   * Since: 0.1
   */
  properties[PROP_SCOPE] =
    g_param_spec_enum ("scope", NULL, NULL, MCP_TYPE_RATE_LIMIT_SCOPE,
                       MCP_RATE_LIMIT_SCOPE_PRINCIPAL, construct);

  /**
   * McpRateLimit:method:
   *
   * The one method counted, such as `tools/call`, or %NULL for every
   * request.
   *
   * Since: 0.1
   */
  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, NULL, flags);

  /**
   * McpRateLimit:tool:
   *
   * The one tool whose `tools/call` requests are counted, or %NULL.
   *
   * Since: 0.1
   */
  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_rate_limit_init (McpRateLimit *self)
{
  self->buckets = _mcp_bucket_table_new (MAX_KEYS);
}

/**
 * mcp_rate_limit_new:
 * @rate: requests a second
 * @burst: requests at once, or 0 for @rate rounded up
 * @scope: whose requests are counted together
 *
 * Creates a rate limit for mcp_server_add_rate_limit().
 *
 * Returns: (transfer full): a new #McpRateLimit
 */
McpRateLimit *
mcp_rate_limit_new (double            rate,
                    guint             burst,
                    McpRateLimitScope scope)
{
  g_return_val_if_fail (rate >= 0, NULL);

  return g_object_new (MCP_TYPE_RATE_LIMIT, "rate", rate, "burst", burst, "scope", scope, NULL);
}

/**
 * mcp_rate_limit_get_rate:
 * @self: an #McpRateLimit
 *
 * Gets #McpRateLimit:rate.
 *
 * Returns: requests a second
 */
double
mcp_rate_limit_get_rate (McpRateLimit *self)
{
  g_return_val_if_fail (MCP_IS_RATE_LIMIT (self), 0);

  return self->rate;
}

/**
 * mcp_rate_limit_get_burst:
 * @self: an #McpRateLimit
 *
 * Gets #McpRateLimit:burst.
 *
 * Returns: requests at once, or 0 for the rate rounded up
 */
guint
mcp_rate_limit_get_burst (McpRateLimit *self)
{
  g_return_val_if_fail (MCP_IS_RATE_LIMIT (self), 0);

  return self->burst;
}

/**
 * mcp_rate_limit_get_scope:
 * @self: an #McpRateLimit
 *
 * Gets #McpRateLimit:scope.
 *
 * Returns: whose requests are counted together
 */
McpRateLimitScope
mcp_rate_limit_get_scope (McpRateLimit *self)
{
  g_return_val_if_fail (MCP_IS_RATE_LIMIT (self), MCP_RATE_LIMIT_SCOPE_GLOBAL);

  return self->scope;
}

/**
 * mcp_rate_limit_get_method:
 * @self: an #McpRateLimit
 *
 * Gets #McpRateLimit:method.
 *
 * Returns: (nullable): the method counted, or %NULL for all
 */
const char *
mcp_rate_limit_get_method (McpRateLimit *self)
{
  g_return_val_if_fail (MCP_IS_RATE_LIMIT (self), NULL);

  return self->method;
}

/**
 * mcp_rate_limit_set_method:
 * @self: an #McpRateLimit
 * @method: (nullable): the method to count, or %NULL for all
 *
 * Sets #McpRateLimit:method.
 */
void
mcp_rate_limit_set_method (McpRateLimit *self,
                           const char   *method)
{
  g_return_if_fail (MCP_IS_RATE_LIMIT (self));

  if (_mcp_str_replace (&self->method, method))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
}

/**
 * mcp_rate_limit_get_tool:
 * @self: an #McpRateLimit
 *
 * Gets #McpRateLimit:tool.
 *
 * Returns: (nullable): the tool counted, or %NULL
 */
const char *
mcp_rate_limit_get_tool (McpRateLimit *self)
{
  g_return_val_if_fail (MCP_IS_RATE_LIMIT (self), NULL);

  return self->tool;
}

/**
 * mcp_rate_limit_set_tool:
 * @self: an #McpRateLimit
 * @tool: (nullable): the tool whose calls to count, or %NULL
 *
 * Sets #McpRateLimit:tool.
 */
void
mcp_rate_limit_set_tool (McpRateLimit *self,
                         const char   *tool)
{
  g_return_if_fail (MCP_IS_RATE_LIMIT (self));

  if (_mcp_str_replace (&self->tool, tool))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

/* The middleware ----------------------------------------------------------------- */

/* The name of a tools/call request's tool, or NULL. */
static const char *
tool_name (McpRequest *request)
{
  JsonNode *params = mcp_request_get_params (request);

  if (g_strcmp0 (mcp_request_get_method (request), "tools/call") != 0 || params == NULL ||
      !JSON_NODE_HOLDS_OBJECT (params))
    return NULL;
  return _mcp_json_object_get_string (json_node_get_object (params), "name");
}

static McpTokenBucket *
bucket_for (McpRateLimit     *self,
            McpServerSession *session)
{
  McpAuthInfo *info;
  McpTokenBucket *bucket;
  g_autofree char *key = NULL;

  switch (self->scope)
    {
    case MCP_RATE_LIMIT_SCOPE_GLOBAL:
      return _mcp_bucket_table_get (self->buckets, "", self->rate, self->burst);

    case MCP_RATE_LIMIT_SCOPE_PRINCIPAL:
      info = mcp_server_session_get_auth_info (session);
      /* "p:" + principal; without an identity, "a:" + the client's
       * address; without either (stdio), one shared bucket. */
      if (info != NULL)
        key = g_strconcat ("p:", mcp_auth_info_get_principal (info), NULL);
      else if (mcp_server_session_get_remote_address (session) != NULL)
        key = g_strconcat ("a:", mcp_server_session_get_remote_address (session), NULL);
      else
        key = g_strdup ("");
      return _mcp_bucket_table_get (self->buckets, key, self->rate, self->burst);

    case MCP_RATE_LIMIT_SCOPE_SESSION:
    default:
      /* Kept on the session, so that it goes with it. */
      key = g_strdup_printf ("mcp-rate-limit-%p", (gpointer) self);
      bucket = g_object_get_data (G_OBJECT (session), key);
      if (bucket == NULL)
        {
          bucket = _mcp_token_bucket_new (self->rate,
                                          self->burst > 0 ? self->burst
                                                          : _mcp_token_bucket_default_burst (self->rate));
          g_object_set_data_full (G_OBJECT (session), key, bucket,
                                  (GDestroyNotify) _mcp_token_bucket_unref);
        }
      return _mcp_token_bucket_ref (bucket);
    }
}

static gboolean
rate_limit_middleware (McpServer        *server,
                       McpServerSession *session,
                       McpRequest       *request,
                       gpointer          user_data)
{
  McpRateLimit *self = user_data;
  g_autoptr(McpTokenBucket) bucket = NULL;
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) data = NULL;
  JsonObject *object;
  guint retry_after = 0;

  if (self->method != NULL && g_strcmp0 (self->method, mcp_request_get_method (request)) != 0)
    return TRUE;
  if (self->tool != NULL && g_strcmp0 (self->tool, tool_name (request)) != 0)
    return TRUE;

  bucket = bucket_for (self, session);
  if (_mcp_token_bucket_take (bucket, g_get_monotonic_time (), &retry_after))
    return TRUE;

  message = g_strdup_printf ("Too Many Requests: over the rate limit of %s; retry after %u s",
                             self->tool != NULL ? self->tool
                             : self->method != NULL ? self->method : "this server",
                             retry_after);
  object = json_object_new ();
  json_object_set_int_member (object, "retryAfter", retry_after);
  data = _mcp_json_node_new_object (object);
  mcp_request_return_error (request, MCP_AUTH_RATE_LIMITED_CODE, message, data);
  return FALSE;
}

/**
 * mcp_server_add_rate_limit:
 * @self: a #McpServer
 * @limit: the rate limit
 *
 * Puts @limit on the server's middleware chain (see
 * mcp_server_add_middleware()).
 *
 * Returns: the middleware's id, for mcp_server_remove_middleware()
 *
 * Since: 0.1
 */
guint
mcp_server_add_rate_limit (McpServer    *self,
                           McpRateLimit *limit)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);
  g_return_val_if_fail (MCP_IS_RATE_LIMIT (limit), 0);

  return mcp_server_add_middleware (self, rate_limit_middleware, g_object_ref (limit),
                                    g_object_unref);
}
