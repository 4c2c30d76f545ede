// Resolution phases 0-6 and the fetch lists between them (resolve/internal/phases.h; rules in
// docs/suppliers.md): from payees to groups, name matches and entities, and the indexes of
// evidence the facts are built from.
//
// Thread-safety: a state belongs to one call.
#include "resolve/internal/phases.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <tuple>

#include "core/names.h"
#include "core/postcode.h"
#include "core/text.h"
#include "resolve/internal/evidence.h"

namespace anchornet::resolve::internal {

using core::FactField;
using store::RegisterOrg;

namespace {

bool IsPersonal(const store::PayeeRecord& p) { return p.kind == core::PayeeKind::kPersonal; }

bool IsPublicScheme(std::string_view scheme) { return scheme == "GB-PUB" || scheme == "GB-NHS"; }

}  // namespace

UnionFind::UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }

std::size_t UnionFind::Find(std::size_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

void UnionFind::Union(std::size_t a, std::size_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return;
  if (a < b) std::swap(a, b);
  parent_[a] = b;  // the lower index is the root: deterministic
}

void IndexDecisions(ResolveState& s) {
  for (const store::Decision& d : s.in.decisions) s.decided[d.subject][d.field] = d;
  // Identifiers given for a name key by decisions (strongest) and member returns.
  for (const auto& [member, line] : s.in.returns) {
    const std::string key = core::NameKeyOf(line.name);
    if (key.empty()) continue;
    auto& ids = s.ids_for_name[key];
    if (ids.first.empty()) ids.first = core::NormaliseCompanyNumber(line.company_number);
    if (ids.second.empty()) ids.second = core::NormaliseCharityNumber(line.charity_number);
  }
  for (const auto& [subject, fields] : s.decided) {
    if (!core::StartsWith(subject, "name:")) continue;
    auto& ids = s.ids_for_name[subject.substr(5)];
    if (auto it = fields.find(FactField::kCompanyNumber); it != fields.end()) {
      ids.first = core::NormaliseCompanyNumber(it->second.value);
    }
    if (auto it = fields.find(FactField::kCharityNumber); it != fields.end()) {
      ids.second = core::NormaliseCharityNumber(it->second.value);
    }
  }
}

void KeyPayees(ResolveState& s) {
  const std::vector<store::PayeeRecord>& payees = s.in.payees;
  s.info.assign(payees.size(), PayeeIds{});
  std::unordered_map<std::string, core::NameKey> cache;
  for (std::size_t i = 0; i < payees.size(); ++i) {
    const store::PayeeRecord& p = payees[i];
    if (IsPersonal(p)) continue;
    auto it = cache.find(p.name);
    if (it == cache.end()) it = cache.emplace(p.name, core::NormaliseName(p.name)).first;
    PayeeIds& info = s.info[i];
    info.name = it->second;
    info.company = core::NormaliseCompanyNumber(p.company_number);
    info.charity = core::NormaliseCharityNumber(p.charity_number);
    info.vat = core::NormaliseVatNumber(p.vat_number);
    if (auto ids = s.ids_for_name.find(info.name.key); ids != s.ids_for_name.end()) {
      if (!ids->second.first.empty()) info.company = ids->second.first;
      if (!ids->second.second.empty() && info.charity.empty()) info.charity = ids->second.second;
    }
  }
}

void GroupByIdentifier(ResolveState& s) {
  const std::vector<store::PayeeRecord>& payees = s.in.payees;
  s.groups = UnionFind(payees.size());
  std::vector<char> has_id(payees.size(), 0);
  std::unordered_map<std::string, std::size_t> first;
  auto join = [&](std::size_t i, char tag, const std::string& id) {
    if (id.empty()) return;
    has_id[i] = 1;
    auto [it, added] = first.emplace(std::string(1, tag) + id, i);
    if (!added) s.groups.Union(it->second, i);
  };
  for (std::size_t i = 0; i < payees.size(); ++i) {
    if (IsPersonal(payees[i])) continue;
    join(i, 'C', s.info[i].company);
    join(i, 'H', s.info[i].charity);
    join(i, 'V', s.info[i].vat);
  }
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_vendor;
  for (std::size_t i = 0; i < payees.size(); ++i) {
    if (IsPersonal(payees[i]) || payees[i].vendor_id.empty()) continue;
    by_vendor[{payees[i].member, payees[i].vendor_id}].push_back(i);
  }
  for (const auto& [vendor, list] : by_vendor) {
    std::set<std::string> keys;
    for (std::size_t i : list) keys.insert(s.info[i].name.key);
    if (keys.size() > kMaxNamesPerVendorId) continue;
    for (std::size_t i : list) s.groups.Union(list.front(), i);
  }
  s.root_has_id.assign(payees.size(), 0);
  for (std::size_t i = 0; i < payees.size(); ++i) {
    if (has_id[i]) s.root_has_id[s.groups.Find(i)] = 1;
  }
}

void GroupByName(ResolveState& s) {
  const std::vector<store::PayeeRecord>& payees = s.in.payees;
  UnionFind& uf = s.groups;
  for (std::size_t i = 0; i < payees.size(); ++i) {
    if (IsPersonal(payees[i]) || s.info[i].name.key.empty()) continue;
    s.by_key[s.info[i].name.key].push_back(i);
  }
  for (auto& [key, list] : s.by_key) {
    std::set<std::size_t> id_roots;
    for (std::size_t i : list) {
      const std::size_t r = uf.Find(i);
      if (s.root_has_id[r]) id_roots.insert(r);
    }
    if (id_roots.size() == 1) {
      for (std::size_t i : list) uf.Union(*id_roots.begin(), i);
      continue;
    }
    // Name-only payees of this key form one supplier.
    std::size_t anchor = SIZE_MAX;
    for (std::size_t i : list) {
      if (s.root_has_id[uf.Find(i)]) continue;
      if (anchor == SIZE_MAX) anchor = i;
      uf.Union(anchor, i);
    }
    if (anchor == SIZE_MAX) continue;
    if (id_roots.size() > 1) {
      s.ambiguous_roots.insert(uf.Find(anchor));
    } else {
      s.name_only_keys.push_back(key);
    }
  }
  // Trading-as names: "SMITH J T/A SMITHS PLUMBING" joins "SMITHS PLUMBING" when that name is a
  // supplier of its own.
  for (std::size_t i = 0; i < payees.size(); ++i) {
    const std::string& ta = s.info[i].name.trading_as;
    if (ta.empty()) continue;
    if (auto it = s.by_key.find(ta); it != s.by_key.end()) {
      const std::size_t a = uf.Find(i), b = uf.Find(it->second.front());
      if (s.root_has_id[a] && s.root_has_id[b] && a != b) continue;  // two registered bodies
      uf.Union(a, b);
      s.root_has_id[uf.Find(a)] = s.root_has_id[a] || s.root_has_id[b];
    }
  }
}

std::vector<std::string> NameKeysWanted(const ResolveState& s) {
  std::vector<std::string> keys;
  keys.reserve(s.by_key.size());
  for (const auto& [key, list] : s.by_key) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<RecordId> CandidateRecords(const ResolveState& s) {
  std::vector<RecordId> ids;
  for (const std::string& key : s.name_only_keys) {
    auto it = s.orgs_by_key.find(key);
    if (it == s.orgs_by_key.end()) continue;
    for (const RegisterOrg& o : it->second) ids.emplace_back(o.scheme, o.id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

void MatchNames(ResolveState& s) {
  // Links among name candidates, so that a charity and its company count as one organisation.
  std::unordered_map<std::string, std::string> link_parent;
  std::function<std::string(const std::string&)> link_root = [&](const std::string& k) {
    auto it = link_parent.find(k);
    if (it == link_parent.end() || it->second == k) return k;
    std::string r = link_root(it->second);
    link_parent[k] = r;
    return r;
  };
  for (const store::RegisterLink& l : s.candidate_links) {
    const std::string a = link_root(OrgKey(l.scheme_a, l.id_a));
    const std::string b = link_root(OrgKey(l.scheme_b, l.id_b));
    if (a != b) link_parent[std::max(a, b)] = std::min(a, b);
  }
  // key -> the one registered organisation (company or charity) it names, when unique. A company
  // incorporated after every payment its name appears on cannot be the payee (a later company
  // that happens to share the name).
  for (const std::string& key : s.name_only_keys) {
    auto it = s.orgs_by_key.find(key);
    if (it == s.orgs_by_key.end()) continue;
    std::string last_paid;
    for (std::size_t i : s.by_key.at(key)) {
      if (auto m = s.in.member_last_paid.find(s.in.payees[i].member);
          m != s.in.member_last_paid.end()) {
        last_paid = std::max(last_paid, m->second);
      }
    }
    std::set<std::string> clusters;
    const RegisterOrg* pick = nullptr;
    for (const RegisterOrg& o : it->second) {
      if (IsPublicScheme(o.scheme)) continue;  // classified below
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
      s.unique_match[key] = {pick->scheme, pick->id};
    } else if (clusters.size() > 1) {
      s.ambiguous_keys.insert(key);
    }
  }
  // A name matched to a company or charity joins the supplier that already has that number.
  std::unordered_map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < s.in.payees.size(); ++i) {
    const PayeeIds& info = s.info[i];
    if (!info.company.empty()) by_id.emplace("GB-COH-" + info.company, i);
    if (!info.charity.empty()) by_id.emplace(OrgKey(CharityScheme(info.charity), info.charity), i);
  }
  for (const auto& [key, match] : s.unique_match) {
    auto it = by_id.find(OrgKey(match.first, match.second));
    if (it != by_id.end()) {
      s.groups.Union(it->second, s.by_key.at(key).front());
    } else {
      // Two names (a spelling and a previous or alternative name) matched to the same record
      // are one supplier.
      by_id.emplace(OrgKey(match.first, match.second), s.by_key.at(key).front());
    }
  }
  // Likewise names matching one public-body or NHS record ("TfL", "Transport for London").
  std::unordered_map<std::string, std::size_t> by_public;
  for (const std::string& key : s.name_only_keys) {
    if (s.unique_match.count(key)) continue;
    auto it = s.orgs_by_key.find(key);
    if (it == s.orgs_by_key.end()) continue;
    std::set<std::string> records;
    for (const RegisterOrg& o : it->second) {
      if (IsPublicScheme(o.scheme)) records.insert(OrgKey(o.scheme, o.id));
    }
    if (records.size() != 1) continue;
    auto [slot, added] = by_public.emplace(*records.begin(), s.by_key.at(key).front());
    if (!added) s.groups.Union(slot->second, s.by_key.at(key).front());
  }
}

void FormEntities(ResolveState& s) {
  const std::vector<store::PayeeRecord>& payees = s.in.payees;
  s.personal.personal = true;
  for (std::size_t i = 0; i < payees.size(); ++i) {
    if (IsPersonal(payees[i])) {
      s.personal.payees.push_back(i);
      continue;
    }
    const PayeeIds& info = s.info[i];
    Entity& e = s.by_root[s.groups.Find(i)];
    e.payees.push_back(i);
    if (!info.company.empty()) e.companies.insert(info.company);
    if (!info.charity.empty()) e.charities.insert(info.charity);
    if (!info.vat.empty()) e.vats.insert(info.vat);
    if (!info.name.key.empty()) e.name_keys.insert(info.name.key);
  }
  for (auto& [root, e] : s.by_root) {
    if (s.ambiguous_roots.count(s.groups.Find(root))) e.ambiguous = true;
    if (!e.companies.empty() || !e.charities.empty()) continue;
    for (const std::string& key : e.name_keys) {
      if (s.ambiguous_keys.count(key)) e.ambiguous = true;
      auto m = s.unique_match.find(key);
      if (m == s.unique_match.end()) continue;
      e.register_name_match = OrgKey(m->second.first, m->second.second);
      if (m->second.first == "GB-COH") {
        e.companies.insert(m->second.second);
      } else {
        e.charities.insert(m->second.second);
      }
      break;
    }
  }
}

std::map<std::string, std::vector<std::string>> IdentifierRecordsWanted(const ResolveState& s) {
  std::map<std::string, std::vector<std::string>> wanted;
  for (const auto& [root, e] : s.by_root) {
    for (const std::string& c : e.companies) wanted["GB-COH"].push_back(c);
    for (const std::string& c : e.charities) wanted[std::string(CharityScheme(c))].push_back(c);
  }
  for (auto& [scheme, ids] : wanted) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  return wanted;
}

std::map<std::string, std::vector<std::string>> IndexLinks(
    ResolveState& s, const std::vector<store::RegisterLink>& links) {
  std::map<std::string, std::vector<std::string>> more;
  for (const store::RegisterLink& l : links) {
    s.linked[OrgKey(l.scheme_a, l.id_a)].emplace_back(l.scheme_b, l.id_b);
    s.linked[OrgKey(l.scheme_b, l.id_b)].emplace_back(l.scheme_a, l.id_a);
    more[l.scheme_a].push_back(l.id_a);
    more[l.scheme_b].push_back(l.id_b);
  }
  for (auto& [scheme, ids] : more) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  return more;
}

void IndexEvidence(ResolveState& s) {
  s.geography = {s.in.network.geography_codes.begin(), s.in.network.geography_codes.end()};
  // Member names, so payments to other members are recognised.
  for (const core::Member& m : s.in.network.members)
    s.member_by_key[core::NameKeyOf(m.name)] = m.id;
  // Member returns by identifier and name key.
  for (const ReturnLine& r : s.in.returns) {
    const store::SupplierReturnLine& l = r.second;
    if (auto c = core::NormaliseCompanyNumber(l.company_number); !c.empty()) {
      s.returns_by["C" + c].push_back(&r);
    }
    if (auto c = core::NormaliseCharityNumber(l.charity_number); !c.empty()) {
      s.returns_by["H" + c].push_back(&r);
    }
    if (auto k = core::NameKeyOf(l.name); !k.empty()) s.returns_by["N" + k].push_back(&r);
  }
}

std::vector<std::string> PostcodesWanted(const ResolveState& s) {
  std::set<std::string> wanted;
  auto want = [&](const std::string& p) {
    if (p.empty()) return;
    wanted.insert(p);
    const std::string district = core::PostcodeDistrict(p);
    if (!district.empty()) wanted.insert(district);
  };
  for (const store::PayeeRecord& p : s.in.payees) want(core::NormalisePostcode(p.postcode));
  for (const auto& [key, o] : s.orgs) want(o.postcode);
  for (const auto& [key, list] : s.orgs_by_key) {
    for (const RegisterOrg& o : list) want(o.postcode);
  }
  for (const auto& [member, line] : s.in.returns) {
    for (const std::string& p : line.postcodes) want(p);
  }
  for (const auto& [subject, fields] : s.decided) {
    if (auto it = fields.find(FactField::kPostcode); it != fields.end()) {
      want(core::NormalisePostcode(it->second.value));
    }
  }
  return {wanted.begin(), wanted.end()};
}

std::unordered_map<std::string, std::string> AreaCodesByName(
    const std::vector<store::AreaName>& areas) {
  std::unordered_map<std::string, std::string> out;
  for (const store::AreaName& a : areas) {
    for (std::string_view prefix : {"E06", "E07", "E08", "E09", "W06", "S12", "N09"}) {
      if (core::StartsWith(a.code, prefix)) {
        out.emplace(core::ToUpperAscii(a.name), a.code);
        break;
      }
    }
  }
  return out;
}

}  // namespace anchornet::resolve::internal
