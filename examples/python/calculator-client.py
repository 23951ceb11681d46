#!/usr/bin/env python3
# calculator-client.py: an MCP client that uses the calculator server
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   python3 calculator-client.py SERVER-COMMAND [ARG...]
#
# Starts the server over stdio (any of the calculator-server examples),
# lists its tools, makes a few calls — one fails on purpose, one reports
# progress — and disconnects. Exits 0 when every answer was the expected one.
#
# The callbacks only store what they receive and quit the loop; the program
# looks at the results after loop.run() returns, where an exception is not
# swallowed by GLib.

import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Json', '1.0')
gi.require_version('Mcp', '1.0')

from gi.repository import GLib, Json, Mcp  # noqa: E402

CALLS = [
    ('add', '{"a": 2, "b": 3}', '5', False),
    ('multiply', '{"a": 6, "b": 7}', '42', False),
    ('divide', '{"a": 1, "b": 0}', 'Cannot divide by zero', True),
    ('sum', '{"numbers": [1, 2, 3, 4]}', '10', False),
]

loop = GLib.MainLoop()


def wait(start):
    """Runs start(callback) and the main loop until the callback ran."""
    results = []

    def callback(source, result, *user_data):
        results.append(result)
        loop.quit()

    start(callback)
    loop.run()
    return results[0]


def main(argv):
    if len(argv) < 2:
        print('usage: calculator-client.py SERVER-COMMAND [ARG...]', file=sys.stderr)
        return 2

    client = Mcp.Client.new('calculator-client', '1.0')
    transport = Mcp.StdioTransport.new_for_command(argv[1:])
    client.connect_finish(wait(lambda cb: client.connect_async(transport, None, cb)))
    print('Connected to %s %s' % (client.get_server_name(), client.get_server_version()))

    tools = client.list_all_tools_finish(wait(lambda cb: client.list_all_tools_async(None, cb)))
    print('%d tools: %s' % (len(tools), ' '.join(t.get_name() for t in tools)))

    status = 0
    for tool, arguments, expected, is_error in CALLS:
        def on_progress(progress, total, message, *user_data):
            print('  progress %g of %g' % (progress, total))

        # The second callback goes by keyword (see docs/bindings.md).
        result = client.call_tool_finish(wait(lambda cb: client.call_tool_full_async(
            tool, Json.from_string(arguments), Mcp.RequestFlags.PROGRESS, -1, on_progress,
            cancellable=None, callback=cb)))
        text = result.dup_text()
        print('%s %s -> %s%s' % (tool, arguments, 'error: ' if result.get_is_error() else '', text))
        if text != expected or result.get_is_error() != is_error:
            status = 1

    client.disconnect_finish(wait(lambda cb: client.disconnect_async(None, cb)))
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv))
