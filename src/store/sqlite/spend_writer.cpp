// SQLite: the spend writer (store/sqlite/spend_writer.h).
// Thread-safety: the connection's thread only.
#include "store/sqlite/spend_writer.h"

#include <unordered_set>
#include <utility>
#include <vector>

#include "core/text.h"
#include "store/internal/line_block.h"
#include "store/sqlite/registers.h"

namespace anchornet::store::sqlite {

namespace {

using core::ErrorCode;
using core::Fail;

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
    if (auto s = sqlite::Commit(db_); !s) return tl::unexpected(s.error());
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

}  // namespace

core::Result<std::unique_ptr<SpendWriter>> BeginSpendImport(sqlite3* db, std::int64_t member_id,
                                                            const FileToImport& file,
                                                            IdCaches& caches) {
  if (auto s = Exec(db, "BEGIN IMMEDIATE"); !s) return tl::unexpected(s.error());
  auto insert = Statement::Prepare(
      db,
      "INSERT INTO source_file (member_id, name, content_hash, bytes, format, layout, "
      "imported_at) VALUES (?1,?2,?3,?4,?5,?6,?7)");
  if (!insert) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return tl::unexpected(insert.error());
  }
  insert->Bind(1, member_id);
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
  auto writer = std::make_unique<SqliteSpendWriter>(db, member_id, file_id, caches,
                                                    !file.content_hash.empty());
  if (auto s = writer->Prepare(); !s) return tl::unexpected(s.error());
  return std::unique_ptr<SpendWriter>(std::move(writer));
}

}  // namespace anchornet::store::sqlite
