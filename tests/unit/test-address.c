/* test-address.c: what an address or a host name is, decided on the parsed
 * address (src/protocol/mcp-address.c)
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-address-private.h"
#include "mcp-test-util.h"

static McpAddressKind
kind_of (const char *text)
{
  g_autoptr(GInetAddress) address = _mcp_address_parse_host (text);

  g_assert_nonnull (address);
  return _mcp_address_classify (address);
}

static void
test_classify (void)
{
  static const struct {
    const char *address;
    McpAddressKind kind;
  } cases[] = {
    { "8.8.8.8", MCP_ADDRESS_PUBLIC },
    { "2001:4860:4860::8888", MCP_ADDRESS_PUBLIC },
    { "127.0.0.1", MCP_ADDRESS_LOOPBACK },
    { "127.255.0.9", MCP_ADDRESS_LOOPBACK },
    { "::1", MCP_ADDRESS_LOOPBACK },
    { "[::1]", MCP_ADDRESS_LOOPBACK },
    { "::ffff:127.0.0.1", MCP_ADDRESS_LOOPBACK },
    { "169.254.1.2", MCP_ADDRESS_LINK_LOCAL },
    { "169.254.169.254", MCP_ADDRESS_LINK_LOCAL | MCP_ADDRESS_METADATA },
    { "::ffff:169.254.169.254", MCP_ADDRESS_LINK_LOCAL | MCP_ADDRESS_METADATA },
    { "64:ff9b::a9fe:a9fe", MCP_ADDRESS_LINK_LOCAL | MCP_ADDRESS_METADATA },
    { "169.254.170.2", MCP_ADDRESS_LINK_LOCAL | MCP_ADDRESS_METADATA },
    { "fe80::1", MCP_ADDRESS_LINK_LOCAL },
    { "[fe80::1%25eth0]", MCP_ADDRESS_LINK_LOCAL },
    { "fd00:ec2::254", MCP_ADDRESS_PRIVATE | MCP_ADDRESS_METADATA },
    { "fd12:3456::1", MCP_ADDRESS_PRIVATE },
    { "100.100.100.200", MCP_ADDRESS_SHARED | MCP_ADDRESS_METADATA },
    { "100.64.0.1", MCP_ADDRESS_SHARED },
    { "100.127.255.255", MCP_ADDRESS_SHARED },
    { "100.128.0.1", MCP_ADDRESS_PUBLIC },
    { "10.1.2.3", MCP_ADDRESS_PRIVATE },
    { "172.16.0.1", MCP_ADDRESS_PRIVATE },
    { "172.31.255.255", MCP_ADDRESS_PRIVATE },
    { "172.32.0.1", MCP_ADDRESS_PUBLIC },
    { "192.168.1.1", MCP_ADDRESS_PRIVATE },
    { "0.0.0.0", MCP_ADDRESS_UNSPECIFIED },
    { "::", MCP_ADDRESS_UNSPECIFIED },
    { "224.0.0.1", MCP_ADDRESS_MULTICAST },
    { "ff02::1", MCP_ADDRESS_MULTICAST },
    { "255.255.255.255", MCP_ADDRESS_MULTICAST },
    { "240.0.0.1", MCP_ADDRESS_RESERVED },
    { "192.0.0.192", MCP_ADDRESS_RESERVED | MCP_ADDRESS_METADATA },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].address);
      g_assert_cmphex (kind_of (cases[i].address), ==, cases[i].kind);
    }
}

static void
test_names_are_not_literals (void)
{
  /* Only the canonical dotted quad is a literal; anything else is a name
   * that the resolver must answer (and the answer is then classified). */
  static const char * const names[] = {
    "127.0.0.1.evil.example", "localhost.evil.example", "169.254.169.254.nip.io",
    "0x7f.0.0.1", "2130706433", "127.1", "example.com", "", "[", "[]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GInetAddress) address = _mcp_address_parse_host (names[i]);

      g_test_message ("%s", names[i]);
      g_assert_null (address);
    }
  g_assert_null (_mcp_address_parse_host (NULL));
}

static void
test_host_is_loopback (void)
{
  static const char * const loopback[] = {
    "localhost", "LOCALHOST", "localhost.", "app.localhost", "127.0.0.1", "127.0.0.2",
    "[::1]", "::1", "::ffff:127.0.0.1",
  };
  static const char * const not_loopback[] = {
    "127.0.0.1.evil.example", "localhost.evil.example", "evil-localhost", "localhostx",
    "0.0.0.0", "10.0.0.1", "example.com", "[::2]", "", "127.0.0.1:8080",
  };

  for (guint i = 0; i < G_N_ELEMENTS (loopback); i++)
    {
      g_test_message ("%s", loopback[i]);
      g_assert_true (_mcp_host_is_loopback (loopback[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_loopback); i++)
    {
      g_test_message ("%s", not_loopback[i]);
      g_assert_false (_mcp_host_is_loopback (not_loopback[i]));
    }
  g_assert_false (_mcp_host_is_loopback (NULL));
}

static void
test_metadata_names (void)
{
  g_assert_true (_mcp_host_is_metadata_name ("metadata.google.internal"));
  g_assert_true (_mcp_host_is_metadata_name ("metadata.google.internal."));
  g_assert_true (_mcp_host_is_metadata_name ("METADATA.Google.Internal"));
  g_assert_true (_mcp_host_is_metadata_name ("metadata"));
  g_assert_false (_mcp_host_is_metadata_name ("metadata.example.com"));
  g_assert_false (_mcp_host_is_metadata_name ("example.com"));
}

static void
test_normalize (void)
{
  g_autofree char *a = _mcp_host_normalize ("Example.COM.");
  g_autofree char *b = _mcp_host_normalize ("[FE80::1%25eth0]");
  g_autofree char *c = _mcp_host_normalize ("[::1");

  g_assert_cmpstr (a, ==, "example.com");
  g_assert_cmpstr (b, ==, "fe80::1%eth0");
  g_assert_null (c);
  g_assert_null (_mcp_host_normalize ("."));
}

static void
test_socket_address (void)
{
  g_autoptr(GSocketAddress) loopback = g_inet_socket_address_new_from_string ("127.0.0.2", 80);
  g_autoptr(GSocketAddress) other = g_inet_socket_address_new_from_string ("192.0.2.1", 80);
  g_autoptr(GSocketAddress) mapped = g_inet_socket_address_new_from_string ("::ffff:127.0.0.1", 80);

  g_assert_true (_mcp_socket_address_is_loopback (loopback));
  g_assert_true (_mcp_socket_address_is_loopback (mapped));
  g_assert_false (_mcp_socket_address_is_loopback (other));
  g_assert_false (_mcp_socket_address_is_loopback (NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Address/classify", test_classify);
  g_test_add_func ("/Mcp/Address/names-are-not-literals", test_names_are_not_literals);
  g_test_add_func ("/Mcp/Address/host-is-loopback", test_host_is_loopback);
  g_test_add_func ("/Mcp/Address/metadata-names", test_metadata_names);
  g_test_add_func ("/Mcp/Address/normalize", test_normalize);
  g_test_add_func ("/Mcp/Address/socket-address", test_socket_address);

  return g_test_run ();
}
