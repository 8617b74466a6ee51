#!/usr/bin/env python3
"""The measuring half of tests/bench/run.sh (which starts the servers and says what to compare).

  measure.py pair --spawn BENCH_SPAWN --runs N [--probe REGEX] [--warmup 1] -- CMD_A ... ::: CMD_B ...
      Runs A and B N times each, interleaved (A B, then B A, ...) so that load drifting over the
      run hits both alike, after one unmeasured warm-up run of each (page cache). Each run goes
      through bench_spawn (bench_spawn.cpp says why not from here): wall time is CLOCK_MONOTONIC
      around fork .. wait4, peak RSS wait4's ru_maxrss of that child (it survives an execv, so a
      hand-over to another binary is counted whole).
      stdin and stdout are /dev/null; a run that exits non-zero stops everything. --probe takes a
      number the program prints on stderr (the first-frame probe). Prints one JSON object.
  measure.py sustain --pid PID --url URL --seconds S --lua FILE [--sample-every 60]
      wrk -tT -cC for S seconds against URL while PID's VmRSS is sampled (before the load, every
      sample interval, after it). Prints one JSON object: tokens/s (200 answers only), refused.
  measure.py row --measure TEXT --ecalab X [--reference Y] --unit U --goal EXPR --method TEXT
      Appends one table row (JSON) to --out. EXPR: "ratio<=1.5", "ratio>=2", "ecalab<=15", "-".
  measure.py table --rows FILE --header FILE [--write FILE --commands FILE]
      Prints the Markdown table (and, with --write, the whole docs/benchmarks.md).
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time


# ---------------------------------------------------------------------------------------- pair

def run_once(spawn, argv, probe):
    """One child, through bench_spawn: (wall ms, peak RSS KiB, probe value or None)."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as result:
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
                   (os.POSIX_SPAWN_DUP2, result.fileno(), 3)]
        pid = os.posix_spawn(spawn, [spawn] + argv, os.environ, file_actions=actions)
        _, status = os.waitpid(pid, 0)
        err.seek(0)
        result.seek(0)
        stderr = err.read().decode(errors="replace")
        report = result.read().decode().split()
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or len(report) < 6:
        sys.exit(f"measure.py: {argv[0]} exited {code}; its stderr ends:\n{stderr[-800:]}")
    value = None
    if probe:
        found = re.search(probe, stderr)
        value = float(found.group(1)) if found else None
    return int(report[1]) / 1e6, int(report[3]), value


def summary(samples):
    walls = [s[0] for s in samples]
    rss = [s[1] / 1024 for s in samples]
    probes = [s[2] for s in samples if s[2] is not None]
    return {"median_ms": statistics.median(walls), "min_ms": min(walls), "max_ms": max(walls),
            "rss_mib_median": statistics.median(rss), "rss_mib_max": max(rss),
            "probe_median": statistics.median(probes) if probes else None, "runs": len(samples)}


def pair(args):
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if ":::" not in command:
        sys.exit("measure.py pair: -- CMD_A ... ::: CMD_B ...")
    split = command.index(":::")
    a, b = command[:split], command[split + 1:]
    for _ in range(args.warmup):
        run_once(args.spawn, a, args.probe)
        run_once(args.spawn, b, args.probe)
    samples = {"a": [], "b": []}
    for i in range(args.runs):
        order = [("a", a), ("b", b)] if i % 2 == 0 else [("b", b), ("a", a)]
        for name, argv in order:
            samples[name].append(run_once(args.spawn, argv, args.probe))
    print(json.dumps({"a": summary(samples["a"]), "b": summary(samples["b"])}))


# ------------------------------------------------------------------------------------- sustain

def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def parse_wrk(out):
    number = lambda pattern: (lambda m: float(m.group(1)) if m else 0.0)(re.search(pattern, out))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"requests": int(number(r"(\d+) requests in")),
            "ok": int(number(r"\nok (\d+)")),
            "refused": int(number(r"\nrefused (\d+)")),
            "requests_per_s": number(r"Requests/sec:\s+([\d.]+)"),
            "socket_errors": sum(int(x) for x in socket.groups()) if socket else 0}


def sustain(args):
    samples = [{"t": 0, "rss_mib": rss_mib(args.pid)}]
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s",
               "--latency", "-s", args.lua, args.url]
    start = time.monotonic()
    wrk = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = []
    reader = threading.Thread(target=lambda: output.append(wrk.stdout.read()))
    reader.start()
    every = min(args.sample_every, max(1, args.seconds / 5))  # a short run still gets a few samples
    next_sample = every
    while wrk.poll() is None:
        time.sleep(0.2)
        if time.monotonic() - start >= next_sample and wrk.poll() is None:
            samples.append({"t": round(time.monotonic() - start), "rss_mib": rss_mib(args.pid)})
            next_sample += every
    reader.join()
    elapsed = time.monotonic() - start
    samples.append({"t": round(elapsed), "rss_mib": rss_mib(args.pid)})
    result = parse_wrk(output[0] if output else "")
    result.update({"seconds": args.seconds, "elapsed_s": elapsed, "rss": samples,
                   "tokens_per_s": result["ok"] / args.seconds, "wrk_exit": wrk.returncode,
                   "latency": re.findall(r"\s+(50|99)%\s+(\S+)", output[0] if output else "")})
    print(json.dumps(result))


# ----------------------------------------------------------------------------------- row, table

def evaluate(goal, ecalab, reference):
    """(ratio, met) for a goal such as "ratio<=1.5"; met is None when there is no goal."""
    ratio = ecalab / reference if reference not in (None, 0) and ecalab is not None else None
    found = re.fullmatch(r"(ratio|ecalab)(<=|>=)([\d.]+)", goal.replace(" ", ""))
    if not found or ecalab is None:
        return ratio, None
    value = ratio if found.group(1) == "ratio" else ecalab
    if value is None:
        return ratio, None
    limit = float(found.group(3))
    return ratio, value <= limit if found.group(2) == "<=" else value >= limit


def row(args):
    ecalab = None if args.ecalab in ("", "-") else float(args.ecalab)
    reference = None if args.reference in (None, "", "-") else float(args.reference)
    ratio, met = evaluate(args.goal, ecalab, reference)
    if args.met is not None:  # a judgement the goal expression cannot make (memory flat, 0 refused)
        met = met is not False and args.met == "yes"
    entry = {"measure": args.measure, "ecalab": ecalab, "reference": reference, "unit": args.unit,
             "ecalab_text": args.ecalab_text, "reference_text": args.reference_text,
             "ratio": ratio, "goal": args.goal_text or goal_words(args.goal), "met": met,
             "method": args.method}
    with open(args.out, "a") as out:
        out.write(json.dumps(entry) + "\n")


def goal_words(goal):
    found = re.fullmatch(r"(ratio|ecalab)(<=|>=)([\d.]+)", goal.replace(" ", ""))
    if not found:
        return "—"
    sign = "≤" if found.group(2) == "<=" else "≥"
    return f"{sign} {found.group(3)}×" if found.group(1) == "ratio" else f"{sign} {found.group(3)}"


def number(value, unit):
    if value is None:
        return "—"
    digits = 0 if abs(value) >= 1000 else 1 if abs(value) >= 10 else 2
    return f"{value:,.{digits}f} {unit}".strip()


def table_lines(rows):
    lines = ["| measure | ecalab | reference | ratio | goal | met | method |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        ecalab = r["ecalab_text"] or number(r["ecalab"], r["unit"])
        reference = r["reference_text"] or number(r["reference"], r["unit"])
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        met = {True: "yes", False: "**no**", None: "—"}[r["met"]]
        cells = [r["measure"], ecalab, reference, ratio, r["goal"], met, r["method"]]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return lines


def table(args):
    with open(args.rows) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    with open(args.header) as f:
        header = f.read().rstrip("\n")
    body = header + "\n\n" + "\n".join(table_lines(rows)) + "\n"
    print(body)
    if args.write:
        with open(args.commands) as f:
            commands = f.read().rstrip("\n")
        with open(args.method) as f:
            method = f.read().rstrip("\n")
        doc = ["# Benchmarks", "",
               "Written by `tests/bench/run.sh --write` (issue 15): each row is a ratio measured side by "
               "side in one run on the machine below; *ratio* is always ecalab ÷ reference.", "",
               body, "## Commands", "", "```sh", commands, "```", "", method, ""]
        with open(args.write, "w") as out:
            out.write("\n".join(doc))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("pair")
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--probe")
    p.add_argument("--spawn", required=True, help="the bench_spawn binary")
    p.add_argument("command", nargs=argparse.REMAINDER)
    s = sub.add_parser("sustain")
    for name, kind in (("--pid", int), ("--seconds", int), ("--connections", int), ("--threads", int),
                       ("--sample-every", float)):
        s.add_argument(name, type=kind, required=name in ("--pid", "--seconds"))
    s.add_argument("--url", required=True)
    s.add_argument("--lua", required=True)
    s.set_defaults(connections=16, threads=2, sample_every=60.0)
    r = sub.add_parser("row")
    for name in ("--measure", "--ecalab", "--unit", "--goal", "--method", "--out"):
        r.add_argument(name, required=True)
    for name in ("--reference", "--ecalab-text", "--reference-text", "--goal-text", "--met"):
        r.add_argument(name)
    t = sub.add_parser("table")
    for name in ("--rows", "--header", "--write", "--commands", "--method"):
        t.add_argument(name, required=name in ("--rows", "--header"))
    args = parser.parse_args()
    {"pair": pair, "sustain": sustain, "row": row, "table": table}[args.what](args)


if __name__ == "__main__":
    main()
