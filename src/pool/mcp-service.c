/* mcp-service.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-enums.h"
#include "mcp-error.h"
#include "mcp-service-private.h"

/**
 * McpService:
 *
 * A named group of endpoints that #McpConnectionPool calls like one URL.
 *
 * Each endpoint is any URL the pool can connect to (`ws://`, `wss://`,
 * `http://`, `https://`, or a scheme given a factory with
 * mcp_connection_pool_set_transport_factory()), with a weight and a
 * priority. Once the service is added with mcp_connection_pool_add_service(),
 * a URL of the form `service:NAME` given to mcp_connection_pool_call_tool_async(),
 * mcp_connection_pool_list_tools_async(), mcp_connection_pool_read_resource_async(),
 * mcp_connection_pool_send_request_async() or mcp_connection_pool_acquire_async()
 * is served by one of its endpoints:
 *
 * |[<!-- language="C" -->
 * g_autoptr(McpService) service = mcp_service_new ("calc");
 *
 * mcp_service_add_endpoint (service, "ws://10.0.0.1:8765/", 2);
 * mcp_service_add_endpoint (service, "ws://10.0.0.2:8765/", 1);
 * mcp_service_set_strategy (service, MCP_BALANCE_WEIGHTED);
 * mcp_connection_pool_add_service (pool, service);
 *
 * mcp_connection_pool_call_tool_async (pool, "service:calc", "add", arguments,
 *                                      NULL, on_result, NULL);
 * ]|
 *
 * The endpoint is picked by #McpService:strategy among the healthy endpoints
 * of the lowest priority number that can serve the request: one that has the
 * capability the method needs (`tools`, `resources`, `prompts`, …) and, for a
 * tool call, the tool, as far as the service has learned them (an endpoint
 * whose capabilities or tools are not known yet is assumed to have them).
 * When no endpoint is healthy, every endpoint is a candidate again, rather
 * than failing every request.
 *
 * Health: every #McpService:health-check-interval each healthy endpoint is
 * checked with mcp_client_ping_async() (`ping` on the 2025 era,
 * `server/discover` on the 2026-07-28 era), which also learns its
 * capabilities and, through `tools/list`, its tools and their annotations.
 * An endpoint that fails #McpService:failure-threshold checks or requests in
 * a row is ejected (its circuit breaker opens) for #McpService:ejection-time;
 * then one probe (a health check, never a request of a caller) decides
 * whether it comes back or stays out for another ejection time. Each change
 * is announced by #McpService::endpoint-state-changed and shows in
 * #McpService:n-healthy.
 *
 * Failover never runs a tool twice by accident. A request that provably
 * never reached a server (the connect was refused or failed, TLS failed, the
 * pool's URL policy refused the endpoint, the server answered HTTP 503) is
 * retried on another endpoint. A request that may have reached one (the
 * connection dropped or the reply timed out after it was sent) is retried
 * only when running it again is safe: the method only reads (`tools/list`,
 * `resources/read`, …), the tool is annotated `readOnlyHint` or
 * `idempotentHint` (learned from `tools/list`), or the caller said so with
 * mcp_call_options_set_idempotent(). An error the server answered (a
 * JSON-RPC error, a tool result with `isError`) is never retried. Retries
 * wait #McpService:retry-delay, doubled each time, with jitter, and stop after
 * #McpService:max-attempts attempts or when the deadline
 * (#McpService:deadline, or mcp_call_options_set_deadline()) would pass.
 * mcp_error_is_retryable() tells a caller whether an error it got is of the
 * first kind.
 *
 * Since: 0.1
 */

/**
 * McpServiceEndpoint:
 *
 * One endpoint of an #McpService, with its health and counters; returned by
 * mcp_service_add_endpoint() and mcp_service_get_endpoints().
 *
 * Since: 0.1
 */

#define RING_POINTS_PER_WEIGHT 64
#define MAX_BACKOFF_MS 2000

struct _McpCallOptions
{
  gatomicrefcount  ref_count;
  char            *affinity_key;
  guint            deadline;
  guint            idempotent : 1;
};

struct _McpServiceEndpoint
{
  GObject           parent_instance;

  McpService       *service;           /* not owned; NULL once removed */
  char             *url;
  guint             weight;
  guint             priority;
  McpEndpointState  state;
  guint             outstanding;
  guint64           requests;
  guint64           failures;
  guint64           ejections;
  guint             consecutive_failures;
  gint64            current_weight;    /* smooth weighted round robin */
  GSource          *probe_source;
  char             *server_name;
  JsonNode         *capabilities;
  GHashTable       *tools;             /* name → McpTool; NULL until known */
  guint             checking : 1;
};

struct _McpService
{
  GObject             parent_instance;

  char               *name;
  McpBalanceStrategy  strategy;
  GPtrArray          *endpoints;       /* McpServiceEndpoint, owned */
  McpConnectionPool  *pool;            /* not owned: the pool owns us */
  GMainContext       *context;
  GCancellable       *cancellable;     /* health checks; cancelled on detach */
  GSource            *health_source;
  GArray             *ring;            /* RingPoint, sorted; NULL when stale */

  guint               health_check_interval;
  guint               failure_threshold;
  guint               ejection_time;
  guint               max_attempts;
  guint               retry_delay;
  guint               deadline;
  guint               cursor;
  guint               n_healthy;
};

typedef struct
{
  guint32             hash;
  McpServiceEndpoint *endpoint;
} RingPoint;

G_DEFINE_BOXED_TYPE (McpCallOptions, mcp_call_options, mcp_call_options_ref, mcp_call_options_unref)
G_DEFINE_FINAL_TYPE (McpServiceEndpoint, mcp_service_endpoint, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (McpService, mcp_service, G_TYPE_OBJECT)

enum {
  EP_PROP_0,
  EP_PROP_URL,
  EP_PROP_WEIGHT,
  EP_PROP_PRIORITY,
  EP_PROP_STATE,
  EP_PROP_HEALTHY,
  EP_N_PROPS
};

static GParamSpec *ep_properties[EP_N_PROPS];

enum {
  PROP_0,
  PROP_NAME,
  PROP_STRATEGY,
  PROP_HEALTH_CHECK_INTERVAL,
  PROP_FAILURE_THRESHOLD,
  PROP_EJECTION_TIME,
  PROP_MAX_ATTEMPTS,
  PROP_RETRY_DELAY,
  PROP_DEADLINE,
  PROP_N_HEALTHY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ENDPOINT_STATE_CHANGED,
  SIGNAL_REQUEST_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void check_endpoint (McpService *self, McpServiceEndpoint *endpoint, GTask *task);
static void restart_health_timer (McpService *self);

/* Call options --------------------------------------------------------------- */

/**
 * mcp_call_options_new:
 *
 * Creates options with no affinity key, not idempotent, and the service's
 * own deadline.
 *
 * Returns: (transfer full): the new options
 *
 * Since: 0.1
 */
McpCallOptions *
mcp_call_options_new (void)
{
  McpCallOptions *self = g_new0 (McpCallOptions, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

/**
 * mcp_call_options_ref:
 * @self: a #McpCallOptions
 *
 * Acquires a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 0.1
 */
McpCallOptions *
mcp_call_options_ref (McpCallOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * mcp_call_options_unref:
 * @self: (transfer full): a #McpCallOptions
 *
 * Releases a reference on @self.
 *
 * Since: 0.1
 */
void
mcp_call_options_unref (McpCallOptions *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->affinity_key);
      g_free (self);
    }
}

/**
 * mcp_call_options_get_affinity_key:
 * @self: a #McpCallOptions
 *
 * Gets the affinity key.
 *
 * Returns: (nullable): the key, or %NULL
 *
 * Since: 0.1
 */
const char *
mcp_call_options_get_affinity_key (McpCallOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->affinity_key;
}

/**
 * mcp_call_options_set_affinity_key:
 * @self: a #McpCallOptions
 * @key: (nullable): the key, e.g. a user or conversation id
 *
 * Sets the key %MCP_BALANCE_CONSISTENT_HASH routes by: requests with one key
 * go to one endpoint while it stays healthy.
 *
 * Since: 0.1
 */
void
mcp_call_options_set_affinity_key (McpCallOptions *self,
                                   const char     *key)
{
  g_return_if_fail (self != NULL);

  if (g_strcmp0 (self->affinity_key, key) == 0)
    return;
  g_free (self->affinity_key);
  self->affinity_key = g_strdup (key);
}

/**
 * mcp_call_options_get_idempotent:
 * @self: a #McpCallOptions
 *
 * Gets whether the caller said the request is safe to run twice.
 *
 * Returns: %TRUE if it is
 *
 * Since: 0.1
 */
gboolean
mcp_call_options_get_idempotent (McpCallOptions *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->idempotent;
}

/**
 * mcp_call_options_set_idempotent:
 * @self: a #McpCallOptions
 * @idempotent: whether running the request twice is harmless
 *
 * Says that the request may be retried on another endpoint even when it may
 * already have run, whatever the tool's annotations say.
 *
 * Since: 0.1
 */
void
mcp_call_options_set_idempotent (McpCallOptions *self,
                                 gboolean        idempotent)
{
  g_return_if_fail (self != NULL);

  self->idempotent = !!idempotent;
}

/**
 * mcp_call_options_get_deadline:
 * @self: a #McpCallOptions
 *
 * Gets the deadline set with mcp_call_options_set_deadline().
 *
 * Returns: milliseconds, or 0 for the service's #McpService:deadline
 *
 * Since: 0.1
 */
guint
mcp_call_options_get_deadline (McpCallOptions *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->deadline;
}

/**
 * mcp_call_options_set_deadline:
 * @self: a #McpCallOptions
 * @deadline_ms: milliseconds from the start of the call, or 0 for the
 *   service's #McpService:deadline
 *
 * Sets how long the request may keep retrying: no new attempt starts once
 * the deadline would be passed.
 *
 * Since: 0.1
 */
void
mcp_call_options_set_deadline (McpCallOptions *self,
                               guint           deadline_ms)
{
  g_return_if_fail (self != NULL);

  self->deadline = deadline_ms;
}

/* Endpoints ------------------------------------------------------------------ */

static void
mcp_service_endpoint_finalize (GObject *object)
{
  McpServiceEndpoint *self = MCP_SERVICE_ENDPOINT (object);

  if (self->probe_source != NULL)
    {
      g_source_destroy (self->probe_source);
      g_clear_pointer (&self->probe_source, g_source_unref);
    }
  g_free (self->url);
  g_free (self->server_name);
  g_clear_pointer (&self->capabilities, json_node_unref);
  g_clear_pointer (&self->tools, g_hash_table_unref);

  G_OBJECT_CLASS (mcp_service_endpoint_parent_class)->finalize (object);
}

static void
mcp_service_endpoint_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  McpServiceEndpoint *self = MCP_SERVICE_ENDPOINT (object);

  switch (prop_id)
    {
    case EP_PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case EP_PROP_WEIGHT:
      g_value_set_uint (value, self->weight);
      break;
    case EP_PROP_PRIORITY:
      g_value_set_uint (value, self->priority);
      break;
    case EP_PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case EP_PROP_HEALTHY:
      g_value_set_boolean (value, self->state == MCP_ENDPOINT_STATE_HEALTHY);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_service_endpoint_class_init (McpServiceEndpointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_service_endpoint_finalize;
  object_class->get_property = mcp_service_endpoint_get_property;

  /**
   * McpServiceEndpoint:url:
   *
   * The endpoint's URL.
   *
   * Since: 0.1
   */
  ep_properties[EP_PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpServiceEndpoint:weight:
   *
   * The endpoint's weight, for %MCP_BALANCE_WEIGHTED and
   * %MCP_BALANCE_CONSISTENT_HASH.
   *
   * Since: 0.1
   */
  ep_properties[EP_PROP_WEIGHT] =
    g_param_spec_uint ("weight", NULL, NULL, 1, G_MAXUINT16, 1,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpServiceEndpoint:priority:
   *
   * The endpoint's priority: only the healthy endpoints of the lowest
   * number serve, as with DNS SRV records.
   *
   * Since: 0.1
   */
  ep_properties[EP_PROP_PRIORITY] =
    g_param_spec_uint ("priority", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpServiceEndpoint:state:
   *
   * The endpoint's health.
   *
   * Since: 0.1
   */
  ep_properties[EP_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MCP_TYPE_ENDPOINT_STATE, MCP_ENDPOINT_STATE_HEALTHY,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpServiceEndpoint:healthy:
   *
   * Whether #McpServiceEndpoint:state is %MCP_ENDPOINT_STATE_HEALTHY.
   *
   * Since: 0.1
   */
  ep_properties[EP_PROP_HEALTHY] =
    g_param_spec_boolean ("healthy", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, EP_N_PROPS, ep_properties);
}

static void
mcp_service_endpoint_init (McpServiceEndpoint *self)
{
  self->weight = 1;
  self->state = MCP_ENDPOINT_STATE_HEALTHY;
}

/**
 * mcp_service_endpoint_get_url:
 * @self: a #McpServiceEndpoint
 *
 * Gets the endpoint's URL.
 *
 * Returns: the URL
 *
 * Since: 0.1
 */
const char *
mcp_service_endpoint_get_url (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), NULL);

  return self->url;
}

/**
 * mcp_service_endpoint_get_weight:
 * @self: a #McpServiceEndpoint
 *
 * Gets the endpoint's weight.
 *
 * Returns: the weight, at least 1
 *
 * Since: 0.1
 */
guint
mcp_service_endpoint_get_weight (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), 0);

  return self->weight;
}

/**
 * mcp_service_endpoint_get_priority:
 * @self: a #McpServiceEndpoint
 *
 * Gets the endpoint's priority (lower serves first).
 *
 * Returns: the priority
 *
 * Since: 0.1
 */
guint
mcp_service_endpoint_get_priority (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), 0);

  return self->priority;
}

/**
 * mcp_service_endpoint_get_state:
 * @self: a #McpServiceEndpoint
 *
 * Gets the endpoint's health.
 *
 * Returns: the state
 *
 * Since: 0.1
 */
McpEndpointState
mcp_service_endpoint_get_state (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), MCP_ENDPOINT_STATE_HEALTHY);

  return self->state;
}

/**
 * mcp_service_endpoint_is_healthy:
 * @self: a #McpServiceEndpoint
 *
 * Gets whether the endpoint serves requests.
 *
 * Returns: %TRUE when its state is %MCP_ENDPOINT_STATE_HEALTHY
 *
 * Since: 0.1
 */
gboolean
mcp_service_endpoint_is_healthy (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), FALSE);

  return self->state == MCP_ENDPOINT_STATE_HEALTHY;
}

/**
 * mcp_service_endpoint_get_outstanding:
 * @self: a #McpServiceEndpoint
 *
 * Gets the number of requests the service has in flight at the endpoint.
 *
 * Returns: the number
 *
 * Since: 0.1
 */
guint
mcp_service_endpoint_get_outstanding (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), 0);

  return self->outstanding;
}

/**
 * mcp_service_endpoint_get_requests:
 * @self: a #McpServiceEndpoint
 *
 * Gets the number of requests (attempts) routed to the endpoint.
 *
 * Returns: the number
 *
 * Since: 0.1
 */
guint64
mcp_service_endpoint_get_requests (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), 0);

  return self->requests;
}

/**
 * mcp_service_endpoint_get_failures:
 * @self: a #McpServiceEndpoint
 *
 * Gets the number of failed requests and health checks at the endpoint
 * (connection failures, timeouts, dropped connections; not errors the
 * server answered).
 *
 * Returns: the number
 *
 * Since: 0.1
 */
guint64
mcp_service_endpoint_get_failures (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), 0);

  return self->failures;
}

/**
 * mcp_service_endpoint_get_consecutive_failures:
 * @self: a #McpServiceEndpoint
 *
 * Gets the number of failures since the last success.
 *
 * Returns: the number
 *
 * Since: 0.1
 */
guint
mcp_service_endpoint_get_consecutive_failures (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), 0);

  return self->consecutive_failures;
}

/**
 * mcp_service_endpoint_get_ejections:
 * @self: a #McpServiceEndpoint
 *
 * Gets how many times the endpoint was ejected.
 *
 * Returns: the number
 *
 * Since: 0.1
 */
guint64
mcp_service_endpoint_get_ejections (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), 0);

  return self->ejections;
}

/**
 * mcp_service_endpoint_get_server_name:
 * @self: a #McpServiceEndpoint
 *
 * Gets the name the server gave in its `serverInfo`, once learned.
 *
 * Returns: (nullable): the name, or %NULL
 *
 * Since: 0.1
 */
const char *
mcp_service_endpoint_get_server_name (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), NULL);

  return self->server_name;
}

/**
 * mcp_service_endpoint_get_capabilities:
 * @self: a #McpServiceEndpoint
 *
 * Gets the server capabilities learned from `initialize` or
 * `server/discover`.
 *
 * Returns: (transfer none) (nullable): the capabilities object, or %NULL
 *   while unknown
 *
 * Since: 0.1
 */
JsonNode *
mcp_service_endpoint_get_capabilities (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), NULL);

  return self->capabilities;
}

/**
 * mcp_service_endpoint_has_capability:
 * @self: a #McpServiceEndpoint
 * @capability: a server capability, such as `tools` or `resources`
 *
 * Gets whether the endpoint may serve @capability: it declared it, or its
 * capabilities are not known yet.
 *
 * Returns: %TRUE if it may
 *
 * Since: 0.1
 */
gboolean
mcp_service_endpoint_has_capability (McpServiceEndpoint *self,
                                     const char         *capability)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), FALSE);
  g_return_val_if_fail (capability != NULL, FALSE);

  if (self->capabilities == NULL || !JSON_NODE_HOLDS_OBJECT (self->capabilities))
    return TRUE;

  return json_object_has_member (json_node_get_object (self->capabilities), capability);
}

/**
 * mcp_service_endpoint_get_tools_known:
 * @self: a #McpServiceEndpoint
 *
 * Gets whether the endpoint's tools were learned through `tools/list`.
 *
 * Returns: %TRUE once they were
 *
 * Since: 0.1
 */
gboolean
mcp_service_endpoint_get_tools_known (McpServiceEndpoint *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), FALSE);

  return self->tools != NULL;
}

/**
 * mcp_service_endpoint_get_tool:
 * @self: a #McpServiceEndpoint
 * @name: a tool name
 *
 * Looks a learned tool up.
 *
 * Returns: (transfer none) (nullable): the tool, or %NULL
 *
 * Since: 0.1
 */
McpTool *
mcp_service_endpoint_get_tool (McpServiceEndpoint *self,
                               const char         *name)
{
  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return self->tools != NULL ? g_hash_table_lookup (self->tools, name) : NULL;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * mcp_service_endpoint_dup_tool_names:
 * @self: a #McpServiceEndpoint
 *
 * Gets the names of the learned tools, sorted.
 *
 * Returns: (transfer full): the names; empty while unknown
 *
 * Since: 0.1
 */
char **
mcp_service_endpoint_dup_tool_names (McpServiceEndpoint *self)
{
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (MCP_IS_SERVICE_ENDPOINT (self), NULL);

  builder = g_strv_builder_new ();
  if (self->tools != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->tools);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_strv_builder_add (builder, key);
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  return names;
}

/* Health ----------------------------------------------------------------------- */

static void
count_healthy (McpService *self)
{
  guint n = 0;

  for (guint i = 0; i < self->endpoints->len; i++)
    if (((McpServiceEndpoint *) g_ptr_array_index (self->endpoints, i))->state ==
        MCP_ENDPOINT_STATE_HEALTHY)
      n++;

  if (n != self->n_healthy)
    {
      self->n_healthy = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HEALTHY]);
    }
}

static gboolean
probe_cb (gpointer user_data)
{
  McpServiceEndpoint *endpoint = user_data;
  McpService *self = endpoint->service;

  g_clear_pointer (&endpoint->probe_source, g_source_unref);
  if (self == NULL)
    return G_SOURCE_REMOVE;

  endpoint->state = MCP_ENDPOINT_STATE_PROBING;
  g_object_notify_by_pspec (G_OBJECT (endpoint), ep_properties[EP_PROP_STATE]);
  g_signal_emit (self, signals[SIGNAL_ENDPOINT_STATE_CHANGED], 0, endpoint);
  check_endpoint (self, endpoint, NULL);

  return G_SOURCE_REMOVE;
}

static void
set_state (McpService         *self,
           McpServiceEndpoint *endpoint,
           McpEndpointState    state)
{
  gboolean was_healthy = endpoint->state == MCP_ENDPOINT_STATE_HEALTHY;

  if (endpoint->probe_source != NULL)
    {
      g_source_destroy (endpoint->probe_source);
      g_clear_pointer (&endpoint->probe_source, g_source_unref);
    }

  if (state == MCP_ENDPOINT_STATE_EJECTED)
    {
      endpoint->ejections++;
      endpoint->probe_source = g_timeout_source_new (MAX (self->ejection_time, 1));
      g_source_set_callback (endpoint->probe_source, probe_cb, endpoint, NULL);
      g_source_set_static_name (endpoint->probe_source, "[mcp] service probe");
      g_source_attach (endpoint->probe_source, self->context);
    }

  if (endpoint->state == state)
    return;

  g_debug ("Service %s: endpoint %s is %s", self->name, endpoint->url,
           state == MCP_ENDPOINT_STATE_HEALTHY ? "healthy" :
           state == MCP_ENDPOINT_STATE_EJECTED ? "ejected" : "probing");
  endpoint->state = state;
  g_object_notify_by_pspec (G_OBJECT (endpoint), ep_properties[EP_PROP_STATE]);
  if (was_healthy != (state == MCP_ENDPOINT_STATE_HEALTHY))
    g_object_notify_by_pspec (G_OBJECT (endpoint), ep_properties[EP_PROP_HEALTHY]);
  g_signal_emit (self, signals[SIGNAL_ENDPOINT_STATE_CHANGED], 0, endpoint);
  count_healthy (self);
}

static void
endpoint_succeeded (McpServiceEndpoint *endpoint)
{
  endpoint->consecutive_failures = 0;
  if (endpoint->service != NULL && endpoint->state != MCP_ENDPOINT_STATE_HEALTHY)
    set_state (endpoint->service, endpoint, MCP_ENDPOINT_STATE_HEALTHY);
}

static void
endpoint_failed (McpServiceEndpoint *endpoint)
{
  McpService *self = endpoint->service;

  endpoint->failures++;
  endpoint->consecutive_failures++;
  if (self == NULL)
    return;

  /* A failed probe, or one failure too many: out for an ejection time. */
  if (endpoint->state == MCP_ENDPOINT_STATE_PROBING ||
      (endpoint->state == MCP_ENDPOINT_STATE_HEALTHY &&
       endpoint->consecutive_failures >= MAX (self->failure_threshold, 1)))
    set_state (self, endpoint, MCP_ENDPOINT_STATE_EJECTED);
}

/* Requests learn what is not known yet; health checks refresh it, since a
 * server may have been replaced by another version meanwhile. */
static void
learn_client (McpServiceEndpoint *endpoint,
              McpClient          *client,
              gboolean            refresh)
{
  JsonNode *capabilities = mcp_client_get_server_capabilities (client);
  const char *name = mcp_client_get_server_name (client);

  if (capabilities != NULL && (endpoint->capabilities == NULL || refresh))
    {
      g_clear_pointer (&endpoint->capabilities, json_node_unref);
      endpoint->capabilities = json_node_copy (capabilities);
    }
  if (name != NULL && (endpoint->server_name == NULL || refresh))
    {
      g_free (endpoint->server_name);
      endpoint->server_name = g_strdup (name);
    }
}

static void
learn_tools (McpServiceEndpoint *endpoint,
             GPtrArray          *tools)
{
  g_clear_pointer (&endpoint->tools, g_hash_table_unref);
  endpoint->tools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < tools->len; i++)
    {
      McpTool *tool = g_ptr_array_index (tools, i);

      g_hash_table_replace (endpoint->tools, g_strdup (mcp_tool_get_name (tool)),
                            g_object_ref (tool));
    }
}

/* A health check of one endpoint: acquire, ping, learn, release. */
typedef struct
{
  McpService         *service;
  McpServiceEndpoint *endpoint;
  McpClient          *client;
  GTask              *group;     /* mcp_service_check_async()'s, or NULL */
} Check;

static void
check_done (Check    *check,
            gboolean  ok)
{
  McpServiceEndpoint *endpoint = check->endpoint;

  endpoint->checking = FALSE;
  if (check->client != NULL && check->service->pool != NULL)
    mcp_connection_pool_release (check->service->pool, check->client);

  /* A check cancelled by detaching says nothing of the endpoint. */
  if (!g_cancellable_is_cancelled (check->service->cancellable))
    {
      if (ok)
        endpoint_succeeded (endpoint);
      else
        endpoint_failed (endpoint);
    }

  if (check->group != NULL)
    {
      guint *pending = g_task_get_task_data (check->group);

      if (ok)
        pending[1]++;
      if (--pending[0] == 0)
        g_task_return_int (check->group, pending[1]);
      g_object_unref (check->group);
    }

  g_clear_object (&check->client);
  g_object_unref (check->endpoint);
  g_object_unref (check->service);
  g_free (check);
}

static void
check_tools_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Check *check = user_data;
  g_autoptr(GPtrArray) tools = mcp_client_list_all_tools_finish (MCP_CLIENT (object), result, NULL);

  if (tools != NULL)
    learn_tools (check->endpoint, tools);
  check_done (check, tools != NULL);
}

static void
check_ping_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Check *check = user_data;
  g_autoptr(GError) error = NULL;

  if (!mcp_client_ping_finish (MCP_CLIENT (object), result, &error))
    {
      g_debug ("Health check of %s failed: %s", check->endpoint->url, error->message);
      check_done (check, FALSE);
      return;
    }

  learn_client (check->endpoint, check->client, TRUE);
  if (mcp_client_server_has_capability (check->client, "tools"))
    {
      mcp_client_list_all_tools_async (check->client, check->service->cancellable,
                                       check_tools_cb, check);
      return;
    }

  check_done (check, TRUE);
}

static void
check_acquired_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Check *check = user_data;
  g_autoptr(GError) error = NULL;

  check->client = mcp_connection_pool_acquire_finish (MCP_CONNECTION_POOL (object), result, &error);
  if (check->client == NULL)
    {
      g_debug ("Health check of %s failed: %s", check->endpoint->url, error->message);
      check_done (check, FALSE);
      return;
    }

  mcp_client_ping_async (check->client, check->service->cancellable, check_ping_cb, check);
}

static void
check_endpoint (McpService         *self,
                McpServiceEndpoint *endpoint,
                GTask              *group)
{
  Check *check;

  if (self->pool == NULL || endpoint->checking)
    {
      if (group != NULL)
        {
          guint *pending = g_task_get_task_data (group);

          if (--pending[0] == 0)
            g_task_return_int (group, pending[1]);
        }
      return;
    }

  check = g_new0 (Check, 1);
  check->service = g_object_ref (self);
  check->endpoint = g_object_ref (endpoint);
  check->group = group != NULL ? g_object_ref (group) : NULL;
  endpoint->checking = TRUE;

  mcp_connection_pool_acquire_async (self->pool, endpoint->url,
                                     _mcp_connection_pool_lookup_token (self->pool, endpoint->url),
                                     self->cancellable, check_acquired_cb, check);
}

static gboolean
health_cb (gpointer user_data)
{
  McpService *self = user_data;

  /* Ejected endpoints wait for their probe. */
  for (guint i = 0; i < self->endpoints->len; i++)
    {
      McpServiceEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);

      if (endpoint->state == MCP_ENDPOINT_STATE_HEALTHY)
        check_endpoint (self, endpoint, NULL);
    }

  return G_SOURCE_CONTINUE;
}

static void
restart_health_timer (McpService *self)
{
  if (self->health_source != NULL)
    {
      g_source_destroy (self->health_source);
      g_clear_pointer (&self->health_source, g_source_unref);
    }

  if (self->pool == NULL || self->health_check_interval == 0)
    return;

  self->health_source = g_timeout_source_new (self->health_check_interval);
  g_source_set_callback (self->health_source, health_cb, self, NULL);
  g_source_set_static_name (self->health_source, "[mcp] service health check");
  g_source_attach (self->health_source, self->context);
}

/**
 * mcp_service_check_async:
 * @self: a #McpService
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when every endpoint was checked
 * @user_data: the data to pass to @callback
 *
 * Checks every endpoint now, as the periodic health check does (ejected
 * ones included: a success brings one back), and learns each one's
 * capabilities and tools. The service must have been added to a pool.
 *
 * Since: 0.1
 */
void
mcp_service_check_async (McpService          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint *pending;

  g_return_if_fail (MCP_IS_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_service_check_async);

  if (self->pool == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_NOT_CONNECTED,
                               "Service %s is in no connection pool", self->name);
      return;
    }

  /* [0]: checks pending (plus one while starting them), [1]: healthy */
  pending = g_new0 (guint, 2);
  pending[0] = self->endpoints->len + 1;
  g_task_set_task_data (task, pending, g_free);

  for (guint i = 0; i < self->endpoints->len; i++)
    check_endpoint (self, g_ptr_array_index (self->endpoints, i), task);

  if (--pending[0] == 0)
    g_task_return_int (task, pending[1]);
}

/**
 * mcp_service_check_finish:
 * @self: a #McpService
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_service_check_async(). An endpoint whose check was already
 * under way is not counted.
 *
 * Returns: the number of endpoints that passed
 *
 * Since: 0.1
 */
guint
mcp_service_check_finish (McpService    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  gssize n;

  g_return_val_if_fail (MCP_IS_SERVICE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint) n;
}

/* Picking ---------------------------------------------------------------------- */

static guint32
hash_text (const char *text)
{
  guint32 h = 2166136261u;

  /* FNV-1a, then a finalizer so nearby texts spread over the ring. */
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    h = (h ^ *p) * 16777619u;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;

  return h;
}

static gint
ring_point_compare (gconstpointer a,
                    gconstpointer b)
{
  guint32 x = ((const RingPoint *) a)->hash, y = ((const RingPoint *) b)->hash;

  return x < y ? -1 : x > y;
}

/* The ring holds every endpoint, healthy or not, so a change of health
 * moves only the keys of the endpoint that changed. */
static GArray *
ensure_ring (McpService *self)
{
  if (self->ring != NULL)
    return self->ring;

  self->ring = g_array_new (FALSE, FALSE, sizeof (RingPoint));
  for (guint i = 0; i < self->endpoints->len; i++)
    {
      McpServiceEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);

      for (guint j = 0; j < endpoint->weight * RING_POINTS_PER_WEIGHT; j++)
        {
          g_autofree char *text = g_strdup_printf ("%s#%u", endpoint->url, j);
          RingPoint point = { hash_text (text), endpoint };

          g_array_append_val (self->ring, point);
        }
    }
  g_array_sort (self->ring, ring_point_compare);

  return self->ring;
}

static gboolean
endpoint_can_serve (McpServiceEndpoint *endpoint,
                    const char         *capability,
                    const char         *tool)
{
  if (capability != NULL && !mcp_service_endpoint_has_capability (endpoint, capability))
    return FALSE;
  if (tool != NULL && endpoint->tools != NULL && !g_hash_table_contains (endpoint->tools, tool))
    return FALSE;
  return TRUE;
}

/* The endpoints a request may go to: healthy, able, of the best priority,
 * not excluded; when none is healthy, the able ones whatever their health. */
static GPtrArray *
candidates (McpService *self,
            const char *capability,
            const char *tool,
            GHashTable *exclude,
            gboolean    healthy_only)
{
  GPtrArray *found = g_ptr_array_new ();
  guint best = G_MAXUINT;

  for (guint pass = 0; pass < 2 && found->len == 0; pass++)
    {
      gboolean need_healthy = pass == 0 || healthy_only;

      if (pass == 1 && healthy_only)
        break;

      for (guint i = 0; i < self->endpoints->len; i++)
        {
          McpServiceEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);

          if (need_healthy && endpoint->state != MCP_ENDPOINT_STATE_HEALTHY)
            continue;
          if (exclude != NULL && g_hash_table_contains (exclude, endpoint))
            continue;
          if (!endpoint_can_serve (endpoint, capability, tool))
            continue;
          if (endpoint->priority < best)
            {
              best = endpoint->priority;
              g_ptr_array_set_size (found, 0);
            }
          if (endpoint->priority == best)
            g_ptr_array_add (found, endpoint);
        }
    }

  return found;
}

static McpServiceEndpoint *
choose (McpService *self,
        GPtrArray  *found,
        const char *key)
{
  McpServiceEndpoint *best = NULL;

  if (found->len == 0)
    return NULL;

  switch (self->strategy)
    {
    case MCP_BALANCE_LEAST_OUTSTANDING:
      {
        guint start = self->cursor++;

        for (guint i = 0; i < found->len; i++)
          {
            McpServiceEndpoint *endpoint = g_ptr_array_index (found, (start + i) % found->len);

            if (best == NULL || endpoint->outstanding < best->outstanding)
              best = endpoint;
          }
        return best;
      }

    case MCP_BALANCE_WEIGHTED:
      {
        gint64 total = 0;

        for (guint i = 0; i < found->len; i++)
          {
            McpServiceEndpoint *endpoint = g_ptr_array_index (found, i);

            endpoint->current_weight += endpoint->weight;
            total += endpoint->weight;
            if (best == NULL || endpoint->current_weight > best->current_weight)
              best = endpoint;
          }
        best->current_weight -= total;
        return best;
      }

    case MCP_BALANCE_CONSISTENT_HASH:
      if (key != NULL)
        {
          GArray *ring = ensure_ring (self);
          guint32 h = hash_text (key);
          guint lo = 0, hi = ring->len;

          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (g_array_index (ring, RingPoint, mid).hash < h)
                lo = mid + 1;
              else
                hi = mid;
            }

          /* Clockwise to the first point of an endpoint that may serve. */
          for (guint i = 0; i < ring->len; i++)
            {
              McpServiceEndpoint *endpoint = g_array_index (ring, RingPoint, (lo + i) % ring->len).endpoint;

              if (g_ptr_array_find (found, endpoint, NULL))
                return endpoint;
            }
        }
      G_GNUC_FALLTHROUGH;

    case MCP_BALANCE_ROUND_ROBIN:
    default:
      return g_ptr_array_index (found, self->cursor++ % found->len);
    }
}

/**
 * mcp_service_find_endpoints:
 * @self: a #McpService
 * @capability: (nullable): a server capability the endpoint must have, such
 *   as `tools`, `resources` or `prompts`
 * @tool: (nullable): a tool the endpoint must have
 *
 * Finds the healthy endpoints that have @capability and @tool, as far as
 * they were learned (an endpoint not checked yet may have anything).
 *
 * Returns: (transfer container) (element-type McpServiceEndpoint): the
 *   endpoints, best priority first
 *
 * Since: 0.1
 */
GPtrArray *
mcp_service_find_endpoints (McpService *self,
                            const char *capability,
                            const char *tool)
{
  GPtrArray *found;

  g_return_val_if_fail (MCP_IS_SERVICE (self), NULL);

  found = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->endpoints->len; i++)
    {
      McpServiceEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);

      if (endpoint->state == MCP_ENDPOINT_STATE_HEALTHY &&
          endpoint_can_serve (endpoint, capability, tool))
        g_ptr_array_add (found, g_object_ref (endpoint));
    }

  return found;
}

/**
 * mcp_service_pick_endpoint:
 * @self: a #McpService
 * @capability: (nullable): a capability the endpoint must have
 * @tool: (nullable): a tool the endpoint must have
 * @affinity_key: (nullable): the key for %MCP_BALANCE_CONSISTENT_HASH
 *
 * Picks the endpoint the next request with these needs would go to, as
 * #McpService:strategy says (this counts as a pick: round robin moves on).
 *
 * Returns: (transfer none) (nullable): the endpoint, or %NULL if none can
 *   serve
 *
 * Since: 0.1
 */
McpServiceEndpoint *
mcp_service_pick_endpoint (McpService *self,
                           const char *capability,
                           const char *tool,
                           const char *affinity_key)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (MCP_IS_SERVICE (self), NULL);

  found = candidates (self, capability, tool, NULL, FALSE);
  return choose (self, found, affinity_key);
}

/* Requests --------------------------------------------------------------------- */

typedef struct
{
  McpService         *service;
  GTask              *task;          /* the pool's */
  McpServiceCallKind  kind;
  char               *name;
  JsonNode           *arguments;
  char               *affinity_key;
  McpServiceEndpoint *endpoint;
  McpClient          *client;
  GHashTable         *tried;         /* McpServiceEndpoint set */
  GSource            *retry_source;
  GSource            *cancel_source;
  gint64              deadline;
  guint               attempt;
  guint               idempotent : 1;
} Call;

static void call_attempt (Call *call);

static void
call_free (Call *call)
{
  if (call->retry_source != NULL)
    {
      g_source_destroy (call->retry_source);
      g_source_unref (call->retry_source);
    }
  if (call->cancel_source != NULL)
    {
      g_source_destroy (call->cancel_source);
      g_source_unref (call->cancel_source);
    }
  g_clear_object (&call->client);
  g_clear_object (&call->endpoint);
  g_clear_pointer (&call->tried, g_hash_table_unref);
  g_clear_pointer (&call->arguments, json_node_unref);
  g_free (call->name);
  g_free (call->affinity_key);
  g_clear_object (&call->task);
  g_object_unref (call->service);
  g_free (call);
}

static const char *
call_method (Call *call)
{
  switch (call->kind)
    {
    case MCP_SERVICE_CALL_TOOL:
      return "tools/call";
    case MCP_SERVICE_CALL_LIST_TOOLS:
      return "tools/list";
    case MCP_SERVICE_CALL_READ_RESOURCE:
      return "resources/read";
    case MCP_SERVICE_CALL_ACQUIRE:
      return NULL;
    case MCP_SERVICE_CALL_REQUEST:
    default:
      return call->name;
    }
}

/* The capability a method needs of the server. */
static const char *
method_capability (const char *method)
{
  if (method == NULL)
    return NULL;
  if (g_str_has_prefix (method, "tools/"))
    return "tools";
  if (g_str_has_prefix (method, "resources/"))
    return "resources";
  if (g_str_has_prefix (method, "prompts/"))
    return "prompts";
  if (g_str_equal (method, "completion/complete"))
    return "completions";
  if (g_str_equal (method, "logging/setLevel"))
    return "logging";
  return NULL;
}

/* Methods that only read: running one twice changes nothing. */
static gboolean
method_is_safe (const char *method)
{
  static const char * const safe[] = {
    "ping", "server/discover", "tools/list", "resources/list", "resources/read",
    "resources/templates/list", "prompts/list", "prompts/get", "completion/complete", NULL
  };

  return method == NULL || g_strv_contains (safe, method);
}

static gboolean
tool_is_safe (McpTool *tool)
{
  JsonNode *annotations = tool != NULL ? mcp_tool_get_annotations (tool) : NULL;
  JsonObject *object;

  if (annotations == NULL || !JSON_NODE_HOLDS_OBJECT (annotations))
    return FALSE;
  object = json_node_get_object (annotations);

  return json_object_get_boolean_member_with_default (object, "readOnlyHint", FALSE) ||
         json_object_get_boolean_member_with_default (object, "idempotentHint", FALSE);
}

/* Whether running @call again is harmless even if it already ran. */
static gboolean
call_is_safe (Call *call)
{
  if (call->idempotent)
    return TRUE;
  if (call->kind != MCP_SERVICE_CALL_TOOL)
    return method_is_safe (call_method (call));

  /* The annotations the endpoint that got it published; a server may only
   * say a tool is safe for itself. */
  return call->endpoint != NULL && tool_is_safe (mcp_service_endpoint_get_tool (call->endpoint,
                                                                                call->name));
}

/* Errors that say the connection or the server failed, not the request. */
static gboolean
error_is_endpoint_failure (const GError *error)
{
  if (error->domain != MCP_ERROR)
    return error->domain != G_IO_ERROR || error->code != G_IO_ERROR_CANCELLED;

  return error->code == MCP_ERROR_TRANSPORT || error->code == MCP_ERROR_CONNECTION_CLOSED ||
         error->code == MCP_ERROR_TIMEOUT || error->code == MCP_ERROR_NOT_CONNECTED ||
         error->code == MCP_ERROR_URL_REFUSED;
}

static void
call_return_error (Call   *call,
                   GError *error)
{
  g_signal_emit (call->service, signals[SIGNAL_REQUEST_DONE], 0, call->endpoint,
                 call_method (call), error);
  g_task_return_error (call->task, error);
  call_free (call);
}

static gboolean
call_retry_cb (gpointer user_data)
{
  Call *call = user_data;

  g_clear_pointer (&call->retry_source, g_source_unref);
  if (call->cancel_source != NULL)
    {
      g_source_destroy (call->cancel_source);
      g_clear_pointer (&call->cancel_source, g_source_unref);
    }
  call_attempt (call);

  return G_SOURCE_REMOVE;
}

static gboolean
call_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  Call *call = user_data;

  g_clear_pointer (&call->cancel_source, g_source_unref);
  g_task_return_error_if_cancelled (call->task);
  call_free (call);

  return G_SOURCE_REMOVE;
}

/* An attempt failed with @error (consumed): try elsewhere if the rules
 * allow, or fail. */
static void
call_failed (Call     *call,
             GError   *error,
             gboolean  never_reached)
{
  McpService *self = call->service;
  GCancellable *cancellable = g_task_get_cancellable (call->task);
  guint delay;
  gint64 now = g_get_monotonic_time ();

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (cancellable))
    {
      call_return_error (call, error);
      return;
    }

  if (never_reached)
    _mcp_error_set_not_delivered (error);
  else if (!call_is_safe (call))
    {
      g_debug ("Service %s: %s at %s may have run; not retried: %s", self->name,
               call->name != NULL ? call->name : "request", call->endpoint->url, error->message);
      call_return_error (call, error);
      return;
    }

  delay = self->retry_delay;
  for (guint i = 1; i < call->attempt && delay < MAX_BACKOFF_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX_BACKOFF_MS);
  /* Jitter: between half and all of it, so retries of many callers spread. */
  if (delay > 1)
    delay = delay / 2 + g_random_int_range (0, (gint32) (delay - delay / 2) + 1);

  if (call->attempt >= MAX (self->max_attempts, 1) ||
      now + (gint64) delay * 1000 > call->deadline)
    {
      call_return_error (call, error);
      return;
    }

  g_debug ("Service %s: attempt %u at %s failed (%s); retrying in %u ms", self->name,
           call->attempt, call->endpoint->url, error->message, delay);
  g_hash_table_add (call->tried, call->endpoint);
  g_clear_error (&error);

  call->retry_source = g_timeout_source_new (delay);
  g_source_set_callback (call->retry_source, call_retry_cb, call, NULL);
  g_source_set_static_name (call->retry_source, "[mcp] service retry");
  g_source_attach (call->retry_source, self->context);

  if (cancellable != NULL)
    {
      call->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->cancel_source, G_SOURCE_FUNC (call_cancelled_cb), call, NULL);
      g_source_attach (call->cancel_source, self->context);
    }
}

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;
  McpClient *client = MCP_CLIENT (object);
  GError *error = NULL;
  gpointer value = NULL;
  GDestroyNotify destroy = NULL;

  switch (call->kind)
    {
    case MCP_SERVICE_CALL_TOOL:
      value = mcp_client_call_tool_finish (client, result, &error);
      destroy = g_object_unref;
      break;
    case MCP_SERVICE_CALL_LIST_TOOLS:
      value = mcp_client_list_all_tools_finish (client, result, &error);
      destroy = (GDestroyNotify) g_ptr_array_unref;
      if (value != NULL)
        learn_tools (call->endpoint, value);
      break;
    case MCP_SERVICE_CALL_READ_RESOURCE:
      value = mcp_client_read_resource_finish (client, result, &error);
      destroy = (GDestroyNotify) g_ptr_array_unref;
      break;
    case MCP_SERVICE_CALL_REQUEST:
    case MCP_SERVICE_CALL_ACQUIRE:
    default:
      value = mcp_client_send_request_finish (client, result, &error);
      destroy = (GDestroyNotify) json_node_unref;
      break;
    }

  if (call->service->pool != NULL)
    mcp_connection_pool_release (call->service->pool, client);
  g_clear_object (&call->client);
  call->endpoint->outstanding--;

  if (value != NULL)
    {
      endpoint_succeeded (call->endpoint);
      g_signal_emit (call->service, signals[SIGNAL_REQUEST_DONE], 0, call->endpoint,
                     call_method (call), NULL);
      g_task_return_pointer (call->task, value, destroy);
      call_free (call);
      return;
    }

  if (!error_is_endpoint_failure (error))
    {
      /* The server answered: it is alive, and the answer is the caller's. */
      endpoint_succeeded (call->endpoint);
      call_return_error (call, error);
      return;
    }

  endpoint_failed (call->endpoint);
  call_failed (call, error, mcp_error_is_retryable (error));
}

static void
call_send (Call *call)
{
  GCancellable *cancellable = g_task_get_cancellable (call->task);

  switch (call->kind)
    {
    case MCP_SERVICE_CALL_TOOL:
      mcp_client_call_tool_async (call->client, call->name, call->arguments, cancellable,
                                  call_done_cb, call);
      break;
    case MCP_SERVICE_CALL_LIST_TOOLS:
      mcp_client_list_all_tools_async (call->client, cancellable, call_done_cb, call);
      break;
    case MCP_SERVICE_CALL_READ_RESOURCE:
      mcp_client_read_resource_async (call->client, call->name, cancellable, call_done_cb, call);
      break;
    case MCP_SERVICE_CALL_REQUEST:
    case MCP_SERVICE_CALL_ACQUIRE:
    default:
      mcp_client_send_request_async (call->client, call->name, call->arguments, cancellable,
                                     call_done_cb, call);
      break;
    }
}

static void
call_learned_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = mcp_client_list_all_tools_finish (MCP_CLIENT (object), result, &error);

  if (tools != NULL)
    learn_tools (call->endpoint, tools);

  /* Learned that this one lacks the tool: nothing was sent, go elsewhere. */
  if (call->endpoint->tools != NULL && !g_hash_table_contains (call->endpoint->tools, call->name))
    {
      if (call->service->pool != NULL)
        mcp_connection_pool_release (call->service->pool, call->client);
      g_clear_object (&call->client);
      call->endpoint->outstanding--;
      g_hash_table_add (call->tried, call->endpoint);
      call_attempt (call);
      return;
    }

  call_send (call);
}

static void
call_acquired_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Call *call = user_data;
  GError *error = NULL;

  call->client = mcp_connection_pool_acquire_finish (MCP_CONNECTION_POOL (object), result, &error);
  if (call->client == NULL)
    {
      call->endpoint->outstanding--;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        endpoint_failed (call->endpoint);
      /* Only a connect and a handshake happened: no request was sent. */
      call_failed (call, error, TRUE);
      return;
    }

  learn_client (call->endpoint, call->client, FALSE);

  if (call->kind == MCP_SERVICE_CALL_ACQUIRE)
    {
      call->endpoint->outstanding--;
      endpoint_succeeded (call->endpoint);
      g_signal_emit (call->service, signals[SIGNAL_REQUEST_DONE], 0, call->endpoint, NULL, NULL);
      g_task_return_pointer (call->task, g_steal_pointer (&call->client), g_object_unref);
      call_free (call);
      return;
    }

  /* Before a first tool call on an endpoint, learn its tools: whether a
   * failed call may be retried depends on their annotations. */
  if (call->kind == MCP_SERVICE_CALL_TOOL && call->endpoint->tools == NULL &&
      mcp_client_server_has_capability (call->client, "tools"))
    {
      mcp_client_list_all_tools_async (call->client, g_task_get_cancellable (call->task),
                                       call_learned_cb, call);
      return;
    }

  call_send (call);
}

static void
call_attempt (Call *call)
{
  McpService *self = call->service;
  const char *method = call_method (call);
  const char *tool = call->kind == MCP_SERVICE_CALL_TOOL ? call->name : NULL;
  g_autoptr(GPtrArray) found = NULL;
  McpServiceEndpoint *endpoint;

  if (g_task_return_error_if_cancelled (call->task))
    {
      call_free (call);
      return;
    }

  if (self->pool == NULL)
    {
      call_return_error (call, g_error_new (MCP_ERROR, MCP_ERROR_NOT_CONNECTED,
                                            "Service %s is in no connection pool", self->name));
      return;
    }

  found = candidates (self, method_capability (method), tool, call->tried, FALSE);
  if (found->len == 0 && g_hash_table_size (call->tried) > 0)
    {
      /* Every able endpoint was tried: start over among them. */
      g_hash_table_remove_all (call->tried);
      g_clear_pointer (&found, g_ptr_array_unref);
      found = candidates (self, method_capability (method), tool, NULL, FALSE);
    }

  endpoint = choose (self, found, call->affinity_key);
  if (endpoint == NULL)
    {
      GError *error = g_error_new (MCP_ERROR, MCP_ERROR_CAPABILITY_NOT_SUPPORTED,
                                   "Service %s has no endpoint that can serve %s%s%s", self->name,
                                   method != NULL ? method : "a connection",
                                   tool != NULL ? " of tool " : "", tool != NULL ? tool : "");

      _mcp_error_set_not_delivered (error);
      g_clear_object (&call->endpoint);
      call_return_error (call, error);
      return;
    }

  call->attempt++;
  g_set_object (&call->endpoint, endpoint);
  endpoint->requests++;
  endpoint->outstanding++;

  mcp_connection_pool_acquire_async (self->pool, endpoint->url,
                                     _mcp_connection_pool_lookup_token (self->pool, endpoint->url),
                                     g_task_get_cancellable (call->task), call_acquired_cb, call);
}

void
_mcp_service_run (McpService         *self,
                  GTask              *task,
                  McpServiceCallKind  kind,
                  const char         *name,
                  JsonNode           *arguments,
                  McpCallOptions     *options)
{
  Call *call = g_new0 (Call, 1);
  guint deadline = self->deadline;

  call->service = g_object_ref (self);
  call->task = g_object_ref (task);
  call->kind = kind;
  call->name = g_strdup (name);
  call->arguments = arguments != NULL ? json_node_ref (arguments) : NULL;
  call->tried = g_hash_table_new (NULL, NULL);
  if (options != NULL)
    {
      call->affinity_key = g_strdup (options->affinity_key);
      call->idempotent = options->idempotent;
      if (options->deadline > 0)
        deadline = options->deadline;
    }
  call->deadline = g_get_monotonic_time () + (gint64) deadline * 1000;

  call_attempt (call);
}

/* Pool attachment -------------------------------------------------------------- */

void
_mcp_service_attach (McpService        *self,
                     McpConnectionPool *pool,
                     GMainContext      *context)
{
  g_return_if_fail (self->pool == NULL);

  self->pool = pool;
  self->context = context != NULL ? g_main_context_ref (context) : NULL;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  restart_health_timer (self);
}

gboolean
_mcp_service_is_attached (McpService *self)
{
  return self->pool != NULL;
}

void
_mcp_service_detach (McpService *self)
{
  g_cancellable_cancel (self->cancellable);
  self->pool = NULL;
  restart_health_timer (self);
  for (guint i = 0; i < self->endpoints->len; i++)
    {
      McpServiceEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);

      if (endpoint->probe_source != NULL)
        {
          g_source_destroy (endpoint->probe_source);
          g_clear_pointer (&endpoint->probe_source, g_source_unref);
        }
    }
  g_clear_pointer (&self->context, g_main_context_unref);
}

/* The service ------------------------------------------------------------------ */

static void
mcp_service_dispose (GObject *object)
{
  McpService *self = MCP_SERVICE (object);

  _mcp_service_detach (self);
  for (guint i = 0; i < self->endpoints->len; i++)
    ((McpServiceEndpoint *) g_ptr_array_index (self->endpoints, i))->service = NULL;
  g_ptr_array_set_size (self->endpoints, 0);
  g_clear_pointer (&self->ring, g_array_unref);

  G_OBJECT_CLASS (mcp_service_parent_class)->dispose (object);
}

static void
mcp_service_finalize (GObject *object)
{
  McpService *self = MCP_SERVICE (object);

  g_clear_pointer (&self->endpoints, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->name);

  G_OBJECT_CLASS (mcp_service_parent_class)->finalize (object);
}

static void
mcp_service_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  McpService *self = MCP_SERVICE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STRATEGY:
      g_value_set_enum (value, self->strategy);
      break;
    case PROP_HEALTH_CHECK_INTERVAL:
      g_value_set_uint (value, self->health_check_interval);
      break;
    case PROP_FAILURE_THRESHOLD:
      g_value_set_uint (value, self->failure_threshold);
      break;
    case PROP_EJECTION_TIME:
      g_value_set_uint (value, self->ejection_time);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;
    case PROP_N_HEALTHY:
      g_value_set_uint (value, self->n_healthy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint (McpService *self,
          guint      *field,
          guint       value,
          guint       prop)
{
  if (*field == value)
    return;
  *field = value;
  if (prop == PROP_HEALTH_CHECK_INTERVAL)
    restart_health_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
mcp_service_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  McpService *self = MCP_SERVICE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_STRATEGY:
      mcp_service_set_strategy (self, g_value_get_enum (value));
      break;
    case PROP_HEALTH_CHECK_INTERVAL:
      set_uint (self, &self->health_check_interval, g_value_get_uint (value), prop_id);
      break;
    case PROP_FAILURE_THRESHOLD:
      set_uint (self, &self->failure_threshold, g_value_get_uint (value), prop_id);
      break;
    case PROP_EJECTION_TIME:
      set_uint (self, &self->ejection_time, g_value_get_uint (value), prop_id);
      break;
    case PROP_MAX_ATTEMPTS:
      set_uint (self, &self->max_attempts, g_value_get_uint (value), prop_id);
      break;
    case PROP_RETRY_DELAY:
      set_uint (self, &self->retry_delay, g_value_get_uint (value), prop_id);
      break;
    case PROP_DEADLINE:
      set_uint (self, &self->deadline, g_value_get_uint (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_service_class_init (McpServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = mcp_service_dispose;
  object_class->finalize = mcp_service_finalize;
  object_class->get_property = mcp_service_get_property;
  object_class->set_property = mcp_service_set_property;

  /**
   * McpService:name:
   *
   * The service's name, as in `service:NAME`.
   *
   * Since: 0.1
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpService:strategy:
   *
   * How an endpoint is picked for each request.
   *
   * Since: 0.1
   */
  properties[PROP_STRATEGY] =
    g_param_spec_enum ("strategy", NULL, NULL, MCP_TYPE_BALANCE_STRATEGY,
                       MCP_BALANCE_ROUND_ROBIN, rw);

  /**
   * McpService:health-check-interval:
   *
   * Milliseconds between active health checks of the healthy endpoints;
   * 0 turns them off (passive ejection and probes still work).
   *
   * Since: 0.1
   */
  properties[PROP_HEALTH_CHECK_INTERVAL] =
    g_param_spec_uint ("health-check-interval", NULL, NULL, 0, G_MAXUINT, 10000, rw);

  /**
   * McpService:failure-threshold:
   *
   * How many failures in a row eject an endpoint.
   *
   * Since: 0.1
   */
  properties[PROP_FAILURE_THRESHOLD] =
    g_param_spec_uint ("failure-threshold", NULL, NULL, 1, G_MAXUINT, 3, rw);

  /**
   * McpService:ejection-time:
   *
   * Milliseconds an ejected endpoint stays out before a probe.
   *
   * Since: 0.1
   */
  properties[PROP_EJECTION_TIME] =
    g_param_spec_uint ("ejection-time", NULL, NULL, 1, G_MAXUINT, 5000, rw);

  /**
   * McpService:max-attempts:
   *
   * How many endpoints (attempts) one request may try, the first included.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 1, 100, 3, rw);

  /**
   * McpService:retry-delay:
   *
   * Milliseconds before the first retry; each further retry waits twice as
   * long (at most 2 s), with jitter.
   *
   * Since: 0.1
   */
  properties[PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL, 0, 60000, 50, rw);

  /**
   * McpService:deadline:
   *
   * Milliseconds from the start of a request after which no retry starts.
   *
   * Since: 0.1
   */
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL, 1, G_MAXUINT, 10000, rw);

  /**
   * McpService:n-healthy:
   *
   * How many endpoints are healthy; notified when the healthy set grows or
   * shrinks.
   *
   * Since: 0.1
   */
  properties[PROP_N_HEALTHY] =
    g_param_spec_uint ("n-healthy", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpService::endpoint-state-changed:
   * @self: the service
   * @endpoint: the endpoint whose #McpServiceEndpoint:state changed
   *
   * Emitted when an endpoint is ejected, probed or comes back.
   *
   * Since: 0.1
   */
  signals[SIGNAL_ENDPOINT_STATE_CHANGED] =
    g_signal_new ("endpoint-state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MCP_TYPE_SERVICE_ENDPOINT);

  /**
   * McpService::request-done:
   * @self: the service
   * @endpoint: (nullable): the endpoint of the last attempt, %NULL if none
   *   could serve
   * @method: (nullable): the method, %NULL for an acquire
   * @error: (nullable): the error the caller gets, %NULL on success
   *
   * Emitted when a request to the service ends, before its callback runs:
   * tells which endpoint served it.
   *
   * Since: 0.1
   */
  signals[SIGNAL_REQUEST_DONE] =
    g_signal_new ("request-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, MCP_TYPE_SERVICE_ENDPOINT,
                  G_TYPE_STRING, G_TYPE_ERROR);
}

static void
mcp_service_init (McpService *self)
{
  self->endpoints = g_ptr_array_new_with_free_func (g_object_unref);
  self->strategy = MCP_BALANCE_ROUND_ROBIN;
  self->health_check_interval = 10000;
  self->failure_threshold = 3;
  self->ejection_time = 5000;
  self->max_attempts = 3;
  self->retry_delay = 50;
  self->deadline = 10000;
  self->cancellable = g_cancellable_new ();
}

/**
 * mcp_service_new:
 * @name: the service's name: letters, digits, `-`, `_` and `.`
 *
 * Creates a service with no endpoints.
 *
 * Returns: (transfer full): the new service
 *
 * Since: 0.1
 */
McpService *
mcp_service_new (const char *name)
{
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  return g_object_new (MCP_TYPE_SERVICE, "name", name, NULL);
}

/**
 * mcp_service_get_name:
 * @self: a #McpService
 *
 * Gets the service's name.
 *
 * Returns: the name
 *
 * Since: 0.1
 */
const char *
mcp_service_get_name (McpService *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE (self), NULL);

  return self->name;
}

/**
 * mcp_service_get_strategy:
 * @self: a #McpService
 *
 * Gets #McpService:strategy.
 *
 * Returns: the strategy
 *
 * Since: 0.1
 */
McpBalanceStrategy
mcp_service_get_strategy (McpService *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE (self), MCP_BALANCE_ROUND_ROBIN);

  return self->strategy;
}

/**
 * mcp_service_set_strategy:
 * @self: a #McpService
 * @strategy: the strategy
 *
 * Sets #McpService:strategy.
 *
 * Since: 0.1
 */
void
mcp_service_set_strategy (McpService         *self,
                          McpBalanceStrategy  strategy)
{
  g_return_if_fail (MCP_IS_SERVICE (self));

  if (self->strategy == strategy)
    return;
  self->strategy = strategy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRATEGY]);
}

/**
 * mcp_service_add_endpoint_full:
 * @self: a #McpService
 * @url: the endpoint's URL
 * @weight: its weight, at least 1
 * @priority: its priority; lower numbers serve first
 *
 * Adds an endpoint, or updates the weight and priority of the one with
 * this URL. It starts healthy.
 *
 * Returns: (transfer none): the endpoint
 *
 * Since: 0.1
 */
McpServiceEndpoint *
mcp_service_add_endpoint_full (McpService *self,
                               const char *url,
                               guint       weight,
                               guint       priority)
{
  McpServiceEndpoint *endpoint;

  g_return_val_if_fail (MCP_IS_SERVICE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (weight > 0 && weight <= G_MAXUINT16, NULL);

  g_clear_pointer (&self->ring, g_array_unref);

  endpoint = mcp_service_lookup_endpoint (self, url);
  if (endpoint != NULL)
    {
      endpoint->weight = weight;
      endpoint->priority = priority;
      return endpoint;
    }

  endpoint = g_object_new (MCP_TYPE_SERVICE_ENDPOINT, NULL);
  endpoint->service = self;
  endpoint->url = g_strdup (url);
  endpoint->weight = weight;
  endpoint->priority = priority;
  g_ptr_array_add (self->endpoints, endpoint);
  count_healthy (self);

  return endpoint;
}

/**
 * mcp_service_add_endpoint:
 * @self: a #McpService
 * @url: the endpoint's URL
 * @weight: its weight, at least 1
 *
 * Adds an endpoint of priority 0; see mcp_service_add_endpoint_full().
 *
 * Returns: (transfer none): the endpoint
 *
 * Since: 0.1
 */
McpServiceEndpoint *
mcp_service_add_endpoint (McpService *self,
                          const char *url,
                          guint       weight)
{
  return mcp_service_add_endpoint_full (self, url, weight, 0);
}

/**
 * mcp_service_remove_endpoint:
 * @self: a #McpService
 * @url: the endpoint's URL
 *
 * Removes an endpoint. Requests under way there finish.
 *
 * Returns: %TRUE if there was one
 *
 * Since: 0.1
 */
gboolean
mcp_service_remove_endpoint (McpService *self,
                             const char *url)
{
  g_return_val_if_fail (MCP_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  for (guint i = 0; i < self->endpoints->len; i++)
    {
      McpServiceEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);

      if (g_str_equal (endpoint->url, url))
        {
          endpoint->service = NULL;
          if (endpoint->probe_source != NULL)
            {
              g_source_destroy (endpoint->probe_source);
              g_clear_pointer (&endpoint->probe_source, g_source_unref);
            }
          g_ptr_array_remove_index (self->endpoints, i);
          g_clear_pointer (&self->ring, g_array_unref);
          count_healthy (self);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * mcp_service_lookup_endpoint:
 * @self: a #McpService
 * @url: a URL
 *
 * Finds the endpoint with this URL.
 *
 * Returns: (transfer none) (nullable): the endpoint, or %NULL
 *
 * Since: 0.1
 */
McpServiceEndpoint *
mcp_service_lookup_endpoint (McpService *self,
                             const char *url)
{
  g_return_val_if_fail (MCP_IS_SERVICE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  for (guint i = 0; i < self->endpoints->len; i++)
    {
      McpServiceEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);

      if (g_str_equal (endpoint->url, url))
        return endpoint;
    }

  return NULL;
}

/**
 * mcp_service_get_endpoints:
 * @self: a #McpService
 *
 * Gets every endpoint, healthy or not, in the order they were added.
 *
 * Returns: (transfer container) (element-type McpServiceEndpoint): the
 *   endpoints
 *
 * Since: 0.1
 */
GPtrArray *
mcp_service_get_endpoints (McpService *self)
{
  GPtrArray *endpoints;

  g_return_val_if_fail (MCP_IS_SERVICE (self), NULL);

  endpoints = g_ptr_array_new_full (self->endpoints->len, g_object_unref);
  for (guint i = 0; i < self->endpoints->len; i++)
    g_ptr_array_add (endpoints, g_object_ref (g_ptr_array_index (self->endpoints, i)));

  return endpoints;
}

/**
 * mcp_service_get_n_healthy:
 * @self: a #McpService
 *
 * Gets #McpService:n-healthy.
 *
 * Returns: the number of healthy endpoints
 *
 * Since: 0.1
 */
guint
mcp_service_get_n_healthy (McpService *self)
{
  g_return_val_if_fail (MCP_IS_SERVICE (self), 0);

  return self->n_healthy;
}

/**
 * mcp_service_dup_healthy_urls:
 * @self: a #McpService
 *
 * Gets the URLs of the healthy endpoints.
 *
 * Returns: (transfer full): the URLs
 *
 * Since: 0.1
 */
char **
mcp_service_dup_healthy_urls (McpService *self)
{
  GStrvBuilder *builder;
  char **urls;

  g_return_val_if_fail (MCP_IS_SERVICE (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->endpoints->len; i++)
    {
      McpServiceEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);

      if (endpoint->state == MCP_ENDPOINT_STATE_HEALTHY)
        g_strv_builder_add (builder, endpoint->url);
    }
  urls = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return urls;
}

/**
 * mcp_service_to_string:
 * @self: a #McpService
 *
 * Describes the service and each endpoint's health and counters, one line
 * each, for logs and examples.
 *
 * Returns: (transfer full): the text
 *
 * Since: 0.1
 */
char *
mcp_service_to_string (McpService *self)
{
  GString *text;
  g_autoptr(GEnumClass) strategies = NULL;
  g_autoptr(GEnumClass) states = NULL;

  g_return_val_if_fail (MCP_IS_SERVICE (self), NULL);

  strategies = g_type_class_ref (MCP_TYPE_BALANCE_STRATEGY);
  states = g_type_class_ref (MCP_TYPE_ENDPOINT_STATE);
  text = g_string_new (NULL);
  g_string_append_printf (text, "service %s (%s): %u of %u endpoints healthy\n", self->name,
                          g_enum_get_value (strategies, self->strategy)->value_nick,
                          self->n_healthy, self->endpoints->len);

  for (guint i = 0; i < self->endpoints->len; i++)
    {
      McpServiceEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);

      g_string_append_printf (text, "  %s: %s, weight %u, priority %u, %" G_GUINT64_FORMAT
                              " requests, %" G_GUINT64_FORMAT " failures, %" G_GUINT64_FORMAT
                              " ejections, %u in flight\n",
                              endpoint->url, g_enum_get_value (states, endpoint->state)->value_nick,
                              endpoint->weight, endpoint->priority, endpoint->requests,
                              endpoint->failures, endpoint->ejections, endpoint->outstanding);
    }

  return g_string_free (text, FALSE);
}

/* Discovery -------------------------------------------------------------------- */

static gboolean
parse_enum (GType        type,
            const char  *nick,
            gint        *value,
            GError     **error)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value_by_nick (klass, nick);

  if (found == NULL)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "Unknown strategy “%s”", nick);
      return FALSE;
    }

  *value = found->value;
  return TRUE;
}

/**
 * mcp_service_load_from_key_file:
 * @self: a #McpService
 * @key_file: a #GKeyFile
 * @group: the group to read, e.g. `service calc`
 * @error: return location for a #GError
 *
 * Adds the endpoints and settings of one key file group:
 *
 * |[
 * [service calc]
 * endpoints=ws://10.0.0.1:8765/;ws://10.0.0.2:8765/;ws://10.0.0.3:8765/
 * weights=2;1;1
 * priorities=0;0;1
 * strategy=weighted
 * health-check-interval=5000
 * failure-threshold=3
 * ejection-time=10000
 * max-attempts=3
 * ]|
 *
 * Only `endpoints` is required; `weights` and `priorities`, when given,
 * have one number per endpoint. `strategy` is `round-robin`,
 * `least-outstanding`, `weighted` or `consistent-hash`; the other keys set
 * the properties of their names.
 *
 * Returns: %TRUE on success; on error nothing was changed
 *
 * Since: 0.1
 */
gboolean
mcp_service_load_from_key_file (McpService  *self,
                                GKeyFile    *key_file,
                                const char  *group,
                                GError     **error)
{
  static const char * const uint_keys[] = {
    "health-check-interval", "failure-threshold", "ejection-time", "max-attempts",
    "retry-delay", "deadline", NULL
  };
  g_auto(GStrv) urls = NULL;
  g_autofree gint *weights = NULL;
  g_autofree gint *priorities = NULL;
  g_autofree char *strategy = NULL;
  gsize n_urls = 0, n_weights = 0, n_priorities = 0;
  guint values[G_N_ELEMENTS (uint_keys)] = { 0 };
  gboolean has_value[G_N_ELEMENTS (uint_keys)] = { FALSE };
  gint strategy_value = self->strategy;

  g_return_val_if_fail (MCP_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (key_file != NULL, FALSE);
  g_return_val_if_fail (group != NULL, FALSE);

  urls = g_key_file_get_string_list (key_file, group, "endpoints", &n_urls, error);
  if (urls == NULL)
    return FALSE;

  if (g_key_file_has_key (key_file, group, "weights", NULL))
    {
      weights = g_key_file_get_integer_list (key_file, group, "weights", &n_weights, error);
      if (weights == NULL)
        return FALSE;
    }
  if (g_key_file_has_key (key_file, group, "priorities", NULL))
    {
      priorities = g_key_file_get_integer_list (key_file, group, "priorities", &n_priorities, error);
      if (priorities == NULL)
        return FALSE;
    }
  if ((weights != NULL && n_weights != n_urls) || (priorities != NULL && n_priorities != n_urls))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[%s]: weights and priorities need one number per endpoint", group);
      return FALSE;
    }
  for (gsize i = 0; i < n_urls; i++)
    if ((weights != NULL && (weights[i] < 1 || weights[i] > G_MAXUINT16)) ||
        (priorities != NULL && (priorities[i] < 0 || priorities[i] > G_MAXUINT16)))
      {
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                     "[%s]: weights are 1 to 65535, priorities 0 to 65535", group);
        return FALSE;
      }

  strategy = g_key_file_get_string (key_file, group, "strategy", NULL);
  if (strategy != NULL && !parse_enum (MCP_TYPE_BALANCE_STRATEGY, strategy, &strategy_value, error))
    return FALSE;

  for (guint i = 0; uint_keys[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      guint64 value;

      if (!g_key_file_has_key (key_file, group, uint_keys[i], NULL))
        continue;
      value = g_key_file_get_uint64 (key_file, group, uint_keys[i], &local_error);
      /* A zero interval or delay turns them off; the rest need one. */
      if (local_error != NULL || value > G_MAXUINT ||
          (value == 0 && i != 0 && !g_str_equal (uint_keys[i], "retry-delay")))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[%s]: %s must be a positive number", group, uint_keys[i]);
          return FALSE;
        }
      values[i] = (guint) value;
      has_value[i] = TRUE;
    }

  for (gsize i = 0; i < n_urls; i++)
    mcp_service_add_endpoint_full (self, g_strstrip (urls[i]),
                                   weights != NULL ? (guint) weights[i] : 1,
                                   priorities != NULL ? (guint) priorities[i] : 0);
  mcp_service_set_strategy (self, strategy_value);
  for (guint i = 0; uint_keys[i] != NULL; i++)
    if (has_value[i])
      g_object_set (self, uint_keys[i], values[i], NULL);

  return TRUE;
}

typedef struct
{
  char *scheme;
  char *path;
} SrvData;

static void
srv_data_free (SrvData *data)
{
  g_free (data->scheme);
  g_free (data->path);
  g_free (data);
}

static void
srv_lookup_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpService *self = g_task_get_source_object (task);
  SrvData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GList *targets = g_resolver_lookup_service_finish (G_RESOLVER (object), result, &error);
  guint n = 0;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (GList *l = targets; l != NULL; l = l->next)
    {
      GSrvTarget *target = l->data;
      const char *host = g_srv_target_get_hostname (target);
      g_autofree char *url = NULL;
      gboolean ipv6 = strchr (host, ':') != NULL;

      /* "." as the target says the service is decidedly not there. */
      if (g_str_equal (host, ".") || *host == '\0')
        continue;

      url = g_strdup_printf ("%s://%s%s%s:%u%s", data->scheme, ipv6 ? "[" : "", host,
                             ipv6 ? "]" : "", g_srv_target_get_port (target), data->path);
      /* SRV weight 0 means "rarely": the least weight we have. */
      mcp_service_add_endpoint_full (self, url, MAX (g_srv_target_get_weight (target), 1),
                                     g_srv_target_get_priority (target));
      n++;
    }
  g_list_free_full (targets, (GDestroyNotify) g_srv_target_free);

  g_task_return_int (task, n);
}

/**
 * mcp_service_discover_srv_async:
 * @self: a #McpService
 * @domain: the domain whose `_mcp._tcp` SRV records to look up
 * @scheme: (nullable): the URL scheme of the endpoints; `https` if %NULL
 * @path: (nullable): the URL path of the endpoints; `/mcp` if %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the endpoints were added
 * @user_data: the data to pass to @callback
 *
 * Looks up the DNS SRV records `_mcp._tcp.DOMAIN` with the default
 * #GResolver and adds an endpoint `SCHEME://TARGET:PORT/PATH` for each, with
 * the record's priority and weight (a weight of 0 counts as 1). Use
 * %MCP_BALANCE_WEIGHTED to spread requests as the weights say; lower
 * priority numbers are always preferred while any of them is healthy.
 *
 * Since: 0.1
 */
void
mcp_service_discover_srv_async (McpService          *self,
                                const char          *domain,
                                const char          *scheme,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GResolver) resolver = NULL;
  GTask *task;
  SrvData *data;

  g_return_if_fail (MCP_IS_SERVICE (self));
  g_return_if_fail (domain != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_service_discover_srv_async);
  data = g_new0 (SrvData, 1);
  data->scheme = g_strdup (scheme != NULL ? scheme : "https");
  data->path = g_strdup (path != NULL ? path : "/mcp");
  if (data->path[0] != '/')
    {
      g_autofree char *relative = g_steal_pointer (&data->path);

      data->path = g_strconcat ("/", relative, NULL);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) srv_data_free);

  resolver = g_resolver_get_default ();
  g_resolver_lookup_service_async (resolver, "mcp", "tcp", domain, cancellable,
                                   srv_lookup_cb, task);
}

/**
 * mcp_service_discover_srv_finish:
 * @self: a #McpService
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_service_discover_srv_async().
 *
 * Returns: the number of endpoints found (added or updated); 0 with @error
 *   set on failure
 *
 * Since: 0.1
 */
guint
mcp_service_discover_srv_finish (McpService    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  gssize n;

  g_return_val_if_fail (MCP_IS_SERVICE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint) n;
}
