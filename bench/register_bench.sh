#!/usr/bin/env bash
# Times the CLI end to end on a generated Companies House BasicCompanyData snapshot:
#   anchornet import register companies-house FILE
# into a fresh workspace, with wall time and peak RSS from /usr/bin/time -v. The same workload
# without the CLI (and a dry run to split parsing from storing) is anchornet_register_bench.
#
# Usage: bench/register_bench.sh [BUILD_DIR] [ROWS]     (defaults: build/release, 5500000)
set -euo pipefail

build=${1:-build/release}
rows=${2:-5500000}
anchornet="$build/src/cli/anchornet"
generator="$build/bench/anchornet_gen_companies_house"
for program in "$anchornet" "$generator" /usr/bin/time; do
  [[ -x "$program" ]] || { echo "missing $program (build the anchornet and bench targets)" >&2; exit 1; }
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/anchornet-register-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT

cat >"$dir/network.toml" <<'EOF'
name = "Register benchmark"
[[members]]
id = "bench"
name = "Benchmark member"
sector = "local-government"
EOF

csv="$dir/BasicCompanyData-generated.csv"
start=$(date +%s.%N)
"$generator" "$csv" "$rows"
echo "generated $rows rows ($(du -h "$csv" | cut -f1)) in $(echo "$(date +%s.%N) - $start" | bc) s"

export ANCHORNET_DB="sqlite:$dir/workspace.db"
"$anchornet" init --network "$dir/network.toml" >/dev/null

/usr/bin/time -v -o "$dir/time.txt" "$anchornet" import register companies-house "$csv"
elapsed=$(grep "Elapsed (wall clock)" "$dir/time.txt" | awk '{print $NF}')
peak_kb=$(grep "Maximum resident set size" "$dir/time.txt" | awk '{print $NF}')
seconds=$(echo "$elapsed" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
echo "import: ${seconds} s wall, $(echo "$rows / $seconds" | bc) rows/s, peak RSS $((peak_kb / 1024)) MiB"
