/* fuzz-www-authenticate.c: the WWW-Authenticate reader of McpOAuthClient
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input layout: the input, split at NUL bytes, is one header value per
 * piece (at most 8). Whatever a hostile server sends, the reader returns
 * at most 16 challenges, each with a non-empty scheme of token characters
 * and values of at most 4 KiB, and never fails a GLib check.
 */

#include "config.h"

#include "fuzz-common.h"

#include "mcp-oauth-private.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GPtrArray) challenges = NULL;
  const uint8_t *start = data;
  const uint8_t *end = data + size;
  guint pieces = 0;

  while (start <= end && pieces < 8)
    {
      const uint8_t *nul = memchr (start, '\0', end - start);
      const uint8_t *stop = nul != NULL ? nul : end;
      g_autofree char *value = g_strndup ((const char *) start, stop - start);

      /* libsoup refuses CR and LF in header values itself. */
      if (strpbrk (value, "\r\n") == NULL && g_utf8_validate (value, -1, NULL))
        soup_message_headers_append (headers, "WWW-Authenticate", value);
      pieces++;
      if (nul == NULL)
        break;
      start = nul + 1;
    }

  challenges = _mcp_auth_challenges_parse (headers);
  FUZZ_CHECK (challenges->len <= 16);
  for (guint i = 0; i < challenges->len; i++)
    {
      McpAuthChallenge *challenge = g_ptr_array_index (challenges, i);
      GHashTableIter iter;
      gpointer name, value;

      FUZZ_CHECK (challenge->scheme != NULL && challenge->scheme[0] != '\0');
      FUZZ_CHECK (strpbrk (challenge->scheme, " \t,=\"") == NULL);
      g_hash_table_iter_init (&iter, challenge->params);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          FUZZ_CHECK (((const char *) name)[0] != '\0');
          FUZZ_CHECK (strlen (value) <= 4096 + 1);
        }
    }
  (void) _mcp_auth_challenges_find_oauth (challenges);

  return 0;
}
