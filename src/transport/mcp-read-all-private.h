/* mcp-read-all-private.h: reading a whole stream, with a limit
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads @stream to its end. More than @limit bytes fail with
 * MCP_ERROR_MESSAGE_TOO_LARGE, as soon as the limit is passed (the rest is
 * never read). The stream is not closed. */
void    _mcp_read_all_async  (GInputStream        *stream,
                              gsize                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
GBytes *_mcp_read_all_finish (GAsyncResult        *result,
                              GError             **error);

G_END_DECLS
