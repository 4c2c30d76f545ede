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
  EXPECT_DOUBLE_EQ(n->goals[0].target, 0.3);
  EXPECT_EQ(n->goals[0].to_fy, 2024);
  ASSERT_EQ(n->rules.size(), 1u);
  EXPECT_EQ(n->rules[0].patterns, (std::vector<std::string>{"salar*", "payroll"}));
  auto source = s->NetworkSource();
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ(*source, "name = \"N\"");
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
