// The seven file layouts. Text layouts are built in one std::string per file with hand-written
// number and date formatting (no streams), then transcoded cell by cell where the layout uses a
// legacy code page. XLSX goes through libxlsxwriter.

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "demo/internal/generator.h"

namespace anchornet::demo::internal {

namespace {

constexpr std::string_view kMonthTitle[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::string_view kMonthUpper[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                            "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::string_view kMonthLong[] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};

// Excel's 1900 day number of 1970-01-01.
constexpr std::int32_t kExcelSerialOf1970 = 25569;
// Empty columns after the data in the excel-serial layout.
constexpr int kTrailingEmptyColumns = 40;
// Fixed creation time for XLSX document properties (2024-02-08T00:00:00Z) so workbooks are
// byte-for-byte reproducible.
constexpr std::time_t kXlsxCreated = 1707350400;

void AppendInt(std::string& out, std::int64_t v) {
  char buf[24];
  char* end = buf + sizeof buf;
  char* p = end;
  const bool negative = v < 0;
  std::uint64_t u = negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (negative) *--p = '-';
  out.append(p, static_cast<std::size_t>(end - p));
}

void Append2(std::string& out, int v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

bool NeedsQuotes(std::string_view text, char delimiter) {
  for (const char c : text) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') return true;
  }
  return false;
}

// One cell: quoted when it holds the delimiter or a quote, transcoded to the file's encoding.
void AppendCell(std::string& out, std::string_view text, char delimiter, Encoding encoding) {
  if (!NeedsQuotes(text, delimiter)) {
    AppendEncoded(out, text, encoding);
    return;
  }
  out.push_back('"');
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') continue;
    AppendEncoded(out, text.substr(start, i + 1 - start), encoding);
    out.push_back('"');
    start = i + 1;
  }
  AppendEncoded(out, text.substr(start), encoding);
  out.push_back('"');
}

// Appends an amount cell whose text may contain the delimiter (thousands separators).
void AppendMoneyCell(std::string& out, std::string_view money, char delimiter) {
  if (money.find(delimiter) == std::string_view::npos) {
    out.append(money);
    return;
  }
  out.push_back('"');
  out.append(money);
  out.push_back('"');
}

void AppendDmySlash(std::string& out, const core::CivilDate& c) {  // 03/04/2023
  Append2(out, c.day);
  out.push_back('/');
  Append2(out, c.month);
  out.push_back('/');
  AppendInt(out, c.year);
}

void AppendIso(std::string& out, const core::CivilDate& c) {  // 2023-04-03
  AppendInt(out, c.year);
  out.push_back('-');
  Append2(out, c.month);
  out.push_back('-');
  Append2(out, c.day);
}

void AppendDayMonUpperYear(std::string& out, const core::CivilDate& c) {  // 03-APR-2023
  Append2(out, c.day);
  out.push_back('-');
  out.append(kMonthUpper[c.month - 1]);
  out.push_back('-');
  AppendInt(out, c.year);
}

void AppendDMonYyyy(std::string& out, const core::CivilDate& c) {  // 3 Apr 2023
  AppendInt(out, c.day);
  out.push_back(' ');
  out.append(kMonthTitle[c.month - 1]);
  out.push_back(' ');
  AppendInt(out, c.year);
}

void AppendDdMonYy(std::string& out, const core::CivilDate& c) {  // 03-Apr-23
  Append2(out, c.day);
  out.push_back('-');
  out.append(kMonthTitle[c.month - 1]);
  out.push_back('-');
  Append2(out, c.year % 100);
}

// A 31 February in each layout's own date style.
void AppendBadDate(std::string& out, Layout layout, int year) {
  switch (layout) {
    case Layout::kSemicolonIso:
      AppendInt(out, year);
      out.append("-02-31");
      return;
    case Layout::kPreambleCp1252:
      out.append("31-FEB-");
      AppendInt(out, year);
      return;
    case Layout::kTabDmy:
      out.append("31 Feb ");
      AppendInt(out, year);
      return;
    case Layout::kDosCp850:
      out.append("31-Feb-");
      Append2(out, year % 100);
      return;
    case Layout::kLgtcCsv:
    case Layout::kExcelSerial:
    case Layout::kXlsx:
      out.append("31/02/");
      AppendInt(out, year);
      return;
  }
}

constexpr std::string_view kBadAmount = "TBC";

// The year used in a bad date: the February of the file's financial year.
int FebruaryYear(const FileBatch& batch) { return batch.month >= 4 ? batch.year + 1 : batch.year; }

void AppendDate(std::string& out, Layout layout, const FileBatch& batch, const Payment& p) {
  if (p.bad == BadCell::kDate) {
    AppendBadDate(out, layout, FebruaryYear(batch));
    return;
  }
  const core::CivilDate c = core::ToCivil(p.paid_on);
  switch (layout) {
    case Layout::kLgtcCsv:
      AppendDmySlash(out, c);
      return;
    case Layout::kPreambleCp1252:
      AppendDayMonUpperYear(out, c);
      return;
    case Layout::kExcelSerial:
      AppendInt(out, p.paid_on.days + kExcelSerialOf1970);
      return;
    case Layout::kSemicolonIso:
      AppendIso(out, c);
      return;
    case Layout::kTabDmy:
      AppendDMonYyyy(out, c);
      return;
    case Layout::kDosCp850:
      AppendDdMonYy(out, c);
      return;
    case Layout::kXlsx:
      AppendDmySlash(out, c);
      return;
  }
}

// ---------------------------------------------------------------------------------------------

void RenderLgtc(const FileBatch& batch, std::string& out) {
  constexpr char d = ',';
  const Encoding e = Encoding::kUtf8;
  out.append(
      "Body,Service Area,Expense Type,Supplier Name,Payment Date,Transaction Number,Amount\n");
  std::string body;
  AppendCell(body, batch.member->name, d, e);
  std::string money;
  for (const Payment& p : batch.payments) {
    out.append(body);
    out.push_back(d);
    AppendCell(out, p.service_area, d, e);
    out.push_back(d);
    AppendCell(out, p.expense_type, d, e);
    out.push_back(d);
    AppendCell(out, batch.Payee(p), d, e);
    out.push_back(d);
    AppendDate(out, Layout::kLgtcCsv, batch, p);
    out.push_back(d);
    AppendInt(out, p.reference);
    out.push_back(d);
    if (p.bad == BadCell::kAmount) {
      out.append(kBadAmount);
    } else {
      money.clear();
      AppendPence(money, p.amount, std::llabs(p.amount) >= 100'000);
      AppendMoneyCell(out, money, d);
    }
    out.push_back('\n');
  }
}

void RenderPreambleCp1252(const FileBatch& batch, const Labels& labels, std::string& out) {
  constexpr char d = ',';
  const Encoding e = Encoding::kCp1252;
  const char* const eol = "\r\n";
  // The report ran on the fifth of the following month.
  const int report_month = batch.month == 12 ? 1 : batch.month + 1;
  const int report_year = batch.month == 12 ? batch.year + 1 : batch.year;
  std::string line = fmt::format("SYNTHETIC DEMO DATA - {}", batch.member->name);
  AppendCell(out, line, d, e);
  out.append(",,,,");
  out.append(eol);
  line = fmt::format("Payments to suppliers: {} {}", kMonthLong[batch.month - 1], batch.year);
  AppendCell(out, line, d, e);
  out.append(",,,,");
  out.append(eol);
  line = fmt::format("Report Date: 05/{:02}/{}", report_month, report_year);
  AppendCell(out, line, d, e);
  out.append(",,,,");
  out.append(eol);
  line = fmt::format("{}: generated by anchornet demo (seed {}) - not real payments",
                     labels.network_name, labels.seed);
  AppendCell(out, line, d, e);
  out.append(",,,,");
  out.append(eol);
  out.append(",,,,");
  out.append(eol);
  out.append(eol);
  AppendEncoded(out,
                "Department,Supplier Name,Invoice Creation Date,Invoice Nett Amount(\u00A3),"
                "Subj Description",
                e);
  out.append(eol);
  for (const Payment& p : batch.payments) {
    AppendCell(out, p.service_area, d, e);
    out.push_back(d);
    AppendCell(out, batch.Payee(p), d, e);
    out.push_back(d);
    AppendDate(out, Layout::kPreambleCp1252, batch, p);
    out.push_back(d);
    if (p.bad == BadCell::kAmount) {
      out.append(kBadAmount);
    } else {
      AppendPence(out, p.amount, false);
    }
    out.push_back(d);
    AppendCell(out, p.expense_type, d, e);
    out.append(eol);
  }
  out.append("Total,,,");
  AppendPence(out, batch.total, false);
  out.push_back(d);
  out.append(eol);
}

void RenderExcelSerial(const FileBatch& batch, std::string& out) {
  constexpr char d = ',';
  const Encoding e = Encoding::kUtf8;
  const char* const eol = "\r\n";
  const std::string trailing(kTrailingEmptyColumns, ',');
  out.append("\xEF\xBB\xBF");
  out.append(6 + kTrailingEmptyColumns, ',');
  out.append(eol);
  out.append("Service Cost Centre,Account Detail,Description,Ref no,Name,Payment date,Net Amount");
  out.append(trailing);
  out.append(eol);
  for (const Payment& p : batch.payments) {
    AppendCell(out, p.service_area, d, e);
    out.push_back(d);
    AppendCell(out, p.expense_type, d, e);
    out.push_back(d);
    out.append("Invoice ");
    AppendInt(out, p.invoice);
    out.push_back(d);
    AppendInt(out, p.reference);
    out.push_back(d);
    AppendCell(out, batch.Payee(p), d, e);
    out.push_back(d);
    AppendDate(out, Layout::kExcelSerial, batch, p);
    out.push_back(d);
    if (p.bad == BadCell::kAmount) {
      out.append(kBadAmount);
    } else {
      AppendPence(out, p.amount, false);
    }
    out.append(trailing);
    out.append(eol);
  }
}

void RenderSemicolonIso(const FileBatch& batch, std::string& out) {
  constexpr char d = ';';
  const Encoding e = Encoding::kUtf8;
  out.append("Date;Supplier;Amount;VAT;Expense type;Reference\n");
  for (const Payment& p : batch.payments) {
    AppendDate(out, Layout::kSemicolonIso, batch, p);
    out.push_back(d);
    AppendCell(out, batch.Payee(p), d, e);
    out.push_back(d);
    if (p.bad == BadCell::kAmount) {
      out.append(kBadAmount);
    } else {
      AppendPence(out, p.amount, false);
    }
    out.push_back(d);
    AppendPence(out, p.vat, false);
    out.push_back(d);
    AppendCell(out, p.expense_type, d, e);
    out.append(";PAY-");
    AppendInt(out, p.reference);
    out.push_back('\n');
  }
}

void RenderTabDmy(const FileBatch& batch, std::string& out) {
  constexpr char d = '\t';
  const Encoding e = Encoding::kUtf8;
  out.append("Payment Date\tPayee\tNet\tService\tCategory\tInvoice No\n");
  for (const Payment& p : batch.payments) {
    AppendDate(out, Layout::kTabDmy, batch, p);
    out.push_back(d);
    AppendCell(out, batch.Payee(p), d, e);
    out.push_back(d);
    if (p.bad == BadCell::kAmount) {
      out.append(kBadAmount);
    } else if (p.amount < 0) {
      out.push_back('(');
      AppendPence(out, -p.amount, true);
      out.push_back(')');
    } else {
      AppendPence(out, p.amount, true);
    }
    out.push_back(d);
    AppendCell(out, p.service_area, d, e);
    out.push_back(d);
    AppendCell(out, p.expense_type, d, e);
    out.append("\tINV-");
    AppendInt(out, p.reference);
    out.push_back('\n');
  }
}

void RenderDosCp850(const FileBatch& batch, std::string& out) {
  constexpr char d = ',';
  const Encoding e = Encoding::kCp850;
  const char* const eol = "\r\n";
  AppendEncoded(out, "Date,Supplier,Amount (\u00A3),Cost Centre,Expense Type,Reference", e);
  out.append(eol);
  std::string money;
  for (const Payment& p : batch.payments) {
    AppendDate(out, Layout::kDosCp850, batch, p);
    out.push_back(d);
    AppendCell(out, batch.Payee(p), d, e);
    out.push_back(d);
    if (p.bad == BadCell::kAmount) {
      out.append(kBadAmount);
    } else if (p.pound_sign) {
      money.clear();
      if (p.amount < 0) money.push_back('-');
      money.push_back('\x9C');  // '£' in code page 850
      AppendPence(money, std::llabs(p.amount), true);
      AppendMoneyCell(out, money, d);
    } else {
      AppendPence(out, p.amount, false);
    }
    out.push_back(d);
    AppendCell(out, p.service_area, d, e);
    out.push_back(d);
    AppendCell(out, p.expense_type, d, e);
    out.push_back(d);
    AppendInt(out, p.reference);
    out.append(eol);
  }
}

}  // namespace

void AppendPence(std::string& out, core::Pence pence, bool thousands) {
  if (pence < 0) out.push_back('-');
  const std::uint64_t abs =
      pence < 0 ? 0 - static_cast<std::uint64_t>(pence) : static_cast<std::uint64_t>(pence);
  const std::uint64_t pounds = abs / 100;
  const auto pennies = static_cast<int>(abs % 100);
  char digits[24];
  int n = 0;
  std::uint64_t u = pounds;
  do {
    digits[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  for (int i = n - 1; i >= 0; --i) {
    out.push_back(digits[i]);
    if (thousands && i > 0 && i % 3 == 0) out.push_back(',');
  }
  out.push_back('.');
  Append2(out, pennies);
}

void AppendEncoded(std::string& out, std::string_view utf8, Encoding encoding) {
  if (encoding == Encoding::kUtf8) {
    out.append(utf8);
    return;
  }
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    // Decode a two- or three-byte sequence (nothing longer is generated).
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
      i += 1;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < utf8.size()) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
      i += 2;
    }
    char byte = '?';
    if (encoding == Encoding::kCp1252) {
      if (cp >= 0xA0 && cp <= 0xFF) {
        byte = static_cast<char>(cp);  // Windows-1252 agrees with Latin-1 here
      } else if (cp == 0x2019) {
        byte = '\x92';
      } else if (cp == 0x2018) {
        byte = '\x91';
      } else if (cp == 0x20AC) {
        byte = '\x80';
      } else if (cp == 0x2013) {
        byte = '\x96';
      }
    } else {
      switch (cp) {
        case 0xA3:
          byte = '\x9C';
          break;  // £
        case 0xE9:
          byte = '\x82';
          break;  // é
        case 0xE8:
          byte = '\x8A';
          break;  // è
        case 0xEA:
          byte = '\x88';
          break;  // ê
        case 0xEB:
          byte = '\x89';
          break;  // ë
        case 0xE7:
          byte = '\x87';
          break;  // ç
        case 0xF4:
          byte = '\x93';
          break;  // ô
        case 0xFC:
          byte = '\x81';
          break;  // ü
        case 0xF6:
          byte = '\x94';
          break;  // ö
        case 0xF1:
          byte = '\xA4';
          break;  // ñ
        case 0xE1:
          byte = '\xA0';
          break;  // á
        case 0xE0:
          byte = '\x85';
          break;  // à
        case 0xE2:
          byte = '\x83';
          break;  // â
        case 0xE4:
          byte = '\x84';
          break;  // ä
        case 0xC9:
          byte = '\x90';
          break;  // É
        case 0xC8:
          byte = '\xD4';
          break;  // È
        case 0xCB:
          byte = '\xD3';
          break;  // Ë
        case 0xC7:
          byte = '\x80';
          break;  // Ç
        case 0xD4:
          byte = '\xE2';
          break;  // Ô
        case 0xDC:
          byte = '\x9A';
          break;  // Ü
        case 0xD6:
          byte = '\x99';
          break;  // Ö
        case 0xD1:
          byte = '\xA5';
          break;  // Ñ
        case 0x2019:
        case 0x2018:
          byte = '\'';
          break;  // no curly quotes in code page 850
        default:
          break;
      }
    }
    out.push_back(byte);
  }
}

std::string RenderText(const FileBatch& batch, const Labels& labels) {
  std::string out;
  out.reserve(batch.payments.size() * 120 + 1024);
  switch (batch.member->layout) {
    case Layout::kLgtcCsv:
      RenderLgtc(batch, out);
      break;
    case Layout::kPreambleCp1252:
      RenderPreambleCp1252(batch, labels, out);
      break;
    case Layout::kExcelSerial:
      RenderExcelSerial(batch, out);
      break;
    case Layout::kSemicolonIso:
      RenderSemicolonIso(batch, out);
      break;
    case Layout::kTabDmy:
      RenderTabDmy(batch, out);
      break;
    case Layout::kDosCp850:
      RenderDosCp850(batch, out);
      break;
    case Layout::kXlsx:
      break;  // written by WriteXlsx
  }
  return out;
}

core::Status WriteXlsx(const FileBatch& batch, const Labels& labels, const std::string& path) {
  lxw_workbook_options options = {};
  options.constant_memory = LXW_FALSE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (workbook == nullptr) {
    return core::Fail(core::ErrorCode::kStoreIo, fmt::format("cannot create workbook {}", path));
  }
  // libxlsxwriter takes char*, so the strings are mutable locals that outlive the call.
  std::string title = fmt::format("SYNTHETIC DEMO DATA - {} - payments {} {}", batch.member->name,
                                  kMonthLong[batch.month - 1], batch.year);
  std::string comments =
      fmt::format("{}: generated by anchornet demo (seed {}); not real payments.",
                  labels.network_name, labels.seed);
  std::string author = "anchornet demo (synthetic)";
  std::string keywords = "synthetic, demo";
  lxw_doc_properties properties = {};
  properties.title = title.data();
  properties.author = author.data();
  properties.comments = comments.data();
  properties.keywords = keywords.data();
  properties.created = kXlsxCreated;
  lxw_error err = workbook_set_properties(workbook, &properties);

  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Synthetic spend");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* date_format = workbook_add_format(workbook);
  format_set_num_format(date_format, "dd/mm/yyyy");
  lxw_format* money_format = workbook_add_format(workbook);
  format_set_num_format(money_format, "#,##0.00");

  auto keep = [&err](lxw_error e) {
    if (err == LXW_NO_ERROR) err = e;
  };
  if (sheet == nullptr) {
    keep(LXW_ERROR_MEMORY_MALLOC_FAILED);
  } else {
    keep(worksheet_set_column(sheet, 0, 0, 12, nullptr));
    keep(worksheet_set_column(sheet, 1, 1, 40, nullptr));
    keep(worksheet_set_column(sheet, 2, 2, 14, nullptr));
    keep(worksheet_set_column(sheet, 3, 4, 32, nullptr));
    keep(worksheet_set_column(sheet, 5, 5, 16, nullptr));
    constexpr const char* kHeader[] = {"Date",         "Supplier",     "Amount",
                                       "Expense Area", "Expense Type", "Transaction ID"};
    for (lxw_col_t col = 0; col < 6; ++col) {
      keep(worksheet_write_string(sheet, 0, col, kHeader[col], bold));
    }
    std::string cell;
    lxw_row_t row = 1;
    for (const Payment& p : batch.payments) {
      if (p.bad == BadCell::kDate) {
        cell.clear();
        AppendBadDate(cell, Layout::kXlsx, FebruaryYear(batch));
        keep(worksheet_write_string(sheet, row, 0, cell.c_str(), nullptr));
      } else {
        const core::CivilDate c = core::ToCivil(p.paid_on);
        lxw_datetime when = {c.year, c.month, c.day, 0, 0, 0.0};
        keep(worksheet_write_datetime(sheet, row, 0, &when, date_format));
      }
      cell.assign(batch.Payee(p));
      keep(worksheet_write_string(sheet, row, 1, cell.c_str(), nullptr));
      if (p.bad == BadCell::kAmount) {
        keep(worksheet_write_string(sheet, row, 2, "TBC", nullptr));
      } else {
        // Exact: every whole number of pence below 2^53 divided by 100 round-trips through
        // the 15 significant digits a reader prints.
        keep(worksheet_write_number(sheet, row, 2, static_cast<double>(p.amount) / 100.0,
                                    money_format));
      }
      cell.assign(p.service_area);
      keep(worksheet_write_string(sheet, row, 3, cell.c_str(), nullptr));
      cell.assign(p.expense_type);
      keep(worksheet_write_string(sheet, row, 4, cell.c_str(), nullptr));
      cell = fmt::format("TX{}", p.reference);
      keep(worksheet_write_string(sheet, row, 5, cell.c_str(), nullptr));
      ++row;
    }
  }
  const lxw_error closed = workbook_close(workbook);  // frees the workbook
  keep(closed);
  if (err != LXW_NO_ERROR) {
    return core::Fail(core::ErrorCode::kStoreIo,
                      fmt::format("cannot write workbook {}: {}", path, lxw_strerror(err)));
  }
  return {};
}

}  // namespace anchornet::demo::internal
