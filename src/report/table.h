// A plain-text table for the terminal: aligned columns, a rule under the header, numbers right-
// aligned. Widths count Unicode code points, so "£" lines up. Thread-safety: plain object.
#pragma once

#include <string>
#include <vector>

#include "core/csv.h"

namespace anchornet::report {

enum class Align { kLeft, kRight };

class TextTable {
 public:
  void AddColumn(std::string title, Align align = Align::kLeft);
  void AddRow(std::vector<std::string> cells);
  void AddRule();  // a separator line before the next row
  std::string Render() const;

 private:
  struct Column {
    std::string title;
    Align align;
  };
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;  // an empty row is a rule
};

// CSV cells are written by the one writer in core/csv.h (quoting and the formula guard).
using core::CsvCell;

}  // namespace anchornet::report
