/* mcp-trace-context.c: the W3C trace context a request carries in _meta
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-json-node-private.h"
#include "mcp-random-private.h"
#include "mcp-trace-context.h"

/**
 * McpTraceContext:
 *
 * The W3C Trace Context (`traceparent`, `tracestate`) and W3C Baggage
 * (`baggage`) of a request, which MCP carries as three keys of the
 * request's `_meta`, the one exception to the rule that `_meta` keys have
 * a prefix (SEP-414, the OpenTelemetry conventions for MCP).
 *
 * The server parses it from every request it serves
 * (mcp_request_get_trace_context()); a handler hands it to its tracer to
 * continue the trace. The requests a session sends on behalf of a request
 * it serves (sampling, elicitation, roots from a tool handler: anything
 * sent with the request as the related request) carry the same context on,
 * unless their params name one of their own. A client adds one to what it
 * sends with mcp_trace_context_add_to_meta() or a middleware
 * (mcp_client_add_middleware()).
 *
 * A `traceparent` that does not follow the format (version `00`: 55
 * characters, lower-case hex, a trace id and parent id that are not all
 * zeros) makes no context at all, as the W3C specification says to treat
 * it; a `tracestate` or `baggage` that is too long (512 and 8192 bytes) or
 * holds characters outside printable ASCII is dropped and the rest kept.
 *
 * Since: 0.1
 */

#define TRACEPARENT_LENGTH 55   /* 00-<32 hex>-<16 hex>-<2 hex> */
#define MAX_TRACESTATE 512
#define MAX_BAGGAGE 8192

struct _McpTraceContext
{
  gatomicrefcount ref_count;
  char            traceparent[TRACEPARENT_LENGTH + 1];
  char            trace_id[33];
  char            parent_id[17];
  guint8          flags;
  char           *tracestate;   /* nullable */
  char           *baggage;      /* nullable */
};

G_DEFINE_BOXED_TYPE (McpTraceContext, mcp_trace_context, mcp_trace_context_ref,
                     mcp_trace_context_unref)

static gboolean
is_lower_hex (const char *text,
              gsize       length,
              gboolean    nonzero)
{
  gboolean seen_nonzero = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
        return FALSE;
      seen_nonzero |= text[i] != '0';
    }
  return !nonzero || seen_nonzero;
}

/* A list value we pass on as it is: bounded, printable ASCII. */
static char *
list_value (const char *value,
            gsize       max)
{
  gsize length;

  if (value == NULL)
    return NULL;
  length = strlen (value);
  if (length == 0 || length > max)
    return NULL;
  for (gsize i = 0; i < length; i++)
    if ((guchar) value[i] < 0x20 || (guchar) value[i] > 0x7e)
      return NULL;
  return g_strdup (value);
}

/**
 * mcp_trace_context_parse:
 * @traceparent: a W3C `traceparent` value
 * @tracestate: (nullable): a W3C `tracestate` value
 * @baggage: (nullable): a W3C `baggage` value
 *
 * Makes a trace context from its text, checked as the type describes.
 * Versions after `00` are read as version `00` where they begin the same
 * way, as the W3C specification asks; version `ff` is invalid.
 *
 * Returns: (transfer full) (nullable): the context, or %NULL when
 *   @traceparent is not valid
 *
 * Since: 0.1
 */
McpTraceContext *
mcp_trace_context_parse (const char *traceparent,
                       const char *tracestate,
                       const char *baggage)
{
  McpTraceContext *self;
  gsize length;

  if (traceparent == NULL)
    return NULL;
  length = strlen (traceparent);
  if (length < TRACEPARENT_LENGTH || !is_lower_hex (traceparent, 2, FALSE) ||
      strncmp (traceparent, "ff", 2) == 0 ||
      traceparent[2] != '-' || traceparent[35] != '-' || traceparent[52] != '-' ||
      !is_lower_hex (traceparent + 3, 32, TRUE) || !is_lower_hex (traceparent + 36, 16, TRUE) ||
      !is_lower_hex (traceparent + 53, 2, FALSE))
    return NULL;
  /* Version 00 is exactly this long; a later one may go on after a dash. */
  if (strncmp (traceparent, "00", 2) == 0 ? length != TRACEPARENT_LENGTH
                                          : length > TRACEPARENT_LENGTH && traceparent[55] != '-')
    return NULL;

  self = g_new0 (McpTraceContext, 1);
  g_atomic_ref_count_init (&self->ref_count);
  /* What we pass on is the version we speak. */
  memcpy (self->traceparent, "00", 2);
  memcpy (self->traceparent + 2, traceparent + 2, TRACEPARENT_LENGTH - 2);
  memcpy (self->trace_id, traceparent + 3, 32);
  memcpy (self->parent_id, traceparent + 36, 16);
  self->flags = (guint8) g_ascii_strtoull (traceparent + 53, NULL, 16);
  if (self->flags & ~0x01)
    {
      /* Flags we do not know go as zero, as version 00 says. */
      self->flags &= 0x01;
      g_snprintf (self->traceparent + 53, 3, "%02x", self->flags);
    }
  self->tracestate = list_value (tracestate, MAX_TRACESTATE);
  self->baggage = list_value (baggage, MAX_BAGGAGE);
  return self;
}

/**
 * mcp_trace_context_from_meta:
 * @meta: (nullable): a request's `_meta` object
 *
 * Reads the trace context of a request's `_meta`: its `traceparent`,
 * `tracestate` and `baggage` string members.
 *
 * Returns: (transfer full) (nullable): the context, or %NULL when @meta
 *   has no valid `traceparent`
 *
 * Since: 0.1
 */
McpTraceContext *
mcp_trace_context_from_meta (JsonNode *meta)
{
  JsonObject *object;

  if (meta == NULL || !JSON_NODE_HOLDS_OBJECT (meta))
    return NULL;
  object = json_node_get_object (meta);

  return mcp_trace_context_parse (_mcp_json_object_get_string (object, "traceparent"),
                                _mcp_json_object_get_string (object, "tracestate"),
                                _mcp_json_object_get_string (object, "baggage"));
}

/**
 * mcp_trace_context_new_child:
 * @self: a #McpTraceContext
 *
 * The context of a span inside @self's: the same trace id, flags,
 * `tracestate` and `baggage`, and a new random parent id. Use it for the
 * requests a handler sends when it records a span of its own.
 *
 * Returns: (transfer full): the child context
 *
 * Since: 0.1
 */
McpTraceContext *
mcp_trace_context_new_child (McpTraceContext *self)
{
  McpTraceContext *child;
  guint8 id[8];

  g_return_val_if_fail (self != NULL, NULL);

  child = g_new0 (McpTraceContext, 1);
  g_atomic_ref_count_init (&child->ref_count);
  do
    _mcp_random_bytes (id, sizeof id);
  while (memcmp (id, "\0\0\0\0\0\0\0\0", sizeof id) == 0);
  memcpy (child->trace_id, self->trace_id, sizeof child->trace_id);
  for (guint i = 0; i < sizeof id; i++)
    g_snprintf (child->parent_id + 2 * i, 3, "%02x", id[i]);
  child->flags = self->flags;
  g_snprintf (child->traceparent, sizeof child->traceparent, "00-%s-%s-%02x", child->trace_id,
              child->parent_id, child->flags);
  child->tracestate = g_strdup (self->tracestate);
  child->baggage = g_strdup (self->baggage);
  return child;
}

/**
 * mcp_trace_context_ref:
 * @self: a #McpTraceContext
 *
 * Takes a reference to @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 0.1
 */
McpTraceContext *
mcp_trace_context_ref (McpTraceContext *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * mcp_trace_context_unref:
 * @self: (transfer full): a #McpTraceContext
 *
 * Drops a reference to @self, freeing it with the last one.
 *
 * Since: 0.1
 */
void
mcp_trace_context_unref (McpTraceContext *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->tracestate);
  g_free (self->baggage);
  g_free (self);
}

/**
 * mcp_trace_context_get_traceparent:
 * @self: a #McpTraceContext
 *
 * Gets the `traceparent` value.
 *
 * Returns: the `traceparent` value, as this library sends it (version 00)
 *
 * Since: 0.1
 */
const char *
mcp_trace_context_get_traceparent (McpTraceContext *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->traceparent;
}

/**
 * mcp_trace_context_get_trace_id:
 * @self: a #McpTraceContext
 *
 * Gets the id of the whole trace.
 *
 * Returns: the trace id: 32 lower-case hex digits
 *
 * Since: 0.1
 */
const char *
mcp_trace_context_get_trace_id (McpTraceContext *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->trace_id;
}

/**
 * mcp_trace_context_get_parent_id:
 * @self: a #McpTraceContext
 *
 * Gets the id of the caller's span.
 *
 * Returns: the id of the caller's span: 16 lower-case hex digits
 *
 * Since: 0.1
 */
const char *
mcp_trace_context_get_parent_id (McpTraceContext *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->parent_id;
}

/**
 * mcp_trace_context_get_flags:
 * @self: a #McpTraceContext
 *
 * Gets the trace flags.
 *
 * Returns: the trace flags (bit 0: sampled)
 *
 * Since: 0.1
 */
guint8
mcp_trace_context_get_flags (McpTraceContext *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->flags;
}

/**
 * mcp_trace_context_is_sampled:
 * @self: a #McpTraceContext
 *
 * Gets whether the sampled flag is set.
 *
 * Returns: whether the caller records this trace (the sampled flag)
 *
 * Since: 0.1
 */
gboolean
mcp_trace_context_is_sampled (McpTraceContext *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return (self->flags & 0x01) != 0;
}

/**
 * mcp_trace_context_get_tracestate:
 * @self: a #McpTraceContext
 *
 * Gets the vendor-specific `tracestate` value.
 *
 * Returns: (nullable): the `tracestate` value, or %NULL
 *
 * Since: 0.1
 */
const char *
mcp_trace_context_get_tracestate (McpTraceContext *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tracestate;
}

/**
 * mcp_trace_context_get_baggage:
 * @self: a #McpTraceContext
 *
 * Gets the W3C `baggage` value.
 *
 * Returns: (nullable): the `baggage` value, or %NULL
 *
 * Since: 0.1
 */
const char *
mcp_trace_context_get_baggage (McpTraceContext *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->baggage;
}

/**
 * mcp_trace_context_add_to_meta:
 * @self: a #McpTraceContext
 * @meta: the `_meta` object of a request being built
 *
 * Sets `traceparent`, and `tracestate` and `baggage` where @self has them,
 * in @meta, replacing those it had.
 *
 * Since: 0.1
 */
void
mcp_trace_context_add_to_meta (McpTraceContext *self,
                               JsonObject      *meta)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (meta != NULL);

  json_object_set_string_member (meta, "traceparent", self->traceparent);
  if (self->tracestate != NULL)
    json_object_set_string_member (meta, "tracestate", self->tracestate);
  else
    json_object_remove_member (meta, "tracestate");
  if (self->baggage != NULL)
    json_object_set_string_member (meta, "baggage", self->baggage);
  else
    json_object_remove_member (meta, "baggage");
}
