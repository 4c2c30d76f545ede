// The Store conformance suite's fixture: every backend must pass every test written on it
// (userver *_pgtest.cpp; LevelDB ChangeOptions). The tests are split by area (network_test.cpp,
// spend_test.cpp, registers_test.cpp, suppliers_test.cpp, returns_test.cpp); the backends they
// run on are listed once, in sqlite_test.cpp's INSTANTIATE_TEST_SUITE_P. Today: SQLite.
//
// Thread-safety: test-only; one test at a time.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"
#include "test_util.h"

namespace anchornet::store_test {

using core::ErrorCode;
using testing::TempDir;

struct Backend {
  std::string name;
  std::function<std::string(const TempDir&)> url;
};

// Opens the backend named by the test parameter in a fresh directory.
class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<store::Store> Open() {
    auto s = store::Store::Open(GetParam().url(dir_));
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().ToString());
    return s ? std::move(*s) : nullptr;
  }
  std::unique_ptr<store::Store> OpenWithNetwork() {
    auto s = Open();
    if (s) {
      EXPECT_TRUE(s->SaveNetwork(Network(), "name = \"N\"").has_value());
    }
    return s;
  }
  static core::Network Network() {
    core::Network n;
    n.name = "Conformance network";
    n.geography_name = "London";
    n.geography_codes = {"E09000022", "E09000028"};
    n.members = {
        {"lambeth", "London Borough of Lambeth", core::Sector::kLocalGovernment, "E09000022"},
        {"guys", "Guy's and St Thomas'", core::Sector::kNhs, ""}};
    core::Goal g;
    g.id = "msme";
    g.measure = "S3";
    g.kind = core::GoalKind::kShare;
    g.target = 300'000;  // parts per million: 30%
    g.from_fy = 2022;
    g.to_fy = 2024;
    n.goals.push_back(g);
    n.rules.push_back({"payroll",
                       core::RuleStage::kS1,
                       core::RuleMatch::kExpenseType,
                       {"salar*", "payroll"},
                       "not third-party",
                       "",
                       true});
    return n;
  }
  static core::SpendLine Line(const std::string& payee, core::Pence amount, int day,
                              const std::string& ref = "") {
    core::SpendLine l;
    l.row = day;
    l.paid_on = core::FromCivil(2024, 5, day);
    l.amount = amount;
    l.payee = payee;
    l.reference = ref;
    l.expense_type = "Catering";
    return l;
  }
  static store::FileToImport File(const std::string& member, const std::string& hash) {
    return {member, hash + ".csv", hash, 100, "csv", "test layout"};
  }

  TempDir dir_;
};

// ---- Registers ------------------------------------------------------------------------------

inline store::RegisterOrg Org(const std::string& scheme, const std::string& id,
                              const std::string& name, const std::string& postcode = "",
                              const std::string& category = "") {
  store::RegisterOrg o;
  o.scheme = scheme;
  o.id = id;
  o.name = name;
  o.postcode = postcode;
  o.form = scheme == "GB-COH" ? "Private Limited Company" : "charity";
  o.status = "Active";
  o.account_category = category;
  return o;
}

inline store::RegisterFile RegisterFileOf(const std::string& kind, const std::string& hash,
                                          const std::string& member = "") {
  return {kind, member, hash + ".csv", hash, 10, "csv"};
}

// ---- Member returns (docs/returns.md) -------------------------------------------------------

inline store::ReturnFile ReturnFileOf(const std::string& hash, const std::string& by = "") {
  store::ReturnFile f;
  f.name = hash + ".xlsx";
  f.content_hash = hash;
  f.bytes = 2048;
  f.format = "xlsx";
  f.imported_by = by;
  return f;
}

// A return with one figure per measure given, in rows from 10.
inline core::MemberReturn ReturnOf(
    const std::string& member, int financial_year, int quarter,
    const std::vector<std::pair<std::string, std::int64_t>>& figures) {
  core::MemberReturn r;
  r.member = member;
  r.financial_year = financial_year;
  r.quarter = quarter;
  std::int64_t row = 10;
  for (const auto& [measure, value] : figures) {
    core::ReturnFigure f;
    f.measure = measure;
    f.value = value;
    f.row = row++;
    r.figures.push_back(f);
  }
  return r;
}

inline store::ReturnIssue IssueOf(std::int64_t line, std::int32_t column, ErrorCode code,
                                  bool warning = false) {
  return {{line, column, code, "issue at line " + std::to_string(line), "a|b"}, warning};
}

// Each submission's member and period, as "member fy quarter".
inline std::vector<std::string> Periods(const std::vector<store::ReturnSubmission>& subs) {
  std::vector<std::string> out;
  for (const auto& s : subs) {
    out.push_back(s.member + " " + std::to_string(s.financial_year) + " " +
                  std::to_string(s.quarter));
  }
  return out;
}

}  // namespace anchornet::store_test
