#!/usr/bin/env python3
# service-client.py: calls a tool on a service of three MCP servers through
# one Mcp.ConnectionPool, printing which server served each call and the
# pool's stats.
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   python3 service-client.py [--calls N] [--strategy NAME] SERVER-PROGRAM | URL...
#
# Given the path of mcp-everything-server, it starts three of them on
# ws://127.0.0.1:0; given URLs, it uses those. The endpoints get weights 3,
# 2 and 1. Exits 0 when every call succeeded.
#
# The callbacks only store what they receive and quit the loop; the program
# looks at the results after loop.run() returns, where an exception is not
# swallowed by GLib.

import argparse
import os
import signal
import subprocess
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Json', '1.0')
gi.require_version('Mcp', '1.0')

from gi.repository import GLib, Json, Mcp  # noqa: E402

STRATEGIES = {
    'round-robin': Mcp.BalanceStrategy.ROUND_ROBIN,
    'least-outstanding': Mcp.BalanceStrategy.LEAST_OUTSTANDING,
    'weighted': Mcp.BalanceStrategy.WEIGHTED,
    'consistent-hash': Mcp.BalanceStrategy.CONSISTENT_HASH,
}

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


def spawn_server(program):
    process = subprocess.Popen([program, '--ws', '127.0.0.1:0'], stdin=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    # The server prints "…: listening on ws://127.0.0.1:PORT/" once it listens.
    line = process.stderr.readline()
    if 'ws://' not in line:
        process.kill()
        raise RuntimeError('%s did not print its URL' % program)
    return process, line[line.index('ws://'):].strip()


def main(argv):
    parser = argparse.ArgumentParser(description='Call a tool on a service of three servers')
    parser.add_argument('--calls', type=int, default=12)
    parser.add_argument('--strategy', choices=sorted(STRATEGIES), default='weighted')
    parser.add_argument('targets', nargs='+', help='mcp-everything-server, or URLs')
    args = parser.parse_args(argv[1:])

    processes = []
    urls = args.targets
    if len(urls) == 1 and os.access(urls[0], os.X_OK):
        program = urls[0]
        urls = []
        for _ in range(3):
            process, url = spawn_server(program)
            processes.append(process)
            urls.append(url)
            print('started %s at %s' % (program, url))

    pool = Mcp.ConnectionPool.new()
    service = Mcp.Service.new('demo')
    service.set_strategy(STRATEGIES[args.strategy])
    for i, url in enumerate(urls):
        service.add_endpoint(url, max(3 - i, 1))
    pool.add_service(service)

    served = []

    def on_request_done(service, endpoint, method, error):
        served.append((endpoint.get_url() if endpoint else None, error.message if error else None))

    service.connect('request-done', on_request_done)

    failed = 0
    try:
        for n in range(args.calls):
            options = Mcp.CallOptions.new()
            options.set_affinity_key('user-%d' % (n % 4))
            arguments = Json.from_string('{"message": "call %d"}' % (n + 1))
            result = wait(lambda cb: pool.call_tool_with_options_async(
                'service:demo', 'echo', arguments, options, None, cb))
            try:
                pool.call_tool_with_options_finish(result)
            except GLib.Error as error:
                failed += 1
                print('call %d failed: %s' % (n + 1, error.message))
            url, message = served[-1]
            print('call %d: served by %s' % (n + 1, url))

        print('\n%d calls, %d failed\n' % (args.calls, failed))
        print(pool.get_stats().to_string(), end='')
    finally:
        pool.remove_service('demo')
        pool.clear()
        for process in processes:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)

    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
