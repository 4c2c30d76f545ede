#include "core/money.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace anchornet::core {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  // Non-breaking spaces (UTF-8 C2 A0) pasted from spreadsheets.
  while (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') s.remove_prefix(2);
  while (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s.back() == '\xA0') s.remove_suffix(2);
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool ConsumePrefix(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

bool ConsumeSuffix(std::string_view& s, std::string_view suffix) {
  if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
  s.remove_suffix(suffix.size());
  return true;
}

// Currency markers: "£" in UTF-8, "GBP".
void StripCurrency(std::string_view& s) {
  s = TrimView(s);
  if (ConsumePrefix(s, "\xC2\xA3") || ConsumePrefix(s, "GBP") || ConsumePrefix(s, "gbp")) {
    s = TrimView(s);
  }
  if (ConsumeSuffix(s, "GBP")) s = TrimView(s);
}

}  // namespace

ParsedMoney ParseMoney(std::string_view text) {
  ParsedMoney out;
  std::string_view s = TrimView(text);
  if (s.empty()) {
    out.status = MoneyParse::kEmpty;
    return out;
  }
  bool negative = false;
  int signs = 0;  // "(", "CR", trailing "-", leading "-" or "+": at most one may be used
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    negative = true;
    ++signs;
    s = s.substr(1, s.size() - 2);
  }
  StripCurrency(s);
  if (ConsumeSuffix(s, "CR") || ConsumeSuffix(s, "Cr") || ConsumeSuffix(s, "cr")) {
    negative = !negative;
    ++signs;
    s = TrimView(s);
  } else if (ConsumeSuffix(s, "DR") || ConsumeSuffix(s, "Dr")) {
    s = TrimView(s);
  }
  if (!s.empty() && s.back() == '-') {
    negative = !negative;
    ++signs;
    s.remove_suffix(1);
    s = TrimView(s);
  }
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    if (s.front() == '-') negative = !negative;
    ++signs;
    s.remove_prefix(1);
    StripCurrency(s);
  }
  if (s.empty() || signs > 1) return out;

  std::int64_t whole = 0;
  int whole_digits = 0;
  int group_digits = -1;  // digits since the last thousands separator; -1 before any separator
  std::size_t i = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (whole_digits >= 15) {
        out.status = MoneyParse::kOverflow;
        return out;
      }
      whole = whole * 10 + (c - '0');
      ++whole_digits;
      if (group_digits >= 0) ++group_digits;
    } else if (c == ',') {
      // Thousands separator: one to three digits before the first, exactly three in each later
      // group ("1234,567" is not money).
      if (whole_digits == 0 || (group_digits >= 0 && group_digits != 3)) return out;
      if (group_digits < 0 && whole_digits > 3) return out;
      group_digits = 0;
    } else {
      break;
    }
  }
  if (group_digits >= 0 && group_digits != 3) return out;
  std::int64_t frac = 0;
  int frac_digits = 0;
  bool round_up = false;
  bool rounded = false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    for (; i < s.size(); ++i) {
      char c = s[i];
      if (c < '0' || c > '9') break;
      if (frac_digits < 2) {
        frac = frac * 10 + (c - '0');
      } else {
        if (frac_digits == 2) round_up = c >= '5';
        if (c != '0') rounded = true;
      }
      ++frac_digits;
    }
  }
  if (i != s.size() || (whole_digits == 0 && frac_digits == 0)) return out;
  if (frac_digits == 1) frac *= 10;
  Pence pence = whole * 100 + frac + (round_up ? 1 : 0);
  out.status = MoneyParse::kOk;
  out.pence = negative ? -pence : pence;
  out.rounded = rounded;
  return out;
}

std::string FormatDecimal(Pence pence) {
  const bool negative = pence < 0;
  const std::uint64_t abs = negative ? 0 - static_cast<std::uint64_t>(pence) : pence;
  return fmt::format("{}{}.{:02}", negative ? "-" : "", abs / 100, abs % 100);
}

std::string FormatPounds(Pence pence) {
  const bool negative = pence < 0;
  const std::uint64_t abs = negative ? 0 - static_cast<std::uint64_t>(pence) : pence;
  std::string digits = std::to_string(abs / 100);
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) grouped += ',';
    grouped += digits[k];
  }
  return fmt::format("{}\u00a3{}.{:02}", negative ? "-" : "", grouped, abs % 100);
}

std::string FormatPoundsShort(Pence pence) {
  const bool negative = pence < 0;
  const std::uint64_t abs = negative ? 0 - static_cast<std::uint64_t>(pence) : pence;
  const double pounds = static_cast<double>(abs) / 100.0;
  const char* sign = negative ? "-" : "";
  // Choose the unit after rounding, so 999,999.99 shows as "£1.0m", not "£1000.0k".
  if (std::round(pounds / 1e5) >= 10000) return fmt::format("{}\u00a3{:.2f}bn", sign, pounds / 1e9);
  if (std::round(pounds / 1e2) >= 10000) return fmt::format("{}\u00a3{:.1f}m", sign, pounds / 1e6);
  if (std::round(pounds) >= 10000) return fmt::format("{}\u00a3{:.1f}k", sign, pounds / 1e3);
  // Whole pounds below £10k, with a thousands separator: "£1,924".
  const auto whole = static_cast<std::uint64_t>(std::llround(pounds));
  if (whole >= 1000) return fmt::format("{}\u00a3{},{:03}", sign, whole / 1000, whole % 1000);
  return fmt::format("{}\u00a3{}", sign, whole);
}

}  // namespace anchornet::core
