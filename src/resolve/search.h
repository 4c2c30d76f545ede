// Finding a supplier among the resolved ones: by key, number or name (FindSupplier), or by the
// words of its name (SearchSuppliers). Used by `anchornet suppliers` and the API.
//
// Thread-safety: pure functions over the caller's list.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/store.h"

namespace anchornet::resolve {

// The supplier `query` names: a key ("GB-COH-01234567", "name:ACME"), a company or charity
// number, or a name (exact normalised name first, then the single supplier whose name contains
// it). Errors: kNotFound (with up to 5 close names in the message), kUsage (several match).
[[nodiscard]] core::Result<store::SupplierRecord> FindSupplier(
    const std::vector<store::SupplierRecord>& suppliers, std::string_view query);

// Suppliers whose name or alias contains every word of `text` (normalised), best first.
std::vector<const store::SupplierRecord*> SearchSuppliers(
    const std::vector<store::SupplierRecord>& suppliers, std::string_view text, std::size_t limit);

}  // namespace anchornet::resolve
