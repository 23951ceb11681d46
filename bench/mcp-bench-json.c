/* mcp-bench-json.c: the wire JSON reader and writer against json-glib
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A benchmark, not a test: it asserts nothing about time. For three
 * messages (a 120-byte tools/call request, a ~10 KB and a ~1 MB result) it
 * measures, in one process and one run, parsing with JsonParser (immutable,
 * as the wire path had it) and with _mcp_json_read(), and writing the
 * parsed tree with JsonGenerator and with _mcp_json_write(). Measurements
 * alternate between json-glib and ours, each repeated; figures are medians
 * of the repetitions, in ns per operation, and the ratio is
 * json-glib ÷ ours (higher: ours is faster).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mcp-json-reader-private.h"
#include "mcp-json-writer-private.h"
#include <mcp-glib/mcp-glib.h>

static double min_seconds = 0.2;
static int repeats = 5;
static gboolean as_json = FALSE;
static gint64 fixed_iterations = 0;
static char *only_op = NULL;
static int only_op_index = -1;
static char *only_message = NULL;

typedef struct
{
  const char *name;
  const char *option;
  GString    *text;
} Message;

typedef enum
{
  PARSE_JSON_GLIB,
  PARSE_OURS,
  WRITE_JSON_GLIB,
  WRITE_OURS,
  N_OPS
} Op;

static const char * const op_names[] = {
  "parse JsonParser", "parse ours", "write JsonGenerator", "write ours",
};

static const char * const op_options[] = {
  "parse-json-glib", "parse-ours", "write-json-glib", "write-ours",
};

static volatile gsize sink;

static void
run_once (Op          op,
          const char *text,
          gsize       length,
          JsonNode   *tree)
{
  switch (op)
    {
    case PARSE_JSON_GLIB:
      {
        JsonParser *parser = json_parser_new_immutable ();

        if (!json_parser_load_from_data (parser, text, length, NULL))
          g_error ("json-glib refused the benchmark message");
        sink += json_parser_get_root (parser) != NULL;
        g_object_unref (parser);
      }
      break;

    case PARSE_OURS:
      {
        JsonNode *node = _mcp_json_read (text, length, MCP_MESSAGE_MAX_DEPTH, G_MAXSIZE, NULL);

        if (node == NULL)
          g_error ("our reader refused the benchmark message");
        sink += 1;
        json_node_unref (node);
      }
      break;

    case WRITE_JSON_GLIB:
      {
        JsonGenerator *generator = json_generator_new ();
        gsize n;
        char *data;

        json_generator_set_root (generator, tree);
        data = json_generator_to_data (generator, &n);
        sink += n;
        g_free (data);
        g_object_unref (generator);
      }
      break;

    case WRITE_OURS:
    default:
      {
        GString *out = g_string_sized_new (128);

        _mcp_json_write (out, tree);
        sink += out->len;
        g_string_free (out, TRUE);
      }
      break;
    }
}

/* ns per operation over enough iterations to last min_seconds */
static double
measure (Op          op,
         const char *text,
         gsize       length,
         JsonNode   *tree,
         guint64     iterations)
{
  gint64 start = g_get_monotonic_time ();

  for (guint64 i = 0; i < iterations; i++)
    run_once (op, text, length, tree);

  return (double) (g_get_monotonic_time () - start) * 1000.0 / (double) iterations;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
append_row (GString *s,
            guint    i)
{
  g_string_append_printf (s,
                          "{\"id\":%u,\"name\":\"item-%u\",\"title\":\"Item number %u, with a \\\"quote\\\"\","
                          "\"score\":%.6g,\"count\":%u,\"active\":%s,\"tags\":[\"alpha\",\"beta\"],"
                          "\"meta\":{\"created\":\"2026-11-21T06:13:00Z\",\"size\":%u,\"ratio\":%g}}",
                          i, i, i, i * 0.37 + 0.01, i * 7, i % 2 ? "true" : "false", i * 131,
                          1.0 / (i + 1));
}

static GString *
result_of_size (gsize target)
{
  GString *s = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\","
                             "\"text\":\"caf\\u00e9 \xe4\xb8\xad\\n\"}],\"structuredContent\":{\"rows\":[");

  for (guint i = 0; s->len < target - 40; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      append_row (s, i);
    }
  g_string_append (s, "]},\"isError\":false}}");
  return s;
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "time", 't', 0, G_OPTION_ARG_DOUBLE, &min_seconds, "Seconds per measurement (default 0.2)", "S" },
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeats, "Repetitions, medians reported (default 5)", "R" },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &as_json, "One JSON object per message", NULL },
    { "iterations", 'n', 0, G_OPTION_ARG_INT64, &fixed_iterations,
      "Run each operation N times once, without calibration (for callgrind)", "N" },
    { "only", 'o', 0, G_OPTION_ARG_STRING, &only_op,
      "Run one operation: parse-json-glib, parse-ours, write-json-glib or write-ours", "OP" },
    { "message", 'm', 0, G_OPTION_ARG_STRING, &only_message, "Only one message: 120b, 10k or 1m", "M" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- wire JSON vs json-glib");
  g_autoptr(GError) error = NULL;
  Message messages[3];

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 64;
    }
  repeats = CLAMP (repeats, 1, 101);

  /* One operation a fixed number of times: what `valgrind --tool=callgrind`
   * needs to count instructions per operation, independent of the load. */
  if (only_op != NULL || fixed_iterations > 0)
    {
      guint op = 0;

      while (op < N_OPS && g_strcmp0 (only_op, op_options[op]) != 0)
        op++;
      if (op == N_OPS || fixed_iterations <= 0)
        {
          g_printerr ("--only takes one of parse-json-glib, parse-ours, write-json-glib, "
                      "write-ours, and needs --iterations\n");
          return 64;
        }
      repeats = 0;
      only_op_index = op;
    }

  messages[0].name = "tools/call request";
  messages[0].option = "120b";
  messages[1].option = "10k";
  messages[2].option = "1m";
  /* 120 bytes */
  messages[0].text = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":"
                                   "{\"name\":\"echo\",\"arguments\":{\"message\":\"hello, world!\",\"n\":2.5}}}");
  messages[1].name = "10 KB result";
  messages[1].text = result_of_size (10 * 1024);
  messages[2].name = "1 MB result";
  messages[2].text = result_of_size (1024 * 1024);

  if (!as_json && only_op_index < 0)
    {
      printf ("| message | bytes | JsonParser ns | ours ns | parse ratio | JsonGenerator ns | ours ns | write ratio |\n");
      printf ("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    }

  for (guint m = 0; m < G_N_ELEMENTS (messages); m++)
    {
      const char *text = messages[m].text->str;
      gsize length = messages[m].text->len;
      JsonNode *tree = _mcp_json_read (text, length, MCP_MESSAGE_MAX_DEPTH, G_MAXSIZE, &error);
      guint64 iterations[N_OPS];
      double results[N_OPS][101];
      double median[N_OPS];

      if (tree == NULL)
        g_error ("%s: %s", messages[m].name, error->message);

      if (only_message != NULL && g_strcmp0 (only_message, messages[m].option) != 0)
        {
          json_node_unref (tree);
          g_string_free (messages[m].text, TRUE);
          continue;
        }

      /* both writers must produce the same text, or the race is unfair */
      {
        g_autofree char *ours = NULL;
        g_autofree char *theirs = json_to_string (tree, FALSE);
        GString *out = g_string_new (NULL);
        g_autoptr(JsonNode) back = NULL;

        _mcp_json_write (out, tree);
        ours = g_string_free (out, FALSE);
        back = _mcp_json_read (theirs, strlen (theirs), MCP_MESSAGE_MAX_DEPTH, G_MAXSIZE, &error);
        if (back == NULL || !json_node_equal (back, tree) || strlen (ours) > strlen (theirs))
          g_error ("%s: the two writers disagree", messages[m].name);
      }

      if (only_op_index >= 0)
        {
          double ns = measure (only_op_index, text, length, tree, fixed_iterations);

          printf ("%s, %s: %" G_GINT64_FORMAT " iterations, %.0f ns/op\n",
                  messages[m].name, op_options[only_op_index], fixed_iterations, ns);
          json_node_unref (tree);
          g_string_free (messages[m].text, TRUE);
          continue;
        }

      /* calibrate: iterations that take about min_seconds */
      for (Op op = 0; op < N_OPS; op++)
        {
          guint64 n = 1;
          double ns;

          for (;;)
            {
              ns = measure (op, text, length, tree, n);
              if (ns * n >= min_seconds * 1e8 || n >= (G_GUINT64_CONSTANT (1) << 40))
                break;
              n *= 4;
            }
          iterations[op] = MAX (1, (guint64) (min_seconds * 1e9 / MAX (ns, 1.0)));
        }

      for (int r = 0; r < repeats; r++)
        for (Op op = 0; op < N_OPS; op++)
          results[op][r] = measure (op, text, length, tree, iterations[op]);

      for (Op op = 0; op < N_OPS; op++)
        {
          qsort (results[op], repeats, sizeof (double), compare_doubles);
          median[op] = results[op][repeats / 2];
        }

      if (as_json)
        {
          g_print ("{\"message\":\"%s\",\"bytes\":%" G_GSIZE_FORMAT, messages[m].name, length);
          for (Op op = 0; op < N_OPS; op++)
            g_print (",\"%s ns\":%.1f", op_names[op], median[op]);
          g_print (",\"parse ratio\":%.2f,\"write ratio\":%.2f}\n",
                   median[PARSE_JSON_GLIB] / median[PARSE_OURS],
                   median[WRITE_JSON_GLIB] / median[WRITE_OURS]);
        }
      else
        printf ("| %s | %" G_GSIZE_FORMAT " | %.0f | %.0f | %.2f× | %.0f | %.0f | %.2f× |\n",
                 messages[m].name, length,
                 median[PARSE_JSON_GLIB], median[PARSE_OURS],
                 median[PARSE_JSON_GLIB] / median[PARSE_OURS],
                 median[WRITE_JSON_GLIB], median[WRITE_OURS],
                 median[WRITE_JSON_GLIB] / median[WRITE_OURS]);

      json_node_unref (tree);
      g_string_free (messages[m].text, TRUE);
    }

  return 0;
}
