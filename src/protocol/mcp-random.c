/* mcp-random.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_GETRANDOM
# include <sys/random.h>
#endif

#include "mcp-random-private.h"

static gboolean
read_urandom (guint8 *buffer,
              gsize   length)
{
  int fd = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);
  gsize done = 0;

  if (fd < 0)
    return FALSE;

  while (done < length)
    {
      ssize_t n = read (fd, buffer + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }

  close (fd);
  return done == length;
}

void
_mcp_random_bytes (guint8 *buffer,
                   gsize   length)
{
  gsize done = 0;

#ifdef HAVE_GETRANDOM
  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      done += n;
    }
#endif

  if (done < length && !read_urandom (buffer + done, length - done))
    g_error ("No source of secure random numbers is available");
}

char *
_mcp_random_token (gsize n_bytes)
{
  static const char hex[] = "0123456789abcdef";
  g_autofree guint8 *bytes = g_malloc (n_bytes);
  char *token = g_malloc (n_bytes * 2 + 1);

  _mcp_random_bytes (bytes, n_bytes);
  for (gsize i = 0; i < n_bytes; i++)
    {
      token[2 * i] = hex[bytes[i] >> 4];
      token[2 * i + 1] = hex[bytes[i] & 0xf];
    }
  token[n_bytes * 2] = '\0';

  return token;
}

gboolean
_mcp_constant_time_equal (const char *a,
                          const char *b)
{
  gsize len_a;
  gsize len_b;
  guint8 diff;

  if (a == NULL || b == NULL)
    return FALSE;

  len_a = strlen (a);
  len_b = strlen (b);
  diff = len_a != len_b;

  /* Walk the expected secret's full length whatever the input is. */
  for (gsize i = 0; i < len_b; i++)
    diff |= (guint8) (b[i] ^ (i < len_a ? a[i] : 0));

  return diff == 0;
}
