// Tests of members' returns (ingest/returns.h, docs/returns.md): the template written and read
// back in both formats, every validation code over crafted files with its line and column,
// warnings that keep their rows, supersession, the same bytes twice, dry runs, carbon projects
// converted with DESNZ factors (a tiny factor file, and the real 2023 one when present), and
// projects claimed by two members.
#include "ingest/returns.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/text.h"
#include "ingest/csv_reader.h"
#include "ingest/internal/returns_internal.h"
#include "ingest/xlsx_reader.h"
#include "test_util.h"
#include "zip_part.h"

namespace anchornet::ingest {
namespace {

using core::ErrorCode;

// A tiny DESNZ flat file: UK electricity in total CO2e and in CO2 only, the same factor under
// managed assets (scope 3), natural gas by net and gross calorific value, and diesel.
constexpr std::string_view kFactors2023 =
    "ID,Scope,Level 1,Level 2,Level 3,Level 4,Column Text,UOM,GHG/Unit,GHG Conversion Factor 2023\n"
    "e_1,Scope 2,UK electricity,Electricity generated,Electricity: UK,kWh,,kWh,kg CO2e,"
    "0.20707428859060403\n"
    "e_2,Scope 2,UK electricity,Electricity generated,Electricity: UK,kWh,,kWh,"
    "kg CO2e of CO2 per unit,0.20496\n"
    "m_1,Scope 3,Managed assets- electricity,Electricity generated,Electricity: UK,kWh,,kWh,"
    "kg CO2e,0.20707428859060403\n"
    "g_7,Scope 1,Fuels,Gaseous fuels,Natural gas,,,kWh (Net CV),kg CO2e,0.20267141879194631\n"
    "g_6,Scope 1,Fuels,Gaseous fuels,Natural gas,,,kWh (Gross CV),kg CO2e,0.18292892617449666\n"
    "d_1,Scope 1,Fuels,Liquid fuels,Diesel (average biofuel blend),,,litres,kg CO2e,2.51279\n";

using testing::ZipPart;

std::string CsvQuote(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\r\n";
  return out;
}

std::vector<std::string> CsvCells(const std::string& line) {
  auto rows = CsvFromString(line, ',');
  Row row;
  std::vector<std::string> cells;
  if ((*rows).Next(row).value_or(false)) {
    for (std::string_view c : row.cells) cells.emplace_back(c);
  }
  return cells;
}

// Fills the figure (and note) of measure `id` in a CSV template, as a member editing it would.
std::string FillFigure(const std::string& csv, std::string_view id, const std::string& figure,
                       const std::string& note = "") {
  std::vector<std::string> lines = SplitLines(csv);
  for (std::string& line : lines) {
    if (!core::StartsWith(line, std::string(id) + ",")) continue;
    std::vector<std::string> cells = CsvCells(line);
    cells.resize(std::max<std::size_t>(cells.size(), 7));
    cells[3] = figure;
    cells[5] = note;
    line.clear();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line += ',';
      line += CsvQuote(cells[i]);
    }
  }
  return JoinLines(lines);
}

// Inserts `row` after the line starting with `after`.
std::string InsertAfter(const std::string& csv, std::string_view after, const std::string& row) {
  std::vector<std::string> lines = SplitLines(csv);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (core::StartsWith(lines[i], after)) {
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i) + 1, row);
      break;
    }
  }
  return JoinLines(lines);
}

// The template's Last year cell of measure `id` (CSV).
std::string LastYearCell(const std::string& csv, std::string_view id) {
  for (const std::string& line : SplitLines(csv)) {
    if (core::StartsWith(line, std::string(id) + ",")) return CsvCells(line).at(4);
  }
  return "<no row>";
}

std::map<std::string, std::int64_t> FigureMap(const core::MemberReturn& r) {
  std::map<std::string, std::int64_t> out;
  for (const core::ReturnFigure& f : r.figures) out[f.measure] = f.value;
  return out;
}

const store::ReturnIssue* FindIssue(const std::vector<store::ReturnIssue>& issues, ErrorCode code) {
  for (const store::ReturnIssue& i : issues) {
    if (i.reject.code == code) return &i;
  }
  return nullptr;
}

class Returns : public ::testing::Test {
 protected:
  void SetUp() override {
    network_.name = "South Bank Anchors";
    network_.members.push_back(
        {"lambeth", "London Borough of Lambeth", core::Sector::kLocalGovernment, ""});
    network_.members.push_back(
        {"gstt", "Guy's and St Thomas' NHS Foundation Trust", core::Sector::kNhs, ""});
    store_ = testing::NewStore(dir_.File("w.db"), network_);
    ASSERT_NE(store_, nullptr);
  }

  core::Result<ReturnImportSummary> Import(const std::string& path,
                                           const ReturnImportOptions& options = {}) {
    return ImportReturnsFile(*store_, network_, path, options);
  }

  // Writes `text` to DIR/name and imports it, expecting the import to succeed.
  ReturnImportSummary ImportText(const std::string& name, const std::string& text,
                                 const ReturnImportOptions& options = {}) {
    const std::string path = dir_.File(name);
    testing::WriteFile(path, text);
    auto s = Import(path, options);
    EXPECT_TRUE(s.has_value()) << s.error().ToString();
    return s ? *s : ReturnImportSummary{};
  }

  std::string BlankCsv(const std::string& member, int fy, int quarter = 0) {
    const std::string path = dir_.File(fmt::format("blank-{}-{}-{}.csv", member, fy, quarter));
    ReturnTemplateOptions o{member, fy, quarter, path};
    auto s = WriteReturnTemplate(*store_, network_, o);
    EXPECT_TRUE(s.has_value()) << s.error().ToString();
    return testing::ReadFile(path);
  }

  void ImportFactors() {
    testing::ImportRegisterText(*store_, network_, dir_, "ghg-factors", "factors-2023.csv",
                                std::string(kFactors2023));
  }

  std::vector<store::ReturnSubmission> Submissions(bool history = false) {
    store::ReturnFilter filter;
    filter.history = history;
    auto subs = store_->ListReturnSubmissions(filter);
    EXPECT_TRUE(subs.has_value());
    return subs ? *subs : std::vector<store::ReturnSubmission>{};
  }

  core::MemberReturn Load(std::int64_t id) {
    auto r = store_->LoadReturn(id);
    EXPECT_TRUE(r.has_value()) << r.error().ToString();
    return r ? *r : core::MemberReturn{};
  }

  testing::TempDir dir_;
  core::Network network_;
  std::unique_ptr<store::Store> store_;
};

// ---- The template ------------------------------------------------------------------------------

TEST_F(Returns, CsvTemplateLayout) {
  network_.synthetic = true;
  const std::string csv = BlankCsv("lambeth", 2024);
  const std::vector<std::string> lines = SplitLines(csv);
  ASSERT_GE(lines.size(), 29u);
  EXPECT_EQ(lines[0], "\xEF\xBB\xBFSouth Bank Anchors: members' return for FY 2024/25 (synthetic)");
  EXPECT_EQ(lines[1], "Member,lambeth,London Borough of Lambeth");
  EXPECT_EQ(lines[2], "Financial year,2024/25");
  EXPECT_EQ(lines[3], "Period,Year");
  EXPECT_EQ(lines[4], "");
  EXPECT_EQ(lines[5], "Measure id,Measure,Unit,Figure,Last year,Note or method,Guidance");
  // One row per measure, in catalogue order, with its unit label and a blank figure.
  const auto& measures = core::ReturnMeasures();
  for (std::size_t i = 0; i < measures.size(); ++i) {
    const std::vector<std::string> cells = CsvCells(lines[6 + i]);
    ASSERT_EQ(cells.size(), 7u) << lines[6 + i];
    EXPECT_EQ(cells[0], measures[i].id);
    EXPECT_EQ(cells[1], measures[i].label);
    EXPECT_EQ(cells[2], core::ReturnUnitLabel(measures[i].unit));
    EXPECT_EQ(cells[3], "");
    EXPECT_EQ(cells[4], "");  // no return last year
  }
  // The Real Living Wage rates in force at the end of FY 2024/25.
  EXPECT_NE(lines[6].find("London \xC2\xA3"
                          "13.85/h, UK \xC2\xA3"
                          "12.60/h (announced 22 Oct 2024)"),
            std::string::npos);
  const std::size_t after = 6 + measures.size();
  EXPECT_EQ(lines[after], "");
  EXPECT_EQ(lines[after + 1],
            "Recipient employer,Recipient is an SME,Committed (\xC2\xA3),Paid (\xC2\xA3),"
            "Apprenticeships funded,Note");
  EXPECT_TRUE(core::StartsWith(lines[after + 2], "Example: "));
  EXPECT_EQ(lines[after + 3], "");
  EXPECT_EQ(lines[after + 4],
            "Project id,Project,Kind,Activity,Unit,Activity year,Baseline activity per year,"
            "Activity per year after,Note");
  EXPECT_TRUE(core::StartsWith(lines[after + 5], "Example: "));

  // A quarterly template names the quarter; a template with nothing filled in is not a return.
  // Q3 of 2025/26 ends on 31 Dec 2025, after the October 2025 announcement.
  const std::string q3 = BlankCsv("lambeth", 2025, 3);
  EXPECT_EQ(SplitLines(q3)[3], "Period,Q3");
  EXPECT_NE(q3.find("London \xC2\xA3"
                    "14.80/h, UK \xC2\xA3"
                    "13.45/h (announced 22 Oct 2025)"),
            std::string::npos);
  // Q2 ends on 30 Sep 2025: the 2024 rates.
  EXPECT_NE(BlankCsv("lambeth", 2025, 2)
                .find("London \xC2\xA3"
                      "13.85/h"),
            std::string::npos);
  const std::string path = dir_.File("blank.csv");
  testing::WriteFile(path, csv);
  auto empty = Import(path);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, ErrorCode::kFileEmpty);
}

TEST_F(Returns, TemplateErrors) {
  ReturnTemplateOptions o{"lambeth", 2024, 0, dir_.File("t.pdf")};
  EXPECT_EQ(WriteReturnTemplate(*store_, network_, o).error().code, ErrorCode::kUsage);
  o.path = dir_.File("t.xlsx");
  o.member = "nobody";
  EXPECT_EQ(WriteReturnTemplate(*store_, network_, o).error().code, ErrorCode::kUnknownMember);
  o.member = "lambeth";
  o.financial_year = 0;
  EXPECT_EQ(WriteReturnTemplate(*store_, network_, o).error().code, ErrorCode::kUsage);
  o.financial_year = 2024;
  o.path = dir_.File("no-such-dir/t.csv");
  EXPECT_EQ(WriteReturnTemplate(*store_, network_, o).error().code, ErrorCode::kFileUnreadable);
}

TEST_F(Returns, CsvTemplateRoundTrip) {
  ImportFactors();
  std::string csv = BlankCsv("lambeth", 2024);
  csv = FillFigure(csv, "W1D", "42");
  csv = FillFigure(csv, "W2S", "12");
  csv = FillFigure(csv, "W3F",
                   "\xC2\xA3"
                   "250,000.50");
  csv = FillFigure(csv, "E1", "300");
  csv = FillFigure(csv, "E1C", "120");
  csv = FillFigure(csv, "E2D", "12.5", "Metered gas, boiler replaced in May");
  csv = InsertAfter(csv, "Example: Brixton", "Kennington Care Ltd,yes,20000,15000.25,3,");
  csv = InsertAfter(csv, "Example: RIV",
                    "LAM-LED-1,Town hall LEDs,retrofit,Electricity generated UK electricity kWh,"
                    "kWh,2023,\"100,000\",60000,metered");
  auto s = ImportText("lambeth-2024.csv", csv);
  EXPECT_EQ(s.format, "csv");
  EXPECT_EQ(s.shape, "template");
  EXPECT_EQ(s.errors, 0) << (s.issues.empty() ? "" : s.issues[0].reject.message);
  EXPECT_EQ(s.warnings, 0);
  EXPECT_EQ(s.rows_read, 8);
  ASSERT_EQ(s.returns.size(), 1u);
  EXPECT_EQ(s.returns[0].member, "lambeth");
  EXPECT_EQ(s.returns[0].financial_year, 2024);
  EXPECT_EQ(s.returns[0].quarter, 0);
  EXPECT_EQ(s.returns[0].figures, 6);
  EXPECT_EQ(s.returns[0].transfers, 1);
  EXPECT_EQ(s.returns[0].projects, 1);
  EXPECT_GT(s.returns[0].submission_id, 0);
  EXPECT_EQ(s.returns[0].supersedes, 0);

  const core::MemberReturn r = Load(s.returns[0].submission_id);
  EXPECT_EQ(r.member, "lambeth");
  EXPECT_EQ(r.financial_year, 2024);
  EXPECT_EQ(FigureMap(r), (std::map<std::string, std::int64_t>{{"W1D", 42},
                                                               {"W2S", 12},
                                                               {"W3F", 25'000'050},
                                                               {"E1", 300},
                                                               {"E1C", 120},
                                                               {"E2D", 12'500}}));
  const auto e2d = std::find_if(r.figures.begin(), r.figures.end(),
                                [](const core::ReturnFigure& f) { return f.measure == "E2D"; });
  ASSERT_NE(e2d, r.figures.end());
  EXPECT_EQ(e2d->note, "Metered gas, boiler replaced in May");
  EXPECT_EQ(e2d->row, 18);
  ASSERT_EQ(r.transfers.size(), 1u);
  EXPECT_EQ(r.transfers[0].recipient, "Kennington Care Ltd");
  EXPECT_EQ(r.transfers[0].recipient_sme, std::optional<bool>(true));
  EXPECT_EQ(r.transfers[0].committed, 2'000'000);
  EXPECT_EQ(r.transfers[0].paid, 1'500'025);
  EXPECT_EQ(r.transfers[0].apprenticeships, 3);
  ASSERT_EQ(r.projects.size(), 1u);
  const core::CarbonProject& p = r.projects[0];
  EXPECT_EQ(p.id, "LAM-LED-1");
  EXPECT_EQ(p.kind, "retrofit");
  EXPECT_EQ(p.activity_year, 2023);
  EXPECT_DOUBLE_EQ(p.baseline, 100000);
  EXPECT_DOUBLE_EQ(p.after, 60000);
  EXPECT_EQ(p.factor_id, "e_1");  // not m_1 (managed assets), not e_2 (CO2 only)
  EXPECT_EQ(p.factor_path, "UK electricity > Electricity generated > Electricity: UK > kWh");
  EXPECT_DOUBLE_EQ(p.factor, 0.20707428859060403);
  EXPECT_EQ(p.saved_kg, 8283);  // 40,000 kWh x 0.2070742... kg

  // Next year's template shows this year's figures as last year's.
  const std::string next = BlankCsv("lambeth", 2025);
  EXPECT_EQ(LastYearCell(next, "W2S"), "12");
  EXPECT_EQ(LastYearCell(next, "W3F"), "250000.50");
  EXPECT_EQ(LastYearCell(next, "E2D"), "12.500");
  EXPECT_EQ(LastYearCell(next, "W4"), "");
  // A quarterly template compares with the same quarter only.
  EXPECT_EQ(LastYearCell(BlankCsv("lambeth", 2025, 1), "W2S"), "");
  EXPECT_EQ(LastYearCell(BlankCsv("gstt", 2025), "W2S"), "");
}

TEST_F(Returns, XlsxTemplateRoundTrip) {
  ImportFactors();
  // The blank template: four sheets, frozen headers, drop-downs, shaded unlocked inputs.
  const std::string blank = dir_.File("blank.xlsx");
  ReturnTemplateOptions o{"gstt", 2024, 0, blank};
  ASSERT_TRUE(WriteReturnTemplate(*store_, network_, o).has_value());
  auto sheets = ListXlsxSheets(blank);
  ASSERT_TRUE(sheets.has_value());
  EXPECT_EQ(*sheets,
            (std::vector<std::string>{"Return", "Levy transfers", "Carbon projects", "Guidance"}));
  const std::string ret_sheet = ZipPart(blank, "xl/worksheets/sheet1.xml");
  EXPECT_NE(ret_sheet.find("<pane ySplit=\"6\""), std::string::npos);
  EXPECT_NE(ret_sheet.find("<sheetProtection"), std::string::npos);
  EXPECT_NE(ZipPart(blank, "xl/styles.xml").find("locked=\"0\""), std::string::npos);
  EXPECT_NE(ZipPart(blank, "xl/worksheets/sheet2.xml").find("\"yes,no,unknown\""),
            std::string::npos);
  EXPECT_NE(ZipPart(blank, "xl/worksheets/sheet3.xml")
                .find("\"retrofit,fleet,renewables,heat,travel,waste,other\""),
            std::string::npos);
  {
    auto rows = OpenXlsx(blank, "Return");
    ASSERT_TRUE(rows.has_value());
    Row row;
    std::map<std::int64_t, std::vector<std::string>> cells;  // by sheet row
    while ((*rows)->Next(row).value() && row.line <= 7) {
      cells[row.line].assign(row.cells.begin(), row.cells.end());
    }
    EXPECT_EQ(cells[2], (std::vector<std::string>{"Member", "gstt",
                                                  "Guy's and St Thomas' NHS Foundation Trust"}));
    ASSERT_GE(cells[3].size(), 2u);
    EXPECT_EQ(cells[3][1], "2024/25");
    ASSERT_GE(cells[4].size(), 2u);
    EXPECT_EQ(cells[4][1], "Year");
    ASSERT_FALSE(cells[6].empty());
    EXPECT_EQ(cells[6][0], "Measure id");
    ASSERT_FALSE(cells[7].empty());
    EXPECT_EQ(cells[7][0], "W1D");
  }
  // A blank workbook is not a return.
  auto empty = Import(blank);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, ErrorCode::kFileEmpty);

  // The member fills it in: the same writer with values, numbers typed as numbers.
  auto content = returns::BlankTemplate(store_.get(), network_, "gstt", 2024, 0);
  ASSERT_TRUE(content.has_value());
  for (auto& m : content->measures) {
    if (m.measure->id == "W2P") m.figure = "35";
    if (m.measure->id == "W3F") m.figure = "1200000.5";
    if (m.measure->id == "E2D") {
      m.figure = "3.25";
      m.note = "Travel survey";
    }
    if (m.measure->id == "C5T") m.figure = "1000";
    if (m.measure->id == "C5") m.figure = "1,500";  // above its total: not taken
  }
  content->transfers.push_back({"Bermondsey Bakery", "unknown", "30000", "", "1", ""});
  content->projects.push_back(
      {"GSTT-CHP", "Boiler house", "heat", "g_6", "kWh (Gross CV)", "2023", "50000", "20000", ""});
  const std::string filled = dir_.File("filled.xlsx");
  ASSERT_TRUE(returns::WriteTemplateXlsx(filled, *content).has_value());
  auto s = Import(filled);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->format, "xlsx");
  EXPECT_EQ(s->shape, "template");
  ASSERT_EQ(s->returns.size(), 1u);
  EXPECT_EQ(s->returns[0].figures, 4);
  EXPECT_EQ(s->errors, 1);
  ASSERT_EQ(s->issues.size(), 1u);
  const core::Reject& bad = s->issues[0].reject;
  EXPECT_EQ(bad.code, ErrorCode::kSubCountAboveTotal);
  EXPECT_EQ(bad.line, 22);   // the C5 row of the Return sheet
  EXPECT_EQ(bad.column, 4);  // Figure
  EXPECT_TRUE(core::StartsWith(bad.message, "sheet 'Return': C5 (")) << bad.message;

  const core::MemberReturn r = Load(s->returns[0].submission_id);
  EXPECT_EQ(FigureMap(r), (std::map<std::string, std::int64_t>{
                              {"W2P", 35}, {"W3F", 120'000'050}, {"E2D", 3'250}, {"C5T", 1000}}));
  ASSERT_EQ(r.transfers.size(), 1u);
  EXPECT_EQ(r.transfers[0].recipient_sme, std::nullopt);
  EXPECT_EQ(r.transfers[0].committed, 3'000'000);
  EXPECT_EQ(r.transfers[0].paid, 0);
  EXPECT_EQ(r.transfers[0].row, 3);  // below the header and the example row
  ASSERT_EQ(r.projects.size(), 1u);
  EXPECT_EQ(r.projects[0].factor_id, "g_6");
  EXPECT_EQ(r.projects[0].factor_path, "Fuels > Gaseous fuels > Natural gas");
  EXPECT_EQ(r.projects[0].saved_kg, 5488);  // 30,000 kWh x 0.18292892... kg

  // The issue is stored with the submission.
  auto stored = store_->ListReturnIssues(s->returns[0].submission_id);
  ASSERT_TRUE(stored.has_value());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].reject.code, ErrorCode::kSubCountAboveTotal);
}

TEST_F(Returns, TemplatePreambleProblemsFailTheFile) {
  std::string csv = FillFigure(BlankCsv("lambeth", 2024), "W2S", "3");
  // A period of another financial year than the one named above it.
  std::vector<std::string> lines = SplitLines(csv);
  lines[3] = "Period,2023/24 Q2";
  testing::WriteFile(dir_.File("a.csv"), JoinLines(lines));
  auto s = Import(dir_.File("a.csv"));
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kPeriodOutside);
  EXPECT_EQ(s.error().where.line, 4);
  EXPECT_EQ(s.error().where.column, 2);
  // The same financial year is fine; a quarter of it makes a quarterly return.
  lines[3] = "Period,2024/25 Q2";
  auto q = ImportText("b.csv", JoinLines(lines));
  ASSERT_EQ(q.returns.size(), 1u);
  EXPECT_EQ(q.returns[0].quarter, 2);
  // An unreadable period, an unknown member.
  lines[3] = "Period,the spring";
  testing::WriteFile(dir_.File("c.csv"), JoinLines(lines));
  EXPECT_EQ(Import(dir_.File("c.csv")).error().code, ErrorCode::kPeriodOutside);
  lines[3] = "Period,Year";
  lines[1] = "Member,southwark,Southwark Council";
  testing::WriteFile(dir_.File("d.csv"), JoinLines(lines));
  auto unknown = Import(dir_.File("d.csv"));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnknownMember);
  EXPECT_EQ(unknown.error().where.line, 2);
  // --member: a file holding another member's return is refused.
  lines[1] = "Member,lambeth,London Borough of Lambeth";
  testing::WriteFile(dir_.File("e.csv"), JoinLines(lines));
  ReturnImportOptions only_gstt;
  only_gstt.member = "gstt";
  EXPECT_EQ(Import(dir_.File("e.csv"), only_gstt).error().code, ErrorCode::kUsage);
  only_gstt.member = "nobody";
  EXPECT_EQ(Import(dir_.File("e.csv"), only_gstt).error().code, ErrorCode::kUnknownMember);
}

// ---- Plain CSV ---------------------------------------------------------------------------------

TEST_F(Returns, PlainCsvHoldsSeveralMembersAndPeriods) {
  auto s = ImportText("all.csv",
                      "member,period,measure,value,note\n"
                      "lambeth,2024/25,W2S,10,\n"
                      "gstt,2024/25,W2S,25,\n"
                      "lambeth,2024/25 Q1,W2S,3,\n"
                      "lambeth,FY 2024/25,W4,\"1,200\",care leavers and residents\n"
                      "gstt,2024/25,E3,\xC2\xA3"
                      "1.5,\n"
                      "gstt,2024/25,W5I,,\n");  // blank: not reported
  EXPECT_EQ(s.shape, "plain");
  EXPECT_EQ(s.rows_read, 5);
  EXPECT_EQ(s.errors, 0);
  ASSERT_EQ(s.returns.size(), 3u);
  EXPECT_EQ(s.returns[0].member, "lambeth");
  EXPECT_EQ(s.returns[0].quarter, 0);
  EXPECT_EQ(s.returns[0].figures, 2);
  EXPECT_EQ(s.returns[1].member, "gstt");
  EXPECT_EQ(s.returns[1].figures, 2);
  EXPECT_EQ(s.returns[2].quarter, 1);
  EXPECT_EQ(Submissions().size(), 3u);
  const core::MemberReturn lambeth = Load(s.returns[0].submission_id);
  EXPECT_EQ(FigureMap(lambeth), (std::map<std::string, std::int64_t>{{"W2S", 10}, {"W4", 1200}}));
  EXPECT_EQ(lambeth.figures[1].note, "care leavers and residents");
  EXPECT_EQ(FigureMap(Load(s.returns[1].submission_id)),
            (std::map<std::string, std::int64_t>{{"W2S", 25}, {"E3", 150}}));

  // financial_year + quarter columns.
  auto q = ImportText("q.csv",
                      "Member,Financial year,Quarter,Measure,Value,Unit\n"
                      "gstt,2025/26,Q3,C4,2,number\n"
                      "gstt,2025/26,,C4,7,\n"
                      "gstt,2025/26,5,C4,1,\n");
  ASSERT_EQ(q.returns.size(), 2u);
  EXPECT_EQ(q.returns[0].quarter, 3);
  EXPECT_EQ(q.returns[1].quarter, 0);
  ASSERT_EQ(q.issues.size(), 1u);
  EXPECT_EQ(q.issues[0].reject.code, ErrorCode::kPeriodOutside);
  EXPECT_EQ(q.issues[0].reject.line, 4);
  EXPECT_EQ(q.issues[0].reject.column, 3);
}

TEST_F(Returns, EveryRowErrorHasItsLineAndColumn) {
  // Columns: 1 member, 2 period, 3 measure, 4 value, 5 unit, 6 note.
  auto s = ImportText("bad.csv",
                      "member,period,measure,value,unit,note\n"
                      "lambeth,2024/25,W9,5,,\n"            // 2 unknown measure
                      "lambeth,2024/25,W3F,5000,tonnes,\n"  // 3 wrong unit
                      "lambeth,2024/25,W2S,-3,,\n"          // 4 negative
                      "lambeth,2024/25,W2P,2.5,,\n"         // 5 not whole
                      "lambeth,2024/25,W5T,lots,,\n"        // 6 not a number
                      "lambeth,2024/26,W5M,4,,\n"           // 7 unreadable period
                      "southwark,2024/25,W2S,4,,\n"         // 8 unknown member
                      "lambeth,2024/25,W4,3,,\n"            // 9
                      "lambeth,2024/25,w4,4,,\n"            // 10 duplicate
                      "lambeth,2024/25,E1,10,,\n"           // 11
                      "lambeth,2024/25,E1C,12,,\n"          // 12 sub-count above total
                      "lambeth,2024/25,E2D,5,tCO2e,\n"      // 13 no method note
                      "lambeth,2024/25,C5,100,,\n"          // 14 above C5T
                      "lambeth,2024/25,C5T,90,number,\n"    // 15
                      "lambeth,2024/25,W3F,\xC2\xA3"
                      "5000,\xC2\xA3,\n");  // 16 fine
  struct Expected {
    std::int64_t line;
    std::int32_t column;
    ErrorCode code;
  };
  const std::vector<Expected> expected = {
      {2, 3, ErrorCode::kUnknownMeasure},      {3, 5, ErrorCode::kWrongUnit},
      {4, 4, ErrorCode::kBadFigure},           {5, 4, ErrorCode::kBadFigure},
      {6, 4, ErrorCode::kBadFigure},           {7, 2, ErrorCode::kPeriodOutside},
      {8, 1, ErrorCode::kUnknownMember},       {10, 3, ErrorCode::kDuplicateFigure},
      {12, 4, ErrorCode::kSubCountAboveTotal}, {13, 6, ErrorCode::kMissingNote},
      {14, 4, ErrorCode::kSubCountAboveTotal},
  };
  ASSERT_EQ(s.issues.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const core::Reject& r = s.issues[i].reject;
    EXPECT_EQ(r.line, expected[i].line) << r.message;
    EXPECT_EQ(r.column, expected[i].column) << r.message;
    EXPECT_EQ(r.code, expected[i].code) << r.message;
    EXPECT_FALSE(s.issues[i].warning);
    EXPECT_FALSE(r.raw.empty());
  }
  EXPECT_EQ(s.errors, 11);
  EXPECT_EQ(s.warnings, 0);
  EXPECT_EQ(s.issues_by_code.at(ErrorCode::kBadFigure), 3);
  // Messages name the measure in words and say what is wrong.
  EXPECT_NE(s.issues[0].reject.message.find("W1D"), std::string::npos);  // the ids that exist
  EXPECT_NE(s.issues[2].reject.message.find("W2S (Apprenticeship starts)"), std::string::npos);
  EXPECT_NE(s.issues[2].reject.message.find("negative"), std::string::npos);
  EXPECT_NE(s.issues[3].reject.message.find("not a whole number"), std::string::npos);
  EXPECT_NE(s.issues[8].reject.message.find("E1C (of whom certified) is 12, more than E1"),
            std::string::npos);

  // What was taken: W4 (first), E1, C5T, W3F.
  ASSERT_EQ(s.returns.size(), 1u);
  const core::MemberReturn r = Load(s.returns[0].submission_id);
  EXPECT_EQ(FigureMap(r), (std::map<std::string, std::int64_t>{
                              {"W4", 3}, {"E1", 10}, {"C5T", 90}, {"W3F", 500'000}}));
  // Row issues are kept with the submission; the unknown member's and the unreadable period's
  // with the file.
  auto with_return = store_->ListReturnIssues(s.returns[0].submission_id);
  ASSERT_TRUE(with_return.has_value());
  EXPECT_EQ(with_return->size(), 9u);
  auto with_file = store_->ListReturnIssues(0, s.file_id);
  ASSERT_TRUE(with_file.has_value());
  ASSERT_EQ(with_file->size(), 2u);
  EXPECT_NE(FindIssue(*with_file, ErrorCode::kUnknownMember), nullptr);
  EXPECT_NE(FindIssue(*with_file, ErrorCode::kPeriodOutside), nullptr);
}

TEST_F(Returns, NotAReturnsFile) {
  testing::WriteFile(dir_.File("spend.csv"), "supplier,amount,date\nAcme,10,2024-05-01\n");
  EXPECT_EQ(Import(dir_.File("spend.csv")).error().code, ErrorCode::kNoHeaderMatch);
  testing::WriteFile(dir_.File("noperiod.csv"), "member,measure,value\nlambeth,W2S,1\n");
  EXPECT_EQ(Import(dir_.File("noperiod.csv")).error().code, ErrorCode::kNoHeaderMatch);
  testing::WriteFile(dir_.File("header.csv"), "member,period,measure,value\n");
  EXPECT_EQ(Import(dir_.File("header.csv")).error().code, ErrorCode::kFileEmpty);
  testing::WriteFile(dir_.File("empty.csv"), "");
  EXPECT_EQ(Import(dir_.File("empty.csv")).error().code, ErrorCode::kFileEmpty);
  EXPECT_EQ(Import(dir_.File("missing.csv")).error().code, ErrorCode::kFileNotFound);
}

// ---- Warnings ----------------------------------------------------------------------------------

TEST_F(Returns, WarningsKeepTheirRows) {
  ImportText("2023.csv",
             "member,period,measure,value\n"
             "lambeth,2023/24,W2S,100\n"
             "lambeth,2023/24,W5I,2\n"
             "lambeth,2023/24,W3F,200000\n"
             "lambeth,2023/24,E1,90\n");
  std::string csv = BlankCsv("lambeth", 2024);
  EXPECT_EQ(LastYearCell(csv, "W2S"), "100");
  csv = FillFigure(csv, "W2S", "340");     // 3.4x: flagged
  csv = FillFigure(csv, "W5I", "9");       // 4.5x but only 7 more: not flagged
  csv = FillFigure(csv, "W3F", "150000");  // within 3x
  csv = FillFigure(csv, "E1", "20");       // less than a third, 70 fewer: flagged
  csv = InsertAfter(csv, "Example: Brixton", "Oval Motors,no,50000,50000,2,");
  csv = InsertAfter(csv, "Oval Motors", "Vauxhall Dental,yes,30000,0,1,");
  auto s = ImportText("2024.csv", csv);
  EXPECT_EQ(s.errors, 0);
  EXPECT_EQ(s.warnings, 3);
  ASSERT_EQ(s.issues.size(), 3u);
  // In file order: W2S (line 9), W3F (line 11), E1 (line 16).
  EXPECT_EQ(s.issues[0].reject.code, ErrorCode::kFigureOutlier);
  EXPECT_EQ(s.issues[0].reject.line, 9);
  EXPECT_EQ(s.issues[0].reject.column, 4);
  EXPECT_TRUE(s.issues[0].warning);
  EXPECT_NE(s.issues[0].reject.message.find("3.4x last year's 100"), std::string::npos)
      << s.issues[0].reject.message;
  EXPECT_EQ(s.issues[1].reject.code, ErrorCode::kLevyOverHalf);  // £80,000 of £150,000
  EXPECT_EQ(s.issues[1].reject.line, 11);
  EXPECT_TRUE(s.issues[1].warning);
  EXPECT_EQ(s.issues[2].reject.code, ErrorCode::kFigureOutlier);
  EXPECT_EQ(s.issues[2].reject.line, 16);

  ASSERT_EQ(s.returns.size(), 1u);
  EXPECT_EQ(s.returns[0].figures, 4);
  EXPECT_EQ(s.returns[0].transfers, 2);
  const core::MemberReturn r = Load(s.returns[0].submission_id);
  std::map<std::string, std::string> flags;
  for (const core::ReturnFigure& f : r.figures) flags[f.measure] = f.flag;
  EXPECT_EQ(flags.at("W2S"), "3.4x last year's 100");
  EXPECT_EQ(flags.at("W5I"), "");
  EXPECT_EQ(flags.at("W3F"), "");
  EXPECT_EQ(flags.at("E1"), "0.22x last year's 90");
  auto subs = Submissions();
  const auto it = std::find_if(subs.begin(), subs.end(), [](const store::ReturnSubmission& x) {
    return x.financial_year == 2024;
  });
  ASSERT_NE(it, subs.end());
  EXPECT_EQ(it->warnings, 3);
  EXPECT_EQ(it->errors, 0);
}

TEST_F(Returns, LevyTransferRows) {
  std::string csv = FillFigure(BlankCsv("gstt", 2024), "W3F", "900000");
  // From line 27, below the example row. Columns: recipient, SME, committed, paid,
  // apprenticeships, note.
  csv = InsertAfter(csv, "Example: Brixton",
                    "Borough Market Traders,maybe,1000,0,1,\r\n"   // 27: not yes/no/unknown
                    ",yes,1000,0,1,\r\n"                           // 28: no recipient
                    "Walworth Garage,no,-50,0,1,\r\n"              // 29: negative
                    "Elephant Cafe,y,500,,1.5,\r\n"                // 30: half an apprenticeship
                    "Kennington Nursery,,2000,1000,,first year");  // 31: fine
  auto s = ImportText("levy.csv", csv);
  ASSERT_EQ(s.issues.size(), 4u);
  const std::vector<std::tuple<std::int64_t, std::int32_t, ErrorCode>> expected = {
      {27, 2, ErrorCode::kConfigInvalid},
      {28, 1, ErrorCode::kConfigInvalid},
      {29, 3, ErrorCode::kBadFigure},
      {30, 5, ErrorCode::kBadFigure}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const core::Reject& r = s.issues[i].reject;
    EXPECT_EQ(std::make_tuple(r.line, r.column, r.code), expected[i]) << r.message;
  }
  EXPECT_NE(s.issues[2].reject.message.find("levy transfer to Walworth Garage"), std::string::npos);
  ASSERT_EQ(s.returns.size(), 1u);
  const core::MemberReturn r = Load(s.returns[0].submission_id);
  ASSERT_EQ(r.transfers.size(), 1u);
  EXPECT_EQ(r.transfers[0].recipient, "Kennington Nursery");
  EXPECT_EQ(r.transfers[0].recipient_sme, std::nullopt);  // blank: not known
  EXPECT_EQ(r.transfers[0].committed, 200'000);
  EXPECT_EQ(r.transfers[0].paid, 100'000);
  EXPECT_EQ(r.transfers[0].apprenticeships, 0);
  EXPECT_EQ(r.transfers[0].note, "first year");
  EXPECT_EQ(r.transfers[0].row, 31);
}

// ---- Supersession, the same bytes, dry runs -------------------------------------------------

TEST_F(Returns, ResubmissionSupersedesAndSameBytesChangeNothing) {
  const std::string first_text = "member,period,measure,value\nlambeth,2024/25,W2S,5\n";
  auto first = ImportText("first.csv", first_text);
  ASSERT_EQ(first.returns.size(), 1u);
  const std::int64_t first_id = first.returns[0].submission_id;

  auto again = ImportText("first-copy.csv", first_text);
  EXPECT_TRUE(again.already_imported);
  EXPECT_EQ(again.file_id, first.file_id);
  EXPECT_TRUE(again.returns.empty());
  EXPECT_EQ(Submissions(true).size(), 1u);

  auto second = ImportText("second.csv", "member,period,measure,value\nlambeth,2024/25,W2S,6\n");
  ASSERT_EQ(second.returns.size(), 1u);
  EXPECT_EQ(second.returns[0].supersedes, first_id);
  const auto current = Submissions();
  ASSERT_EQ(current.size(), 1u);
  EXPECT_EQ(current[0].id, second.returns[0].submission_id);
  EXPECT_EQ(current[0].supersedes, first_id);
  const auto history = Submissions(true);
  ASSERT_EQ(history.size(), 2u);
  const auto old = std::find_if(history.begin(), history.end(),
                                [&](const store::ReturnSubmission& x) { return x.id == first_id; });
  ASSERT_NE(old, history.end());
  EXPECT_EQ(old->superseded_by, second.returns[0].submission_id);
  EXPECT_EQ(FigureMap(Load(first_id)).at("W2S"), 5);  // history is kept as it was
  EXPECT_EQ(FigureMap(Load(current[0].id)).at("W2S"), 6);
}

TEST_F(Returns, DryRunStoresNothing) {
  auto first = ImportText("first.csv", "member,period,measure,value\nlambeth,2024/25,W2S,5\n");
  const std::string path = dir_.File("check.csv");
  testing::WriteFile(path,
                     "member,period,measure,value\nlambeth,2024/25,W2S,-1\n"
                     "lambeth,2024/25,W4,8\n");
  ReturnImportOptions options;
  options.dry_run = true;
  auto s = Import(path, options);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_TRUE(s->dry_run);
  EXPECT_EQ(s->file_id, 0);
  EXPECT_EQ(s->errors, 1);
  ASSERT_EQ(s->returns.size(), 1u);
  EXPECT_EQ(s->returns[0].submission_id, 0);
  EXPECT_EQ(s->returns[0].supersedes, first.returns[0].submission_id);  // what it would replace
  EXPECT_EQ(Submissions(true).size(), 1u);
  auto found = store_->FindReturnFile(s->content_hash);
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->has_value());
}

// ---- Carbon projects ---------------------------------------------------------------------------

TEST_F(Returns, CarbonProjectsFindTheirFactor) {
  ImportFactors();
  std::string csv = FillFigure(BlankCsv("lambeth", 2023), "W2S", "1");
  // One project per line from line 30, below the example row.
  const std::string path_words = "UK electricity > Electricity generated > Electricity: UK > kWh";
  const std::vector<std::string> projects = {
      "P-PATH,,retrofit," + path_words + ",KWH,2023,1000,0,",    // 30: the path's words
      "P-ID,,heat,G_6,kWh (Gross CV),2023,10,0,",                // 31: an ID, any case
      "P-GAS,,heat,Natural gas,kWh,2023,10,5,",                  // 32: Net or Gross CV?
      "P-OLD,,retrofit,Electricity generated UK,kWh,2019,1,0,",  // 33: no 2019 factors
      "P-DIESEL,,fleet,Diesel,km,2023,1,0,",                     // 34: none per km
      "P-KIND,,rocket,d_1,litres,2023,1,0,",                     // 35: unknown kind
      "P-PATH,,retrofit,d_1,litres,2023,1,0,",                   // 36: listed twice
      "P-NEG,,fleet,d_1,litres,2023,-5,0,",                      // 37: negative activity
      "P-CO2,,retrofit,e_2,kWh,2023,1,0,",                       // 38: CO2 only
      "P-DEF,,,Diesel,litres,,100,40,",                          // 39: defaults
  };
  std::string rows;
  for (const std::string& p : projects) rows += p + "\r\n";
  rows.erase(rows.size() - 2);
  csv = InsertAfter(csv, "Example: RIV", rows);
  auto s = ImportText("projects.csv", csv);
  const std::int64_t first = 30;
  struct Expected {
    std::int64_t line;
    std::int32_t column;
    ErrorCode code;
    std::string_view words;
  };
  const std::vector<Expected> expected = {
      {first + 2, 4, ErrorCode::kNoFactor, "g_7"},
      {first + 3, 6, ErrorCode::kNoFactor, "2019"},
      {first + 4, 4, ErrorCode::kNoFactor, "litres"},
      {first + 5, 3, ErrorCode::kConfigInvalid, "rocket"},
      {first + 6, 1, ErrorCode::kDuplicateFigure, "P-PATH"},
      {first + 7, 7, ErrorCode::kBadFigure, "negative"},
      {first + 8, 4, ErrorCode::kNoFactor, "kg CO2e"},
  };
  ASSERT_EQ(s.issues.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const core::Reject& r = s.issues[i].reject;
    EXPECT_EQ(r.line, expected[i].line) << r.message;
    EXPECT_EQ(r.column, expected[i].column) << r.message;
    EXPECT_EQ(r.code, expected[i].code) << r.message;
    EXPECT_NE(r.message.find(expected[i].words), std::string::npos) << r.message;
  }
  // The ambiguous activity lists its candidates' paths.
  EXPECT_NE(s.issues[0].reject.message.find("Fuels > Gaseous fuels > Natural gas per kWh (Net CV)"),
            std::string::npos)
      << s.issues[0].reject.message;

  ASSERT_EQ(s.returns.size(), 1u);
  EXPECT_EQ(s.returns[0].projects, 3);
  const core::MemberReturn r = Load(s.returns[0].submission_id);
  ASSERT_EQ(r.projects.size(), 3u);
  EXPECT_EQ(r.projects[0].id, "P-PATH");
  EXPECT_EQ(r.projects[0].factor_id, "e_1");
  EXPECT_EQ(r.projects[0].saved_kg, 207);
  EXPECT_EQ(r.projects[0].row, first);
  EXPECT_EQ(r.projects[1].factor_id, "g_6");
  EXPECT_EQ(r.projects[1].saved_kg, 2);
  EXPECT_EQ(r.projects[2].id, "P-DEF");
  EXPECT_EQ(r.projects[2].kind, "other");
  EXPECT_EQ(r.projects[2].activity_year, 2023);  // blank: the year FY 2023/24 starts in
  EXPECT_EQ(r.projects[2].factor_id, "d_1");
  EXPECT_EQ(r.projects[2].factor_path, "Fuels > Liquid fuels > Diesel (average biofuel blend)");
  EXPECT_EQ(r.projects[2].saved_kg, 151);  // 60 litres x 2.51279 kg
}

TEST_F(Returns, AProjectIsCountedByOneMemberOnly) {
  ImportFactors();
  auto with_project = [&](const std::string& member, const std::string& project_id,
                          const std::string& figure) {
    std::string csv = FillFigure(BlankCsv(member, 2024), "W2S", figure);
    return InsertAfter(csv, "Example: RIV",
                       project_id + ",Shared heat network,heat,g_7,kWh (Net CV),2023,1000,0,");
  };
  auto lambeth = ImportText("lambeth.csv", with_project("lambeth", "SB-HEAT-1", "1"));
  ASSERT_EQ(lambeth.returns.size(), 1u);
  EXPECT_EQ(lambeth.returns[0].projects, 1);
  EXPECT_EQ(lambeth.errors, 0);

  // Another member claims the same project (ids compare without case): not taken.
  auto gstt = ImportText("gstt.csv", with_project("gstt", "sb-heat-1", "2"));
  ASSERT_EQ(gstt.issues.size(), 1u);
  EXPECT_EQ(gstt.issues[0].reject.code, ErrorCode::kProjectClaimed);
  EXPECT_EQ(gstt.issues[0].reject.column, 1);
  EXPECT_NE(gstt.issues[0].reject.message.find("lambeth"), std::string::npos);
  ASSERT_EQ(gstt.returns.size(), 1u);
  EXPECT_EQ(gstt.returns[0].projects, 0);
  EXPECT_EQ(gstt.returns[0].figures, 1);

  // The same member resubmitting its project is fine, and so is a later year's return.
  auto again = ImportText("lambeth-2.csv", with_project("lambeth", "SB-HEAT-1", "3"));
  EXPECT_EQ(again.errors, 0);
  ASSERT_EQ(again.returns.size(), 1u);
  EXPECT_EQ(again.returns[0].projects, 1);
  EXPECT_NE(again.returns[0].supersedes, 0);
}

// The real DESNZ 2023 flat file: the rows of its 'Electricity generated' category (carried in
// tests/data/), imported with the register importer, give the published UK grid factor.
TEST_F(Returns, RealDesnz2023ElectricityFactor) {
  const std::string subset =
      testing::ReadFile(testing::TestData("desnz_ghg_2023_electricity_generated.csv"));
  ASSERT_FALSE(subset.empty());
  testing::ImportRegisterText(*store_, network_, dir_, "ghg-factors", "desnz-2023.csv", subset);
  std::string csv = BlankCsv("lambeth", 2023);
  csv = InsertAfter(csv, "Example: RIV",
                    "RIV-LED-2023,LED lighting,retrofit,Electricity generated UK electricity kWh,"
                    "kWh,2023,100000,60000,");
  auto s = ImportText("real.csv", csv);
  EXPECT_EQ(s.errors, 0) << (s.issues.empty() ? "" : s.issues[0].reject.message);
  ASSERT_EQ(s.returns.size(), 1u);
  const core::MemberReturn r = Load(s.returns[0].submission_id);
  ASSERT_EQ(r.projects.size(), 1u);
  EXPECT_EQ(r.projects[0].factor_id, "7_400_4000_5_1");
  EXPECT_DOUBLE_EQ(r.projects[0].factor, 0.20707428859060403);
  EXPECT_EQ(r.projects[0].saved_kg, 8283);
}

}  // namespace
}  // namespace anchornet::ingest
