// The SQLite backend's registers, supplier returns, resolved suppliers and decisions: free
// functions over one connection, called by SqliteStore (sqlite_store.cpp). Private to store/.
//
// Thread-safety: the connection's thread only.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/store.h"

namespace anchornet::store::sqlite {

std::string NowIsoUtc();

// Adds one to the data version; call inside the transaction that changes data.
[[nodiscard]] core::Status BumpDataVersion(sqlite3* db);
[[nodiscard]] core::Result<std::int64_t> MetaValue(sqlite3* db, std::string_view key);

[[nodiscard]] core::Result<std::optional<RegisterImport>> FindRegisterImport(
    sqlite3* db, std::string_view kind, std::string_view member, std::string_view content_hash);
[[nodiscard]] core::Result<std::unique_ptr<RegisterWriter>> BeginRegisterImport(
    sqlite3* db, const RegisterFile& file, std::int64_t member_id);
[[nodiscard]] core::Result<std::vector<RegisterImport>> ListRegisterImports(sqlite3* db);

[[nodiscard]] core::Result<std::vector<RegisterOrg>> FindOrgs(sqlite3* db, std::string_view scheme,
                                                              const std::vector<std::string>& ids);
[[nodiscard]] core::Result<std::vector<std::pair<std::string, RegisterOrg>>> FindOrgsByNameKey(
    sqlite3* db, const std::vector<std::string>& keys);
[[nodiscard]] core::Result<std::vector<RegisterLink>> FindLinks(
    sqlite3* db, const std::vector<std::pair<std::string, std::string>>& records);
[[nodiscard]] core::Result<std::vector<PostcodePlace>> FindPostcodes(
    sqlite3* db, const std::vector<std::string>& postcodes);
[[nodiscard]] core::Result<std::vector<Deprivation>> FindDeprivation(
    sqlite3* db, const std::vector<std::string>& lsoas);
[[nodiscard]] core::Result<std::vector<AreaName>> ListAreaNames(sqlite3* db);
[[nodiscard]] core::Result<std::vector<GhgFactor>> FindGhgFactors(sqlite3* db, int year,
                                                                  std::string_view text);
[[nodiscard]] core::Result<std::vector<std::pair<std::string, SupplierReturnLine>>>
ListSupplierReturns(sqlite3* db);

[[nodiscard]] core::Result<std::vector<PayeeRecord>> ListPayees(sqlite3* db);
[[nodiscard]] core::Result<std::vector<std::string>> ListLabels(sqlite3* db);

[[nodiscard]] core::Status ReplaceSuppliers(sqlite3* db,
                                            const std::vector<SupplierRecord>& suppliers,
                                            std::int64_t data_version);
[[nodiscard]] core::Result<std::vector<SupplierRecord>> LoadSuppliers(sqlite3* db,
                                                                      bool with_detail);
[[nodiscard]] core::Result<std::vector<std::int32_t>> PayeeSupplierIndex(sqlite3* db);

[[nodiscard]] core::Result<std::int64_t> AddDecision(sqlite3* db, const Decision& decision);
[[nodiscard]] core::Result<std::vector<Decision>> ListDecisions(sqlite3* db);

}  // namespace anchornet::store::sqlite
