/* mcp-client-certificate-provider.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-client-certificate-provider.h"
#include "mcp-error.h"

#include "mcp-auth-private.h"
#include "mcp-json-node-private.h"

/**
 * McpClientCertificateProvider:
 *
 * TLS client certificates as identities.
 *
 * It needs a TLS listener that asks for client certificates and trusts
 * their issuers: set #McpHttpServerTransport:tls-certificate,
 * #McpHttpServerTransport:tls-client-auth and
 * #McpHttpServerTransport:tls-client-ca-file (or the same properties of
 * #McpWebSocketServerTransport). The TLS handshake verifies the
 * certificate against those CAs (chain, validity period, key usage); the
 * transport hands this provider only a certificate that passed, through
 * mcp_auth_provider_authenticate_peer_async().
 *
 * A subject is a distinguished name written as RFC 4514 strings are,
 * with its relative distinguished names in either order: `CN=alice,O=Example`
 * (RFC 4514's order, most specific first: `openssl x509 -noout -subject
 * -nameopt RFC2253`) or `O=Example,CN=alice` (the certificate's own order,
 * which GIO's GnuTLS backend prints in g_tls_certificate_get_subject_name()).
 * Attribute names and values are compared byte for byte.
 *
 * The identity's principal is the subject as it was added (for an
 * unlisted one let in, as g_tls_certificate_get_subject_name() gives it),
 * its permissions are those given to that subject with
 * mcp_client_certificate_provider_add_subject(), its expiry is the end of
 * the certificate's validity, its claims hold `subject` and `issuer` (as
 * GIO prints them), and #McpAuthInfo:certificate is the certificate itself.
 *
 * A verified certificate whose subject was not added is refused (401)
 * unless #McpClientCertificateProvider:allow-unlisted is set; then it is
 * let in without permissions. A subject names a client only as well as
 * the trusted CAs keep subjects apart: trust only CAs that issue client
 * certificates for this service. A request without a certificate is
 * refused; put the provider in an #McpAuthChain beside another to accept
 * either.
 *
 * Since: 0.1
 */

struct _McpClientCertificateProvider
{
  GObject     parent_instance;

  GHashTable *subjects;   /* subject DN → GStrv of permissions */
  gboolean    allow_unlisted;
};

static void auth_provider_iface_init (McpAuthProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpClientCertificateProvider, mcp_client_certificate_provider,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_AUTH_PROVIDER,
                                                      auth_provider_iface_init))

enum {
  PROP_0,
  PROP_ALLOW_UNLISTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_client_certificate_provider_finalize (GObject *object)
{
  McpClientCertificateProvider *self = MCP_CLIENT_CERTIFICATE_PROVIDER (object);

  g_clear_pointer (&self->subjects, g_hash_table_unref);

  G_OBJECT_CLASS (mcp_client_certificate_provider_parent_class)->finalize (object);
}

static void
mcp_client_certificate_provider_get_property (GObject    *object,
                                              guint       prop_id,
                                              GValue     *value,
                                              GParamSpec *pspec)
{
  McpClientCertificateProvider *self = MCP_CLIENT_CERTIFICATE_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ALLOW_UNLISTED:
      g_value_set_boolean (value, self->allow_unlisted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_client_certificate_provider_set_property (GObject      *object,
                                              guint         prop_id,
                                              const GValue *value,
                                              GParamSpec   *pspec)
{
  McpClientCertificateProvider *self = MCP_CLIENT_CERTIFICATE_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ALLOW_UNLISTED:
      mcp_client_certificate_provider_set_allow_unlisted (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_client_certificate_provider_class_init (McpClientCertificateProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_client_certificate_provider_finalize;
  object_class->get_property = mcp_client_certificate_provider_get_property;
  object_class->set_property = mcp_client_certificate_provider_set_property;

  /**
   * McpClientCertificateProvider:allow-unlisted:
   *
   * Whether a verified certificate whose subject was not added is let in,
   * without permissions. When %FALSE (the default) it is refused.
   *
   * Since: 0.1
   */
  properties[PROP_ALLOW_UNLISTED] =
    g_param_spec_boolean ("allow-unlisted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_client_certificate_provider_init (McpClientCertificateProvider *self)
{
  self->subjects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_strfreev);
}

/* Authentication --------------------------------------------------------------- */

/* @dn with its RDNs the other way round: split at the commas that are not
 * escaped (RFC 4514 §2.4), a multi-valued RDN ("A=1+B=2") kept whole. */
static char *
reverse_rdns (const char *dn)
{
  g_autoptr(GPtrArray) rdns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) reversed = g_string_new (NULL);
  const char *start = dn;

  for (const char *p = dn; ; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == ',' || *p == '\0')
        {
          g_ptr_array_add (rdns, g_strndup (start, p - start));
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }

  for (guint i = rdns->len; i > 0; i--)
    {
      if (reversed->len > 0)
        g_string_append_c (reversed, ',');
      g_string_append (reversed, g_ptr_array_index (rdns, i - 1));
    }

  return g_string_free (g_steal_pointer (&reversed), FALSE);
}

/* The subject as it was added, and its permissions, or NULL. */
static gboolean
lookup_subject (McpClientCertificateProvider  *self,
                const char                    *subject,
                const char                   **listed,
                const char * const           **permissions)
{
  g_autofree char *reversed = NULL;

  if (g_hash_table_lookup_extended (self->subjects, subject, (gpointer *) listed,
                                    (gpointer *) permissions))
    return TRUE;

  reversed = reverse_rdns (subject);
  return g_hash_table_lookup_extended (self->subjects, reversed, (gpointer *) listed,
                                       (gpointer *) permissions);
}

static gint64
unix_time_or (GDateTime *time,
              gint64     otherwise)
{
  return time != NULL ? g_date_time_to_unix (time) : otherwise;
}

static McpAuthInfo *
identify (McpClientCertificateProvider  *self,
          GTlsCertificate               *certificate,
          GError                       **error)
{
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;
  g_autoptr(GDateTime) not_before = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autoptr(JsonNode) claims = NULL;
  JsonObject *object;
  const char * const *permissions = NULL;
  const char *principal = NULL;
  McpAuthInfo *info;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (certificate == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "A TLS client certificate is required");
      return NULL;
    }

  /* The handshake checked these already; a kept-alive connection may
   * outlive its certificate, though. */
  not_before = g_tls_certificate_get_not_valid_before (certificate);
  not_after = g_tls_certificate_get_not_valid_after (certificate);
  if (now < unix_time_or (not_before, G_MININT64))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The TLS client certificate is not valid yet");
      return NULL;
    }
  if (now > unix_time_or (not_after, G_MAXINT64))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The TLS client certificate has expired");
      return NULL;
    }

  subject = g_tls_certificate_get_subject_name (certificate);
  if (subject == NULL || *subject == '\0')
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The TLS client certificate names no subject");
      return NULL;
    }

  if (!lookup_subject (self, subject, &principal, &permissions) && !self->allow_unlisted)
    {
      /* The subject is not repeated: the message goes to the client. */
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The TLS client certificate's subject is not allowed");
      return NULL;
    }

  issuer = g_tls_certificate_get_issuer_name (certificate);
  object = json_object_new ();
  json_object_set_string_member (object, "subject", subject);
  if (issuer != NULL)
    json_object_set_string_member (object, "issuer", issuer);
  claims = _mcp_json_node_new_object (object);

  info = mcp_auth_info_new (principal != NULL ? principal : subject, permissions);
  if (not_after != NULL && g_date_time_to_unix (not_after) > 0)
    mcp_auth_info_set_expires_at (info, g_date_time_to_unix (not_after));
  mcp_auth_info_set_claims (info, claims);
  mcp_auth_info_set_certificate (info, certificate);

  return info;
}

static void
authenticate_peer_async (McpAuthProvider     *provider,
                         SoupMessageHeaders  *headers,
                         GSocketAddress      *remote_address,
                         GTlsCertificate     *peer_certificate,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  McpClientCertificateProvider *self = MCP_CLIENT_CERTIFICATE_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  McpAuthInfo *info;

  g_task_set_source_tag (task, authenticate_peer_async);

  info = identify (self, peer_certificate, &error);
  if (info != NULL)
    g_task_return_pointer (task, info, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Without a certificate, nobody. */
static void
authenticate_async (McpAuthProvider     *provider,
                    SoupMessageHeaders  *headers,
                    GSocketAddress      *remote_address,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  authenticate_peer_async (provider, headers, remote_address, NULL, cancellable, callback,
                           user_data);
}

static void
auth_provider_iface_init (McpAuthProviderInterface *iface)
{
  iface->authenticate_async = authenticate_async;
  iface->authenticate_peer_async = authenticate_peer_async;
}

/* Public ------------------------------------------------------------------------ */

/**
 * mcp_client_certificate_provider_new:
 *
 * Creates a provider with no subjects: it refuses every certificate until
 * subjects are added or #McpClientCertificateProvider:allow-unlisted is
 * set.
 *
 * Returns: (transfer full): a new #McpClientCertificateProvider
 *
 * Since: 0.1
 */
McpClientCertificateProvider *
mcp_client_certificate_provider_new (void)
{
  return g_object_new (MCP_TYPE_CLIENT_CERTIFICATE_PROVIDER, NULL);
}

/**
 * mcp_client_certificate_provider_add_subject:
 * @self: an #McpClientCertificateProvider
 * @subject: a subject distinguished name, such as `CN=alice,O=Example`
 *   (its RDNs in either order)
 * @permissions: (array zero-terminated=1) (nullable): what a client with a
 *   verified certificate for @subject may do
 *
 * Lets in verified certificates for @subject with @permissions, replacing
 * what @subject had. It is also the principal of their identities.
 *
 * Since: 0.1
 */
void
mcp_client_certificate_provider_add_subject (McpClientCertificateProvider *self,
                                             const char                   *subject,
                                             const char * const           *permissions)
{
  char **copy;

  g_return_if_fail (MCP_IS_CLIENT_CERTIFICATE_PROVIDER (self));
  g_return_if_fail (subject != NULL && *subject != '\0');

  copy = g_strdupv ((char **) permissions);
  if (copy == NULL)
    copy = g_new0 (char *, 1);
  g_hash_table_replace (self->subjects, g_strdup (subject), copy);
}

/**
 * mcp_client_certificate_provider_remove_subject:
 * @self: an #McpClientCertificateProvider
 * @subject: a subject added before
 *
 * Stops letting in @subject by name. Sessions it opened stay open; their
 * next request is refused.
 *
 * Returns: whether @subject was there
 *
 * Since: 0.1
 */
gboolean
mcp_client_certificate_provider_remove_subject (McpClientCertificateProvider *self,
                                                const char                   *subject)
{
  g_return_val_if_fail (MCP_IS_CLIENT_CERTIFICATE_PROVIDER (self), FALSE);
  g_return_val_if_fail (subject != NULL, FALSE);

  return g_hash_table_remove (self->subjects, subject);
}

/**
 * mcp_client_certificate_provider_get_allow_unlisted:
 * @self: an #McpClientCertificateProvider
 *
 * Gets #McpClientCertificateProvider:allow-unlisted.
 *
 * Returns: whether unlisted subjects are let in
 *
 * Since: 0.1
 */
gboolean
mcp_client_certificate_provider_get_allow_unlisted (McpClientCertificateProvider *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT_CERTIFICATE_PROVIDER (self), FALSE);

  return self->allow_unlisted;
}

/**
 * mcp_client_certificate_provider_set_allow_unlisted:
 * @self: an #McpClientCertificateProvider
 * @allow_unlisted: whether to let in verified certificates of subjects not
 *   added, without permissions
 *
 * Sets #McpClientCertificateProvider:allow-unlisted.
 *
 * Since: 0.1
 */
void
mcp_client_certificate_provider_set_allow_unlisted (McpClientCertificateProvider *self,
                                                    gboolean                      allow_unlisted)
{
  g_return_if_fail (MCP_IS_CLIENT_CERTIFICATE_PROVIDER (self));

  allow_unlisted = !!allow_unlisted;
  if (self->allow_unlisted == allow_unlisted)
    return;

  self->allow_unlisted = allow_unlisted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_UNLISTED]);
}
