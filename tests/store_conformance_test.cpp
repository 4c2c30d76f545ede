// The Store conformance suite: every backend must pass it (userver *_pgtest.cpp; LevelDB
// ChangeOptions). Today the backends are: SQLite.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "store/fault.h"
#include "store/store.h"
#include "test_util.h"

namespace anchornet {
namespace {

using core::ErrorCode;
using testing::TempDir;

struct Backend {
  std::string name;
  std::function<std::string(const TempDir&)> url;
};

class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<store::Store> Open() {
    auto s = store::Store::Open(GetParam().url(dir_));
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().ToString());
    return s ? std::move(*s) : nullptr;
  }
  std::unique_ptr<store::Store> OpenWithNetwork() {
    auto s = Open();
    if (s) {
      EXPECT_TRUE(s->SaveNetwork(Network(), "name = \"N\"").has_value());
    }
    return s;
  }
  static core::Network Network() {
    core::Network n;
    n.name = "Conformance network";
    n.geography_name = "London";
    n.geography_codes = {"E09000022", "E09000028"};
    n.members = {
        {"lambeth", "London Borough of Lambeth", core::Sector::kLocalGovernment, "E09000022"},
        {"guys", "Guy's and St Thomas'", core::Sector::kNhs, ""}};
    core::Goal g;
    g.id = "msme";
    g.measure = "S3";
    g.kind = "share";
    g.target = 0.3;
    g.from_fy = 2022;
    g.to_fy = 2024;
    n.goals.push_back(g);
    n.rules.push_back({"payroll", "S1", "expense-type", {"salar*", "payroll"}, "not third-party", "", true});
    return n;
  }
  static core::SpendLine Line(const std::string& payee, core::Pence amount, int day,
                              const std::string& ref = "") {
    core::SpendLine l;
    l.row = day;
    l.paid_on = core::FromCivil(2024, 5, day);
    l.amount = amount;
    l.payee = payee;
    l.reference = ref;
    l.expense_type = "Catering";
    return l;
  }
  static store::FileToImport File(const std::string& member, const std::string& hash) {
    return {member, hash + ".csv", hash, 100, "csv", "test layout"};
  }

  TempDir dir_;
};

TEST_P(StoreConformance, NewWorkspaceHasCurrentSchemaAndNoNetwork) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->SchemaVersion(), store::kSchemaVersion);
  auto n = s->LoadNetwork();
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(n.error().code, ErrorCode::kNoWorkspace);
}

TEST_P(StoreConformance, NetworkRoundTrips) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto n = s->LoadNetwork();
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->name, "Conformance network");
  EXPECT_EQ(n->geography_codes, (std::vector<std::string>{"E09000022", "E09000028"}));
  ASSERT_EQ(n->members.size(), 2u);
  EXPECT_EQ(n->members[0].id, "lambeth");
  EXPECT_EQ(n->members[1].sector, core::Sector::kNhs);
  ASSERT_EQ(n->goals.size(), 1u);
  EXPECT_DOUBLE_EQ(n->goals[0].target, 0.3);
  EXPECT_EQ(n->goals[0].to_fy, 2024);
  ASSERT_EQ(n->rules.size(), 1u);
  EXPECT_EQ(n->rules[0].patterns, (std::vector<std::string>{"salar*", "payroll"}));
  auto source = s->NetworkSource();
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ(*source, "name = \"N\"");
}

TEST_P(StoreConformance, MembersWithFilesCannotBeRemoved) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginImport(File("guys", "h1"));
  ASSERT_TRUE(w.has_value());
  ASSERT_TRUE((*w)->Add(Line("ACME LTD", 100, 1)).has_value());
  ASSERT_TRUE((*w)->Commit({}).has_value());
  core::Network smaller = Network();
  smaller.members.pop_back();
  auto saved = s->SaveNetwork(smaller, "");
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::kConfigInvalid);
  // A member without files can go.
  smaller = Network();
  smaller.members.erase(smaller.members.begin());
  EXPECT_TRUE(s->SaveNetwork(smaller, "").has_value());
}

TEST_P(StoreConformance, UnknownMemberIsRefused) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginImport(File("nobody", "h"));
  ASSERT_FALSE(w.has_value());
  EXPECT_EQ(w.error().code, ErrorCode::kUnknownMember);
}

TEST_P(StoreConformance, RepeatsWithinAFileAreKeptAndAcrossFilesCountedOnce) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  {
    auto w = s->BeginImport(File("lambeth", "a"));
    ASSERT_TRUE(w.has_value());
    // Two identical payments in one file are two payments.
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25)).value(), true);
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25)).value(), true);
    EXPECT_EQ((*w)->Add(Line("Other Co", 100, 2)).value(), true);
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  {
    auto w = s->BeginImport(File("lambeth", "b"));
    ASSERT_TRUE(w.has_value());
    // The same payment spelt with other case and spacing is the same payment...
    EXPECT_EQ((*w)->Add(Line("acme  ltd", 4928'57, 25)).value(), false);
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25)).value(), false);
    // ...a third copy is new, as is the same payee on another day or with a reference.
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25)).value(), true);
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 26)).value(), true);
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25, "INV-1")).value(), true);
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  {
    // The same payment for another member is that member's payment.
    auto w = s->BeginImport(File("guys", "c"));
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ((*w)->Add(Line("ACME LTD", 4928'57, 25)).value(), true);
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  auto c = s->Counts();
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->lines, 7);
}

TEST_P(StoreConformance, UncommittedImportLeavesNothing) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  {
    auto w = s->BeginImport(File("lambeth", "x"));
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->Add(Line("ACME LTD", 100, 1)).has_value());
    ASSERT_TRUE((*w)->AddReject({3, 2, ErrorCode::kBadAmount, "bad", "a|b"}).has_value());
  }
  auto c = s->Counts();
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->lines, 0);
  EXPECT_EQ(c->files, 0);
  EXPECT_EQ(c->rejects, 0);
  EXPECT_EQ(c->payees, 0);
  auto found = s->FindImportedFile("lambeth", "x");
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->has_value());
}

TEST_P(StoreConformance, FilesRejectsAndTotalsAreListed) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginImport(File("lambeth", "f"));
  ASSERT_TRUE(w.has_value());
  ASSERT_TRUE((*w)->Add(Line("ACME LTD", 1000, 1)).has_value());
  ASSERT_TRUE((*w)->Add(Line("Acme Ltd", 500, 1)).has_value());
  ASSERT_TRUE((*w)->Add(Line("Beta plc", 200, 2)).has_value());
  core::SpendLine personal = Line("REDACTED", 50, 3);
  personal.payee_kind = core::PayeeKind::kPersonal;
  ASSERT_TRUE((*w)->Add(personal).has_value());
  ASSERT_TRUE(
      (*w)->AddReject({7, 5, ErrorCode::kBadAmount, "'TBC' is not money", "x|TBC"}).has_value());
  store::ImportCounts counts;
  counts.rows_read = 5;
  counts.lines_imported = 4;
  counts.rows_rejected = 1;
  counts.total_imported = 1750;
  counts.first_paid = core::FromCivil(2024, 5, 1);
  counts.last_paid = core::FromCivil(2024, 5, 3);
  auto id = (*w)->Commit(counts);
  ASSERT_TRUE(id.has_value());

  auto found = s->FindImportedFile("lambeth", "f");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->id, *id);
  EXPECT_EQ((*found)->counts.total_imported, 1750);
  EXPECT_EQ((*found)->counts.last_paid, core::FromCivil(2024, 5, 3));

  auto rejects = s->ListRejects({"lambeth", 0, 10});
  ASSERT_TRUE(rejects.has_value());
  ASSERT_EQ(rejects->size(), 1u);
  EXPECT_EQ((*rejects)[0].reject.line, 7);
  EXPECT_EQ((*rejects)[0].reject.column, 5);
  EXPECT_EQ((*rejects)[0].reject.code, ErrorCode::kBadAmount);
  EXPECT_EQ((*rejects)[0].file_name, "f.csv");

  auto days = s->DailyTotals("");
  ASSERT_TRUE(days.has_value());
  ASSERT_EQ(days->size(), 3u);
  EXPECT_EQ((*days)[0].amount, 1500);
  EXPECT_EQ((*days)[0].lines, 2);

  auto payees = s->TopPayees({});
  ASSERT_TRUE(payees.has_value());
  ASSERT_EQ(payees->size(), 3u);
  EXPECT_EQ((*payees)[0].payee, "ACME LTD");  // the spelling with most spend
  EXPECT_EQ((*payees)[0].amount, 1500);
  EXPECT_EQ((*payees)[0].lines, 2);
  EXPECT_EQ((*payees)[2].kind, core::PayeeKind::kPersonal);
  EXPECT_TRUE(s->CheckIntegrity().has_value());
}

TEST_P(StoreConformance, ReopenKeepsEverything) {
  {
    auto s = OpenWithNetwork();
    ASSERT_NE(s, nullptr);
    auto w = s->BeginImport(File("lambeth", "r"));
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->Add(Line("ACME LTD", 1000, 1)).has_value());
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  auto s = Open();
  ASSERT_NE(s, nullptr);
  auto c = s->Counts();
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->lines, 1);
  EXPECT_EQ(c->members, 2);
}

// ---- Registers, supplier returns, suppliers and decisions -------------------------------------

store::RegisterOrg Org(const std::string& scheme, const std::string& id, const std::string& name,
                       const std::string& postcode = "", const std::string& category = "") {
  store::RegisterOrg o;
  o.scheme = scheme;
  o.id = id;
  o.name = name;
  o.postcode = postcode;
  o.form = scheme == "GB-COH" ? "Private Limited Company" : "charity";
  o.status = "Active";
  o.account_category = category;
  return o;
}

store::RegisterFile RegisterFileOf(const std::string& kind, const std::string& hash,
                                   const std::string& member = "") {
  return {kind, member, hash + ".csv", hash, 10, "csv"};
}

TEST_P(StoreConformance, RegisterImportCommitsOrLeavesNothing) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  {
    // Not committed: nothing of it is kept.
    auto w = s->BeginRegisterImport(RegisterFileOf("companies-house", "ch0"));
    ASSERT_TRUE(w.has_value()) << w.error().ToString();
    ASSERT_TRUE((*w)->AddOrg(Org("GB-COH", "01234567", "ACME CLEANING LTD")).has_value());
    ASSERT_TRUE((*w)->AddPostcode({"SE11 5AA", false, "E09000022", "", "E05000416", "E01003001"})
                    .has_value());
    ASSERT_TRUE((*w)->AddReject({3, 2, ErrorCode::kMissingPayee, "bad", "x"}).has_value());
  }
  EXPECT_TRUE(s->FindOrgs("GB-COH", {"01234567"}).value().empty());
  EXPECT_TRUE(s->FindPostcodes({"SE11 5AA"}).value().empty());
  EXPECT_TRUE(s->ListRegisterImports().value().empty());
  EXPECT_FALSE(s->FindRegisterImport("companies-house", "", "ch0").value().has_value());

  auto w = s->BeginRegisterImport(RegisterFileOf("companies-house", "ch1"));
  ASSERT_TRUE(w.has_value());
  ASSERT_TRUE((*w)->AddOrg(Org("GB-COH", "01234567", "ACME CLEANING LTD", "SE11 5AA", "SMALL"))
                  .has_value());
  store::RegisterCounts counts;
  counts.rows_read = 2;
  counts.records = 1;
  counts.rows_rejected = 1;
  auto id = (*w)->Commit(counts);
  ASSERT_TRUE(id.has_value()) << id.error().ToString();
  w->reset();

  // Already imported: found by kind, member and hash; not under another kind or member.
  auto found = s->FindRegisterImport("companies-house", "", "ch1");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->id, *id);
  EXPECT_EQ((*found)->counts.rows_read, 2);
  EXPECT_EQ((*found)->counts.rows_rejected, 1);
  EXPECT_FALSE((*found)->imported_at.empty());
  EXPECT_FALSE(s->FindRegisterImport("charities", "", "ch1").value().has_value());
  EXPECT_FALSE(s->FindRegisterImport("companies-house", "lambeth", "ch1").value().has_value());
  auto listed = s->ListRegisterImports().value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].kind, "companies-house");
  EXPECT_EQ(listed[0].name, "ch1.csv");
  auto orgs = s->FindOrgs("GB-COH", {"01234567"}).value();
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0].name, "ACME CLEANING LTD");
  EXPECT_EQ(orgs[0].postcode, "SE11 5AA");
  EXPECT_EQ(orgs[0].account_category, "SMALL");
  EXPECT_TRUE(s->CheckIntegrity().has_value());

  // A supplier return needs a member of the network.
  auto nobody = s->BeginRegisterImport(RegisterFileOf("supplier-returns", "r", "nobody"));
  ASSERT_FALSE(nobody.has_value());
  EXPECT_EQ(nobody.error().code, ErrorCode::kUnknownMember);
}

TEST_P(StoreConformance, RegisterLookups) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginRegisterImport(RegisterFileOf("companies-house", "ch"));
  ASSERT_TRUE(w.has_value());
  auto& writer = **w;
  ASSERT_TRUE(writer.AddOrg(Org("GB-COH", "01234567", "Acme Cleaning Ltd")).has_value());
  ASSERT_TRUE(writer.AddOrg(Org("GB-COH", "07654321", "BETA SERVICES LIMITED")).has_value());
  ASSERT_TRUE(writer.AddOrg(Org("GB-CHC", "1100001", "HOPE TRUST")).has_value());
  ASSERT_TRUE(writer.AddOrg(Org("GB-COH", "06666666", "HOPE TRUST")).has_value());
  ASSERT_TRUE(writer.AddName({"GB-COH", "01234567", "Acme Services (London) Ltd"}).has_value());
  ASSERT_TRUE(writer.AddLink({"GB-CHC", "1100001", "GB-COH", "06666666"}).has_value());
  ASSERT_TRUE(writer.AddPostcode({"SE11 5AA", false, "E09000022", "Lambeth", "E05000416",
                                  "E01003001"})
                  .has_value());
  ASSERT_TRUE(writer.AddPostcode({"SE11", true, "", "Lambeth", "", ""}).has_value());
  ASSERT_TRUE(writer.AddDeprivation({"E01003001", "E09000022", 1204, 1}).has_value());
  ASSERT_TRUE(writer.AddAreaName({"E09000022", "Lambeth"}).has_value());
  ASSERT_TRUE(writer.Commit({}).has_value());
  w->reset();

  // By identifier, per scheme; missing ids are absent.
  auto orgs = s->FindOrgs("GB-COH", {"01234567", "07654321", "99999999"}).value();
  EXPECT_EQ(orgs.size(), 2u);
  EXPECT_EQ(s->FindOrgs("GB-CHC", {"01234567"}).value().size(), 0u);
  EXPECT_EQ(s->FindOrgs("GB-CHC", {"1100001"}).value().size(), 1u);
  EXPECT_TRUE(s->FindOrgs("GB-COH", {}).value().empty());

  // By name key: the register's name ("ACME CLEANING") or an alternative name ("ACME SERVICES
  // LONDON"), each with the key it matched under.
  auto named = s->FindOrgsByNameKey({"ACME CLEANING", "ACME SERVICES LONDON", "BETA SERVICES",
                                     "HOPE TRUST", "NOBODY"})
                   .value();
  std::multimap<std::string, std::string> by_key;
  for (const auto& [key, org] : named) by_key.emplace(key, org.scheme + "-" + org.id);
  EXPECT_EQ(by_key.count("ACME CLEANING"), 1u);
  EXPECT_EQ(by_key.find("ACME CLEANING")->second, "GB-COH-01234567");
  ASSERT_EQ(by_key.count("ACME SERVICES LONDON"), 1u);
  EXPECT_EQ(by_key.find("ACME SERVICES LONDON")->second, "GB-COH-01234567");
  EXPECT_EQ(by_key.find("BETA SERVICES")->second, "GB-COH-07654321");
  EXPECT_EQ(by_key.count("HOPE TRUST"), 2u);  // the charity and its company
  EXPECT_EQ(by_key.count("NOBODY"), 0u);

  // Links in either direction.
  auto links = s->FindLinks({{"GB-COH", "06666666"}}).value();
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].scheme_a, "GB-CHC");
  EXPECT_EQ(links[0].id_a, "1100001");
  EXPECT_EQ(s->FindLinks({{"GB-CHC", "1100001"}}).value().size(), 1u);
  EXPECT_TRUE(s->FindLinks({{"GB-COH", "01234567"}}).value().empty());

  // Postcodes, full and district.
  auto places = s->FindPostcodes({"SE11 5AA", "SE11", "ZZ1 1ZZ"}).value();
  ASSERT_EQ(places.size(), 2u);
  for (const auto& p : places) {
    if (p.postcode == "SE11") {
      EXPECT_TRUE(p.district);
      EXPECT_EQ(p.local_authority_name, "Lambeth");
    } else {
      EXPECT_EQ(p.postcode, "SE11 5AA");
      EXPECT_FALSE(p.district);
      EXPECT_EQ(p.local_authority, "E09000022");
      EXPECT_EQ(p.ward, "E05000416");
      EXPECT_EQ(p.lsoa, "E01003001");
    }
  }
  auto deprivation = s->FindDeprivation({"E01003001", "E01000000"}).value();
  ASSERT_EQ(deprivation.size(), 1u);
  EXPECT_EQ(deprivation[0].decile, 1);
  EXPECT_EQ(deprivation[0].rank, 1204);
  auto areas = s->ListAreaNames().value();
  ASSERT_EQ(areas.size(), 1u);
  EXPECT_EQ(areas[0].name, "Lambeth");

  // A newer import of the same record replaces it.
  auto again = s->BeginRegisterImport(RegisterFileOf("companies-house", "ch2"));
  ASSERT_TRUE(again.has_value());
  ASSERT_TRUE((*again)->AddOrg(Org("GB-COH", "07654321", "BETA NEW NAME LTD", "", "MICRO ENTITY"))
                  .has_value());
  ASSERT_TRUE((*again)->Commit({}).has_value());
  again->reset();
  auto beta = s->FindOrgs("GB-COH", {"07654321"}).value();
  ASSERT_EQ(beta.size(), 1u);
  EXPECT_EQ(beta[0].name, "BETA NEW NAME LTD");
  EXPECT_EQ(beta[0].account_category, "MICRO ENTITY");
  EXPECT_TRUE(s->FindOrgsByNameKey({"BETA NEW NAME"}).value().size() == 1u);
}

TEST_P(StoreConformance, AMembersNewSupplierReturnReplacesItsEarlierOne) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto add_return = [&](const std::string& member, const std::string& hash,
                        const std::vector<std::string>& names, bool commit) {
    auto w = s->BeginRegisterImport(RegisterFileOf("supplier-returns", hash, member));
    ASSERT_TRUE(w.has_value()) << w.error().ToString();
    std::int64_t row = 1;
    for (const std::string& n : names) {
      store::SupplierReturnLine l;
      l.row = ++row;
      l.name = n;
      l.size = core::SizeBand::kSmall;
      l.diverse_yes = core::kWomenOwned;
      l.diverse_no = core::kDisabledOwned;
      l.evidence = core::Evidence::kCertified;
      l.certified_by = "MSDUK";
      l.postcodes = {"SE11 5AA", "SE1 7EH"};
      l.public_body = core::PublicBodyKind::kNone;
      l.as_of = "2024-06-30";
      ASSERT_TRUE((*w)->AddSupplierReturn(l).has_value());
    }
    if (commit) {
      ASSERT_TRUE((*w)->Commit({}).has_value());
    }
  };
  add_return("lambeth", "l1", {"Acme Ltd", "Beta Ltd"}, true);
  add_return("guys", "g1", {"Gamma Ltd"}, true);
  auto names = [&] {
    std::vector<std::string> out;
    const auto lines = s->ListSupplierReturns().value();
    for (const auto& [member, line] : lines) {
      out.push_back(member + ":" + line.name);
    }
    return out;
  };
  EXPECT_EQ(names(), (std::vector<std::string>{"lambeth:Acme Ltd", "lambeth:Beta Ltd",
                                               "guys:Gamma Ltd"}));
  auto lines = s->ListSupplierReturns().value();
  const store::SupplierReturnLine& first = lines[0].second;
  EXPECT_EQ(first.row, 2);
  EXPECT_EQ(first.size, core::SizeBand::kSmall);
  EXPECT_EQ(first.diverse_yes, core::kWomenOwned);
  EXPECT_EQ(first.diverse_no, core::kDisabledOwned);
  EXPECT_EQ(first.evidence, core::Evidence::kCertified);
  EXPECT_EQ(first.certified_by, "MSDUK");
  EXPECT_EQ(first.postcodes, (std::vector<std::string>{"SE11 5AA", "SE1 7EH"}));
  EXPECT_EQ(first.as_of, "2024-06-30");
  EXPECT_EQ(first.source_file, "l1.csv");

  // A new return from lambeth that is not committed changes nothing...
  add_return("lambeth", "l2", {"Delta Ltd"}, false);
  EXPECT_EQ(names().size(), 3u);
  // ...a committed one replaces lambeth's lines and leaves guys' alone.
  add_return("lambeth", "l3", {"Delta Ltd"}, true);
  EXPECT_EQ(names(), (std::vector<std::string>{"lambeth:Delta Ltd", "guys:Gamma Ltd"}));
  // The import history keeps both of lambeth's files.
  EXPECT_EQ(s->ListRegisterImports().value().size(), 3u);
}

TEST_P(StoreConformance, SuppliersRoundTripWithFactsAndPayeeIndex) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  {
    auto w = s->BeginImport(File("lambeth", "p"));
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->Add(Line("ACME LTD", 100, 1)).has_value());
    ASSERT_TRUE((*w)->Add(Line("Acme Limited", 200, 2)).has_value());
    ASSERT_TRUE((*w)->Add(Line("Beta plc", 300, 3)).has_value());
    ASSERT_TRUE((*w)->Add(Line("Unresolved Co", 400, 4)).has_value());
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  auto payees = s->ListPayees().value();
  ASSERT_EQ(payees.size(), 4u);
  std::map<std::string, std::int64_t> payee_id;
  for (const auto& p : payees) {
    EXPECT_EQ(p.member, "lambeth");
    payee_id[p.name] = p.id;
  }
  EXPECT_EQ(s->ResolvedVersion().value(), -1);

  store::SupplierRecord acme;
  acme.key = "name:ACME";
  acme.name = "ACME LTD";
  acme.match_method = "none";
  acme.size = core::SizeBand::kSmall;
  acme.vcse = core::Known::kNo;
  acme.diverse_yes = core::kWomenOwned;
  acme.diverse_known = core::kWomenOwned | core::kLgbtqOwned;
  acme.diverse_evidence = core::Evidence::kSelfDeclared;
  acme.postcode = "SE11 5AA";
  acme.local_authority = "E09000022";
  acme.ward = "E05000416";
  acme.lsoa = "E01003001";
  acme.imd_decile = 1;
  acme.local = core::Known::kYes;
  acme.aliases = {"ACME LTD", "Acme Limited"};
  acme.members = {"lambeth"};
  acme.payee_ids = {payee_id["ACME LTD"], payee_id["Acme Limited"]};
  acme.facts = {
      {core::FactField::kSize, "small", "", core::FactSource::kMemberReturn,
       "supplier return from lambeth (r.csv, row 2)", "2024-06-30", true, true},
      {core::FactField::kSize, "large", "account category FULL (a proxy for size)",
       core::FactSource::kCompaniesHouse, "GB-COH 01234567", "", false, true},
      {core::FactField::kDiverse, "women", "yes self-declared", core::FactSource::kMemberReturn,
       "supplier return", "", true, false}};
  store::SupplierRecord beta;
  beta.key = "GB-COH-07654321";
  beta.name = "BETA PLC";
  beta.company_number = "07654321";
  beta.match_method = "identifier";
  beta.match_confidence = 1.0;
  beta.register_scheme = "GB-COH";
  beta.register_id = "07654321";
  beta.public_body = core::PublicBodyKind::kOtherPublic;
  beta.ambiguous = true;
  beta.aliases = {"Beta plc"};
  beta.members = {"lambeth"};
  beta.payee_ids = {payee_id["Beta plc"]};
  const std::int64_t version = s->DataVersion().value();
  ASSERT_TRUE(s->ReplaceSuppliers({acme, beta}, version).has_value());
  EXPECT_EQ(s->ResolvedVersion().value(), version);
  EXPECT_EQ(s->DataVersion().value(), version);  // storing suppliers is not new data

  auto loaded = s->LoadSuppliers(true).value();
  ASSERT_EQ(loaded.size(), 2u);
  const store::SupplierRecord& a = loaded[0];
  EXPECT_EQ(a.key, "name:ACME");
  EXPECT_EQ(a.size, core::SizeBand::kSmall);
  EXPECT_EQ(a.vcse, core::Known::kNo);
  EXPECT_EQ(a.diverse_yes, core::kWomenOwned);
  EXPECT_EQ(a.diverse_known, core::kWomenOwned | core::kLgbtqOwned);
  EXPECT_EQ(a.diverse_evidence, core::Evidence::kSelfDeclared);
  EXPECT_EQ(a.lsoa, "E01003001");
  EXPECT_EQ(a.imd_decile, 1);
  EXPECT_EQ(a.local, core::Known::kYes);
  EXPECT_EQ(a.aliases, acme.aliases);
  EXPECT_EQ(a.members, acme.members);
  EXPECT_EQ(a.payee_ids, acme.payee_ids);
  ASSERT_EQ(a.facts.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(a.facts[i].field, acme.facts[i].field) << i;
    EXPECT_EQ(a.facts[i].value, acme.facts[i].value) << i;
    EXPECT_EQ(a.facts[i].detail, acme.facts[i].detail) << i;
    EXPECT_EQ(a.facts[i].source, acme.facts[i].source) << i;
    EXPECT_EQ(a.facts[i].source_detail, acme.facts[i].source_detail) << i;
    EXPECT_EQ(a.facts[i].as_of, acme.facts[i].as_of) << i;
    EXPECT_EQ(a.facts[i].chosen, acme.facts[i].chosen) << i;
    EXPECT_EQ(a.facts[i].conflicts, acme.facts[i].conflicts) << i;
  }
  const store::SupplierRecord& b = loaded[1];
  EXPECT_EQ(b.company_number, "07654321");
  EXPECT_EQ(b.match_method, "identifier");
  EXPECT_DOUBLE_EQ(b.match_confidence, 1.0);
  EXPECT_EQ(b.register_scheme, "GB-COH");
  EXPECT_EQ(b.public_body, core::PublicBodyKind::kOtherPublic);
  EXPECT_TRUE(b.ambiguous);
  EXPECT_TRUE(b.facts.empty());
  // Without detail: no aliases or facts, but members are always there.
  auto light = s->LoadSuppliers(false).value();
  ASSERT_EQ(light.size(), 2u);
  EXPECT_TRUE(light[0].aliases.empty());
  EXPECT_TRUE(light[0].facts.empty());
  EXPECT_EQ(light[0].members, acme.members);

  // payee id -> index into LoadSuppliers' order; -1 for a payee no supplier holds.
  auto index = s->PayeeSupplierIndex().value();
  auto at = [&](const std::string& name) {
    const auto id = static_cast<std::size_t>(payee_id[name]);
    return id < index.size() ? index[id] : -2;
  };
  EXPECT_EQ(at("ACME LTD"), 0);
  EXPECT_EQ(at("Acme Limited"), 0);
  EXPECT_EQ(at("Beta plc"), 1);
  EXPECT_EQ(at("Unresolved Co"), -1);

  // Replacing is whole: the old suppliers and their facts are gone.
  store::SupplierRecord only = beta;
  only.payee_ids = {payee_id["Beta plc"], payee_id["ACME LTD"]};
  ASSERT_TRUE(s->ReplaceSuppliers({only}, version).has_value());
  loaded = s->LoadSuppliers(true).value();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].key, "GB-COH-07654321");
  index = s->PayeeSupplierIndex().value();
  EXPECT_EQ(at("ACME LTD"), 0);
  EXPECT_EQ(at("Acme Limited"), -1);
  EXPECT_TRUE(s->CheckIntegrity().has_value());
}

TEST_P(StoreConformance, DecisionsAreListedOldestFirst) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  store::Decision d;
  d.subject = "name:ACME";
  d.field = core::FactField::kSize;
  d.value = "small";
  d.old_value = "unknown";
  d.by = "alice";
  d.note = "from the invoice";
  auto first = s->AddDecision(d);
  ASSERT_TRUE(first.has_value());
  d.field = core::FactField::kDiverse;
  d.value = "women";
  d.detail = "yes certified:MSDUK";
  d.old_value = "";
  d.by = "bob";
  d.at = "2024-01-02T03:04:05Z";
  d.note = "";
  auto second = s->AddDecision(d);
  ASSERT_TRUE(second.has_value());
  d.field = core::FactField::kSize;
  d.value = "";  // cleared
  d.detail = "";
  d.old_value = "small";
  d.by = "carol";
  d.at = "";
  ASSERT_TRUE(s->AddDecision(d).has_value());
  EXPECT_LT(*first, *second);

  auto all = s->ListDecisions().value();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, *first);
  EXPECT_EQ(all[0].by, "alice");
  EXPECT_EQ(all[0].field, core::FactField::kSize);
  EXPECT_EQ(all[0].value, "small");
  EXPECT_EQ(all[0].old_value, "unknown");
  EXPECT_EQ(all[0].note, "from the invoice");
  EXPECT_EQ(all[0].at.size(), 20u);  // stamped: "YYYY-MM-DDTHH:MM:SSZ"
  EXPECT_EQ(all[1].by, "bob");
  EXPECT_EQ(all[1].field, core::FactField::kDiverse);
  EXPECT_EQ(all[1].detail, "yes certified:MSDUK");
  EXPECT_EQ(all[1].at, "2024-01-02T03:04:05Z");  // a given time is kept
  EXPECT_EQ(all[2].by, "carol");
  EXPECT_EQ(all[2].value, "");
  EXPECT_EQ(all[2].old_value, "small");
}

TEST_P(StoreConformance, DataVersionCountsCommittedChangesOnly) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  const std::int64_t v0 = s->DataVersion().value();
  // A spend import rolled back: no change.
  {
    auto w = s->BeginImport(File("lambeth", "rolled"));
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->Add(Line("ACME LTD", 100, 1)).has_value());
  }
  EXPECT_EQ(s->DataVersion().value(), v0);
  // Committed: one more.
  {
    auto w = s->BeginImport(File("lambeth", "kept"));
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->Add(Line("ACME LTD", 100, 1)).has_value());
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  const std::int64_t v1 = s->DataVersion().value();
  EXPECT_GT(v1, v0);
  // A register import rolled back: no change; committed: one more.
  {
    auto w = s->BeginRegisterImport(RegisterFileOf("companies-house", "rolled"));
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->AddOrg(Org("GB-COH", "01234567", "ACME LTD")).has_value());
  }
  EXPECT_EQ(s->DataVersion().value(), v1);
  {
    auto w = s->BeginRegisterImport(RegisterFileOf("companies-house", "kept"));
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->AddOrg(Org("GB-COH", "01234567", "ACME LTD")).has_value());
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  const std::int64_t v2 = s->DataVersion().value();
  EXPECT_GT(v2, v1);
  // A decision: one more.
  store::Decision d;
  d.subject = "name:ACME";
  d.value = "small";
  d.by = "tester";
  ASSERT_TRUE(s->AddDecision(d).has_value());
  const std::int64_t v3 = s->DataVersion().value();
  EXPECT_GT(v3, v2);
  // Reading and resolving are not changes.
  ASSERT_TRUE(s->ListDecisions().has_value());
  ASSERT_TRUE(s->ReplaceSuppliers({}, v3).has_value());
  EXPECT_EQ(s->DataVersion().value(), v3);
  EXPECT_EQ(s->ResolvedVersion().value(), v3);
  // The version survives reopening.
  s.reset();
  auto reopened = Open();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->DataVersion().value(), v3);
  EXPECT_EQ(reopened->ResolvedVersion().value(), v3);
}

// ---- Member returns (docs/returns.md) ----------------------------------------------------------

store::ReturnFile ReturnFileOf(const std::string& hash, const std::string& by = "") {
  store::ReturnFile f;
  f.name = hash + ".xlsx";
  f.content_hash = hash;
  f.bytes = 2048;
  f.format = "xlsx";
  f.imported_by = by;
  return f;
}

// A return with one figure per measure given, in rows from 10.
core::MemberReturn ReturnOf(const std::string& member, int financial_year, int quarter,
                            const std::vector<std::pair<std::string, std::int64_t>>& figures) {
  core::MemberReturn r;
  r.member = member;
  r.financial_year = financial_year;
  r.quarter = quarter;
  std::int64_t row = 10;
  for (const auto& [measure, value] : figures) {
    core::ReturnFigure f;
    f.measure = measure;
    f.value = value;
    f.row = row++;
    r.figures.push_back(f);
  }
  return r;
}

store::ReturnIssue IssueOf(std::int64_t line, std::int32_t column, ErrorCode code,
                           bool warning = false) {
  return {{line, column, code, "issue at line " + std::to_string(line), "a|b"}, warning};
}

// Each submission's member and period, as "member fy quarter".
std::vector<std::string> Periods(const std::vector<store::ReturnSubmission>& subs) {
  std::vector<std::string> out;
  for (const auto& s : subs) {
    out.push_back(s.member + " " + std::to_string(s.financial_year) + " " +
                  std::to_string(s.quarter));
  }
  return out;
}

TEST_P(StoreConformance, ReturnRoundTripsWithFiguresTransfersAndProjects) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  const std::int64_t version = s->DataVersion().value();

  core::MemberReturn ret;
  ret.member = "guys";
  ret.financial_year = 2024;
  ret.quarter = 2;
  // Stored out of row order; loaded in row order.
  ret.figures = {{"W2S", 12, "", "", 14},
                 {"W1D", 340, "uplifted in April", "", 12},
                 {"E1", 2130'500, "", "far above last year", 13}};
  core::LevyTransfer unknown{21, "Small Care Ltd", std::nullopt, 1500'00, 750'00, 2, ""};
  core::LevyTransfer sme{22, "Tiny Bakery", true, 9000'00, 0, 1, "first draw in May"};
  core::LevyTransfer large{23, "Big Builders plc", false, 0, 12000'00, 3, ""};
  ret.transfers = {unknown, sme, large};
  core::CarbonProject led;
  led.row = 31;
  led.id = "GUY-LED-2024";
  led.name = "LED lighting, outpatients";
  led.kind = "retrofit";
  led.activity = "electricity UK";
  led.unit = "kWh";
  led.activity_year = 2024;
  led.baseline = 412000.5;
  led.after = 198000.25;
  led.factor_id = "1_200_1_1";
  led.factor_path = "UK electricity > Electricity: UK > kWh";
  led.factor = 0.20705;
  led.saved_kg = 44309;
  led.note = "metered";
  ret.projects = {led};

  auto w = s->BeginReturnImport(ReturnFileOf("r1", "alice"));
  ASSERT_TRUE(w.has_value()) << w.error().ToString();
  auto id = (*w)->Add(ret, {IssueOf(13, 4, ErrorCode::kFigureOutlier, true),
                            IssueOf(15, 4, ErrorCode::kBadFigure)});
  ASSERT_TRUE(id.has_value()) << id.error().ToString();
  auto file_id = (*w)->Commit();
  ASSERT_TRUE(file_id.has_value()) << file_id.error().ToString();
  w->reset();

  auto loaded = s->LoadReturn(*id);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
  EXPECT_EQ(loaded->member, "guys");
  EXPECT_EQ(loaded->financial_year, 2024);
  EXPECT_EQ(loaded->quarter, 2);
  ASSERT_EQ(loaded->figures.size(), 3u);
  EXPECT_EQ(loaded->figures[0].measure, "W1D");
  EXPECT_EQ(loaded->figures[0].value, 340);
  EXPECT_EQ(loaded->figures[0].note, "uplifted in April");
  EXPECT_EQ(loaded->figures[0].row, 12);
  EXPECT_EQ(loaded->figures[1].measure, "E1");
  EXPECT_EQ(loaded->figures[1].value, 2130'500);
  EXPECT_EQ(loaded->figures[1].flag, "far above last year");
  EXPECT_EQ(loaded->figures[2].measure, "W2S");
  ASSERT_EQ(loaded->transfers.size(), 3u);
  EXPECT_EQ(loaded->transfers[0].recipient, "Small Care Ltd");
  EXPECT_FALSE(loaded->transfers[0].recipient_sme.has_value());  // unknown stays unknown
  EXPECT_EQ(loaded->transfers[0].committed, 1500'00);
  EXPECT_EQ(loaded->transfers[0].paid, 750'00);
  EXPECT_EQ(loaded->transfers[0].apprenticeships, 2);
  EXPECT_EQ(loaded->transfers[1].recipient_sme, std::optional<bool>(true));
  EXPECT_EQ(loaded->transfers[1].note, "first draw in May");
  EXPECT_EQ(loaded->transfers[2].recipient_sme, std::optional<bool>(false));
  EXPECT_EQ(loaded->transfers[2].row, 23);
  ASSERT_EQ(loaded->projects.size(), 1u);
  const core::CarbonProject& p = loaded->projects[0];
  EXPECT_EQ(p.row, 31);
  EXPECT_EQ(p.id, "GUY-LED-2024");
  EXPECT_EQ(p.name, led.name);
  EXPECT_EQ(p.kind, "retrofit");
  EXPECT_EQ(p.activity, "electricity UK");
  EXPECT_EQ(p.unit, "kWh");
  EXPECT_EQ(p.activity_year, 2024);
  EXPECT_DOUBLE_EQ(p.baseline, 412000.5);
  EXPECT_DOUBLE_EQ(p.after, 198000.25);
  EXPECT_EQ(p.factor_id, "1_200_1_1");
  EXPECT_EQ(p.factor_path, led.factor_path);
  EXPECT_DOUBLE_EQ(p.factor, 0.20705);
  EXPECT_EQ(p.saved_kg, 44309);
  EXPECT_EQ(p.note, "metered");

  auto subs = s->ListReturnSubmissions({}).value();
  ASSERT_EQ(subs.size(), 1u);
  const store::ReturnSubmission& sub = subs[0];
  EXPECT_EQ(sub.id, *id);
  EXPECT_EQ(sub.file_id, *file_id);
  EXPECT_EQ(sub.file_name, "r1.xlsx");
  EXPECT_EQ(sub.member, "guys");
  EXPECT_EQ(sub.financial_year, 2024);
  EXPECT_EQ(sub.quarter, 2);
  EXPECT_EQ(sub.supersedes, 0);
  EXPECT_EQ(sub.superseded_by, 0);
  EXPECT_EQ(sub.figures, 3);
  EXPECT_EQ(sub.transfers, 3);
  EXPECT_EQ(sub.projects, 1);
  EXPECT_EQ(sub.errors, 1);
  EXPECT_EQ(sub.warnings, 1);

  // The same bytes are found again, with what the store recorded about them.
  auto found = s->FindReturnFile("r1");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->id, *file_id);
  EXPECT_EQ((*found)->name, "r1.xlsx");
  EXPECT_EQ((*found)->bytes, 2048);
  EXPECT_EQ((*found)->format, "xlsx");
  EXPECT_EQ((*found)->imported_by, "alice");
  EXPECT_EQ((*found)->imported_at.size(), 20u);  // "YYYY-MM-DDTHH:MM:SSZ"
  EXPECT_EQ(sub.submitted_at, (*found)->imported_at);
  EXPECT_FALSE(s->FindReturnFile("r2").value().has_value());

  // No such submission.
  auto missing = s->LoadReturn(*id + 100);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  // Returns do not touch supplier resolution.
  EXPECT_EQ(s->DataVersion().value(), version);
  EXPECT_TRUE(s->CheckIntegrity().has_value());
}

TEST_P(StoreConformance, AResubmittedReturnSupersedesWithinAndAcrossFiles) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  std::int64_t a1 = 0, a2 = 0, q1 = 0, g1 = 0, b1 = 0;
  {
    auto w = s->BeginReturnImport(ReturnFileOf("a"));
    ASSERT_TRUE(w.has_value());
    a1 = (*w)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 100}}),
                   {IssueOf(11, 2, ErrorCode::kUnknownMeasure)})
             .value();
    // The same member and period again in the same file: the later one is current.
    a2 = (*w)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 110}}), {}).value();
    // Another period, and another member, are not affected.
    q1 = (*w)->Add(ReturnOf("lambeth", 2023, 1, {{"W1D", 30}}), {}).value();
    g1 = (*w)->Add(ReturnOf("guys", 2023, 0, {{"W1D", 500}}), {}).value();
    ASSERT_TRUE((*w)->Commit().has_value());
  }
  {
    auto w = s->BeginReturnImport(ReturnFileOf("b"));
    ASSERT_TRUE(w.has_value());
    b1 = (*w)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 120}, {"W2S", 4}}), {}).value();
    ASSERT_TRUE((*w)->Commit().has_value());
  }

  // Current only: in member order (lambeth before guys), then year and quarter.
  auto current = s->ListReturnSubmissions({}).value();
  EXPECT_EQ(Periods(current),
            (std::vector<std::string>{"lambeth 2023 0", "lambeth 2023 1", "guys 2023 0"}));
  ASSERT_EQ(current.size(), 3u);
  EXPECT_EQ(current[0].id, b1);
  EXPECT_EQ(current[0].supersedes, a2);
  EXPECT_EQ(current[0].superseded_by, 0);
  EXPECT_EQ(current[0].file_name, "b.xlsx");
  EXPECT_EQ(current[0].figures, 2);
  EXPECT_EQ(current[1].id, q1);
  EXPECT_EQ(current[1].supersedes, 0);
  EXPECT_EQ(current[2].id, g1);
  EXPECT_EQ(current[2].supersedes, 0);

  // History: newest first within each member and period.
  store::ReturnFilter history;
  history.history = true;
  auto all = s->ListReturnSubmissions(history).value();
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].id, b1);
  EXPECT_EQ(all[1].id, a2);
  EXPECT_EQ(all[1].supersedes, a1);
  EXPECT_EQ(all[1].superseded_by, b1);
  EXPECT_EQ(all[1].file_name, "a.xlsx");
  EXPECT_EQ(all[2].id, a1);
  EXPECT_EQ(all[2].supersedes, 0);
  EXPECT_EQ(all[2].superseded_by, a2);
  EXPECT_EQ(all[2].errors, 1);
  EXPECT_EQ(all[3].id, q1);
  EXPECT_EQ(all[4].id, g1);

  // A superseded submission keeps its figures and issues.
  auto old = s->LoadReturn(a1).value();
  ASSERT_EQ(old.figures.size(), 1u);
  EXPECT_EQ(old.figures[0].value, 100);
  auto issues = s->ListReturnIssues(a1).value();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].reject.code, ErrorCode::kUnknownMeasure);
  EXPECT_TRUE(s->ListReturnIssues(b1).value().empty());
  EXPECT_EQ(s->LoadReturn(b1).value().figures.size(), 2u);
  EXPECT_TRUE(s->CheckIntegrity().has_value());
}

TEST_P(StoreConformance, UncommittedReturnImportLeavesNothing) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  std::int64_t kept = 0;
  {
    auto w = s->BeginReturnImport(ReturnFileOf("kept"));
    ASSERT_TRUE(w.has_value());
    kept = (*w)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 100}}), {}).value();
    ASSERT_TRUE((*w)->Commit().has_value());
  }
  std::int64_t dropped_file = 0;
  {
    auto w = s->BeginReturnImport(ReturnFileOf("dropped"));
    ASSERT_TRUE(w.has_value());
    // A resubmission that would supersede the kept one, and one for a new period.
    ASSERT_TRUE((*w)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 999}}),
                          {IssueOf(3, 1, ErrorCode::kBadFigure)})
                    .has_value());
    ASSERT_TRUE((*w)->Add(ReturnOf("guys", 2024, 0, {{"W1D", 1}}), {}).has_value());
    ASSERT_TRUE((*w)->AddFileIssue(IssueOf(7, 1, ErrorCode::kUnknownMember)).has_value());
    // Inside its transaction the file is visible to the connection that writes it.
    dropped_file = s->FindReturnFile("dropped").value().value_or(store::ReturnFile{}).id;
    ASSERT_NE(dropped_file, 0);
  }
  EXPECT_FALSE(s->FindReturnFile("dropped").value().has_value());
  store::ReturnFilter history;
  history.history = true;
  auto all = s->ListReturnSubmissions(history).value();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].id, kept);
  EXPECT_EQ(all[0].superseded_by, 0);  // still current
  EXPECT_EQ(s->LoadReturn(kept).value().figures[0].value, 100);
  EXPECT_TRUE(s->ListReturnIssues(0, dropped_file).value().empty());
  EXPECT_TRUE(s->CheckIntegrity().has_value());
  // The same bytes import afterwards.
  auto again = s->BeginReturnImport(ReturnFileOf("dropped"));
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  ASSERT_TRUE((*again)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 999}}), {}).has_value());
  ASSERT_TRUE((*again)->Commit().has_value());
  again->reset();
  EXPECT_EQ(s->ListReturnSubmissions(history).value().size(), 2u);
  EXPECT_TRUE(s->CheckIntegrity().has_value());
}

TEST_P(StoreConformance, AReturnFromAnUnknownMemberIsRefusedAndTheFileGoesOn) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginReturnImport(ReturnFileOf("mixed"));
  ASSERT_TRUE(w.has_value());
  auto nobody = (*w)->Add(ReturnOf("nobody", 2023, 0, {{"W1D", 1}}), {});
  ASSERT_FALSE(nobody.has_value());
  EXPECT_EQ(nobody.error().code, ErrorCode::kUnknownMember);
  // The row becomes an issue of the file; the rest of the file is kept.
  ASSERT_TRUE((*w)->AddFileIssue(IssueOf(9, 1, ErrorCode::kUnknownMember)).has_value());
  ASSERT_TRUE((*w)->AddFileIssue(IssueOf(4, 2, ErrorCode::kPeriodOutside)).has_value());
  auto id =
      (*w)->Add(ReturnOf("guys", 2023, 0, {{"W1D", 1}}), {IssueOf(5, 3, ErrorCode::kWrongUnit)});
  ASSERT_TRUE(id.has_value());
  auto file_id = (*w)->Commit();
  ASSERT_TRUE(file_id.has_value());
  w->reset();

  auto subs = s->ListReturnSubmissions({}).value();
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0].member, "guys");
  // File-level issues are not the submission's, and the other way round.
  auto file_issues = s->ListReturnIssues(0, *file_id).value();
  ASSERT_EQ(file_issues.size(), 2u);
  EXPECT_EQ(file_issues[0].reject.line, 4);
  EXPECT_EQ(file_issues[0].reject.code, ErrorCode::kPeriodOutside);
  EXPECT_EQ(file_issues[1].reject.line, 9);
  EXPECT_EQ(file_issues[1].reject.code, ErrorCode::kUnknownMember);
  auto sub_issues = s->ListReturnIssues(*id, *file_id).value();
  ASSERT_EQ(sub_issues.size(), 1u);
  EXPECT_EQ(sub_issues[0].reject.code, ErrorCode::kWrongUnit);
  EXPECT_EQ(subs[0].errors, 1);
  EXPECT_TRUE(s->CheckIntegrity().has_value());
}

TEST_P(StoreConformance, ReturnIssuesAreStoredAndListedInRowOrder) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginReturnImport(ReturnFileOf("issues"));
  ASSERT_TRUE(w.has_value());
  store::ReturnIssue levy = IssueOf(9, 2, ErrorCode::kLevyOverHalf, true);
  levy.reject.message = "transfers are 62% of the levy funds";
  levy.reject.raw = "Tiny Bakery|9000.00";
  auto id = (*w)->Add(
      ReturnOf("lambeth", 2024, 0, {{"W1D", 1}}),
      {levy, IssueOf(3, 5, ErrorCode::kSubCountAboveTotal), IssueOf(3, 1, ErrorCode::kMissingNote),
       IssueOf(12, 0, ErrorCode::kProjectClaimed)});
  ASSERT_TRUE(id.has_value());
  ASSERT_TRUE((*w)->Commit().has_value());
  w->reset();
  auto issues = s->ListReturnIssues(*id).value();
  ASSERT_EQ(issues.size(), 4u);
  EXPECT_EQ(issues[0].reject.line, 3);
  EXPECT_EQ(issues[0].reject.column, 1);
  EXPECT_EQ(issues[0].reject.code, ErrorCode::kMissingNote);
  EXPECT_FALSE(issues[0].warning);
  EXPECT_EQ(issues[1].reject.column, 5);
  EXPECT_EQ(issues[1].reject.code, ErrorCode::kSubCountAboveTotal);
  EXPECT_EQ(issues[2].reject.line, 9);
  EXPECT_EQ(issues[2].reject.code, ErrorCode::kLevyOverHalf);
  EXPECT_TRUE(issues[2].warning);
  EXPECT_EQ(issues[2].reject.message, "transfers are 62% of the levy funds");
  EXPECT_EQ(issues[2].reject.raw, "Tiny Bakery|9000.00");
  EXPECT_EQ(issues[3].reject.code, ErrorCode::kProjectClaimed);
  auto subs = s->ListReturnSubmissions({}).value();
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0].errors, 3);
  EXPECT_EQ(subs[0].warnings, 1);
  EXPECT_TRUE(s->ListReturnIssues(*id + 1).value().empty());
}

TEST_P(StoreConformance, ReturnSubmissionsAreFilteredByYearMemberAndHistory) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  {
    auto w = s->BeginReturnImport(ReturnFileOf("f1"));
    ASSERT_TRUE(w.has_value());
    for (const auto& [member, fy, q] :
         std::vector<std::tuple<std::string, int, int>>{{"guys", 2024, 0},
                                                        {"lambeth", 2024, 2},
                                                        {"lambeth", 2023, 0},
                                                        {"lambeth", 2024, 1},
                                                        {"guys", 2023, 0},
                                                        {"lambeth", 2024, 1}}) {
      ASSERT_TRUE((*w)->Add(ReturnOf(member, fy, q, {{"W1D", 1}}), {}).has_value());
    }
    ASSERT_TRUE((*w)->Commit().has_value());
  }
  EXPECT_EQ(Periods(s->ListReturnSubmissions({}).value()),
            (std::vector<std::string>{"lambeth 2023 0", "lambeth 2024 1", "lambeth 2024 2",
                                      "guys 2023 0", "guys 2024 0"}));
  store::ReturnFilter f;
  f.financial_year = 2024;
  EXPECT_EQ(Periods(s->ListReturnSubmissions(f).value()),
            (std::vector<std::string>{"lambeth 2024 1", "lambeth 2024 2", "guys 2024 0"}));
  f.member = "lambeth";
  EXPECT_EQ(Periods(s->ListReturnSubmissions(f).value()),
            (std::vector<std::string>{"lambeth 2024 1", "lambeth 2024 2"}));
  f.history = true;
  EXPECT_EQ(Periods(s->ListReturnSubmissions(f).value()),
            (std::vector<std::string>{"lambeth 2024 1", "lambeth 2024 1", "lambeth 2024 2"}));
  f.financial_year = 0;
  f.member = "guys";
  f.history = false;
  EXPECT_EQ(Periods(s->ListReturnSubmissions(f).value()),
            (std::vector<std::string>{"guys 2023 0", "guys 2024 0"}));
  f.member = "nobody";
  EXPECT_TRUE(s->ListReturnSubmissions(f).value().empty());
  f.member = "";
  f.financial_year = 2019;
  EXPECT_TRUE(s->ListReturnSubmissions(f).value().empty());
}

TEST_P(StoreConformance, MembersWithReturnsCannotBeRemoved) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginReturnImport(ReturnFileOf("g"));
  ASSERT_TRUE(w.has_value());
  ASSERT_TRUE((*w)->Add(ReturnOf("guys", 2023, 0, {{"W1D", 1}}), {}).has_value());
  ASSERT_TRUE((*w)->Commit().has_value());
  w->reset();
  core::Network smaller = Network();
  smaller.members.pop_back();
  auto saved = s->SaveNetwork(smaller, "");
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::kConfigInvalid);
  EXPECT_EQ(s->ListReturnSubmissions({}).value().size(), 1u);
}

TEST_P(StoreConformance, ReturnsSurviveReopening) {
  std::int64_t id = 0;
  {
    auto s = OpenWithNetwork();
    ASSERT_NE(s, nullptr);
    auto w = s->BeginReturnImport(ReturnFileOf("r"));
    ASSERT_TRUE(w.has_value());
    id = (*w)->Add(ReturnOf("lambeth", 2023, 3, {{"W1D", 7}, {"W4", 2}}), {}).value();
    ASSERT_TRUE((*w)->Commit().has_value());
  }
  auto s = Open();
  ASSERT_NE(s, nullptr);
  auto ret = s->LoadReturn(id).value();
  EXPECT_EQ(ret.quarter, 3);
  ASSERT_EQ(ret.figures.size(), 2u);
  EXPECT_EQ(ret.figures[1].measure, "W4");
  EXPECT_TRUE(s->FindReturnFile("r").value().has_value());
}

INSTANTIATE_TEST_SUITE_P(
    Backends, StoreConformance,
    ::testing::Values(Backend{"sqlite",
                              [](const TempDir& d) { return "sqlite:" + d.File("w.db"); }}),
    [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

// SQLite-specific: the schema version is checked on open.
TEST(SqliteStore, RefusesAWorkspaceFromANewerVersion) {
  TempDir dir;
  const std::string path = dir.File("w.db");
  { ASSERT_TRUE(store::Store::Open("sqlite:" + path).has_value()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto s = store::Store::Open("sqlite:" + path);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kStoreSchemaTooNew);
}

// SQLite-specific: a workspace written before returns existed (schema 4) gains them on open and
// keeps its data.
TEST(SqliteStore, MigratesASchema4WorkspaceToReturns) {
  TempDir dir;
  const std::string path = dir.File("w.db");
  {
    auto s = store::Store::Open("sqlite:" + path);
    ASSERT_TRUE(s.has_value());
    core::Network n;
    n.name = "N";
    n.members = {{"m1", "Member one", core::Sector::kLocalGovernment, ""}};
    ASSERT_TRUE((*s)->SaveNetwork(n, "").has_value());
    store::FileToImport file{"m1", "a.csv", "a", 10, "csv", "test"};
    auto w = (*s)->BeginImport(file);
    ASSERT_TRUE(w.has_value());
    core::SpendLine line;
    line.paid_on = core::FromCivil(2024, 5, 1);
    line.amount = 100;
    line.payee = "ACME LTD";
    ASSERT_TRUE((*w)->Add(line).has_value());
    ASSERT_TRUE((*w)->Commit({}).has_value());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TABLE return_issue; DROP TABLE return_project; "
                         "DROP TABLE return_transfer; DROP TABLE return_figure; "
                         "DROP TABLE return_submission; DROP TABLE return_file; "
                         "ALTER TABLE network DROP COLUMN coverage_warning_below_bp; "
                         "PRAGMA user_version = 4",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto s = store::Store::Open("sqlite:" + path);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ((*s)->SchemaVersion(), store::kSchemaVersion);
  EXPECT_EQ((*s)->Counts().value().lines, 1);
  auto w = (*s)->BeginReturnImport({0, "r.csv", "r", 5, "csv", "", ""});
  ASSERT_TRUE(w.has_value()) << w.error().ToString();
  core::MemberReturn ret;
  ret.member = "m1";
  ret.financial_year = 2024;
  ret.figures = {{"W1D", 3, "", "", 2}};
  ASSERT_TRUE((*w)->Add(ret, {}).has_value());
  ASSERT_TRUE((*w)->Commit().has_value());
  w->reset();
  EXPECT_EQ((*s)->ListReturnSubmissions({}).value().size(), 1u);
  EXPECT_TRUE((*s)->CheckIntegrity().has_value());
}

// SQLite-specific: a disk that fills up during a returns import leaves nothing of the file.
TEST(SqliteStore, AFullDiskDuringAReturnsImportKeepsNothing) {
  ASSERT_TRUE(store::RegisterFailingVfs());
  TempDir dir;
  const std::string url = "sqlite:" + dir.File("w.db");
  {
    auto s = store::Store::Open(url);
    ASSERT_TRUE(s.has_value());
    core::Network n;
    n.name = "N";
    n.members = {{"m1", "Member one", core::Sector::kLocalGovernment, ""}};
    ASSERT_TRUE((*s)->SaveNetwork(n, "").has_value());
  }
  // Many figures and a small page cache, so that pages spill to the WAL before the commit.
  core::MemberReturn ret;
  ret.member = "m1";
  for (int i = 0; i < 3000; ++i) {
    ret.figures.push_back({"W1D", i, std::string(100, 'n'), "", i});
  }
  store::OpenOptions options;
  options.vfs = store::kFailingVfsName;
  options.cache_kib = 64;
  bool committed = false;
  for (std::int64_t budget : {0, 1, 5, 20, 80, 320, 100000}) {
    {
      auto s = store::Store::Open(url, options);
      ASSERT_TRUE(s.has_value()) << s.error().ToString();
      store::SetFailingVfsBudget(budget);
      auto done = [&]() -> core::Status {
        auto w = (*s)->BeginReturnImport({0, "big.csv", "big", 1, "csv", "", ""});
        if (!w) return tl::unexpected(w.error());
        for (int year = 2020; year < 2024; ++year) {
          ret.financial_year = year;
          if (auto id = (*w)->Add(ret, {}); !id) return tl::unexpected(id.error());
        }
        if (auto c = (*w)->Commit(); !c) return tl::unexpected(c.error());
        return {};
      }();
      store::SetFailingVfsBudget(-1);
      committed = done.has_value();
      if (!committed) {
        EXPECT_EQ(done.error().code, ErrorCode::kStoreIo) << done.error().ToString();
      }
    }
    auto s = store::Store::Open(url);
    ASSERT_TRUE(s.has_value());
    ASSERT_TRUE((*s)->CheckIntegrity().has_value()) << "budget " << budget;
    store::ReturnFilter history;
    history.history = true;
    const auto subs = (*s)->ListReturnSubmissions(history).value();
    const bool found = (*s)->FindReturnFile("big").value().has_value();
    if (committed) {
      EXPECT_TRUE(found);
      ASSERT_EQ(subs.size(), 4u) << "budget " << budget;
      EXPECT_EQ((*s)->LoadReturn(subs[0].id).value().figures.size(), 3000u);
      break;
    }
    EXPECT_FALSE(found) << "budget " << budget;
    EXPECT_TRUE(subs.empty()) << "budget " << budget;
  }
  EXPECT_TRUE(committed) << "the import never succeeded";
}

TEST(StoreUrl, UnknownSchemesAreUsageErrors) {
  auto s = store::Store::Open("mysql://localhost/x");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kUsage);
}

}  // namespace
}  // namespace anchornet
