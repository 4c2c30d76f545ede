// Supplier use cases (suppliers.h).
#include "app/suppliers.h"

#include <map>

#include "app/options.h"
#include "resolve/resolver.h"
#include "resolve/search.h"
#include "resolve/settle.h"

namespace anchornet::app {

namespace {

// The measures over the query with every supplier's spend. Errors: kUnknownMember, as
// ComputeMeasures.
core::Result<std::shared_ptr<const metrics::MeasureReport>> Spend(Inputs& inputs,
                                                                  const SupplierQuery& query) {
  auto member = CheckMemberOption(inputs, query.member);
  if (!member) return tl::unexpected(member.error());
  metrics::ReportQuery q;
  q.financial_year = query.financial_year;
  q.member = *member;
  q.top_suppliers = INT64_MAX;
  return inputs.Measures(q);
}

SupplierList ListOf(std::shared_ptr<const metrics::MeasureReport> spend) {
  SupplierList list;
  list.scope_s2 = report::ScopeS2(*spend);
  list.synthetic = spend->network.synthetic;
  list.spend = std::move(spend);
  return list;
}

}  // namespace

core::Result<SupplierList> ListSuppliers(Inputs& inputs, const SupplierQuery& query) {
  auto spend = Spend(inputs, query);
  if (!spend) return tl::unexpected(spend.error());
  SupplierList list = ListOf(*spend);
  list.rows = report::SupplierRows(*list.spend);
  return list;
}

core::Result<SupplierList> SearchSuppliers(Inputs& inputs, const SupplierQuery& query,
                                           std::string_view text) {
  auto spend = Spend(inputs, query);
  if (!spend) return tl::unexpected(spend.error());
  auto detail = inputs.SupplierDetails();
  if (!detail) return tl::unexpected(detail.error());
  SupplierList list = ListOf(*spend);
  list.detail = *detail;
  const metrics::MeasureReport& r = *list.spend;
  std::map<std::string_view, const metrics::SupplierSpend*> paid;
  for (const metrics::SupplierSpend& s : r.top_suppliers) {
    paid[r.suppliers[static_cast<std::size_t>(s.supplier)].key] = &s;
  }
  for (const store::SupplierRecord* s :
       resolve::SearchSuppliers(*list.detail, text, list.detail->size())) {
    const auto it = paid.find(s->key);
    if (it == paid.end()) {
      if (!query.member.empty()) continue;  // the member did not pay it in the period
      list.rows.push_back({s, {}, {}});
      continue;
    }
    list.rows.push_back({s, it->second->s2, it->second->t1});
  }
  return list;
}

core::Result<SupplierList> UnmatchedSuppliers(Inputs& inputs, const SupplierQuery& query) {
  auto spend = Spend(inputs, query);
  if (!spend) return tl::unexpected(spend.error());
  SupplierList list = ListOf(*spend);
  const metrics::MeasureReport& r = *list.spend;
  list.rows = report::UnmatchedRows(r);
  for (const metrics::ScopeValues& s : r.scopes) {
    if (s.member == r.query.member && s.period.quarter == 0) {
      list.size_known += s.values.size_known().pence;
    }
  }
  return list;
}

core::Result<SupplierDetail> ShowSupplier(Inputs& inputs, std::string_view key) {
  auto spend = Spend(inputs, SupplierQuery{});
  if (!spend) return tl::unexpected(spend.error());
  auto detail = inputs.SupplierDetails();
  if (!detail) return tl::unexpected(detail.error());
  auto found = resolve::FindSupplier(**detail, key);
  if (!found) return tl::unexpected(found.error());
  auto shown = SettledSupplier(inputs, std::move(*found));
  if (!shown) return shown;
  const metrics::MeasureReport& r = **spend;
  for (const metrics::SupplierSpend& s : r.top_suppliers) {
    if (r.suppliers[static_cast<std::size_t>(s.supplier)].key == shown->supplier.key) {
      shown->s2 = s.s2;
    }
  }
  shown->synthetic = r.network.synthetic;
  return shown;
}

core::Result<SupplierDetail> SettledSupplier(Inputs& inputs, store::SupplierRecord supplier) {
  auto decisions = inputs.Decisions();
  if (!decisions) return tl::unexpected(decisions.error());
  SupplierDetail d;
  d.decisions = resolve::DecisionsAbout(supplier, *decisions);
  d.supplier = std::move(supplier);
  auto network = inputs.Network();
  if (!network) return tl::unexpected(network.error());
  d.synthetic = (*network)->synthetic;
  return d;
}

}  // namespace anchornet::app
