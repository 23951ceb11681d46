/* mcp-pinned-address-private.h: a host name whose addresses were checked
 * once, and the hook that checks a URL before a client follows it
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A GNetworkAddress (so TLS still sends the host name as SNI and checks the
 * certificate against it) that never resolves: it enumerates exactly the
 * addresses it was made with, and never goes through a proxy (a proxy would
 * resolve the name itself). Given to a SoupSession as its
 * `remote-connectable`, every connection of that session goes to those
 * addresses, whatever DNS says by then. */
#define MCP_TYPE_PINNED_ADDRESS (_mcp_pinned_address_get_type ())

G_DECLARE_FINAL_TYPE (McpPinnedAddress, _mcp_pinned_address, MCP, PINNED_ADDRESS, GNetworkAddress)

McpPinnedAddress *_mcp_pinned_address_new           (const char       *hostname,
                                                     guint16           port,
                                                     GList            *addresses);
GList            *_mcp_pinned_address_get_addresses (McpPinnedAddress *self);

/* Checks @uri, the target of a redirect, as the caller's policy wants, and
 * completes with a GTask whose pointer is the McpPinnedAddress to connect to
 * (transfer full), or an error. @callback is called on the thread-default
 * main context of the call. */
typedef void (*McpUrlGuardFunc) (GUri                *uri,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             callback_data,
                                 gpointer             guard_data);

/* A guard: an McpUrlGuardFunc with its data, shared by reference between a
 * transport and what fetches URLs on its behalf (its OAuth flows), so that
 * each checks every URL it is sent to the same way. */
typedef struct _McpUrlGuard McpUrlGuard;

McpUrlGuard      *_mcp_url_guard_new   (McpUrlGuardFunc      func,
                                        gpointer             data,
                                        GDestroyNotify       destroy);
McpUrlGuard      *_mcp_url_guard_ref   (McpUrlGuard         *guard);
void              _mcp_url_guard_unref (McpUrlGuard         *guard);
/* Runs the guard's check of @uri; finish with _mcp_url_guard_finish(). */
void              _mcp_url_guard_check_async (McpUrlGuard         *guard,
                                              GUri                *uri,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpUrlGuard, _mcp_url_guard_unref)

/* What a session made to replace @like, or to stand beside it for another
 * pinned origin, takes from it: the TLS database and interaction, the
 * timeouts and the user agent an application may have set. */
void              _mcp_soup_session_copy_settings (SoupSession *session,
                                                   SoupSession *like);

/* Makes a transport's session, to @connectable (NULL: any), with what it
 * takes from @like (nullable) by _mcp_soup_session_copy_settings(). */
typedef SoupSession *(*McpSoupSessionMaker) (GSocketConnectable *connectable,
                                             SoupSession        *like);

/* Pins a transport that made its own *@session to @address, kept in
 * *@pinned: remote-connectable is construct-only, so *@session is replaced
 * by a new one, unused so far, that @make makes like it. */
void              _mcp_soup_session_pin (SoupSession         **session,
                                         McpPinnedAddress    **pinned,
                                         McpPinnedAddress     *address,
                                         McpSoupSessionMaker   make);

McpPinnedAddress *_mcp_url_guard_finish (GAsyncResult  *result,
                                         GError       **error);

G_END_DECLS
