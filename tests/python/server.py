#!/usr/bin/env python3
# server.py: an MCP server written in Python, for the binding tests
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   server.py            serve one client on stdin/stdout
#
# Tools: add (synchronous), countdown (asynchronous, reports progress and
# logs), wait (asynchronous, cancellable), fail (returns isError), stats
# (what the server has seen).

import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Json', '1.0')
gi.require_version('Mcp', '1.0')

from gi.repository import GLib, Json, Mcp  # noqa: E402

stats = {'calls': 0, 'cancelled': 0}


def tool(name, description, schema):
    t = Mcp.Tool.new(name, description)
    t.set_input_schema_json(schema)
    return t


def add(server, call, *user_data):
    stats['calls'] += 1
    a = call.get_double('a', 0)
    b = call.get_double('b', 0)
    total = a + b
    result = Mcp.ToolResult.new_text('%g' % total)
    result.set_structured_content(Json.from_string('{"sum": %r}' % total))
    call.return_result(result)


def countdown(server, call, *user_data):
    """Asynchronous: one step every 20 ms, completed from a timer."""
    stats['calls'] += 1
    steps = call.get_int('steps', 3)
    state = {'left': steps}

    def step():
        if call.is_cancelled():
            return GLib.SOURCE_REMOVE
        done = steps - state['left']
        call.send_progress(done, steps, 'step %d of %d' % (done, steps))
        call.log(Mcp.LoggingLevel.INFO, 'countdown',
                 Json.from_string('"%d left"' % state['left']))
        if state['left'] == 0:
            call.return_text('liftoff')
            return GLib.SOURCE_REMOVE
        state['left'] -= 1
        return GLib.SOURCE_CONTINUE

    GLib.timeout_add(20, step)


def wait(server, call, *user_data):
    """Answers after `ms`, or never once the client cancels."""
    stats['calls'] += 1
    state = {}

    def done():
        call.get_cancellable().disconnect(state['handler'])
        call.return_text('waited')
        return GLib.SOURCE_REMOVE

    # Gio.Cancellable.connect() is g_cancellable_connect(): the callback gets
    # only the user data.
    def cancelled(*user_data):
        stats['cancelled'] += 1
        # Not from inside the handler: it runs under the cancellable's lock.
        GLib.idle_add(lambda: GLib.source_remove(state['timer']) and False)

    state['timer'] = GLib.timeout_add(call.get_int('ms', 0), done)
    state['handler'] = call.get_cancellable().connect(cancelled)


def fail(server, call, *user_data):
    stats['calls'] += 1
    call.return_error('it failed on purpose')


def report(server, call, *user_data):
    result = Mcp.ToolResult.new_text('%(calls)d calls, %(cancelled)d cancelled' % stats)
    result.set_structured_content(
        Json.from_string('{"calls": %(calls)d, "cancelled": %(cancelled)d}' % stats))
    call.return_result(result)


def make_server():
    server = Mcp.Server.new('python-server', '1.0')
    server.set_instructions('A server written in Python.')
    server.add_tool(tool('add', 'Adds two numbers',
                         '{"type":"object","properties":{"a":{"type":"number"},'
                         '"b":{"type":"number"}},"required":["a","b"]}'), add)
    server.add_tool(tool('countdown', 'Counts down, reporting progress',
                         '{"type":"object","properties":{"steps":{"type":"integer"}}}'),
                    countdown)
    server.add_tool(tool('wait', 'Answers after ms milliseconds',
                         '{"type":"object","properties":{"ms":{"type":"integer"}}}'),
                    wait)
    server.add_tool(tool('fail', 'Always fails', '{"type":"object"}'), fail)
    server.add_tool(tool('stats', 'What the server has seen', '{"type":"object"}'), report)
    return server


def main():
    loop = GLib.MainLoop()
    server = make_server()
    server.connect('session-removed', lambda *args: loop.quit())
    stdio = Mcp.StdioTransport.new()
    server.add_transport(stdio)
    loop.run()
    return 0


if __name__ == '__main__':
    sys.exit(main())
