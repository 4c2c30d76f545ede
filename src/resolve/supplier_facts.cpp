// Resolution phases 7 and 8 (resolve/internal/phases.h; docs/suppliers.md): each entity becomes a
// supplier record with every source's facts, precedence choosing one per field, and its key,
// display name, place and classification; then the counts of the summary.
//
// Thread-safety: a state belongs to one call.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/names.h"
#include "core/postcode.h"
#include "core/text.h"
#include "resolve/internal/evidence.h"
#include "resolve/internal/phases.h"

namespace anchornet::resolve::internal {

namespace {

using core::Fact;
using core::FactField;
using core::FactSource;
using store::RegisterOrg;

// One supplier being built from one entity.
struct Draft {
  store::SupplierRecord r;
  std::vector<const RegisterOrg*> records;         // by identifier, and what they link to
  std::vector<const RegisterOrg*> public_records;  // public-body list and NHS records by name
  std::vector<std::string> branch_postcodes;       // trading addresses from member returns

  void Add(FactField field, std::string value, std::string detail, FactSource source,
           std::string source_detail, std::string as_of = {}) {
    r.facts.push_back(Fact{field, std::move(value), std::move(detail), source,
                           std::move(source_detail), std::move(as_of), false, false});
  }
};

// Aliases (most common spelling first), the members that pay it, and its payee ids.
void StartRecord(const ResolveState& s, const Entity& e, Draft& d) {
  std::map<std::string, int> spellings;
  std::set<std::string> members;
  for (std::size_t i : e.payees) {
    const store::PayeeRecord& p = s.in.payees[i];
    ++spellings[p.name];
    members.insert(p.member);
    d.r.payee_ids.push_back(p.id);
  }
  std::vector<std::pair<std::string, int>> sorted(spellings.begin(), spellings.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (auto& [name, n] : sorted) d.r.aliases.push_back(name);
  for (const core::Member& m : s.in.network.members) {
    if (members.count(m.id)) d.r.members.push_back(m.id);
  }
}

// Identifiers, the register records they name (and their linked records), and the public-body
// list and NHS records found by name.
void FindRecords(const ResolveState& s, const Entity& e, Draft& d) {
  store::SupplierRecord& r = d.r;
  if (!e.companies.empty()) r.company_number = *e.companies.begin();
  if (!e.charities.empty()) r.charity_number = *e.charities.begin();
  if (!e.vats.empty()) r.vat_number = *e.vats.begin();
  std::set<std::string> seen_records;
  auto take = [&](const std::string& key) {
    auto it = s.orgs.find(key);
    if (it == s.orgs.end() || !seen_records.insert(key).second) return;
    d.records.push_back(&it->second);
    auto l = s.linked.find(key);
    if (l == s.linked.end()) return;
    for (const auto& [scheme, id] : l->second) {
      auto lt = s.orgs.find(OrgKey(scheme, id));
      if (lt != s.orgs.end() && seen_records.insert(lt->first).second) {
        d.records.push_back(&lt->second);
        if (scheme == "GB-COH" && r.company_number.empty()) r.company_number = id;
        if (IsCharityScheme(scheme) && r.charity_number.empty()) r.charity_number = id;
      }
    }
  };
  for (const std::string& c : e.companies) take("GB-COH-" + c);
  for (const std::string& c : e.charities) take(OrgKey(CharityScheme(c), c));
  for (const std::string& key : e.name_keys) {
    auto it = s.orgs_by_key.find(key);
    if (it == s.orgs_by_key.end()) continue;
    for (const RegisterOrg& o : it->second) {
      if (o.scheme == "GB-PUB" || o.scheme == "GB-NHS") d.public_records.push_back(&o);
    }
  }
}

// How the supplier was matched to a register, and to which record.
void ChooseMatch(const ResolveState& s, const Entity& e, Draft& d) {
  store::SupplierRecord& r = d.r;
  const bool had_own_id = std::any_of(e.payees.begin(), e.payees.end(), [&](std::size_t i) {
    const PayeeIds& info = s.info[i];
    return !info.company.empty() || !info.charity.empty() || !info.vat.empty();
  });
  if (!e.register_name_match.empty()) {
    r.match_method = "register-name";
    r.match_confidence = 0.8;
    const auto dash = e.register_name_match.find('-', 3);
    r.register_scheme = e.register_name_match.substr(0, dash);
    r.register_id = e.register_name_match.substr(dash + 1);
  } else if (!d.records.empty()) {
    r.match_method = had_own_id ? "identifier" : "register-id";
    r.match_confidence = 1.0;
    r.register_scheme = d.records.front()->scheme;
    r.register_id = d.records.front()->id;
  } else if (!d.public_records.empty()) {
    r.match_method = "register-name";
    r.match_confidence = 0.8;
    r.register_scheme = d.public_records.front()->scheme;
    r.register_id = d.public_records.front()->id;
  } else {
    r.match_method = "none";
  }
  r.ambiguous = e.ambiguous && r.match_method == "none";
}

// Key: company, charity, public body, NHS, VAT, else the name; unique among `used_keys`. Display
// name: the register's when matched, else the most common spelling.
void ChooseKeyAndName(const ResolveState& s, const Entity& e, std::set<std::string>& used_keys,
                      Draft& d) {
  store::SupplierRecord& r = d.r;
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
  } else if (!d.public_records.empty()) {
    r.key = OrgKey(d.public_records.front()->scheme, d.public_records.front()->id);
  } else if (!r.vat_number.empty()) {
    r.key = "GB-VAT-" + r.vat_number;
  } else {
    r.key = "name:" + best_key;
  }
  if (!used_keys.insert(r.key).second) {
    // Two suppliers resolved to one key (two names claim one number but were kept apart): keep
    // keys unique and stable by adding the name.
    r.key += "|" + best_key;
    used_keys.insert(r.key);
  }
  r.name = r.aliases.empty() ? best_key : r.aliases.front();
  for (const RegisterOrg* o : d.records) {
    if (!o->name.empty() && o->scheme == r.register_scheme && o->id == r.register_id) {
      r.name = o->name;
    }
  }
  if (!e.register_name_match.empty()) {
    if (auto it = s.orgs.find(e.register_name_match);
        it != s.orgs.end() && !it->second.name.empty()) {
      r.name = it->second.name;
    }
  }
}

// Decisions in force for this supplier: by key, by name key, by identifier. Returns how many
// were applied (cleared decisions are not).
std::int64_t AddDecisionFacts(const ResolveState& s, const Entity& e, Draft& d) {
  std::vector<std::string> subjects = {d.r.key};
  for (const std::string& k : e.name_keys) subjects.push_back("name:" + k);
  for (const std::string& c : e.companies) subjects.push_back("GB-COH-" + c);
  for (const std::string& c : e.charities) subjects.push_back(OrgKey(CharityScheme(c), c));
  std::map<std::pair<FactField, std::string>, const store::Decision*> by_field;
  for (const std::string& subject : subjects) {
    auto it = s.decided.find(subject);
    if (it == s.decided.end()) continue;
    for (const auto& [field, decision] : it->second) {
      const std::string sub = field == FactField::kDiverse ? decision.value : std::string();
      const store::Decision*& slot = by_field[{field, sub}];
      if (!slot || decision.id > slot->id) slot = &decision;
    }
  }
  std::int64_t applied = 0;
  for (const auto& [field, decision] : by_field) {
    if (decision->value.empty() ||
        (decision->field == FactField::kDiverse && core::StartsWith(decision->detail, "unknown"))) {
      continue;  // a cleared decision
    }
    ++applied;
    d.Add(decision->field, decision->value, decision->detail, FactSource::kDecision,
          fmt::format("decided by {} ({}){}", decision->by, decision->at.substr(0, 10),
                      decision->note.empty() ? "" : ": " + decision->note),
          decision->at.substr(0, 10));
  }
  return applied;
}

// Member supplier returns that name it by company or charity number or by name.
void AddReturnFacts(const ResolveState& s, const Entity& e, Draft& d) {
  std::set<const ReturnLine*> return_lines;
  auto gather = [&](const std::string& key) {
    if (auto it = s.returns_by.find(key); it != s.returns_by.end()) {
      return_lines.insert(it->second.begin(), it->second.end());
    }
  };
  for (const std::string& c : e.companies) gather("C" + c);
  for (const std::string& c : e.charities) gather("H" + c);
  for (const std::string& k : e.name_keys) gather("N" + k);
  for (const ReturnLine* rl : return_lines) {
    const store::SupplierReturnLine& l = rl->second;
    const std::string where =
        fmt::format("supplier return from {} ({}, row {})", rl->first, l.source_file, l.row);
    if (l.size != core::SizeBand::kUnknown) {
      d.Add(FactField::kSize, std::string(core::SizeBandName(l.size)), "",
            FactSource::kMemberReturn, where, l.as_of);
    }
    if (l.vcse != core::Known::kUnknown) {
      d.Add(FactField::kVcse, std::string(core::KnownName(l.vcse)), l.vcse_form,
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
      d.Add(FactField::kDiverse, std::string(core::DiverseFlagName(b)), detail,
            FactSource::kMemberReturn, where, l.as_of);
    }
    if (l.public_body != core::PublicBodyKind::kNone) {
      d.Add(FactField::kPublicBody, std::string(core::PublicBodyKindName(l.public_body)), "",
            FactSource::kMemberReturn, where, l.as_of);
    }
    if (!l.postcodes.empty()) {
      d.Add(FactField::kPostcode, l.postcodes.front(), "trading address", FactSource::kMemberReturn,
            where, l.as_of);
      d.branch_postcodes.insert(d.branch_postcodes.end(), l.postcodes.begin(), l.postcodes.end());
    }
  }
}

// Other members of the network: added before the registers, so that a member also on the
// public-body list is recognised as a member (ties between equal sources keep the first fact).
void AddMemberFacts(const ResolveState& s, const Entity& e, Draft& d) {
  for (const std::string& k : e.name_keys) {
    if (auto it = s.member_by_key.find(k); it != s.member_by_key.end()) {
      d.Add(FactField::kPublicBody, "member", it->second, FactSource::kPublicBodyList,
            "a member of this network (" + it->second + ")");
    }
  }
}

// Companies House, the charity registers, the mutuals register, the public-body list and NHS.
void AddRegisterFacts(Draft& d) {
  for (const RegisterOrg* o : d.records) {
    const std::string where =
        fmt::format("{} {}{}", o->scheme, o->id, o->name.empty() ? "" : " (" + o->name + ")");
    const FactSource source = o->scheme == "GB-COH"        ? FactSource::kCompaniesHouse
                              : IsCharityScheme(o->scheme) ? FactSource::kCharityRegister
                              : o->scheme == "GB-MPR"      ? FactSource::kMutualsRegister
                                                           : FactSource::kPublicBodyList;
    if (auto band = SizeFromAccountCategory(o->account_category)) {
      d.Add(FactField::kSize, std::string(core::SizeBandName(*band)),
            "account category " + o->account_category + " (a proxy for size)", source, where,
            o->as_of);
    }
    if (o->form == "academy trust" || o->form == "university") {
      // Exempt charities, but publicly funded education: public bodies, not VCSEs.
      d.Add(FactField::kPublicBody, "education", o->form, source, where, o->as_of);
    } else if (IsCharityScheme(o->scheme)) {
      d.Add(FactField::kVcse, "yes",
            o->form == "CIO" ? "charitable incorporated organisation" : "registered charity",
            source, where, o->as_of);
      d.Add(FactField::kCharityNumber, o->id, "", source, where, o->as_of);
    } else if (auto v = VcseFromForm(o->form)) {
      d.Add(FactField::kVcse, std::string(core::KnownName(v->vcse)), v->detail, source, where,
            o->as_of);
    }
    if (o->scheme == "GB-COH") d.Add(FactField::kCompanyNumber, o->id, "", source, where, o->as_of);
    if (!o->postcode.empty()) {
      d.Add(FactField::kPostcode, o->postcode, "registered address", source, where, o->as_of);
    }
    if (!o->status.empty() && o->scheme == "GB-COH" && core::ToLowerAscii(o->status) != "active") {
      d.Add(FactField::kCompanyNumber, o->id, "status: " + o->status, source, where, o->as_of);
    }
  }
  for (const RegisterOrg* o : d.public_records) {
    const std::string where = fmt::format("{} {} ({})", o->scheme, o->id, o->name);
    if (o->scheme == "GB-NHS") {
      d.Add(FactField::kPublicBody, "nhs", o->form, FactSource::kNhsRegister, where, o->as_of);
    } else {
      const auto kind =
          core::ParsePublicBodyKind(o->form).value_or(core::PublicBodyKind::kOtherPublic);
      d.Add(FactField::kPublicBody, std::string(core::PublicBodyKindName(kind)), "",
            FactSource::kPublicBodyList, where, o->as_of);
    }
    if (!o->postcode.empty()) {
      d.Add(FactField::kPostcode, o->postcode, "registered address",
            o->scheme == "GB-NHS" ? FactSource::kNhsRegister : FactSource::kPublicBodyList, where,
            o->as_of);
    }
  }
}

// The spend files' postcode columns, and what the name alone says (CIC/CIO, public bodies).
void AddSpendFileAndNameFacts(const ResolveState& s, const Entity& e, Draft& d) {
  const std::vector<store::PayeeRecord>& payees = s.in.payees;
  for (std::size_t i : e.payees) {
    const std::string p = core::NormalisePostcode(payees[i].postcode);
    if (!p.empty()) {
      d.Add(FactField::kPostcode, p, "", FactSource::kSpendFile,
            "postcode in " + payees[i].member + "'s payment file");
      break;
    }
  }
  bool has_legal_form = false;
  for (std::size_t i : e.payees) has_legal_form |= !s.info[i].name.legal_form.empty();
  for (std::size_t i : e.payees) {
    const std::string& form = s.info[i].name.legal_form;
    if (form == "CIC" || form == "CIO") {
      d.Add(FactField::kVcse, "yes", form, FactSource::kNamePattern,
            "'" + payees[i].name + "' names a " + form);
      break;
    }
  }
  if (d.r.company_number.empty() && !has_legal_form) {
    for (const std::string& k : e.name_keys) {
      const core::PublicBodyKind kind = PublicBodyFromName(k);
      if (kind == core::PublicBodyKind::kNone) continue;
      d.Add(FactField::kPublicBody, std::string(core::PublicBodyKindName(kind)), "",
            FactSource::kNamePattern, "recognised from the name '" + k + "'");
      break;
    }
  }
}

// Place from the chosen postcode (facts already chosen): local authority, ward, LSOA, IMD
// decile; whether it is local to the network (a branch inside the geography makes it local).
void Locate(const ResolveState& s, Draft& d) {
  store::SupplierRecord& r = d.r;
  if (const Fact* pc = Chosen(r.facts, FactField::kPostcode)) {
    const std::string postcode = pc->value;  // facts grow below
    r.postcode = postcode;
    const std::string where = "postcode " + postcode;
    if (auto full = s.places.find(postcode); full != s.places.end()) {
      const store::PostcodePlace& p = full->second;
      r.local_authority = p.local_authority;
      r.ward = p.ward;
      r.lsoa = p.lsoa;
      if (!p.local_authority.empty()) {
        d.Add(FactField::kLocalAuthority, p.local_authority, p.local_authority_name,
              FactSource::kPostcodeDirectory, where);
      }
      if (!p.ward.empty())
        d.Add(FactField::kWard, p.ward, "", FactSource::kPostcodeDirectory, where);
      if (!p.lsoa.empty()) {
        d.Add(FactField::kLsoa, p.lsoa, "", FactSource::kPostcodeDirectory, where);
        if (auto dec = s.decile.find(p.lsoa); dec != s.decile.end()) {
          r.imd_decile = dec->second;
          d.Add(FactField::kImdDecile, std::to_string(dec->second), "IMD 2019",
                FactSource::kPostcodeDirectory, "LSOA " + p.lsoa);
        }
      }
    } else if (auto district = s.places.find(core::PostcodeDistrict(postcode));
               district != s.places.end()) {
      const store::PostcodePlace& p = district->second;
      std::string code = p.local_authority;
      if (code.empty()) {
        if (auto it = s.area_code_by_name.find(core::ToUpperAscii(p.local_authority_name));
            it != s.area_code_by_name.end()) {
          code = it->second;
        }
      }
      if (!code.empty()) {
        r.local_authority = code;
        d.Add(FactField::kLocalAuthority, code, p.local_authority_name,
              FactSource::kPostcodeDirectory,
              "postcode district " + p.postcode +
                  " (its main local authority; a district can straddle boundaries)");
      }
    }
    for (Fact& f : r.facts) {
      if (f.source == FactSource::kPostcodeDirectory) f.chosen = true;
    }
  }
  if (!r.local_authority.empty()) {
    r.local = s.geography.count(r.local_authority) ? core::Known::kYes : core::Known::kNo;
  }
  if (r.local != core::Known::kYes) {
    for (const std::string& b : d.branch_postcodes) {
      auto it = s.places.find(b);
      if (it != s.places.end() && s.geography.count(it->second.local_authority)) {
        r.local = core::Known::kYes;
        break;
      }
    }
  }
}

// The classification the chosen facts give.
void ApplyChosen(store::SupplierRecord& r) {
  const std::vector<Fact>& facts = r.facts;
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
}

// The one supplier that holds every payee named as a private individual or redacted.
store::SupplierRecord BuildPersonal(const ResolveState& s, const Entity& e) {
  Draft d;
  StartRecord(s, e, d);
  d.r.key = "personal";
  d.r.name = "(personal or redacted payees)";
  d.r.personal = true;
  d.r.match_method = "none";
  d.Add(FactField::kPersonal, "yes", "", FactSource::kSpendFile,
        "payee named as a private individual or redacted in the member's file");
  ChooseFacts(d.r.facts);
  return std::move(d.r);
}

store::SupplierRecord BuildSupplier(ResolveState& s, const Entity& e,
                                    std::set<std::string>& used_keys) {
  Draft d;
  StartRecord(s, e, d);
  FindRecords(s, e, d);
  ChooseMatch(s, e, d);
  ChooseKeyAndName(s, e, used_keys, d);
  s.decisions_applied += AddDecisionFacts(s, e, d);
  AddReturnFacts(s, e, d);
  AddMemberFacts(s, e, d);
  AddRegisterFacts(d);
  AddSpendFileAndNameFacts(s, e, d);
  ChooseFacts(d.r.facts);
  Locate(s, d);
  ApplyChosen(d.r);
  return std::move(d.r);
}

}  // namespace

void BuildSuppliers(ResolveState& s) {
  s.suppliers.reserve(s.by_root.size() + 1);
  std::set<std::string> used_keys;
  for (const auto& [root, e] : s.by_root) s.suppliers.push_back(BuildSupplier(s, e, used_keys));
  if (!s.personal.payees.empty()) s.suppliers.push_back(BuildPersonal(s, s.personal));
  std::sort(
      s.suppliers.begin(), s.suppliers.end(),
      [](const store::SupplierRecord& a, const store::SupplierRecord& b) { return a.key < b.key; });
}

ResolveSummary Summarise(const ResolveState& s) {
  ResolveSummary summary;
  summary.payees = static_cast<std::int64_t>(s.in.payees.size());
  summary.data_version = s.in.data_version;
  summary.decisions_applied = s.decisions_applied;
  for (const store::SupplierRecord& r : s.suppliers) {
    ++summary.suppliers;
    if (r.match_method == "identifier" || r.match_method == "register-id") ++summary.by_identifier;
    if (r.match_method == "register-name") ++summary.by_register_name;
    if (r.match_method == "none" && !r.personal) ++summary.unmatched;
    if (r.ambiguous) ++summary.ambiguous;
    if (r.public_body != core::PublicBodyKind::kNone) ++summary.public_bodies;
    if (r.personal) ++summary.personal;
  }
  return summary;
}

}  // namespace anchornet::resolve::internal
