// Tests of the register importers: each kind over crafted rows (rejects with line and column),
// over the real files in ../shared/data (counts computed independently with Python's csv module
// while writing these tests), and end to end through ImportRegisterFile into a SQLite workspace
// (already imported, dry run, the large-file path, the supplier-return template round trip).
#include "ingest/registers.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/text.h"
#include "ingest/csv_reader.h"
#include "ingest/encoding.h"
#include "ingest/internal/register_pipeline.h"
#include "ingest/internal/registers_internal.h"
#include "ingest/xlsx_reader.h"
#include "test_util.h"
#include "zip_part.h"

namespace anchornet::ingest {
namespace {

using core::ErrorCode;
using registers::ReadContext;
using registers::ReadRegisterRows;
using testing::SharedData;

// Keeps every record it is given, in order.
class RecordingWriter final : public store::RegisterWriter {
 public:
  core::Status AddOrg(const store::RegisterOrg& o) override {
    orgs.push_back(o);
    order.push_back('o');
    return {};
  }
  core::Status AddLink(const store::RegisterLink& l) override {
    links.push_back(l);
    order.push_back('l');
    return {};
  }
  core::Status AddName(const store::RegisterName& n) override {
    names.push_back(n);
    order.push_back('n');
    return {};
  }
  core::Status AddPostcode(const store::PostcodePlace& p) override {
    places.push_back(p);
    return {};
  }
  core::Status AddGhgFactor(const store::GhgFactor& f) override {
    factors.push_back(f);
    return {};
  }
  core::Status AddDeprivation(const store::Deprivation& d) override {
    deprivation.push_back(d);
    return {};
  }
  core::Status AddAreaName(const store::AreaName& a) override {
    areas.push_back(a);
    return {};
  }
  core::Status AddSupplierReturn(const store::SupplierReturnLine& r) override {
    returns.push_back(r);
    return {};
  }
  core::Status AddReject(const core::Reject& r) override {
    rejects.push_back(r);
    order.push_back('r');
    return {};
  }
  core::Status SetFileIdentity(std::string_view, std::int64_t) override { return {}; }
  core::Result<std::int64_t> Commit(const store::RegisterCounts&) override { return 1; }

  const store::RegisterOrg* Org(std::string_view scheme, std::string_view id) const {
    for (const auto& o : orgs) {
      if (o.scheme == scheme && o.id == id) return &o;
    }
    return nullptr;
  }

  std::vector<store::RegisterOrg> orgs;
  std::vector<store::RegisterLink> links;
  std::vector<store::RegisterName> names;
  std::vector<store::PostcodePlace> places;
  std::vector<store::Deprivation> deprivation;
  std::vector<store::GhgFactor> factors;
  std::vector<store::AreaName> areas;
  std::vector<store::SupplierReturnLine> returns;
  std::vector<core::Reject> rejects;
  std::string order;
};

// Reads rows of `kind` into `w`; the summary, or the file-level error.
core::Result<RegisterSummary> ReadRows(std::string_view kind, RowSource& rows, RecordingWriter& w) {
  RegisterSummary summary;
  ReadContext context;
  context.path = "test.csv";
  auto s = ReadRegisterRows(kind, rows, context, summary,
                            [&]() -> core::Result<store::RegisterWriter*> { return &w; });
  if (!s) return tl::unexpected(s.error());
  return summary;
}

core::Result<RegisterSummary> ReadText(std::string_view kind, std::string csv, RecordingWriter& w) {
  auto rows = CsvFromString(std::move(csv));
  return ReadRows(kind, *rows, w);
}

core::Result<RegisterSummary> ReadPath(std::string_view kind, const std::string& path,
                                       RecordingWriter& w) {
  auto probe = ProbeFile(path);
  if (!probe) return tl::unexpected(probe.error());
  auto rows = OpenCsv(path, *probe);
  if (!rows) return tl::unexpected(rows.error());
  return ReadRows(kind, **rows, w);
}

std::string Shared(const std::string& relative) { return SharedData() + "/" + relative; }

// BasicCompanyData's real header (leading spaces as published).
std::string BasicCompanyDataHeader() {
  std::string h =
      "CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1, "
      "RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,"
      "RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,"
      "IncorporationDate,Accounts.AccountRefDay,Accounts.AccountRefMonth,Accounts.NextDueDate,"
      "Accounts.LastMadeUpDate,Accounts.AccountCategory,Returns.NextDueDate,"
      "Returns.LastMadeUpDate,Mortgages.NumMortCharges,Mortgages.NumMortOutstanding,"
      "Mortgages.NumMortPartSatisfied,Mortgages.NumMortSatisfied,SICCode.SicText_1,"
      "SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4,LimitedPartnerships.NumGenPartners,"
      "LimitedPartnerships.NumLimPartners,URI";
  for (int i = 1; i <= 10; ++i) {
    h += fmt::format(", PreviousName_{0}.CONDATE, PreviousName_{0}.CompanyName", i);
  }
  h += ", ConfStmtNextDueDate, ConfStmtLastMadeUpDate\r\n";
  return h;
}

// One BasicCompanyData row, every cell quoted as Companies House writes them.
std::string BasicCompanyDataRow(const std::string& name, const std::string& number,
                                const std::string& postcode, const std::string& category,
                                const std::string& sic,
                                const std::vector<std::string>& previous = {}) {
  std::vector<std::string> cells = {
      name,
      number,
      "",
      "",
      "1 HIGH STREET",
      "",
      "LONDON",
      "",
      "UNITED KINGDOM",
      postcode,
      "Private Limited Company",
      "Active",
      "United Kingdom",
      "",
      "01/02/2015",
      "28",
      "2",
      "30/11/2025",
      "28/02/2024",
      category,
      "",
      "",
      "0",
      "0",
      "0",
      "0",
      sic,
      "",
      "",
      "",
      "0",
      "0",
      "http://business.data.companieshouse.gov.uk/doc/company/" + number};
  for (int i = 0; i < 10; ++i) {
    const bool has = static_cast<std::size_t>(i) < previous.size();
    cells.emplace_back(has ? "01/01/2014" : "");
    cells.emplace_back(has ? previous[i] : "");
  }
  cells.emplace_back("15/02/2026");
  cells.emplace_back("01/02/2025");
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : cells[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
  }
  return out + "\r\n";
}

// ---- Helpers -----------------------------------------------------------------------------------

TEST(RegistersHelpers, HeaderKeysIgnoreSpellingAndByteOrderMark) {
  EXPECT_EQ(registers::HeaderKey(" CompanyNumber"), "companynumber");
  EXPECT_EQ(registers::HeaderKey("company_number"), "companynumber");
  EXPECT_EQ(registers::HeaderKey("\xEF\xBB\xBFLSOA code (2011)"), "lsoacode2011");
  EXPECT_EQ(registers::HeaderKey("E&W Charity Number"), "ewcharitynumber");
}

TEST(RegistersHelpers, OrgIdsSplitAndNormalisePerScheme) {
  std::string scheme, id;
  ASSERT_TRUE(registers::SplitOrgId("GB-COH-8591698", scheme, id));
  EXPECT_EQ(scheme, "GB-COH");
  EXPECT_EQ(id, "08591698");
  ASSERT_TRUE(registers::SplitOrgId("GB-SC-SC016040", scheme, id));
  EXPECT_EQ(scheme, "GB-SC");
  EXPECT_EQ(id, "SC016040");
  ASSERT_TRUE(registers::SplitOrgId("GB-NIC-100005", scheme, id));
  EXPECT_EQ(scheme, "GB-NIC");
  EXPECT_EQ(id, "NIC100005");
  ASSERT_TRUE(registers::SplitOrgId("GB-CHC-1000611", scheme, id));
  EXPECT_EQ(id, "1000611");
  EXPECT_FALSE(registers::SplitOrgId("GB-NIC-", scheme, id));
  EXPECT_FALSE(registers::SplitOrgId("1000611", scheme, id));
  EXPECT_FALSE(registers::SplitOrgId("GB-CHC-12", scheme, id));
  EXPECT_EQ(registers::CharityScheme("SC042674", id), "GB-SC");
  EXPECT_EQ(id, "SC042674");
  EXPECT_EQ(registers::CharityScheme("1169028", id), "GB-CHC");
  EXPECT_EQ(id, "1169028");
}

TEST(RegistersHelpers, SicSlugAndDates) {
  EXPECT_EQ(registers::FirstSicCode("70229 - Management consultancy activities"), "70229");
  EXPECT_EQ(registers::FirstSicCode("68100 68209"), "68100");
  EXPECT_EQ(registers::FirstSicCode("None Supplied"), "");
  EXPECT_EQ(registers::FirstSicCode("702291"), "");
  EXPECT_EQ(registers::Slug("HM Revenue & Customs"), "hm-revenue-customs");
  EXPECT_EQ(registers::Slug("Teachers' Pensions"), "teachers-pensions");
  EXPECT_EQ(registers::IsoDate("20110701"), "2011-07-01");
  EXPECT_EQ(registers::IsoDate("20110231"), "");
  EXPECT_EQ(registers::IsoDate("06/06/2017"), "2017-06-06");
}

// ---- companies-house ---------------------------------------------------------------------------

TEST(RegistersCompaniesHouse, BasicCompanyDataRowsBecomeOrganisationsAndPreviousNames) {
  std::string csv = "\xEF\xBB\xBF" + BasicCompanyDataHeader();
  csv += BasicCompanyDataRow("ACME, CLEANING \"SOUTH\" LIMITED", "1234567", "se11 5aa",
                             "MICRO ENTITY", "81210 - General cleaning of buildings",
                             {"ACME WINDOWS LIMITED", "ACME HOLDINGS LTD"});
  csv += BasicCompanyDataRow("NO SIC LTD", "SC123456", "NOT A POSTCODE", "NO ACCOUNTS FILED",
                             "None Supplied");
  csv += BasicCompanyDataRow("BROKEN NUMBER LTD", "12-34", "SW1A 1AA", "SMALL", "");
  RecordingWriter w;
  auto s = ReadText("companies-house", csv, w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_NE(s->reader.find("BasicCompanyData"), std::string::npos);
  EXPECT_EQ(s->counts.rows_read, 3);
  EXPECT_EQ(s->counts.rows_rejected, 1);
  EXPECT_EQ(s->counts.records, 4);  // 2 organisations + 2 previous names
  ASSERT_EQ(w.orgs.size(), 2u);
  const store::RegisterOrg& a = w.orgs[0];
  EXPECT_EQ(a.scheme, "GB-COH");
  EXPECT_EQ(a.id, "01234567");
  EXPECT_EQ(a.name, "ACME, CLEANING \"SOUTH\" LIMITED");
  EXPECT_EQ(a.postcode, "SE11 5AA");
  EXPECT_EQ(a.form, "Private Limited Company");
  EXPECT_EQ(a.status, "Active");
  EXPECT_EQ(a.account_category, "MICRO ENTITY");
  EXPECT_EQ(a.sic, "81210");
  EXPECT_EQ(a.as_of, "");
  const store::RegisterOrg& b = w.orgs[1];
  EXPECT_EQ(b.id, "SC123456");
  EXPECT_EQ(b.postcode, "");
  EXPECT_EQ(b.sic, "");
  ASSERT_EQ(w.names.size(), 2u);
  EXPECT_EQ(w.names[0].id, "01234567");
  EXPECT_EQ(w.names[0].name, "ACME WINDOWS LIMITED");
  EXPECT_EQ(w.names[1].name, "ACME HOLDINGS LTD");
  ASSERT_EQ(w.rejects.size(), 1u);
  EXPECT_EQ(w.rejects[0].line, 4);
  EXPECT_EQ(w.rejects[0].column, 2);
  EXPECT_EQ(w.rejects[0].code, ErrorCode::kMissingPayee);
  EXPECT_NE(w.rejects[0].message.find("12-34"), std::string::npos);
  EXPECT_EQ(s->records_by_type["organisations"], 2);
  EXPECT_EQ(s->records_by_type["names"], 2);
}

TEST(RegistersCompaniesHouse, SnapshotDateInTheFileNameDatesTheRecords) {
  auto rows = CsvFromString(BasicCompanyDataHeader() +
                            BasicCompanyDataRow("A LIMITED", "1", "", "SMALL", ""));
  RecordingWriter w;
  RegisterSummary summary;
  ReadContext context;
  context.path = "/downloads/BasicCompanyData-2025-01-01-part1_7.csv";
  ASSERT_TRUE(ReadRegisterRows("companies-house", *rows, context, summary,
                               [&]() -> core::Result<store::RegisterWriter*> { return &w; })
                  .has_value());
  ASSERT_EQ(w.orgs.size(), 1u);
  EXPECT_EQ(w.orgs[0].as_of, "2025-01-01");
  ASSERT_EQ(summary.notes.size(), 1u);
  EXPECT_NE(summary.notes[0].find("2025-01-01"), std::string::npos);
}

TEST(RegistersCompaniesHouse, RaggedRowsAndOpenQuotesAreRejectedNotFatal) {
  std::string csv = BasicCompanyDataHeader();
  std::string ragged = BasicCompanyDataRow("RAGGED LTD", "00000001", "", "", "");
  ragged.insert(ragged.size() - 2, ",\"extra\"");
  csv += ragged;
  csv += "\"OPEN QUOTE LTD,00000002\r\n";
  csv += BasicCompanyDataRow("GOOD LTD", "00000003", "", "", "");
  RecordingWriter w;
  auto s = ReadText("companies-house", csv, w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  ASSERT_EQ(w.rejects.size(), 2u);
  EXPECT_EQ(w.rejects[0].code, ErrorCode::kRaggedRow);
  EXPECT_EQ(w.rejects[0].line, 2);
  EXPECT_EQ(w.rejects[0].column, 56);
  EXPECT_EQ(w.rejects[1].code, ErrorCode::kUnterminatedQuote);
  EXPECT_EQ(w.rejects[1].line, 3);
  ASSERT_EQ(w.orgs.size(), 1u);
  EXPECT_EQ(w.orgs[0].id, "00000003");
}

TEST(RegistersCompaniesHouse, AdvancedSearchExportRealFile) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  RecordingWriter w;
  auto s = ReadPath("companies-house",
                    Shared("registers/companies_house_advanced_search_new_incorporations_"
                           "jan2024_jan2025.csv"),
                    w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_NE(s->reader.find("advanced-search"), std::string::npos);
  EXPECT_EQ(s->counts.rows_read, 28481);
  EXPECT_EQ(s->counts.rows_rejected, 0);
  EXPECT_EQ(w.orgs.size(), 28481u);
  const store::RegisterOrg* first = w.Org("GB-COH", "15383840");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->name, "WELCH BROTHERS AND SONS LTD");
  EXPECT_EQ(first->postcode, "ME8 7RG");
  EXPECT_EQ(first->form, "Private limited company");
  EXPECT_EQ(first->status, "Dissolved");
  EXPECT_EQ(first->sic, "55300");
  // Python: company_subtype == "Community Interest Company (CIC)" -> 150 rows.
  EXPECT_EQ(std::count_if(w.orgs.begin(), w.orgs.end(),
                          [](const auto& o) { return o.form == "Community Interest Company"; }),
            150);
  // Python: status counts Active 26969, Dissolved 1413.
  EXPECT_EQ(std::count_if(w.orgs.begin(), w.orgs.end(),
                          [](const auto& o) { return o.status == "Active"; }),
            26969);
  const auto with_postcode = std::count_if(w.orgs.begin(), w.orgs.end(),
                                           [](const auto& o) { return !o.postcode.empty(); });
  EXPECT_GT(with_postcode, 28000);
}

// ---- charities ---------------------------------------------------------------------------------

TEST(RegistersCharities, CharityScaleRealFileGivesEveryNumber) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  RecordingWriter w;
  auto s = ReadPath("charities", Shared("registers/charity-lookups/charity_scale.csv"), w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.rows_read, 258056);
  EXPECT_EQ(s->counts.rows_rejected, 0);
  ASSERT_EQ(w.orgs.size(), 258056u);
  EXPECT_EQ(w.orgs[0].scheme, "GB-CHC");
  EXPECT_EQ(w.orgs[0].id, "200001");
  EXPECT_EQ(w.orgs[0].form, "charity");
  EXPECT_EQ(w.orgs[0].name, "");
}

TEST(RegistersCharities, CommissionExtractSkipsSubsidiariesAndLinksCompanies) {
  const std::string tsv =
      "organisation_number\tregistered_charity_number\tlinked_charity_number\tcharity_name\t"
      "charity_type\tcharity_registration_status\tcharity_contact_postcode\t"
      "charity_company_registration_number\n"
      "1\t1000611\t0\tDenton Burn Community Association\tCharitable company\tRegistered\t"
      "ne5 2ra\t8591698\n"
      "2\t1000611\t1\tDenton Burn Youth Club\t\tRegistered\tNE5 2RA\t\n"
      "3\t1169028\t0\tA Small CIO\tCIO\tRegistered\t\t\n"
      "4\tABC\t0\tNo Number\tTrust\tRemoved\t\t\n";
  RecordingWriter w;
  auto s = ReadText("charities", tsv, w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.rows_skipped, 1);
  EXPECT_EQ(s->counts.rows_read, 3);
  ASSERT_EQ(w.orgs.size(), 2u);
  EXPECT_EQ(w.orgs[0].id, "1000611");
  EXPECT_EQ(w.orgs[0].name, "Denton Burn Community Association");
  EXPECT_EQ(w.orgs[0].postcode, "NE5 2RA");
  EXPECT_EQ(w.orgs[0].form, "charity");
  EXPECT_EQ(w.orgs[0].status, "Registered");
  EXPECT_EQ(w.orgs[1].form, "CIO");
  ASSERT_EQ(w.links.size(), 1u);
  EXPECT_EQ(w.links[0].scheme_a, "GB-CHC");
  EXPECT_EQ(w.links[0].id_b, "08591698");
  ASSERT_EQ(w.rejects.size(), 1u);
  EXPECT_EQ(w.rejects[0].line, 5);
  EXPECT_EQ(w.rejects[0].column, 2);
  EXPECT_EQ(w.rejects[0].code, ErrorCode::kMissingPayee);
}

// ---- charity-links, charity-names, mutuals -----------------------------------------------------

struct CrosswalkCase {
  const char* file;
  std::size_t orgs, links;
  const char* variant;
};

TEST(RegistersCharityLinks, EveryRealCrosswalkIsRecognisedAndCounted) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  // Counts from Python over the same files: every row's identifiers are valid.
  const CrosswalkCase cases[] = {
      {"charity-company-numbers.csv", 2u * 4399u, 4399, "org-id pairs"},
      {"cio_company_numbers.csv", 51671, 51671, "CIO"},
      {"academy-trusts-company-number.csv", 3478, 0, "academy"},
      {"rsp-charity-number.csv", 0, 225, "housing"},
      {"dual-registered-uk-charities.csv", 1503, 1503, "dual"},
      {"university-charity-number.csv", 30, 0, "universities"},
  };
  for (const CrosswalkCase& c : cases) {
    SCOPED_TRACE(c.file);
    RecordingWriter w;
    auto s =
        ReadPath("charity-links", Shared(std::string("registers/charity-lookups/") + c.file), w);
    ASSERT_TRUE(s.has_value()) << s.error().ToString();
    EXPECT_NE(s->reader.find(c.variant), std::string::npos) << s->reader;
    EXPECT_EQ(w.orgs.size(), c.orgs);
    EXPECT_EQ(w.links.size(), c.links);
    EXPECT_EQ(w.rejects.size(), 0u);
  }
}

TEST(RegistersCharityLinks, CrosswalkRecordsCarryTheirForms) {
  RecordingWriter w;
  ASSERT_TRUE(ReadText("charity-links",
                       "org_id_a,org_id_b,name\n"
                       "GB-SC-SC002327,GB-COH-SC083329,\"Shelter, Scotland\"\n"
                       "GB-CHC-1000611,not-an-id,X\n",
                       w)
                  .has_value());
  ASSERT_EQ(w.links.size(), 1u);
  EXPECT_EQ(w.links[0].scheme_a, "GB-SC");
  EXPECT_EQ(w.links[0].id_b, "SC083329");
  ASSERT_EQ(w.orgs.size(), 2u);
  EXPECT_EQ(w.orgs[0].form, "charity");
  EXPECT_EQ(w.orgs[1].form, "");
  EXPECT_EQ(w.orgs[1].name, "Shelter, Scotland");
  ASSERT_EQ(w.rejects.size(), 1u);
  EXPECT_EQ(w.rejects[0].line, 3);
  EXPECT_EQ(w.rejects[0].column, 2);

  RecordingWriter cio;
  ASSERT_TRUE(ReadText("charity-links", "company_number,charity_number\nCE008706,1169028\n", cio)
                  .has_value());
  ASSERT_EQ(cio.orgs.size(), 1u);
  EXPECT_EQ(cio.orgs[0].scheme, "GB-CHC");
  EXPECT_EQ(cio.orgs[0].form, "CIO");
  EXPECT_EQ(cio.links[0].id_a, "CE008706");

  RecordingWriter university;
  ASSERT_TRUE(ReadText("charity-links",
                       "Name,HESA ID,OrgID\nQueen's University Belfast,0184,GB-NIC-101788\n",
                       university)
                  .has_value());
  ASSERT_EQ(university.orgs.size(), 1u);
  EXPECT_EQ(university.orgs[0].scheme, "GB-NIC");
  EXPECT_EQ(university.orgs[0].id, "NIC101788");
  EXPECT_EQ(university.orgs[0].form, "university");
}

TEST(RegistersCharityNames, RealFileGivesNamesAndRejectsTheIdWithoutNumber) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  RecordingWriter w;
  auto s = ReadPath("charity-names", Shared("registers/charity-lookups/charity-names.csv"), w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  // Python: 2,286 data rows; the last is "GB-NIC-" with no number and no name.
  EXPECT_EQ(s->counts.rows_read, 2286);
  EXPECT_EQ(w.names.size(), 2285u);
  ASSERT_EQ(w.rejects.size(), 1u);
  EXPECT_EQ(w.rejects[0].line, 2287);
  EXPECT_EQ(w.rejects[0].column, 1);
  EXPECT_EQ(w.names[0].scheme, "GB-CHC");
  EXPECT_EQ(w.names[0].id, "1107583");
  EXPECT_EQ(w.names[0].name, "The Lankelly Chase Foundation");
  EXPECT_EQ(w.names[2].scheme, "GB-NIC");
  EXPECT_EQ(w.names[2].id, "NIC100005");
}

TEST(RegistersMutuals, RealFileGivesSocietiesTheirCompanyRecordsAndLinks) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  RecordingWriter w;
  auto s = ReadPath("mutuals", Shared("registers/charity-lookups/mutual-companies.csv"), w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  // Python: 12,182 rows; 7 company ids are not Companies House numbers (SP10BENS, IP0P204R...).
  EXPECT_EQ(s->counts.rows_read, 12182);
  EXPECT_EQ(w.links.size(), 12175u);
  EXPECT_EQ(w.orgs.size(), 12182u + 12175u);
  EXPECT_EQ(w.rejects.size(), 0u);
  const store::RegisterOrg* pegswood = w.Org("GB-MPR", "10002R");
  ASSERT_NE(pegswood, nullptr);
  EXPECT_EQ(pegswood->form, "registered society");
  const store::RegisterOrg* company = w.Org("GB-COH", "IP10002R");
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->name, "Pegswood and District Social Club and Institute Limited");
  ASSERT_FALSE(s->notes.empty());
  EXPECT_NE(s->notes[0].find("7 company ids"), std::string::npos);
}

// ---- nhs-trusts, public-bodies -----------------------------------------------------------------

TEST(RegistersNhsTrusts, RealFileWithoutHeader) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  RecordingWriter w;
  auto s = ReadPath("nhs-trusts", Shared("registers/nhs/ods_etr_nhs_trusts_2021.csv"), w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  // Python: 241 rows, 36 with national grouping Y56 (London), 2 with a close date.
  EXPECT_EQ(s->counts.rows_read, 241);
  EXPECT_EQ(w.orgs.size(), 241u);
  EXPECT_EQ(w.rejects.size(), 0u);
  const store::RegisterOrg* r1a = w.Org("GB-NHS", "R1A");
  ASSERT_NE(r1a, nullptr);
  EXPECT_EQ(r1a->name, "WORCESTERSHIRE HEALTH AND CARE NHS TRUST");
  EXPECT_EQ(r1a->postcode, "WR4 9RW");
  EXPECT_EQ(r1a->form, "NHS trust");
  EXPECT_EQ(r1a->status, "Active");
  EXPECT_EQ(r1a->as_of, "2011-07-01");
  EXPECT_EQ(std::count_if(w.orgs.begin(), w.orgs.end(),
                          [](const auto& o) { return o.status == "Closed"; }),
            2);
  EXPECT_EQ(w.Org("GB-NHS", "RFW")->status, "Closed");
  bool london = false;
  for (const std::string& n : s->notes) london |= n.find("36 trusts in NHS London") == 0;
  EXPECT_TRUE(london);
}

TEST(RegistersNhsTrusts, BadDatesAndCodesAreRejected) {
  RecordingWriter w;
  auto s = ReadText("nhs-trusts",
                    "R1A,A TRUST,Y56,Q71,,,,,,SE1 7EH,20110701,,,\n"
                    "R1B,B TRUST,Y56,Q71,,,,,,SE1 7EH,20111301,,,\n"
                    "r 1,C TRUST,Y56,Q71,,,,,,SE1 7EH,20110701,,,\n"
                    "R1D,D TRUST,Y56,Q71,,,,,,SE1 7EH,20110701,soon,,\n",
                    w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  ASSERT_EQ(w.rejects.size(), 3u);
  EXPECT_EQ(w.rejects[0].line, 2);
  EXPECT_EQ(w.rejects[0].column, 11);
  EXPECT_EQ(w.rejects[0].code, ErrorCode::kBadDate);
  EXPECT_EQ(w.rejects[1].column, 1);
  EXPECT_EQ(w.rejects[1].code, ErrorCode::kMissingPayee);
  EXPECT_EQ(w.rejects[2].column, 12);
  EXPECT_EQ(w.orgs.size(), 1u);
}

TEST(RegistersPublicBodies, BundledListImportsCleanly) {
  RecordingWriter w;
  auto s = ReadPath("public-bodies",
                    std::string(ANCHORNET_SOURCE_DIR) + "/data/public_bodies_uk.csv", w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(w.rejects.size(), 0u);
  EXPECT_GE(w.orgs.size(), 150u);
  std::map<std::string, int> kinds;
  for (const auto& o : w.orgs) {
    ++kinds[o.form];
    EXPECT_EQ(o.scheme, "GB-PUB");
    EXPECT_EQ(o.id, registers::Slug(o.id)) << o.id;
  }
  EXPECT_EQ(kinds["hmrc"], 1);
  EXPECT_GE(kinds["local-government"], 33 + 15);
  EXPECT_GE(kinds["police-fire"], 43);
  const store::RegisterOrg* hmrc = w.Org("GB-PUB", "hmrc");
  ASSERT_NE(hmrc, nullptr);
  EXPECT_EQ(hmrc->name, "HM Revenue & Customs");
  auto has_alias = [&](std::string_view id, std::string_view alias) {
    return std::any_of(w.names.begin(), w.names.end(),
                       [&](const auto& n) { return n.id == id && n.name == alias; });
  };
  EXPECT_TRUE(has_alias("hmrc", "Inland Revenue"));
  EXPECT_TRUE(has_alias("lb-lambeth", "Lambeth Council"));
  EXPECT_NE(w.Org("GB-PUB", "city-of-london"), nullptr);
  EXPECT_NE(w.Org("GB-PUB", "hyndburn"), nullptr);
  int boroughs = 0;
  for (const auto& o : w.orgs) {
    boroughs += core::StartsWith(o.id, "lb-") || core::StartsWith(o.id, "rb-") ||
                o.id == "westminster" || o.id == "city-of-london";
  }
  EXPECT_EQ(boroughs, 33);
}

TEST(RegistersPublicBodies, BadKindsAndDuplicateIdsAreRejected) {
  RecordingWriter w;
  auto s = ReadText("public-bodies",
                    "name,kind,id,aliases\n"
                    "Some Council,local-government,,Some Borough Council; SBC\n"
                    "Other Council,council,,\n"
                    "Some Council,local-government,,\n"
                    ",nhs,,\n",
                    w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  ASSERT_EQ(w.orgs.size(), 1u);
  EXPECT_EQ(w.orgs[0].id, "some-council");
  EXPECT_EQ(w.orgs[0].form, "local-government");
  ASSERT_EQ(w.names.size(), 2u);
  EXPECT_EQ(w.names[1].name, "SBC");
  ASSERT_EQ(w.rejects.size(), 3u);
  EXPECT_EQ(w.rejects[0].code, ErrorCode::kConfigInvalid);
  EXPECT_EQ(w.rejects[0].column, 2);
  EXPECT_NE(w.rejects[0].message.find("other-public"), std::string::npos);
  EXPECT_EQ(w.rejects[1].code, ErrorCode::kConfigInvalid);
  EXPECT_NE(w.rejects[1].message.find("line 2"), std::string::npos);
  EXPECT_EQ(w.rejects[2].code, ErrorCode::kMissingPayee);
}

// ---- postcodes, postcode-districts, deprivation, area-names -------------------------------------

TEST(RegistersPostcodes, OnspdSampleRows) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  RecordingWriter w;
  auto s = ReadPath("postcodes", Shared("geo/onspd_sample_rows_postcodesio_seed.csv"), w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  // Python: 256 rows, 251 with doterm set.
  EXPECT_EQ(w.places.size(), 256u);
  EXPECT_EQ(w.rejects.size(), 0u);
  ASSERT_FALSE(s->notes.empty());
  EXPECT_EQ(s->notes[0].rfind("251 terminated postcodes kept", 0), 0u) << s->notes[0];
  auto find = [&](std::string_view pc) -> const store::PostcodePlace* {
    for (const auto& p : w.places) {
      if (p.postcode == pc) return &p;
    }
    return nullptr;
  };
  const store::PostcodePlace* se1 = find("SE1 2DL");
  ASSERT_NE(se1, nullptr);
  EXPECT_FALSE(se1->district);
  EXPECT_EQ(se1->local_authority, "E09000028");
  EXPECT_EQ(se1->ward, "E05011104");
  EXPECT_EQ(se1->lsoa, "E01004028");
  const store::PostcodePlace* jersey = find("JE2 4WD");
  ASSERT_NE(jersey, nullptr);
  EXPECT_EQ(jersey->local_authority, "");  // L99999999: a pseudo code
  EXPECT_EQ(jersey->lsoa, "");
  const store::PostcodePlace* aberdeen = find("AB1 0AA");
  ASSERT_NE(aberdeen, nullptr);
  EXPECT_EQ(aberdeen->local_authority, "S12000033");
}

TEST(RegistersPostcodeDistricts, DoogalDistricts) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  RecordingWriter w;
  auto s = ReadPath("postcode-districts", Shared("geo/doogal_postcode_districts.csv"), w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  // Python: 3,115 rows; GIR has no Region; NPT, W1M, W1N, W1R, W1V, W1X and W1Y are retired
  // (0 active postcodes) and not valid districts today.
  EXPECT_EQ(s->counts.rows_read, 3107);
  EXPECT_EQ(s->counts.rows_skipped, 8);
  EXPECT_EQ(w.places.size(), 3107u);
  EXPECT_EQ(w.rejects.size(), 0u);
  bool se5 = false;
  for (const auto& p : w.places) {
    EXPECT_TRUE(p.district);
    if (p.postcode == "SE5") se5 = p.local_authority_name == "Lambeth";
  }
  EXPECT_TRUE(se5);
}

TEST(RegistersDeprivation, Imd2019File1) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  RecordingWriter w;
  auto s = ReadPath("deprivation", Shared("geo/imd2019_file1_lsoa_imd_rank_decile.csv"), w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  // Python: 32,844 LSOAs, deciles of 3,284 or 3,285 each.
  ASSERT_EQ(w.deprivation.size(), 32844u);
  EXPECT_EQ(w.rejects.size(), 0u);
  EXPECT_EQ(w.deprivation[0].lsoa, "E01000001");
  EXPECT_EQ(w.deprivation[0].local_authority, "E09000001");
  EXPECT_EQ(w.deprivation[0].rank, 29199);
  EXPECT_EQ(w.deprivation[0].decile, 9);
  EXPECT_EQ(std::count_if(w.deprivation.begin(), w.deprivation.end(),
                          [](const auto& d) { return d.decile == 1; }),
            3284);
}

TEST(RegistersDeprivation, BadRanksAndDecilesAreRejected) {
  RecordingWriter w;
  auto s = ReadText("deprivation",
                    "LSOA code (2011),Local Authority District code (2019),"
                    "Index of Multiple Deprivation (IMD) Rank,"
                    "Index of Multiple Deprivation (IMD) Decile\n"
                    "E01000001,E09000001,\"29,199\",9\n"
                    "E01000002,E09000001,n/a,9\n"
                    "E01000003,E09000001,12,11\n",
                    w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  ASSERT_EQ(w.rejects.size(), 2u);
  EXPECT_EQ(w.rejects[0].column, 3);
  EXPECT_EQ(w.rejects[0].code, ErrorCode::kBadAmount);
  EXPECT_EQ(w.rejects[1].column, 4);
  EXPECT_EQ(w.deprivation.size(), 1u);
}

TEST(RegistersAreaNames, CsvPairsOfOnsColumnsAreDeduplicated) {
  RecordingWriter w;
  auto s = ReadText("area-names",
                    "LSOA11CD,LSOA11NM,LAD17CD,LAD17NM\n"
                    "E01011966,Hartlepool 006B,E06000001,Hartlepool\n"
                    "E01011974,Hartlepool 005B,E06000001,Hartlepool\n",
                    w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  ASSERT_EQ(w.areas.size(), 3u);
  EXPECT_EQ(w.areas[1].code, "E06000001");
  EXPECT_EQ(w.areas[1].name, "Hartlepool");
}

// ---- supplier-returns --------------------------------------------------------------------------

TEST(RegistersSupplierReturns, SynonymsExampleRowsAndRejects) {
  const std::string csv =
      "Supplier,Company No,Size,VCSE,Women owned,Evidence,Certified by,Postcodes,Public body\n"
      "Example: Acme Cleaning Ltd,01234567,small,no,yes,self-declared,,SE11 5AA,\n"
      "# a comment row,,,,,,,,\n"
      "Brixton Cleaning CIC,9876543,micro,yes,yes,,MSDUK,\"se11 5aa; SW9 8HE\",\n"
      "Lambeth Council,,large,no,,,,,local-government\n"
      "Tiny Ltd,,tiny,,,,,,\n"
      ",,small,,,,,,\n"
      "Bad Postcode Ltd,,small,,,,,SE11,\n"
      "Bad Number Ltd,12-34,small,,,,,,\n";
  RecordingWriter w;
  auto s = ReadText("supplier-returns", csv, w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.rows_skipped, 2);
  ASSERT_EQ(w.returns.size(), 2u);
  const store::SupplierReturnLine& cic = w.returns[0];
  EXPECT_EQ(cic.row, 4);
  EXPECT_EQ(cic.name, "Brixton Cleaning CIC");
  EXPECT_EQ(cic.company_number, "09876543");
  EXPECT_EQ(cic.size, core::SizeBand::kMicro);
  EXPECT_EQ(cic.vcse, core::Known::kYes);
  EXPECT_EQ(cic.diverse_yes, core::kWomenOwned);
  EXPECT_EQ(cic.diverse_no, 0);
  EXPECT_EQ(cic.evidence, core::Evidence::kCertified);  // a certifier was named
  EXPECT_EQ(cic.certified_by, "MSDUK");
  EXPECT_EQ(cic.postcodes, (std::vector<std::string>{"SE11 5AA", "SW9 8HE"}));
  EXPECT_EQ(w.returns[1].public_body, core::PublicBodyKind::kLocalGovernment);
  EXPECT_EQ(w.returns[1].size, core::SizeBand::kLarge);
  ASSERT_EQ(w.rejects.size(), 4u);
  EXPECT_EQ(w.rejects[0].line, 6);
  EXPECT_EQ(w.rejects[0].column, 3);
  EXPECT_EQ(w.rejects[0].code, ErrorCode::kConfigInvalid);
  EXPECT_NE(w.rejects[0].message.find("Size"), std::string::npos);
  EXPECT_NE(w.rejects[0].message.find("micro, small, medium"), std::string::npos);
  EXPECT_EQ(w.rejects[1].code, ErrorCode::kMissingPayee);
  EXPECT_EQ(w.rejects[1].line, 7);
  EXPECT_EQ(w.rejects[2].column, 8);
  EXPECT_EQ(w.rejects[3].column, 2);
}

// ---- The pipeline ------------------------------------------------------------------------------

TEST(RegistersPipeline, ForwardsEveryRecordWithOrganisationsSortedByKey) {
  RecordingWriter target;
  {
    registers::PipelinedRegisterWriter pipeline(target);
    store::RegisterOrg org;
    org.scheme = "GB-COH";
    store::RegisterName name;
    name.scheme = "GB-COH";
    store::RegisterLink link{"GB-CHC", "1000611", "GB-COH", "08591698"};
    for (int i = 0; i < 5000; ++i) {
      org.id = fmt::format("{:08}", (i * 7919) % 5000);  // every number once, out of order
      org.name = "first";
      ASSERT_TRUE(pipeline.AddOrg(org).has_value());
      if (i % 7 == 0) {
        name.id = org.id;
        ASSERT_TRUE(pipeline.AddName(name).has_value());
        ASSERT_TRUE(pipeline.AddLink(link).has_value());
      }
    }
    org.id = "00000042";
    org.name = "second";  // the same key again: stored after the first, so it wins the upsert
    ASSERT_TRUE(pipeline.AddOrg(org).has_value());
    ASSERT_TRUE(pipeline.SetFileIdentity("hash", 1).has_value());
    auto id = pipeline.Commit({});
    ASSERT_TRUE(id.has_value());
    EXPECT_FALSE(pipeline.AddOrg(org).has_value());  // after the end
  }
  ASSERT_EQ(target.orgs.size(), 5001u);
  ASSERT_EQ(target.names.size(), 715u);
  ASSERT_EQ(target.links.size(), 715u);
  EXPECT_TRUE(std::is_sorted(target.orgs.begin(), target.orgs.end(),
                             [](const auto& a, const auto& b) { return a.id < b.id; }));
  EXPECT_EQ(target.orgs[42].id, "00000042");
  EXPECT_EQ(target.orgs[42].name, "first");
  EXPECT_EQ(target.orgs[43].id, "00000042");
  EXPECT_EQ(target.orgs[43].name, "second");
  EXPECT_EQ(target.orgs[4999].id, "00004998");
}

// ---- End to end through a workspace ------------------------------------------------------------

using testing::ZipPart;

class RegistersImport : public ::testing::Test {
 protected:
  void SetUp() override {
    network_ = testing::OneMemberNetwork("lambeth");
    network_.members[0].name = "London Borough of Lambeth";
    store_ = testing::NewStore(dir_.File("w.db"), network_);
    ASSERT_NE(store_, nullptr);
  }
  core::Result<RegisterSummary> Import(std::string_view kind, const std::string& path,
                                       const RegisterImportOptions& options = {}) {
    return ImportRegisterFile(*store_, network_, kind, path, options);
  }

  testing::TempDir dir_;
  core::Network network_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(RegistersImport, SameBytesTwiceAreAlreadyImported) {
  const std::string path = dir_.File("bodies.csv");
  testing::WriteFile(path,
                     "name,kind\nHM Revenue & Customs,hmrc\nLambeth Council,local-government\n");
  auto first = Import("public-bodies", path);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_FALSE(first->already_imported);
  EXPECT_GT(first->import_id, 0);
  EXPECT_EQ(first->counts.records, 2);
  auto found = store_->FindOrgs("GB-PUB", {"hm-revenue-customs", "lambeth-council"});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->size(), 2u);
  auto again = Import("public-bodies", path);
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(again->import_id, first->import_id);
  EXPECT_EQ(store_->ListRegisterImports()->size(), 1u);
}

TEST_F(RegistersImport, DryRunWritesNothing) {
  const std::string path = dir_.File("bodies.csv");
  testing::WriteFile(path, "name,kind\nHM Revenue & Customs,hmrc\n");
  RegisterImportOptions options;
  options.dry_run = true;
  auto s = Import("public-bodies", path, options);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_TRUE(s->dry_run);
  EXPECT_EQ(s->counts.records, 1);
  EXPECT_EQ(s->import_id, 0);
  EXPECT_TRUE(store_->ListRegisterImports()->empty());
  EXPECT_TRUE(store_->FindOrgs("GB-PUB", {"hm-revenue-customs"})->empty());
}

TEST_F(RegistersImport, FileLevelErrors) {
  const std::string path = dir_.File("bodies.csv");
  testing::WriteFile(path, "reg_number,scale\n200001,National\n");
  auto wrong = Import("mutuals", path);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kNoHeaderMatch);
  EXPECT_EQ(wrong.error().where.file, path);
  EXPECT_NE(wrong.error().message.find("mutual_id"), std::string::npos);
  EXPECT_TRUE(store_->ListRegisterImports()->empty());

  EXPECT_EQ(Import("no-such-kind", path).error().code, ErrorCode::kUsage);
  EXPECT_EQ(Import("supplier-returns", path).error().code, ErrorCode::kUsage);
  RegisterImportOptions stranger;
  stranger.member = "nobody";
  EXPECT_EQ(Import("supplier-returns", path, stranger).error().code, ErrorCode::kUnknownMember);
  EXPECT_EQ(Import("charities", dir_.File("missing.csv")).error().code, ErrorCode::kFileNotFound);
  const std::string header_only = dir_.File("header.csv");
  testing::WriteFile(header_only, "reg_number,scale\n");
  EXPECT_EQ(Import("charities", header_only).error().code, ErrorCode::kFileEmpty);
}

TEST_F(RegistersImport, AreaNamesFromAJsonMap) {
  const std::string path = dir_.File("lad.json");
  testing::WriteFile(path, "{\n  \"E09000022\": \"Lambeth\",\n  \"E07000120\": \"Hyndburn\"\n}\n");
  auto s = Import("area-names", path);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->format, "json");
  EXPECT_EQ(s->counts.records, 2);
  auto names = store_->ListAreaNames();
  ASSERT_TRUE(names.has_value());
  ASSERT_EQ(names->size(), 2u);
  const std::string json_elsewhere = dir_.File("bodies.json");
  testing::WriteFile(json_elsewhere, R"({"a": "b"})");
  EXPECT_EQ(Import("public-bodies", json_elsewhere).error().code, ErrorCode::kUnsupportedFormat);
}

TEST_F(RegistersImport, RealAreaNameMaps) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  // Python: len(json.load(...)) = 366 and 8,408; both maps name the pseudo codes L99999999
  // and M99999999.
  auto lad = Import("area-names", Shared("geo/postcodesio_lad_code_to_name.json"));
  ASSERT_TRUE(lad.has_value()) << lad.error().ToString();
  EXPECT_EQ(lad->counts.records, 366);
  auto wards = Import("area-names", Shared("geo/postcodesio_ward_code_to_name.json"));
  ASSERT_TRUE(wards.has_value()) << wards.error().ToString();
  EXPECT_EQ(wards->counts.records, 8408);
  EXPECT_EQ(store_->ListAreaNames()->size(), 366u + 8408u - 2u);
}

// A BasicCompanyData file over 8 MiB takes the concurrent path: hashed on another thread while
// it is parsed, and stored by a writer thread.
TEST_F(RegistersImport, LargeCompaniesHouseFileIsHashedWhileRead) {
  const std::string path = dir_.File("BasicCompanyData.csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << BasicCompanyDataHeader();
    for (int i = 1; i <= 25000; ++i) {
      out << BasicCompanyDataRow(
          fmt::format("COMPANY NUMBER {} LIMITED", i), std::to_string(i), "SE11 5AA",
          i % 2 ? "MICRO ENTITY" : "SMALL",
          "70229 - Management consultancy activities other than financial "
          "management",
          i % 10 == 0 ? std::vector<std::string>{"OLD NAME LTD"} : std::vector<std::string>{});
    }
  }
  ASSERT_GT(std::filesystem::file_size(path), 8u << 20);
  auto s = Import("companies-house", path);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.rows_read, 25000);
  EXPECT_EQ(s->counts.records, 25000 + 2500);
  EXPECT_EQ(s->content_hash, ProbeFile(path)->content_hash);
  auto orgs = store_->FindOrgs("GB-COH", {"00000001", "00025000"});
  ASSERT_TRUE(orgs.has_value());
  ASSERT_EQ(orgs->size(), 2u);
  EXPECT_EQ((*orgs)[0].account_category.empty(), false);
  auto imports = store_->ListRegisterImports();
  ASSERT_EQ(imports->size(), 1u);
  EXPECT_EQ((*imports)[0].content_hash, s->content_hash);
  auto again = Import("companies-house", path);
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(store_->ListRegisterImports()->size(), 1u);
}

TEST_F(RegistersImport, CsvTemplateIsAHeaderThatImportsEmpty) {
  const std::string path = dir_.File("return.csv");
  ASSERT_TRUE(WriteSupplierReturnTemplate(path, "csv", network_, "lambeth").has_value());
  const std::string text = testing::ReadFile(path);
  EXPECT_EQ(text.rfind("supplier_name,company_number,charity_number,vat_number,size_band,", 0), 0u);
  RegisterImportOptions options;
  options.member = "lambeth";
  auto s = Import("supplier-returns", path, options);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->counts.rows_read, 0);
  EXPECT_FALSE(s->notes.empty());
  EXPECT_EQ(WriteSupplierReturnTemplate(path, "pdf", network_, "lambeth").error().code,
            ErrorCode::kUsage);
}

TEST_F(RegistersImport, XlsxTemplateRoundTrip) {
  const std::string path = dir_.File("template.xlsx");
  ASSERT_TRUE(WriteSupplierReturnTemplate(path, "xlsx", network_, "lambeth").has_value());
  auto sheets = ListXlsxSheets(path);
  ASSERT_TRUE(sheets.has_value()) << sheets.error().ToString();
  EXPECT_EQ(*sheets, (std::vector<std::string>{"Suppliers", "Guidance"}));
  {
    auto rows = OpenXlsx(path, "Suppliers");
    ASSERT_TRUE(rows.has_value());
    Row row;
    ASSERT_TRUE((*rows)->Next(row).value());
    ASSERT_EQ(row.cells.size(), SupplierReturnColumns().size());
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      EXPECT_EQ(row.cells[i], SupplierReturnColumns()[i].header);
    }
    ASSERT_TRUE((*rows)->Next(row).value());
    EXPECT_EQ(row.cells[0], "Example: Acme Cleaning Ltd");
  }
  {
    auto rows = OpenXlsx(path, "Guidance");
    ASSERT_TRUE(rows.has_value());
    Row row;
    int n = 0;
    while ((*rows)->Next(row).value()) ++n;
    EXPECT_GE(n, static_cast<int>(SupplierReturnColumns().size()) + 1);
  }
  EXPECT_NE(ZipPart(path, "docProps/core.xml")
                .find("anchornet supplier return \xE2\x80\x94 London Borough of Lambeth"),
            std::string::npos);
  const std::string sheet = ZipPart(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<pane ySplit=\"1\""), std::string::npos);  // header frozen
  EXPECT_NE(sheet.find("\"micro,small,medium,large,sme,unknown\""), std::string::npos);

  // A member fills the template: the header, the example row, two suppliers.
  const std::string filled = dir_.File("filled.xlsx");
  lxw_workbook* wb = workbook_new(filled.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Suppliers");
  const auto& columns = SupplierReturnColumns();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), columns[c].header.c_str(), nullptr);
    if (!columns[c].example.empty()) {
      worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), columns[c].example.c_str(), nullptr);
    }
  }
  worksheet_write_string(ws, 2, 0, "Brixton Cleaning CIC", nullptr);
  worksheet_write_number(ws, 2, 1, 9876543, nullptr);  // typed as a number: leading 0 lost
  worksheet_write_string(ws, 2, 4, "micro", nullptr);
  worksheet_write_string(ws, 2, 5, "yes", nullptr);
  worksheet_write_string(ws, 2, 6, "CIC", nullptr);
  worksheet_write_string(ws, 2, 7, "yes", nullptr);
  worksheet_write_string(ws, 2, 8, "no", nullptr);
  worksheet_write_string(ws, 2, 11, "self-declared", nullptr);
  worksheet_write_string(ws, 2, 13, "SW9 8HE", nullptr);
  worksheet_write_string(ws, 3, 0, "Stockwell Catering Ltd", nullptr);
  worksheet_write_string(ws, 3, 3, "GB 123 4567 89", nullptr);
  worksheet_write_string(ws, 3, 4, "small", nullptr);
  worksheet_write_string(ws, 3, 10, "yes", nullptr);
  worksheet_write_string(ws, 3, 11, "certified", nullptr);
  worksheet_write_string(ws, 3, 12, "MSDUK", nullptr);
  worksheet_write_string(ws, 3, 17, "a note beside the table", nullptr);  // not a ragged row
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  RegisterImportOptions options;
  options.member = "lambeth";
  auto s = Import("supplier-returns", filled, options);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->format, "xlsx");
  EXPECT_EQ(s->counts.rows_read, 2);
  EXPECT_EQ(s->counts.rows_skipped, 1);  // the example row
  EXPECT_EQ(s->counts.rows_rejected, 0);
  auto lines = store_->ListSupplierReturns();
  ASSERT_TRUE(lines.has_value());
  ASSERT_EQ(lines->size(), 2u);
  std::sort(lines->begin(), lines->end(),
            [](const auto& a, const auto& b) { return a.second.row < b.second.row; });
  const auto& [member, cic] = (*lines)[0];
  EXPECT_EQ(member, "lambeth");
  EXPECT_EQ(cic.row, 3);
  EXPECT_EQ(cic.name, "Brixton Cleaning CIC");
  EXPECT_EQ(cic.company_number, "09876543");
  EXPECT_EQ(cic.size, core::SizeBand::kMicro);
  EXPECT_EQ(cic.vcse, core::Known::kYes);
  EXPECT_EQ(cic.vcse_form, "CIC");
  EXPECT_EQ(cic.diverse_yes, core::kWomenOwned);
  EXPECT_EQ(cic.diverse_no, core::kEthnicMinorityOwned);
  EXPECT_EQ(cic.evidence, core::Evidence::kSelfDeclared);
  EXPECT_EQ(cic.postcodes, std::vector<std::string>{"SW9 8HE"});
  const store::SupplierReturnLine& catering = (*lines)[1].second;
  EXPECT_EQ(catering.vat_number, "GB123456789");
  EXPECT_EQ(catering.size, core::SizeBand::kSmall);
  EXPECT_EQ(catering.diverse_yes, core::kLgbtqOwned);
  EXPECT_EQ(catering.evidence, core::Evidence::kCertified);
  EXPECT_EQ(catering.certified_by, "MSDUK");

  // A new return from the member replaces the earlier one.
  const std::string next = dir_.File("next.csv");
  testing::WriteFile(next, "supplier_name,size_band\nOne Supplier Ltd,medium\n");
  ASSERT_TRUE(Import("supplier-returns", next, options).has_value());
  EXPECT_EQ(store_->ListSupplierReturns()->size(), 1u);
}

}  // namespace
}  // namespace anchornet::ingest

// ---- ghg-factors ------------------------------------------------------------------------------

namespace anchornet::ingest {
namespace {

TEST(RegistersGhgFactors, Desnz2023FlatFile) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  RecordingWriter w;
  auto s = ReadPath("ghg-factors", Shared("carbon/desnz_ghg_conversion_factors_2023_flat_file.csv"),
                    w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  // Python csv over the same file: 8,038 factor rows after the header on line 6, of which the
  // publisher left 1,122 blank.
  EXPECT_EQ(w.factors.size(), 8038u - 1122u);
  // Skipped: the 1,122 blank factors, the ",END" row, the 5 preamble lines before the header
  // and the blank row before END.
  EXPECT_EQ(s->counts.rows_skipped, 1122 + 1 + 5 + 1);
  EXPECT_EQ(w.rejects.size(), 0u);
  ASSERT_FALSE(w.factors.empty());
  EXPECT_EQ(w.factors.front().year, 2023);
  EXPECT_EQ(w.factors.front().id, "1_100_1000_15_1");  // butane, tonnes, kg CO2e
  // Checked by hand in the file (line 2850): UK grid electricity, Scope 2, kWh, kg CO2e.
  const auto it = std::find_if(w.factors.begin(), w.factors.end(), [](const store::GhgFactor& f) {
    return f.id == "7_400_4000_5_1";
  });
  ASSERT_NE(it, w.factors.end());
  EXPECT_EQ(it->scope, "Scope 2");
  EXPECT_EQ(it->level1, "UK electricity");
  EXPECT_EQ(it->level3, "Electricity: UK");
  EXPECT_EQ(it->unit, "kWh");
  EXPECT_EQ(it->ghg_unit, "kg CO2e");
  EXPECT_EQ(it->value_text, "0.20707428859060403");
  EXPECT_DOUBLE_EQ(it->value, 0.20707428859060403);
}

TEST(RegistersGhgFactors, BadValuesAreRejectedWithTheirColumn) {
  RecordingWriter w;
  auto s = ReadText("ghg-factors",
                    "UK Government GHG Conversion Factors for Company Reporting,,,\n"
                    "ID,Scope,Level 1,Level 2,Level 3,Level 4,Column Text,UOM,GHG/Unit,"
                    "GHG Conversion Factor 2024\n"
                    "a_1,Scope 1,Fuels,Gaseous fuels,Natural gas,,,kWh (Net CV),kg CO2e,0.2\n"
                    "a_2,Scope 1,Fuels,Gaseous fuels,Natural gas,,,kWh (Net CV),kg CO2e,n/a\n",
                    w);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  ASSERT_EQ(w.factors.size(), 1u);
  EXPECT_EQ(w.factors[0].year, 2024);
  ASSERT_EQ(w.rejects.size(), 1u);
  EXPECT_EQ(w.rejects[0].line, 4);
  EXPECT_EQ(w.rejects[0].column, 10);
  EXPECT_EQ(w.rejects[0].code, core::ErrorCode::kBadAmount);
}

TEST_F(RegistersImport, GhgFactorsAreFoundByWordsAndYear) {
  const std::string path = dir_.File("factors-2023.csv");
  testing::WriteFile(path,
                     "ID,Scope,Level 1,Level 2,Level 3,Level 4,Column Text,UOM,GHG/Unit,"
                     "GHG Conversion Factor 2023\n"
                     "e_1,Scope 2,UK electricity,Electricity generated,Electricity: UK,kWh,,kWh,"
                     "kg CO2e,0.20707428859060403\n"
                     "g_1,Scope 1,Fuels,Gaseous fuels,Natural gas,,,kWh (Net CV),kg CO2e,"
                     "0.20267141879194631\n");
  auto s = Import("ghg-factors", path);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  auto gas = store_->FindGhgFactors(2023, "natural GAS kwh");
  ASSERT_TRUE(gas.has_value());
  ASSERT_EQ(gas->size(), 1u);
  EXPECT_EQ((*gas)[0].id, "g_1");
  EXPECT_DOUBLE_EQ((*gas)[0].value, 0.20267141879194631);
  auto none = store_->FindGhgFactors(2024, "");
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
  auto all = store_->FindGhgFactors(0, "");
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), 2u);
  // Same bytes again: nothing changes.
  auto again = Import("ghg-factors", path);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->already_imported);
}

}  // namespace
}  // namespace anchornet::ingest
