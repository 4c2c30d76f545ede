#include "ingest/layout.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <span>

#include "core/money.h"
#include "core/text.h"

namespace anchornet::ingest {

namespace {

using core::ErrorCode;

constexpr std::array<std::string_view, kRoleCount> kRoleNames = {
    "payment_date",      "payee",          "amount",
    "net_amount",        "gross_amount",   "vat",
    "irrecoverable_vat", "expense_type",   "service_area",
    "department",        "description",    "reference",
    "payee_id",          "company_number", "charity_number",
    "vat_number",        "postcode",       "merchant_category"};

struct Synonym {
  std::string_view header;  // normalised
  Role role;
  int priority;  // lower wins when two columns claim a role
};

// Exact header synonyms (normalised). Priority 1 is the best.
constexpr Synonym kSynonyms[] = {
    {"payment date", Role::kPaymentDate, 1},
    {"date paid", Role::kPaymentDate, 1},
    {"paid date", Role::kPaymentDate, 1},
    {"date of payment", Role::kPaymentDate, 1},
    {"pay date", Role::kPaymentDate, 1},
    {"invoice payment date", Role::kPaymentDate, 1},
    {"payment run date", Role::kPaymentDate, 1},
    {"date", Role::kPaymentDate, 2},
    {"transaction date", Role::kPaymentDate, 2},
    {"date of transaction", Role::kPaymentDate, 2},
    {"value date", Role::kPaymentDate, 2},
    {"cheque date", Role::kPaymentDate, 2},
    {"clearing date", Role::kPaymentDate, 2},
    {"invoice date", Role::kPaymentDate, 3},
    {"invoice creation date", Role::kPaymentDate, 3},
    {"posting date", Role::kPaymentDate, 3},
    {"document date", Role::kPaymentDate, 3},
    {"doc date", Role::kPaymentDate, 3},
    {"effective date", Role::kPaymentDate, 3},
    {"supplier", Role::kPayee, 1},
    {"supplier name", Role::kPayee, 1},
    {"vendor", Role::kPayee, 1},
    {"vendor name", Role::kPayee, 1},
    {"payee", Role::kPayee, 1},
    {"payee name", Role::kPayee, 1},
    {"beneficiary", Role::kPayee, 1},
    {"beneficiary name", Role::kPayee, 1},
    {"creditor", Role::kPayee, 1},
    {"creditor name", Role::kPayee, 1},
    {"supplier payee", Role::kPayee, 1},
    {"merchant", Role::kPayee, 2},
    {"merchant name", Role::kPayee, 2},
    {"name", Role::kPayee, 2},
    {"recipient", Role::kPayee, 2},
    {"recipient name", Role::kPayee, 2},
    {"paid to", Role::kPayee, 2},
    {"company name", Role::kPayee, 3},
    {"amount", Role::kAmount, 1},
    {"amount paid", Role::kAmount, 1},
    {"payment amount", Role::kAmount, 1},
    {"paid amount", Role::kAmount, 1},
    {"transaction amount", Role::kAmount, 1},
    {"invoice amount", Role::kAmount, 2},
    {"line amount", Role::kAmount, 2},
    {"amount gbp", Role::kAmount, 1},
    {"gbp", Role::kAmount, 2},
    {"value", Role::kAmount, 2},
    {"total", Role::kAmount, 3},
    {"spend", Role::kAmount, 3},
    {"expenditure", Role::kAmount, 3},
    {"net amount", Role::kNetAmount, 1},
    {"net", Role::kNetAmount, 1},
    {"nett", Role::kNetAmount, 1},
    {"nett amount", Role::kNetAmount, 1},
    {"invoice nett amount", Role::kNetAmount, 1},
    {"invoice net amount", Role::kNetAmount, 1},
    {"net value", Role::kNetAmount, 1},
    {"net total", Role::kNetAmount, 1},
    {"amount excluding vat", Role::kNetAmount, 1},
    {"amount excl vat", Role::kNetAmount, 1},
    {"amount ex vat", Role::kNetAmount, 1},
    {"gross", Role::kGrossAmount, 1},
    {"gross amount", Role::kGrossAmount, 1},
    {"gross value", Role::kGrossAmount, 1},
    {"amount including vat", Role::kGrossAmount, 1},
    {"amount incl vat", Role::kGrossAmount, 1},
    {"total including vat", Role::kGrossAmount, 1},
    {"vat", Role::kVat, 1},
    {"vat amount", Role::kVat, 1},
    {"vat value", Role::kVat, 1},
    {"tax", Role::kVat, 2},
    {"irrecoverable vat", Role::kIrrecoverableVat, 1},
    {"irrecoverable vat amount", Role::kIrrecoverableVat, 1},
    {"non recoverable vat", Role::kIrrecoverableVat, 1},
    {"expense type", Role::kExpenseType, 1},
    {"expenditure type", Role::kExpenseType, 1},
    {"expense category", Role::kExpenseType, 1},
    {"spend category", Role::kExpenseType, 1},
    {"account description", Role::kExpenseType, 1},
    {"account detail", Role::kExpenseType, 1},
    {"account name", Role::kExpenseType, 2},
    {"subjective", Role::kExpenseType, 1},
    {"subjective description", Role::kExpenseType, 1},
    {"subj description", Role::kExpenseType, 1},
    {"nominal description", Role::kExpenseType, 1},
    {"category", Role::kExpenseType, 2},
    {"cost type", Role::kExpenseType, 2},
    {"type of expenditure", Role::kExpenseType, 1},
    {"purpose", Role::kExpenseType, 2},
    {"purpose of expenditure", Role::kExpenseType, 2},
    {"procurement category", Role::kExpenseType, 2},
    {"service area", Role::kServiceArea, 1},
    {"expense area", Role::kServiceArea, 1},
    {"service", Role::kServiceArea, 2},
    {"service division", Role::kServiceArea, 1},
    {"service cost centre", Role::kServiceArea, 1},
    {"cost centre", Role::kServiceArea, 1},
    {"cost centre description", Role::kServiceArea, 1},
    {"directorate", Role::kServiceArea, 2},
    {"division", Role::kServiceArea, 2},
    {"business unit", Role::kServiceArea, 2},
    {"department", Role::kDepartment, 1},
    {"department", Role::kServiceArea, 3},
    {"department area", Role::kDepartment, 1},
    {"department family", Role::kDepartment, 2},
    {"body", Role::kDepartment, 1},
    {"body name", Role::kDepartment, 1},
    {"entity", Role::kDepartment, 2},
    {"organisation", Role::kDepartment, 2},
    {"portfolio", Role::kDepartment, 2},
    {"description", Role::kDescription, 1},
    {"narrative", Role::kDescription, 1},
    {"details", Role::kDescription, 2},
    {"item description", Role::kDescription, 1},
    {"line description", Role::kDescription, 1},
    {"invoice description", Role::kDescription, 1},
    {"item text", Role::kDescription, 2},
    {"summary of purpose", Role::kDescription, 2},
    {"transaction number", Role::kReference, 1},
    {"transaction no", Role::kReference, 1},
    {"transaction id", Role::kReference, 1},
    {"transaction ref", Role::kReference, 1},
    {"transaction reference", Role::kReference, 1},
    {"unique transaction id", Role::kReference, 1},
    {"invoice number", Role::kReference, 1},
    {"invoice no", Role::kReference, 1},
    {"invoice ref", Role::kReference, 1},
    {"invoice reference", Role::kReference, 1},
    {"payment reference", Role::kReference, 1},
    {"payment ref", Role::kReference, 1},
    {"payment number", Role::kReference, 1},
    {"reference", Role::kReference, 2},
    {"ref", Role::kReference, 2},
    {"ref no", Role::kReference, 2},
    {"doc no", Role::kReference, 2},
    {"document number", Role::kReference, 2},
    {"document no", Role::kReference, 2},
    {"voucher number", Role::kReference, 2},
    {"cheque number", Role::kReference, 2},
    {"trans no", Role::kReference, 2},
    {"vendor id", Role::kPayeeId, 1},
    {"vendorid", Role::kPayeeId, 1},
    {"supplier id", Role::kPayeeId, 1},
    {"supplier number", Role::kPayeeId, 1},
    {"supplier no", Role::kPayeeId, 1},
    {"supplier code", Role::kPayeeId, 1},
    {"supplier ref", Role::kPayeeId, 2},
    {"vendor number", Role::kPayeeId, 1},
    {"vendor code", Role::kPayeeId, 1},
    {"creditor number", Role::kPayeeId, 1},
    {"creditor id", Role::kPayeeId, 1},
    {"company number", Role::kCompanyNumber, 1},
    {"company registration number", Role::kCompanyNumber, 1},
    {"company reg no", Role::kCompanyNumber, 1},
    {"company no", Role::kCompanyNumber, 1},
    {"companies house number", Role::kCompanyNumber, 1},
    {"registered company number", Role::kCompanyNumber, 1},
    {"crn", Role::kCompanyNumber, 2},
    {"charity number", Role::kCharityNumber, 1},
    {"charity no", Role::kCharityNumber, 1},
    {"charity registration number", Role::kCharityNumber, 1},
    {"registered charity number", Role::kCharityNumber, 1},
    {"vat number", Role::kVatNumber, 1},
    {"vat no", Role::kVatNumber, 1},
    {"vat registration number", Role::kVatNumber, 1},
    {"vat reg no", Role::kVatNumber, 1},
    {"postcode", Role::kPostcode, 1},
    {"post code", Role::kPostcode, 1},
    {"supplier postcode", Role::kPostcode, 1},
    {"supplier post code", Role::kPostcode, 1},
    {"postal code", Role::kPostcode, 1},
    {"merchant category", Role::kMerchantCategory, 1},
    {"merchant category code", Role::kMerchantCategory, 1},
    {"merchant category description", Role::kMerchantCategory, 1},
    {"mcc", Role::kMerchantCategory, 2},
};

// True when the space-separated words of `normalised` include `token`.
bool HasToken(std::string_view normalised, std::string_view token) {
  std::size_t start = 0;
  while (start <= normalised.size()) {
    std::size_t end = normalised.find(' ', start);
    if (end == std::string_view::npos) end = normalised.size();
    if (normalised.substr(start, end - start) == token) return true;
    start = end + 1;
  }
  return false;
}

// A keyword guess for headers not in the synonym list. Priority 4 (weaker than any synonym).
std::optional<Role> KeywordRole(std::string_view h) {
  const bool id_like = HasToken(h, "id") || HasToken(h, "number") || HasToken(h, "no") ||
                       HasToken(h, "code") || HasToken(h, "ref");
  if (HasToken(h, "postcode")) return Role::kPostcode;
  if (HasToken(h, "irrecoverable")) return Role::kIrrecoverableVat;
  if (HasToken(h, "vat") && !id_like) return Role::kVat;
  if (HasToken(h, "date")) return Role::kPaymentDate;
  if (HasToken(h, "supplier") || HasToken(h, "vendor") || HasToken(h, "payee") ||
      HasToken(h, "beneficiary") || HasToken(h, "creditor")) {
    if (HasToken(h, "category") || HasToken(h, "type")) return std::nullopt;
    return id_like ? Role::kPayeeId : Role::kPayee;
  }
  if (HasToken(h, "gross")) return Role::kGrossAmount;
  if (HasToken(h, "net") || HasToken(h, "nett")) return Role::kNetAmount;
  if (HasToken(h, "amount") || HasToken(h, "value") || HasToken(h, "sum")) return Role::kAmount;
  if (HasToken(h, "invoice") || HasToken(h, "transaction") || HasToken(h, "reference") ||
      HasToken(h, "ref")) {
    return Role::kReference;
  }
  if (HasToken(h, "description") || HasToken(h, "narrative")) return Role::kDescription;
  if (HasToken(h, "expense") || HasToken(h, "expenditure") || HasToken(h, "account") ||
      HasToken(h, "subjective")) {
    return Role::kExpenseType;
  }
  if (HasToken(h, "service") || HasToken(h, "directorate") || HasToken(h, "centre")) {
    return Role::kServiceArea;
  }
  if (HasToken(h, "department") || HasToken(h, "dept")) return Role::kDepartment;
  return std::nullopt;
}

struct Candidate {
  Role role;
  int priority;
};

// Every role a header could play, best first.
std::vector<Candidate> HeaderRoles(std::string_view cell) {
  std::vector<Candidate> out;
  const std::string h = NormaliseHeader(cell);
  if (h.empty()) return out;
  for (const Synonym& s : kSynonyms) {
    if (s.header == h) out.push_back({s.role, s.priority});
  }
  if (out.empty()) {
    if (auto r = KeywordRole(h)) out.push_back({*r, 4});
  }
  return out;
}

std::optional<Candidate> HeaderRole(std::string_view cell) {
  std::vector<Candidate> all = HeaderRoles(cell);
  if (all.empty()) return std::nullopt;
  return all.front();
}

bool IsBlankRow(const SampleRow& row) {
  return std::all_of(row.cells.begin(), row.cells.end(),
                     [](const std::string& c) { return core::Trim(c).empty(); });
}

bool IsAmountRole(Role r) {
  return r == Role::kAmount || r == Role::kNetAmount || r == Role::kGrossAmount;
}

// How well a row looks like a header: the number of cells with a recognised role, if it has at
// least a payee-like or amount-like cell, and no cell that reads as money or a date.
int HeaderScore(const SampleRow& row) {
  // A row with a money or date cell is data, not a header: the cheap test first.
  for (const std::string& cell : row.cells) {
    const std::string_view t = core::Trim(cell);
    if (t.size() > 2 &&
        (core::ParseMoney(t).status == core::MoneyParse::kOk || core::ParseDate(t))) {
      return 0;
    }
  }
  int score = 0;
  bool key = false;
  for (const std::string& cell : row.cells) {
    const std::string_view t = core::Trim(cell);
    if (t.empty()) continue;
    if (auto c = HeaderRole(t)) {
      ++score;
      if (c->role == Role::kPayee || IsAmountRole(c->role) || c->role == Role::kPaymentDate) {
        key = true;
      }
    }
  }
  return key ? score : 0;
}

struct ColumnStats {
  int non_empty = 0;
  int dates = 0;       // parse as a date (day first)
  int text_dates = 0;  // dates written with digits and separators or month names
  int money = 0;
  int with_decimals = 0;
  int alpha = 0;  // mostly letters
  int day_first_evidence = 0;
  int month_first_evidence = 0;
};

// The data rows of the sample.
using Rows = std::span<const SampleRow>;

ColumnStats StatsFor(Rows rows, std::size_t col) {
  ColumnStats s;
  for (const SampleRow& row : rows) {
    if (col >= row.cells.size()) continue;
    const std::string_view v = core::Trim(row.cells[col]);
    if (v.empty()) continue;
    ++s.non_empty;
    const bool numeric_only =
        std::all_of(v.begin(), v.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    if (auto d = core::ParseDate(v)) {
      ++s.dates;
      if (!numeric_only) ++s.text_dates;
    } else if (core::ParseDate(v, core::DayOrder::kMonthDayYear)) {
      ++s.dates;
      ++s.text_dates;
    }
    // Numeric day/month evidence: "25/06/2012" has first part > 12.
    std::size_t i1 = v.find_first_of("/.-");
    if (i1 != std::string_view::npos && i1 <= 2 && !numeric_only) {
      int a = 0, b = 0;
      std::size_t k = 0;
      for (; k < i1; ++k) a = a * 10 + (v[k] - '0');
      for (k = i1 + 1; k < v.size() && k < i1 + 3 && v[k] >= '0' && v[k] <= '9'; ++k) {
        b = b * 10 + (v[k] - '0');
      }
      if (a > 12 && b <= 12) ++s.day_first_evidence;
      if (b > 12 && a <= 12) ++s.month_first_evidence;
    }
    const auto m = core::ParseMoney(v);
    if (m.status == core::MoneyParse::kOk) {
      ++s.money;
      if (v.find('.') != std::string_view::npos) ++s.with_decimals;
    }
    int letters = 0;
    for (char c : v) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++letters;
    }
    if (letters * 2 >= static_cast<int>(v.size())) ++s.alpha;
  }
  return s;
}

std::size_t Width(Rows rows) {
  std::size_t w = 0;
  for (const SampleRow& row : rows) w = std::max(w, row.cells.size());
  return w;
}

void Assign(Layout& layout, Role role, std::size_t col, std::string_view how) {
  layout.column[static_cast<std::size_t>(role)] = static_cast<std::int32_t>(col);
  layout.how[static_cast<std::size_t>(role)] = how;
}

bool ColumnUsed(const Layout& layout, std::size_t col) {
  return std::find(layout.column.begin(), layout.column.end(), static_cast<std::int32_t>(col)) !=
         layout.column.end();
}

// Every unused, mostly alphabetic column scored as the payee, best first (the lower column on a
// tie).
std::vector<PayeeCandidate> ScorePayeeCandidates(Rows rows, const std::vector<ColumnStats>& stats,
                                                 const Layout& layout) {
  std::vector<PayeeCandidate> out;
  std::vector<std::string_view> values;
  for (std::size_t c = 0; c < stats.size(); ++c) {
    const ColumnStats& s = stats[c];
    if (ColumnUsed(layout, c) || s.non_empty == 0 || s.alpha * 10 < s.non_empty * 7) continue;
    values.clear();
    std::map<std::string_view, int> seen;
    for (const SampleRow& row : rows) {
      if (c >= row.cells.size()) continue;
      const std::string_view v = core::Trim(row.cells[c]);
      if (v.empty()) continue;
      values.push_back(v);
      ++seen[v];
    }
    PayeeCandidate candidate;
    candidate.column = static_cast<std::int32_t>(c);
    candidate.score = ScorePayeeColumn(values);
    int most = 0;
    for (std::string_view v : values) {  // file order breaks ties
      if (seen[v] > most) {
        most = seen[v];
        candidate.example.assign(v);
      }
    }
    out.push_back(std::move(candidate));
  }
  std::stable_sort(out.begin(), out.end(), [](const PayeeCandidate& a, const PayeeCandidate& b) {
    return a.score.score > b.score.score;
  });
  return out;
}

// Content-based guesses for date, amount and payee where the header gave none.
void InferFromContent(Rows rows, Layout& layout) {
  if (layout.Has(Role::kPaymentDate) && layout.AmountColumn() >= 0 && layout.Has(Role::kPayee)) {
    return;  // nothing to infer
  }
  const std::size_t width = Width(rows);
  std::vector<ColumnStats> stats;
  for (std::size_t c = 0; c < width; ++c) stats.push_back(StatsFor(rows, c));
  auto pick = [&](auto score) -> std::optional<std::size_t> {
    std::optional<std::size_t> best;
    double best_score = 0;
    for (std::size_t c = 0; c < width; ++c) {
      if (ColumnUsed(layout, c) || stats[c].non_empty == 0) continue;
      const double sc = score(stats[c]);
      if (sc > best_score) {
        best_score = sc;
        best = c;
      }
    }
    return best;
  };
  if (!layout.Has(Role::kPaymentDate)) {
    // Dates written as dates beat bare Excel serial numbers.
    if (auto c = pick([](const ColumnStats& s) {
          if (s.dates * 10 < s.non_empty * 8) return 0.0;
          return 1.0 + (s.text_dates * 10 >= s.non_empty * 8 ? 1.0 : 0.0);
        })) {
      Assign(layout, Role::kPaymentDate, *c, "content");
    }
  }
  if (layout.AmountColumn() < 0) {
    if (auto c = pick([](const ColumnStats& s) {
          if (s.money * 10 < s.non_empty * 8 || s.dates * 10 >= s.non_empty * 8) return 0.0;
          return 1.0 + static_cast<double>(s.with_decimals) / s.non_empty;
        })) {
      Assign(layout, Role::kAmount, *c, "content");
    }
  }
  if (!layout.Has(Role::kPayee)) {
    std::vector<PayeeCandidate> candidates = ScorePayeeCandidates(rows, stats, layout);
    if (!candidates.empty()) {
      Assign(layout, Role::kPayee, candidates.front().column, "content");
      const double best = candidates.front().score.score;
      layout.payee_uncertain =
          best < kPayeeScoreFloor ||
          (candidates.size() > 1 && best - candidates[1].score.score < kPayeeLeadFloor);
      layout.payee_candidates = std::move(candidates);
    }
  }
}

}  // namespace

std::string_view RoleName(Role role) { return kRoleNames[static_cast<std::size_t>(role)]; }

std::optional<Role> ParseRole(std::string_view name) {
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  }
  return std::nullopt;
}

std::int32_t Layout::AmountColumn() const {
  if (Has(Role::kNetAmount)) return Col(Role::kNetAmount);
  if (Has(Role::kAmount)) return Col(Role::kAmount);
  if (Has(Role::kGrossAmount)) return Col(Role::kGrossAmount);
  return -1;
}

std::string NormaliseHeader(std::string_view cell) {
  std::string out;
  bool space = false;
  char prev = 0;
  for (char c : cell) {
    const bool upper = c >= 'A' && c <= 'Z';
    const bool alnum = (c >= 'a' && c <= 'z') || upper || (c >= '0' && c <= '9');
    if (!alnum) {
      space = true;
      prev = c;
      continue;
    }
    // camelCase words: "AccountDescription" -> "account description", "VendorID" -> "vendor id".
    if (upper && prev >= 'a' && prev <= 'z') space = true;
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(upper ? c + 32 : c);
    prev = c;
  }
  return out;
}

core::Result<Mapping> ReadMappingFile(const std::string& path) {
  toml::parse_result parsed = toml::parse_file(path);
  if (!parsed) {
    const auto& err = parsed.error();
    const bool missing = err.description().find("File could not be opened") != std::string::npos;
    return core::Fail(missing ? ErrorCode::kFileNotFound : ErrorCode::kConfigInvalid,
                      std::string(err.description()),
                      {path, static_cast<std::int64_t>(err.source().begin.line),
                       static_cast<std::int32_t>(err.source().begin.column)});
  }
  const toml::table& t = parsed.table();
  Mapping m;
  std::vector<std::string> problems;
  auto where = [&](const toml::node& n) {
    return fmt::format("{}:{}:{}", path, n.source().begin.line, n.source().begin.column);
  };
  for (const auto& [key, node] : t) {
    if (key == "header_line") {
      if (auto v = node.value<std::int64_t>(); v && *v >= 0) {
        m.header_line = *v;
      } else {
        problems.push_back(where(node) + ": header_line must be a line number (0: no header)");
      }
    } else if (key == "date_order") {
      auto v = node.value<std::string>();
      if (v && *v == "dmy") {
        m.day_order = core::DayOrder::kDayMonthYear;
      } else if (v && *v == "mdy") {
        m.day_order = core::DayOrder::kMonthDayYear;
      } else {
        problems.push_back(where(node) + ": date_order must be \"dmy\" or \"mdy\"");
      }
    } else if (key == "delimiter") {
      auto v = node.value<std::string>();
      if (v && (*v == "," || *v == ";" || *v == "|" || *v == "\t" || *v == "tab")) {
        m.delimiter = *v == "tab" ? '\t' : (*v)[0];
      } else {
        problems.push_back(where(node) + ": delimiter must be one of , ; | tab");
      }
    } else if (key == "columns") {
      const toml::table* cols = node.as_table();
      if (!cols) {
        problems.push_back(where(node) + ": [columns] must be a table");
        continue;
      }
      for (const auto& [role_name, value] : *cols) {
        auto role = ParseRole(role_name.str());
        if (!role) {
          std::string names;
          for (std::string_view n : kRoleNames) names += fmt::format("{} ", n);
          problems.push_back(fmt::format("{}: unknown column role '{}'; roles are: {}",
                                         where(value), role_name.str(), names));
          continue;
        }
        const auto idx = static_cast<std::size_t>(*role);
        if (auto s = value.value<std::string>()) {
          m.by_header[idx] = *s;
        } else if (auto n = value.value<std::int64_t>(); n && *n >= 1) {
          m.by_column[idx] = static_cast<std::int32_t>(*n);
        } else {
          problems.push_back(where(value) + ": give a header text or a 1-based column number");
        }
      }
    } else {
      problems.push_back(fmt::format(
          "{}: unknown key '{}' (expected header_line, date_order, delimiter, [columns])",
          where(node), key.str()));
    }
  }
  if (!problems.empty()) {
    return core::Fail(ErrorCode::kConfigInvalid, core::Join(problems, "\n"), {path});
  }
  return m;
}

std::optional<std::size_t> FindHeaderRow(const std::vector<SampleRow>& sample) {
  constexpr std::size_t kHeaderSearchRows = 60;
  std::optional<std::size_t> found;
  int best = 1;  // a header has at least two recognised cells
  for (std::size_t i = 0; i < sample.size() && i < kHeaderSearchRows; ++i) {
    const int score = HeaderScore(sample[i]);
    if (score > best) {
      best = score;
      found = i;
    }
  }
  return found;
}

core::Result<Layout> DetectLayout(const std::vector<SampleRow>& sample, const Mapping* mapping,
                                  const SampleEnd* end) {
  Layout layout;
  layout.column.fill(-1);
  const bool whole_file = end == nullptr || end->whole_file;
  const SampleRow* last_beyond =
      !whole_file && end->last_row ? &*end->last_row : nullptr;  // outside the sample
  std::optional<std::size_t> last_index;  // the file's last non-blank row, when in the sample
  if (whole_file) {
    for (std::size_t i = sample.size(); i > 0 && !last_index; --i) {
      if (!IsBlankRow(sample[i - 1])) last_index = i - 1;
    }
  }

  // 1. The header row: given by the mapping, else among the first rows, else the file's last.
  std::optional<std::size_t> header_index;
  const SampleRow* header_row = nullptr;
  if (mapping != nullptr && mapping->header_line) {
    if (*mapping->header_line > 0) {
      for (std::size_t i = 0; i < sample.size(); ++i) {
        if (sample[i].line == *mapping->header_line) header_index = i;
      }
      if (!header_index && last_beyond != nullptr && last_beyond->line == *mapping->header_line) {
        header_row = last_beyond;
      }
      if (!header_index && header_row == nullptr) {
        return core::Fail(ErrorCode::kConfigInvalid,
                          fmt::format("the mapping says the header is on line {}, but neither "
                                      "the first {} rows nor the last row is that line",
                                      *mapping->header_line, sample.size()));
      }
    }
  } else {
    header_index = FindHeaderRow(sample);
    // A file exported sorted by a column has its header among the data: at the end.
    if (!header_index || header_index == last_index) {
      header_index.reset();
      if (last_index && HeaderScore(sample[*last_index]) >= 2) {
        header_index = last_index;
      } else if (last_beyond != nullptr && HeaderScore(*last_beyond) >= 2) {
        header_row = last_beyond;
      }
    }
  }
  if (header_index) header_row = &sample[*header_index];
  std::size_t first = 0;  // the first non-blank row
  while (first < sample.size() && IsBlankRow(sample[first])) ++first;
  layout.data_end = sample.size();
  if (header_row != nullptr) {
    layout.header_line = header_row->line;
    for (const std::string& cell : header_row->cells) layout.header.emplace_back(core::Trim(cell));
    layout.header_at_end = !header_index || header_index == last_index;
    if (layout.header_at_end) {
      layout.data_start = std::min(first, header_index.value_or(sample.size()));
      if (header_index) layout.data_end = *header_index;
      layout.notes.push_back(
          fmt::format("the header row is the file's last row (line {}): the rows above it are "
                      "the data",
                      layout.header_line));
    } else {
      layout.data_start = *header_index + 1;
    }
  } else {
    layout.data_start = first;
    layout.inferred = true;
  }
  const Rows rows = Rows(sample).subspan(layout.data_start, layout.data_end - layout.data_start);

  // 2. Roles from the mapping, then from header synonyms.
  if (mapping != nullptr) {
    for (std::size_t r = 0; r < kRoleCount; ++r) {
      if (mapping->by_column[r] > 0) {
        Assign(layout, static_cast<Role>(r), mapping->by_column[r] - 1, "mapping");
      } else if (!mapping->by_header[r].empty()) {
        const std::string want = NormaliseHeader(mapping->by_header[r]);
        auto it = std::find_if(layout.header.begin(), layout.header.end(),
                               [&](const std::string& h) { return NormaliseHeader(h) == want; });
        if (it == layout.header.end()) {
          return core::Fail(
              ErrorCode::kConfigInvalid,
              fmt::format("the mapping names column '{}' for {}, but the header "
                          "has: {}",
                          mapping->by_header[r], kRoleNames[r], core::Join(layout.header, " | ")));
        }
        Assign(layout, static_cast<Role>(r), it - layout.header.begin(), "mapping");
      }
    }
  }
  if (!layout.header.empty()) {
    struct Claim {
      int priority;
      Role role;
      std::size_t col;
    };
    std::vector<Claim> claims;
    for (std::size_t c = 0; c < layout.header.size(); ++c) {
      for (const Candidate& cand : HeaderRoles(layout.header[c])) {
        claims.push_back({cand.priority, cand.role, c});
      }
    }
    std::stable_sort(claims.begin(), claims.end(),
                     [](const Claim& a, const Claim& b) { return a.priority < b.priority; });
    for (const Claim& claim : claims) {
      if (layout.Has(claim.role) || ColumnUsed(layout, claim.col)) continue;
      Assign(layout, claim.role, claim.col, "header");
    }
  }

  // 3. Check the header's choices against the cells, and fill gaps from content.
  if (layout.Has(Role::kPaymentDate) &&
      layout.how[static_cast<std::size_t>(Role::kPaymentDate)] == "header") {
    ColumnStats s = StatsFor(rows, layout.Col(Role::kPaymentDate));
    if (s.non_empty > 0 && s.dates * 2 < s.non_empty) {
      layout.notes.push_back(fmt::format(
          "column '{}' is headed like a date but most of its cells are not dates; ignored",
          layout.header[layout.Col(Role::kPaymentDate)]));
      layout.column[static_cast<std::size_t>(Role::kPaymentDate)] = -1;
    }
  }
  for (Role r : {Role::kNetAmount, Role::kAmount, Role::kGrossAmount}) {
    if (!layout.Has(r) || layout.how[static_cast<std::size_t>(r)] != "header") continue;
    ColumnStats s = StatsFor(rows, layout.Col(r));
    if (s.non_empty > 0 && s.money * 2 < s.non_empty) {
      layout.notes.push_back(fmt::format(
          "column '{}' is headed like an amount but most of its cells are not money; ignored",
          layout.header[layout.Col(r)]));
      layout.column[static_cast<std::size_t>(r)] = -1;
    }
  }
  InferFromContent(rows, layout);

  // 4. Is this payment lines at all?
  const std::string header_text = NormaliseHeader(core::Join(layout.header, " "));
  const bool aggregate_words = header_text.find("sum of") != std::string::npos ||
                               header_text.find("count of") != std::string::npos ||
                               header_text.find("total of") != std::string::npos;
  if (!layout.Has(Role::kPaymentDate)) {
    if (aggregate_words || (layout.Has(Role::kPayee) && layout.AmountColumn() >= 0)) {
      return core::Fail(
          ErrorCode::kNotPaymentLines,
          fmt::format("this file is not a list of payments: it has no payment date column{}{}. "
                      "It looks like {} — import the file of individual payments instead, or "
                      "name the date column with --mapping",
                      layout.header.empty() ? "" : " (columns: ",
                      layout.header.empty() ? "" : core::Join(layout.header, ", ") + ")",
                      aggregate_words ? "a summary of totals per supplier" : "a summary"));
    }
    return core::Fail(ErrorCode::kNoHeaderMatch,
                      "no payment date column could be found, by header or by content; name it "
                      "with --mapping (see `anchornet import spend --help`)");
  }
  if (!layout.Has(Role::kPayee) || layout.AmountColumn() < 0) {
    return core::Fail(
        ErrorCode::kNoHeaderMatch,
        fmt::format("could not find the {} column{}; name it with --mapping",
                    !layout.Has(Role::kPayee) ? "supplier/payee" : "amount",
                    layout.header.empty() ? "" : " among: " + core::Join(layout.header, ", ")));
  }

  // 5. Day order of all-numeric dates.
  if (mapping != nullptr && mapping->day_order) {
    layout.day_order = *mapping->day_order;
    layout.day_order_decided = true;
  } else {
    ColumnStats s = StatsFor(rows, layout.Col(Role::kPaymentDate));
    layout.day_order_decided = s.month_first_evidence > 0 || s.day_first_evidence > 0;
    if (s.month_first_evidence > 0 && s.day_first_evidence == 0) {
      layout.day_order = core::DayOrder::kMonthDayYear;
      layout.notes.push_back("dates read month-first (mm/dd/yyyy): a day above 12 appears second");
    }
  }
  if (layout.inferred) {
    layout.notes.push_back("the file has no header row: columns were inferred from their contents");
  }
  if (layout.Has(Role::kGrossAmount) && !layout.Has(Role::kNetAmount) &&
      !layout.Has(Role::kAmount)) {
    layout.notes.push_back(layout.Has(Role::kVat) ? "amounts are gross less the VAT column"
                                                  : "only gross amounts (including VAT) are given");
  }
  return layout;
}

}  // namespace anchornet::ingest
