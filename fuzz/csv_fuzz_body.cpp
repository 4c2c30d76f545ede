#include "fuzz/csv_fuzz_body.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/text.h"
#include "ingest/csv_reader.h"
#include "ingest/encoding.h"
#include "ingest/layout.h"

namespace anchornet::fuzz {

void FuzzCsv(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const ingest::Encoding encoding =
      ingest::DecideEncoding(bytes, core::IsValidUtf8(bytes), 0, 0, 0);
  std::string utf8, carry;
  ingest::AppendAsUtf8(encoding, bytes, utf8, carry);
  if (encoding != ingest::Encoding::kUtf8 && !core::IsValidUtf8(utf8)) std::abort();

  auto reader = ingest::CsvFromString(utf8);
  ingest::Row row;
  std::vector<ingest::SampleRow> sample;
  std::int64_t last_line = 0;
  std::size_t rows = 0;
  for (;;) {
    auto next = reader->Next(row);
    if (!next || !*next) break;
    if (row.line < last_line || row.cells.empty()) std::abort();
    last_line = row.line;
    if (++rows > size + 2) std::abort();  // more rows than bytes: the reader is looping
    for (std::string_view cell : row.cells) {
      (void)core::ParseMoney(cell);
      (void)core::ParseDate(cell);
    }
    if (sample.size() < 60) {
      ingest::SampleRow s;
      s.line = row.line;
      s.cells.assign(row.cells.begin(), row.cells.end());
      sample.push_back(std::move(s));
    }
  }
  (void)ingest::DetectLayout(sample, nullptr);
}

}  // namespace anchornet::fuzz
