// The SQLite backend (private to store/): opened through Store::Open("sqlite:path").
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace anchornet::store::sqlite {

[[nodiscard]] core::Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                                   const OpenOptions& options);

}  // namespace anchornet::store::sqlite
