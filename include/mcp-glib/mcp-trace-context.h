/* mcp-trace-context.h: the W3C trace context a request carries in _meta
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_TRACE_CONTEXT (mcp_trace_context_get_type ())

typedef struct _McpTraceContext McpTraceContext;

MCP_AVAILABLE_IN_0_1
GType            mcp_trace_context_get_type        (void) G_GNUC_CONST;
MCP_AVAILABLE_IN_0_1
McpTraceContext *mcp_trace_context_parse             (const char      *traceparent,
                                                    const char      *tracestate,
                                                    const char      *baggage);
MCP_AVAILABLE_IN_0_1
McpTraceContext *mcp_trace_context_from_meta       (JsonNode        *meta);
MCP_AVAILABLE_IN_0_1
McpTraceContext *mcp_trace_context_new_child       (McpTraceContext *self);
MCP_AVAILABLE_IN_0_1
McpTraceContext *mcp_trace_context_ref             (McpTraceContext *self);
MCP_AVAILABLE_IN_0_1
void             mcp_trace_context_unref           (McpTraceContext *self);
MCP_AVAILABLE_IN_0_1
const char      *mcp_trace_context_get_traceparent (McpTraceContext *self);
MCP_AVAILABLE_IN_0_1
const char      *mcp_trace_context_get_trace_id    (McpTraceContext *self);
MCP_AVAILABLE_IN_0_1
const char      *mcp_trace_context_get_parent_id   (McpTraceContext *self);
MCP_AVAILABLE_IN_0_1
guint8           mcp_trace_context_get_flags       (McpTraceContext *self);
MCP_AVAILABLE_IN_0_1
gboolean         mcp_trace_context_is_sampled      (McpTraceContext *self);
MCP_AVAILABLE_IN_0_1
const char      *mcp_trace_context_get_tracestate  (McpTraceContext *self);
MCP_AVAILABLE_IN_0_1
const char      *mcp_trace_context_get_baggage     (McpTraceContext *self);
MCP_AVAILABLE_IN_0_1
void             mcp_trace_context_add_to_meta     (McpTraceContext *self,
                                                    JsonObject      *meta);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpTraceContext, mcp_trace_context_unref)

G_END_DECLS
