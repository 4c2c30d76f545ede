// The machinery behind ingest/returns.h, private to ingest/: the template's layout and writer,
// the reading of a returns file into drafts (cells still as text, with where each came from),
// and the validation that turns drafts into core::MemberReturn values and issues.
//
// Exposed here so that tests can write a filled template with the same writer, and check the
// reader and the validator apart. Layout and codes: docs/returns.md.
//
// Thread-safety: plain values and functions; a Validator is used by one thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "core/returns.h"
#include "ingest/encoding.h"
#include "store/store.h"

namespace anchornet::ingest::returns {

// ---- The template ------------------------------------------------------------------------------

// Sheet names of the XLSX template.
inline constexpr std::string_view kReturnSheet = "Return";
inline constexpr std::string_view kTransfersSheet = "Levy transfers";
inline constexpr std::string_view kProjectsSheet = "Carbon projects";
inline constexpr std::string_view kGuidanceSheet = "Guidance";

// Header rows of the three tables, as the template writes them.
const std::vector<std::string_view>& MeasureHeader();   // Measure id | Measure | Unit | Figure ...
const std::vector<std::string_view>& TransferHeader();  // Recipient employer | ...
const std::vector<std::string_view>& ProjectHeader();   // Project id | Project | Kind | ...

// Everything a template shows. The writer leaves figure cells blank unless `figure` is set,
// which lets tests and the demo write a filled-in return in exactly the template's layout.
struct TemplateContent {
  std::string title;  // the network's name, "(synthetic)" when it is
  std::string member_id;
  std::string member_name;
  int financial_year = 0;
  int quarter = 0;
  struct MeasureRow {
    const core::ReturnMeasure* measure = nullptr;
    std::optional<std::int64_t> last_year;  // base units
    std::string guidance;
    std::string figure;  // as a member would type it; "" = blank
    std::string note;
  };
  std::vector<MeasureRow> measures;
  std::vector<std::vector<std::string>> transfers;  // cells in TransferHeader() order
  std::vector<std::vector<std::string>> projects;   // cells in ProjectHeader() order
  bool examples = true;  // a grey "Example: ..." row under the transfer and project headers
  std::vector<std::pair<std::string, std::string>> guidance;  // topic, text (Guidance sheet)
};

// The content of a blank template for one member and period: last year's figures from the
// store (none when store is null), guidance with the Real Living Wage rates for the period.
// Errors: kUsage, kUnknownMember, kStoreIo.
[[nodiscard]] core::Result<TemplateContent> BlankTemplate(store::Store* store,
                                                          const core::Network& network,
                                                          std::string_view member,
                                                          int financial_year, int quarter);

// Errors: kFileUnreadable (cannot write the file).
[[nodiscard]] core::Status WriteTemplateXlsx(const std::string& path, const TemplateContent& c);
[[nodiscard]] core::Status WriteTemplateCsv(const std::string& path, const TemplateContent& c);

// ---- Reading -----------------------------------------------------------------------------------

// One non-blank row of a returns file. seq orders rows across the sheets of a workbook.
struct SourceRow {
  std::int64_t seq = 0;
  std::int64_t line = 0;           // CSV line, or XLSX sheet row
  std::string sheet;               // XLSX only
  std::vector<std::string> cells;  // trimmed
  core::ErrorCode problem = core::ErrorCode::kOk;
  std::int32_t problem_column = 0;
};

// The rows of a returns file, every sheet but the Guidance one. Errors: kFileUnreadable,
// kUnsupportedFormat.
[[nodiscard]] core::Result<std::vector<SourceRow>> ReadSourceRows(const std::string& path,
                                                                  const FileProbe& probe,
                                                                  std::string_view format);

// Where a row came from, for issues.
struct RowRef {
  std::int64_t seq = 0;
  std::int64_t line = 0;
  std::string sheet;
  std::string raw;  // the cells joined with '|', at most 500 bytes
};

// One cell as read: its text and 1-based column (0: the file has no such column).
struct Field {
  std::string text;
  std::int32_t column = 0;
};

struct FigureRow {
  RowRef at;
  Field measure, unit, value, note;
};

struct TransferRow {
  RowRef at;
  Field recipient, sme, committed, paid, apprenticeships, note;
};

struct ProjectRow {
  RowRef at;
  Field id, name, kind, activity, unit, year, baseline, after, note;
};

// One member's rows for one period, before validation.
struct Draft {
  std::string member;
  int financial_year = 0;
  int quarter = 0;
  std::vector<FigureRow> figures;
  std::vector<TransferRow> transfers;
  std::vector<ProjectRow> projects;
};

// An issue with the position of its row in the file, so that issues can be listed in file order.
struct SequencedIssue {
  std::int64_t seq = 0;
  store::ReturnIssue issue;
};

struct ParsedFile {
  std::string shape;  // "template" or "plain"
  std::vector<Draft> drafts;
  std::vector<SequencedIssue> file_issues;  // rows that belong to no return
  std::int64_t rows_read = 0;
};

// Recognises the file's shape from its header rows and groups the rows into drafts. Errors
// (file-level): kNoHeaderMatch, kUnknownMember and kPeriodOutside (a template's preamble),
// kFileEmpty.
[[nodiscard]] core::Result<ParsedFile> ParseSourceRows(const std::vector<SourceRow>& rows,
                                                       const core::Network& network,
                                                       const std::string& path);

// "" for CSV; "sheet 'Return': " for a row of a workbook.
std::string Where(const RowRef& at);

// ---- Validation --------------------------------------------------------------------------------

// A validated draft: what will be stored, and every issue of its rows.
struct Checked {
  core::MemberReturn ret;
  std::vector<SequencedIssue> issues;
};

// Validates drafts against the measure catalogue, the member's history (outliers), the DESNZ
// factors (carbon projects) and the other members' returns (claimed projects). Reads the store;
// never writes. Caches what it reads for the life of the object, and remembers the returns it
// has checked, so that a file holding two years of a member's figures compares the later year
// with the earlier one.
class Validator {
 public:
  explicit Validator(store::Store& store) : store_(store) {}
  // Errors: kStoreIo (from the store).
  [[nodiscard]] core::Result<Checked> Check(const Draft& draft);

 private:
  [[nodiscard]] core::Result<std::optional<core::MemberReturn>> PreviousYear(
      const std::string& member, int financial_year, int quarter);
  [[nodiscard]] core::Result<const std::vector<store::GhgFactor>*> FactorsOfYear(int year);
  [[nodiscard]] core::Result<const std::map<std::string, std::set<std::string>>*> ClaimedProjects();
  // Adds the project to out.ret, or an issue. Errors: the store's.
  [[nodiscard]] core::Status CheckProject(const Draft& draft, const ProjectRow& row,
                                          std::set<std::string>& seen, Checked& out);
  // Fills p's factor fields; false (with an issue in `out`) when no single factor matches.
  [[nodiscard]] core::Result<bool> ResolveFactor(const ProjectRow& row, core::CarbonProject& p,
                                                 Checked& out);

  store::Store& store_;
  std::map<int, std::vector<store::GhgFactor>> factors_by_year_;
  // Upper-cased project id -> the members whose current returns count it.
  std::optional<std::map<std::string, std::set<std::string>>> claimed_;
  // Returns checked so far: (member, financial year, quarter) -> figures.
  std::map<std::tuple<std::string, int, int>, core::MemberReturn> checked_;
};

// "Fuels > Gaseous fuels > Natural gas (Gross CV)": the factor's category path, empty parts
// skipped, with its column text.
std::string FactorPath(const store::GhgFactor& f);

}  // namespace anchornet::ingest::returns
