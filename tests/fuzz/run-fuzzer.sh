#!/bin/sh
# Runs one libFuzzer target for a bounded time on a copy of its seed corpus.
#   run-fuzzer.sh FUZZER CORPUS-DIR [DICTIONARY]
# MCP_FUZZ_SECONDS: how long (default 30). MCP_FUZZ_ARTIFACTS: where crash,
# leak and timeout inputs are kept (default: a directory beside the fuzzer).
# Exits non-zero on any crash, leak, timeout or out-of-memory, after printing
# the path of the input that caused it.
set -eu

fuzzer=$1
corpus=$2
dict=${3:-}
seconds=${MCP_FUZZ_SECONDS:-30}
name=$(basename "$fuzzer")
artifacts=${MCP_FUZZ_ARTIFACTS:-$(dirname "$fuzzer")/artifacts}/$name

case $seconds in
  ''|*[!0-9]*) echo "run-fuzzer: MCP_FUZZ_SECONDS must be a number of seconds" >&2; exit 2 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/mcp-fuzz-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# The fuzzer adds what it finds to its corpus: work on a copy so the source
# tree is never modified.
mkdir "$work/corpus" "$work/artifacts"
cp -R "$corpus"/. "$work/corpus/"

set -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$work/artifacts/"
if [ -n "$dict" ]; then
  set -- "$@" -dict="$dict"
fi

echo "run-fuzzer: $name for ${seconds}s on $(ls "$work/corpus" | wc -l) seed(s)"
status=0
# A backstop in case the fuzzer itself hangs past its own time limit.
timeout -k 10 $((seconds + 300)) "$fuzzer" "$@" "$work/corpus" >"$work/log" 2>&1 || status=$?

# The final statistics, without the per-input progress lines.
grep -E '^(stat::|Done|INFO: Seed|==[0-9]+==|SUMMARY|#[0-9]+.*DONE)' "$work/log" || true

found=$(ls "$work/artifacts")
if [ "$status" -ne 0 ] || [ -n "$found" ]; then
  echo "run-fuzzer: $name FAILED (exit status $status)"
  # The whole log, for the stack trace.
  tail -n 200 "$work/log"
  mkdir -p "$artifacts"
  for f in "$work"/artifacts/*; do
    [ -e "$f" ] || continue
    cp "$f" "$artifacts/"
    echo "run-fuzzer: input that failed: $artifacts/$(basename "$f")"
  done
  # Not libFuzzer's own status: 77, its crash status, means "skipped" to meson.
  exit 1
fi

echo "run-fuzzer: $name OK"
