#include "store/store.h"

#include <fmt/format.h>

#include "core/text.h"
#include "store/sqlite/sqlite_store.h"

namespace anchornet::store {

core::Result<std::unique_ptr<Store>> Store::Open(std::string_view url, const OpenOptions& options) {
  if (core::StartsWith(url, "sqlite:")) {
    std::string_view path = url.substr(7);
    if (core::StartsWith(path, "//")) path.remove_prefix(2);
    if (path.empty()) return core::Fail(core::ErrorCode::kUsage, "sqlite: URL needs a path");
    return sqlite::OpenSqliteStore(std::string(path), options);
  }
  if (core::StartsWith(url, "postgres://") || core::StartsWith(url, "postgresql://")) {
    return core::Fail(core::ErrorCode::kUsage,
                      "the PostgreSQL store is not part of this build yet; use sqlite:PATH");
  }
  if (url.find("://") != std::string_view::npos) {
    return core::Fail(core::ErrorCode::kUsage,
                      fmt::format("unknown store URL '{}': use sqlite:PATH", url));
  }
  return sqlite::OpenSqliteStore(std::string(url), options);
}

}  // namespace anchornet::store
