// Writes a generated Companies House BasicCompanyData CSV (bench/companies_house_gen.h), for
// timing `anchornet import register companies-house FILE` by hand or with
// bench/register_bench.sh.
//
// Usage: anchornet_gen_companies_house FILE [ROWS]   (ROWS defaults to 5,500,000)
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "companies_house_gen.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s FILE [ROWS]\n", argv[0]);
    return 2;
  }
  const long long rows = argc == 3 ? std::atoll(argv[2]) : 5500000;
  if (rows <= 0) {
    std::fprintf(stderr, "ROWS must be a positive number\n");
    return 2;
  }
  FILE* f = std::fopen(argv[1], "wb");
  if (f == nullptr) {
    std::fprintf(stderr, "cannot write %s: %s\n", argv[1], std::strerror(errno));
    return 1;
  }
  anchornet::bench::CompaniesHouseGenerator gen(rows);
  std::string buf = anchornet::bench::CompaniesHouseGenerator::Header();
  for (long long i = 0; i < rows; ++i) {
    gen.AppendRow(i, buf);
    if (buf.size() > (1 << 20)) {
      std::fwrite(buf.data(), 1, buf.size(), f);
      buf.clear();
    }
  }
  std::fwrite(buf.data(), 1, buf.size(), f);
  if (std::fclose(f) != 0) {
    std::fprintf(stderr, "cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
