// The Store conformance suite: every backend must pass it (userver *_pgtest.cpp; LevelDB
// ChangeOptions). Today the backends are: SQLite.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>

#include "store/store.h"
#include "test_util.h"

namespace anchornet {
namespace {

using core::ErrorCode;
using testing::TempDir;

struct Backend {
  std::string name;
  std::function<std::string(const TempDir&)> url;
};

class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<store::Store> Open() {
    auto s = store::Store::Open(GetParam().url(dir_));
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().ToString());
    return s ? std::move(*s) : nullptr;
  }
  std::unique_ptr<store::Store> OpenWithNetwork() {
    auto s = Open();
    if (s) {
      EXPECT_TRUE(s->SaveNetwork(Network(), "name = \"N\"").has_value());
    }
    return s;
  }
  static core::Network Network() {
    core::Network n;
    n.name = "Conformance network";
    n.geography_name = "London";
    n.geography_codes = {"E09000022", "E09000028"};
    n.members = {
        {"lambeth", "London Borough of Lambeth", core::Sector::kLocalGovernment, "E09000022"},
        {"guys", "Guy's and St Thomas'", core::Sector::kNhs, ""}};
    core::Goal g;
    g.id = "msme";
    g.measure = "S3";
    g.kind = "share";
    g.target = 0.3;
    g.from_fy = 2022;
    g.to_fy = 2024;
    n.goals.push_back(g);
    n.rules.push_back({"payroll", "S1", "expense-type", {"salar*", "payroll"}, "not third-party", "", true});
    return n;
  }
  static core::SpendLine Line(const std::string& payee, core::Pence amount, int day,
                              const std::string& ref = "") {
    core::SpendLine l;
    l.row = day;
    l.paid_on = core::FromCivil(2024, 5, day);
    l.amount = amount;
    l.payee = payee;
    l.reference = ref;
    l.expense_type = "Catering";
    return l;
  }
  static store::FileToImport File(const std::string& member, const std::string& hash) {
    return {member, hash + ".csv", hash, 100, "csv", "test layout"};
  }

  TempDir dir_;
};

TEST_P(StoreConformance, NewWorkspaceHasCurrentSchemaAndNoNetwork) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->SchemaVersion(), store::kSchemaVersion);
  auto n = s->LoadNetwork();
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(n.error().code, ErrorCode::kNoWorkspace);
}

TEST_P(StoreConformance, NetworkRoundTrips) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto n = s->LoadNetwork();
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->name, "Conformance network");
  EXPECT_EQ(n->geography_codes, (std::vector<std::string>{"E09000022", "E09000028"}));
  ASSERT_EQ(n->members.size(), 2u);
  EXPECT_EQ(n->members[0].id, "lambeth");
  EXPECT_EQ(n->members[1].sector, core::Sector::kNhs);
  ASSERT_EQ(n->goals.size(), 1u);
  EXPECT_DOUBLE_EQ(n->goals[0].target, 0.3);
  EXPECT_EQ(n->goals[0].to_fy, 2024);
  ASSERT_EQ(n->rules.size(), 1u);
  EXPECT_EQ(n->rules[0].patterns, (std::vector<std::string>{"salar*", "payroll"}));
  auto source = s->NetworkSource();
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ(*source, "name = \"N\"");
}

TEST_P(StoreConformance, MembersWithFilesCannotBeRemoved) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginImport(File("guys", "h1"));
  ASSERT_TRUE(w.has_value());
  ASSERT_TRUE((*w)->Add(Line("ACME LTD", 100, 1)).has_value());
  ASSERT_TRUE((*w)->Commit({}).has_value());
  core::Network smaller = Network();
  smaller.members.pop_back();
  auto saved = s->SaveNetwork(smaller, "");
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::kConfigInvalid);
  // A member without files can go.
  smaller = Network();
  smaller.members.erase(smaller.members.begin());
  EXPECT_TRUE(s->SaveNetwork(smaller, "").has_value());
}

TEST_P(StoreConformance, UnknownMemberIsRefused) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginImport(File("nobody", "h"));
  ASSERT_FALSE(w.has_value());
  EXPECT_EQ(w.error().code, ErrorCode::kUnknownMember);
}

TEST_P(StoreConformance, RepeatsWithinAFileAreKeptAndAcrossFilesCountedOnce) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  {
    auto w = s->BeginImport(File("lambeth", "a"));
    ASSERT_TRUE(w.has_value());
    // Two identical payments in one file are two payments.
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25)).value(), true);
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25)).value(), true);
    EXPECT_EQ((*w)->Add(Line("Other Co", 100, 2)).value(), true);
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  {
    auto w = s->BeginImport(File("lambeth", "b"));
    ASSERT_TRUE(w.has_value());
    // The same payment spelt with other case and spacing is the same payment...
    EXPECT_EQ((*w)->Add(Line("acme  ltd", 4928'57, 25)).value(), false);
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25)).value(), false);
    // ...a third copy is new, as is the same payee on another day or with a reference.
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25)).value(), true);
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 26)).value(), true);
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25, "INV-1")).value(), true);
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  {
    // The same payment for another member is that member's payment.
    auto w = s->BeginImport(File("guys", "c"));
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25)).value(), true);
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  auto c = s->Counts();
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->lines, 7);
}

TEST_P(StoreConformance, UncommittedImportLeavesNothing) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  {
    auto w = s->BeginImport(File("lambeth", "x"));
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->Add(Line("ACME LTD", 100, 1)).has_value());
    ASSERT_TRUE((*w)->AddReject({3, 2, ErrorCode::kBadAmount, "bad", "a|b"}).has_value());
  }
  auto c = s->Counts();
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->lines, 0);
  EXPECT_EQ(c->files, 0);
  EXPECT_EQ(c->rejects, 0);
  EXPECT_EQ(c->payees, 0);
  auto found = s->FindImportedFile("lambeth", "x");
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->has_value());
}

TEST_P(StoreConformance, FilesRejectsAndTotalsAreListed) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginImport(File("lambeth", "f"));
  ASSERT_TRUE(w.has_value());
  ASSERT_TRUE((*w)->Add(Line("ACME LTD", 1000, 1)).has_value());
  ASSERT_TRUE((*w)->Add(Line("Acme Ltd", 500, 1)).has_value());
  ASSERT_TRUE((*w)->Add(Line("Beta plc", 200, 2)).has_value());
  core::SpendLine personal = Line("REDACTED", 50, 3);
  personal.payee_kind = core::PayeeKind::kPersonal;
  ASSERT_TRUE((*w)->Add(personal).has_value());
  ASSERT_TRUE(
      (*w)->AddReject({7, 5, ErrorCode::kBadAmount, "'TBC' is not money", "x|TBC"}).has_value());
  store::ImportCounts counts;
  counts.rows_read = 5;
  counts.lines_imported = 4;
  counts.rows_rejected = 1;
  counts.total_imported = 1750;
  counts.first_paid = core::FromCivil(2024, 5, 1);
  counts.last_paid = core::FromCivil(2024, 5, 3);
  auto id = (*w)->Commit(counts);
  ASSERT_TRUE(id.has_value());

  auto found = s->FindImportedFile("lambeth", "f");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->id, *id);
  EXPECT_EQ((*found)->counts.total_imported, 1750);
  EXPECT_EQ((*found)->counts.last_paid, core::FromCivil(2024, 5, 3));

  auto rejects = s->ListRejects({"lambeth", 0, 10});
  ASSERT_TRUE(rejects.has_value());
  ASSERT_EQ(rejects->size(), 1u);
  EXPECT_EQ((*rejects)[0].reject.line, 7);
  EXPECT_EQ((*rejects)[0].reject.column, 5);
  EXPECT_EQ((*rejects)[0].reject.code, ErrorCode::kBadAmount);
  EXPECT_EQ((*rejects)[0].file_name, "f.csv");

  auto days = s->DailyTotals("");
  ASSERT_TRUE(days.has_value());
  ASSERT_EQ(days->size(), 3u);
  EXPECT_EQ((*days)[0].amount, 1500);
  EXPECT_EQ((*days)[0].lines, 2);

  auto payees = s->TopPayees({});
  ASSERT_TRUE(payees.has_value());
  ASSERT_EQ(payees->size(), 3u);
  EXPECT_EQ((*payees)[0].payee, "ACME LTD");  // the spelling with most spend
  EXPECT_EQ((*payees)[0].amount, 1500);
  EXPECT_EQ((*payees)[0].lines, 2);
  EXPECT_EQ((*payees)[2].kind, core::PayeeKind::kPersonal);
  EXPECT_TRUE(s->CheckIntegrity().has_value());
}

TEST_P(StoreConformance, ReopenKeepsEverything) {
  {
    auto s = OpenWithNetwork();
    ASSERT_NE(s, nullptr);
    auto w = s->BeginImport(File("lambeth", "r"));
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->Add(Line("ACME LTD", 1000, 1)).has_value());
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  auto s = Open();
  ASSERT_NE(s, nullptr);
  auto c = s->Counts();
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->lines, 1);
  EXPECT_EQ(c->members, 2);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, StoreConformance,
    ::testing::Values(Backend{"sqlite",
                              [](const TempDir& d) { return "sqlite:" + d.File("w.db"); }}),
    [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

// SQLite-specific: the schema version is checked on open.
TEST(SqliteStore, RefusesAWorkspaceFromANewerVersion) {
  TempDir dir;
  const std::string path = dir.File("w.db");
  { ASSERT_TRUE(store::Store::Open("sqlite:" + path).has_value()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto s = store::Store::Open("sqlite:" + path);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kStoreSchemaTooNew);
}

TEST(StoreUrl, UnknownSchemesAreUsageErrors) {
  auto s = store::Store::Open("mysql://localhost/x");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kUsage);
}

}  // namespace
}  // namespace anchornet
