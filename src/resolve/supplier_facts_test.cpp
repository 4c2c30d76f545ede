// Tests of resolution phases 7 and 8 (resolve/internal/phases.h; docs/suppliers.md): entities
// built by hand, with the register records, decisions, returns and places the earlier phases
// and fetches would have put in the state, become supplier records with their facts.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "resolve/internal/phases.h"

namespace anchornet::resolve::internal {
namespace {

using core::FactField;
using core::FactSource;

// One member, one payee per name, each its own entity (phase 5 done by hand).
ResolveState WithPayees(const std::vector<std::string>& names) {
  ResolveState s;
  s.in.network.members = {{"a", "Member A", core::Sector::kOther, ""}};
  s.in.network.geography_codes = {"E09000022"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    store::PayeeRecord p;
    p.id = static_cast<std::int64_t>(i) + 1;
    p.member = "a";
    p.name = names[i];
    s.in.payees.push_back(p);
    PayeeIds ids;
    ids.name = core::NormaliseName(names[i]);
    s.info.push_back(ids);
    Entity e;
    e.payees = {i};
    e.name_keys = {ids.name.key};
    s.by_root[i] = e;
  }
  return s;
}

const store::SupplierRecord& Named(const ResolveState& s, std::string_view key) {
  auto it = std::find_if(s.suppliers.begin(), s.suppliers.end(),
                         [&](const store::SupplierRecord& r) { return r.key == key; });
  EXPECT_NE(it, s.suppliers.end()) << key;
  return *it;
}

// A decision in force about `subject` (an empty value clears the field).
void Decide(ResolveState& s, std::int64_t id, std::string subject, FactField field,
            std::string value) {
  store::Decision d;
  d.id = id;
  d.subject = std::move(subject);
  d.field = field;
  d.value = std::move(value);
  d.by = "officer";
  d.at = "2025-01-02T10:00:00Z";
  s.decided[d.subject][d.field] = d;
}

const core::Fact* ChosenFact(const store::SupplierRecord& r, FactField field) {
  for (const core::Fact& f : r.facts) {
    if (f.field == field && f.chosen) return &f;
  }
  return nullptr;
}

TEST(BuildSuppliersTest, ACompanyRecordGivesKeyNameSizeAndPlace) {
  ResolveState s = WithPayees({"Acme Cleaning Ltd"});
  s.by_root[0].companies = {"00000042"};
  s.info[0].company = "00000042";
  store::RegisterOrg o;
  o.scheme = "GB-COH";
  o.id = "00000042";
  o.name = "ACME CLEANING LIMITED";
  o.postcode = "SE11 5AA";
  o.form = "Private Limited Company";
  o.account_category = "MICRO ENTITY";
  s.orgs.emplace("GB-COH-00000042", o);
  s.places.emplace("SE11 5AA", store::PostcodePlace{"SE11 5AA", false, "E09000022", "Lambeth",
                                                    "E05000416", "E01003000"});
  s.decile["E01003000"] = 3;
  IndexEvidence(s);
  BuildSuppliers(s);
  ASSERT_EQ(s.suppliers.size(), 1u);
  const store::SupplierRecord& r = s.suppliers[0];
  EXPECT_EQ(r.key, "GB-COH-00000042");
  EXPECT_EQ(r.name, "ACME CLEANING LIMITED");
  EXPECT_EQ(r.match_method, "identifier");
  EXPECT_EQ(r.size, core::SizeBand::kMicro);
  EXPECT_EQ(r.vcse, core::Known::kNo);
  EXPECT_EQ(r.local_authority, "E09000022");
  EXPECT_EQ(r.imd_decile, 3);
  EXPECT_EQ(r.local, core::Known::kYes);
  EXPECT_EQ(r.aliases, std::vector<std::string>{"Acme Cleaning Ltd"});
  EXPECT_EQ(r.members, std::vector<std::string>{"a"});
  EXPECT_EQ(r.payee_ids, std::vector<std::int64_t>{1});
}

TEST(BuildSuppliersTest, ADecisionOutranksAMemberReturn) {
  ResolveState s = WithPayees({"Bolt Bros"});
  Decide(s, 7, "name:BOLT BROS", FactField::kSize, "small");
  store::SupplierReturnLine line;
  line.name = "Bolt Bros";
  line.size = core::SizeBand::kLarge;
  line.source_file = "returns.csv";
  line.row = 2;
  s.in.returns = {{"a", line}};
  IndexEvidence(s);
  BuildSuppliers(s);
  const store::SupplierRecord& r = Named(s, "name:BOLT BROS");
  EXPECT_EQ(r.size, core::SizeBand::kSmall);
  const core::Fact* f = ChosenFact(r, FactField::kSize);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->source, FactSource::kDecision);
  EXPECT_EQ(f->source_detail, "decided by officer (2025-01-02)");
  EXPECT_TRUE(f->conflicts);  // the return says large
  EXPECT_EQ(s.decisions_applied, 1);
}

TEST(BuildSuppliersTest, AClearedDecisionIsNotApplied) {
  ResolveState s = WithPayees({"Bolt Bros"});
  Decide(s, 1, "name:BOLT BROS", FactField::kSize, "");  // cleared
  IndexEvidence(s);
  BuildSuppliers(s);
  EXPECT_EQ(s.decisions_applied, 0);
  EXPECT_EQ(Named(s, "name:BOLT BROS").size, core::SizeBand::kUnknown);
}

TEST(BuildSuppliersTest, MembersAndNamePatternsArePublicBodiesAndCicsAreVcses) {
  ResolveState s =
      WithPayees({"Member A", "London Borough of Lambeth", "Green Shoots CIC", "Smith & Co"});
  IndexEvidence(s);
  BuildSuppliers(s);
  EXPECT_EQ(Named(s, "name:MEMBER A").public_body, core::PublicBodyKind::kMember);
  EXPECT_EQ(Named(s, "name:LONDON BOROUGH OF LAMBETH").public_body,
            core::PublicBodyKind::kLocalGovernment);
  EXPECT_EQ(Named(s, "name:GREEN SHOOTS").vcse, core::Known::kYes);
  const store::SupplierRecord& smith = Named(s, "name:SMITH");
  EXPECT_EQ(smith.match_method, "none");
  EXPECT_EQ(smith.public_body, core::PublicBodyKind::kNone);
  EXPECT_EQ(smith.local, core::Known::kUnknown);
}

TEST(BuildSuppliersTest, TwoSuppliersClaimingOneKeyKeepItApartByName) {
  ResolveState s = WithPayees({"Acme", "Acme Trading"});
  s.by_root[0].vats = {"123456789"};
  s.by_root[1].vats = {"123456789"};
  IndexEvidence(s);
  BuildSuppliers(s);
  ASSERT_EQ(s.suppliers.size(), 2u);
  EXPECT_EQ(s.suppliers[0].key, "GB-VAT-123456789");
  EXPECT_EQ(s.suppliers[1].key, "GB-VAT-123456789|ACME TRADING");
}

TEST(BuildSuppliersTest, PersonalPayeesAreOneSupplier) {
  ResolveState s = WithPayees({"Acme"});
  store::PayeeRecord p;
  p.id = 9;
  p.member = "a";
  p.name = "REDACTED";
  p.kind = core::PayeeKind::kPersonal;
  s.in.payees.push_back(p);
  s.info.emplace_back();
  s.personal.personal = true;
  s.personal.payees = {1};
  IndexEvidence(s);
  BuildSuppliers(s);
  const store::SupplierRecord& r = Named(s, "personal");
  EXPECT_TRUE(r.personal);
  EXPECT_EQ(r.name, "(personal or redacted payees)");
  EXPECT_EQ(r.payee_ids, std::vector<std::int64_t>{9});
  const ResolveSummary summary = Summarise(s);
  EXPECT_EQ(summary.payees, 2);
  EXPECT_EQ(summary.suppliers, 2);
  EXPECT_EQ(summary.personal, 1);
  EXPECT_EQ(summary.unmatched, 1);  // Acme; the personal supplier is not counted
}

TEST(BuildSuppliersTest, APostcodeDistrictGivesTheAreaByName) {
  ResolveState s = WithPayees({"Acme"});
  s.in.payees[0].postcode = "SE11 9ZZ";
  s.places.emplace("SE11", store::PostcodePlace{"SE11", true, "", "Lambeth", "", ""});
  s.area_code_by_name = {{"LAMBETH", "E09000022"}};
  IndexEvidence(s);
  BuildSuppliers(s);
  const store::SupplierRecord& r = Named(s, "name:ACME");
  EXPECT_EQ(r.postcode, "SE11 9ZZ");
  EXPECT_EQ(r.local_authority, "E09000022");
  EXPECT_EQ(r.local, core::Known::kYes);
}

}  // namespace
}  // namespace anchornet::resolve::internal
