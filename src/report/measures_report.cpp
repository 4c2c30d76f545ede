// The terminal, JSON and CSV renderings of the measures report (docs/report.md), and the helpers
// the XLSX rendering shares (internal/measures_common.h).
#include "report/measures_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/date.h"
#include "core/money.h"
#include "core/supplier.h"
#include "core/text.h"
#include "metrics/catalogue.h"
#include "report/internal/confidence_words.h"
#include "report/internal/measures_common.h"
#include "report/table.h"

namespace anchornet::report {

namespace internal {

double Round4(double share) { return std::round(share * 10000.0) / 10000.0; }

bool ScopeShown(const metrics::MeasureReport& report, const std::string& member) {
  return member.empty() || report.query.member.empty() || member == report.query.member;
}

std::vector<const metrics::ScopeValues*> YearScopes(const metrics::MeasureReport& report) {
  std::vector<const metrics::ScopeValues*> out;
  for (const metrics::ScopeValues& s : report.scopes) {
    if (s.period.quarter == 0 && ScopeShown(report, s.member)) out.push_back(&s);
  }
  return out;
}

std::string ScopeName(const metrics::MeasureReport& report, const std::string& member) {
  if (member.empty()) return "Whole network";
  const core::Member* m = report.network.FindMember(member);
  return m != nullptr ? m->name : member;
}

std::string PeriodText(const metrics::MeasureReport& report) {
  const std::vector<int>& years = report.financial_years;
  if (years.empty()) return "no financial years";
  if (years.size() == 1) return "FY " + core::FinancialYearLabel(years.front());
  return fmt::format("FY {} to {}", core::FinancialYearLabel(years.front()),
                     core::FinancialYearLabel(years.back()));
}

std::string GeographyName(const metrics::MeasureReport& report) {
  return report.network.geography_name.empty() ? std::string("the network's geography")
                                               : report.network.geography_name;
}

core::Pence ReportS2(const metrics::MeasureReport& report) {
  core::Pence total = 0;
  for (int fy : report.financial_years) {
    if (const metrics::MeasureValues* v = report.Find(report.query.member, fy, 0)) {
      total += v->s2.pence;
    }
  }
  return total;
}

std::string DiverseText(const store::SupplierRecord& s) {
  if (s.diverse_yes != 0) {
    std::string out;
    for (int bit = 0; bit < core::kDiverseFlagCount; ++bit) {
      if ((s.diverse_yes & (1u << bit)) == 0) continue;
      if (!out.empty()) out += ", ";
      out += core::DiverseFlagName(bit);
    }
    return out;
  }
  if (s.diverse_known == 0) return "unknown";
  if (s.diverse_known == core::kAllDiverseFlags) return "no";
  return "no (some flags unknown)";
}

std::string SnakeCase(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

const std::vector<MeasureDefinition>& MeasureDefinitions() {
  // From the one catalogue (metrics/catalogue.h); its strings are NUL-terminated literals.
  static const std::vector<MeasureDefinition> kDefinitions = [] {
    std::vector<MeasureDefinition> out;
    for (const metrics::MeasureEntry& m : metrics::MeasureCatalogue()) {
      out.push_back({m.id.data(), m.short_label.data(), m.numerator.data(),
                     m.share_of.empty() ? "-" : m.share_of.data(), m.notes.data()});
    }
    return out;
  }();
  return kDefinitions;
}

}  // namespace internal

namespace {

using metrics::Amount;
using metrics::MeasureReport;
using metrics::MeasureValues;
using nlohmann::json;

constexpr const char* kNoShare = "\u2013";  // en dash: no denominator
constexpr std::size_t kYearsPerTable = 4;
constexpr std::size_t kYearsPerBridge = 3;
constexpr std::size_t kIdWidth = 24;        // goal and member ids: shown whole when they can be
constexpr std::size_t kNameWidth = 30;      // member and supplier names
constexpr std::size_t kLegendWidth = 118;   // a line of notes under a table
constexpr std::size_t kSupplierWidth = 28;  // supplier names and keys

std::string Pct(std::optional<double> share) {
  return share ? fmt::format("{:.1f}%", *share * 100.0) : std::string(kNoShare);
}

// A figure as the terminal shows it: "not known" when its coverage is zero, marked with
// kTerminalLowMark when the coverage is below the network's threshold.
std::string JudgedText(std::string figure, core::Confidence confidence) {
  if (confidence == core::Confidence::kNotKnown) return internal::kNotKnownText;
  if (confidence == core::Confidence::kLow) figure += internal::kTerminalLowMark;
  return figure;
}

std::string JudgedPct(std::optional<double> share, core::Confidence confidence) {
  return JudgedText(Pct(share), confidence);
}

std::string Thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// Cuts to `width` code points with an ellipsis; never splits a UTF-8 sequence.
std::string Clip(const std::string& s, std::size_t width) {
  if (core::DisplayWidth(s) <= width) return s;
  std::string out;
  std::size_t points = 0;
  for (const char c : s) {
    const bool starts_point = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_point && ++points == width) break;
    out += c;
  }
  return out + "\u2026";
}

std::string DataRange(const MeasureReport& r) {
  if (!r.last_paid) return "no payments";
  std::string out = fmt::format("data to {}", core::ToUkLong(*r.last_paid));
  if (r.first_paid) out += fmt::format(" (payments from {})", core::ToUkLong(*r.first_paid));
  return out;
}

std::vector<std::vector<int>> Chunks(const std::vector<int>& years, std::size_t size) {
  std::vector<std::vector<int>> out;
  for (std::size_t i = 0; i < years.size(); i += size) {
    out.emplace_back(years.begin() + static_cast<std::ptrdiff_t>(i),
                     years.begin() + static_cast<std::ptrdiff_t>(std::min(i + size, years.size())));
  }
  return out;
}

// ---- Terminal.

// One row of the measures table: a label and, for one year's values, the amount and share cells.
struct MeasureRow {
  std::string label;
  std::function<std::pair<std::string, std::string>(const MeasureValues&)> cells;
  bool rule_before = false;
  // The figure's confidence when the measure has a coverage (metrics::MeasureConfidence).
  core::Confidence metrics::MeasureConfidence::*confidence = nullptr;
};

// An amount and its share, judged: the amount says "not known" (and the share is left out) or
// carries the mark.
std::pair<std::string, std::string> Judged(std::pair<std::string, std::string> cells,
                                           core::Confidence confidence) {
  if (confidence == core::Confidence::kNotKnown) cells.second.clear();
  cells.first = JudgedText(std::move(cells.first), confidence);
  return cells;
}

// Under a table with a judged figure: what "not known" and the mark mean.
std::string ConfidenceLegend(const MeasureReport& r) {
  return fmt::format("{}\n", internal::ConfidenceLegendText(r.network.coverage_warning_below,
                                                            internal::kTerminalLowMark, "\n"));
}

std::vector<MeasureRow> MeasureRows(const MeasureReport& r) {
  using C = metrics::MeasureConfidence;
  auto money = [](std::function<Amount(const MeasureValues&)> get, bool with_share = true) {
    return [get = std::move(get), with_share](const MeasureValues& v) {
      const Amount a = get(v);
      return std::make_pair(core::FormatPoundsShort(a.pence),
                            with_share ? Pct(metrics::Share(a.pence, v.s2.pence)) : std::string());
    };
  };
  auto band = [&money](core::SizeBand b) {
    return money([b](const MeasureValues& v) { return v.by_size[static_cast<int>(b)]; });
  };
  const std::string geo = internal::GeographyName(r);
  std::vector<MeasureRow> rows = {
      {"T1  payments as published", money([](const MeasureValues& v) { return v.t1; }, false)},
      {"S1  third-party spend", money([](const MeasureValues& v) { return v.s1; }, false)},
      {"S2  addressable spend", money([](const MeasureValues& v) { return v.s2; }, false)},
      {"    size known (coverage)", money([](const MeasureValues& v) { return v.size_known(); })},
      {"S3  MSME spend (direct)", money([](const MeasureValues& v) { return v.msme; }), true,
       &C::s3},
      {"    micro", band(core::SizeBand::kMicro), false, &C::s3},
      {"    small", band(core::SizeBand::kSmall), false, &C::s3},
      {"    medium", band(core::SizeBand::kMedium), false, &C::s3},
      {"    SME, band not known", band(core::SizeBand::kSme), false, &C::s3},
      {"    large", band(core::SizeBand::kLarge), false, &C::s3},
      {"    size unknown", band(core::SizeBand::kUnknown)},
      {Clip("S3L local MSMEs (" + geo + ")", 30),
       money([](const MeasureValues& v) { return v.msme_local; }), false, &C::s3l},
      {"S4  diverse-owned", money([](const MeasureValues& v) { return v.diverse_any; }), true,
       &C::s4},
  };
  for (int bit = 0; bit < core::kDiverseFlagCount; ++bit) {
    rows.push_back({fmt::format("    {}", core::DiverseFlagLabel(bit)),
                    money([bit](const MeasureValues& v) { return v.diverse_by_flag[bit]; }), false,
                    &C::s4});
  }
  const std::vector<MeasureRow> rest = {
      {"    certified", money([](const MeasureValues& v) { return v.diverse_certified; }), false,
       &C::s4},
      {"    self-declared", money([](const MeasureValues& v) { return v.diverse_self_declared; }),
       false, &C::s4},
      {"    ownership unknown",
       money([](const MeasureValues& v) { return internal::Unknown(v.s2, v.diverse_known); })},
      {"S6  VCSE", money([](const MeasureValues& v) { return v.vcse; }), true, &C::s6},
      {"    VCSE status unknown",
       money([](const MeasureValues& v) { return internal::Unknown(v.s2, v.vcse_known); })},
      {Clip("S7  local (" + geo + ")", 30), money([](const MeasureValues& v) { return v.local; }),
       true, &C::s7},
      {"S7b leakage (outside)", money([](const MeasureValues& v) { return v.outside; }), false,
       &C::s7},
      {"    location unknown", money([](const MeasureValues& v) {
         return internal::Unknown(v.s2, internal::LocationKnown(v));
       })},
      {"S8  IMD decile 1", money([](const MeasureValues& v) { return v.deprived_1; }), true,
       &C::s8},
      {"S8  IMD deciles 1-2", money([](const MeasureValues& v) { return v.deprived_12; }), false,
       &C::s8},
      {"    LSOA unknown",
       money([](const MeasureValues& v) { return internal::Unknown(v.s2, v.lsoa_known); })},
      {"S9  top 20 suppliers",
       [](const MeasureValues& v) {
         return std::make_pair(core::FormatPoundsShort(v.top20),
                               Pct(metrics::Share(v.top20, v.s2.pence)));
       },
       true},
      {"S9  top 300 suppliers",
       [](const MeasureValues& v) {
         return std::make_pair(core::FormatPoundsShort(v.top300),
                               Pct(metrics::Share(v.top300, v.s2.pence)));
       }},
      {"S9  suppliers paid",
       [](const MeasureValues& v) {
         return std::make_pair(Thousands(v.suppliers), std::string());
       }},
  };
  rows.insert(rows.end(), rest.begin(), rest.end());
  return rows;
}

std::string MeasuresByYear(const MeasureReport& r, const std::string& member) {
  std::string out;
  const std::vector<MeasureRow> rows = MeasureRows(r);
  bool judged = false;  // a figure is shown not known or marked
  for (const std::vector<int>& years : Chunks(r.financial_years, kYearsPerTable)) {
    TextTable t;
    t.AddColumn("Measure");
    for (int fy : years) {
      t.AddColumn(core::FinancialYearLabel(fy), Align::kRight);
      t.AddColumn("% of S2", Align::kRight);
    }
    for (const MeasureRow& row : rows) {
      if (row.rule_before) t.AddRule();
      std::vector<std::string> cells = {row.label};
      for (int fy : years) {
        const MeasureValues* v = r.Find(member, fy, 0);
        std::pair<std::string, std::string> figure;
        if (v != nullptr) {
          figure = row.cells(*v);
          if (row.confidence != nullptr) {
            const core::Confidence c = v->confidence.*row.confidence;
            judged = judged || c != core::Confidence::kSufficient;
            figure = Judged(std::move(figure), c);
          }
        }
        auto [amount, share] = std::move(figure);
        cells.push_back(std::move(amount));
        cells.push_back(std::move(share));
      }
      t.AddRow(std::move(cells));
    }
    out += t.Render();
  }
  // The coverage in words, year by year.
  std::vector<std::string> parts;
  for (int fy : r.financial_years) {
    const MeasureValues* v = r.Find(member, fy, 0);
    if (v == nullptr) continue;
    const std::string year = core::FinancialYearLabel(fy);
    const std::optional<double> known = metrics::Share(v->size_known().pence, v->s2.pence);
    parts.push_back(known ? fmt::format("{} of S2 in {}", Pct(known), year)
                          : fmt::format("no S2 in {}", year));
  }
  if (!parts.empty()) out += fmt::format("Size known for {}.\n", core::Join(parts, "; "));
  if (judged) out += ConfidenceLegend(r);
  return out;
}

std::string QuarterTrend(const MeasureReport& r, const std::string& member) {
  TextTable t;
  bool judged = false;
  t.AddColumn("Quarters");
  for (int q = 1; q <= 4; ++q) {
    t.AddColumn(fmt::format("Q{} S2", q), Align::kRight);
    t.AddColumn("S3 %", Align::kRight);
    t.AddColumn("known", Align::kRight);
  }
  bool any = false;
  for (int fy : r.financial_years) {
    std::vector<std::string> cells = {core::FinancialYearLabel(fy)};
    bool year_has_quarters = false;
    for (int q = 1; q <= 4; ++q) {
      const MeasureValues* v = r.Find(member, fy, q);
      if (v == nullptr) {
        cells.insert(cells.end(), {"", "", ""});
        continue;
      }
      year_has_quarters = true;
      cells.push_back(core::FormatPoundsShort(v->s2.pence));
      cells.push_back(JudgedPct(metrics::Share(v->msme.pence, v->s2.pence), v->confidence.s3));
      judged = judged || v->confidence.s3 != core::Confidence::kSufficient;
      cells.push_back(Pct(metrics::Share(v->size_known().pence, v->s2.pence)));
    }
    if (!year_has_quarters) continue;
    any = true;
    t.AddRow(std::move(cells));
  }
  if (!any) return "";
  return "\nS2 and the S3 share of it by quarter (known: size known, the coverage)\n" + t.Render() +
         (judged ? ConfidenceLegend(r) : "");
}

// One row per member and year, the headline shares side by side.
std::string MembersAtAGlance(const MeasureReport& r, const std::vector<std::string>& members) {
  TextTable t;
  t.AddColumn("Member");
  t.AddColumn("Year");
  for (const char* title : {"S2", "Known", "S3", "S4", "S6", "S7", "S8", "S9"}) {
    t.AddColumn(title, Align::kRight);
  }
  bool any = false;
  bool judged = false;
  for (const std::string& member : members) {
    if (member.empty()) continue;
    if (any) t.AddRule();
    for (int fy : r.financial_years) {
      const MeasureValues* v = r.Find(member, fy, 0);
      if (v == nullptr) continue;
      any = true;
      const core::Pence s2 = v->s2.pence;
      const metrics::MeasureConfidence& c = v->confidence;
      for (core::Confidence each : {c.s3, c.s4, c.s6, c.s7, c.s8}) {
        judged = judged || each != core::Confidence::kSufficient;
      }
      t.AddRow({Clip(internal::ScopeName(r, member), kNameWidth), core::FinancialYearLabel(fy),
                core::FormatPoundsShort(s2), Pct(metrics::Share(v->size_known().pence, s2)),
                JudgedPct(metrics::Share(v->msme.pence, s2), c.s3),
                JudgedPct(metrics::Share(v->diverse_any.pence, s2), c.s4),
                JudgedPct(metrics::Share(v->vcse.pence, s2), c.s6),
                JudgedPct(metrics::Share(v->local.pence, s2), c.s7),
                JudgedPct(metrics::Share(v->deprived_1.pence, s2), c.s8),
                Pct(metrics::Share(v->top20, s2))});
    }
  }
  if (!any) return "";
  return "\nMembers at a glance: shares of each member's S2. Known: size known (the coverage); S3 "
         "MSME, S4 diverse-owned,\nS6 VCSE, S7 local, S8 IMD decile 1, S9 top 20 suppliers. "
         "Details follow.\n" +
         t.Render() + (judged ? ConfidenceLegend(r) : "");
}

std::string Bridge(const MeasureReport& r, const std::string& member) {
  // The steps in order of first appearance across the years, grouped by stage.
  struct StepKey {
    core::RuleStage stage;
    std::string rule, reason;
  };
  std::vector<StepKey> keys;
  for (int fy : r.financial_years) {
    const MeasureValues* v = r.Find(member, fy, 0);
    if (v == nullptr) continue;
    for (const metrics::BridgeStep& s : v->bridge) {
      const bool seen = std::any_of(keys.begin(), keys.end(), [&](const StepKey& k) {
        return k.stage == s.stage && k.rule == s.rule;
      });
      if (!seen) keys.push_back({s.stage, s.rule, s.reason});
    }
  }
  std::stable_partition(keys.begin(), keys.end(),
                        [](const StepKey& k) { return k.stage == core::RuleStage::kS1; });
  auto step_amount = [](const MeasureValues& v, const StepKey& k) -> const Amount* {
    for (const metrics::BridgeStep& s : v.bridge) {
      if (s.stage == k.stage && s.rule == k.rule) return &s.amount;
    }
    return nullptr;
  };

  std::string out = fmt::format(
      "\nBridge, {}: payments (T1) to third-party (S1) to addressable "
      "spend (S2)\n",
      internal::ScopeName(r, member));
  for (const std::vector<int>& years : Chunks(r.financial_years, kYearsPerBridge)) {
    TextTable t;
    t.AddColumn("Step");
    for (int fy : years) {
      t.AddColumn(core::FinancialYearLabel(fy), Align::kRight);
      t.AddColumn("Lines", Align::kRight);
    }
    auto total_row = [&](const std::string& label, Amount MeasureValues::*field) {
      std::vector<std::string> cells = {label};
      for (int fy : years) {
        const MeasureValues* v = r.Find(member, fy, 0);
        cells.push_back(v ? core::FormatPounds((v->*field).pence) : "");
        cells.push_back(v ? Thousands((v->*field).lines) : "");
      }
      t.AddRow(std::move(cells));
    };
    auto step_rows = [&](core::RuleStage stage) {
      for (const StepKey& k : keys) {
        if (k.stage != stage) continue;
        std::vector<std::string> cells = {Clip("  less " + k.rule, 34)};
        for (int fy : years) {
          const MeasureValues* v = r.Find(member, fy, 0);
          const Amount* a = v ? step_amount(*v, k) : nullptr;
          cells.push_back(a ? core::FormatPounds(-a->pence) : "");
          cells.push_back(a ? Thousands(a->lines) : "");
        }
        t.AddRow(std::move(cells));
      }
    };
    total_row("T1 payments as published", &MeasureValues::t1);
    step_rows(core::RuleStage::kS1);
    t.AddRule();
    total_row("S1 third-party spend", &MeasureValues::s1);
    step_rows(core::RuleStage::kS2);
    t.AddRule();
    total_row("S2 addressable spend", &MeasureValues::s2);
    out += t.Render();
  }
  // Reconciliation: the steps must sum exactly.
  for (int fy : r.financial_years) {
    const MeasureValues* v = r.Find(member, fy, 0);
    if (v == nullptr) continue;
    core::Pence s1 = v->t1.pence, s2 = v->s1.pence;
    for (const metrics::BridgeStep& s : v->bridge) {
      (s.stage == core::RuleStage::kS1 ? s1 : s2) -= s.amount.pence;
    }
    if (s1 != v->s1.pence || s2 != v->s2.pence) {
      out +=
          fmt::format("Does not reconcile in {}: steps give S1 {} and S2 {}.\n",
                      core::FinancialYearLabel(fy), core::FormatPounds(s1), core::FormatPounds(s2));
    }
  }
  for (const StepKey& k : keys) {
    out += Clip(fmt::format("  {} ({}): {}", k.rule, core::RuleStageName(k.stage), k.reason),
                kLegendWidth) +
           "\n";
  }
  return out;
}

std::string GoalTarget(const metrics::GoalProgress& g) {
  return g.goal.kind == core::GoalKind::kShare ? Pct(g.target_share)
                                               : core::FormatMeasureValue(g.target_value, g.unit);
}

std::string Goals(const MeasureReport& r) {
  if (r.goals.empty()) return "";
  std::string out = fmt::format("\nGoals ({})\n", r.goals.size());
  TextTable t;
  t.AddColumn("Goal");
  t.AddColumn("Measure");
  t.AddColumn("For");
  t.AddColumn("Target", Align::kRight);
  t.AddColumn("Achieved", Align::kRight);
  t.AddColumn("Expected", Align::kRight);
  t.AddColumn("As at");
  t.AddColumn("Status");
  bool any_rows = false;
  bool judged = false;
  for (const metrics::GoalProgress& g : r.goals) {
    const bool share = g.goal.kind == core::GoalKind::kShare;
    any_rows = any_rows || !g.rows.empty();
    const std::string achieved = JudgedText(
        share ? Pct(g.share) : core::FormatMeasureValue(g.achieved, g.unit), g.confidence);
    judged = judged || g.confidence != core::Confidence::kSufficient;
    t.AddRow({Clip(g.goal.id, kIdWidth), g.goal.measure,
              Clip(g.goal.member.empty() ? "network" : g.goal.member, kIdWidth), GoalTarget(g),
              achieved, share ? Pct(g.target_share) : core::FormatMeasureValue(g.expected, g.unit),
              g.as_at.empty() ? std::string(kNoShare) : g.as_at,
              std::string(metrics::GoalStatusName(g.status))});
  }
  out += t.Render();
  for (const metrics::GoalProgress& g : r.goals) {
    if (g.goal.description.empty()) continue;
    out += Clip(fmt::format("  {}: {}", g.goal.id, g.goal.description), kLegendWidth) + "\n";
  }
  out +=
      "Expected: the part of the target due by the as-at date on a straight line (share goals: "
      "the target itself).\n";
  if (judged) out += ConfidenceLegend(r);
  if (!any_rows) return out;
  TextTable d;
  d.AddColumn("Goal");
  d.AddColumn("Member");
  d.AddColumn("Year");
  d.AddColumn("Measure", Align::kRight);
  d.AddColumn("Of S2", Align::kRight);
  d.AddColumn("Share", Align::kRight);
  d.AddColumn("Status");
  for (const metrics::GoalProgress& g : r.goals) {
    for (const metrics::GoalProgress::Row& row : g.rows) {
      d.AddRow(
          {Clip(g.goal.id, kIdWidth),
           row.member.empty() ? "network" : Clip(internal::ScopeName(r, row.member), kNameWidth),
           core::FinancialYearLabel(row.financial_year), core::FormatPoundsShort(row.numerator),
           core::FormatPoundsShort(row.denominator), Pct(row.share),
           std::string(metrics::GoalStatusName(row.status))});
    }
  }
  out += "\nGoal progress by year\n" + d.Render();
  return out;
}

std::string KnownText(core::Known k) { return std::string(core::KnownName(k)); }

std::string TopSuppliers(const MeasureReport& r) {
  if (r.top_suppliers.empty()) return "";
  const core::Pence total = internal::ReportS2(r);
  std::string out = fmt::format("\nTop {} suppliers by addressable spend (S2), {}\n",
                                r.top_suppliers.size(), internal::PeriodText(r));
  TextTable t;
  t.AddColumn("#", Align::kRight);
  t.AddColumn("Supplier");
  t.AddColumn("Key");
  t.AddColumn("Size");
  t.AddColumn("VCSE");
  t.AddColumn("Local");
  t.AddColumn("S2", Align::kRight);
  t.AddColumn("% of S2", Align::kRight);
  t.AddColumn("Members", Align::kRight);
  int rank = 0;
  for (const metrics::SupplierSpend& s : r.top_suppliers) {
    ++rank;
    const bool known = s.supplier >= 0 && static_cast<std::size_t>(s.supplier) < r.suppliers.size();
    const store::SupplierRecord fallback;
    const store::SupplierRecord& rec = known ? r.suppliers[s.supplier] : fallback;
    t.AddRow({std::to_string(rank), Clip(known ? rec.name : "(unresolved)", kSupplierWidth),
              Clip(rec.key, kSupplierWidth), std::string(core::SizeBandName(rec.size)),
              KnownText(rec.vcse), KnownText(rec.local), core::FormatPoundsShort(s.s2.pence),
              Pct(metrics::Share(s.s2.pence, total)), std::to_string(s.members.size())});
  }
  out += t.Render();
  return out;
}

// ---- JSON.

json ShareJson(core::Pence numerator, core::Pence denominator) {
  const std::optional<double> s = metrics::Share(numerator, denominator);
  return s ? json(internal::Round4(*s)) : json(nullptr);
}

// A figure: pence, lines, share of S2 and, for a measure with a coverage, its confidence
// ("not-known", "low", "sufficient"; core/coverage.h). A not-known figure keeps its pence (0 or
// a lower bound) for compatibility: a reader shows "not known", never the pence.
json Figure(const Amount& a, core::Pence s2,
            std::optional<core::Confidence> confidence = std::nullopt) {
  json j = {{"pence", a.pence}, {"lines", a.lines}, {"share_of_s2", ShareJson(a.pence, s2)}};
  if (confidence) j["confidence"] = core::ConfidenceName(*confidence);
  return j;
}

// A measure object: the figure, its coverage, its basis coverage where the measure has one, its
// confidence where it has a coverage, and the definition version.
json MeasureJson(const Amount& a, const MeasureValues& v,
                 std::optional<Amount> basis = std::nullopt,
                 std::optional<core::Confidence> confidence = std::nullopt) {
  json j = Figure(a, v.s2.pence, confidence);
  j["coverage"] = ShareJson(v.size_known().pence, v.s2.pence);
  if (basis) j["basis_coverage"] = ShareJson(basis->pence, v.s2.pence);
  j["definition_version"] = metrics::kMeasuresVersion;
  return j;
}

json MeasuresObject(const MeasureValues& v, bool financial_year) {
  const core::Pence s2 = v.s2.pence;
  const metrics::MeasureConfidence& c = v.confidence;
  json m = json::object();
  m["T1"] = MeasureJson(v.t1, v);                        // metric: T1
  m["S1"] = MeasureJson(v.s1, v);                        // metric: S1
  m["S2"] = MeasureJson(v.s2, v);                        // metric: S2
  json s3 = MeasureJson(v.msme, v, std::nullopt, c.s3);  // metric: S3
  for (core::SizeBand b : {core::SizeBand::kMicro, core::SizeBand::kSmall, core::SizeBand::kMedium,
                           core::SizeBand::kLarge, core::SizeBand::kUnknown}) {
    // The unknown band is itself known: it is the S2 whose size is not.
    s3[std::string(core::SizeBandName(b))] =
        Figure(v.by_size[static_cast<int>(b)], s2,
               b == core::SizeBand::kUnknown ? std::nullopt : std::optional(c.s3));
  }
  s3["sme_unbanded"] = Figure(v.by_size[static_cast<int>(core::SizeBand::kSme)], s2, c.s3);
  m["S3"] = std::move(s3);
  m["S3L"] = MeasureJson(v.msme_local, v, std::nullopt, c.s3l);    // metric: S3L
  json s4 = MeasureJson(v.diverse_any, v, v.diverse_known, c.s4);  // metric: S4
  json by_flag = json::object();
  for (int bit = 0; bit < core::kDiverseFlagCount; ++bit) {
    by_flag[internal::SnakeCase(core::DiverseFlagName(bit))] =
        Figure(v.diverse_by_flag[bit], s2, c.s4);
  }
  s4["by_flag"] = std::move(by_flag);
  s4["certified"] = Figure(v.diverse_certified, s2, c.s4);
  s4["self_declared"] = Figure(v.diverse_self_declared, s2, c.s4);
  s4["unknown"] = Figure(internal::Unknown(v.s2, v.diverse_known), s2);
  m["S4"] = std::move(s4);
  json s6 = MeasureJson(v.vcse, v, v.vcse_known, c.s6);  // metric: S6
  s6["unknown"] = Figure(internal::Unknown(v.s2, v.vcse_known), s2);
  m["S6"] = std::move(s6);
  const Amount location_known = internal::LocationKnown(v);
  json s7 = MeasureJson(v.local, v, location_known, c.s7);  // metric: S7
  s7["unknown"] = Figure(internal::Unknown(v.s2, location_known), s2);
  m["S7"] = std::move(s7);
  m["S7b"] = MeasureJson(v.outside, v, location_known, c.s7);  // metric: S7b
  m["S8"] = {{"decile_1", Figure(v.deprived_1, s2, c.s8)},     // metric: S8
             {"deciles_1_2", Figure(v.deprived_12, s2, c.s8)},
             {"unknown", Figure(internal::Unknown(v.s2, v.lsoa_known), s2)},
             {"coverage", ShareJson(v.size_known().pence, s2)},
             {"basis_coverage", ShareJson(v.lsoa_known.pence, s2)},
             {"confidence", core::ConfidenceName(c.s8)},
             {"definition_version", metrics::kMeasuresVersion}};
  if (financial_year) {
    m["S9"] = {
        {"top20", {{"pence", v.top20}, {"share_of_s2", ShareJson(v.top20, s2)}}},  // metric: S9
        {"top300", {{"pence", v.top300}, {"share_of_s2", ShareJson(v.top300, s2)}}},
        {"top20_share", ShareJson(v.top20, s2)},
        {"top300_share", ShareJson(v.top300, s2)},
        {"suppliers", v.suppliers},
        {"coverage", ShareJson(v.size_known().pence, s2)},
        {"definition_version", metrics::kMeasuresVersion}};
  } else {
    m["S9"] = nullptr;  // concentration is measured over whole financial years only
  }
  return m;
}

json GoalJson(const MeasureReport& r, const metrics::GoalProgress& g) {
  const bool share = g.goal.kind == core::GoalKind::kShare;
  json j = {{"id", g.goal.id},
            {"description", g.goal.description},
            {"measure", g.goal.measure},
            {"kind", core::GoalKindName(g.goal.kind)},
            {"member", g.goal.member},
            {"from", core::FinancialYearLabel(g.goal.from_fy)},
            {"to", core::FinancialYearLabel(g.goal.to_fy)},
            {"status", metrics::GoalStatusName(g.status)},
            {"as_at", g.as_at.empty() ? json(nullptr) : json(g.as_at)},
            {"basis", g.basis},
            {"coverage", internal::Round4(g.coverage)},
            {"confidence", core::ConfidenceName(g.confidence)},
            {"expected_fraction", internal::Round4(g.expected_fraction)}};
  // Values in the measure's base unit: "_pence" for money, "_kg" for carbon, plain for counts.
  const std::string suffix = g.unit == core::ReturnUnit::kPounds   ? "_pence"
                             : g.unit == core::ReturnUnit::kTonnes ? "_kg"
                                                                   : "";
  j["source"] = metrics::GoalSourceName(g.source);
  j["unit"] = core::ReturnUnitName(g.unit);
  j["status_reason"] = g.status_reason;
  if (share) {
    j["target_share"] = internal::Round4(g.target_share);
    j["share"] = g.share ? json(internal::Round4(*g.share)) : json(nullptr);
  } else {
    j["target" + suffix] = g.target_value;
    j["achieved" + suffix] = g.achieved;
    j["expected" + suffix] = g.expected;
    if (g.goal.kind == core::GoalKind::kAbsolute) j["baseline" + suffix] = g.baseline;
  }
  json rows = json::array();
  for (const metrics::GoalProgress::Row& row : g.rows) {
    rows.push_back({{"member", row.member},
                    {"member_name", row.member.empty() ? "" : internal::ScopeName(r, row.member)},
                    {"financial_year", core::FinancialYearLabel(row.financial_year)},
                    {"numerator" + suffix, row.numerator},
                    {"denominator" + suffix, row.denominator},
                    {"share", row.share ? json(internal::Round4(*row.share)) : json(nullptr)},
                    {"status", metrics::GoalStatusName(row.status)}});
    if (g.source == metrics::GoalSource::kReturns) {
      rows.back()["members_reporting"] = row.reporting;
    }
  }
  j["rows"] = std::move(rows);
  return j;
}

json SupplierJson(const MeasureReport& r, const metrics::SupplierSpend& s, int rank,
                  core::Pence total) {
  json j = {{"rank", rank},
            {"s2", {{"pence", s.s2.pence}, {"lines", s.s2.lines}}},
            {"t1", {{"pence", s.t1.pence}, {"lines", s.t1.lines}}},
            {"share_of_s2", ShareJson(s.s2.pence, total)},
            {"members", s.members}};
  if (s.supplier < 0 || static_cast<std::size_t>(s.supplier) >= r.suppliers.size()) {
    j["key"] = nullptr;
    return j;
  }
  const store::SupplierRecord& rec = r.suppliers[s.supplier];
  json diverse = json::array(), diverse_known = json::array();
  for (int bit = 0; bit < core::kDiverseFlagCount; ++bit) {
    const std::string flag = internal::SnakeCase(core::DiverseFlagName(bit));
    if ((rec.diverse_yes & (1u << bit)) != 0) diverse.push_back(flag);
    if ((rec.diverse_known & (1u << bit)) != 0) diverse_known.push_back(flag);
  }
  j["key"] = rec.key;
  j["name"] = rec.name;
  j["company_number"] = rec.company_number;
  j["charity_number"] = rec.charity_number;
  j["size"] = core::SizeBandName(rec.size);
  j["vcse"] = core::KnownName(rec.vcse);
  j["diverse"] = std::move(diverse);
  j["diverse_known"] = std::move(diverse_known);
  j["diverse_evidence"] = core::EvidenceName(rec.diverse_evidence);
  j["public_body"] = core::PublicBodyKindName(rec.public_body);
  j["local"] = core::KnownName(rec.local);
  j["postcode"] = rec.postcode;
  j["local_authority"] = rec.local_authority;
  j["lsoa"] = rec.lsoa;
  j["imd_decile"] = rec.imd_decile > 0 ? json(rec.imd_decile) : json(nullptr);
  j["match_method"] = rec.match_method;
  j["match_confidence"] = internal::Round4(rec.match_confidence);
  return j;
}

// ---- CSV.

struct CsvFigure {
  std::string measure;
  std::string breakdown;
  std::optional<core::Pence> pence;
  std::optional<std::int64_t> lines;  // for S9 "suppliers": the supplier count
  std::optional<double> share;
  std::optional<double> basis;
  std::optional<core::Confidence> confidence;  // measures with a coverage
};

std::vector<CsvFigure> CsvFigures(const MeasureValues& v, bool financial_year) {
  const core::Pence s2 = v.s2.pence;
  std::vector<CsvFigure> out;
  auto add = [&](std::string measure, std::string breakdown, const Amount& a,
                 std::optional<Amount> basis = std::nullopt) {
    // "unknown" breakdowns are known amounts (the S2 a measure cannot classify): no confidence.
    std::optional<core::Confidence> confidence;
    if (breakdown != "unknown") confidence = v.confidence.Of(measure);
    out.push_back({std::move(measure), std::move(breakdown), a.pence, a.lines,
                   metrics::Share(a.pence, s2),
                   basis ? metrics::Share(basis->pence, s2) : std::nullopt, confidence});
  };
  add("T1", "", v.t1);
  add("S1", "", v.s1);
  add("S2", "", v.s2);
  add("S3", "", v.msme);
  for (core::SizeBand b :
       {core::SizeBand::kMicro, core::SizeBand::kSmall, core::SizeBand::kMedium,
        core::SizeBand::kSme, core::SizeBand::kLarge, core::SizeBand::kUnknown}) {
    add("S3", b == core::SizeBand::kSme ? "sme_unbanded" : std::string(core::SizeBandName(b)),
        v.by_size[static_cast<int>(b)]);
  }
  add("S3L", "", v.msme_local);
  add("S4", "", v.diverse_any, v.diverse_known);
  for (int bit = 0; bit < core::kDiverseFlagCount; ++bit) {
    add("S4", internal::SnakeCase(core::DiverseFlagName(bit)), v.diverse_by_flag[bit],
        v.diverse_known);
  }
  add("S4", "certified", v.diverse_certified, v.diverse_known);
  add("S4", "self_declared", v.diverse_self_declared, v.diverse_known);
  add("S4", "unknown", internal::Unknown(v.s2, v.diverse_known), v.diverse_known);
  add("S6", "", v.vcse, v.vcse_known);
  add("S6", "unknown", internal::Unknown(v.s2, v.vcse_known), v.vcse_known);
  const Amount location_known = internal::LocationKnown(v);
  add("S7", "", v.local, location_known);
  add("S7", "unknown", internal::Unknown(v.s2, location_known), location_known);
  add("S7b", "", v.outside, location_known);
  add("S8", "decile_1", v.deprived_1, v.lsoa_known);
  add("S8", "deciles_1_2", v.deprived_12, v.lsoa_known);
  add("S8", "unknown", internal::Unknown(v.s2, v.lsoa_known), v.lsoa_known);
  if (financial_year) {
    out.push_back(
        {"S9", "top20", v.top20, std::nullopt, metrics::Share(v.top20, s2), std::nullopt});
    out.push_back(
        {"S9", "top300", v.top300, std::nullopt, metrics::Share(v.top300, s2), std::nullopt});
    out.push_back({"S9", "suppliers", std::nullopt, v.suppliers, std::nullopt, std::nullopt});
  }
  for (const metrics::BridgeStep& s : v.bridge) {
    add("bridge", fmt::format("{}:{}", core::RuleStageName(s.stage), s.rule), s.amount);
  }
  return out;
}

std::string CsvShare(std::optional<double> share) {
  return share ? fmt::format("{:.4f}", internal::Round4(*share)) : std::string();
}

}  // namespace

std::string MeasuresTable(const MeasureReport& r) {
  std::string out;
  if (r.network.synthetic) out += std::string(internal::kSyntheticBanner) + "\n";
  out += fmt::format("{}: procurement measures (definitions version {})\n", r.network.name,
                     metrics::kMeasuresVersion);
  out += fmt::format("{}; {}\n", internal::PeriodText(r), DataRange(r));
  if (r.resolved_now) out += "Suppliers were resolved again for this report.\n";
  out +=
      "Shares are of addressable spend (S2); \u2013 means no S2 to share. \"Unknown\" rows are "
      "spend whose supplier\nis not classified for that measure: they are never counted as "
      "\"no\".\n";
  const std::vector<const metrics::ScopeValues*> scopes = internal::YearScopes(r);
  std::vector<std::string> members;  // scopes in report order, each once
  for (const metrics::ScopeValues* s : scopes) {
    if (std::find(members.begin(), members.end(), s->member) == members.end()) {
      members.push_back(s->member);
    }
  }
  if (members.empty()) {
    out += "\nNo payments in the period.\n";
  }
  std::size_t members_not_detailed = 0;
  for (const std::string& member : members) {
    // Without --member, each member's full tables only on request (--members): the network's
    // tables and "Members at a glance" fit a terminal; 22 members' tables do not.
    if (!member.empty() && r.query.member.empty() && !r.query.member_detail) {
      ++members_not_detailed;
      continue;
    }
    const std::string title = member.empty()
                                  ? fmt::format("{} (whole network)", r.network.name)
                                  : fmt::format("{} ({})", internal::ScopeName(r, member), member);
    out += fmt::format("\n== {} ==\n", title);
    out += MeasuresByYear(r, member);
    out += QuarterTrend(r, member);
    if (member.empty() || member == r.query.member) out += Bridge(r, member);
    if (member.empty() && r.query.member.empty()) out += MembersAtAGlance(r, members);
  }
  if (members_not_detailed > 0) {
    out += fmt::format(
        "\n{} members' own tables: `anchornet report --member ID`, or all with --members; every "
        "figure is in --format json, csv or xlsx.\n",
        members_not_detailed);
  }
  out += Goals(r);
  out += TopSuppliers(r);
  return out;
}

nlohmann::json GoalJsonValue(const MeasureReport& r, const metrics::GoalProgress& g) {
  return GoalJson(r, g);
}

nlohmann::json MeasuresJsonValue(const MeasureReport& r) {
  json j;
  j["network"] = {{"name", r.network.name},
                  {"synthetic", r.network.synthetic},
                  {"geography", r.network.geography_name}};
  j["definitions_version"] = metrics::kMeasuresVersion;
  j["query"] = {{"financial_year", r.query.financial_year
                                       ? json(core::FinancialYearLabel(*r.query.financial_year))
                                       : json(nullptr)},
                {"member", r.query.member.empty() ? json(nullptr) : json(r.query.member)},
                {"top_suppliers", r.query.top_suppliers}};
  j["data"] = {{"first_paid", r.first_paid ? json(core::ToIso(*r.first_paid)) : json(nullptr)},
               {"last_paid", r.last_paid ? json(core::ToIso(*r.last_paid)) : json(nullptr)},
               {"data_version", r.data_version},
               {"resolved_now", r.resolved_now}};
  json years = json::array();
  for (int fy : r.financial_years) years.push_back(core::FinancialYearLabel(fy));
  j["financial_years"] = std::move(years);
  json scopes = json::array();
  for (const metrics::ScopeValues& s : r.scopes) {
    if (!internal::ScopeShown(r, s.member)) continue;
    json bridge = json::array();
    for (const metrics::BridgeStep& b : s.values.bridge) {
      bridge.push_back({{"stage", core::RuleStageName(b.stage)},
                        {"rule", b.rule},
                        {"reason", b.reason},
                        {"pence", b.amount.pence},
                        {"lines", b.amount.lines}});
    }
    scopes.push_back({{"member", s.member},
                      {"member_name", internal::ScopeName(r, s.member)},
                      {"financial_year", core::FinancialYearLabel(s.period.financial_year)},
                      {"quarter", s.period.quarter},
                      {"measures", MeasuresObject(s.values, s.period.quarter == 0)},
                      {"bridge", std::move(bridge)}});
  }
  j["scopes"] = std::move(scopes);
  json goals = json::array();
  for (const metrics::GoalProgress& g : r.goals) goals.push_back(GoalJson(r, g));
  j["goals"] = std::move(goals);
  json rules = json::array();
  for (const metrics::AppliedRule& rule : r.rules) {
    rules.push_back({{"id", rule.id},
                     {"stage", core::RuleStageName(rule.stage)},
                     {"match", core::RuleMatchName(rule.match)},
                     {"patterns", rule.patterns},
                     {"reason", rule.reason},
                     {"member", rule.member},
                     {"default", rule.is_default}});
  }
  j["rules"] = std::move(rules);
  json suppliers = json::array();
  const core::Pence total = internal::ReportS2(r);
  int rank = 0;
  for (const metrics::SupplierSpend& s : r.top_suppliers) {
    suppliers.push_back(SupplierJson(r, s, ++rank, total));
  }
  j["top_suppliers"] = std::move(suppliers);
  return j;
}

std::string MeasuresJson(const MeasureReport& r) { return MeasuresJsonValue(r).dump(2) + "\n"; }

std::string MeasuresCsv(const MeasureReport& r) {
  std::string out =
      "scope,member,financial_year,quarter,measure,breakdown,pence,lines,share_of_s2,coverage,"
      "basis_coverage,definition_version,confidence\n";
  for (const metrics::ScopeValues& s : r.scopes) {
    if (!internal::ScopeShown(r, s.member)) continue;
    const MeasureValues& v = s.values;
    const std::string coverage = CsvShare(metrics::Share(v.size_known().pence, v.s2.pence));
    const std::string prefix =
        fmt::format("{},{},{},{}", s.member.empty() ? "network" : "member", CsvCell(s.member),
                    core::FinancialYearLabel(s.period.financial_year), s.period.quarter);
    for (const CsvFigure& f : CsvFigures(v, s.period.quarter == 0)) {
      out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", prefix, f.measure, CsvCell(f.breakdown),
                         f.pence ? std::to_string(*f.pence) : "",
                         f.lines ? std::to_string(*f.lines) : "", CsvShare(f.share), coverage,
                         CsvShare(f.basis), metrics::kMeasuresVersion,
                         f.confidence ? core::ConfidenceName(*f.confidence) : "");
    }
  }
  return out;
}

}  // namespace anchornet::report
