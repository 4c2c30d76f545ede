// companies-house: Companies House BasicCompanyData (the monthly snapshot, ~5.5M rows) and the
// advanced-search export. The BasicCompanyData path is the hot one: each row reuses one
// RegisterOrg and one RegisterName, so reading allocates nothing once their strings have grown.
#include <fmt/format.h>

#include <array>
#include <filesystem>

#include "core/names.h"
#include "core/postcode.h"
#include "core/text.h"
#include "ingest/internal/registers_internal.h"

namespace anchornet::ingest::registers {

using core::ErrorCode;

namespace {

constexpr int kPreviousNames = 10;

// Assigns `value` unless the register wrote a placeholder such as "None Supplied".
void AssignText(std::string& out, std::string_view value) {
  if (core::IsNullLike(value)) {
    out.clear();
  } else {
    out.assign(value);
  }
}

core::Status RejectNumber(const Row& row, std::int32_t col, std::string_view text,
                          RegisterSink& sink) {
  return sink.Reject(row, col + 1, ErrorCode::kMissingPayee,
                     text.empty() ? std::string("the company number is empty")
                                  : fmt::format("'{}' is not a Companies House company number "
                                                "(8 characters such as 01234567 or SC123456)",
                                                text));
}

// The snapshot date Companies House puts in the file name
// ("BasicCompanyDataAsOneFile-2025-01-01.csv", "BasicCompanyData-2025-01-01-part1_7.csv"), as
// an ISO date; "" when the name carries none.
std::string SnapshotDate(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  for (std::size_t i = 0; i + 10 <= name.size(); ++i) {
    const std::string_view candidate = std::string_view(name).substr(i, 10);
    if (candidate[4] != '-' || candidate[7] != '-') continue;
    std::string iso = IsoDate(candidate);
    if (!iso.empty() && iso == candidate) return iso;
  }
  return {};
}

// BasicCompanyData: one row per live company, with up to ten previous names.
class BasicCompanyDataReader final : public RegisterReader {
 public:
  struct Columns {
    std::int32_t name = -1, number = -1, postcode = -1, category = -1, status = -1,
                 account_category = -1, sic = -1, incorporated = -1;
    std::array<std::int32_t, kPreviousNames> previous{};
  };

  BasicCompanyDataReader(const Columns& c, std::size_t width, std::string as_of)
      : c_(c), width_(width) {
    org_.scheme = "GB-COH";
    org_.as_of = std::move(as_of);
    name_.scheme = "GB-COH";
  }

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string_view number = Cell(row, c_.number);
    org_.id = core::NormaliseCompanyNumber(number);
    if (org_.id.empty()) return RejectNumber(row, c_.number, number, sink);
    org_.name.assign(Cell(row, c_.name));
    org_.postcode = core::NormalisePostcode(Cell(row, c_.postcode));
    AssignText(org_.form, Cell(row, c_.category));
    AssignText(org_.status, Cell(row, c_.status));
    AssignText(org_.account_category, Cell(row, c_.account_category));
    org_.sic.assign(FirstSicCode(Cell(row, c_.sic)));
    org_.incorporated = c_.incorporated >= 0 ? IsoDate(Cell(row, c_.incorporated)) : std::string();
    if (auto s = sink.Org(org_); !s) return s;
    for (const std::int32_t col : c_.previous) {
      const std::string_view previous = Cell(row, col);
      if (previous.empty()) continue;
      name_.id = org_.id;
      name_.name.assign(previous);
      if (auto s = sink.Name(name_); !s) return s;
    }
    return {};
  }

  void AddNotes(std::vector<std::string>& notes) override {
    if (!org_.as_of.empty()) {
      notes.push_back(
          fmt::format("records dated {}, the snapshot date in the file name", org_.as_of));
    }
  }

  std::string_view Variant() const override { return "Companies House BasicCompanyData"; }
  std::size_t Width() const override { return width_; }

 private:
  Columns c_;
  std::size_t width_;
  store::RegisterOrg org_;
  store::RegisterName name_;
};

// The advanced-search export: one line address, SIC codes separated by spaces or commas, and
// the CIC subtype in its own column.
class AdvancedSearchReader final : public RegisterReader {
 public:
  struct Columns {
    std::int32_t name = -1, number = -1, status = -1, type = -1, subtype = -1, sic = -1,
                 address = -1, incorporated = -1;
  };

  AdvancedSearchReader(const Columns& c, std::size_t width) : c_(c), width_(width) {
    org_.scheme = "GB-COH";
  }

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string_view number = Cell(row, c_.number);
    org_.id = core::NormaliseCompanyNumber(number);
    if (org_.id.empty()) return RejectNumber(row, c_.number, number, sink);
    org_.name.assign(Cell(row, c_.name));
    org_.postcode = core::FindPostcode(Cell(row, c_.address));
    // BasicCompanyData writes a CIC's category as "Community Interest Company"; the export
    // keeps "Private limited company" and says CIC in the subtype.
    const std::string_view subtype = Cell(row, c_.subtype);
    if (core::ContainsIgnoreCase(subtype, "community interest company")) {
      org_.form = "Community Interest Company";
    } else {
      AssignText(org_.form, Cell(row, c_.type));
    }
    AssignText(org_.status, Cell(row, c_.status));
    org_.sic.assign(FirstSicCode(Cell(row, c_.sic)));
    org_.incorporated = c_.incorporated >= 0 ? IsoDate(Cell(row, c_.incorporated)) : std::string();
    return sink.Org(org_);
  }

  std::string_view Variant() const override { return "Companies House advanced-search export"; }
  std::size_t Width() const override { return width_; }

 private:
  Columns c_;
  std::size_t width_;
  store::RegisterOrg org_;
};

}  // namespace

std::unique_ptr<RegisterReader> MakeCompaniesHouseReader(const Header& h,
                                                         const ReadContext& context) {
  const std::int32_t number = h.Find({"companynumber"});
  const std::int32_t name = h.Find({"companyname"});
  if (number < 0 || name < 0) return nullptr;
  BasicCompanyDataReader::Columns basic;
  basic.name = name;
  basic.number = number;
  basic.postcode = h.Find({"regaddresspostcode"});
  basic.category = h.Find({"companycategory"});
  basic.status = h.Find({"companystatus"});
  basic.account_category = h.Find({"accountsaccountcategory"});
  basic.sic = h.Find({"siccodesictext1"});
  basic.incorporated = h.Find({"incorporationdate"});
  if (basic.postcode >= 0 && basic.category >= 0 && basic.status >= 0 &&
      basic.account_category >= 0 && basic.sic >= 0) {
    for (int i = 0; i < kPreviousNames; ++i) {
      basic.previous[i] = h.Find({fmt::format("previousname{}companyname", i + 1)});
    }
    return std::make_unique<BasicCompanyDataReader>(basic, h.size(), SnapshotDate(context.path));
  }
  AdvancedSearchReader::Columns adv;
  adv.name = name;
  adv.number = number;
  adv.status = h.Find({"companystatus"});
  adv.type = h.Find({"companytype"});
  adv.subtype = h.Find({"companysubtype"});
  adv.sic = h.Find({"natureofbusiness", "siccodes"});
  adv.address = h.Find({"registeredofficeaddress"});
  adv.incorporated = h.Find({"incorporationdate"});
  if (adv.status >= 0 && adv.type >= 0 && adv.address >= 0) {
    return std::make_unique<AdvancedSearchReader>(adv, h.size());
  }
  return nullptr;
}

}  // namespace anchornet::ingest::registers
