/* fuzz-common.h: helpers shared by the libFuzzer targets
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A broken invariant is a finding: abort so libFuzzer keeps the input. */
#define FUZZ_CHECK(cond) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        g_printerr ("%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

static inline void
fuzz_init (void)
{
  /* A critical (a failed g_return_if_fail) or a warning on hostile input is
   * a bug too; debug messages stay quiet. */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
}

/* Reads the input front to back. */
typedef struct
{
  const uint8_t *data;
  size_t         size;
} FuzzInput;

static inline guint8
fuzz_take_byte (FuzzInput *in)
{
  guint8 b;

  if (in->size == 0)
    return 0;

  b = in->data[0];
  in->data++;
  in->size--;
  return b;
}

/* Splits the rest of the input at the first NUL: returns the part before
 * it (nul-terminated, to free) and leaves @in after it. Without a NUL the
 * whole rest is taken. */
static inline char *
fuzz_take_until_nul (FuzzInput *in)
{
  const uint8_t *nul = memchr (in->data, '\0', in->size);
  size_t n = nul != NULL ? (size_t) (nul - in->data) : in->size;
  char *part = g_strndup ((const char *) in->data, n);

  in->data += n;
  in->size -= n;
  if (nul != NULL)
    {
      in->data++;
      in->size--;
    }
  return part;
}
