// Settling a supplier: a person's decision about one field of one supplier (its size, VCSE
// status, diverse ownership, postcode, public-body kind, company or charity number), validated,
// recorded with who and why, and applied by resolving again (docs/suppliers.md, "Settling a
// supplier").
//
// Thread-safety: one call at a time per Store.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/supplier.h"
#include "store/store.h"

namespace anchornet::resolve {

// The decisions (oldest first) that are about `supplier`: keyed by its key, by the name key of
// one of its spellings, or by its company or charity number, as resolution applies them.
std::vector<store::Decision> DecisionsAbout(const store::SupplierRecord& supplier,
                                            const std::vector<store::Decision>& decisions);

// What `anchornet suppliers set` records: one field of one supplier, with who and why.
struct SettleRequest {
  std::string supplier;  // as FindSupplier accepts
  core::FactField field = core::FactField::kSize;
  std::string value;   // validated per field (docs/suppliers.md, "Settling a supplier")
  std::string detail;  // evidence ("certified:MSDUK", "self-declared")
  std::string by;      // who; required
  std::string note;
};

// What a person fills in to settle a supplier (the CLI's `suppliers set` flags, the API's
// settle form): empty fields are left as they are.
struct SettleForm {
  std::string supplier;
  std::string company_number, charity_number, size, vcse, postcode, public_body;
  std::vector<std::pair<std::string, std::string>> diverse;  // flag -> yes|no|unknown
  std::string evidence;  // for a diverse yes: "self-declared" (default) or "certified:BODY"
  bool individual = false;
  std::string by;
  std::string note;
};

// The decisions a form asks for, one per field set. Errors: kUsage when it sets nothing.
[[nodiscard]] core::Result<std::vector<SettleRequest>> SettleRequestsFrom(const SettleForm& form);

// Validates and records decisions, then resolves again. Errors: kUsage (bad value, no `by`),
// kNotFound, kStoreIo.
[[nodiscard]] core::Result<store::SupplierRecord> SettleSupplier(
    store::Store& store, const std::vector<SettleRequest>& requests);

}  // namespace anchornet::resolve
