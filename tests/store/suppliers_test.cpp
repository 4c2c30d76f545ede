// The Store conformance suite: resolved suppliers (replaced whole), decisions, and the data
// version that says when suppliers must be resolved again.
//
// Thread-safety: test-only.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>

#include "conformance.h"

namespace anchornet::store_test {
namespace {

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
  acme.facts = {{core::FactField::kSize, "small", "", core::FactSource::kMemberReturn,
                 "supplier return from lambeth (r.csv, row 2)", "2024-06-30", true, true},
                {core::FactField::kSize, "large", "account category FULL (a proxy for size)",
                 core::FactSource::kCompaniesHouse, "GB-COH 01234567", "", false, true},
                {core::FactField::kDiverse, "women", "yes self-declared",
                 core::FactSource::kMemberReturn, "supplier return", "", true, false}};
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

}  // namespace
}  // namespace anchornet::store_test
