#include "metrics/returns.h"

#include <gtest/gtest.h>

#include <cmath>

#include "metrics/measures.h"
#include "test_util.h"

namespace anchornet::metrics {
namespace {

using testing::NewStore;
using testing::TempDir;

core::Network TwoMembers() {
  core::Network n;
  n.name = "Returns test network";
  n.members.push_back({"a", "Member A", core::Sector::kNhs, ""});
  n.members.push_back({"b", "Member B", core::Sector::kLocalGovernment, ""});
  return n;
}

core::MemberReturn Return(std::string member, int fy, int quarter,
                          std::vector<std::pair<std::string, std::int64_t>> figures) {
  core::MemberReturn r;
  r.member = std::move(member);
  r.financial_year = fy;
  r.quarter = quarter;
  for (auto& [m, v] : figures) r.figures.push_back({m, v, "", "", 0});
  return r;
}

// Stores each return as its own file (named by index), one transaction each.
void Save(store::Store& store, const std::vector<core::MemberReturn>& returns) {
  static int n = 0;
  for (const core::MemberReturn& r : returns) {
    ++n;
    store::ReturnFile f;
    f.name = "return-" + std::to_string(n) + ".csv";
    f.content_hash = "hash-" + std::to_string(n);
    f.format = "csv";
    auto w = store.BeginReturnImport(f);
    ASSERT_TRUE(w) << w.error().ToString();
    auto id = (*w)->Add(r, {});
    ASSERT_TRUE(id) << id.error().ToString();
    ASSERT_TRUE((*w)->Commit());
  }
}

TEST(ReturnTotalsTest, AnnualQuarterlyStocksAndDerived) {
  TempDir dir;
  const core::Network net = TwoMembers();
  auto store = NewStore(dir.File("ws.db"), net);
  ASSERT_NE(store, nullptr);
  // A: annual. B: quarters 1 and 2 (flows add, the stock is Q2's).
  core::MemberReturn a = Return(
      "a", 2023, 0,
      {{"W1D", 100}, {"W1C", 40}, {"W2S", 12}, {"W2P", 30}, {"W3F", 10'000'00}, {"E2D", 5'000}});
  core::LevyTransfer t1{0, "Small Co", true, 3000'00, 200'00, 2, ""};
  core::LevyTransfer t2{0, "Unknown Co", std::nullopt, 250'00, 100'00, 1, ""};
  core::LevyTransfer t3{0, "Big plc", false, 100'00, 50'00, 1, ""};
  a.transfers = {t1, t2, t3};
  core::CarbonProject p;
  p.id = "A-LED";
  p.saved_kg = 8'283;
  a.projects = {p};
  Save(*store, {a, Return("b", 2023, 1, {{"W2S", 3}, {"W2P", 10}, {"C5", 90}, {"C5T", 100}}),
                Return("b", 2023, 2, {{"W2S", 4}, {"W2P", 11}, {"C5", 80}, {"C5T", 100}})});

  auto totals = ComputeReturnTotals(*store, net);
  ASSERT_TRUE(totals) << totals.error().ToString();
  EXPECT_EQ(totals->financial_years, std::vector<int>{2023});
  EXPECT_EQ(totals->Value("a", 2023, "W1"), 140);
  EXPECT_EQ(totals->Value("a", 2023, "W3"), 200'00 + 100'00 + 50'00);
  EXPECT_EQ(totals->Value("a", 2023, "W3C"), 3000'00 + 250'00 + 100'00);
  EXPECT_EQ(totals->Value("a", 2023, "W3S"), 200'00);  // size not stated: not an SME
  EXPECT_EQ(totals->Value("a", 2023, "W3A"), 4);
  EXPECT_EQ(totals->Value("a", 2023, "E2P"), 8'283);
  EXPECT_EQ(totals->Value("a", 2023, "E2"), 13'283);
  EXPECT_EQ(totals->Value("b", 2023, "W2S"), 7);
  EXPECT_EQ(totals->Value("b", 2023, "W2P"), 11);  // stock: the latest quarter, never added
  EXPECT_EQ(totals->Value("b", 2023, "C5"), 170);
  EXPECT_FALSE(totals->Value("b", 2023, "W1").has_value());  // not reported is not zero
  // The network: members added, with how many reported.
  EXPECT_EQ(totals->Value("", 2023, "W2S"), 19);
  EXPECT_EQ(totals->Value("", 2023, "W2P"), 41);
  const ReturnScopeValues* n = totals->Find("", 2023);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->reporting.at("W2S"), 2);
  EXPECT_EQ(n->reporting.at("W1"), 1);
  // Transfers committed (£3,350) are not above half of £10,000 funds: no warning.
  EXPECT_TRUE(totals->levy_warnings.empty());
}

TEST(ReturnTotalsTest, LevyAboveHalfAndCumulativeCarbon) {
  TempDir dir;
  const core::Network net = TwoMembers();
  auto store = NewStore(dir.File("ws.db"), net);
  ASSERT_NE(store, nullptr);
  core::MemberReturn y1 = Return("a", 2022, 0, {{"W3F", 1000'00}, {"E2D", 1'500}});
  y1.transfers = {{0, "Small Co", true, 600'00, 600'00, 1, ""}};
  core::MemberReturn y2 = Return("a", 2023, 0, {{"E2D", 2'000}});
  core::MemberReturn b2 = Return("b", 2023, 0, {{"E2D", 500}});
  Save(*store, {y1, y2, b2});
  auto totals = ComputeReturnTotals(*store, net);
  ASSERT_TRUE(totals) << totals.error().ToString();
  ASSERT_EQ(totals->levy_warnings.size(), 1u);
  EXPECT_EQ(totals->levy_warnings[0].member, "a");
  EXPECT_EQ(totals->levy_warnings[0].financial_year, 2022);
  EXPECT_EQ(totals->Value("a", 2023, "E2CUM"), 3'500);
  EXPECT_EQ(totals->Value("b", 2023, "E2CUM"), 500);
  EXPECT_EQ(totals->Value("", 2022, "E2CUM"), 1'500);
  EXPECT_EQ(totals->Value("", 2023, "E2"), 2'500);     // the year
  EXPECT_EQ(totals->Value("", 2023, "E2CUM"), 4'000);  // kept apart from the year
}

TEST(ReturnTotalsTest, ResubmissionReplacesAndStatusShowsTheChange) {
  TempDir dir;
  const core::Network net = TwoMembers();
  auto store = NewStore(dir.File("ws.db"), net);
  ASSERT_NE(store, nullptr);
  Save(*store, {Return("a", 2023, 0, {{"W1D", 1000}, {"E1", 50}})});
  Save(*store, {Return("a", 2023, 0, {{"W1D", 100}, {"E1", 50}, {"W4", 3}})});
  auto totals = ComputeReturnTotals(*store, net);
  ASSERT_TRUE(totals);
  EXPECT_EQ(totals->Value("a", 2023, "W1D"), 100);
  auto status = ReturnsStatus(*store, 2023);
  ASSERT_TRUE(status) << status.error().ToString();
  ASSERT_EQ(status->size(), 2u);
  const ReturnStatusRow& a = (*status)[0];
  EXPECT_TRUE(a.submitted);
  EXPECT_EQ(a.resubmissions, 1);
  ASSERT_EQ(a.changes.size(), 2u);
  EXPECT_EQ(a.changes[0].measure, "W1D");
  EXPECT_EQ(a.changes[0].before, 1000);
  EXPECT_EQ(a.changes[0].after, 100);
  EXPECT_EQ(a.changes[1].measure, "W4");
  EXPECT_FALSE(a.changes[1].before.has_value());
  EXPECT_FALSE((*status)[1].submitted);
}

// Goals on return measures: cumulative, absolute (a level from the year before) and share.
TEST(ReturnGoalsTest, CumulativeAbsoluteAndShare) {
  TempDir dir;
  core::Network net = TwoMembers();
  using core::GoalKind;
  net.goals.push_back({"lw", "W1", GoalKind::kCumulative, 1000, "", 2022, 2024, ""});
  net.goals.push_back({"in-post", "W2P", GoalKind::kAbsolute, 100, "", 2022, 2024, ""});
  net.goals.push_back({"prompt", "C5", GoalKind::kShare, 900'000, "", 2022, 2024, ""});       // 90%
  net.goals.push_back({"carbon", "E2", GoalKind::kCumulative, 10'000, "a", 2022, 2024, ""});  // kg
  auto store = NewStore(dir.File("ws.db"), net);
  ASSERT_NE(store, nullptr);
  Save(*store,
       {Return("a", 2021, 0, {{"W2P", 40}}),
        Return("a", 2022, 0, {{"W1D", 200}, {"W2P", 50}, {"C5", 95}, {"C5T", 100}, {"E2D", 4'000}}),
        Return("b", 2022, 0, {{"W1C", 150}, {"W2P", 20}, {"C5", 80}, {"C5T", 100}}),
        Return("a", 2023, 0, {{"W1D", 210}, {"W2P", 60}, {"E2D", 3'000}}),
        Return("b", 2023, 0, {{"W1C", 100}, {"W2P", 25}})});
  auto report = ComputeMeasures(*store, {});
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_EQ(report->goals.size(), 4u);

  const GoalProgress& lw = report->goals[0];
  EXPECT_EQ(lw.source, GoalSource::kReturns);
  EXPECT_EQ(lw.unit, core::ReturnUnit::kCount);
  EXPECT_EQ(lw.achieved, 200 + 150 + 210 + 100);
  EXPECT_EQ(lw.target_value, 1000);
  EXPECT_EQ(lw.as_at, "2024-03-31");  // the end of the latest year with a return
  // Two of three years elapsed: expected 1000 x 731/1096 days.
  EXPECT_EQ(lw.expected, std::llround(1000.0 * 731 / 1096));
  EXPECT_EQ(lw.status, GoalStatus::kAtRisk);  // 660 is below 667 but above 90% of it
  EXPECT_DOUBLE_EQ(lw.coverage, 1.0);  // both members reported W1 both years

  const GoalProgress& in_post = report->goals[1];
  EXPECT_EQ(in_post.achieved, 85);  // FY 2023/24: 60 + 25, never added over years
  EXPECT_EQ(in_post.baseline, 40);  // FY 2021/22, the year before the goal
  EXPECT_EQ(in_post.expected, 40 + std::llround(60.0 * 731 / 1096));
  EXPECT_EQ(in_post.status, GoalStatus::kOnTrack);

  const GoalProgress& prompt = report->goals[2];
  ASSERT_EQ(prompt.rows.size(), 2u);              // only FY 2022/23 has C5T
  EXPECT_EQ(prompt.rows[0].status, GoalStatus::kOnTrack);   // a: 95%
  EXPECT_EQ(prompt.rows[1].status, GoalStatus::kOffTrack);  // b: 80%, below 90% of 90%
  EXPECT_EQ(prompt.status, GoalStatus::kOffTrack);
  ASSERT_TRUE(prompt.share);
  EXPECT_DOUBLE_EQ(*prompt.share, 175.0 / 200.0);

  const GoalProgress& carbon = report->goals[3];
  EXPECT_EQ(carbon.unit, core::ReturnUnit::kTonnes);
  EXPECT_EQ(carbon.target_value, 10'000);  // kg
  EXPECT_EQ(carbon.achieved, 7'000);
}

}  // namespace
}  // namespace anchornet::metrics
