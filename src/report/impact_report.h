// Renders the network's annual impact report (`anchornet report impact`, docs/report.md, "Impact
// report"): one self-contained HTML page, the same content as Markdown, and an XLSX workbook of
// the figures behind it, all from one metrics::ImpactReport.
//
// Renderers only: every figure, headline sentence and basis is computed by metrics::ComputeImpact;
// here they are formatted by unit (pence as £1.9bn / £35.2m / £12.0k, counts with thousands
// separators, kilograms CO2e as tonnes), escaped and laid out. Unknown stays unknown: a figure a
// member did not report is "—" (or a labelled gap in a chart), never 0. Synthetic data is labelled
// in every format.
//
// Thread-safety: pure functions over a report the caller owns.
#pragma once

#include <string>

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

}  // namespace anchornet::report
