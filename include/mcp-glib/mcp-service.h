/* mcp-service.h
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

#include "mcp-tool.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * McpBalanceStrategy:
 * @MCP_BALANCE_ROUND_ROBIN: each request goes to the next healthy endpoint
 * @MCP_BALANCE_LEAST_OUTSTANDING: each request goes to the healthy endpoint
 *   with the fewest requests in flight (ties broken in turn)
 * @MCP_BALANCE_WEIGHTED: requests are spread in proportion to the endpoints'
 *   weights (smooth weighted round robin: no bursts to one endpoint)
 * @MCP_BALANCE_CONSISTENT_HASH: a request with an affinity key (see
 *   mcp_call_options_set_affinity_key()) goes to the endpoint the key hashes
 *   to on a ring of virtual nodes, so one key keeps its endpoint while that
 *   stays healthy, and only the keys of an endpoint that goes move; a request
 *   without a key is served round robin
 *
 * How an #McpService picks the endpoint that serves a request.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_BALANCE_ROUND_ROBIN,
  MCP_BALANCE_LEAST_OUTSTANDING,
  MCP_BALANCE_WEIGHTED,
  MCP_BALANCE_CONSISTENT_HASH,
} McpBalanceStrategy;

/**
 * McpEndpointState:
 * @MCP_ENDPOINT_STATE_HEALTHY: the endpoint serves requests (its circuit
 *   breaker is closed)
 * @MCP_ENDPOINT_STATE_EJECTED: the endpoint failed
 *   #McpService:failure-threshold times in a row and gets no requests until
 *   #McpService:ejection-time has passed (the breaker is open)
 * @MCP_ENDPOINT_STATE_PROBING: the ejection time is over and a health probe
 *   is deciding whether the endpoint comes back (the breaker is half-open);
 *   it gets no requests meanwhile
 *
 * The health of an #McpServiceEndpoint.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_ENDPOINT_STATE_HEALTHY,
  MCP_ENDPOINT_STATE_EJECTED,
  MCP_ENDPOINT_STATE_PROBING,
} McpEndpointState;

/* Call options ------------------------------------------------------------- */

#define MCP_TYPE_CALL_OPTIONS (mcp_call_options_get_type ())

/**
 * McpCallOptions:
 *
 * What a caller says about one request to a service: the affinity key for
 * %MCP_BALANCE_CONSISTENT_HASH, whether the request is safe to run twice,
 * and the deadline for its retries.
 *
 * Since: 0.1
 */
typedef struct _McpCallOptions McpCallOptions;

MCP_AVAILABLE_IN_0_1
GType           mcp_call_options_get_type          (void) G_GNUC_CONST;
MCP_AVAILABLE_IN_0_1
McpCallOptions *mcp_call_options_new               (void);
MCP_AVAILABLE_IN_0_1
McpCallOptions *mcp_call_options_ref               (McpCallOptions *self);
MCP_AVAILABLE_IN_0_1
void            mcp_call_options_unref             (McpCallOptions *self);
MCP_AVAILABLE_IN_0_1
const char     *mcp_call_options_get_affinity_key  (McpCallOptions *self);
MCP_AVAILABLE_IN_0_1
void            mcp_call_options_set_affinity_key  (McpCallOptions *self,
                                                    const char     *key);
MCP_AVAILABLE_IN_0_1
gboolean        mcp_call_options_get_idempotent    (McpCallOptions *self);
MCP_AVAILABLE_IN_0_1
void            mcp_call_options_set_idempotent    (McpCallOptions *self,
                                                    gboolean        idempotent);
MCP_AVAILABLE_IN_0_1
guint           mcp_call_options_get_deadline      (McpCallOptions *self);
MCP_AVAILABLE_IN_0_1
void            mcp_call_options_set_deadline      (McpCallOptions *self,
                                                    guint           deadline_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpCallOptions, mcp_call_options_unref)

/* Endpoints ---------------------------------------------------------------- */

#define MCP_TYPE_SERVICE_ENDPOINT (mcp_service_endpoint_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpServiceEndpoint, mcp_service_endpoint, MCP, SERVICE_ENDPOINT, GObject)

MCP_AVAILABLE_IN_0_1
const char       *mcp_service_endpoint_get_url                 (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
guint             mcp_service_endpoint_get_weight              (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
guint             mcp_service_endpoint_get_priority            (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
McpEndpointState  mcp_service_endpoint_get_state               (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_service_endpoint_is_healthy              (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
guint             mcp_service_endpoint_get_outstanding         (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
guint64           mcp_service_endpoint_get_requests            (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
guint64           mcp_service_endpoint_get_failures            (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
guint             mcp_service_endpoint_get_consecutive_failures (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
guint64           mcp_service_endpoint_get_ejections           (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
const char       *mcp_service_endpoint_get_server_name         (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
JsonNode         *mcp_service_endpoint_get_capabilities        (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_service_endpoint_has_capability          (McpServiceEndpoint *self,
                                                                const char         *capability);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_service_endpoint_get_tools_known         (McpServiceEndpoint *self);
MCP_AVAILABLE_IN_0_1
McpTool          *mcp_service_endpoint_get_tool                (McpServiceEndpoint *self,
                                                                const char         *name);
MCP_AVAILABLE_IN_0_1
char            **mcp_service_endpoint_dup_tool_names          (McpServiceEndpoint *self);

/* Services ----------------------------------------------------------------- */

/**
 * MCP_SERVICE_URL_PREFIX:
 *
 * What a URL given to #McpConnectionPool starts with when it names a
 * service: `service:NAME` calls the service registered as `NAME`.
 *
 * Since: 0.1
 */
#define MCP_SERVICE_URL_PREFIX "service:"

#define MCP_TYPE_SERVICE (mcp_service_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpService, mcp_service, MCP, SERVICE, GObject)

MCP_AVAILABLE_IN_0_1
McpService         *mcp_service_new                    (const char          *name);
MCP_AVAILABLE_IN_0_1
const char         *mcp_service_get_name               (McpService          *self);
MCP_AVAILABLE_IN_0_1
McpBalanceStrategy  mcp_service_get_strategy           (McpService          *self);
MCP_AVAILABLE_IN_0_1
void                mcp_service_set_strategy           (McpService          *self,
                                                        McpBalanceStrategy   strategy);

MCP_AVAILABLE_IN_0_1
McpServiceEndpoint *mcp_service_add_endpoint           (McpService          *self,
                                                        const char          *url,
                                                        guint                weight);
MCP_AVAILABLE_IN_0_1
McpServiceEndpoint *mcp_service_add_endpoint_full      (McpService          *self,
                                                        const char          *url,
                                                        guint                weight,
                                                        guint                priority);
MCP_AVAILABLE_IN_0_1
gboolean            mcp_service_remove_endpoint        (McpService          *self,
                                                        const char          *url);
MCP_AVAILABLE_IN_0_1
McpServiceEndpoint *mcp_service_lookup_endpoint        (McpService          *self,
                                                        const char          *url);
MCP_AVAILABLE_IN_0_1
GPtrArray          *mcp_service_get_endpoints          (McpService          *self);
MCP_AVAILABLE_IN_0_1
guint               mcp_service_get_n_healthy          (McpService          *self);
MCP_AVAILABLE_IN_0_1
char              **mcp_service_dup_healthy_urls       (McpService          *self);
MCP_AVAILABLE_IN_0_1
GPtrArray          *mcp_service_find_endpoints         (McpService          *self,
                                                        const char          *capability,
                                                        const char          *tool);
MCP_AVAILABLE_IN_0_1
McpServiceEndpoint *mcp_service_pick_endpoint          (McpService          *self,
                                                        const char          *capability,
                                                        const char          *tool,
                                                        const char          *affinity_key);

MCP_AVAILABLE_IN_0_1
gboolean            mcp_service_load_from_key_file     (McpService          *self,
                                                        GKeyFile            *key_file,
                                                        const char          *group,
                                                        GError             **error);
MCP_AVAILABLE_IN_0_1
void                mcp_service_discover_srv_async     (McpService          *self,
                                                        const char          *domain,
                                                        const char          *scheme,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
MCP_AVAILABLE_IN_0_1
guint               mcp_service_discover_srv_finish    (McpService          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
MCP_AVAILABLE_IN_0_1
void                mcp_service_check_async            (McpService          *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
MCP_AVAILABLE_IN_0_1
guint               mcp_service_check_finish           (McpService          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
MCP_AVAILABLE_IN_0_1
char               *mcp_service_to_string              (McpService          *self);

G_END_DECLS
