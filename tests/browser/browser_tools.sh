# Sourced by the browser test scripts: finds node and Chromium and exits 77 ("SKIP: ...", ctest's
# SKIP_RETURN_CODE) when node, Chromium or playwright-core is missing. Sets here, repo, node and
# chromium.
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
node=${ANCHORNET_NODE:-$(command -v node || true)}
chromium=${ANCHORNET_CHROMIUM:-/usr/bin/chromium}

if [ -z "$node" ] || [ ! -x "$node" ]; then
  echo "SKIP: node is not installed (apt-get install nodejs)"; exit 77
fi
if [ ! -x "$chromium" ]; then
  echo "SKIP: $chromium is not installed (apt-get install chromium)"; exit 77
fi
if [ ! -f "$repo/web/node_modules/playwright-core/package.json" ]; then
  echo "SKIP: playwright-core is not installed (run: make web-deps, or npm ci in web/)"; exit 77
fi
