#include "metrics/returns.h"

#include <algorithm>
#include <set>

#include "core/text.h"

namespace anchornet::metrics {

const ReturnScopeValues* ReturnTotals::Find(std::string_view member, int financial_year) const {
  for (const ReturnScopeValues& s : scopes) {
    if (s.member == member && s.financial_year == financial_year) return &s;
  }
  return nullptr;
}

std::optional<std::int64_t> ReturnTotals::Value(std::string_view member, int financial_year,
                                                std::string_view measure) const {
  const ReturnScopeValues* s = Find(member, financial_year);
  if (!s) return std::nullopt;
  auto it = s->values.find(std::string(measure));
  if (it == s->values.end()) return std::nullopt;
  return it->second;
}

namespace {

// One return's own figures plus the measures derived from its detail rows.
std::map<std::string, std::int64_t> ValuesOf(const core::MemberReturn& r) {
  std::map<std::string, std::int64_t> v;
  for (const core::ReturnFigure& f : r.figures) v[f.measure] = f.value;
  if (v.contains("W1D") || v.contains("W1C")) {
    v["W1"] = (v.contains("W1D") ? v["W1D"] : 0) + (v.contains("W1C") ? v["W1C"] : 0);
  }
  if (!r.transfers.empty()) {
    std::int64_t paid = 0, committed = 0, sme = 0, apprenticeships = 0;
    for (const core::LevyTransfer& t : r.transfers) {
      paid += t.paid;
      committed += t.committed;
      if (t.recipient_sme.value_or(false)) sme += t.paid;
      apprenticeships += t.apprenticeships;
    }
    v["W3"] = paid;
    v["W3C"] = committed;
    v["W3S"] = sme;
    v["W3A"] = apprenticeships;
  }
  if (!r.projects.empty()) {
    std::int64_t saved = 0;
    for (const core::CarbonProject& p : r.projects) saved += p.saved_kg;
    v["E2P"] = saved;
  }
  if (v.contains("E2D") || v.contains("E2P")) {
    v["E2"] = (v.contains("E2D") ? v["E2D"] : 0) + (v.contains("E2P") ? v["E2P"] : 0);
  }
  return v;
}

core::MeasureFlow FlowOf(const std::string& id) {
  auto info = FindAnyReturnMeasure(id);
  return info ? info->flow : core::MeasureFlow::kFlow;
}

}  // namespace

core::Result<ReturnTotals> ComputeReturnTotals(store::Store& store, const core::Network& network) {
  ReturnTotals out;
  auto current = store.ListReturnSubmissions({});
  if (!current) return tl::unexpected(current.error());
  out.current = std::move(*current);

  // member -> fy -> (annual return, quarterly returns by quarter)
  struct Year {
    const store::ReturnSubmission* annual = nullptr;
    std::map<int, const store::ReturnSubmission*> quarters;
  };
  std::map<std::string, std::map<int, Year>> by_member;
  std::map<std::int64_t, core::MemberReturn> loaded;
  std::set<int> years;
  for (const store::ReturnSubmission& s : out.current) {
    Year& y = by_member[s.member][s.financial_year];
    if (s.quarter == 0) {
      y.annual = &s;
    } else {
      y.quarters[s.quarter] = &s;
    }
    years.insert(s.financial_year);
    auto r = store.LoadReturn(s.id);
    if (!r) return tl::unexpected(r.error());
    for (const core::ReturnFigure& f : r->figures) {
      if (!f.flag.empty()) {
        out.flagged.push_back(
            {s.member, s.financial_year, s.quarter, f.measure, f.value, f.flag, s.id});
      }
    }
    loaded.emplace(s.id, std::move(*r));
  }
  out.financial_years.assign(years.begin(), years.end());

  // Each member-year: the annual return if there is one, else its quarters folded (flows added,
  // stocks from the latest quarter).
  std::vector<ReturnScopeValues> member_scopes;
  for (const core::Member& m : network.members) {
    auto mit = by_member.find(m.id);
    if (mit == by_member.end()) continue;
    for (const auto& [fy, y] : mit->second) {
      ReturnScopeValues s{m.id, fy, {}, {}, {}};
      std::vector<const store::ReturnSubmission*> used;
      if (y.annual) {
        used.push_back(y.annual);
      } else {
        for (const auto& [q, sub] : y.quarters) used.push_back(sub);
      }
      for (const store::ReturnSubmission* sub : used) {
        const core::MemberReturn& r = loaded.at(sub->id);
        s.submissions.push_back(sub->id);
        for (const auto& [id, value] : ValuesOf(r)) {
          if (FlowOf(id) == core::MeasureFlow::kStock) {
            s.values[id] = value;  // quarters ascend: the latest wins
          } else {
            s.values[id] += value;
          }
        }
        for (const core::LevyTransfer& t : r.transfers) out.transfers.emplace_back(m.id, t);
        for (const core::CarbonProject& p : r.projects) out.projects.emplace_back(m.id, p);
      }
      member_scopes.push_back(std::move(s));
    }
  }
  // Cumulative carbon per member: E2 over every year so far.
  {
    std::map<std::string, std::int64_t> running;
    std::vector<ReturnScopeValues*> order;
    for (ReturnScopeValues& s : member_scopes) order.push_back(&s);
    std::stable_sort(order.begin(), order.end(),
                     [](const ReturnScopeValues* a, const ReturnScopeValues* b) {
                       return a->financial_year < b->financial_year;
                     });
    for (ReturnScopeValues* s : order) {
      auto e2 = s->values.find("E2");
      if (e2 == s->values.end()) continue;
      running[s->member] += e2->second;
      s->values["E2CUM"] = running[s->member];
    }
  }
  for (const ReturnScopeValues& s : member_scopes) {
    const std::int64_t w3f = s.values.contains("W3F") ? s.values.at("W3F") : 0;
    const std::int64_t committed = s.values.contains("W3C") ? s.values.at("W3C") : 0;
    if (w3f > 0 && committed * 2 > w3f) {
      out.levy_warnings.push_back({s.member, s.financial_year, committed, w3f});
    }
  }
  // The network: members added per year. Cumulative carbon is the network's E2 summed over the
  // years, so a member that reported in an earlier year still counts.
  std::int64_t network_e2_running = 0;
  for (int fy : out.financial_years) {
    ReturnScopeValues n{"", fy, {}, {}, {}};
    for (const ReturnScopeValues& s : member_scopes) {
      if (s.financial_year != fy) continue;
      for (const auto& [id, value] : s.values) {
        if (id == "E2CUM") continue;
        n.values[id] += value;
        n.reporting[id] += 1;
      }
      n.submissions.insert(n.submissions.end(), s.submissions.begin(), s.submissions.end());
    }
    if (n.values.contains("E2")) {
      network_e2_running += n.values["E2"];
      n.values["E2CUM"] = network_e2_running;
      n.reporting["E2CUM"] = n.reporting["E2"];
    } else if (network_e2_running > 0) {
      n.values["E2CUM"] = network_e2_running;
    }
    out.scopes.push_back(std::move(n));
  }
  for (ReturnScopeValues& s : member_scopes) out.scopes.push_back(std::move(s));
  return out;
}

core::Result<std::vector<ReturnStatusRow>> ReturnsStatus(store::Store& store, int financial_year) {
  auto network = store.LoadNetwork();
  if (!network) return tl::unexpected(network.error());
  store::ReturnFilter filter;
  filter.financial_year = financial_year;
  auto current = store.ListReturnSubmissions(filter);
  if (!current) return tl::unexpected(current.error());
  filter.history = true;
  auto history = store.ListReturnSubmissions(filter);
  if (!history) return tl::unexpected(history.error());

  std::vector<ReturnStatusRow> rows;
  for (const core::Member& m : network->members) {
    ReturnStatusRow row;
    row.member = m.id;
    row.member_name = m.name;
    for (const store::ReturnSubmission& s : *current) {
      if (s.member != m.id) continue;
      row.submitted = true;
      row.errors += s.errors;
      row.warnings += s.warnings;
      row.submissions.push_back(s);
    }
    for (const store::ReturnSubmission& s : *history) {
      if (s.member == m.id && s.superseded_by != 0) ++row.resubmissions;
    }
    // What changed: each current submission against the one it superseded.
    for (const store::ReturnSubmission& s : row.submissions) {
      if (s.supersedes == 0) continue;
      auto now = store.LoadReturn(s.id);
      if (!now) return tl::unexpected(now.error());
      auto before = store.LoadReturn(s.supersedes);
      if (!before) return tl::unexpected(before.error());
      const auto a = ValuesOf(*before);
      const auto b = ValuesOf(*now);
      std::set<std::string> ids;
      for (const auto& [id, v] : a) ids.insert(id);
      for (const auto& [id, v] : b) ids.insert(id);
      for (const core::ReturnMeasure& rm : core::ReturnMeasures()) {
        const std::string id(rm.id);
        if (!ids.contains(id)) continue;
        auto ai = a.find(id);
        auto bi = b.find(id);
        std::optional<std::int64_t> x, y;
        if (ai != a.end()) x = ai->second;
        if (bi != b.end()) y = bi->second;
        if (x != y) row.changes.push_back({id, x, y, s.quarter});
      }
      for (const char* id : {"W3", "E2P"}) {
        auto ai = a.find(id);
        auto bi = b.find(id);
        std::optional<std::int64_t> x, y;
        if (ai != a.end()) x = ai->second;
        if (bi != b.end()) y = bi->second;
        if (x != y) row.changes.push_back({id, x, y, s.quarter});
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace anchornet::metrics
