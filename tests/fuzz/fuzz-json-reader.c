/* fuzz-json-reader.c: the JSON reader every transport parses peer input with
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Whatever _mcp_json_parse() accepts must be JSON text as RFC 8259 defines
 * it (checked by the small recognizer below: the reader may refuse more,
 * for its limits, but never accept more), and must survive a round trip:
 * written out with _mcp_json_to_string() it is valid UTF-8 (it may go back
 * on the wire) and parses again to an equal tree.
 */

#include "config.h"

#include "fuzz-common.h"
#include "mcp-json-reader-private.h"
#include "mcp-json-writer-private.h"


/* RFC 8259, nothing more: a recognizer, not a parser. */
typedef struct
{
  const guchar *p;
  const guchar *end;
} Text;

static void
skip_ws (Text *t)
{
  while (t->p < t->end && (*t->p == ' ' || *t->p == '\t' || *t->p == '\n' || *t->p == '\r'))
    t->p++;
}

static gboolean
eat (Text       *t,
     const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (t->end - t->p) < n || memcmp (t->p, word, n) != 0)
    return FALSE;
  t->p += n;
  return TRUE;
}

static gboolean
digits (Text *t)
{
  const guchar *start = t->p;

  while (t->p < t->end && g_ascii_isdigit (*t->p))
    t->p++;
  return t->p > start;
}

static gboolean
strict_number (Text *t)
{
  if (t->p < t->end && *t->p == '-')
    t->p++;
  if (t->p < t->end && *t->p == '0')
    t->p++;
  else if (t->p == t->end || *t->p < '1' || *t->p > '9' || !digits (t))
    return FALSE;
  if (t->p < t->end && *t->p == '.')
    {
      t->p++;
      if (!digits (t))
        return FALSE;
    }
  if (t->p < t->end && (*t->p == 'e' || *t->p == 'E'))
    {
      t->p++;
      if (t->p < t->end && (*t->p == '+' || *t->p == '-'))
        t->p++;
      if (!digits (t))
        return FALSE;
    }
  return TRUE;
}

static gboolean
strict_string (Text *t)
{
  if (!eat (t, "\""))
    return FALSE;

  while (t->p < t->end)
    {
      guchar c = *t->p++;

      if (c == '"')
        return TRUE;
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        continue;
      if (t->p == t->end)
        return FALSE;
      c = *t->p++;
      if (c == 'u')
        {
          for (guint i = 0; i < 4; i++)
            if (t->p == t->end || !g_ascii_isxdigit (*t->p++))
              return FALSE;
        }
      else if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        return FALSE;
    }
  return FALSE;
}

static gboolean
strict_value (Text *t,
              guint depth)
{
  if (depth > 100000 || t->p == t->end)
    return FALSE;

  switch (*t->p)
    {
    case '{':
      t->p++;
      skip_ws (t);
      if (eat (t, "}"))
        return TRUE;
      for (;;)
        {
          skip_ws (t);
          if (!strict_string (t))
            return FALSE;
          skip_ws (t);
          if (!eat (t, ":"))
            return FALSE;
          skip_ws (t);
          if (!strict_value (t, depth + 1))
            return FALSE;
          skip_ws (t);
          if (eat (t, "}"))
            return TRUE;
          if (!eat (t, ","))
            return FALSE;
        }

    case '[':
      t->p++;
      skip_ws (t);
      if (eat (t, "]"))
        return TRUE;
      for (;;)
        {
          skip_ws (t);
          if (!strict_value (t, depth + 1))
            return FALSE;
          skip_ws (t);
          if (eat (t, "]"))
            return TRUE;
          if (!eat (t, ","))
            return FALSE;
        }

    case '"':
      return strict_string (t);

    case 't':
      return eat (t, "true");
    case 'f':
      return eat (t, "false");
    case 'n':
      return eat (t, "null");

    default:
      return strict_number (t);
    }
}

static gboolean
is_strict_json (const uint8_t *data,
                size_t         size)
{
  Text t = { data, data + size };

  if (!g_utf8_validate_len ((const char *) data, size, NULL))
    return FALSE;

  /* A parser MAY ignore a byte order mark (RFC 8259, 8.1). */
  eat (&t, "\xEF\xBB\xBF");
  skip_ws (&t);
  if (!strict_value (&t, 0))
    return FALSE;
  skip_ws (&t);
  return t.p == t.end;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  node = _mcp_json_parse ((const char *) data, size, &error);
  if (node == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  FUZZ_CHECK (error == NULL);

  if (!is_strict_json (data, size))
    {
      g_autofree char *head = g_strndup ((const char *) data, MIN (size, 200));
      g_autofree char *escaped = g_strescape (head, NULL);

      g_printerr ("accepted text that is not JSON: %s\n", escaped);
      abort ();
    }

  text = _mcp_json_to_string (node, &length);
  FUZZ_CHECK (text != NULL);
  FUZZ_CHECK (strlen (text) == length);
  if (!g_utf8_validate (text, length, NULL))
    {
      g_autofree char *escaped = g_strescape (text, NULL);

      g_printerr ("accepted, but writes out invalid UTF-8: %s\n", escaped);
      abort ();
    }

  again = _mcp_json_parse (text, length, &error2);
  if (again == NULL)
    {
      g_printerr ("re-parse failed: %s\ntext: %s\n", error2->message, text);
      abort ();
    }
  if (!json_node_equal (node, again))
    {
      g_printerr ("round trip changed the value\ntext: %s\n", text);
      abort ();
    }

  return 0;
}
