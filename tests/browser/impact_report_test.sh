#!/usr/bin/env bash
# Browser test of the HTML impact report: builds a small synthetic workspace, writes the 2023/24
# impact report as HTML and checks it in headless Chromium (tests/browser/check_html_report.mjs).
#
#   impact_report_test.sh ANCHORNET WORKDIR [EXPECTED_TEXT]...
#
# ANCHORNET is the CLI binary, WORKDIR a scratch directory (emptied first); every further argument
# is a text that must appear in the rendered report. Artefacts (screenshots, PDF) are left in
# WORKDIR/browser/. Node is $ANCHORNET_NODE, else `node` on PATH.
# Exit: 0 pass, 1 fail, 77 skipped (no node, no /usr/bin/chromium or no web/node_modules; a
# failure instead when CI is set).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 ANCHORNET WORKDIR [EXPECTED_TEXT]..." >&2
  exit 2
fi
bin=$1
work=$2
shift 2

# shellcheck source=browser_tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/browser_tools.sh"

rm -rf "$work"
mkdir -p "$work"
db="sqlite:$work/ws.db"

# A small synthetic network: three financial years from 2022/23, so 2023/24 is in the middle.
if ! "$bin" --db "$db" demo --dir "$work/demo" --lines 20000 --quiet > "$work/demo.log" 2>&1; then
  echo "FAIL: anchornet demo failed:"; tail -n 30 "$work/demo.log"; exit 1
fi

if ! "$bin" --db "$db" report impact --fy 2023/24 --format html --out "$work/impact.html" \
     > "$work/report.log" 2>&1; then
  echo "FAIL: anchornet report impact failed:"; cat "$work/report.log"; exit 1
fi

expect_args=()
for text in "$@"; do expect_args+=(--expect "$text"); done

exec "$node" "$here/check_html_report.mjs" --html "$work/impact.html" --out "$work/browser" \
  "${expect_args[@]}"
