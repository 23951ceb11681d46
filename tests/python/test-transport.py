#!/usr/bin/env python3
# test-transport.py: McpTransport implemented in Python, carrying real sessions
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Two transports written in Python through the McpTransport interface: one
# speaks newline-delimited JSON to a subprocess (the C mcp-everything-server),
# the other is an in-process pair joining an McpServer and an McpClient.
#
# How a binding implements an asynchronous virtual function: make a Gio.Task
# with the callback and *no* user data (PyGObject has already bound the
# user data to the callback it passes in), return through the task, and
# propagate in the _finish virtual function.

import unittest

from mcptest import (GLib, GObject_, Gio, Json, Mcp, call_tool, connect, disconnect,
                     everything_server, json, list_tools, ping, run_until, to_py, wait_async)

from server import make_server

GObject = GObject_

# The two eras (docs/eras.md): a client whose requested-protocol-version is
# NULL detects the era, and lands on the modern one against our servers.
LEGACY = Mcp.PROTOCOL_VERSION_LATEST
MODERN = '2026-07-28'


def make_client(name, protocol_version):
    client = Mcp.Client.new(name, '1.0')
    client.set_requested_protocol_version(protocol_version)
    return client


class TransportState:
    """State handling shared by the two transports below.

    A plain mixin: each transport class names Mcp.Transport itself and binds
    the do_* methods in its own body, because PyGObject only installs vfuncs
    found in the class's own namespace. Were the interface implemented by a
    common GObject base class instead, its subclasses would share one
    interface vtable and override each other's vfuncs.
    """

    def __init__(self):
        GObject.Object.__init__(self)
        self.state = Mcp.TransportState.DISCONNECTED
        self.sent = 0

    def set_state(self, state):
        if state != self.state:
            old, self.state = self.state, state
            self.emit_state_changed(old, state)

    def do_get_state(self):
        return self.state

    def do_connect_finish(self, result):
        return result.propagate_boolean()

    def do_disconnect_finish(self, result):
        return result.propagate_boolean()

    def do_send_message_finish(self, result):
        return result.propagate_boolean()


class SubprocessTransport(TransportState, GObject.Object, Mcp.Transport):
    """Newline-delimited JSON over a child's stdin and stdout."""

    do_get_state = TransportState.do_get_state
    do_connect_finish = TransportState.do_connect_finish
    do_disconnect_finish = TransportState.do_disconnect_finish
    do_send_message_finish = TransportState.do_send_message_finish

    def __init__(self, argv):
        super().__init__()
        self.argv = argv
        self.process = None

    def do_connect_async(self, cancellable, callback, user_data):
        task = Gio.Task.new(self, cancellable, callback)
        self.set_state(Mcp.TransportState.CONNECTING)
        try:
            self.process = Gio.Subprocess.new(
                self.argv, Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE)
        except GLib.Error as error:
            self.set_state(Mcp.TransportState.DISCONNECTED)
            task.return_error(error)
            return
        self.input = Gio.DataInputStream.new(self.process.get_stdout_pipe())
        self.output = self.process.get_stdin_pipe()
        self.set_state(Mcp.TransportState.CONNECTED)
        self.read_next()
        task.return_boolean(True)

    def read_next(self):
        self.input.read_line_async(GLib.PRIORITY_DEFAULT, None, self.on_line)

    def on_line(self, stream, result):
        try:
            line, _ = stream.read_line_finish_utf8(result)
        except GLib.Error:
            line = None
        if line is None:
            self.set_state(Mcp.TransportState.DISCONNECTED)
            return
        try:
            message = Json.from_string(line)
        except GLib.Error as error:
            self.emit_error(GLib.Error.new_literal(Mcp.error_quark(), error.message,
                                                   Mcp.Error.PARSE_ERROR))
        else:
            self.emit_message_received(message)
        self.read_next()

    def do_send_message_async(self, message, related_request_id, cancellable, callback,
                              user_data):
        task = Gio.Task.new(self, cancellable, callback)
        if self.state != Mcp.TransportState.CONNECTED:
            task.return_error(GLib.Error.new_literal(Mcp.error_quark(), 'not connected',
                                                     Mcp.Error.NOT_CONNECTED))
            return
        self.sent += 1
        data = Json.to_string(message, False).encode('utf-8') + b'\n'
        self.output.write_all(data, None)
        task.return_boolean(True)

    def do_disconnect_async(self, cancellable, callback, user_data):
        task = Gio.Task.new(self, cancellable, callback)
        if self.process is None or self.state == Mcp.TransportState.DISCONNECTED:
            task.return_boolean(True)
            return
        self.set_state(Mcp.TransportState.DISCONNECTING)
        self.output.close(None)

        def exited(process, result):
            process.wait_finish(result)
            self.set_state(Mcp.TransportState.DISCONNECTED)
            task.return_boolean(True)

        self.process.wait_async(None, exited)


class PairTransport(TransportState, GObject.Object, Mcp.Transport):
    """One end of an in-process pair; messages cross over from an idle."""

    do_get_state = TransportState.do_get_state
    do_connect_finish = TransportState.do_connect_finish
    do_disconnect_finish = TransportState.do_disconnect_finish
    do_send_message_finish = TransportState.do_send_message_finish

    def __init__(self):
        super().__init__()
        self.peer = None

    @staticmethod
    def pair():
        a, b = PairTransport(), PairTransport()
        a.peer, b.peer = b, a
        return a, b

    def do_connect_async(self, cancellable, callback, user_data):
        task = Gio.Task.new(self, cancellable, callback)
        self.set_state(Mcp.TransportState.CONNECTED)
        task.return_boolean(True)

    def do_send_message_async(self, message, related_request_id, cancellable, callback,
                              user_data):
        task = Gio.Task.new(self, cancellable, callback)
        self.sent += 1
        copy = message.copy()
        peer = self.peer

        def deliver():
            if peer.state == Mcp.TransportState.CONNECTED:
                peer.emit_message_received(copy)
            return GLib.SOURCE_REMOVE

        GLib.idle_add(deliver)
        task.return_boolean(True)

    def do_disconnect_async(self, cancellable, callback, user_data):
        task = Gio.Task.new(self, cancellable, callback)
        peer = self.peer
        self.set_state(Mcp.TransportState.DISCONNECTED)
        GLib.idle_add(lambda: peer.set_state(Mcp.TransportState.DISCONNECTED) and False)
        task.return_boolean(True)


class SubprocessTransportTest(unittest.TestCase):

    def everything_server(self, protocol_version):
        transport = SubprocessTransport([everything_server()])
        states = []
        transport.connect('state-changed', lambda t, old, new: states.append(new))
        client = make_client('python-transport', protocol_version)
        self.assertTrue(connect(client, transport))
        self.assertEqual(client.get_server_name(), 'mcp-everything-server')
        self.assertEqual(client.get_protocol_version(), protocol_version or MODERN)

        names = [t.get_name() for t in list_tools(client)]
        self.assertIn('echo', names)
        self.assertEqual(call_tool(client, 'echo', '{"message": "over Python"}').dup_text(),
                         'Echo: over Python')

        progress = []
        result = wait_async(
            lambda cb: client.call_tool_full_async(
                'test_tool_with_progress', json('{}'), Mcp.RequestFlags.PROGRESS, -1,
                lambda p, total, message, *u: progress.append((p, total)),
                cancellable=None, callback=cb),
            client.call_tool_finish)
        self.assertEqual(result.dup_text(), 'Tool with progress completed')
        self.assertEqual(progress, [(0, 100), (50, 100), (100, 100)])
        self.assertTrue(ping(client))

        self.assertTrue(disconnect(client))
        self.assertEqual(transport.get_state(), Mcp.TransportState.DISCONNECTED)
        self.assertEqual(transport.process.get_exit_status(), 0)
        self.assertEqual(states[:2], [Mcp.TransportState.CONNECTING, Mcp.TransportState.CONNECTED])
        self.assertEqual(states[-1], Mcp.TransportState.DISCONNECTED)
        # Legacy: initialize, notifications/initialized, then the four
        # requests. Modern: server/discover, then the four (ping is a
        # server/discover too).
        self.assertGreaterEqual(transport.sent, 6 if protocol_version == LEGACY else 5)

    def test_everything_server_legacy(self):
        self.everything_server(LEGACY)

    def test_everything_server_modern(self):
        self.everything_server(None)

    def test_server_exits(self):
        # The child going away closes the session and fails what is pending.
        transport = SubprocessTransport([everything_server()])
        client = Mcp.Client.new('python-transport', '1.0')
        self.assertTrue(connect(client, transport))
        closed = []
        client.get_session().connect('closed', lambda s: closed.append(True))
        results = []
        client.call_tool_async('delay', json('{"ms": 600000}'), None,
                               lambda c, r: results.append(r))
        GLib.timeout_add(50, lambda: transport.process.send_signal(15) or False)
        run_until(lambda: results and closed)
        with self.assertRaises(GLib.Error) as caught:
            client.call_tool_finish(results[0])
        self.assertTrue(caught.exception.matches(Mcp.error_quark(),
                                                 Mcp.Error.CONNECTION_CLOSED))
        self.assertFalse(client.is_connected())


class PairTransportTest(unittest.TestCase):

    def python_server_and_client(self, protocol_version):
        client_end, server_end = PairTransport.pair()
        server = make_server()
        sessions = []
        server.connect('session-added', lambda s, session: sessions.append(session))
        server.add_transport(server_end)
        client = make_client('python-pair', protocol_version)
        self.assertTrue(connect(client, client_end))
        self.assertEqual(client.get_server_name(), 'python-server')
        self.assertEqual(client.get_protocol_version(), protocol_version or MODERN)
        # One connection, one McpServerSession, on either era; only a legacy
        # client initializes it (a modern one sends its identity with each
        # request instead).
        self.assertEqual(len(sessions), 1)
        if protocol_version == LEGACY:
            self.assertTrue(sessions[0].is_initialized())
            self.assertEqual(to_py(sessions[0].get_client_info())['name'], 'python-pair')
        else:
            self.assertFalse(sessions[0].is_initialized())

        self.assertEqual(call_tool(client, 'add', '{"a": 1.5, "b": 2}').dup_text(), '3.5')
        self.assertEqual(call_tool(client, 'countdown', '{"steps": 2}').dup_text(), 'liftoff')

        # The server sees the client leave.
        removed = []
        server.connect('session-removed', lambda s, session: removed.append(session))
        self.assertTrue(disconnect(client))
        run_until(lambda: removed)
        self.assertEqual(server.get_n_sessions(), 0)
        self.assertGreater(client_end.sent, 3 if protocol_version == LEGACY else 2)
        self.assertGreater(server_end.sent, 3 if protocol_version == LEGACY else 2)

    def test_python_server_and_client_legacy(self):
        self.python_server_and_client(LEGACY)

    def test_python_server_and_client_modern(self):
        self.python_server_and_client(None)


class CustomTransportTest(unittest.TestCase):
    """The same over McpCustomTransport: signals instead of vfuncs, the way
    GJS (which cannot implement the interface) writes transports."""

    def test_python_server_and_client(self):
        client_end, server_end = Mcp.CustomTransport(), Mcp.CustomTransport()
        sent = []
        for source, peer in ((client_end, server_end), (server_end, client_end)):
            def send(transport, message, related_request_id, peer=peer):
                sent.append(transport)
                copy = message.copy()
                GLib.idle_add(lambda: peer.receive(copy) or False)
                return True
            source.connect('send-message', send)
            source.connect('closing', lambda transport, peer=peer: peer.close())

        server = make_server()
        removed = []
        server.connect('session-removed', lambda s, session: removed.append(session))
        server.add_transport(server_end)
        client = Mcp.Client.new('python-custom', '1.0')
        self.assertTrue(connect(client, client_end))
        self.assertEqual(call_tool(client, 'add', '{"a": 20, "b": 22}').dup_text(), '42')
        self.assertEqual(read_resource_text(client, 'python://greeting'), 'Hello from Python')
        self.assertTrue(disconnect(client))
        run_until(lambda: removed)
        self.assertGreater(sent.count(client_end), 2)
        self.assertGreater(sent.count(server_end), 2)

    def test_manual_connect_fails(self):
        transport = Mcp.CustomTransport(auto_connect=False)
        refused = GLib.Error.new_literal(Gio.io_error_quark(), 'refused',
                                         Gio.IOErrorEnum.CONNECTION_REFUSED)
        transport.connect('opening', lambda t: GLib.idle_add(lambda: t.fail(refused) or False))
        client = Mcp.Client.new('python-custom', '1.0')
        with self.assertRaises(GLib.Error) as caught:
            connect(client, transport)
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.CONNECTION_REFUSED))
        self.assertEqual(transport.props.state, Mcp.TransportState.DISCONNECTED)


class RawSessionTest(unittest.TestCase):
    """McpSession without MCP on top: request handlers written in Python,
    replies now and later, progress, errors, notifications."""

    def test_sessions(self):
        a_end, b_end = Mcp.CustomTransport(), Mcp.CustomTransport()
        for source, peer in ((a_end, b_end), (b_end, a_end)):
            def send(transport, message, related_request_id, peer=peer):
                copy = message.copy()
                GLib.idle_add(lambda: peer.receive(copy) or False)
                return True
            source.connect('send-message', send)
        a, b = Mcp.Session.new(a_end), Mcp.Session.new(b_end)
        for end in (a_end, b_end):
            self.assertTrue(wait_async(lambda cb, end=end: end.connect_async(None, cb),
                                       end.connect_finish))

        def double(session, request, *user_data):
            value = to_py(request.get_params())['value']
            if value < 0:
                request.return_error(Mcp.JsonRpcErrorCode.INVALID_PARAMS, 'negative', None)
                return
            request.send_progress(1, 2, 'halfway')

            def later():
                request.return_result(Json.from_string('{"value": %d}' % (2 * value)))
                return GLib.SOURCE_REMOVE

            GLib.timeout_add(10, later)

        a.set_request_handler('math/double', double)
        notes = []
        a.connect('notification::notes/hello',
                  lambda session, method, params: notes.append((method, to_py(params))))

        progress = []
        reply = wait_async(
            lambda cb: b.send_request_full_async(
                'math/double', Json.from_string('{"value": 21}'), None,
                Mcp.RequestFlags.PROGRESS, -1,
                lambda p, total, message, *u: progress.append((p, total, message)),
                cancellable=None, callback=cb),
            b.send_request_finish)
        self.assertEqual(to_py(reply), {'value': 42})
        self.assertEqual(progress, [(1, 2, 'halfway')])

        with self.assertRaises(GLib.Error) as caught:
            wait_async(lambda cb: b.send_request_async('math/double',
                                                       Json.from_string('{"value": -1}'),
                                                       None, cb),
                       b.send_request_finish)
        self.assertTrue(caught.exception.matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS))
        self.assertEqual(Mcp.error_get_jsonrpc_code(caught.exception), -32602)

        with self.assertRaises(GLib.Error) as caught:
            wait_async(lambda cb: b.send_request_async('math/triple', None, None, cb),
                       b.send_request_finish)
        self.assertTrue(caught.exception.matches(Mcp.error_quark(), Mcp.Error.METHOD_NOT_FOUND))

        b.notify('notes/hello', Json.from_string('{"from": "b"}'))
        run_until(lambda: notes)
        self.assertEqual(notes, [('notes/hello', {'from': 'b'})])

        closed = []
        b.connect('closed', lambda session: closed.append(True))
        a_end.close()
        b_end.close()
        run_until(lambda: closed)
        self.assertTrue(b.is_closed())


def read_resource_text(client, uri):
    contents = wait_async(lambda cb: client.read_resource_async(uri, None, cb),
                          client.read_resource_finish)
    return to_py(contents[0])['text']


if __name__ == '__main__':
    unittest.main(verbosity=2)
