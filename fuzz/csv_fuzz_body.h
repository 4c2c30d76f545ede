// The body of the CSV reader fuzz target, shared by the libFuzzer binary (fuzz/csv_fuzz.cpp)
// and the fast-tier replay of kept inputs (fuzz/fuzz_replay_test.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace anchornet::fuzz {

// Reads `data` as a CSV file the way an import does: transcoding, delimiter sniffing, rows,
// layout detection and cell parsing. Aborts if an invariant breaks; must never crash otherwise.
void FuzzCsv(const std::uint8_t* data, std::size_t size);

}  // namespace anchornet::fuzz
