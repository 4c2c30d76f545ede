// charities, charity-links, charity-names and mutuals: the Charity Commission register and the
// charity-lookups crosswalks (drkane/charity-lookups), each recognised by its header.
#include <fmt/format.h>

#include "core/names.h"
#include "core/postcode.h"
#include "core/text.h"
#include "ingest/internal/registers_internal.h"

namespace anchornet::ingest::registers {

using core::ErrorCode;

namespace {

core::Status RejectId(const Row& row, std::int32_t col, std::string_view what,
                      std::string_view text, RegisterSink& sink) {
  return sink.Reject(row, col + 1, ErrorCode::kMissingPayee,
                     text.empty() ? fmt::format("the {} is empty", what)
                                  : fmt::format("'{}' is not a valid {}", text, what));
}

// A reader over a fixed set of columns whose Take is a function of the row.
class SimpleReader : public RegisterReader {
 public:
  SimpleReader(std::string_view variant, std::size_t width) : variant_(variant), width_(width) {}
  std::string_view Variant() const override { return variant_; }
  std::size_t Width() const override { return width_; }

 private:
  std::string_view variant_;
  std::size_t width_;
};

// ---- charities ---------------------------------------------------------------------------------

// charity_scale.csv: every registered charity number in England and Wales (and its scale,
// which anchornet does not use).
class CharityNumbersReader final : public SimpleReader {
 public:
  CharityNumbersReader(std::int32_t number, std::size_t width)
      : SimpleReader("charity numbers", width), number_(number) {
    org_.scheme = "GB-CHC";
    org_.form = "charity";
  }
  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string_view text = Cell(row, number_);
    org_.id = NormaliseSchemeId("GB-CHC", text);
    if (org_.id.empty()) return RejectId(row, number_, "charity number", text, sink);
    return sink.Org(org_);
  }

 private:
  std::int32_t number_;
  store::RegisterOrg org_;
};

// A Charity Commission register extract (publicextract.charity, tab- or comma-delimited).
class CharityExtractReader final : public SimpleReader {
 public:
  struct Columns {
    std::int32_t number = -1, name = -1, linked = -1, company = -1, type = -1, postcode = -1,
                 status = -1, is_cio = -1;
  };
  CharityExtractReader(const Columns& c, std::size_t width)
      : SimpleReader("Charity Commission register extract", width), c_(c) {
    org_.scheme = "GB-CHC";
  }

  core::Status Take(const Row& row, RegisterSink& sink) override {
    // Linked charities (subsidiaries, group members) share the main charity's number.
    const std::string_view linked = Cell(row, c_.linked);
    if (!linked.empty() && linked != "0") {
      sink.Skip();
      ++subsidiaries_;
      return {};
    }
    const std::string_view number = Cell(row, c_.number);
    org_.id = NormaliseSchemeId("GB-CHC", number);
    if (org_.id.empty()) return RejectId(row, c_.number, "charity number", number, sink);
    org_.name.assign(Cell(row, c_.name));
    org_.postcode = core::NormalisePostcode(Cell(row, c_.postcode));
    const std::string_view type = Cell(row, c_.type);
    const std::string_view is_cio = Cell(row, c_.is_cio);
    const bool cio = core::ToLowerAscii(type) == "cio" ||
                     core::ContainsIgnoreCase(type, "charitable incorporated") ||
                     core::ToLowerAscii(is_cio) == "true";
    org_.form = cio ? "CIO" : "charity";
    const std::string_view status = Cell(row, c_.status);
    org_.status.assign(core::IsNullLike(status) ? std::string_view() : status);
    if (auto s = sink.Org(org_); !s) return s;
    const std::string_view company_text = Cell(row, c_.company);
    if (company_text.empty() || core::IsNullLike(company_text) || company_text == "0") return {};
    const std::string company = core::NormaliseCompanyNumber(company_text);
    if (company.empty()) {
      ++bad_company_numbers_;
      return {};
    }
    return sink.Link({"GB-CHC", org_.id, "GB-COH", company});
  }

  void AddNotes(std::vector<std::string>& notes) override {
    if (subsidiaries_ > 0) {
      notes.push_back(
          fmt::format("{} linked (subsidiary) charities skipped: they share their "
                      "main charity's number",
                      subsidiaries_));
    }
    if (bad_company_numbers_ > 0) {
      notes.push_back(fmt::format("{} company numbers could not be read and were not linked",
                                  bad_company_numbers_));
    }
  }

 private:
  Columns c_;
  store::RegisterOrg org_;
  std::int64_t subsidiaries_ = 0;
  std::int64_t bad_company_numbers_ = 0;
};

// ---- charity-links -----------------------------------------------------------------------------

// Emits an org with a name (when given) for one side of a crosswalk.
core::Status NamedOrg(std::string_view scheme, std::string_view id, std::string_view name,
                      std::string_view form, store::RegisterOrg& org, RegisterSink& sink) {
  org.scheme.assign(scheme);
  org.id.assign(id);
  org.name.assign(name);
  org.form.assign(form);
  return sink.Org(org);
}

// charity-company-numbers.csv: org_id_a,org_id_b,name.
class OrgIdPairReader final : public SimpleReader {
 public:
  OrgIdPairReader(std::int32_t a, std::int32_t b, std::int32_t name, std::size_t width)
      : SimpleReader("org-id pairs", width), a_(a), b_(b), name_(name) {}

  core::Status Take(const Row& row, RegisterSink& sink) override {
    store::RegisterLink link;
    if (!SplitOrgId(Cell(row, a_), link.scheme_a, link.id_a)) {
      return RejectId(row, a_, "org-id (such as GB-CHC-1000611)", Cell(row, a_), sink);
    }
    if (!SplitOrgId(Cell(row, b_), link.scheme_b, link.id_b)) {
      return RejectId(row, b_, "org-id (such as GB-COH-08591698)", Cell(row, b_), sink);
    }
    if (auto s = sink.Link(link); !s) return s;
    const std::string_view name = Cell(row, name_);
    if (name.empty()) return {};
    if (auto s = NamedOrg(link.scheme_a, link.id_a, name,
                          link.scheme_a == "GB-COH" ? "" : "charity", org_, sink);
        !s) {
      return s;
    }
    return NamedOrg(link.scheme_b, link.id_b, name, link.scheme_b == "GB-COH" ? "" : "charity",
                    org_, sink);
  }

 private:
  std::int32_t a_, b_, name_;
  store::RegisterOrg org_;
};

// cio_company_numbers.csv: company_number (CE.../CS...), charity_number.
class CioReader final : public SimpleReader {
 public:
  CioReader(std::int32_t company, std::int32_t charity, std::size_t width)
      : SimpleReader("CIO company numbers", width), company_(company), charity_(charity) {}

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string company = core::NormaliseCompanyNumber(Cell(row, company_));
    if (company.empty()) {
      return RejectId(row, company_, "company number", Cell(row, company_), sink);
    }
    std::string charity;
    const std::string_view scheme = CharityScheme(Cell(row, charity_), charity);
    if (charity.empty()) {
      return RejectId(row, charity_, "charity number", Cell(row, charity_), sink);
    }
    if (auto s = sink.Link({"GB-COH", company, std::string(scheme), charity}); !s) return s;
    return NamedOrg(scheme, charity, "", "CIO", org_, sink);
  }

 private:
  std::int32_t company_, charity_;
  store::RegisterOrg org_;
};

// academy-trusts-company-number.csv: Type, Entity, Company Number.
class AcademyTrustReader final : public SimpleReader {
 public:
  AcademyTrustReader(std::int32_t entity, std::int32_t company, std::size_t width)
      : SimpleReader("academy trusts", width), entity_(entity), company_(company) {}

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string company = core::NormaliseCompanyNumber(Cell(row, company_));
    if (company.empty()) {
      return RejectId(row, company_, "company number", Cell(row, company_), sink);
    }
    return NamedOrg("GB-COH", company, Cell(row, entity_), "academy trust", org_, sink);
  }

 private:
  std::int32_t entity_, company_;
  store::RegisterOrg org_;
};

// rsp-charity-number.csv: registered social housing providers; a link where both a company
// and a charity number are given.
class HousingProviderReader final : public SimpleReader {
 public:
  HousingProviderReader(std::int32_t company, std::int32_t charity, std::size_t width)
      : SimpleReader("registered housing providers", width), company_(company), charity_(charity) {}

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string_view company_text = Cell(row, company_);
    const std::string_view charity_text = Cell(row, charity_);
    if (company_text.empty() || charity_text.empty()) {
      sink.Skip();
      return {};
    }
    const std::string company = core::NormaliseCompanyNumber(company_text);
    if (company.empty()) return RejectId(row, company_, "company number", company_text, sink);
    std::string charity;
    const std::string_view scheme = CharityScheme(charity_text, charity);
    if (charity.empty()) return RejectId(row, charity_, "charity number", charity_text, sink);
    return sink.Link({"GB-COH", company, std::string(scheme), charity});
  }

 private:
  std::int32_t company_, charity_;
};

// dual-registered-uk-charities.csv: Scottish Charity Number, E&W Charity Number, name.
class DualRegisteredReader final : public SimpleReader {
 public:
  DualRegisteredReader(std::int32_t scottish, std::int32_t ew, std::int32_t name, std::size_t width)
      : SimpleReader("dual-registered charities", width),
        scottish_(scottish),
        ew_(ew),
        name_(name) {}

  core::Status Take(const Row& row, RegisterSink& sink) override {
    const std::string sc = NormaliseSchemeId("GB-SC", Cell(row, scottish_));
    if (sc.empty()) {
      return RejectId(row, scottish_, "Scottish charity number", Cell(row, scottish_), sink);
    }
    const std::string ew = NormaliseSchemeId("GB-CHC", Cell(row, ew_));
    if (ew.empty()) return RejectId(row, ew_, "charity number", Cell(row, ew_), sink);
    if (auto s = sink.Link({"GB-SC", sc, "GB-CHC", ew}); !s) return s;
    const std::string_view name = Cell(row, name_);
    if (name.empty()) return {};
    return NamedOrg("GB-CHC", ew, name, "charity", org_, sink);
  }

 private:
  std::int32_t scottish_, ew_, name_;
  store::RegisterOrg org_;
};

// university-charity-number.csv: Name, HESA ID, OrgID.
class UniversityReader final : public SimpleReader {
 public:
  UniversityReader(std::int32_t name, std::int32_t org_id, std::size_t width)
      : SimpleReader("universities", width), name_(name), org_id_(org_id) {
    org_.form = "university";
  }

  core::Status Take(const Row& row, RegisterSink& sink) override {
    if (!SplitOrgId(Cell(row, org_id_), org_.scheme, org_.id)) {
      return RejectId(row, org_id_, "org-id (such as GB-CHC-1145141)", Cell(row, org_id_), sink);
    }
    org_.name.assign(Cell(row, name_));
    return sink.Org(org_);
  }

 private:
  std::int32_t name_, org_id_;
  store::RegisterOrg org_;
};

// ---- charity-names -----------------------------------------------------------------------------

class CharityNamesReader final : public SimpleReader {
 public:
  CharityNamesReader(std::int32_t org_id, std::int32_t name, std::size_t width)
      : SimpleReader("alternative charity names", width), org_id_(org_id), name_(name) {}

  core::Status Take(const Row& row, RegisterSink& sink) override {
    if (!SplitOrgId(Cell(row, org_id_), record_.scheme, record_.id)) {
      return RejectId(row, org_id_, "org-id (such as GB-CHC-1107583)", Cell(row, org_id_), sink);
    }
    const std::string_view name = Cell(row, name_);
    if (name.empty()) return RejectId(row, name_, "alternative name", name, sink);
    record_.name.assign(name);
    return sink.Name(record_);
  }

 private:
  std::int32_t org_id_, name_;
  store::RegisterName record_;
};

// ---- mutuals -----------------------------------------------------------------------------------

class MutualsReader final : public SimpleReader {
 public:
  MutualsReader(std::int32_t mutual, std::int32_t company, std::int32_t name, std::size_t width)
      : SimpleReader("mutuals public register", width),
        mutual_(mutual),
        company_(company),
        name_(name) {
    org_.form = "registered society";
  }

  core::Status Take(const Row& row, RegisterSink& sink) override {
    std::string scheme, id;
    if (!SplitOrgId(Cell(row, mutual_), scheme, id) || scheme != "GB-MPR") {
      return RejectId(row, mutual_, "mutuals register id (such as GB-MPR-10002R)",
                      Cell(row, mutual_), sink);
    }
    const std::string_view name = Cell(row, name_);
    org_.scheme = "GB-MPR";
    org_.id = id;
    org_.name.assign(name);
    if (auto s = sink.Org(org_); !s) return s;
    const std::string_view company_text = Cell(row, company_);
    if (company_text.empty()) return {};
    std::string company_scheme, company;
    if (!SplitOrgId(company_text, company_scheme, company) || company_scheme != "GB-COH") {
      ++bad_company_ids_;
      return {};
    }
    org_.scheme = "GB-COH";
    org_.id = company;
    if (auto s = sink.Org(org_); !s) return s;
    return sink.Link({"GB-MPR", id, "GB-COH", company});
  }

  void AddNotes(std::vector<std::string>& notes) override {
    if (bad_company_ids_ > 0) {
      notes.push_back(
          fmt::format("{} company ids could not be read and were not linked", bad_company_ids_));
    }
  }

 private:
  std::int32_t mutual_, company_, name_;
  store::RegisterOrg org_;
  std::int64_t bad_company_ids_ = 0;
};

}  // namespace

std::unique_ptr<RegisterReader> MakeCharitiesReader(const Header& h, const ReadContext&) {
  const std::int32_t registered = h.Find({"registeredcharitynumber"});
  if (registered >= 0) {
    CharityExtractReader::Columns c;
    c.number = registered;
    c.name = h.Find({"charityname"});
    if (c.name < 0) return nullptr;
    c.linked = h.Find({"linkedcharitynumber"});
    c.company = h.Find({"charitycompanyregistrationnumber"});
    c.type = h.Find({"charitytype"});
    c.postcode = h.Find({"charitycontactpostcode"});
    c.status = h.Find({"charityregistrationstatus"});
    c.is_cio = h.Find({"charityiscio"});
    return std::make_unique<CharityExtractReader>(c, h.size());
  }
  const std::int32_t number = h.Find({"regnumber", "charitynumber", "registeredcharitynumber"});
  if (number >= 0 && h.Find({"companynumber"}) < 0) {
    return std::make_unique<CharityNumbersReader>(number, h.size());
  }
  return nullptr;
}

std::unique_ptr<RegisterReader> MakeCharityLinksReader(const Header& h, const ReadContext&) {
  const std::size_t w = h.size();
  if (const std::int32_t a = h.Find({"orgida"}), b = h.Find({"orgidb"}); a >= 0 && b >= 0) {
    return std::make_unique<OrgIdPairReader>(a, b, h.Find({"name"}), w);
  }
  const std::int32_t company = h.Find({"companynumber"});
  const std::int32_t charity = h.Find({"charitynumber"});
  if (h.Find({"rpcode"}) >= 0 && company >= 0 && charity >= 0) {
    return std::make_unique<HousingProviderReader>(company, charity, w);
  }
  if (const std::int32_t entity = h.Find({"entity"}); entity >= 0 && company >= 0) {
    return std::make_unique<AcademyTrustReader>(entity, company, w);
  }
  if (company >= 0 && charity >= 0) return std::make_unique<CioReader>(company, charity, w);
  if (const std::int32_t sc = h.Find({"scottishcharitynumber"}),
      ew = h.Find({"ewcharitynumber", "englandandwalescharitynumber"});
      sc >= 0 && ew >= 0) {
    return std::make_unique<DualRegisteredReader>(sc, ew, h.Find({"charitynameew", "name"}), w);
  }
  if (const std::int32_t name = h.Find({"name"}), org_id = h.Find({"orgid"});
      name >= 0 && org_id >= 0 && h.Find({"hesaid"}) >= 0) {
    return std::make_unique<UniversityReader>(name, org_id, w);
  }
  return nullptr;
}

std::unique_ptr<RegisterReader> MakeCharityNamesReader(const Header& h, const ReadContext&) {
  const std::int32_t org_id = h.Find({"orgid"});
  const std::int32_t name = h.Find({"alternativename", "name"});
  if (org_id < 0 || name < 0) return nullptr;
  return std::make_unique<CharityNamesReader>(org_id, name, h.size());
}

std::unique_ptr<RegisterReader> MakeMutualsReader(const Header& h, const ReadContext&) {
  const std::int32_t mutual = h.Find({"mutualid"});
  const std::int32_t company = h.Find({"companyid"});
  const std::int32_t name = h.Find({"name"});
  if (mutual < 0 || name < 0) return nullptr;
  return std::make_unique<MutualsReader>(mutual, company, name, h.size());
}

}  // namespace anchornet::ingest::registers
