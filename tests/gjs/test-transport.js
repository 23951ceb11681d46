// test-transport.js: transports written in JavaScript with McpCustomTransport
//
// Copyright 2026 The mcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// GJS cannot implement the McpTransport interface itself (its virtual
// functions take callbacks); McpCustomTransport hands the I/O to signals
// instead. Here it carries newline-delimited JSON to the C
// mcp-everything-server over a Gio.Subprocess, and joins a GJS McpServer and
// McpClient in one process.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Json from 'gi://Json';
import Mcp from 'gi://Mcp?version=1.0';

import {assert, assertEqual, assertRejects, buildPath, json, run, sleep, until} from './harness.js';

Gio._promisify(Gio.DataInputStream.prototype, 'read_line_async', 'read_line_finish_utf8');
Gio._promisify(Gio.Subprocess.prototype, 'wait_async', 'wait_finish');

// Newline-delimited JSON to a child process.
function subprocessTransport(argv) {
    const transport = new Mcp.CustomTransport({auto_connect: false});
    let process = null;

    transport.connect('opening', () => {
        process = Gio.Subprocess.new(argv,
            Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE);
        const input = Gio.DataInputStream.new(process.get_stdout_pipe());
        transport.set_connected();
        (async () => {
            for (;;) {
                // eslint-disable-next-line no-await-in-loop
                const [line] = await input.read_line_async(GLib.PRIORITY_DEFAULT, null);
                if (line === null)
                    break;
                transport.receive(Json.from_string(line));
            }
            transport.close();
        })().catch(e => transport.fail(new GLib.Error(Gio.io_error_quark(),
            Gio.IOErrorEnum.FAILED, e.message)));
    });
    transport.connect('send-message', (t, message) => {
        const data = new TextEncoder().encode(`${Json.to_string(message, false)}\n`);
        process.get_stdin_pipe().write_all(data, null);
        return true;
    });
    transport.connect('closing', () => process.get_stdin_pipe().close(null));
    return {transport, process: () => process};
}

// Two ends whose messages cross over from an idle.
function pair() {
    const a = new Mcp.CustomTransport();
    const b = new Mcp.CustomTransport();
    for (const [from, to] of [[a, b], [b, a]]) {
        from.connect('send-message', (t, message) => {
            const copy = message.copy();
            GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
                to.receive(copy);
                return GLib.SOURCE_REMOVE;
            });
            return true;
        });
        from.connect('closing', () => to.close());
    }
    return [a, b];
}

// The two eras (docs/eras.md): pinned to a legacy session, or null (the
// default) to detect the era, which is the modern one against McpServer.
const LEGACY = '2025-11-25';
const MODERN = '2026-07-28';

async function testSubprocess(version) {
    const {transport, process} = subprocessTransport([buildPath('examples/mcp-everything-server')]);
    const states = [];
    transport.connect('state-changed', (t, old, state) => states.push(state));
    const client = new Mcp.Client({name: 'gjs-custom', version: '1.0',
        requested_protocol_version: version});
    assert(await client.connect_async(transport, null), 'connect');
    assertEqual(client.get_protocol_version(), version ?? MODERN, 'protocol version');
    assertEqual(client.get_server_name(), 'mcp-everything-server', 'server name');

    const echo = await client.call_tool_async('echo', json('{"message": "over JS"}'), null);
    assertEqual(echo.dup_text(), 'Echo: over JS', 'echo');
    const progress = [];
    const result = await client.call_tool_full_async('test_tool_with_progress', json('{}'),
        Mcp.RequestFlags.PROGRESS, -1, p => progress.push(p), null);
    assertEqual(result.dup_text(), 'Tool with progress completed', 'progress tool');
    assertEqual(progress, [0, 50, 100], 'progress');

    assert(await client.disconnect_async(null), 'disconnect');
    await process().wait_async(null);
    assertEqual(process().get_exit_status(), 0, 'server exit status');
    assertEqual(states, [Mcp.TransportState.CONNECTING, Mcp.TransportState.CONNECTED,
        Mcp.TransportState.DISCONNECTING, Mcp.TransportState.DISCONNECTED], 'states');
}

async function testServerGoesAway() {
    const {transport, process} = subprocessTransport([buildPath('examples/mcp-everything-server')]);
    const client = new Mcp.Client({name: 'gjs-custom', version: '1.0'});
    assert(await client.connect_async(transport, null), 'connect');
    let closed = false;
    client.connect('closed', () => (closed = true));
    const call = client.call_tool_async('delay', json('{"ms": 600000}'), null);
    await sleep(50);
    process().send_signal(15);
    await assertRejects(call, Mcp.error_quark(), Mcp.Error.CONNECTION_CLOSED, 'pending call');
    await until(() => closed, 'closed signal');
    assert(!client.is_connected(), 'client disconnected');
}

async function testGjsServerAndClient(version) {
    const [clientEnd, serverEnd] = pair();
    const server = new Mcp.Server({name: 'gjs-pair', version: '1.0'});
    const tool = Mcp.Tool.new('shout', 'Upper-cases its text');
    tool.set_input_schema_json('{"type":"object","properties":{"text":{"type":"string"}}}');
    server.add_tool(tool, (srv, call) => call.return_text(call.get_string('text', '').toUpperCase()));
    let removed = 0;
    server.connect('session-removed', () => removed++);
    server.add_transport(serverEnd);

    const client = new Mcp.Client({name: 'gjs-pair-client', version: '1.0',
        requested_protocol_version: version});
    assert(await client.connect_async(clientEnd, null), 'connect');
    assertEqual(client.get_protocol_version(), version ?? MODERN, 'protocol version');
    const result = await client.call_tool_async('shout', json('{"text": "quiet"}'), null);
    assertEqual(result.dup_text(), 'QUIET', 'shout');
    const invalid = await client.call_tool_async('shout', json('{"text": 3}'), null);
    assert(invalid.get_is_error(), 'arguments are checked against the schema');

    assert(await client.disconnect_async(null), 'disconnect');
    await until(() => removed === 1, 'session removed');
    assertEqual(server.get_n_sessions(), 0, 'sessions');
}

run([
    ['custom transport: subprocess to mcp-everything-server (legacy)',
        () => testSubprocess(LEGACY)],
    ['custom transport: subprocess to mcp-everything-server (modern)', () => testSubprocess(null)],
    ['custom transport: the server goes away', testServerGoesAway],
    ['custom transport: GJS server and client in one process (legacy)',
        () => testGjsServerAndClient(LEGACY)],
    ['custom transport: GJS server and client in one process (modern)',
        () => testGjsServerAndClient(null)],
]);
