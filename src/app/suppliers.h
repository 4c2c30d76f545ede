// Supplier use cases shared by `anchornet suppliers list|search|unmatched|show` and the API's
// /suppliers routes: the same rows, the same spend, the same rules for who is shown.
//
// Search with a member: only the suppliers that member paid in the period are shown, as `list`
// shows them (docs/decisions.md, 66). Without a member, every supplier whose name or a spelling
// matches, with its spend over the period (zero when it was not paid in it).
//
// Thread-safety: as thread-safe as the Inputs given; results are plain values.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/inputs.h"
#include "core/error.h"
#include "core/money.h"
#include "metrics/measures.h"
#include "report/suppliers_report.h"
#include "store/store.h"

namespace anchornet::app {

struct SupplierQuery {
  std::optional<int> financial_year;  // every year when empty
  std::string member;                 // the whole network when empty
};

// Suppliers as rows with their spend over the query. The rows point into `spend` and `detail`,
// which the list keeps alive.
struct SupplierList {
  std::vector<report::SupplierRow> rows;
  core::Pence scope_s2 = 0;  // addressable spend (S2) of the query's scope over its years
  // Addressable spend of the scope whose supplier's size is known (unmatched lists only).
  core::Pence size_known = 0;
  bool synthetic = false;
  std::shared_ptr<const metrics::MeasureReport> spend;
  std::shared_ptr<const std::vector<store::SupplierRecord>> detail;
};

// Suppliers paid in the query's scope, most addressable spend first.
// Errors: kUnknownMember, and as metrics::ComputeMeasures.
[[nodiscard]] core::Result<SupplierList> ListSuppliers(Inputs& inputs, const SupplierQuery& query);

// Suppliers whose name or a spelling contains every word of `text`, best match first, with their
// spend over the query (see the file comment for which are shown).
// Errors: kUnknownMember, kStoreIo, and as metrics::ComputeMeasures.
[[nodiscard]] core::Result<SupplierList> SearchSuppliers(Inputs& inputs, const SupplierQuery& query,
                                                         std::string_view text);

// The unmatched queue (report::UnmatchedRows) of the query's scope, with its size coverage.
// Errors: kUnknownMember, and as metrics::ComputeMeasures.
[[nodiscard]] core::Result<SupplierList> UnmatchedSuppliers(Inputs& inputs,
                                                            const SupplierQuery& query);

// Everything known about one supplier: its facts, the decisions about it and its addressable
// spend over every year (nullopt when it has none).
struct SupplierDetail {
  store::SupplierRecord supplier;
  std::vector<store::Decision> decisions;
  std::optional<metrics::Amount> s2;
  bool synthetic = false;
};

// `key` as resolve::FindSupplier reads it (a key, a company or charity number, or a name).
// Errors: kNotFound, kUsage (several suppliers match), kStoreIo, and as ComputeMeasures.
[[nodiscard]] core::Result<SupplierDetail> ShowSupplier(Inputs& inputs, std::string_view key);

// The decisions about a supplier just settled, for showing it (no spend).
// Errors: kStoreIo.
[[nodiscard]] core::Result<SupplierDetail> SettledSupplier(Inputs& inputs,
                                                           store::SupplierRecord supplier);

}  // namespace anchornet::app
