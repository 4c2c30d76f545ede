// The impact report over a small fixed network whose totals were worked out by hand
// (tests/golden/impact/WORKED.md). The carbon project is converted with the real DESNZ 2023
// factor, so the test needs ../shared/data and skips without it.
#include <gtest/gtest.h>

#include <map>

#include "ingest/network_file.h"
#include "ingest/returns.h"
#include "metrics/impact.h"
#include "report/impact_report.h"
#include "test_util.h"

namespace anchornet {
namespace {

using testing::SharedData;
using testing::TempDir;

std::string Fixture(const std::string& name) {
  return std::string(ANCHORNET_SOURCE_DIR) + "/tests/golden/impact/" + name;
}

class GoldenImpact : public ::testing::Test {
 protected:
  void SetUp() override {
    if (SharedData().empty()) GTEST_SKIP() << "real data not found at " ANCHORNET_SHARED_DATA;
    const ingest::NetworkParse parse =
        ingest::ParseNetworkText(testing::ReadFile(Fixture("network.toml")), "network.toml");
    ASSERT_TRUE(parse.problems.empty());
    network_ = parse.network;
    store_ = testing::NewStore(dir_.File("ws.db"), network_);
    ASSERT_NE(store_, nullptr);
    for (const auto& [member, file] : std::map<std::string, std::string>{
             {"council-a", "council-a-spend.csv"}, {"nhs-b", "nhs-b-spend.csv"}}) {
      auto s = ingest::ImportSpendFile(*store_, network_, member, Fixture(file));
      ASSERT_TRUE(s) << s.error().ToString();
      ASSERT_EQ(s->counts.rows_rejected, 0) << file;
    }
    ingest::RegisterImportOptions ro;
    ro.member = "council-a";
    auto sr = ingest::ImportRegisterFile(*store_, network_, "supplier-returns",
                                         Fixture("council-a-supplier-return.csv"), ro);
    ASSERT_TRUE(sr) << sr.error().ToString();
    auto ghg = ingest::ImportRegisterFile(
        *store_, network_, "ghg-factors",
        SharedData() + "/carbon/desnz_ghg_conversion_factors_2023_flat_file.csv", {});
    ASSERT_TRUE(ghg) << ghg.error().ToString();
    for (const char* file : {"returns-collected.csv", "nhs-b-return-2023-24.csv"}) {
      auto s = ingest::ImportReturnsFile(*store_, network_, Fixture(file), {});
      ASSERT_TRUE(s) << s.error().ToString();
      for (const auto& i : s->issues) ADD_FAILURE() << file << ": " << i.reject.message;
    }
    auto r = metrics::ComputeImpact(*store_, 2023);
    ASSERT_TRUE(r) << r.error().ToString();
    report_ = std::move(*r);
  }

  // The headline's words as every rendering writes them (report/, decision 45).
  std::string Text(const metrics::Headline* h) const {
    return report::HeadlineWords(report_, *h).text;
  }
  std::string Basis(const metrics::Headline* h) const {
    return report::HeadlineWords(report_, *h).basis;
  }

  const metrics::Headline* Find(const std::string& id) const {
    for (const metrics::Headline& h : report_.headlines) {
      if (h.id == id) return &h;
    }
    return nullptr;
  }
  const metrics::GoalProgress* Goal(const std::string& id) const {
    for (const metrics::GoalProgress& g : report_.goals) {
      if (g.goal.id == id) return &g;
    }
    return nullptr;
  }

  TempDir dir_;
  core::Network network_;
  std::unique_ptr<store::Store> store_;
  metrics::ImpactReport report_;
};

TEST_F(GoldenImpact, HeadlinesMatchTheHandWorkedTotals) {
  const metrics::Headline* msme = Find("msme-spend");
  ASSERT_NE(msme, nullptr);
  EXPECT_EQ(msme->value, 48'000'00);
  EXPECT_EQ(Text(msme),
            "£48.0k with micro, small and medium businesses in two years, against a goal of "
            "£100.0k over three years");
  EXPECT_NE(Basis(msme).find("supplier size known for 99% of addressable spend"), std::string::npos)
      << Basis(msme);
  EXPECT_NE(Basis(msme).find("payment files from 2 of 3 members"), std::string::npos)
      << Basis(msme);
  ASSERT_TRUE(msme->goal.has_value());
  EXPECT_EQ(msme->goal->target, 100'000'00);
  EXPECT_EQ(msme->coverage.confidence, core::Confidence::kSufficient);  // 99% size known

  const metrics::Headline* vcse = Find("vcse-spend");
  ASSERT_NE(vcse, nullptr);
  EXPECT_EQ(vcse->value, 4'000'00);

  const metrics::Headline* lw = Find("living-wage");
  ASSERT_NE(lw, nullptr);
  EXPECT_EQ(lw->value, 500);
  EXPECT_EQ(Text(lw),
            "500 staff uplifted to the London Living Wage (£13.15/hour) in FY 2023/24: 420 "
            "employees and 80 contractors' staff; 850 since FY 2022/23 against a goal of 1,000");
  EXPECT_EQ(Basis(lw), "Members' returns for FY 2023/24: 2 of 3 members reported this figure");

  const metrics::Headline* app = Find("apprenticeships");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(Text(app),
            "50 apprenticeship starts in FY 2023/24; 115 apprentices in post at "
            "31 Mar 2024");

  const metrics::Headline* levy = Find("levy-sme");
  ASSERT_NE(levy, nullptr);
  EXPECT_EQ(levy->value, 30'000'00);
  EXPECT_EQ(Text(levy),
            "£30.0k of apprenticeship levy transferred to small and medium "
            "businesses, funding 6 apprenticeships across all transfers");

  const metrics::Headline* e1 = Find("carbon-literacy");
  ASSERT_NE(e1, nullptr);
  EXPECT_EQ(e1->value, 700);
  EXPECT_NE(Text(e1).find("(150 certified)"), std::string::npos);

  const metrics::Headline* e2 = Find("carbon-saved");
  ASSERT_NE(e2, nullptr);
  EXPECT_EQ(e2->value, 20'783);  // kg: 12,500 direct + 8,283 from the LED project
  EXPECT_EQ(Text(e2),
            "20.8 tCO2e saved in FY 2023/24; 30.8 tCO2e since FY 2022/23 "
            "(cumulative, not added to the year's figure)");

  const metrics::Headline* c5 = Find("prompt-payment");
  ASSERT_NE(c5, nullptr);
  EXPECT_EQ(Text(c5), "93% of invoices paid within 30 days (2,800 of 3,000)");

  // Every headline carries a trace back to its inputs.
  for (const metrics::Headline& h : report_.headlines) EXPECT_FALSE(h.trace.empty()) << h.id;
}

TEST_F(GoldenImpact, GoalsAndDataQuality) {
  const metrics::GoalProgress* msme = Goal("msme-spend");
  ASSERT_NE(msme, nullptr);
  EXPECT_EQ(msme->achieved, 48'000'00);
  EXPECT_EQ(msme->expected, 59'762'77);
  EXPECT_EQ(msme->status, "off-track");
  const metrics::GoalProgress* lw = Goal("living-wage");
  ASSERT_NE(lw, nullptr);
  EXPECT_EQ(lw->achieved, 850);
  EXPECT_EQ(lw->expected, 667);
  EXPECT_EQ(lw->status, "on-track");
  const metrics::GoalProgress* c5 = Goal("prompt-payment");
  ASSERT_NE(c5, nullptr);
  EXPECT_EQ(c5->status, "on-track");
  ASSERT_TRUE(c5->share);
  EXPECT_NEAR(*c5->share, 2800.0 / 3000.0, 1e-12);

  EXPECT_EQ(report_.quality.missing_returns, std::vector<std::string>{"University C"});
  EXPECT_EQ(report_.quality.missing_payments, std::vector<std::string>{"University C"});
  ASSERT_TRUE(report_.quality.size_coverage);
  EXPECT_NEAR(*report_.quality.size_coverage, 70'000.0 / 71'000.0, 1e-12);
  EXPECT_TRUE(report_.quality.levy_warnings.empty());
  ASSERT_EQ(report_.members.size(), 3u);
  EXPECT_EQ(report_.members[2].return_status.state, metrics::ReturnState::kMissing);
  EXPECT_FALSE(report_.members[2].w1.has_value());  // not reported, not zero
}

TEST_F(GoldenImpact, RenderedReportsCarryTheHeadlines) {
  const std::string html = report::ImpactHtml(report_);
  const std::string md = report::ImpactMarkdown(report_);
  for (const metrics::Headline& h : report_.headlines) {
    EXPECT_NE(md.find(report::HeadlineWords(report_, h).text), std::string::npos) << h.id;
  }
  EXPECT_NE(html.find("Riverside Anchor Network"), std::string::npos);
  EXPECT_NE(html.find("£48.0k"), std::string::npos);
  EXPECT_NE(html.find("University C"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  const std::string xlsx = dir_.File("impact.xlsx");
  ASSERT_TRUE(report::WriteImpactXlsx(report_, xlsx));
  EXPECT_EQ(testing::ReadFile(xlsx).substr(0, 2), "PK");
}

}  // namespace
}  // namespace anchornet
