// The SQLite backend's network: the network file as saved by `anchornet init` (members, goals,
// spend rules, the low-coverage threshold) and the member lookup every writer needs. Free
// functions over one connection, called by SqliteStore (sqlite_store.cpp). Private to store/.
//
// Thread-safety: the connection's thread only.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/network.h"
#include "store/store.h"

namespace anchornet::store::sqlite {

// Saves the network in one transaction. Errors: kConfigInvalid (a member with imported files or
// returns would be removed; nothing is saved), kStoreIo.
[[nodiscard]] core::Status SaveNetwork(sqlite3* db, const core::Network& network,
                                       std::string_view source_text);
// Errors: kNoWorkspace (no network saved yet), kStoreIo.
[[nodiscard]] core::Result<core::Network> LoadNetwork(sqlite3* db);
// Errors: kNoWorkspace, kStoreIo.
[[nodiscard]] core::Result<std::string> NetworkSource(sqlite3* db);
// The row id of the member with this code. Errors: kUnknownMember, kStoreIo.
[[nodiscard]] core::Result<std::int64_t> MemberId(sqlite3* db, std::string_view code);

}  // namespace anchornet::store::sqlite
