#!/usr/bin/env bash
# Benchmark: wall time, CPU and peak memory of `gen-report build` for the example, against
# typst compiling the same content (`--emit typst` writes what gen-report compiled), measured
# side by side in the same run. Prints tables; never fails on a number.
#
#   scripts/bench.sh [RUNS]          (default 7)
#   BIN=/path/to/gen-report scripts/bench.sh
#   TYPST=/path/to/typst scripts/bench.sh    (optional: the typst CLI 0.15.1 as a second yardstick,
#                                            cargo install typst-cli@0.15.1 --locked)
#
# The yardstick needs no typst CLI: `gen-report typst-compile DIR OUT` is the same typst
# library compiling the emitted main.typ + data.json once, without gen-report's checks,
# twins or second layout. The ratio row is the CPU per report of a tree of 10 copies of the
# example (`build DIR --format pdf`) ÷ the CPU of that one-shot compile.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-7}"
EXAMPLE=examples/wuhan-hanyang-xinfang-2020.yaml
if [ -z "${BIN:-}" ]; then
    cargo build --release --locked --quiet
    BIN="${CARGO_TARGET_DIR:-target}/release/gen-report"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" build "$EXAMPLE" -o "$WORK/ref" --emit typst 2>/dev/null
TYPST="${TYPST:-$(command -v typst || true)}"

python3 - "$RUNS" "$BIN" "$EXAMPLE" "$WORK" "$TYPST" <<'PY'
import os, shutil, statistics, subprocess, sys, time
runs, binary, example, work, typst = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]

def measure(cmd):
    """Runs cmd `runs` times: wall times, CPU times (user + system of the child), peak RSS."""
    walls, cpus, rss = [], [], []
    for i in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - t0)
        cpus.append(usage.ru_utime + usage.ru_stime)
        rss.append(usage.ru_maxrss / 1024)  # KiB -> MiB
        if status != 0:
            sys.exit(f"command failed: {' '.join(cmd)}")
    return walls, cpus, rss

src = f"{work}/ref/wuhan-hanyang-xinfang-2020.typst"
# A tree of 10 copies of the example: what a city's build does per department.
tree = f"{work}/tree/hubei/2020"
os.makedirs(tree)
for i in range(10):
    shutil.copy(example, f"{tree}/dept{i:02}.yaml")
N = 10

rows = []
rows.append(("gen-report build (all outputs)", measure([binary, "build", example, "-o", f"{work}/out"])))
gen_pdf = measure([binary, "build", example, "-o", f"{work}/out", "--format", "pdf"])
rows.append(("gen-report build --format pdf", gen_pdf))
one = measure([binary, "typst-compile", src, f"{work}/one.pdf"])
rows.append(("typst library, emitted source, once", one))
tree_run = measure([binary, "build", f"{work}/tree", "-o", f"{work}/tree-out", "--format", "pdf", "--force", "-q"])
rows.append((f"tree of {N} copies, --format pdf (whole run)", tree_run))
if typst:
    # report.typ tags row headers with pdf.header-cell (a11y-extras); the same standards.
    cli = measure([typst, "compile", "--root", src, "--features", "a11y-extras", "--pdf-standard", "a-2a,ua-1", "--creation-timestamp", "946684800", f"{src}/main.typ", f"{work}/typst.pdf"])
    rows.append(("typst CLI, same .typ + data.json", cli))
else:
    print("(no typst CLI: the library yardstick above needs none; TYPST=… adds the CLI row)\n")

print(f"runs per row: {runs}; machine: {os.cpu_count()} cores\n")
print("| command | wall min (s) | wall median (s) | CPU median (s) | peak RSS median (MiB) |")
print("|---|---|---|---|---|")
for name, (w, c, r) in rows:
    print(f"| {name} | {min(w):.3f} | {statistics.median(w):.3f} | {statistics.median(c):.3f} | {statistics.median(r):.0f} |")
per_report = statistics.median(tree_run[1]) / N
ratio = per_report / statistics.median(one[1])
print(f"\nCPU per report in a tree ÷ one-shot compile of the same source: {per_report:.3f} s ÷ {statistics.median(one[1]):.3f} s = {ratio:.2f} (target ≤ 0.4)")
print(f"gen-report PDF-only ÷ one-shot compile (median wall): {statistics.median(gen_pdf[0]) / statistics.median(one[0]):.2f}x")
PY
