// Reads JSON spend exports: an array of row objects, either at the top level or under a key
// such as "data", "rows", "records", "payments" or "transactions" (as in the HM Treasury files
// converted by a third party). Keys become header cells in first-seen order; numbers keep their
// exact decimal text; null becomes an empty cell.
//
// The whole document is parsed in memory (JSON spend exports are monthly and small); memory is
// about three times the file. Thread-safety: one thread per reader.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "ingest/row_source.h"

namespace anchornet::ingest {

// The first row produced is a synthetic header (line 0) listing the keys. Errors:
// kFileNotFound, kUnsupportedFormat (not JSON, or no array of objects found).
[[nodiscard]] core::Result<std::unique_ptr<RowSource>> OpenJsonRows(const std::string& path);

}  // namespace anchornet::ingest
