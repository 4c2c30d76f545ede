#include "ingest/json_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace anchornet::ingest {
namespace {

std::string WriteJson(const std::string& name, const std::string& text) {
  const std::string path = (std::filesystem::path(::testing::TempDir()) / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::vector<std::vector<std::string>> ReadAll(RowSource& rows) {
  std::vector<std::vector<std::string>> out;
  Row row;
  while (rows.Next(row).value_or(false)) out.emplace_back(row.cells.begin(), row.cells.end());
  return out;
}

TEST(JsonReaderTest, RowsUnderDataWithHeaderFromKeys) {
  auto rows = OpenJsonRows(WriteJson("data.json", R"({"metadata": {"title": "x"},
    "data": [{"supplier": "Refinitiv", "amount_gbp": 74039.61, "date": "2025-01-09",
              "transaction_number": "None", "postcode": null},
             {"supplier": "ICE", "amount_gbp": 27076, "extra": true}]})"));
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  const auto all = ReadAll(**rows);
  ASSERT_EQ(all.size(), 3u);
  // The header is every key of every row, in first-seen order.
  EXPECT_EQ(all[0], (std::vector<std::string>{"supplier", "amount_gbp", "date",
                                              "transaction_number", "postcode", "extra"}));
  EXPECT_EQ(all[1][1], "74039.61");  // exact decimal text, not 74039.610000000001
  EXPECT_EQ(all[1][4], "");          // null is empty
  EXPECT_EQ(all[2][1], "27076");
  ASSERT_EQ(all[2].size(), 6u);  // a key first seen in row 2 is column 6
  EXPECT_EQ(all[2][5], "TRUE");
}

TEST(JsonReaderTest, TopLevelArray) {
  auto rows = OpenJsonRows(WriteJson("top.json", R"([{"a": 1}, {"a": 2}])"));
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(ReadAll(**rows).size(), 3u);
}

TEST(JsonReaderTest, NoRowsArrayIsUnsupported) {
  auto rows = OpenJsonRows(WriteJson("none.json", R"({"title": "x", "values": [1, 2]})"));
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().code, core::ErrorCode::kUnsupportedFormat);
  auto broken = OpenJsonRows(WriteJson("broken.json", R"({"data": [{"a": 1},)"));
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code, core::ErrorCode::kUnsupportedFormat);
}

}  // namespace
}  // namespace anchornet::ingest
