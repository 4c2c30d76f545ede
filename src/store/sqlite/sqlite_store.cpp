// SQLite backend: WAL journal, foreign keys on, migrations applied on open, one transaction per
// import. Thread-safety: one thread per SqliteStore; SQLite serialises writers across processes.
#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "store/internal/line_block.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/registers.h"
#include "store/sqlite/returns.h"
#include "store/sqlite/statement.h"

namespace anchornet::store::sqlite {

namespace {

using core::ErrorCode;
using core::Fail;

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

// A transparent hash so maps keyed by std::string accept std::string_view lookups.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IdCache = std::unordered_map<std::string, std::int64_t, StringHash, std::equal_to<>>;

class SqliteStore;

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

class SqliteSpendWriter final : public SpendWriter {
 public:
  SqliteSpendWriter(sqlite3* db, std::int64_t member_id, std::int64_t file_id, IdCaches& caches,
                    bool identified)
      : db_(db),
        member_id_(member_id),
        file_id_(file_id),
        identified_(identified),
        caches_(caches),
        member_cache_(caches.members[member_id]) {}

  ~SqliteSpendWriter() override {
    if (!committed_) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      caches_.Clear();
    }
  }

  core::Status Prepare() {
    // The date ranges of the member's stored blocks; their lines are read only when this file
    // has a payment on a date they cover (docs/import.md, de-duplication).
    auto ranges = Statement::Prepare(
        db_, "SELECT id, first_paid, last_paid FROM spend_block WHERE member_id = ?1");
    if (!ranges) return tl::unexpected(ranges.error());
    ranges->Bind(1, member_id_);
    int rc;
    while ((rc = ranges->Step()) == SQLITE_ROW) {
      ranges_.push_back({ranges->Int(0), static_cast<std::int32_t>(ranges->Int(1)),
                         static_cast<std::int32_t>(ranges->Int(2)), false});
    }
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_, "reading stored blocks"));
    if (caches_.prepared) return {};
    auto prep = [&](Statement& s, std::string_view sql) -> core::Status {
      auto r = Statement::Prepare(db_, sql);
      if (!r) return tl::unexpected(r.error());
      s = std::move(*r);
      return {};
    };
    if (auto s = prep(caches_.insert_block,
                      "INSERT INTO spend_block (file_id, member_id, first_paid, last_paid, lines, "
                      "total_pence, data) VALUES (?1,?2,?3,?4,?5,?6,?7)");
        !s) {
      return s;
    }
    // Insert-if-absent, then look up: an existing row is never rewritten, so an import dirties
    // only the pages of what is new.
    if (auto s = prep(caches_.insert_payee,
                      "INSERT INTO payee (member_id, name, name_key, kind, vendor_id, "
                      "company_number, charity_number, vat_number, postcode) VALUES "
                      "(?1,?2,?3,?4,?5,?6,?7,?8,?9) ON CONFLICT DO NOTHING");
        !s) {
      return s;
    }
    if (auto s = prep(caches_.find_payee,
                      "SELECT id FROM payee WHERE member_id = ?1 AND name = ?2 AND vendor_id = ?5 "
                      "AND company_number = ?6 AND charity_number = ?7 AND vat_number = ?8 "
                      "AND postcode = ?9");
        !s) {
      return s;
    }
    if (auto s = prep(caches_.insert_label,
                      "INSERT INTO label (text) VALUES (?1) ON CONFLICT DO NOTHING");
        !s) {
      return s;
    }
    if (auto s = prep(caches_.find_label, "SELECT id FROM label WHERE text = ?1"); !s) return s;
    if (auto s = prep(caches_.insert_reject,
                      "INSERT INTO reject (file_id, line, col, code, message, raw) VALUES "
                      "(?1,?2,?3,?4,?5,?6)");
        !s) {
      return s;
    }
    if (auto s = prep(caches_.read_block, "SELECT data FROM spend_block WHERE id = ?1"); !s)
      return s;
    caches_.prepared = true;
    return {};
  }

  core::Result<bool> Add(const core::SpendLine& line) override {
    internal::StoredLine& stored = stored_;
    // The rule of docs/import.md: per identity, keep as many lines as the file that has it most
    // often. Lines of an identity the store does not hold are all new; a member with no stored
    // lines needs no identities at all.
    if (!ranges_.empty()) {
      if (auto s = LoadHeld(line.paid_on.days); !s) return tl::unexpected(s.error());
      const core::LineIdentity identity = core::SpendLineIdentity(line);
      if (auto it = held_.find(identity); it != held_.end()) {
        std::int64_t& seen = seen_in_file_[identity];
        if (seen++ < it->second) return false;
      }
    }
    auto payee = PayeeId(line);
    if (!payee) return tl::unexpected(payee.error());
    stored.payee_id = *payee;
    std::int64_t* ids[4] = {&stored.expense_type_id, &stored.service_area_id, &stored.department_id,
                            &stored.merchant_category_id};
    const std::string* texts[4] = {&line.expense_type, &line.service_area, &line.department,
                                   &line.merchant_category};
    for (int k = 0; k < 4; ++k) {
      auto id = LabelId(*texts[k]);
      if (!id) return tl::unexpected(id.error());
      *ids[k] = *id;
    }
    stored.row = line.row;
    stored.paid_on = line.paid_on.days;
    stored.amount = line.amount;
    stored.vat = line.vat;
    stored.irrecoverable_vat = line.irrecoverable_vat;
    stored.gross = line.gross;
    stored.description = line.description;
    stored.reference = line.reference;
    block_.Add(stored);
    if (block_.size() >= internal::kBlockLines) {
      if (auto s = Flush(); !s) return tl::unexpected(s.error());
    }
    return true;
  }

  core::Status AddReject(const core::Reject& reject) override {
    Statement& s = caches_.insert_reject;
    s.Bind(1, file_id_);
    s.Bind(2, reject.line);
    s.Bind(3, static_cast<std::int64_t>(reject.column));
    s.Bind(4, core::ErrorCodeName(reject.code));
    s.Bind(5, reject.message);
    s.Bind(6, reject.raw);
    const int rc = s.Step();
    s.Reset();
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_, "storing a reject"));
    return {};
  }

  core::Status SetFileIdentity(std::string_view content_hash, std::int64_t bytes) override {
    auto update = Statement::Prepare(
        db_, "UPDATE source_file SET content_hash = ?2, bytes = ?3 WHERE id = ?1");
    if (!update) return tl::unexpected(update.error());
    update->Bind(1, file_id_);
    update->Bind(2, content_hash);
    update->Bind(3, bytes);
    if (update->Step() != SQLITE_DONE)
      return tl::unexpected(SqliteError(db_, "recording the file"));
    identified_ = true;
    return {};
  }

  core::Result<std::int64_t> Commit(const ImportCounts& c) override {
    if (!identified_) {
      return Fail(ErrorCode::kInternal, "an import was committed before its file was identified");
    }
    if (auto s = Flush(); !s) return tl::unexpected(s.error());
    auto update = Statement::Prepare(
        db_,
        "UPDATE source_file SET rows_read=?2, lines_imported=?3, lines_duplicate=?4, "
        "rows_rejected=?5, rows_skipped=?6, total_pence=?7, first_paid=?8, last_paid=?9 "
        "WHERE id=?1");
    if (!update) return tl::unexpected(update.error());
    update->Bind(1, file_id_);
    update->Bind(2, c.rows_read);
    update->Bind(3, c.lines_imported);
    update->Bind(4, c.lines_duplicate);
    update->Bind(5, c.rows_rejected);
    update->Bind(6, c.rows_skipped);
    update->Bind(7, c.total_imported);
    if (c.first_paid) update->Bind(8, static_cast<std::int64_t>(c.first_paid->days));
    if (c.last_paid) update->Bind(9, static_cast<std::int64_t>(c.last_paid->days));
    if (update->Step() != SQLITE_DONE)
      return tl::unexpected(SqliteError(db_, "recording the import"));
    if (auto s = BumpDataVersion(db_); !s) return tl::unexpected(s.error());
    if (auto s = Exec(db_, "COMMIT"); !s) return tl::unexpected(s.error());
    committed_ = true;
    return file_id_;
  }

 private:
  struct IdentityHash {
    std::size_t operator()(const core::LineIdentity& id) const { return id.hi ^ (id.lo << 1); }
  };

  // Reads the identities of the stored lines in every block that covers `day`, once.
  core::Status LoadHeld(std::int32_t day) {
    if (!loaded_days_.insert(day).second) return {};
    for (BlockRange& r : ranges_) {
      if (r.loaded || day < r.first || day > r.last) continue;
      r.loaded = true;
      if (auto s = LoadBlock(r.id); !s) return s;
    }
    return {};
  }

  core::Status LoadBlock(std::int64_t block_id) {
    if (!names_loaded_) {
      auto p = Statement::Prepare(db_, "SELECT id, name FROM payee WHERE member_id = ?1");
      if (!p) return tl::unexpected(p.error());
      p->Bind(1, member_id_);
      while (p->Step() == SQLITE_ROW) payee_names_.emplace(p->Int(0), p->Text(1));
      names_loaded_ = true;
    }
    Statement& s = caches_.read_block;
    s.Bind(1, block_id);
    if (s.Step() != SQLITE_ROW) {
      s.Reset();
      return tl::unexpected(SqliteError(db_, "reading a stored block"));
    }
    const auto* data = static_cast<const char*>(sqlite3_column_blob(s.get(), 0));
    auto view = internal::BlockView::Open(
        std::string_view(data ? data : "", sqlite3_column_bytes(s.get(), 0)));
    paid_.clear();
    amounts_.clear();
    payees_in_block_.clear();
    references_.clear();
    core::Status decoded = view ? core::Status{} : core::Status(tl::unexpected(view.error()));
    if (decoded) decoded = view->PaidOn(paid_);
    if (decoded) decoded = view->Amounts(amounts_);
    if (decoded) decoded = view->PayeeIds(payees_in_block_);
    if (decoded) decoded = view->References(references_);
    if (decoded) {
      // The identity is computed again from the stored date, amount, payee name and reference.
      core::SpendLine line;
      for (std::size_t i = 0; i < paid_.size(); ++i) {
        line.paid_on = core::Date{paid_[i]};
        line.amount = amounts_[i];
        auto name = payee_names_.find(payees_in_block_[i]);
        line.payee = name == payee_names_.end() ? std::string() : name->second;
        line.reference.assign(references_[i]);
        ++held_[core::SpendLineIdentity(line)];
      }
    }
    s.Reset();
    return decoded;
  }

  core::Status Flush() {
    if (block_.empty()) return {};
    Statement& s = caches_.insert_block;
    s.Bind(1, file_id_);
    s.Bind(2, member_id_);
    s.Bind(3, static_cast<std::int64_t>(block_.first_paid()));
    s.Bind(4, static_cast<std::int64_t>(block_.last_paid()));
    s.Bind(5, static_cast<std::int64_t>(block_.size()));
    s.Bind(6, block_.total());
    const std::string data = block_.Finish();
    sqlite3_bind_blob(s.get(), 7, data.data(), static_cast<int>(data.size()), SQLITE_STATIC);
    const int rc = s.Step();
    s.Reset();
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_, "storing payment lines"));
    return {};
  }

  core::Result<std::int64_t> PayeeId(const core::SpendLine& line) {
    // Most files give only a name: look those up by name alone, without building a key.
    const bool name_only = line.payee_id.empty() && line.company_number.empty() &&
                           line.charity_number.empty() && line.vat_number.empty() &&
                           line.postcode.empty();
    IdCache& by_name = line.payee_kind == core::PayeeKind::kPersonal
                           ? member_cache_.personal_by_name
                           : member_cache_.by_name;
    if (name_only) {
      if (auto it = by_name.find(line.payee); it != by_name.end()) return it->second;
    }
    payee_key_.clear();
    for (const std::string* part : {&line.payee, &line.payee_id, &line.company_number,
                                    &line.charity_number, &line.vat_number, &line.postcode}) {
      payee_key_ += *part;
      payee_key_ += '\x1f';
    }
    payee_key_ += static_cast<char>('0' + static_cast<int>(line.payee_kind));
    if (auto it = member_cache_.payees.find(payee_key_); it != member_cache_.payees.end()) {
      return it->second;
    }
    for (Statement* s : {&caches_.insert_payee, &caches_.find_payee}) {
      s->Bind(1, member_id_);
      s->Bind(2, line.payee);
      s->Bind(5, line.payee_id);
      s->Bind(6, line.company_number);
      s->Bind(7, line.charity_number);
      s->Bind(8, line.vat_number);
      s->Bind(9, line.postcode);
    }
    caches_.insert_payee.Bind(3, core::FoldForKey(line.payee));
    caches_.insert_payee.Bind(4, static_cast<std::int64_t>(line.payee_kind));
    int rc = caches_.insert_payee.Step();
    caches_.insert_payee.Reset();
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_, "storing a payee"));
    rc = caches_.find_payee.Step();
    const std::int64_t id = rc == SQLITE_ROW ? caches_.find_payee.Int(0) : 0;
    caches_.find_payee.Reset();
    if (rc != SQLITE_ROW) return tl::unexpected(SqliteError(db_, "finding a payee"));
    member_cache_.payees.emplace(payee_key_, id);
    if (name_only) by_name.emplace(line.payee, id);
    return id;
  }

  // 0 for an empty label.
  core::Result<std::int64_t> LabelId(std::string_view text) {
    if (text.empty()) return 0;
    if (auto it = caches_.labels.find(text); it != caches_.labels.end()) return it->second;
    caches_.insert_label.BindStatic(1, text);
    int rc = caches_.insert_label.Step();
    caches_.insert_label.Reset();
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_, "storing a label"));
    caches_.find_label.BindStatic(1, text);
    rc = caches_.find_label.Step();
    const std::int64_t id = rc == SQLITE_ROW ? caches_.find_label.Int(0) : 0;
    caches_.find_label.Reset();
    if (rc != SQLITE_ROW) return tl::unexpected(SqliteError(db_, "finding a label"));
    caches_.labels.emplace(std::string(text), id);
    return id;
  }

  sqlite3* db_;
  std::int64_t member_id_;
  std::int64_t file_id_;
  bool identified_;
  bool committed_ = false;
  IdCaches& caches_;
  IdCaches::Member& member_cache_;
  std::string payee_key_;
  internal::StoredLine stored_;
  internal::BlockBuilder block_;
  // De-duplication state: the member's stored blocks, which of them have been read, how many
  // stored lines each identity has in those, and how many this file has had so far.
  struct BlockRange {
    std::int64_t id;
    std::int32_t first, last;
    bool loaded;
  };
  std::vector<BlockRange> ranges_;
  std::unordered_set<std::int32_t> loaded_days_;
  std::unordered_map<core::LineIdentity, std::int64_t, IdentityHash> held_;
  std::unordered_map<core::LineIdentity, std::int64_t, IdentityHash> seen_in_file_;
  std::unordered_map<std::int64_t, std::string> payee_names_;
  bool names_loaded_ = false;
  std::vector<std::int32_t> paid_;
  std::vector<std::int64_t> amounts_, payees_in_block_;
  std::vector<std::string_view> references_;
};

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
      if (auto s = Exec(db, "COMMIT"); !s) return s;
    }
    return {};
  }

  int SchemaVersion() override {
    auto v = Statement::Prepare(db_.get(), "PRAGMA user_version");
    if (!v || v->Step() != SQLITE_ROW) return -1;
    return static_cast<int>(v->Int(0));
  }

  core::Status SaveNetwork(const core::Network& network, std::string_view source_text) override {
    sqlite3* db = db_.get();
    if (auto s = Exec(db, "BEGIN IMMEDIATE"); !s) return s;
    auto result = SaveNetworkInTransaction(network, source_text);
    if (!result) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return result;
    }
    return Exec(db, "COMMIT");
  }

  core::Result<core::Network> LoadNetwork() override {
    sqlite3* db = db_.get();
    auto s = Statement::Prepare(db,
                                "SELECT name, financial_year_start, geography_name, "
                                "geography_codes, synthetic, coverage_warning_below_bp FROM network "
                                "WHERE id = 1");
    if (!s) return tl::unexpected(s.error());
    const int rc = s->Step();
    if (rc == SQLITE_DONE) {
      return Fail(ErrorCode::kNoWorkspace,
                  "no network in this workspace yet: run `anchornet init --network network.toml`");
    }
    if (rc != SQLITE_ROW) return tl::unexpected(SqliteError(db, "reading the network"));
    core::Network n;
    n.name = s->Text(0);
    n.financial_year_start = core::ParseMonthDay(s->Text(1)).value_or(core::MonthDay{});
    n.geography_name = s->Text(2);
    const std::string codes = s->Text(3);
    for (std::string_view code : core::Split(codes, ',')) {
      if (!code.empty()) n.geography_codes.emplace_back(code);
    }
    n.synthetic = s->Int(4) != 0;
    n.coverage_warning_below = static_cast<double>(s->Int(5)) / 10000.0;
    auto m = Statement::Prepare(
        db, "SELECT code, name, sector, geography FROM member ORDER BY position, id");
    if (!m) return tl::unexpected(m.error());
    while (m->Step() == SQLITE_ROW) {
      core::Member member;
      member.id = m->Text(0);
      member.name = m->Text(1);
      member.sector = core::ParseSector(m->Text(2)).value_or(core::Sector::kOther);
      member.geography = m->Text(3);
      n.members.push_back(std::move(member));
    }
    auto g = Statement::Prepare(db,
                                "SELECT code, measure, kind, target, member, from_fy, to_fy, "
                                "description FROM goal ORDER BY id");
    if (!g) return tl::unexpected(g.error());
    while (g->Step() == SQLITE_ROW) {
      core::Goal goal;
      goal.id = g->Text(0);
      goal.measure = g->Text(1);
      // The target is stored in the goal's unit (pounds, people, tonnes, a fraction) as REAL;
      // its text (15 significant digits) reads back exactly (core::ParseGoalTarget).
      const auto kind = core::ParseGoalKind(g->Text(2));
      const auto target =
          kind ? core::ParseGoalTarget(g->Text(3), *kind, core::GoalUnit(goal), nullptr)
               : std::nullopt;
      if (!target) {
        return Fail(ErrorCode::kStoreIo,
                    fmt::format("stored goal '{}' has kind '{}' and target '{}', which do not read "
                                "back: save the network file again",
                                goal.id, g->Text(2), g->Text(3)));
      }
      goal.kind = *kind;
      goal.target = *target;
      goal.member = g->Text(4);
      goal.from_fy = static_cast<int>(g->Int(5));
      goal.to_fy = static_cast<int>(g->Int(6));
      goal.description = g->Text(7);
      n.goals.push_back(std::move(goal));
    }
    auto r = Statement::Prepare(
        db, "SELECT code, match, patterns, reason, member, stage, enabled FROM spend_rule ORDER BY id");
    if (!r) return tl::unexpected(r.error());
    while (r->Step() == SQLITE_ROW) {
      core::SpendRule rule;
      rule.id = r->Text(0);
      rule.match = core::ParseRuleMatch(r->Text(1));  // "" for none
      const std::string patterns = r->Text(2);
      for (std::string_view p : core::Split(patterns, '\x1f')) {
        if (!p.empty()) rule.patterns.emplace_back(p);
      }
      rule.reason = r->Text(3);
      rule.member = r->Text(4);
      rule.stage = core::ParseRuleStage(r->Text(5)).value_or(core::RuleStage::kS2);
      rule.enabled = r->Int(6) != 0;
      n.rules.push_back(std::move(rule));
    }
    return n;
  }

  core::Result<std::string> NetworkSource() override {
    auto s = Statement::Prepare(db_.get(), "SELECT source FROM network WHERE id = 1");
    if (!s) return tl::unexpected(s.error());
    if (s->Step() != SQLITE_ROW) {
      return Fail(ErrorCode::kNoWorkspace, "no network in this workspace yet");
    }
    return s->Text(0);
  }

  core::Result<std::optional<ImportedFile>> FindImportedFile(
      std::string_view member, std::string_view content_hash) override {
    auto files = QueryFiles("WHERE m.code = ?1 AND f.content_hash = ?2", member, content_hash);
    if (!files) return tl::unexpected(files.error());
    if (files->empty()) return std::optional<ImportedFile>();
    return std::optional<ImportedFile>(std::move(files->front()));
  }

  core::Result<std::unique_ptr<SpendWriter>> BeginImport(const FileToImport& file) override {
    sqlite3* db = db_.get();
    auto member_id = MemberId(file.member);
    if (!member_id) return tl::unexpected(member_id.error());
    if (auto s = Exec(db, "BEGIN IMMEDIATE"); !s) return tl::unexpected(s.error());
    auto insert = Statement::Prepare(
        db,
        "INSERT INTO source_file (member_id, name, content_hash, bytes, format, layout, "
        "imported_at) VALUES (?1,?2,?3,?4,?5,?6,?7)");
    if (!insert) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return tl::unexpected(insert.error());
    }
    insert->Bind(1, *member_id);
    insert->Bind(2, file.name);
    // A file hashed while it is read gets its hash at the end (SetFileIdentity); until then it
    // is 'pending', which no committed file can be, as every import is one transaction.
    insert->Bind(3, file.content_hash.empty() ? std::string("pending") : file.content_hash);
    insert->Bind(4, file.bytes);
    insert->Bind(5, file.format);
    insert->Bind(6, file.layout);
    insert->Bind(7, NowIsoUtc());
    if (insert->Step() != SQLITE_DONE) {
      core::Error e = SqliteError(db, "recording the file");
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return tl::unexpected(std::move(e));
    }
    const std::int64_t file_id = sqlite3_last_insert_rowid(db);
    auto writer = std::make_unique<SqliteSpendWriter>(db, *member_id, file_id, caches_,
                                                      !file.content_hash.empty());
    if (auto s = writer->Prepare(); !s) return tl::unexpected(s.error());
    return std::unique_ptr<SpendWriter>(std::move(writer));
  }

  core::Result<std::vector<ImportedFile>> ListImports(std::string_view member) override {
    if (member.empty()) return QueryFiles("", {}, {});
    return QueryFiles("WHERE m.code = ?1", member, {});
  }

  core::Result<std::vector<RejectRecord>> ListRejects(const RejectFilter& filter) override {
    auto s = Statement::Prepare(
        db_.get(),
        "SELECT r.file_id, f.name, m.code, r.line, r.col, r.code, r.message, r.raw "
        "FROM reject r JOIN source_file f ON f.id = r.file_id JOIN member m ON m.id = f.member_id "
        "WHERE (?1 = '' OR m.code = ?1) AND (?2 = 0 OR r.file_id = ?2) "
        "ORDER BY r.file_id, r.line LIMIT ?3");
    if (!s) return tl::unexpected(s.error());
    s->Bind(1, filter.member);
    s->Bind(2, filter.file_id);
    s->Bind(3, filter.limit);
    std::vector<RejectRecord> out;
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) {
      RejectRecord r;
      r.file_id = s->Int(0);
      r.file_name = s->Text(1);
      r.member = s->Text(2);
      r.reject.line = s->Int(3);
      r.reject.column = static_cast<std::int32_t>(s->Int(4));
      r.reject.code = ErrorCodeFromName(s->Text(5));
      r.reject.message = s->Text(6);
      r.reject.raw = s->Text(7);
      out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_.get(), "listing rejects"));
    return out;
  }

  core::Result<std::vector<DailyTotal>> DailyTotals(std::string_view member) override {
    // (member position, day) -> totals, folded from every block.
    std::map<std::pair<std::int64_t, std::int32_t>, DailyTotal> days;
    std::vector<std::int32_t> paid;
    std::vector<std::int64_t> amounts;
    auto status = ScanBlocks(member, {}, {},
                             [&](const BlockRow& b, const internal::BlockView& v) -> core::Status {
                               paid.clear();
                               amounts.clear();
                               if (auto s = v.PaidOn(paid); !s) return s;
                               if (auto s = v.Amounts(amounts); !s) return s;
                               for (std::size_t i = 0; i < paid.size(); ++i) {
                                 DailyTotal& d = days[{b.member_position, paid[i]}];
                                 d.member = b.member;
                                 d.day = core::Date{paid[i]};
                                 ++d.lines;
                                 d.amount += amounts[i];
                               }
                               return {};
                             });
    if (!status) return tl::unexpected(status.error());
    std::vector<DailyTotal> out;
    out.reserve(days.size());
    for (auto& [key, d] : days) out.push_back(std::move(d));
    return out;
  }

  core::Result<std::vector<PayeeTotal>> TopPayees(const PayeeFilter& filter) override {
    struct Sum {
      std::int64_t lines = 0;
      core::Pence amount = 0;
    };
    std::unordered_map<std::int64_t, Sum> by_payee;
    std::vector<std::int32_t> paid;
    std::vector<std::int64_t> amounts, payees;
    const std::int32_t from = filter.from ? filter.from->days : INT32_MIN;
    const std::int32_t to = filter.to ? filter.to->days : INT32_MAX;
    auto status = ScanBlocks(filter.member, filter.from, filter.to,
                             [&](const BlockRow&, const internal::BlockView& v) -> core::Status {
                               paid.clear();
                               amounts.clear();
                               payees.clear();
                               if (auto s = v.PaidOn(paid); !s) return s;
                               if (auto s = v.Amounts(amounts); !s) return s;
                               if (auto s = v.PayeeIds(payees); !s) return s;
                               for (std::size_t i = 0; i < paid.size(); ++i) {
                                 if (paid[i] < from || paid[i] > to) continue;
                                 Sum& sum = by_payee[payees[i]];
                                 ++sum.lines;
                                 sum.amount += amounts[i];
                               }
                               return {};
                             });
    if (!status) return tl::unexpected(status.error());
    // Group payees by folded name across members; personal payees form one group.
    auto s = Statement::Prepare(db_.get(), "SELECT id, member_id, name, name_key, kind FROM payee");
    if (!s) return tl::unexpected(s.error());
    struct Group {
      PayeeTotal total;
      std::set<std::int64_t> members;
      core::Pence best_spelling_amount = INT64_MIN;
    };
    std::unordered_map<std::string, Group> groups;
    // Amount per (group, spelling), to show the spelling with the most spend.
    std::map<std::pair<std::string, std::string>, core::Pence> spellings;
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) {
      auto it = by_payee.find(s->Int(0));
      if (it == by_payee.end()) continue;
      const auto kind = static_cast<core::PayeeKind>(s->Int(4));
      const std::string key =
          kind == core::PayeeKind::kPersonal ? std::string("\x01personal") : s->Text(3);
      Group& g = groups[key];
      g.total.kind = kind;
      g.total.lines += it->second.lines;
      g.total.amount += it->second.amount;
      g.members.insert(s->Int(1));
      spellings[{key, s->Text(2)}] += it->second.amount;
    }
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_.get(), "reading payees"));
    for (const auto& [key, amount] : spellings) {
      Group& g = groups[key.first];
      if (amount > g.best_spelling_amount) {
        g.best_spelling_amount = amount;
        g.total.payee = key.second;
      }
    }
    std::vector<PayeeTotal> out;
    for (auto& [key, g] : groups) {
      g.total.members = static_cast<std::int64_t>(g.members.size());
      if (g.total.kind == core::PayeeKind::kPersonal)
        g.total.payee = "(personal or redacted payees)";
      out.push_back(std::move(g.total));
    }
    std::sort(out.begin(), out.end(), [](const PayeeTotal& a, const PayeeTotal& b) {
      return a.amount != b.amount ? a.amount > b.amount : a.payee < b.payee;
    });
    const auto limit = static_cast<std::size_t>(std::max<std::int64_t>(filter.limit, 0));
    if (out.size() > limit) out.resize(limit);
    return out;
  }

  core::Result<StoreCounts> Counts() override {
    auto s = Statement::Prepare(
        db_.get(),
        "SELECT (SELECT count(*) FROM member), (SELECT count(*) FROM source_file), "
        "(SELECT coalesce(sum(lines), 0) FROM spend_block), (SELECT count(*) FROM reject), "
        "(SELECT count(*) FROM payee), (SELECT coalesce(sum(total_pence), 0) FROM spend_block)");
    if (!s) return tl::unexpected(s.error());
    if (s->Step() != SQLITE_ROW) return tl::unexpected(SqliteError(db_.get(), "counting"));
    return StoreCounts{s->Int(0), s->Int(1), s->Int(2), s->Int(3), s->Int(4), s->Int(5)};
  }


  // ---- Registers, suppliers, decisions (store/sqlite/registers.cpp).
  core::Result<std::optional<RegisterImport>> FindRegisterImport(
      std::string_view kind, std::string_view member, std::string_view content_hash) override {
    return sqlite::FindRegisterImport(db_.get(), kind, member, content_hash);
  }
  core::Result<std::unique_ptr<RegisterWriter>> BeginRegisterImport(
      const RegisterFile& file) override {
    std::int64_t member_id = 0;
    if (!file.member.empty()) {
      auto id = MemberId(file.member);
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
    LineBatch batch;
    return ScanBlocks(member, from, to,
                      [&](const BlockRow& b, const internal::BlockView& v) -> core::Status {
                        batch.member = b.member;
                        batch.file_id = b.file_id;
                        batch.paid_on.clear();
                        batch.amount.clear();
                        batch.payee_id.clear();
                        batch.expense_type_id.clear();
                        batch.row.clear();
                        if (auto s = v.PaidOn(batch.paid_on); !s) return s;
                        if (auto s = v.Amounts(batch.amount); !s) return s;
                        if (auto s = v.PayeeIds(batch.payee_id); !s) return s;
                        if (auto s = v.ExpenseTypeIds(batch.expense_type_id); !s) return s;
                        if (options.with_rows) {
                          if (auto s = v.Rows(batch.row); !s) return s;
                        }
                        return f(batch);
                      });
  }
  core::Result<std::vector<core::SpendLine>> FileLines(std::int64_t file_id) override {
    auto labels = sqlite::ListLabels(db_.get());
    if (!labels) return tl::unexpected(labels.error());
    auto blocks = Statement::Prepare(db_.get(),
                                     "SELECT data FROM spend_block WHERE file_id = ?1 ORDER BY id");
    if (!blocks) return tl::unexpected(blocks.error());
    blocks->Bind(1, file_id);
    std::vector<internal::StoredLine> stored;
    int rc;
    while ((rc = blocks->Step()) == SQLITE_ROW) {
      const auto* data = static_cast<const char*>(sqlite3_column_blob(blocks->get(), 0));
      const int size = sqlite3_column_bytes(blocks->get(), 0);
      auto view = internal::BlockView::Open(std::string_view(data ? data : "", size));
      if (!view) return tl::unexpected(view.error());
      if (auto s = view->Lines(stored); !s) return tl::unexpected(s.error());
    }
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_.get(), "reading a file's lines"));
    auto payees = Statement::Prepare(
        db_.get(),
        "SELECT name, kind, vendor_id, company_number, charity_number, vat_number, postcode "
        "FROM payee WHERE id = ?1");
    if (!payees) return tl::unexpected(payees.error());
    auto label = [&](std::int64_t id) -> std::string {
      return id > 0 && static_cast<std::size_t>(id) < labels->size() ? (*labels)[id] : "";
    };
    std::vector<core::SpendLine> out;
    out.reserve(stored.size());
    for (const internal::StoredLine& l : stored) {
      core::SpendLine line;
      line.row = l.row;
      line.paid_on = core::Date{l.paid_on};
      line.amount = l.amount;
      line.vat = l.vat;
      line.irrecoverable_vat = l.irrecoverable_vat;
      line.gross = l.gross;
      payees->Bind(1, l.payee_id);
      if (payees->Step() == SQLITE_ROW) {
        line.payee = payees->Text(0);
        line.payee_kind = static_cast<core::PayeeKind>(payees->Int(1));
        line.payee_id = payees->Text(2);
        line.company_number = payees->Text(3);
        line.charity_number = payees->Text(4);
        line.vat_number = payees->Text(5);
        line.postcode = payees->Text(6);
      }
      payees->Reset();
      line.expense_type = label(l.expense_type_id);
      line.service_area = label(l.service_area_id);
      line.department = label(l.department_id);
      line.merchant_category = label(l.merchant_category_id);
      line.description = l.description;
      line.reference = l.reference;
      out.push_back(std::move(line));
    }
    std::sort(out.begin(), out.end(),
              [](const core::SpendLine& a, const core::SpendLine& b) { return a.row < b.row; });
    return out;
  }
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
    // Every block decodes, and its stored count and total match its lines.
    std::vector<std::int64_t> amounts;
    return ScanBlocks(
        {}, {}, {}, [&](const BlockRow& b, const internal::BlockView& v) -> core::Status {
          amounts.clear();
          if (auto s = v.Amounts(amounts); !s) return s;
          core::Pence total = 0;
          for (core::Pence a : amounts) total += a;
          if (static_cast<std::int64_t>(v.size()) != b.lines || total != b.total) {
            return Fail(
                ErrorCode::kStoreIo,
                fmt::format("block {} of file {} does not match its totals", b.id, b.file_id));
          }
          return {};
        });
  }

 private:
  struct BlockRow {
    std::int64_t id = 0;
    std::int64_t file_id = 0;
    std::string member;
    std::int64_t member_position = 0;
    std::int64_t lines = 0;
    core::Pence total = 0;
  };

  // Calls f for every block of `member` (all members when empty) that may hold payments between
  // from and to, in member order.
  template <typename F>
  core::Status ScanBlocks(std::string_view member, std::optional<core::Date> from,
                          std::optional<core::Date> to, F f) {
    auto s = Statement::Prepare(
        db_.get(),
        "SELECT b.id, b.file_id, m.code, m.position, b.lines, b.total_pence, b.data "
        "FROM spend_block b JOIN member m ON m.id = b.member_id "
        "WHERE (?1 = '' OR m.code = ?1) AND (?2 IS NULL OR b.last_paid >= ?2) "
        "AND (?3 IS NULL OR b.first_paid <= ?3) ORDER BY m.position, b.id");
    if (!s) return tl::unexpected(s.error());
    s->Bind(1, member);
    if (from) s->Bind(2, static_cast<std::int64_t>(from->days));
    if (to) s->Bind(3, static_cast<std::int64_t>(to->days));
    BlockRow row;
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) {
      row.id = s->Int(0);
      row.file_id = s->Int(1);
      row.member = s->Text(2);
      row.member_position = s->Int(3);
      row.lines = s->Int(4);
      row.total = s->Int(5);
      const auto* data = static_cast<const char*>(sqlite3_column_blob(s->get(), 6));
      const int size = sqlite3_column_bytes(s->get(), 6);
      auto view = internal::BlockView::Open(std::string_view(data ? data : "", size));
      if (!view) return tl::unexpected(view.error());
      if (auto r = f(row, *view); !r) return r;
    }
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_.get(), "reading payment lines"));
    return {};
  }

  core::Result<std::int64_t> MemberId(std::string_view code) {
    auto s = Statement::Prepare(db_.get(), "SELECT id FROM member WHERE code = ?1");
    if (!s) return tl::unexpected(s.error());
    s->Bind(1, code);
    if (s->Step() != SQLITE_ROW) {
      return Fail(
          ErrorCode::kUnknownMember,
          fmt::format("no member '{}' in this network (see `anchornet network show`)", code));
    }
    return s->Int(0);
  }

  core::Result<std::vector<ImportedFile>> QueryFiles(std::string_view where, std::string_view a,
                                                     std::string_view b) {
    auto s = Statement::Prepare(
        db_.get(),
        fmt::format("SELECT f.id, m.code, f.name, f.content_hash, f.bytes, f.format, f.layout, "
                    "f.imported_at, f.rows_read, f.lines_imported, f.lines_duplicate, "
                    "f.rows_rejected, f.rows_skipped, f.total_pence, f.first_paid, f.last_paid "
                    "FROM source_file f JOIN member m ON m.id = f.member_id {} ORDER BY f.id",
                    where));
    if (!s) return tl::unexpected(s.error());
    if (!a.empty()) s->Bind(1, a);
    if (!b.empty()) s->Bind(2, b);
    std::vector<ImportedFile> out;
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) {
      ImportedFile f;
      f.id = s->Int(0);
      f.member = s->Text(1);
      f.name = s->Text(2);
      f.content_hash = s->Text(3);
      f.bytes = s->Int(4);
      f.format = s->Text(5);
      f.layout = s->Text(6);
      f.imported_at = s->Text(7);
      f.counts.rows_read = s->Int(8);
      f.counts.lines_imported = s->Int(9);
      f.counts.lines_duplicate = s->Int(10);
      f.counts.rows_rejected = s->Int(11);
      f.counts.rows_skipped = s->Int(12);
      f.counts.total_imported = s->Int(13);
      if (!s->IsNull(14)) f.counts.first_paid = core::Date{static_cast<std::int32_t>(s->Int(14))};
      if (!s->IsNull(15)) f.counts.last_paid = core::Date{static_cast<std::int32_t>(s->Int(15))};
      out.push_back(std::move(f));
    }
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_.get(), "listing files"));
    return out;
  }

  core::Status SaveNetworkInTransaction(const core::Network& network,
                                        std::string_view source_text) {
    sqlite3* db = db_.get();
    // Members with imported files or returns must stay.
    auto used = Statement::Prepare(
        db,
        "SELECT m.code FROM member m WHERE "
        "EXISTS (SELECT 1 FROM source_file f WHERE f.member_id = m.id) OR "
        "EXISTS (SELECT 1 FROM return_submission r WHERE r.member_id = m.id) ORDER BY m.position");
    if (!used) return tl::unexpected(used.error());
    std::vector<std::string> missing;
    while (used->Step() == SQLITE_ROW) {
      std::string code = used->Text(0);
      if (!network.FindMember(code)) missing.push_back(code);
    }
    if (!missing.empty()) {
      return Fail(ErrorCode::kConfigInvalid,
                  fmt::format("members {} have imported files or returns and cannot be "
                              "removed from the network; keep them in the file",
                              core::Join(missing, ", ")));
    }
    auto net = Statement::Prepare(
        db,
        "INSERT INTO network (id, name, financial_year_start, geography_name, geography_codes, "
        "synthetic, source, saved_at, coverage_warning_below_bp) VALUES (1,?1,?2,?3,?4,?5,?6,?7,?8) "
        "ON CONFLICT (id) DO UPDATE "
        "SET name=excluded.name, financial_year_start=excluded.financial_year_start, "
        "geography_name=excluded.geography_name, geography_codes=excluded.geography_codes, "
        "synthetic=excluded.synthetic, source=excluded.source, saved_at=excluded.saved_at, "
        "coverage_warning_below_bp=excluded.coverage_warning_below_bp");
    if (!net) return tl::unexpected(net.error());
    net->Bind(1, network.name);
    net->Bind(2, fmt::format("{:02}-{:02}", network.financial_year_start.month,
                             network.financial_year_start.day));
    net->Bind(3, network.geography_name);
    net->Bind(4, core::Join(network.geography_codes, ","));
    net->Bind(5, static_cast<std::int64_t>(network.synthetic ? 1 : 0));
    net->Bind(6, source_text);
    net->Bind(7, NowIsoUtc());
    net->Bind(8, static_cast<std::int64_t>(std::llround(network.coverage_warning_below * 10000.0)));
    if (net->Step() != SQLITE_DONE) return tl::unexpected(SqliteError(db, "saving the network"));

    auto upsert = Statement::Prepare(
        db,
        "INSERT INTO member (code, name, sector, geography, position) VALUES (?1,?2,?3,?4,?5) "
        "ON CONFLICT (code) DO UPDATE SET name=excluded.name, sector=excluded.sector, "
        "geography=excluded.geography, position=excluded.position");
    if (!upsert) return tl::unexpected(upsert.error());
    std::int64_t position = 0;
    for (const core::Member& m : network.members) {
      upsert->Bind(1, m.id);
      upsert->Bind(2, m.name);
      upsert->Bind(3, core::SectorName(m.sector));
      upsert->Bind(4, m.geography);
      upsert->Bind(5, position++);
      if (upsert->Step() != SQLITE_DONE) return tl::unexpected(SqliteError(db, "saving a member"));
      upsert->Reset();
    }
    // Members no longer in the file and without data go.
    std::vector<std::string> codes;
    for (const core::Member& m : network.members) codes.push_back("'" + EscapeSql(m.id) + "'");
    if (auto s = Exec(db, fmt::format("DELETE FROM member WHERE code NOT IN ({})",
                                      codes.empty() ? "''" : core::Join(codes, ",")));
        !s) {
      return s;
    }
    if (auto s = Exec(db, "DELETE FROM goal; DELETE FROM spend_rule;"); !s) return s;
    auto goal = Statement::Prepare(
        db,
        "INSERT INTO goal (code, measure, kind, target, member, from_fy, to_fy, description) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
    if (!goal) return tl::unexpected(goal.error());
    for (const core::Goal& g : network.goals) {
      goal->Bind(1, g.id);
      goal->Bind(2, g.measure);
      goal->Bind(3, core::GoalKindName(g.kind));
      sqlite3_bind_double(goal->get(), 4, core::GoalTargetInUnit(g));
      goal->Bind(5, g.member);
      goal->Bind(6, static_cast<std::int64_t>(g.from_fy));
      goal->Bind(7, static_cast<std::int64_t>(g.to_fy));
      goal->Bind(8, g.description);
      if (goal->Step() != SQLITE_DONE) return tl::unexpected(SqliteError(db, "saving a goal"));
      goal->Reset();
    }
    auto rule = Statement::Prepare(
        db,
        "INSERT INTO spend_rule (code, match, patterns, reason, member, stage, enabled) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7)");
    if (!rule) return tl::unexpected(rule.error());
    for (const core::SpendRule& r : network.rules) {
      rule->Bind(1, r.id);
      rule->Bind(2, core::RuleMatchName(r.match));
      rule->Bind(3, core::Join(r.patterns, "\x1f"));
      rule->Bind(4, r.reason);
      rule->Bind(5, r.member);
      rule->Bind(6, core::RuleStageName(r.stage));
      rule->Bind(7, static_cast<std::int64_t>(r.enabled));
      if (rule->Step() != SQLITE_DONE) return tl::unexpected(SqliteError(db, "saving a rule"));
      rule->Reset();
    }
    return {};
  }

  static std::string EscapeSql(std::string_view s) {
    std::string out;
    for (char c : s) {
      if (c == '\'') out += '\'';
      out += c;
    }
    return out;
  }

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
