// Tests for the XLSX reader: workbooks written by libxlsxwriter (as Excel would write them) and
// tiny hand-built containers for the paths libxlsxwriter never takes (inline strings, namespace
// prefixes, rich text, custom date formats, the 1904 date system, damaged XML).
//
// Thread-safety: each test writes its own files under the GoogleTest temporary folder.
#include "ingest/xlsx_reader.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace anchornet::ingest {
namespace {

using core::ErrorCode;

struct ReadRow {
  std::int64_t line = 0;
  std::vector<std::string> cells;
};

// A fresh path named after the running test.
std::string TempPath(const std::string& suffix) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) /
                                     (std::string("xlsx_reader_") + info->name() + suffix);
  std::filesystem::remove(path);
  return path.string();
}

// Reads every row of `sheet`, copying the cells (the views only live until the next row).
std::vector<ReadRow> ReadAll(const std::string& path, const std::string& sheet = "") {
  std::vector<ReadRow> rows;
  auto source = OpenXlsx(path, sheet);
  EXPECT_TRUE(source.has_value()) << source.error().ToString();
  if (!source) return rows;
  Row row;
  for (;;) {
    auto more = (*source)->Next(row);
    EXPECT_TRUE(more.has_value()) << more.error().ToString();
    if (!more || !*more) break;
    rows.push_back({row.line, std::vector<std::string>(row.cells.begin(), row.cells.end())});
  }
  return rows;
}

// Writes a zip container holding `parts` (name -> content).
void WriteZip(const std::string& path, const std::map<std::string, std::string>& parts) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr) << "zip_open error " << error;
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    ASSERT_NE(source, nullptr);
    if (zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      zip_discard(archive);
      FAIL() << "zip_file_add " << name;
    }
  }
  ASSERT_EQ(zip_close(archive), 0);
}

// A hand-built workbook with one sheet named "Data" stored at /xl/worksheets/sheet1.xml.
std::map<std::string, std::string> MinimalParts(const std::string& sheet_xml) {
  return {
      {"xl/workbook.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="/xl/worksheets/sheet1.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>
</Relationships>)"},
      {"xl/worksheets/sheet1.xml", sheet_xml},
  };
}

std::string SheetXml(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

// Two sheets, "Jan 2025" then "Summary", each with one string in A1.
std::string WriteTwoSheetWorkbook() {
  std::string path = TempPath(".xlsx");
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* first = workbook_add_worksheet(workbook, "Jan 2025");
  lxw_worksheet* second = workbook_add_worksheet(workbook, "Summary");
  worksheet_write_string(first, 0, 0, "first", nullptr);
  worksheet_write_string(second, 0, 0, "second", nullptr);
  EXPECT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  return path;
}

TEST(XlsxReaderTest, ListsSheetsInWorkbookOrder) {
  const std::string path = WriteTwoSheetWorkbook();
  auto sheets = ListXlsxSheets(path);
  ASSERT_TRUE(sheets.has_value()) << sheets.error().ToString();
  EXPECT_EQ(*sheets, (std::vector<std::string>{"Jan 2025", "Summary"}));
}

TEST(XlsxReaderTest, ReadsFirstSheetByDefaultAndNamedSheetOnRequest) {
  const std::string path = WriteTwoSheetWorkbook();

  auto first = OpenXlsx(path, "");
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ((*first)->Describe(), "XLSX, sheet 'Jan 2025'");
  std::vector<ReadRow> rows = ReadAll(path);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, std::vector<std::string>{"first"});

  auto second = OpenXlsx(path, "Summary");
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ((*second)->Describe(), "XLSX, sheet 'Summary'");
  rows = ReadAll(path, "Summary");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, std::vector<std::string>{"second"});

  rows = ReadAll(path, "summary");  // Excel's sheet names ignore case
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, std::vector<std::string>{"second"});
}

TEST(XlsxReaderTest, ReadsValuesGapsAndBlankRowsAsExcelWritesThem) {
  const std::string path = TempPath(".xlsx");
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Spend");
  lxw_format* date_format = workbook_add_format(workbook);
  format_set_num_format(date_format, "dd/mm/yyyy");
  lxw_format* bordered = workbook_add_format(workbook);
  format_set_border(bordered, LXW_BORDER_THIN);

  // Row 1: headers, with column D left empty.
  worksheet_write_string(sheet, 0, 0, "Supplier", nullptr);
  worksheet_write_string(sheet, 0, 1, "Amount", nullptr);
  worksheet_write_string(sheet, 0, 2, "Date", nullptr);
  worksheet_write_string(sheet, 0, 4, "Paid", nullptr);
  // Row 2: a payment.
  worksheet_write_string(sheet, 1, 0, "Smith & Sons (£ sterling)", nullptr);
  worksheet_write_number(sheet, 1, 1, 1534.24, nullptr);
  lxw_datetime paid_on = {2024, 3, 31, 0, 0, 0};
  worksheet_write_datetime(sheet, 1, 2, &paid_on, date_format);
  worksheet_write_boolean(sheet, 1, 4, 1, nullptr);
  // Row 3 is absent from the file. Row 4: another payment reusing a shared string.
  worksheet_write_string(sheet, 3, 0, "Supplier", nullptr);
  worksheet_write_number(sheet, 3, 1, 900, nullptr);
  worksheet_write_number(sheet, 3, 2, 0.1, nullptr);
  worksheet_write_boolean(sheet, 3, 4, 0, nullptr);
  // Row 5: present in the file but blank (a formatted empty cell).
  worksheet_write_blank(sheet, 4, 0, bordered);
  // Row 6: a formula with its cached value.
  worksheet_write_formula_num(sheet, 5, 1, "=B2*2", nullptr, 3068.48);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  const std::vector<ReadRow> rows = ReadAll(path);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"Supplier", "Amount", "Date", "", "Paid"}));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"Smith & Sons (£ sterling)", "1534.24",
                                                     "2024-03-31", "", "TRUE"}));
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_EQ(rows[2].cells, (std::vector<std::string>{"Supplier", "900", "0.1", "", "FALSE"}));
  EXPECT_EQ(rows[3].line, 5);
  EXPECT_EQ(rows[3].cells, std::vector<std::string>{""});
  EXPECT_EQ(rows[4].line, 6);
  EXPECT_EQ(rows[4].cells, (std::vector<std::string>{"", "3068.48"}));
}

TEST(XlsxReaderTest, StreamsManyRowsAcrossChunks) {
  const std::string path = TempPath(".xlsx");
  constexpr int kRows = 20000;
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
  for (int i = 0; i < kRows; ++i) {
    const std::string name = "Supplier " + std::to_string(i % 500);
    worksheet_write_string(sheet, static_cast<lxw_row_t>(i), 0, name.c_str(), nullptr);
    worksheet_write_number(sheet, static_cast<lxw_row_t>(i), 1, i + 0.25, nullptr);
  }
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  auto source = OpenXlsx(path, "");
  ASSERT_TRUE(source.has_value()) << source.error().ToString();
  Row row;
  std::int64_t count = 0;
  for (;;) {
    auto more = (*source)->Next(row);
    ASSERT_TRUE(more.has_value()) << more.error().ToString();
    if (!*more) break;
    ASSERT_EQ(row.line, count + 1);
    ASSERT_EQ(row.cells.size(), 2u);
    ASSERT_EQ(row.cells[0], "Supplier " + std::to_string(count % 500));
    ASSERT_EQ(row.cells[1], std::to_string(count) + ".25");
    ++count;
  }
  EXPECT_EQ(count, kRows);
  auto after_end = (*source)->Next(row);
  ASSERT_TRUE(after_end.has_value());
  EXPECT_FALSE(*after_end);
}

TEST(XlsxReaderTest, MissingFileIsFileNotFound) {
  const std::string path = TempPath(".xlsx");
  auto source = OpenXlsx(path, "");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code, ErrorCode::kFileNotFound);
  auto sheets = ListXlsxSheets(path);
  ASSERT_FALSE(sheets.has_value());
  EXPECT_EQ(sheets.error().code, ErrorCode::kFileNotFound);
}

TEST(XlsxReaderTest, NonZipFileIsUnsupportedFormat) {
  const std::string path = TempPath(".xlsx");
  std::ofstream(path) << "Supplier,Amount\nSmith,10.00\n";
  auto source = OpenXlsx(path, "");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code, ErrorCode::kUnsupportedFormat);
  EXPECT_NE(source.error().message.find(path), std::string::npos) << source.error().message;
}

TEST(XlsxReaderTest, ZipWithoutWorkbookIsUnsupportedFormat) {
  const std::string path = TempPath(".xlsx");
  WriteZip(path, {{"hello.txt", "not a workbook"}});
  auto sheets = ListXlsxSheets(path);
  ASSERT_FALSE(sheets.has_value());
  EXPECT_EQ(sheets.error().code, ErrorCode::kUnsupportedFormat);
  EXPECT_NE(sheets.error().message.find("xl/workbook.xml"), std::string::npos);
}

TEST(XlsxReaderTest, UnknownSheetIsNotFoundAndListsTheSheets) {
  const std::string path = WriteTwoSheetWorkbook();
  auto source = OpenXlsx(path, "Feb 2025");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code, ErrorCode::kNotFound);
  EXPECT_NE(source.error().message.find("'Jan 2025', 'Summary'"), std::string::npos)
      << source.error().message;
}

TEST(XlsxReaderTest, ReadsInlineStringsAndPrefixedNamespaces) {
  const std::string path = TempPath(".xlsx");
  std::map<std::string, std::string> parts = MinimalParts(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Caf&#233; &amp; Co</x:t></x:is></x:c>)"
      R"(<x:c r="C2" t="inlineStr"><x:is><x:r><x:rPr><x:b/></x:rPr><x:t>Bold</x:t></x:r>)"
      R"(<x:r><x:t xml:space="preserve"> and plain</x:t></x:r></x:is></x:c></x:row>
<x:row><x:c><x:v>1534.2400000000001</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c>)"
      R"(<x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:f>A2&amp;"!"</x:f><x:v>Caf!</x:v></x:c>)"
      R"(<x:c t="d"><x:v>2024-03-31T00:00:00</x:v></x:c></x:row>
<x:row r="7"/>
</x:sheetData></x:worksheet>)");
  parts["xl/workbook.xml"] = R"(<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:sheets><x:sheet name="Data" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>)";
  WriteZip(path, parts);

  const std::vector<ReadRow> rows = ReadAll(path, "Data");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"Café & Co", "", "Bold and plain"}));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[1].cells,
            (std::vector<std::string>{"1534.24", "TRUE", "#N/A", "Caf!", "2024-03-31"}));
  EXPECT_EQ(rows[2].line, 7);
  EXPECT_TRUE(rows[2].cells.empty());
}

TEST(XlsxReaderTest, ReadsCustomDateFormatsRichSharedStringsAnd1904Dates) {
  const std::string path = TempPath(".xlsx");
  std::map<std::string, std::string> parts = MinimalParts(
      SheetXml(R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
               R"(<row r="2"><c r="A2" s="1"><v>43921</v></c><c r="B2" s="2"><v>43921</v></c>)"
               R"(<c r="C2" s="3"><v>43921</v></c><c r="D2" s="4"><v>43921</v></c>)"
               R"(<c r="E2" s="5"><v>43921.5</v></c><c r="F2" s="2"><v>100</v></c>)"
               R"(<c r="G2" s="99"><v>43921</v></c></row>)"));
  parts["xl/workbook.xml"] = R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<workbookPr date1904="1"/>
<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  parts["xl/sharedStrings.xml"] = R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
<si><t xml:space="preserve">  padded  </t></si>
<si><r><t>Ōsaka </t></r><r><rPr><i/></rPr><t>Trading</t></r>
<rPh sb="0" eb="2"><t>oosaka</t></rPh></si>
</sst>)";
  // Cell style 1: red number (not a date); 2: dd/mm/yyyy; 3: quoted "days" (not a date);
  // 4: built-in 14; 5: locale-tagged long date. The style-level xf and the differential format
  // must not count as cell formats.
  parts["xl/styles.xml"] = R"(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="4"><numFmt numFmtId="164" formatCode="[Red]0.00"/>
<numFmt numFmtId="165" formatCode="dd/mm/yyyy"/>
<numFmt numFmtId="166" formatCode="0&quot; days&quot;"/>
<numFmt numFmtId="167" formatCode="[$-809]d mmmm yyyy;@"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>
<xf numFmtId="14"/><xf numFmtId="167"/></cellXfs>
<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="yyyy"/></dxf></dxfs>
</styleSheet>)";
  WriteZip(path, parts);

  auto source = OpenXlsx(path, "");
  ASSERT_TRUE(source.has_value()) << source.error().ToString();
  EXPECT_EQ((*source)->Describe(), "XLSX, sheet 'Data', 1904 date system");
  const std::vector<ReadRow> rows = ReadAll(path);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"  padded  ", "Ōsaka Trading"}));
  // 43921 in the 1904 system is 1 April 2024; 100 is before 1960, so it stays a number.
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"43921", "2024-04-01", "43921", "2024-04-01",
                                                     "2024-04-01", "100", "43921"}));
}

TEST(XlsxReaderTest, PrintsNumbersWithFifteenSignificantDigits) {
  const std::string path = TempPath(".xlsx");
  WriteZip(path, MinimalParts(SheetXml(
                     R"(<row r="1"><c><v>0.30000000000000004</v></c><c><v>-2.5</v></c>)"
                     R"(<c><v>1E+20</v></c><c><v>123456789012345678</v></c><c><v>1.5E-12</v></c>)"
                     R"(<c><v>0.000001</v></c><c><v>-0</v></c><c><v>12.5%</v></c></row>)")));
  const std::vector<ReadRow> rows = ReadAll(path);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells,
            (std::vector<std::string>{"0.3", "-2.5", "100000000000000000000", "123456789012346000",
                                      "1.5e-12", "0.000001", "0", "12.5%"}));
}

TEST(XlsxReaderTest, DamagedSheetXmlIsUnsupportedFormatWithLineAndColumn) {
  const std::string path = TempPath(".xlsx");
  WriteZip(path, MinimalParts(SheetXml("<row r=\"1\"><c><v>1</v></c></row>\n<row><c></row>")));
  auto source = OpenXlsx(path, "");
  ASSERT_TRUE(source.has_value()) << source.error().ToString();
  Row row;
  auto first = (*source)->Next(row);  // the row before the damage still comes out
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_TRUE(*first);
  EXPECT_EQ(row.line, 1);
  auto second = (*source)->Next(row);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::kUnsupportedFormat);
  EXPECT_NE(second.error().message.find("xl/worksheets/sheet1.xml at line 3, column"),
            std::string::npos)
      << second.error().message;
  auto again = (*source)->Next(row);  // the error sticks
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kUnsupportedFormat);
}

TEST(XlsxReaderTest, SharedStringIndexOutOfRangeIsUnsupportedFormat) {
  const std::string path = TempPath(".xlsx");
  WriteZip(path, MinimalParts(SheetXml(R"(<row r="4"><c r="B4" t="s"><v>7</v></c></row>)")));
  auto source = OpenXlsx(path, "");
  ASSERT_TRUE(source.has_value()) << source.error().ToString();
  Row row;
  auto next = (*source)->Next(row);
  ASSERT_FALSE(next.has_value());
  EXPECT_EQ(next.error().code, ErrorCode::kUnsupportedFormat);
  EXPECT_NE(next.error().message.find("cell B4"), std::string::npos) << next.error().message;
}

TEST(XlsxReaderTest, SheetPartMissingIsUnsupportedFormat) {
  const std::string path = TempPath(".xlsx");
  std::map<std::string, std::string> parts = MinimalParts("");
  parts.erase("xl/worksheets/sheet1.xml");
  WriteZip(path, parts);
  auto source = OpenXlsx(path, "Data");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code, ErrorCode::kUnsupportedFormat);
}

}  // namespace
}  // namespace anchornet::ingest
