/* mcp-token-policy.c: what a bearer token's claims must hold, and the
 * identity they make; McpTokenVerifier owns one, with the properties that
 * set it, for the JWT and the introspection providers.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"

#include "mcp-auth-private.h"
#include "mcp-json-node-private.h"
#include "mcp-str-private.h"

gboolean
_mcp_token_policy_check_length (const McpTokenPolicy  *policy,
                                const char            *token,
                                GError               **error)
{
  if (strnlen (token, policy->max_token_size + 1) <= policy->max_token_size)
    return TRUE;

  g_set_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
               "The token is longer than the limit of %" G_GSIZE_FORMAT " bytes",
               policy->max_token_size);
  return FALSE;
}

JsonNode *
_mcp_token_policy_resource_metadata (const McpTokenPolicy *policy,
                                     const char           *resource)
{
  const char *servers[] = { policy->issuer, NULL };

  if (policy->issuer == NULL)
    return NULL;

  return _mcp_auth_resource_metadata_new (resource, servers,
                                          (const char * const *) policy->required_scopes);
}

static gboolean
number_claim (JsonObject  *claims,
              const char  *name,
              gboolean     required,
              gint64      *value,
              GError     **error)
{
  JsonNode *node = json_object_get_member (claims, name);

  if (node == NULL && !required)
    return TRUE;

  if (node == NULL || !_mcp_json_node_is_number (node))
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                   node == NULL ? "The token has no %s claim" : "The token's %s claim is not a number",
                   name);
      return FALSE;
    }

  *value = (gint64) _mcp_json_node_get_number (node);
  return TRUE;
}

static gboolean
audience_matches (JsonNode   *aud,
                  const char *audience)
{
  if (aud != NULL && _mcp_json_node_is_string (aud))
    return strcmp (json_node_get_string (aud), audience) == 0;

  if (aud != NULL && JSON_NODE_HOLDS_ARRAY (aud))
    {
      JsonArray *array = json_node_get_array (aud);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (_mcp_json_node_is_string (element) &&
              strcmp (json_node_get_string (element), audience) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static GStrv
permissions_of (JsonObject *claims)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *scope = _mcp_json_object_get_string (claims, "scope");
  JsonArray *permissions = _mcp_json_object_get_array (claims, "permissions");

  if (scope != NULL)
    {
      g_auto(GStrv) words = g_strsplit (scope, " ", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_strv_builder_add (builder, words[i]);
    }

  for (guint i = 0; permissions != NULL && i < json_array_get_length (permissions); i++)
    {
      JsonNode *element = json_array_get_element (permissions, i);

      if (_mcp_json_node_is_string (element))
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

McpAuthInfo *
_mcp_token_policy_check (const McpTokenPolicy  *policy,
                         JsonObject            *claims,
                         gint64                 now,
                         GError               **error)
{
  g_auto(GStrv) permissions = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *principal = NULL;
  const char *iss;
  McpAuthInfo *info;
  gint64 exp = 0;
  gint64 nbf = 0;

  if (!number_claim (claims, "exp", policy->exp_required, &exp, error) ||
      !number_claim (claims, "nbf", FALSE, &nbf, error))
    return NULL;

  if (json_object_has_member (claims, "exp") && now > exp + (gint64) policy->clock_skew)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "The token has expired");
      return NULL;
    }
  if (nbf != 0 && now + (gint64) policy->clock_skew < nbf)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The token is not valid yet (nbf)");
      return NULL;
    }

  iss = _mcp_json_object_get_string (claims, "iss");
  if (policy->issuer != NULL && g_strcmp0 (iss, policy->issuer) != 0)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The token was not issued by this server's authorization server (iss)");
      return NULL;
    }

  if (policy->audience != NULL &&
      !audience_matches (json_object_get_member (claims, "aud"), policy->audience))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The token was not issued for this server (aud)");
      return NULL;
    }

  for (guint i = 0; principal == NULL && policy->principal_claims[i] != NULL; i++)
    {
      principal = _mcp_json_object_get_string (claims, policy->principal_claims[i]);
      if (principal != NULL && *principal == '\0')
        principal = NULL;
    }
  if (principal == NULL)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "The token has no %s claim",
                   policy->principal_claims[0]);
      return NULL;
    }

  permissions = permissions_of (claims);
  for (guint i = 0; policy->required_scopes != NULL && policy->required_scopes[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) permissions, policy->required_scopes[i]))
        {
          g_set_error (error, MCP_ERROR, MCP_ERROR_FORBIDDEN,
                       "The token does not have the scope %s, which this server requires",
                       policy->required_scopes[i]);
          return NULL;
        }
    }

  info = mcp_auth_info_new (principal, (const char * const *) permissions);
  mcp_auth_info_set_expires_at (info, MAX (exp, 0));
  node = _mcp_json_node_new_object (json_object_ref (claims));
  mcp_auth_info_set_claims (info, node);

  return info;
}
