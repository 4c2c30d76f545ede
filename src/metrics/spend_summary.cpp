#include "metrics/spend_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace anchornet::metrics {

core::Result<SpendSummary> SummariseSpend(store::Store& store, const SummaryQuery& query) {
  auto network = store.LoadNetwork();
  if (!network) return tl::unexpected(network.error());
  if (!query.member.empty() && network->FindMember(query.member) == nullptr) {
    return tl::unexpected(core::UnknownMember(query.member));
  }
  auto days = store.DailyTotals(query.member);
  if (!days) return tl::unexpected(days.error());

  const core::MonthDay start = network->financial_year_start;
  std::map<std::string, std::size_t> member_order;
  for (std::size_t i = 0; i < network->members.size(); ++i) {
    member_order[network->members[i].id] = i;
  }
  // (member position, year, quarter) -> totals
  std::map<std::tuple<std::size_t, int, int>, QuarterTotal> cells;
  std::set<int> years;
  SpendSummary out;
  for (const store::DailyTotal& d : *days) {
    const int fy = core::FinancialYearOf(d.day, start);
    if (query.financial_year && *query.financial_year != fy) continue;
    const int q = core::FinancialQuarterOf(d.day, start);
    auto pos = member_order.count(d.member) ? member_order[d.member] : member_order.size();
    QuarterTotal& t = cells[{pos, fy, q}];
    t.member = d.member;
    t.financial_year = fy;
    t.quarter = q;
    t.lines += d.lines;
    t.amount += d.amount;
    years.insert(fy);
    out.lines += d.lines;
    out.total += d.amount;
    if (!out.first_paid || d.day < *out.first_paid) out.first_paid = d.day;
    if (!out.last_paid || *out.last_paid < d.day) out.last_paid = d.day;
  }
  for (auto& [key, total] : cells) out.quarters.push_back(std::move(total));
  out.financial_years.assign(years.begin(), years.end());

  store::PayeeFilter filter;
  filter.member = query.member;
  filter.limit = query.top;
  if (query.financial_year) {
    filter.from = core::FinancialYearStart(*query.financial_year, start);
    filter.to = core::FinancialYearEnd(*query.financial_year, start);
  }
  auto payees = store.TopPayees(filter);
  if (!payees) return tl::unexpected(payees.error());
  out.top_payees = std::move(*payees);
  out.network = std::move(*network);
  out.query = query;
  return out;
}

}  // namespace anchornet::metrics
