/* mcp-address-private.h: what an IP address or a host name is, decided on
 * the address (GInetAddress), never on a string prefix
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The kinds an address can be; one address may be several (169.254.169.254
 * is both LINK_LOCAL and METADATA). An IPv4-mapped IPv6 address
 * (::ffff:a.b.c.d) is classified as the IPv4 address it maps. */
typedef enum {
  MCP_ADDRESS_PUBLIC      = 0,
  MCP_ADDRESS_LOOPBACK    = 1 << 0,  /* 127.0.0.0/8, ::1 */
  MCP_ADDRESS_LINK_LOCAL  = 1 << 1,  /* 169.254.0.0/16, fe80::/10 */
  MCP_ADDRESS_PRIVATE     = 1 << 2,  /* 10/8, 172.16/12, 192.168/16, fc00::/7 */
  MCP_ADDRESS_SHARED      = 1 << 3,  /* 100.64.0.0/10 (carrier-grade NAT) */
  MCP_ADDRESS_METADATA    = 1 << 4,  /* cloud metadata services */
  MCP_ADDRESS_UNSPECIFIED = 1 << 5,  /* 0.0.0.0/8, :: */
  MCP_ADDRESS_MULTICAST   = 1 << 6,  /* 224.0.0.0/4, ff00::/8, 255.255.255.255 */
  MCP_ADDRESS_RESERVED    = 1 << 7,  /* 240.0.0.0/4, and other never-routed space */
} McpAddressKind;

McpAddressKind  _mcp_address_classify          (GInetAddress *address);
GInetAddress   *_mcp_address_parse_host        (const char   *host);
char           *_mcp_host_normalize            (const char   *host);
gboolean        _mcp_host_is_loopback          (const char   *host);
gboolean        _mcp_host_is_metadata_name     (const char   *host);
gboolean        _mcp_socket_address_is_loopback (GSocketAddress *address);

G_END_DECLS
