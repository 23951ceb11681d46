/* test-sse-parser.c: the server-sent events parser of the HTTP client
 * transport (src/http/mcp-sse-parser.c)
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-test-util.h"

/* The parser's header is private to the library, as the fuzz target's. */
#define MCP_COMPILATION
#include "mcp-http-private.h"

#define BOM "\xEF\xBB\xBF"

static void
on_event (const char *event_type,
          const char *id,
          const char *data,
          gsize       data_length,
          gpointer    user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "[%s|%s|", event_type, id != NULL ? id : "-");
  g_string_append_len (log, data, data_length);
  g_string_append (log, "]");
}

/* Feeds @stream in pieces of @piece bytes (0: whole) and returns what
 * was dispatched. */
static char *
parse (const char *stream,
       gsize       piece)
{
  GString *log = g_string_new (NULL);
  McpSseParser *parser = _mcp_sse_parser_new (1024, on_event, NULL, log);
  gsize length = strlen (stream);
  g_autoptr(GError) error = NULL;

  if (piece == 0)
    piece = MAX (length, 1);

  for (gsize offset = 0; offset < length; offset += piece)
    {
      g_assert_true (_mcp_sse_parser_feed (parser, stream + offset,
                                           MIN (piece, length - offset), &error));
      g_assert_no_error (error);
    }

  _mcp_sse_parser_free (parser);
  return g_string_free (log, FALSE);
}

static void
check (const char *stream,
       const char *expected)
{
  for (gsize piece = 0; piece <= 4; piece++)
    {
      g_autofree char *log = parse (stream, piece);

      g_assert_cmpstr (log, ==, expected);
    }
}

static void
test_events (void)
{
  check ("data: a\n\n", "[message|-|a]");
  check ("event: e\r\nid: 7\r\ndata: a\r\ndata:b\r\n\r\n", "[e|7|a\nb]");
  check (": keep-alive\rdata: x\r\r", "[message|-|x]");
  check ("data: x\n", "");
}

/* The HTML standard decodes the stream as UTF-8 with one leading byte
 * order mark stripped. */
static void
test_bom (void)
{
  /* Whole, or split over calls (the pieces of check ()). */
  check (BOM "data: a\n\n", "[message|-|a]");
  check (BOM "event: e\nid: 1\ndata: a\n\n", "[e|1|a]");
  check (BOM "\ndata: a\n\n", "[message|-|a]");
  check (BOM, "");

  /* Only one mark, and only at the start: a second one is the start of a
   * field name that no longer says "data". */
  check (BOM BOM "data: a\n\ndata: b\n\n", "[message|-|b]");
  check ("data: a\n\n" BOM "data: b\n\ndata: c\n\n", "[message|-|a][message|-|c]");
  check ("data: " BOM "a\n\n", "[message|-|" BOM "a]");

  /* The start of a mark that does not go on is not dropped. */
  check ("\xEF\xBB" "data: a\n\ndata: b\n\n", "[message|-|b]");
  check ("\xEF" "\n" "data: a\n\n", "[message|-|a]");
}

static void
test_bom_byte_by_byte (void)
{
  GString *log = g_string_new (NULL);
  McpSseParser *parser = _mcp_sse_parser_new (1024, on_event, NULL, log);
  const char *stream = BOM "data: a\n\n";
  g_autofree char *result = NULL;

  for (const char *p = stream; *p != '\0'; p++)
    g_assert_true (_mcp_sse_parser_feed (parser, p, 1, NULL));
  /* Empty feeds change nothing, the mark's or not. */
  g_assert_true (_mcp_sse_parser_feed (parser, "", 0, NULL));

  _mcp_sse_parser_free (parser);
  result = g_string_free (log, FALSE);
  g_assert_cmpstr (result, ==, "[message|-|a]");
}

static void
test_limit (void)
{
  McpSseParser *parser = _mcp_sse_parser_new (8, on_event, NULL, NULL);
  g_autoptr(GError) error = NULL;

  /* The mark does not count towards the limit of the first event. */
  g_assert_true (_mcp_sse_parser_feed (parser, BOM "data:123", 11, &error));
  g_assert_no_error (error);
  g_assert_false (_mcp_sse_parser_feed (parser, "4", 1, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_MESSAGE_TOO_LARGE);
  _mcp_sse_parser_free (parser);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/SseParser/events", test_events);
  g_test_add_func ("/Mcp/SseParser/bom", test_bom);
  g_test_add_func ("/Mcp/SseParser/bom-byte-by-byte", test_bom_byte_by_byte);
  g_test_add_func ("/Mcp/SseParser/limit", test_limit);

  return g_test_run ();
}
