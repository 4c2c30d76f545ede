// Header recognition, the record sink, the row loop and small helpers shared by the register
// readers (ingest/internal/registers_internal.h).
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "core/date.h"
#include "core/names.h"
#include "core/text.h"
#include "ingest/internal/registers_internal.h"

namespace anchornet::ingest::registers {

using core::ErrorCode;

namespace {

constexpr std::size_t kFirstRejects = 10;
// A header is looked for among this many non-blank rows at the top of a file.
constexpr int kHeaderSearchRows = 10;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

bool IsBlankRow(const Row& row) {
  return std::all_of(row.cells.begin(), row.cells.end(),
                     [](std::string_view c) { return core::Trim(c).empty(); });
}

constexpr KindReader kKindReaders[] = {
    {"companies-house", MakeCompaniesHouseReader,
     "Companies House BasicCompanyData columns (CompanyName, CompanyNumber, RegAddress.PostCode, "
     "CompanyCategory, CompanyStatus, Accounts.AccountCategory, SICCode.SicText_1) or the "
     "advanced-search export (company_name, company_number, company_status, company_type, "
     "nature_of_business, registered_office_address)"},
    {"charities", MakeCharitiesReader,
     "reg_number (charity_scale.csv) or a Charity Commission extract (registered_charity_number, "
     "charity_name, ...)"},
    {"charity-links", MakeCharityLinksReader,
     "one of the charity-lookups crosswalks: org_id_a,org_id_b,name; "
     "company_number,charity_number; Type,Entity,Company Number; RP Code,Company Number,"
     "Charity Number,Org ID; Scottish Charity Number,E&W Charity Number; Name,HESA ID,OrgID"},
    {"charity-names", MakeCharityNamesReader, "org_id,alternative_name"},
    {"mutuals", MakeMutualsReader, "mutual_id,company_id,name"},
    {"nhs-trusts", MakeNhsTrustsReader,
     "the NHS ODS trust list without a header row: code, name, national grouping, health "
     "geography, five address lines, postcode, open date yyyymmdd, close date"},
    {"public-bodies", MakePublicBodiesReader, "name,kind[,id][,aliases]"},
    {"postcodes", MakePostcodesReader,
     "ONS postcode directory columns pcds, oslaua, osward, lsoa11"},
    {"postcode-districts", MakePostcodeDistrictsReader,
     "Postcode (the district) and Region (its local authority), as doogal_postcode_districts.csv"},
    {"deprivation", MakeDeprivationReader,
     "English Indices of Deprivation file 1: LSOA code (2011), Local Authority District code, "
     "Index of Multiple Deprivation (IMD) Rank and Decile"},
    {"area-names", MakeAreaNamesReader,
     "code,name (or a pair of ONS columns such as LAD19CD,LAD19NM), or a JSON object of "
     "code: name"},
    {"ghg-factors", MakeGhgFactorsReader,
     "the DESNZ GHG conversion factors flat file: ID, Scope, Level 1..4, Column Text, UOM, "
     "GHG/Unit, GHG Conversion Factor <year>"},
    {"supplier-returns", MakeSupplierReturnsReader,
     "the supplier-return template's columns: supplier_name (or company_number), size_band, "
     "vcse, women_owned, ..."},
};

}  // namespace

// ---- Header ------------------------------------------------------------------------------------

std::string HeaderKey(std::string_view cell) {
  if (core::StartsWith(cell, "\xEF\xBB\xBF")) cell.remove_prefix(3);
  std::string key;
  key.reserve(cell.size());
  for (char c : cell) {
    if (IsDigit(c)) {
      key += c;
    } else if (IsAlpha(c)) {
      key += static_cast<char>(c | 0x20);
    }
  }
  return key;
}

Header::Header(const Row& row) : line_(row.line) {
  keys_.reserve(row.cells.size());
  cells_.reserve(row.cells.size());
  for (std::string_view c : row.cells) {
    std::string_view t = core::Trim(c);
    if (core::StartsWith(t, "\xEF\xBB\xBF")) t = core::Trim(t.substr(3));
    cells_.emplace_back(t);
    keys_.push_back(HeaderKey(t));
  }
}

std::int32_t Header::Find(std::initializer_list<std::string_view> keys) const {
  for (std::string_view k : keys) {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] == k) return static_cast<std::int32_t>(i);
    }
  }
  return -1;
}

std::int32_t Header::FindLike(std::string_view prefix, std::string_view part) const {
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    const std::string_view k = keys_[i];
    if (!core::StartsWith(k, prefix)) continue;
    if (!part.empty() && k.substr(prefix.size()).find(part) == std::string_view::npos) continue;
    return static_cast<std::int32_t>(i);
  }
  return -1;
}

// ---- Sink --------------------------------------------------------------------------------------

core::Status RegisterSink::Org(const store::RegisterOrg& org) {
  ++records_[kOrgs];
  return writer_ != nullptr ? writer_->AddOrg(org) : core::Status{};
}

core::Status RegisterSink::Link(const store::RegisterLink& link) {
  ++records_[kLinks];
  return writer_ != nullptr ? writer_->AddLink(link) : core::Status{};
}

core::Status RegisterSink::Name(const store::RegisterName& name) {
  ++records_[kNames];
  return writer_ != nullptr ? writer_->AddName(name) : core::Status{};
}

core::Status RegisterSink::Place(const store::PostcodePlace& place) {
  ++records_[kPlaces];
  return writer_ != nullptr ? writer_->AddPostcode(place) : core::Status{};
}

core::Status RegisterSink::Factor(const store::GhgFactor& factor) {
  ++records_[kFactors];
  return writer_ != nullptr ? writer_->AddGhgFactor(factor) : core::Status{};
}

core::Status RegisterSink::Deprivation(const store::Deprivation& row) {
  ++records_[kDeprivation];
  return writer_ != nullptr ? writer_->AddDeprivation(row) : core::Status{};
}

core::Status RegisterSink::Area(const store::AreaName& area) {
  ++records_[kAreas];
  return writer_ != nullptr ? writer_->AddAreaName(area) : core::Status{};
}

core::Status RegisterSink::Return(const store::SupplierReturnLine& line) {
  ++records_[kReturns];
  return writer_ != nullptr ? writer_->AddSupplierReturn(line) : core::Status{};
}

core::Status RegisterSink::Reject(const Row& row, std::int32_t column, ErrorCode code,
                                  std::string message) {
  core::Reject r{row.line, column, code, std::move(message), RawText(row)};
  ++summary_.counts.rows_rejected;
  ++summary_.rejects_by_code[code];
  if (writer_ != nullptr) {
    if (auto s = writer_->AddReject(r); !s) return s;
  }
  if (summary_.first_rejects.size() < kFirstRejects) summary_.first_rejects.push_back(std::move(r));
  return {};
}

void RegisterSink::Skip() {
  --summary_.counts.rows_read;
  ++summary_.counts.rows_skipped;
}

void RegisterSink::Finish() {
  static constexpr std::string_view kNames[kTypeCount] = {
      "organisations",        "links", "names", "postcodes", "deprivation", "area names",
      "supplier return lines", "GHG conversion factors"};
  std::int64_t total = 0;
  for (int t = 0; t < kTypeCount; ++t) {
    total += records_[t];
    if (records_[t] > 0) summary_.records_by_type[std::string(kNames[t])] += records_[t];
  }
  summary_.counts.records += total;
  records_.fill(0);
}

// ---- The row loop ------------------------------------------------------------------------------

const KindReader* FindKindReader(std::string_view kind) {
  for (const KindReader& k : kKindReaders) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

core::Status ReadRegisterRows(
    std::string_view kind, RowSource& rows, const ReadContext& context, RegisterSummary& summary,
    const std::function<core::Result<store::RegisterWriter*>()>& on_header) {
  const KindReader* k = FindKindReader(kind);
  if (k == nullptr) {
    return core::Fail(ErrorCode::kUsage, fmt::format("unknown register kind '{}'", kind),
                      {context.path});
  }
  // Find the header among the first non-blank rows.
  Row row;
  std::unique_ptr<RegisterReader> reader;
  std::optional<std::vector<std::string>> first_cells;
  int looked = 0;
  std::int64_t before_header = 0;
  for (;;) {
    auto next = rows.Next(row);
    if (!next) return tl::unexpected(next.error());
    if (!*next) break;
    if (IsBlankRow(row)) {
      ++before_header;
      continue;
    }
    const Header header(row);
    reader = k->factory(header, context);
    if (reader) break;
    if (!first_cells) first_cells = header.cells();
    ++before_header;
    if (++looked >= kHeaderSearchRows) break;
  }
  if (!reader) {
    if (!first_cells) {
      return core::Fail(ErrorCode::kFileEmpty, "the file has no rows", {context.path});
    }
    std::string seen;
    for (const std::string& c : *first_cells) {
      if (c.empty()) continue;
      if (!seen.empty()) seen += ", ";
      if (seen.size() > 200) {
        seen += "...";
        break;
      }
      seen += c;
    }
    return core::Fail(ErrorCode::kNoHeaderMatch,
                      fmt::format("this is not a {} file: expected {}; the first row has: {}", kind,
                                  k->expected, seen),
                      {context.path});
  }
  summary.counts.rows_skipped += before_header;
  summary.reader = fmt::format("{}; {}", rows.Describe(), reader->Variant());
  if (!reader->HeaderIsData()) summary.reader += fmt::format("; header on line {}", row.line);

  auto writer = on_header ? on_header() : core::Result<store::RegisterWriter*>(nullptr);
  if (!writer) return tl::unexpected(writer.error());
  RegisterSink sink(*writer, summary);
  const std::size_t width = context.check_width ? reader->Width() : 0;

  auto take = [&](const Row& r) -> core::Status {
    ++summary.counts.rows_read;
    for (std::size_t i = width; width > 0 && i < r.cells.size(); ++i) {
      if (!core::Trim(r.cells[i]).empty()) {
        return sink.Reject(r, static_cast<std::int32_t>(i + 1), ErrorCode::kRaggedRow,
                           fmt::format("the row has more cells than the header (cell {} is "
                                       "'{}'); is there an unquoted comma in a name?",
                                       i + 1, core::Trim(r.cells[i])));
      }
    }
    if (r.problem != ErrorCode::kOk) {
      return sink.Reject(r, r.problem_column, r.problem,
                         r.problem == ErrorCode::kUnterminatedQuote
                             ? "a quoted cell is never closed; the row was read up to the line end"
                             : "the row could not be read");
    }
    return reader->Take(r, sink);
  };

  if (reader->HeaderIsData()) {
    if (auto s = take(row); !s) return s;
  }
  for (;;) {
    auto next = rows.Next(row);
    if (!next) return tl::unexpected(next.error());
    if (!*next) break;
    if (IsBlankRow(row)) {
      ++summary.counts.rows_skipped;
      continue;
    }
    if (auto s = take(row); !s) return s;
  }
  reader->AddNotes(summary.notes);
  sink.Finish();
  return {};
}

// ---- Helpers -----------------------------------------------------------------------------------

std::string_view Cell(const Row& row, std::int32_t col) {
  if (col < 0 || static_cast<std::size_t>(col) >= row.cells.size()) return {};
  return core::Trim(row.cells[static_cast<std::size_t>(col)]);
}

std::string RawText(const Row& row) {
  std::string raw;
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    if (i > 0) raw += '|';
    raw += row.cells[i];
    if (raw.size() > 500) {
      std::size_t cut = 500;  // not inside a UTF-8 character
      while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
      raw.resize(cut);
      break;
    }
  }
  while (!raw.empty() && raw.back() == '|') raw.pop_back();
  return raw;
}

std::string NormaliseSchemeId(std::string_view scheme, std::string_view id) {
  id = core::Trim(id);
  if (id.empty()) return {};
  if (scheme == "GB-COH") return core::NormaliseCompanyNumber(id);
  // Charity numbers as core::NormaliseCharityNumber writes them, in the scheme they belong to:
  // "1000611" (GB-CHC), "SC012345" (GB-SC), "NIC100001" (GB-NIC). Org-ids give Scottish and
  // Northern Irish numbers with or without their letters ("GB-NIC-100005").
  if (scheme == "GB-CHC" || scheme == "GB-SC" || scheme == "GB-NIC") {
    std::string text = core::ToUpperAscii(id);
    if (AllDigits(text) && scheme != "GB-CHC") text.insert(0, scheme == "GB-SC" ? "SC" : "NIC");
    if (scheme == "GB-NIC" && core::StartsWith(text, "NI") && !core::StartsWith(text, "NIC")) {
      text.insert(2, "C");
    }
    std::string n = core::NormaliseCharityNumber(text);
    const bool fits = scheme == "GB-CHC"  ? AllDigits(n)
                      : scheme == "GB-SC" ? core::StartsWith(n, "SC")
                                          : core::StartsWith(n, "NIC");
    return fits ? n : std::string();
  }
  if (scheme == "GB-PUB") return std::string(id);  // slugs, lower case
  std::string upper = core::ToUpperAscii(id);
  if (upper.find(' ') != std::string::npos) return {};
  return upper;
}

bool SplitOrgId(std::string_view org_id, std::string& scheme, std::string& id) {
  org_id = core::Trim(org_id);
  const std::size_t first = org_id.find('-');
  if (first == std::string_view::npos) return false;
  const std::size_t second = org_id.find('-', first + 1);
  if (second == std::string_view::npos || second == first + 1) return false;
  // A country code and a list code: "GB-COH", "GB-CHC", "XI-..." (org-id.guide).
  const std::string_view prefix = org_id.substr(0, second);
  const std::string_view list = prefix.substr(first + 1);
  if (first != 2 || !IsAlpha(prefix[0]) || !IsAlpha(prefix[1]) || list.size() < 2 ||
      list.size() > 6 || !std::all_of(list.begin(), list.end(), IsAlpha)) {
    return false;
  }
  scheme = core::ToUpperAscii(prefix);
  id = NormaliseSchemeId(scheme, org_id.substr(second + 1));
  return !id.empty();
}

std::string_view CharityScheme(std::string_view number, std::string& id) {
  number = core::Trim(number);
  std::string_view scheme = "GB-CHC";
  if (number.size() >= 2 && (number[0] == 'S' || number[0] == 's') &&
      (number[1] == 'C' || number[1] == 'c')) {
    scheme = "GB-SC";
  } else if (number.size() >= 2 && (number[0] == 'N' || number[0] == 'n') &&
             (number[1] == 'I' || number[1] == 'i')) {
    scheme = "GB-NIC";
  }
  id = NormaliseSchemeId(scheme, number);
  return scheme;
}

std::string_view FirstSicCode(std::string_view cell) {
  cell = core::Trim(cell);
  if (cell.size() < 5 || !std::all_of(cell.begin(), cell.begin() + 5, IsDigit)) return {};
  if (cell.size() > 5 && IsDigit(cell[5])) return {};
  return cell.substr(0, 5);
}

std::string Slug(std::string_view name) {
  std::string out;
  bool dash = false;
  for (char c : name) {
    if (IsDigit(c) || IsAlpha(c)) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(IsAlpha(c) ? (c | 0x20) : c);
    } else if (c != '\'') {
      dash = true;
    }
  }
  return out;
}

std::string IsoDate(std::string_view text) {
  text = core::Trim(text);
  if (text.size() == 8 && AllDigits(text)) {
    const int y = std::stoi(std::string(text.substr(0, 4)));
    const int m = std::stoi(std::string(text.substr(4, 2)));
    const int d = std::stoi(std::string(text.substr(6, 2)));
    if (!core::IsValidCivil(y, m, d)) return {};
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  }
  if (text.empty() || AllDigits(text)) return {};  // not an Excel serial here
  auto date = core::ParseDate(text);
  return date ? core::ToIso(*date) : std::string();
}

}  // namespace anchornet::ingest::registers
