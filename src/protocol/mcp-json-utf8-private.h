/* mcp-json-utf8-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The length of the well-formed UTF-8 sequence that starts at @p (whose
 * first byte is >= 0x80), or 0 if there is none: a stray continuation byte,
 * an overlong form, a surrogate (U+D800-U+DFFF) or a code point above
 * U+10FFFF (RFC 3629, table 3-7 of the Unicode standard). Reads no further
 * than @end. Shared by the wire reader and writer so both draw the same line. */
static inline gsize
_mcp_utf8_sequence_length (const guchar *p,
                           const guchar *end)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xBF;
  gsize n;

  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    {
      n = 3;
      if (c == 0xE0)
        lo = 0xA0;              /* overlong below U+0800 */
      else if (c == 0xED)
        hi = 0x9F;              /* surrogates */
    }
  else if (c >= 0xF0 && c <= 0xF4)
    {
      n = 4;
      if (c == 0xF0)
        lo = 0x90;              /* overlong below U+10000 */
      else if (c == 0xF4)
        hi = 0x8F;              /* above U+10FFFF */
    }
  else
    return 0;

  if ((gsize) (end - p) < n)
    return 0;
  if (p[1] < lo || p[1] > hi)
    return 0;
  for (gsize i = 2; i < n; i++)
    {
      if (p[i] < 0x80 || p[i] > 0xBF)
        return 0;
    }

  return n;
}

G_END_DECLS
