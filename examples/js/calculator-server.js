// calculator-server.js: an MCP server with four arithmetic tools, over stdio
//
// Copyright 2026 The mcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   gjs -m calculator-server.js
//
// The same server as calculator-server.c: add, subtract, multiply, divide
// (numbers a and b) and sum (a list, with progress reports, completed from
// the main loop). Try it:
//   mcp-cli --stdio 'gjs -m examples/js/calculator-server.js' call multiply a=6 b=7

import GLib from 'gi://GLib';
import Json from 'gi://Json';
import Mcp from 'gi://Mcp?version=1.0';

const BINARY = JSON.stringify({
    type: 'object',
    properties: {a: {type: 'number'}, b: {type: 'number'}},
    required: ['a', 'b'],
});
const RESULT = JSON.stringify({
    type: 'object',
    properties: {result: {type: 'number'}},
    required: ['result'],
});

function returnNumber(call, value) {
    const result = Mcp.ToolResult.new_text(String(Number(value.toPrecision(15))));
    result.set_structured_content(Json.from_string(JSON.stringify({result: value})));
    call.return_result(result);
}

// Handlers must complete their call: catch what they throw and say so.
function binary(operation) {
    return (server, call) => {
        try {
            returnNumber(call, operation(call.get_double('a', 0), call.get_double('b', 0)));
        } catch (e) {
            call.return_error(e.message);
        }
    };
}

function sum(server, call) {
    const numbers = JSON.parse(Json.to_string(call.get_arguments(), false)).numbers;
    let next = 0, total = 0;
    GLib.idle_add(GLib.PRIORITY_DEFAULT_IDLE, () => {
        if (call.is_cancelled())
            return GLib.SOURCE_REMOVE;
        if (next < numbers.length) {
            total += numbers[next++];
            call.send_progress(next, numbers.length, null);
            return GLib.SOURCE_CONTINUE;
        }
        returnNumber(call, total);
        return GLib.SOURCE_REMOVE;
    });
}

function addTool(server, name, description, schema, handler) {
    const tool = Mcp.Tool.new(name, description);
    tool.set_input_schema_json(schema);
    tool.set_output_schema_json(RESULT);
    tool.set_hint('readOnlyHint', true);
    server.add_tool(tool, handler);
}

const loop = new GLib.MainLoop(null, false);
const server = new Mcp.Server({name: 'calculator', version: '1.0'});
server.set_instructions('Arithmetic on numbers. Use sum for long lists.');
addTool(server, 'add', 'Adds b to a', BINARY, binary((a, b) => a + b));
addTool(server, 'subtract', 'Subtracts b from a', BINARY, binary((a, b) => a - b));
addTool(server, 'multiply', 'Multiplies a by b', BINARY, binary((a, b) => a * b));
addTool(server, 'divide', 'Divides a by b', BINARY, binary((a, b) => {
    if (b === 0)
        throw new RangeError('Cannot divide by zero');
    return a / b;
}));
addTool(server, 'sum', 'Adds a list of numbers, reporting progress', JSON.stringify({
    type: 'object',
    properties: {numbers: {type: 'array', items: {type: 'number'}}},
    required: ['numbers'],
}), sum);

server.connect('session-removed', () => loop.quit());
server.add_transport(Mcp.StdioTransport.new());
loop.run();
