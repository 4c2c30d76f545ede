// The SQLite backend's spend writer: one import of one member's file as a single transaction,
// payment lines stored in columnar blocks (store/internal/line_block.h) and de-duplicated against
// the member's stored lines (docs/import.md). Called by SqliteStore (sqlite_store.cpp). Private
// to store/.
//
// Thread-safety: the connection's thread only; one import at a time per connection.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sqlite/statement.h"
#include "store/store.h"

namespace anchornet::store::sqlite {

// A transparent hash so maps keyed by std::string accept std::string_view lookups.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IdCache = std::unordered_map<std::string, std::int64_t, StringHash, std::equal_to<>>;

// Ids of payees and labels already in the store, kept across imports by one SqliteStore so that
// each is looked up once. Emptied when an import rolls back (its new ids are gone).
struct IdCaches {
  IdCache labels;
  struct Member {
    IdCache payees;   // by name and identifiers
    IdCache by_name;  // organisations given by name alone
    IdCache personal_by_name;
  };
  std::unordered_map<std::int64_t, Member> members;
  // The writer's statements, prepared once per connection.
  Statement insert_block, insert_payee, find_payee, insert_label, find_label, insert_reject,
      read_block;
  bool prepared = false;
  void Clear() {  // the ids only; statements stay prepared
    labels.clear();
    members.clear();
  }
};

// Opens the import's transaction (BEGIN IMMEDIATE) and records the file for `member_id`; the
// writer rolls everything back unless committed. `caches` must outlive the writer.
// Errors: kStoreIo.
[[nodiscard]] core::Result<std::unique_ptr<SpendWriter>> BeginSpendImport(sqlite3* db,
                                                                          std::int64_t member_id,
                                                                          const FileToImport& file,
                                                                          IdCaches& caches);

}  // namespace anchornet::store::sqlite
