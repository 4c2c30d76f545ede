// Spend by place: addressable spend (S2) grouped by the local authority of each supplier's chosen
// postcode, with the MSME part, the supplier count and the split by the supplier's IMD decile,
// beside the S7 totals (local, outside, unknown) of the same scope and years (docs/metrics.md,
// "S7LA"). Computed from ComputeMeasures' per-supplier S2, so its totals are the report's.
//
// Thread-safety: pure over a Store used by the calling thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "metrics/measures.h"
#include "store/store.h"

namespace anchornet::metrics {

struct PlaceQuery {
  std::optional<int> financial_year;  // empty: every year with data, added up
  std::string member;                 // "" = the network
  LineFilter filter;                  // as ReportQuery::filter
};

// Index into PlaceArea::by_decile: 1..10 are IMD 2019 deciles (1 = most deprived), 0 = the
// supplier's LSOA is not known.
inline constexpr int kDecileSlots = 11;

// One local authority.
struct PlaceArea {
  std::string code;  // GSS code, e.g. "E09000022"
  std::string name;  // from the postcode register's area names (Store::ListAreaNames); "" if none
  bool in_geography = false;  // one of core::Network::geography_codes
  Amount s2;                  // S2 with suppliers whose local authority this is
  Amount msme;                // of which with MSME suppliers (core::IsMsme)
  std::int64_t suppliers = 0;  // suppliers with at least one S2 line here in the period
  std::array<Amount, kDecileSlots> by_decile;  // s2 by the supplier's IMD decile
};

struct PlaceReport {
  core::Network network;
  PlaceQuery query;
  std::vector<int> financial_years;  // the years added up, ascending
  // Every local authority with S2, and every code of the network's geography even with none;
  // by S2 descending, then code.
  std::vector<PlaceArea> areas;
  // The scope's figures over the years (equal to the measures report's):
  Amount s2;          // S2
  Amount located;     // S2 whose supplier's local authority is known (the sum of areas' s2)
  Amount inside;      // S7: local (which counts a supplier's trading postcode too, so it can
                      // differ from the areas in the geography)
  Amount outside;     // S7b
  Amount unknown;     // S2 - S7 - S7b: location unknown
  std::int64_t data_version = 0;
  bool resolved_now = false;
};

// Errors: as ComputeMeasures (kNoWorkspace, kUnknownMember, kUsage, kStoreIo).
[[nodiscard]] core::Result<PlaceReport> PlaceSpend(store::Store& store, const PlaceQuery& query);

}  // namespace anchornet::metrics
