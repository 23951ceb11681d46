/* mcp-circuit-breaker.c: McpCircuitBreaker, a tool's circuit breaker, as
 * a middleware
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-enums.h"
#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-message.h"
#include "mcp-middleware.h"
#include "mcp-request.h"
#include "mcp-server-private.h"
#include "mcp-server.h"

/**
 * McpCircuitBreaker:
 *
 * Stops calling a tool that keeps failing, for a while.
 *
 * ```c
 * g_autoptr(McpCircuitBreaker) breaker = mcp_circuit_breaker_new (5, 30 * 1000, 2);
 *
 * mcp_server_add_circuit_breaker (server, "fetch_weather", breaker);
 * ```
 *
 * While it is closed (#MCP_CIRCUIT_CLOSED), calls go to the tool; each
 * failure (a JSON-RPC error, or a result with `isError`) counts, a success
 * sets the count back to 0. At #McpCircuitBreaker:failure-threshold
 * failures in a row it opens (#MCP_CIRCUIT_OPEN): calls fail at once with
 * the JSON-RPC error -32603, "… is unavailable", whose data holds
 * `retryAfter` in seconds, without reaching the tool. After
 * #McpCircuitBreaker:open-timeout it is half-open (#MCP_CIRCUIT_HALF_OPEN):
 * calls go through on trial, one failure opens it again and
 * #McpCircuitBreaker:success-threshold successes close it. Each change is
 * notified on #McpCircuitBreaker:state.
 */

struct _McpCircuitBreaker
{
  GObject          parent_instance;

  guint            failure_threshold;
  guint            open_timeout;      /* ms */
  guint            success_threshold;

  McpCircuitState  state;
  guint            failures;           /* in a row, while closed */
  guint            successes;          /* while half-open */
  gint64           opened_at;          /* monotonic µs */
};

G_DEFINE_FINAL_TYPE (McpCircuitBreaker, mcp_circuit_breaker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FAILURE_THRESHOLD,
  PROP_OPEN_TIMEOUT,
  PROP_SUCCESS_THRESHOLD,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_circuit_breaker_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  McpCircuitBreaker *self = MCP_CIRCUIT_BREAKER (object);

  switch (prop_id)
    {
    case PROP_FAILURE_THRESHOLD:
      g_value_set_uint (value, self->failure_threshold);
      break;
    case PROP_OPEN_TIMEOUT:
      g_value_set_uint (value, self->open_timeout);
      break;
    case PROP_SUCCESS_THRESHOLD:
      g_value_set_uint (value, self->success_threshold);
      break;
    case PROP_STATE:
      g_value_set_enum (value, mcp_circuit_breaker_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_circuit_breaker_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  McpCircuitBreaker *self = MCP_CIRCUIT_BREAKER (object);

  switch (prop_id)
    {
    case PROP_FAILURE_THRESHOLD:
      self->failure_threshold = g_value_get_uint (value);
      break;
    case PROP_OPEN_TIMEOUT:
      self->open_timeout = g_value_get_uint (value);
      break;
    case PROP_SUCCESS_THRESHOLD:
      self->success_threshold = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_circuit_breaker_class_init (McpCircuitBreakerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mcp_circuit_breaker_get_property;
  object_class->set_property = mcp_circuit_breaker_set_property;

  /**
   * McpCircuitBreaker:failure-threshold:
   *
   * Failures in a row that open the breaker.
   *
   * Since: 0.1
   */
  properties[PROP_FAILURE_THRESHOLD] =
    g_param_spec_uint ("failure-threshold", NULL, NULL, 1, G_MAXUINT, 5, construct);

  /**
   * McpCircuitBreaker:open-timeout:
   *
   * Milliseconds the breaker stays open before calls go through on trial.
   *
   * Since: 0.1
   */
  properties[PROP_OPEN_TIMEOUT] =
    g_param_spec_uint ("open-timeout", NULL, NULL, 0, G_MAXUINT, 30000, construct);

  /**
   * McpCircuitBreaker:success-threshold:
   *
   * Successes on trial that close the breaker again.
   *
   * Since: 0.1
   */
  properties[PROP_SUCCESS_THRESHOLD] =
    g_param_spec_uint ("success-threshold", NULL, NULL, 1, G_MAXUINT, 1, construct);

  /**
   * McpCircuitBreaker:state:
   *
   * Closed, open or half-open; notified when it changes. An open breaker
   * reads half-open once its timeout has passed.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MCP_TYPE_CIRCUIT_STATE, MCP_CIRCUIT_CLOSED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_circuit_breaker_init (McpCircuitBreaker *self)
{
  self->state = MCP_CIRCUIT_CLOSED;
}

/**
 * mcp_circuit_breaker_new:
 * @failure_threshold: failures in a row that open it (at least 1)
 * @open_timeout_ms: how long it stays open
 * @success_threshold: successes on trial that close it (at least 1)
 *
 * Creates a circuit breaker for mcp_server_add_circuit_breaker().
 *
 * Returns: (transfer full): a new, closed #McpCircuitBreaker
 */
McpCircuitBreaker *
mcp_circuit_breaker_new (guint failure_threshold,
                         guint open_timeout_ms,
                         guint success_threshold)
{
  g_return_val_if_fail (failure_threshold >= 1, NULL);
  g_return_val_if_fail (success_threshold >= 1, NULL);

  return g_object_new (MCP_TYPE_CIRCUIT_BREAKER,
                       "failure-threshold", failure_threshold,
                       "open-timeout", open_timeout_ms,
                       "success-threshold", success_threshold,
                       NULL);
}

static void
set_state (McpCircuitBreaker *self,
           McpCircuitState    state)
{
  if (self->state == state)
    return;

  g_debug ("Circuit breaker %p: %s", (gpointer) self,
           state == MCP_CIRCUIT_OPEN ? "open" : state == MCP_CIRCUIT_HALF_OPEN ? "half-open"
                                                                              : "closed");
  self->state = state;
  self->failures = 0;
  self->successes = 0;
  if (state == MCP_CIRCUIT_OPEN)
    self->opened_at = g_get_monotonic_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* An open breaker whose time is up goes half-open. */
static void
check_timeout (McpCircuitBreaker *self)
{
  if (self->state == MCP_CIRCUIT_OPEN &&
      g_get_monotonic_time () - self->opened_at >= (gint64) self->open_timeout * 1000)
    set_state (self, MCP_CIRCUIT_HALF_OPEN);
}

/**
 * mcp_circuit_breaker_get_state:
 * @self: an #McpCircuitBreaker
 *
 * Gets #McpCircuitBreaker:state.
 *
 * Returns: the state
 */
McpCircuitState
mcp_circuit_breaker_get_state (McpCircuitBreaker *self)
{
  g_return_val_if_fail (MCP_IS_CIRCUIT_BREAKER (self), MCP_CIRCUIT_CLOSED);

  check_timeout (self);
  return self->state;
}

/**
 * mcp_circuit_breaker_get_failure_threshold:
 * @self: an #McpCircuitBreaker
 *
 * Gets #McpCircuitBreaker:failure-threshold.
 *
 * Returns: the failures in a row that open it
 */
guint
mcp_circuit_breaker_get_failure_threshold (McpCircuitBreaker *self)
{
  g_return_val_if_fail (MCP_IS_CIRCUIT_BREAKER (self), 0);

  return self->failure_threshold;
}

/**
 * mcp_circuit_breaker_get_open_timeout:
 * @self: an #McpCircuitBreaker
 *
 * Gets #McpCircuitBreaker:open-timeout.
 *
 * Returns: milliseconds
 */
guint
mcp_circuit_breaker_get_open_timeout (McpCircuitBreaker *self)
{
  g_return_val_if_fail (MCP_IS_CIRCUIT_BREAKER (self), 0);

  return self->open_timeout;
}

/**
 * mcp_circuit_breaker_get_success_threshold:
 * @self: an #McpCircuitBreaker
 *
 * Gets #McpCircuitBreaker:success-threshold.
 *
 * Returns: the successes on trial that close it
 */
guint
mcp_circuit_breaker_get_success_threshold (McpCircuitBreaker *self)
{
  g_return_val_if_fail (MCP_IS_CIRCUIT_BREAKER (self), 0);

  return self->success_threshold;
}

/**
 * mcp_circuit_breaker_reset:
 * @self: an #McpCircuitBreaker
 *
 * Closes the breaker, whatever its state, and forgets the failures.
 */
void
mcp_circuit_breaker_reset (McpCircuitBreaker *self)
{
  g_return_if_fail (MCP_IS_CIRCUIT_BREAKER (self));

  set_state (self, MCP_CIRCUIT_CLOSED);
  self->failures = 0;
}

static void
record (McpCircuitBreaker *self,
        gboolean           failed)
{
  check_timeout (self);

  switch (self->state)
    {
    case MCP_CIRCUIT_CLOSED:
      self->failures = failed ? self->failures + 1 : 0;
      if (self->failures >= self->failure_threshold)
        set_state (self, MCP_CIRCUIT_OPEN);
      break;
    case MCP_CIRCUIT_HALF_OPEN:
      if (failed)
        set_state (self, MCP_CIRCUIT_OPEN);
      else if (++self->successes >= self->success_threshold)
        set_state (self, MCP_CIRCUIT_CLOSED);
      break;
    case MCP_CIRCUIT_OPEN:
    default:
      /* A call let through before it opened. */
      break;
    }
}

/* The middleware ----------------------------------------------------------------- */

typedef struct
{
  McpCircuitBreaker *breaker;
  char              *tool;
} Guarded;

static void
guarded_free (Guarded *guarded)
{
  g_object_unref (guarded->breaker);
  g_free (guarded->tool);
  g_free (guarded);
}

/* Failed: an error, or a tool result that says isError. */
static void
on_replying (McpRequest *request,
             JsonNode   *reply,
             gpointer    user_data)
{
  McpCircuitBreaker *breaker = user_data;
  JsonObject *message = JSON_NODE_HOLDS_OBJECT (reply) ? json_node_get_object (reply) : NULL;
  JsonObject *result = message != NULL ? _mcp_json_object_get_object (message, "result") : NULL;
  gboolean failed = message == NULL || json_object_has_member (message, "error");

  if (!failed && result != NULL)
    {
      JsonNode *is_error = json_object_get_member (result, "isError");

      failed = is_error != NULL && _mcp_json_node_is_boolean (is_error) &&
               json_node_get_boolean (is_error);
    }

  /* A call the client cancelled says nothing about the tool. */
  if (mcp_request_is_cancelled (request))
    return;
  record (breaker, failed);
}

static gboolean
circuit_breaker_middleware (McpServer        *server,
                            McpServerSession *session,
                            McpRequest       *request,
                            gpointer          user_data)
{
  Guarded *guarded = user_data;
  McpCircuitBreaker *breaker = guarded->breaker;
  JsonNode *params = mcp_request_get_params (request);
  const char *tool;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) data = NULL;
  JsonObject *object;
  gint64 remaining;
  guint retry_after;

  if (g_strcmp0 (mcp_request_get_method (request), "tools/call") != 0 || params == NULL ||
      !JSON_NODE_HOLDS_OBJECT (params))
    return TRUE;
  tool = _mcp_json_object_get_string (json_node_get_object (params), "name");
  if (g_strcmp0 (tool, guarded->tool) != 0)
    return TRUE;

  if (_mcp_server_get_metrics (server) != NULL)
    _mcp_server_metrics_circuit (_mcp_server_get_metrics (server), guarded->tool, breaker,
                                 mcp_circuit_breaker_get_state (breaker) == MCP_CIRCUIT_OPEN);

  if (mcp_circuit_breaker_get_state (breaker) != MCP_CIRCUIT_OPEN)
    {
      g_signal_connect_object (request, "replying", G_CALLBACK (on_replying), breaker, 0);
      return TRUE;
    }

  remaining = (gint64) breaker->open_timeout * 1000 - (g_get_monotonic_time () - breaker->opened_at);
  retry_after = (guint) MAX ((remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, 1);
  text = g_strdup_printf ("Tool %s is unavailable: it failed %u times in a row; retry after %u s",
                          tool, breaker->failure_threshold, retry_after);
  object = json_object_new ();
  json_object_set_string_member (object, "circuitBreaker", "open");
  json_object_set_int_member (object, "retryAfter", retry_after);
  data = _mcp_json_node_new_object (object);
  mcp_request_return_error (request, MCP_JSONRPC_INTERNAL_ERROR, text, data);
  return FALSE;
}

/**
 * mcp_server_add_circuit_breaker:
 * @self: a #McpServer
 * @tool: the tool's name
 * @breaker: the breaker
 *
 * Puts @breaker in front of the calls of @tool, on the server's middleware
 * chain (see mcp_server_add_middleware()). One breaker may guard several
 * tools together.
 *
 * Returns: the middleware's id, for mcp_server_remove_middleware()
 *
 * Since: 0.1
 */
guint
mcp_server_add_circuit_breaker (McpServer         *self,
                                const char        *tool,
                                McpCircuitBreaker *breaker)
{
  Guarded *guarded;

  g_return_val_if_fail (MCP_IS_SERVER (self), 0);
  g_return_val_if_fail (tool != NULL, 0);
  g_return_val_if_fail (MCP_IS_CIRCUIT_BREAKER (breaker), 0);

  guarded = g_new0 (Guarded, 1);
  guarded->breaker = g_object_ref (breaker);
  guarded->tool = g_strdup (tool);
  return mcp_server_add_middleware (self, circuit_breaker_middleware, guarded,
                                    (GDestroyNotify) guarded_free);
}
