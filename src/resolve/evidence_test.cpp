// Tests of the evidence rules resolution reads registers and names with
// (resolve/internal/evidence.h; docs/suppliers.md, "Size", "VCSE", "Public bodies").
#include "resolve/internal/evidence.h"

#include <gtest/gtest.h>

namespace anchornet::resolve::internal {
namespace {

using core::Fact;
using core::FactField;
using core::FactSource;

TEST(EvidenceTest, CharitySchemesFollowTheNumber) {
  EXPECT_EQ(CharityScheme("1000611"), "GB-CHC");
  EXPECT_EQ(CharityScheme("SC012345"), "GB-SC");
  EXPECT_EQ(CharityScheme("NI100001"), "GB-NIC");
  EXPECT_TRUE(IsCharityScheme("GB-SC"));
  EXPECT_FALSE(IsCharityScheme("GB-COH"));
  EXPECT_EQ(OrgKey("GB-COH", "00000042"), "GB-COH-00000042");
}

TEST(EvidenceTest, AccountCategoriesAreASizeProxy) {
  EXPECT_EQ(SizeFromAccountCategory(" micro-entity "), core::SizeBand::kMicro);
  EXPECT_EQ(SizeFromAccountCategory("TOTAL EXEMPTION FULL"), core::SizeBand::kSmall);
  EXPECT_EQ(SizeFromAccountCategory("MEDIUM"), core::SizeBand::kMedium);
  EXPECT_EQ(SizeFromAccountCategory("GROUP"), core::SizeBand::kLarge);
  EXPECT_EQ(SizeFromAccountCategory("DORMANT"), std::nullopt);
  EXPECT_EQ(SizeFromAccountCategory("NO ACCOUNTS FILED"), std::nullopt);
}

TEST(EvidenceTest, LegalFormsSayVcseYesNoOrWhyNotKnown) {
  EXPECT_EQ(VcseFromForm("Community Interest Company")->vcse, core::Known::kYes);
  EXPECT_EQ(VcseFromForm("CIO")->detail, "CIO");
  EXPECT_EQ(VcseFromForm("Private Limited Company")->vcse, core::Known::kNo);
  const auto guarantee = VcseFromForm("PRI/LTD BY GUAR/NSC (Private, limited by guarantee)");
  ASSERT_TRUE(guarantee);
  EXPECT_EQ(guarantee->vcse, core::Known::kUnknown);
  EXPECT_FALSE(VcseFromForm(""));
  EXPECT_FALSE(VcseFromForm("Overseas Entity"));
}

TEST(EvidenceTest, PublicBodiesFromTheNameAlone) {
  EXPECT_EQ(PublicBodyFromName("HM REVENUE AND CUSTOMS"), core::PublicBodyKind::kHmrc);
  EXPECT_EQ(PublicBodyFromName("GUYS AND ST THOMAS NHS FOUNDATION TRUST"),
            core::PublicBodyKind::kNhs);
  EXPECT_EQ(PublicBodyFromName("KENT COUNTY COUNCIL"), core::PublicBodyKind::kLocalGovernment);
  EXPECT_EQ(PublicBodyFromName("METROPOLITAN POLICE"), core::PublicBodyKind::kPoliceFire);
  EXPECT_EQ(PublicBodyFromName("UNIVERSITY OF LEEDS"), core::PublicBodyKind::kEducation);
  EXPECT_EQ(PublicBodyFromName("COUNCILLOR SUPPLIES"), core::PublicBodyKind::kNone);
}

Fact MakeFact(FactField field, std::string value, FactSource source, std::string as_of = "",
              std::string detail = "") {
  return Fact{field, std::move(value), std::move(detail), source, "", std::move(as_of), false,
              false};
}

TEST(ChooseFactsTest, PrecedenceThenTheLatestAndConflictsMarked) {
  std::vector<Fact> facts = {
      MakeFact(FactField::kSize, "large", FactSource::kCompaniesHouse, "2024-01-01"),
      MakeFact(FactField::kSize, "small", FactSource::kMemberReturn, "2023-01-01"),
      MakeFact(FactField::kSize, "micro", FactSource::kMemberReturn, "2024-06-01"),
      MakeFact(FactField::kPostcode, "SE11 5AA", FactSource::kSpendFile)};
  ChooseFacts(facts);
  const Fact* size = Chosen(facts, FactField::kSize);
  ASSERT_NE(size, nullptr);
  EXPECT_EQ(size->value, "micro");  // a member return outranks Companies House; the latest
  EXPECT_TRUE(size->conflicts);
  EXPECT_TRUE(facts[0].conflicts);
  EXPECT_EQ(Chosen(facts, FactField::kPostcode)->value, "SE11 5AA");
  EXPECT_FALSE(Chosen(facts, FactField::kPostcode)->conflicts);
  EXPECT_EQ(Chosen(facts, FactField::kVcse), nullptr);
}

TEST(ChooseFactsTest, AnUnknownGivesWayToAnyAnswerAndContradictsNone) {
  std::vector<Fact> facts = {MakeFact(FactField::kVcse, "unknown", FactSource::kDecision),
                             MakeFact(FactField::kVcse, "yes", FactSource::kNamePattern)};
  ChooseFacts(facts);
  EXPECT_EQ(Chosen(facts, FactField::kVcse)->value, "yes");
  EXPECT_FALSE(facts[0].conflicts);
  EXPECT_FALSE(facts[1].conflicts);
}

TEST(ChooseFactsTest, DiverseFactsArePerFlag) {
  std::vector<Fact> facts = {
      MakeFact(FactField::kDiverse, "women", FactSource::kMemberReturn, "", "yes self-declared"),
      MakeFact(FactField::kDiverse, "disabled", FactSource::kMemberReturn, "", "no")};
  ChooseFacts(facts);
  EXPECT_EQ(Chosen(facts, FactField::kDiverse, "women")->detail, "yes self-declared");
  EXPECT_EQ(Chosen(facts, FactField::kDiverse, "disabled")->detail, "no");
  EXPECT_EQ(Chosen(facts, FactField::kDiverse, "lgbtq"), nullptr);
}

}  // namespace
}  // namespace anchornet::resolve::internal
