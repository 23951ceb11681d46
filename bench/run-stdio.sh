#!/bin/sh
# run-stdio.sh — benchmark mcp-glib's stdio server against the TypeScript SDK
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A benchmark, not a test: it prints numbers and never fails on them.  It
# exits non-zero only when a run could not be completed or a call failed.
#
# Usage: bench/run-stdio.sh [OUR-SERVER [ARG...]]
#
# OUR-SERVER defaults to $BUILD_DIR/examples/mcp-everything-server.  Both
# servers get exactly the same driver parameters; runs alternate between the
# two servers so that drift in the machine affects both alike, and every
# figure is the median over the repetitions.
#
# Environment (defaults in brackets):
#   BUILD_DIR      meson build directory [$MESON_BUILD_ROOT or _build]
#   MCP_BENCH      the driver [$BUILD_DIR/bench/mcp-bench]
#   NODE           node binary [/usr/bin/node]
#   TS_SERVER      TypeScript SDK server [tests/interop/ts-echo-server.mjs]
#   CALLS          measured calls per run [20000]
#   WARMUP         warm-up calls per run [1000]
#   DEPTHS         pipeline depths [1 16]
#   REPS           repetitions per server and depth [5]
#   SIZE           bytes in the echo message [32]
#   TIMEOUT        seconds before one run is aborted [60]
#   RESULTS_JSON   also keep every run's JSON object in this file

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=${MESON_SOURCE_ROOT:-$(cd "$here/.." && pwd)}

build_dir=${BUILD_DIR:-${MESON_BUILD_ROOT:-$top/_build}}
bench=${MCP_BENCH:-$build_dir/bench/mcp-bench}
node=${NODE:-/usr/bin/node}
ts_server=${TS_SERVER:-$top/tests/interop/ts-echo-server.mjs}
calls=${CALLS:-20000}
warmup=${WARMUP:-1000}
depths=${DEPTHS:-1 16}
reps=${REPS:-5}
size=${SIZE:-32}
timeout=${TIMEOUT:-60}

if [ $# -gt 0 ]; then
  ours_cmd=$1
  shift
else
  ours_cmd=$build_dir/examples/mcp-everything-server
fi

die () {
  echo "run-stdio.sh: $*" >&2
  exit 2
}

[ -x "$bench" ] || die "no driver at $bench (build it: meson compile -C $build_dir mcp-bench)"
[ -x "$ours_cmd" ] || die "no server at $ours_cmd (pass its path as the first argument)"
[ -x "$node" ] || die "no node at $node"
[ -f "$ts_server" ] || die "no TypeScript server at $ts_server"
[ -d "$(dirname "$ts_server")/node_modules/@modelcontextprotocol/sdk" ] ||
  die "the TypeScript SDK is not installed: run 'npm ci' in $(dirname "$ts_server")"

case $reps in ''|*[!0-9]*|0) die "REPS must be a positive integer" ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mcp-bench.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
results=$tmp/runs.json
: > "$results"

failed=0

# run LABEL DEPTH COMMAND [ARG...]: one run, one JSON line appended to $results
run () {
  label=$1
  depth=$2
  shift 2
  "$bench" --json --quiet-server --label "$label" \
    --calls "$calls" --warmup "$warmup" --depth "$depth" --size "$size" \
    --timeout "$timeout" -- "$@" >> "$results"
  status=$?
  if [ $status -ne 0 ]; then
    failed=1
    echo "run-stdio.sh: $label at depth $depth: mcp-bench exited with status $status" >&2
    tail -n 1 "$results" | grep -o '"abort_reason":[^,]*\|"first_error":"[^"]*' >&2
  fi
  [ $status -lt 128 ] || exit $status
}

total=0
for depth in $depths; do
  total=$((total + 2 * reps))
done
echo "Benchmarking $total runs of $calls calls each; this takes a while." >&2

i=1
while [ $i -le "$reps" ]; do
  for depth in $depths; do
    echo "  repetition $i/$reps, depth $depth" >&2
    run ours "$depth" "$ours_cmd" "$@"
    run ts "$depth" "$node" "$ts_server"
  done
  i=$((i + 1))
done

[ -n "${RESULTS_JSON:-}" ] && cp "$results" "$RESULTS_JSON"

# field LABEL DEPTH KEY: every completed run's numeric KEY, one a line
field () {
  awk -v label="\"label\":\"$1\"" -v depth="\"depth\":$2," -v key="\"$3\":" '
    index($0, label) && index($0, depth) && index($0, "\"status\":\"aborted\"") == 0 {
      i = index($0, key)
      if (i == 0)
        next
      rest = substr($0, i + length(key))
      match(rest, /^-?[0-9.]+/)
      if (RLENGTH > 0)
        print substr(rest, 1, RLENGTH)
    }' "$results"
}

# median LABEL DEPTH KEY
median () {
  field "$1" "$2" "$3" | sort -g | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "nan"; exit }
      if (NR % 2) print v[(NR + 1) / 2]
      else print (v[NR / 2] + v[NR / 2 + 1]) / 2
    }'
}

# count LABEL DEPTH KEY: the sum of KEY over every run, aborted or not
total_of () {
  awk -v label="\"label\":\"$1\"" -v depth="\"depth\":$2," -v key="\"$3\":" '
    index($0, label) && index($0, depth) {
      i = index($0, key)
      if (i) { rest = substr($0, i + length(key)); n += rest + 0 }
    }
    END { print n + 0 }' "$results"
}

aborted () {
  awk -v label="\"label\":\"$1\"" -v depth="\"depth\":$2," '
    index($0, label) && index($0, depth) && index($0, "\"status\":\"aborted\"") { n++ }
    END { print n + 0 }' "$results"
}

first_string () {
  grep -m 1 "\"label\":\"$1\"" "$results" | grep -o "\"$2\":\"[^\"]*\"" | head -n 1 |
    sed 's/^"[^"]*":"//; s/"$//'
}

ratio () {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a == "nan" || b == "nan" || b + 0 == 0) print "n/a"
    else printf "%.2f×\n", a / b
  }'
}

fmt () {
  awk -v v="$1" -v f="$2" 'BEGIN { if (v == "nan") print "n/a"; else printf f "\n", v }'
}

ours_name="$(first_string ours server_name) $(first_string ours server_version)"
ts_name="$(first_string ts server_name) $(first_string ts server_version)"
cpu_model=$(grep -m 1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')

echo
echo "## stdio: mcp-glib vs TypeScript SDK"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); kernel $(uname -r); $(nproc) CPUs; ${cpu_model:-unknown CPU}"
echo "- ours: \`$ours_cmd${*:+ $*}\` ($ours_name)"
echo "- TS SDK: \`$node $(basename "$ts_server")\` ($ts_name), node $("$node" --version)"
echo "- tools/call \`echo\` with a $size-byte message; $calls measured calls after $warmup warm-up calls per run;" \
     "median of $reps runs per row, runs alternating between the servers"
echo
echo "| server | depth | calls/s | p50 µs | p90 µs | p99 µs | CPU µs/call | peak RSS MiB | failed calls | aborted runs |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for depth in $depths; do
  for label in ours ts; do
    if [ $label = ours ]; then name=mcp-glib; else name="TS SDK"; fi
    rss=$(median $label "$depth" peak_rss_kib)
    [ "$rss" = nan ] || rss=$(awk -v k="$rss" 'BEGIN { print k / 1024 }')
    echo "| $name | $depth" \
         "| $(fmt "$(median $label "$depth" calls_per_s)" %.0f)" \
         "| $(fmt "$(median $label "$depth" latency_p50_us)" %.1f)" \
         "| $(fmt "$(median $label "$depth" latency_p90_us)" %.1f)" \
         "| $(fmt "$(median $label "$depth" latency_p99_us)" %.1f)" \
         "| $(fmt "$(median $label "$depth" cpu_us_per_call)" %.2f)" \
         "| $(fmt "$rss" %.1f)" \
         "| $(( $(total_of $label "$depth" errors) + $(total_of $label "$depth" warmup_errors) ))" \
         "| $(aborted $label "$depth") |"
  done
done

echo
echo "Ratios, mcp-glib ÷ TS SDK (throughput: higher is better; latency, CPU and RSS: lower is better):"
echo
echo "| depth | throughput | p50 latency | CPU per call | peak RSS |"
echo "|---:|---:|---:|---:|---:|"
for depth in $depths; do
  echo "| $depth" \
       "| $(ratio "$(median ours "$depth" calls_per_s)" "$(median ts "$depth" calls_per_s)")" \
       "| $(ratio "$(median ours "$depth" latency_p50_us)" "$(median ts "$depth" latency_p50_us)")" \
       "| $(ratio "$(median ours "$depth" cpu_us_per_call)" "$(median ts "$depth" cpu_us_per_call)")" \
       "| $(ratio "$(median ours "$depth" peak_rss_kib)" "$(median ts "$depth" peak_rss_kib)") |"
done

exit $failed
