// The shared workbook frame (internal/xlsx_book.h), written with libxlsxwriter.
#include "report/internal/xlsx_book.h"

#include <fmt/format.h>

#include <utility>

namespace anchornet::report::internal {

namespace {

constexpr lxw_row_t kHeaderRow = 4;  // title, about, synthetic banner, blank, header
constexpr double kMoneyWidth = 14;
constexpr double kShareWidth = 10;
constexpr double kHeaderHeight = 45;
constexpr double kKilogramsPerTonne = 1000.0;
constexpr double kPencePerPound = 100.0;

}  // namespace

XlsxCell XlsxCell::Measure(std::optional<std::int64_t> value, core::ReturnUnit unit) {
  if (!value) return Blank();
  switch (unit) {
    case core::ReturnUnit::kPounds:
      return Money(*value);
    case core::ReturnUnit::kTonnes:
      return Tonnes(*value);
    case core::ReturnUnit::kCount:
      return Count(static_cast<double>(*value));
  }
  return Count(static_cast<double>(*value));
}

XlsxBook::XlsxBook(std::string path) : path_(std::move(path)) {
  lxw_workbook_options options = {};
  options.constant_memory = LXW_FALSE;
  book_ = workbook_new_opt(path_.c_str(), &options);
  if (book_ == nullptr) return;
  title_ = workbook_add_format(book_);
  format_set_bold(title_);
  format_set_font_size(title_, 14);
  synthetic_ = workbook_add_format(book_);
  format_set_bold(synthetic_);
  format_set_font_color(synthetic_, LXW_COLOR_RED);
  header_ = workbook_add_format(book_);
  format_set_bold(header_);
  format_set_text_wrap(header_);
  format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
  format_set_bottom(header_, LXW_BORDER_THIN);
  format_set_pattern(header_, LXW_PATTERN_SOLID);
  format_set_bg_color(header_, 0xDDEBF7);
  money_ = workbook_add_format(book_);
  format_set_num_format(money_, "\"\u00a3\"#,##0.00");
  share_ = workbook_add_format(book_);
  format_set_num_format(share_, "0.0%");
  count_ = workbook_add_format(book_);
  format_set_num_format(count_, "#,##0");
  tonnes_ = workbook_add_format(book_);
  format_set_num_format(tonnes_, "#,##0.000");
}

XlsxBook::~XlsxBook() {
  if (book_ != nullptr) workbook_close(book_);  // only on an early return: Close() frees it
}

void XlsxBook::SetProperties(std::string title, std::string subject, std::string comments,
                             std::string keywords) {
  std::string author = "anchornet";
  lxw_doc_properties properties = {};
  properties.title = title.data();  // libxlsxwriter copies the strings
  properties.subject = subject.data();
  properties.comments = comments.data();
  properties.author = author.data();
  properties.keywords = keywords.data();
  Keep(workbook_set_properties(book_, &properties));
}

void XlsxBook::BeginSheet(const std::string& name, const std::string& title,
                          const std::string& about, const std::string& synthetic,
                          std::vector<XlsxColumn> columns, lxw_col_t frozen_columns) {
  sheet_ = workbook_add_worksheet(book_, name.c_str());
  if (sheet_ == nullptr) {
    Keep(LXW_ERROR_MEMORY_MALLOC_FAILED);
    return;
  }
  columns_ = std::move(columns);
  row_ = kHeaderRow + 1;
  Text(0, 0, title, title_);
  Text(1, 0, about, nullptr);
  if (!synthetic.empty()) Text(2, 0, synthetic, synthetic_);
  Keep(worksheet_set_row(sheet_, kHeaderRow, kHeaderHeight, nullptr));
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const auto c = static_cast<lxw_col_t>(i);
    const XlsxColumn& col = columns_[i];
    double width = col.width;
    if (width == 0) width = col.kind == XlsxKind::kMoney ? kMoneyWidth : kShareWidth;
    Keep(worksheet_set_column(sheet_, c, c, width, nullptr));
    Text(kHeaderRow, c, col.title, header_);
  }
  worksheet_freeze_panes(sheet_, kHeaderRow + 1, frozen_columns);
}

void XlsxBook::Row(const std::vector<XlsxCell>& cells) {
  if (sheet_ == nullptr) return;
  for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
    const auto c = static_cast<lxw_col_t>(i);
    const XlsxCell& cell = cells[i];
    if (cell.blank) continue;
    switch (cell.kind) {
      case XlsxKind::kText:
        if (!cell.text.empty()) Text(row_, c, cell.text, nullptr);
        break;
      case XlsxKind::kMoney:
        // The one place pence become a double: exact below 2^53 pence, printed with 15+
        // significant digits by the writer.
        Keep(worksheet_write_number(sheet_, row_, c,
                                    static_cast<double>(cell.pence) / kPencePerPound, money_));
        break;
      case XlsxKind::kShare:
        Keep(worksheet_write_number(sheet_, row_, c, *cell.share, share_));
        break;
      case XlsxKind::kCount:
        Keep(worksheet_write_number(sheet_, row_, c, cell.number, count_));
        break;
      case XlsxKind::kTonnes:
        Keep(worksheet_write_number(sheet_, row_, c, cell.number / kKilogramsPerTonne, tonnes_));
        break;
      case XlsxKind::kNumber:
        Keep(worksheet_write_number(sheet_, row_, c, cell.number, nullptr));
        break;
    }
  }
  ++row_;
}

void XlsxBook::EndSheet() {
  if (sheet_ == nullptr || columns_.empty()) return;
  const lxw_row_t last = row_ > kHeaderRow + 1 ? row_ - 1 : kHeaderRow;
  Keep(worksheet_autofilter(sheet_, kHeaderRow, 0, last,
                            static_cast<lxw_col_t>(columns_.size() - 1)));
  sheet_ = nullptr;
}

core::Status XlsxBook::Close() {
  const lxw_error closed = workbook_close(book_);  // frees the workbook
  book_ = nullptr;
  Keep(closed);
  if (error_ != LXW_NO_ERROR) {
    return core::Fail(core::ErrorCode::kStoreIo,
                      fmt::format("cannot write workbook {}: {}", path_, lxw_strerror(error_)));
  }
  return {};
}

void XlsxBook::Keep(lxw_error e) {
  if (error_ == LXW_NO_ERROR) error_ = e;
}

void XlsxBook::Text(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* format) {
  Keep(worksheet_write_string(sheet_, row, col, s.c_str(), format));
}

}  // namespace anchornet::report::internal
