// The XLSX rendering of the impact report (docs/report.md, "Impact report"): the headlines, goals,
// series, member table, returns, carbon projects, levy transfers, data quality, definitions and
// trace as ten sheets in the shared frame (internal/xlsx_book.h). Each figure is a number in its
// unit: pounds with a £ format, tonnes CO2e with three decimals, counts as integers; a figure a
// member did not report is a blank cell, never 0. A payments figure whose coverage is zero says
// "not known" and one below the network's threshold is amber, with the legend in row 4 (the
// confidence metrics judged: FigureCoverage on headlines and series, ImpactMemberRow::confidence,
// GoalProgress::confidence).
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/returns.h"
#include "core/text.h"
#include "metrics/measures.h"
#include "report/impact_report.h"
#include "report/internal/confidence_words.h"
#include "report/internal/impact_common.h"
#include "report/internal/xlsx_book.h"

namespace anchornet::report {

namespace {

using Cell = internal::XlsxCell;
using Column = internal::XlsxColumn;
using Kind = internal::XlsxKind;
using metrics::GoalProgress;
using metrics::ImpactReport;

class Book {
 public:
  Book(const ImpactReport& r, const std::string& path) : r_(r), book_(path) {
    book_.SetConfidenceLegend(
        internal::ConfidenceLegendText(r_.network.coverage_warning_below, "Amber cells", " "));
  }

  [[nodiscard]] bool ok() const { return book_.ok(); }

  void SetProperties() {
    book_.SetProperties(
        internal::ImpactTitle(r_),
        fmt::format("Impact report: headlines, goals, members' returns and their trace, FY {}",
                    core::FinancialYearLabel(r_.financial_year)),
        (r_.synthetic ? std::string(internal::kImpactSyntheticBanner) + " " : "") +
            "Written by anchornet report impact; definitions in the Definitions sheet and "
            "docs/metrics.md.",
        r_.synthetic ? "impact, anchor network, synthetic, demo" : "impact, anchor network");
  }

  void BeginSheet(const std::string& name, const std::string& holds, std::vector<Column> columns,
                  lxw_col_t frozen_columns) {
    std::string about = fmt::format("Financial year {}", internal::ImpactYearSpan(r_));
    if (!r_.generated_at.empty()) about += "; generated " + internal::UkDate(r_.generated_at);
    about += fmt::format("; definitions version {}", metrics::kMeasuresVersion);
    book_.BeginSheet(name, fmt::format("{}: {}", internal::ImpactTitle(r_), holds), about,
                     r_.synthetic ? internal::kImpactSyntheticBanner : "", std::move(columns),
                     frozen_columns);
  }
  void Row(const std::vector<Cell>& cells) { book_.Row(cells); }
  void EndSheet() { book_.EndSheet(); }
  [[nodiscard]] core::Status Close() { return book_.Close(); }

 private:
  const ImpactReport& r_;
  internal::XlsxBook book_;
};

std::string UnitName(core::ReturnUnit unit) { return std::string(core::ReturnUnitName(unit)); }

std::string Quarter(int quarter) {
  return quarter == 0 ? std::string("Full year") : fmt::format("Q{}", quarter);
}

std::string MemberKey(const std::string& member) { return member.empty() ? "network" : member; }

void HeadlinesSheet(Book& b, const ImpactReport& r) {
  b.BeginSheet("Headlines", "headlines, each with its basis",
               {{"Id", Kind::kText},
                {"Pillar", Kind::kText},
                {"Measure", Kind::kText},
                {"Source", Kind::kText},
                {"Value", Kind::kMoney},
                {"Unit", Kind::kText},
                {"Figure", Kind::kText},
                {"Text", Kind::kText},
                {"Basis", Kind::kText},
                {"Goal", Kind::kText}},
               1);
  for (const metrics::Headline& h : r.headlines) {
    const ImpactHeadlineWords words = HeadlineWords(r, h);
    b.Row({Cell::Text(h.id), Cell::Text(std::string(core::PillarName(h.pillar))),
           Cell::Text(h.measure), Cell::Text(std::string(metrics::FigureSourceName(h.source))),
           Cell::Measure(h.value, h.unit).Judged(h.coverage.confidence),
           Cell::Text(UnitName(h.unit)), Cell::Text(words.figure), Cell::Text(words.text),
           Cell::Text(words.basis), Cell::Text(h.goal ? h.goal->id : std::string())});
  }
  b.EndSheet();
}

void GoalsSheet(Book& b, const ImpactReport& r) {
  b.BeginSheet("Goals", "goals and progress (level 'goal' is the goal as a whole)",
               internal::XlsxGoalColumns({{"Scope", Kind::kText},
                                          {"Unit", Kind::kText},
                                          {"Target", Kind::kMoney},
                                          {"Achieved", Kind::kMoney},
                                          {"Expected by as-at", Kind::kMoney},
                                          {"Numerator", Kind::kMoney},
                                          {"Denominator", Kind::kMoney},
                                          {"Status", Kind::kText},
                                          {"Why", Kind::kText},
                                          {"Basis", Kind::kText},
                                          {"Coverage", Kind::kShare},
                                          {"Members reporting", Kind::kCount},
                                          {"As at", Kind::kText}}),
               2);
  for (const GoalProgress& g : r.goals) {
    const bool share = g.goal.kind == core::GoalKind::kShare;
    const bool has_data =
        g.status != metrics::GoalStatus::kNoData && g.status != metrics::GoalStatus::kNotStarted;
    const std::string kind(core::GoalKindName(g.goal.kind));
    const std::string unit = share ? std::string("share") : UnitName(g.unit);
    b.Row({Cell::Text(g.goal.id),
           Cell::Text("goal"),
           Cell::Text(MemberKey(g.goal.member)),
           Cell::Text(internal::GoalYears(g.goal)),
           Cell::Text(g.goal.description),
           Cell::Text(g.goal.measure),
           Cell::Text(kind),
           Cell::Text(internal::GoalScope(r, g)),
           Cell::Text(unit),
           share ? Cell::Share(g.target_share) : Cell::Measure(g.target_value, g.unit),
           share ? Cell::Share(g.share).Judged(g.confidence)
                 : (has_data ? Cell::Measure(g.achieved, g.unit).Judged(g.confidence)
                             : Cell::Blank()),
           share || !has_data ? Cell::Blank() : Cell::Measure(g.expected, g.unit),
           Cell::Blank(),
           Cell::Blank(),
           Cell::Text(std::string(metrics::GoalStatusName(g.status))),
           Cell::Text(g.status_reason),
           Cell::Text(g.basis),
           Cell::Share(g.coverage),
           Cell::Blank(),
           Cell::Text(g.as_at)});
    for (const GoalProgress::Row& row : g.rows) {
      b.Row({Cell::Text(g.goal.id),
             Cell::Text(share ? "member-year" : "year"),
             Cell::Text(MemberKey(row.member)),
             Cell::Text(core::FinancialYearLabel(row.financial_year)),
             Cell::Text(g.goal.description),
             Cell::Text(g.goal.measure),
             Cell::Text(kind),
             Cell::Text(internal::MemberName(r, row.member)),
             Cell::Text(unit),
             Cell::Blank(),
             share ? Cell::Share(row.share) : Cell::Measure(row.numerator, g.unit),
             Cell::Blank(),
             Cell::Measure(row.numerator, g.unit),
             share ? Cell::Measure(row.denominator, g.unit) : Cell::Blank(),
             Cell::Text(std::string(metrics::GoalStatusName(row.status))),
             Cell::Blank(),
             Cell::Blank(),
             Cell::Blank(),
             g.source == metrics::GoalSource::kReturns ? Cell::Count(row.reporting) : Cell::Blank(),
             Cell::Blank()});
    }
  }
  b.EndSheet();
}

void SeriesSheet(Book& b, const ImpactReport& r) {
  b.BeginSheet("Series", "each chart's figures: the network by year and quarter, then members",
               {{"Measure", Kind::kText},
                {"Label", Kind::kText},
                {"Source", Kind::kText},
                {"Unit", Kind::kText},
                {"Member", Kind::kText},
                {"Member name", Kind::kText},
                {"Financial year", Kind::kText},
                {"Quarter", Kind::kText},
                {"Value", Kind::kMoney},
                {"Members reporting", Kind::kCount},
                {"Reported", Kind::kText}},
               1);
  for (const metrics::ImpactSection& section : r.sections) {
    for (const metrics::ImpactSeries& s : section.series) {
      // Each point judged by the confidence metrics gave it (returns figures are sufficient).
      auto row = [&](const std::string& member, const std::string& name, int fy, int quarter,
                     std::optional<std::int64_t> value, std::optional<int> reporting,
                     const metrics::FigureCoverage& coverage) {
        b.Row({Cell::Text(s.measure), Cell::Text(s.label),
               Cell::Text(std::string(metrics::FigureSourceName(s.source))),
               Cell::Text(UnitName(s.unit)), Cell::Text(member), Cell::Text(name),
               Cell::Text(core::FinancialYearLabel(fy)), Cell::Text(Quarter(quarter)),
               Cell::Measure(value, s.unit).Judged(coverage.confidence),
               reporting ? Cell::Count(*reporting) : Cell::Blank(),
               Cell::Text(value ? "yes" : "not reported")});
      };
      for (const metrics::ImpactSeries::Point& p : s.trend) {
        row("network", "Whole network", p.financial_year, p.quarter, p.value,
            p.quarter == 0 ? std::optional<int>(p.reporting) : std::nullopt, p.coverage);
      }
      for (const metrics::ImpactSeries::Part& part : s.members) {
        row(part.member, part.member_name, r.financial_year, 0, part.value, std::nullopt,
            part.coverage);
      }
    }
  }
  b.EndSheet();
}

void MembersSheet(Book& b, const ImpactReport& r) {
  b.BeginSheet("Members", "the member table (blank: not reported)",
               {{"Member", Kind::kText},
                {"Member name", Kind::kText},
                {"Sector", Kind::kText},
                {"Addressable spend (S2) £", Kind::kMoney},
                {"MSME share (S3 of S2)", Kind::kShare},
                {"Supplier size known", Kind::kShare},
                {"W1 staff uplifted", Kind::kCount},
                {"W2S apprenticeship starts", Kind::kCount},
                {"E1 staff trained", Kind::kCount},
                {"E2 carbon saved tCO2e", Kind::kMoney},
                {"Return", Kind::kText},
                {"Flagged figures", Kind::kCount}},
               2);
  for (const metrics::ImpactMemberRow& m : r.members) {
    const auto& missing = r.quality.missing_payments;
    const bool no_payments = std::find(missing.begin(), missing.end(), m.name) != missing.end();
    b.Row({Cell::Text(m.member), Cell::Text(m.name), Cell::Text(m.sector),
           no_payments ? Cell::Blank() : Cell::Money(m.s2),
           Cell::Share(m.msme_share).Judged(m.confidence), Cell::Share(m.coverage),
           Cell::Measure(m.w1, core::ReturnUnit::kCount),
           Cell::Measure(m.w2s, core::ReturnUnit::kCount),
           Cell::Measure(m.e1, core::ReturnUnit::kCount),
           Cell::Measure(m.e2, core::ReturnUnit::kTonnes),
           Cell::Text(ImpactReturnStatusText(m.return_status)),
           Cell::Count(static_cast<double>(m.flags))});
  }
  b.EndSheet();
}

struct MeasureColumn {
  std::string id;
  core::ReturnUnit unit;
};

std::vector<MeasureColumn> ReturnColumns() {
  std::vector<MeasureColumn> out;
  for (const core::ReturnMeasure& m : core::ReturnMeasures()) {
    out.push_back({std::string(m.id), m.unit});
  }
  for (const core::DerivedMeasure& m : core::DerivedReturnMeasures()) {
    out.push_back({std::string(m.id), m.unit});
  }
  return out;
}

std::string SubmissionsText(const ImpactReport& r, const metrics::ReturnScopeValues& scope) {
  std::vector<std::string> parts;
  for (const std::int64_t id : scope.submissions) {
    std::string part = fmt::format("#{}", id);
    for (const store::ReturnSubmission& s : r.returns.current) {
      if (s.id != id) continue;
      part += fmt::format(" {} ({}, submitted {})",
                          core::ReturnPeriodLabel(s.financial_year, s.quarter), s.file_name,
                          internal::UkDate(s.submitted_at));
    }
    parts.push_back(std::move(part));
  }
  return core::Join(parts, "; ");
}

void ReturnsSheet(Book& b, const ImpactReport& r) {
  const std::vector<MeasureColumn> measures = ReturnColumns();
  std::vector<Column> columns = {{"Member", Kind::kText},
                                 {"Member name", Kind::kText},
                                 {"Financial year", Kind::kText},
                                 {"Submissions in force", Kind::kText}};
  for (const MeasureColumn& m : measures) {
    std::string title = m.id;
    if (m.unit == core::ReturnUnit::kPounds) title += " £";
    if (m.unit == core::ReturnUnit::kTonnes) title += " tCO2e";
    columns.push_back({title, m.unit == core::ReturnUnit::kCount ? Kind::kCount : Kind::kMoney});
  }
  b.BeginSheet("Returns",
               "members' returns by year (annual, or quarters folded) and the network's totals; "
               "blank: not reported",
               std::move(columns), 3);
  for (const metrics::ReturnScopeValues& scope : r.returns.scopes) {
    std::vector<Cell> cells = {Cell::Text(MemberKey(scope.member)),
                               Cell::Text(internal::MemberName(r, scope.member)),
                               Cell::Text(core::FinancialYearLabel(scope.financial_year)),
                               Cell::Text(SubmissionsText(r, scope))};
    for (const MeasureColumn& m : measures) {
      const auto it = scope.values.find(m.id);
      cells.push_back(it == scope.values.end() ? Cell::Blank() : Cell::Measure(it->second, m.unit));
    }
    b.Row(cells);
  }
  b.EndSheet();
}

void ProjectsSheet(Book& b, const ImpactReport& r) {
  b.BeginSheet("Projects", "carbon-saving projects (E2P) and the conversion factor each used",
               {{"Member", Kind::kText},
                {"Member name", Kind::kText},
                {"Project", Kind::kText},
                {"Name", Kind::kText},
                {"Kind", Kind::kText},
                {"Activity", Kind::kText},
                {"Unit", Kind::kText},
                {"Activity year", Kind::kCount},
                {"Baseline per year", Kind::kNumber},
                {"After per year", Kind::kNumber},
                {"Factor id", Kind::kText},
                {"Factor path", Kind::kText},
                {"Factor kg CO2e per unit", Kind::kNumber},
                {"Saved tCO2e", Kind::kTonnes},
                {"Note", Kind::kText}},
               3);
  for (const auto& [member, p] : r.returns.projects) {
    b.Row({Cell::Text(member), Cell::Text(internal::MemberName(r, member)), Cell::Text(p.id),
           Cell::Text(p.name), Cell::Text(p.kind), Cell::Text(p.activity), Cell::Text(p.unit),
           Cell::Number(p.activity_year), Cell::Number(p.baseline), Cell::Number(p.after),
           Cell::Text(p.factor_id), Cell::Text(p.factor_path), Cell::Number(p.factor),
           Cell::Tonnes(p.saved_kg), Cell::Text(p.note)});
  }
  b.EndSheet();
}

void TransfersSheet(Book& b, const ImpactReport& r) {
  b.BeginSheet("Levy transfers", "apprenticeship levy transfers (W3) in the returns in force",
               {{"Member", Kind::kText},
                {"Member name", Kind::kText},
                {"Recipient", Kind::kText},
                {"Recipient is an SME", Kind::kText},
                {"Committed £", Kind::kMoney},
                {"Paid £", Kind::kMoney},
                {"Apprenticeships", Kind::kCount},
                {"Note", Kind::kText}},
               2);
  for (const auto& [member, t] : r.returns.transfers) {
    std::string sme = "unknown";
    if (t.recipient_sme) sme = *t.recipient_sme ? "yes" : "no";
    b.Row({Cell::Text(member), Cell::Text(internal::MemberName(r, member)), Cell::Text(t.recipient),
           Cell::Text(sme), Cell::Money(t.committed), Cell::Money(t.paid),
           Cell::Count(static_cast<double>(t.apprenticeships)), Cell::Text(t.note)});
  }
  b.EndSheet();
}

void QualitySheet(Book& b, const ImpactReport& r) {
  const metrics::DataQuality& q = r.quality;
  b.BeginSheet("Data quality", "what is missing, flagged or uncertain",
               {{"Item", Kind::kText},
                {"Member", Kind::kText},
                {"Period", Kind::kText},
                {"Measure", Kind::kText},
                {"Value", Kind::kMoney},
                {"Detail", Kind::kText}},
               1);
  const std::string fy = "FY " + core::FinancialYearLabel(r.financial_year);
  for (const std::string& m : q.missing_returns) {
    b.Row({Cell::Text("missing return"), Cell::Text(m), Cell::Text(fy), Cell::Blank(),
           Cell::Blank(), Cell::Text("no return for the year: its figures are not reported")});
  }
  for (const std::string& m : q.missing_payments) {
    b.Row({Cell::Text("missing payments"), Cell::Text(m), Cell::Text(fy), Cell::Blank(),
           Cell::Blank(), Cell::Text("no payment lines in the year")});
  }
  auto coverage = [&](const char* item, std::optional<double> share, const char* detail) {
    b.Row({Cell::Text(item), Cell::Text("Whole network"), Cell::Text(fy), Cell::Blank(),
           Cell::Share(share), Cell::Text(detail)});
  };
  coverage("size coverage", q.size_coverage, "addressable spend whose supplier size is known");
  coverage("VCSE coverage", q.vcse_coverage, "addressable spend whose VCSE status is known");
  coverage("location coverage", q.location_coverage,
           "addressable spend whose supplier is known to be inside or outside the geography");
  for (const metrics::FlaggedFigure& f : q.flagged) {
    const auto info = core::FindAnyReturnMeasure(f.measure);
    b.Row({Cell::Text("flagged figure"), Cell::Text(internal::MemberName(r, f.member)),
           Cell::Text(core::ReturnPeriodLabel(f.financial_year, f.quarter)), Cell::Text(f.measure),
           Cell::Measure(f.value, info ? info->unit : core::ReturnUnit::kCount),
           Cell::Text(fmt::format("{} (submission #{})", f.flag, f.submission))});
  }
  for (const metrics::LevyWarning& w : q.levy_warnings) {
    b.Row({Cell::Text("levy transfers over half"), Cell::Text(internal::MemberName(r, w.member)),
           Cell::Text("FY " + core::FinancialYearLabel(w.financial_year)), Cell::Text("W3"),
           Cell::Money(w.transferred),
           Cell::Text(fmt::format("levy funds (W3F) {}; transferred {} of them",
                                  core::FormatPounds(w.funds),
                                  internal::PercentText(metrics::Share(w.transferred, w.funds))))});
  }
  b.Row({Cell::Text("unmatched suppliers"), Cell::Text("Whole network"), Cell::Text(fy),
         Cell::Blank(), Cell::Count(static_cast<double>(q.unmatched_suppliers)),
         Cell::Text("suppliers paid in the year with no register match")});
  b.Row({Cell::Text("unmatched spend"), Cell::Text("Whole network"), Cell::Text(fy),
         Cell::Text("S2"), Cell::Money(q.unmatched_spend),
         Cell::Text("addressable spend with suppliers with no register match")});
  b.Row({Cell::Text("rejected rows"), Cell::Text("Whole network"), Cell::Blank(), Cell::Blank(),
         Cell::Count(static_cast<double>(q.rejected_rows)),
         Cell::Text("spend rows rejected across imported files")});
  for (const std::string& n : ImpactQualityNotes(r)) {
    b.Row({Cell::Text("note"), Cell::Blank(), Cell::Blank(), Cell::Blank(), Cell::Blank(),
           Cell::Text(n)});
  }
  b.EndSheet();
}

void DefinitionsSheet(Book& b, const ImpactReport& r) {
  b.BeginSheet("Definitions", "definitions of the measures (docs/metrics.md)",
               {{"Id", Kind::kText},
                {"Measure", Kind::kText},
                {"Unit", Kind::kText},
                {"Definition", Kind::kText}},
               1);
  for (const metrics::Definition& d : ImpactDefinitions(r)) {
    b.Row({Cell::Text(d.id), Cell::Text(d.label), Cell::Text(d.unit), Cell::Text(d.text)});
  }
  b.EndSheet();
}

void TraceSheet(Book& b, const ImpactReport& r) {
  b.BeginSheet("Trace", "what each headline was worked out from, then every input",
               {{"Headline", Kind::kText},
                {"Kind", Kind::kText},
                {"Member", Kind::kText},
                {"Member name", Kind::kText},
                {"Input", Kind::kText},
                {"Ref", Kind::kCount}},
               1);
  auto row = [&](const std::string& headline, const metrics::TraceItem& t) {
    b.Row({Cell::Text(headline), Cell::Text(std::string(metrics::TraceKindName(t.kind))),
           Cell::Text(MemberKey(t.member)), Cell::Text(internal::MemberName(r, t.member)),
           Cell::Text(ImpactTraceText(t)),
           t.id != 0 ? Cell::Count(static_cast<double>(t.id)) : Cell::Blank()});
  };
  for (const metrics::Headline& h : r.headlines) {
    for (const metrics::TraceItem& t : h.trace) row(h.id, t);
  }
  for (const metrics::TraceItem& t : r.inputs) row("(all inputs)", t);
  b.EndSheet();
}

}  // namespace

core::Status WriteImpactXlsx(const ImpactReport& r, const std::string& path) {
  Book book(r, path);
  if (!book.ok()) {
    return core::Fail(core::ErrorCode::kStoreIo, fmt::format("cannot create workbook {}", path));
  }
  book.SetProperties();
  HeadlinesSheet(book, r);
  GoalsSheet(book, r);
  SeriesSheet(book, r);
  MembersSheet(book, r);
  ReturnsSheet(book, r);
  ProjectsSheet(book, r);
  TransfersSheet(book, r);
  QualitySheet(book, r);
  DefinitionsSheet(book, r);
  TraceSheet(book, r);
  return book.Close();
}

}  // namespace anchornet::report
