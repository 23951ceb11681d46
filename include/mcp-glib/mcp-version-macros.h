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

#include "mcp-version.h"

#ifndef _MCP_EXTERN
# if defined (MCP_COMPILATION) && defined (__GNUC__)
#  define _MCP_EXTERN __attribute__((visibility ("default"))) extern
# else
#  define _MCP_EXTERN extern
# endif
#endif

/*
 * How the macros below work
 *
 * Each public symbol is marked with the version that added it
 * (MCP_AVAILABLE_IN_x_y) and, once it is replaced, the version that
 * deprecated it (MCP_DEPRECATED_IN_x_y). An application states the oldest
 * release it supports in MCP_VERSION_MIN_REQUIRED and the newest API it
 * may use in MCP_VERSION_MAX_ALLOWED; both default to the headers' own
 * version. It then gets a deprecation warning for what was deprecated in
 * or before MIN_REQUIRED, and an "unavailable" warning for what was added
 * after MAX_ALLOWED.
 *
 * A new release x.y adds MCP_VERSION_x_y and the MCP_AVAILABLE_IN_x_y,
 * MCP_DEPRECATED_IN_x_y and MCP_DEPRECATED_IN_x_y_FOR pair of blocks,
 * the same way as those of 0.1.
 */

/**
 * MCP_VERSION_0_1:
 *
 * A value for %MCP_VERSION_MIN_REQUIRED or %MCP_VERSION_MAX_ALLOWED that
 * names mcp-glib 0.1.
 *
 * Since: 0.1
 */
#define MCP_VERSION_0_1 (G_ENCODE_VERSION (0, 1))

/**
 * MCP_VERSION_CUR_STABLE:
 *
 * The version of the mcp-glib headers in use, encoded as
 * %MCP_VERSION_MIN_REQUIRED and %MCP_VERSION_MAX_ALLOWED expect it.
 *
 * Since: 0.1
 */
#define MCP_VERSION_CUR_STABLE (G_ENCODE_VERSION (MCP_MAJOR_VERSION, MCP_MINOR_VERSION))

/**
 * MCP_VERSION_MIN_REQUIRED:
 *
 * The oldest mcp-glib release the code that includes the headers has to
 * work with. Define it before including `mcp-glib.h`, to one of the
 * `MCP_VERSION_x_y` values, to be warned about every symbol deprecated in
 * that release or before it. It defaults to %MCP_VERSION_CUR_STABLE.
 *
 * Since: 0.1
 */
#ifndef MCP_VERSION_MIN_REQUIRED
# define MCP_VERSION_MIN_REQUIRED (MCP_VERSION_CUR_STABLE)
#endif

/**
 * MCP_VERSION_MAX_ALLOWED:
 *
 * The newest mcp-glib API the code that includes the headers may use.
 * Define it before including `mcp-glib.h`, to one of the `MCP_VERSION_x_y`
 * values, to be warned about every symbol added after that release. It
 * defaults to %MCP_VERSION_CUR_STABLE.
 *
 * Since: 0.1
 */
#ifndef MCP_VERSION_MAX_ALLOWED
# define MCP_VERSION_MAX_ALLOWED (MCP_VERSION_CUR_STABLE)
#endif

#if MCP_VERSION_MAX_ALLOWED < MCP_VERSION_MIN_REQUIRED
# error "MCP_VERSION_MAX_ALLOWED must be at least MCP_VERSION_MIN_REQUIRED"
#endif
#if MCP_VERSION_MIN_REQUIRED < MCP_VERSION_0_1
# error "MCP_VERSION_MIN_REQUIRED must be at least MCP_VERSION_0_1"
#endif

/* Building blocks: a deprecated symbol, with or without a replacement,
 * and a symbol newer than MCP_VERSION_MAX_ALLOWED. */
#define MCP_DEPRECATED G_DEPRECATED _MCP_EXTERN
/**
 * MCP_DEPRECATED_FOR:
 * @f: the symbol to use instead
 *
 * Marks a symbol as deprecated in favour of @f.
 *
 * Since: 0.1
 */
#define MCP_DEPRECATED_FOR(f) G_DEPRECATED_FOR (f) _MCP_EXTERN
/**
 * MCP_UNAVAILABLE:
 * @maj: the major version that introduced the symbol
 * @min: the minor version that introduced the symbol
 *
 * Marks a symbol that is newer than #MCP_VERSION_MAX_ALLOWED, so that
 * using it warns.
 *
 * Since: 0.1
 */
#define MCP_UNAVAILABLE(maj,min) G_UNAVAILABLE (maj, min) _MCP_EXTERN

/* Kept for code written before the per-version macros: a symbol there in
 * every version, never marked unavailable. */
#define MCP_AVAILABLE_IN_ALL _MCP_EXTERN

/* 0.1 */

/**
 * MCP_DEPRECATED_IN_0_1_FOR:
 * @f: the symbol to use instead
 *
 * Marks a symbol as deprecated since 0.1 in favour of @f; compilers warn
 * only when #MCP_VERSION_MIN_REQUIRED is 0.1 or later.
 *
 * Since: 0.1
 */
#if MCP_VERSION_MIN_REQUIRED >= MCP_VERSION_0_1
# define MCP_DEPRECATED_IN_0_1 MCP_DEPRECATED
# define MCP_DEPRECATED_IN_0_1_FOR(f) MCP_DEPRECATED_FOR (f)
#else
# define MCP_DEPRECATED_IN_0_1 _MCP_EXTERN
# define MCP_DEPRECATED_IN_0_1_FOR(f) _MCP_EXTERN
#endif

#if MCP_VERSION_MAX_ALLOWED < MCP_VERSION_0_1
# define MCP_AVAILABLE_IN_0_1 MCP_UNAVAILABLE (0, 1)
#else
# define MCP_AVAILABLE_IN_0_1 _MCP_EXTERN
#endif
