// What the API's handlers call: a pool of store connections and the caches of computed figures,
// keyed by the store's data version so that an import or a decision is seen at once.
//
// Thread-safety: every member function may be called from any thread at once.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/inputs.h"
#include "core/error.h"
#include "core/network.h"
#include "metrics/impact.h"
#include "metrics/measures.h"
#include "store/store.h"

namespace anchornet::api::internal {

// A store connection borrowed from the pool; returned when destroyed.
class StoreLease {
 public:
  StoreLease(std::unique_ptr<store::Store> store, std::function<void(std::unique_ptr<store::Store>)> back)
      : store_(std::move(store)), back_(std::move(back)) {}
  StoreLease(StoreLease&&) = default;
  ~StoreLease() {
    if (store_) back_(std::move(store_));
  }
  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }

 private:
  std::unique_ptr<store::Store> store_;
  std::function<void(std::unique_ptr<store::Store>)> back_;
};

// One computed value per key, recomputed when the data version moves on. Concurrent requests
// for the same key wait for one computation instead of each doing it.
template <typename T>
class VersionedCache {
 public:
  using Compute = std::function<core::Result<std::shared_ptr<const T>>()>;
  core::Result<std::shared_ptr<const T>> Get(const std::string& key, std::int64_t version,
                                             const Compute& compute) {
    std::shared_ptr<Slot> slot;
    {
      std::lock_guard lock(mutex_);
      if (slots_.size() > kMaxSlots) slots_.clear();
      auto& s = slots_[key];
      if (!s) s = std::make_shared<Slot>();
      slot = s;
    }
    std::lock_guard lock(slot->mutex);
    if (slot->value && slot->version == version) return slot->value;
    auto value = compute();
    if (!value) return value;
    slot->value = *value;
    slot->version = version;
    return slot->value;
  }

 private:
  static constexpr std::size_t kMaxSlots = 512;
  struct Slot {
    std::mutex mutex;
    std::int64_t version = -1;
    std::shared_ptr<const T> value;
  };
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Slot>> slots_;
};

// The use cases' inputs (app/inputs.h), answered from the caches.
class Service final : public app::Inputs {
 public:
  // Errors: kStoreOpen, kNoWorkspace.
  [[nodiscard]] static core::Result<std::unique_ptr<Service>> Open(const std::string& store_url);

  // Errors: kStoreOpen when a new connection cannot be opened.
  [[nodiscard]] core::Result<StoreLease> Lease();
  // The store's data version now. Errors: kStoreIo.
  [[nodiscard]] core::Result<std::int64_t> DataVersion();

  // The measures for a query, cached per data version. Errors: as metrics::ComputeMeasures.
  [[nodiscard]] core::Result<std::shared_ptr<const metrics::MeasureReport>> Measures(
      const metrics::ReportQuery& query) override;
  // The impact report of a year, cached per data version. Errors: as metrics::ComputeImpact.
  [[nodiscard]] core::Result<std::shared_ptr<const metrics::ImpactReport>> Impact(int fy);
  // Every supplier with its facts (for a supplier's page), cached per data version.
  [[nodiscard]] core::Result<std::shared_ptr<const std::vector<store::SupplierRecord>>>
  SupplierDetails() override;
  // Every decision about suppliers, read now. Errors: kStoreOpen, kStoreIo.
  [[nodiscard]] core::Result<std::vector<store::Decision>> Decisions() override;
  // A serialised response, cached per data version and key (the request's path and query).
  [[nodiscard]] core::Result<std::shared_ptr<const std::string>> Body(
      const std::string& key, std::int64_t version,
      const std::function<core::Result<std::string>()>& compute);

  // The network as saved (reloaded when the data version moves on).
  [[nodiscard]] core::Result<std::shared_ptr<const core::Network>> Network() override;
  // The latest financial year with payments, or the current one when there are none.
  [[nodiscard]] core::Result<int> LatestYear();

  // Serialises writes (imports, decisions) from this server: SQLite takes one writer at a time.
  std::mutex& write_mutex() { return write_mutex_; }

 private:
  explicit Service(std::string url) : url_(std::move(url)) {}
  std::string url_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<store::Store>> idle_;
  std::mutex write_mutex_;
  VersionedCache<metrics::MeasureReport> measures_;
  VersionedCache<metrics::ImpactReport> impact_;
  VersionedCache<std::vector<store::SupplierRecord>> details_;
  VersionedCache<std::string> bodies_;
  VersionedCache<core::Network> network_;
};

// A canonical text of a report query, for cache keys.
std::string QueryKey(const metrics::ReportQuery& query);

}  // namespace anchornet::api::internal
