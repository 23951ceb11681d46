#!/usr/bin/env python3
# test-operations.py: what a deployment uses, from Python: /health and
# /ready, a graceful shutdown that lets a slow call finish, and limits a
# Python handler of McpAuthProvider::authenticated gives a principal
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import unittest

import gi

from mcptest import GLib, Mcp, call_tool, connect, list_tools, run_until, spin, to_py, wait_async

gi.require_version('Soup', '3.0')
from gi.repository import Soup  # noqa: E402


def slow(server, call, *user_data):
    """Answers 400 ms later, as a handler that waits on something would."""
    def answer():
        call.return_text('done')
        return GLib.SOURCE_REMOVE

    GLib.timeout_add(400, answer)


def get(url):
    session = Soup.Session.new()
    message = Soup.Message.new('GET', url)
    box = {}

    def done(source, result):
        box['body'] = source.send_and_read_finish(result).get_data().decode()

    session.send_and_read_async(message, GLib.PRIORITY_DEFAULT, None, done)
    run_until(lambda: 'body' in box)
    return message.get_status(), box['body']


class OperationsTest(unittest.TestCase):
    def setUp(self):
        self.server = Mcp.Server.new('py-operations', '1.0')
        self.server.add_tool(Mcp.Tool.new('slow', 'Answers later'), slow)
        self.http = Mcp.HttpServerTransport.new()
        self.http.set_port(0)
        self.server.add_server_transport(self.http)
        wait_async(lambda cb: self.http.start_async(None, cb), self.http.start_finish)
        self.base = 'http://127.0.0.1:%d' % self.http.get_bound_port()

    def tearDown(self):
        wait_async(lambda cb: self.http.stop_async(None, cb), self.http.stop_finish)

    def test_probes_and_shutdown(self):
        self.assertEqual(get(self.base + '/health'), (200, '{"status":"ok"}'))
        self.assertEqual(get(self.base + '/ready'), (200, '{"status":"ready"}'))

        client = Mcp.Client.new('py-operations-client', '1.0')
        client.set_requested_protocol_version('2025-11-25')
        connect(client, Mcp.HttpTransport.new(self.base + '/mcp'))
        answers = []

        def called(source, result):
            answers.append(to_py(source.call_tool_finish(result).to_json()))

        client.call_tool_async('slow', None, None, called)
        run_until(lambda: sum(session.get_session().get_n_incoming_requests()
                              for session in self.server.get_sessions()) > 0)

        shut = []
        self.server.shutdown_async(5000, None,
                                   lambda source, result: shut.append(source.shutdown_finish(result)))
        spin(50)
        self.assertEqual(get(self.base + '/ready'), (503, '{"status":"draining"}'))
        self.assertEqual(get(self.base + '/health'), (200, '{"status":"ok"}'))
        run_until(lambda: shut)
        self.assertEqual(shut, [True])
        self.assertEqual(answers[0]['content'][0]['text'], 'done')


class MiddlewareTest(unittest.TestCase):
    def setUp(self):
        self.server = Mcp.Server.new('py-middleware', '1.0')
        self.failing = True

        def flaky(server, call, *user_data):
            if self.failing:
                call.return_error('down')
            else:
                call.return_text('up')

        self.server.add_tool(Mcp.Tool.new('flaky', 'Fails while told to'), flaky)
        self.http = Mcp.HttpServerTransport.new()
        self.http.set_port(0)
        self.server.add_server_transport(self.http)
        wait_async(lambda cb: self.http.start_async(None, cb), self.http.start_finish)
        self.client = Mcp.Client.new('py-middleware-client', '1.0')
        connect(self.client, Mcp.HttpTransport.new('http://127.0.0.1:%d/mcp' % self.http.get_bound_port()))

    def tearDown(self):
        wait_async(lambda cb: self.http.stop_async(None, cb), self.http.stop_finish)

    def test_python_middleware(self):
        seen = []

        def middleware(server, session, request, *user_data):
            seen.append(request.get_method())
            if request.get_method() == 'tools/call':
                request.return_error(-32001, 'Closed for lunch', None)
                return False
            return True

        ident = self.server.add_middleware(middleware)
        with self.assertRaises(GLib.Error) as refused:
            call_tool(self.client, 'flaky')
        self.assertIn('Closed for lunch', refused.exception.message)
        self.assertIn('tools/call', seen)
        self.server.remove_middleware(ident)
        self.assertTrue(to_py(call_tool(self.client, 'flaky').to_json())['isError'])

    def test_rate_limit_and_breaker(self):
        limit = Mcp.RateLimit.new(0.01, 1, Mcp.RateLimitScope.GLOBAL)
        limit.set_method('tools/list')
        self.server.add_rate_limit(limit)
        breaker = Mcp.CircuitBreaker.new(2, 60000, 1)
        states = []
        breaker.connect('notify::state', lambda b, pspec: states.append(b.get_state()))
        self.server.add_circuit_breaker('flaky', breaker)

        for _ in range(2):
            self.assertTrue(to_py(call_tool(self.client, 'flaky').to_json())['isError'])
        self.assertEqual(breaker.get_state(), Mcp.CircuitState.OPEN)
        self.assertEqual(states, [Mcp.CircuitState.OPEN])
        with self.assertRaises(GLib.Error) as fast:
            call_tool(self.client, 'flaky')
        self.assertIn('unavailable', fast.exception.message)
        breaker.reset()
        self.failing = False
        self.assertEqual(to_py(call_tool(self.client, 'flaky').to_json())['content'][0]['text'], 'up')

        list_tools(self.client)
        with self.assertRaises(GLib.Error) as limited:
            list_tools(self.client)
        self.assertIn('Too Many Requests', limited.exception.message)


class PrincipalLimitsTest(unittest.TestCase):
    def test_authenticated_sets_limits(self):
        keys = Mcp.ApiKeyProvider.new()
        keys.add_key('key-1', 'alice', ['tools'], None, 0, 0)
        seen = []

        def authenticated(provider, info):
            seen.append(info.get_principal())
            info.set_max_sessions(1)

        keys.connect('authenticated', authenticated)
        server = Mcp.Server.new('py-limits', '1.0')
        http = Mcp.HttpServerTransport.new()
        http.set_port(0)
        http.set_auth_provider(keys)
        self.assertEqual(http.props.max_sessions_per_principal, 256)
        server.add_server_transport(http)
        wait_async(lambda cb: http.start_async(None, cb), http.start_finish)
        url = 'http://127.0.0.1:%d/mcp' % http.get_bound_port()

        def client():
            transport = Mcp.HttpTransport.new(url)
            transport.set_auth_token('key-1')
            c = Mcp.Client.new('py-limits-client', '1.0')
            c.set_requested_protocol_version('2025-11-25')
            connect(c, transport)
            return c

        first = client()
        with self.assertRaises(GLib.Error) as refused:
            client()
        self.assertIn('Too Many Requests', refused.exception.message)
        self.assertIn('no more sessions', refused.exception.message)
        self.assertIn('alice', seen)
        self.assertIsNotNone(first)
        wait_async(lambda cb: http.stop_async(None, cb), http.stop_finish)


if __name__ == '__main__':
    unittest.main()
