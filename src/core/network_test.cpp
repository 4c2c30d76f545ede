// Tests of the network's member lookup and the one "no such member" error, of its closed sets
// (goal kinds, rule stages and matches: one spelling each, read and written by one Name/Parse
// pair) and of goal targets held exactly in the base unit.
#include "core/network.h"

#include <gtest/gtest.h>

#include <string>

namespace anchornet::core {
namespace {

TEST(NetworkSpellingTest, EveryValueReadsBackFromItsName) {
  for (GoalKind k : {GoalKind::kCumulative, GoalKind::kAbsolute, GoalKind::kShare}) {
    EXPECT_EQ(ParseGoalKind(GoalKindName(k)), k);
  }
  for (RuleStage s : {RuleStage::kS1, RuleStage::kS2}) {
    EXPECT_EQ(ParseRuleStage(RuleStageName(s)), s);
  }
  for (RuleMatch m : {RuleMatch::kExpenseType, RuleMatch::kPayee, RuleMatch::kPayeeKind}) {
    EXPECT_EQ(ParseRuleMatch(RuleMatchName(m)), m);
  }
  EXPECT_EQ(GoalKindName(GoalKind::kCumulative), "cumulative");
  EXPECT_EQ(RuleStageName(RuleStage::kS1), "S1");
  EXPECT_EQ(RuleMatchName(RuleMatch::kPayeeKind), "payee-kind");
  EXPECT_EQ(RuleMatchName(std::nullopt), "");
  EXPECT_EQ(ParseGoalKind("Share"), std::nullopt);  // spellings are exact
  EXPECT_EQ(ParseRuleStage("s1"), std::nullopt);
  EXPECT_EQ(ParseRuleMatch(""), std::nullopt);
}

Goal GoalOf(std::string measure, GoalKind kind, std::int64_t target) {
  Goal g;
  g.measure = std::move(measure);
  g.kind = kind;
  g.target = target;
  return g;
}

TEST(GoalTargetTest, UnitsFollowTheMeasure) {
  EXPECT_EQ(GoalUnit(GoalOf("S3", GoalKind::kCumulative, 0)), ReturnUnit::kPounds);
  EXPECT_EQ(GoalUnit(GoalOf("E2", GoalKind::kCumulative, 0)), ReturnUnit::kTonnes);
  EXPECT_EQ(GoalUnit(GoalOf("W1", GoalKind::kCumulative, 0)), ReturnUnit::kCount);
  EXPECT_EQ(GoalUnit(GoalOf("X9", GoalKind::kCumulative, 0)), ReturnUnit::kCount);
}

TEST(GoalTargetTest, ParsesExactlyAndWritesBackTheSameText) {
  std::string why;
  EXPECT_EQ(ParseGoalTarget("1170000000.01", GoalKind::kCumulative, ReturnUnit::kPounds, &why),
            117'000'000'001);
  EXPECT_EQ(ParseGoalTarget("+0.5", GoalKind::kShare, ReturnUnit::kPounds, &why), 500'000);
  EXPECT_EQ(ParseGoalTarget("9223372036854775807", GoalKind::kCumulative, ReturnUnit::kCount, &why),
            INT64_MAX);
  EXPECT_EQ(
      ParseGoalTarget("92233720368547758.08", GoalKind::kCumulative, ReturnUnit::kPounds, &why),
      std::nullopt);
  EXPECT_EQ(why, "too large");
  EXPECT_EQ(ParseGoalTarget("1.5.0", GoalKind::kCumulative, ReturnUnit::kPounds, &why),
            std::nullopt);
  EXPECT_EQ(ParseGoalTarget(".", GoalKind::kCumulative, ReturnUnit::kPounds, &why), std::nullopt);
  EXPECT_EQ(ParseGoalTarget("inf", GoalKind::kCumulative, ReturnUnit::kPounds, &why), std::nullopt);
  EXPECT_EQ(ParseGoalTarget("10.500", GoalKind::kCumulative, ReturnUnit::kPounds, &why), 1'050);

  EXPECT_EQ(FormatGoalTarget(GoalOf("S3", GoalKind::kCumulative, 117'000'000'001)),
            "1170000000.01");
  EXPECT_EQ(FormatGoalTarget(GoalOf("S3", GoalKind::kCumulative, 1'080'000'000'000)),
            "10800000000.0");
  EXPECT_EQ(FormatGoalTarget(GoalOf("S3", GoalKind::kShare, 300'000)), "0.3");
  EXPECT_EQ(FormatGoalTarget(GoalOf("W1", GoalKind::kCumulative, 18'000)), "18000.0");
  EXPECT_EQ(FormatGoalTarget(GoalOf("E2", GoalKind::kCumulative, 60'000'125)), "60000.125");
  EXPECT_DOUBLE_EQ(GoalTargetInUnit(GoalOf("S3", GoalKind::kShare, 300'000)), 0.3);
  EXPECT_DOUBLE_EQ(GoalTargetInUnit(GoalOf("E2", GoalKind::kCumulative, 60'000'125)), 60000.125);
  // The double JSON shows is the one the written decimal names.
  EXPECT_EQ(GoalTargetInUnit(GoalOf("S3", GoalKind::kCumulative, 117'000'000'001)), 1170000000.01);
}

TEST(NetworkTest, RequireMemberFindsAMember) {
  Network n;
  n.members.push_back(Member{});
  n.members.back().id = "council-ashby";
  auto m = n.RequireMember("council-ashby");
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)->id, "council-ashby");
}

TEST(NetworkTest, AnUnknownMemberIsOneErrorWithOneWording) {
  Network n;
  auto m = n.RequireMember("nobody");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kUnknownMember);
  EXPECT_EQ(m.error().where.member, "nobody");
  Location where;
  where.file = "file.csv";
  const Error direct = UnknownMember("nobody", where);
  EXPECT_EQ(direct.message, m.error().message);
  EXPECT_EQ(direct.where.file, "file.csv");
  EXPECT_EQ(direct.where.member, "nobody");
  EXPECT_NE(direct.message.find("'nobody'"), std::string::npos);
}

}  // namespace
}  // namespace anchornet::core
