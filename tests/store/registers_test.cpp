// The Store conformance suite: register imports, lookups by identifier, name, link and place,
// and members' supplier returns.
//
// Thread-safety: test-only.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "conformance.h"

namespace anchornet::store_test {
namespace {

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
  ASSERT_TRUE(
      writer.AddPostcode({"SE11 5AA", false, "E09000022", "Lambeth", "E05000416", "E01003001"})
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
  ASSERT_TRUE((*again)
                  ->AddOrg(Org("GB-COH", "07654321", "BETA NEW NAME LTD", "", "MICRO ENTITY"))
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
  EXPECT_EQ(names(),
            (std::vector<std::string>{"lambeth:Acme Ltd", "lambeth:Beta Ltd", "guys:Gamma Ltd"}));
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

}  // namespace
}  // namespace anchornet::store_test
