// A thin RAII layer over the SQLite C API used by the SQLite backend only.
//
// Thread-safety: objects belong to the connection's thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace anchornet::store::sqlite {

core::Error SqliteError(sqlite3* db, std::string_view what);

class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&& other) noexcept {
    std::swap(stmt_, other.stmt_);
    return *this;
  }
  ~Statement() { sqlite3_finalize(stmt_); }

  [[nodiscard]] static core::Result<Statement> Prepare(sqlite3* db, std::string_view sql);

  void Bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  // Text, never NULL: an empty view with a null pointer is bound as "".
  void Bind(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data() ? value.data() : "",
                      static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  // Binds text that outlives the next Step() without copying.
  void BindStatic(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data() ? value.data() : "",
                      static_cast<int>(value.size()), SQLITE_STATIC);
  }
  void BindNull(int index) { sqlite3_bind_null(stmt_, index); }
  void Bind(int index, const std::optional<std::int64_t>& value) {
    if (value) {
      Bind(index, *value);
    } else {
      BindNull(index);
    }
  }

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
  }
  sqlite3_stmt* get() { return stmt_; }

 private:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  sqlite3_stmt* stmt_ = nullptr;
};

// Runs SQL that returns no rows. Errors: kStoreIo.
[[nodiscard]] core::Status Exec(sqlite3* db, std::string_view sql);

// Commits the open transaction. When COMMIT fails (a full disk, an I/O error) the transaction is
// rolled back, so that the connection is never left inside it and nothing of it is kept later.
// Errors: kStoreIo.
[[nodiscard]] core::Status Commit(sqlite3* db);

// Prepares `sql` into `s` (replacing what it held).
[[nodiscard]] core::Status Prep(sqlite3* db, Statement& s, std::string_view sql);
// Steps a statement that returns no rows and resets it; an error names `what` was being done.
[[nodiscard]] core::Status StepDone(sqlite3* db, Statement& s, std::string_view what);

}  // namespace anchornet::store::sqlite
