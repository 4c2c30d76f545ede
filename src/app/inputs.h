// What the use cases read: the network, computed measures, suppliers with their detail, and
// decisions. The CLI reads a store directly (StoreInputs); the API answers from its caches keyed
// by the store's data version (api/internal/service.h), so both run the same use cases.
//
// Thread-safety: StoreInputs is as thread-safe as its store (one thread); the API's
// implementation may be called from any thread.
#pragma once

#include <memory>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "metrics/measures.h"
#include "store/store.h"

namespace anchornet::app {

class Inputs {
 public:
  virtual ~Inputs() = default;
  // The network as saved. Errors: kNoWorkspace, kStoreIo.
  [[nodiscard]] virtual core::Result<std::shared_ptr<const core::Network>> Network() = 0;
  // The measures for a query. Errors: as metrics::ComputeMeasures.
  [[nodiscard]] virtual core::Result<std::shared_ptr<const metrics::MeasureReport>> Measures(
      const metrics::ReportQuery& query) = 0;
  // Every supplier with aliases, payee ids and facts. Errors: kStoreIo.
  [[nodiscard]] virtual core::Result<std::shared_ptr<const std::vector<store::SupplierRecord>>>
  SupplierDetails() = 0;
  // Every decision recorded about suppliers, oldest first. Errors: kStoreIo.
  [[nodiscard]] virtual core::Result<std::vector<store::Decision>> Decisions() = 0;
};

// Inputs read from a store on each call, nothing kept: one command, one read.
class StoreInputs final : public Inputs {
 public:
  explicit StoreInputs(store::Store& store) : store_(store) {}
  core::Result<std::shared_ptr<const core::Network>> Network() override;
  core::Result<std::shared_ptr<const metrics::MeasureReport>> Measures(
      const metrics::ReportQuery& query) override;
  core::Result<std::shared_ptr<const std::vector<store::SupplierRecord>>> SupplierDetails()
      override;
  core::Result<std::vector<store::Decision>> Decisions() override;

 private:
  store::Store& store_;
};

}  // namespace anchornet::app
