/* mcp-middleware.h: what runs around every request an McpServer serves
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * McpMiddlewareFunc:
 * @server: the server
 * @session: the session the request arrived on (its identity:
 *   mcp_server_session_get_auth_info(); its transport:
 *   mcp_server_session_get_transport())
 * @request: the request: its method, params and `_meta`
 * @user_data: the closure data
 *
 * Runs before the server serves @request (on both protocol eras), in the
 * order the middlewares were added. It may:
 *
 * - pass the request on: return %TRUE;
 * - answer it itself, or fail it with an error: complete @request with
 *   mcp_request_return_result() or mcp_request_return_error(), and return
 *   %FALSE;
 * - wrap its completion, to time it, log it or alter the result: connect
 *   to #McpRequest::replying, and return %TRUE.
 *
 * Returns: %TRUE to pass @request on, %FALSE when the middleware answered it
 *
 * Since: 0.1
 */
typedef gboolean (*McpMiddlewareFunc) (McpServer        *server,
                                       McpServerSession *session,
                                       McpRequest       *request,
                                       gpointer          user_data);

/**
 * McpRateLimitScope:
 * @MCP_RATE_LIMIT_SCOPE_GLOBAL: one bucket for every caller
 * @MCP_RATE_LIMIT_SCOPE_PRINCIPAL: one bucket a principal (the
 *   #McpAuthInfo:principal of the caller); callers without an identity
 *   get one per client address (mcp_server_session_get_remote_address()),
 *   and share one where there is no address (stdio)
 * @MCP_RATE_LIMIT_SCOPE_SESSION: one bucket a session; on the 2026-07-28
 *   era, where every request stands alone, that is one a request: limit
 *   those callers by principal
 *
 * Whose requests an #McpRateLimit counts together.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_RATE_LIMIT_SCOPE_GLOBAL,
  MCP_RATE_LIMIT_SCOPE_PRINCIPAL,
  MCP_RATE_LIMIT_SCOPE_SESSION,
} McpRateLimitScope;

#define MCP_TYPE_RATE_LIMIT (mcp_rate_limit_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpRateLimit, mcp_rate_limit, MCP, RATE_LIMIT, GObject)

MCP_AVAILABLE_IN_0_1
McpRateLimit      *mcp_rate_limit_new        (double             rate,
                                              guint              burst,
                                              McpRateLimitScope  scope);
MCP_AVAILABLE_IN_0_1
double             mcp_rate_limit_get_rate   (McpRateLimit      *self);
MCP_AVAILABLE_IN_0_1
guint              mcp_rate_limit_get_burst  (McpRateLimit      *self);
MCP_AVAILABLE_IN_0_1
McpRateLimitScope  mcp_rate_limit_get_scope  (McpRateLimit      *self);
MCP_AVAILABLE_IN_0_1
const char        *mcp_rate_limit_get_method (McpRateLimit      *self);
MCP_AVAILABLE_IN_0_1
void               mcp_rate_limit_set_method (McpRateLimit      *self,
                                              const char        *method);
MCP_AVAILABLE_IN_0_1
const char        *mcp_rate_limit_get_tool   (McpRateLimit      *self);
MCP_AVAILABLE_IN_0_1
void               mcp_rate_limit_set_tool   (McpRateLimit      *self,
                                              const char        *tool);

/**
 * McpCircuitState:
 * @MCP_CIRCUIT_CLOSED: calls go through
 * @MCP_CIRCUIT_OPEN: calls fail at once, until #McpCircuitBreaker:open-timeout
 *   has passed
 * @MCP_CIRCUIT_HALF_OPEN: calls go through on trial: a failure opens the
 *   breaker again, #McpCircuitBreaker:success-threshold successes close it
 *
 * The state of an #McpCircuitBreaker.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_CIRCUIT_CLOSED,
  MCP_CIRCUIT_OPEN,
  MCP_CIRCUIT_HALF_OPEN,
} McpCircuitState;

#define MCP_TYPE_CIRCUIT_BREAKER (mcp_circuit_breaker_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpCircuitBreaker, mcp_circuit_breaker, MCP, CIRCUIT_BREAKER, GObject)

MCP_AVAILABLE_IN_0_1
McpCircuitBreaker *mcp_circuit_breaker_new                   (guint              failure_threshold,
                                                              guint              open_timeout_ms,
                                                              guint              success_threshold);
MCP_AVAILABLE_IN_0_1
McpCircuitState    mcp_circuit_breaker_get_state             (McpCircuitBreaker *self);
MCP_AVAILABLE_IN_0_1
guint              mcp_circuit_breaker_get_failure_threshold (McpCircuitBreaker *self);
MCP_AVAILABLE_IN_0_1
guint              mcp_circuit_breaker_get_open_timeout      (McpCircuitBreaker *self);
MCP_AVAILABLE_IN_0_1
guint              mcp_circuit_breaker_get_success_threshold (McpCircuitBreaker *self);
MCP_AVAILABLE_IN_0_1
void               mcp_circuit_breaker_reset                 (McpCircuitBreaker *self);

G_END_DECLS
