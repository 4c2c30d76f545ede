// Tests of the measures report renderers over a MeasureReport built by hand: a network of two
// members over two financial years, with a bridge, goals and suppliers. XLSX is compared as a
// cell dump read back with libzip.
#include "report/measures_report.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/date.h"
#include "core/text.h"
#include "reference.h"

namespace anchornet::report {
namespace {

using metrics::Amount;
using metrics::MeasureReport;
using metrics::MeasureValues;
using nlohmann::json;

Amount Pounds(std::int64_t pounds, std::int64_t lines) { return Amount{pounds * 100, lines}; }

void SetBand(MeasureValues& v, core::SizeBand band, Amount a) {
  v.by_size[static_cast<int>(band)] = a;
}

// The network in FY 2023/24: S2 £500,000; MSME £160,000 (32%); size known £300,000 (60%).
MeasureValues NetworkYear() {
  MeasureValues v;
  v.t1 = Pounds(1'000'000, 500);
  v.bridge = {
      {"payroll", core::RuleStage::kS1, "Payroll is not third-party spend", Pounds(200'000, 50)},
      {"between-members", core::RuleStage::kS1, "Payments between members", Pounds(50'000, 20)},
      {"public-bodies", core::RuleStage::kS2, "Payments to public bodies", Pounds(150'000, 80)},
      {"grants", core::RuleStage::kS2, "Grants are not procurement", Pounds(100'000, 50)}};
  v.s1 = Pounds(750'000, 430);
  v.s2 = Pounds(500'000, 300);
  SetBand(v, core::SizeBand::kMicro, Pounds(50'000, 40));
  SetBand(v, core::SizeBand::kSmall, Pounds(75'000, 40));
  SetBand(v, core::SizeBand::kMedium, Pounds(25'000, 20));
  SetBand(v, core::SizeBand::kSme, Pounds(10'000, 10));
  SetBand(v, core::SizeBand::kLarge, Pounds(140'000, 60));
  SetBand(v, core::SizeBand::kUnknown, Pounds(200'000, 130));
  v.msme = Pounds(160'000, 110);
  v.msme_local = Pounds(60'000, 30);
  v.diverse_any = Pounds(20'000, 12);
  v.diverse_by_flag[0] = Pounds(15'000, 8);
  v.diverse_by_flag[1] = Pounds(10'000, 6);
  v.diverse_certified = Pounds(5'000, 2);
  v.diverse_self_declared = Pounds(15'000, 10);
  v.diverse_known = Pounds(100'000, 60);
  v.vcse = Pounds(40'000, 25);
  v.vcse_known = Pounds(250'000, 150);
  v.local = Amount{12'345'678, 70};  // 24.69% of S2
  v.outside = Amount{17'654'322, 110};
  v.deprived_1 = Pounds(10'000, 5);
  v.deprived_12 = Pounds(30'000, 15);
  v.lsoa_known = Pounds(200'000, 100);
  v.top20 = Pounds(225'000, 0).pence;
  v.top300 = Pounds(450'000, 0).pence;
  v.suppliers = 412;
  return v;
}

// A quarter: a quarter of each year figure (S9 is zero for quarters).
MeasureValues QuarterOf(const MeasureValues& y) {
  auto q = [](Amount a) { return Amount{a.pence / 4, a.lines / 4}; };
  MeasureValues v;
  v.t1 = q(y.t1);
  v.s1 = q(y.s1);
  v.s2 = q(y.s2);
  for (const metrics::BridgeStep& s : y.bridge) {
    v.bridge.push_back({s.rule, s.stage, s.reason, q(s.amount)});
  }
  for (int b = 0; b < core::kSizeBandCount; ++b) v.by_size[b] = q(y.by_size[b]);
  v.msme = q(y.msme);
  v.diverse_known = q(y.diverse_known);
  v.vcse_known = q(y.vcse_known);
  v.lsoa_known = q(y.lsoa_known);
  return v;
}

// Everything paid went to public bodies: S2 is zero and no share has a denominator.
MeasureValues NothingAddressable() {
  MeasureValues v;
  v.t1 = Pounds(1'000, 2);
  v.s1 = Pounds(1'000, 2);
  v.bridge = {
      {"public-bodies", core::RuleStage::kS2, "Payments to public bodies", Pounds(1'000, 2)}};
  return v;
}

MeasureValues MemberYear(std::int64_t s2_pounds, std::int64_t msme_pounds) {
  MeasureValues v;
  v.t1 = Pounds(s2_pounds * 2, 100);
  v.bridge = {
      {"payroll", core::RuleStage::kS1, "Payroll is not third-party spend", Pounds(s2_pounds, 50)}};
  v.s1 = Pounds(s2_pounds, 50);
  v.s2 = Pounds(s2_pounds, 50);
  SetBand(v, core::SizeBand::kSmall, Pounds(msme_pounds, 10));
  SetBand(v, core::SizeBand::kUnknown, Pounds(s2_pounds - msme_pounds, 40));
  v.msme = Pounds(msme_pounds, 10);
  v.suppliers = 7;
  return v;
}

store::SupplierRecord Supplier(std::string key, std::string name, core::SizeBand size,
                               core::Known vcse, core::Known local) {
  store::SupplierRecord s;
  s.key = std::move(key);
  s.name = std::move(name);
  s.size = size;
  s.vcse = vcse;
  s.local = local;
  s.match_method = "identifier";
  s.match_confidence = 1;
  return s;
}

MeasureReport SampleReport() {
  MeasureReport r;
  r.network.name = "Test Anchor Network";
  r.network.synthetic = true;
  r.network.geography_name = "London";
  r.network.members = {
      {"alpha", "Alpha Council", core::Sector::kOther, ""},
      {"beta", "Beta University Hospitals NHS Foundation Trust", core::Sector::kOther, ""}};
  r.financial_years = {2023, 2024};
  r.first_paid = core::FromCivil(2023, 4, 1);
  r.last_paid = core::FromCivil(2025, 3, 31);
  r.data_version = 3;
  r.rules = {{"payroll",
              core::RuleStage::kS1,
              core::RuleMatch::kExpenseType,
              {"salaries", "wages"},
              "Payroll",
              "",
              true},
             {"public-bodies",
              core::RuleStage::kS2,
              core::RuleMatch::kPayeeKind,
              {"public-body"},
              "Public bodies",
              "",
              true}};

  const MeasureValues year = NetworkYear();
  r.scopes.push_back({"", {2023, 0}, year});
  for (int q = 1; q <= 3; ++q) r.scopes.push_back({"", {2023, q}, QuarterOf(year)});
  r.scopes.push_back({"", {2023, 4}, NothingAddressable()});
  r.scopes.push_back({"", {2024, 0}, MemberYear(80'000, 20'000)});
  r.scopes.push_back({"alpha", {2023, 0}, MemberYear(300'000, 100'000)});
  r.scopes.push_back({"alpha", {2024, 0}, MemberYear(80'000, 20'000)});
  r.scopes.push_back({"beta", {2023, 0}, MemberYear(200'000, 60'000)});
  r.scopes.push_back({"beta", {2024, 0}, NothingAddressable()});
  // As ComputeMeasures does: each figure's confidence from the network's threshold (50%). The
  // network's 2023/24: size, location 60% and VCSE status 50% known (sufficient), ownership 20%
  // and LSOA 40% (low). Member years: size known for the MSME spend only (25-33%, low),
  // nothing else known (not known); no S2 at all (network Q4, beta 2024/25): not known.
  for (metrics::ScopeValues& s : r.scopes) {
    s.values.confidence = metrics::JudgeConfidence(s.values, r.network.coverage_warning_below);
  }

  metrics::GoalProgress absolute;
  absolute.goal = {"msme-spend",
                   "S3",
                   core::GoalKind::kAbsolute,
                   Pounds(1'000'000, 0).pence,
                   "",
                   2023,
                   2025,
                   "Spend £1m with MSMEs over three years"};
  absolute.status = metrics::GoalStatus::kOffTrack;
  absolute.achieved = Pounds(180'000, 0).pence;
  absolute.target_value = Pounds(1'000'000, 0).pence;
  absolute.expected_fraction = 0.6667;
  absolute.expected = Pounds(666'700, 0).pence;
  absolute.rows = {
      {"", 2023, Pounds(160'000, 0).pence, 0, std::nullopt, metrics::GoalStatus::kOffTrack},
      {"", 2024, Pounds(20'000, 0).pence, 0, std::nullopt, metrics::GoalStatus::kOffTrack}};
  absolute.coverage = 0.6;
  absolute.confidence = core::Confidence::kSufficient;
  absolute.as_at = "2025-03-31";
  absolute.basis = "payments, MSME spend (S3) over FY 2023/24-2025/26";
  metrics::GoalProgress share;
  share.goal = {"msme-share", "S3", core::GoalKind::kShare, 300'000, "",
                2023,         2024, "30% of S2 with MSMEs"};
  share.status = metrics::GoalStatus::kAtRisk;
  share.share = 0.3333;
  share.target_share = 0.30;
  share.rows = {{"alpha", 2023, Pounds(100'000, 0).pence, Pounds(300'000, 0).pence, 1.0 / 3,
                 metrics::GoalStatus::kAchieved},
                {"beta", 2024, 0, 0, std::nullopt, metrics::GoalStatus::kNoData}};
  share.coverage = 0.6;
  share.confidence = core::Confidence::kLow;
  share.as_at = "2025-03-31";
  share.basis = "payments, MSME share of S2 per member and year";
  r.goals = {absolute, share};

  r.suppliers = {Supplier("GB-COH-01234567", "Acme Cleaning Ltd", core::SizeBand::kSmall,
                          core::Known::kNo, core::Known::kYes),
                 Supplier("GB-CHC-1000611", "Helping Hands CIO", core::SizeBand::kMicro,
                          core::Known::kYes, core::Known::kUnknown),
                 Supplier("name:MYSTERY PAYEE", "Mystery Payee", core::SizeBand::kUnknown,
                          core::Known::kUnknown, core::Known::kUnknown)};
  r.suppliers[1].diverse_yes = core::kWomenOwned;
  r.suppliers[1].diverse_known = core::kAllDiverseFlags;
  r.suppliers[1].imd_decile = 2;
  r.top_suppliers = {{0, Pounds(58'000, 20), Pounds(58'000, 20), {"alpha", "beta"}},
                     {2, Pounds(29'000, 9), Pounds(30'000, 10), {"beta"}},
                     {1, Pounds(5'800, 3), Pounds(5'800, 3), {"alpha"}}};
  return r;
}

// ---- Terminal table.

TEST(MeasuresReportTable, ShowsHeaderFiguresCoverageAndUnknown) {
  const std::string t = MeasuresTable(SampleReport());
  EXPECT_EQ(t.rfind("SYNTHETIC DEMO DATA", 0), 0u) << t;
  EXPECT_NE(t.find("Test Anchor Network: procurement measures (definitions version 1)"),
            std::string::npos);
  EXPECT_NE(t.find("FY 2023/24 to 2024/25; data to 31 Mar 2025"), std::string::npos);
  EXPECT_NE(t.find("£500.0k"), std::string::npos);  // S2
  EXPECT_NE(t.find("32.0%"), std::string::npos);    // S3 share of S2
  EXPECT_NE(t.find("size unknown"), std::string::npos);
  EXPECT_NE(t.find("ownership unknown"), std::string::npos);
  EXPECT_NE(t.find("Size known for 60.0% of S2 in 2023/24"), std::string::npos) << t;
  EXPECT_NE(t.find("S7  local (London)"), std::string::npos);
  EXPECT_NE(t.find("24.7%"), std::string::npos);  // S7 local
  EXPECT_NE(t.find("45.0%"), std::string::npos);  // S9 top 20
}

TEST(MeasuresReportTable, ZeroAddressableSpendShowsDashNotZeroPercent) {
  const std::string t = MeasuresTable(SampleReport());
  // Beta in 2024/25 had no S2: its coverage is "–".
  const std::size_t beta = t.find("== Beta University Hospitals NHS Foundation Trust (beta) ==");
  ASSERT_NE(beta, std::string::npos);
  EXPECT_NE(t.find("Size known for 30.0% of S2 in 2023/24; no S2 in 2024/25.", beta),
            std::string::npos)
      << t.substr(beta);
}

TEST(MeasuresReportTable, BridgeGoalsAndSuppliers) {
  const std::string t = MeasuresTable(SampleReport());
  EXPECT_NE(t.find("T1 payments as published"), std::string::npos);
  EXPECT_NE(t.find("less payroll"), std::string::npos);
  EXPECT_NE(t.find("-£200,000.00"), std::string::npos);
  EXPECT_NE(t.find("S2 addressable spend"), std::string::npos);
  EXPECT_NE(t.find("£500,000.00"), std::string::npos);
  EXPECT_NE(t.find("payroll (S1): Payroll is not third-party spend"), std::string::npos);
  EXPECT_EQ(t.find("Does not reconcile"), std::string::npos) << t;
  EXPECT_NE(t.find("msme-spend"), std::string::npos);
  EXPECT_NE(t.find("off-track"), std::string::npos);
  EXPECT_NE(t.find("£1.0m"), std::string::npos);  // absolute goal target
  EXPECT_NE(t.find("no-data"), std::string::npos);
  EXPECT_NE(t.find("  msme-spend: Spend £1m with MSMEs over three years\n"), std::string::npos);
  EXPECT_NE(t.find("Acme Cleaning Ltd"), std::string::npos);
  EXPECT_NE(t.find("GB-CHC-1000611"), std::string::npos);
  // Acme's £58,000 of the network's £580,000 S2 over both years.
  EXPECT_NE(t.find("10.0%"), std::string::npos);
}

TEST(MeasuresReportTable, FitsIn120Columns) {
  const std::string t = MeasuresTable(SampleReport());
  for (std::string_view line : core::Split(t, '\n')) {
    EXPECT_LE(core::DisplayWidth(line), 120u) << line;
  }
}

TEST(MeasuresReportTable, QueriedMemberOnly) {
  MeasureReport r = SampleReport();
  r.query.member = "alpha";
  const std::string t = MeasuresTable(r);
  EXPECT_NE(t.find("== Alpha Council (alpha) =="), std::string::npos);
  EXPECT_EQ(t.find("(beta)"), std::string::npos);
  EXPECT_NE(t.find("Bridge, Alpha Council"), std::string::npos);
}

TEST(MeasuresReportTable, NoYearsSaysSo) {
  MeasureReport r;
  r.network.name = "Empty";
  const std::string t = MeasuresTable(r);
  EXPECT_NE(t.find("No payments in the period."), std::string::npos);
  EXPECT_EQ(t.find("SYNTHETIC"), std::string::npos);
}

TEST(MeasuresReportTable, NotKnownForZeroCoverageAndAMarkBelowTheThreshold) {
  const std::string t = MeasuresTable(SampleReport());
  auto line = [&t](const std::string& label) {  // the network table's row of a measure
    const std::size_t at = t.find(label);
    return at == std::string::npos ? std::string() : t.substr(at, t.find('\n', at) - at);
  };
  // The network's 2023/24: S4 ownership known for 20% (low), marked; S3 (60%) plain, and in
  // 2024/25 (size known for 25%) marked.
  EXPECT_NE(line("S4  diverse-owned").find("£20.0k*"), std::string::npos) << t;
  EXPECT_NE(line("S3  MSME spend (direct)").find("£160.0k "), std::string::npos) << t;
  EXPECT_NE(line("S3  MSME spend (direct)").find("£20.0k*"), std::string::npos) << t;
  // 2024/25: nothing's location known, so S7 is not known rather than £0.
  EXPECT_NE(line("S7  local (London)").find("not known"), std::string::npos) << t;
  // Members at a glance: shares judged the same way; and the legend says what both mean.
  const std::size_t glance = t.find("Members at a glance");
  ASSERT_NE(glance, std::string::npos);
  EXPECT_NE(t.find("not known", glance), std::string::npos);
  EXPECT_NE(t.find("*: low coverage", glance), std::string::npos);
  EXPECT_NE(t.find("for less than 50% of addressable spend"), std::string::npos);
  // The share goal's figure is low: marked in the goals table.
  EXPECT_NE(t.find("33.3%*"), std::string::npos);
}

TEST(MeasuresReportTable, TheNetworksThresholdDecides) {
  MeasureReport r = SampleReport();
  r.network.coverage_warning_below = 0.7;
  for (metrics::ScopeValues& s : r.scopes) {
    s.values.confidence = metrics::JudgeConfidence(s.values, r.network.coverage_warning_below);
  }
  const std::string t = MeasuresTable(r);
  const std::size_t s3 = t.find("S3  MSME spend (direct)");
  ASSERT_NE(s3, std::string::npos);
  EXPECT_NE(t.substr(s3, t.find('\n', s3) - s3).find("£160.0k*"), std::string::npos) << t;
  EXPECT_NE(t.find("for less than 70% of addressable spend"), std::string::npos);
}

// ---- JSON.

const json* FindScope(const json& j, const std::string& member, const std::string& fy, int q) {
  for (const json& s : j["scopes"]) {
    if (s["member"] == member && s["financial_year"] == fy && s["quarter"] == q) return &s;
  }
  return nullptr;
}

TEST(MeasuresReportJson, SharesCoverageAndPence) {
  const json j = json::parse(MeasuresJson(SampleReport()));
  EXPECT_EQ(j["definitions_version"], 1);
  EXPECT_EQ(j["network"]["synthetic"], true);
  EXPECT_EQ(j["data"]["last_paid"], "2025-03-31");
  EXPECT_TRUE(j["query"]["member"].is_null());
  const json* n = FindScope(j, "", "2023/24", 0);
  ASSERT_NE(n, nullptr);
  const json& m = (*n)["measures"];
  EXPECT_EQ(m["S2"]["pence"], 50'000'000);
  EXPECT_TRUE(m["S2"]["pence"].is_number_integer());
  EXPECT_EQ(m["S3"]["pence"], 16'000'000);
  EXPECT_DOUBLE_EQ(m["S3"]["share_of_s2"].get<double>(), 0.32);
  EXPECT_DOUBLE_EQ(m["S3"]["coverage"].get<double>(), 0.6);
  EXPECT_EQ(m["S3"]["definition_version"], 1);
  EXPECT_EQ(m["S3"]["unknown"]["pence"], 20'000'000);
  EXPECT_EQ(m["S3"]["sme_unbanded"]["pence"], 1'000'000);
  EXPECT_DOUBLE_EQ(m["S4"]["basis_coverage"].get<double>(), 0.2);
  EXPECT_EQ(m["S4"]["by_flag"]["ethnic_minority"]["pence"], 1'000'000);
  EXPECT_DOUBLE_EQ(m["S6"]["basis_coverage"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(m["S7"]["share_of_s2"].get<double>(), 0.2469);  // rounded to 4 places
  EXPECT_DOUBLE_EQ(m["S7"]["basis_coverage"].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(m["S8"]["deciles_1_2"]["share_of_s2"].get<double>(), 0.06);
  EXPECT_DOUBLE_EQ(m["S8"]["basis_coverage"].get<double>(), 0.4);
  EXPECT_DOUBLE_EQ(m["S9"]["top20_share"].get<double>(), 0.45);
  EXPECT_EQ(m["S9"]["suppliers"], 412);
  ASSERT_EQ((*n)["bridge"].size(), 4u);
  EXPECT_EQ((*n)["bridge"][0]["rule"], "payroll");
  EXPECT_EQ((*n)["bridge"][0]["pence"], 20'000'000);
}

TEST(MeasuresReportJson, NullShareWhenS2IsZeroAndNoS9ForQuarters) {
  const json j = json::parse(MeasuresJson(SampleReport()));
  const json* beta = FindScope(j, "beta", "2024/25", 0);
  ASSERT_NE(beta, nullptr);
  EXPECT_EQ((*beta)["member_name"], "Beta University Hospitals NHS Foundation Trust");
  EXPECT_TRUE((*beta)["measures"]["S3"]["share_of_s2"].is_null());
  EXPECT_TRUE((*beta)["measures"]["S3"]["coverage"].is_null());
  EXPECT_EQ((*beta)["measures"]["S3"]["pence"], 0);
  EXPECT_TRUE((*beta)["measures"]["S9"]["top20_share"].is_null());
  const json* q1 = FindScope(j, "", "2023/24", 1);
  ASSERT_NE(q1, nullptr);
  EXPECT_TRUE((*q1)["measures"]["S9"].is_null());
  EXPECT_EQ((*q1)["measures"]["S2"]["pence"], 12'500'000);
}

TEST(MeasuresReportJson, ConfidenceBesideEveryFigureWithACoverage) {
  const json j = json::parse(MeasuresJson(SampleReport()));
  const json& n = (*FindScope(j, "", "2023/24", 0))["measures"];
  EXPECT_EQ(n["S3"]["confidence"], "sufficient");
  EXPECT_EQ(n["S3"]["micro"]["confidence"], "sufficient");
  EXPECT_FALSE(n["S3"]["unknown"].contains("confidence"));  // a known amount: the unknown S2
  EXPECT_EQ(n["S3L"]["confidence"], "sufficient");
  EXPECT_EQ(n["S4"]["confidence"], "low");
  EXPECT_EQ(n["S4"]["by_flag"]["women"]["confidence"], "low");
  EXPECT_EQ(n["S6"]["confidence"], "sufficient");  // 50% known: not below the threshold
  EXPECT_EQ(n["S7"]["confidence"], "sufficient");
  EXPECT_EQ(n["S7b"]["confidence"], "sufficient");
  EXPECT_EQ(n["S8"]["confidence"], "low");
  EXPECT_EQ(n["S8"]["decile_1"]["confidence"], "low");
  for (const char* measure : {"T1", "S1", "S2"}) EXPECT_FALSE(n[measure].contains("confidence"));
  EXPECT_FALSE(n["S9"].contains("confidence"));
  const json& alpha = (*FindScope(j, "alpha", "2024/25", 0))["measures"];
  EXPECT_EQ(alpha["S3"]["confidence"], "low");
  EXPECT_EQ(alpha["S7"]["confidence"], "not-known");
  EXPECT_EQ(alpha["S7"]["pence"], 0);  // kept for compatibility; the confidence says not known
  EXPECT_EQ(j["goals"][0]["confidence"], "sufficient");
  EXPECT_EQ(j["goals"][1]["confidence"], "low");
}

TEST(MeasuresReportJson, GoalsRulesAndSuppliers) {
  const json j = json::parse(MeasuresJson(SampleReport()));
  ASSERT_EQ(j["goals"].size(), 2u);
  EXPECT_EQ(j["goals"][0]["target_pence"], 100'000'000);
  EXPECT_EQ(j["goals"][0]["status"], "off-track");
  EXPECT_DOUBLE_EQ(j["goals"][1]["target_share"].get<double>(), 0.3);
  EXPECT_DOUBLE_EQ(j["goals"][1]["rows"][0]["share"].get<double>(), 0.3333);
  EXPECT_TRUE(j["goals"][1]["rows"][1]["share"].is_null());
  ASSERT_EQ(j["rules"].size(), 2u);
  EXPECT_EQ(j["rules"][0]["patterns"][1], "wages");
  ASSERT_EQ(j["top_suppliers"].size(), 3u);
  const json& hands = j["top_suppliers"][2];
  EXPECT_EQ(hands["key"], "GB-CHC-1000611");
  EXPECT_EQ(hands["vcse"], "yes");
  EXPECT_EQ(hands["diverse"][0], "women");
  EXPECT_EQ(hands["imd_decile"], 2);
  EXPECT_DOUBLE_EQ(j["top_suppliers"][0]["share_of_s2"].get<double>(), 0.1);
  EXPECT_TRUE(j["top_suppliers"][1]["imd_decile"].is_null());
}

TEST(MeasuresReportJson, QueriedMemberKeepsNetworkAndThatMember) {
  MeasureReport r = SampleReport();
  r.query.member = "beta";
  const json j = json::parse(MeasuresJson(r));
  EXPECT_EQ(j["query"]["member"], "beta");
  for (const json& s : j["scopes"]) EXPECT_NE(s["member"], "alpha");
  EXPECT_NE(FindScope(j, "beta", "2023/24", 0), nullptr);
}

// ---- CSV.

TEST(MeasuresReportCsv, OneRowPerFigure) {
  const MeasureReport r = SampleReport();
  const std::string csv = MeasuresCsv(r);
  std::vector<std::string_view> lines = core::Split(csv, '\n');
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), "");
  lines.pop_back();
  EXPECT_EQ(
      lines[0],
      "scope,member,financial_year,quarter,measure,breakdown,pence,lines,share_of_s2,coverage,"
      "basis_coverage,definition_version,confidence");
  // Per scope: 27 figures, 3 more for S9 in a financial year, and one per bridge step.
  std::size_t expected = 1;
  for (const metrics::ScopeValues& s : r.scopes) {
    expected += 27 + (s.period.quarter == 0 ? 3 : 0) + s.values.bridge.size();
  }
  EXPECT_EQ(lines.size(), expected);
  auto has = [&](const std::string& row) {
    return std::find(lines.begin(), lines.end(), row) != lines.end();
  };
  EXPECT_TRUE(has("network,,2023/24,0,S3,,16000000,110,0.3200,0.6000,,1,sufficient"));
  EXPECT_TRUE(has("network,,2023/24,0,S3,unknown,20000000,130,0.4000,0.6000,,1,"));
  EXPECT_TRUE(has("network,,2023/24,0,S4,,2000000,12,0.0400,0.6000,0.2000,1,low"));
  EXPECT_TRUE(has("network,,2023/24,0,S7,,12345678,70,0.2469,0.6000,0.6000,1,sufficient"));
  EXPECT_TRUE(has("network,,2023/24,0,S9,suppliers,,412,,0.6000,,1,"));
  EXPECT_TRUE(has("network,,2023/24,0,bridge,S1:payroll,20000000,50,0.4000,0.6000,,1,"));
  // No S2, so no coverage: the zero is not known.
  EXPECT_TRUE(has("member,beta,2024/25,0,S3,,0,0,,,,1,not-known"));
  EXPECT_TRUE(has("member,alpha,2024/25,0,S7,,0,0,0.0000,0.2500,0.0000,1,not-known"));
}

// The whole CSV against its reference file (tests/README.md, "Reference files").
TEST(MeasuresReportCsv, IsTheReferenceCsv) {
  testing::ExpectMatchesReference(
      MeasuresCsv(SampleReport()),
      std::string(ANCHORNET_SOURCE_DIR) + "/src/report/testdata/measures_sample.csv");
}

// ---- XLSX, compared as a cell dump.

std::string ReadZipEntry(zip_t* archive, const std::string& name) {
  zip_stat_t st;
  if (zip_stat(archive, name.c_str(), 0, &st) != 0) return "";
  zip_file_t* f = zip_fopen(archive, name.c_str(), 0);
  if (f == nullptr) return "";
  std::string out(st.size, '\0');
  const zip_int64_t n = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  return out;
}

std::string Unescape(std::string s) {
  const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : kEntities) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) {
      s.replace(at, std::strlen(from), to);
    }
  }
  return s;
}

// Every <t>...</t> text inside [begin, end) of xml, concatenated.
std::string Texts(const std::string& xml, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t at = xml.find("<t", begin); at < end; at = xml.find("<t", at + 1)) {
    if (xml[at + 2] != '>' && xml[at + 2] != ' ') continue;
    const std::size_t open = xml.find('>', at);
    const std::size_t close = xml.find("</t>", open);
    out += xml.substr(open + 1, close - open - 1);
  }
  return Unescape(out);
}

std::string Attribute(const std::string& tag, const std::string& name) {
  const std::size_t at = tag.find(" " + name + "=\"");
  if (at == std::string::npos) return "";
  const std::size_t begin = at + name.size() + 3;
  return tag.substr(begin, tag.find('"', begin) - begin);
}

struct Xlsx {
  std::vector<std::string> sheets;                        // names in workbook order
  std::vector<std::map<std::string, std::string>> cells;  // per sheet: "B6" -> value
  std::vector<std::string> sheet_xml;
  std::string core_properties;
};

Xlsx ReadXlsx(const std::string& path) {
  Xlsx x;
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (archive == nullptr) return x;
  std::vector<std::string> shared;
  const std::string strings = ReadZipEntry(archive, "xl/sharedStrings.xml");
  for (std::size_t at = strings.find("<si>"); at != std::string::npos;
       at = strings.find("<si>", at + 1)) {
    shared.push_back(Texts(strings, at, strings.find("</si>", at)));
  }
  const std::string workbook = ReadZipEntry(archive, "xl/workbook.xml");
  for (std::size_t at = workbook.find("<sheet "); at != std::string::npos;
       at = workbook.find("<sheet ", at + 1)) {
    x.sheets.push_back(
        Unescape(Attribute(workbook.substr(at, workbook.find('>', at) - at), "name")));
  }
  for (std::size_t i = 0; i < x.sheets.size(); ++i) {
    const std::string xml = ReadZipEntry(archive, fmt::format("xl/worksheets/sheet{}.xml", i + 1));
    std::map<std::string, std::string> cells;
    for (std::size_t at = xml.find("<c "); at != std::string::npos; at = xml.find("<c ", at + 1)) {
      const std::size_t tag_end = xml.find('>', at);
      const std::string tag = xml.substr(at, tag_end - at);
      if (tag.back() == '/') continue;  // styled blank
      const std::size_t end = xml.find("</c>", tag_end);
      const std::string body = xml.substr(tag_end + 1, end - tag_end - 1);
      std::string value;
      const std::size_t v = body.find("<v>");
      if (v != std::string::npos) value = body.substr(v + 3, body.find("</v>") - v - 3);
      if (Attribute(tag, "t") == "s") value = shared.at(std::stoul(value));
      if (Attribute(tag, "t") == "inlineStr") value = Texts(body, 0, body.size());
      cells[Attribute(tag, "r")] = Unescape(value);
    }
    x.cells.push_back(std::move(cells));
    x.sheet_xml.push_back(xml);
  }
  x.core_properties = ReadZipEntry(archive, "docProps/core.xml");
  zip_close(archive);
  return x;
}

std::string XlsxPath() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) /
                                     (std::string("measures-") + info->name() + ".xlsx");
  std::filesystem::remove(path);
  return path.string();
}

TEST(MeasuresReportXlsx, SheetsInOrderWithTitleAndProperties) {
  const std::string path = XlsxPath();
  ASSERT_TRUE(WriteMeasuresXlsx(SampleReport(), path).has_value());
  const Xlsx x = ReadXlsx(path);
  EXPECT_EQ(x.sheets, (std::vector<std::string>{"Network", "Members", "Suppliers", "Goals",
                                                "Bridge", "Definitions", "Coverage", "Rules"}));
  ASSERT_EQ(x.cells.size(), 8u);
  const auto& network = x.cells[0];
  EXPECT_EQ(network.at("A1"),
            "Test Anchor Network: the network's measures by financial year and quarter");
  EXPECT_NE(network.at("A2").find("definitions version 1"), std::string::npos);
  EXPECT_EQ(network.at("A3").rfind("SYNTHETIC DEMO DATA", 0), 0u);
  EXPECT_NE(x.core_properties.find("Test Anchor Network: procurement measures"), std::string::npos);
  for (const std::string& xml : x.sheet_xml) {
    EXPECT_NE(xml.find("<autoFilter ref=\"A5:"), std::string::npos);
    EXPECT_NE(xml.find("state=\"frozen\""), std::string::npos);
  }
  std::filesystem::remove(path);
}

TEST(MeasuresReportXlsx, MoneyInPoundsAndSharesAsFractions) {
  const std::string path = XlsxPath();
  ASSERT_TRUE(WriteMeasuresXlsx(SampleReport(), path).has_value());
  const Xlsx x = ReadXlsx(path);
  ASSERT_EQ(x.cells.size(), 8u);
  // Network: header on row 5; 2023/24 full year on row 6, then its quarters.
  const auto& n = x.cells[0];
  EXPECT_EQ(n.at("A5"), "Financial year");
  EXPECT_EQ(n.at("E5"), "S2 addressable £");
  EXPECT_EQ(n.at("F5"), "Size known (coverage)");
  EXPECT_EQ(n.at("H5"), "S3 % of S2");
  EXPECT_EQ(n.at("A6"), "2023/24");
  EXPECT_EQ(n.at("B6"), "Full year");
  EXPECT_EQ(n.at("E6"), "500000");
  EXPECT_EQ(n.at("F6"), "0.6");
  EXPECT_EQ(n.at("G6"), "160000");
  EXPECT_EQ(n.at("H6"), "0.32");
  EXPECT_EQ(n.at("B7"), "Q1");
  EXPECT_EQ(n.at("E7"), "125000");
  // Q4 had no S2: nothing to cover, so the shares are not known, never zero.
  EXPECT_EQ(n.at("B10"), "Q4");
  EXPECT_EQ(n.at("E10"), "0");
  EXPECT_EQ(n.at("H10"), "not known");
  // Members: one row per member x year; beta 2024/25 has no share.
  const auto& m = x.cells[1];
  EXPECT_EQ(m.at("A6"), "alpha");
  EXPECT_EQ(m.at("B6"), "Alpha Council");
  EXPECT_EQ(m.at("F6"), "300000");
  EXPECT_EQ(m.at("I6"), "0.3333333333333333");
  EXPECT_EQ(m.at("A9"), "beta");
  EXPECT_EQ(m.at("C9"), "2024/25");
  EXPECT_EQ(m.at("I9"), "not known");
  EXPECT_EQ(m.count("A10"), 0u);
  // Suppliers: rank, name, S2 in pounds, share of the report's S2.
  const auto& s = x.cells[2];
  EXPECT_EQ(s.at("B6"), "Acme Cleaning Ltd");
  EXPECT_EQ(s.at("P6"), "58000");
  EXPECT_EQ(s.at("R6"), "0.1");
  EXPECT_EQ(s.at("H8"), "women");
  // Bridge: exclusions are negative so that each stage sums.
  const auto& b = x.cells[4];
  EXPECT_EQ(b.at("E6"), "T1");
  EXPECT_EQ(b.at("I6"), "1000000");
  EXPECT_EQ(b.at("G7"), "payroll");
  EXPECT_EQ(b.at("I7"), "-200000");
  EXPECT_EQ(b.at("F9"), "total");
  EXPECT_EQ(b.at("I9"), "750000");
  // Coverage: size known for the network in 2023/24.
  const auto& c = x.cells[6];
  EXPECT_EQ(c.at("A6"), "network");
  EXPECT_EQ(c.at("E6"), "300000");
  EXPECT_EQ(c.at("F6"), "0.6");
  // Definitions: every measure with its version.
  const auto& d = x.cells[5];
  EXPECT_EQ(d.at("A6"), "T1");
  EXPECT_EQ(d.at("A9"), "S3");
  EXPECT_EQ(d.at("F9"), "1");
  std::filesystem::remove(path);
}

TEST(MeasuresReportXlsx, NotKnownInWordsLowCoverageAmberWithALegend) {
  const std::string path = XlsxPath();
  ASSERT_TRUE(WriteMeasuresXlsx(SampleReport(), path).has_value());
  const Xlsx x = ReadXlsx(path);
  ASSERT_EQ(x.cells.size(), 8u);
  const auto& n = x.cells[0];
  // Row 4 explains the marks; alpha 2024/25's S7 (column AE on Members) is not known.
  EXPECT_EQ(n.at("A4").rfind("Amber cells: low coverage", 0), 0u) << n.at("A4");
  EXPECT_NE(n.at("A4").find("less than 50%"), std::string::npos);
  const auto& m = x.cells[1];
  std::string s7_column;
  for (const auto& [ref, value] : m) {
    if (value == "S7 local £") s7_column = ref.substr(0, ref.size() - 1);
  }
  ASSERT_FALSE(s7_column.empty());
  EXPECT_EQ(m.at(s7_column + "7"), "not known");  // alpha 2024/25
  // The S4 figure of the network's 2023/24 (20% ownership known) is a number, amber.
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  ASSERT_NE(archive, nullptr);
  const std::string styles = ReadZipEntry(archive, "xl/styles.xml");
  zip_close(archive);
  EXPECT_NE(styles.find("rgb=\"FFFFE699\""), std::string::npos);
  std::filesystem::remove(path);
}

TEST(MeasuresReportXlsx, PrintsLandscapeFittedToWidthWithTheHeaderOnEveryPage) {
  const std::string path = XlsxPath();
  ASSERT_TRUE(WriteMeasuresXlsx(SampleReport(), path).has_value());
  const Xlsx x = ReadXlsx(path);
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  ASSERT_NE(archive, nullptr);
  const std::string workbook = ReadZipEntry(archive, "xl/workbook.xml");
  zip_close(archive);
  for (std::size_t i = 0; i < x.sheet_xml.size(); ++i) {
    const std::string& xml = x.sheet_xml[i];
    EXPECT_NE(xml.find("<pageSetUpPr fitToPage=\"1\"/>"), std::string::npos) << x.sheets[i];
    EXPECT_NE(xml.find("orientation=\"landscape\""), std::string::npos) << x.sheets[i];
    EXPECT_NE(xml.find("fitToHeight=\"0\""), std::string::npos) << x.sheets[i];
    EXPECT_NE(xml.find("paperSize=\"9\""), std::string::npos) << x.sheets[i];  // A4
    // Print titles: the header row on every page (and the key columns, on a sheet printed
    // several pages wide).
    const std::string titles = fmt::format("name=\"_xlnm.Print_Titles\" localSheetId=\"{}\">", i);
    const std::size_t at = workbook.find(titles);
    ASSERT_NE(at, std::string::npos) << x.sheets[i];
    const std::size_t begin = at + titles.size();
    const std::string rows = workbook.substr(begin, workbook.find('<', begin) - begin);
    EXPECT_TRUE(rows.ends_with(x.sheets[i] + "!$5:$5")) << rows;
    // The Network sheet (~45 columns) is too wide to read on one page: its key columns, the
    // year and quarter, repeat on each page across; the Rules sheet fits one page (the default
    // fitToWidth, 1, is left out).
    if (x.sheets[i] == "Network") {
      EXPECT_TRUE(rows.starts_with("Network!$A:$B,")) << rows;
    }
    if (x.sheets[i] == "Rules") {
      EXPECT_EQ(xml.find("fitToWidth"), std::string::npos);
    }
  }
  EXPECT_NE(workbook.find("_xlnm.Print_Area"), std::string::npos);
  // Columns are as wide as their figures: the Network sheet's S2 column (E) holds
  // "£500,000.00", 11 characters; the header "Financial year" wraps to its longest word.
  const std::string& network = x.sheet_xml[0];
  const std::size_t col_e = network.find("<col min=\"5\" max=\"5\"");
  ASSERT_NE(col_e, std::string::npos) << network.substr(0, 2000);
  const std::string tag = network.substr(col_e, network.find('>', col_e) - col_e);
  EXPECT_GE(std::stod(Attribute(tag, "width")), 11.0 * 1.2) << tag;
  std::filesystem::remove(path);
}

TEST(MeasuresReportXlsx, MoneyAndShareFormats) {
  const std::string path = XlsxPath();
  ASSERT_TRUE(WriteMeasuresXlsx(SampleReport(), path).has_value());
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  ASSERT_NE(archive, nullptr);
  const std::string styles = ReadZipEntry(archive, "xl/styles.xml");
  zip_close(archive);
  EXPECT_NE(styles.find("formatCode=\"&quot;£&quot;#,##0.00\""), std::string::npos) << styles;
  EXPECT_NE(styles.find("formatCode=\"0.0%\""), std::string::npos);
  EXPECT_NE(styles.find("rgb=\"FFFF0000\""), std::string::npos);  // the red synthetic banner
  std::filesystem::remove(path);
}

TEST(MeasuresReportXlsx, UnwritablePathIsStoreIo) {
  const std::string path =
      (std::filesystem::path(::testing::TempDir()) / "no-such-directory" / "report.xlsx").string();
  const core::Status s = WriteMeasuresXlsx(SampleReport(), path);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, core::ErrorCode::kStoreIo);
  EXPECT_NE(s.error().message.find(path), std::string::npos);
}

TEST(MeasuresReportXlsx, EmptyReportStillWritesEverySheet) {
  MeasureReport r;
  r.network.name = "Empty";
  const std::string path = XlsxPath();
  ASSERT_TRUE(WriteMeasuresXlsx(r, path).has_value());
  const Xlsx x = ReadXlsx(path);
  EXPECT_EQ(x.sheets.size(), 8u);
  EXPECT_EQ(x.cells[0].count("A3"), 0u);  // no synthetic banner
  EXPECT_NE(x.sheet_xml[0].find("<autoFilter ref=\"A5:"), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace anchornet::report
