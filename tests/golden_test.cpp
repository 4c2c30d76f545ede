// Golden cases over every real spend file in ../shared/data/spend. The expected counts, totals
// and date ranges in golden/spend_expected.json were worked out independently of the importer by
// golden/compute_expected.py (Python csv + Decimal, with each file's encoding, header line and
// columns stated by hand). The detected layout and summary of each file are kept in
// golden/spend/*.json; run with ANCHORNET_UPDATE_GOLDEN=1 to rewrite them, then review the diff.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "ingest/importer.h"
#include "report/spend_report.h"
#include "test_util.h"

namespace anchornet {
namespace {

using nlohmann::json;
using testing::SharedData;
using testing::TempDir;

json Expected() {
  return json::parse(
      testing::ReadFile(std::string(ANCHORNET_SOURCE_DIR) + "/tests/golden/spend_expected.json"));
}

// The summary with the parts that vary between machines removed.
json StableSummary(const ingest::ImportSummary& s) {
  json j = json::parse(report::ImportSummaryJson({s}))[0];
  j.erase("file");
  j.erase("file_id");
  for (json& r : j["first_rejects"]) r.erase("message");
  return j;
}

class GoldenSpend : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenSpend, MatchesIndependentFigures) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  const std::string name = GetParam();
  const json expected = Expected().at(name);
  TempDir dir;
  auto network = testing::OneMemberNetwork("golden");
  auto store = testing::NewStore(dir.File("w.db"), network);
  ASSERT_NE(store, nullptr);
  auto summary = ingest::ImportSpendFile(*store, network, "golden", SharedData() + "/" + name);
  if (expected.contains("error")) {
    ASSERT_FALSE(summary.has_value());
    EXPECT_EQ(core::ErrorCodeName(summary.error().code), expected["error"].get<std::string>());
    auto counts = store->Counts();
    ASSERT_TRUE(counts.has_value());
    EXPECT_EQ(counts->lines, 0);
    EXPECT_EQ(counts->files, 0);
    return;
  }
  ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
  const store::ImportCounts& c = summary->counts;
  EXPECT_EQ(c.rows_read, expected["rows_read"].get<std::int64_t>());
  EXPECT_EQ(c.lines_imported, expected["lines_imported"].get<std::int64_t>());
  EXPECT_EQ(c.rows_rejected, expected["rows_rejected"].get<std::int64_t>());
  EXPECT_EQ(c.lines_duplicate, 0);
  EXPECT_EQ(c.total_imported, expected["total_pence"].get<std::int64_t>());
  ASSERT_TRUE(c.first_paid.has_value());
  EXPECT_EQ(core::ToIso(*c.first_paid), expected["first_paid"].get<std::string>());
  EXPECT_EQ(core::ToIso(*c.last_paid), expected["last_paid"].get<std::string>());

  // What is stored agrees with the summary.
  auto counts = store->Counts();
  ASSERT_TRUE(counts.has_value());
  EXPECT_EQ(counts->lines, c.lines_imported);
  EXPECT_EQ(counts->total, c.total_imported);
  EXPECT_EQ(counts->rejects, c.rows_rejected);

  // Importing the same bytes again changes nothing.
  auto again = ingest::ImportSpendFile(*store, network, "golden", SharedData() + "/" + name);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->already_imported);
  auto after = store->Counts();
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->lines, counts->lines);
  EXPECT_EQ(after->files, counts->files);
  EXPECT_EQ(after->total, counts->total);

  // The detected layout and notes, as reviewed.
  std::string golden_name = name.substr(name.rfind('/') + 1);
  const std::string golden_path =
      std::string(ANCHORNET_SOURCE_DIR) + "/tests/golden/spend/" + golden_name + ".json";
  const std::string actual = StableSummary(*summary).dump(2) + "\n";
  if (std::getenv("ANCHORNET_UPDATE_GOLDEN") != nullptr) {
    testing::WriteFile(golden_path, actual);
  }
  EXPECT_EQ(actual, testing::ReadFile(golden_path))
      << "layout golden differs: rerun with ANCHORNET_UPDATE_GOLDEN=1 and review the diff";
}

std::vector<std::string> Files() {
  std::vector<std::string> names;
  const json expected = Expected();
  for (auto it = expected.begin(); it != expected.end(); ++it) names.push_back(it.key());
  return names;
}

INSTANTIATE_TEST_SUITE_P(RealFiles, GoldenSpend, ::testing::ValuesIn(Files()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param.substr(info.param.rfind('/') + 1);
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

// Every real spend file is covered: a new file in shared/data must get a golden case.
TEST(GoldenSpendCoverage, EveryRealFileHasACase) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  const json expected = Expected();
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SharedData() + "/spend")) {
    if (!entry.is_regular_file()) continue;
    const std::string rel = std::filesystem::relative(entry.path(), SharedData()).generic_string();
    EXPECT_TRUE(expected.contains(rel)) << rel << " has no golden case";
  }
}

// A file overlapping one already imported counts the shared lines once.
TEST(GoldenSpendOverlap, OverlappingFileDoesNotDoubleCount) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  TempDir dir;
  const std::string original = SharedData() + "/spend/gla_expenditure_2008-2013_all.csv";
  const std::string text = testing::ReadFile(original);
  // The header, 1,000 lines also in the original, and one new line.
  std::size_t cut = 0;
  for (int lines = 0; lines < 1001; ++lines) cut = text.find('\n', cut) + 1;
  const std::string overlap =
      text.substr(0, cut) + "99999,,NEW SUPPLIER LTD,,Catering Charges,,12.34,2013-05-01,x\n";
  testing::WriteFile(dir.File("overlap.csv"), overlap);
  auto network = testing::OneMemberNetwork("gla");
  auto store = testing::NewStore(dir.File("w.db"), network);
  ASSERT_NE(store, nullptr);
  auto first = ingest::ImportSpendFile(*store, network, "gla", original);
  ASSERT_TRUE(first.has_value());
  auto second = ingest::ImportSpendFile(*store, network, "gla", dir.File("overlap.csv"));
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(second->counts.lines_duplicate, 1000);
  EXPECT_EQ(second->counts.lines_imported, 1);
  EXPECT_EQ(second->counts.total_imported, 1234);
  auto counts = store->Counts();
  ASSERT_TRUE(counts.has_value());
  EXPECT_EQ(counts->lines, first->counts.lines_imported + 1);
}

}  // namespace
}  // namespace anchornet
