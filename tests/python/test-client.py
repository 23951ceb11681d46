#!/usr/bin/env python3
# test-client.py: a Python McpClient against the Python server over stdio,
# Streamable HTTP and legacy HTTP+SSE
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import unittest

from mcptest import (GLib, Gio, Json, Mcp, call_tool, connect, disconnect, json, list_tools,
                     ping, python_server_argv, read_resource, run_until, start_http_server,
                     stop_http_server, to_py, wait_async)

# The two eras (docs/eras.md). A client that leaves requested-protocol-version
# NULL detects the era; against our own server it lands on the modern one.
LEGACY = Mcp.PROTOCOL_VERSION_LATEST
MODERN = '2026-07-28'


def make_client(protocol_version):
    """A client pinned to protocol_version, or detecting the era when None."""
    client = Mcp.Client.new('python-client', '1.0')
    client.set_requested_protocol_version(protocol_version)
    return client


def is_modern(client):
    return client.get_protocol_version() == MODERN


def assert_resource_not_found(test, client, error):
    """A missing resource: RESOURCE_NOT_FOUND on both eras, so the
    application need not know which; on the wire it is -32002 on a legacy
    session and -32602 on the modern era (which dropped -32002)."""
    test.assertTrue(error.matches(Mcp.error_quark(), Mcp.Error.RESOURCE_NOT_FOUND), error)
    if not is_modern(client):
        test.assertEqual(Mcp.error_get_jsonrpc_code(error), -32002)


class PythonServerTests:
    """The tests, run over each transport and on each era by the subclasses
    below: the application's view of a call does not depend on the era."""

    # None detects the era (the client's default), which is the modern one
    # against this server; LEGACY pins a session with initialize.
    protocol_version = None

    def setUp(self):
        self.transport = self.make_transport()
        self.client = make_client(self.protocol_version)
        self.assertTrue(connect(self.client, self.transport))
        self.assertEqual(is_modern(self.client), self.protocol_version != LEGACY)

    def tearDown(self):
        self.assertTrue(disconnect(self.client))
        self.assertFalse(self.client.is_connected())
        self.stop_server()

    def stop_server(self):
        pass

    def test_handshake(self):
        self.assertEqual(self.client.get_server_name(), 'python-server')
        self.assertEqual(self.client.get_server_version(), '1.0')
        self.assertEqual(self.client.get_protocol_version(),
                         LEGACY if self.protocol_version == LEGACY else MODERN)
        self.assertEqual(self.client.get_instructions(), 'A server written in Python.')
        self.assertTrue(self.client.server_has_capability('tools'))
        self.assertIn('tools', to_py(self.client.get_server_capabilities()))
        self.assertTrue(ping(self.client))

    def test_list_tools(self):
        tools = list_tools(self.client)
        names = sorted(t.get_name() for t in tools)
        self.assertEqual(names, ['add', 'ask', 'countdown', 'fail', 'stats', 'wait'])
        add = [t for t in tools if t.get_name() == 'add'][0]
        self.assertEqual(to_py(add.get_input_schema())['required'], ['a', 'b'])

    def test_sync_tool(self):
        result = call_tool(self.client, 'add', '{"a": 2, "b": 40}')
        self.assertFalse(result.get_is_error())
        self.assertEqual(result.dup_text(), '42')
        self.assertEqual(to_py(result.get_structured_content()), {'sum': 42})

    def test_invalid_arguments(self):
        # The schema says b is required: refused before the handler runs.
        result = call_tool(self.client, 'add', '{"a": 2}')
        self.assertTrue(result.get_is_error())
        self.assertIn('b', result.dup_text())
        stats = to_py(call_tool(self.client, 'stats').get_structured_content())
        self.assertEqual(stats['calls'], 0)

    def test_resources(self):
        resources = wait_async(lambda cb: self.client.list_all_resources_async(None, cb),
                               self.client.list_all_resources_finish)
        self.assertEqual(sorted(r.get_uri() for r in resources),
                         ['python://greeting', 'python://logo'])
        greeting = [r for r in resources if r.get_uri() == 'python://greeting'][0]
        self.assertEqual(greeting.get_mime_type(), 'text/plain')
        self.assertEqual(greeting.get_description(), 'A static text resource')

        contents = [to_py(c) for c in read_resource(self.client, 'python://greeting')]
        self.assertEqual(contents, [{'uri': 'python://greeting', 'mimeType': 'text/plain',
                                     'text': 'Hello from Python'}])
        logo = [to_py(c) for c in read_resource(self.client, 'python://logo')]
        self.assertEqual(GLib.base64_decode(logo[0]['blob']), b'\x89PNG\r\n\x1a\n')
        self.assertEqual(logo[0]['mimeType'], 'image/png')

        with self.assertRaises(GLib.Error) as caught:
            read_resource(self.client, 'python://nothing')
        assert_resource_not_found(self, self.client, caught.exception)

    def test_resource_template(self):
        templates = wait_async(
            lambda cb: self.client.list_all_resource_templates_async(None, cb),
            self.client.list_all_resource_templates_finish)
        self.assertEqual([t.get_uri_template() for t in templates], ['python://users/{name}'])
        contents = [to_py(c) for c in read_resource(self.client, 'python://users/grace')]
        self.assertEqual(contents[0]['text'], 'user grace')
        with self.assertRaises(GLib.Error) as caught:
            read_resource(self.client, 'python://users/nobody')
        assert_resource_not_found(self, self.client, caught.exception)

    def test_prompts(self):
        prompts = wait_async(lambda cb: self.client.list_all_prompts_async(None, cb),
                             self.client.list_all_prompts_finish)
        self.assertEqual([p.get_name() for p in prompts], ['greet'])
        self.assertEqual(to_py(prompts[0].get_arguments()),
                         [{'name': 'name', 'description': 'Who to greet', 'required': True}])
        result = wait_async(
            lambda cb: self.client.get_prompt_async('greet', json('{"name": "Ada"}'), None, cb),
            self.client.get_prompt_finish)
        self.assertEqual(result.get_description(), 'A greeting for Ada')
        messages = to_py(Json.Node.alloc().init_array(result.get_messages()))
        self.assertEqual(messages, [
            {'role': 'user', 'content': {'type': 'text', 'text': 'Please greet Ada warmly.'}},
            {'role': 'assistant', 'content': {'type': 'text', 'text': 'Hello, Ada!'}}])
        with self.assertRaises(GLib.Error) as caught:
            wait_async(lambda cb: self.client.get_prompt_async('nope', None, None, cb),
                       self.client.get_prompt_finish)
        self.assertTrue(caught.exception.matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS))

    def test_completion(self):
        self.assertTrue(self.client.server_has_capability('completions'))
        values, total, has_more = wait_async(
            lambda cb: self.client.complete_async(Mcp.CompletionRefType.PROMPT, 'greet', 'name',
                                                  'g', None, None, cb),
            self.client.complete_finish)
        self.assertEqual(values, ['grace', 'guido'])
        self.assertEqual(total, 2)
        self.assertFalse(has_more)
        values, total, has_more = wait_async(
            lambda cb: self.client.complete_async(Mcp.CompletionRefType.RESOURCE,
                                                  'python://users/{name}', 'name', 'a',
                                                  None, None, cb),
            self.client.complete_finish)
        self.assertEqual(values, ['ada', 'alan'])

    def test_error_result(self):
        result = call_tool(self.client, 'fail', '{}')
        self.assertTrue(result.get_is_error())
        self.assertEqual(result.dup_text(), 'it failed on purpose')

    def test_unknown_tool(self):
        with self.assertRaises(GLib.Error) as caught:
            call_tool(self.client, 'no-such-tool', '{}')
        self.assertTrue(caught.exception.matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS))

    def test_async_tool_with_progress_and_logging(self):
        progress = []
        logs = []
        signalled = []
        self.client.connect('log-message',
                            lambda c, level, logger, data: logs.append((level, logger, to_py(data))))
        self.client.connect('progress',
                            lambda c, token, p, total, message: signalled.append(p))
        self.assertTrue(wait_async(
            lambda cb: self.client.set_logging_level_async(Mcp.LoggingLevel.DEBUG, None, cb),
            self.client.set_logging_level_finish))

        def on_progress(p, total, message, *user_data):
            progress.append((p, total, message))

        # Two callbacks in one call: pass the second by keyword (PyGObject
        # hands a positional user_data of a non-last callback on unwrapped).
        result = wait_async(
            lambda cb: self.client.call_tool_full_async(
                'countdown', json('{"steps": 3}'), Mcp.RequestFlags.PROGRESS, -1,
                on_progress, cancellable=None, callback=cb),
            self.client.call_tool_finish)
        self.assertEqual(result.dup_text(), 'liftoff')
        self.assertEqual(progress, [(0, 3, 'step 0 of 3'), (1, 3, 'step 1 of 3'),
                                    (2, 3, 'step 2 of 3'), (3, 3, 'step 3 of 3')])
        self.assertEqual(signalled, [0, 1, 2, 3])
        run_until(lambda: len(logs) == 4)
        self.assertEqual([entry[2] for entry in logs],
                         ['3 left', '2 left', '1 left', '0 left'])
        self.assertEqual({entry[0] for entry in logs}, {Mcp.LoggingLevel.INFO})
        self.assertEqual({entry[1] for entry in logs}, {'countdown'})

    def test_logging_level_filters(self):
        logs = []
        self.client.connect('log-message', lambda c, *args: logs.append(args))
        self.assertTrue(wait_async(
            lambda cb: self.client.set_logging_level_async(Mcp.LoggingLevel.ERROR, None, cb),
            self.client.set_logging_level_finish))
        self.assertEqual(call_tool(self.client, 'countdown', '{"steps": 1}').dup_text(), 'liftoff')
        self.assertTrue(ping(self.client))
        self.assertEqual(logs, [])

    def test_cancellation(self):
        cancellable = Gio.Cancellable()
        results = []
        self.client.call_tool_async('wait', json('{"ms": 600000}'), cancellable,
                                    lambda c, r, *u: results.append(r))
        GLib.timeout_add(50, lambda: cancellable.cancel() or GLib.SOURCE_REMOVE)
        run_until(lambda: results)
        with self.assertRaises(GLib.Error) as caught:
            self.client.call_tool_finish(results[0])
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))
        # The server was told, and the connection goes on.
        self.assertTrue(ping(self.client))
        stats = to_py(call_tool(self.client, 'stats').get_structured_content())
        self.assertEqual(stats['cancelled'], 1)

    def test_concurrent_calls(self):
        results = {}
        for i in range(20):
            self.client.call_tool_async(
                'add', json('{"a": %d, "b": 1}' % i), None,
                lambda c, r, i=i: results.__setitem__(i, r))
        run_until(lambda: len(results) == 20)
        texts = {i: self.client.call_tool_finish(r).dup_text() for i, r in results.items()}
        self.assertEqual(texts, {i: str(i + 1) for i in range(20)})

    def test_raw_request(self):
        reply = wait_async(
            lambda cb: self.client.send_request_async('tools/list', json('{}'), None, cb),
            self.client.send_request_finish)
        self.assertEqual(len(to_py(reply)['tools']), 6)



class ServerToClientRequests(unittest.TestCase):
    """Sampling, elicitation and roots: asked by a Python server from inside a
    tool, answered by the handlers of a Python client (one at once, one
    later from the main loop). On a legacy session the server sends requests;
    on the modern era they are input rounds that the client answers through
    the same handlers."""

    def round_trip(self, protocol_version):
        client = make_client(protocol_version)
        seen = {}

        def sample(client, request, *user_data):
            messages = to_py(request.get_messages())
            seen['question'] = messages[0]['content']['text']
            seen['max_tokens'] = request.get_max_tokens()
            request.return_text('python-model', 'forty-two')

        def elicit(client, request, *user_data):
            seen['message'] = request.get_message()
            seen['mode'] = request.get_mode()
            GLib.timeout_add(10, lambda: request.return_accept(json('{"ok": true}')) or False)

        client.set_sampling_handler(Mcp.SamplingFeatures.NONE, sample)
        client.set_elicitation_handler(Mcp.ElicitationMode.FORM, elicit)
        client.set_roots([Mcp.Root.new('file:///home/ada/project', 'project')])
        transport = Mcp.StdioTransport.new_for_command(python_server_argv())
        self.assertTrue(connect(client, transport))
        self.assertEqual(is_modern(client), protocol_version != LEGACY)

        result = call_tool(client, 'ask', '{"question": "What is six times seven?"}')
        self.assertFalse(result.get_is_error(), result.dup_text())
        self.assertEqual(to_py(result.get_structured_content()), {
            'model': 'forty-two',
            'user': ['accept', {'ok': True}],
            'roots': ['file:///home/ada/project'],
        })
        self.assertEqual(seen, {'question': 'What is six times seven?', 'max_tokens': 50,
                                'message': 'Is "forty-two" right?',
                                'mode': Mcp.ElicitationMode.FORM})
        self.assertTrue(disconnect(client))

    def test_round_trip_legacy(self):
        self.round_trip(LEGACY)

    def test_round_trip_modern(self):
        self.round_trip(None)

    def without_capabilities(self, protocol_version):
        # No handlers, so no capabilities: the server's request fails cleanly.
        client = make_client(protocol_version)
        self.assertTrue(connect(client, Mcp.StdioTransport.new_for_command(python_server_argv())))
        if is_modern(client):
            # The era's rule (docs/eras.md): asking for a capability the
            # request did not declare fails the whole request with -32021,
            # before the handler could turn it into an error result.
            # The client reports it as CAPABILITY_NOT_SUPPORTED.
            with self.assertRaises(GLib.Error) as caught:
                call_tool(client, 'ask', '{"question": "anyone?"}')
            self.assertTrue(caught.exception.matches(Mcp.error_quark(),
                                                     Mcp.Error.CAPABILITY_NOT_SUPPORTED))
            self.assertIn('did not declare a capability', caught.exception.message)
        else:
            result = call_tool(client, 'ask', '{"question": "anyone?"}')
            self.assertTrue(result.get_is_error())
            self.assertTrue(result.dup_text().startswith('sampling failed: '))
        self.assertTrue(ping(client))
        self.assertTrue(disconnect(client))

    def test_without_capabilities_legacy(self):
        self.without_capabilities(LEGACY)

    def test_without_capabilities_modern(self):
        self.without_capabilities(None)


class PythonServerOverStdio(PythonServerTests, unittest.TestCase):
    protocol_version = LEGACY

    def make_transport(self):
        return Mcp.StdioTransport.new_for_command(python_server_argv())


class PythonServerOverStdioModern(PythonServerOverStdio):
    protocol_version = None


class PythonServerOverHttp(PythonServerTests, unittest.TestCase):
    protocol_version = LEGACY

    def make_transport(self):
        self.server, url = start_http_server(python_server_argv('--http'))
        self.assertTrue(url.startswith('http://127.0.0.1:'))
        transport = Mcp.HttpTransport.new(url)
        self.assertEqual(transport.get_mode(), Mcp.HttpTransportMode.AUTO)
        return transport

    def stop_server(self):
        self.assertEqual(self.transport.get_active_mode(), Mcp.HttpTransportMode.STREAMABLE)
        stop_http_server(self.server)


class PythonServerOverHttpModern(PythonServerOverHttp):
    protocol_version = None

    def stop_server(self):
        # Checked by test_active_mode below, not after every test.
        stop_http_server(self.server)

    # The first answered modern request shows the server speaks
    # Streamable HTTP.
    def test_active_mode(self):
        self.assertTrue(ping(self.client))
        self.assertEqual(self.transport.get_active_mode(), Mcp.HttpTransportMode.STREAMABLE)



class PythonServerOverLegacySse(PythonServerOverHttp):
    # HTTP+SSE is a legacy transport (the modern revision serves stdio and
    # Streamable HTTP only): pinned to a legacy session.
    protocol_version = LEGACY

    def make_transport(self):
        self.server, url = start_http_server(python_server_argv('--http'))
        # The legacy form has its own endpoint beside the Streamable one.
        transport = Mcp.HttpTransport.new(url.replace('/mcp', '/sse'))
        transport.set_mode(Mcp.HttpTransportMode.LEGACY_SSE)
        return transport

    def stop_server(self):
        self.assertEqual(self.transport.get_active_mode(), Mcp.HttpTransportMode.LEGACY_SSE)
        stop_http_server(self.server)


class PythonServerOverWebSocket(PythonServerTests, unittest.TestCase):
    protocol_version = LEGACY

    def make_transport(self):
        self.server, url = start_http_server(python_server_argv('--ws'))
        self.assertTrue(url.startswith('ws://127.0.0.1:'))
        return Mcp.WebSocketTransport.new(url)

    def stop_server(self):
        self.assertEqual(self.transport.get_protocol(), 'mcp')
        stop_http_server(self.server)


class PythonServerOverWebSocketModern(PythonServerOverWebSocket):
    protocol_version = None


class ConnectionPool(unittest.TestCase):
    """McpConnectionPool from Python: URL-addressed calls share connections."""

    def setUp(self):
        self.ws_server, self.ws_url = start_http_server(python_server_argv('--ws'))
        self.http_server, self.http_url = start_http_server(python_server_argv('--http'))

    def tearDown(self):
        stop_http_server(self.ws_server)
        stop_http_server(self.http_server)

    def test_calls(self):
        pool = Mcp.ConnectionPool.new()
        for i in range(5):
            for url in (self.ws_url, self.http_url):
                result = wait_async(
                    lambda cb, url=url: pool.call_tool_async(
                        url, 'add', json('{"a": %d, "b": 1}' % i), None, cb),
                    pool.call_tool_finish)
                self.assertEqual(result.dup_text(), str(i + 1))

        tools = wait_async(lambda cb: pool.list_tools_async(self.ws_url, None, cb),
                           pool.list_tools_finish)
        self.assertIn('add', [t.get_name() for t in tools])

        stats = pool.get_stats()
        self.assertEqual(stats.get_misses(), 2)
        self.assertEqual(stats.get_hits(), 9)
        self.assertEqual(stats.get_created(), 2)
        self.assertEqual(pool.props.misses, 2)
        self.assertEqual(pool.get_n_connections(), 2)
        self.assertGreater(stats.get_bytes_sent(), 0)
        self.assertEqual(len(stats.dup_urls()), 2)

        client = wait_async(lambda cb: pool.acquire_async(self.ws_url, None, None, cb),
                            pool.acquire_finish)
        self.assertTrue(client.is_connected())
        self.assertTrue(ping(client))
        pool.release(client)

        # The URL policy, as the pool's own error.
        with self.assertRaises(GLib.Error) as caught:
            pool.check_url('ws://user:secret@127.0.0.1:1/')
        self.assertTrue(caught.exception.matches(Mcp.error_quark(), Mcp.Error.URL_REFUSED))

        # One policy value; the old booleans are views of it.
        self.assertEqual(pool.props.url_policy, Mcp.UrlPolicy.ALLOW_LOCALHOST)
        pool.props.production_mode = True
        self.assertEqual(pool.props.url_policy, Mcp.UrlPolicy.STRICT)
        self.assertFalse(pool.props.allow_localhost)
        with self.assertRaises(GLib.Error) as caught:
            pool.check_url(self.ws_url)
        self.assertIn("rule 'localhost'", caught.exception.message)
        pool.props.url_policy = Mcp.UrlPolicy.ALLOW_LOCALHOST
        self.assertTrue(pool.check_url(self.ws_url))

        pool.clear()
        run_until(lambda: pool.get_n_connections() == 0)


if __name__ == '__main__':
    unittest.main(verbosity=2)
