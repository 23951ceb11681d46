#!/usr/bin/env python3
# calculator-server.py: an MCP server with four arithmetic tools, over stdio
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   python3 calculator-server.py
#
# The same server as calculator-server.c: add, subtract, multiply, divide
# (numbers a and b) and sum (a list, with progress reports, completed from
# the main loop). Try it:
#   mcp-cli --stdio 'python3 examples/python/calculator-server.py' call add a=1 b=2

import json

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Json', '1.0')
gi.require_version('Mcp', '1.0')

from gi.repository import GLib, Json, Mcp  # noqa: E402

BINARY = json.dumps({'type': 'object',
                     'properties': {'a': {'type': 'number'}, 'b': {'type': 'number'}},
                     'required': ['a', 'b']})
RESULT = json.dumps({'type': 'object', 'properties': {'result': {'type': 'number'}},
                     'required': ['result']})


def return_number(call, value):
    result = Mcp.ToolResult.new_text('%.15g' % value)
    result.set_structured_content(Json.from_string(json.dumps({'result': value})))
    call.return_result(result)


def binary(operation):
    def handler(server, call, *user_data):
        a, b = call.get_double('a', 0), call.get_double('b', 0)
        try:
            return_number(call, operation(a, b))
        except ZeroDivisionError:
            call.return_error('Cannot divide by zero')
    return handler


def sum_numbers(server, call, *user_data):
    """Adds one number per main-loop iteration, reporting progress."""
    numbers = json.loads(Json.to_string(call.get_arguments(), False))['numbers']
    state = {'next': 0, 'total': 0.0}

    def step():
        if call.is_cancelled():
            return GLib.SOURCE_REMOVE
        if state['next'] < len(numbers):
            state['total'] += numbers[state['next']]
            state['next'] += 1
            call.send_progress(state['next'], len(numbers), None)
            return GLib.SOURCE_CONTINUE
        return_number(call, state['total'])
        return GLib.SOURCE_REMOVE

    GLib.idle_add(step)


def add_tool(server, name, description, schema, handler):
    tool = Mcp.Tool.new(name, description)
    tool.set_input_schema_json(schema)
    tool.set_output_schema_json(RESULT)
    tool.set_hint('readOnlyHint', True)
    server.add_tool(tool, handler)


def main():
    loop = GLib.MainLoop()
    server = Mcp.Server.new('calculator', '1.0')
    server.set_instructions('Arithmetic on numbers. Use sum for long lists.')
    add_tool(server, 'add', 'Adds b to a', BINARY, binary(lambda a, b: a + b))
    add_tool(server, 'subtract', 'Subtracts b from a', BINARY, binary(lambda a, b: a - b))
    add_tool(server, 'multiply', 'Multiplies a by b', BINARY, binary(lambda a, b: a * b))
    add_tool(server, 'divide', 'Divides a by b', BINARY, binary(lambda a, b: a / b))
    add_tool(server, 'sum', 'Adds a list of numbers, reporting progress',
             json.dumps({'type': 'object',
                         'properties': {'numbers': {'type': 'array',
                                                    'items': {'type': 'number'}}},
                         'required': ['numbers']}),
             sum_numbers)

    server.connect('session-removed', lambda *args: loop.quit())
    server.add_transport(Mcp.StdioTransport.new())
    loop.run()


if __name__ == '__main__':
    main()
