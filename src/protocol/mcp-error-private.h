/* mcp-error-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-error.h"

G_BEGIN_DECLS

/* Marks an MCP_ERROR error as one whose request never reached a server,
 * for mcp_error_is_retryable(). */
void _mcp_error_set_not_delivered (GError *error);

G_END_DECLS
