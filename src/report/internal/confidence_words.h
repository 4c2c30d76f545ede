// How every report renderer words a figure's confidence (core/coverage.h): "not known" in place
// of a figure whose coverage is zero, and a legend for the low-coverage warning, so the terminal,
// the measures workbook and the impact workbook say it the same way. Private to src/report/.
//
// Thread-safety: pure functions and constant data.
#pragma once

#include <string>
#include <string_view>

namespace anchornet::report::internal {

// In place of a figure whose coverage is zero: never "£0" or "0%".
inline constexpr const char* kNotKnownText = "not known";
// After a terminal figure whose coverage is below the network's threshold (ASCII: one column in
// every terminal; the pages mark it with internal::kLowMark).
inline constexpr const char* kTerminalLowMark = "*";

// The legend of the warning: `marker` says how a low-coverage figure is shown ("*", "Amber
// cells"); `warning_below` is the network's coverage_warning_below (0..1). Two parts joined by
// `line_break` ("\n" in a terminal, where each line is under 118 columns; " " in one cell).
std::string ConfidenceLegendText(double warning_below, std::string_view marker,
                                 std::string_view line_break);

}  // namespace anchornet::report::internal
