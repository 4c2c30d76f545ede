// How far a figure can be trusted, judged from its coverage: the share of the figure's base whose
// deciding fact (a supplier's size, VCSE status, location, ...) is known. One rule for every
// measure that has a coverage (docs/metrics.md, "Coverage"):
//   - no coverage at all (0, or nothing to cover) -> the figure is NOT KNOWN: it is shown as
//     "not known", never as zero, and charts draw no bar for it;
//   - coverage below the network's threshold (`coverage_warning_below` in network.toml, 0.5
//     unless set) -> the figure is shown with a visible low-coverage warning;
//   - otherwise the figure is shown plainly, its coverage beside it.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace anchornet::core {

enum class Confidence : std::uint8_t {
  kNotKnown,  // coverage is zero or undefined: the figure is not known
  kLow,       // coverage above zero but below the threshold: shown with a warning
  kSufficient,
};

// The default of `coverage_warning_below` in network.toml.
inline constexpr double kDefaultCoverageWarningBelow = 0.5;

// Judges a coverage in 0..1 (empty when the base is zero) against `warning_below` in 0..1.
Confidence JudgeCoverage(std::optional<double> coverage,
                         double warning_below = kDefaultCoverageWarningBelow);

// "not-known", "low", "sufficient": the spelling in JSON, CSV and the API.
std::string_view ConfidenceName(Confidence confidence);

}  // namespace anchornet::core
