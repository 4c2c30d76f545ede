// The SQLite backend's members' returns (docs/returns.md): returns files, submissions with their
// figures, levy transfers and carbon projects, and the issues found in them. Free functions over
// one connection, called by SqliteStore (sqlite_store.cpp). Private to store/.
//
// Thread-safety: the connection's thread only.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace anchornet::store::sqlite {

// The code a stored name (core::ErrorCodeName) stands for; kInternal for a name no code has.
core::ErrorCode ErrorCodeFromName(std::string_view name);

[[nodiscard]] core::Result<std::optional<ReturnFile>> FindReturnFile(sqlite3* db,
                                                                     std::string_view content_hash);
// Opens the file's transaction (BEGIN IMMEDIATE) and records the file; the writer rolls it back
// unless committed. Errors: kStoreIo, kStoreConstraint (the same bytes are already stored).
[[nodiscard]] core::Result<std::unique_ptr<ReturnWriter>> BeginReturnImport(sqlite3* db,
                                                                            const ReturnFile& file);
[[nodiscard]] core::Result<std::vector<ReturnSubmission>> ListReturnSubmissions(
    sqlite3* db, const ReturnFilter& filter);
// Errors: kNotFound, kStoreIo.
[[nodiscard]] core::Result<core::MemberReturn> LoadReturn(sqlite3* db, std::int64_t submission_id);
[[nodiscard]] core::Result<std::vector<ReturnIssue>> ListReturnIssues(sqlite3* db,
                                                                      std::int64_t submission_id,
                                                                      std::int64_t file_id);

// The returns' own invariants, for CheckIntegrity: at most one current submission per member and
// period, and every supersession recorded at both ends. Errors: kStoreIo.
[[nodiscard]] core::Status CheckReturns(sqlite3* db);

}  // namespace anchornet::store::sqlite
