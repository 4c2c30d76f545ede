// Inputs read straight from a store (inputs.h).
#include "app/inputs.h"

namespace anchornet::app {

core::Result<std::shared_ptr<const core::Network>> StoreInputs::Network() {
  auto network = store_.LoadNetwork();
  if (!network) return tl::unexpected(network.error());
  return std::make_shared<const core::Network>(std::move(*network));
}

core::Result<std::shared_ptr<const metrics::MeasureReport>> StoreInputs::Measures(
    const metrics::ReportQuery& query) {
  auto report = metrics::ComputeMeasures(store_, query);
  if (!report) return tl::unexpected(report.error());
  return std::make_shared<const metrics::MeasureReport>(std::move(*report));
}

core::Result<std::shared_ptr<const std::vector<store::SupplierRecord>>>
StoreInputs::SupplierDetails() {
  auto suppliers = store_.LoadSuppliers(/*with_detail=*/true);
  if (!suppliers) return tl::unexpected(suppliers.error());
  return std::make_shared<const std::vector<store::SupplierRecord>>(std::move(*suppliers));
}

core::Result<std::vector<store::Decision>> StoreInputs::Decisions() {
  return store_.ListDecisions();
}

}  // namespace anchornet::app
