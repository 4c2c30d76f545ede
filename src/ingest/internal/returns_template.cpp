// The members' return template (docs/returns.md): its content (last year's figures, guidance
// with the Real Living Wage rates of the period) and its two renderings, an XLSX workbook written
// with libxlsxwriter (shaded input cells, drop-downs, a grey example row, a Guidance sheet) and a
// CSV file holding the same three tables one after another.
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "core/csv.h"
#include "core/date.h"
#include "core/money.h"
#include "core/text.h"
#include "ingest/internal/returns_internal.h"

namespace anchornet::ingest::returns {

namespace {

using core::ErrorCode;

// Rows of the transfer and project sheets shaded and validated for input.
constexpr lxw_row_t kInputRows = 100;
// The Return sheet: title, three preamble rows, a blank row, then the header.
constexpr lxw_row_t kMeasureHeaderRow = 5;

// The last day of a return's period: the financial year's, or its quarter's.
core::Date PeriodEnd(const core::Network& network, int financial_year, int quarter) {
  if (quarter == 0) return core::FinancialYearEnd(financial_year, network.financial_year_start);
  const core::MonthDay start = network.financial_year_start;
  int month = start.month + 3 * quarter;
  int year = financial_year;
  while (month > 12) {
    month -= 12;
    ++year;
  }
  return core::Date{core::FromCivil(year, month, start.day).days - 1};
}

std::string LivingWageText(core::Date period_end) {
  const core::LivingWageRate* rate = core::LivingWageRateAt(period_end);
  if (rate == nullptr) return "";
  return fmt::format("London {}/h, UK {}/h (announced {})", core::FormatPounds(rate->london),
                     core::FormatPounds(rate->uk), core::ToUkLong(rate->announced));
}

std::string PeriodCell(int quarter) {
  return quarter == 0 ? std::string("Year") : fmt::format("Q{}", quarter);
}

std::vector<std::string> Strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

const std::vector<std::string>& TransferExample() {
  static const std::vector<std::string> kExample = {
      "Example: Brixton Cleaning CIC",
      "yes",
      "15000",
      "12000",
      "2",
      "Two level 3 apprenticeships in facilities management"};
  return kExample;
}

const std::vector<std::string>& ProjectExample() {
  static const std::vector<std::string> kExample = {
      "Example: RIV-LED-2023",
      "LED lighting, Riverside depot",
      "retrofit",
      "Electricity generated UK electricity kWh",
      "kWh",
      "2023",
      "100000",
      "60000",
      "Metered use in the year before and the year after the work"};
  return kExample;
}

std::vector<std::pair<std::string, std::string>> GuidanceTopics(std::string_view living_wage) {
  std::string kinds;
  for (std::string_view k : core::CarbonProjectKinds()) {
    if (!kinds.empty()) kinds += ", ";
    kinds += k;
  }
  return {
      {"This return",
       "Fill in the Figure column of the Return sheet for every measure you can report for the "
       "period named at the top. Leave a figure blank when you cannot report it: blank means "
       "not reported, never zero. Do not change the Member, Financial year or Period rows."},
      {"Figures",
       "Counts are whole numbers of people or items; money is in pounds (up to 2 decimals); "
       "carbon is in tonnes CO2e (up to 3 decimals). No negative figures."},
      {"Last year",
       "Your current return for the same period a year earlier, for reference. A figure more "
       "than three times, or less than a third of, last year's is accepted but flagged for "
       "review."},
      {"Notes",
       "Say how a figure was counted when it helps. E2D (carbon saved, reported directly) needs "
       "a method note."},
      {"Real Living Wage",
       living_wage.empty()
           ? std::string("W1D and W1C count staff raised to at least the Real Living Wage.")
           : fmt::format("W1D and W1C count staff raised to at least the Real Living Wage: {}.",
                         living_wage)},
      {"Levy transfers",
       "One row per employer you transferred apprenticeship levy funds to: the amount committed "
       "and the amount paid in the period, and the apprenticeships it funds. Say whether the "
       "recipient is an SME (yes, no or unknown). Since April 2024 up to 50% of your annual "
       "levy funds (W3F) may be transferred."},
      {"Carbon projects",
       "One row per project that saves carbon. Project id: a reference unique in the network, "
       "such as RIV-LED-2023. Kind: " +
           kinds +
           ". Activity: a DESNZ conversion factor ID such as 7_400_4000_5_1, or words of the "
           "factor's category path such as 'Electricity generated UK electricity kWh'. Unit: "
           "the factor's unit of activity, such as kWh, litres or km. Activity year: the year of "
           "the DESNZ factor set to use. Baseline and after: activity per year before and after "
           "the project. anchornet computes the saving with the factor."},
      {"Example rows", "Rows whose first cell starts with 'Example' or '#' are not imported."},
      {"Importing", "anchornet import returns FILE"},
  };
}

// ---- XLSX --------------------------------------------------------------------------------------

struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* key;
  lxw_format* wrap;
  lxw_format* grey;
  lxw_format* example;
  lxw_format* input_text;
  lxw_format* input_count;
  lxw_format* input_pounds;
  lxw_format* input_tonnes;
  lxw_format* input_decimal;
  lxw_format* last_count;
  lxw_format* last_pounds;
  lxw_format* last_tonnes;
};

constexpr lxw_color_t kInputShade = 0xFFF2CC;  // pale yellow: cells to fill in
constexpr lxw_color_t kHeaderShade = 0xDDEBF7;

lxw_format* InputFormat(lxw_workbook* wb, const char* num_format) {
  lxw_format* f = workbook_add_format(wb);
  format_set_unlocked(f);
  format_set_bg_color(f, kInputShade);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_border_color(f, 0xBFBFBF);
  if (num_format != nullptr) format_set_num_format(f, num_format);
  return f;
}

Formats MakeFormats(lxw_workbook* wb) {
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, kHeaderShade);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
  f.key = workbook_add_format(wb);
  format_set_bold(f.key);
  f.wrap = workbook_add_format(wb);
  format_set_text_wrap(f.wrap);
  format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
  f.grey = workbook_add_format(wb);
  format_set_font_color(f.grey, LXW_COLOR_GRAY);
  format_set_text_wrap(f.grey);
  format_set_align(f.grey, LXW_ALIGN_VERTICAL_TOP);
  format_set_font_size(f.grey, 9);
  f.example = workbook_add_format(wb);
  format_set_font_color(f.example, LXW_COLOR_GRAY);
  format_set_italic(f.example);
  f.input_text = InputFormat(wb, nullptr);
  format_set_text_wrap(f.input_text);
  f.input_count = InputFormat(wb, "#,##0");
  f.input_pounds = InputFormat(wb, "\xC2\xA3#,##0.00");
  f.input_tonnes = InputFormat(wb, "#,##0.000");
  f.input_decimal = InputFormat(wb, "#,##0.###");
  f.last_count = workbook_add_format(wb);
  format_set_num_format(f.last_count, "#,##0");
  format_set_font_color(f.last_count, LXW_COLOR_GRAY);
  f.last_pounds = workbook_add_format(wb);
  format_set_num_format(f.last_pounds, "\xC2\xA3#,##0.00");
  format_set_font_color(f.last_pounds, LXW_COLOR_GRAY);
  f.last_tonnes = workbook_add_format(wb);
  format_set_num_format(f.last_tonnes, "#,##0.000");
  format_set_font_color(f.last_tonnes, LXW_COLOR_GRAY);
  return f;
}

// A cell a member filled in: a number when it reads as one (as Excel would store it), else text.
void WriteInput(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text,
                lxw_format* format) {
  if (text.empty()) {
    worksheet_write_blank(ws, row, col, format);
    return;
  }
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  if (end != text.c_str() && *end == '\0' && text.find_first_of("xXnN") == std::string::npos) {
    worksheet_write_number(ws, row, col, number, format);
  } else {
    worksheet_write_string(ws, row, col, text.c_str(), format);
  }
}

void Validate(lxw_worksheet* ws, lxw_row_t first, lxw_col_t col, lxw_row_t last, uint8_t type,
              double minimum, const char* message) {
  lxw_data_validation dv{};
  dv.validate = type;
  dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
  dv.value_number = minimum;
  dv.error_title = const_cast<char*>("Not a figure");
  dv.error_message = const_cast<char*>(message);
  worksheet_data_validation_range(ws, first, col, last, col, &dv);
}

void ValidateList(lxw_worksheet* ws, lxw_row_t first, lxw_col_t col, lxw_row_t last,
                  const char** list) {
  lxw_data_validation dv{};
  dv.validate = LXW_VALIDATION_TYPE_LIST;
  dv.value_list = const_cast<char**>(list);
  worksheet_data_validation_range(ws, first, col, last, col, &dv);
}

void WriteHeader(lxw_worksheet* ws, lxw_row_t row, const std::vector<std::string_view>& header,
                 lxw_format* format) {
  for (std::size_t c = 0; c < header.size(); ++c) {
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), std::string(header[c]).c_str(),
                           format);
  }
}

void WriteReturnSheet(lxw_worksheet* ws, const TemplateContent& c, const Formats& f) {
  worksheet_set_column(ws, 0, 0, 14, nullptr);
  worksheet_set_column(ws, 1, 1, 44, f.wrap);
  worksheet_set_column(ws, 2, 2, 12, nullptr);
  worksheet_set_column(ws, 3, 3, 16, nullptr);
  worksheet_set_column(ws, 4, 4, 16, nullptr);
  worksheet_set_column(ws, 5, 5, 40, nullptr);
  worksheet_set_column(ws, 6, 6, 80, f.grey);

  worksheet_write_string(ws, 0, 0, c.title.c_str(), f.title);
  worksheet_write_string(ws, 1, 0, "Member", f.key);
  worksheet_write_string(ws, 1, 1, c.member_id.c_str(), nullptr);
  worksheet_write_string(ws, 1, 2, c.member_name.c_str(), nullptr);
  worksheet_write_string(ws, 2, 0, "Financial year", f.key);
  worksheet_write_string(ws, 2, 1, core::FinancialYearLabel(c.financial_year).c_str(), nullptr);
  worksheet_write_string(ws, 3, 0, "Period", f.key);
  worksheet_write_string(ws, 3, 1, PeriodCell(c.quarter).c_str(), nullptr);
  WriteHeader(ws, kMeasureHeaderRow, MeasureHeader(), f.header);

  for (std::size_t i = 0; i < c.measures.size(); ++i) {
    const TemplateContent::MeasureRow& m = c.measures[i];
    const auto row = static_cast<lxw_row_t>(kMeasureHeaderRow + 1 + i);
    const core::ReturnUnit unit = m.measure->unit;
    lxw_format* input = unit == core::ReturnUnit::kCount    ? f.input_count
                        : unit == core::ReturnUnit::kPounds ? f.input_pounds
                                                            : f.input_tonnes;
    lxw_format* last = unit == core::ReturnUnit::kCount    ? f.last_count
                       : unit == core::ReturnUnit::kPounds ? f.last_pounds
                                                           : f.last_tonnes;
    worksheet_write_string(ws, row, 0, std::string(m.measure->id).c_str(), f.key);
    worksheet_write_string(ws, row, 1, std::string(m.measure->label).c_str(), f.wrap);
    worksheet_write_string(ws, row, 2, std::string(core::ReturnUnitLabel(unit)).c_str(), nullptr);
    WriteInput(ws, row, 3, m.figure, input);
    if (m.last_year) {
      const double shown = unit == core::ReturnUnit::kCount
                               ? static_cast<double>(*m.last_year)
                               : static_cast<double>(*m.last_year) /
                                     (unit == core::ReturnUnit::kPounds ? 100.0 : 1000.0);
      worksheet_write_number(ws, row, 4, shown, last);
    }
    WriteInput(ws, row, 5, m.note, f.input_text);
    worksheet_write_string(ws, row, 6, m.guidance.c_str(), f.grey);
    if (unit == core::ReturnUnit::kCount) {
      Validate(ws, row, 3, row, LXW_VALIDATION_TYPE_INTEGER, 0,
               "Enter a whole number, 0 or more, or leave the cell blank.");
    } else {
      Validate(ws, row, 3, row, LXW_VALIDATION_TYPE_DECIMAL, 0,
               "Enter a number, 0 or more, or leave the cell blank.");
    }
  }
  worksheet_freeze_panes(ws, kMeasureHeaderRow + 1, 0);
  lxw_protection protection{};
  protection.format_columns = 1;
  protection.format_rows = 1;
  worksheet_protect(ws, nullptr, &protection);
}

const char* kYesNoUnknown[] = {"yes", "no", "unknown", nullptr};

void WriteTransfersSheet(lxw_worksheet* ws, const TemplateContent& c, const Formats& f) {
  const double widths[] = {36, 14, 16, 16, 14, 48};
  for (lxw_col_t col = 0; col < 6; ++col) worksheet_set_column(ws, col, col, widths[col], nullptr);
  WriteHeader(ws, 0, TransferHeader(), f.header);
  lxw_row_t row = 1;
  if (c.examples) {
    const auto& example = TransferExample();
    for (std::size_t i = 0; i < example.size(); ++i) {
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), example[i].c_str(), f.example);
    }
    ++row;
  }
  const lxw_row_t first_input = row;
  lxw_format* formats[] = {f.input_text,   f.input_text,  f.input_pounds,
                           f.input_pounds, f.input_count, f.input_text};
  const lxw_row_t rows = std::max<lxw_row_t>(kInputRows, c.transfers.size() + 20);
  for (lxw_row_t r = 0; r < rows; ++r) {
    const std::vector<std::string>* cells = r < c.transfers.size() ? &c.transfers[r] : nullptr;
    for (lxw_col_t col = 0; col < 6; ++col) {
      const std::string empty;
      const std::string& text = cells != nullptr && col < cells->size() ? (*cells)[col] : empty;
      WriteInput(ws, first_input + r, col, text, formats[col]);
    }
  }
  const lxw_row_t last = first_input + rows - 1;
  ValidateList(ws, first_input, 1, last, kYesNoUnknown);
  Validate(ws, first_input, 2, last, LXW_VALIDATION_TYPE_DECIMAL, 0, "Enter pounds, 0 or more.");
  Validate(ws, first_input, 3, last, LXW_VALIDATION_TYPE_DECIMAL, 0, "Enter pounds, 0 or more.");
  Validate(ws, first_input, 4, last, LXW_VALIDATION_TYPE_INTEGER, 0,
           "Enter a whole number, 0 or more.");
  worksheet_freeze_panes(ws, 1, 0);
}

void WriteProjectsSheet(lxw_worksheet* ws, const TemplateContent& c, const Formats& f,
                        const char** kinds) {
  const double widths[] = {20, 32, 12, 44, 10, 12, 18, 18, 40};
  for (lxw_col_t col = 0; col < 9; ++col) worksheet_set_column(ws, col, col, widths[col], nullptr);
  WriteHeader(ws, 0, ProjectHeader(), f.header);
  lxw_row_t row = 1;
  if (c.examples) {
    const auto& example = ProjectExample();
    for (std::size_t i = 0; i < example.size(); ++i) {
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), example[i].c_str(), f.example);
    }
    ++row;
  }
  const lxw_row_t first_input = row;
  lxw_format* formats[] = {f.input_text,    f.input_text,    f.input_text,
                           f.input_text,    f.input_text,    f.input_text,
                           f.input_decimal, f.input_decimal, f.input_text};
  const lxw_row_t rows = std::max<lxw_row_t>(kInputRows, c.projects.size() + 20);
  for (lxw_row_t r = 0; r < rows; ++r) {
    const std::vector<std::string>* cells = r < c.projects.size() ? &c.projects[r] : nullptr;
    for (lxw_col_t col = 0; col < 9; ++col) {
      const std::string empty;
      const std::string& text = cells != nullptr && col < cells->size() ? (*cells)[col] : empty;
      WriteInput(ws, first_input + r, col, text, formats[col]);
    }
  }
  const lxw_row_t last = first_input + rows - 1;
  ValidateList(ws, first_input, 2, last, kinds);
  Validate(ws, first_input, 5, last, LXW_VALIDATION_TYPE_INTEGER, 1990,
           "Enter a year such as 2023.");
  Validate(ws, first_input, 6, last, LXW_VALIDATION_TYPE_DECIMAL, 0, "Enter a number, 0 or more.");
  Validate(ws, first_input, 7, last, LXW_VALIDATION_TYPE_DECIMAL, 0, "Enter a number, 0 or more.");
  worksheet_freeze_panes(ws, 1, 0);
}

void WriteGuidanceSheet(lxw_worksheet* ws, const TemplateContent& c, const Formats& f) {
  worksheet_set_column(ws, 0, 0, 22, f.key);
  worksheet_set_column(ws, 1, 1, 100, f.wrap);
  worksheet_write_string(ws, 0, 0, "Topic", f.header);
  worksheet_write_string(ws, 0, 1, "Guidance", f.header);
  lxw_row_t row = 1;
  for (const auto& [topic, text] : c.guidance) {
    worksheet_write_string(ws, row, 0, topic.c_str(), f.key);
    worksheet_write_string(ws, row, 1, text.c_str(), f.wrap);
    ++row;
  }
  ++row;
  for (const TemplateContent::MeasureRow& m : c.measures) {
    worksheet_write_string(ws, row, 0, std::string(m.measure->id).c_str(), f.key);
    worksheet_write_string(ws, row, 1,
                           fmt::format("{} ({}). {}", m.measure->label,
                                       core::ReturnUnitLabel(m.measure->unit), m.guidance)
                               .c_str(),
                           f.wrap);
    ++row;
  }
  worksheet_freeze_panes(ws, 1, 0);
}

}  // namespace

const std::vector<std::string_view>& MeasureHeader() {
  static const std::vector<std::string_view> kHeader = {
      "Measure id", "Measure", "Unit", "Figure", "Last year", "Note or method", "Guidance"};
  return kHeader;
}

const std::vector<std::string_view>& TransferHeader() {
  static const std::vector<std::string_view> kHeader = {
      "Recipient employer", "Recipient is an SME",    "Committed (\xC2\xA3)",
      "Paid (\xC2\xA3)",    "Apprenticeships funded", "Note"};
  return kHeader;
}

const std::vector<std::string_view>& ProjectHeader() {
  static const std::vector<std::string_view> kHeader = {"Project id",
                                                        "Project",
                                                        "Kind",
                                                        "Activity",
                                                        "Unit",
                                                        "Activity year",
                                                        "Baseline activity per year",
                                                        "Activity per year after",
                                                        "Note"};
  return kHeader;
}

core::Result<TemplateContent> BlankTemplate(store::Store* store, const core::Network& network,
                                            std::string_view member, int financial_year,
                                            int quarter) {
  if (financial_year < 1990 || financial_year > 2100) {
    return core::Fail(ErrorCode::kUsage, "give the return's financial year, such as 2024/25");
  }
  if (quarter < 0 || quarter > 4) {
    return core::Fail(ErrorCode::kUsage,
                      fmt::format("quarter {} is not 1 to 4 (0: the whole year)", quarter));
  }
  const core::Member* m = network.FindMember(member);
  if (m == nullptr) {
    return tl::unexpected(core::UnknownMember(member));
  }
  TemplateContent c;
  c.title = fmt::format("{}: members' return for {}{}", network.name,
                        core::ReturnPeriodLabel(financial_year, quarter),
                        network.synthetic ? " (synthetic)" : "");
  c.member_id = m->id;
  c.member_name = m->name;
  c.financial_year = financial_year;
  c.quarter = quarter;

  // Last year: the member's current return for the same period a year earlier.
  std::map<std::string, std::int64_t, std::less<>> last_year;
  store::ReturnFilter filter;
  filter.financial_year = financial_year - 1;
  filter.member = m->id;
  auto subs = store ? store->ListReturnSubmissions(filter)
                    : core::Result<std::vector<store::ReturnSubmission>>{};
  if (!subs) return tl::unexpected(subs.error());
  for (const store::ReturnSubmission& s : *subs) {
    if (s.quarter != quarter || s.superseded_by != 0) continue;
    auto ret = store->LoadReturn(s.id);
    if (!ret) return tl::unexpected(ret.error());
    for (const core::ReturnFigure& f : ret->figures) last_year[f.measure] = f.value;
    break;
  }

  const std::string living_wage = LivingWageText(PeriodEnd(network, financial_year, quarter));
  for (const core::ReturnMeasure& measure : core::ReturnMeasures()) {
    TemplateContent::MeasureRow row;
    row.measure = &measure;
    row.guidance = std::string(measure.guidance);
    if ((measure.id == "W1D" || measure.id == "W1C") && !living_wage.empty()) {
      row.guidance += fmt::format(" Real Living Wage rates for the period: {}.", living_wage);
    }
    if (auto it = last_year.find(measure.id); it != last_year.end()) row.last_year = it->second;
    c.measures.push_back(std::move(row));
  }
  c.guidance = GuidanceTopics(living_wage);
  return c;
}

core::Status WriteTemplateXlsx(const std::string& path, const TemplateContent& c) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) {
    return core::Fail(ErrorCode::kFileUnreadable, "cannot create the workbook", {path});
  }
  lxw_doc_properties props{};
  props.title = const_cast<char*>(c.title.c_str());
  props.subject = const_cast<char*>("A member's return of workforce and climate figures");
  props.author = const_cast<char*>("anchornet");
  props.comments =
      const_cast<char*>("Fill in the shaded cells. Import with: anchornet import returns FILE");
  workbook_set_properties(wb, &props);

  lxw_worksheet* ret = workbook_add_worksheet(wb, std::string(kReturnSheet).c_str());
  lxw_worksheet* transfers = workbook_add_worksheet(wb, std::string(kTransfersSheet).c_str());
  lxw_worksheet* projects = workbook_add_worksheet(wb, std::string(kProjectsSheet).c_str());
  lxw_worksheet* guidance = workbook_add_worksheet(wb, std::string(kGuidanceSheet).c_str());
  const Formats f = MakeFormats(wb);

  std::vector<std::string> kind_names;
  for (std::string_view k : core::CarbonProjectKinds()) kind_names.emplace_back(k);
  std::vector<const char*> kinds;
  kinds.reserve(kind_names.size() + 1);
  for (const std::string& k : kind_names) kinds.push_back(k.c_str());
  kinds.push_back(nullptr);

  WriteReturnSheet(ret, c, f);
  WriteTransfersSheet(transfers, c, f);
  WriteProjectsSheet(projects, c, f, kinds.data());
  WriteGuidanceSheet(guidance, c, f);
  worksheet_activate(ret);

  const lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR) {
    return core::Fail(ErrorCode::kFileUnreadable,
                      fmt::format("cannot write the template: {}", lxw_strerror(e)), {path});
  }
  return {};
}

core::Status WriteTemplateCsv(const std::string& path, const TemplateContent& c) {
  std::string out = "\xEF\xBB\xBF";  // a byte-order mark: Excel then reads '£' as UTF-8
  out += core::CsvLine({c.title});
  out += core::CsvLine({"Member", c.member_id, c.member_name});
  out += core::CsvLine({"Financial year", core::FinancialYearLabel(c.financial_year)});
  out += core::CsvLine({"Period", PeriodCell(c.quarter)});
  out += "\r\n";
  out += core::CsvLine(Strings(MeasureHeader()));
  for (const TemplateContent::MeasureRow& m : c.measures) {
    out += core::CsvLine({std::string(m.measure->id), std::string(m.measure->label),
                    std::string(core::ReturnUnitLabel(m.measure->unit)), m.figure,
                    m.last_year ? core::FormatReturnValue(*m.last_year, m.measure->unit) : "",
                    m.note, m.guidance});
  }
  out += "\r\n";
  out += core::CsvLine(Strings(TransferHeader()));
  if (c.examples) out += core::CsvLine(TransferExample());
  for (const auto& row : c.transfers) out += core::CsvLine(row);
  out += "\r\n";
  out += core::CsvLine(Strings(ProjectHeader()));
  if (c.examples) out += core::CsvLine(ProjectExample());
  for (const auto& row : c.projects) out += core::CsvLine(row);

  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << out;
  file.close();
  if (!file) {
    return core::Fail(ErrorCode::kFileUnreadable, "cannot write the template", {path});
  }
  return {};
}

}  // namespace anchornet::ingest::returns
