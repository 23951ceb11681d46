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
#include "mcp-auth-private.h"
#include "mcp-bearer-token-provider.h"
#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-listener-private.h"
#include "mcp-message.h"
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
 * 3. Who is calling: the auth provider, when one is set, or else the
 *    static bearer token (an McpBearerTokenProvider: `Authorization:
 *    Bearer <token>`, the scheme in any case, compared in time that does
 *    not depend on where the tokens differ). A refusal is a 401 with a
 *    `WWW-Authenticate: Bearer` challenge that points to the protected
 *    resource metadata when the provider publishes it (RFC 9728), or a 403
 *    with `error="insufficient_scope"`; an identity over its rate limit
 *    gets a 429 with `Retry-After`. The identity is kept on the message,
 *    bound to a session the message opens, and checked against the
 *    session's on every later message of that session. On a TLS listener
 *    that asks for client certificates, the provider also gets the
 *    certificate the handshake verified (mcp_auth_provider_authenticate_peer_async());
 *    where one is required and there is none, the request is refused with
 *    403 whatever the provider would say (the handshake should have
 *    failed already).
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
  return _mcp_auth_bearer_token (authorization);
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

gboolean
_mcp_admission_message_is_loopback (SoupServerMessage *msg)
{
  GSocketAddress *local = soup_server_message_get_local_address (msg);

  return local == NULL || _mcp_socket_address_is_loopback (local);
}

/* Auth providers -------------------------------------------------------------- */

#define AUTH_INFO_KEY "mcp-admission-auth-info"

typedef struct
{
  SoupServerMessage *msg;
  GObject           *owner;
  McpAuthProvider   *provider;
  char              *endpoint;
  McpAdmitted        admitted;
  gpointer           user_data;
  GDestroyNotify     destroy;
} Authentication;

static void
authentication_free (Authentication *auth)
{
  if (auth->destroy != NULL)
    auth->destroy (auth->user_data);
  g_object_unref (auth->msg);
  g_object_unref (auth->owner);
  g_object_unref (auth->provider);
  g_free (auth->endpoint);
  g_free (auth);
}

static char *
origin_of (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);
  gboolean default_port = port == -1 ||
                          (g_strcmp0 (scheme, "http") == 0 && port == 80) ||
                          (g_strcmp0 (scheme, "https") == 0 && port == 443);
  gboolean v6 = host != NULL && strchr (host, ':') != NULL;

  if (default_port)
    return g_strdup_printf ("%s://%s%s%s", scheme, v6 ? "[" : "", host, v6 ? "]" : "");
  return g_strdup_printf ("%s://%s%s%s:%d", scheme, v6 ? "[" : "", host, v6 ? "]" : "", port);
}

/* The resource's URL, and where its metadata is: RFC 9728 §3.1 puts the
 * well-known segment between the host and the resource's path. */
static char *
resource_url (SoupServerMessage *msg,
              const char        *endpoint,
              gboolean           metadata)
{
  g_autofree char *origin = origin_of (msg);

  if (g_strcmp0 (endpoint, "/") == 0)
    endpoint = "";

  return g_strconcat (origin, metadata ? "/.well-known/oauth-protected-resource" : "",
                      endpoint, NULL);
}

/* A quoted-string parameter of a challenge: the text, without what would
 * end the quotes. */
static void
append_param (GString    *challenge,
              const char *name,
              const char *value)
{
  if (challenge->len > strlen ("Bearer "))
    g_string_append (challenge, ", ");
  g_string_append_printf (challenge, "%s=\"", name);
  for (const char *p = value; *p != '\0'; p++)
    if (*p != '"' && *p != '\\' && (guchar) *p >= 0x20 && *p != 0x7f)
      g_string_append_c (challenge, *p);
  g_string_append_c (challenge, '"');
}

static void
refuse (SoupServerMessage *msg,
        guint              status,
        gint               code,
        const char        *text,
        JsonNode          *data)
{
  g_autoptr(JsonNode) error = mcp_message_new_error (NULL, code, text, data);
  gsize length = 0;
  char *json = _mcp_json_to_string (error, &length);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, length);
}

static void
refuse_credentials (Authentication *auth,
                    const GError   *error)
{
  SoupServerMessage *msg = auth->msg;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  gboolean forbidden = g_error_matches (error, MCP_ERROR, MCP_ERROR_FORBIDDEN);
  gboolean presented = soup_message_headers_get_one (request, "Authorization") != NULL ||
                       soup_message_headers_get_one (request, "X-API-Key") != NULL;
  g_autofree char *resource = resource_url (msg, auth->endpoint, FALSE);
  g_autoptr(JsonNode) metadata = mcp_auth_provider_dup_resource_metadata (auth->provider,
                                                                          resource);
  g_autoptr(GString) challenge = g_string_new ("Bearer ");
  g_autofree char *text = NULL;
  JsonArray *scopes = NULL;

  if (metadata != NULL && JSON_NODE_HOLDS_OBJECT (metadata))
    {
      g_autofree char *metadata_url = resource_url (msg, auth->endpoint, TRUE);

      append_param (challenge, "resource_metadata", metadata_url);
      scopes = _mcp_json_object_get_array (json_node_get_object (metadata), "scopes_supported");
    }
  else
    append_param (challenge, "realm", "mcp");

  if (scopes != NULL && json_array_get_length (scopes) > 0)
    {
      g_autoptr(GString) scope = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (scopes); i++)
        {
          JsonNode *element = json_array_get_element (scopes, i);

          if (!_mcp_json_node_is_string (element))
            continue;
          if (scope->len > 0)
            g_string_append_c (scope, ' ');
          g_string_append (scope, json_node_get_string (element));
        }
      append_param (challenge, "scope", scope->str);
    }

  if (forbidden)
    append_param (challenge, "error", "insufficient_scope");
  else if (presented)
    append_param (challenge, "error", "invalid_token");
  if (forbidden || presented)
    append_param (challenge, "error_description", error->message);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", challenge->str);

  text = g_strdup_printf ("%s: %s", forbidden ? "Forbidden" : "Unauthorized", error->message);
  refuse (msg, forbidden ? SOUP_STATUS_FORBIDDEN : SOUP_STATUS_UNAUTHORIZED,
          MCP_JSONRPC_INVALID_REQUEST, text, NULL);
}

static void
admit (Authentication *auth,
       McpAuthInfo    *info)
{
  guint retry_after = 0;

  if (!_mcp_auth_info_charge (info, &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", retry_after);
      g_autofree char *text = g_strdup_printf ("Too Many Requests: the rate limit of %s is "
                                               "reached; retry after %u s",
                                               mcp_auth_info_get_principal (info), retry_after);
      g_autoptr(JsonNode) data = NULL;
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "retryAfter", retry_after);
      data = _mcp_json_node_new_object (object);
      soup_message_headers_replace (soup_server_message_get_response_headers (auth->msg),
                                    "Retry-After", seconds);
      refuse (auth->msg, 429, MCP_AUTH_RATE_LIMITED_CODE, text, data);
      return;
    }

  g_object_set_data_full (G_OBJECT (auth->msg), AUTH_INFO_KEY, g_object_ref (info),
                          g_object_unref);
  auth->admitted (auth->owner, auth->msg, info, auth->user_data);
}

static void
authenticated_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Authentication *auth = user_data;
  g_autoptr(McpAuthInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = mcp_auth_provider_authenticate_finish (MCP_AUTH_PROVIDER (object), result, &error);

  /* First: what serves the message may pause it again, for a stream. */
  soup_server_message_unpause (auth->msg);

  if (info == NULL)
    {
      if (!g_error_matches (error, MCP_ERROR, MCP_ERROR_FORBIDDEN) &&
          !g_error_matches (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED))
        {
          /* A provider that failed is not the client's fault, and its
           * error may say more than a client should know. */
          g_warning ("The auth provider failed: %s", error->message);
          refuse (auth->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, MCP_JSONRPC_INTERNAL_ERROR,
                  "Service Unavailable: credentials could not be checked", NULL);
        }
      else
        refuse_credentials (auth, error);
    }
  else
    {
      /* The application's word on this principal's limits, then the
       * principal's bucket, kept on the provider across requests. */
      g_signal_emit_by_name (auth->provider, "authenticated", info);
      _mcp_auth_bind_principal_limits (auth->provider, info);
      admit (auth, info);
    }

  authentication_free (auth);
}

void
_mcp_admission_authenticate (const McpAdmissionPolicy *policy,
                             SoupServerMessage        *msg,
                             const char               *endpoint,
                             GObject                  *owner,
                             McpAdmitted               admitted,
                             gpointer                  user_data,
                             GDestroyNotify            destroy)
{
  GTlsCertificate *peer_certificate = _mcp_listener_get_peer_certificate (msg);
  Authentication *auth;

  if (policy->client_certificate_required && peer_certificate == NULL)
    {
      g_debug ("Refusing a request without a verified TLS client certificate");
      refuse (msg, SOUP_STATUS_FORBIDDEN, MCP_JSONRPC_INVALID_REQUEST,
              "Forbidden: a TLS client certificate is required", NULL);
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  if (policy->auth_provider == NULL && policy->auth_token == NULL)
    {
      admitted (owner, msg, NULL, user_data);
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  auth = g_new0 (Authentication, 1);
  auth->msg = g_object_ref (msg);
  auth->owner = g_object_ref (owner);
  auth->provider = policy->auth_provider != NULL
                   ? g_object_ref (policy->auth_provider)
                   : MCP_AUTH_PROVIDER (mcp_bearer_token_provider_new (policy->auth_token, NULL));
  auth->endpoint = g_strdup (endpoint);
  auth->admitted = admitted;
  auth->user_data = user_data;
  auth->destroy = destroy;

  soup_server_message_pause (msg);
  mcp_auth_provider_authenticate_peer_async (auth->provider,
                                             soup_server_message_get_request_headers (msg),
                                             soup_server_message_get_remote_address (msg),
                                             peer_certificate, NULL, authenticated_cb, auth);
}

gboolean
_mcp_admission_serve_resource_metadata (const McpAdmissionPolicy *policy,
                                        SoupServerMessage        *msg,
                                        const char               *path,
                                        const char               *endpoint)
{
  static const char prefix[] = "/.well-known/oauth-protected-resource";
  g_autofree char *resource = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  const char *rest;
  gsize length = 0;
  char *json;

  if (policy->auth_provider == NULL || !g_str_has_prefix (path, prefix))
    return FALSE;

  /* Path-aware (…/oauth-protected-resource/mcp), and the bare form for
   * clients that try it. */
  rest = path + strlen (prefix);
  if (*rest != '\0' && g_strcmp0 (rest, endpoint) != 0)
    return FALSE;

  resource = resource_url (msg, endpoint, FALSE);
  metadata = mcp_auth_provider_dup_resource_metadata (policy->auth_provider, resource);
  if (metadata == NULL)
    return FALSE;

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0 &&
      g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_HEAD) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD");
      refuse (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, MCP_JSONRPC_INVALID_REQUEST,
              "Method Not Allowed", NULL);
      return TRUE;
    }

  json = _mcp_json_to_string (metadata, &length);
  /* Public by design: any web client may read it. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Access-Control-Allow-Origin", "*");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, length);
  return TRUE;
}

void
_mcp_admission_bind (SoupServerMessage *msg,
                     GObject           *peer,
                     gboolean           per_request)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  _mcp_auth_info_attach (peer, g_object_get_data (G_OBJECT (msg), AUTH_INFO_KEY), per_request);
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    {
      g_autofree char *address =
        g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));

      _mcp_peer_set_remote_address (peer, address);
    }
}

gboolean
_mcp_admission_admit_principal_session (SoupServerMessage *msg,
                                        GList             *peers,
                                        guint              default_cap)
{
  McpAuthInfo *info = _mcp_admission_get_identity (msg);
  g_autofree char *text = NULL;
  guint cap;
  guint held = 0;

  if (info == NULL)
    return TRUE;

  cap = mcp_auth_info_get_max_sessions (info) > 0 ? mcp_auth_info_get_max_sessions (info)
                                                  : default_cap;
  if (cap == 0)
    return TRUE;

  for (GList *l = peers; l != NULL; l = l->next)
    {
      McpAuthInfo *other = _mcp_auth_info_attached (l->data, NULL);

      if (other != NULL && _mcp_auth_info_same_principal (info, other))
        held++;
    }

  if (held < cap)
    return TRUE;

  text = g_strdup_printf ("Too Many Requests: %s may open no more sessions (it holds %u); "
                          "close one first", mcp_auth_info_get_principal (info), held);
  refuse (msg, 429, MCP_JSONRPC_INVALID_REQUEST, text, NULL);
  return FALSE;
}

McpAuthInfo *
_mcp_admission_get_identity (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), AUTH_INFO_KEY);
}

gboolean
_mcp_admission_same_principal (SoupServerMessage *msg,
                               GObject           *peer)
{
  return _mcp_auth_info_same_principal (g_object_get_data (G_OBJECT (msg), AUTH_INFO_KEY),
                                        _mcp_auth_info_attached (peer, NULL));
}
