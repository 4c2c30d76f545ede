// Tests for civil dates, the date strings found in spend files, Excel serial numbers and
// financial years.
#include "core/date.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace anchornet::core {
namespace {

// The ISO text of a parsed date, or "none" when it does not parse.
std::string Iso(std::string_view text, DayOrder order = DayOrder::kDayMonthYear) {
  const std::optional<Date> d = ParseDate(text, order);
  return d ? ToIso(*d) : "none";
}

Date D(int y, int m, int d) {
  EXPECT_TRUE(IsValidCivil(y, m, d)) << y << "-" << m << "-" << d;
  return FromCivil(y, m, d);
}

constexpr MonthDay kApril{4, 1};
constexpr MonthDay kJanuary{1, 1};

TEST(ParseDateTest, NumericDayFirst) {
  EXPECT_EQ(Iso("25/04/2013"), "2013-04-25");
  EXPECT_EQ(Iso("5/4/13"), "2013-04-05");
  EXPECT_EQ(Iso("05/04/2013"), "2013-04-05");
  EXPECT_EQ(Iso("25.04.2013"), "2013-04-25");
  EXPECT_EQ(Iso("25-04-2013"), "2013-04-25");
  EXPECT_EQ(Iso("  25/04/2013 "), "2013-04-25");
  EXPECT_EQ(Iso("25/04/2013 00:00"), "2013-04-25");
  EXPECT_EQ(Iso("25/04/2013 00:00:00"), "2013-04-25");
}

TEST(ParseDateTest, TwoDigitYears) {
  EXPECT_EQ(Iso("01/01/00"), "2000-01-01");
  EXPECT_EQ(Iso("31/12/69"), "2069-12-31");
  EXPECT_EQ(Iso("01/01/70"), "1970-01-01");
  EXPECT_EQ(Iso("31/12/99"), "1999-12-31");
}

TEST(ParseDateTest, Iso) {
  EXPECT_EQ(Iso("2013-04-25"), "2013-04-25");
  EXPECT_EQ(Iso("2013-04-25 00:00:00"), "2013-04-25");
  EXPECT_EQ(Iso("2025-01-09T10:00:00Z"), "2025-01-09");
  EXPECT_EQ(Iso("2025-01-09T10:00:00.123+01:00"), "2025-01-09");
  EXPECT_EQ(Iso("2013-4-5"), "2013-04-05");
  // Day order does not apply to ISO dates.
  EXPECT_EQ(Iso("2013-04-05", DayOrder::kMonthDayYear), "2013-04-05");
}

TEST(ParseDateTest, MonthNames) {
  EXPECT_EQ(Iso("3 Apr 2023"), "2023-04-03");
  EXPECT_EQ(Iso("05-Oct-21"), "2021-10-05");
  EXPECT_EQ(Iso("01-JUN-2012"), "2012-06-01");
  EXPECT_EQ(Iso("5 April 2023"), "2023-04-05");
  EXPECT_EQ(Iso("5 Sept 2023"), "2023-09-05");
  EXPECT_EQ(Iso("5 sep 2023"), "2023-09-05");
  EXPECT_EQ(Iso("5 SEPTEMBER 2023"), "2023-09-05");
  EXPECT_EQ(Iso("5 April, 2023"), "2023-04-05");
  EXPECT_EQ(Iso("3  Apr  2023"), "2023-04-03");
  EXPECT_EQ(Iso("31 Dec 99"), "1999-12-31");
  EXPECT_EQ(Iso("01-JUN-2012 00:00:00"), "2012-06-01");
}

TEST(ParseDateTest, ExcelSerials) {
  EXPECT_EQ(Iso("43658"), "2019-07-12");
  EXPECT_EQ(Iso("45017.5"), "2023-04-01");
  EXPECT_EQ(Iso("45017.99999"), "2023-04-01");
  EXPECT_EQ(Iso("25569"), "1970-01-01");
  // The accepted range: 1 Jan 1960 to 31 Dec 2099.
  EXPECT_EQ(Iso("21916"), "1960-01-01");
  EXPECT_EQ(Iso("73050"), "2099-12-31");
  EXPECT_EQ(Iso("21915"), "none");
  EXPECT_EQ(Iso("73051"), "none");
}

TEST(FromExcelSerialTest, Range) {
  ASSERT_TRUE(FromExcelSerial(43658.0).has_value());
  EXPECT_EQ(ToIso(*FromExcelSerial(43658.75)), "2019-07-12");
  EXPECT_FALSE(FromExcelSerial(21915.9).has_value());
  EXPECT_FALSE(FromExcelSerial(-1).has_value());
  EXPECT_FALSE(FromExcelSerial(73051).has_value());
}

TEST(ParseDateTest, Rejects) {
  constexpr std::string_view kRejected[] = {"",
                                            "   ",
                                            "31/02/2023",
                                            "29/02/2023",
                                            "29/02/1900",
                                            "13/13/2020",
                                            "00/01/2020",
                                            "01/00/2020",
                                            "Apr 3 2023",
                                            "April 3, 2023",
                                            "2023",
                                            "43658.5x",
                                            "12345",
                                            "123456",
                                            "1/2/3",
                                            "01/01/2023x",
                                            "2013-04-25 junk",
                                            "2013-04-255",
                                            "3 Mars 2023",
                                            "3 Ap 2023",
                                            "3-Apr 2023",
                                            "3 Apr",
                                            "123 Apr 2023",
                                            "01/01/1899",
                                            "2200-01-01",
                                            "25/04/20133",
                                            "25/04",
                                            "25/04/",
                                            "TBC",
                                            "25_04_2013"};
  for (std::string_view text : kRejected) {
    EXPECT_EQ(Iso(text), "none") << "input: '" << text << "'";
  }
}

TEST(ParseDateTest, LeapDays) {
  EXPECT_EQ(Iso("29/02/2024"), "2024-02-29");
  EXPECT_EQ(Iso("29/02/2000"), "2000-02-29");
  EXPECT_EQ(Iso("29/02/2100"), "none");
}

TEST(ParseDateTest, MonthFirstOrder) {
  EXPECT_EQ(Iso("12/25/2023", DayOrder::kMonthDayYear), "2023-12-25");
  EXPECT_EQ(Iso("12/25/2023", DayOrder::kDayMonthYear), "none");
  EXPECT_EQ(Iso("03/04/2024", DayOrder::kMonthDayYear), "2024-03-04");
  EXPECT_EQ(Iso("03/04/2024", DayOrder::kDayMonthYear), "2024-04-03");
  EXPECT_EQ(Iso("25/12/2023", DayOrder::kMonthDayYear), "none");
  // Month names are unambiguous whatever the order.
  EXPECT_EQ(Iso("3 Apr 2023", DayOrder::kMonthDayYear), "2023-04-03");
}

TEST(CivilTest, KnownDays) {
  EXPECT_EQ(FromCivil(1970, 1, 1).days, 0);
  EXPECT_EQ(FromCivil(1969, 12, 31).days, -1);
  EXPECT_EQ(FromCivil(2000, 3, 1).days, 11017);
  EXPECT_EQ(FromCivil(2024, 3, 31).days, 19813);
  EXPECT_EQ(FromCivil(1900, 1, 1).days, -25567);
  EXPECT_EQ(ToIso(Date{0}), "1970-01-01");
  EXPECT_EQ(ToIso(Date{-1}), "1969-12-31");
  EXPECT_EQ(ToUkLong(FromCivil(2024, 3, 31)), "31 Mar 2024");
  EXPECT_EQ(ToUkLong(FromCivil(2023, 4, 5)), "5 Apr 2023");
}

TEST(CivilTest, IsValidCivil) {
  EXPECT_TRUE(IsValidCivil(2024, 2, 29));
  EXPECT_FALSE(IsValidCivil(2023, 2, 29));
  EXPECT_FALSE(IsValidCivil(1900, 2, 29));
  EXPECT_TRUE(IsValidCivil(2000, 2, 29));
  EXPECT_FALSE(IsValidCivil(2024, 4, 31));
  EXPECT_TRUE(IsValidCivil(2024, 12, 31));
  EXPECT_FALSE(IsValidCivil(2024, 0, 1));
  EXPECT_FALSE(IsValidCivil(2024, 13, 1));
  EXPECT_FALSE(IsValidCivil(2024, 1, 0));
}

// Every day from 1 Jan 1600 to 31 Dec 2400: ToCivil inverts FromCivil, consecutive day numbers
// are consecutive calendar days, and ISO text sorts like the day numbers.
TEST(CivilTest, RoundTripOverFourCenturies) {
  const Date first = FromCivil(1600, 1, 1);
  const Date last = FromCivil(2400, 12, 31);
  ASSERT_LT(first, last);
  CivilDate prev = ToCivil(first);
  EXPECT_EQ(prev.year, 1600);
  EXPECT_EQ(prev.month, 1);
  EXPECT_EQ(prev.day, 1);
  std::string prev_iso = ToIso(first);
  int failures = 0;
  for (std::int32_t n = first.days + 1; n <= last.days && failures < 10; ++n) {
    const CivilDate c = ToCivil(Date{n});
    const bool valid = IsValidCivil(c.year, c.month, c.day);
    const bool inverse = FromCivil(c.year, c.month, c.day).days == n;
    bool next = false;
    if (IsValidCivil(prev.year, prev.month, prev.day + 1)) {
      next = c.year == prev.year && c.month == prev.month && c.day == prev.day + 1;
    } else if (prev.month < 12) {
      next = c.year == prev.year && c.month == prev.month + 1 && c.day == 1;
    } else {
      next = c.year == prev.year + 1 && c.month == 1 && c.day == 1;
    }
    const std::string iso = ToIso(Date{n});
    if (!valid || !inverse || !next || !(prev_iso < iso)) {
      ++failures;
      ADD_FAILURE() << "day " << n << " -> " << iso << " after " << prev_iso;
    }
    prev = c;
    prev_iso = iso;
  }
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(ToIso(last), "2400-12-31");
}

TEST(FinancialYearTest, AprilStartBoundaries) {
  EXPECT_EQ(FinancialYearOf(D(2024, 3, 31), kApril), 2023);
  EXPECT_EQ(FinancialYearOf(D(2024, 4, 1), kApril), 2024);
  EXPECT_EQ(FinancialYearOf(D(2024, 12, 31), kApril), 2024);
  EXPECT_EQ(FinancialYearOf(D(2025, 1, 1), kApril), 2024);

  EXPECT_EQ(FinancialQuarterOf(D(2024, 4, 1), kApril), 1);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 6, 30), kApril), 1);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 7, 1), kApril), 2);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 9, 30), kApril), 2);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 10, 1), kApril), 3);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 12, 31), kApril), 3);
  EXPECT_EQ(FinancialQuarterOf(D(2025, 1, 1), kApril), 4);
  EXPECT_EQ(FinancialQuarterOf(D(2025, 3, 31), kApril), 4);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 3, 31), kApril), 4);
}

TEST(FinancialYearTest, JanuaryStart) {
  EXPECT_EQ(FinancialYearOf(D(2024, 1, 1), kJanuary), 2024);
  EXPECT_EQ(FinancialYearOf(D(2023, 12, 31), kJanuary), 2023);
  EXPECT_EQ(FinancialYearOf(D(2024, 3, 31), kJanuary), 2024);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 1, 1), kJanuary), 1);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 3, 31), kJanuary), 1);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 4, 1), kJanuary), 2);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 6, 30), kJanuary), 2);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 7, 1), kJanuary), 3);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 12, 31), kJanuary), 4);
}

TEST(FinancialYearTest, MidMonthStart) {
  // The UK tax year: 6 April to 5 April.
  const MonthDay tax{4, 6};
  EXPECT_EQ(FinancialYearOf(D(2024, 4, 5), tax), 2023);
  EXPECT_EQ(FinancialYearOf(D(2024, 4, 6), tax), 2024);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 4, 6), tax), 1);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 7, 5), tax), 1);
  EXPECT_EQ(FinancialQuarterOf(D(2024, 7, 6), tax), 2);
  EXPECT_EQ(FinancialQuarterOf(D(2025, 1, 5), tax), 3);
  EXPECT_EQ(FinancialQuarterOf(D(2025, 1, 6), tax), 4);
  EXPECT_EQ(FinancialQuarterOf(D(2025, 4, 5), tax), 4);
}

// Property: over six years of days, the quarter never decreases within a financial year, starts
// at 1 on the first day, and every quarter of every year is seen.
TEST(FinancialYearTest, QuartersAreMonotonic) {
  for (MonthDay start : {kApril, kJanuary, MonthDay{4, 6}, MonthDay{9, 30}}) {
    int prev_fy = 0;
    int prev_q = 0;
    int quarters_seen = 0;
    for (std::int32_t n = FromCivil(2019, 1, 1).days; n < FromCivil(2025, 1, 1).days; ++n) {
      const Date d{n};
      const int fy = FinancialYearOf(d, start);
      const int q = FinancialQuarterOf(d, start);
      ASSERT_GE(q, 1);
      ASSERT_LE(q, 4);
      if (fy != prev_fy) {
        if (prev_fy != 0) {
          ASSERT_EQ(fy, prev_fy + 1);
          ASSERT_EQ(prev_q, 4);
          ASSERT_EQ(d, FinancialYearStart(fy, start));
        }
        if (prev_fy != 0) {
          ASSERT_EQ(q, 1) << ToIso(d);
          ++quarters_seen;
        }
      } else {
        ASSERT_TRUE(q == prev_q || q == prev_q + 1) << ToIso(d);
        if (q != prev_q) ++quarters_seen;
      }
      prev_fy = fy;
      prev_q = q;
    }
    EXPECT_GE(quarters_seen, 20);
  }
}

TEST(FinancialYearTest, StartAndEnd) {
  EXPECT_EQ(ToIso(FinancialYearStart(2024, kApril)), "2024-04-01");
  EXPECT_EQ(ToIso(FinancialYearEnd(2024, kApril)), "2025-03-31");
  EXPECT_EQ(ToIso(FinancialYearStart(2024, kJanuary)), "2024-01-01");
  EXPECT_EQ(ToIso(FinancialYearEnd(2024, kJanuary)), "2024-12-31");
  EXPECT_EQ(ToIso(FinancialYearEnd(2023, kApril)), "2024-03-31");
}

TEST(FinancialYearTest, Label) {
  EXPECT_EQ(FinancialYearLabel(2024), "2024/25");
  EXPECT_EQ(FinancialYearLabel(1999), "1999/00");
  EXPECT_EQ(FinancialYearLabel(2009), "2009/10");
  EXPECT_EQ(FinancialYearLabel(2000), "2000/01");
}

TEST(FinancialYearTest, Parse) {
  EXPECT_EQ(ParseFinancialYear("2024/25"), 2024);
  EXPECT_EQ(ParseFinancialYear("2024-25"), 2024);
  EXPECT_EQ(ParseFinancialYear("FY2024/25"), 2024);
  EXPECT_EQ(ParseFinancialYear("fy 2024/25"), 2024);
  EXPECT_EQ(ParseFinancialYear("2024/2025"), 2024);
  EXPECT_EQ(ParseFinancialYear("2024"), 2024);
  EXPECT_EQ(ParseFinancialYear(" 2024/25 "), 2024);
  EXPECT_EQ(ParseFinancialYear("1999/00"), 1999);
  EXPECT_EQ(ParseFinancialYear("2099/2100"), 2099);
  for (std::string_view bad : {"2024/26", "2024/2026", "2024/24", "24/25", "2024/25x", "2024/",
                               "2024/5", "FY", "", "1899/00", "2024 25", "FY2024/26"}) {
    EXPECT_EQ(ParseFinancialYear(bad), std::nullopt) << "input: '" << bad << "'";
  }
  // Every label parses back to its year.
  for (int fy = 1900; fy < 2199; ++fy) {
    ASSERT_EQ(ParseFinancialYear(FinancialYearLabel(fy)), fy);
  }
}

TEST(MonthDayTest, Parse) {
  EXPECT_EQ(ParseMonthDay("04-01"), (MonthDay{4, 1}));
  EXPECT_EQ(ParseMonthDay("01-01"), (MonthDay{1, 1}));
  EXPECT_EQ(ParseMonthDay("12-31"), (MonthDay{12, 31}));
  EXPECT_EQ(ParseMonthDay("02-28"), (MonthDay{2, 28}));
  constexpr std::string_view kBad[] = {"02-29", "4-1",   "04-1", "04/01",  "13-01", "00-01",
                                       "04-00", "04-31", "",     "04-01 ", "0401"};
  for (std::string_view bad : kBad) {
    EXPECT_EQ(ParseMonthDay(bad), std::nullopt) << "input: '" << bad << "'";
  }
}

}  // namespace
}  // namespace anchornet::core
