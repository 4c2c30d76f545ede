#!/usr/bin/env bash
# End-to-end HTTP benchmark of `anchornet serve` (docs/performance.md, "The API under load").
#
#   bench/http_load.sh ANCHORNET [LINES]
#
# Generates the SYNTHETIC demo network at LINES payment lines (default 1,000,000) into a
# temporary workspace, starts `anchornet serve` on a free loopback port without the access log,
# and drives it with wrk (2 threads, 32 connections, 15 s per endpoint, latency percentiles):
# the overview, the network's measures, a filtered measures query (one member, MSME lines only),
# a supplier search and the first page of the payments behind a figure. The first request of
# each is made before wrk starts, so the figures are those of a warm server (the caches are per
# data version: the first request after an import computes, later ones are served from memory).
# Tunables: HTTP_BENCH_SECONDS (15), HTTP_BENCH_CONNECTIONS (32), HTTP_BENCH_THREADS (2).
set -euo pipefail

bin=${1:?usage: bench/http_load.sh ANCHORNET [LINES]}
lines=${2:-1000000}
seconds=${HTTP_BENCH_SECONDS:-15}
connections=${HTTP_BENCH_CONNECTIONS:-32}
threads=${HTTP_BENCH_THREADS:-2}

for tool in wrk curl python3 bc; do
  if ! command -v "$tool" >/dev/null; then
    echo "http_load: $tool is not installed (make deps installs it)" >&2
    exit 1
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/anchornet-http-bench.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

db="sqlite:$work/bench.db"
echo "http_load: generating the synthetic demo at $lines lines ..."
start=$(date +%s.%N)
"$bin" --db "$db" demo --dir "$work/files" --lines "$lines" --quiet >/dev/null
echo "http_load: demo generated and imported in $(echo "$(date +%s.%N) - $start" | bc) s"

"$bin" --db "$db" serve --port 0 --web-dir '' --quiet >"$work/serve.out" 2>"$work/serve.err" &
server=$!
url=""
for _ in $(seq 1 600); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.out" 2>/dev/null | head -n 1 || true)
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then cat "$work/serve.err" >&2; exit 1; fi
  sleep 0.1
done
[ -n "$url" ] || { echo "http_load: the server did not start" >&2; exit 1; }
echo "http_load: serving at $url (warm: figures computed before the URL is printed)"

network=$(curl -sf "${url}api/v1/network")
fy=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["latest_financial_year"] or "")' <<<"$network")
member=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["members"][0]["id"])' <<<"$network")
[ -n "$fy" ] && [ -n "$member" ] || { echo "http_load: cannot read the network" >&2; exit 1; }

paths=(
  "api/v1/overview"
  "api/v1/measures?fy=$fy"
  "api/v1/measures?fy=$fy&member=$member&size=msme"
  "api/v1/suppliers?q=services&limit=20"
  "api/v1/payments?measure=S3&fy=$fy&limit=50"
)
for path in "${paths[@]}"; do
  first=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$url$path")
  echo
  echo "== GET /$path  (first request: HTTP ${first% *}, ${first#* } s)"
  [ "${first% *}" = 200 ] || { echo "http_load: /$path answered ${first% *}" >&2; exit 1; }
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$url$path" |
    grep -E 'Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx|Socket errors'
done
