/* mcp-admission-private.h: the one admission policy of the HTTP and
 * WebSocket server transports (Host, Origin, bearer token)
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "mcp-auth-provider.h"

G_BEGIN_DECLS

typedef enum {
  MCP_ADMISSION_OK,
  MCP_ADMISSION_FORBIDDEN_HOST,    /* 403: DNS rebinding */
  MCP_ADMISSION_FORBIDDEN_ORIGIN,  /* 403: a web page we do not trust */
  MCP_ADMISSION_NO_TOKEN,          /* 401: no bearer token */
  MCP_ADMISSION_BAD_TOKEN,         /* 401: the wrong bearer token */
} McpAdmission;

/* What a transport lets in. The strings belong to the transport. */
typedef struct
{
  gboolean            loopback;        /* the connection came in on loopback */
  const char * const *allowed_hosts;   /* NULL: loopback names when loopback */
  const char * const *allowed_origins; /* added to the loopback origins; "*" */
  const char         *auth_token;      /* NULL: no token needed */
  McpAuthProvider    *auth_provider;   /* NULL: auth_token, if set */
  gboolean            client_certificate_required;  /* tls-client-auth REQUIRED */
} McpAdmissionPolicy;

/* Splits "host[:port]" or "[v6][:port]"; returns the host, unbracketed. */
char        *_mcp_admission_host_without_port (const char               *host_header);
/* The host of an Origin such as "http://127.0.0.1:8080", or NULL. */
char        *_mcp_admission_origin_host       (const char               *origin);

gboolean     _mcp_admission_host_allowed      (const McpAdmissionPolicy *policy,
                                               const char               *host_header);
gboolean     _mcp_admission_origin_allowed    (const McpAdmissionPolicy *policy,
                                               const char               *origin);
/* The token of "Bearer <token>" (scheme in any case), or NULL. */
const char  *_mcp_admission_bearer_token      (const char               *authorization);
/* The static token alone, synchronously, as McpBearerTokenProvider checks
 * it for the transports. */
McpAdmission _mcp_admission_check_token       (const McpAdmissionPolicy *policy,
                                               const char               *authorization);

/* Host, then Origin: the checks that protect a local server from web pages. */
McpAdmission _mcp_admission_check_browser     (const McpAdmissionPolicy *policy,
                                               SoupMessageHeaders       *request_headers);
/* Called once @msg is admitted, with its identity (NULL when the policy
 * asks for none), also kept on @msg for _mcp_admission_bind(). */
typedef void (*McpAdmitted) (GObject           *owner,
                             SoupServerMessage *msg,
                             McpAuthInfo       *info,
                             gpointer           user_data);

/* Asks the policy's provider who sent @msg, pausing @msg meanwhile; then
 * either answers @msg (401, 403 or 429, with WWW-Authenticate and
 * Retry-After) or calls @admitted. Without a provider or token it calls
 * @admitted at once. @endpoint is the MCP endpoint's path, for the
 * protected resource metadata's URL; @owner is kept alive until then. */
void         _mcp_admission_authenticate      (const McpAdmissionPolicy *policy,
                                               SoupServerMessage        *msg,
                                               const char               *endpoint,
                                               GObject                  *owner,
                                               McpAdmitted               admitted,
                                               gpointer                  user_data,
                                               GDestroyNotify            destroy);
/* Answers GET /.well-known/oauth-protected-resource[@endpoint] (RFC 9728)
 * when the policy's provider publishes metadata; returns whether @path
 * was that. */
gboolean     _mcp_admission_serve_resource_metadata (const McpAdmissionPolicy *policy,
                                                     SoupServerMessage        *msg,
                                                     const char               *path,
                                                     const char               *endpoint);
/* Binds @peer (a session) to the identity @msg was admitted with. */
void         _mcp_admission_bind              (SoupServerMessage        *msg,
                                               GObject                  *peer,
                                               gboolean                  per_request);
/* Whether @msg was admitted as the principal that opened @peer. */
gboolean     _mcp_admission_same_principal    (SoupServerMessage        *msg,
                                               GObject                  *peer);
/* The identity @msg was admitted with, or NULL. */
McpAuthInfo *_mcp_admission_get_identity      (SoupServerMessage        *msg);
/* Whether the principal @msg was admitted as may open one more session
 * beside @peers (the transport's open ones: objects _mcp_admission_bind()
 * gave identities): fewer than its McpAuthInfo:max-sessions, or else
 * @default_cap (0: no cap). When not, answers @msg 429 and returns FALSE. */
gboolean     _mcp_admission_admit_principal_session (SoupServerMessage *msg,
                                                     GList             *peers,
                                                     guint              default_cap);

/* Whether @msg came in on a loopback address (or one we cannot tell). */
gboolean     _mcp_admission_message_is_loopback (SoupServerMessage      *msg);

G_END_DECLS
