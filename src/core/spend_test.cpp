// Tests for the payment identity used to de-duplicate spend lines across overlapping files.
#include "core/spend.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>

namespace anchornet::core {
namespace {

SpendLine Line(std::string payee, Pence amount, Date paid_on, std::string reference) {
  SpendLine line;
  line.payee = std::move(payee);
  line.amount = amount;
  line.paid_on = paid_on;
  line.reference = std::move(reference);
  return line;
}

const Date kPaid = FromCivil(2024, 4, 25);

// SpendLineKey is stored in every workspace. This value was computed once by running the code;
// changing it (the hash, the folding, the field order) breaks de-duplication in every existing
// workspace, so it must never change silently.
TEST(SpendLineKeyTest, FixedValueNeverChanges) {
  const SpendLine line = Line("ACME LTD", 153424, kPaid, "INV-001");
  EXPECT_EQ(SpendLineKey(line), 0x1c473bdda123ecbULL);
}

TEST(SpendLineKeyTest, FoldsPayeeAndReference) {
  const std::uint64_t key = SpendLineKey(Line("ACME  LTD", 153424, kPaid, "INV-001"));
  EXPECT_EQ(SpendLineKey(Line(" acme ltd", 153424, kPaid, "INV-001")), key);
  EXPECT_EQ(SpendLineKey(Line("Acme\tLtd\r\n", 153424, kPaid, "inv-001")), key);
  EXPECT_EQ(SpendLineKey(Line("\xC2\xA0"
                              "ACME LTD\xC2\xA0",
                              153424, kPaid, "  INV-001  ")),
            key);
}

TEST(SpendLineKeyTest, DiffersWhenAnyFieldDiffers) {
  const SpendLine base = Line("ACME LTD", 153424, kPaid, "INV-001");
  const std::uint64_t key = SpendLineKey(base);
  EXPECT_NE(SpendLineKey(Line("ACME LTD", 153425, kPaid, "INV-001")), key);
  EXPECT_NE(SpendLineKey(Line("ACME LTD", -153424, kPaid, "INV-001")), key);
  EXPECT_NE(SpendLineKey(Line("ACME LTD", 153424, Date{kPaid.days + 1}, "INV-001")), key);
  EXPECT_NE(SpendLineKey(Line("ACME LTD", 153424, kPaid, "INV-002")), key);
  EXPECT_NE(SpendLineKey(Line("ACME LTD", 153424, kPaid, "")), key);
  EXPECT_NE(SpendLineKey(Line("ACME LIMITED", 153424, kPaid, "INV-001")), key);
  EXPECT_NE(SpendLineKey(Line("ACMELTD", 153424, kPaid, "INV-001")), key);
  // Text moved between payee and reference is a different payment.
  EXPECT_NE(SpendLineKey(Line("ACME", 153424, kPaid, "LTD INV-001")),
            SpendLineKey(Line("ACME LTD", 153424, kPaid, "INV-001")));
  EXPECT_NE(SpendLineKey(Line("AB", 100, kPaid, "")), SpendLineKey(Line("A", 100, kPaid, "B")));
}

TEST(SpendLineKeyTest, IgnoresOtherFields) {
  SpendLine a = Line("ACME LTD", 153424, kPaid, "INV-001");
  SpendLine b = a;
  b.row = 99;
  b.description = "Stationery";
  b.expense_type = "Supplies";
  b.vat = 100;
  b.payee_id = "V123";
  EXPECT_EQ(SpendLineKey(a), SpendLineKey(b));
  EXPECT_TRUE(SamePayment(a, b));
}

TEST(SpendLineKeyTest, SpreadsOverManyLines) {
  std::set<std::uint64_t> keys;
  for (int day = 0; day < 50; ++day) {
    for (Pence amount = 1; amount <= 40; ++amount) {
      keys.insert(SpendLineKey(Line("ACME LTD", amount, Date{kPaid.days + day}, "")));
    }
  }
  EXPECT_EQ(keys.size(), 2000u);
}

TEST(SamePaymentTest, FollowsTheKeyRule) {
  const SpendLine a = Line("ACME  LTD", 153424, kPaid, "inv-001");
  EXPECT_TRUE(SamePayment(a, Line(" acme ltd", 153424, kPaid, "INV-001")));
  EXPECT_TRUE(SamePayment(a, a));
  EXPECT_FALSE(SamePayment(a, Line("ACME LTD", 153425, kPaid, "INV-001")));
  EXPECT_FALSE(SamePayment(a, Line("ACME LTD", 153424, Date{kPaid.days - 1}, "INV-001")));
  EXPECT_FALSE(SamePayment(a, Line("ACME LTD", 153424, kPaid, "INV-002")));
  EXPECT_FALSE(SamePayment(a, Line("ACME LIMITED", 153424, kPaid, "INV-001")));
}

// Equal keys and SamePayment agree on a set of spellings.
TEST(SamePaymentTest, AgreesWithKey) {
  const std::vector<SpendLine> lines = {
      Line("ACME LTD", 100, kPaid, "R1"),
      Line(" acme  ltd ", 100, kPaid, "r1"),
      Line("ACME LTD", 100, kPaid, "R2"),
      Line("ACME LTD", 101, kPaid, "R1"),
      Line("Acme\tLtd", 100, kPaid, " R1 "),
      Line("ACME", 100, kPaid, "R1"),
      Line("ACME LTD", 100, Date{kPaid.days + 7}, "R1"),
  };
  for (const SpendLine& a : lines) {
    for (const SpendLine& b : lines) {
      EXPECT_EQ(SamePayment(a, b), SpendLineKey(a) == SpendLineKey(b))
          << "'" << a.payee << "'/'" << a.reference << "' vs '" << b.payee << "'/'" << b.reference
          << "'";
    }
  }
}

}  // namespace
}  // namespace anchornet::core
