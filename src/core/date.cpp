#include "core/date.h"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace anchornet::core {

namespace {

constexpr std::array<std::string_view, 12> kMonthAbbrev = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kMonthTitle = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Month from "Jan", "JAN", "January", "Sept".
int MonthFromName(std::string_view name) {
  if (name.size() < 3) return 0;
  char buf[3] = {Lower(name[0]), Lower(name[1]), Lower(name[2])};
  std::string_view abbrev(buf, 3);
  for (int m = 0; m < 12; ++m) {
    if (kMonthAbbrev[m] == abbrev) {
      if (name.size() == 3) return m + 1;
      // Accept the full name or "Sept"; reject other words that start like a month.
      static constexpr std::array<std::string_view, 12> kFull = {
          "january", "february", "march",     "april",   "may",      "june",
          "july",    "august",   "september", "october", "november", "december"};
      std::string lowered;
      for (char c : name) lowered += Lower(c);
      if (lowered == kFull[m] || (m == 8 && lowered == "sept")) return m + 1;
      return 0;
    }
  }
  return 0;
}

int ExpandYear(int y, int digits) {
  if (digits == 2) return y < 70 ? 2000 + y : 1900 + y;
  return y;
}

// Reads a run of digits; returns the count read (0 if none).
int ReadNumber(std::string_view s, std::size_t& i, int& value) {
  int n = 0;
  value = 0;
  while (i < s.size() && IsDigit(s[i]) && n < 9) {
    value = value * 10 + (s[i] - '0');
    ++i;
    ++n;
  }
  return n;
}

std::optional<Date> Make(int y, int m, int d) {
  if (y < 1900 || y > 2199 || !IsValidCivil(y, m, d)) return std::nullopt;
  return FromCivil(y, m, d);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// A trailing time part: " 00:00:00", "T10:11:12Z", " 00:00".
bool IsTimeSuffix(std::string_view rest) {
  if (rest.empty()) return true;
  if (rest[0] != ' ' && rest[0] != 'T') return false;
  for (char c : rest.substr(1)) {
    if (!(IsDigit(c) || c == ':' || c == '.' || c == 'Z' || c == '+' || c == '-' || c == ' ')) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsValidCivil(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

// Howard Hinnant's days_from_civil.
Date FromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + static_cast<int>(doe) - 719468};
}

CivilDate ToCivil(Date date) {
  int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

std::string ToIso(Date date) {
  CivilDate c = ToCivil(date);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::string ToUkLong(Date date) {
  CivilDate c = ToCivil(date);
  return fmt::format("{} {} {}", c.day, kMonthTitle[c.month - 1], c.year);
}

std::optional<Date> FromExcelSerial(double serial) {
  if (!(serial >= 21916 && serial < 73051)) return std::nullopt;  // 1960-01-01 .. 2099-12-31
  // Serial 25569 is 1970-01-01 (Excel counts a non-existent 29 Feb 1900).
  return Date{static_cast<std::int32_t>(std::floor(serial)) - 25569};
}

std::optional<Date> ParseDate(std::string_view text, DayOrder order) {
  std::string_view s = Trim(text);
  if (s.empty()) return std::nullopt;
  std::size_t i = 0;
  int a = 0;
  const int a_digits = ReadNumber(s, i, a);
  if (a_digits == 0) {
    // "Apr 3 2023" is not a UK form; we only accept day-first month names.
    return std::nullopt;
  }
  if (i == s.size() || (s[i] == '.' && a_digits == 5)) {
    // Excel serial, possibly with a fraction of a day.
    if (a_digits != 5) return std::nullopt;
    if (i < s.size()) {
      ++i;
      while (i < s.size() && IsDigit(s[i])) ++i;
      if (i != s.size()) return std::nullopt;
    }
    return FromExcelSerial(static_cast<double>(a));
  }
  const char sep = s[i];
  if (sep != '/' && sep != '-' && sep != '.' && sep != ' ') return std::nullopt;
  ++i;
  while (sep == ' ' && i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && IsAlpha(s[i])) {
    // d Mon yyyy, dd-Mon-yy, dd-MON-yyyy
    std::size_t start = i;
    while (i < s.size() && IsAlpha(s[i])) ++i;
    const int month = MonthFromName(s.substr(start, i - start));
    if (month == 0 || a_digits > 2 || i >= s.size()) return std::nullopt;
    if (s[i] != sep && !(sep == ' ' && s[i] == ',')) return std::nullopt;
    ++i;
    while (i < s.size() && s[i] == ' ') ++i;
    int y = 0;
    const int y_digits = ReadNumber(s, i, y);
    if ((y_digits != 2 && y_digits != 4) || !IsTimeSuffix(s.substr(i))) return std::nullopt;
    return Make(ExpandYear(y, y_digits), month, a);
  }
  int b = 0;
  const int b_digits = ReadNumber(s, i, b);
  if (b_digits == 0 || b_digits > 2 || i >= s.size() || s[i] != sep) return std::nullopt;
  ++i;
  int c = 0;
  const int c_digits = ReadNumber(s, i, c);
  if (c_digits == 0 || !IsTimeSuffix(s.substr(i))) return std::nullopt;
  if (a_digits == 4) {
    if (c_digits > 2) return std::nullopt;
    return Make(a, b, c);  // ISO order
  }
  if (a_digits > 2 || (c_digits != 2 && c_digits != 4)) return std::nullopt;
  const int year = ExpandYear(c, c_digits);
  return order == DayOrder::kDayMonthYear ? Make(year, b, a) : Make(year, a, b);
}

std::optional<MonthDay> ParseMonthDay(std::string_view text) {
  if (text.size() != 5 || text[2] != '-' || !IsDigit(text[0]) || !IsDigit(text[1]) ||
      !IsDigit(text[3]) || !IsDigit(text[4])) {
    return std::nullopt;
  }
  MonthDay md{(text[0] - '0') * 10 + (text[1] - '0'), (text[3] - '0') * 10 + (text[4] - '0')};
  // Checked against a non-leap year so that 29 Feb is refused.
  if (!IsValidCivil(2001, md.month, md.day)) return std::nullopt;
  return md;
}

int FinancialYearOf(Date date, MonthDay start) {
  CivilDate c = ToCivil(date);
  const bool before_start = c.month < start.month || (c.month == start.month && c.day < start.day);
  return before_start ? c.year - 1 : c.year;
}

int FinancialQuarterOf(Date date, MonthDay start) {
  const int fy = FinancialYearOf(date, start);
  CivilDate c = ToCivil(date);
  int months = (c.year - fy) * 12 + (c.month - start.month);
  if (c.day < start.day) --months;
  const int q = months / 3 + 1;
  return q < 1 ? 1 : (q > 4 ? 4 : q);
}

std::string FinancialYearLabel(int fy) { return fmt::format("{}/{:02}", fy, (fy + 1) % 100); }

std::optional<int> ParseFinancialYear(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.size() >= 2 && (s[0] == 'F' || s[0] == 'f') && (s[1] == 'Y' || s[1] == 'y')) {
    s.remove_prefix(2);
    s = Trim(s);
  }
  std::size_t i = 0;
  int y = 0;
  if (ReadNumber(s, i, y) != 4 || y < 1900 || y > 2199) return std::nullopt;
  if (i == s.size()) return y;
  if (s[i] != '/' && s[i] != '-') return std::nullopt;
  ++i;
  int next = 0;
  const int digits = ReadNumber(s, i, next);
  if (i != s.size()) return std::nullopt;
  if (digits == 2 && next == (y + 1) % 100) return y;
  if (digits == 4 && next == y + 1) return y;
  return std::nullopt;
}

Date FinancialYearStart(int fy, MonthDay start) { return FromCivil(fy, start.month, start.day); }

Date FinancialYearEnd(int fy, MonthDay start) {
  return Date{FinancialYearStart(fy + 1, start).days - 1};
}

}  // namespace anchornet::core
