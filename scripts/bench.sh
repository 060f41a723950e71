#!/usr/bin/env bash
# Benchmark: wall time and peak memory of `gen-report build` (PDF + HTML) for the example,
# against the typst CLI compiling the same content (`--emit typst` writes what gen-report
# compiled), measured in the same run. Prints a table; never fails on a number.
#
#   scripts/bench.sh [RUNS]          (default 7)
#   TYPST=/path/to/typst scripts/bench.sh
#
# Needs a release build (made here) and, for the comparison row, the typst CLI 0.15.1:
#   cargo install typst-cli@0.15.1 --locked
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-7}"
EXAMPLE=examples/wuhan-hanyang-xinfang-2020.yaml
cargo build --release --locked --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/gen-report"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" build "$EXAMPLE" -o "$WORK/ref" --emit typst 2>/dev/null
TYPST="${TYPST:-$(command -v typst || true)}"

python3 - "$RUNS" "$BIN" "$EXAMPLE" "$WORK" "$TYPST" <<'PY'
import os, statistics, subprocess, sys, time
runs, binary, example, work, typst = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]

def measure(cmd):
    walls, rss = [], []
    for i in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - t0)
        rss.append(usage.ru_maxrss / 1024)  # KiB -> MiB
        if status != 0:
            sys.exit(f"command failed: {' '.join(cmd)}")
    return walls, rss

rows = []
gen = measure([binary, "build", example, "-o", f"{work}/out"])
rows.append(("gen-report build (PDF+HTML)", gen))
gen_pdf = measure([binary, "build", example, "-o", f"{work}/out", "--format", "pdf"])
rows.append(("gen-report build --format pdf", gen_pdf))
src = f"{work}/ref/wuhan-hanyang-xinfang-2020.typst"
if typst:
    cli = measure([typst, "compile", "--root", src, "--creation-timestamp", "946684800", f"{src}/main.typ", f"{work}/typst.pdf"])
    rows.append(("typst CLI, same .typ + data.json", cli))
else:
    print("typst CLI not found: install with `cargo install typst-cli@0.15.1 --locked` or set TYPST=…\n")

print(f"runs per row: {runs}; machine: {os.cpu_count()} cores\n")
print(f"| command | wall min (s) | wall median (s) | peak RSS median (MiB) |")
print(f"|---|---|---|---|")
for name, (w, r) in rows:
    print(f"| {name} | {min(w):.3f} | {statistics.median(w):.3f} | {statistics.median(r):.0f} |")
if typst:
    ratio = statistics.median(gen_pdf[0]) / statistics.median(cli[0])
    print(f"\ngen-report PDF-only / typst CLI (median wall): {ratio:.2f}x (target ≤ 1.2x)")
print(f"targets for the full build: < 0.5 s wall, < 250 MiB peak")
PY
