/* mcp-jose.c: JSON Web Keys and Signatures, see mcp-jose-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#ifdef HAVE_GNUTLS
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#endif

#include "mcp-jose-private.h"

#include "mcp-json-node-private.h"
#include "mcp-json-reader-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-random-private.h"

/* RSA moduli outside these bounds are refused: below, too weak; above,
 * a key that makes every verification cost a long computation. */
#define RSA_MIN_BITS 2048
#define RSA_MAX_BITS 8192
#define RSA_GENERATE_BITS 2048
/* A JWS header or payload nests at most this deep. */
#define JWS_MAX_DEPTH 16

typedef enum
{
  KTY_OCT,
  KTY_RSA,
  KTY_EC,
} Kty;

typedef enum
{
  HASH_SHA256,
  HASH_SHA384,
  HASH_SHA512,
} Hash;

typedef struct
{
  const char *name;
  Kty         kty;
  Hash        hash;
  gboolean    pss;
  const char *crv;       /* EC: the curve the algorithm is defined on */
  gsize       coord_len; /* EC: bytes of a coordinate, of r and of s */
} Alg;

static const Alg algs[] = {
  { "HS256", KTY_OCT, HASH_SHA256, FALSE, NULL, 0 },
  { "HS384", KTY_OCT, HASH_SHA384, FALSE, NULL, 0 },
  { "HS512", KTY_OCT, HASH_SHA512, FALSE, NULL, 0 },
  { "RS256", KTY_RSA, HASH_SHA256, FALSE, NULL, 0 },
  { "RS384", KTY_RSA, HASH_SHA384, FALSE, NULL, 0 },
  { "RS512", KTY_RSA, HASH_SHA512, FALSE, NULL, 0 },
  { "PS256", KTY_RSA, HASH_SHA256, TRUE, NULL, 0 },
  { "PS384", KTY_RSA, HASH_SHA384, TRUE, NULL, 0 },
  { "PS512", KTY_RSA, HASH_SHA512, TRUE, NULL, 0 },
  { "ES256", KTY_EC, HASH_SHA256, FALSE, "P-256", 32 },
  { "ES384", KTY_EC, HASH_SHA384, FALSE, "P-384", 48 },
};

static const char * const kty_names[] = { "oct", "RSA", "EC" };

struct _McpJoseKey
{
  gatomicrefcount  ref_count;

  Kty              kty;
  char            *kid;
  const char      *alg;        /* static: an algs[] name, or NULL */
  const char      *crv;        /* static: "P-256", "P-384" */
  gboolean         is_private;

  GBytes          *k;          /* oct */
  GBytes          *n;          /* RSA, big-endian, no leading zero */
  GBytes          *e;
  GBytes          *x;          /* EC, coord_len bytes each */
  GBytes          *y;

#ifdef HAVE_GNUTLS
  gnutls_pubkey_t  pubkey;
  gnutls_privkey_t privkey;    /* NULL: a public key */
#endif
};

static const Alg *
find_alg (const char *name)
{
  if (name == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (algs); i++)
    if (strcmp (algs[i].name, name) == 0)
      return &algs[i];

  return NULL;
}

#ifdef HAVE_GNUTLS

static gsize
coord_len_of_curve (const char *crv)
{
  for (gsize i = 0; i < G_N_ELEMENTS (algs); i++)
    if (algs[i].crv != NULL && g_strcmp0 (algs[i].crv, crv) == 0)
      return algs[i].coord_len;

  return 0;
}

/* The static name of the curve @crv, or NULL. */
static const char *
alg_curve (const char *crv)
{
  for (gsize i = 0; i < G_N_ELEMENTS (algs); i++)
    if (algs[i].crv != NULL && g_strcmp0 (algs[i].crv, crv) == 0)
      return algs[i].crv;

  return NULL;
}

static const char *
alg_of_curve (const char *crv)
{
  for (gsize i = 0; i < G_N_ELEMENTS (algs); i++)
    if (algs[i].crv != NULL && g_strcmp0 (algs[i].crv, crv) == 0)
      return algs[i].name;

  return NULL;
}

#endif /* HAVE_GNUTLS */

#ifndef HAVE_GNUTLS
static gboolean
not_supported (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "Asymmetric JOSE algorithms are not available: mcp-glib was built "
                       "without GnuTLS");
  return FALSE;
}
#endif

/* Looks @alg up, refusing "none" and what it does not know. */
static const Alg *
lookup_alg (const char  *name,
            GError     **error)
{
  const Alg *alg = find_alg (name);

  if (name != NULL && g_ascii_strcasecmp (name, "none") == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "Unsigned JWS (alg none) are refused");
      return NULL;
    }
  if (alg == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The JOSE algorithm %s is not supported", name != NULL ? name : "(none)");
      return NULL;
    }
#ifndef HAVE_GNUTLS
  if (alg->kty != KTY_OCT)
    {
      not_supported (error);
      return NULL;
    }
#endif

  return alg;
}

gboolean
_mcp_jose_alg_is_known (const char *alg)
{
  return find_alg (alg) != NULL;
}

gboolean
_mcp_jose_alg_is_supported (const char *alg)
{
  const Alg *found = find_alg (alg);

  return found != NULL && (found->kty == KTY_OCT || _mcp_jose_have_asymmetric ());
}

gboolean
_mcp_jose_have_asymmetric (void)
{
#ifdef HAVE_GNUTLS
  return TRUE;
#else
  return FALSE;
#endif
}

/* base64url ------------------------------------------------------------------- */

guint8 *
_mcp_base64url_decode (const char *text,
                       gsize      *out_len)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (out_len != NULL, NULL);

  return _mcp_base64url_decode_len (text, strlen (text), out_len);
}

static GBytes *
member_bytes (JsonObject *jwk,
              const char *name)
{
  const char *text = _mcp_json_object_get_string (jwk, name);
  guint8 *data;
  gsize len = 0;

  if (text == NULL || *text == '\0')
    return NULL;

  data = _mcp_base64url_decode (text, &len);
  if (data == NULL || len == 0)
    {
      g_free (data);
      return NULL;
    }

  return g_bytes_new_take (data, len);
}

static char *
bytes_to_base64url (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return _mcp_base64url_encode (data, len);
}

#ifdef HAVE_GNUTLS

/* An unsigned big-endian integer without its leading zero bytes. */
static GBytes *
strip_leading_zeros (const guint8 *data,
                     gsize         len)
{
  while (len > 1 && data[0] == 0)
    {
      data++;
      len--;
    }

  return g_bytes_new (data, len);
}

/* An unsigned big-endian integer left-padded to @width bytes; NULL when it
 * does not fit. */
static GBytes *
pad_to (const guint8 *data,
        gsize         len,
        gsize         width)
{
  guint8 *out;

  while (len > 0 && data[0] == 0)
    {
      data++;
      len--;
    }
  if (len > width)
    return NULL;

  out = g_malloc0 (width);
  memcpy (out + width - len, data, len);
  return g_bytes_new_take (out, width);
}

#endif /* HAVE_GNUTLS */

/* Keys ------------------------------------------------------------------------ */

static McpJoseKey *
key_new (Kty kty)
{
  McpJoseKey *key = g_new0 (McpJoseKey, 1);

  g_atomic_ref_count_init (&key->ref_count);
  key->kty = kty;

  return key;
}

McpJoseKey *
_mcp_jose_key_ref (McpJoseKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  g_atomic_ref_count_inc (&key->ref_count);
  return key;
}

static void
clear_secret_bytes (GBytes **slot)
{
  gsize len;
  guint8 *data;

  if (*slot == NULL)
    return;

  /* The only reference is ours (we never hand these out): wipe it. */
  data = (guint8 *) g_bytes_get_data (*slot, &len);
  if (data != NULL)
    memset (data, 0, len);
  g_clear_pointer (slot, g_bytes_unref);
}

void
_mcp_jose_key_unref (McpJoseKey *key)
{
  g_return_if_fail (key != NULL);

  if (!g_atomic_ref_count_dec (&key->ref_count))
    return;

  clear_secret_bytes (&key->k);
  g_clear_pointer (&key->n, g_bytes_unref);
  g_clear_pointer (&key->e, g_bytes_unref);
  g_clear_pointer (&key->x, g_bytes_unref);
  g_clear_pointer (&key->y, g_bytes_unref);
  g_free (key->kid);
#ifdef HAVE_GNUTLS
  g_clear_pointer (&key->pubkey, gnutls_pubkey_deinit);
  g_clear_pointer (&key->privkey, gnutls_privkey_deinit);
#endif
  g_free (key);
}

const char *
_mcp_jose_key_get_kid (McpJoseKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->kid;
}

void
_mcp_jose_key_set_kid (McpJoseKey *key,
                       const char *kid)
{
  g_return_if_fail (key != NULL);

  g_free (key->kid);
  key->kid = g_strdup (kid);
}

const char *
_mcp_jose_key_get_alg (McpJoseKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->alg;
}

const char *
_mcp_jose_key_get_kty (McpJoseKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return kty_names[key->kty];
}

gboolean
_mcp_jose_key_is_private (McpJoseKey *key)
{
  g_return_val_if_fail (key != NULL, FALSE);

  return key->is_private;
}

McpJoseKey *
_mcp_jose_key_new_secret (const guint8 *secret,
                          gsize         len,
                          const char   *alg)
{
  McpJoseKey *key;
  const Alg *found = find_alg (alg);

  g_return_val_if_fail (secret != NULL && len > 0, NULL);
  g_return_val_if_fail (alg == NULL || (found != NULL && found->kty == KTY_OCT), NULL);

  key = key_new (KTY_OCT);
  key->k = g_bytes_new (secret, len);
  key->alg = found != NULL ? found->name : NULL;
  key->is_private = TRUE;

  return key;
}

/* Whether @alg fits @key, with a message when not. */
static gboolean
check_key_alg (McpJoseKey  *key,
               const Alg   *alg,
               GError     **error)
{
  if (alg->kty != key->kty)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "A %s key cannot be used with %s", kty_names[key->kty], alg->name);
      return FALSE;
    }
  if (alg->crv != NULL && g_strcmp0 (alg->crv, key->crv) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "A key on the curve %s cannot be used with %s", key->crv, alg->name);
      return FALSE;
    }
  if (key->alg != NULL && strcmp (key->alg, alg->name) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The key is for %s, not %s", key->alg, alg->name);
      return FALSE;
    }

  return TRUE;
}

/* @alg, when @key may serve it. */
static const Alg *
alg_for_key (McpJoseKey  *key,
             const char  *alg,
             GError     **error)
{
  const Alg *found = lookup_alg (alg, error);

  return found != NULL && check_key_alg (key, found, error) ? found : NULL;
}

gboolean
_mcp_jose_key_supports_alg (McpJoseKey *key,
                            const char *alg)
{
  const Alg *found = find_alg (alg);

  g_return_val_if_fail (key != NULL, FALSE);

  return found != NULL && _mcp_jose_alg_is_supported (alg) && check_key_alg (key, found, NULL);
}

/* RFC 7638 §3.2: the required members in lexicographic order, no
 * whitespace. Every value is base64url or a fixed name, so none needs
 * escaping. */
char *
_mcp_jose_key_thumbprint (McpJoseKey *key)
{
  g_autoptr(GString) json = g_string_new (NULL);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (key != NULL, NULL);

  switch (key->kty)
    {
    case KTY_OCT:
      {
        g_autofree char *k = bytes_to_base64url (key->k);

        g_string_append_printf (json, "{\"k\":\"%s\",\"kty\":\"oct\"}", k);
      }
      break;
    case KTY_RSA:
      {
        g_autofree char *e = bytes_to_base64url (key->e);
        g_autofree char *n = bytes_to_base64url (key->n);

        g_string_append_printf (json, "{\"e\":\"%s\",\"kty\":\"RSA\",\"n\":\"%s\"}", e, n);
      }
      break;
    case KTY_EC:
      {
        g_autofree char *x = bytes_to_base64url (key->x);
        g_autofree char *y = bytes_to_base64url (key->y);

        g_string_append_printf (json, "{\"crv\":\"%s\",\"kty\":\"EC\",\"x\":\"%s\",\"y\":\"%s\"}",
                                key->crv, x, y);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  g_checksum_update (checksum, (const guint8 *) json->str, json->len);
  g_checksum_get_digest (checksum, digest, &digest_len);

  return _mcp_base64url_encode (digest, digest_len);
}

JsonNode *
_mcp_jose_key_to_public_jwk (McpJoseKey *key)
{
  JsonObject *jwk;

  g_return_val_if_fail (key != NULL, NULL);

  if (key->kty == KTY_OCT)
    return NULL;

  jwk = json_object_new ();
  json_object_set_string_member (jwk, "kty", kty_names[key->kty]);
  if (key->kty == KTY_RSA)
    {
      g_autofree char *n = bytes_to_base64url (key->n);
      g_autofree char *e = bytes_to_base64url (key->e);

      json_object_set_string_member (jwk, "n", n);
      json_object_set_string_member (jwk, "e", e);
    }
  else
    {
      g_autofree char *x = bytes_to_base64url (key->x);
      g_autofree char *y = bytes_to_base64url (key->y);

      json_object_set_string_member (jwk, "crv", key->crv);
      json_object_set_string_member (jwk, "x", x);
      json_object_set_string_member (jwk, "y", y);
    }
  if (key->alg != NULL)
    json_object_set_string_member (jwk, "alg", key->alg);
  if (key->kid != NULL)
    json_object_set_string_member (jwk, "kid", key->kid);
  json_object_set_string_member (jwk, "use", "sig");

  return _mcp_json_node_new_object (jwk);
}

#ifdef HAVE_GNUTLS

/* The public numbers, checked against the bounds; what the import paths
 * all end with. */
static gboolean
check_rsa_numbers (McpJoseKey  *key,
                   GError     **error)
{
  gsize n_len = g_bytes_get_size (key->n);
  gsize e_len = g_bytes_get_size (key->e);
  const guint8 *n = g_bytes_get_data (key->n, NULL);
  const guint8 *e = g_bytes_get_data (key->e, NULL);
  guint bits = n_len * 8;

  for (guint8 top = n[0]; top < 0x80 && bits > 0; top <<= 1)
    bits--;

  if (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "RSA keys of %u bits are refused (from %u to %u)", bits, RSA_MIN_BITS,
                   RSA_MAX_BITS);
      return FALSE;
    }
  if (e_len > 8 || (e[e_len - 1] & 1) == 0 || (e_len == 1 && e[0] < 3))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The RSA public exponent is not valid");
      return FALSE;
    }

  return TRUE;
}

#endif /* HAVE_GNUTLS */

#ifdef HAVE_GNUTLS

static gnutls_datum_t
datum_of (GBytes *bytes)
{
  gsize len = 0;
  gnutls_datum_t datum;

  datum.data = bytes != NULL ? (unsigned char *) g_bytes_get_data (bytes, &len) : NULL;
  datum.size = (unsigned int) len;

  return datum;
}

static gboolean
gnutls_failed (int          ret,
               const char  *what,
               GError     **error)
{
  if (ret >= 0)
    return FALSE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", what,
               gnutls_strerror (ret));
  return TRUE;
}

static gnutls_ecc_curve_t
gnutls_curve_of (const char *crv)
{
  if (g_strcmp0 (crv, "P-256") == 0)
    return GNUTLS_ECC_CURVE_SECP256R1;
  if (g_strcmp0 (crv, "P-384") == 0)
    return GNUTLS_ECC_CURVE_SECP384R1;

  return GNUTLS_ECC_CURVE_INVALID;
}

static const char *
curve_name_of (gnutls_ecc_curve_t curve)
{
  switch ((int) curve)
    {
    case GNUTLS_ECC_CURVE_SECP256R1:
      return "P-256";
    case GNUTLS_ECC_CURVE_SECP384R1:
      return "P-384";
    default:
      return NULL;
    }
}

static gnutls_sign_algorithm_t
gnutls_sign_of (const Alg *alg)
{
  static const gnutls_sign_algorithm_t rsa[] = {
    GNUTLS_SIGN_RSA_SHA256, GNUTLS_SIGN_RSA_SHA384, GNUTLS_SIGN_RSA_SHA512,
  };
  static const gnutls_sign_algorithm_t pss[] = {
    GNUTLS_SIGN_RSA_PSS_RSAE_SHA256, GNUTLS_SIGN_RSA_PSS_RSAE_SHA384,
    GNUTLS_SIGN_RSA_PSS_RSAE_SHA512,
  };
  static const gnutls_sign_algorithm_t ecdsa[] = {
    GNUTLS_SIGN_ECDSA_SHA256, GNUTLS_SIGN_ECDSA_SHA384, GNUTLS_SIGN_ECDSA_SHA512,
  };

  if (alg->kty == KTY_EC)
    return ecdsa[alg->hash];
  return alg->pss ? pss[alg->hash] : rsa[alg->hash];
}

/* Fills in the raw public numbers of a key GnuTLS holds, and checks them. */
static gboolean
export_public (McpJoseKey  *key,
               GError     **error)
{
  int pk = gnutls_pubkey_get_pk_algorithm (key->pubkey, NULL);

  if (pk == GNUTLS_PK_RSA)
    {
      gnutls_datum_t n = { NULL, 0 };
      gnutls_datum_t e = { NULL, 0 };

      if (gnutls_failed (gnutls_pubkey_export_rsa_raw2 (key->pubkey, &n, &e,
                                                        GNUTLS_EXPORT_FLAG_NO_LZ),
                         "The RSA key cannot be read", error))
        return FALSE;
      key->kty = KTY_RSA;
      key->n = strip_leading_zeros (n.data, n.size);
      key->e = strip_leading_zeros (e.data, e.size);
      gnutls_free (n.data);
      gnutls_free (e.data);
      return check_rsa_numbers (key, error);
    }

  if (pk == GNUTLS_PK_ECDSA)
    {
      gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;
      gnutls_datum_t x = { NULL, 0 };
      gnutls_datum_t y = { NULL, 0 };
      gsize width;

      if (gnutls_failed (gnutls_pubkey_export_ecc_raw2 (key->pubkey, &curve, &x, &y,
                                                        GNUTLS_EXPORT_FLAG_NO_LZ),
                         "The EC key cannot be read", error))
        return FALSE;
      key->kty = KTY_EC;
      key->crv = curve_name_of (curve);
      width = coord_len_of_curve (key->crv);
      if (key->crv != NULL)
        {
          key->x = pad_to (x.data, x.size, width);
          key->y = pad_to (y.data, y.size, width);
        }
      gnutls_free (x.data);
      gnutls_free (y.data);
      if (key->crv == NULL || key->x == NULL || key->y == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "Only EC keys on P-256 and P-384 are supported");
          return FALSE;
        }
      key->alg = alg_of_curve (key->crv);
      return TRUE;
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "Only RSA and EC keys are supported");
  return FALSE;
}

/* The public half of key->privkey into key->pubkey, and its numbers. */
static gboolean
derive_public (McpJoseKey  *key,
               GError     **error)
{
  if (gnutls_failed (gnutls_pubkey_init (&key->pubkey), "Out of memory", error) ||
      gnutls_failed (gnutls_pubkey_import_privkey (key->pubkey, key->privkey, 0, 0),
                     "The private key has no usable public part", error))
    return FALSE;

  key->is_private = TRUE;
  return export_public (key, error);
}

#endif /* HAVE_GNUTLS */

McpJoseKey *
_mcp_jose_key_generate (const char  *alg,
                        GError     **error)
{
  const Alg *found;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = lookup_alg (alg, error);
  if (found == NULL)
    return NULL;

  if (found->kty == KTY_OCT)
    {
      guint8 secret[64];
      McpJoseKey *generated;

      _mcp_random_bytes (secret, sizeof secret);
      generated = _mcp_jose_key_new_secret (secret, sizeof secret, found->name);
      memset (secret, 0, sizeof secret);
      return generated;
    }

#ifdef HAVE_GNUTLS
  {
    g_autoptr(McpJoseKey) key = key_new (found->kty);
    unsigned int bits;
    int ret;

    if (gnutls_failed (gnutls_privkey_init (&key->privkey), "Out of memory", error))
      return NULL;

    bits = found->kty == KTY_EC ? GNUTLS_CURVE_TO_BITS (gnutls_curve_of (found->crv))
                                : RSA_GENERATE_BITS;
    ret = gnutls_privkey_generate2 (key->privkey,
                                    found->kty == KTY_EC ? GNUTLS_PK_ECDSA : GNUTLS_PK_RSA,
                                    bits, 0, NULL, 0);
    if (gnutls_failed (ret, "The key could not be generated", error) ||
        !derive_public (key, error))
      return NULL;

    key->alg = found->name;
    key->kid = _mcp_jose_key_thumbprint (key);

    return g_steal_pointer (&key);
  }
#else
  g_assert_not_reached ();
#endif
}

static gboolean
invalid_jwk (GError     **error,
             const char  *message)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Invalid JWK: %s", message);
  return FALSE;
}

#ifdef HAVE_GNUTLS

static gboolean
import_rsa_jwk (McpJoseKey  *key,
                JsonObject  *jwk,
                GError     **error)
{
  g_autoptr(GBytes) d = member_bytes (jwk, "d");
  gnutls_datum_t n_datum;
  gnutls_datum_t e_datum;
  GBytes *n = member_bytes (jwk, "n");
  GBytes *e = member_bytes (jwk, "e");

  if (n == NULL || e == NULL)
    {
      g_clear_pointer (&n, g_bytes_unref);
      g_clear_pointer (&e, g_bytes_unref);
      return invalid_jwk (error, "an RSA key needs n and e");
    }

  key->n = strip_leading_zeros (g_bytes_get_data (n, NULL), g_bytes_get_size (n));
  key->e = strip_leading_zeros (g_bytes_get_data (e, NULL), g_bytes_get_size (e));
  g_bytes_unref (n);
  g_bytes_unref (e);
  if (!check_rsa_numbers (key, error))
    return FALSE;

  n_datum = datum_of (key->n);
  e_datum = datum_of (key->e);

  if (d != NULL)
    {
      g_autoptr(GBytes) p = member_bytes (jwk, "p");
      g_autoptr(GBytes) q = member_bytes (jwk, "q");
      gnutls_datum_t d_datum = datum_of (d);
      gnutls_datum_t p_datum;
      gnutls_datum_t q_datum;
      int ret;

      if (p == NULL || q == NULL)
        return invalid_jwk (error, "a private RSA key needs p and q");
      p_datum = datum_of (p);
      q_datum = datum_of (q);

      if (gnutls_failed (gnutls_privkey_init (&key->privkey), "Out of memory", error))
        return FALSE;
      /* The CRT values are computed again from p and q: a JWK's dp, dq and
       * qi need not be trusted. */
      ret = gnutls_privkey_import_rsa_raw (key->privkey, &n_datum, &e_datum, &d_datum,
                                           &p_datum, &q_datum, NULL, NULL, NULL);
      if (gnutls_failed (ret, "Invalid JWK: the RSA private key is not valid", error))
        return FALSE;
      key->is_private = TRUE;
    }

  if (gnutls_failed (gnutls_pubkey_init (&key->pubkey), "Out of memory", error) ||
      gnutls_failed (gnutls_pubkey_import_rsa_raw (key->pubkey, &n_datum, &e_datum),
                     "Invalid JWK: the RSA public key is not valid", error))
    return FALSE;

  return TRUE;
}

static gboolean
import_ec_jwk (McpJoseKey  *key,
               JsonObject  *jwk,
               GError     **error)
{
  const char *crv = _mcp_json_object_get_string (jwk, "crv");
  g_autoptr(GBytes) x = member_bytes (jwk, "x");
  g_autoptr(GBytes) y = member_bytes (jwk, "y");
  g_autoptr(GBytes) d = member_bytes (jwk, "d");
  gsize width = coord_len_of_curve (crv);
  gnutls_datum_t x_datum;
  gnutls_datum_t y_datum;

  if (width == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Only EC keys on P-256 and P-384 are supported");
      return FALSE;
    }
  /* RFC 7518 §6.2.1.2: the coordinates are exactly the curve's size. */
  if (x == NULL || y == NULL || g_bytes_get_size (x) != width || g_bytes_get_size (y) != width)
    return invalid_jwk (error, "an EC key needs x and y of the curve's size");
  if (d != NULL && g_bytes_get_size (d) != width)
    return invalid_jwk (error, "an EC private key's d is the curve's size");

  key->crv = alg_curve (crv);
  key->x = g_bytes_ref (x);
  key->y = g_bytes_ref (y);
  x_datum = datum_of (x);
  y_datum = datum_of (y);

  if (d != NULL)
    {
      gnutls_datum_t d_datum = datum_of (d);

      if (gnutls_failed (gnutls_privkey_init (&key->privkey), "Out of memory", error) ||
          gnutls_failed (gnutls_privkey_import_ecc_raw (key->privkey, gnutls_curve_of (crv),
                                                        &x_datum, &y_datum, &d_datum),
                         "Invalid JWK: the EC private key is not valid", error))
        return FALSE;
      key->is_private = TRUE;
    }

  if (gnutls_failed (gnutls_pubkey_init (&key->pubkey), "Out of memory", error) ||
      gnutls_failed (gnutls_pubkey_import_ecc_raw (key->pubkey, gnutls_curve_of (crv),
                                                   &x_datum, &y_datum),
                     "Invalid JWK: the EC public key is not valid", error))
    return FALSE;

  return TRUE;
}

#endif /* HAVE_GNUTLS */

McpJoseKey *
_mcp_jose_key_from_jwk (JsonObject  *jwk,
                        GError     **error)
{
  g_autoptr(McpJoseKey) key = NULL;
  const char *kty;
  const char *alg;
  const char *use;
  const char *kid;
  const Alg *found = NULL;

  g_return_val_if_fail (jwk != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kty = _mcp_json_object_get_string (jwk, "kty");
  alg = _mcp_json_object_get_string (jwk, "alg");
  use = _mcp_json_object_get_string (jwk, "use");
  kid = _mcp_json_object_get_string (jwk, "kid");

  if (kty == NULL)
    {
      invalid_jwk (error, "it has no kty");
      return NULL;
    }
  if (use != NULL && strcmp (use, "sig") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The JWK is for %s, not for signatures", use);
      return NULL;
    }
  if (json_object_has_member (jwk, "alg"))
    {
      found = alg != NULL ? lookup_alg (alg, error) : NULL;
      if (found == NULL)
        {
          if (error != NULL && *error == NULL)
            invalid_jwk (error, "its alg is not a string");
          return NULL;
        }
    }

  if (strcmp (kty, "oct") == 0)
    {
      g_autoptr(GBytes) k = member_bytes (jwk, "k");

      if (k == NULL)
        {
          invalid_jwk (error, "an oct key needs k");
          return NULL;
        }
      key = _mcp_jose_key_new_secret (g_bytes_get_data (k, NULL), g_bytes_get_size (k), NULL);
    }
  else if (strcmp (kty, "RSA") == 0 || strcmp (kty, "EC") == 0)
    {
#ifdef HAVE_GNUTLS
      gboolean rsa = strcmp (kty, "RSA") == 0;

      key = key_new (rsa ? KTY_RSA : KTY_EC);
      if (!(rsa ? import_rsa_jwk (key, jwk, error) : import_ec_jwk (key, jwk, error)))
        return NULL;
      if (!rsa)
        key->alg = alg_of_curve (key->crv);
#else
      not_supported (error);
      return NULL;
#endif
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "JWK key type %s is not supported", kty);
      return NULL;
    }

  if (found != NULL)
    {
      if (!check_key_alg (key, found, error))
        return NULL;
      key->alg = found->name;
    }
  key->kid = g_strdup (kid);

  return g_steal_pointer (&key);
}

McpJoseKey *
_mcp_jose_key_from_pem (const char  *pem,
                        gssize       len,
                        GError     **error)
{
#ifdef HAVE_GNUTLS
  g_autoptr(McpJoseKey) key = NULL;
  gnutls_datum_t datum;

  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  datum.data = (unsigned char *) pem;
  datum.size = len < 0 ? strlen (pem) : (gsize) len;

  key = key_new (KTY_RSA);

  if (strstr (pem, "PRIVATE KEY-----") != NULL)
    {
      if (gnutls_failed (gnutls_privkey_init (&key->privkey), "Out of memory", error) ||
          gnutls_failed (gnutls_privkey_import_x509_raw (key->privkey, &datum,
                                                         GNUTLS_X509_FMT_PEM, NULL, 0),
                         "The PEM private key cannot be read", error) ||
          !derive_public (key, error))
        return NULL;
    }
  else
    {
      if (gnutls_failed (gnutls_pubkey_init (&key->pubkey), "Out of memory", error) ||
          gnutls_failed (gnutls_pubkey_import (key->pubkey, &datum, GNUTLS_X509_FMT_PEM),
                         "The PEM public key cannot be read", error) ||
          !export_public (key, error))
        return NULL;
    }

  return g_steal_pointer (&key);
#else
  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  not_supported (error);
  return NULL;
#endif
}

/* Signatures ------------------------------------------------------------------ */

static GBytes *
hmac (McpJoseKey   *key,
      const Alg    *alg,
      const guint8 *data,
      gsize         len)
{
  static const GChecksumType types[] = { G_CHECKSUM_SHA256, G_CHECKSUM_SHA384,
                                         G_CHECKSUM_SHA512 };
  g_autoptr(GHmac) mac = NULL;
  guint8 digest[64];
  gsize digest_len = sizeof digest;
  gsize secret_len;
  const guint8 *secret = g_bytes_get_data (key->k, &secret_len);

  mac = g_hmac_new (types[alg->hash], secret, secret_len);
  g_hmac_update (mac, data, len);
  g_hmac_get_digest (mac, digest, &digest_len);

  return g_bytes_new (digest, digest_len);
}

#ifdef HAVE_GNUTLS

/* DER of one INTEGER, @value unsigned big-endian: no leading zeros but one
 * that keeps it positive. Lengths stay below 128 for P-256 and P-384. */
static void
append_der_integer (GByteArray   *der,
                    const guint8 *value,
                    gsize         len)
{
  guint8 tag[3] = { 0x02, 0, 0 };
  gboolean pad;

  while (len > 1 && value[0] == 0)
    {
      value++;
      len--;
    }
  pad = (value[0] & 0x80) != 0;
  tag[1] = (guint8) (len + (pad ? 1 : 0));
  g_byte_array_append (der, tag, pad ? 3 : 2);
  g_byte_array_append (der, value, len);
}

/* ECDSA-Sig-Value (RFC 3279) of a JWS's raw r||s. */
static GByteArray *
ecdsa_raw_to_der (const guint8 *sig,
                  gsize         coord_len)
{
  GByteArray *body = g_byte_array_new ();
  GByteArray *der = g_byte_array_new ();
  guint8 head[2] = { 0x30, 0 };

  append_der_integer (body, sig, coord_len);
  append_der_integer (body, sig + coord_len, coord_len);
  head[1] = (guint8) body->len;
  g_byte_array_append (der, head, 2);
  g_byte_array_append (der, body->data, body->len);
  g_byte_array_unref (body);

  return der;
}

#endif

GBytes *
_mcp_jose_sign (McpJoseKey    *key,
                const char    *alg,
                const guint8  *data,
                gsize          len,
                GError       **error)
{
  const Alg *found;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = alg_for_key (key, alg, error);
  if (found == NULL)
    return NULL;

  if (found->kty == KTY_OCT)
    return hmac (key, found, data, len);

#ifdef HAVE_GNUTLS
  {
    gnutls_datum_t input = { (unsigned char *) data, (unsigned int) len };
    gnutls_datum_t sig = { NULL, 0 };
    GBytes *result;

    if (key->privkey == NULL)
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             "A public key cannot sign");
        return NULL;
      }

    if (gnutls_failed (gnutls_privkey_sign_data2 (key->privkey, gnutls_sign_of (found), 0,
                                                  &input, &sig),
                       "Signing failed", error))
      return NULL;

    if (found->kty == KTY_EC)
      {
        gnutls_datum_t r = { NULL, 0 };
        gnutls_datum_t s = { NULL, 0 };
        g_autoptr(GBytes) r_fixed = NULL;
        g_autoptr(GBytes) s_fixed = NULL;
        int ret = gnutls_decode_rs_value (&sig, &r, &s);
        guint8 *raw;

        gnutls_free (sig.data);
        if (gnutls_failed (ret, "Signing failed", error))
          return NULL;
        r_fixed = pad_to (r.data, r.size, found->coord_len);
        s_fixed = pad_to (s.data, s.size, found->coord_len);
        gnutls_free (r.data);
        gnutls_free (s.data);
        if (r_fixed == NULL || s_fixed == NULL)
          {
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 "Signing failed: r or s is too long");
            return NULL;
          }
        raw = g_malloc (2 * found->coord_len);
        memcpy (raw, g_bytes_get_data (r_fixed, NULL), found->coord_len);
        memcpy (raw + found->coord_len, g_bytes_get_data (s_fixed, NULL), found->coord_len);
        return g_bytes_new_take (raw, 2 * found->coord_len);
      }

    result = g_bytes_new (sig.data, sig.size);
    gnutls_free (sig.data);
    return result;
  }
#else
  g_assert_not_reached ();
#endif
}

static gboolean
bad_signature (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "The signature is not valid");
  return FALSE;
}

gboolean
_mcp_jose_verify (McpJoseKey    *key,
                  const char    *alg,
                  const guint8  *data,
                  gsize          len,
                  const guint8  *sig,
                  gsize          sig_len,
                  GError       **error)
{
  const Alg *found;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (sig != NULL || sig_len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  found = alg_for_key (key, alg, error);
  if (found == NULL)
    return FALSE;

  if (found->kty == KTY_OCT)
    {
      g_autoptr(GBytes) expected = hmac (key, found, data, len);
      gsize expected_len;
      const guint8 *expected_data = g_bytes_get_data (expected, &expected_len);
      guint8 diff = 0;

      if (sig_len != expected_len)
        return bad_signature (error);
      for (gsize i = 0; i < sig_len; i++)
        diff |= expected_data[i] ^ sig[i];
      return diff == 0 ? TRUE : bad_signature (error);
    }

#ifdef HAVE_GNUTLS
  {
    gnutls_datum_t input = { (unsigned char *) data, (unsigned int) len };
    g_autoptr(GByteArray) der = NULL;
    gnutls_datum_t signature;

    if (found->kty == KTY_EC)
      {
        if (sig_len != 2 * found->coord_len)
          return bad_signature (error);
        der = ecdsa_raw_to_der (sig, found->coord_len);
        signature.data = der->data;
        signature.size = der->len;
      }
    else
      {
        /* RFC 7518 §3.3: the signature is exactly the modulus' length. */
        if (sig_len != g_bytes_get_size (key->n))
          return bad_signature (error);
        signature.data = (unsigned char *) sig;
        signature.size = (unsigned int) sig_len;
      }

    if (gnutls_pubkey_verify_data2 (key->pubkey, gnutls_sign_of (found), 0, &input,
                                    &signature) < 0)
      return bad_signature (error);

    return TRUE;
  }
#else
  g_assert_not_reached ();
#endif
}

/* Compact JWS ----------------------------------------------------------------- */

static char *
encode_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = _mcp_json_node_new_object (json_object_ref (object));
  gsize json_len = 0;
  g_autofree char *json = _mcp_json_to_string (node, &json_len);

  return _mcp_base64url_encode ((const guint8 *) json, json_len);
}

char *
_mcp_jws_sign_compact (McpJoseKey  *key,
                       const char  *alg,
                       const char  *typ,
                       JsonObject  *header_extra,
                       JsonObject  *claims,
                       GError     **error)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autofree char *encoded_header = NULL;
  g_autofree char *encoded_claims = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *encoded_signature = NULL;
  g_autoptr(GBytes) signature = NULL;
  const Alg *found;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (claims != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = alg_for_key (key, alg, error);
  if (found == NULL)
    return NULL;

  json_object_set_string_member (header, "alg", found->name);
  if (typ != NULL)
    json_object_set_string_member (header, "typ", typ);
  if (key->kid != NULL)
    json_object_set_string_member (header, "kid", key->kid);
  if (header_extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, header_extra);
      while (json_object_iter_next (&iter, &name, &value))
        if (strcmp (name, "alg") != 0)
          json_object_set_member (header, name, json_node_copy (value));
    }

  encoded_header = encode_json (header);
  encoded_claims = encode_json (claims);
  signing_input = g_strconcat (encoded_header, ".", encoded_claims, NULL);

  signature = _mcp_jose_sign (key, found->name, (const guint8 *) signing_input,
                              strlen (signing_input), error);
  if (signature == NULL)
    return NULL;

  encoded_signature = bytes_to_base64url (signature);
  return g_strconcat (signing_input, ".", encoded_signature, NULL);
}

static JsonObject *
decode_object (const char *text,
               gsize       len)
{
  g_autofree guint8 *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize json_len = 0;

  if (len == 0)
    return NULL;

  json = _mcp_base64url_decode_len (text, len, &json_len);
  if (json == NULL || json_len == 0)
    return NULL;

  node = _mcp_json_read ((const char *) json, json_len, JWS_MAX_DEPTH, json_len, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_ref (json_node_get_object (node));
}

void
_mcp_jws_free (McpJws *jws)
{
  if (jws == NULL)
    return;

  g_clear_pointer (&jws->header, json_object_unref);
  g_clear_pointer (&jws->payload, json_object_unref);
  g_free (jws->signature);
  g_free (jws);
}

static McpJws *
malformed (McpJws      *jws,
           GError     **error,
           const char  *message)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Malformed token: %s", message);
  _mcp_jws_free (jws);
  return NULL;
}

McpJws *
_mcp_jws_parse (const char  *token,
                GError     **error)
{
  McpJws *jws;
  const char *first_dot;
  const char *second_dot;
  const char *signature;

  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  jws = g_new0 (McpJws, 1);

  first_dot = strchr (token, '.');
  second_dot = first_dot != NULL ? strchr (first_dot + 1, '.') : NULL;
  if (second_dot == NULL || strchr (second_dot + 1, '.') != NULL)
    return malformed (jws, error, "a JWT has three dot-separated parts");

  jws->header = decode_object (token, first_dot - token);
  if (jws->header == NULL)
    return malformed (jws, error, "the header is not base64url JSON");

  jws->alg = _mcp_json_object_get_string (jws->header, "alg");
  if (jws->alg == NULL)
    return malformed (jws, error, "the header has no alg");
  if (json_object_has_member (jws->header, "kid"))
    {
      jws->kid = _mcp_json_object_get_string (jws->header, "kid");
      if (jws->kid == NULL)
        return malformed (jws, error, "the header's kid is not a string");
    }

  jws->payload = decode_object (first_dot + 1, second_dot - first_dot - 1);
  if (jws->payload == NULL)
    return malformed (jws, error, "the payload is not base64url JSON");

  signature = second_dot + 1;
  jws->signature = _mcp_base64url_decode (signature, &jws->signature_len);
  if (jws->signature == NULL)
    return malformed (jws, error, "the signature is not base64url");

  jws->signing_input = token;
  jws->signing_input_len = second_dot - token;

  return jws;
}

gboolean
_mcp_jws_verify (McpJws      *jws,
                 McpJoseKey  *key,
                 GError     **error)
{
  g_return_val_if_fail (jws != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return _mcp_jose_verify (key, jws->alg, (const guint8 *) jws->signing_input,
                           jws->signing_input_len, jws->signature, jws->signature_len, error);
}
