#include "store/sqlite/statement.h"

#include <fmt/format.h>

#include <string>

namespace anchornet::store::sqlite {

core::Error SqliteError(sqlite3* db, std::string_view what) {
  const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  const char* msg = db ? sqlite3_errmsg(db) : "no database";
  std::string hint;
  if ((code & 0xFF) == SQLITE_FULL)
    hint = " (the disk is full; nothing from this operation was kept)";
  if ((code & 0xFF) == SQLITE_BUSY) hint = " (another anchornet process is writing; try again)";
  if ((code & 0xFF) == SQLITE_READONLY) hint = " (the workspace is read-only)";
  core::ErrorCode ec = (code & 0xFF) == SQLITE_CONSTRAINT ? core::ErrorCode::kStoreConstraint
                                                          : core::ErrorCode::kStoreIo;
  return core::Error{ec, fmt::format("{}: {}{}", what, msg, hint), {}};
}

core::Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    return tl::unexpected(SqliteError(db, fmt::format("preparing '{}'", sql.substr(0, 60))));
  }
  return Statement(stmt);
}

core::Status Exec(sqlite3* db, std::string_view sql) {
  std::string owned(sql);
  char* err = nullptr;
  if (sqlite3_exec(db, owned.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    core::Error e = SqliteError(db, fmt::format("running '{}'", owned.substr(0, 60)));
    sqlite3_free(err);
    return tl::unexpected(std::move(e));
  }
  return {};
}

core::Status Commit(sqlite3* db) {
  auto committed = Exec(db, "COMMIT");
  if (!committed && !sqlite3_get_autocommit(db)) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  return committed;
}

core::Status Prep(sqlite3* db, Statement& s, std::string_view sql) {
  auto r = Statement::Prepare(db, sql);
  if (!r) return tl::unexpected(r.error());
  s = std::move(*r);
  return {};
}

core::Status StepDone(sqlite3* db, Statement& s, std::string_view what) {
  const int rc = s.Step();
  s.Reset();
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, what));
  return {};
}

}  // namespace anchornet::store::sqlite
