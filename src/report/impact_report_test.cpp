// Tests of the impact report renderers (HTML, Markdown, XLSX) and the SVG charts over an
// ImpactReport built by hand: three members, one of which sent nothing (no return, no payments),
// a goal of each status, a member name that needs escaping, a year whose supplier sizes are not
// known at all and a quarter whose size coverage is low.
//
// The whole HTML and Markdown pages are compared with reference files in src/report/testdata/
// (ANCHORNET_UPDATE_REFERENCE=1 rewrites them; tests/README.md); the tests here check what a
// reference file cannot say by itself: links resolve, nothing external, escaping, gaps and
// "not known" drawn as no bar, the synthetic banner only when synthetic. XLSX is read back with
// the repo's own reader (ingest/xlsx_reader.h).
#include "report/impact_report.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/coverage.h"
#include "ingest/xlsx_reader.h"
#include "reference.h"
#include "report/internal/impact_common.h"
#include "report/svg.h"
#include "test_util.h"

namespace anchornet::report {
namespace {

using metrics::FigureCoverage;
using metrics::FigureSource;
using metrics::GoalProgress;
using metrics::Headline;
using metrics::HeadlineKind;
using metrics::ImpactReport;
using metrics::ImpactSeries;
using metrics::TraceItem;
using metrics::TraceKind;

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
  g.confidence = core::JudgeCoverage(g.coverage);  // as metrics judges it
  g.basis =
      fmt::format("{}, {} over FY 2022/23-2024/25", metrics::GoalSourceName(g.source), measure);
  g.expected_fraction = 0.6667;
  return g;
}

ImpactSeries Series(const std::string& measure, const std::string& label, core::ReturnUnit unit,
                    FigureSource source) {
  ImpactSeries s;
  s.measure = measure;
  s.label = label;
  s.unit = unit;
  s.source = source;
  s.definition = label + " (definition).";
  return s;
}

core::CarbonProject LedProject() {
  core::CarbonProject p;
  p.id = "RIV-LED";
  p.name = "LED retrofit";
  p.kind = "retrofit";
  p.unit = "kWh";
  p.activity_year = 2023;
  p.baseline = 1'000'000;
  p.after = 400'000;
  p.factor_id = "ELEC-UK";
  p.factor = 0.20705;
  p.saved_kg = 124'230;
  return p;
}

FigureCoverage Covered(metrics::CoverageFact fact, double share) {
  return {fact, share, core::JudgeCoverage(share)};
}

TraceItem File(const std::string& member, const std::string& name, std::int64_t lines,
               std::int64_t id, bool paid) {
  metrics::FileInput f{name, lines, std::nullopt, std::nullopt, "2025-06-01T09:00:00Z"};
  if (paid) {
    f.first_paid = core::FromCivil(2023, 4, 1);
    f.last_paid = core::FromCivil(2024, 3, 31);
  }
  return {TraceKind::kFile, member, id, f};
}

Headline Payments(HeadlineKind kind, const std::string& measure, std::int64_t value, int from_fy,
                  FigureCoverage coverage) {
  Headline h;
  h.kind = kind;
  h.id = std::string(metrics::HeadlineId(kind));
  h.measure = measure;
  h.source = FigureSource::kPayments;
  h.value = value;
  h.unit = core::ReturnUnit::kPounds;
  h.from_fy = from_fy;
  h.to_fy = 2023;
  h.coverage = coverage;
  h.members_with_data = 2;
  h.members = 3;
  return h;
}

Headline Returns(HeadlineKind kind, core::Pillar pillar, const std::string& measure,
                 std::int64_t value, core::ReturnUnit unit, int reporting) {
  Headline h;
  h.kind = kind;
  h.id = std::string(metrics::HeadlineId(kind));
  h.pillar = pillar;
  h.measure = measure;
  h.source = FigureSource::kReturns;
  h.value = value;
  h.unit = unit;
  h.members_with_data = reporting;
  h.members = 3;
  return h;
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

  metrics::AppliedRule payroll;
  payroll.id = "payroll";
  payroll.stage = core::RuleStage::kS1;
  payroll.reason = "Payroll is not third-party spend";
  payroll.is_default = true;
  const std::vector<TraceItem> spend_trace = {
      File("council-a", "council_a_2023-24.csv", 4210, 11, true),
      File("nhs-b", "nhs-b-spend.csv", 1020, 12, false),
      {TraceKind::kRule, "", 0, metrics::RuleInput{payroll, true}},
      {TraceKind::kRegister, "", 0, metrics::ClassificationInput{}}};
  Headline msme = Payments(HeadlineKind::kMsmeSpend, "S3", 190'000 * kMillion, 2022,
                           Covered(metrics::CoverageFact::kSupplierSize, 0.73));
  msme.goal = metrics::HeadlineGoal{"msme-3y", 2022, 2024, 190'000 * kMillion, 117'000 * kMillion};
  msme.trace = spend_trace;
  Headline vcse = Payments(HeadlineKind::kVcseSpend, "S6", 12 * kMillion, 2023,
                           Covered(metrics::CoverageFact::kVcseStatus, 0.31));
  vcse.trace = spend_trace;
  Headline wage_headline = Returns(HeadlineKind::kLivingWage, core::Pillar::kGoodWork, "W1", 7300,
                                   core::ReturnUnit::kCount, 2);
  wage_headline.wage_rate =
      core::LivingWageRate{core::FromCivil(2023, 10, 24), core::FromCivil(2024, 4, 1), 1415, 1290};
  wage_headline.employees = 6000;
  wage_headline.contractors = 1300;
  metrics::ReturnInput nhs_return;
  nhs_return.financial_year = 2023;
  nhs_return.file_name = "nhs.csv";
  nhs_return.submitted_at = "2024-05-03T10:00:00Z";
  nhs_return.measure = "W1";
  nhs_return.value = 2300;
  wage_headline.trace = {{TraceKind::kReturn, "nhs-b", 21, nhs_return}};
  Headline carbon_headline = Returns(HeadlineKind::kCarbonSaved, core::Pillar::kNetZero, "E2",
                                     2'130 * kTonne, core::ReturnUnit::kTonnes, 1);
  const core::CarbonProject led = LedProject();
  carbon_headline.trace = {{TraceKind::kFactor, "council-a", 0, metrics::ProjectInput{led}}};
  r.headlines = {msme, vcse, wage_headline, carbon_headline};

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

  // S3: FY 2021/22 not known (no supplier's size known), Q3 of the year known only in part.
  ImpactSeries s3 = Series("S3", "Spend with micro, small and medium businesses",
                           core::ReturnUnit::kPounds, FigureSource::kPayments);
  const FigureCoverage size = Covered(metrics::CoverageFact::kSupplierSize, 0.73);
  s3.trend = {{2021, 0, 0, 1, Covered(metrics::CoverageFact::kSupplierSize, 0.0)},
              {2022, 0, 90'000 * kMillion, 2, size},
              {2023, 0, 100'000 * kMillion, 2, size},
              {2023, 1, 25'000 * kMillion, 0, size},
              {2023, 2, 30'000 * kMillion, 0, size},
              {2023, 3, 45'000 * kMillion, 0, Covered(metrics::CoverageFact::kSupplierSize, 0.2)},
              {2023, 4, std::nullopt, 0, {}}};
  s3.members = {{"council-a", "Riverside Council", 60'000 * kMillion, size},
                {"nhs-b", kTrust, 40'000 * kMillion, size},
                {"uni-c", "University C", std::nullopt, {}}};
  s3.network = 100'000 * kMillion;
  s3.network_coverage = size;
  s3.share = 0.28;
  ImpactSeries w1 = Series("W1", "Staff uplifted to the Real Living Wage", core::ReturnUnit::kCount,
                           FigureSource::kReturns);
  w1.trend = {{2022, 0, std::nullopt, 0, {}}, {2023, 0, 7300, 2, {}}};
  w1.members = {{"council-a", "Riverside Council", 5000, {}},
                {"nhs-b", kTrust, 2300, {}},
                {"uni-c", "University C", std::nullopt, {}}};
  w1.network = 7300;
  ImpactSeries e2 = Series("E2", "Carbon saved", core::ReturnUnit::kTonnes, FigureSource::kReturns);
  e2.trend = {{2022, 0, 45'500, 1, {}}, {2023, 0, 2'130 * kTonne, 1, {}}};
  e2.members = {{"council-a", "Riverside Council", 2'130 * kTonne, {}},
                {"nhs-b", kTrust, std::nullopt, {}},
                {"uni-c", "University C", std::nullopt, {}}};
  e2.network = 2'130 * kTonne;
  r.sections = {
      {core::Pillar::kProcurement,
       "Inclusive growth through procurement",
       {"msme-spend", "vcse-spend"},
       {"msme-3y", "msme-share"},
       {s3}},
      {core::Pillar::kGoodWork, "Good work", {"living-wage"}, {"rlw-uplift"}, {w1}},
      {core::Pillar::kYoungPeople, "Young people", {}, {"later"}, {}},
      {core::Pillar::kNetZero, "Net zero", {"carbon-saved"}, {"carbon", "literacy"}, {e2}}};

  metrics::ImpactMemberRow council;
  council.member = "council-a";
  council.name = "Riverside Council";
  council.sector = "Local government";
  council.s2 = 215 * kMillion * kPounds;
  council.msme_share = 0.30;
  council.coverage = 0.81;
  council.confidence = core::Confidence::kSufficient;
  council.w1 = 5000;
  council.w2s = 40;
  council.e1 = 120;
  council.e2 = 2'130 * kTonne;
  council.return_status = {metrics::ReturnState::kSubmitted, "2024-05-03T10:00:00Z", 0};
  metrics::ImpactMemberRow trust;
  trust.member = "nhs-b";
  trust.name = kTrust;
  trust.sector = "NHS";
  trust.s2 = 143 * kMillion * kPounds;
  trust.msme_share = 0.0;
  trust.coverage = 0.0;  // no supplier's size known: the share is not known
  trust.w1 = 2300;
  trust.w2s = 25;
  trust.return_status = {metrics::ReturnState::kQuarters, "", 2};
  trust.flags = 1;
  metrics::ImpactMemberRow uni;
  uni.member = "uni-c";
  uni.name = "University C";
  uni.sector = "Higher education";
  r.members = {council, trust, uni};

  r.quality.missing_returns = {"University C"};
  r.quality.missing_payments = {"University C"};
  r.quality.size_coverage = 0.73;
  r.quality.vcse_coverage = 0.31;
  r.quality.location_coverage = std::nullopt;
  r.quality.size_confidence = core::Confidence::kSufficient;
  r.quality.vcse_confidence = core::Confidence::kLow;
  r.quality.location_confidence = core::Confidence::kNotKnown;
  r.quality.flagged = {{"nhs-b", 2023, 2, "W1D", 2300, "figure_outlier", 21}};
  r.quality.levy_warnings = {{"council-a", 2023, 60'000 * kPounds, 100'000 * kPounds}};
  r.quality.unmatched_suppliers = 12;
  r.quality.unmatched_spend = 45'000 * kPounds;
  r.quality.rejected_rows = 3;
  r.quality.notes = {metrics::QualityNote::kMissingReturns, metrics::QualityNote::kSizeCoverage};
  if (synthetic) r.quality.notes.push_back(metrics::QualityNote::kSynthetic);
  r.definitions = {
      {"S3", "Spend with micro, small and medium businesses", "£", "S2 paid to MSMEs."},
      {"W1", "Staff uplifted to the Real Living Wage", "people / items", "W1D + W1C."},
      {"E2", "Carbon saved", "tonnes CO2e", "E2D + E2P."}};
  r.living_wage = wage_headline.wage_rate;
  r.inputs = {spend_trace[0], spend_trace[1]};
  metrics::ReturnInput whole_year = nhs_return;
  whole_year.measure.clear();
  whole_year.value.reset();
  whole_year.replaces = true;
  r.inputs.push_back({TraceKind::kReturn, "nhs-b", 21, whole_year});
  r.inputs.push_back(
      {TraceKind::kRegister, "", 3,
       metrics::RegisterInput{"Companies House", "companies", 5'500'000, "2025-05-30T08:00:00Z"}});
  r.inputs.push_back({TraceKind::kRule, "", 0, metrics::RuleInput{payroll, false}});
  r.inputs.push_back(
      {TraceKind::kFactor, "", 0,
       metrics::FactorInput{2023, "ELEC-UK", "UK electricity > Electricity generated", 0.20705,
                            "kWh"}});
  r.inputs.push_back(
      {TraceKind::kGoal, "", 0,
       metrics::GoalInput{"msme-3y", "£1.17bn with MSMEs over three years", core::GoalKind::kCumulative}});

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
  r.returns.projects = {{"council-a", led}};
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

std::string TestData(const std::string& name) {
  return std::string(ANCHORNET_SOURCE_DIR) + "/src/report/testdata/" + name;
}

// ---- Whole pages against their reference files.

TEST(ImpactReference, HtmlPageIsTheReferencePage) {
  testing::ExpectMatchesReference(ImpactHtml(Sample(true)), TestData("impact_sample.html"));
}

TEST(ImpactReference, MarkdownIsTheReferenceMarkdown) {
  testing::ExpectMatchesReference(ImpactMarkdown(Sample(true)), TestData("impact_sample.md"));
}

// ---- HTML: what the reference page cannot say by itself.

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
  EXPECT_NE(MemberRow(html, "St Mary's &amp; &lt;Royal&gt; Hospitals"), "");
  const std::string md = ImpactMarkdown(Sample(false));
  EXPECT_EQ(md.find("<Royal>"), std::string::npos);
  EXPECT_NE(md.find("St Mary's & &lt;Royal> Hospitals"), std::string::npos);
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
  // Charts: University C is "not reported" in the member charts; W1 in FY 2022/23 is a gap.
  EXPECT_GE(Count(html, ">not reported</text>"), 3u);
  EXPECT_NE(html.find(">reported</text>"), std::string::npos);
}

// A year whose coverage is zero is not known: words, never a zero bar; a low coverage shows the
// figure with a warning mark.
TEST(ImpactHtml, NotKnownIsAGapWithWordsAndLowCoverageIsMarked) {
  const ImpactReport r = Sample(false);
  const std::string html = ImpactHtml(r);
  const std::size_t at = html.find("by financial year, £");
  ASSERT_NE(at, std::string::npos);
  const std::string years = html.substr(at, html.find("</svg>", at) - at);
  // Three years, one of them not known: two bars, and the gap says why.
  EXPECT_EQ(Count(years, "<rect"), 2u) << years;
  EXPECT_NE(years.find(">not</text>"), std::string::npos);
  EXPECT_NE(years.find(">known</text>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num not-known\">not known</td>"), std::string::npos);
  // The low quarter keeps its bar and its figure, marked.
  EXPECT_NE(html.find("<td class=\"num low\">\u26a0 £450.0m</td>"), std::string::npos);
  // The member whose suppliers' sizes are all unknown: its MSME share is not known (its size
  // coverage, 0.0%, is itself known).
  const std::string trust = MemberRow(html, "St Mary's &amp; &lt;Royal&gt; Hospitals");
  EXPECT_NE(trust.find("<td class=\"num missing\">not known</td><td class=\"num\">0.0%</td>"),
            std::string::npos)
      << trust;
  // A headline below the threshold carries the warning beside it, in both renderings.
  const std::string warning = internal::HeadlineWarning(r, r.headlines[1]);
  EXPECT_NE(warning.find("31%"), std::string::npos) << warning;
  EXPECT_NE(html.find(svg::Escape(warning)), std::string::npos);
  EXPECT_NE(ImpactMarkdown(r).find(warning), std::string::npos);
}

TEST(ImpactWords, AHeadlineWhoseCoverageIsZeroIsNotKnownNotZero) {
  ImpactReport r = Sample(false);
  Headline& h = r.headlines.front();
  h.goal.reset();
  h.from_fy = 2023;
  h.value = 0;
  h.coverage = Covered(metrics::CoverageFact::kSupplierSize, 0.0);
  const ImpactHeadlineWords words = HeadlineWords(r, h);
  EXPECT_EQ(words.figure, "not known");
  EXPECT_EQ(words.text,
            "Spend with micro, small and medium businesses in FY 2023/24: not known: supplier "
            "size is known for none of the addressable spend \u2014 load the registers");
  EXPECT_EQ(words.text.find("£0"), std::string::npos);
  EXPECT_NE(words.basis.find("supplier size known for none of addressable spend"),
            std::string::npos);
  EXPECT_EQ(words.warning, "");
  // The same figure with some coverage is shown, with a warning only below the threshold.
  h.value = 5 * kMillion;
  h.coverage = Covered(metrics::CoverageFact::kSupplierSize, 0.4);
  EXPECT_EQ(HeadlineWords(r, h).figure, "£50.0k");
  EXPECT_NE(HeadlineWords(r, h).warning.find("below the network's 50%"), std::string::npos);
  r.network.coverage_warning_below = 0.3;
  h.coverage = {metrics::CoverageFact::kSupplierSize, 0.4,
                core::JudgeCoverage(0.4, r.network.coverage_warning_below)};
  EXPECT_EQ(HeadlineWords(r, h).warning, "");
}

TEST(ImpactWords, TraceLinesInIsoForDataAndUkForPages) {
  const TraceItem file = File("council-a", "lambeth_2023-04-01.csv", 4210, 11, true);
  EXPECT_EQ(ImpactTraceText(file),
            "lambeth_2023-04-01.csv: 4,210 lines, paid 2023-04-01 to 2024-03-31, imported "
            "2025-06-01");
  EXPECT_EQ(internal::TraceText(file, internal::DateStyle::kUk),
            "lambeth_2023-04-01.csv: 4,210 lines, paid 1 Apr 2023 to 31 Mar 2024, imported "
            "1 Jun 2025");
  EXPECT_EQ(ImpactReturnStatusText({metrics::ReturnState::kSubmitted, "2024-05-03T10:00:00Z", 0}),
            "submitted 2024-05-03");
  EXPECT_EQ(ImpactReturnStatusText({metrics::ReturnState::kQuarters, "", 3}), "3 of 4 quarters");
  EXPECT_EQ(ImpactReturnStatusText({}), "missing");
  EXPECT_EQ(internal::UkDate("2024-03-31T23:00:00Z"), "31 Mar 2024");
}

TEST(ImpactHtml, ManySpendFilesAreSummarisedPerMemberInAHeadlinesTrace) {
  ImpactReport r = Sample(false);
  Headline& h = r.headlines.front();
  h.trace.clear();
  for (int month = 1; month <= 20; ++month) {
    h.trace.push_back(
        File("council-a", fmt::format("council-{:02}.csv", month), 100, 99 + month, false));
  }
  h.trace.push_back(File("nhs-b", "nhs.csv", 10, 7, false));
  const std::string html = ImpactHtml(r);
  EXPECT_NE(html.find("<td>20 spend files: council-01.csv \u2026 council-20.csv (each under All "
                      "inputs)</td><td class=\"num\">#100\u2013#119</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>1 spend file: nhs.csv</td><td class=\"num\">#7</td>"),
            std::string::npos);
  EXPECT_NE(html.find("Every spend file behind this headline (21)"), std::string::npos);
  EXPECT_NE(ImpactMarkdown(r).find("| file | Riverside Council | 20 spend files: council-01.csv "
                                   "\u2026 council-20.csv (each under All inputs) | "
                                   "#100\u2013#119 |"),
            std::string::npos);
  // With few files, each is listed.
  r.headlines.front().trace.resize(3);
  EXPECT_EQ(ImpactHtml(r).find("spend files:"), std::string::npos);
}

TEST(ImpactHtml, SyntheticBannerIffSynthetic) {
  const std::string real = ImpactHtml(Sample(false));
  EXPECT_EQ(real.find("SYNTHETIC"), std::string::npos);
  EXPECT_EQ(real.find("class=\"synthetic"), std::string::npos);
  EXPECT_EQ(real.find("watermark"), std::string::npos);
  const std::string demo = ImpactHtml(Sample(true));
  const std::size_t banner = demo.find(R"(<p class="synthetic sticky" role="note">SYNTHETIC)");
  ASSERT_NE(banner, std::string::npos);
  EXPECT_LT(banner, demo.find("<h1>"));  // before anything else
  EXPECT_NE(demo.find("@top-center{content:\"SYNTHETIC"), std::string::npos);
  EXPECT_EQ(Count(demo, "<p class=\"synthetic print-only\">"), 4u + 4u + 1u);  // +footer
  EXPECT_EQ(ImpactMarkdown(Sample(false)).find("SYNTHETIC"), std::string::npos);
  EXPECT_NE(ImpactMarkdown(Sample(true)).find("> **SYNTHETIC DEMO DATA"), std::string::npos);
}

TEST(ImpactHtml, EmptyReportStillRenders) {
  ImpactReport r;
  r.network.name = "Empty";
  r.financial_year = 2024;
  const std::string html = ImpactHtml(r);
  EXPECT_NE(html.find("Empty \u2014 impact report FY 2024/25"), std::string::npos);
  EXPECT_NE(html.find("Nothing to announce"), std::string::npos);
  EXPECT_TRUE(html.ends_with("</html>\n"));
  EXPECT_NE(ImpactMarkdown(r).find("# Empty"), std::string::npos);
}

// Both renderings carry every headline's sentence and basis (as report/ words them).
TEST(ImpactMarkdown, CarriesEveryHeadlineOfTheHtml) {
  const ImpactReport r = Sample(false);
  const std::string html = ImpactHtml(r);
  const std::string md = ImpactMarkdown(r);
  for (const Headline& h : r.headlines) {
    const ImpactHeadlineWords words = HeadlineWords(r, h);
    EXPECT_NE(html.find(svg::Escape(words.text)), std::string::npos) << h.id;
    EXPECT_NE(md.find(words.text), std::string::npos) << h.id;
    EXPECT_NE(md.find(words.basis), std::string::npos) << h.id;
    EXPECT_NE(md.find("<a id=\"trace-" + h.id + "\"></a>"), std::string::npos) << h.id;
  }
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
  EXPECT_EQ(CellAt(headlines, 7, 0), "vcse-spend");
  EXPECT_EQ(CellAt(headlines, 8, 4), "7300");
  EXPECT_EQ(CellAt(headlines, 9, 4), "2130");
  EXPECT_EQ(CellAt(headlines, 9, 5), "tCO2e");
  // Members: what was not reported is a blank cell, not 0.
  const auto members = ReadSheet(path, "Members");
  EXPECT_EQ(CellAt(members, 7, 0), "nhs-b");
  EXPECT_EQ(CellAt(members, 7, 1), kTrust);
  EXPECT_EQ(CellAt(members, 7, 3), "143000000");
  EXPECT_EQ(CellAt(members, 7, 8), "");  // E1
  EXPECT_EQ(CellAt(members, 8, 1), "University C");
  // No payments: the MSME share has nothing to cover, so it is not known (core/coverage.h).
  EXPECT_EQ(CellAt(members, 8, 4), "not known");
  for (std::size_t c : {3, 5, 6, 7, 8, 9}) EXPECT_EQ(CellAt(members, 8, c), "") << c;
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

}  // namespace
}  // namespace anchornet::report
