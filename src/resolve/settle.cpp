// Settling suppliers: people's decisions validated, recorded and applied (resolve/settle.h;
// docs/suppliers.md, "Settling a supplier").
//
// Thread-safety: one call at a time per Store.
#include "resolve/settle.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/names.h"
#include "core/postcode.h"
#include "core/text.h"
#include "resolve/internal/evidence.h"
#include "resolve/resolver.h"
#include "resolve/search.h"

namespace anchornet::resolve {

using core::ErrorCode;
using core::FactField;
using core::Fail;
using internal::CharityScheme;
using internal::OrgKey;

std::vector<store::Decision> DecisionsAbout(const store::SupplierRecord& supplier,
                                            const std::vector<store::Decision>& decisions) {
  std::set<std::string> subjects = {supplier.key};
  for (const std::string& a : supplier.aliases) subjects.insert("name:" + core::NameKeyOf(a));
  if (!supplier.company_number.empty()) subjects.insert("GB-COH-" + supplier.company_number);
  if (!supplier.charity_number.empty()) {
    subjects.insert(OrgKey(CharityScheme(supplier.charity_number), supplier.charity_number));
  }
  std::vector<store::Decision> out;
  for (const store::Decision& d : decisions) {
    if (subjects.count(d.subject)) out.push_back(d);
  }
  return out;
}

core::Result<store::SupplierRecord> SettleSupplier(store::Store& store,
                                                   const std::vector<SettleRequest>& requests) {
  if (requests.empty()) return Fail(ErrorCode::kUsage, "nothing to set");
  if (auto r = EnsureResolved(store); !r) return tl::unexpected(r.error());
  auto suppliers = store.LoadSuppliers(true);
  if (!suppliers) return tl::unexpected(suppliers.error());
  auto target = FindSupplier(*suppliers, requests.front().supplier);
  if (!target) return tl::unexpected(target.error());
  for (const SettleRequest& q : requests) {
    if (core::Trim(q.by).empty()) {
      return Fail(ErrorCode::kUsage, "say who decided (--by NAME): decisions are audited");
    }
    store::Decision d;
    d.subject = target->key;
    d.field = q.field;
    d.by = std::string(core::Trim(q.by));
    d.note = q.note;
    d.detail = q.detail;
    std::string old;
    switch (q.field) {
      case FactField::kSize: {
        auto band = core::ParseSizeBand(q.value);
        if (!band) {
          return Fail(ErrorCode::kUsage, fmt::format("size '{}' is not one of micro, small, "
                                                     "medium, sme, large, unknown",
                                                     q.value));
        }
        d.value = *band == core::SizeBand::kUnknown ? "" : std::string(core::SizeBandName(*band));
        old = core::SizeBandName(target->size);
        break;
      }
      case FactField::kVcse:
      case FactField::kPersonal: {
        auto k = core::ParseKnown(q.value);
        if (!k)
          return Fail(ErrorCode::kUsage, fmt::format("'{}' is not yes, no or unknown", q.value));
        d.value = *k == core::Known::kUnknown ? "" : std::string(core::KnownName(*k));
        old = q.field == FactField::kVcse ? std::string(core::KnownName(target->vcse))
                                          : (target->personal ? "yes" : "no");
        break;
      }
      case FactField::kDiverse: {
        // value: flag name; detail: yes/no [certified:BY]
        bool ok = false;
        for (int b = 0; b < core::kDiverseFlagCount; ++b) ok |= q.value == core::DiverseFlagName(b);
        if (!ok) {
          return Fail(ErrorCode::kUsage,
                      fmt::format("'{}' is not a diverse-ownership flag (women, ethnic-minority, "
                                  "disabled, lgbtq)",
                                  q.value));
        }
        const std::string answer = core::ToLowerAscii(core::Split(q.detail, ' ').front());
        if (answer != "yes" && answer != "no" && answer != "unknown") {
          return Fail(ErrorCode::kUsage, "a diverse-ownership answer is yes, no or unknown");
        }
        d.value = q.value;  // detail "unknown" clears the earlier answer
        old = "";
        break;
      }
      case FactField::kPublicBody: {
        auto kind = core::ParsePublicBodyKind(q.value);
        if (!kind) {
          return Fail(ErrorCode::kUsage,
                      fmt::format("'{}' is not a public-body kind (local-government, nhs, hmrc, "
                                  "central-government, police-fire, education, other-public, "
                                  "member, none)",
                                  q.value));
        }
        d.value = std::string(core::PublicBodyKindName(*kind));
        old = core::PublicBodyKindName(target->public_body);
        break;
      }
      case FactField::kPostcode: {
        d.value = core::NormalisePostcode(q.value);
        if (d.value.empty() && !core::Trim(q.value).empty()) {
          return Fail(ErrorCode::kUsage, fmt::format("'{}' is not a UK postcode", q.value));
        }
        old = target->postcode;
        break;
      }
      case FactField::kCompanyNumber: {
        d.value = core::NormaliseCompanyNumber(q.value);
        if (d.value.empty()) {
          return Fail(ErrorCode::kUsage, fmt::format("'{}' is not a company number", q.value));
        }
        old = target->company_number;
        // Keyed by name, so that the number regroups every spelling of this supplier.
        d.subject = "name:" + core::NameKeyOf(target->name);
        break;
      }
      case FactField::kCharityNumber: {
        d.value = core::NormaliseCharityNumber(q.value);
        if (d.value.empty()) {
          return Fail(ErrorCode::kUsage, fmt::format("'{}' is not a charity number", q.value));
        }
        old = target->charity_number;
        d.subject = "name:" + core::NameKeyOf(target->name);
        break;
      }
      default:
        return Fail(ErrorCode::kUsage,
                    fmt::format("'{}' cannot be set by hand", core::FactFieldName(q.field)));
    }
    d.old_value = old;
    if (auto id = store.AddDecision(d); !id) return tl::unexpected(id.error());
  }
  if (auto r = ResolveSuppliers(store); !r) return tl::unexpected(r.error());
  auto after = store.LoadSuppliers(true);
  if (!after) return tl::unexpected(after.error());
  // Find it again: its key may have changed (a company number was set).
  for (const store::SupplierRecord& s : *after) {
    if (std::find(s.payee_ids.begin(), s.payee_ids.end(),
                  target->payee_ids.empty() ? -1 : target->payee_ids.front()) !=
        s.payee_ids.end()) {
      return s;
    }
  }
  return FindSupplier(*after, target->key);
}

core::Result<std::vector<SettleRequest>> SettleRequestsFrom(const SettleForm& form) {
  std::vector<SettleRequest> requests;
  auto add = [&](core::FactField field, const std::string& value, std::string detail = {}) {
    requests.push_back({form.supplier, field, value, std::move(detail), form.by, form.note});
  };
  if (!form.company_number.empty()) add(core::FactField::kCompanyNumber, form.company_number);
  if (!form.charity_number.empty()) add(core::FactField::kCharityNumber, form.charity_number);
  if (!form.size.empty()) add(core::FactField::kSize, form.size);
  if (!form.vcse.empty()) add(core::FactField::kVcse, form.vcse);
  if (!form.postcode.empty()) add(core::FactField::kPostcode, form.postcode);
  if (!form.public_body.empty()) add(core::FactField::kPublicBody, form.public_body);
  if (form.individual) add(core::FactField::kPersonal, "yes");
  for (const auto& [flag, value] : form.diverse) {
    std::string answer = value;
    if (answer == "yes") {
      answer += " " + (form.evidence.empty() ? std::string("self-declared") : form.evidence);
    }
    add(core::FactField::kDiverse, flag, answer);
  }
  if (requests.empty()) {
    return core::Fail(core::ErrorCode::kUsage,
                      "say what to set: company number, size, VCSE, diverse ownership, postcode, "
                      "public body or individual");
  }
  return requests;
}

}  // namespace anchornet::resolve
