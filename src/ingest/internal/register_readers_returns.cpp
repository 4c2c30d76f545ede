// supplier-returns: a member's return about its suppliers (CSV or XLSX in the template's
// columns, with common header synonyms), and the template itself (CSV, or XLSX written with
// libxlsxwriter: header, drop-down lists, a grey example row and a guidance sheet).
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>

#include "core/csv.h"
#include "core/names.h"
#include "core/postcode.h"
#include "core/supplier.h"
#include "core/text.h"
#include "ingest/internal/registers_internal.h"

namespace anchornet::ingest {

namespace {

using core::ErrorCode;

// Template columns, in order. Index constants below follow this order.
enum Column : std::size_t {
  kName,
  kCompanyNumber,
  kCharityNumber,
  kVatNumber,
  kSize,
  kVcse,
  kVcseForm,
  kWomen,
  kEthnicMinority,
  kDisabled,
  kLgbtq,
  kEvidence,
  kCertifiedBy,
  kPostcodes,
  kPublicBody,
  kNotes,
  kColumnCount,
};

// Header spellings accepted for each column, as HeaderKey()s; the template's own name first.
const std::array<std::vector<std::string_view>, kColumnCount>& Synonyms() {
  static const std::array<std::vector<std::string_view>, kColumnCount> kSynonyms = {{
      {"suppliername", "supplier", "name", "vendor", "vendorname", "payee", "payeename",
       "beneficiary", "organisation", "organisationname", "organization", "companyname"},
      {"companynumber", "companyno", "companyregistrationnumber", "companyregno",
       "companieshousenumber", "crn", "registeredcompanynumber"},
      {"charitynumber", "charityno", "registeredcharitynumber", "charityregistrationnumber"},
      {"vatnumber", "vatno", "vatregistrationnumber", "vatregno", "vat"},
      {"sizeband", "size", "suppliersize", "businesssize", "organisationsize", "sizecategory"},
      {"vcse", "isvcse", "vcsestatus"},
      {"vcseform", "vcsetype", "legalform"},
      {"womenowned", "womenled", "womenownedorled", "femaleowned"},
      {"ethnicminorityowned", "ethnicminorityled", "ethnicminorityownedorled", "minorityowned"},
      {"disabledowned", "disabledled", "disabledownedorled", "disabilityowned"},
      {"lgbtqowned", "lgbtqled", "lgbtqownedorled", "lgbtowned", "lgbtqiowned"},
      {"evidence", "evidencetype"},
      {"certifiedby", "certifier", "certifyingbody", "certificationbody"},
      {"tradingpostcodes", "tradingpostcode", "postcodes", "postcode", "supplierpostcode"},
      {"publicbody", "publicbodykind", "publicsector"},
      {"notes", "note", "comments", "comment"},
  }};
  return kSynonyms;
}

constexpr std::array<std::uint8_t, 4> kFlagBits = {core::kWomenOwned, core::kEthnicMinorityOwned,
                                                   core::kDisabledOwned, core::kLgbtqOwned};

std::optional<core::Evidence> ParseEvidence(std::string_view text) {
  const std::string lower = core::ToLowerAscii(core::Trim(text));
  if (lower.empty() || lower == "none") return core::Evidence::kNone;
  if (lower == "certified" || lower == "certificate" || lower == "accredited") {
    return core::Evidence::kCertified;
  }
  if (lower == "self-declared" || lower == "self declared" || lower == "selfdeclared" ||
      lower == "self" || lower == "declared" || lower == "self-declaration") {
    return core::Evidence::kSelfDeclared;
  }
  return std::nullopt;
}

std::string PublicBodyChoices() {
  std::string out;
  for (int k = static_cast<int>(core::PublicBodyKind::kMember);
       k <= static_cast<int>(core::PublicBodyKind::kOtherPublic); ++k) {
    if (!out.empty()) out += ", ";
    out += core::PublicBodyKindName(static_cast<core::PublicBodyKind>(k));
  }
  return out;
}

class SupplierReturnsReader final : public registers::RegisterReader {
 public:
  SupplierReturnsReader(std::array<std::int32_t, kColumnCount> cols,
                        std::vector<std::string> header_cells)
      : cols_(cols), header_(std::move(header_cells)) {}

  core::Status Take(const Row& row, registers::RegisterSink& sink) override {
    using registers::Cell;
    // The template's example row and comment rows.
    const std::string_view first = Cell(row, 0);
    const std::string lower_first = core::ToLowerAscii(first.substr(0, 8));
    if (core::StartsWith(first, "#") || lower_first == "example" ||
        core::StartsWith(lower_first, "example:")) {
      sink.Skip();
      return {};
    }
    store::SupplierReturnLine& l = line_;
    l = store::SupplierReturnLine{};
    l.row = row.line;
    l.name.assign(Text(row, kName));

    // Identifiers: blank is fine, something unreadable is not.
    struct Id {
      Column column;
      std::string* out;
      std::string (*normalise)(std::string_view);
      std::string_view example;
    };
    const Id ids[] = {
        {kCompanyNumber, &l.company_number, core::NormaliseCompanyNumber,
         "8 characters such as 01234567 or SC123456"},
        {kCharityNumber, &l.charity_number, core::NormaliseCharityNumber,
         "such as 1000611, SC012345 or NIC100001"},
        {kVatNumber, &l.vat_number, core::NormaliseVatNumber, "such as GB123456789"},
    };
    for (const Id& id : ids) {
      const std::string_view text = Text(row, id.column);
      if (text.empty()) continue;
      *id.out = id.normalise(text);
      if (id.out->empty()) {
        return Bad(
            row, sink, id.column,
            fmt::format("'{}' is not a valid {} ({})", text, ColumnName(id.column), id.example));
      }
    }
    if (l.name.empty() && l.company_number.empty() && l.charity_number.empty() &&
        l.vat_number.empty()) {
      return sink.Reject(row, cols_[kName] + 1, ErrorCode::kMissingPayee,
                         "the row has no supplier name and no company, charity or VAT number");
    }

    const std::string_view size = Text(row, kSize);
    const auto band = core::ParseSizeBand(size);
    if (!band) {
      return Bad(row, sink, kSize,
                 fmt::format("'{}' is not a size band: use micro, small, medium, large, sme or "
                             "unknown",
                             size));
    }
    l.size = *band;

    const std::string_view vcse = Text(row, kVcse);
    const auto vcse_known = core::ParseKnown(vcse);
    if (!vcse_known) {
      return Bad(row, sink, kVcse, fmt::format("'{}' is not yes, no or unknown", vcse));
    }
    l.vcse = *vcse_known;
    l.vcse_form.assign(Text(row, kVcseForm));

    for (std::size_t f = 0; f < kFlagBits.size(); ++f) {
      const auto column = static_cast<Column>(kWomen + f);
      const std::string_view text = Text(row, column);
      const auto known = core::ParseKnown(text);
      if (!known) {
        return Bad(row, sink, column,
                   fmt::format("'{}' is not yes or no (leave it blank when not known)", text));
      }
      if (*known == core::Known::kYes) l.diverse_yes |= kFlagBits[f];
      if (*known == core::Known::kNo) l.diverse_no |= kFlagBits[f];
    }

    const std::string_view evidence = Text(row, kEvidence);
    const auto parsed_evidence = ParseEvidence(evidence);
    if (!parsed_evidence) {
      return Bad(row, sink, kEvidence,
                 fmt::format("'{}' is not certified or self-declared", evidence));
    }
    l.evidence = *parsed_evidence;
    l.certified_by.assign(Text(row, kCertifiedBy));
    if (l.evidence == core::Evidence::kNone && !l.certified_by.empty()) {
      l.evidence = core::Evidence::kCertified;
    }

    const std::string_view postcodes = Text(row, kPostcodes);
    for (std::string_view part : core::Split(postcodes, ';')) {
      for (std::string_view text : core::Split(part, ',')) {
        text = core::Trim(text);
        if (text.empty()) continue;
        std::string postcode = core::NormalisePostcode(text);
        if (postcode.empty()) {
          return Bad(row, sink, kPostcodes,
                     fmt::format("'{}' is not a full postcode (such as SE11 5AA); separate "
                                 "several with ';'",
                                 text));
        }
        l.postcodes.push_back(std::move(postcode));
      }
    }

    const std::string_view body = Text(row, kPublicBody);
    const std::string body_lower = core::ToLowerAscii(body);
    if (!body.empty() && body_lower != "no" && body_lower != "none") {
      const auto kind = core::ParsePublicBodyKind(body);
      if (!kind) {
        return Bad(row, sink, kPublicBody,
                   fmt::format("'{}' is not a kind of public body: leave it blank, or use one "
                               "of {}",
                               body, PublicBodyChoices()));
      }
      l.public_body = *kind;
    }
    return sink.Return(l);
  }

  std::string_view Variant() const override { return "supplier return"; }
  std::size_t Width() const override { return header_.size(); }

 private:
  std::string_view Text(const Row& row, Column c) const {
    const std::string_view v = registers::Cell(row, cols_[c]);
    return core::IsNullLike(v) && c != kName ? std::string_view() : v;
  }

  std::string ColumnName(Column c) const {
    const std::int32_t col = cols_[c];
    if (col >= 0 && static_cast<std::size_t>(col) < header_.size() && !header_[col].empty()) {
      return header_[col];
    }
    return SupplierReturnColumns()[c].header;
  }

  // An enumerated or identifier value that cannot be read: the row is rejected, naming the
  // column as the file spells it.
  core::Status Bad(const Row& row, registers::RegisterSink& sink, Column c,
                   std::string message) const {
    return sink.Reject(row, cols_[c] + 1, ErrorCode::kConfigInvalid,
                       fmt::format("{}: {}", ColumnName(c), message));
  }

  std::array<std::int32_t, kColumnCount> cols_;
  std::vector<std::string> header_;
  store::SupplierReturnLine line_;
};

std::string TemplateTitle(const core::Network& network, std::string_view member) {
  const core::Member* m = network.FindMember(member);
  return fmt::format("anchornet supplier return — {}", m != nullptr ? m->name : member);
}

core::Status WriteCsvTemplate(const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::vector<std::string> header;
  for (const TemplateColumn& c : SupplierReturnColumns()) header.emplace_back(c.header);
  out << core::CsvLine(header);
  out.close();
  if (!out) {
    return core::Fail(ErrorCode::kStoreIo, "cannot write the template", {path});
  }
  return {};
}

// Drop-down lists for the enumerated columns (NULL-terminated, as libxlsxwriter wants).
const char* kSizeList[] = {"micro", "small", "medium", "large", "sme", "unknown", nullptr};
const char* kVcseList[] = {"yes", "no", "unknown", nullptr};
const char* kYesNoList[] = {"yes", "no", nullptr};
const char* kEvidenceList[] = {"certified", "self-declared", nullptr};
const char* kPublicList[] = {"local-government", "nhs",       "hmrc",         "central-government",
                             "police-fire",      "education", "other-public", nullptr};

// Rows of the Suppliers sheet that carry the drop-down lists.
constexpr lxw_row_t kValidatedRows = 5000;

core::Status WriteXlsxTemplate(const std::string& path, const std::string& title) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return core::Fail(ErrorCode::kStoreIo, "cannot create the workbook", {path});
  lxw_doc_properties props{};
  props.title = const_cast<char*>(title.c_str());
  props.subject = const_cast<char*>("What a member knows about its suppliers");
  props.author = const_cast<char*>("anchornet");
  props.comments = const_cast<char*>(
      "Fill one row per supplier on the Suppliers sheet; the grey Example row is not imported. "
      "Import with: anchornet import register supplier-returns FILE --member ID");
  workbook_set_properties(wb, &props);

  lxw_worksheet* ws = workbook_add_worksheet(wb, "Suppliers");
  lxw_worksheet* guide = workbook_add_worksheet(wb, "Guidance");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xDDEBF7);
  format_set_border(bold, LXW_BORDER_THIN);
  lxw_format* grey = workbook_add_format(wb);
  format_set_font_color(grey, LXW_COLOR_GRAY);
  format_set_italic(grey);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");  // identifiers stay text: no lost leading zeros

  const std::vector<TemplateColumn>& columns = SupplierReturnColumns();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    const TemplateColumn& c = columns[i];
    const double width = std::max<double>(12, std::min<double>(40, c.header.size() + 4));
    const bool identifier = i == kCompanyNumber || i == kCharityNumber || i == kVatNumber;
    worksheet_set_column(ws, col, col, i == kName ? 36 : width, identifier ? text : nullptr);
    worksheet_write_string(ws, 0, col, c.header.c_str(), bold);
    if (!c.example.empty()) worksheet_write_string(ws, 1, col, c.example.c_str(), grey);
  }
  worksheet_freeze_panes(ws, 1, 0);

  struct ListColumn {
    std::size_t column;
    const char** list;
  };
  const ListColumn lists[] = {{kSize, kSizeList},         {kVcse, kVcseList},
                              {kWomen, kYesNoList},       {kEthnicMinority, kYesNoList},
                              {kDisabled, kYesNoList},    {kLgbtq, kYesNoList},
                              {kEvidence, kEvidenceList}, {kPublicBody, kPublicList}};
  for (const ListColumn& l : lists) {
    lxw_data_validation dv{};
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = const_cast<char**>(l.list);
    dv.input_title = const_cast<char*>(columns[l.column].header.c_str());
    dv.input_message = const_cast<char*>(columns[l.column].guidance.c_str());
    const auto col = static_cast<lxw_col_t>(l.column);
    worksheet_data_validation_range(ws, 1, col, kValidatedRows, col, &dv);
  }

  worksheet_set_column(guide, 0, 0, 24, nullptr);
  worksheet_set_column(guide, 1, 1, 90, wrap);
  worksheet_set_column(guide, 2, 2, 28, nullptr);
  worksheet_write_string(guide, 0, 0, "Column", bold);
  worksheet_write_string(guide, 0, 1, "What to enter", bold);
  worksheet_write_string(guide, 0, 2, "Example", bold);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto row = static_cast<lxw_row_t>(i + 1);
    worksheet_write_string(guide, row, 0, columns[i].header.c_str(), nullptr);
    worksheet_write_string(guide, row, 1, columns[i].guidance.c_str(), nullptr);
    worksheet_write_string(guide, row, 2, columns[i].example.c_str(), nullptr);
  }
  const auto after = static_cast<lxw_row_t>(columns.size() + 2);
  worksheet_write_string(guide, after, 0, "Notes", bold);
  worksheet_write_string(
      guide, after, 1,
      "One row per supplier. A row needs the supplier's name or one of its numbers. Leave a "
      "cell blank when you do not know: blank is recorded as not known, never as no. Rows whose "
      "first cell starts with # and the grey Example row are not imported. A new return from "
      "your organisation replaces your previous one.",
      nullptr);
  worksheet_freeze_panes(guide, 1, 0);
  worksheet_activate(ws);

  const lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR) {
    return core::Fail(ErrorCode::kStoreIo,
                      fmt::format("cannot write the template: {}", lxw_strerror(e)), {path});
  }
  return {};
}

}  // namespace

const std::vector<TemplateColumn>& SupplierReturnColumns() {
  static const std::vector<TemplateColumn> kColumns = {
      {"supplier_name",
       "The supplier's name as it appears on your invoices or in your finance "
       "system.",
       "Example: Acme Cleaning Ltd"},
      {"company_number",
       "Companies House number: 8 characters such as 01234567, SC123456 or "
       "IP12345R. Blank when it has none or you do not know it.",
       "01234567"},
      {"charity_number",
       "Charity number: England and Wales (1000611), Scotland (SC012345) or "
       "Northern Ireland (NIC100001). Blank when none.",
       ""},
      {"vat_number", "VAT registration number such as GB123456789. Blank when none.",
       "GB123456789"},
      {"size_band",
       "micro (fewer than 10 staff), small (fewer than 50), medium (fewer than 250), "
       "large, sme (an SME whose band you do not know) or unknown.",
       "small"},
      {"vcse",
       "Is the supplier a voluntary, community or social enterprise (charity, CIO, CIC, "
       "community benefit society, company limited by guarantee with an asset lock)? "
       "yes, no or unknown.",
       "no"},
      {"vcse_form", "When VCSE: its legal form, such as charity, CIO, CIC, CBS.", ""},
      {"women_owned", "At least 51% owned or led by women: yes or no; blank when not known.",
       "yes"},
      {"ethnic_minority_owned",
       "At least 51% owned or led by people from ethnic minorities: yes or no; blank when not "
       "known.",
       "no"},
      {"disabled_owned",
       "At least 51% owned or led by disabled people: yes or no; blank when not known.", ""},
      {"lgbtq_owned",
       "At least 51% owned or led by LGBTQ+ people: yes or no; blank when not known.", ""},
      {"evidence",
       "How the ownership and VCSE answers are known: certified (by a body such as "
       "MSDUK) or self-declared (the supplier told you).",
       "self-declared"},
      {"certified_by",
       "When certified: the certifying body, such as MSDUK or WEConnect "
       "International.",
       ""},
      {"trading_postcodes",
       "Full postcodes the supplier trades from, main site first, separated "
       "by ';'.",
       "SE11 5AA; SE1 7PB"},
      {"public_body",
       "Blank unless the supplier is a public body: local-government, nhs, hmrc, "
       "central-government, police-fire, education or other-public.",
       ""},
      {"notes", "Anything else worth knowing (not imported).", ""},
  };
  return kColumns;
}

core::Status WriteSupplierReturnTemplate(const std::string& path, std::string_view format,
                                         const core::Network& network, std::string_view member) {
  if (!member.empty() && network.FindMember(member) == nullptr) {
    return tl::unexpected(core::UnknownMember(member, {path}));
  }
  if (format == "csv") return WriteCsvTemplate(path);
  if (format == "xlsx") return WriteXlsxTemplate(path, TemplateTitle(network, member));
  return core::Fail(ErrorCode::kUsage,
                    fmt::format("template format '{}' is not csv or xlsx", format), {path});
}

namespace registers {

std::unique_ptr<RegisterReader> MakeSupplierReturnsReader(const Header& h, const ReadContext&) {
  std::array<std::int32_t, kColumnCount> cols{};
  int found = 0;
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    cols[c] = -1;
    for (std::string_view key : Synonyms()[c]) {
      cols[c] = h.Find({key});
      if (cols[c] >= 0) break;
    }
    if (cols[c] >= 0) ++found;
  }
  const bool identified = cols[kName] >= 0 || cols[kCompanyNumber] >= 0 ||
                          cols[kCharityNumber] >= 0 || cols[kVatNumber] >= 0;
  if (!identified || found < 2) return nullptr;
  return std::make_unique<SupplierReturnsReader>(cols, h.cells());
}

}  // namespace registers

}  // namespace anchornet::ingest
