/* test-trace-context.c: McpTraceContext, the W3C trace context of _meta:
 * what is valid, what is dropped, children, and writing it back.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-test-util.h"

#define TRACE_ID "4bf92f3577b34da6a3ce929d0e0e4736"
#define PARENT_ID "00f067aa0ba902b7"

static void
test_valid (void)
{
  g_autoptr(McpTraceContext) trace = mcp_trace_context_parse ("00-" TRACE_ID "-" PARENT_ID "-01",
                                                            "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE",
                                                            "userId=alice,serverNode=DF%2028");

  g_assert_nonnull (trace);
  g_assert_cmpstr (mcp_trace_context_get_traceparent (trace), ==, "00-" TRACE_ID "-" PARENT_ID "-01");
  g_assert_cmpstr (mcp_trace_context_get_trace_id (trace), ==, TRACE_ID);
  g_assert_cmpstr (mcp_trace_context_get_parent_id (trace), ==, PARENT_ID);
  g_assert_cmpuint (mcp_trace_context_get_flags (trace), ==, 1);
  g_assert_true (mcp_trace_context_is_sampled (trace));
  g_assert_cmpstr (mcp_trace_context_get_tracestate (trace), ==, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
  g_assert_cmpstr (mcp_trace_context_get_baggage (trace), ==, "userId=alice,serverNode=DF%2028");

  /* Unknown flags go as zero. */
  {
    g_autoptr(McpTraceContext) flags = mcp_trace_context_parse ("00-" TRACE_ID "-" PARENT_ID "-fe",
                                                              NULL, NULL);

    g_assert_nonnull (flags);
    g_assert_false (mcp_trace_context_is_sampled (flags));
    g_assert_cmpstr (mcp_trace_context_get_traceparent (flags), ==, "00-" TRACE_ID "-" PARENT_ID "-00");
    g_assert_null (mcp_trace_context_get_tracestate (flags));
  }

  /* A later version, with more after a dash, is read as 00. */
  {
    g_autoptr(McpTraceContext) later = mcp_trace_context_parse ("cc-" TRACE_ID "-" PARENT_ID "-01-what-the-future",
                                                              NULL, NULL);

    g_assert_nonnull (later);
    g_assert_cmpstr (mcp_trace_context_get_traceparent (later), ==, "00-" TRACE_ID "-" PARENT_ID "-01");
  }
}

static void
test_invalid (void)
{
  static const char * const invalid[] = {
    "",
    "00-" TRACE_ID "-" PARENT_ID,                                   /* no flags */
    "00-" TRACE_ID "-" PARENT_ID "-01-",                            /* too long for 00 */
    "00-4BF92F3577B34DA6A3CE929D0E0E4736-" PARENT_ID "-01",         /* upper case */
    "00-00000000000000000000000000000000-" PARENT_ID "-01",         /* zero trace id */
    "00-" TRACE_ID "-0000000000000000-01",                          /* zero parent id */
    "ff-" TRACE_ID "-" PARENT_ID "-01",                             /* version ff */
    "0x-" TRACE_ID "-" PARENT_ID "-01",
    "00_" TRACE_ID "-" PARENT_ID "-01",
    "00-" TRACE_ID "-" PARENT_ID "-0g",
    "cc-" TRACE_ID "-" PARENT_ID "-01x",                            /* later version, no dash */
    "00-" TRACE_ID "-" PARENT_ID "\xc3\xa9",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_null (mcp_trace_context_parse (invalid[i], "a=b", "c=d"));
  g_assert_null (mcp_trace_context_parse (NULL, NULL, NULL));
}

/* A tracestate or baggage we cannot pass on is dropped; the rest stays. */
static void
test_dropped_lists (void)
{
  g_autofree char *long_state = g_strnfill (513, 'a');
  g_autofree char *long_baggage = g_strnfill (8193, 'b');
  g_autoptr(McpTraceContext) too_long = mcp_trace_context_parse ("00-" TRACE_ID "-" PARENT_ID "-01",
                                                               long_state, long_baggage);
  g_autoptr(McpTraceContext) control = mcp_trace_context_parse ("00-" TRACE_ID "-" PARENT_ID "-01",
                                                              "a=b\nc=d", "k=\x01");

  g_assert_nonnull (too_long);
  g_assert_null (mcp_trace_context_get_tracestate (too_long));
  g_assert_null (mcp_trace_context_get_baggage (too_long));
  g_assert_nonnull (control);
  g_assert_null (mcp_trace_context_get_tracestate (control));
  g_assert_null (mcp_trace_context_get_baggage (control));
}

static void
test_meta (void)
{
  g_autoptr(JsonNode) meta = mcp_test_parse ("{\"traceparent\":\"00-" TRACE_ID "-" PARENT_ID "-01\","
                                             "\"tracestate\":7,\"baggage\":\"k=v\","
                                             "\"progressToken\":1}");
  g_autoptr(JsonNode) wrong = mcp_test_parse ("{\"traceparent\":55}");
  g_autoptr(McpTraceContext) trace = mcp_trace_context_from_meta (meta);
  g_autoptr(JsonObject) out = json_object_new ();

  g_assert_nonnull (trace);
  g_assert_null (mcp_trace_context_get_tracestate (trace));   /* not a string */
  g_assert_cmpstr (mcp_trace_context_get_baggage (trace), ==, "k=v");
  g_assert_null (mcp_trace_context_from_meta (wrong));
  g_assert_null (mcp_trace_context_from_meta (NULL));

  json_object_set_string_member (out, "tracestate", "stale=1");
  json_object_set_string_member (out, "other", "kept");
  mcp_trace_context_add_to_meta (trace, out);
  g_assert_cmpstr (json_object_get_string_member (out, "traceparent"), ==,
                   "00-" TRACE_ID "-" PARENT_ID "-01");
  g_assert_false (json_object_has_member (out, "tracestate"));
  g_assert_cmpstr (json_object_get_string_member (out, "baggage"), ==, "k=v");
  g_assert_cmpstr (json_object_get_string_member (out, "other"), ==, "kept");
}

static void
test_child (void)
{
  g_autoptr(McpTraceContext) trace = mcp_trace_context_parse ("00-" TRACE_ID "-" PARENT_ID "-01",
                                                            "a=b", NULL);
  g_autoptr(McpTraceContext) child = mcp_trace_context_new_child (trace);
  g_autoptr(McpTraceContext) reparsed = mcp_trace_context_parse (mcp_trace_context_get_traceparent (child),
                                                               NULL, NULL);

  g_assert_cmpstr (mcp_trace_context_get_trace_id (child), ==, TRACE_ID);
  g_assert_cmpstr (mcp_trace_context_get_parent_id (child), !=, PARENT_ID);
  g_assert_cmpuint (strlen (mcp_trace_context_get_parent_id (child)), ==, 16);
  g_assert_true (mcp_trace_context_is_sampled (child));
  g_assert_cmpstr (mcp_trace_context_get_tracestate (child), ==, "a=b");
  g_assert_nonnull (reparsed);
  g_assert_cmpstr (mcp_trace_context_get_parent_id (reparsed), ==,
                   mcp_trace_context_get_parent_id (child));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/TraceContext/valid", test_valid);
  g_test_add_func ("/Mcp/TraceContext/invalid", test_invalid);
  g_test_add_func ("/Mcp/TraceContext/dropped-lists", test_dropped_lists);
  g_test_add_func ("/Mcp/TraceContext/meta", test_meta);
  g_test_add_func ("/Mcp/TraceContext/child", test_child);

  return g_test_run ();
}
