#!/usr/bin/env bash
# The measures and impact workbooks as a person opens them: builds a small synthetic workspace,
# writes both workbooks, converts each with LibreOffice Calc headless (Debian's
# libreoffice-calc-nogui) to PDF and checks, the same way for both, that
#   - the PDF's text holds no `###` (a number wider than its column: the columns are sized to
#     their contents), and every sheet's title is there;
#   - the page count is sensible: at most one page per MAX_ROWS_PER_PAGE table rows plus one per
#     sheet (every sheet prints landscape, fitted to one page wide, or to the few pages wide that
#     keep a very wide sheet readable), and at least one page per sheet.
#
#   workbooks_test.sh ANCHORNET WORKDIR
#
# WORKDIR is a scratch directory (emptied first); the workbooks, PDFs and their text are left
# there. LibreOffice is $ANCHORNET_SOFFICE, else `soffice` on PATH.
# Exit: 0 pass, 1 fail, 77 skipped (LibreOffice or pdftotext missing and CI not set; with CI set
# a missing tool fails, so a CI run cannot pass by skipping).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 ANCHORNET WORKDIR" >&2
  exit 2
fi
bin=$1
work=$2

# A tool missing: a skip (77) on a developer's machine, a failure when CI is set (skip_or_fail.sh).
source "$(dirname "$0")/../skip_or_fail.sh"
soffice=${ANCHORNET_SOFFICE:-$(command -v soffice || true)}
[ -n "$soffice" ] && [ -x "$soffice" ] ||
  skip_or_fail "LibreOffice Calc is not installed (apt-get install --no-install-recommends libreoffice-calc-nogui)"
command -v pdftotext > /dev/null && command -v pdfinfo > /dev/null ||
  skip_or_fail "pdftotext/pdfinfo are not installed (apt-get install poppler-utils)"

# The bound: a landscape A4 page holds about 30 rows of one line at full size (narrow sheets such
# as the bridge and the trace) and about 60 at 55% (wide ones, which print up to four pages
# across, so 15 rows a page of their width); wrapped text takes two or three lines a row. At 20,000
# lines the workbooks print to 67 and 135 pages, 20 and 23 table rows a page. One page per 15
# table rows plus one per sheet (97 and 221) leaves room for other fonts, and is far below the 159
# and 297 pages the same workbooks printed to with no page set-up.
MAX_ROWS_PER_PAGE=${MAX_ROWS_PER_PAGE:-15}

rm -rf "$work"
mkdir -p "$work"
db="sqlite:$work/ws.db"

# A small synthetic network (three financial years from 2022/23): a few seconds to build.
if ! "$bin" --db "$db" demo --dir "$work/demo" --lines 20000 --quiet > "$work/demo.log" 2>&1; then
  echo "FAIL: anchornet demo failed:"; tail -n 30 "$work/demo.log"; exit 1
fi
# One payment of nearly £10bn: a figure of 17 characters ("£9,876,543,210.99"), wider than any
# fixed money column, so a column not sized to its contents shows ### (the demo's own figures at
# this size would fit a 14-character column).
cat > "$work/large-payment.csv" <<'CSV'
Body,Service Area,Expense Type,Supplier Name,Payment Date,Transaction Number,Amount
London Borough of Ashby (synthetic),Regeneration,Construction Works,Large Figure Construction Limited,15/06/2023,5999999999,"9,876,543,210.99"
CSV
if ! "$bin" --db "$db" import spend --member council-ashby "$work/large-payment.csv" \
     > "$work/import.log" 2>&1; then
  echo "FAIL: importing the large payment failed:"; cat "$work/import.log"; exit 1
fi
if ! "$bin" --db "$db" report --format xlsx --out "$work/measures.xlsx" > "$work/measures.log" 2>&1 ||
   ! "$bin" --db "$db" report impact --fy 2023/24 --format xlsx --out "$work/impact.xlsx" \
       > "$work/impact.log" 2>&1; then
  echo "FAIL: anchornet report failed:"; cat "$work/measures.log" "$work/impact.log"; exit 1
fi

# The table rows of a workbook: every row of every sheet less the five-row frame above each
# table (title, period, banner, legend, header), read from the sheets' XML dimensions.
table_rows() {  # table_rows XLSX
  python3 - "$1" <<'PY'
import re, sys, zipfile
rows = 0
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in z.namelist():
        if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
            m = re.search(rb'<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"', z.read(name))
            rows += max(0, int(m.group(1) or 1) - 5) if m else 0
print(rows)
PY
}
sheet_titles() {  # sheet_titles XLSX: each sheet's name, one a line
  python3 - "$1" <<'PY'
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in re.findall(rb'<sheet name="([^"]+)"', z.read("xl/workbook.xml")):
        print(name.decode().replace("&amp;", "&"))
PY
}

failed=0
fail() { echo "FAIL: $*"; failed=1; }
profile="$work/lo-profile"  # its own LibreOffice profile: no user's settings, no lock clash
for book in measures impact; do
  xlsx="$work/$book.xlsx"
  if ! timeout 240 "$soffice" --headless --norestore "-env:UserInstallation=file://$profile" \
       --convert-to pdf --outdir "$work" "$xlsx" > "$work/$book.convert.log" 2>&1 ||
     [ ! -s "$work/$book.pdf" ]; then
    fail "$book: LibreOffice did not convert the workbook:"; cat "$work/$book.convert.log"
    continue
  fi
  pdftotext -layout "$work/$book.pdf" "$work/$book.txt"
  pages=$(pdfinfo "$work/$book.pdf" | awk '/^Pages:/ {print $2}')
  rows=$(table_rows "$xlsx")
  sheets=$(sheet_titles "$xlsx" | wc -l)
  bound=$(( (rows + MAX_ROWS_PER_PAGE - 1) / MAX_ROWS_PER_PAGE + sheets ))
  hashes=$(grep -c '###' "$work/$book.txt" || true)
  echo "$book: $sheets sheets, $rows table rows, $pages pages (at most $bound), $hashes lines with ###"
  if [ "$hashes" -ne 0 ]; then
    fail "$book: ### in the printed text (a column narrower than its figures):"
    grep -n '###' "$work/$book.txt" | head -5
  fi
  if [ "$pages" -gt "$bound" ]; then
    fail "$book: $pages pages, more than $bound for $rows table rows in $sheets sheets"
  fi
  if [ "$pages" -lt "$sheets" ]; then
    fail "$book: $pages pages for $sheets sheets: a sheet did not print"
  fi
  # Every sheet printed with its repeated header: its title row is in the text.
  while IFS= read -r sheet; do
    grep -qF -- "$sheet" "$work/$book.txt" || fail "$book: nothing of sheet '$sheet' in the PDF"
  done < <(sheet_titles "$xlsx")
done
[ "$failed" -eq 0 ] && echo "PASS: both workbooks print without ### on a sensible number of pages"
exit "$failed"
