/* test-www-authenticate.c: reading WWW-Authenticate challenges (RFC 9110
 * §11.6.1), as McpOAuthClient does with a server's 401 and 403, from
 * well-formed headers to hostile ones.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-oauth-private.h"

static GPtrArray *
parse (const char *first,
       const char *second)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  if (first != NULL)
    soup_message_headers_append (headers, "WWW-Authenticate", first);
  if (second != NULL)
    soup_message_headers_append (headers, "WWW-Authenticate", second);
  return _mcp_auth_challenges_parse (headers);
}

static const char *
param (GPtrArray  *challenges,
       guint       index,
       const char *name)
{
  McpAuthChallenge *challenge = g_ptr_array_index (challenges, index);

  return g_hash_table_lookup (challenge->params, name);
}

static void
test_bearer (void)
{
  g_autoptr(GPtrArray) challenges =
    parse ("Bearer resource_metadata=\"https://mcp.example/.well-known/oauth-protected-resource/mcp\", "
           "scope=\"files:read files:write\", error=\"insufficient_scope\"", NULL);
  McpAuthChallenge *challenge = _mcp_auth_challenges_find_oauth (challenges);

  g_assert_cmpuint (challenges->len, ==, 1);
  g_assert_nonnull (challenge);
  g_assert_cmpstr (challenge->scheme, ==, "Bearer");
  g_assert_cmpstr (param (challenges, 0, "resource_metadata"), ==,
                   "https://mcp.example/.well-known/oauth-protected-resource/mcp");
  g_assert_cmpstr (param (challenges, 0, "scope"), ==, "files:read files:write");
  g_assert_cmpstr (param (challenges, 0, "error"), ==, "insufficient_scope");
}

static void
test_several (void)
{
  /* Two challenges in one header, a third in another; names fold to
   * lowercase; a token value; escapes in a quoted string. */
  g_autoptr(GPtrArray) challenges =
    parse ("Basic realm=\"gate\", DPoP algs=\"ES256\" ,  ERROR=use_dpop_nonce",
           "Bearer realm=\"say \\\"hi\\\"\"");
  McpAuthChallenge *oauth = _mcp_auth_challenges_find_oauth (challenges);

  g_assert_cmpuint (challenges->len, ==, 3);
  g_assert_cmpstr (((McpAuthChallenge *) challenges->pdata[0])->scheme, ==, "Basic");
  g_assert_cmpstr (param (challenges, 0, "realm"), ==, "gate");
  g_assert_cmpstr (oauth->scheme, ==, "DPoP");
  g_assert_cmpstr (param (challenges, 1, "algs"), ==, "ES256");
  g_assert_cmpstr (param (challenges, 1, "error"), ==, "use_dpop_nonce");
  g_assert_cmpstr (param (challenges, 2, "realm"), ==, "say \"hi\"");
}

static void
test_token68 (void)
{
  g_autoptr(GPtrArray) challenges = parse ("Negotiate YIIBhgYGKwYBBQUCoII==, Bearer", NULL);

  g_assert_cmpuint (challenges->len, ==, 2);
  g_assert_cmpstr (((McpAuthChallenge *) challenges->pdata[0])->scheme, ==, "Negotiate");
  g_assert_cmpstr (((McpAuthChallenge *) challenges->pdata[1])->scheme, ==, "Bearer");
  g_assert_cmpuint (g_hash_table_size (((McpAuthChallenge *) challenges->pdata[1])->params), ==, 0);
}

/* Headers that do not parse add no challenge (and never crash); good
 * headers beside them still count. */
static void
test_hostile (void)
{
  const char *bad[] = {
    "",
    "=",
    "Bearer scope=\"unterminated",
    "Bearer scope=",
    "Bearer scope=\"a\" junk \"b\"",
    "\"quoted\" scheme",
  };
  GString *huge = g_string_new ("Bearer scope=\"");
  GString *many = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) challenges = parse (bad[i], "Bearer error=\"invalid_token\"");
      McpAuthChallenge *oauth = _mcp_auth_challenges_find_oauth (challenges);

      g_assert_nonnull (oauth);
      g_assert_cmpstr (g_hash_table_lookup (oauth->params, "error"), ==, "invalid_token");
    }

  /* Stray commas are list separators: a Bearer challenge without params. */
  {
    g_autoptr(GPtrArray) challenges = parse ("Bearer ,,,, ,", NULL);

    g_assert_cmpuint (challenges->len, ==, 1);
    g_assert_cmpuint (g_hash_table_size (((McpAuthChallenge *) challenges->pdata[0])->params), ==, 0);
  }

  /* A value over 4 KiB, and more than 16 challenges. */
  for (guint i = 0; i < 8192; i++)
    g_string_append_c (huge, 'x');
  g_string_append_c (huge, '"');
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (many, "%sScheme%u a=b", i > 0 ? ", " : "", i);

  {
    g_autoptr(GPtrArray) challenges = parse (huge->str, NULL);

    g_assert_cmpuint (challenges->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) challenges = parse (many->str, NULL);

    g_assert_cmpuint (challenges->len, ==, 0);
  }

  g_string_free (huge, TRUE);
  g_string_free (many, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/WwwAuthenticate/bearer", test_bearer);
  g_test_add_func ("/Mcp/WwwAuthenticate/several", test_several);
  g_test_add_func ("/Mcp/WwwAuthenticate/token68", test_token68);
  g_test_add_func ("/Mcp/WwwAuthenticate/hostile", test_hostile);

  return g_test_run ();
}
