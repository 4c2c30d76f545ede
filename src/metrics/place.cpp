// Spend by place (metrics/place.h; docs/metrics.md, "S7LA"): the measures report's per-supplier
// S2 (every supplier, top_suppliers unlimited) grouped by the supplier's local authority. A
// supplier's size and decile are its own, so its MSME and per-decile spend is all of its S2 or
// none of it.
//
// metric: S7LA S7 S7b
#include "metrics/place.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <unordered_map>

namespace anchornet::metrics {

core::Result<PlaceReport> PlaceSpend(store::Store& store, const PlaceQuery& query) {
  ReportQuery q;
  q.financial_year = query.financial_year;
  q.member = query.member;
  q.filter = query.filter;
  q.top_suppliers = std::numeric_limits<std::int64_t>::max();
  q.member_detail = false;
  auto measures = ComputeMeasures(store, q);
  if (!measures) return tl::unexpected(measures.error());
  auto names = store.ListAreaNames();
  if (!names) return tl::unexpected(names.error());
  std::unordered_map<std::string, std::string> name_of;
  for (const store::AreaName& a : *names) name_of.emplace(a.code, a.name);

  PlaceReport out;
  out.network = measures->network;
  out.query = query;
  out.financial_years = measures->financial_years;
  out.data_version = measures->data_version;
  out.resolved_now = measures->resolved_now;
  for (int fy : out.financial_years) {
    const MeasureValues* v = measures->Find(query.member, fy, 0);
    if (!v) continue;
    out.s2.Add(v->s2);
    out.inside.Add(v->local);  // metric: S7
    out.outside.Add(v->outside);  // metric: S7b
  }
  out.unknown = Amount{out.s2.pence - out.inside.pence - out.outside.pence,
                       out.s2.lines - out.inside.lines - out.outside.lines};

  std::map<std::string, PlaceArea> areas;
  for (const std::string& code : out.network.geography_codes) areas[code].code = code;
  const bool network_scope = query.member.empty();
  for (const SupplierSpend& sp : measures->top_suppliers) {
    const store::SupplierRecord& s = measures->suppliers[static_cast<std::size_t>(sp.supplier)];
    // Payments to other members are not the network's S2 (S1 "between members").
    if (network_scope && s.public_body == core::PublicBodyKind::kMember) continue;
    if (s.local_authority.empty()) continue;
    PlaceArea& a = areas[s.local_authority];  // metric: S7LA
    a.code = s.local_authority;
    a.s2.Add(sp.s2);
    if (core::IsMsme(s.size)) a.msme.Add(sp.s2);
    const int decile = s.imd_decile >= 1 && s.imd_decile <= 10 ? s.imd_decile : 0;
    a.by_decile[static_cast<std::size_t>(decile)].Add(sp.s2);
    ++a.suppliers;
    out.located.Add(sp.s2);
  }
  const auto& geography = out.network.geography_codes;
  for (auto& [code, a] : areas) {
    if (auto it = name_of.find(code); it != name_of.end()) a.name = it->second;
    a.in_geography = std::find(geography.begin(), geography.end(), code) != geography.end();
    out.areas.push_back(std::move(a));
  }
  std::sort(out.areas.begin(), out.areas.end(), [](const PlaceArea& a, const PlaceArea& b) {
    if (a.s2.pence != b.s2.pence) return a.s2.pence > b.s2.pence;
    return a.code < b.code;
  });
  return out;
}

}  // namespace anchornet::metrics
