#!/usr/bin/env bash
# End-to-end checks of the anchornet command line: exit codes, --help everywhere, network check
# listing every problem, and import -> rejects -> spend summary on a real file when present.
# Usage: cli_test.sh ANCHORNET_BINARY SHARED_DATA_DIR
set -uo pipefail
bin=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=skip_or_fail.sh
source "$(dirname "${BASH_SOURCE[0]}")/skip_or_fail.sh"
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

# Issue 12: no header and two columns of bare names: refused with the --mapping to write; the
# dry run shows the payee scores and fails the same way.
printf '02/04/2024,JOHN SMITH,ANNE JONES,100.00\n03/04/2024,MARY BROWN,ANNE JONES,200.00\n04/04/2024,JOHN SMITH,PETER GREEN,300.00\n' >"$work/ambiguous.csv"
check "ambiguous payee refused" 65 $bin --db "$db" import spend --member hyndburn "$work/ambiguous.csv"
contains "ambiguous payee code" "[payee_uncertain]"
contains "ambiguous payee mapping" "--mapping mapping.toml $work/ambiguous.csv"
check "ambiguous payee dry run" 65 $bin --db "$db" import spend --member hyndburn --dry-run "$work/ambiguous.csv"
contains "dry run shows the runner-up" "runner-up"
printf 'header_line = 0\n[columns]\npayee = 2\npayment_date = 1\namount = 4\n' >"$work/mapping.toml"
check "ambiguous payee with a mapping" 0 $bin --db "$db" import spend --member hyndburn --dry-run --mapping "$work/mapping.toml" "$work/ambiguous.csv"
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
  skip_step_or_fail "real-file CLI checks: $data/spend not found" || failed=$((failed + 1))
fi

# ---- Registers, supplier returns, suppliers and the measures report (small files only) --------
lacks() {  # lacks NAME TEXT (absent from the last command's stdout+stderr)
  if grep -qF -- "$2" "$work/out" "$work/err"; then
    failed=$((failed + 1)); echo "FAIL $1: output has '$2'"; cat "$work/out" "$work/err" | head -20
  else
    passed=$((passed + 1))
  fi
}
json_check() {  # json_check NAME PYTHON_EXPRESSION (over d = the last command's stdout as JSON)
  if python3 -c "import json,sys; d=json.load(open('$work/out')); sys.exit(0 if ($2) else 1)"; then
    passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1: $2"; head -c 600 "$work/out"; fi
}
is_zip() {  # is_zip NAME FILE MEMBER: FILE is a zip archive holding MEMBER
  if python3 -c "import zipfile,sys; sys.exit(0 if '$3' in zipfile.ZipFile('$2').namelist() else 1)" 2>/dev/null ||
     unzip -l "$2" 2>/dev/null | grep -qF "$3"; then
    passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1: $2 is not a zip holding $3"; fi
}
# The network's S3 (micro+small+medium+sme) in FY 2024/25, from `report --format json`.
network_s3='[s for s in d["scopes"] if s["member"]=="" and s["quarter"]==0 and s["financial_year"]=="2024/25"][0]["measures"]["S3"]'

cat >"$work/two.toml" <<'TOML'
name = "Two-member network"
financial_year_start = "04-01"

[geography]
name = "Lambeth"
codes = ["E09000022"]

[[members]]
id = "lambeth"
name = "London Borough of Lambeth"
sector = "local-government"

[[members]]
id = "guys"
name = "Guy's and St Thomas' NHS Foundation Trust"
sector = "nhs"
TOML
db2="sqlite:$work/suppliers.db"
check "init two members" 0 $bin --db "$db2" init --network "$work/two.toml"
# Lambeth: ACME £100, Sunrise £400, payroll £1,000 (S1), £50 to Guy's (a member: not S2).
printf '%s\n' "Payment Date,Supplier,Amount,Expense Type" \
  "01/05/2024,ACME LTD,100.00,Cleaning" \
  "02/05/2024,Sunrise Catering Ltd,400.00,Catering" \
  "03/05/2024,Lambeth Payroll,1000.00,Salaries" \
  "04/05/2024,Guy's and St Thomas' NHS Foundation Trust,50.00,Services" >"$work/lambeth.csv"
# Guy's: the same ACME spelt two other ways, £200 + £300.
printf '%s\n' "Payment Date,Supplier,Amount,Expense Type" \
  "01/06/2024,Acme Limited,200.00,Cleaning" \
  "02/06/2024,The Acme Co. Ltd (T/A Acme Cleaning),300.00,Cleaning" >"$work/guys.csv"
check "import lambeth spend" 0 $bin --db "$db2" import spend --member lambeth "$work/lambeth.csv"
check "import guys spend" 0 $bin --db "$db2" import spend --member guys "$work/guys.csv"

# A two-company BasicCompanyData file (real header, leading spaces, every cell quoted, CRLF).
ch_header='CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1, RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,IncorporationDate,Accounts.AccountRefDay,Accounts.AccountRefMonth,Accounts.NextDueDate,Accounts.LastMadeUpDate,Accounts.AccountCategory,Returns.NextDueDate,Returns.LastMadeUpDate,Mortgages.NumMortCharges,Mortgages.NumMortOutstanding,Mortgages.NumMortPartSatisfied,Mortgages.NumMortSatisfied,SICCode.SicText_1,SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4,LimitedPartnerships.NumGenPartners,LimitedPartnerships.NumLimPartners,URI'
for i in 1 2 3 4 5 6 7 8 9 10; do
  ch_header="$ch_header, PreviousName_$i.CONDATE, PreviousName_$i.CompanyName"
done
ch_header="$ch_header, ConfStmtNextDueDate, ConfStmtLastMadeUpDate"
ch_row() {  # ch_row NAME NUMBER POSTCODE ACCOUNT_CATEGORY
  printf '"%s","%s","","","1 HIGH STREET","","LONDON","","UNITED KINGDOM","%s","Private Limited Company","Active","United Kingdom","","01/02/2015","28","2","30/11/2025","28/02/2024","%s","","","0","0","0","0","56290 - Other food services","","","","0","0","http://business.data.companieshouse.gov.uk/doc/company/%s"' \
    "$1" "$2" "$3" "$4" "$2"
  for i in $(seq 20); do printf ',""'; done
  printf ',"15/02/2026","01/02/2025"\r\n'
}
ch="$work/BasicCompanyData-2025-01-01.csv"
{ printf '%s\r\n' "$ch_header"
  ch_row "SUNRISE CATERING LTD" 03333333 "SE11 5AA" "MICRO ENTITY"
  ch_row "BIGCO LIMITED" 04444444 "M1 1AA" "FULL"; } >"$ch"
check "import register companies-house" 0 $bin --db "$db2" import register companies-house "$ch"
contains "register summary counts" "rows read 2, stored 2 records, rejected 0"
contains "register variant" "Companies House BasicCompanyData"
check "same register again" 0 $bin --db "$db2" import register companies-house "$ch"
contains "register already imported" "already imported"
printf '%s\n' "pcds,oslaua,osward,lsoa11" "SE11 5AA,E09000022,E05000416,E01003001" \
  "M1 1AA,E08000003,E05011363,E01005001" >"$work/onspd.csv"
check "import register postcodes" 0 $bin --db "$db2" import register postcodes "$work/onspd.csv"
check "unknown register kind" 64 $bin --db "$db2" import register nonsense "$work/onspd.csv"
check "registers" 0 $bin --db "$db2" registers
contains "registers lists companies-house" "companies-house"
contains "registers lists the file" "BasicCompanyData-2025-01-01.csv"
contains "registers lists postcodes" "onspd.csv"

check "template csv" 0 $bin --db "$db2" template suppliers --out "$work/template.csv"
if head -1 "$work/template.csv" | grep -q '^supplier_name,company_number,charity_number'; then
  passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL template csv header"; fi
check "template xlsx" 0 $bin --db "$db2" template suppliers --out "$work/template.xlsx"
is_zip "template xlsx is a workbook" "$work/template.xlsx" "xl/workbook.xml"
check "template for unknown member" 64 $bin --db "$db2" template suppliers --out "$work/t2.csv" \
  --member nobody

check "suppliers list" 0 $bin --db "$db2" suppliers list
contains "list shows acme" "name:ACME"
contains "list shows sunrise by register name" "SUNRISE CATERING LTD"
check "suppliers list json" 0 $bin --db "$db2" suppliers list --format json
check "suppliers search" 0 $bin --db "$db2" suppliers search acme
contains "search finds acme" "name:ACME"
lacks "search finds only acme" "SUNRISE"
# Search is one use case with the API's (app::SearchSuppliers): with a member, only the suppliers
# that member paid in the period; without, every match.
check "search sunrise" 0 $bin --db "$db2" suppliers search sunrise
contains "search without a member finds sunrise" "SUNRISE"
check "search sunrise paid by guys" 0 $bin --db "$db2" suppliers search sunrise --member guys --fy 2024
lacks "guys never paid sunrise" "SUNRISE"
contains "guys: nothing found" "No supplier's name contains 'sunrise'"
check "search acme paid by guys" 0 $bin --db "$db2" suppliers search acme --member guys --fy 2024
contains "guys paid acme" "name:ACME"
check "search for an unknown member" 64 $bin --db "$db2" suppliers search acme --member nobody
contains "unknown member is one error" "no member 'nobody' in this network"
check "search with a bad year" 64 $bin --db "$db2" suppliers search acme --fy 2024x
contains "bad year names the flag" "--fy '2024x' is not a financial year"
check "suppliers show" 0 $bin --db "$db2" suppliers show name:ACME
contains "show lists spellings" "The Acme Co. Ltd (T/A Acme Cleaning)"
contains "show lists members" "lambeth, guys"
check "suppliers show by number" 0 $bin --db "$db2" suppliers show 3333333
contains "show by number" "GB-COH-03333333"
check "suppliers show unknown" 66 $bin --db "$db2" suppliers show "No Such Supplier"
contains "show unknown code" "[not_found]"
check "suppliers unmatched" 0 $bin --db "$db2" suppliers unmatched
contains "unmatched lists acme" "name:ACME"
lacks "unmatched omits the matched" "GB-COH-03333333"

# S3 before: only Sunrise (micro, Companies House proxy) £400.
check "report json before" 0 $bin --db "$db2" report --format json
json_check "S3 before is sunrise" "$network_s3[\"pence\"] == 40000 and $network_s3[\"micro\"][\"pence\"] == 40000"
check "set size" 0 $bin --db "$db2" suppliers set name:ACME --size small --by tester --note "invoice"
contains "set shows the new size" "small"
check "set bad size" 64 $bin --db "$db2" suppliers set name:ACME --size huge --by tester
check "set without --by" 64 $bin --db "$db2" suppliers set name:ACME --size small
check "set unknown supplier" 66 $bin --db "$db2" suppliers set "No Such Supplier" --size small --by t
check "show after set" 0 $bin --db "$db2" suppliers show name:ACME
contains "decision in the audit trail" "tester set size unknown -> small: invoice"
contains "decision is a fact" "decided by tester"
# S3 after: Sunrise £400 + ACME £100 + £200 + £300 = £1,000, of which small £600.
check "report json after" 0 $bin --db "$db2" report --format json
json_check "S3 after includes acme" "$network_s3[\"pence\"] == 100000 and $network_s3[\"small\"][\"pence\"] == 60000"
check "report csv" 0 $bin --db "$db2" report --format csv
contains "csv network S3" "network,,2024/25,0,S3,,100000,"
check "report xlsx" 0 $bin --db "$db2" report --format xlsx --out "$work/r.xlsx"
is_zip "report xlsx is a workbook" "$work/r.xlsx" "xl/workbook.xml"
check "report table" 0 $bin --db "$db2" report
contains "table names the network" "Two-member network"
check "report for a member" 0 $bin --db "$db2" report --member guys --format json
json_check "member filter" "all(s['member'] == 'guys' for s in d['scopes'])"
check "report on an empty year" 0 $bin --db "$db2" report --fy 2099/00
contains "empty year says so" "No payments in the period"
check "report bad fy" 64 $bin --db "$db2" report --fy 2024/26
check "report xlsx without out" 64 $bin --db "$db2" report --format xlsx
check "report unknown member" 64 $bin --db "$db2" report --member nobody

# GHG conversion factors (issue 4 groundwork): import and look up.
printf 'Preamble,,,,,,,,,\nID,Scope,Level 1,Level 2,Level 3,Level 4,Column Text,UOM,GHG/Unit,GHG Conversion Factor 2023\n7_400_4000_5_1,Scope 2,UK electricity,Electricity generated,Electricity: UK,kWh,,kWh,kg CO2e,0.20707428859060403\n' > "$work/factors.csv"
check "import ghg factors" 0 $bin --db "$db2" import register ghg-factors "$work/factors.csv"
contains "factor year noted" "factors for 2023"
check "look up a factor" 0 $bin --db "$db2" factors --year 2023 electricity kwh
contains "factor value" "0.20707428859060403"
check "no factors for another year" 0 $bin --db "$db2" factors --year 2022
contains "none found says how to import" "import register ghg-factors"

# Members' returns (issue 4): template, import with validation, supersession, status, impact.
check "returns template xlsx" 0 $bin --db "$db2" template returns --member guys --fy 2023/24 --out "$work/ret.xlsx"
is_zip "returns template is a workbook" "$work/ret.xlsx" "xl/workbook.xml"
check "returns template csv" 0 $bin --db "$db2" template returns --member guys --fy 2023/24 --out "$work/ret.csv"
contains "template names the period" "FY 2023/24"
check "returns template unknown member" 64 $bin --db "$db2" template returns --member nobody --fy 2023/24 --out "$work/x.csv"
check "returns template bad extension" 64 $bin --db "$db2" template returns --member guys --fy 2023/24 --out "$work/x.txt"
cat > "$work/plain-returns.csv" <<'CSV'
member,period,measure,value,note
guys,2023/24,W1D,120,
guys,2023/24,W2S,10,
guys,2023/24,E1,200,
guys,2023/24,E1C,250,
guys,2023/24,X9,5,
guys,2023/24,W4,-3,
nobody,2023/24,W1D,1,
guys,2023/24,E2D,12.5,
CSV
check "import plain returns" 0 $bin --db "$db2" import returns "$work/plain-returns.csv"
contains "sub-count above total" "sub_count_above_total"
contains "unknown measure" "unknown_measure"
contains "negative figure" "bad_figure"
contains "unknown member row" "unknown_member"
contains "E2D needs a note" "missing_note"
contains "issues carry line and column" "plain-returns.csv:5:"
check "same returns file again" 0 $bin --db "$db2" import returns "$work/plain-returns.csv"
contains "already imported" "already imported"
check "an empty template is refused" 65 $bin --db "$db2" import returns --dry-run --format json "$work/ret.csv"
contains "empty template says so" "file_empty"
check "returns status" 0 $bin --db "$db2" returns status --fy 2023/24
contains "one of two submitted" "1 of 2 members submitted"
printf 'member,period,measure,value\nguys,2023/24,W1D,130\nguys,2023/24,W2S,10\nguys,2023/24,E1,200\n' > "$work/plain-returns-2.csv"
check "resubmit returns" 0 $bin --db "$db2" import returns "$work/plain-returns-2.csv"
contains "resubmission replaces" "replaces submission"
check "returns status shows the change" 0 $bin --db "$db2" returns status --fy 2023/24
contains "what changed" "W1D 120 -> 130"
check "returns list with history" 0 $bin --db "$db2" returns list --history
contains "history kept" "replaced by"
check "returns status json" 0 $bin --db "$db2" returns status --fy 2023/24 --format json
json_check "status json" "not d['members'][0]['submitted'] and d['members'][1]['submitted'] and d['members'][1]['resubmissions'] == 1"
check "returns status needs fy" 64 $bin --db "$db2" returns status --fy 2023/25
check "impact report html" 0 $bin --db "$db2" report impact --fy 2023/24 --out "$work/impact.html"
check "impact html has the living wage" 0 grep -q "staff uplifted" "$work/impact.html"
check "impact report markdown" 0 $bin --db "$db2" report impact --fy 2023/24 --format md
contains "markdown headline" "130 staff uplifted to the London Living Wage"
check "impact report xlsx" 0 $bin --db "$db2" report impact --fy 2023/24 --out "$work/impact.xlsx"
is_zip "impact xlsx is a workbook" "$work/impact.xlsx" "xl/workbook.xml"
check "impact xlsx needs out" 64 $bin --db "$db2" report impact --fy 2023/24 --format xlsx
check "impact bad fy" 64 $bin --db "$db2" report impact --fy 2023-2025

# anchornet serve: a real server on a loopback port, stopped by SIGTERM (graceful: exit 0).
check "help serve" 0 $bin serve --help
contains "serve help names the port" "--port"
check "serve refuses a bad port" 64 $bin --db "$db2" serve --port 70000
check "serve needs a workspace" 74 $bin --db "sqlite:$work/none.db" serve --port 0 --web-dir ''
contains "serve names the missing workspace" "none.db"
$bin --db "$db2" serve --port 0 --web-dir '' >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.out" 2>/dev/null | head -n 1)
  [ -n "$url" ] && break
  sleep 0.1
done
check "serve prints its URL" 0 test -n "$url"
check "health over HTTP" 0 curl -sf "${url}api/v1/health"
contains "health says ok" '"status":"ok"'
check "unknown member over HTTP is 404" 0 bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' '${url}api/v1/measures?member=nobody')\" = 404 ]"
port=${url##*:}; port=${port%/}
check "a second server on the same port is refused" 64 $bin --db "$db2" serve --port "$port" --web-dir ''
contains "port in use says so" "cannot listen"
kill -TERM "$serve_pid"
wait "$serve_pid"
check "SIGTERM stops the server cleanly" 0 test "$?" = 0
check "the access log has the requests" 0 grep -q '"GET /api/v1/health" 200' "$work/serve.err"
check "the store is intact after the stop" 0 $bin --db "$db2" network show

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
