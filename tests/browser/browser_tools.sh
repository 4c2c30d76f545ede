# Sourced by the browser test scripts: finds node and Chromium and skips (exit 77, "SKIP: ...",
# ctest's SKIP_RETURN_CODE; a failure when CI is set: tests/skip_or_fail.sh) when node, Chromium
# or playwright-core is missing. Sets here, repo, node and chromium.
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
node=${ANCHORNET_NODE:-$(command -v node || true)}
chromium=${ANCHORNET_CHROMIUM:-/usr/bin/chromium}
# shellcheck source=../skip_or_fail.sh
source "$here/../skip_or_fail.sh"

if [ -z "$node" ] || [ ! -x "$node" ]; then
  skip_or_fail "node is not installed (apt-get install nodejs)"
fi
if [ ! -x "$chromium" ]; then
  skip_or_fail "$chromium is not installed (apt-get install chromium)"
fi
if [ ! -f "$repo/web/node_modules/playwright-core/package.json" ]; then
  skip_or_fail "playwright-core is not installed (run: make web-deps, or npm ci in web/)"
fi
