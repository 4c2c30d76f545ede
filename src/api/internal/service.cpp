// The API's store pool and caches (service.h).
#include "api/internal/service.h"

#include <fmt/format.h>

namespace anchornet::api::internal {

core::Result<std::unique_ptr<Service>> Service::Open(const std::string& store_url) {
  std::unique_ptr<Service> service(new Service(store_url));
  auto lease = service->Lease();
  if (!lease) return tl::unexpected(lease.error());
  auto network = (*lease)->LoadNetwork();
  if (!network) return tl::unexpected(network.error());
  return service;
}

core::Result<StoreLease> Service::Lease() {
  std::unique_ptr<store::Store> store;
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      store = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!store) {
    store::OpenOptions options;
    options.create = false;
    auto opened = store::Store::Open(url_, options);
    if (!opened) return tl::unexpected(opened.error());
    store = std::move(*opened);
  }
  return StoreLease(std::move(store), [this](std::unique_ptr<store::Store> s) {
    std::lock_guard lock(pool_mutex_);
    idle_.push_back(std::move(s));
  });
}

core::Result<std::int64_t> Service::DataVersion() {
  auto lease = Lease();
  if (!lease) return tl::unexpected(lease.error());
  return (*lease)->DataVersion();
}

std::string QueryKey(const metrics::ReportQuery& q) {
  return fmt::format("fy={};member={};top={};size={};geo={};cat={}",
                     q.financial_year ? *q.financial_year : -1, q.member, q.top_suppliers,
                     q.filter.size ? metrics::SizeFilterName(*q.filter.size) : "",
                     q.filter.geography, q.filter.category);
}

core::Result<std::shared_ptr<const metrics::MeasureReport>> Service::Measures(
    const metrics::ReportQuery& query) {
  auto version = DataVersion();
  if (!version) return tl::unexpected(version.error());
  return measures_.Get(
      QueryKey(query), *version,
      [&]() -> core::Result<std::shared_ptr<const metrics::MeasureReport>> {
        auto lease = Lease();
        if (!lease) return tl::unexpected(lease.error());
        // Resolution writes the suppliers: one writer at a time.
        std::lock_guard lock(write_mutex_);
        auto r = metrics::ComputeMeasures(**lease, query);
        if (!r) return tl::unexpected(r.error());
        return std::make_shared<const metrics::MeasureReport>(std::move(*r));
      });
}

core::Result<std::shared_ptr<const metrics::ImpactReport>> Service::Impact(int fy) {
  auto version = DataVersion();
  if (!version) return tl::unexpected(version.error());
  return impact_.Get(std::to_string(fy), *version,
                     [&]() -> core::Result<std::shared_ptr<const metrics::ImpactReport>> {
                       auto lease = Lease();
                       if (!lease) return tl::unexpected(lease.error());
                       std::lock_guard lock(write_mutex_);
                       auto r = metrics::ComputeImpact(**lease, fy);
                       if (!r) return tl::unexpected(r.error());
                       return std::make_shared<const metrics::ImpactReport>(std::move(*r));
                     });
}

core::Result<std::shared_ptr<const std::vector<store::SupplierRecord>>>
Service::SupplierDetails() {
  // The suppliers are those of the latest resolution: make sure there is one.
  metrics::ReportQuery all;
  all.top_suppliers = 0;
  if (auto r = Measures(all); !r) return tl::unexpected(r.error());
  auto version = DataVersion();
  if (!version) return tl::unexpected(version.error());
  return details_.Get(
      "details", *version,
      [&]() -> core::Result<std::shared_ptr<const std::vector<store::SupplierRecord>>> {
        auto lease = Lease();
        if (!lease) return tl::unexpected(lease.error());
        auto s = (*lease)->LoadSuppliers(true);
        if (!s) return tl::unexpected(s.error());
        return std::make_shared<const std::vector<store::SupplierRecord>>(std::move(*s));
      });
}

core::Result<std::shared_ptr<const std::string>> Service::Body(
    const std::string& key, std::int64_t version,
    const std::function<core::Result<std::string>()>& compute) {
  return bodies_.Get(key, version, [&]() -> core::Result<std::shared_ptr<const std::string>> {
    auto body = compute();
    if (!body) return tl::unexpected(body.error());
    return std::make_shared<const std::string>(std::move(*body));
  });
}

core::Result<std::vector<store::Decision>> Service::Decisions() {
  auto lease = Lease();
  if (!lease) return tl::unexpected(lease.error());
  return (*lease)->ListDecisions();
}

core::Result<std::shared_ptr<const core::Network>> Service::Network() {
  auto version = DataVersion();
  if (!version) return tl::unexpected(version.error());
  return network_.Get("network", *version,
                      [&]() -> core::Result<std::shared_ptr<const core::Network>> {
                        auto lease = Lease();
                        if (!lease) return tl::unexpected(lease.error());
                        auto n = (*lease)->LoadNetwork();
                        if (!n) return tl::unexpected(n.error());
                        return std::make_shared<const core::Network>(std::move(*n));
                      });
}

core::Result<int> Service::LatestYear() {
  metrics::ReportQuery all;
  all.top_suppliers = 0;
  auto r = Measures(all);
  if (!r) return tl::unexpected(r.error());
  if (!(*r)->financial_years.empty()) return (*r)->financial_years.back();
  return core::Fail(core::ErrorCode::kNotFound,
                    "no payments have been imported yet: upload a member's spend file first");
}

}  // namespace anchornet::api::internal
