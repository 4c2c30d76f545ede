// The SQLite backend's spend queries: imported files, rejects, daily totals, top payees, counts,
// scans of the stored payment lines and the lines of one file. Free functions over one
// connection, called by SqliteStore (sqlite_store.cpp). Private to store/.
//
// Thread-safety: the connection's thread only.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace anchornet::store::sqlite {

[[nodiscard]] core::Result<std::optional<ImportedFile>> FindImportedFile(
    sqlite3* db, std::string_view member, std::string_view content_hash);
// Every member's files when member is empty; in id order.
[[nodiscard]] core::Result<std::vector<ImportedFile>> ListImports(sqlite3* db,
                                                                  std::string_view member);
// Errors: kNotFound (no committed file has this id), kStoreIo.
[[nodiscard]] core::Result<ImportedFile> GetImport(sqlite3* db, std::int64_t id);
[[nodiscard]] core::Result<std::vector<RejectRecord>> ListRejects(sqlite3* db,
                                                                  const RejectFilter& filter);
[[nodiscard]] core::Result<std::vector<DailyTotal>> DailyTotals(sqlite3* db,
                                                                std::string_view member);
[[nodiscard]] core::Result<std::vector<PayeeTotal>> TopPayees(sqlite3* db,
                                                              const PayeeFilter& filter);
[[nodiscard]] core::Result<StoreCounts> Counts(sqlite3* db);
[[nodiscard]] core::Status ScanLines(sqlite3* db, std::string_view member,
                                     std::optional<core::Date> from, std::optional<core::Date> to,
                                     const Store::ScanOptions& options,
                                     const std::function<core::Status(const Store::LineBatch&)>& f);
[[nodiscard]] core::Result<std::vector<core::SpendLine>> FileLines(sqlite3* db,
                                                                   std::int64_t file_id);
// For CheckIntegrity: every block decodes, and its stored count and total match its lines.
// Errors: kStoreIo.
[[nodiscard]] core::Status CheckBlocks(sqlite3* db);

}  // namespace anchornet::store::sqlite
