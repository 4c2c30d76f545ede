// Members' returns in and out (docs/returns.md): the template a member fills in, and the import
// that reads it back (or a plain CSV of figures), validates every figure and stores the return.
//
// Template (XLSX, or CSV): a preamble naming the member and period, then one row per measure
// (id, label, unit, figure, last year's figure, note, guidance); XLSX adds 'Levy transfers' and
// 'Carbon projects' sheets, CSV the same tables after a blank row, each under its own header.
// Plain CSV: columns member, period (or financial_year [+ quarter]), measure, value[, note]: one
// figure per row, any number of members and periods.
//
// Validation (docs/returns.md, by error code): unknown measure, wrong unit, a figure that is not
// a whole non-negative number, a period outside the member's financial year, an unknown member,
// a sub-count above its total (E1C > E1, C5 > C5T), E2D without a method note, a carbon project
// with no DESNZ factor for its year or claimed by another member; warnings (taken, flagged): a
// figure far outside the member's history, levy transfers above half the member's levy funds.
// One bad row never sinks a file; the file is one transaction; the same bytes twice change
// nothing. A resubmitted return supersedes the member's earlier one for that period.
//
// Thread-safety: one import per Store object at a time.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "core/returns.h"
#include "store/store.h"

namespace anchornet::ingest {

struct ReturnTemplateOptions {
  std::string member;
  int financial_year = 0;
  int quarter = 0;   // 0: an annual return
  std::string path;  // ".xlsx" or ".csv" (the format follows the extension)
};

// Writes the template, with last year's figures (the member's current return for the previous
// financial year, if any) for reference. Errors: kUsage (bad extension, no year),
// kUnknownMember, kFileUnreadable (cannot write), kStoreIo.
[[nodiscard]] core::Status WriteReturnTemplate(store::Store& store, const core::Network& network,
                                               const ReturnTemplateOptions& options);

// Writes a member's return in the template's layout with its figures, transfers and projects
// filled in, as a member would send it (the demo and tests use it); last_year (may be null)
// fills the "Last year" column. The format follows the extension. Errors: kUsage,
// kUnknownMember, kFileUnreadable.
[[nodiscard]] core::Status WriteFilledReturn(const core::Network& network,
                                             const core::MemberReturn& ret,
                                             const core::MemberReturn* last_year,
                                             const std::string& path);

struct ReturnImportOptions {
  std::string member;  // when given, every return in the file must be this member's (kUsage)
  std::string imported_by;
  bool dry_run = false;  // validate and report; store nothing
};

struct ReturnImportSummary {
  std::string path;
  std::string format;  // "csv", "xlsx"
  std::string shape;   // "template" or "plain"
  std::string content_hash;
  std::int64_t bytes = 0;
  bool dry_run = false;
  bool already_imported = false;
  std::int64_t file_id = 0;
  struct Submitted {
    std::string member;
    int financial_year = 0;
    int quarter = 0;
    std::int64_t submission_id = 0;  // 0 on a dry run
    std::int64_t supersedes = 0;     // the submission it replaced
    std::int64_t figures = 0, transfers = 0, projects = 0;
  };
  std::vector<Submitted> returns;
  std::int64_t rows_read = 0;
  std::int64_t errors = 0;    // rows not taken
  std::int64_t warnings = 0;  // rows taken and flagged
  std::map<core::ErrorCode, std::int64_t> issues_by_code;
  std::vector<store::ReturnIssue> issues;  // every issue, in file order (errors and warnings)
};

// Errors (file-level only; bad rows become issues): kFileNotFound, kFileUnreadable, kFileEmpty,
// kUnsupportedFormat, kNoHeaderMatch (neither a template nor a plain returns CSV), kUsage,
// kUnknownMember (options.member, or the member a template names), kPeriodOutside (a template's
// Financial year or Period row unreadable, or a period outside that year), kStoreIo.
[[nodiscard]] core::Result<ReturnImportSummary> ImportReturnsFile(
    store::Store& store, const core::Network& network, const std::string& path,
    const ReturnImportOptions& options);

}  // namespace anchornet::ingest
