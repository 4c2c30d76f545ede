// The synthetic demo network, its network file, and the writing of its payment files.

#include "demo/demo.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <system_error>
#include <thread>

#include "demo/internal/generator.h"
#include "demo/internal/registers.h"
#include "demo/internal/returns.h"

namespace anchornet::demo {

namespace {

using core::ErrorCode;
using core::Fail;
using internal::Layout;
using internal::MemberSpec;

constexpr std::string_view kNetworkName = "Synthetic Anchor Network (demo data)";
constexpr int kLondonBoroughs = 33;
constexpr std::int64_t kMaxTotalLines = 200'000'000;
constexpr int kMaxThreads = 8;
// Relative payment volume by month of the financial year (April first): quiet August and
// December, the year-end rush in March.
constexpr double kMonthFactor[12] = {0.92, 0.97, 1.0, 1.0,  0.86, 1.0,
                                     1.05, 1.05, 0.9, 0.97, 1.0,  1.35};
// README.txt's line width.
constexpr std::size_t kReadmeWidth = 88;
// Random month-to-month wobble of volume, as a fraction.
constexpr double kMonthNoise = 0.06;
// The network's MSME pledge in pounds per payment line generated (see DemoNetwork): the demo's
// suppliers deliver about £3,420 of MSME spend per line, so the pledge is at risk, not met.
constexpr double kMsmePledgePerLine = 3'600.0;
// Riverton's VCSE goal: a share of its addressable spend.
constexpr double kRivertonVcseShare = 0.10;

core::Location AtFile(const std::string& path) {
  core::Location where;
  where.file = path;
  return where;
}

std::string GroupThousands(std::int64_t v) {
  std::string digits = fmt::format("{}", v < 0 ? -v : v);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return v < 0 ? "-" + out : out;
}

// A TOML basic string.
std::string TomlString(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\u{:04X}", c);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
  return out;
}

// `v` rounded to `digits` significant figures (1.0789e10 -> 1.08e10 for 3).
double RoundSignificant(double v, int digits) {
  if (v <= 0) return 0;
  const int exponent = static_cast<int>(std::floor(std::log10(v))) - (digits - 1);
  if (exponent <= 0) return std::round(v);
  const double unit = std::pow(10.0, exponent);
  return std::round(v / unit) * unit;
}

// Spreads `total` over `weights` so that the parts sum exactly to `total`.
std::vector<std::int64_t> Apportion(std::int64_t total, const std::vector<double>& weights) {
  double sum = 0;
  for (const double w : weights) sum += w;
  std::vector<std::int64_t> parts(weights.size(), 0);
  double cumulative = 0;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    cumulative += weights[i];
    const auto upto =
        static_cast<std::int64_t>(std::llround(static_cast<double>(total) * cumulative / sum));
    parts[i] = upto - given;
    given = upto;
  }
  return parts;
}

core::Status CheckOptions(const DemoOptions& options) {
  if (options.dir.empty()) return Fail(ErrorCode::kUsage, "the demo needs an output directory");
  if (options.total_lines < 1 || options.total_lines > kMaxTotalLines) {
    return Fail(ErrorCode::kUsage,
                fmt::format("the number of payment lines must be between 1 and {}, not {}",
                            GroupThousands(kMaxTotalLines), options.total_lines));
  }
  if (options.years < 1 || options.years > 10) {
    return Fail(ErrorCode::kUsage,
                fmt::format("years must be between 1 and 10, not {}", options.years));
  }
  if (options.first_fy < 1990 || options.first_fy > 2090) {
    return Fail(ErrorCode::kUsage,
                fmt::format("the first financial year must be between 1990 and 2090, not {}",
                            options.first_fy));
  }
  return {};
}

// One payment file to generate.
struct Job {
  const MemberSpec* member = nullptr;
  int file_index = 0;
  int year = 0;
  int month = 0;
  std::int64_t lines = 0;
  std::string path;
};

std::vector<Job> PlanJobs(const DemoOptions& options, const std::filesystem::path& spend_dir) {
  const std::span<const MemberSpec> members = internal::MemberSpecs();
  std::vector<double> weights;
  for (const MemberSpec& m : members) weights.push_back(m.weight);
  const std::vector<std::int64_t> member_lines = Apportion(options.total_lines, weights);

  std::vector<Job> jobs;
  const int months = options.years * 12;
  for (std::size_t m = 0; m < members.size(); ++m) {
    internal::Rng rng(internal::MixSeed(options.seed, 0xF11E, m));
    std::vector<double> factors;
    factors.reserve(static_cast<std::size_t>(months));
    for (int k = 0; k < months; ++k) {
      factors.push_back(kMonthFactor[k % 12] * (1.0 + kMonthNoise * (2 * rng.Uniform() - 1)));
    }
    const std::vector<std::int64_t> lines = Apportion(member_lines[m], factors);
    for (int k = 0; k < months; ++k) {
      // A small demo leaves a quiet member some months without payments: no file for them.
      if (lines[static_cast<std::size_t>(k)] == 0) continue;
      Job job;
      job.member = &members[m];
      job.file_index = k;
      const int month0 = 3 + k;  // months since January of first_fy, April first
      job.year = options.first_fy + month0 / 12;
      job.month = month0 % 12 + 1;
      job.lines = lines[static_cast<std::size_t>(k)];
      const std::string name =
          fmt::format("synthetic-{}-{:04}-{:02}.{}", job.member->id, job.year, job.month,
                      internal::LayoutExtension(job.member->layout));
      job.path = (spend_dir / std::string(job.member->id) / name).string();
      jobs.push_back(std::move(job));
    }
  }
  return jobs;
}

// `text` broken into lines of at most `width` characters (words longer than that stay whole),
// each starting with `indent` and ending with a newline.
std::string Wrap(std::string_view text, std::string_view indent, std::size_t width) {
  std::string out;
  std::string line(indent);
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (line.size() > indent.size() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.assign(indent);
    }
    if (line.size() > indent.size()) line += ' ';
    line += word;
    start = end + 1;
  }
  if (line.size() > indent.size()) out += line + "\n";
  return out;
}

std::string Readme(const DemoOptions& options, const core::Network& network,
                   const std::vector<DemoFile>& files,
                   const std::vector<DemoRegisterFile>& registers) {
  std::int64_t lines = 0;
  std::int64_t bad = 0;
  core::Pence total = 0;
  for (const DemoFile& f : files) {
    lines += f.lines;
    bad += f.bad_rows;
    total += f.total;
  }
  const int last_fy = options.first_fy + options.years - 1;
  std::string out;
  out += "SYNTHETIC DEMO DATA - NOT REAL PAYMENTS\n";
  out += "=======================================\n\n";
  out += "Everything in this directory was generated by `anchornet demo`. Every organisation,\n";
  out += "supplier, person and payment in it is made up; any resemblance to a real body or\n";
  out += "company is accidental. Do not use it for any decision.\n\n";
  out += fmt::format("Network:        {} ({} members), defined in network.toml\n", network.name,
                     network.members.size());
  out += fmt::format("Seed:           {}\n", options.seed);
  out += fmt::format("Years:          {} to {} (financial years starting 1 April)\n",
                     core::FinancialYearLabel(options.first_fy), core::FinancialYearLabel(last_fy));
  out += fmt::format("Payment lines:  {} asked for, {} written in {} files, totalling {}\n",
                     GroupThousands(options.total_lines), GroupThousands(lines), files.size(),
                     core::FormatPounds(total));
  out += fmt::format("Bad rows:       {} (see below)\n\n", GroupThousands(bad));
  out += "The same seed, number of lines, first year and number of years always give the same\n";
  out += "files, byte for byte: run `anchornet demo` again with those settings to regenerate\n";
  out += "them.\n\n";

  out += "How the data was made\n---------------------\n";
  out += "- Suppliers come from a pool of 40,000 fictional names built from word parts, with a\n";
  out += "  long-tail popularity: a few large contractors are paid by most members and get much\n";
  out += "  of the spend; most suppliers are paid rarely. Members spell the same supplier\n";
  out +=
      "  differently (\"KESTREL CLEANING LTD\", \"Kestrel Cleaning Limited\"), and about 1% of\n";
  out += "  names carry a keying slip (a double space or a trailing full stop).\n";
  out += "- Some payees are private individuals with the name redacted (\"REDACTED PERSONAL\n";
  out += "  DATA\", \"Name redacted\", \"REFUND TO PRIVATE INDIVIDUAL\"); some are public bodies\n";
  out += "  (HMRC, pension schemes, London bodies) or other members of the network.\n";
  out += "- Some payments are not addressable spend, as in real files: PAYE and pension\n";
  out += "  contributions once a month, seconded staff booked to salaries, loan interest,\n";
  out += "  grants to the voluntary sector, business and water rates, licence fees, and\n";
  out += "  concessionary fares paid by the transport authority.\n";
  out += "- Amounts are log-normal, mostly between 250 and 50,000 pounds with a few large\n";
  out += "  payments; about 2% are credit notes (negative).\n";
  out += "- Payments fall on weekdays; March (year end) is busier, August and December quieter.\n";
  out += "- Each member publishes one file per month in one layout, as real publishers do.\n\n";

  out += "Deliberately bad rows\n---------------------\n";
  out += "About one row in 20,000 is deliberately wrong: an amount of \"TBC\" or a date of\n";
  out += "31 February. The importer rejects those rows (bad_amount, bad_date) and lists them in\n";
  out += "the import summary; every other row imports. They are not counted in the lines and\n";
  out += "totals above. Files in the preamble-cp1252 layout end with a Total row, which is not\n";
  out += "a payment.\n\n";

  out += "Layouts\n-------\n";
  for (int l = 0; l < internal::kLayoutCount; ++l) {
    const auto layout = static_cast<Layout>(l);
    out += fmt::format("{}: {}.\n  Members:", internal::LayoutName(layout),
                       internal::LayoutDescription(layout));
    for (const MemberSpec& m : internal::MemberSpecs()) {
      if (m.layout == layout) out += fmt::format(" {}", m.id);
    }
    out += "\n";
  }
  out += "\nMembers\n-------\n";
  for (const MemberSpec& m : internal::MemberSpecs()) {
    std::int64_t member_lines = 0;
    for (const DemoFile& f : files) {
      if (f.member == m.id) member_lines += f.lines;
    }
    out += fmt::format("{:<22} {:<18} {:<16} {:>10} lines  {}\n", m.id, core::SectorName(m.sector),
                       internal::LayoutName(m.layout), GroupThousands(member_lines), m.name);
  }
  out += "\nFiles are in spend/<member>/synthetic-<member>-<yyyy>-<mm>.csv (or .xlsx).\n";

  out += "\nRegisters and supplier returns (all invented)\n";
  out += "---------------------------------------------\n";
  out += "The registers below are made up in the layouts of the real ones, so that the demo's\n";
  out += "suppliers can be classified the way real ones are: size from Companies House account\n";
  out += "categories, VCSE status from legal forms and the charity register, location and\n";
  out += "deprivation from postcodes. Company numbers starting 99 or 98, charity numbers\n";
  out +=
      "starting 1999, wards E05999... and LSOAs E01999... do not exist; the postcodes use real\n";
  out += "districts with invented units, and their deprivation deciles are invented too. The\n";
  out += "public bodies are real names, but every payment to them is invented. Eight members\n";
  out += "send supplier returns (what they know about their main suppliers: size, VCSE status,\n";
  out += "diverse ownership with its evidence, trading addresses); those answers are invented\n";
  out += "and sometimes disagree with the registers, as real ones do.\n\n";
  for (const DemoRegisterFile& r : registers) {
    const std::string name = std::filesystem::path(r.path).filename().string();
    const std::string folder = std::filesystem::path(r.path).parent_path().filename().string();
    out += fmt::format("{}/{} ({}, {} rows)\n{}", folder, name, r.kind, GroupThousands(r.rows),
                       Wrap(r.description, "  ", kReadmeWidth));
  }
  out += "\nThey are imported with `anchornet import register KIND FILE` (returns with\n";
  out += "--member ID), then the suppliers are resolved once.\n";
  return out;
}

}  // namespace

namespace internal {

core::Status WriteWholeFile(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    return Fail(ErrorCode::kStoreIo, fmt::format("cannot create {}", tmp), AtFile(path));
  }
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const bool closed = std::fclose(f) == 0;
  std::error_code ec;
  if (!written || !closed) {
    std::filesystem::remove(tmp, ec);
    return Fail(ErrorCode::kStoreIo, fmt::format("cannot write {} (disk full?)", tmp),
                AtFile(path));
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    return Fail(ErrorCode::kStoreIo, fmt::format("cannot rename {}: {}", tmp, ec.message()),
                AtFile(path));
  }
  return {};
}

}  // namespace internal

const std::vector<std::string>& LayoutNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    v.reserve(internal::kLayoutCount);
    for (int l = 0; l < internal::kLayoutCount; ++l) {
      v.emplace_back(internal::LayoutName(static_cast<Layout>(l)));
    }
    return v;
  }();
  return names;
}

core::Network DemoNetwork(int first_fy, int years, std::int64_t total_lines) {
  core::Network network;
  network.name = std::string(kNetworkName);
  network.financial_year_start = core::MonthDay{4, 1};
  network.geography_name = "London";
  for (int b = 1; b <= kLondonBoroughs; ++b) {
    network.geography_codes.push_back(internal::BoroughCode(b));
  }
  for (const MemberSpec& m : internal::MemberSpecs()) {
    network.members.push_back(core::Member{std::string(m.id), std::string(m.name), m.sector,
                                           internal::BoroughCode(m.borough)});
  }
  years = std::max(years, 1);
  const int last_fy = first_fy + years - 1;
  const std::string period = fmt::format("FY {} to FY {}", core::FinancialYearLabel(first_fy),
                                         core::FinancialYearLabel(last_fy));
  // The London Anchor Institutions' Network pledged £1.17bn with MSMEs over three years; the
  // demo's network is of another size, so its pledge is scaled to the payment lines generated
  // (three significant figures), pitched a little above what the demo's suppliers deliver.
  const double pledge = RoundSignificant(
      static_cast<double>(std::max<std::int64_t>(total_lines, 1)) * kMsmePledgePerLine, 3);
  const core::Pence pledge_pence = std::llround(pledge * 100);
  network.goals.push_back(core::Goal{
      .id = "network-msme-spend",
      .measure = "S3",
      .kind = core::GoalKind::kCumulative,
      .target = pledge_pence,
      .member = "",
      .from_fy = first_fy,
      .to_fy = last_fy,
      .description = fmt::format(
          "Example goal (synthetic), after LAIN's pledge of £1.17bn over three years: the "
          "network pays {} to micro, small and medium businesses over {}",
          core::FormatPoundsShort(pledge_pence), period)});
  network.goals.push_back(core::Goal{
      .id = "member-msme-share",
      .measure = "S3",
      .kind = core::GoalKind::kShare,
      .target = 300'000,  // parts per million: 30%
      .member = "",
      .from_fy = first_fy,
      .to_fy = last_fy,
      .description = "Example goal (synthetic): each member spends 30% of its addressable spend "
                     "with micro, small and medium businesses, every year"});
  network.goals.push_back(core::Goal{
      .id = "riverton-vcse-share",
      .measure = "S6",
      .kind = core::GoalKind::kShare,
      .target = std::llround(kRivertonVcseShare * core::kShareTargetScale),
      .member = "council-riverton",
      .from_fy = first_fy,
      .to_fy = last_fy,
      .description = fmt::format("Example goal (synthetic): Riverton spends {:.0f}% of its "
                                 "addressable spend with the voluntary, community and social "
                                 "enterprise sector, every year",
                                 kRivertonVcseShare * 100)});
  // Goals on the members' returns (demo/internal/returns.h), after the kinds of pledge networks
  // make: staff on the living wage, apprentices, carbon literacy, carbon saved, prompt payment.
  network.goals.push_back(core::Goal{
      .id = "network-living-wage",
      .measure = "W1",
      .kind = core::GoalKind::kCumulative,
      .target = 18'000,
      .member = "",
      .from_fy = first_fy,
      .to_fy = last_fy,
      .description = fmt::format("Example goal (synthetic): 18,000 staff uplifted to the London "
                                 "Living Wage over {}",
                                 period)});
  network.goals.push_back(core::Goal{
      .id = "apprentices-in-post",
      .measure = "W2P",
      .kind = core::GoalKind::kAbsolute,
      .target = 3'400,
      .member = "",
      .from_fy = first_fy,
      .to_fy = last_fy,
      .description = fmt::format("Example goal (synthetic): 3,400 apprentices in post across the "
                                 "network by the end of FY {}",
                                 core::FinancialYearLabel(last_fy))});
  network.goals.push_back(core::Goal{
      .id = "carbon-literacy",
      .measure = "E1",
      .kind = core::GoalKind::kCumulative,
      .target = 20'000,
      .member = "",
      .from_fy = first_fy,
      .to_fy = last_fy,
      .description = fmt::format("Example goal (synthetic): 20,000 staff trained in carbon "
                                 "literacy over {}",
                                 period)});
  network.goals.push_back(core::Goal{
      .id = "carbon-saved",
      .measure = "E2",
      .kind = core::GoalKind::kCumulative,
      .target = 60'000'000,  // kilograms CO2e: 60,000 tonnes
      .member = "",
      .from_fy = first_fy,
      .to_fy = last_fy,
      .description =
          fmt::format("Example goal (synthetic): 60,000 tonnes CO2e saved over {}", period)});
  network.goals.push_back(core::Goal{
      .id = "prompt-payment",
      .measure = "C5",
      .kind = core::GoalKind::kShare,
      .target = 900'000,  // parts per million: 90%
      .member = "",
      .from_fy = first_fy,
      .to_fy = last_fy,
      .description = "Example goal (synthetic): every member pays 90% of invoices within 30 "
                     "days, every year"});
  // A member's own version of a default rule, and a member-declared exclusion.
  network.rules.push_back(core::SpendRule{
      .id = "grants",
      .stage = core::RuleStage::kS2,
      .match = core::RuleMatch::kExpenseType,
      .patterns = {"grants to voluntary organisations", "community grants",
                   "voluntary sector grants"},
      .reason = "Ashby books subscriptions under 'Grants and Subscriptions': only its grants to "
                "the voluntary sector are not purchases",
      .member = "council-ashby",
      .enabled = true});
  network.rules.push_back(core::SpendRule{
      .id = "concessionary-fares",
      .stage = core::RuleStage::kS2,
      .match = core::RuleMatch::kExpenseType,
      .patterns = {"concessionary fares"},
      .reason = "reimbursements to bus operators under the statutory concessionary fares scheme "
                "are not purchases",
      .member = std::string(internal::kConcessionaryFaresMember),
      .enabled = true});
  network.synthetic = true;
  return network;
}

std::string NetworkToml(const core::Network& network) {
  std::string out;
  if (network.synthetic) {
    out += "# SYNTHETIC DEMO DATA: generated by `anchornet demo`.\n";
    out += "# Every member, supplier and payment in this network is made up. Not real data.\n\n";
  }
  out += fmt::format("name = {}\n", TomlString(network.name));
  out += fmt::format("financial_year_start = \"{:02}-{:02}\"\n", network.financial_year_start.month,
                     network.financial_year_start.day);
  out += fmt::format("synthetic = {}\n", network.synthetic ? "true" : "false");

  if (!network.geography_name.empty() || !network.geography_codes.empty()) {
    out += "\n[geography]\n";
    out += fmt::format("name = {}\n", TomlString(network.geography_name));
    out += "codes = [";
    for (std::size_t i = 0; i < network.geography_codes.size(); ++i) {
      out += i % 6 == 0 ? "\n  " : " ";
      out += TomlString(network.geography_codes[i]);
      out += ",";
    }
    out += network.geography_codes.empty() ? "]\n" : "\n]\n";
  }

  for (const core::Member& m : network.members) {
    out += "\n[[members]]\n";
    out += fmt::format("id = {}\n", TomlString(m.id));
    out += fmt::format("name = {}\n", TomlString(m.name));
    out += fmt::format("sector = {}\n", TomlString(core::SectorName(m.sector)));
    if (!m.geography.empty()) out += fmt::format("geography = {}\n", TomlString(m.geography));
  }

  for (const core::Goal& g : network.goals) {
    out += "\n[[goals]]\n";
    out += fmt::format("id = {}\n", TomlString(g.id));
    out += fmt::format("measure = {}\n", TomlString(g.measure));
    out += fmt::format("kind = {}\n", TomlString(core::GoalKindName(g.kind)));
    out += fmt::format("target = {}\n", core::FormatGoalTarget(g));
    out += fmt::format("from_fy = {}\n", TomlString(core::FinancialYearLabel(g.from_fy)));
    out += fmt::format("to_fy = {}\n", TomlString(core::FinancialYearLabel(g.to_fy)));
    if (!g.member.empty()) out += fmt::format("member = {}\n", TomlString(g.member));
    if (!g.description.empty()) {
      out += fmt::format("description = {}\n", TomlString(g.description));
    }
  }

  for (const core::SpendRule& r : network.rules) {
    out += "\n[[rules]]\n";
    out += fmt::format("id = {}\n", TomlString(r.id));
    out += fmt::format("stage = {}\n", TomlString(core::RuleStageName(r.stage)));
    if (!r.enabled) out += "enabled = false\n";
    out += fmt::format("match = {}\n", TomlString(core::RuleMatchName(r.match)));
    out += "patterns = [";
    for (std::size_t i = 0; i < r.patterns.size(); ++i) {
      if (i > 0) out += ", ";
      out += TomlString(r.patterns[i]);
    }
    out += "]\n";
    out += fmt::format("reason = {}\n", TomlString(r.reason));
    if (!r.member.empty()) out += fmt::format("member = {}\n", TomlString(r.member));
  }
  return out;
}

core::Result<DemoResult> WriteDemoFiles(const DemoOptions& options) {
  if (auto ok = CheckOptions(options); !ok) return tl::unexpected(ok.error());

  const std::filesystem::path dir(options.dir);
  const std::filesystem::path spend_dir = dir / "spend";
  std::error_code ec;
  for (const MemberSpec& m : internal::MemberSpecs()) {
    std::filesystem::create_directories(spend_dir / std::string(m.id), ec);
    if (ec) {
      return Fail(ErrorCode::kStoreIo,
                  fmt::format("cannot create directory {}: {}",
                              (spend_dir / std::string(m.id)).string(), ec.message()),
                  AtFile(options.dir));
    }
  }

  DemoResult result;
  result.network = DemoNetwork(options.first_fy, options.years, options.total_lines);
  result.network_path = (dir / "network.toml").string();
  result.readme_path = (dir / "README.txt").string();
  if (auto ok = internal::WriteWholeFile(result.network_path, NetworkToml(result.network)); !ok) {
    return tl::unexpected(ok.error());
  }

  const internal::SupplierPool pool(options.seed, internal::kSupplierPoolSize);
  internal::Plan plan;
  plan.seed = options.seed;
  plan.pool = &pool;
  for (const MemberSpec& m : internal::MemberSpecs()) plan.member_names.push_back(m.name);
  const internal::Labels labels{kNetworkName, options.seed};

  std::vector<Job> jobs = PlanJobs(options, spend_dir);
  if (options.progress) {
    options.progress(fmt::format("writing {} synthetic payment lines in {} files to {}",
                                 GroupThousands(options.total_lines), jobs.size(),
                                 spend_dir.string()));
  }
  std::vector<DemoFile> files(jobs.size());
  std::vector<core::Status> statuses(jobs.size());
  // Work through the files month by month across members, so that the XLSX files (written one
  // at a time) are spread over the run instead of queueing behind each other.
  std::vector<std::size_t> order(jobs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&jobs](std::size_t a, std::size_t b) {
    return jobs[a].file_index < jobs[b].file_index;
  });
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex xlsx_mutex;  // libxlsxwriter is not documented as thread-safe

  auto work = [&] {
    for (;;) {
      const std::size_t n = next.fetch_add(1);
      if (n >= order.size() || failed.load()) return;
      const std::size_t i = order[n];
      const Job& job = jobs[i];
      const internal::FileBatch batch =
          internal::GenerateFile(plan, *job.member, job.year, job.month, job.file_index, job.lines);
      DemoFile& file = files[i];
      file.member = std::string(job.member->id);
      file.path = job.path;
      file.layout = std::string(internal::LayoutName(job.member->layout));
      file.year = job.year;
      file.month = job.month;
      file.lines = batch.good_lines;
      file.total = batch.total;
      file.bad_rows = batch.bad_rows;
      if (job.member->layout == Layout::kXlsx) {
        const std::string tmp = job.path + ".tmp";
        {
          const std::lock_guard<std::mutex> lock(xlsx_mutex);
          statuses[i] = internal::WriteXlsx(batch, labels, tmp);
        }
        std::error_code fs_ec;
        if (statuses[i]) {
          std::filesystem::rename(tmp, job.path, fs_ec);
          if (fs_ec) {
            statuses[i] =
                Fail(ErrorCode::kStoreIo, fmt::format("cannot rename {}: {}", tmp, fs_ec.message()),
                     AtFile(job.path));
          }
        }
        if (!statuses[i]) std::filesystem::remove(tmp, fs_ec);
        std::error_code size_ec;
        const auto size = std::filesystem::file_size(job.path, size_ec);
        file.bytes = size_ec ? 0 : static_cast<std::int64_t>(size);
      } else {
        const std::string bytes = internal::RenderText(batch, labels);
        file.bytes = static_cast<std::int64_t>(bytes.size());
        statuses[i] = internal::WriteWholeFile(job.path, bytes);
      }
      if (!statuses[i]) failed.store(true);
    }
  };

  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::clamp(threads, 1, kMaxThreads);
  std::vector<std::thread> pool_threads;
  for (int t = 1; t < threads; ++t) {
    try {
      pool_threads.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads available: the calling thread and any started ones do the work
    }
  }
  work();
  for (std::thread& t : pool_threads) t.join();

  for (const core::Status& status : statuses) {
    if (!status) return tl::unexpected(status.error());
  }

  if (options.progress) {
    for (const MemberSpec& m : internal::MemberSpecs()) {
      std::int64_t lines = 0;
      std::int64_t count = 0;
      for (const DemoFile& f : files) {
        if (f.member != m.id) continue;
        lines += f.lines;
        ++count;
      }
      options.progress(fmt::format("wrote {} files for {} ({}): {} synthetic payment lines", count,
                                   m.id, internal::LayoutName(m.layout), GroupThousands(lines)));
    }
  }

  result.files = std::move(files);
  auto registers = internal::WriteRegisters(pool, options.seed, dir);
  if (!registers) return tl::unexpected(registers.error());
  result.registers = std::move(*registers);
  // Illustrative GHG factors for the activity years, imported before the returns that use them.
  auto factors = internal::WriteGhgFactorFiles(options.dir, options.first_fy, options.years);
  if (!factors) return tl::unexpected(factors.error());
  for (DemoRegisterFile& f : *factors) result.registers.push_back(std::move(f));
  // Members' returns, as members send them: the template filled in, CSV or XLSX.
  {
    const std::vector<internal::DemoReturn> returns =
        internal::MakeReturns(options.seed, options.first_fy, options.years);
    std::error_code ec;
    std::filesystem::create_directories(dir / "returns", ec);
    for (std::size_t i = 0; i < returns.size(); ++i) {
      const internal::DemoReturn& r = returns[i];
      // Last year's figures, as the template shows them: the member's previous annual return.
      const core::MemberReturn* last = nullptr;
      for (std::size_t j = 0; j < i; ++j) {
        const core::MemberReturn& p = returns[j].ret;
        if (p.member == r.ret.member && p.financial_year == r.ret.financial_year - 1 &&
            p.quarter == 0 && !returns[j].superseded_later) {
          last = &p;
        }
      }
      DemoReturnFile file;
      file.member = r.ret.member;
      file.financial_year = r.ret.financial_year;
      file.quarter = r.ret.quarter;
      file.replaced_later = r.superseded_later;
      file.path = (dir / "returns" /
                   fmt::format("synthetic-{}-return-{}{}{}.{}", r.ret.member,
                               core::FinancialYearLabel(r.ret.financial_year).replace(4, 1, "-"),
                               r.ret.quarter ? fmt::format("-q{}", r.ret.quarter) : "",
                               r.superseded_later ? "-first" : "", r.xlsx ? "xlsx" : "csv"))
                      .string();
      if (auto s = ingest::WriteFilledReturn(result.network, r.ret, last, file.path); !s) {
        return tl::unexpected(s.error());
      }
      result.returns.push_back(std::move(file));
    }
  }
  if (options.progress) {
    options.progress(fmt::format("wrote {} synthetic members' returns under {}",
                                 result.returns.size(), (dir / "returns").string()));
  }
  if (options.progress) {
    options.progress(fmt::format(
        "wrote {} synthetic registers and supplier returns under {} and {}",
        result.registers.size(), (dir / "registers").string(), (dir / "returns").string()));
  }
  if (auto ok = internal::WriteWholeFile(
          result.readme_path, Readme(options, result.network, result.files, result.registers));
      !ok) {
    return tl::unexpected(ok.error());
  }
  return result;
}

}  // namespace anchornet::demo
