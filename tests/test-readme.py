#!/usr/bin/env python3
# test-readme.py: the README's tour, run as a reader would copy and paste it
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


if __name__ == '__main__':
    unittest.main(verbosity=2)
