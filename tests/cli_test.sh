#!/usr/bin/env bash
# End-to-end checks of the anchornet command line: exit codes, --help everywhere, network check
# listing every problem, and import -> rejects -> spend summary on a real file when present.
# Usage: cli_test.sh ANCHORNET_BINARY SHARED_DATA_DIR
set -uo pipefail
bin=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {  # check NAME EXPECTED_EXIT COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" = "$want" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $got, wanted $want"; cat "$work/out" "$work/err" | head -20
  fi
}
contains() {  # contains NAME TEXT (in the last command's stdout+stderr)
  if grep -qF -- "$2" "$work/out" "$work/err"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL $1: output lacks '$2'"; cat "$work/out" "$work/err" | head -20
  fi
}

for sub in "" "init" "network" "network check" "network show" "import" "import spend" "imports" \
           "rejects" "spend" "spend summary" "demo"; do
  check "help $sub" 0 $bin $sub --help
done

cat >"$work/small.toml" <<'TOML'
name = "Example network"
financial_year_start = "04-01"

[[members]]
id = "hyndburn"
name = "Hyndburn Borough Council"
sector = "local-government"
TOML
check "smallest valid network" 0 $bin network check "$work/small.toml"

cat >"$work/bad.toml" <<'TOML'
name = "Bad network"
financial_year_start = "13-01"
colour = "blue"

[[members]]
id = "Hyndburn BC"
name = "Hyndburn"
sector = "council"

[[members]]
id = "x"
name = "X"
sector = "nhs"

[[members]]
id = "x"
name = "Another X"
sector = "nhs"
TOML
check "bad network exits config_invalid" 78 $bin network check "$work/bad.toml"
for where in "bad.toml:2:" "bad.toml:3:" "bad.toml:6:" "bad.toml:8:" "bad.toml:16:"; do
  contains "problem at $where" "$where"
done
contains "problem count" "5 problems"

db="sqlite:$work/w.db"
check "no workspace yet" 78 $bin --db "$db" spend summary
contains "no workspace code" "[no_workspace]"
check "init" 0 $bin --db "$db" init --network "$work/small.toml"
check "network show" 0 $bin --db "$db" network show
contains "member listed" "Hyndburn Borough Council"
check "unknown member" 64 $bin --db "$db" import spend --member nobody "$work/small.toml"
contains "unknown member code" "[unknown_member]"
check "missing file" 66 $bin --db "$db" import spend --member hyndburn "$work/none.csv"

printf 'Supplier,Payment Date,Amount\nACME LTD,01/04/2024,"1,234.56"\nBETA,02/04/2024,TBC\nGAMMA,31/02/2024,5\n' >"$work/tiny.csv"
check "dry run" 0 $bin --db "$db" import spend --member hyndburn --dry-run "$work/tiny.csv"
contains "dry run preview" "First rows as understood"
check "import with rejects" 0 $bin --db "$db" import spend --member hyndburn "$work/tiny.csv"
contains "rejected amount" "tiny.csv:3:3"
contains "rejected date" "tiny.csv:4:2"
check "rejects listed" 0 $bin --db "$db" rejects
contains "rejects code" "bad_amount"
check "reimport changes nothing" 0 $bin --db "$db" import spend --member hyndburn "$work/tiny.csv"
contains "reimport note" "nothing changed"
check "summary json" 0 $bin --db "$db" spend summary --format json
if python3 -c "import json,sys; d=json.load(open('$work/out')); sys.exit(0 if d['total']['pence']==123456 and d['lines']==1 else 1)"; then
  passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL summary json totals"; fi
check "summary csv" 0 $bin --db "$db" spend summary --format csv --fy 2024/25
contains "csv row" "hyndburn,Hyndburn Borough Council,2024/25,1,1,123456,1234.56"
check "bad fy" 64 $bin --db "$db" spend summary --fy 2024/26
check "negative top" 64 $bin --db "$db" spend summary --top -1

if [ -d "$data/spend" ]; then
  check "real hyndburn files" 0 $bin --db "$db" import spend --member hyndburn "$data"/spend/hyndburn_raw/*.csv
  contains "windows-1252 read" "Windows-1252"
  check "totals file refused" 65 $bin --db "$db" import spend --member hyndburn \
    "$data/spend/lambeth_2011-01_supplier_totals_original.csv"
  contains "refusal code" "[not_payment_lines]"
  check "summary table" 0 $bin --db "$db" spend summary --fy 2023/24
  contains "year shown" "2023/24"
else
  echo "skipping real-file CLI checks: $data/spend not found"
fi

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
