// RowSource: the one shape every spend-file reader (CSV, XLSX, JSON) produces, so that layout
// detection and import do not care where rows came from.
//
// Thread-safety: a RowSource is used by one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace anchornet::ingest {

// One row of cells. Cell i is source column i+1 (for XLSX, column A is cell 0 and gaps are empty
// cells). The views stay valid until the next call to Next(). Text is UTF-8.
struct Row {
  std::int64_t line = 0;  // 1-based: CSV physical line where the row starts, XLSX sheet row
                          // number, JSON 1-based index in the rows array
  std::vector<std::string_view> cells;
  core::ErrorCode problem = core::ErrorCode::kOk;  // e.g. kUnterminatedQuote for a broken row
  std::int32_t problem_column = 0;
};

class RowSource {
 public:
  virtual ~RowSource() = default;
  // Reads the next row. Returns false at the end of the data. Errors (file-level only):
  // kFileUnreadable, kUnsupportedFormat.
  [[nodiscard]] virtual core::Result<bool> Next(Row& row) = 0;
  // How the file was read, for the import summary: e.g. "CSV, Windows-1252, CRLF, ','".
  virtual std::string Describe() const = 0;
};

}  // namespace anchornet::ingest
