/* mcp-auth-info.h
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

#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_AUTH_INFO (mcp_auth_info_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpAuthInfo, mcp_auth_info, MCP, AUTH_INFO, GObject)

MCP_AVAILABLE_IN_0_1
McpAuthInfo        *mcp_auth_info_new             (const char         *principal,
                                                   const char * const *permissions);
MCP_AVAILABLE_IN_0_1
const char         *mcp_auth_info_get_principal   (McpAuthInfo        *self);
MCP_AVAILABLE_IN_0_1
const char * const *mcp_auth_info_get_permissions (McpAuthInfo        *self);
MCP_AVAILABLE_IN_0_1
gboolean            mcp_auth_info_has_permission  (McpAuthInfo        *self,
                                                   const char         *permission);
MCP_AVAILABLE_IN_0_1
gint64              mcp_auth_info_get_expires_at  (McpAuthInfo        *self);
MCP_AVAILABLE_IN_0_1
void                mcp_auth_info_set_expires_at  (McpAuthInfo        *self,
                                                   gint64              expires_at);
MCP_AVAILABLE_IN_0_1
JsonNode           *mcp_auth_info_get_claims      (McpAuthInfo        *self);
MCP_AVAILABLE_IN_0_1
void                mcp_auth_info_set_claims      (McpAuthInfo        *self,
                                                   JsonNode           *claims);
MCP_AVAILABLE_IN_0_1
double              mcp_auth_info_get_rate_limit  (McpAuthInfo        *self);
MCP_AVAILABLE_IN_0_1
guint               mcp_auth_info_get_rate_burst  (McpAuthInfo        *self);
MCP_AVAILABLE_IN_0_1
void                mcp_auth_info_set_rate_limit  (McpAuthInfo        *self,
                                                   double              rate,
                                                   guint               burst);
MCP_AVAILABLE_IN_0_1
guint               mcp_auth_info_get_max_sessions (McpAuthInfo       *self);
MCP_AVAILABLE_IN_0_1
void                mcp_auth_info_set_max_sessions (McpAuthInfo       *self,
                                                    guint              max_sessions);
MCP_AVAILABLE_IN_0_1
guint               mcp_auth_info_get_session_idle_timeout (McpAuthInfo *self);
MCP_AVAILABLE_IN_0_1
void                mcp_auth_info_set_session_idle_timeout (McpAuthInfo *self,
                                                            guint        timeout_ms);
MCP_AVAILABLE_IN_0_1
GTlsCertificate    *mcp_auth_info_get_certificate (McpAuthInfo        *self);
MCP_AVAILABLE_IN_0_1
void                mcp_auth_info_set_certificate (McpAuthInfo        *self,
                                                   GTlsCertificate    *certificate);

G_END_DECLS
