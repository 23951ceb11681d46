/* mcp-line-reader-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads newline-delimited lines from a stream with a cap on line length.
 * The reader belongs to an owner object that it references weakly; it can be
 * freed while a read is pending. */
typedef struct _McpLineReader McpLineReader;

/* @line is not nul-terminated and has no trailing "\n" or "\r\n". */
typedef void (*McpLineFunc)        (const char   *line,
                                    gsize         length,
                                    gpointer      owner);
typedef void (*McpLineTooLongFunc) (gsize         limit,
                                    gpointer      owner);
/* End of input (error is NULL) or a read error; never called on cancel. */
typedef void (*McpLineDoneFunc)    (const GError *error,
                                    gpointer      owner);

McpLineReader *_mcp_line_reader_new          (GInputStream       *stream,
                                              gsize               max_line,
                                              GObject            *owner,
                                              McpLineFunc         line_func,
                                              McpLineTooLongFunc  too_long_func,
                                              McpLineDoneFunc     done_func);
void           _mcp_line_reader_start        (McpLineReader      *self,
                                              GCancellable       *cancellable);
void           _mcp_line_reader_set_max_line (McpLineReader      *self,
                                              gsize               max_line);
/* A paused reader finishes the chunk it has, then reads no more until
 * resumed. */
void           _mcp_line_reader_set_paused   (McpLineReader      *self,
                                              gboolean            paused);
void           _mcp_line_reader_free         (McpLineReader      *self);

G_END_DECLS
