// Tests for reading network.toml: the smallest valid file, every problem reported at once with
// its line, TOML syntax errors, and goals and rules parsed into core types.
#include "ingest/network_file.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

namespace anchornet::ingest {
namespace {

using core::ErrorCode;

std::vector<std::int64_t> ProblemLines(const NetworkParse& parse) {
  std::vector<std::int64_t> lines;
  for (const NetworkProblem& p : parse.problems) lines.push_back(p.line);
  return lines;
}

std::string Describe(const NetworkParse& parse) {
  return ProblemsToError("network.toml", parse.problems).message;
}

constexpr std::string_view kSmallest = R"(name = "Example network"
financial_year_start = "04-01"

[[members]]
id = "hyndburn"
name = "Hyndburn Borough Council"
sector = "local-government"
)";

TEST(ParseNetworkTextTest, SmallestValidFile) {
  const NetworkParse parse = ParseNetworkText(kSmallest, "network.toml");
  EXPECT_TRUE(parse.problems.empty()) << Describe(parse);
  EXPECT_EQ(parse.source, kSmallest);
  const core::Network& net = parse.network;
  EXPECT_EQ(net.name, "Example network");
  EXPECT_EQ(net.financial_year_start, (core::MonthDay{4, 1}));
  EXPECT_FALSE(net.synthetic);
  ASSERT_EQ(net.members.size(), 1u);
  EXPECT_EQ(net.members[0].id, "hyndburn");
  EXPECT_EQ(net.members[0].name, "Hyndburn Borough Council");
  EXPECT_EQ(net.members[0].sector, core::Sector::kLocalGovernment);
  EXPECT_TRUE(net.members[0].geography.empty());
  EXPECT_TRUE(net.goals.empty());
  EXPECT_TRUE(net.rules.empty());
  ASSERT_NE(net.FindMember("hyndburn"), nullptr);
  EXPECT_EQ(net.FindMember("hyndburn")->name, "Hyndburn Borough Council");
  EXPECT_EQ(net.FindMember("nobody"), nullptr);
}

TEST(ParseNetworkTextTest, OptionalKeys) {
  const NetworkParse parse = ParseNetworkText(R"(name = "London"
financial_year_start = "01-01"
synthetic = true

[geography]
name = "London"
codes = ["E09000022", "E09000028"]

[[members]]
id = "lambeth"
name = "London Borough of Lambeth"
sector = "local-government"
geography = "E09000022"

[[members]]
id = "nhs-guys"
name = "Guy's and St Thomas'"
sector = "nhs"
)",
                                              "network.toml");
  EXPECT_TRUE(parse.problems.empty()) << Describe(parse);
  const core::Network& net = parse.network;
  EXPECT_EQ(net.financial_year_start, (core::MonthDay{1, 1}));
  EXPECT_TRUE(net.synthetic);
  EXPECT_EQ(net.geography_name, "London");
  EXPECT_EQ(net.geography_codes, (std::vector<std::string>{"E09000022", "E09000028"}));
  ASSERT_EQ(net.members.size(), 2u);
  EXPECT_EQ(net.members[0].geography, "E09000022");
  EXPECT_EQ(net.members[1].id, "nhs-guys");
  EXPECT_EQ(net.members[1].sector, core::Sector::kNhs);
}

TEST(ParseNetworkTextTest, CoverageWarningThreshold) {
  const std::string head = "name = \"N\"\n";
  const std::string member = "[[members]]\nid = \"a\"\nname = \"A\"\nsector = \"nhs\"\n";
  const NetworkParse defaulted = ParseNetworkText(head + member, "network.toml");
  EXPECT_TRUE(defaulted.problems.empty()) << Describe(defaulted);
  EXPECT_DOUBLE_EQ(defaulted.network.coverage_warning_below, core::kDefaultCoverageWarningBelow);
  const NetworkParse set =
      ParseNetworkText(head + "coverage_warning_below = 0.75\n" + member, "network.toml");
  EXPECT_TRUE(set.problems.empty()) << Describe(set);
  EXPECT_DOUBLE_EQ(set.network.coverage_warning_below, 0.75);
  for (const char* bad : {"1.5", "-0.1", "\"half\""}) {
    const NetworkParse parse = ParseNetworkText(
        head + "coverage_warning_below = " + bad + "\n" + member, "network.toml");
    ASSERT_EQ(parse.problems.size(), 1u) << bad;
    EXPECT_EQ(parse.problems[0].line, 2) << bad;
  }
}

TEST(ParseNetworkTextTest, DefaultFinancialYearStartIsFirstApril) {
  const NetworkParse parse = ParseNetworkText(R"(name = "N"
[[members]]
id = "a"
name = "A"
sector = "other"
)",
                                              "network.toml");
  EXPECT_TRUE(parse.problems.empty()) << Describe(parse);
  EXPECT_EQ(parse.network.financial_year_start, (core::MonthDay{4, 1}));
}

// Line numbers are those of the text below (line 1 is `name = ...`).
constexpr std::string_view kManyProblems = R"(name = "Example network"
financial_year_start = "4-1"
colour = "blue"

[geography]
name = "Lancashire"
codes = ["E07000120", "X123"]

[[members]]
id = "hyndburn"
name = "Hyndburn Borough Council"
sector = "local-government"

[[members]]
id = "hyndburn"
name = "Hyndburn again"
sector = "council"

[[members]]
id = "Hyndburn BC"
name = "Bad id"
sector = "nhs"

[[goals]]
id = "local-share"
measure = "S3"
kind = "share"
target = 30
member = "nobody"
from_fy = "2024/25"
to_fy = "2026/27"
)";

TEST(ParseNetworkTextTest, ListsEveryProblemWithItsLine) {
  const NetworkParse parse = ParseNetworkText(kManyProblems, "network.toml");
  // 2: bad financial_year_start; 3: unknown key; 7: bad geography code; 15: duplicate id;
  // 17: bad sector; 20: bad id; 28: share target above 1; 29: goal names an unknown member.
  EXPECT_EQ(ProblemLines(parse), (std::vector<std::int64_t>{2, 3, 7, 15, 17, 20, 28, 29}))
      << Describe(parse);
  for (const NetworkProblem& p : parse.problems) {
    EXPECT_FALSE(p.message.empty());
    EXPECT_GT(p.column, 0) << "line " << p.line;
  }
  // Columns point at the offending value.
  ASSERT_EQ(parse.problems.size(), 8u);
  EXPECT_EQ(parse.problems[0].column, 24);  // "4-1"
  EXPECT_EQ(parse.problems[2].column, 23);  // "X123"
  EXPECT_EQ(parse.problems[3].column, 6);   // the second "hyndburn"

  const core::Error error = ProblemsToError("network.toml", parse.problems);
  EXPECT_EQ(error.code, ErrorCode::kConfigInvalid);
  EXPECT_FALSE(error.message.empty());
  EXPECT_EQ(error.where.file, "network.toml");
  EXPECT_NE(error.message.find("network.toml:29:"), std::string::npos) << error.message;
}

TEST(ParseNetworkTextTest, MissingRequiredKeys) {
  const NetworkParse parse = ParseNetworkText(R"(financial_year_start = "04-01"

[[members]]
id = "a"
sector = "nhs"
)",
                                              "network.toml");
  // No network name, and a member without a name.
  EXPECT_EQ(parse.problems.size(), 2u) << Describe(parse);
}

TEST(ParseNetworkTextTest, NoMembersIsAProblem) {
  const NetworkParse parse = ParseNetworkText("name = \"Empty\"\n", "network.toml");
  EXPECT_EQ(parse.problems.size(), 1u) << Describe(parse);
}

TEST(ParseNetworkTextTest, WrongTypes) {
  const NetworkParse parse = ParseNetworkText(R"(name = 5
synthetic = "yes"
members = "all of them"
)",
                                              "network.toml");
  // name not a string, synthetic not a boolean, members not tables, and so no members.
  EXPECT_EQ(ProblemLines(parse), (std::vector<std::int64_t>{1, 1, 2, 3})) << Describe(parse);
}

TEST(ParseNetworkTextTest, TomlSyntaxErrorIsOneProblemWithItsLine) {
  const NetworkParse parse = ParseNetworkText(R"(name = "Example network"
financial_year_start = "04-01"
[[members]
id = "hyndburn"
)",
                                              "network.toml");
  ASSERT_EQ(parse.problems.size(), 1u) << Describe(parse);
  EXPECT_EQ(parse.problems[0].line, 3);
  EXPECT_FALSE(parse.problems[0].message.empty());
}

TEST(ParseNetworkTextTest, UnterminatedStringIsOneProblemWithItsLine) {
  const NetworkParse parse =
      ParseNetworkText("name = \"N\"\n\n\nfinancial_year_start = \"04-01\n", "network.toml");
  ASSERT_EQ(parse.problems.size(), 1u) << Describe(parse);
  EXPECT_EQ(parse.problems[0].line, 4);
}

constexpr std::string_view kGoalsAndRules = R"(name = "Example network"

[[members]]
id = "hyndburn"
name = "Hyndburn Borough Council"
sector = "local-government"
geography = "E07000120"

[[goals]]
id = "local-share"
measure = "S3"
kind = "share"
target = 0.30
member = "hyndburn"
from_fy = "2024/25"
to_fy = "FY2026/27"
description = "Thirty per cent of addressable spend with local suppliers"

[[goals]]
id = "vcse-pounds"
measure = "S6"
kind = "cumulative"
target = 1000000
from_fy = "2024-25"
to_fy = "2025/2026"

[[rules]]
id = "no-payroll"
match = "expense-type"
patterns = ["Salaries*", "Pension*"]
reason = "staff costs are not addressable"

[[rules]]
id = "individuals"
match = "payee-kind"
patterns = ["personal"]
reason = "payments to private individuals"
member = "hyndburn"
)";

TEST(ParseNetworkTextTest, GoalsAndRules) {
  const NetworkParse parse = ParseNetworkText(kGoalsAndRules, "network.toml");
  ASSERT_TRUE(parse.problems.empty()) << Describe(parse);
  const core::Network& net = parse.network;

  ASSERT_EQ(net.goals.size(), 2u);
  const core::Goal& share = net.goals[0];
  EXPECT_EQ(share.id, "local-share");
  EXPECT_EQ(share.measure, "S3");
  EXPECT_EQ(share.kind, core::GoalKind::kShare);
  EXPECT_EQ(share.target, 300'000);  // parts per million
  EXPECT_EQ(share.member, "hyndburn");
  EXPECT_EQ(share.from_fy, 2024);
  EXPECT_EQ(share.to_fy, 2026);
  EXPECT_EQ(share.description, "Thirty per cent of addressable spend with local suppliers");
  const core::Goal& pounds = net.goals[1];
  EXPECT_EQ(pounds.id, "vcse-pounds");
  EXPECT_EQ(pounds.kind, core::GoalKind::kCumulative);
  EXPECT_EQ(pounds.target, 100'000'000);  // pence
  EXPECT_TRUE(pounds.member.empty());
  EXPECT_EQ(pounds.from_fy, 2024);
  EXPECT_EQ(pounds.to_fy, 2025);
  EXPECT_TRUE(pounds.description.empty());

  ASSERT_EQ(net.rules.size(), 2u);
  const core::SpendRule& payroll = net.rules[0];
  EXPECT_EQ(payroll.id, "no-payroll");
  EXPECT_EQ(payroll.match, core::RuleMatch::kExpenseType);
  EXPECT_EQ(payroll.stage, core::RuleStage::kS2);  // the default
  EXPECT_EQ(payroll.patterns, (std::vector<std::string>{"Salaries*", "Pension*"}));
  EXPECT_EQ(payroll.reason, "staff costs are not addressable");
  EXPECT_TRUE(payroll.member.empty());
  const core::SpendRule& individuals = net.rules[1];
  EXPECT_EQ(individuals.id, "individuals");
  EXPECT_EQ(individuals.match, core::RuleMatch::kPayeeKind);
  EXPECT_EQ(individuals.patterns, (std::vector<std::string>{"personal"}));
  EXPECT_EQ(individuals.member, "hyndburn");
}

TEST(ParseNetworkTextTest, GoalsOnReturnMeasures) {
  const NetworkParse ok = ParseNetworkText(R"(name = "N"
[[members]]
id = "a"
name = "A"
sector = "nhs"

[[goals]]
id = "living-wage"
measure = "w1"
kind = "cumulative"
target = 7200
from_fy = "2022/23"
to_fy = "2024/25"

[[goals]]
id = "apprentices"
measure = "W2P"
kind = "absolute"
target = 300
member = "a"
from_fy = "2023/24"
to_fy = "2025/26"

[[goals]]
id = "prompt-payment"
measure = "C5"
kind = "share"
target = 0.95
from_fy = "2023/24"
to_fy = "2023/24"
)",
                                           "network.toml");
  ASSERT_TRUE(ok.problems.empty()) << Describe(ok);
  ASSERT_EQ(ok.network.goals.size(), 3u);
  EXPECT_EQ(ok.network.goals[0].measure, "W1");  // spelled as the catalogue does

  const NetworkParse bad = ParseNetworkText(R"(name = "N"
[[members]]
id = "a"
name = "A"
sector = "nhs"

[[goals]]
id = "in-post"
measure = "W2P"
kind = "cumulative"
target = 300
from_fy = "2023/24"
to_fy = "2025/26"

[[goals]]
id = "w1-share"
measure = "W1"
kind = "share"
target = 0.5
from_fy = "2023/24"
to_fy = "2023/24"

[[goals]]
id = "made-up"
measure = "X9"
kind = "absolute"
target = 1
from_fy = "2023/24"
to_fy = "2023/24"
)",
                                            "network.toml");
  const std::string text = Describe(bad);
  EXPECT_NE(text.find("never added over years"), std::string::npos) << text;
  EXPECT_NE(text.find("has none"), std::string::npos) << text;
  EXPECT_NE(text.find("'X9' is not a measure"), std::string::npos) << text;
}

// A network of one member, "a", for goals and rules to follow.
constexpr std::string_view kOneMember = R"(name = "N"
[[members]]
id = "a"
name = "A"
sector = "nhs"
)";

// A network file with one goal of `kind` on `measure` whose target is written `target`.
NetworkParse OneGoal(std::string_view measure, std::string_view kind, std::string_view target) {
  return ParseNetworkText(fmt::format(R"({}
[[goals]]
id = "g"
measure = "{}"
kind = "{}"
target = {}  # as written
from_fy = "2023/24"
to_fy = "2025/26"
)",
                                      kOneMember, measure, kind, target),
                          "network.toml");
}

std::int64_t TargetOf(const NetworkParse& parse) {
  EXPECT_TRUE(parse.problems.empty()) << Describe(parse);
  return parse.network.goals.empty() ? -1 : parse.network.goals[0].target;
}

TEST(ParseNetworkTextTest, TargetsAreReadExactlyInTheBaseUnit) {
  // £1,170,000,000.01 is not a binary float: it is read from its text, to the penny.
  EXPECT_EQ(TargetOf(OneGoal("S3", "cumulative", "1170000000.01")), 117'000'000'001);
  EXPECT_EQ(TargetOf(OneGoal("S3", "cumulative", "1_170_000_000.01")), 117'000'000'001);
  EXPECT_EQ(TargetOf(OneGoal("S3", "cumulative", "1170000000")), 117'000'000'000);
  EXPECT_EQ(TargetOf(OneGoal("S3", "cumulative", "0.1")), 10);
  EXPECT_EQ(TargetOf(OneGoal("E2", "cumulative", "60000.125")), 60'000'125);  // kilograms
  EXPECT_EQ(TargetOf(OneGoal("W1", "cumulative", "7200.0")), 7'200);
  EXPECT_EQ(TargetOf(OneGoal("S3", "share", "0.333333")), 333'333);  // parts per million
  EXPECT_EQ(TargetOf(OneGoal("S3", "share", "1")), 1'000'000);
}

TEST(ParseNetworkTextTest, TargetsTheUnitCannotHoldAreProblems) {
  for (const auto& [measure, kind, target, says] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
           {"S3", "cumulative", "10.005", "more than 2 decimals"},
           {"E2", "cumulative", "1.0001", "more than 3 decimals"},
           {"W1", "cumulative", "7200.5", "not a whole number"},
           {"S3", "share", "0.1234567", "more than 6 decimals"},
           {"S3", "cumulative", "1.17e9", "exponent"},
           {"S3", "cumulative", "-5.0", "negative"},
           {"S3", "share", "1.5", "between 0 and 1"},
           {"S3", "share", "0", "between 0 and 1"}}) {
    const NetworkParse parse = OneGoal(measure, kind, target);
    ASSERT_EQ(parse.problems.size(), 1u) << target << ": " << Describe(parse);
    EXPECT_EQ(parse.problems[0].line, 11);
    EXPECT_NE(parse.problems[0].message.find(says), std::string::npos)
        << target << ": " << parse.problems[0].message;
  }
}

TEST(ParseNetworkTextTest, RuleStagesAndMatches) {
  const NetworkParse parse = ParseNetworkText(std::string(kOneMember) + R"(
[[rules]]
id = "repairs"
stage = "S1"
match = "payee"
patterns = ["repairs ltd"]
reason = "recharged"

[[rules]]
id = "grants"
enabled = false
member = "a"

[[rules]]
id = "bad"
stage = "S3"
match = "expense-type"
patterns = ["x"]
reason = "y"
)",
                                              "network.toml");
  EXPECT_EQ(ProblemLines(parse), (std::vector<std::int64_t>{21})) << Describe(parse);
  ASSERT_EQ(parse.network.rules.size(), 3u);
  EXPECT_EQ(parse.network.rules[0].stage, core::RuleStage::kS1);
  EXPECT_EQ(parse.network.rules[0].match, core::RuleMatch::kPayee);
  EXPECT_EQ(parse.network.rules[1].stage, core::RuleStage::kS2);
  EXPECT_FALSE(parse.network.rules[1].match.has_value());  // keeps the default's
}

TEST(ParseNetworkTextTest, GoalAndRuleProblems) {
  const NetworkParse parse = ParseNetworkText(R"(name = "N"

[[members]]
id = "a"
name = "A"
sector = "nhs"

[[goals]]
id = "g"
measure = "S1"
kind = "percent"
target = "lots"
from_fy = "2025/26"
to_fy = "2024/25"

[[goals]]
id = "g"
measure = "S1"
kind = "absolute"
target = 5
from_fy = "2024/26"
to_fy = "2024/25"

[[rules]]
id = "r"
match = "supplier"
patterns = ["x", 3]
reason = "because"
member = "b"
)",
                                              "network.toml");
  // 11: bad kind; 12: target not a number; 14: to_fy before from_fy; 17: duplicate goal id;
  // 21: bad from_fy; 26: bad match; 27: a pattern that is not a string; 29: unknown member.
  EXPECT_EQ(ProblemLines(parse), (std::vector<std::int64_t>{11, 12, 14, 17, 21, 26, 27, 29}))
      << Describe(parse);
}

TEST(ReadNetworkFileTest, ReadsAFile) {
  const std::filesystem::path path =
      std::filesystem::path(::testing::TempDir()) / "network_file_ReadsAFile.toml";
  {
    std::ofstream out(path, std::ios::binary);
    out << kSmallest;
  }
  auto parse = ReadNetworkFile(path.string());
  ASSERT_TRUE(parse.has_value()) << parse.error().ToString();
  EXPECT_TRUE(parse->problems.empty());
  EXPECT_EQ(parse->network.name, "Example network");
}

TEST(ReadNetworkFileTest, MissingFile) {
  const std::filesystem::path path =
      std::filesystem::path(::testing::TempDir()) / "network_file_does_not_exist.toml";
  std::filesystem::remove(path);
  auto parse = ReadNetworkFile(path.string());
  ASSERT_FALSE(parse.has_value());
  EXPECT_EQ(parse.error().code, ErrorCode::kFileNotFound);
}

}  // namespace
}  // namespace anchornet::ingest
