#!/usr/bin/env python3
# test-auth.py: an McpAuthProvider written in Python, in front of an
# McpServer on Streamable HTTP, and a tool that needs a permission
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The provider answers from an idle, as one that asks another service
# would; the client sends its token with set_auth_token().

import unittest

import gi

from mcptest import (GLib, GObject_, Gio, Mcp, call_tool, connect, disconnect, list_tools,
                     run_until, to_py, wait_async)

GObject = GObject_

gi.require_version('Soup', '3.0')
from gi.repository import Soup  # noqa: E402

TOKENS = {'t-reader': ('reader', []), 't-admin': ('root', ['admin'])}


class TableProvider(GObject.Object, Mcp.AuthProvider):
    """Bearer tokens looked up in a table, answered later."""

    def __init__(self):
        GObject.Object.__init__(self)
        self.asked = 0

    def do_authenticate_async(self, headers, remote_address, cancellable, callback, *user_data):
        task = Gio.Task.new(self, cancellable, callback)
        authorization = headers.get_one('Authorization') or ''
        self.asked += 1

        def answer():
            token = authorization[len('Bearer '):] if authorization.startswith('Bearer ') else None
            if token in TOKENS:
                principal, permissions = TOKENS[token]
                task.return_value(Mcp.AuthInfo.new(principal, permissions))
            else:
                task.return_error(GLib.Error.new_literal(Mcp.error_quark(), 'Unknown token',
                                                         Mcp.Error.UNAUTHORIZED))
            return GLib.SOURCE_REMOVE

        GLib.idle_add(answer)

    def do_authenticate_finish(self, result):
        return result.propagate_value().value


def whoami(server, call, *user_data):
    info = call.get_auth_info()
    call.return_text('%s %s' % (info.get_principal(), ','.join(info.get_permissions())))


class AuthProviderTest(unittest.TestCase):
    def setUp(self):
        self.provider = TableProvider()
        self.server = Mcp.Server.new('py-auth', '1.0')
        tool = Mcp.Tool.new('whoami', 'Says who called')
        tool.set_required_permission('admin')
        self.assertEqual(tool.get_required_permission(), 'admin')
        self.server.add_tool(tool, whoami)
        self.server.add_tool(Mcp.Tool.new('open', 'Anyone'), whoami)

        self.http = Mcp.HttpServerTransport.new()
        self.http.set_port(0)
        self.http.set_auth_provider(self.provider)
        self.server.add_server_transport(self.http)
        wait_async(lambda cb: self.http.start_async(None, cb), self.http.start_finish)
        self.url = 'http://127.0.0.1:%d/mcp' % self.http.get_bound_port()

    def tearDown(self):
        wait_async(lambda cb: self.http.stop_async(None, cb), self.http.stop_finish)

    def client(self, token):
        transport = Mcp.HttpTransport.new(self.url)
        transport.set_auth_token(token)
        client = Mcp.Client.new('py-auth-client', '1.0')
        connect(client, transport)
        return client

    def names(self, client):
        return sorted(t.get_name() for t in list_tools(client))

    def test_permissions(self):
        admin = self.client('t-admin')
        self.assertEqual(self.names(admin), ['open', 'whoami'])
        result = to_py(call_tool(admin, 'whoami').to_json())
        self.assertEqual(result['content'][0]['text'], 'root admin')
        disconnect(admin)

        reader = self.client('t-reader')
        self.assertEqual(self.names(reader), ['open'])
        result = to_py(call_tool(reader, 'open').to_json())
        self.assertEqual(result['content'][0]['text'], 'reader ')
        with self.assertRaises(GLib.Error) as refused:
            call_tool(reader, 'whoami')
        self.assertIn('requires the permission "admin"', refused.exception.message)
        disconnect(reader)
        self.assertGreater(self.provider.asked, 4)

    def test_refused(self):
        with self.assertRaises(GLib.Error) as refused:
            self.client('t-nobody')
        self.assertIn('401', refused.exception.message)
        self.assertIn('Unknown token', refused.exception.message)


class TokenVerifierTest(unittest.TestCase):
    """The token rules live on the McpTokenVerifier base of both token providers."""

    def test_inherited_rules(self):
        jwt = Mcp.JwtProvider.new_hs256(GLib.Bytes.new(b'k' * 32))
        introspection = Mcp.IntrospectionProvider.new('http://127.0.0.1:1/introspect', None, None)
        for provider in (jwt, introspection):
            self.assertIsInstance(provider, Mcp.TokenVerifier)
            self.assertIsInstance(provider, Mcp.AuthProvider)
            notified = []
            provider.connect('notify::audience', lambda *args: notified.append(True))
            provider.set_issuer('https://as.test')
            provider.set_audience('https://mcp.test/mcp')
            provider.set_audience('https://mcp.test/mcp')  # unchanged: no notify
            provider.props.required_scopes = ['mcp:tools']
            self.assertEqual(provider.get_issuer(), 'https://as.test')
            self.assertEqual(provider.props.audience, 'https://mcp.test/mcp')
            self.assertEqual(list(provider.get_required_scopes()), ['mcp:tools'])
            self.assertEqual(provider.get_clock_skew(), 60)
            self.assertEqual(provider.get_max_token_size(), 8192)
            self.assertEqual(len(notified), 1)



class ClientCertificateTest(unittest.TestCase):
    """The client certificate settings and provider, as bindings see them
    (test-tls-client-auth.c runs them over TLS)."""

    def test_provider_without_certificate(self):
        provider = Mcp.ClientCertificateProvider.new()
        provider.add_subject('CN=alice,O=Example', ['tools'])
        self.assertFalse(provider.props.allow_unlisted)
        provider.set_allow_unlisted(True)
        self.assertTrue(provider.get_allow_unlisted())
        headers = Soup.MessageHeaders.new(Soup.MessageHeadersType.REQUEST)
        with self.assertRaises(GLib.Error) as refused:
            wait_async(lambda cb: provider.authenticate_peer_async(headers, None, None, None, cb),
                       provider.authenticate_finish)
        self.assertTrue(refused.exception.matches(Mcp.error_quark(), Mcp.Error.UNAUTHORIZED))
        self.assertTrue(provider.remove_subject('CN=alice,O=Example'))

    def test_python_provider_sees_headers_through_peer_call(self):
        provider = TableProvider()
        headers = Soup.MessageHeaders.new(Soup.MessageHeadersType.REQUEST)
        headers.replace('Authorization', 'Bearer t-admin')
        info = wait_async(lambda cb: provider.authenticate_peer_async(headers, None, None, None,
                                                                      cb),
                          provider.authenticate_finish)
        self.assertEqual(info.get_principal(), 'root')
        self.assertIsNone(info.get_certificate())

    def test_transport_properties(self):
        http = Mcp.HttpServerTransport.new()
        self.assertEqual(http.get_tls_client_auth(), Gio.TlsAuthenticationMode.NONE)
        http.props.tls_client_auth = Gio.TlsAuthenticationMode.REQUIRED
        http.set_tls_client_ca_file('/nonexistent/ca.pem')
        self.assertEqual(http.get_tls_client_ca_file(), '/nonexistent/ca.pem')
        self.assertIsNone(http.get_tls_database())
        ws = Mcp.WebSocketServerTransport.new('127.0.0.1', 0)
        ws.set_tls_client_auth(Gio.TlsAuthenticationMode.REQUESTED)
        self.assertEqual(ws.props.tls_client_auth, Gio.TlsAuthenticationMode.REQUESTED)
        self.assertIsNone(Mcp.HttpTransport.new('https://127.0.0.1:1/mcp').get_tls_client_certificate())
        self.assertIsNone(Mcp.WebSocketTransport.new('wss://127.0.0.1:1/').props.tls_client_certificate)


if __name__ == '__main__':
    unittest.main()
