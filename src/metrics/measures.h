// The procurement measures of docs/metrics.md (S1-S4, S6-S9) and the goals set on them, computed
// from the store's payment lines and resolved suppliers.
//
// One pass over the lines: each line is classified by its expense type (the S1/S2 rules) and its
// supplier's facts, and added to the totals of its member x financial year x quarter. Network
// figures are the sum over members, except that payments from one member to another are not the
// network's third-party spend (S1 "between members").
//
// Thread-safety: pure over a Store used by the calling thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/coverage.h"
#include "core/error.h"
#include "core/money.h"
#include "core/network.h"
#include "core/returns.h"
#include "core/supplier.h"
#include "metrics/returns.h"
#include "store/store.h"

namespace anchornet::metrics {

// Definition versions, printed with every figure (docs/metrics.md).
inline constexpr int kMeasuresVersion = 1;

// A rule that takes spend out of S1 (stage "S1") or S2 (stage "S2"), as applied: the network
// file's rules over the defaults (DefaultRules).
struct AppliedRule {
  std::string id;
  core::RuleStage stage = core::RuleStage::kS2;
  std::optional<core::RuleMatch> match;
  std::vector<std::string> patterns;
  std::string reason;
  std::string member;  // "" for every member
  bool is_default = false;
};

// The UK defaults (docs/metrics.md, "S1" and "S2"): payroll, pensions, HMRC, financing, internal
// recharges (S1); public bodies and other members, personal payees, grants, rates and taxes,
// statutory fees (S2).
const std::vector<AppliedRule>& DefaultRules();
// The rules in force: defaults, replaced or switched off by the network's [[rules]] with the
// same id (network-wide, or for one member).
std::vector<AppliedRule> RulesInForce(const core::Network& network);

// A sum of payment lines.
struct Amount {
  core::Pence pence = 0;
  std::int64_t lines = 0;
  void Add(core::Pence p) {
    pence += p;
    ++lines;
  }
  void Add(const Amount& o) {
    pence += o.pence;
    lines += o.lines;
  }
};

// One step of the bridge from payments (T1) to S1 and on to S2.
struct BridgeStep {
  std::string rule;  // AppliedRule::id, or "between-members" at network level
  core::RuleStage stage = core::RuleStage::kS1;
  std::string reason;
  Amount amount;
};

// How far each measure's figure can be trusted (core/coverage.h): judged from the coverage of
// the fact the measure needs, against the network's `coverage_warning_below`. T1, S1, S2 and S9
// need no supplier fact and have no confidence.
struct MeasureConfidence {
  core::Confidence s3 = core::Confidence::kNotKnown;   // size known (S3, its bands)
  core::Confidence s3l = core::Confidence::kNotKnown;  // the weaker of size and location known
  core::Confidence s4 = core::Confidence::kNotKnown;   // ownership known (basis coverage)
  core::Confidence s6 = core::Confidence::kNotKnown;   // VCSE status known
  core::Confidence s7 = core::Confidence::kNotKnown;   // location known (S7, S7b)
  core::Confidence s8 = core::Confidence::kNotKnown;   // LSOA known

  // The confidence of a measure id ("S3", "S7b", ...); empty for one with no coverage (T1, S1,
  // S2, S9) or an id that is not a spend measure.
  std::optional<core::Confidence> Of(std::string_view measure) const;
};

// Every measure for one scope (a member or the network) and one period (a financial year, or
// a quarter of it). Shares and coverages are derived by the accessors below, never stored.
struct MeasureValues {
  Amount t1;  // payments as published
  Amount s1;  // third-party spend
  Amount s2;  // addressable spend
  std::vector<BridgeStep> bridge;  // T1 -> S1 -> S2, in rule order; sums exactly
  // S3: S2 by the supplier's size band (index core::SizeBand); unknown included.
  std::array<Amount, core::kSizeBandCount> by_size;
  Amount msme;        // micro + small + medium + sme
  Amount msme_local;  // S3L
  // S4: S2 with diverse-owned suppliers, any flag and by flag; evidence split.
  Amount diverse_any;
  std::array<Amount, core::kDiverseFlagCount> diverse_by_flag;
  Amount diverse_certified;
  Amount diverse_self_declared;
  Amount diverse_known;  // S2 whose supplier answered for at least one flag
  // S6
  Amount vcse;
  Amount vcse_known;
  // S7
  Amount local;
  Amount outside;  // S7b leakage: known to be outside the geography
  // S8
  Amount deprived_1;   // supplier LSOA in IMD decile 1
  Amount deprived_12;  // deciles 1-2
  Amount lsoa_known;
  // S9 (financial-year scopes only; zero for quarters)
  core::Pence top20 = 0;
  core::Pence top300 = 0;
  std::int64_t suppliers = 0;  // suppliers with positive S2 spend

  // Judged once by ComputeMeasures (JudgeConfidence) from the network's threshold; not known
  // until then.
  MeasureConfidence confidence;

  // Size known (any band but unknown) as a share of S2: the coverage every figure carries.
  Amount size_known() const;
};

// The S2 whose supplier has the fact `measure` needs known: size (S3), size and location, the
// smaller (S3L), ownership (S4), VCSE status (S6), location (S7, S7b), LSOA (S8). Empty for a
// measure with no coverage (T1, S1, S2, S9, anything else).
std::optional<core::Pence> KnownFor(std::string_view measure, const MeasureValues& v);

// The confidence of every measure of `v` (core::JudgeCoverage of KnownFor / S2 against
// `warning_below`, the network's coverage_warning_below).
MeasureConfidence JudgeConfidence(const MeasureValues& v, double warning_below);

// A fraction as numerator / denominator; empty when the denominator is zero.
std::optional<double> Share(core::Pence numerator, core::Pence denominator);

struct Period {
  int financial_year = 0;  // 2023 = FY 2023/24
  int quarter = 0;         // 1..4; 0 = the whole year
};

struct ScopeValues {
  std::string member;  // "" = the network
  Period period;
  MeasureValues values;
};

// Where a goal stands (docs/metrics.md, "Goals").
enum class GoalStatus : std::uint8_t {
  kOnTrack,     // at or above where a straight line to the target expects it
  kAtRisk,      // within 10% below the line
  kOffTrack,    // more than 10% below the line
  kAchieved,    // the target is reached
  kNotStarted,  // the goal's years have not begun
  kNoData,      // no figure in the goal's years
};
// "on-track", "at-risk", "off-track", "achieved", "not-started", "no-data": the spelling of JSON,
// CSV and the reports' class names.
std::string_view GoalStatusName(GoalStatus status);
std::string_view GoalStatusName(std::optional<GoalStatus> status);  // "" when there is none
std::optional<GoalStatus> ParseGoalStatus(std::string_view name);

// What a goal's figures come from.
enum class GoalSource : std::uint8_t {
  kPayments,  // members' payment files (S measures)
  kReturns,   // members' returns (W, E, C measures)
};
std::string_view GoalSourceName(GoalSource source);  // "payments", "returns"
std::optional<GoalSource> ParseGoalSource(std::string_view name);

// A goal evaluated: progress, the straight-line trajectory, and the status (docs/metrics.md,
// "Goals"). Values are in the measure's base unit: pence for money, people or items for counts,
// kilograms CO2e for carbon (`unit` says which).
struct GoalProgress {
  core::Goal goal;
  core::ReturnUnit unit = core::ReturnUnit::kPounds;
  GoalSource source = GoalSource::kPayments;
  GoalStatus status = GoalStatus::kNoData;
  std::string status_reason;  // plain words: why the status is what it is
  // Cumulative goals: the measure summed over from_fy..to_fy so far. Absolute goals: the figure of
  // the latest year with data in the range. `expected` is where a straight line from the start of
  // from_fy (from the year before's figure for absolute goals, else zero) to the target at the
  // end of to_fy stands at the as-at date.
  std::int64_t achieved = 0;
  std::int64_t target_value = 0;
  double expected_fraction = 0;  // 0..1 of the way from start to end of the goal at as_at
  std::int64_t expected = 0;
  std::int64_t baseline = 0;     // absolute goals: the figure the line starts from
  // Share goals: the share achieved (per member and year when the goal is per member or
  // network-wide per member; the worst member-year decides the status).
  std::optional<double> share;
  double target_share = 0;
  struct Row {  // per member x year for share goals, per year for absolute and cumulative goals
    std::string member;
    int financial_year = 0;
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
    std::optional<double> share;
    std::optional<GoalStatus> status;  // share goals only
    int reporting = 0;  // returns goals: members whose return carries the figure
  };
  std::vector<Row> rows;
  double coverage = 0;  // payments: size coverage of the spend behind the goal; returns: the
                        // share of members (in scope, over the years so far) who reported
  // How far `achieved` / `share` can be trusted (core/coverage.h): payments goals on a measure
  // with a coverage are judged on the coverage of the fact the measure needs (KnownFor) over the
  // goal's rows; returns goals on `coverage`; payments goals on S1/S2 are sufficient.
  core::Confidence confidence = core::Confidence::kNotKnown;
  std::string as_at;    // ISO date progress is measured at
  std::string basis;    // plain words: "payments, MSME spend (S3) over FY 2022/23-2024/25"
};

// One supplier's S2 within the report's filter, for the suppliers sheet and concentration.
struct SupplierSpend {
  std::int32_t supplier = -1;  // index into MeasureReport::suppliers
  Amount s2;
  Amount t1;
  std::vector<std::string> members;
};

// The supplier sizes a line filter accepts: a core::SizeBand, or any MSME band (core::IsMsme).
enum class SizeFilter : std::uint8_t { kMicro, kSmall, kMedium, kSme, kLarge, kUnknown, kMsme };
// "micro", "small", "medium", "sme", "large", "unknown", "msme".
std::string_view SizeFilterName(SizeFilter size);

// Which payment lines a report adds up, applied to every line before anything is added (T1
// included; docs/metrics.md, "Line filters"). A payee with no resolved supplier has size,
// location and local authority unknown. Default: every line.
struct LineFilter {
  std::optional<SizeFilter> size;  // the supplier's size band
  // "" (any), a GSS local-authority code (the supplier's local_authority equals it, e.g.
  // "E09000022"), or "inside" / "outside" / "unknown" (the supplier's `local` fact: S7 / S7b /
  // location unknown).
  std::string geography;
  // "" (any), or words that must occur in the line's expense type, matched as the rules match
  // (whole words in order, case ignored, a trailing '*' for any ending: "clean*").
  std::string category;

  bool active() const { return size.has_value() || !geography.empty() || !category.empty(); }
};

// Reads a line filter from its three texts (each "" when not given; case ignored, a GSS code is
// upper-cased). Errors: kUsage naming the parameter and listing the accepted values.
[[nodiscard]] core::Result<LineFilter> ParseLineFilter(std::string_view size,
                                                       std::string_view geography,
                                                       std::string_view category);

struct ReportQuery {
  std::optional<int> financial_year;  // empty: every year with data
  std::string member;                 // empty: every member and the network
  std::int64_t top_suppliers = 100;   // supplier rows in the report (S9 uses all)
  bool member_detail = true;          // the terminal table: each member's own tables too
  LineFilter filter;                  // only these lines are added up; goals are then skipped
};

struct MeasureReport {
  core::Network network;
  ReportQuery query;
  std::vector<AppliedRule> rules;
  std::vector<int> financial_years;      // the years reported, ascending
  std::vector<ScopeValues> scopes;       // network first, then members in network order; per
                                         // scope: each year then its quarters 1..4
  std::vector<GoalProgress> goals;
  std::vector<store::SupplierRecord> suppliers;  // every resolved supplier (no detail)
  std::vector<SupplierSpend> top_suppliers;      // by S2 descending
  std::optional<core::Date> first_paid, last_paid;
  ReturnTotals returns;  // members' returns, every year (goals on return measures read them)
  std::int64_t data_version = 0;
  bool resolved_now = false;  // suppliers were resolved again for this report
  // query.filter is active: every figure is over the filtered lines only and goals (which are
  // set on all of a scope's spend) are not evaluated (`goals` is empty). financial_years,
  // first_paid and last_paid stay those of all lines, so the years match the unfiltered report.
  bool filtered = false;

  const MeasureValues* Find(std::string_view member, int fy, int quarter) const;
};

// Resolves suppliers first when the data changed since the last resolution.
// Errors: kNoWorkspace, kUnknownMember, kUsage (a financial year with no data is fine: zeros),
// kStoreIo.
[[nodiscard]] core::Result<MeasureReport> ComputeMeasures(store::Store& store,
                                                          const ReportQuery& query);

// Goals alone, over a computed report (used by ComputeMeasures; exposed for tests). Spend goals
// are measured at `as_at` (the last payment date); goals on return measures at the end of the
// latest financial year with a return in the goal's range.
std::vector<GoalProgress> EvaluateGoals(const MeasureReport& report, core::Date as_at);

}  // namespace anchornet::metrics
