// Renders suppliers (list, detail with every fact and its source, the unmatched queue), the
// resolution summary, decisions, and register import summaries. Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ingest/registers.h"
#include "metrics/measures.h"
#include "resolve/resolver.h"
#include "store/store.h"

namespace anchornet::report {

// One supplier row with its spend in the report's filter (S2 and T1).
struct SupplierRow {
  const store::SupplierRecord* supplier = nullptr;
  metrics::Amount s2;
  metrics::Amount t1;
};

// Every supplier with spend in the report's filter (its top_suppliers), in its order.
std::vector<SupplierRow> SupplierRows(const metrics::MeasureReport& report);
// The unmatched queue: suppliers with positive addressable spend that no register, return or
// decision classifies (no register match and size unknown; not personal, not a public body),
// most spend first.
std::vector<SupplierRow> UnmatchedRows(const metrics::MeasureReport& report);
// Addressable spend (S2) of the report's scope (its member, or the network) over its years.
core::Pence ScopeS2(const metrics::MeasureReport& report);

std::string SuppliersTable(const std::vector<SupplierRow>& rows, bool synthetic);
std::string SuppliersJson(const std::vector<SupplierRow>& rows);
nlohmann::json SuppliersJsonValue(const std::vector<SupplierRow>& rows);

// The unmatched queue: what to settle first, with each supplier's share of S2 and what settling
// it would add to coverage.
std::string UnmatchedTable(const std::vector<SupplierRow>& rows, core::Pence network_s2,
                           bool synthetic);

// Everything known about one supplier: identifiers, aliases, members, the chosen classification
// and every fact with its source, conflicts marked; decisions about it (the audit trail).
std::string SupplierDetailText(const store::SupplierRecord& supplier,
                               const std::vector<store::Decision>& decisions,
                               std::optional<metrics::Amount> s2);
std::string SupplierDetailJson(const store::SupplierRecord& supplier,
                               const std::vector<store::Decision>& decisions,
                               std::optional<metrics::Amount> s2);
nlohmann::json SupplierDetailJsonValue(const store::SupplierRecord& supplier,
                                       const std::vector<store::Decision>& decisions,
                                       std::optional<metrics::Amount> s2);

std::string ResolveSummaryText(const resolve::ResolveSummary& summary);

std::string RegisterSummaryText(const ingest::RegisterSummary& summary);
std::string RegisterSummaryJson(const std::vector<ingest::RegisterSummary>& summaries);
std::string RegisterImportsTable(const std::vector<store::RegisterImport>& imports);

}  // namespace anchornet::report
