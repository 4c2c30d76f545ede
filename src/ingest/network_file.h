// Reads and checks a network definition file (network.toml). Every problem is reported at once,
// each with its line and column, so a data officer can fix the file in one pass.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/network.h"

namespace anchornet::ingest {

struct NetworkProblem {
  std::int64_t line = 0;
  std::int32_t column = 0;
  std::string message;
};

struct NetworkParse {
  core::Network network;
  std::vector<NetworkProblem> problems;  // empty when the file is valid
  std::string source;                    // the file's text
};

// Parses TOML text. `file_name` is used in messages only.
NetworkParse ParseNetworkText(std::string_view text, std::string_view file_name);

// Reads and parses a file. Errors: kFileNotFound, kFileUnreadable. A readable file with problems
// is not an error here: look at `problems`.
[[nodiscard]] core::Result<NetworkParse> ReadNetworkFile(const std::string& path);

// One error (kConfigInvalid) listing every problem as "file:line:column: message".
core::Error ProblemsToError(const std::string& file_name,
                            const std::vector<NetworkProblem>& problems);

}  // namespace anchornet::ingest
