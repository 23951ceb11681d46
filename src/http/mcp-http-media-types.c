/* mcp-http-media-types.c: Accept and Content-Type helpers for the HTTP transports
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-http-private.h"

gboolean
_mcp_http_accepts (const char *accept,
                   const char *media_type)
{
  g_auto(GStrv) ranges = NULL;
  const char *slash = strchr (media_type, '/');
  g_autofree char *type_wildcard = NULL;

  if (accept == NULL)
    return FALSE;

  g_assert (slash != NULL);
  type_wildcard = g_strdup_printf ("%.*s/*", (int) (slash - media_type), media_type);

  ranges = g_strsplit (accept, ",", -1);
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_autofree char *range = g_strstrip (g_strdup (ranges[i]));
      char *semicolon = strchr (range, ';');

      if (semicolon != NULL)
        {
          /* "q=0" means "not acceptable". */
          const char *q = strstr (semicolon, "q=");

          if (q != NULL && g_ascii_strtod (q + 2, NULL) <= 0.0)
            continue;
          *semicolon = '\0';
          g_strstrip (range);
        }

      if (g_ascii_strcasecmp (range, media_type) == 0 ||
          g_ascii_strcasecmp (range, type_wildcard) == 0 ||
          strcmp (range, "*/*") == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
media_type_is (const char *content_type,
               const char *media_type)
{
  gsize length = strlen (media_type);

  if (content_type == NULL)
    return FALSE;

  while (*content_type == ' ')
    content_type++;

  return g_ascii_strncasecmp (content_type, media_type, length) == 0 &&
         (content_type[length] == '\0' || content_type[length] == ';' ||
          content_type[length] == ' ');
}

gboolean
_mcp_http_is_json_type (const char *content_type)
{
  return media_type_is (content_type, "application/json");
}

gboolean
_mcp_http_is_sse_type (const char *content_type)
{
  return media_type_is (content_type, "text/event-stream");
}
