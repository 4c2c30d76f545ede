// What the impact report's renderers (impact_report.cpp for HTML and Markdown, impact_xlsx.cpp)
// share: the title, the year's dates, member and goal words, status labels and UK-style dates.
// Private to src/report/.
//
// Thread-safety: pure functions and constant data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "metrics/impact.h"

namespace anchornet::report::internal {

inline constexpr const char* kImpactSyntheticBanner =
    "SYNTHETIC DEMO DATA: generated members, payments and returns; not a real network's figures.";

// "Riverside Anchor Network — impact report FY 2023/24".
std::string ImpactTitle(const metrics::ImpactReport& r);
// "1 Apr 2023 to 31 Mar 2024": the report's financial year.
std::string ImpactYearSpan(const metrics::ImpactReport& r);

// "31 Mar 2024" from "2024-03-31" (a time part is ignored); the text as given when it is not a
// date.
std::string UkDate(std::string_view iso);
// The text with every ISO date that stands as a word ("imported 2025-06-01,") written UK style;
// dates inside file names ("lambeth_2023-04-01.csv") are left alone.
std::string UkDates(std::string_view text);

// The member's name, the id when the network does not know it, "Whole network" for "".
std::string MemberName(const metrics::ImpactReport& r, std::string_view member);

// "On track", "At risk", "Off track", "Achieved", "Not started", "No data".
std::string StatusLabel(metrics::GoalStatus status);
// "the network" or the member's name.
std::string GoalScope(const metrics::ImpactReport& r, const metrics::GoalProgress& g);
// "FY 2022/23 to 2024/25" or "FY 2023/24".
std::string GoalYears(const core::Goal& goal);
// A goal figure in the goal's unit: "£1.17bn", "7,200", "2,130 tCO2e".
std::string GoalValue(const metrics::GoalProgress& g, std::int64_t value);

// "73.4%", or "—" when there is no share.
std::string PercentText(std::optional<double> share);

// "—": a figure not reported (never shown as 0).
inline constexpr const char* kNotReported = "\u2014";

}  // namespace anchornet::report::internal
