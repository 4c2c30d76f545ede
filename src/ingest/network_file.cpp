#include "ingest/network_file.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/returns.h"
#include "core/text.h"

namespace anchornet::ingest {

namespace {

class Checker {
 public:
  explicit Checker(std::vector<NetworkProblem>& problems) : problems_(problems) {}

  void Add(const toml::node& node, std::string message) {
    problems_.push_back({static_cast<std::int64_t>(node.source().begin.line),
                         static_cast<std::int32_t>(node.source().begin.column),
                         std::move(message)});
  }
  void AddAt(const toml::source_region& where, std::string message) {
    problems_.push_back({static_cast<std::int64_t>(where.begin.line),
                         static_cast<std::int32_t>(where.begin.column), std::move(message)});
  }

  // Reads a string key; records a problem if present but not a string, or required and absent.
  std::string String(const toml::table& t, std::string_view key, bool required,
                     std::string_view context) {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
      if (required) AddAt(t.source(), fmt::format("{} needs `{} = \"...\"`", context, key));
      return {};
    }
    if (auto v = n->value<std::string>()) {
      if (required && core::Trim(*v).empty()) Add(*n, fmt::format("`{}` must not be empty", key));
      return *v;
    }
    Add(*n, fmt::format("`{}` must be a quoted string", key));
    return {};
  }

  void UnknownKeys(const toml::table& t, std::initializer_list<std::string_view> known,
                   std::string_view context) {
    for (const auto& [key, node] : t) {
      bool ok = false;
      for (std::string_view k : known) ok = ok || key.str() == k;
      if (!ok) {
        std::string list;
        for (std::string_view k : known) list += fmt::format("{}{}", list.empty() ? "" : ", ", k);
        Add(node, fmt::format("unknown key `{}` in {} (known keys: {})", key.str(), context, list));
      }
    }
  }

 private:
  std::vector<NetworkProblem>& problems_;
};

bool IsMemberId(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return id.front() != '-' && id.back() != '-';
}

// ONS GSS codes: a letter, two digits, six digits (E09000022).
bool IsGssCode(std::string_view code) {
  if (code.size() != 9 || !(code[0] >= 'A' && code[0] <= 'Z')) return false;
  for (char c : code.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The text of a value as written in `text` (its source region), e.g. "1_170_000_000.01".
std::string_view ValueText(std::string_view text, const toml::node& node) {
  std::size_t at = 0;
  for (std::uint32_t line = 1; line < node.source().begin.line && at < text.size(); ++at) {
    if (text[at] == '\n') ++line;
  }
  // Columns count code points: skip UTF-8 continuation bytes.
  for (std::uint32_t column = 1; column < node.source().begin.column && at < text.size();) {
    ++at;
    if (at >= text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) ++column;
  }
  std::size_t end = at;
  while (end < text.size() &&
         std::string_view(" \t\r\n,#]}").find(text[end]) == std::string_view::npos) {
    ++end;
  }
  return text.substr(at, end - at);
}

int FinancialYearKey(Checker& check, const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (n == nullptr) {
    check.AddAt(t.source(), fmt::format("goal needs `{} = \"2024/25\"`", key));
    return 0;
  }
  if (auto s = n->value<std::string>()) {
    if (auto fy = core::ParseFinancialYear(*s)) return *fy;
  }
  check.Add(*n, fmt::format("`{}` must be a financial year such as \"2024/25\"", key));
  return 0;
}

}  // namespace

NetworkParse ParseNetworkText(std::string_view text, std::string_view file_name) {
  NetworkParse out;
  out.source = std::string(text);
  Checker check(out.problems);
  toml::parse_result parsed = toml::parse(text, file_name);
  if (!parsed) {
    check.AddAt(parsed.error().source(), std::string(parsed.error().description()));
    return out;
  }
  const toml::table& root = parsed.table();
  core::Network& net = out.network;
  check.UnknownKeys(
      root, {"name", "financial_year_start", "synthetic", "coverage_warning_below", "geography",
             "members", "goals", "rules"},
      "the network file");
  net.name = check.String(root, "name", true, "the network");
  if (const toml::node* fy = root.get("financial_year_start")) {
    auto s = fy->value<std::string>();
    auto md = s ? core::ParseMonthDay(*s) : std::nullopt;
    if (md) {
      net.financial_year_start = *md;
    } else {
      check.Add(*fy, "`financial_year_start` must be month-day like \"04-01\" (1 April)");
    }
  }
  if (const toml::node* syn = root.get("synthetic")) {
    if (auto b = syn->value<bool>()) {
      net.synthetic = *b;
    } else {
      check.Add(*syn, "`synthetic` must be true or false");
    }
  }
  if (const toml::node* cov = root.get("coverage_warning_below")) {
    auto v = cov->value<double>();
    if (v && *v >= 0.0 && *v <= 1.0) {
      net.coverage_warning_below = *v;
    } else {
      check.Add(*cov, "`coverage_warning_below` must be a fraction from 0 to 1, such as 0.5");
    }
  }
  if (const toml::node* geo = root.get("geography")) {
    if (const toml::table* g = geo->as_table()) {
      check.UnknownKeys(*g, {"name", "codes"}, "[geography]");
      net.geography_name = check.String(*g, "name", false, "[geography]");
      if (const toml::node* codes = g->get("codes")) {
        if (const toml::array* arr = codes->as_array()) {
          for (const toml::node& c : *arr) {
            auto s = c.value<std::string>();
            if (s && IsGssCode(*s)) {
              net.geography_codes.push_back(*s);
            } else {
              check.Add(c, "geography codes must be ONS codes such as \"E09000022\"");
            }
          }
        } else {
          check.Add(*codes, "`codes` must be a list of ONS codes");
        }
      }
    } else {
      check.Add(*geo, "`geography` must be a table: [geography]");
    }
  }
  std::set<std::string> ids;
  if (const toml::node* members = root.get("members")) {
    const toml::array* arr = members->as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      check.Add(*members, "members must be written as [[members]] tables");
    } else {
      for (const toml::node& node : *arr) {
        const toml::table& t = *node.as_table();
        check.UnknownKeys(t, {"id", "name", "sector", "geography"}, "[[members]]");
        core::Member m;
        m.id = check.String(t, "id", true, "each member");
        m.name = check.String(t, "name", true, "each member");
        const std::string sector = check.String(t, "sector", true, "each member");
        m.geography = check.String(t, "geography", false, "each member");
        if (!m.id.empty() && !IsMemberId(m.id)) {
          check.Add(*t.get("id"), fmt::format("member id '{}' must be lower-case letters, digits "
                                              "and '-', like \"hyndburn\" or \"nhs-guys\"",
                                              m.id));
        } else if (!m.id.empty() && !ids.insert(m.id).second) {
          check.Add(*t.get("id"), fmt::format("member id '{}' is used twice", m.id));
        }
        if (!sector.empty()) {
          if (auto s = core::ParseSector(sector)) {
            m.sector = *s;
          } else {
            check.Add(*t.get("sector"), fmt::format("unknown sector '{}'; use one of: {}", sector,
                                                    core::SectorChoices()));
          }
        }
        if (!m.geography.empty() && !IsGssCode(m.geography)) {
          check.Add(*t.get("geography"),
                    "a member's geography must be an ONS code such as "
                    "\"E09000022\"");
        }
        net.members.push_back(std::move(m));
      }
    }
  }
  if (net.members.empty()) {
    check.AddAt(root.source(), "the network has no members: add at least one [[members]] table");
  }
  if (const toml::node* goals = root.get("goals")) {
    const toml::array* arr = goals->as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      check.Add(*goals, "goals must be written as [[goals]] tables");
    } else {
      std::set<std::string> goal_ids;
      for (const toml::node& node : *arr) {
        const toml::table& t = *node.as_table();
        check.UnknownKeys(
            t, {"id", "measure", "kind", "target", "member", "from_fy", "to_fy", "description"},
            "[[goals]]");
        core::Goal g;
        g.id = check.String(t, "id", true, "each goal");
        if (!g.id.empty() && !goal_ids.insert(g.id).second) {
          check.Add(*t.get("id"), fmt::format("goal id '{}' is used twice", g.id));
        }
        g.measure = check.String(t, "measure", true, "each goal");
        const std::string kind = check.String(t, "kind", true, "each goal");
        const std::optional<core::GoalKind> parsed_kind = core::ParseGoalKind(kind);
        if (parsed_kind) {
          g.kind = *parsed_kind;
        } else if (!kind.empty()) {
          check.Add(*t.get("kind"),
                    "goal kind must be \"cumulative\" (the measure summed over the years), "
                    "\"absolute\" (the figure to reach in the latest year) or \"share\" (a "
                    "fraction such as 0.30)");
        }
        if (!g.measure.empty()) {
          const bool spend = core::IsSpendGoalMeasure(g.measure);
          const auto info = core::FindAnyReturnMeasure(g.measure);
          if (!spend && !info) {
            check.Add(*t.get("measure"),
                      fmt::format("goal measure '{}' is not a measure goals can be set on "
                                  "(S1 S2 S3 S3L S4 S6 S7 S8, or a return measure such as W1, "
                                  "W2P, W3S, E1, E2, E2CUM, C5; docs/metrics.md)",
                                  g.measure));
          } else if (info) {
            g.measure = info->id;
            if (parsed_kind == core::GoalKind::kShare && info->id != "C5") {
              check.Add(*t.get("kind"),
                        fmt::format("a share goal needs a measure with a denominator (S "
                                    "measures of S2, or C5 of C5T); '{}' has none",
                                    info->id));
            }
            if (parsed_kind == core::GoalKind::kCumulative &&
                info->flow == core::MeasureFlow::kStock) {
              check.Add(*t.get("kind"),
                        fmt::format("'{}' is a level at the period end and is never added over "
                                    "years: use kind = \"absolute\"",
                                    info->id));
            }
          }
        }
        if (const toml::node* target = t.get("target")) {
          if (target->is_number()) {
            // Exactly as written: the number's own text, never a binary float of it.
            const std::string written = target->is_integer()
                                            ? std::to_string(*target->value<std::int64_t>())
                                            : std::string(ValueText(text, *target));
            std::string why;
            const bool share = g.kind == core::GoalKind::kShare;
            if (auto v = core::ParseGoalTarget(written, g.kind, core::GoalUnit(g), &why)) {
              g.target = *v;
              if (share && (*v <= 0 || *v > core::kShareTargetScale)) {
                check.Add(*target,
                          "a share goal's target is a fraction between 0 and 1, e.g. 0.30");
              }
            } else if (parsed_kind && (core::IsSpendGoalMeasure(g.measure) ||
                                       core::FindAnyReturnMeasure(g.measure))) {
              check.Add(*target, fmt::format("`target` {} is {} ({})", written, why,
                                             share ? "a share is held to 6 decimals"
                                                   : "targets are held in pence, kilograms CO2e "
                                                     "or whole people and items"));
            }
          } else {
            check.Add(*target, "`target` must be a number");
          }
        } else {
          check.AddAt(t.source(), "each goal needs `target = ...`");
        }
        g.member = check.String(t, "member", false, "each goal");
        g.from_fy = FinancialYearKey(check, t, "from_fy");
        g.to_fy = FinancialYearKey(check, t, "to_fy");
        if (g.from_fy != 0 && g.to_fy != 0 && g.to_fy < g.from_fy) {
          check.Add(*t.get("to_fy"), "`to_fy` is before `from_fy`");
        }
        g.description = check.String(t, "description", false, "each goal");
        net.goals.push_back(std::move(g));
      }
    }
  }
  if (const toml::node* rules = root.get("rules")) {
    const toml::array* arr = rules->as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      check.Add(*rules, "rules must be written as [[rules]] tables");
    } else {
      for (const toml::node& node : *arr) {
        const toml::table& t = *node.as_table();
        check.UnknownKeys(t, {"id", "stage", "match", "patterns", "reason", "member", "enabled"},
                          "[[rules]]");
        core::SpendRule r;
        r.id = check.String(t, "id", true, "each rule");
        const bool enabled = t.get("enabled") ? t.get("enabled")->value_or(true) : true;
        const std::string match = check.String(t, "match", enabled, "each rule");
        r.match = core::ParseRuleMatch(match);
        if (!match.empty() && !r.match) {
          check.Add(*t.get("match"),
                    "rule `match` must be \"expense-type\", \"payee\" or \"payee-kind\"");
        }
        if (const toml::array* pats = t.get_as<toml::array>("patterns")) {
          for (const toml::node& p : *pats) {
            if (auto s = p.value<std::string>()) {
              r.patterns.push_back(*s);
            } else {
              check.Add(p, "patterns must be strings");
            }
          }
        } else if (enabled) {
          check.AddAt(t.source(), "each rule needs `patterns = [\"...\"]`");
        }
        if (const toml::node* e = t.get("enabled"); e && !e->is_boolean()) {
          check.Add(*e, "rule `enabled` must be true or false");
        }
        r.enabled = enabled;
        if (const toml::node* st = t.get("stage")) {
          if (auto stage = core::ParseRuleStage(st->value_or(std::string()))) {
            r.stage = *stage;
          } else {
            check.Add(*st, "rule `stage` must be \"S1\" (not third-party spend) or \"S2\" (not "
                           "addressable)");
          }
        }
        // A rule that only switches a default off needs no patterns or reason.
        r.reason = check.String(t, "reason", enabled, "each rule");
        r.member = check.String(t, "member", false, "each rule");
        net.rules.push_back(std::move(r));
      }
    }
  }
  // Cross-references: goals and rules name members that exist.
  for (std::size_t i = 0; i < net.goals.size(); ++i) {
    const core::Goal& g = net.goals[i];
    if (!g.member.empty() && ids.count(g.member) == 0) {
      const toml::array* arr = root.get_as<toml::array>("goals");
      check.Add(
          *arr->get(i)->as_table()->get("member"),
          fmt::format("goal '{}' names member '{}', which is not in [[members]]", g.id, g.member));
    }
  }
  for (std::size_t i = 0; i < net.rules.size(); ++i) {
    const core::SpendRule& r = net.rules[i];
    if (!r.member.empty() && ids.count(r.member) == 0) {
      const toml::array* arr = root.get_as<toml::array>("rules");
      check.Add(
          *arr->get(i)->as_table()->get("member"),
          fmt::format("rule '{}' names member '{}', which is not in [[members]]", r.id, r.member));
    }
  }
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const NetworkProblem& a, const NetworkProblem& b) {
                     return a.line != b.line ? a.line < b.line : a.column < b.column;
                   });
  return out;
}

core::Result<NetworkParse> ReadNetworkFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::Fail(core::ErrorCode::kFileNotFound, "cannot open the network file", {path});
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return core::Fail(core::ErrorCode::kFileUnreadable, "cannot read the network file", {path});
  }
  return ParseNetworkText(text.str(), path);
}

core::Error ProblemsToError(const std::string& file_name,
                            const std::vector<NetworkProblem>& problems) {
  std::string message = fmt::format("{} problem{} in the network file:", problems.size(),
                                    problems.size() == 1 ? "" : "s");
  for (const NetworkProblem& p : problems) {
    message += fmt::format("\n  {}:{}:{}: {}", file_name, p.line, p.column, p.message);
  }
  return core::Error{core::ErrorCode::kConfigInvalid, message, {file_name}};
}

}  // namespace anchornet::ingest
