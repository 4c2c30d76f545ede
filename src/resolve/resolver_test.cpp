// Tests of supplier resolution (resolve/resolver.h; rules in docs/suppliers.md) over a real
// SQLite workspace: a three-member network whose spend files and registers are small CSVs written
// by the test in the real formats (BasicCompanyData, the charity-company crosswalk, a public-body
// list, ONSPD rows, IMD file 1, a supplier return in the template's columns) and imported with
// the real importers. Expected groupings and classifications are worked out by hand in comments.
#include "resolve/resolver.h"
#include "resolve/search.h"
#include "resolve/settle.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/names.h"
#include "ingest/importer.h"
#include "ingest/registers.h"
#include "test_util.h"

namespace anchornet::resolve {
namespace {

using core::ErrorCode;
using core::FactField;
using core::FactSource;
using testing::TempDir;
using testing::WriteFile;

// BasicCompanyData's real header (leading spaces as Companies House publishes them).
std::string CompaniesHeader() {
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
  return h + ", ConfStmtNextDueDate, ConfStmtLastMadeUpDate\r\n";
}

// One BasicCompanyData row, every cell quoted as Companies House writes them.
std::string CompanyRow(const std::string& name, const std::string& number,
                       const std::string& postcode, const std::string& category,
                       const std::string& type = "Private Limited Company",
                       const std::string& previous_name = "") {
  std::vector<std::string> cells = {name, number, "", "", "1 HIGH STREET", "", "LONDON", "",
                                    "UNITED KINGDOM", postcode, type, "Active", "United Kingdom",
                                    "", "01/02/2015", "28", "2", "30/11/2025", "28/02/2024",
                                    category, "", "", "0", "0", "0", "0",
                                    "43210 - Electrical installation", "", "", "", "0", "0",
                                    "http://business.data.companieshouse.gov.uk/doc/company/" +
                                        number};
  cells.push_back(previous_name.empty() ? "" : "01/01/2014");  // PreviousName_1.CONDATE
  cells.push_back(previous_name);
  for (int i = 2; i < 20; ++i) cells.push_back("");
  cells.push_back("15/02/2026");
  cells.push_back("01/02/2025");
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    out += (i ? ",\"" : "\"") + cells[i] + "\"";
  }
  return out + "\r\n";
}

// A supplier return in the template's columns: each row gives some columns by header.
std::string ReturnCsv(const std::vector<std::map<std::string, std::string>>& rows) {
  std::string out;
  const auto& columns = ingest::SupplierReturnColumns();
  for (std::size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + columns[c].header;
  out += "\n";
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      auto it = row.find(columns[c].header);
      out += (c ? "," : "") + (it == row.end() ? std::string() : it->second);
    }
    out += "\n";
  }
  return out;
}

class ResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    network_.name = "Resolver test network";
    network_.geography_name = "Lambeth";
    network_.geography_codes = {"E09000022"};
    network_.members = {
        {"lambeth", "London Borough of Lambeth", core::Sector::kLocalGovernment, "E09000022"},
        {"guys", "Guy's and St Thomas' NHS Foundation Trust", core::Sector::kNhs, ""},
        {"kings", "King's College London", core::Sector::kHigherEducation, ""}};
    store_ = testing::NewStore(dir_.File("w.db"), network_);
    ASSERT_NE(store_, nullptr);
  }

  void Spend(const std::string& member, const std::string& name, const std::string& csv) {
    testing::ImportSpendText(*store_, network_, dir_, member, name, csv);
  }

  void Register(const std::string& kind, const std::string& name, const std::string& csv,
                const std::string& member = "") {
    testing::ImportRegisterText(*store_, network_, dir_, kind, name, csv, member);
  }

  // The registers every test shares.
  void ImportRegisters() {
    Register("companies-house", "BasicCompanyData-2025-01-01.csv",
             CompaniesHeader() +
                 CompanyRow("BRIGHT SPARKS ELECTRICAL LTD", "01234567", "M1 1AA", "FULL") +
                 CompanyRow("DUPLICATE NAME LTD", "11111111", "SE11 5AA", "SMALL") +
                 CompanyRow("DUPLICATE NAME LIMITED", "22222222", "SE11 5AA", "MEDIUM") +
                 CompanyRow("SUNRISE CATERING LTD", "03333333", "SE11 5AA", "MICRO ENTITY") +
                 CompanyRow("NORTHERN SUPPLIES LTD", "04444444", "M1 1AA", "MEDIUM") +
                 CompanyRow("WIDGET WORKS LTD", "07654321", "SE11 5AA", "SMALL",
                            "Private Limited Company", "OLD WIDGETS LIMITED") +
                 CompanyRow("ZETA SERVICES LTD", "05555555", "SE1 7EH", "SMALL") +
                 CompanyRow("HOPE TRUST", "06666666", "SE1 7EH", "SMALL",
                            "PRI/LBG/NSC (Private, Limited by guarantee, no share capital, use "
                            "of 'Limited' exemption)"));
    Register("charity-links", "charity-company-numbers.csv",
             "org_id_a,org_id_b,name\n"
             "GB-CHC-1100001,GB-COH-06666666,HOPE TRUST\n");
    Register("public-bodies", "public_bodies.csv",
             "name,kind,id,aliases\n"
             "Transport for London,other-public,tfl,TfL\n");
    Register("postcodes", "onspd.csv",
             "pcds,oslaua,osward,lsoa11\n"
             "SE11 5AA,E09000022,E05000416,E01003001\n"
             "SE1 7EH,E09000022,E05000425,E01003002\n"
             "M1 1AA,E08000003,E05011363,E01005001\n");
    Register("deprivation", "imd2019_file1.csv",
             "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),"
             "Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,"
             "Index of Multiple Deprivation (IMD) Decile\n"
             "E01003001,Lambeth 001A,E09000022,Lambeth,\"1,204\",1\n"
             "E01003002,Lambeth 002A,E09000022,Lambeth,\"12,000\",4\n"
             "E01005001,Manchester 001A,E08000003,Manchester,\"5,000\",2\n");
    Register("supplier-returns", "lambeth_return.csv",
             ReturnCsv({{{"supplier_name", "Bright Sparks Electrical Ltd"},
                         {"company_number", "01234567"},
                         {"size_band", "small"},
                         {"women_owned", "yes"},
                         {"evidence", "certified"},
                         {"certified_by", "MSDUK"}},
                        {{"supplier_name", "Northern Supplies Ltd"},
                         {"company_number", "04444444"},
                         {"trading_postcodes", "M1 1AA;SE1 7EH"}}}),
             "lambeth");
  }

  // The spend every test shares: FY 2024/25.
  void ImportSpend() {
    Spend("lambeth", "lambeth.csv",
          "Payment Date,Supplier,Amount,Expense Type,Company Number\n"
          "01/05/2024,ACME LTD,100.00,Cleaning,\n"
          "02/05/2024,HM Revenue & Customs,5000.00,PAYE,\n"
          "03/05/2024,Guy's and St Thomas' NHS Foundation Trust,700.00,Services,\n"
          "04/05/2024,REDACTED,50.00,Refund,\n"
          "05/05/2024,Bright Sparks Electrical Ltd,900.00,Repairs,01234567\n"
          "06/05/2024,Duplicate Name Ltd,300.00,Supplies,\n"
          "07/05/2024,Sunrise Catering Ltd,400.00,Catering,\n"
          "08/05/2024,WW Facilities,250.00,Facilities,07654321\n"
          "09/05/2024,Northern Supplies Ltd,600.00,Supplies,04444444\n"
          "10/05/2024,Zeta Services,150.00,Consultancy,\n"
          "11/05/2024,Hope Trust,80.00,Grants,\n"
          "12/05/2024,Transport for London,60.00,Travel,\n"
          "13/05/2024,Lambeth Payroll,10000.00,Salaries,\n");
    Spend("guys", "guys.csv",
          "Payment Date,Supplier,Amount,Expense Type\n"
          "01/06/2024,Acme Limited,200.00,Cleaning\n"
          "02/06/2024,The Acme Co. Ltd (T/A Acme Cleaning),300.00,Cleaning\n"
          "03/06/2024,London Borough of Lambeth,400.00,Services\n"
          "04/06/2024,Widget Works Ltd,500.00,Maintenance\n"
          "05/06/2024,Zeta Svcs Ltd,120.00,Consultancy\n"
          "06/06/2024,Bright Sparks Electrical,90.00,Repairs\n");
    Spend("kings", "kings.csv",
          "Payment Date,Supplier,Amount,Expense Type,Vendor ID\n"
          "01/07/2024,Kleen Co,10.00,Cleaning,V100\n"
          "02/07/2024,KleenCo Services,20.00,Cleaning,V100\n"
          "03/07/2024,Petty Alpha,1.00,Sundries,V999\n"
          "03/07/2024,Petty Beta,1.00,Sundries,V999\n"
          "03/07/2024,Petty Gamma,1.00,Sundries,V999\n"
          "03/07/2024,Petty Delta,1.00,Sundries,V999\n"
          "03/07/2024,Petty Epsilon,1.00,Sundries,V999\n"
          "03/07/2024,Petty Omega,1.00,Sundries,V999\n"
          "04/07/2024,Fivefold One,2.00,Sundries,V500\n"
          "04/07/2024,Fivefold Two,2.00,Sundries,V500\n"
          "04/07/2024,Fivefold Three,2.00,Sundries,V500\n"
          "04/07/2024,Fivefold Four,2.00,Sundries,V500\n"
          "04/07/2024,Fivefold Five,2.00,Sundries,V500\n"
          "05/07/2024,Redacted personal data,30.00,Refund,\n");
  }

  void ImportAll() {
    ImportRegisters();
    ImportSpend();
  }

  std::vector<store::SupplierRecord> Resolve() {
    auto r = ResolveSuppliers(*store_);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().ToString());
    if (r) summary_ = *r;
    auto s = store_->LoadSuppliers(true);
    EXPECT_TRUE(s.has_value());
    return s ? *s : std::vector<store::SupplierRecord>{};
  }

  static const store::SupplierRecord* ByKey(const std::vector<store::SupplierRecord>& all,
                                            const std::string& key) {
    for (const auto& s : all) {
      if (s.key == key) return &s;
    }
    return nullptr;
  }

  // The supplier holding the payee spelt `name`, if any.
  static const store::SupplierRecord* WithAlias(const std::vector<store::SupplierRecord>& all,
                                                const std::string& name) {
    for (const auto& s : all) {
      if (std::find(s.aliases.begin(), s.aliases.end(), name) != s.aliases.end()) return &s;
    }
    return nullptr;
  }

  static std::vector<const core::Fact*> FactsOf(const store::SupplierRecord& s, FactField field) {
    std::vector<const core::Fact*> out;
    for (const core::Fact& f : s.facts) {
      if (f.field == field) out.push_back(&f);
    }
    return out;
  }

  static const core::Fact* ChosenFact(const store::SupplierRecord& s, FactField field) {
    for (const core::Fact& f : s.facts) {
      if (f.field == field && f.chosen) return &f;
    }
    return nullptr;
  }

  static std::set<std::string> AliasSet(const store::SupplierRecord& s) {
    return {s.aliases.begin(), s.aliases.end()};
  }

  TempDir dir_;
  core::Network network_;
  std::unique_ptr<store::Store> store_;
  ResolveSummary summary_;
};

TEST_F(ResolverTest, AcmeSpellingsAcrossMembersAreOneSupplier) {
  ImportAll();
  const auto all = Resolve();
  // "ACME LTD", "Acme Limited" and "The Acme Co. Ltd (T/A Acme Cleaning)" all key to ACME; no
  // register knows ACME, so it is one name-only supplier.
  const store::SupplierRecord* acme = ByKey(all, "name:ACME");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(AliasSet(*acme), (std::set<std::string>{"ACME LTD", "Acme Limited",
                                                    "The Acme Co. Ltd (T/A Acme Cleaning)"}));
  EXPECT_EQ(acme->members, (std::vector<std::string>{"lambeth", "guys"}));
  EXPECT_EQ(acme->payee_ids.size(), 3u);
  EXPECT_EQ(acme->match_method, "none");
  EXPECT_FALSE(acme->ambiguous);
  EXPECT_EQ(acme->size, core::SizeBand::kUnknown);
  for (const char* spelling : {"ACME LTD", "Acme Limited"}) {
    EXPECT_EQ(WithAlias(all, spelling), acme) << spelling;
  }
}

TEST_F(ResolverTest, NameSharedByTwoRegisteredCompaniesIsAmbiguousAndUnmatched) {
  ImportAll();
  const auto all = Resolve();
  // DUPLICATE NAME LTD (11111111) and DUPLICATE NAME LIMITED (22222222) both key to DUPLICATE
  // NAME and are not linked: two organisations, so the payee stays unmatched.
  const store::SupplierRecord* dup = ByKey(all, "name:DUPLICATE NAME");
  ASSERT_NE(dup, nullptr);
  EXPECT_TRUE(dup->ambiguous);
  EXPECT_EQ(dup->match_method, "none");
  EXPECT_EQ(dup->company_number, "");
  EXPECT_EQ(dup->size, core::SizeBand::kUnknown);  // neither SMALL nor MEDIUM is taken
  EXPECT_EQ(ByKey(all, "GB-COH-11111111"), nullptr);
  EXPECT_EQ(ByKey(all, "GB-COH-22222222"), nullptr);
  EXPECT_GE(summary_.ambiguous, 1);
}

TEST_F(ResolverTest, NameUniqueInTheRegisterIsMatchedByRegisterName) {
  ImportAll();
  const auto all = Resolve();
  // "Sunrise Catering Ltd" carries no number; SUNRISE CATERING LTD is the one registered
  // company with key SUNRISE CATERING.
  const store::SupplierRecord* s = ByKey(all, "GB-COH-03333333");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->match_method, "register-name");
  EXPECT_DOUBLE_EQ(s->match_confidence, 0.8);
  EXPECT_EQ(s->company_number, "03333333");
  EXPECT_EQ(s->register_scheme, "GB-COH");
  EXPECT_EQ(s->register_id, "03333333");
  EXPECT_EQ(s->name, "SUNRISE CATERING LTD");  // the register's name
  EXPECT_EQ(s->size, core::SizeBand::kMicro);  // MICRO ENTITY proxy
  const core::Fact* size = ChosenFact(*s, FactField::kSize);
  ASSERT_NE(size, nullptr);
  EXPECT_EQ(size->source, FactSource::kCompaniesHouse);
  EXPECT_NE(size->detail.find("proxy"), std::string::npos);
}

TEST_F(ResolverTest, RegisterNameMatchMergesWithThePayeeThatHadTheNumber) {
  ImportAll();
  const auto all = Resolve();
  // Lambeth pays "WW Facilities" with company number 07654321; Guy's pays "Widget Works Ltd"
  // with no number. The register names 07654321 WIDGET WORKS LTD, so both are one supplier.
  const store::SupplierRecord* w = ByKey(all, "GB-COH-07654321");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(AliasSet(*w), (std::set<std::string>{"WW Facilities", "Widget Works Ltd"}));
  EXPECT_EQ(w->members, (std::vector<std::string>{"lambeth", "guys"}));
  EXPECT_EQ(w->match_method, "identifier");  // one of its payees carried the number
  EXPECT_EQ(w->name, "WIDGET WORKS LTD");
  EXPECT_EQ(w->size, core::SizeBand::kSmall);
  EXPECT_EQ(ByKey(all, "name:WIDGET WORKS"), nullptr);
}

TEST_F(ResolverTest, PreviousNamesAndAliasesInRegistersMatchToo) {
  ImportAll();
  // "Old Widgets Ltd" is WIDGET WORKS LTD's previous name in Companies House; "TfL" is an alias
  // in the public-body list.
  Spend("kings", "kings_names.csv",
        "Payment Date,Supplier,Amount,Expense Type\n"
        "01/08/2024,Old Widgets Ltd,40.00,Maintenance\n"
        "02/08/2024,TfL,20.00,Travel\n");
  const auto all = Resolve();
  const store::SupplierRecord* w = ByKey(all, "GB-COH-07654321");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(AliasSet(*w),
            (std::set<std::string>{"WW Facilities", "Widget Works Ltd", "Old Widgets Ltd"}));
  // The alias finds the public body's record (the spellings are not merged into one supplier:
  // public-body records classify, they do not group).
  const store::SupplierRecord* tfl = WithAlias(all, "TfL");
  ASSERT_NE(tfl, nullptr);
  EXPECT_EQ(tfl->public_body, core::PublicBodyKind::kOtherPublic);
  EXPECT_EQ(tfl->register_scheme, "GB-PUB");
  EXPECT_EQ(tfl->register_id, "tfl");
  EXPECT_EQ(tfl->match_method, "register-name");
}

TEST_F(ResolverTest, NameOnlyPayeeJoinsTheSupplierWithAnIdentifierForItsName) {
  ImportAll();
  const auto all = Resolve();
  // Guy's "Bright Sparks Electrical" (no number) has the key of Lambeth's payee with 01234567.
  const store::SupplierRecord* b = ByKey(all, "GB-COH-01234567");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(AliasSet(*b),
            (std::set<std::string>{"Bright Sparks Electrical Ltd", "Bright Sparks Electrical"}));
  EXPECT_EQ(b->members, (std::vector<std::string>{"lambeth", "guys"}));
  EXPECT_EQ(b->match_method, "identifier");
}

TEST_F(ResolverTest, VendorIdGroupsNamesWithinAMemberUnlessItIsASundryAccount) {
  ImportAll();
  const auto all = Resolve();
  // V100: "Kleen Co" (key KLEEN) and "KleenCo Services" (key KLEENCO SERVICES): one supplier.
  const store::SupplierRecord* k = WithAlias(all, "Kleen Co");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(AliasSet(*k), (std::set<std::string>{"Kleen Co", "KleenCo Services"}));
  EXPECT_EQ(k->key, "name:KLEEN");  // tie on count: the first spelling in order
  // V500 covers five names: still one supplier (the guard is "more than five").
  const store::SupplierRecord* five = WithAlias(all, "Fivefold One");
  ASSERT_NE(five, nullptr);
  EXPECT_EQ(five->aliases.size(), 5u);
  // V999 covers six names: a catch-all account, so six suppliers.
  std::set<std::string> petty_keys;
  for (const char* n : {"Petty Alpha", "Petty Beta", "Petty Gamma", "Petty Delta", "Petty Epsilon",
                        "Petty Omega"}) {
    const store::SupplierRecord* p = WithAlias(all, n);
    ASSERT_NE(p, nullptr) << n;
    EXPECT_EQ(p->aliases.size(), 1u) << n;
    petty_keys.insert(p->key);
  }
  EXPECT_EQ(petty_keys.size(), 6u);
}

TEST_F(ResolverTest, PersonalPayeesAreOnePersonalSupplier) {
  ImportAll();
  const auto all = Resolve();
  const store::SupplierRecord* p = ByKey(all, "personal");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->personal);
  EXPECT_EQ(AliasSet(*p), (std::set<std::string>{"REDACTED", "Redacted personal data"}));
  EXPECT_EQ(p->members, (std::vector<std::string>{"lambeth", "kings"}));
  EXPECT_EQ(summary_.personal, 1);
  int personal = 0;
  for (const auto& s : all) personal += s.personal;
  EXPECT_EQ(personal, 1);
}

TEST_F(ResolverTest, OtherMembersAndHmrcAreRecognisedAsPublicBodies) {
  ImportAll();
  const auto all = Resolve();
  const store::SupplierRecord* guys = WithAlias(all, "Guy's and St Thomas' NHS Foundation Trust");
  ASSERT_NE(guys, nullptr);
  EXPECT_EQ(guys->public_body, core::PublicBodyKind::kMember);
  // The name pattern also says NHS; the member list is the stronger source.
  const core::Fact* chosen = ChosenFact(*guys, FactField::kPublicBody);
  ASSERT_NE(chosen, nullptr);
  EXPECT_EQ(chosen->value, "member");
  EXPECT_EQ(chosen->detail, "guys");
  const store::SupplierRecord* lambeth = WithAlias(all, "London Borough of Lambeth");
  ASSERT_NE(lambeth, nullptr);
  EXPECT_EQ(lambeth->public_body, core::PublicBodyKind::kMember);
  EXPECT_EQ(lambeth->members, (std::vector<std::string>{"guys"}));

  const store::SupplierRecord* hmrc = WithAlias(all, "HM Revenue & Customs");
  ASSERT_NE(hmrc, nullptr);
  EXPECT_EQ(hmrc->public_body, core::PublicBodyKind::kHmrc);

  // TfL from the public-body list, keyed by its record.
  const store::SupplierRecord* tfl = ByKey(all, "GB-PUB-tfl");
  ASSERT_NE(tfl, nullptr);
  EXPECT_EQ(tfl->public_body, core::PublicBodyKind::kOtherPublic);
  EXPECT_EQ(tfl->aliases, (std::vector<std::string>{"Transport for London"}));
  // Four public bodies: Guy's, Lambeth, HMRC, TfL.
  EXPECT_EQ(summary_.public_bodies, 4);
}

TEST_F(ResolverTest, MemberReturnSizeBeatsCompaniesHouseProxyAndDecisionBeatsBoth) {
  ImportAll();
  auto all = Resolve();
  const store::SupplierRecord* b = ByKey(all, "GB-COH-01234567");
  ASSERT_NE(b, nullptr);
  // Companies House says FULL (large, a proxy); Lambeth's return says small.
  EXPECT_EQ(b->size, core::SizeBand::kSmall);
  auto sizes = FactsOf(*b, FactField::kSize);
  ASSERT_EQ(sizes.size(), 2u);
  for (const core::Fact* f : sizes) {
    EXPECT_TRUE(f->conflicts) << f->value;
    if (f->source == FactSource::kMemberReturn) {
      EXPECT_TRUE(f->chosen);
      EXPECT_EQ(f->value, "small");
    } else {
      EXPECT_EQ(f->source, FactSource::kCompaniesHouse);
      EXPECT_FALSE(f->chosen);
      EXPECT_EQ(f->value, "large");
    }
  }

  auto settled = SettleSupplier(
      *store_, {{"GB-COH-01234567", FactField::kSize, "medium", "", "tester", "phoned them"}});
  ASSERT_TRUE(settled.has_value()) << settled.error().ToString();
  EXPECT_EQ(settled->key, "GB-COH-01234567");
  EXPECT_EQ(settled->size, core::SizeBand::kMedium);
  sizes = FactsOf(*settled, FactField::kSize);
  ASSERT_EQ(sizes.size(), 3u);
  for (const core::Fact* f : sizes) {
    EXPECT_TRUE(f->conflicts);
    EXPECT_EQ(f->chosen, f->source == FactSource::kDecision) << core::FactSourceName(f->source);
  }
  const core::Fact* chosen = ChosenFact(*settled, FactField::kSize);
  ASSERT_NE(chosen, nullptr);
  EXPECT_NE(chosen->source_detail.find("tester"), std::string::npos);
  // The stored suppliers say the same.
  all = store_->LoadSuppliers(false).value();
  EXPECT_EQ(ByKey(all, "GB-COH-01234567")->size, core::SizeBand::kMedium);
}

TEST_F(ResolverTest, DiverseFlagsComeFromAReturnWithCertifiedEvidence) {
  ImportAll();
  const auto all = Resolve();
  const store::SupplierRecord* b = ByKey(all, "GB-COH-01234567");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->diverse_yes, core::kWomenOwned);
  EXPECT_EQ(b->diverse_known, core::kWomenOwned);  // the other flags were left blank
  EXPECT_EQ(b->diverse_evidence, core::Evidence::kCertified);
  auto diverse = FactsOf(*b, FactField::kDiverse);
  ASSERT_EQ(diverse.size(), 1u);
  EXPECT_EQ(diverse[0]->value, "women");
  EXPECT_EQ(diverse[0]->detail, "yes certified:MSDUK");
  EXPECT_EQ(diverse[0]->source, FactSource::kMemberReturn);
  // A supplier nobody answered for has nothing known.
  const store::SupplierRecord* acme = ByKey(all, "name:ACME");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(acme->diverse_known, 0);
  EXPECT_EQ(acme->diverse_evidence, core::Evidence::kNone);
}

TEST_F(ResolverTest, PostcodeGivesLocalAuthorityLocalAndDecile) {
  ImportAll();
  const auto all = Resolve();
  // SUNRISE CATERING LTD is registered at SE11 5AA -> E09000022 (in the geography), LSOA
  // E01003001, IMD decile 1.
  const store::SupplierRecord* s = ByKey(all, "GB-COH-03333333");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->postcode, "SE11 5AA");
  EXPECT_EQ(s->local_authority, "E09000022");
  EXPECT_EQ(s->ward, "E05000416");
  EXPECT_EQ(s->lsoa, "E01003001");
  EXPECT_EQ(s->imd_decile, 1);
  EXPECT_EQ(s->local, core::Known::kYes);
  // BRIGHT SPARKS is registered at M1 1AA -> E08000003: outside, decile 2.
  const store::SupplierRecord* b = ByKey(all, "GB-COH-01234567");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->local_authority, "E08000003");
  EXPECT_EQ(b->local, core::Known::kNo);
  EXPECT_EQ(b->imd_decile, 2);
  // ACME has no postcode at all: unknown, not "no".
  const store::SupplierRecord* acme = ByKey(all, "name:ACME");
  EXPECT_EQ(acme->local, core::Known::kUnknown);
  EXPECT_EQ(acme->imd_decile, 0);
}

TEST_F(ResolverTest, TradingBranchInTheGeographyMakesAnOutsideSupplierLocal) {
  ImportAll();
  const auto all = Resolve();
  // NORTHERN SUPPLIES: main postcode M1 1AA (Manchester, outside) from both the register and
  // the return, but the return lists a second trading postcode SE1 7EH in Lambeth.
  const store::SupplierRecord* n = ByKey(all, "GB-COH-04444444");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->postcode, "M1 1AA");
  EXPECT_EQ(n->local_authority, "E08000003");
  EXPECT_EQ(n->local, core::Known::kYes);
  const core::Fact* pc = ChosenFact(*n, FactField::kPostcode);
  ASSERT_NE(pc, nullptr);
  EXPECT_EQ(pc->source, FactSource::kMemberReturn);
}

TEST_F(ResolverTest, CharityAndItsLinkedCompanyCountAsOneOrganisation) {
  ImportAll();
  const auto all = Resolve();
  // "Hope Trust" names both GB-COH-06666666 (Companies House, and the crosswalk) and
  // GB-CHC-1100001 (the crosswalk), which are linked: one organisation, not ambiguous.
  const store::SupplierRecord* h = ByKey(all, "GB-COH-06666666");
  ASSERT_NE(h, nullptr);
  EXPECT_FALSE(h->ambiguous);
  EXPECT_EQ(h->match_method, "register-name");
  EXPECT_EQ(h->charity_number, "1100001");
  // Companies House says "limited by guarantee" (VCSE only with an asset lock: unknown, with
  // that reason); the charity register says yes. A known answer beats a reason for not knowing,
  // even from a weaker source, and does not conflict with it.
  EXPECT_EQ(h->vcse, core::Known::kYes);
  auto vcse = FactsOf(*h, FactField::kVcse);
  ASSERT_EQ(vcse.size(), 2u);
  for (const core::Fact* f : vcse) {
    EXPECT_FALSE(f->conflicts);
    if (f->source == FactSource::kCharityRegister) {
      EXPECT_TRUE(f->chosen);
      EXPECT_EQ(f->value, "yes");
    } else {
      EXPECT_EQ(f->source, FactSource::kCompaniesHouse);
      EXPECT_FALSE(f->chosen);
      EXPECT_EQ(f->value, "unknown");
      EXPECT_NE(f->detail.find("guarantee"), std::string::npos);
    }
  }
}

TEST_F(ResolverTest, CrosswalkImportedAfterCompaniesHouseKeepsWhatCompaniesHouseSaid) {
  ImportAll();
  const auto all = Resolve();
  const store::SupplierRecord* h = ByKey(all, "GB-COH-06666666");
  ASSERT_NE(h, nullptr);
  // Companies House: SMALL accounts, registered at SE1 7EH.
  EXPECT_EQ(h->size, core::SizeBand::kSmall);
  EXPECT_EQ(h->postcode, "SE1 7EH");
  EXPECT_EQ(h->local, core::Known::kYes);
}

TEST_F(ResolverTest, KeysAreStableAcrossResolutions) {
  ImportAll();
  const auto first = Resolve();
  const auto second = Resolve();
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].key, second[i].key);
    EXPECT_EQ(first[i].payee_ids, second[i].payee_ids);
  }
  // Keys are unique.
  std::set<std::string> keys;
  for (const auto& s : first) keys.insert(s.key);
  EXPECT_EQ(keys.size(), first.size());
  // Every payee belongs to exactly one supplier.
  std::set<std::int64_t> payees;
  std::size_t total = 0;
  for (const auto& s : first) {
    payees.insert(s.payee_ids.begin(), s.payee_ids.end());
    total += s.payee_ids.size();
  }
  EXPECT_EQ(payees.size(), total);
  EXPECT_EQ(static_cast<std::int64_t>(total), summary_.payees);

  // A new member file adds suppliers without renaming the old ones.
  Spend("kings", "kings2.csv",
        "Payment Date,Supplier,Amount,Expense Type\n"
        "01/08/2024,Brand New Supplier Ltd,5.00,Cleaning\n");
  const auto third = Resolve();
  std::set<std::string> after;
  for (const auto& s : third) after.insert(s.key);
  for (const std::string& k : keys) EXPECT_TRUE(after.count(k)) << k;
  EXPECT_TRUE(after.count("name:BRAND NEW SUPPLIER"));
}

TEST_F(ResolverTest, EnsureResolvedRunsOnlyWhenDataChanged) {
  ImportAll();
  auto first = EnsureResolved(*store_);
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(first->has_value());
  auto again = EnsureResolved(*store_);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->has_value());
  Spend("kings", "kings2.csv",
        "Payment Date,Supplier,Amount,Expense Type\n"
        "01/08/2024,Brand New Supplier Ltd,5.00,Cleaning\n");
  auto after = EnsureResolved(*store_);
  ASSERT_TRUE(after.has_value());
  EXPECT_TRUE(after->has_value());
}

TEST_F(ResolverTest, FindAndSearchSuppliers) {
  ImportAll();
  const auto all = Resolve();
  auto by_number = FindSupplier(all, "1234567");  // zero-padded to 01234567
  ASSERT_TRUE(by_number.has_value());
  EXPECT_EQ(by_number->key, "GB-COH-01234567");
  auto by_spelling = FindSupplier(all, "acme limited");
  ASSERT_TRUE(by_spelling.has_value());
  EXPECT_EQ(by_spelling->key, "name:ACME");
  auto by_key = FindSupplier(all, "personal");
  ASSERT_TRUE(by_key.has_value());
  EXPECT_TRUE(by_key->personal);
  auto none = FindSupplier(all, "Nothing Like This Anywhere");
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
  auto several = FindSupplier(all, "petty");
  ASSERT_FALSE(several.has_value());
  EXPECT_EQ(several.error().code, ErrorCode::kUsage);

  auto found = SearchSuppliers(all, "acme", 10);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->key, "name:ACME");
  EXPECT_EQ(SearchSuppliers(all, "petty", 10).size(), 6u);
  EXPECT_EQ(SearchSuppliers(all, "petty", 2).size(), 2u);
  EXPECT_TRUE(SearchSuppliers(all, "zzzz", 10).empty());
}

TEST_F(ResolverTest, SettleSupplierValidates) {
  ImportAll();
  Resolve();
  auto bad_size = SettleSupplier(*store_, {{"name:ACME", FactField::kSize, "huge", "", "tester", ""}});
  ASSERT_FALSE(bad_size.has_value());
  EXPECT_EQ(bad_size.error().code, ErrorCode::kUsage);
  auto no_by = SettleSupplier(*store_, {{"name:ACME", FactField::kSize, "small", "", "  ", ""}});
  ASSERT_FALSE(no_by.has_value());
  EXPECT_EQ(no_by.error().code, ErrorCode::kUsage);
  auto unknown =
      SettleSupplier(*store_, {{"No Such Supplier Xyz", FactField::kSize, "small", "", "tester", ""}});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  auto bad_flag =
      SettleSupplier(*store_, {{"name:ACME", FactField::kDiverse, "purple", "yes", "tester", ""}});
  ASSERT_FALSE(bad_flag.has_value());
  EXPECT_EQ(bad_flag.error().code, ErrorCode::kUsage);
  auto bad_number = SettleSupplier(
      *store_, {{"name:ACME", FactField::kCompanyNumber, "not a number", "", "tester", ""}});
  ASSERT_FALSE(bad_number.has_value());
  EXPECT_EQ(bad_number.error().code, ErrorCode::kUsage);
  auto nothing = SettleSupplier(*store_, {});
  ASSERT_FALSE(nothing.has_value());
  EXPECT_EQ(nothing.error().code, ErrorCode::kUsage);
  // None of these recorded anything.
  EXPECT_TRUE(store_->ListDecisions().value().empty());
}

TEST_F(ResolverTest, CompanyNumberDecisionRegroupsSpellingsAndSurvivesReimport) {
  ImportAll();
  auto all = Resolve();
  // Lambeth's "Zeta Services" is matched by register name to ZETA SERVICES LTD (05555555);
  // Guy's "Zeta Svcs Ltd" (key ZETA SVCS) is a supplier of its own.
  ASSERT_NE(ByKey(all, "GB-COH-05555555"), nullptr);
  ASSERT_NE(ByKey(all, "name:ZETA SVCS"), nullptr);
  auto settled = SettleSupplier(
      *store_, {{"name:ZETA SVCS", FactField::kCompanyNumber, "5555555", "", "tester", ""}});
  ASSERT_TRUE(settled.has_value()) << settled.error().ToString();
  EXPECT_EQ(settled->key, "GB-COH-05555555");
  EXPECT_EQ(AliasSet(*settled), (std::set<std::string>{"Zeta Services", "Zeta Svcs Ltd"}));
  EXPECT_EQ(settled->members, (std::vector<std::string>{"lambeth", "guys"}));
  all = store_->LoadSuppliers(true).value();
  EXPECT_EQ(ByKey(all, "name:ZETA SVCS"), nullptr);
  // Recorded against the name key, so a new file spelling it that way joins too.
  auto decisions = store_->ListDecisions().value();
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].subject, "name:ZETA SVCS");
  EXPECT_EQ(decisions[0].value, "05555555");

  Spend("kings", "kings_zeta.csv",
        "Payment Date,Supplier,Amount,Expense Type\n"
        "01/09/2024,ZETA SVCS LIMITED,75.00,Consultancy\n");
  all = Resolve();
  const store::SupplierRecord* z = ByKey(all, "GB-COH-05555555");
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(AliasSet(*z),
            (std::set<std::string>{"Zeta Services", "Zeta Svcs Ltd", "ZETA SVCS LIMITED"}));
  EXPECT_EQ(z->members, (std::vector<std::string>{"lambeth", "guys", "kings"}));
  EXPECT_EQ(ByKey(all, "name:ZETA SVCS"), nullptr);

  // The same file imported again changes nothing: still one supplier.
  Spend("guys", "guys_again.csv",
        "Payment Date,Supplier,Amount,Expense Type\n"
        "01/06/2024,Acme Limited,200.00,Cleaning\n"
        "02/06/2024,The Acme Co. Ltd (T/A Acme Cleaning),300.00,Cleaning\n"
        "03/06/2024,London Borough of Lambeth,400.00,Services\n"
        "04/06/2024,Widget Works Ltd,500.00,Maintenance\n"
        "05/06/2024,Zeta Svcs Ltd,120.00,Consultancy\n"
        "06/06/2024,Bright Sparks Electrical,90.00,Repairs\n");
  all = Resolve();
  z = ByKey(all, "GB-COH-05555555");
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->members, (std::vector<std::string>{"lambeth", "guys", "kings"}));
  EXPECT_EQ(ByKey(all, "name:ZETA SVCS"), nullptr);
}

TEST_F(ResolverTest, DecisionsAreAuditedOldToNew) {
  ImportAll();
  Resolve();
  ASSERT_TRUE(SettleSupplier(*store_, {{"acme", FactField::kSize, "small", "", "alice", "invoice"}})
                  .has_value());
  auto second = SettleSupplier(*store_, {{"acme", FactField::kSize, "micro", "", "bob", ""}});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->size, core::SizeBand::kMicro);
  auto decisions = store_->ListDecisions().value();
  ASSERT_EQ(decisions.size(), 2u);
  EXPECT_EQ(decisions[0].subject, "name:ACME");
  EXPECT_EQ(decisions[0].field, FactField::kSize);
  EXPECT_EQ(decisions[0].old_value, "unknown");
  EXPECT_EQ(decisions[0].value, "small");
  EXPECT_EQ(decisions[0].by, "alice");
  EXPECT_EQ(decisions[0].note, "invoice");
  EXPECT_FALSE(decisions[0].at.empty());
  EXPECT_EQ(decisions[1].old_value, "small");
  EXPECT_EQ(decisions[1].value, "micro");
  EXPECT_EQ(decisions[1].by, "bob");
  EXPECT_LT(decisions[0].id, decisions[1].id);
  // "--size unknown" clears: back to what the other sources say (nothing, for ACME).
  auto cleared = SettleSupplier(*store_, {{"acme", FactField::kSize, "unknown", "", "carol", ""}});
  ASSERT_TRUE(cleared.has_value());
  EXPECT_EQ(cleared->size, core::SizeBand::kUnknown);
  EXPECT_EQ(store_->ListDecisions().value().back().old_value, "micro");
}

TEST_F(ResolverTest, DiverseDecisionWithCertifiedEvidence) {
  ImportAll();
  Resolve();
  auto s = SettleSupplier(*store_, {{"name:ACME", FactField::kDiverse, "ethnic-minority",
                                     "yes certified:MSDUK", "tester", ""}});
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->diverse_yes, core::kEthnicMinorityOwned);
  EXPECT_EQ(s->diverse_evidence, core::Evidence::kCertified);
}

}  // namespace
}  // namespace anchornet::resolve
