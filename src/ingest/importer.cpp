#include "ingest/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <future>
#include <unordered_map>

#include "core/text.h"
#include "ingest/csv_reader.h"
#include "ingest/encoding.h"
#include "ingest/json_reader.h"
#include "ingest/layout.h"
#include "ingest/line_pipeline.h"
#include "ingest/payee.h"
#include "ingest/xlsx_reader.h"

namespace anchornet::ingest {

namespace {

using core::ErrorCode;

constexpr std::size_t kSampleRows = 240;
constexpr std::size_t kFirstRejects = 10;

std::string Ext(const std::string& path) {
  return core::ToLowerAscii(std::filesystem::path(path).extension().string());
}

// "csv", "xlsx", "json" or an error for formats we cannot read.
core::Result<std::string> DetectFormat(const std::string& path, const FileProbe& probe) {
  const std::string_view head = probe.head;
  if (core::StartsWith(head, "PK\x03\x04")) return std::string("xlsx");
  if (core::StartsWith(head, "\xD0\xCF\x11\xE0")) {
    return core::Fail(ErrorCode::kUnsupportedFormat,
                      "this is an old Excel .xls workbook; open it in Excel or LibreOffice and "
                      "save it as .xlsx or CSV",
                      {path});
  }
  if (core::StartsWith(head, "%PDF")) {
    return core::Fail(ErrorCode::kUnsupportedFormat,
                      "this is a PDF; anchornet reads CSV, XLSX and JSON spend files", {path});
  }
  std::string_view body = head.substr(std::min(probe.bom_bytes, head.size()));
  body = core::Trim(body);
  if (probe.encoding == Encoding::kUtf8 && !body.empty() && (body[0] == '{' || body[0] == '[')) {
    return std::string("json");
  }
  if (Ext(path) == ".json") return std::string("json");
  if (probe.looks_binary) {
    return core::Fail(ErrorCode::kUnsupportedFormat,
                      "this file is binary, not text; anchornet reads CSV, XLSX and JSON", {path});
  }
  return std::string("csv");
}

bool IsBlank(const Row& row) {
  return std::all_of(row.cells.begin(), row.cells.end(),
                     [](std::string_view c) { return core::Trim(c).empty(); });
}

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

// A total row: its first non-empty cell says "Total" and it has no payment date.
// A total row: no payment date, and its first non-empty cell says "Total" (or "Grand total",
// "Sub total", ...) — exactly, when that cell is in the payee column, so that a supplier such as
// "Total Gas & Power Ltd" is never taken for one.
bool IsTotalRow(const Row& row, const Layout& layout) {
  if (!Cell(row, layout.Col(Role::kPaymentDate)).empty()) return false;
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const std::string_view c = core::Trim(row.cells[i]);
    if (c.empty()) continue;
    const char first = c.front();
    if (first != 'T' && first != 't' && first != 'G' && first != 'g' && first != 'S' &&
        first != 's') {
      return false;
    }
    const std::string words = NormaliseHeader(c.substr(0, 40));
    static constexpr std::string_view kTotals[] = {"total",      "totals",      "grand total",
                                                   "sub total",  "subtotal",    "total spend",
                                                   "total paid", "total amount"};
    bool exact = false;
    for (std::string_view t : kTotals) exact = exact || words == t;
    if (exact) return true;
    const bool in_payee_column = static_cast<std::int32_t>(i) == layout.Col(Role::kPayee);
    const bool starts = words == "total" || core::StartsWith(words, "total ") ||
                        core::StartsWith(words, "grand total") ||
                        core::StartsWith(words, "sub total");
    return starts && !in_payee_column;
  }
  return false;
}

core::Error WithFile(core::Error e, const std::string& path) {
  if (e.where.file.empty()) e.where.file = path;
  return e;
}

bool IsHeaderRepeat(const Row& row, const Layout& layout) {
  if (layout.header.empty() || row.cells.size() < layout.header.size()) return false;
  for (std::size_t i = 0; i < layout.header.size(); ++i) {
    if (core::Trim(row.cells[i]) != layout.header[i]) return false;
  }
  return true;
}

class RowImporter {
 public:
  // With a pipeline, lines and rejects go to the store; without one (dry run) they are only
  // counted and previewed.
  RowImporter(const Layout& layout, ImportSummary& summary, LinePipeline* pipeline,
              const ImportOptions& options)
      : layout_(layout), summary_(summary), pipeline_(pipeline), options_(options) {}

  core::Status Take(const Row& row) {
    store::ImportCounts& c = summary_.counts;
    if (layout_.header_at_end && row.line == layout_.header_line) return {};  // not a data row
    if (IsBlank(row) || IsHeaderRepeat(row, layout_)) {
      ++c.rows_skipped;
      return {};
    }
    if (IsTotalRow(row, layout_)) {
      ++c.rows_skipped;
      auto m = core::ParseMoney(Cell(row, layout_.AmountColumn()));
      if (m.status == core::MoneyParse::kOk) file_totals_.push_back(m.pence);
      return {};
    }
    // Footer or spacer rows with no date, amount or payee at all are not payments.
    if (Cell(row, layout_.Col(Role::kPaymentDate)).empty() &&
        Cell(row, layout_.AmountColumn()).empty() && Cell(row, layout_.Col(Role::kPayee)).empty()) {
      ++c.rows_skipped;
      return {};
    }
    ++c.rows_read;
    // A row wider than its header has a cell in no column: most often an unquoted comma inside
    // an amount or a name ("1,234.00"), which would shift every cell after it.
    for (std::size_t i = layout_.header.size(); !layout_.header.empty() && i < row.cells.size();
         ++i) {
      if (!core::Trim(row.cells[i]).empty()) {
        return Reject(row, static_cast<std::int32_t>(i + 1), ErrorCode::kRaggedRow,
                      fmt::format("the row has more cells than the header (cell {} is '{}'); "
                                  "is there an unquoted comma in an amount or a name?",
                                  i + 1, core::Trim(row.cells[i])));
      }
    }
    if (row.problem != ErrorCode::kOk) {
      return Reject(row, row.problem_column, row.problem,
                    "a quoted cell is never closed; the row was read up to the line end");
    }
    // Date.
    const std::int32_t date_col = layout_.Col(Role::kPaymentDate);
    const std::string_view date_text = Cell(row, date_col);
    if (date_text.empty()) {
      return Reject(row, date_col + 1, ErrorCode::kMissingDate, "the payment date is empty");
    }
    auto date = core::ParseDate(date_text, layout_.day_order);
    if (!date && !layout_.day_order_decided) {
      const core::DayOrder other = layout_.day_order == core::DayOrder::kDayMonthYear
                                       ? core::DayOrder::kMonthDayYear
                                       : core::DayOrder::kDayMonthYear;
      if (core::ParseDate(date_text, other)) {
        // The first rows could not tell day-first from month-first; this one can, and says the
        // order assumed was wrong. Committing would misdate every earlier line.
        return core::Fail(
            ErrorCode::kBadDate,
            fmt::format("'{}' can only be read {}, but the rows before it were read "
                        "{}: the file's date order is ambiguous. Give "
                        "date_order = \"{}\" in a --mapping file",
                        date_text,
                        other == core::DayOrder::kMonthDayYear ? "month-first" : "day-first",
                        other == core::DayOrder::kMonthDayYear ? "day-first" : "month-first",
                        other == core::DayOrder::kMonthDayYear ? "mdy" : "dmy"),
            {"", row.line, date_col + 1});
      }
    }
    if (!date) {
      return Reject(row, date_col + 1, ErrorCode::kBadDate,
                    fmt::format("'{}' is not a date this importer can read", date_text));
    }
    // Amount.
    const std::int32_t amount_col = layout_.AmountColumn();
    const std::string_view amount_text = Cell(row, amount_col);
    auto amount =
        core::ParseMoney(core::IsNullLike(amount_text) ? std::string_view() : amount_text);
    if (amount.status == core::MoneyParse::kEmpty) {
      return Reject(row, amount_col + 1, ErrorCode::kMissingAmount, "the amount is empty");
    }
    if (amount.status != core::MoneyParse::kOk) {
      return Reject(row, amount_col + 1, ErrorCode::kBadAmount,
                    fmt::format("'{}' is not an amount of money", amount_text));
    }
    // Payee.
    const std::int32_t payee_col = layout_.Col(Role::kPayee);
    const std::string_view payee = Cell(row, payee_col);
    if (payee.empty() || core::IsNullLike(payee)) {
      return Reject(row, payee_col + 1, ErrorCode::kMissingPayee, "the supplier/payee is empty");
    }
    core::SpendLine& line = pipeline_ != nullptr ? NextLine() : line_;
    line.row = row.line;
    line.paid_on = *date;
    line.amount = amount.pence;
    line.payee.assign(payee);
    // With a pipeline, the writer thread decides the payee kind (LinePipeline::Write).
    if (pipeline_ == nullptr) {
      line.payee_kind =
          IsPersonalPayee(payee) ? core::PayeeKind::kPersonal : core::PayeeKind::kOrganisation;
    }
    line.vat = OptionalMoney(row, Role::kVat);
    line.irrecoverable_vat = OptionalMoney(row, Role::kIrrecoverableVat);
    line.gross.reset();
    if (layout_.Has(Role::kGrossAmount) && amount_col != layout_.Col(Role::kGrossAmount)) {
      line.gross = OptionalMoney(row, Role::kGrossAmount);
    }
    if (amount_col == layout_.Col(Role::kGrossAmount) && line.vat) {
      line.gross = line.amount;
      line.amount -= *line.vat;
    }
    SetText(line.payee_id, row, Role::kPayeeId);
    SetText(line.company_number, row, Role::kCompanyNumber);
    SetText(line.charity_number, row, Role::kCharityNumber);
    SetText(line.vat_number, row, Role::kVatNumber);
    SetText(line.postcode, row, Role::kPostcode);
    SetText(line.expense_type, row, Role::kExpenseType);
    SetText(line.service_area, row, Role::kServiceArea);
    SetText(line.department, row, Role::kDepartment);
    SetText(line.description, row, Role::kDescription);
    SetText(line.reference, row, Role::kReference);
    SetText(line.merchant_category, row, Role::kMerchantCategory);
    if (amount.rounded) ++rounded_;
    if (line.amount < 0) ++negative_;
    if (pipeline_ == nullptr && line.payee_kind == core::PayeeKind::kPersonal) ++personal_;
    read_total_ += line.amount;

    if (pipeline_ != nullptr) return pipeline_->Commit();
    // Dry run: nothing is stored, so every line counts as new.
    if (summary_.preview.size() < static_cast<std::size_t>(options_.preview_rows)) {
      summary_.preview.push_back(line);
    }
    ++c.lines_imported;
    c.total_imported += line.amount;
    if (!c.first_paid || line.paid_on < *c.first_paid) c.first_paid = line.paid_on;
    if (!c.last_paid || *c.last_paid < line.paid_on) c.last_paid = line.paid_on;
    return {};
  }

  // Counts only the writer thread knows.
  void AddWritten(const WriteCounts& written) { personal_ += written.personal; }

  void AddNotes() {
    std::vector<std::string>& notes = summary_.notes;
    if (negative_ > 0) {
      notes.push_back(fmt::format("{} credit note{} (negative amounts) kept as negative", negative_,
                                  negative_ == 1 ? "" : "s"));
    }
    if (personal_ > 0) {
      notes.push_back(fmt::format("{} line{} paid to private individuals or redacted names",
                                  personal_, personal_ == 1 ? "" : "s"));
    }
    if (rounded_ > 0) {
      notes.push_back(
          fmt::format("{} amount{} had more than two decimal places and were rounded "
                      "to the penny",
                      rounded_, rounded_ == 1 ? "" : "s"));
    }
    if (file_totals_.size() == 1) {
      const core::Pence stated = file_totals_.front();
      if (stated == read_total_) {
        notes.push_back(fmt::format("the file's own total row ({}) matches the lines read",
                                    core::FormatPounds(stated)));
      } else {
        notes.push_back(
            fmt::format("the file's own total row says {} but the lines read add up "
                        "to {} (difference {}); check the rejects",
                        core::FormatPounds(stated), core::FormatPounds(read_total_),
                        core::FormatPounds(stated - read_total_)));
      }
    } else if (file_totals_.size() > 1) {
      notes.push_back(fmt::format("{} total rows were skipped", file_totals_.size()));
    }
  }

 private:
  core::Status Reject(const Row& row, std::int32_t column, ErrorCode code, std::string message) {
    core::Reject r{row.line, column, code, std::move(message), RawText(row)};
    ++summary_.counts.rows_rejected;
    ++summary_.rejects_by_code[code];
    if (summary_.first_rejects.size() < kFirstRejects) summary_.first_rejects.push_back(r);
    if (pipeline_ == nullptr) return {};
    LineItem& item = pipeline_->Next();
    item.is_reject = true;
    item.reject = std::move(r);
    return pipeline_->Commit();
  }

  core::SpendLine& NextLine() {
    LineItem& item = pipeline_->Next();
    item.is_reject = false;
    return item.line;
  }

  std::optional<core::Pence> OptionalMoney(const Row& row, Role role) {
    if (!layout_.Has(role)) return std::nullopt;
    auto m = core::ParseMoney(Cell(row, layout_.Col(role)));
    if (m.status != core::MoneyParse::kOk) return std::nullopt;
    return m.pence;
  }

  void SetText(std::string& out, const Row& row, Role role) {
    const std::string_view v =
        layout_.Has(role) ? Cell(row, layout_.Col(role)) : std::string_view();
    if (core::IsNullLike(v)) {
      out.clear();
    } else {
      out.assign(v);
    }
  }

  const Layout& layout_;
  ImportSummary& summary_;
  LinePipeline* pipeline_;
  const ImportOptions& options_;
  core::SpendLine line_;
  std::int64_t rounded_ = 0, negative_ = 0, personal_ = 0;
  core::Pence read_total_ = 0;
  std::vector<core::Pence> file_totals_;
};

core::Result<std::unique_ptr<RowSource>> OpenRows(const std::string& path, const FileProbe& probe,
                                                  const std::string& format,
                                                  const ImportOptions& options, char delimiter) {
  if (format == "xlsx") return OpenXlsx(path, options.sheet);
  if (format == "json") return OpenJsonRows(path);
  return OpenCsv(path, probe, delimiter);
}

// The file's last non-blank row, read with a second pass: for a file whose first rows have no
// header, the header may be the last row (an export sorted by a column).
core::Result<std::optional<SampleRow>> ReadLastRow(const std::string& path, const FileProbe& probe,
                                                   const std::string& format,
                                                   const ImportOptions& options, char delimiter) {
  auto source = OpenRows(path, probe, format, options, delimiter);
  if (!source) return tl::unexpected(source.error());
  std::optional<SampleRow> last;
  Row row;
  for (;;) {
    auto next = (*source)->Next(row);
    if (!next) return tl::unexpected(next.error());
    if (!*next) break;
    if (IsBlank(row)) continue;
    if (!last) last.emplace();
    last->line = row.line;
    last->cells.assign(row.cells.begin(), row.cells.end());
    last->problem = row.problem;
    last->problem_column = row.problem_column;
  }
  return last;
}

// The refusal of a file whose payee column is a weak guess: which columns competed, and the
// mapping file and command that settle it.
core::Error PayeeUncertain(const Layout& layout, std::string_view member, const std::string& path) {
  const std::vector<PayeeCandidate>& c = layout.payee_candidates;
  auto describe = [&](const PayeeCandidate& p) {
    return fmt::format("column {} (score {:.2f}, e.g. '{}')", p.column + 1, p.score.score,
                       p.example);
  };
  std::string why;
  if (c.front().score.score < kPayeeScoreFloor) {
    why = fmt::format("the best candidate, {}, scores below {:.2f}", describe(c.front()),
                      kPayeeScoreFloor);
  } else {
    why = fmt::format("{} is less than {:.2f} ahead of {}", describe(c.front()), kPayeeLeadFloor,
                      describe(c[1]));
  }
  std::string columns = fmt::format("payee = {}", c.front().column + 1);
  if (layout.Has(Role::kPaymentDate)) {
    columns += fmt::format("\npayment_date = {}", layout.Col(Role::kPaymentDate) + 1);
  }
  if (layout.AmountColumn() >= 0) {
    columns += fmt::format("\namount = {}", layout.AmountColumn() + 1);
  }
  return core::Error{
      core::ErrorCode::kPayeeUncertain,
      fmt::format("cannot tell which column is the supplier/payee: {} {}. Nothing was imported. "
                  "Write a mapping file naming the columns by number (1 = the first), e.g. "
                  "mapping.toml:\n{}\n[columns]\n{}\nand import with: anchornet import spend "
                  "--member {} --mapping mapping.toml {} (see docs/import.md)",
                  layout.header.empty() ? "the file has no header row, and"
                                        : "no header cell names the payee, and",
                  why,
                  layout.header_line > 0 ? fmt::format("header_line = {}", layout.header_line)
                                         : std::string("header_line = 0"),
                  columns, member, path),
      {path}};
}

void Describe(const Layout& layout, ImportSummary& s) {
  s.header_line = layout.header_line;
  s.header_inferred = layout.inferred;
  for (std::size_t r = 0; r < kRoleCount; ++r) {
    const std::int32_t col = layout.column[r];
    if (col < 0) continue;
    ColumnAssignment a;
    a.role = RoleName(static_cast<Role>(r));
    a.column = col + 1;
    if (static_cast<std::size_t>(col) < layout.header.size()) a.header = layout.header[col];
    a.how = layout.how[r];
    s.columns.push_back(std::move(a));
  }
  std::sort(
      s.columns.begin(), s.columns.end(),
      [](const ColumnAssignment& a, const ColumnAssignment& b) { return a.column < b.column; });
  for (std::size_t c = 0; c < layout.header.size(); ++c) {
    if (layout.header[c].empty()) continue;
    if (std::find(layout.column.begin(), layout.column.end(), static_cast<std::int32_t>(c)) ==
        layout.column.end()) {
      s.ignored_columns.push_back(layout.header[c]);
    }
  }
  for (const PayeeCandidate& c : layout.payee_candidates) {
    PayeeScore p;
    p.column = c.column + 1;
    if (static_cast<std::size_t>(c.column) < layout.header.size()) {
      p.header = layout.header[c.column];
    }
    p.score = c.score.score;
    p.example = c.example;
    s.payee_scores.push_back(std::move(p));
  }
  s.notes.insert(s.notes.end(), layout.notes.begin(), layout.notes.end());
}

}  // namespace

std::string ImportSummary::LayoutText() const {
  std::string out = reader;
  out += header_inferred ? "; no header row (columns inferred)"
                         : (header_line > 0 ? fmt::format("; header on line {}", header_line)
                                            : std::string("; keys as header"));
  for (const ColumnAssignment& c : columns) {
    out += fmt::format("; {}=", c.role);
    out += c.header.empty() ? fmt::format("column {}", c.column) : fmt::format("'{}'", c.header);
  }
  return out;
}

namespace {

// Files larger than this are hashed on another thread while they are read.
constexpr std::int64_t kConcurrentProbeBytes = 8 << 20;

using PendingProbe = std::future<core::Result<FileProbe>>;

// The import proper. `probe` is the full probe, or (with `pending`) a probe of the file's head
// whose guess of the encoding is checked against the full probe before anything is committed.
core::Result<ImportSummary> Import(store::Store& store, std::string_view member,
                                   const std::string& path, const ImportOptions& options,
                                   const FileProbe* probe, PendingProbe* pending) {
  ImportSummary summary;
  summary.path = path;
  summary.member = std::string(member);
  summary.dry_run = options.dry_run;
  summary.content_hash = probe->content_hash;
  summary.bytes = probe->bytes;
  auto format = DetectFormat(path, *probe);
  if (!format) return tl::unexpected(format.error());
  summary.format = *format;

  Mapping mapping;
  const Mapping* mapping_ptr = nullptr;
  if (!options.mapping_path.empty()) {
    auto m = ReadMappingFile(options.mapping_path);
    if (!m) return tl::unexpected(m.error());
    mapping = std::move(*m);
    mapping_ptr = &mapping;
  }

  auto source = OpenRows(path, *probe, *format, options, mapping.delimiter);
  if (!source) return tl::unexpected(source.error());
  RowSource& rows = **source;

  // Read a sample for detection; its rows are imported from memory afterwards.
  std::vector<SampleRow> sample;
  Row row;
  bool more = true;
  while (sample.size() < kSampleRows) {
    auto next = rows.Next(row);
    if (!next) return tl::unexpected(next.error());
    if (!*next) {
      more = false;
      break;
    }
    SampleRow s;
    s.line = row.line;
    s.cells.assign(row.cells.begin(), row.cells.end());
    s.problem = row.problem;
    s.problem_column = row.problem_column;
    sample.push_back(std::move(s));
  }
  summary.reader = rows.Describe();
  SampleEnd end;
  end.whole_file = !more;
  if (more) {  // the sample is kSampleRows rows, not the whole file
    const bool mapped_header_later =
        mapping_ptr != nullptr && mapping.header_line && *mapping.header_line > sample.back().line;
    const bool header_to_find =
        (mapping_ptr == nullptr || !mapping.header_line) && !FindHeaderRow(sample);
    if (mapped_header_later || header_to_find) {
      auto last = ReadLastRow(path, *probe, *format, options, mapping.delimiter);
      if (!last) return tl::unexpected(last.error());
      end.last_row = std::move(*last);
    }
  }
  auto layout = DetectLayout(sample, mapping_ptr, &end);
  if (!layout) {
    core::Error e = layout.error();
    e.where.file = path;
    return tl::unexpected(std::move(e));
  }
  Describe(*layout, summary);
  if (layout->payee_uncertain) {
    core::Error refusal = PayeeUncertain(*layout, member, path);
    if (!options.dry_run) return tl::unexpected(std::move(refusal));
    summary.refused = std::move(refusal);
  }

  // The same bytes imported before change nothing. With the hash still being computed, this is
  // checked before the commit instead (and the import rolled back).
  auto already = [&](std::string_view hash) -> core::Result<bool> {
    auto earlier = store.FindImportedFile(member, hash);
    if (!earlier) return tl::unexpected(earlier.error());
    if (!*earlier) return false;
    summary = ImportSummary{};
    summary.path = path;
    summary.member = std::string(member);
    summary.content_hash = std::string(hash);
    summary.already_imported = true;
    summary.file_id = (*earlier)->id;
    summary.notes.push_back(
        fmt::format("these exact bytes were imported on {} as '{}': nothing "
                    "changed",
                    (*earlier)->imported_at, (*earlier)->name));
    return true;
  };
  if (!options.dry_run && pending == nullptr) {
    auto seen = already(probe->content_hash);
    if (!seen) return tl::unexpected(seen.error());
    if (*seen) return summary;
  }

  std::unique_ptr<store::SpendWriter> writer;
  if (!options.dry_run) {
    store::FileToImport file;
    file.member = std::string(member);
    file.name = std::filesystem::path(path).filename().string();
    file.content_hash = probe->content_hash;
    file.bytes = probe->bytes;
    file.format = *format;
    file.layout = summary.LayoutText();
    auto w = store.BeginImport(file);
    if (!w) return tl::unexpected(w.error());
    writer = std::move(*w);
  }

  std::optional<LinePipeline> pipeline;
  if (writer) pipeline.emplace(*writer, options.after_line);
  RowImporter importer(*layout, summary, pipeline ? &*pipeline : nullptr, options);
  // The sample rows after the header are imported first, from memory.
  for (std::size_t i = layout->data_start; i < sample.size(); ++i) {
    row.line = sample[i].line;
    row.cells.assign(sample[i].cells.begin(), sample[i].cells.end());
    row.problem = sample[i].problem;
    row.problem_column = sample[i].problem_column;
    if (auto s = importer.Take(row); !s) return tl::unexpected(WithFile(s.error(), path));
  }
  while (more) {
    auto next = rows.Next(row);
    if (!next) return tl::unexpected(next.error());
    if (!*next) break;
    if (auto s = importer.Take(row); !s) return tl::unexpected(WithFile(s.error(), path));
  }
  if (pending != nullptr) {
    core::Result<FileProbe> full = pending->get();
    if (!full) return tl::unexpected(full.error());
    if (pipeline) {
      if (auto written = pipeline->Finish(); !written) return tl::unexpected(written.error());
    }
    if (full->encoding != probe->encoding || full->looks_binary != probe->looks_binary ||
        full->bom_bytes != probe->bom_bytes) {
      // The head looked like one kind of file, the whole file is another: read it again, rightly.
      pipeline.reset();
      writer.reset();  // rolls back
      return Import(store, member, path, options, &*full, nullptr);
    }
    if (writer) {
      auto seen = already(full->content_hash);
      if (!seen) return tl::unexpected(seen.error());
      if (*seen) return summary;  // the writer rolls back as it goes
      if (auto s = writer->SetFileIdentity(full->content_hash, full->bytes); !s) {
        return tl::unexpected(s.error());
      }
    }
    summary.content_hash = full->content_hash;
    summary.bytes = full->bytes;
  }
  if (pipeline) {
    auto written = pipeline->Finish();
    if (!written) return tl::unexpected(written.error());
    store::ImportCounts& c = summary.counts;
    c.lines_imported = written->imported;
    c.lines_duplicate = written->duplicate;
    c.total_imported = written->total;
    c.first_paid = written->first_paid;
    c.last_paid = written->last_paid;
    importer.AddWritten(*written);
  }
  importer.AddNotes();
  if (summary.counts.rows_read == 0) {
    return core::Fail(ErrorCode::kFileEmpty, "the file has a header but no payment rows", {path});
  }
  if (writer) {
    auto id = writer->Commit(summary.counts);
    if (!id) return tl::unexpected(id.error());
    summary.file_id = *id;
  }
  return summary;
}

}  // namespace

core::Result<ImportSummary> ImportSpendFile(store::Store& store, const core::Network& network,
                                            std::string_view member, const std::string& path,
                                            const ImportOptions& options) {
  if (network.FindMember(member) == nullptr) {
    return tl::unexpected(core::UnknownMember(member, {path}));
  }
  auto head = ProbeHead(path);
  if (!head) return tl::unexpected(head.error());
  if (head->bytes == 0) return core::Fail(ErrorCode::kFileEmpty, "the file is empty", {path});
  if (head->bytes <= kConcurrentProbeBytes || options.dry_run) {
    auto probe = ProbeFile(path);
    if (!probe) return tl::unexpected(probe.error());
    return Import(store, member, path, options, &*probe, nullptr);
  }
  // A large file: hash it on another thread while reading it with the head's encoding.
  PendingProbe pending = std::async(std::launch::async, [path] { return ProbeFile(path); });
  return Import(store, member, path, options, &*head, &pending);
}

}  // namespace anchornet::ingest
