// Spend import: one member's payment file (CSV, XLSX or JSON) into the store, as one
// transaction, with rejects kept and duplicates not counted twice.
//
// Thread-safety: one import per Store object at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "core/spend.h"
#include "store/store.h"

namespace anchornet::ingest {

struct ImportOptions {
  std::string sheet;         // XLSX: sheet name; empty for the first sheet
  std::string mapping_path;  // a TOML file naming the columns (overrides detection)
  bool dry_run = false;      // detect and parse, print, store nothing
  std::int64_t preview_rows = 10;
  // Test seam: called after each stored line with its row number (fault-injection tests kill
  // the process from here). Null in normal use.
  std::function<void(std::int64_t row)> after_line;
};

// How one column of the file was understood.
struct ColumnAssignment {
  std::string role;         // "payment_date", "payee", "amount", ... (see docs/import.md)
  std::int32_t column = 0;  // 1-based source column
  std::string header;       // the header cell as published ("" when the file has no header)
  std::string how;          // "header", "content", "mapping"
};

// A column scored as the payee when the payee had to be inferred from contents.
struct PayeeScore {
  std::int32_t column = 0;  // 1-based source column
  std::string header;       // the header cell as published ("" when the file has no header)
  double score = 0;         // 0 to 1 (ingest::ScorePayeeColumn)
  std::string example;      // the column's most frequent value in the first rows
};

struct ImportSummary {
  std::string path;
  std::string member;
  std::string format;            // "csv", "xlsx", "json"
  std::string reader;            // how the bytes were read: encoding, line ends, delimiter
  std::int64_t header_line = 0;  // 0 when the file has no header row
  bool header_inferred = false;  // columns were inferred from content
  std::vector<ColumnAssignment> columns;
  std::vector<std::string> ignored_columns;  // headers not used
  // When the payee was inferred from contents: every candidate column, best first (the first is
  // the payee column). Empty when a header or a mapping named the payee.
  std::vector<PayeeScore> payee_scores;
  // Dry run only: the file-level error a real import of this file would give (payee_uncertain),
  // shown with the layout that caused it. A real import returns the error instead.
  std::optional<core::Error> refused;
  std::string content_hash;
  std::int64_t bytes = 0;
  bool dry_run = false;
  bool already_imported = false;  // same bytes imported earlier for this member: nothing changed
  std::int64_t file_id = 0;       // the stored file (or the earlier one when already imported)
  store::ImportCounts counts;
  std::map<core::ErrorCode, std::int64_t> rejects_by_code;
  std::vector<core::Reject> first_rejects;  // up to 10, in file order
  std::vector<std::string> notes;           // things the user should know, in plain words
  std::vector<core::SpendLine> preview;     // dry run: the first rows as understood

  // The layout as one line for the store and the summary.
  std::string LayoutText() const;
};

// Imports `path` for `member`. File-level problems fail the whole import and leave the store
// unchanged; row-level problems become rejects. Errors: kFileNotFound, kFileUnreadable,
// kFileEmpty, kUnsupportedFormat, kNotPaymentLines, kNoHeaderMatch, kPayeeUncertain (no header
// names the payee and no column is clearly it: the message gives the `--mapping` to write),
// kUnknownMember, kConfigInvalid (bad mapping file), kStoreIo.
[[nodiscard]] core::Result<ImportSummary> ImportSpendFile(store::Store& store,
                                                          const core::Network& network,
                                                          std::string_view member,
                                                          const std::string& path,
                                                          const ImportOptions& options = {});

}  // namespace anchornet::ingest
