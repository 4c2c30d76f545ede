// Supplier resolution: from every member's payees to network-wide suppliers, matched to the
// reference registers and classified with the evidence for every fact (docs/suppliers.md).
//
// Resolution is a pure function of the store's payees, registers, member supplier returns and
// people's decisions; its result replaces the stored suppliers whole. Keys are stable across
// runs ("GB-COH-01234567", "GB-CHC-1000611", "name:ACME CLEANING"), so decisions keyed by them
// survive re-imports.
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

// The supplier `query` names: a key ("GB-COH-01234567", "name:ACME"), a company or charity
// number, or a name (exact normalised name first, then the single supplier whose name contains
// it). Errors: kNotFound (with up to 5 close names in the message), kUsage (several match).
[[nodiscard]] core::Result<store::SupplierRecord> FindSupplier(
    const std::vector<store::SupplierRecord>& suppliers, std::string_view query);

// Suppliers whose name or alias contains every word of `text` (normalised), best first.
std::vector<const store::SupplierRecord*> SearchSuppliers(
    const std::vector<store::SupplierRecord>& suppliers, std::string_view text,
    std::size_t limit);

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
