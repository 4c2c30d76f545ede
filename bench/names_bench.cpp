// Micro benchmarks for supplier name keys (core/names.h), run on every payee of every imported
// line and every register record: a mix of real spend-file spellings (typical length about 25
// characters), the pure-ASCII case alone, and names that need Unicode normalisation.
//
// Part of anchornet_micro_bench. Run:
//   build/release/bench/anchornet_micro_bench --benchmark_filter=NormaliseName
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/names.h"

namespace {

using anchornet::core::NormaliseName;

// Spellings from ../shared/data/spend (Lambeth, GLA, Hyndburn), as published.
const std::vector<std::string>& AsciiMix() {
  static const std::vector<std::string> mix = {
      "CAPITA BUSINESS SERVICES LTD",
      "Action For Children Services Ltd.",
      "AGS HEATING & PLUMBING LTD",
      "THE STAIRWAY CONSULTANCY LTD",
      "INSIGHT DIRECT (UK) LTD",
      "Blackford Education (Exmoor) Ltd t/a Libra",
      "S.R.S. CATERING LTD",
      "Department for Communities & Local Government",
      "WESSEX LIFT CO LTD",
      "Royal Mail Group Plc",
      "THE PRINCE'S TRUST",
      "LANCASHIRE COUNTY COUNCIL",
      "Veolia ES (UK) Ltd",
      "DELOITTE & TOUCHE LLP",
      "HYNDBURN LEISURE",
      "TOPAZ Social Work Community Interest Company",
  };
  return mix;
}

// Names that take the Unicode path (accents, curly apostrophes, a stray "†").
const std::vector<std::string>& UnicodeMix() {
  static const std::vector<std::string> mix = {
      "LORNA\xE2\x80\x99S SNACKS LIMITED",
      "K\xC3\x9C\xC3\x87\xC3\x9CK \xC3\x96ZMEN CARPENTER LIMITED",
      "CAMPO-DI-MONT\xC3\x89 PROPERTIES LTD",
      "NPS Property\xE2\x80\xA0 Consultants Ltd",
  };
  return mix;
}

void Run(benchmark::State& state, const std::vector<std::string>& names) {
  std::size_t i = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    const std::string& name = names[i];
    benchmark::DoNotOptimize(NormaliseName(name));
    bytes += static_cast<std::int64_t>(name.size());
    if (++i == names.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
}

void BM_NormaliseName_AsciiMix(benchmark::State& state) { Run(state, AsciiMix()); }
BENCHMARK(BM_NormaliseName_AsciiMix);

void BM_NormaliseName_Typical(benchmark::State& state) {
  Run(state, {"Capita Business Services Ltd"});
}
BENCHMARK(BM_NormaliseName_Typical);

void BM_NormaliseName_UnicodeMix(benchmark::State& state) { Run(state, UnicodeMix()); }
BENCHMARK(BM_NormaliseName_UnicodeMix);

}  // namespace
