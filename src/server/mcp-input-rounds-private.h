/* mcp-input-rounds-private.h: server-to-client requests as input rounds on
 * the 2026-07-28 era
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mcp-request.h"
#include "mcp-request-state-private.h"

G_BEGIN_DECLS

void     _mcp_input_rounds_refuse  (McpRequest         *request,
                                    JsonObject         *required);
void     _mcp_input_rounds_ask     (McpRequest         *request,
                                    McpRequestStateKey *key,
                                    gint64              lifetime,
                                    const char         *principal,
                                    const char         *method,
                                    JsonNode           *params,
                                    GTask              *task);
void     _mcp_input_rounds_set_next_key (McpRequest    *request,
                                         const char    *key);

G_END_DECLS
