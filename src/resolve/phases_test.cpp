// Tests of the resolution phases one at a time (resolve/internal/phases.h; docs/suppliers.md):
// each builds a small state by hand (payees, decisions, returns, register records as the store
// would give them) and checks what one phase adds to it.
#include "resolve/internal/phases.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace anchornet::resolve::internal {
namespace {

using core::FactField;

store::PayeeRecord Payee(std::int64_t id, std::string member, std::string name,
                         std::string company = "", std::string vendor_id = "") {
  store::PayeeRecord p;
  p.id = id;
  p.member = std::move(member);
  p.name = std::move(name);
  p.company_number = std::move(company);
  p.vendor_id = std::move(vendor_id);
  return p;
}

store::RegisterOrg Org(std::string scheme, std::string id, std::string name = "") {
  store::RegisterOrg o;
  o.scheme = std::move(scheme);
  o.id = std::move(id);
  o.name = std::move(name);
  return o;
}

store::Decision Decision(std::int64_t id, std::string subject, FactField field, std::string value) {
  store::Decision d;
  d.id = id;
  d.subject = std::move(subject);
  d.field = field;
  d.value = std::move(value);
  return d;
}

// Phases 0-3: what every later phase starts from.
void GroupPayees(ResolveState& s) {
  IndexDecisions(s);
  KeyPayees(s);
  GroupByIdentifier(s);
  GroupByName(s);
}

bool Together(ResolveState& s, std::size_t a, std::size_t b) {
  return s.groups.Find(a) == s.groups.Find(b);
}

TEST(UnionFindTest, TheLowestIndexIsTheRoot) {
  UnionFind uf(4);
  uf.Union(3, 2);
  uf.Union(2, 1);
  EXPECT_EQ(uf.Find(3), 1u);
  EXPECT_EQ(uf.Find(0), 0u);
}

TEST(IndexDecisionsTest, TheLatestDecisionIsInForceAndNamesGetTheirNumbers) {
  ResolveState s;
  s.in.decisions = {Decision(1, "name:ACME", FactField::kCompanyNumber, "123"),
                    Decision(2, "name:ACME", FactField::kCompanyNumber, "456"),
                    Decision(3, "GB-COH-00000001", FactField::kSize, "small")};
  store::SupplierReturnLine line;
  line.name = "Acme Ltd";
  line.company_number = "999";
  line.charity_number = "1000611";
  s.in.returns = {{"a", line}};
  IndexDecisions(s);
  EXPECT_EQ(s.decided.at("name:ACME").at(FactField::kCompanyNumber).value, "456");
  EXPECT_EQ(s.decided.at("GB-COH-00000001").at(FactField::kSize).value, "small");
  // The decision's number wins over the return's; the return's charity number stays.
  EXPECT_EQ(s.ids_for_name.at("ACME").first, "00000456");
  EXPECT_EQ(s.ids_for_name.at("ACME").second, "1000611");
}

TEST(KeyPayeesTest, NamesGetKeysAndNumbersGivenForTheirName) {
  ResolveState s;
  s.in.payees = {Payee(1, "a", "Acme Cleaning Ltd"), Payee(2, "a", "J Smith")};
  s.in.payees[1].kind = core::PayeeKind::kPersonal;
  s.ids_for_name["ACME CLEANING"] = {"00000042", ""};
  KeyPayees(s);
  ASSERT_EQ(s.info.size(), 2u);
  EXPECT_EQ(s.info[0].name.key, "ACME CLEANING");
  EXPECT_EQ(s.info[0].name.legal_form, "LTD");
  EXPECT_EQ(s.info[0].company, "00000042");
  EXPECT_TRUE(s.info[1].name.key.empty());  // a personal payee is not keyed
}

TEST(GroupByIdentifierTest, SharedNumbersAndVendorIdsJoinPayees) {
  ResolveState s;
  s.in.payees = {Payee(1, "a", "Acme Ltd", "42"), Payee(2, "b", "ACME LIMITED", "00000042"),
                 Payee(3, "a", "Bolt Bros", "", "V1"), Payee(4, "a", "Bolt Brothers", "", "V1"),
                 Payee(5, "b", "Crane Co", "", "V1")};
  IndexDecisions(s);
  KeyPayees(s);
  GroupByIdentifier(s);
  EXPECT_TRUE(Together(s, 0, 1));   // one company number
  EXPECT_TRUE(Together(s, 2, 3));   // one member's vendor id
  EXPECT_FALSE(Together(s, 2, 4));  // the same vendor id at another member is another account
  EXPECT_TRUE(s.root_has_id[s.groups.Find(0)]);
  EXPECT_FALSE(s.root_has_id[s.groups.Find(2)]);
}

TEST(GroupByIdentifierTest, AVendorIdCoveringManyNamesIsACatchAllAccount) {
  ResolveState s;
  for (int i = 0; i <= static_cast<int>(kMaxNamesPerVendorId); ++i) {
    s.in.payees.push_back(Payee(i, "a", "Sundry supplier " + std::string(1, 'A' + i), "", "SUN"));
  }
  IndexDecisions(s);
  KeyPayees(s);
  GroupByIdentifier(s);
  EXPECT_FALSE(Together(s, 0, 1));
}

TEST(GroupByNameTest, NameOnlyPayeesJoinTheOneSupplierWithANumberOfTheirName) {
  ResolveState s;
  s.in.payees = {Payee(1, "a", "Acme Ltd", "42"), Payee(2, "b", "ACME LIMITED"),
                 Payee(3, "a", "Bolt Bros"), Payee(4, "b", "BOLT BROS.")};
  GroupPayees(s);
  EXPECT_TRUE(Together(s, 0, 1));
  EXPECT_TRUE(Together(s, 2, 3));
  EXPECT_FALSE(Together(s, 0, 2));
  EXPECT_EQ(s.name_only_keys, std::vector<std::string>{"BOLT BROS"});
  EXPECT_TRUE(s.ambiguous_roots.empty());
}

TEST(GroupByNameTest, ANameTwoNumberedSuppliersShareIsAmbiguous) {
  ResolveState s;
  s.in.payees = {Payee(1, "a", "Acme Ltd", "42"), Payee(2, "b", "Acme Ltd", "43"),
                 Payee(3, "c", "Acme")};
  GroupPayees(s);
  EXPECT_FALSE(Together(s, 0, 1));
  EXPECT_FALSE(Together(s, 0, 2));
  EXPECT_FALSE(Together(s, 1, 2));
  EXPECT_EQ(s.ambiguous_roots.count(s.groups.Find(2)), 1u);
  EXPECT_TRUE(s.name_only_keys.empty());
}

TEST(GroupByNameTest, ATradingAsNameJoinsTheNameItTradesAs) {
  ResolveState s;
  s.in.payees = {Payee(1, "a", "Smith J T/A Smiths Plumbing"), Payee(2, "b", "Smiths Plumbing")};
  GroupPayees(s);
  EXPECT_TRUE(Together(s, 0, 1));
}

TEST(NameKeysWantedTest, EveryOrganisationKeySorted) {
  ResolveState s;
  s.in.payees = {Payee(1, "a", "Zeta Ltd"), Payee(2, "a", "Alpha Ltd"), Payee(3, "a", "Zeta")};
  GroupPayees(s);
  EXPECT_EQ(NameKeysWanted(s), (std::vector<std::string>{"ALPHA", "ZETA"}));
}

// A name-only supplier "GREEN TRUST" and the register records of that name.
ResolveState GreenTrust(std::vector<store::RegisterOrg> records) {
  ResolveState s;
  s.in.payees = {Payee(1, "a", "Green Trust"), Payee(2, "b", "GREEN TRUST")};
  GroupPayees(s);
  s.orgs_by_key["GREEN TRUST"] = std::move(records);
  return s;
}

TEST(MatchNamesTest, OneRegisteredOrganisationOfTheNameIsAMatch) {
  ResolveState s = GreenTrust({Org("GB-COH", "00000007", "GREEN TRUST LIMITED")});
  EXPECT_EQ(CandidateRecords(s), (std::vector<RecordId>{{"GB-COH", "00000007"}}));
  MatchNames(s);
  ASSERT_EQ(s.unique_match.count("GREEN TRUST"), 1u);
  EXPECT_EQ(s.unique_match.at("GREEN TRUST"), (RecordId{"GB-COH", "00000007"}));
  EXPECT_TRUE(s.ambiguous_keys.empty());
}

TEST(MatchNamesTest, ALinkedCharityAndCompanyCountAsOneTheCompanyNamingIt) {
  ResolveState s = GreenTrust({Org("GB-CHC", "1000611"), Org("GB-COH", "00000007")});
  s.candidate_links = {{"GB-CHC", "1000611", "GB-COH", "00000007"}};
  MatchNames(s);
  EXPECT_EQ(s.unique_match.at("GREEN TRUST"), (RecordId{"GB-COH", "00000007"}));
}

TEST(MatchNamesTest, TwoUnlinkedOrganisationsOfTheNameAreAmbiguous) {
  ResolveState s = GreenTrust({Org("GB-CHC", "1000611"), Org("GB-COH", "00000007")});
  MatchNames(s);
  EXPECT_TRUE(s.unique_match.empty());
  EXPECT_EQ(s.ambiguous_keys, std::set<std::string>{"GREEN TRUST"});
}

TEST(MatchNamesTest, ACompanyIncorporatedAfterEveryPaymentIsNotThePayee) {
  store::RegisterOrg later = Org("GB-COH", "00000008");
  later.incorporated = "2024-05-01";
  ResolveState s = GreenTrust({Org("GB-CHC", "1000611"), later});
  s.in.member_last_paid = {{"a", "2024-03-31"}, {"b", "2023-03-31"}};
  MatchNames(s);
  EXPECT_EQ(s.unique_match.at("GREEN TRUST"), (RecordId{"GB-CHC", "1000611"}));
}

TEST(MatchNamesTest, AMatchedNameJoinsTheSupplierWithThatNumber) {
  ResolveState s;
  s.in.payees = {Payee(1, "a", "Green Trust"), Payee(2, "b", "Greens Ltd", "7")};
  GroupPayees(s);
  s.orgs_by_key["GREEN TRUST"] = {Org("GB-COH", "00000007")};
  MatchNames(s);
  EXPECT_TRUE(Together(s, 0, 1));
}

TEST(MatchNamesTest, NamesOfOnePublicBodyAreOneSupplier) {
  ResolveState s;
  s.in.payees = {Payee(1, "a", "TfL"), Payee(2, "b", "Transport for London")};
  GroupPayees(s);
  s.orgs_by_key["TFL"] = {Org("GB-PUB", "TFL")};
  s.orgs_by_key["TRANSPORT FOR LONDON"] = {Org("GB-PUB", "TFL")};
  MatchNames(s);
  EXPECT_TRUE(s.unique_match.empty());  // public bodies are classified, not matched by name
  EXPECT_TRUE(Together(s, 0, 1));
}

TEST(FormEntitiesTest, OneEntityPerGroupAndOneForPersonalPayees) {
  ResolveState s = GreenTrust({Org("GB-COH", "00000007")});
  s.in.payees.push_back(Payee(3, "a", "REDACTED"));
  s.in.payees.back().kind = core::PayeeKind::kPersonal;
  s.info.emplace_back();
  s.groups = UnionFind(3);
  s.root_has_id.assign(3, 0);
  s.by_key.clear();
  s.name_only_keys.clear();
  GroupByName(s);
  MatchNames(s);
  FormEntities(s);
  ASSERT_EQ(s.by_root.size(), 1u);
  const Entity& e = s.by_root.begin()->second;
  EXPECT_EQ(e.payees, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(e.register_name_match, "GB-COH-00000007");
  EXPECT_EQ(e.companies, std::set<std::string>{"00000007"});
  EXPECT_EQ(s.personal.payees, std::vector<std::size_t>{2});
  EXPECT_TRUE(s.personal.personal);
}

TEST(FormEntitiesTest, AnAmbiguousNameMarksItsEntity) {
  ResolveState s = GreenTrust({Org("GB-CHC", "1000611"), Org("GB-COH", "00000007")});
  MatchNames(s);
  FormEntities(s);
  ASSERT_EQ(s.by_root.size(), 1u);
  EXPECT_TRUE(s.by_root.begin()->second.ambiguous);
}

TEST(IdentifierRecordsWantedTest, PerSchemeSortedAndUnique) {
  ResolveState s;
  Entity a;
  a.companies = {"00000002", "00000001"};
  a.charities = {"SC012345", "1000611"};
  Entity b;
  b.companies = {"00000001"};
  b.charities = {"NI100001"};
  s.by_root = {{0, a}, {5, b}};
  const auto wanted = IdentifierRecordsWanted(s);
  EXPECT_EQ(wanted.at("GB-COH"), (std::vector<std::string>{"00000001", "00000002"}));
  EXPECT_EQ(wanted.at("GB-CHC"), std::vector<std::string>{"1000611"});
  EXPECT_EQ(wanted.at("GB-SC"), std::vector<std::string>{"SC012345"});
  EXPECT_EQ(wanted.at("GB-NIC"), std::vector<std::string>{"NI100001"});
}

TEST(IndexLinksTest, LinksGoBothWaysAndNameTheRecordsToFetch) {
  ResolveState s;
  const auto more = IndexLinks(s, {{"GB-CHC", "1000611", "GB-COH", "00000007"}});
  EXPECT_EQ(s.linked.at("GB-CHC-1000611"), (std::vector<RecordId>{{"GB-COH", "00000007"}}));
  EXPECT_EQ(s.linked.at("GB-COH-00000007"), (std::vector<RecordId>{{"GB-CHC", "1000611"}}));
  EXPECT_EQ(more.at("GB-COH"), std::vector<std::string>{"00000007"});
  EXPECT_EQ(more.at("GB-CHC"), std::vector<std::string>{"1000611"});
}

TEST(IndexEvidenceTest, MembersByNameAndReturnsByNumberAndName) {
  ResolveState s;
  s.in.network.members = {
      {"camden", "London Borough of Camden", core::Sector::kLocalGovernment, ""}};
  s.in.network.geography_codes = {"E09000007"};
  store::SupplierReturnLine line;
  line.name = "Acme Ltd";
  line.company_number = "42";
  s.in.returns = {{"camden", line}};
  IndexEvidence(s);
  EXPECT_EQ(s.member_by_key.at("LONDON BOROUGH OF CAMDEN"), "camden");
  EXPECT_EQ(s.geography, std::set<std::string>{"E09000007"});
  ASSERT_EQ(s.returns_by.at("C00000042").size(), 1u);
  EXPECT_EQ(s.returns_by.at("NACME").front(), &s.in.returns[0]);
  EXPECT_EQ(s.returns_by.count("H"), 0u);
}

TEST(PostcodesWantedTest, EveryPostcodeAFactCouldComeFromAndItsDistrict) {
  ResolveState s;
  s.in.payees = {Payee(1, "a", "Acme")};
  s.in.payees[0].postcode = "se11 5aa";
  store::RegisterOrg o = Org("GB-COH", "00000001");
  o.postcode = "NW1 2DB";
  s.orgs.emplace("GB-COH-00000001", o);
  s.decided["name:ACME"][FactField::kPostcode] =
      Decision(1, "name:ACME", FactField::kPostcode, "E1 6AN");
  EXPECT_EQ(PostcodesWanted(s),
            (std::vector<std::string>{"E1", "E1 6AN", "NW1", "NW1 2DB", "SE11", "SE11 5AA"}));
}

TEST(AreaCodesByNameTest, OnlyLocalAuthorityAreasByUpperCaseName) {
  const auto codes = AreaCodesByName(
      {{"E09000022", "Lambeth"}, {"E05000416", "Bishop's"}, {"S12000036", "City of Edinburgh"}});
  EXPECT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes.at("LAMBETH"), "E09000022");
  EXPECT_EQ(codes.at("CITY OF EDINBURGH"), "S12000036");
}

}  // namespace
}  // namespace anchornet::resolve::internal
