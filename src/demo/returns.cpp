// The demo's members' returns and illustrative GHG factors (demo/internal/returns.h).
#include "demo/internal/returns.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "demo/internal/generator.h"

namespace anchornet::demo::internal {

namespace {

// Staff across the demo network; each member has its payment weight's share.
constexpr double kNetworkStaff = 120'000;

// The members that send no return for the last year, the one that reports quarterly then, the
// one whose first return for the last year is replaced, and the one above half its levy funds.
constexpr std::string_view kMissingLastYear[] = {"faith-staldric", "cultural-wharfside"};
constexpr std::string_view kQuarterlyLastYear = "police-metropolis";
constexpr std::string_view kCorrectedLastYear = "council-riverton";
constexpr std::string_view kLevyHeavy = "uni-thamesgate";

// Illustrative factors (kg CO2e per unit) by activity year, near DESNZ's published values.
struct DemoFactor {
  std::string_view id, scope, level1, level2, level3, column_text, unit;
  double value[3];  // first_fy, +1, +2 (later years repeat the last)
};
constexpr DemoFactor kFactors[] = {
    {"7_400_4000_5_1",
     "Scope 2",
     "UK electricity",
     "Electricity generated",
     "Electricity: UK",
     "",
     "kWh",
     {0.19338, 0.20707, 0.20705}},
    {"1_100_1004_6_1",
     "Scope 1",
     "Fuels",
     "Gaseous fuels",
     "Natural gas",
     "",
     "kWh (Gross CV)",
     {0.18254, 0.18293, 0.18290}},
    {"1_101_1011_8_1",
     "Scope 1",
     "Fuels",
     "Liquid fuels",
     "Diesel (average biofuel blend)",
     "",
     "litres",
     {2.51233, 2.51206, 2.51279}},
    {"1_101_1017_8_1",
     "Scope 1",
     "Fuels",
     "Liquid fuels",
     "Petrol (average biofuel blend)",
     "",
     "litres",
     {2.16185, 2.09747, 2.08440}},
};

bool IsMissingLastYear(std::string_view id) {
  for (std::string_view m : kMissingLastYear) {
    if (m == id) return true;
  }
  return false;
}

std::int64_t Round(double v) { return static_cast<std::int64_t>(std::llround(std::max(0.0, v))); }

// A member's figures for one year: its size, a sector bias and a rising trend.
core::MemberReturn MemberYear(const MemberSpec& m, double weight_total, std::size_t index,
                              std::uint64_t seed, int fy, int year_index) {
  Rng rng(MixSeed(seed, 0x5E7A, index * 16 + static_cast<std::size_t>(year_index)));
  const double staff = kNetworkStaff * m.weight / weight_total;
  const double growth = 1.0 + 0.18 * year_index;  // networks do more each year
  auto noisy = [&](double v) { return v * (0.85 + 0.3 * rng.Uniform()); };
  const bool nhs = m.sector == core::Sector::kNhs;
  const bool council = m.sector == core::Sector::kLocalGovernment;

  core::MemberReturn r;
  r.member = std::string(m.id);
  r.financial_year = fy;
  auto add = [&](std::string_view measure, std::int64_t value, std::string note = {}) {
    r.figures.push_back({std::string(measure), value, std::move(note), "", 0});
  };
  const std::int64_t w1d = Round(noisy(staff * (nhs ? 0.030 : 0.018) * growth));
  add("W1D", w1d);
  add("W1C", Round(noisy(staff * (council ? 0.028 : 0.015) * growth)));
  add("W2S", Round(noisy(staff * 0.012 * growth)));
  add("W2P", Round(noisy(staff * 0.021 * growth)));
  // Levy: 0.5% of a pay bill at about £38k a head, less the £15,000 allowance, with the 10%
  // top-up on what enters the account.
  const double levy_pounds = std::max(0.0, staff * 38'000 * 0.005 - 15'000);
  const std::int64_t funds = Round(levy_pounds * 1.1 * 100);
  if (funds > 0) add("W3F", funds);
  add("W4", Round(noisy(staff * 0.004 * growth)));
  const std::int64_t mentors = Round(noisy(staff * 0.006 * growth));
  add("W5I", mentors);
  add("W5T", Round(mentors * 0.8));
  add("W5M", Round(mentors * 0.65));
  const std::int64_t e1 = Round(noisy(staff * 0.045 * growth));
  add("E1", e1);
  add("E1C", Round(e1 * (0.45 + 0.2 * rng.Uniform())));
  if (rng.Chance(0.3)) {
    add("E2D", Round(noisy(staff * 2.0)),  // kg CO2e
        "Staff travel survey: commuting and business mileage before and after the travel plan, "
        "DESNZ passenger vehicle factors");
  }
  if (rng.Chance(0.5)) add("E3", Round(noisy(staff * 120 * 100)));
  add("E4", Round(noisy(std::max(2.0, staff / 400))));
  add("C4", Round(noisy(std::max(1.0, staff / 1500))));
  const std::int64_t invoices = Round(noisy(staff * 3.2));
  add("C5T", invoices);
  add("C5", Round(invoices * (0.82 + 0.15 * rng.Uniform())));

  // Levy transfers: two or three small firms and a charity a year.
  if (funds > 0) {
    const double share = m.id == kLevyHeavy ? 0.56 : 0.12 + 0.2 * rng.Uniform();
    const int n = 2 + static_cast<int>(rng.Below(2));
    static constexpr std::string_view kRecipients[] = {
        "Synthetic Care Homes Ltd",        "Synthetic Digital Skills CIC",
        "Synthetic Engineering Works Ltd", "Synthetic Community Nursery",
        "Synthetic Catering Co-operative", "Synthetic Big Contractor plc"};
    for (int k = 0; k < n; ++k) {
      core::LevyTransfer t;
      t.row = 0;
      const std::size_t pick = (index + static_cast<std::size_t>(k) * 2 + year_index) % 6;
      t.recipient = std::string(kRecipients[pick]);
      if (pick == 5) {
        t.recipient_sme = false;
      } else if (pick == 3) {
        t.recipient_sme = std::nullopt;  // not stated: not counted as an SME
      } else {
        t.recipient_sme = true;
      }
      t.committed = Round(static_cast<double>(funds) * share / n);
      t.paid = Round(static_cast<double>(t.committed) * (0.55 + 0.35 * rng.Uniform()));
      t.apprenticeships = std::max<std::int64_t>(1, t.committed / 900'000);
      r.transfers.push_back(std::move(t));
    }
  }

  // Carbon projects: an LED retrofit (electricity), a heat pump replacing a gas boiler (gas),
  // and for transport and the police an electric fleet (diesel).
  const int activity_year = fy;
  auto project = [&](std::string kind, std::string name, std::string_view factor_id,
                     std::string unit, double baseline, double cut) {
    core::CarbonProject p;
    p.id = fmt::format("SYN-{}-{}-{}", m.id, kind, fy);
    for (char& c : p.id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    p.name = std::move(name);
    p.kind = std::move(kind);
    p.activity = std::string(factor_id);
    p.unit = std::move(unit);
    p.activity_year = activity_year;
    p.baseline = std::round(baseline);
    p.after = std::round(baseline * (1.0 - cut));
    r.projects.push_back(std::move(p));
  };
  project("retrofit", "LED lighting in the main buildings (synthetic)", "7_400_4000_5_1", "kWh",
          noisy(staff * 900), 0.35 + 0.2 * rng.Uniform());
  if (rng.Chance(0.6)) {
    project("heat", "Air-source heat pump replacing a gas boiler (synthetic)", "1_100_1004_6_1",
            "kWh (Gross CV)", noisy(staff * 1400), 0.7);
  }
  if (m.sector == core::Sector::kTransport || m.sector == core::Sector::kPoliceFire) {
    project("fleet", "Electric vans replacing diesel (synthetic)", "1_101_1011_8_1", "litres",
            noisy(staff * 40), 0.4);
  }
  return r;
}

}  // namespace

std::vector<std::string> MembersMissingLastYear() {
  return {std::begin(kMissingLastYear), std::end(kMissingLastYear)};
}

std::vector<DemoReturn> MakeReturns(std::uint64_t seed, int first_fy, int years) {
  std::vector<DemoReturn> out;
  const std::span<const MemberSpec> members = MemberSpecs();
  double weight_total = 0;
  for (const MemberSpec& m : members) weight_total += m.weight;
  for (int y = 0; y < years; ++y) {
    const int fy = first_fy + y;
    const bool last = y == years - 1;
    for (std::size_t i = 0; i < members.size(); ++i) {
      const MemberSpec& m = members[i];
      if (last && IsMissingLastYear(m.id)) continue;
      core::MemberReturn r = MemberYear(m, weight_total, i, seed, fy, y);
      const bool xlsx = i % 3 == 0;
      if (last && m.id == kQuarterlyLastYear) {
        // Three quarterly returns: flows split across the quarters, stocks at each quarter end.
        for (int q = 1; q <= 3; ++q) {
          core::MemberReturn part = r;
          part.quarter = q;
          for (core::ReturnFigure& f : part.figures) {
            const core::ReturnMeasure* info = core::FindReturnMeasure(f.measure);
            if (info && info->flow == core::MeasureFlow::kFlow) f.value = f.value / 4;
          }
          for (core::LevyTransfer& t : part.transfers) {
            t.committed /= 4;
            t.paid /= 4;
            t.apprenticeships = std::max<std::int64_t>(1, t.apprenticeships / 4);
          }
          for (core::CarbonProject& p : part.projects) p.id += fmt::format("-Q{}", q);
          // Projects save a quarter of the year's activity each quarter.
          for (core::CarbonProject& p : part.projects) {
            p.baseline = std::round(p.baseline / 4);
            p.after = std::round(p.after / 4);
          }
          out.push_back({std::move(part), false, xlsx});
        }
        continue;
      }
      if (last && m.id == kCorrectedLastYear) {
        core::MemberReturn slip = r;
        for (core::ReturnFigure& f : slip.figures) {
          if (f.measure == "W1D") f.value *= 10;  // a typing slip: flagged, then corrected
        }
        out.push_back({std::move(slip), true, xlsx});
      }
      out.push_back({std::move(r), false, xlsx});
    }
  }
  return out;
}

core::Result<std::vector<DemoRegisterFile>> WriteGhgFactorFiles(const std::string& dir,
                                                                int first_fy, int years) {
  std::vector<DemoRegisterFile> out;
  const std::filesystem::path folder = std::filesystem::path(dir) / "registers";
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  for (int y = 0; y < years; ++y) {
    const int year = first_fy + y;
    std::string text =
        "SYNTHETIC demo GHG conversion factors (illustrative values near DESNZ's; not "
        "DESNZ's),,,,,,,,,\n"
        "Factors by Category,,,,,,,,,\n"
        ",,Category,,,,,,,\n";
    text += fmt::format(
        "ID,Scope,Level 1,Level 2,Level 3,Level 4,Column Text,UOM,GHG/Unit,GHG Conversion "
        "Factor {}\n",
        year);
    for (const DemoFactor& f : kFactors) {
      const double v = f.value[std::min(y, 2)];
      text += fmt::format("{},{},{},{},{},,{},{},kg CO2e,{}\n", f.id, f.scope, f.level1, f.level2,
                          f.level3, f.column_text, f.unit, v);
    }
    const std::string path = (folder / fmt::format("synthetic-ghg-factors-{}.csv", year)).string();
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) {
      return core::Fail(core::ErrorCode::kStoreIo, "could not write the demo's GHG factors",
                        {path});
    }
    out.push_back({"ghg-factors", "", path, static_cast<std::int64_t>(std::size(kFactors)),
                   fmt::format("illustrative GHG conversion factors for {} in the DESNZ flat-file "
                               "layout (four fuels; values near DESNZ's, not DESNZ's)",
                               year)});
  }
  return out;
}

}  // namespace anchornet::demo::internal
