// Micro benchmarks for the import hot paths, linking the real libraries: money and date parsing,
// CSV reading, Windows-1252 transcoding, payee-name folding and the payment identity hash.
//
// Run: build/release/bench/anchornet_micro_bench --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/spend.h"
#include "core/text.h"
#include "ingest/csv_reader.h"
#include "ingest/encoding.h"
#include "ingest/payee.h"
#include "ingest/row_source.h"
#include "spend_csv_gen.h"

namespace {

using namespace anchornet;

// ---------------------------------------------------------------------------------------------
// Money.

// Roughly as often as they appear in real files: mostly plain decimals, then thousands
// separators (already unquoted by the reader), then the rarer currency and credit spellings.
const std::vector<std::string>& MoneyMix() {
  static const std::vector<std::string> mix = {
      "123.45",     "1,534.24", "900",        "45.00",      "12,345.67",   "7.5",
      "-250.00",    "2,000.00", "315.80",     "1,234,567.89", "\xC2\xA3" "1,234", "-\xC2\xA3" "12.50",
      "(1,234.00)", "1,234.00-", "12.5 CR",   "GBP 10",     "4025.1",      " 99.99 ",
      "0.01",       "56.789",   "18,000",     "640.00",     "3,210.10",    "88.12"};
  return mix;
}

void BM_ParseMoney_Mix(benchmark::State& state) {
  const auto& mix = MoneyMix();
  std::size_t i = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    const std::string& s = mix[i];
    benchmark::DoNotOptimize(core::ParseMoney(s));
    bytes += static_cast<std::int64_t>(s.size());
    if (++i == mix.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ParseMoney_Mix);

void BM_ParseMoney_Plain(benchmark::State& state) {
  const std::string s = "1234.56";
  for (auto _ : state) benchmark::DoNotOptimize(core::ParseMoney(s));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseMoney_Plain);

// ---------------------------------------------------------------------------------------------
// Dates. Arg 0: dd/mm/yyyy, 1: d Mon yyyy, 2: ISO with time, 3: Excel serial, 4: a mix.

const std::vector<std::string>& DateStrings(int kind) {
  static const std::vector<std::vector<std::string>> kinds = {
      {"01/04/2021", "15/09/2022", "31/03/2024", "07/11/2023", "28/02/2022", "09/06/2021"},
      {"1 Apr 2021", "15 Sep 2022", "31 Mar 2024", "7 Nov 2023", "28 Feb 2022", "9 June 2021"},
      {"2021-04-01", "2022-09-15T00:00:00", "2024-03-31", "2023-11-07 00:00:00", "2022-02-28",
       "2021-06-09"},
      {"44287", "44819", "45382", "45237", "44620", "44356"},
      {"01/04/2021", "15 Sep 2022", "2024-03-31", "45237", "28-Feb-22", "09.06.2021"},
  };
  return kinds[static_cast<std::size_t>(kind)];
}

void BM_ParseDate(benchmark::State& state) {
  const auto& dates = DateStrings(static_cast<int>(state.range(0)));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(core::ParseDate(dates[i]));
    if (++i == dates.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  static const char* const kLabels[] = {"dd/mm/yyyy", "d Mon yyyy", "ISO", "Excel serial", "mix"};
  state.SetLabel(kLabels[state.range(0)]);
}
BENCHMARK(BM_ParseDate)->DenseRange(0, 4);

// ---------------------------------------------------------------------------------------------
// CSV.

// A generated spend CSV of about `bytes` bytes (header included), and its data line count.
struct GeneratedCsv {
  std::string text;
  std::int64_t lines = 0;
};

const GeneratedCsv& Csv50MB() {
  static const GeneratedCsv csv = [] {
    constexpr std::size_t kTarget = 50u * 1000u * 1000u;
    constexpr std::int64_t kLinesGuess = 430000;  // ~117 bytes per line
    GeneratedCsv g;
    g.text.reserve(kTarget + 4096);
    g.text += bench::SpendCsvGenerator::kHeader;
    bench::SpendCsvGenerator gen(kLinesGuess);
    while (g.text.size() < kTarget) gen.AppendLine(g.lines++ % kLinesGuess, g.text);
    return g;
  }();
  return csv;
}

void BM_CsvFromString_50MB(benchmark::State& state) {
  const GeneratedCsv& csv = Csv50MB();
  std::int64_t rows = 0;
  std::int64_t cells = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = csv.text;
    state.ResumeTiming();
    auto source = ingest::CsvFromString(std::move(copy), ',');
    ingest::Row row;
    for (;;) {
      auto more = source->Next(row);
      if (!more) {
        state.SkipWithError(more.error().message.c_str());
        return;
      }
      if (!*more) break;
      ++rows;
      cells += static_cast<std::int64_t>(row.cells.size());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(csv.text.size()));
  state.SetItemsProcessed(rows);
  state.counters["cells/row"] = static_cast<double>(cells) / static_cast<double>(rows);
}
BENCHMARK(BM_CsvFromString_50MB)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same bytes read from a file: ProbeFile (BLAKE2b hash, encoding and line-end census over the
// whole file) and then OpenCsv, as ImportSpendFile does before any row reaches the store.
class CsvFile {
 public:
  CsvFile() {
    path_ = (std::filesystem::temp_directory_path() /
             ("anchornet_micro_bench_" + std::to_string(::getpid()) + ".csv"))
                .string();
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    if (f == nullptr) return;
    const std::string& text = Csv50MB().text;
    ok_ = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    ok_ = std::fclose(f) == 0 && ok_;
  }
  ~CsvFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }
  bool ok() const { return ok_; }

 private:
  std::string path_;
  bool ok_ = false;
};

const CsvFile& File50MB() {
  static const CsvFile file;
  return file;
}

void BM_ProbeFile_50MB(benchmark::State& state) {
  const CsvFile& file = File50MB();
  if (!file.ok()) {
    state.SkipWithError("could not write the temporary CSV");
    return;
  }
  for (auto _ : state) {
    auto probe = ingest::ProbeFile(file.path());
    if (!probe) {
      state.SkipWithError(probe.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(probe->content_hash);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(Csv50MB().text.size()));
}
BENCHMARK(BM_ProbeFile_50MB)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_OpenCsvFile_50MB(benchmark::State& state) {
  const CsvFile& file = File50MB();
  if (!file.ok()) {
    state.SkipWithError("could not write the temporary CSV");
    return;
  }
  auto probe = ingest::ProbeFile(file.path());
  if (!probe) {
    state.SkipWithError(probe.error().message.c_str());
    return;
  }
  std::int64_t rows = 0;
  for (auto _ : state) {
    auto source = ingest::OpenCsv(file.path(), *probe, ',');
    if (!source) {
      state.SkipWithError(source.error().message.c_str());
      return;
    }
    ingest::Row row;
    for (;;) {
      auto more = (*source)->Next(row);
      if (!more) {
        state.SkipWithError(more.error().message.c_str());
        return;
      }
      if (!*more) break;
      ++rows;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(Csv50MB().text.size()));
  state.SetItemsProcessed(rows);
}
BENCHMARK(BM_OpenCsvFile_50MB)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---------------------------------------------------------------------------------------------
// Transcoding: 1 MiB chunks, as the CSV reader feeds them.

std::string Windows1252Chunk() {
  // Mostly ASCII with the bytes Windows-1252 files really carry: 0xA3 pound sign, 0x92 and 0x93/
  // 0x94 smart quotes, 0x96 en dash, 0xE9 e-acute.
  std::string chunk;
  const std::string_view line =
      "London Borough of Lambeth,Children\x92s Services,Caf\xE9 Supplies \x96 Schools,"
      "\x93O\x92" "Brien & Sons\x94 Ltd,01/04/2021,40000001,\xA3" "1,234.56\r\n";
  while (chunk.size() < (1u << 20)) chunk += line;
  chunk.resize(1u << 20);
  return chunk;
}

void BM_AppendAsUtf8_Windows1252(benchmark::State& state) {
  const std::string chunk = Windows1252Chunk();
  std::string out;
  std::string carry;
  out.reserve(chunk.size() * 2);
  for (auto _ : state) {
    out.clear();
    ingest::AppendAsUtf8(ingest::Encoding::kWindows1252, chunk, out, carry);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(chunk.size()));
}
BENCHMARK(BM_AppendAsUtf8_Windows1252);

void BM_AppendAsUtf8_Utf8PassThrough(benchmark::State& state) {
  std::string chunk = Csv50MB().text.substr(0, 1u << 20);
  std::string out;
  std::string carry;
  out.reserve(chunk.size());
  for (auto _ : state) {
    out.clear();
    ingest::AppendAsUtf8(ingest::Encoding::kUtf8, chunk, out, carry);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(chunk.size()));
}
BENCHMARK(BM_AppendAsUtf8_Utf8PassThrough);

// ---------------------------------------------------------------------------------------------
// Payee names and the payment identity.

std::vector<core::SpendLine> SampleLines() {
  std::vector<core::SpendLine> lines;
  const GeneratedCsv& csv = Csv50MB();
  auto source = ingest::CsvFromString(csv.text.substr(0, 2u << 20), ',');
  ingest::Row row;
  bool header = true;
  while (lines.size() < 4096) {
    auto more = source->Next(row);
    if (!more || !*more) break;
    if (header) {
      header = false;
      continue;
    }
    if (row.cells.size() < 7) continue;
    core::SpendLine line;
    line.row = row.line;
    line.paid_on = core::ParseDate(row.cells[4]).value_or(core::Date{});
    line.amount = core::ParseMoney(row.cells[6]).pence;
    line.payee.assign(row.cells[3]);
    line.expense_type.assign(row.cells[2]);
    line.service_area.assign(row.cells[1]);
    line.reference.assign(row.cells[5]);
    lines.push_back(std::move(line));
  }
  return lines;
}

void BM_SpendLineKey(benchmark::State& state) {
  const std::vector<core::SpendLine> lines = SampleLines();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(core::SpendLineKey(lines[i]));
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SpendLineKey);

void BM_FoldForKey(benchmark::State& state) {
  const std::vector<core::SpendLine> lines = SampleLines();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(core::FoldForKey(lines[i].payee));
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FoldForKey);

void BM_IsPersonalPayee(benchmark::State& state) {
  const std::vector<core::SpendLine> lines = SampleLines();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ingest::IsPersonalPayee(lines[i].payee));
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IsPersonalPayee);

}  // namespace
