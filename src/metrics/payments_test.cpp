// Tests of the drill-down (metrics/payments.h) and spend by place (metrics/place.h).
//
// The invariant (docs/metrics.md, "Drill-down"): over the synthetic demo network (22 members,
// payments between members, member-specific rules, personal payees, suppliers of every kind and
// of unknown size), for every measure and breakdown, every scope and every period, the lines
// PaymentsBehind returns add up, to the penny and the line, to the figure ComputeMeasures
// reports; also with the public-bodies rule switched off (payments to other members then stay in
// members' S2 and leave the network's) and under a line filter. Then paging, sorting and the
// rows' source details over the small hand-made workspace of measures_test.cpp's kind.
//
// metric: T1 S1 S2 S3 S3L S4 S6 S7 S7b S8 S7LA
#include "metrics/payments.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/text.h"
#include "demo/demo.h"
#include "metrics/place.h"
#include "store/store.h"
#include "test_util.h"

namespace anchornet::metrics {
namespace {

namespace fs = std::filesystem;

constexpr core::Pence P(std::int64_t pounds) { return pounds * 100; }

// Under AddressSanitizer every PaymentsBehind scan is ~10x slower: the sanitizer build of the fast
// tier checks the invariant on the latest financial year only (the release build, every year).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

Amount Minus(const Amount& a, const Amount& b) { return {a.pence - b.pence, a.lines - b.lines}; }

// The figure ComputeMeasures reports for (measure, breakdown), as the report renderers derive
// it (src/report/measures_report.cpp); empty for a bridge rule with no step.
std::optional<Amount> Figure(const MeasureValues& v, const std::string& measure,
                             const std::string& breakdown) {
  auto band = [&](core::SizeBand b) { return v.by_size[static_cast<int>(b)]; };
  if (measure == "T1") return v.t1;
  if (measure == "S1") return v.s1;
  if (measure == "S2") return v.s2;
  if (measure == "S3") {
    if (breakdown.empty()) return v.msme;
    return band(*core::ParseSizeBand(breakdown));
  }
  if (measure == "S3L") return v.msme_local;
  if (measure == "S4") {
    if (breakdown.empty()) return v.diverse_any;
    if (breakdown == "certified") return v.diverse_certified;
    if (breakdown == "self_declared") return v.diverse_self_declared;
    if (breakdown == "unknown") return Minus(v.s2, v.diverse_known);
    for (int bit = 0; bit < core::kDiverseFlagCount; ++bit) {
      if (breakdown == core::DiverseFlagName(bit)) return v.diverse_by_flag[bit];
    }
  }
  if (measure == "S6") return breakdown.empty() ? v.vcse : Minus(v.s2, v.vcse_known);
  if (measure == "S7") {
    const Amount known{v.local.pence + v.outside.pence, v.local.lines + v.outside.lines};
    return breakdown.empty() ? v.local : Minus(v.s2, known);
  }
  if (measure == "S7b") return v.outside;
  if (measure == "S8") {
    if (breakdown == "decile_1") return v.deprived_1;
    if (breakdown == "decile_12") return v.deprived_12;
    return Minus(v.s2, v.lsoa_known);
  }
  if (measure == "excluded") {
    if (breakdown.empty()) return Minus(v.t1, v.s2);
    std::optional<Amount> sum;
    for (const BridgeStep& s : v.bridge) {
      if (s.rule != breakdown) continue;
      if (!sum) sum = Amount{};
      sum->Add(s.amount);
    }
    return sum;
  }
  ADD_FAILURE() << "no figure for " << measure << " " << breakdown;
  return std::nullopt;
}

// The demo network, generated and imported once for the suite.
class PaymentsDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new std::string(
        (fs::path(::testing::TempDir()) / ("anchornet_payments_" + std::to_string(::getpid())))
            .string());
    fs::remove_all(*root_);
    fs::create_directories(*root_);
    auto opened = store::Store::Open("sqlite:" + *root_ + "/demo.db");
    ASSERT_TRUE(opened) << opened.error().ToString();
    store_ = opened->release();
    demo::DemoOptions options;
    options.dir = *root_ + "/files";
    options.total_lines = 4'000;
    options.seed = 11;
    options.threads = 2;
    auto imported = demo::GenerateDemo(store_, options);
    ASSERT_TRUE(imported) << imported.error().ToString();
    network_ = new core::Network(imported->network);
  }

  static void TearDownTestSuite() {
    delete network_;
    delete store_;
    std::error_code ec;
    fs::remove_all(*root_, ec);
    delete root_;
    network_ = nullptr;
    store_ = nullptr;
    root_ = nullptr;
  }

  static MeasureReport Compute(const ReportQuery& q = {}) {
    auto r = ComputeMeasures(*store_, q);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().ToString());
    return r ? std::move(*r) : MeasureReport{};
  }

  static Amount Behind(PaymentsQuery q) {
    q.limit = 1;
    auto page = PaymentsBehind(*store_, q);
    EXPECT_TRUE(page.has_value()) << (page ? "" : page.error().ToString());
    return page ? page->total : Amount{0, -1};
  }

  // Every (measure, breakdown) of PaymentsFigures and every bridge rule, for every scope and
  // period the report has that `check` selects, compared with PaymentsBehind.
  static void ExpectInvariant(const MeasureReport& r, const LineFilter& filter,
                              const std::function<bool(const ScopeValues&)>& check) {
    std::set<std::string> rule_ids;
    for (const AppliedRule& rule : r.rules) rule_ids.insert(rule.id);
    int compared = 0;
    const int latest = r.financial_years.empty() ? 0 : r.financial_years.back();
    for (const ScopeValues& s : r.scopes) {
      if (!check(s)) continue;
      if (kSanitized && s.period.financial_year != latest) continue;
      std::vector<std::pair<std::string, std::string>> figures = PaymentsFigures();
      for (const std::string& id : rule_ids) figures.emplace_back("excluded", id);
      for (const auto& [measure, breakdown] : figures) {
        std::optional<Amount> expected = Figure(s.values, measure, breakdown);
        // A member's bridge has no between-members step: no lines behind it.
        if (!expected) expected = Amount{};
        PaymentsQuery q;
        q.measure = measure;
        q.breakdown = breakdown;
        q.member = s.member;
        q.financial_year = s.period.financial_year;
        q.quarter = s.period.quarter;
        q.filter = filter;
        const Amount got = Behind(q);
        const std::string where = fmt::format("{} {} {} FY {} Q{}", measure, breakdown,
                                              s.member.empty() ? "network" : s.member,
                                              s.period.financial_year, s.period.quarter);
        EXPECT_EQ(got.pence, expected->pence) << where;
        EXPECT_EQ(got.lines, expected->lines) << where;
        ++compared;
      }
    }
    EXPECT_GT(compared, kSanitized ? 30 : 100);
  }

  static std::string* root_;
  static store::Store* store_;
  static core::Network* network_;
};

std::string* PaymentsDemoTest::root_ = nullptr;
store::Store* PaymentsDemoTest::store_ = nullptr;
core::Network* PaymentsDemoTest::network_ = nullptr;

// The network at every period; three members (a council, a trust with its own rules, a transport
// body) at every year. The other members go through the same code; each PaymentsBehind call
// reads the whole store, so checking every scope would make this the slowest test by far.
bool YearsEverywhereQuartersForSome(const ScopeValues& s) {
  return s.member.empty() ||
         (s.period.quarter == 0 && (s.member == "council-ashby" || s.member == "nhs-northbank" ||
                                    s.member == "transport-capital"));
}

TEST_F(PaymentsDemoTest, EveryFigureEqualsTheLinesBehindIt) {
  const MeasureReport r = Compute();
  ASSERT_GE(r.financial_years.size(), 2u);
  // The demo exercises what the invariant is about.
  const MeasureValues* n = r.Find("", r.financial_years[1], 0);
  ASSERT_NE(n, nullptr);
  EXPECT_GT(Figure(*n, "excluded", "between-members").value_or(Amount{}).lines, 0);
  EXPECT_GT(Figure(*n, "excluded", "personal-payees").value_or(Amount{}).lines, 0);
  EXPECT_GT(n->by_size[static_cast<int>(core::SizeBand::kUnknown)].lines, 0);
  EXPECT_GT(n->msme.lines, 0);
  EXPECT_GT(n->vcse.lines, 0);
  EXPECT_GT(n->local.lines, 0);
  EXPECT_GT(n->outside.lines, 0);
  EXPECT_GT(n->deprived_1.lines, 0);
  EXPECT_GT(n->diverse_any.lines, 0);
  ExpectInvariant(r, {}, YearsEverywhereQuartersForSome);
}

TEST_F(PaymentsDemoTest, EveryYearAtOnceEqualsTheSumOfTheYears) {
  const MeasureReport r = Compute();
  for (const std::string member : {"", "council-ashby"}) {
    Amount s2, t1;
    for (int fy : r.financial_years) {
      s2.Add(r.Find(member, fy, 0)->s2);
      t1.Add(r.Find(member, fy, 0)->t1);
    }
    PaymentsQuery q;
    q.measure = "S2";
    q.member = member;
    EXPECT_EQ(Behind(q).pence, s2.pence) << member;
    EXPECT_EQ(Behind(q).lines, s2.lines) << member;
    q.measure = "T1";
    EXPECT_EQ(Behind(q).pence, t1.pence) << member;
  }
}

// A headline over several years (the MSME goal's years so far) drills to a range of years.
TEST_F(PaymentsDemoTest, ARangeOfYearsEqualsTheSumOfItsYears) {
  const MeasureReport r = Compute();
  ASSERT_GE(r.financial_years.size(), 3u);
  const int first = r.financial_years[1];
  const int last = r.financial_years[2];
  Amount msme;
  for (int fy : {first, last}) msme.Add(r.Find("", fy, 0)->msme);
  PaymentsQuery q;
  q.measure = "S3";
  q.financial_year = first;
  q.to_financial_year = last;
  EXPECT_EQ(Behind(q).pence, msme.pence);
  EXPECT_EQ(Behind(q).lines, msme.lines);
  EXPECT_NE(Behind(q).pence, r.Find("", last, 0)->msme.pence);  // the range, not the last year
}

TEST_F(PaymentsDemoTest, UnderALineFilter) {
  for (const auto& [size, geography, category] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"msme", "", ""}, {"unknown", "inside", ""}, {"", "outside", ""},
           {"", "", "services"}, {"large", "E09000001", ""}, {"", "unknown", "recharge*"}}) {
    auto filter = ParseLineFilter(size, geography, category);
    ASSERT_TRUE(filter) << filter.error().ToString();
    ReportQuery q;
    q.filter = *filter;
    const MeasureReport r = Compute(q);
    EXPECT_TRUE(r.filtered);
    EXPECT_TRUE(r.goals.empty());
    ExpectInvariant(r, *filter, [](const ScopeValues& s) {
      return s.member.empty() ? s.period.quarter == 0 : s.member == "council-ashby" &&
                                                           s.period.quarter == 1;
    });
  }
}

TEST_F(PaymentsDemoTest, WithPaymentsToOtherMembersKeptInMembersS2) {
  core::Network changed = *network_;
  core::SpendRule off;
  off.id = "public-bodies";
  off.enabled = false;
  changed.rules.push_back(off);
  ASSERT_TRUE(store_->SaveNetwork(changed, ""));
  const MeasureReport r = Compute();
  // Members' S2 now hold payments to other members; the network's does not.
  Amount members_s2;
  const int fy = r.financial_years.back();
  for (const core::Member& m : changed.members) members_s2.Add(r.Find(m.id, fy, 0)->s2);
  EXPECT_GT(members_s2.pence - r.Find("", fy, 0)->s2.pence, 0);
  ExpectInvariant(r, {}, [](const ScopeValues& s) {
    return s.period.quarter == 0 && (s.member.empty() || s.member == "council-ashby" ||
                                     s.member == "nhs-northbank");
  });
  ASSERT_TRUE(store_->SaveNetwork(*network_, ""));
}

TEST_F(PaymentsDemoTest, SupplierRestriction) {
  const MeasureReport r = Compute();
  ASSERT_FALSE(r.top_suppliers.empty());
  const SupplierSpend& top = r.top_suppliers.front();  // S2 over every year, network-wide
  PaymentsQuery q;
  q.measure = "S2";
  q.supplier = r.suppliers[static_cast<std::size_t>(top.supplier)].key;
  EXPECT_EQ(Behind(q).pence, top.s2.pence);
  EXPECT_EQ(Behind(q).lines, top.s2.lines);
  q.measure = "T1";
  EXPECT_EQ(Behind(q).pence, top.t1.pence);
  q.supplier = "name:NO SUCH SUPPLIER";
  auto missing = PaymentsBehind(*store_, q);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

TEST_F(PaymentsDemoTest, AllRowsAddUpAndPagesFollowTheSort) {
  PaymentsQuery q;
  q.measure = "S3";
  q.member = "council-ashby";
  q.limit = 0;
  auto all = PaymentsBehind(*store_, q);
  ASSERT_TRUE(all) << all.error().ToString();
  ASSERT_GT(all->rows.size(), 20u);
  EXPECT_EQ(static_cast<std::int64_t>(all->rows.size()), all->total.lines);
  core::Pence sum = 0;
  for (const PaymentRow& row : all->rows) {
    sum += row.amount;
    EXPECT_EQ(row.member, "council-ashby");
    EXPECT_FALSE(row.file_name.empty());
    EXPECT_GT(row.row, 0);
    EXPECT_FALSE(row.payee.empty());
    EXPECT_FALSE(row.supplier_key.empty());
  }
  EXPECT_EQ(sum, all->total.pence);
  for (std::size_t i = 1; i < all->rows.size(); ++i) {
    EXPECT_GE(all->rows[i - 1].amount, all->rows[i].amount);  // amount, descending
  }
  // A page is the same slice of the same order.
  q.offset = 5;
  q.limit = 10;
  auto page = PaymentsBehind(*store_, q);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->rows.size(), 10u);
  EXPECT_EQ(page->total.pence, all->total.pence);
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_EQ(page->rows[i].file_id, all->rows[5 + i].file_id);
    EXPECT_EQ(page->rows[i].row, all->rows[5 + i].row);
  }
  // Past the end: the total, no rows.
  q.offset = all->total.lines + 3;
  auto past = PaymentsBehind(*store_, q);
  ASSERT_TRUE(past);
  EXPECT_TRUE(past->rows.empty());
  EXPECT_EQ(past->total.lines, all->total.lines);
  // By date ascending, by payee, by member.
  q.offset = 0;
  q.limit = 0;
  q.sort = "date";
  q.descending = false;
  auto by_date = PaymentsBehind(*store_, q);
  ASSERT_TRUE(by_date);
  for (std::size_t i = 1; i < by_date->rows.size(); ++i) {
    EXPECT_LE(by_date->rows[i - 1].paid_on.days, by_date->rows[i].paid_on.days);
  }
  q.sort = "payee";
  auto by_payee = PaymentsBehind(*store_, q);
  ASSERT_TRUE(by_payee);
  for (std::size_t i = 1; i < by_payee->rows.size(); ++i) {
    EXPECT_LE(core::ToLowerAscii(by_payee->rows[i - 1].payee),
              core::ToLowerAscii(by_payee->rows[i].payee));
  }
  q.member = "";
  q.measure = "excluded";
  q.breakdown = "between-members";
  q.sort = "member";
  auto by_member = PaymentsBehind(*store_, q);
  ASSERT_TRUE(by_member);
  ASSERT_FALSE(by_member->rows.empty());
  for (std::size_t i = 1; i < by_member->rows.size(); ++i) {
    EXPECT_LE(by_member->rows[i - 1].member, by_member->rows[i].member);
  }
}

TEST_F(PaymentsDemoTest, RowsAreTheSourceFilesLines) {
  PaymentsQuery q;
  q.measure = "T1";
  q.member = "council-ashby";
  q.limit = 25;
  auto page = PaymentsBehind(*store_, q);
  ASSERT_TRUE(page) << page.error().ToString();
  ASSERT_EQ(page->rows.size(), 25u);
  for (const PaymentRow& row : page->rows) {
    auto lines = store_->FileLines(row.file_id);
    ASSERT_TRUE(lines);
    const core::SpendLine* found = nullptr;
    for (const core::SpendLine& l : *lines) {
      if (l.row == row.row) found = &l;
    }
    ASSERT_NE(found, nullptr) << row.file_name << " row " << row.row;
    EXPECT_EQ(found->amount, row.amount);
    EXPECT_EQ(found->paid_on.days, row.paid_on.days);
    EXPECT_EQ(found->payee, row.payee);
    EXPECT_EQ(found->reference, row.reference);
    EXPECT_EQ(found->description, row.description);
    EXPECT_EQ(found->expense_type, row.expense_type);
  }
}

TEST_F(PaymentsDemoTest, BadQueries) {
  auto code = [](const PaymentsQuery& q) {
    auto r = PaymentsBehind(*store_, q);
    return r ? core::ErrorCode::kOk : r.error().code;
  };
  PaymentsQuery q;
  q.measure = "S5";
  EXPECT_EQ(code(q), core::ErrorCode::kUsage);
  auto r = PaymentsBehind(*store_, q);
  EXPECT_NE(r.error().message.find("S7b"), std::string::npos) << r.error().message;
  q.measure = "S3";
  q.breakdown = "huge";
  r = PaymentsBehind(*store_, q);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kUsage);
  EXPECT_NE(r.error().message.find("micro"), std::string::npos) << r.error().message;
  q.measure = "excluded";
  q.breakdown = "no-such-rule";
  r = PaymentsBehind(*store_, q);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("payroll"), std::string::npos) << r.error().message;
  q.measure = "S8";
  q.breakdown = "";
  EXPECT_EQ(code(q), core::ErrorCode::kUsage);
  q.measure = "S2";
  q.member = "nobody";
  EXPECT_EQ(code(q), core::ErrorCode::kUnknownMember);
  q.member = "";
  q.sort = "size";
  EXPECT_EQ(code(q), core::ErrorCode::kUsage);
  q.sort = "amount";
  q.quarter = 5;
  EXPECT_EQ(code(q), core::ErrorCode::kUsage);
  q.quarter = 0;
  q.limit = -1;
  EXPECT_EQ(code(q), core::ErrorCode::kUsage);
}

// metric: S7LA
TEST_F(PaymentsDemoTest, PlaceAddsUpToTheMeasures) {
  const MeasureReport r = Compute();
  const int fy = r.financial_years.back();
  for (const std::string member : {"", "council-ashby"}) {
    PlaceQuery q;
    q.financial_year = fy;
    q.member = member;
    auto place = PlaceSpend(*store_, q);
    ASSERT_TRUE(place) << place.error().ToString();
    const MeasureValues* v = r.Find(member, fy, 0);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(place->s2.pence, v->s2.pence);
    EXPECT_EQ(place->inside.pence, v->local.pence);
    EXPECT_EQ(place->outside.pence, v->outside.pence);
    EXPECT_EQ(place->unknown.pence, v->s2.pence - v->local.pence - v->outside.pence);
    // Every geography code is there; areas add up to the located S2; deciles to the area.
    std::set<std::string> codes;
    Amount located;
    for (const PlaceArea& a : place->areas) {
      codes.insert(a.code);
      located.Add(a.s2);
      Amount deciles;
      for (const Amount& d : a.by_decile) deciles.Add(d);
      EXPECT_EQ(deciles.pence, a.s2.pence) << a.code;
      EXPECT_EQ(deciles.lines, a.s2.lines) << a.code;
      EXPECT_LE(a.msme.lines, a.s2.lines) << a.code;
      const bool listed = std::find(network_->geography_codes.begin(),
                                    network_->geography_codes.end(),
                                    a.code) != network_->geography_codes.end();
      EXPECT_EQ(a.in_geography, listed) << a.code;
    }
    for (const std::string& code : network_->geography_codes) EXPECT_TRUE(codes.count(code));
    EXPECT_EQ(located.pence, place->located.pence);
    EXPECT_EQ(located.lines, place->located.lines);
    EXPECT_LE(place->located.lines, place->s2.lines);
    EXPECT_GT(place->located.pence, 0);
    // Ordered by S2, descending.
    for (std::size_t i = 1; i < place->areas.size(); ++i) {
      EXPECT_GE(place->areas[i - 1].s2.pence, place->areas[i].s2.pence);
    }
    // An area's S2 is the lines behind a GSS-code filter (same suppliers, same lines).
    const PlaceArea& biggest = place->areas.front();
    PaymentsQuery pq;
    pq.measure = "S2";
    pq.member = member;
    pq.financial_year = fy;
    auto filter = ParseLineFilter("", biggest.code, "");
    ASSERT_TRUE(filter);
    pq.filter = *filter;
    EXPECT_EQ(Behind(pq).pence, biggest.s2.pence) << biggest.code;
    pq.measure = "S3";
    EXPECT_EQ(Behind(pq).pence, biggest.msme.pence) << biggest.code;
  }
}

}  // namespace
}  // namespace anchornet::metrics
