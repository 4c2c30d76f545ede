// SQLite: registers, supplier returns, resolved suppliers, decisions (store/sqlite/registers.h).
// Thread-safety: the connection's thread only.
#include "store/sqlite/registers.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <unordered_map>

#include "core/names.h"
#include "core/text.h"
#include "store/sqlite/statement.h"

namespace anchornet::store::sqlite {

namespace {

using core::ErrorCode;
using core::Fail;

// Runs `sql` once per chunk of `keys` bound as ?1..?n, calling row(s) for each result row.
template <typename Key, typename Bind, typename Row>
core::Status ForChunks(sqlite3* db, const std::vector<Key>& keys, std::size_t per_key,
                       const std::function<std::string(std::size_t n)>& sql, Bind bind, Row row) {
  constexpr std::size_t kChunk = 240;
  for (std::size_t start = 0; start < keys.size(); start += kChunk) {
    const std::size_t n = std::min(kChunk, keys.size() - start);
    auto s = Statement::Prepare(db, sql(n));
    if (!s) return tl::unexpected(s.error());
    for (std::size_t i = 0; i < n; ++i) bind(*s, static_cast<int>(i * per_key + 1), keys[start + i]);
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) row(*s);
    if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading registers"));
  }
  return {};
}

std::string Placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}

RegisterOrg OrgFromRow(Statement& s, int first) {
  RegisterOrg o;
  o.scheme = s.Text(first);
  o.id = s.Text(first + 1);
  o.name = s.Text(first + 2);
  o.postcode = s.Text(first + 3);
  o.form = s.Text(first + 4);
  o.status = s.Text(first + 5);
  o.account_category = s.Text(first + 6);
  o.sic = s.Text(first + 7);
  o.as_of = s.Text(first + 8);
  o.incorporated = s.Text(first + 9);
  return o;
}
constexpr std::string_view kOrgColumns =
    "o.scheme, o.id, o.name, o.postcode, o.form, o.status, o.account_category, o.sic, o.as_of, "
    "o.incorporated";

class SqliteRegisterWriter final : public RegisterWriter {
 public:
  SqliteRegisterWriter(sqlite3* db, std::int64_t import_id, std::int64_t member_id,
                       bool identified)
      : db_(db), import_id_(import_id), member_id_(member_id), identified_(identified) {}

  ~SqliteRegisterWriter() override {
    if (!committed_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    // Back to the normal page cache (a register import uses a larger one).
    sqlite3_exec(db_, "PRAGMA cache_size = -16384", nullptr, nullptr, nullptr);
  }

  core::Status Prepare() {
    if (auto s = Prep(db_, org_,
                      "INSERT INTO reg_org (scheme, id, name, name_key, postcode, form, "
                      "status, account_category, sic, as_of, import_id, incorporated) "
                      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) "
                      // The newest import wins field by field: a crosswalk that knows only a
                      // number never blanks the name another register gave.
                      "ON CONFLICT (scheme, id) DO UPDATE SET "
                      "name = iif(excluded.name <> '', excluded.name, name), "
                      "name_key = iif(excluded.name <> '', excluded.name_key, name_key), "
                      "postcode = iif(excluded.postcode <> '', excluded.postcode, postcode), "
                      "form = iif(excluded.form <> '', excluded.form, form), "
                      "status = iif(excluded.status <> '', excluded.status, status), "
                      "account_category = iif(excluded.account_category <> '', "
                      "excluded.account_category, account_category), "
                      "sic = iif(excluded.sic <> '', excluded.sic, sic), "
                      "as_of = iif(excluded.as_of <> '', excluded.as_of, as_of), "
                      "incorporated = iif(excluded.incorporated <> '', excluded.incorporated, "
                      "incorporated), "
                      "import_id = excluded.import_id");
        !s) {
      return s;
    }
    if (auto s = Prep(db_, name_,
                      "INSERT OR IGNORE INTO reg_name (scheme, id, name_key, name) "
                      "VALUES (?1,?2,?3,?4)");
        !s) {
      return s;
    }
    if (auto s = Prep(db_, link_,
                      "INSERT OR IGNORE INTO reg_link (scheme_a, id_a, scheme_b, id_b) "
                      "VALUES (?1,?2,?3,?4)");
        !s) {
      return s;
    }
    if (auto s = Prep(db_, place_,
                      "INSERT OR REPLACE INTO postcode_place (postcode, district, local_authority, "
                      "local_authority_name, ward, lsoa) VALUES (?1,?2,?3,?4,?5,?6)");
        !s) {
      return s;
    }
    if (auto s = Prep(db_, deprivation_,
                      "INSERT OR REPLACE INTO deprivation (lsoa, local_authority, rank, decile) "
                      "VALUES (?1,?2,?3,?4)");
        !s) {
      return s;
    }
    if (auto s = Prep(db_, factor_,
                      "INSERT OR REPLACE INTO ghg_factor (year, id, seq, scope, level1, level2, "
                      "level3, level4, column_text, unit, ghg_unit, value_text, value, import_id) "
                      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");
        !s) {
      return s;
    }
    if (auto s = Prep(db_, area_, "INSERT OR REPLACE INTO area_name (code, name) VALUES (?1,?2)");
        !s) {
      return s;
    }
    if (auto s = Prep(db_, return_,
                      "INSERT INTO supplier_return (import_id, member_id, row, name, "
                      "company_number, charity_number, vat_number, size, vcse, vcse_form, "
                      "diverse_yes, diverse_no, evidence, certified_by, postcodes, public_body, "
                      "as_of) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)");
        !s) {
      return s;
    }
    return Prep(db_, reject_,
                "INSERT INTO register_reject (import_id, line, col, code, message, raw) "
                "VALUES (?1,?2,?3,?4,?5,?6)");
  }

  core::Status AddOrg(const RegisterOrg& o) override {
    name_key_ = core::NameKeyOf(o.name);
    org_.BindStatic(1, o.scheme);
    org_.BindStatic(2, o.id);
    org_.BindStatic(3, o.name);
    org_.BindStatic(4, name_key_);
    org_.BindStatic(5, o.postcode);
    org_.BindStatic(6, o.form);
    org_.BindStatic(7, o.status);
    org_.BindStatic(8, o.account_category);
    org_.BindStatic(9, o.sic);
    org_.BindStatic(10, o.as_of);
    org_.Bind(11, import_id_);
    org_.BindStatic(12, o.incorporated);
    return StepDone(db_, org_, "storing a register record");
  }

  core::Status AddLink(const RegisterLink& l) override {
    link_.BindStatic(1, l.scheme_a);
    link_.BindStatic(2, l.id_a);
    link_.BindStatic(3, l.scheme_b);
    link_.BindStatic(4, l.id_b);
    return StepDone(db_, link_, "storing a register link");
  }

  core::Status AddName(const RegisterName& n) override {
    name_key_ = core::NameKeyOf(n.name);
    if (name_key_.empty()) return {};
    name_.BindStatic(1, n.scheme);
    name_.BindStatic(2, n.id);
    name_.BindStatic(3, name_key_);
    name_.BindStatic(4, n.name);
    return StepDone(db_, name_, "storing a register name");
  }

  core::Status AddPostcode(const PostcodePlace& p) override {
    place_.BindStatic(1, p.postcode);
    place_.Bind(2, static_cast<std::int64_t>(p.district));
    place_.BindStatic(3, p.local_authority);
    place_.BindStatic(4, p.local_authority_name);
    place_.BindStatic(5, p.ward);
    place_.BindStatic(6, p.lsoa);
    return StepDone(db_, place_, "storing a postcode");
  }

  core::Status AddDeprivation(const Deprivation& d) override {
    deprivation_.BindStatic(1, d.lsoa);
    deprivation_.BindStatic(2, d.local_authority);
    deprivation_.Bind(3, static_cast<std::int64_t>(d.rank));
    deprivation_.Bind(4, static_cast<std::int64_t>(d.decile));
    return StepDone(db_, deprivation_, "storing a deprivation row");
  }

  core::Status AddAreaName(const AreaName& a) override {
    area_.BindStatic(1, a.code);
    area_.BindStatic(2, a.name);
    return StepDone(db_, area_, "storing an area name");
  }

  core::Status AddSupplierReturn(const SupplierReturnLine& r) override {
    if (member_id_ == 0) {
      return Fail(ErrorCode::kInternal, "a supplier return line outside a supplier-returns import");
    }
    return_.Bind(1, import_id_);
    return_.Bind(2, member_id_);
    return_.Bind(3, r.row);
    return_.Bind(4, r.name);
    return_.Bind(5, r.company_number);
    return_.Bind(6, r.charity_number);
    return_.Bind(7, r.vat_number);
    return_.Bind(8, core::SizeBandName(r.size));
    return_.Bind(9, core::KnownName(r.vcse));
    return_.Bind(10, r.vcse_form);
    return_.Bind(11, static_cast<std::int64_t>(r.diverse_yes));
    return_.Bind(12, static_cast<std::int64_t>(r.diverse_no));
    return_.Bind(13, core::EvidenceName(r.evidence));
    return_.Bind(14, r.certified_by);
    return_.Bind(15, core::Join(r.postcodes, ";"));
    // An empty view may have a null data pointer, which SQLite would store as NULL.
    return_.Bind(16, r.public_body == core::PublicBodyKind::kNone
                         ? std::string_view("")
                         : core::PublicBodyKindName(r.public_body));
    return_.Bind(17, r.as_of);
    return StepDone(db_, return_, "storing a supplier return line");
  }

  core::Status AddGhgFactor(const GhgFactor& f) override {
    factor_.Bind(1, static_cast<std::int64_t>(f.year));
    factor_.BindStatic(2, f.id);
    factor_.Bind(3, ++factor_seq_);
    factor_.BindStatic(4, f.scope);
    factor_.BindStatic(5, f.level1);
    factor_.BindStatic(6, f.level2);
    factor_.BindStatic(7, f.level3);
    factor_.BindStatic(8, f.level4);
    factor_.BindStatic(9, f.column_text);
    factor_.BindStatic(10, f.unit);
    factor_.BindStatic(11, f.ghg_unit);
    factor_.BindStatic(12, f.value_text);
    sqlite3_bind_double(factor_.get(), 13, f.value);
    factor_.Bind(14, import_id_);
    return StepDone(db_, factor_, "storing a GHG conversion factor");
  }

  core::Status AddReject(const core::Reject& r) override {
    reject_.Bind(1, import_id_);
    reject_.Bind(2, r.line);
    reject_.Bind(3, static_cast<std::int64_t>(r.column));
    reject_.Bind(4, core::ErrorCodeName(r.code));
    reject_.Bind(5, r.message);
    reject_.Bind(6, r.raw);
    return StepDone(db_, reject_, "storing a reject");
  }

  core::Status SetFileIdentity(std::string_view content_hash, std::int64_t bytes) override {
    Statement s;
    if (auto p = Prep(db_, s, "UPDATE register_import SET content_hash = ?2, bytes = ?3 WHERE id = ?1");
        !p) {
      return p;
    }
    s.Bind(1, import_id_);
    s.Bind(2, content_hash);
    s.Bind(3, bytes);
    if (auto d = StepDone(db_, s, "recording the register file"); !d) return d;
    identified_ = true;
    return {};
  }

  core::Result<std::int64_t> Commit(const RegisterCounts& c) override {
    if (!identified_) {
      return Fail(ErrorCode::kInternal, "a register import was committed before its file was identified");
    }
    Statement s;
    if (auto p = Prep(db_, s,
                      "UPDATE register_import SET rows_read=?2, records=?3, rows_rejected=?4, "
                      "rows_skipped=?5, committed=1 WHERE id=?1");
        !p) {
      return tl::unexpected(p.error());
    }
    s.Bind(1, import_id_);
    s.Bind(2, c.rows_read);
    s.Bind(3, c.records);
    s.Bind(4, c.rows_rejected);
    s.Bind(5, c.rows_skipped);
    if (auto d = StepDone(db_, s, "recording the register import"); !d) {
      return tl::unexpected(d.error());
    }
    if (auto b = BumpDataVersion(db_); !b) return tl::unexpected(b.error());
    if (auto e = sqlite::Commit(db_); !e) return tl::unexpected(e.error());
    committed_ = true;
    return import_id_;
  }

 private:
  sqlite3* db_;
  std::int64_t import_id_;
  std::int64_t member_id_;
  bool identified_;
  bool committed_ = false;
  std::string name_key_;
  Statement org_, name_, link_, place_, deprivation_, area_, return_, factor_, reject_;
  std::int64_t factor_seq_ = 0;
};

RegisterImport ImportFromRow(Statement& s) {
  RegisterImport r;
  r.id = s.Int(0);
  r.kind = s.Text(1);
  r.member = s.Text(2);
  r.name = s.Text(3);
  r.content_hash = s.Text(4);
  r.bytes = s.Int(5);
  r.imported_at = s.Text(6);
  r.counts.rows_read = s.Int(7);
  r.counts.records = s.Int(8);
  r.counts.rows_rejected = s.Int(9);
  r.counts.rows_skipped = s.Int(10);
  return r;
}
constexpr std::string_view kImportColumns =
    "id, kind, member, name, content_hash, bytes, imported_at, rows_read, records, "
    "rows_rejected, rows_skipped";

}  // namespace

std::string NowIsoUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

core::Status BumpDataVersion(sqlite3* db) {
  return Exec(db, "UPDATE meta SET value = value + 1 WHERE key = 'data_version'");
}

core::Result<std::int64_t> MetaValue(sqlite3* db, std::string_view key) {
  auto s = Statement::Prepare(db, "SELECT value FROM meta WHERE key = ?1");
  if (!s) return tl::unexpected(s.error());
  s->Bind(1, key);
  if (s->Step() != SQLITE_ROW) return Fail(ErrorCode::kStoreIo, fmt::format("no '{}' in meta", key));
  return s->Int(0);
}

core::Result<std::optional<RegisterImport>> FindRegisterImport(sqlite3* db, std::string_view kind,
                                                               std::string_view member,
                                                               std::string_view content_hash) {
  auto s = Statement::Prepare(
      db, fmt::format("SELECT {} FROM register_import WHERE kind = ?1 AND member = ?2 AND "
                      "content_hash = ?3 AND committed = 1",
                      kImportColumns));
  if (!s) return tl::unexpected(s.error());
  s->Bind(1, kind);
  s->Bind(2, member);
  s->Bind(3, content_hash);
  if (s->Step() != SQLITE_ROW) return std::optional<RegisterImport>();
  return std::optional<RegisterImport>(ImportFromRow(*s));
}

core::Result<std::unique_ptr<RegisterWriter>> BeginRegisterImport(sqlite3* db,
                                                                  const RegisterFile& file,
                                                                  std::int64_t member_id) {
  // A register import may write millions of rows in random key order: give it a larger page
  // cache (bounded: 256 MiB) so the B-trees are not re-read from disk for every row.
  if (auto s = Exec(db, "PRAGMA cache_size = -262144"); !s) return tl::unexpected(s.error());
  if (auto s = Exec(db, "BEGIN IMMEDIATE"); !s) return tl::unexpected(s.error());
  auto fail = [&](core::Error e) -> core::Result<std::unique_ptr<RegisterWriter>> {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_exec(db, "PRAGMA cache_size = -16384", nullptr, nullptr, nullptr);
    return tl::unexpected(std::move(e));
  };
  auto insert = Statement::Prepare(
      db,
      "INSERT INTO register_import (kind, member, name, content_hash, bytes, format, "
      "imported_at) VALUES (?1,?2,?3,?4,?5,?6,?7)");
  if (!insert) return fail(insert.error());
  insert->Bind(1, file.kind);
  insert->Bind(2, file.member);
  insert->Bind(3, file.name);
  insert->Bind(4, file.content_hash.empty() ? std::string("pending") : file.content_hash);
  insert->Bind(5, file.bytes);
  insert->Bind(6, file.format);
  insert->Bind(7, NowIsoUtc());
  if (insert->Step() != SQLITE_DONE) return fail(SqliteError(db, "recording the register file"));
  const std::int64_t import_id = sqlite3_last_insert_rowid(db);
  // A member's new supplier return replaces its earlier ones (docs/registers.md).
  if (member_id != 0 && file.kind == "supplier-returns") {
    auto del = Statement::Prepare(db, "DELETE FROM supplier_return WHERE member_id = ?1");
    if (!del) return fail(del.error());
    del->Bind(1, member_id);
    if (del->Step() != SQLITE_DONE) return fail(SqliteError(db, "replacing the earlier return"));
  }
  auto writer = std::make_unique<SqliteRegisterWriter>(db, import_id, member_id,
                                                       !file.content_hash.empty());
  if (auto s = writer->Prepare(); !s) return tl::unexpected(s.error());
  return std::unique_ptr<RegisterWriter>(std::move(writer));
}

core::Result<std::vector<RegisterImport>> ListRegisterImports(sqlite3* db) {
  auto s = Statement::Prepare(
      db, fmt::format("SELECT {} FROM register_import WHERE committed = 1 ORDER BY id",
                      kImportColumns));
  if (!s) return tl::unexpected(s.error());
  std::vector<RegisterImport> out;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) out.push_back(ImportFromRow(*s));
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "listing register imports"));
  return out;
}

core::Result<std::vector<RegisterOrg>> FindOrgs(sqlite3* db, std::string_view scheme,
                                                const std::vector<std::string>& ids) {
  std::vector<RegisterOrg> out;
  const std::string scheme_text(scheme);
  auto status = ForChunks(
      db, ids, 1,
      [&](std::size_t n) {
        return fmt::format("SELECT {} FROM reg_org o WHERE o.scheme = '{}' AND o.id IN ({})",
                           kOrgColumns, scheme_text, Placeholders(n));
      },
      [](Statement& s, int i, const std::string& id) { s.Bind(i, id); },
      [&](Statement& s) { out.push_back(OrgFromRow(s, 0)); });
  if (!status) return tl::unexpected(status.error());
  return out;
}

core::Result<std::vector<std::pair<std::string, RegisterOrg>>> FindOrgsByNameKey(
    sqlite3* db, const std::vector<std::string>& keys) {
  std::vector<std::pair<std::string, RegisterOrg>> out;
  auto status = ForChunks(
      db, keys, 1,
      [&](std::size_t n) {
        // Numbered (?1..?n): the list appears twice, and a bare '?' would number on to 2n.
        std::string numbered;
        for (std::size_t i = 1; i <= n; ++i) numbered += fmt::format("{}?{}", i > 1 ? "," : "", i);
        return fmt::format(
            "SELECT o.name_key, {0} FROM reg_org o WHERE o.name_key IN ({1}) UNION "
            "SELECT n.name_key, {0} FROM reg_name n JOIN reg_org o ON o.scheme = n.scheme AND "
            "o.id = n.id WHERE n.name_key IN ({1})",
            kOrgColumns, numbered);
      },
      [&](Statement& s, int i, const std::string& key) { s.Bind(i, key); },
      [&](Statement& s) { out.emplace_back(s.Text(0), OrgFromRow(s, 1)); });
  if (!status) return tl::unexpected(status.error());
  return out;
}

core::Result<std::vector<RegisterLink>> FindLinks(
    sqlite3* db, const std::vector<std::pair<std::string, std::string>>& records) {
  std::vector<RegisterLink> out;
  auto status = ForChunks(
      db, records, 2,
      [&](std::size_t n) {
        std::string pairs;
        for (std::size_t i = 0; i < n; ++i) {
          pairs += fmt::format("{}(?{},?{})", i ? "," : "", 2 * i + 1, 2 * i + 2);
        }
        return fmt::format(
            "WITH k(s, i) AS (VALUES {}) "
            "SELECT l.scheme_a, l.id_a, l.scheme_b, l.id_b FROM reg_link l JOIN k "
            "ON l.scheme_a = k.s AND l.id_a = k.i UNION "
            "SELECT l.scheme_a, l.id_a, l.scheme_b, l.id_b FROM reg_link l JOIN k "
            "ON l.scheme_b = k.s AND l.id_b = k.i",
            pairs);
      },
      [](Statement& s, int i, const std::pair<std::string, std::string>& r) {
        s.Bind(i, r.first);
        s.Bind(i + 1, r.second);
      },
      [&](Statement& s) { out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3)}); });
  if (!status) return tl::unexpected(status.error());
  return out;
}

core::Result<std::vector<PostcodePlace>> FindPostcodes(sqlite3* db,
                                                       const std::vector<std::string>& postcodes) {
  std::vector<PostcodePlace> out;
  auto status = ForChunks(
      db, postcodes, 1,
      [&](std::size_t n) {
        return fmt::format(
            "SELECT postcode, district, local_authority, local_authority_name, ward, lsoa "
            "FROM postcode_place WHERE postcode IN ({})",
            Placeholders(n));
      },
      [](Statement& s, int i, const std::string& p) { s.Bind(i, p); },
      [&](Statement& s) {
        out.push_back({s.Text(0), s.Int(1) != 0, s.Text(2), s.Text(3), s.Text(4), s.Text(5)});
      });
  if (!status) return tl::unexpected(status.error());
  return out;
}

core::Result<std::vector<Deprivation>> FindDeprivation(sqlite3* db,
                                                       const std::vector<std::string>& lsoas) {
  std::vector<Deprivation> out;
  auto status = ForChunks(
      db, lsoas, 1,
      [&](std::size_t n) {
        return fmt::format(
            "SELECT lsoa, local_authority, rank, decile FROM deprivation WHERE lsoa IN ({})",
            Placeholders(n));
      },
      [](Statement& s, int i, const std::string& p) { s.Bind(i, p); },
      [&](Statement& s) {
        out.push_back({s.Text(0), s.Text(1), static_cast<std::int32_t>(s.Int(2)),
                       static_cast<std::int32_t>(s.Int(3))});
      });
  if (!status) return tl::unexpected(status.error());
  return out;
}

core::Result<std::vector<GhgFactor>> FindGhgFactors(sqlite3* db, int year, std::string_view text) {
  auto s = Statement::Prepare(
      db,
      "SELECT year, id, scope, level1, level2, level3, level4, column_text, unit, ghg_unit, "
      "value_text, value FROM ghg_factor WHERE (?1 = 0 OR year = ?1) ORDER BY year, seq");
  if (!s) return tl::unexpected(s.error());
  s->Bind(1, static_cast<std::int64_t>(year));
  std::vector<std::string> words;
  const std::string lower = core::ToLowerAscii(text);
  for (std::string_view w : core::Split(lower, ' ')) {
    if (!w.empty()) words.emplace_back(w);
  }
  std::vector<GhgFactor> out;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    GhgFactor f;
    f.year = static_cast<int>(s->Int(0));
    f.id = s->Text(1);
    f.scope = s->Text(2);
    f.level1 = s->Text(3);
    f.level2 = s->Text(4);
    f.level3 = s->Text(5);
    f.level4 = s->Text(6);
    f.column_text = s->Text(7);
    f.unit = s->Text(8);
    f.ghg_unit = s->Text(9);
    f.value_text = s->Text(10);
    f.value = sqlite3_column_double(s->get(), 11);
    const std::string haystack = core::ToLowerAscii(
        fmt::format("{} {} {} {} {} {} {} {}", f.scope, f.level1, f.level2, f.level3, f.level4,
                    f.column_text, f.unit, f.ghg_unit));
    const bool all = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
      return haystack.find(w) != std::string::npos;
    });
    if (all) out.push_back(std::move(f));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading GHG factors"));
  return out;
}

core::Result<std::vector<AreaName>> ListAreaNames(sqlite3* db) {
  auto s = Statement::Prepare(db, "SELECT code, name FROM area_name ORDER BY code");
  if (!s) return tl::unexpected(s.error());
  std::vector<AreaName> out;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) out.push_back({s->Text(0), s->Text(1)});
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading area names"));
  return out;
}

core::Result<std::vector<std::pair<std::string, SupplierReturnLine>>> ListSupplierReturns(
    sqlite3* db) {
  auto s = Statement::Prepare(
      db,
      "SELECT m.code, r.row, r.name, r.company_number, r.charity_number, r.vat_number, r.size, "
      "r.vcse, r.vcse_form, r.diverse_yes, r.diverse_no, r.evidence, r.certified_by, "
      "r.postcodes, r.public_body, r.as_of, i.name, i.imported_at FROM supplier_return r "
      "JOIN member m ON m.id = r.member_id JOIN register_import i ON i.id = r.import_id "
      "ORDER BY m.position, r.id");
  if (!s) return tl::unexpected(s.error());
  std::vector<std::pair<std::string, SupplierReturnLine>> out;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    SupplierReturnLine l;
    l.row = s->Int(1);
    l.name = s->Text(2);
    l.company_number = s->Text(3);
    l.charity_number = s->Text(4);
    l.vat_number = s->Text(5);
    l.size = core::ParseSizeBand(s->Text(6)).value_or(core::SizeBand::kUnknown);
    l.vcse = core::ParseKnown(s->Text(7)).value_or(core::Known::kUnknown);
    l.vcse_form = s->Text(8);
    l.diverse_yes = static_cast<std::uint8_t>(s->Int(9));
    l.diverse_no = static_cast<std::uint8_t>(s->Int(10));
    const std::string evidence = s->Text(11);
    l.evidence = evidence == "certified"       ? core::Evidence::kCertified
                 : evidence == "self-declared" ? core::Evidence::kSelfDeclared
                                               : core::Evidence::kNone;
    l.certified_by = s->Text(12);
    // Split returns views: keep the text alive for the loop (a temporary would dangle).
    const std::string postcodes = s->Text(13);
    for (std::string_view p : core::Split(postcodes, ';')) {
      if (!p.empty()) l.postcodes.emplace_back(p);
    }
    l.public_body =
        core::ParsePublicBodyKind(s->Text(14)).value_or(core::PublicBodyKind::kNone);
    l.as_of = s->Text(15);
    if (l.as_of.empty()) l.as_of = s->Text(17).substr(0, 10);
    l.source_file = s->Text(16);
    out.emplace_back(s->Text(0), std::move(l));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading supplier returns"));
  return out;
}

core::Result<std::vector<PayeeRecord>> ListPayees(sqlite3* db) {
  auto s = Statement::Prepare(
      db,
      "SELECT p.id, m.code, p.name, p.kind, p.vendor_id, p.company_number, p.charity_number, "
      "p.vat_number, p.postcode FROM payee p JOIN member m ON m.id = p.member_id ORDER BY p.id");
  if (!s) return tl::unexpected(s.error());
  std::vector<PayeeRecord> out;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    PayeeRecord p;
    p.id = s->Int(0);
    p.member = s->Text(1);
    p.name = s->Text(2);
    p.kind = static_cast<core::PayeeKind>(s->Int(3));
    p.vendor_id = s->Text(4);
    p.company_number = s->Text(5);
    p.charity_number = s->Text(6);
    p.vat_number = s->Text(7);
    p.postcode = s->Text(8);
    out.push_back(std::move(p));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading payees"));
  return out;
}

core::Result<std::vector<std::string>> ListLabels(sqlite3* db) {
  auto s = Statement::Prepare(db, "SELECT id, text FROM label ORDER BY id");
  if (!s) return tl::unexpected(s.error());
  std::vector<std::string> out(1);
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    const auto id = static_cast<std::size_t>(s->Int(0));
    if (id >= out.size()) out.resize(id + 1);
    out[id] = s->Text(1);
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading labels"));
  return out;
}

core::Status ReplaceSuppliers(sqlite3* db, const std::vector<SupplierRecord>& suppliers,
                              std::int64_t data_version) {
  if (auto s = Exec(db, "BEGIN IMMEDIATE"); !s) return s;
  auto result = [&]() -> core::Status {
    for (std::string_view sql : {"DELETE FROM supplier_fact", "DELETE FROM supplier_payee",
                                 "DELETE FROM supplier"}) {
      if (auto s = Exec(db, sql); !s) return s;
    }
    Statement sup, payee, fact;
    if (auto s = Prep(db, sup,
                      "INSERT INTO supplier (id, key, name, company_number, charity_number, "
                      "vat_number, match_method, match_confidence, register_scheme, register_id, "
                      "size, vcse, diverse_yes, diverse_known, diverse_evidence, public_body, "
                      "personal, postcode, local_authority, ward, lsoa, imd_decile, local, "
                      "ambiguous, aliases, members) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,"
                      "?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26)");
        !s) {
      return s;
    }
    if (auto s = Prep(db, payee, "INSERT INTO supplier_payee (payee_id, supplier_id) VALUES (?1,?2)");
        !s) {
      return s;
    }
    if (auto s = Prep(db, fact,
                      "INSERT INTO supplier_fact (supplier_id, seq, field, value, detail, source, "
                      "source_detail, as_of, chosen, conflicts) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,"
                      "?9,?10)");
        !s) {
      return s;
    }
    std::int64_t id = 0;
    for (const SupplierRecord& r : suppliers) {
      ++id;
      sup.Bind(1, id);
      sup.BindStatic(2, r.key);
      sup.BindStatic(3, r.name);
      sup.BindStatic(4, r.company_number);
      sup.BindStatic(5, r.charity_number);
      sup.BindStatic(6, r.vat_number);
      sup.BindStatic(7, r.match_method);
      sqlite3_bind_double(sup.get(), 8, r.match_confidence);
      sup.BindStatic(9, r.register_scheme);
      sup.BindStatic(10, r.register_id);
      sup.Bind(11, static_cast<std::int64_t>(r.size));
      sup.Bind(12, static_cast<std::int64_t>(r.vcse));
      sup.Bind(13, static_cast<std::int64_t>(r.diverse_yes));
      sup.Bind(14, static_cast<std::int64_t>(r.diverse_known));
      sup.Bind(15, static_cast<std::int64_t>(r.diverse_evidence));
      sup.Bind(16, static_cast<std::int64_t>(r.public_body));
      sup.Bind(17, static_cast<std::int64_t>(r.personal));
      sup.BindStatic(18, r.postcode);
      sup.BindStatic(19, r.local_authority);
      sup.BindStatic(20, r.ward);
      sup.BindStatic(21, r.lsoa);
      sup.Bind(22, static_cast<std::int64_t>(r.imd_decile));
      sup.Bind(23, static_cast<std::int64_t>(r.local));
      sup.Bind(24, static_cast<std::int64_t>(r.ambiguous));
      const std::string aliases = core::Join(r.aliases, "\x1f");
      const std::string members = core::Join(r.members, ",");
      sup.BindStatic(25, aliases);
      sup.BindStatic(26, members);
      if (auto s = StepDone(db, sup, "storing a supplier"); !s) return s;
      for (std::int64_t p : r.payee_ids) {
        payee.Bind(1, p);
        payee.Bind(2, id);
        if (auto s = StepDone(db, payee, "storing a supplier's payee"); !s) return s;
      }
      std::int64_t seq = 0;
      for (const core::Fact& f : r.facts) {
        fact.Bind(1, id);
        fact.Bind(2, ++seq);
        fact.Bind(3, core::FactFieldName(f.field));
        fact.BindStatic(4, f.value);
        fact.BindStatic(5, f.detail);
        fact.Bind(6, core::FactSourceName(f.source));
        fact.BindStatic(7, f.source_detail);
        fact.BindStatic(8, f.as_of);
        fact.Bind(9, static_cast<std::int64_t>(f.chosen));
        fact.Bind(10, static_cast<std::int64_t>(f.conflicts));
        if (auto s = StepDone(db, fact, "storing a supplier fact"); !s) return s;
      }
    }
    Statement v;
    if (auto s = Prep(db, v, "UPDATE meta SET value = ?1 WHERE key = 'resolved_version'"); !s)
      return s;
    v.Bind(1, data_version);
    return StepDone(db, v, "recording the resolution");
  }();
  if (!result) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return result;
  }
  return Commit(db);
}

core::Result<std::vector<SupplierRecord>> LoadSuppliers(sqlite3* db, bool with_detail) {
  auto s = Statement::Prepare(
      db,
      "SELECT id, key, name, company_number, charity_number, vat_number, match_method, "
      "match_confidence, register_scheme, register_id, size, vcse, diverse_yes, diverse_known, "
      "diverse_evidence, public_body, personal, postcode, local_authority, ward, lsoa, "
      "imd_decile, local, ambiguous, aliases, members FROM supplier ORDER BY id");
  if (!s) return tl::unexpected(s.error());
  std::vector<SupplierRecord> out;
  std::unordered_map<std::int64_t, std::size_t> index;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    SupplierRecord r;
    r.id = s->Int(0);
    r.key = s->Text(1);
    r.name = s->Text(2);
    r.company_number = s->Text(3);
    r.charity_number = s->Text(4);
    r.vat_number = s->Text(5);
    r.match_method = s->Text(6);
    r.match_confidence = sqlite3_column_double(s->get(), 7);
    r.register_scheme = s->Text(8);
    r.register_id = s->Text(9);
    r.size = static_cast<core::SizeBand>(s->Int(10));
    r.vcse = static_cast<core::Known>(s->Int(11));
    r.diverse_yes = static_cast<std::uint8_t>(s->Int(12));
    r.diverse_known = static_cast<std::uint8_t>(s->Int(13));
    r.diverse_evidence = static_cast<core::Evidence>(s->Int(14));
    r.public_body = static_cast<core::PublicBodyKind>(s->Int(15));
    r.personal = s->Int(16) != 0;
    r.postcode = s->Text(17);
    r.local_authority = s->Text(18);
    r.ward = s->Text(19);
    r.lsoa = s->Text(20);
    r.imd_decile = static_cast<std::int32_t>(s->Int(21));
    r.local = static_cast<core::Known>(s->Int(22));
    r.ambiguous = s->Int(23) != 0;
    if (with_detail) {
      const std::string aliases = s->Text(24);  // kept alive: Split returns views
      for (std::string_view a : core::Split(aliases, '\x1f')) {
        if (!a.empty()) r.aliases.emplace_back(a);
      }
      index[r.id] = out.size();
    }
    const std::string members = s->Text(25);  // kept alive: Split returns views
    for (std::string_view m : core::Split(members, ',')) {
      if (!m.empty()) r.members.emplace_back(m);
    }
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading suppliers"));
  if (!with_detail) return out;
  auto p = Statement::Prepare(db, "SELECT payee_id, supplier_id FROM supplier_payee ORDER BY payee_id");
  if (!p) return tl::unexpected(p.error());
  while ((rc = p->Step()) == SQLITE_ROW) {
    if (auto it = index.find(p->Int(1)); it != index.end()) out[it->second].payee_ids.push_back(p->Int(0));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading supplier payees"));
  auto f = Statement::Prepare(
      db,
      "SELECT supplier_id, field, value, detail, source, source_detail, as_of, chosen, "
      "conflicts FROM supplier_fact ORDER BY supplier_id, seq");
  if (!f) return tl::unexpected(f.error());
  while ((rc = f->Step()) == SQLITE_ROW) {
    auto it = index.find(f->Int(0));
    if (it == index.end()) continue;
    core::Fact fact;
    fact.field = core::ParseFactField(f->Text(1)).value_or(core::FactField::kSize);
    fact.value = f->Text(2);
    fact.detail = f->Text(3);
    fact.source = core::ParseFactSource(f->Text(4)).value_or(core::FactSource::kNamePattern);
    fact.source_detail = f->Text(5);
    fact.as_of = f->Text(6);
    fact.chosen = f->Int(7) != 0;
    fact.conflicts = f->Int(8) != 0;
    out[it->second].facts.push_back(std::move(fact));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading supplier facts"));
  return out;
}

core::Result<std::vector<std::int32_t>> PayeeSupplierIndex(sqlite3* db) {
  auto s = Statement::Prepare(
      db, "SELECT p.id, coalesce(sp.supplier_id, 0) FROM payee p "
          "LEFT JOIN supplier_payee sp ON sp.payee_id = p.id ORDER BY p.id");
  if (!s) return tl::unexpected(s.error());
  std::vector<std::int32_t> out;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    const auto payee = static_cast<std::size_t>(s->Int(0));
    if (payee >= out.size()) out.resize(payee + 1, -1);
    // Supplier row ids are 1..n in LoadSuppliers order (ReplaceSuppliers numbers them).
    out[payee] = static_cast<std::int32_t>(s->Int(1)) - 1;
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading supplier payees"));
  return out;
}

core::Result<std::int64_t> AddDecision(sqlite3* db, const Decision& d) {
  if (auto s = Exec(db, "BEGIN IMMEDIATE"); !s) return tl::unexpected(s.error());
  auto s = Statement::Prepare(
      db,
      "INSERT INTO decision (subject, field, value, detail, old_value, decided_by, decided_at, "
      "note) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  if (!s) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return tl::unexpected(s.error());
  }
  s->Bind(1, d.subject);
  s->Bind(2, core::FactFieldName(d.field));
  s->Bind(3, d.value);
  s->Bind(4, d.detail);
  s->Bind(5, d.old_value);
  s->Bind(6, d.by);
  s->Bind(7, d.at.empty() ? NowIsoUtc() : d.at);
  s->Bind(8, d.note);
  if (s->Step() != SQLITE_DONE) {
    core::Error e = SqliteError(db, "recording the decision");
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return tl::unexpected(std::move(e));
  }
  const std::int64_t id = sqlite3_last_insert_rowid(db);
  if (auto b = BumpDataVersion(db); !b) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return tl::unexpected(b.error());
  }
  if (auto c = Commit(db); !c) return tl::unexpected(c.error());
  return id;
}

core::Result<std::vector<Decision>> ListDecisions(sqlite3* db) {
  auto s = Statement::Prepare(
      db,
      "SELECT id, subject, field, value, detail, old_value, decided_by, decided_at, note "
      "FROM decision ORDER BY id");
  if (!s) return tl::unexpected(s.error());
  std::vector<Decision> out;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    Decision d;
    d.id = s->Int(0);
    d.subject = s->Text(1);
    d.field = core::ParseFactField(s->Text(2)).value_or(core::FactField::kSize);
    d.value = s->Text(3);
    d.detail = s->Text(4);
    d.old_value = s->Text(5);
    d.by = s->Text(6);
    d.at = s->Text(7);
    d.note = s->Text(8);
    out.push_back(std::move(d));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading decisions"));
  return out;
}

}  // namespace anchornet::store::sqlite
