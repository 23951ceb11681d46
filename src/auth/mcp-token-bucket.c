/* mcp-token-bucket.c: the rate limit of an API key
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
