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
from gi.repository import Json, Soup  # noqa: E402


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


    def test_trace_context_and_client_middleware(self):
        traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'

        def traced(server, call, *user_data):
            trace = call.get_request().get_trace_context()
            call.return_text('none' if trace is None else
                             '%s %s' % (trace.get_trace_id(), trace.get_baggage()))

        self.server.add_tool(Mcp.Tool.new('traced', 'Says its trace'), traced)
        self.assertEqual(to_py(call_tool(self.client, 'traced').to_json())['content'][0]['text'],
                         'none')

        def add_trace(client, method, params, *user_data):
            meta = params.get_object_member('_meta') if params.has_member('_meta') else None
            if meta is None:
                meta = Json.Object.new()
                params.set_object_member('_meta', meta)
            Mcp.TraceContext.parse(traceparent, None, 'user=py').add_to_meta(meta)
            return None

        def answer_locally(client, method, params, *user_data):
            if method == 'tools/call' and params.get_string_member('name') == 'local':
                return Json.from_string('{"result":{"content":[{"type":"text","text":"here"}]}}')
            return None

        self.client.add_middleware(add_trace)
        self.client.add_middleware(answer_locally)
        self.assertEqual(to_py(call_tool(self.client, 'traced').to_json())['content'][0]['text'],
                         '4bf92f3577b34da6a3ce929d0e0e4736 user=py')
        self.assertEqual(to_py(call_tool(self.client, 'local').to_json())['content'][0]['text'],
                         'here')
        self.assertIsNone(Mcp.TraceContext.parse('00-zz', None, None))

    def test_cache_deadline_and_output(self):
        runs = []

        def counter(server, call, *user_data):
            runs.append(call.get_string('city', ''))
            call.return_text('run %d' % len(runs))

        def weather(server, call, *user_data):
            result = Mcp.ToolResult.new_text('the weather')
            result.set_structured_content(Json.from_string('{"temp": "warm"}'))
            call.return_result(result)

        kept = []
        self.server.add_tool(Mcp.Tool.new('counter', 'Counts its runs'), counter)
        self.server.add_tool(Mcp.Tool.new('never', 'Never answers'),
                             lambda server, call, *ud: kept.append(call))
        strict = Mcp.Tool.new('weather', 'Structured')
        self.assertTrue(strict.set_output_schema_json(
            '{"type":"object","properties":{"temp":{"type":"number"}},"required":["temp"]}'))
        self.server.add_tool(strict, weather)
        self.server.set_metrics_enabled(True)

        self.assertTrue(self.server.set_tool_cache('counter', 300, False))
        first = to_py(call_tool(self.client, 'counter', Json.from_string('{"city":"Oslo"}')).to_json())
        second = to_py(call_tool(self.client, 'counter', Json.from_string('{"city":"Oslo"}')).to_json())
        self.assertEqual(first['content'][0]['text'], 'run 1')
        self.assertEqual(second['content'][0]['text'], 'run 1')
        spin(350)
        third = to_py(call_tool(self.client, 'counter', Json.from_string('{"city":"Oslo"}')).to_json())
        self.assertEqual(third['content'][0]['text'], 'run 2')
        self.assertEqual(to_py(self.server.dup_metrics())['tools']['counter']['cacheHits'], 1)

        self.server.set_request_timeout(200)
        with self.assertRaises(GLib.Error) as late:
            call_tool(self.client, 'never')
        self.assertIn('timed out', late.exception.message)
        self.assertTrue(kept and kept[0].is_cancelled())

        violated = to_py(call_tool(self.client, 'weather').to_json())
        self.assertTrue(violated['isError'])
        self.assertNotIn('structuredContent', violated)

    def test_metrics_of_breaker_and_cache(self):
        self.server.set_metrics_enabled(True)
        breaker = Mcp.CircuitBreaker.new(1, 60000, 1)
        self.server.add_circuit_breaker('flaky', breaker)
        call_tool(self.client, 'flaky')
        with self.assertRaises(GLib.Error):
            call_tool(self.client, 'flaky')
        tools = to_py(self.server.dup_metrics())['tools']
        self.assertEqual(tools['flaky']['circuit'], 'open')
        self.assertEqual(tools['flaky']['circuitRejected'], 1)
        self.assertIn('mcp_circuit_breaker_state{tool="flaky",state="open"} 1\n',
                      self.server.dup_metrics_text())


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
