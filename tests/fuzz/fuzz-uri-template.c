/* fuzz-uri-template.c: resource templates and URI matching
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input layout: a template, a NUL, a URI, then NUL-separated values. The
 * URI from a `resources/read` request is matched against the template; a
 * match must give one non-empty, valid UTF-8 value for each variable name.
 * Then the template is expanded with the values (percent-encoded) and,
 * where the expansion is unambiguous, the result must match and give back
 * exactly those values.
 */

#include "config.h"

#include "fuzz-common.h"

#include "mcp-resource-template.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_variables (McpResourceTemplate *tmpl,
                 GHashTable          *variables)
{
  g_auto(GStrv) names = mcp_resource_template_dup_variable_names (tmpl);
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_hash_table_add (distinct, names[i]);
      FUZZ_CHECK (g_hash_table_contains (variables, names[i]));
    }
  FUZZ_CHECK (g_hash_table_size (variables) == g_hash_table_size (distinct));

  g_hash_table_iter_init (&iter, variables);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      FUZZ_CHECK (((const char *) value)[0] != '\0');
      FUZZ_CHECK (g_utf8_validate (value, -1, NULL));
    }
}

/* Whether every variable is followed by the end or by a literal holding a
 * '/', '?' or '#' (which no value crosses): then there is one way to split
 * a URI, and the template's step cap cannot be reached. */
static gboolean
is_unambiguous (const char *uri_template)
{
  const char *p = uri_template;

  while ((p = strchr (p, '}')) != NULL)
    {
      p++;
      if (*p == '\0')
        continue;
      if (*p == '{')
        return FALSE;
      if (strcspn (p, "/?#") >= strcspn (p, "{"))
        return FALSE;
    }
  return TRUE;
}

/* Level 1 expansion, every value fully percent-encoded; NULL if the
 * template is not a plain level 1 one. */
static char *
expand (const char  *uri_template,
        GPtrArray   *values,
        GHashTable  *by_name)
{
  GString *out = g_string_new (NULL);
  guint next = 0;

  for (const char *p = uri_template; *p != '\0';)
    {
      const char *close;
      g_autofree char *name = NULL;
      const char *value;

      if (*p != '{')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      close = strchr (p, '}');
      if (close == NULL)
        break;
      name = g_strndup (p + 1, close - p - 1);

      /* The same name takes the same value every time. */
      value = g_hash_table_lookup (by_name, name);
      if (value == NULL)
        {
          value = g_ptr_array_index (values, next++ % values->len);
          g_hash_table_insert (by_name, g_strdup (name), g_strdup (value));
        }

      {
        g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);
        g_string_append (out, escaped);
      }
      p = close + 1;
    }

  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzInput in = { data, size };
  g_autofree char *uri_template = fuzz_take_until_nul (&in);
  g_autofree char *uri = fuzz_take_until_nul (&in);
  g_autoptr(McpResourceTemplate) tmpl = NULL;
  g_autoptr(GHashTable) variables = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) names = NULL;
  gboolean matched;

  if (!g_utf8_validate (uri_template, -1, NULL) || !g_utf8_validate (uri, -1, NULL))
    return 0;

  tmpl = mcp_resource_template_new (uri_template, "fuzz");
  names = mcp_resource_template_dup_variable_names (tmpl);

  matched = mcp_resource_template_match (tmpl, uri, &variables);
  FUZZ_CHECK (matched == (variables != NULL));
  FUZZ_CHECK (mcp_resource_template_match (tmpl, uri, NULL) == matched);
  if (matched)
    check_variables (tmpl, variables);

  /* The round trip, when the template is a level 1 one. */
  if (names[0] == NULL && !mcp_resource_template_match (tmpl, uri_template, NULL))
    return 0;   /* not level 1 */
  while (in.size > 0 && values->len < 64)
    {
      char *value = fuzz_take_until_nul (&in);

      if (value[0] == '\0' || !g_utf8_validate (value, -1, NULL))
        g_free (value);
      else
        g_ptr_array_add (values, value);
    }
  if (values->len == 0)
    g_ptr_array_add (values, g_strdup ("v"));

  {
    g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GHashTable) got = NULL;
    g_autofree char *expanded = expand (uri_template, values, by_name);
    GHashTableIter iter;
    gpointer key, value;

    if (!mcp_resource_template_match (tmpl, expanded, &got))
      {
        /* Only a template beyond level 1, or one the matcher may give up on. */
        FUZZ_CHECK (!is_unambiguous (uri_template));
        return 0;
      }

    check_variables (tmpl, got);
    if (!is_unambiguous (uri_template))
      return 0;

    FUZZ_CHECK (g_hash_table_size (got) == g_hash_table_size (by_name));
    g_hash_table_iter_init (&iter, by_name);
    while (g_hash_table_iter_next (&iter, &key, &value))
      FUZZ_CHECK (g_strcmp0 (g_hash_table_lookup (got, key), value) == 0);
  }

  return 0;
}
