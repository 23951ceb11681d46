/* mcp-json-reader.c: the strict wire JSON reader
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One pass over the text, no recursion: open arrays and objects live on an
 * explicit stack that never grows past the depth limit. A container is
 * attached to its parent as soon as it opens, so the root owns everything
 * built so far and an error only has to drop the root.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mcp-error.h"
#include "mcp-json-reader-private.h"
#include "mcp-json-utf8-private.h"
#include "mcp-message.h"
#include "mcp-protocol.h"

/* Byte classes inside a string: what the scanning loop must stop at. */
enum
{
  PLAIN = 0,
  QUOTE,
  BACKSLASH,
  CONTROL,
  HIGH,
};

static const guint8 string_class[256] = {
  [0x00 ... 0x1F] = CONTROL,
  ['"'] = QUOTE,
  ['\\'] = BACKSLASH,
  [0x80 ... 0xFF] = HIGH,
};

static const guint8 is_space[256] = {
  [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
};

/* Exact powers of ten a double holds (10^22 is the last). */
static const double exact_powers[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

typedef struct
{
  JsonObject *object;           /* one of the two is set */
  JsonArray  *array;
} Frame;

/* A scratch buffer that starts on the stack and moves to the heap only
 * for long strings; kept nul-terminated. */
typedef struct
{
  char  *str;
  gsize  len;
  gsize  capacity;              /* bytes available, the nul included */
  char   storage[256];
} Buffer;

typedef struct
{
  const guchar *start;
  const guchar *p;
  const guchar *end;
  const guchar *name_at;        /* where the current member name starts */
  guint         max_depth;      /* for the error message */
  Buffer        name;           /* the member name being filled in */
  Buffer        text;           /* a string value, or a number's text */
  GError      **error;
} Reader;

static void
buffer_init (Buffer *b)
{
  b->str = b->storage;
  b->len = 0;
  b->capacity = sizeof b->storage;
  b->storage[0] = '\0';
}

static void
buffer_clear (Buffer *b)
{
  if (b->str != b->storage)
    g_free (b->str);
}

static G_GNUC_NO_INLINE void
buffer_grow (Buffer *b,
             gsize   extra)
{
  gsize wanted = b->len + extra + 1;
  gsize capacity = b->capacity;

  if (wanted < b->len)
    g_error ("%s: overflow", G_STRFUNC);

  while (capacity < wanted)
    capacity = capacity * 2 > capacity ? capacity * 2 : wanted;

  if (b->str == b->storage)
    {
      b->str = g_malloc (capacity);
      memcpy (b->str, b->storage, b->len + 1);
    }
  else
    b->str = g_realloc (b->str, capacity);
  b->capacity = capacity;
}

static inline void
buffer_append (Buffer     *b,
               const void *bytes,
               gsize       n)
{
  if (G_UNLIKELY (b->capacity - b->len <= n))
    buffer_grow (b, n);
  memcpy (b->str + b->len, bytes, n);
  b->len += n;
  b->str[b->len] = '\0';
}

static inline void
buffer_append_c (Buffer *b,
                 char    c)
{
  if (G_UNLIKELY (b->capacity - b->len <= 1))
    buffer_grow (b, 1);
  b->str[b->len++] = c;
  b->str[b->len] = '\0';
}

static inline void
buffer_reset (Buffer *b)
{
  b->len = 0;
  b->str[0] = '\0';
}

#define IS_DIGIT(c) ((guint) ((c) - '0') < 10)

static gboolean G_GNUC_PRINTF (3, 4)
fail (Reader       *r,
      const guchar *at,
      const char   *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (r->error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
               "Parse error at byte %" G_GSIZE_FORMAT ": %s",
               (gsize) (at - r->start), what);
  return FALSE;
}

static inline void
skip_space (Reader *r)
{
  while (r->p < r->end && is_space[*r->p])
    r->p++;
}

static inline int
hex_value (guchar c)
{
  if (IS_DIGIT (c))
    return c - '0';
  c |= 0x20;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Four hex digits at @p (already known to be in bounds), or -1. */
static inline gint
read_hex4 (const guchar *p)
{
  int a = hex_value (p[0]), b = hex_value (p[1]), c = hex_value (p[2]), d = hex_value (p[3]);

  if ((a | b | c | d) < 0)
    return -1;
  return (a << 12) | (b << 8) | (c << 4) | d;
}

static inline void
append_utf8 (Buffer   *out,
             gunichar  c)
{
  char bytes[4];
  gsize n;

  if (c < 0x80)
    {
      buffer_append_c (out, (char) c);
      return;
    }
  if (c < 0x800)
    {
      bytes[0] = 0xC0 | (c >> 6);
      bytes[1] = 0x80 | (c & 0x3F);
      n = 2;
    }
  else if (c < 0x10000)
    {
      bytes[0] = 0xE0 | (c >> 12);
      bytes[1] = 0x80 | ((c >> 6) & 0x3F);
      bytes[2] = 0x80 | (c & 0x3F);
      n = 3;
    }
  else
    {
      bytes[0] = 0xF0 | (c >> 18);
      bytes[1] = 0x80 | ((c >> 12) & 0x3F);
      bytes[2] = 0x80 | ((c >> 6) & 0x3F);
      bytes[3] = 0x80 | (c & 0x3F);
      n = 4;
    }
  buffer_append (out, bytes, n);
}

/* One escape; r->p is on the backslash. */
static gboolean
read_escape (Reader *r,
             Buffer *out)
{
  const guchar *at = r->p;
  gint unit;
  gunichar c;

  if (r->end - r->p < 2)
    return fail (r, at, "unterminated string");

  switch (r->p[1])
    {
    case '"': buffer_append_c (out, '"'); break;
    case '\\': buffer_append_c (out, '\\'); break;
    case '/': buffer_append_c (out, '/'); break;
    case 'b': buffer_append_c (out, '\b'); break;
    case 'f': buffer_append_c (out, '\f'); break;
    case 'n': buffer_append_c (out, '\n'); break;
    case 'r': buffer_append_c (out, '\r'); break;
    case 't': buffer_append_c (out, '\t'); break;
    case 'u':
      if (r->end - r->p < 6 || (unit = read_hex4 (r->p + 2)) < 0)
        return fail (r, at, "a \\u escape needs four hex digits");
      r->p += 6;
      if (unit >= 0xDC00 && unit <= 0xDFFF)
        return fail (r, at, "a \\u escape is a lone low surrogate");
      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          gint low;

          if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
              (low = read_hex4 (r->p + 2)) < 0xDC00 || low > 0xDFFF)
            return fail (r, at, "a \\u escape is a high surrogate without a low one");
          r->p += 6;
          c = 0x10000 + (((gunichar) unit - 0xD800) << 10) + ((gunichar) low - 0xDC00);
        }
      else if (unit == 0)
        return fail (r, at, "\\u0000 is not accepted in strings");
      else
        c = (gunichar) unit;
      append_utf8 (out, c);
      return TRUE;
    default:
      return fail (r, at, "unknown escape");
    }

  r->p += 2;
  return TRUE;
}

/* A string into @out (reset first, nul-terminated); r->p is on the
 * opening quote and ends after the closing one. */
static gboolean
read_string (Reader *r,
             Buffer *out)
{
  const guchar *p = r->p + 1;
  const guchar *end = r->end;
  const guchar *run = p;

  buffer_reset (out);

  for (;;)
    {
      while (p < end && string_class[*p] == PLAIN)
        p++;

      if (G_UNLIKELY (p >= end))
        return fail (r, r->p, "unterminated string");

      switch (string_class[*p])
        {
        case QUOTE:
          buffer_append (out, run, p - run);
          r->p = p + 1;
          return TRUE;

        case BACKSLASH:
          buffer_append (out, run, p - run);
          r->p = p;
          if (!read_escape (r, out))
            return FALSE;
          p = run = r->p;
          break;

        case HIGH:
          {
            gsize n = _mcp_utf8_sequence_length (p, end);

            if (n == 0)
              return fail (r, p, "invalid UTF-8");
            p += n;
          }
          break;

        case CONTROL:
        default:
          return fail (r, p, "unescaped control character U+%04X in a string", *p);
        }
    }
}

/* A number; r->p is on its first byte. */
static JsonNode *
read_number (Reader *r)
{
  const guchar *start = r->p;
  const guchar *p = start;
  const guchar *end = r->end;
  gboolean negative = FALSE;
  gboolean integer = TRUE;
  guint64 mantissa = 0;
  guint significant = 0;        /* digits in @mantissa, leading zeros left out */
  gint exponent = 0;            /* value = mantissa * 10^exponent, if exact */
  gboolean exact = TRUE;
  double value;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  if (p >= end || !IS_DIGIT (*p))
    {
      fail (r, p, "expected a digit");
      return NULL;
    }

  if (*p == '0')
    {
      p++;
      if (p < end && IS_DIGIT (*p))
        {
          fail (r, p, "a number has a leading zero");
          return NULL;
        }
    }
  else
    {
      while (p < end && IS_DIGIT (*p))
        {
          if (significant < 19)
            mantissa = mantissa * 10 + (*p - '0');
          else
            exact = FALSE;      /* strtod reads it */
          significant++;
          p++;
        }
    }

  if (p < end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p >= end || !IS_DIGIT (*p))
        {
          fail (r, p, "expected a digit after the decimal point");
          return NULL;
        }
      while (p < end && IS_DIGIT (*p))
        {
          if (significant < 19 && exponent > -400)
            {
              mantissa = mantissa * 10 + (*p - '0');
              exponent--;
              if (mantissa != 0)
                significant++;
            }
          else
            exact = FALSE;
          p++;
        }
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exponent_negative = FALSE;
      gint e = 0;

      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        {
          exponent_negative = *p == '-';
          p++;
        }
      if (p >= end || !IS_DIGIT (*p))
        {
          fail (r, p, "expected a digit in the exponent");
          return NULL;
        }
      while (p < end && IS_DIGIT (*p))
        {
          if (e < 100000)
            e = e * 10 + (*p - '0');
          p++;
        }
      exponent += exponent_negative ? -e : e;
    }

  r->p = p;

  if (integer && significant <= 19)
    {
      if (!negative && mantissa <= (guint64) G_MAXINT64)
        return json_node_init_int (json_node_alloc (), (gint64) mantissa);
      if (negative && mantissa <= (guint64) G_MAXINT64 + 1)
        return json_node_init_int (json_node_alloc (), (gint64) (0 - mantissa));
    }

  /* Clinger's fast path: both operands are exact doubles, so one IEEE
   * multiplication or division rounds correctly. */
  if (exact && mantissa <= (G_GUINT64_CONSTANT (1) << 53) &&
      exponent >= -22 && exponent <= 22)
    {
      value = (double) mantissa;
      if (exponent < 0)
        value /= exact_powers[-exponent];
      else
        value *= exact_powers[exponent];
    }
  else
    {
      /* the text needs a terminating nul for strtod */
      buffer_reset (&r->text);
      buffer_append (&r->text, start, p - start);
      value = g_ascii_strtod (r->text.str, NULL);
      negative = FALSE;         /* strtod read the sign */
    }

  if (negative)
    value = -value;

  if (!isfinite (value))
    {
      fail (r, start, "a number is too large for a double");
      return NULL;
    }

  return json_node_init_double (json_node_alloc (), value);
}

static gboolean
read_literal (Reader     *r,
              const char *word,
              gsize       length)
{
  if ((gsize) (r->end - r->p) < length || memcmp (r->p, word, length) != 0)
    return fail (r, r->p, "expected a value");
  r->p += length;
  return TRUE;
}

/* One value at r->p (no space before it), built as a tree; r->p ends
 * right after it. Containers nest at most @max_depth levels, counting the
 * value itself. */
static JsonNode *
read_value (Reader *r,
            guint   max_depth)
{
  Frame small_stack[32];
  Frame *stack = small_stack;
  guint capacity = G_N_ELEMENTS (small_stack);
  guint depth = 0;
  JsonNode *root = NULL;
  JsonNode *node;
  char opened;

value:
  if (G_UNLIKELY (r->p >= r->end))
    {
      fail (r, r->p, "expected a value");
      goto failed;
    }

  opened = 0;
  switch (*r->p)
    {
    case '{':
    case '[':
      if (depth >= max_depth)
        {
          fail (r, r->p, "nesting deeper than %u levels", r->max_depth);
          goto failed;
        }
      if (depth == capacity)
        {
          guint grown = MIN (capacity * 2, max_depth);
          Frame *bigger = g_new (Frame, grown);

          memcpy (bigger, stack, depth * sizeof (Frame));
          if (stack != small_stack)
            g_free (stack);
          stack = bigger;
          capacity = grown;
        }

      opened = (char) *r->p++;
      node = json_node_alloc ();
      if (opened == '{')
        {
          JsonObject *object = json_object_new ();

          json_node_init_object (node, object);
          json_object_unref (object);
          stack[depth] = (Frame) { object, NULL };
        }
      else
        {
          JsonArray *array = json_array_new ();

          json_node_init_array (node, array);
          json_array_unref (array);
          stack[depth] = (Frame) { NULL, array };
        }
      break;

    case '"':
      if (!read_string (r, &r->text))
        goto failed;
      node = json_node_init_string (json_node_alloc (), r->text.str);
      break;

    case 't':
      if (!read_literal (r, "true", 4))
        goto failed;
      node = json_node_init_boolean (json_node_alloc (), TRUE);
      break;

    case 'f':
      if (!read_literal (r, "false", 5))
        goto failed;
      node = json_node_init_boolean (json_node_alloc (), FALSE);
      break;

    case 'n':
      if (!read_literal (r, "null", 4))
        goto failed;
      node = json_node_init_null (json_node_alloc ());
      break;

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      node = read_number (r);
      if (node == NULL)
        goto failed;
      break;

    default:
      if (r->p == r->start && r->end - r->p >= 3 && memcmp (r->p, "\xEF\xBB\xBF", 3) == 0)
        fail (r, r->p, "a byte order mark is not accepted");
      else
        fail (r, r->p, "expected a value");
      goto failed;
    }

  /* Attach the value to its parent (or make it the root) at once: from
   * here on, dropping the root frees it. */
  if (depth == 0)
    root = node;
  else if (stack[depth - 1].object != NULL)
    {
      JsonObject *object = stack[depth - 1].object;
      guint size = json_object_get_size (object);

      /* set_member replaces a member of the same name: the size tells */
      json_object_set_member (object, r->name.str, node);
      if (G_UNLIKELY (json_object_get_size (object) == size))
        {
          fail (r, r->name_at, "an object names the same member twice");
          goto failed;
        }
    }
  else
    json_array_add_element (stack[depth - 1].array, node);

  if (opened != 0)
    {
      depth++;
      skip_space (r);
      if (opened == '{')
        {
          if (r->p < r->end && *r->p == '}')
            {
              r->p++;
              depth--;
              goto next;
            }
          goto member;
        }
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          depth--;
          goto next;
        }
      goto value;
    }

next:
  /* After a value: the end of this one, a separator or a closing bracket. */
  if (depth == 0)
    goto out;

  skip_space (r);
  if (G_UNLIKELY (r->p >= r->end))
    {
      fail (r, r->p, "unexpected end of the message");
      goto failed;
    }

  if (stack[depth - 1].object != NULL)
    {
      if (*r->p == ',')
        {
          r->p++;
          skip_space (r);
          goto member;
        }
      if (*r->p == '}')
        {
          r->p++;
          depth--;
          goto next;
        }
      fail (r, r->p, "expected ',' or '}' after an object member");
      goto failed;
    }
  else
    {
      if (*r->p == ',')
        {
          r->p++;
          skip_space (r);
          goto value;
        }
      if (*r->p == ']')
        {
          r->p++;
          depth--;
          goto next;
        }
      fail (r, r->p, "expected ',' or ']' after an array element");
      goto failed;
    }

member:
  if (r->p >= r->end || *r->p != '"')
    {
      fail (r, r->p, "expected a member name");
      goto failed;
    }
  r->name_at = r->p;
  if (!read_string (r, &r->name))
    goto failed;
  skip_space (r);
  if (r->p >= r->end || *r->p != ':')
    {
      fail (r, r->p, "expected ':' after a member name");
      goto failed;
    }
  r->p++;
  skip_space (r);
  goto value;

failed:
  g_clear_pointer (&root, json_node_unref);

out:
  if (stack != small_stack)
    g_free (stack);
  return root;
}

static void
reader_init (Reader       *r,
             const char   *data,
             gsize         length,
             guint         max_depth,
             GError      **error)
{
  r->start = r->p = (const guchar *) data;
  r->end = r->start + length;
  r->name_at = r->start;
  r->max_depth = max_depth;
  r->error = error;
  buffer_init (&r->name);
  buffer_init (&r->text);
}

static void
reader_clear (Reader *r)
{
  buffer_clear (&r->name);
  buffer_clear (&r->text);
}

JsonNode *
_mcp_json_read (const char  *data,
                gsize        length,
                guint        max_depth,
                gsize        max_size,
                GError     **error)
{
  JsonNode *root;
  Reader reader;
  Reader *r = &reader;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > max_size)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                   "Parse error: the message is %" G_GSIZE_FORMAT " bytes, more than the "
                   "limit of %" G_GSIZE_FORMAT, length, max_size);
      return NULL;
    }

  reader_init (r, data, length, max_depth, error);
  skip_space (r);
  root = read_value (r, max_depth);
  if (root != NULL)
    {
      skip_space (r);
      if (r->p != r->end)
        {
          fail (r, r->p, "unexpected data after the value");
          g_clear_pointer (&root, json_node_unref);
        }
    }
  reader_clear (r);
  return root;
}

/* Every message a transport receives goes through here. The transports
 * cap a message's size themselves (each with a property), so only depth is
 * limited on this path. */
JsonNode *
_mcp_json_parse (const char  *data,
                 gsize        length,
                 GError     **error)
{
  return _mcp_json_read (data, length, MCP_MESSAGE_MAX_DEPTH, G_MAXSIZE, error);
}

/* The members a JSON-RPC envelope may have, one bit each. */
enum
{
  MEMBER_JSONRPC = 1 << 0,
  MEMBER_ID = 1 << 1,
  MEMBER_METHOD = 1 << 2,
  MEMBER_PARAMS = 1 << 3,
  MEMBER_RESULT = 1 << 4,
  MEMBER_ERROR = 1 << 5,
};

static guint
envelope_member (const Buffer *name)
{
  switch (name->len)
    {
    case 2:
      return memcmp (name->str, "id", 2) == 0 ? MEMBER_ID : 0;
    case 5:
      return memcmp (name->str, "error", 5) == 0 ? MEMBER_ERROR : 0;
    case 6:
      if (memcmp (name->str, "method", 6) == 0)
        return MEMBER_METHOD;
      if (memcmp (name->str, "params", 6) == 0)
        return MEMBER_PARAMS;
      return memcmp (name->str, "result", 6) == 0 ? MEMBER_RESULT : 0;
    case 7:
      return memcmp (name->str, "jsonrpc", 7) == 0 ? MEMBER_JSONRPC : 0;
    default:
      return 0;
    }
}

void
_mcp_json_envelope_clear (McpJsonEnvelope *envelope)
{
  g_clear_pointer (&envelope->id, json_node_unref);
  g_clear_pointer (&envelope->params, json_node_unref);
  g_clear_pointer (&envelope->result, json_node_unref);
  g_clear_pointer (&envelope->error, json_node_unref);
  g_clear_pointer (&envelope->method_heap, g_free);
  envelope->method = NULL;
  envelope->jsonrpc = NULL;
  envelope->has_method = FALSE;
}

gboolean
_mcp_json_read_envelope (const char      *data,
                         gsize            length,
                         McpJsonEnvelope *envelope)
{
  Reader reader;
  Reader *r = &reader;
  guint seen = 0;

  memset (envelope, 0, sizeof *envelope);
  reader_init (r, data, length, MCP_MESSAGE_MAX_DEPTH, NULL);

  skip_space (r);
  if (r->p >= r->end || *r->p != '{')
    goto fallback;
  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      goto closed;
    }

  for (;;)
    {
      JsonNode **slot = NULL;
      guint member;

      if (r->p >= r->end || *r->p != '"' || !read_string (r, &r->name))
        goto fallback;
      member = envelope_member (&r->name);
      /* Anything else, and a member named twice, takes the full reader,
       * which keeps the other members or says what is wrong. */
      if (member == 0 || (seen & member) != 0)
        goto fallback;
      seen |= member;

      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        goto fallback;
      r->p++;
      skip_space (r);
      if (r->p >= r->end)
        goto fallback;

      switch (member)
        {
        case MEMBER_ID: slot = &envelope->id; break;
        case MEMBER_PARAMS: slot = &envelope->params; break;
        case MEMBER_RESULT: slot = &envelope->result; break;
        case MEMBER_ERROR: slot = &envelope->error; break;
        default: break;
        }

      if (slot != NULL)
        {
          /* the envelope is the first level */
          *slot = read_value (r, MCP_MESSAGE_MAX_DEPTH - 1);
          if (*slot == NULL)
            goto fallback;
        }
      else if (*r->p == '"')
        {
          if (!read_string (r, &r->text))
            goto fallback;
          if (member == MEMBER_JSONRPC)
            envelope->jsonrpc = strcmp (r->text.str, MCP_JSONRPC_VERSION) == 0 ? MCP_JSONRPC_VERSION : "";
          else
            {
              envelope->has_method = TRUE;
              if (r->text.len < sizeof envelope->method_storage)
                {
                  memcpy (envelope->method_storage, r->text.str, r->text.len + 1);
                  envelope->method = envelope->method_storage;
                }
              else
                envelope->method = envelope->method_heap = g_strndup (r->text.str, r->text.len);
            }
        }
      else
        {
          /* jsonrpc or method that is not a string: read and dropped */
          JsonNode *node = read_value (r, MCP_MESSAGE_MAX_DEPTH - 1);

          if (node == NULL)
            goto fallback;
          json_node_unref (node);
          if (member == MEMBER_METHOD)
            envelope->has_method = TRUE;
        }

      skip_space (r);
      if (r->p >= r->end)
        goto fallback;
      if (*r->p == '}')
        {
          r->p++;
          break;
        }
      if (*r->p != ',')
        goto fallback;
      r->p++;
      skip_space (r);
    }

closed:
  skip_space (r);
  if (r->p != r->end)
    goto fallback;
  reader_clear (r);
  return TRUE;

fallback:
  reader_clear (r);
  _mcp_json_envelope_clear (envelope);
  return FALSE;
}
