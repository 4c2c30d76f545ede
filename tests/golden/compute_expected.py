#!/usr/bin/env python3
"""Works out the expected import figures for every real spend file in ../shared/data/spend,
independently of anchornet's importer: the encoding, header line and columns of each file are
stated here by hand (from reading the files), amounts are summed with Python's Decimal and dates
parsed with explicit formats. The output, tests/golden/spend_expected.json, is what
tests/golden_test.cpp compares the importer with.

    python3 tests/golden/compute_expected.py ../shared/data > tests/golden/spend_expected.json
"""
import csv
import datetime as dt
import io
import json
import pathlib
import sys
from decimal import Decimal, InvalidOperation

# file -> (encoding, header line (1-based), payee column, date column, amount column, date formats)
SPECS = {
    "spend/gla_expenditure_2008-2013_all.csv":
        ("utf-8", 1, "Vendor", "Date", "Amount", ["%Y-%m-%d"]),
    "spend/lambeth_2012-06_invoices_over_500_original.csv":
        ("utf-8", 10, "Supplier Name", "Invoice Creation Date", "Invoice Nett Amount", ["%d/%m/%Y"]),
    "spend/hyndburn_raw/hyndburn_1701.csv":
        ("cp1252", 1, "Name", "Payment date", "Net Amount(\u00a3)", ["%d/%m/%Y"]),
    "spend/hyndburn_raw/hyndburn_1908.csv":
        ("cp1252", 1, "Name", "Payment date", "Net Amount(\u00a3)", ["excel"]),
    "spend/hyndburn_raw/hyndburn_April-2023.csv":
        ("cp1252", 2, "Name", "Payment Date", "Net Amount (\u00a3)", ["%d %b %Y", "%d-%b-%y"]),
    "spend/hyndburn_raw/hyndburn_January-24.csv":
        ("cp1252", 1, "Name", "Payment Date", "Net Amount (\u00a3)", ["%d/%m/%Y"]),
    "spend/hyndburn_raw/hyndburn_June-23-csv.csv":
        ("utf-8-sig", 2, "Name", "Payment Date", "Net Amount (\u00a3)", ["%d %b %Y", "%d-%b-%y"]),
    "spend/hyndburn_raw/hyndburn_Oct-24-CSV.csv":
        ("utf-8", 1, "Name:", "Payment Date", "Amount Paid", ["%d/%m/%Y"]),
    "spend/hyndburn_raw/hyndburn_October-2021-csv.csv":
        ("cp1252", 1, "Name", "Payment date", "Net Amount(\u00a3)", ["%d-%b-%y"]),
    "spend/hyndburn_raw/hyndburn_September-24.csv":
        ("utf-8", 1, "Name:", "Payment Date", "Amount Paid", ["%d/%m/%Y"]),
}
REFUSED = {"spend/lambeth_2011-01_supplier_totals_original.csv": "not_payment_lines"}
JSON_FILES = ["spend/hmt_json/hmt_spend_over_25k_2025-01.json",
              "spend/hmt_json/hmt_spend_over_25k_2025-02.json"]


def parse_date(text, formats):
    text = text.strip()
    for f in formats:
        try:
            if f == "excel":
                return dt.date(1899, 12, 30) + dt.timedelta(days=int(text))
            return dt.datetime.strptime(text, f).date()
        except ValueError:
            continue
    return None


def parse_pence(text):
    text = text.strip().replace(",", "").replace("\u00a3", "")
    if text.endswith("-"):  # trailing-minus credit notes: "106,396.00-"
        text = "-" + text[:-1]
    if text.startswith("(") and text.endswith(")"):
        text = "-" + text[1:-1]
    try:
        return int((Decimal(text) * 100).to_integral_value())
    except InvalidOperation:
        return None


def figures(lines, dates, rejected, total):
    return {"rows_read": lines + rejected, "lines_imported": lines, "rows_rejected": rejected,
            "total_pence": total,
            "first_paid": min(dates).isoformat() if dates else None,
            "last_paid": max(dates).isoformat() if dates else None}


def csv_file(path, spec):
    encoding, header_line, payee_h, date_h, amount_h, formats = spec
    text = path.read_bytes().decode(encoding)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    # csv counts records, not physical lines; the headers here contain no embedded line breaks.
    header = [h.strip() for h in rows[header_line - 1]]
    ip, idt, ia = header.index(payee_h), header.index(date_h), header.index(amount_h)
    lines = rejected = total = 0
    dates = []
    for row in rows[header_line:]:
        cell = lambda i: row[i].strip() if i < len(row) else ""
        first = next((c.strip() for c in row if c.strip()), "")
        if first.lower().startswith("total") and not cell(idt):
            continue  # a total row
        if not (cell(ip) or cell(idt) or cell(ia)):
            continue  # blank, spacer or footer row
        d, p = parse_date(cell(idt), formats), parse_pence(cell(ia))
        if d is None or p is None or not cell(ip):
            rejected += 1
            continue
        lines += 1
        total += p
        dates.append(d)
    return figures(lines, dates, rejected, total)


def json_file(path):
    data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)["data"]
    total = sum(int((Decimal(r["amount_gbp"]) * 100).to_integral_value()) for r in data)
    dates = [dt.date.fromisoformat(r["date"]) for r in data]
    return figures(len(data), dates, 0, total)


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    out = {}
    for name, spec in SPECS.items():
        out[name] = csv_file(root / name, spec)
    for name in JSON_FILES:
        out[name] = json_file(root / name)
    for name, code in REFUSED.items():
        out[name] = {"error": code}
    json.dump(out, sys.stdout, indent=2, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
