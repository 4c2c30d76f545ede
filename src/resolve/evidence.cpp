// The rules resolution reads evidence with (resolve/internal/evidence.h; docs/suppliers.md).
//
// Thread-safety: pure functions.
#include "resolve/internal/evidence.h"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "core/text.h"

namespace anchornet::resolve::internal {

using core::Fact;
using core::FactField;

std::string OrgKey(std::string_view scheme, std::string_view id) {
  return fmt::format("{}-{}", scheme, id);
}

// The charity scheme a normalised charity number belongs to.
std::string_view CharityScheme(std::string_view number) {
  if (core::StartsWith(number, "SC")) return "GB-SC";
  if (core::StartsWith(number, "NI")) return "GB-NIC";
  return "GB-CHC";
}

bool IsCharityScheme(std::string_view scheme) {
  return scheme == "GB-CHC" || scheme == "GB-SC" || scheme == "GB-NIC";
}

// Companies House Accounts.AccountCategory as a size proxy (docs/suppliers.md, "Size").
std::optional<core::SizeBand> SizeFromAccountCategory(std::string_view category) {
  const std::string c = core::ToUpperAscii(core::Trim(category));
  if (c == "MICRO ENTITY" || c == "MICRO-ENTITY") return core::SizeBand::kMicro;
  if (c == "SMALL" || c == "TOTAL EXEMPTION SMALL" || c == "TOTAL EXEMPTION FULL" ||
      c == "UNAUDITED ABRIDGED" || c == "AUDITED ABRIDGED" || c == "ABRIDGED" ||
      c == "PARTIAL EXEMPTION") {
    return core::SizeBand::kSmall;
  }
  if (c == "MEDIUM") return core::SizeBand::kMedium;
  if (c == "FULL" || c == "GROUP") return core::SizeBand::kLarge;
  return std::nullopt;
}

// VCSE status from a register's legal form: yes, no, or unknown with a reason.
std::optional<FormVcse> VcseFromForm(std::string_view form) {
  const std::string f = core::ToLowerAscii(form);
  if (f.empty()) return std::nullopt;
  if (f.find("community interest") != std::string::npos) return FormVcse{core::Known::kYes, "CIC"};
  if (f.find("charitable incorporated") != std::string::npos || f == "cio") {
    return FormVcse{core::Known::kYes, "CIO"};
  }
  if (f == "charity") return FormVcse{core::Known::kYes, "registered charity"};
  if (f.find("guarantee") != std::string::npos) {
    return FormVcse{core::Known::kUnknown,
                    "company limited by guarantee: a VCSE only with an asset lock"};
  }
  if (f.find("registered society") != std::string::npos ||
      f.find("industrial and provident") != std::string::npos) {
    return FormVcse{core::Known::kUnknown,
                    "registered society: a VCSE if a community benefit society, not if a "
                    "trading co-operative"};
  }
  if (f.find("private limited company") != std::string::npos ||
      f.find("public limited") != std::string::npos ||
      f.find("limited liability partnership") != std::string::npos ||
      f.find("unlimited") != std::string::npos || f == "private limited by shares") {
    return FormVcse{core::Known::kNo, std::string(form)};
  }
  return std::nullopt;
}

// Public bodies recognised from the name alone, for payees with no company number and no legal
// form in their name (docs/suppliers.md, "Public bodies").
core::PublicBodyKind PublicBodyFromName(std::string_view key) {
  auto has = [&](std::string_view word) {
    const std::string padded = " " + std::string(key) + " ";
    return padded.find(" " + std::string(word) + " ") != std::string::npos;
  };
  if (has("HMRC") || key.find("HM REVENUE") != std::string_view::npos ||
      key.find("INLAND REVENUE") != std::string_view::npos) {
    return core::PublicBodyKind::kHmrc;
  }
  if (core::EndsWith(key, "NHS TRUST") || core::EndsWith(key, "NHS FOUNDATION TRUST") ||
      key.find("CLINICAL COMMISSIONING GROUP") != std::string_view::npos ||
      core::StartsWith(key, "NHS ")) {
    return core::PublicBodyKind::kNhs;
  }
  if (core::StartsWith(key, "LONDON BOROUGH OF ") || core::StartsWith(key, "ROYAL BOROUGH OF ") ||
      has("BOROUGH COUNCIL") || has("COUNTY COUNCIL") || has("CITY COUNCIL") ||
      has("DISTRICT COUNCIL") || has("PARISH COUNCIL") || has("TOWN COUNCIL") ||
      core::StartsWith(key, "L B OF ") || core::StartsWith(key, "LB OF ")) {
    return core::PublicBodyKind::kLocalGovernment;
  }
  if (core::EndsWith(key, " POLICE") || core::EndsWith(key, " CONSTABULARY") ||
      core::EndsWith(key, " FIRE AND RESCUE SERVICE") || core::EndsWith(key, " FIRE BRIGADE") ||
      key.find("POLICE AND CRIME COMMISSIONER") != std::string_view::npos) {
    return core::PublicBodyKind::kPoliceFire;
  }
  if (core::StartsWith(key, "UNIVERSITY OF ") || core::EndsWith(key, " UNIVERSITY")) {
    return core::PublicBodyKind::kEducation;
  }
  return core::PublicBodyKind::kNone;
}
void ChooseFacts(std::vector<Fact>& facts) {
  std::map<std::pair<FactField, std::string>, std::vector<Fact*>> groups;
  for (Fact& f : facts) {
    const std::string sub = f.field == FactField::kDiverse ? f.value : std::string();
    groups[{f.field, sub}].push_back(&f);
  }
  for (auto& [key, list] : groups) {
    // An "unknown" fact (a company limited by guarantee's VCSE status) states a reason, not an
    // answer: any source that knows wins over it, and it contradicts none.
    // (A copy, not the binding: clang 14, which builds the sanitizer tree, cannot capture one.)
    const bool diverse = key.first == FactField::kDiverse;
    auto answers = [diverse](const Fact* f) { return diverse || f->value != "unknown"; };
    Fact* best = nullptr;
    for (Fact* f : list) {
      if (!best || (answers(f) && !answers(best)) ||
          (answers(f) == answers(best) &&
           (f->source < best->source || (f->source == best->source && f->as_of > best->as_of)))) {
        best = f;
      }
    }
    best->chosen = true;
    const std::string& chosen_value = key.first == FactField::kDiverse ? best->detail : best->value;
    for (Fact* f : list) {
      const std::string& v = key.first == FactField::kDiverse ? f->detail : f->value;
      if (answers(f) && answers(best) && v != chosen_value) {
        f->conflicts = true;
        best->conflicts = true;
      }
    }
  }
}

const Fact* Chosen(const std::vector<Fact>& facts, FactField field, std::string_view sub) {
  for (const Fact& f : facts) {
    if (f.field == field && f.chosen && (field != FactField::kDiverse || f.value == sub)) return &f;
  }
  return nullptr;
}

}  // namespace anchornet::resolve::internal
