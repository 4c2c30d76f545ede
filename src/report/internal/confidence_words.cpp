// The words of a figure's confidence (internal/confidence_words.h).
#include "report/internal/confidence_words.h"

#include <fmt/format.h>

namespace anchornet::report::internal {

std::string ConfidenceLegendText(double warning_below, std::string_view marker,
                                 std::string_view line_break) {
  return fmt::format(
      "{}: low coverage: the fact the figure needs (supplier size, ownership, VCSE status, "
      "location, LSOA) is known{}for less than {:.0f}% of addressable spend, so the figure may be "
      "well below the truth. \"{}\": known for none of it.",
      marker, line_break, warning_below * 100.0, kNotKnownText);
}

}  // namespace anchornet::report::internal
