/* mcp-listener-settings.c: where and whom the HTTP and WebSocket server
 * transports serve, with the properties both install
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-admission-private.h"
#include "mcp-error.h"
#include "mcp-listener-private.h"
#include "mcp-str-private.h"

void
_mcp_listener_settings_init (McpListenerSettings *settings)
{
  *settings = (McpListenerSettings) { 0 };
  _mcp_listener_limits_init (&settings->limits);
}

void
_mcp_listener_settings_clear (McpListenerSettings *settings)
{
  g_clear_pointer (&settings->host, g_free);
  g_clear_pointer (&settings->auth_token, g_free);
  g_clear_pointer (&settings->allowed_origins, g_strfreev);
  g_clear_pointer (&settings->allowed_hosts, g_strfreev);
  g_clear_object (&settings->tls_certificate);
  g_clear_pointer (&settings->tls_client_ca_file, g_free);
  g_clear_object (&settings->tls_database);
  g_clear_object (&settings->listener);
}

/* The transports document these in their own class_init. */
void
_mcp_listener_settings_install_pspecs (GParamSpec  **properties,
                                       const guint  *prop_ids,
                                       gboolean      construct_only_address)
{
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  properties[prop_ids[MCP_LISTENER_SETTING_HOST]] =
    g_param_spec_string ("host", NULL, NULL, NULL,
                         rw | (construct_only_address ? G_PARAM_CONSTRUCT_ONLY
                                                      : G_PARAM_EXPLICIT_NOTIFY));
  properties[prop_ids[MCP_LISTENER_SETTING_PORT]] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                       rw | G_PARAM_EXPLICIT_NOTIFY |
                       (construct_only_address ? G_PARAM_CONSTRUCT_ONLY : 0));
  properties[prop_ids[MCP_LISTENER_SETTING_AUTH_TOKEN]] =
    g_param_spec_string ("auth-token", NULL, NULL, NULL, rw | G_PARAM_EXPLICIT_NOTIFY);
  properties[prop_ids[MCP_LISTENER_SETTING_ALLOWED_ORIGINS]] =
    g_param_spec_boxed ("allowed-origins", NULL, NULL, G_TYPE_STRV,
                        rw | G_PARAM_EXPLICIT_NOTIFY);
  properties[prop_ids[MCP_LISTENER_SETTING_ALLOWED_HOSTS]] =
    g_param_spec_boxed ("allowed-hosts", NULL, NULL, G_TYPE_STRV,
                        rw | G_PARAM_EXPLICIT_NOTIFY);
  properties[prop_ids[MCP_LISTENER_SETTING_TLS_CERTIFICATE]] =
    g_param_spec_object ("tls-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                         rw | G_PARAM_EXPLICIT_NOTIFY);
  properties[prop_ids[MCP_LISTENER_SETTING_TLS_CLIENT_AUTH]] =
    g_param_spec_enum ("tls-client-auth", NULL, NULL, G_TYPE_TLS_AUTHENTICATION_MODE,
                       G_TLS_AUTHENTICATION_NONE, rw | G_PARAM_EXPLICIT_NOTIFY);
  properties[prop_ids[MCP_LISTENER_SETTING_TLS_CLIENT_CA_FILE]] =
    g_param_spec_string ("tls-client-ca-file", NULL, NULL, NULL, rw | G_PARAM_EXPLICIT_NOTIFY);
  properties[prop_ids[MCP_LISTENER_SETTING_TLS_DATABASE]] =
    g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE,
                         rw | G_PARAM_EXPLICIT_NOTIFY);

  _mcp_listener_install_pspecs (properties + prop_ids[MCP_LISTENER_SETTING_LIMITS]);
}

/* Which setting @prop_id is, or MCP_LISTENER_N_SETTINGS; @limit is set to
 * the McpListenerLimit for MCP_LISTENER_SETTING_LIMITS. */
static McpListenerSetting
lookup (const guint *prop_ids,
        guint        prop_id,
        guint       *limit)
{
  guint first_limit = prop_ids[MCP_LISTENER_SETTING_LIMITS];

  if (prop_id >= first_limit && prop_id - first_limit < MCP_LISTENER_N_PROPS)
    {
      *limit = prop_id - first_limit;
      return MCP_LISTENER_SETTING_LIMITS;
    }

  for (guint i = 0; i < MCP_LISTENER_SETTING_LIMITS; i++)
    if (prop_ids[i] == prop_id)
      return i;

  return MCP_LISTENER_N_SETTINGS;
}

gboolean
_mcp_listener_settings_get_property (const McpListenerSettings *settings,
                                     const guint               *prop_ids,
                                     guint                      prop_id,
                                     GValue                    *value)
{
  guint limit = 0;

  switch (lookup (prop_ids, prop_id, &limit))
    {
    case MCP_LISTENER_SETTING_HOST:
      g_value_set_string (value, settings->host);
      return TRUE;
    case MCP_LISTENER_SETTING_PORT:
      g_value_set_uint (value, settings->port);
      return TRUE;
    case MCP_LISTENER_SETTING_AUTH_TOKEN:
      g_value_set_string (value, settings->auth_token);
      return TRUE;
    case MCP_LISTENER_SETTING_ALLOWED_ORIGINS:
      g_value_set_boxed (value, settings->allowed_origins);
      return TRUE;
    case MCP_LISTENER_SETTING_ALLOWED_HOSTS:
      g_value_set_boxed (value, settings->allowed_hosts);
      return TRUE;
    case MCP_LISTENER_SETTING_TLS_CERTIFICATE:
      g_value_set_object (value, settings->tls_certificate);
      return TRUE;
    case MCP_LISTENER_SETTING_TLS_CLIENT_AUTH:
      g_value_set_enum (value, settings->tls_client_auth);
      return TRUE;
    case MCP_LISTENER_SETTING_TLS_CLIENT_CA_FILE:
      g_value_set_string (value, settings->tls_client_ca_file);
      return TRUE;
    case MCP_LISTENER_SETTING_TLS_DATABASE:
      g_value_set_object (value, settings->tls_database);
      return TRUE;
    case MCP_LISTENER_SETTING_LIMITS:
      _mcp_listener_get_property (&settings->limits, settings->listener, limit, value);
      return TRUE;
    case MCP_LISTENER_N_SETTINGS:
    default:
      return FALSE;
    }
}

gboolean
_mcp_listener_settings_set_property (GObject             *object,
                                     McpListenerSettings *settings,
                                     GParamSpec         **properties,
                                     const guint         *prop_ids,
                                     guint                prop_id,
                                     const GValue        *value)
{
  McpListenerSetting setting;
  GParamSpec *pspec;
  guint limit = 0;

  setting = lookup (prop_ids, prop_id, &limit);
  if (setting == MCP_LISTENER_N_SETTINGS)
    return FALSE;

  pspec = properties[prop_id];
  switch (setting)
    {
    case MCP_LISTENER_SETTING_HOST:
      _mcp_listener_settings_set_host (object, settings, pspec, g_value_get_string (value));
      break;
    case MCP_LISTENER_SETTING_PORT:
      _mcp_listener_settings_set_port (object, settings, pspec, g_value_get_uint (value));
      break;
    case MCP_LISTENER_SETTING_AUTH_TOKEN:
      _mcp_listener_settings_set_auth_token (object, settings, pspec, g_value_get_string (value));
      break;
    case MCP_LISTENER_SETTING_ALLOWED_ORIGINS:
      _mcp_listener_settings_set_allowed_origins (object, settings, pspec,
                                                  g_value_get_boxed (value));
      break;
    case MCP_LISTENER_SETTING_ALLOWED_HOSTS:
      _mcp_listener_settings_set_allowed_hosts (object, settings, pspec,
                                                g_value_get_boxed (value));
      break;
    case MCP_LISTENER_SETTING_TLS_CERTIFICATE:
      _mcp_listener_settings_set_tls_certificate (object, settings, pspec,
                                                  g_value_get_object (value));
      break;
    case MCP_LISTENER_SETTING_TLS_CLIENT_AUTH:
      _mcp_listener_settings_set_tls_client_auth (object, settings, pspec,
                                                  g_value_get_enum (value));
      break;
    case MCP_LISTENER_SETTING_TLS_CLIENT_CA_FILE:
      _mcp_listener_settings_set_tls_client_ca_file (object, settings, pspec,
                                                     g_value_get_string (value));
      break;
    case MCP_LISTENER_SETTING_TLS_DATABASE:
      _mcp_listener_settings_set_tls_database (object, settings, pspec,
                                               g_value_get_object (value));
      break;
    case MCP_LISTENER_SETTING_LIMITS:
      if (_mcp_listener_set_property (&settings->limits, settings->listener, limit, value))
        g_object_notify_by_pspec (object, pspec);
      break;
    case MCP_LISTENER_N_SETTINGS:
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

void
_mcp_listener_settings_set_host (GObject             *object,
                                 McpListenerSettings *settings,
                                 GParamSpec          *pspec,
                                 const char          *host)
{
  if (_mcp_str_replace (&settings->host, host))
    g_object_notify_by_pspec (object, pspec);
}

void
_mcp_listener_settings_set_port (GObject             *object,
                                 McpListenerSettings *settings,
                                 GParamSpec          *pspec,
                                 guint                port)
{
  if (settings->port == port)
    return;

  settings->port = port;
  g_object_notify_by_pspec (object, pspec);
}

void
_mcp_listener_settings_set_auth_token (GObject             *object,
                                       McpListenerSettings *settings,
                                       GParamSpec          *pspec,
                                       const char          *token)
{
  /* An empty token (MCP_AUTH_TOKEN= in a unit file) asks for none: no
   * client could present it. */
  if (token != NULL && *token == '\0')
    token = NULL;
  if (_mcp_str_replace (&settings->auth_token, token))
    g_object_notify_by_pspec (object, pspec);
}

void
_mcp_listener_settings_set_allowed_origins (GObject             *object,
                                            McpListenerSettings *settings,
                                            GParamSpec          *pspec,
                                            const char * const  *origins)
{
  if (_mcp_strv_replace (&settings->allowed_origins, origins))
    g_object_notify_by_pspec (object, pspec);
}

void
_mcp_listener_settings_set_allowed_hosts (GObject             *object,
                                          McpListenerSettings *settings,
                                          GParamSpec          *pspec,
                                          const char * const  *hosts)
{
  if (_mcp_strv_replace (&settings->allowed_hosts, hosts))
    g_object_notify_by_pspec (object, pspec);
}

void
_mcp_listener_settings_set_tls_certificate (GObject             *object,
                                            McpListenerSettings *settings,
                                            GParamSpec          *pspec,
                                            GTlsCertificate     *certificate)
{
  if (g_set_object (&settings->tls_certificate, certificate))
    g_object_notify_by_pspec (object, pspec);
}

void
_mcp_listener_settings_set_tls_client_auth (GObject               *object,
                                            McpListenerSettings   *settings,
                                            GParamSpec            *pspec,
                                            GTlsAuthenticationMode mode)
{
  if (settings->tls_client_auth == mode)
    return;

  settings->tls_client_auth = mode;
  g_object_notify_by_pspec (object, pspec);
}

void
_mcp_listener_settings_set_tls_client_ca_file (GObject             *object,
                                               McpListenerSettings *settings,
                                               GParamSpec          *pspec,
                                               const char          *filename)
{
  if (_mcp_str_replace (&settings->tls_client_ca_file, filename))
    g_object_notify_by_pspec (object, pspec);
}

void
_mcp_listener_settings_set_tls_database (GObject             *object,
                                         McpListenerSettings *settings,
                                         GParamSpec          *pspec,
                                         GTlsDatabase        *database)
{
  if (g_set_object (&settings->tls_database, database))
    g_object_notify_by_pspec (object, pspec);
}

McpAdmissionPolicy
_mcp_listener_settings_policy (const McpListenerSettings *settings,
                               gboolean                   loopback_without_listener)
{
  return (McpAdmissionPolicy) {
    .loopback = settings->listener != NULL ? _mcp_listener_is_loopback (settings->listener)
                                           : loopback_without_listener,
    .allowed_hosts = (const char * const *) settings->allowed_hosts,
    .allowed_origins = (const char * const *) settings->allowed_origins,
    .auth_token = settings->auth_token,
    .client_certificate_required = settings->tls_client_auth == G_TLS_AUTHENTICATION_REQUIRED,
  };
}

gboolean
_mcp_listener_settings_listen (McpListenerSettings  *settings,
                               SoupServer           *server,
                               GError              **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GTlsDatabase) client_database = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (settings->listener == NULL, FALSE);

  /* A server that asks for client certificates says whose it trusts:
   * never the system's CAs, which issue certificates to anybody. */
  if (settings->tls_client_auth != G_TLS_AUTHENTICATION_NONE)
    {
      if (settings->tls_certificate == NULL)
        {
          g_set_error_literal (error, MCP_ERROR, MCP_ERROR_TRANSPORT,
                               "tls-client-auth needs a tls-certificate");
          return FALSE;
        }

      if (settings->tls_database != NULL)
        client_database = g_object_ref (settings->tls_database);
      else if (settings->tls_client_ca_file != NULL)
        {
          client_database = g_tls_file_database_new (settings->tls_client_ca_file, &local_error);
          if (client_database == NULL)
            {
              g_set_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT,
                           "Could not load the client CAs of %s: %s",
                           settings->tls_client_ca_file, local_error->message);
              return FALSE;
            }
        }
      else
        {
          g_set_error_literal (error, MCP_ERROR, MCP_ERROR_TRANSPORT,
                               "tls-client-auth needs a tls-client-ca-file or a tls-database");
          return FALSE;
        }
    }

  address = _mcp_listener_resolve (settings->host, settings->port, &local_error);
  if (address == NULL)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT, "Could not resolve %s: %s",
                   settings->host, local_error->message);
      return FALSE;
    }

  settings->listener = _mcp_listener_new (server, address, settings->reuse_port,
                                          settings->tls_certificate,
                                          settings->tls_client_auth, client_database,
                                          &settings->limits, &local_error);
  if (settings->listener == NULL)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT, "Could not listen on %s:%u: %s",
                   settings->host != NULL ? settings->host : "127.0.0.1", settings->port,
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

void
_mcp_listener_settings_stop (McpListenerSettings *settings,
                             SoupServer          *server)
{
  if (settings->listener != NULL)
    _mcp_listener_stop (settings->listener);
  if (server != NULL)
    soup_server_disconnect (server);
  g_clear_object (&settings->listener);
}
