/* mcp-server-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mcp-protocol.h"
#include "mcp-middleware.h"
#include "mcp-server.h"
#include "mcp-types.h"

#include "mcp-request-state-private.h"

G_BEGIN_DECLS

McpServerSession *_mcp_server_session_new          (McpServer        *server,
                                                    McpTransport     *transport);
void              _mcp_server_session_set_initialized (McpServerSession *self,
                                                       const char       *protocol_version,
                                                       JsonNode         *client_info,
                                                       JsonNode         *client_capabilities);
void              _mcp_server_session_set_advertised (McpServerSession      *self,
                                                      McpServerCapabilities  capabilities);
McpServerCapabilities _mcp_server_session_get_advertised (McpServerSession *self);
void              _mcp_server_session_subscribe    (McpServerSession *self,
                                                    const char       *uri);
void              _mcp_server_session_unsubscribe  (McpServerSession *self,
                                                    const char       *uri);
void              _mcp_server_session_set_logging_level (McpServerSession *self,
                                                         McpLoggingLevel   level);
void              _mcp_server_session_log_related  (McpServerSession *self,
                                                    McpLoggingLevel   level,
                                                    const char       *logger,
                                                    JsonNode         *data,
                                                    JsonNode         *related_request_id);
void              _mcp_server_session_detach       (McpServerSession *self);
/* Whether the session's identity holds the permission @feature (a tool,
 * prompt, resource or template) requires. */
gboolean          _mcp_server_session_permits      (McpServerSession *self,
                                                    GObject          *feature);

/* Requests to the client. Each consumes @task, whose cancellable cancels the
 * request; the matching _finish takes that task back. */
void              _mcp_server_session_create_message (McpServerSession *self,
                                                      JsonNode         *related_request_id,
                                                      JsonNode         *messages,
                                                      const char       *system_prompt,
                                                      guint             max_tokens,
                                                      JsonNode         *options,
                                                      GTask            *task);
JsonNode         *_mcp_server_session_create_message_finish (GTask   *task,
                                                             GError **error);
void              _mcp_server_session_list_roots   (McpServerSession *self,
                                                    JsonNode         *related_request_id,
                                                    GTask            *task);
GPtrArray        *_mcp_server_session_list_roots_finish (GTask   *task,
                                                         GError **error);
void              _mcp_server_session_elicit       (McpServerSession *self,
                                                    JsonNode         *related_request_id,
                                                    const char       *message,
                                                    JsonNode         *requested_schema,
                                                    GTask            *task);
void              _mcp_server_session_elicit_url   (McpServerSession *self,
                                                    JsonNode         *related_request_id,
                                                    const char       *message,
                                                    const char       *url,
                                                    const char       *elicitation_id,
                                                    GTask            *task);
gboolean          _mcp_server_session_elicit_finish (GTask                 *task,
                                                     McpElicitationAction  *action,
                                                     JsonNode             **content,
                                                     GError               **error);
void              _mcp_server_session_ping         (McpServerSession *self,
                                                    JsonNode         *related_request_id,
                                                    GTask            *task);
gboolean          _mcp_server_session_ping_finish  (GTask            *task,
                                                    GError          **error);

/* Which list_changed notifications a session is owed: a change made before
 * the session initialized is no change to it. */
typedef enum
{
  MCP_LIST_CHANGED_TOOLS     = 1 << 0,
  MCP_LIST_CHANGED_RESOURCES = 1 << 1,
  MCP_LIST_CHANGED_PROMPTS   = 1 << 2,
} McpListChanged;

void              _mcp_server_session_add_list_changed  (McpServerSession *self,
                                                         McpListChanged    changes);
McpListChanged    _mcp_server_session_take_list_changed (McpServerSession *self);

/* -32002 with the URI as data, as clients expect for an unknown resource. */
void              _mcp_server_return_resource_not_found (McpRequest *request,
                                                         const char *uri);

/* The server's dispatcher, called by the session for every request. */
void              _mcp_server_dispatch             (McpServer        *self,
                                                    McpServerSession *session,
                                                    McpRequest       *request);
const char * const *_mcp_server_get_methods        (void);
McpRequestStateKey *_mcp_server_get_request_state_key (McpServer *self);
gint64              _mcp_server_get_request_state_lifetime (McpServer *self);
void              _mcp_server_session_closed       (McpServer        *self,
                                                    McpServerSession *session);

/* What the server counts with its metrics on (mcp-server-metrics.c). */
typedef struct _McpServerMetrics McpServerMetrics;

McpServerMetrics *_mcp_server_metrics_new           (void);
McpServerMetrics *_mcp_server_metrics_ref           (McpServerMetrics *self);
void              _mcp_server_metrics_unref         (McpServerMetrics *self);
/* Counts @request when it is answered, under @method_label and, for a
 * tool call, @tool_label (both labels the server chose, never a peer). */
void              _mcp_server_metrics_observe       (McpServerMetrics *self,
                                                     McpRequest       *request,
                                                     const char       *method_label,
                                                     const char       *tool_label);
/* Lookups in a tool's result cache; a breaker's calls (@rejected: refused
 * at once), which also has the breaker's state exported from now on. */
void              _mcp_server_metrics_cache         (McpServerMetrics  *self,
                                                     const char        *tool_label,
                                                     gboolean           hit);
void              _mcp_server_metrics_circuit       (McpServerMetrics  *self,
                                                     const char        *tool_label,
                                                     McpCircuitBreaker *breaker,
                                                     gboolean           rejected);
/* Sessions, and connections of the listeners, of one kind of transport. */
typedef struct
{
  const char *transport;     /* "stdio", "http", "websocket", "custom" */
  guint       sessions;
  guint       connections;
  gboolean    has_connections;  /* a listener counts them */
} McpTransportGauge;

JsonNode         *_mcp_server_metrics_to_json       (McpServerMetrics        *self,
                                                     guint                    n_sessions,
                                                     const McpTransportGauge *gauges,
                                                     guint                    n_gauges);
char             *_mcp_server_metrics_to_prometheus (McpServerMetrics        *self,
                                                     guint                    n_sessions,
                                                     const McpTransportGauge *gauges,
                                                     guint                    n_gauges);
/* The server's metrics, or NULL while they are off. */
McpServerMetrics *_mcp_server_get_metrics           (McpServer               *self);

/* A tool's result cache (mcp-tool-cache.c), at most 256 results. */
typedef struct _McpToolCache McpToolCache;

McpToolCache     *_mcp_tool_cache_new          (guint                ttl_ms,
                                                gboolean             shared);
void              _mcp_tool_cache_free         (McpToolCache        *self);
void              _mcp_tool_cache_set_key_func (McpToolCache        *self,
                                                McpToolCacheKeyFunc  func,
                                                gpointer             user_data,
                                                GDestroyNotify       destroy);
/* The key of a call, or NULL when it is not to be cached. */
char             *_mcp_tool_cache_key          (McpToolCache        *self,
                                                McpServer           *server,
                                                const char          *tool,
                                                JsonNode            *arguments,
                                                McpAuthInfo         *identity);
/* A copy of the result kept for @key and not expired, or NULL. */
JsonNode         *_mcp_tool_cache_lookup       (McpToolCache        *self,
                                                const char          *key);
void              _mcp_tool_cache_store        (McpToolCache        *self,
                                                const char          *key,
                                                JsonNode            *result);
guint             _mcp_tool_cache_get_ttl      (McpToolCache        *self);

G_END_DECLS
