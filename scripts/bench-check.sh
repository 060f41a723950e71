#!/usr/bin/env bash
# Benchmark: `gen-report check` throughput and peak memory over many generated departments,
# and `gen-report build` (PDF + HTML) time per report. Prints tables; never fails on a number.
#
#   scripts/bench-check.sh [RUNS]            (default 3 runs per row; the median is shown)
#   BIN=/path/to/gen-report scripts/bench-check.sh
#   CARGO_TARGET_DIR=/work/bench-target scripts/bench-check.sh
#
# The departments come from scripts/gen-departments.py (fixed seeds, 3–25 expenditure rows
# each; plus one department with 10,000 rows). Each row of the check table is ONE
# `gen-report check` process over every file of the set. Peak RSS is the child's ru_maxrss
# from os.wait4. Without BIN a release build is made here (cached builds take seconds).
#
# Targets to compare against: ≥ 1,000 departments/s on 2 cores; peak RSS flat as the number
# of files grows (each file is checked and dropped before the next).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
if [ -z "${BIN:-}" ]; then
    cargo build --release --locked --quiet
    BIN="${CARGO_TARGET_DIR:-target}/release/gen-report"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

python3 - "$RUNS" "$BIN" "$WORK" <<'PY'
import os, statistics, subprocess, sys, time

runs, binary, work = int(sys.argv[1]), sys.argv[2], sys.argv[3]
gen = os.path.join("scripts", "gen-departments.py")


def generate(name, *args):
    out = os.path.join(work, name)
    subprocess.run([sys.executable, gen, "--out", out, *args], check=True)
    files = []
    for d, _, fs in os.walk(out):
        files += [os.path.join(d, f) for f in fs if f.endswith(".yaml")]
    return sorted(files)


def measure(cmd):
    """Runs cmd `runs` times: (median wall s, max peak RSS MiB, exit codes, stderr of the last run)."""
    walls, rss, codes = [], [], []
    err_path = os.path.join(work, "stderr.txt")
    for _ in range(runs):
        with open(err_path, "wb") as err:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(p.pid, 0)
            walls.append(time.perf_counter() - t0)
        rss.append(usage.ru_maxrss / 1024)  # KiB -> MiB on Linux
        codes.append(os.waitstatus_to_exitcode(status))
    with open(err_path, encoding="utf-8", errors="replace") as f:
        stderr = f.read()
    return statistics.median(walls), max(rss), codes, stderr


sets = [
    ("100 departments", generate("d100", "--count", "100", "--seed", "100")),
    ("500 departments", generate("d500", "--count", "500", "--seed", "500")),
    ("1000 departments", generate("d1000", "--count", "1000", "--seed", "1000")),
    ("1 department, 10,000 rows", generate("huge", "--count", "1", "--seed", "10000", "--rows-min", "10000", "--rows-max", "10000")),
]

print(f"binary: {binary}")
print(f"machine: {os.cpu_count()} cores; runs per row: {runs} (median wall, max peak RSS)\n")
print("## gen-report check (one process per set)\n")
print("| set | files | MiB of YAML | wall (s) | departments/s | peak RSS (MiB) | exit | 检查通过 |")
print("|---|---|---|---|---|---|---|---|")
for name, files in sets:
    size = sum(os.path.getsize(f) for f in files) / (1 << 20)
    wall, rss, codes, stderr = measure([binary, "check", *files])
    passed = stderr.count("检查通过")
    exits = ",".join(sorted({str(c) for c in codes}))
    print(f"| {name} | {len(files)} | {size:.1f} | {wall:.3f} | {len(files) / wall:,.0f} | {rss:.1f} | {exits} | {passed}/{len(files)} |")
    if passed != len(files):
        print(f"\n(not every file passed; first lines of stderr:)\n{stderr[:2000]}\n")

print("\n## gen-report build, PDF + HTML (one process)\n")
files = generate("b20", "--count", "20", "--seed", "20")
wall, rss, codes, stderr = measure([binary, "build", *files, "-o", os.path.join(work, "built")])
pdfs = [f for f in os.listdir(os.path.join(work, "built")) if f.endswith(".pdf")]
print("| set | reports | wall (s) | per report (ms) | peak RSS (MiB) | exit | PDFs written |")
print("|---|---|---|---|---|---|---|")
print(f"| 20 departments | {len(files)} | {wall:.3f} | {wall * 1000 / len(files):.0f} | {rss:.1f} | {','.join(sorted({str(c) for c in codes}))} | {len(pdfs)} |")
if any(codes):
    print(f"\n(build reported problems; first lines of stderr:)\n{stderr[:2000]}")
print("\ntargets: check ≥ 1,000 departments/s on 2 cores; check peak RSS flat from 100 to 1000 files")
PY
