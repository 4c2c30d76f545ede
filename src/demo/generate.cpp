// The random source and the payment generator: one member's payments for one month.

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numbers>

#include "demo/internal/generator.h"

namespace anchornet::demo::internal {

namespace {

// Shares of lines paid to national and London public bodies, and to other members.
constexpr double kPublicBodyShare = 0.012;
constexpr double kMemberShare = 0.010;
// Shares of lines whose spend is not addressable though paid to companies: seconded and interim
// staff booked to salaries, financing, grants, rates and statutory fees (docs/metrics.md, S1 and
// S2); grants are a larger share for councils.
constexpr double kSalariesShare = 0.010;
constexpr double kFinancingShare = 0.002;
constexpr double kGrantShare = 0.006;
constexpr double kCouncilGrantShare = 0.025;
constexpr double kRatesShare = 0.005;
constexpr double kStatutoryFeeShare = 0.003;
// The transport authority reimburses bus operators for concessionary fares (a member-declared
// exclusion in the demo's network file).
constexpr double kConcessionaryFaresShare = 0.03;
// PAYE and pension contributions are paid as a few large payments each month, sized from the
// month's line count and this typical line (close to the demo's mean supplier payment).
constexpr double kTypicalLinePence = 10'000.0 * 100;
constexpr double kPensionOfPayroll = 0.45;
// Files with fewer lines than this carry no payroll lump payments (tiny members at small sizes).
constexpr std::int64_t kLumpMinLines = 30;
// Share of lines that are credit notes (negative amounts).
constexpr double kCreditNoteShare = 0.02;
// Share of lines that are large capital or contract payments.
constexpr double kLargePaymentShare = 0.003;
// About one row in 20,000 is deliberately bad, so that rejects show up in the summary.
constexpr double kBadRowShare = 1.0 / 20'000;
// Share of supplier lines whose rank is drawn from the network-wide popularity (big shared
// contractors); the rest come from the member's own long tail.
constexpr double kSharedSupplierShare = 0.55;
// The network's biggest contractors, whom members also buy from through national frameworks.
constexpr std::uint64_t kFrameworkContractors = 60;
// Share of supplier lines placed through those frameworks: hospitals, the police and the utility
// buy much more from the big contractors than councils, universities or a cathedral.
double FrameworkShare(core::Sector sector) {
  switch (sector) {
    case core::Sector::kNhs:
      return 0.06;
    case core::Sector::kPoliceFire:
    case core::Sector::kUtility:
      return 0.05;
    case core::Sector::kTransport:
      return 0.04;
    case core::Sector::kLocalGovernment:
    case core::Sector::kPrivate:
      return 0.015;
    default:
      return 0.01;
  }
}
// Share of supplier names written with a one-off slip (trailing full stop, double space).
constexpr double kNameSlipShare = 0.012;
// dos-cp850: share of amounts written with a pound sign.
constexpr double kPoundSignShare = 0.3;
// Spread of one supplier's invoices around its typical amount (natural log).
constexpr double kAmountSigma = 1.0;
constexpr core::Pence kMinAmount = 100;     // £1
constexpr double kMaxAmount = 800'000'000;  // £8m: larger draws are folded below it

std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

bool IsWeekday(core::Date d) {
  // 1970-01-01 was a Thursday: days % 7 == 0 is Thursday, 2 is Saturday, 3 is Sunday.
  const int dow = ((d.days % 7) + 7) % 7;
  return dow != 2 && dow != 3;
}

std::string UpperUtf8(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'a' && c <= 'z') {
      out[i] = static_cast<char>(c - 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      // Latin-1 lower-case letters U+00E0..U+00FE (not U+00F7 division sign).
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0xA0 && next <= 0xBE && next != 0xB7) out[i + 1] = static_cast<char>(next - 0x20);
      ++i;
    }
  }
  return out;
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos)) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

// The last weekday on or before day `day` of the month that starts on `first`.
core::Date WeekdayOnOrBefore(core::Date first, int day) {
  core::Date d{first.days + day - 1};
  while (!IsWeekday(d)) --d.days;
  return d;
}

// The expense types payments to other members are booked to. "Recharges" leave at S1 (internal
// recharges); the rest at S2 (public bodies).
constexpr std::string_view kNhsMemberExpense[] = {"Healthcare from NHS Bodies",
                                                  "Services from Other NHS Bodies", "Recharges"};
constexpr std::string_view kMemberExpense[] = {"Shared Service Charges",
                                               "Partnership Contributions", "Recharges"};
constexpr std::string_view kSalaryExpense[] = {"Salaries - Seconded Staff",
                                               "Salaries - Interim Staff"};
constexpr std::string_view kGrantExpense[] = {"Grants to Voluntary Organisations",
                                              "Community Grants", "Voluntary Sector Grants"};

}  // namespace

void AppendStyledName(std::string& arena, std::string_view name, NameStyle style) {
  switch (style) {
    case NameStyle::kAsGiven:
      arena.append(name);
      return;
    case NameStyle::kUpper:
      arena.append(UpperUtf8(name));
      return;
    case NameStyle::kLongForm: {
      std::string s(name);
      if (s.ends_with(" Ltd")) s.replace(s.size() - 3, 3, "Limited");
      ReplaceAll(s, " & ", " and ");
      arena.append(s);
      return;
    }
  }
}

std::uint64_t SplitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t MixSeed(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  std::uint64_t state = seed;
  std::uint64_t x = SplitMix64(state);
  state = x ^ (a * 0xD1B54A32D192ED03ULL);
  x = SplitMix64(state);
  state = x ^ (b * 0x8CB92BA72F3D8DD7ULL);
  return SplitMix64(state);
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (std::uint64_t& s : s_) s = SplitMix64(state);
}

std::uint64_t Rng::Next() {
  const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

double Rng::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

std::uint64_t Rng::Below(std::uint64_t n) {
  // Lemire's multiply-shift; the tiny bias is irrelevant for synthetic data.
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
}

double Rng::Normal() {
  double u1 = Uniform();
  if (u1 < 1e-300) u1 = 1e-300;
  const double u2 = Uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::string_view LayoutName(Layout layout) {
  switch (layout) {
    case Layout::kLgtcCsv:
      return "lgtc-csv";
    case Layout::kPreambleCp1252:
      return "preamble-cp1252";
    case Layout::kExcelSerial:
      return "excel-serial";
    case Layout::kSemicolonIso:
      return "semicolon-iso";
    case Layout::kXlsx:
      return "xlsx";
    case Layout::kTabDmy:
      return "tab-dmy";
    case Layout::kDosCp850:
      return "dos-cp850";
  }
  return "unknown";
}

std::string_view LayoutExtension(Layout layout) { return layout == Layout::kXlsx ? "xlsx" : "csv"; }

std::string_view LayoutDescription(Layout layout) {
  switch (layout) {
    case Layout::kLgtcCsv:
      return "UTF-8 CSV in the Local Government Transparency Code shape; dd/mm/yyyy dates; "
             "amounts of 1,000 or more quoted with thousands separators";
    case Layout::kPreambleCp1252:
      return "Windows-1252 CSV with CRLF line ends, a six-line report preamble before the header, "
             "the pound sign as byte 0xA3, dd-MON-yyyy dates and a trailing Total row";
    case Layout::kExcelSerial:
      return "UTF-8 CSV with a byte-order mark, a leading blank row, Excel serial day numbers "
             "as dates (45017 is 1 April 2023) and forty empty trailing columns on every row";
    case Layout::kSemicolonIso:
      return "semicolon-delimited UTF-8 with ISO dates (2023-04-03), '.' decimals and a VAT "
             "column";
    case Layout::kXlsx:
      return "Excel workbook, one sheet, real date cells and number cells";
    case Layout::kTabDmy:
      return "tab-delimited UTF-8 with 'd Mon yyyy' dates and credit notes in brackets";
    case Layout::kDosCp850:
      return "DOS code page 850 CSV with CRLF line ends, the pound sign as byte 0x9C in the "
             "header and in some amounts, dd-Mon-yy dates and upper-case payee names";
  }
  return "";
}

FileBatch GenerateFile(const Plan& plan, const MemberSpec& member, int year, int month,
                       int file_index, std::int64_t lines) {
  FileBatch batch;
  batch.member = &member;
  batch.year = year;
  batch.month = month;

  // One random stream per member (supplier preferences) and one per file (the payments), so a
  // file's bytes do not depend on which thread wrote it or on the other files.
  const std::uint64_t member_number = MemberNumber(member);
  Rng rng(MixSeed(plan.seed, 1 + member_number, 1 + static_cast<std::uint64_t>(file_index)));

  const SupplierPool& pool = *plan.pool;
  const std::uint64_t n = pool.size();
  const MemberTail tail = MemberTailOf(plan.seed, member, n);
  const double framework_share = FrameworkShare(member.sector);

  // Weekdays of the month; Tuesdays and Thursdays (payment runs) count twice.
  std::vector<core::Date> days;
  const core::Date first = core::FromCivil(year, month, 1);
  for (int d = 1; core::IsValidCivil(year, month, d); ++d) {
    const core::Date day{first.days + d - 1};
    if (!IsWeekday(day)) continue;
    days.push_back(day);
    const int dow = ((day.days % 7) + 7) % 7;  // 0 Thursday, 5 Tuesday
    if (dow == 0 || dow == 5) days.push_back(day);
  }

  const std::span<const std::string_view> areas = ServiceAreas(member.sector);
  const std::span<const std::string_view> sector_expense = SectorExpenseTypes(member.sector);
  const std::span<const std::string_view> personal_expense = PersonalExpenseTypes(member.sector);
  const std::span<const std::string_view> member_expense =
      member.sector == core::Sector::kNhs ? std::span<const std::string_view>(kNhsMemberExpense)
                                          : std::span<const std::string_view>(kMemberExpense);
  const std::span<const Trade> trades = Trades();
  const std::span<const PublicBody> bodies = PublicBodies();
  const bool is_nhs = member.sector == core::Sector::kNhs;
  const bool borrows_from_pwlb = member.sector == core::Sector::kLocalGovernment ||
                                 member.sector == core::Sector::kTransport ||
                                 member.sector == core::Sector::kPoliceFire;
  // Councils of the network other than this member: business rates are paid to them.
  std::vector<std::string_view> councils;
  for (const MemberSpec& m : MemberSpecs()) {
    if (m.sector == core::Sector::kLocalGovernment && &m != &member) councils.push_back(m.name);
  }

  batch.payments.reserve(static_cast<std::size_t>(lines) + 8);
  batch.arena.reserve(static_cast<std::size_t>(lines) * 28);

  // Cumulative thresholds of the kinds of line, in the order add_line tests them.
  const double personal_cut = member.personal_share;
  const double public_cut = personal_cut + kPublicBodyShare;
  const double member_cut = public_cut + (plan.member_names.size() > 1 ? kMemberShare : 0.0);
  const double salaries_cut = member_cut + kSalariesShare;
  const double financing_cut = salaries_cut + kFinancingShare;
  const double grant_cut =
      financing_cut +
      (member.sector == core::Sector::kLocalGovernment ? kCouncilGrantShare : kGrantShare);
  const double rates_cut = grant_cut + kRatesShare;
  const double statutory_cut = rates_cut + kStatutoryFeeShare;
  const double fares_cut =
      statutory_cut + (member.id == kConcessionaryFaresMember ? kConcessionaryFaresShare : 0.0);

  // A supplier from the pool: the network's big shared contractors or the member's own tail,
  // spelt the member's way with the occasional keying slip.
  auto append_supplier = [&](const Supplier& supplier, std::uint32_t payee_offset) {
    AppendStyledName(batch.arena, supplier.name, member.name_style);
    if (rng.Chance(kNameSlipShare)) {
      // The same supplier keyed slightly differently: "Kestrel  Cleaning Ltd", "... Ltd.".
      const std::size_t space = batch.arena.find(' ', payee_offset);
      if (rng.Chance(0.5) && space != std::string::npos) {
        batch.arena.insert(space, " ");
      } else {
        batch.arena.push_back('.');
      }
    }
  };
  auto pick_supplier = [&]() -> const Supplier& {
    if (rng.Chance(framework_share)) return pool.at(rng.Below(kFrameworkContractors));
    const std::size_t rank = pool.SampleRank(rng);
    return pool.at(rng.Chance(kSharedSupplierShare) ? rank : tail.Index(rank, n));
  };

  auto finish = [&](Payment& p, double log_mean, double sigma, bool vat_rated) {
    p.payee_length = static_cast<std::uint32_t>(batch.arena.size() - p.payee_offset);
    double pence = std::exp(log_mean + sigma * rng.Normal());
    if (rng.Chance(kLargePaymentShare)) pence *= 10.0 + 50.0 * rng.Uniform();
    if (rng.Chance(0.2)) pence = std::round(pence / 100.0) * 100.0;  // whole pounds
    if (pence > kMaxAmount) pence = kMaxAmount * (0.3 + 0.7 * rng.Uniform());
    p.amount = std::max(static_cast<core::Pence>(std::llround(pence)), kMinAmount);
    if (rng.Chance(kCreditNoteShare)) p.amount = -p.amount;
    p.vat = vat_rated ? (p.amount >= 0 ? (p.amount + 2) / 5 : -((-p.amount + 2) / 5)) : 0;
    p.pound_sign = rng.Chance(kPoundSignShare);
    p.invoice = static_cast<std::uint32_t>(100'000 + rng.Below(900'000));
    if (p.bad == BadCell::kNone) {
      ++batch.good_lines;
      batch.total += p.amount;
    } else {
      ++batch.bad_rows;
    }
    batch.payments.push_back(p);
  };

  auto add_line = [&](core::Date paid_on, BadCell bad) {
    Payment p;
    p.paid_on = paid_on;
    p.service_area = areas[rng.Below(areas.size())];
    p.bad = bad;
    p.payee_offset = static_cast<std::uint32_t>(batch.arena.size());
    double log_mean;
    double sigma = kAmountSigma;
    bool vat_rated = false;
    const double u = rng.Uniform();
    if (u < personal_cut) {
      batch.arena.append(PersonalPayees()[rng.Below(PersonalPayees().size())]);
      p.expense_type = personal_expense[rng.Below(personal_expense.size())];
      log_mean = std::log(350.0 * 100);
      sigma = 0.9;
    } else if (u < public_cut) {
      std::size_t pick = rng.Below(bodies.size());
      while (bodies[pick].nhs_only && !is_nhs) pick = (pick + 1) % bodies.size();
      batch.arena.append(bodies[pick].name);
      p.expense_type = bodies[pick].expense_type;
      log_mean = std::log(12000.0 * 100);
      sigma = 1.3;
    } else if (u < member_cut) {
      // Another member of the network, by its name.
      std::size_t pick = rng.Below(plan.member_names.size());
      if (plan.member_names[pick] == member.name) pick = (pick + 1) % plan.member_names.size();
      AppendStyledName(batch.arena, plan.member_names[pick], member.name_style);
      p.expense_type = member_expense[rng.Below(member_expense.size())];
      log_mean = std::log(12000.0 * 100);
      sigma = 1.3;
    } else if (u < salaries_cut) {
      // Seconded and interim staff booked to salaries: payroll, whoever is paid.
      const Supplier& supplier = pick_supplier();
      append_supplier(supplier, p.payee_offset);
      p.expense_type = kSalaryExpense[rng.Below(std::size(kSalaryExpense))];
      log_mean = std::log(7500.0 * 100);
      sigma = 0.8;
    } else if (u < financing_cut) {
      if (borrows_from_pwlb && rng.Chance(0.7)) {
        batch.arena.append("Public Works Loan Board");
        p.expense_type = rng.Chance(0.5) ? "Interest Payable - PWLB" : "Loan Repayments - PWLB";
      } else {
        const FixedPayee& lessor = FixedPayeeFor(FixedPayeeRole::kLeaseInterest);
        AppendStyledName(batch.arena, lessor.name, member.name_style);
        p.expense_type = lessor.expense_type;
      }
      log_mean = std::log(45000.0 * 100);
      sigma = 1.2;
    } else if (u < grant_cut) {
      // Grants to the voluntary sector, more often to the better known organisations.
      const std::vector<std::uint32_t>& vcse = pool.VcseLike();
      if (vcse.empty()) {
        append_supplier(pick_supplier(), p.payee_offset);
      } else {
        const std::size_t k = std::min(rng.Below(vcse.size()), rng.Below(vcse.size()));
        append_supplier(pool.at(vcse[k]), p.payee_offset);
      }
      p.expense_type = kGrantExpense[rng.Below(std::size(kGrantExpense))];
      log_mean = std::log(6000.0 * 100);
      sigma = 1.1;
    } else if (u < rates_cut) {
      if (rng.Chance(0.5)) {
        const bool to_member = !councils.empty() && rng.Chance(0.6);
        AppendStyledName(batch.arena,
                         to_member ? councils[rng.Below(councils.size())]
                                   : std::string_view("London Borough of Camden"),
                         member.name_style);
        p.expense_type = "Business Rates";
      } else {
        const FixedPayee& water = FixedPayeeFor(FixedPayeeRole::kWaterRates);
        AppendStyledName(batch.arena, water.name, member.name_style);
        p.expense_type = water.expense_type;
      }
      log_mean = std::log(8000.0 * 100);
    } else if (u < statutory_cut) {
      const FixedPayee& licensing = FixedPayeeFor(FixedPayeeRole::kLicenceFees);
      AppendStyledName(batch.arena, licensing.name, member.name_style);
      p.expense_type = licensing.expense_type;
      log_mean = std::log(900.0 * 100);
    } else if (u < fares_cut) {
      const FixedPayee& bus = FixedPayeeFor(FixedPayeeRole::kBusOperator, rng.Below(3));
      AppendStyledName(batch.arena, bus.name, member.name_style);
      p.expense_type = bus.expense_type;
      log_mean = std::log(25000.0 * 100);
      sigma = 0.8;
    } else {
      const Supplier& supplier = pick_supplier();
      append_supplier(supplier, p.payee_offset);
      const Trade& trade = trades[supplier.trade];
      p.expense_type =
          rng.Chance(0.85) ? trade.expense_type : sector_expense[rng.Below(sector_expense.size())];
      log_mean = supplier.log_mean;
      vat_rated = trade.vat_rated;
    }
    finish(p, log_mean, sigma, vat_rated);
  };

  // Payroll: PAYE and National Insurance to HMRC by the 22nd, pension contributions by the 19th,
  // each one payment a month sized from the month's spend with suppliers.
  struct Lump {
    core::Date paid_on;
    std::string_view payee;
    std::string_view expense_type;
    core::Pence amount;
  };
  std::vector<Lump> lumps;
  if (lines >= kLumpMinLines) {
    constexpr std::string_view kHmrcSpellings[] = {"HM Revenue & Customs", "HMRC",
                                                   "H M Revenue and Customs"};
    const double scale =
        static_cast<double>(lines - 2) * kTypicalLinePence * PayrollShare(member.sector);
    const double paye = scale * (1.0 + 0.04 * rng.Normal());
    const double pension = scale * kPensionOfPayroll * (1.0 + 0.02 * rng.Normal());
    lumps.push_back({WeekdayOnOrBefore(first, 19), PensionPayee(member),
                     "Employer Pension Contributions", std::llround(pension)});
    lumps.push_back({WeekdayOnOrBefore(first, 22), kHmrcSpellings[member_number % 3],
                     "PAYE and National Insurance", std::llround(paye)});
    lines -= static_cast<std::int64_t>(lumps.size());
  }
  auto add_lump = [&](const Lump& lump) {
    Payment p;
    p.paid_on = lump.paid_on;
    p.service_area = "Payroll";
    p.payee_offset = static_cast<std::uint32_t>(batch.arena.size());
    AppendStyledName(batch.arena, lump.payee, member.name_style);
    p.payee_length = static_cast<std::uint32_t>(batch.arena.size() - p.payee_offset);
    p.expense_type = lump.expense_type;
    p.amount = lump.amount;
    p.invoice = static_cast<std::uint32_t>(100'000 + rng.Below(900'000));
    ++batch.good_lines;
    batch.total += p.amount;
    batch.payments.push_back(p);
  };

  // Count the payments of each day first, then generate them in date order (no sort needed).
  std::vector<std::int64_t> per_day(32, 0);
  for (std::int64_t i = 0; i < lines; ++i) {
    ++per_day[static_cast<std::size_t>(days[rng.Below(days.size())].days - first.days)];
  }
  for (std::size_t d = 0; d < per_day.size(); ++d) {
    const core::Date paid_on{first.days + static_cast<std::int32_t>(d)};
    for (const Lump& lump : lumps) {
      if (lump.paid_on == paid_on) add_lump(lump);
    }
    for (std::int64_t i = 0; i < per_day[d]; ++i) {
      add_line(paid_on, BadCell::kNone);
      if (rng.Chance(kBadRowShare)) {
        add_line(paid_on, rng.Chance(0.5) ? BadCell::kAmount : BadCell::kDate);
      }
    }
  }
  // References run on through the member's files, in payment order.
  const std::int64_t base = 1'000'000'000 * (1 + static_cast<std::int64_t>(member_number)) +
                            static_cast<std::int64_t>(file_index) * 1'000'000;
  std::int64_t next = base;
  for (Payment& p : batch.payments) {
    next += 1 + static_cast<std::int64_t>(rng.Below(3));
    p.reference = next;
  }
  return batch;
}

}  // namespace anchornet::demo::internal
