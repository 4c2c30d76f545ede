// Tests of metrics::ComputeImpact over a small workspace: the figures come out as numbers and
// kinds with each payments figure's coverage judged once (core::JudgeCoverage), and the
// "generated" time comes from the clock given. The wording is report/'s (impact_report_test.cpp);
// the hand-worked totals are the golden case (tests/golden_impact_test.cpp).
#include "metrics/impact.h"

#include <gtest/gtest.h>

#include <chrono>

#include "test_util.h"

namespace anchornet::metrics {
namespace {

using core::Confidence;

class ComputeImpactTest : public ::testing::Test {
 protected:
  void SetUp() override {
    network_ = testing::OneMemberNetwork("m1");
    store_ = testing::NewStore(dir_.File("w.db"), network_);
    ASSERT_NE(store_, nullptr);
    // No register loaded: no supplier's size, VCSE status or location is known.
    testing::ImportSpendText(*store_, network_, dir_, "m1", "m1.csv",
                             "Payment Date,Supplier,Amount,Expense Type\n"
                             "10/05/2024,Acme Ltd,1000.00,Cleaning\n"
                             "10/08/2024,Bolt Ltd,500.00,Repairs\n");
  }

  testing::TempDir dir_;
  core::Network network_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(ComputeImpactTest, GeneratedAtComesFromTheClockGiven) {
  const core::FixedClock clock(std::chrono::sys_days{std::chrono::year{2025} / 6 / 1} +
                               std::chrono::hours{9} + std::chrono::minutes{30});
  auto r = ComputeImpact(*store_, 2024, clock);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->generated_at, "2025-06-01T09:30:00Z");
  auto again = ComputeImpact(*store_, 2024, clock);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->generated_at, r->generated_at);
}

// metric: S3 — with no supplier's size known the MSME figure is not known (never a zero), and
// every place it shows carries that judgement.
TEST_F(ComputeImpactTest, ZeroSizeCoverageIsNotKnownOnEveryFigure) {
  auto r = ComputeImpact(*store_, 2024);
  ASSERT_TRUE(r) << r.error().ToString();
  const Headline* msme = nullptr;
  for (const Headline& h : r->headlines) {
    if (h.kind == HeadlineKind::kMsmeSpend) msme = &h;
  }
  ASSERT_NE(msme, nullptr);
  EXPECT_EQ(msme->id, "msme-spend");
  EXPECT_EQ(msme->source, FigureSource::kPayments);
  EXPECT_EQ(msme->coverage.fact, CoverageFact::kSupplierSize);
  ASSERT_TRUE(msme->coverage.share.has_value());
  EXPECT_EQ(*msme->coverage.share, 0.0);
  EXPECT_EQ(msme->coverage.confidence, Confidence::kNotKnown);
  EXPECT_EQ(msme->members_with_data, 1);
  EXPECT_EQ(msme->members, 1);
  EXPECT_FALSE(msme->trace.empty());

  ASSERT_FALSE(r->sections.empty());
  const ImpactSection& procurement = r->sections.front();
  ASSERT_EQ(procurement.pillar, core::Pillar::kProcurement);
  ASSERT_FALSE(procurement.series.empty());
  const ImpactSeries& s3 = procurement.series.front();
  EXPECT_EQ(s3.measure, "S3");
  EXPECT_EQ(s3.network_coverage.confidence, Confidence::kNotKnown);
  int with_payments = 0;
  for (const ImpactSeries::Point& p : s3.trend) {
    if (!p.value) continue;
    ++with_payments;
    EXPECT_EQ(p.coverage.confidence, Confidence::kNotKnown) << p.quarter;
  }
  EXPECT_GE(with_payments, 3);  // at least the year and its first two quarters
  ASSERT_EQ(s3.members.size(), 1u);
  EXPECT_EQ(s3.members[0].coverage.confidence, Confidence::kNotKnown);
  // S6 judges VCSE status, not size.
  ASSERT_GE(procurement.series.size(), 2u);
  EXPECT_EQ(procurement.series[1].network_coverage.fact, CoverageFact::kVcseStatus);

  ASSERT_EQ(r->members.size(), 1u);
  EXPECT_EQ(r->members[0].confidence, Confidence::kNotKnown);
  EXPECT_EQ(r->members[0].return_status.state, ReturnState::kMissing);
  EXPECT_EQ(r->quality.size_confidence, Confidence::kNotKnown);
  EXPECT_EQ(r->quality.notes,
            (std::vector<QualityNote>{QualityNote::kMissingReturns, QualityNote::kSizeCoverage}));
}

TEST_F(ComputeImpactTest, TraceCarriesFactsNotSentences) {
  auto r = ComputeImpact(*store_, 2024);
  ASSERT_TRUE(r) << r.error().ToString();
  const TraceItem* file = nullptr;
  for (const TraceItem& t : r->inputs) {
    if (t.kind == TraceKind::kFile) file = &t;
  }
  ASSERT_NE(file, nullptr);
  const auto* facts = std::get_if<FileInput>(&file->detail);
  ASSERT_NE(facts, nullptr);
  EXPECT_EQ(facts->name, "m1.csv");
  EXPECT_EQ(facts->lines, 2);
  ASSERT_TRUE(facts->first_paid && facts->last_paid);
  EXPECT_EQ(core::ToIso(*facts->first_paid), "2024-05-10");
  EXPECT_EQ(core::ToIso(*facts->last_paid), "2024-08-10");
  EXPECT_EQ(file->member, "m1");
  EXPECT_NE(file->id, 0);
}

TEST(ComputeImpact, NeedsAFinancialYear) {
  testing::TempDir dir;
  auto store = testing::NewStore(dir.File("w.db"), testing::OneMemberNetwork());
  ASSERT_NE(store, nullptr);
  auto r = ComputeImpact(*store, 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kUsage);
}

}  // namespace
}  // namespace anchornet::metrics
