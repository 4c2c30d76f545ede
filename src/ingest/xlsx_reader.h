// Reads the cells of one worksheet of an Office Open XML workbook (.xlsx), streaming the sheet
// XML so memory does not grow with the number of rows (shared strings are held in memory).
//
// Numbers are given as their shortest decimal text (binary noise such as 1534.2400000000001 is
// removed by printing 15 significant digits); numeric cells whose style is a date or date-time
// format are given as ISO dates "yyyy-mm-dd"; booleans as TRUE/FALSE; formulas as their cached
// value. Thread-safety: one thread per reader.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "ingest/row_source.h"

namespace anchornet::ingest {

// The sheet names of a workbook, in workbook order. Errors: kFileNotFound, kUnsupportedFormat.
[[nodiscard]] core::Result<std::vector<std::string>> ListXlsxSheets(const std::string& path);

// Opens `sheet` (empty: the first sheet). Errors: kFileNotFound, kUnsupportedFormat (not a zip,
// no workbook, damaged XML), kNotFound (no sheet of that name; the message lists the sheets).
[[nodiscard]] core::Result<std::unique_ptr<RowSource>> OpenXlsx(const std::string& path,
                                                                const std::string& sheet);

}  // namespace anchornet::ingest
