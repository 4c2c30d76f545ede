#include "core/returns.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "core/money.h"
#include "core/text.h"

namespace anchornet::core {

std::string_view ReturnUnitName(ReturnUnit unit) {
  switch (unit) {
    case ReturnUnit::kCount:
      return "count";
    case ReturnUnit::kPounds:
      return "pounds";
    case ReturnUnit::kTonnes:
      return "tCO2e";
  }
  return "count";
}

std::string_view ReturnUnitLabel(ReturnUnit unit) {
  switch (unit) {
    case ReturnUnit::kCount:
      return "number";
    case ReturnUnit::kPounds:
      return "£";
    case ReturnUnit::kTonnes:
      return "tonnes CO2e";
  }
  return "number";
}

std::optional<ReturnUnit> ParseReturnUnit(std::string_view text) {
  const std::string t = ToLowerAscii(Trim(text));
  if (t == "count" || t == "number" || t == "people" || t == "no." || t == "#") {
    return ReturnUnit::kCount;
  }
  if (t == "pounds" || t == "£" || t == "gbp" || t == "\xc2\xa3") return ReturnUnit::kPounds;
  if (t == "tco2e" || t == "tonnes co2e" || t == "tonnes" || t == "t co2e") {
    return ReturnUnit::kTonnes;
  }
  return std::nullopt;
}

std::string_view PillarName(Pillar pillar) {
  switch (pillar) {
    case Pillar::kProcurement:
      return "procurement";
    case Pillar::kGoodWork:
      return "good-work";
    case Pillar::kYoungPeople:
      return "young-people";
    case Pillar::kNetZero:
      return "net-zero";
  }
  return "procurement";
}

std::string PillarLabel(Pillar pillar, std::string_view geography_name) {
  switch (pillar) {
    case Pillar::kProcurement:
      return "Inclusive growth through procurement";
    case Pillar::kGoodWork:
      return "Good work";
    case Pillar::kYoungPeople:
      return geography_name == "London" ? "Young Londoners" : "Young people";
    case Pillar::kNetZero:
      return "Net zero";
  }
  return "";
}

const std::vector<ReturnMeasure>& ReturnMeasures() {
  using enum ReturnUnit;
  using enum MeasureFlow;
  using enum Pillar;
  static const std::vector<ReturnMeasure> kMeasures = {
      {"W1D", "Staff uplifted to the Real Living Wage: direct employees", kCount, kFlow, kGoodWork,
       "Employees whose hourly pay was raised to at least the Real Living Wage in the period "
       "(the London rate for London workplaces). Count each person once."},
      {"W1C", "Staff uplifted to the Real Living Wage: contracted staff", kCount, kFlow, kGoodWork,
       "Staff of your contractors (cleaning, catering, security, care...) working on your "
       "contracts whose pay was raised to at least the Real Living Wage in the period."},
      {"W2S", "Apprenticeship starts", kCount, kFlow, kYoungPeople,
       "Apprentices who started with you in the period (new hires and existing staff)."},
      {"W2P", "Apprentices in post at the period end", kCount, kStock, kYoungPeople,
       "Apprentices employed on the last day of the period. Never added to starts."},
      {"W3F", "Annual apprenticeship levy funds", kPounds, kFlow, kYoungPeople,
       "Levy funds that entered your apprenticeship service account in the financial year. Up "
       "to 50% may be transferred (since April 2024); transfers are listed on the 'Levy "
       "transfers' sheet."},
      {"W4", "Hires from target groups", kCount, kFlow, kGoodWork,
       "People hired in the period from the network's target groups (care leavers, long-term "
       "unemployed, disabled people, prison leavers, residents of the most deprived areas)."},
      {"W5I", "Mentors identified", kCount, kFlow, kYoungPeople,
       "Staff who volunteered as mentors in the period."},
      {"W5T", "Mentors trained", kCount, kFlow, kYoungPeople,
       "Mentors who completed mentor training in the period."},
      {"W5M", "Mentors matched with a young person", kCount, kFlow, kYoungPeople,
       "Mentors matched with a mentee in the period."},
      {"E1", "Staff trained in carbon literacy or environmental sustainability", kCount, kFlow,
       kNetZero,
       "Staff who completed carbon literacy or environmental sustainability training in the "
       "period, certified or not."},
      {"E1C", "of whom certified", kCount, kFlow, kNetZero,
       "Of E1, staff certified (e.g. by the Carbon Literacy Trust). Not more than E1."},
      {"E2D", "Carbon saved, reported directly", kTonnes, kFlow, kNetZero,
       "Tonnes CO2e saved in the period by measures not listed on the 'Carbon projects' sheet. "
       "A method note is required.",
       true},
      {"E3", "Decarbonisation funds secured", kPounds, kFlow, kNetZero,
       "External funds secured in the period for decarbonisation (e.g. Public Sector "
       "Decarbonisation Scheme grants)."},
      {"E4", "Buildings identified for retrofit", kCount, kStock, kNetZero,
       "Buildings in your estate identified for retrofit at the period end."},
      {"C4", "Forward plans and pipeline notices published", kCount, kFlow, kProcurement,
       "Procurement pipeline notices or forward plans you published in the period."},
      {"C5", "Invoices paid within 30 days", kCount, kFlow, kProcurement,
       "Undisputed invoices paid within 30 days of receipt in the period."},
      {"C5T", "Invoices paid (all)", kCount, kFlow, kProcurement,
       "All undisputed invoices paid in the period: the denominator of C5."},
  };
  return kMeasures;
}

const ReturnMeasure* FindReturnMeasure(std::string_view id) {
  const std::string want = ToUpperAscii(Trim(id));
  for (const ReturnMeasure& m : ReturnMeasures()) {
    if (m.id == want) return &m;
  }
  return nullptr;
}

const std::vector<DerivedMeasure>& DerivedReturnMeasures() {
  static const std::vector<DerivedMeasure> kDerived = {
      {"W1", "Staff uplifted to the Real Living Wage", ReturnUnit::kCount, MeasureFlow::kFlow,
       Pillar::kGoodWork,
       "W1D + W1C: direct employees and contracted staff uplifted in the period."},
      {"W3", "Apprenticeship levy transferred (paid)", ReturnUnit::kPounds, MeasureFlow::kFlow,
       Pillar::kYoungPeople,
       "The sum of the levy transfers' amounts paid in the period (the 'Levy transfers' rows)."},
      {"W3C", "Apprenticeship levy transfers committed", ReturnUnit::kPounds, MeasureFlow::kFlow,
       Pillar::kYoungPeople, "The sum of the levy transfers' amounts committed in the period."},
      {"W3S", "Apprenticeship levy transferred to SMEs (paid)", ReturnUnit::kPounds,
       MeasureFlow::kFlow, Pillar::kYoungPeople,
       "Transfers paid whose recipient is stated to be a small or medium enterprise; transfers "
       "whose recipient's size is not stated are not counted."},
      {"W3A", "Apprenticeships funded by levy transfers", ReturnUnit::kCount, MeasureFlow::kFlow,
       Pillar::kYoungPeople, "The sum of the transfers' apprenticeships funded."},
      {"E2P", "Carbon saved by listed projects", ReturnUnit::kTonnes, MeasureFlow::kFlow,
       Pillar::kNetZero,
       "Per project (baseline activity - activity after) x the DESNZ conversion factor of the "
       "activity's year, summed over the return's carbon projects."},
      {"E2", "Carbon saved in the year", ReturnUnit::kTonnes, MeasureFlow::kFlow, Pillar::kNetZero,
       "E2D (reported directly, with a method) + E2P (computed from projects)."},
      {"E2CUM", "Carbon saved, cumulative", ReturnUnit::kTonnes, MeasureFlow::kFlow,
       Pillar::kNetZero,
       "E2 summed over every financial year with a return up to and including this one. Kept "
       "apart from the annual figure: never add the two."},
  };
  return kDerived;
}

std::optional<ReturnMeasureInfo> FindAnyReturnMeasure(std::string_view id) {
  if (const ReturnMeasure* m = FindReturnMeasure(id)) {
    return ReturnMeasureInfo{std::string(m->id), std::string(m->label),   m->unit, m->flow,
                             m->pillar,          std::string(m->guidance)};
  }
  const std::string want = ToUpperAscii(Trim(id));
  for (const DerivedMeasure& d : DerivedReturnMeasures()) {
    if (d.id == want) {
      return ReturnMeasureInfo{std::string(d.id), std::string(d.label),     d.unit, d.flow,
                               d.pillar,          std::string(d.definition)};
    }
  }
  return std::nullopt;
}

bool IsSpendGoalMeasure(std::string_view id) {
  static constexpr std::string_view kIds[] = {"S1", "S2", "S3", "S3L", "S4", "S6", "S7", "S8"};
  for (std::string_view k : kIds) {
    if (k == id) return true;
  }
  return false;
}

namespace {

// Whole digits with optional thousands separators; false on anything else.
bool ParseDigits(std::string_view s, std::int64_t* out) {
  std::string digits;
  for (char c : s) {
    if (c == ',') continue;
    if (c < '0' || c > '9') return false;
    digits.push_back(c);
  }
  if (digits.empty() || digits.size() > 15) return false;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *out);
  return ec == std::errc() && p == digits.data() + digits.size();
}

}  // namespace

std::optional<std::int64_t> ParseReturnValue(std::string_view text, ReturnUnit unit,
                                             std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<std::int64_t> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  std::string_view t = Trim(text);
  if (t.empty()) return fail("empty");
  if (unit == ReturnUnit::kPounds) {
    const ParsedMoney m = ParseMoney(t);
    if (m.status != MoneyParse::kOk) return fail("not an amount of money");
    if (m.pence < 0) return fail("negative");
    return m.pence;
  }
  bool negative = false;
  if (t.front() == '-') {
    negative = true;
    t.remove_prefix(1);
  }
  const std::size_t dot = t.find('.');
  std::int64_t whole = 0;
  if (!ParseDigits(dot == std::string_view::npos ? t : t.substr(0, dot), &whole)) {
    return fail("not a number");
  }
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : t.substr(dot + 1);
  if (unit == ReturnUnit::kCount) {
    for (char c : frac) {
      if (c < '0' || c > '9') return fail("not a number");
      if (c != '0') return fail("not a whole number");
    }
    if (negative && whole != 0) return fail("negative");
    return whole;
  }
  // Tonnes: up to three decimals, to the kilogram.
  if (frac.size() > 3) return fail("more than 3 decimals (tonnes are kept to the kilogram)");
  std::int64_t kg = 0;
  if (!frac.empty() && !ParseDigits(frac, &kg)) return fail("not a number");
  for (std::size_t i = frac.size(); i < 3; ++i) kg *= 10;
  const std::int64_t value = whole * 1000 + kg;
  if (negative && value != 0) return fail("negative");
  return value;
}

std::string FormatReturnValue(std::int64_t value, ReturnUnit unit) {
  switch (unit) {
    case ReturnUnit::kCount:
      return std::to_string(value);
    case ReturnUnit::kPounds:
      return FormatDecimal(value);
    case ReturnUnit::kTonnes: {
      const char* sign = value < 0 ? "-" : "";
      const std::int64_t a = value < 0 ? -value : value;
      return fmt::format("{}{}.{:03}", sign, a / 1000, a % 1000);
    }
  }
  return std::to_string(value);
}

std::string FormatCount(std::int64_t n) {
  const bool negative = n < 0;
  std::string digits = std::to_string(negative ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return negative ? "-" + out : out;
}

std::string FormatMeasureValue(std::int64_t value, ReturnUnit unit) {
  switch (unit) {
    case ReturnUnit::kCount:
      return FormatCount(value);
    case ReturnUnit::kPounds:
      return FormatPoundsShort(value);
    case ReturnUnit::kTonnes:
      if (value < 100'000 && value > -100'000) {
        return fmt::format("{:.1f} tCO2e", static_cast<double>(value) / 1000.0);
      }
      return FormatCount((value + (value < 0 ? -500 : 500)) / 1000) + " tCO2e";
  }
  return FormatCount(value);
}

std::vector<std::string_view> CarbonProjectKinds() {
  return {"retrofit", "fleet", "renewables", "heat", "travel", "waste", "other"};
}

std::string ReturnPeriodLabel(int financial_year, int quarter) {
  if (quarter == 0) return "FY " + FinancialYearLabel(financial_year);
  return fmt::format("FY {} Q{}", FinancialYearLabel(financial_year), quarter);
}

std::optional<std::pair<int, int>> ParseReturnPeriod(std::string_view text) {
  std::string t = ToUpperAscii(Trim(text));
  if (StartsWith(t, "FY")) t = std::string(Trim(std::string_view(t).substr(2)));
  int quarter = 0;
  // "Q2 2024/25" or "2024/25 Q2"
  auto take_quarter = [&](std::size_t at) {
    if (at + 1 < t.size() && t[at] == 'Q' && t[at + 1] >= '1' && t[at + 1] <= '4') {
      quarter = t[at + 1] - '0';
      t.erase(at, 2);
      return true;
    }
    return false;
  };
  if (!take_quarter(0)) {
    const std::size_t q = t.rfind('Q');
    if (q != std::string::npos && !take_quarter(q)) return std::nullopt;
  }
  const std::string_view year = Trim(t);
  if (year.empty() || year == "YEAR") return std::nullopt;
  auto fy = ParseFinancialYear(year);
  if (!fy) return std::nullopt;
  return std::make_pair(*fy, quarter);
}

const std::vector<LivingWageRate>& LivingWageRates() {
  // Living Wage Foundation announcements; employers implement by the following 1 May.
  static const std::vector<LivingWageRate> kRates = {
      {FromCivil(2016, 11, 3), FromCivil(2017, 5, 1), 975, 845},
      {FromCivil(2017, 11, 6), FromCivil(2018, 5, 1), 1020, 875},
      {FromCivil(2018, 11, 5), FromCivil(2019, 5, 1), 1055, 900},
      {FromCivil(2019, 11, 11), FromCivil(2020, 5, 1), 1075, 930},
      {FromCivil(2020, 11, 9), FromCivil(2021, 5, 1), 1085, 950},
      {FromCivil(2021, 11, 15), FromCivil(2022, 5, 1), 1105, 990},
      {FromCivil(2022, 9, 22), FromCivil(2023, 5, 1), 1195, 1090},
      {FromCivil(2023, 10, 24), FromCivil(2024, 5, 1), 1315, 1200},
      {FromCivil(2024, 10, 22), FromCivil(2025, 5, 1), 1385, 1260},
      {FromCivil(2025, 10, 22), FromCivil(2026, 5, 1), 1480, 1345},
  };
  return kRates;
}

const LivingWageRate* LivingWageRateAt(Date date) {
  const LivingWageRate* found = nullptr;
  for (const LivingWageRate& r : LivingWageRates()) {
    if (r.announced <= date) found = &r;
  }
  return found;
}

}  // namespace anchornet::core
