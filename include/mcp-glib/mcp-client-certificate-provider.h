/* mcp-client-certificate-provider.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include "mcp-auth-provider.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_CLIENT_CERTIFICATE_PROVIDER (mcp_client_certificate_provider_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpClientCertificateProvider, mcp_client_certificate_provider,
                      MCP, CLIENT_CERTIFICATE_PROVIDER, GObject)

MCP_AVAILABLE_IN_0_1
McpClientCertificateProvider *mcp_client_certificate_provider_new                (void);
MCP_AVAILABLE_IN_0_1
void                          mcp_client_certificate_provider_add_subject        (McpClientCertificateProvider *self,
                                                                                  const char                   *subject,
                                                                                  const char * const           *permissions);
MCP_AVAILABLE_IN_0_1
gboolean                      mcp_client_certificate_provider_remove_subject     (McpClientCertificateProvider *self,
                                                                                  const char                   *subject);
MCP_AVAILABLE_IN_0_1
gboolean                      mcp_client_certificate_provider_get_allow_unlisted (McpClientCertificateProvider *self);
MCP_AVAILABLE_IN_0_1
void                          mcp_client_certificate_provider_set_allow_unlisted (McpClientCertificateProvider *self,
                                                                                  gboolean                      allow_unlisted);

G_END_DECLS
