// SQLite: the spend queries (store/sqlite/spend_queries.h).
// Thread-safety: the connection's thread only.
#include "store/sqlite/spend_queries.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "store/internal/line_block.h"
#include "store/sqlite/registers.h"
#include "store/sqlite/returns.h"
#include "store/sqlite/statement.h"

namespace anchornet::store::sqlite {

namespace {

using core::ErrorCode;
using core::Fail;

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
core::Status ScanBlocks(sqlite3* db, std::string_view member, std::optional<core::Date> from,
                        std::optional<core::Date> to, F f) {
  auto s = Statement::Prepare(
      db,
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
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading payment lines"));
  return {};
}

// The imported files matching `where`, whose parameters `bind` binds, in id order.
core::Result<std::vector<ImportedFile>> QueryFiles(sqlite3* db, std::string_view where,
                                                   const std::function<void(Statement&)>& bind) {
  auto s = Statement::Prepare(
      db, fmt::format("SELECT f.id, m.code, f.name, f.content_hash, f.bytes, f.format, f.layout, "
                      "f.imported_at, f.rows_read, f.lines_imported, f.lines_duplicate, "
                      "f.rows_rejected, f.rows_skipped, f.total_pence, f.first_paid, f.last_paid "
                      "FROM source_file f JOIN member m ON m.id = f.member_id {} ORDER BY f.id",
                      where));
  if (!s) return tl::unexpected(s.error());
  bind(*s);
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
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "listing files"));
  return out;
}

}  // namespace

core::Result<std::optional<ImportedFile>> FindImportedFile(sqlite3* db, std::string_view member,
                                                           std::string_view content_hash) {
  auto files = QueryFiles(db, "WHERE m.code = ?1 AND f.content_hash = ?2", [&](Statement& s) {
    s.Bind(1, member);
    s.Bind(2, content_hash);
  });
  if (!files) return tl::unexpected(files.error());
  if (files->empty()) return std::optional<ImportedFile>();
  return std::optional<ImportedFile>(std::move(files->front()));
}

core::Result<std::vector<ImportedFile>> ListImports(sqlite3* db, std::string_view member) {
  if (member.empty()) return QueryFiles(db, "", [](Statement&) {});
  return QueryFiles(db, "WHERE m.code = ?1", [&](Statement& s) { s.Bind(1, member); });
}

core::Result<ImportedFile> GetImport(sqlite3* db, std::int64_t id) {
  auto files = QueryFiles(db, "WHERE f.id = ?1", [&](Statement& s) { s.Bind(1, id); });
  if (!files) return tl::unexpected(files.error());
  if (files->empty()) {
    return Fail(ErrorCode::kNotFound, fmt::format("no imported file with id {}", id));
  }
  return std::move(files->front());
}

core::Result<std::vector<RejectRecord>> ListRejects(sqlite3* db, const RejectFilter& filter) {
  auto s = Statement::Prepare(
      db,
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
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "listing rejects"));
  return out;
}

core::Result<std::vector<DailyTotal>> DailyTotals(sqlite3* db, std::string_view member) {
  // (member position, day) -> totals, folded from every block.
  std::map<std::pair<std::int64_t, std::int32_t>, DailyTotal> days;
  std::vector<std::int32_t> paid;
  std::vector<std::int64_t> amounts;
  auto status = ScanBlocks(db, member, {}, {},
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

core::Result<std::vector<PayeeTotal>> TopPayees(sqlite3* db, const PayeeFilter& filter) {
  struct Sum {
    std::int64_t lines = 0;
    core::Pence amount = 0;
  };
  std::unordered_map<std::int64_t, Sum> by_payee;
  std::vector<std::int32_t> paid;
  std::vector<std::int64_t> amounts, payees;
  const std::int32_t from = filter.from ? filter.from->days : INT32_MIN;
  const std::int32_t to = filter.to ? filter.to->days : INT32_MAX;
  auto status = ScanBlocks(db, filter.member, filter.from, filter.to,
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
  auto s = Statement::Prepare(db, "SELECT id, member_id, name, name_key, kind FROM payee");
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
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading payees"));
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
    if (g.total.kind == core::PayeeKind::kPersonal) g.total.payee = "(personal or redacted payees)";
    out.push_back(std::move(g.total));
  }
  std::sort(out.begin(), out.end(), [](const PayeeTotal& a, const PayeeTotal& b) {
    return a.amount != b.amount ? a.amount > b.amount : a.payee < b.payee;
  });
  const auto limit = static_cast<std::size_t>(std::max<std::int64_t>(filter.limit, 0));
  if (out.size() > limit) out.resize(limit);
  return out;
}

core::Result<StoreCounts> Counts(sqlite3* db) {
  auto s = Statement::Prepare(
      db,
      "SELECT (SELECT count(*) FROM member), (SELECT count(*) FROM source_file), "
      "(SELECT coalesce(sum(lines), 0) FROM spend_block), (SELECT count(*) FROM reject), "
      "(SELECT count(*) FROM payee), (SELECT coalesce(sum(total_pence), 0) FROM spend_block)");
  if (!s) return tl::unexpected(s.error());
  if (s->Step() != SQLITE_ROW) return tl::unexpected(SqliteError(db, "counting"));
  return StoreCounts{s->Int(0), s->Int(1), s->Int(2), s->Int(3), s->Int(4), s->Int(5)};
}

core::Status ScanLines(sqlite3* db, std::string_view member, std::optional<core::Date> from,
                       std::optional<core::Date> to, const Store::ScanOptions& options,
                       const std::function<core::Status(const Store::LineBatch&)>& f) {
  Store::LineBatch batch;
  return ScanBlocks(db, member, from, to,
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
core::Result<std::vector<core::SpendLine>> FileLines(sqlite3* db, std::int64_t file_id) {
  auto labels = ListLabels(db);
  if (!labels) return tl::unexpected(labels.error());
  auto blocks =
      Statement::Prepare(db, "SELECT data FROM spend_block WHERE file_id = ?1 ORDER BY id");
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
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading a file's lines"));
  auto payees = Statement::Prepare(
      db,
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
core::Status CheckBlocks(sqlite3* db) {
  // Every block decodes, and its stored count and total match its lines.
  std::vector<std::int64_t> amounts;
  return ScanBlocks(
      db, {}, {}, {}, [&](const BlockRow& b, const internal::BlockView& v) -> core::Status {
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

}  // namespace anchornet::store::sqlite
