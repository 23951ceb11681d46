/* mcp-session.h
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
 * McpRequestFlags:
 * @MCP_REQUEST_FLAGS_NONE: no flags
 * @MCP_REQUEST_FLAGS_PROGRESS: attach a progress token (`_meta.progressToken`)
 *   so the peer can report progress
 * @MCP_REQUEST_FLAGS_RESET_TIMEOUT_ON_PROGRESS: every progress notification
 *   for the request restarts its timeout; implies %MCP_REQUEST_FLAGS_PROGRESS
 *
 * Options of an outgoing request.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/
{
  MCP_REQUEST_FLAGS_NONE = 0,
  MCP_REQUEST_FLAGS_PROGRESS = 1 << 0,
  MCP_REQUEST_FLAGS_RESET_TIMEOUT_ON_PROGRESS = 1 << 1,
} McpRequestFlags;

/**
 * MCP_SESSION_DEFAULT_REQUEST_TIMEOUT:
 *
 * The default time an outgoing request waits for its reply, in milliseconds.
 *
 * Since: 0.1
 */
#define MCP_SESSION_DEFAULT_REQUEST_TIMEOUT 60000

/**
 * MCP_SESSION_DEFAULT_MAX_REQUESTS_IN_FLIGHT:
 *
 * The default of #McpServer:max-requests-in-flight, which each server
 * session gets as its #McpSession:max-requests-in-flight: how many
 * requests from the client are handled at once.
 *
 * Since: 0.1
 */
#define MCP_SESSION_DEFAULT_MAX_REQUESTS_IN_FLIGHT 64

/**
 * McpProgressCallback:
 * @progress: the progress so far; it grows with every call
 * @total: the total, or a negative number when the peer did not say
 * @message: (nullable): a human-readable message, if any
 * @user_data: the closure data
 *
 * Called for each `notifications/progress` the peer sends about a request
 * made with %MCP_REQUEST_FLAGS_PROGRESS.
 *
 * Since: 0.1
 */
typedef void (*McpProgressCallback) (gdouble     progress,
                                     gdouble     total,
                                     const char *message,
                                     gpointer    user_data);

/**
 * McpRequestHandler:
 * @session: the session the request arrived on
 * @request: the request; complete it now or later with
 *   mcp_request_return_result() or mcp_request_return_error()
 * @user_data: the closure data
 *
 * Handles one incoming request for a method registered with
 * mcp_session_set_request_handler().
 *
 * Since: 0.1
 */
typedef void (*McpRequestHandler) (McpSession *session,
                                   McpRequest *request,
                                   gpointer    user_data);

#define MCP_TYPE_SESSION (mcp_session_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpSession, mcp_session, MCP, SESSION, GObject)

MCP_AVAILABLE_IN_0_1
McpSession   *mcp_session_new                     (McpTransport         *transport);
MCP_AVAILABLE_IN_0_1
McpTransport *mcp_session_get_transport           (McpSession           *self);
MCP_AVAILABLE_IN_0_1
guint         mcp_session_get_request_timeout     (McpSession           *self);
MCP_AVAILABLE_IN_0_1
void          mcp_session_set_request_timeout     (McpSession           *self,
                                                   guint                 timeout_ms);
MCP_AVAILABLE_IN_0_1
guint         mcp_session_get_max_requests_in_flight (McpSession        *self);
MCP_AVAILABLE_IN_0_1
void          mcp_session_set_max_requests_in_flight (McpSession        *self,
                                                      guint              max_requests);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_session_is_closed               (McpSession           *self);
MCP_AVAILABLE_IN_0_1
guint         mcp_session_get_n_pending_requests  (McpSession           *self);
MCP_AVAILABLE_IN_0_1
guint         mcp_session_get_n_incoming_requests (McpSession           *self);
MCP_AVAILABLE_IN_0_1
void          mcp_session_set_request_handler     (McpSession           *self,
                                                   const char           *method,
                                                   McpRequestHandler     handler,
                                                   gpointer              user_data,
                                                   GDestroyNotify        destroy);
MCP_AVAILABLE_IN_0_1
void          mcp_session_send_request_async      (McpSession           *self,
                                                   const char           *method,
                                                   JsonNode             *params,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
MCP_AVAILABLE_IN_0_1
void          mcp_session_send_request_full_async (McpSession           *self,
                                                   const char           *method,
                                                   JsonNode             *params,
                                                   JsonNode             *related_request_id,
                                                   McpRequestFlags       flags,
                                                   gint                  timeout_ms,
                                                   McpProgressCallback   progress_callback,
                                                   gpointer              progress_data,
                                                   GDestroyNotify        progress_destroy,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_session_send_request_finish     (McpSession           *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
MCP_AVAILABLE_IN_0_1
void          mcp_session_send_notification_async (McpSession           *self,
                                                   const char           *method,
                                                   JsonNode             *params,
                                                   JsonNode             *related_request_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_session_send_notification_finish (McpSession          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
MCP_AVAILABLE_IN_0_1
void          mcp_session_notify                  (McpSession           *self,
                                                   const char           *method,
                                                   JsonNode             *params);
MCP_AVAILABLE_IN_0_1
void          mcp_session_close                   (McpSession           *self);

G_END_DECLS
