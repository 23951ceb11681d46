/* test-rate-limits.c: the token bucket, and the bounded table of a
 * provider's principals' buckets (_mcp_auth_bind_principal_limits()).
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-auth-private.h"
#include "mcp-test-util.h"

/* The table's key on the provider (white box). */
#define PRINCIPAL_BUCKETS_KEY "mcp-principal-buckets"

static void
test_bucket (void)
{
  g_autoptr(McpTokenBucket) bucket = _mcp_token_bucket_new (2.0, 3);
  gint64 now = 1000 * G_USEC_PER_SEC;
  guint retry_after = 0;

  for (guint i = 0; i < 3; i++)
    g_assert_true (_mcp_token_bucket_take (bucket, now, &retry_after));
  g_assert_false (_mcp_token_bucket_take (bucket, now, &retry_after));
  g_assert_cmpuint (retry_after, ==, 1);

  /* Half a second at two a second: one more. */
  g_assert_true (_mcp_token_bucket_take (bucket, now + G_USEC_PER_SEC / 2, &retry_after));
  g_assert_false (_mcp_token_bucket_take (bucket, now + G_USEC_PER_SEC / 2, &retry_after));
}

static McpAuthInfo *
identity (const char *principal,
          double      rate,
          guint       burst)
{
  McpAuthInfo *info = mcp_auth_info_new (principal, NULL);

  mcp_auth_info_set_rate_limit (info, rate, burst);
  return info;
}

/* Two identities of one principal share a bucket; another principal has
 * its own; an identity without a rate gets none. */
static void
test_principal_buckets (void)
{
  g_autoptr(McpAuthProvider) provider = MCP_AUTH_PROVIDER (mcp_api_key_provider_new ());
  g_autoptr(McpAuthInfo) first = identity ("alice", 0.001, 2);
  g_autoptr(McpAuthInfo) second = identity ("alice", 0.001, 2);
  g_autoptr(McpAuthInfo) other = identity ("bob", 0.001, 2);
  g_autoptr(McpAuthInfo) unmetered = identity ("carol", 0, 0);
  guint retry_after = 0;

  _mcp_auth_bind_principal_limits (provider, first);
  g_assert_true (_mcp_auth_info_charge (first, &retry_after));
  g_assert_true (_mcp_auth_info_charge (first, &retry_after));
  g_assert_false (_mcp_auth_info_charge (first, &retry_after));

  _mcp_auth_bind_principal_limits (provider, second);
  g_assert_false (_mcp_auth_info_charge (second, &retry_after));
  g_assert_cmpuint (retry_after, >, 100);

  _mcp_auth_bind_principal_limits (provider, other);
  g_assert_true (_mcp_auth_info_charge (other, &retry_after));

  _mcp_auth_bind_principal_limits (provider, unmetered);
  for (guint i = 0; i < 100; i++)
    g_assert_true (_mcp_auth_info_charge (unmetered, &retry_after));

  g_assert_cmpuint (_mcp_bucket_table_size (g_object_get_data (G_OBJECT (provider), PRINCIPAL_BUCKETS_KEY)),
                    ==, 2);
}

/* A burst of 0 is the rate rounded up. */
static void
test_default_burst (void)
{
  g_autoptr(McpAuthProvider) provider = MCP_AUTH_PROVIDER (mcp_api_key_provider_new ());
  g_autoptr(McpAuthInfo) info = identity ("dave", 2.5, 0);
  guint taken = 0;

  _mcp_auth_bind_principal_limits (provider, info);
  for (guint i = 0; i < 10; i++)
    if (_mcp_auth_info_charge (info, NULL))
      taken++;
  g_assert_cmpuint (taken, ==, 3);
}

/* However many principals come, the table keeps MCP_MAX_PRINCIPAL_BUCKETS
 * at most; a principal whose bucket is in use keeps it while full ones
 * make room. */
static void
test_bounded (void)
{
  g_autoptr(McpAuthProvider) provider = MCP_AUTH_PROVIDER (mcp_api_key_provider_new ());
  g_autoptr(McpAuthInfo) busy = identity ("busy", 0.001, 1);
  g_autoptr(McpAuthInfo) busy_again = identity ("busy", 0.001, 1);
  McpBucketTable *table;

  _mcp_auth_bind_principal_limits (provider, busy);
  g_assert_true (_mcp_auth_info_charge (busy, NULL));

  /* Many one-off principals that never use their bucket. */
  for (guint i = 0; i < 3 * MCP_MAX_PRINCIPAL_BUCKETS; i++)
    {
      g_autofree char *name = g_strdup_printf ("visitor-%u", i);
      g_autoptr(McpAuthInfo) info = identity (name, 0.001, 1);

      _mcp_auth_bind_principal_limits (provider, info);
    }

  table = g_object_get_data (G_OBJECT (provider), PRINCIPAL_BUCKETS_KEY);
  g_assert_cmpuint (_mcp_bucket_table_size (table), <=, MCP_MAX_PRINCIPAL_BUCKETS);

  /* The empty bucket was kept: its principal is still limited. */
  _mcp_auth_bind_principal_limits (provider, busy_again);
  g_assert_false (_mcp_auth_info_charge (busy_again, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/RateLimits/bucket", test_bucket);
  g_test_add_func ("/Mcp/RateLimits/principal-buckets", test_principal_buckets);
  g_test_add_func ("/Mcp/RateLimits/default-burst", test_default_burst);
  g_test_add_func ("/Mcp/RateLimits/bounded", test_bounded);

  return g_test_run ();
}
