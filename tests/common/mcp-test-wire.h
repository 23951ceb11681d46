/* mcp-test-wire.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mcp-glib/mcp-glib.h>

G_BEGIN_DECLS

/*
 * Watches the messages that arrive on transports and checks each against
 * the official 2025-11-25 schema: requests and notifications against the
 * definition of their method, results against the result definition of the
 * request they answer (results of ping, logging/setLevel and
 * resources/subscribe|unsubscribe must be empty), errors against
 * JSONRPCErrorResponse.
 *
 * Watch the client's transport with sent_by_server = TRUE (what arrives
 * there is what the server emitted) and the server's transport with FALSE.
 * Problems are collected, not asserted in the signal handler; call
 * mcp_test_wire_assert_valid() at the end of the test.
 */
typedef struct _McpTestWire McpTestWire;

McpTestWire *mcp_test_wire_new              (void);
void         mcp_test_wire_free             (McpTestWire  *self);
void         mcp_test_wire_watch            (McpTestWire  *self,
                                             McpTransport *transport,
                                             gboolean      sent_by_server);
/* While lenient, requests one side sends on purpose out of shape (bad input
 * tests) are not checked; everything else still is. */
void         mcp_test_wire_set_lenient      (McpTestWire  *self,
                                             gboolean      sent_by_server,
                                             gboolean      lenient);
/* Messages checked so far, in both directions. */
guint        mcp_test_wire_get_n_checked    (McpTestWire  *self);
/* Responses (results or errors) with integer id `id` emitted by one side. */
guint        mcp_test_wire_count_responses  (McpTestWire  *self,
                                             gboolean      sent_by_server,
                                             gint64        id);
/* Messages of @method (requests or notifications) emitted by one side. */
guint        mcp_test_wire_count_method     (McpTestWire  *self,
                                             gboolean      sent_by_server,
                                             const char   *method);
/* Responses (results or errors) one side sent to requests of @method. */
guint        mcp_test_wire_count_answers    (McpTestWire  *self,
                                             gboolean      sent_by_server,
                                             const char   *method);
/* Fails the test if any message did not validate; skips the checks (not
 * the test) when the schema files are missing. */
void         mcp_test_wire_assert_valid     (McpTestWire  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpTestWire, mcp_test_wire_free)

G_END_DECLS
