// Helpers shared by the integration tests: temporary workspaces, small files, the real data.
#pragma once

#include <gtest/gtest.h>

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
                               const TempDir& dir, const std::string& kind,
                               const std::string& name, const std::string& csv,
                               const std::string& member = "") {
  const std::string path = dir.File(name);
  WriteFile(path, csv);
  ingest::RegisterImportOptions options;
  options.member = member;
  auto s = ingest::ImportRegisterFile(store, network, kind, path, options);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  ASSERT_EQ(s->counts.rows_rejected, 0) << name;
}

// ../shared/data beside the project, or empty when absent (tests then skip, saying why).
inline std::string SharedData() {
  const std::filesystem::path p = ANCHORNET_SHARED_DATA;
  return std::filesystem::is_directory(p) ? p.string() : std::string();
}

#define ANCHORNET_REQUIRE_SHARED_DATA()                                                 \
  do {                                                                                  \
    if (::anchornet::testing::SharedData().empty()) {                                   \
      GTEST_SKIP() << "real data not found at " ANCHORNET_SHARED_DATA                   \
                      " (the shared/ folder beside the project); golden cases need it"; \
    }                                                                                   \
  } while (0)

}  // namespace anchornet::testing
