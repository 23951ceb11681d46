#!/usr/bin/env python3
# server.py: an MCP server written in Python, for the binding tests
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   server.py            serve one client on stdin/stdout
#   server.py --http     serve Streamable HTTP (and legacy SSE) on 127.0.0.1,
#                        a free port; prints "listening on URL" to stderr
#   server.py --ws       the same over WebSocket
#
# Tools: add (synchronous), countdown (asynchronous, reports progress and
# logs), wait (asynchronous, cancellable), fail (returns isError), stats
# (what the server has seen), ask (sampling, elicitation and roots requests
# to the client). Resources: python://greeting (static text),
# python://logo (binary, from a handler), template python://users/{name}.
# Prompt: greet (argument name, completed from a list).

import json
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Json', '1.0')
gi.require_version('Mcp', '1.0')

from gi.repository import GLib, Gio, Json, Mcp  # noqa: E402

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


def ask(server, call, *user_data):
    """Asks the client's model (sampling), then the user (elicitation), then
    for the client's roots, and reports all three answers."""
    stats['calls'] += 1
    question = call.get_string('question', '')
    messages = Json.from_string(json.dumps([{
        'role': 'user', 'content': {'type': 'text', 'text': question}}]))
    answers = {}

    def sampled(call, result):
        try:
            reply = to_py(call.create_message_finish(result))
        except GLib.Error as error:
            call.return_error('sampling failed: %s' % error.message)
            return
        answers['model'] = reply['content']['text']
        schema = Json.from_string('{"type":"object","properties":{"ok":{"type":"boolean"}}}')
        call.elicit_async('Is "%s" right?' % answers['model'], schema, None, elicited)

    def elicited(call, result):
        try:
            ok, action, content = call.elicit_finish(result)
        except GLib.Error as error:
            call.return_error('elicitation failed: %s' % error.message)
            return
        answers['user'] = [Mcp.elicitation_action_to_string(action), to_py(content)]
        call.list_roots_async(None, rooted)

    def rooted(call, result):
        try:
            roots = call.list_roots_finish(result)
        except GLib.Error as error:
            call.return_error('roots failed: %s' % error.message)
            return
        answers['roots'] = [r.get_uri() for r in roots]
        reply = Mcp.ToolResult.new_text(json.dumps(answers, sort_keys=True))
        reply.set_structured_content(Json.from_string(json.dumps(answers)))
        call.return_result(reply)

    call.create_message_async(messages, None, 50, None, None, sampled)


def to_py(node):
    return json.loads(Json.to_string(node, False)) if node is not None else None


USERS = ['ada', 'alan', 'grace', 'guido', 'linus']


def read_logo(server, read, *user_data):
    read.return_blob('image/png', GLib.Bytes.new(b'\x89PNG\r\n\x1a\n'))


def read_user(server, read, *user_data):
    """Answers from a timer, as any asynchronous handler may."""
    name = read.get_variable('name')

    def later():
        if name in USERS:
            read.return_text('text/plain', 'user %s' % name)
        else:
            read.return_not_found()
        return GLib.SOURCE_REMOVE

    GLib.timeout_add(5, later)


def get_greet(server, request, *user_data):
    name = request.get_argument('name')
    result = Mcp.PromptResult.new('A greeting for %s' % name)
    result.add_text(Mcp.Role.USER, 'Please greet %s warmly.' % name)
    result.add_text(Mcp.Role.ASSISTANT, 'Hello, %s!' % name)
    request.return_result(result)


def complete(server, request, *user_data):
    prefix = request.get_argument_value() or ''
    values = [u for u in USERS if u.startswith(prefix)]
    request.return_values(values, len(values), False)


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
    server.add_tool(tool('ask', 'Asks the model, the user and the client',
                         '{"type":"object","properties":{"question":{"type":"string"}}}'), ask)

    greeting = Mcp.Resource.new('python://greeting', 'greeting')
    greeting.set_mime_type('text/plain')
    greeting.set_description('A static text resource')
    server.add_text_resource(greeting, 'Hello from Python')

    logo = Mcp.Resource.new('python://logo', 'logo')
    logo.set_mime_type('image/png')
    server.add_resource(logo, read_logo)

    users = Mcp.ResourceTemplate.new('python://users/{name}', 'user')
    users.set_mime_type('text/plain')
    server.add_resource_template(users, read_user)

    greet = Mcp.Prompt.new('greet', 'Greets someone')
    greet.add_argument('name', 'Who to greet', True)
    server.add_prompt(greet, get_greet)
    server.set_completion_handler(complete)
    return server


def main(argv):
    loop = GLib.MainLoop()
    server = make_server()
    status = []

    listener = None
    if '--http' in argv:
        listener = Mcp.HttpServerTransport.new()
        listener.set_port(0)
    elif '--ws' in argv:
        listener = Mcp.WebSocketServerTransport.new('127.0.0.1', 0)

    if listener is not None:
        server.add_server_transport(listener)

        def started(transport, result):
            try:
                transport.start_finish(result)
            except GLib.Error as error:
                print('server.py: %s' % error.message, file=sys.stderr)
                status.append(1)
                loop.quit()
                return
            print('listening on %s' % transport.dup_url(), file=sys.stderr, flush=True)

        listener.start_async(None, started)
        # Served until stdin closes: the test holds our stdin.
        stdin = Gio.UnixInputStream.new(0, False)
        stdin.read_bytes_async(1, GLib.PRIORITY_DEFAULT, None, lambda *args: loop.quit())
    else:
        server.connect('session-removed', lambda *args: loop.quit())
        server.add_transport(Mcp.StdioTransport.new())

    loop.run()
    return status[0] if status else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
