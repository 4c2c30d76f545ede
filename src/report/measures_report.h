// Renders the procurement measures report (`anchornet report`, docs/report.md): a terminal table,
// JSON, long-format CSV and an XLSX workbook, all from one metrics::MeasureReport.
//
// Renderers only: every figure is computed by metrics::ComputeMeasures; shares and coverages are
// derived here from integer pence at the last step. Unknown stays unknown: spend whose supplier
// is not classified is shown as "unknown", never folded into "no". Synthetic data is labelled in
// every format.
//
// Thread-safety: pure functions over a report the caller owns.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"
#include "metrics/measures.h"

namespace anchornet::report {

// The terminal view: header, then for the network and each member (or just the queried member)
// the measures by financial year, the quarter trend of S2 and S3, the T1 -> S1 -> S2 bridge, then
// goals and top suppliers. Fits in about 120 columns.
std::string MeasuresTable(const metrics::MeasureReport& report);

// Pretty JSON (2 spaces), keyed by measure id; money as integer pence, shares as decimals rounded
// to 4 places, null where there is no denominator.
std::string MeasuresJson(const metrics::MeasureReport& report);
nlohmann::json MeasuresJsonValue(const metrics::MeasureReport& report);  // the same, as a value
// One goal with its progress, as in MeasuresJson's "goals".
nlohmann::json GoalJsonValue(const metrics::MeasureReport& report, const metrics::GoalProgress& goal);

// Long-format CSV, one row per figure: scope,member,financial_year,quarter,measure,breakdown,
// pence,lines,share_of_s2,coverage,basis_coverage,definition_version.
std::string MeasuresCsv(const metrics::MeasureReport& report);

// Writes the workbook to `path` (replacing it): sheets Network, Members, Suppliers, Goals, Bridge,
// Definitions, Coverage, Rules. Money cells are numbers in pounds, shares are fractions.
// Errors: kStoreIo when the file cannot be written.
[[nodiscard]] core::Status WriteMeasuresXlsx(const metrics::MeasureReport& report,
                                             const std::string& path);

}  // namespace anchornet::report
