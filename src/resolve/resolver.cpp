// Supplier resolution (resolve/resolver.h; rules in docs/suppliers.md).
//
// 1. Each organisation payee gets a name key (core/names.h) and its identifiers: its own company,
//    charity and VAT numbers, plus numbers people (decisions) or members (supplier returns) gave
//    for that name.
// 2. Payees sharing an identifier are one supplier; so are one member's payees sharing its own
//    vendor id (unless that id covers many different names: a "sundry" account).
// 3. Payees known only by name join the one supplier with an identifier that has their name key;
//    with none, they form a supplier of that name, matched to a register record when exactly one
//    registered organisation (counting linked records as one) has that name; with several, the
//    name is ambiguous and stays unmatched.
// 4. Every supplier gathers facts from every source; precedence picks one per field.
//
// Thread-safety: one call at a time per Store.
#include "resolve/resolver.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <tuple>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/date.h"
#include "core/names.h"
#include "core/postcode.h"
#include "core/text.h"

namespace anchornet::resolve {

namespace {

using core::ErrorCode;
using core::Fact;
using core::FactField;
using core::FactSource;
using core::Fail;
using store::RegisterOrg;

// A vendor id shared by more different names than this is a catch-all account, not a supplier.
constexpr std::size_t kMaxNamesPerVendorId = 5;

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t Find(std::size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Union(std::size_t a, std::size_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (a < b) std::swap(a, b);
    parent_[a] = b;  // the lower index is the root: deterministic
  }

 private:
  std::vector<std::size_t> parent_;
};

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
struct FormVcse {
  core::Known vcse = core::Known::kUnknown;
  std::string detail;
};
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

struct PayeeInfo {
  core::NameKey name;
  std::string company, charity, vat;
};

struct Entity {
  std::vector<std::size_t> payees;
  std::set<std::string> companies, charities, vats;
  std::set<std::string> name_keys;
  bool ambiguous = false;
  bool personal = false;
  std::string register_name_match;  // "scheme-id" when matched by register name
  std::vector<RegisterOrg> orgs;    // every register record for it (by id, link or name)
};

struct DecisionIndex {
  // subject -> field -> the decision in force (latest)
  std::map<std::string, std::map<FactField, store::Decision>> latest;
};

// Chooses one fact per field by precedence (FactSource order, then the latest as_of), and marks
// conflicts. Diverse facts are per flag (value = flag name).
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
    const std::string& chosen_value =
        key.first == FactField::kDiverse ? best->detail : best->value;
    for (Fact* f : list) {
      const std::string& v = key.first == FactField::kDiverse ? f->detail : f->value;
      if (answers(f) && answers(best) && v != chosen_value) {
        f->conflicts = true;
        best->conflicts = true;
      }
    }
  }
}

const Fact* Chosen(const std::vector<Fact>& facts, FactField field,
                   std::string_view sub = {}) {
  for (const Fact& f : facts) {
    if (f.field == field && f.chosen && (field != FactField::kDiverse || f.value == sub)) return &f;
  }
  return nullptr;
}

}  // namespace

core::Result<ResolveSummary> ResolveSuppliers(store::Store& store) {
  auto network = store.LoadNetwork();
  if (!network) return tl::unexpected(network.error());
  auto version = store.DataVersion();
  if (!version) return tl::unexpected(version.error());
  auto payees_or = store.ListPayees();
  if (!payees_or) return tl::unexpected(payees_or.error());
  const std::vector<store::PayeeRecord>& payees = *payees_or;
  auto decisions = store.ListDecisions();
  if (!decisions) return tl::unexpected(decisions.error());
  auto returns = store.ListSupplierReturns();
  if (!returns) return tl::unexpected(returns.error());

  ResolveSummary summary;
  summary.payees = static_cast<std::int64_t>(payees.size());
  summary.data_version = *version;

  DecisionIndex decided;
  for (const store::Decision& d : *decisions) decided.latest[d.subject][d.field] = d;

  // Identifiers given for a name key by decisions (strongest) and member returns.
  std::unordered_map<std::string, std::pair<std::string, std::string>> ids_for_name;
  for (const auto& [member, line] : *returns) {
    const std::string key = core::NameKeyOf(line.name);
    if (key.empty()) continue;
    auto& ids = ids_for_name[key];
    if (ids.first.empty()) ids.first = core::NormaliseCompanyNumber(line.company_number);
    if (ids.second.empty()) ids.second = core::NormaliseCharityNumber(line.charity_number);
  }
  for (const auto& [subject, fields] : decided.latest) {
    if (!core::StartsWith(subject, "name:")) continue;
    auto& ids = ids_for_name[subject.substr(5)];
    if (auto it = fields.find(FactField::kCompanyNumber); it != fields.end()) {
      ids.first = core::NormaliseCompanyNumber(it->second.value);
    }
    if (auto it = fields.find(FactField::kCharityNumber); it != fields.end()) {
      ids.second = core::NormaliseCharityNumber(it->second.value);
    }
  }

  // 1. Name keys and identifiers per payee.
  std::vector<PayeeInfo> info(payees.size());
  {
    std::unordered_map<std::string, core::NameKey> cache;
    for (std::size_t i = 0; i < payees.size(); ++i) {
      const store::PayeeRecord& p = payees[i];
      if (p.kind == core::PayeeKind::kPersonal) continue;
      auto it = cache.find(p.name);
      if (it == cache.end()) it = cache.emplace(p.name, core::NormaliseName(p.name)).first;
      info[i].name = it->second;
      info[i].company = core::NormaliseCompanyNumber(p.company_number);
      info[i].charity = core::NormaliseCharityNumber(p.charity_number);
      info[i].vat = core::NormaliseVatNumber(p.vat_number);
      if (auto ids = ids_for_name.find(info[i].name.key); ids != ids_for_name.end()) {
        if (!ids->second.first.empty()) info[i].company = ids->second.first;
        if (!ids->second.second.empty() && info[i].charity.empty()) {
          info[i].charity = ids->second.second;
        }
      }
    }
  }

  // 2. Identifiers and vendor ids.
  UnionFind uf(payees.size());
  std::vector<char> has_id(payees.size(), 0);
  {
    std::unordered_map<std::string, std::size_t> first;
    auto join = [&](std::size_t i, char tag, const std::string& id) {
      if (id.empty()) return;
      has_id[i] = 1;
      auto [it, added] = first.emplace(std::string(1, tag) + id, i);
      if (!added) uf.Union(it->second, i);
    };
    for (std::size_t i = 0; i < payees.size(); ++i) {
      if (payees[i].kind == core::PayeeKind::kPersonal) continue;
      join(i, 'C', info[i].company);
      join(i, 'H', info[i].charity);
      join(i, 'V', info[i].vat);
    }
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_vendor;
    for (std::size_t i = 0; i < payees.size(); ++i) {
      if (payees[i].kind == core::PayeeKind::kPersonal || payees[i].vendor_id.empty()) continue;
      by_vendor[{payees[i].member, payees[i].vendor_id}].push_back(i);
    }
    for (const auto& [vendor, list] : by_vendor) {
      std::set<std::string> keys;
      for (std::size_t i : list) keys.insert(info[i].name.key);
      if (keys.size() > kMaxNamesPerVendorId) continue;
      for (std::size_t i : list) uf.Union(list.front(), i);
    }
  }
  std::vector<char> root_has_id(payees.size(), 0);
  for (std::size_t i = 0; i < payees.size(); ++i) {
    if (has_id[i]) root_has_id[uf.Find(i)] = 1;
  }

  // 3. Names.
  std::unordered_map<std::string, std::vector<std::size_t>> by_key;
  for (std::size_t i = 0; i < payees.size(); ++i) {
    if (payees[i].kind == core::PayeeKind::kPersonal || info[i].name.key.empty()) continue;
    by_key[info[i].name.key].push_back(i);
  }
  std::set<std::size_t> ambiguous_roots;
  std::vector<std::string> name_only_keys;
  for (auto& [key, list] : by_key) {
    std::set<std::size_t> id_roots;
    for (std::size_t i : list) {
      const std::size_t r = uf.Find(i);
      if (root_has_id[r]) id_roots.insert(r);
    }
    if (id_roots.size() == 1) {
      for (std::size_t i : list) uf.Union(*id_roots.begin(), i);
      continue;
    }
    // Name-only payees of this key form one supplier.
    std::size_t anchor = SIZE_MAX;
    for (std::size_t i : list) {
      if (root_has_id[uf.Find(i)]) continue;
      if (anchor == SIZE_MAX) anchor = i;
      uf.Union(anchor, i);
    }
    if (anchor == SIZE_MAX) continue;
    if (id_roots.size() > 1) {
      ambiguous_roots.insert(uf.Find(anchor));
    } else {
      name_only_keys.push_back(key);
    }
  }
  // Trading-as names: "SMITH J T/A SMITHS PLUMBING" joins "SMITHS PLUMBING" when that name is a
  // supplier of its own.
  for (std::size_t i = 0; i < payees.size(); ++i) {
    const std::string& ta = info[i].name.trading_as;
    if (ta.empty()) continue;
    if (auto it = by_key.find(ta); it != by_key.end()) {
      const std::size_t a = uf.Find(i), b = uf.Find(it->second.front());
      if (root_has_id[a] && root_has_id[b] && a != b) continue;  // two registered bodies
      uf.Union(a, b);
      root_has_id[uf.Find(a)] = root_has_id[a] || root_has_id[b];
    }
  }

  // 4. Register records by name for suppliers known only by name (and for public bodies).
  std::vector<std::string> all_keys;
  all_keys.reserve(by_key.size());
  for (const auto& [key, list] : by_key) all_keys.push_back(key);
  std::sort(all_keys.begin(), all_keys.end());
  auto named = store.FindOrgsByNameKey(all_keys);
  if (!named) return tl::unexpected(named.error());
  std::unordered_map<std::string, std::vector<RegisterOrg>> orgs_by_key;
  for (auto& [key, org] : *named) orgs_by_key[key].push_back(std::move(org));

  // Links among name candidates, so that a charity and its company count as one organisation.
  std::vector<std::pair<std::string, std::string>> candidate_ids;
  for (const std::string& key : name_only_keys) {
    auto it = orgs_by_key.find(key);
    if (it == orgs_by_key.end()) continue;
    for (const RegisterOrg& o : it->second) candidate_ids.emplace_back(o.scheme, o.id);
  }
  std::sort(candidate_ids.begin(), candidate_ids.end());
  candidate_ids.erase(std::unique(candidate_ids.begin(), candidate_ids.end()), candidate_ids.end());
  auto candidate_links = store.FindLinks(candidate_ids);
  if (!candidate_links) return tl::unexpected(candidate_links.error());
  std::unordered_map<std::string, std::string> link_parent;
  std::function<std::string(const std::string&)> link_root = [&](const std::string& k) {
    auto it = link_parent.find(k);
    if (it == link_parent.end() || it->second == k) return k;
    std::string r = link_root(it->second);
    link_parent[k] = r;
    return r;
  };
  for (const store::RegisterLink& l : *candidate_links) {
    const std::string a = link_root(OrgKey(l.scheme_a, l.id_a));
    const std::string b = link_root(OrgKey(l.scheme_b, l.id_b));
    if (a != b) link_parent[std::max(a, b)] = std::min(a, b);
  }
  // key -> the one registered organisation (company or charity) it names, when unique.
  std::unordered_map<std::string, std::pair<std::string, std::string>> unique_match;
  std::set<std::string> ambiguous_keys;
  // The last payment date of each member: a company incorporated after every payment its name
  // appears on cannot be the payee (a later company that happens to share the name).
  std::unordered_map<std::string, std::string> member_last_paid;
  {
    auto imports = store.ListImports("");
    if (!imports) return tl::unexpected(imports.error());
    for (const store::ImportedFile& f : *imports) {
      if (!f.counts.last_paid) continue;
      std::string& last = member_last_paid[f.member];
      last = std::max(last, core::ToIso(*f.counts.last_paid));
    }
  }
  for (const std::string& key : name_only_keys) {
    auto it = orgs_by_key.find(key);
    if (it == orgs_by_key.end()) continue;
    std::string last_paid;
    for (std::size_t i : by_key[key]) {
      if (auto m = member_last_paid.find(payees[i].member); m != member_last_paid.end()) {
        last_paid = std::max(last_paid, m->second);
      }
    }
    std::set<std::string> clusters;
    const RegisterOrg* pick = nullptr;
    for (const RegisterOrg& o : it->second) {
      if (o.scheme == "GB-PUB" || o.scheme == "GB-NHS") continue;  // classified below
      if (!o.incorporated.empty() && !last_paid.empty() && o.incorporated > last_paid) continue;
      clusters.insert(link_root(OrgKey(o.scheme, o.id)));
      // The supplier's identifier: the company record with the lowest number, else the lowest
      // other record (deterministic whatever order the store returns them in).
      auto rank = [](const RegisterOrg& r) {
        return std::make_tuple(r.scheme != "GB-COH", std::cref(r.scheme), std::cref(r.id));
      };
      if (!pick || rank(o) < rank(*pick)) pick = &o;
    }
    if (clusters.size() == 1 && pick) {
      unique_match[key] = {pick->scheme, pick->id};
    } else if (clusters.size() > 1) {
      ambiguous_keys.insert(key);
    }
  }
  // A name matched to a company or charity joins the supplier that already has that number.
  {
    std::unordered_map<std::string, std::size_t> by_id;
    for (std::size_t i = 0; i < payees.size(); ++i) {
      if (!info[i].company.empty()) by_id.emplace("GB-COH-" + info[i].company, i);
      if (!info[i].charity.empty()) {
        by_id.emplace(OrgKey(CharityScheme(info[i].charity), info[i].charity), i);
      }
    }
    for (const auto& [key, match] : unique_match) {
      auto it = by_id.find(OrgKey(match.first, match.second));
      if (it != by_id.end()) {
        uf.Union(it->second, by_key[key].front());
      } else {
        // Two names (a spelling and a previous or alternative name) matched to the same record
        // are one supplier.
        by_id.emplace(OrgKey(match.first, match.second), by_key[key].front());
      }
    }
    // Likewise names matching one public-body or NHS record ("TfL", "Transport for London").
    std::unordered_map<std::string, std::size_t> by_public;
    for (const std::string& key : name_only_keys) {
      if (unique_match.count(key)) continue;
      auto it = orgs_by_key.find(key);
      if (it == orgs_by_key.end()) continue;
      std::set<std::string> records;
      for (const RegisterOrg& o : it->second) {
        if (o.scheme == "GB-PUB" || o.scheme == "GB-NHS") records.insert(OrgKey(o.scheme, o.id));
      }
      if (records.size() != 1) continue;
      auto [slot, added] = by_public.emplace(*records.begin(), by_key[key].front());
      if (!added) uf.Union(slot->second, by_key[key].front());
    }
  }

  // 5. Entities.
  std::map<std::size_t, Entity> by_root;
  Entity personal;
  personal.personal = true;
  for (std::size_t i = 0; i < payees.size(); ++i) {
    if (payees[i].kind == core::PayeeKind::kPersonal) {
      personal.payees.push_back(i);
      continue;
    }
    Entity& e = by_root[uf.Find(i)];
    e.payees.push_back(i);
    if (!info[i].company.empty()) e.companies.insert(info[i].company);
    if (!info[i].charity.empty()) e.charities.insert(info[i].charity);
    if (!info[i].vat.empty()) e.vats.insert(info[i].vat);
    if (!info[i].name.key.empty()) e.name_keys.insert(info[i].name.key);
  }
  for (auto& [root, e] : by_root) {
    if (ambiguous_roots.count(uf.Find(root))) e.ambiguous = true;
    if (!e.companies.empty() || !e.charities.empty()) continue;
    for (const std::string& key : e.name_keys) {
      if (ambiguous_keys.count(key)) e.ambiguous = true;
      auto m = unique_match.find(key);
      if (m == unique_match.end()) continue;
      e.register_name_match = OrgKey(m->second.first, m->second.second);
      if (m->second.first == "GB-COH") {
        e.companies.insert(m->second.second);
      } else {
        e.charities.insert(m->second.second);
      }
      break;
    }
  }

  // 6. Register records by identifier, and what they link to.
  std::vector<std::string> companies, charities_ew, charities_sc, charities_ni;
  for (const auto& [root, e] : by_root) {
    companies.insert(companies.end(), e.companies.begin(), e.companies.end());
    for (const std::string& c : e.charities) {
      const std::string_view scheme = CharityScheme(c);
      (scheme == "GB-SC" ? charities_sc : scheme == "GB-NIC" ? charities_ni : charities_ew)
          .push_back(c);
    }
  }
  std::unordered_map<std::string, RegisterOrg> orgs;
  auto fetch = [&](std::string_view scheme, std::vector<std::string> ids) -> core::Status {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    auto found = store.FindOrgs(scheme, ids);
    if (!found) return tl::unexpected(found.error());
    for (RegisterOrg& o : *found) orgs.emplace(OrgKey(o.scheme, o.id), std::move(o));
    return {};
  };
  if (auto s = fetch("GB-COH", companies); !s) return tl::unexpected(s.error());
  if (auto s = fetch("GB-CHC", charities_ew); !s) return tl::unexpected(s.error());
  if (auto s = fetch("GB-SC", charities_sc); !s) return tl::unexpected(s.error());
  if (auto s = fetch("GB-NIC", charities_ni); !s) return tl::unexpected(s.error());
  std::vector<std::pair<std::string, std::string>> id_records;
  for (const std::string& c : companies) id_records.emplace_back("GB-COH", c);
  for (const auto* list : {&charities_ew, &charities_sc, &charities_ni}) {
    for (const std::string& c : *list) id_records.emplace_back(CharityScheme(c), c);
  }
  std::sort(id_records.begin(), id_records.end());
  id_records.erase(std::unique(id_records.begin(), id_records.end()), id_records.end());
  auto links = store.FindLinks(id_records);
  if (!links) return tl::unexpected(links.error());
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> linked;
  {
    std::map<std::string, std::vector<std::string>> more;
    for (const store::RegisterLink& l : *links) {
      linked[OrgKey(l.scheme_a, l.id_a)].emplace_back(l.scheme_b, l.id_b);
      linked[OrgKey(l.scheme_b, l.id_b)].emplace_back(l.scheme_a, l.id_a);
      more[l.scheme_a].push_back(l.id_a);
      more[l.scheme_b].push_back(l.id_b);
    }
    for (auto& [scheme, ids] : more) {
      if (auto s = fetch(scheme, ids); !s) return tl::unexpected(s.error());
    }
  }

  // 7. Postcodes and places.
  std::set<std::string> wanted_postcodes;
  auto want_postcode = [&](const std::string& p) {
    if (p.empty()) return;
    wanted_postcodes.insert(p);
    const std::string district = core::PostcodeDistrict(p);
    if (!district.empty()) wanted_postcodes.insert(district);
  };
  for (const store::PayeeRecord& p : payees) want_postcode(core::NormalisePostcode(p.postcode));
  for (const auto& [key, o] : orgs) want_postcode(o.postcode);
  for (const auto& [key, list] : orgs_by_key) {
    for (const RegisterOrg& o : list) want_postcode(o.postcode);
  }
  for (const auto& [member, line] : *returns) {
    for (const std::string& p : line.postcodes) want_postcode(p);
  }
  for (const auto& [subject, fields] : decided.latest) {
    if (auto it = fields.find(FactField::kPostcode); it != fields.end()) {
      want_postcode(core::NormalisePostcode(it->second.value));
    }
  }
  auto places_or = store.FindPostcodes({wanted_postcodes.begin(), wanted_postcodes.end()});
  if (!places_or) return tl::unexpected(places_or.error());
  std::unordered_map<std::string, store::PostcodePlace> places;
  std::set<std::string> lsoas;
  for (store::PostcodePlace& p : *places_or) {
    if (!p.lsoa.empty()) lsoas.insert(p.lsoa);
    places.emplace(p.postcode, std::move(p));
  }
  auto deprivation_or = store.FindDeprivation({lsoas.begin(), lsoas.end()});
  if (!deprivation_or) return tl::unexpected(deprivation_or.error());
  std::unordered_map<std::string, int> decile;
  for (const store::Deprivation& d : *deprivation_or) decile[d.lsoa] = d.decile;
  auto areas = store.ListAreaNames();
  if (!areas) return tl::unexpected(areas.error());
  std::unordered_map<std::string, std::string> area_code_by_name;
  for (const store::AreaName& a : *areas) {
    if (core::StartsWith(a.code, "E06") || core::StartsWith(a.code, "E07") ||
        core::StartsWith(a.code, "E08") || core::StartsWith(a.code, "E09") ||
        core::StartsWith(a.code, "W06") || core::StartsWith(a.code, "S12") ||
        core::StartsWith(a.code, "N09")) {
      area_code_by_name.emplace(core::ToUpperAscii(a.name), a.code);
    }
  }
  const std::set<std::string> geography(network->geography_codes.begin(),
                                        network->geography_codes.end());

  // Member names, so payments to other members are recognised.
  std::unordered_map<std::string, std::string> member_by_key;
  for (const core::Member& m : network->members) member_by_key[core::NameKeyOf(m.name)] = m.id;

  // Member returns by identifier and name key.
  std::unordered_map<std::string, std::vector<const std::pair<std::string, store::SupplierReturnLine>*>>
      returns_by;
  for (const auto& r : *returns) {
    const store::SupplierReturnLine& l = r.second;
    if (auto c = core::NormaliseCompanyNumber(l.company_number); !c.empty()) {
      returns_by["C" + c].push_back(&r);
    }
    if (auto c = core::NormaliseCharityNumber(l.charity_number); !c.empty()) {
      returns_by["H" + c].push_back(&r);
    }
    if (auto k = core::NameKeyOf(l.name); !k.empty()) returns_by["N" + k].push_back(&r);
  }

  // 8. Facts and the chosen classification.
  std::vector<store::SupplierRecord> out;
  out.reserve(by_root.size() + 1);
  std::set<std::string> used_keys;
  auto build = [&](Entity& e) -> store::SupplierRecord {
    store::SupplierRecord r;
    std::vector<Fact>& facts = r.facts;
    auto add = [&](FactField field, std::string value, std::string detail, FactSource source,
                   std::string source_detail, std::string as_of = {}) {
      facts.push_back(Fact{field, std::move(value), std::move(detail), source,
                           std::move(source_detail), std::move(as_of), false, false});
    };
    // Aliases and members, most common spelling first.
    std::map<std::string, int> spellings;
    std::set<std::string> members;
    for (std::size_t i : e.payees) {
      ++spellings[payees[i].name];
      members.insert(payees[i].member);
      r.payee_ids.push_back(payees[i].id);
    }
    std::vector<std::pair<std::string, int>> sorted(spellings.begin(), spellings.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (auto& [name, n] : sorted) r.aliases.push_back(name);
    for (const core::Member& m : network->members) {
      if (members.count(m.id)) r.members.push_back(m.id);
    }

    if (e.personal) {
      r.key = "personal";
      r.name = "(personal or redacted payees)";
      r.personal = true;
      r.match_method = "none";
      add(FactField::kPersonal, "yes", "", FactSource::kSpendFile,
          "payee named as a private individual or redacted in the member's file");
      ChooseFacts(facts);
      return r;
    }

    // Identifiers and register records.
    if (!e.companies.empty()) r.company_number = *e.companies.begin();
    if (!e.charities.empty()) r.charity_number = *e.charities.begin();
    if (!e.vats.empty()) r.vat_number = *e.vats.begin();
    std::vector<const RegisterOrg*> records;
    std::set<std::string> seen_records;
    auto take = [&](const std::string& key) {
      auto it = orgs.find(key);
      if (it == orgs.end() || !seen_records.insert(key).second) return;
      records.push_back(&it->second);
      if (auto l = linked.find(key); l != linked.end()) {
        for (const auto& [scheme, id] : l->second) {
          auto lt = orgs.find(OrgKey(scheme, id));
          if (lt != orgs.end() && seen_records.insert(lt->first).second) {
            records.push_back(&lt->second);
            if (scheme == "GB-COH" && r.company_number.empty()) r.company_number = id;
            if (IsCharityScheme(scheme) && r.charity_number.empty()) r.charity_number = id;
          }
        }
      }
    };
    for (const std::string& c : e.companies) take("GB-COH-" + c);
    for (const std::string& c : e.charities) take(OrgKey(CharityScheme(c), c));
    // Public-body list and NHS records found by name.
    std::vector<const RegisterOrg*> public_records;
    for (const std::string& key : e.name_keys) {
      auto it = orgs_by_key.find(key);
      if (it == orgs_by_key.end()) continue;
      for (const RegisterOrg& o : it->second) {
        if (o.scheme == "GB-PUB" || o.scheme == "GB-NHS") public_records.push_back(&o);
      }
    }

    const bool had_own_id = std::any_of(e.payees.begin(), e.payees.end(), [&](std::size_t i) {
      return !info[i].company.empty() || !info[i].charity.empty() || !info[i].vat.empty();
    });
    if (!e.register_name_match.empty()) {
      r.match_method = "register-name";
      r.match_confidence = 0.8;
      const auto dash = e.register_name_match.find('-', 3);
      r.register_scheme = e.register_name_match.substr(0, dash);
      r.register_id = e.register_name_match.substr(dash + 1);
    } else if (!records.empty()) {
      r.match_method = had_own_id ? "identifier" : "register-id";
      r.match_confidence = 1.0;
      r.register_scheme = records.front()->scheme;
      r.register_id = records.front()->id;
    } else if (!public_records.empty()) {
      r.match_method = "register-name";
      r.match_confidence = 0.8;
      r.register_scheme = public_records.front()->scheme;
      r.register_id = public_records.front()->id;
    } else {
      r.match_method = "none";
    }
    r.ambiguous = e.ambiguous && r.match_method == "none";

    // Key: company, charity, public body, NHS, VAT, else the name.
    const std::string best_key = e.name_keys.empty() ? std::string() : [&] {
      // The name key of the most common spelling.
      for (const std::string& alias : r.aliases) {
        const std::string k = core::NameKeyOf(alias);
        if (!k.empty()) return k;
      }
      return *e.name_keys.begin();
    }();
    if (!r.company_number.empty()) {
      r.key = "GB-COH-" + r.company_number;
    } else if (!r.charity_number.empty()) {
      r.key = OrgKey(CharityScheme(r.charity_number), r.charity_number);
    } else if (!public_records.empty()) {
      r.key = OrgKey(public_records.front()->scheme, public_records.front()->id);
    } else if (!r.vat_number.empty()) {
      r.key = "GB-VAT-" + r.vat_number;
    } else {
      r.key = "name:" + best_key;
    }
    if (!used_keys.insert(r.key).second) {
      // Two suppliers resolved to one key (two names claim one number but were kept apart):
      // keep keys unique and stable by adding the name.
      r.key += "|" + best_key;
      used_keys.insert(r.key);
    }
    // Display name: the register's when matched, else the most common spelling.
    r.name = r.aliases.empty() ? best_key : r.aliases.front();
    for (const RegisterOrg* o : records) {
      if (!o->name.empty() && o->scheme == r.register_scheme && o->id == r.register_id) {
        r.name = o->name;
      }
    }
    if (!e.register_name_match.empty()) {
      if (auto it = orgs.find(e.register_name_match); it != orgs.end() && !it->second.name.empty()) {
        r.name = it->second.name;
      }
    }

    // Decisions in force for this supplier: by key, by name key, by identifier.
    std::vector<const store::Decision*> applied;
    std::vector<std::string> subjects = {r.key};
    for (const std::string& k : e.name_keys) subjects.push_back("name:" + k);
    for (const std::string& c : e.companies) subjects.push_back("GB-COH-" + c);
    for (const std::string& c : e.charities) subjects.push_back(OrgKey(CharityScheme(c), c));
    std::map<std::pair<FactField, std::string>, const store::Decision*> by_field;
    for (const std::string& s : subjects) {
      auto it = decided.latest.find(s);
      if (it == decided.latest.end()) continue;
      for (const auto& [field, d] : it->second) {
        const std::string sub = field == FactField::kDiverse ? d.value : std::string();
        const store::Decision*& slot = by_field[{field, sub}];
        if (!slot || d.id > slot->id) slot = &d;
      }
    }
    for (const auto& [field, d] : by_field) {
      if (d->value.empty() ||
          (d->field == FactField::kDiverse && core::StartsWith(d->detail, "unknown"))) {
        continue;  // a cleared decision
      }
      ++summary.decisions_applied;
      add(d->field, d->value, d->detail, FactSource::kDecision,
          fmt::format("decided by {} ({}){}", d->by, d->at.substr(0, 10),
                      d->note.empty() ? "" : ": " + d->note),
          d->at.substr(0, 10));
    }

    // Member returns.
    std::set<const std::pair<std::string, store::SupplierReturnLine>*> return_lines;
    for (const std::string& c : e.companies) {
      if (auto it = returns_by.find("C" + c); it != returns_by.end()) {
        return_lines.insert(it->second.begin(), it->second.end());
      }
    }
    for (const std::string& c : e.charities) {
      if (auto it = returns_by.find("H" + c); it != returns_by.end()) {
        return_lines.insert(it->second.begin(), it->second.end());
      }
    }
    for (const std::string& k : e.name_keys) {
      if (auto it = returns_by.find("N" + k); it != returns_by.end()) {
        return_lines.insert(it->second.begin(), it->second.end());
      }
    }
    std::vector<std::string> branch_postcodes;
    for (const auto* rl : return_lines) {
      const store::SupplierReturnLine& l = rl->second;
      const std::string where =
          fmt::format("supplier return from {} ({}, row {})", rl->first, l.source_file, l.row);
      if (l.size != core::SizeBand::kUnknown) {
        add(FactField::kSize, std::string(core::SizeBandName(l.size)), "", FactSource::kMemberReturn,
            where, l.as_of);
      }
      if (l.vcse != core::Known::kUnknown) {
        add(FactField::kVcse, std::string(core::KnownName(l.vcse)), l.vcse_form,
            FactSource::kMemberReturn, where, l.as_of);
      }
      for (int b = 0; b < core::kDiverseFlagCount; ++b) {
        const std::uint8_t bit = static_cast<std::uint8_t>(1 << b);
        if (!(l.diverse_yes & bit) && !(l.diverse_no & bit)) continue;
        std::string detail = (l.diverse_yes & bit) ? "yes" : "no";
        if (l.diverse_yes & bit) {
          detail += l.evidence == core::Evidence::kCertified
                        ? " certified" + (l.certified_by.empty() ? "" : ":" + l.certified_by)
                        : " self-declared";
        }
        add(FactField::kDiverse, std::string(core::DiverseFlagName(b)), detail,
            FactSource::kMemberReturn, where, l.as_of);
      }
      if (l.public_body != core::PublicBodyKind::kNone) {
        add(FactField::kPublicBody, std::string(core::PublicBodyKindName(l.public_body)), "",
            FactSource::kMemberReturn, where, l.as_of);
      }
      if (!l.postcodes.empty()) {
        add(FactField::kPostcode, l.postcodes.front(), "trading address", FactSource::kMemberReturn,
            where, l.as_of);
        branch_postcodes.insert(branch_postcodes.end(), l.postcodes.begin(), l.postcodes.end());
      }
    }

    // Other members of the network: first, so that a member also on the public-body list is
    // recognised as a member (ties between equal sources keep the first fact).
    for (const std::string& k : e.name_keys) {
      if (auto it = member_by_key.find(k); it != member_by_key.end()) {
        add(FactField::kPublicBody, "member", it->second, FactSource::kPublicBodyList,
            "a member of this network (" + it->second + ")");
      }
    }

    // Registers.
    for (const RegisterOrg* o : records) {
      const std::string where = fmt::format("{} {}{}", o->scheme, o->id,
                                            o->name.empty() ? "" : " (" + o->name + ")");
      const FactSource source = o->scheme == "GB-COH"      ? FactSource::kCompaniesHouse
                                : IsCharityScheme(o->scheme) ? FactSource::kCharityRegister
                                : o->scheme == "GB-MPR"      ? FactSource::kMutualsRegister
                                                             : FactSource::kPublicBodyList;
      if (auto band = SizeFromAccountCategory(o->account_category)) {
        add(FactField::kSize, std::string(core::SizeBandName(*band)),
            "account category " + o->account_category + " (a proxy for size)", source, where,
            o->as_of);
      }
      if (o->form == "academy trust" || o->form == "university") {
        // Exempt charities, but publicly funded education: public bodies, not VCSEs.
        add(FactField::kPublicBody, "education", o->form, source, where, o->as_of);
      } else if (IsCharityScheme(o->scheme)) {
        add(FactField::kVcse, "yes",
            o->form == "CIO" ? "charitable incorporated organisation" : "registered charity",
            source, where, o->as_of);
        add(FactField::kCharityNumber, o->id, "", source, where, o->as_of);
      } else if (auto v = VcseFromForm(o->form)) {
        add(FactField::kVcse, std::string(core::KnownName(v->vcse)), v->detail, source, where,
            o->as_of);
      }
      if (o->scheme == "GB-COH") add(FactField::kCompanyNumber, o->id, "", source, where, o->as_of);
      if (!o->postcode.empty()) {
        add(FactField::kPostcode, o->postcode, "registered address", source, where, o->as_of);
      }
      if (!o->status.empty() && o->scheme == "GB-COH" &&
          core::ToLowerAscii(o->status) != "active") {
        add(FactField::kCompanyNumber, o->id, "status: " + o->status, source, where, o->as_of);
      }
    }
    for (const RegisterOrg* o : public_records) {
      const std::string where = fmt::format("{} {} ({})", o->scheme, o->id, o->name);
      if (o->scheme == "GB-NHS") {
        add(FactField::kPublicBody, "nhs", o->form, FactSource::kNhsRegister, where, o->as_of);
      } else {
        const auto kind = core::ParsePublicBodyKind(o->form).value_or(core::PublicBodyKind::kOtherPublic);
        add(FactField::kPublicBody, std::string(core::PublicBodyKindName(kind)), "",
            FactSource::kPublicBodyList, where, o->as_of);
      }
      if (!o->postcode.empty()) {
        add(FactField::kPostcode, o->postcode, "registered address",
            o->scheme == "GB-NHS" ? FactSource::kNhsRegister : FactSource::kPublicBodyList, where,
            o->as_of);
      }
    }
    // The spend files: postcode columns.
    for (std::size_t i : e.payees) {
      const std::string p = core::NormalisePostcode(payees[i].postcode);
      if (!p.empty()) {
        add(FactField::kPostcode, p, "", FactSource::kSpendFile,
            "postcode in " + payees[i].member + "'s payment file");
        break;
      }
    }
    // The name alone.
    bool has_legal_form = false;
    for (std::size_t i : e.payees) has_legal_form |= !info[i].name.legal_form.empty();
    for (std::size_t i : e.payees) {
      const std::string& form = info[i].name.legal_form;
      if (form == "CIC" || form == "CIO") {
        add(FactField::kVcse, "yes", form, FactSource::kNamePattern,
            "'" + payees[i].name + "' names a " + form);
        break;
      }
    }
    if (r.company_number.empty() && !has_legal_form) {
      for (const std::string& k : e.name_keys) {
        const core::PublicBodyKind kind = PublicBodyFromName(k);
        if (kind == core::PublicBodyKind::kNone) continue;
        add(FactField::kPublicBody, std::string(core::PublicBodyKindName(kind)), "",
            FactSource::kNamePattern, "recognised from the name '" + k + "'");
        break;
      }
    }

    // Location from the chosen postcode.
    ChooseFacts(facts);
    if (const Fact* pc = Chosen(facts, FactField::kPostcode)) {
      r.postcode = pc->value;
      const std::string where = "postcode " + pc->value;
      auto full = places.find(pc->value);
      if (full != places.end()) {
        const store::PostcodePlace& p = full->second;
        r.local_authority = p.local_authority;
        r.ward = p.ward;
        r.lsoa = p.lsoa;
        if (!p.local_authority.empty()) {
          add(FactField::kLocalAuthority, p.local_authority, p.local_authority_name,
              FactSource::kPostcodeDirectory, where);
        }
        if (!p.ward.empty()) add(FactField::kWard, p.ward, "", FactSource::kPostcodeDirectory, where);
        if (!p.lsoa.empty()) {
          add(FactField::kLsoa, p.lsoa, "", FactSource::kPostcodeDirectory, where);
          if (auto d = decile.find(p.lsoa); d != decile.end()) {
            r.imd_decile = d->second;
            add(FactField::kImdDecile, std::to_string(d->second), "IMD 2019",
                FactSource::kPostcodeDirectory, "LSOA " + p.lsoa);
          }
        }
      } else if (auto district = places.find(core::PostcodeDistrict(pc->value));
                 district != places.end()) {
        const store::PostcodePlace& p = district->second;
        std::string code = p.local_authority;
        if (code.empty()) {
          if (auto it = area_code_by_name.find(core::ToUpperAscii(p.local_authority_name));
              it != area_code_by_name.end()) {
            code = it->second;
          }
        }
        if (!code.empty()) {
          r.local_authority = code;
          add(FactField::kLocalAuthority, code, p.local_authority_name,
              FactSource::kPostcodeDirectory,
              "postcode district " + p.postcode + " (its main local authority; a district can "
              "straddle boundaries)");
        }
      }
      for (Fact& f : facts) {
        if (f.source == FactSource::kPostcodeDirectory) f.chosen = true;
      }
    }
    if (!r.local_authority.empty()) {
      r.local = geography.count(r.local_authority) ? core::Known::kYes : core::Known::kNo;
    }
    // A branch (trading postcode from a member return) inside the geography makes it local.
    if (r.local != core::Known::kYes) {
      for (const std::string& b : branch_postcodes) {
        auto it = places.find(b);
        if (it != places.end() && geography.count(it->second.local_authority)) {
          r.local = core::Known::kYes;
          break;
        }
      }
    }

    // The chosen classification.
    if (const Fact* f = Chosen(facts, FactField::kSize)) {
      r.size = core::ParseSizeBand(f->value).value_or(core::SizeBand::kUnknown);
    }
    if (const Fact* f = Chosen(facts, FactField::kVcse)) {
      r.vcse = core::ParseKnown(f->value).value_or(core::Known::kUnknown);
    }
    for (int b = 0; b < core::kDiverseFlagCount; ++b) {
      const Fact* f = Chosen(facts, FactField::kDiverse, core::DiverseFlagName(b));
      if (!f) continue;
      const std::uint8_t bit = static_cast<std::uint8_t>(1 << b);
      r.diverse_known |= bit;
      if (core::StartsWith(f->detail, "yes")) {
        r.diverse_yes |= bit;
        const core::Evidence ev = f->detail.find("certified") != std::string::npos
                                      ? core::Evidence::kCertified
                                      : core::Evidence::kSelfDeclared;
        r.diverse_evidence = std::max(r.diverse_evidence, ev);
      }
    }
    if (const Fact* f = Chosen(facts, FactField::kPublicBody)) {
      r.public_body = core::ParsePublicBodyKind(f->value).value_or(core::PublicBodyKind::kNone);
    }
    if (const Fact* f = Chosen(facts, FactField::kPersonal)) r.personal = f->value == "yes";
    if (const Fact* f = Chosen(facts, FactField::kCompanyNumber);
        f && f->source == FactSource::kDecision) {
      r.company_number = core::NormaliseCompanyNumber(f->value);
    }
    return r;
  };

  for (auto& [root, e] : by_root) out.push_back(build(e));
  if (!personal.payees.empty()) out.push_back(build(personal));
  std::sort(out.begin(), out.end(),
            [](const store::SupplierRecord& a, const store::SupplierRecord& b) {
              return a.key < b.key;
            });
  for (const store::SupplierRecord& r : out) {
    ++summary.suppliers;
    if (r.match_method == "identifier" || r.match_method == "register-id") ++summary.by_identifier;
    if (r.match_method == "register-name") ++summary.by_register_name;
    if (r.match_method == "none" && !r.personal) ++summary.unmatched;
    if (r.ambiguous) ++summary.ambiguous;
    if (r.public_body != core::PublicBodyKind::kNone) ++summary.public_bodies;
    if (r.personal) ++summary.personal;
  }
  if (auto s = store.ReplaceSuppliers(out, *version); !s) return tl::unexpected(s.error());
  return summary;
}

core::Result<std::optional<ResolveSummary>> EnsureResolved(store::Store& store) {
  auto data = store.DataVersion();
  if (!data) return tl::unexpected(data.error());
  auto resolved = store.ResolvedVersion();
  if (!resolved) return tl::unexpected(resolved.error());
  if (*resolved == *data) return std::optional<ResolveSummary>();
  auto summary = ResolveSuppliers(store);
  if (!summary) return tl::unexpected(summary.error());
  return std::optional<ResolveSummary>(*summary);
}

core::Result<store::SupplierRecord> FindSupplier(const std::vector<store::SupplierRecord>& suppliers,
                                                 std::string_view query) {
  const std::string q(core::Trim(query));
  if (q.empty()) return Fail(ErrorCode::kUsage, "name a supplier: its key, number or name");
  for (const store::SupplierRecord& s : suppliers) {
    if (s.key == q) return s;
  }
  const std::string company = core::NormaliseCompanyNumber(q);
  const std::string charity = core::NormaliseCharityNumber(q);
  const std::string key = core::NameKeyOf(q);
  std::vector<const store::SupplierRecord*> exact;
  for (const store::SupplierRecord& s : suppliers) {
    if ((!company.empty() && s.company_number == company) ||
        (!charity.empty() && s.charity_number == charity)) {
      return s;
    }
    if (!key.empty() && (s.key == "name:" + key || core::NameKeyOf(s.name) == key)) {
      exact.push_back(&s);
      continue;
    }
    for (const std::string& a : s.aliases) {
      if (core::NameKeyOf(a) == key) {
        exact.push_back(&s);
        break;
      }
    }
  }
  if (exact.size() == 1) return *exact.front();
  auto found = exact.empty() ? SearchSuppliers(suppliers, q, 6) : exact;
  if (found.size() == 1) return *found.front();
  if (found.empty()) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("no supplier matches '{}' (try `anchornet suppliers search`)", q));
  }
  std::string names;
  for (std::size_t i = 0; i < found.size() && i < 5; ++i) {
    names += fmt::format("{}\n  {} [{}]", i ? "" : "", found[i]->name, found[i]->key);
  }
  return Fail(ErrorCode::kUsage,
              fmt::format("'{}' matches several suppliers; name one by its key:{}", q, names));
}

std::vector<const store::SupplierRecord*> SearchSuppliers(
    const std::vector<store::SupplierRecord>& suppliers, std::string_view text,
    std::size_t limit) {
  const std::string key = core::NameKeyOf(text);
  std::vector<std::string> words;
  for (std::string_view w : core::Split(key, ' ')) {
    if (!w.empty()) words.emplace_back(w);
  }
  std::vector<std::pair<int, const store::SupplierRecord*>> scored;
  if (words.empty()) return {};
  for (const store::SupplierRecord& s : suppliers) {
    int best = -1;
    auto score = [&](const std::string& name) {
      const std::string k = " " + core::NameKeyOf(name) + " ";
      for (const std::string& w : words) {
        if (k.find(w) == std::string::npos) return;
      }
      // Whole-name match first, then names starting with the text, then any.
      const int s2 = k == " " + key + " " ? 3 : core::StartsWith(k, " " + key) ? 2 : 1;
      best = std::max(best, s2);
    };
    score(s.name);
    for (const std::string& a : s.aliases) score(a);
    if (best > 0) scored.emplace_back(best, &s);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<const store::SupplierRecord*> out;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(scored[i].second);
  return out;
}

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
                                                     "medium, sme, large, unknown", q.value));
        }
        d.value = *band == core::SizeBand::kUnknown ? "" : std::string(core::SizeBandName(*band));
        old = core::SizeBandName(target->size);
        break;
      }
      case FactField::kVcse:
      case FactField::kPersonal: {
        auto k = core::ParseKnown(q.value);
        if (!k) return Fail(ErrorCode::kUsage, fmt::format("'{}' is not yes, no or unknown", q.value));
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
                                  "disabled, lgbtq)", q.value));
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
                                  "member, none)", q.value));
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
                  target->payee_ids.empty() ? -1 : target->payee_ids.front()) != s.payee_ids.end()) {
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
