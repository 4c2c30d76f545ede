// The shared workbook frame (internal/xlsx_book.h), written with libxlsxwriter.
#include "report/internal/xlsx_book.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <utility>

#include "core/text.h"
#include "report/internal/confidence_words.h"

namespace anchornet::report::internal {

namespace {

constexpr lxw_row_t kHeaderRow = 4;  // title, about, synthetic banner, legend, header
constexpr lxw_row_t kLegendRow = 3;
constexpr double kHeaderHeight = 45;  // three lines of a wrapped header
constexpr double kKilogramsPerTonne = 1000.0;
constexpr double kPencePerPound = 100.0;
constexpr int kKinds = static_cast<int>(XlsxKind::kNumber) + 1;

// Column widths, in characters of the default font. A spreadsheet's width unit is the width of
// a digit in Calibri 11; LibreOffice without Calibri draws in a wider font (Carlito or DejaVu
// Sans), so each character counts for kCharWidth units, plus kPadding for the cell's margins and
// the autofilter's button.
constexpr double kCharWidth = 1.2;
constexpr double kPadding = 3;
constexpr std::size_t kMinWidth = 6;
constexpr std::size_t kTextCap = 60;  // longer text wraps within this width
constexpr std::size_t kHeaderLines = 3;
constexpr std::size_t kGeneralDigits = 11;  // LibreOffice's "General" shows at most this many

// Printing: A4 landscape, narrow margins (inches), the sheet and page in the footer. A sheet
// prints one page wide when that keeps it at kMinPrintScale or more; a wider one (the measures.
// ~45 columns) the fewest pages wide that do, its key columns repeated on each, rather than at a
// scale nobody can read. Widths in millimetres: a column of w units is about w x 1.85 + 1.3 mm.
constexpr std::uint8_t kPaperA4 = 9;
constexpr double kMarginSide = 0.4, kMarginTopBottom = 0.6;
constexpr double kMmPerInch = 25.4;
constexpr double kPrintableMm = 297.0 - 2 * kMmPerInch * kMarginSide;  // A4 landscape across
constexpr double kMinPrintScale = 0.55;
constexpr double kMmPerUnit = 1.85, kMmPerColumn = 1.3;
// A wrapped line's height in points (11 pt text); a row of wrapped text is set to its lines, as
// LibreOffice keeps the default height of a row it did not lay out itself.
constexpr double kLineHeight = 15;
constexpr const char* kFooter = "&L&A&RPage &P of &N";

constexpr lxw_color_t kLowFill = 0xFFE699;  // amber: coverage below the threshold
constexpr lxw_color_t kNotKnownColor = 0x7F7F7F;

// "1,234,567": an integer with thousands separators, as "#,##0" shows it.
std::size_t GroupedWidth(double value) {
  const double whole = std::floor(std::abs(value) + 0.5);
  const std::size_t digits = whole < 1 ? 1 : static_cast<std::size_t>(std::log10(whole)) + 1;
  return digits + (digits - 1) / 3 + (value < 0 ? 1 : 0);
}

// How many characters a cell takes once its number format is applied.
std::size_t RenderedWidth(const XlsxCell& cell) {
  if (cell.blank) return 0;
  if (cell.kind != XlsxKind::kText && cell.confidence == core::Confidence::kNotKnown) {
    return core::DisplayWidth(kNotKnownText);
  }
  switch (cell.kind) {
    case XlsxKind::kText:
      return core::DisplayWidth(cell.text);
    case XlsxKind::kMoney:  // "£1,234.56"
      return 1 + GroupedWidth(static_cast<double>(cell.pence) / kPencePerPound) + 3;
    case XlsxKind::kShare:  // "12.3%"
      return fmt::format("{:.1f}%", *cell.share * 100.0).size();
    case XlsxKind::kCount:
      return GroupedWidth(cell.number);
    case XlsxKind::kTonnes:  // "1,234.567"
      return GroupedWidth(std::trunc(cell.number / kKilogramsPerTonne)) + 4;
    case XlsxKind::kNumber:
      return std::min(fmt::format("{}", cell.number).size(), kGeneralDigits);
  }
  return 0;
}

// A header wraps onto up to three lines: as wide as its longest word, or a third of it.
std::size_t HeaderWidth(const std::string& title) {
  std::size_t longest = 0, word = 0;
  for (const char c : title) {
    word = c == ' ' ? 0 : word + ((static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0);
    longest = std::max(longest, word);
  }
  const std::size_t third = (core::DisplayWidth(title) + kHeaderLines - 1) / kHeaderLines;
  return std::max(longest, third);
}

}  // namespace

std::vector<XlsxColumn> XlsxGoalColumns(std::vector<XlsxColumn> rest) {
  std::vector<XlsxColumn> out;
  for (const char* title :
       {"Goal", "Level", "Member", "Financial year", "Description", "Measure", "Kind"}) {
    out.push_back({title, XlsxKind::kText});
  }
  out.insert(out.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
  return out;
}

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
  wrap_ = workbook_add_format(book_);
  format_set_text_wrap(wrap_);
  format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
  legend_format_ = workbook_add_format(book_);
  format_set_italic(legend_format_);
  format_set_pattern(legend_format_, LXW_PATTERN_SOLID);
  format_set_bg_color(legend_format_, kLowFill);
  text_ = workbook_add_format(book_);
  format_set_align(text_, LXW_ALIGN_VERTICAL_TOP);
  not_known_ = workbook_add_format(book_);
  format_set_align(not_known_, LXW_ALIGN_VERTICAL_TOP);
  format_set_italic(not_known_);
  format_set_align(not_known_, LXW_ALIGN_RIGHT);
  format_set_font_color(not_known_, kNotKnownColor);
  header_ = workbook_add_format(book_);
  format_set_bold(header_);
  format_set_text_wrap(header_);
  format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
  format_set_bottom(header_, LXW_BORDER_THIN);
  format_set_pattern(header_, LXW_PATTERN_SOLID);
  format_set_bg_color(header_, 0xDDEBF7);
  // Number formats by kind (plain numbers have none), each also in the warning style; every cell
  // of a row sits at its top, level with a wrapped text.
  for (int low = 0; low < 2; ++low) {
    numbers_[low].assign(kKinds, nullptr);
    for (const auto& [kind, number_format] :
         {std::pair{XlsxKind::kMoney, "\"\u00a3\"#,##0.00"}, std::pair{XlsxKind::kShare, "0.0%"},
          std::pair{XlsxKind::kCount, "#,##0"}, std::pair{XlsxKind::kTonnes, "#,##0.000"},
          std::pair{XlsxKind::kNumber, ""}}) {
      lxw_format* f = workbook_add_format(book_);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);  // level with wrapped text in the row
      if (*number_format != '\0') format_set_num_format(f, number_format);
      if (low == 1) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, kLowFill);
      }
      numbers_[low][static_cast<int>(kind)] = f;
    }
  }
}

lxw_format* XlsxBook::NumberFormat(XlsxKind kind, bool low) const {
  return numbers_[low ? 1 : 0][static_cast<int>(kind)];
}

void XlsxBook::Fit(std::size_t column, std::size_t width) {
  if (column < widths_.size()) widths_[column] = std::max(widths_[column], width);
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
  widths_.assign(columns_.size(), kMinWidth);
  judged_ = false;
  row_ = kHeaderRow + 1;
  Text(0, 0, title, title_);
  Text(1, 0, about, nullptr);
  if (!synthetic.empty()) Text(2, 0, synthetic, synthetic_);
  Keep(worksheet_set_row(sheet_, kHeaderRow, kHeaderHeight, nullptr));
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    Text(kHeaderRow, static_cast<lxw_col_t>(i), columns_[i].title, header_);
    Fit(i, HeaderWidth(columns_[i].title));
  }
  worksheet_freeze_panes(sheet_, kHeaderRow + 1, frozen_columns);
  frozen_columns_ = frozen_columns;
  worksheet_set_landscape(sheet_);
  worksheet_set_paper(sheet_, kPaperA4);
  worksheet_set_margins(sheet_, kMarginSide, kMarginSide, kMarginTopBottom, kMarginTopBottom);
  Keep(worksheet_repeat_rows(sheet_, kHeaderRow, kHeaderRow));
  Keep(worksheet_set_footer(sheet_, kFooter));
}

void XlsxBook::Row(const std::vector<XlsxCell>& cells) {
  if (sheet_ == nullptr) return;
  std::size_t lines = 1;  // of the row's longest wrapped text
  for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
    const auto c = static_cast<lxw_col_t>(i);
    const XlsxCell& cell = cells[i];
    const bool figure = cell.kind != XlsxKind::kText;
    if (figure && cell.confidence == core::Confidence::kNotKnown) {
      // Not known is never a blank or a zero: the words.
      judged_ = true;
      Text(row_, c, kNotKnownText, not_known_);
      Fit(i, RenderedWidth(cell));
      continue;
    }
    if (cell.blank) continue;
    const bool low = figure && cell.confidence == core::Confidence::kLow;
    judged_ = judged_ || low;
    Fit(i,
        std::min(RenderedWidth(cell), figure ? std::numeric_limits<std::size_t>::max() : kTextCap));
    lxw_format* format = NumberFormat(cell.kind, low);
    switch (cell.kind) {
      case XlsxKind::kText:
        if (!cell.text.empty()) {
          const std::size_t width = core::DisplayWidth(cell.text);
          // Words do not break exactly at the cap: a wrapped line holds about 5/6 of it.
          if (width > kTextCap)
            lines = std::max(lines, (width * 6 + kTextCap * 5 - 1) / (kTextCap * 5));
          Text(row_, c, cell.text, width > kTextCap ? wrap_ : text_);
        }
        break;
      case XlsxKind::kMoney:
        // The one place pence become a double: exact below 2^53 pence, printed with 15+
        // significant digits by the writer.
        Keep(worksheet_write_number(sheet_, row_, c,
                                    static_cast<double>(cell.pence) / kPencePerPound, format));
        break;
      case XlsxKind::kShare:
        Keep(worksheet_write_number(sheet_, row_, c, *cell.share, format));
        break;
      case XlsxKind::kTonnes:
        Keep(worksheet_write_number(sheet_, row_, c, cell.number / kKilogramsPerTonne, format));
        break;
      case XlsxKind::kCount:
      case XlsxKind::kNumber:
        Keep(worksheet_write_number(sheet_, row_, c, cell.number, format));
        break;
    }
  }
  if (lines > 1) {
    Keep(worksheet_set_row(sheet_, row_, kLineHeight * static_cast<double>(lines), nullptr));
  }
  ++row_;
}

void XlsxBook::EndSheet() {
  if (sheet_ == nullptr || columns_.empty()) return;
  double total_mm = 0, key_mm = 0;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const auto c = static_cast<lxw_col_t>(i);
    const double width = std::ceil(static_cast<double>(widths_[i]) * kCharWidth) + kPadding;
    total_mm += width * kMmPerUnit + kMmPerColumn;
    if (i < frozen_columns_) key_mm += width * kMmPerUnit + kMmPerColumn;
    Keep(worksheet_set_column(sheet_, c, c, width, nullptr));
  }
  // As many pages long as it takes; one page wide, or the fewest that keep kMinPrintScale.
  const double page_mm = kPrintableMm / kMinPrintScale;
  std::uint16_t pages_wide = 1;
  if (total_mm > page_mm && key_mm < page_mm / 2) {
    pages_wide = static_cast<std::uint16_t>(std::ceil((total_mm - key_mm) / (page_mm - key_mm)));
    if (frozen_columns_ > 0) Keep(worksheet_repeat_columns(sheet_, 0, frozen_columns_ - 1));
  }
  worksheet_fit_to_pages(sheet_, pages_wide, 0);
  if (judged_ && !legend_.empty()) Text(kLegendRow, 0, legend_, legend_format_);
  const lxw_row_t last = row_ > kHeaderRow + 1 ? row_ - 1 : kHeaderRow;
  const auto last_column = static_cast<lxw_col_t>(columns_.size() - 1);
  Keep(worksheet_autofilter(sheet_, kHeaderRow, 0, last, last_column));
  Keep(worksheet_print_area(sheet_, 0, 0, last, last_column));
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
