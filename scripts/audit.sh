#!/usr/bin/env bash
# Publishing-quality audit of the HTML (issue 18): builds every example on its own
# (examples/*.yaml), the examples directory as a tree (`gen-report build examples -o DIR`), and
# the examples laid out as a data tree data/<city>/<year>/ (so the portal's city/year pages
# and the reports' links back to them are built too); then runs
#   - html-validate (preset html-validate:recommended) on every page, and
#   - axe-core in headless Chromium on every page at 390 px and 1280 px and in print media,
#     plus: no page wider than the phone's viewport, and (with pdftotext) no heading or table
#     caption left alone at the foot of a printed page.
# Expects 0 problems: exit 1 otherwise. Where Node.js, the npm packages or Chromium are
# missing (as in CI), it says so and exits 0.
#
#   scripts/audit.sh                 # builds gen-report (dev profile) first
#   GEN_REPORT=path/to/gen-report scripts/audit.sh
#   AUDIT_TOOLS=DIR                  # where axe-core, html-validate and puppeteer-core are
#                                    # (DIR/node_modules); default ~/.cache/gen-report-audit,
#                                    # installed there with npm when missing and reachable
#   CHROMIUM=/usr/bin/chromium       # the browser (Debian: apt-get install chromium)
#   AUDIT_OUT=DIR                    # keep the built pages there (default: a temp directory)
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  echo "audit: skipped: $*" >&2
  exit 0
}

command -v node >/dev/null 2>&1 || skip "Node.js is not installed (apt-get install nodejs npm)"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] || skip "Chromium is not installed (apt-get install chromium, or set CHROMIUM)"

TOOLS=${AUDIT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/gen-report-audit}
have_tools() {
  [ -f "$TOOLS/node_modules/axe-core/axe.min.js" ] && [ -x "$TOOLS/node_modules/.bin/html-validate" ] && [ -d "$TOOLS/node_modules/puppeteer-core" ]
}
if ! have_tools; then
  command -v npm >/dev/null 2>&1 || skip "npm is not installed, and $TOOLS has no axe-core/html-validate/puppeteer-core"
  echo "audit: installing axe-core, html-validate and puppeteer-core into $TOOLS" >&2
  mkdir -p "$TOOLS"
  # puppeteer-core does not download a browser; a closed network fails here, quickly.
  timeout 300 npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error axe-core@4 html-validate@10 puppeteer-core@24 >&2 \
    || skip "npm could not install the audit tools into $TOOLS (no registry?)"
  have_tools || skip "the audit tools are not complete in $TOOLS"
fi

if [ -z "${GEN_REPORT:-}" ]; then
  cargo build --locked -q
  GEN_REPORT=target/debug/gen-report
fi

if [ -n "${AUDIT_OUT:-}" ]; then
  OUT=$AUDIT_OUT
  rm -rf "$OUT"
  mkdir -p "$OUT"
else
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"' EXIT
fi

echo "== building the examples into $OUT"
for f in examples/*.yaml; do
  "$GEN_REPORT" build "$f" -o "$OUT/single" -q 2>"$OUT/build.log" || { cat "$OUT/build.log" >&2; echo "audit: $f does not build" >&2; exit 1; }
done
"$GEN_REPORT" build examples -o "$OUT/examples" -q
# The same files as a data tree <city>/<year>/<dept>.yaml (city: and year: of each file).
for f in examples/*.yaml; do
  city=$(sed -n 's/^city: *\([a-z0-9_-]*\).*/\1/p' "$f" | head -1)
  year=$(sed -n 's/^  year: *\([0-9]\{4\}\).*/\1/p' "$f" | head -1)
  mkdir -p "$OUT/data/${city:-hubei}/${year:-0000}"
  cp "$f" "$OUT/data/${city:-hubei}/${year:-0000}/"
done
"$GEN_REPORT" build "$OUT/data" -o "$OUT/tree" -q

mapfile -t PAGES < <(find "$OUT/single" "$OUT/examples" "$OUT/tree" -name '*.html' | sort)
echo "== ${#PAGES[@]} pages"

status=0
echo "== html-validate $("$TOOLS/node_modules/.bin/html-validate" --version 2>/dev/null | sed 's/.*-//')"
cat >"$OUT/htmlvalidate.json" <<'EOF'
{ "root": true, "extends": ["html-validate:recommended"] }
EOF
if "$TOOLS/node_modules/.bin/html-validate" --config "$OUT/htmlvalidate.json" --formatter stylish "${PAGES[@]}"; then
  echo "html-validate: ${#PAGES[@]} page(s), 0 problems"
else
  status=1
fi

echo "== axe-core $(node -p "require('$TOOLS/node_modules/axe-core/package.json').version") in $("$CHROMIUM" --version 2>/dev/null | head -1)"
(cd "$OUT" && node "$OLDPWD/scripts/audit.cjs" "$TOOLS" "$CHROMIUM" "${PAGES[@]#$OUT/}") || status=1

if [ "$status" -eq 0 ]; then
  echo "audit: passed"
else
  echo "audit: FAILED" >&2
fi
exit "$status"
