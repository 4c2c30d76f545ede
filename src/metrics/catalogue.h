// The catalogue of payment measures: for each id (docs/metrics.md) its labels, its definition,
// what it is a share of, its unit, whether it carries a coverage, and the definitions' version.
// The one place these words live: the measures report, the impact report, the API
// (/api/v1/measures/catalogue) and through it the dashboard all read them from here.
//
// Thread-safety: immutable static data.
#pragma once

#include <span>
#include <string_view>

namespace anchornet::metrics {

struct MeasureEntry {
  std::string_view id;           // "S3"
  std::string_view short_label;  // "Direct MSME spend": table headings
  std::string_view long_label;   // "Spend with micro, small and medium businesses": prose, charts
  std::string_view definition;   // one plain-English sentence
  std::string_view numerator;    // the rule, in terms of other measures
  std::string_view share_of;     // the measure it is a share of ("S2"), or "" for none
  std::string_view notes;        // exclusions and how unknown spend is shown
  std::string_view unit;         // "pence"
  bool has_coverage = false;     // carries a coverage (the share of its base it can classify)
  int definition_version = 0;    // metrics::kMeasuresVersion
};

// T1, S1, S2, S3, S3L, S4, S6, S7, S7b, S8, S9 and the size coverage, in report order.
std::span<const MeasureEntry> MeasureCatalogue();

// The entry of `id`, or nullptr for an id not in the catalogue.
const MeasureEntry* FindMeasure(std::string_view id);

}  // namespace anchornet::metrics
