// Tests for the streaming CSV reader: quoting, line ends, physical line numbers, unterminated
// quotes, delimiter sniffing, and a file of several MiB in Windows-1252 read across the reader's
// 1 MiB chunks.
#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace anchornet::ingest {
namespace {

using core::ErrorCode;

struct ReadRow {
  std::int64_t line = 0;
  std::vector<std::string> cells;
  ErrorCode problem = ErrorCode::kOk;
  std::int32_t problem_column = 0;
};

using Cells = std::vector<std::string>;

// Reads every row, copying the cells (the views only live until the next row).
std::vector<ReadRow> ReadAll(RowSource& source) {
  std::vector<ReadRow> rows;
  Row row;
  for (;;) {
    auto more = source.Next(row);
    EXPECT_TRUE(more.has_value()) << more.error().ToString();
    if (!more || !*more) break;
    rows.push_back(
        {row.line, Cells(row.cells.begin(), row.cells.end()), row.problem, row.problem_column});
    if (rows.size() > 1000000) {
      ADD_FAILURE() << "the reader does not stop";
      break;
    }
  }
  return rows;
}

std::vector<ReadRow> ReadString(std::string text, char delimiter = 0) {
  auto source = CsvFromString(std::move(text), delimiter);
  return ReadAll(*source);
}

std::vector<std::int64_t> Lines(const std::vector<ReadRow>& rows) {
  std::vector<std::int64_t> lines;
  for (const ReadRow& r : rows) lines.push_back(r.line);
  return lines;
}

std::vector<Cells> AllCells(const std::vector<ReadRow>& rows) {
  std::vector<Cells> out;
  for (const ReadRow& r : rows) out.push_back(r.cells);
  return out;
}

std::string TempPath(const std::string& suffix) {
  return testing::TestFilePath("csv_reader_", suffix);
}

std::string WriteFile(const std::string& suffix, const std::string& bytes) {
  return testing::WriteTestFile("csv_reader_", suffix, bytes);
}

TEST(CsvReaderTest, SimpleRows) {
  const auto rows = ReadString("Supplier,Amount\nACME LTD,12.50\nB Ltd,3\n");
  EXPECT_EQ(AllCells(rows),
            (std::vector<Cells>{{"Supplier", "Amount"}, {"ACME LTD", "12.50"}, {"B Ltd", "3"}}));
  EXPECT_EQ(Lines(rows), (std::vector<std::int64_t>{1, 2, 3}));
  for (const ReadRow& r : rows) {
    EXPECT_EQ(r.problem, ErrorCode::kOk);
    EXPECT_EQ(r.problem_column, 0);
  }
}

TEST(CsvReaderTest, EmptyInput) {
  EXPECT_TRUE(ReadString("").empty());
  EXPECT_TRUE(ReadString("", ',').empty());
}

TEST(CsvReaderTest, QuotedFieldsWithDelimitersAndDoubledQuotes) {
  const auto rows = ReadString(
      "a,b,c\n"
      "\"Smith, John\",\"1,234.00\",x\n"
      "\"He said \"\"hi\"\"\",\"\"\"\",\"\"\n");
  EXPECT_EQ(AllCells(rows),
            (std::vector<Cells>{
                {"a", "b", "c"}, {"Smith, John", "1,234.00", "x"}, {"He said \"hi\"", "\"", ""}}));
}

TEST(CsvReaderTest, QuotedLineBreaksKeepPhysicalLineNumbers) {
  const auto rows = ReadString(
      "id,note,amount\n"
      "1,\"first\nsecond\nthird\",10\n"
      "2,plain,20\n"
      "3,\"crlf\r\ninside\",30\n"
      "4,\"cr\rinside\",40\n"
      "5,last,50\n");
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[1].cells, (Cells{"1", "first\nsecond\nthird", "10"}));
  EXPECT_EQ(rows[3].cells, (Cells{"3", "crlf\r\ninside", "30"}));
  EXPECT_EQ(rows[4].cells, (Cells{"4", "cr\rinside", "40"}));
  // Row 2 spans lines 2-4, so the next row starts on line 5.
  EXPECT_EQ(Lines(rows), (std::vector<std::int64_t>{1, 2, 5, 6, 8, 10}));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsKept) {
  const auto rows = ReadString("a,b\n\"abc\"def,2\n\"x\"\"y\"z,3\n\"q\" ,4\n");
  EXPECT_EQ(AllCells(rows),
            (std::vector<Cells>{{"a", "b"}, {"abcdef", "2"}, {"x\"yz", "3"}, {"q ", "4"}}));
}

TEST(CsvReaderTest, LineEnds) {
  const std::vector<Cells> expected = {{"a", "b"}, {"1", "2"}, {"3", "4"}};
  for (const std::string text : {"a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n", "a,b\r1,2\r3,4\r",
                                 "a,b\r\n1,2\r3,4\n", "a,b\n1,2\r\n3,4"}) {
    const auto rows = ReadString(text, ',');
    EXPECT_EQ(AllCells(rows), expected) << "input: " << ::testing::PrintToString(text);
    EXPECT_EQ(Lines(rows), (std::vector<std::int64_t>{1, 2, 3}))
        << "input: " << ::testing::PrintToString(text);
  }
}

TEST(CsvReaderTest, EmptyFieldsAndTrailingDelimiter) {
  const auto rows = ReadString("a,,c\n,,\n1,2,\n", ',');
  EXPECT_EQ(AllCells(rows), (std::vector<Cells>{{"a", "", "c"}, {"", "", ""}, {"1", "2", ""}}));
}

TEST(CsvReaderTest, NoFinalNewline) {
  const auto rows = ReadString("a,b\n1,2", ',');
  EXPECT_EQ(AllCells(rows), (std::vector<Cells>{{"a", "b"}, {"1", "2"}}));
  const auto quoted = ReadString("a,b\n1,\"2\"", ',');
  EXPECT_EQ(AllCells(quoted), (std::vector<Cells>{{"a", "b"}, {"1", "2"}}));
  const auto trailing = ReadString("a,b\n1,", ',');
  EXPECT_EQ(AllCells(trailing), (std::vector<Cells>{{"a", "b"}, {"1", ""}}));
}

TEST(CsvReaderTest, BlankLineIsOneEmptyCell) {
  const auto rows = ReadString("a,b\n\n1,2\n", ',');
  EXPECT_EQ(AllCells(rows), (std::vector<Cells>{{"a", "b"}, {""}, {"1", "2"}}));
  EXPECT_EQ(Lines(rows), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST(CsvReaderTest, UnterminatedQuoteFlagsOnlyThatRow) {
  const auto rows = ReadString(
      "a,b,c\n"
      "1,2,3\n"
      "4,\"oops,5\n"
      "6,7,8\n"
      "9,10,11\n",
      ',');
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[2].problem, ErrorCode::kUnterminatedQuote);
  EXPECT_EQ(rows[2].problem_column, 2);
  EXPECT_EQ(rows[2].line, 3);
  // The quote is taken literally, up to the end of its line.
  EXPECT_EQ(rows[2].cells, (Cells{"4", "\"oops", "5"}));
  EXPECT_EQ(rows[3].cells, (Cells{"6", "7", "8"}));
  EXPECT_EQ(rows[4].cells, (Cells{"9", "10", "11"}));
  EXPECT_EQ(Lines(rows), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    EXPECT_EQ(rows[i].problem, ErrorCode::kOk) << "row " << i;
    EXPECT_EQ(rows[i].problem_column, 0) << "row " << i;
  }
}

TEST(CsvReaderTest, UnterminatedQuoteOnLastLine) {
  const auto rows = ReadString("a,b\n1,2\n3,\"x", ',');
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].problem, ErrorCode::kUnterminatedQuote);
  EXPECT_EQ(rows[2].problem_column, 2);
  EXPECT_EQ(rows[2].line, 3);
  EXPECT_EQ(rows[2].cells, (Cells{"3", "\"x"}));
}

TEST(CsvReaderTest, UnterminatedQuoteAfterMultiLineField) {
  const auto rows = ReadString("a,b\n\"x\ny\",1\n\"open,2\n3,4\n", ',');
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(Lines(rows), (std::vector<std::int64_t>{1, 2, 4, 5}));
  EXPECT_EQ(rows[2].problem, ErrorCode::kUnterminatedQuote);
  EXPECT_EQ(rows[2].problem_column, 1);
  EXPECT_EQ(rows[3].cells, (Cells{"3", "4"}));
}

TEST(CsvReaderTest, GivenDelimiter) {
  const auto rows = ReadString("a;b,c\n1;2,3\n", ';');
  EXPECT_EQ(AllCells(rows), (std::vector<Cells>{{"a", "b,c"}, {"1", "2,3"}}));
  const auto tabs = ReadString("a\tb\n1\t\"x\ty\"\n", '\t');
  EXPECT_EQ(AllCells(tabs), (std::vector<Cells>{{"a", "b"}, {"1", "x\ty"}}));
}

TEST(CsvReaderTest, SniffedDelimiterIsUsed) {
  const auto rows = ReadString("Supplier;Amount\nACME, Ltd;1,50\nB;2,00\n");
  EXPECT_EQ(AllCells(rows),
            (std::vector<Cells>{{"Supplier", "Amount"}, {"ACME, Ltd", "1,50"}, {"B", "2,00"}}));
}

TEST(SniffDelimiterTest, Candidates) {
  EXPECT_EQ(SniffDelimiter("a,b,c\n1,2,3\n4,5,6\n"), ',');
  EXPECT_EQ(SniffDelimiter("a;b;c\n1;2;3\n4;5;6\n"), ';');
  EXPECT_EQ(SniffDelimiter("a\tb\tc\n1\t2\t3\n4\t5\t6\n"), '\t');
  EXPECT_EQ(SniffDelimiter("a|b|c\n1|2|3\n4|5|6\n"), '|');
  EXPECT_EQ(SniffDelimiter("a;b;c\r\n1;2;3\r\n"), ';');
  EXPECT_EQ(SniffDelimiter("a|b\r1|2\r"), '|');
}

TEST(SniffDelimiterTest, CommasInsideQuotesDoNotCount) {
  EXPECT_EQ(SniffDelimiter("Supplier;Amount;Note\n"
                           "\"Smith, John\";\"1,234.00\";\"a, b, c\"\n"
                           "\"Jones, A\";\"5,00\";\"d, e\"\n"
                           "\"Brown, B, C\";\"7,00\";x\n"),
            ';');
}

TEST(SniffDelimiterTest, UnquotedDecimalCommasLoseToConsistentSemicolons) {
  EXPECT_EQ(SniffDelimiter("Supplier;Amount\nACME;1,234.00\nB;2,000.50\nC;12\n"), ';');
}

TEST(SniffDelimiterTest, NothingConvincingMeansComma) {
  EXPECT_EQ(SniffDelimiter(""), ',');
  EXPECT_EQ(SniffDelimiter("just one column\nof text\n"), ',');
  EXPECT_EQ(SniffDelimiter("\n\n\n"), ',');
}

TEST(DelimiterNameTest, Names) {
  EXPECT_EQ(DelimiterName('\t'), "tab");
  EXPECT_FALSE(DelimiterName(',').empty());
  EXPECT_NE(DelimiterName(','), DelimiterName(';'));
}

// --- Files -------------------------------------------------------------------------------------

core::Result<std::unique_ptr<RowSource>> Open(const std::string& path, char delimiter = 0) {
  auto probe = ProbeFile(path);
  EXPECT_TRUE(probe.has_value()) << probe.error().ToString();
  if (!probe) return tl::unexpected(probe.error());
  return OpenCsv(path, *probe, delimiter);
}

TEST(OpenCsvTest, MissingFile) {
  FileProbe probe;
  auto source = OpenCsv(TempPath(".csv"), probe);
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code, ErrorCode::kFileNotFound);
  EXPECT_FALSE(source.error().message.empty());
}

TEST(OpenCsvTest, Utf8ByteOrderMarkIsSkipped) {
  auto source = Open(WriteFile(".csv", "\xEF\xBB\xBFSupplier,Amount\r\nACME,1\r\n"));
  ASSERT_TRUE(source.has_value());
  const auto rows = ReadAll(**source);
  EXPECT_EQ(AllCells(rows), (std::vector<Cells>{{"Supplier", "Amount"}, {"ACME", "1"}}));
  EXPECT_FALSE((*source)->Describe().empty());
}

TEST(OpenCsvTest, Utf16LittleEndian) {
  const std::string text =
      "Supplier\tAmount\r\nCaf\xC3\xA9\t\xC2\xA3"
      "1\r\n";
  // The same text as UTF-16LE with a byte-order mark (all of it is below U+0100).
  std::string bytes = "\xFF\xFE";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    unsigned cp = c;
    if (c >= 0xC0) {
      cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F);
    }
    bytes += static_cast<char>(cp & 0xFF);
    bytes += static_cast<char>(cp >> 8);
  }
  auto source = Open(WriteFile(".csv", bytes));
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ(AllCells(ReadAll(**source)), (std::vector<Cells>{{"Supplier", "Amount"},
                                                             {"Caf\xC3\xA9",
                                                              "\xC2\xA3"
                                                              "1"}}));
}

TEST(OpenCsvTest, Cp850) {
  auto source = Open(WriteFile(".csv",
                               "Supplier,Amount\r\nCaf\x82,\x9C"
                               "12.50\r\n"));
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ(AllCells(ReadAll(**source)), (std::vector<Cells>{{"Supplier", "Amount"},
                                                             {"Caf\xC3\xA9",
                                                              "\xC2\xA3"
                                                              "12.50"}}));
}

// Windows-1252 to UTF-8 for the few bytes the large file uses: an oracle independent of the
// reader's own tables.
std::string Cp1252ForTest(std::string_view raw) {
  std::string out;
  for (char ch : raw) {
    switch (static_cast<unsigned char>(ch)) {
      case 0x92:
        out += "\xE2\x80\x99";
        break;
      case 0x93:
        out += "\xE2\x80\x9C";
        break;
      case 0x94:
        out += "\xE2\x80\x9D";
        break;
      case 0xA3:
        out += "\xC2\xA3";
        break;
      case 0xE9:
        out += "\xC3\xA9";
        break;
      default:
        EXPECT_LT(static_cast<unsigned char>(ch), 0x80) << "unexpected byte in test data";
        out += ch;
    }
  }
  return out;
}

// Builds a CSV file and, alongside, the rows the reader must return.
class BigFile {
 public:
  std::string bytes;
  std::vector<ReadRow> expected;

  void Header() {
    bytes += "Id,Supplier,Amount,Note\r\n";
    expected.push_back({line_, {"Id", "Supplier", "Amount", "Note"}});
    ++line_;
  }

  void Ordinary() {
    const int id = next_id_++;
    const std::string supplier = "Caf\xE9 Supplier " + std::to_string(id % 97);
    const std::string amount = "\xA3" + std::to_string(id) + ".50";
    const std::string note = id % 3 == 0 ? "has \x93quotes\x94, and commas" : "plain";
    bytes += std::to_string(id) + ",\"" + supplier + "\"," + amount + ",";
    bytes += id % 3 == 0 ? "\"" + note + "\"" : note;
    bytes += "\r\n";
    expected.push_back({line_,
                        {std::to_string(id), Cp1252ForTest(supplier), Cp1252ForTest(amount),
                         Cp1252ForTest(note)}});
    ++line_;
  }

  void OrdinaryUntil(std::size_t offset) {
    while (bytes.size() < offset) Ordinary();
  }

  // A row whose quoted note starts before a 1 MiB boundary and runs past it (and past more,
  // when `end_field_at` is far). A doubled quote is placed with its first '"' at byte
  // `doubled_quote_at` when that is non-zero. When `crlf_at` is non-zero the row's own CR LF
  // line end is placed with the CR at that byte.
  void Giant(std::size_t end_field_at, std::size_t doubled_quote_at, std::size_t crlf_at) {
    const int id = next_id_++;
    std::string head = std::to_string(id) +
                       ",Giant \x92"
                       "Supplier\x92,\xA3"
                       "1.00,\"";
    bytes += head;
    std::string value;
    std::int64_t breaks = 0;
    static const std::vector<std::pair<std::string, int>> kPieces = {
        {"Caf\xE9 text, with commas; ", 0},
        {"\x93quoted\x94 words | ", 0},
        {"line one\r\n", 1},
        {"line two\n", 1},
        {"line three\r", 1},
        {"and \"\"doubled\"\" quotes \x92 ", 0},
    };
    auto append = [&](const std::string& raw, int lines) {
      bytes += raw;
      std::string unescaped;
      for (std::size_t i = 0; i < raw.size(); ++i) {
        unescaped += raw[i];
        if (raw[i] == '"') ++i;  // raw pieces only hold doubled quotes
      }
      value += Cp1252ForTest(unescaped);
      breaks += lines;
    };
    auto fill_to = [&](std::size_t offset) {
      for (std::size_t k = 0;; ++k) {
        const auto& piece = kPieces[k % kPieces.size()];
        if (bytes.size() + piece.first.size() > offset) break;
        append(piece.first, piece.second);
      }
      while (bytes.size() < offset) append("x", 0);
    };
    if (doubled_quote_at != 0) {
      fill_to(doubled_quote_at);
      append("\"\"", 0);
    }
    const std::string tail = "\",giant";
    if (crlf_at != 0) {
      fill_to(crlf_at - tail.size());
    } else {
      fill_to(end_field_at);
    }
    bytes += tail;
    bytes += "\r\n";
    expected.push_back({line_,
                        {std::to_string(id),
                         Cp1252ForTest("Giant \x92"
                                       "Supplier\x92"),
                         Cp1252ForTest("\xA3"
                                       "1.00"),
                         value, "giant"}});
    line_ += breaks + 1;
  }

 private:
  std::int64_t line_ = 1;
  int next_id_ = 1;
};

// More than 3 MiB of Windows-1252 CSV read through the file reader: two quoted fields each longer
// than the reader's look-ahead cross its 1 MiB chunk boundaries (one with a doubled quote split
// across a boundary, one whose row-ending CR LF is split across a boundary). Every row must come
// back intact, with the physical line it starts on.
TEST(OpenCsvTest, LargeWindows1252FileAcrossChunks) {
  constexpr std::size_t kMiB = 1 << 20;
  BigFile file;
  file.Header();
  file.OrdinaryUntil(kMiB - 150 * 1024);
  const std::size_t giant1_start = file.bytes.size();
  file.Giant(2 * kMiB + 200 * 1024, /*doubled_quote_at=*/2 * kMiB - 1, /*crlf_at=*/0);
  file.OrdinaryUntil(2 * kMiB + 400 * 1024);
  const std::size_t giant2_start = file.bytes.size();
  file.Giant(0, 0, /*crlf_at=*/3 * kMiB - 1);
  file.OrdinaryUntil(3 * kMiB + 300 * 1024);
  ASSERT_LT(giant1_start, kMiB);
  ASSERT_EQ(file.bytes.substr(2 * kMiB - 1, 2), "\"\"");
  ASSERT_LT(giant2_start, 3 * kMiB - kMiB / 2);
  ASSERT_EQ(file.bytes.substr(3 * kMiB - 1, 2), "\r\n");
  ASSERT_GT(file.bytes.size(), 3 * kMiB);

  const std::string path = WriteFile(".csv", file.bytes);
  auto probe = ProbeFile(path);
  ASSERT_TRUE(probe.has_value()) << probe.error().ToString();
  EXPECT_EQ(probe->encoding, Encoding::kWindows1252);
  EXPECT_EQ(probe->bytes, static_cast<std::int64_t>(file.bytes.size()));
  auto source = OpenCsv(path, *probe);
  ASSERT_TRUE(source.has_value()) << source.error().ToString();
  const auto rows = ReadAll(**source);

  ASSERT_EQ(rows.size(), file.expected.size());
  int mismatches = 0;
  for (std::size_t i = 0; i < rows.size() && mismatches < 5; ++i) {
    const ReadRow& got = rows[i];
    const ReadRow& want = file.expected[i];
    bool same = got.line == want.line && got.cells == want.cells && got.problem == ErrorCode::kOk;
    if (!same) {
      ++mismatches;
      // Giant cells are not printed in full.
      ADD_FAILURE() << "row " << i << ": line " << got.line << " (want " << want.line << "), "
                    << got.cells.size() << " cells (want " << want.cells.size() << "), first '"
                    << (got.cells.empty() ? "" : got.cells[0].substr(0, 40)) << "'";
    }
  }
  EXPECT_EQ(mismatches, 0);
  // Spot checks that the giant rows are where they should be.
  std::size_t giants = 0;
  for (const ReadRow& r : rows) {
    if (r.cells.size() == 5 && r.cells[4] == "giant") {
      ++giants;
      EXPECT_GT(r.cells[3].size(), kMiB / 2);
    }
  }
  EXPECT_EQ(giants, 2u);
}

}  // namespace
}  // namespace anchornet::ingest
