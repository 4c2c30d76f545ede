// The Store conformance suite: the network, its members and the schema of a new workspace.
//
// Thread-safety: test-only.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "conformance.h"

namespace anchornet::store_test {
namespace {

TEST_P(StoreConformance, NewWorkspaceHasCurrentSchemaAndNoNetwork) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->SchemaVersion(), store::kSchemaVersion);
  auto n = s->LoadNetwork();
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(n.error().code, ErrorCode::kNoWorkspace);
}

TEST_P(StoreConformance, NetworkRoundTrips) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto n = s->LoadNetwork();
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->name, "Conformance network");
  EXPECT_EQ(n->geography_codes, (std::vector<std::string>{"E09000022", "E09000028"}));
  ASSERT_EQ(n->members.size(), 2u);
  EXPECT_EQ(n->members[0].id, "lambeth");
  EXPECT_EQ(n->members[1].sector, core::Sector::kNhs);
  ASSERT_EQ(n->goals.size(), 1u);
  EXPECT_EQ(n->goals[0].kind, core::GoalKind::kShare);
  EXPECT_EQ(n->goals[0].target, 300'000);
  EXPECT_EQ(n->goals[0].to_fy, 2024);
  ASSERT_EQ(n->rules.size(), 1u);
  EXPECT_EQ(n->rules[0].patterns, (std::vector<std::string>{"salar*", "payroll"}));
  EXPECT_EQ(n->rules[0].stage, core::RuleStage::kS1);
  EXPECT_EQ(n->rules[0].match, core::RuleMatch::kExpenseType);
  auto source = s->NetworkSource();
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ(*source, "name = \"N\"");
}

// Goal targets come back to the penny, kilogram and part per million; a rule without a match
// comes back without one.
TEST_P(StoreConformance, GoalTargetsAndRulesRoundTripExactly) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  core::Network n = Network();
  n.goals[0].target = 333'333;  // 33.3333%
  core::Goal pledge = n.goals[0];
  pledge.id = "pledge";
  pledge.kind = core::GoalKind::kCumulative;
  pledge.target = 117'000'000'001;  // £1,170,000,000.01
  core::Goal carbon = pledge;
  carbon.id = "carbon";
  carbon.measure = "E2";
  carbon.target = 60'000'123;  // 60,000.123 tonnes
  n.goals.push_back(pledge);
  n.goals.push_back(carbon);
  n.rules.push_back({"grants", core::RuleStage::kS2, std::nullopt, {}, "", "lambeth", false});
  ASSERT_TRUE(s->SaveNetwork(n, "name = \"N\"").has_value());
  auto back = s->LoadNetwork();
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  ASSERT_EQ(back->goals.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back->goals[i].kind, n.goals[i].kind) << i;
    EXPECT_EQ(back->goals[i].target, n.goals[i].target) << i;
  }
  ASSERT_EQ(back->rules.size(), 2u);
  EXPECT_EQ(back->rules[1].stage, core::RuleStage::kS2);
  EXPECT_FALSE(back->rules[1].match.has_value());
  EXPECT_FALSE(back->rules[1].enabled);
}

TEST_P(StoreConformance, MembersWithFilesCannotBeRemoved) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginImport(File("guys", "h1"));
  ASSERT_TRUE(w.has_value());
  ASSERT_TRUE((*w)->Add(Line("ACME LTD", 100, 1)).has_value());
  ASSERT_TRUE((*w)->Commit({}).has_value());
  core::Network smaller = Network();
  smaller.members.pop_back();
  auto saved = s->SaveNetwork(smaller, "");
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::kConfigInvalid);
  // A member without files can go.
  smaller = Network();
  smaller.members.erase(smaller.members.begin());
  EXPECT_TRUE(s->SaveNetwork(smaller, "").has_value());
}

TEST_P(StoreConformance, UnknownMemberIsRefused) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  auto w = s->BeginImport(File("nobody", "h"));
  ASSERT_FALSE(w.has_value());
  EXPECT_EQ(w.error().code, ErrorCode::kUnknownMember);
}

// The low-coverage threshold (network.toml `coverage_warning_below`, core/coverage.h) is kept with
// the network: the default when the file does not set it, and any fraction it sets.
TEST_P(StoreConformance, CoverageWarningBelowRoundTrips) {
  auto s = OpenWithNetwork();
  ASSERT_NE(s, nullptr);
  EXPECT_DOUBLE_EQ(s->LoadNetwork().value().coverage_warning_below,
                   core::kDefaultCoverageWarningBelow);
  for (double threshold : {0.0, 0.35, 0.125, 0.9999, 1.0}) {
    core::Network n = Network();
    n.coverage_warning_below = threshold;
    ASSERT_TRUE(s->SaveNetwork(n, "").has_value()) << threshold;
    EXPECT_DOUBLE_EQ(s->LoadNetwork().value().coverage_warning_below, threshold);
  }
  // And across reopening.
  core::Network n = Network();
  n.coverage_warning_below = 0.65;
  ASSERT_TRUE(s->SaveNetwork(n, "").has_value());
  s.reset();
  auto reopened = Open();
  ASSERT_NE(reopened, nullptr);
  EXPECT_DOUBLE_EQ(reopened->LoadNetwork().value().coverage_warning_below, 0.65);
}

}  // namespace
}  // namespace anchornet::store_test
