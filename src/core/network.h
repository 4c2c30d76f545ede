// The network definition: who the members are, where home is, when the financial year starts,
// and (filled in by later work) goals and addressable-spend rules.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/coverage.h"
#include "core/date.h"
#include "core/error.h"

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

// A goal as written in the network file. Evaluated by metrics/ (issue: measures and goals).
struct Goal {
  std::string id;
  std::string measure;  // metric id from docs/metrics.md, e.g. "S3"
  std::string kind;     // "absolute" or "share"
  double target = 0;    // pounds for absolute goals, a fraction (0.30) for share goals
  std::string member;   // empty for a network-wide goal
  int from_fy = 0;      // first financial year counted
  int to_fy = 0;        // last financial year counted
  std::string description;
};

// An addressable-spend exclusion rule as written in the network file (evaluated by metrics/).
// A rule with the id of a default rule (metrics::DefaultRules) replaces it, network-wide or for
// one member; `enabled = false` switches it off.
struct SpendRule {
  std::string id;
  std::string stage = "S2";  // "S1": not third-party spend; "S2": not addressable
  std::string match;         // "expense-type", "payee", "payee-kind"
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
