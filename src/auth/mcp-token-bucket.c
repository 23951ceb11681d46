/* mcp-token-bucket.c: the rate limit of an API key, and the bounded table
 * of a provider's principals' rate limits
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-auth-private.h"

struct _McpTokenBucket
{
  gatomicrefcount ref_count;
  double          rate;
  double          burst;
  double          tokens;
  gint64          last;   /* monotonic µs of the last refill; 0: full */
  GMutex          lock;
};

McpTokenBucket *
_mcp_token_bucket_new (double rate,
                       guint  burst)
{
  McpTokenBucket *bucket = g_new0 (McpTokenBucket, 1);

  g_atomic_ref_count_init (&bucket->ref_count);
  bucket->rate = rate;
  bucket->burst = MAX (burst, 1);
  bucket->tokens = bucket->burst;
  g_mutex_init (&bucket->lock);

  return bucket;
}

McpTokenBucket *
_mcp_token_bucket_ref (McpTokenBucket *bucket)
{
  g_atomic_ref_count_inc (&bucket->ref_count);
  return bucket;
}

void
_mcp_token_bucket_unref (McpTokenBucket *bucket)
{
  if (!g_atomic_ref_count_dec (&bucket->ref_count))
    return;

  g_mutex_clear (&bucket->lock);
  g_free (bucket);
}

gboolean
_mcp_token_bucket_take (McpTokenBucket *bucket,
                        gint64          now,
                        guint          *retry_after)
{
  gboolean taken;

  g_mutex_lock (&bucket->lock);

  if (bucket->last != 0 && now > bucket->last)
    bucket->tokens = MIN (bucket->burst,
                          bucket->tokens + bucket->rate * (double) (now - bucket->last) / G_USEC_PER_SEC);
  bucket->last = now;

  taken = bucket->tokens >= 1.0;
  if (taken)
    bucket->tokens -= 1.0;
  else if (retry_after != NULL)
    {
      /* A rate of zero never refills: a day stands for "not soon". */
      double wait = bucket->rate > 0 ? (1.0 - bucket->tokens) / bucket->rate : 86400;
      guint seconds = (guint) MIN (wait, 86400);

      *retry_after = MAX (seconds < wait ? seconds + 1 : seconds, 1);
    }

  g_mutex_unlock (&bucket->lock);

  return taken;
}

/* Whether the bucket would be full at @now: then it is as good as a new one. */
static gboolean
token_bucket_is_full (McpTokenBucket *bucket,
                      gint64          now)
{
  gboolean full;

  g_mutex_lock (&bucket->lock);
  full = bucket->last == 0 ||
         bucket->tokens + bucket->rate * (double) (now - bucket->last) / G_USEC_PER_SEC >= bucket->burst;
  g_mutex_unlock (&bucket->lock);

  return full;
}

/* Bounded tables of buckets ---------------------------------------------------- */

struct _McpBucketTable
{
  GHashTable *buckets;   /* key → McpTokenBucket */
  guint       max_entries;
  GMutex      lock;
};

McpBucketTable *
_mcp_bucket_table_new (guint max_entries)
{
  McpBucketTable *table = g_new0 (McpBucketTable, 1);

  table->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) _mcp_token_bucket_unref);
  table->max_entries = MAX (max_entries, 1);
  g_mutex_init (&table->lock);
  return table;
}

void
_mcp_bucket_table_free (McpBucketTable *table)
{
  g_hash_table_unref (table->buckets);
  g_mutex_clear (&table->lock);
  g_free (table);
}

guint
_mcp_bucket_table_size (McpBucketTable *table)
{
  return g_hash_table_size (table->buckets);
}

/* Makes room for one more key: a full bucket is dropped (a new one would
 * be the same), and when every one is in use, one of them (that key starts
 * again with a full bucket: a lost limit, never a lost request). */
static void
bucket_table_make_room (McpBucketTable *table,
                        gint64          now)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (table->buckets) < table->max_entries)
    return;

  g_hash_table_iter_init (&iter, table->buckets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (token_bucket_is_full (value, now))
        g_hash_table_iter_remove (&iter);
    }

  if (g_hash_table_size (table->buckets) < table->max_entries)
    return;

  g_hash_table_iter_init (&iter, table->buckets);
  if (g_hash_table_iter_next (&iter, NULL, NULL))
    g_hash_table_iter_remove (&iter);
}

guint
_mcp_token_bucket_default_burst (double rate)
{
  /* The rate rounded up. */
  double whole = MIN (rate, (double) (G_MAXUINT - 1));
  guint burst = (guint) whole;

  if ((double) burst < whole)
    burst++;
  return MAX (burst, 1);
}

McpTokenBucket *
_mcp_bucket_table_get (McpBucketTable *table,
                       const char     *key,
                       double          rate,
                       guint           burst)
{
  McpTokenBucket *bucket;

  if (burst == 0)
    burst = _mcp_token_bucket_default_burst (rate);

  g_mutex_lock (&table->lock);
  bucket = g_hash_table_lookup (table->buckets, key);
  if (bucket == NULL || bucket->rate != rate || bucket->burst != (double) burst)
    {
      if (bucket == NULL)
        bucket_table_make_room (table, g_get_monotonic_time ());
      bucket = _mcp_token_bucket_new (rate, burst);
      g_hash_table_replace (table->buckets, g_strdup (key), bucket);
    }
  _mcp_token_bucket_ref (bucket);
  g_mutex_unlock (&table->lock);

  return bucket;
}

/* The principals' buckets ------------------------------------------------------ */

#define PRINCIPAL_BUCKETS_KEY "mcp-principal-buckets"

void
_mcp_auth_bind_principal_limits (McpAuthProvider *provider,
                                 McpAuthInfo     *info)
{
  double rate = mcp_auth_info_get_rate_limit (info);
  const char *principal = mcp_auth_info_get_principal (info);
  McpBucketTable *table;
  g_autoptr(McpTokenBucket) bucket = NULL;

  /* An API key's bucket is the key's. */
  if (rate <= 0 || _mcp_auth_info_has_bucket (info) || principal == NULL)
    return;

  /* One table on the provider that made the identities. */
  table = g_object_get_data (G_OBJECT (provider), PRINCIPAL_BUCKETS_KEY);
  if (table == NULL)
    {
      table = _mcp_bucket_table_new (MCP_MAX_PRINCIPAL_BUCKETS);
      g_object_set_data_full (G_OBJECT (provider), PRINCIPAL_BUCKETS_KEY, table,
                              (GDestroyNotify) _mcp_bucket_table_free);
    }

  bucket = _mcp_bucket_table_get (table, principal, rate, mcp_auth_info_get_rate_burst (info));
  _mcp_auth_info_set_bucket (info, bucket);
}
