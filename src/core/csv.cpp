// CSV cells and lines (csv.h).
#include "core/csv.h"

namespace anchornet::core {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "-12.50", "+3", "42": a number as a spreadsheet reads it, not a formula.
bool IsPlainNumber(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const std::size_t start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == start) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t decimals = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == decimals) return false;
  }
  return i == s.size();
}

bool StartsAFormula(std::string_view s) {
  if (s.empty()) return false;
  constexpr std::string_view kFormulaStarts = "=+-@\t\r";
  return kFormulaStarts.find(s.front()) != std::string_view::npos && !IsPlainNumber(s);
}

}  // namespace

std::string CsvCell(std::string_view text) {
  std::string cell;
  if (StartsAFormula(text)) cell += '\'';
  cell += text;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string CsvLine(const std::vector<std::string>& cells, std::string_view end) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    line += CsvCell(cells[i]);
  }
  line += end;
  return line;
}

}  // namespace anchornet::core
