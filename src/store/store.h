// The Store: where a workspace keeps its network, imported files, payment lines and rejects.
//
// Opened by URL through Store::Open ("sqlite:path" today; "postgres://..." is a later backend).
// Callers see only this interface; the backends live in store/sqlite/ and are private.
//
// Thread-safety: a Store object is used by one thread at a time. Several processes may open the
// same SQLite workspace; writers are serialised by the database's own locking.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "core/spend.h"

namespace anchornet::store {

using core::Result;
using core::Status;

// The schema version this binary writes. A workspace with a higher version is refused
// (kStoreSchemaTooNew); a lower one is migrated forward when opened.
inline constexpr int kSchemaVersion = 1;

struct OpenOptions {
  bool create = true;  // create the workspace file if it does not exist
  bool read_only = false;
  std::string vfs;                 // SQLite VFS name; tests use a failing one (store/fault.h)
  std::int64_t cache_kib = 16384;  // page cache per connection; bounds memory during imports
};

// What is known about a source file before its lines are read.
struct FileToImport {
  std::string member;        // member id
  std::string name;          // file name as given (no directories)
  std::string content_hash;  // hex BLAKE2b-256 of the file's bytes; empty: set before Commit
  std::int64_t bytes = 0;
  std::string format;  // "csv", "xlsx", "json"
  std::string layout;  // detected layout, human-readable
};

// Counts written with the file when its import commits.
struct ImportCounts {
  std::int64_t rows_read = 0;        // data rows seen (after the header)
  std::int64_t lines_imported = 0;   // new payment lines stored
  std::int64_t lines_duplicate = 0;  // lines already in the store from an earlier file
  std::int64_t rows_rejected = 0;
  std::int64_t rows_skipped = 0;   // blank rows, total rows, repeated headers
  core::Pence total_imported = 0;  // sum of the new lines
  std::optional<core::Date> first_paid;
  std::optional<core::Date> last_paid;
};

struct ImportedFile {
  std::int64_t id = 0;
  std::string member;
  std::string name;
  std::string content_hash;
  std::int64_t bytes = 0;
  std::string format;
  std::string layout;
  std::string imported_at;  // ISO 8601 UTC
  ImportCounts counts;
};

// One import, open as a single transaction. Destroying it without Commit() rolls everything
// back: the store is then exactly as before BeginImport.
class SpendWriter {
 public:
  virtual ~SpendWriter() = default;
  // Stores a line unless the store already holds the same payment from another file (same
  // member, payment date, payee, amount and reference; see docs/import.md). Returns true when
  // stored, false when it was a duplicate. Errors: kStoreIo.
  [[nodiscard]] virtual Result<bool> Add(const core::SpendLine& line) = 0;
  [[nodiscard]] virtual Status AddReject(const core::Reject& reject) = 0;
  // Records the file's content hash and size when they were not known at BeginImport (a large
  // file is hashed while it is read). Must be called before Commit in that case.
  [[nodiscard]] virtual Status SetFileIdentity(std::string_view content_hash,
                                               std::int64_t bytes) = 0;
  // Writes the counts and commits. Errors: kStoreIo (nothing is committed).
  [[nodiscard]] virtual Result<std::int64_t> Commit(const ImportCounts& counts) = 0;
};

struct RejectRecord {
  std::int64_t file_id = 0;
  std::string file_name;
  std::string member;
  core::Reject reject;
};

struct RejectFilter {
  std::string member;        // empty: all members
  std::int64_t file_id = 0;  // 0: all files
  std::int64_t limit = 100;
};

// Spend per member per day: the grain metrics/ folds into financial years and quarters.
struct DailyTotal {
  std::string member;
  core::Date day;
  std::int64_t lines = 0;
  core::Pence amount = 0;
};

struct PayeeTotal {
  std::string payee;  // the most common spelling
  core::PayeeKind kind = core::PayeeKind::kOrganisation;
  std::int64_t members = 0;  // how many members paid it
  std::int64_t lines = 0;
  core::Pence amount = 0;
};

struct PayeeFilter {
  std::string member;  // empty: all members
  std::optional<core::Date> from;
  std::optional<core::Date> to;
  std::int64_t limit = 20;
};

struct StoreCounts {
  std::int64_t members = 0;
  std::int64_t files = 0;
  std::int64_t lines = 0;
  std::int64_t rejects = 0;
  std::int64_t payees = 0;
  core::Pence total = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens (and creates or migrates) the store named by url: "sqlite:path" or a bare path.
  // Errors: kStoreOpen, kStoreSchemaTooNew, kUsage (unknown scheme).
  [[nodiscard]] static Result<std::unique_ptr<Store>> Open(std::string_view url,
                                                           const OpenOptions& options = {});

  virtual int SchemaVersion() = 0;

  // Saves the network and its members. Members that have imported files cannot be removed
  // (kConfigInvalid). Errors: kStoreIo.
  [[nodiscard]] virtual Status SaveNetwork(const core::Network& network,
                                           std::string_view source_text) = 0;
  // Errors: kNoWorkspace when no network was saved yet.
  [[nodiscard]] virtual Result<core::Network> LoadNetwork() = 0;
  [[nodiscard]] virtual Result<std::string> NetworkSource() = 0;

  // The earlier import of these exact bytes for this member, if any.
  [[nodiscard]] virtual Result<std::optional<ImportedFile>> FindImportedFile(
      std::string_view member, std::string_view content_hash) = 0;
  // Starts one import transaction. Errors: kUnknownMember, kStoreIo.
  [[nodiscard]] virtual Result<std::unique_ptr<SpendWriter>> BeginImport(
      const FileToImport& file) = 0;

  [[nodiscard]] virtual Result<std::vector<ImportedFile>> ListImports(std::string_view member) = 0;
  [[nodiscard]] virtual Result<std::vector<RejectRecord>> ListRejects(
      const RejectFilter& filter) = 0;
  [[nodiscard]] virtual Result<std::vector<DailyTotal>> DailyTotals(std::string_view member) = 0;
  // Payees by total paid, personal payees grouped into one row per member set.
  [[nodiscard]] virtual Result<std::vector<PayeeTotal>> TopPayees(const PayeeFilter& filter) = 0;
  [[nodiscard]] virtual Result<StoreCounts> Counts() = 0;
  // Runs the backend's own consistency check (SQLite: integrity_check + foreign_key_check).
  [[nodiscard]] virtual Status CheckIntegrity() = 0;
};

}  // namespace anchornet::store
