/* mcp-oauth-client.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-oauth-client.h"
#include "mcp-enums.h"
#include "mcp-error.h"

#include "mcp-jose-private.h"
#include "mcp-json-node-private.h"
#include "mcp-json-reader-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-oauth-private.h"
#include "mcp-random-private.h"
#include "mcp-read-all-private.h"
#include "mcp-request-state-private.h"
#include "mcp-str-private.h"

/**
 * McpOAuthClient:
 *
 * The client side of MCP authorization: OAuth 2.1 for #McpHttpTransport.
 *
 * Give one to a transport with mcp_http_transport_set_oauth_client() (one
 * may serve several transports, and keeps what it learns per server URL).
 * When the server answers HTTP 401, the client:
 *
 * 1. finds the server's protected resource metadata (RFC 9728): from the
 *    `resource_metadata` of the `WWW-Authenticate` challenge, else at the
 *    path-aware well-known URL, else at the root one; and checks that the
 *    `resource` it names is the server's;
 * 2. finds its authorization server's metadata, by RFC 8414 and then
 *    OpenID Connect discovery, in the order the MCP specification gives,
 *    and checks that the `issuer` it names is the one asked for (a server
 *    without metadata, as the 2025-03-26 revision allowed, is its own
 *    authorization server with the default endpoints);
 * 3. identifies itself: a pre-registered #McpOAuthClient:client-id, else a
 *    client ID metadata document (#McpOAuthClient:client-metadata-url) where
 *    the server supports them, else dynamic client registration (RFC 7591).
 *    Registrations are kept per issuer and never shown to another one;
 * 4. obtains a token: with a refresh token when it has one, else by the
 *    grant of #McpOAuthClient:grant-type. The authorization code grant uses
 *    PKCE (S256), the `resource` parameter (RFC 8707) and a `state`, and
 *    checks the `iss` of the response (RFC 9207). The browser is the
 *    application's: #McpOAuthClient::authorize hands it the URL, and the
 *    code comes back to a loopback listener (RFC 8252) or through
 *    mcp_oauth_client_deliver_redirect();
 * 5. keeps the tokens in its #McpTokenStore, and sends them with every
 *    request to that server.
 *
 * Scopes: those of the challenge, else the metadata's `scopes_supported`,
 * else none; plus #McpOAuthClient:scope, and `offline_access` when the
 * authorization server offers it (for a refresh token). A 403 with
 * `insufficient_scope` asks again, for the union of the scopes held and
 * the scopes challenged, at most #McpOAuthClient:max-attempts times
 * without a success in between.
 *
 * When the authorization server advertises DPoP (RFC 9449), tokens are
 * bound to a key of the client's and every request carries a fresh proof.
 */

#define DEFAULT_CLIENT_NAME "mcp-glib"
#define DEFAULT_AUTHORIZATION_TIMEOUT 300
#define DEFAULT_MAX_ATTEMPTS 3
#define DEFAULT_MAX_METADATA_SIZE (64 * 1024)
#define HTTP_TIMEOUT 30
#define CALLBACK_PATH "/callback"

typedef struct
{
  char *client_id;
  char *client_secret;
  char *auth_method;   /* token_endpoint_auth_method, or NULL */
} Registration;

typedef struct
{
  char   *issuer;
  char   *resource;         /* the resource parameter: as the metadata named it */
  char   *access_token;
  char   *token_type;       /* "Bearer" or "DPoP" */
  char   *refresh_token;
  char   *scope;            /* granted */
  char   *requested_scope;  /* what was asked for last */
  gint64  expires_at;       /* real time, seconds; 0: unknown */
  char   *rs_nonce;         /* the resource server's DPoP nonce */
  guint   attempts;         /* authorizations since the last success */
} Grant;

typedef struct _Flow Flow;

struct _McpOAuthClient
{
  GObject            parent_instance;

  char              *client_id;
  char              *client_secret;
  char              *client_issuer;
  char              *client_metadata_url;
  char              *client_name;
  char              *redirect_uri;
  char              *scope;
  McpOAuthGrantType  grant_type;
  gboolean           offline_access;
  gboolean           dpop;
  guint              authorization_timeout;
  guint              max_attempts;
  gsize              max_metadata_size;
  McpTokenStore     *token_store;
  McpJoseKey        *private_key;     /* for private_key_jwt */
  char              *signing_alg;
  McpJoseKey        *dpop_key;        /* made on first use */

  GHashTable        *grants;          /* server URL -> Grant */
  GHashTable        *registrations;   /* issuer -> Registration */
  GHashTable        *flows;           /* server URL -> Flow */

  SoupServer        *listener;        /* the loopback redirect listener */
  char              *listener_uri;
  Flow              *awaiting;        /* the flow waiting for a redirect */
};

enum
{
  PROP_0,
  PROP_CLIENT_ID,
  PROP_CLIENT_SECRET,
  PROP_CLIENT_ISSUER,
  PROP_CLIENT_METADATA_URL,
  PROP_CLIENT_NAME,
  PROP_REDIRECT_URI,
  PROP_SCOPE,
  PROP_GRANT_TYPE,
  PROP_OFFLINE_ACCESS,
  PROP_DPOP,
  PROP_AUTHORIZATION_TIMEOUT,
  PROP_MAX_ATTEMPTS,
  PROP_MAX_METADATA_SIZE,
  PROP_TOKEN_STORE,
  N_PROPS
};

enum
{
  SIGNAL_AUTHORIZE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (McpOAuthClient, mcp_oauth_client, G_TYPE_OBJECT)

/* Registrations and grants, and their stored form ---------------------------------- */

static void
registration_free (Registration *reg)
{
  g_free (reg->client_id);
  g_free (reg->client_secret);
  g_free (reg->auth_method);
  g_free (reg);
}

static char *
registration_to_secret (Registration *reg)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (object, "client_id", reg->client_id);
  if (reg->client_secret != NULL)
    json_object_set_string_member (object, "client_secret", reg->client_secret);
  if (reg->auth_method != NULL)
    json_object_set_string_member (object, "token_endpoint_auth_method", reg->auth_method);
  node = _mcp_json_node_new_object (g_steal_pointer (&object));
  return _mcp_json_to_string (node, NULL);
}

static JsonObject *
parse_object (const char *text,
              gsize       length,
              gsize       max_size,
              GError    **error)
{
  g_autoptr(JsonNode) node = _mcp_json_read (text, length, 16, max_size, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR, "Not a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

static Registration *
registration_from_object (JsonObject *object)
{
  const char *client_id = _mcp_json_object_get_string (object, "client_id");
  Registration *reg;

  if (client_id == NULL || *client_id == '\0')
    return NULL;

  reg = g_new0 (Registration, 1);
  reg->client_id = g_strdup (client_id);
  reg->client_secret = g_strdup (_mcp_json_object_get_string (object, "client_secret"));
  reg->auth_method = g_strdup (_mcp_json_object_get_string (object, "token_endpoint_auth_method"));
  return reg;
}

static void
grant_clear_tokens (Grant *grant)
{
  g_clear_pointer (&grant->access_token, g_free);
  g_clear_pointer (&grant->token_type, g_free);
  g_clear_pointer (&grant->refresh_token, g_free);
  g_clear_pointer (&grant->scope, g_free);
  grant->expires_at = 0;
}

static void
grant_free (Grant *grant)
{
  grant_clear_tokens (grant);
  g_free (grant->issuer);
  g_free (grant->resource);
  g_free (grant->requested_scope);
  g_free (grant->rs_nonce);
  g_free (grant);
}

static char *
grant_to_secret (Grant *grant)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  if (grant->access_token != NULL)
    json_object_set_string_member (object, "access_token", grant->access_token);
  if (grant->token_type != NULL)
    json_object_set_string_member (object, "token_type", grant->token_type);
  if (grant->refresh_token != NULL)
    json_object_set_string_member (object, "refresh_token", grant->refresh_token);
  if (grant->scope != NULL)
    json_object_set_string_member (object, "scope", grant->scope);
  if (grant->requested_scope != NULL)
    json_object_set_string_member (object, "requested_scope", grant->requested_scope);
  if (grant->expires_at > 0)
    json_object_set_int_member (object, "expires_at", grant->expires_at);
  node = _mcp_json_node_new_object (g_steal_pointer (&object));
  return _mcp_json_to_string (node, NULL);
}

static void
grant_take_secret (Grant      *grant,
                   JsonObject *object)
{
  JsonNode *expires = json_object_get_member (object, "expires_at");

  grant_clear_tokens (grant);
  grant->access_token = g_strdup (_mcp_json_object_get_string (object, "access_token"));
  grant->token_type = g_strdup (_mcp_json_object_get_string (object, "token_type"));
  grant->refresh_token = g_strdup (_mcp_json_object_get_string (object, "refresh_token"));
  grant->scope = g_strdup (_mcp_json_object_get_string (object, "scope"));
  if (_mcp_json_object_get_string (object, "requested_scope") != NULL)
    _mcp_str_replace (&grant->requested_scope, _mcp_json_object_get_string (object, "requested_scope"));
  if (expires != NULL && _mcp_json_node_is_number (expires))
    grant->expires_at = (gint64) _mcp_json_node_get_number (expires);
}

static Grant *
get_grant (McpOAuthClient *self,
           const char     *server_url)
{
  Grant *grant = g_hash_table_lookup (self->grants, server_url);

  if (grant == NULL)
    {
      grant = g_new0 (Grant, 1);
      g_hash_table_insert (self->grants, g_strdup (server_url), grant);
    }
  return grant;
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mcp_token_store_store_finish (MCP_TOKEN_STORE (object), result, &error))
    g_warning ("Could not store an OAuth secret: %s", error->message);
}

static void
save_grant (McpOAuthClient *self,
            Grant          *grant)
{
  g_autofree char *secret = NULL;

  if (grant->issuer == NULL || grant->resource == NULL)
    return;
  secret = grant_to_secret (grant);
  mcp_token_store_store_async (self->token_store, grant->issuer, grant->resource, secret,
                               NULL, store_done_cb, NULL);
}

static void
save_registration (McpOAuthClient *self,
                   const char     *issuer,
                   Registration   *reg)
{
  g_autofree char *secret = registration_to_secret (reg);

  mcp_token_store_store_async (self->token_store, issuer, NULL, secret, NULL, store_done_cb, NULL);
}

/* Scopes --------------------------------------------------------------------------- */

static gboolean
scope_has (const char *scope,
           const char *word)
{
  g_auto(GStrv) words = NULL;

  if (scope == NULL)
    return FALSE;
  words = g_strsplit (scope, " ", -1);
  return g_strv_contains ((const char * const *) words, word);
}

/* The words of @a, then those of @b that @a lacks; NULL when both are empty. */
static char *
scope_union (const char *a,
             const char *b)
{
  GString *out = g_string_new (NULL);
  const char *parts[] = { a, b };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_auto(GStrv) words = parts[i] != NULL ? g_strsplit (parts[i], " ", -1) : NULL;

      for (guint j = 0; words != NULL && words[j] != NULL; j++)
        {
          if (*words[j] == '\0' || scope_has (out->str, words[j]))
            continue;
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, words[j]);
        }
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
join_string_array (JsonArray *array)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!_mcp_json_node_is_string (node))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, json_node_get_string (node));
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (_mcp_json_node_is_string (node) && g_strcmp0 (json_node_get_string (node), value) == 0)
        return TRUE;
    }
  return FALSE;
}

/* URLs ----------------------------------------------------------------------------- */

static gint
default_port (GUri *uri)
{
  gint port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static char *
uri_origin (GUri *uri)
{
  g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);

  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s://%s:%d", scheme, g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup_printf ("%s://%s", scheme, g_uri_get_host (uri));
}

/* The path without a trailing slash; "" for the root. */
static char *
uri_path_trimmed (GUri *uri)
{
  const char *path = g_uri_get_path (uri);
  gsize length = path != NULL ? strlen (path) : 0;

  while (length > 0 && path[length - 1] == '/')
    length--;
  return g_strndup (path, length);
}

static GUri *
parse_http_uri (const char *text)
{
  g_autoptr(GUri) uri = text != NULL ? g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0))
    return NULL;
  return g_steal_pointer (&uri);
}

/* Whether the protected resource @resource (from the metadata) covers the
 * server at @server: the same origin, and a path that is @server's or a
 * parent of it (RFC 9728 §3.3, MCP's canonical server URI). */
static gboolean
resource_covers (const char *resource,
                 GUri       *server)
{
  g_autoptr(GUri) uri = parse_http_uri (resource);
  g_autofree char *path = NULL;
  g_autofree char *server_path = NULL;

  if (uri == NULL || g_uri_get_fragment (uri) != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), g_uri_get_scheme (server)) != 0 ||
      g_ascii_strcasecmp (g_uri_get_host (uri), g_uri_get_host (server)) != 0 ||
      default_port (uri) != default_port (server))
    return FALSE;

  path = uri_path_trimmed (uri);
  server_path = uri_path_trimmed (server);
  return *path == '\0' || g_strcmp0 (path, server_path) == 0 ||
         (g_str_has_prefix (server_path, path) && server_path[strlen (path)] == '/');
}

/* The server URL as a resource indicator: no fragment (RFC 8707 §2). */
static char *
canonical_resource (GUri *server)
{
  g_autoptr(GUri) copy = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (server), NULL,
                                      g_uri_get_host (server), g_uri_get_port (server),
                                      g_uri_get_path (server), g_uri_get_query (server), NULL);

  return g_uri_to_string (copy);
}

static char *
form_encode (const char * const *pairs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      if (pairs[i + 1] == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append_uri_escaped (out, pairs[i], NULL, FALSE);
      g_string_append_c (out, '=');
      g_string_append_uri_escaped (out, pairs[i + 1], NULL, FALSE);
    }
  return g_string_free (out, FALSE);
}

/* The flow ------------------------------------------------------------------------- */

typedef enum
{
  STEP_RESOURCE_METADATA,
  STEP_SERVER_METADATA,
  STEP_LOAD_REGISTRATION,
  STEP_REGISTER,
  STEP_LOAD_GRANT,
  STEP_REFRESH,
  STEP_GRANT,
  STEP_DONE,
} Step;

struct _Flow
{
  McpOAuthClient *self;
  char           *server_url;
  GUri           *server;
  GPtrArray      *tasks;            /* GTask waiting for the flow */
  GCancellable   *cancellable;
  SoupSession    *session;
  McpUrlGuard    *guard;            /* nullable: the pool's URL policy */
  Step            step;

  char           *metadata_url;     /* from the challenge */
  char           *challenge_scope;
  gboolean        insufficient_scope;
  char           *refused_token;

  GPtrArray      *urls;             /* candidates of a discovery step */
  guint           next_url;

  JsonObject     *resource_metadata;
  JsonObject     *server_metadata;
  char           *issuer;
  char           *resource;
  char           *authorization_endpoint;
  char           *token_endpoint;
  char           *registration_endpoint;
  Registration   *registration;     /* owned by self->registrations */

  char           *scope;
  char           *verifier;
  char           *state;
  char           *redirect_uri;
  guint           timeout_id;
  GStrv           token_form;       /* the last token request, to send again */
  gboolean        dpop;             /* the authorization server binds tokens */
  char           *as_nonce;
  guint           nonce_retries;
};

static void flow_next (Flow *flow);

static void
flow_free (Flow *flow)
{
  g_clear_handle_id (&flow->timeout_id, g_source_remove);
  if (flow->self->awaiting == flow)
    flow->self->awaiting = NULL;
  g_clear_object (&flow->self);
  g_free (flow->server_url);
  g_clear_pointer (&flow->server, g_uri_unref);
  g_ptr_array_unref (flow->tasks);
  g_clear_object (&flow->cancellable);
  g_clear_object (&flow->session);
  g_clear_pointer (&flow->guard, _mcp_url_guard_unref);
  g_free (flow->metadata_url);
  g_free (flow->challenge_scope);
  g_free (flow->refused_token);
  g_clear_pointer (&flow->urls, g_ptr_array_unref);
  g_clear_pointer (&flow->resource_metadata, json_object_unref);
  g_clear_pointer (&flow->server_metadata, json_object_unref);
  g_free (flow->issuer);
  g_free (flow->resource);
  g_free (flow->authorization_endpoint);
  g_free (flow->token_endpoint);
  g_free (flow->registration_endpoint);
  g_free (flow->scope);
  g_free (flow->verifier);
  g_free (flow->state);
  g_free (flow->redirect_uri);
  g_strfreev (flow->token_form);
  g_free (flow->as_nonce);
  g_free (flow);
}

/* Ends the flow: every waiting task gets the outcome. */
static void
flow_finish (Flow   *flow,
             GError *error)
{
  McpOAuthClient *self = flow->self;
  g_autoptr(GPtrArray) tasks = g_ptr_array_ref (flow->tasks);

  if (g_hash_table_lookup (self->flows, flow->server_url) == flow)
    g_hash_table_remove (self->flows, flow->server_url);

  if (error != NULL)
    g_debug ("OAuth for %s failed: %s", flow->server_url, error->message);

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
  g_clear_error (&error);
  flow_free (flow);
}

static void
flow_fail (Flow       *flow,
           gint        code,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
flow_fail (Flow       *flow,
           gint        code,
           const char *format,
           ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (MCP_ERROR, code, format, args);
  va_end (args);
  flow_finish (flow, error);
}

/* HTTP, bounded ------------------------------------------------------------------ */

typedef void (*FetchFunc) (Flow        *flow,
                           SoupMessage *msg,
                           GBytes      *body,
                           GError      *error);

typedef struct
{
  Flow        *flow;
  SoupMessage *msg;
  FetchFunc    func;
  SoupSession *pinned_session;  /* to the addresses the guard checked */
} Fetch;

static void
fetch_done (Fetch  *fetch,
            GBytes *body,
            GError *error)
{
  fetch->func (fetch->flow, fetch->msg, body, error);
  g_object_unref (fetch->msg);
  g_clear_object (&fetch->pinned_session);
  g_free (fetch);
}

static void
fetch_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = _mcp_read_all_finish (result, &error);

  g_input_stream_close_async (G_INPUT_STREAM (object), G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  if (error != NULL && g_error_matches (error, MCP_ERROR, MCP_ERROR_MESSAGE_TOO_LARGE))
    {
      g_autofree char *url = g_uri_to_string (soup_message_get_uri (fetch->msg));

      g_clear_error (&error);
      g_set_error (&error, MCP_ERROR, MCP_ERROR_MESSAGE_TOO_LARGE,
                   "The answer of %s is larger than %" G_GSIZE_FORMAT " bytes", url,
                   fetch->flow->self->max_metadata_size);
    }
  fetch_done (fetch, body, error);
}

static void
fetch_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (stream == NULL)
    {
      fetch_done (fetch, NULL, error);
      return;
    }
  _mcp_read_all_async (stream, fetch->flow->self->max_metadata_size, fetch->flow->cancellable,
                       fetch_read_cb, fetch);
}

static void
fetch_guarded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(McpPinnedAddress) pinned = NULL;
  g_autoptr(GError) error = NULL;

  pinned = _mcp_url_guard_finish (result, &error);
  if (pinned == NULL)
    {
      g_autofree char *url = g_uri_to_string (soup_message_get_uri (fetch->msg));
      g_autoptr(GError) refused = g_error_new (MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                                               "Not fetching %s for OAuth: %s", url,
                                               error->message);

      fetch_done (fetch, NULL, refused);
      return;
    }

  fetch->pinned_session = g_object_new (SOUP_TYPE_SESSION,
                                        "remote-connectable", pinned,
                                        "timeout", HTTP_TIMEOUT,
                                        "user-agent", "mcp-glib/" PACKAGE_VERSION,
                                        NULL);
  _mcp_soup_session_copy_settings (fetch->pinned_session, fetch->flow->session);
  soup_session_send_async (fetch->pinned_session, fetch->msg, G_PRIORITY_DEFAULT,
                           fetch->flow->cancellable, fetch_sent_cb, fetch);
}

/* Sends @msg (taking it) without following redirects, and reads its answer,
 * at most #McpOAuthClient:max-metadata-size bytes. Under a URL policy, its
 * URL is checked first and the connection goes where the check resolved it. */
static void
flow_fetch (Flow        *flow,
            SoupMessage *msg,
            FetchFunc    func)
{
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->flow = flow;
  fetch->msg = msg;
  fetch->func = func;
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (flow->guard != NULL)
    {
      _mcp_url_guard_check_async (flow->guard, soup_message_get_uri (msg), flow->cancellable,
                                  fetch_guarded_cb, fetch);
      return;
    }
  soup_session_send_async (flow->session, msg, G_PRIORITY_DEFAULT, flow->cancellable,
                           fetch_sent_cb, fetch);
}

/* A JSON object out of a 2xx answer, or NULL. */
static JsonObject *
answer_object (Flow        *flow,
               SoupMessage *msg,
               GBytes      *body)
{
  guint status = soup_message_get_status (msg);

  if (status < 200 || status >= 300 || body == NULL)
    return NULL;
  return parse_object (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                       flow->self->max_metadata_size, NULL);
}

/* DPoP and signed client assertions ----------------------------------------------- */

/* The URL without query and fragment (RFC 9449 §4.2 htu). */
static char *
proof_htu (GUri *uri)
{
  g_autoptr(GUri) bare = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL,
                                      g_uri_get_host (uri), g_uri_get_port (uri),
                                      g_uri_get_path (uri), NULL, NULL);

  return g_uri_to_string (bare);
}

static char *
sha256_base64url (const char *text)
{
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sha, (const guchar *) text, strlen (text));
  g_checksum_get_digest (sha, digest, &length);
  return _mcp_base64url_encode (digest, length);
}

static char *
random_url_token (void)
{
  guint8 bytes[32];

  _mcp_random_bytes (bytes, sizeof bytes);
  return _mcp_base64url_encode (bytes, sizeof bytes);
}

/* A DPoP proof (RFC 9449 §4) for @method on @uri; with @access_token, its
 * hash (ath), and with @nonce, the server's nonce. */
static char *
dpop_proof (McpOAuthClient  *self,
            const char      *method,
            GUri            *uri,
            const char      *access_token,
            const char      *nonce,
            GError         **error)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autofree char *htu = proof_htu (uri);
  g_autofree char *jti = random_url_token ();

  if (self->dpop_key == NULL)
    {
      self->dpop_key = _mcp_jose_key_generate ("ES256", error);
      if (self->dpop_key == NULL)
        return NULL;
      _mcp_jose_key_set_kid (self->dpop_key, NULL);
    }

  json_object_set_member (header, "jwk", _mcp_jose_key_to_public_jwk (self->dpop_key));
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_string_member (claims, "htm", method);
  json_object_set_string_member (claims, "htu", htu);
  json_object_set_int_member (claims, "iat", g_get_real_time () / G_USEC_PER_SEC);
  if (access_token != NULL)
    {
      g_autofree char *ath = sha256_base64url (access_token);

      json_object_set_string_member (claims, "ath", ath);
    }
  if (nonce != NULL)
    json_object_set_string_member (claims, "nonce", nonce);

  return _mcp_jws_sign_compact (self->dpop_key, "ES256", "dpop+jwt", header, claims, error);
}

/* private_key_jwt (RFC 7523 §2.2): a short-lived assertion naming the
 * client, for the authorization server @audience. */
static char *
client_assertion (McpOAuthClient  *self,
                  const char      *client_id,
                  const char      *audience,
                  GError         **error)
{
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autofree char *jti = random_url_token ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  json_object_set_string_member (claims, "iss", client_id);
  json_object_set_string_member (claims, "sub", client_id);
  json_object_set_string_member (claims, "aud", audience);
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "exp", now + 300);

  return _mcp_jws_sign_compact (self->private_key, self->signing_alg, "JWT", NULL, claims, error);
}

/* Step 1: protected resource metadata --------------------------------------------- */

static void
resource_metadata_next (Flow *flow);

static void
resource_metadata_cb (Flow        *flow,
                      SoupMessage *msg,
                      GBytes      *body,
                      GError      *error)
{
  g_autoptr(JsonObject) metadata = NULL;
  JsonArray *servers;
  const char *resource;

  if (error != NULL)
    {
      flow_finish (flow, g_error_copy (error));
      return;
    }

  metadata = answer_object (flow, msg, body);
  if (metadata == NULL)
    {
      resource_metadata_next (flow);
      return;
    }

  resource = _mcp_json_object_get_string (metadata, "resource");
  servers = _mcp_json_object_get_array (metadata, "authorization_servers");
  if (resource == NULL || servers == NULL || json_array_get_length (servers) == 0 ||
      !_mcp_json_node_is_string (json_array_get_element (servers, 0)))
    {
      flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                 "The protected resource metadata of %s names no resource or authorization server",
                 flow->server_url);
      return;
    }

  if (!resource_covers (resource, flow->server))
    {
      flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                 "The protected resource metadata of %s is for another resource (%s): "
                 "not authorizing", flow->server_url, resource);
      return;
    }

  flow->resource_metadata = g_steal_pointer (&metadata);
  flow->resource = g_strdup (resource);
  flow->issuer = g_strdup (json_array_get_string_element (servers, 0));
  flow->step = STEP_SERVER_METADATA;
  g_clear_pointer (&flow->urls, g_ptr_array_unref);
  flow_next (flow);
}

static void
resource_metadata_next (Flow *flow)
{
  if (flow->next_url >= flow->urls->len)
    {
      /* No metadata: a 2025-03-26 server, its own authorization server. */
      g_autofree char *origin = uri_origin (flow->server);

      flow->issuer = g_strdup (origin);
      flow->resource = canonical_resource (flow->server);
      flow->step = STEP_SERVER_METADATA;
      g_clear_pointer (&flow->urls, g_ptr_array_unref);
      flow_next (flow);
      return;
    }

  flow_fetch (flow, soup_message_new (SOUP_METHOD_GET, g_ptr_array_index (flow->urls, flow->next_url++)),
              resource_metadata_cb);
}

static void
start_resource_metadata (Flow *flow)
{
  g_autofree char *origin = uri_origin (flow->server);
  g_autofree char *path = uri_path_trimmed (flow->server);

  flow->urls = g_ptr_array_new_with_free_func (g_free);
  flow->next_url = 0;
  if (flow->metadata_url != NULL)
    {
      g_autoptr(GUri) uri = parse_http_uri (flow->metadata_url);

      if (uri == NULL)
        {
          flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                     "%s named resource metadata at %s, which is not an HTTP URL",
                     flow->server_url, flow->metadata_url);
          return;
        }
      g_ptr_array_add (flow->urls, g_strdup (flow->metadata_url));
    }
  if (*path != '\0')
    g_ptr_array_add (flow->urls, g_strdup_printf ("%s/.well-known/oauth-protected-resource%s",
                                                  origin, path));
  g_ptr_array_add (flow->urls, g_strdup_printf ("%s/.well-known/oauth-protected-resource", origin));
  resource_metadata_next (flow);
}

/* Step 2: authorization server metadata ------------------------------------------- */

static void server_metadata_next (Flow *flow);

static gboolean
take_endpoint (Flow        *flow,
               JsonObject  *metadata,
               const char  *member,
               char       **slot)
{
  const char *value = _mcp_json_object_get_string (metadata, member);
  g_autoptr(GUri) uri = parse_http_uri (value);

  if (uri == NULL)
    return FALSE;
  _mcp_str_replace (slot, value);
  return TRUE;
}

static void
server_metadata_cb (Flow        *flow,
                    SoupMessage *msg,
                    GBytes      *body,
                    GError      *error)
{
  g_autoptr(JsonObject) metadata = NULL;
  const char *issuer;

  if (error != NULL)
    {
      flow_finish (flow, g_error_copy (error));
      return;
    }

  metadata = answer_object (flow, msg, body);
  if (metadata == NULL)
    {
      server_metadata_next (flow);
      return;
    }

  /* RFC 8414 §3.3: the issuer must be the one the URL was made from. */
  issuer = _mcp_json_object_get_string (metadata, "issuer");
  if (g_strcmp0 (issuer, flow->issuer) != 0)
    {
      flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                 "The metadata of authorization server %s names another issuer (%s): not using it",
                 flow->issuer, issuer != NULL ? issuer : "none");
      return;
    }

  if (!take_endpoint (flow, metadata, "token_endpoint", &flow->token_endpoint) ||
      (flow->self->grant_type == MCP_OAUTH_GRANT_AUTHORIZATION_CODE &&
       !take_endpoint (flow, metadata, "authorization_endpoint", &flow->authorization_endpoint)))
    {
      flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                 "The metadata of authorization server %s lacks the endpoints a grant needs",
                 flow->issuer);
      return;
    }
  take_endpoint (flow, metadata, "registration_endpoint", &flow->registration_endpoint);

  /* PKCE is required: a server that says it lacks S256 cannot be used. */
  if (flow->self->grant_type == MCP_OAUTH_GRANT_AUTHORIZATION_CODE &&
      json_object_has_member (metadata, "code_challenge_methods_supported") &&
      !array_has_string (_mcp_json_object_get_array (metadata, "code_challenge_methods_supported"), "S256"))
    {
      flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                 "Authorization server %s does not support PKCE with S256", flow->issuer);
      return;
    }

  flow->dpop = flow->self->dpop && _mcp_jose_have_asymmetric () &&
               array_has_string (_mcp_json_object_get_array (metadata, "dpop_signing_alg_values_supported"),
                                 "ES256");
  flow->server_metadata = g_steal_pointer (&metadata);
  flow->step = STEP_LOAD_REGISTRATION;
  flow_next (flow);
}

static void
server_metadata_next (Flow *flow)
{
  if (flow->next_url >= flow->urls->len)
    {
      g_autoptr(GUri) issuer = parse_http_uri (flow->issuer);
      g_autofree char *origin = NULL;

      /* 2025-03-26: a server without any metadata has the default
       * endpoints at its root. Not for one that published resource
       * metadata: its authorization server must publish its own. */
      if (flow->resource_metadata != NULL || issuer == NULL)
        {
          flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                     "Authorization server %s publishes no metadata", flow->issuer);
          return;
        }

      origin = uri_origin (issuer);
      flow->authorization_endpoint = g_strconcat (origin, "/authorize", NULL);
      flow->token_endpoint = g_strconcat (origin, "/token", NULL);
      flow->registration_endpoint = g_strconcat (origin, "/register", NULL);
      flow->server_metadata = json_object_new ();
      flow->step = STEP_LOAD_REGISTRATION;
      flow_next (flow);
      return;
    }

  flow_fetch (flow, soup_message_new (SOUP_METHOD_GET, g_ptr_array_index (flow->urls, flow->next_url++)),
              server_metadata_cb);
}

static void
start_server_metadata (Flow *flow)
{
  g_autoptr(GUri) issuer = parse_http_uri (flow->issuer);
  g_autofree char *origin = NULL;
  g_autofree char *path = NULL;

  if (issuer == NULL || g_uri_get_query (issuer) != NULL || g_uri_get_fragment (issuer) != NULL)
    {
      flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                 "The authorization server %s is not an issuer identifier", flow->issuer);
      return;
    }

  origin = uri_origin (issuer);
  path = uri_path_trimmed (issuer);
  flow->urls = g_ptr_array_new_with_free_func (g_free);
  flow->next_url = 0;
  if (*path != '\0')
    {
      g_ptr_array_add (flow->urls, g_strdup_printf ("%s/.well-known/oauth-authorization-server%s", origin, path));
      g_ptr_array_add (flow->urls, g_strdup_printf ("%s/.well-known/openid-configuration%s", origin, path));
      g_ptr_array_add (flow->urls, g_strdup_printf ("%s%s/.well-known/openid-configuration", origin, path));
    }
  else
    {
      g_ptr_array_add (flow->urls, g_strdup_printf ("%s/.well-known/oauth-authorization-server", origin));
      g_ptr_array_add (flow->urls, g_strdup_printf ("%s/.well-known/openid-configuration", origin));
    }
  server_metadata_next (flow);
}

/* Step 3: who we are to this issuer ---------------------------------------------------- */

static const char *
redirect_uri (Flow *flow);

static const char *
choose_auth_method (Flow         *flow,
                    Registration *reg)
{
  JsonArray *supported = _mcp_json_object_get_array (flow->server_metadata,
                                                     "token_endpoint_auth_methods_supported");

  if (reg->auth_method != NULL)
    return reg->auth_method;
  if (flow->self->private_key != NULL && g_strcmp0 (reg->client_id, flow->self->client_id) == 0 &&
      (supported == NULL || array_has_string (supported, "private_key_jwt")))
    return "private_key_jwt";
  if (reg->client_secret == NULL)
    return "none";
  /* RFC 8414 §2: the default is client_secret_basic. */
  if (supported == NULL || array_has_string (supported, "client_secret_basic"))
    return "client_secret_basic";
  if (array_has_string (supported, "client_secret_post"))
    return "client_secret_post";
  if (array_has_string (supported, "none"))
    return "none";
  return "client_secret_basic";
}

static void
use_registration (Flow         *flow,
                  Registration *reg)
{
  g_hash_table_replace (flow->self->registrations, g_strdup (flow->issuer), reg);
  flow->registration = reg;
  flow->step = STEP_LOAD_GRANT;
  flow_next (flow);
}

static void
register_cb (Flow        *flow,
             SoupMessage *msg,
             GBytes      *body,
             GError      *error)
{
  g_autoptr(JsonObject) answer = NULL;
  Registration *reg;

  if (error != NULL)
    {
      flow_finish (flow, g_error_copy (error));
      return;
    }

  answer = answer_object (flow, msg, body);
  reg = answer != NULL ? registration_from_object (answer) : NULL;
  if (reg == NULL)
    {
      flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                 "Dynamic client registration at %s failed (HTTP %u)",
                 flow->registration_endpoint, soup_message_get_status (msg));
      return;
    }

  save_registration (flow->self, flow->issuer, reg);
  use_registration (flow, reg);
}

static void
start_register (Flow *flow)
{
  McpOAuthClient *self = flow->self;
  JsonArray *supported = _mcp_json_object_get_array (flow->server_metadata,
                                                     "token_endpoint_auth_methods_supported");
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonArray) grant_types = json_array_new ();
  g_autoptr(JsonArray) response_types = json_array_new ();
  g_autoptr(JsonArray) redirect_uris = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  SoupMessage *msg;
  gsize length = 0;

  /* Pre-registered for this issuer (or for any), then a client ID
   * metadata document, then dynamic registration. */
  if (self->client_id != NULL &&
      (self->client_issuer == NULL || g_strcmp0 (self->client_issuer, flow->issuer) == 0))
    {
      Registration *reg = g_new0 (Registration, 1);

      reg->client_id = g_strdup (self->client_id);
      reg->client_secret = g_strdup (self->client_secret);
      use_registration (flow, reg);
      return;
    }

  if (self->client_metadata_url != NULL &&
      json_object_get_boolean_member_with_default (flow->server_metadata,
                                                   "client_id_metadata_document_supported", FALSE))
    {
      Registration *reg = g_new0 (Registration, 1);

      reg->client_id = g_strdup (self->client_metadata_url);
      reg->auth_method = g_strdup ("none");
      use_registration (flow, reg);
      return;
    }

  if (flow->registration_endpoint == NULL)
    {
      flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                 "Authorization server %s has no registration endpoint, and no client ID is "
                 "set for it (McpOAuthClient:client-id)", flow->issuer);
      return;
    }

  json_object_set_string_member (request, "client_name", self->client_name);
  if (self->grant_type == MCP_OAUTH_GRANT_CLIENT_CREDENTIALS)
    json_array_add_string_element (grant_types, "client_credentials");
  else
    {
      json_array_add_string_element (grant_types, "authorization_code");
      json_array_add_string_element (grant_types, "refresh_token");
      json_array_add_string_element (response_types, "code");
      json_array_add_string_element (redirect_uris, redirect_uri (flow));
      json_object_set_array_member (request, "redirect_uris", g_steal_pointer (&redirect_uris));
      json_object_set_array_member (request, "response_types", g_steal_pointer (&response_types));
    }
  json_object_set_array_member (request, "grant_types", g_steal_pointer (&grant_types));
  /* A desktop or command-line program: a native application (SEP-837). */
  json_object_set_string_member (request, "application_type", "native");
  if (supported == NULL || array_has_string (supported, "none"))
    json_object_set_string_member (request, "token_endpoint_auth_method",
                                   self->grant_type == MCP_OAUTH_GRANT_CLIENT_CREDENTIALS
                                   ? "client_secret_basic" : "none");
  else if (array_has_string (supported, "client_secret_basic"))
    json_object_set_string_member (request, "token_endpoint_auth_method", "client_secret_basic");
  else if (array_has_string (supported, "client_secret_post"))
    json_object_set_string_member (request, "token_endpoint_auth_method", "client_secret_post");

  node = _mcp_json_node_new_object (g_steal_pointer (&request));
  text = _mcp_json_to_string (node, &length);
  body = g_bytes_new_take (g_steal_pointer (&text), length);
  msg = soup_message_new (SOUP_METHOD_POST, flow->registration_endpoint);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  flow_fetch (flow, msg, register_cb);
}

static void
registration_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Flow *flow = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = mcp_token_store_lookup_finish (MCP_TOKEN_STORE (object), result, &error);
  g_autoptr(JsonObject) object_ = NULL;
  Registration *reg = NULL;

  if (error != NULL)
    g_debug ("No stored registration with %s: %s", flow->issuer, error->message);
  if (secret != NULL)
    object_ = parse_object (secret, strlen (secret), flow->self->max_metadata_size, NULL);
  if (object_ != NULL)
    reg = registration_from_object (object_);

  /* A stored registration stands only if nothing configured overrides it. */
  if (reg != NULL && flow->self->client_id == NULL)
    {
      use_registration (flow, reg);
      return;
    }
  g_clear_pointer (&reg, registration_free);
  flow->step = STEP_REGISTER;
  flow_next (flow);
}

static void
start_load_registration (Flow *flow)
{
  Registration *reg = g_hash_table_lookup (flow->self->registrations, flow->issuer);

  if (reg != NULL)
    {
      flow->registration = reg;
      flow->step = STEP_LOAD_GRANT;
      flow_next (flow);
      return;
    }

  mcp_token_store_lookup_async (flow->self->token_store, flow->issuer, NULL, flow->cancellable,
                                registration_loaded_cb, flow);
}

/* Step 4: tokens ------------------------------------------------------------------- */

static void
grant_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Flow *flow = user_data;
  Grant *grant = get_grant (flow->self, flow->server_url);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = mcp_token_store_lookup_finish (MCP_TOKEN_STORE (object), result, &error);
  g_autoptr(JsonObject) stored = NULL;

  if (secret != NULL)
    stored = parse_object (secret, strlen (secret), flow->self->max_metadata_size, NULL);

  _mcp_str_replace (&grant->issuer, flow->issuer);
  _mcp_str_replace (&grant->resource, flow->resource);
  if (stored != NULL)
    {
      grant_take_secret (grant, stored);
      /* A stored token the server has not refused yet is worth a try. */
      if (grant->access_token != NULL && !flow->insufficient_scope &&
          g_strcmp0 (grant->access_token, flow->refused_token) != 0 &&
          (grant->expires_at == 0 || grant->expires_at > g_get_real_time () / G_USEC_PER_SEC))
        {
          flow->step = STEP_DONE;
          flow_next (flow);
          return;
        }
    }

  flow->step = grant->refresh_token != NULL && !flow->insufficient_scope ? STEP_REFRESH : STEP_GRANT;
  flow_next (flow);
}

static void
start_load_grant (Flow *flow)
{
  Grant *grant = get_grant (flow->self, flow->server_url);

  /* The server moved to another authorization server: what the old one
   * granted is worth nothing there. */
  if (grant->issuer != NULL && g_strcmp0 (grant->issuer, flow->issuer) != 0)
    {
      grant_clear_tokens (grant);
      g_clear_pointer (&grant->requested_scope, g_free);
      g_clear_pointer (&grant->issuer, g_free);
    }

  if (grant->issuer != NULL)
    {
      _mcp_str_replace (&grant->resource, flow->resource);
      flow->step = grant->refresh_token != NULL && !flow->insufficient_scope ? STEP_REFRESH : STEP_GRANT;
      flow_next (flow);
      return;
    }

  mcp_token_store_lookup_async (flow->self->token_store, flow->issuer, flow->resource,
                                flow->cancellable, grant_loaded_cb, flow);
}

/* Adds the client's credentials to a token request, as its registration
 * says: HTTP Basic, or client_id (and client_secret) in the form. */
static gboolean
add_client_auth (Flow         *flow,
                 SoupMessage  *msg,
                 GPtrArray    *form,
                 GError      **error)
{
  Registration *reg = flow->registration;
  const char *method = choose_auth_method (flow, reg);

  if (g_strcmp0 (method, "private_key_jwt") == 0 && flow->self->private_key != NULL)
    {
      g_autofree char *assertion = client_assertion (flow->self, reg->client_id, flow->issuer, error);

      if (assertion == NULL)
        return FALSE;
      g_ptr_array_add (form, g_strdup ("client_id"));
      g_ptr_array_add (form, g_strdup (reg->client_id));
      g_ptr_array_add (form, g_strdup ("client_assertion_type"));
      g_ptr_array_add (form, g_strdup ("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
      g_ptr_array_add (form, g_strdup ("client_assertion"));
      g_ptr_array_add (form, g_steal_pointer (&assertion));
      return TRUE;
    }

  if (g_strcmp0 (method, "client_secret_basic") == 0 && reg->client_secret != NULL)
    {
      g_autofree char *id = g_uri_escape_string (reg->client_id, NULL, FALSE);
      g_autofree char *secret = g_uri_escape_string (reg->client_secret, NULL, FALSE);
      g_autofree char *pair = g_strconcat (id, ":", secret, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
      return TRUE;
    }

  g_ptr_array_add (form, g_strdup ("client_id"));
  g_ptr_array_add (form, g_strdup (reg->client_id));
  if (g_strcmp0 (method, "client_secret_post") == 0 && reg->client_secret != NULL)
    {
      g_ptr_array_add (form, g_strdup ("client_secret"));
      g_ptr_array_add (form, g_strdup (reg->client_secret));
    }
  return TRUE;
}

static void token_cb (Flow *flow, SoupMessage *msg, GBytes *body, GError *error);

/* Sends the token request of @flow->token_form, with the client's
 * credentials, the resource and, where tokens are bound, a DPoP proof. */
static void
send_token_request (Flow *flow)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  SoupMessage *msg = soup_message_new (SOUP_METHOD_POST, flow->token_endpoint);
  gsize length;

  for (guint i = 0; flow->token_form[i] != NULL; i++)
    g_ptr_array_add (form, g_strdup (flow->token_form[i]));
  g_ptr_array_add (form, g_strdup ("resource"));
  g_ptr_array_add (form, g_strdup (flow->resource));

  if (!add_client_auth (flow, msg, form, &error))
    {
      g_object_unref (msg);
      flow_finish (flow, g_steal_pointer (&error));
      return;
    }
  g_ptr_array_add (form, NULL);

  if (flow->dpop)
    {
      g_autofree char *proof = dpop_proof (flow->self, SOUP_METHOD_POST, soup_message_get_uri (msg),
                                           NULL, flow->as_nonce, &error);

      if (proof == NULL)
        {
          g_object_unref (msg);
          flow_finish (flow, g_steal_pointer (&error));
          return;
        }
      soup_message_headers_replace (soup_message_get_request_headers (msg), "DPoP", proof);
    }

  text = form_encode ((const char * const *) form->pdata);
  length = strlen (text);
  body = g_bytes_new_take (g_steal_pointer (&text), length);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  flow_fetch (flow, msg, token_cb);
}

/* Posts a token request: @pairs (name, value, ..., NULL; a NULL name
 * skips its pair). */
static void
post_token_request (Flow               *flow,
                    const char * const *pairs)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; pairs[i] != NULL || pairs[i + 1] != NULL; i += 2)
    {
      if (pairs[i] == NULL || pairs[i + 1] == NULL)
        continue;
      g_strv_builder_add (builder, pairs[i]);
      g_strv_builder_add (builder, pairs[i + 1]);
    }
  g_strfreev (flow->token_form);
  flow->token_form = g_strv_builder_end (builder);
  flow->nonce_retries = 0;
  send_token_request (flow);
}

static void
token_cb (Flow        *flow,
          SoupMessage *msg,
          GBytes      *body,
          GError      *error)
{
  Grant *grant = get_grant (flow->self, flow->server_url);
  g_autoptr(JsonObject) answer = NULL;
  const char *access_token, *token_type, *scope;
  JsonNode *expires_in;
  guint status;

  if (error != NULL)
    {
      flow_finish (flow, g_error_copy (error));
      return;
    }

  status = soup_message_get_status (msg);
  if (body != NULL)
    answer = parse_object (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                           flow->self->max_metadata_size, NULL);

  if (flow->dpop)
    {
      const char *nonce = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                        "DPoP-Nonce");

      if (nonce != NULL && strlen (nonce) <= 1024)
        _mcp_str_replace (&flow->as_nonce, nonce);

      /* RFC 9449 §8: the server wants its nonce in the proof; once. */
      if (status == SOUP_STATUS_BAD_REQUEST && answer != NULL && nonce != NULL &&
          g_strcmp0 (_mcp_json_object_get_string (answer, "error"), "use_dpop_nonce") == 0 &&
          flow->nonce_retries++ < 1)
        {
          send_token_request (flow);
          return;
        }
    }

  if (status < 200 || status >= 300 || answer == NULL ||
      (access_token = _mcp_json_object_get_string (answer, "access_token")) == NULL)
    {
      const char *oauth_error = answer != NULL ? _mcp_json_object_get_string (answer, "error") : NULL;

      /* A refresh token that no longer works: authorize from the start. */
      if (flow->step == STEP_REFRESH)
        {
          g_clear_pointer (&grant->refresh_token, g_free);
          flow->step = STEP_GRANT;
          flow_next (flow);
          return;
        }

      flow_fail (flow, MCP_ERROR_UNAUTHORIZED, "The token request to %s failed (HTTP %u%s%s)",
                 flow->token_endpoint, status, oauth_error != NULL ? ", " : "",
                 oauth_error != NULL ? oauth_error : "");
      return;
    }

  token_type = _mcp_json_object_get_string (answer, "token_type");
  if (token_type == NULL ||
      (g_ascii_strcasecmp (token_type, "Bearer") != 0 && g_ascii_strcasecmp (token_type, "DPoP") != 0) ||
      (g_ascii_strcasecmp (token_type, "DPoP") == 0 && !flow->dpop))
    {
      flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                 "The token endpoint %s issued a token of type %s, which mcp-glib cannot use",
                 flow->token_endpoint, token_type != NULL ? token_type : "(none)");
      return;
    }

  scope = _mcp_json_object_get_string (answer, "scope");
  expires_in = json_object_get_member (answer, "expires_in");

  _mcp_str_replace (&grant->access_token, access_token);
  _mcp_str_replace (&grant->token_type, g_ascii_strcasecmp (token_type, "DPoP") == 0 ? "DPoP" : "Bearer");
  if (_mcp_json_object_get_string (answer, "refresh_token") != NULL)
    _mcp_str_replace (&grant->refresh_token, _mcp_json_object_get_string (answer, "refresh_token"));
  _mcp_str_replace (&grant->scope, scope != NULL ? scope : flow->scope);
  grant->expires_at = 0;
  if (expires_in != NULL && _mcp_json_node_is_number (expires_in) &&
      _mcp_json_node_get_number (expires_in) > 0)
    grant->expires_at = g_get_real_time () / G_USEC_PER_SEC + (gint64) _mcp_json_node_get_number (expires_in);
  _mcp_str_replace (&grant->issuer, flow->issuer);
  _mcp_str_replace (&grant->resource, flow->resource);
  save_grant (flow->self, grant);

  flow->step = STEP_DONE;
  flow_next (flow);
}

static void
start_refresh (Flow *flow)
{
  Grant *grant = get_grant (flow->self, flow->server_url);
  const char *pairs[] = {
    "grant_type", "refresh_token",
    "refresh_token", grant->refresh_token,
    NULL, NULL
  };

  post_token_request (flow, pairs);
}

/* The scopes to ask for: the challenge's (with those held, on a step-up),
 * else the resource metadata's, else none; plus the application's, and
 * offline_access where the authorization server offers it. */
static char *
choose_scope (Flow *flow)
{
  McpOAuthClient *self = flow->self;
  Grant *grant = get_grant (self, flow->server_url);
  g_autofree char *base = NULL;
  g_autofree char *with_app = NULL;
  JsonArray *as_scopes = _mcp_json_object_get_array (flow->server_metadata, "scopes_supported");

  if (flow->challenge_scope != NULL)
    base = scope_union (grant->requested_scope, flow->challenge_scope);
  else if (flow->resource_metadata != NULL &&
           _mcp_json_object_get_array (flow->resource_metadata, "scopes_supported") != NULL)
    base = join_string_array (_mcp_json_object_get_array (flow->resource_metadata, "scopes_supported"));
  else
    base = g_strdup (grant->requested_scope);

  with_app = scope_union (base, self->scope);
  if (self->offline_access && self->grant_type == MCP_OAUTH_GRANT_AUTHORIZATION_CODE &&
      array_has_string (as_scopes, "offline_access") && with_app != NULL)
    return scope_union (with_app, "offline_access");
  return g_steal_pointer (&with_app);
}

static void
start_client_credentials (Flow *flow)
{
  const char *pairs[] = {
    "grant_type", "client_credentials",
    "scope", flow->scope,
    NULL, NULL
  };

  post_token_request (flow, pairs);
}

/* The authorization code grant ----------------------------------------------------- */

static void
listener_callback (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data);
static gboolean deliver_query (McpOAuthClient  *self,
                               GHashTable      *query,
                               GError         **error);

/* The loopback listener of RFC 8252 §7.3, started on first use. */
static gboolean
ensure_listener (McpOAuthClient  *self,
                 GError         **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;
  GUri *uri;

  if (self->listener != NULL)
    return TRUE;

  server = soup_server_new ("server-header", "mcp-glib", NULL);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  if (!soup_server_listen (server, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  uri = uris != NULL ? uris->data : NULL;
  if (uri == NULL)
    {
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
      g_set_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT, "The redirect listener has no address");
      return FALSE;
    }
  self->listener_uri = g_strdup_printf ("http://127.0.0.1:%d" CALLBACK_PATH, g_uri_get_port (uri));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  soup_server_add_handler (server, CALLBACK_PATH, listener_callback, self, NULL);
  self->listener = g_steal_pointer (&server);
  return TRUE;
}

static const char *
redirect_uri (Flow *flow)
{
  McpOAuthClient *self = flow->self;
  g_autoptr(GError) error = NULL;

  if (flow->redirect_uri != NULL)
    return flow->redirect_uri;

  if (self->redirect_uri != NULL)
    flow->redirect_uri = g_strdup (self->redirect_uri);
  else if (ensure_listener (self, &error))
    flow->redirect_uri = g_strdup (self->listener_uri);
  else
    {
      g_warning ("Could not start the OAuth redirect listener: %s", error->message);
      flow->redirect_uri = g_strdup ("http://127.0.0.1" CALLBACK_PATH);
    }
  return flow->redirect_uri;
}

static gboolean
authorization_timeout_cb (gpointer user_data)
{
  Flow *flow = user_data;

  flow->timeout_id = 0;
  flow->self->awaiting = NULL;
  flow_fail (flow, MCP_ERROR_TIMEOUT, "Nobody completed the authorization at %s within %u s",
             flow->issuer, flow->self->authorization_timeout);
  return G_SOURCE_REMOVE;
}

static void
start_authorization_code (Flow *flow)
{
  McpOAuthClient *self = flow->self;
  g_autoptr(GString) url = g_string_new (flow->authorization_endpoint);
  g_autofree char *challenge = NULL;
  g_autofree char *query = NULL;
  gboolean handled = FALSE;

  if (self->awaiting != NULL)
    {
      flow_fail (flow, MCP_ERROR_FAILED,
                 "Another authorization is waiting for the user; one at a time");
      return;
    }

  g_clear_pointer (&flow->verifier, g_free);
  g_clear_pointer (&flow->state, g_free);
  flow->verifier = random_url_token ();
  flow->state = random_url_token ();
  challenge = sha256_base64url (flow->verifier);

  {
    const char *pairs[] = {
      "response_type", "code",
      "client_id", flow->registration->client_id,
      "redirect_uri", redirect_uri (flow),
      "code_challenge", challenge,
      "code_challenge_method", "S256",
      "state", flow->state,
      "scope", flow->scope,
      "resource", flow->resource,
      NULL
    };

    query = form_encode (pairs);
  }
  g_string_append_c (url, strchr (flow->authorization_endpoint, '?') != NULL ? '&' : '?');
  g_string_append (url, query);

  self->awaiting = flow;
  flow->timeout_id = g_timeout_add_seconds (self->authorization_timeout, authorization_timeout_cb, flow);

  g_signal_emit (self, signals[SIGNAL_AUTHORIZE], 0, url->str, &handled);
  if (!handled && self->awaiting == flow)
    {
      self->awaiting = NULL;
      flow_fail (flow, MCP_ERROR_UNAUTHORIZED,
                 "%s needs the user to sign in at %s, and no handler of McpOAuthClient::authorize "
                 "opened it", flow->server_url, flow->issuer);
    }
}

/* The redirect came back: check it (RFC 9207, state) and trade the code. */
static gboolean
complete_authorization (Flow        *flow,
                        GHashTable  *query,
                        GError     **error)
{
  const char *code = g_hash_table_lookup (query, "code");
  const char *state = g_hash_table_lookup (query, "state");
  const char *iss = g_hash_table_lookup (query, "iss");
  const char *oauth_error = g_hash_table_lookup (query, "error");
  gboolean iss_supported =
    json_object_get_boolean_member_with_default (flow->server_metadata,
                                                 "authorization_response_iss_parameter_supported",
                                                 FALSE);

  if (state == NULL || !_mcp_constant_time_equal (state, flow->state))
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                   "The authorization response does not carry the state of this request");
      return FALSE;
    }

  /* RFC 9207: iss, when present (or promised), is compared as a string. */
  if ((iss != NULL && g_strcmp0 (iss, flow->issuer) != 0) || (iss == NULL && iss_supported))
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                   "The authorization response names issuer %s, not %s: refused",
                   iss != NULL ? iss : "(none)", flow->issuer);
      return FALSE;
    }

  if (oauth_error != NULL || code == NULL)
    {
      const char *description = g_hash_table_lookup (query, "error_description");

      g_set_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED, "Authorization refused: %s%s%s",
                   oauth_error != NULL ? oauth_error : "no code",
                   description != NULL ? ": " : "", description != NULL ? description : "");
      return FALSE;
    }

  g_clear_handle_id (&flow->timeout_id, g_source_remove);
  flow->self->awaiting = NULL;

  {
    const char *pairs[] = {
      "grant_type", "authorization_code",
      "code", code,
      "redirect_uri", flow->redirect_uri,
      "code_verifier", flow->verifier,
      NULL, NULL
    };

    post_token_request (flow, pairs);
  }
  return TRUE;
}

static void
listener_callback (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  McpOAuthClient *self = user_data;
  g_autoptr(GError) error = NULL;
  static const char done_page[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Signed in</title></head>"
    "<body><p>The application is signed in. You can close this window.</p></body></html>";
  static const char failed_page[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Not signed in</title></head>"
    "<body><p>The sign-in did not complete. Go back to the application and try again.</p></body></html>";

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (self->awaiting == NULL || query == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, failed_page,
                                        strlen (failed_page));
      return;
    }

  if (!deliver_query (self, query, &error))
    {
      g_debug ("The OAuth redirect was refused: %s", error->message);
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, failed_page,
                                        strlen (failed_page));
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, done_page,
                                    strlen (done_page));
}

/* The steps ------------------------------------------------------------------------- */

static void
flow_next (Flow *flow)
{
  switch (flow->step)
    {
    case STEP_RESOURCE_METADATA:
      start_resource_metadata (flow);
      break;
    case STEP_SERVER_METADATA:
      start_server_metadata (flow);
      break;
    case STEP_LOAD_REGISTRATION:
      start_load_registration (flow);
      break;
    case STEP_REGISTER:
      start_register (flow);
      break;
    case STEP_LOAD_GRANT:
      start_load_grant (flow);
      break;
    case STEP_REFRESH:
      start_refresh (flow);
      break;
    case STEP_GRANT:
      {
        Grant *grant = get_grant (flow->self, flow->server_url);

        g_clear_pointer (&flow->scope, g_free);
        flow->scope = choose_scope (flow);
        _mcp_str_replace (&grant->requested_scope, flow->scope);
        grant->attempts++;
        if (flow->self->grant_type == MCP_OAUTH_GRANT_CLIENT_CREDENTIALS)
          start_client_credentials (flow);
        else
          start_authorization_code (flow);
      }
      break;
    case STEP_DONE:
      flow_finish (flow, NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* What the transport asks ---------------------------------------------------------- */

void
_mcp_oauth_client_apply (McpOAuthClient *self,
                         const char     *server_url,
                         SoupMessage    *msg)
{
  Grant *grant;
  g_autofree char *value = NULL;

  g_return_if_fail (MCP_IS_OAUTH_CLIENT (self));

  grant = g_hash_table_lookup (self->grants, server_url);
  if (grant == NULL || grant->access_token == NULL)
    return;

  /* A token past its expires_in is not sent: the server's 401 (it may
   * allow some clock skew, but need not) starts the flow, which refreshes
   * it without the user. */
  if (grant->expires_at > 0 && grant->expires_at <= g_get_real_time () / G_USEC_PER_SEC)
    {
      g_debug ("The access token for %s has expired; not sending it", server_url);
      return;
    }

  value = g_strconcat (grant->token_type != NULL ? grant->token_type : "Bearer", " ",
                       grant->access_token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);

  if (g_strcmp0 (grant->token_type, "DPoP") == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *proof = dpop_proof (self, soup_message_get_method (msg),
                                           soup_message_get_uri (msg), grant->access_token,
                                           grant->rs_nonce, &error);

      if (proof != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (msg), "DPoP", proof);
      else
        g_warning ("Could not make a DPoP proof: %s", error->message);
    }
}

McpOAuthVerdict
_mcp_oauth_client_check_response (McpOAuthClient *self,
                                  const char     *server_url,
                                  SoupMessage    *msg,
                                  guint           retries)
{
  guint status = soup_message_get_status (msg);
  Grant *grant = g_hash_table_lookup (self->grants, server_url);
  g_autoptr(GPtrArray) challenges = NULL;
  McpAuthChallenge *challenge;
  const char *error;

  g_return_val_if_fail (MCP_IS_OAUTH_CLIENT (self), MCP_OAUTH_VERDICT_PASS);

  if (grant != NULL && g_strcmp0 (grant->token_type, "DPoP") == 0)
    {
      const char *nonce = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                        "DPoP-Nonce");

      if (nonce != NULL && strlen (nonce) <= 1024 && g_strcmp0 (nonce, grant->rs_nonce) != 0)
        {
          _mcp_str_replace (&grant->rs_nonce, nonce);
          /* RFC 9449 §9: asked for a nonce we now have: send it again. */
          if (status == SOUP_STATUS_UNAUTHORIZED && retries < self->max_attempts)
            {
              g_autoptr(GPtrArray) nonce_challenges =
                _mcp_auth_challenges_parse (soup_message_get_response_headers (msg));
              McpAuthChallenge *dpop = _mcp_auth_challenges_find_oauth (nonce_challenges);

              if (dpop != NULL && g_strcmp0 (g_hash_table_lookup (dpop->params, "error"),
                                             "use_dpop_nonce") == 0)
                return MCP_OAUTH_VERDICT_RETRY;
            }
        }
    }

  if (status != SOUP_STATUS_UNAUTHORIZED && status != SOUP_STATUS_FORBIDDEN)
    {
      if (SOUP_STATUS_IS_SUCCESSFUL (status) && grant != NULL)
        grant->attempts = 0;
      return MCP_OAUTH_VERDICT_PASS;
    }

  challenges = _mcp_auth_challenges_parse (soup_message_get_response_headers (msg));
  challenge = _mcp_auth_challenges_find_oauth (challenges);
  error = challenge != NULL ? g_hash_table_lookup (challenge->params, "error") : NULL;

  /* A 403 is ours only when it asks for more scope. */
  if (status == SOUP_STATUS_FORBIDDEN && g_strcmp0 (error, "insufficient_scope") != 0)
    return MCP_OAUTH_VERDICT_PASS;

  if (grant != NULL && grant->attempts >= self->max_attempts)
    {
      g_debug ("Not authorizing %s again: %u attempts without a success", server_url, grant->attempts);
      return MCP_OAUTH_VERDICT_PASS;
    }
  if (retries >= self->max_attempts)
    return MCP_OAUTH_VERDICT_PASS;

  return MCP_OAUTH_VERDICT_AUTHORIZE;
}

void
_mcp_oauth_client_authorize_async (McpOAuthClient      *self,
                                   const char          *server_url,
                                   SoupMessage         *msg,
                                   SoupSession         *like,
                                   McpUrlGuard         *guard,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) challenges = NULL;
  McpAuthChallenge *challenge;
  Flow *flow;
  const char *authorization;

  g_return_if_fail (MCP_IS_OAUTH_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _mcp_oauth_client_authorize_async);

  flow = g_hash_table_lookup (self->flows, server_url);
  if (flow != NULL)
    {
      g_ptr_array_add (flow->tasks, g_steal_pointer (&task));
      return;
    }

  flow = g_new0 (Flow, 1);
  flow->self = g_object_ref (self);
  flow->server_url = g_strdup (server_url);
  flow->server = parse_http_uri (server_url);
  flow->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  flow->cancellable = g_cancellable_new ();
  flow->guard = guard != NULL ? _mcp_url_guard_ref (guard) : NULL;
  flow->session = soup_session_new_with_options ("timeout", HTTP_TIMEOUT,
                                                 "user-agent", "mcp-glib/" PACKAGE_VERSION,
                                                 NULL);
  if (like != NULL)
    {
      soup_session_set_tls_database (flow->session, soup_session_get_tls_database (like));
      soup_session_set_tls_interaction (flow->session, soup_session_get_tls_interaction (like));
    }
  g_ptr_array_add (flow->tasks, g_steal_pointer (&task));

  if (flow->server == NULL)
    {
      flow_fail (flow, MCP_ERROR_UNAUTHORIZED, "%s is not an HTTP URL", server_url);
      return;
    }

  challenges = _mcp_auth_challenges_parse (soup_message_get_response_headers (msg));
  challenge = _mcp_auth_challenges_find_oauth (challenges);
  if (challenge != NULL)
    {
      flow->metadata_url = g_strdup (g_hash_table_lookup (challenge->params, "resource_metadata"));
      flow->challenge_scope = g_strdup (g_hash_table_lookup (challenge->params, "scope"));
      flow->insufficient_scope = g_strcmp0 (g_hash_table_lookup (challenge->params, "error"),
                                            "insufficient_scope") == 0;
    }
  authorization = soup_message_headers_get_one (soup_message_get_request_headers (msg), "Authorization");
  if (authorization != NULL && strchr (authorization, ' ') != NULL)
    flow->refused_token = g_strdup (strchr (authorization, ' ') + 1);

  /* The token the server refused is no good any more (a step-up keeps it
   * until a better one comes). */
  if (!flow->insufficient_scope)
    {
      Grant *grant = g_hash_table_lookup (self->grants, server_url);

      if (grant != NULL && grant->access_token != NULL &&
          g_strcmp0 (grant->access_token, flow->refused_token) == 0)
        g_clear_pointer (&grant->access_token, g_free);
    }

  g_hash_table_insert (self->flows, g_strdup (server_url), flow);
  flow->step = STEP_RESOURCE_METADATA;
  flow_next (flow);
}

gboolean
_mcp_oauth_client_authorize_finish (McpOAuthClient  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject -------------------------------------------------------------------------- */

static void
mcp_oauth_client_dispose (GObject *object)
{
  McpOAuthClient *self = MCP_OAUTH_CLIENT (object);

  if (self->listener != NULL)
    soup_server_disconnect (self->listener);
  g_clear_object (&self->listener);

  G_OBJECT_CLASS (mcp_oauth_client_parent_class)->dispose (object);
}

static void
mcp_oauth_client_finalize (GObject *object)
{
  McpOAuthClient *self = MCP_OAUTH_CLIENT (object);

  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->client_issuer);
  g_free (self->client_metadata_url);
  g_free (self->client_name);
  g_free (self->redirect_uri);
  g_free (self->scope);
  g_free (self->listener_uri);
  g_clear_object (&self->token_store);
  g_clear_pointer (&self->private_key, _mcp_jose_key_unref);
  g_clear_pointer (&self->dpop_key, _mcp_jose_key_unref);
  g_free (self->signing_alg);
  g_hash_table_unref (self->grants);
  g_hash_table_unref (self->registrations);
  g_hash_table_unref (self->flows);

  G_OBJECT_CLASS (mcp_oauth_client_parent_class)->finalize (object);
}

static void
mcp_oauth_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  McpOAuthClient *self = MCP_OAUTH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_CLIENT_SECRET:
      g_value_set_string (value, self->client_secret);
      break;
    case PROP_CLIENT_ISSUER:
      g_value_set_string (value, self->client_issuer);
      break;
    case PROP_CLIENT_METADATA_URL:
      g_value_set_string (value, self->client_metadata_url);
      break;
    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case PROP_REDIRECT_URI:
      g_value_set_string (value, self->redirect_uri);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_GRANT_TYPE:
      g_value_set_enum (value, self->grant_type);
      break;
    case PROP_OFFLINE_ACCESS:
      g_value_set_boolean (value, self->offline_access);
      break;
    case PROP_DPOP:
      g_value_set_boolean (value, self->dpop);
      break;
    case PROP_AUTHORIZATION_TIMEOUT:
      g_value_set_uint (value, self->authorization_timeout);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_MAX_METADATA_SIZE:
      g_value_set_uint64 (value, self->max_metadata_size);
      break;
    case PROP_TOKEN_STORE:
      g_value_set_object (value, self->token_store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_oauth_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  McpOAuthClient *self = MCP_OAUTH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      mcp_oauth_client_set_client_id (self, g_value_get_string (value));
      break;
    case PROP_CLIENT_SECRET:
      mcp_oauth_client_set_client_secret (self, g_value_get_string (value));
      break;
    case PROP_CLIENT_ISSUER:
      _mcp_str_replace (&self->client_issuer, g_value_get_string (value));
      break;
    case PROP_CLIENT_METADATA_URL:
      mcp_oauth_client_set_client_metadata_url (self, g_value_get_string (value));
      break;
    case PROP_CLIENT_NAME:
      _mcp_str_replace (&self->client_name, g_value_get_string (value) != NULL
                        ? g_value_get_string (value) : DEFAULT_CLIENT_NAME);
      break;
    case PROP_REDIRECT_URI:
      mcp_oauth_client_set_redirect_uri (self, g_value_get_string (value));
      break;
    case PROP_SCOPE:
      mcp_oauth_client_set_scope (self, g_value_get_string (value));
      break;
    case PROP_GRANT_TYPE:
      mcp_oauth_client_set_grant_type (self, g_value_get_enum (value));
      break;
    case PROP_OFFLINE_ACCESS:
      self->offline_access = g_value_get_boolean (value);
      break;
    case PROP_DPOP:
      self->dpop = g_value_get_boolean (value);
      break;
    case PROP_AUTHORIZATION_TIMEOUT:
      self->authorization_timeout = g_value_get_uint (value);
      break;
    case PROP_MAX_ATTEMPTS:
      self->max_attempts = g_value_get_uint (value);
      break;
    case PROP_MAX_METADATA_SIZE:
      self->max_metadata_size = g_value_get_uint64 (value);
      break;
    case PROP_TOKEN_STORE:
      mcp_oauth_client_set_token_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_oauth_client_class_init (McpOAuthClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mcp_oauth_client_dispose;
  object_class->finalize = mcp_oauth_client_finalize;
  object_class->get_property = mcp_oauth_client_get_property;
  object_class->set_property = mcp_oauth_client_set_property;

  /**
   * McpOAuthClient:client-id:
   *
   * A client ID registered beforehand with the authorization server (with
   * #McpOAuthClient:client-issuer, with that one only), or %NULL to use a
   * client ID metadata document or dynamic registration.
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL, flags);

  /**
   * McpOAuthClient:client-secret:
   *
   * The secret of #McpOAuthClient:client-id, or %NULL for a public client.
   */
  properties[PROP_CLIENT_SECRET] =
    g_param_spec_string ("client-secret", NULL, NULL, NULL, flags);

  /**
   * McpOAuthClient:client-issuer:
   *
   * The issuer #McpOAuthClient:client-id was registered with, or %NULL to
   * present it to any authorization server.
   */
  properties[PROP_CLIENT_ISSUER] =
    g_param_spec_string ("client-issuer", NULL, NULL, NULL, flags);

  /**
   * McpOAuthClient:client-metadata-url:
   *
   * The HTTPS URL of the application's client ID metadata document, used
   * as its client ID where the authorization server supports them, or
   * %NULL.
   */
  properties[PROP_CLIENT_METADATA_URL] =
    g_param_spec_string ("client-metadata-url", NULL, NULL, NULL, flags);

  /**
   * McpOAuthClient:client-name:
   *
   * The name sent with dynamic client registration; authorization servers
   * show it on their consent page.
   */
  properties[PROP_CLIENT_NAME] =
    g_param_spec_string ("client-name", NULL, NULL, DEFAULT_CLIENT_NAME, flags);

  /**
   * McpOAuthClient:redirect-uri:
   *
   * Where the authorization server sends the browser back to, or %NULL for
   * the client's own loopback listener (`http://127.0.0.1:PORT/callback`).
   * An application that sets its own (a custom URI scheme, say) passes the
   * URL it receives to mcp_oauth_client_deliver_redirect().
   */
  properties[PROP_REDIRECT_URI] =
    g_param_spec_string ("redirect-uri", NULL, NULL, NULL, flags);

  /**
   * McpOAuthClient:scope:
   *
   * Scopes the application always asks for, space separated, on top of
   * those the server asks for; or %NULL.
   */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL, flags);

  /**
   * McpOAuthClient:grant-type:
   *
   * How tokens are obtained.
   */
  properties[PROP_GRANT_TYPE] =
    g_param_spec_enum ("grant-type", NULL, NULL, MCP_TYPE_OAUTH_GRANT_TYPE,
                       MCP_OAUTH_GRANT_AUTHORIZATION_CODE, flags);

  /**
   * McpOAuthClient:offline-access:
   *
   * Whether to ask for `offline_access` (a refresh token, so that the user
   * is not asked again) when the authorization server offers that scope.
   */
  properties[PROP_OFFLINE_ACCESS] =
    g_param_spec_boolean ("offline-access", NULL, NULL, TRUE, flags);

  /**
   * McpOAuthClient:dpop:
   *
   * Whether to bind tokens to a key with DPoP (RFC 9449) when the
   * authorization server supports it (needs GnuTLS).
   */
  properties[PROP_DPOP] =
    g_param_spec_boolean ("dpop", NULL, NULL, TRUE, flags);

  /**
   * McpOAuthClient:authorization-timeout:
   *
   * How long, in seconds, to wait for the user to complete a sign-in.
   */
  properties[PROP_AUTHORIZATION_TIMEOUT] =
    g_param_spec_uint ("authorization-timeout", NULL, NULL, 1, G_MAXUINT,
                       DEFAULT_AUTHORIZATION_TIMEOUT, flags);

  /**
   * McpOAuthClient:max-attempts:
   *
   * How many authorizations in a row for one server, without a request
   * that succeeded in between, before the client gives up (a server that
   * keeps asking for a scope it never accepts).
   */
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 1, 100, DEFAULT_MAX_ATTEMPTS, flags);

  /**
   * McpOAuthClient:max-metadata-size:
   *
   * The largest answer, in bytes, that the client reads from a metadata,
   * registration or token endpoint.
   */
  properties[PROP_MAX_METADATA_SIZE] =
    g_param_spec_uint64 ("max-metadata-size", NULL, NULL, 1024, 16 * 1024 * 1024,
                         DEFAULT_MAX_METADATA_SIZE, flags);

  /**
   * McpOAuthClient:token-store:
   *
   * Where registrations and tokens are kept; by default an
   * #McpMemoryTokenStore.
   */
  properties[PROP_TOKEN_STORE] =
    g_param_spec_object ("token-store", NULL, NULL, MCP_TYPE_TOKEN_STORE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpOAuthClient::authorize:
   * @self: the #McpOAuthClient
   * @uri: the authorization URL to open
   *
   * The user must sign in: open @uri in a browser (gtk_show_uri(),
   * g_app_info_launch_default_for_uri()), or show it. The authorization
   * server sends the browser back to #McpOAuthClient:redirect-uri; the
   * request that needed the token goes on when the code arrives, fails
   * after #McpOAuthClient:authorization-timeout seconds, or fails at once
   * when mcp_oauth_client_cancel_authorization() is called.
   *
   * Returns: %TRUE if the handler took care of @uri; when no handler does,
   *   the request fails with %MCP_ERROR_UNAUTHORIZED
   */
  signals[SIGNAL_AUTHORIZE] =
    g_signal_new ("authorize", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
}

static void
mcp_oauth_client_init (McpOAuthClient *self)
{
  self->client_name = g_strdup (DEFAULT_CLIENT_NAME);
  self->grant_type = MCP_OAUTH_GRANT_AUTHORIZATION_CODE;
  self->offline_access = TRUE;
  self->dpop = TRUE;
  self->authorization_timeout = DEFAULT_AUTHORIZATION_TIMEOUT;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->max_metadata_size = DEFAULT_MAX_METADATA_SIZE;
  self->token_store = mcp_memory_token_store_new ();
  self->grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) grant_free);
  self->registrations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) registration_free);
  self->flows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API ----------------------------------------------------------------------- */

/**
 * mcp_oauth_client_new:
 *
 * Creates an OAuth client with a dynamic registration, the authorization
 * code grant and an in-memory token store.
 *
 * Returns: (transfer full): a new #McpOAuthClient
 */
McpOAuthClient *
mcp_oauth_client_new (void)
{
  return g_object_new (MCP_TYPE_OAUTH_CLIENT, NULL);
}

/**
 * mcp_oauth_client_get_client_id:
 * @self: a #McpOAuthClient
 *
 * Gets #McpOAuthClient:client-id.
 *
 * Returns: (nullable): the pre-registered client ID
 */
const char *
mcp_oauth_client_get_client_id (McpOAuthClient *self)
{
  g_return_val_if_fail (MCP_IS_OAUTH_CLIENT (self), NULL);

  return self->client_id;
}

/**
 * mcp_oauth_client_set_client_id:
 * @self: a #McpOAuthClient
 * @client_id: (nullable): a pre-registered client ID
 *
 * Sets #McpOAuthClient:client-id.
 */
void
mcp_oauth_client_set_client_id (McpOAuthClient *self,
                                const char     *client_id)
{
  g_return_if_fail (MCP_IS_OAUTH_CLIENT (self));

  if (_mcp_str_replace (&self->client_id, client_id))
    {
      g_hash_table_remove_all (self->registrations);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
    }
}

/**
 * mcp_oauth_client_set_client_secret:
 * @self: a #McpOAuthClient
 * @client_secret: (nullable): the secret of the pre-registered client
 *
 * Sets #McpOAuthClient:client-secret.
 */
void
mcp_oauth_client_set_client_secret (McpOAuthClient *self,
                                    const char     *client_secret)
{
  g_return_if_fail (MCP_IS_OAUTH_CLIENT (self));

  if (_mcp_str_replace (&self->client_secret, client_secret))
    {
      g_hash_table_remove_all (self->registrations);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_SECRET]);
    }
}

/**
 * mcp_oauth_client_get_client_metadata_url:
 * @self: a #McpOAuthClient
 *
 * Gets #McpOAuthClient:client-metadata-url.
 *
 * Returns: (nullable): the client ID metadata document's URL
 */
const char *
mcp_oauth_client_get_client_metadata_url (McpOAuthClient *self)
{
  g_return_val_if_fail (MCP_IS_OAUTH_CLIENT (self), NULL);

  return self->client_metadata_url;
}

/**
 * mcp_oauth_client_set_client_metadata_url:
 * @self: a #McpOAuthClient
 * @url: (nullable): the URL of the application's client ID metadata document
 *
 * Sets #McpOAuthClient:client-metadata-url.
 */
void
mcp_oauth_client_set_client_metadata_url (McpOAuthClient *self,
                                          const char     *url)
{
  g_return_if_fail (MCP_IS_OAUTH_CLIENT (self));

  if (_mcp_str_replace (&self->client_metadata_url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_METADATA_URL]);
}

/**
 * mcp_oauth_client_get_redirect_uri:
 * @self: a #McpOAuthClient
 *
 * Gets #McpOAuthClient:redirect-uri.
 *
 * Returns: (nullable): the redirect URI the application set
 */
const char *
mcp_oauth_client_get_redirect_uri (McpOAuthClient *self)
{
  g_return_val_if_fail (MCP_IS_OAUTH_CLIENT (self), NULL);

  return self->redirect_uri;
}

/**
 * mcp_oauth_client_set_redirect_uri:
 * @self: a #McpOAuthClient
 * @uri: (nullable): the redirect URI, or %NULL for the loopback listener
 *
 * Sets #McpOAuthClient:redirect-uri.
 */
void
mcp_oauth_client_set_redirect_uri (McpOAuthClient *self,
                                   const char     *uri)
{
  g_return_if_fail (MCP_IS_OAUTH_CLIENT (self));

  if (_mcp_str_replace (&self->redirect_uri, uri))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDIRECT_URI]);
}

/**
 * mcp_oauth_client_get_scope:
 * @self: a #McpOAuthClient
 *
 * Gets #McpOAuthClient:scope.
 *
 * Returns: (nullable): the scopes the application always asks for
 */
const char *
mcp_oauth_client_get_scope (McpOAuthClient *self)
{
  g_return_val_if_fail (MCP_IS_OAUTH_CLIENT (self), NULL);

  return self->scope;
}

/**
 * mcp_oauth_client_set_scope:
 * @self: a #McpOAuthClient
 * @scope: (nullable): space-separated scopes
 *
 * Sets #McpOAuthClient:scope.
 */
void
mcp_oauth_client_set_scope (McpOAuthClient *self,
                            const char     *scope)
{
  g_return_if_fail (MCP_IS_OAUTH_CLIENT (self));

  if (_mcp_str_replace (&self->scope, scope))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

/**
 * mcp_oauth_client_get_grant_type:
 * @self: a #McpOAuthClient
 *
 * Gets #McpOAuthClient:grant-type.
 *
 * Returns: how tokens are obtained
 */
McpOAuthGrantType
mcp_oauth_client_get_grant_type (McpOAuthClient *self)
{
  g_return_val_if_fail (MCP_IS_OAUTH_CLIENT (self), MCP_OAUTH_GRANT_AUTHORIZATION_CODE);

  return self->grant_type;
}

/**
 * mcp_oauth_client_set_grant_type:
 * @self: a #McpOAuthClient
 * @grant_type: how to obtain tokens
 *
 * Sets #McpOAuthClient:grant-type.
 */
void
mcp_oauth_client_set_grant_type (McpOAuthClient    *self,
                                 McpOAuthGrantType  grant_type)
{
  g_return_if_fail (MCP_IS_OAUTH_CLIENT (self));

  if (self->grant_type == grant_type)
    return;
  self->grant_type = grant_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRANT_TYPE]);
}

/**
 * mcp_oauth_client_get_token_store:
 * @self: a #McpOAuthClient
 *
 * Gets #McpOAuthClient:token-store.
 *
 * Returns: (transfer none): the token store
 */
McpTokenStore *
mcp_oauth_client_get_token_store (McpOAuthClient *self)
{
  g_return_val_if_fail (MCP_IS_OAUTH_CLIENT (self), NULL);

  return self->token_store;
}

/**
 * mcp_oauth_client_set_token_store:
 * @self: a #McpOAuthClient
 * @store: (nullable): a token store, or %NULL for a new in-memory one
 *
 * Sets #McpOAuthClient:token-store. What the client holds in memory stays;
 * what it learns from now on goes to @store.
 */
void
mcp_oauth_client_set_token_store (McpOAuthClient *self,
                                  McpTokenStore  *store)
{
  g_autoptr(McpTokenStore) replacement = NULL;

  g_return_if_fail (MCP_IS_OAUTH_CLIENT (self));
  g_return_if_fail (store == NULL || MCP_IS_TOKEN_STORE (store));

  if (store == NULL)
    store = replacement = mcp_memory_token_store_new ();
  if (g_set_object (&self->token_store, store))
    {
      g_hash_table_remove_all (self->registrations);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_STORE]);
    }
}

/**
 * mcp_oauth_client_set_private_key:
 * @self: a #McpOAuthClient
 * @pem: (nullable): the client's private key, PEM (PKCS#8, or PKCS#1 / SEC 1),
 *   or %NULL to forget it
 * @algorithm: (nullable): the JWS algorithm to sign with (`ES256`,
 *   `RS256`, …), or %NULL for the key's usual one
 * @error: return location for a #GError
 *
 * Sets the key of a pre-registered client (#McpOAuthClient:client-id) that
 * authenticates to the token endpoint with `private_key_jwt` (RFC 7523),
 * as the client credentials extension does. Needs GnuTLS.
 *
 * Returns: %TRUE if the key can sign with @algorithm
 */
gboolean
mcp_oauth_client_set_private_key (McpOAuthClient  *self,
                                  const char      *pem,
                                  const char      *algorithm,
                                  GError         **error)
{
  g_autoptr(McpJoseKey) key = NULL;
  const char *alg = algorithm;

  g_return_val_if_fail (MCP_IS_OAUTH_CLIENT (self), FALSE);

  if (pem == NULL)
    {
      g_clear_pointer (&self->private_key, _mcp_jose_key_unref);
      g_clear_pointer (&self->signing_alg, g_free);
      return TRUE;
    }

  key = _mcp_jose_key_from_pem (pem, -1, error);
  if (key == NULL)
    return FALSE;
  if (!_mcp_jose_key_is_private (key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "The key is not a private key");
      return FALSE;
    }
  if (alg == NULL)
    alg = _mcp_jose_key_get_alg (key) != NULL ? _mcp_jose_key_get_alg (key)
          : g_strcmp0 (_mcp_jose_key_get_kty (key), "EC") == 0 ? "ES256" : "RS256";
  if (!_mcp_jose_key_supports_alg (key, alg))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The key cannot sign with %s", alg);
      return FALSE;
    }

  g_clear_pointer (&self->private_key, _mcp_jose_key_unref);
  self->private_key = g_steal_pointer (&key);
  _mcp_str_replace (&self->signing_alg, alg);
  return TRUE;
}

/* The query of a redirect, whichever way it came. */
static gboolean
deliver_query (McpOAuthClient  *self,
               GHashTable      *query,
               GError         **error)
{
  Flow *flow = self->awaiting;
  g_autoptr(GError) local_error = NULL;

  if (flow == NULL)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_FAILED, "No authorization is waiting for a redirect");
      return FALSE;
    }

  if (!complete_authorization (flow, query, &local_error))
    {
      /* A redirect that is not ours (a wrong state) leaves the flow
       * waiting; one that is ours but refused ends it. */
      if (g_hash_table_lookup (query, "state") != NULL &&
          _mcp_constant_time_equal (g_hash_table_lookup (query, "state"), flow->state))
        {
          flow->self->awaiting = NULL;
          flow_finish (flow, g_error_copy (local_error));
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * mcp_oauth_client_deliver_redirect:
 * @self: a #McpOAuthClient
 * @uri: the URL the authorization server redirected the browser to
 *
 * Hands over the redirect that ends a sign-in, for an application with a
 * #McpOAuthClient:redirect-uri of its own. The loopback listener does this
 * by itself.
 *
 * Returns: %TRUE if @uri completed the sign-in that was waiting; %FALSE
 *   with @error set if none was waiting, or @uri does not answer it (a
 *   wrong state or issuer), or the server refused the sign-in
 */
gboolean
mcp_oauth_client_deliver_redirect (McpOAuthClient  *self,
                                   const char      *uri,
                                   GError         **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) query = NULL;

  g_return_val_if_fail (MCP_IS_OAUTH_CLIENT (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, error);
  if (parsed == NULL)
    return FALSE;

  if (g_uri_get_query (parsed) != NULL)
    query = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  if (query == NULL)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "The redirect carries no parameters");
      return FALSE;
    }

  return deliver_query (self, query, error);
}

/**
 * mcp_oauth_client_cancel_authorization:
 * @self: a #McpOAuthClient
 *
 * Gives up the sign-in that waits for the user, if any: the requests that
 * needed it fail.
 */
void
mcp_oauth_client_cancel_authorization (McpOAuthClient *self)
{
  Flow *flow;

  g_return_if_fail (MCP_IS_OAUTH_CLIENT (self));

  flow = self->awaiting;
  if (flow == NULL)
    return;
  self->awaiting = NULL;
  flow_finish (flow, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The sign-in was cancelled"));
}

/**
 * mcp_oauth_client_dup_granted_scope:
 * @self: a #McpOAuthClient
 * @server_url: the MCP server's URL, as the transport has it
 *
 * Gets the scopes the client holds a token with for @server_url.
 *
 * Returns: (transfer full) (nullable): the granted scopes, space separated,
 *   or %NULL without a token
 */
char *
mcp_oauth_client_dup_granted_scope (McpOAuthClient *self,
                                    const char     *server_url)
{
  Grant *grant;

  g_return_val_if_fail (MCP_IS_OAUTH_CLIENT (self), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  grant = g_hash_table_lookup (self->grants, server_url);
  if (grant == NULL || grant->access_token == NULL)
    return NULL;
  return g_strdup (grant->scope);
}
