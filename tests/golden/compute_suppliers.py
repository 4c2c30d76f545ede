#!/usr/bin/env python3
"""Works out the expected supplier figures for a test network whose members are the real GLA,
Lambeth and Hyndburn payment files of ../shared/data/spend, resolved against the real registers
of ../shared/data/registers and data/public_bodies_uk.csv. tests/golden_suppliers_test.cpp builds
the same workspace through the library and compares with the output, suppliers_expected.json.

Independent of the C++ under test: nothing here reads the store or calls anchornet. The payment
lines come from compute_expected.py's own reading of the spend files (its per-file encodings,
header lines, columns, money and date parsers), already checked against the importer by
golden_test.cpp. Everything else is written here from the documented rules:
  - personal payees: ingest/payee.h (whole words; redacted names; private individuals);
  - name keys: the six rules in the header comment of core/names.h (docs/suppliers.md);
  - registers: what each kind records (docs/registers.md, ingest/registers.h; "the newest
    record wins" per scheme and id), read with csv from the files themselves;
  - suppliers: docs/suppliers.md "Grouping" and decisions 13-14 (vendor ids of one member unless
    shared by more than five name keys; name keys; trading-as names; a name key matching exactly
    one registered organisation, a charity and its linked company counting as one);
  - classification: docs/suppliers.md "Facts and precedence", "VCSE", "Public bodies";
  - measures: docs/metrics.md S1, S2, S6 (default rules, word-wise patterns) and decision 18
    (payments between members).
Where the code and these documents disagreed when this was written, this follows the documents:
alternative names and public-body aliases do match; a network member is a member even when the
public-body list also names it; universities are public bodies (education), not VCSE.

    python3 tests/golden/compute_suppliers.py ../shared/data > tests/golden/suppliers_expected.json
"""
import collections
import csv
import io
import json
import pathlib
import re
import sys
import tomllib
import unicodedata

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import compute_expected  # noqa: E402  (the spend files' independent reading)

csv.field_size_limit(1 << 24)
HERE = pathlib.Path(__file__).resolve().parent
PROJECT = HERE.parent.parent

# ---- The network -----------------------------------------------------------------------------

NETWORK_FILE = "tests/golden/network_real.toml"
with open(PROJECT / NETWORK_FILE, "rb") as network_file:
    NETWORK = tomllib.load(network_file)
# Each member's payment files, imported in this order.
SPEND_FILES = {
    "gla": ["spend/gla_expenditure_2008-2013_all.csv"],
    "lambeth": ["spend/lambeth_2012-06_invoices_over_500_original.csv"],
    "hyndburn": sorted(k for k in compute_expected.SPECS if k.startswith("spend/hyndburn_raw/")),
}
MEMBERS = [(m["id"], m["name"], SPEND_FILES[m["id"]]) for m in NETWORK["members"]]
# Columns beyond compute_expected.SPECS, read from the files' headers: the vendor id (GLA only)
# and the expense type (Hyndburn's 2024 ERP files have none: "Description" is free text).
VENDOR_ID = {"spend/gla_expenditure_2008-2013_all.csv": "VendorID"}
EXPENSE_TYPE = {
    "spend/gla_expenditure_2008-2013_all.csv": "AccountDescription",
    "spend/lambeth_2012-06_invoices_over_500_original.csv": "Subj Description",
    "spend/hyndburn_raw/hyndburn_1701.csv": "Account Detail",
    "spend/hyndburn_raw/hyndburn_1908.csv": "Account Detail",
    "spend/hyndburn_raw/hyndburn_April-2023.csv": "Account Detail",
    "spend/hyndburn_raw/hyndburn_January-24.csv": "Account Detail",
    "spend/hyndburn_raw/hyndburn_June-23-csv.csv": "Account Detail",
    "spend/hyndburn_raw/hyndburn_October-2021-csv.csv": "Account Detail",
}

# Register imports, in the order the test runs them (the newest record wins per scheme and id).
REGISTERS = [
    ("companies-house",
     "registers/companies_house_advanced_search_new_incorporations_jan2024_jan2025.csv"),
    ("charities", "registers/charity-lookups/charity_scale.csv"),
    ("charity-links", "registers/charity-lookups/charity-company-numbers.csv"),
    ("charity-links", "registers/charity-lookups/cio_company_numbers.csv"),
    ("charity-links", "registers/charity-lookups/academy-trusts-company-number.csv"),
    ("charity-links", "registers/charity-lookups/university-charity-number.csv"),
    ("charity-links", "registers/charity-lookups/rsp-charity-number.csv"),
    ("charity-links", "registers/charity-lookups/dual-registered-uk-charities.csv"),
    ("charity-names", "registers/charity-lookups/charity-names.csv"),
    ("mutuals", "registers/charity-lookups/mutual-companies.csv"),
    ("nhs-trusts", "registers/nhs/ods_etr_nhs_trusts_2021.csv"),
    ("public-bodies", "project:data/public_bodies_uk.csv"),
]


# ---- Payment lines ---------------------------------------------------------------------------

Line = collections.namedtuple("Line", "member payee vendor_id expense_type paid_on pence")


def read_lines(root, name, member):
    """The lines of one file, by compute_expected's reading (same rows kept, same parsers)."""
    encoding, header_line, payee_h, date_h, amount_h, formats = compute_expected.SPECS[name]
    text = (root / name).read_bytes().decode(encoding)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [h.strip() for h in rows[header_line - 1]]
    ip, idt, ia = header.index(payee_h), header.index(date_h), header.index(amount_h)
    iv = header.index(VENDOR_ID[name]) if name in VENDOR_ID else None
    ie = header.index(EXPENSE_TYPE[name]) if name in EXPENSE_TYPE else None
    out = []
    for row in rows[header_line:]:
        cell = lambda i: row[i].strip() if i is not None and i < len(row) else ""  # noqa: E731
        first = next((c.strip() for c in row if c.strip()), "")
        if first.lower().startswith("total") and not cell(idt):
            continue
        if not (cell(ip) or cell(idt) or cell(ia)):
            continue
        d = compute_expected.parse_date(cell(idt), formats)
        p = compute_expected.parse_pence(cell(ia))
        if d is None or p is None or not cell(ip):
            continue
        out.append(Line(member, cell(ip), cell(iv), cell(ie), d, p))
    # The same lines compute_expected counts (and golden_test.cpp checks against the importer).
    expected = compute_expected.csv_file(root / name, compute_expected.SPECS[name])
    assert len(out) == expected["lines_imported"], name
    assert sum(x.pence for x in out) == expected["total_pence"], name
    return out


# ---- Personal payees (ingest/payee.h) ----------------------------------------------------------

BUSINESS_WORDS = {"LTD", "LIMITED", "PLC", "LLP", "CIC", "LLC", "INC", "CO", "COMPANY", "GROUP",
                  "SERVICES", "SOLUTIONS", "CONSULTANCY", "CONSULTING", "TRUST", "ASSOCIATION",
                  "SOCIETY", "UK"}
PERSONAL_PHRASES = {("PERSONAL", "DATA"), ("PERSONAL", "INFORMATION"), ("PRIVATE", "INDIVIDUAL"),
                    ("PRIVATE", "INDIVIDUALS"), ("NAME", "WITHHELD"), ("DATA", "PROTECTION"),
                    ("PERSONAL", "DETAILS"), ("NAME", "REMOVED"), ("INDIVIDUAL", "PAYEE"),
                    ("PRIVATE", "PERSON")}
PERSONAL_NAMES = {("INDIVIDUAL",), ("PRIVATE",), ("PERSONAL",), ("WITHHELD",), ("CONFIDENTIAL",),
                  ("NOT", "DISCLOSED"), ("UNDISCLOSED",), ("DPA",), ("INDIVIDUALS",),
                  ("STAFF", "MEMBER"), ("EMPLOYEE",)}


def is_personal(name):
    """A private individual or a redacted name, by whole ASCII words: REDACTED/REDACTION
    anywhere; otherwise a business word (legal form, SERVICES, TRUST, UK, ...) says it is an
    organisation; otherwise a personal phrase anywhere, or the whole name being a personal word."""
    words = re.findall(r"[A-Za-z0-9]+", name)
    words = [w.upper() for w in words]
    if not words:
        return False
    if "REDACTED" in words or "REDACTION" in words:
        return True
    if BUSINESS_WORDS.intersection(words):
        return False
    if any(pair in PERSONAL_PHRASES for pair in zip(words, words[1:])):
        return True
    return tuple(words) in PERSONAL_NAMES


# ---- Name keys (core/names.h) ------------------------------------------------------------------

APOSTROPHE_LIKE = "\u00b4\u02b9\u02bb\u02bc\u2018\u2019\u201b\u2032\uff07"
LETTER_OR_NUMBER = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No"}
# Rule 5, longest first so that "PUBLIC LIMITED COMPANY" is one form, not COMPANY then LIMITED.
# Each: the words, and the legal form recorded ("" for CO and COMPANY). The header of names.h
# lists INC and CYF but not their spelt-out forms; names.cpp strips INCORPORATED and the Welsh
# CYFYNGEDIG too (48 register names differ without them), and so does this.
LEGAL_FORMS = sorted([
    ("CHARITABLE INCORPORATED ORGANISATION", "CIO"), ("LIMITED LIABILITY PARTNERSHIP", "LLP"),
    ("CHARITABLE INCORPORATED ORGANIZATION", "CIO"), ("INCORPORATED", "INC"),
    ("CYFYNGEDIG", "LTD"),
    ("COMMUNITY INTEREST COMPANY", "CIC"), ("PUBLIC LIMITED COMPANY", "PLC"),
    ("LIMITED PARTNERSHIP", "LP"), ("LIMITED", "LTD"), ("COMPANY", ""), ("LTD", "LTD"),
    ("CYF", "LTD"), ("PLC", "PLC"), ("LLP", "LLP"), ("LLC", "LLC"), ("CIC", "CIC"),
    ("CIO", "CIO"), ("INC", "INC"), ("LP", "LP"), ("CO", ""),
], key=lambda f: -len(f[0].split()))


def fold(name):
    """Rule 1: compatibility-normalised, upper case, accents removed; code points that are not
    letters or digits become spaces, except ASCII punctuation (kept for rules 2 and 3)."""
    text = "".join("'" if c in APOSTROPHE_LIKE else c for c in name)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text
                   if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    text = unicodedata.normalize("NFC", text.casefold())
    out = []
    for c in text:
        if c < "\x80" or unicodedata.category(c) in LETTER_OR_NUMBER:
            out.append(c.upper())
        else:
            out.append(" ")
    return "".join(out)


WORD = r"[A-Z0-9\u0080-\U0010ffff]"
TRADING_AS = re.compile(rf"(?<!{WORD})(?:T *(?:/) *AS?|TRADING +AS)(?!{WORD})")


def is_word_char(c):
    return ("A" <= c <= "Z") or ("0" <= c <= "9") or c >= "\x80"


def build_key(text):
    """Rules 3-6 over folded text: returns (key, legal form)."""
    words = []
    current = []
    previous_single = False
    seen_alnum = False

    def end_word():
        nonlocal previous_single
        if not current:
            return
        word = "".join(current)
        current.clear()
        single = len(word) == 1 and "A" <= word <= "Z"
        if single and previous_single:
            words[-1] += word  # a run of single letters: "S R S" -> "SRS"
            return
        words.append(word)
        previous_single = single

    for c in text:
        if is_word_char(c):
            current.append(c)
            seen_alnum = True
        elif c in "'`":
            continue
        elif c in "&+":
            end_word()
            words.append("AND")
            previous_single = False
        else:
            end_word()
    end_word()
    if not seen_alnum:
        return "", ""
    key = " ".join(words)
    if len(key) > 4 and key.startswith("THE "):
        key = key[4:]
    legal = ""
    while True:
        form = next((f for f in LEGAL_FORMS if key == f[0] or key.endswith(" " + f[0])), None)
        if form is None or key == form[0]:
            break
        key = key[:-len(form[0]) - 1]
        if not legal:
            legal = form[1]
        if form[1] == "" and len(key) > 4 and key.endswith(" AND"):
            key = key[:-4]  # "SMITH & CO" -> "SMITH"
    return key, legal


NameKey = collections.namedtuple("NameKey", "key trading_as legal_form")


def normalise_name(name):
    folded = fold(name)
    m = TRADING_AS.search(folded)
    if not m:
        key, legal = build_key(folded)
        return NameKey(key, "", legal)
    before, trading = folded[:m.start()], folded[m.end():]
    depth = 0
    for c in before:
        if c == "(":
            depth += 1
        elif c == ")" and depth > 0:
            depth -= 1
    if depth > 0 and ")" in trading:
        close = trading.index(")")
        before = before + " " + trading[close + 1:]
        trading = trading[:close]
    key, legal = build_key(before)
    trading_key, _ = build_key(trading)
    if not key:
        return NameKey(trading_key, "", legal)
    return NameKey(key, trading_key, legal)


_key_cache = {}


def name_key(name):
    k = _key_cache.get(name)
    if k is None:
        k = _key_cache[name] = normalise_name(name)
    return k


# ---- Registers ---------------------------------------------------------------------------------

def company_number(text):
    """Companies House numbers: 8 characters, digits zero-padded; two-letter prefixes; the
    mutuals' full numbers with a letter suffix. '' when not one."""
    s = re.sub(r"\s", "", text).upper()
    if s.startswith("GB-COH-"):
        s = s[7:]
    if not s or len(s) > 8:
        return ""
    if s.isdigit():
        return "" if int(s) == 0 else s.zfill(8)
    prefix, rest = s[:2], s[2:]
    if not rest or not (prefix.isalpha() and prefix.isascii() or prefix == "R0"):
        return ""
    if rest.isdigit():
        return "" if int(rest) == 0 else prefix + rest.zfill(6)
    m = re.fullmatch(r"(\d+)([A-Z]{1,3})", rest)
    if prefix in ("IP", "SP", "RS", "NP") and len(s) == 8 and m:
        return s
    return ""


def charity_number(text, scheme):
    """A charity number in its scheme: E&W digits without leading zeros (6-8 of them), SC and 6
    digits, NIC and up to 6 digits. '' when not one."""
    s = re.sub(r"\s", "", text).upper()
    if scheme == "GB-CHC":
        s = re.sub(r"-\d{1,3}$", "", s)  # a linked charity's suffix
        if not s.isdigit():
            return ""
        s = s.lstrip("0")
        return s if 6 <= len(s) <= 8 else ""
    if scheme == "GB-SC":
        s = s[2:] if s.startswith("SC") else s
        return "SC" + s.zfill(6) if s.isdigit() and int(s) and len(s) <= 6 else ""
    if scheme == "GB-NIC":
        s = s[3:] if s.startswith("NIC") else (s[2:] if s.startswith("NI") else s)
        return "NIC" + s if s.isdigit() and int(s) and len(s) <= 6 else ""
    return ""


def scheme_of_charity(text):
    t = text.strip().upper()
    return "GB-SC" if t.startswith("SC") else "GB-NIC" if t.startswith("NI") else "GB-CHC"


def org_id(text):
    """'GB-CHC-1000611' -> ('GB-CHC', '1000611'), ids normalised per scheme; None if invalid."""
    m = re.fullmatch(r"([A-Za-z]+-[A-Za-z]+)-(.+)", text.strip())
    if not m:
        return None
    scheme, ident = m.group(1).upper(), m.group(2).strip()
    if scheme == "GB-COH":
        ident = company_number(ident)
    elif scheme in ("GB-CHC", "GB-SC", "GB-NIC"):
        ident = charity_number(ident, scheme)
    else:
        ident = "" if " " in ident else ident.upper()
    return (scheme, ident) if ident else None


def slug(text):
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "")))


class Registers:
    """Organisations by (scheme, id) — the newest import wins field by field (an empty field never
    blanks a known one) —, links, alternative names."""

    def __init__(self):
        self.orgs = {}       # (scheme, id) -> dict(name, form, status, as_of)
        self.links = set()   # pairs of (scheme, id)
        self.alt_names = collections.defaultdict(set)  # (scheme, id) -> names

    def org(self, scheme, ident, name="", form="", status="", as_of="", incorporated=""):
        if ident:  # a row whose id cannot be read is a reject
            new = {"name": name, "form": form, "status": status, "as_of": as_of,
                   "incorporated": incorporated}
            old = self.orgs.get((scheme, ident), {})
            self.orgs[(scheme, ident)] = {k: v or old.get(k, "") for k, v in new.items()}

    def link(self, a, b):
        if a and b and a[1] and b[1]:
            self.links.add((a, b))


def rows_of(path, header=True):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = [[c.strip() for c in r] for r in csv.reader(f)]
    rows = [r for r in rows if any(r)]
    if not header:
        return rows
    head = [re.sub(r"[^a-z0-9]", "", h.lower()) for h in rows[0]]
    return [dict(zip(head, r)) for r in rows[1:]]


NULL_LIKE = {"none supplied", "none", "null", "n/a", "#n/a", "-", "nan", "nil"}


def read_registers(root):
    reg = Registers()
    for kind, name in REGISTERS:
        path = PROJECT / name[8:] if name.startswith("project:") else root / name
        base = path.name
        if kind == "companies-house":
            for r in rows_of(path):
                n = company_number(r["companynumber"])
                form = ("Community Interest Company"
                        if "community interest company" in r["companysubtype"].lower()
                        else r["companytype"])
                status = "" if r["companystatus"].lower() in NULL_LIKE else r["companystatus"]
                reg.org("GB-COH", n, r["companyname"], form, status,
                        incorporated=r.get("incorporationdate", ""))
        elif base == "charity_scale.csv":
            for r in rows_of(path):
                n = charity_number(r["regnumber"], "GB-CHC")
                if n:
                    reg.org("GB-CHC", n, "", "charity")
        elif base == "charity-company-numbers.csv":
            for r in rows_of(path):
                a, b = org_id(r["orgida"]), org_id(r["orgidb"])
                if not a or not b:
                    continue
                reg.link(a, b)
                if r["name"]:
                    for side in (a, b):
                        reg.org(*side, r["name"], "" if side[0] == "GB-COH" else "charity")
        elif base == "cio_company_numbers.csv":
            for r in rows_of(path):
                scheme = scheme_of_charity(r["charitynumber"])
                c = ("GB-COH", company_number(r["companynumber"]))
                h = (scheme, charity_number(r["charitynumber"], scheme))
                if c[1] and h[1]:
                    reg.link(c, h)
                    reg.org(*h, "", "CIO")
        elif base == "academy-trusts-company-number.csv":
            for r in rows_of(path):
                reg.org("GB-COH", company_number(r["companynumber"]), r["entity"],
                        "academy trust")
        elif base == "university-charity-number.csv":
            for r in rows_of(path):
                o = org_id(r["orgid"])
                if o:
                    reg.org(*o, r["name"], "university")
        elif base == "rsp-charity-number.csv":
            for r in rows_of(path):
                if r["companynumber"] and r["charitynumber"]:
                    scheme = scheme_of_charity(r["charitynumber"])
                    reg.link(("GB-COH", company_number(r["companynumber"])),
                             (scheme, charity_number(r["charitynumber"], scheme)))
        elif base == "dual-registered-uk-charities.csv":
            for r in rows_of(path):
                ew = charity_number(r["ewcharitynumber"], "GB-CHC")
                sc = charity_number(r["scottishcharitynumber"], "GB-SC")
                if not ew or not sc:
                    continue
                reg.link(("GB-SC", sc), ("GB-CHC", ew))
                if r["charitynameew"]:
                    reg.org("GB-CHC", ew, r["charitynameew"], "charity")
        elif kind == "charity-names":
            for r in rows_of(path):
                o = org_id(r["orgid"])
                if o and r["alternativename"]:
                    reg.alt_names[o].add(r["alternativename"])
        elif kind == "mutuals":
            for r in rows_of(path):
                m = org_id(r["mutualid"])
                if not m or m[0] != "GB-MPR":
                    continue
                reg.org(*m, r["name"], "registered society")
                c = org_id(r["companyid"]) if r["companyid"] else None
                if c and c[0] == "GB-COH":
                    reg.org(*c, r["name"], "registered society")
                    reg.link(m, c)
        elif kind == "nhs-trusts":
            for r in rows_of(path, header=False):
                opened = r[10]
                reg.org("GB-NHS", r[0], r[1], "NHS trust", "Closed" if r[11] else "Active",
                        f"{opened[:4]}-{opened[4:6]}-{opened[6:]}")
        elif kind == "public-bodies":
            for r in rows_of(path):
                ident = slug(r["id"] or r["name"])
                reg.org("GB-PUB", ident, r["name"], r["kind"])
                for alias in r["aliases"].split(";"):
                    if alias.strip():
                        reg.alt_names[("GB-PUB", ident)].add(alias.strip())
    return reg


# ---- Suppliers ---------------------------------------------------------------------------------

MAX_NAMES_PER_VENDOR_ID = 5
PUBLIC_SCHEMES = ("GB-PUB", "GB-NHS")
CHARITY_SCHEMES = ("GB-CHC", "GB-SC", "GB-NIC")
# core/supplier.h FactSource, strongest first (only the sources these files can give).
SOURCE_RANK = {"companies-house": 3, "charity-register": 4, "mutuals-register": 5,
               "nhs-register": 6, "public-body-list": 7, "name-pattern": 10}


class UnionFind:
    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def public_body_from_name(key):
    """The public bodies recognised from a name alone (resolve/resolver.h: no company number and
    no legal form in the name)."""
    words = f" {key} "
    if " HMRC " in words or "HM REVENUE" in key or "INLAND REVENUE" in key:
        return "hmrc"
    if (key.endswith("NHS TRUST") or key.endswith("NHS FOUNDATION TRUST")
            or "CLINICAL COMMISSIONING GROUP" in key or key.startswith("NHS ")):
        return "nhs"
    if (key.startswith(("LONDON BOROUGH OF ", "ROYAL BOROUGH OF ", "L B OF ", "LB OF "))
            or any(f" {c} COUNCIL " in words
                   for c in ("BOROUGH", "COUNTY", "CITY", "DISTRICT", "PARISH", "TOWN"))):
        return "local-government"
    if (key.endswith((" POLICE", " CONSTABULARY", " FIRE AND RESCUE SERVICE", " FIRE BRIGADE"))
            or "POLICE AND CRIME COMMISSIONER" in key):
        return "police-fire"
    if key.startswith("UNIVERSITY OF ") or key.endswith(" UNIVERSITY"):
        return "education"
    return None


def vcse_from_form(form):
    """VCSE from a Companies House form (decision 16): yes for CIC and CIO; unknown for guarantee
    companies and registered societies; no for share companies, PLCs, LLPs, unlimited."""
    f = form.lower()
    if not f:
        return None
    if "community interest" in f:
        return "yes"
    if "charitable incorporated" in f or f == "cio":
        return "yes"
    if "guarantee" in f or "registered society" in f or "industrial and provident" in f:
        return "unknown"
    if ("private limited company" in f or "public limited" in f
            or "limited liability partnership" in f or "unlimited" in f
            or f == "private limited by shares"):
        return "no"
    return None


def choose(facts):
    """The strongest source's value; within one source the first given (none here has dates that
    differ within a source)."""
    if not facts:
        return None
    return min(enumerate(facts), key=lambda f: (SOURCE_RANK[f[1][1]], f[0]))[1][0]


def resolve(lines, reg, members):
    # Payees: one per member x spelling x vendor id (the files give no other identifier).
    payees = sorted({(x.member, x.payee, x.vendor_id) for x in lines})
    personal = {p for p in payees if is_personal(p[1])}
    orgs = [p for p in payees if p not in personal]
    uf = UnionFind()
    for p in orgs:
        uf.find(p)
    # Vendor ids group one member's spellings, unless the id covers > 5 name keys.
    by_vendor = collections.defaultdict(list)
    for p in orgs:
        if p[2]:
            by_vendor[(p[0], p[2])].append(p)
    for group in by_vendor.values():
        if len({name_key(p[1]).key for p in group}) <= MAX_NAMES_PER_VENDOR_ID:
            for p in group:
                uf.union(group[0], p)
    # Same name key, same supplier.
    by_key = collections.defaultdict(list)
    for p in orgs:
        k = name_key(p[1]).key
        if k:
            by_key[k].append(p)
    for group in by_key.values():
        for p in group:
            uf.union(group[0], p)
    # "SMITH J T/A SMITHS PLUMBING" joins "SMITHS PLUMBING" when that is a payee's name.
    for p in orgs:
        ta = name_key(p[1]).trading_as
        if ta and ta in by_key:
            uf.union(p, by_key[ta][0])
    # Register records by name key (names and alternative names of existing records).
    names_by_key = collections.defaultdict(set)
    for o, rec in reg.orgs.items():
        if rec["name"]:
            names_by_key[name_key(rec["name"]).key].add(o)
    for o, names in reg.alt_names.items():
        if o in reg.orgs:
            for n in names:
                k = name_key(n).key
                if k:
                    names_by_key[k].add(o)
    linked = collections.defaultdict(set)
    for a, b in reg.links:
        linked[a].add(b)
        linked[b].add(a)

    # A name key matches a registered organisation when its records (companies, charities,
    # mutuals; public-body and NHS records are classified separately) are one organisation,
    # counting linked records as one.
    # A company incorporated after the last payment of every member that pays a name is a later
    # company that shares the name, never the payee (docs/suppliers.md, Grouping 5).
    member_last_paid = {}
    for x in lines:
        member_last_paid[x.member] = max(member_last_paid.get(x.member, x.paid_on), x.paid_on)

    def unique_match(key):
        last_paid = max((member_last_paid[p[0]] for p in by_key.get(key, ())
                         if p[0] in member_last_paid), default=None)
        last_iso = last_paid.isoformat() if last_paid else ""

        def possible(o):
            inc = reg.orgs.get(o, {}).get("incorporated", "")
            return not (inc and last_iso and inc > last_iso)

        candidates = sorted(o for o in names_by_key.get(key, ())
                            if o[0] not in PUBLIC_SCHEMES and possible(o))
        if not candidates:
            return None, False
        org_uf = UnionFind()
        for o in candidates:
            org_uf.find(o)
            for other in linked[o]:
                org_uf.union(o, other)
        # Two candidates linked through one shared record count as one too.
        if len({org_uf.find(o) for o in candidates}) > 1:
            return None, True
        companies = [o for o in candidates if o[0] == "GB-COH"]
        return (companies or candidates)[0], False

    # Names matched to the same register record are one supplier (docs/suppliers.md, Grouping
    # 5): a spelling and an alternative name of one company, "TfL" and "Transport for London".
    by_record = {}
    for k in sorted(by_key):
        m, _ = unique_match(k)
        if not m:
            public = {o for o in names_by_key.get(k, ()) if o[0] in PUBLIC_SCHEMES}
            m = next(iter(public)) if len(public) == 1 else None
        if m:
            if m in by_record:
                uf.union(by_record[m], by_key[k][0])
            else:
                by_record[m] = by_key[k][0]
    entities = collections.defaultdict(list)
    for p in orgs:
        entities[uf.find(p)].append(p)

    suppliers = []
    for root, group in entities.items():
        keys = sorted({name_key(p[1]).key for p in group} - {""})
        match = None
        ambiguous = False
        for k in keys:
            m, amb = unique_match(k)
            ambiguous |= amb
            if m:
                match = m
                break
        records = []
        if match:
            records.append(match)
            records += sorted(o for o in linked[match] if o in reg.orgs)
            records = [o for o in records if o in reg.orgs]
        public_records = sorted({o for k in keys for o in names_by_key.get(k, ())
                                 if o[0] in PUBLIC_SCHEMES})
        company = next((o[1] for o in records if o[0] == "GB-COH"), "")
        legal_forms = {name_key(p[1]).legal_form for p in group} - {""}

        public = []  # (value, source)
        vcse = []
        for o in records:
            rec = reg.orgs[o]
            source = ("companies-house" if o[0] == "GB-COH" else "charity-register"
                      if o[0] in CHARITY_SCHEMES else "mutuals-register"
                      if o[0] == "GB-MPR" else "public-body-list")
            # docs/suppliers.md, "VCSE": academy trusts and universities are public bodies
            # (education), whichever register numbers them (most universities are GB-CHC/GB-SC).
            if rec["form"] in ("academy trust", "university"):
                public.append(("education", source))
            elif o[0] in CHARITY_SCHEMES:
                vcse.append(("yes", source))
            elif vcse_from_form(rec["form"]):
                vcse.append((vcse_from_form(rec["form"]), source))
        for o in public_records:
            rec = reg.orgs[o]
            if o[0] == "GB-NHS":
                public.append(("nhs", "nhs-register"))
            else:
                public.append((rec["form"], "public-body-list"))
        if legal_forms & {"CIC", "CIO"}:
            vcse.append(("yes", "name-pattern"))
        if not company and not legal_forms:
            kind = next((public_body_from_name(k) for k in keys if public_body_from_name(k)),
                        None)
            if kind:
                public.append((kind, "name-pattern"))
        # Decision 18: another member of the network is a member, whatever else it is.
        member = next((m for m, mk in members.items() if mk in keys), None)
        suppliers.append({
            "payees": group, "keys": keys, "match": match, "ambiguous": ambiguous and not match,
            "public_body": "member" if member else choose(public),
            "vcse": choose(vcse) or "unknown",
            "records": records, "public_records": public_records,
        })
    suppliers.sort(key=lambda s: (s["keys"][:1], s["payees"][0]))
    return suppliers, personal


# ---- Measures (metrics/measures.h; docs/metrics.md S1, S2, S6) ---------------------------------

# (id, stage, match, patterns), in the order a line meets them: S1 rules, then S2 rules.
RULES = [
    ("payroll", "S1", "expense-type", ["salar*", "wages", "payroll", "overtime"]),
    ("pensions", "S1", "expense-type", ["pension*", "superannuation"]),
    ("hmrc", "S1", "payee-kind", ["hmrc"]),
    ("financing", "S1", "expense-type", ["loan*", "interest payable", "debt*", "borrowing*",
                                         "pwlb", "capital financing",
                                         "minimum revenue provision"]),
    ("internal-recharges", "S1", "expense-type", ["recharge*", "internal"]),
    ("public-bodies", "S2", "payee-kind", ["public-body"]),
    ("personal-payees", "S2", "payee-kind", ["personal"]),
    ("grants", "S2", "expense-type", ["grant*"]),
    ("rates-and-taxes", "S2", "expense-type", ["rates", "business rates", "council tax", "nndr",
                                               "vat"]),
    ("statutory-fees", "S2", "expense-type", ["statutory fee*", "licence fee*", "license fee*",
                                              "court fee*", "land registry", "planning fee*"]),
]


def text_words(text):
    return [w.lower() for w in re.findall(r"[A-Za-z0-9*\u0080-\U0010ffff]+", text)]


def pattern_matches(pattern, text):
    """The pattern's words occur consecutively in the text as whole words, ignoring case; a
    trailing '*' matches any word starting with what precedes it."""
    p, t = pattern.lower().split(), text_words(text)
    for start in range(len(t) - len(p) + 1):
        if all(t[start + i].startswith(w[:-1]) if w.endswith("*") else t[start + i] == w
               for i, w in enumerate(p)):
            return True
    return False


def first_rule(line, supplier):
    """The first rule (index into RULES) a line meets, or None."""
    for i, (rule_id, stage, match, patterns) in enumerate(RULES):
        if match == "expense-type":
            if any(pattern_matches(p, line.expense_type) for p in patterns):
                return i
        elif supplier is None:  # a personal payee
            if "personal" in patterns:
                return i
        else:
            kind = supplier["public_body"]
            if ("public-body" in patterns and kind) or (kind and kind in patterns):
                return i
    return None


def amount():
    return {"lines": 0, "pence": 0}


def add(a, pence):
    a["lines"] += 1
    a["pence"] += pence


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    lines = []
    for member, _, files in MEMBERS:
        for f in files:
            lines += read_lines(root, f, member)
    reg = read_registers(root)
    member_keys = {m: name_key(n).key for m, n, _ in MEMBERS}
    suppliers, personal = resolve(lines, reg, member_keys)
    supplier_of = {p: s for s in suppliers for p in s["payees"]}

    measures = ("t1", "s1", "s2", "public_body", "personal", "vcse", "vcse_known", "size_known")
    per_member = {}
    to_members = amount()  # payments to another member that an S2 rule took out
    for member, _, _ in MEMBERS:
        per_member[member] = {k: amount() for k in measures}
        per_member[member]["bridge"] = {r[0]: amount() for r in RULES}
    for x in lines:
        m = per_member[x.member]
        p = (x.member, x.payee, x.vendor_id)
        s = None if p in personal else supplier_of[p]
        s_is_member = s is not None and s["public_body"] == "member"
        add(m["t1"], x.pence)
        if s is None:
            add(m["personal"], x.pence)
        elif s["public_body"]:
            add(m["public_body"], x.pence)
        rule = first_rule(x, s)
        if rule is not None:
            add(m["bridge"][RULES[rule][0]], x.pence)
            if RULES[rule][1] == "S2":
                add(m["s1"], x.pence)
                if s_is_member:
                    add(to_members, x.pence)
            continue
        assert not s_is_member  # the public-bodies rule takes every payment to a member
        add(m["s1"], x.pence)
        add(m["s2"], x.pence)
        s["s2"] = s.get("s2", 0) + x.pence
        # Size: no source here gives one (see "size_known" below).
        if s["vcse"] != "unknown":
            add(m["vcse_known"], x.pence)
        if s["vcse"] == "yes":
            add(m["vcse"], x.pence)

    network = {k: amount() for k in ("t1", "s1", "s2", "vcse", "vcse_known", "size_known")}
    for m in per_member.values():
        for k in network:
            network[k]["lines"] += m[k]["lines"]
            network[k]["pence"] += m[k]["pence"]
    # Decision 18 and S1: payments from one member to another leave the network's S1 (bridge
    # step "between-members"); they had left each member's S2 as public-body spend already.
    network["between_members"] = to_members
    network["s1"]["lines"] -= to_members["lines"]
    network["s1"]["pence"] -= to_members["pence"]

    vcse = [s for s in suppliers if s["vcse"] == "yes"]
    out = {
        "network_file": NETWORK_FILE,
        "spend_files": {m: files for m, _, files in MEMBERS},
        "registers": [[k, n] for k, n in REGISTERS],
        "payees": len({(x.member, x.payee, x.vendor_id) for x in lines}),
        "personal_payees": sorted(p[1] for p in personal),
        # Every organisation payee's supplier, plus one for all the personal payees.
        "suppliers": len(suppliers) + (1 if personal else 0),
        "suppliers_by_register_name": sum(1 for s in suppliers if s["match"]),
        "suppliers_by_public_body_record": sum(
            1 for s in suppliers if not s["match"] and s["public_records"]),
        "suppliers_ambiguous": [locator(s) for s in suppliers if s["ambiguous"]],
        "public_body_suppliers": dict(sorted(collections.Counter(
            s["public_body"] for s in suppliers if s["public_body"]).items())),
        "vcse_suppliers": len(vcse),
        "vcse_suppliers_with_s2": sum(1 for s in vcse if s.get("s2", 0) > 0),
        "vcse_no_suppliers": sum(1 for s in suppliers if s["vcse"] == "no"),
        "members": per_member,
        "network": network,
        # Size is known for no supplier, so size coverage is 0 (0 pence of S2): size comes from a
        # Companies House account category (BasicCompanyData only: the advanced-search export
        # in shared/data has none), a member's supplier return, a contract notice or a decision,
        # and this network has none of them.
        "size_known_pence": network["size_known"]["pence"],
        # Named suppliers, so that a failure points at a rule and not only at a count. Each is
        # found by one of its payees (member, name as published).
        "vcse": sorted((dict(locator(s), register="-".join(s["match"]) if s["match"] else "",
                             s2_pence=s.get("s2", 0)) for s in vcse), key=by_locator),
        "public_bodies": sorted((dict(locator(s), kind=s["public_body"])
                                 for s in suppliers if s["public_body"]), key=by_locator),
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    print()


def by_locator(d):
    return d["member"], d["payee"]


def locator(s):
    member, name, _ = min(s["payees"])
    return {"member": member, "payee": name, "payees": len(s["payees"])}


if __name__ == "__main__":
    main()
