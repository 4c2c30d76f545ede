// The Store conformance suite's backends (INSTANTIATE_TEST_SUITE_P), and what is particular to the
// SQLite backend: the schema version checked on open, migrations, a full disk.
//
// Thread-safety: test-only.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "conformance.h"
#include "store/fault.h"

namespace anchornet::store_test {

// The backends every conformance test runs on.
INSTANTIATE_TEST_SUITE_P(
    Backends, StoreConformance,
    ::testing::Values(Backend{"sqlite",
                              [](const TempDir& d) { return "sqlite:" + d.File("w.db"); }}),
    [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

namespace {

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

// SQLite-specific: a workspace written before returns (schema 5) and the low-coverage threshold
// (schema 6) existed gains them on open and keeps its data; the threshold is the default.
TEST(SqliteStore, MigratesASchema4WorkspaceToTheCurrentSchema) {
  TempDir dir;
  const std::string path = dir.File("w.db");
  {
    auto s = store::Store::Open("sqlite:" + path);
    ASSERT_TRUE(s.has_value());
    core::Network n;
    n.name = "N";
    n.members = {{"m1", "Member one", core::Sector::kLocalGovernment, ""}};
    ASSERT_TRUE((*s)->SaveNetwork(n, "").has_value());
    store::FileToImport file{"m1", "a.csv", "a", 10, "csv", "test"};
    auto w = (*s)->BeginImport(file);
    ASSERT_TRUE(w.has_value());
    core::SpendLine line;
    line.paid_on = core::FromCivil(2024, 5, 1);
    line.amount = 100;
    line.payee = "ACME LTD";
    ASSERT_TRUE((*w)->Add(line).has_value());
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TABLE return_issue; DROP TABLE return_project; "
                         "DROP TABLE return_transfer; DROP TABLE return_figure; "
                         "DROP TABLE return_submission; DROP TABLE return_file; "
                         "ALTER TABLE network DROP COLUMN coverage_warning_below_bp; "
                         "PRAGMA user_version = 4",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto s = store::Store::Open("sqlite:" + path);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ((*s)->SchemaVersion(), store::kSchemaVersion);
  EXPECT_EQ((*s)->Counts().value().lines, 1);
  EXPECT_EQ((*s)->LoadNetwork().value().name, "N");
  EXPECT_DOUBLE_EQ((*s)->LoadNetwork().value().coverage_warning_below,
                   core::kDefaultCoverageWarningBelow);
  auto w = (*s)->BeginReturnImport({0, "r.csv", "r", 5, "csv", "", ""});
  ASSERT_TRUE(w.has_value()) << w.error().ToString();
  core::MemberReturn ret;
  ret.member = "m1";
  ret.financial_year = 2024;
  ret.figures = {{"W1D", 3, "", "", 2}};
  ASSERT_TRUE((*w)->Add(ret, {}).has_value());
  ASSERT_TRUE((*w)->Commit().has_value());
  w->reset();
  EXPECT_EQ((*s)->ListReturnSubmissions({}).value().size(), 1u);
  EXPECT_TRUE((*s)->CheckIntegrity().has_value());
}

// SQLite-specific: a disk that fills up during a returns import leaves nothing of the file.
TEST(SqliteStore, AFullDiskDuringAReturnsImportKeepsNothing) {
  ASSERT_TRUE(store::RegisterFailingVfs());
  TempDir dir;
  const std::string url = "sqlite:" + dir.File("w.db");
  {
    auto s = store::Store::Open(url);
    ASSERT_TRUE(s.has_value());
    core::Network n;
    n.name = "N";
    n.members = {{"m1", "Member one", core::Sector::kLocalGovernment, ""}};
    ASSERT_TRUE((*s)->SaveNetwork(n, "").has_value());
  }
  // Many figures and a small page cache, so that pages spill to the WAL before the commit.
  core::MemberReturn ret;
  ret.member = "m1";
  for (int i = 0; i < 3000; ++i) {
    ret.figures.push_back({"W1D", i, std::string(100, 'n'), "", i});
  }
  store::OpenOptions options;
  options.vfs = store::kFailingVfsName;
  options.cache_kib = 64;
  bool committed = false;
  for (std::int64_t budget : {0, 1, 5, 20, 80, 320, 100000}) {
    {
      auto s = store::Store::Open(url, options);
      ASSERT_TRUE(s.has_value()) << s.error().ToString();
      store::SetFailingVfsBudget(budget);
      auto done = [&]() -> core::Status {
        auto w = (*s)->BeginReturnImport({0, "big.csv", "big", 1, "csv", "", ""});
        if (!w) return tl::unexpected(w.error());
        for (int year = 2020; year < 2024; ++year) {
          ret.financial_year = year;
          if (auto id = (*w)->Add(ret, {}); !id) return tl::unexpected(id.error());
        }
        if (auto c = (*w)->Commit(); !c) return tl::unexpected(c.error());
        return {};
      }();
      store::SetFailingVfsBudget(-1);
      committed = done.has_value();
      if (!committed) {
        EXPECT_EQ(done.error().code, ErrorCode::kStoreIo) << done.error().ToString();
      }
    }
    auto s = store::Store::Open(url);
    ASSERT_TRUE(s.has_value());
    ASSERT_TRUE((*s)->CheckIntegrity().has_value()) << "budget " << budget;
    store::ReturnFilter history;
    history.history = true;
    const auto subs = (*s)->ListReturnSubmissions(history).value();
    const bool found = (*s)->FindReturnFile("big").value().has_value();
    if (committed) {
      EXPECT_TRUE(found);
      ASSERT_EQ(subs.size(), 4u) << "budget " << budget;
      EXPECT_EQ((*s)->LoadReturn(subs[0].id).value().figures.size(), 3000u);
      break;
    }
    EXPECT_FALSE(found) << "budget " << budget;
    EXPECT_TRUE(subs.empty()) << "budget " << budget;
  }
  EXPECT_TRUE(committed) << "the import never succeeded";
}

TEST(StoreUrl, UnknownSchemesAreUsageErrors) {
  auto s = store::Store::Open("mysql://localhost/x");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kUsage);
}

}  // namespace
}  // namespace anchornet::store_test
