// Fault injection: an import killed part-way, and a disk that fills up mid-import, must leave
// the workspace exactly as it was before the import began (SQLite test/*fault.test; LevelDB
// db/fault_injection_test.cc).
#include "store/fault.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ingest/importer.h"
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

}  // namespace
}  // namespace anchornet
