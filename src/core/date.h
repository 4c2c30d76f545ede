// Civil dates, financial years and the date strings found in publishers' spend files.
//
// A Date is a count of days since 1970-01-01 (proleptic Gregorian), so it sorts, subtracts and
// stores as one integer. Financial years start on a configurable month-day (1 April in the UK)
// and are named by their first year: FY 2024 is "2024/25". Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace anchornet::core {

struct Date {
  std::int32_t days = 0;  // since 1970-01-01

  friend bool operator==(Date, Date) = default;
  friend auto operator<=>(Date, Date) = default;
};

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

bool IsValidCivil(int year, int month, int day);
Date FromCivil(int year, int month, int day);  // caller checks IsValidCivil
CivilDate ToCivil(Date date);
std::string ToIso(Date date);     // "2024-03-31"
std::string ToUkLong(Date date);  // "31 Mar 2024"

// Day order for all-numeric dates such as 03/04/2024.
enum class DayOrder : std::uint8_t { kDayMonthYear, kMonthDayYear };

// Parses dd/mm/yyyy, d/m/yy, dd.mm.yyyy, dd-mm-yyyy, yyyy-mm-dd (with an optional time part),
// d Mon yyyy, dd-Mon-yy, dd-MON-yyyy, "5 April 2023", and Excel serial day numbers (1900 system,
// accepted between 1 Jan 1960 and 31 Dec 2099 so that amounts are not mistaken for dates).
// Two-digit years are 2000-2069 or 1970-1999.
std::optional<Date> ParseDate(std::string_view text, DayOrder order = DayOrder::kDayMonthYear);

// Excel's 1900 serial number (with its 1900 leap-year bug) to a date.
std::optional<Date> FromExcelSerial(double serial);

// The start of the financial year, e.g. {4, 1} for 1 April.
struct MonthDay {
  int month = 4;
  int day = 1;
  friend bool operator==(MonthDay, MonthDay) = default;
};

// Parses "04-01" (month-day, as in the network file).
std::optional<MonthDay> ParseMonthDay(std::string_view text);

// The financial year a date falls in, named by the calendar year it starts in.
int FinancialYearOf(Date date, MonthDay start);
// 1..4; quarter 1 is the first three months of the financial year.
int FinancialQuarterOf(Date date, MonthDay start);
// "2024/25".
std::string FinancialYearLabel(int fy);
// Parses "2024/25", "2024-25", "FY2024/25" or "2024" to 2024.
std::optional<int> ParseFinancialYear(std::string_view text);
// First and last day of a financial year.
Date FinancialYearStart(int fy, MonthDay start);
Date FinancialYearEnd(int fy, MonthDay start);

}  // namespace anchornet::core
