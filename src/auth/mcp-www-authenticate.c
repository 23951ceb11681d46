/* mcp-www-authenticate.c: reading the challenges of a WWW-Authenticate header
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-oauth-private.h"

#define MAX_CHALLENGES 16
#define MAX_VALUE_LENGTH 4096

void
_mcp_auth_challenge_free (McpAuthChallenge *challenge)
{
  if (challenge == NULL)
    return;

  g_free (challenge->scheme);
  g_hash_table_unref (challenge->params);
  g_free (challenge);
}

static gboolean
is_tchar (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

static void
skip_space (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

static char *
read_token (const char **p)
{
  const char *start = *p;

  while (is_tchar (**p))
    (*p)++;
  return *p > start ? g_strndup (start, *p - start) : NULL;
}

/* A quoted-string (with backslash escapes) or a token, or a token68 after
 * "=" characters; NULL when the text is neither, or too long. */
static char *
read_value (const char **p)
{
  GString *value;

  if (**p != '"')
    {
      const char *start = *p;

      /* A token, or a token68 (which may end in "="). */
      while (is_tchar (**p) || **p == '/' || **p == '=')
        (*p)++;
      if (*p == start || *p - start > MAX_VALUE_LENGTH)
        return NULL;
      return g_strndup (start, *p - start);
    }

  value = g_string_new (NULL);
  (*p)++;
  while (**p != '"')
    {
      if (**p == '\0' || value->len > MAX_VALUE_LENGTH)
        {
          g_string_free (value, TRUE);
          return NULL;
        }
      if (**p == '\\' && (*p)[1] != '\0')
        (*p)++;
      g_string_append_c (value, **p);
      (*p)++;
    }
  (*p)++;
  return g_string_free (value, FALSE);
}

static McpAuthChallenge *
challenge_new (char *scheme)
{
  McpAuthChallenge *challenge = g_new0 (McpAuthChallenge, 1);

  challenge->scheme = scheme;
  challenge->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return challenge;
}

/* One header's value: challenges separated by commas, each a scheme and
 * then auth-params (name=value, comma separated) or a token68. */
static gboolean
parse_header (const char *text,
              GPtrArray  *out)
{
  const char *p = text;
  McpAuthChallenge *current = NULL;

  for (;;)
    {
      g_autofree char *word = NULL;

      while (*p == ' ' || *p == '\t' || *p == ',')
        p++;
      if (*p == '\0')
        return TRUE;

      word = read_token (&p);
      if (word == NULL)
        return FALSE;
      skip_space (&p);

      if (*p == '=' && current != NULL && p[1] != '=')
        {
          char *value;

          p++;
          skip_space (&p);
          value = read_value (&p);
          if (value == NULL)
            return FALSE;
          g_hash_table_replace (current->params, g_ascii_strdown (word, -1), value);
          skip_space (&p);
          if (*p != ',' && *p != '\0')
            return FALSE;
          continue;
        }

      /* A new challenge. */
      if (out->len >= MAX_CHALLENGES)
        return FALSE;
      current = challenge_new (g_steal_pointer (&word));
      g_ptr_array_add (out, current);

      /* A token68 right after the scheme. */
      if (*p != '\0' && *p != ',')
        {
          const char *save = p;
          g_autofree char *name = read_token (&p);

          skip_space (&p);
          if (name != NULL && *p == '=' && p[1] != '=')
            {
              p = save;   /* an auth-param: read it on the next turn */
              continue;
            }
          p = save;
          g_free (read_value (&p));
        }
    }
}

GPtrArray *
_mcp_auth_challenges_parse (SoupMessageHeaders *headers)
{
  GPtrArray *challenges = g_ptr_array_new_with_free_func ((GDestroyNotify) _mcp_auth_challenge_free);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autoptr(GPtrArray) one = NULL;

      if (g_ascii_strcasecmp (name, "WWW-Authenticate") != 0)
        continue;

      one = g_ptr_array_new_with_free_func ((GDestroyNotify) _mcp_auth_challenge_free);
      if (!parse_header (value, one))
        continue;
      for (guint i = 0; i < one->len && challenges->len < MAX_CHALLENGES; i++)
        g_ptr_array_add (challenges, g_steal_pointer (&one->pdata[i]));
    }

  return challenges;
}

McpAuthChallenge *
_mcp_auth_challenges_find_oauth (GPtrArray *challenges)
{
  for (guint i = 0; challenges != NULL && i < challenges->len; i++)
    {
      McpAuthChallenge *challenge = g_ptr_array_index (challenges, i);

      if (g_ascii_strcasecmp (challenge->scheme, "Bearer") == 0 ||
          g_ascii_strcasecmp (challenge->scheme, "DPoP") == 0)
        return challenge;
    }
  return NULL;
}
