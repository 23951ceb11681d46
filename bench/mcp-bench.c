/* mcp-bench.c — drive any stdio MCP server with pipelined tools/call requests
 *
 * Copyright 2025 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * This is a benchmark driver, not a test: it measures and reports, it never
 * judges.  It spawns a server command, performs the MCP handshake itself,
 * keeps up to `depth` newline-delimited JSON-RPC requests in flight and
 * matches the replies by id.  It depends on nothing but libc and GLib so that
 * it can measure any server, ours or another SDK's, in exactly the same way.
 *
 * The hot path is deliberately plain: raw pipe fds, poll(), large buffers,
 * one clock read per read() and a scanner that only looks at the top-level
 * members of each reply, so the driver costs a few microseconds per call and
 * never becomes the bottleneck it is trying to measure.
 */

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib-unix.h>

#define NS_PER_SEC         G_GINT64_CONSTANT (1000000000)
#define NS_PER_MSEC        G_GINT64_CONSTANT (1000000)
#define READ_BUFFER_SIZE   (1024 * 1024)
#define WRITE_BUFFER_SIZE  (64 * 1024)
#define PIPE_SIZE          (1024 * 1024)
#define MAX_ERROR_SNIPPET  300

/* Shutdown grace periods: EOF on stdin first, then SIGTERM, then SIGKILL. */
#define SHUTDOWN_EOF_NS    (2 * NS_PER_SEC)
#define SHUTDOWN_TERM_NS   (1 * NS_PER_SEC)
#define SHUTDOWN_KILL_NS   (5 * NS_PER_SEC)

enum {
  EXIT_OK      = 0,
  EXIT_ERRORS  = 1,   /* every run finished, but some calls failed */
  EXIT_ABORTED = 2,   /* a run was aborted: timeout, server died, spawn failed */
  EXIT_USAGE   = 64,
};

static volatile sig_atomic_t interrupted;

/* Options */

static int      opt_calls = 10000;
static int      opt_depth = 1;
static int      opt_warmup = 1000;
static int      opt_repeat = 1;
static int      opt_size = 32;
static double   opt_timeout = 60.0;
static char    *opt_tool = NULL;
static char    *opt_args = NULL;
static char    *opt_label = NULL;
static char    *opt_protocol = NULL;
static gboolean opt_ping = FALSE;
static gboolean opt_json = FALSE;
static gboolean opt_quiet_server = FALSE;
static char   **opt_command = NULL;

static const GOptionEntry entries[] = {
  { "calls", 'n', 0, G_OPTION_ARG_INT, &opt_calls,
    "Measured calls per run (default 10000)", "N" },
  { "depth", 'd', 0, G_OPTION_ARG_INT, &opt_depth,
    "Requests kept in flight (default 1)", "D" },
  { "warmup", 'w', 0, G_OPTION_ARG_INT, &opt_warmup,
    "Unmeasured calls before the measured ones (default 1000)", "W" },
  { "repeat", 'r', 0, G_OPTION_ARG_INT, &opt_repeat,
    "Runs, each with a fresh server; the median is reported (default 1)", "R" },
  { "tool", 't', 0, G_OPTION_ARG_STRING, &opt_tool,
    "Tool to call (default echo)", "NAME" },
  { "args", 'a', 0, G_OPTION_ARG_STRING, &opt_args,
    "Raw JSON object sent as the tool arguments (overrides --size)", "JSON" },
  { "size", 's', 0, G_OPTION_ARG_INT, &opt_size,
    "Bytes in the {\"message\": ...} argument (default 32)", "BYTES" },
  { "ping", 0, 0, G_OPTION_ARG_NONE, &opt_ping,
    "Send ping requests instead of tools/call", NULL },
  { "timeout", 'T', 0, G_OPTION_ARG_DOUBLE, &opt_timeout,
    "Abort a run after this many seconds (default 60)", "SECONDS" },
  { "protocol-version", 0, 0, G_OPTION_ARG_STRING, &opt_protocol,
    "protocolVersion sent in initialize (default 2025-11-25)", "VERSION" },
  { "json", 'j', 0, G_OPTION_ARG_NONE, &opt_json,
    "Print one JSON object per run instead of a table", NULL },
  { "label", 'l', 0, G_OPTION_ARG_STRING, &opt_label,
    "Name for this server in the output (default: the command)", "LABEL" },
  { "quiet-server", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet_server,
    "Send the server's stderr to /dev/null", NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_command,
    NULL, "-- COMMAND [ARG...]" },
  { NULL }
};

/* Small helpers */

static inline gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

/* g_clear_fd() is GLib 2.76. */
static void
close_fd (int *fd)
{
  if (*fd >= 0)
    {
      close (*fd);
      *fd = -1;
    }
}

static void
append_json_string (GString    *out,
                    const char *str,
                    gssize      len)
{
  const char *end;

  if (len < 0)
    len = strlen (str);
  end = str + len;

  g_string_append_c (out, '"');
  for (; str < end; str++)
    {
      guchar c = (guchar) *str;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

/* A minimal JSON scanner.  It validates just enough to find member
 * boundaries: the driver needs "id", "method", "result" and "error" of every
 * reply, and must not pay for building a tree it would throw away.
 */

typedef struct
{
  const char *p;
  gsize       len;
} Span;

static const char *
skip_ws (const char *p,
         const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* @p is at the opening quote; returns the byte after the closing one. */
static const char *
skip_string (const char *p,
             const char *end)
{
  p++;
  while (p < end)
    {
      const char *q = memchr (p, '"', end - p);
      const char *b;
      gsize n_backslashes = 0;

      if (q == NULL)
        return NULL;
      for (b = q; b > p && b[-1] == '\\'; b--)
        n_backslashes++;
      if (n_backslashes % 2 == 0)
        return q + 1;
      p = q + 1;
    }

  return NULL;
}

static const char *
skip_value (const char *p,
            const char *end)
{
  const char *start = p;
  guint depth = 0;

  if (p >= end)
    return NULL;

  switch (*p)
    {
    case '"':
      return skip_string (p, end);

    case '{':
    case '[':
      while (p < end)
        {
          switch (*p)
            {
            case '"':
              p = skip_string (p, end);
              if (p == NULL)
                return NULL;
              continue;
            case '{':
            case '[':
              depth++;
              break;
            case '}':
            case ']':
              if (--depth == 0)
                return p + 1;
              break;
            default:
              break;
            }
          p++;
        }
      return NULL;

    default:
      /* number, true, false or null */
      while (p < end && (g_ascii_isalnum (*p) || *p == '-' || *p == '+' || *p == '.'))
        p++;
      return p > start ? p : NULL;
    }
}

/* Fills @values[i] with the raw value of member @keys[i] of the object in
 * @obj (len 0 when absent).  Returns FALSE when @obj is not an object.
 */
static gboolean
object_get_members (Span               obj,
                    const char * const *keys,
                    Span               *values,
                    guint               n_keys)
{
  const char *end = obj.p + obj.len;
  const char *p;
  guint i;

  for (i = 0; i < n_keys; i++)
    values[i].len = 0;

  p = skip_ws (obj.p, end);
  if (p >= end || *p != '{')
    return FALSE;
  p = skip_ws (p + 1, end);
  if (p < end && *p == '}')
    return TRUE;

  while (p < end)
    {
      const char *key;
      const char *key_end;
      const char *value;
      gsize key_len;

      if (*p != '"')
        return FALSE;
      key = p + 1;
      key_end = skip_string (p, end);
      if (key_end == NULL)
        return FALSE;
      key_len = key_end - 1 - key;

      p = skip_ws (key_end, end);
      if (p >= end || *p != ':')
        return FALSE;
      value = skip_ws (p + 1, end);
      p = skip_value (value, end);
      if (p == NULL)
        return FALSE;

      for (i = 0; i < n_keys; i++)
        {
          if (values[i].len == 0 &&
              strlen (keys[i]) == key_len &&
              memcmp (keys[i], key, key_len) == 0)
            {
              values[i].p = value;
              values[i].len = p - value;
              break;
            }
        }

      p = skip_ws (p, end);
      if (p >= end)
        return FALSE;
      if (*p == '}')
        return TRUE;
      if (*p != ',')
        return FALSE;
      p = skip_ws (p + 1, end);
    }

  return FALSE;
}

static gboolean
span_equal (Span        span,
            const char *literal)
{
  return span.len == strlen (literal) && memcmp (span.p, literal, span.len) == 0;
}

/* The raw (still escaped) contents of a JSON string value, or NULL. */
static char *
span_dup_string (Span span)
{
  if (span.len < 2 || span.p[0] != '"')
    return NULL;
  return g_strndup (span.p + 1, span.len - 2);
}

static gboolean
span_is_object (Span span)
{
  const char *end;
  const char *p;

  if (span.len == 0)
    return FALSE;
  end = span.p + span.len;
  p = skip_ws (span.p, end);
  if (p >= end || *p != '{')
    return FALSE;
  p = skip_value (p, end);
  return p != NULL && skip_ws (p, end) == end;
}

/* Buffers */

typedef struct
{
  char  *data;
  gsize  start;   /* first unconsumed byte */
  gsize  scan;    /* where the search for the next newline resumes */
  gsize  end;     /* one past the last valid byte */
  gsize  size;
} Buffer;

static void
buffer_init (Buffer *buf,
             gsize   size)
{
  buf->data = g_malloc (size);
  buf->size = size;
  buf->start = buf->scan = buf->end = 0;
}

static void
buffer_clear (Buffer *buf)
{
  g_clear_pointer (&buf->data, g_free);
  buf->size = buf->start = buf->scan = buf->end = 0;
}

static void
buffer_compact (Buffer *buf)
{
  if (buf->start == 0)
    return;
  if (buf->end > buf->start)
    memmove (buf->data, buf->data + buf->start, buf->end - buf->start);
  buf->end -= buf->start;
  buf->scan -= buf->start;
  buf->start = 0;
}

static void
buffer_append (Buffer     *buf,
               const char *data,
               gsize       len)
{
  if (buf->size - buf->end < len)
    {
      buffer_compact (buf);
      while (buf->size - buf->end < len)
        {
          buf->size *= 2;
          buf->data = g_realloc (buf->data, buf->size);
        }
    }
  memcpy (buf->data + buf->end, data, len);
  buf->end += len;
}

/* One run: one server process from spawn to reap */

typedef struct
{
  guint64  first_id;
  guint    count;
  guint    sent;
  guint    done;
  gint64  *sent_at;      /* by id - first_id; 0 once answered */
  gint64  *latencies;    /* NULL when not measuring */
  gint64   last_reply_at;
  guint    ok;
  guint    rpc_errors;
  guint    tool_errors;
} Phase;

typedef struct
{
  /* set by the run */
  gboolean  completed;
  char     *abort_reason;
  char     *first_error;
  char     *server_name;
  char     *server_version;
  char     *protocol_version;
  guint     calls;
  guint     ok;
  guint     rpc_errors;
  guint     tool_errors;
  guint     warmup_errors;
  guint     unmatched;
  guint     bad_lines;
  guint     notifications;
  guint     server_requests;
  double    handshake_ms;
  double    elapsed_s;
  double    calls_per_s;
  double    lat_p50_us;
  double    lat_p90_us;
  double    lat_p99_us;
  double    lat_max_us;
  double    lat_mean_us;
  double    cpu_user_s;
  double    cpu_sys_s;
  double    cpu_us_per_call;
  double    cpu_lifetime_s;
  double    driver_cpu_us_per_call;
  gint64    peak_rss_kib;
  gint64    ru_maxrss_kib;
  char     *shutdown;
  int       wait_status;
  gboolean  reaped;
} Result;

typedef struct
{
  const char *request_prefix;   /* up to and including `"id":` */
  const char *request_suffix;   /* after the id, newline included */
  gsize       prefix_len;
  gsize       suffix_len;

  GPid        pid;
  int         in_fd;            /* the server's stdin */
  int         out_fd;           /* the server's stdout */
  Buffer      wbuf;
  Buffer      rbuf;
  gsize       max_line;
  gint64      deadline;

  gboolean    init_pending;
  Phase      *phase;
  Result     *result;
} Run;

static gboolean G_GNUC_PRINTF (2, 3)
run_abort (Run        *run,
           const char *format,
           ...)
{
  va_list args;

  if (run->result->abort_reason == NULL)
    {
      va_start (args, format);
      run->result->abort_reason = g_strdup_vprintf (format, args);
      va_end (args);
    }
  return FALSE;
}

static void
note_error (Run  *run,
            Span  value)
{
  gsize len = MIN (value.len, MAX_ERROR_SNIPPET);

  if (run->result->first_error == NULL)
    run->result->first_error = g_utf8_make_valid (value.p, len);
}

static gboolean
result_is_tool_error (Span result)
{
  static const char * const keys[] = { "isError" };
  Span is_error;

  return object_get_members (result, keys, &is_error, 1) &&
         span_equal (is_error, "true");
}

static gboolean
parse_id (Span     id,
          guint64 *out)
{
  guint64 value = 0;
  gsize i;

  if (id.len == 0 || id.len > 19)
    return FALSE;
  for (i = 0; i < id.len; i++)
    {
      if (!g_ascii_isdigit (id.p[i]))
        return FALSE;
      value = value * 10 + (id.p[i] - '0');
    }
  *out = value;
  return TRUE;
}

static void
answer_server_request (Run  *run,
                       Span  id,
                       Span  method)
{
  GString *reply = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":");

  run->result->server_requests++;
  g_string_append_len (reply, id.p, id.len);
  if (span_equal (method, "\"ping\""))
    g_string_append (reply, ",\"result\":{}}\n");
  else
    g_string_append (reply, ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}\n");
  buffer_append (&run->wbuf, reply->str, reply->len);
  g_string_free (reply, TRUE);
}

static void
handle_initialize_reply (Run  *run,
                         Span  result,
                         Span  error)
{
  static const char * const result_keys[] = { "protocolVersion", "serverInfo" };
  static const char * const info_keys[] = { "name", "version" };
  Span values[2];
  Span info[2];

  run->init_pending = FALSE;

  if (error.len > 0)
    {
      g_autofree char *text = g_utf8_make_valid (error.p, MIN (error.len, MAX_ERROR_SNIPPET));

      run_abort (run, "initialize failed: %s", text);
      return;
    }

  if (!object_get_members (result, result_keys, values, G_N_ELEMENTS (values)))
    {
      run_abort (run, "initialize returned a result that is not an object");
      return;
    }

  run->result->protocol_version = span_dup_string (values[0]);
  if (object_get_members (values[1], info_keys, info, G_N_ELEMENTS (info)))
    {
      run->result->server_name = span_dup_string (info[0]);
      run->result->server_version = span_dup_string (info[1]);
    }
}

static void
handle_line (Run        *run,
             const char *line,
             gsize       len,
             gint64      now)
{
  enum { ID, METHOD, RESULT, ERROR, N_KEYS };
  static const char * const keys[N_KEYS] = { "id", "method", "result", "error" };
  Span values[N_KEYS];
  Span obj = { line, len };
  Phase *phase = run->phase;
  guint64 id;
  guint64 slot;

  if (!object_get_members (obj, keys, values, N_KEYS))
    {
      run->result->bad_lines++;
      if (run->result->first_error == NULL)
        run->result->first_error = g_strdup_printf ("not a JSON object: %.*s",
                                                    (int) MIN (len, 100), line);
      return;
    }

  if (values[METHOD].len > 0)
    {
      if (values[ID].len > 0)
        answer_server_request (run, values[ID], values[METHOD]);
      else
        run->result->notifications++;
      return;
    }

  if (values[RESULT].len == 0 && values[ERROR].len == 0)
    {
      run->result->bad_lines++;
      return;
    }

  if (!parse_id (values[ID], &id))
    {
      run->result->unmatched++;
      note_error (run, obj);
      return;
    }

  if (id == 0 && run->init_pending)
    {
      handle_initialize_reply (run, values[RESULT], values[ERROR]);
      return;
    }

  slot = phase != NULL ? id - phase->first_id : 0;
  if (phase == NULL ||
      id < phase->first_id ||
      slot >= phase->sent ||
      phase->sent_at[slot] == 0)
    {
      run->result->unmatched++;
      note_error (run, obj);
      return;
    }

  if (phase->latencies != NULL)
    phase->latencies[phase->done] = now - phase->sent_at[slot];
  phase->sent_at[slot] = 0;
  phase->done++;
  phase->last_reply_at = now;

  if (values[ERROR].len > 0)
    {
      phase->rpc_errors++;
      note_error (run, values[ERROR]);
    }
  else if (result_is_tool_error (values[RESULT]))
    {
      phase->tool_errors++;
      note_error (run, values[RESULT]);
    }
  else
    phase->ok++;
}

static void
dispatch_lines (Run    *run,
                gint64  now)
{
  Buffer *buf = &run->rbuf;

  while (buf->scan < buf->end)
    {
      char *line = buf->data + buf->start;
      char *nl = memchr (buf->data + buf->scan, '\n', buf->end - buf->scan);
      gsize len;

      if (nl == NULL)
        {
          buf->scan = buf->end;
          break;
        }

      len = nl - line;
      if (len > 0 && line[len - 1] == '\r')
        len--;
      if (len > 0)
        handle_line (run, line, len, now);

      buf->start = buf->scan = (nl - buf->data) + 1;
    }

  if (buf->start == buf->end)
    buf->start = buf->scan = buf->end = 0;
}

static gboolean
read_input (Run *run)
{
  Buffer *buf = &run->rbuf;
  gssize n;

  if (buf->size - buf->end < buf->size / 4)
    buffer_compact (buf);
  if (buf->end == buf->size)
    {
      if (buf->size > run->max_line)
        return run_abort (run, "server sent a line longer than %" G_GSIZE_FORMAT " bytes",
                          run->max_line);
      buf->size *= 2;
      buf->data = g_realloc (buf->data, buf->size);
    }

  n = read (run->out_fd, buf->data + buf->end, buf->size - buf->end);
  if (n < 0)
    {
      if (errno == EAGAIN || errno == EINTR)
        return TRUE;
      return run_abort (run, "reading from the server: %s", g_strerror (errno));
    }
  if (n == 0)
    return run_abort (run, "the server closed its stdout");

  buf->end += n;
  dispatch_lines (run, now_ns ());
  return TRUE;
}

static gboolean
flush_output (Run *run)
{
  Buffer *buf = &run->wbuf;

  while (buf->start < buf->end)
    {
      gssize n = write (run->in_fd, buf->data + buf->start, buf->end - buf->start);

      if (n < 0)
        {
          if (errno == EAGAIN)
            return TRUE;
          if (errno == EINTR)
            continue;
          return run_abort (run, "writing to the server: %s", g_strerror (errno));
        }
      buf->start += n;
    }

  buf->start = buf->end = 0;
  return TRUE;
}

/* Writes what it can, waits until the server has something for us (or can
 * take more), and dispatches every complete line.  FALSE aborts the run.
 */
static gboolean
run_pump (Run *run)
{
  struct pollfd fds[2];
  nfds_t n_fds = 1;
  gint64 now;
  gint64 timeout_ms;

  if (interrupted)
    return run_abort (run, "interrupted");

  if (!flush_output (run))
    return FALSE;

  now = now_ns ();
  if (now >= run->deadline)
    return run_abort (run, "timed out after %g s", opt_timeout);
  timeout_ms = MIN ((run->deadline - now + NS_PER_MSEC - 1) / NS_PER_MSEC, INT_MAX);

  fds[0].fd = run->out_fd;
  fds[0].events = POLLIN;
  fds[0].revents = 0;
  if (run->wbuf.end > run->wbuf.start)
    {
      fds[1].fd = run->in_fd;
      fds[1].events = POLLOUT;
      fds[1].revents = 0;
      n_fds = 2;
    }

  if (poll (fds, n_fds, (int) timeout_ms) < 0)
    {
      if (errno == EINTR)
        return TRUE;
      return run_abort (run, "poll: %s", g_strerror (errno));
    }

  if (fds[0].revents != 0)
    return read_input (run);

  return TRUE;
}

static void
send_call (Run   *run,
           Phase *phase)
{
  char digits[24];
  int n_digits;

  n_digits = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT,
                         phase->first_id + phase->sent);
  buffer_append (&run->wbuf, run->request_prefix, run->prefix_len);
  buffer_append (&run->wbuf, digits, n_digits);
  buffer_append (&run->wbuf, run->request_suffix, run->suffix_len);
  phase->sent_at[phase->sent++] = now_ns ();
}

static gboolean
run_phase (Run   *run,
           Phase *phase,
           guint  depth)
{
  run->phase = phase;

  while (phase->done < phase->count)
    {
      while (phase->sent < phase->count && phase->sent - phase->done < depth)
        send_call (run, phase);
      if (!run_pump (run))
        return FALSE;
    }

  return TRUE;
}

/* Process accounting */

typedef struct
{
  guint64 user_ticks;
  guint64 sys_ticks;
} CpuTimes;

/* utime + cutime and stime + cstime from /proc/<pid>/stat; the process
 * totals cover every thread, including threads that already exited.
 */
static gboolean
read_proc_cpu (GPid      pid,
               CpuTimes *times)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *p;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  /* The command name may contain spaces and parentheses. */
  p = strrchr (contents, ')');
  if (p == NULL)
    return FALSE;

  /* fields[0] is field 3 (state); utime is field 14. */
  fields = g_strsplit (g_strstrip ((char *) p + 1), " ", 16);
  if (g_strv_length (fields) < 16)
    return FALSE;

  times->user_ticks = g_ascii_strtoull (fields[11], NULL, 10) +
                      g_ascii_strtoull (fields[13], NULL, 10);
  times->sys_ticks = g_ascii_strtoull (fields[12], NULL, 10) +
                     g_ascii_strtoull (fields[14], NULL, 10);
  return TRUE;
}

static gint64
read_proc_hwm_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *contents = NULL;
  const char *p;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;

  p = strstr (contents, "\nVmHWM:");
  if (p == NULL)
    return -1;

  return g_ascii_strtoll (p + strlen ("\nVmHWM:"), NULL, 10);
}

static double
self_cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
         ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* Spawning and shutdown */

static void
child_setup (gpointer user_data)
{
  /* A group of its own, so that the signals reach a wrapper's children too;
   * SIGPIPE back to the default the server expects.
   */
  setpgid (0, 0);
  signal (SIGPIPE, SIG_DFL);
}

static gboolean
spawn_server (Run     *run,
              GError **error)
{
  GSpawnFlags flags = G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD;

  if (opt_quiet_server)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;

  if (!g_spawn_async_with_pipes (NULL, opt_command, NULL, flags,
                                 child_setup, NULL, &run->pid,
                                 &run->in_fd, &run->out_fd, NULL, error))
    return FALSE;

  /* Bigger pipes mean fewer wake-ups on both sides at high depth. */
  fcntl (run->in_fd, F_SETPIPE_SZ, PIPE_SIZE);
  fcntl (run->out_fd, F_SETPIPE_SZ, PIPE_SIZE);

  return g_unix_set_fd_nonblocking (run->in_fd, TRUE, error) &&
         g_unix_set_fd_nonblocking (run->out_fd, TRUE, error);
}

static void
signal_server (Run *run,
               int  signum)
{
  if (kill (-run->pid, signum) < 0)
    kill (run->pid, signum);
}

/* Waits until @deadline for the server to exit, draining its stdout so that
 * it can never block on a full pipe while we wait.
 */
static gboolean
wait_for_exit (Run    *run,
               gint64  deadline)
{
  Result *result = run->result;
  struct rusage ru;
  char discard[4096];

  for (;;)
    {
      pid_t pid = wait4 (run->pid, &result->wait_status, WNOHANG, &ru);
      gint64 now;

      if (pid == run->pid)
        {
          result->reaped = TRUE;
          result->cpu_lifetime_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
                                   ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
          result->ru_maxrss_kib = ru.ru_maxrss;
          return TRUE;
        }
      if (pid < 0 && errno != EINTR)
        return FALSE;

      now = now_ns ();
      if (now >= deadline)
        return FALSE;

      if (run->out_fd >= 0)
        {
          struct pollfd pfd = { run->out_fd, POLLIN, 0 };

          if (poll (&pfd, 1, 10) > 0)
            {
              gssize n = read (run->out_fd, discard, sizeof discard);

              if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
                close_fd (&run->out_fd);
            }
        }
      else
        g_usleep (10000);
    }
}

static void
shutdown_server (Run *run)
{
  Result *result = run->result;

  close_fd (&run->in_fd);

  if (wait_for_exit (run, now_ns () + SHUTDOWN_EOF_NS))
    result->shutdown = g_strdup ("eof");
  else
    {
      signal_server (run, SIGTERM);
      if (wait_for_exit (run, now_ns () + SHUTDOWN_TERM_NS))
        result->shutdown = g_strdup ("sigterm");
      else
        {
          signal_server (run, SIGKILL);
          if (wait_for_exit (run, now_ns () + SHUTDOWN_KILL_NS))
            result->shutdown = g_strdup ("sigkill");
          else
            result->shutdown = g_strdup ("lost");
        }
    }

  close_fd (&run->out_fd);
}

/* Statistics */

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted @values, in µs. */
static double
percentile_us (const gint64 *values,
               guint         n,
               double        p)
{
  gint64 rank = (gint64) ((p / 100.0) * n + 0.999999);

  rank = CLAMP (rank, 1, (gint64) n);
  return values[rank - 1] / 1000.0;
}

static double
median (double *values,
        guint   n)
{
  if (n == 0)
    return 0.0;
  qsort (values, n, sizeof (double), compare_double);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

/* One complete run */

static void
run_once (const char *prefix,
          const char *suffix,
          Result     *result)
{
  Run run = { 0 };
  Phase warmup = { 0 };
  Phase measured = { 0 };
  g_autoptr(GError) error = NULL;
  CpuTimes cpu_before = { 0 };
  CpuTimes cpu_after = { 0 };
  gboolean have_cpu;
  double driver_before;
  double ticks = sysconf (_SC_CLK_TCK);
  gint64 spawned_at;
  gint64 start;
  g_autofree char *init = NULL;
  guint i;

  memset (result, 0, sizeof *result);
  result->peak_rss_kib = -1;
  result->ru_maxrss_kib = -1;

  run.request_prefix = prefix;
  run.request_suffix = suffix;
  run.prefix_len = strlen (prefix);
  run.suffix_len = strlen (suffix);
  run.in_fd = run.out_fd = -1;
  run.max_line = 64 * 1024 * 1024;
  run.result = result;
  buffer_init (&run.rbuf, READ_BUFFER_SIZE);
  buffer_init (&run.wbuf, WRITE_BUFFER_SIZE);

  spawned_at = now_ns ();
  run.deadline = spawned_at + (gint64) (opt_timeout * NS_PER_SEC);

  if (!spawn_server (&run, &error))
    {
      result->abort_reason = g_strdup_printf ("cannot start the server: %s", error->message);
      close_fd (&run.in_fd);
      close_fd (&run.out_fd);
      if (run.pid > 0)
        shutdown_server (&run);
      goto out;
    }

  /* Handshake: initialize, wait for the reply, then initialized. */
  init = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                          "\"params\":{\"protocolVersion\":\"%s\",\"capabilities\":{},"
                          "\"clientInfo\":{\"name\":\"mcp-bench\",\"version\":\"1.0\"}}}\n",
                          opt_protocol);
  buffer_append (&run.wbuf, init, strlen (init));
  run.init_pending = TRUE;
  while (run.init_pending)
    if (!run_pump (&run))
      goto stop;
  if (result->abort_reason != NULL)
    goto stop;
  result->handshake_ms = (now_ns () - spawned_at) / 1e6;

  {
    static const char initialized[] =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";

    buffer_append (&run.wbuf, initialized, strlen (initialized));
  }

  if (opt_warmup > 0)
    {
      warmup.first_id = 1;
      warmup.count = opt_warmup;
      warmup.sent_at = g_new0 (gint64, warmup.count);
      if (!run_phase (&run, &warmup, opt_depth))
        goto stop;
    }
  result->warmup_errors = warmup.rpc_errors + warmup.tool_errors;

  /* The measured phase: everything before this line is excluded. */
  measured.first_id = 1 + (guint64) opt_warmup;
  measured.count = opt_calls;
  measured.sent_at = g_new0 (gint64, measured.count);
  measured.latencies = g_new (gint64, measured.count);
  have_cpu = read_proc_cpu (run.pid, &cpu_before);
  driver_before = self_cpu_s ();
  start = now_ns ();

  if (!run_phase (&run, &measured, opt_depth))
    goto stop;

  if (have_cpu && read_proc_cpu (run.pid, &cpu_after))
    {
      result->cpu_user_s = (cpu_after.user_ticks - cpu_before.user_ticks) / ticks;
      result->cpu_sys_s = (cpu_after.sys_ticks - cpu_before.sys_ticks) / ticks;
      result->cpu_us_per_call = (result->cpu_user_s + result->cpu_sys_s) * 1e6 / measured.count;
    }
  else
    result->cpu_us_per_call = -1;
  result->driver_cpu_us_per_call = (self_cpu_s () - driver_before) * 1e6 / measured.count;
  result->peak_rss_kib = read_proc_hwm_kib (run.pid);

  result->completed = TRUE;
  result->calls = measured.count;
  result->ok = measured.ok;
  result->rpc_errors = measured.rpc_errors;
  result->tool_errors = measured.tool_errors;
  result->elapsed_s = (measured.last_reply_at - start) / 1e9;
  result->calls_per_s = result->elapsed_s > 0 ? measured.count / result->elapsed_s : 0;

  qsort (measured.latencies, measured.count, sizeof (gint64), compare_gint64);
  result->lat_p50_us = percentile_us (measured.latencies, measured.count, 50);
  result->lat_p90_us = percentile_us (measured.latencies, measured.count, 90);
  result->lat_p99_us = percentile_us (measured.latencies, measured.count, 99);
  result->lat_max_us = measured.latencies[measured.count - 1] / 1000.0;
  {
    double sum = 0;

    for (i = 0; i < measured.count; i++)
      sum += measured.latencies[i];
    result->lat_mean_us = sum / measured.count / 1000.0;
  }

stop:
  if (result->peak_rss_kib < 0 && run.pid > 0)
    result->peak_rss_kib = read_proc_hwm_kib (run.pid);
  shutdown_server (&run);

out:
  g_free (warmup.sent_at);
  g_free (measured.sent_at);
  g_free (measured.latencies);
  buffer_clear (&run.rbuf);
  buffer_clear (&run.wbuf);
}

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->abort_reason, g_free);
  g_clear_pointer (&result->first_error, g_free);
  g_clear_pointer (&result->server_name, g_free);
  g_clear_pointer (&result->server_version, g_free);
  g_clear_pointer (&result->protocol_version, g_free);
  g_clear_pointer (&result->shutdown, g_free);
}

static guint
result_errors (const Result *result)
{
  return result->rpc_errors + result->tool_errors + result->unmatched + result->bad_lines;
}

static const char *
result_status (const Result *result)
{
  if (!result->completed)
    return "aborted";
  return result_errors (result) > 0 || result->warmup_errors > 0 ? "errors" : "ok";
}

/* Output */

static char *
command_string (void)
{
  return g_strjoinv (" ", opt_command);
}

static void
append_common_json (GString *out)
{
  guint i;

  g_string_append (out, "\"label\":");
  if (opt_label != NULL)
    append_json_string (out, opt_label, -1);
  else
    {
      g_autofree char *command = command_string ();

      append_json_string (out, command, -1);
    }
  g_string_append (out, ",\"command\":[");
  for (i = 0; opt_command[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_json_string (out, opt_command[i], -1);
    }
  g_string_append (out, "],\"method\":");
  append_json_string (out, opt_ping ? "ping" : "tools/call", -1);
  if (!opt_ping)
    {
      g_string_append (out, ",\"tool\":");
      append_json_string (out, opt_tool, -1);
      if (opt_args == NULL)
        g_string_append_printf (out, ",\"payload_bytes\":%d", opt_size);
    }
  g_string_append_printf (out, ",\"calls\":%d,\"warmup\":%d,\"depth\":%d",
                          opt_calls, opt_warmup, opt_depth);
}

/* Raw JSON string contents from the server go out unchanged: they are
 * already escaped.
 */
static void
append_raw_string_member (GString    *out,
                          const char *name,
                          const char *raw)
{
  if (raw == NULL)
    g_string_append_printf (out, ",\"%s\":null", name);
  else
    g_string_append_printf (out, ",\"%s\":\"%s\"", name, raw);
}

static void
print_run_json (const Result *result,
                guint         number)
{
  GString *out = g_string_new ("{\"kind\":\"run\",");

  g_string_append_printf (out, "\"run\":%u,", number);
  append_common_json (out);
  g_string_append (out, ",\"status\":");
  append_json_string (out, result_status (result), -1);
  g_string_append (out, ",\"abort_reason\":");
  if (result->abort_reason != NULL)
    append_json_string (out, result->abort_reason, -1);
  else
    g_string_append (out, "null");
  append_raw_string_member (out, "server_name", result->server_name);
  append_raw_string_member (out, "server_version", result->server_version);
  append_raw_string_member (out, "protocol_version", result->protocol_version);
  g_string_append_printf (out,
                          ",\"ok\":%u,\"errors\":%u,\"rpc_errors\":%u,\"tool_errors\":%u"
                          ",\"warmup_errors\":%u,\"unmatched\":%u,\"bad_lines\":%u"
                          ",\"notifications\":%u,\"server_requests\":%u",
                          result->ok, result_errors (result), result->rpc_errors,
                          result->tool_errors, result->warmup_errors, result->unmatched,
                          result->bad_lines, result->notifications, result->server_requests);
  g_string_append (out, ",\"first_error\":");
  if (result->first_error != NULL)
    append_json_string (out, result->first_error, -1);
  else
    g_string_append (out, "null");
  g_string_append_printf (out,
                          ",\"handshake_ms\":%.3f,\"elapsed_s\":%.6f,\"calls_per_s\":%.1f"
                          ",\"latency_p50_us\":%.1f,\"latency_p90_us\":%.1f"
                          ",\"latency_p99_us\":%.1f,\"latency_max_us\":%.1f"
                          ",\"latency_mean_us\":%.1f"
                          ",\"cpu_user_s\":%.3f,\"cpu_sys_s\":%.3f,\"cpu_us_per_call\":%.2f"
                          ",\"cpu_resolution_us\":%.0f,\"cpu_lifetime_s\":%.3f"
                          ",\"driver_cpu_us_per_call\":%.2f"
                          ",\"peak_rss_kib\":%" G_GINT64_FORMAT
                          ",\"ru_maxrss_kib\":%" G_GINT64_FORMAT,
                          result->handshake_ms, result->elapsed_s, result->calls_per_s,
                          result->lat_p50_us, result->lat_p90_us, result->lat_p99_us,
                          result->lat_max_us, result->lat_mean_us,
                          result->cpu_user_s, result->cpu_sys_s, result->cpu_us_per_call,
                          1e6 / sysconf (_SC_CLK_TCK), result->cpu_lifetime_s,
                          result->driver_cpu_us_per_call,
                          result->peak_rss_kib, result->ru_maxrss_kib);
  g_string_append (out, ",\"shutdown\":");
  append_json_string (out, result->shutdown != NULL ? result->shutdown : "none", -1);
  if (result->reaped && WIFEXITED (result->wait_status))
    g_string_append_printf (out, ",\"exit_code\":%d,\"exit_signal\":null",
                            WEXITSTATUS (result->wait_status));
  else if (result->reaped && WIFSIGNALED (result->wait_status))
    g_string_append_printf (out, ",\"exit_code\":null,\"exit_signal\":%d",
                            WTERMSIG (result->wait_status));
  else
    g_string_append (out, ",\"exit_code\":null,\"exit_signal\":null");
  g_string_append (out, "}\n");

  fputs (out->str, stdout);
  fflush (stdout);
  g_string_free (out, TRUE);
}

typedef struct
{
  guint  runs;
  double calls_per_s;
  double lat_p50_us;
  double lat_p90_us;
  double lat_p99_us;
  double lat_max_us;
  double cpu_us_per_call;
  double peak_rss_kib;
  double handshake_ms;
  guint  errors;
} Summary;

static void
summarize (const Result *results,
           guint         n_results,
           Summary      *summary)
{
  g_autofree double *values = g_new (double, n_results);
  guint n;
  guint i;

#define MEDIAN_OF(field, dest)                          \
  G_STMT_START {                                        \
    for (n = 0, i = 0; i < n_results; i++)              \
      if (results[i].completed)                         \
        values[n++] = results[i].field;                 \
    summary->dest = median (values, n);                 \
  } G_STMT_END

  memset (summary, 0, sizeof *summary);
  for (i = 0; i < n_results; i++)
    {
      if (results[i].completed)
        summary->runs++;
      summary->errors += result_errors (&results[i]) + results[i].warmup_errors;
    }

  MEDIAN_OF (calls_per_s, calls_per_s);
  MEDIAN_OF (lat_p50_us, lat_p50_us);
  MEDIAN_OF (lat_p90_us, lat_p90_us);
  MEDIAN_OF (lat_p99_us, lat_p99_us);
  MEDIAN_OF (lat_max_us, lat_max_us);
  MEDIAN_OF (cpu_us_per_call, cpu_us_per_call);
  MEDIAN_OF (peak_rss_kib, peak_rss_kib);
  MEDIAN_OF (handshake_ms, handshake_ms);

#undef MEDIAN_OF
}

static void
print_summary_json (const Summary *summary)
{
  GString *out = g_string_new ("{\"kind\":\"median\",");

  g_string_append_printf (out, "\"runs\":%u,", summary->runs);
  append_common_json (out);
  g_string_append_printf (out,
                          ",\"errors\":%u,\"handshake_ms\":%.3f,\"calls_per_s\":%.1f"
                          ",\"latency_p50_us\":%.1f,\"latency_p90_us\":%.1f"
                          ",\"latency_p99_us\":%.1f,\"latency_max_us\":%.1f"
                          ",\"cpu_us_per_call\":%.2f,\"peak_rss_kib\":%.0f}\n",
                          summary->errors, summary->handshake_ms, summary->calls_per_s,
                          summary->lat_p50_us, summary->lat_p90_us, summary->lat_p99_us,
                          summary->lat_max_us, summary->cpu_us_per_call,
                          summary->peak_rss_kib);
  fputs (out->str, stdout);
  fflush (stdout);
  g_string_free (out, TRUE);
}

static const char table_rule[] =
  "------  ----------  --------  --------  --------  ---------  -----------  --------  ------\n";

static void
print_table_header (void)
{
  g_autofree char *command = command_string ();

  printf ("mcp-bench: %s\n", opt_label != NULL ? opt_label : command);
  if (opt_label != NULL)
    printf ("  command : %s\n", command);
  if (opt_ping)
    printf ("  request : ping\n");
  else if (opt_args != NULL)
    printf ("  request : tools/call %s %s\n", opt_tool, opt_args);
  else
    printf ("  request : tools/call %s, %d-byte message\n", opt_tool, opt_size);
  printf ("  calls   : %d per run after %d warm-up, depth %d, %d run%s\n\n",
          opt_calls, opt_warmup, opt_depth, opt_repeat, opt_repeat == 1 ? "" : "s");
  printf ("run        calls/s   p50 µs    p90 µs    p99 µs     max µs  CPU µs/call  RSS MiB   errors\n");
  fputs (table_rule, stdout);
  fflush (stdout);
}

static char *
describe_exit (const Result *result)
{
  if (!result->reaped)
    return g_strdup ("server not reaped");
  if (WIFEXITED (result->wait_status))
    return g_strdup_printf ("server exit code %d, shutdown: %s",
                            WEXITSTATUS (result->wait_status), result->shutdown);
  if (WIFSIGNALED (result->wait_status))
    return g_strdup_printf ("server killed by signal %d, shutdown: %s",
                            WTERMSIG (result->wait_status), result->shutdown);
  return g_strdup ("server status unknown");
}

static void
print_run_row (const Result *result,
               guint         number)
{
  if (!result->completed)
    {
      g_autofree char *exit_text = describe_exit (result);

      printf ("%-6u  aborted: %s (%s)\n", number, result->abort_reason, exit_text);
      if (result->first_error != NULL)
        printf ("        first error: %s\n", result->first_error);
      fflush (stdout);
      return;
    }

  printf ("%-6u  %10.0f  %8.1f  %8.1f  %8.1f  %9.1f  %11.2f  %8.1f  %6u\n",
          number, result->calls_per_s, result->lat_p50_us, result->lat_p90_us,
          result->lat_p99_us, result->lat_max_us, result->cpu_us_per_call,
          result->peak_rss_kib / 1024.0,
          result_errors (result) + result->warmup_errors);
  if (result->first_error != NULL)
    printf ("        first error: %s\n", result->first_error);
  fflush (stdout);
}

static void
print_table_footer (const Result  *results,
                    guint          n_results,
                    const Summary *summary)
{
  const Result *first = NULL;
  guint i;

  for (i = 0; i < n_results && first == NULL; i++)
    if (results[i].completed)
      first = &results[i];

  if (n_results > 1 && summary->runs > 0)
    {
      fputs (table_rule, stdout);
      printf ("median  %10.0f  %8.1f  %8.1f  %8.1f  %9.1f  %11.2f  %8.1f  %6u\n",
              summary->calls_per_s, summary->lat_p50_us, summary->lat_p90_us,
              summary->lat_p99_us, summary->lat_max_us, summary->cpu_us_per_call,
              summary->peak_rss_kib / 1024.0, summary->errors);
    }

  if (first != NULL)
    {
      printf ("\n  server  : %s %s, protocol %s, handshake %.1f ms (median)\n",
              first->server_name != NULL ? first->server_name : "(unnamed)",
              first->server_version != NULL ? first->server_version : "",
              first->protocol_version != NULL ? first->protocol_version : "?",
              summary->handshake_ms);
      printf ("  notes   : CPU is the server's user+sys time over the measured calls "
              "(resolution %.0f µs);\n"
              "            driver CPU %.2f µs/call; RSS is the server's VmHWM\n",
              1e6 / sysconf (_SC_CLK_TCK), first->driver_cpu_us_per_call);
    }
  fflush (stdout);
}

/* Requests */

static gboolean
build_request (char   **prefix,
               char   **suffix,
               GError **error)
{
  GString *params;

  *prefix = g_strdup ("{\"jsonrpc\":\"2.0\",\"id\":");

  if (opt_ping)
    {
      *suffix = g_strdup (",\"method\":\"ping\"}\n");
      return TRUE;
    }

  params = g_string_new (",\"method\":\"tools/call\",\"params\":{\"name\":");
  append_json_string (params, opt_tool, -1);
  g_string_append (params, ",\"arguments\":");
  if (opt_args != NULL)
    {
      Span span = { opt_args, strlen (opt_args) };

      if (!span_is_object (span) || memchr (opt_args, '\n', span.len) != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--args must be a JSON object on one line");
          g_string_free (params, TRUE);
          g_clear_pointer (prefix, g_free);
          return FALSE;
        }
      g_string_append (params, opt_args);
    }
  else
    {
      static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
      int i;

      g_string_append (params, "{\"message\":\"");
      for (i = 0; i < opt_size; i++)
        g_string_append_c (params, alphabet[i % (sizeof alphabet - 1)]);
      g_string_append (params, "\"}");
    }
  g_string_append (params, "}}\n");

  *suffix = g_string_free (params, FALSE);
  return TRUE;
}

static void
on_signal (int signum)
{
  interrupted = 1;
}

static void
install_signal_handlers (void)
{
  struct sigaction sa;

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = SIG_IGN;
  sigaction (SIGPIPE, &sa, NULL);

  /* No SA_RESTART: poll() must return so that the run can stop cleanly. */
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGHUP, &sa, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree Result *results = NULL;
  Summary summary;
  gboolean any_aborted = FALSE;
  gboolean any_errors = FALSE;
  guint n_results = 0;
  int i;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    "Benchmark a stdio MCP server: handshake, then pipelined tools/call requests.\n"
    "Reports calls/s, latency percentiles, server CPU per call and peak RSS.\n"
    "A benchmark, not a test: nothing is asserted about the numbers.");
  g_option_context_set_description (context,
    "Exit status: 0 all calls succeeded, 1 some calls failed, 2 a run was aborted,\n"
    "64 usage error.  Wrapper scripts should `exec` the server so that its CPU\n"
    "time and memory are the ones measured.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mcp-bench: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (opt_command == NULL || opt_command[0] == NULL)
    {
      g_printerr ("mcp-bench: no server command given (mcp-bench [OPTION...] -- COMMAND [ARG...])\n");
      return EXIT_USAGE;
    }
  if (opt_calls < 1 || opt_depth < 1 || opt_warmup < 0 || opt_repeat < 1 ||
      opt_size < 0 || !(opt_timeout > 0))
    {
      g_printerr ("mcp-bench: --calls, --depth and --repeat must be at least 1, "
                  "--warmup and --size not negative, --timeout positive\n");
      return EXIT_USAGE;
    }
  if (opt_tool == NULL)
    opt_tool = g_strdup ("echo");
  if (opt_protocol == NULL)
    opt_protocol = g_strdup ("2025-11-25");
  if (!g_utf8_validate (opt_tool, -1, NULL) || strchr (opt_protocol, '"') != NULL ||
      strchr (opt_protocol, '\\') != NULL)
    {
      g_printerr ("mcp-bench: invalid --tool or --protocol-version\n");
      return EXIT_USAGE;
    }

  if (!build_request (&prefix, &suffix, &error))
    {
      g_printerr ("mcp-bench: %s\n", error->message);
      return EXIT_USAGE;
    }

  install_signal_handlers ();

  if (!opt_json)
    print_table_header ();

  results = g_new0 (Result, opt_repeat);
  for (i = 0; i < opt_repeat && !interrupted; i++)
    {
      Result *result = &results[n_results++];

      run_once (prefix, suffix, result);
      if (!result->completed)
        any_aborted = TRUE;
      else if (result_errors (result) > 0 || result->warmup_errors > 0)
        any_errors = TRUE;

      if (opt_json)
        print_run_json (result, i + 1);
      else
        print_run_row (result, i + 1);
    }

  summarize (results, n_results, &summary);
  if (opt_json && opt_repeat > 1 && summary.runs > 0)
    print_summary_json (&summary);
  else if (!opt_json)
    print_table_footer (results, n_results, &summary);

  for (i = 0; i < (int) n_results; i++)
    result_clear (&results[i]);
  g_strfreev (opt_command);
  g_free (opt_tool);
  g_free (opt_args);
  g_free (opt_label);
  g_free (opt_protocol);

  if (interrupted)
    return 128 + SIGINT;
  if (any_aborted)
    return EXIT_ABORTED;
  return any_errors ? EXIT_ERRORS : EXIT_OK;
}
