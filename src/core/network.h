// The network definition: who the members are, where home is, when the financial year starts,
// and (filled in by later work) goals and addressable-spend rules.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/coverage.h"
#include "core/date.h"
#include "core/error.h"
#include "core/returns.h"

namespace anchornet::core {

enum class Sector : std::uint8_t {
  kNhs,
  kLocalGovernment,
  kHigherEducation,
  kFurtherEducation,
  kTransport,
  kPoliceFire,
  kUtility,
  kHousing,
  kCultural,
  kFaith,
  kPrivate,
  kOther,
};

// "local-government" etc. The spelling used in network.toml.
std::string_view SectorName(Sector sector);
// Human label: "Local government".
std::string_view SectorLabel(Sector sector);
std::optional<Sector> ParseSector(std::string_view name);
// Every sector spelling accepted in network.toml, for error messages.
std::string SectorChoices();

struct Member {
  std::string id;    // short stable id: lowercase letters, digits and '-'
  std::string name;  // as the member names itself
  Sector sector = Sector::kOther;
  std::string geography;  // ONS code of the member's home area (optional)
};

// How a goal counts its measure (docs/network-file.md, "Goals").
enum class GoalKind : std::uint8_t {
  kCumulative,  // the measure summed over the goal's years
  kAbsolute,    // the figure to reach in the latest year
  kShare,       // a share (of S2, or C5 of C5T) every member reaches every year
};
// "cumulative", "absolute", "share": the spelling of network.toml, JSON and reports.
std::string_view GoalKindName(GoalKind kind);
std::optional<GoalKind> ParseGoalKind(std::string_view name);

// Share targets are held in parts per million: 300000 is 30%, 0.30 in network.toml.
inline constexpr std::int64_t kShareTargetScale = 1'000'000;

// A goal as written in the network file. Evaluated by metrics/ (issue: measures and goals).
struct Goal {
  std::string id;
  std::string measure;  // metric id from docs/metrics.md, e.g. "S3"
  GoalKind kind = GoalKind::kCumulative;
  // Absolute and cumulative goals: in the measure's base unit (GoalUnit): pence for money,
  // people or items for counts, kilograms CO2e for tonnes. Share goals: parts per million.
  std::int64_t target = 0;
  std::string member;   // empty for a network-wide goal
  int from_fy = 0;      // first financial year counted
  int to_fy = 0;        // last financial year counted
  std::string description;
};

// The unit a goal's measure is written in: pounds for payment measures (S1-S8), the return
// measure's unit otherwise (a count when the measure is not known).
ReturnUnit GoalUnit(const Goal& goal);

// A target as written in network.toml, in the goal's unit ("1170000000.01" pounds, "18000"
// people, "60000.5" tonnes) or as a fraction for share goals ("0.30"), into Goal.target exactly:
// no binary floating point on the way. Empty optional, with `why` set, when the text is not a
// plain non-negative decimal or has more decimals than the unit holds (2 for pounds, 3 for
// tonnes, 0 for counts, 6 for shares).
std::optional<std::int64_t> ParseGoalTarget(std::string_view text, GoalKind kind, ReturnUnit unit,
                                            std::string* why);
// Goal.target written back the same way, shortest exact form with at least one decimal
// ("1170000000.01", "10800000000.0", "0.3", "18000.0").
std::string FormatGoalTarget(const Goal& goal);
// Goal.target in the goal's unit as a number (pounds, people, tonnes, or a fraction 0..1), for
// JSON and charts.
double GoalTargetInUnit(const Goal& goal);

// Which spend an addressable-spend rule takes out (docs/metrics.md, "S1" and "S2").
enum class RuleStage : std::uint8_t {
  kS1,  // not third-party spend
  kS2,  // not addressable
};
std::string_view RuleStageName(RuleStage stage);  // "S1", "S2"
std::optional<RuleStage> ParseRuleStage(std::string_view name);

// What a rule's patterns are matched against.
enum class RuleMatch : std::uint8_t {
  kExpenseType,  // the line's expense type or description
  kPayee,        // the payee's name
  kPayeeKind,    // the payee's kind (personal, redacted)
};
// "expense-type", "payee", "payee-kind"; "" for a rule that names none (it keeps the match of
// the default rule it replaces).
std::string_view RuleMatchName(std::optional<RuleMatch> match);
std::optional<RuleMatch> ParseRuleMatch(std::string_view name);

// An addressable-spend exclusion rule as written in the network file (evaluated by metrics/).
// A rule with the id of a default rule (metrics::DefaultRules) replaces it, network-wide or for
// one member; `enabled = false` switches it off.
struct SpendRule {
  std::string id;
  RuleStage stage = RuleStage::kS2;
  std::optional<RuleMatch> match;  // none: the replaced default's
  std::vector<std::string> patterns;
  std::string reason;
  std::string member;  // empty: applies to every member
  bool enabled = true;
};

struct Network {
  std::string name;
  MonthDay financial_year_start;             // 1 April unless the file says otherwise
  std::string geography_name;                // e.g. "London"
  std::vector<std::string> geography_codes;  // ONS codes, e.g. the 33 London boroughs
  std::vector<Member> members;
  std::vector<Goal> goals;
  std::vector<SpendRule> rules;
  bool synthetic = false;  // true for the generated demo: every output says so
  // Figures whose coverage is below this share carry a low-coverage warning wherever they show;
  // a coverage of zero is "not known" whatever this is (core/coverage.h).
  double coverage_warning_below = kDefaultCoverageWarningBelow;

  const Member* FindMember(std::string_view id) const;
  // The member `id`. Errors: kUnknownMember (UnknownMember's message).
  [[nodiscard]] Result<const Member*> RequireMember(std::string_view id) const;
};

// The one "no such member" error, wherever a member id is checked (CLI flags, API parameters,
// files, the store): code kUnknownMember, one wording, the id in `where.member`. `where` says
// where the id was read (a file, a line), when it was.
Error UnknownMember(std::string_view member, Location where = {});

}  // namespace anchornet::core
