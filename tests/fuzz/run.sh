#!/usr/bin/env bash
# Runs every fuzzer built by the fuzz preset for SECONDS each (default 30), one after the other,
# on a temporary copy of its corpus, so the committed corpus is never written to. Prints one line
# per target (execs/s, final cov and ft) and exits non-zero if any target crashed, timed out or
# leaked, naming the file libFuzzer wrote (tests/fuzz/README.md says how it becomes a corpus file).
#
# FUZZ_SEED (default 1) fixes libFuzzer's seed and QT_HASH_SEED fixes Qt's hash order, so a run
# repeatable: CI's verdict on a commit does not depend on luck, and a longer local run with the
# same seed goes through what CI's shorter one does (on one machine exactly; elsewhere the corpus
# may load in another order). FUZZ_SEED=0 lets libFuzzer pick a fresh seed per target, to explore.
#
#   cmake --preset fuzz && cmake --build --preset fuzz && tests/fuzz/run.sh 60
#   tests/fuzz/run.sh 60 soql jwt      # only these targets
#   FUZZ_SEED=0 tests/fuzz/run.sh 600  # explore
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
shift || true
build=build/fuzz/tests/fuzz
work="$(mktemp -d "${TMPDIR:-/tmp}/ecalab-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# UBSan and LeakSanitizer findings are crashes too; the stack names the parser.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_HASH_SEED="${QT_HASH_SEED:-0}"
seed="${FUZZ_SEED:-1}"

shopt -s nullglob
fuzzers=("$build"/fuzz_*)
if [ $# -gt 0 ]; then
  fuzzers=()
  for name in "$@"; do fuzzers+=("$build/fuzz_$name"); done
fi
if [ ${#fuzzers[@]} -eq 0 ]; then
  echo "run.sh: no fuzzers in $build; build them first: cmake --preset fuzz && cmake --build --preset fuzz" >&2
  exit 2
fi

failed=()
echo "libFuzzer seed ${seed} (FUZZ_SEED; 0 = a fresh one per target), ${seconds} s per target"
printf '%-20s %10s %8s %8s %8s  %s\n' target execs/s cov ft corpus result
for fuzzer in "${fuzzers[@]}"; do
  [ -f "$fuzzer" ] && [ -x "$fuzzer" ] || continue # not the *_autogen directories
  name="$(basename "$fuzzer")"; name="${name#fuzz_}"
  corpus="$work/$name"; artifacts="$work/$name-artifacts/"
  mkdir -p "$corpus" "$artifacts"
  cp -r tests/fuzz/corpus/"$name"/. "$corpus"/
  dict=(); [ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
  log="$work/$name.log"
  status=0
  "$fuzzer" "$corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -seed="$seed" -print_final_stats=1 -artifact_prefix="$artifacts" >"$log" 2>&1 || status=$?
  execs="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  last="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
  size="$(find "$corpus" -type f | wc -l)"
  crash="$(find "$artifacts" -type f | head -1)"
  result=ok
  if [ "$status" -ne 0 ] || [ -n "$crash" ]; then
    result="FAILED (exit $status) ${crash:-see log}"
    kept="build/fuzz/findings/$name"; mkdir -p "$kept"
    cp "$log" "$kept/"; [ -n "$crash" ] && cp "$crash" "$kept/"
    result="$result; kept in $kept"
    failed+=("$name")
    # The machine that ran it may be gone (CI): the report itself goes to stderr.
    { echo "--- $name: the sanitizer's report"; grep -v -E '^#[0-9]+' "$log" | tail -60; } >&2
  fi
  printf '%-20s %10s %8s %8s %8s  %s\n' "$name" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$size" "$result"
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "run.sh: ${failed[*]} found a crash, timeout or leak; its input and log are under build/fuzz/findings/" >&2
  exit 1
fi
