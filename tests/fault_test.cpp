// Fault injection: an import killed part-way, and a disk that fills up mid-import, must leave
// the workspace exactly as it was before the import began (SQLite test/*fault.test; LevelDB
// db/fault_injection_test.cc). Every writer runs in a fault loop (RunFaultLoop): the n-th write
// fails, for n = 0, 1, 2, ... until the operation succeeds.
//
// Thread-safety: test-only; the failing VFS's budget is process-wide, so tests run one at a time.
#include "store/fault.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/text.h"
#include "ingest/importer.h"
#include "ingest/registers.h"
#include "ingest/returns.h"
#include "resolve/resolver.h"
#include "resolve/settle.h"
#include "test_util.h"

namespace anchornet {
namespace {

using testing::TempDir;

// A CSV of `lines` payments; `salt` makes its lines differ from another file's.
std::string PaymentsCsv(int lines, int salt) {
  std::string out = "Supplier Name,Payment Date,Amount,Transaction Number\n";
  for (int i = 0; i < lines; ++i) {
    out += fmt::format("Supplier {} Ltd,{:02}/{:02}/2023,\"{},{:03}.{:02}\",T{}-{}\n", i % 997,
                       1 + i % 28, 1 + i % 12, 1 + i % 9, i % 1000, i % 100, salt, i);
  }
  return out;
}

struct Snapshot {
  store::StoreCounts counts;
  std::vector<store::ImportedFile> files;
};

Snapshot Take(store::Store& s) {
  auto counts = s.Counts();
  auto files = s.ListImports("");
  EXPECT_TRUE(counts.has_value());
  EXPECT_TRUE(files.has_value());
  return {counts.value_or(store::StoreCounts{}),
          files.value_or(std::vector<store::ImportedFile>{})};
}

void ExpectSame(const Snapshot& a, const Snapshot& b) {
  EXPECT_EQ(a.counts.lines, b.counts.lines);
  EXPECT_EQ(a.counts.files, b.counts.files);
  EXPECT_EQ(a.counts.rejects, b.counts.rejects);
  EXPECT_EQ(a.counts.payees, b.counts.payees);
  EXPECT_EQ(a.counts.total, b.counts.total);
  ASSERT_EQ(a.files.size(), b.files.size());
  for (std::size_t i = 0; i < a.files.size(); ++i) {
    EXPECT_EQ(a.files[i].content_hash, b.files[i].content_hash);
  }
}

class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    network_ = testing::OneMemberNetwork("m1");
    db_ = dir_.File("w.db");
    testing::WriteFile(dir_.File("first.csv"), PaymentsCsv(500, 1));
    testing::WriteFile(dir_.File("big.csv"), PaymentsCsv(40000, 2));
    auto store = testing::NewStore(db_, network_, Small());
    ASSERT_NE(store, nullptr);
    auto first = ingest::ImportSpendFile(*store, network_, "m1", dir_.File("first.csv"));
    ASSERT_TRUE(first.has_value());
    before_ = Take(*store);
    ASSERT_EQ(before_.counts.lines, 500);
  }

  // A small page cache makes SQLite spill uncommitted pages to the WAL mid-import, so a kill
  // or a failed write lands in the middle of real I/O.
  static store::OpenOptions Small() {
    store::OpenOptions o;
    o.cache_kib = 256;
    return o;
  }

  void ExpectUnchangedAndUsable() {
    auto store = store::Store::Open("sqlite:" + db_);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    ASSERT_TRUE((*store)->CheckIntegrity().has_value());
    ExpectSame(before_, Take(**store));
    // The interrupted file imports cleanly afterwards.
    auto again = ingest::ImportSpendFile(**store, network_, "m1", dir_.File("big.csv"));
    ASSERT_TRUE(again.has_value()) << again.error().ToString();
    EXPECT_FALSE(again->already_imported);
    EXPECT_EQ(again->counts.lines_imported, 40000);
  }

  TempDir dir_;
  core::Network network_;
  std::string db_;
  Snapshot before_;
};

TEST_F(FaultTest, KilledImportLeavesStoreUnchanged) {
  for (std::int64_t kill_at : {2, 15000, 39999}) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto store = store::Store::Open("sqlite:" + db_, Small());
      if (!store) _exit(3);
      ingest::ImportOptions options;
      options.after_line = [kill_at](std::int64_t row) {
        if (row >= kill_at) raise(SIGKILL);
      };
      auto r = ingest::ImportSpendFile(**store, network_, "m1", dir_.File("big.csv"), options);
      _exit(r ? 0 : 4);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child was meant to die at row " << kill_at;
    EXPECT_EQ(WTERMSIG(status), SIGKILL);
    auto store = store::Store::Open("sqlite:" + db_);
    ASSERT_TRUE(store.has_value());
    ASSERT_TRUE((*store)->CheckIntegrity().has_value());
    ExpectSame(before_, Take(**store));
  }
  ExpectUnchangedAndUsable();
}

TEST_F(FaultTest, FullDiskLeavesStoreUnchanged) {
  ASSERT_TRUE(store::RegisterFailingVfs());
  for (std::int64_t budget : {0, 1, 7, 60, 400}) {
    store::OpenOptions options = Small();
    options.vfs = store::kFailingVfsName;
    {
      auto store = store::Store::Open("sqlite:" + db_, options);
      ASSERT_TRUE(store.has_value()) << store.error().ToString();
      store::SetFailingVfsBudget(budget);
      auto r = ingest::ImportSpendFile(**store, network_, "m1", dir_.File("big.csv"));
      ASSERT_FALSE(r.has_value()) << "budget " << budget << " should not be enough";
      EXPECT_EQ(r.error().code, core::ErrorCode::kStoreIo) << r.error().ToString();
      store::SetFailingVfsBudget(-1);
    }
    auto store = store::Store::Open("sqlite:" + db_);
    ASSERT_TRUE(store.has_value());
    ASSERT_TRUE((*store)->CheckIntegrity().has_value());
    ExpectSame(before_, Take(**store));
  }
  ExpectUnchangedAndUsable();
}

// ---- Fault loops: every writer, with the n-th write failing -----------------------------------

// What a writer can change, read through the Store interface, by section ("imports", "suppliers",
// ...), without the times at which things were stored.
using Figures = std::map<std::string, std::string>;

std::string Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return core::Join(v, ";");
}

Figures ReadFigures(store::Store& s) {
  Figures f;
  auto add = [&f](const std::string& section, const std::string& line) {
    f[section] += line + "\n";
  };
  // A read that fails is recorded as such, so that it can never compare equal to data.
  auto failed = [&add](const std::string& section, const core::Error& e) {
    add(section, "read failed: " + e.ToString());
  };
  if (auto v = s.DataVersion()) {
    add("data version", std::to_string(*v));
  } else {
    failed("data version", v.error());
  }
  if (auto v = s.ResolvedVersion()) {
    add("resolved version", std::to_string(*v));
  } else {
    failed("resolved version", v.error());
  }
  if (auto c = s.Counts()) {
    add("counts", fmt::format("members {} files {} lines {} rejects {} payees {} total {}",
                              c->members, c->files, c->lines, c->rejects, c->payees, c->total));
  } else {
    failed("counts", c.error());
  }
  if (auto files = s.ListImports("")) {
    for (const store::ImportedFile& i : *files) {
      const store::ImportCounts& c = i.counts;
      add("imports",
          fmt::format("{} {} {} {} {} {} {} | {} {} {} {} {} {} {} {}", i.id, i.member, i.name,
                      i.content_hash, i.bytes, i.format, i.layout, c.rows_read, c.lines_imported,
                      c.lines_duplicate, c.rows_rejected, c.rows_skipped, c.total_imported,
                      c.first_paid ? core::ToIso(*c.first_paid) : "-",
                      c.last_paid ? core::ToIso(*c.last_paid) : "-"));
    }
  } else {
    failed("imports", files.error());
  }
  if (auto rejects = s.ListRejects({"", 0, 1'000'000})) {
    for (const store::RejectRecord& r : *rejects) {
      add("rejects", fmt::format("{} {}:{} {} {}", r.file_id, r.reject.line, r.reject.column,
                                 core::ErrorCodeName(r.reject.code), r.reject.message));
    }
  } else {
    failed("rejects", rejects.error());
  }
  if (auto registers = s.ListRegisterImports()) {
    for (const store::RegisterImport& r : *registers) {
      add("registers",
          fmt::format("{} {} {} {} {} {} | {} {} {} {}", r.id, r.kind, r.member, r.name,
                      r.content_hash, r.bytes, r.counts.rows_read, r.counts.records,
                      r.counts.rows_rejected, r.counts.rows_skipped));
    }
  } else {
    failed("registers", registers.error());
  }
  if (auto lines = s.ListSupplierReturns()) {
    for (const auto& [member, l] : *lines) {
      add("supplier returns", fmt::format("{} {} {} {} {}", member, l.row, l.name,
                                          core::SizeBandName(l.size), l.source_file));
    }
  } else {
    failed("supplier returns", lines.error());
  }
  store::ReturnFilter history;
  history.history = true;
  if (auto subs = s.ListReturnSubmissions(history)) {
    for (const store::ReturnSubmission& r : *subs) {
      std::string figures;
      if (auto ret = s.LoadReturn(r.id)) {
        for (const core::ReturnFigure& x : ret->figures) {
          figures += fmt::format(" {}={}", x.measure, x.value);
        }
      } else {
        figures = " read failed: " + ret.error().ToString();
      }
      add("returns", fmt::format("{} file {} {} {} {} q{} supersedes {} superseded by {} | {} {} "
                                 "{} {} {} |{}",
                                 r.id, r.file_id, r.file_name, r.member, r.financial_year,
                                 r.quarter, r.supersedes, r.superseded_by, r.figures, r.transfers,
                                 r.projects, r.errors, r.warnings, figures));
    }
  } else {
    failed("returns", subs.error());
  }
  if (auto suppliers = s.LoadSuppliers(true)) {
    for (const store::SupplierRecord& r : *suppliers) {
      add("suppliers",
          fmt::format("{} {} {} size {} vcse {} members {} payees {} aliases {} facts {}", r.key,
                      r.name, r.match_method, core::SizeBandName(r.size), core::KnownName(r.vcse),
                      core::Join(r.members, ","), r.payee_ids.size(), Sorted(r.aliases),
                      r.facts.size()));
    }
  } else {
    failed("suppliers", suppliers.error());
  }
  if (auto decisions = s.ListDecisions()) {
    for (const store::Decision& d : *decisions) {
      add("decisions",
          fmt::format("{} {} {} '{}' '{}' '{}' by {} '{}'", d.id, d.subject,
                      core::FactFieldName(d.field), d.value, d.detail, d.old_value, d.by, d.note));
    }
  } else {
    failed("decisions", decisions.error());
  }
  if (auto n = s.LoadNetwork()) {
    add("network",
        fmt::format("{} geography {} [{}] coverage warning below {}", n->name, n->geography_name,
                    core::Join(n->geography_codes, ","), n->coverage_warning_below));
    for (const core::Member& m : n->members) {
      add("network", fmt::format("member {} {} {}", m.id, m.name, core::SectorName(m.sector)));
    }
    // Goals and rules by their plain fields (kinds, targets and matches are typed values; the
    // byte-for-byte table dump covers them).
    for (const core::Goal& g : n->goals) {
      add("network",
          fmt::format("goal {} {} {} {}-{}", g.id, g.measure, g.member, g.from_fy, g.to_fy));
    }
    for (const core::SpendRule& r : n->rules) {
      add("network", fmt::format("rule {} [{}] {} {} {}", r.id, core::Join(r.patterns, ","),
                                 r.reason, r.member, r.enabled));
    }
  } else {
    failed("network", n.error());
  }
  if (auto source = s.NetworkSource()) add("network", "source " + *source);
  if (auto payees = s.ListPayees()) {
    for (const store::PayeeRecord& p : *payees) {
      add("payees", fmt::format("{} {} {}", p.id, p.member, p.name));
    }
  } else {
    failed("payees", payees.error());
  }
  if (auto labels = s.ListLabels()) {
    add("labels", core::Join(*labels, ";"));
  } else {
    failed("labels", labels.error());
  }
  return f;
}

// The sections where `got` differs from `want`, each with both texts (empty when the same).
std::string Differences(const Figures& want, const Figures& got) {
  std::set<std::string> sections;
  for (const Figures* f : {&want, &got}) {
    for (const auto& [section, text] : *f) sections.insert(section);
  }
  std::string out;
  for (const std::string& section : sections) {
    const auto w = want.find(section);
    const auto g = got.find(section);
    const std::string a = w == want.end() ? "" : w->second;
    const std::string b = g == got.end() ? "" : g->second;
    if (a != b) out += fmt::format("[{}]\n  expected:\n{}  found:\n{}", section, a, b);
  }
  return out;
}

// Every row of every table of the SQLite workspace at `path`, byte for byte: what is committed on
// disk, whatever the Store interface shows of it.
std::string DumpTables(const std::string& path) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db);
    sqlite3_close(db);
    return out;
  }
  auto each_row = [&](const std::string& sql, const std::function<void(sqlite3_stmt*)>& row) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
      return;
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) row(stmt);
    if (rc != SQLITE_DONE) ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
  };
  std::vector<std::string> tables;
  each_row("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
           [&](sqlite3_stmt* s) {
             tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
           });
  each_row("PRAGMA user_version", [&](sqlite3_stmt* s) {
    out += fmt::format("user_version {}\n", sqlite3_column_int(s, 0));
  });
  for (const std::string& table : tables) {
    out += "== " + table + "\n";
    each_row(fmt::format("SELECT * FROM \"{}\"", table), [&](sqlite3_stmt* s) {
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        if (sqlite3_column_type(s, c) == SQLITE_NULL) {
          out += "NULL|";
          continue;
        }
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(s, c));
        const int size = sqlite3_column_bytes(s, c);
        out += fmt::format("{}:", size);
        out.append(bytes ? bytes : "", static_cast<std::size_t>(size));
        out += '|';
      }
      out += '\n';
    });
  }
  sqlite3_close(db);
  return out;
}

// A writer under test: one call of the library as the CLI or the API makes it.
using Operation = std::function<core::Status(store::Store&)>;
// For an operation made of two commits: checks a failed attempt that left the store changed
// (`after`) against the store before it. Without one, every failure must change nothing.
using PartialCheck = std::function<void(const Figures& before, const Figures& after)>;

struct FaultLoopResult {
  Figures before;             // the seed workspace
  Figures after;              // after the operation with no fault
  std::int64_t writes = 0;    // writes the operation makes with no fault
  std::int64_t failures = 0;  // attempts that failed before one succeeded
  std::int64_t partial = 0;   // of those, the ones that left the first of two commits
};

// Runs `op` on a fresh copy of the closed workspace `seed` with the n-th write failing as a full
// disk does, for n = 0, 1, 2, ... until an attempt succeeds (SQLite's fault loops). After each
// failed attempt: the error is kStoreIo; the connection that ran it reads the store as before;
// on disk every table is byte for byte as before; the integrity check passes. After the attempt
// that succeeds: the store reads exactly as after a run with no fault. The loop is bounded by the
// writes of the fault-free run (plus a margin), and must fail at least once.
FaultLoopResult RunFaultLoop(const std::string& seed, const Operation& op,
                             const PartialCheck& partial = {}) {
  EXPECT_TRUE(store::RegisterFailingVfs());
  const std::string work = seed + ".attempt.db";
  auto restore = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(work + suffix);
      if (std::filesystem::exists(seed + suffix)) {
        std::filesystem::copy_file(seed + suffix, work + suffix);
      }
    }
  };
  store::OpenOptions faulty;
  faulty.vfs = store::kFailingVfsName;
  FaultLoopResult result;

  restore();
  const std::string before_tables = DumpTables(work);
  {
    auto s = store::Store::Open("sqlite:" + work);
    EXPECT_TRUE(s.has_value());
    if (!s) return result;
    result.before = ReadFigures(**s);
  }
  // The reference: no fault. Its writes bound the loop.
  restore();
  {
    auto s = store::Store::Open("sqlite:" + work, faulty);
    EXPECT_TRUE(s.has_value());
    if (!s) return result;
    store::SetFailingVfsBudget(-1);
    auto done = op(**s);
    result.writes = store::FailingVfsWrites();
    EXPECT_TRUE(done.has_value()) << "with no fault: " << done.error().ToString();
    if (!done) return result;
    result.after = ReadFigures(**s);
  }
  EXPECT_GT(result.writes, 0) << "the operation wrote nothing";
  EXPECT_NE(result.after, result.before) << "the operation changed nothing";

  constexpr std::int64_t kMargin = 16;
  const std::int64_t cap = result.writes + kMargin;
  bool succeeded = false;
  for (std::int64_t n = 0; n <= cap && !succeeded && !::testing::Test::HasFatalFailure(); ++n) {
    restore();
    Figures seen;
    {
      auto s = store::Store::Open("sqlite:" + work, faulty);
      EXPECT_TRUE(s.has_value()) << s.error().ToString();
      if (!s) break;
      store::SetFailingVfsBudget(n);
      auto done = op(**s);
      store::SetFailingVfsBudget(-1);
      seen = ReadFigures(**s);
      if (done) {
        succeeded = true;
        EXPECT_EQ(Differences(result.after, seen), "") << "succeeded at write " << n;
      } else {
        ++result.failures;
        EXPECT_EQ(done.error().code, core::ErrorCode::kStoreIo)
            << "write " << n << ": " << done.error().ToString();
      }
    }
    if (!succeeded) {
      if (seen == result.before) {
        EXPECT_EQ(DumpTables(work) == before_tables, true)
            << "write " << n << " failed: the tables on disk changed";
      } else if (partial) {
        ++result.partial;
        partial(result.before, seen);
      } else {
        ADD_FAILURE() << "write " << n << " failed and the store changed:\n"
                      << Differences(result.before, seen);
      }
    }
    auto reopened = store::Store::Open("sqlite:" + work);
    EXPECT_TRUE(reopened.has_value());
    if (!reopened) break;
    auto integrity = (*reopened)->CheckIntegrity();
    EXPECT_TRUE(integrity.has_value()) << "write " << n << ": " << integrity.error().ToString();
    EXPECT_EQ(Differences(seen, ReadFigures(**reopened)), "")
        << "write " << n << ": the store reads differently once reopened";
  }
  EXPECT_TRUE(succeeded) << "no attempt succeeded in " << cap + 1 << " (the fault-free run made "
                         << result.writes << " writes)";
  EXPECT_GT(result.failures, 0) << "the first write never failed: the loop tested nothing";
  ::testing::Test::RecordProperty("writes", std::to_string(result.writes));
  ::testing::Test::RecordProperty("failed_attempts", std::to_string(result.failures));
  return result;
}

// A small network and workspace to build each writer's starting point (the seed) in.
class FaultLoop : public ::testing::Test {
 protected:
  void SetUp() override {
    network_.name = "Fault network";
    network_.members = {{"m1", "Member one", core::Sector::kLocalGovernment, ""},
                        {"m2", "Member two", core::Sector::kNhs, ""}};
    seed_ = dir_.File("seed.db");
  }

  // Opens the seed workspace (creating it with the network the first time).
  std::unique_ptr<store::Store> OpenSeed() {
    const bool fresh = !std::filesystem::exists(seed_);
    if (fresh) return testing::NewStore(seed_, network_);
    auto s = store::Store::Open("sqlite:" + seed_);
    EXPECT_TRUE(s.has_value());
    return s ? std::move(*s) : nullptr;
  }
  void ImportSpend(store::Store& s, const std::string& name, const std::string& csv) {
    testing::ImportSpendText(s, network_, dir_, "m1", name, csv);
  }
  void ImportRegister(store::Store& s, const std::string& kind, const std::string& name,
                      const std::string& csv, const std::string& member = "") {
    testing::ImportRegisterText(s, network_, dir_, kind, name, csv, member);
  }
  core::Status ImportReturns(store::Store& s, const std::string& name, const std::string& csv) {
    const std::string path = dir_.File(name);
    testing::WriteFile(path, csv);
    auto summary = ingest::ImportReturnsFile(s, network_, path, {});
    if (!summary) return tl::unexpected(summary.error());
    EXPECT_EQ(summary->errors, 0) << name;
    return {};
  }
  // Spend, a register of public bodies and m1's supplier return, resolved.
  void SeedResolved() {
    auto s = OpenSeed();
    ASSERT_NE(s, nullptr);
    ImportSpend(*s, "first.csv", PaymentsCsv(20, 1));
    ImportRegister(*s, "public-bodies", "bodies.csv",
                   "name,kind,id,aliases\nSupplier 5 Ltd,other-public,,\n");
    ImportRegister(*s, "supplier-returns", "return1.csv",
                   "supplier_name,size_band\nSupplier 1 Ltd,small\n", "m1");
    auto resolved = resolve::ResolveSuppliers(*s);
    ASSERT_TRUE(resolved.has_value()) << resolved.error().ToString();
  }

  TempDir dir_;
  core::Network network_;
  std::string seed_;
};

TEST_F(FaultLoop, SpendImport) {
  {
    auto s = OpenSeed();
    ASSERT_NE(s, nullptr);
    ImportSpend(*s, "first.csv", PaymentsCsv(20, 1));
  }
  // Its first 20 lines are the stored file's (duplicates); 10 are new.
  const std::string path = dir_.File("second.csv");
  testing::WriteFile(path, PaymentsCsv(30, 1));
  auto r = RunFaultLoop(seed_, [&](store::Store& s) -> core::Status {
    auto summary = ingest::ImportSpendFile(s, network_, "m1", path);
    if (!summary) return tl::unexpected(summary.error());
    EXPECT_FALSE(summary->already_imported);
    EXPECT_EQ(summary->counts.lines_imported, 10);
    EXPECT_EQ(summary->counts.lines_duplicate, 20);
    return {};
  });
  EXPECT_NE(r.after["counts"].find("files 2 lines 30 "), std::string::npos) << r.after["counts"];
}

TEST_F(FaultLoop, RegisterImport) {
  {
    auto s = OpenSeed();
    ASSERT_NE(s, nullptr);
    ImportRegister(*s, "public-bodies", "bodies1.csv",
                   "name,kind,id,aliases\nSome Council,local-government,,SBC\n");
  }
  // One body again (its record is replaced) and one new.
  const std::string path = dir_.File("bodies2.csv");
  testing::WriteFile(path,
                     "name,kind,id,aliases\nSome Council,local-government,,Some Borough Council\n"
                     "Other Trust,nhs,,\n");
  auto r = RunFaultLoop(seed_, [&](store::Store& s) -> core::Status {
    auto summary = ingest::ImportRegisterFile(s, network_, "public-bodies", path, {});
    if (!summary) return tl::unexpected(summary.error());
    EXPECT_EQ(summary->counts.rows_read, 2);
    return {};
  });
  EXPECT_NE(r.after["registers"].find("bodies2.csv"), std::string::npos) << r.after["registers"];
}

TEST_F(FaultLoop, SupplierReturnReplacesTheMembersEarlierOne) {
  {
    auto s = OpenSeed();
    ASSERT_NE(s, nullptr);
    ImportRegister(*s, "supplier-returns", "return1.csv",
                   "supplier_name,size_band\nSupplier 1 Ltd,small\nSupplier 2 Ltd,micro\n", "m1");
    ImportRegister(*s, "supplier-returns", "return2.csv",
                   "supplier_name,size_band\nSupplier 9 Ltd,large\n", "m2");
  }
  const std::string path = dir_.File("return3.csv");
  testing::WriteFile(path, "supplier_name,size_band\nSupplier 3 Ltd,medium\n");
  ingest::RegisterImportOptions options;
  options.member = "m1";
  auto r = RunFaultLoop(seed_, [&](store::Store& s) -> core::Status {
    auto summary = ingest::ImportRegisterFile(s, network_, "supplier-returns", path, options);
    if (!summary) return tl::unexpected(summary.error());
    return {};
  });
  EXPECT_EQ(r.after["supplier returns"],
            "m1 2 Supplier 3 Ltd medium return3.csv\nm2 2 Supplier 9 Ltd large return2.csv\n");
}

TEST_F(FaultLoop, ReturnsImport) {
  {
    auto s = OpenSeed();
    ASSERT_NE(s, nullptr);
    ASSERT_TRUE(ImportReturns(*s, "returns1.csv", "member,period,measure,value\nm1,2024/25,W2S,5\n")
                    .has_value());
  }
  // A resubmission for m1 (it supersedes the stored one) and a first return from m2.
  const std::string path = dir_.File("returns2.csv");
  testing::WriteFile(path, "member,period,measure,value\nm1,2024/25,W2S,6\nm2,2024/25,W4,3\n");
  auto r = RunFaultLoop(seed_, [&](store::Store& s) -> core::Status {
    auto summary = ingest::ImportReturnsFile(s, network_, path, {});
    if (!summary) return tl::unexpected(summary.error());
    EXPECT_EQ(summary->returns.size(), 2u);
    return {};
  });
  const std::string& returns = r.after["returns"];
  EXPECT_NE(returns.find("m1 2024 q0 supersedes 0 superseded by 2"), std::string::npos) << returns;
  EXPECT_NE(returns.find("W2S=6"), std::string::npos) << returns;
}

// Resolution replaces the stored suppliers whole: after new spend, every supplier is written again.
TEST_F(FaultLoop, SupplierResolution) {
  SeedResolved();
  {
    auto s = OpenSeed();
    ASSERT_NE(s, nullptr);
    ImportSpend(*s, "second.csv", PaymentsCsv(40, 2));
  }
  auto r = RunFaultLoop(seed_, [](store::Store& s) -> core::Status {
    auto summary = resolve::ResolveSuppliers(s);
    if (!summary) return tl::unexpected(summary.error());
    return {};
  });
  EXPECT_NE(r.before["suppliers"], r.after["suppliers"]);
  EXPECT_NE(r.after["suppliers"].find("Supplier 39 Ltd"), std::string::npos);
}

// Settling is two commits: the decision, then the resolution that applies it. A failure in the
// second leaves the decision recorded whole with the resolution pending (DataVersion ahead of
// ResolvedVersion), which the next reader completes (resolve::EnsureResolved); nothing else moves.
TEST_F(FaultLoop, SupplierDecision) {
  SeedResolved();
  const std::vector<resolve::SettleRequest> requests = {
      {"Supplier 3 Ltd", core::FactField::kSize, "small", "", "tester", "fault loop"}};
  auto partial = [](const Figures& before, const Figures& after) {
    for (const auto& [section, text] : before) {
      if (section == "data version" || section == "decisions") continue;
      auto it = after.find(section);
      EXPECT_TRUE(it != after.end() && it->second == text) << "[" << section << "] changed";
    }
    auto text = [](const Figures& f, const std::string& section) {
      auto it = f.find(section);
      return it == f.end() ? std::string() : it->second;
    };
    // One decision more, the earlier ones as they were.
    const std::string old_decisions = text(before, "decisions");
    const std::string decisions = text(after, "decisions");
    EXPECT_EQ(decisions.rfind(old_decisions, 0), 0u) << decisions;
    EXPECT_EQ(std::count(decisions.begin(), decisions.end(), '\n'),
              std::count(old_decisions.begin(), old_decisions.end(), '\n') + 1);
    EXPECT_NE(decisions.find("'small'"), std::string::npos) << decisions;
    EXPECT_NE(decisions.find("by tester 'fault loop'"), std::string::npos) << decisions;
    // New data, and the resolution that has not applied it yet.
    EXPECT_EQ(std::stoll(text(after, "data version")),
              std::stoll(text(before, "data version")) + 1);
  };
  auto r = RunFaultLoop(
      seed_,
      [&](store::Store& s) -> core::Status {
        auto settled = resolve::SettleSupplier(s, requests);
        if (!settled) return tl::unexpected(settled.error());
        EXPECT_EQ(settled->size, core::SizeBand::kSmall);
        return {};
      },
      partial);
  // Some failures did fall between the two commits (should settling become one commit, this
  // test's partial check goes and every failure must leave the store unchanged).
  EXPECT_GT(r.partial, 0);
  EXPECT_NE(r.before["suppliers"], r.after["suppliers"]);
  EXPECT_NE(r.after["decisions"].find("by tester 'fault loop'"), std::string::npos)
      << r.after["decisions"];
}

// `anchornet init` on an existing workspace: the network, members, goals and rules saved whole.
TEST_F(FaultLoop, NetworkSave) {
  {
    auto s = OpenSeed();
    ASSERT_NE(s, nullptr);
    ImportSpend(*s, "first.csv", PaymentsCsv(5, 1));
  }
  core::Network changed = network_;
  changed.name = "Renamed network";
  changed.coverage_warning_below = 0.4;
  changed.geography_codes = {"E09000022"};
  changed.members[0].name = "Member one, renamed";
  changed.members.pop_back();  // m2 has no data, so it may go
  changed.members.push_back({"m3", "Member three", core::Sector::kHigherEducation, ""});
  core::Goal goal;
  goal.id = "msme";
  goal.measure = "S3";
  goal.from_fy = 2023;
  goal.to_fy = 2025;
  changed.goals.push_back(goal);
  core::SpendRule rule;
  rule.id = "payroll";
  rule.patterns = {"salar*"};
  rule.reason = "not third-party";
  changed.rules.push_back(rule);
  auto r = RunFaultLoop(seed_, [&](store::Store& s) -> core::Status {
    return s.SaveNetwork(changed, "name = \"Renamed network\"");
  });
  const std::string& network = r.after["network"];
  EXPECT_NE(network.find("Renamed network"), std::string::npos) << network;
  EXPECT_NE(network.find("coverage warning below 0.4"), std::string::npos) << network;
  EXPECT_EQ(network.find("member m2"), std::string::npos) << network;
  EXPECT_NE(network.find("goal msme S3"), std::string::npos) << network;
}
}  // namespace
}  // namespace anchornet
