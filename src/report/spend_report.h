// Renders the spend summary and import summaries as a terminal table, JSON or CSV.
// Every rendering of synthetic data says so. Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ingest/importer.h"
#include "metrics/spend_summary.h"
#include "store/store.h"

namespace anchornet::report {

std::string SpendSummaryTable(const metrics::SpendSummary& summary);
std::string SpendSummaryJson(const metrics::SpendSummary& summary);
std::string SpendSummaryCsv(const metrics::SpendSummary& summary);

std::string ImportSummaryText(const ingest::ImportSummary& summary);
std::string ImportSummaryJson(const std::vector<ingest::ImportSummary>& summaries);
nlohmann::json ImportSummaryJsonValue(const std::vector<ingest::ImportSummary>& summaries);

std::string RejectsTable(const std::vector<store::RejectRecord>& rejects);
std::string ImportsTable(const std::vector<store::ImportedFile>& files);

std::string NetworkText(const core::Network& network);

}  // namespace anchornet::report
