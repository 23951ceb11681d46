/* mcp-json-writer.c: the wire JSON writer
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mcp-json-utf8-private.h"
#include "mcp-json-writer-private.h"

/* 0: copied as is; 1: a control character, '"' or '\\'; 2: a byte >= 0x80. */
static const guint8 escape_class[256] = {
  [0x00 ... 0x1F] = 1,
  ['"'] = 1,
  ['\\'] = 1,
  [0x80 ... 0xFF] = 2,
};

static const char hex_digits[] = "0123456789abcdef";

/* g_string_append_len() is not inline in GLib 2.74; this is, for the
 * common case where the bytes fit. */
static inline void
append (GString    *out,
        const char *bytes,
        gsize       n)
{
  if (G_LIKELY (out->len + n < out->allocated_len))
    {
      memcpy (out->str + out->len, bytes, n);
      out->len += n;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, bytes, n);
}

static void
write_escape (GString *out,
              guchar   c)
{
  char u[6] = { '\\', 'u', '0', '0', 0, 0 };

  switch (c)
    {
    case '"': append (out, "\\\"", 2); return;
    case '\\': append (out, "\\\\", 2); return;
    case '\b': append (out, "\\b", 2); return;
    case '\f': append (out, "\\f", 2); return;
    case '\n': append (out, "\\n", 2); return;
    case '\r': append (out, "\\r", 2); return;
    case '\t': append (out, "\\t", 2); return;
    default:
      u[4] = hex_digits[c >> 4];
      u[5] = hex_digits[c & 0xF];
      append (out, u, 6);
      return;
    }
}

void
_mcp_json_write_string (GString    *out,
                        const char *str)
{
  const guchar *p = (const guchar *) (str != NULL ? str : "");
  const guchar *end = p + strlen ((const char *) p);
  const guchar *run = p;

  g_string_append_c (out, '"');

  for (;;)
    {
      while (p < end && escape_class[*p] == 0)
        p++;
      if (p >= end)
        break;

      if (escape_class[*p] == 1)
        {
          append (out, (const char *) run, p - run);
          write_escape (out, *p);
          run = ++p;
        }
      else
        {
          gsize n = _mcp_utf8_sequence_length (p, end);

          if (n == 0)
            {
              append (out, (const char *) run, p - run);
              append (out, "\\ufffd", 6);
              run = ++p;
            }
          else if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
            {
              /* U+2028 and U+2029 end lines in JavaScript source */
              append (out, (const char *) run, p - run);
              append (out, p[2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
              p += 3;
              run = p;
            }
          else
            p += n;
        }
    }

  append (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
}

static void
write_int (GString *out,
           gint64   value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (value < 0)
    *--p = '-';

  append (out, p, digits + sizeof digits - p);
}

/* Exact powers of ten a double holds. */
static const double exact_powers[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Most doubles in messages have few digits (2.5, 0.37, 1700000000.0).
 * Find the fewest decimals k for which m, the integer nearest to
 * value * 10^k, is below 2^53 and m / 10^k gives value back: m and 10^k are
 * exact doubles, so that one division is correctly rounded, and any
 * correct strtod reads the decimal text of m / 10^k as value. When the
 * shortest text has at most 15 digits this is what %.15g prints, without
 * printf. Only in the range where %g does not use an exponent; anything
 * else takes the printf path. */
static gboolean
write_short_double (GString *out,
                    gdouble  value)
{
  gdouble magnitude = fabs (value);
  char digits[32];
  char *end = digits + sizeof digits;
  char *p = end;
  guint64 m;
  guint k;

  if (!(magnitude >= 1e-4 && magnitude < 1e15))
    {
      if (value != 0.0)
        return FALSE;
      if (signbit (value))
        append (out, "-0.0", 4);
      else
        append (out, "0.0", 3);
      return TRUE;
    }

  for (k = 0; ; k++)
    {
      gdouble scaled, rounded;

      if (k == G_N_ELEMENTS (exact_powers))
        return FALSE;
      scaled = magnitude * exact_powers[k];
      if (scaled >= 9007199254740992.0)         /* 2^53 */
        return FALSE;
      rounded = floor (scaled + 0.5);
      if (rounded / exact_powers[k] == magnitude)
        {
          m = (guint64) rounded;
          break;
        }
    }
  if (k == 0)
    {
      *--p = '0';
      *--p = '.';
    }
  for (guint i = 0; m != 0 || i <= k; i++)
    {
      if (i == k && k > 0)
        *--p = '.';
      *--p = (char) ('0' + m % 10);
      m /= 10;
    }
  if (value < 0)
    *--p = '-';

  append (out, p, end - p);
  return TRUE;
}

static void
write_double (GString *out,
              gdouble  value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      append (out, "null", 4);
      return;
    }

  if (write_short_double (out, value))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (text, sizeof text, formats[i], value);
      if (g_ascii_strtod (text, NULL) == value)
        break;
    }

  g_string_append (out, text);

  /* a double stays a double when read back */
  if (strpbrk (text, ".eE") == NULL)
    append (out, ".0", 2);
}

static void
write_scalar (GString  *out,
              JsonNode *node)
{
  if (JSON_NODE_TYPE (node) == JSON_NODE_NULL)
    {
      append (out, "null", 4);
      return;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      write_int (out, json_node_get_int (node));
      break;

    case G_TYPE_DOUBLE:
      write_double (out, json_node_get_double (node));
      break;

    case G_TYPE_BOOLEAN:
      if (json_node_get_boolean (node))
        append (out, "true", 4);
      else
        append (out, "false", 5);
      break;

    case G_TYPE_STRING:
      _mcp_json_write_string (out, json_node_get_string (node));
      break;

    default:
      append (out, "null", 4);
      break;
    }
}

typedef struct
{
  JsonObject     *object;       /* one of the two is set */
  JsonArray      *array;
  guint           index;
  guint           length;
  JsonObjectIter  iter;
} Frame;

void
_mcp_json_write (GString  *out,
                 JsonNode *node)
{
  Frame small_stack[16];
  Frame *stack = small_stack;
  gsize capacity = G_N_ELEMENTS (small_stack);
  gsize depth = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (node != NULL);

value:
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
    case JSON_NODE_ARRAY:
      {
        Frame *frame;

        if (depth == capacity)
          {
            Frame *bigger = g_new (Frame, capacity * 2);

            memcpy (bigger, stack, depth * sizeof (Frame));
            if (stack != small_stack)
              g_free (stack);
            stack = bigger;
            capacity *= 2;
          }

        frame = &stack[depth];
        if (JSON_NODE_TYPE (node) == JSON_NODE_OBJECT)
          {
            frame->object = json_node_get_object (node);
            frame->array = NULL;
            g_string_append_c (out, '{');
            if (frame->object == NULL)
              {
                g_string_append_c (out, '}');
                break;
              }
            json_object_iter_init_ordered (&frame->iter, frame->object);
          }
        else
          {
            frame->object = NULL;
            frame->array = json_node_get_array (node);
            g_string_append_c (out, '[');
            if (frame->array == NULL)
              {
                g_string_append_c (out, ']');
                break;
              }
            frame->length = json_array_get_length (frame->array);
          }
        frame->index = 0;
        depth++;
      }
      break;

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      write_scalar (out, node);
      break;
    }

  /* The next member or element of the innermost open container. */
  while (depth > 0)
    {
      Frame *frame = &stack[depth - 1];

      if (frame->object != NULL)
        {
          const char *name;

          if (json_object_iter_next_ordered (&frame->iter, &name, &node))
            {
              if (frame->index++ > 0)
                g_string_append_c (out, ',');
              _mcp_json_write_string (out, name);
              g_string_append_c (out, ':');
              goto value;
            }
          g_string_append_c (out, '}');
        }
      else
        {
          if (frame->index < frame->length)
            {
              if (frame->index > 0)
                g_string_append_c (out, ',');
              node = json_array_get_element (frame->array, frame->index++);
              goto value;
            }
          g_string_append_c (out, ']');
        }
      depth--;
    }

  if (stack != small_stack)
    g_free (stack);
}

/* The wire entry point: a whole message as one string. */
char *
_mcp_json_to_string (JsonNode *node,
                     gsize    *length)
{
  GString *out = g_string_sized_new (128);

  _mcp_json_write (out, node);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
