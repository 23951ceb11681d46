/* mcp-sse-parser.c: the server-sent events parser of the HTTP client transport
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-http-private.h"

/*
 * Follows the event-stream interpretation rules of the HTML standard: lines
 * end in LF, CRLF or CR; "field: value" with one optional space; `data`
 * lines are joined with LF; a blank line dispatches; one UTF-8 byte order
 * mark at the start of the stream is dropped. Bytes are buffered only up to
 * the end of the current line and event, both capped.
 */

static const char utf8_bom[] = "\xEF\xBB\xBF";

struct _McpSseParser
{
  gsize            max_event_size;
  McpSseEventFunc  event_func;
  McpSseRetryFunc  retry_func;
  gpointer         user_data;

  GString         *line;
  GString         *data;
  GString         *event_type;
  char            *last_id;
  gboolean         have_fields;
  gboolean         after_cr;
  /* Until the stream's first byte that is not the start of a byte order
   * mark: how many of its bytes have come. */
  gboolean         started;
  guint            bom_length;
};

McpSseParser *
_mcp_sse_parser_new (gsize            max_event_size,
                     McpSseEventFunc  event_func,
                     McpSseRetryFunc  retry_func,
                     gpointer         user_data)
{
  McpSseParser *parser = g_new0 (McpSseParser, 1);

  parser->max_event_size = max_event_size;
  parser->event_func = event_func;
  parser->retry_func = retry_func;
  parser->user_data = user_data;
  parser->line = g_string_new (NULL);
  parser->data = g_string_new (NULL);
  parser->event_type = g_string_new (NULL);

  return parser;
}

void
_mcp_sse_parser_free (McpSseParser *parser)
{
  if (parser == NULL)
    return;

  g_string_free (parser->line, TRUE);
  g_string_free (parser->data, TRUE);
  g_string_free (parser->event_type, TRUE);
  g_free (parser->last_id);
  g_free (parser);
}

const char *
_mcp_sse_parser_get_last_id (McpSseParser *parser)
{
  return parser->last_id;
}

static void
dispatch (McpSseParser *parser)
{
  g_autofree char *type = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!parser->have_fields)
    return;

  parser->have_fields = FALSE;

  /* The data buffer ends with the LF of its last line. */
  if (parser->data->len > 0 && parser->data->str[parser->data->len - 1] == '\n')
    g_string_truncate (parser->data, parser->data->len - 1);

  type = g_strdup (parser->event_type->len > 0 ? parser->event_type->str : "message");
  length = parser->data->len;
  data = g_string_free (parser->data, FALSE);
  parser->data = g_string_new (NULL);
  g_string_truncate (parser->event_type, 0);

  /* The callback must not free the parser. */
  parser->event_func (type, parser->last_id, data, length, parser->user_data);
}

static void
process_line (McpSseParser *parser)
{
  const char *line = parser->line->str;
  const char *colon;
  g_autofree char *field = NULL;
  const char *value;
  gsize field_length;
  gsize value_length;

  if (parser->line->len == 0)
    return;

  if (line[0] == ':')
    return;  /* a comment, such as a keep-alive */

  /* The line may hold NUL bytes: it has a length. */
  colon = memchr (line, ':', parser->line->len);
  field_length = colon != NULL ? (gsize) (colon - line) : parser->line->len;
  if (colon != NULL)
    {
      value = colon + 1;
      if (*value == ' ')
        value++;
      value_length = parser->line->len - (value - line);
    }
  else
    {
      value = "";
      value_length = 0;
    }

  /* A NUL in a field name makes it no field we know. */
  if (memchr (line, '\0', field_length) != NULL)
    return;
  field = g_strndup (line, field_length);

  if (strcmp (field, "data") == 0)
    {
      /* NULs stay, for the JSON reader to refuse: "{}\0junk" is not "{}". */
      g_string_append_len (parser->data, value, value_length);
      g_string_append_c (parser->data, '\n');
      parser->have_fields = TRUE;
    }
  else if (strcmp (field, "event") == 0)
    {
      /* A NUL is part of the type ("message\0x" is not "message"); the
       * callback takes a C string, so it becomes U+FFFD. */
      g_string_truncate (parser->event_type, 0);
      for (gsize i = 0; i < value_length; i++)
        {
          if (value[i] == '\0')
            g_string_append (parser->event_type, "\xEF\xBF\xBD");
          else
            g_string_append_c (parser->event_type, value[i]);
        }
      parser->have_fields = TRUE;
    }
  else if (strcmp (field, "id") == 0)
    {
      /* The HTML standard ignores an id holding a NUL. */
      if (memchr (value, '\0', value_length) == NULL)
        {
          g_free (parser->last_id);
          parser->last_id = g_strdup (value);
        }
      parser->have_fields = TRUE;
    }
  else if (strcmp (field, "retry") == 0)
    {
      guint64 retry = 0;

      if (value_length > 0 && strspn (value, "0123456789") == value_length &&
          g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &retry, NULL) &&
          parser->retry_func != NULL)
        parser->retry_func ((guint) retry, parser->user_data);
    }
}

static gboolean
feed_byte (McpSseParser  *parser,
           char           c,
           GError       **error)
{
  if (c == '\n' && parser->after_cr)
    {
      parser->after_cr = FALSE;
      return TRUE;
    }
  parser->after_cr = FALSE;

  if (c == '\r' || c == '\n')
    {
      gboolean blank = parser->line->len == 0;

      parser->after_cr = c == '\r';
      process_line (parser);
      g_string_truncate (parser->line, 0);

      if (blank)
        dispatch (parser);
      return TRUE;
    }

  g_string_append_c (parser->line, c);

  if (parser->line->len + parser->data->len > parser->max_event_size)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_MESSAGE_TOO_LARGE,
                   "Server-sent event larger than the limit of %" G_GSIZE_FORMAT " bytes",
                   parser->max_event_size);
      return FALSE;
    }

  return TRUE;
}

gboolean
_mcp_sse_parser_feed (McpSseParser  *parser,
                      const char    *data,
                      gsize          length,
                      GError       **error)
{
  gsize i = 0;

  /* The mark may come split over several calls. */
  while (!parser->started && i < length)
    {
      if (data[i] == utf8_bom[parser->bom_length])
        {
          i++;
          if (++parser->bom_length == sizeof utf8_bom - 1)
            parser->started = TRUE;
          continue;
        }

      /* Not a mark after all: what looked like its start is data. */
      parser->started = TRUE;
      for (guint j = 0; j < parser->bom_length; j++)
        if (!feed_byte (parser, utf8_bom[j], error))
          return FALSE;
    }

  for (; i < length; i++)
    if (!feed_byte (parser, data[i], error))
      return FALSE;

  return TRUE;
}
