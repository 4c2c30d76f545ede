// The HTML and Markdown renderings of the impact report (docs/report.md, "Impact report"), and
// the helpers the XLSX rendering shares (internal/impact_common.h).
//
// HTML: one page, inline CSS, inline SVG (svg.h), no scripts, no external references. Every chart
// is a <figure> followed by a <details> table of its numbers; every text from the report (member
// and supplier names, file names, notes) is escaped.
#include "report/impact_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/returns.h"
#include "core/text.h"
#include "metrics/measures.h"
#include "report/internal/impact_common.h"
#include "report/svg.h"

namespace anchornet::report {

namespace internal {

std::string ImpactTitle(const metrics::ImpactReport& r) {
  return fmt::format("{} \u2014 impact report FY {}", r.network.name,
                     core::FinancialYearLabel(r.financial_year));
}

std::string ImpactYearSpan(const metrics::ImpactReport& r) {
  const core::MonthDay start = r.network.financial_year_start;
  return fmt::format("{} to {}", core::ToUkLong(core::FinancialYearStart(r.financial_year, start)),
                     core::ToUkLong(core::FinancialYearEnd(r.financial_year, start)));
}

std::string UkDate(std::string_view iso) {
  if (iso.size() < 10) return std::string(iso);
  const std::optional<core::Date> d = core::ParseDate(iso.substr(0, 10));
  return d ? core::ToUkLong(*d) : std::string(iso);
}

std::string UkDates(std::string_view text) {
  constexpr std::size_t kIsoLength = 10;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '/';
  };
  auto is_iso = [&](std::string_view s) {
    return digit(s[0]) && digit(s[1]) && digit(s[2]) && digit(s[3]) && s[4] == '-' && digit(s[5]) &&
           digit(s[6]) && s[7] == '-' && digit(s[8]) && digit(s[9]);
  };
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + kIsoLength <= text.size() && is_iso(text.substr(i, kIsoLength)) &&
        (i == 0 || (!word(text[i - 1]) && text[i - 1] != '.'))) {
      const std::size_t end = i + kIsoLength;
      // A date ends at the text's end, a space or punctuation; "2023-04-01.csv" is a file name.
      const bool ends =
          end == text.size() ||
          (!word(text[end]) && !(text[end] == '.' && end + 1 < text.size() && word(text[end + 1])));
      const std::optional<core::Date> d = core::ParseDate(text.substr(i, kIsoLength));
      if (ends && d) {
        out += core::ToUkLong(*d);
        i = end;
        continue;
      }
    }
    out += text[i];
    ++i;
  }
  return out;
}

std::string MemberName(const metrics::ImpactReport& r, std::string_view member) {
  if (member.empty()) return "Whole network";
  const core::Member* m = r.network.FindMember(member);
  return m != nullptr ? m->name : std::string(member);
}

std::string StatusLabel(metrics::GoalStatus status) {
  switch (status) {
    case metrics::GoalStatus::kOnTrack:
      return "On track";
    case metrics::GoalStatus::kAtRisk:
      return "At risk";
    case metrics::GoalStatus::kOffTrack:
      return "Off track";
    case metrics::GoalStatus::kAchieved:
      return "Achieved";
    case metrics::GoalStatus::kNotStarted:
      return "Not started";
    case metrics::GoalStatus::kNoData:
      return "No data";
  }
  return std::string(metrics::GoalStatusName(status));
}

std::string GoalScope(const metrics::ImpactReport& r, const metrics::GoalProgress& g) {
  return g.goal.member.empty() ? std::string("the network") : MemberName(r, g.goal.member);
}

std::string GoalYears(const core::Goal& goal) {
  if (goal.from_fy == goal.to_fy) return "FY " + core::FinancialYearLabel(goal.from_fy);
  return fmt::format("FY {} to {}", core::FinancialYearLabel(goal.from_fy),
                     core::FinancialYearLabel(goal.to_fy));
}

std::string GoalValue(const metrics::GoalProgress& g, std::int64_t value) {
  return core::FormatMeasureValue(value, g.unit);
}

std::string PercentText(std::optional<double> share) {
  return share ? fmt::format("{:.1f}%", *share * 100.0) : std::string(kNotReported);
}

}  // namespace internal

namespace {

using internal::kNotReported;
using internal::PercentText;
using internal::StatusLabel;
using internal::UkDate;
using internal::UkDates;
using metrics::GoalProgress;
using metrics::Headline;
using metrics::ImpactReport;
using metrics::ImpactSection;
using metrics::ImpactSeries;
using metrics::TraceItem;
using svg::Escape;

// ---- Shared by HTML and Markdown.

const Headline* FindHeadline(const ImpactReport& r, std::string_view id) {
  for (const Headline& h : r.headlines) {
    if (h.id == id) return &h;
  }
  return nullptr;
}

const GoalProgress* FindGoal(const ImpactReport& r, std::string_view id) {
  for (const GoalProgress& g : r.goals) {
    if (g.goal.id == id) return &g;
  }
  return nullptr;
}

// "A3": the headline's entry in the appendix.
std::string AppendixRef(const ImpactReport& r, const Headline& h) {
  for (std::size_t i = 0; i < r.headlines.size(); ++i) {
    if (&r.headlines[i] == &h) return fmt::format("A{}", i + 1);
  }
  return "A";
}

// An id attribute's text: lower-case letters, digits, '-' and '_'.
std::string Anchor(std::string_view prefix, std::string_view id) {
  std::string out(prefix);
  for (const char c : id) {
    const auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) != 0 || c == '-' || c == '_' ? static_cast<char>(std::tolower(u)) : '-';
  }
  return out;
}

std::string Value(std::optional<std::int64_t> v, core::ReturnUnit unit) {
  return v ? core::FormatMeasureValue(*v, unit) : std::string(kNotReported);
}

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

std::string FyText(int fy) { return "FY " + core::FinancialYearLabel(fy); }

// "3 of 4 members reporting"; payments: "with payments".
std::string ReportingText(const ImpactReport& r, const ImpactSeries& s, int reporting) {
  return fmt::format("{} of {}", reporting, r.network.members.size()) +
         (s.source == "payments" ? " with payments" : " reporting");
}

std::vector<ImpactSeries::Point> YearPoints(const ImpactSeries& s) {
  std::vector<ImpactSeries::Point> out;
  for (const auto& p : s.trend) {
    if (p.quarter == 0) out.push_back(p);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.financial_year < b.financial_year;
  });
  return out;
}

std::vector<ImpactSeries::Point> QuarterPoints(const ImpactSeries& s) {
  std::vector<ImpactSeries::Point> out;
  for (const auto& p : s.trend) {
    if (p.quarter != 0) out.push_back(p);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::pair(a.financial_year, a.quarter) < std::pair(b.financial_year, b.quarter);
  });
  return out;
}

// "£35.2m for the network in FY 2023/24 (12.0% of addressable spend)".
std::string SeriesSummary(const ImpactReport& r, const ImpactSeries& s) {
  if (!s.network) return fmt::format("Not reported for {}.", FyText(r.financial_year));
  std::string out =
      fmt::format("{} for the network in {}", core::FormatMeasureValue(*s.network, s.unit),
                  FyText(r.financial_year));
  if (s.share) {
    out += fmt::format(" ({} of {})", PercentText(s.share),
                       s.source == "payments" ? "addressable spend" : "the total");
  }
  return out + ".";
}

bool PaymentsMissing(const ImpactReport& r, const metrics::ImpactMemberRow& row) {
  const auto& missing = r.quality.missing_payments;
  return std::find(missing.begin(), missing.end(), row.name) != missing.end();
}

std::string FlaggedPeriod(const metrics::FlaggedFigure& f) {
  return core::ReturnPeriodLabel(f.financial_year, f.quarter);
}

std::string MeasureValueOf(std::string_view measure, std::int64_t value) {
  const auto info = core::FindAnyReturnMeasure(measure);
  return core::FormatMeasureValue(value, info ? info->unit : core::ReturnUnit::kCount);
}

// The kinds of input, in the order the appendix lists them, with their headings.
std::string KindHeading(std::string_view kind) {
  if (kind == "file") return "Spend files";
  if (kind == "register") return "Registers";
  if (kind == "return") return "Members' returns";
  if (kind == "rule") return "Spend rules";
  if (kind == "factor") return "Conversion factors";
  if (kind == "goal") return "Goals";
  if (kind == "definition") return "Definitions";
  return std::string(kind);
}

std::vector<std::string> KindsInOrder(const std::vector<TraceItem>& items) {
  std::vector<std::string> kinds = {"file", "register", "return", "rule", "factor", "goal"};
  std::vector<std::string> out;
  for (const std::string& k : kinds) {
    for (const TraceItem& t : items) {
      if (t.kind == k) {
        out.push_back(k);
        break;
      }
    }
  }
  for (const TraceItem& t : items) {
    if (std::find(out.begin(), out.end(), t.kind) == out.end()) out.push_back(t.kind);
  }
  return out;
}

std::string TraceMember(const ImpactReport& r, const TraceItem& t) {
  return t.member.empty() ? std::string("network") : internal::MemberName(r, t.member);
}

std::string TraceRef(const TraceItem& t) {
  return t.id != 0 ? fmt::format("#{}", t.id) : std::string();
}

// "#1–#36, #40": ids as ranges.
std::string RefRanges(std::vector<std::int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < ids.size();) {
    std::size_t j = i;
    while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1) ++j;
    parts.push_back(j == i ? fmt::format("#{}", ids[i])
                           : fmt::format("#{}\u2013#{}", ids[i], ids[j]));
    i = j + 1;
  }
  return core::Join(parts, ", ");
}

// One row of a headline's trace as shown.
struct TraceRow {
  std::string kind, member, text, ref;
};

// Spend files come one per member and month: past this many, a headline's trace gives one row
// per member (how many files, the first and last, their refs); "All inputs" lists every file.
constexpr std::size_t kFilesListed = 12;

std::size_t FileCount(const std::vector<TraceItem>& items) {
  return static_cast<std::size_t>(std::count_if(
      items.begin(), items.end(), [](const TraceItem& t) { return t.kind == "file"; }));
}

std::vector<TraceRow> ShownTrace(const ImpactReport& r, const std::vector<TraceItem>& items) {
  std::vector<TraceRow> rows;
  const bool summarise = FileCount(items) > kFilesListed;
  struct Files {
    std::size_t row = 0;
    std::vector<std::int64_t> ids;
    std::string first, last;
    std::size_t count = 0;
  };
  std::map<std::string, Files> files;
  std::vector<std::string> order;
  for (const TraceItem& t : items) {
    if (!summarise || t.kind != "file") {
      rows.push_back({t.kind, TraceMember(r, t), UkDates(t.text), TraceRef(t)});
      continue;
    }
    auto [it, added] = files.try_emplace(t.member);
    Files& f = it->second;
    if (added) {
      f.row = rows.size();
      rows.push_back({t.kind, TraceMember(r, t), "", ""});
    }
    // The file's name: the text up to ": " ("name.csv: 4,210 lines, ...").
    const std::string name = t.text.substr(0, t.text.find(": "));
    if (f.count == 0) f.first = name;
    f.last = name;
    ++f.count;
    if (t.id != 0) f.ids.push_back(t.id);
  }
  for (const auto& [member, f] : files) {
    TraceRow& row = rows[f.row];
    row.text = f.count == 1 ? fmt::format("1 spend file: {}", f.first)
                            : fmt::format("{} spend files: {} \u2026 {} (each under All inputs)",
                                          f.count, f.first, f.last);
    row.ref = RefRanges(f.ids);
  }
  return rows;
}

// ---- HTML.

svg::Tone StatusTone(metrics::GoalStatus status) {
  switch (status) {
    case metrics::GoalStatus::kAchieved:
      return svg::Tone::kDone;
    case metrics::GoalStatus::kOnTrack:
      return svg::Tone::kGood;
    case metrics::GoalStatus::kAtRisk:
      return svg::Tone::kWarning;
    case metrics::GoalStatus::kOffTrack:
      return svg::Tone::kBad;
    default:
      return svg::Tone::kMuted;
  }
}

std::string StatusClass(metrics::GoalStatus status) {
  return "status status-" + std::string(metrics::GoalStatusName(status));
}

std::string Css(bool synthetic) {
  std::string css = R"(
:root{--ink:#1a1a1a;--muted:#4f5358;--rule:#c4c8cc;--accent:#1f5f8b;--soft:#f4f6f8}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff;line-height:1.5}
body{margin:0 auto;max-width:62rem;padding:0 1.25rem 3rem}
a{color:var(--accent)}
a:focus-visible,summary:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
h1{font-size:2rem;line-height:1.2;margin:1.5rem 0 .4rem}
h2{font-size:1.55rem;line-height:1.25;margin:2.75rem 0 .75rem;padding-bottom:.25rem;border-bottom:3px solid var(--accent)}
h3{font-size:1.25rem;margin:2rem 0 .5rem}
h4{font-size:1.05rem;margin:1.5rem 0 .25rem}
p{margin:.4rem 0}
.meta,.basis,figcaption,.small,.legend{color:var(--muted);font-size:.92rem}
.synthetic{border:3px solid #8a1c1c;color:#8a1c1c;background:#fff4f2;font-weight:700;text-align:center;padding:.5rem .75rem;margin:.75rem 0}
.synthetic.sticky{position:sticky;top:0;z-index:10}
.print-only{display:none}
nav.contents ol{columns:2;padding-left:1.25rem;margin:.5rem 0}
.headlines{list-style:none;padding:0;margin:1rem 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:1rem}
.headline{border:1px solid var(--rule);border-left:6px solid var(--accent);border-radius:4px;padding:.75rem 1rem}
.headline .figure{font-size:2.25rem;font-weight:700;line-height:1.1;margin:0 0 .3rem;font-variant-numeric:tabular-nums}
.headline .text{font-size:1.05rem;margin:0 0 .5rem}
.headline .basis{margin:0 0 .4rem}
.status{display:inline-block;font-weight:700;padding:.05rem .5rem;border-radius:3px;color:#fff;border:2px solid transparent}
.status-achieved{background:#1b5e20}.status-on-track{background:#2e7d32}.status-at-risk{background:#8a5300}
.status-off-track{background:#b3261e}.status-not-started,.status-no-data{background:#5f6368}
figure{margin:1rem 0 1.75rem}
figure.chart svg{display:block;width:100%;max-width:640px;height:auto}
figcaption{margin-top:.35rem}
.goal-head{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--rule);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--ink)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.members{font-size:.85rem}table.members th,table.members td{padding:.3rem .35rem}
table.members thead th.num{white-space:normal}table.members tbody th{min-width:9rem}
.missing{color:var(--muted)}
details{margin:.25rem 0 1rem}
summary{cursor:pointer;color:var(--accent)}
dl.coverage{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.coverage dt{font-weight:600}dl.coverage dd{margin:0}
.trace-entry{border-top:1px solid var(--rule);padding-top:.5rem}
footer{margin-top:3rem;border-top:1px solid var(--rule);padding-top:.75rem}
@media print{
@page{size:A4;margin:16mm 14mm 16mm 14mm}
html{font-size:10pt;line-height:1.4}
body{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
.headline,.synthetic,table,th,td{box-shadow:none}
.headline{border-left-width:3pt}
.synthetic,.synthetic.sticky{position:static;background:none;color:#000;border:2pt solid #000}
.print-only{display:block}
nav.contents{display:none}
.status{background:none!important;border:1.5pt solid currentColor}
.status-achieved{color:#1b5e20}.status-on-track{color:#2e7d32}.status-at-risk{color:#8a5300}
.status-off-track{color:#b3261e}.status-not-started,.status-no-data{color:#5f6368}
section.major{break-before:page;page-break-before:always}
h2,h3,h4{break-after:avoid;page-break-after:avoid}
figure,.headline,tr,.trace-entry>h3{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
table.members{font-size:7.5pt}table.members th,table.members td{padding:2pt 3pt}
table.members tbody th{min-width:0}
.table-wrap{overflow:visible}
details>summary{display:none}
details.all-files{display:none}
table.inputs{font-size:7pt}table.inputs th,table.inputs td{padding:1pt 3pt}
details::details-content{display:contents;content-visibility:visible}
a.trace-link::after{content:""}
footer{break-inside:avoid}
}
)";
  if (synthetic) {
    // Every printed page: a line in the top margin where the browser supports page-margin boxes,
    // and a faint watermark (fixed elements repeat on each printed page).
    css += R"(.watermark{display:none}
@media print{
@page{@top-center{content:"SYNTHETIC DEMO DATA \2014 not real figures";font:bold 9pt sans-serif;color:#000}}
.watermark{display:block;position:fixed;top:40%;left:0;right:0;text-align:center;font-size:64pt;font-weight:700;color:#000;opacity:.07;transform:rotate(-30deg);z-index:-1}
}
)";
  }
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

  [[nodiscard]] std::string GeneratedText() const {
    if (r_.generated_at.empty()) return "(no date)";
    std::string out = UkDate(r_.generated_at);
    if (r_.generated_at.size() >= 16 && r_.generated_at[10] == 'T') {
      out += " at " + r_.generated_at.substr(11, 5) + " UTC";
    }
    return out;
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
    Add(fmt::format("<p class=\"figure\">{}</p>\n", Escape(h.figure)));
    Add(fmt::format("<p class=\"text\">{}</p>\n", Escape(h.text)));
    Add(fmt::format("<p class=\"basis\">Basis: {}</p>\n", Escape(h.basis)));
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
    const bool share = g.goal.kind == core::GoalKind::kShare;
    const bool has_data =
        g.status != metrics::GoalStatus::kNoData && g.status != metrics::GoalStatus::kNotStarted;
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
      if (has_data && g.status != metrics::GoalStatus::kAchieved) {
        chart.expected = static_cast<double>(g.expected);
      }
      const std::string achieved = internal::GoalValue(g, g.achieved);
      chart.achieved_text =
          achieved + (g.goal.kind == core::GoalKind::kCumulative ? " so far" : " achieved");
      chart.target_text =
          fmt::format("target {} by {}", internal::GoalValue(g, g.target_value), end);
      chart.expected_text =
          fmt::format("expected by {}: {}", as_at, internal::GoalValue(g, g.expected));
      const std::string target = internal::GoalValue(g, g.target_value);
      if (!has_data) {
        summary = fmt::format("No figures yet against a target of {}", target);
      } else if (g.status == metrics::GoalStatus::kAchieved) {
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
    std::string coverage =
        g.source == metrics::GoalSource::kPayments
            ? fmt::format("supplier size known for {} of the spend behind it",
                          PercentText(g.coverage))
            : fmt::format("{} of members in scope reported", PercentText(g.coverage));
    Add(fmt::format(
        "<figcaption>Goal <strong>{}</strong>: {} {} for {}, {}. Basis: {}. Coverage: {}. As at "
        "{}.</figcaption>\n",
        Escape(g.goal.id), Escape(g.goal.measure), Escape(core::GoalKindName(g.goal.kind)),
        Escape(internal::GoalScope(r_, g)), Escape(internal::GoalYears(g.goal)), Escape(g.basis),
        Escape(coverage), Escape(as_at)));
    GoalTable(g);
    Add("</figure>\n");
  }

  void GoalTable(const GoalProgress& g) {
    const bool share = g.goal.kind == core::GoalKind::kShare;
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
      if (g.goal.kind == core::GoalKind::kAbsolute) {
        row("Starting figure", internal::GoalValue(g, g.baseline));
      }
      row("Share of the goal's time elapsed", PercentText(g.expected_fraction));
    }
    row("Coverage", PercentText(g.coverage));
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
        if (g.source == metrics::GoalSource::kReturns) {
          Add(R"(<th scope="col" class="num">Members reporting</th>)");
        }
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
          if (g.source == metrics::GoalSource::kReturns) {
            Add(fmt::format("<td class=\"num\">{} of {}</td>", row_data.reporting,
                            r_.network.members.size()));
          }
        }
        Add(fmt::format("<td>{}</td></tr>\n", Escape(row_data.status ? StatusLabel(*row_data.status)
                                                                     : std::string(kNotReported))));
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
                    Escape(SeriesSummary(r_, s)),
                    Escape(s.source == "payments" ? "payments (cash paid)" : "members' returns")));

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
             p.value ? std::optional<double>(static_cast<double>(*p.value)) : std::nullopt,
             Value(p.value, s.unit)});
      }
      Add("<figure class=\"chart\">\n");
      Add(svg::VerticalBars(chart));
      Add(
          fmt::format("\n<figcaption>{}. A year or quarter with no figure is a gap marked "
                      "\u201cnot reported\u201d, not a zero.</figcaption>\n",
                      Escape(chart.title)));
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
                        p.value ? "" : " missing", Escape(Value(p.value, s.unit))));
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
      chart.bars.push_back(
          {part.member_name.empty() ? part.member : part.member_name,
           part.value ? std::optional<double>(static_cast<double>(*part.value)) : std::nullopt,
           Value(part.value, s.unit)});
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
                      part.value ? "" : " missing",
                      Escape(part.value ? Value(part.value, s.unit) : "not reported")));
    }
    if (s.network) {
      Add(fmt::format("<tr><th scope=\"row\">Whole network</th><td class=\"num\">{}</td></tr>\n",
                      Escape(Value(s.network, s.unit))));
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
      cell(no_payments ? kNotReported : PercentText(m.msme_share), no_payments || !m.msme_share);
      cell(no_payments ? kNotReported : PercentText(m.coverage), no_payments || !m.coverage);
      cell(Value(m.w1, core::ReturnUnit::kCount), !m.w1);
      cell(Value(m.w2s, core::ReturnUnit::kCount), !m.w2s);
      cell(Value(m.e1, core::ReturnUnit::kCount), !m.e1);
      cell(Value(m.e2, core::ReturnUnit::kTonnes), !m.e2);
      Add(fmt::format("<td{}>{}</td>", m.return_status == "missing" ? " class=\"missing\"" : "",
                      Escape(UkDates(m.return_status))));
      cell(m.flags == 0 ? std::string("none") : core::FormatCount(m.flags), false);
      Add("</tr>\n");
    }
    Add("</tbody></table></div>\n");
    Add("<p class=\"legend\">\u2014 not reported (shares: no addressable spend to divide by). "
        "Unknown is never counted as zero. Size known: the share of addressable spend whose "
        "supplier's size is known. W1 staff uplifted to the Real Living Wage, W2S apprenticeship "
        "starts, E1 staff trained in carbon literacy, E2 carbon saved. Flagged: figures far "
        "outside the member's history, kept as reported (see Data quality).</p>\n</section>\n");
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
    auto coverage = [&](const char* what, std::optional<double> share) {
      Add(fmt::format("<dt>{}</dt><dd>{}</dd>\n", what,
                      share ? Escape(PercentText(share)) : std::string("not known")));
    };
    coverage("Supplier size known", q.size_coverage);
    coverage("VCSE status known", q.vcse_coverage);
    coverage("Location known", q.location_coverage);
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
    if (!q.notes.empty()) {
      Add("<h3>Notes</h3>\n<ul>\n");
      for (const std::string& n : q.notes) Add(fmt::format("<li>{}</li>\n", Escape(n)));
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
    for (const metrics::Definition& d : r_.definitions) {
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

  std::vector<TraceRow> AllRows(const std::vector<TraceItem>& items, std::string_view kind) {
    std::vector<TraceRow> rows;
    for (const TraceItem& t : items) {
      if (kind.empty() || t.kind == kind) {
        rows.push_back({t.kind, TraceMember(r_, t), UkDates(t.text), TraceRef(t)});
      }
    }
    return rows;
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
      Add(fmt::format("<h3>{}. {}</h3>\n", AppendixRef(r_, h), Escape(h.text)));
      Add(fmt::format("<p class=\"basis\">Basis: {}</p>\n", Escape(h.basis)));
      std::string about =
          fmt::format("Figure {} ({}); measure {} from {}", h.figure, h.id, h.measure, h.source);
      if (!h.goal_id.empty()) about += "; measured against goal " + h.goal_id;
      Add(fmt::format("<p class=\"small\">{}. <a href=\"#{}\">Back to the headline</a></p>\n",
                      Escape(about), Anchor("headline-", h.id)));
      if (h.trace.empty()) {
        Add("<p>No inputs recorded.</p>\n");
      } else {
        TraceTable(ShownTrace(r_, h.trace), true);
      }
      if (const std::size_t files = FileCount(h.trace); files > kFilesListed) {
        // On screen only: in print every file is under "All inputs".
        Add(
            fmt::format("<details class=\"all-files\"><summary>Every spend file behind this "
                        "headline ({})</summary>\n",
                        files));
        TraceTable(AllRows(h.trace, "file"), false);
        Add("</details>\n");
      }
      Add("</article>\n");
    }
    Add("<h3 id=\"inputs\">All inputs</h3>\n");
    if (r_.inputs.empty()) Add("<p>No inputs recorded.</p>\n");
    for (const std::string& kind : KindsInOrder(r_.inputs)) {
      const std::vector<TraceRow> rows = AllRows(r_.inputs, kind);
      Add(fmt::format("<h4>{} ({})</h4>\n", Escape(KindHeading(kind)), rows.size()));
      TraceTable(rows, false, "inputs");
    }
    Add("</section>\n");
  }

  const ImpactReport& r_;
  std::string out_;
};

// ---- Markdown.

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
                    r_.generated_at.empty() ? "(no date)" : UkDate(r_.generated_at)));
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
    Add(fmt::format("- **{}**: {}  \n  Basis: {} (appendix {})\n", Md(h.figure), Md(h.text),
                    Md(h.basis), AppendixRef(r_, h)));
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
        Row({g->goal.id, fmt::format("{} {}", g->goal.measure, core::GoalKindName(g->goal.kind)),
             internal::GoalScope(r_, *g), internal::GoalYears(g->goal),
             share ? PercentText(g->target_share) : internal::GoalValue(*g, g->target_value),
             share ? PercentText(g->share) : internal::GoalValue(*g, g->achieved),
             share ? std::string(kNotReported) : internal::GoalValue(*g, g->expected),
             StatusLabel(g->status), PercentText(g->coverage)});
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
        Row({FyText(p.financial_year), Value(p.value, s.unit), ReportingText(r_, s, p.reporting)});
      }
      Add("\n");
    }
    const std::vector<ImpactSeries::Point> quarters = QuarterPoints(s);
    if (!quarters.empty()) {
      Header({"Quarter", s.measure}, "lr");
      for (const auto& p : quarters) {
        Row({fmt::format("Q{} {}", p.quarter, core::FinancialYearLabel(p.financial_year)),
             Value(p.value, s.unit)});
      }
      Add("\n");
    }
    if (!s.members.empty()) {
      Header({"Member", fmt::format("{} {}", s.measure, FyText(r_.financial_year))}, "lr");
      for (const ImpactSeries::Part& part : s.members) {
        Row({part.member_name.empty() ? part.member : part.member_name,
             part.value ? Value(part.value, s.unit) : "not reported"});
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
           no_payments ? kNotReported : PercentText(m.msme_share),
           no_payments ? kNotReported : PercentText(m.coverage),
           Value(m.w1, core::ReturnUnit::kCount), Value(m.w2s, core::ReturnUnit::kCount),
           Value(m.e1, core::ReturnUnit::kCount), Value(m.e2, core::ReturnUnit::kTonnes),
           UkDates(m.return_status),
           m.flags == 0 ? std::string("none") : core::FormatCount(m.flags)});
    }
    Add("\n\u2014 not reported (shares: no addressable spend to divide by). W1 staff uplifted to "
        "the Real Living Wage, W2S apprenticeship starts, E1 staff trained in carbon literacy, "
        "E2 carbon saved.\n");
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
                    q.size_coverage ? PercentText(q.size_coverage) : "not known",
                    q.vcse_coverage ? PercentText(q.vcse_coverage) : "not known",
                    q.location_coverage ? PercentText(q.location_coverage) : "not known"));
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
    if (!q.notes.empty()) {
      Add("### Notes\n\n");
      for (const std::string& n : q.notes) Add("- " + Md(n) + "\n");
      Add("\n");
    }
  }

  void Definitions() {
    Add("## Definitions\n\n");
    Header({"Id", "Measure", "Unit", "Definition"}, "llll");
    for (const metrics::Definition& d : r_.definitions) Row({d.id, d.label, d.unit, d.text});
    Add("\n");
  }

  void TraceRows(const std::vector<TraceItem>& items) {
    Header({"Kind", "Member", "Input", "Ref"}, "lllr");
    for (const TraceRow& t : ShownTrace(r_, items)) Row({t.kind, t.member, t.text, t.ref});
    Add("\n");
  }

  void Trace() {
    Add("## How each headline was worked out\n\n");
    for (const Headline& h : r_.headlines) {
      Add(fmt::format("<a id=\"{}\"></a>\n\n### {}. {}\n\n", Anchor("trace-", h.id),
                      AppendixRef(r_, h), Md(h.text)));
      Add(fmt::format("Basis: {}. Figure {} ({}); measure {} from {}{}.\n\n", Md(h.basis),
                      Md(h.figure), Md(h.id), Md(h.measure), Md(h.source),
                      h.goal_id.empty() ? "" : "; goal " + Md(h.goal_id)));
      if (!h.trace.empty()) TraceRows(h.trace);
    }
    Add("### All inputs\n\n");
    for (const std::string& kind : KindsInOrder(r_.inputs)) {
      Add(fmt::format("#### {}\n\n", Md(KindHeading(kind))));
      Header({"Member", "Input", "Ref"}, "llr");
      for (const TraceItem& t : r_.inputs) {
        if (t.kind == kind) Row({TraceMember(r_, t), UkDates(t.text), TraceRef(t)});
      }
      Add("\n");
    }
  }

  const ImpactReport& r_;
  std::string out_;
};

}  // namespace

std::string ImpactHtml(const ImpactReport& r) { return HtmlWriter(r).Render(); }

std::string ImpactMarkdown(const ImpactReport& r) { return MarkdownWriter(r).Render(); }

}  // namespace anchornet::report
