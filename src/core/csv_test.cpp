// Tests for the one CSV cell writer: RFC 4180 quoting and the formula guard (OWASP CSV
// injection: =, +, -, @, tab, carriage return).
#include "core/csv.h"

#include <gtest/gtest.h>

namespace anchornet::core {
namespace {

TEST(CsvCellTest, PlainTextIsUnchanged) {
  EXPECT_EQ(CsvCell("Acme Ltd"), "Acme Ltd");
  EXPECT_EQ(CsvCell(""), "");
}

TEST(CsvCellTest, QuotesCommasQuotesAndLineEnds) {
  EXPECT_EQ(CsvCell("Smith, J"), "\"Smith, J\"");
  EXPECT_EQ(CsvCell("the \"best\""), "\"the \"\"best\"\"\"");
  EXPECT_EQ(CsvCell("two\nlines"), "\"two\nlines\"");
}

TEST(CsvCellTest, GuardsEveryFormulaStart) {
  EXPECT_EQ(CsvCell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvCell("+44 20 7946 0000"), "'+44 20 7946 0000");
  EXPECT_EQ(CsvCell("-1+1"), "'-1+1");
  EXPECT_EQ(CsvCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvCell("\tcmd"), "'\tcmd");
  EXPECT_EQ(CsvCell("\rcmd"), "\"'\rcmd\"");
  EXPECT_EQ(CsvCell("-"), "'-");
}

TEST(CsvCellTest, PlainNumbersStayNumbers) {
  EXPECT_EQ(CsvCell("-12.50"), "-12.50");
  EXPECT_EQ(CsvCell("+3"), "+3");
  EXPECT_EQ(CsvCell("42"), "42");
  EXPECT_EQ(CsvCell("-12."), "'-12.");
}

TEST(CsvLineTest, JoinsGuardedCells) {
  EXPECT_EQ(CsvLine({"a", "b,c", "=1"}), "a,\"b,c\",'=1\r\n");
  EXPECT_EQ(CsvLine({"x"}, "\n"), "x\n");
}

}  // namespace
}  // namespace anchornet::core
