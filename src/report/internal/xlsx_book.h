// The frame every anchornet workbook shares (docs/report.md, "XLSX"): each sheet opens with a
// bold title row, a row saying what period and data it covers, a red synthetic-data row for the
// demo, a legend row when a figure on the sheet carries a coverage warning, then one table whose
// bold header is row 5, with frozen panes under it and an autofilter.
// Cells are typed: money is written in pounds with a £ format (pence / 100 only here, at the
// last step), shares as fractions with a percent format, tonnes CO2e with three decimals, counts
// as integers; an unknown value is a blank cell, never 0. A figure whose coverage is zero says
// "not known"; one below the network's coverage threshold has an amber warning style
// (core/coverage.h).
// Opened in a spreadsheet or printed, every sheet reads whole: each column is as wide as its
// longest rendered value (text capped and wrapped, the row as tall as its lines), and sheets print
// landscape on A4, one page wide (or, for a sheet too wide to read at 55%, the fewest pages wide
// that keep that scale, its key columns repeated), with the header row repeated on every page
// and the print area set to the table.
// Used by measures_xlsx.cpp and impact_xlsx.cpp. Private to src/report/.
//
// Thread-safety: one XlsxBook per thread.
#pragma once

#include <xlsxwriter.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/coverage.h"
#include "core/error.h"
#include "core/money.h"
#include "core/returns.h"

namespace anchornet::report::internal {

enum class XlsxKind { kText, kMoney, kShare, kCount, kTonnes, kNumber };

// A column; its width is worked out from what is written in it (XlsxBook::EndSheet).
struct XlsxColumn {
  std::string title;
  XlsxKind kind = XlsxKind::kText;
};

// A goals sheet's columns: the ones every goals sheet opens with (Goal, Level, Member, Financial
// year, Description, Measure, Kind), then `rest`.
std::vector<XlsxColumn> XlsxGoalColumns(std::vector<XlsxColumn> rest);

// A value for one cell; an empty share or a missing value is a blank cell.
struct XlsxCell {
  XlsxKind kind = XlsxKind::kText;
  std::string text;
  core::Pence pence = 0;  // kMoney
  std::optional<double> share;
  double number = 0;  // kCount, kNumber; kTonnes in kilograms CO2e
  bool blank = false;
  // The figure's confidence (core/coverage.h): not known is written as "not known", low with
  // the warning style. Text cells ignore it.
  core::Confidence confidence = core::Confidence::kSufficient;

  // This cell judged: `confidence` for a figure whose measure has a coverage.
  XlsxCell Judged(core::Confidence c) const {
    XlsxCell out = *this;
    out.confidence = c;
    return out;
  }

  static XlsxCell Text(std::string s) { return XlsxCell{XlsxKind::kText, std::move(s)}; }
  static XlsxCell Money(core::Pence p) { return XlsxCell{XlsxKind::kMoney, {}, p}; }
  static XlsxCell Share(std::optional<double> s) {
    XlsxCell c{XlsxKind::kShare};
    c.share = s;
    c.blank = !s.has_value();
    return c;
  }
  static XlsxCell Count(double n) {
    XlsxCell c{XlsxKind::kCount};
    c.number = n;
    return c;
  }
  // A measured quantity as written (activity figures, conversion factors): no number format.
  static XlsxCell Number(double n) {
    XlsxCell c{XlsxKind::kNumber};
    c.number = n;
    return c;
  }
  static XlsxCell Tonnes(std::int64_t kilograms) {
    XlsxCell c{XlsxKind::kTonnes};
    c.number = static_cast<double>(kilograms);
    return c;
  }
  static XlsxCell Blank() {
    XlsxCell c;
    c.blank = true;
    return c;
  }
  // A return or derived measure's base-unit value in its unit: pence as £, kilograms as tonnes,
  // counts as integers; blank when not reported.
  static XlsxCell Measure(std::optional<std::int64_t> value, core::ReturnUnit unit);
};

class XlsxBook {
 public:
  // Creates the workbook at `path` (replacing it on Close). Check ok() before use.
  explicit XlsxBook(std::string path);
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;
  ~XlsxBook();

  [[nodiscard]] bool ok() const { return book_ != nullptr; }

  void SetProperties(std::string title, std::string subject, std::string comments,
                     std::string keywords);
  // What the warning style and "not known" mean (internal::ConfidenceLegendText), written under
  // the title of each sheet that has a judged cell.
  void SetConfidenceLegend(std::string legend) { legend_ = std::move(legend); }

  // Starts a sheet: the title (row 1), `about` (row 2), `synthetic` in red (row 3, when not
  // empty), the header (row 5), frozen panes and the page set-up. Rows are then written with
  // Row().
  void BeginSheet(const std::string& name, const std::string& title, const std::string& about,
                  const std::string& synthetic, std::vector<XlsxColumn> columns,
                  lxw_col_t frozen_columns);
  void Row(const std::vector<XlsxCell>& cells);
  // Sizes the columns to what was written, adds the autofilter over the table and sets the print
  // area to it, and writes the legend (row 4) when a cell was judged.
  void EndSheet();

  // Writes the file. Errors: kStoreIo when it cannot be written (directory missing, disk full).
  [[nodiscard]] core::Status Close();

 private:
  void Keep(lxw_error e);
  void Text(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* format);
  // The number format of a kind, plain or with the low-coverage warning style.
  lxw_format* NumberFormat(XlsxKind kind, bool low) const;
  void Fit(std::size_t column, std::size_t width);

  std::string path_;
  lxw_workbook* book_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format *title_ = nullptr, *synthetic_ = nullptr, *header_ = nullptr, *text_ = nullptr,
             *wrap_ = nullptr, *legend_format_ = nullptr, *not_known_ = nullptr;
  // Indexed by XlsxKind: [0] plain, [1] low coverage.
  std::vector<lxw_format*> numbers_[2];
  std::vector<XlsxColumn> columns_;
  std::vector<std::size_t> widths_;  // the widest rendered value of each column, in characters
  lxw_col_t frozen_columns_ = 0;     // the key columns, repeated on each page of a wide print
  std::string legend_;
  bool judged_ = false;  // a cell of this sheet was written not known or low
  lxw_row_t row_ = 0;
  lxw_error error_ = LXW_NO_ERROR;
};

}  // namespace anchornet::report::internal
