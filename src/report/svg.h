// Small inline SVG charts for the HTML reports: horizontal bars (members' parts, with an optional
// target line and marker), vertical bars (a trend over years or quarters, with gaps for what was
// not reported) and a goal's progress bar. Each function returns one <svg> element as a string,
// sized by its viewBox so it scales with the page, with role="img", an aria-label and a <title>
// (the page gives the numbers again in a table: the chart is never the only way to read them).
//
// The charts draw only what they are given: a missing value is a labelled gap, never a zero bar.
// Labels longer than their space end in an ellipsis, with the full text in a <title>. No xmlns
// and no external references: the SVG is meant to be inlined in an HTML5 page that opens offline.
//
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anchornet::report::svg {

// Text for XML and HTML: & < > " as entities (attributes are always double-quoted). Every string
// the charts print goes through it.
std::string Escape(std::string_view text);

// Cuts to `max_points` Unicode code points, ending in "…"; never splits a UTF-8 sequence.
std::string Ellipsis(std::string_view text, std::size_t max_points);

// How a value or status is drawn. Colours meet WCAG AA contrast on white; a tone is never the
// only sign of a status (the status is written beside it).
enum class Tone { kNeutral, kGood, kDone, kWarning, kBad, kMuted };
// "#1f5f8b" etc.
std::string_view ToneColour(Tone tone);

struct Bar {
  std::string label;            // full label: truncated in the chart, whole in its <title>
  std::optional<double> value;  // empty: not reported (a labelled gap)
  std::string value_text;       // the value as printed ("£35.2m", "7,300")
  std::string missing_text;     // a gap's words when not the chart's ("not known")
};

// One bar per row, labels on the left and values at the bar's end. `target` draws a solid line
// across every row, `marker` a dashed one; both are named in a legend above the bars.
struct HorizontalBarsChart {
  std::string title;  // <title> and aria-label: what the chart shows
  std::vector<Bar> bars;
  std::optional<double> target;
  std::string target_text;  // "target £1.2m"
  std::optional<double> marker;
  std::string marker_text;  // "expected £800k"
  std::string missing_text = "not reported";
};
std::string HorizontalBars(const HorizontalBarsChart& chart);

// Bars left to right (years or quarters, in the order given), with a value above each, a y axis
// from zero and a label under each; a missing value leaves its slot empty with `missing_text`.
// A '\n' in a bar's label starts a second line.
struct VerticalBarsChart {
  std::string title;
  std::vector<Bar> bars;
  std::function<std::string(double)> axis_text;  // tick labels; plain numbers when empty
  bool whole_numbers = false;  // ticks only at whole numbers (counts, pence, kilograms)
  std::string missing_text = "not reported";
};
std::string VerticalBars(const VerticalBarsChart& chart);

// A goal's progress: a track from zero to the target, filled to `achieved` in the status's tone,
// a line at the target and a dashed marker where the trajectory expects progress to be by now.
// The status is written in words above the bar. With no `achieved` the track is empty and says
// so.
struct ProgressChart {
  std::string title;
  std::optional<double> achieved;
  double target = 0;
  std::optional<double> expected;
  std::string achieved_text;  // "£1.1bn achieved"
  std::string target_text;    // "target £1.17bn"
  std::string expected_text;  // "expected by 31 Mar 2024: £780m"
  std::string status_text;    // "On track"
  Tone tone = Tone::kNeutral;
  std::string missing_text = "no data yet";
};
std::string ProgressBar(const ProgressChart& chart);

}  // namespace anchornet::report::svg
