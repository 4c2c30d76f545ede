// Money as integer pence, and parsing of the money strings found in publishers' spend files.
//
// Never a double: every amount is an exact count of pence. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace anchornet::core {

using Pence = std::int64_t;

enum class MoneyParse : std::uint8_t {
  kOk,
  kEmpty,     // blank cell: unknown, not zero
  kInvalid,   // not a money value at all
  kOverflow,  // more than 15 integer digits
};

struct ParsedMoney {
  MoneyParse status = MoneyParse::kInvalid;
  Pence pence = 0;
  bool rounded = false;  // had more than two decimals; rounded half away from zero
};

// Parses "1,534.24", "900", "£1,234", "-£12.50", "(1,234.00)", "1,234.00-", "12.5 CR", "GBP 10",
// "4025.1". Accepts surrounding spaces and quotes already removed by the reader.
ParsedMoney ParseMoney(std::string_view text);

// "£1,234.56", "-£12.00".
std::string FormatPounds(Pence pence);
// Compact form for tables: "£1.2m", "£35.0k", "£950".
std::string FormatPoundsShort(Pence pence);
// "1234.56" / "-12.00": plain decimal for CSV and JSON.
std::string FormatDecimal(Pence pence);

}  // namespace anchornet::core
