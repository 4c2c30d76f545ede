// Tests of the procurement measures (metrics/measures.h; definitions in docs/metrics.md) over a
// real SQLite workspace: two members' spend files and a supplier return written as small CSVs and
// imported with the real importers, then ComputeMeasures. Every expected figure is worked out by
// hand in the comments; goals are tested with EvaluateGoals over reports built by hand.
//
// metric: S1 S2 S3 S3L S4 S6 S7 S7b S8 S9
#include "metrics/measures.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ingest/importer.h"
#include "ingest/registers.h"
#include "test_util.h"

namespace anchornet::metrics {
namespace {

using core::ErrorCode;
using core::SizeBand;
using testing::TempDir;
using testing::WriteFile;

constexpr core::Pence P(std::int64_t pounds) { return pounds * 100; }

Amount BandOf(const MeasureValues& v, SizeBand b) { return v.by_size[static_cast<int>(b)]; }

// The bridge step for `rule`, or a zero amount with lines -1 when there is none.
Amount Step(const MeasureValues& v, const std::string& rule) {
  for (const BridgeStep& s : v.bridge) {
    if (s.rule == rule) return s.amount;
  }
  return Amount{0, -1};
}

// T1 - S1 steps = S1 and S1 - S2 steps = S2, in pence and in lines.
void ExpectBridgeSums(const MeasureValues& v, const std::string& where) {
  Amount s1 = v.t1, s2;
  for (const BridgeStep& s : v.bridge) {
    if (s.stage == core::RuleStage::kS1) {
      s1.pence -= s.amount.pence;
      s1.lines -= s.amount.lines;
    }
  }
  EXPECT_EQ(s1.pence, v.s1.pence) << where;
  EXPECT_EQ(s1.lines, v.s1.lines) << where;
  s2 = v.s1;
  for (const BridgeStep& s : v.bridge) {
    if (s.stage == core::RuleStage::kS2) {
      s2.pence -= s.amount.pence;
      s2.lines -= s.amount.lines;
    }
  }
  EXPECT_EQ(s2.pence, v.s2.pence) << where;
  EXPECT_EQ(s2.lines, v.s2.lines) << where;
  // S3: every band (unknown included) sums to S2.
  Amount bands;
  for (const Amount& a : v.by_size) bands.Add(a);
  EXPECT_EQ(bands.pence, v.s2.pence) << where;
  EXPECT_EQ(bands.lines, v.s2.lines) << where;
}

std::string ReturnCsv(const std::vector<std::map<std::string, std::string>>& rows) {
  std::string out;
  const auto& columns = ingest::SupplierReturnColumns();
  for (std::size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + columns[c].header;
  out += "\n";
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      auto it = row.find(columns[c].header);
      out += (c ? "," : "") + (it == row.end() ? std::string() : it->second);
    }
    out += "\n";
  }
  return out;
}

class MeasuresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    network_.name = "Measures test network";
    network_.geography_name = "Lambeth";
    network_.geography_codes = {"E09000022"};
    network_.members = {
        {"alpha", "Alpha Borough Council", core::Sector::kLocalGovernment, "E09000022"},
        {"beta", "Beta Health Board", core::Sector::kNhs, ""}};
  }

  void Open() {
    store_ = testing::NewStore(dir_.File("w.db"), network_);
    ASSERT_NE(store_, nullptr);
  }

  void Spend(const std::string& member, const std::string& name, const std::string& csv) {
    testing::ImportSpendText(*store_, network_, dir_, member, name, csv);
  }

  void Register(const std::string& kind, const std::string& name, const std::string& csv,
                const std::string& member = "") {
    testing::ImportRegisterText(*store_, network_, dir_, kind, name, csv, member);
  }

  // The standard data set (amounts in pounds; FY 2024/25 unless noted):
  //
  // alpha                                            rule              stage
  //   Q1 01/04 Staff Payroll      Salaries  10,000   payroll           S1
  //   Q1 02/04 HM Revenue & Customs PAYE     3,000   hmrc              S1
  //   Q1 03/04 Beta Health Board  Services   2,000   public-bodies     S2 (a member)
  //   Q1 04/04 Community Fund     Grants     1,500   grants            S2
  //   Q1 05/04 REDACTED           Refund       100   personal-payees   S2
  //   Q1 06/04 Rates Office       Business rates 800 rates-and-taxes   S2
  //   Q1 10/05 Acme Ltd           Cleaning   1,000   S2: small, local, decile 1
  //   Q2 10/08 Acme Ltd           Cleaning     500
  //   Q3 10/11 Bolt Ltd           Repairs      700   S2: large, location unknown
  //   Q4 10/02/2025 Cog Ltd       Supplies     300   S2: size unknown
  //   Q4 15/02/2025 Dove CIC      Catering     400   S2: micro, women-owned (self-declared),
  //                                                  VCSE, outside (M1 1AA), decile 2
  //   FY 2023/24 Q1 01/05/2023 Acme Ltd Cleaning 2,000
  // beta (all Q1, June 2024)
  //   Alpha Borough Council       Services     600   public-bodies     S2 (a member)
  //   Acme Limited                Cleaning     900   S2: small, local
  //   Eden Medium Ltd             Supplies   1,200   S2: medium, local (SE1 7EH), decile 4
  //   Community Fund              Grants       250   grants            S2
  //   Office Wages                Wages      4,000   payroll           S1
  void ImportStandard() {
    Register("postcodes", "onspd.csv",
             "pcds,oslaua,osward,lsoa11\n"
             "SE11 5AA,E09000022,E05000416,E01003001\n"
             "SE1 7EH,E09000022,E05000425,E01003002\n"
             "M1 1AA,E08000003,E05011363,E01005001\n");
    Register("deprivation", "imd.csv",
             "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),"
             "Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,"
             "Index of Multiple Deprivation (IMD) Decile\n"
             "E01003001,Lambeth 001A,E09000022,Lambeth,\"1,204\",1\n"
             "E01003002,Lambeth 002A,E09000022,Lambeth,\"12,000\",4\n"
             "E01005001,Manchester 001A,E08000003,Manchester,\"5,000\",2\n");
    Register("supplier-returns", "alpha_return.csv",
             ReturnCsv({{{"supplier_name", "Acme Ltd"},
                         {"size_band", "small"},
                         {"vcse", "no"},
                         {"women_owned", "no"},
                         {"trading_postcodes", "SE11 5AA"}},
                        {{"supplier_name", "Bolt Ltd"}, {"size_band", "large"}},
                        {{"supplier_name", "Dove CIC"},
                         {"size_band", "micro"},
                         {"vcse", "yes"},
                         {"women_owned", "yes"},
                         {"evidence", "self-declared"},
                         {"trading_postcodes", "M1 1AA"}},
                        {{"supplier_name", "Eden Medium Ltd"},
                         {"size_band", "medium"},
                         {"trading_postcodes", "SE1 7EH"}}}),
             "alpha");
    Spend("alpha", "alpha.csv",
          "Payment Date,Supplier,Amount,Expense Type\n"
          "01/04/2024,Staff Payroll,10000.00,Salaries\n"
          "02/04/2024,HM Revenue & Customs,3000.00,PAYE\n"
          "03/04/2024,Beta Health Board,2000.00,Services\n"
          "04/04/2024,Community Fund,1500.00,Grants\n"
          "05/04/2024,REDACTED,100.00,Refund\n"
          "06/04/2024,Rates Office,800.00,Business rates\n"
          "10/05/2024,Acme Ltd,1000.00,Cleaning\n"
          "10/08/2024,Acme Ltd,500.00,Cleaning\n"
          "10/11/2024,Bolt Ltd,700.00,Repairs\n"
          "10/02/2025,Cog Ltd,300.00,Supplies\n"
          "15/02/2025,Dove CIC,400.00,Catering\n"
          "01/05/2023,Acme Ltd,2000.00,Cleaning\n");
    Spend("beta", "beta.csv",
          "Payment Date,Supplier,Amount,Expense Type\n"
          "01/06/2024,Alpha Borough Council,600.00,Services\n"
          "02/06/2024,Acme Limited,900.00,Cleaning\n"
          "03/06/2024,Eden Medium Ltd,1200.00,Supplies\n"
          "04/06/2024,Community Fund,250.00,Grants\n"
          "05/06/2024,Office Wages,4000.00,Wages\n");
  }

  MeasureReport Compute(const ReportQuery& q = {}) {
    auto r = ComputeMeasures(*store_, q);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().ToString());
    return r ? std::move(*r) : MeasureReport{};
  }

  TempDir dir_;
  core::Network network_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(MeasuresTest, BridgeFromPaymentsToAddressableSpendPerMember) {
  Open();
  ImportStandard();
  const MeasureReport r = Compute();
  EXPECT_EQ(r.financial_years, (std::vector<int>{2023, 2024}));

  const MeasureValues* a = r.Find("alpha", 2024, 0);
  ASSERT_NE(a, nullptr);
  // T1 = 10,000 + 3,000 + 2,000 + 1,500 + 100 + 800 + 1,000 + 500 + 700 + 300 + 400 = 20,300
  EXPECT_EQ(a->t1.pence, P(20'300));
  EXPECT_EQ(a->t1.lines, 11);
  // Payroll and HMRC leave at S1: S1 = 20,300 - 10,000 - 3,000 = 7,300.
  EXPECT_EQ(Step(*a, "payroll").pence, P(10'000));
  EXPECT_EQ(Step(*a, "hmrc").pence, P(3'000));
  EXPECT_EQ(Step(*a, "pensions").pence, 0);
  EXPECT_EQ(a->s1.pence, P(7'300));
  EXPECT_EQ(a->s1.lines, 9);
  // A member's own S1 includes its payment to the other member: no between-members step.
  EXPECT_EQ(Step(*a, "between-members").lines, -1);
  // Grants, public bodies (the other member), personal payees and rates leave at S2:
  // S2 = 7,300 - 2,000 - 100 - 1,500 - 800 = 2,900.
  EXPECT_EQ(Step(*a, "public-bodies").pence, P(2'000));
  EXPECT_EQ(Step(*a, "personal-payees").pence, P(100));
  EXPECT_EQ(Step(*a, "grants").pence, P(1'500));
  EXPECT_EQ(Step(*a, "rates-and-taxes").pence, P(800));
  EXPECT_EQ(Step(*a, "statutory-fees").pence, 0);
  EXPECT_EQ(a->s2.pence, P(2'900));
  EXPECT_EQ(a->s2.lines, 5);
  ExpectBridgeSums(*a, "alpha 2024/25");

  const MeasureValues* b = r.Find("beta", 2024, 0);
  ASSERT_NE(b, nullptr);
  // T1 = 600 + 900 + 1,200 + 250 + 4,000 = 6,950; S1 = 6,950 - 4,000 (wages) = 2,950;
  // S2 = 2,950 - 600 (member) - 250 (grants) = 2,100.
  EXPECT_EQ(b->t1.pence, P(6'950));
  EXPECT_EQ(Step(*b, "payroll").pence, P(4'000));
  EXPECT_EQ(b->s1.pence, P(2'950));
  EXPECT_EQ(Step(*b, "public-bodies").pence, P(600));
  EXPECT_EQ(Step(*b, "grants").pence, P(250));
  EXPECT_EQ(b->s2.pence, P(2'100));
  ExpectBridgeSums(*b, "beta 2024/25");

  // FY 2023/24: alpha's one Acme payment.
  const MeasureValues* a23 = r.Find("alpha", 2023, 0);
  ASSERT_NE(a23, nullptr);
  EXPECT_EQ(a23->t1.pence, P(2'000));
  EXPECT_EQ(a23->s2.pence, P(2'000));
  // Beta had nothing that year: zeros, not a missing scope.
  const MeasureValues* b23 = r.Find("beta", 2023, 0);
  ASSERT_NE(b23, nullptr);
  EXPECT_EQ(b23->t1.pence, 0);

  for (const ScopeValues& s : r.scopes) {
    ExpectBridgeSums(s.values, s.member + " " + std::to_string(s.period.financial_year) + " Q" +
                                   std::to_string(s.period.quarter));
  }
}

TEST_F(MeasuresTest, NetworkS1LeavesOutPaymentsBetweenMembers) {
  Open();
  ImportStandard();
  const MeasureReport r = Compute();
  const MeasureValues* n = r.Find("", 2024, 0);
  ASSERT_NE(n, nullptr);
  // T1 = 20,300 + 6,950 = 27,250. Members' S1 = 7,300 + 2,950 = 10,250, less the 2,000 + 600
  // paid between members = 7,650.
  EXPECT_EQ(n->t1.pence, P(27'250));
  EXPECT_EQ(Step(*n, "payroll").pence, P(14'000));
  EXPECT_EQ(Step(*n, "hmrc").pence, P(3'000));
  const Amount between = Step(*n, "between-members");
  EXPECT_EQ(between.pence, P(2'600));
  EXPECT_EQ(between.lines, 2);
  EXPECT_EQ(n->s1.pence, P(7'650));
  // Those payments already left at S1, so the public-bodies step has nothing left:
  // S2 = 7,650 - 0 - 100 - (1,500 + 250) - 800 = 5,000 = 2,900 + 2,100.
  EXPECT_EQ(Step(*n, "public-bodies").pence, 0);
  EXPECT_EQ(Step(*n, "grants").pence, P(1'750));
  EXPECT_EQ(n->s2.pence, P(5'000));
  ExpectBridgeSums(*n, "network 2024/25");
  // The network comes first in the scopes.
  ASSERT_FALSE(r.scopes.empty());
  EXPECT_EQ(r.scopes.front().member, "");
}

TEST_F(MeasuresTest, SizeBandsCoverageAndTheOtherMeasures) {
  Open();
  ImportStandard();
  const MeasureReport r = Compute();
  const MeasureValues* a = r.Find("alpha", 2024, 0);
  ASSERT_NE(a, nullptr);
  // S2 2,900 = small 1,500 (Acme) + large 700 (Bolt) + micro 400 (Dove) + unknown 300 (Cog).
  EXPECT_EQ(BandOf(*a, SizeBand::kSmall).pence, P(1'500));
  EXPECT_EQ(BandOf(*a, SizeBand::kLarge).pence, P(700));
  EXPECT_EQ(BandOf(*a, SizeBand::kMicro).pence, P(400));
  EXPECT_EQ(BandOf(*a, SizeBand::kMedium).pence, 0);
  EXPECT_EQ(BandOf(*a, SizeBand::kUnknown).pence, P(300));
  // S3 = 1,500 + 400 = 1,900; coverage = (2,900 - 300) / 2,900.
  EXPECT_EQ(a->msme.pence, P(1'900));
  EXPECT_EQ(a->size_known().pence, P(2'600));
  EXPECT_DOUBLE_EQ(*Share(a->size_known().pence, a->s2.pence), 2600.0 / 2900.0);
  // S3L: Acme is local (SE11 5AA in E09000022), Dove is not (M1 1AA).
  EXPECT_EQ(a->msme_local.pence, P(1'500));
  // S4: Dove (women, self-declared) 400; known: Acme (answered no) 1,500 + Dove 400.
  EXPECT_EQ(a->diverse_any.pence, P(400));
  EXPECT_EQ(a->diverse_by_flag[0].pence, P(400));  // women
  EXPECT_EQ(a->diverse_by_flag[1].pence, 0);
  EXPECT_EQ(a->diverse_self_declared.pence, P(400));
  EXPECT_EQ(a->diverse_certified.pence, 0);
  EXPECT_EQ(a->diverse_known.pence, P(1'900));
  // S6: Dove yes 400; known: Acme (no) + Dove = 1,900.
  EXPECT_EQ(a->vcse.pence, P(400));
  EXPECT_EQ(a->vcse_known.pence, P(1'900));
  // S7: local Acme 1,500; S7b outside Dove 400; Bolt and Cog unknown.
  EXPECT_EQ(a->local.pence, P(1'500));
  EXPECT_EQ(a->outside.pence, P(400));
  // S8: Acme's LSOA is decile 1, Dove's decile 2.
  EXPECT_EQ(a->deprived_1.pence, P(1'500));
  EXPECT_EQ(a->deprived_12.pence, P(1'900));
  EXPECT_EQ(a->lsoa_known.pence, P(1'900));
  // S9: five suppliers with S2 (Acme 1,500, Bolt 700, Dove 400, Cog 300): four.
  EXPECT_EQ(a->suppliers, 4);
  EXPECT_EQ(a->top20, P(2'900));
  // Confidence (core/coverage.h), judged against the default threshold of 50%: size 2,600, location
  // 1,900, ownership, VCSE status and LSOA 1,900 of 2,900 known, all at or above half.
  EXPECT_EQ(a->confidence.s3, core::Confidence::kSufficient);
  EXPECT_EQ(a->confidence.s3l, core::Confidence::kSufficient);
  EXPECT_EQ(a->confidence.s7, core::Confidence::kSufficient);
  EXPECT_EQ(a->confidence.Of("S7b"), core::Confidence::kSufficient);
  EXPECT_EQ(a->confidence.Of("S2"), std::nullopt);

  const MeasureValues* n = r.Find("", 2024, 0);
  ASSERT_NE(n, nullptr);
  // Network: small 1,500 + 900 (Acme via beta), medium 1,200 (Eden), micro 400, large 700,
  // unknown 300 = 5,000 = S2.
  EXPECT_EQ(BandOf(*n, SizeBand::kSmall).pence, P(2'400));
  EXPECT_EQ(BandOf(*n, SizeBand::kMedium).pence, P(1'200));
  EXPECT_EQ(BandOf(*n, SizeBand::kUnknown).pence, P(300));
  EXPECT_EQ(n->msme.pence, P(4'000));
  EXPECT_EQ(n->msme_local.pence, P(3'600));  // Acme 2,400 + Eden 1,200
  EXPECT_EQ(n->deprived_1.pence, P(2'400));
  EXPECT_EQ(n->deprived_12.pence, P(2'800));
  // S9 ranks suppliers by network-wide S2: Acme 2,400, Eden 1,200, Bolt 700, Dove 400, Cog 300.
  EXPECT_EQ(n->suppliers, 5);
  EXPECT_EQ(n->top20, P(5'000));
  EXPECT_EQ(n->top300, P(5'000));
}

TEST_F(MeasuresTest, QuartersSumToTheYear) {
  Open();
  ImportStandard();
  const MeasureReport r = Compute();
  // Alpha 2024/25 by hand: Q1 T1 18,400 (S2 1,000), Q2 500, Q3 700, Q4 700.
  const MeasureValues* q1 = r.Find("alpha", 2024, 1);
  ASSERT_NE(q1, nullptr);
  EXPECT_EQ(q1->t1.pence, P(18'400));
  EXPECT_EQ(q1->s1.pence, P(5'400));
  EXPECT_EQ(q1->s2.pence, P(1'000));
  EXPECT_EQ(r.Find("alpha", 2024, 2)->s2.pence, P(500));
  EXPECT_EQ(r.Find("alpha", 2024, 3)->s2.pence, P(700));
  EXPECT_EQ(r.Find("alpha", 2024, 4)->s2.pence, P(700));
  EXPECT_EQ(r.Find("alpha", 2024, 4)->top20, 0);  // S9 is not computed for quarters
  for (const std::string member : {"", "alpha", "beta"}) {
    for (int fy : r.financial_years) {
      const MeasureValues* y = r.Find(member, fy, 0);
      ASSERT_NE(y, nullptr);
      Amount t1, s1, s2, msme, local;
      std::map<std::string, core::Pence> steps;
      for (int q = 1; q <= 4; ++q) {
        const MeasureValues* v = r.Find(member, fy, q);
        ASSERT_NE(v, nullptr) << member << fy << q;
        t1.Add(v->t1);
        s1.Add(v->s1);
        s2.Add(v->s2);
        msme.Add(v->msme);
        local.Add(v->local);
        for (const BridgeStep& s : v->bridge) steps[s.rule] += s.amount.pence;
      }
      EXPECT_EQ(t1.pence, y->t1.pence) << member << fy;
      EXPECT_EQ(t1.lines, y->t1.lines) << member << fy;
      EXPECT_EQ(s1.pence, y->s1.pence) << member << fy;
      EXPECT_EQ(s2.pence, y->s2.pence) << member << fy;
      EXPECT_EQ(s2.lines, y->s2.lines) << member << fy;
      EXPECT_EQ(msme.pence, y->msme.pence) << member << fy;
      EXPECT_EQ(local.pence, y->local.pence) << member << fy;
      for (const BridgeStep& s : y->bridge) {
        EXPECT_EQ(steps[s.rule], s.amount.pence) << member << fy << s.rule;
      }
    }
  }
}

TEST_F(MeasuresTest, FinancialYearFilter) {
  Open();
  ImportStandard();
  ReportQuery q;
  q.financial_year = 2023;
  const MeasureReport r = Compute(q);
  EXPECT_EQ(r.financial_years, (std::vector<int>{2023}));
  for (const ScopeValues& s : r.scopes) EXPECT_EQ(s.period.financial_year, 2023);
  EXPECT_EQ(r.Find("alpha", 2024, 0), nullptr);
  ASSERT_NE(r.Find("", 2023, 0), nullptr);
  EXPECT_EQ(r.Find("", 2023, 0)->s2.pence, P(2'000));
  // Top suppliers count only 2023/24: Acme's 2,000.
  ASSERT_EQ(r.top_suppliers.size(), 1u);
  EXPECT_EQ(r.suppliers[r.top_suppliers[0].supplier].key, "name:ACME");
  EXPECT_EQ(r.top_suppliers[0].s2.pence, P(2'000));

  // Unfiltered, Acme has 2,000 + 1,500 + 900 = 4,400 and comes first.
  const MeasureReport all = Compute();
  ASSERT_FALSE(all.top_suppliers.empty());
  EXPECT_EQ(all.suppliers[all.top_suppliers[0].supplier].key, "name:ACME");
  EXPECT_EQ(all.top_suppliers[0].s2.pence, P(4'400));
  EXPECT_EQ(all.top_suppliers[0].members, (std::vector<std::string>{"alpha", "beta"}));
  // Only suppliers with S2 lines are listed: Acme, Eden, Bolt, Dove, Cog.
  EXPECT_EQ(all.top_suppliers.size(), 5u);

  // A year with no data is not an error.
  q.financial_year = 2099;
  const MeasureReport empty = Compute(q);
  EXPECT_EQ(empty.financial_years, (std::vector<int>{2099}));
  EXPECT_TRUE(empty.top_suppliers.empty());
  for (const ScopeValues& s : empty.scopes) EXPECT_EQ(s.values.t1.pence, 0);
}

TEST_F(MeasuresTest, MemberFilter) {
  Open();
  ImportStandard();
  ReportQuery q;
  q.member = "beta";
  const MeasureReport r = Compute(q);
  for (const ScopeValues& s : r.scopes) EXPECT_EQ(s.member, "beta");
  EXPECT_EQ(r.Find("", 2024, 0), nullptr);
  ASSERT_NE(r.Find("beta", 2024, 0), nullptr);
  EXPECT_EQ(r.Find("beta", 2024, 0)->s2.pence, P(2'100));
  // Beta's suppliers only: Eden 1,200, Acme 900.
  ASSERT_EQ(r.top_suppliers.size(), 2u);
  EXPECT_EQ(r.top_suppliers[0].s2.pence, P(1'200));
  EXPECT_EQ(r.top_suppliers[1].s2.pence, P(900));
  EXPECT_EQ(r.top_suppliers[1].members, (std::vector<std::string>{"beta"}));

  q.member = "gamma";
  auto unknown = ComputeMeasures(*store_, q);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnknownMember);
}

TEST_F(MeasuresTest, TopSuppliersAreLimited) {
  Open();
  ImportStandard();
  ReportQuery q;
  q.top_suppliers = 2;
  const MeasureReport r = Compute(q);
  ASSERT_EQ(r.top_suppliers.size(), 2u);
  EXPECT_EQ(r.top_suppliers[0].s2.pence, P(4'400));  // Acme
  EXPECT_EQ(r.top_suppliers[1].s2.pence, P(1'200));  // Eden
}

TEST_F(MeasuresTest, ConcentrationWithMoreThanTwentySuppliers) {
  Open();
  // Alpha pays "Supplier 01 Ltd" .. "Supplier 25 Ltd" £1 .. £25 (S2 = 325); beta pays
  // Supplier 01 £100.
  std::string alpha = "Payment Date,Supplier,Amount,Expense Type\n";
  for (int i = 1; i <= 25; ++i) {
    alpha += fmt::format("01/05/2025,Supplier {:02} Ltd,{}.00,Cleaning\n", i, i);
  }
  Spend("alpha", "alpha.csv", alpha);
  Spend("beta", "beta.csv",
        "Payment Date,Supplier,Amount,Expense Type\n"
        "01/05/2025,Supplier 01 Ltd,100.00,Cleaning\n");
  const MeasureReport r = Compute();
  const MeasureValues* a = r.Find("alpha", 2025, 0);
  ASSERT_NE(a, nullptr);
  // Alpha's top 20 are £6..£25: 325 - (1 + 2 + 3 + 4 + 5) = 310.
  EXPECT_EQ(a->suppliers, 25);
  EXPECT_EQ(a->top20, P(310));
  EXPECT_EQ(a->top300, P(325));
  EXPECT_DOUBLE_EQ(*Share(a->top20, a->s2.pence), 310.0 / 325.0);
  const MeasureValues* b = r.Find("beta", 2025, 0);
  EXPECT_EQ(b->suppliers, 1);
  EXPECT_EQ(b->top20, P(100));
  // The network ranks by network-wide S2: Supplier 01 has 101, then 25, 24, ..., 7:
  // 101 + (7 + ... + 25) = 101 + (325 - 21) = 405 of 425.
  const MeasureValues* n = r.Find("", 2025, 0);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->s2.pence, P(425));
  EXPECT_EQ(n->suppliers, 25);
  EXPECT_EQ(n->top20, P(405));
  EXPECT_EQ(n->top300, P(425));
  EXPECT_EQ(r.Find("", 2025, 1)->suppliers, 0);  // quarters: not computed
}

TEST_F(MeasuresTest, MemberRuleSwitchedOffKeepsThatMembersGrantsAddressable) {
  core::SpendRule off;
  off.id = "grants";
  off.member = "beta";
  off.enabled = false;
  off.match.reset();
  network_.rules.push_back(off);
  Open();
  ImportStandard();
  const MeasureReport r = Compute();
  // Beta's 250 of grants stay in S2 (size unknown): 2,100 + 250 = 2,350.
  const MeasureValues* b = r.Find("beta", 2024, 0);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->s2.pence, P(2'350));
  EXPECT_EQ(BandOf(*b, SizeBand::kUnknown).pence, P(250));
  core::Pence grants = 0;
  for (const BridgeStep& s : b->bridge) {
    if (s.rule == "grants") grants += s.amount.pence;
  }
  EXPECT_EQ(grants, 0);
  ExpectBridgeSums(*b, "beta");
  // Alpha's grants still leave.
  const MeasureValues* a = r.Find("alpha", 2024, 0);
  EXPECT_EQ(a->s2.pence, P(2'900));
  core::Pence alpha_grants = 0;
  for (const BridgeStep& s : a->bridge) {
    if (s.rule == "grants") alpha_grants += s.amount.pence;
  }
  EXPECT_EQ(alpha_grants, P(1'500));
  // Network: 5,000 + 250.
  const MeasureValues* n = r.Find("", 2024, 0);
  EXPECT_EQ(n->s2.pence, P(5'250));
  ExpectBridgeSums(*n, "network");
}

TEST_F(MeasuresTest, NetworkWideRuleReplacementChangesItsPatterns) {
  core::SpendRule rates;
  rates.id = "rates-and-taxes";
  rates.stage = core::RuleStage::kS2;
  rates.match = core::RuleMatch::kExpenseType;
  rates.patterns = {"council tax"};
  rates.reason = "council tax only";
  network_.rules.push_back(rates);
  core::SpendRule repairs;  // a new rule of the network's own
  repairs.id = "repairs";
  repairs.stage = core::RuleStage::kS1;
  repairs.match = core::RuleMatch::kExpenseType;
  repairs.patterns = {"repair*"};
  repairs.reason = "repairs are recharged";
  network_.rules.push_back(repairs);
  Open();
  ImportStandard();
  const MeasureReport r = Compute();
  const MeasureValues* a = r.Find("alpha", 2024, 0);
  ASSERT_NE(a, nullptr);
  // "Business rates" no longer matches (800 stays in S2); Bolt's 700 of repairs leave at S1:
  // S1 = 7,300 - 700 = 6,600; S2 = 2,900 + 800 - 700 = 3,000.
  EXPECT_EQ(Step(*a, "rates-and-taxes").pence, 0);
  EXPECT_EQ(Step(*a, "repairs").pence, P(700));
  EXPECT_EQ(a->s1.pence, P(6'600));
  EXPECT_EQ(a->s2.pence, P(3'000));
  ExpectBridgeSums(*a, "alpha");
  // The rules listed with the report say so.
  bool found = false;
  for (const AppliedRule& rule : r.rules) {
    if (rule.id != "rates-and-taxes") continue;
    found = true;
    EXPECT_EQ(rule.patterns, (std::vector<std::string>{"council tax"}));
    EXPECT_FALSE(rule.is_default);
  }
  EXPECT_TRUE(found);
}

TEST_F(MeasuresTest, RulesInForceOverDefaults) {
  const auto& defaults = DefaultRules();
  ASSERT_EQ(defaults.size(), 10u);
  EXPECT_EQ(RulesInForce(network_).size(), 10u);

  core::SpendRule off_everywhere;
  off_everywhere.id = "statutory-fees";
  off_everywhere.enabled = false;
  core::SpendRule off_for_beta;
  off_for_beta.id = "grants";
  off_for_beta.member = "beta";
  off_for_beta.enabled = false;
  core::SpendRule custom;
  custom.id = "transfers";
  custom.stage = core::RuleStage::kS1;
  custom.match = core::RuleMatch::kExpenseType;
  custom.patterns = {"transfer*"};
  network_.rules = {off_everywhere, off_for_beta, custom};
  const auto rules = RulesInForce(network_);
  // 10 - 1 (statutory-fees) + 1 (beta's grants) + 1 (transfers) = 11.
  ASSERT_EQ(rules.size(), 11u);
  bool seen_s2 = false;
  int grants = 0;
  for (const AppliedRule& r : rules) {
    EXPECT_NE(r.id, "statutory-fees");
    // Every S1 rule comes before every S2 rule.
    if (r.stage == core::RuleStage::kS2) seen_s2 = true;
    if (r.stage == core::RuleStage::kS1) {
      EXPECT_FALSE(seen_s2) << r.id;
    }
    if (r.id == "grants") {
      ++grants;
      if (r.member == "beta") {
        EXPECT_TRUE(r.patterns.empty());
      } else {
        EXPECT_EQ(r.patterns, (std::vector<std::string>{"grant*"}));
      }
    }
  }
  EXPECT_EQ(grants, 2);
}

// With the public-bodies rule off, payments to the other member stay in each member's S2 (size
// unknown); the network still leaves them out at S1.
class MeasuresBetweenMembersTest : public MeasuresTest {
 protected:
  void SetUp() override {
    MeasuresTest::SetUp();
    core::SpendRule off;
    off.id = "public-bodies";
    off.enabled = false;
    network_.rules.push_back(off);
    Open();
    ImportStandard();
  }
};

TEST_F(MeasuresBetweenMembersTest, KeptInMembersS2ButNotInTheNetworks) {
  const MeasureReport r = Compute();
  const MeasureValues* a = r.Find("alpha", 2024, 0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->s2.pence, P(4'900));  // 2,900 + 2,000 to beta
  EXPECT_EQ(BandOf(*a, SizeBand::kUnknown).pence, P(2'300));  // Cog 300 + beta 2,000
  ExpectBridgeSums(*a, "alpha");
  const MeasureValues* n = r.Find("", 2024, 0);
  ASSERT_NE(n, nullptr);
  // Network S1 = (7,300 + 2,950) - 2,600 between members = 7,650; S2 = 7,650 - 100 personal -
  // 1,750 grants - 800 rates = 5,000 (= 4,900 + 2,700 - 2,600).
  EXPECT_EQ(Step(*n, "between-members").pence, P(2'600));
  EXPECT_EQ(n->s1.pence, P(7'650));
  EXPECT_EQ(n->s2.pence, P(5'000));
  EXPECT_EQ(Step(*n, "public-bodies").lines, -1);  // switched off
}

TEST_F(MeasuresBetweenMembersTest, NetworkBreakdownsLeaveThemOutToo) {
  const MeasureReport r = Compute();
  const MeasureValues* n = r.Find("", 2024, 0);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(BandOf(*n, SizeBand::kUnknown).pence, P(300));
  ExpectBridgeSums(*n, "network");
}

TEST_F(MeasuresTest, GoalsAreEvaluatedAtTheLastPaymentDate) {
  core::Goal g;
  g.id = "msme-share";
  g.measure = "S3";
  g.kind = core::GoalKind::kShare;
  g.target = 500'000;  // parts per million: 50%
  g.from_fy = 2024;
  g.to_fy = 2024;
  network_.goals.push_back(g);
  Open();
  ImportStandard();
  const MeasureReport r = Compute();
  ASSERT_EQ(r.goals.size(), 1u);
  const GoalProgress& p = r.goals[0];
  // Alpha 1,900 / 2,900 = 65.5% on track; beta 2,100 / 2,100 = 100% on track.
  EXPECT_EQ(p.status, GoalStatus::kOnTrack);
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].member, "alpha");
  EXPECT_EQ(p.rows[0].numerator, P(1'900));
  EXPECT_EQ(p.rows[0].denominator, P(2'900));
  EXPECT_EQ(p.rows[1].member, "beta");
  EXPECT_EQ(p.rows[1].numerator, P(2'100));
  EXPECT_EQ(p.as_at, "2025-02-15");  // Dove CIC, the last payment
  ASSERT_TRUE(r.last_paid.has_value());
  EXPECT_EQ(core::ToIso(*r.last_paid), "2025-02-15");
  EXPECT_EQ(core::ToIso(*r.first_paid), "2023-05-01");
}

// ---- Goals over reports built by hand -----------------------------------------------------------

MeasureValues Values(core::Pence s2, core::Pence msme, core::Pence unknown = 0) {
  MeasureValues v;
  v.t1.pence = v.s1.pence = v.s2.pence = s2;
  v.msme.pence = msme;
  v.by_size[static_cast<int>(SizeBand::kSmall)].pence = s2 - unknown;
  v.by_size[static_cast<int>(SizeBand::kUnknown)].pence = unknown;
  return v;
}

MeasureReport HandReport(std::vector<core::Goal> goals, std::vector<ScopeValues> scopes) {
  MeasureReport r;
  r.network.name = "Goals";
  r.network.members = {{"alpha", "Alpha", core::Sector::kLocalGovernment, ""},
                       {"beta", "Beta", core::Sector::kNhs, ""}};
  r.network.goals = std::move(goals);
  r.scopes = std::move(scopes);
  r.financial_years = {2024};
  return r;
}

core::Goal Absolute(std::int64_t pounds, const std::string& measure = "S3") {
  core::Goal g;
  g.id = "absolute";
  g.measure = measure;
  g.kind = core::GoalKind::kCumulative;
  g.target = P(pounds);
  g.from_fy = 2024;
  g.to_fy = 2025;
  return g;
}

TEST(MeasuresGoals, AbsoluteGoalFollowsAStraightLineTrajectory) {
  // Target £10,000 of S3 over FY 2024/25-2025/26: 1 April 2024 to 31 March 2026, 365 + 365 =
  // 730 days. At 30 September 2024, 30 + 31 + 30 + 31 + 31 + 30 = 183 days have elapsed, so
  // £10,000 x 183/730 = £2,506.8493 is expected: 250,685 pence.
  const core::Date as_at = core::FromCivil(2024, 9, 30);
  auto evaluate = [&](core::Pence msme) {
    auto goals = EvaluateGoals(HandReport({Absolute(10'000)}, {{"", {2024, 0}, Values(P(8'000), msme, P(2'000))}}), as_at);
    EXPECT_EQ(goals.size(), 1u);
    return goals.empty() ? GoalProgress{} : goals[0];
  };
  GoalProgress on = evaluate(P(3'000));
  EXPECT_EQ(on.target_value, P(10'000));
  EXPECT_DOUBLE_EQ(on.expected_fraction, 183.0 / 730.0);
  EXPECT_EQ(on.expected, 250'685);
  EXPECT_EQ(on.achieved, P(3'000));
  EXPECT_EQ(on.status, GoalStatus::kOnTrack);
  EXPECT_EQ(on.as_at, "2024-09-30");
  ASSERT_EQ(on.rows.size(), 1u);  // FY 2025/26 has no data yet
  EXPECT_EQ(on.rows[0].financial_year, 2024);
  EXPECT_DOUBLE_EQ(on.coverage, 6000.0 / 8000.0);
  // 90% of 250,685 is 225,616.5: £2,400 is at risk, £2,000 is off track, £10,000 achieved.
  EXPECT_EQ(evaluate(P(2'400)).status, GoalStatus::kAtRisk);
  EXPECT_EQ(evaluate(225'616).status, GoalStatus::kOffTrack);
  EXPECT_EQ(evaluate(225'617).status, GoalStatus::kAtRisk);
  EXPECT_EQ(evaluate(P(2'000)).status, GoalStatus::kOffTrack);
  EXPECT_EQ(evaluate(250'685).status, GoalStatus::kOnTrack);
  EXPECT_EQ(evaluate(P(10'000)).status, GoalStatus::kAchieved);

  // Before the goal's first year: not started. No data for its years: no data.
  auto early = EvaluateGoals(HandReport({Absolute(10'000)}, {{"", {2024, 0}, Values(P(1), 0)}}),
                             core::FromCivil(2024, 3, 1));
  EXPECT_EQ(early[0].status, GoalStatus::kNotStarted);
  auto none = EvaluateGoals(HandReport({Absolute(10'000)}, {{"", {2022, 0}, Values(P(1), 0)}}),
                            as_at);
  EXPECT_EQ(none[0].status, GoalStatus::kNoData);
  // A measure with no numerator (S5 is not built): no data.
  auto s5 = EvaluateGoals(
      HandReport({Absolute(10'000, "S5")}, {{"", {2024, 0}, Values(P(1), 0)}}), as_at);
  EXPECT_EQ(s5[0].status, GoalStatus::kNoData);
}

TEST(MeasuresGoals, AbsoluteGoalOfOneMemberCountsOnlyThatMember) {
  core::Goal g = Absolute(1'000);
  g.member = "beta";
  // Beta has £600 of S3 against £250.68 expected at 30 September 2024 (10% of the network's
  // would not be enough: the network scope is not read).
  auto goals = EvaluateGoals(HandReport({g}, {{"", {2024, 0}, Values(P(100), 0)},
                                              {"beta", {2024, 0}, Values(P(800), P(600))}}),
                             core::FromCivil(2024, 9, 30));
  ASSERT_EQ(goals.size(), 1u);
  EXPECT_EQ(goals[0].achieved, P(600));
  EXPECT_EQ(goals[0].status, GoalStatus::kOnTrack);
}

TEST(MeasuresGoals, ShareGoalIsJudgedPerMemberYearAndTheWorstDecides) {
  core::Goal g;
  g.id = "share";
  g.measure = "S3";
  g.kind = core::GoalKind::kShare;
  g.target = 500'000;  // parts per million: 50%
  g.from_fy = 2024;
  g.to_fy = 2024;
  const core::Date as_at = core::FromCivil(2025, 3, 31);
  // Alpha 1,900 / 2,900 = 65.5% (on track); beta 1,000 / 2,100 = 47.6%, at least 90% of the
  // 50% target (45%): at risk. The worst member-year decides: at risk.
  auto goals = EvaluateGoals(
      HandReport({g}, {{"", {2024, 0}, Values(P(5'000), P(2'900))},
                       {"alpha", {2024, 0}, Values(P(2'900), P(1'900), P(300))},
                       {"beta", {2024, 0}, Values(P(2'100), P(1'000))}}),
      as_at);
  ASSERT_EQ(goals.size(), 1u);
  const GoalProgress& p = goals[0];
  EXPECT_EQ(p.status, GoalStatus::kAtRisk);
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].member, "alpha");
  EXPECT_EQ(p.rows[0].status, GoalStatus::kOnTrack);
  EXPECT_DOUBLE_EQ(*p.rows[0].share, 1900.0 / 2900.0);
  EXPECT_EQ(p.rows[1].member, "beta");
  EXPECT_EQ(p.rows[1].status, GoalStatus::kAtRisk);
  // Pooled: (1,900 + 1,000) / (2,900 + 2,100) = 58%; coverage (5,000 - 300) / 5,000.
  EXPECT_DOUBLE_EQ(*p.share, 2900.0 / 5000.0);
  EXPECT_EQ(p.achieved, P(2'900));
  EXPECT_DOUBLE_EQ(p.coverage, 4700.0 / 5000.0);

  // Beta at 800 / 2,100 = 38%: off track, and so is the goal.
  goals = EvaluateGoals(HandReport({g}, {{"alpha", {2024, 0}, Values(P(2'900), P(1'900))},
                                         {"beta", {2024, 0}, Values(P(2'100), P(800))}}),
                        as_at);
  EXPECT_EQ(goals[0].status, GoalStatus::kOffTrack);
  EXPECT_EQ(goals[0].rows[1].status, GoalStatus::kOffTrack);

  // The same goal for alpha alone: on track, one row.
  g.member = "alpha";
  goals = EvaluateGoals(HandReport({g}, {{"alpha", {2024, 0}, Values(P(2'900), P(1'900))},
                                         {"beta", {2024, 0}, Values(P(2'100), P(800))}}),
                        as_at);
  EXPECT_EQ(goals[0].status, GoalStatus::kOnTrack);
  ASSERT_EQ(goals[0].rows.size(), 1u);
  EXPECT_EQ(goals[0].rows[0].member, "alpha");

  // A member-year without addressable spend is not judged; none at all: no data.
  goals = EvaluateGoals(HandReport({g}, {{"alpha", {2024, 0}, Values(0, 0)}}), as_at);
  EXPECT_EQ(goals[0].status, GoalStatus::kNoData);
  EXPECT_TRUE(goals[0].rows.empty());
}

// ---- Confidence (core/coverage.h): not known at zero coverage, low below the threshold ----------

TEST(MeasuresConfidence, EachMeasureIsJudgedOnTheFactItNeeds) {
  MeasureValues v = Values(P(1'000), P(300), P(1'000));  // no supplier's size known
  v.local.pence = P(200);
  v.outside.pence = P(500);        // location known for 70%
  v.diverse_known.pence = P(100);  // ownership known for 10%
  v.vcse_known.pence = P(1'000);
  const MeasureConfidence c = JudgeConfidence(v, 0.5);
  EXPECT_EQ(c.s3, core::Confidence::kNotKnown);
  EXPECT_EQ(c.s3l, core::Confidence::kNotKnown);  // the weaker of size and location
  EXPECT_EQ(c.s4, core::Confidence::kLow);
  EXPECT_EQ(c.s6, core::Confidence::kSufficient);
  EXPECT_EQ(c.s7, core::Confidence::kSufficient);
  EXPECT_EQ(c.s8, core::Confidence::kNotKnown);  // no LSOA known
  EXPECT_EQ(KnownFor("S3L", v), 0);
  EXPECT_EQ(KnownFor("S7b", v), P(700));
  EXPECT_EQ(KnownFor("S9", v), std::nullopt);
  // The network's threshold decides: 70% is low against 75%.
  EXPECT_EQ(JudgeConfidence(v, 0.75).s7, core::Confidence::kLow);
  // Nothing addressable: nothing to cover, so not known.
  EXPECT_EQ(JudgeConfidence(MeasureValues{}, 0.5).s6, core::Confidence::kNotKnown);
  EXPECT_EQ(MeasureValues{}.confidence.s3, core::Confidence::kNotKnown);  // until judged
}

TEST(MeasuresConfidence, GoalsCarryTheConfidenceOfTheirFigure) {
  const core::Date as_at = core::FromCivil(2024, 9, 30);
  // S3 with no size known: not known; a quarter known: low; S2 needs no supplier fact.
  auto judge = [&](core::Pence unknown, const std::string& measure, double threshold = 0.5) {
    MeasureReport r = HandReport({Absolute(10'000, measure)},
                                 {{"", {2024, 0}, Values(P(8'000), P(1'000), unknown)}});
    r.network.coverage_warning_below = threshold;
    return EvaluateGoals(r, as_at).at(0).confidence;
  };
  EXPECT_EQ(judge(P(8'000), "S3"), core::Confidence::kNotKnown);
  EXPECT_EQ(judge(P(6'000), "S3"), core::Confidence::kLow);
  EXPECT_EQ(judge(P(2'000), "S3"), core::Confidence::kSufficient);
  EXPECT_EQ(judge(P(2'000), "S3", 0.9), core::Confidence::kLow);
  EXPECT_EQ(judge(P(8'000), "S2"), core::Confidence::kSufficient);
}

}  // namespace
}  // namespace anchornet::metrics
