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

}  // namespace
}  // namespace anchornet::ingest
