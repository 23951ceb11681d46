/* mcp-health.c: /health and /ready on the listeners of both server
 * transports
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-listener-private.h"

/*
 * What an orchestrator probes (a container healthcheck, a load balancer, a
 * Kubernetes probe), answered before any credentials are asked for: they
 * say nothing but that the process serves.
 *
 * - `/health`: 200 `{"status":"ok"}` while the transport runs.
 * - `/ready`: 200 `{"status":"ready"}` while it takes new sessions, 503
 *   `{"status":"draining"}` once mcp_server_shutdown_async() began.
 *
 * GET and HEAD only; another method gets 405.
 */

gboolean
_mcp_listener_serve_health (SoupServerMessage *msg,
                            const char        *path,
                            gboolean           draining)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  gboolean health = g_strcmp0 (path, MCP_LISTENER_HEALTH_PATH) == 0;
  gboolean ready = g_strcmp0 (path, MCP_LISTENER_READY_PATH) == 0;
  const char *body;
  guint status;

  if (!health && !ready)
    return FALSE;

  soup_message_headers_replace (response, "Cache-Control", "no-store");
  if (g_strcmp0 (method, SOUP_METHOD_GET) != 0 && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
    {
      soup_message_headers_replace (response, "Allow", "GET, HEAD");
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return TRUE;
    }

  if (health)
    {
      status = SOUP_STATUS_OK;
      body = "{\"status\":\"ok\"}";
    }
  else if (draining)
    {
      status = SOUP_STATUS_SERVICE_UNAVAILABLE;
      body = "{\"status\":\"draining\"}";
    }
  else
    {
      status = SOUP_STATUS_OK;
      body = "{\"status\":\"ready\"}";
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
  return TRUE;
}
