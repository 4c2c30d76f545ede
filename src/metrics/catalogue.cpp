// The measure catalogue (catalogue.h). Short forms of docs/metrics.md.
#include "metrics/catalogue.h"

#include "metrics/measures.h"

namespace anchornet::metrics {

namespace {

constexpr int kV = kMeasuresVersion;

constexpr MeasureEntry kCatalogue[] = {
    {"T1", "Payments as published", "Payments as published",
     "Every imported payment line, as the member published it.",
     "Imported payment lines, net of recoverable VAT where the file says so", "",
     "Rejected, skipped and duplicate rows are not counted", "pence", false, kV},
    {"S1", "Third-party spend", "Third-party spend",
     "Payments to external payees, excluding payroll, pensions, HMRC, financing and internal "
     "recharges (the network's S1 rules).",
     "T1 less the S1 exclusions", "",
     "Payroll, pensions, HMRC (PAYE, NIC, VAT), financing and debt, internal recharges; at "
     "network level, payments between members",
     "pence", false, kV},
    {"S2", "Addressable spend", "Addressable spend",
     "S1 minus payments to public bodies (including other members), personal payees, grants, "
     "rates and taxes, statutory fees and categories the network declares non-addressable.",
     "S1 less the S2 exclusions", "",
     "Public bodies (including other members), personal payees, grants, rates and taxes, "
     "statutory fees and member-declared exclusions, each with its reason",
     "pence", false, kV},
    {"S3", "Direct MSME spend", "Spend with micro, small and medium businesses",
     "S2 paid to suppliers known to be micro, small or medium (the procurement SME test); "
     "suppliers whose size is not known are not counted as SMEs or as large.",
     "S2 with suppliers sized micro, small, medium or SME", "S2",
     "Split micro / small / medium / SME (band not known) / large / unknown; unknown size is "
     "never counted as not MSME",
     "pence", true, kV},
    {"S3L", "Local MSME spend", "Spend with local micro, small and medium businesses",
     "S3 paid to suppliers based in the network's geography.",
     "S3 with suppliers in the network's geography", "S2",
     "Suppliers of unknown location are not counted", "pence", true, kV},
    {"S4", "Diverse-owned spend", "Spend with diverse-owned businesses",
     "S2 paid to suppliers at least 51% owned or led by women, ethnic minority, disabled or "
     "LGBTQ+ people, certified or self-declared.",
     "S2 with suppliers at least 51% owned or controlled by women, ethnic minority, disabled "
     "or LGBTQ+ people",
     "S2",
     "Any flag, by flag, and by evidence (certified, self-declared); basis coverage: S2 whose "
     "supplier answered for at least one flag",
     "pence", true, kV},
    {"S6", "VCSE spend", "Spend with the VCSE sector",
     "S2 paid to charities, CIOs, CICs, community benefit societies and other voluntary, "
     "community and social enterprise organisations.",
     "S2 with charities, CIOs, CICs, community benefit societies and companies limited by "
     "guarantee with an asset lock",
     "S2", "Basis coverage: S2 whose supplier's VCSE status is known", "pence", true, kV},
    {"S7", "Local spend", "Local spend",
     "S2 paid to suppliers based (or with a branch) in the network's geography.",
     "S2 with suppliers based in the network's geography", "S2",
     "Basis coverage: S2 whose supplier is known to be inside or outside the geography", "pence",
     true, kV},
    {"S7b", "Leakage", "Spend leaving the area",
     "S2 paid to suppliers known to be based outside the network's geography.",
     "S2 with suppliers known to be outside the network's geography", "S2",
     "Unknown location is neither local nor leakage", "pence", true, kV},
    {"S8", "Spend in deprived areas", "Spend in deprived areas",
     "S2 paid to suppliers whose postcode is in an LSOA in IMD deciles 1-2.",
     "S2 with suppliers whose LSOA is in IMD decile 1, and in deciles 1-2", "S2",
     "Basis coverage: S2 whose supplier's LSOA is known", "pence", true, kV},
    {"S9", "Concentration", "Concentration of spend",
     "The share of S2 paid to the 20 and the 300 largest suppliers, and how many suppliers "
     "were paid.",
     "S2 to the 20 and the 300 largest suppliers by S2; count of suppliers with positive S2", "S2",
     "Financial years only, not quarters", "pence", false, kV},
    {"Coverage", "Size coverage", "Supplier size known",
     "The share of S2 paid to suppliers whose size is known.",
     "S2 whose supplier's size is known (any band)", "S2", "Carried by every figure", "pence",
     false, kV},
};

}  // namespace

std::span<const MeasureEntry> MeasureCatalogue() { return kCatalogue; }

const MeasureEntry* FindMeasure(std::string_view id) {
  for (const MeasureEntry& m : kCatalogue) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

}  // namespace anchornet::metrics
