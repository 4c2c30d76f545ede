#include "report/table.h"

#include <algorithm>

#include "core/text.h"

namespace anchornet::report {

void TextTable::AddColumn(std::string title, Align align) {
  columns_.push_back({std::move(title), align});
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

void TextTable::AddRule() { rows_.emplace_back(); }

std::string TextTable::Render() const {
  std::vector<std::size_t> width(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    width[c] = core::DisplayWidth(columns_[c].title);
    for (const auto& row : rows_) {
      if (!row.empty()) width[c] = std::max(width[c], core::DisplayWidth(row[c]));
    }
  }
  auto pad = [&](const std::string& s, std::size_t c) {
    const std::size_t fill = width[c] - core::DisplayWidth(s);
    return columns_[c].align == Align::kRight ? std::string(fill, ' ') + s
                                              : s + std::string(fill, ' ');
  };
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (c > 0) out += "  ";
      out += pad(cells[c], c);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string rule;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (c > 0) rule += "  ";
    for (std::size_t k = 0; k < width[c]; ++k) rule += "\u2500";
  }
  rule += "\n";
  std::vector<std::string> titles;
  for (const auto& col : columns_) titles.push_back(col.title);
  std::string out = line(titles) + rule;
  for (const auto& row : rows_) out += row.empty() ? rule : line(row);
  return out;
}

}  // namespace anchornet::report
