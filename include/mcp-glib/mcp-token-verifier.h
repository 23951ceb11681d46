/* mcp-token-verifier.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_TOKEN_VERIFIER (mcp_token_verifier_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_DERIVABLE_TYPE (McpTokenVerifier, mcp_token_verifier, MCP, TOKEN_VERIFIER, GObject)

/**
 * McpTokenVerifierClass:
 * @parent_class: the parent class
 * @policy_changed: called when a setting that decides whether a token is
 *   good (issuer, audience, required scopes, clock skew) changed, so that
 *   a subclass drops what it concluded under the old rules
 *
 * The class of the bearer token verifiers.
 */
struct _McpTokenVerifierClass
{
  GObjectClass parent_class;

  void (*policy_changed) (McpTokenVerifier *self);

  /*< private >*/
  gpointer padding[8];
};

MCP_AVAILABLE_IN_0_1
const char         *mcp_token_verifier_get_issuer          (McpTokenVerifier   *self);
MCP_AVAILABLE_IN_0_1
void                mcp_token_verifier_set_issuer          (McpTokenVerifier   *self,
                                                            const char         *issuer);
MCP_AVAILABLE_IN_0_1
const char         *mcp_token_verifier_get_audience        (McpTokenVerifier   *self);
MCP_AVAILABLE_IN_0_1
void                mcp_token_verifier_set_audience        (McpTokenVerifier   *self,
                                                            const char         *audience);
MCP_AVAILABLE_IN_0_1
const char * const *mcp_token_verifier_get_required_scopes (McpTokenVerifier   *self);
MCP_AVAILABLE_IN_0_1
void                mcp_token_verifier_set_required_scopes (McpTokenVerifier   *self,
                                                            const char * const *scopes);
MCP_AVAILABLE_IN_0_1
guint               mcp_token_verifier_get_clock_skew      (McpTokenVerifier   *self);
MCP_AVAILABLE_IN_0_1
void                mcp_token_verifier_set_clock_skew      (McpTokenVerifier   *self,
                                                            guint               seconds);
MCP_AVAILABLE_IN_0_1
gsize               mcp_token_verifier_get_max_token_size  (McpTokenVerifier   *self);
MCP_AVAILABLE_IN_0_1
void                mcp_token_verifier_set_max_token_size  (McpTokenVerifier   *self,
                                                            gsize               size);

G_END_DECLS
