/* mcp-protocol.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-protocol.h"
#include "mcp-envelope-private.h"

/* Newest first: negotiation falls back to the first entry. */
static const char * const supported_versions[] = {
  MCP_PROTOCOL_VERSION_2025_11_25,
  MCP_PROTOCOL_VERSION_2025_06_18,
  MCP_PROTOCOL_VERSION_2025_03_26,
  MCP_PROTOCOL_VERSION_2024_11_05,
  NULL
};

static const char * const level_names[] = {
  "debug", "info", "notice", "warning", "error", "critical", "alert", "emergency",
};

/**
 * mcp_protocol_get_supported_versions:
 *
 * Gets the protocol versions mcp-glib speaks, newest first.
 *
 * Returns: (transfer none) (array zero-terminated=1): the versions
 *
 * Since: 0.1
 */
const char * const *
mcp_protocol_get_supported_versions (void)
{
  return supported_versions;
}

/**
 * mcp_protocol_version_is_supported:
 * @version: (nullable): a protocol version string
 *
 * Checks whether mcp-glib speaks @version.
 *
 * Returns: whether mcp-glib speaks @version
 *
 * Since: 0.1
 */
gboolean
mcp_protocol_version_is_supported (const char *version)
{
  if (version == NULL)
    return FALSE;

  for (guint i = 0; supported_versions[i] != NULL; i++)
    {
      if (strcmp (supported_versions[i], version) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * mcp_protocol_negotiate_version:
 * @requested: (nullable): the version a client asked for
 *
 * Chooses the version a server answers an `initialize` with: @requested when
 * it is supported, otherwise the latest supported version (the client then
 * decides whether it can live with that).
 *
 * Returns: (transfer none): a supported protocol version
 *
 * Since: 0.1
 */
const char *
mcp_protocol_negotiate_version (const char *requested)
{
  for (guint i = 0; requested != NULL && supported_versions[i] != NULL; i++)
    {
      if (strcmp (supported_versions[i], requested) == 0)
        return supported_versions[i];
    }

  return MCP_PROTOCOL_VERSION_LATEST;
}

/**
 * mcp_protocol_version_is_modern:
 * @version: (nullable): a protocol version, such as what
 *   mcp_client_get_protocol_version() returns
 *
 * Whether @version belongs to the stateless era that revision 2026-07-28
 * began, as opposed to the handshake era of `initialize` and sessions. An
 * application uses it to learn what a connection it did not pin can do: on
 * the modern era log messages come only at the level the client asked for,
 * change notifications only through mcp_client_listen_async(), and the
 * server keeps no session.
 *
 * Returns: %TRUE for a modern version that mcp-glib speaks
 *
 * Since: 0.1
 */
gboolean
mcp_protocol_version_is_modern (const char *version)
{
  return _mcp_envelope_version_is_modern (version);
}

/**
 * mcp_protocol_version_compare:
 * @a: a protocol version (`YYYY-MM-DD`)
 * @b: another protocol version
 *
 * Orders two protocol versions by date.
 *
 * Returns: negative if @a is older than @b, 0 if equal, positive if newer
 *
 * Since: 0.1
 */
gint
mcp_protocol_version_compare (const char *a,
                              const char *b)
{
  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  /* Dates in ISO form compare correctly as strings. */
  return strcmp (a, b);
}

static gboolean
name_lookup (const char * const *names,
             guint               n_names,
             const char         *str,
             guint              *index)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (strcmp (names[i], str) == 0)
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * mcp_logging_level_to_string:
 * @level: an #McpLoggingLevel
 *
 * Gets the wire name of @level, such as `"warning"`.
 *
 * Returns: (transfer none): the wire name of @level, such as `"warning"`
 *
 * Since: 0.1
 */
const char *
mcp_logging_level_to_string (McpLoggingLevel level)
{
  g_return_val_if_fail (level <= MCP_LOGGING_LEVEL_EMERGENCY, "debug");

  return level_names[level];
}

/**
 * mcp_logging_level_from_string:
 * @str: a wire level name such as `"info"`
 * @level: (out): where to store the level
 *
 * Parses a logging level name.
 *
 * Returns: %TRUE if @str names a level
 *
 * Since: 0.1
 */
gboolean
mcp_logging_level_from_string (const char      *str,
                               McpLoggingLevel *level)
{
  guint index;

  g_return_val_if_fail (level != NULL, FALSE);

  if (!name_lookup (level_names, G_N_ELEMENTS (level_names), str, &index))
    return FALSE;

  *level = (McpLoggingLevel) index;
  return TRUE;
}

static const char * const role_names[] = { "user", "assistant" };
static const char * const action_names[] = { "accept", "decline", "cancel" };

/**
 * mcp_role_to_string:
 * @role: an #McpRole
 *
 * Gets the wire name of @role, `"user"` or `"assistant"`.
 *
 * Returns: (transfer none): the wire name of @role, `"user"` or `"assistant"`
 *
 * Since: 0.1
 */
const char *
mcp_role_to_string (McpRole role)
{
  g_return_val_if_fail (role <= MCP_ROLE_ASSISTANT, "user");

  return role_names[role];
}

/**
 * mcp_role_from_string:
 * @str: (nullable): a wire role name
 * @role: (out): where to store the role
 *
 * Parses a role name.
 *
 * Returns: %TRUE if @str names a role
 *
 * Since: 0.1
 */
gboolean
mcp_role_from_string (const char *str,
                      McpRole    *role)
{
  guint index;

  g_return_val_if_fail (role != NULL, FALSE);

  if (!name_lookup (role_names, G_N_ELEMENTS (role_names), str, &index))
    return FALSE;

  *role = (McpRole) index;
  return TRUE;
}

/**
 * mcp_elicitation_action_to_string:
 * @action: an #McpElicitationAction
 *
 * Gets the wire name of @action, such as `"accept"`.
 *
 * Returns: (transfer none): the wire name of @action, such as `"accept"`
 *
 * Since: 0.1
 */
const char *
mcp_elicitation_action_to_string (McpElicitationAction action)
{
  g_return_val_if_fail (action <= MCP_ELICITATION_ACTION_CANCEL, "cancel");

  return action_names[action];
}

/**
 * mcp_elicitation_action_from_string:
 * @str: (nullable): a wire action name
 * @action: (out): where to store the action
 *
 * Parses an elicitation action name.
 *
 * Returns: %TRUE if @str names an action
 *
 * Since: 0.1
 */
gboolean
mcp_elicitation_action_from_string (const char           *str,
                                    McpElicitationAction *action)
{
  guint index;

  g_return_val_if_fail (action != NULL, FALSE);

  if (!name_lookup (action_names, G_N_ELEMENTS (action_names), str, &index))
    return FALSE;

  *action = (McpElicitationAction) index;
  return TRUE;
}
