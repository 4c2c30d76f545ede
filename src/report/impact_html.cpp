// The HTML rendering of the impact report (docs/report.md, "Impact report"): one page, inline CSS
// (impact_report.css, compiled in as impact_css.cpp), inline SVG (svg.h), no scripts, no external
// references. Every chart is a <figure> followed by a <details> table of its numbers; every text
// from the report (member and supplier names, file names, notes) is escaped. The words come from
// internal/impact_common.h.
//
// Thread-safety: pure functions.
#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/returns.h"
#include "core/text.h"
#include "metrics/measures.h"
#include "report/impact_report.h"
#include "report/internal/impact_common.h"
#include "report/internal/impact_css.h"
#include "report/svg.h"

namespace anchornet::report {

namespace {

using internal::Anchor;
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
using svg::Escape;

// Axis ticks: short, the unit named in the chart's title.
std::string AxisText(double v, core::ReturnUnit unit) {
  const auto n = static_cast<std::int64_t>(std::llround(v));
  switch (unit) {
    case core::ReturnUnit::kPounds:
      return core::FormatPoundsShort(n);
    case core::ReturnUnit::kCount:
      return core::FormatCount(n);
    case core::ReturnUnit::kTonnes: {
      std::string s = core::FormatMeasureValue(n, unit);
      constexpr std::string_view kSuffix = " tCO2e";
      if (core::EndsWith(s, kSuffix)) s.resize(s.size() - kSuffix.size());
      return s;
    }
  }
  return core::FormatCount(n);
}

// ", £" or ", tonnes CO2e" after a chart's title; counts need no unit.
std::string_view UnitSuffix(core::ReturnUnit unit) {
  switch (unit) {
    case core::ReturnUnit::kPounds:
      return ", £";
    case core::ReturnUnit::kCount:
      return "";
    case core::ReturnUnit::kTonnes:
      return ", tonnes CO2e";
  }
  return "";
}

svg::Tone StatusTone(std::string_view status) {
  if (status == "achieved") return svg::Tone::kDone;
  if (status == "on-track") return svg::Tone::kGood;
  if (status == "at-risk") return svg::Tone::kWarning;
  if (status == "off-track") return svg::Tone::kBad;
  return svg::Tone::kMuted;
}

std::string StatusClass(std::string_view status) {
  for (std::string_view known : {"achieved", "on-track", "at-risk", "off-track", "not-started"}) {
    if (status == known) return "status status-" + std::string(known);
  }
  return "status status-no-data";
}

// A chart bar's value: none when not reported or not known (a gap with its words, never a bar).
std::optional<double> Drawn(std::optional<std::int64_t> value, const metrics::FigureCoverage& c) {
  if (!value || c.confidence == core::Confidence::kNotKnown) return std::nullopt;
  return static_cast<double>(*value);
}

// A gap's words: "not known" when the coverage is zero, the chart's "not reported" otherwise.
std::string MissingText(const metrics::FigureCoverage& c) {
  return c.confidence == core::Confidence::kNotKnown ? std::string(kNotKnown) : std::string();
}

// A table cell's extra class: " missing", " not-known", " low" or "".
std::string_view Missing(std::optional<std::int64_t> value, const metrics::FigureCoverage& c) {
  if (!value) return " missing";
  switch (c.confidence) {
    case core::Confidence::kNotKnown:
      return " not-known";
    case core::Confidence::kLow:
      return " low";
    case core::Confidence::kSufficient:
      break;
  }
  return "";
}

// ' class="not-known"' or ' class="low"' for a figure of that confidence; "" otherwise.
std::string_view ConfidenceClass(core::Confidence c) {
  switch (c) {
    case core::Confidence::kNotKnown:
      return " class=\"not-known\"";
    case core::Confidence::kLow:
      return " class=\"low\"";
    case core::Confidence::kSufficient:
      break;
  }
  return "";
}

std::string Css(bool synthetic) {
  std::string css = "\n" + std::string(internal::ImpactStylesheet());
  if (synthetic) css += internal::ImpactSyntheticStylesheet();
  return css;
}

class HtmlWriter {
 public:
  explicit HtmlWriter(const ImpactReport& r) : r_(r) {}

  std::string Render() {
    const std::string title = internal::ImpactTitle(r_);
    Add("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    Add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    Add("<meta name=\"generator\" content=\"anchornet\">\n");
    Add(fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", Escape(title),
                    Css(r_.synthetic)));
    if (r_.synthetic) {
      Add(fmt::format("<p class=\"synthetic sticky\" role=\"note\">{}</p>\n",
                      Escape(internal::kImpactSyntheticBanner)));
      Add("<div class=\"watermark\" aria-hidden=\"true\">SYNTHETIC</div>\n");
    }
    Add("<header>\n");
    Add(fmt::format("<h1>{}</h1>\n", Escape(title)));
    Add(fmt::format(
        "<p class=\"meta\">Financial year {}. Generated {} from the members' payment files and "
        "returns; every figure links to how it was worked out.</p>\n",
        Escape(internal::ImpactYearSpan(r_)), Escape(GeneratedText())));
    Contents();
    Add("</header>\n<main>\n");
    Headlines();
    for (const ImpactSection& s : r_.sections) Section(s);
    Members();
    Quality();
    Definitions();
    Appendix();
    Add("</main>\n<footer>\n");
    Add(
        fmt::format("<p class=\"small\">{}. Generated {} by anchornet. Figures a member did not "
                    "report are shown as \u201c\u2014\u201d and left out of totals, never "
                    "counted as zero.</p>\n",
                    Escape(title), Escape(GeneratedText())));
    if (r_.synthetic) SyntheticLine();
    Add("</footer>\n</body>\n</html>\n");
    return std::move(out_);
  }

 private:
  void Add(std::string_view s) { out_ += s; }

  [[nodiscard]] std::string GeneratedText() const { return internal::GeneratedText(r_); }

  // A figure shown despite low coverage: the warning in words, beside it.
  void Warning(const std::string& text) {
    Add(fmt::format("<p class=\"warning\" role=\"note\">{} {}</p>\n", internal::kLowMark,
                    Escape(text)));
  }

  // Printed at the head of each major section (every printed page group starts with one).
  void SyntheticLine() {
    if (!r_.synthetic) return;
    Add(fmt::format("<p class=\"synthetic print-only\">{}</p>\n",
                    Escape(internal::kImpactSyntheticBanner)));
  }

  void Contents() {
    Add("<nav class=\"contents\" aria-label=\"Contents\">\n<h2 class=\"small\">Contents</h2>\n"
        "<ol>\n<li><a href=\"#headlines\">Headlines</a></li>\n");
    for (const ImpactSection& s : r_.sections) {
      Add(fmt::format("<li><a href=\"#{}\">{}</a></li>\n",
                      Anchor("pillar-", core::PillarName(s.pillar)), Escape(s.title)));
    }
    Add("<li><a href=\"#members\">Members</a></li>\n"
        "<li><a href=\"#data-quality\">Data quality</a></li>\n"
        "<li><a href=\"#definitions\">Definitions</a></li>\n"
        "<li><a href=\"#appendix\">How each headline was worked out</a></li>\n</ol>\n</nav>\n");
  }

  void HeadlineCard(const Headline& h, bool anchored) {
    if (anchored) {
      Add(fmt::format("<li class=\"headline\" id=\"{}\">\n", Anchor("headline-", h.id)));
    } else {
      Add("<li class=\"headline\">\n");
    }
    const ImpactHeadlineWords words = HeadlineWords(r_, h);
    Add(fmt::format("<p class=\"figure{}\">{}</p>\n", words.figure == kNotKnown ? " not-known" : "",
                    Escape(words.figure)));
    Add(fmt::format("<p class=\"text\">{}</p>\n", Escape(words.text)));
    if (!words.warning.empty()) Warning(words.warning);
    Add(fmt::format("<p class=\"basis\">Basis: {}</p>\n", Escape(words.basis)));
    Add(fmt::format(
        "<p class=\"small\"><a class=\"trace-link\" href=\"#{}\">How this was worked out "
        "(appendix {})</a></p>\n</li>\n",
        Anchor("trace-", h.id), AppendixRef(r_, h)));
  }

  void Headlines() {
    Add("<section id=\"headlines\" aria-labelledby=\"headlines-title\">\n"
        "<h2 id=\"headlines-title\">Headlines</h2>\n");
    if (r_.headlines.empty()) {
      Add("<p>Nothing to announce for this year: no figure behind a headline was reported.</p>\n");
    } else {
      Add("<ul class=\"headlines\">\n");
      for (const Headline& h : r_.headlines) HeadlineCard(h, true);
      Add("</ul>\n");
    }
    Add("</section>\n");
  }

  void Section(const ImpactSection& s) {
    const std::string id = Anchor("pillar-", core::PillarName(s.pillar));
    Add(fmt::format("<section class=\"major pillar\" id=\"{}\" aria-labelledby=\"{}-title\">\n", id,
                    id));
    SyntheticLine();
    Add(fmt::format("<h2 id=\"{}-title\">{}</h2>\n", id, Escape(s.title)));
    std::vector<const Headline*> headlines;
    for (const std::string& hid : s.headline_ids) {
      if (const Headline* h = FindHeadline(r_, hid)) headlines.push_back(h);
    }
    if (!headlines.empty()) {
      Add("<ul class=\"headlines\">\n");
      for (const Headline* h : headlines) HeadlineCard(*h, false);
      Add("</ul>\n");
    }
    std::vector<const GoalProgress*> goals;
    for (const std::string& gid : s.goal_ids) {
      if (const GoalProgress* g = FindGoal(r_, gid)) goals.push_back(g);
    }
    if (!goals.empty()) {
      Add("<h3>Goals</h3>\n");
      Add("<p class=\"small\">Each bar runs from zero to the goal's target (the solid line); the "
          "filled part is what has been achieved and the dashed marker is where a straight line "
          "to the target expects progress to be by now. Share goals are met by every member in "
          "every year: their bar shows the pooled share and the marker the lowest member-year."
          "</p>\n");
      for (const GoalProgress* g : goals) Goal(*g);
    }
    for (const ImpactSeries& series : s.series) Series(series);
    Add("</section>\n");
  }

  void Goal(const GoalProgress& g) {
    const bool share = g.goal.kind == "share";
    const bool has_data = g.status != "no-data" && g.status != "not-started";
    const std::string heading = g.goal.description.empty() ? g.goal.id : g.goal.description;
    const std::string end =
        core::ToUkLong(core::FinancialYearEnd(g.goal.to_fy, r_.network.financial_year_start));
    const std::string as_at = g.as_at.empty() ? std::string("now") : UkDate(g.as_at);

    svg::ProgressChart chart;
    chart.status_text = StatusLabel(g.status);
    chart.tone = StatusTone(g.status);
    std::string summary;
    if (share) {
      if (has_data && g.share) chart.achieved = *g.share;
      chart.target = g.target_share;
      chart.achieved_text = PercentText(g.share) + " pooled share";
      chart.target_text = "target " + PercentText(g.target_share);
      summary = fmt::format("Pooled share {} against a target of {} for each member and year",
                            PercentText(g.share), PercentText(g.target_share));
      // The status is decided by the worst member-year: say which, and mark it.
      const GoalProgress::Row* lowest = nullptr;
      int below = 0, measured = 0;
      for (const GoalProgress::Row& row : g.rows) {
        if (!row.share) continue;
        ++measured;
        below += *row.share < g.target_share ? 1 : 0;
        if (lowest == nullptr || *row.share < *lowest->share) lowest = &row;
      }
      if (has_data && lowest != nullptr) {
        chart.expected = *lowest->share;
        chart.expected_text = "lowest member-year: " + PercentText(lowest->share);
        if (g.status_reason.empty()) {
          summary +=
              fmt::format("; {} of {} member-years below it, the lowest {} ({}, {})", below,
                          measured, PercentText(lowest->share),
                          internal::MemberName(r_, lowest->member), FyText(lowest->financial_year));
        }
      }
    } else {
      if (has_data) chart.achieved = static_cast<double>(g.achieved);
      chart.target = static_cast<double>(g.target_value);
      if (has_data && g.status != "achieved") chart.expected = static_cast<double>(g.expected);
      const std::string achieved = internal::GoalValue(g, g.achieved);
      chart.achieved_text = achieved + (g.goal.kind == "cumulative" ? " so far" : " achieved");
      chart.target_text =
          fmt::format("target {} by {}", internal::GoalValue(g, g.target_value), end);
      chart.expected_text =
          fmt::format("expected by {}: {}", as_at, internal::GoalValue(g, g.expected));
      const std::string target = internal::GoalValue(g, g.target_value);
      if (!has_data) {
        summary = fmt::format("No figures yet against a target of {}", target);
      } else if (g.status == "achieved") {
        summary = fmt::format("{} against a target of {}: the goal is met", achieved, target);
      } else {
        summary = fmt::format("{} of a {} target; expected by {}: {}", achieved, target, as_at,
                              internal::GoalValue(g, g.expected));
      }
    }
    chart.title = fmt::format("Goal {}: {}. Status: {}.", g.goal.id, summary, chart.status_text);

    Add(fmt::format("<figure class=\"chart goal\" id=\"{}\">\n", Anchor("goal-", g.goal.id)));
    Add(fmt::format("<h4>{}</h4>\n", Escape(heading)));
    Add(fmt::format("<p class=\"goal-head\"><span class=\"{}\">{}</span> <span>{}.</span></p>\n",
                    StatusClass(g.status), Escape(chart.status_text), Escape(summary)));
    if (!g.status_reason.empty()) {
      Add(fmt::format("<p class=\"small\">Why {}: {}.</p>\n",
                      Escape(core::ToLowerAscii(chart.status_text)), Escape(g.status_reason)));
    }
    Add(svg::ProgressBar(chart));
    Add("\n");
    const std::string coverage = internal::GoalCoverageText(r_, g);
    Add(fmt::format(
        "<figcaption>Goal <strong>{}</strong>: {} {} for {}, {}. Basis: {}. Coverage: {}. As at "
        "{}.</figcaption>\n",
        Escape(g.goal.id), Escape(g.goal.measure), Escape(g.goal.kind),
        Escape(internal::GoalScope(r_, g)), Escape(internal::GoalYears(g.goal)), Escape(g.basis),
        Escape(coverage), Escape(as_at)));
    GoalTable(g);
    Add("</figure>\n");
  }

  void GoalTable(const GoalProgress& g) {
    const bool share = g.goal.kind == "share";
    Add(
        fmt::format("<details><summary>Figures for goal {}</summary>\n<div class=\"table-wrap\">"
                    "<table>\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\" "
                    "class=\"num\">Value</th></tr></thead>\n<tbody>\n",
                    Escape(g.goal.id)));
    auto row = [&](const std::string& item, const std::string& value) {
      Add(fmt::format("<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>\n", Escape(item),
                      Escape(value)));
    };
    row("Status", StatusLabel(g.status));
    if (!g.status_reason.empty()) row("Why", g.status_reason);
    if (share) {
      row("Target share", PercentText(g.target_share));
      row("Pooled share", PercentText(g.share));
    } else {
      row("Target", internal::GoalValue(g, g.target_value));
      row("Achieved", internal::GoalValue(g, g.achieved));
      row("Expected by as-at date", internal::GoalValue(g, g.expected));
      if (g.goal.kind == "absolute") row("Starting figure", internal::GoalValue(g, g.baseline));
      row("Share of the goal's time elapsed", PercentText(g.expected_fraction));
    }
    row("Coverage", internal::GoalCoverageCell(r_, g));
    Add("</tbody></table></div>\n");
    if (!g.rows.empty()) {
      Add("<div class=\"table-wrap\"><table>\n<caption>By year");
      Add(share ? " and member" : "");
      Add("</caption>\n<thead><tr>");
      if (share) Add("<th scope=\"col\">Member</th>");
      Add("<th scope=\"col\">Year</th>");
      if (share) {
        Add("<th scope=\"col\" class=\"num\">Measure</th><th scope=\"col\" class=\"num\">Of</th>"
            "<th scope=\"col\" class=\"num\">Share</th>");
      } else {
        Add(R"(<th scope="col" class="num">Value</th>)");
        if (g.source == "returns") Add(R"(<th scope="col" class="num">Members reporting</th>)");
      }
      Add("<th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
      for (const GoalProgress::Row& row_data : g.rows) {
        Add("<tr>");
        if (share) {
          Add(fmt::format("<td>{}</td>", Escape(internal::MemberName(r_, row_data.member))));
        }
        Add(fmt::format("<td>{}</td>", Escape(FyText(row_data.financial_year))));
        if (share) {
          Add(
              fmt::format("<td class=\"num\">{}</td><td class=\"num\">{}</td>"
                          "<td class=\"num\">{}</td>",
                          Escape(internal::GoalValue(g, row_data.numerator)),
                          Escape(internal::GoalValue(g, row_data.denominator)),
                          Escape(PercentText(row_data.share))));
        } else {
          Add(fmt::format("<td class=\"num\">{}</td>",
                          Escape(internal::GoalValue(g, row_data.numerator))));
          if (g.source == "returns") {
            Add(fmt::format("<td class=\"num\">{} of {}</td>", row_data.reporting,
                            r_.network.members.size()));
          }
        }
        Add(fmt::format("<td>{}</td></tr>\n",
                        Escape(row_data.status.empty() ? std::string(kNotReported)
                                                       : StatusLabel(row_data.status))));
      }
      Add("</tbody></table></div>\n");
    }
    Add("</details>\n");
  }

  void Series(const ImpactSeries& s) {
    const std::string unit(UnitSuffix(s.unit));
    Add(fmt::format("<h3 id=\"{}\">{} ({})</h3>\n", Anchor("series-", s.measure), Escape(s.label),
                    Escape(s.measure)));
    if (!s.definition.empty()) {
      Add(fmt::format("<p class=\"small\">{}</p>\n", Escape(s.definition)));
    }
    Add(fmt::format("<p>{} <span class=\"small\">Source: {}.</span></p>\n",
                    Escape(SeriesSummary(r_, s)), Escape(internal::SourceText(s.source))));

    auto trend = [&](const std::vector<ImpactSeries::Point>& points, bool quarters) {
      if (points.empty()) return;
      svg::VerticalBarsChart chart;
      chart.title = quarters ? fmt::format("{} ({}) by quarter of {}{}", s.label, s.measure,
                                           FyText(r_.financial_year), unit)
                             : fmt::format("{} ({}) by financial year{}", s.label, s.measure, unit);
      chart.axis_text = [unit = s.unit](double v) { return AxisText(v, unit); };
      chart.whole_numbers = true;
      for (const auto& p : points) {
        chart.bars.push_back(
            {quarters ? fmt::format("Q{}", p.quarter) : core::FinancialYearLabel(p.financial_year),
             Drawn(p.value, p.coverage), internal::CoveredValue(p.value, s.unit, p.coverage),
             MissingText(p.coverage)});
      }
      Add("<figure class=\"chart\">\n");
      Add(svg::VerticalBars(chart));
      Add(
          fmt::format("\n<figcaption>{}. A year or quarter with no figure is a gap marked "
                      "\u201cnot reported\u201d, not a zero{}.</figcaption>\n",
                      Escape(chart.title), Escape(internal::CoverageMarks(r_, s))));
      Add(fmt::format(
          "<details><summary>Numbers: {}</summary>\n<div class=\"table-wrap\">"
          "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" "
          "class=\"num\">{}</th>",
          Escape(chart.title), quarters ? "Quarter" : "Financial year", Escape(s.measure)));
      if (!quarters) Add(R"(<th scope="col" class="num">Members</th>)");
      Add("</tr></thead>\n<tbody>\n");
      for (const auto& p : points) {
        Add(fmt::format(R"(<tr><th scope="row">{}</th><td class="num{}">{}</td>)",
                        Escape(quarters ? fmt::format("Q{} {}", p.quarter,
                                                      core::FinancialYearLabel(p.financial_year))
                                        : FyText(p.financial_year)),
                        Missing(p.value, p.coverage),
                        Escape(internal::CoveredValue(p.value, s.unit, p.coverage))));
        if (!quarters) {
          Add(fmt::format("<td class=\"num\">{}</td>", Escape(ReportingText(r_, s, p.reporting))));
        }
        Add("</tr>\n");
      }
      Add("</tbody></table></div>\n</details>\n</figure>\n");
    };
    trend(YearPoints(s), false);
    trend(QuarterPoints(s), true);

    if (s.members.empty()) return;
    svg::HorizontalBarsChart chart;
    chart.title =
        fmt::format("{} ({}) by member, {}{}", s.label, s.measure, FyText(r_.financial_year), unit);
    for (const ImpactSeries::Part& part : s.members) {
      chart.bars.push_back({part.member_name.empty() ? part.member : part.member_name,
                            Drawn(part.value, part.coverage),
                            internal::CoveredValue(part.value, s.unit, part.coverage),
                            MissingText(part.coverage)});
    }
    Add("<figure class=\"chart\">\n");
    Add(svg::HorizontalBars(chart));
    Add(
        fmt::format("\n<figcaption>{}. Members who did not report are listed as \u201cnot "
                    "reported\u201d.</figcaption>\n",
                    Escape(chart.title)));
    Add(
        fmt::format("<details><summary>Numbers: {}</summary>\n<div class=\"table-wrap\"><table>\n"
                    "<thead><tr><th scope=\"col\">Member</th><th scope=\"col\" "
                    "class=\"num\">{} {}</th></tr></thead>\n<tbody>\n",
                    Escape(chart.title), Escape(s.measure), Escape(FyText(r_.financial_year))));
    for (const ImpactSeries::Part& part : s.members) {
      Add(fmt::format("<tr><th scope=\"row\">{}</th><td class=\"num{}\">{}</td></tr>\n",
                      Escape(part.member_name.empty() ? part.member : part.member_name),
                      Missing(part.value, part.coverage),
                      Escape(part.value ? internal::CoveredValue(part.value, s.unit, part.coverage)
                                        : "not reported")));
    }
    if (s.network) {
      Add(fmt::format("<tr><th scope=\"row\">Whole network</th><td class=\"num{}\">{}</td></tr>\n",
                      Missing(s.network, s.network_coverage),
                      Escape(internal::CoveredValue(s.network, s.unit, s.network_coverage))));
    }
    Add("</tbody></table></div>\n</details>\n</figure>\n");
  }

  void Members() {
    Add("<section class=\"major\" id=\"members\" aria-labelledby=\"members-title\">\n");
    SyntheticLine();
    Add(fmt::format("<h2 id=\"members-title\">Members in {}</h2>\n", FyText(r_.financial_year)));
    Add("<div class=\"table-wrap\"><table class=\"members\">\n<thead><tr>"
        "<th scope=\"col\">Member</th><th scope=\"col\">Sector</th>"
        "<th scope=\"col\" class=\"num\">Addressable spend (S2)</th>"
        "<th scope=\"col\" class=\"num\">MSME share (S3)</th>"
        "<th scope=\"col\" class=\"num\">Size known</th>"
        "<th scope=\"col\" class=\"num\">Living Wage (W1)</th>"
        "<th scope=\"col\" class=\"num\">Apprentice starts (W2S)</th>"
        "<th scope=\"col\" class=\"num\">Carbon literacy (E1)</th>"
        "<th scope=\"col\" class=\"num\">Carbon saved (E2)</th>"
        "<th scope=\"col\">Return</th><th scope=\"col\" class=\"num\">Flagged</th>"
        "</tr></thead>\n<tbody>\n");
    auto cell = [&](const std::string& text, bool missing) {
      Add(fmt::format("<td class=\"num{}\">{}</td>", missing ? " missing" : "", Escape(text)));
    };
    for (const metrics::ImpactMemberRow& m : r_.members) {
      const bool no_payments = PaymentsMissing(r_, m);
      Add(fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td>", Escape(m.name),
                      Escape(m.sector)));
      cell(no_payments ? kNotReported : core::FormatPoundsShort(m.s2), no_payments);
      cell(internal::MsmeShareText(m, no_payments),
           no_payments || !m.coverage || m.confidence == core::Confidence::kNotKnown);
      cell(no_payments ? kNotReported : PercentText(m.coverage), no_payments || !m.coverage);
      cell(Value(m.w1, core::ReturnUnit::kCount), !m.w1);
      cell(Value(m.w2s, core::ReturnUnit::kCount), !m.w2s);
      cell(Value(m.e1, core::ReturnUnit::kCount), !m.e1);
      cell(Value(m.e2, core::ReturnUnit::kTonnes), !m.e2);
      Add(fmt::format(
          "<td{}>{}</td>",
          m.return_status.state == metrics::ReturnState::kMissing ? " class=\"missing\"" : "",
          Escape(internal::ReturnStatusText(m.return_status, internal::DateStyle::kUk))));
      cell(m.flags == 0 ? std::string("none") : core::FormatCount(m.flags), false);
      Add("</tr>\n");
    }
    Add("</tbody></table></div>\n");
    Add(fmt::format(
        "<p class=\"legend\">\u2014 not reported (shares: no addressable spend to divide by). "
        "Unknown is never counted as zero. {} Size known: the share of addressable spend whose "
        "supplier's size is known. W1 staff uplifted to the Real Living Wage, W2S apprenticeship "
        "starts, E1 staff trained in carbon literacy, E2 carbon saved. Flagged: figures far "
        "outside the member's history, kept as reported (see Data quality).</p>\n</section>\n",
        Escape(internal::MsmeShareLegend(r_))));
  }

  void NameList(const std::vector<std::string>& names, const std::string& none,
                const std::string& some) {
    if (names.empty()) {
      Add(fmt::format("<p>{}</p>\n", Escape(none)));
      return;
    }
    Add(fmt::format("<p>{}</p>\n<ul>\n", Escape(some)));
    for (const std::string& n : names) Add(fmt::format("<li>{}</li>\n", Escape(n)));
    Add("</ul>\n");
  }

  void Quality() {
    const metrics::DataQuality& q = r_.quality;
    const std::size_t members = r_.network.members.size();
    Add("<section class=\"major\" id=\"data-quality\" aria-labelledby=\"data-quality-title\">\n");
    SyntheticLine();
    Add("<h2 id=\"data-quality-title\">Data quality</h2>\n");
    Add("<h3>Returns and payment files</h3>\n");
    NameList(q.missing_returns,
             fmt::format("Every member sent a return for {}.", FyText(r_.financial_year)),
             fmt::format("{} of {} members sent no return for {}:", q.missing_returns.size(),
                         members, FyText(r_.financial_year)));
    NameList(q.missing_payments,
             fmt::format("Every member's payments for {} are in.", FyText(r_.financial_year)),
             fmt::format("{} of {} members have no payments in {}:", q.missing_payments.size(),
                         members, FyText(r_.financial_year)));
    Add("<h3>Coverage of addressable spend</h3>\n<dl class=\"coverage\">\n");
    auto coverage = [&](const char* what, std::optional<double> share, core::Confidence c) {
      Add(fmt::format("<dt>{}</dt><dd{}>{}</dd>\n", what, ConfidenceClass(c),
                      Escape(internal::CoverageValue(r_, share, c))));
    };
    coverage("Supplier size known", q.size_coverage, q.size_confidence);
    coverage("VCSE status known", q.vcse_coverage, q.vcse_confidence);
    coverage("Location known", q.location_coverage, q.location_confidence);
    Add("</dl>\n");
    Add("<h3>Flagged figures</h3>\n");
    if (q.flagged.empty()) {
      Add("<p>No figure in the year's returns was flagged.</p>\n");
    } else {
      Add("<p>Figures more than three times, or less than a third of, the member's previous "
          "year. They are kept as reported; check them with the member.</p>\n");
      Add("<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Member</th>"
          "<th scope=\"col\">Period</th><th scope=\"col\">Measure</th>"
          "<th scope=\"col\" class=\"num\">Figure</th><th scope=\"col\">Flag</th>"
          "<th scope=\"col\" class=\"num\">Submission</th></tr></thead>\n<tbody>\n");
      for (const metrics::FlaggedFigure& f : q.flagged) {
        Add(fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>"
            "<td>{}</td><td class=\"num\">#{}</td></tr>\n",
            Escape(internal::MemberName(r_, f.member)), Escape(FlaggedPeriod(f)), Escape(f.measure),
            Escape(MeasureValueOf(f.measure, f.value)), Escape(f.flag), f.submission));
      }
      Add("</tbody></table></div>\n");
    }
    Add("<h3>Apprenticeship levy transfers</h3>\n");
    if (q.levy_warnings.empty()) {
      Add("<p>No member transferred more than half of its levy funds.</p>\n");
    } else {
      Add("<p>Members whose transfers committed in the year are above half of their levy funds "
          "(the most that may be transferred):</p>\n");
      Add("<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Member</th>"
          "<th scope=\"col\">Year</th><th scope=\"col\" class=\"num\">Transferred</th>"
          "<th scope=\"col\" class=\"num\">Levy funds</th>"
          "<th scope=\"col\" class=\"num\">Share</th></tr></thead>\n<tbody>\n");
      for (const metrics::LevyWarning& w : q.levy_warnings) {
        Add(fmt::format(
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td>"
            "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            Escape(internal::MemberName(r_, w.member)), Escape(FyText(w.financial_year)),
            Escape(core::FormatPoundsShort(w.transferred)),
            Escape(core::FormatPoundsShort(w.funds)),
            Escape(PercentText(metrics::Share(w.transferred, w.funds)))));
      }
      Add("</tbody></table></div>\n");
    }
    Add("<h3>Suppliers and rejected rows</h3>\n<ul>\n");
    Add(
        fmt::format("<li>{} suppliers paid in {} have no match in the registers: {} of "
                    "addressable spend.</li>\n",
                    core::FormatCount(q.unmatched_suppliers), FyText(r_.financial_year),
                    Escape(core::FormatPoundsShort(q.unmatched_spend))));
    Add(
        fmt::format("<li>{} spend rows were rejected across the imported files (they are not "
                    "in any figure; <code>anchornet imports</code> lists them).</li>\n</ul>\n",
                    core::FormatCount(q.rejected_rows)));
    if (const std::vector<std::string> notes = internal::QualityNotes(r_); !notes.empty()) {
      Add("<h3>Notes</h3>\n<ul>\n");
      for (const std::string& n : notes) Add(fmt::format("<li>{}</li>\n", Escape(n)));
      Add("</ul>\n");
    }
    Add("</section>\n");
  }

  void Definitions() {
    Add("<section class=\"major\" id=\"definitions\" aria-labelledby=\"definitions-title\">\n");
    SyntheticLine();
    Add("<h2 id=\"definitions-title\">Definitions</h2>\n");
    Add("<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Id</th>"
        "<th scope=\"col\">Measure</th><th scope=\"col\">Unit</th>"
        "<th scope=\"col\">Definition</th></tr></thead>\n<tbody>\n");
    for (const metrics::Definition& d : internal::Definitions(r_)) {
      Add(
          fmt::format("<tr><th scope=\"row\" id=\"{}\">{}</th><td>{}</td><td>{}</td><td>{}</td>"
                      "</tr>\n",
                      Anchor("definition-", d.id), Escape(d.id), Escape(d.label), Escape(d.unit),
                      Escape(d.text)));
    }
    Add("</tbody></table></div>\n</section>\n");
  }

  void TraceTable(const std::vector<TraceRow>& rows, bool with_kind,
                  std::string_view table_class = "") {
    Add(table_class.empty()
            ? std::string("<div class=\"table-wrap\"><table>\n<thead><tr>")
            : fmt::format("<div class=\"table-wrap\"><table class=\"{}\">\n<thead><tr>",
                          table_class));
    if (with_kind) Add("<th scope=\"col\">Kind</th>");
    Add("<th scope=\"col\">Member</th><th scope=\"col\">Input</th>"
        "<th scope=\"col\" class=\"num\">Ref</th></tr></thead>\n<tbody>\n");
    for (const TraceRow& t : rows) {
      Add("<tr>");
      if (with_kind) Add(fmt::format("<td>{}</td>", Escape(t.kind)));
      Add(fmt::format("<td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>\n", Escape(t.member),
                      Escape(t.text), Escape(t.ref)));
    }
    Add("</tbody></table></div>\n");
  }

  void Appendix() {
    Add("<section class=\"major\" id=\"appendix\" aria-labelledby=\"appendix-title\">\n");
    SyntheticLine();
    Add("<h2 id=\"appendix-title\">How each headline was worked out</h2>\n");
    Add("<p>For each headline: its basis and every input behind it: payment files, members' "
        "returns, the rules that decide addressable spend, registers, conversion factors and "
        "goals. Ref is the file or submission number in the workspace.</p>\n");
    for (const Headline& h : r_.headlines) {
      Add(fmt::format("<article class=\"trace-entry\" id=\"{}\">\n", Anchor("trace-", h.id)));
      const ImpactHeadlineWords words = HeadlineWords(r_, h);
      Add(fmt::format("<h3>{}. {}</h3>\n", AppendixRef(r_, h), Escape(words.text)));
      Add(fmt::format("<p class=\"basis\">Basis: {}</p>\n", Escape(words.basis)));
      std::string about = fmt::format("Figure {} ({}); measure {} from {}", words.figure, h.id,
                                      h.measure, metrics::FigureSourceName(h.source));
      if (h.goal) about += "; measured against goal " + h.goal->id;
      Add(fmt::format("<p class=\"small\">{}. <a href=\"#{}\">Back to the headline</a></p>\n",
                      Escape(about), Anchor("headline-", h.id)));
      if (h.trace.empty()) {
        Add("<p>No inputs recorded.</p>\n");
      } else {
        TraceTable(internal::ShownTrace(r_, h.trace), true);
      }
      if (const std::size_t files = internal::FileCount(h.trace); files > internal::kFilesListed) {
        // On screen only: in print every file is under "All inputs".
        Add(
            fmt::format("<details class=\"all-files\"><summary>Every spend file behind this "
                        "headline ({})</summary>\n",
                        files));
        TraceTable(internal::AllRows(r_, h.trace, metrics::TraceKind::kFile), false);
        Add("</details>\n");
      }
      Add("</article>\n");
    }
    Add("<h3 id=\"inputs\">All inputs</h3>\n");
    if (r_.inputs.empty()) Add("<p>No inputs recorded.</p>\n");
    for (const metrics::TraceKind kind : internal::KindsInOrder(r_.inputs)) {
      const std::vector<TraceRow> rows = internal::AllRows(r_, r_.inputs, kind);
      Add(fmt::format("<h4>{} ({})</h4>\n", Escape(internal::KindHeading(kind)), rows.size()));
      TraceTable(rows, false, "inputs");
    }
    Add("</section>\n");
  }

  const ImpactReport& r_;
  std::string out_;
};

}  // namespace

std::string ImpactHtml(const ImpactReport& r) { return HtmlWriter(r).Render(); }

}  // namespace anchornet::report
