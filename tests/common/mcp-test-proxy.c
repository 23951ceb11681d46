/* mcp-test-proxy.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-test-proxy.h"
#include "mcp-test-util.h"

struct _McpTestProxy
{
  McpTransport *client_side;   /* handed to the client */
  McpTransport *relay_side;    /* the other end of that pipe pair */
  McpTransport *child;         /* the subprocess */
  GSubprocess  *subprocess;
  gulong        handlers[4];
};

static void
forward (McpTransport *from,
         JsonNode     *message,
         McpTransport *to)
{
  if (mcp_transport_is_connected (to))
    mcp_transport_send_message_async (to, message, NULL, NULL, NULL, NULL);
}

/* When either side goes away, so does the other. */
static void
on_state_changed (McpTransport      *transport,
                  McpTransportState  old_state,
                  McpTransportState  new_state,
                  McpTransport      *other)
{
  if (new_state == MCP_TRANSPORT_STATE_DISCONNECTED &&
      mcp_transport_get_state (other) == MCP_TRANSPORT_STATE_CONNECTED)
    mcp_transport_disconnect_async (other, NULL, NULL, NULL);
}

static void
connect_sync (McpTransport *transport)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_transport_connect_async (transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  mcp_transport_connect_finish (transport, result, &error);
  g_assert_no_error (error);
}

McpTestProxy *
mcp_test_proxy_new (const char * const *argv,
                    McpTestWire        *wire)
{
  McpTestProxy *self = g_new0 (McpTestProxy, 1);

  mcp_test_transport_pair (&self->client_side, &self->relay_side);
  self->child = MCP_TRANSPORT (mcp_stdio_transport_new_for_command (argv));

  if (wire != NULL)
    {
      mcp_test_wire_watch (wire, self->client_side, TRUE);
      mcp_test_wire_watch (wire, self->relay_side, FALSE);
    }

  self->handlers[0] = g_signal_connect (self->relay_side, "message-received",
                                        G_CALLBACK (forward), self->child);
  self->handlers[1] = g_signal_connect (self->child, "message-received",
                                        G_CALLBACK (forward), self->relay_side);
  self->handlers[2] = g_signal_connect (self->relay_side, "state-changed",
                                        G_CALLBACK (on_state_changed), self->child);
  self->handlers[3] = g_signal_connect (self->child, "state-changed",
                                        G_CALLBACK (on_state_changed), self->relay_side);

  connect_sync (self->child);
  connect_sync (self->relay_side);
  self->subprocess = g_object_ref (mcp_stdio_transport_get_subprocess (MCP_STDIO_TRANSPORT (self->child)));

  return self;
}

McpTransport *
mcp_test_proxy_get_client_transport (McpTestProxy *self)
{
  return self->client_side;
}

static void
disconnect_sync (McpTransport *transport)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (mcp_transport_get_state (transport) == MCP_TRANSPORT_STATE_DISCONNECTED)
    return;

  mcp_transport_disconnect_async (transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  mcp_transport_disconnect_finish (transport, result, NULL);
}

int
mcp_test_proxy_close (McpTestProxy *self)
{
  g_autoptr(GAsyncResult) result = NULL;
  int status;

  g_clear_signal_handler (&self->handlers[0], self->relay_side);
  g_clear_signal_handler (&self->handlers[1], self->child);
  g_clear_signal_handler (&self->handlers[2], self->relay_side);
  g_clear_signal_handler (&self->handlers[3], self->child);

  disconnect_sync (self->relay_side);
  disconnect_sync (self->child);
  disconnect_sync (self->client_side);

  /* A disconnect already under way may still be shutting the child down. */
  g_subprocess_wait_async (self->subprocess, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_subprocess_wait_finish (self->subprocess, result, NULL);
  status = g_subprocess_get_if_exited (self->subprocess)
           ? g_subprocess_get_exit_status (self->subprocess)
           : -g_subprocess_get_term_sig (self->subprocess);

  g_clear_object (&self->subprocess);
  g_clear_object (&self->client_side);
  g_clear_object (&self->relay_side);
  g_clear_object (&self->child);
  g_free (self);

  return status;
}

void
mcp_test_proxy_free (McpTestProxy *self)
{
  mcp_test_proxy_close (self);
}
