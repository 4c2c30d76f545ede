// The procurement measures and goals (metrics/measures.h; definitions in docs/metrics.md).
//
// metric: S1 S2 S3 S3L S4 S6 S7 S7b S8 S9
#include "metrics/measures.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "core/text.h"
#include "metrics/internal/classifier.h"
#include "resolve/resolver.h"

namespace anchornet::metrics {

namespace {

using core::Pence;
using internal::SupplierTraits;

AppliedRule Rule(std::string id, core::RuleStage stage, core::RuleMatch match,
                 std::vector<std::string> patterns, std::string reason) {
  AppliedRule r;
  r.id = std::move(id);
  r.stage = stage;
  r.match = match;
  r.patterns = std::move(patterns);
  r.reason = std::move(reason);
  r.is_default = true;
  return r;
}

// Adds one S2 line to the S3-S8 breakdowns of `v` by its supplier's traits.
void AddToBreakdowns(MeasureValues& v, const SupplierTraits& t, Pence amount) {
  v.by_size[static_cast<int>(t.size)].Add(amount);
  if (t.msme) {
    v.msme.Add(amount);
    if (t.local == core::Known::kYes) v.msme_local.Add(amount);
  }
  if (t.diverse_known) {
    v.diverse_known.Add(amount);
    if (t.diverse_yes) {
      v.diverse_any.Add(amount);
      for (int f = 0; f < core::kDiverseFlagCount; ++f) {
        if (t.diverse_yes & (1 << f)) v.diverse_by_flag[f].Add(amount);
      }
      (t.evidence == core::Evidence::kCertified ? v.diverse_certified : v.diverse_self_declared)
          .Add(amount);
    }
  }
  if (t.vcse != core::Known::kUnknown) {
    v.vcse_known.Add(amount);
    if (t.vcse == core::Known::kYes) v.vcse.Add(amount);
  }
  if (t.local == core::Known::kYes) v.local.Add(amount);
  if (t.local == core::Known::kNo) v.outside.Add(amount);
  if (t.decile > 0) {
    v.lsoa_known.Add(amount);
    if (t.decile == 1) v.deprived_1.Add(amount);
    if (t.decile <= 2) v.deprived_12.Add(amount);
  }
}

// Accumulators for one member x period (quarter), plus bridge amounts per rule.
struct Cell {
  MeasureValues values;
  std::vector<Amount> by_rule;         // excluded by rule i
  std::vector<Amount> member_by_rule;  // of which paid to another member (index rules: kept)
  // Paid to other members and excluded by no rule: in the member's S2 and its breakdowns, taken
  // out of the network's (only s1, s2 and the breakdowns are used).
  MeasureValues to_members_kept;
};

void AddValues(MeasureValues& into, const MeasureValues& v) {
  into.t1.Add(v.t1);
  into.s1.Add(v.s1);
  into.s2.Add(v.s2);
  for (int i = 0; i < core::kSizeBandCount; ++i) into.by_size[i].Add(v.by_size[i]);
  into.msme.Add(v.msme);
  into.msme_local.Add(v.msme_local);
  into.diverse_any.Add(v.diverse_any);
  for (int i = 0; i < core::kDiverseFlagCount; ++i)
    into.diverse_by_flag[i].Add(v.diverse_by_flag[i]);
  into.diverse_certified.Add(v.diverse_certified);
  into.diverse_self_declared.Add(v.diverse_self_declared);
  into.diverse_known.Add(v.diverse_known);
  into.vcse.Add(v.vcse);
  into.vcse_known.Add(v.vcse_known);
  into.local.Add(v.local);
  into.outside.Add(v.outside);
  into.deprived_1.Add(v.deprived_1);
  into.deprived_12.Add(v.deprived_12);
  into.lsoa_known.Add(v.lsoa_known);
}

// v -= o for S2 and its breakdowns (S1 is handled by the bridge).
void SubtractValues(MeasureValues& v, const MeasureValues& o) {
  auto sub = [](Amount& a, const Amount& b) {
    a.pence -= b.pence;
    a.lines -= b.lines;
  };
  sub(v.s2, o.s2);
  for (int i = 0; i < core::kSizeBandCount; ++i) sub(v.by_size[i], o.by_size[i]);
  sub(v.msme, o.msme);
  sub(v.msme_local, o.msme_local);
  sub(v.diverse_any, o.diverse_any);
  for (int i = 0; i < core::kDiverseFlagCount; ++i) sub(v.diverse_by_flag[i], o.diverse_by_flag[i]);
  sub(v.diverse_certified, o.diverse_certified);
  sub(v.diverse_self_declared, o.diverse_self_declared);
  sub(v.diverse_known, o.diverse_known);
  sub(v.vcse, o.vcse);
  sub(v.vcse_known, o.vcse_known);
  sub(v.local, o.local);
  sub(v.outside, o.outside);
  sub(v.deprived_1, o.deprived_1);
  sub(v.deprived_12, o.deprived_12);
  sub(v.lsoa_known, o.lsoa_known);
}

void AddCell(Cell& into, const Cell& c) {
  AddValues(into.values, c.values);
  if (into.by_rule.size() < c.by_rule.size()) {
    into.by_rule.resize(c.by_rule.size());
    into.member_by_rule.resize(c.by_rule.size());
  }
  for (std::size_t i = 0; i < c.by_rule.size(); ++i) {
    into.by_rule[i].Add(c.by_rule[i]);
    into.member_by_rule[i].Add(c.member_by_rule[i]);
  }
  AddValues(into.to_members_kept, c.to_members_kept);
}

// Fills the bridge of `v` from a cell. At network level, payments between members leave at S1.
void FinishBridge(MeasureValues& v, const Cell& c, const std::vector<AppliedRule>& rules,
                  bool network) {
  v.bridge.clear();
  Amount between;
  if (network) {
    for (std::size_t i = 0; i < rules.size() && i < c.member_by_rule.size(); ++i) {
      if (rules[i].stage == core::RuleStage::kS2) between.Add(c.member_by_rule[i]);
    }
    between.Add(c.to_members_kept.s2);
  }
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].stage != core::RuleStage::kS1) continue;
    Amount a = i < c.by_rule.size() ? c.by_rule[i] : Amount{};
    v.bridge.push_back({rules[i].id, core::RuleStage::kS1, rules[i].reason, a});
  }
  if (network) {
    v.bridge.push_back({"between-members", core::RuleStage::kS1,
                        "payments from one member to another are not the network's third-party "
                        "spend",
                        between});
    v.s1.pence -= between.pence;
    v.s1.lines -= between.lines;
    SubtractValues(v, c.to_members_kept);
  }
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].stage != core::RuleStage::kS2) continue;
    Amount a = i < c.by_rule.size() ? c.by_rule[i] : Amount{};
    if (network && i < c.member_by_rule.size()) {
      a.pence -= c.member_by_rule[i].pence;
      a.lines -= c.member_by_rule[i].lines;
    }
    v.bridge.push_back({rules[i].id, core::RuleStage::kS2, rules[i].reason, a});
  }
  // A member's own version of a rule shares the rule's id: one step per id and stage, so the
  // bridge has one row per rule and still sums exactly.
  std::vector<BridgeStep> merged;
  for (BridgeStep& step : v.bridge) {
    auto same = std::find_if(merged.begin(), merged.end(), [&](const BridgeStep& m) {
      return m.rule == step.rule && m.stage == step.stage;
    });
    if (same == merged.end()) {
      merged.push_back(std::move(step));
    } else {
      same->amount.Add(step.amount);
    }
  }
  v.bridge = std::move(merged);
}

}  // namespace

Amount MeasureValues::size_known() const {
  Amount a = s2;
  a.pence -= by_size[static_cast<int>(core::SizeBand::kUnknown)].pence;
  a.lines -= by_size[static_cast<int>(core::SizeBand::kUnknown)].lines;
  return a;
}

std::optional<Pence> KnownFor(std::string_view measure, const MeasureValues& v) {
  const Pence location = v.local.pence + v.outside.pence;
  if (measure == "S3") return v.size_known().pence;
  if (measure == "S3L") return std::min(v.size_known().pence, location);
  if (measure == "S4") return v.diverse_known.pence;
  if (measure == "S6") return v.vcse_known.pence;
  if (measure == "S7" || measure == "S7b") return location;
  if (measure == "S8") return v.lsoa_known.pence;
  return std::nullopt;
}

MeasureConfidence JudgeConfidence(const MeasureValues& v, double warning_below) {
  auto judge = [&](std::string_view measure) {
    return core::JudgeCoverage(Share(KnownFor(measure, v).value_or(0), v.s2.pence), warning_below);
  };
  return MeasureConfidence{judge("S3"), judge("S3L"), judge("S4"),
                           judge("S6"), judge("S7"),  judge("S8")};
}

std::optional<core::Confidence> MeasureConfidence::Of(std::string_view measure) const {
  if (measure == "S3") return s3;
  if (measure == "S3L") return s3l;
  if (measure == "S4") return s4;
  if (measure == "S6") return s6;
  if (measure == "S7" || measure == "S7b") return s7;
  if (measure == "S8") return s8;
  return std::nullopt;
}

std::optional<double> Share(Pence numerator, Pence denominator) {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::string_view SizeFilterName(SizeFilter size) {
  switch (size) {
    case SizeFilter::kMicro:
      return "micro";
    case SizeFilter::kSmall:
      return "small";
    case SizeFilter::kMedium:
      return "medium";
    case SizeFilter::kSme:
      return "sme";
    case SizeFilter::kLarge:
      return "large";
    case SizeFilter::kUnknown:
      return "unknown";
    case SizeFilter::kMsme:
      return "msme";
  }
  return "unknown";
}

core::Result<LineFilter> ParseLineFilter(std::string_view size, std::string_view geography,
                                         std::string_view category) {
  LineFilter f;
  const std::string size_text = core::ToLowerAscii(core::Trim(size));
  if (!size_text.empty()) {
    for (SizeFilter s : {SizeFilter::kMicro, SizeFilter::kSmall, SizeFilter::kMedium,
                         SizeFilter::kSme, SizeFilter::kLarge, SizeFilter::kUnknown,
                         SizeFilter::kMsme}) {
      if (SizeFilterName(s) == size_text) f.size = s;
    }
    if (!f.size) {
      return core::Fail(core::ErrorCode::kUsage,
                        fmt::format("size '{}' is not one of micro, small, medium, sme, large, "
                                    "unknown, msme (micro, small, medium or sme)",
                                    size));
    }
  }
  const std::string geo = core::ToLowerAscii(core::Trim(geography));
  if (geo == "inside" || geo == "outside" || geo == "unknown") {
    f.geography = geo;
  } else if (!geo.empty()) {
    // A GSS code: a letter and eight digits ("E09000022").
    const bool code = geo.size() == 9 && std::isalpha(static_cast<unsigned char>(geo[0])) &&
                      std::all_of(geo.begin() + 1, geo.end(),
                                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (!code) {
      return core::Fail(core::ErrorCode::kUsage,
                        fmt::format("geography '{}' is not a local authority's GSS code (a letter "
                                    "and eight digits, e.g. E09000022) nor one of inside, outside, "
                                    "unknown",
                                    geography));
    }
    f.geography = core::ToUpperAscii(geo);
  }
  const std::string_view cat = core::Trim(category);
  if (!cat.empty()) {
    if (internal::Words(cat).empty()) {
      return core::Fail(core::ErrorCode::kUsage,
                        fmt::format("category '{}' has no words to look for in the expense type "
                                    "(letters or digits; a trailing * matches any ending)",
                                    category));
    }
    f.category = std::string(cat);
  }
  return f;
}

const std::vector<AppliedRule>& DefaultRules() {
  using core::RuleMatch;
  using core::RuleStage;
  static const std::vector<AppliedRule> rules = {
      Rule("payroll", RuleStage::kS1, RuleMatch::kExpenseType,
           {"salar*", "wages", "payroll", "overtime"}, "payroll is not spend with suppliers"),
      Rule("pensions", RuleStage::kS1, RuleMatch::kExpenseType, {"pension*", "superannuation"},
           "pension contributions are not spend with suppliers"),
      Rule("hmrc", RuleStage::kS1, RuleMatch::kPayeeKind, {"hmrc"},
           "tax, PAYE and National Insurance paid to HMRC"),
      Rule("financing", RuleStage::kS1, RuleMatch::kExpenseType,
           {"loan*", "interest payable", "debt*", "borrowing*", "pwlb", "capital financing",
            "minimum revenue provision"},
           "financing and debt"),
      Rule("internal-recharges", RuleStage::kS1, RuleMatch::kExpenseType, {"recharge*", "internal"},
           "internal recharges move money within the member"),
      Rule("public-bodies", RuleStage::kS2, RuleMatch::kPayeeKind, {"public-body"},
           "public bodies, including other members, are not an addressable market"),
      Rule("personal-payees", RuleStage::kS2, RuleMatch::kPayeeKind, {"personal"},
           "payments to private individuals (refunds, allowances, redacted names)"),
      Rule("grants", RuleStage::kS2, RuleMatch::kExpenseType, {"grant*"},
           "grants are not purchases"),
      Rule("rates-and-taxes", RuleStage::kS2, RuleMatch::kExpenseType,
           {"rates", "business rates", "council tax", "nndr", "vat"}, "rates and taxes"),
      Rule("statutory-fees", RuleStage::kS2, RuleMatch::kExpenseType,
           {"statutory fee*", "licence fee*", "license fee*", "court fee*", "land registry",
            "planning fee*"},
           "statutory fees"),
  };
  return rules;
}

std::vector<AppliedRule> RulesInForce(const core::Network& network) {
  std::vector<AppliedRule> out = DefaultRules();
  for (const core::SpendRule& r : network.rules) {
    AppliedRule a;
    a.id = r.id;
    a.stage = r.stage;
    a.match = r.match;
    a.patterns = r.patterns;
    a.reason = r.reason;
    a.member = r.member;
    // A network-wide rule with a default's id replaces the default; a member's rule with that id
    // replaces it for that member only (the default stays for the others, minus that member).
    auto same = std::find_if(out.begin(), out.end(), [&](const AppliedRule& x) {
      return x.id == r.id && x.member == r.member;
    });
    if (same != out.end()) {
      if (!r.enabled) {
        if (r.member.empty()) {
          out.erase(same);
        } else {
          same->patterns.clear();  // switched off for this member
        }
      } else {
        if (!a.match) a.match = same->match;
        if (a.patterns.empty()) a.patterns = same->patterns;
        if (a.reason.empty()) a.reason = same->reason;
        *same = std::move(a);
      }
      continue;
    }
    if (!r.member.empty()) {
      auto base = std::find_if(out.begin(), out.end(), [&](const AppliedRule& x) {
        return x.id == r.id && x.member.empty();
      });
      if (base != out.end()) {
        // The member's own version goes right after the network's (which is hidden for that
        // member), so the bridge row keeps the network rule's reason.
        if (!a.match) a.match = base->match;
        if (a.reason.empty()) a.reason = base->reason;
        if (a.patterns.empty() && r.enabled) a.patterns = base->patterns;  // e.g. a new reason
        if (!r.enabled) a.patterns.clear();
        out.insert(base + 1, std::move(a));
        continue;
      }
    }
    if (r.enabled) out.push_back(std::move(a));
  }
  // S1 rules come before S2 rules: a line leaves at the first rule it meets.
  std::stable_partition(out.begin(), out.end(),
                        [](const AppliedRule& r) { return r.stage == core::RuleStage::kS1; });
  return out;
}

const MeasureValues* MeasureReport::Find(std::string_view member, int fy, int quarter) const {
  for (const ScopeValues& s : scopes) {
    if (s.member == member && s.period.financial_year == fy && s.period.quarter == quarter) {
      return &s.values;
    }
  }
  return nullptr;
}

core::Result<MeasureReport> ComputeMeasures(store::Store& store, const ReportQuery& query) {
  auto network = store.LoadNetwork();
  if (!network) return tl::unexpected(network.error());
  if (!query.member.empty() && !network->FindMember(query.member)) {
    return tl::unexpected(core::UnknownMember(query.member));
  }
  auto resolved = resolve::EnsureResolved(store);
  if (!resolved) return tl::unexpected(resolved.error());

  MeasureReport report;
  report.network = *network;
  report.query = query;
  report.resolved_now = resolved->has_value();
  report.rules = RulesInForce(*network);
  auto version = store.DataVersion();
  if (!version) return tl::unexpected(version.error());
  report.data_version = *version;

  auto suppliers = store.LoadSuppliers(false);
  if (!suppliers) return tl::unexpected(suppliers.error());
  report.suppliers = std::move(*suppliers);
  auto payee_supplier = store.PayeeSupplierIndex();
  if (!payee_supplier) return tl::unexpected(payee_supplier.error());
  auto labels = store.ListLabels();
  if (!labels) return tl::unexpected(labels.error());

  const std::vector<AppliedRule>& rules = report.rules;
  const std::size_t n_members = network->members.size();
  const std::size_t n_suppliers = report.suppliers.size();
  std::unordered_map<std::string, std::size_t> member_index;
  for (std::size_t m = 0; m < n_members; ++m) member_index[network->members[m].id] = m;

  internal::LineClassifier classifier(*network, rules, report.suppliers, *payee_supplier, *labels,
                                      query.filter);
  const bool filtering = classifier.filtering();
  report.filtered = filtering;

  // Per member x (year, quarter) cells; per member x year, S2 per supplier for S9.
  const core::MonthDay fy_start = network->financial_year_start;
  std::vector<std::map<std::pair<int, int>, Cell>> cells(n_members);
  std::map<int, std::vector<Pence>> network_supplier_s2;  // fy -> per supplier
  std::map<std::pair<std::size_t, int>, std::vector<std::pair<Pence, std::int32_t>>> member_top;
  std::map<int, std::vector<Pence>> member_supplier_s2;  // current member, fy -> per supplier
  std::vector<Amount> supplier_s2_in_filter(n_suppliers), supplier_t1_in_filter(n_suppliers);
  std::vector<char> supplier_paid_by(n_suppliers * n_members, 0);  // [supplier][member]
  // The per-supplier S9 vectors of the year being scanned (member_supplier_s2 is flushed at each
  // new member, so the cache is reset there too).
  int s9_year = INT32_MIN;
  std::vector<Pence>* s9_member = nullptr;
  std::vector<Pence>* s9_network = nullptr;
  std::size_t current_member = SIZE_MAX;
  auto flush_member = [&]() {
    for (auto& [fy, amounts] : member_supplier_s2) {
      auto& list = member_top[{current_member, fy}];
      for (std::size_t s = 0; s < amounts.size(); ++s) {
        if (amounts[s] != 0) list.emplace_back(amounts[s], static_cast<std::int32_t>(s));
      }
    }
    member_supplier_s2.clear();
    s9_year = INT32_MIN;
  };
  std::int32_t cached_day = INT32_MIN;
  // Financial year and quarter of every day from FY 1990 to FY 2099, so the scan does no
  // calendar arithmetic per line.
  constexpr int kTableFirstYear = 1990;
  const std::int32_t table_first_day = core::FinancialYearStart(kTableFirstYear, fy_start).days;
  std::vector<std::int32_t> period_table;
  {
    const std::int32_t end = core::FinancialYearEnd(2099, fy_start).days;
    period_table.reserve(static_cast<std::size_t>(end - table_first_day + 1));
    for (std::int32_t d = table_first_day; d <= end; ++d) {
      const core::Date date{d};
      period_table.push_back((core::FinancialYearOf(date, fy_start) - kTableFirstYear) * 4 +
                             core::FinancialQuarterOf(date, fy_start) - 1);
    }
  }
  std::int32_t min_day = INT32_MAX, max_day = INT32_MIN;
  std::pair<int, int> cached_period;
  std::optional<core::Date> first, last;

  auto status = store.ScanLines(
      "", std::nullopt, std::nullopt, [&](const store::Store::LineBatch& b) -> core::Status {
        auto mi = member_index.find(b.member);
        if (mi == member_index.end()) return {};
        const std::size_t m = mi->second;
        if (m != current_member) {
          if (current_member != SIZE_MAX) flush_member();
          current_member = m;
        }
        const bool in_filter_member = query.member.empty() || query.member == b.member;
        auto& member_cells = cells[m];
        Cell* cell = nullptr;
        std::pair<int, int> cell_period{-1, -1};
        for (std::size_t i = 0; i < b.paid_on.size(); ++i) {
          const std::int32_t day = b.paid_on[i];
          if (day != cached_day) {
            cached_day = day;
            const std::int64_t slot = static_cast<std::int64_t>(day) - table_first_day;
            if (slot >= 0 && slot < static_cast<std::int64_t>(period_table.size())) {
              const std::int32_t code = period_table[static_cast<std::size_t>(slot)];
              cached_period = {code / 4 + kTableFirstYear, code % 4 + 1};
            } else {
              const core::Date d{day};
              cached_period = {core::FinancialYearOf(d, fy_start),
                               core::FinancialQuarterOf(d, fy_start)};
            }
            min_day = std::min(min_day, day);
            max_day = std::max(max_day, day);
          }
          if (cached_period != cell_period) {
            cell_period = cached_period;
            cell = &member_cells[cell_period];
            if (cell->by_rule.empty()) {
              cell->by_rule.resize(rules.size());
              cell->member_by_rule.resize(rules.size());
            }
          }
          // The line filter: a filtered-out line leaves its period in the report (at zero), so a
          // filtered report has the same years as the unfiltered one.
          const internal::LineClass c = classifier.Classify(m, b.payee_id[i], b.expense_type_id[i]);
          if (filtering && !classifier.Passes(c, b.expense_type_id[i])) continue;
          const Pence amount = b.amount[i];
          MeasureValues& v = cell->values;
          v.t1.Add(amount);
          const std::int32_t s = c.supplier;
          const std::int16_t rule = c.rule;
          const bool to_member = c.to_member;
          const bool counted = in_filter_member && (!query.financial_year ||
                                                    *query.financial_year == cached_period.first);
          if (counted && s >= 0) supplier_t1_in_filter[static_cast<std::size_t>(s)].Add(amount);
          if (rule >= 0) {
            cell->by_rule[static_cast<std::size_t>(rule)].Add(amount);
            if (to_member) cell->member_by_rule[static_cast<std::size_t>(rule)].Add(amount);
            if (classifier.rule_is_s2(rule)) v.s1.Add(amount);
            continue;
          }
          v.s1.Add(amount);
          v.s2.Add(amount);
          if (to_member) {
            cell->to_members_kept.s1.Add(amount);
            cell->to_members_kept.s2.Add(amount);
          }
          if (s < 0) {
            v.by_size[0].Add(amount);
            continue;
          }
          const SupplierTraits& t = classifier.traits(s);
          AddToBreakdowns(v, t, amount);
          if (to_member) AddToBreakdowns(cell->to_members_kept, t, amount);
          if (cached_period.first != s9_year) {
            s9_year = cached_period.first;
            s9_member = &member_supplier_s2[s9_year];
            if (s9_member->empty()) s9_member->assign(n_suppliers, 0);
            s9_network = &network_supplier_s2[s9_year];
            if (s9_network->empty()) s9_network->assign(n_suppliers, 0);
          }
          (*s9_member)[static_cast<std::size_t>(s)] += amount;
          if (!t.is_member) (*s9_network)[static_cast<std::size_t>(s)] += amount;
          if (counted) {
            supplier_s2_in_filter[static_cast<std::size_t>(s)].Add(amount);
            supplier_paid_by[static_cast<std::size_t>(s) * n_members + m] = 1;
          }
        }
        return {};
      });
  if (!status) return tl::unexpected(status.error());
  if (current_member != SIZE_MAX) flush_member();
  if (min_day <= max_day) {
    first = core::Date{min_day};
    last = core::Date{max_day};
  }
  report.first_paid = first;
  report.last_paid = last;

  // Years present.
  std::set<int> years;
  for (const auto& member_cells : cells) {
    for (const auto& [period, cell] : member_cells) years.insert(period.first);
  }
  report.financial_years.assign(years.begin(), years.end());

  // Concentration (S9) from per-supplier yearly S2.
  auto concentration = [](std::vector<Pence> amounts, MeasureValues& v) {
    // Only positive spend counts; the top 300 are found without sorting the rest.
    amounts.erase(std::remove_if(amounts.begin(), amounts.end(), [](Pence p) { return p <= 0; }),
                  amounts.end());
    v.suppliers = static_cast<std::int64_t>(amounts.size());
    const std::size_t top = std::min<std::size_t>(300, amounts.size());
    std::partial_sort(amounts.begin(), amounts.begin() + static_cast<std::ptrdiff_t>(top),
                      amounts.end(), std::greater<>());
    v.top20 = v.top300 = 0;
    for (std::size_t i = 0; i < top; ++i) {
      if (i < 20) v.top20 += amounts[i];
      v.top300 += amounts[i];
    }
  };

  // Scopes: members' quarters and years, then the network as their sum.
  std::vector<ScopeValues> member_scopes;
  std::map<std::pair<int, int>, Cell> network_cells;
  for (std::size_t m = 0; m < n_members; ++m) {
    const std::string& id = network->members[m].id;
    for (int fy : report.financial_years) {
      Cell year;
      std::vector<ScopeValues> quarters;
      for (int q = 1; q <= 4; ++q) {
        auto it = cells[m].find({fy, q});
        Cell c = it == cells[m].end() ? Cell{} : it->second;
        AddCell(year, c);
        AddCell(network_cells[{fy, q}], c);
        ScopeValues sv{id, {fy, q}, c.values};
        FinishBridge(sv.values, c, rules, false);
        quarters.push_back(std::move(sv));
      }
      ScopeValues yv{id, {fy, 0}, year.values};
      FinishBridge(yv.values, year, rules, false);
      std::vector<Pence> amounts;
      if (auto it = member_top.find({m, fy}); it != member_top.end()) {
        for (const auto& [p, s] : it->second) amounts.push_back(p);
      }
      concentration(std::move(amounts), yv.values);
      member_scopes.push_back(std::move(yv));
      for (auto& q : quarters) member_scopes.push_back(std::move(q));
    }
  }
  for (int fy : report.financial_years) {
    Cell year;
    std::vector<ScopeValues> quarters;
    for (int q = 1; q <= 4; ++q) {
      const Cell& c = network_cells[{fy, q}];
      AddCell(year, c);
      ScopeValues sv{"", {fy, q}, c.values};
      FinishBridge(sv.values, c, rules, true);
      quarters.push_back(std::move(sv));
    }
    ScopeValues yv{"", {fy, 0}, year.values};
    FinishBridge(yv.values, year, rules, true);
    if (auto it = network_supplier_s2.find(fy); it != network_supplier_s2.end()) {
      concentration(it->second, yv.values);
    }
    report.scopes.push_back(std::move(yv));
    for (auto& q : quarters) report.scopes.push_back(std::move(q));
  }
  for (auto& s : member_scopes) report.scopes.push_back(std::move(s));
  // Each figure's confidence, judged once here from the network's threshold.
  for (ScopeValues& s : report.scopes) {
    s.values.confidence = JudgeConfidence(s.values, network->coverage_warning_below);
  }

  // Goals (over every year, whatever the filter), on payments and on returns.
  auto returns = ComputeReturnTotals(store, *network);
  if (!returns) return tl::unexpected(returns.error());
  report.returns = std::move(*returns);
  // A goal is set on all of a scope's spend: a filtered report has none to measure.
  if (!filtering) report.goals = EvaluateGoals(report, last.value_or(core::Date{}));

  // Filter what is shown.
  if (query.financial_year || !query.member.empty()) {
    std::vector<ScopeValues> kept;
    for (ScopeValues& s : report.scopes) {
      if (query.financial_year && s.period.financial_year != *query.financial_year) continue;
      if (!query.member.empty() && s.member != query.member) continue;
      kept.push_back(std::move(s));
    }
    report.scopes = std::move(kept);
    if (query.financial_year) report.financial_years = {*query.financial_year};
  }

  // Top suppliers within the filter.
  for (std::size_t s = 0; s < n_suppliers; ++s) {
    if (supplier_s2_in_filter[s].lines == 0) continue;
    SupplierSpend sp;
    sp.supplier = static_cast<std::int32_t>(s);
    sp.s2 = supplier_s2_in_filter[s];
    sp.t1 = supplier_t1_in_filter[s];
    for (std::size_t m = 0; m < n_members; ++m) {
      if (supplier_paid_by[s * n_members + m]) sp.members.push_back(network->members[m].id);
    }
    report.top_suppliers.push_back(std::move(sp));
  }
  std::sort(report.top_suppliers.begin(), report.top_suppliers.end(),
            [&](const SupplierSpend& a, const SupplierSpend& b) {
              if (a.s2.pence != b.s2.pence) return a.s2.pence > b.s2.pence;
              return report.suppliers[a.supplier].key < report.suppliers[b.supplier].key;
            });
  if (report.top_suppliers.size() >
      static_cast<std::size_t>(std::max<std::int64_t>(0, query.top_suppliers))) {
    report.top_suppliers.resize(static_cast<std::size_t>(query.top_suppliers));
  }
  return report;
}

namespace {

// One scope-year of a goal's measure: the numerator, the share's denominator, and what the
// figure stands on (size coverage for payments, reporting members for returns).
struct GoalYear {
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;  // S2 (payments) or C5T (C5); 0 when there is none
  std::int64_t covered = 0, coverable = 0;
  int reporting = 0;
  // Payments: the S2 whose supplier has the fact the measure needs known (KnownFor); S2 itself
  // for a measure with no coverage (S1, S2).
  std::int64_t known = 0;
};

// The spend measure's numerator in a values block.
std::optional<Pence> SpendNumerator(const std::string& measure, const MeasureValues& v) {
  if (measure == "S1") return v.s1.pence;
  if (measure == "S2") return v.s2.pence;
  if (measure == "S3") return v.msme.pence;
  if (measure == "S3L") return v.msme_local.pence;
  if (measure == "S4") return v.diverse_any.pence;
  if (measure == "S6") return v.vcse.pence;
  if (measure == "S7") return v.local.pence;
  if (measure == "S8") return v.deprived_12.pence;
  return std::nullopt;
}

// Status of a figure against where the straight line says it should be.
GoalStatus StatusAgainst(double achieved, double expected) {
  if (achieved >= expected) return GoalStatus::kOnTrack;
  if (achieved >= 0.9 * expected) return GoalStatus::kAtRisk;
  return GoalStatus::kOffTrack;
}

struct StatusSpelling {
  GoalStatus status;
  std::string_view name;
};
constexpr std::array<StatusSpelling, 6> kStatuses = {{
    {GoalStatus::kOnTrack, "on-track"},
    {GoalStatus::kAtRisk, "at-risk"},
    {GoalStatus::kOffTrack, "off-track"},
    {GoalStatus::kAchieved, "achieved"},
    {GoalStatus::kNotStarted, "not-started"},
    {GoalStatus::kNoData, "no-data"},
}};

}  // namespace

std::string_view GoalStatusName(GoalStatus status) {
  for (const StatusSpelling& s : kStatuses) {
    if (s.status == status) return s.name;
  }
  return {};
}

std::string_view GoalStatusName(std::optional<GoalStatus> status) {
  return status ? GoalStatusName(*status) : std::string_view();
}

std::optional<GoalStatus> ParseGoalStatus(std::string_view name) {
  for (const StatusSpelling& s : kStatuses) {
    if (s.name == name) return s.status;
  }
  return std::nullopt;
}

std::string_view GoalSourceName(GoalSource source) {
  return source == GoalSource::kPayments ? "payments" : "returns";
}

std::optional<GoalSource> ParseGoalSource(std::string_view name) {
  if (name == "payments") return GoalSource::kPayments;
  if (name == "returns") return GoalSource::kReturns;
  return std::nullopt;
}

std::vector<GoalProgress> EvaluateGoals(const MeasureReport& report, core::Date as_at) {
  std::vector<GoalProgress> out;
  const core::MonthDay fy_start = report.network.financial_year_start;
  const int member_count = static_cast<int>(report.network.members.size());
  for (const core::Goal& g : report.network.goals) {
    GoalProgress p;
    p.goal = g;
    const bool spend = core::IsSpendGoalMeasure(g.measure);
    const std::optional<ReturnMeasureInfo> info =
        spend ? std::nullopt : FindAnyReturnMeasure(g.measure);
    p.source = spend ? GoalSource::kPayments : GoalSource::kReturns;
    p.unit = spend ? core::ReturnUnit::kPounds : (info ? info->unit : core::ReturnUnit::kCount);
    const int scope_members = g.member.empty() ? member_count : 1;

    // The figure for one scope and year, or empty when there is none.
    auto year_of = [&](const std::string& member, int fy) -> std::optional<GoalYear> {
      if (spend) {
        const MeasureValues* v = report.Find(member, fy, 0);
        if (!v) return std::nullopt;
        auto n = SpendNumerator(g.measure, *v);
        if (!n) return std::nullopt;
        return GoalYear{*n,          v->s2.pence, v->size_known().pence,
                        v->s2.pence, 0,           KnownFor(g.measure, *v).value_or(v->s2.pence)};
      }
      if (!info) return std::nullopt;
      auto n = report.returns.Value(member, fy, info->id);
      if (!n) return std::nullopt;
      GoalYear y{*n, 0, 0, 0, 1};
      if (member.empty()) {
        const ReturnScopeValues* sv = report.returns.Find("", fy);
        auto it = sv->reporting.find(info->id);
        y.reporting = it == sv->reporting.end() ? 0 : it->second;
      }
      y.covered = y.reporting;
      y.coverable = scope_members;
      if (info->id == "C5") y.denominator = report.returns.Value(member, fy, "C5T").value_or(0);
      return y;
    };

    // Returns are measured at the end of the latest year reported in the goal's range.
    core::Date goal_as_at = as_at;
    if (!spend) {
      goal_as_at = {};
      for (int fy = g.from_fy; fy <= g.to_fy; ++fy) {
        if (report.returns.Find("", fy)) goal_as_at = core::FinancialYearEnd(fy, fy_start);
      }
    }
    p.as_at = goal_as_at.days == 0 ? "" : core::ToIso(goal_as_at);
    const std::string scope_text =
        g.member.empty() ? std::string("the network") : fmt::format("member {}", g.member);
    const std::string label =
        spend ? g.measure : (info ? fmt::format("{} ({})", info->label, info->id) : g.measure);
    p.basis = fmt::format(
        "{}, {} over FY {} to FY {}, {}", spend ? "payments (cash paid)" : "members' returns",
        label, core::FinancialYearLabel(g.from_fy), core::FinancialYearLabel(g.to_fy), scope_text);
    if (!spend && !info) {
      p.status = GoalStatus::kNoData;
      p.basis += fmt::format(" (unknown measure '{}')", g.measure);
      out.push_back(std::move(p));
      continue;
    }
    std::int64_t covered = 0, coverable = 0;
    std::int64_t known = 0, known_of = 0;  // payments: the confidence's coverage
    const core::Date start = core::FinancialYearStart(g.from_fy, fy_start);
    const core::Date end = core::FinancialYearEnd(g.to_fy, fy_start);
    const double span = static_cast<double>(end.days - start.days + 1);
    const double elapsed = static_cast<double>(
        std::clamp(goal_as_at.days - start.days + 1, 0, end.days - start.days + 1));
    p.expected_fraction = span > 0 ? elapsed / span : 0;

    if (g.kind == core::GoalKind::kCumulative || g.kind == core::GoalKind::kAbsolute) {
      p.target_value = g.target;  // in the base unit, as values are
      std::optional<std::int64_t> latest;
      for (int fy = g.from_fy; fy <= g.to_fy; ++fy) {
        auto y = year_of(g.member, fy);
        if (!y) continue;
        p.achieved += y->numerator;
        latest = y->numerator;
        covered += y->covered;
        coverable += y->coverable;
        known += y->known;
        known_of += y->denominator;
        p.rows.push_back({g.member, fy, y->numerator, y->denominator,
                          Share(y->numerator, y->denominator), std::nullopt, y->reporting});
      }
      if (g.kind == core::GoalKind::kAbsolute) {
        // A level to reach by the end of to_fy: the latest year's figure, on a line from the
        // year before's figure.
        p.achieved = latest.value_or(0);
        if (auto before = year_of(g.member, g.from_fy - 1)) p.baseline = before->numerator;
      }
      p.expected =
          p.baseline + static_cast<std::int64_t>(std::llround(
                           static_cast<double>(p.target_value - p.baseline) * p.expected_fraction));
      if (p.rows.empty()) {
        p.status = GoalStatus::kNoData;
      } else if (p.target_value > 0 && p.achieved >= p.target_value) {
        p.status = GoalStatus::kAchieved;
      } else if (goal_as_at.days < start.days) {
        p.status = GoalStatus::kNotStarted;
      } else {
        p.status = StatusAgainst(static_cast<double>(p.achieved), static_cast<double>(p.expected));
      }
      if (p.status == GoalStatus::kOnTrack || p.status == GoalStatus::kAtRisk ||
          p.status == GoalStatus::kOffTrack) {
        const double ratio = p.expected > 0
                                 ? static_cast<double>(p.achieved) / static_cast<double>(p.expected)
                                 : 1.0;
        p.status_reason = fmt::format(
            "{:.0f}% of where a straight line to the target expects "
            "progress to be by {}",
            ratio * 100, core::ToUkLong(goal_as_at));
      } else if (p.status == GoalStatus::kAchieved) {
        p.status_reason = "the target is reached";
      }
    } else {
      // Share: every member (or the one member) each year; the worst decides the status.
      p.target_share = core::GoalTargetInUnit(g);
      std::vector<std::string> members;
      if (!g.member.empty()) {
        members.push_back(g.member);
      } else {
        for (const core::Member& m : report.network.members) members.push_back(m.id);
      }
      std::int64_t num_total = 0, den_total = 0;
      int below = 0, near = 0, counted = 0;
      for (int fy = g.from_fy; fy <= g.to_fy; ++fy) {
        for (const std::string& m : members) {
          auto y = year_of(m, fy);
          if (!y || y->denominator == 0) continue;
          GoalProgress::Row row{m,
                                fy,
                                y->numerator,
                                y->denominator,
                                Share(y->numerator, y->denominator),
                                std::nullopt,
                                y->reporting};
          row.status = StatusAgainst(row.share.value_or(0), p.target_share);
          below += row.status == GoalStatus::kOffTrack;
          near += row.status == GoalStatus::kAtRisk;
          ++counted;
          num_total += y->numerator;
          den_total += y->denominator;
          covered += spend ? y->covered : 1;
          coverable += spend ? y->coverable : 1;
          known += y->known;
          known_of += y->denominator;
          p.rows.push_back(std::move(row));
        }
        if (!spend)
          coverable += static_cast<std::int64_t>(members.size()) -
                       std::count_if(p.rows.begin(), p.rows.end(), [&](const GoalProgress::Row& r) {
                         return r.financial_year == fy;
                       });
      }
      p.achieved = num_total;
      p.share = Share(num_total, den_total);
      p.status = counted == 0 ? GoalStatus::kNoData
                 : below > 0  ? GoalStatus::kOffTrack
                 : near > 0   ? GoalStatus::kAtRisk
                              : GoalStatus::kOnTrack;
      // The worst member-year decides: say which, so a pooled share above the target with an
      // off-track status is not a puzzle.
      const GoalProgress::Row* worst = nullptr;
      for (const GoalProgress::Row& row : p.rows) {
        if (!worst || row.share.value_or(0) < worst->share.value_or(0)) worst = &row;
      }
      if (counted == 0) {
        p.status_reason = "no member-year with a denominator in the goal's years";
      } else if (below + near == 0) {
        p.status_reason = fmt::format("all {} member-years at or above the target", counted);
      } else {
        const core::Member* m = report.network.FindMember(worst->member);
        p.status_reason = fmt::format(
            "{} of {} member-years below the target ({} more than 10% below); lowest: {} in FY "
            "{} at {:.1f}%",
            below + near, counted, below, m ? m->name : worst->member,
            core::FinancialYearLabel(worst->financial_year), worst->share.value_or(0) * 100);
      }
    }
    p.coverage = Share(covered, coverable).value_or(0);
    p.confidence = core::JudgeCoverage(spend ? Share(known, known_of) : Share(covered, coverable),
                                       report.network.coverage_warning_below);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace anchornet::metrics
