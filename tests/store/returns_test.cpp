// The Store conformance suite: members' returns (docs/returns.md): submissions, supersession,
// issues, filters.
//
// Thread-safety: test-only.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "conformance.h"

namespace anchornet::store_test {
namespace {

TEST_P(StoreConformance, ReturnRoundTripsWithFiguresTransfersAndProjects) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  const std::int64_t version = s->DataVersion().value();

  core::MemberReturn ret;
  ret.member = "guys";
  ret.financial_year = 2024;
  ret.quarter = 2;
  // Stored out of row order; loaded in row order.
  ret.figures = {{"W2S", 12, "", "", 14},
                 {"W1D", 340, "uplifted in April", "", 12},
                 {"E1", 2130'500, "", "far above last year", 13}};
  core::LevyTransfer unknown{21, "Small Care Ltd", std::nullopt, 1500'00, 750'00, 2, ""};
  core::LevyTransfer sme{22, "Tiny Bakery", true, 9000'00, 0, 1, "first draw in May"};
  core::LevyTransfer large{23, "Big Builders plc", false, 0, 12000'00, 3, ""};
  ret.transfers = {unknown, sme, large};
  core::CarbonProject led;
  led.row = 31;
  led.id = "GUY-LED-2024";
  led.name = "LED lighting, outpatients";
  led.kind = "retrofit";
  led.activity = "electricity UK";
  led.unit = "kWh";
  led.activity_year = 2024;
  led.baseline = 412000.5;
  led.after = 198000.25;
  led.factor_id = "1_200_1_1";
  led.factor_path = "UK electricity > Electricity: UK > kWh";
  led.factor = 0.20705;
  led.saved_kg = 44309;
  led.note = "metered";
  ret.projects = {led};

  auto w = s->BeginReturnImport(ReturnFileOf("r1", "alice"));
  ASSERT_TRUE(w.has_value()) << w.error().ToString();
  auto id = (*w)->Add(ret, {IssueOf(13, 4, ErrorCode::kFigureOutlier, true),
                            IssueOf(15, 4, ErrorCode::kBadFigure)});
  ASSERT_TRUE(id.has_value()) << id.error().ToString();
  auto file_id = (*w)->Commit();
  ASSERT_TRUE(file_id.has_value()) << file_id.error().ToString();
  w->reset();

  auto loaded = s->LoadReturn(*id);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
  EXPECT_EQ(loaded->member, "guys");
  EXPECT_EQ(loaded->financial_year, 2024);
  EXPECT_EQ(loaded->quarter, 2);
  ASSERT_EQ(loaded->figures.size(), 3u);
  EXPECT_EQ(loaded->figures[0].measure, "W1D");
  EXPECT_EQ(loaded->figures[0].value, 340);
  EXPECT_EQ(loaded->figures[0].note, "uplifted in April");
  EXPECT_EQ(loaded->figures[0].row, 12);
  EXPECT_EQ(loaded->figures[1].measure, "E1");
  EXPECT_EQ(loaded->figures[1].value, 2130'500);
  EXPECT_EQ(loaded->figures[1].flag, "far above last year");
  EXPECT_EQ(loaded->figures[2].measure, "W2S");
  ASSERT_EQ(loaded->transfers.size(), 3u);
  EXPECT_EQ(loaded->transfers[0].recipient, "Small Care Ltd");
  EXPECT_FALSE(loaded->transfers[0].recipient_sme.has_value());  // unknown stays unknown
  EXPECT_EQ(loaded->transfers[0].committed, 1500'00);
  EXPECT_EQ(loaded->transfers[0].paid, 750'00);
  EXPECT_EQ(loaded->transfers[0].apprenticeships, 2);
  EXPECT_EQ(loaded->transfers[1].recipient_sme, std::optional<bool>(true));
  EXPECT_EQ(loaded->transfers[1].note, "first draw in May");
  EXPECT_EQ(loaded->transfers[2].recipient_sme, std::optional<bool>(false));
  EXPECT_EQ(loaded->transfers[2].row, 23);
  ASSERT_EQ(loaded->projects.size(), 1u);
  const core::CarbonProject& p = loaded->projects[0];
  EXPECT_EQ(p.row, 31);
  EXPECT_EQ(p.id, "GUY-LED-2024");
  EXPECT_EQ(p.name, led.name);
  EXPECT_EQ(p.kind, "retrofit");
  EXPECT_EQ(p.activity, "electricity UK");
  EXPECT_EQ(p.unit, "kWh");
  EXPECT_EQ(p.activity_year, 2024);
  EXPECT_DOUBLE_EQ(p.baseline, 412000.5);
  EXPECT_DOUBLE_EQ(p.after, 198000.25);
  EXPECT_EQ(p.factor_id, "1_200_1_1");
  EXPECT_EQ(p.factor_path, led.factor_path);
  EXPECT_DOUBLE_EQ(p.factor, 0.20705);
  EXPECT_EQ(p.saved_kg, 44309);
  EXPECT_EQ(p.note, "metered");

  auto subs = s->ListReturnSubmissions({}).value();
  ASSERT_EQ(subs.size(), 1u);
  const store::ReturnSubmission& sub = subs[0];
  EXPECT_EQ(sub.id, *id);
  EXPECT_EQ(sub.file_id, *file_id);
  EXPECT_EQ(sub.file_name, "r1.xlsx");
  EXPECT_EQ(sub.member, "guys");
  EXPECT_EQ(sub.financial_year, 2024);
  EXPECT_EQ(sub.quarter, 2);
  EXPECT_EQ(sub.supersedes, 0);
  EXPECT_EQ(sub.superseded_by, 0);
  EXPECT_EQ(sub.figures, 3);
  EXPECT_EQ(sub.transfers, 3);
  EXPECT_EQ(sub.projects, 1);
  EXPECT_EQ(sub.errors, 1);
  EXPECT_EQ(sub.warnings, 1);

  // The same bytes are found again, with what the store recorded about them.
  auto found = s->FindReturnFile("r1");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->id, *file_id);
  EXPECT_EQ((*found)->name, "r1.xlsx");
  EXPECT_EQ((*found)->bytes, 2048);
  EXPECT_EQ((*found)->format, "xlsx");
  EXPECT_EQ((*found)->imported_by, "alice");
  EXPECT_EQ((*found)->imported_at.size(), 20u);  // "YYYY-MM-DDTHH:MM:SSZ"
  EXPECT_EQ(sub.submitted_at, (*found)->imported_at);
  EXPECT_FALSE(s->FindReturnFile("r2").value().has_value());

  // No such submission.
  auto missing = s->LoadReturn(*id + 100);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  // Returns do not touch supplier resolution.
  EXPECT_EQ(s->DataVersion().value(), version);
  EXPECT_TRUE(s->CheckIntegrity().has_value());
}

TEST_P(StoreConformance, AResubmittedReturnSupersedesWithinAndAcrossFiles) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  std::int64_t a1 = 0, a2 = 0, q1 = 0, g1 = 0, b1 = 0;
  {
    auto w = s->BeginReturnImport(ReturnFileOf("a"));
    ASSERT_TRUE(w.has_value());
    a1 = (*w)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 100}}),
                   {IssueOf(11, 2, ErrorCode::kUnknownMeasure)})
             .value();
    // The same member and period again in the same file: the later one is current.
    a2 = (*w)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 110}}), {}).value();
    // Another period, and another member, are not affected.
    q1 = (*w)->Add(ReturnOf("lambeth", 2023, 1, {{"W1D", 30}}), {}).value();
    g1 = (*w)->Add(ReturnOf("guys", 2023, 0, {{"W1D", 500}}), {}).value();
    ASSERT_TRUE((*w)->Commit().has_value());
  }
  {
    auto w = s->BeginReturnImport(ReturnFileOf("b"));
    ASSERT_TRUE(w.has_value());
    b1 = (*w)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 120}, {"W2S", 4}}), {}).value();
    ASSERT_TRUE((*w)->Commit().has_value());
  }

  // Current only: in member order (lambeth before guys), then year and quarter.
  auto current = s->ListReturnSubmissions({}).value();
  EXPECT_EQ(Periods(current),
            (std::vector<std::string>{"lambeth 2023 0", "lambeth 2023 1", "guys 2023 0"}));
  ASSERT_EQ(current.size(), 3u);
  EXPECT_EQ(current[0].id, b1);
  EXPECT_EQ(current[0].supersedes, a2);
  EXPECT_EQ(current[0].superseded_by, 0);
  EXPECT_EQ(current[0].file_name, "b.xlsx");
  EXPECT_EQ(current[0].figures, 2);
  EXPECT_EQ(current[1].id, q1);
  EXPECT_EQ(current[1].supersedes, 0);
  EXPECT_EQ(current[2].id, g1);
  EXPECT_EQ(current[2].supersedes, 0);

  // History: newest first within each member and period.
  store::ReturnFilter history;
  history.history = true;
  auto all = s->ListReturnSubmissions(history).value();
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].id, b1);
  EXPECT_EQ(all[1].id, a2);
  EXPECT_EQ(all[1].supersedes, a1);
  EXPECT_EQ(all[1].superseded_by, b1);
  EXPECT_EQ(all[1].file_name, "a.xlsx");
  EXPECT_EQ(all[2].id, a1);
  EXPECT_EQ(all[2].supersedes, 0);
  EXPECT_EQ(all[2].superseded_by, a2);
  EXPECT_EQ(all[2].errors, 1);
  EXPECT_EQ(all[3].id, q1);
  EXPECT_EQ(all[4].id, g1);

  // A superseded submission keeps its figures and issues.
  auto old = s->LoadReturn(a1).value();
  ASSERT_EQ(old.figures.size(), 1u);
  EXPECT_EQ(old.figures[0].value, 100);
  auto issues = s->ListReturnIssues(a1).value();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].reject.code, ErrorCode::kUnknownMeasure);
  EXPECT_TRUE(s->ListReturnIssues(b1).value().empty());
  EXPECT_EQ(s->LoadReturn(b1).value().figures.size(), 2u);
  EXPECT_TRUE(s->CheckIntegrity().has_value());
}

TEST_P(StoreConformance, UncommittedReturnImportLeavesNothing) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  std::int64_t kept = 0;
  {
    auto w = s->BeginReturnImport(ReturnFileOf("kept"));
    ASSERT_TRUE(w.has_value());
    kept = (*w)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 100}}), {}).value();
    ASSERT_TRUE((*w)->Commit().has_value());
  }
  std::int64_t dropped_file = 0;
  {
    auto w = s->BeginReturnImport(ReturnFileOf("dropped"));
    ASSERT_TRUE(w.has_value());
    // A resubmission that would supersede the kept one, and one for a new period.
    ASSERT_TRUE((*w)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 999}}),
                          {IssueOf(3, 1, ErrorCode::kBadFigure)})
                    .has_value());
    ASSERT_TRUE((*w)->Add(ReturnOf("guys", 2024, 0, {{"W1D", 1}}), {}).has_value());
    ASSERT_TRUE((*w)->AddFileIssue(IssueOf(7, 1, ErrorCode::kUnknownMember)).has_value());
    // Inside its transaction the file is visible to the connection that writes it.
    dropped_file = s->FindReturnFile("dropped").value().value_or(store::ReturnFile{}).id;
    ASSERT_NE(dropped_file, 0);
  }
  EXPECT_FALSE(s->FindReturnFile("dropped").value().has_value());
  store::ReturnFilter history;
  history.history = true;
  auto all = s->ListReturnSubmissions(history).value();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].id, kept);
  EXPECT_EQ(all[0].superseded_by, 0);  // still current
  EXPECT_EQ(s->LoadReturn(kept).value().figures[0].value, 100);
  EXPECT_TRUE(s->ListReturnIssues(0, dropped_file).value().empty());
  EXPECT_TRUE(s->CheckIntegrity().has_value());
  // The same bytes import afterwards.
  auto again = s->BeginReturnImport(ReturnFileOf("dropped"));
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  ASSERT_TRUE((*again)->Add(ReturnOf("lambeth", 2023, 0, {{"W1D", 999}}), {}).has_value());
  ASSERT_TRUE((*again)->Commit().has_value());
  again->reset();
  EXPECT_EQ(s->ListReturnSubmissions(history).value().size(), 2u);
  EXPECT_TRUE(s->CheckIntegrity().has_value());
}

TEST_P(StoreConformance, AReturnFromAnUnknownMemberIsRefusedAndTheFileGoesOn) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginReturnImport(ReturnFileOf("mixed"));
  ASSERT_TRUE(w.has_value());
  auto nobody = (*w)->Add(ReturnOf("nobody", 2023, 0, {{"W1D", 1}}), {});
  ASSERT_FALSE(nobody.has_value());
  EXPECT_EQ(nobody.error().code, ErrorCode::kUnknownMember);
  // The row becomes an issue of the file; the rest of the file is kept.
  ASSERT_TRUE((*w)->AddFileIssue(IssueOf(9, 1, ErrorCode::kUnknownMember)).has_value());
  ASSERT_TRUE((*w)->AddFileIssue(IssueOf(4, 2, ErrorCode::kPeriodOutside)).has_value());
  auto id =
      (*w)->Add(ReturnOf("guys", 2023, 0, {{"W1D", 1}}), {IssueOf(5, 3, ErrorCode::kWrongUnit)});
  ASSERT_TRUE(id.has_value());
  auto file_id = (*w)->Commit();
  ASSERT_TRUE(file_id.has_value());
  w->reset();

  auto subs = s->ListReturnSubmissions({}).value();
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0].member, "guys");
  // File-level issues are not the submission's, and the other way round.
  auto file_issues = s->ListReturnIssues(0, *file_id).value();
  ASSERT_EQ(file_issues.size(), 2u);
  EXPECT_EQ(file_issues[0].reject.line, 4);
  EXPECT_EQ(file_issues[0].reject.code, ErrorCode::kPeriodOutside);
  EXPECT_EQ(file_issues[1].reject.line, 9);
  EXPECT_EQ(file_issues[1].reject.code, ErrorCode::kUnknownMember);
  auto sub_issues = s->ListReturnIssues(*id, *file_id).value();
  ASSERT_EQ(sub_issues.size(), 1u);
  EXPECT_EQ(sub_issues[0].reject.code, ErrorCode::kWrongUnit);
  EXPECT_EQ(subs[0].errors, 1);
  EXPECT_TRUE(s->CheckIntegrity().has_value());
}

TEST_P(StoreConformance, ReturnIssuesAreStoredAndListedInRowOrder) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginReturnImport(ReturnFileOf("issues"));
  ASSERT_TRUE(w.has_value());
  store::ReturnIssue levy = IssueOf(9, 2, ErrorCode::kLevyOverHalf, true);
  levy.reject.message = "transfers are 62% of the levy funds";
  levy.reject.raw = "Tiny Bakery|9000.00";
  auto id = (*w)->Add(
      ReturnOf("lambeth", 2024, 0, {{"W1D", 1}}),
      {levy, IssueOf(3, 5, ErrorCode::kSubCountAboveTotal), IssueOf(3, 1, ErrorCode::kMissingNote),
       IssueOf(12, 0, ErrorCode::kProjectClaimed)});
  ASSERT_TRUE(id.has_value());
  ASSERT_TRUE((*w)->Commit().has_value());
  w->reset();
  auto issues = s->ListReturnIssues(*id).value();
  ASSERT_EQ(issues.size(), 4u);
  EXPECT_EQ(issues[0].reject.line, 3);
  EXPECT_EQ(issues[0].reject.column, 1);
  EXPECT_EQ(issues[0].reject.code, ErrorCode::kMissingNote);
  EXPECT_FALSE(issues[0].warning);
  EXPECT_EQ(issues[1].reject.column, 5);
  EXPECT_EQ(issues[1].reject.code, ErrorCode::kSubCountAboveTotal);
  EXPECT_EQ(issues[2].reject.line, 9);
  EXPECT_EQ(issues[2].reject.code, ErrorCode::kLevyOverHalf);
  EXPECT_TRUE(issues[2].warning);
  EXPECT_EQ(issues[2].reject.message, "transfers are 62% of the levy funds");
  EXPECT_EQ(issues[2].reject.raw, "Tiny Bakery|9000.00");
  EXPECT_EQ(issues[3].reject.code, ErrorCode::kProjectClaimed);
  auto subs = s->ListReturnSubmissions({}).value();
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0].errors, 3);
  EXPECT_EQ(subs[0].warnings, 1);
  EXPECT_TRUE(s->ListReturnIssues(*id + 1).value().empty());
}

TEST_P(StoreConformance, ReturnSubmissionsAreFilteredByYearMemberAndHistory) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  {
    auto w = s->BeginReturnImport(ReturnFileOf("f1"));
    ASSERT_TRUE(w.has_value());
    for (const auto& [member, fy, q] :
         std::vector<std::tuple<std::string, int, int>>{{"guys", 2024, 0},
                                                        {"lambeth", 2024, 2},
                                                        {"lambeth", 2023, 0},
                                                        {"lambeth", 2024, 1},
                                                        {"guys", 2023, 0},
                                                        {"lambeth", 2024, 1}}) {
      ASSERT_TRUE((*w)->Add(ReturnOf(member, fy, q, {{"W1D", 1}}), {}).has_value());
    }
    ASSERT_TRUE((*w)->Commit().has_value());
  }
  EXPECT_EQ(Periods(s->ListReturnSubmissions({}).value()),
            (std::vector<std::string>{"lambeth 2023 0", "lambeth 2024 1", "lambeth 2024 2",
                                      "guys 2023 0", "guys 2024 0"}));
  store::ReturnFilter f;
  f.financial_year = 2024;
  EXPECT_EQ(Periods(s->ListReturnSubmissions(f).value()),
            (std::vector<std::string>{"lambeth 2024 1", "lambeth 2024 2", "guys 2024 0"}));
  f.member = "lambeth";
  EXPECT_EQ(Periods(s->ListReturnSubmissions(f).value()),
            (std::vector<std::string>{"lambeth 2024 1", "lambeth 2024 2"}));
  f.history = true;
  EXPECT_EQ(Periods(s->ListReturnSubmissions(f).value()),
            (std::vector<std::string>{"lambeth 2024 1", "lambeth 2024 1", "lambeth 2024 2"}));
  f.financial_year = 0;
  f.member = "guys";
  f.history = false;
  EXPECT_EQ(Periods(s->ListReturnSubmissions(f).value()),
            (std::vector<std::string>{"guys 2023 0", "guys 2024 0"}));
  f.member = "nobody";
  EXPECT_TRUE(s->ListReturnSubmissions(f).value().empty());
  f.member = "";
  f.financial_year = 2019;
  EXPECT_TRUE(s->ListReturnSubmissions(f).value().empty());
}

TEST_P(StoreConformance, MembersWithReturnsCannotBeRemoved) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginReturnImport(ReturnFileOf("g"));
  ASSERT_TRUE(w.has_value());
  ASSERT_TRUE((*w)->Add(ReturnOf("guys", 2023, 0, {{"W1D", 1}}), {}).has_value());
  ASSERT_TRUE((*w)->Commit().has_value());
  w->reset();
  core::Network smaller = Network();
  smaller.members.pop_back();
  auto saved = s->SaveNetwork(smaller, "");
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::kConfigInvalid);
  EXPECT_EQ(s->ListReturnSubmissions({}).value().size(), 1u);
}

TEST_P(StoreConformance, ReturnsSurviveReopening) {
  std::int64_t id = 0;
  {
    auto s = OpenWithNetwork();
    ASSERT_NE(s, nullptr);
    auto w = s->BeginReturnImport(ReturnFileOf("r"));
    ASSERT_TRUE(w.has_value());
    id = (*w)->Add(ReturnOf("lambeth", 2023, 3, {{"W1D", 7}, {"W4", 2}}), {}).value();
    ASSERT_TRUE((*w)->Commit().has_value());
  }
  auto s = Open();
  ASSERT_NE(s, nullptr);
  auto ret = s->LoadReturn(id).value();
  EXPECT_EQ(ret.quarter, 3);
  ASSERT_EQ(ret.figures.size(), 2u);
  EXPECT_EQ(ret.figures[1].measure, "W4");
  EXPECT_TRUE(s->FindReturnFile("r").value().has_value());
}

}  // namespace
}  // namespace anchornet::store_test
