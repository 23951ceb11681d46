/* mcp-version-macros.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <glib.h>

#ifndef _MCP_EXTERN
# if defined (MCP_COMPILATION) && defined (__GNUC__)
#  define _MCP_EXTERN __attribute__((visibility ("default"))) extern
# else
#  define _MCP_EXTERN extern
# endif
#endif

#define MCP_AVAILABLE_IN_ALL _MCP_EXTERN
