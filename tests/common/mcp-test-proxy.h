/* mcp-test-proxy.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mcp-glib/mcp-glib.h>

#include "mcp-test-wire.h"

G_BEGIN_DECLS

/*
 * Runs a stdio server as a subprocess behind a relay, so that the messages
 * of both sides cross transports a McpTestWire can watch: the client talks
 * to mcp_test_proxy_get_client_transport() over a pipe pair, and the relay
 * forwards every message to and from the subprocess's own stdio transport.
 */
typedef struct _McpTestProxy McpTestProxy;

McpTestProxy *mcp_test_proxy_new                  (const char * const *argv,
                                                   McpTestWire        *wire);
McpTransport *mcp_test_proxy_get_client_transport (McpTestProxy       *self);
/* Ends the relay and the subprocess (stdin closed, then SIGTERM), waiting
 * for both; returns the subprocess's exit status, or minus the signal that
 * ended it. */
int           mcp_test_proxy_close                (McpTestProxy       *self);
void          mcp_test_proxy_free                 (McpTestProxy       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpTestProxy, mcp_test_proxy_free)

G_END_DECLS
