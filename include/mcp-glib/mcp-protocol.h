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

/**
 * MCP_PROTOCOL_VERSION_2026_07_28:
 *
 * Revision 2026-07-28, the first of the stateless era: no `initialize`, every
 * request carries its version, capabilities and client info in `_meta`
 * (see the "Two protocol eras" guide).
 *
 * Since: 0.1
 */
#define MCP_PROTOCOL_VERSION_2026_07_28 "2026-07-28"

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

/**
 * McpRole:
 * @MCP_ROLE_USER: the user
 * @MCP_ROLE_ASSISTANT: the model
 *
 * Who a message of a prompt or a sampling conversation comes from.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_ROLE_USER,
  MCP_ROLE_ASSISTANT,
} McpRole;

/**
 * McpElicitationAction:
 * @MCP_ELICITATION_ACTION_ACCEPT: the user submitted the form or agreed to
 *   open the URL
 * @MCP_ELICITATION_ACTION_DECLINE: the user explicitly declined
 * @MCP_ELICITATION_ACTION_CANCEL: the user dismissed the request without
 *   choosing
 *
 * The user's answer to an `elicitation/create` request.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_ELICITATION_ACTION_ACCEPT,
  MCP_ELICITATION_ACTION_DECLINE,
  MCP_ELICITATION_ACTION_CANCEL,
} McpElicitationAction;

/**
 * McpElicitationMode:
 * @MCP_ELICITATION_MODE_NONE: no mode
 * @MCP_ELICITATION_MODE_FORM: the client shows a form built from a schema
 *   and returns what the user entered
 * @MCP_ELICITATION_MODE_URL: the client sends the user to a URL; what happens
 *   there stays out of band
 *
 * The kinds of elicitation; as flags, the kinds a client supports.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/
{
  MCP_ELICITATION_MODE_NONE = 0,
  MCP_ELICITATION_MODE_FORM = 1 << 0,
  MCP_ELICITATION_MODE_URL = 1 << 1,
} McpElicitationMode;

/**
 * McpSamplingFeatures:
 * @MCP_SAMPLING_FEATURES_NONE: plain sampling
 * @MCP_SAMPLING_FEATURES_TOOLS: the client lets the model use the tools a
 *   server passes in `tools` and `toolChoice`
 * @MCP_SAMPLING_FEATURES_CONTEXT: the client honours `includeContext`
 *
 * Optional parts of sampling a client supports.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/
{
  MCP_SAMPLING_FEATURES_NONE = 0,
  MCP_SAMPLING_FEATURES_TOOLS = 1 << 0,
  MCP_SAMPLING_FEATURES_CONTEXT = 1 << 1,
} McpSamplingFeatures;

/**
 * McpCompletionRefType:
 * @MCP_COMPLETION_REF_PROMPT: an argument of a prompt (`ref/prompt`)
 * @MCP_COMPLETION_REF_RESOURCE: a variable of a resource template
 *   (`ref/resource`)
 *
 * What a `completion/complete` request completes.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_COMPLETION_REF_PROMPT,
  MCP_COMPLETION_REF_RESOURCE,
} McpCompletionRefType;

/**
 * McpServerCapabilities:
 * @MCP_SERVER_CAPABILITIES_NONE: nothing
 * @MCP_SERVER_CAPABILITIES_TOOLS: `tools`
 * @MCP_SERVER_CAPABILITIES_RESOURCES: `resources` (with subscriptions)
 * @MCP_SERVER_CAPABILITIES_PROMPTS: `prompts`
 * @MCP_SERVER_CAPABILITIES_COMPLETIONS: `completions`
 *
 * The server features that a server advertises in `initialize`.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/
{
  MCP_SERVER_CAPABILITIES_NONE = 0,
  MCP_SERVER_CAPABILITIES_TOOLS = 1 << 0,
  MCP_SERVER_CAPABILITIES_RESOURCES = 1 << 1,
  MCP_SERVER_CAPABILITIES_PROMPTS = 1 << 2,
  MCP_SERVER_CAPABILITIES_COMPLETIONS = 1 << 3,
} McpServerCapabilities;

/**
 * McpCacheScope:
 * @MCP_CACHE_SCOPE_DEFAULT: what the library chooses: `public` for
 *   discovery and the lists, `private` for a resource's contents
 * @MCP_CACHE_SCOPE_PUBLIC: the same for every caller: a shared cache may
 *   keep it
 * @MCP_CACHE_SCOPE_PRIVATE: it may depend on who asks: only the caller's
 *   own cache may keep it
 *
 * Who may keep a cacheable result of the 2026-07-28 era (its `cacheScope`).
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_CACHE_SCOPE_DEFAULT,
  MCP_CACHE_SCOPE_PUBLIC,
  MCP_CACHE_SCOPE_PRIVATE,
} McpCacheScope;

MCP_AVAILABLE_IN_0_1
const char * const *mcp_protocol_get_supported_versions (void);
MCP_AVAILABLE_IN_0_1
gboolean            mcp_protocol_version_is_supported   (const char       *version);
MCP_AVAILABLE_IN_0_1
gboolean            mcp_protocol_version_is_modern      (const char       *version);
MCP_AVAILABLE_IN_0_1
const char         *mcp_protocol_negotiate_version      (const char       *requested);
MCP_AVAILABLE_IN_0_1
gint                mcp_protocol_version_compare        (const char       *a,
                                                         const char       *b);
MCP_AVAILABLE_IN_0_1
const char         *mcp_logging_level_to_string         (McpLoggingLevel   level);
MCP_AVAILABLE_IN_0_1
gboolean            mcp_logging_level_from_string       (const char       *str,
                                                         McpLoggingLevel  *level);

MCP_AVAILABLE_IN_0_1
const char         *mcp_role_to_string                  (McpRole           role);
MCP_AVAILABLE_IN_0_1
gboolean            mcp_role_from_string                (const char       *str,
                                                         McpRole          *role);
MCP_AVAILABLE_IN_0_1
const char         *mcp_elicitation_action_to_string    (McpElicitationAction  action);
MCP_AVAILABLE_IN_0_1
gboolean            mcp_elicitation_action_from_string  (const char       *str,
                                                         McpElicitationAction *action);

G_END_DECLS
