#!/usr/bin/env python3
# test-services.py: Mcp.Service from Python, over Streamable HTTP to three
# in-process servers: weighted routing, the request-done and
# endpoint-state-changed signals, ejection of a stopped server, failover
# of a refused call, mcp_error_is_retryable().
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import unittest

from mcptest import GLib, Mcp, json, run_until, wait_async


def make_server(label, counts):
    server = Mcp.Server.new(label, '1.0')

    def answer(server, call, *user_data):
        counts[label] = counts.get(label, 0) + 1
        call.return_text(label)

    whoami = Mcp.Tool.new('whoami', 'Says which server answered')
    whoami.set_hint('readOnlyHint', True)
    server.add_tool(whoami, answer)
    server.add_tool(Mcp.Tool.new('write', 'Changes something'), answer)

    http = Mcp.HttpServerTransport.new()
    http.set_port(0)
    server.add_server_transport(http)
    wait_async(lambda cb: http.start_async(None, cb), http.start_finish)
    return server, http, 'http://127.0.0.1:%d/mcp' % http.get_bound_port()


class ServiceTest(unittest.TestCase):
    def setUp(self):
        self.counts = {}
        self.servers = [make_server('s%d' % i, self.counts) for i in range(3)]
        self.pool = Mcp.ConnectionPool.new()
        self.pool.set_property('retry-strategy', Mcp.RetryStrategy.NONE)
        self.service = Mcp.Service.new('py')
        self.service.set_property('health-check-interval', 100)
        self.service.set_property('failure-threshold', 2)
        self.service.set_property('ejection-time', 200)
        self.service.set_strategy(Mcp.BalanceStrategy.WEIGHTED)
        for i, (_, _, url) in enumerate(self.servers):
            self.service.add_endpoint(url, 3 - i)
        self.pool.add_service(self.service)
        self.done = []
        self.changes = []
        self.service.connect('request-done',
                             lambda s, endpoint, method, error: self.done.append(
                                 (endpoint.get_url() if endpoint else None, method, error)))
        self.service.connect('endpoint-state-changed',
                             lambda s, endpoint: self.changes.append(
                                 (endpoint.get_url(), endpoint.get_state())))

    def tearDown(self):
        self.pool.remove_service('py')
        self.pool.clear()
        for _, http, _ in self.servers:
            wait_async(lambda cb: http.stop_async(None, cb), http.stop_finish)

    def call(self, tool):
        return wait_async(
            lambda cb: self.pool.call_tool_async('service:py', tool, json('{}'), None, cb),
            self.pool.call_tool_finish).dup_text()

    def test_weighted(self):
        for _ in range(30):
            self.call('whoami')
        self.assertEqual(self.counts, {'s0': 15, 's1': 10, 's2': 5})
        self.assertEqual(len(self.done), 30)
        self.assertTrue(all(error is None and method == 'tools/call'
                            for _, method, error in self.done))

    def test_eject_and_failover(self):
        _, http, url = self.servers[0]
        self.call('whoami')
        wait_async(lambda cb: http.stop_async(None, cb), http.stop_finish)

        # whoami is read-only: it fails over; the stopped server goes out.
        for _ in range(6):
            self.assertIn(self.call('whoami'), ('s1', 's2'))
        endpoint = self.service.lookup_endpoint(url)
        run_until(lambda: endpoint.get_state() != Mcp.EndpointState.HEALTHY)
        self.assertIn((url, Mcp.EndpointState.EJECTED), self.changes)
        self.assertEqual(self.service.get_n_healthy(), 2)
        self.assertNotIn(url, self.service.dup_healthy_urls())
        self.assertIn('2 of 3 endpoints healthy', self.service.to_string())

    def test_refused_fails_over(self):
        # A stopped server closes its sessions: the next call dials it anew,
        # is refused, and so provably never ran there. Even a tool that is
        # not safe to repeat goes to another server.
        _, http, url = self.servers[0]
        self.service.set_strategy(Mcp.BalanceStrategy.ROUND_ROBIN)
        self.assertEqual(self.call('write'), 's0')
        wait_async(lambda cb: http.stop_async(None, cb), http.stop_finish)
        self.assertIn(self.call('write'), ('s1', 's2'))
        self.assertEqual(self.counts['s0'], 1)
        self.assertEqual(self.counts.get('s1', 0) + self.counts.get('s2', 0), 1)

    def test_error_is_retryable(self):
        refused = GLib.Error.new_literal(Mcp.error_quark(), 'policy', Mcp.Error.URL_REFUSED)
        closed = GLib.Error.new_literal(Mcp.error_quark(), 'closed', Mcp.Error.CONNECTION_CLOSED)
        self.assertTrue(Mcp.error_is_retryable(refused))
        self.assertFalse(Mcp.error_is_retryable(closed))


if __name__ == '__main__':
    unittest.main()
