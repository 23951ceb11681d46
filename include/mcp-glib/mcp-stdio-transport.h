/* mcp-stdio-transport.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mcp-transport.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * McpStdioStderrMode:
 * @MCP_STDIO_STDERR_INHERIT: the child writes to our own standard error
 * @MCP_STDIO_STDERR_CAPTURE: each line the child writes is emitted as
 *   #McpStdioTransport::stderr-line
 * @MCP_STDIO_STDERR_SILENCE: the child's standard error is discarded
 *
 * What happens to a spawned server's standard error.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_STDIO_STDERR_INHERIT,
  MCP_STDIO_STDERR_CAPTURE,
  MCP_STDIO_STDERR_SILENCE,
} McpStdioStderrMode;

/**
 * MCP_STDIO_DEFAULT_MAX_MESSAGE_SIZE:
 *
 * The default limit on one newline-delimited message: 16 MiB.
 *
 * Since: 0.1
 */
#define MCP_STDIO_DEFAULT_MAX_MESSAGE_SIZE (16 * 1024 * 1024)

/**
 * MCP_STDIO_DEFAULT_SEND_HIGH_WATER:
 *
 * The default outgoing queue, in bytes, above which the peer's lines are
 * no longer read: 4 MiB.
 *
 * Since: 0.1
 */
#define MCP_STDIO_DEFAULT_SEND_HIGH_WATER (4 * 1024 * 1024)

/**
 * MCP_STDIO_DEFAULT_MAX_SEND_QUEUE:
 *
 * The default outgoing queue, in bytes, past which the transport is
 * closed: 32 MiB.
 *
 * Since: 0.1
 */
#define MCP_STDIO_DEFAULT_MAX_SEND_QUEUE (32 * 1024 * 1024)

/**
 * MCP_STDIO_DEFAULT_SEND_STALL_TIMEOUT:
 *
 * The default time, in seconds, the outgoing queue may stay above the
 * high-water mark before the transport is closed.
 *
 * Since: 0.1
 */
#define MCP_STDIO_DEFAULT_SEND_STALL_TIMEOUT 30

#define MCP_TYPE_STDIO_TRANSPORT (mcp_stdio_transport_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpStdioTransport, mcp_stdio_transport, MCP, STDIO_TRANSPORT, GObject)

MCP_AVAILABLE_IN_0_1
McpStdioTransport  *mcp_stdio_transport_new                   (void);
MCP_AVAILABLE_IN_0_1
McpStdioTransport  *mcp_stdio_transport_new_for_streams       (GInputStream        *input,
                                                               GOutputStream       *output);
MCP_AVAILABLE_IN_0_1
McpStdioTransport  *mcp_stdio_transport_new_for_command       (const char * const  *argv);
MCP_AVAILABLE_IN_0_1
McpStdioTransport  *mcp_stdio_transport_new_for_command_line  (const char          *command_line,
                                                               GError             **error);
MCP_AVAILABLE_IN_0_1
GInputStream       *mcp_stdio_transport_get_input_stream      (McpStdioTransport   *self);
MCP_AVAILABLE_IN_0_1
GOutputStream      *mcp_stdio_transport_get_output_stream     (McpStdioTransport   *self);
MCP_AVAILABLE_IN_0_1
const char * const *mcp_stdio_transport_get_argv              (McpStdioTransport   *self);
MCP_AVAILABLE_IN_0_1
GSubprocess        *mcp_stdio_transport_get_subprocess        (McpStdioTransport   *self);
MCP_AVAILABLE_IN_0_1
gsize               mcp_stdio_transport_get_max_message_size  (McpStdioTransport   *self);
MCP_AVAILABLE_IN_0_1
void                mcp_stdio_transport_set_max_message_size  (McpStdioTransport   *self,
                                                               gsize                max_message_size);
MCP_AVAILABLE_IN_0_1
McpStdioStderrMode  mcp_stdio_transport_get_stderr_mode       (McpStdioTransport   *self);
MCP_AVAILABLE_IN_0_1
void                mcp_stdio_transport_set_stderr_mode       (McpStdioTransport   *self,
                                                               McpStdioStderrMode   mode);
MCP_AVAILABLE_IN_0_1
guint               mcp_stdio_transport_get_shutdown_timeout  (McpStdioTransport   *self);
MCP_AVAILABLE_IN_0_1
void                mcp_stdio_transport_set_shutdown_timeout  (McpStdioTransport   *self,
                                                               guint                timeout_ms);
MCP_AVAILABLE_IN_0_1
const char * const *mcp_stdio_transport_get_environment       (McpStdioTransport   *self);
MCP_AVAILABLE_IN_0_1
void                mcp_stdio_transport_set_environment       (McpStdioTransport   *self,
                                                               const char * const  *environment);
MCP_AVAILABLE_IN_0_1
const char         *mcp_stdio_transport_get_working_directory (McpStdioTransport   *self);
MCP_AVAILABLE_IN_0_1
void                mcp_stdio_transport_set_working_directory (McpStdioTransport   *self,
                                                               const char          *directory);
MCP_AVAILABLE_IN_0_1
guint64 mcp_stdio_transport_get_send_high_water (McpStdioTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_stdio_transport_set_send_high_water (McpStdioTransport *self,
    guint64 bytes);
MCP_AVAILABLE_IN_0_1
guint64 mcp_stdio_transport_get_max_send_queue (McpStdioTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_stdio_transport_set_max_send_queue (McpStdioTransport *self,
    guint64 bytes);
MCP_AVAILABLE_IN_0_1
guint mcp_stdio_transport_get_send_stall_timeout (McpStdioTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_stdio_transport_set_send_stall_timeout (McpStdioTransport *self,
    guint seconds);

G_END_DECLS
