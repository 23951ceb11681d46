#!/usr/bin/env python3
# test-readme.py: the README's tour and docs/getting-started.md, run as a
# reader would copy and paste them
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The programs are taken from the README itself (no second copy that could
# drift): the C block with a main() is saved as hello.c, the Python block
# with a server as hello.py, and every shell block of the tour is run line
# by line in a scratch directory where _build/ and examples/ point into
# this tree. Comment lines after a command ("# output") are the output it
# must print.

import os
import re
import shlex
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.environ['MCP_SOURCE_ROOT']
BUILD = os.environ['MCP_BUILD_ROOT']
TIMEOUT_S = 120


def tour():
    with open(os.path.join(SOURCE, 'README.md')) as f:
        text = f.read()
    start = text.index('## A tour')
    end = text.index('\n## ', start + 1)
    return text[start:end]


def blocks(text, language):
    return re.findall(r'^```%s\n(.*?)^```' % language, text, re.M | re.S)


class Readme(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix='mcp-readme-')
        os.symlink(BUILD, os.path.join(self.dir.name, '_build'))
        os.symlink(os.path.join(SOURCE, 'examples'), os.path.join(self.dir.name, 'examples'))
        self.env = dict(os.environ)
        # The reader's shell: no test-suite debugging flags.
        self.env.pop('G_DEBUG', None)

    def tearDown(self):
        self.dir.cleanup()

    def test_tour(self):
        text = tour()
        c_programs = [b for b in blocks(text, 'c') if re.search(r'^main \(', b, re.M)]
        self.assertEqual(len(c_programs), 1, 'the tour has one C program')
        with open(os.path.join(self.dir.name, 'hello.c'), 'w') as f:
            f.write(c_programs[0])
        py_programs = [b for b in blocks(text, 'python') if 'Mcp.Server' in b]
        self.assertEqual(len(py_programs), 1, 'the tour has one Python server')
        with open(os.path.join(self.dir.name, 'hello.py'), 'w') as f:
            f.write(py_programs[0])

        commands = 0
        for block in blocks(text, 'sh'):
            lines = block.splitlines()
            i = 0
            while i < len(lines):
                command = lines[i]
                i += 1
                expected = []
                while i < len(lines) and lines[i].startswith('#'):
                    expected.append(lines[i][2:])
                    i += 1
                if command.startswith('meson '):
                    continue   # already built: this is the build being tested
                if command.startswith('export '):
                    for assignment in shlex.split(command)[1:]:
                        name, value = assignment.split('=', 1)
                        self.env[name] = os.path.join(self.dir.name, value)
                    continue
                with self.subTest(command=command):
                    result = subprocess.run(command, shell=True, cwd=self.dir.name, env=self.env,
                                            capture_output=True, text=True, timeout=TIMEOUT_S)
                    self.assertEqual(result.returncode, 0, result.stderr)
                    if expected:
                        self.assertEqual(result.stdout, '\n'.join(expected) + '\n')
                    commands += 1
        self.assertGreaterEqual(commands, 7)
        self.assertTrue(os.path.exists(os.path.join(self.dir.name, 'hello')))


    def test_getting_started(self):
        """docs/getting-started.md: its C server and client are built, and each
        client (C, Python, JavaScript) gets the greeting from each server."""
        with open(os.path.join(SOURCE, 'docs', 'getting-started.md')) as f:
            text = f.read()
        d = self.dir.name
        c_programs = [b for b in blocks(text, 'c') if re.search(r'^main \(', b, re.M)]
        self.assertEqual(len(c_programs), 2)
        python = [b for b in blocks(text, 'python')]
        js = [b for b in blocks(text, 'js')]
        self.assertEqual((len(python), len(js)), (2, 2))

        flags = subprocess.run('PKG_CONFIG_PATH=_build/meson-uninstalled pkg-config --cflags '
                               '--libs mcp-glib-1.0', shell=True, cwd=d, capture_output=True,
                               text=True, check=True).stdout.split()
        for name, source in (('greet-server', c_programs[0]), ('greet-client', c_programs[1])):
            with open(os.path.join(d, name + '.c'), 'w') as f:
                f.write(source)
            result = subprocess.run(['cc', name + '.c', '-o', name] + flags, cwd=d,
                                    capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stderr)
        for name, source in (('greet-server.py', python[0]), ('greet-client.py', python[1]),
                             ('greet-client.js', js[0]), ('greet-server.js', js[1])):
            with open(os.path.join(d, name), 'w') as f:
                f.write(source)

        env = dict(self.env)
        env['GI_TYPELIB_PATH'] = os.path.join(BUILD, 'src')
        env['LD_LIBRARY_PATH'] = os.path.join(BUILD, 'src')
        # The Python client starts 'python3 greet-server.py': make that the
        # python3 with PyGObject.
        bindir = os.path.join(d, 'bin')
        os.mkdir(bindir)
        os.symlink(sys.executable, os.path.join(bindir, 'python3'))
        env['PATH'] = bindir + os.pathsep + env['PATH']

        clients = {'c': ['./greet-client'], 'python': ['python3', 'greet-client.py'],
                   'js': ['gjs', '-m', 'greet-client.js']}
        for language, client in clients.items():
            with self.subTest(client=language):
                result = subprocess.run(client, cwd=d, env=env, capture_output=True, text=True,
                                        timeout=TIMEOUT_S)
                self.assertEqual((result.returncode, result.stdout), (0, 'Hello, Ada!\n'),
                                 result.stderr)

        # Every server answers the command-line client the same way.
        servers = {'c': './greet-server', 'python': 'python3 greet-server.py',
                   'js': 'gjs -m greet-server.js'}
        for language, server in servers.items():
            with self.subTest(server=language):
                result = subprocess.run([os.path.join(BUILD, 'tools', 'mcp-cli'), '--stdio',
                                         server, 'call', 'greet', 'name=Ada'], cwd=d, env=env,
                                        capture_output=True, text=True, timeout=TIMEOUT_S)
                self.assertEqual((result.returncode, result.stdout), (0, 'Hello, Ada!\n'),
                                 result.stderr)


if __name__ == '__main__':
    unittest.main(verbosity=2)
