/* mcp-address.c: classification of IP addresses and host names
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Every decision about "is this loopback / link-local / a metadata
 * service" in the library is made here, on the parsed address. Text checks
 * such as "starts with 127." let `127.0.0.1.evil.example` through. */

#include "config.h"

#include <string.h>

#include "mcp-address-private.h"

static McpAddressKind
classify_ipv4 (const guint8 *b)
{
  McpAddressKind kind = MCP_ADDRESS_PUBLIC;

  if (b[0] == 127)
    kind |= MCP_ADDRESS_LOOPBACK;
  if (b[0] == 0)
    kind |= MCP_ADDRESS_UNSPECIFIED;
  if (b[0] == 169 && b[1] == 254)
    kind |= MCP_ADDRESS_LINK_LOCAL;
  if (b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168))
    kind |= MCP_ADDRESS_PRIVATE;
  if (b[0] == 100 && (b[1] & 0xc0) == 64)
    kind |= MCP_ADDRESS_SHARED;
  if ((b[0] & 0xf0) == 224 || (b[0] == 255 && b[1] == 255 && b[2] == 255 && b[3] == 255))
    kind |= MCP_ADDRESS_MULTICAST;
  else if ((b[0] & 0xf0) == 240)
    kind |= MCP_ADDRESS_RESERVED;
  /* 192.0.0.0/24: IETF protocol assignments, including NAT64 discovery. */
  if (b[0] == 192 && b[1] == 0 && b[2] == 0)
    kind |= MCP_ADDRESS_RESERVED;

  /* AWS, GCP, Azure, OpenStack and DigitalOcean (169.254.169.254), the
   * AWS ECS task endpoint (169.254.170.2), Alibaba Cloud (100.100.100.200)
   * and Oracle Cloud (192.0.0.192). */
  if ((b[0] == 169 && b[1] == 254 && b[2] == 169 && b[3] == 254) ||
      (b[0] == 169 && b[1] == 254 && b[2] == 170 && b[3] == 2) ||
      (b[0] == 100 && b[1] == 100 && b[2] == 100 && b[3] == 200) ||
      (b[0] == 192 && b[1] == 0 && b[2] == 0 && b[3] == 192))
    kind |= MCP_ADDRESS_METADATA;

  return kind;
}

static McpAddressKind
classify_ipv6 (const guint8 *b)
{
  static const guint8 zero[16] = { 0 };
  static const guint8 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
  static const guint8 nat64[12] = { 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
  static const guint8 aws_metadata[16] = { 0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0,
                                           0, 0, 0, 0, 0, 0, 0x02, 0x54 };
  McpAddressKind kind = MCP_ADDRESS_PUBLIC;

  /* ::ffff:a.b.c.d and the well-known NAT64 prefix 64:ff9b::/96 reach the
   * IPv4 address they embed. */
  if (memcmp (b, mapped, 12) == 0 || memcmp (b, nat64, 12) == 0)
    return classify_ipv4 (b + 12);

  if (memcmp (b, zero, 15) == 0 && b[15] == 1)
    return MCP_ADDRESS_LOOPBACK;
  if (memcmp (b, zero, 16) == 0)
    return MCP_ADDRESS_UNSPECIFIED;

  /* The deprecated IPv4-compatible form ::a.b.c.d. */
  if (memcmp (b, zero, 12) == 0)
    return classify_ipv4 (b + 12) | MCP_ADDRESS_RESERVED;

  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
    kind |= MCP_ADDRESS_LINK_LOCAL;
  /* fec0::/10, the withdrawn site-local range, is private in practice. */
  if ((b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0))
    kind |= MCP_ADDRESS_PRIVATE;
  if (b[0] == 0xff)
    kind |= MCP_ADDRESS_MULTICAST;
  if (memcmp (b, aws_metadata, 16) == 0)
    kind |= MCP_ADDRESS_METADATA;

  return kind;
}

/*
 * _mcp_address_classify:
 * @address: an address
 *
 * Returns: what @address is; %MCP_ADDRESS_PUBLIC for none of the special
 *   kinds
 */
McpAddressKind
_mcp_address_classify (GInetAddress *address)
{
  const guint8 *bytes;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), MCP_ADDRESS_RESERVED);

  bytes = g_inet_address_to_bytes (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return classify_ipv4 (bytes);

  return classify_ipv6 (bytes);
}

/*
 * _mcp_host_normalize:
 * @host: a host as it appears in a URL or a Host header, without the port
 *
 * Lower-cases @host, strips the brackets of an IPv6 literal and one
 * trailing dot (`localhost.` is `localhost`), and decodes `%25` in an IPv6
 * zone (`fe80::1%25eth0`).
 *
 * Returns: (transfer full) (nullable): the host, or %NULL if it is empty
 */
char *
_mcp_host_normalize (const char *host)
{
  g_autofree char *copy = NULL;
  gsize length;
  char *zone;

  if (host == NULL || *host == '\0')
    return NULL;

  length = strlen (host);
  if (host[0] == '[')
    {
      if (length < 3 || host[length - 1] != ']')
        return NULL;
      copy = g_ascii_strdown (host + 1, length - 2);
    }
  else
    {
      copy = g_ascii_strdown (host, length);
      length = strlen (copy);
      if (length > 0 && copy[length - 1] == '.')
        copy[length - 1] = '\0';
    }

  zone = strstr (copy, "%25");
  if (zone != NULL)
    memmove (zone + 1, zone + 3, strlen (zone + 3) + 1);

  if (*copy == '\0')
    return NULL;

  return g_steal_pointer (&copy);
}

/*
 * _mcp_address_parse_host:
 * @host: a host, as _mcp_host_normalize() takes it
 *
 * Parses @host as an IP literal. Only the canonical dotted-quad form of
 * IPv4 counts (inet_pton's); `0x7f.1`, `2130706433` and `127.1` are names
 * to resolve, and the resolver decides what they are.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL if @host is a
 *   name
 */
GInetAddress *
_mcp_address_parse_host (const char *host)
{
  g_autofree char *normal = _mcp_host_normalize (host);
  char *zone;

  if (normal == NULL)
    return NULL;

  /* A zone index names an interface, not a different address. */
  zone = strchr (normal, '%');
  if (zone != NULL)
    *zone = '\0';

  return g_inet_address_new_from_string (normal);
}

/*
 * _mcp_host_is_loopback:
 * @host: a host from a URL, an Origin or a Host header (without the port)
 *
 * Returns: %TRUE for `localhost`, names under `.localhost` (RFC 6761: they
 *   never leave the machine), and loopback IP literals; %FALSE for any
 *   other name, such as `127.0.0.1.evil.example` or `localhost.evil.example`
 */
gboolean
_mcp_host_is_loopback (const char *host)
{
  g_autofree char *normal = _mcp_host_normalize (host);
  g_autoptr(GInetAddress) address = NULL;

  if (normal == NULL)
    return FALSE;

  if (g_str_equal (normal, "localhost") || g_str_has_suffix (normal, ".localhost"))
    return TRUE;

  address = _mcp_address_parse_host (normal);
  return address != NULL && (_mcp_address_classify (address) & MCP_ADDRESS_LOOPBACK) != 0;
}

/*
 * _mcp_host_is_metadata_name:
 * @host: a host name
 *
 * Returns: %TRUE for the names of cloud metadata services, in any case and
 *   with or without a trailing dot
 */
gboolean
_mcp_host_is_metadata_name (const char *host)
{
  static const char * const names[] = {
    "metadata",
    "metadata.google.internal",
    "metadata.goog",
    "metadata.azure.com",
    "instance-data",
    "instance-data.ec2.internal",
  };
  g_autofree char *normal = _mcp_host_normalize (host);

  if (normal == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (normal, names[i]))
        return TRUE;
    }

  return FALSE;
}

/*
 * _mcp_socket_address_is_loopback:
 * @address: (nullable): a peer's socket address
 *
 * Returns: %TRUE if @address is an internet address on loopback, or a
 *   Unix socket (which cannot come from another machine)
 */
gboolean
_mcp_socket_address_is_loopback (GSocketAddress *address)
{
  if (address == NULL)
    return FALSE;

  if (G_IS_INET_SOCKET_ADDRESS (address))
    {
      GInetAddress *inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));

      return (_mcp_address_classify (inet) & MCP_ADDRESS_LOOPBACK) != 0;
    }

  return g_socket_address_get_family (address) == G_SOCKET_FAMILY_UNIX;
}
