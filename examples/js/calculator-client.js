// calculator-client.js: an MCP client that uses the calculator server
//
// Copyright 2026 The mcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   gjs -m calculator-client.js SERVER-COMMAND [ARG...]
//
// Starts the server over stdio (any of the calculator-server examples),
// lists its tools, makes a few calls — one fails on purpose, one reports
// progress — and disconnects. Exits 0 when every answer was the expected one.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Json from 'gi://Json';
import Mcp from 'gi://Mcp?version=1.0';
import System from 'system';

Gio._promisify(Mcp.Client.prototype, 'connect_async', 'connect_finish');
Gio._promisify(Mcp.Client.prototype, 'disconnect_async', 'disconnect_finish');
Gio._promisify(Mcp.Client.prototype, 'list_all_tools_async', 'list_all_tools_finish');
Gio._promisify(Mcp.Client.prototype, 'call_tool_full_async', 'call_tool_finish');

const CALLS = [
    ['add', '{"a": 2, "b": 3}', '5', false],
    ['multiply', '{"a": 6, "b": 7}', '42', false],
    ['divide', '{"a": 1, "b": 0}', 'Cannot divide by zero', true],
    ['sum', '{"numbers": [1, 2, 3, 4]}', '10', false],
];

async function main(argv) {
    const client = new Mcp.Client({name: 'calculator-client', version: '1.0'});
    await client.connect_async(Mcp.StdioTransport.new_for_command(argv), null);
    print(`Connected to ${client.get_server_name()} ${client.get_server_version()}`);

    const tools = await client.list_all_tools_async(null);
    print(`${tools.length} tools: ${tools.map(t => t.get_name()).join(' ')}`);

    let status = 0;
    for (const [tool, args, expected, isError] of CALLS) {
        // eslint-disable-next-line no-await-in-loop
        const result = await client.call_tool_full_async(tool, Json.from_string(args),
            Mcp.RequestFlags.PROGRESS, -1, (progress, total) => print(`  progress ${progress} of ${total}`),
            null);
        const text = result.dup_text();
        print(`${tool} ${args} -> ${result.get_is_error() ? 'error: ' : ''}${text}`);
        if (text !== expected || result.get_is_error() !== isError)
            status = 1;
    }

    await client.disconnect_async(null);
    return status;
}

if (ARGV.length < 1) {
    printerr('usage: gjs -m calculator-client.js SERVER-COMMAND [ARG...]');
    System.exit(2);
}

// An unhandled rejection would leave the exit status at 0: catch it.
const loop = new GLib.MainLoop(null, false);
let exitStatus = 1;
main(ARGV).then(status => {
    exitStatus = status;
}).catch(e => {
    printerr(`calculator-client.js: ${e.message}`);
}).finally(() => loop.quit());
loop.run();
System.exit(exitStatus);
