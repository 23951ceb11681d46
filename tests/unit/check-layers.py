#!/usr/bin/env python3
# Checks that src/ keeps the layers of docs/architecture.md: a file may
# include headers of its own layer or of a lower one, never of a higher one.
#
#   check-layers.py SRCDIR INCLUDEDIR
import os
import re
import sys

# Bottom to top; layers on one line are peers and may not include each other.
LAYERS = [
    ['protocol'],
    ['transport'],
    ['auth'],
    ['listener'],
    ['http', 'websocket'],
    ['session'],
    ['extensions'],
    ['server', 'client'],
    ['pool'],
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}

src_dir, include_dir = sys.argv[1], sys.argv[2]

# Where each header belongs: a private header in its folder, a public
# header with the folder of the source file of the same name.
owner = {}
for layer in RANK:
    folder = os.path.join(src_dir, layer)
    if not os.path.isdir(folder):
        continue
    for name in os.listdir(folder):
        if name.endswith('-private.h') or name.endswith('.h'):
            owner[name] = layer
        elif name.endswith('.c'):
            owner[name[:-2] + '.h'] = layer

failures = []
checked = 0
include_re = re.compile(r'^\s*#\s*include\s+[<"](?:mcp-glib/)?([^">]+)[">]')
for layer in RANK:
    folder = os.path.join(src_dir, layer)
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        if not (name.endswith('.c') or name.endswith('.h')):
            continue
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            for number, line in enumerate(f, 1):
                m = include_re.match(line)
                if not m:
                    continue
                target = owner.get(os.path.basename(m.group(1)))
                if target is None:
                    continue
                checked += 1
                if target == layer:
                    continue
                if RANK[target] >= RANK[layer]:
                    failures.append('%s/%s:%d: %s (%s) includes %s (%s)' %
                                    (layer, name, number, name, layer,
                                     m.group(1), target))

# Public headers must not reach up either.
for name in sorted(os.listdir(include_dir)):
    if not name.endswith('.h') or name == 'mcp-glib.h':
        continue
    layer = owner.get(name)
    if layer is None:
        continue
    with open(os.path.join(include_dir, name), encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            m = include_re.match(line)
            if not m:
                continue
            target = owner.get(os.path.basename(m.group(1)))
            if target is None or target == layer:
                continue
            checked += 1
            if RANK[target] >= RANK[layer]:
                failures.append('include/mcp-glib/%s:%d: %s (%s) includes %s (%s)' %
                                (name, number, name, layer, m.group(1), target))

print('1..1')
for failure in failures:
    print('# ' + failure)
if failures or checked == 0:
    print('not ok 1 - %d includes point up (%d checked)' % (len(failures), checked))
    sys.exit(1)
print('ok 1 - %d includes checked, none points up' % checked)
