// The Store conformance suite: every backend must pass it (userver *_pgtest.cpp; LevelDB
// ChangeOptions). Today the backends are: SQLite.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>
#include <map>

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

TEST(StoreUrl, UnknownSchemesAreUsageErrors) {
  auto s = store::Store::Open("mysql://localhost/x");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kUsage);
}

}  // namespace
}  // namespace anchornet
