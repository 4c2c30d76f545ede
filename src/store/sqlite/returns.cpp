// SQLite: members' returns (store/sqlite/returns.h, docs/returns.md).
// Thread-safety: the connection's thread only.
#include "store/sqlite/returns.h"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "store/sqlite/registers.h"
#include "store/sqlite/statement.h"

namespace anchornet::store::sqlite {

namespace {

using core::ErrorCode;
using core::Fail;

void BindDouble(Statement& s, int index, double value) {
  sqlite3_bind_double(s.get(), index, value);
}

double Double(Statement& s, int col) { return sqlite3_column_double(s.get(), col); }

class SqliteReturnWriter final : public ReturnWriter {
 public:
  SqliteReturnWriter(sqlite3* db, std::int64_t file_id) : db_(db), file_id_(file_id) {}

  ~SqliteReturnWriter() override {
    if (!committed_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  core::Status Prepare() {
    if (auto s = Prep(db_, member_, "SELECT id FROM member WHERE code = ?1"); !s) return s;
    if (auto s = Prep(db_, current_,
                      "SELECT id FROM return_submission WHERE member_id = ?1 AND "
                      "financial_year = ?2 AND quarter = ?3 AND superseded_by IS NULL "
                      "ORDER BY id DESC LIMIT 1");
        !s) {
      return s;
    }
    if (auto s = Prep(db_, submission_,
                      "INSERT INTO return_submission (file_id, member_id, financial_year, "
                      "quarter, supersedes, figures, transfers, projects, errors, warnings) "
                      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
        !s) {
      return s;
    }
    if (auto s =
            Prep(db_, supersede_, "UPDATE return_submission SET superseded_by = ?2 WHERE id = ?1");
        !s) {
      return s;
    }
    if (auto s = Prep(db_, figure_,
                      "INSERT INTO return_figure (submission_id, measure, value, note, flag, row) "
                      "VALUES (?1,?2,?3,?4,?5,?6)");
        !s) {
      return s;
    }
    if (auto s = Prep(db_, transfer_,
                      "INSERT INTO return_transfer (submission_id, row, recipient, recipient_sme, "
                      "committed, paid, apprenticeships, note) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
        !s) {
      return s;
    }
    if (auto s = Prep(db_, project_,
                      "INSERT INTO return_project (submission_id, row, project_id, name, kind, "
                      "activity, unit, activity_year, baseline, after, factor_id, factor_path, "
                      "factor, saved_kg, note) "
                      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)");
        !s) {
      return s;
    }
    return Prep(db_, issue_,
                "INSERT INTO return_issue (file_id, submission_id, line, col, code, message, raw, "
                "warning) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  }

  core::Result<std::int64_t> Add(const core::MemberReturn& ret,
                                 const std::vector<ReturnIssue>& issues) override {
    auto member_id = MemberId(ret.member);
    if (!member_id) return tl::unexpected(member_id.error());
    // One return is all or nothing within the file's transaction: a failure part-way leaves
    // neither the submission nor a broken supersession behind.
    if (auto s = Exec(db_, "SAVEPOINT return_add"); !s) return tl::unexpected(s.error());
    auto id = AddInSavepoint(*member_id, ret, issues);
    if (!id) {
      // After a disk-full error SQLite may already have rolled the whole transaction back, and
      // with it the savepoint: the transaction then fails at Commit.
      sqlite3_exec(db_, "ROLLBACK TO return_add; RELEASE return_add", nullptr, nullptr, nullptr);
      return id;
    }
    if (auto s = Exec(db_, "RELEASE return_add"); !s) return tl::unexpected(s.error());
    return id;
  }

  core::Status AddFileIssue(const ReturnIssue& issue) override { return AddIssue(0, issue); }

  core::Result<std::int64_t> Commit() override {
    // Returns do not change what suppliers resolve to: the data version stays as it is.
    if (auto s = sqlite::Commit(db_); !s) return tl::unexpected(s.error());
    committed_ = true;
    return file_id_;
  }

 private:
  core::Result<std::int64_t> MemberId(const std::string& code) {
    if (auto it = member_ids_.find(code); it != member_ids_.end()) return it->second;
    member_.Bind(1, code);
    const int rc = member_.Step();
    const std::int64_t id = rc == SQLITE_ROW ? member_.Int(0) : 0;
    member_.Reset();
    if (rc == SQLITE_DONE) {
      return tl::unexpected(core::UnknownMember(code));
    }
    if (rc != SQLITE_ROW) return tl::unexpected(SqliteError(db_, "finding the member"));
    member_ids_.emplace(code, id);
    return id;
  }

  core::Result<std::int64_t> AddInSavepoint(std::int64_t member_id, const core::MemberReturn& ret,
                                            const std::vector<ReturnIssue>& issues) {
    // The submission this one supersedes: the current one for the member and period, which may
    // have come earlier in this same file.
    current_.Bind(1, member_id);
    current_.Bind(2, static_cast<std::int64_t>(ret.financial_year));
    current_.Bind(3, static_cast<std::int64_t>(ret.quarter));
    const int rc = current_.Step();
    const std::int64_t previous = rc == SQLITE_ROW ? current_.Int(0) : 0;  // 0: the first
    current_.Reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      return tl::unexpected(SqliteError(db_, "finding the current return"));
    }
    std::int64_t errors = 0;
    std::int64_t warnings = 0;
    for (const ReturnIssue& issue : issues) ++(issue.warning ? warnings : errors);
    submission_.Bind(1, file_id_);
    submission_.Bind(2, member_id);
    submission_.Bind(3, static_cast<std::int64_t>(ret.financial_year));
    submission_.Bind(4, static_cast<std::int64_t>(ret.quarter));
    if (previous != 0) {
      submission_.Bind(5, previous);
    } else {
      submission_.BindNull(5);
    }
    submission_.Bind(6, static_cast<std::int64_t>(ret.figures.size()));
    submission_.Bind(7, static_cast<std::int64_t>(ret.transfers.size()));
    submission_.Bind(8, static_cast<std::int64_t>(ret.projects.size()));
    submission_.Bind(9, errors);
    submission_.Bind(10, warnings);
    if (auto s = StepDone(db_, submission_, "storing a return"); !s) {
      return tl::unexpected(s.error());
    }
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    if (previous != 0) {
      supersede_.Bind(1, previous);
      supersede_.Bind(2, id);
      if (auto s = StepDone(db_, supersede_, "superseding the earlier return"); !s) {
        return tl::unexpected(s.error());
      }
    }
    for (const core::ReturnFigure& f : ret.figures) {
      figure_.Bind(1, id);
      figure_.BindStatic(2, f.measure);
      figure_.Bind(3, f.value);
      figure_.BindStatic(4, f.note);
      figure_.BindStatic(5, f.flag);
      figure_.Bind(6, f.row);
      if (auto s = StepDone(db_, figure_, "storing a return figure"); !s) {
        return tl::unexpected(s.error());
      }
    }
    for (const core::LevyTransfer& t : ret.transfers) {
      transfer_.Bind(1, id);
      transfer_.Bind(2, t.row);
      transfer_.BindStatic(3, t.recipient);
      if (t.recipient_sme) {
        transfer_.Bind(4, static_cast<std::int64_t>(*t.recipient_sme ? 1 : 0));
      } else {
        transfer_.BindNull(4);
      }
      transfer_.Bind(5, t.committed);
      transfer_.Bind(6, t.paid);
      transfer_.Bind(7, t.apprenticeships);
      transfer_.BindStatic(8, t.note);
      if (auto s = StepDone(db_, transfer_, "storing a levy transfer"); !s) {
        return tl::unexpected(s.error());
      }
    }
    for (const core::CarbonProject& p : ret.projects) {
      project_.Bind(1, id);
      project_.Bind(2, p.row);
      project_.BindStatic(3, p.id);
      project_.BindStatic(4, p.name);
      project_.BindStatic(5, p.kind);
      project_.BindStatic(6, p.activity);
      project_.BindStatic(7, p.unit);
      project_.Bind(8, static_cast<std::int64_t>(p.activity_year));
      BindDouble(project_, 9, p.baseline);
      BindDouble(project_, 10, p.after);
      project_.BindStatic(11, p.factor_id);
      project_.BindStatic(12, p.factor_path);
      BindDouble(project_, 13, p.factor);
      project_.Bind(14, p.saved_kg);
      project_.BindStatic(15, p.note);
      if (auto s = StepDone(db_, project_, "storing a carbon project"); !s) {
        return tl::unexpected(s.error());
      }
    }
    for (const ReturnIssue& issue : issues) {
      if (auto s = AddIssue(id, issue); !s) return tl::unexpected(s.error());
    }
    return id;
  }

  // submission_id 0: an issue of the file.
  core::Status AddIssue(std::int64_t submission_id, const ReturnIssue& issue) {
    const core::Reject& r = issue.reject;
    issue_.Bind(1, file_id_);
    if (submission_id != 0) {
      issue_.Bind(2, submission_id);
    } else {
      issue_.BindNull(2);
    }
    issue_.Bind(3, r.line);
    issue_.Bind(4, static_cast<std::int64_t>(r.column));
    issue_.Bind(5, core::ErrorCodeName(r.code));
    issue_.BindStatic(6, r.message);
    issue_.BindStatic(7, r.raw);
    issue_.Bind(8, static_cast<std::int64_t>(issue.warning ? 1 : 0));
    return StepDone(db_, issue_, "storing a return issue");
  }

  sqlite3* db_;
  std::int64_t file_id_;
  bool committed_ = false;
  std::unordered_map<std::string, std::int64_t> member_ids_;
  Statement member_, current_, submission_, supersede_, figure_, transfer_, project_, issue_;
};

constexpr std::string_view kFileColumns =
    "id, name, content_hash, bytes, format, imported_at, imported_by";

ReturnFile FileFromRow(const Statement& s) {
  ReturnFile f;
  f.id = s.Int(0);
  f.name = s.Text(1);
  f.content_hash = s.Text(2);
  f.bytes = s.Int(3);
  f.format = s.Text(4);
  f.imported_at = s.Text(5);
  f.imported_by = s.Text(6);
  return f;
}

// Runs a query that should find nothing; a row found is described by describe(row).
template <typename Describe>
core::Status ExpectNoRow(sqlite3* db, std::string_view sql, Describe describe) {
  auto s = Statement::Prepare(db, sql);
  if (!s) return tl::unexpected(s.error());
  const int rc = s->Step();
  if (rc == SQLITE_ROW) return Fail(ErrorCode::kStoreIo, describe(*s));
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "checking returns"));
  return {};
}

}  // namespace

core::ErrorCode ErrorCodeFromName(std::string_view name) {
  static const auto* const kByName = [] {
    auto* by_name = new std::map<std::string_view, ErrorCode, std::less<>>();
    const std::string_view internal = core::ErrorCodeName(ErrorCode::kInternal);
    // Codes are numbered densely from kOk (the registry is append-only); past the last one,
    // ErrorCodeName answers "internal".
    for (int c = 0;; ++c) {
      const auto code = static_cast<ErrorCode>(c);
      const std::string_view code_name = core::ErrorCodeName(code);
      if (code_name == internal && code != ErrorCode::kInternal) break;
      by_name->emplace(code_name, code);
    }
    return by_name;
  }();
  auto it = kByName->find(name);
  return it == kByName->end() ? ErrorCode::kInternal : it->second;
}

core::Result<std::optional<ReturnFile>> FindReturnFile(sqlite3* db, std::string_view content_hash) {
  auto s = Statement::Prepare(
      db, fmt::format("SELECT {} FROM return_file WHERE content_hash = ?1", kFileColumns));
  if (!s) return tl::unexpected(s.error());
  s->Bind(1, content_hash);
  const int rc = s->Step();
  if (rc == SQLITE_DONE) return std::optional<ReturnFile>();
  if (rc != SQLITE_ROW) return tl::unexpected(SqliteError(db, "finding the returns file"));
  return std::optional<ReturnFile>(FileFromRow(*s));
}

core::Result<std::unique_ptr<ReturnWriter>> BeginReturnImport(sqlite3* db, const ReturnFile& file) {
  if (file.content_hash.empty()) {
    return Fail(ErrorCode::kInternal, "a returns file must be hashed before its import begins");
  }
  if (auto s = Exec(db, "BEGIN IMMEDIATE"); !s) return tl::unexpected(s.error());
  auto fail = [&](core::Error e) -> core::Result<std::unique_ptr<ReturnWriter>> {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return tl::unexpected(std::move(e));
  };
  auto insert = Statement::Prepare(
      db,
      "INSERT INTO return_file (name, content_hash, bytes, format, imported_at, imported_by) "
      "VALUES (?1,?2,?3,?4,?5,?6)");
  if (!insert) return fail(insert.error());
  insert->Bind(1, file.name);
  insert->Bind(2, file.content_hash);
  insert->Bind(3, file.bytes);
  insert->Bind(4, file.format);
  insert->Bind(5, NowIsoUtc());
  insert->Bind(6, file.imported_by);
  if (insert->Step() != SQLITE_DONE) return fail(SqliteError(db, "recording the returns file"));
  auto writer = std::make_unique<SqliteReturnWriter>(db, sqlite3_last_insert_rowid(db));
  // On failure the writer's destructor rolls the transaction back.
  if (auto s = writer->Prepare(); !s) return tl::unexpected(s.error());
  return std::unique_ptr<ReturnWriter>(std::move(writer));
}

core::Result<std::vector<ReturnSubmission>> ListReturnSubmissions(sqlite3* db,
                                                                  const ReturnFilter& filter) {
  auto s = Statement::Prepare(
      db,
      "SELECT s.id, s.file_id, f.name, m.code, s.financial_year, s.quarter, f.imported_at, "
      "coalesce(s.supersedes, 0), coalesce(s.superseded_by, 0), s.figures, s.transfers, "
      "s.projects, s.errors, s.warnings "
      "FROM return_submission s JOIN return_file f ON f.id = s.file_id "
      "JOIN member m ON m.id = s.member_id "
      "WHERE (?1 <> 0 OR s.superseded_by IS NULL) AND (?2 = 0 OR s.financial_year = ?2) "
      "AND (?3 = '' OR m.code = ?3) "
      "ORDER BY m.position, s.financial_year, s.quarter, s.id DESC");
  if (!s) return tl::unexpected(s.error());
  s->Bind(1, static_cast<std::int64_t>(filter.history ? 1 : 0));
  s->Bind(2, static_cast<std::int64_t>(filter.financial_year));
  s->Bind(3, filter.member);
  std::vector<ReturnSubmission> out;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    ReturnSubmission r;
    r.id = s->Int(0);
    r.file_id = s->Int(1);
    r.file_name = s->Text(2);
    r.member = s->Text(3);
    r.financial_year = static_cast<int>(s->Int(4));
    r.quarter = static_cast<int>(s->Int(5));
    r.submitted_at = s->Text(6);
    r.supersedes = s->Int(7);
    r.superseded_by = s->Int(8);
    r.figures = s->Int(9);
    r.transfers = s->Int(10);
    r.projects = s->Int(11);
    r.errors = s->Int(12);
    r.warnings = s->Int(13);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "listing returns"));
  return out;
}

core::Result<core::MemberReturn> LoadReturn(sqlite3* db, std::int64_t submission_id) {
  core::MemberReturn ret;
  {
    auto s =
        Statement::Prepare(db,
                           "SELECT m.code, s.financial_year, s.quarter FROM return_submission s "
                           "JOIN member m ON m.id = s.member_id WHERE s.id = ?1");
    if (!s) return tl::unexpected(s.error());
    s->Bind(1, submission_id);
    const int rc = s->Step();
    if (rc == SQLITE_DONE) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("no return submission {} (see `anchornet returns list --history`)",
                              submission_id));
    }
    if (rc != SQLITE_ROW) return tl::unexpected(SqliteError(db, "reading a return"));
    ret.member = s->Text(0);
    ret.financial_year = static_cast<int>(s->Int(1));
    ret.quarter = static_cast<int>(s->Int(2));
  }
  auto figures = Statement::Prepare(
      db,
      "SELECT measure, value, note, flag, row FROM return_figure WHERE submission_id = ?1 "
      "ORDER BY row, id");
  if (!figures) return tl::unexpected(figures.error());
  figures->Bind(1, submission_id);
  int rc;
  while ((rc = figures->Step()) == SQLITE_ROW) {
    core::ReturnFigure f;
    f.measure = figures->Text(0);
    f.value = figures->Int(1);
    f.note = figures->Text(2);
    f.flag = figures->Text(3);
    f.row = figures->Int(4);
    ret.figures.push_back(std::move(f));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading return figures"));

  auto transfers = Statement::Prepare(
      db,
      "SELECT row, recipient, recipient_sme, committed, paid, apprenticeships, note "
      "FROM return_transfer WHERE submission_id = ?1 ORDER BY row, id");
  if (!transfers) return tl::unexpected(transfers.error());
  transfers->Bind(1, submission_id);
  while ((rc = transfers->Step()) == SQLITE_ROW) {
    core::LevyTransfer t;
    t.row = transfers->Int(0);
    t.recipient = transfers->Text(1);
    if (!transfers->IsNull(2)) t.recipient_sme = transfers->Int(2) != 0;
    t.committed = transfers->Int(3);
    t.paid = transfers->Int(4);
    t.apprenticeships = transfers->Int(5);
    t.note = transfers->Text(6);
    ret.transfers.push_back(std::move(t));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading levy transfers"));

  auto projects = Statement::Prepare(
      db,
      "SELECT row, project_id, name, kind, activity, unit, activity_year, baseline, after, "
      "factor_id, factor_path, factor, saved_kg, note FROM return_project "
      "WHERE submission_id = ?1 ORDER BY row, id");
  if (!projects) return tl::unexpected(projects.error());
  projects->Bind(1, submission_id);
  while ((rc = projects->Step()) == SQLITE_ROW) {
    core::CarbonProject p;
    p.row = projects->Int(0);
    p.id = projects->Text(1);
    p.name = projects->Text(2);
    p.kind = projects->Text(3);
    p.activity = projects->Text(4);
    p.unit = projects->Text(5);
    p.activity_year = static_cast<int>(projects->Int(6));
    p.baseline = Double(*projects, 7);
    p.after = Double(*projects, 8);
    p.factor_id = projects->Text(9);
    p.factor_path = projects->Text(10);
    p.factor = Double(*projects, 11);
    p.saved_kg = projects->Int(12);
    p.note = projects->Text(13);
    ret.projects.push_back(std::move(p));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "reading carbon projects"));
  return ret;
}

core::Result<std::vector<ReturnIssue>> ListReturnIssues(sqlite3* db, std::int64_t submission_id,
                                                        std::int64_t file_id) {
  auto s = Statement::Prepare(
      db, submission_id != 0
              ? "SELECT line, col, code, message, raw, warning FROM return_issue "
                "WHERE submission_id = ?1 ORDER BY line, col, id"
              : "SELECT line, col, code, message, raw, warning FROM return_issue "
                "WHERE file_id = ?1 AND submission_id IS NULL ORDER BY line, col, id");
  if (!s) return tl::unexpected(s.error());
  s->Bind(1, submission_id != 0 ? submission_id : file_id);
  std::vector<ReturnIssue> out;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    ReturnIssue issue;
    issue.reject.line = s->Int(0);
    issue.reject.column = static_cast<std::int32_t>(s->Int(1));
    issue.reject.code = ErrorCodeFromName(s->Text(2));
    issue.reject.message = s->Text(3);
    issue.reject.raw = s->Text(4);
    issue.warning = s->Int(5) != 0;
    out.push_back(std::move(issue));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqliteError(db, "listing return issues"));
  return out;
}

core::Status CheckReturns(sqlite3* db) {
  if (auto s = ExpectNoRow(db,
                           "SELECT m.code, s.financial_year, s.quarter FROM return_submission s "
                           "JOIN member m ON m.id = s.member_id WHERE s.superseded_by IS NULL "
                           "GROUP BY s.member_id, s.financial_year, s.quarter HAVING count(*) > 1",
                           [](const Statement& row) {
                             return fmt::format(
                                 "member {} has more than one current return for {}", row.Text(0),
                                 core::ReturnPeriodLabel(static_cast<int>(row.Int(1)),
                                                         static_cast<int>(row.Int(2))));
                           });
      !s) {
    return s;
  }
  // Both ends of every supersession agree, within one member and period.
  if (auto s = ExpectNoRow(
          db,
          "SELECT a.id FROM return_submission a LEFT JOIN return_submission b "
          "ON b.id = a.superseded_by WHERE a.superseded_by IS NOT NULL AND (b.id IS NULL OR "
          "b.supersedes IS NOT a.id OR b.member_id <> a.member_id OR "
          "b.financial_year <> a.financial_year OR b.quarter <> a.quarter) "
          "UNION ALL "
          "SELECT a.id FROM return_submission a LEFT JOIN return_submission b "
          "ON b.id = a.supersedes WHERE a.supersedes IS NOT NULL AND "
          "(b.id IS NULL OR b.superseded_by IS NOT a.id)",
          [](const Statement& row) {
            return fmt::format(
                "return submission {} and the one it supersedes (or is "
                "superseded by) do not agree",
                row.Int(0));
          });
      !s) {
    return s;
  }
  return ExpectNoRow(
      db,
      "SELECT s.id FROM return_submission s WHERE "
      "s.figures <> (SELECT count(*) FROM return_figure x WHERE x.submission_id = s.id) OR "
      "s.transfers <> (SELECT count(*) FROM return_transfer x WHERE x.submission_id = s.id) OR "
      "s.projects <> (SELECT count(*) FROM return_project x WHERE x.submission_id = s.id) OR "
      "s.errors <> (SELECT count(*) FROM return_issue x WHERE x.submission_id = s.id "
      "AND x.warning = 0) OR "
      "s.warnings <> (SELECT count(*) FROM return_issue x WHERE x.submission_id = s.id "
      "AND x.warning = 1) LIMIT 1",
      [](const Statement& row) {
        return fmt::format("return submission {} does not match its counts", row.Int(0));
      });
}

}  // namespace anchornet::store::sqlite
