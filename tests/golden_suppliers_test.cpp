// Golden cases for supplier resolution and the measures over real files: a network whose members
// are the real GLA, Lambeth and Hyndburn payment files of ../shared/data/spend
// (golden/network_real.toml), with the real registers of ../shared/data/registers and the bundled
// data/public_bodies_uk.csv. The workspace is built through the library (ImportSpendFile,
// ImportRegisterFile, ResolveSuppliers, ComputeMeasures) once for the suite.
//
// The expected figures in golden/suppliers_expected.json were worked out independently by
// golden/compute_suppliers.py (Python standard library, from the documented rules: name keys,
// personal payees, grouping, register matching, fact precedence, S1/S2 rules), which reads the
// same files itself. Regenerate with
//     python3 tests/golden/compute_suppliers.py ../shared/data >
//     tests/golden/suppliers_expected.json
// and review the diff. Counts and pence are compared exactly.
//
// metric: S1 S2 S6
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/supplier.h"
#include "ingest/importer.h"
#include "ingest/network_file.h"
#include "ingest/registers.h"
#include "metrics/measures.h"
#include "resolve/resolver.h"
#include "store/store.h"
#include "test_util.h"

namespace anchornet {
namespace {

using nlohmann::json;
using testing::SharedData;

std::string SourcePath(const std::string& relative) {
  return std::string(ANCHORNET_SOURCE_DIR) + "/" + relative;
}

const json& Expected() {
  static const json expected =
      json::parse(testing::ReadFile(SourcePath("tests/golden/suppliers_expected.json")));
  return expected;
}

// A payment line count and sum, as the expected file writes them.
struct Sum {
  std::int64_t lines = 0;
  core::Pence pence = 0;
  bool operator==(const Sum&) const = default;
};

Sum SumOf(const json& j) {
  return {j.at("lines").get<std::int64_t>(), j.at("pence").get<core::Pence>()};
}

void PrintTo(const Sum& s, std::ostream* os) { *os << s.lines << " lines, " << s.pence << "p"; }

// The workspace, built once: every spend file, every register, resolved, measured.
struct Workspace {
  std::filesystem::path dir;
  core::Network network;
  std::unique_ptr<store::Store> store;
  std::vector<std::string> import_errors;
  resolve::ResolveSummary resolved;
  metrics::MeasureReport report;
  std::vector<store::SupplierRecord> suppliers;  // without detail: the figures
  std::vector<std::int32_t> payee_supplier;      // payee id -> index into suppliers
  std::vector<store::PayeeRecord> payees;
  // (member, payee name) -> supplier index
  std::map<std::pair<std::string, std::string>, std::int32_t> by_payee;
  // Per member: payment lines to suppliers that are public bodies, and to personal payees.
  std::map<std::string, Sum> public_body_lines, personal_lines;
};

void Build(Workspace& w) {
  const json& e = Expected();
  w.dir = std::filesystem::path(::testing::TempDir()) / "anchornet-GoldenSuppliers";
  std::filesystem::remove_all(w.dir);
  std::filesystem::create_directories(w.dir);
  auto parsed = ingest::ReadNetworkFile(SourcePath(e.at("network_file").get<std::string>()));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  ASSERT_TRUE(parsed->problems.empty());
  w.network = parsed->network;
  w.store = testing::NewStore((w.dir / "w.db").string(), w.network);
  ASSERT_NE(w.store, nullptr);

  const std::string data = SharedData();
  for (const auto& [member, files] : e.at("spend_files").items()) {
    for (const json& f : files) {
      auto s =
          ingest::ImportSpendFile(*w.store, w.network, member, data + "/" + f.get<std::string>());
      if (!s) w.import_errors.push_back(s.error().ToString());
    }
  }
  for (const json& r : e.at("registers")) {
    const std::string kind = r[0].get<std::string>();
    const std::string name = r[1].get<std::string>();
    const std::string path =
        name.rfind("project:", 0) == 0 ? SourcePath(name.substr(8)) : data + "/" + name;
    auto s = ingest::ImportRegisterFile(*w.store, w.network, kind, path, {});
    if (!s) w.import_errors.push_back(s.error().ToString());
  }

  auto resolved = resolve::ResolveSuppliers(*w.store);
  ASSERT_TRUE(resolved.has_value()) << resolved.error().ToString();
  w.resolved = *resolved;
  metrics::ReportQuery query;
  query.top_suppliers = std::numeric_limits<std::int64_t>::max();  // every supplier's S2
  auto report = metrics::ComputeMeasures(*w.store, query);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  w.report = std::move(*report);

  auto suppliers = w.store->LoadSuppliers(false);
  ASSERT_TRUE(suppliers.has_value());
  w.suppliers = std::move(*suppliers);
  auto index = w.store->PayeeSupplierIndex();
  ASSERT_TRUE(index.has_value());
  w.payee_supplier = std::move(*index);
  auto payees = w.store->ListPayees();
  ASSERT_TRUE(payees.has_value());
  w.payees = std::move(*payees);
  for (const store::PayeeRecord& p : w.payees) {
    ASSERT_LT(static_cast<std::size_t>(p.id), w.payee_supplier.size());
    w.by_payee.emplace(std::make_pair(p.member, p.name),
                       w.payee_supplier[static_cast<std::size_t>(p.id)]);
  }

  // Lines by what their supplier is, straight from the stored lines.
  auto scanned = w.store->ScanLines(
      "", std::nullopt, std::nullopt, [&](const store::Store::LineBatch& b) -> core::Status {
        for (std::size_t i = 0; i < b.amount.size(); ++i) {
          const auto payee = static_cast<std::size_t>(b.payee_id[i]);
          const std::int32_t s = payee < w.payee_supplier.size() ? w.payee_supplier[payee] : -1;
          if (s < 0) continue;
          const store::SupplierRecord& r = w.suppliers[static_cast<std::size_t>(s)];
          Sum* sum = r.personal                                     ? &w.personal_lines[b.member]
                     : r.public_body != core::PublicBodyKind::kNone ? &w.public_body_lines[b.member]
                                                                    : nullptr;
          if (sum == nullptr) continue;
          ++sum->lines;
          sum->pence += b.amount[i];
        }
        return {};
      });
  ASSERT_TRUE(scanned.has_value()) << scanned.error().ToString();
}

// "" when `actual` and `expected` hold the same keys, else what differs.
std::string Difference(const std::set<std::string>& actual, const std::set<std::string>& expected) {
  std::string out;
  for (const std::string& k : actual) {
    if (!expected.count(k)) out += "\n  not expected: " + k;
  }
  for (const std::string& k : expected) {
    if (!actual.count(k)) out += "\n  missing: " + k;
  }
  return out;
}

class GoldenSuppliers : public ::testing::Test {
 protected:
  static void TearDownTestSuite() {
    if (workspace_) {
      workspace_->store.reset();
      std::filesystem::remove_all(workspace_->dir);
      workspace_.reset();
    }
  }

  void SetUp() override {
    if (SharedData().empty()) return;  // each test skips, saying why
    ASSERT_FALSE(build_failed_) << "the golden workspace could not be built (see the first test)";
    if (!workspace_) {
      workspace_ = std::make_unique<Workspace>();
      Build(*workspace_);
      build_failed_ = HasFatalFailure();
      ASSERT_FALSE(build_failed_) << "the golden workspace could not be built";
    }
  }

  // The supplier a payee of `member` spelt `payee` resolved to.
  static const store::SupplierRecord* SupplierOf(const std::string& member,
                                                 const std::string& payee) {
    auto it = workspace_->by_payee.find({member, payee});
    if (it == workspace_->by_payee.end() || it->second < 0) return nullptr;
    return &workspace_->suppliers[static_cast<std::size_t>(it->second)];
  }

  // A measure summed over every financial year (quarter 0 scopes) of a member, or the network.
  template <typename F>
  static Sum OverYears(const std::string& member, F field) {
    Sum sum;
    for (const metrics::ScopeValues& s : workspace_->report.scopes) {
      if (s.member != member || s.period.quarter != 0) continue;
      const metrics::Amount a = field(s.values);
      sum.lines += a.lines;
      sum.pence += a.pence;
    }
    return sum;
  }

  static Sum BridgeStep(const std::string& member, const std::string& rule) {
    return OverYears(member, [&](const metrics::MeasureValues& v) {
      metrics::Amount a;
      for (const metrics::BridgeStep& b : v.bridge) {
        if (b.rule == rule) a.Add(b.amount);
      }
      return a;
    });
  }

  static std::unique_ptr<Workspace> workspace_;
  static bool build_failed_;
};

std::unique_ptr<Workspace> GoldenSuppliers::workspace_;
bool GoldenSuppliers::build_failed_ = false;

TEST_F(GoldenSuppliers, ImportsEveryFileAndRegister) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  const Workspace& w = *workspace_;
  EXPECT_TRUE(w.import_errors.empty()) << ::testing::PrintToString(w.import_errors);
  for (const auto& [member, m] : Expected().at("members").items()) {
    EXPECT_EQ(OverYears(member, [](const auto& v) { return v.t1; }), SumOf(m.at("t1")))
        << "T1 of " << member;
  }
  EXPECT_EQ(static_cast<std::int64_t>(w.payees.size()),
            Expected().at("payees").get<std::int64_t>());
}

TEST_F(GoldenSuppliers, ResolvesPayeesIntoSuppliers) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  const Workspace& w = *workspace_;
  const json& e = Expected();
  EXPECT_EQ(w.resolved.payees, e.at("payees").get<std::int64_t>());
  EXPECT_EQ(w.resolved.suppliers, e.at("suppliers").get<std::int64_t>());
  EXPECT_EQ(static_cast<std::int64_t>(w.suppliers.size()), e.at("suppliers").get<std::int64_t>());

  std::int64_t by_register_name = 0, by_public_record = 0;
  std::vector<const store::SupplierRecord*> ambiguous;
  for (const store::SupplierRecord& s : w.suppliers) {
    if (s.ambiguous) ambiguous.push_back(&s);
    if (s.match_method != "register-name") continue;
    const bool public_record = s.register_scheme == "GB-PUB" || s.register_scheme == "GB-NHS";
    ++(public_record ? by_public_record : by_register_name);
  }
  EXPECT_EQ(by_register_name, e.at("suppliers_by_register_name").get<std::int64_t>())
      << "suppliers matched to a company or charity by unique exact name";
  EXPECT_EQ(by_public_record, e.at("suppliers_by_public_body_record").get<std::int64_t>())
      << "suppliers matched to a public-body list or NHS record by name or alias";
  ASSERT_EQ(ambiguous.size(), e.at("suppliers_ambiguous").size());
  for (const json& a : e.at("suppliers_ambiguous")) {
    const auto* s = SupplierOf(a.at("member"), a.at("payee"));
    ASSERT_NE(s, nullptr) << a;
    EXPECT_TRUE(s->ambiguous) << a;
  }

  // Personal and redacted payees are one supplier.
  const std::vector<std::string> personal = e.at("personal_payees");
  std::int64_t personal_suppliers = 0;
  for (const store::SupplierRecord& s : w.suppliers) personal_suppliers += s.personal;
  EXPECT_EQ(personal_suppliers, personal.empty() ? 0 : 1);
  std::vector<std::string> personal_names;
  for (const store::PayeeRecord& p : w.payees) {
    if (p.kind == core::PayeeKind::kPersonal) personal_names.push_back(p.name);
  }
  std::sort(personal_names.begin(), personal_names.end());
  EXPECT_EQ(personal_names, personal);
}

TEST_F(GoldenSuppliers, RecognisesPublicBodyAndPersonalPayments) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  const Workspace& w = *workspace_;
  const json& e = Expected();
  for (const auto& [member, m] : e.at("members").items()) {
    EXPECT_EQ(w.public_body_lines.count(member) ? w.public_body_lines.at(member) : Sum{},
              SumOf(m.at("public_body")))
        << "payments of " << member << " to public bodies (other members included)";
    EXPECT_EQ(w.personal_lines.count(member) ? w.personal_lines.at(member) : Sum{},
              SumOf(m.at("personal")))
        << "payments of " << member << " to personal or redacted payees";
  }
  std::map<std::string, std::int64_t> kinds;
  for (const store::SupplierRecord& s : w.suppliers) {
    if (s.public_body != core::PublicBodyKind::kNone) {
      ++kinds[std::string(core::PublicBodyKindName(s.public_body))];
    }
  }
  EXPECT_EQ(json(kinds), e.at("public_body_suppliers"));
  std::set<std::string> actual, expected;
  for (const store::SupplierRecord& s : w.suppliers) {
    if (s.public_body != core::PublicBodyKind::kNone) actual.insert(s.key);
  }
  for (const json& b : e.at("public_bodies")) {
    const auto* s = SupplierOf(b.at("member"), b.at("payee"));
    ASSERT_NE(s, nullptr) << b;
    expected.insert(s->key);
    EXPECT_EQ(core::PublicBodyKindName(s->public_body), b.at("kind").get<std::string>())
        << b.at("member") << " pays '" << b.at("payee") << "' (supplier " << s->key << ")";
  }
  EXPECT_EQ(Difference(actual, expected), "") << "suppliers that are public bodies";
}

TEST_F(GoldenSuppliers, FindsVcseSuppliersThroughCharityCrosswalks) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  const Workspace& w = *workspace_;
  const json& e = Expected();
  std::int64_t vcse = 0, vcse_no = 0;
  std::set<std::string> actual, expected;
  for (const store::SupplierRecord& s : w.suppliers) {
    vcse += s.vcse == core::Known::kYes;
    vcse_no += s.vcse == core::Known::kNo;
    if (s.vcse == core::Known::kYes) actual.insert(s.key + " (" + s.name + ")");
  }
  EXPECT_EQ(vcse, e.at("vcse_suppliers").get<std::int64_t>());
  EXPECT_EQ(vcse_no, e.at("vcse_no_suppliers").get<std::int64_t>());
  std::int64_t with_s2 = 0;
  std::map<std::string, core::Pence> s2_by_key;  // every supplier with S2 lines
  for (const metrics::SupplierSpend& sp : w.report.top_suppliers) {
    const store::SupplierRecord& s = w.report.suppliers[static_cast<std::size_t>(sp.supplier)];
    s2_by_key[s.key] = sp.s2.pence;
    with_s2 += sp.s2.pence > 0 && s.vcse == core::Known::kYes;
  }
  EXPECT_EQ(with_s2, e.at("vcse_suppliers_with_s2").get<std::int64_t>());
  for (const json& v : e.at("vcse")) {
    const auto* s = SupplierOf(v.at("member"), v.at("payee"));
    ASSERT_NE(s, nullptr) << v;
    expected.insert(s->key + " (" + s->name + ")");
    EXPECT_EQ(s->vcse, core::Known::kYes) << v;
    const std::string reg = s->match_method == "register-name"
                                ? s->register_scheme + "-" + s->register_id
                                : std::string();
    EXPECT_EQ(reg, v.at("register").get<std::string>()) << v;
    EXPECT_EQ(s2_by_key.count(s->key) ? s2_by_key.at(s->key) : 0,
              v.at("s2_pence").get<core::Pence>())
        << "S2 of " << s->key << " " << v;  // metric: S6
  }
  EXPECT_EQ(Difference(actual, expected), "") << "VCSE suppliers";
}

TEST_F(GoldenSuppliers, MeasuresMatchIndependentFigures) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  const json& e = Expected();
  for (const auto& [member, m] : e.at("members").items()) {
    SCOPED_TRACE("member " + member);
    EXPECT_EQ(OverYears(member, [](const auto& v) { return v.s1; }), SumOf(m.at("s1")));  // S1
    EXPECT_EQ(OverYears(member, [](const auto& v) { return v.s2; }), SumOf(m.at("s2")));  // S2
    for (const auto& [rule, amount] : m.at("bridge").items()) {
      EXPECT_EQ(BridgeStep(member, rule), SumOf(amount)) << "bridge step " << rule;
    }
    EXPECT_EQ(OverYears(member, [](const auto& v) { return v.vcse; }), SumOf(m.at("vcse")));  // S6
    EXPECT_EQ(OverYears(member, [](const auto& v) { return v.vcse_known; }),
              SumOf(m.at("vcse_known")))
        << "S6 basis coverage (VCSE status known)";
    EXPECT_EQ(OverYears(member, [](const auto& v) { return v.size_known(); }),
              SumOf(m.at("size_known")))
        << "size coverage";
  }
  const json& n = e.at("network");
  EXPECT_EQ(OverYears("", [](const auto& v) { return v.t1; }), SumOf(n.at("t1")));
  EXPECT_EQ(OverYears("", [](const auto& v) { return v.s1; }), SumOf(n.at("s1")));
  EXPECT_EQ(OverYears("", [](const auto& v) { return v.s2; }), SumOf(n.at("s2")));
  EXPECT_EQ(BridgeStep("", "between-members"), SumOf(n.at("between_members")));
  EXPECT_EQ(OverYears("", [](const auto& v) { return v.vcse; }), SumOf(n.at("vcse")));
  EXPECT_EQ(OverYears("", [](const auto& v) { return v.vcse_known; }), SumOf(n.at("vcse_known")));
  const Sum size_known = OverYears("", [](const auto& v) { return v.size_known(); });
  EXPECT_EQ(size_known.pence, e.at("size_known_pence").get<core::Pence>())
      << "size coverage: no source in this network gives a size";
}

// Aliases read back with a supplier are the spellings of its payees.
TEST_F(GoldenSuppliers, AliasesAreThePayeesSpellings) {
  ANCHORNET_REQUIRE_SHARED_DATA();
  const Workspace& w = *workspace_;
  auto detailed = w.store->LoadSuppliers(true);
  ASSERT_TRUE(detailed.has_value());
  ASSERT_EQ(detailed->size(), w.suppliers.size());
  std::map<std::int64_t, std::string> payee_names;
  for (const store::PayeeRecord& p : w.payees) payee_names[p.id] = p.name;
  std::size_t checked = 0;
  for (const store::SupplierRecord& s : *detailed) {
    std::set<std::string> names;
    for (std::int64_t id : s.payee_ids) names.insert(payee_names[id]);
    const std::set<std::string> aliases(s.aliases.begin(), s.aliases.end());
    EXPECT_EQ(aliases, names) << s.key;
    if (aliases != names && ++checked > 5) break;  // a few are enough to show the fault
  }
}

}  // namespace
}  // namespace anchornet
