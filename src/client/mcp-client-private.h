/* mcp-client-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-client.h"
#include "mcp-elicitation-request.h"
#include "mcp-request.h"
#include "mcp-roots-request.h"
#include "mcp-sampling-request.h"

G_BEGIN_DECLS

McpSamplingRequest    *_mcp_sampling_request_new    (McpClient  *client,
                                                     McpRequest *request);
McpElicitationRequest *_mcp_elicitation_request_new (McpClient          *client,
                                                     McpRequest         *request,
                                                     McpElicitationMode  mode);
McpRootsRequest       *_mcp_roots_request_new       (McpClient  *client,
                                                     McpRequest *request);

G_END_DECLS
