// The Markdown rendering of the impact report (docs/report.md, "Impact report"): the same content
// as the HTML page (headlines, sections with goal progress and series as tables, the member
// table, data quality, definitions and the trace), in words from internal/impact_common.h.
//
// Thread-safety: pure functions.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/returns.h"
#include "core/text.h"
#include "metrics/measures.h"
#include "report/impact_report.h"
#include "report/internal/impact_common.h"

namespace anchornet::report {

namespace {

using internal::AppendixRef;
using internal::FindGoal;
using internal::FindHeadline;
using internal::FlaggedPeriod;
using internal::FyText;
using internal::kNotKnown;
using internal::kNotReported;
using internal::MeasureValueOf;
using internal::PaymentsMissing;
using internal::PercentText;
using internal::QuarterPoints;
using internal::ReportingText;
using internal::SeriesSummary;
using internal::StatusLabel;
using internal::TraceRow;
using internal::UkDate;
using internal::Value;
using internal::YearPoints;
using metrics::GoalProgress;
using metrics::Headline;
using metrics::ImpactReport;
using metrics::ImpactSection;
using metrics::ImpactSeries;
using metrics::TraceItem;

// Escapes what Markdown would read as markup or HTML; table cells also escape '|'.
std::string Md(std::string_view text, bool cell = false) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '`':
        out += "\\`";
        break;
      case '*':
        out += "\\*";
        break;
      case '[':
        out += "\\[";
        break;
      case ']':
        out += "\\]";
        break;
      case '<':
        out += "&lt;";
        break;
      case '|':
        out += cell ? "\\|" : "|";
        break;
      case '\n':
        out += cell ? " " : "\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

class MarkdownWriter {
 public:
  explicit MarkdownWriter(const ImpactReport& r) : r_(r) {}

  std::string Render() {
    Add(fmt::format("# {}\n\n", Md(internal::ImpactTitle(r_))));
    if (r_.synthetic) Add(fmt::format("> **{}**\n\n", Md(internal::kImpactSyntheticBanner)));
    Add(fmt::format("Financial year {}. Generated {}.\n\n", internal::ImpactYearSpan(r_),
                    internal::GeneratedText(r_)));
    Add("## Headlines\n\n");
    if (r_.headlines.empty()) Add("Nothing to announce for this year.\n\n");
    for (const Headline& h : r_.headlines) HeadlineItem(h);
    for (const ImpactSection& s : r_.sections) Section(s);
    Members();
    Quality();
    Definitions();
    Trace();
    return std::move(out_);
  }

 private:
  void Add(std::string_view s) { out_ += s; }

  void Row(const std::vector<std::string>& cells) {
    Add("|");
    for (const std::string& c : cells) Add(" " + Md(c, true) + " |");
    Add("\n");
  }
  // `align`: one character per column, 'l' or 'r'.
  void Header(const std::vector<std::string>& cells, std::string_view align) {
    Row(cells);
    Add("|");
    for (std::size_t i = 0; i < cells.size(); ++i) {
      Add(i < align.size() && align[i] == 'r' ? "---:|" : "---|");
    }
    Add("\n");
  }

  void HeadlineItem(const Headline& h) {
    const ImpactHeadlineWords words = HeadlineWords(r_, h);
    Add(fmt::format("- **{}**: {}  \n", Md(words.figure), Md(words.text)));
    if (!words.warning.empty()) {
      Add(fmt::format("  {} {}  \n", internal::kLowMark, Md(words.warning)));
    }
    Add(fmt::format("  Basis: {} (appendix {})\n", Md(words.basis), AppendixRef(r_, h)));
  }

  void Section(const ImpactSection& s) {
    Add(fmt::format("\n## {}\n\n", Md(s.title)));
    bool any = false;
    for (const std::string& id : s.headline_ids) {
      if (const Headline* h = FindHeadline(r_, id)) {
        HeadlineItem(*h);
        any = true;
      }
    }
    if (any) Add("\n");
    std::vector<const GoalProgress*> goals;
    for (const std::string& id : s.goal_ids) {
      if (const GoalProgress* g = FindGoal(r_, id)) goals.push_back(g);
    }
    if (!goals.empty()) {
      Add("### Goals\n\n");
      Header({"Goal", "Measure", "For", "Years", "Target", "Achieved", "Expected by as-at",
              "Status", "Coverage"},
             "lllllrrrlr");
      for (const GoalProgress* g : goals) {
        const bool share = g->goal.kind == core::GoalKind::kShare;
        Row({g->goal.id, g->goal.measure + " " + std::string(core::GoalKindName(g->goal.kind)),
             internal::GoalScope(r_, *g), internal::GoalYears(g->goal),
             share ? PercentText(g->target_share) : internal::GoalValue(*g, g->target_value),
             share ? PercentText(g->share) : internal::GoalValue(*g, g->achieved),
             share ? std::string(kNotReported) : internal::GoalValue(*g, g->expected),
             StatusLabel(g->status), internal::GoalCoverageCell(r_, *g)});
      }
      Add("\n");
      for (const GoalProgress* g : goals) {
        Add(fmt::format("- {}: {}. {}{}. Basis: {}. As at {}.\n", Md(g->goal.id),
                        Md(g->goal.description.empty() ? g->goal.id : g->goal.description),
                        StatusLabel(g->status),
                        g->status_reason.empty() ? "" : ": " + Md(g->status_reason), Md(g->basis),
                        g->as_at.empty() ? "now" : UkDate(g->as_at)));
      }
      Add("\n");
    }
    for (const ImpactSeries& series : s.series) Series(series);
  }

  void Series(const ImpactSeries& s) {
    Add(fmt::format("### {} ({})\n\n", Md(s.label), Md(s.measure)));
    if (!s.definition.empty()) Add(Md(s.definition) + "\n\n");
    Add(Md(SeriesSummary(r_, s)) + "\n\n");
    const std::vector<ImpactSeries::Point> years = YearPoints(s);
    if (!years.empty()) {
      Header({"Financial year", s.measure, "Members"}, "lrr");
      for (const auto& p : years) {
        Row({FyText(p.financial_year), internal::CoveredValue(p.value, s.unit, p.coverage),
             ReportingText(r_, s, p.reporting)});
      }
      Add("\n");
    }
    const std::vector<ImpactSeries::Point> quarters = QuarterPoints(s);
    if (!quarters.empty()) {
      Header({"Quarter", s.measure}, "lr");
      for (const auto& p : quarters) {
        Row({fmt::format("Q{} {}", p.quarter, core::FinancialYearLabel(p.financial_year)),
             internal::CoveredValue(p.value, s.unit, p.coverage)});
      }
      Add("\n");
    }
    if (const std::string marks = internal::CoverageMarks(r_, s); !marks.empty()) {
      // "; one whose coverage ..." as a sentence of its own.
      Add("A figure not reported is \u201c\u2014\u201d" + Md(marks) + ".\n\n");
    }
    if (!s.members.empty()) {
      Header({"Member", fmt::format("{} {}", s.measure, FyText(r_.financial_year))}, "lr");
      for (const ImpactSeries::Part& part : s.members) {
        Row({part.member_name.empty() ? part.member : part.member_name,
             part.value ? internal::CoveredValue(part.value, s.unit, part.coverage)
                        : "not reported"});
      }
      Add("\n");
    }
  }

  void Members() {
    Add(fmt::format("\n## Members in {}\n\n", FyText(r_.financial_year)));
    Header({"Member", "Sector", "Addressable spend (S2)", "MSME share (S3)", "Supplier size known",
            "W1", "W2S", "E1", "E2", "Return", "Flagged"},
           "llrrrrrrrlr");
    for (const metrics::ImpactMemberRow& m : r_.members) {
      const bool no_payments = PaymentsMissing(r_, m);
      Row({m.name, m.sector, no_payments ? kNotReported : core::FormatPoundsShort(m.s2),
           internal::MsmeShareText(m, no_payments),
           no_payments ? kNotReported : PercentText(m.coverage),
           Value(m.w1, core::ReturnUnit::kCount), Value(m.w2s, core::ReturnUnit::kCount),
           Value(m.e1, core::ReturnUnit::kCount), Value(m.e2, core::ReturnUnit::kTonnes),
           internal::ReturnStatusText(m.return_status, internal::DateStyle::kUk),
           m.flags == 0 ? std::string("none") : core::FormatCount(m.flags)});
    }
    Add("\n\u2014 not reported (shares: no addressable spend to divide by). " +
        Md(internal::MsmeShareLegend(r_)) +
        " W1 staff uplifted to the Real Living Wage, W2S apprenticeship starts, E1 staff trained "
        "in carbon literacy, E2 carbon saved.\n");
  }

  void Names(const std::vector<std::string>& names, const std::string& none,
             const std::string& some) {
    if (names.empty()) {
      Add(Md(none) + "\n\n");
      return;
    }
    Add(Md(some) + " " + Md(core::Join(names, ", ")) + ".\n\n");
  }

  void Quality() {
    const metrics::DataQuality& q = r_.quality;
    const std::size_t members = r_.network.members.size();
    Add("\n## Data quality\n\n");
    Names(q.missing_returns,
          fmt::format("Every member sent a return for {}.", FyText(r_.financial_year)),
          fmt::format("{} of {} members sent no return for {}:", q.missing_returns.size(), members,
                      FyText(r_.financial_year)));
    Names(q.missing_payments,
          fmt::format("Every member's payments for {} are in.", FyText(r_.financial_year)),
          fmt::format("{} of {} members have no payments in {}:", q.missing_payments.size(),
                      members, FyText(r_.financial_year)));
    Add(fmt::format("- Supplier size known: {}\n- VCSE status known: {}\n- Location known: {}\n",
                    Md(internal::CoverageValue(r_, q.size_coverage, q.size_confidence)),
                    Md(internal::CoverageValue(r_, q.vcse_coverage, q.vcse_confidence)),
                    Md(internal::CoverageValue(r_, q.location_coverage, q.location_confidence))));
    Add(fmt::format("- Suppliers with no register match: {} ({} of addressable spend)\n",
                    core::FormatCount(q.unmatched_suppliers),
                    core::FormatPoundsShort(q.unmatched_spend)));
    Add(fmt::format("- Spend rows rejected across imported files: {}\n\n",
                    core::FormatCount(q.rejected_rows)));
    if (!q.flagged.empty()) {
      Add("### Flagged figures\n\n");
      Header({"Member", "Period", "Measure", "Figure", "Flag", "Submission"}, "lllrlr");
      for (const metrics::FlaggedFigure& f : q.flagged) {
        Row({internal::MemberName(r_, f.member), FlaggedPeriod(f), f.measure,
             MeasureValueOf(f.measure, f.value), f.flag, fmt::format("#{}", f.submission)});
      }
      Add("\n");
    }
    if (!q.levy_warnings.empty()) {
      Add("### Levy transfers above half of levy funds\n\n");
      Header({"Member", "Year", "Transferred", "Levy funds", "Share"}, "llrrr");
      for (const metrics::LevyWarning& w : q.levy_warnings) {
        Row({internal::MemberName(r_, w.member), FyText(w.financial_year),
             core::FormatPoundsShort(w.transferred), core::FormatPoundsShort(w.funds),
             PercentText(metrics::Share(w.transferred, w.funds))});
      }
      Add("\n");
    }
    if (const std::vector<std::string> notes = internal::QualityNotes(r_); !notes.empty()) {
      Add("### Notes\n\n");
      for (const std::string& n : notes) Add("- " + Md(n) + "\n");
      Add("\n");
    }
  }

  void Definitions() {
    Add("## Definitions\n\n");
    Header({"Id", "Measure", "Unit", "Definition"}, "llll");
    for (const metrics::Definition& d : internal::Definitions(r_)) {
      Row({d.id, d.label, d.unit, d.text});
    }
    Add("\n");
  }

  void TraceRows(const std::vector<TraceItem>& items) {
    Header({"Kind", "Member", "Input", "Ref"}, "lllr");
    for (const TraceRow& t : internal::ShownTrace(r_, items)) {
      Row({t.kind, t.member, t.text, t.ref});
    }
    Add("\n");
  }

  void Trace() {
    Add("## How each headline was worked out\n\n");
    for (const Headline& h : r_.headlines) {
      const ImpactHeadlineWords words = HeadlineWords(r_, h);
      Add(fmt::format("<a id=\"{}\"></a>\n\n### {}. {}\n\n", internal::Anchor("trace-", h.id),
                      AppendixRef(r_, h), Md(words.text)));
      Add(fmt::format("Basis: {}. Figure {} ({}); measure {} from {}{}.\n\n", Md(words.basis),
                      Md(words.figure), Md(h.id), Md(h.measure),
                      Md(metrics::FigureSourceName(h.source)),
                      h.goal ? "; goal " + Md(h.goal->id) : ""));
      if (!h.trace.empty()) TraceRows(h.trace);
    }
    Add("### All inputs\n\n");
    for (const metrics::TraceKind kind : internal::KindsInOrder(r_.inputs)) {
      Add(fmt::format("#### {}\n\n", Md(internal::KindHeading(kind))));
      Header({"Member", "Input", "Ref"}, "llr");
      for (const TraceItem& t : r_.inputs) {
        if (t.kind == kind) {
          Row({internal::TraceMember(r_, t), internal::TraceText(t, internal::DateStyle::kUk),
               internal::TraceRef(t)});
        }
      }
      Add("\n");
    }
  }

  const ImpactReport& r_;
  std::string out_;
};

}  // namespace

std::string ImpactMarkdown(const ImpactReport& r) { return MarkdownWriter(r).Render(); }

}  // namespace anchornet::report
