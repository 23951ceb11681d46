// test-client.js: a GJS McpClient against the Python server and against
// mcp-everything-server, both over stdio
//
// Copyright 2026 The mcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Mcp from 'gi://Mcp?version=1.0';

import {assert, assertEqual, assertRejects, buildPath, json, run, sleep, sourcePath,
    toJs, until} from './harness.js';

const PYTHON = GLib.getenv('MCP_TEST_PYTHON') ?? '/usr/bin/python3';

async function connect(argv) {
    const client = new Mcp.Client({name: 'gjs-client', version: '1.0'});
    const transport = Mcp.StdioTransport.new_for_command(argv);
    assert(await client.connect_async(transport, null), 'connect');
    return client;
}

function pythonServer() {
    return connect([PYTHON, sourcePath('tests/python/server.py')]);
}

function everythingServer() {
    return connect([buildPath('examples/mcp-everything-server')]);
}

async function testPythonTools() {
    const client = await pythonServer();
    assertEqual(client.get_server_name(), 'python-server', 'server name');
    assertEqual(client.get_instructions(), 'A server written in Python.', 'instructions');

    const tools = await client.list_all_tools_async(null);
    assertEqual(tools.map(t => t.get_name()).sort(),
        ['add', 'countdown', 'fail', 'stats', 'wait'], 'tools');

    const sum = await client.call_tool_async('add', json('{"a": 19, "b": 23}'), null);
    assertEqual(sum.dup_text(), '42', 'add');
    assertEqual(toJs(sum.get_structured_content()), {sum: 42}, 'structured content');

    const failed = await client.call_tool_async('fail', json('{}'), null);
    assert(failed.get_is_error(), 'fail is an error result');
    assertEqual(failed.dup_text(), 'it failed on purpose', 'fail text');

    await assertRejects(client.call_tool_async('nope', json('{}'), null),
        Mcp.error_quark(), Mcp.Error.INVALID_PARAMS, 'unknown tool');

    assert(await client.ping_async(null), 'ping');
    assert(await client.disconnect_async(null), 'disconnect');
}

async function testPythonProgressAndLogging() {
    const client = await pythonServer();
    const logs = [];
    client.connect('log-message', (c, level, logger, data) => logs.push([level, logger, toJs(data)]));
    assert(await client.set_logging_level_async(Mcp.LoggingLevel.DEBUG, null), 'set level');

    const progress = [];
    const result = await client.call_tool_full_async('countdown', json('{"steps": 2}'),
        Mcp.RequestFlags.PROGRESS, -1, (p, total, message) => progress.push([p, total, message]),
        null);
    assertEqual(result.dup_text(), 'liftoff', 'countdown');
    assertEqual(progress, [[0, 2, 'step 0 of 2'], [1, 2, 'step 1 of 2'], [2, 2, 'step 2 of 2']],
        'progress');
    await until(() => logs.length === 3, 'log messages');
    assertEqual(logs, [[Mcp.LoggingLevel.INFO, 'countdown', '2 left'],
        [Mcp.LoggingLevel.INFO, 'countdown', '1 left'],
        [Mcp.LoggingLevel.INFO, 'countdown', '0 left']], 'logs');
    assert(await client.disconnect_async(null), 'disconnect');
}

async function testPythonCancellation() {
    const client = await pythonServer();
    const cancellable = new Gio.Cancellable();
    const call = client.call_tool_async('wait', json('{"ms": 600000}'), cancellable);
    await sleep(50);
    cancellable.cancel();
    await assertRejects(call, Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED, 'cancelled call');
    assert(await client.ping_async(null), 'ping after cancel');
    const stats = await client.call_tool_async('stats', json('{}'), null);
    assertEqual(toJs(stats.get_structured_content()).cancelled, 1, 'server saw the cancel');
    assert(await client.disconnect_async(null), 'disconnect');
}

async function testEverythingServerTools() {
    const client = await everythingServer();
    assertEqual(client.get_server_name(), 'mcp-everything-server', 'server name');
    const names = (await client.list_all_tools_async(null)).map(t => t.get_name());
    for (const name of ['echo', 'add', 'test_simple_text', 'test_image_content',
        'test_tool_with_progress', 'test_tool_with_logging', 'test_error_handling'])
        assert(names.includes(name), `tool ${name} listed`);

    const echo = await client.call_tool_async('echo', json('{"message": "from GJS"}'), null);
    assertEqual(echo.dup_text(), 'Echo: from GJS', 'echo');

    const image = await client.call_tool_async('test_image_content', json('{}'), null);
    const block = toJs(image.get_content())[0];
    assertEqual(block.type, 'image', 'image block');
    assertEqual(block.mimeType, 'image/png', 'image mime type');
    assert(GLib.base64_decode(block.data).length > 0, 'image data');

    const error = await client.call_tool_async('test_error_handling', json('{}'), null);
    assert(error.get_is_error(), 'test_error_handling is an error result');
    assert(await client.disconnect_async(null), 'disconnect');
}

async function testEverythingServerProgressLoggingCancel() {
    const client = await everythingServer();
    const progress = [];
    const result = await client.call_tool_full_async('test_tool_with_progress', json('{}'),
        Mcp.RequestFlags.PROGRESS, -1, (p, total) => progress.push([p, total]), null);
    assertEqual(result.dup_text(), 'Tool with progress completed', 'progress tool');
    assertEqual(progress, [[0, 100], [50, 100], [100, 100]], 'progress');

    const logs = [];
    client.connect('log-message', (c, level, logger, data) => logs.push(toJs(data)));
    const logged = await client.call_tool_async('test_tool_with_logging', json('{}'), null);
    assertEqual(logged.dup_text(), 'Tool with logging executed successfully', 'logging tool');
    await until(() => logs.length === 3, 'log messages');
    assertEqual(logs, ['Tool execution started', 'Tool processing data',
        'Tool execution completed'], 'logs');

    const cancellable = new Gio.Cancellable();
    const call = client.call_tool_async('delay', json('{"ms": 600000}'), cancellable);
    await sleep(50);
    cancellable.cancel();
    await assertRejects(call, Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED, 'cancelled call');
    assert(await client.ping_async(null), 'ping after cancel');
    assert(await client.disconnect_async(null), 'disconnect');
}

run([
    ['python server: tools', testPythonTools],
    ['python server: progress and logging', testPythonProgressAndLogging],
    ['python server: cancellation', testPythonCancellation],
    ['everything server: tools', testEverythingServerTools],
    ['everything server: progress, logging, cancellation', testEverythingServerProgressLoggingCancel],
]);
