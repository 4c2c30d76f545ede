// Reading a returns file (docs/returns.md): its rows from CSV or from every sheet of a workbook,
// then its shape, recognised by header rows: the template (preamble, then the measure, levy
// transfer and carbon project tables, each under its header) or a plain CSV of figures (member,
// period, measure, value). Rows are grouped into drafts, one per member and period; cells stay
// text until validation (returns_validate.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "core/date.h"
#include "core/text.h"
#include "ingest/csv_reader.h"
#include "ingest/internal/registers_internal.h"
#include "ingest/internal/returns_internal.h"
#include "ingest/xlsx_reader.h"

namespace anchornet::ingest::returns {

namespace {

using core::ErrorCode;
using registers::HeaderKey;

// Appends the rows of `source` (trimmed, trailing blanks dropped, blank rows skipped).
core::Status TakeRows(RowSource& source, const std::string& sheet, std::vector<SourceRow>& out) {
  Row row;
  while (true) {
    auto more = source.Next(row);
    if (!more) return tl::unexpected(more.error());
    if (!*more) return {};
    SourceRow r;
    r.line = row.line;
    r.sheet = sheet;
    r.problem = row.problem;
    r.problem_column = row.problem_column;
    r.cells.reserve(row.cells.size());
    for (std::string_view c : row.cells) {
      std::string_view t = core::Trim(c);
      if (core::StartsWith(t, "\xEF\xBB\xBF")) t = core::Trim(t.substr(3));
      r.cells.emplace_back(t);
    }
    while (!r.cells.empty() && r.cells.back().empty()) r.cells.pop_back();
    if (r.cells.empty() && r.problem == ErrorCode::kOk) continue;
    r.seq = static_cast<std::int64_t>(out.size()) + 1;
    out.push_back(std::move(r));
  }
}

std::string Cell(const SourceRow& row, std::int32_t col) {
  if (col < 0 || static_cast<std::size_t>(col) >= row.cells.size()) return {};
  return row.cells[col];
}

Field FieldAt(const SourceRow& row, std::int32_t col) {
  if (col < 0) return {};
  return Field{Cell(row, col), col + 1};
}

RowRef RefOf(const SourceRow& row) {
  Row view;
  view.line = row.line;
  for (const std::string& c : row.cells) view.cells.emplace_back(c);
  return RowRef{row.seq, row.line, row.sheet, registers::RawText(view)};
}

std::vector<std::string> Keys(const SourceRow& row) {
  std::vector<std::string> keys;
  keys.reserve(row.cells.size());
  for (const std::string& c : row.cells) keys.push_back(HeaderKey(c));
  return keys;
}

// 0-based index of the first key satisfying `want`, or -1.
std::int32_t FindKey(const std::vector<std::string>& keys,
                     const std::function<bool(const std::string&)>& want, std::int32_t from = 0) {
  for (std::size_t i = static_cast<std::size_t>(std::max(from, 0)); i < keys.size(); ++i) {
    if (want(keys[i])) return static_cast<std::int32_t>(i);
  }
  return -1;
}

bool Is(const std::string& key, std::initializer_list<std::string_view> names) {
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return key == n; });
}

bool Starts(const std::string& key, std::string_view prefix) {
  return core::StartsWith(key, prefix);
}

bool IsValueKey(const std::string& k) {
  return Is(k, {"value", "figure", "yourfigure", "amount"}) || Starts(k, "figure");
}

bool IsMeasureKey(const std::string& k) {
  return Is(k, {"measure", "measureid", "measurecode", "id", "code", "metric", "metricid"});
}

// "Example: ..." and "# ..." rows are the template's illustrations and comments.
bool IsExampleRow(const SourceRow& row) {
  if (row.cells.empty()) return false;
  const std::string first = core::ToLowerAscii(row.cells[0]);
  return core::StartsWith(first, "#") || core::StartsWith(first, "example");
}

bool IsBlankFrom(const SourceRow& row, std::size_t from) {
  for (std::size_t i = from; i < row.cells.size(); ++i) {
    if (!row.cells[i].empty()) return false;
  }
  return true;
}

// ---- Header rows ---------------------------------------------------------------------------

struct PlainColumns {
  std::int32_t member = -1, measure = -1, value = -1, period = -1, year = -1, quarter = -1,
               unit = -1, note = -1;
};

std::optional<PlainColumns> PlainHeader(const std::vector<std::string>& keys) {
  PlainColumns c;
  c.member = FindKey(keys, [](const std::string& k) {
    return Is(k, {"member", "memberid", "membercode", "organisation", "organisationid"});
  });
  c.measure = FindKey(keys, IsMeasureKey);
  c.value = FindKey(keys, IsValueKey);
  if (c.member < 0 || c.measure < 0 || c.value < 0) return std::nullopt;
  c.period = FindKey(keys, [](const std::string& k) { return Is(k, {"period", "returnperiod"}); });
  c.year = FindKey(keys, [](const std::string& k) {
    return Is(k, {"financialyear", "fy", "year", "financialyearlabel"});
  });
  c.quarter = FindKey(keys, [](const std::string& k) { return Is(k, {"quarter", "q"}); });
  c.unit = FindKey(keys, [](const std::string& k) { return Is(k, {"unit", "units", "uom"}); });
  c.note = FindKey(keys, [](const std::string& k) {
    return Is(k, {"note", "notes", "method", "comment", "comments"}) || Starts(k, "noteor");
  });
  return c;
}

struct MeasureColumns {
  std::int32_t id = 0, unit = -1, value = -1, note = -1;
};

std::optional<MeasureColumns> MeasureTableHeader(const std::vector<std::string>& keys) {
  if (keys.empty() || !IsMeasureKey(keys[0])) return std::nullopt;
  MeasureColumns c;
  c.value = FindKey(keys, IsValueKey, 1);
  if (c.value < 0) return std::nullopt;
  c.unit = FindKey(
      keys,
      [](const std::string& k) {
        return Is(k, {"unit", "units"});
      },
      1);
  c.note = FindKey(
      keys,
      [](const std::string& k) {
        return Starts(k, "note") || Is(k, {"method", "comment", "comments", "methodnote"});
      },
      1);
  return c;
}

struct TransferColumns {
  std::int32_t recipient = 0, sme = -1, committed = -1, paid = -1, apprenticeships = -1, note = -1;
};

std::optional<TransferColumns> TransferTableHeader(const std::vector<std::string>& keys) {
  if (keys.empty() || !(Starts(keys[0], "recipient") || Is(keys[0], {"employer"}))) {
    return std::nullopt;
  }
  TransferColumns c;
  c.sme = FindKey(
      keys, [](const std::string& k) { return k.find("sme") != std::string::npos; }, 1);
  c.committed = FindKey(
      keys, [](const std::string& k) { return Starts(k, "committed"); }, 1);
  c.paid = FindKey(
      keys, [](const std::string& k) { return Starts(k, "paid"); }, 1);
  c.apprenticeships = FindKey(
      keys, [](const std::string& k) { return Starts(k, "apprentice"); }, 1);
  c.note = FindKey(
      keys, [](const std::string& k) { return Starts(k, "note"); }, 1);
  if (c.committed < 0 && c.paid < 0) return std::nullopt;
  return c;
}

struct ProjectColumns {
  std::int32_t id = 0, name = -1, kind = -1, activity = -1, unit = -1, year = -1, baseline = -1,
               after = -1, note = -1;
};

std::optional<ProjectColumns> ProjectTableHeader(const std::vector<std::string>& keys) {
  if (keys.empty() ||
      !Is(keys[0], {"projectid", "project", "projectreference", "projectref", "reference"})) {
    return std::nullopt;
  }
  ProjectColumns c;
  c.baseline = FindKey(
      keys, [](const std::string& k) { return Starts(k, "baseline"); }, 1);
  c.after = FindKey(
      keys,
      [](const std::string& k) {
        return !Starts(k, "baseline") && k.find("after") != std::string::npos;
      },
      1);
  c.year = FindKey(
      keys,
      [](const std::string& k) {
        return Is(k, {"activityyear", "year", "factoryear"});
      },
      1);
  c.activity = FindKey(
      keys,
      [](const std::string& k) {
        return Starts(k, "activity") && k != "activityyear" &&
               k.find("after") == std::string::npos && k.find("peryear") == std::string::npos;
      },
      1);
  c.name = FindKey(
      keys,
      [](const std::string& k) {
        return Is(k, {"project", "projectname", "name", "description"});
      },
      1);
  c.kind = FindKey(
      keys, [](const std::string& k) { return Starts(k, "kind") || k == "type"; }, 1);
  c.unit = FindKey(
      keys, [](const std::string& k) { return Starts(k, "unit") || k == "uom"; }, 1);
  c.note = FindKey(
      keys, [](const std::string& k) { return Starts(k, "note"); }, 1);
  if (c.activity < 0 || c.baseline < 0 || c.after < 0) return std::nullopt;
  return c;
}

// ---- Members and periods -------------------------------------------------------------------

// A member by id, then by id ignoring case, then by name ignoring case.
const core::Member* ResolveMember(const core::Network& network, std::string_view text) {
  text = core::Trim(text);
  if (text.empty()) return nullptr;
  if (const core::Member* m = network.FindMember(text)) return m;
  const std::string want = core::FoldForKey(text);
  for (const core::Member& m : network.members) {
    if (core::FoldForKey(m.id) == want || core::FoldForKey(m.name) == want) return &m;
  }
  return nullptr;
}

// "", "Year", "Annual", "0" -> 0; "Q2", "Quarter 2", "2" -> 2; anything else: nullopt.
std::optional<int> ParseQuarterCell(std::string_view text) {
  const std::string k = HeaderKey(text);
  if (k.empty() || k == "year" || k == "annual" || k == "wholeyear" || k == "fullyear" ||
      k == "0" || k == "fy") {
    return 0;
  }
  std::string_view digits = k;
  if (core::StartsWith(digits, "quarter")) {
    digits.remove_prefix(7);
  } else if (core::StartsWith(digits, "q")) {
    digits.remove_prefix(1);
  }
  if (digits.size() == 1 && digits[0] >= '1' && digits[0] <= '4') return digits[0] - '0';
  return std::nullopt;
}

SequencedIssue FileIssue(const SourceRow& row, std::int32_t column, ErrorCode code,
                         const std::string& message) {
  const RowRef at = RefOf(row);
  SequencedIssue i;
  i.seq = at.seq;
  i.issue.reject = core::Reject{at.line, column, code, Where(at) + message, at.raw};
  return i;
}

core::Location At(const std::string& path, const SourceRow& row, std::int32_t column) {
  return core::Location{path, row.line, column, ""};
}

// ---- The template --------------------------------------------------------------------------

core::Result<ParsedFile> ParseTemplate(const std::vector<SourceRow>& rows,
                                       const core::Network& network, const std::string& path) {
  enum class Section { kNone, kMeasures, kTransfers, kProjects };
  Section section = Section::kNone;
  bool seen_table = false;
  std::string sheet;
  MeasureColumns mc;
  TransferColumns tc;
  ProjectColumns pc;
  const SourceRow* member_row = nullptr;
  const SourceRow* year_row = nullptr;
  const SourceRow* period_row = nullptr;
  ParsedFile out;
  out.shape = "template";
  Draft draft;

  for (const SourceRow& row : rows) {
    if (row.sheet != sheet) {
      sheet = row.sheet;
      section = Section::kNone;
    }
    if (row.problem != ErrorCode::kOk) {
      out.file_issues.push_back(
          FileIssue(row, row.problem_column, row.problem,
                    fmt::format("the row could not be read ({}): it was not taken",
                                core::ErrorCodeName(row.problem))));
      continue;
    }
    const std::vector<std::string> keys = Keys(row);
    if (auto c = MeasureTableHeader(keys)) {
      mc = *c;
      section = Section::kMeasures;
      seen_table = true;
      continue;
    }
    if (auto c = TransferTableHeader(keys)) {
      tc = *c;
      section = Section::kTransfers;
      seen_table = true;
      continue;
    }
    if (auto c = ProjectTableHeader(keys)) {
      pc = *c;
      section = Section::kProjects;
      seen_table = true;
      continue;
    }
    if (section == Section::kNone) {
      if (seen_table || keys.empty()) continue;
      if (Is(keys[0], {"member", "memberid", "organisation"})) {
        if (member_row == nullptr) member_row = &row;
      } else if (Is(keys[0], {"financialyear", "fy", "year"})) {
        if (year_row == nullptr) year_row = &row;
      } else if (Is(keys[0], {"period", "returnperiod", "quarter"})) {
        if (period_row == nullptr) period_row = &row;
      }
      continue;  // the title, or notes above the tables
    }
    if (IsExampleRow(row)) continue;
    switch (section) {
      case Section::kMeasures: {
        FigureRow f;
        f.at = RefOf(row);
        f.measure = FieldAt(row, mc.id);
        f.unit = FieldAt(row, mc.unit);
        f.value = FieldAt(row, mc.value);
        f.note = FieldAt(row, mc.note);
        if (f.value.text.empty()) continue;  // not reported
        draft.figures.push_back(std::move(f));
        break;
      }
      case Section::kTransfers: {
        if (IsBlankFrom(row, 0)) continue;
        TransferRow t;
        t.at = RefOf(row);
        t.recipient = FieldAt(row, tc.recipient);
        t.sme = FieldAt(row, tc.sme);
        t.committed = FieldAt(row, tc.committed);
        t.paid = FieldAt(row, tc.paid);
        t.apprenticeships = FieldAt(row, tc.apprenticeships);
        t.note = FieldAt(row, tc.note);
        draft.transfers.push_back(std::move(t));
        break;
      }
      case Section::kProjects: {
        ProjectRow p;
        p.at = RefOf(row);
        p.id = FieldAt(row, pc.id);
        p.name = FieldAt(row, pc.name);
        p.kind = FieldAt(row, pc.kind);
        p.activity = FieldAt(row, pc.activity);
        p.unit = FieldAt(row, pc.unit);
        p.year = FieldAt(row, pc.year);
        p.baseline = FieldAt(row, pc.baseline);
        p.after = FieldAt(row, pc.after);
        p.note = FieldAt(row, pc.note);
        draft.projects.push_back(std::move(p));
        break;
      }
      case Section::kNone:
        break;
    }
  }

  // The preamble: whose return, for which period.
  if (member_row == nullptr) {
    return core::Fail(ErrorCode::kUnknownMember,
                      "the template does not say whose return it is: it needs a row 'Member' "
                      "with the member's id above the measures",
                      {path});
  }
  const std::string member_text = Cell(*member_row, 1);
  const core::Member* member = ResolveMember(network, member_text);
  if (member == nullptr) member = ResolveMember(network, Cell(*member_row, 2));
  if (member == nullptr) {
    return tl::unexpected(core::UnknownMember(member_text, At(path, *member_row, 2)));
  }
  if (year_row == nullptr) {
    return core::Fail(ErrorCode::kPeriodOutside,
                      "the template does not say which financial year it is for: it needs a row "
                      "'Financial year' such as 2024/25 above the measures",
                      {path});
  }
  const std::string year_text = Cell(*year_row, 1);
  const std::optional<int> fy = core::ParseFinancialYear(year_text);
  if (!fy) {
    return core::Fail(ErrorCode::kPeriodOutside,
                      fmt::format("{}Financial year '{}' is not a financial year such as 2024/25",
                                  Where(RefOf(*year_row)), year_text),
                      At(path, *year_row, 2));
  }
  int quarter = 0;
  if (period_row != nullptr) {
    const std::string period_text = Cell(*period_row, 1);
    if (auto q = ParseQuarterCell(period_text)) {
      quarter = *q;
    } else if (auto p = core::ParseReturnPeriod(period_text)) {
      if (p->first != *fy) {
        return core::Fail(
            ErrorCode::kPeriodOutside,
            fmt::format("{}Period '{}' is outside the financial year {} named above it",
                        Where(RefOf(*period_row)), period_text, core::FinancialYearLabel(*fy)),
            At(path, *period_row, 2));
      }
      quarter = p->second;
    } else {
      return core::Fail(ErrorCode::kPeriodOutside,
                        fmt::format("{}Period '{}' is not Year or a quarter Q1 to Q4",
                                    Where(RefOf(*period_row)), period_text),
                        At(path, *period_row, 2));
    }
  }
  draft.member = member->id;
  draft.financial_year = *fy;
  draft.quarter = quarter;
  out.rows_read = static_cast<std::int64_t>(draft.figures.size() + draft.transfers.size() +
                                            draft.projects.size());
  if (out.rows_read == 0 && out.file_issues.empty()) {
    return core::Fail(ErrorCode::kFileEmpty,
                      fmt::format("the template for {} {} has no figures, levy transfers or "
                                  "carbon projects filled in: nothing to import",
                                  member->id, core::ReturnPeriodLabel(*fy, quarter)),
                      {path});
  }
  out.drafts.push_back(std::move(draft));
  return out;
}

// ---- Plain CSV -----------------------------------------------------------------------------

core::Result<ParsedFile> ParsePlain(const std::vector<SourceRow>& rows, std::size_t header_at,
                                    const PlainColumns& c, const core::Network& network,
                                    const std::string& path) {
  const SourceRow& header = rows[header_at];
  if (c.period < 0 && c.year < 0) {
    return core::Fail(ErrorCode::kNoHeaderMatch,
                      "a plain returns file needs a period column (such as 2024/25 or 2024/25 Q2) "
                      "or a financial_year column (with an optional quarter column)",
                      At(path, header, 0));
  }
  ParsedFile out;
  out.shape = "plain";
  std::map<std::tuple<std::string, int, int>, std::size_t> group_of;
  for (std::size_t i = header_at + 1; i < rows.size(); ++i) {
    const SourceRow& row = rows[i];
    if (row.problem != ErrorCode::kOk) {
      out.file_issues.push_back(
          FileIssue(row, row.problem_column, row.problem,
                    fmt::format("the row could not be read ({}): it was not taken",
                                core::ErrorCodeName(row.problem))));
      continue;
    }
    if (IsExampleRow(row)) continue;
    if (Keys(row) == Keys(header)) continue;  // a header repeated by a concatenation
    FigureRow f;
    f.at = RefOf(row);
    f.measure = FieldAt(row, c.measure);
    f.unit = FieldAt(row, c.unit);
    f.value = FieldAt(row, c.value);
    f.note = FieldAt(row, c.note);
    if (f.value.text.empty()) continue;  // not reported
    ++out.rows_read;

    const std::string member_text = Cell(row, c.member);
    const core::Member* member = ResolveMember(network, member_text);
    if (member == nullptr) {
      out.file_issues.push_back(FileIssue(
          row, c.member + 1, ErrorCode::kUnknownMember,
          member_text.empty()
              ? std::string("the row names no member: give the member's id")
              : core::UnknownMember(member_text).message));
      continue;
    }
    int fy = 0;
    int quarter = 0;
    if (c.period >= 0) {
      const std::string text = Cell(row, c.period);
      const auto p = core::ParseReturnPeriod(text);
      if (!p) {
        out.file_issues.push_back(FileIssue(
            row, c.period + 1, ErrorCode::kPeriodOutside,
            fmt::format("period '{}' is not a financial year such as 2024/25 or a quarter such "
                        "as 2024/25 Q2",
                        text)));
        continue;
      }
      fy = p->first;
      quarter = p->second;
    } else {
      const std::string text = Cell(row, c.year);
      const auto parsed = core::ParseFinancialYear(text);
      if (!parsed) {
        out.file_issues.push_back(FileIssue(
            row, c.year + 1, ErrorCode::kPeriodOutside,
            fmt::format("financial year '{}' is not a financial year such as 2024/25", text)));
        continue;
      }
      fy = *parsed;
      if (c.quarter >= 0) {
        const std::string q_text = Cell(row, c.quarter);
        const auto q = ParseQuarterCell(q_text);
        if (!q) {
          out.file_issues.push_back(
              FileIssue(row, c.quarter + 1, ErrorCode::kPeriodOutside,
                        fmt::format("quarter '{}' is not 1 to 4 (blank: the whole year)", q_text)));
          continue;
        }
        quarter = *q;
      }
    }
    const auto key = std::make_tuple(member->id, fy, quarter);
    auto [it, fresh] = group_of.emplace(key, out.drafts.size());
    if (fresh) {
      Draft d;
      d.member = member->id;
      d.financial_year = fy;
      d.quarter = quarter;
      out.drafts.push_back(std::move(d));
    }
    out.drafts[it->second].figures.push_back(std::move(f));
  }
  if (out.rows_read == 0 && out.file_issues.empty()) {
    return core::Fail(ErrorCode::kFileEmpty, "the file has a header but no figures", {path});
  }
  return out;
}

}  // namespace

std::string Where(const RowRef& at) {
  return at.sheet.empty() ? std::string() : fmt::format("sheet '{}': ", at.sheet);
}

core::Result<std::vector<SourceRow>> ReadSourceRows(const std::string& path, const FileProbe& probe,
                                                    std::string_view format) {
  std::vector<SourceRow> rows;
  if (format == "xlsx") {
    auto sheets = ListXlsxSheets(path);
    if (!sheets) return tl::unexpected(sheets.error());
    for (const std::string& sheet : *sheets) {
      if (HeaderKey(sheet) == HeaderKey(kGuidanceSheet)) continue;
      auto source = OpenXlsx(path, sheet);
      if (!source) return tl::unexpected(source.error());
      if (auto s = TakeRows(**source, sheet, rows); !s) return tl::unexpected(s.error());
    }
    return rows;
  }
  auto source = OpenCsv(path, probe, 0);
  if (!source) return tl::unexpected(source.error());
  if (auto s = TakeRows(**source, "", rows); !s) return tl::unexpected(s.error());
  return rows;
}

core::Result<ParsedFile> ParseSourceRows(const std::vector<SourceRow>& rows,
                                         const core::Network& network, const std::string& path) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::vector<std::string> keys = Keys(rows[i]);
    if (auto plain = PlainHeader(keys)) return ParsePlain(rows, i, *plain, network, path);
    if (MeasureTableHeader(keys) || TransferTableHeader(keys) || ProjectTableHeader(keys)) {
      return ParseTemplate(rows, network, path);
    }
  }
  if (rows.empty()) return core::Fail(ErrorCode::kFileEmpty, "the file has no rows", {path});
  return core::Fail(ErrorCode::kNoHeaderMatch,
                    "this is neither a return template (a header row 'Measure id, Measure, Unit, "
                    "Figure, ...') nor a plain returns file (columns member, period or "
                    "financial_year, measure, value)",
                    {path});
}

}  // namespace anchornet::ingest::returns
