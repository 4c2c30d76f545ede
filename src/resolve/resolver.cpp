// Supplier resolution (resolve/resolver.h; rules in docs/suppliers.md): loads the inputs, runs
// the phases of resolve/internal/phases.h in turn, fetching from the store between them what the
// next phase needs, and stores the result.
//
// Thread-safety: one call at a time per Store.
#include "resolve/resolver.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/date.h"
#include "resolve/internal/evidence.h"
#include "resolve/internal/phases.h"

namespace anchornet::resolve {

namespace {

using internal::RecordId;
using internal::ResolveState;

core::Result<ResolveState> LoadInputs(store::Store& store) {
  ResolveState s;
  auto network = store.LoadNetwork();
  if (!network) return tl::unexpected(network.error());
  s.in.network = std::move(*network);
  auto version = store.DataVersion();
  if (!version) return tl::unexpected(version.error());
  s.in.data_version = *version;
  auto payees = store.ListPayees();
  if (!payees) return tl::unexpected(payees.error());
  s.in.payees = std::move(*payees);
  auto decisions = store.ListDecisions();
  if (!decisions) return tl::unexpected(decisions.error());
  s.in.decisions = std::move(*decisions);
  auto returns = store.ListSupplierReturns();
  if (!returns) return tl::unexpected(returns.error());
  s.in.returns = std::move(*returns);
  auto imports = store.ListImports("");
  if (!imports) return tl::unexpected(imports.error());
  for (const store::ImportedFile& f : *imports) {
    if (!f.counts.last_paid) continue;
    std::string& last = s.in.member_last_paid[f.member];
    last = std::max(last, core::ToIso(*f.counts.last_paid));
  }
  return s;
}

// Register records by name key, and the links among the name-only candidates.
core::Status FetchNameRecords(store::Store& store, ResolveState& s) {
  auto named = store.FindOrgsByNameKey(internal::NameKeysWanted(s));
  if (!named) return tl::unexpected(named.error());
  for (auto& [key, org] : *named) s.orgs_by_key[key].push_back(std::move(org));
  auto links = store.FindLinks(internal::CandidateRecords(s));
  if (!links) return tl::unexpected(links.error());
  s.candidate_links = std::move(*links);
  return {};
}

core::Status FetchOrgs(store::Store& store,
                       const std::map<std::string, std::vector<std::string>>& ids,
                       ResolveState& s) {
  for (const auto& [scheme, list] : ids) {
    auto found = store.FindOrgs(scheme, list);
    if (!found) return tl::unexpected(found.error());
    for (store::RegisterOrg& o : *found) {
      s.orgs.emplace(internal::OrgKey(o.scheme, o.id), std::move(o));
    }
  }
  return {};
}

// Register records by the entities' identifiers, the links they have, and the linked records.
core::Status FetchIdentifierRecords(store::Store& store, ResolveState& s) {
  const auto wanted = internal::IdentifierRecordsWanted(s);
  if (auto st = FetchOrgs(store, wanted, s); !st) return st;
  std::vector<RecordId> records;
  for (const auto& [scheme, ids] : wanted) {
    for (const std::string& id : ids) records.emplace_back(scheme, id);
  }
  std::sort(records.begin(), records.end());
  auto links = store.FindLinks(records);
  if (!links) return tl::unexpected(links.error());
  return FetchOrgs(store, internal::IndexLinks(s, *links), s);
}

// Postcodes and districts, the deprivation deciles of their LSOAs, and area names.
core::Status FetchPlaces(store::Store& store, ResolveState& s) {
  auto places = store.FindPostcodes(internal::PostcodesWanted(s));
  if (!places) return tl::unexpected(places.error());
  std::set<std::string> lsoas;
  for (store::PostcodePlace& p : *places) {
    if (!p.lsoa.empty()) lsoas.insert(p.lsoa);
    s.places.emplace(p.postcode, std::move(p));
  }
  auto deprivation = store.FindDeprivation({lsoas.begin(), lsoas.end()});
  if (!deprivation) return tl::unexpected(deprivation.error());
  for (const store::Deprivation& d : *deprivation) s.decile[d.lsoa] = d.decile;
  auto areas = store.ListAreaNames();
  if (!areas) return tl::unexpected(areas.error());
  s.area_code_by_name = internal::AreaCodesByName(*areas);
  return {};
}

}  // namespace

core::Result<ResolveSummary> ResolveSuppliers(store::Store& store) {
  auto loaded = LoadInputs(store);
  if (!loaded) return tl::unexpected(loaded.error());
  ResolveState& s = *loaded;
  internal::IndexDecisions(s);
  internal::KeyPayees(s);
  internal::GroupByIdentifier(s);
  internal::GroupByName(s);
  if (auto st = FetchNameRecords(store, s); !st) return tl::unexpected(st.error());
  internal::MatchNames(s);
  internal::FormEntities(s);
  if (auto st = FetchIdentifierRecords(store, s); !st) return tl::unexpected(st.error());
  internal::IndexEvidence(s);
  if (auto st = FetchPlaces(store, s); !st) return tl::unexpected(st.error());
  internal::BuildSuppliers(s);
  if (auto st = store.ReplaceSuppliers(s.suppliers, s.in.data_version); !st) {
    return tl::unexpected(st.error());
  }
  return internal::Summarise(s);
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

}  // namespace anchornet::resolve
