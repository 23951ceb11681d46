// server.js: an MCP server written in JavaScript (GJS), served over stdio
//
// Copyright 2026 The mcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Tools: reverse (synchronous), count (asynchronous, reports progress),
// divide (turns a JavaScript exception into an error result).

import GLib from 'gi://GLib';
import Json from 'gi://Json';
import Mcp from 'gi://Mcp?version=1.0';

const loop = new GLib.MainLoop(null, false);
const server = new Mcp.Server({name: 'gjs-server', version: '1.0'});

function tool(name, description, schema) {
    const t = Mcp.Tool.new(name, description);
    t.set_input_schema_json(JSON.stringify(schema));
    return t;
}

server.add_tool(tool('reverse', 'Reverses a string', {
    type: 'object',
    properties: {text: {type: 'string'}},
    required: ['text'],
}), (srv, call) => {
    call.return_text([...call.get_string('text', '')].reverse().join(''));
});

server.add_tool(tool('count', 'Counts to n, one step every 10 ms', {
    type: 'object',
    properties: {n: {type: 'integer'}},
}), (srv, call) => {
    const n = call.get_int('n', 3);
    let i = 0;
    GLib.timeout_add(GLib.PRIORITY_DEFAULT, 10, () => {
        i++;
        call.send_progress(i, n, `${i} of ${n}`);
        if (i < n)
            return GLib.SOURCE_CONTINUE;
        const result = Mcp.ToolResult.new_text(`counted to ${n}`);
        result.set_structured_content(Json.from_string(JSON.stringify({count: n})));
        call.return_result(result);
        return GLib.SOURCE_REMOVE;
    });
});

// A handler that throws leaves the call unanswered until the garbage
// collector drops the McpToolCall; catch and answer instead.
server.add_tool(tool('divide', 'Divides a by b', {
    type: 'object',
    properties: {a: {type: 'number'}, b: {type: 'number'}},
}), (srv, call) => {
    try {
        const b = call.get_double('b', 0);
        if (b === 0)
            throw new RangeError('division by zero');
        call.return_text(String(call.get_double('a', 0) / b));
    } catch (e) {
        call.return_error(e.message);
    }
});

server.connect('session-removed', () => loop.quit());
server.add_transport(Mcp.StdioTransport.new());
loop.run();
