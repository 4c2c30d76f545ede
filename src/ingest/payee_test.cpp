// Tests for recognising private individuals and redacted payee names without catching companies
// whose names merely contain the same letters.
#include "ingest/payee.h"

#include <gtest/gtest.h>

namespace anchornet::ingest {
namespace {

TEST(IsPersonalPayeeTest, RedactedAndPersonalNames) {
  for (std::string_view name : {"REDACTED PERSONAL DATA",
                                "Name redacted",
                                "REFUND TO PRIVATE INDIVIDUAL",
                                "Redacted",
                                "PERSONAL DATA - REDACTED",
                                "Private Individual",
                                "NAME WITHHELD",
                                "Individual",
                                "Confidential",
                                "redacted",
                                "  Redacted  ",
                                "[REDACTED]",
                                "Personal Data",
                                "Private Individuals",
                                "Data Protection",
                                "NOT DISCLOSED",
                                "Undisclosed",
                                "DPA",
                                "Staff Member",
                                "Employee",
                                "Redaction applied",
                                "Name removed",
                                "PERSONAL"}) {
    EXPECT_TRUE(IsPersonalPayee(name)) << "name: '" << name << "'";
  }
}

TEST(IsPersonalPayeeTest, CompaniesAreNotPersonal) {
  for (std::string_view name :
       {"REDACTIVE EVENTS LTD", "Redactive Publishing Ltd", "Private Healthcare Ltd",
        "Individual Solutions Ltd", "Confidential Shredding Ltd", "Personal Touch Care Ltd",
        "ACME LTD", "Individually Wrapped Ltd", "Confidentiality Matters LLP",
        "PRIVACY & DATA PROTECTION LTD", "JO SARSBY PERSONAL MANAGEMENT LTD",
        "Employee Benefits Ltd", "Privateer Ltd", "Withheld Tax Advisers Ltd",
        "Personalised Gifts Ltd"}) {
    EXPECT_FALSE(IsPersonalPayee(name)) << "name: '" << name << "'";
  }
}

TEST(IsPersonalPayeeTest, EmptyAndPunctuationOnly) {
  EXPECT_FALSE(IsPersonalPayee(""));
  EXPECT_FALSE(IsPersonalPayee("   "));
  EXPECT_FALSE(IsPersonalPayee("-*-"));
}

TEST(HasOrganisationWordTest, LegalFormsAndOrganisationWords) {
  for (std::string_view name :
       {"Redactive Media Ltd", "REDACTIVE EVENTS LTD", "Reed Specialist Recruitment Limited",
        "Zurich Insurance PLC", "Dick Leigh LLP", "Green Shoots CIC", "Hyndburn Borough Council",
        "Accrington Town Hall Trust", "Macdonald & Company", "J Smith & Sons",
        "University of Manchester", "Age Concern Society"}) {
    EXPECT_TRUE(HasOrganisationWord(name)) << "name: '" << name << "'";
  }
  for (std::string_view name :
       {"Agency costs", "bumper cover", "ENVIRONMENTAL SERVICES", "Halfords Autocentres",
        "TEMP STAFF - W/E 28.01.24", "office supplies", "Colditz", "", "Trusty Tools"}) {
    EXPECT_FALSE(HasOrganisationWord(name)) << "name: '" << name << "'";
  }
}

TEST(ScorePayeeColumnTest, NamesOfOrganisationsScoreAboveDescriptions) {
  const PayeeColumnScore payees =
      ScorePayeeColumn({"Redactive Media Ltd", "Hays Specialist Recruitment Ltd",
                        "Halfords Autocentres", "Redactive Media Ltd", "Hyndburn Borough Council"});
  EXPECT_DOUBLE_EQ(payees.organisation, 0.8);
  EXPECT_DOUBLE_EQ(payees.name_case, 1.0);
  EXPECT_DOUBLE_EQ(payees.few_digits, 1.0);
  EXPECT_DOUBLE_EQ(payees.repetition, 1.0);
  EXPECT_DOUBLE_EQ(payees.score, 0.5 * 0.8 + 0.2 + 0.15 + 0.15);

  const PayeeColumnScore descriptions =
      ScorePayeeColumn({"Agency costs", "bumper cover", "Agency costs", "TEMP STAFF - W/E 28.01.24",
                        "Agency costs"});
  EXPECT_DOUBLE_EQ(descriptions.organisation, 0.0);
  EXPECT_DOUBLE_EQ(descriptions.name_case, 0.2);  // only the upper-case one reads as a name
  EXPECT_DOUBLE_EQ(descriptions.few_digits, 0.8);
  EXPECT_DOUBLE_EQ(descriptions.repetition, 1.0);
  EXPECT_LT(descriptions.score, kPayeeScoreFloor);
  EXPECT_GE(payees.score - descriptions.score, kPayeeLeadFloor);
}

TEST(ScorePayeeColumnTest, RepetitionAndBlanks) {
  // Every value distinct (free text) or one value throughout (a code) is not how payees repeat.
  EXPECT_DOUBLE_EQ(ScorePayeeColumn({"A", "B", "C"}).repetition, 0.0);
  std::vector<std::string_view> same(30, "HOUSING");
  EXPECT_DOUBLE_EQ(ScorePayeeColumn(same).repetition, 0.0);
  EXPECT_DOUBLE_EQ(ScorePayeeColumn({"A", "B", "A"}).repetition, 1.0);
  // Blank values are not counted; a column of blanks scores nothing.
  EXPECT_DOUBLE_EQ(ScorePayeeColumn({"", "  "}).score, 0.0);
  EXPECT_DOUBLE_EQ(ScorePayeeColumn({"ACME LTD", ""}).organisation, 1.0);
}

}  // namespace
}  // namespace anchornet::ingest
