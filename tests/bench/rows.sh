# The rows of tests/bench/run.sh, one function per group (sourced by it: $ecalab, $work, $runs,
# row, pair, measure, start_emulator, note … come from there). Each appends its rows to $rows.

# The profile of an emulator description without its secret ($work/$1-profile.json), the secret
# in a 0600 file ($work/$1-secret) and the client credentials form body ecalab sends, in a 0600
# file too ($work/$1-body.form): secrets go to the programs in their environment or a file.
split_profile() {
  python3 - "$work/$1.json" "$work/$1" <<'EOF'
import json, os, sys, urllib.parse
profile = json.load(open(sys.argv[1]))["profile"]
secret = profile.pop("clientSecret")
json.dump(profile, open(sys.argv[2] + "-profile.json", "w"))
body = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": profile["clientId"],
                               "client_secret": secret})
for name, text in (("-secret", secret), ("-body.form", body)):
    fd = os.open(sys.argv[2] + name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, text.encode())
    os.close(fd)
EOF
}

# What one `ecalab run … --json` sent, in words, and whether its token request's body is
# $work/cli-body.form (secret masked alike).
describe_exchanges() {
  python3 - "$work/cli-run.json" "$work/cli-body.form" <<'EOF'
import json, sys, urllib.parse
run = json.load(open(sys.argv[1]))
body = dict(urllib.parse.parse_qsl(open(sys.argv[2]).read()))
body["client_secret"] = "[redacted]"
sent = [f"{e['method']} {urllib.parse.urlsplit(e['url']).path} → {e['status']}" for e in run["exchanges"]]
same = any(dict(urllib.parse.parse_qsl(e["request"]["body"])) == body for e in run["exchanges"])
print(f"ecalab makes {len(sent)} exchange{'s' if len(sent) != 1 else ''}: {', '.join(sent)}; "
      f"{'the same form body as curl' if same else 'a form body that differs from curl'}")
EOF
}

cli_rows() {
  say "CLI flow: ecalab run client-credentials vs curl, median of $runs"
  start_emulator cli
  split_profile cli
  local token_url exchanges result
  token_url=$(json "$work/cli.json" "d['myDomain']")/services/oauth2/token
  ECALAB_CLIENT_SECRET=$(cat "$work/cli-secret") "$ecalab" run client-credentials --profile "$work/cli-profile.json" \
    --json >"$work/cli-run.json" 2>"$work/cli-run.log" || die "ecalab run client-credentials failed: $(tail -3 "$work/cli-run.log")"
  exchanges=$(describe_exchanges)
  result=$(ECALAB_CLIENT_SECRET=$(cat "$work/cli-secret") pair -- \
    "$ecalab" run client-credentials --profile "$work/cli-profile.json" --json ::: \
    curl -s -f -o /dev/null -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$work/cli-body.form" "$token_url")
  echo "$result" >"$work/cli-pair.json"
  stop "$emulator_pid"
  note "ecalab emulator --json &   # the demo profile without its secret → profile.json; the secret → ECALAB_CLIENT_SECRET and body.form (0600)"
  note "ECALAB_CLIENT_SECRET=… \$ecalab run client-credentials --profile profile.json --json   # ×$runs, interleaved with:"
  note "curl -s -f -o /dev/null -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @body.form \$myDomain/services/oauth2/token"
  row --measure "CLI flow (client credentials): wall time" --unit ms --goal "ratio<=1.5" \
    --ecalab "$(json "$work/cli-pair.json" "d['a']['median_ms']")" --reference "$(json "$work/cli-pair.json" "d['b']['median_ms']")" \
    --method "median of $runs, exec to exit, interleaved with curl -s POSTing the same form to the same emulator; $exchanges"
  row --measure "CLI flow (client credentials): peak RSS" --unit MiB --goal "ecalab<=15" --goal-text "≤ 15 MiB" \
    --ecalab "$(json "$work/cli-pair.json" "d['a']['rss_mib_median']")" --reference "$(json "$work/cli-pair.json" "d['b']['rss_mib_median']")" \
    --method "median ru_maxrss (wait4) of the same runs; curl is the reference"
}

version_rows() {
  say "ecalab --version vs /bin/true, median of $runs"
  pair -- "$ecalab" --version ::: /bin/true >"$work/version-pair.json"
  note "\$ecalab --version   # ×$runs, interleaved with: /bin/true"
  row --measure "\`ecalab --version\`: wall time" --unit ms --goal "-" \
    --ecalab "$(json "$work/version-pair.json" "d['a']['median_ms']")" --reference "$(json "$work/version-pair.json" "d['b']['median_ms']")" \
    --method "median of $runs, exec to exit, interleaved with /bin/true (the cost of starting any process here)"
  row --measure "\`ecalab --version\`: peak RSS" --unit MiB --goal "-" \
    --ecalab "$(json "$work/version-pair.json" "d['a']['rss_mib_median']")" --reference "$(json "$work/version-pair.json" "d['b']['rss_mib_median']")" \
    --method "median ru_maxrss; /bin/true's is the floor of this way of measuring"
}

# Whether the window binary and the bare window load the same shared libraries.
compare_needed() {
  needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort; }
  local only_ecalab only_bare
  only_ecalab=$(comm -23 <(needed "$window_binary") <(needed "$tool_dir/bench_bare_window") | tr '\n' ' ')
  only_bare=$(comm -13 <(needed "$window_binary") <(needed "$tool_dir/bench_bare_window") | tr '\n' ' ')
  if [ -z "$only_ecalab$only_bare" ]; then
    echo "the same $(needed "$window_binary" | wc -l) NEEDED libraries"
  else
    echo "NEEDED differ (only ecalab: ${only_ecalab:-none}; only the bare window: ${only_bare:-none})"
  fi
}

first_frame_rows() {
  say "first frame: ecalab's window vs a bare Qt window, median of $runs"
  ECALAB_EXIT_AFTER_FIRST_FRAME=1 timeout 30 "$ecalab" </dev/null >/dev/null 2>"$work/frame-check.log" &&
    grep -q '^first frame: ' "$work/frame-check.log" ||
    die "$ecalab's window did not stop after its first frame: a build from before ui/FirstFrameProbe? $(tail -2 "$work/frame-check.log")"
  local needed probe
  needed=$(compare_needed)
  ECALAB_EXIT_AFTER_FIRST_FRAME=1 pair --probe 'first frame: ([0-9.]+) ms' -- \
    "$ecalab" ::: "$tool_dir/bench_bare_window" >"$work/frame-pair.json"
  probe=$(json "$work/frame-pair.json" "'%.1f vs %.1f ms' % (d['a']['probe_median'] or -1, d['b']['probe_median'] or -1)")
  note "ECALAB_EXIT_AFTER_FIRST_FRAME=1 QT_QPA_PLATFORM=offscreen \$ecalab   # ×$runs, interleaved with: \$bench/bench_bare_window"
  row --measure "Window to first frame: wall time" --unit ms --goal "ratio<=1.5" \
    --ecalab "$(json "$work/frame-pair.json" "d['a']['median_ms']")" --reference "$(json "$work/frame-pair.json" "d['b']['median_ms']")" \
    --method "median of $runs, exec to exit right after the first paint (ECALAB_EXIT_AFTER_FIRST_FRAME=1, offscreen), interleaved with bench_bare_window; $window_path, the demo org starting after the frame; $needed; the probe's own ms since exec: $probe"
  row --measure "Window to first frame: peak RSS" --unit MiB --goal "-" \
    --ecalab "$(json "$work/frame-pair.json" "d['a']['rss_mib_median']")" --reference "$(json "$work/frame-pair.json" "d['b']['rss_mib_median']")" \
    --method "median ru_maxrss of the same runs"
}

# wrk against one server for $sustain_seconds, its RSS sampled: $work/sustain-$1.json.
sustain() {
  local name=$1 pid=$2 url=$3
  say "sustained: $name, wrk -t$threads -c$connections for $sustain_seconds s"
  measure sustain --pid "$pid" --url "$url" --seconds "$sustain_seconds" --lua "$bench/client-credentials.lua" \
    --sample-every "$sample_every" --connections "$connections" --threads "$threads" >"$work/sustain-$name.json"
}

# oidc-provider on a free loopback port with a client of its own; one token checked by hand.
start_oidc_provider() {
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  oidc_secret=$(openssl rand -hex 24)
  PORT=$port BENCH_CLIENT_ID=ecalab-bench BENCH_CLIENT_SECRET=$oidc_secret NODE_ENV=production \
    node "$bench/oidc-provider/server.mjs" >"$work/oidc.json" 2>"$work/oidc.log" &
  oidc_pid=$!
  pids+=("$oidc_pid")
  for _ in $(seq 100); do [ -s "$work/oidc.json" ] && break; sleep 0.1; done
  oidc_url=$(json "$work/oidc.json" "d['tokenEndpoint']") || die "oidc-provider did not start: $(tail -3 "$work/oidc.log")"
  (umask 077; printf 'grant_type=client_credentials&client_id=ecalab-bench&client_secret=%s' "$oidc_secret" >"$work/oidc-body.form")
  curl -s -o "$work/oidc-token.json" -w '%{http_code}' --data-binary "@$work/oidc-body.form" "$oidc_url" >"$work/oidc-status"
  oidc_check=$(python3 - "$work/oidc-token.json" "$(cat "$work/oidc-status")" <<'PY'
import json, sys
answer = json.load(open(sys.argv[1]))
if sys.argv[2] != "200" or not answer.get("access_token") or answer.get("token_type") != "Bearer":
    sys.exit(f"oidc-provider did not issue a token: HTTP {sys.argv[2]}, fields {sorted(answer)}")
print(f"one answer checked by hand: HTTP 200, a {len(answer['access_token'])}-character Bearer access_token, "
      f"expires_in {answer.get('expires_in')}")
PY
) || die "$oidc_check"
}

sustained_rows() {
  start_emulator sustain
  split_profile sustain
  BENCH_CLIENT_ID=$(json "$work/sustain-profile.json" "d['clientId']") BENCH_CLIENT_SECRET=$(cat "$work/sustain-secret") \
    sustain ecalab "$emulator_pid" "$(json "$work/sustain.json" "d['myDomain']")/services/oauth2/token"
  stop "$emulator_pid"
  start_oidc_provider
  BENCH_CLIENT_ID=ecalab-bench BENCH_CLIENT_SECRET=$oidc_secret sustain oidc-provider "$oidc_pid" "$oidc_url"
  stop "$oidc_pid"
  note "BENCH_CLIENT_ID=… BENCH_CLIENT_SECRET=… wrk -t$threads -c$connections -d${sustain_seconds}s --latency -s tests/bench/client-credentials.lua \$myDomain/services/oauth2/token   # then, the emulator stopped:"
  note "PORT=… BENCH_CLIENT_ID=… BENCH_CLIENT_SECRET=… NODE_ENV=production node tests/bench/oidc-provider/server.mjs &   # oidc-provider $oidc_version"
  note "BENCH_CLIENT_ID=… BENCH_CLIENT_SECRET=… wrk -t$threads -c$connections -d${sustain_seconds}s --latency -s tests/bench/client-credentials.lua http://127.0.0.1:\$PORT/token"
  python3 - "$work/sustain-ecalab.json" "$work/sustain-oidc-provider.json" >"$work/sustain-facts" <<'PY'
import json, sys
e, o = (json.load(open(p)) for p in sys.argv[1:3])
clean = all(r["refused"] == 0 and r["socket_errors"] == 0 and r["wrk_exit"] == 0 for r in (e, o))
# Flat: no growth in the second half; the first minutes fill the bounded token store.
halfway = lambda r: min(r["rss"][1:], key=lambda s: abs(s["t"] - r["seconds"] / 2))["rss_mib"]
flat = e["rss"][-1]["rss_mib"] <= 1.1 * halfway(e)
mib = lambda r: " → ".join(f"{s['rss_mib']:.1f}" for s in (r["rss"][0], r["rss"][-1])) + " MiB"
series = lambda r: ", ".join(f"{s['rss_mib']:.1f}" for s in r["rss"])
lat = lambda r: "/".join(v for _, v in r["latency"]) or "?"
print("yes" if clean else "no")
print("yes" if flat and clean else "no")
print(mib(e))
print(mib(o))
print(f"refused (non-200) {e['refused']}/{o['refused']}, socket errors {e['socket_errors']}/{o['socket_errors']}, "
      f"latency p50/p99 {lat(e)} vs {lat(o)}")
print(f"VmRSS sampled before the load, every ~{e['rss'][1]['t'] if len(e['rss']) > 2 else '?'} s and after: "
      f"emulator {series(e)}; oidc-provider {series(o)} MiB")
PY
  local clean flat
  clean=$(sed -n 1p "$work/sustain-facts"); flat=$(sed -n 2p "$work/sustain-facts")
  row --measure "Emulator sustained: tokens/s ($connections connections, $sustain_seconds s)" --unit "/s" --goal "ratio>=2" --met "$clean" \
    --ecalab "$(json "$work/sustain-ecalab.json" "d['tokens_per_s']")" --reference "$(json "$work/sustain-oidc-provider.json" "d['tokens_per_s']")" \
    --method "wrk -t$threads -c$connections, client credentials POSTs, 200 answers only, one server after the other; oidc-provider $oidc_version (in-memory adapter; $oidc_check); $(sed -n 5p "$work/sustain-facts")"
  row --measure "Emulator sustained: RSS start → end" --unit MiB --goal "-" --goal-text "flat" --met "$flat" \
    --ecalab "$(json "$work/sustain-ecalab.json" "d['rss'][-1]['rss_mib']")" --ecalab-text "$(sed -n 3p "$work/sustain-facts")" \
    --reference "$(json "$work/sustain-oidc-provider.json" "d['rss'][-1]['rss_mib']")" --reference-text "$(sed -n 4p "$work/sustain-facts")" \
    --method "flat: the end ≤ 1.1 × the sample at half time; $(sed -n 6p "$work/sustain-facts")"
}

signing_rows() {
  say "signing: bench_jwt_sign vs openssl speed rsa2048, $sign_seconds s each"
  local ours theirs
  ours=$("$tool_dir/bench_jwt_sign" --seconds "$sign_seconds" | awk '/^signatures\/s/ { print $2 }')
  theirs=$(openssl speed -seconds "$sign_seconds" -mr rsa2048 2>/dev/null | awk -F: '/^\+F2:/ { print $4 }')
  [ -n "$ours" ] && [ -n "$theirs" ] || die "signing: no rate (bench_jwt_sign: '$ours', openssl speed: '$theirs')"
  note "\$bench/bench_jwt_sign --seconds $sign_seconds; openssl speed -seconds $sign_seconds -mr rsa2048   # sign/s from its +F2 line"
  row --measure "JWT signing: signatures/s (RSA 2048, one thread)" --unit "/s" --goal "ratio>=0.9" --goal-text "≥ 90%" \
    --ecalab "$ours" --reference "$theirs" \
    --method "$sign_seconds s each: JWT bearer assertions built and signed as the flow does (signCompactRs256: JSON, base64url, EVP_DigestSign RS256) vs openssl speed's RSA-2048 sign/s"
}

stall_rows() {
  say "window event loop: every flow run from the window (bench_window_stall)"
  "$tool_dir/bench_window_stall" --json >"$work/stall.jsonl" 2>"$work/stall.log" || say "bench_window_stall: a flow failed (see its rows)"
  note "QT_QPA_PLATFORM=offscreen \$bench/bench_window_stall --json   # one line per flow"
  python3 - "$work/stall.jsonl" >"$work/stall-rows" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    judged = "not a run" not in r["flow"]
    print("\t".join([r["flow"], str(r["maxMs"]), "yes" if r["ok"] else "no", "ecalab<=16" if judged else "-",
                     f"p99 {r['p99Ms']:.2f} ms over {r['durationMs'] / 1000:.1f} s ({r['ticks']} tick{'' if r['ticks'] == 1 else 's'})"
                     + ("" if r["ok"] else f"; the run FAILED: {r['note']}")]))
PY
  [ -s "$work/stall-rows" ] || die "bench_window_stall printed nothing: $(tail -3 "$work/stall.log")"
  local flow max ok goal detail judged
  while IFS=$'\t' read -r flow max ok goal detail; do
    judged=(--goal-text "— (not a flow run)")
    [ "$goal" = - ] || judged=(--goal-text "≤ 16 ms" --met "$ok")
    row --measure "Window event loop, longest stall: $flow" --unit ms --goal "$goal" "${judged[@]}" --ecalab "$max" \
      --method "longest gap of a 1 ms Qt::PreciseTimer heartbeat on the window's thread, Run to end, emulator in-process on its thread; $detail"
  done <"$work/stall-rows"
}
