// Members' annual (or quarterly) returns: the workforce, climate and procurement-practice figures
// that are not in payment files (docs/metrics.md, W1-W5, E1-E4, C4-C5), and the Real Living Wage
// rate table they are read against.
//
// A return is one member's figures for one period: a financial year, or one quarter of it. Each
// figure is an integer in its measure's base unit (people and other counts as themselves, money
// in pence, carbon in kilograms CO2e) so that nothing is lost to floating point. Levy transfers
// (W3) and carbon projects (E2) are detail rows of a return, added up by metrics/.
//
// Thread-safety: plain values and constant tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace anchornet::core {

// The unit a return figure is written in, and its base unit in storage.
enum class ReturnUnit : std::uint8_t {
  kCount,   // people, apprentices, notices, invoices, buildings; stored as is
  kPounds,  // written in pounds (up to 2 decimals); stored in pence
  kTonnes,  // tonnes CO2e (up to 3 decimals); stored in kilograms CO2e
};
std::string_view ReturnUnitName(ReturnUnit unit);   // "count", "pounds", "tCO2e"
std::string_view ReturnUnitLabel(ReturnUnit unit);  // "people / items", "£", "tonnes CO2e"
std::optional<ReturnUnit> ParseReturnUnit(std::string_view text);  // names, labels, "£", "tonnes"

// Flow figures add up over quarters, years and members (starts, people trained, £ paid); stock
// figures are a level at the period end (apprentices in post, buildings identified) and are never
// added over time: a year's stock is its last quarter's.
enum class MeasureFlow : std::uint8_t { kFlow, kStock };

// The pillars of an anchor network's charter, in report order.
enum class Pillar : std::uint8_t { kProcurement, kGoodWork, kYoungPeople, kNetZero };
inline constexpr int kPillarCount = 4;
std::string_view PillarName(
    Pillar pillar);  // "procurement", "good-work", "young-people", "net-zero"
// "Inclusive growth through procurement", "Good work", "Young people" ("Young Londoners" when the
// network's geography is London), "Net zero".
std::string PillarLabel(Pillar pillar, std::string_view geography_name);

// One figure a member reports in its return.
struct ReturnMeasure {
  std::string_view id;     // "W1D"
  std::string_view label;  // "Staff uplifted to the Real Living Wage: direct employees"
  ReturnUnit unit;
  MeasureFlow flow;
  Pillar pillar;
  std::string_view guidance;  // one or two sentences for the template
  bool needs_note = false;    // a method note is required with a figure (E2D)
};

// Every measure a return can carry, in template order: W1D W1C W2S W2P W3F W4 W5I W5T W5M E1 E1C
// E2D E3 E4 C4 C5 C5T. Levy transfers (W3) and carbon projects (E2) are detail rows, not here.
const std::vector<ReturnMeasure>& ReturnMeasures();
const ReturnMeasure* FindReturnMeasure(std::string_view id);  // case-insensitive; null if unknown

// Derived measures, with their units (the catalogue's own measures are in core::ReturnMeasures).
struct DerivedMeasure {
  std::string_view id;
  std::string_view label;
  core::ReturnUnit unit;
  core::MeasureFlow flow;
  core::Pillar pillar;
  std::string_view definition;
};
// W1 W3 W3C W3S W3A E2P E2 E2CUM, computed by metrics/returns.h.
const std::vector<DerivedMeasure>& DerivedReturnMeasures();

// The unit, flow and label of any return or derived measure id; empty when unknown.
struct ReturnMeasureInfo {
  std::string id;
  std::string label;
  core::ReturnUnit unit = core::ReturnUnit::kCount;
  core::MeasureFlow flow = core::MeasureFlow::kFlow;
  core::Pillar pillar = core::Pillar::kGoodWork;
  std::string definition;  // derived measures: how they are computed; own measures: guidance
};
std::optional<ReturnMeasureInfo> FindAnyReturnMeasure(std::string_view id);

// The payment measures goals may be set on: S1 S2 S3 S3L S4 S6 S7 S8 (docs/metrics.md).
bool IsSpendGoalMeasure(std::string_view id);

// Parses a figure written in `unit` into the base unit: counts must be whole and non-negative;
// pounds accept "£1,234.50"; tonnes accept up to 3 decimals. Empty optional when the text is not
// a valid figure; `why` says what is wrong ("not a whole number", "negative", ...).
std::optional<std::int64_t> ParseReturnValue(std::string_view text, ReturnUnit unit,
                                             std::string* why);
// The base value written back in the unit, as a template shows it: "12", "1234.50", "12.345".
std::string FormatReturnValue(std::int64_t value, ReturnUnit unit);
// For people to read: "7,300", "£1.9bn" / "£35.2m", "2,130 tCO2e" (one decimal below 100 t).
std::string FormatMeasureValue(std::int64_t value, ReturnUnit unit);
// "1,234,567".
std::string FormatCount(std::int64_t n);

// One apprenticeship levy transfer from the member to another employer (W3).
struct LevyTransfer {
  std::int64_t row = 0;               // source row
  std::string recipient;              // the receiving employer
  std::optional<bool> recipient_sme;  // unknown stays unknown
  std::int64_t committed = 0;         // pence committed in the period
  std::int64_t paid = 0;              // pence paid (drawn down) in the period
  std::int64_t apprenticeships = 0;   // apprenticeships the transfer funds
  std::string note;
};

// One carbon-saving project (E2): activity before and after, converted with the DESNZ factor of
// the activity's year. The saving is computed at import and kept with the factor used.
struct CarbonProject {
  std::int64_t row = 0;
  std::string id;  // network-unique project reference, e.g. "RIV-LED-2023"
  std::string name;
  std::string kind;       // "retrofit", "fleet", "renewables", "heat", "travel", "waste", "other"
  std::string activity;   // what the member wrote: a DESNZ factor ID or words of its path
  std::string unit;       // unit of activity, e.g. "kWh", "litres", "km"
  int activity_year = 0;  // calendar year the activity figures are for (the factor set's year)
  double baseline = 0;    // activity per year before the project
  double after = 0;       // activity per year after
  // Filled at import from the factor table:
  std::string factor_id;      // the DESNZ ID used
  std::string factor_path;    // "Fuels > Gaseous fuels > Natural gas > Energy (Gross CV)"
  double factor = 0;          // kg CO2e per unit
  std::int64_t saved_kg = 0;  // (baseline - after) x factor, rounded to the kilogram
  std::string note;
};

std::vector<std::string_view> CarbonProjectKinds();

// One figure in a return.
struct ReturnFigure {
  std::string measure;  // ReturnMeasure::id
  std::int64_t value = 0;
  std::string note;  // the member's note or method
  std::string flag;  // set by validation when the figure is far outside the member's history
  std::int64_t row = 0;
};

// A member's return for one period, as read from a file or the store.
struct MemberReturn {
  std::string member;
  int financial_year = 0;  // 2024 = FY 2024/25
  int quarter = 0;         // 0 = the whole year, 1..4
  std::vector<ReturnFigure> figures;
  std::vector<LevyTransfer> transfers;
  std::vector<CarbonProject> projects;
};

// "FY 2024/25" or "FY 2024/25 Q2".
std::string ReturnPeriodLabel(int financial_year, int quarter);
// "2024/25", "FY 2024/25", "2024/25 Q2", "Q2 2024/25"; quarter 0 for a whole year.
std::optional<std::pair<int, int>> ParseReturnPeriod(std::string_view text);

// ---- The Real Living Wage (Living Wage Foundation), a versioned table.

struct LivingWageRate {
  Date announced;           // the date the rate was announced
  Date implement_by;        // employers pay it by this date (about six months later)
  std::int64_t london = 0;  // pence per hour
  std::int64_t uk = 0;      // pence per hour, outside London
};
// Every rate since 2016, oldest first. Version: kLivingWageTableVersion.
const std::vector<LivingWageRate>& LivingWageRates();
inline constexpr std::string_view kLivingWageTableVersion = "2025-10 (announced 22 Oct 2025)";
// The rate announced most recently on or before `date`, or null before the table starts.
const LivingWageRate* LivingWageRateAt(Date date);

}  // namespace anchornet::core
