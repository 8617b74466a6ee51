#!/usr/bin/env bash
# Benchmark (not a test): drives the emulator's token endpoint with client credentials requests
# from 16 connections for 60 s (six back-to-back 10 s windows of wrk against one emulator, so the
# tokens pile up as they would in one long run) and prints tokens/s per window and the emulator's
# RSS after each. Flat figures from the first window to the last mean the token store scales.
#
#   tests/bench/token-endpoint.sh [path/to/ecalab]   (default: build/release, else build/dev)
#   WINDOWS=6 SECONDS_PER_WINDOW=10 CONNECTIONS=16 THREADS=2 tests/bench/token-endpoint.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

windows=${WINDOWS:-6}
seconds=${SECONDS_PER_WINDOW:-10}
connections=${CONNECTIONS:-16}
threads=${THREADS:-2}
ecalab=${1:-}
if [ -z "$ecalab" ]; then
  for candidate in build/release/app/ecalab build/dev/app/ecalab; do
    [ -x "$candidate" ] && { ecalab=$candidate; break; }
  done
fi
[ -x "${ecalab:-}" ] || { echo "token-endpoint: no ecalab binary; build first (cmake --build --preset release)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "token-endpoint: needs wrk (apt-get install wrk)" >&2; exit 2; }

describe=$(mktemp)
"$ecalab" emulator --json >"$describe" 2>/dev/null &
emulator=$!
trap 'kill $emulator 2>/dev/null; rm -f "$describe"' EXIT
for _ in $(seq 50); do [ -s "$describe" ] && break; sleep 0.1; done
field() { python3 -c "import json,sys; d=json.load(open('$describe')); print($1)"; }
my_domain=$(field "d['myDomain']")
export BENCH_CLIENT_ID BENCH_CLIENT_SECRET
BENCH_CLIENT_ID=$(field "d['profile']['clientId']")
BENCH_CLIENT_SECRET=$(field "d['profile']['clientSecret']")
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$emulator/status"; }

echo "ecalab: $ecalab ($(uname -m), $(nproc) cores); wrk -t$threads -c$connections, ${windows} × ${seconds} s"
echo "RSS at start: $(rss_mb) MB"
printf '%-8s %12s %10s %10s\n' window tokens/s refused "RSS MB"
for window in $(seq "$windows"); do
  out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" -s tests/bench/client-credentials.lua \
        "$my_domain/services/oauth2/token")
  rate=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  refused=$(awk '/^refused/ { print $2 }' <<<"$out")
  printf '%-8s %12s %10s %10s\n' "$((window * seconds - seconds))-$((window * seconds))s" "$rate" "$refused" "$(rss_mb)"
done
kept=$(curl -s "$my_domain/__emulator/state" | python3 -c "import json,sys; print(json.load(sys.stdin).get('tokenCounts', {}).get('access_token', 'unknown'))")
echo "sessions kept at the end: $kept (bound: TokenStore::kMaxSessions); RSS at the end: $(rss_mb) MB"
