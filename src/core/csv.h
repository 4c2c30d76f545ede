// Writing CSV: the one cell writer every CSV the project produces goes through (reports, the
// API's downloads, the returns template).
//
// Cells are quoted as RFC 4180 says. A cell that a spreadsheet would run as a formula (OWASP's
// "CSV injection": it starts with =, +, -, @, a tab or a carriage return) is written as text
// with a leading apostrophe, unless the whole cell is a plain number such as "-12.50".
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace anchornet::core {

// One cell, quoted when it holds a comma, a quote, CR or LF, and guarded against formulas.
std::string CsvCell(std::string_view text);

// The cells joined by commas, each through CsvCell, ending with `end`.
std::string CsvLine(const std::vector<std::string>& cells, std::string_view end = "\r\n");

}  // namespace anchornet::core
