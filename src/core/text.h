// Small text helpers shared by the readers and renderers. ASCII-only case folding: names are
// compared after Unicode normalisation elsewhere (resolve/). Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace anchornet::core {

std::string_view Trim(std::string_view s);  // spaces, tabs, CR, LF and UTF-8 no-break spaces
std::string ToLowerAscii(std::string_view s);
std::string ToUpperAscii(std::string_view s);
// Trims, upper-cases ASCII and collapses runs of white space to one space.
std::string FoldForKey(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle);
std::vector<std::string_view> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// True if every byte is printable ASCII or valid UTF-8 (used to check transcoded output).
bool IsValidUtf8(std::string_view s);
// Number of Unicode code points (for aligning terminal tables).
std::size_t DisplayWidth(std::string_view s);
// True for text that publishers put in a cell meaning "empty", in any case and with surrounding
// spaces: None, None Supplied, NULL, N/A, #N/A, -, NaN, Nil. The one list for spend files and
// registers (docs/import.md, "Cells").
bool IsNullLike(std::string_view cell);

}  // namespace anchornet::core
