// Tests for the measure catalogue: every measure docs/metrics.md defines is in it once, with
// words in every field, and the shares say what they are a share of.
#include "metrics/catalogue.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "metrics/measures.h"

namespace anchornet::metrics {
namespace {

TEST(MeasureCatalogueTest, EveryMeasureOnceInReportOrder) {
  std::vector<std::string> ids;
  for (const MeasureEntry& m : MeasureCatalogue()) ids.emplace_back(m.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"T1", "S1", "S2", "S3", "S3L", "S4", "S6", "S7", "S7b",
                                           "S8", "S9", "Coverage"}));
}

TEST(MeasureCatalogueTest, EveryEntryIsComplete) {
  for (const MeasureEntry& m : MeasureCatalogue()) {
    EXPECT_FALSE(m.short_label.empty()) << m.id;
    EXPECT_FALSE(m.long_label.empty()) << m.id;
    EXPECT_TRUE(m.definition.ends_with('.')) << m.id;
    EXPECT_FALSE(m.numerator.empty()) << m.id;
    EXPECT_FALSE(m.notes.empty()) << m.id;
    EXPECT_EQ(m.unit, "pence") << m.id;
    EXPECT_EQ(m.definition_version, kMeasuresVersion) << m.id;
    // A measure with a coverage is a share of S2: its coverage is of that base.
    if (m.has_coverage) {
      EXPECT_EQ(m.share_of, "S2") << m.id;
    }
  }
}

// metric: S3
TEST(MeasureCatalogueTest, FindsByIdAndS3HasOneName) {
  const MeasureEntry* s3 = FindMeasure("S3");
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->long_label, "Spend with micro, small and medium businesses");
  EXPECT_TRUE(s3->has_coverage);
  EXPECT_EQ(FindMeasure("S5"), nullptr);
  EXPECT_EQ(FindMeasure("s3"), nullptr);
}

}  // namespace
}  // namespace anchornet::metrics
