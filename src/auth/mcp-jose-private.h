/* mcp-jose-private.h: JSON Web Keys (RFC 7517), JSON Web Signatures
 * (RFC 7515) and the algorithms of RFC 7518 that mcp-glib speaks: HS256/384/512
 * with GLib alone, RS256/384/512, PS256/384/512, ES256 and ES384 with GnuTLS.
 *
 * A key knows its family (oct, RSA, EC) and, when it was told, its
 * algorithm: signing or verifying with an algorithm of another family, or
 * another algorithm than the key's own, is refused, and "none" always is.
 * Without GnuTLS every asymmetric function fails with
 * G_IO_ERROR_NOT_SUPPORTED ("built without GnuTLS").
 *
 * Errors are G_IO_ERROR: NOT_SUPPORTED (an algorithm or key type this build
 * does not do), INVALID_ARGUMENT (a key used with the wrong algorithm),
 * INVALID_DATA (a malformed key, PEM, token or signature).
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

/* _mcp_base64url_encode() lives with the request-state tokens in
 * protocol/, the layer below, which uses it too. */
#include "mcp-request-state-private.h"

G_BEGIN_DECLS

typedef struct _McpJoseKey McpJoseKey;              /* refcounted, opaque */

McpJoseKey *_mcp_jose_key_ref             (McpJoseKey    *key);
void        _mcp_jose_key_unref           (McpJoseKey    *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpJoseKey, _mcp_jose_key_unref)

/* "ES256" (P-256), "ES384" (P-384), "RS256"/"RS384"/"RS512"/"PS256"/…
 * (RSA 2048). Its kid is its RFC 7638 thumbprint. */
McpJoseKey *_mcp_jose_key_generate        (const char    *alg,
                                           GError       **error);
/* RSA and EC P-256/P-384 public keys; private when "d" (and for RSA "p"
 * and "q") are present; "oct" keys ("k") for HS256/384/512. An "alg"
 * member binds the key to that algorithm; "use" other than "sig" is
 * refused. */
McpJoseKey *_mcp_jose_key_from_jwk        (JsonObject    *jwk,
                                           GError       **error);
/* PKCS#8 / SPKI PEM (and the PKCS#1 / SEC 1 forms), private or public.
 * @len -1: NUL-terminated. */
McpJoseKey *_mcp_jose_key_from_pem        (const char    *pem,
                                           gssize         len,
                                           GError       **error);
/* A shared secret for HS256/384/512; @alg NULL: any of them. */
McpJoseKey *_mcp_jose_key_new_secret      (const guint8  *secret,
                                           gsize          len,
                                           const char    *alg);

/* Only the public members, "kty", "crv"/"x"/"y" or "n"/"e", and "alg" and
 * "kid" if known; NULL for an oct key, which has no public part. */
JsonNode   *_mcp_jose_key_to_public_jwk   (McpJoseKey    *key);
const char *_mcp_jose_key_get_kid         (McpJoseKey    *key);
void        _mcp_jose_key_set_kid         (McpJoseKey    *key,
                                           const char    *kid);
const char *_mcp_jose_key_get_alg         (McpJoseKey    *key);
gboolean    _mcp_jose_key_is_private      (McpJoseKey    *key);
/* "oct", "RSA" or "EC". */
const char *_mcp_jose_key_get_kty         (McpJoseKey    *key);
/* RFC 7638: base64url (SHA-256 of the required members, in order). */
char       *_mcp_jose_key_thumbprint      (McpJoseKey    *key);
/* Whether @key may sign or verify with @alg (family, curve and the key's
 * own "alg"), without an error. */
gboolean    _mcp_jose_key_supports_alg    (McpJoseKey    *key,
                                           const char    *alg);

/* Whether @alg is one this module knows ("none" is not), and whether this
 * build can do it. */
gboolean    _mcp_jose_alg_is_known        (const char    *alg);
gboolean    _mcp_jose_alg_is_supported    (const char    *alg);
/* Whether this build has GnuTLS (the asymmetric algorithms). */
gboolean    _mcp_jose_have_asymmetric     (void);

/* JWS signature bytes: ES256 raw r||s (64 bytes), ES384 96 bytes, RS and
 * PS the RSA signature, HS the HMAC. */
GBytes     *_mcp_jose_sign                (McpJoseKey    *key,
                                           const char    *alg,
                                           const guint8  *data,
                                           gsize          len,
                                           GError       **error);
gboolean    _mcp_jose_verify              (McpJoseKey    *key,
                                           const char    *alg,
                                           const guint8  *data,
                                           gsize          len,
                                           const guint8  *sig,
                                           gsize          sig_len,
                                           GError       **error);

/* A compact JWS: header {"alg":alg, "typ":typ if non-NULL, "kid" if the
 * key has one, plus header_extra's members (but never another "alg")},
 * payload = claims. */
char       *_mcp_jws_sign_compact         (McpJoseKey    *key,
                                           const char    *alg,
                                           const char    *typ,
                                           JsonObject    *header_extra,
                                           JsonObject    *claims,
                                           GError       **error);

/* A compact JWS taken apart, nothing checked but its shape: three
 * base64url parts, a JSON object header with a string "alg", a JSON
 * object payload. */
typedef struct
{
  JsonObject *header;
  JsonObject *payload;
  const char *alg;               /* in header */
  const char *kid;               /* in header, or NULL */
  const char *signing_input;     /* the token */
  gsize       signing_input_len; /* up to the second dot */
  guint8     *signature;
  gsize       signature_len;
} McpJws;

McpJws     *_mcp_jws_parse                (const char    *token,
                                           GError       **error);
void        _mcp_jws_free                 (McpJws        *jws);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpJws, _mcp_jws_free)
/* Checks @jws's signature with @key and @jws's own alg (which the caller
 * has checked is one it allows). */
gboolean    _mcp_jws_verify               (McpJws        *jws,
                                           McpJoseKey    *key,
                                           GError       **error);

/* base64url without padding (RFC 4648 §5) of NUL-terminated @text; NULL
 * on any character outside the alphabet or a bad length. */
guint8     *_mcp_base64url_decode         (const char    *text,
                                           gsize         *out_len);

G_END_DECLS
