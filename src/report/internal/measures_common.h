// What the measures renderers (measures_report.cpp, measures_xlsx.cpp) share: the "unknown" and
// basis amounts derived from a MeasureValues, scope and period labels, and the short definition
// of each measure (docs/metrics.md). Shares and size coverage come from metrics/measures.h
// (metrics::Share, MeasureValues::size_known). Private to src/report/.
//
// Thread-safety: pure functions and constant data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "metrics/measures.h"

namespace anchornet::report::internal {

inline constexpr const char* kSyntheticBanner =
    "SYNTHETIC DEMO DATA: generated members, suppliers and payments; not real spend.";

// Rounded to 4 decimal places, as JSON and CSV print shares.
double Round4(double share);

// total less known: the spend the measure cannot classify, shown as "unknown".
inline metrics::Amount Unknown(const metrics::Amount& total, const metrics::Amount& known) {
  return metrics::Amount{total.pence - known.pence, total.lines - known.lines};
}
// S7 basis: S2 whose supplier is known to be inside or outside the geography.
inline metrics::Amount LocationKnown(const metrics::MeasureValues& v) {
  return metrics::Amount{v.local.pence + v.outside.pence, v.local.lines + v.outside.lines};
}

// The scopes to render, in report order: the network, then every member when the query names
// none, else only the queried member.
std::vector<const metrics::ScopeValues*> YearScopes(const metrics::MeasureReport& report);
bool ScopeShown(const metrics::MeasureReport& report, const std::string& member);

// "Whole network" or the member's name.
std::string ScopeName(const metrics::MeasureReport& report, const std::string& member);
// "FY 2023/24" or "FY 2022/23 to 2024/25" (or "no financial years").
std::string PeriodText(const metrics::MeasureReport& report);
// "the network's geography" or e.g. "London".
std::string GeographyName(const metrics::MeasureReport& report);

// S2 summed over the reported years for the query's scope (the queried member, else the
// network): the denominator of a top supplier's share.
core::Pence ReportS2(const metrics::MeasureReport& report);

// Supplier facts as words: "yes"/"no"/"unknown"; diverse flags joined ("women, disabled").
std::string DiverseText(const store::SupplierRecord& s);

// "ethnic-minority" -> "ethnic_minority": keys in JSON and CSV are snake_case.
std::string SnakeCase(std::string_view name);

struct MeasureDefinition {
  const char* id;
  const char* name;
  const char* numerator;
  const char* denominator;
  const char* notes;  // exclusions and how unknown spend is shown
};
// T1, S1, S2, S3, S3L, S4, S6, S7, S7b, S8, S9 and the coverage, in report order.
const std::vector<MeasureDefinition>& MeasureDefinitions();

}  // namespace anchornet::report::internal
