#!/usr/bin/env bash
# Benchmarks of issue 15 (not tests): one table, each row ecalab measured side by side with a
# reference in this one run, on this machine. Prints the table; --write also writes it, with the
# commands and the method of every row, to docs/benchmarks.md. Needs a quiet machine.
#
#   tests/bench/run.sh [--write]
#   RUNS=30 SUSTAIN_SECONDS=600 SIGN_SECONDS=10 SAMPLE_EVERY=60 CONNECTIONS=16 THREADS=2 tests/bench/run.sh
#   BENCH_PRESET=dev tests/bench/run.sh        (default: release when built, else dev)
#   ROWS="cli version" tests/bench/run.sh      (some of: cli version first_frame sustained signing stall)
#   BENCH_TOOLS=DIR tests/bench/run.sh         (where bench_spawn & co. are; default below)
#   cmake --preset bench && cmake --build --preset bench   (the bench programs, Release)
#
# ecalab comes from build/<preset>/app; the bench programs (tests/bench/*.cpp) are built with the
# tests, so from build/<preset>/tests/bench when that preset has them, else from build/dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bench=$root/tests/bench

write=""
[ "${1:-}" = --write ] && write=$root/docs/benchmarks.md
runs=${RUNS:-30}
sustain_seconds=${SUSTAIN_SECONDS:-600}
sign_seconds=${SIGN_SECONDS:-10}
sample_every=${SAMPLE_EVERY:-60}
connections=${CONNECTIONS:-16}
threads=${THREADS:-2}

die() { echo "run.sh: $*" >&2; exit 2; }
say() { echo "run.sh: $*" >&2; }

# ---------------------------------------------------------------------------- what is measured
preset=${BENCH_PRESET:-}
if [ -z "$preset" ]; then
  preset=dev
  [ -x build/release/app/ecalab ] && preset=release
fi
ecalab=$root/build/$preset/app/ecalab
[ -x "$ecalab" ] || die "no $ecalab; build it: cmake --preset $preset && cmake --build build/$preset"
# The bench programs: the bench preset's (Release), else the measured preset's, else dev's.
tool_dir=${BENCH_TOOLS:-$root/build/bench/tests/bench}
[ -x "$tool_dir/bench_spawn" ] || tool_dir=$root/build/$preset/tests/bench
[ -x "$tool_dir/bench_spawn" ] || tool_dir=$root/build/dev/tests/bench
for tool in bench_spawn bench_jwt_sign bench_bare_window bench_window_stall; do
  [ -x "$tool_dir/$tool" ] || die "no $tool_dir/$tool; build it: cmake --preset bench && cmake --build --preset bench"
done
for program in curl wrk node npm openssl readelf; do
  command -v "$program" >/dev/null || die "needs $program"
done
# The window: after the CLI/window split `ecalab` hands over (execv) to ecalab-window; before it,
# one binary is both. Either way the row starts `ecalab`, as the desktop file does.
window_binary=$ecalab
window_path="ecalab (one binary: CLI and window)"
if [ -x "$root/build/$preset/app/ecalab-window" ]; then
  window_binary=$root/build/$preset/app/ecalab-window
  window_path="ecalab → execv ecalab-window"
fi

# oidc-provider, pinned by its lock file, installed on first use (node_modules is not committed).
if [ ! -d "$bench/oidc-provider/node_modules/oidc-provider" ]; then
  say "installing oidc-provider (npm ci)"
  (cd "$bench/oidc-provider" && npm ci --no-audit --no-fund >&2)
fi
oidc_version=$(node -p "require('$bench/oidc-provider/node_modules/oidc-provider/package.json').version")

# ------------------------------------------------------------ a private home: no real profile, keychain
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home" "$work/config" "$work/data" "$work/cache" "$work/run" "$work/ecalab"
chmod 700 "$work/run"
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache \
       XDG_RUNTIME_DIR=$work/run ECALAB_CONFIG_DIR=$work/ecalab ECALAB_SECRET_STORE=memory \
       QT_QPA_PLATFORM=offscreen
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY ECALAB_CLIENT_SECRET
rows=$work/rows.jsonl
: >"$rows"

measure() { python3 "$bench/measure.py" "$@"; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
row() { measure row --out "$rows" "$@"; }
pair() { measure pair --spawn "$tool_dir/bench_spawn" --runs "$runs" "$@"; }

# Starts `ecalab emulator --json` and waits for its description line in $work/$1.json.
start_emulator() {
  "$ecalab" emulator --json >"$work/$1.json" 2>"$work/$1.log" &
  emulator_pid=$!
  pids+=("$emulator_pid")
  for _ in $(seq 100); do
    [ -s "$work/$1.json" ] && python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/$1.json" 2>/dev/null && return
    sleep 0.1
  done
  die "the emulator did not describe itself: $(tail -3 "$work/$1.log")"
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# ------------------------------------------------------------------------------------- header
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo "+changes")
built=$(date -r "$ecalab" '+%Y-%m-%d %H:%M')
{
  echo "- **Date:** $(date '+%Y-%m-%d %H:%M %Z')"
  echo "- **Machine:** \`$(uname -a)\`"
  echo "- **CPU:** $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc)"
  echo "- **Load average at start:** $load_at_start"
  echo "- **Commit:** $commit; **build:** \`$preset\` (${ecalab#"$root"/} built $built); bench programs from \`${tool_dir#"$root"/}\`"
  echo "- **Knobs:** RUNS=$runs SUSTAIN_SECONDS=$sustain_seconds SIGN_SECONDS=$sign_seconds CONNECTIONS=$connections THREADS=$threads"
  echo "- **References:** $(curl --version | head -1 | cut -d' ' -f1-2), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), node $(node --version) + oidc-provider $oidc_version, $(openssl version | cut -d' ' -f1-2)"
  if [ "$runs" -lt 30 ] || [ "$sustain_seconds" -lt 600 ]; then
    echo "- **A short run** (fewer than 30 runs or 10 minutes of load): it proves the rows, not the figures."
  fi
} >"$work/header.md"
cat >"$work/commands.sh" <<EOF
# environment of every command: a temporary HOME and XDG dirs, ECALAB_CONFIG_DIR, ECALAB_SECRET_STORE=memory,
# QT_QPA_PLATFORM=offscreen, no D-Bus session; ecalab=build/$preset/app/ecalab, bench=${tool_dir#"$root"/}
tests/bench/run.sh${write:+ --write}     # RUNS=$runs SUSTAIN_SECONDS=$sustain_seconds SIGN_SECONDS=$sign_seconds
EOF
note() { echo "$*" >>"$work/commands.sh"; }
say "$(tr '\n' ' ' <"$work/header.md")"

source "$bench/rows.sh"
for group in ${ROWS:-cli version first_frame sustained signing stall}; do
  "${group}_rows"
done

echo
measure table --rows "$rows" --header "$work/header.md" ${write:+--write "$write" --commands "$work/commands.sh" --method "$bench/method.md"}
[ -z "$write" ] || say "wrote ${write#"$root"/}"
