#!/bin/sh
# test-browser.sh: exports the sample and the hostile-layout fixture with
# tidings-cli, then lays them out in headless Chromium (layout.mjs) and
# checks the sample email against caniemail's data (doiuse.mjs). TAP.
#
#   tests/browser/test-browser.sh layout|doiuse TIDINGS-CLI SOURCE-DIR TOOLS-DIR OUT-DIR
#
# OUT-DIR keeps the exports and, for layout, the screenshots (OUT-DIR/shots)
# and the measured widths (OUT-DIR/shots/widths.txt).
set -eu

what=$1 cli=$2 src=$3 tools=$4 out=$5
sample=$src/data/samples/august-2023/august-2023.tidings
hostile=$src/tests/browser/hostile-layout.tidings

if ! command -v node >/dev/null 2>&1; then
  echo "1..0 # SKIP node is not installed"
  exit 0
fi

rm -rf "$out"
mkdir -p "$out"
"$cli" export -f email "$sample" -o "$out/sample-email.html"

if [ "$what" = doiuse ]; then
  exec node "$src/tests/browser/doiuse.mjs" "$tools" "$out/sample-email.html" \
    "$src/tests/browser/doiuse-baseline.json"
fi

"$cli" export -f web "$sample" -o "$out/sample-web" >/dev/null
"$cli" export -f email "$hostile" -o "$out/hostile-email.html"
"$cli" export -f web "$hostile" -o "$out/hostile-web" >/dev/null
exec node "$src/tests/browser/layout.mjs" "$tools" "$out/shots" \
  "sample:email:$out/sample-email.html:$src/data/samples/august-2023/images" \
  "sample:web:$out/sample-web/index.html" \
  "hostile:email:$out/hostile-email.html" \
  "hostile:web:$out/hostile-web/index.html"
