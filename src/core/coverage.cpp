#include "core/coverage.h"

namespace anchornet::core {

Confidence JudgeCoverage(std::optional<double> coverage, double warning_below) {
  if (!coverage.has_value() || *coverage <= 0.0) {
    return Confidence::kNotKnown;
  }
  if (*coverage < warning_below) {
    return Confidence::kLow;
  }
  return Confidence::kSufficient;
}

std::string_view ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kNotKnown:
      return "not-known";
    case Confidence::kLow:
      return "low";
    case Confidence::kSufficient:
      return "sufficient";
  }
  return "not-known";
}

}  // namespace anchornet::core
