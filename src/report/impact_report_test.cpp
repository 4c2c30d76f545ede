// Tests of the impact report renderers (HTML, Markdown, XLSX) and the SVG charts over an
// ImpactReport built by hand: three members, one of which sent nothing (no return, no payments),
// a goal of each status, and a member name that needs escaping. XLSX is read back with the
// repo's own reader (ingest/xlsx_reader.h).
//
// ImpactSample.WritesSampleHtml writes the sample page whole; with ANCHORNET_WRITE_SAMPLE set, to
// /tmp/impact_sample.html (or to the variable's value when it ends in ".html") for a look.
#include "report/impact_report.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "ingest/xlsx_reader.h"
#include "report/internal/impact_common.h"
#include "report/svg.h"
#include "test_util.h"

namespace anchornet::report {
namespace {

using metrics::GoalProgress;
using metrics::Headline;
using metrics::ImpactReport;
using metrics::ImpactSeries;
using metrics::TraceItem;

constexpr const char* kTrust = "St Mary's & <Royal> Hospitals";
constexpr std::int64_t kPounds = 100;  // pence
constexpr std::int64_t kTonne = 1000;  // kilograms CO2e
constexpr std::int64_t kMillion = 1'000'000;

GoalProgress Goal(const std::string& id, const std::string& measure, const std::string& kind,
                  core::ReturnUnit unit, const std::string& status) {
  GoalProgress g;
  g.goal.id = id;
  g.goal.measure = measure;
  g.goal.kind = core::ParseGoalKind(kind).value();
  g.goal.from_fy = 2022;
  g.goal.to_fy = 2024;
  g.unit = unit;
  g.status = metrics::ParseGoalStatus(status).value();
  g.source =
      measure.starts_with("S") ? metrics::GoalSource::kPayments : metrics::GoalSource::kReturns;
  g.as_at = "2024-03-31";
  g.coverage = 0.73;
  g.basis =
      fmt::format("{}, {} over FY 2022/23-2024/25", metrics::GoalSourceName(g.source), measure);
  g.expected_fraction = 0.6667;
  return g;
}

ImpactSeries Series(const std::string& measure, const std::string& label, core::ReturnUnit unit,
                    const std::string& source) {
  ImpactSeries s;
  s.measure = measure;
  s.label = label;
  s.unit = unit;
  s.source = source;
  s.definition = label + " (definition).";
  return s;
}

ImpactReport Sample(bool synthetic) {
  ImpactReport r;
  r.network.name = "Riverside Anchor Network";
  r.network.geography_name = "Riverside";
  r.network.synthetic = synthetic;
  r.network.members = {{"council-a", "Riverside Council", core::Sector::kLocalGovernment, ""},
                       {"nhs-b", kTrust, core::Sector::kNhs, ""},
                       {"uni-c", "University C", core::Sector::kHigherEducation, ""}};
  r.financial_year = 2023;
  r.generated_at = "2025-06-01T09:30:00Z";
  r.synthetic = synthetic;

  const std::vector<TraceItem> spend_trace = {
      {"file", "council-a",
       "council_a_2023-24.csv: 4,210 lines, paid 2023-04-01 to 2024-03-31, "
       "imported 2025-06-01",
       11},
      {"file", "nhs-b", "nhs-b-spend.csv: 1,020 lines, imported 2025-06-01", 12},
      {"rule", "", "payroll takes spend out of S1: Payroll is not third-party spend", 0}};
  r.headlines = {
      {"msme-spend", core::Pillar::kProcurement, "S3", "payments", 190'000 * kMillion,
       core::ReturnUnit::kPounds, "£1.90bn",
       "£1.90bn with micro, small and medium businesses in two years, against a goal of £1.17bn "
       "over three years",
       "Payments (cash paid) FY 2022/23 to FY 2023/24; supplier size known for 73% of addressable "
       "spend; payment files from 2 of 3 members",
       "msme-3y", spend_trace},
      {"living-wage",
       core::Pillar::kGoodWork,
       "W1",
       "returns",
       7300,
       core::ReturnUnit::kCount,
       "7,300",
       "7,300 staff uplifted to the Real Living Wage in FY 2023/24",
       "Members' returns for FY 2023/24: 2 of 3 members reported this figure",
       "",
       {{"return", "nhs-b", "FY 2023/24 return from nhs-b (file nhs.csv, submitted 2024-05-03)",
         21}}},
      {"carbon-saved",
       core::Pillar::kNetZero,
       "E2",
       "returns",
       2'130 * kTonne,
       core::ReturnUnit::kTonnes,
       "2,130 tCO2e",
       "2,130 tCO2e saved in FY 2023/24",
       "Members' returns for FY 2023/24: 1 of 3 members reported this figure",
       "",
       {{"factor", "council-a", "project RIV-LED (LED retrofit): DESNZ 2023 electricity", 0}}},
  };

  GoalProgress achieved =
      Goal("msme-3y", "S3", "cumulative", core::ReturnUnit::kPounds, "achieved");
  achieved.goal.description = "£1.17bn with MSMEs over three years";
  achieved.achieved = 190'000 * kMillion;
  achieved.target_value = 117'000 * kMillion;
  achieved.expected = 78'000 * kMillion;
  achieved.rows = {{"", 2022, 90'000 * kMillion, 0, std::nullopt, std::nullopt, 0},
                   {"", 2023, 100'000 * kMillion, 0, std::nullopt, std::nullopt, 0}};
  GoalProgress share = Goal("msme-share", "S3", "share", core::ReturnUnit::kPounds, "at-risk");
  share.goal.description = "30% of addressable spend with MSMEs, every member";
  share.target_share = 0.30;
  share.share = 0.28;
  share.rows = {
      {"council-a", 2023, 30 * kMillion, 100 * kMillion, 0.30, metrics::GoalStatus::kOnTrack, 0},
      {"nhs-b", 2023, 27 * kMillion, 100 * kMillion, 0.27, metrics::GoalStatus::kAtRisk, 0}};
  GoalProgress wage = Goal("rlw-uplift", "W1", "cumulative", core::ReturnUnit::kCount, "on-track");
  wage.goal.description = "7,200 staff uplifted to the Real Living Wage";
  wage.achieved = 7300;
  wage.target_value = 10'000;
  wage.expected = 6667;
  wage.status_reason =
      "109% of where a straight line to the target expects progress to be by 31 "
      "Mar 2024";
  wage.rows = {{"", 2022, 0, 0, std::nullopt, std::nullopt, 0},
               {"", 2023, 7300, 0, std::nullopt, std::nullopt, 2}};
  GoalProgress carbon = Goal("carbon", "E2", "cumulative", core::ReturnUnit::kTonnes, "off-track");
  carbon.goal.description = "10,000 tCO2e saved";
  carbon.achieved = 2'130 * kTonne;
  carbon.target_value = 10'000 * kTonne;
  carbon.expected = 6'667 * kTonne;
  GoalProgress literacy = Goal("literacy", "E1", "absolute", core::ReturnUnit::kCount, "no-data");
  literacy.goal.description = "500 staff trained in carbon literacy";
  literacy.target_value = 500;
  GoalProgress later = Goal("later", "W2S", "cumulative", core::ReturnUnit::kCount, "not-started");
  later.target_value = 100;
  r.goals = {achieved, share, wage, carbon, literacy, later};

  ImpactSeries s3 = Series("S3", "Spend with micro, small and medium businesses",
                           core::ReturnUnit::kPounds, "payments");
  s3.trend = {{2022, 0, 90'000 * kMillion, 2}, {2023, 0, 100'000 * kMillion, 2},
              {2023, 1, 25'000 * kMillion, 0}, {2023, 2, 30'000 * kMillion, 0},
              {2023, 3, 45'000 * kMillion, 0}, {2023, 4, std::nullopt, 0}};
  s3.members = {{"council-a", "Riverside Council", 60'000 * kMillion},
                {"nhs-b", kTrust, 40'000 * kMillion},
                {"uni-c", "University C", std::nullopt}};
  s3.network = 100'000 * kMillion;
  s3.share = 0.28;
  ImpactSeries w1 =
      Series("W1", "Staff uplifted to the Real Living Wage", core::ReturnUnit::kCount, "returns");
  w1.trend = {{2022, 0, std::nullopt, 0}, {2023, 0, 7300, 2}};
  w1.members = {{"council-a", "Riverside Council", 5000},
                {"nhs-b", kTrust, 2300},
                {"uni-c", "University C", std::nullopt}};
  w1.network = 7300;
  ImpactSeries e2 = Series("E2", "Carbon saved", core::ReturnUnit::kTonnes, "returns");
  e2.trend = {{2022, 0, 45'500, 1}, {2023, 0, 2'130 * kTonne, 1}};
  e2.members = {{"council-a", "Riverside Council", 2'130 * kTonne},
                {"nhs-b", kTrust, std::nullopt},
                {"uni-c", "University C", std::nullopt}};
  e2.network = 2'130 * kTonne;
  r.sections = {
      {core::Pillar::kProcurement,
       "Inclusive growth through procurement",
       {"msme-spend"},
       {"msme-3y", "msme-share"},
       {s3}},
      {core::Pillar::kGoodWork, "Good work", {"living-wage"}, {"rlw-uplift"}, {w1}},
      {core::Pillar::kYoungPeople, "Young people", {}, {"later"}, {}},
      {core::Pillar::kNetZero, "Net zero", {"carbon-saved"}, {"carbon", "literacy"}, {e2}}};

  metrics::ImpactMemberRow council{"council-a",
                                   "Riverside Council",
                                   "Local government",
                                   215 * kMillion * kPounds,
                                   0.30,
                                   0.81,
                                   5000,
                                   40,
                                   120,
                                   2'130 * kTonne,
                                   "submitted 2024-05-03",
                                   0};
  metrics::ImpactMemberRow trust{
      "nhs-b", kTrust,       "NHS",        143 * kMillion * kPounds, 0.27, 0.64, 2300,
      25,      std::nullopt, std::nullopt, "2 of 4 quarters",        1};
  metrics::ImpactMemberRow uni{"uni-c",      "University C", "Higher education", 0,
                               std::nullopt, std::nullopt,   std::nullopt,       std::nullopt,
                               std::nullopt, std::nullopt,   "missing",          0};
  r.members = {council, trust, uni};

  r.quality.missing_returns = {"University C"};
  r.quality.missing_payments = {"University C"};
  r.quality.size_coverage = 0.73;
  r.quality.vcse_coverage = 0.55;
  r.quality.location_coverage = std::nullopt;
  r.quality.flagged = {{"nhs-b", 2023, 2, "W1D", 2300, "figure_outlier", 21}};
  r.quality.levy_warnings = {{"council-a", 2023, 60'000 * kPounds, 100'000 * kPounds}};
  r.quality.unmatched_suppliers = 12;
  r.quality.unmatched_spend = 45'000 * kPounds;
  r.quality.rejected_rows = 3;
  r.quality.notes = {"1 of 3 members sent no return for FY 2023/24."};
  r.definitions = {
      {"S3", "Spend with micro, small and medium businesses", "£", "S2 paid to MSMEs."},
      {"W1", "Staff uplifted to the Real Living Wage", "people / items", "W1D + W1C."},
      {"E2", "Carbon saved", "tonnes CO2e", "E2D + E2P."}};
  r.inputs = spend_trace;
  r.inputs.push_back({"return", "nhs-b", "FY 2023/24 return from nhs-b (file nhs.csv)", 21});
  r.inputs.push_back({"register", "", "Companies House (companies): 5,500,000 records", 3});
  r.inputs.push_back({"goal", "", "msme-3y: £1.17bn with MSMEs over three years", 0});

  metrics::ReturnScopeValues network_scope{
      "", 2023, {{"W1", 7300}, {"E2", 2'130 * kTonne}}, {{"W1", 2}}, {}};
  metrics::ReturnScopeValues council_scope{"council-a",
                                           2023,
                                           {{"W1D", 4000},
                                            {"W1C", 1000},
                                            {"W1", 5000},
                                            {"W3F", 100'000 * kPounds},
                                            {"E2", 2'130 * kTonne}},
                                           {},
                                           {20}};
  r.returns.financial_years = {2023};
  r.returns.scopes = {network_scope, council_scope};
  store::ReturnSubmission sub;
  sub.id = 20;
  sub.member = "council-a";
  sub.financial_year = 2023;
  sub.file_name = "council-a-return.xlsx";
  sub.submitted_at = "2024-05-03T10:00:00Z";
  r.returns.current = {sub};
  core::CarbonProject project;
  project.id = "RIV-LED";
  project.name = "LED retrofit";
  project.kind = "retrofit";
  project.unit = "kWh";
  project.activity_year = 2023;
  project.baseline = 1'000'000;
  project.after = 400'000;
  project.factor_id = "ELEC-UK";
  project.factor = 0.20705;
  project.saved_kg = 124'230;
  r.returns.projects = {{"council-a", project}};
  core::LevyTransfer transfer;
  transfer.recipient = "Riverside Bakery Ltd";
  transfer.recipient_sme = true;
  transfer.committed = 60'000 * kPounds;
  transfer.paid = 20'000 * kPounds;
  transfer.apprenticeships = 4;
  r.returns.transfers = {{"council-a", transfer}};
  return r;
}

std::size_t Count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// The member table's row for `name` (HTML).
std::string MemberRow(const std::string& html, const std::string& name) {
  const std::size_t members = html.find("id=\"members\"");
  const std::size_t at = html.find("<th scope=\"row\">" + name + "</th>", members);
  if (members == std::string::npos || at == std::string::npos) return "";
  return html.substr(at, html.find("</tr>", at) - at);
}

// ---- HTML.

TEST(ImpactHtml, IsOneAccessibleEnglishPage) {
  const std::string html = ImpactHtml(Sample(false));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"en-GB\">"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<meta name=\"viewport\""), std::string::npos);
  const std::string title = "Riverside Anchor Network \u2014 impact report FY 2023/24";
  EXPECT_NE(html.find("<title>" + title + "</title>"), std::string::npos);
  EXPECT_NE(html.find("<h1>" + title + "</h1>"), std::string::npos);
  EXPECT_EQ(Count(html, "<h1"), 1u);
  EXPECT_NE(html.find("1 Apr 2023 to 31 Mar 2024"), std::string::npos);  // UK dates
  EXPECT_NE(html.find("Generated 1 Jun 2025 at 09:30 UTC"), std::string::npos);
  EXPECT_EQ(html.find("2025-06-01"), std::string::npos);  // trace dates are written UK style
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(ImpactHtml, OpensWithEachHeadlineItsBasisAndALinkToItsTrace) {
  const ImpactReport r = Sample(false);
  const std::string html = ImpactHtml(r);
  const std::size_t first_section = html.find("<section class=\"major");
  for (const Headline& h : r.headlines) {
    const std::size_t text = html.find(svg::Escape(h.text));
    EXPECT_LT(text, first_section) << h.id;  // in the opening headlines
    EXPECT_NE(html.find("Basis: " + svg::Escape(h.basis)), std::string::npos) << h.id;
    EXPECT_NE(html.find("href=\"#trace-" + h.id + "\""), std::string::npos) << h.id;
    EXPECT_NE(html.find("id=\"trace-" + h.id + "\""), std::string::npos) << h.id;
    EXPECT_NE(html.find("id=\"headline-" + h.id + "\""), std::string::npos) << h.id;
  }
  EXPECT_NE(html.find("<p class=\"figure\">£1.90bn</p>"), std::string::npos);
  // The appendix lists each headline's inputs, then every input grouped by kind.
  EXPECT_NE(html.find("How each headline was worked out"), std::string::npos);
  EXPECT_NE(html.find("council_a_2023-24.csv: 4,210 lines, paid 1 Apr 2023 to 31 Mar 2024"),
            std::string::npos);
  EXPECT_NE(html.find("<h4>Spend files (2)</h4>"), std::string::npos);
  EXPECT_NE(html.find("<h4>Registers (1)</h4>"), std::string::npos);
}

TEST(ImpactHtml, NeedsNothingFromOutside) {
  for (const bool synthetic : {false, true}) {
    const std::string html = ImpactHtml(Sample(synthetic));
    EXPECT_EQ(html.find("http://"), std::string::npos);
    EXPECT_EQ(html.find("https://"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find(" src="), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("@import"), std::string::npos);
    EXPECT_EQ(html.find("url("), std::string::npos);
    // Every link is to an anchor in the page, and every anchor exists.
    // (A plain scan, not std::regex: GCC 12 warns inside <regex> under the sanitizer build.)
    const std::string open = "href=\"";
    for (std::size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
      const std::size_t start = at + open.size();
      const std::string target = html.substr(start, html.find('"', start) - start);
      ASSERT_EQ(target.rfind('#', 0), 0u) << target;
      EXPECT_NE(html.find("id=\"" + target.substr(1) + "\""), std::string::npos) << target;
    }
  }
}

TEST(ImpactHtml, EveryChartIsLabelledAndFollowedByItsNumbers) {
  const std::string html = ImpactHtml(Sample(false));
  std::size_t charts = 0;
  for (std::size_t at = html.find("<svg"); at != std::string::npos;
       at = html.find("<svg", at + 1)) {
    ++charts;
    const std::string tag = html.substr(at, html.find('>', at) - at);
    EXPECT_NE(tag.find("role=\"img\""), std::string::npos) << tag;
    EXPECT_NE(tag.find("aria-label=\""), std::string::npos) << tag;
    EXPECT_NE(tag.find("viewBox=\""), std::string::npos) << tag;
    EXPECT_EQ(html.compare(html.find('>', at) + 1, 7, "<title>"), 0) << tag;
    // The chart's text alternative: a <details> table before the next chart.
    const std::size_t end = html.find("</svg>", at);
    const std::size_t details = html.find("<details>", end);
    const std::size_t next = html.find("<svg", at + 1);
    EXPECT_LT(details, next) << tag;
    EXPECT_LT(html.find("<table>", details), html.find("</details>", details));
  }
  // 6 goals + S3 (years, quarters, members) + W1 (years, members) + E2 (years, members).
  EXPECT_EQ(charts, 13u);
}

TEST(ImpactHtml, EscapesNamesAndTexts) {
  const std::string html = ImpactHtml(Sample(false));
  EXPECT_EQ(html.find(kTrust), std::string::npos);
  EXPECT_EQ(html.find("<Royal>"), std::string::npos);
  EXPECT_NE(html.find("St Mary's &amp; &lt;Royal&gt; Hospitals"), std::string::npos);
  EXPECT_NE(MemberRow(html, "St Mary's &amp; &lt;Royal&gt; Hospitals"), "");
}

TEST(ImpactHtml, NotReportedIsADashOrAGapNeverZero) {
  const std::string html = ImpactHtml(Sample(false));
  const std::string uni = MemberRow(html, "University C");
  ASSERT_NE(uni, "");
  // S2, MSME share, coverage, W1, W2S, E1, E2: all "—".
  EXPECT_EQ(Count(uni, ">\u2014<"), 7u) << uni;
  EXPECT_EQ(uni.find(">0<"), std::string::npos) << uni;
  EXPECT_EQ(uni.find("£0"), std::string::npos) << uni;
  EXPECT_EQ(uni.find("0.0%"), std::string::npos) << uni;
  EXPECT_NE(uni.find("missing"), std::string::npos);
  const std::string trust = MemberRow(html, "St Mary's &amp; &lt;Royal&gt; Hospitals");
  EXPECT_EQ(Count(trust, ">\u2014<"), 2u) << trust;                // E1, E2
  EXPECT_NE(html.find("\u2014 not reported"), std::string::npos);  // the legend
  // Charts: University C is "not reported" in the member charts; W1 in FY 2022/23 is a gap.
  EXPECT_NE(html.find(">University C</text><text"), std::string::npos);
  EXPECT_GE(Count(html, ">not reported</text>"), 3u);
  EXPECT_NE(html.find(">not</text>"), std::string::npos);
  EXPECT_NE(html.find(">reported</text>"), std::string::npos);
  // The numbers under the charts say it too.
  EXPECT_NE(html.find("<th scope=\"row\">University C</th><td class=\"num missing\">not "
                      "reported</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">FY 2022/23</th><td class=\"num missing\">\u2014</td>"),
            std::string::npos);
}

TEST(ImpactHtml, FormatsValuesByUnit) {
  const std::string html = ImpactHtml(Sample(false));
  EXPECT_NE(html.find("£1.90bn"), std::string::npos);
  EXPECT_NE(html.find("£215.0m"), std::string::npos);  // a member's S2
  EXPECT_NE(html.find("£45.0k"), std::string::npos);   // unmatched spend
  EXPECT_NE(html.find("7,300"), std::string::npos);
  EXPECT_NE(html.find("2,130 tCO2e"), std::string::npos);
  EXPECT_NE(html.find("45.5 tCO2e"), std::string::npos);  // one decimal below 100 t
  EXPECT_NE(html.find("28.0% of addressable spend"), std::string::npos);
}

TEST(ImpactHtml, GoalStatusesInWordsAndColour) {
  const std::string html = ImpactHtml(Sample(false));
  for (const auto& [cls, words] :
       std::map<std::string, std::string>{{"achieved", "Achieved"},
                                          {"on-track", "On track"},
                                          {"at-risk", "At risk"},
                                          {"off-track", "Off track"},
                                          {"no-data", "No data"},
                                          {"not-started", "Not started"}}) {
    EXPECT_NE(html.find(fmt::format(R"(<span class="status status-{}">{}</span>)", cls, words)),
              std::string::npos)
        << cls;
  }
  // The trajectory's expected value is marked (dashed) on goals still under way.
  EXPECT_NE(html.find("expected by 31 Mar 2024: 6,667"), std::string::npos);
  EXPECT_NE(html.find("target 10,000 tCO2e by 31 Mar 2025"), std::string::npos);
  EXPECT_NE(html.find("no data yet"), std::string::npos);
  EXPECT_NE(html.find("Why on track: 109% of where a straight line to the target expects "
                      "progress to be by 31 Mar 2024."),
            std::string::npos);
}

TEST(ImpactHtml, ShareGoalsNameTheirLowestMemberYear) {
  const std::string html = ImpactHtml(Sample(false));
  EXPECT_NE(html.find("1 of 2 member-years below it, the lowest 27.0% (St Mary's &amp; "
                      "&lt;Royal&gt; Hospitals, FY 2023/24)"),
            std::string::npos);
  EXPECT_NE(html.find(">lowest member-year: 27.0%</text>"), std::string::npos);
}

TEST(ImpactHtml, ManySpendFilesAreSummarisedPerMemberInAHeadlinesTrace) {
  ImpactReport r = Sample(false);
  Headline& h = r.headlines.front();
  h.trace.clear();
  for (int month = 1; month <= 20; ++month) {
    h.trace.push_back({"file", "council-a",
                       fmt::format("council-{:02}.csv: 100 lines, imported 2025-06-01", month),
                       99 + month});
  }
  h.trace.push_back({"file", "nhs-b", "nhs.csv: 10 lines", 7});
  h.trace.push_back({"rule", "", "payroll takes spend out of S1", 0});
  const std::string html = ImpactHtml(r);
  EXPECT_NE(html.find("<td>20 spend files: council-01.csv \u2026 council-20.csv (each under All "
                      "inputs)</td><td class=\"num\">#100\u2013#119</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>1 spend file: nhs.csv</td><td class=\"num\">#7</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>payroll takes spend out of S1</td>"), std::string::npos);
  EXPECT_NE(html.find("Every spend file behind this headline (21)"), std::string::npos);
  EXPECT_NE(html.find("details.all-files{display:none}"), std::string::npos);  // not printed
  EXPECT_NE(ImpactMarkdown(r).find("| file | Riverside Council | 20 spend files: council-01.csv "
                                   "\u2026 council-20.csv (each under All inputs) | "
                                   "#100\u2013#119 |"),
            std::string::npos);
}

TEST(ImpactHtml, DataQualitySectionListsWhatIsMissingAndFlagged) {
  const std::string html = ImpactHtml(Sample(false));
  const std::size_t at = html.find("id=\"data-quality\"");
  ASSERT_NE(at, std::string::npos);
  const std::string q = html.substr(at, html.find("</section>", at) - at);
  EXPECT_NE(q.find("1 of 3 members sent no return for FY 2023/24:"), std::string::npos);
  EXPECT_NE(q.find("<li>University C</li>"), std::string::npos);
  EXPECT_NE(q.find("<dt>Supplier size known</dt><dd>73.0%</dd>"), std::string::npos);
  EXPECT_NE(q.find("<dt>Location known</dt><dd>not known</dd>"), std::string::npos);
  EXPECT_NE(q.find("figure_outlier"), std::string::npos);
  EXPECT_NE(q.find("FY 2023/24 Q2"), std::string::npos);
  EXPECT_NE(q.find("60.0%"), std::string::npos);  // levy: £60k of £100k
  EXPECT_NE(q.find("12 suppliers"), std::string::npos);
  EXPECT_NE(q.find("3 spend rows were rejected"), std::string::npos);
}

TEST(ImpactHtml, SyntheticBannerIffSynthetic) {
  const std::string real = ImpactHtml(Sample(false));
  EXPECT_EQ(real.find("SYNTHETIC"), std::string::npos);
  EXPECT_EQ(real.find("class=\"synthetic"), std::string::npos);
  const std::string demo = ImpactHtml(Sample(true));
  const std::size_t banner = demo.find(R"(<p class="synthetic sticky" role="note">SYNTHETIC)");
  ASSERT_NE(banner, std::string::npos);
  EXPECT_LT(banner, demo.find("<h1>"));  // before anything else
  // Printed: a line in each page's top margin, a watermark, and a banner heading each section.
  EXPECT_NE(demo.find("@top-center{content:\"SYNTHETIC"), std::string::npos);
  EXPECT_NE(demo.find("class=\"watermark\""), std::string::npos);
  EXPECT_EQ(Count(demo, "<p class=\"synthetic print-only\">"), 4u + 4u + 1u);  // +footer
}

TEST(ImpactHtml, PrintsOnA4) {
  const std::string html = ImpactHtml(Sample(false));
  const std::size_t print = html.find("@media print{");
  ASSERT_NE(print, std::string::npos);
  const std::string css = html.substr(print, html.find("</style>") - print);
  EXPECT_NE(css.find("@page{size:A4"), std::string::npos);
  EXPECT_NE(css.find("section.major{break-before:page"), std::string::npos);
  EXPECT_NE(css.find("break-inside:avoid"), std::string::npos);
  EXPECT_NE(css.find("background:none"), std::string::npos);
  EXPECT_NE(css.find("a{color:inherit;text-decoration:none}"), std::string::npos);
}

TEST(ImpactHtml, EmptyReportStillRenders) {
  ImpactReport r;
  r.network.name = "Empty";
  r.financial_year = 2024;
  const std::string html = ImpactHtml(r);
  EXPECT_NE(html.find("Empty \u2014 impact report FY 2024/25"), std::string::npos);
  EXPECT_NE(html.find("Nothing to announce"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_NE(ImpactMarkdown(r).find("# Empty"), std::string::npos);
}

// ---- Markdown.

TEST(ImpactMarkdown, CarriesTheSameContent) {
  const ImpactReport r = Sample(false);
  const std::string md = ImpactMarkdown(r);
  EXPECT_EQ(md.rfind("# Riverside Anchor Network \u2014 impact report FY 2023/24\n", 0), 0u);
  for (const Headline& h : r.headlines) {
    EXPECT_NE(md.find(h.text), std::string::npos) << h.id;
    EXPECT_NE(md.find(h.basis), std::string::npos) << h.id;
    EXPECT_NE(md.find("<a id=\"trace-" + h.id + "\"></a>"), std::string::npos) << h.id;
  }
  for (const char* heading :
       {"## Inclusive growth through procurement", "## Good work", "## Net zero", "### Goals",
        "## Members in FY 2023/24", "## Data quality", "## Definitions",
        "## How each headline was worked out", "### All inputs"}) {
    EXPECT_NE(md.find(std::string("\n") + heading + "\n"), std::string::npos) << heading;
  }
  EXPECT_NE(md.find("| msme-share | S3 share | the network | FY 2022/23 to 2024/25 | 30.0% | "
                    "28.0% | \u2014 | At risk | 73.0% |"),
            std::string::npos);
  EXPECT_NE(md.find("| FY 2022/23 | \u2014 | 0 of 3 reporting |"), std::string::npos);
  EXPECT_NE(md.find("- rlw-uplift: 7,200 staff uplifted to the Real Living Wage. On track: 109% "
                    "of where"),
            std::string::npos);
  EXPECT_NE(md.find("| University C | not reported |"), std::string::npos);
  EXPECT_NE(md.find("| University C | Higher education | \u2014 | \u2014 | \u2014 | \u2014 | "
                    "\u2014 | \u2014 | \u2014 | missing | none |"),
            std::string::npos);
  EXPECT_NE(md.find("| Riverside Council | Local government | £215.0m | 30.0% | 81.0% | 5,000 | "
                    "40 | 120 | 2,130 tCO2e | submitted 3 May 2024 | none |"),
            std::string::npos);
  // Names are escaped for Markdown (no raw HTML).
  EXPECT_EQ(md.find("<Royal>"), std::string::npos);
  EXPECT_NE(md.find("St Mary's & &lt;Royal> Hospitals"), std::string::npos);
}

TEST(ImpactMarkdown, SyntheticIffSynthetic) {
  EXPECT_EQ(ImpactMarkdown(Sample(false)).find("SYNTHETIC"), std::string::npos);
  EXPECT_NE(ImpactMarkdown(Sample(true)).find("> **SYNTHETIC DEMO DATA"), std::string::npos);
}

// ---- XLSX.

// Every row of one sheet: sheet row number -> cells.
std::map<std::int64_t, std::vector<std::string>> ReadSheet(const std::string& path,
                                                           const std::string& sheet) {
  std::map<std::int64_t, std::vector<std::string>> out;
  auto source = ingest::OpenXlsx(path, sheet);
  if (!source) {
    ADD_FAILURE() << source.error().ToString();
    return out;
  }
  ingest::Row row;
  while (true) {
    auto more = (*source)->Next(row);
    if (!more || !*more) break;
    out[row.line] = std::vector<std::string>(row.cells.begin(), row.cells.end());
  }
  return out;
}

std::string CellAt(const std::map<std::int64_t, std::vector<std::string>>& rows, std::int64_t line,
                   std::size_t column) {
  const auto it = rows.find(line);
  if (it == rows.end() || column >= it->second.size()) return "";
  return it->second[column];
}

TEST(ImpactXlsx, WritesEverySheetWithTypedCells) {
  const std::string path = testing::TestFilePath("impact-", ".xlsx");
  ASSERT_TRUE(WriteImpactXlsx(Sample(true), path).has_value());
  ASSERT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(testing::ReadFile(path).substr(0, 2), "PK");
  auto sheets = ingest::ListXlsxSheets(path);
  ASSERT_TRUE(sheets) << sheets.error().ToString();
  EXPECT_EQ(*sheets, (std::vector<std::string>{"Headlines", "Goals", "Series", "Members", "Returns",
                                               "Projects", "Levy transfers", "Data quality",
                                               "Definitions", "Trace"}));
  for (const std::string& sheet : *sheets) {
    const auto rows = ReadSheet(path, sheet);
    EXPECT_EQ(CellAt(rows, 3, 0).rfind("SYNTHETIC DEMO DATA", 0), 0u) << sheet;
    EXPECT_NE(CellAt(rows, 1, 0).find("impact report FY 2023/24"), std::string::npos) << sheet;
  }
  // Headlines: money in pounds, tonnes as tonnes, counts as integers.
  const auto headlines = ReadSheet(path, "Headlines");
  EXPECT_EQ(CellAt(headlines, 5, 0), "Id");
  EXPECT_EQ(CellAt(headlines, 6, 0), "msme-spend");
  EXPECT_EQ(CellAt(headlines, 6, 4), "1900000000");
  EXPECT_EQ(CellAt(headlines, 7, 4), "7300");
  EXPECT_EQ(CellAt(headlines, 8, 4), "2130");
  EXPECT_EQ(CellAt(headlines, 8, 5), "tCO2e");
  // Members: what was not reported is a blank cell, not 0.
  const auto members = ReadSheet(path, "Members");
  EXPECT_EQ(CellAt(members, 7, 0), "nhs-b");
  EXPECT_EQ(CellAt(members, 7, 1), kTrust);
  EXPECT_EQ(CellAt(members, 7, 3), "143000000");
  EXPECT_EQ(CellAt(members, 7, 8), "");  // E1
  EXPECT_EQ(CellAt(members, 8, 1), "University C");
  for (std::size_t c = 3; c <= 9; ++c) EXPECT_EQ(CellAt(members, 8, c), "") << c;
  EXPECT_EQ(CellAt(members, 8, 10), "missing");
  // Goals: every goal, then its rows.
  const auto goals = ReadSheet(path, "Goals");
  EXPECT_EQ(CellAt(goals, 6, 0), "msme-3y");
  EXPECT_EQ(CellAt(goals, 6, 9), "1170000000");
  EXPECT_EQ(CellAt(goals, 6, 12), "");
  EXPECT_EQ(CellAt(goals, 9, 0), "msme-share");
  EXPECT_EQ(CellAt(goals, 9, 9), "0.3");
  EXPECT_EQ(CellAt(goals, 12, 0), "rlw-uplift");
  EXPECT_EQ(CellAt(goals, 12, 15).rfind("109% of where", 0), 0u);
  // Projects keep the factor used; the saving in tonnes.
  const auto projects = ReadSheet(path, "Projects");
  EXPECT_EQ(CellAt(projects, 6, 10), "ELEC-UK");
  EXPECT_EQ(CellAt(projects, 6, 12), "0.20705");
  EXPECT_EQ(CellAt(projects, 6, 13), "124.23");
  // Returns: per scope, each measure in its unit; blank where not reported.
  const auto returns = ReadSheet(path, "Returns");
  EXPECT_EQ(CellAt(returns, 6, 0), "network");
  EXPECT_EQ(CellAt(returns, 7, 0), "council-a");
  EXPECT_NE(CellAt(returns, 7, 3)
                .find("#20 FY 2023/24 (council-a-return.xlsx, submitted 3 May "
                      "2024)"),
            std::string::npos);
  std::filesystem::remove(path);
}

TEST(ImpactXlsx, NotSyntheticHasNoBanner) {
  const std::string path = testing::TestFilePath("impact-", ".xlsx");
  ASSERT_TRUE(WriteImpactXlsx(Sample(false), path).has_value());
  const auto rows = ReadSheet(path, "Headlines");
  EXPECT_EQ(CellAt(rows, 3, 0), "");
  std::filesystem::remove(path);
}

TEST(ImpactXlsx, UnwritablePathIsStoreIo) {
  const std::string path = testing::TestFilePath("no-such-dir-", "") + "/impact.xlsx";
  const core::Status s = WriteImpactXlsx(Sample(false), path);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, core::ErrorCode::kStoreIo);
}

// ---- Shared helpers and SVG.

TEST(ImpactCommon, WritesIsoDatesUkStyleButNotInsideFileNames) {
  EXPECT_EQ(internal::UkDates("imported 2025-06-01, paid 2023-04-01 to 2024-03-31."),
            "imported 1 Jun 2025, paid 1 Apr 2023 to 31 Mar 2024.");
  EXPECT_EQ(internal::UkDates("lambeth_2023-04-01.csv and 2023-04-01.csv"),
            "lambeth_2023-04-01.csv and 2023-04-01.csv");
  EXPECT_EQ(internal::UkDates("submitted 2024-05-03"), "submitted 3 May 2024");
  EXPECT_EQ(internal::UkDates("2024-13-45 stays"), "2024-13-45 stays");
  EXPECT_EQ(internal::UkDate("2024-03-31T23:00:00Z"), "31 Mar 2024");
}

TEST(Svg, EscapesAndCutsLabelsWithoutSplittingCharacters) {
  EXPECT_EQ(svg::Escape("a & <b> \"c\""), "a &amp; &lt;b&gt; &quot;c&quot;");
  EXPECT_EQ(svg::Ellipsis("short", 10), "short");
  EXPECT_EQ(svg::Ellipsis("£££££", 3), "££\u2026");
  EXPECT_EQ(svg::Ellipsis("abcdef", 4), "abc\u2026");
}

TEST(Svg, HorizontalBarsCutLongLabelsAndLabelGaps) {
  svg::HorizontalBarsChart chart;
  chart.title = "Spend & more";
  const std::string long_name =
      "The Royal Borough of Somewhere Very Long Indeed & Partners Hospital Trust";
  chart.bars = {{long_name, 100.0, "£100"}, {"Short", std::nullopt, "\u2014"}};
  chart.target = 150;
  chart.target_text = "target £150";
  const std::string s = svg::HorizontalBars(chart);
  EXPECT_EQ(s.rfind("<svg class=\"chart\" role=\"img\" aria-label=\"Spend &amp; more\"", 0), 0u);
  EXPECT_NE(s.find("<title>Spend &amp; more</title>"), std::string::npos);
  EXPECT_NE(s.find("<title>" + svg::Escape(long_name) + "</title>"), std::string::npos);
  EXPECT_NE(s.find("\u2026</text>"), std::string::npos);
  EXPECT_EQ(Count(s, "<rect"), 1u);  // no bar for the gap
  EXPECT_NE(s.find(">not reported</text>"), std::string::npos);
  EXPECT_NE(s.find(">target £150</text>"), std::string::npos);
  EXPECT_EQ(s.find("xmlns"), std::string::npos);
  EXPECT_EQ(s.substr(s.size() - 6), "</svg>");
}

TEST(Svg, VerticalBarsLeaveAGapForMissingValues) {
  svg::VerticalBarsChart chart;
  chart.title = "Trend";
  chart.bars = {{"2021/22", 3.0, "3"}, {"2022/23", std::nullopt, "\u2014"}, {"2023/24", 0.0, "0"}};
  chart.whole_numbers = true;
  const std::string s = svg::VerticalBars(chart);
  EXPECT_EQ(Count(s, "<rect"), 2u);  // a zero is a (flat) bar; a gap is none
  EXPECT_NE(s.find(">not</text>"), std::string::npos);
  EXPECT_NE(s.find(">reported</text>"), std::string::npos);
  EXPECT_EQ(s.find(">0.5<"), std::string::npos);  // whole-number ticks only
}

TEST(Svg, ProgressBarShowsStatusTargetAndExpected) {
  svg::ProgressChart chart;
  chart.title = "Goal";
  chart.achieved = 40;
  chart.target = 100;
  chart.expected = 60;
  chart.achieved_text = "40 so far";
  chart.target_text = "target 100";
  chart.expected_text = "expected 60";
  chart.status_text = "At risk";
  chart.tone = svg::Tone::kWarning;
  const std::string s = svg::ProgressBar(chart);
  EXPECT_NE(s.find(">At risk</text>"), std::string::npos);
  EXPECT_NE(s.find("fill=\"#8a5300\""), std::string::npos);
  EXPECT_NE(s.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(s.find(">expected 60</text>"), std::string::npos);
  chart.achieved.reset();
  EXPECT_NE(svg::ProgressBar(chart).find(">no data yet</text>"), std::string::npos);
}

double Luminance(std::string_view hex) {
  auto channel = [&](std::size_t at) {
    const double c = std::stoi(std::string(hex.substr(at, 2)), nullptr, 16) / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

TEST(Svg, ToneColoursMeetWcagAaOnWhite) {
  for (const svg::Tone tone : {svg::Tone::kNeutral, svg::Tone::kGood, svg::Tone::kDone,
                               svg::Tone::kWarning, svg::Tone::kBad, svg::Tone::kMuted}) {
    const double contrast = 1.05 / (Luminance(svg::ToneColour(tone)) + 0.05);
    EXPECT_GE(contrast, 4.5) << svg::ToneColour(tone);
  }
}

// ---- The sample page, written out whole: to ANCHORNET_WRITE_SAMPLE's path (ending ".html") or
// /tmp/impact_sample.html when the variable is set, for a look; else to the test's temp dir.

TEST(ImpactSample, WritesSampleHtml) {
  const char* where = std::getenv("ANCHORNET_WRITE_SAMPLE");
  std::string path = testing::TestFilePath("impact_sample_", ".html");
  if (where != nullptr)
    path = std::string(where).ends_with(".html") ? where : "/tmp/impact_sample.html";
  const std::string html = ImpactHtml(Sample(true));
  std::ofstream(path, std::ios::binary) << html;
  std::ofstream(path.substr(0, path.size() - 5) + ".md") << ImpactMarkdown(Sample(true));
  EXPECT_EQ(testing::ReadFile(path), html);
  EXPECT_TRUE(html.ends_with("</html>\n") || html.ends_with("</html>"))
      << html.substr(html.size() - 40);
}

}  // namespace
}  // namespace anchornet::report
