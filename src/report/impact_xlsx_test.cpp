// Tests of the impact workbook's coverage rule and print set-up (report/impact_xlsx.cpp over the
// shared frame, internal/xlsx_book.h): a payments figure whose coverage is zero says "not known",
// one below the network's threshold is kept with the legend in row 4, and every sheet prints
// landscape, one page wide, with its header row repeated. The rest of the workbook is tested in
// impact_report_test.cpp.
//
// Thread-safety: tests only.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/coverage.h"
#include "ingest/xlsx_reader.h"
#include "metrics/impact.h"
#include "report/impact_report.h"
#include "test_util.h"
#include "zip_part.h"

namespace anchornet::report {
namespace {

// One member whose 2023/24 addressable spend has no supplier of known size, and a network goal
// on MSME spend whose figure has low coverage.
metrics::ImpactReport NoSizeKnown() {
  metrics::ImpactReport r;
  r.network.name = "Coverage Network";
  r.network.members = {{"m1", "Member One", core::Sector::kLocalGovernment, ""}};
  r.financial_year = 2023;
  metrics::ImpactMemberRow member;
  member.member = "m1";
  member.name = "Member One";
  member.s2 = 1'000'000;
  member.msme_share = 0.0;
  member.coverage = 0.0;
  member.confidence = core::JudgeCoverage(member.coverage, r.network.coverage_warning_below);
  r.members = {member};
  metrics::GoalProgress goal;
  goal.goal = {"msme", "S3", core::GoalKind::kCumulative, 10'000'000, "", 2023, 2024, "MSME spend"};
  goal.source = metrics::GoalSource::kPayments;
  goal.status = metrics::GoalStatus::kOffTrack;
  goal.achieved = 4'000'000;  // pence
  goal.target_value = 10'000'000;
  goal.confidence = core::Confidence::kLow;
  r.goals = {goal};
  return r;
}

// Every row of one sheet: sheet row number -> cells.
std::map<std::int64_t, std::vector<std::string>> Rows(const std::string& path,
                                                      const std::string& sheet) {
  std::map<std::int64_t, std::vector<std::string>> out;
  auto source = ingest::OpenXlsx(path, sheet);
  EXPECT_TRUE(source.has_value()) << sheet;
  if (!source) return out;
  ingest::Row row;
  for (auto more = (*source)->Next(row); more && *more; more = (*source)->Next(row)) {
    out[row.line] = std::vector<std::string>(row.cells.begin(), row.cells.end());
  }
  return out;
}

TEST(ImpactXlsxCoverage, ZeroCoverageIsNotKnownAndLowCoverageIsExplained) {
  const std::string path = testing::TestFilePath("impact-coverage-", ".xlsx");
  ASSERT_TRUE(WriteImpactXlsx(NoSizeKnown(), path).has_value());
  // Members: the MSME share of a member with no supplier size known is not 0%.
  const auto members = Rows(path, "Members");
  ASSERT_TRUE(members.count(6));
  EXPECT_EQ(members.at(5).at(4), "MSME share (S3 of S2)");
  EXPECT_EQ(members.at(6).at(4), "not known");
  EXPECT_EQ(members.at(4).at(0).rfind("Amber cells: low coverage", 0), 0u);
  // Goals: the low-coverage achievement is kept as a number, with the legend above the table.
  const auto goals = Rows(path, "Goals");
  ASSERT_TRUE(goals.count(6));
  EXPECT_EQ(goals.at(6).at(10), "40000");
  EXPECT_NE(goals.at(4).at(0).find("less than 50% of addressable spend"), std::string::npos);
  // A sheet with nothing judged has no legend.
  EXPECT_EQ(Rows(path, "Definitions").count(4), 0u);
  std::filesystem::remove(path);
}

TEST(ImpactXlsxCoverage, EverySheetPrintsLandscapeFittedToWidthWithItsHeaderRepeated) {
  const std::string path = testing::TestFilePath("impact-print-", ".xlsx");
  ASSERT_TRUE(WriteImpactXlsx(NoSizeKnown(), path).has_value());
  const std::string workbook = testing::ZipPart(path, "xl/workbook.xml");
  auto sheets = ingest::ListXlsxSheets(path);
  ASSERT_TRUE(sheets.has_value());
  ASSERT_EQ(sheets->size(), 10u);
  for (std::size_t i = 0; i < sheets->size(); ++i) {
    const std::string xml =
        testing::ZipPart(path, ("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml").c_str());
    EXPECT_NE(xml.find("<pageSetUpPr fitToPage=\"1\"/>"), std::string::npos) << (*sheets)[i];
    EXPECT_NE(xml.find("orientation=\"landscape\""), std::string::npos) << (*sheets)[i];
    EXPECT_NE(xml.find("fitToHeight=\"0\""), std::string::npos) << (*sheets)[i];
    // The header row, row 5, is in the print titles of sheet i ('Levy transfers' is quoted).
    const std::string name =
        (*sheets)[i].find(' ') == std::string::npos ? (*sheets)[i] : "'" + (*sheets)[i] + "'";
    const std::string titles =
        "name=\"_xlnm.Print_Titles\" localSheetId=\"" + std::to_string(i) + "\">";
    const std::size_t at = workbook.find(titles);
    ASSERT_NE(at, std::string::npos) << (*sheets)[i];
    const std::size_t begin = at + titles.size();
    EXPECT_TRUE(
        workbook.substr(begin, workbook.find('<', begin) - begin).ends_with(name + "!$5:$5"))
        << (*sheets)[i];
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace anchornet::report
