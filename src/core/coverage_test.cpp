#include "core/coverage.h"

#include <gtest/gtest.h>

namespace anchornet::core {
namespace {

TEST(JudgeCoverage, ZeroOrUndefinedCoverageIsNotKnown) {
  EXPECT_EQ(JudgeCoverage(std::nullopt), Confidence::kNotKnown);
  EXPECT_EQ(JudgeCoverage(0.0), Confidence::kNotKnown);
  EXPECT_EQ(JudgeCoverage(0.0, 0.0), Confidence::kNotKnown);
}

TEST(JudgeCoverage, BelowTheThresholdIsLowAtOrAboveIsSufficient) {
  EXPECT_EQ(JudgeCoverage(0.0001), Confidence::kLow);
  EXPECT_EQ(JudgeCoverage(0.4999), Confidence::kLow);
  EXPECT_EQ(JudgeCoverage(0.5), Confidence::kSufficient);
  EXPECT_EQ(JudgeCoverage(1.0), Confidence::kSufficient);
  EXPECT_EQ(JudgeCoverage(0.7, 0.8), Confidence::kLow);
  EXPECT_EQ(JudgeCoverage(0.01, 0.0), Confidence::kSufficient);
}

TEST(ConfidenceName, SpellingsAreStable) {
  EXPECT_EQ(ConfidenceName(Confidence::kNotKnown), "not-known");
  EXPECT_EQ(ConfidenceName(Confidence::kLow), "low");
  EXPECT_EQ(ConfidenceName(Confidence::kSufficient), "sufficient");
}

}  // namespace
}  // namespace anchornet::core
