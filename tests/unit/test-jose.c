/* test-jose.c: the JOSE module (src/auth/mcp-jose.c): base64url, keys from
 * JWK and PEM, RFC 7638 thumbprints, signatures of every algorithm checked
 * against another implementation's, the refusals (alg none, a key of
 * another family), compact JWS.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-jose-private.h"
#include "mcp-json-node-private.h"
#include "mcp-json-reader-private.h"

/* A key pair made with OpenSSL, its JWKs exported by Node.js, and
 * signatures Node.js made over VECTOR_DATA: vectors from another
 * implementation. */

#define VECTOR_DATA "mcp-glib test vector"

static const char rsa_private_pem[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDHqjxL+YUPuXcS\n"
  "ZVD4ekGBJs/6jESBNJk+VE1+A+G10Vh1mk7V52DM7t0QvxrYQ7CZXf30iWByehIe\n"
  "PxEJt+eQKrvrIDdCJ7Y0RmpYK89Yy6LZjXSdpR8+4bNUQsbN34tJDuL5URh1N9/0\n"
  "xfgz4HqxWWiy1ini2m2Dd4lMv6wLpWXYof4v+bxo+RVa/0tmmDEzUkYSVOJzDcRa\n"
  "aHaa6PS8JPnHWYxg0ilyyO27GN7bbf5HWGaPVJeCdF/D75WCBPjX+/rSDNUYYjfK\n"
  "5CQQuusY8bGhDMZjoVkb/pTFnQrhzkWC0zF5zgHGsfMR06WXhobYzs67A9l2z1Gz\n"
  "d18pWMWLAgMBAAECggEAPHn9QnvlCFLCVLGYeXK6ZY6mfzq+Qy513jG1uR4e3y32\n"
  "L8TZ7SNkqB4PmpNv46J5GrMkCU4VBwefdkbe98Ua4Al5munKowCZSTMs4eD/MGOZ\n"
  "w3B7qoZJtQezBConwlLcAvh92ktsb5DJhn/yQnBTaWVt94Ez9bD4a9IopbUGvQ3G\n"
  "kc0d7OWYuOtNrtY2ziZmTJKeIIG7NSzBScKz51kuI7mdBjGPE4bi5DRFgdP6RCKd\n"
  "wOkFERYPrRRUtqYGgPXkoeX2FX8t3twTQhQ0z95ds0bCqyyBV8OtmACugxwzb2Ca\n"
  "9YE0NhLTpiUdggSZMUcOMOt5m9MnjeBhD/FZwpXf7QKBgQDnIEnl2gYhhimx0tCG\n"
  "IRnHQ84c6t/E6TvVI34/g3eR/5PrF5NTxake0kUznnpq/5fSiPEo8xds7N7gvn6u\n"
  "EDJu2mJ8lUdn93bJvQtViWsSXmnW97VkJfghm5lkQOxrQ6ciCN5aCPbuFsiZZIkD\n"
  "0qiBz2bPafGuRnHSdiC7VtGSbwKBgQDdJyq8SZpd6V4bAdro8C5078TQdSC86Ca4\n"
  "6FZWJTwKNeE7J+jeybrN26YedRhL6sj5DDQoh59UkrvYpsjp4dksS2Vaaw2QYwij\n"
  "g54Gv9w+DCBwSVAAFt5M2wwGC/Ug7CtMvlMXlXpzu8Qv9jgkZ5qPGx4Hl6FW89ST\n"
  "pN2L63LcpQKBgQCUrhm7qhBNmo/R28rWrg52ODEsOw+uDVe3GbkKRJkzq1TNZAIb\n"
  "XskXka6AsU8Q69EP15ZDgHWuVYZez0yQzsySsRuwBxvDTtb0mg7jfJ4LV/8AEaN3\n"
  "hFFl1UHM01MDAadPZqMbCi9HJBLxUlItymMp9nCttvqI4Lox6FnQCd6RMwKBgGAX\n"
  "cJ43bPd5OwaJG9Ey6zysIdxhyEPMq2aUrU7pBtl459CIWsrS5HQmCFwbjN8PuRtd\n"
  "jhw+MaDR0QUmEw5sr6xrZjKPaWlfXpWNztAn9U6QflfLwxMG3LiQRP0rnOsdMwM5\n"
  "f2kz7ezznR8p4OMQkTu1EKtD2zqo36j3bbwqJdJxAoGBAKEbeKmyTNI6oLdQKckI\n"
  "8oeBKRAsyzYeOWmPpQ+HL7FrL2kBEbN1Ozlp2lL7/VEg4opHYrPFwJt0gfMvUk9z\n"
  "79fvHz51X92yHaMRaseP9EYe3Yw+YkOqlVQi1A4I2jVL23d1+uTfsKwp4tsDlfR+\n"
  "eQMXdyq4t4gxGRVWBojU6z3j\n"
  "-----END PRIVATE KEY-----\n";

static const char rsa_public_pem[] =
  "-----BEGIN PUBLIC KEY-----\n"
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAx6o8S/mFD7l3EmVQ+HpB\n"
  "gSbP+oxEgTSZPlRNfgPhtdFYdZpO1edgzO7dEL8a2EOwmV399IlgcnoSHj8RCbfn\n"
  "kCq76yA3Qie2NEZqWCvPWMui2Y10naUfPuGzVELGzd+LSQ7i+VEYdTff9MX4M+B6\n"
  "sVlostYp4tptg3eJTL+sC6Vl2KH+L/m8aPkVWv9LZpgxM1JGElTicw3EWmh2muj0\n"
  "vCT5x1mMYNIpcsjtuxje223+R1hmj1SXgnRfw++VggT41/v60gzVGGI3yuQkELrr\n"
  "GPGxoQzGY6FZG/6UxZ0K4c5FgtMxec4BxrHzEdOll4aG2M7OuwPZds9Rs3dfKVjF\n"
  "iwIDAQAB\n"
  "-----END PUBLIC KEY-----\n";

static const char rsa_private_jwk[] =
  "{\"kty\":\"RSA\",\"n\":\"x6o8S_mFD7l3EmVQ-HpBgSbP-oxEgTSZPlRNfgPhtdFYdZpO1edgzO7dEL8a2EOwm"
  "V399IlgcnoSHj8RCbfnkCq76yA3Qie2NEZqWCvPWMui2Y10naUfPuGzVELGzd-LSQ7i-VEYdTff9MX4M-B6sVlostY"
  "p4tptg3eJTL-sC6Vl2KH-L_m8aPkVWv9LZpgxM1JGElTicw3EWmh2muj0vCT5x1mMYNIpcsjtuxje223-R1hmj1SXg"
  "nRfw--VggT41_v60gzVGGI3yuQkELrrGPGxoQzGY6FZG_6UxZ0K4c5FgtMxec4BxrHzEdOll4aG2M7OuwPZds9Rs3d"
  "fKVjFiw\",\"e\":\"AQAB\",\"d\":\"PHn9QnvlCFLCVLGYeXK6ZY6mfzq-Qy513jG1uR4e3y32L8TZ7SNkqB4Pm"
  "pNv46J5GrMkCU4VBwefdkbe98Ua4Al5munKowCZSTMs4eD_MGOZw3B7qoZJtQezBConwlLcAvh92ktsb5DJhn_yQnB"
  "TaWVt94Ez9bD4a9IopbUGvQ3Gkc0d7OWYuOtNrtY2ziZmTJKeIIG7NSzBScKz51kuI7mdBjGPE4bi5DRFgdP6RCKdw"
  "OkFERYPrRRUtqYGgPXkoeX2FX8t3twTQhQ0z95ds0bCqyyBV8OtmACugxwzb2Ca9YE0NhLTpiUdggSZMUcOMOt5m9M"
  "njeBhD_FZwpXf7Q\",\"p\":\"5yBJ5doGIYYpsdLQhiEZx0POHOrfxOk71SN-P4N3kf-T6xeTU8WpHtJFM556av-X"
  "0ojxKPMXbOze4L5-rhAybtpifJVHZ_d2yb0LVYlrEl5p1ve1ZCX4IZuZZEDsa0OnIgjeWgj27hbImWSJA9Kogc9mz2"
  "nxrkZx0nYgu1bRkm8\",\"q\":\"3ScqvEmaXeleGwHa6PAudO_E0HUgvOgmuOhWViU8CjXhOyfo3sm6zdumHnUYS-"
  "rI-Qw0KIefVJK72KbI6eHZLEtlWmsNkGMIo4OeBr_cPgwgcElQABbeTNsMBgv1IOwrTL5TF5V6c7vEL_Y4JGeajxse"
  "B5ehVvPUk6Tdi-ty3KU\",\"dp\":\"lK4Zu6oQTZqP0dvK1q4OdjgxLDsPrg1Xtxm5CkSZM6tUzWQCG17JF5GugLF"
  "PEOvRD9eWQ4B1rlWGXs9MkM7MkrEbsAcbw07W9JoO43yeC1f_ABGjd4RRZdVBzNNTAwGnT2ajGwovRyQS8VJSLcpjK"
  "fZwrbb6iOC6MehZ0AnekTM\",\"dq\":\"YBdwnjds93k7Bokb0TLrPKwh3GHIQ8yrZpStTukG2Xjn0IhaytLkdCYI"
  "XBuM3w-5G12OHD4xoNHRBSYTDmyvrGtmMo9paV9elY3O0Cf1TpB-V8vDEwbcuJBE_Suc6x0zAzl_aTPt7POdHyng4x"
  "CRO7UQq0PbOqjfqPdtvCol0nE\",\"qi\":\"oRt4qbJM0jqgt1ApyQjyh4EpECzLNh45aY-lD4cvsWsvaQERs3U7O"
  "WnaUvv9USDiikdis8XAm3SB8y9ST3Pv1-8fPnVf3bIdoxFqx4_0Rh7djD5iQ6qVVCLUDgjaNUvbd3X65N-wrCni2wO"
  "V9H55Axd3Kri3iDEZFVYGiNTrPeM\"}";

static const char ec_private_pem[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgk46FkR4UVPlRO9C+\n"
  "baGkBmhTFfpCFHdFNSMBlG39zxuhRANCAATqe5aLATrtnFTYGLJ0uHBB01Gl+imP\n"
  "/swpQGqyPF4i5E0rBBux79d7S3rV7v/wMFq+Yz0vIEPVulbboNGPgVhU\n"
  "-----END PRIVATE KEY-----\n";

static const char ec_public_pem[] =
  "-----BEGIN PUBLIC KEY-----\n"
  "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE6nuWiwE67ZxU2BiydLhwQdNRpfop\n"
  "j/7MKUBqsjxeIuRNKwQbse/Xe0t61e7/8DBavmM9LyBD1bpW26DRj4FYVA==\n"
  "-----END PUBLIC KEY-----\n";

static const char ec_private_jwk[] =
  "{\"kty\":\"EC\",\"x\":\"6nuWiwE67ZxU2BiydLhwQdNRpfopj_7MKUBqsjxeIuQ\",\"y\":\"TSsEG7Hv13tL"
  "etXu__AwWr5jPS8gQ9W6Vtug0Y-BWFQ\",\"crv\":\"P-256\",\"d\":\"k46FkR4UVPlRO9C-baGkBmhTFfpCFH"
  "dFNSMBlG39zxs\"}";

static const char rs256_signature[] =
  "gE-ILlkQtid_NdWXiYBcOnmM7dyAdV5802U9fxH7rBOCB9lV9RiPokE5uplACbjAY6FurFkAgJEA6CrQtRot-8zc0C9UOdx0Vqi6FDOVuxQtj8pmb4cb1RCUb2ZpHeiAGasjCB6bEGtOGa_oowAQTylyRc5NzofuOlPFIIupooqhivW4Dfh4o59Xls2m_Im2wd6PZOP16qlKjvte3C9yN-voTmAZRoA1RveYm-CUv_0341nMrSPI2U8iVTzGG3oJ6h2C4Be1WUhnP_49S3uV7Wbq9y88NQTtolfYP8ocoqQTbg1ESB46yJG8HG9L74YPhK9zs6w7jFWsj3UafoIrHQ";

static const char es256_signature[] =
  "Sb7MhCyth7M2j5YS-RUX2l6O4f3lDjuInsBiD1dlSaQ_BwMxWZ1uYWOv8b2ckI3BbDTdeCYsIcI0GKZwaL0ZyA";

static const char ps256_signature[] =
  "QJl-Y8jmm2dfZnjsuIsbLjYyRxVutgRfZa-FpXI3fh2XMGmIeFbm29OP9aY4QIsLfWAHb5dB2K-RWJfw-9oCjG-wJArhd4MryisLdasFkMr6DLj1sGNyCIFvUpWYLB6OElzrrZTa6gilZKeZ3P4cVvdree_5fOIaruiQYFrawoECXukNlCkJuG06noj5mBMHiNOUlm3BcDlA-MNNctviU6SjZBCE0Z-mn8RfA4cUS6zLv-auXvww0Pf22-aIFqvnGCDUlTTiELHoomE5AaPuE-3FtTyAEn9alTXBZJBHy6E89ysM6Mj3Rtnuu1wFIG17TeXt-i2MOW_GroLd76u4zQ";

/* RFC 7638 §3.1 (the key of RFC 7517 appendix A.1). */
static const char rfc7638_jwk[] =
  "{\"kty\":\"RSA\","
  "\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
  "BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2"
  "QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6W"
  "eZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\","
  "\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";
static const char rfc7638_thumbprint[] = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = _mcp_json_read (json, strlen (json), 16, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static McpJoseKey *
key_from_jwk_text (const char  *json,
                   GError     **error)
{
  g_autoptr(JsonObject) jwk = parse_object (json);

  return _mcp_jose_key_from_jwk (jwk, error);
}

static GBytes *
decode (const char *text)
{
  gsize len = 0;
  guint8 *data = _mcp_base64url_decode (text, &len);

  g_assert_nonnull (data);
  return g_bytes_new_take (data, len);
}

static gboolean
verify_bytes (McpJoseKey  *key,
              const char  *alg,
              const char  *data,
              GBytes      *sig,
              GError     **error)
{
  return _mcp_jose_verify (key, alg, (const guint8 *) data, strlen (data),
                           g_bytes_get_data (sig, NULL), g_bytes_get_size (sig), error);
}

static gboolean
skip_without_gnutls (void)
{
  if (_mcp_jose_have_asymmetric ())
    return FALSE;

  g_test_skip ("built without GnuTLS");
  return TRUE;
}

static void
test_base64url (void)
{
  static const guint8 data[] = { 0xfb, 0xff, 0xbf, 0x00, 0x01 };
  g_autofree char *text = _mcp_base64url_encode (data, sizeof data);
  g_autofree guint8 *back = NULL;
  gsize len = 0;

  g_assert_cmpstr (text, ==, "-_-_AAE");
  back = _mcp_base64url_decode (text, &len);
  g_assert_cmpmem (back, len, data, sizeof data);

  /* Padding, the other alphabet, spaces and an impossible length. */
  g_assert_null (_mcp_base64url_decode ("-_-_AAE=", &len));
  g_assert_null (_mcp_base64url_decode ("+/+/AAE", &len));
  g_assert_null (_mcp_base64url_decode ("-_-_ AAE", &len));
  g_assert_null (_mcp_base64url_decode ("AAAAA", &len));
}

static void
test_thumbprint_rfc7638 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpJoseKey) key = NULL;
  g_autofree char *thumbprint = NULL;

  if (skip_without_gnutls ())
    return;

  key = key_from_jwk_text (rfc7638_jwk, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (_mcp_jose_key_get_kid (key), ==, "2011-04-29");
  g_assert_cmpstr (_mcp_jose_key_get_alg (key), ==, "RS256");
  g_assert_false (_mcp_jose_key_is_private (key));

  thumbprint = _mcp_jose_key_thumbprint (key);
  g_assert_cmpstr (thumbprint, ==, rfc7638_thumbprint);
}

/* The same key from its PEM and its JWK: same thumbprint, and each checks
 * what the other signs, and what Node.js signed. */
static void
check_pair (const char *private_pem,
            const char *public_pem,
            const char *private_jwk,
            const char *alg,
            const char *signature)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpJoseKey) from_pem = _mcp_jose_key_from_pem (private_pem, -1, &error);
  g_autoptr(McpJoseKey) from_public_pem = NULL;
  g_autoptr(McpJoseKey) from_jwk = NULL;
  g_autoptr(McpJoseKey) from_public_jwk = NULL;
  g_autoptr(JsonNode) public_jwk = NULL;
  g_autoptr(GBytes) node_sig = decode (signature);
  g_autoptr(GBytes) sig = NULL;
  g_autofree char *thumbprint_pem = NULL;
  g_autofree char *thumbprint_jwk = NULL;
  g_autofree char *thumbprint_public = NULL;
  JsonObject *exported;

  g_assert_no_error (error);
  g_assert_true (_mcp_jose_key_is_private (from_pem));
  from_public_pem = _mcp_jose_key_from_pem (public_pem, strlen (public_pem), &error);
  g_assert_no_error (error);
  g_assert_false (_mcp_jose_key_is_private (from_public_pem));
  from_jwk = key_from_jwk_text (private_jwk, &error);
  g_assert_no_error (error);
  g_assert_true (_mcp_jose_key_is_private (from_jwk));

  thumbprint_pem = _mcp_jose_key_thumbprint (from_pem);
  thumbprint_jwk = _mcp_jose_key_thumbprint (from_jwk);
  thumbprint_public = _mcp_jose_key_thumbprint (from_public_pem);
  g_assert_cmpstr (thumbprint_pem, ==, thumbprint_jwk);
  g_assert_cmpstr (thumbprint_pem, ==, thumbprint_public);

  /* The public JWK: no private member, and it imports to the same key. */
  public_jwk = _mcp_jose_key_to_public_jwk (from_jwk);
  exported = json_node_get_object (public_jwk);
  for (guint i = 0; i < 6; i++)
    g_assert_false (json_object_has_member (exported,
                                            (const char *[]) { "d", "p", "q", "dp", "dq", "qi" }[i]));
  g_assert_nonnull (_mcp_json_object_get_string (exported, "kty"));
  from_public_jwk = _mcp_jose_key_from_jwk (exported, &error);
  g_assert_no_error (error);
  g_assert_false (_mcp_jose_key_is_private (from_public_jwk));

  /* Node.js's signature checks with every import of the key. */
  g_assert_true (verify_bytes (from_public_pem, alg, VECTOR_DATA, node_sig, &error));
  g_assert_no_error (error);
  g_assert_true (verify_bytes (from_public_jwk, alg, VECTOR_DATA, node_sig, &error));
  g_assert_no_error (error);
  g_assert_false (verify_bytes (from_public_jwk, alg, VECTOR_DATA "!", node_sig, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* What the JWK import signs, the PEM import checks. */
  sig = _mcp_jose_sign (from_jwk, alg, (const guint8 *) "abc", 3, &error);
  g_assert_no_error (error);
  g_assert_true (verify_bytes (from_public_pem, alg, "abc", sig, &error));
  g_assert_no_error (error);

  /* A public key does not sign. */
  g_assert_null (_mcp_jose_sign (from_public_pem, alg, (const guint8 *) "abc", 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_rsa_vectors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpJoseKey) key = NULL;
  g_autoptr(GBytes) pss = NULL;

  if (skip_without_gnutls ())
    return;

  check_pair (rsa_private_pem, rsa_public_pem, rsa_private_jwk, "RS256", rs256_signature);

  /* PS256: Node.js's salt of 32 bytes. */
  key = _mcp_jose_key_from_pem (rsa_public_pem, -1, &error);
  g_assert_no_error (error);
  g_assert_null (_mcp_jose_key_get_alg (key));
  pss = decode (ps256_signature);
  g_assert_true (verify_bytes (key, "PS256", VECTOR_DATA, pss, &error));
  g_assert_no_error (error);
  g_assert_false (verify_bytes (key, "RS256", VECTOR_DATA, pss, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_ec_vectors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpJoseKey) key = NULL;

  if (skip_without_gnutls ())
    return;

  check_pair (ec_private_pem, ec_public_pem, ec_private_jwk, "ES256", es256_signature);

  key = _mcp_jose_key_from_pem (ec_public_pem, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (_mcp_jose_key_get_alg (key), ==, "ES256");
  g_assert_cmpstr (_mcp_jose_key_get_kty (key), ==, "EC");
}

/* Generated keys sign and verify, many times (ECDSA's r and s take every
 * shape: a high bit set, leading zeros), and tampering is seen. */
static void
test_round_trip (void)
{
  static const char * const algs[] = { "ES256", "ES384", "RS256", "PS256", "RS512", "HS256" };

  if (skip_without_gnutls ())
    return;

  for (gsize a = 0; a < G_N_ELEMENTS (algs); a++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McpJoseKey) key = _mcp_jose_key_generate (algs[a], &error);
      g_autoptr(McpJoseKey) public_key = NULL;
      g_autoptr(JsonNode) jwk = NULL;
      guint rounds = algs[a][0] == 'E' ? 64 : 4;

      g_assert_no_error (error);
      g_assert_cmpstr (_mcp_jose_key_get_alg (key), ==, algs[a]);
      g_assert_true (_mcp_jose_key_is_private (key));
      g_assert_true (_mcp_jose_key_supports_alg (key, algs[a]));

      jwk = _mcp_jose_key_to_public_jwk (key);
      if (algs[a][0] == 'H')
        {
          g_assert_null (jwk);
          public_key = _mcp_jose_key_ref (key);
        }
      else
        {
          g_autofree char *thumbprint = _mcp_jose_key_thumbprint (key);

          g_assert_cmpstr (_mcp_jose_key_get_kid (key), ==, thumbprint);
          g_assert_cmpstr (_mcp_json_object_get_string (json_node_get_object (jwk), "alg"), ==,
                           algs[a]);
          g_assert_cmpstr (_mcp_json_object_get_string (json_node_get_object (jwk), "kid"), ==,
                           thumbprint);
          public_key = _mcp_jose_key_from_jwk (json_node_get_object (jwk), &error);
          g_assert_no_error (error);
        }

      for (guint i = 0; i < rounds; i++)
        {
          g_autofree char *data = g_strdup_printf ("message %u of %s", i, algs[a]);
          g_autoptr(GBytes) sig = _mcp_jose_sign (key, algs[a], (const guint8 *) data,
                                                  strlen (data), &error);
          g_autofree guint8 *tampered = NULL;
          gsize len = g_bytes_get_size (sig);

          g_assert_no_error (error);
          if (strcmp (algs[a], "ES256") == 0)
            g_assert_cmpuint (g_bytes_get_size (sig), ==, 64);
          if (strcmp (algs[a], "ES384") == 0)
            g_assert_cmpuint (g_bytes_get_size (sig), ==, 96);
          if (algs[a][0] == 'R' || algs[a][0] == 'P')
            g_assert_cmpuint (g_bytes_get_size (sig), ==, 256);
          g_assert_true (verify_bytes (public_key, algs[a], data, sig, &error));
          g_assert_no_error (error);

          tampered = g_memdup2 (g_bytes_get_data (sig, NULL), len);
          tampered[i % len] ^= 0x01;
          g_assert_false (_mcp_jose_verify (public_key, algs[a], (const guint8 *) data,
                                            strlen (data), tampered, len, &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          g_clear_error (&error);
          g_assert_false (_mcp_jose_verify (public_key, algs[a], (const guint8 *) data,
                                            strlen (data), tampered, len - 1, &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          g_clear_error (&error);
        }
    }
}

/* A key serves its own family (and curve, and "alg") only, and nothing
 * serves "none". */
static void
test_wrong_family (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpJoseKey) rsa = NULL;
  g_autoptr(McpJoseKey) ec = NULL;
  g_autoptr(McpJoseKey) secret = NULL;
  g_autoptr(GBytes) sig = NULL;

  secret = _mcp_jose_key_new_secret ((const guint8 *) rsa_public_pem, strlen (rsa_public_pem),
                                     NULL);
  g_assert_false (_mcp_jose_key_supports_alg (secret, "RS256"));
  g_assert_false (_mcp_jose_key_supports_alg (secret, "none"));
  g_assert_null (_mcp_jose_sign (secret, "none", (const guint8 *) "x", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (_mcp_jose_sign (secret, "NONE", (const guint8 *) "x", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  if (skip_without_gnutls ())
    return;

  rsa = _mcp_jose_key_from_pem (rsa_public_pem, -1, &error);
  g_assert_no_error (error);
  ec = _mcp_jose_key_from_pem (ec_private_pem, -1, &error);
  g_assert_no_error (error);

  /* HS/RS confusion: an HMAC over the RSA public key's PEM is not an
   * RS256 signature, and the RSA key refuses HS256. */
  sig = _mcp_jose_sign (secret, "HS256", (const guint8 *) "x", 1, &error);
  g_assert_no_error (error);
  g_assert_false (_mcp_jose_verify (rsa, "HS256", (const guint8 *) "x", 1,
                                    g_bytes_get_data (sig, NULL), g_bytes_get_size (sig),
                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (_mcp_jose_key_supports_alg (rsa, "HS256"));
  g_assert_true (_mcp_jose_key_supports_alg (rsa, "RS256"));
  g_assert_true (_mcp_jose_key_supports_alg (rsa, "PS256"));
  g_assert_false (_mcp_jose_key_supports_alg (rsa, "ES256"));

  g_assert_true (_mcp_jose_key_supports_alg (ec, "ES256"));
  g_assert_false (_mcp_jose_key_supports_alg (ec, "ES384"));
  g_assert_false (_mcp_jose_key_supports_alg (ec, "RS256"));
  g_assert_null (_mcp_jose_sign (ec, "ES384", (const guint8 *) "x", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (_mcp_jose_sign (ec, "none", (const guint8 *) "x", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A JWK bound to RS256 is not for PS256. */
  {
    g_autoptr(McpJoseKey) bound = key_from_jwk_text (rfc7638_jwk, &error);

    g_assert_no_error (error);
    g_assert_false (_mcp_jose_key_supports_alg (bound, "PS256"));
    g_assert_false (_mcp_jose_verify (bound, "PS256", (const guint8 *) "x", 1,
                                      (const guint8 *) "y", 1, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_bad_jwks (void)
{
  static const char * const bad[] = {
    "{}",
    "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}",
    "{\"kty\":\"EC\",\"crv\":\"P-521\",\"x\":\"AAAA\",\"y\":\"AAAA\"}",
    "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"AAAA\"}",
    "{\"kty\":\"RSA\",\"e\":\"AQAB\"}",
    "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",                 /* 17 bits */
    "{\"kty\":\"oct\"}",
    "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"use\":\"enc\"}",
    "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"alg\":\"none\"}",
    "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"alg\":\"RS256\"}",
    "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"alg\":7}",
    "{\"kty\":\"oct\",\"k\":\"c2VjcmV0=\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McpJoseKey) key = key_from_jwk_text (bad[i], &error);

      g_assert_null (key);
      g_assert_nonnull (error);
      g_assert_true (error->domain == G_IO_ERROR);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (_mcp_jose_key_from_pem ("-----BEGIN PUBLIC KEY-----\nAAAA\n"
                                           "-----END PUBLIC KEY-----\n", -1, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_null (_mcp_jose_key_from_pem ("not a key", -1, &error));
    g_assert_nonnull (error);
  }
}

static void
test_compact (void)
{
  static const char * const algs[] = { "HS256", "ES256", "RS256" };

  for (gsize a = 0; a < G_N_ELEMENTS (algs); a++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McpJoseKey) key = NULL;
      g_autoptr(JsonObject) claims = json_object_new ();
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autoptr(McpJws) jws = NULL;
      g_autofree char *token = NULL;
      g_autofree char *forged = NULL;

      if (algs[a][0] != 'H' && !_mcp_jose_have_asymmetric ())
        continue;

      key = _mcp_jose_key_generate (algs[a], &error);
      g_assert_no_error (error);
      _mcp_jose_key_set_kid (key, "key-1");
      json_object_set_string_member (claims, "sub", "alice");
      json_object_set_int_member (claims, "exp", 4102444800);
      json_object_set_string_member (extra, "cty", "test");
      json_object_set_string_member (extra, "alg", "none");   /* never wins */

      token = _mcp_jws_sign_compact (key, algs[a], "JWT", extra, claims, &error);
      g_assert_no_error (error);

      jws = _mcp_jws_parse (token, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (jws->alg, ==, algs[a]);
      g_assert_cmpstr (jws->kid, ==, "key-1");
      g_assert_cmpstr (_mcp_json_object_get_string (jws->header, "typ"), ==, "JWT");
      g_assert_cmpstr (_mcp_json_object_get_string (jws->header, "cty"), ==, "test");
      g_assert_cmpstr (_mcp_json_object_get_string (jws->payload, "sub"), ==, "alice");
      g_assert_true (_mcp_jws_verify (jws, key, &error));
      g_assert_no_error (error);

      /* The payload swapped for another: the signature no longer holds. */
      {
        g_auto(GStrv) parts = g_strsplit (token, ".", 3);
        g_autofree char *payload = _mcp_base64url_encode ((const guint8 *) "{\"sub\":\"mallory\"}",
                                                          17);
        g_autoptr(McpJws) other = NULL;

        forged = g_strjoin (".", parts[0], payload, parts[2], NULL);
        other = _mcp_jws_parse (forged, &error);
        g_assert_no_error (error);
        g_assert_false (_mcp_jws_verify (other, key, &error));
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      }
    }
}

static void
test_parse_malformed (void)
{
  static const char * const bad[] = {
    "",
    "abc",
    "a.b",
    "a.b.c.d",
    "e30.e30.",                                /* {} header: no alg */
    "eyJhbGciOjF9.e30.",                       /* alg 1 */
    "eyJhbGciOiJIUzI1NiJ9.W10.",               /* payload [] */
    "eyJhbGciOiJIUzI1NiJ9.e30.a+b",            /* signature not base64url */
    "eyJhbGciOiJIUzI1NiIsImtpZCI6MX0.e30.",    /* kid 1 */
    "eyJhbGciOiJIUzI1NiJ9=.e30.",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McpJws) jws = _mcp_jws_parse (bad[i], &error);

      g_assert_null (jws);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

static void
test_without_gnutls (void)
{
  g_autoptr(GError) error = NULL;

  if (_mcp_jose_have_asymmetric ())
    {
      g_assert_true (_mcp_jose_alg_is_supported ("RS256"));
      g_assert_true (_mcp_jose_alg_is_supported ("ES256"));
      g_test_skip ("built with GnuTLS");
      return;
    }

  g_assert_false (_mcp_jose_alg_is_supported ("RS256"));
  g_assert_true (_mcp_jose_alg_is_supported ("HS256"));
  g_assert_null (_mcp_jose_key_generate ("ES256", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "without GnuTLS"));
  g_clear_error (&error);
  g_assert_null (_mcp_jose_key_from_pem (rsa_public_pem, -1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_null (key_from_jwk_text (rfc7638_jwk, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Jose/base64url", test_base64url);
  g_test_add_func ("/Mcp/Jose/thumbprint-rfc7638", test_thumbprint_rfc7638);
  g_test_add_func ("/Mcp/Jose/rsa-vectors", test_rsa_vectors);
  g_test_add_func ("/Mcp/Jose/ec-vectors", test_ec_vectors);
  g_test_add_func ("/Mcp/Jose/round-trip", test_round_trip);
  g_test_add_func ("/Mcp/Jose/wrong-family", test_wrong_family);
  g_test_add_func ("/Mcp/Jose/bad-jwks", test_bad_jwks);
  g_test_add_func ("/Mcp/Jose/compact", test_compact);
  g_test_add_func ("/Mcp/Jose/parse-malformed", test_parse_malformed);
  g_test_add_func ("/Mcp/Jose/without-gnutls", test_without_gnutls);

  return g_test_run ();
}
