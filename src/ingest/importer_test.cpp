// End-to-end tests of ImportSpendFile on small files written by the test, into a real SQLite
// workspace: formats, layouts, rejects, duplicates and the summary.
#include "ingest/importer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>

#include "core/date.h"
#include "ingest/encoding.h"
#include "ingest/payee.h"

namespace anchornet::ingest {
namespace {

using core::ErrorCode;

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           (std::string("importer-") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    network_.name = "Test";
    network_.members.push_back({"m", "Member", core::Sector::kNhs, ""});
    auto store = store::Store::Open("sqlite:" + (dir_ / "w.db").string());
    ASSERT_TRUE(store.has_value());
    store_ = std::move(*store);
    ASSERT_TRUE(store_->SaveNetwork(network_, "").has_value());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  core::Result<ImportSummary> Import(const std::string& path, const ImportOptions& o = {}) {
    return ImportSpendFile(*store_, network_, "m", path, o);
  }
  std::int64_t StoredLines() { return store_->Counts().value().lines; }

  std::filesystem::path dir_;
  core::Network network_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(ImporterTest, FileWithoutHeaderIsInferredFromContent) {
  auto s = Import(Write("noheader.csv",
                        "ACME LTD,01/02/2023,12.50,Stationery\n"
                        "BETA PLC,03/02/2023,99.00,Cleaning\n"
                        "ACME LTD,04/02/2023,\"1,000.00\",Stationery\n"));
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_TRUE(s->header_inferred);
  EXPECT_EQ(s->header_line, 0);
  EXPECT_EQ(s->counts.lines_imported, 3);
  EXPECT_EQ(s->counts.total_imported, 111150);
}

TEST_F(ImporterTest, BadRowsAreRejectedAndTheRestImported) {
  auto s = Import(Write("bad.csv",
                        "Supplier,Payment Date,Amount\n"
                        "A,01/04/2024,10\n"
                        "B,31/02/2024,10\n"
                        "C,02/04/2024,TBC\n"
                        ",03/04/2024,5\n"
                        "D,,5\n"
                        "E,04/04/2024,\"5\n"
                        "F,05/04/2024,7\n"));
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.lines_imported, 2);  // A and F: the open quote swallows only its own line
  EXPECT_EQ(s->counts.rows_rejected, 5);
  EXPECT_EQ(s->rejects_by_code[ErrorCode::kBadDate], 1);
  EXPECT_EQ(s->rejects_by_code[ErrorCode::kBadAmount], 1);
  EXPECT_EQ(s->rejects_by_code[ErrorCode::kMissingPayee], 1);
  EXPECT_EQ(s->rejects_by_code[ErrorCode::kMissingDate], 1);
  EXPECT_EQ(s->rejects_by_code[ErrorCode::kUnterminatedQuote], 1);
  ASSERT_FALSE(s->first_rejects.empty());
  EXPECT_EQ(s->first_rejects[0].line, 3);
  EXPECT_EQ(s->first_rejects[0].column, 2);
  auto stored = store_->ListRejects({"m", 0, 100});
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->size(), 5u);
}

TEST_F(ImporterTest, OverlapKeepsTheLargestMultiplicity) {
  const std::string header = "Supplier,Payment Date,Amount\n";
  const std::string x = "ACME LTD,01/04/2024,10.00\n";
  ASSERT_TRUE(Import(Write("a.csv", header + x + x + "B,02/04/2024,1\n")).has_value());
  auto b = Import(Write("b.csv", header + x + x + x));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->counts.lines_duplicate, 2);
  EXPECT_EQ(b->counts.lines_imported, 1);
  auto c = Import(Write("c.csv", header + "acme  ltd,01/04/2024,10\n"));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->counts.lines_duplicate, 1);
  EXPECT_EQ(StoredLines(), 4);
}

TEST_F(ImporterTest, SameBytesTwiceChangeNothing) {
  const std::string path = Write("same.csv", "Supplier,Date,Amount\nA,01/04/2024,1\n");
  ASSERT_TRUE(Import(path).has_value());
  auto again = Import(path);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(store_->Counts().value().files, 1);
}

TEST_F(ImporterTest, DryRunStoresNothingAndPreviews) {
  ImportOptions o;
  o.dry_run = true;
  o.preview_rows = 1;
  auto s = Import(Write("dry.csv", "Supplier,Date,Amount\nA,01/04/2024,1\nB,02/04/2024,2\n"), o);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->preview.size(), 1u);
  EXPECT_EQ(s->counts.rows_read, 2);
  EXPECT_EQ(store_->Counts().value().files, 0);
}

TEST_F(ImporterTest, DosCodePageAndTotalRow) {
  auto s = Import(Write("dos.csv",
                        "Report of payments\r\n\r\nSupplier,Paid,Amount (\x9C)\r\n"
                        "Caf\x82 Ltd,05-Oct-21,\"\x9C"
                        "1,234.00\"\r\n"
                        "B,06-Oct-21,(34.00)\r\n"
                        "Total,,\"\x9C"
                        "1,200.00\"\r\n"));
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_NE(s->reader.find("850"), std::string::npos) << s->reader;
  EXPECT_EQ(s->header_line, 3);
  EXPECT_EQ(s->counts.total_imported, 120000);
  EXPECT_EQ(s->counts.rows_skipped, 1);
  bool matched = false;
  for (const std::string& n : s->notes) matched |= n.find("matches") != std::string::npos;
  EXPECT_TRUE(matched);
  auto payees = store_->TopPayees({});
  ASSERT_TRUE(payees.has_value());
  EXPECT_EQ((*payees)[0].payee, "Caf\xC3\xA9 Ltd");
}

TEST_F(ImporterTest, Utf16FromExcelUnicodeText) {
  const std::string text = "Supplier\tDate\tAmount\r\nA\t01/04/2024\t5\r\n";
  std::string bytes = "\xFF\xFE";
  for (char c : text) {
    bytes += c;
    bytes += '\0';
  }
  auto s = Import(Write("u16.txt", bytes));
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.lines_imported, 1);
  EXPECT_EQ(s->counts.total_imported, 500);
}

TEST_F(ImporterTest, XlsxSheetByName) {
  const std::string path = (dir_ / "book.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* notes = workbook_add_worksheet(wb, "Notes");
  worksheet_write_string(notes, 0, 0, "Read me", nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Payments");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  worksheet_write_string(ws, 0, 0, "Supplier", nullptr);
  worksheet_write_string(ws, 0, 1, "Payment Date", nullptr);
  worksheet_write_string(ws, 0, 2, "Amount", nullptr);
  lxw_datetime d = {2024, 4, 2, 0, 0, 0};
  worksheet_write_string(ws, 1, 0, "ACME LTD", nullptr);
  worksheet_write_datetime(ws, 1, 1, &d, date);
  worksheet_write_number(ws, 1, 2, 1534.24, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  ImportOptions o;
  o.sheet = "Payments";
  auto s = Import(path, o);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->format, "xlsx");
  EXPECT_EQ(s->counts.total_imported, 153424);
  EXPECT_EQ(core::ToIso(*s->counts.first_paid), "2024-04-02");
  o.sheet = "Missing";
  auto missing = Import(path, o);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(ImporterTest, MappingOverridesDetection) {
  const std::string mapping = Write("map.toml",
                                    "header_line = 1\n[columns]\npayee = \"Who\"\n"
                                    "payment_date = 2\namount = \"How much\"\n");
  ImportOptions o;
  o.mapping_path = mapping;
  auto s = Import(Write("odd.csv", "Who,When,How much\nA,01/04/2024,3\n"), o);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.total_imported, 300);
  for (const ColumnAssignment& c : s->columns) EXPECT_EQ(c.how, "mapping");
}

TEST_F(ImporterTest, FileLevelProblemsFailWholeAndStoreNothing) {
  auto xls = Import(Write("old.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "junk"));
  ASSERT_FALSE(xls.has_value());
  EXPECT_EQ(xls.error().code, ErrorCode::kUnsupportedFormat);
  auto empty = Import(Write("empty.csv", ""));
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, ErrorCode::kFileEmpty);
  auto header_only = Import(Write("header.csv", "Supplier,Payment Date,Amount\n"));
  ASSERT_FALSE(header_only.has_value());
  EXPECT_EQ(header_only.error().code, ErrorCode::kFileEmpty);
  auto missing = Import((dir_ / "nope.csv").string());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kFileNotFound);
  auto unknown = ImportSpendFile(*store_, network_, "nobody", Write("x.csv", "a"));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnknownMember);
  EXPECT_EQ(store_->Counts().value().files, 0);
}

TEST_F(ImporterTest, LargeFileAcrossManyBatches) {
  std::string csv = "Supplier,Payment Date,Amount,Transaction Number\n";
  for (int i = 0; i < 20000; ++i) {
    csv += "Supplier " + std::to_string(i % 300) + ",0" + std::to_string(1 + i % 9) +
           "/05/2024,1.00,T" + std::to_string(i) + "\n";
  }
  auto s = Import(Write("big.csv", csv));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->counts.lines_imported, 20000);
  EXPECT_EQ(StoredLines(), 20000);
  EXPECT_EQ(store_->Counts().value().total, 2000000);
  EXPECT_TRUE(store_->CheckIntegrity().has_value());
}

// Review findings, kept as regressions.
TEST_F(ImporterTest, UnclosedQuoteCostsOnlyItsOwnRow) {
  auto s = Import(Write("q.csv",
                        "Date,Supplier,Amount\n"
                        "01/05/2023,Acme,10.00\n"
                        "02/05/2023,\"Broken Ltd,20.00\n"
                        "03/05/2023,Good One,30.00\n"
                        "04/05/2023,Good Two,40.00\n"
                        "05/05/2023,Good Three,50.00\n"
                        "06/05/2023,Later,\"1,000.00\"\n"
                        "07/05/2023,Last,70.00\n"));
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.lines_imported, 6);
  EXPECT_EQ(s->counts.rows_rejected, 1);
  EXPECT_EQ(s->rejects_by_code[ErrorCode::kUnterminatedQuote], 1);
  EXPECT_EQ(s->counts.total_imported, 120000);
  ASSERT_EQ(s->first_rejects.size(), 1u);
  EXPECT_EQ(s->first_rejects[0].line, 3);
}

TEST_F(ImporterTest, RowWiderThanHeaderIsRejectedNotShifted) {
  auto s = Import(Write("wide.csv",
                        "Date,Supplier,Amount,Description\n"
                        "01/05/2023,Acme Ltd,10.00,Paper,,\n"
                        "02/05/2023,Beta Ltd,1,234.00,Repairs\n"));
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.lines_imported, 1);  // trailing empty cells are fine
  EXPECT_EQ(s->rejects_by_code[ErrorCode::kRaggedRow], 1);
  EXPECT_EQ(s->first_rejects[0].column, 5);
}

TEST_F(ImporterTest, AmbiguousDateOrderFailsTheFileRatherThanMisdating) {
  std::string csv = "Date,Supplier,Amount\n";
  for (int i = 0; i < 250; ++i) csv += "04/0" + std::to_string(1 + i % 9) + "/2023,A,1.00\n";
  csv += "04/13/2023,B,2.00\n";
  auto s = Import(Write("order.csv", csv));
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kBadDate);
  EXPECT_EQ(s.error().where.line, 252);
  EXPECT_EQ(store_->Counts().value().lines, 0);
  // With the order given, the same file imports.
  ImportOptions o;
  o.mapping_path = Write("mdy.toml", "date_order = \"mdy\"\n");
  auto given = Import(Write("order2.csv", csv), o);
  ASSERT_TRUE(given.has_value()) << given.error().ToString();
  EXPECT_EQ(given->counts.lines_imported, 251);
}

TEST_F(ImporterTest, SupplierCalledTotalIsNotATotalRow) {
  auto s = Import(Write("total.csv",
                        "Supplier,Payment Date,Amount\n"
                        "Total Gas & Power Ltd,,500.00\n"
                        "Total Gas & Power Ltd,01/05/2023,30.00\n"
                        "A,01/05/2023,-\n"));
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.lines_imported, 1);
  EXPECT_EQ(s->counts.rows_skipped, 0);
  EXPECT_EQ(s->rejects_by_code[ErrorCode::kMissingDate], 1);
  EXPECT_EQ(s->rejects_by_code[ErrorCode::kMissingAmount], 1);
}

// Files over 8 MiB are hashed on another thread while they are read; the result must be the
// same as for a small file: the right hash, and "already imported" the second time.
TEST_F(ImporterTest, LargeFileIsHashedWhileRead) {
  std::string csv = "Supplier,Payment Date,Amount,Transaction Number,Description\n";
  const std::string padding(60, 'x');
  for (int i = 0; csv.size() < (9u << 20); ++i) {
    csv += "Supplier " + std::to_string(i % 500) + ",1" + std::to_string(i % 10) +
           "/06/2024,2.00,T" + std::to_string(i) + "," + padding + "\n";
  }
  const std::string path = Write("large.csv", csv);
  auto s = Import(path);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  auto probe = ProbeFile(path);
  ASSERT_TRUE(probe.has_value());
  EXPECT_EQ(s->content_hash, probe->content_hash);
  EXPECT_EQ(s->bytes, static_cast<std::int64_t>(csv.size()));
  auto found = store_->FindImportedFile("m", probe->content_hash);
  ASSERT_TRUE(found.has_value() && found->has_value());
  auto again = Import(path);
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(StoredLines(), s->counts.lines_imported);
  EXPECT_EQ(store_->Counts().value().files, 1);
}

// A large file whose first megabyte is plain ASCII but which has Windows-1252 bytes further on
// is read again with the right encoding before anything is committed.
TEST_F(ImporterTest, LargeFileEncodingGuessIsChecked) {
  std::string csv = "Supplier,Payment Date,Amount,Description\n";
  const std::string padding(70, 'y');
  for (int i = 0; csv.size() < (9u << 20); ++i) {
    csv += "Supplier " + std::to_string(i % 500) + ",01/07/2024,1.00," + padding + "\n";
  }
  csv += "Caf\xE9 \xA3 Ltd,02/07/2024,5.00,last\n";
  auto s = Import(Write("late1252.csv", csv));
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_NE(s->reader.find("Windows-1252"), std::string::npos) << s->reader;
  auto payees = store_->TopPayees({"m", std::nullopt, std::nullopt, 1000});
  ASSERT_TRUE(payees.has_value());
  bool found = false;
  for (const auto& p : *payees) found |= p.payee == "Caf\xC3\xA9 \xC2\xA3 Ltd";
  EXPECT_TRUE(found);
  EXPECT_EQ(store_->Counts().value().files, 1);
}

// ---- Issue 12: a header sorted to the last line, and the payee judged by how names behave.

// One payment row of a council export: service area, description, supplier, date, amount.
std::string SortedExportRow(int i) {
  static const char* const kRows[][3] = {
      {"ENVIRONMENTAL SERVICES", "Agency costs", "Hays Specialist Recruitment Ltd"},
      {"ENVIRONMENTAL SERVICES", "bumper cover", "Halfords Autocentres"},
      {"CORPORATE SERVICES", "advert in trade press", "Redactive Media Ltd"},
      {"REGENERATION", "Agency costs", "Reed Specialist Recruitment Limited"},
      {"REGENERATION", "hire of hall", "Accrington Town Hall Trust"},
  };
  const auto& r = kRows[i % 5];
  return fmt::format("{},{},{},{:02}/04/2024,{}.00\n", r[0], r[1], r[2], 1 + i % 28, 100 + i);
}

constexpr const char* kSortedExportHeader =
    "Service Area,Description,Supplier Name,Payment Date,Amount\n";

TEST_F(ImporterTest, HeaderSortedToTheLastLineIsTheHeaderNotData) {
  std::string csv;
  for (int i = 0; i < 9; ++i) {
    csv += i == 3 ? "REGENERATION,Agency costs,Reed Ltd,04/04/2024,n/k\n" : SortedExportRow(i);
  }
  csv += kSortedExportHeader;
  const std::string path = Write("sorted.csv", csv);

  ImportOptions dry;
  dry.dry_run = true;
  auto preview = Import(path, dry);
  ASSERT_TRUE(preview.has_value()) << preview.error().ToString();
  EXPECT_EQ(preview->header_line, 10);
  EXPECT_FALSE(preview->header_inferred);
  EXPECT_TRUE(preview->payee_scores.empty());  // the header names the payee
  ASSERT_EQ(preview->preview.size(), 8u);
  EXPECT_EQ(preview->preview[0].payee, "Hays Specialist Recruitment Ltd");
  EXPECT_EQ(preview->preview[0].description, "Agency costs");
  EXPECT_EQ(preview->preview[2].payee, "Redactive Media Ltd");
  EXPECT_EQ(preview->preview[2].payee_kind, core::PayeeKind::kOrganisation);

  auto s = Import(path);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.rows_read, 9);  // the header is not a row read
  EXPECT_EQ(s->counts.rows_skipped, 0);
  EXPECT_EQ(s->counts.lines_imported, 8);
  EXPECT_EQ(s->counts.rows_rejected, 1);
  ASSERT_EQ(s->first_rejects.size(), 1u);
  EXPECT_EQ(s->first_rejects[0].line, 4);  // the file's own line number
  EXPECT_EQ(s->first_rejects[0].column, 5);
  EXPECT_EQ(s->first_rejects[0].code, ErrorCode::kBadAmount);
  EXPECT_EQ(StoredLines(), 8);
}

TEST_F(ImporterTest, HeaderSortedToTheLastLineOfALongFile) {
  // Longer than the rows read for detection: the header is found by reading to the end.
  std::string csv;
  for (int i = 0; i < 700; ++i) csv += SortedExportRow(i);
  csv += kSortedExportHeader;
  csv += "\n\n";
  const std::string path = Write("long_sorted.csv", csv);
  ImportOptions dry;
  dry.dry_run = true;
  dry.preview_rows = 3;
  auto preview = Import(path, dry);
  ASSERT_TRUE(preview.has_value()) << preview.error().ToString();
  EXPECT_EQ(preview->header_line, 701);
  ASSERT_EQ(preview->preview.size(), 3u);
  EXPECT_EQ(preview->preview[2].payee, "Redactive Media Ltd");
  auto s = Import(path);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.rows_read, 700);
  EXPECT_EQ(s->counts.lines_imported, 700);
  EXPECT_EQ(s->counts.rows_rejected, 0);
  EXPECT_EQ(s->counts.total_imported, (700 * 100 + 699 * 700 / 2) * 100);
}

TEST_F(ImporterTest, XlsxHeaderOnTheLastSheetRow) {
  const std::string path = (dir_ / "sorted.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Payments");
  const char* const kPayees[] = {"Redactive Media Ltd", "Halfords Autocentres",
                                 "Redactive Media Ltd"};
  const char* const kDescriptions[] = {"advert in trade press", "bumper cover", "Agency costs"};
  for (lxw_row_t r = 0; r < 3; ++r) {
    worksheet_write_string(ws, r, 0, kDescriptions[r], nullptr);
    worksheet_write_string(ws, r, 1, kPayees[r], nullptr);
    worksheet_write_string(ws, r, 2, fmt::format("0{}/05/2024", r + 1).c_str(), nullptr);
    worksheet_write_number(ws, r, 3, 10.5 * (r + 1), nullptr);
  }
  worksheet_write_string(ws, 3, 0, "Description", nullptr);
  worksheet_write_string(ws, 3, 1, "Supplier", nullptr);
  worksheet_write_string(ws, 3, 2, "Payment Date", nullptr);
  worksheet_write_string(ws, 3, 3, "Amount", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  ImportOptions dry;
  dry.dry_run = true;
  auto s = Import(path, dry);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->header_line, 4);
  ASSERT_EQ(s->preview.size(), 3u);
  EXPECT_EQ(s->preview[0].payee, "Redactive Media Ltd");
  EXPECT_EQ(s->preview[1].payee, "Halfords Autocentres");
  EXPECT_EQ(s->counts.total_imported, 6300);
}

TEST_F(ImporterTest, HeaderlessFileWithAClearPayeeImportsWithItsScores) {
  std::string csv;
  for (int i = 0; i < 12; ++i) csv += SortedExportRow(i);
  auto s = Import(Write("headerless.csv", csv));
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_TRUE(s->header_inferred);
  EXPECT_EQ(s->counts.lines_imported, 12);
  ASSERT_GE(s->payee_scores.size(), 2u);
  EXPECT_EQ(s->payee_scores[0].column, 3);
  EXPECT_GE(s->payee_scores[0].score - s->payee_scores[1].score, kPayeeLeadFloor);
  EXPECT_FALSE(s->refused.has_value());
  for (const ColumnAssignment& c : s->columns) {
    if (c.role == "payee") {
      EXPECT_EQ(c.column, 3);
    }
  }
}

TEST_F(ImporterTest, HeaderlessFileWithAnAmbiguousPayeeIsRefused) {
  const std::string path = Write("ambiguous.csv",
                                 "02/04/2024,JOHN SMITH,ANNE JONES,100.00\n"
                                 "03/04/2024,MARY BROWN,ANNE JONES,200.00\n"
                                 "04/04/2024,JOHN SMITH,PETER GREEN,300.00\n"
                                 "05/04/2024,ALI KHAN,PETER GREEN,400.00\n");
  auto refused = Import(path);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kPayeeUncertain);
  EXPECT_EQ(refused.error().where.file, path);
  EXPECT_NE(refused.error().message.find("--mapping mapping.toml " + path), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("payee = 2"), std::string::npos);
  EXPECT_EQ(store_->Counts().value().files, 0);

  // A dry run shows the layout, both candidates' scores and the refusal.
  ImportOptions dry;
  dry.dry_run = true;
  auto shown = Import(path, dry);
  ASSERT_TRUE(shown.has_value()) << shown.error().ToString();
  ASSERT_TRUE(shown->refused.has_value());
  EXPECT_EQ(shown->refused->code, ErrorCode::kPayeeUncertain);
  ASSERT_EQ(shown->payee_scores.size(), 2u);
  EXPECT_EQ(shown->payee_scores[0].column, 2);
  EXPECT_EQ(shown->payee_scores[1].column, 3);

  // The mapping the message suggests settles it.
  ImportOptions mapped;
  mapped.mapping_path = Write(
      "mapping.toml", "header_line = 0\n[columns]\npayee = 3\npayment_date = 1\namount = 4\n");
  auto s = Import(path, mapped);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.lines_imported, 4);
  EXPECT_TRUE(s->payee_scores.empty());
}

}  // namespace
}  // namespace anchornet::ingest
