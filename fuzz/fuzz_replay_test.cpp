// Replays every kept fuzz input (seed corpus and crash regressions) in the fast tier, so a
// crash found once by `make fuzz` stays fixed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "fuzz/csv_fuzz_body.h"

namespace anchornet::fuzz {
namespace {

TEST(FuzzReplay, KeptCsvInputsDoNotCrash) {
  int replayed = 0;
  for (const char* dir : {"/fuzz/corpus/csv", "/fuzz/regressions/csv"}) {
    const std::filesystem::path root = std::string(ANCHORNET_SOURCE_DIR) + dir;
    if (!std::filesystem::is_directory(root)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(root)) {
      if (!entry.is_regular_file() || entry.path().filename() == ".gitkeep") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(in), {}};
      SCOPED_TRACE(entry.path().string());
      FuzzCsv(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  EXPECT_GE(replayed, 5) << "the seed corpus is missing";
}

}  // namespace
}  // namespace anchornet::fuzz
