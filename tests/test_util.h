// Helpers shared by the integration tests: temporary workspaces, small files, the real data.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "core/network.h"
#include "ingest/importer.h"
#include "ingest/registers.h"
#include "store/store.h"

namespace anchornet::testing {

// A fresh directory under the test temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::path(::testing::TempDir()) /
            (std::string("anchornet-") + info->test_suite_name() + "-" + info->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// A fresh file path named after the running test: TempDir()/<prefix><test name><suffix>.
inline std::string TestFilePath(const std::string& prefix, const std::string& suffix) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path path =
      std::filesystem::path(::testing::TempDir()) / (prefix + info->name() + suffix);
  std::filesystem::remove(path);
  return path.string();
}

// Writes `bytes` to TestFilePath(prefix, suffix) and returns the path.
inline std::string WriteTestFile(const std::string& prefix, const std::string& suffix,
                                 const std::string& bytes) {
  const std::string path = TestFilePath(prefix, suffix);
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  EXPECT_TRUE(out.good());
  return path;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline core::Network OneMemberNetwork(const std::string& member = "m1") {
  core::Network n;
  n.name = "Test network";
  n.members.push_back({member, "Test member", core::Sector::kLocalGovernment, ""});
  return n;
}

// Opens a new SQLite workspace holding `network`.
inline std::unique_ptr<store::Store> NewStore(const std::string& path, const core::Network& network,
                                              const store::OpenOptions& options = {}) {
  auto store = store::Store::Open("sqlite:" + path, options);
  EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().ToString());
  if (!store) return nullptr;
  auto saved = (*store)->SaveNetwork(network, "");
  EXPECT_TRUE(saved.has_value());
  return std::move(*store);
}

// Writes `csv` to DIR/name and imports it as `member`'s spend file, expecting no rejects.
inline void ImportSpendText(store::Store& store, const core::Network& network, const TempDir& dir,
                            const std::string& member, const std::string& name,
                            const std::string& csv) {
  const std::string path = dir.File(name);
  WriteFile(path, csv);
  auto s = ingest::ImportSpendFile(store, network, member, path);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  ASSERT_EQ(s->counts.rows_rejected, 0) << name;
}

// Writes `csv` to DIR/name and imports it as a register of `kind`, expecting no rejects.
inline void ImportRegisterText(store::Store& store, const core::Network& network,
                               const TempDir& dir, const std::string& kind, const std::string& name,
                               const std::string& csv, const std::string& member = "") {
  const std::string path = dir.File(name);
  WriteFile(path, csv);
  ingest::RegisterImportOptions options;
  options.member = member;
  auto s = ingest::ImportRegisterFile(store, network, kind, path, options);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  ASSERT_EQ(s->counts.rows_rejected, 0) << name;
}

// True when the environment variable CI is set (to anything but "", "0" or "false"). In CI a test
// that cannot run is a failure, not a skip: the shell and Node tests apply the same rule
// (tests/skip_or_fail.sh, tests/browser/skip_or_fail.mjs; docs/decisions.md 71).
inline bool InCi() {
  const char* ci = std::getenv("CI");
  if (ci == nullptr) return false;
  const std::string value = ci;
  return !value.empty() && value != "0" && value != "false";
}

// Skips the running test, printing `reason`, or fails it when InCi(). Returns from the calling
// function, as GTEST_SKIP does, so use it in a test body, SetUp or SetUpTestSuite.
#define ANCHORNET_SKIP_OR_FAIL(reason)                                  \
  do {                                                                  \
    const std::string anchornet_skip_reason = (reason);                 \
    if (::anchornet::testing::InCi()) {                                 \
      GTEST_FAIL() << "cannot run: " << anchornet_skip_reason           \
                   << " (CI is set, so this is a failure, not a skip)"; \
    }                                                                   \
    GTEST_SKIP() << anchornet_skip_reason;                              \
  } while (0)

// ../shared/data beside the project, or empty when absent.
inline std::string SharedData() {
  const std::filesystem::path p = ANCHORNET_SHARED_DATA;
  return std::filesystem::is_directory(p) ? p.string() : std::string();
}

// For a golden case over the real files: skips, or fails in CI, when ../shared/data is absent.
#define ANCHORNET_REQUIRE_SHARED_DATA()                                                         \
  do {                                                                                          \
    if (::anchornet::testing::SharedData().empty()) {                                           \
      ANCHORNET_SKIP_OR_FAIL("real data not found at " ANCHORNET_SHARED_DATA                    \
                             " (the shared/ folder beside the project); golden cases need it"); \
    }                                                                                           \
  } while (0)

// A file the repository carries for tests (tests/data/<name>): rows cut from a large real file
// that a test needs only a few of (tests/data/README.md says where each came from).
inline std::string TestData(const std::string& name) {
  return std::string(ANCHORNET_SOURCE_DIR) + "/tests/data/" + name;
}

}  // namespace anchornet::testing
