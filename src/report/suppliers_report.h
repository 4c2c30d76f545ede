// Renders suppliers (list, detail with every fact and its source, the unmatched queue), the
// resolution summary, decisions, and register import summaries. Thread-safety: pure functions.
#pragma once

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

std::string SuppliersTable(const std::vector<SupplierRow>& rows, bool synthetic);
std::string SuppliersJson(const std::vector<SupplierRow>& rows);

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

std::string ResolveSummaryText(const resolve::ResolveSummary& summary);

std::string RegisterSummaryText(const ingest::RegisterSummary& summary);
std::string RegisterSummaryJson(const std::vector<ingest::RegisterSummary>& summaries);
std::string RegisterImportsTable(const std::vector<store::RegisterImport>& imports);

}  // namespace anchornet::report
