#!/usr/bin/env bash
# Browser test of the dashboard: a synthetic demo workspace, `anchornet serve` on a free loopback
# port with the built dashboard (web/dist), and headless Chromium driven through the pages a
# member's data officer uses (tests/browser/dashboard.mjs).
#
#   dashboard_test.sh ANCHORNET WORKDIR SHARED_DATA
#
# ANCHORNET is the CLI binary, WORKDIR a scratch directory (emptied first), SHARED_DATA the real
# public files (../shared/data: a council's spend file is uploaded). Screenshots are left in
# WORKDIR/shots/. Node is $ANCHORNET_NODE, else `node` on PATH.
# Exit: 0 pass, 1 fail, 77 skipped (no node, Chromium, playwright-core or built dashboard; a
# failure instead when CI is set).
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 ANCHORNET WORKDIR SHARED_DATA" >&2
  exit 2
fi
bin=$1
work=$2
shared=$3

# shellcheck source=browser_tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/browser_tools.sh"
if [ ! -f "$repo/web/dist/index.html" ]; then
  skip_or_fail "the dashboard is not built (run: make web)"
fi

rm -rf "$work"
mkdir -p "$work"
db="sqlite:$work/ws.db"
if ! "$bin" --db "$db" demo --dir "$work/demo" --lines 6000 --quiet > "$work/demo.log" 2>&1; then
  echo "FAIL: anchornet demo failed:"; tail -n 30 "$work/demo.log"; exit 1
fi

"$bin" --db "$db" serve --port 0 --web-dir "$repo/web/dist" > "$work/serve.log" 2>&1 &
server=$!
stop_server() { kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop_server EXIT

url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" | head -n 1 || true)
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "FAIL: anchornet serve exited:"; cat "$work/serve.log"; exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "FAIL: anchornet serve printed no URL in 30 s:"; cat "$work/serve.log"; exit 1
fi

real="$shared/spend/hyndburn_raw/hyndburn_1701.csv"
status=0
"$node" "$here/dashboard.mjs" --url "$url" --out "$work/shots" --real-file "$real" \
  --geojson "$shared/geo/london_boroughs_2013.geojson" --scratch "$work" || status=$?

trap - EXIT
kill -TERM "$server"
if ! wait "$server"; then
  echo "FAIL: anchornet serve did not exit 0 on SIGTERM:"; tail -n 20 "$work/serve.log"; exit 1
fi
# Everything the browser asked of the server went into the access log.
if ! grep -q '"GET /api/v1/overview' "$work/serve.log"; then
  echo "FAIL: the access log has no request for the overview"; exit 1
fi
exit "$status"
