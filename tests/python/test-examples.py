#!/usr/bin/env python3
# test-examples.py: the example programs in C, Python and JavaScript, run
# from the command line as a user would
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every calculator client against every calculator server, mcp-cli
# against every file server (including what they must refuse to serve), and
# the service clients on three everything servers.

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest
import urllib.request

SOURCE = os.environ['MCP_SOURCE_ROOT']
BUILD = os.environ['MCP_BUILD_ROOT']
PYTHON = os.environ.get('MCP_TEST_PYTHON', sys.executable)
GJS = shutil.which('gjs')
TIMEOUT_S = 60


def example(name):
    return os.path.join(SOURCE, 'examples', name)


SERVERS = {
    'c': [os.path.join(BUILD, 'examples', 'calculator-server')],
    'python': [PYTHON, example('python/calculator-server.py')],
    'js': [GJS, '-m', example('js/calculator-server.js')],
}
CLIENTS = {
    'c': [os.path.join(BUILD, 'examples', 'calculator-client')],
    'python': [PYTHON, example('python/calculator-client.py')],
    'js': [GJS, '-m', example('js/calculator-client.js')],
}
FILE_SERVERS = {
    'c': [os.path.join(BUILD, 'examples', 'file-server')],
    'python': [PYTHON, example('python/file-server.py')],
    'js': [GJS, '-m', example('js/file-server.js')],
}
CLI = os.path.join(BUILD, 'tools', 'mcp-cli')

EXPECTED_CALCULATOR_OUTPUT = '''Connected to calculator 1.0
5 tools: add subtract multiply divide sum
add {"a": 2, "b": 3} -> 5
multiply {"a": 6, "b": 7} -> 42
divide {"a": 1, "b": 0} -> error: Cannot divide by zero
  progress 1 of 4
  progress 2 of 4
  progress 3 of 4
  progress 4 of 4
sum {"numbers": [1, 2, 3, 4]} -> 10
'''


def run(argv):
    return subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT_S)


def quoted(argv):
    return ' '.join("'%s'" % arg for arg in argv)


class Calculator(unittest.TestCase):

    def check(self, client, server):
        if GJS is None and 'js' in (client, server):
            self.skipTest('gjs is not installed')
        result = run(CLIENTS[client] + SERVERS[server])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, EXPECTED_CALCULATOR_OUTPUT)

    def test_with_cli(self):
        for language, server in SERVERS.items():
            if server[0] is None:
                continue
            with self.subTest(server=language):
                ok = run([CLI, '--stdio', quoted(server), 'call', 'subtract', 'a=10', 'b=4'])
                self.assertEqual((ok.returncode, ok.stdout), (0, '6\n'), ok.stderr)
                failed = run([CLI, '--stdio', quoted(server), 'call', 'divide', 'a=1', 'b=0'])
                self.assertEqual((failed.returncode, failed.stdout),
                                 (1, 'Cannot divide by zero\n'))
                invalid = run([CLI, '--stdio', quoted(server), 'call', 'add', 'a=1'])
                self.assertEqual(invalid.returncode, 1)
                self.assertIn('b', invalid.stdout)


for client_language in CLIENTS:
    for server_language in SERVERS:
        def test(self, client=client_language, server=server_language):
            self.check(client, server)
        setattr(Calculator, 'test_%s_client_%s_server' % (client_language, server_language), test)


class FileServer(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='mcp-file-server-')
        with open(os.path.join(self.dir, 'notes.txt'), 'w') as f:
            f.write('first line\nsecond line\n')
        with open(os.path.join(self.dir, 'pixel.png'), 'wb') as f:
            f.write(b'\x89PNG\r\n\x1a\n' + bytes(range(32)))
        with open(os.path.join(self.dir, '.hidden'), 'w') as f:
            f.write('not for clients\n')
        os.mkdir(os.path.join(self.dir, 'subdir'))
        with open(os.path.join(self.dir, 'subdir', 'inner.txt'), 'w') as f:
            f.write('inside\n')
        self.outside = tempfile.NamedTemporaryFile(mode='w', suffix='.txt', delete=False)
        self.outside.write('outside the root\n')
        self.outside.close()
        os.symlink(self.outside.name, os.path.join(self.dir, 'escape.txt'))
        self.uri = 'file://' + self.dir

    def tearDown(self):
        shutil.rmtree(self.dir)
        os.unlink(self.outside.name)

    def cli(self, server, *args):
        return run([CLI, '--stdio', quoted(server + [self.dir])] + self.era + list(args))

    def check(self, language):
        server = FILE_SERVERS[language]
        if server[0] is None:
            self.skipTest('gjs is not installed')
        for era, options, not_found in (('legacy', ['--protocol-version', '2025-11-25'], '-32002'),
                                        ('modern', [], '-32602')):
            with self.subTest(era=era):
                self.era = options
                self.check_era(server, not_found)

    def check_era(self, server, not_found):
        # mcp-cli detects the era by default (modern against these servers);
        # --protocol-version 2025-11-25 pins a legacy session. A missing
        # resource is -32002 on legacy and -32602 on modern (docs/eras.md).

        listed = self.cli(server, 'resources')
        self.assertEqual(listed.returncode, 0, listed.stderr)
        lines = sorted(listed.stdout.splitlines())
        self.assertEqual(lines, [self.uri + '/notes.txt  notes.txt  text/plain',
                                 self.uri + '/pixel.png  pixel.png  image/png'])

        text = self.cli(server, 'read', self.uri + '/notes.txt')
        self.assertEqual((text.returncode, text.stdout), (0, 'first line\nsecond line\n'))

        blob = self.cli(server, '--json', 'read', self.uri + '/pixel.png')
        self.assertEqual(blob.returncode, 0, blob.stderr)
        self.assertIn('"mimeType" : "image/png"', blob.stdout)
        self.assertIn('"blob" : "iVBORw0KGgoAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHw=="',
                      blob.stdout)

        templates = self.cli(server, 'templates')
        self.assertEqual(templates.stdout.splitlines()[0], self.uri + '/{name}  file')

        # Created after the server started: reached through the template.
        with open(os.path.join(self.dir, 'later.txt'), 'w') as f:
            f.write('written later\n')
        later = self.cli(server, 'read', self.uri + '/later.txt')
        self.assertEqual((later.returncode, later.stdout), (0, 'written later\n'))
        os.unlink(os.path.join(self.dir, 'later.txt'))  # gone again for the next era

        for refused in ['/.hidden', '/escape.txt', '/subdir', '/subdir/inner.txt',
                        '/%2E%2E/etc/passwd', '/../' + os.path.basename(self.outside.name),
                        '/missing.txt']:
            with self.subTest(uri=refused):
                result = self.cli(server, 'read', self.uri + refused)
                self.assertEqual(result.returncode, 3, result.stdout)
                self.assertIn('(%s)' % not_found, result.stderr)
                self.assertNotIn('outside the root', result.stdout)
                self.assertNotIn('not for clients', result.stdout)

    def test_c(self):
        self.check('c')

    def test_python(self):
        self.check('python')

    def test_js(self):
        self.check('js')


class NetworkServers(unittest.TestCase):
    """http-server and websocket-server: served, observed, then SIGTERM."""

    def start(self, name):
        server = subprocess.Popen([os.path.join(BUILD, 'examples', name), '0'],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=dict(os.environ, MCP_AUTH_TOKEN=''))
        self.addCleanup(lambda: server.poll() is None and server.kill())
        url = server.stdout.readline().strip()
        self.assertTrue(url.startswith(('http://127.0.0.1:', 'ws://127.0.0.1:')), url)
        return server, url

    def stop(self, server):
        server.send_signal(signal.SIGTERM)
        self.assertEqual(server.wait(timeout=TIMEOUT_S), 0, server.stderr.read())

    def test_http_server(self):
        server, url = self.start('http-server')
        counted = run([CLI, url, 'call', 'word_count', 'text=to be or not to be'])
        self.assertEqual((counted.returncode, counted.stdout), (0, '6 words\n'), counted.stderr)
        base = url[:-len('/mcp')]
        with urllib.request.urlopen(base + '/health', timeout=TIMEOUT_S) as response:
            self.assertEqual(response.status, 200)
        with urllib.request.urlopen(base + '/metrics', timeout=TIMEOUT_S) as response:
            metrics = response.read().decode()
        self.assertIn('mcp_tool_calls_total{tool="word_count",outcome="ok"} 1\n', metrics)
        self.stop(server)

    def test_websocket_server(self):
        server, url = self.start('websocket-server')
        counted = run([CLI, url, 'call', 'countdown', 'n=2'])
        self.assertEqual((counted.returncode, counted.stdout), (0, 'lift-off\n'), counted.stderr)
        refused = run([CLI, url, 'call', 'countdown', 'n=0'])
        self.assertNotEqual(refused.returncode, 0)
        self.stop(server)


class ServiceClient(unittest.TestCase):
    """service-client in C and Python on three mcp-everything-servers."""

    EVERYTHING = os.path.join(BUILD, 'examples', 'mcp-everything-server')

    def check(self, argv):
        result = run(argv + ['--calls', '12'])
        self.assertEqual(result.returncode, 0, result.stderr)
        served = {}
        for line in result.stdout.splitlines():
            if line.startswith('call ') and ': served by ' in line:
                url = line.split(': served by ')[1]
                served[url] = served.get(url, 0) + 1
        # Weights 3, 2 and 1, weighted round robin: 6, 4 and 2 of 12.
        self.assertEqual(sorted(served.values()), [2, 4, 6], result.stdout)
        self.assertIn('12 calls, 0 failed', result.stdout)
        self.assertIn('service demo (weighted): 3 of 3 endpoints healthy', result.stdout)

    def test_c(self):
        self.check([os.path.join(BUILD, 'examples', 'service-client')])

    def test_python(self):
        self.check([PYTHON, example('python/service-client.py'), self.EVERYTHING])


if __name__ == '__main__':
    unittest.main(verbosity=2)
