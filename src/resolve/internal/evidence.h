// The rules resolution reads evidence with (docs/suppliers.md): register record keys, size from
// Companies House account categories, VCSE status from a legal form, public bodies from a name,
// and the precedence that chooses one fact per field.
//
// Internal to resolve/. Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/supplier.h"

namespace anchornet::resolve::internal {

// "GB-COH-01234567": a register record's key.
std::string OrgKey(std::string_view scheme, std::string_view id);

// The charity scheme a normalised charity number belongs to: "GB-SC", "GB-NIC" or "GB-CHC".
std::string_view CharityScheme(std::string_view number);
bool IsCharityScheme(std::string_view scheme);

// Companies House Accounts.AccountCategory as a size proxy (docs/suppliers.md, "Size").
std::optional<core::SizeBand> SizeFromAccountCategory(std::string_view category);

// VCSE status from a register's legal form: yes, no, or unknown with a reason.
struct FormVcse {
  core::Known vcse = core::Known::kUnknown;
  std::string detail;
};
std::optional<FormVcse> VcseFromForm(std::string_view form);

// Public bodies recognised from a name key alone, for payees with no company number and no
// legal form in their name (docs/suppliers.md, "Public bodies").
core::PublicBodyKind PublicBodyFromName(std::string_view key);

// Chooses one fact per field by precedence (FactSource order, then the latest as_of), and marks
// conflicts. Diverse facts are per flag (value = flag name).
void ChooseFacts(std::vector<core::Fact>& facts);

// The chosen fact of `field` (for kDiverse, of flag `sub`), or null.
const core::Fact* Chosen(const std::vector<core::Fact>& facts, core::FactField field,
                         std::string_view sub = {});

}  // namespace anchornet::resolve::internal
