#include "core/network.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>

#include "core/text.h"

namespace anchornet::core {

namespace {
struct SectorInfo {
  Sector sector;
  std::string_view name;
  std::string_view label;
};
constexpr std::array<SectorInfo, 12> kSectors = {{
    {Sector::kNhs, "nhs", "NHS"},
    {Sector::kLocalGovernment, "local-government", "Local government"},
    {Sector::kHigherEducation, "higher-education", "Higher education"},
    {Sector::kFurtherEducation, "further-education", "Further education"},
    {Sector::kTransport, "transport", "Transport"},
    {Sector::kPoliceFire, "police-fire", "Police and fire"},
    {Sector::kUtility, "utility", "Utility"},
    {Sector::kHousing, "housing", "Housing"},
    {Sector::kCultural, "cultural", "Cultural"},
    {Sector::kFaith, "faith", "Faith"},
    {Sector::kPrivate, "private", "Private"},
    {Sector::kOther, "other", "Other"},
}};
}  // namespace

std::string_view SectorName(Sector sector) {
  for (const auto& s : kSectors) {
    if (s.sector == sector) return s.name;
  }
  return "other";
}

std::string_view SectorLabel(Sector sector) {
  for (const auto& s : kSectors) {
    if (s.sector == sector) return s.label;
  }
  return "Other";
}

std::optional<Sector> ParseSector(std::string_view name) {
  for (const auto& s : kSectors) {
    if (s.name == name) return s.sector;
  }
  return std::nullopt;
}

std::string SectorChoices() {
  std::string out;
  for (const auto& s : kSectors) {
    if (!out.empty()) out += ", ";
    out += s.name;
  }
  return out;
}

namespace {

// One table per closed set: the value and its spelling in network.toml, JSON and reports.
template <typename E>
struct Spelling {
  E value;
  std::string_view name;
};

constexpr std::array<Spelling<GoalKind>, 3> kGoalKinds = {{
    {GoalKind::kCumulative, "cumulative"},
    {GoalKind::kAbsolute, "absolute"},
    {GoalKind::kShare, "share"},
}};
constexpr std::array<Spelling<RuleStage>, 2> kRuleStages = {{
    {RuleStage::kS1, "S1"},
    {RuleStage::kS2, "S2"},
}};
constexpr std::array<Spelling<RuleMatch>, 3> kRuleMatches = {{
    {RuleMatch::kExpenseType, "expense-type"},
    {RuleMatch::kPayee, "payee"},
    {RuleMatch::kPayeeKind, "payee-kind"},
}};

template <typename E, std::size_t N>
std::string_view NameIn(const std::array<Spelling<E>, N>& table, E value) {
  for (const auto& s : table) {
    if (s.value == value) return s.name;
  }
  return {};
}

template <typename E, std::size_t N>
std::optional<E> ParseIn(const std::array<Spelling<E>, N>& table, std::string_view name) {
  for (const auto& s : table) {
    if (s.name == name) return s.value;
  }
  return std::nullopt;
}

// Decimal places Goal.target holds in `unit` (or for a share).
int TargetDecimals(GoalKind kind, ReturnUnit unit) {
  if (kind == GoalKind::kShare) return 6;  // kShareTargetScale
  switch (unit) {
    case ReturnUnit::kPounds:
      return 2;
    case ReturnUnit::kTonnes:
      return 3;
    case ReturnUnit::kCount:
      return 0;
  }
  return 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::int64_t PowerOfTen(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace

std::string_view GoalKindName(GoalKind kind) { return NameIn(kGoalKinds, kind); }
std::optional<GoalKind> ParseGoalKind(std::string_view name) { return ParseIn(kGoalKinds, name); }
std::string_view RuleStageName(RuleStage stage) { return NameIn(kRuleStages, stage); }
std::optional<RuleStage> ParseRuleStage(std::string_view name) {
  return ParseIn(kRuleStages, name);
}
std::string_view RuleMatchName(std::optional<RuleMatch> match) {
  return match ? NameIn(kRuleMatches, *match) : std::string_view();
}
std::optional<RuleMatch> ParseRuleMatch(std::string_view name) {
  return ParseIn(kRuleMatches, name);
}

ReturnUnit GoalUnit(const Goal& goal) {
  if (IsSpendGoalMeasure(goal.measure)) return ReturnUnit::kPounds;
  const auto info = FindAnyReturnMeasure(goal.measure);
  return info ? info->unit : ReturnUnit::kCount;
}

std::optional<std::int64_t> ParseGoalTarget(std::string_view text, GoalKind kind, ReturnUnit unit,
                                            std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<std::int64_t> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  std::string_view t = Trim(text);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  if (!t.empty() && t.front() == '-') return fail("negative");
  const int decimals = TargetDecimals(kind, unit);
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t value = 0;
  int seen_decimals = 0;
  bool in_fraction = false, digits = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '_' && i > 0 && i + 1 < t.size() && IsDigit(t[i - 1]) && IsDigit(t[i + 1])) continue;
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (c == 'e' || c == 'E') return fail("written with an exponent: write the plain number");
    if (!IsDigit(c)) return fail("not a number");
    digits = true;
    const int d = c - '0';
    if (in_fraction && ++seen_decimals > decimals) {
      if (d != 0) {
        return fail(decimals == 0 ? "not a whole number"
                                  : fmt::format("more than {} decimals", decimals));
      }
      continue;
    }
    if (value > (kMax - d) / 10) return fail("too large");
    value = value * 10 + d;
  }
  if (!digits) return fail("not a number");
  for (int i = std::min(seen_decimals, decimals); i < decimals; ++i) {
    if (value > kMax / 10) return fail("too large");
    value *= 10;
  }
  return value;
}

std::string FormatGoalTarget(const Goal& goal) {
  const int decimals = TargetDecimals(goal.kind, GoalUnit(goal));
  const std::int64_t scale = PowerOfTen(decimals);
  std::string fraction =
      decimals == 0 ? std::string() : fmt::format("{:0{}}", goal.target % scale, decimals);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return fmt::format("{}.{}", goal.target / scale, fraction.empty() ? "0" : fraction);
}

double GoalTargetInUnit(const Goal& goal) {
  return static_cast<double>(goal.target) /
         static_cast<double>(PowerOfTen(TargetDecimals(goal.kind, GoalUnit(goal))));
}

const Member* Network::FindMember(std::string_view id) const {
  for (const Member& m : members) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

Result<const Member*> Network::RequireMember(std::string_view id) const {
  const Member* m = FindMember(id);
  if (m == nullptr) return tl::unexpected(UnknownMember(id));
  return m;
}

Error UnknownMember(std::string_view member, Location where) {
  where.member = std::string(member);
  return Error{ErrorCode::kUnknownMember,
               fmt::format("no member '{}' in this network (`anchornet network show` lists them)",
                           member),
               std::move(where)};
}

}  // namespace anchornet::core
