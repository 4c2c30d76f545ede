// What the impact report's renderers (impact_html.cpp, impact_markdown.cpp, impact_xlsx.cpp)
// share: every word the report says about its numbers (headline figures, sentences and bases,
// trace lines, return statuses, "not known" and low-coverage warnings), the title and dates, and
// the helpers the HTML and Markdown layouts both use. metrics::ComputeImpact gives numbers and
// kinds; this is the one place they become words (decision 45). Private to src/report/.
//
// Thread-safety: pure functions and constant data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/impact.h"
#include "report/internal/confidence_words.h"

namespace anchornet::report::internal {

inline constexpr const char* kImpactSyntheticBanner =
    "SYNTHETIC DEMO DATA: generated members, payments and returns; not a real network's figures.";

// "—": a figure not reported (never shown as 0).
inline constexpr const char* kNotReported = "\u2014";
// A figure whose coverage is zero: not known, never zero (core/coverage.h); the words every
// renderer uses (internal/confidence_words.h).
inline constexpr const char* kNotKnown = kNotKnownText;
// Marks a figure shown despite low coverage.
inline constexpr const char* kLowMark = "\u26a0";

// How dates inside the report's words are written: ISO in the XLSX and JSON, UK style on pages.
enum class DateStyle : std::uint8_t { kIso, kUk };

// "Riverside Anchor Network — impact report FY 2023/24".
std::string ImpactTitle(const metrics::ImpactReport& r);
// "1 Apr 2023 to 31 Mar 2024": the report's financial year.
std::string ImpactYearSpan(const metrics::ImpactReport& r);
// "FY 2023/24".
std::string FyText(int fy);

// "31 Mar 2024" from "2024-03-31" (a time part is ignored); the text as given when it is not a
// date.
std::string UkDate(std::string_view iso);
// "1 June 2025 at 09:30 UTC" from generated_at; "(no date)" when there is none.
std::string GeneratedText(const metrics::ImpactReport& r);

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
// "73%", or "not known": the whole percentages of headline sentences and bases.
std::string WholePercent(std::optional<double> share);

// ---- Coverage in words (one rule: core::JudgeCoverage, carried by metrics as FigureCoverage).

// "not known: supplier size is known for none of the addressable spend — load the registers".
std::string NotKnownText(const metrics::FigureCoverage& c);
// "low coverage: supplier size is known for only 12% of addressable spend, below the network's
// 50%"; "" unless the coverage is low.
std::string LowCoverageText(const metrics::ImpactReport& r, const metrics::FigureCoverage& c);
// A value as shown beside its coverage: "not known", "⚠ £1.2m" (low) or "£1.2m".
std::string CoveredValue(std::optional<std::int64_t> value, core::ReturnUnit unit,
                         const metrics::FigureCoverage& c);

// A goal's coverage in words: payments goals by the one rule (core::JudgeCoverage with the
// network's threshold; "not known: ..." at zero, a warning below it), returns goals as the share
// of members in scope who reported.
std::string GoalCoverageText(const metrics::ImpactReport& r, const metrics::GoalProgress& g);
// The same for a table cell: "73.0%", "⚠ 12.0%" or "not known".
std::string GoalCoverageCell(const metrics::ImpactReport& r, const metrics::GoalProgress& g);

// ---- Headlines.

// The figure as printed: "£1.9bn", "7,300", "20.8 tCO2e", "93%"; "not known" when its coverage is
// zero.
std::string HeadlineFigure(const metrics::Headline& h);
// The sentence: "£1.9bn with micro, small and medium businesses in two years, against a goal of
// £1.17bn over three years".
std::string HeadlineText(const metrics::ImpactReport& r, const metrics::Headline& h);
// "Payments (cash paid, excluding VAT where published) FY 2022/23 to FY 2023/24; supplier size
// known for 73% of addressable spend; payment files from 22 of 22 members".
std::string HeadlineBasis(const metrics::ImpactReport& r, const metrics::Headline& h);
// The low-coverage warning of a headline's figure; "" when there is none.
std::string HeadlineWarning(const metrics::ImpactReport& r, const metrics::Headline& h);

// ---- Trace, members, data quality, definitions.

// "lambeth.csv: 4,210 lines, paid 2023-04-01 to 2024-03-31, imported 2025-06-01".
std::string TraceText(const metrics::TraceItem& t, DateStyle dates);
// "submitted 3 May 2024", "2 of 4 quarters", "missing".
std::string ReturnStatusText(const metrics::ReturnStatus& s, DateStyle dates);
// The data-quality notes as sentences.
std::vector<std::string> QualityNotes(const metrics::ImpactReport& r);
// The report's definitions, the Real Living Wage's last when its rate is known.
std::vector<metrics::Definition> Definitions(const metrics::ImpactReport& r);
// A data-quality coverage: "73.4%", "⚠ 12.0% (below the network's 50%: ...)" or "not known
// (...)", by the coverage's confidence.
std::string CoverageValue(const metrics::ImpactReport& r, std::optional<double> share,
                          core::Confidence confidence);

// ---- Layout helpers shared by HTML and Markdown.

const metrics::Headline* FindHeadline(const metrics::ImpactReport& r, std::string_view id);
const metrics::GoalProgress* FindGoal(const metrics::ImpactReport& r, std::string_view id);
// "A3": the headline's entry in the appendix.
std::string AppendixRef(const metrics::ImpactReport& r, const metrics::Headline& h);
// An id attribute's text: lower-case letters, digits, '-' and '_'.
std::string Anchor(std::string_view prefix, std::string_view id);
// The value in its unit, or "—".
std::string Value(std::optional<std::int64_t> v, core::ReturnUnit unit);
// "3 of 4 reporting"; payments: "3 of 4 with payments".
std::string ReportingText(const metrics::ImpactReport& r, const metrics::ImpactSeries& s,
                          int reporting);
// A series' years (oldest first) and the report year's quarters.
std::vector<metrics::ImpactSeries::Point> YearPoints(const metrics::ImpactSeries& s);
std::vector<metrics::ImpactSeries::Point> QuarterPoints(const metrics::ImpactSeries& s);
// "£35.2m for the network in FY 2023/24 (12.0% of addressable spend)."; "not known: ..." when the
// year's coverage is zero, the low-coverage warning after it when low.
std::string SeriesSummary(const metrics::ImpactReport& r, const metrics::ImpactSeries& s);
// After a payments series' chart caption or tables: "; one whose coverage is zero is a gap marked
// “not known”, and ⚠ marks a figure whose coverage is below the network's 50%"; "" for returns.
std::string CoverageMarks(const metrics::ImpactReport& r, const metrics::ImpactSeries& s);
// "Source: payments (cash paid)" / "members' returns".
std::string_view SourceText(metrics::FigureSource source);
// The member table's words on MSME shares: "MSME share “not known”: no supplier's size is known;
// ⚠: size known for less than the network's 50% of addressable spend."
std::string MsmeShareLegend(const metrics::ImpactReport& r);
// A member's MSME share: "—" without payments or addressable spend, "not known" when no
// supplier's size is known, "⚠ 12.0%" when the size coverage is low.
std::string MsmeShareText(const metrics::ImpactMemberRow& m, bool no_payments);
bool PaymentsMissing(const metrics::ImpactReport& r, const metrics::ImpactMemberRow& row);
// "FY 2023/24" or "Q2 2023/24".
std::string FlaggedPeriod(const metrics::FlaggedFigure& f);
// A returns figure in its measure's unit.
std::string MeasureValueOf(std::string_view measure, std::int64_t value);
// "Spend files", "Registers", ...: the appendix's heading for a kind of input.
std::string KindHeading(metrics::TraceKind kind);
// The kinds present, in TraceKind order.
std::vector<metrics::TraceKind> KindsInOrder(const std::vector<metrics::TraceItem>& items);
// "network" or the member's name.
std::string TraceMember(const metrics::ImpactReport& r, const metrics::TraceItem& t);
// "#12", or "" when the input has no id.
std::string TraceRef(const metrics::TraceItem& t);

// One row of a headline's trace as shown.
struct TraceRow {
  std::string kind, member, text, ref;
};
// Spend files come one per member and month: past this many, a headline's trace gives one row
// per member (how many files, the first and last, their refs); "All inputs" lists every file.
inline constexpr std::size_t kFilesListed = 12;
std::size_t FileCount(const std::vector<metrics::TraceItem>& items);
std::vector<TraceRow> ShownTrace(const metrics::ImpactReport& r,
                                 const std::vector<metrics::TraceItem>& items);
// Every item (of `kind` when given) as a row.
std::vector<TraceRow> AllRows(const metrics::ImpactReport& r,
                              const std::vector<metrics::TraceItem>& items,
                              std::optional<metrics::TraceKind> kind);

}  // namespace anchornet::report::internal
