/* mcp-protocol.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <glib.h>

#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * MCP_PROTOCOL_VERSION_2024_11_05:
 *
 * The first published MCP revision (HTTP+SSE transport era).
 *
 * Since: 0.1
 */
#define MCP_PROTOCOL_VERSION_2024_11_05 "2024-11-05"

/**
 * MCP_PROTOCOL_VERSION_2025_03_26:
 *
 * The MCP revision that introduced Streamable HTTP.
 *
 * Since: 0.1
 */
#define MCP_PROTOCOL_VERSION_2025_03_26 "2025-03-26"

/**
 * MCP_PROTOCOL_VERSION_2025_06_18:
 *
 * The MCP revision that introduced structured tool output and elicitation.
 *
 * Since: 0.1
 */
#define MCP_PROTOCOL_VERSION_2025_06_18 "2025-06-18"

/**
 * MCP_PROTOCOL_VERSION_2025_11_25:
 *
 * The MCP revision with URL elicitation, tool calling in sampling and icons.
 *
 * Since: 0.1
 */
#define MCP_PROTOCOL_VERSION_2025_11_25 "2025-11-25"

/* A literal rather than the other macro: the GIR scanner does not follow
 * macros, and bindings need the constant. */
/**
 * MCP_PROTOCOL_VERSION_LATEST:
 *
 * The newest protocol version mcp-glib speaks; what a client offers and what
 * a server answers when it does not support the client's version.
 *
 * Since: 0.1
 */
#define MCP_PROTOCOL_VERSION_LATEST "2025-11-25"

/**
 * MCP_JSONRPC_VERSION:
 *
 * The value of the `jsonrpc` member of every message.
 *
 * Since: 0.1
 */
#define MCP_JSONRPC_VERSION "2.0"

/**
 * McpLoggingLevel:
 * @MCP_LOGGING_LEVEL_DEBUG: detailed debugging information
 * @MCP_LOGGING_LEVEL_INFO: general informational messages
 * @MCP_LOGGING_LEVEL_NOTICE: normal but significant events
 * @MCP_LOGGING_LEVEL_WARNING: warning conditions
 * @MCP_LOGGING_LEVEL_ERROR: error conditions
 * @MCP_LOGGING_LEVEL_CRITICAL: critical conditions
 * @MCP_LOGGING_LEVEL_ALERT: action must be taken immediately
 * @MCP_LOGGING_LEVEL_EMERGENCY: the system is unusable
 *
 * The syslog severities of MCP logging (RFC 5424), least severe first, so
 * that levels compare with `<` and `>=`.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_LOGGING_LEVEL_DEBUG,
  MCP_LOGGING_LEVEL_INFO,
  MCP_LOGGING_LEVEL_NOTICE,
  MCP_LOGGING_LEVEL_WARNING,
  MCP_LOGGING_LEVEL_ERROR,
  MCP_LOGGING_LEVEL_CRITICAL,
  MCP_LOGGING_LEVEL_ALERT,
  MCP_LOGGING_LEVEL_EMERGENCY,
} McpLoggingLevel;

MCP_AVAILABLE_IN_ALL
const char * const *mcp_protocol_get_supported_versions (void);
MCP_AVAILABLE_IN_ALL
gboolean            mcp_protocol_version_is_supported   (const char       *version);
MCP_AVAILABLE_IN_ALL
const char         *mcp_protocol_negotiate_version      (const char       *requested);
MCP_AVAILABLE_IN_ALL
gint                mcp_protocol_version_compare        (const char       *a,
                                                         const char       *b);
MCP_AVAILABLE_IN_ALL
const char         *mcp_logging_level_to_string         (McpLoggingLevel   level);
MCP_AVAILABLE_IN_ALL
gboolean            mcp_logging_level_from_string       (const char       *str,
                                                         McpLoggingLevel  *level);

G_END_DECLS
