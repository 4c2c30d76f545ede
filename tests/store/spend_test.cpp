// The Store conformance suite: spend imports (one transaction each, de-duplication across files)
// and the queries over imported files, rejects and payment lines.
//
// Thread-safety: test-only.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "conformance.h"

namespace anchornet::store_test {
namespace {

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

// GetImport: the one file asked for, as FindImportedFile and ListImports give it; kNotFound for an
// id no committed import has (one never used, or one whose import was rolled back).
TEST_P(StoreConformance, GetImportReturnsOneFileOrNotFound) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto import = [&](const std::string& member, const std::string& hash, core::Pence amount,
                    bool commit) -> std::int64_t {
    auto w = s->BeginImport(File(member, hash));
    EXPECT_TRUE(w.has_value());
    if (!w) return 0;
    EXPECT_TRUE((*w)->Add(Line("ACME LTD", amount, 3)).has_value());
    if (!commit) return 0;
    store::ImportCounts counts;
    counts.rows_read = 1;
    counts.lines_imported = 1;
    counts.total_imported = amount;
    counts.first_paid = counts.last_paid = core::FromCivil(2024, 5, 3);
    auto id = (*w)->Commit(counts);
    EXPECT_TRUE(id.has_value());
    return id.value_or(0);
  };
  const std::int64_t first = import("lambeth", "g1", 1234, true);
  const std::int64_t second = import("guys", "g2", 5678, true);
  ASSERT_NE(first, 0);
  ASSERT_NE(second, 0);
  import("lambeth", "rolled-back", 1, false);

  auto got = s->GetImport(second);
  ASSERT_TRUE(got.has_value()) << got.error().ToString();
  EXPECT_EQ(got->id, second);
  EXPECT_EQ(got->member, "guys");
  EXPECT_EQ(got->name, "g2.csv");
  EXPECT_EQ(got->content_hash, "g2");
  EXPECT_EQ(got->format, "csv");
  EXPECT_EQ(got->layout, "test layout");
  EXPECT_EQ(got->counts.total_imported, 5678);
  EXPECT_EQ(got->counts.first_paid, core::FromCivil(2024, 5, 3));
  // The same record as the list gives.
  const auto listed = s->ListImports("").value();
  ASSERT_EQ(listed.size(), 2u);
  const auto first_got = s->GetImport(first).value();
  EXPECT_EQ(first_got.member, listed[0].member);
  EXPECT_EQ(first_got.imported_at, listed[0].imported_at);
  EXPECT_EQ(first_got.counts.total_imported, listed[0].counts.total_imported);

  for (std::int64_t missing : {std::int64_t{0}, std::int64_t{-1}, second + 1, second + 1000}) {
    auto none = s->GetImport(missing);
    ASSERT_FALSE(none.has_value()) << missing;
    EXPECT_EQ(none.error().code, ErrorCode::kNotFound) << missing;
  }
}

}  // namespace
}  // namespace anchornet::store_test
