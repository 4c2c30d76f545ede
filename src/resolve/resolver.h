// Supplier resolution: from every member's payees to network-wide suppliers, matched to the
// reference registers and classified with the evidence for every fact (docs/suppliers.md).
//
// Resolution is a pure function of the store's payees, registers, member supplier returns and
// people's decisions; its result replaces the stored suppliers whole. Keys are stable across
// runs ("GB-COH-01234567", "GB-CHC-1000611", "name:ACME CLEANING"), so decisions keyed by them
// survive re-imports.
//
// Finding a supplier is resolve/search.h; settling one (people's decisions) is resolve/settle.h.
//
// Thread-safety: one call at a time per Store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/network.h"
#include "store/store.h"

namespace anchornet::resolve {

struct ResolveSummary {
  std::int64_t payees = 0;
  std::int64_t suppliers = 0;
  std::int64_t by_identifier = 0;     // suppliers whose payees carried a company/charity/VAT number
  std::int64_t by_register_name = 0;  // matched to a register by unique exact normalised name
  std::int64_t unmatched = 0;         // no register record
  std::int64_t ambiguous = 0;         // the name belongs to several registered organisations
  std::int64_t public_bodies = 0;
  std::int64_t personal = 0;
  std::int64_t decisions_applied = 0;
  std::int64_t data_version = 0;
};

// Resolves every payee and stores the suppliers. Errors: kNoWorkspace, kStoreIo.
[[nodiscard]] core::Result<ResolveSummary> ResolveSuppliers(store::Store& store);

// Resolves only when spend, registers or decisions changed since the stored resolution; returns
// the summary when it ran. Errors: as ResolveSuppliers.
[[nodiscard]] core::Result<std::optional<ResolveSummary>> EnsureResolved(store::Store& store);

}  // namespace anchornet::resolve
