# mcptest.py: helpers for the Python binding tests
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every wait runs the main loop with a time limit and hands back what the
# callback received; assertions happen afterwards, in the test body (an
# exception raised inside a GLib callback would be swallowed).

import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('GObject', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Json', '1.0')
gi.require_version('Mcp', '1.0')

from gi.repository import GLib, GObject as GObject_, Gio, Json, Mcp  # noqa: E402

TIMEOUT_S = 20

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = sys.executable


def build_path(relative):
    """Path of a program built in this tree (MCP_BUILD_ROOT is set by meson)."""
    return os.path.join(os.environ['MCP_BUILD_ROOT'], relative)


def everything_server():
    return build_path('examples/mcp-everything-server')


def python_server_argv(*args):
    return [PYTHON, os.path.join(HERE, 'server.py')] + list(args)


class Timeout(Exception):
    pass


def run_until(predicate, timeout_s=TIMEOUT_S):
    """Iterates the default main context until predicate() is true."""
    context = GLib.MainContext.default()
    expired = []

    def on_timeout():
        expired.append(True)
        return GLib.SOURCE_REMOVE

    source_id = GLib.timeout_add(int(timeout_s * 1000), on_timeout)
    try:
        while not predicate() and not expired:
            context.iteration(True)
    finally:
        if not expired:
            GLib.source_remove(source_id)
    if expired:
        raise Timeout('no answer within %s s' % timeout_s)


def wait_async(start, finish, timeout_s=TIMEOUT_S):
    """Calls start(callback), waits for the callback, returns finish(result).

    start is e.g. ``lambda cb: client.ping_async(None, cb)`` and finish
    ``client.ping_finish``; finish runs here, outside the callback, so its
    exception reaches the test.
    """
    results = []

    def callback(source, result, *user_data):
        results.append(result)

    start(callback)
    run_until(lambda: results, timeout_s)
    return finish(results[0])


def spin(ms):
    """Iterates the main context for about ms milliseconds."""
    done = []
    GLib.timeout_add(ms, lambda: done.append(True) or GLib.SOURCE_REMOVE)
    run_until(lambda: done)


def json(text):
    return Json.from_string(text)


def to_py(node):
    """A JsonNode as Python data."""
    import json as pyjson
    return pyjson.loads(Json.to_string(node, False)) if node is not None else None


def connect(client, transport):
    return wait_async(lambda cb: client.connect_async(transport, None, cb),
                      client.connect_finish)


def disconnect(client):
    return wait_async(lambda cb: client.disconnect_async(None, cb),
                      client.disconnect_finish)


def list_tools(client):
    return wait_async(lambda cb: client.list_all_tools_async(None, cb),
                      client.list_all_tools_finish)


def call_tool(client, name, arguments=None, cancellable=None):
    args = json(arguments) if isinstance(arguments, str) else arguments
    return wait_async(lambda cb: client.call_tool_async(name, args, cancellable, cb),
                      client.call_tool_finish)


def ping(client):
    return wait_async(lambda cb: client.ping_async(None, cb), client.ping_finish)


def read_resource(client, uri):
    return wait_async(lambda cb: client.read_resource_async(uri, None, cb),
                      client.read_resource_finish)


def start_http_server(argv):
    """Starts a server that prints "listening on URL" to stderr and serves
    until its stdin closes. Returns the subprocess and the URL."""
    process = Gio.Subprocess.new(argv, Gio.SubprocessFlags.STDIN_PIPE |
                                 Gio.SubprocessFlags.STDERR_PIPE)
    stderr = Gio.DataInputStream.new(process.get_stderr_pipe())
    lines = []

    def read_line():
        stderr.read_line_async(GLib.PRIORITY_DEFAULT, None, on_line)

    def on_line(stream, result):
        line, _ = stream.read_line_finish_utf8(result)
        lines.append(line)
        if line is not None and 'listening on ' not in line:
            read_line()

    read_line()
    run_until(lambda: lines and (lines[-1] is None or 'listening on ' in lines[-1]))
    if lines[-1] is None:
        raise RuntimeError('the server exited: %s' % lines)
    url = lines[-1].split('listening on ', 1)[1].split()[0]
    return process, url


def stop_http_server(process):
    process.get_stdin_pipe().close(None)
    wait_async(lambda cb: process.wait_async(None, cb), process.wait_finish)
    if not process.get_if_exited() or process.get_exit_status() != 0:
        raise RuntimeError('the server did not exit cleanly')
