// libFuzzer target for the CSV reader and layout detection. Built by `make fuzz` with clang;
// crashing inputs land in fuzz/regressions/csv/ and are replayed by the fast tier.
#include <cstddef>
#include <cstdint>

#include "fuzz/csv_fuzz_body.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  anchornet::fuzz::FuzzCsv(data, size);
  return 0;
}
