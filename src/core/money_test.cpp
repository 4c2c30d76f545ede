// Tests for money parsing and formatting: the amount strings publishers write, exact integer
// pence, rounding of extra decimals, and the formatters at the limits of std::int64_t.
#include "core/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

namespace anchornet::core {
namespace {

constexpr Pence kMax = std::numeric_limits<Pence>::max();
constexpr Pence kMin = std::numeric_limits<Pence>::min();

// "£" (UTF-8) followed by `rest`.
std::string Pound(std::string_view rest) { return "\xC2\xA3" + std::string(rest); }

constexpr std::string_view kNbsp = "\xC2\xA0";  // UTF-8 no-break space

// Parses text that must be a valid amount and returns its pence.
Pence Ok(std::string_view text) {
  const ParsedMoney m = ParseMoney(text);
  EXPECT_EQ(m.status, MoneyParse::kOk) << "input: '" << text << "'";
  return m.pence;
}

TEST(ParseMoneyTest, PlainAndGroupedAmounts) {
  EXPECT_EQ(Ok("1,534.24"), 153424);
  EXPECT_EQ(Ok("900"), 90000);
  EXPECT_EQ(Ok("0"), 0);
  EXPECT_EQ(Ok("0.01"), 1);
  EXPECT_EQ(Ok("1,000,000.00"), 100000000);
  EXPECT_EQ(Ok("12."), 1200);
}

TEST(ParseMoneyTest, OneDecimalIsTensOfPence) {
  EXPECT_EQ(Ok("4025.1"), 402510);
  EXPECT_EQ(Ok(".5"), 50);
  EXPECT_EQ(Ok("0.5"), 50);
  EXPECT_EQ(Ok(".05"), 5);
}

TEST(ParseMoneyTest, PoundSignAndGbp) {
  EXPECT_EQ(Ok(Pound("1,234")), 123400);
  EXPECT_EQ(Ok("\xC2\xA3 12.50"), 1250);
  EXPECT_EQ(Ok("GBP 10"), 1000);
  EXPECT_EQ(Ok("GBP10"), 1000);
  EXPECT_EQ(Ok("gbp 10"), 1000);
  EXPECT_EQ(Ok("10 GBP"), 1000);
}

TEST(ParseMoneyTest, NegativeForms) {
  EXPECT_EQ(Ok("-" + Pound("12.50")), -1250);
  EXPECT_EQ(Ok("\xC2\xA3-12.50"), -1250);
  EXPECT_EQ(Ok("-12.50"), -1250);
  EXPECT_EQ(Ok("(1,234.00)"), -123400);
  EXPECT_EQ(Ok("(" + Pound("12.50)")), -1250);
  EXPECT_EQ(Ok("1,234.00-"), -123400);
  EXPECT_EQ(Ok("12.5 CR"), -1250);
  EXPECT_EQ(Ok("12.5CR"), -1250);
  EXPECT_EQ(Ok("12.5 cr"), -1250);
  EXPECT_EQ(Ok("12.5 DR"), 1250);  // a debit is the ordinary sign
  EXPECT_EQ(Ok("+12.50"), 1250);
}

TEST(ParseMoneyTest, SurroundingSpacesAndNoBreakSpaces) {
  EXPECT_EQ(Ok("  1,534.24 \t"), 153424);
  EXPECT_EQ(Ok(std::string(kNbsp) + "1,534.24" + std::string(kNbsp)), 153424);
  EXPECT_EQ(Ok("\r\n42\r\n"), 4200);
}

TEST(ParseMoneyTest, ThreeOrMoreDecimalsRoundHalfAwayFromZero) {
  ParsedMoney m = ParseMoney("1,234,567.891");
  EXPECT_EQ(m.status, MoneyParse::kOk);
  EXPECT_EQ(m.pence, 123456789);
  EXPECT_TRUE(m.rounded);

  m = ParseMoney("0.125");
  EXPECT_EQ(m.pence, 13);
  EXPECT_TRUE(m.rounded);

  m = ParseMoney("-0.125");
  EXPECT_EQ(m.pence, -13);
  EXPECT_TRUE(m.rounded);

  m = ParseMoney("0.994999");
  EXPECT_EQ(m.pence, 99);
  EXPECT_TRUE(m.rounded);

  m = ParseMoney("9.995");
  EXPECT_EQ(m.pence, 1000);
  EXPECT_TRUE(m.rounded);

  // Trailing zeros lose nothing, so the value is not marked rounded.
  m = ParseMoney("12.3400");
  EXPECT_EQ(m.pence, 1234);
  EXPECT_FALSE(m.rounded);

  m = ParseMoney("12.34");
  EXPECT_FALSE(m.rounded);
}

TEST(ParseMoneyTest, MisplacedThousandsSeparatorsAreInvalid) {
  EXPECT_EQ(ParseMoney("1,23").status, MoneyParse::kInvalid);
  EXPECT_EQ(ParseMoney("12,3456").status, MoneyParse::kInvalid);
  EXPECT_EQ(ParseMoney(",123").status, MoneyParse::kInvalid);
  EXPECT_EQ(ParseMoney("1,234,").status, MoneyParse::kInvalid);
  EXPECT_EQ(ParseMoney("1,,234").status, MoneyParse::kInvalid);
  EXPECT_EQ(ParseMoney("1,234.5,6").status, MoneyParse::kInvalid);
}

TEST(ParseMoneyTest, NonAmountsAreInvalid) {
  for (std::string_view text : {"TBC", "n/a", "-", "\xC2\xA3", "()", "1.2.3", "1e5", "12 34", "--5",
                                "12.5 XX", "abc12", "12abc", ".", "GBP"}) {
    EXPECT_EQ(ParseMoney(text).status, MoneyParse::kInvalid) << "input: '" << text << "'";
  }
}

TEST(ParseMoneyTest, BlankIsEmptyNotZero) {
  EXPECT_EQ(ParseMoney("").status, MoneyParse::kEmpty);
  EXPECT_EQ(ParseMoney("   ").status, MoneyParse::kEmpty);
  EXPECT_EQ(ParseMoney("\t\r\n").status, MoneyParse::kEmpty);
  EXPECT_EQ(ParseMoney("\xC2\xA0").status, MoneyParse::kEmpty);
}

TEST(ParseMoneyTest, MoreThanFifteenIntegerDigitsOverflows) {
  EXPECT_EQ(ParseMoney("1234567890123456").status, MoneyParse::kOverflow);
  EXPECT_EQ(ParseMoney("1,234,567,890,123,456.00").status, MoneyParse::kOverflow);
  EXPECT_EQ(ParseMoney("-9999999999999999").status, MoneyParse::kOverflow);

  // Fifteen digits is the largest accepted.
  const ParsedMoney m = ParseMoney("999,999,999,999,999.99");
  EXPECT_EQ(m.status, MoneyParse::kOk);
  EXPECT_EQ(m.pence, 99999999999999999);
  EXPECT_FALSE(m.rounded);
}

TEST(FormatDecimalTest, PositiveNegativeAndZero) {
  EXPECT_EQ(FormatDecimal(0), "0.00");
  EXPECT_EQ(FormatDecimal(1), "0.01");
  EXPECT_EQ(FormatDecimal(-1), "-0.01");
  EXPECT_EQ(FormatDecimal(123456), "1234.56");
  EXPECT_EQ(FormatDecimal(-1200), "-12.00");
  EXPECT_EQ(FormatDecimal(-99), "-0.99");
}

TEST(FormatDecimalTest, Int64Extremes) {
  EXPECT_EQ(FormatDecimal(kMax), "92233720368547758.07");
  EXPECT_EQ(FormatDecimal(kMin), "-92233720368547758.08");
}

TEST(FormatDecimalTest, RoundTripsThroughParseMoney) {
  for (Pence p : {Pence{0}, Pence{1}, Pence{-1}, Pence{99}, Pence{100}, Pence{-123456789},
                  Pence{99999999999999999}}) {
    const ParsedMoney m = ParseMoney(FormatDecimal(p));
    EXPECT_EQ(m.status, MoneyParse::kOk);
    EXPECT_EQ(m.pence, p);
  }
}

TEST(FormatPoundsTest, GroupsThousands) {
  EXPECT_EQ(FormatPounds(0), Pound("0.00"));
  EXPECT_EQ(FormatPounds(5), Pound("0.05"));
  EXPECT_EQ(FormatPounds(99999), Pound("999.99"));
  EXPECT_EQ(FormatPounds(100000), Pound("1,000.00"));
  EXPECT_EQ(FormatPounds(123456), Pound("1,234.56"));
  EXPECT_EQ(FormatPounds(12345678901), Pound("123,456,789.01"));
  EXPECT_EQ(FormatPounds(100000000), Pound("1,000,000.00"));
}

TEST(FormatPoundsTest, Negatives) {
  EXPECT_EQ(FormatPounds(-1200), "-" + Pound("12.00"));
  EXPECT_EQ(FormatPounds(-1), "-" + Pound("0.01"));
  EXPECT_EQ(FormatPounds(-123456), "-" + Pound("1,234.56"));
}

TEST(FormatPoundsTest, Int64Extremes) {
  EXPECT_EQ(FormatPounds(kMax), Pound("92,233,720,368,547,758.07"));
  EXPECT_EQ(FormatPounds(kMin), "-" + Pound("92,233,720,368,547,758.08"));
}

TEST(FormatPoundsTest, RoundTripsThroughParseMoney) {
  for (Pence p :
       {Pence{0}, Pence{-1}, Pence{123456}, Pence{-100000000}, Pence{99999999999999999}}) {
    const ParsedMoney m = ParseMoney(FormatPounds(p));
    EXPECT_EQ(m.status, MoneyParse::kOk) << FormatPounds(p);
    EXPECT_EQ(m.pence, p);
  }
}

TEST(FormatPoundsShortTest, Bands) {
  EXPECT_EQ(FormatPoundsShort(0), Pound("0"));
  EXPECT_EQ(FormatPoundsShort(95000), Pound("950"));
  EXPECT_EQ(FormatPoundsShort(999900), Pound("9,999"));
  EXPECT_EQ(FormatPoundsShort(192400), Pound("1,924"));
  EXPECT_EQ(FormatPoundsShort(1000000), Pound("10.0k"));
  EXPECT_EQ(FormatPoundsShort(3500000), Pound("35.0k"));
  EXPECT_EQ(FormatPoundsShort(120000000), Pound("1.2m"));
  EXPECT_EQ(FormatPoundsShort(250000000000), Pound("2.50bn"));
}

TEST(FormatPoundsShortTest, Negatives) {
  EXPECT_EQ(FormatPoundsShort(-95000), "-" + Pound("950"));
  EXPECT_EQ(FormatPoundsShort(-3500000), "-" + Pound("35.0k"));
  EXPECT_EQ(FormatPoundsShort(-120000000), "-" + Pound("1.2m"));
  EXPECT_EQ(FormatPoundsShort(-250000000000), "-" + Pound("2.50bn"));
}

TEST(FormatPoundsShortTest, Int64Extremes) {
  EXPECT_EQ(FormatPoundsShort(kMax), Pound("92233720.37bn"));
  EXPECT_EQ(FormatPoundsShort(kMin + 1), "-" + Pound("92233720.37bn"));
}

// Regression: FormatPoundsShort once negated INT64_MIN as a signed value (undefined behaviour).
TEST(FormatPoundsShortTest, Int64Min) {
  EXPECT_EQ(FormatPoundsShort(kMin), "-" + Pound("92233720.37bn"));
}

// Regression: the band is chosen after rounding, so 999,999.99 pounds is "£1.0m", not "£1000.0k".
TEST(FormatPoundsShortTest, RoundingAtBandBoundaries) {
  EXPECT_EQ(FormatPoundsShort(99999999), Pound("1.0m"));
  EXPECT_EQ(FormatPoundsShort(999999), Pound("10.0k"));
}

// The vectors the dashboard's port of these rules (web/src/format.ts) is tested against too:
// drift between the C++ rule and the TypeScript one fails one of the two tests.
TEST(FormatPoundsTest, SharedVectorsWithTheDashboard) {
  std::ifstream in(ANCHORNET_SOURCE_DIR "/web/test/money_vectors.json");
  ASSERT_TRUE(in) << "web/test/money_vectors.json is missing";
  const nlohmann::json doc = nlohmann::json::parse(in);
  ASSERT_GE(doc.at("vectors").size(), 40U);
  for (const nlohmann::json& v : doc.at("vectors")) {
    const Pence pence = v.at("pence").get<Pence>();
    EXPECT_EQ(FormatPoundsShort(pence), v.at("short").get<std::string>()) << pence;
    EXPECT_EQ(FormatPounds(pence), v.at("exact").get<std::string>()) << pence;
  }
}

// Regression: more than one sign marker, or a first group of more than three digits, is not money.
TEST(ParseMoneyTest, RejectsDoubleSignsAndBadGrouping) {
  EXPECT_EQ(ParseMoney("(-3)").status, MoneyParse::kInvalid);
  EXPECT_EQ(ParseMoney("-5-").status, MoneyParse::kInvalid);
  EXPECT_EQ(ParseMoney("12.00 CR-").status, MoneyParse::kInvalid);
  EXPECT_EQ(ParseMoney("1234,567").status, MoneyParse::kInvalid);
  EXPECT_EQ(ParseMoney("123,456").pence, 12345600);
}

}  // namespace
}  // namespace anchornet::core
