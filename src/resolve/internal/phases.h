// Supplier resolution as a sequence of phases over one explicit state (resolve/resolver.h; rules
// in docs/suppliers.md), after DuckDB's optimizer passes: ResolveSuppliers loads the inputs,
// then runs each phase in turn, fetching from the store between phases what the next one needs.
// Every phase is a function of the state alone, so tests build a small state by hand and run one.
//
//   0. IndexDecisions       the decision in force per subject and field; identifiers people and
//                           member returns gave for a name
//   1. KeyPayees            name key and identifiers per payee
//   2. GroupByIdentifier    payees sharing a company/charity/VAT number, or one member's vendor id
//   3. GroupByName          name-only payees join the one supplier with an identifier of that name
//                           (or form their own); trading-as names join the name they trade as
//      (fetch)              register records by name key, and the links among them
//   4. MatchNames           a name-only supplier matches the one registered organisation of its
//                           name (linked records counting as one), else it is ambiguous
//   5. FormEntities         one entity per group: its payees, identifiers and name keys
//      (fetch)              register records by identifier, and what they link to (IndexLinks)
//   6. IndexEvidence        members by name, member returns by identifier and name, geography
//      (fetch)              postcodes, deprivation deciles and area names (PostcodesWanted)
//   7. BuildSuppliers       every source's facts per entity, precedence choosing one per field
//   8. Summarise            the counts ResolveSummary reports
//
// Internal to resolve/. Thread-safety: a state belongs to one call; phases are not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/names.h"
#include "core/network.h"
#include "resolve/resolver.h"
#include "store/store.h"

namespace anchornet::resolve::internal {

// A vendor id shared by more different names than this is a catch-all account, not a supplier.
inline constexpr std::size_t kMaxNamesPerVendorId = 5;

// Disjoint sets of payee indexes; the lowest index of a set is its root (deterministic).
class UnionFind {
 public:
  explicit UnionFind(std::size_t n = 0);
  std::size_t Find(std::size_t x);
  void Union(std::size_t a, std::size_t b);

 private:
  std::vector<std::size_t> parent_;
};

// (scheme, id) of a register record: ("GB-COH", "01234567").
using RecordId = std::pair<std::string, std::string>;
// A member's supplier return line with the member's id.
using ReturnLine = std::pair<std::string, store::SupplierReturnLine>;

// A payee's name key and identifiers: its own, or those given for its name.
struct PayeeIds {
  core::NameKey name;
  std::string company, charity, vat;
};

// One group of payees that becomes one supplier.
struct Entity {
  std::vector<std::size_t> payees;
  std::set<std::string> companies, charities, vats;
  std::set<std::string> name_keys;
  bool ambiguous = false;
  bool personal = false;
  std::string register_name_match;  // "scheme-id" when matched by register name
};

// What resolution reads from the store before its first phase.
struct ResolveInputs {
  core::Network network;
  std::int64_t data_version = 0;
  std::vector<store::PayeeRecord> payees;
  std::vector<store::Decision> decisions;  // oldest first
  std::vector<ReturnLine> returns;
  // member id -> ISO date of its last payment in any imported file
  std::unordered_map<std::string, std::string> member_last_paid;
};

struct ResolveState {
  ResolveInputs in;

  // 0. IndexDecisions
  std::map<std::string, std::map<core::FactField, store::Decision>> decided;  // the latest
  std::unordered_map<std::string, RecordId> ids_for_name;  // name key -> (company, charity)
  // 1. KeyPayees
  std::vector<PayeeIds> info;  // per payee
  // 2. GroupByIdentifier
  UnionFind groups;
  std::vector<char> root_has_id;  // per root: a payee of the group carries an identifier
  // 3. GroupByName
  std::unordered_map<std::string, std::vector<std::size_t>> by_key;  // organisation payees
  std::set<std::size_t> ambiguous_roots;
  std::vector<std::string> name_only_keys;
  // fetched after 3: register records by name key, and links among the name-only candidates
  std::unordered_map<std::string, std::vector<store::RegisterOrg>> orgs_by_key;
  std::vector<store::RegisterLink> candidate_links;
  // 4. MatchNames
  std::unordered_map<std::string, RecordId> unique_match;  // name key -> the one record
  std::set<std::string> ambiguous_keys;
  // 5. FormEntities
  std::map<std::size_t, Entity> by_root;
  Entity personal;
  // fetched after 5: register records by identifier ("scheme-id"), and their links both ways
  std::unordered_map<std::string, store::RegisterOrg> orgs;
  std::unordered_map<std::string, std::vector<RecordId>> linked;
  // 6. IndexEvidence
  std::set<std::string> geography;                             // the network's ONS codes
  std::unordered_map<std::string, std::string> member_by_key;  // name key -> member id
  // "C"+company, "H"+charity, "N"+name key -> return lines
  std::unordered_map<std::string, std::vector<const ReturnLine*>> returns_by;
  // fetched after 6
  std::unordered_map<std::string, store::PostcodePlace> places;    // full postcode or district
  std::unordered_map<std::string, int> decile;                     // LSOA -> IMD decile
  std::unordered_map<std::string, std::string> area_code_by_name;  // upper-case name -> code
  // 7. BuildSuppliers
  std::vector<store::SupplierRecord> suppliers;  // sorted by key
  std::int64_t decisions_applied = 0;
};

void IndexDecisions(ResolveState& s);
void KeyPayees(ResolveState& s);
void GroupByIdentifier(ResolveState& s);
void GroupByName(ResolveState& s);
// The name keys to look up in the registers (sorted), and, once orgs_by_key is filled, the
// records of name-only keys whose links decide whether a name is unique (sorted, unique).
std::vector<std::string> NameKeysWanted(const ResolveState& s);
std::vector<RecordId> CandidateRecords(const ResolveState& s);
void MatchNames(ResolveState& s);
void FormEntities(ResolveState& s);

// The register records the entities' identifiers name, per scheme (sorted, unique).
std::map<std::string, std::vector<std::string>> IdentifierRecordsWanted(const ResolveState& s);
// Records `links` both ways into s.linked; returns the linked records to fetch, per scheme.
std::map<std::string, std::vector<std::string>> IndexLinks(
    ResolveState& s, const std::vector<store::RegisterLink>& links);

void IndexEvidence(ResolveState& s);
// Every postcode (and its district) a fact could come from, sorted.
std::vector<std::string> PostcodesWanted(const ResolveState& s);
// Local-authority areas (E06-E09, W06, S12, N09) by upper-case name.
std::unordered_map<std::string, std::string> AreaCodesByName(
    const std::vector<store::AreaName>& areas);

void BuildSuppliers(ResolveState& s);
ResolveSummary Summarise(const ResolveState& s);

}  // namespace anchornet::resolve::internal
