// Reference files for rendered output (ClickHouse's `.reference` habit): a test renders a whole
// HTML / Markdown / CSV output and compares it with a checked-in file. With
// ANCHORNET_UPDATE_REFERENCE=1 in the environment the file is rewritten instead (and the test
// says so), to be reviewed in the diff; see tests/README.md.
//
// Thread-safety: touches the file system; one test at a time per reference file.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

namespace anchornet::testing {

// True when ANCHORNET_UPDATE_REFERENCE is set to "1".
inline bool UpdatingReferences() {
  const char* update = std::getenv("ANCHORNET_UPDATE_REFERENCE");
  return update != nullptr && std::string_view(update) == "1";
}

// Fails (naming the first differing line) unless `actual` equals the file at `path` byte for
// byte; a missing file fails too. When updating, writes `actual` to `path` instead.
inline void ExpectMatchesReference(const std::string& actual, const std::string& path) {
  if (UpdatingReferences()) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << actual;
    out.close();
    ASSERT_TRUE(out.good()) << "could not write the reference file " << path;
    std::cout << "[ reference ] rewrote " << path << "\n";
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "no reference file " << path
                         << " (run with ANCHORNET_UPDATE_REFERENCE=1 to write it)";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string expected = buffer.str();
  if (expected == actual) return;
  std::istringstream want(expected);
  std::istringstream got(actual);
  std::string want_line;
  std::string got_line;
  int line = 0;
  while (true) {
    ++line;
    const bool more_want = static_cast<bool>(std::getline(want, want_line));
    const bool more_got = static_cast<bool>(std::getline(got, got_line));
    if (!more_want && !more_got) break;
    if (more_want != more_got || want_line != got_line) {
      ADD_FAILURE() << path << " differs at line " << line
                    << "\n  expected: " << (more_want ? want_line : "(end of file)")
                    << "\n  actual:   " << (more_got ? got_line : "(end of output)")
                    << "\nIf the change is intended, rerun with ANCHORNET_UPDATE_REFERENCE=1 and "
                       "review the diff.";
      return;
    }
  }
  ADD_FAILURE() << path << " differs (line endings or a final newline)";
}

}  // namespace anchornet::testing
