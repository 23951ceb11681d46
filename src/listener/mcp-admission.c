/* mcp-admission.c: the one admission policy of the HTTP and WebSocket
 * server transports
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-address-private.h"
#include "mcp-admission-private.h"
#include "mcp-random-private.h"

/*
 * Both server transports ask the same questions before they serve a
 * request or a WebSocket handshake, in this order:
 *
 * 1. Host (DNS rebinding). A server listening on loopback is only ever
 *    reached by loopback names (`localhost`, `*.localhost`, 127.0.0.0/8,
 *    `::1`), unless an allowed-hosts list says which names are fine; then
 *    only those. A server on another address takes any Host, unless the
 *    list is set.
 * 2. Origin. No Origin means no browser, and is let in. Otherwise the
 *    origin's host must be a loopback one, or the whole origin must be in
 *    allowed-origins (compared without regard to case), or the list must
 *    hold `*`.
 * 3. The bearer token, when one is set: `Authorization: Bearer <token>`,
 *    the scheme in any case, compared in time that does not depend on
 *    where the tokens differ.
 *
 * Loopback is decided on the parsed address (_mcp_host_is_loopback()),
 * never on a prefix of the text: `127.0.0.1.evil.example` and
 * `localhost.evil.example` are names like any other.
 */

char *
_mcp_admission_host_without_port (const char *host_header)
{
  const char *colon;

  if (host_header == NULL)
    return NULL;

  if (host_header[0] == '[')
    {
      const char *end = strchr (host_header, ']');

      if (end == NULL || (end[1] != '\0' && end[1] != ':'))
        return NULL;
      return g_strndup (host_header + 1, end - host_header - 1);
    }

  colon = strrchr (host_header, ':');
  if (colon != NULL && strchr (host_header, ':') != colon)
    return g_strdup (host_header);  /* a bare IPv6 address */
  if (colon != NULL)
    return g_strndup (host_header, colon - host_header);

  return g_strdup (host_header);
}

char *
_mcp_admission_origin_host (const char *origin)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (origin == NULL)
    return NULL;

  uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return NULL;

  if (host[0] == '[')
    return g_strndup (host + 1, strlen (host) - 2);

  return g_strdup (host);
}

static gboolean
list_contains (const char * const *list,
               const char         *value)
{
  if (list == NULL || value == NULL)
    return FALSE;

  for (guint i = 0; list[i] != NULL; i++)
    {
      if (strcmp (list[i], "*") == 0 || g_ascii_strcasecmp (list[i], value) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
_mcp_admission_host_allowed (const McpAdmissionPolicy *policy,
                             const char               *host_header)
{
  g_autofree char *host = _mcp_admission_host_without_port (host_header);
  g_autofree char *normal = _mcp_host_normalize (host);

  /* A listed host is allowed with or without its port, and `name.` is
   * `name`. */
  if (policy->allowed_hosts != NULL)
    return list_contains (policy->allowed_hosts, host_header) ||
           list_contains (policy->allowed_hosts, host) ||
           list_contains (policy->allowed_hosts, normal);

  /* Anything but a loopback name on a loopback listener is a web page
   * that had its own name resolve to 127.0.0.1. */
  if (!policy->loopback)
    return TRUE;

  return _mcp_host_is_loopback (host);
}

gboolean
_mcp_admission_origin_allowed (const McpAdmissionPolicy *policy,
                               const char               *origin)
{
  g_autofree char *host = NULL;

  if (origin == NULL)
    return TRUE;  /* not a browser */

  if (list_contains (policy->allowed_origins, origin))
    return TRUE;

  host = _mcp_admission_origin_host (origin);
  return _mcp_host_is_loopback (host);
}

const char *
_mcp_admission_bearer_token (const char *authorization)
{
  const char *token;

  if (authorization == NULL)
    return NULL;

  while (*authorization == ' ' || *authorization == '\t')
    authorization++;

  if (g_ascii_strncasecmp (authorization, "Bearer", 6) != 0 ||
      (authorization[6] != ' ' && authorization[6] != '\t'))
    return NULL;

  token = authorization + 6;
  while (*token == ' ' || *token == '\t')
    token++;

  return *token != '\0' ? token : NULL;
}

McpAdmission
_mcp_admission_check_token (const McpAdmissionPolicy *policy,
                            const char               *authorization)
{
  const char *token;

  if (policy->auth_token == NULL)
    return MCP_ADMISSION_OK;

  token = _mcp_admission_bearer_token (authorization);
  if (token == NULL)
    return MCP_ADMISSION_NO_TOKEN;

  return _mcp_constant_time_equal (token, policy->auth_token) ? MCP_ADMISSION_OK
                                                                : MCP_ADMISSION_BAD_TOKEN;
}

McpAdmission
_mcp_admission_check_browser (const McpAdmissionPolicy *policy,
                              SoupMessageHeaders       *request_headers)
{
  if (!_mcp_admission_host_allowed (policy, soup_message_headers_get_one (request_headers, "Host")))
    return MCP_ADMISSION_FORBIDDEN_HOST;

  if (!_mcp_admission_origin_allowed (policy, soup_message_headers_get_one (request_headers,
                                                                            "Origin")))
    return MCP_ADMISSION_FORBIDDEN_ORIGIN;

  return MCP_ADMISSION_OK;
}

void
_mcp_admission_challenge (McpAdmission        result,
                          SoupMessageHeaders *response_headers)
{
  if (result == MCP_ADMISSION_NO_TOKEN)
    soup_message_headers_replace (response_headers, "WWW-Authenticate", "Bearer realm=\"mcp\"");
  else if (result == MCP_ADMISSION_BAD_TOKEN)
    soup_message_headers_replace (response_headers, "WWW-Authenticate",
                                  "Bearer realm=\"mcp\", error=\"invalid_token\"");
}

gboolean
_mcp_admission_message_is_loopback (SoupServerMessage *msg)
{
  GSocketAddress *local = soup_server_message_get_local_address (msg);

  return local == NULL || _mcp_socket_address_is_loopback (local);
}
