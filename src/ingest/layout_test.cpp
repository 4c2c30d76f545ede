// Tests for layout detection: finding the header row behind a preamble, roles from header
// synonyms and from cell contents, aggregates refused, day order, header normalisation, and
// mapping files.
#include "ingest/layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace anchornet::ingest {
namespace {

using core::ErrorCode;

// Sample rows numbered from line 1.
std::vector<SampleRow> Sample(const std::vector<std::vector<std::string>>& rows) {
  std::vector<SampleRow> sample;
  std::int64_t line = 1;
  for (const auto& cells : rows) sample.push_back({line++, cells});
  return sample;
}

std::string HowOf(const Layout& layout, Role role) {
  return layout.how[static_cast<std::size_t>(role)];
}

std::string TempPath(const std::string& suffix) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) /
                                     (std::string("layout_") + info->name() + suffix);
  std::filesystem::remove(path);
  return path.string();
}

std::string WriteFile(const std::string& suffix, const std::string& text) {
  const std::string path = TempPath(suffix);
  std::ofstream out(path, std::ios::binary);
  out << text;
  EXPECT_TRUE(out.good());
  return path;
}

std::size_t CountLines(const std::string& s) {
  if (s.empty()) return 0;
  std::size_t n = 1;
  for (char c : s) n += c == '\n';
  return n;
}

// A Lambeth-style file: nine lines of preamble, then the header on line 10.
std::vector<SampleRow> LambethSample() {
  return Sample({
      {"London Borough of Lambeth", "", "", "", "", ""},
      {"Payments to suppliers over \xC2\xA3"
       "500"},
      {""},
      {"Period: April 2013", "", "", "", "", ""},
      {"Published under the Local Government Transparency Code"},
      {""},
      {"Amounts exclude recoverable VAT"},
      {"", "", "", "", "", ""},
      {"Contact: transparency@example.gov.uk"},
      {"Body", "Department", "Supplier Name", "Invoice Creation Date", "Invoice Nett Amount",
       "Subj Description"},
      {"Lambeth", "Children's Services", "ACME LTD", "25/04/2013", "1,534.24", "Stationery"},
      {"Lambeth", "Housing", "BUILDERS PLC", "26/04/2013", "12,000.00", "Repairs"},
      {"Lambeth", "Housing", "ACME LTD", "29/04/2013", "900", "Stationery"},
      {"Lambeth", "Adult Social Care", "CARE HOMES LTD", "30/04/2013", "45,200.10",
       "Residential care"},
  });
}

TEST(DetectLayoutTest, LambethPreambleAndHeader) {
  const auto sample = LambethSample();
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_EQ(layout->header_line, 10);
  EXPECT_EQ(layout->data_start, 10u);
  EXPECT_FALSE(layout->inferred);
  ASSERT_EQ(layout->header.size(), 6u);
  EXPECT_EQ(layout->header[2], "Supplier Name");
  EXPECT_EQ(layout->Col(Role::kDepartment), 0);   // Body
  EXPECT_EQ(layout->Col(Role::kServiceArea), 1);  // Department
  EXPECT_EQ(layout->Col(Role::kPayee), 2);
  EXPECT_EQ(layout->Col(Role::kPaymentDate), 3);
  EXPECT_EQ(layout->Col(Role::kNetAmount), 4);
  EXPECT_EQ(layout->Col(Role::kExpenseType), 5);
  EXPECT_EQ(layout->AmountColumn(), 4);
  EXPECT_FALSE(layout->Has(Role::kAmount));
  EXPECT_FALSE(layout->Has(Role::kGrossAmount));
  EXPECT_FALSE(layout->Has(Role::kReference));
  EXPECT_EQ(layout->Col(Role::kReference), -1);
  EXPECT_EQ(HowOf(*layout, Role::kPayee), "header");
  EXPECT_EQ(HowOf(*layout, Role::kPaymentDate), "header");
  EXPECT_EQ(layout->day_order, core::DayOrder::kDayMonthYear);
}

TEST(DetectLayoutTest, HeaderlessFileInferredFromContent) {
  const auto sample = Sample({
      {"25/04/2013", "ACME LTD", "1,534.24", "Pens and paper for the office"},
      {"26/04/2013", "BUILDERS PLC", "12,000.00", "Roof repairs at depot"},
      {"26/04/2013", "ACME LTD", "35.10", "Toner cartridges"},
      {"29/04/2013", "CARE HOMES LTD", "45,200.10", "Residential placement April"},
      {"30/04/2013", "BUILDERS PLC", "800.00", "Gutter clearance"},
      {"01/05/2013", "ACME LTD", "12.99", "Staples and clips"},
      {"02/05/2013", "CARE HOMES LTD", "3,000.00", "Respite care week 18"},
      {"03/05/2013", "TAXI CO", "56.00", "School transport run"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_TRUE(layout->inferred);
  EXPECT_EQ(layout->header_line, 0);
  EXPECT_EQ(layout->data_start, 0u);
  EXPECT_TRUE(layout->header.empty());
  EXPECT_EQ(layout->Col(Role::kPaymentDate), 0);
  EXPECT_EQ(layout->Col(Role::kPayee), 1);
  EXPECT_EQ(layout->AmountColumn(), 2);
  EXPECT_EQ(HowOf(*layout, Role::kPaymentDate), "content");
  EXPECT_EQ(HowOf(*layout, Role::kPayee), "content");
  EXPECT_FALSE(layout->notes.empty());
}

TEST(DetectLayoutTest, HeaderlessFileAfterBlankLines) {
  const auto sample = Sample({
      {""},
      {"", ""},
      {"25/04/2013", "ACME LTD", "1,534.24"},
      {"26/04/2013", "BUILDERS PLC", "12,000.00"},
      {"26/04/2013", "ACME LTD", "35.10"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_TRUE(layout->inferred);
  EXPECT_EQ(layout->data_start, 2u);
  EXPECT_EQ(layout->Col(Role::kPaymentDate), 0);
  EXPECT_EQ(layout->Col(Role::kPayee), 1);
  EXPECT_EQ(layout->AmountColumn(), 2);
}

TEST(DetectLayoutTest, ExcelSerialDateColumnFoundByContent) {
  const auto sample = Sample({
      {"Posted", "Supplier", "Amount"},
      {"43658", "ACME LTD", "1,534.24"},
      {"43659", "BUILDERS PLC", "12,000.00"},
      {"43659", "ACME LTD", "35.10"},
      {"43662", "CARE HOMES LTD", "45,200.10"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_EQ(layout->header_line, 1);
  EXPECT_EQ(layout->Col(Role::kPaymentDate), 0);
  EXPECT_EQ(HowOf(*layout, Role::kPaymentDate), "content");
  EXPECT_EQ(layout->Col(Role::kPayee), 1);
  EXPECT_EQ(layout->Col(Role::kAmount), 2);
  EXPECT_EQ(HowOf(*layout, Role::kAmount), "header");
}

TEST(DetectLayoutTest, PerSupplierTotalsAreNotPaymentLines) {
  const auto sample = Sample({
      {"Supplier Name", "Sum of Invoice Nett Amount"},
      {"ACME LTD", "12,345.67"},
      {"BUILDERS PLC", "250,000.00"},
      {"CARE HOMES LTD", "1,200,000.00"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_FALSE(layout.has_value());
  EXPECT_EQ(layout.error().code, ErrorCode::kNotPaymentLines);
  EXPECT_FALSE(layout.error().message.empty());
}

TEST(DetectLayoutTest, DescriptionOnlyHasNoHeaderMatch) {
  const auto sample = Sample({
      {"Description"},
      {"Stationery for the office"},
      {"Roof repairs at the depot"},
      {"Residential care placement"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_FALSE(layout.has_value());
  EXPECT_EQ(layout.error().code, ErrorCode::kNoHeaderMatch);
  EXPECT_FALSE(layout.error().message.empty());
}

TEST(DetectLayoutTest, MissingAmountHasNoHeaderMatch) {
  const auto sample = Sample({
      {"Payment Date", "Supplier", "Description"},
      {"25/04/2013", "ACME LTD", "Pens"},
      {"26/04/2013", "BUILDERS PLC", "Roof"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_FALSE(layout.has_value());
  EXPECT_EQ(layout.error().code, ErrorCode::kNoHeaderMatch);
}

TEST(DetectLayoutTest, EmptySampleHasNoHeaderMatch) {
  auto layout = DetectLayout({}, nullptr);
  ASSERT_FALSE(layout.has_value());
  EXPECT_EQ(layout.error().code, ErrorCode::kNoHeaderMatch);
}

TEST(DetectLayoutTest, MonthFirstDatesDetected) {
  const auto sample = Sample({
      {"Date", "Supplier", "Amount"},
      {"12/25/2023", "ACME LTD", "100.00"},
      {"01/15/2024", "BUILDERS PLC", "200.00"},
      {"03/04/2024", "ACME LTD", "300.00"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_EQ(layout->day_order, core::DayOrder::kMonthDayYear);
  EXPECT_EQ(layout->Col(Role::kPaymentDate), 0);
  EXPECT_FALSE(layout->notes.empty());
}

TEST(DetectLayoutTest, DayFirstDatesStayDayFirst) {
  const auto sample = Sample({
      {"Date", "Supplier", "Amount"},
      {"25/12/2023", "ACME LTD", "100.00"},
      {"03/04/2024", "BUILDERS PLC", "200.00"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_EQ(layout->day_order, core::DayOrder::kDayMonthYear);
}

TEST(DetectLayoutTest, GrossAndVatColumns) {
  const auto sample = Sample({
      {"Payment Date", "Supplier", "Gross Amount", "VAT", "Invoice Number"},
      {"25/04/2013", "ACME LTD", "120.00", "20.00", "INV-1"},
      {"26/04/2013", "BUILDERS PLC", "240.00", "40.00", "INV-2"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_EQ(layout->Col(Role::kGrossAmount), 2);
  EXPECT_EQ(layout->Col(Role::kVat), 3);
  EXPECT_EQ(layout->Col(Role::kReference), 4);
  EXPECT_EQ(layout->AmountColumn(), 2);
  EXPECT_FALSE(layout->notes.empty());
}

TEST(DetectLayoutTest, DateHeaderOverNonDatesIsIgnored) {
  // "Date" heads a column of words; the real dates are found by content.
  const auto sample = Sample({
      {"Date", "Supplier", "Amount", "When"},
      {"pending", "ACME LTD", "100.00", "25/04/2013"},
      {"pending", "BUILDERS PLC", "200.00", "26/04/2013"},
      {"done", "ACME LTD", "300.00", "27/04/2013"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_EQ(layout->Col(Role::kPaymentDate), 3);
  EXPECT_EQ(HowOf(*layout, Role::kPaymentDate), "content");
  EXPECT_FALSE(layout->notes.empty());
}

// A council file exported sorted by a column: the header row sorted to the bottom. Its
// description column ("Agency costs", "bumper cover") is the kind a content guess used to take
// for the payee.
std::vector<std::vector<std::string>> SortedExportRows() {
  return {
      {"ENVIRONMENTAL SERVICES", "Agency costs", "Hays Specialist Recruitment Ltd", "02/04/2024",
       "1,452.08"},
      {"ENVIRONMENTAL SERVICES", "bumper cover", "Halfords Autocentres", "03/04/2024", "89.99"},
      {"CORPORATE SERVICES", "Agency costs", "Hays Specialist Recruitment Ltd", "05/04/2024",
       "1,210.00"},
      {"CORPORATE SERVICES", "advert in trade press", "Redactive Media Ltd", "08/04/2024",
       "640.00"},
      {"REGENERATION", "Agency costs", "Reed Specialist Recruitment Limited", "09/04/2024",
       "980.50"},
      {"ENVIRONMENTAL SERVICES", "bumper cover", "Halfords Autocentres", "11/04/2024", "45.00"},
      {"REGENERATION", "hire of hall", "Accrington Town Hall Trust", "15/04/2024", "300.00"},
      {"CORPORATE SERVICES", "advert in trade press", "Redactive Media Ltd", "22/04/2024",
       "1,100.00"},
      {"REGENERATION", "Agency costs", "Hays Specialist Recruitment Ltd", "26/04/2024", "1,452.08"},
  };
}

const std::vector<std::string> kSortedExportHeader = {"Service Area", "Description",
                                                      "Supplier Name", "Payment Date", "Amount"};

TEST(DetectLayoutTest, HeaderSortedToTheLastRow) {
  auto rows = SortedExportRows();
  rows.push_back(kSortedExportHeader);
  rows.push_back({"", "", ""});  // trailing blank rows do not hide it
  const auto sample = Sample(rows);
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_FALSE(layout->inferred);
  EXPECT_TRUE(layout->header_at_end);
  EXPECT_EQ(layout->header_line, 10);
  EXPECT_EQ(layout->data_start, 0u);
  EXPECT_EQ(layout->data_end, 9u);
  EXPECT_EQ(layout->Col(Role::kPayee), 2);
  EXPECT_EQ(HowOf(*layout, Role::kPayee), "header");
  EXPECT_EQ(layout->Col(Role::kDescription), 1);
  EXPECT_EQ(layout->Col(Role::kPaymentDate), 3);
  EXPECT_EQ(layout->AmountColumn(), 4);
  EXPECT_TRUE(layout->payee_candidates.empty());
  EXPECT_FALSE(layout->notes.empty());
}

TEST(DetectLayoutTest, HeaderSortedToTheEndBeyondTheSample) {
  // The sample is the file's first rows; the reader found the header as the file's last row.
  const auto sample = Sample(SortedExportRows());
  SampleEnd end;
  end.whole_file = false;
  end.last_row = SampleRow{5000, kSortedExportHeader};
  auto layout = DetectLayout(sample, nullptr, &end);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_TRUE(layout->header_at_end);
  EXPECT_EQ(layout->header_line, 5000);
  EXPECT_EQ(layout->data_start, 0u);
  EXPECT_EQ(layout->data_end, sample.size());
  EXPECT_EQ(layout->Col(Role::kPayee), 2);

  // A mapping may name that line too.
  Mapping mapping;
  mapping.header_line = 5000;
  auto mapped = DetectLayout(sample, &mapping, &end);
  ASSERT_TRUE(mapped.has_value()) << mapped.error().ToString();
  EXPECT_TRUE(mapped->header_at_end);
  EXPECT_EQ(mapped->Col(Role::kPayee), 2);
}

TEST(DetectLayoutTest, HeaderAtTheTopIsNotTakenFromTheEnd) {
  auto rows = SortedExportRows();
  rows.insert(rows.begin(), kSortedExportHeader);
  rows.push_back(kSortedExportHeader);  // a repeat at the end is a repeat, not the header
  auto layout = DetectLayout(Sample(rows), nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_FALSE(layout->header_at_end);
  EXPECT_EQ(layout->header_line, 1);
  EXPECT_EQ(layout->data_start, 1u);
  EXPECT_EQ(layout->data_end, rows.size());
}

TEST(DetectLayoutTest, InferredPayeeIsTheColumnOfNamesNotOfDescriptions) {
  // The same file without its header: names of organisations beat free-text descriptions.
  const auto sample = Sample(SortedExportRows());
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_TRUE(layout->inferred);
  EXPECT_EQ(layout->Col(Role::kPayee), 2);
  EXPECT_EQ(HowOf(*layout, Role::kPayee), "content");
  EXPECT_FALSE(layout->payee_uncertain);
  // Every candidate is kept with its score, best first.
  ASSERT_EQ(layout->payee_candidates.size(), 3u);
  EXPECT_EQ(layout->payee_candidates[0].column, 2);
  EXPECT_EQ(layout->payee_candidates[0].example, "Hays Specialist Recruitment Ltd");
  EXPECT_GE(layout->payee_candidates[0].score.score, kPayeeScoreFloor);
  EXPECT_GE(layout->payee_candidates[0].score.score - layout->payee_candidates[1].score.score,
            kPayeeLeadFloor);
  const auto description =
      std::find_if(layout->payee_candidates.begin(), layout->payee_candidates.end(),
                   [](const PayeeCandidate& c) { return c.column == 1; });
  ASSERT_NE(description, layout->payee_candidates.end());
  EXPECT_EQ(description->example, "Agency costs");
  EXPECT_LT(description->score.name_case, 0.5);
}

TEST(DetectLayoutTest, TwoColumnsOfBareNamesMakeAnUncertainPayee) {
  // Nothing tells the payee from the budget holder: the guess is weak and marked so.
  const auto sample = Sample({
      {"02/04/2024", "JOHN SMITH", "ANNE JONES", "100.00"},
      {"03/04/2024", "MARY BROWN", "ANNE JONES", "200.00"},
      {"04/04/2024", "JOHN SMITH", "PETER GREEN", "300.00"},
      {"05/04/2024", "ALI KHAN", "PETER GREEN", "400.00"},
      {"08/04/2024", "MARY BROWN", "ANNE JONES", "500.00"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_TRUE(layout->payee_uncertain);
  ASSERT_EQ(layout->payee_candidates.size(), 2u);
  EXPECT_LT(layout->payee_candidates[0].score.score - layout->payee_candidates[1].score.score,
            kPayeeLeadFloor);
}

TEST(DetectLayoutTest, OneColumnOfFreeTextIsAnUncertainPayee) {
  const auto sample = Sample({
      {"02/04/2024", "repairs to the roof", "100.00"},
      {"03/04/2024", "cleaning of offices week 14", "200.00"},
      {"04/04/2024", "bumper cover", "300.00"},
  });
  auto layout = DetectLayout(sample, nullptr);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_TRUE(layout->payee_uncertain);
  ASSERT_EQ(layout->payee_candidates.size(), 1u);
  EXPECT_LT(layout->payee_candidates[0].score.score, kPayeeScoreFloor);
}

TEST(NormaliseHeaderTest, Examples) {
  EXPECT_EQ(NormaliseHeader("Net Amount(\xC2\xA3)"), "net amount");
  EXPECT_EQ(NormaliseHeader("Name:  "), "name");
  EXPECT_EQ(NormaliseHeader("AccountDescription"), "account description");
  EXPECT_EQ(NormaliseHeader("VendorID"), "vendor id");
  EXPECT_EQ(NormaliseHeader("+"), "");
  EXPECT_EQ(NormaliseHeader(""), "");
  EXPECT_EQ(NormaliseHeader("  Supplier   Name "), "supplier name");
  EXPECT_EQ(NormaliseHeader("SUPPLIER_NAME"), "supplier name");
  EXPECT_EQ(NormaliseHeader("VAT"), "vat");
  EXPECT_EQ(NormaliseHeader("Amount 2023/24"), "amount 2023 24");
  EXPECT_EQ(NormaliseHeader("\xEF\xBB\xBFSupplier"), "supplier");
}

TEST(RoleTest, NamesRoundTrip) {
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    const Role role = static_cast<Role>(i);
    EXPECT_FALSE(RoleName(role).empty());
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_EQ(RoleName(Role::kPaymentDate), "payment_date");
  EXPECT_EQ(RoleName(Role::kPayee), "payee");
  EXPECT_EQ(ParseRole("supplier"), std::nullopt);
  EXPECT_EQ(ParseRole(""), std::nullopt);
}

std::vector<SampleRow> MappingSample() {
  return Sample({
      {"Date", "Supplier", "Amount", "Trading Name", "Doc"},
      {"01/04/2024", "ACME HOLDINGS LTD", "100.00", "Acme Stationers", "D1"},
      {"02/04/2024", "BUILDERS GROUP PLC", "200.00", "Quick Roofs", "D2"},
      {"03/04/2024", "ACME HOLDINGS LTD", "300.00", "Acme Stationers", "D3"},
  });
}

TEST(DetectLayoutTest, MappingByHeaderAndColumn) {
  const auto sample = MappingSample();
  {
    auto plain = DetectLayout(sample, nullptr);
    ASSERT_TRUE(plain.has_value()) << plain.error().ToString();
    EXPECT_EQ(plain->Col(Role::kPayee), 1);
    EXPECT_FALSE(plain->Has(Role::kReference));
  }
  Mapping mapping;
  mapping.by_header[static_cast<std::size_t>(Role::kPayee)] = "trading  NAME";
  mapping.by_column[static_cast<std::size_t>(Role::kReference)] = 5;
  auto layout = DetectLayout(sample, &mapping);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_EQ(layout->Col(Role::kPayee), 3);
  EXPECT_EQ(HowOf(*layout, Role::kPayee), "mapping");
  EXPECT_EQ(layout->Col(Role::kReference), 4);
  EXPECT_EQ(HowOf(*layout, Role::kReference), "mapping");
  EXPECT_EQ(layout->Col(Role::kPaymentDate), 0);
  EXPECT_EQ(HowOf(*layout, Role::kPaymentDate), "header");
  EXPECT_EQ(layout->Col(Role::kAmount), 2);
}

TEST(DetectLayoutTest, MappingColumnWinsOverHeaderSynonym) {
  Mapping mapping;
  mapping.by_column[static_cast<std::size_t>(Role::kPaymentDate)] = 1;
  mapping.by_column[static_cast<std::size_t>(Role::kPayee)] = 4;
  mapping.day_order = core::DayOrder::kMonthDayYear;
  auto layout = DetectLayout(MappingSample(), &mapping);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_EQ(layout->Col(Role::kPaymentDate), 0);
  EXPECT_EQ(HowOf(*layout, Role::kPaymentDate), "mapping");
  EXPECT_EQ(layout->Col(Role::kPayee), 3);
  EXPECT_EQ(layout->day_order, core::DayOrder::kMonthDayYear);
}

TEST(DetectLayoutTest, MappingHeaderLine) {
  auto sample = LambethSample();
  Mapping mapping;
  mapping.header_line = 10;
  auto layout = DetectLayout(sample, &mapping);
  ASSERT_TRUE(layout.has_value()) << layout.error().ToString();
  EXPECT_EQ(layout->header_line, 10);
  EXPECT_EQ(layout->Col(Role::kPayee), 2);

  mapping.header_line = 99;
  auto missing = DetectLayout(sample, &mapping);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kConfigInvalid);
}

TEST(DetectLayoutTest, MappingNamingAbsentHeaderIsConfigInvalid) {
  Mapping mapping;
  mapping.by_header[static_cast<std::size_t>(Role::kPayee)] = "Vendor Name";
  auto layout = DetectLayout(MappingSample(), &mapping);
  ASSERT_FALSE(layout.has_value());
  EXPECT_EQ(layout.error().code, ErrorCode::kConfigInvalid);
  EXPECT_FALSE(layout.error().message.empty());
}

TEST(ReadMappingFileTest, AllKeys) {
  const std::string path = WriteFile(".toml",
                                     "header_line = 3\n"
                                     "date_order = \"mdy\"\n"
                                     "delimiter = \"tab\"\n"
                                     "\n"
                                     "[columns]\n"
                                     "payee = \"Trading Name\"\n"
                                     "net_amount = 7\n");
  auto mapping = ReadMappingFile(path);
  ASSERT_TRUE(mapping.has_value()) << mapping.error().ToString();
  EXPECT_EQ(mapping->header_line, 3);
  EXPECT_EQ(mapping->day_order, core::DayOrder::kMonthDayYear);
  EXPECT_EQ(mapping->delimiter, '\t');
  EXPECT_EQ(mapping->by_header[static_cast<std::size_t>(Role::kPayee)], "Trading Name");
  EXPECT_EQ(mapping->by_column[static_cast<std::size_t>(Role::kNetAmount)], 7);
  EXPECT_EQ(mapping->by_column[static_cast<std::size_t>(Role::kPayee)], 0);
  EXPECT_TRUE(mapping->by_header[static_cast<std::size_t>(Role::kNetAmount)].empty());
}

TEST(ReadMappingFileTest, EmptyFileIsAnEmptyMapping) {
  auto mapping = ReadMappingFile(WriteFile(".toml", ""));
  ASSERT_TRUE(mapping.has_value()) << mapping.error().ToString();
  EXPECT_FALSE(mapping->header_line.has_value());
  EXPECT_FALSE(mapping->day_order.has_value());
  EXPECT_EQ(mapping->delimiter, 0);
}

TEST(ReadMappingFileTest, ListsEveryProblem) {
  const std::string path = WriteFile(".toml",
                                     "header_line = 2\n"
                                     "colour = \"blue\"\n"
                                     "\n"
                                     "[columns]\n"
                                     "payee = \"Supplier\"\n"
                                     "supplier = \"Vendor\"\n");
  auto mapping = ReadMappingFile(path);
  ASSERT_FALSE(mapping.has_value());
  EXPECT_EQ(mapping.error().code, ErrorCode::kConfigInvalid);
  const std::string& message = mapping.error().message;
  EXPECT_EQ(CountLines(message), 2u) << message;
  // Each problem names where it is and the offending key.
  EXPECT_NE(message.find(path + ":2:"), std::string::npos) << message;
  EXPECT_NE(message.find("colour"), std::string::npos) << message;
  EXPECT_NE(message.find(path + ":6:"), std::string::npos) << message;
  EXPECT_NE(message.find("supplier"), std::string::npos) << message;
}

TEST(ReadMappingFileTest, BadValues) {
  const std::string path = WriteFile(".toml",
                                     "header_line = -1\n"
                                     "date_order = \"ymd\"\n"
                                     "delimiter = \":\"\n"
                                     "[columns]\n"
                                     "payee = 0\n");
  auto mapping = ReadMappingFile(path);
  ASSERT_FALSE(mapping.has_value());
  EXPECT_EQ(mapping.error().code, ErrorCode::kConfigInvalid);
  EXPECT_EQ(CountLines(mapping.error().message), 4u) << mapping.error().message;
}

TEST(ReadMappingFileTest, SyntaxError) {
  auto mapping = ReadMappingFile(WriteFile(".toml", "header_line = 2\n[columns\npayee = 1\n"));
  ASSERT_FALSE(mapping.has_value());
  EXPECT_EQ(mapping.error().code, ErrorCode::kConfigInvalid);
  EXPECT_EQ(mapping.error().where.line, 2);
  EXPECT_FALSE(mapping.error().message.empty());
}

TEST(ReadMappingFileTest, MissingFile) {
  auto mapping = ReadMappingFile(TempPath(".toml"));
  ASSERT_FALSE(mapping.has_value());
  EXPECT_EQ(mapping.error().code, ErrorCode::kFileNotFound);
}

}  // namespace
}  // namespace anchornet::ingest
