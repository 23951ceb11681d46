/* mcp-server-metrics.c: what an McpServer counts when its metrics are on:
 * requests by method and outcome, with a latency histogram; tool calls by
 * tool and outcome; refusals of rate limits. As JSON and in the
 * Prometheus text exposition format.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-auth-private.h"
#include "mcp-json-node-private.h"
#include "mcp-request.h"
#include "mcp-server-private.h"

/* Upper bounds of the latency buckets, in seconds (Prometheus' defaults,
 * and a millisecond), and the most labels a family keeps: the labels are
 * the server's own methods and tools, but a peer must not grow them. */
static const double bucket_bounds[] = { 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };
#define N_BUCKETS G_N_ELEMENTS (bucket_bounds)
#define MAX_LABELS 1024

typedef struct
{
  guint64 ok;
  guint64 error;        /* a JSON-RPC error */
  guint64 tool_error;   /* a result with isError */
  guint64 cache_hits;   /* tools with a result cache */
  guint64 cache_misses;
  guint64 circuit_rejected;  /* refused at once by an open breaker */
  guint64 buckets[N_BUCKETS];
  double  sum;          /* seconds */
} Series;

struct _McpServerMetrics
{
  gatomicrefcount ref_count;
  GMutex          lock;
  GHashTable     *methods;   /* method → Series */
  GHashTable     *tools;     /* tool → Series */
  GHashTable     *breakers;  /* tool → McpCircuitBreaker, held */
  guint64         rate_limited;
};

McpServerMetrics *
_mcp_server_metrics_new (void)
{
  McpServerMetrics *self = g_new0 (McpServerMetrics, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->methods = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->tools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->breakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return self;
}

McpServerMetrics *
_mcp_server_metrics_ref (McpServerMetrics *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
_mcp_server_metrics_unref (McpServerMetrics *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->methods);
  g_hash_table_unref (self->tools);
  g_hash_table_unref (self->breakers);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static Series *
series_for (GHashTable *table,
            const char *label)
{
  Series *series = g_hash_table_lookup (table, label);

  if (series == NULL)
    {
      if (g_hash_table_size (table) >= MAX_LABELS)
        label = "other";
      series = g_hash_table_lookup (table, label);
    }
  if (series == NULL)
    {
      series = g_new0 (Series, 1);
      g_hash_table_insert (table, g_strdup (label), series);
    }
  return series;
}

static void
series_record (Series   *series,
               gint      outcome,   /* 0 ok, 1 error, 2 tool error */
               double    seconds,
               gboolean  histogram)
{
  if (outcome == 1)
    series->error++;
  else if (outcome == 2)
    series->tool_error++;
  else
    series->ok++;

  if (!histogram)
    return;
  series->sum += seconds;
  for (guint i = 0; i < N_BUCKETS; i++)
    if (seconds <= bucket_bounds[i])
      series->buckets[i]++;
}

typedef struct
{
  McpServerMetrics *metrics;
  char             *method;
  char             *tool;     /* nullable */
  gint64            start;    /* monotonic µs */
} Observation;

static void
observation_free (gpointer  data,
                  GClosure *closure)
{
  Observation *observation = data;

  _mcp_server_metrics_unref (observation->metrics);
  g_free (observation->method);
  g_free (observation->tool);
  g_free (observation);
}

static void
on_replying (McpRequest *request,
             JsonNode   *reply,
             gpointer    user_data)
{
  Observation *observation = user_data;
  McpServerMetrics *self = observation->metrics;
  JsonObject *message = json_node_get_object (reply);
  JsonObject *error = _mcp_json_object_get_object (message, "error");
  JsonObject *result = _mcp_json_object_get_object (message, "result");
  JsonNode *is_error = result != NULL ? json_object_get_member (result, "isError") : NULL;
  double seconds = (double) (g_get_monotonic_time () - observation->start) / G_USEC_PER_SEC;
  gint outcome = 0;

  if (error != NULL)
    outcome = 1;
  else if (is_error != NULL && _mcp_json_node_is_boolean (is_error) && json_node_get_boolean (is_error))
    outcome = 2;

  g_mutex_lock (&self->lock);
  series_record (series_for (self->methods, observation->method), outcome == 2 ? 0 : outcome,
                 seconds, TRUE);
  if (observation->tool != NULL)
    series_record (series_for (self->tools, observation->tool), outcome, seconds, FALSE);
  if (error != NULL)
    {
      JsonNode *code = json_object_get_member (error, "code");

      if (code != NULL && JSON_NODE_HOLDS_VALUE (code) &&
          json_node_get_value_type (code) == G_TYPE_INT64 &&
          json_node_get_int (code) == MCP_AUTH_RATE_LIMITED_CODE)
        self->rate_limited++;
    }
  g_mutex_unlock (&self->lock);
}

void
_mcp_server_metrics_observe (McpServerMetrics *self,
                             McpRequest       *request,
                             const char       *method_label,
                             const char       *tool_label)
{
  Observation *observation = g_new0 (Observation, 1);

  observation->metrics = _mcp_server_metrics_ref (self);
  observation->method = g_strdup (method_label);
  observation->tool = g_strdup (tool_label);
  observation->start = g_get_monotonic_time ();
  g_signal_connect_data (request, "replying", G_CALLBACK (on_replying), observation,
                         observation_free, 0);
}

void
_mcp_server_metrics_cache (McpServerMetrics *self,
                           const char       *tool_label,
                           gboolean          hit)
{
  Series *series;

  g_mutex_lock (&self->lock);
  series = series_for (self->tools, tool_label);
  if (hit)
    series->cache_hits++;
  else
    series->cache_misses++;
  g_mutex_unlock (&self->lock);
}

void
_mcp_server_metrics_circuit (McpServerMetrics  *self,
                             const char        *tool_label,
                             McpCircuitBreaker *breaker,
                             gboolean           rejected)
{
  g_mutex_lock (&self->lock);
  if (rejected)
    series_for (self->tools, tool_label)->circuit_rejected++;
  if (g_hash_table_lookup (self->breakers, tool_label) != breaker &&
      (g_hash_table_size (self->breakers) < MAX_LABELS ||
       g_hash_table_contains (self->breakers, tool_label)))
    g_hash_table_insert (self->breakers, g_strdup (tool_label), g_object_ref (breaker));
  g_mutex_unlock (&self->lock);
}

static const char *
circuit_state_name (McpCircuitState state)
{
  switch (state)
    {
    case MCP_CIRCUIT_OPEN:
      return "open";
    case MCP_CIRCUIT_HALF_OPEN:
      return "half_open";
    case MCP_CIRCUIT_CLOSED:
    default:
      return "closed";
    }
}

/* Snapshots ------------------------------------------------------------------------ */

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of @table, sorted, so that snapshots read the same each time. */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);
  return keys;
}

JsonNode *
_mcp_server_metrics_to_json (McpServerMetrics      *self,
                             guint                  n_sessions,
                             const McpTransportGauge *gauges,
                             guint                  n_gauges)
{
  JsonObject *root = json_object_new ();
  JsonObject *methods = json_object_new ();
  JsonObject *tools = json_object_new ();
  JsonObject *transports = json_object_new ();
  g_autoptr(GPtrArray) method_keys = NULL;
  g_autoptr(GPtrArray) tool_keys = NULL;

  g_mutex_lock (&self->lock);
  method_keys = sorted_keys (self->methods);
  for (guint i = 0; i < method_keys->len; i++)
    {
      Series *series = g_hash_table_lookup (self->methods, g_ptr_array_index (method_keys, i));
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "ok", (gint64) series->ok);
      json_object_set_int_member (object, "errors", (gint64) series->error);
      json_object_set_double_member (object, "durationSeconds", series->sum);
      json_object_set_object_member (methods, g_ptr_array_index (method_keys, i), object);
    }
  tool_keys = sorted_keys (self->tools);
  for (guint i = 0; i < tool_keys->len; i++)
    {
      Series *series = g_hash_table_lookup (self->tools, g_ptr_array_index (tool_keys, i));
      JsonObject *object = json_object_new ();
      McpCircuitBreaker *breaker = g_hash_table_lookup (self->breakers,
                                                        g_ptr_array_index (tool_keys, i));

      json_object_set_int_member (object, "ok", (gint64) series->ok);
      json_object_set_int_member (object, "errors", (gint64) series->error);
      json_object_set_int_member (object, "toolErrors", (gint64) series->tool_error);
      if (series->cache_hits + series->cache_misses > 0)
        {
          json_object_set_int_member (object, "cacheHits", (gint64) series->cache_hits);
          json_object_set_int_member (object, "cacheMisses", (gint64) series->cache_misses);
        }
      if (breaker != NULL)
        {
          json_object_set_string_member (object, "circuit",
                                         circuit_state_name (mcp_circuit_breaker_get_state (breaker)));
          json_object_set_int_member (object, "circuitRejected", (gint64) series->circuit_rejected);
        }
      json_object_set_object_member (tools, g_ptr_array_index (tool_keys, i), object);
    }
  json_object_set_int_member (root, "rateLimited", (gint64) self->rate_limited);
  g_mutex_unlock (&self->lock);

  json_object_set_object_member (root, "requests", methods);
  json_object_set_object_member (root, "tools", tools);
  json_object_set_int_member (root, "sessions", n_sessions);
  for (guint i = 0; i < n_gauges; i++)
    {
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "sessions", gauges[i].sessions);
      if (gauges[i].has_connections)
        json_object_set_int_member (object, "connections", gauges[i].connections);
      json_object_set_object_member (transports, gauges[i].transport, object);
    }
  json_object_set_object_member (root, "transports", transports);
  return _mcp_json_node_new_object (root);
}

/* A label value, escaped as the exposition format says. */
static void
append_label (GString    *out,
              const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        {
          g_string_append (out, "\\n");
          continue;
        }
      g_string_append_c (out, *p);
    }
}

/* A number as Prometheus reads it, in the C locale: bounds as written
 * (0.005), sums to nine digits. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.9g", value));
}

char *
_mcp_server_metrics_to_prometheus (McpServerMetrics        *self,
                                   guint                    n_sessions,
                                   const McpTransportGauge *gauges,
                                   guint                    n_gauges)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) method_keys = NULL;
  g_autoptr(GPtrArray) tool_keys = NULL;
  static const char * const outcomes[] = { "ok", "error", "tool_error" };

  g_mutex_lock (&self->lock);
  method_keys = sorted_keys (self->methods);
  tool_keys = sorted_keys (self->tools);

  g_string_append (out, "# HELP mcp_requests_total Requests answered, by method and outcome.\n"
                        "# TYPE mcp_requests_total counter\n");
  for (guint i = 0; i < method_keys->len; i++)
    {
      const char *method = g_ptr_array_index (method_keys, i);
      Series *series = g_hash_table_lookup (self->methods, method);
      guint64 counts[] = { series->ok, series->error };

      for (guint o = 0; o < G_N_ELEMENTS (counts); o++)
        {
          g_string_append (out, "mcp_requests_total{method=\"");
          append_label (out, method);
          g_string_append_printf (out, "\",outcome=\"%s\"} %" G_GUINT64_FORMAT "\n", outcomes[o],
                                  counts[o]);
        }
    }

  g_string_append (out, "# HELP mcp_request_duration_seconds Time from a request's arrival to "
                        "its answer.\n"
                        "# TYPE mcp_request_duration_seconds histogram\n");
  for (guint i = 0; i < method_keys->len; i++)
    {
      const char *method = g_ptr_array_index (method_keys, i);
      Series *series = g_hash_table_lookup (self->methods, method);
      guint64 count = series->ok + series->error;

      for (guint b = 0; b < N_BUCKETS; b++)
        {
          g_string_append (out, "mcp_request_duration_seconds_bucket{method=\"");
          append_label (out, method);
          g_string_append (out, "\",le=\"");
          append_double (out, bucket_bounds[b]);
          g_string_append_printf (out, "\"} %" G_GUINT64_FORMAT "\n", series->buckets[b]);
        }
      g_string_append (out, "mcp_request_duration_seconds_bucket{method=\"");
      append_label (out, method);
      g_string_append_printf (out, "\",le=\"+Inf\"} %" G_GUINT64_FORMAT "\n", count);
      g_string_append (out, "mcp_request_duration_seconds_sum{method=\"");
      append_label (out, method);
      g_string_append (out, "\"} ");
      append_double (out, series->sum);
      g_string_append (out, "\nmcp_request_duration_seconds_count{method=\"");
      append_label (out, method);
      g_string_append_printf (out, "\"} %" G_GUINT64_FORMAT "\n", count);
    }

  g_string_append (out, "# HELP mcp_tool_calls_total Tool calls answered, by tool and outcome "
                        "(tool_error: a result with isError).\n"
                        "# TYPE mcp_tool_calls_total counter\n");
  for (guint i = 0; i < tool_keys->len; i++)
    {
      const char *tool = g_ptr_array_index (tool_keys, i);
      Series *series = g_hash_table_lookup (self->tools, tool);
      guint64 counts[] = { series->ok, series->error, series->tool_error };

      for (guint o = 0; o < G_N_ELEMENTS (counts); o++)
        {
          g_string_append (out, "mcp_tool_calls_total{tool=\"");
          append_label (out, tool);
          g_string_append_printf (out, "\",outcome=\"%s\"} %" G_GUINT64_FORMAT "\n", outcomes[o],
                                  counts[o]);
        }
    }

  g_string_append (out, "# HELP mcp_tool_cache_lookups_total Lookups in a tool's result cache, "
                        "by tool and result.\n"
                        "# TYPE mcp_tool_cache_lookups_total counter\n");
  for (guint i = 0; i < tool_keys->len; i++)
    {
      const char *tool = g_ptr_array_index (tool_keys, i);
      Series *series = g_hash_table_lookup (self->tools, tool);

      if (series->cache_hits + series->cache_misses == 0)
        continue;
      g_string_append (out, "mcp_tool_cache_lookups_total{tool=\"");
      append_label (out, tool);
      g_string_append_printf (out, "\",result=\"hit\"} %" G_GUINT64_FORMAT "\n", series->cache_hits);
      g_string_append (out, "mcp_tool_cache_lookups_total{tool=\"");
      append_label (out, tool);
      g_string_append_printf (out, "\",result=\"miss\"} %" G_GUINT64_FORMAT "\n", series->cache_misses);
    }

  {
    g_autoptr(GPtrArray) breaker_keys = sorted_keys (self->breakers);
    static const McpCircuitState states[] = { MCP_CIRCUIT_CLOSED, MCP_CIRCUIT_OPEN, MCP_CIRCUIT_HALF_OPEN };

    g_string_append (out, "# HELP mcp_circuit_breaker_state Whether a tool's circuit breaker is in "
                          "a state (1) or not (0).\n"
                          "# TYPE mcp_circuit_breaker_state gauge\n");
    for (guint i = 0; i < breaker_keys->len; i++)
      {
        const char *tool = g_ptr_array_index (breaker_keys, i);
        McpCircuitState state = mcp_circuit_breaker_get_state (g_hash_table_lookup (self->breakers, tool));

        for (guint k = 0; k < G_N_ELEMENTS (states); k++)
          {
            g_string_append (out, "mcp_circuit_breaker_state{tool=\"");
            append_label (out, tool);
            g_string_append_printf (out, "\",state=\"%s\"} %d\n", circuit_state_name (states[k]),
                                    state == states[k]);
          }
      }
    g_string_append (out, "# HELP mcp_circuit_breaker_rejected_total Calls an open breaker "
                          "refused at once.\n"
                          "# TYPE mcp_circuit_breaker_rejected_total counter\n");
    for (guint i = 0; i < breaker_keys->len; i++)
      {
        const char *tool = g_ptr_array_index (breaker_keys, i);
        Series *series = g_hash_table_lookup (self->tools, tool);

        g_string_append (out, "mcp_circuit_breaker_rejected_total{tool=\"");
        append_label (out, tool);
        g_string_append_printf (out, "\"} %" G_GUINT64_FORMAT "\n",
                                series != NULL ? series->circuit_rejected : 0);
      }
  }

  g_string_append_printf (out, "# HELP mcp_rate_limited_total Requests refused by a rate limit.\n"
                               "# TYPE mcp_rate_limited_total counter\n"
                               "mcp_rate_limited_total %" G_GUINT64_FORMAT "\n", self->rate_limited);
  g_mutex_unlock (&self->lock);

  g_string_append_printf (out, "# HELP mcp_sessions Open sessions.\n"
                               "# TYPE mcp_sessions gauge\n"
                               "mcp_sessions %u\n", n_sessions);
  g_string_append (out, "# HELP mcp_transport_sessions Open sessions, by transport.\n"
                        "# TYPE mcp_transport_sessions gauge\n");
  for (guint i = 0; i < n_gauges; i++)
    g_string_append_printf (out, "mcp_transport_sessions{transport=\"%s\"} %u\n",
                            gauges[i].transport, gauges[i].sessions);
  g_string_append (out, "# HELP mcp_transport_connections Open connections of the server's "
                        "listeners, by transport.\n"
                        "# TYPE mcp_transport_connections gauge\n");
  for (guint i = 0; i < n_gauges; i++)
    if (gauges[i].has_connections)
      g_string_append_printf (out, "mcp_transport_connections{transport=\"%s\"} %u\n",
                              gauges[i].transport, gauges[i].connections);
  return g_string_free (out, FALSE);
}
