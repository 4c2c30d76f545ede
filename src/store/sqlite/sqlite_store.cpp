// SQLite backend: WAL journal, foreign keys on, migrations applied on open, one transaction per
// import. Thread-safety: one thread per SqliteStore; SQLite serialises writers across processes.
#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <unordered_map>

#include <fmt/format.h>

#include "core/text.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/statement.h"

namespace anchornet::store::sqlite {

namespace {

using core::ErrorCode;
using core::Fail;

std::string NowIsoUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

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

class SqliteSpendWriter final : public SpendWriter {
 public:
  SqliteSpendWriter(sqlite3* db, std::int64_t member_id, std::int64_t file_id)
      : db_(db), member_id_(member_id), file_id_(file_id) {}

  ~SqliteSpendWriter() override {
    if (!committed_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  core::Status Prepare() {
    auto prep = [&](Statement& s, std::string_view sql) -> core::Status {
      auto r = Statement::Prepare(db_, sql);
      if (!r) return tl::unexpected(r.error());
      s = std::move(*r);
      return {};
    };
    if (auto s = prep(insert_line_,
                      "INSERT OR IGNORE INTO spend_line (member_id, file_id, row_no, paid_on, "
                      "amount_pence, vat_pence, irrecoverable_vat_pence, gross_pence, payee_id, "
                      "expense_type_id, service_area_id, department_id, description_id, "
                      "merchant_category_id, reference, line_key, occurrence) VALUES "
                      "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)");
        !s) {
      return s;
    }
    if (auto s = prep(find_line_,
                      "SELECT l.file_id, l.paid_on, l.amount_pence, p.name, l.reference "
                      "FROM spend_line l JOIN payee p ON p.id = l.payee_id "
                      "WHERE l.member_id = ?1 AND l.line_key = ?2 AND l.occurrence = ?3");
        !s) {
      return s;
    }
    if (auto s = prep(upsert_payee_,
                      "INSERT INTO payee (member_id, name, name_key, kind, vendor_id, "
                      "company_number, charity_number, vat_number, postcode) VALUES "
                      "(?1,?2,?3,?4,?5,?6,?7,?8,?9) ON CONFLICT (member_id, name, vendor_id, "
                      "company_number, charity_number, vat_number, postcode) DO UPDATE SET "
                      "kind = excluded.kind RETURNING id");
        !s) {
      return s;
    }
    if (auto s = prep(upsert_label_,
                      "INSERT INTO label (text) VALUES (?1) ON CONFLICT (text) DO UPDATE SET "
                      "text = excluded.text RETURNING id");
        !s) {
      return s;
    }
    return prep(insert_reject_,
                "INSERT INTO reject (file_id, line, col, code, message, raw) VALUES "
                "(?1,?2,?3,?4,?5,?6)");
  }

  core::Result<bool> Add(const core::SpendLine& line) override {
    auto payee = PayeeId(line);
    if (!payee) return tl::unexpected(payee.error());
    std::int64_t labels[5];
    const std::string* texts[5] = {&line.expense_type, &line.service_area, &line.department,
                                   &line.description, &line.merchant_category};
    for (int k = 0; k < 5; ++k) {
      auto id = LabelId(*texts[k]);
      if (!id) return tl::unexpected(id.error());
      labels[k] = *id;
    }
    const auto key = static_cast<std::int64_t>(core::SpendLineKey(line));
    auto hint = next_occurrence_.find(key);
    std::int64_t occurrence = hint == next_occurrence_.end() ? 0 : hint->second;
    for (;;) {
      Statement& s = insert_line_;
      s.Bind(1, member_id_);
      s.Bind(2, file_id_);
      s.Bind(3, line.row);
      s.Bind(4, static_cast<std::int64_t>(line.paid_on.days));
      s.Bind(5, line.amount);
      s.Bind(6, line.vat);
      s.Bind(7, line.irrecoverable_vat);
      s.Bind(8, line.gross);
      s.Bind(9, *payee);
      for (int k = 0; k < 5; ++k) {
        if (labels[k] > 0) {
          s.Bind(10 + k, labels[k]);
        } else {
          s.BindNull(10 + k);
        }
      }
      s.BindStatic(15, line.reference);
      s.Bind(16, key);
      s.Bind(17, occurrence);
      const int rc = s.Step();
      s.Reset();
      if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_, "storing a payment line"));
      if (sqlite3_changes(db_) == 1) {
        if (hint != next_occurrence_.end()) hint->second = occurrence + 1;
        return true;
      }
      // The slot is taken: by this file's own earlier copy of the payment, by the same payment
      // from an earlier file (a duplicate), or, astronomically rarely, by a hash collision.
      auto other = FindLine(key, occurrence);
      if (!other) return tl::unexpected(other.error());
      const bool same = core::SamePayment(other->line, line);
      if (same && other->file_id != file_id_) {
        next_occurrence_[key] = occurrence + 1;
        return false;
      }
      ++occurrence;
      if (hint == next_occurrence_.end()) {
        hint = next_occurrence_.emplace(key, occurrence).first;
      }
    }
  }

  core::Status AddReject(const core::Reject& reject) override {
    Statement& s = insert_reject_;
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

  core::Result<std::int64_t> Commit(const ImportCounts& c) override {
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
    if (update->Step() != SQLITE_DONE) return tl::unexpected(SqliteError(db_, "recording the import"));
    if (auto s = Exec(db_, "COMMIT"); !s) return tl::unexpected(s.error());
    committed_ = true;
    return file_id_;
  }

 private:
  struct FoundLine {
    std::int64_t file_id = 0;
    core::SpendLine line;
  };

  core::Result<FoundLine> FindLine(std::int64_t key, std::int64_t occurrence) {
    Statement& s = find_line_;
    s.Bind(1, member_id_);
    s.Bind(2, key);
    s.Bind(3, occurrence);
    const int rc = s.Step();
    FoundLine found;
    if (rc == SQLITE_ROW) {
      found.file_id = s.Int(0);
      found.line.paid_on = core::Date{static_cast<std::int32_t>(s.Int(1))};
      found.line.amount = s.Int(2);
      found.line.payee = s.Text(3);
      found.line.reference = s.Text(4);
    }
    s.Reset();
    if (rc != SQLITE_ROW) return tl::unexpected(SqliteError(db_, "checking a duplicate line"));
    return found;
  }

  core::Result<std::int64_t> PayeeId(const core::SpendLine& line) {
    payee_key_.clear();
    for (const std::string* part : {&line.payee, &line.payee_id, &line.company_number,
                                    &line.charity_number, &line.vat_number, &line.postcode}) {
      payee_key_ += *part;
      payee_key_ += '\x1f';
    }
    payee_key_ += static_cast<char>('0' + static_cast<int>(line.payee_kind));
    if (auto it = payees_.find(payee_key_); it != payees_.end()) return it->second;
    Statement& s = upsert_payee_;
    s.Bind(1, member_id_);
    s.Bind(2, line.payee);
    s.Bind(3, core::FoldForKey(line.payee));
    s.Bind(4, static_cast<std::int64_t>(line.payee_kind));
    s.Bind(5, line.payee_id);
    s.Bind(6, line.company_number);
    s.Bind(7, line.charity_number);
    s.Bind(8, line.vat_number);
    s.Bind(9, line.postcode);
    const int rc = s.Step();
    const std::int64_t id = rc == SQLITE_ROW ? s.Int(0) : 0;
    s.Reset();
    if (rc != SQLITE_ROW) return tl::unexpected(SqliteError(db_, "storing a payee"));
    payees_.emplace(payee_key_, id);
    return id;
  }

  // 0 for an empty label (stored as NULL).
  core::Result<std::int64_t> LabelId(std::string_view text) {
    if (text.empty()) return 0;
    if (auto it = labels_.find(text); it != labels_.end()) return it->second;
    Statement& s = upsert_label_;
    s.BindStatic(1, text);
    const int rc = s.Step();
    const std::int64_t id = rc == SQLITE_ROW ? s.Int(0) : 0;
    s.Reset();
    if (rc != SQLITE_ROW) return tl::unexpected(SqliteError(db_, "storing a label"));
    labels_.emplace(std::string(text), id);
    return id;
  }

  sqlite3* db_;
  std::int64_t member_id_;
  std::int64_t file_id_;
  bool committed_ = false;
  Statement insert_line_, find_line_, upsert_payee_, upsert_label_, insert_reject_;
  IdCache payees_, labels_;
  std::string payee_key_;
  // Next occurrence slot to try for keys seen more than once in this file.
  std::unordered_map<std::int64_t, std::int64_t> next_occurrence_;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(DbPtr db) : db_(std::move(db)) {}

  core::Status Init(bool read_only, std::int64_t cache_kib) {
    sqlite3* db = db_.get();
    sqlite3_busy_timeout(db, 10000);
    for (std::string_view pragma :
         {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL", "PRAGMA temp_store = MEMORY"}) {
      if (auto s = Exec(db, pragma); !s) return s;
    }
    if (auto s = Exec(db, fmt::format("PRAGMA cache_size = -{}", cache_kib)); !s) return s;
    if (!read_only) {
      if (auto s = Exec(db, "PRAGMA journal_mode = WAL"); !s) return s;
    }
    auto version = Statement::Prepare(db, "PRAGMA user_version");
    if (!version) return tl::unexpected(version.error());
    version->Step();
    const int current = static_cast<int>(version->Int(0));
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
                                "geography_codes, synthetic FROM network WHERE id = 1");
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
      goal.kind = g->Text(2);
      goal.target = sqlite3_column_double(g->get(), 3);
      goal.member = g->Text(4);
      goal.from_fy = static_cast<int>(g->Int(5));
      goal.to_fy = static_cast<int>(g->Int(6));
      goal.description = g->Text(7);
      n.goals.push_back(std::move(goal));
    }
    auto r = Statement::Prepare(
        db, "SELECT code, match, patterns, reason, member FROM spend_rule ORDER BY id");
    if (!r) return tl::unexpected(r.error());
    while (r->Step() == SQLITE_ROW) {
      core::SpendRule rule;
      rule.id = r->Text(0);
      rule.match = r->Text(1);
      const std::string patterns = r->Text(2);
      for (std::string_view p : core::Split(patterns, '\x1f')) {
        if (!p.empty()) rule.patterns.emplace_back(p);
      }
      rule.reason = r->Text(3);
      rule.member = r->Text(4);
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
    insert->Bind(3, file.content_hash);
    insert->Bind(4, file.bytes);
    insert->Bind(5, file.format);
    insert->Bind(6, file.layout);
    insert->Bind(7, NowIsoUtc());
    if (insert->Step() != SQLITE_DONE) {
      core::Error e = SqliteError(db, "recording the file");
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return tl::unexpected(std::move(e));
    }
    auto writer =
        std::make_unique<SqliteSpendWriter>(db, *member_id, sqlite3_last_insert_rowid(db));
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
      r.reject.code = CodeFromName(s->Text(5));
      r.reject.message = s->Text(6);
      r.reject.raw = s->Text(7);
      out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_.get(), "listing rejects"));
    return out;
  }

  core::Result<std::vector<DailyTotal>> DailyTotals(std::string_view member) override {
    auto s = Statement::Prepare(
        db_.get(),
        "SELECT m.code, l.paid_on, count(*), sum(l.amount_pence) FROM spend_line l "
        "JOIN member m ON m.id = l.member_id WHERE (?1 = '' OR m.code = ?1) "
        "GROUP BY l.member_id, l.paid_on ORDER BY m.position, l.paid_on");
    if (!s) return tl::unexpected(s.error());
    s->Bind(1, member);
    std::vector<DailyTotal> out;
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) {
      out.push_back(DailyTotal{s->Text(0), core::Date{static_cast<std::int32_t>(s->Int(1))},
                               s->Int(2), s->Int(3)});
    }
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_.get(), "totalling spend"));
    return out;
  }

  core::Result<std::vector<PayeeTotal>> TopPayees(const PayeeFilter& filter) override {
    // Grouped by the folded name across members; the spelling shown is the longest-paid one.
    auto s = Statement::Prepare(
        db_.get(),
        "WITH t AS (SELECT p.name_key, p.name, p.kind, l.member_id, count(*) AS n, "
        "sum(l.amount_pence) AS amount FROM spend_line l JOIN payee p ON p.id = l.payee_id "
        "JOIN member m ON m.id = l.member_id WHERE (?1 = '' OR m.code = ?1) "
        "AND (?2 IS NULL OR l.paid_on >= ?2) AND (?3 IS NULL OR l.paid_on <= ?3) "
        "GROUP BY p.name_key, p.name, p.kind, l.member_id) "
        "SELECT CASE WHEN kind = 1 THEN '(personal or redacted payees)' ELSE "
        "(SELECT t2.name FROM t t2 WHERE t2.name_key = t.name_key ORDER BY t2.amount DESC "
        "LIMIT 1) END, kind, count(DISTINCT member_id), sum(n), sum(amount) FROM t "
        "GROUP BY CASE WHEN kind = 1 THEN '' ELSE name_key END, kind "
        "ORDER BY sum(amount) DESC LIMIT ?4");
    if (!s) return tl::unexpected(s.error());
    s->Bind(1, filter.member);
    if (filter.from) s->Bind(2, static_cast<std::int64_t>(filter.from->days));
    if (filter.to) s->Bind(3, static_cast<std::int64_t>(filter.to->days));
    s->Bind(4, filter.limit);
    std::vector<PayeeTotal> out;
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) {
      PayeeTotal p;
      p.payee = s->Text(0);
      p.kind = static_cast<core::PayeeKind>(s->Int(1));
      p.members = s->Int(2);
      p.lines = s->Int(3);
      p.amount = s->Int(4);
      out.push_back(std::move(p));
    }
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db_.get(), "ranking payees"));
    return out;
  }

  core::Result<StoreCounts> Counts() override {
    auto s = Statement::Prepare(
        db_.get(),
        "SELECT (SELECT count(*) FROM member), (SELECT count(*) FROM source_file), "
        "(SELECT count(*) FROM spend_line), (SELECT count(*) FROM reject), "
        "(SELECT count(*) FROM payee), (SELECT coalesce(sum(amount_pence), 0) FROM spend_line)");
    if (!s) return tl::unexpected(s.error());
    if (s->Step() != SQLITE_ROW) return tl::unexpected(SqliteError(db_.get(), "counting"));
    return StoreCounts{s->Int(0), s->Int(1), s->Int(2), s->Int(3), s->Int(4), s->Int(5)};
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
    return {};
  }

 private:
  static core::ErrorCode CodeFromName(std::string_view name) {
    for (int c = 0; c <= static_cast<int>(ErrorCode::kInternal); ++c) {
      if (core::ErrorCodeName(static_cast<ErrorCode>(c)) == name) return static_cast<ErrorCode>(c);
    }
    return ErrorCode::kInternal;
  }

  core::Result<std::int64_t> MemberId(std::string_view code) {
    auto s = Statement::Prepare(db_.get(), "SELECT id FROM member WHERE code = ?1");
    if (!s) return tl::unexpected(s.error());
    s->Bind(1, code);
    if (s->Step() != SQLITE_ROW) {
      return Fail(ErrorCode::kUnknownMember,
                  fmt::format("no member '{}' in this network (see `anchornet network show`)",
                              code));
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
    // Members with imported files must stay.
    auto used = Statement::Prepare(
        db, "SELECT DISTINCT m.code FROM member m JOIN source_file f ON f.member_id = m.id");
    if (!used) return tl::unexpected(used.error());
    std::vector<std::string> missing;
    while (used->Step() == SQLITE_ROW) {
      std::string code = used->Text(0);
      if (!network.FindMember(code)) missing.push_back(code);
    }
    if (!missing.empty()) {
      return Fail(ErrorCode::kConfigInvalid,
                  fmt::format("members {} have imported files and cannot be removed from the "
                              "network; keep them in the file",
                              core::Join(missing, ", ")));
    }
    auto net = Statement::Prepare(
        db,
        "INSERT INTO network (id, name, financial_year_start, geography_name, geography_codes, "
        "synthetic, source, saved_at) VALUES (1,?1,?2,?3,?4,?5,?6,?7) ON CONFLICT (id) DO UPDATE "
        "SET name=excluded.name, financial_year_start=excluded.financial_year_start, "
        "geography_name=excluded.geography_name, geography_codes=excluded.geography_codes, "
        "synthetic=excluded.synthetic, source=excluded.source, saved_at=excluded.saved_at");
    if (!net) return tl::unexpected(net.error());
    net->Bind(1, network.name);
    net->Bind(2, fmt::format("{:02}-{:02}", network.financial_year_start.month,
                             network.financial_year_start.day));
    net->Bind(3, network.geography_name);
    net->Bind(4, core::Join(network.geography_codes, ","));
    net->Bind(5, static_cast<std::int64_t>(network.synthetic ? 1 : 0));
    net->Bind(6, source_text);
    net->Bind(7, NowIsoUtc());
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
      goal->Bind(3, g.kind);
      sqlite3_bind_double(goal->get(), 4, g.target);
      goal->Bind(5, g.member);
      goal->Bind(6, static_cast<std::int64_t>(g.from_fy));
      goal->Bind(7, static_cast<std::int64_t>(g.to_fy));
      goal->Bind(8, g.description);
      if (goal->Step() != SQLITE_DONE) return tl::unexpected(SqliteError(db, "saving a goal"));
      goal->Reset();
    }
    auto rule = Statement::Prepare(
        db,
        "INSERT INTO spend_rule (code, match, patterns, reason, member) VALUES (?1,?2,?3,?4,?5)");
    if (!rule) return tl::unexpected(rule.error());
    for (const core::SpendRule& r : network.rules) {
      rule->Bind(1, r.id);
      rule->Bind(2, r.match);
      rule->Bind(3, core::Join(r.patterns, "\x1f"));
      rule->Bind(4, r.reason);
      rule->Bind(5, r.member);
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
