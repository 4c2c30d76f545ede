// The XLSX rendering of the measures report (docs/report.md, "XLSX"), written with libxlsxwriter.
//
// Every sheet has the same frame: a title row (network and what the sheet holds), a row with the
// period, the data date and the definitions version, a red "SYNTHETIC DEMO DATA" row for the
// demo, then one table with a bold header, frozen panes under it and an autofilter. Money cells
// are numbers in pounds with a £ format (pence / 100 only here, at the last step); shares are
// fractions with a percent format; unknown shares are left blank. A figure whose coverage is zero
// says "not known", one below the network's threshold is amber, with the legend above the table
// (metrics::MeasureValues::confidence, core/coverage.h).
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/supplier.h"
#include "core/text.h"
#include "report/internal/confidence_words.h"
#include "report/internal/measures_common.h"
#include "report/internal/xlsx_book.h"
#include "report/measures_report.h"

namespace anchornet::report {

namespace {

using metrics::Amount;
using metrics::MeasureReport;
using metrics::MeasureValues;

using Kind = internal::XlsxKind;
using Column = internal::XlsxColumn;
using Cell = internal::XlsxCell;

// The measures report's frame around the shared workbook (internal/xlsx_book.h): the period,
// the data date and the definitions version under each sheet's title.
class Workbook {
 public:
  Workbook(const MeasureReport& report, const std::string& path) : report_(report), book_(path) {
    book_.SetConfidenceLegend(
        internal::ConfidenceLegendText(report_.network.coverage_warning_below, "Amber cells", " "));
  }

  [[nodiscard]] bool ok() const { return book_.ok(); }

  void SetProperties() {
    book_.SetProperties(
        fmt::format("{}: procurement measures", report_.network.name),
        fmt::format("Procurement measures S1-S9, {}, definitions version {}",
                    internal::PeriodText(report_), metrics::kMeasuresVersion),
        (report_.network.synthetic ? std::string(internal::kSyntheticBanner) + " " : "") +
            "Written by anchornet report; definitions in the Definitions sheet and "
            "docs/metrics.md.",
        report_.network.synthetic ? "procurement, measures, synthetic, demo"
                                  : "procurement, measures");
  }

  void BeginSheet(const std::string& name, const std::string& holds, std::vector<Column> columns,
                  lxw_col_t frozen_columns) {
    std::string period = fmt::format("{}; ", internal::PeriodText(report_));
    period += report_.last_paid ? "data to " + core::ToUkLong(*report_.last_paid) : "no payments";
    period += fmt::format("; definitions version {}", metrics::kMeasuresVersion);
    if (!report_.query.member.empty()) period += "; member " + report_.query.member;
    book_.BeginSheet(name, fmt::format("{}: {}", report_.network.name, holds), period,
                     report_.network.synthetic ? internal::kSyntheticBanner : "",
                     std::move(columns), frozen_columns);
  }
  void Row(const std::vector<Cell>& cells) { book_.Row(cells); }
  void EndSheet() { book_.EndSheet(); }
  [[nodiscard]] core::Status Close() { return book_.Close(); }

 private:
  const MeasureReport& report_;
  internal::XlsxBook book_;
};

// ---- The measure columns of the Network and Members sheets.

struct MeasureColumn {
  Column column;
  std::function<Cell(const MeasureValues&, bool financial_year)> get;
  // The figure's confidence when the measure has a coverage (metrics::MeasureConfidence).
  core::Confidence metrics::MeasureConfidence::*confidence = nullptr;
};

std::vector<MeasureColumn> MeasureColumns() {
  using C = metrics::MeasureConfidence;
  using Judge = core::Confidence C::*;
  auto money = [](std::string title, const std::function<Amount(const MeasureValues&)>& get,
                  Judge judge = nullptr) {
    return MeasureColumn{{std::move(title), Kind::kMoney},
                         [get](const MeasureValues& v, bool) { return Cell::Money(get(v).pence); },
                         judge};
  };
  auto share = [](std::string title, const std::function<Amount(const MeasureValues&)>& get,
                  Judge judge = nullptr) {
    return MeasureColumn{{std::move(title), Kind::kShare},
                         [get](const MeasureValues& v, bool) {
                           return Cell::Share(metrics::Share(get(v).pence, v.s2.pence));
                         },
                         judge};
  };
  auto band = [](core::SizeBand b) {
    return [b](const MeasureValues& v) { return v.by_size[static_cast<int>(b)]; };
  };
  std::vector<MeasureColumn> cols = {
      money("T1 payments £", [](const MeasureValues& v) { return v.t1; }),
      money("S1 third-party £", [](const MeasureValues& v) { return v.s1; }),
      money("S2 addressable £", [](const MeasureValues& v) { return v.s2; }),
      share("Size known (coverage)", [](const MeasureValues& v) { return v.size_known(); }),
      money(
          "S3 MSME £", [](const MeasureValues& v) { return v.msme; }, &C::s3),
      share(
          "S3 % of S2", [](const MeasureValues& v) { return v.msme; }, &C::s3),
      money("Micro £", band(core::SizeBand::kMicro), &C::s3),
      money("Small £", band(core::SizeBand::kSmall), &C::s3),
      money("Medium £", band(core::SizeBand::kMedium), &C::s3),
      money("SME, band not known £", band(core::SizeBand::kSme), &C::s3),
      money("Large £", band(core::SizeBand::kLarge), &C::s3),
      money("Size unknown £", band(core::SizeBand::kUnknown)),
      money(
          "S3L local MSME £", [](const MeasureValues& v) { return v.msme_local; }, &C::s3l),
      share(
          "S3L % of S2", [](const MeasureValues& v) { return v.msme_local; }, &C::s3l),
      money(
          "S4 diverse-owned £", [](const MeasureValues& v) { return v.diverse_any; }, &C::s4),
      share(
          "S4 % of S2", [](const MeasureValues& v) { return v.diverse_any; }, &C::s4),
  };
  for (int bit = 0; bit < core::kDiverseFlagCount; ++bit) {
    cols.push_back(money(
        fmt::format("S4 {} £", core::DiverseFlagLabel(bit)),
        [bit](const MeasureValues& v) { return v.diverse_by_flag[bit]; }, &C::s4));
  }
  const std::vector<MeasureColumn> rest = {
      money(
          "S4 certified £", [](const MeasureValues& v) { return v.diverse_certified; }, &C::s4),
      money(
          "S4 self-declared £", [](const MeasureValues& v) { return v.diverse_self_declared; },
          &C::s4),
      share("Ownership known (S4 basis)", [](const MeasureValues& v) { return v.diverse_known; }),
      money(
          "S6 VCSE £", [](const MeasureValues& v) { return v.vcse; }, &C::s6),
      share(
          "S6 % of S2", [](const MeasureValues& v) { return v.vcse; }, &C::s6),
      share("VCSE status known (S6 basis)", [](const MeasureValues& v) { return v.vcse_known; }),
      money(
          "S7 local £", [](const MeasureValues& v) { return v.local; }, &C::s7),
      share(
          "S7 % of S2", [](const MeasureValues& v) { return v.local; }, &C::s7),
      money(
          "S7b leakage £", [](const MeasureValues& v) { return v.outside; }, &C::s7),
      share(
          "S7b % of S2", [](const MeasureValues& v) { return v.outside; }, &C::s7),
      share("Location known (S7 basis)", internal::LocationKnown),
      money(
          "S8 IMD decile 1 £", [](const MeasureValues& v) { return v.deprived_1; }, &C::s8),
      share(
          "S8 decile 1 % of S2", [](const MeasureValues& v) { return v.deprived_1; }, &C::s8),
      money(
          "S8 IMD deciles 1-2 £", [](const MeasureValues& v) { return v.deprived_12; }, &C::s8),
      share(
          "S8 deciles 1-2 % of S2", [](const MeasureValues& v) { return v.deprived_12; }, &C::s8),
      share("LSOA known (S8 basis)", [](const MeasureValues& v) { return v.lsoa_known; }),
  };
  cols.insert(cols.end(), rest.begin(), rest.end());
  // S9: financial years only; blank for quarters.
  cols.push_back({{"S9 top 20 £", Kind::kMoney}, [](const MeasureValues& v, bool fy) {
                    return fy ? Cell::Money(v.top20) : Cell::Blank();
                  }});
  cols.push_back({{"S9 top 20 share", Kind::kShare}, [](const MeasureValues& v, bool fy) {
                    return fy ? Cell::Share(metrics::Share(v.top20, v.s2.pence)) : Cell::Blank();
                  }});
  cols.push_back({{"S9 top 300 £", Kind::kMoney}, [](const MeasureValues& v, bool fy) {
                    return fy ? Cell::Money(v.top300) : Cell::Blank();
                  }});
  cols.push_back({{"S9 top 300 share", Kind::kShare}, [](const MeasureValues& v, bool fy) {
                    return fy ? Cell::Share(metrics::Share(v.top300, v.s2.pence)) : Cell::Blank();
                  }});
  cols.push_back({{"S9 suppliers", Kind::kCount}, [](const MeasureValues& v, bool fy) {
                    return fy ? Cell::Count(static_cast<double>(v.suppliers)) : Cell::Blank();
                  }});
  cols.push_back({{"T1 lines", Kind::kCount}, [](const MeasureValues& v, bool) {
                    return Cell::Count(static_cast<double>(v.t1.lines));
                  }});
  cols.push_back({{"S2 lines", Kind::kCount}, [](const MeasureValues& v, bool) {
                    return Cell::Count(static_cast<double>(v.s2.lines));
                  }});
  return cols;
}

std::vector<Column> WithKeys(std::vector<Column> keys, const std::vector<MeasureColumn>& cols) {
  for (const MeasureColumn& c : cols) keys.push_back(c.column);
  return keys;
}

void AppendMeasures(std::vector<Cell>& cells, const std::vector<MeasureColumn>& cols,
                    const MeasureValues& v, bool financial_year) {
  for (const MeasureColumn& c : cols) {
    Cell cell = c.get(v, financial_year);
    if (c.confidence != nullptr) cell = cell.Judged(v.confidence.*c.confidence);
    cells.push_back(std::move(cell));
  }
}

std::string MemberLabel(const std::string& member) { return member.empty() ? "network" : member; }

// ---- Sheets.

void NetworkSheet(Workbook& b, const MeasureReport& r, const std::vector<MeasureColumn>& cols) {
  b.BeginSheet("Network", "the network's measures by financial year and quarter",
               WithKeys({{"Financial year", Kind::kText}, {"Quarter", Kind::kText}}, cols), 2);
  for (const metrics::ScopeValues& s : r.scopes) {
    if (!s.member.empty()) continue;
    std::vector<Cell> cells = {
        Cell::Text(core::FinancialYearLabel(s.period.financial_year)),
        Cell::Text(s.period.quarter == 0 ? "Full year" : fmt::format("Q{}", s.period.quarter))};
    AppendMeasures(cells, cols, s.values, s.period.quarter == 0);
    b.Row(cells);
  }
  b.EndSheet();
}

void MembersSheet(Workbook& b, const MeasureReport& r, const std::vector<MeasureColumn>& cols) {
  b.BeginSheet(
      "Members", "measures by member and financial year",
      WithKeys(
          {{"Member", Kind::kText}, {"Member name", Kind::kText}, {"Financial year", Kind::kText}},
          cols),
      3);
  for (const metrics::ScopeValues* s : internal::YearScopes(r)) {
    if (s->member.empty()) continue;
    std::vector<Cell> cells = {Cell::Text(s->member), Cell::Text(internal::ScopeName(r, s->member)),
                               Cell::Text(core::FinancialYearLabel(s->period.financial_year))};
    AppendMeasures(cells, cols, s->values, true);
    b.Row(cells);
  }
  b.EndSheet();
}

void SuppliersSheet(Workbook& b, const MeasureReport& r) {
  b.BeginSheet("Suppliers", "top suppliers by addressable spend (S2) and their classification",
               {{"Rank", Kind::kCount},
                {"Supplier", Kind::kText},
                {"Key", Kind::kText},
                {"Company number", Kind::kText},
                {"Charity number", Kind::kText},
                {"Size", Kind::kText},
                {"VCSE", Kind::kText},
                {"Diverse-owned", Kind::kText},
                {"Diverse evidence", Kind::kText},
                {"Public body", Kind::kText},
                {"Local", Kind::kText},
                {"Postcode", Kind::kText},
                {"Local authority", Kind::kText},
                {"LSOA", Kind::kText},
                {"IMD decile", Kind::kCount},
                {"S2 £", Kind::kMoney},
                {"S2 lines", Kind::kCount},
                {"Share of S2", Kind::kShare},
                {"T1 £", Kind::kMoney},
                {"Members", Kind::kText},
                {"Match method", Kind::kText},
                {"Match confidence", Kind::kShare}},
               2);
  const core::Pence total = internal::ReportS2(r);
  int rank = 0;
  for (const metrics::SupplierSpend& s : r.top_suppliers) {
    ++rank;
    const bool known = s.supplier >= 0 && static_cast<std::size_t>(s.supplier) < r.suppliers.size();
    const store::SupplierRecord fallback;
    const store::SupplierRecord& rec = known ? r.suppliers[s.supplier] : fallback;
    b.Row({Cell::Count(rank),
           Cell::Text(known ? rec.name : "(unresolved)"),
           Cell::Text(rec.key),
           Cell::Text(rec.company_number),
           Cell::Text(rec.charity_number),
           Cell::Text(std::string(core::SizeBandName(rec.size))),
           Cell::Text(std::string(core::KnownName(rec.vcse))),
           Cell::Text(internal::DiverseText(rec)),
           Cell::Text(std::string(core::EvidenceName(rec.diverse_evidence))),
           Cell::Text(std::string(core::PublicBodyKindName(rec.public_body))),
           Cell::Text(std::string(core::KnownName(rec.local))),
           Cell::Text(rec.postcode),
           Cell::Text(rec.local_authority),
           Cell::Text(rec.lsoa),
           rec.imd_decile > 0 ? Cell::Count(rec.imd_decile) : Cell::Blank(),
           Cell::Money(s.s2.pence),
           Cell::Count(static_cast<double>(s.s2.lines)),
           Cell::Share(metrics::Share(s.s2.pence, total)),
           Cell::Money(s.t1.pence),
           Cell::Text(core::Join(s.members, ", ")),
           Cell::Text(rec.match_method),
           known ? Cell::Share(rec.match_confidence) : Cell::Blank()});
  }
  b.EndSheet();
}

void GoalsSheet(Workbook& b, const MeasureReport& r) {
  b.BeginSheet("Goals", "goals and progress (level 'goal' is the goal as a whole)",
               internal::XlsxGoalColumns({{"Target £", Kind::kMoney},
                                          {"Target share", Kind::kShare},
                                          {"Achieved £", Kind::kMoney},
                                          {"Achieved share", Kind::kShare},
                                          {"Expected by as-at £", Kind::kMoney},
                                          {"Expected fraction of target", Kind::kShare},
                                          {"Measure £ (numerator)", Kind::kMoney},
                                          {"S2 £ (denominator)", Kind::kMoney},
                                          {"Status", Kind::kText},
                                          {"Size coverage", Kind::kShare},
                                          {"As at", Kind::kText},
                                          {"Basis", Kind::kText}}),
               2);
  for (const metrics::GoalProgress& g : r.goals) {
    const bool share = g.goal.kind == core::GoalKind::kShare;
    const std::string kind(core::GoalKindName(g.goal.kind));
    const std::string years = fmt::format("{} to {}", core::FinancialYearLabel(g.goal.from_fy),
                                          core::FinancialYearLabel(g.goal.to_fy));
    b.Row({Cell::Text(g.goal.id), Cell::Text("goal"), Cell::Text(MemberLabel(g.goal.member)),
           Cell::Text(years), Cell::Text(g.goal.description), Cell::Text(g.goal.measure),
           Cell::Text(kind), share ? Cell::Blank() : Cell::Measure(g.target_value, g.unit),
           share ? Cell::Share(g.target_share) : Cell::Blank(),
           share ? Cell::Blank() : Cell::Measure(g.achieved, g.unit).Judged(g.confidence),
           share ? Cell::Share(g.share).Judged(g.confidence) : Cell::Blank(),
           share ? Cell::Blank() : Cell::Measure(g.expected, g.unit),
           Cell::Share(g.expected_fraction), Cell::Blank(), Cell::Blank(),
           Cell::Text(std::string(metrics::GoalStatusName(g.status))), Cell::Share(g.coverage),
           Cell::Text(g.as_at), Cell::Text(g.basis)});
    for (const metrics::GoalProgress::Row& row : g.rows) {
      b.Row({Cell::Text(g.goal.id), Cell::Text(share ? "member-year" : "year"),
             Cell::Text(MemberLabel(row.member)),
             Cell::Text(core::FinancialYearLabel(row.financial_year)),
             Cell::Text(g.goal.description), Cell::Text(g.goal.measure), Cell::Text(kind),
             Cell::Blank(), Cell::Blank(),
             share ? Cell::Blank() : Cell::Measure(row.numerator, g.unit), Cell::Share(row.share),
             Cell::Blank(), Cell::Blank(), Cell::Measure(row.numerator, g.unit),
             (g.source == metrics::GoalSource::kReturns ? Cell::Measure(row.denominator, g.unit)
                                                        : Cell::Money(row.denominator)),
             Cell::Text(std::string(metrics::GoalStatusName(row.status)))});
    }
  }
  b.EndSheet();
}

void BridgeSheet(Workbook& b, const MeasureReport& r) {
  b.BeginSheet("Bridge",
               "payments (T1) to third-party (S1) to addressable spend (S2); exclusions negative",
               {{"Member", Kind::kText},
                {"Member name", Kind::kText},
                {"Financial year", Kind::kText},
                {"Step", Kind::kCount},
                {"Stage", Kind::kText},
                {"Kind", Kind::kText},
                {"Rule", Kind::kText},
                {"Reason", Kind::kText},
                {"Amount £", Kind::kMoney},
                {"Lines", Kind::kCount}},
               3);
  for (const metrics::ScopeValues* s : internal::YearScopes(r)) {
    const MeasureValues& v = s->values;
    int step = 0;
    auto row = [&](const std::string& stage, const std::string& kind, const std::string& rule,
                   const std::string& reason, core::Pence pence, std::int64_t lines) {
      b.Row({Cell::Text(MemberLabel(s->member)), Cell::Text(internal::ScopeName(r, s->member)),
             Cell::Text(core::FinancialYearLabel(s->period.financial_year)), Cell::Count(++step),
             Cell::Text(stage), Cell::Text(kind), Cell::Text(rule), Cell::Text(reason),
             Cell::Money(pence), Cell::Count(static_cast<double>(lines))});
    };
    row("T1", "total", "", "Payments as published", v.t1.pence, v.t1.lines);
    for (const core::RuleStage stage : {core::RuleStage::kS1, core::RuleStage::kS2}) {
      const std::string name(core::RuleStageName(stage));
      for (const metrics::BridgeStep& st : v.bridge) {
        if (st.stage != stage) continue;
        row(name, "exclusion", st.rule, st.reason, -st.amount.pence, st.amount.lines);
      }
      const bool s1 = stage == core::RuleStage::kS1;
      const Amount& total = s1 ? v.s1 : v.s2;
      row(name, "total", "", s1 ? "Third-party spend" : "Addressable spend", total.pence,
          total.lines);
    }
  }
  b.EndSheet();
}

void DefinitionsSheet(Workbook& b) {
  b.BeginSheet("Definitions", "definitions of the measures (docs/metrics.md)",
               {{"Id", Kind::kText},
                {"Name", Kind::kText},
                {"Numerator", Kind::kText},
                {"Denominator", Kind::kText},
                {"Exclusions and notes", Kind::kText},
                {"Version", Kind::kCount}},
               1);
  for (const internal::MeasureDefinition& d : internal::MeasureDefinitions()) {
    b.Row({Cell::Text(d.id), Cell::Text(d.name), Cell::Text(d.numerator), Cell::Text(d.denominator),
           Cell::Text(d.notes), Cell::Count(metrics::kMeasuresVersion)});
  }
  b.EndSheet();
}

void CoverageSheet(Workbook& b, const MeasureReport& r) {
  b.BeginSheet("Coverage", "how much of addressable spend (S2) each measure can classify",
               {{"Member", Kind::kText},
                {"Member name", Kind::kText},
                {"Financial year", Kind::kText},
                {"S2 £", Kind::kMoney},
                {"Size known £", Kind::kMoney},
                {"Size known %", Kind::kShare},
                {"VCSE status known £", Kind::kMoney},
                {"VCSE status known %", Kind::kShare},
                {"Ownership known £", Kind::kMoney},
                {"Ownership known %", Kind::kShare},
                {"Location known £", Kind::kMoney},
                {"Location known %", Kind::kShare},
                {"LSOA known £", Kind::kMoney},
                {"LSOA known %", Kind::kShare}},
               3);
  for (const metrics::ScopeValues* s : internal::YearScopes(r)) {
    const MeasureValues& v = s->values;
    std::vector<Cell> cells = {
        Cell::Text(MemberLabel(s->member)), Cell::Text(internal::ScopeName(r, s->member)),
        Cell::Text(core::FinancialYearLabel(s->period.financial_year)), Cell::Money(v.s2.pence)};
    for (const Amount& known : {v.size_known(), v.vcse_known, v.diverse_known,
                                internal::LocationKnown(v), v.lsoa_known}) {
      cells.push_back(Cell::Money(known.pence));
      cells.push_back(Cell::Share(metrics::Share(known.pence, v.s2.pence)));
    }
    b.Row(cells);
  }
  b.EndSheet();
}

void RulesSheet(Workbook& b, const MeasureReport& r) {
  b.BeginSheet("Rules", "the S1 and S2 exclusion rules in force",
               {{"Rule", Kind::kText},
                {"Stage", Kind::kText},
                {"Match", Kind::kText},
                {"Patterns", Kind::kText},
                {"Reason", Kind::kText},
                {"Member", Kind::kText},
                {"Default", Kind::kText}},
               1);
  for (const metrics::AppliedRule& rule : r.rules) {
    b.Row({Cell::Text(rule.id), Cell::Text(std::string(core::RuleStageName(rule.stage))),
           Cell::Text(std::string(core::RuleMatchName(rule.match))),
           Cell::Text(core::Join(rule.patterns, "; ")), Cell::Text(rule.reason),
           Cell::Text(rule.member.empty() ? "every member" : rule.member),
           Cell::Text(rule.is_default ? "yes" : "no")});
  }
  b.EndSheet();
}

}  // namespace

core::Status WriteMeasuresXlsx(const MeasureReport& report, const std::string& path) {
  Workbook book(report, path);
  if (!book.ok()) {
    return core::Fail(core::ErrorCode::kStoreIo, fmt::format("cannot create workbook {}", path));
  }
  book.SetProperties();
  const std::vector<MeasureColumn> cols = MeasureColumns();
  NetworkSheet(book, report, cols);
  MembersSheet(book, report, cols);
  SuppliersSheet(book, report);
  GoalsSheet(book, report);
  BridgeSheet(book, report);
  DefinitionsSheet(book);
  CoverageSheet(book, report);
  RulesSheet(book, report);
  return book.Close();
}

}  // namespace anchornet::report
