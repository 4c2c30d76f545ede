// SQLite backend: opening the workspace (WAL journal, foreign keys on), applying migrations,
// the consistency check, and the Store interface over the areas' free functions: the network
// (network.cpp), spend imports (spend_writer.cpp) and spend queries (spend_queries.cpp),
// registers, suppliers and decisions (registers.cpp), members' returns (returns.cpp).
//
// Thread-safety: one thread per SqliteStore; SQLite serialises writers across processes.
#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <utility>

#include "store/sqlite/migrations.h"
#include "store/sqlite/network.h"
#include "store/sqlite/registers.h"
#include "store/sqlite/returns.h"
#include "store/sqlite/spend_queries.h"
#include "store/sqlite/spend_writer.h"
#include "store/sqlite/statement.h"

namespace anchornet::store::sqlite {

namespace {

using core::ErrorCode;
using core::Fail;

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(DbPtr db) : db_(std::move(db)) {}

  core::Status Init(bool read_only, std::int64_t cache_kib) {
    sqlite3* db = db_.get();
    sqlite3_busy_timeout(db, 10000);
    for (std::string_view pragma :
         {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL", "PRAGMA temp_store = MEMORY",
          "PRAGMA wal_autocheckpoint = 16384"}) {
      if (auto s = Exec(db, pragma); !s) return s;
    }
    if (auto s = Exec(db, fmt::format("PRAGMA cache_size = -{}", cache_kib)); !s) return s;
    if (!read_only) {
      if (auto s = Exec(db, "PRAGMA journal_mode = WAL"); !s) return s;
    }
    int current = 0;
    {
      // Finalized before migrating: an open statement would lock the tables a migration drops.
      auto version = Statement::Prepare(db, "PRAGMA user_version");
      if (!version) return tl::unexpected(version.error());
      version->Step();
      current = static_cast<int>(version->Int(0));
    }
    if (current > kSchemaVersion) {
      return Fail(ErrorCode::kStoreSchemaTooNew,
                  fmt::format("this workspace has schema version {}, but this anchornet only "
                              "knows up to version {}; use a newer anchornet",
                              current, kSchemaVersion));
    }
    if (current < kSchemaVersion && read_only) {
      return Fail(ErrorCode::kStoreOpen, "the workspace needs migrating but was opened read-only");
    }
    for (int v = current; v < kSchemaVersion; ++v) {
      if (auto s = Exec(db, "BEGIN IMMEDIATE"); !s) return s;
      auto applied = Exec(db, kMigrations[v]);
      if (applied) applied = Exec(db, fmt::format("PRAGMA user_version = {}", v + 1));
      if (!applied) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        return applied;
      }
      if (auto s = Commit(db); !s) return s;
    }
    return {};
  }

  int SchemaVersion() override {
    auto v = Statement::Prepare(db_.get(), "PRAGMA user_version");
    if (!v || v->Step() != SQLITE_ROW) return -1;
    return static_cast<int>(v->Int(0));
  }

  core::Status SaveNetwork(const core::Network& network, std::string_view source_text) override {
    return sqlite::SaveNetwork(db_.get(), network, source_text);
  }
  core::Result<core::Network> LoadNetwork() override { return sqlite::LoadNetwork(db_.get()); }
  core::Result<std::string> NetworkSource() override { return sqlite::NetworkSource(db_.get()); }

  // ---- Spend (store/sqlite/spend_writer.cpp, spend_queries.cpp).
  core::Result<std::optional<ImportedFile>> FindImportedFile(
      std::string_view member, std::string_view content_hash) override {
    return sqlite::FindImportedFile(db_.get(), member, content_hash);
  }
  core::Result<std::unique_ptr<SpendWriter>> BeginImport(const FileToImport& file) override {
    auto member_id = sqlite::MemberId(db_.get(), file.member);
    if (!member_id) return tl::unexpected(member_id.error());
    return BeginSpendImport(db_.get(), *member_id, file, caches_);
  }
  core::Result<std::vector<ImportedFile>> ListImports(std::string_view member) override {
    return sqlite::ListImports(db_.get(), member);
  }
  core::Result<ImportedFile> GetImport(std::int64_t id) override {
    return sqlite::GetImport(db_.get(), id);
  }
  core::Result<std::vector<RejectRecord>> ListRejects(const RejectFilter& filter) override {
    return sqlite::ListRejects(db_.get(), filter);
  }
  core::Result<std::vector<DailyTotal>> DailyTotals(std::string_view member) override {
    return sqlite::DailyTotals(db_.get(), member);
  }
  core::Result<std::vector<PayeeTotal>> TopPayees(const PayeeFilter& filter) override {
    return sqlite::TopPayees(db_.get(), filter);
  }
  core::Result<StoreCounts> Counts() override { return sqlite::Counts(db_.get()); }

  // ---- Registers, suppliers, decisions (store/sqlite/registers.cpp).
  core::Result<std::optional<RegisterImport>> FindRegisterImport(
      std::string_view kind, std::string_view member, std::string_view content_hash) override {
    return sqlite::FindRegisterImport(db_.get(), kind, member, content_hash);
  }
  core::Result<std::unique_ptr<RegisterWriter>> BeginRegisterImport(
      const RegisterFile& file) override {
    std::int64_t member_id = 0;
    if (!file.member.empty()) {
      auto id = sqlite::MemberId(db_.get(), file.member);
      if (!id) return tl::unexpected(id.error());
      member_id = *id;
    }
    return sqlite::BeginRegisterImport(db_.get(), file, member_id);
  }
  core::Result<std::vector<RegisterImport>> ListRegisterImports() override {
    return sqlite::ListRegisterImports(db_.get());
  }
  core::Result<std::vector<RegisterOrg>> FindOrgs(std::string_view scheme,
                                                  const std::vector<std::string>& ids) override {
    return sqlite::FindOrgs(db_.get(), scheme, ids);
  }
  core::Result<std::vector<std::pair<std::string, RegisterOrg>>> FindOrgsByNameKey(
      const std::vector<std::string>& keys) override {
    return sqlite::FindOrgsByNameKey(db_.get(), keys);
  }
  core::Result<std::vector<RegisterLink>> FindLinks(
      const std::vector<std::pair<std::string, std::string>>& records) override {
    return sqlite::FindLinks(db_.get(), records);
  }
  core::Result<std::vector<PostcodePlace>> FindPostcodes(
      const std::vector<std::string>& postcodes) override {
    return sqlite::FindPostcodes(db_.get(), postcodes);
  }
  core::Result<std::vector<Deprivation>> FindDeprivation(
      const std::vector<std::string>& lsoas) override {
    return sqlite::FindDeprivation(db_.get(), lsoas);
  }
  core::Result<std::vector<GhgFactor>> FindGhgFactors(int year, std::string_view text) override {
    return sqlite::FindGhgFactors(db_.get(), year, text);
  }
  core::Result<std::vector<AreaName>> ListAreaNames() override {
    return sqlite::ListAreaNames(db_.get());
  }
  core::Result<std::vector<std::pair<std::string, SupplierReturnLine>>> ListSupplierReturns()
      override {
    return sqlite::ListSupplierReturns(db_.get());
  }

  // ---- Member returns (store/sqlite/returns.cpp).
  core::Result<std::optional<ReturnFile>> FindReturnFile(std::string_view content_hash) override {
    return sqlite::FindReturnFile(db_.get(), content_hash);
  }
  core::Result<std::unique_ptr<ReturnWriter>> BeginReturnImport(const ReturnFile& file) override {
    return sqlite::BeginReturnImport(db_.get(), file);
  }
  core::Result<std::vector<ReturnSubmission>> ListReturnSubmissions(
      const ReturnFilter& filter) override {
    return sqlite::ListReturnSubmissions(db_.get(), filter);
  }
  core::Result<core::MemberReturn> LoadReturn(std::int64_t submission_id) override {
    return sqlite::LoadReturn(db_.get(), submission_id);
  }
  core::Result<std::vector<ReturnIssue>> ListReturnIssues(std::int64_t submission_id,
                                                          std::int64_t file_id) override {
    return sqlite::ListReturnIssues(db_.get(), submission_id, file_id);
  }

  core::Result<std::vector<PayeeRecord>> ListPayees() override {
    return sqlite::ListPayees(db_.get());
  }
  core::Result<std::vector<std::string>> ListLabels() override {
    return sqlite::ListLabels(db_.get());
  }
  using Store::ScanLines;
  core::Status ScanLines(std::string_view member, std::optional<core::Date> from,
                         std::optional<core::Date> to, const ScanOptions& options,
                         const std::function<core::Status(const LineBatch&)>& f) override {
    return sqlite::ScanLines(db_.get(), member, from, to, options, f);
  }
  core::Result<std::vector<core::SpendLine>> FileLines(std::int64_t file_id) override {
    return sqlite::FileLines(db_.get(), file_id);
  }

  // ---- Resolution state, suppliers and decisions (store/sqlite/registers.cpp).
  core::Result<std::int64_t> DataVersion() override {
    return sqlite::MetaValue(db_.get(), "data_version");
  }
  core::Result<std::int64_t> ResolvedVersion() override {
    return sqlite::MetaValue(db_.get(), "resolved_version");
  }
  core::Status ReplaceSuppliers(const std::vector<SupplierRecord>& suppliers,
                                std::int64_t data_version) override {
    return sqlite::ReplaceSuppliers(db_.get(), suppliers, data_version);
  }
  core::Result<std::vector<SupplierRecord>> LoadSuppliers(bool with_detail) override {
    return sqlite::LoadSuppliers(db_.get(), with_detail);
  }
  core::Result<std::vector<std::int32_t>> PayeeSupplierIndex() override {
    return sqlite::PayeeSupplierIndex(db_.get());
  }
  core::Result<std::int64_t> AddDecision(const Decision& decision) override {
    return sqlite::AddDecision(db_.get(), decision);
  }
  core::Result<std::vector<Decision>> ListDecisions() override {
    return sqlite::ListDecisions(db_.get());
  }

  core::Status CheckIntegrity() override {
    auto s = Statement::Prepare(db_.get(), "PRAGMA integrity_check");
    if (!s) return tl::unexpected(s.error());
    if (s->Step() != SQLITE_ROW || s->Text(0) != "ok") {
      return Fail(ErrorCode::kStoreIo, "integrity check failed: " + s->Text(0));
    }
    auto fk = Statement::Prepare(db_.get(), "PRAGMA foreign_key_check");
    if (!fk) return tl::unexpected(fk.error());
    if (fk->Step() == SQLITE_ROW) {
      return Fail(ErrorCode::kStoreIo, "foreign key check failed in table " + fk->Text(0));
    }
    if (auto r = CheckReturns(db_.get()); !r) return r;
    return CheckBlocks(db_.get());
  }

 private:
  DbPtr db_;
  IdCaches caches_;
};

}  // namespace

core::Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                     const OpenOptions& options) {
  sqlite3* raw = nullptr;
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create && !options.read_only) flags |= SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags,
                                 options.vfs.empty() ? nullptr : options.vfs.c_str());
  DbPtr db(raw);
  if (rc != SQLITE_OK) {
    core::Error e = SqliteError(raw, fmt::format("opening workspace '{}'", path));
    e.code = ErrorCode::kStoreOpen;
    return tl::unexpected(std::move(e));
  }
  auto store = std::make_unique<SqliteStore>(std::move(db));
  if (auto s = store->Init(options.read_only, options.cache_kib); !s) {
    core::Error e = s.error();
    if (e.code == ErrorCode::kStoreIo) e.code = ErrorCode::kStoreOpen;
    e.message = fmt::format("workspace '{}': {}", path, e.message);
    return tl::unexpected(std::move(e));
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace anchornet::store::sqlite
