// Renders the network's annual impact report (`anchornet report impact`, docs/report.md, "Impact
// report"): one self-contained HTML page, the same content as Markdown, and an XLSX workbook of
// the figures behind it, all from one metrics::ImpactReport.
//
// metrics::ComputeImpact gives numbers and kinds; every word is written here (decision 45):
// figures formatted by unit (core::FormatPoundsShort for pence, counts with thousands separators,
// kilograms CO2e as tonnes), headline sentences and bases, trace lines. Unknown stays unknown: a
// figure a member did not report is "—" (or a labelled gap in a chart), a figure whose coverage is
// zero is "not known" (no bar, a "not known" mark), and one whose coverage is below the network's
// coverage_warning_below carries a visible warning (core/coverage.h). Synthetic data is labelled
// in every format. Files: impact_common.cpp (words), impact_html.cpp (with impact_report.css
// compiled in), impact_markdown.cpp, impact_xlsx.cpp.
//
// Thread-safety: pure functions over a report the caller owns.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "metrics/impact.h"

namespace anchornet::report {

// One HTML5 page (lang en-GB, UTF-8) with inline CSS and inline SVG charts: no scripts and no
// external resources, so it opens offline and prints on A4. Opens with the headlines (figure,
// sentence, basis, a link to its trace), then a section per pillar (headlines, goal progress,
// each series' trend and member parts, every chart followed by its numbers in a table), the
// member table, data quality, definitions and the appendix "How each headline was worked out"
// with every input. A SYNTHETIC banner heads the page (and every printed page) when the data is.
std::string ImpactHtml(const metrics::ImpactReport& r);

// The same content as Markdown: headlines, sections with goal progress and series as tables, the
// member table, data quality, definitions and the trace.
std::string ImpactMarkdown(const metrics::ImpactReport& r);

// Writes the workbook to `path` (replacing it): sheets Headlines, Goals, Series, Members, Returns,
// Projects, Levy transfers, Data quality, Definitions, Trace. Money is a number in pounds with a £
// format, carbon in tonnes CO2e with three decimals, counts as integers, shares as fractions; a
// figure not reported is a blank cell. Errors: kStoreIo when the file cannot be written.
[[nodiscard]] core::Status WriteImpactXlsx(const metrics::ImpactReport& r, const std::string& path);

// A headline in words, as every rendering and the API show it.
struct ImpactHeadlineWords {
  std::string figure;   // "£1.9bn", "7,300", "2.1 tCO2e", "93%", or "not known"
  std::string text;     // the sentence
  std::string basis;    // payments or returns, years, coverage, members
  std::string warning;  // the low-coverage warning, "" when there is none
};
ImpactHeadlineWords HeadlineWords(const metrics::ImpactReport& r, const metrics::Headline& h);
// A trace line in words with ISO dates: "lambeth.csv: 4,210 lines, imported 2025-06-01".
std::string ImpactTraceText(const metrics::TraceItem& t);
// "submitted 2024-05-03", "2 of 4 quarters", "missing".
std::string ImpactReturnStatusText(const metrics::ReturnStatus& s);
// The data-quality notes as sentences.
std::vector<std::string> ImpactQualityNotes(const metrics::ImpactReport& r);
// The definitions the report lists (measures, then the Real Living Wage when known).
std::vector<metrics::Definition> ImpactDefinitions(const metrics::ImpactReport& r);

}  // namespace anchornet::report
