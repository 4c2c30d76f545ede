// Tests of the synthetic demo: the network, its TOML, the bytes of the generated payment files,
// registers and supplier returns, and (DemoImportTest) the whole demo imported, resolved and
// measured, with a figure for every measure.
//
// metric: S1 S2 S3 S3L S4 S6 S7 S7b S8 S9

#include "demo/demo.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>
// toml++ as the rest of anchornet uses it (src/ingest/CMakeLists.txt): header-only, errors as
// values. The same settings in every translation unit keep the one-definition rule.
#ifndef TOML_HEADER_ONLY
#define TOML_HEADER_ONLY 1
#endif
#ifndef TOML_EXCEPTIONS
#define TOML_EXCEPTIONS 0
#endif
#include <toml++/toml.h>

#include "core/postcode.h"
#include "core/text.h"
#include "demo/internal/generator.h"
#include "demo/internal/registers.h"
#include "demo/internal/returns.h"
#include "ingest/network_file.h"
#include "metrics/measures.h"
#include "store/store.h"

namespace anchornet::demo {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kSeed = 7;
constexpr std::int64_t kLines = 20'000;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// Splits one CSV line, honouring double quotes (no embedded line breaks are generated).
std::vector<std::string> SplitCsv(std::string_view line, char delimiter) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == delimiter) {
      cells.emplace_back();
    } else {
      cells.back().push_back(c);
    }
  }
  return cells;
}

// Parses the amounts this generator writes ("1,234.56", "-12.00", "(1,234.56)") to pence.
core::Pence PenceOf(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '(') {
    negative = true;
    text = text.substr(1, text.size() - 2);
  }
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  core::Pence value = 0;
  for (const char c : text) {
    if (c >= '0' && c <= '9') value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

class DemoFilesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new std::string(
        (fs::path(::testing::TempDir()) / ("anchornet_demo_test_" + std::to_string(::getpid())))
            .string());
    DemoOptions options;
    options.dir = *root_ + "/a";
    options.total_lines = kLines;
    options.seed = kSeed;
    options.import = false;
    options.threads = 2;
    auto written = GenerateDemo(nullptr, options);
    ASSERT_TRUE(written) << written.error().ToString();
    result_ = new DemoResult(std::move(*written));
  }

  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*root_, ec);
    delete result_;
    delete root_;
    result_ = nullptr;
    root_ = nullptr;
  }

  static const DemoFile& FirstFileOf(std::string_view layout) {
    for (const DemoFile& f : result_->files) {
      if (f.layout == layout) return f;
    }
    ADD_FAILURE() << "no file in layout " << layout;
    return result_->files.front();
  }

  static std::string* root_;
  static DemoResult* result_;
};

std::string* DemoFilesTest::root_ = nullptr;
DemoResult* DemoFilesTest::result_ = nullptr;

TEST(DemoNetworkTest, HasTwentyTwoLabelledMembersAcrossEverySector) {
  const core::Network network = DemoNetwork();
  EXPECT_TRUE(network.synthetic);
  EXPECT_EQ(network.name, "Synthetic Anchor Network (demo data)");
  EXPECT_EQ(network.financial_year_start, (core::MonthDay{4, 1}));
  ASSERT_EQ(network.members.size(), 22u);

  std::set<std::string> ids;
  std::set<core::Sector> sectors;
  for (const core::Member& m : network.members) {
    EXPECT_TRUE(ids.insert(m.id).second) << "duplicate id " << m.id;
    EXPECT_TRUE(std::all_of(m.id.begin(), m.id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    })) << m.id;
    EXPECT_NE(m.name.find("(synthetic)"), std::string::npos) << m.name;
    EXPECT_NE(
        std::find(network.geography_codes.begin(), network.geography_codes.end(), m.geography),
        network.geography_codes.end())
        << m.id << " " << m.geography;
    sectors.insert(m.sector);
  }
  for (const core::Sector required :
       {core::Sector::kNhs, core::Sector::kLocalGovernment, core::Sector::kHigherEducation,
        core::Sector::kTransport, core::Sector::kPoliceFire, core::Sector::kUtility,
        core::Sector::kCultural, core::Sector::kFaith, core::Sector::kPrivate}) {
    EXPECT_TRUE(sectors.count(required)) << core::SectorName(required);
  }
  EXPECT_NE(network.FindMember("nhs-northbank"), nullptr);
}

TEST(DemoNetworkTest, GeographyIsTheThirtyThreeLondonBoroughs) {
  const core::Network network = DemoNetwork();
  EXPECT_EQ(network.geography_name, "London");
  ASSERT_EQ(network.geography_codes.size(), 33u);
  EXPECT_EQ(network.geography_codes.front(), "E09000001");
  EXPECT_EQ(network.geography_codes[9], "E09000010");
  EXPECT_EQ(network.geography_codes.back(), "E09000033");
}

TEST(DemoNetworkTest, GoalsCoverTheDemoYears) {
  const core::Network network = DemoNetwork(2021, 2);
  ASSERT_EQ(network.goals.size(), 8u);
  for (const core::Goal& g : network.goals) {
    EXPECT_EQ(g.from_fy, 2021);
    EXPECT_EQ(g.to_fy, 2022);
    EXPECT_NE(g.description.find("synthetic"), std::string::npos) << g.id;
  }
  // After LAIN's: a cumulative MSME spend for the network, 30% per member per year, one member's
  // own goal, then goals on the members' returns (a stock measure's goal is absolute).
  EXPECT_EQ(network.goals[0].measure, "S3");
  EXPECT_EQ(network.goals[0].kind, core::GoalKind::kCumulative);
  EXPECT_EQ(network.goals[0].member, "");
  EXPECT_EQ(network.goals[1].measure, "S3");
  EXPECT_EQ(network.goals[1].kind, core::GoalKind::kShare);
  EXPECT_EQ(network.goals[1].target, 300'000);  // parts per million
  EXPECT_EQ(network.goals[1].member, "");
  EXPECT_EQ(network.goals[2].measure, "S6");
  EXPECT_EQ(network.goals[2].kind, core::GoalKind::kShare);
  EXPECT_EQ(network.goals[2].member, "council-riverton");
  EXPECT_NE(network.FindMember(network.goals[2].member), nullptr);
  EXPECT_EQ(network.goals[3].measure, "W1");
  EXPECT_EQ(network.goals[3].kind, core::GoalKind::kCumulative);
  EXPECT_EQ(network.goals[4].measure, "W2P");
  EXPECT_EQ(network.goals[4].kind, core::GoalKind::kAbsolute);
  EXPECT_EQ(network.goals[7].measure, "C5");
  EXPECT_EQ(network.goals[7].kind, core::GoalKind::kShare);
}

TEST(DemoNetworkTest, PledgeScalesWithTheDemoSize) {
  const core::Pence small = DemoNetwork(2022, 3, 300'000).goals[0].target;
  const core::Pence full = DemoNetwork(2022, 3, 3'000'000).goals[0].target;
  EXPECT_GT(small, 0);
  EXPECT_EQ(full, 10 * small);
  EXPECT_EQ(full, 10'800'000'000 * core::Pence{100});
}

TEST(DemoNetworkTest, RulesOverrideADefaultForOneMemberAndDeclareAnExclusion) {
  const core::Network network = DemoNetwork();
  ASSERT_EQ(network.rules.size(), 2u);
  const core::SpendRule& grants = network.rules[0];
  EXPECT_EQ(grants.id, "grants");  // the id of a default rule: replaced for this member only
  EXPECT_EQ(grants.member, "council-ashby");
  EXPECT_EQ(grants.stage, core::RuleStage::kS2);
  EXPECT_EQ(grants.match, core::RuleMatch::kExpenseType);
  EXPECT_TRUE(grants.enabled);
  const auto defaults = metrics::DefaultRules();
  EXPECT_TRUE(std::any_of(defaults.begin(), defaults.end(),
                          [](const metrics::AppliedRule& r) { return r.id == "grants"; }));
  const core::SpendRule& fares = network.rules[1];
  EXPECT_EQ(fares.member, "transport-capital");
  EXPECT_EQ(fares.stage, core::RuleStage::kS2);
  for (const core::SpendRule& r : network.rules) {
    EXPECT_NE(network.FindMember(r.member), nullptr) << r.id;
    EXPECT_FALSE(r.patterns.empty()) << r.id;
    EXPECT_FALSE(r.reason.empty()) << r.id;
  }
}

TEST(NetworkTomlTest, IsValidTomlSayingSynthetic) {
  const core::Network network = DemoNetwork();
  const std::string text = NetworkToml(network);
  EXPECT_TRUE(text.starts_with("# SYNTHETIC"));
  EXPECT_NE(text.find("synthetic = true"), std::string::npos);

  toml::parse_result parsed = toml::parse(text);
  ASSERT_TRUE(parsed.succeeded()) << "NetworkToml is not valid TOML: "
                                  << parsed.error().description();
  toml::table& table = parsed.table();
  EXPECT_EQ(table["name"].value_or(std::string()), network.name);
  EXPECT_EQ(table["financial_year_start"].value_or(std::string()), "04-01");
  EXPECT_TRUE(table["synthetic"].value_or(false));
  EXPECT_EQ(table["geography"]["name"].value_or(std::string()), "London");
  const toml::array* codes = table["geography"]["codes"].as_array();
  ASSERT_NE(codes, nullptr);
  EXPECT_EQ(codes->size(), 33u);

  const toml::array* members = table["members"].as_array();
  ASSERT_NE(members, nullptr);
  ASSERT_EQ(members->size(), network.members.size());
  for (std::size_t i = 0; i < members->size(); ++i) {
    const toml::table& m = *(*members)[i].as_table();
    EXPECT_EQ(m["id"].value_or(std::string()), network.members[i].id);
    EXPECT_EQ(m["name"].value_or(std::string()), network.members[i].name);
    EXPECT_EQ(m["sector"].value_or(std::string()),
              std::string(core::SectorName(network.members[i].sector)));
    EXPECT_EQ(m["geography"].value_or(std::string()), network.members[i].geography);
  }

  const toml::array* goals = table["goals"].as_array();
  ASSERT_NE(goals, nullptr);
  ASSERT_EQ(goals->size(), 8u);
  const toml::table& absolute = *(*goals)[0].as_table();
  EXPECT_EQ(absolute["measure"].value_or(std::string()), "S3");
  EXPECT_EQ(absolute["kind"].value_or(std::string()), "cumulative");
  EXPECT_DOUBLE_EQ(absolute["target"].value_or(0.0), 10'800'000'000.0);
  EXPECT_EQ(absolute["from_fy"].value_or(std::string()), "2022/23");
  EXPECT_EQ(absolute["to_fy"].value_or(std::string()), "2024/25");
  const toml::table& share = *(*goals)[1].as_table();
  EXPECT_EQ(share["kind"].value_or(std::string()), "share");
  EXPECT_DOUBLE_EQ(share["target"].value_or(0.0), 0.30);
  const toml::table& member = *(*goals)[2].as_table();
  EXPECT_EQ(member["member"].value_or(std::string()), "council-riverton");

  const toml::array* rules = table["rules"].as_array();
  ASSERT_NE(rules, nullptr);
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_EQ((*rules)[0].as_table()->at("member").value_or(std::string()), "council-ashby");

  // anchornet's own reader accepts it and reads back the same goals and rules.
  const ingest::NetworkParse parsed_back = ingest::ParseNetworkText(text, "network.toml");
  ASSERT_TRUE(parsed_back.problems.empty()) << parsed_back.problems.front().message;
  ASSERT_EQ(parsed_back.network.goals.size(), network.goals.size());
  for (std::size_t i = 0; i < network.goals.size(); ++i) {
    EXPECT_EQ(parsed_back.network.goals[i].id, network.goals[i].id);
    EXPECT_EQ(parsed_back.network.goals[i].kind, network.goals[i].kind);
    EXPECT_EQ(parsed_back.network.goals[i].target, network.goals[i].target);
    EXPECT_EQ(parsed_back.network.goals[i].member, network.goals[i].member);
  }
  ASSERT_EQ(parsed_back.network.rules.size(), network.rules.size());
  for (std::size_t i = 0; i < network.rules.size(); ++i) {
    EXPECT_EQ(parsed_back.network.rules[i].id, network.rules[i].id);
    EXPECT_EQ(parsed_back.network.rules[i].member, network.rules[i].member);
    EXPECT_EQ(parsed_back.network.rules[i].patterns, network.rules[i].patterns);
  }
}

TEST(NetworkTomlTest, EscapesQuotesAndOmitsTheBannerForRealNetworks) {
  core::Network network;
  network.name = "The \"Quoted\" Network\\";
  network.members.push_back(core::Member{"m1", "Tab\there", core::Sector::kOther, ""});
  const std::string text = NetworkToml(network);
  EXPECT_EQ(text.find("SYNTHETIC"), std::string::npos);
  EXPECT_NE(text.find("synthetic = false"), std::string::npos);
  toml::parse_result parsed = toml::parse(text);
  ASSERT_TRUE(parsed.succeeded()) << parsed.error().description();
  toml::table& table = parsed.table();
  EXPECT_EQ(table["name"].value_or(std::string()), network.name);
  EXPECT_EQ((*table["members"].as_array())[0].as_table()->at("name").value_or(std::string()),
            "Tab\there");
}

TEST(DemoOptionsTest, RejectsBadOptions) {
  DemoOptions options;
  options.import = false;
  auto no_dir = GenerateDemo(nullptr, options);
  ASSERT_FALSE(no_dir);
  EXPECT_EQ(no_dir.error().code, core::ErrorCode::kUsage);

  options.dir = (fs::path(::testing::TempDir()) / "anchornet_demo_never_written").string();
  options.total_lines = 0;
  auto no_lines = GenerateDemo(nullptr, options);
  ASSERT_FALSE(no_lines);
  EXPECT_EQ(no_lines.error().code, core::ErrorCode::kUsage);

  options.total_lines = 100;
  options.years = 0;
  auto no_years = GenerateDemo(nullptr, options);
  ASSERT_FALSE(no_years);
  EXPECT_EQ(no_years.error().code, core::ErrorCode::kUsage);

  options.years = 3;
  options.import = true;
  auto no_store = GenerateDemo(nullptr, options);
  ASSERT_FALSE(no_store);
  EXPECT_EQ(no_store.error().code, core::ErrorCode::kUsage);
  EXPECT_FALSE(fs::exists(options.dir));
}

TEST_F(DemoFilesTest, WritesNetworkFileAndReadme) {
  EXPECT_EQ(ReadBytes(result_->network_path), NetworkToml(result_->network));
  const std::string readme = ReadBytes(result_->readme_path);
  EXPECT_TRUE(readme.starts_with("SYNTHETIC DEMO DATA"));
  EXPECT_NE(readme.find("Seed:           7"), std::string::npos);
  EXPECT_NE(readme.find("\"TBC\""), std::string::npos);
  EXPECT_NE(readme.find("31 February"), std::string::npos);
  for (const std::string& layout : LayoutNames()) {
    EXPECT_NE(readme.find(layout + ":"), std::string::npos) << layout;
  }
  // Every register and return is listed, and said to be invented.
  EXPECT_NE(readme.find("all invented"), std::string::npos);
  for (const DemoRegisterFile& r : result_->registers) {
    EXPECT_NE(readme.find(fs::path(r.path).filename().string()), std::string::npos) << r.path;
  }
}

TEST_F(DemoFilesTest, WritesRegistersAndReturnsNamedSyntheticInTheRealLayouts) {
  const std::vector<std::string> kinds = {"public-bodies", "companies-house", "charities",
                                          "postcodes",     "deprivation",     "area-names"};
  // Registers, eight supplier returns, then one illustrative GHG factor file per year.
  ASSERT_EQ(result_->registers.size(), kinds.size() + 8 + 3);
  std::set<std::string> members;
  for (std::size_t i = 0; i < result_->registers.size(); ++i) {
    if (i >= kinds.size() + 8) {
      const DemoRegisterFile& g = result_->registers[i];
      EXPECT_EQ(g.kind, "ghg-factors");
      EXPECT_EQ(fs::path(g.path).filename().string(),
                fmt::format("synthetic-ghg-factors-{}.csv", 2022 + (i - kinds.size() - 8)));
      EXPECT_TRUE(ReadBytes(g.path).starts_with("SYNTHETIC")) << g.path;
      continue;
    }
    const DemoRegisterFile& r = result_->registers[i];
    const fs::path path(r.path);
    EXPECT_TRUE(path.filename().string().starts_with("synthetic-")) << r.path;
    ASSERT_TRUE(fs::exists(path)) << r.path;
    EXPECT_FALSE(fs::exists(r.path + ".tmp"));
    EXPECT_GT(r.rows, 0) << r.path;
    if (i < kinds.size()) {
      EXPECT_EQ(r.kind, kinds[i]);
      EXPECT_EQ(r.member, "");
      EXPECT_EQ(path.parent_path().filename().string(), "registers");
      EXPECT_EQ(path.filename().string(), "synthetic-" + r.kind + ".csv");
    } else {
      EXPECT_EQ(r.kind, "supplier-returns");
      EXPECT_NE(result_->network.FindMember(r.member), nullptr) << r.member;
      EXPECT_TRUE(members.insert(r.member).second) << r.member;
      EXPECT_EQ(path.parent_path().filename().string(), "returns");
      EXPECT_TRUE(path.filename().string().starts_with("synthetic-" + r.member)) << r.path;
      EXPECT_EQ(r.rows, internal::kReturnSuppliers);
    }
  }

  // Companies House's real BasicCompanyData header, leading spaces and all.
  const std::string companies = ReadBytes(result_->registers[1].path);
  EXPECT_TRUE(companies.starts_with("CompanyName, CompanyNumber,RegAddress.CareOf,"));
  EXPECT_NE(companies.find(",Accounts.AccountCategory,"), std::string::npos);
  EXPECT_NE(companies.find(", PreviousName_10.CompanyName, ConfStmtNextDueDate"),
            std::string::npos);
  for (const std::string_view category :
       {"\"MICRO ENTITY\"", "\"SMALL\"", "\"TOTAL EXEMPTION FULL\"", "\"MEDIUM\"", "\"FULL\"",
        "\"GROUP\"", "\"NO ACCOUNTS FILED\"", "\"Community Interest Company\"",
        "\"PRI/LBG/NSC (Private, Limited by guarantee, no share capital)\""}) {
    EXPECT_NE(companies.find(category), std::string::npos) << category;
  }
  // About 60% of the pool's suppliers are registered companies.
  const double share = static_cast<double>(result_->registers[1].rows) /
                       static_cast<double>(internal::kSupplierPoolSize);
  EXPECT_GT(share, 0.45);
  EXPECT_LT(share, 0.7);

  const std::string postcodes = ReadBytes(result_->registers[3].path);
  const std::string postcode_header = postcodes.substr(0, postcodes.find('\n'));
  for (const std::string_view column : {"pcds", "doterm", "oslaua", "osward", "lsoa11"}) {
    EXPECT_NE(postcode_header.find(column), std::string::npos) << column;
  }
  EXPECT_TRUE(ReadBytes(result_->registers[4].path)
                  .starts_with("LSOA code (2011),LSOA name (2011),Local Authority District code "
                               "(2019),Local Authority District name (2019),Index of Multiple "
                               "Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) "
                               "Decile\n"));
  EXPECT_TRUE(ReadBytes(result_->registers[5].path).starts_with("code,name\n"));

  // Returns in the template's columns (CSV) or as workbooks.
  std::string template_header;
  for (const ingest::TemplateColumn& c : ingest::SupplierReturnColumns()) {
    template_header += (template_header.empty() ? "" : ",") + c.header;
  }
  int xlsx = 0;
  for (std::size_t i = kinds.size(); i < kinds.size() + 8; ++i) {
    const std::string bytes = ReadBytes(result_->registers[i].path);
    if (result_->registers[i].path.ends_with(".xlsx")) {
      EXPECT_TRUE(bytes.starts_with("PK\x03\x04"));
      ++xlsx;
    } else {
      EXPECT_TRUE(bytes.starts_with(template_header + "\r\n")) << result_->registers[i].path;
    }
  }
  EXPECT_GT(xlsx, 0);
}

TEST(DemoInternalsTest, PlacesAreTheLondonBoroughsThenElsewhere) {
  const auto places = internal::Places();
  ASSERT_GT(places.size(), static_cast<std::size_t>(internal::kLondonPlaces));
  for (int b = 0; b < internal::kLondonPlaces; ++b) {
    EXPECT_EQ(places[b].lad, internal::BoroughCode(b + 1));
    EXPECT_TRUE(places[b].london);
  }
  std::set<std::string> postcodes;
  for (std::size_t p = 0; p < places.size(); ++p) {
    EXPECT_EQ(places[p].london, p < static_cast<std::size_t>(internal::kLondonPlaces));
    for (int i = 0; i < internal::kPostcodesPerPlace; ++i) {
      const std::string postcode = internal::PlacePostcode(kSeed, static_cast<int>(p), i);
      EXPECT_EQ(core::NormalisePostcode(postcode), postcode);
      EXPECT_TRUE(postcodes.insert(postcode).second) << postcode;
    }
  }
}

TEST_F(DemoFilesTest, EveryMemberPublishesMonthlyFilesNamedSynthetic) {
  ASSERT_EQ(result_->files.size(), 22u * 36u);
  std::map<std::string, int> per_member;
  std::map<std::string, std::set<std::string>> layouts_of_member;
  for (const DemoFile& f : result_->files) {
    ++per_member[f.member];
    layouts_of_member[f.member].insert(f.layout);
    const std::string name = fs::path(f.path).filename().string();
    EXPECT_TRUE(name.starts_with("synthetic-" + f.member + "-")) << name;
    EXPECT_EQ(fs::path(f.path).parent_path().filename().string(), f.member);
    EXPECT_EQ(fs::path(f.path).parent_path().parent_path().filename().string(), "spend");
    ASSERT_TRUE(fs::exists(f.path)) << f.path;
    EXPECT_EQ(static_cast<std::int64_t>(fs::file_size(f.path)), f.bytes) << f.path;
    EXPECT_FALSE(fs::exists(f.path + ".tmp"));
  }
  for (const core::Member& m : result_->network.members) {
    EXPECT_EQ(per_member[m.id], 36) << m.id;
    EXPECT_EQ(layouts_of_member[m.id].size(), 1u) << m.id << " uses one layout family";
  }
  // Months run April 2022 .. March 2025 for every member.
  EXPECT_EQ(result_->files.front().year, 2022);
  EXPECT_EQ(result_->files.front().month, 4);
  EXPECT_EQ(result_->files[35].year, 2025);
  EXPECT_EQ(result_->files[35].month, 3);
}

TEST_F(DemoFilesTest, UsesAllSevenLayouts) {
  std::set<std::string> used;
  for (const DemoFile& f : result_->files) used.insert(f.layout);
  const std::set<std::string> all(LayoutNames().begin(), LayoutNames().end());
  EXPECT_EQ(all.size(), 7u);
  EXPECT_EQ(used, all);
}

TEST_F(DemoFilesTest, WritesAboutTheLinesAskedFor) {
  std::int64_t lines = 0;
  std::map<std::string, std::int64_t> per_member;
  for (const DemoFile& f : result_->files) {
    lines += f.lines;
    per_member[f.member] += f.lines;
  }
  EXPECT_GE(lines, kLines * 95 / 100);
  EXPECT_LE(lines, kLines * 105 / 100);
  // NHS trusts and councils publish more than a cathedral.
  EXPECT_GT(per_member["nhs-northbank"], 10 * per_member["faith-staldric"]);
  EXPECT_GT(per_member["council-ashby"], 10 * per_member["faith-staldric"]);
}

TEST_F(DemoFilesTest, LgtcFileAddsUpToItsTotal) {
  const DemoFile& file = FirstFileOf("lgtc-csv");
  const std::string bytes = ReadBytes(file.path);
  EXPECT_TRUE(core::IsValidUtf8(bytes));
  const auto lines = Lines(bytes);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "Body,Service Area,Expense Type,Supplier Name,Payment Date,Transaction Number,Amount");
  std::int64_t rows = 0;
  core::Pence total = 0;
  bool quoted_thousands = false;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto cells = SplitCsv(lines[i], ',');
    ASSERT_EQ(cells.size(), 7u) << lines[i];
    EXPECT_NE(cells[0].find("(synthetic)"), std::string::npos);
    ++rows;
    if (cells[6] == "TBC" || cells[4].starts_with("31/02/")) continue;
    EXPECT_EQ(cells[4].size(), 10u) << cells[4];
    total += PenceOf(cells[6]);
    if (lines[i].find(",\"") != std::string_view::npos && cells[6].find(',') != std::string::npos) {
      quoted_thousands = true;
    }
  }
  EXPECT_EQ(rows, file.lines + file.bad_rows);
  EXPECT_EQ(total, file.total);
  EXPECT_TRUE(quoted_thousands);
}

TEST_F(DemoFilesTest, Cp1252FileHasPreamblePoundByteAndTotalRow) {
  const DemoFile& file = FirstFileOf("preamble-cp1252");
  const std::string bytes = ReadBytes(file.path);
  EXPECT_NE(bytes.find('\xA3'), std::string::npos);
  EXPECT_NE(bytes.find("Invoice Nett Amount(\xA3)"), std::string::npos);
  EXPECT_EQ(bytes.find("\xC2\xA3"), std::string::npos) << "the pound sign must not be UTF-8";
  EXPECT_FALSE(core::IsValidUtf8(bytes));
  EXPECT_NE(bytes.find("\r\n"), std::string::npos);
  EXPECT_TRUE(bytes.starts_with("SYNTHETIC DEMO DATA"));
  const auto lines = Lines(bytes);
  ASSERT_GT(lines.size(), 8u);
  EXPECT_TRUE(lines[2].starts_with("Report Date: "));
  EXPECT_TRUE(lines[6].starts_with("Department,Supplier Name,Invoice Creation Date,"));
  std::string last(lines.back());
  if (last.empty()) last = std::string(lines[lines.size() - 2]);
  ASSERT_TRUE(last.starts_with("Total,,,")) << last;
  EXPECT_EQ(PenceOf(SplitCsv(last, ',')[3]), file.total);
}

TEST_F(DemoFilesTest, ExcelSerialFileHasBomBlankRowAndSerialDates) {
  const DemoFile& file = FirstFileOf("excel-serial");
  const std::string bytes = ReadBytes(file.path);
  ASSERT_TRUE(bytes.starts_with("\xEF\xBB\xBF"));
  const auto lines = Lines(std::string_view(bytes).substr(3));
  ASSERT_GT(lines.size(), 3u);
  EXPECT_EQ(lines[0].find_first_not_of(','), std::string_view::npos) << "leading blank row";
  EXPECT_TRUE(lines[1].starts_with(
      "Service Cost Centre,Account Detail,Description,Ref no,Name,Payment date,Net Amount,,,"));
  const auto cells = SplitCsv(lines[2], ',');
  EXPECT_GE(cells.size(), 40u);
  EXPECT_EQ(cells.back(), "");
  // April 2022: Excel serials 44652 (1 April) .. 44681 (30 April).
  const int serial = std::atoi(cells[5].c_str());
  EXPECT_GE(serial, 44652);
  EXPECT_LE(serial, 44681);
}

TEST_F(DemoFilesTest, SemicolonFileHasIsoDatesInItsMonth) {
  const DemoFile& file = FirstFileOf("semicolon-iso");
  const std::string bytes = ReadBytes(file.path);
  const auto lines = Lines(bytes);
  ASSERT_GT(lines.size(), 1u);
  EXPECT_EQ(lines[0], "Date;Supplier;Amount;VAT;Expense type;Reference");
  const std::string prefix = fmt::format("{:04}-{:02}-", file.year, file.month);
  core::Pence total = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    const auto cells = SplitCsv(lines[i], ';');
    ASSERT_EQ(cells.size(), 6u) << lines[i];
    if (cells[2] == "TBC" || cells[0].ends_with("-02-31")) continue;
    EXPECT_TRUE(cells[0].starts_with(prefix)) << cells[0];
    const auto date = core::ParseDate(cells[0]);
    ASSERT_TRUE(date.has_value()) << cells[0];
    const int weekday = ((date->days % 7) + 7) % 7;  // 2 Saturday, 3 Sunday
    EXPECT_NE(weekday, 2);
    EXPECT_NE(weekday, 3);
    total += PenceOf(cells[2]);
  }
  EXPECT_EQ(total, file.total);
}

TEST_F(DemoFilesTest, TabFileUsesDayMonthYearDates) {
  const DemoFile& file = FirstFileOf("tab-dmy");
  const std::string bytes = ReadBytes(file.path);
  const auto lines = Lines(bytes);
  ASSERT_GT(lines.size(), 1u);
  EXPECT_EQ(lines[0], "Payment Date\tPayee\tNet\tService\tCategory\tInvoice No");
  const auto cells = SplitCsv(lines[1], '\t');
  ASSERT_EQ(cells.size(), 6u);
  EXPECT_TRUE(cells[0].ends_with(" Apr 2022")) << cells[0];
}

TEST_F(DemoFilesTest, DosFileUsesCodePage850PoundSign) {
  const DemoFile& file = FirstFileOf("dos-cp850");
  const std::string bytes = ReadBytes(file.path);
  EXPECT_TRUE(bytes.starts_with("Date,Supplier,Amount (\x9C),"));
  EXPECT_NE(bytes.find(",\"\x9C"), std::string::npos) << "some amounts carry the pound sign";
  EXPECT_EQ(bytes.find('\xA3'), std::string::npos);
  EXPECT_NE(bytes.find("\r\n"), std::string::npos);
  EXPECT_NE(bytes.find("-Apr-22,"), std::string::npos);
}

TEST_F(DemoFilesTest, XlsxIsAZipWorkbook) {
  const DemoFile& file = FirstFileOf("xlsx");
  EXPECT_TRUE(file.path.ends_with(".xlsx"));
  const std::string bytes = ReadBytes(file.path);
  ASSERT_TRUE(bytes.starts_with("PK\x03\x04"));
  EXPECT_NE(bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
}

TEST_F(DemoFilesTest, MembersSpellSuppliersTheirOwnWay) {
  // council-hollin writes upper case; council-ashby writes "Limited" for "Ltd".
  std::string hollin;
  std::string ashby;
  for (const DemoFile& f : result_->files) {
    if (f.member == "council-hollin") hollin += ReadBytes(f.path);
    if (f.member == "council-ashby") ashby += ReadBytes(f.path);
  }
  EXPECT_NE(hollin.find(" LTD,"), std::string::npos);
  EXPECT_EQ(hollin.find(" Ltd,"), std::string::npos);
  EXPECT_NE(ashby.find(" Limited,"), std::string::npos);
  EXPECT_EQ(ashby.find(" Ltd,"), std::string::npos);
  // Councils pay private individuals, whose names are redacted.
  EXPECT_TRUE(ashby.find("REDACTED") != std::string::npos ||
              ashby.find("redacted") != std::string::npos ||
              ashby.find("Private Individual") != std::string::npos);
  // ...and public bodies, other members among them.
  std::set<std::string> public_payees;
  for (const internal::PublicBody& body : internal::PublicBodies()) {
    public_payees.emplace(body.name);
  }
  for (const core::Member& m : result_->network.members) {
    if (m.id != "council-ashby") public_payees.insert(m.name);
  }
  int public_lines = 0;
  for (const std::string_view line : Lines(ashby)) {
    const auto cells = SplitCsv(line, ',');
    if (cells.size() == 7 && public_payees.count(cells[3])) ++public_lines;
  }
  EXPECT_GT(public_lines, 0);
}

TEST_F(DemoFilesTest, SameSeedGivesSameBytesWhateverTheThreads) {
  DemoOptions options;
  options.dir = *root_ + "/b";
  options.total_lines = kLines;
  options.seed = kSeed;
  options.import = false;
  options.threads = 1;
  auto again = GenerateDemo(nullptr, options);
  ASSERT_TRUE(again) << again.error().ToString();
  ASSERT_EQ(again->files.size(), result_->files.size());
  std::set<std::string> compared;
  for (std::size_t i = 0; i < result_->files.size(); ++i) {
    const DemoFile& a = result_->files[i];
    const DemoFile& b = again->files[i];
    EXPECT_EQ(a.lines, b.lines);
    EXPECT_EQ(a.total, b.total);
    if (!compared.insert(a.layout).second) continue;  // the bytes of one file per layout
    EXPECT_EQ(ReadBytes(a.path), ReadBytes(b.path)) << a.layout;
  }
  EXPECT_EQ(compared.size(), 7u);
  ASSERT_EQ(again->registers.size(), result_->registers.size());
  for (std::size_t i = 0; i < result_->registers.size(); ++i) {
    const std::string bytes = ReadBytes(result_->registers[i].path);
    EXPECT_FALSE(bytes.empty());
    EXPECT_EQ(bytes, ReadBytes(again->registers[i].path)) << result_->registers[i].path;
  }
  EXPECT_EQ(ReadBytes(result_->readme_path), ReadBytes(again->readme_path));
}

TEST(DemoInternalsTest, AnotherSeedGivesOtherPayments) {
  const internal::SupplierPool pool_a(kSeed, 2'000);
  const internal::SupplierPool pool_b(kSeed + 1, 2'000);
  EXPECT_NE(pool_a.at(0).name + pool_a.at(1).name, pool_b.at(0).name + pool_b.at(1).name);
  internal::Plan a{kSeed, &pool_a, {}};
  internal::Plan b{kSeed + 1, &pool_a, {}};
  const internal::MemberSpec& member = internal::MemberSpecs()[0];
  const internal::Labels labels{"Synthetic test", kSeed};
  EXPECT_EQ(internal::RenderText(internal::GenerateFile(a, member, 2023, 4, 0, 500), labels),
            internal::RenderText(internal::GenerateFile(a, member, 2023, 4, 0, 500), labels));
  EXPECT_NE(internal::RenderText(internal::GenerateFile(a, member, 2023, 4, 0, 500), labels),
            internal::RenderText(internal::GenerateFile(b, member, 2023, 4, 0, 500), labels));
}

TEST_F(DemoFilesTest, WritesEveryMembersReturnsButTwoForTheLastYear) {
  // 22 members x 3 years, less two missing in the last year, plus one member's three quarterly
  // returns instead of an annual one and one corrected return written twice.
  EXPECT_EQ(result_->returns.size(), 22u * 3 - 2 - 1 + 3 + 1);
  const std::vector<std::string> missing = internal::MembersMissingLastYear();
  std::set<std::string> last_year;
  int xlsx = 0, replaced = 0;
  for (const DemoReturnFile& r : result_->returns) {
    ASSERT_TRUE(fs::exists(r.path)) << r.path;
    EXPECT_TRUE(fs::path(r.path).filename().string().starts_with("synthetic-" + r.member));
    xlsx += r.path.ends_with(".xlsx");
    replaced += r.replaced_later;
    if (r.financial_year == 2024) last_year.insert(r.member);
  }
  EXPECT_GT(xlsx, 0);
  EXPECT_EQ(replaced, 1);
  EXPECT_EQ(last_year.size(), 20u);
  for (const std::string& m : missing) EXPECT_FALSE(last_year.contains(m)) << m;
}

TEST_F(DemoFilesTest, ProgressIsReportedPerMember) {
  DemoOptions options;
  options.dir = *root_ + "/d";
  options.total_lines = 500;
  options.years = 1;
  options.seed = kSeed;
  options.import = false;
  std::vector<std::string> messages;
  options.progress = [&messages](const std::string& m) { messages.push_back(m); };
  auto written = GenerateDemo(nullptr, options);
  ASSERT_TRUE(written) << written.error().ToString();
  // One before writing, one per member, one for the registers, one for members' returns.
  ASSERT_EQ(messages.size(), 25u);
  EXPECT_NE(messages[0].find("synthetic"), std::string::npos);
  EXPECT_TRUE(written->imports.empty());
}

// --- Internals ----------------------------------------------------------------------------

TEST(DemoInternalsTest, FormatsPence) {
  std::string out;
  internal::AppendPence(out, 123456, true);
  EXPECT_EQ(out, "1,234.56");
  out.clear();
  internal::AppendPence(out, 123456789, true);
  EXPECT_EQ(out, "1,234,567.89");
  out.clear();
  internal::AppendPence(out, -123456, false);
  EXPECT_EQ(out, "-1234.56");
  out.clear();
  internal::AppendPence(out, -5, true);
  EXPECT_EQ(out, "-0.05");
  out.clear();
  internal::AppendPence(out, 0, true);
  EXPECT_EQ(out, "0.00");
}

TEST(DemoInternalsTest, TranscodesToLegacyCodePages) {
  const std::string_view text = "\xC2\xA3 Caf\xC3\xA9 St Mary\xE2\x80\x99s";  // £ Café St Mary’s
  std::string cp1252;
  internal::AppendEncoded(cp1252, text, internal::Encoding::kCp1252);
  EXPECT_EQ(cp1252, "\xA3 Caf\xE9 St Mary\x92s");
  std::string cp850;
  internal::AppendEncoded(cp850, text, internal::Encoding::kCp850);
  EXPECT_EQ(cp850, "\x9C Caf\x82 St Mary's");
  std::string utf8;
  internal::AppendEncoded(utf8, text, internal::Encoding::kUtf8);
  EXPECT_EQ(utf8, text);
}

TEST(DemoInternalsTest, SupplierPoolIsUniqueWithALongTail) {
  const internal::SupplierPool pool(kSeed, internal::kSupplierPoolSize);
  ASSERT_EQ(pool.size(), static_cast<std::size_t>(internal::kSupplierPoolSize));
  std::set<std::string> names;
  bool comma = false;
  bool accent = false;
  bool cic = false;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    const std::string& name = pool.at(i).name;
    names.insert(name);
    comma = comma || name.find(',') != std::string::npos;
    accent = accent || !std::all_of(name.begin(), name.end(),
                                    [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    cic = cic || name.ends_with(" CIC") || name.ends_with("Community Interest Company");
    EXPECT_TRUE(core::IsValidUtf8(name)) << name;
  }
  EXPECT_EQ(names.size(), pool.size());
  EXPECT_TRUE(comma);
  EXPECT_TRUE(accent);
  EXPECT_TRUE(cic);

  internal::Rng rng(1);
  std::vector<int> hits(pool.size(), 0);
  constexpr int kDraws = 200'000;
  for (int i = 0; i < kDraws; ++i) ++hits[pool.SampleRank(rng)];
  int top10 = 0;
  for (int i = 0; i < 10; ++i) top10 += hits[static_cast<std::size_t>(i)];
  int tail_hits = 0;
  for (std::size_t i = 20'000; i < pool.size(); ++i) tail_hits += hits[i];
  EXPECT_GT(hits[0], hits[1000] * 20);
  EXPECT_GT(top10, kDraws / 50);      // the head is heavy...
  EXPECT_GT(tail_hits, kDraws / 20);  // ...and the tail is long
}

TEST(DemoInternalsTest, BadRowsAreWrittenInTheLayoutsOwnStyle) {
  const internal::SupplierPool pool(kSeed, 2'000);
  internal::Plan plan;
  plan.seed = kSeed;
  plan.pool = &pool;
  const internal::Labels labels{"Synthetic test", kSeed};
  // The February of financial year 2023/24 is in 2024.
  const std::map<internal::Layout, std::string> bad_date = {
      {internal::Layout::kLgtcCsv, ",31/02/2024,"},
      {internal::Layout::kPreambleCp1252, ",31-FEB-2024,"},
      {internal::Layout::kExcelSerial, ",31/02/2024,"},
      {internal::Layout::kSemicolonIso, "\n2024-02-31;"},
      {internal::Layout::kTabDmy, "\n31 Feb 2024\t"},
      {internal::Layout::kDosCp850, "\n31-Feb-24,"},
  };
  std::set<internal::Layout> tested;
  for (const internal::MemberSpec& member : internal::MemberSpecs()) {
    if (member.layout == internal::Layout::kXlsx || !tested.insert(member.layout).second) continue;
    // About one row in 20,000 is bad, half of them amounts and half dates: look through the
    // member's files until one has both.
    internal::FileBatch batch;
    int bad_amounts = 0;
    int bad_dates = 0;
    for (int file_index = 0; file_index < 12 && (bad_amounts == 0 || bad_dates == 0);
         ++file_index) {
      batch = internal::GenerateFile(plan, member, 2023, 6, file_index, 60'000);
      EXPECT_EQ(static_cast<std::int64_t>(batch.payments.size()),
                batch.good_lines + batch.bad_rows);
      EXPECT_EQ(batch.good_lines, 60'000);
      bad_amounts = 0;
      bad_dates = 0;
      for (const internal::Payment& p : batch.payments) {
        bad_amounts += p.bad == internal::BadCell::kAmount;
        bad_dates += p.bad == internal::BadCell::kDate;
      }
    }
    ASSERT_GT(bad_amounts, 0) << member.id;
    ASSERT_GT(bad_dates, 0) << member.id;
    for (std::size_t i = 1; i < batch.payments.size(); ++i) {
      ASSERT_LE(batch.payments[i - 1].paid_on, batch.payments[i].paid_on) << "sorted by date";
    }
    const std::string text = internal::RenderText(batch, labels);
    EXPECT_NE(text.find("TBC"), std::string::npos) << member.id;
    EXPECT_NE(text.find(bad_date.at(member.layout)), std::string::npos) << member.id;
  }
  EXPECT_EQ(tested.size(), 6u);
}

// --- The demo imported, resolved and measured ------------------------------------------------

// Sums the network's yearly values of one measure over every year reported.
metrics::Amount NetworkTotal(const metrics::MeasureReport& report,
                             metrics::Amount metrics::MeasureValues::*field) {
  metrics::Amount total;
  for (const int fy : report.financial_years) {
    if (const metrics::MeasureValues* v = report.Find("", fy, 0)) total.Add(v->*field);
  }
  return total;
}

// The network's bridge step for `rule` summed over the years (every version of the rule).
core::Pence BridgeTotal(const metrics::MeasureReport& report, std::string_view member,
                        std::string_view rule) {
  core::Pence total = 0;
  for (const int fy : report.financial_years) {
    const metrics::MeasureValues* v = report.Find(member, fy, 0);
    if (v == nullptr) continue;
    for (const metrics::BridgeStep& s : v->bridge) {
      if (s.rule == rule) total += s.amount.pence;
    }
  }
  return total;
}

class DemoImportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new std::string(
        (fs::path(::testing::TempDir()) / ("anchornet_demo_import_" + std::to_string(::getpid())))
            .string());
    fs::remove_all(*root_);
    fs::create_directories(*root_);
    auto opened = store::Store::Open("sqlite:" + *root_ + "/demo.db");
    ASSERT_TRUE(opened) << opened.error().ToString();
    store_ = opened->release();
    DemoOptions options;
    options.dir = *root_ + "/files";
    options.total_lines = kLines;
    options.seed = kSeed;
    options.threads = 2;
    auto imported = GenerateDemo(store_, options);
    ASSERT_TRUE(imported) << imported.error().ToString();
    result_ = new DemoResult(std::move(*imported));
    auto measured = metrics::ComputeMeasures(*store_, metrics::ReportQuery{});
    ASSERT_TRUE(measured) << measured.error().ToString();
    report_ = new metrics::MeasureReport(std::move(*measured));
  }

  static void TearDownTestSuite() {
    delete report_;
    delete result_;
    delete store_;
    std::error_code ec;
    fs::remove_all(*root_, ec);
    delete root_;
    report_ = nullptr;
    result_ = nullptr;
    store_ = nullptr;
    root_ = nullptr;
  }

  static std::string* root_;
  static store::Store* store_;
  static DemoResult* result_;
  static metrics::MeasureReport* report_;
};

std::string* DemoImportTest::root_ = nullptr;
store::Store* DemoImportTest::store_ = nullptr;
DemoResult* DemoImportTest::result_ = nullptr;
metrics::MeasureReport* DemoImportTest::report_ = nullptr;

TEST_F(DemoImportTest, ImportsEveryFileRegisterAndReturnAndResolvesOnce) {
  ASSERT_NE(report_, nullptr);
  ASSERT_EQ(result_->imports.size(), result_->files.size());
  ASSERT_EQ(result_->register_imports.size(), result_->registers.size());
  for (std::size_t i = 0; i < result_->registers.size(); ++i) {
    const ingest::RegisterSummary& s = result_->register_imports[i];
    EXPECT_EQ(s.kind, result_->registers[i].kind);
    EXPECT_EQ(s.member, result_->registers[i].member);
    EXPECT_FALSE(s.already_imported);
    EXPECT_EQ(s.counts.rows_rejected, 0) << result_->registers[i].path;
    EXPECT_EQ(s.counts.rows_read, result_->registers[i].rows) << result_->registers[i].path;
  }
  ASSERT_TRUE(result_->resolved.has_value());
  EXPECT_GT(result_->resolved->by_identifier, 0);     // numbers from the members' returns
  EXPECT_GT(result_->resolved->by_register_name, 0);  // names found in the registers
  EXPECT_GT(result_->resolved->unmatched, 0);         // about 40% of suppliers are in no register
  EXPECT_GT(result_->resolved->public_bodies, 0);
  // The report did not need to resolve again.
  EXPECT_FALSE(report_->resolved_now);
  EXPECT_EQ(report_->financial_years, (std::vector<int>{2022, 2023, 2024}));
  // Every member's return went in; the story's warnings are there and nothing was refused.
  ASSERT_EQ(result_->return_imports.size(), result_->returns.size());
  std::int64_t warnings = 0;
  for (std::size_t i = 0; i < result_->returns.size(); ++i) {
    const ingest::ReturnImportSummary& s = result_->return_imports[i];
    EXPECT_EQ(s.errors, 0) << result_->returns[i].path;
    ASSERT_EQ(s.returns.size(), 1u) << result_->returns[i].path;
    EXPECT_EQ(s.returns[0].member, result_->returns[i].member);
    warnings += s.warnings;
  }
  EXPECT_GE(warnings, 2);  // the corrected slip (outlier) and the member above half its levy
  EXPECT_EQ(report_->returns.financial_years, (std::vector<int>{2022, 2023, 2024}));
  EXPECT_FALSE(report_->returns.levy_warnings.empty());
  EXPECT_EQ(report_->returns.Find("", 2024)->reporting.at("W1"), 20);
}

TEST_F(DemoImportTest, EveryExclusionRuleTakesSpendOut) {
  ASSERT_NE(report_, nullptr);
  // metric: S1 S2
  const metrics::Amount t1 = NetworkTotal(*report_, &metrics::MeasureValues::t1);
  const metrics::Amount s1 = NetworkTotal(*report_, &metrics::MeasureValues::s1);
  const metrics::Amount s2 = NetworkTotal(*report_, &metrics::MeasureValues::s2);
  EXPECT_GT(t1.pence, s1.pence);
  EXPECT_GT(s1.pence, s2.pence);
  // Addressable spend is a realistic share of payments.
  const double addressable = static_cast<double>(s2.pence) / static_cast<double>(t1.pence);
  EXPECT_GT(addressable, 0.65);
  EXPECT_LT(addressable, 0.90);
  for (const std::string_view rule :
       {"payroll", "pensions", "hmrc", "financing", "internal-recharges", "between-members",
        "public-bodies", "personal-payees", "grants", "rates-and-taxes", "statutory-fees"}) {
    EXPECT_GT(BridgeTotal(*report_, "", rule), 0) << rule;
  }
  // The member-declared exclusion applies to its member only.
  EXPECT_GT(BridgeTotal(*report_, "transport-capital", "concessionary-fares"), 0);
  EXPECT_EQ(BridgeTotal(*report_, "council-ashby", "concessionary-fares"), 0);
  // Ashby's own "grants" rule replaces the default for Ashby: its "Grants and Subscriptions"
  // stay addressable, while another council's are excluded.
  const auto rules = report_->rules;
  EXPECT_TRUE(std::any_of(rules.begin(), rules.end(), [](const metrics::AppliedRule& r) {
    return r.id == "grants" && r.member == "council-ashby" && !r.is_default;
  }));
  EXPECT_GT(BridgeTotal(*report_, "council-ashby", "grants"), 0);
}

TEST_F(DemoImportTest, EveryMeasureHasFigures) {
  ASSERT_NE(report_, nullptr);
  // metric: S3
  const metrics::Amount s2 = NetworkTotal(*report_, &metrics::MeasureValues::s2);
  for (int band = 0; band < core::kSizeBandCount; ++band) {
    metrics::Amount a;
    for (const int fy : report_->financial_years) a.Add(report_->Find("", fy, 0)->by_size[band]);
    EXPECT_GT(a.pence, 0) << core::SizeBandName(static_cast<core::SizeBand>(band));
  }
  EXPECT_GT(NetworkTotal(*report_, &metrics::MeasureValues::msme).pence, 0);
  // The coverage every figure carries: partial.
  for (const int fy : report_->financial_years) {
    const metrics::MeasureValues& v = *report_->Find("", fy, 0);
    const double coverage = *metrics::Share(v.size_known().pence, v.s2.pence);
    EXPECT_GT(coverage, 0.0) << fy;
    EXPECT_LT(coverage, 1.0) << fy;
  }
  // metric: S3L
  EXPECT_GT(NetworkTotal(*report_, &metrics::MeasureValues::msme_local).pence, 0);
  // metric: S4
  EXPECT_GT(NetworkTotal(*report_, &metrics::MeasureValues::diverse_any).pence, 0);
  EXPECT_GT(NetworkTotal(*report_, &metrics::MeasureValues::diverse_certified).pence, 0);
  EXPECT_GT(NetworkTotal(*report_, &metrics::MeasureValues::diverse_self_declared).pence, 0);
  EXPECT_LT(NetworkTotal(*report_, &metrics::MeasureValues::diverse_known).pence, s2.pence);
  for (int flag = 0; flag < core::kDiverseFlagCount; ++flag) {
    metrics::Amount a;
    for (const int fy : report_->financial_years) {
      a.Add(report_->Find("", fy, 0)->diverse_by_flag[flag]);
    }
    EXPECT_GT(a.pence, 0) << core::DiverseFlagName(flag);
  }
  // metric: S6
  EXPECT_GT(NetworkTotal(*report_, &metrics::MeasureValues::vcse).pence, 0);
  EXPECT_LT(NetworkTotal(*report_, &metrics::MeasureValues::vcse_known).pence, s2.pence);
  // metric: S7 S7b
  EXPECT_GT(NetworkTotal(*report_, &metrics::MeasureValues::local).pence, 0);
  EXPECT_GT(NetworkTotal(*report_, &metrics::MeasureValues::outside).pence, 0);
  // metric: S8
  EXPECT_GT(NetworkTotal(*report_, &metrics::MeasureValues::deprived_1).pence, 0);
  EXPECT_GT(NetworkTotal(*report_, &metrics::MeasureValues::deprived_12).pence,
            NetworkTotal(*report_, &metrics::MeasureValues::deprived_1).pence);
  // metric: S9
  for (const int fy : report_->financial_years) {
    const metrics::MeasureValues& v = *report_->Find("", fy, 0);
    EXPECT_GT(v.top20, 0) << fy;
    EXPECT_GE(v.top300, v.top20) << fy;
    EXPECT_GT(v.suppliers, 300) << fy;
  }
}

TEST_F(DemoImportTest, GoalsHaveAStatus) {
  ASSERT_NE(report_, nullptr);
  ASSERT_EQ(report_->goals.size(), 8u);
  for (const metrics::GoalProgress& g : report_->goals) {
    EXPECT_NE(g.status, metrics::GoalStatus::kNoData)
        << g.goal.id << ": " << metrics::GoalStatusName(g.status);
    EXPECT_FALSE(g.rows.empty()) << g.goal.id;
    EXPECT_GT(g.coverage, 0.0) << g.goal.id;
  }
  EXPECT_GT(report_->goals[0].achieved, 0);
  EXPECT_GT(report_->goals[0].target_value, 0);
}

TEST_F(DemoImportTest, SuppliersShowWhereTheirFactsCameFrom) {
  ASSERT_NE(report_, nullptr);
  auto suppliers = store_->LoadSuppliers(true);
  ASSERT_TRUE(suppliers) << suppliers.error().ToString();
  const std::set<std::string> london(report_->network.geography_codes.begin(),
                                     report_->network.geography_codes.end());
  int local_by_branch = 0, size_conflicts = 0, from_returns = 0, members = 0;
  for (const store::SupplierRecord& s : *suppliers) {
    // Registered outside London, local through a London branch in a member's return.
    if (s.local == core::Known::kYes && !s.local_authority.empty() &&
        !london.count(s.local_authority)) {
      ++local_by_branch;
    }
    if (s.public_body == core::PublicBodyKind::kMember) ++members;
    for (const core::Fact& f : s.facts) {
      if (f.field == core::FactField::kSize && f.conflicts) ++size_conflicts;
      if (f.source == core::FactSource::kMemberReturn && f.chosen) ++from_returns;
    }
  }
  EXPECT_GT(local_by_branch, 0);
  EXPECT_GT(size_conflicts, 0);  // a member's answer and the Companies House proxy disagree
  EXPECT_GT(from_returns, 0);
  EXPECT_GT(members, 5);  // other members, paid by their names
}

}  // namespace
}  // namespace anchornet::demo
